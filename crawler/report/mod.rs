//! Reviewing a run: one static HTML page (models × parameters, colour-coded, with the
//! evidence behind each verdict and, given the index's files, the human verdicts beside
//! them) and a Markdown summary.
//!
//! Reading is read-only: the store is opened with [`Store::open_read_only`], so a report
//! can be made while a crawl is running.

pub mod html;
pub mod markdown;

use crate::output::json::ModelReport;
use crate::schema::Schema;
use crate::verdict::Class;
use openness_snapshots::{RunMeta, Store};
use std::collections::BTreeMap;
use std::path::Path;

/// One column of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Parameter key (as in the YAML files).
    pub key: String,
    /// Display name.
    pub name: String,
    /// Group (availability, documentation, access).
    pub group: String,
}

/// A human verdict read from one of the index's YAML files.
pub use crate::changes::index::HumanVerdict;

/// Everything a report shows.
#[derive(Clone, Debug)]
pub struct ReportData {
    /// The run shown.
    pub run: RunMeta,
    /// Columns, in schema order.
    pub columns: Vec<Column>,
    /// One report per model, sorted by id.
    pub models: Vec<ModelReport>,
    /// Human verdicts per model id, then per parameter key (empty without `--index`).
    pub human: BTreeMap<String, BTreeMap<String, HumanVerdict>>,
    /// Changes since the previous complete run (its id and the events), when there is one.
    pub changes: Option<(String, Vec<crate::changes::Event>)>,
}

impl ReportData {
    /// Reads run `run` (or the latest complete run) from the store at `store_root`: the
    /// results of `tracked` models, each the newest up to that run (a run that covered
    /// only some models, `crawl --model` or `seed`, shows the others from earlier runs);
    /// with no `tracked` models, the results of that run.
    pub fn load(store_root: &Path, run: Option<&str>, tracked: &[String]) -> anyhow::Result<ReportData> {
        let store = Store::open_read_only(store_root).map_err(|e| anyhow::anyhow!("cannot open the evidence store {}: {e}", store_root.display()))?;
        let meta = match run {
            Some(id) => store.get_run(id)?.ok_or_else(|| anyhow::anyhow!("no run `{id}` in the store {}", store_root.display()))?,
            None => store
                .latest_complete_run()?
                .ok_or_else(|| anyhow::anyhow!("the store {} has no complete run yet; run `openness crawl` first", store_root.display()))?,
        };
        let mut models = Vec::new();
        let ids = if tracked.is_empty() { store.model_ids(&meta.id)? } else { tracked.to_vec() };
        let runs = if tracked.is_empty() { vec![meta.clone()] } else { crate::changes::complete_runs_upto(&store, &meta)? };
        for id in ids {
            match crate::changes::latest_result(&store, &runs, &id) {
                Ok(Some((_, r))) => models.push(r),
                Ok(None) => {}
                Err(e) => tracing::warn!(model = %id, "cannot read this model's result: {e:#}"),
            }
        }
        models.sort_by(|a, b| a.id.cmp(&b.id));
        let columns = columns_for(&meta.schema, &models);
        let changes = match store.previous_complete_run(&meta.id) {
            Ok(Some(before)) => match crate::changes::compare_runs(&store, &before, &meta, Schema::load(&meta.schema).ok().as_ref()) {
                Ok(events) => Some((before.id, events)),
                Err(e) => {
                    tracing::warn!("cannot compare with run {}: {e:#}", before.id);
                    None
                }
            },
            Ok(None) => None,
            Err(e) => {
                tracing::warn!("cannot list the runs: {e}");
                None
            }
        };
        Ok(ReportData { run: meta, columns, models, human: BTreeMap::new(), changes })
    }

    /// Reads the human verdicts of the index from `dir` (`<model id>.yaml` or `.yml`, either
    /// schema).
    /// Models without a file are left without human verdicts.
    pub fn with_index(mut self, dir: &Path) -> anyhow::Result<ReportData> {
        if !dir.is_dir() {
            anyhow::bail!("index folder {} not found", dir.display());
        }
        for m in &self.models {
            let Some(path) = crate::changes::index::index_file(dir, &m.id) else { continue };
            match crate::changes::index::read_index_file(&path) {
                Ok(cells) => {
                    self.human.insert(m.id.clone(), cells);
                }
                Err(e) => tracing::warn!("{e:#}"),
            }
        }
        Ok(self)
    }

    /// The human verdict of one cell, if any.
    pub fn human(&self, model: &str, key: &str) -> Option<&HumanVerdict> {
        self.human.get(model)?.get(key)
    }
}

