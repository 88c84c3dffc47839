//! The unit of evidence: one observation, where it was seen and the text that shows it.

use serde::{Deserialize, Serialize};

/// One observation about a subject (a repository, dataset, paper, package or page),
/// with the public URL it was read from and a short snippet that shows it.
///
/// `kind` is a stable code (e.g. `hf.license`, `hf.gated`, `github.license`,
/// `arxiv.journal_ref`) so that facts from two runs can be compared key by key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
pub struct Fact {
    /// Stable code of what was observed.
    pub kind: String,
    /// What the fact is about, e.g. `hf:model/org/name`, `github:owner/repo`, `arxiv:2401.04088`.
    pub subject: String,
    /// The observed value in plain words (a licence id, `auto`, `3 weight files`, ...).
    pub value: String,
    /// Public URL of the response the fact was read from.
    pub url: String,
    /// Short excerpt of the response showing the fact (at most a few hundred characters).
    pub snippet: String,
}

impl Fact {
    /// Builds a fact; the snippet is shortened to a readable excerpt.
    pub fn new(
        kind: &str,
        subject: impl Into<String>,
        value: impl Into<String>,
        url: impl Into<String>,
        snippet: impl AsRef<str>,
    ) -> Self {
        Fact {
            kind: kind.to_string(),
            subject: subject.into(),
            value: value.into(),
            url: url.into(),
            snippet: crate::text::excerpt(snippet.as_ref(), 300),
        }
    }

    /// Key identifying "the same fact" across runs: kind and subject.
    pub fn key(&self) -> (String, String) {
        (self.kind.clone(), self.subject.clone())
    }
}
