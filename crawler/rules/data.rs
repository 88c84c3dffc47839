//! Training data: the base model's (pretraining) and the end model's (tuning) data.

use super::Context;
use crate::evidence::{Avail, DataRole, DatasetEv, Doc};
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::card::Card;
use openness_sources::hf::{Gate, RepoKind};
use openness_sources::text::counted;

/// Wording that says data is not shared.
const UNDISCLOSED: &[&str] = &[
    "internal dataset", "proprietary data", "proprietary dataset", "not publicly available", "not be released",
    "will not release", "not released", "undisclosed", "private dataset", "in-house data", "our internal",
];

/// Wording for an unnamed mix of public data ("a new mix of publicly available online data"):
/// the mix as used is not shared. A sentence that calls the mix "datasets" ("a mix of
/// publicly available, synthetic datasets") is about the datasets the card names, when all
/// of them can be had.
const PUBLIC_MIX: &[&str] = &["publicly available sources", "publicly available data", "publicly available online data", "mix of publicly available"];

/// Words that make a sentence about data.
const DATA_WORDS: &[&str] = &["data", "corpus", "corpora", "tokens", "training set", "samples", "examples"];

/// The first sentence of a card that says its data is not shared: undisclosed wording and a
/// word about data in one sentence ("trained on our internal dataset"; "we use our internal
/// evaluations library" is about something else). `all_named_available`: every dataset the
/// card names can be had (see [`PUBLIC_MIX`]).
fn undisclosed_data(text: &str, all_named_available: bool) -> Option<String> {
    let sentence_end = regex!(r"\n|[.!?](\s|$)");
    let mentions = openness_sources::text::mentions_any;
    sentence_end
        .split(text)
        .find(|s| mentions(s, DATA_WORDS) && (mentions(s, UNDISCLOSED) || (mentions(s, PUBLIC_MIX) && !(all_named_available && mentions(s, &["datasets"])))))
        .map(|s| openness_sources::text::excerpt(&regex!(r"<[^>]*>").replace_all(s, " "), 300).trim_start_matches(['#', '-', '*', ' ']).to_string())
}

/// Wording that presents the named datasets as a selection of the data ("We detail some
/// notable subsets included here").
const SELECTION: &[&str] = &[
    "some notable", "notable subsets", "including but not limited to", "not limited to", "among others", "a selection of", "selected subsets",
    // The named source is the bulk, not the whole ("tokens mainly coming from RefinedWeb").
    "mainly from", "mainly coming from", "primarily from", "mostly from", "largely from", "predominantly from",
];

/// Wording that gives datasets as examples ("trained on public datasets such as …").
const EXAMPLES: &[&str] = &["such as", "for example", "e.g."];

/// Wording that says what a model was trained on.
const TRAINED_ON: &[&str] = &["trained on", "tuned on", "trained with", "tuned with", "data include", "datasets include", "sources include"];

/// The first sentence of a card that presents the datasets it names as only part of the
/// data: selection wording next to a word about data, or examples in a sentence that says
/// what the model was trained on.
fn selection_wording(text: &str) -> Option<String> {
    let sentence_end = regex!(r"\n|[.!?:](\s|$)");
    let mentions = openness_sources::text::mentions_any;
    sentence_end
        .split(text)
        .find(|s| {
            (mentions(s, SELECTION) && (mentions(s, DATA_WORDS) || mentions(s, &["subset"])))
                || (mentions(s, EXAMPLES) && mentions(s, DATA_WORDS) && mentions(s, TRAINED_ON))
        })
        .map(|s| openness_sources::text::excerpt(s, 300).trim_start_matches(['#', '-', '*', ' ']).to_string())
}

/// Pretraining data of the base model.
pub fn base_data(cx: &Context) -> Verdict {
    let (sets, cards) = pretraining(cx);
    let no_card = match cx.end_card() {
        Some(c) => format!("no base model card to read; the end model's card {} names none", c.url),
        None => "no base model card or end model card to read".to_string(),
    };
    judge(cx, &sets, &cards, &no_card, &PRETRAINING)
}

/// Instruction-tuning / end-model data.
pub fn end_data(cx: &Context) -> Verdict {
    let (sets, cards) = fine_tuning(cx);
    judge(cx, &sets, &cards, "no model card to read", &FINE_TUNING)
}