/// The run's schema parameters when the schema is known, else the verdict keys seen.
fn columns_for(schema: &str, models: &[ModelReport]) -> Vec<Column> {
    if let Ok(s) = Schema::load(schema) {
        return s.parameters.into_iter().map(|p| Column { key: p.key, name: p.name, group: p.group }).collect();
    }
    let mut keys: Vec<String> = Vec::new();
    for m in models {
        for k in m.verdicts.keys() {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    keys.into_iter().map(|k| Column { name: k.clone(), key: k, group: String::new() }).collect()
}


/// Mean openness score of `classes` (open 1, partial 0.5, closed 0; n/a ignored), as a
/// share in 0..=1; `None` when nothing is scored.
pub fn openness_score<'a>(classes: impl IntoIterator<Item = &'a Class>) -> Option<f64> {
    let scores: Vec<f64> = classes.into_iter().filter_map(|c| c.score()).collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// Counts of open, partial and closed verdicts of one model.
pub fn class_counts(m: &ModelReport) -> [usize; 3] {
    let mut c = [0; 3];
    for v in m.verdicts.values() {
        match v.class {
            Class::Open => c[0] += 1,
            Class::Partial => c[1] += 1,
            Class::Closed => c[2] += 1,
            Class::NotApplicable => {}
        }
    }
    c
}

/// Whether the crawler's class and a human class differ (both known).
pub fn disagrees(crawler: Class, human: Option<&HumanVerdict>) -> bool {
    matches!(human.and_then(|h| h.class), Some(h) if h != crawler)
}

/// `openness report`: writes the HTML page and/or the Markdown summary; prints the
/// summary when no file is asked for.
pub fn command(args: crate::cli::ReportArgs, quiet: bool) -> anyhow::Result<u8> {
    let config = crate::seed::load_config(&args.config.config)?;
    let tracked: Vec<String> = config.models.iter().map(|m| m.id.clone()).collect();
    let mut data = ReportData::load(&config.store, args.run.as_deref(), &tracked)?;
    if let Some(dir) = &args.index {
        data = data.with_index(dir)?;
    }
    if let Some(path) = &args.html {
        crate::output::write_atomic(path, html::render(&data).as_bytes()).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        if !quiet {
            eprintln!("wrote {} ({} models, run {})", path.display(), data.models.len(), data.run.id);
        }
    }
    let md = markdown::render(&data);
    match &args.markdown {
        Some(path) => {
            crate::output::write_atomic(path, md.as_bytes()).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            if !quiet {
                eprintln!("wrote {}", path.display());
            }
        }
        None if args.html.is_none() => print!("{md}"),
        None => {}
    }
    Ok(0)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::output::yaml::Metadata;
    use crate::verdict::{Confidence, Verdict};

    /// A report with two verdicts; `snippet` is cited by the first.
    pub fn sample(id: &str, snippet: &str) -> ModelReport {
        let mut verdicts = BTreeMap::new();
        verdicts.insert(
            "modelcard".to_string(),
            Verdict::new(Class::Partial, Confidence::Medium, "card has some sections", format!("Card notes: {snippet}")).cite("https://huggingface.co/acme/widget-7b-chat", snippet, None),
        );
        verdicts.insert("rlweights".to_string(), Verdict::new(Class::Open, Confidence::High, "weights listed", "safetensors files").cite("javascript:alert(1)", "x", None));
        ModelReport {
            id: id.into(),
            name: format!("Widget {id}"),
            schema: "faccT24".into(),
            run: "r1".into(),
            metadata: Metadata { name: format!("Widget {id}"), link: "https://huggingface.co/acme/widget-7b-chat".into(), ..Default::default() },
            verdicts,
            facts: vec![],
            snapshots: vec![],
            problems: vec![],
        }
    }

    pub fn sample_data(models: Vec<ModelReport>) -> ReportData {
        let run = RunMeta::new("r1", chrono::Utc::now(), "d", "faccT24", models.iter().map(|m| m.id.clone()).collect(), false);
        let columns = columns_for("faccT24", &models);
        ReportData { run, columns, models, human: BTreeMap::new(), changes: None }
    }

    #[test]
    fn scores_and_disagreements() {
        assert_eq!(openness_score(&[Class::Open, Class::Partial, Class::Closed, Class::NotApplicable]), Some(0.5));
        assert_eq!(openness_score(&[]), None);
        let h = HumanVerdict { class: Some(Class::Open), ..Default::default() };
        assert!(disagrees(Class::Closed, Some(&h)));
        assert!(!disagrees(Class::Open, Some(&h)));
        assert!(!disagrees(Class::Open, None));
        assert_eq!(class_counts(&sample("a", "s")), [1, 1, 0]);
    }
}
