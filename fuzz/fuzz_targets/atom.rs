//! arXiv API answers (Atom feeds); any bytes, as they come off the wire.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(entries) = openness_sources::arxiv::parse_feed(data) {
        for e in entries {
            let _ = openness_sources::links::references_in(&e.summary);
        }
    }
});