/// The named pretraining datasets and the cards that describe the base model's data.
fn pretraining<'a>(cx: &'a Context) -> (Vec<&'a DatasetEv>, Vec<&'a Doc<Card>>) {
    // Without a declared base, an end model whose card says nothing of post-training is its
    // own base: the data it names is its pretraining data.
    let own_base = cx.ev.base_models().next().is_none()
        && cx.end_card().map(|c| super::weights::says_post_trained(&c.value.body).is_none()).unwrap_or(false);
    let sets = cx.named_datasets().filter(|d| d.role == DataRole::Pretraining || (own_base && d.role == DataRole::Unknown)).collect();
    // An end model that is its own base has the base's card.
    let cards = if own_base { cx.end_card().into_iter().collect() } else { cx.ev.root_bases().into_iter().filter_map(|m| m.card.found()).collect() };
    (sets, cards)
}

/// The named fine-tuning datasets and the card that describes them.
fn fine_tuning<'a>(cx: &'a Context) -> (Vec<&'a DatasetEv>, Vec<&'a Doc<Card>>) {
    let sets = cx.named_datasets().filter(|d| matches!(d.role, DataRole::FineTuning | DataRole::Unknown)).collect();
    (sets, cx.end_card().into_iter().collect())
}

/// What the named datasets leave out, for a datasheet verdict: a training stage with no
/// named dataset at all, or a card data table listing sources no named dataset accounts
/// for. Each gap is a note fragment that says where it was seen.
pub(super) fn undocumented_data(cx: &Context) -> Vec<String> {
    let mut gaps = Vec::new();
    for (stage, (sets, cards)) in [(&PRETRAINING, pretraining(cx)), (&FINE_TUNING, fine_tuning(cx))] {
        if sets.is_empty() {
            gaps.push(format!("no dataset of the {} is named", stage.what));
            continue;
        }
        if let Some((card, title, sources)) = cards.iter().find_map(|c| unnamed_table_sources(&c.value, &sets, stage).map(|(t, s)| (c, t, s))) {
            gaps.push(format!("the \"{title}\" table of {} also lists {}", card.url, sources.join(", ")));
        }
    }
    gaps
}

/// Which training data a verdict is about.
struct Stage {
    /// How the notes name it.
    what: &'static str,
    /// Words of the card section titles that describe it.
    section_words: &'static [&'static str],
    /// Words of section titles about the other stage's data.
    other_stage: &'static [&'static str],
}

const PRETRAINING: Stage = Stage {
    what: "pretraining data of the base model",
    section_words: &["training data", "pretraining data", "training dataset", "dataset"],
    other_stage: &["fine-tun", "finetun", "instruct", "sft", "rlhf", "preference", "alignment"],
};

const FINE_TUNING: Stage = Stage {
    what: "fine-tuning data of the end model",
    section_words: &["fine-tuning data", "finetuning data", "training data", "dataset"],
    other_stage: &["pretrain", "pre-train"],
};

/// Words of a table header about data sources.
const SOURCE_HEADERS: &[&str] = &["data", "source", "subset", "corpus", "corpora", "domain"];

/// Name words too common to tell which dataset a table row is about.
const COMMON_NAME_WORDS: &[&str] = &["dataset", "datasets", "corpus", "english", "instruct", "instructions", "filtered", "deduplicated", "mixture", "train", "training", "public", "subset", "version", "large", "small", "cleaned"];

/// The sources a card's data table lists that no named dataset accounts for, with the title
/// of the section holding the table. A table counts when it sits under a heading about this
/// stage's data ("Training Data", "Data Mix"; not evaluation, not the other stage) and its
/// header speaks of data or sources; a row counts when it gives an amount (a share, a token
/// or row count). A row accounts for a named dataset when it names or links it. A card
/// whose front matter names one of the five sources its table lists names only part of
/// its data.
fn unnamed_table_sources(card: &Card, sets: &[&DatasetEv], stage: &Stage) -> Option<(String, Vec<String>)> {
    let squash = openness_sources::text::squash;
    let marks: Vec<String> = sets
        .iter()
        .flat_map(|d| {
            let name = d.id.rsplit('/').next().unwrap_or(&d.id);
            let words = name.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).filter(|w| w.len() >= 5 && !COMMON_NAME_WORDS.contains(&w.as_str()));
            std::iter::once(squash(name)).chain(words)
        })
        .filter(|m| !m.is_empty())
        .collect();
    let link = regex!(r"\[([^\]]*)\]\([^)]*\)");
    for section in &card.sections {
        let title = section.title.to_lowercase();
        let about_data = ["data", "corpus", "corpora"].iter().any(|w| title.contains(w));
        let elsewhere = openness_sources::card::EVALUATION_HEADING_WORDS.iter().chain(stage.other_stage).any(|w| title.contains(w));
        if !about_data || elsewhere {
            continue;
        }
        for table in openness_sources::card::tables(&section.text) {
            if !table.header.iter().any(|h| openness_sources::text::mentions_any(h, SOURCE_HEADERS)) {
                continue;
            }
            let unnamed: Vec<String> = table
                .rows
                .iter()
                .filter(|row| row.iter().skip(1).any(|c| c.chars().any(|ch| ch.is_ascii_digit())))
                .filter_map(|row| {
                    let name = link.replace_all(row.first()?, "$1").replace(['*', '_', '`'], "").trim().to_string();
                    let lower = name.to_lowercase();
                    if name.is_empty() || lower.starts_with("total") || lower.starts_with("sum") {
                        return None;
                    }
                    // The row names or links a dataset ("RedPajama - Books"), or its name is
                    // part of a dataset's ("OASST" for oasst1).
                    let cells: Vec<String> = row.iter().map(|c| squash(c)).collect();
                    let short = squash(&name);
                    let accounted = marks.iter().any(|m| cells.iter().any(|c| c.contains(m.as_str())) || (short.len() >= 5 && m.contains(short.as_str())));
                    (!accounted).then_some(name)
                })
                .collect();
            if !unnamed.is_empty() {
                return Some((section.title.clone(), unnamed));
            }
        }
    }
    None
}

