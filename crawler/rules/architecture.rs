//! Documentation of the architecture and training setup, from card and README sections
//! and preprint abstracts.

use super::Context;
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::card::Card;
use openness_sources::hf::RepoKind;

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
pub(super) fn labelled_architecture(body: &str) -> Option<String> {
    let re = regex!(r"(?im)^[\s*\-|>]*(?:\*\*|__)?(?:model )?architecture(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.{20,})$");
    let text = re.captures(body)?.get(1)?.as_str().trim();
    (arch_term_count(text) >= 1).then(|| openness_sources::text::excerpt(text, 300))
}

/// Words one of which the heading of a section about architecture or training setup contains.
const ARCH_HEADINGS: &[&str] = &["architecture", "model details", "model description", "model information", "hyperparameter", "hardware", "specification", "model type", "training", "configuration", "technical"];

/// The first section of `card` about architecture or training setup (by its heading) that
/// describes it in technical terms: at least three of [`ARCH_TERMS`], or one under a
/// heading that names the architecture itself (as for a labelled "Architecture:" line).
pub(super) fn architecture_section(card: &Card) -> Option<&openness_sources::card::Section> {
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
    let why = if signals.is_empty() { "no architecture documentation found by section and abstract keywords" } else { "architecture documentation found by section and abstract keywords" };
    let mut v = Verdict::new(class, Confidence::Low, why, notes);
    for (u, _, s, d) in &signals {
        v = v.cite(u, s, d.as_ref());
    }
    v
}
