//! Vendor pages and cards shown on Hub pages: HTML (or anything else) read lossily, as the
//! crawler does.
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
    let shown = openness_sources::html::markdown_of(&text, "https://huggingface.co/acme/widget", &["div.model-card-content"]);
    let _ = openness_sources::card::Card::parse(&shown.unwrap_or_default());
    let _ = openness_sources::html::markdown_of(&text, "https://vendor.example/", &[]);
});
