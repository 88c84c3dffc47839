//! The JSON file beside each YAML file: every verdict with its confidence and the
//! facts behind it, plus the snapshots the evidence rests on.

use crate::evidence::SnapshotRef;
use crate::verdict::Verdict;
use openness_sources::Fact;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the crawler concluded about one model in one run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ModelReport {
    /// Config id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Schema name.
    pub schema: String,
    /// Run id.
    pub run: String,
    /// Header metadata.
    pub metadata: super::yaml::Metadata,
    /// Verdict per parameter key.
    pub verdicts: BTreeMap<String, Verdict>,
    /// Every fact observed.
    pub facts: Vec<Fact>,
    /// Every snapshot read.
    pub snapshots: Vec<SnapshotRef>,
    /// Problems met while gathering evidence.
    pub problems: Vec<String>,
}
