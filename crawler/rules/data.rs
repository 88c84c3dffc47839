//! Training data: the base model's (pretraining) and the end model's (tuning) data.

use super::Context;
use crate::evidence::{Avail, DataRole, DatasetEv};
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::hf::{Gate, RepoKind};

/// Wording that says data is not shared.
const UNDISCLOSED: &[&str] = &[
    "internal dataset", "proprietary data", "proprietary dataset", "not publicly available", "not be released",
    "will not release", "not released", "undisclosed", "private dataset", "in-house data", "our internal",
    "publicly available sources", "publicly available data", "publicly available online data", "mix of publicly available",
];

/// Words that make a sentence about data.
const DATA_WORDS: &[&str] = &["data", "corpus", "corpora", "tokens", "training set", "samples", "examples"];

/// The first sentence of a card that says its data is not shared: undisclosed wording and a
/// word about data in one sentence ("trained on our internal dataset"; "we use our internal
/// evaluations library" is about something else).
fn undisclosed_data(text: &str) -> Option<String> {
    let sentence_end = regex!(r"\n|[.!?](\s|$)");
    sentence_end
        .split(text)
        .find(|s| openness_sources::text::mentions_any(s, UNDISCLOSED) && openness_sources::text::mentions_any(s, DATA_WORDS))
        .map(|s| openness_sources::text::excerpt(&regex!(r"<[^>]*>").replace_all(s, " "), 300).trim_start_matches(['#', '-', '*', ' ']).to_string())
}

/// Pretraining data of the base model.
pub fn base_data(cx: &Context) -> Verdict {
    // Without a declared base, an end model whose card says nothing of post-training is its
    // own base: the data it names is its pretraining data.
    let own_base = cx.ev.base_models().next().is_none()
        && cx.end_card().map(|c| super::weights::says_post_trained(&c.value.body).is_none()).unwrap_or(false);
    let sets: Vec<&DatasetEv> = cx.named_datasets().filter(|d| d.role == DataRole::Pretraining || (own_base && d.role == DataRole::Unknown)).collect();
    let end_card = || cx.end_card().map(|c| (c.url.clone(), c.value.body.clone()));
    // An end model that is its own base has the base's card.
    let card_texts: Vec<(String, String)> = if own_base {
        end_card().into_iter().collect()
    } else {
        cx.ev.root_bases().into_iter().filter_map(|m| m.card.found().map(|c| (c.url.clone(), c.value.body.clone()))).collect()
    };
    let no_card = match end_card() {
        Some((url, _)) => format!("no base model card to read; the end model's card {url} names none"),
        None => "no base model card or end model card to read".to_string(),
    };
    judge(cx, &sets, &card_texts, &no_card, "pretraining data of the base model", &["training data", "pretraining data", "training dataset", "dataset"])
}

/// Instruction-tuning / end-model data.
pub fn end_data(cx: &Context) -> Verdict {
    let sets: Vec<&DatasetEv> = cx.named_datasets().filter(|d| matches!(d.role, DataRole::FineTuning | DataRole::Unknown)).collect();
    let card_texts: Vec<(String, String)> = cx.end_card().map(|c| vec![(c.url.clone(), c.value.body.clone())]).unwrap_or_default();
    judge(cx, &sets, &card_texts, "no model card to read", "fine-tuning data of the end model", &["fine-tuning data", "finetuning data", "training data", "dataset"])
}

