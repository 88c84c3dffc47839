//! Verdict rules. Each criterion reads the evidence and returns a conservative
//! verdict that cites what it rests on. Rules are generic: they look at what the
//! evidence says (API fields, licence ids, card sections, file trees, abstracts),
//! never at which model or organisation it is.

/// A regex compiled once per process.
macro_rules! regex {
    ($re:literal) => {{
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| regex::Regex::new($re).expect("valid regex"))
    }};
}

mod access;
mod architecture;
mod cards;
mod code;
mod context;
mod data;
mod license;
mod papers;
mod weights;

#[cfg(test)]
mod tests;

pub use context::Context;
pub use papers::venue_comment;

/// The licence label of a model repository (for metadata).
pub fn end_license_label(m: &crate::evidence::HfModelEv) -> Option<String> {
    weights::model_license(m).map(|l| l.display())
}

use crate::verdict::Verdict;
use serde::{Deserialize, Serialize};

/// The criteria a schema parameter can be judged by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Source code for data curation, training and tuning.
    TrainingCode,
    /// Training data of the base model.
    BaseData,
    /// Instruction-tuning / end-model data.
    EndData,
    /// Base model weights.
    BaseWeights,
    /// End model weights.
    EndWeights,
    /// Weights of the instruction-tuned model (faccT24's "RL weights"): the end model's,
    /// unless it is an untuned pretrained model, or its freely downloadable weights come
    /// with no described RLHF or preference-tuning step.
    TunedWeights,
    /// Licensing of the whole system (faccT24: OSI-approved for all components).
    License,
    /// Licences of weights, code and data (osai: open when all, partial when at least two).
    Licenses,
    /// Documentation of the code.
    CodeDocs,
    /// Documentation of architecture and training setup.
    Architecture,
    /// Archived preprint.
    Preprint,
    /// Peer-reviewed paper.
    Paper,
    /// Model card.
    ModelCard,
    /// Datasheet for the training data.
    Datasheet,
    /// Datasheet for the training data, or a public summary of the training content (osai).
    DataSummary,
    /// Installable, versioned package.
    Package,
    /// API access.
    Api,
}

/// Judges one criterion.
pub fn judge(criterion: Criterion, cx: &Context) -> Verdict {
    let v = match criterion {
        Criterion::TrainingCode => code::training_code(cx),
        Criterion::BaseData => data::base_data(cx),
        Criterion::EndData => data::end_data(cx),
        Criterion::BaseWeights => weights::base_weights(cx),
        Criterion::EndWeights => weights::end_weights(cx),
        Criterion::TunedWeights => weights::tuned_weights(cx),
        Criterion::License => license::license_all(cx),
        Criterion::Licenses => license::licenses_osai(cx),
        Criterion::CodeDocs => code::code_docs(cx),
        Criterion::Architecture => architecture::architecture(cx),
        Criterion::Preprint => papers::preprint(cx),
        Criterion::Paper => papers::paper(cx),
        Criterion::ModelCard => cards::model_card(cx),
        Criterion::Datasheet => cards::datasheet(cx),
        Criterion::DataSummary => cards::datasheet_or_summary(cx),
        Criterion::Package => access::package(cx),
        Criterion::Api => access::api(cx),
    };
    v.conservative()
}
