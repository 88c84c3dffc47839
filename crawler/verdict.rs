//! Verdicts: a class, how sure the crawler is, the evidence links, notes for the
//! reviewer, and the facts (URL, snippet, snapshot digest) behind it.

use serde::{Deserialize, Serialize};

/// The index's three classes (plus "not applicable", written as an empty class).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Closed.
    Closed,
    /// Partial.
    Partial,
    /// Open.
    Open,
    /// Not applicable.
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Class {
    /// The word written in the index files (empty for not applicable).
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Open => "open",
            Class::Partial => "partial",
            Class::Closed => "closed",
            Class::NotApplicable => "",
        }
    }
    /// Openness score: open 1, partial 0.5, closed 0.
    pub fn score(self) -> Option<f64> {
        match self {
            Class::Open => Some(1.0),
            Class::Partial => Some(0.5),
            Class::Closed => Some(0.0),
            Class::NotApplicable => None,
        }
    }
    /// Reads a class word as the index writes it.
    pub fn parse(s: &str) -> Option<Class> {
        match s.trim().trim_matches(['"', '\'']).to_lowercase().as_str() {
            "open" | "🟩" => Some(Class::Open),
            "partial" | "🟧" => Some(Class::Partial),
            "closed" | "🟥" => Some(Class::Closed),
            "" | "n/a" | "not applicable" => Some(Class::NotApplicable),
            _ => None,
        }
    }
    /// The less open of two classes.
    pub fn min(self, other: Class) -> Class {
        if self.score().unwrap_or(0.0) <= other.score().unwrap_or(0.0) {
            self
        } else {
            other
        }
    }
}

/// How much the crawler trusts its own verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Some evidence could not be fetched or the signal is weak.
    Low,
    /// Clear evidence, but judged by heuristics a reviewer should check.
    Medium,
    /// Direct, unambiguous evidence (an API field, a licence id).
    High,
}

/// One piece of evidence cited by a verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
pub struct Cited {
    /// Public URL.
    pub url: String,
    /// The text that shows it.
    pub snippet: String,
    /// Snapshot digest of the response.
    pub digest: Option<String>,
}

/// A provisional verdict on one parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Class.
    pub class: Class,
    /// Confidence.
    pub confidence: Confidence,
    /// Why this confidence.
    pub confidence_reason: String,
    /// Evidence links, most relevant first.
    pub links: Vec<String>,
    /// Notes for the reviewer: what was found, where, and what was missing.
    pub notes: String,
    /// The facts behind the verdict.
    pub evidence: Vec<Cited>,
}

impl Verdict {
    /// A verdict with no links yet.
    pub fn new(class: Class, confidence: Confidence, why: impl Into<String>, notes: impl Into<String>) -> Verdict {
        Verdict { class, confidence, confidence_reason: why.into(), links: Vec::new(), notes: notes.into(), evidence: Vec::new() }
    }

    /// Adds a cited piece of evidence (its URL becomes a link too).
    pub fn cite(mut self, url: &str, snippet: impl AsRef<str>, digest: Option<&openness_snapshots::Digest>) -> Verdict {
        self.add_link(url);
        self.add_cited(Cited { url: url.to_string(), snippet: openness_sources::text::excerpt(snippet.as_ref(), 300), digest: digest.map(|d| d.to_string()) });
        self
    }

    /// Adds the links and cited evidence of `other` after this verdict's own, as they are.
    pub fn cite_from(mut self, other: Verdict) -> Verdict {
        for l in &other.links {
            self.add_link(l);
        }
        for c in other.evidence {
            self.add_cited(c);
        }
        self
    }

    fn add_link(&mut self, url: &str) {
        if !url.is_empty() && !self.links.iter().any(|l| l == url) {
            self.links.push(url.to_string());
        }
    }

    fn add_cited(&mut self, c: Cited) {
        if !self.evidence.contains(&c) {
            self.evidence.push(c);
        }
    }

    /// Enforces the crawler's own rule: an open or partial verdict must name evidence.
    /// Without a link it falls back to closed.
    pub fn conservative(mut self) -> Verdict {
        if matches!(self.class, Class::Open | Class::Partial) && self.links.is_empty() {
            self.notes = format!("{} No evidence link could be given, so the verdict is closed.", self.notes);
            self.class = Class::Closed;
            self.confidence = Confidence::Low;
        }
        self
    }
}
