//! Licence texts (LICENSE files, licence pages) and README licence badges.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = openness_sources::license::detect_text(text);
    let _ = openness_sources::license::licence_badges(text);
    let _ = openness_sources::license::stated_code_licences(text);
    // Labels: Hub tags, licence lines of cards, PyPI licence fields.
    let _ = openness_sources::license::classify(text.lines().next().unwrap_or(""));
});
