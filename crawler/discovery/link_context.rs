//! What the text around a link says about it: pretraining or tuning data, an evaluation or
//! news heading above it, the sentence leading to it.

use crate::evidence::*;
use openness_sources::text::mentions_any;

/// Whether the text just before a link to `url` calls it pretraining data.
pub(super) fn pretraining_context(text: &str, url_fragment: &str) -> bool {
    lead_in(text, url_fragment).is_some_and(|s| speaks_of_pretraining(&s))
}

/// Whether `text` speaks of pretraining other than as a kind of model ("pretraining data",
/// "used for pre-training"; not "a pre-trained Command family of models").
fn speaks_of_pretraining(text: &str) -> bool {
    let lower = text.to_lowercase();
    let model_words = ["model", "checkpoint", "weights", "llm", "network", "backbone"];
    ["pretrain", "pre-train"].iter().any(|w| {
        lower.match_indices(w).any(|(at, _)| {
            let next: Vec<&str> = lower[at..].split_whitespace().skip(1).take(4).collect();
            !next.iter().any(|n| model_words.iter().any(|m| n.starts_with(m)))
        })
    })
}

/// Words of a sentence that says a linked dataset was used to train or tune a model.
pub(super) const TRAINING_DATA_WORDS: &[&str] = &["train", "fine-tun", "finetun", "instruction data", "instruction-tun", "tuning data", "rlhf"];

/// The role of data linked at `at` in the card `text` of a model whose data has `data_role`:
/// pretraining when the link's context says so. `None` when a base model's card tells how a
/// derivative was fine-tuned ("built by finetuning X on [a dataset]"): that names the
/// derivative's data, not its own.
pub(super) fn linked_data_role(text: &str, at: &str, data_role: DataRole) -> Option<DataRole> {
    if under_evaluation_heading(text, at) {
        return None;
    }
    // Words right after the link name its use ("[bloom](…) for pretraining & [xP3](…) for
    // finetuning") and outrank the sentence before it.
    let after = tail(text, at).unwrap_or_default();
    let tuning_after = mentions_any(&after, FINE_TUNING_WORDS);
    let pretraining = !tuning_after && (speaks_of_pretraining(&after) || pretraining_context(text, at));
    // Nor does a link under a heading about tuned models ("Models finetuned off Widget-30B"),
    // whose sentence may have begun on an earlier line.
    let under_tuning_heading = || heading_above(text, at).is_some_and(|h| mentions_any(&h, FINE_TUNING_WORDS));
    if data_role == DataRole::Pretraining && !pretraining && (tuning_after || context_says(text, at, FINE_TUNING_WORDS) || under_tuning_heading()) {
        return None;
    }
    Some(if pretraining { DataRole::Pretraining } else { data_role })
}

/// Words that name fine-tuning (preference tuning included).
const FINE_TUNING_WORDS: &[&str] = &["finetun", "fine-tun", "instruction-tun", "instruction tun", "direct preference", "preference optimi", "rlhf", "supervised fine", "post-train", "instruct model", "instruct version", "chat model", "chat version"];

/// The words after the first `url_fragment` in `text`, up to the end of its sentence or the
/// next link, within the line and at most 200 bytes on; `None` when `text` lacks the fragment.
fn tail(text: &str, url_fragment: &str) -> Option<String> {
    let pos = text.find(url_fragment)? + url_fragment.len();
    let mut end = (pos + 200).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[pos..end];
    let cut = ["\n", ". ", "[", "http"].iter().filter_map(|m| window.find(m)).min().unwrap_or(window.len());
    Some(window[..cut].to_string())
}

/// Whether the first link to `url_fragment` in `text` sits under a heading about evaluation
/// (and not about training): a benchmark linked there is no training data.
fn under_evaluation_heading(text: &str, url_fragment: &str) -> bool {
    heading_above(text, url_fragment).is_some_and(|h| mentions_any(&h, openness_sources::card::EVALUATION_HEADING_WORDS) && !mentions_any(&h, &["train", "tuning", "fine-tun"]))
}

/// Whether a README's link to `url_fragment` is about training data: its sentence says so, and
/// it does not sit under an evaluation heading.
pub(super) fn readme_training_link(text: &str, url_fragment: &str) -> bool {
    context_says(text, url_fragment, TRAINING_DATA_WORDS) && !under_evaluation_heading(text, url_fragment) && !under_news_heading(text, url_fragment)
}

/// Whether the first link to `url_fragment` in `text` sits under a heading of announcements
/// ("News", "Updates", "Changelog"): a dataset released there is news, not a statement of
/// what some model was trained on.
fn under_news_heading(text: &str, url_fragment: &str) -> bool {
    heading_above(text, url_fragment).is_some_and(|h| mentions_any(&h, &["news", "update", "changelog", "release notes", "announcement"]))
}

/// The Markdown heading (`#` … `######`) nearest above the first `url_fragment` in `text`;
/// comments in code blocks are no headings.
pub(super) fn heading_above(text: &str, url_fragment: &str) -> Option<String> {
    let pos = text.find(url_fragment)?;
    let prose = openness_sources::card::strip_code_blocks(&text[..pos]);
    prose.lines().rev().map(str::trim_start).find(|l| l.starts_with('#')).map(|l| l.trim_start_matches('#').trim().to_string())
}

/// Whether the sentence (on one line, at most 400 bytes back) that holds the first link
/// to `url_fragment` says one of `words` (lower case) before the link.
pub(super) fn context_says(text: &str, url_fragment: &str, words: &[&str]) -> bool {
    lead_in(text, url_fragment).is_some_and(|sentence| {
        let sentence = sentence.to_lowercase();
        words.iter().any(|w| sentence.contains(w))
    })
}

/// The sentence of `text` up to the first `url_fragment` (a link's text included), within
/// its line and at most 400 bytes back; `None` when `text` lacks the fragment.
pub(crate) fn lead_in(text: &str, url_fragment: &str) -> Option<String> {
    let pos = text.find(url_fragment)?;
    let mut start = pos.saturating_sub(400);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let window = &text[start..pos];
    let line = window.rsplit('\n').next().unwrap_or(window);
    // The sentence starts after the last ". ", "! " or "? " of the line.
    let start = [". ", "! ", "? "].iter().filter_map(|end| line.rfind(end).map(|i| i + end.len())).max().unwrap_or(0);
    Some(line[start..].to_string())
}
