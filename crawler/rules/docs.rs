//! Code, documentation and cards: training code, code documentation, architecture,
//! model card, datasheet.

use super::context::RepoView;
use super::Context;
use crate::evidence::Avail;
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::card::Card;
use openness_snapshots::Digest;
use openness_sources::hf::RepoKind;

/// What a repository's file tree shows.
#[derive(Default, Debug)]
struct CodeSignals {
    training: Vec<String>,
    finetuning: Vec<String>,
    data_prep: Vec<String>,
    configs: Vec<String>,
    inference: Vec<String>,
    docs: usize,
    packaged: bool,
    /// Something in the repository is about pretraining: a `pretrain…` path, or a README
    /// that speaks of pretraining next to training scripts.
    pretraining: Option<PretrainingCode>,
}

/// The file that shows a repository holds pretraining code.
#[derive(Debug)]
struct PretrainingCode {
    path: String,
    /// Found as the first training script beside a README that describes pretraining.
    readme_says: bool,
}

/// Whether a file's name says it makes training data: generates, builds or collects a
/// dataset or instructions (`generate_instruction.py`, `build_dataset.sh`, `data_gen.py`).
/// Generating samples or text from a model is inference, not data.
fn makes_data(file: &str) -> bool {
    let stem = file.split('.').next().unwrap_or(file);
    let verb_noun = regex!(r"(^|[_-])(generate|gen|build|create|make|construct|synthesi[sz]e|collect|crawl|scrape)[_-]?(data|dataset|datasets|instructions?|conversations|corpus)([_-]|$)");
    let noun_verb = regex!(r"(^|[_-])(data|dataset|instructions?)[_-](gen|generation|builder|collection)([_-]|$)");
    verb_noun.is_match(stem) || noun_verb.is_match(stem)
}

fn signals(cx: &Context, r: &RepoView) -> CodeSignals {
    let mut s = CodeSignals::default();
    let Some(tree) = r.ev.tree.value() else { return s };
    // A README that documents (pre)training, in a repository whose top-level scripts
    // are not named after it (`main.py`, `run.sh`), shows training code too.
    let readme_trains = cx.readme_card(r).map(|c| c.has_section(&["pretrain", "training", "train "])).unwrap_or(false);
    // A repository named for its data ("…-data-prep", "…-Data", "…-datasets") holds data-curation code.
    let repo_name = r.repo.value.full_name.rsplit('/').next().unwrap_or("").to_lowercase();
    let data_repo = repo_name.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "data" | "dataset" | "datasets" | "corpus" | "dataprep"));
    for path in tree.files() {
        let lower = path.to_lowercase();
        let file = lower.rsplit('/').next().unwrap_or(&lower);
        // Package markers (`__init__.py`) hold no training logic of their own.
        let code = file != "__init__.py" && [".py", ".sh", ".ipynb", ".cu", ".cpp", ".rs", ".js", ".ts", ".go", ".scala", ".lua", ".jl"].iter().any(|e| file.ends_with(e));
        let config = [".yaml", ".yml", ".json", ".toml"].iter().any(|e| file.ends_with(e));
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        if lower.starts_with("docs/") || lower.starts_with("doc/") || (file.ends_with(".md") && !file.starts_with("readme") && !file.starts_with("license") && !file.starts_with("changelog")) {
            s.docs += 1;
        }
        if file == "setup.py" || file == "pyproject.toml" || file == "setup.cfg" || file == "cargo.toml" || file == "package.json" {
            s.packaged = true;
        }
        if data_repo && code {
            s.data_prep.push(path.to_string());
            continue;
        }
        if readme_trains && code && !lower.contains('/') && (file.starts_with("main") || file.starts_with("run")) && !has(&["test"]) {
            s.training.push(path.to_string());
            continue;
        }
        if code || config {
            let segments: Vec<&str> = lower.split('/').map(|seg| seg.split('.').next().unwrap_or(seg)).collect();
            let seg_starts = |prefixes: &[&str]| {
                segments.iter().any(|seg| {
                    prefixes.iter().any(|p| seg.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with(['_', '-'])))
                })
            };
            if seg_starts(&["finetune", "fine_tune", "fine-tune", "finetuning", "sft", "rlhf", "dpo", "ppo", "lora", "instruction_tuning", "ptuning", "p_tuning"]) {
                s.finetuning.push(path.to_string());
            } else if seg_starts(&["train", "training", "pretrain", "pretraining", "run_train", "run_pretrain", "trainer"]) && !has(&["test"]) {
                if code {
                    s.training.push(path.to_string());
                } else {
                    s.configs.push(path.to_string());
                }
            } else if (seg_starts(&["data_prep", "dataprep", "data_processing", "preprocess", "preprocessing", "prepare", "prepare_data", "clean", "cleaning", "dedup", "dedupe", "deduplication", "filter", "filtering", "curation", "curate", "quality", "tokenize", "tokenize_data"]) || makes_data(file)) && code {
                s.data_prep.push(path.to_string());
            } else if seg_starts(&["recipes", "recipe", "configs", "config", "yamls", "conf"]) && config {
                s.configs.push(path.to_string());
            } else if has(&["infer", "generat", "serve", "chat", "demo", "example"]) && code {
                s.inference.push(path.to_string());
            }
        }
    }
    let pretrain_segment = regex!(r"(?i)(^|/)pre[-_]?train(ing)?([-_./]|$)");
    if let Some(p) = tree.files().find(|p| pretrain_segment.is_match(p)) {
        s.pretraining = Some(PretrainingCode { path: p.to_string(), readme_says: false });
    } else if !s.training.is_empty() {
        let mentions = cx.readme_card(r).is_some_and(|c| regex!(r"(?i)\bpre-?train(ing|ed)?\b").is_match(&c.body));
        if mentions {
            s.pretraining = Some(PretrainingCode { path: s.training[0].clone(), readme_says: true });
        }
    }
    s
}

