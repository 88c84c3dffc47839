//! Vendor pages: HTML (or anything else) read lossily, as the crawler does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openness_sources::html::Page;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let page = Page::parse(&text, "https://vendor.example/models/widget", Some("text/html; charset=utf-8"));
    for link in &page.links {
        let _ = openness_sources::links::classify(link);
    }
    let _ = Page::parse(&text, "https://vendor.example/", None);
});
