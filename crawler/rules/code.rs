//! Training code and its documentation: what repositories about the model hold
//! (`opencode`) and how well they document it (`code`).

use super::context::RepoView;
use super::Context;
use crate::verdict::{Class, Confidence, Verdict};
use openness_snapshots::Digest;
use openness_sources::text::counted;

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
        let mut line = format!("{}: {} training, {} tuning, {}, {}", r.repo.value.full_name, s.training.len(), s.finetuning.len(), counted(s.data_prep.len(), "data-curation file"), counted(s.configs.len(), "config"));
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
        let notes = format!("{}: {}, {}.", r.repo.value.full_name, parts.join("; "), counted(s.docs, "further documentation file"));
        // README length and documentation files are a proxy: whether the code itself is
        // documented (commented, organised) needs a reviewer's reading.
        let mut v = Verdict::new(class, Confidence::Low, "README depth and documentation files, a proxy for how well the code is documented", notes);
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
    let mut v = Verdict::new(class, first.confidence, "README depth and documentation files of every repository with this model's code, a proxy for how well the code is documented", judged.iter().map(|v| v.notes.as_str()).collect::<Vec<_>>().join(" "));
    for j in judged {
        v = v.cite_from(j);
    }
    v
}
