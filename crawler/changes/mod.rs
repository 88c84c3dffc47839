//! Change detection between crawl runs: `openness changes`.
//!
//! [`select_runs`] picks the two complete runs to compare, [`compare_runs`]
//! reads every model's report from both and lists [`Event`]s ([`diff`]);
//! reviewer decisions ([`crate::review`]) quiet parameters whose evidence is
//! unchanged; [`index`] compares with a checkout of the human index; [`render`]
//! writes the Markdown report.

pub mod diff;
pub mod events;
pub mod index;
pub mod notify;
pub mod render;

pub use events::{any_change, Event, Kind};

use crate::output::json::ModelReport;
use crate::schema::Schema;
use anyhow::{bail, Context as _};
use openness_snapshots::{RunMeta, RunStatus, Store};
use openness_sources::text::counted;

/// The runs to compare: (before, after). `after` is the latest complete run;
/// `before` is `since` when given, else the previous complete run.
pub fn select_runs(store: &Store, since: Option<&str>) -> anyhow::Result<(RunMeta, RunMeta)> {
    let complete: Vec<RunMeta> = store.list_runs()?.into_iter().filter(|r| r.status == RunStatus::Complete).collect();
    let Some(after) = complete.last().cloned() else {
        bail!("no complete run in the store {}: run `openness crawl` twice before `openness changes`", store.root().display());
    };
    let before = match since {
        Some(id) => {
            let run = store.get_run(id).ok().flatten().with_context(|| format!("no run `{id}` in the store {} (see `openness runs`)", store.root().display()))?;
            if run.status != RunStatus::Complete {
                bail!("run `{id}` is {}, not complete; pick a complete run (see `openness runs`)", run.status);
            }
            run
        }
        None => match store.previous_complete_run(&after.id)? {
            Some(r) => r,
            None => bail!("only one complete run ({}) in the store {}: changes need two; run `openness crawl` again", after.id, store.root().display()),
        },
    };
    Ok((before, after))
}

/// Reads one model's report from a run.
pub fn read_report(store: &Store, run: &str, model: &str) -> anyhow::Result<Option<ModelReport>> {
    store.read_model_result::<ModelReport>(run, model).with_context(|| format!("cannot read the result of `{model}` in run {run}"))
}

/// The complete runs up to and including `run`, newest first.
pub fn complete_runs_upto(store: &Store, run: &RunMeta) -> anyhow::Result<Vec<RunMeta>> {
    let runs = store.list_runs()?;
    let end = runs.iter().position(|r| r.id == run.id).map_or(runs.len(), |p| p + 1);
    Ok(runs[..end].iter().rev().filter(|r| r.status == RunStatus::Complete).cloned().collect())
}

/// The newest result of `model` among `runs` (newest first, see [`complete_runs_upto`]):
/// a run that covered only some models (`crawl --model`, `seed`), or in which this model
/// failed, is passed over for it.
pub fn latest_result(store: &Store, runs: &[RunMeta], model: &str) -> anyhow::Result<Option<(RunMeta, ModelReport)>> {
    for run in runs {
        if let Some(r) = read_report(store, &run.id, model)? {
            return Ok(Some((run.clone(), r)));
        }
    }
    Ok(None)
}

/// Every change event between two runs, model by model. Each model with a result in the
/// later run is compared with its newest result up to the earlier run (a run between that
/// skipped it or in which it failed is passed over); with none, it is `model_added`. A
/// model the later run covered without a result, though it had one before, is
/// `model_failed` (with the run's error). Models the later run did not cover
/// (`crawl --model`, or dropped from the configuration) are left out.
pub fn compare_runs(store: &Store, before: &RunMeta, after: &RunMeta, schema: Option<&Schema>) -> anyhow::Result<Vec<Event>> {
    let baselines = complete_runs_upto(store, before)?;
    let after_ids = store.model_ids(&after.id)?;
    let mut events = Vec::new();
    for id in &after_ids {
        let Some(a) = read_report(store, &after.id, id)? else { continue };
        let Some((_, b)) = latest_result(store, &baselines, id)? else {
            let link = Some(a.metadata.link.clone()).filter(|l| !l.is_empty());
            events.push(Event::new(id, None, Kind::ModelAdded, None, Some(class_counts(&a)), link));
            continue;
        };
        let params = diff::ParamMap::for_report(&a.schema, schema);
        events.extend(diff::diff(&b, &a, &params));
    }
    for id in after.models.iter().filter(|id| !after_ids.contains(id)) {
        let Some((_, b)) = latest_result(store, &baselines, id)? else { continue };
        let error = after.summary["models"].as_array().and_then(|ms| ms.iter().find(|m| m["id"] == id.as_str())).and_then(|m| m["error"].as_str()).unwrap_or("no result recorded");
        let link = Some(b.metadata.link.clone()).filter(|l| !l.is_empty());
        events.push(Event::new(id, None, Kind::ModelFailed, Some(class_counts(&b)), Some(error.to_string()), link));
    }
    Ok(events)
}

/// "3 open, 6 partial, 5 closed" for a model's verdicts.
fn class_counts(r: &ModelReport) -> String {
    use crate::verdict::Class;
    let n = |c: Class| r.verdicts.values().filter(|v| v.class == c).count();
    format!("{} open, {} partial, {} closed", n(Class::Open), n(Class::Partial), n(Class::Closed))
}

/// `openness runs`: the runs recorded in the store, oldest first.
pub fn runs_command(args: &crate::cli::RunsArgs) -> anyhow::Result<u8> {
    let config = crate::config::Config::load(&args.config.config)?;
    let store = open_store(&config)?;
    println!("{}", runs_table(&store.list_runs()?));
    Ok(0)
}