/// Source code for data curation, training and tuning, over every repository about
/// this model: open when training (or tuning) code and data-curation code are both
/// public, partial when some of it is, closed when none is.
pub fn training_code(cx: &Context) -> Verdict {
    let repos = cx.relevant_repos();
    if repos.is_empty() {
        let found: Vec<&str> = cx.ev.repos.values().filter(|r| r.api.found().is_some()).map(|r| r.name.as_str()).collect();
        let missing: Vec<String> = cx.ev.repos.values().filter(|r| r.api.found().is_none()).map(|r| format!("{} ({})", r.name, r.api.state())).collect();
        let mut notes = String::from("No evidence found of this model's training code.");
        if !found.is_empty() {
            notes.push_str(&format!(" Linked repositories ({}) are generic tools or another model's code, not this model's.", found.join(", ")));
        }
        if !missing.is_empty() {
            notes.push_str(&format!(" Linked repositories that could not be read: {}.", missing.join(", ")));
        }
        if cx.ev.repos.is_empty() {
            notes.push_str(" The cards and pages link no code repository.");
        }
        return Verdict::new(Class::Closed, Confidence::Medium, "no repository about this model found", notes);
    }
    let mut training: Vec<(String, &RepoView)> = Vec::new();
    let mut data_prep: Vec<(String, &RepoView)> = Vec::new();
    let mut pretraining: Option<(PretrainingCode, &RepoView)> = None;
    let mut inference = Vec::new();
    let mut per_repo = Vec::new();
    for r in &repos {
        let s = signals(cx, r);
        let mut line = format!("{}: {} training, {} tuning, {} data-curation files, {} configs", r.repo.value.full_name, s.training.len(), s.finetuning.len(), s.data_prep.len(), s.configs.len());
        if let Some(sentence) = r.trained_with.then(|| cx.trained_with(&r.repo.value.full_name, &r.ev.name)).flatten() {
            line.push_str(&format!(" (the card says the model was trained with it: \"{sentence}\")"));
        }
        per_repo.push(line);
        training.extend(s.training.iter().chain(&s.finetuning).map(|p| (p.clone(), r)));
        data_prep.extend(s.data_prep.iter().map(|p| (p.clone(), r)));
        inference.extend(s.inference.iter().map(|p| format!("{}/{p}", r.repo.value.full_name)));
        if pretraining.is_none() {
            pretraining = s.pretraining.map(|p| (p, r));
        }
    }
    // When the developer also trained the base, "all of the code" includes pretraining.
    let own_base = match cx.base_origin() {
        super::context::BaseOrigin::Developer(why) => Some(why.as_str()),
        _ => None,
    };
    let (class, why) = match (training.is_empty(), data_prep.is_empty()) {
        (false, false) if own_base.is_some() && pretraining.is_none() => (Class::Partial, "tuning and data-curation code, but no pretraining code for a base the developer trained"),
        (false, false) => (Class::Open, "training/tuning and data-curation code are public"),
        (false, true) => (Class::Partial, "training or tuning code, but no data-curation code"),
        (true, false) => (Class::Partial, "data-curation code, but no training or tuning code"),
        (true, true) => (Class::Closed, "no training, tuning or data-curation code"),
    };
    let mut notes = format!("{}.", per_repo.join("; "));
    match (&own_base, &pretraining) {
        (Some(whose), None) if class != Class::Closed => notes.push_str(&format!(" Pretraining is part of this system ({whose}), but no pretraining code was found (no `pretrain…` path, no README on pretraining next to training scripts).")),
        (Some(_), Some((p, r))) => notes.push_str(&format!(" Pretraining code: {}/{}{}.", r.repo.value.full_name, p.path, if p.readme_says { " (its README describes pretraining)" } else { "" })),
        _ => {}
    }
    if class == Class::Closed && !inference.is_empty() {
        notes.push_str(&format!(" Only inference or demo code was found (e.g. {}).", inference[0]));
    }
    // GitHub cuts very large recursive listings short: files beyond the cut were not seen.
    let truncated: Vec<&str> = repos.iter().filter(|r| r.ev.tree.value().is_some_and(|t| t.truncated)).map(|r| r.repo.value.full_name.as_str()).collect();
    let confidence = if truncated.is_empty() || class == Class::Open { Confidence::Medium } else { Confidence::Low };
    if !truncated.is_empty() {
        notes.push_str(&format!(" GitHub truncated the file list of {}, so code beyond the cut was not seen.", truncated.join(", ")));
    }
    let mut v = Verdict::new(class, confidence, why, notes);
    // The pretraining code, then files whose own names say training or tuning, are the ones
    // to cite, before launchers and helpers that only sit in a training folder
    // (`train/docker/run.sh`) and evaluation scripts.
    let named_for_training = |path: &str| {
        let file = path.rsplit('/').next().unwrap_or(path).to_lowercase();
        ["train", "tune", "tuning", "sft", "dpo", "rlhf", "ppo"].iter().any(|w| file.contains(w)) && !["eval", "test"].iter().any(|w| file.contains(w))
    };
    training.sort_by_key(|(path, _)| (pretraining.as_ref().map(|(p, _)| &p.path) != Some(path), !named_for_training(path)));
    for (path, r) in training.iter().take(2).chain(data_prep.iter().take(2)) {
        v = v.cite(&format!("{}/blob/{}/{path}", r.repo.value.html_url, r.repo.value.default_branch), path, r.ev.tree.found().and_then(|d| d.digest.as_ref()));
    }
    if class == Class::Closed {
        v.links.clear();
    }
    v
}

