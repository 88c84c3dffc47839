//! Change events: what changed for one model between two runs, in a stable,
//! machine-readable shape (`--json`) that the Markdown report is rendered from.

use serde::{Deserialize, Serialize};

/// What kind of change an event reports. The serialised names are stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A parameter's provisional class changed.
    VerdictChanged,
    /// A licence id changed (Hugging Face tag or name, GitHub SPDX id).
    LicenseChanged,
    /// A Hugging Face repository's access gate changed.
    GatingChanged,
    /// Weight files appeared (or more of them).
    WeightsAdded,
    /// Weight files disappeared (or fewer of them).
    WeightsRemoved,
    /// A model card names a new dataset.
    DatasetAdded,
    /// A model card no longer names a dataset.
    DatasetRemoved,
    /// A dataset became gated or access-restricted.
    DatasetGated,
    /// A dataset answers 404/410.
    DatasetMissing,
    /// A GitHub repository was archived.
    RepoArchived,
    /// A repository answers 404/410.
    RepoMissing,
    /// A paper was seen for the first time.
    PaperAdded,
    /// A paper gained a journal reference, DOI or venue comment.
    PaperPeerReviewed,
    /// A package (or a new release of it) was published.
    PackagePublished,
    /// An evidence URL that answered 2xx now fails (0, 4xx or 5xx).
    EvidenceFailing,
    /// A reviewer decision rests on evidence that changed since.
    DecisionNeedsReview,
    /// The human verdict in the index differs from the provisional one.
    HumanDisagrees,
    /// A human open/partial verdict in the index gives no link.
    HumanMissingLink,
    /// A human evidence link no longer resolves.
    HumanLinkBroken,
    /// A model has a result for the first time (newly tracked, or it failed before).
    ModelAdded,
    /// A model the later run covered has no result there, though it had one before.
    ModelFailed,
}

impl Kind {
    /// The stable name (as serialised).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::VerdictChanged => "verdict_changed",
            Kind::LicenseChanged => "license_changed",
            Kind::GatingChanged => "gating_changed",
            Kind::WeightsAdded => "weights_added",
            Kind::WeightsRemoved => "weights_removed",
            Kind::DatasetAdded => "dataset_added",
            Kind::DatasetRemoved => "dataset_removed",
            Kind::DatasetGated => "dataset_gated",
            Kind::DatasetMissing => "dataset_missing",
            Kind::RepoArchived => "repo_archived",
            Kind::RepoMissing => "repo_missing",
            Kind::PaperAdded => "paper_added",
            Kind::PaperPeerReviewed => "paper_peer_reviewed",
            Kind::PackagePublished => "package_published",
            Kind::EvidenceFailing => "evidence_failing",
            Kind::DecisionNeedsReview => "decision_needs_review",
            Kind::HumanDisagrees => "human_disagrees",
            Kind::HumanMissingLink => "human_missing_link",
            Kind::HumanLinkBroken => "human_link_broken",
            Kind::ModelAdded => "model_added",
            Kind::ModelFailed => "model_failed",
        }
    }

    /// Findings about the human index (not changes between runs): they are
    /// reported but do not make `changes` exit with 3.
    pub fn is_index_finding(self) -> bool {
        matches!(self, Kind::HumanDisagrees | Kind::HumanMissingLink | Kind::HumanLinkBroken)
    }

    /// A short phrase for the Markdown report.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::VerdictChanged => "verdict changed",
            Kind::LicenseChanged => "licence changed",
            Kind::GatingChanged => "access gate changed",
            Kind::WeightsAdded => "weight files added",
            Kind::WeightsRemoved => "weight files removed",
            Kind::DatasetAdded => "dataset added",
            Kind::DatasetRemoved => "dataset removed",
            Kind::DatasetGated => "dataset gated",
            Kind::DatasetMissing => "dataset missing (404)",
            Kind::RepoArchived => "repository archived",
            Kind::RepoMissing => "repository missing (404)",
            Kind::PaperAdded => "new paper",
            Kind::PaperPeerReviewed => "paper now peer-reviewed",
            Kind::PackagePublished => "package published",
            Kind::EvidenceFailing => "evidence URL now failing",
            Kind::DecisionNeedsReview => "reviewer decision needs review",
            Kind::HumanDisagrees => "human verdict disagrees",
            Kind::HumanMissingLink => "human verdict has no link",
            Kind::HumanLinkBroken => "human evidence link broken",
            Kind::ModelAdded => "model assessed for the first time",
            Kind::ModelFailed => "model not assessed in this run",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change event.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Event {
    /// Config id of the model.
    pub model: String,
    /// Schema key of the parameter affected, when one is.
    pub parameter: Option<String>,
    /// What changed.
    pub kind: Kind,
    /// Value before (a class, a licence id, a state), when there was one.
    pub before: Option<String>,
    /// Value after, when there is one.
    pub after: Option<String>,
    /// The URL showing the change.
    pub evidence: Option<String>,
    /// SHA-256 digest of the evidence's stored body in the earlier run, when it had one.
    #[serde(default)]
    pub before_snapshot: Option<String>,
    /// SHA-256 digest of the evidence's stored body in the later run, when it has one.
    #[serde(default)]
    pub after_snapshot: Option<String>,
}

impl Event {
    /// A new event.
    pub fn new(model: &str, parameter: Option<&str>, kind: Kind, before: Option<String>, after: Option<String>, evidence: Option<String>) -> Event {
        Event { model: model.to_string(), parameter: parameter.map(str::to_string), kind, before, after, evidence, before_snapshot: None, after_snapshot: None }
    }

    /// The stored bodies behind the event, their digests shortened to 12 characters and
    /// each written by `code`: `before → after`, `before (unchanged)`, one side, or `—`.
    pub fn snapshots_shown(&self, code: impl Fn(&str) -> String) -> String {
        let short = |d: &Option<String>| d.as_deref().map(|d| code(openness_snapshots::short_digest(d)));
        match (short(&self.before_snapshot), short(&self.after_snapshot)) {
            (Some(b), Some(_)) if self.before_snapshot == self.after_snapshot => format!("{b} (unchanged)"),
            (Some(b), Some(a)) => format!("{b} → {a}"),
            (Some(b), None) => format!("{b} → —"),
            (None, Some(a)) => format!("— → {a}"),
            (None, None) => "—".into(),
        }
    }

    /// Whether the stored bodies before and after are both known and differ: then
    /// `openness snapshot diff` shows exactly what changed.
    pub fn has_body_change(&self) -> bool {
        matches!((&self.before_snapshot, &self.after_snapshot), (Some(b), Some(a)) if a != b)
    }
}

/// Whether any event is a change between runs (exit status 3), as opposed to
/// findings about the human index only.
pub fn any_change(events: &[Event]) -> bool {
    events.iter().any(|e| !e.kind.is_index_finding())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_serialise_to_their_stable_names() {
        for k in [Kind::VerdictChanged, Kind::LicenseChanged, Kind::PaperPeerReviewed, Kind::EvidenceFailing, Kind::DecisionNeedsReview, Kind::HumanMissingLink] {
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::Value::String(k.as_str().to_string()));
        }
        let e = Event::new("m", Some("license"), Kind::LicenseChanged, Some("mit".into()), None, Some("https://x".into()));
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v, serde_json::json!({"model": "m", "parameter": "license", "kind": "license_changed", "before": "mit", "after": null, "evidence": "https://x", "before_snapshot": null, "after_snapshot": null}));
        assert!(any_change(&[e]));
        assert!(!any_change(&[Event::new("m", None, Kind::HumanDisagrees, None, None, None)]));
    }
}
