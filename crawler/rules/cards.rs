//! Model cards and datasheets, scored by the standard sections they cover.

use super::architecture::{architecture_section, labelled_architecture};
use super::Context;
use crate::evidence::Avail;
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::card::Card;
use openness_sources::hf::RepoKind;
use openness_snapshots::Digest;

/// A documentation topic and the section headings that show it.
struct Topic {
    name: &'static str,
    /// Words one of which the heading contains.
    words: &'static [&'static str],
    /// Words that make a heading about another topic ("Training Data" is not the
    /// training procedure).
    unless: &'static [&'static str],
    /// Words of an enclosing heading that make the section about something else: a
    /// "Fine-tuning" section under "Usage" tells users how to tune the model, not how it
    /// was trained.
    not_under: &'static [&'static str],
    /// Words of a heading that describe the model under any enclosing heading: "Training
    /// hyperparameters" under "How To Use" is still how the model was trained.
    anywhere: &'static [&'static str],
}

const fn topic(name: &'static str, words: &'static [&'static str]) -> Topic {
    Topic { name, words, unless: &[], not_under: &[], anywhere: &[] }
}

/// Headings over instructions for users (running, deploying or tuning the model themselves).
/// The model-card heading "Uses" is not one: cards often nest their later sections under it
/// by a heading-level slip.
const USAGE_HEADINGS: &[&str] = &["usage", "how to use", "quickstart", "quick start", "getting started", "inference", "deploy", "使用", "快速开始"];

/// Standard model-card topics and the headings that show them, in English and in Chinese
/// (cards of models from Chinese developers are often written in Chinese only).
const CARD_TOPICS: &[Topic] = &[
    topic("model details", &["model details", "model description", "model summary", "model information", "overview", "about", "介绍", "简介", "模型信息", "概述"]),
    topic("intended use", &["intended use", "uses", "use case", "usage", "out-of-scope", "how to use", "用途", "使用方法", "使用方式", "适用范围"]),
    topic("training data", &["training data", "dataset", "data", "训练数据", "数据集", "数据"]),
    Topic {
        name: "training procedure",
        words: &["training procedure", "training details", "fine-tuning", "finetuning", "training", "hyperparameters", "训练", "微调", "超参数"],
        unless: &["data", "数据"],
        not_under: USAGE_HEADINGS,
        anywhere: &["training procedure", "training details", "hyperparameters", "超参数"],
    },
    topic("architecture", &["architecture", "model architecture", "hardware", "compute", "specification", "模型架构", "模型结构", "架构", "硬件"]),
    // "Quantitative Analyses" and "Metrics" are the evaluation sections of Mitchell et al.'s
    // model cards; "evaluat" also reads "How was it evaluated?".
    topic("evaluation", &["evaluat", "benchmark", "results", "performance", "quantitative analys", "metrics", "评测", "评估", "测评", "性能"]),
    topic("limitations", &["limitation", "bias", "risk", "ethical", "safety", "responsible", "局限", "偏见", "风险", "安全", "免责声明"]),
];

fn covered(card: &Card, topics: &[Topic]) -> Vec<&'static str> {
    topics
        .iter()
        .filter(|t| {
            let about_other = |title: &str| t.unless.iter().any(|u| title.contains(u));
            card.section_where(
                |title, enclosing| {
                    let under_other = enclosing.iter().any(|e| t.not_under.iter().any(|u| e.contains(u)));
                    t.words.iter().any(|w| title.contains(w)) && !about_other(title) && (!under_other || t.anywhere.iter().any(|w| title.contains(w)))
                },
                // Subsections about another topic are not this one's text.
                |sub| !about_other(sub),
            )
            .is_some()
        })
        .map(|t| t.name)
        .collect()
}