/// Documentation of the code: README depth and docs of the repositories that hold this
/// model's training, tuning or data-curation code (the code `opencode` judges).
pub fn code_docs(cx: &Context) -> Verdict {
    let repos = cx.relevant_repos();
    let mut judged: Vec<Verdict> = Vec::new();
    // Repositories that only run the model: their READMEs document using it, not its code.
    let mut inference_only: Vec<&str> = Vec::new();
    for r in &repos {
        let s = signals(cx, r);
        if s.training.is_empty() && s.finetuning.is_empty() && s.data_prep.is_empty() {
            if !s.inference.is_empty() {
                inference_only.push(&r.repo.value.full_name);
            }
            continue;
        }
        // The repository's README, and the READMEs of the folders a card or page links (where
        // a repository keeps this model's code among others): the best documented one counts.
        let root = (String::from("README"), cx.readme_card(r), r.readme_page(), r.readme.and_then(|d| d.digest.as_ref()));
        let readmes = std::iter::once(root).chain(cx.folder_readmes(r).iter().map(|f| (format!("folder {}: README", f.dir), Some(&f.card), f.page.clone(), f.digest)));
        let mut best: Option<(Class, String, usize, Option<&Digest>)> = None;
        let mut parts = Vec::new();
        for (what, card, url, digest) in readmes {
            let words = card.map(|c| c.words).unwrap_or(0);
            let usage = card.map(|c| c.has_section(&["install", "usage", "quick", "getting started", "train", "fine-tun", "finetun", "setup", "how to"])).unwrap_or(false);
            let class = if words >= 1500 && usage && s.docs >= 3 {
                Class::Open
            } else if words >= 300 && usage {
                Class::Partial
            } else {
                Class::Closed
            };
            parts.push(format!("{what} of {words} words{}", if usage { " with usage/training sections" } else { "" }));
            if best.as_ref().map(|(b, ..)| class.score() > b.score()).unwrap_or(true) {
                best = Some((class, url, words, digest));
            }
        }
        let (class, url, words, digest) = best.expect("the repository README is always judged");
        let notes = format!("{}: {}, {} further documentation files.", r.repo.value.full_name, parts.join("; "), s.docs);
        let mut v = Verdict::new(class, Confidence::Medium, "README depth and documentation files", notes);
        if class != Class::Closed {
            v = v.cite(&url, format!("README: {words} words"), digest);
        }
        judged.push(v);
    }
    // "Comprehensive" means every repository with this model's code is well documented.
    let Some(first) = judged.first() else {
        if !inference_only.is_empty() {
            return Verdict::new(
                Class::Closed,
                Confidence::Medium,
                "only inference or demo code",
                format!("No evidence found of documented training code: the code found ({}) only runs the model (inference, demos), and a README of such code documents using the model, not the code that made it.", inference_only.join(", ")),
            );
        }
        return Verdict::new(Class::Closed, Confidence::Medium, "no code repository about this model", "No evidence found: no repository with this model's code, so no code documentation.");
    };
    let all_open = judged.iter().all(|v| v.class == Class::Open);
    let any = judged.iter().any(|v| v.class != Class::Closed);
    let class = if all_open { Class::Open } else if any { Class::Partial } else { Class::Closed };
    let mut v = Verdict::new(class, first.confidence, "README depth and documentation files of every repository with this model's code", judged.iter().map(|v| v.notes.as_str()).collect::<Vec<_>>().join(" "));
    for j in judged {
        v = v.cite_from(j);
    }
    v
}

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
            let mut v = Verdict::new(class, Confidence::Medium, "card sections counted against the model-card standard", notes);
            if class != Class::Closed {
                v = v.cite(&page, format!("sections: {}", card.sections.iter().map(|s| s.title.as_str()).take(12).collect::<Vec<_>>().join(" | ")), doc.digest.as_ref());
            }
            v
        }
        other => Verdict::new(Class::Closed, if other.is_failed() { Confidence::Low } else { Confidence::Medium }, format!("model card {}", other.state()), format!("No model card: {} {}.", other.url().unwrap_or(""), other.state())),
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
        } else if topics.len() >= 2 && words >= 200 {
            Class::Partial
        } else {
            Class::Closed
        };
        if class != Class::Open {
            short.push(format!("{} ({} of 7 topics)", d.id, topics.len()));
        }
        let notes = format!("Dataset card of {} ({words} words) covers {} of 7 datasheet topics: {}.", d.id, topics.len(), if topics.is_empty() { "none".into() } else { topics.join(", ") });
        let mut v = Verdict::new(class, Confidence::Medium, "dataset card sections counted against the datasheet standard", notes);
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