/// The runs as a plain-text table.
pub fn runs_table(runs: &[RunMeta]) -> String {
    let mut t = format!("{:<24} {:<20} {:<9} {:>6}  {:<7} {}\n", "run", "started (UTC)", "status", "models", "mode", "config");
    for r in runs {
        t.push_str(&format!(
            "{:<24} {:<20} {:<9} {:>6}  {:<7} {}\n",
            r.id,
            r.started_at.format("%Y-%m-%d %H:%M:%S"),
            r.status.to_string(),
            r.models.len(),
            if r.offline { "offline" } else { "online" },
            openness_snapshots::short_digest(&r.config_digest)
        ));
    }
    t.push_str(&counted(runs.len(), "run"));
    t
}

/// The config's evidence store, opened for reading (no lock); an error that says how to
/// create it when there is none.
pub(crate) fn open_store(config: &crate::config::Config) -> anyhow::Result<Store> {
    if !config.store.is_dir() {
        bail!("no evidence store at {}: run `openness crawl --config {}` first", config.store.display(), config.path.display());
    }
    Ok(Store::open_read_only(&config.store)?)
}

/// `openness changes`: prints the report; 0 when nothing changed, 3 when something did.
pub async fn command(args: &crate::cli::ChangesArgs) -> anyhow::Result<u8> {
    let config = crate::config::Config::load(&args.config.config)?;
    let notify = args.notify.as_deref().map(notify::parse_target).transpose()?;
    let store = open_store(&config)?;
    let (before, after) = select_runs(&store, args.since.as_deref())?;
    let schema = Schema::load(&config.schema).ok();
    let events = compare_runs(&store, &before, &after, schema.as_ref())?;
    let decisions = crate::review::Decisions::load(&crate::review::decisions_path(&config.path))?;
    // Each model's newest result up to the later run (that run may have covered some only).
    let upto_after = complete_runs_upto(&store, &after)?;
    let newest = |m: &str| latest_result(&store, &upto_after, m).ok().flatten().map(|(_, r)| r);
    let mut events = crate::review::apply(events, &decisions, newest);
    if let Some(dir) = &args.index {
        let reports: Vec<ModelReport> = config.models.iter().filter_map(|m| newest(&m.id)).collect();
        events.extend(index::compare_all(dir, &reports)?);
        if args.check_links {
            let links = index::human_links(dir, &reports)?;
            events.extend(check_links(&config, links).await?);
        }
        events.sort();
        events.dedup();
    }
    let markdown = render::markdown(&before.id, &after.id, &events);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&events)?);
    } else {
        print!("{markdown}");
    }
    let changed = any_change(&events);
    if let Some(target) = &notify {
        if changed {
            let (title, body) = notify::issue(&after.id, &events, &markdown);
            eprintln!("{}", notify::send(target, &title, &body, args.yes).await?);
        } else {
            eprintln!("nothing changed: no issue opened in {}/{}", target.owner, target.repo);
        }
    }
    Ok(if changed { 3 } else { 0 })
}

/// Fetches human evidence links; those that fail or answer 4xx/5xx are `human_link_broken`.
async fn check_links(config: &crate::config::Config, links: Vec<(String, String, String)>) -> anyhow::Result<Vec<Event>> {
    use futures::StreamExt;
    if links.is_empty() {
        return Ok(Vec::new());
    }
    let store = std::sync::Arc::new(Store::open(&config.store)?);
    let run_id = openness_snapshots::new_run_id(chrono::Utc::now());
    let fetcher = crate::http::Fetcher::new(config, store, &run_id, false)?;
    let results: Vec<Option<Event>> = futures::stream::iter(links)
        .map(|(model, key, url)| {
            let fetcher = fetcher.clone();
            async move {
                let after = match fetcher.get_page(&url).await {
                    Ok(r) if r.status < 400 => return None,
                    Ok(r) => r.status.to_string(),
                    Err(e) if matches!(*e, crate::http::FetchError::Robots(_)) => return None,
                    Err(e) => format!("failed: {e}"),
                };
                Some(Event::new(&model, Some(&key), Kind::HumanLinkBroken, None, Some(after), Some(url)))
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    Ok(results.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Class;

    fn run(store: &Store, id: &str, minute: u32, status: RunStatus) {
        use chrono::TimeZone;
        let t = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, minute, 0).unwrap();
        store.begin_run(&RunMeta::new(id, t, "cfg", "faccT24", vec!["widget".into()], false)).unwrap();
        if status != RunStatus::Running {
            store.finish_run(id, status, serde_json::Value::Null).unwrap();
        }
    }

    #[test]
    fn selects_the_two_latest_complete_runs() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(select_runs(&store, None).unwrap_err().to_string().contains("no complete run"));
        run(&store, "r1", 1, RunStatus::Complete);
        assert!(select_runs(&store, None).unwrap_err().to_string().contains("only one complete run"));
        run(&store, "r2", 2, RunStatus::Complete);
        run(&store, "r3", 3, RunStatus::Running);
        let (b, a) = select_runs(&store, None).unwrap();
        assert_eq!((b.id.as_str(), a.id.as_str()), ("r1", "r2"));
        assert!(select_runs(&store, Some("r3")).is_err());
        assert!(select_runs(&store, Some("nope")).is_err());
        let r1 = diff::tests::report("r1", "mit", "false", "found", None, &[("license", Class::Open)]);
        let r2 = diff::tests::report("r1", "mit", "auto", "found", None, &[("license", Class::Open)]);
        store.write_model_result("r1", "widget", &r1).unwrap();
        store.write_model_result("r2", "widget", &r2).unwrap();
        let ev = compare_runs(&store, &b, &a, None).unwrap();
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, Kind::GatingChanged);
        assert_eq!(ev[0].parameter.as_deref(), Some("rlweights"));
    }
}