/// Model card of the end model, scored by the standard sections it covers.
pub fn model_card(cx: &Context) -> Verdict {
    let Some(m) = cx.ev.end_model() else {
        return Verdict::new(Class::Closed, Confidence::Medium, "no model repository", "No evidence found: no Hugging Face model repository, so no model card.");
    };
    match &m.card {
        Avail::Found(doc) => {
            let card = &doc.value;
            let mut topics = covered(card, CARD_TOPICS);
            // Evaluation results in the metadata (`model-index`) are shown on the card's page.
            let eval_in_metadata = !topics.contains(&"evaluation") && has_eval_results(card);
            if eval_in_metadata {
                topics.push("evaluation");
            }
            // A section about the model that describes it in technical terms, or an
            // "Architecture:" line, covers the architecture whatever its heading (the same
            // test as the architecture verdict's).
            if !topics.contains(&"architecture") && (architecture_section(card).is_some() || labelled_architecture(&card.body).is_some()) {
                topics.push("architecture");
            }
            topics.sort_by_key(|t| CARD_TOPICS.iter().position(|c| c.name == *t));
            let missing: Vec<&str> = CARD_TOPICS.iter().map(|t| t.name).filter(|t| !topics.contains(t)).collect();
            // What the rubric asks a comprehensive card about: architecture, training, tuning
            // and evaluation. Open needs all of them: the architecture, the training (data and
            // procedure) and the evaluation (a section, or results in the metadata).
            let trains = topics.contains(&"training data") && topics.contains(&"training procedure");
            let lacking = ["architecture", "evaluation"].into_iter().filter(|t| !topics.contains(t)).collect::<Vec<_>>();
            let comprehensive = trains && lacking.is_empty();
            let technical = topics.iter().any(|t| matches!(*t, "training data" | "training procedure" | "architecture" | "evaluation"));
            let class = if topics.len() >= 5 && comprehensive && card.words >= 600 {
                Class::Open
            } else if topics.len() >= 2 && technical && card.words >= 150 {
                Class::Partial
            } else {
                Class::Closed
            };
            let mut notes = format!("Model card of {} ({} words) covers {} of 7 standard topics: {}; missing: {}.", m.id, card.words, topics.len(), if topics.is_empty() { "none".into() } else { topics.join(", ") }, if missing.is_empty() { "none".into() } else { missing.join(", ") });
            if eval_in_metadata {
                notes.push_str(" Evaluation results are in its metadata (`model-index`).");
            }
            if class == Class::Partial && topics.len() >= 5 && trains {
                if comprehensive {
                    notes.push_str(" At under 600 words it is too short to be comprehensive.");
                } else {
                    notes.push_str(&format!(" Without the {} it is not comprehensive.", lacking.join(" and the ")));
                }
            }
            if let Some(e) = &card.front_matter_error {
                notes.push_str(&format!(" Its metadata block is broken ({e})."));
            }
            let page = RepoKind::Model.page_url(&m.id);
            let (confidence, why) = sections_confidence(class, topics.len(), "card sections counted against the model-card standard");
            let mut v = Verdict::new(class, confidence, why, notes);
            if class != Class::Closed {
                v = v.cite(&page, format!("sections: {}", card.sections.iter().map(|s| s.title.as_str()).take(12).collect::<Vec<_>>().join(" | ")), doc.digest.as_ref());
            }
            v
        }
        other => Verdict::new(Class::Closed, if other.is_failed() { Confidence::Low } else { Confidence::Medium }, format!("model card {}", other.state()), format!("No model card: {} {}.", other.url().unwrap_or(""), other.state())),
    }
}

/// The confidence of a verdict on a card that covers `topics` of the seven standard topics,
/// with its reason (`how` the card was judged). A partial card with fewer than five is
/// between "partial" and "none": whether its few sections document the model or data, or
/// only advertise them, needs reading.
fn sections_confidence(class: Class, topics: usize, how: &str) -> (Confidence, String) {
    if class == Class::Partial && topics < 5 {
        (Confidence::Low, format!("{how}; under five of seven topics"))
    } else {
        (Confidence::Medium, how.to_string())
    }
}

/// Whether the card's metadata holds evaluation results (`model-index` entries with `results`
/// that list metrics).
fn has_eval_results(card: &Card) -> bool {
    let Some(index) = card.front_matter.as_ref().and_then(|f| f.get("model-index")).and_then(|v| v.as_array()) else { return false };
    index.iter().filter_map(|m| m.get("results")?.as_array()).flatten().any(|r| r.get("metrics").and_then(|m| m.as_array()).is_some_and(|m| !m.is_empty()))
}

/// Datasheet topics (Gebru et al. 2021) and the dataset-card headings that show them.
const DATASHEET_TOPICS: &[Topic] = &[
    topic("motivation", &["motivation", "curation rationale", "purpose", "why"]),
    topic("composition", &["composition", "data description", "data mix", "datamix", "dataset structure", "data fields", "data instances", "dataset summary", "dataset description", "statistics", "contents", "data splits"]),
    topic("collection", &["collection", "source data", "data sources", "sources", "how was"]),
    topic("preprocessing", &["preprocessing", "processing", "cleaning", "filtering", "deduplication", "annotation"]),
    topic("uses", &["uses", "intended use", "considerations", "limitations", "bias", "social impact"]),
    topic("distribution", &["licens", "distribution", "download", "loading", "access", "how to use", "usage"]),
    topic("maintenance", &["maintenance", "citation", "contact", "contributions", "authors", "updates"]),
];

/// Wording that names a public summary of a model's training content, of the kind the EU AI
/// Act asks providers of general-purpose models to publish (Art. 53(1)(d)).
const TRAINING_SUMMARY: &[&str] = &[
    "summary of the training content", "summary of training content", "training content summary", "training data summary",
    "summary of the training data", "summary of training data",
];