/// Words that show an architecture or training-setup description.
const ARCH_TERMS: &[&str] = &[
    "layers", "attention", "hidden size", "hidden dimension", "heads", "context length", "sequence length", "vocabulary",
    "transformer", "decoder", "embedding", "positional", "rotary", "alibi", "mixture of experts", "mixture-of-experts", "experts", "gpus",
    "hardware", "precision", "optimizer", "learning rate", "batch size", "tokens", "parameters",
];

/// The architecture terms `text` uses, in [`ARCH_TERMS`] order.
fn arch_terms(text: &str) -> Vec<&'static str> {
    let t = text.to_lowercase();
    ARCH_TERMS.iter().copied().filter(|w| t.contains(*w)).collect()
}

fn arch_term_count(text: &str) -> usize {
    arch_terms(text).len()
}

/// "(mentions layers, attention, …)" for the notes: what a reviewer will find there.
fn mentions(text: &str) -> String {
    let terms = arch_terms(text);
    if terms.is_empty() {
        return String::new();
    }
    format!(" (mentions {})", terms.join(", "))
}

/// A card line labelled "Model Architecture:" / "Architecture:" that describes it in
/// technical terms ("an auto-regressive language model that uses an optimized transformer").
fn labelled_architecture(body: &str) -> Option<String> {
    let re = regex!(r"(?im)^[\s*\-|>]*(?:\*\*|__)?(?:model )?architecture(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.{20,})$");
    let text = re.captures(body)?.get(1)?.as_str().trim();
    (arch_term_count(text) >= 1).then(|| openness_sources::text::excerpt(text, 300))
}

/// Words one of which the heading of a section about architecture or training setup contains.
const ARCH_HEADINGS: &[&str] = &["architecture", "model details", "model description", "model information", "hyperparameter", "hardware", "specification", "model type", "training", "configuration", "technical"];