/// `cards` are read for undisclosed-data wording and prose data sections; `no_card` is what the
/// notes say was read when `cards` is empty.
fn judge(cx: &Context, sets: &[&DatasetEv], cards: &[&Doc<Card>], no_card: &str, stage: &Stage) -> Verdict {
    let what = stage.what;
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
    let all_available = !sets.is_empty() && available.len() == sets.len();
    let undisclosed = cards.iter().find_map(|c| undisclosed_data(&c.value.body, all_available));
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
    if let Some(s) = &undisclosed {
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
    // All named datasets are all the data only when the card lists no other source.
    let unnamed = if class == Class::Open { cards.iter().find_map(|c| unnamed_table_sources(&c.value, sets, stage).map(|(title, sources)| (*c, title, sources))) } else { None };
    let class = if unnamed.is_some() { Class::Partial } else { class };
    if let Some((_, title, sources)) = &unnamed {
        notes.push_str(&format!("The card's \"{title}\" table also lists {}, which no named dataset accounts for. ", sources.join(", ")));
    }
    // Nor when the card says the datasets it names are a selection.
    let selection = if class == Class::Open { cards.iter().find_map(|c| selection_wording(&c.value.body).map(|s| (*c, s))) } else { None };
    let class = if selection.is_some() { Class::Partial } else { class };
    if let Some((_, s)) = &selection {
        notes.push_str(&format!("The card presents the named datasets as part of the data: \"{s}\". "));
    }
    // High only when every named dataset was found: names alone are a reading of the card.
    // Names with none of the data found are weaker still: the datasets may be elsewhere
    // (another host, a renamed repository) or gone.
    let only_names = named > 0 && available.is_empty() && partly.is_empty();
    let confidence = if !unknown.is_empty() || only_names {
        Confidence::Low
    } else if named == 0 || !missing.is_empty() || unnamed.is_some() || selection.is_some() {
        Confidence::Medium
    } else {
        Confidence::High
    };
    if named == 0 {
        let section = cards.iter().find_map(|c| c.value.section(stage.section_words).map(|s| (c, s)));
        let looked = if cards.is_empty() { no_card.to_string() } else { format!("looked at {}", cards.iter().map(|c| c.url.as_str()).collect::<Vec<_>>().join(", ")) };
        let mut v = Verdict::new(
            Class::Closed,
            confidence,
            "no dataset repository named",
            format!("No evidence found of downloadable {what}: no Hugging Face dataset is declared or linked ({looked}). {notes}").trim_end().to_string(),
        );
        if let Some((card, section)) = section {
            v.notes.push_str(&format!(" The card's \"{}\" section describes the data only in prose.", section.title));
            v = v.cite(&card.url, &section.text, card.digest.as_ref());
            v.links.clear();
        }
        return v;
    }
    let mut v = Verdict::new(class, confidence, format!("{} of {} downloadable", available.len(), counted(named, "named dataset")), format!("{} ({named} named): {notes}", capitalise(what)).trim().to_string());
    for d in &available {
        if let Some(doc) = d.api.found() {
            v = v.cite(&RepoKind::Dataset.page_url(&d.id), format!("dataset {} ({})", d.id, counted(doc.value.data_files().len(), "data file")), doc.digest.as_ref());
        }
    }
    for (d, s) in &partly {
        v = v.cite(&RepoKind::Dataset.page_url(&d.id), s, d.api.found().and_then(|x| x.digest.as_ref()));
    }
    if let Some((card, title, sources)) = &unnamed {
        v = v.cite(&card.url, format!("\"{title}\" table lists {}", sources.join(", ")), card.digest.as_ref());
    }
    if let Some((card, s)) = &selection {
        v = v.cite(&card.url, s, card.digest.as_ref());
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
