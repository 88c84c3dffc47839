//! Licence texts (LICENSE files, licence pages).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = openness_sources::license::detect_text(text);
});
