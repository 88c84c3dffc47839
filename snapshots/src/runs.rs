//! Run records: one folder per crawler run, `runs/<id>/run.json`, plus one
//! result file per model, `runs/<id>/models/<model_id>.json`.

use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::atomic::{list_dir, read_json_file, write_json_file};
use crate::digest::Digest;
use crate::error::{Result, StoreError};
use crate::names::validate_stem;
use crate::Store;

/// Name of the metadata file inside a run folder.
pub(crate) const RUN_FILE: &str = "run.json";
/// Name of the per-model results folder inside a run folder.
pub(crate) const MODELS_DIR: &str = "models";

/// Where a run stands. A run killed mid-way stays `Running` forever.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    /// Begun and not finished (or killed before finishing).
    Running,
    /// Finished normally.
    Complete,
    /// Finished with an error.
    Failed,
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RunStatus::Running => "running",
            RunStatus::Complete => "complete",
            RunStatus::Failed => "failed",
        })
    }
}

/// The metadata of one run, stored as `runs/<id>/run.json`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct RunMeta {
    /// Run id, see [`new_run_id`].
    pub id: String,
    /// When the run began.
    pub started_at: DateTime<Utc>,
    /// When it finished; `None` while running.
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    /// Where it stands.
    pub status: RunStatus,
    /// Digest of the configuration the run used.
    pub config_digest: String,
    /// Version of the verdict schema the run produced.
    pub schema: String,
    /// Ids of the models the run covers.
    #[serde(default)]
    pub models: Vec<String>,
    /// Whether the run used only stored evidence.
    #[serde(default)]
    pub offline: bool,
    /// Free-form summary; `Null` until finished.
    #[serde(default)]
    pub summary: serde_json::Value,
}

impl RunMeta {
    /// A `Running` run with no finish time and a `Null` summary.
    pub fn new(
        id: impl Into<String>,
        started_at: DateTime<Utc>,
        config_digest: impl Into<String>,
        schema: impl Into<String>,
        models: Vec<String>,
        offline: bool,
    ) -> Self {
        RunMeta {
            id: id.into(),
            started_at,
            finished_at: None,
            status: RunStatus::Running,
            config_digest: config_digest.into(),
            schema: schema.into(),
            models,
            offline,
            summary: serde_json::Value::Null,
        }
    }
}

/// A new run id such as `20261126T210501Z-3fa9c2`: the UTC time of `now`
/// (so ids sort chronologically) and 6 hex digits unique within the process
/// and unlikely to repeat across processes.
pub fn new_run_id(now: DateTime<Utc>) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let seed = format!(
        "{}-{}-{n}-{:?}",
        std::process::id(),
        now.timestamp_nanos_opt().unwrap_or_default(),
        std::time::SystemTime::now()
    );
    let noise = Digest::of(seed.as_bytes());
    format!("{}-{}", now.format("%Y%m%dT%H%M%SZ"), &noise.as_str()[..6])
}

impl Store {
    /// The folder of run `run_id`.
    fn run_dir(&self, run_id: &str) -> Result<PathBuf> {
        let dir = self.root.join(crate::RUNS_DIR).join(run_id);
        validate_stem("run id", run_id, &dir)?;
        Ok(dir)
    }

    /// The result file of `model_id` in run `run_id`.
    fn model_path(&self, run_id: &str, model_id: &str) -> Result<PathBuf> {
        let path = self
            .run_dir(run_id)?
            .join(MODELS_DIR)
            .join(format!("{model_id}.json"));
        validate_stem("model id", model_id, &path)?;
        Ok(path)
    }

    /// Writes `runs/<id>/run.json` for a run that starts (overwriting any).
    pub fn begin_run(&self, meta: &RunMeta) -> Result<()> {
        let path = self.run_dir(&meta.id)?.join(RUN_FILE);
        self.ensure_writable(&path)?;
        let _guard = self.runs_guard();
        write_json_file(&path, meta)
    }