/// `cards` are read for undisclosed-data wording and prose data sections; `no_card` is what the
/// notes say was read when `cards` is empty.
fn judge(cx: &Context, sets: &[&DatasetEv], cards: &[(String, String)], no_card: &str, what: &str, section_words: &[&str]) -> Verdict {
    let mut available = Vec::new();
    let mut partly = Vec::new();
    let mut missing = Vec::new();
    let mut unknown = Vec::new();
    for &d in sets {
        match &d.api {
            Avail::Found(doc) => {
                let api = &doc.value;
                if api.private || api.disabled {
                    missing.push((d, format!("{} (private)", d.id)));
                } else if api.gate != Gate::Open {
                    partly.push((d, format!("{} (gated)", d.id)));
                } else {
                    available.push(d);
                }
            }
            Avail::Restricted { .. } => partly.push((d, format!("{} (access restricted)", d.id))),
            Avail::NotFound { .. } => missing.push((d, format!("{} (not found on Hugging Face)", d.id))),
            Avail::Failed { .. } | Avail::NotChecked => unknown.push(d.id.clone()),
        }
    }
    let undisclosed = cards.iter().find_map(|(url, text)| undisclosed_data(text).map(|s| (url.clone(), s)));
    let named: usize = sets.len();
    let mut notes = String::new();
    if !available.is_empty() {
        notes.push_str(&format!("Downloadable: {}. ", available.iter().map(|d| d.id.as_str()).collect::<Vec<_>>().join(", ")));
    }
    if !partly.is_empty() {
        notes.push_str(&format!("Restricted: {}. ", partly.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>().join(", ")));
    }
    if !missing.is_empty() {
        notes.push_str(&format!("Named but not available: {}. ", missing.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>().join(", ")));
    }
    if !unknown.is_empty() {
        notes.push_str(&format!("Could not be checked: {}. ", unknown.join(", ")));
    }
    // Datasets named through a collection the card or README links: the collection is
    // evidence too.
    let mut via: Vec<&str> = sets.iter().filter_map(|d| d.listed_in.as_deref()).collect();
    via.sort_unstable();
    via.dedup();
    if !via.is_empty() {
        notes.push_str(&format!("Listed in the linked Hugging Face collection{} {}. ", if via.len() > 1 { "s" } else { "" }, via.join(", ")));
    }
    if let Some((_, s)) = &undisclosed {
        notes.push_str(&format!("The card says: \"{s}\". "));
    }
    // The rubric: "some / named but not all available" is partial. Data a card names but that
    // cannot be found is named; but when none of it can be had and the card says the data
    // itself is internal or undisclosed, the names are only ingredients of closed data.
    let class = if named == 0 {
        Class::Closed
    } else if available.len() == named && undisclosed.is_none() {
        Class::Open
    } else if !available.is_empty() || !partly.is_empty() || (!missing.is_empty() && undisclosed.is_none()) {
        Class::Partial
    } else {
        Class::Closed
    };
    // High only when every named dataset was found: names alone are a reading of the card.
    let confidence = if !unknown.is_empty() {
        Confidence::Low
    } else if named == 0 || !missing.is_empty() {
        Confidence::Medium
    } else {
        Confidence::High
    };
    if named == 0 {
        let section = cards.iter().find_map(|(url, text)| {
            let card = openness_sources::card::Card::parse(text);
            card.section(section_words).map(|s| (url.clone(), s.title.clone(), s.text.clone()))
        });
        let looked = if cards.is_empty() { no_card.to_string() } else { format!("looked at {}", cards.iter().map(|(u, _)| u.as_str()).collect::<Vec<_>>().join(", ")) };
        let mut v = Verdict::new(
            Class::Closed,
            confidence,
            "no dataset repository named",
            format!("No evidence found of downloadable {what}: no Hugging Face dataset is declared or linked ({looked}). {notes}").trim_end().to_string(),
        );
        if let Some((url, title, text)) = section {
            v.notes.push_str(&format!(" The card's \"{title}\" section describes the data only in prose."));
            v = v.cite(&url, text, None);
            v.links.clear();
        }
        return v;
    }
    let mut v = Verdict::new(class, confidence, format!("{} of {} named dataset(s) downloadable", available.len(), named), format!("{} ({named} named): {notes}", capitalise(what)).trim().to_string());
    for d in &available {
        if let Some(doc) = d.api.found() {
            v = v.cite(&RepoKind::Dataset.page_url(&d.id), format!("dataset {} ({} data files)", d.id, doc.value.data_files().len()), doc.digest.as_ref());
        }
    }
    for (d, s) in &partly {
        v = v.cite(&RepoKind::Dataset.page_url(&d.id), s, d.api.found().and_then(|x| x.digest.as_ref()));
    }
    if available.is_empty() && partly.is_empty() {
        // Only names: the evidence is the card or README that names them.
        for (d, s) in &missing {
            if let Some((at, digest)) = cx.dataset_named_at(d) {
                v = v.cite(&at, format!("{} names dataset {s}", d.named_by), digest);
            }
        }
    }
    for slug in &via {
        if let Some(doc) = cx.ev.collections.get(&slug.to_lowercase()).and_then(|c| c.api.found()) {
            let listed: Vec<&str> = doc.value.datasets().collect();
            v = v.cite(&doc.value.page_url(), format!("collection \"{}\" lists datasets {}", doc.value.title, listed.join(", ")), doc.digest.as_ref());
        }
    }
    if class == Class::Closed {
        v.links.clear();
    }
    v
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}
