//! One crawl run: config → discovery → fetch → snapshot → facts → verdicts → files.

use crate::arxiv_batch::ArxivBatcher;
use crate::config::{Config, ModelEntry};
use crate::discovery::Discovery;
use crate::evidence::{Avail, Evidence};
use crate::http::{Fetcher, StatsSnapshot};
use crate::output::json::ModelReport;
use crate::output::yaml::{self, Metadata};
use crate::output::write_atomic;
use crate::rules::{self, Context};
use crate::schema::Schema;
use futures::{FutureExt, StreamExt};
use openness_sources::hf::RepoKind;
use openness_snapshots::{RunMeta, RunStatus, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// What to crawl and where to write.
#[derive(Clone, Debug)]
pub struct CrawlOptions {
    /// Output folder.
    pub out: PathBuf,
    /// Schema.
    pub schema: Schema,
    /// Only these model ids (all when empty).
    pub only: Vec<String>,
    /// Recompute from stored snapshots without network.
    pub offline: bool,
    /// A trial crawl whose failures the caller handles (`seed` trying a linked model): a
    /// model that fails is logged as a warning, not an error.
    pub trial: bool,
}

/// Outcome of one model.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ModelOutcome {
    /// Config id.
    pub id: String,
    /// `ok` or `failed`.
    pub status: String,
    /// Error when failed.
    pub error: Option<String>,
    /// Class counts (open, partial, closed).
    pub counts: [usize; 3],
    /// Verdicts of low confidence: the ones a reviewer should read first.
    #[serde(default)]
    pub low: usize,
    /// Problems met (evidence that could not be fetched).
    pub problems: usize,
    /// CPU time spent deriving facts and verdicts from the gathered evidence, in microseconds.
    #[serde(default)]
    pub judge_us: u64,
}

impl ModelOutcome {
    /// A model that has no result: why, and how many problems discovery met.
    pub fn failed(id: &str, error: String, problems: usize) -> ModelOutcome {
        ModelOutcome { id: id.to_string(), status: "failed".into(), error: Some(error), counts: [0; 3], low: 0, problems, judge_us: 0 }
    }
}

/// Outcome of a run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunSummary {
    /// Run id.
    pub run: String,
    /// Schema.
    pub schema: String,
    /// Per model.
    pub models: Vec<ModelOutcome>,
    /// HTTP counters.
    pub http: StatsSnapshot,
    /// Wall time in seconds.
    pub seconds: f64,
}

impl RunSummary {
    /// Whether every model completed.
    pub fn all_ok(&self) -> bool {
        self.models.iter().all(|m| m.status == "ok")
    }
}

/// Called after each model (for progress reporting).
pub type Progress = Arc<dyn Fn(&ModelOutcome, &StatsSnapshot) + Send + Sync>;

/// Runs a crawl. Fatal errors (store unusable) are `Err`; model failures are in the summary.
pub async fn crawl(config: &Config, opts: &CrawlOptions, progress: Option<Progress>) -> anyhow::Result<RunSummary> {
    let started = std::time::Instant::now();
    let store = Arc::new(Store::open(&config.store)?);
    let models: Vec<ModelEntry> = if opts.only.is_empty() {
        config.models.clone()
    } else {
        for id in &opts.only {
            if !config.models.iter().any(|m| &m.id == id) {
                anyhow::bail!("no model with id `{id}` in {}", config.path.display());
            }
        }
        config.models.iter().filter(|m| opts.only.contains(&m.id)).cloned().collect()
    };
    // The licence-text matcher's data loads once per process; load it while the first
    // requests are in flight rather than inside the first model that needs it.
    drop(tokio::task::spawn_blocking(openness_sources::license::warm_up));
    let run_id = openness_snapshots::new_run_id(chrono::Utc::now());
    let meta = RunMeta::new(run_id.clone(), chrono::Utc::now(), config.digest.clone(), opts.schema.name.clone(), models.iter().map(|m| m.id.clone()).collect(), opts.offline);
    // What can fail before any model is crawled fails before the run is recorded.
    std::fs::create_dir_all(&opts.out).map_err(|e| anyhow::anyhow!("cannot create output folder {}: {e}", opts.out.display()))?;
    let fetcher = Fetcher::new(config, store.clone(), &run_id, opts.offline)?;
    store.begin_run(&meta)?;
    remove_stale_temp_outputs(&opts.out);
    let arxiv = ArxivBatcher::start(fetcher.clone(), opts.offline);

    // A run that ends early (an error, Ctrl-C, SIGTERM) is recorded as failed, not left
    // "running"; what was written stays (outputs are written whole, one file at a time).
    let work = crawl_models(config, opts, &models, &fetcher, &arxiv, &store, &run_id, started, progress);
    let ended = tokio::select! {
        result = work => result,
        signal = interrupted() => Err(anyhow::anyhow!("interrupted ({signal}); the run is recorded as failed, the outputs written so far are kept")),
    };
    match ended {
        Ok(summary) => {
            // The run is complete even when some models failed: each model's outcome is in the summary.
            store.finish_run(&run_id, RunStatus::Complete, serde_json::to_value(&summary)?)?;
            Ok(summary)
        }
        Err(e) => {
            if let Err(err) = store.finish_run(&run_id, RunStatus::Failed, serde_json::json!({ "error": format!("{e:#}") })) {
                tracing::warn!("cannot record the run as failed: {err}");
            }
            Err(e)
        }
    }
}