    /// Marks a run finished: sets `finished_at` to now, `status` and `summary`.
    pub fn finish_run(
        &self,
        run_id: &str,
        status: RunStatus,
        summary: serde_json::Value,
    ) -> Result<()> {
        let path = self.run_dir(run_id)?.join(RUN_FILE);
        self.ensure_writable(&path)?;
        let _guard = self.runs_guard();
        let mut meta: RunMeta = read_json_file(&path)?.ok_or_else(|| {
            StoreError::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such run"),
            )
        })?;
        meta.finished_at = Some(Utc::now());
        meta.status = status;
        meta.summary = summary;
        write_json_file(&path, &meta)
    }

    /// The metadata of one run; `Ok(None)` when it does not exist.
    pub fn get_run(&self, run_id: &str) -> Result<Option<RunMeta>> {
        read_json_file(&self.run_dir(run_id)?.join(RUN_FILE))
    }

    /// Every run with a readable `run.json`, oldest first by
    /// `(started_at, id)`. Unreadable entries are skipped; killed runs are
    /// listed as `Running`.
    pub fn list_runs(&self) -> Result<Vec<RunMeta>> {
        let mut runs = Vec::new();
        for dir in list_dir(&self.root.join(crate::RUNS_DIR))? {
            let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if let Ok(Some(meta)) = read_json_file::<RunMeta>(&dir.join(RUN_FILE)) {
                if meta.id == name {
                    runs.push(meta);
                }
            }
        }
        runs.sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
        Ok(runs)
    }

    /// The newest run whose status is `Complete`.
    pub fn latest_complete_run(&self) -> Result<Option<RunMeta>> {
        Ok(self
            .list_runs()?
            .into_iter()
            .rev()
            .find(|r| r.status == RunStatus::Complete))
    }

    /// The newest `Complete` run ordered before run `before_id` (by
    /// `(started_at, id)`, or by id when `before_id` is not a known run).
    pub fn previous_complete_run(&self, before_id: &str) -> Result<Option<RunMeta>> {
        let runs = self.list_runs()?;
        let earlier: Vec<RunMeta> = match runs.iter().position(|r| r.id == before_id) {
            Some(pos) => runs[..pos].to_vec(),
            None => runs
                .into_iter()
                .filter(|r| r.id.as_str() < before_id)
                .collect(),
        };
        Ok(earlier
            .into_iter()
            .rev()
            .find(|r| r.status == RunStatus::Complete))
    }

    /// Writes the result of one model in a run, atomically.
    ///
    /// `model_id` must be a safe file stem (`[A-Za-z0-9._-]+`, not starting
    /// with `.`), else [`StoreError::InvalidName`].
    pub fn write_model_result<T: Serialize + ?Sized>(
        &self,
        run_id: &str,
        model_id: &str,
        value: &T,
    ) -> Result<()> {
        let path = self.model_path(run_id, model_id)?;
        self.ensure_writable(&path)?;
        write_json_file(&path, value)
    }

    /// Reads the result of one model in a run; `Ok(None)` when absent.
    pub fn read_model_result<T: DeserializeOwned>(
        &self,
        run_id: &str,
        model_id: &str,
    ) -> Result<Option<T>> {
        read_json_file(&self.model_path(run_id, model_id)?)
    }

    /// Ids of the models with a result in run `run_id`, sorted.
    pub fn model_ids(&self, run_id: &str) -> Result<Vec<String>> {
        let dir = self.run_dir(run_id)?.join(MODELS_DIR);
        Ok(list_dir(&dir)?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_owned))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn run_ids_sort_by_time_and_differ() {
        let t1 = Utc.with_ymd_and_hms(2026, 11, 26, 21, 5, 1).unwrap();
        let t2 = Utc.with_ymd_and_hms(2026, 11, 26, 21, 5, 2).unwrap();
        let a = new_run_id(t1);
        let b = new_run_id(t1);
        let c = new_run_id(t2);
        assert!(a.starts_with("20261126T210501Z-"), "{a}");
        assert_eq!(a.len(), "20261126T210501Z-".len() + 6);
        assert_ne!(a, b);
        assert!(a < c && b < c);
        validate_stem("run id", &a, std::path::Path::new("x")).unwrap();
    }

    #[test]
    fn status_serialises_lowercase() {
        assert_eq!(
            serde_json::to_string(&RunStatus::Complete).unwrap(),
            "\"complete\""
        );
        assert_eq!(RunStatus::Failed.to_string(), "failed");
    }
}