/// A public summary of the training content that a card or README about this model links, or
/// a configured or linked page that is one: (URL, snippet, digest of the document that shows
/// it, where it was found).
fn training_summary(cx: &Context) -> Option<(String, String, Option<Digest>, String)> {
    let url_re = regex!(r#"https?://[^\s)\]>"'`]+"#);
    for (from, text, digest) in cx.relevant_texts() {
        for line in text.lines().filter(|l| openness_sources::text::mentions_any(l, TRAINING_SUMMARY)) {
            if let Some(url) = url_re.find(line) {
                return Some((url.as_str().to_string(), openness_sources::text::excerpt(line, 300), digest.cloned(), from));
            }
        }
    }
    cx.ev.pages.values().find_map(|p| {
        let doc = p.page.found()?;
        let title = doc.value.title.as_deref()?;
        if !openness_sources::text::mentions_any(title, TRAINING_SUMMARY) {
            return None;
        }
        Some((p.url.clone(), format!("page title: {title}"), doc.digest.clone(), format!("the page {}", p.url)))
    })
}

/// osai `datasheet`: a datasheet for the training data, or a public summary of the training
/// content (EU AI Act Art. 53(1)(d)); a summary alone is partial, as how much it documents
/// needs a reviewer's reading.
pub fn datasheet_or_summary(cx: &Context) -> Verdict {
    let v = datasheet(cx);
    let Some((url, snippet, digest, from)) = training_summary(cx) else { return v };
    let note = format!("A public summary of the training content (EU AI Act Art. 53(1)(d)) is linked from {from}: {url}.");
    if v.class != Class::Closed {
        let mut v = v.cite(&url, snippet, digest.as_ref());
        v.notes.push_str(&format!(" {note}"));
        return v;
    }
    Verdict::new(Class::Partial, Confidence::Low, "a public summary of the training content is linked", format!("{} {note} How much it documents needs a reviewer's reading.", v.notes)).cite(&url, snippet, digest.as_ref())
}

/// Datasheets of the datasets in the evidence: the best dataset card, which is open only
/// when every named dataset has a full one and the named datasets are all the training data
/// (both stages named, no card data table listing other sources).
pub fn datasheet(cx: &Context) -> Verdict {
    let mut best: Option<(usize, Verdict)> = None;
    // Named datasets without a full datasheet, and why.
    let mut short: Vec<String> = Vec::new();
    for d in cx.named_datasets() {
        let Some(doc) = d.card.found() else {
            short.push(format!("{} (no card)", d.id));
            continue;
        };
        let topics = covered(&doc.value, DATASHEET_TOPICS);
        let words = doc.value.words;
        let class = if topics.len() >= 5 && words >= 800 {
            Class::Open
        } else if !topics.is_empty() && words >= 200 {
            Class::Partial
        } else {
            Class::Closed
        };
        if class != Class::Open {
            short.push(format!("{} ({} of 7 topics)", d.id, topics.len()));
        }
        let notes = format!("Dataset card of {} ({words} words) covers {} of 7 datasheet topics: {}.", d.id, topics.len(), if topics.is_empty() { "none".into() } else { topics.join(", ") });
        let (confidence, why) = sections_confidence(class, topics.len(), "dataset card sections counted against the datasheet standard");
        let mut v = Verdict::new(class, confidence, why, notes);
        if class != Class::Closed {
            v = v.cite(&RepoKind::Dataset.page_url(&d.id), format!("sections: {}", doc.value.sections.iter().map(|s| s.title.as_str()).take(12).collect::<Vec<_>>().join(" | ")), doc.digest.as_ref());
        }
        let score = topics.len() * 10_000 + words.min(9_999);
        if best.as_ref().map(|(s, _)| score > *s).unwrap_or(true) {
            best = Some((score, v));
        }
    }
    if let Some((_, v)) = best.as_mut().filter(|(_, v)| v.class == Class::Open) {
        if !short.is_empty() {
            v.class = Class::Partial;
            v.notes.push_str(&format!(" The other named training data has no full datasheet: {}.", short.join(", ")));
        }
        // A datasheet documents all the training data: data no named dataset accounts for has none.
        let gaps = super::data::undocumented_data(cx);
        if !gaps.is_empty() {
            v.class = Class::Partial;
            v.notes.push_str(&format!(" Not all the training data is documented: {}.", gaps.join("; ")));
        }
    }
    best.map(|(_, v)| v).unwrap_or_else(|| {
        let looked: Vec<&str> = cx.named_datasets().map(|d| d.id.as_str()).collect();
        Verdict::new(
            Class::Closed,
            Confidence::Medium,
            "no dataset card found",
            if looked.is_empty() { "No evidence found: no dataset is linked, so no datasheet.".to_string() } else { format!("No evidence found: no dataset card could be read for {}.", looked.join(", ")) },
        )
    })
}