/// Waits for Ctrl-C or SIGTERM; names the one that came.
async fn interrupted() -> &'static str {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => "Ctrl-C",
            _ = term.recv() => "SIGTERM",
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}

/// Crawls `models` (at most `parallel_models` at once) and writes `summary.json`.
#[allow(clippy::too_many_arguments)]
async fn crawl_models(config: &Config, opts: &CrawlOptions, models: &[ModelEntry], fetcher: &Fetcher, arxiv: &ArxivBatcher, store: &Arc<Store>, run_id: &str, started: std::time::Instant, progress: Option<Progress>) -> anyhow::Result<RunSummary> {
    let mut outcomes: Vec<ModelOutcome> = futures::stream::iter(models.iter())
        .map(|entry| {
            let progress = progress.clone();
            async move {
                // A bug met on one model's evidence (a panic) fails that model, not the run.
                let crawl = std::panic::AssertUnwindSafe(crawl_model(config, opts, fetcher, arxiv, store, run_id, entry));
                let outcome = crawl.catch_unwind().await.unwrap_or_else(|panic| {
                    let what = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_default();
                    tracing::error!(model = %entry.id, "internal error: {what}");
                    ModelOutcome::failed(&entry.id, format!("internal error while crawling this model ({what}); please report it"), 0)
                });
                if let Some(p) = progress {
                    p(&outcome, &fetcher.stats().snapshot());
                }
                outcome
            }
        })
        .buffer_unordered(config.crawl.parallel_models.max(1))
        .collect()
        .await;
    outcomes.sort_by(|a, b| a.id.cmp(&b.id));
    let summary = RunSummary { run: run_id.to_string(), schema: opts.schema.name.clone(), models: outcomes, http: fetcher.stats().snapshot(), seconds: started.elapsed().as_secs_f64() };
    write_atomic(&opts.out.join("summary.json"), serde_json::to_string_pretty(&summary)?.as_bytes())?;
    Ok(summary)
}

async fn crawl_model(config: &Config, opts: &CrawlOptions, fetcher: &Fetcher, arxiv: &ArxivBatcher, store: &Arc<Store>, run_id: &str, entry: &ModelEntry) -> ModelOutcome {
    let ev = Discovery::new(fetcher, arxiv, &config.crawl).run(entry).await;
    let fail = |error: String, problems: usize| ModelOutcome::failed(&entry.id, error, problems);
    if let Some((reason, advice)) = start_failure(&ev) {
        // A trial's caller reports the reason in its own terms: the advice is for a
        // model the user configured.
        if opts.trial {
            tracing::debug!(model = %entry.id, "{reason}");
            return fail(reason, ev.problems.len());
        }
        let err = format!("{reason}; {advice}");
        tracing::error!(model = %entry.id, "{err}");
        return fail(err, ev.problems.len());
    }
    // Judging and writing are CPU and disk work: off the async workers, so that they
    // never hold up the network requests of the models still being crawled.
    let problems = ev.problems.len();
    let (entry2, schema, run, out, store) = (entry.clone(), opts.schema.clone(), run_id.to_string(), opts.out.clone(), store.clone());
    match tokio::task::spawn_blocking(move || finish_model(&entry2, &ev, &schema, &run, &out, &store)).await {
        Ok(outcome) => outcome,
        Err(e) => fail(format!("judging the evidence failed: {e}"), problems),
    }
}

/// Times the judging of one model: the CPU time of this thread where the platform
/// reports it (so that other threads sharing the cores do not count), else wall time.
enum Judging {
    Cpu(cpu_time::ThreadTime),
    Wall(std::time::Instant),
}

impl Judging {
    fn start() -> Self {
        match cpu_time::ThreadTime::try_now() {
            Ok(t) => Judging::Cpu(t),
            Err(_) => Judging::Wall(std::time::Instant::now()),
        }
    }

    fn micros(&self) -> u64 {
        match self {
            Judging::Cpu(t) => t.try_elapsed().map(|d| d.as_micros() as u64).unwrap_or(0),
            Judging::Wall(t) => t.elapsed().as_micros() as u64,
        }
    }
}