/// The first section of `card` about architecture or training setup (by its heading) that
/// describes it in technical terms: at least three of [`ARCH_TERMS`], or one under a
/// heading that names the architecture itself (as for a labelled "Architecture:" line).
fn architecture_section(card: &Card) -> Option<&openness_sources::card::Section> {
    card.sections.iter().find(|s| {
        let t = s.title.to_lowercase();
        let needed = if t.contains("architecture") { 1 } else { 3 };
        ARCH_HEADINGS.iter().any(|w| t.contains(w)) && arch_term_count(&s.text) >= needed
    })
}

/// Documentation of architecture and training setup: card sections or a preprint
/// that describe the architecture in technical terms.
pub fn architecture(cx: &Context) -> Verdict {
    // (cited URL, what the notes call it, evidence snippet, digest)
    let mut signals: Vec<(String, String, String, Option<openness_snapshots::Digest>)> = Vec::new();
    for m in cx.ev.models.values().filter(|m| m.role != crate::evidence::ModelRole::Related) {
        if let Some(doc) = m.card.found() {
            let described = architecture_section(&doc.value);
            let url = RepoKind::Model.page_url(&m.id);
            if let Some(s) = described {
                signals.push((url, format!("the card of {}, section \"{}\"{}", m.id, s.title, mentions(&s.text)), format!("card section \"{}\": {}", s.title, s.text), doc.digest.clone()));
            } else if let Some(line) = labelled_architecture(&doc.value.body) {
                signals.push((url, format!("the card of {}, an \"Architecture:\" line{}", m.id, mentions(&line)), format!("card: {line}"), doc.digest.clone()));
            }
        }
    }
    for r in cx.model_repos() {
        // The repository's README and the READMEs of the folders a card or page links.
        let root = r.readme.zip(cx.readme_card(&r)).map(|(doc, card)| (r.readme_page(), format!("the README of {}", r.repo.value.full_name), card, doc.digest.as_ref()));
        let folders = cx.folder_readmes(&r).iter().map(|f| (f.page.clone(), format!("the README of {}, folder {}", r.repo.value.full_name, f.dir), &f.card, f.digest));
        for (url, label, card, digest) in root.into_iter().chain(folders) {
            if let Some(s) = architecture_section(card) {
                signals.push((url, format!("{label}, section \"{}\"{}", s.title, mentions(&s.text)), format!("README section \"{}\": {}", s.title, s.text), digest.cloned()));
            }
        }
    }
    // For a model tuned from another developer's base, the system's own training setup is
    // its tuning (as for the preprint, see `papers::covers_own_parts`).
    let tuned_from_other = matches!(cx.base_origin(), super::context::BaseOrigin::Other(_));
    for (doc, about_end) in cx.relevant_papers() {
        let t = format!("{} {}", doc.value.title, doc.value.summary).to_lowercase();
        // Architecture words, or two words of the training setup ("learning rate", "tokens").
        let describes = ["architecture", "transformer", "attention", "layers", "mixture of experts", "decoder"].iter().any(|w| t.contains(w)) || arch_term_count(&t) >= 2;
        // A paper that reports how its model was pretrained presents that model: such a
        // report documents the architecture and training setup, though only reading it
        // tells how fully. So does a paper about this model's tuning, when the tuning is all
        // of the training its developer did.
        let (pretraining, tuning, _) = super::papers::coverage(&doc.value);
        let reports_own_tuning = about_end && tuned_from_other && tuning;
        if describes || pretraining || reports_own_tuning {
            let what = if describes {
                mentions(&t)
            } else if pretraining {
                ", which reports the model's pretraining".to_string()
            } else {
                ", which reports how the model was tuned from another developer's base".to_string()
            };
            signals.push((
                doc.value.abs_url(),
                format!("arXiv {} \"{}\"{}", doc.value.id, doc.value.title, what),
                format!("{}: {}", doc.value.title, doc.value.summary),
                doc.digest.clone(),
            ));
        }
    }
    let class = if signals.is_empty() { Class::Closed } else { Class::Partial };
    let notes = if signals.is_empty() {
        "No evidence found: no card section describes the architecture or training setup in technical terms (layers, attention, hyperparameters, hardware), and no preprint about this model describes its architecture or reports its pretraining.".to_string()
    } else {
        format!(
            "Architecture or training setup is described in {}. Whether every detail (layers, hyperparameters, hardware, training setup) is documented needs a reviewer's reading.",
            signals.iter().map(|(_, label, _, _)| label.as_str()).collect::<Vec<_>>().join("; ")
        )
    };
    let mut v = Verdict::new(class, Confidence::Low, "architecture documentation found by section and abstract keywords", notes);
    for (u, _, s, d) in &signals {
        v = v.cite(u, s, d.as_ref());
    }
    v
}
