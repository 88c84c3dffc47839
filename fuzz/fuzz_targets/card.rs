//! Model and dataset cards: YAML front matter + Markdown, as served by the Hub.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openness_sources::card::Card;

fuzz_target!(|data: &[u8]| {
    // The crawler rejects cards that are not UTF-8 before parsing them.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let card = Card::parse(text);
    let _ = card.front_matter_list("datasets");
    let _ = card.front_matter_list("base_model");
    let _ = card.front_matter_str("license");
    let _ = card.has_section(&["training", "data"]);
    let _ = openness_sources::links::references_in(&card.body);
    let _ = openness_sources::card::named_base(&card.body);
    for section in &card.sections {
        let _ = openness_sources::card::tables(&section.text);
    }
    let _ = openness_sources::text::word_count(&card.body);
    // Snippets around matches, and around any position (it need not be a char boundary).
    let _ = openness_sources::text::find_snippet(&card.body, &["license", "train", " "]);
    if !card.body.is_empty() {
        let _ = openness_sources::text::around(&card.body, data.len() % card.body.len(), 3);
    }
    let _ = card.section_where(|title, enclosing| title.contains("train") && enclosing.is_empty(), |sub| !sub.contains("data"));
    let _ = openness_sources::text::east_asian_share(&card.body);
    for e in openness_sources::bibtex::entries(&card.body) {
        let _ = e.peer_reviewed_venue();
    }
});