/// Judges a model's evidence and writes its outputs and its result in the store.
fn finish_model(entry: &ModelEntry, ev: &Evidence, schema: &Schema, run_id: &str, out: &std::path::Path, store: &Store) -> ModelOutcome {
    let fail = |error: String, problems: usize| ModelOutcome::failed(&entry.id, error, problems);
    let judging = Judging::start();
    let report = judge(entry, ev, schema, run_id);
    let judge_us = judging.micros();
    let yaml_text = yaml::render(schema, &report.metadata, &report.verdicts);
    let json_text = match serde_json::to_string_pretty(&report) {
        Ok(t) => t,
        Err(e) => return fail(format!("cannot serialise the report: {e}"), ev.problems.len()),
    };
    if let Err(e) = write_atomic(&out.join(format!("{}.yaml", entry.id)), yaml_text.as_bytes()).and_then(|_| write_atomic(&out.join(format!("{}.json", entry.id)), json_text.as_bytes())) {
        return fail(format!("cannot write outputs to {}: {e}", out.display()), ev.problems.len());
    }
    if let Err(e) = store.write_model_result(run_id, &entry.id, &report) {
        return fail(format!("cannot record the result in the store: {e}"), ev.problems.len());
    }
    let mut counts = [0; 3];
    for v in report.verdicts.values() {
        match v.class {
            crate::verdict::Class::Open => counts[0] += 1,
            crate::verdict::Class::Partial => counts[1] += 1,
            crate::verdict::Class::Closed => counts[2] += 1,
            crate::verdict::Class::NotApplicable => {}
        }
    }
    let low = report.verdicts.values().filter(|v| v.confidence == crate::verdict::Confidence::Low).count();
    ModelOutcome { id: entry.id.clone(), status: "ok".into(), error: None, counts, low, problems: ev.problems.len(), judge_us }
}

/// Deletes the temporary files (`.tmp*`, see `write_atomic`) a killed run left in the
/// output folder, so that only finished outputs remain.
fn remove_stale_temp_outputs(out: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(out) else { return };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(".tmp") && e.file_type().map(|t| t.is_file()).unwrap_or(false) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A model fails when none of its starting points could be read at all: the reason, and
/// what the user can do about it.
fn start_failure(ev: &Evidence) -> Option<(String, &'static str)> {
    if let Some(end) = ev.end_model() {
        if let Avail::NotFound { url, status } = &end.api {
            return Some((format!("the Hugging Face repository {} does not exist (HTTP {status} at {url})", end.id), "check the `hf` id in the config. Earlier outputs were kept."));
        }
        if let Avail::Failed { url, error } = &end.api {
            let others_found = ev.repos.values().any(|r| r.api.found().is_some()) || ev.pages.values().any(|p| p.page.found().is_some());
            if !others_found {
                return Some((format!("could not fetch the starting point {url}: {error}"), "check the network or the mirror setting and run again; earlier outputs were kept."));
            }
        }
        return None;
    }
    let anything = ev.repos.values().any(|r| r.api.found().is_some()) || ev.pages.values().any(|p| p.page.found().is_some()) || ev.papers.values().any(|p| p.entry.found().is_some());
    if anything {
        None
    } else {
        Some((format!("none of the starting points could be fetched ({})", ev.problems.join("; ")), "earlier outputs were kept."))
    }
}

/// Judges every parameter of `schema` from the evidence.
pub fn judge(entry: &ModelEntry, ev: &Evidence, schema: &Schema, run_id: &str) -> ModelReport {
    let cx = Context::new(entry, ev);
    let mut verdicts = BTreeMap::new();
    for p in &schema.parameters {
        verdicts.insert(p.key.clone(), rules::judge(p.criterion, &cx));
    }
    ModelReport {
        id: entry.id.clone(),
        name: entry.name.clone(),
        schema: schema.name.clone(),
        run: run_id.to_string(),
        metadata: metadata(entry, ev),
        verdicts,
        facts: ev.facts(),
        snapshots: ev.snapshots.clone(),
        problems: ev.problems.clone(),
    }
}

/// Header metadata from the evidence.
pub fn metadata(entry: &ModelEntry, ev: &Evidence) -> Metadata {
    let end = ev.end_model();
    let org = ev.end_model_id.as_ref().and_then(|id| id.split('/').next()).map(str::to_string)
        .or_else(|| ev.repos.values().next().map(|r| r.name.split('/').next().unwrap_or("").to_string()))
        .unwrap_or_default();
    let org_link = if ev.end_model_id.is_some() { format!("https://huggingface.co/{org}") } else if !org.is_empty() { format!("https://github.com/{org}") } else { String::new() };
    Metadata {
        name: entry.name.clone(),
        link: ev.end_model_id.as_ref().map(|id| RepoKind::Model.page_url(id)).or_else(|| entry.vendor.first().cloned()).or_else(|| entry.github.first().map(|g| format!("https://github.com/{g}"))).unwrap_or_default(),
        base: ev.root_bases().iter().map(|m| m.id.clone()).collect::<Vec<_>>().join(", "),
        tuning_data: ev.datasets.values().filter(|d| d.role != crate::evidence::DataRole::Pretraining && d.named_by_card).map(|d| d.id.clone()).collect::<Vec<_>>().join(", "),
        license: end.and_then(crate::rules::end_license_label).unwrap_or_default(),
        org,
        org_link,
    }
}
