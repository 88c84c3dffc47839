//! Reviewer decisions: `openness accept` and `openness override` record, as data
//! in `decisions.toml` beside the config file, that a person accepted the
//! provisional verdict on a parameter (or replaced its class), pinned to the
//! SHA-256 digests of the evidence snapshots the verdict cited in the latest
//! complete run. `openness changes` keeps a decided parameter quiet while that
//! evidence is unchanged, and reports `decision_needs_review` once it changes.

use crate::changes::diff::class_word;
use crate::changes::{Event, Kind};
use crate::output::json::ModelReport;
use crate::verdict::{Class, Verdict};
use anyhow::{bail, Context as _};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// File name of the decisions file, beside the config file.
pub const DECISIONS_FILE: &str = "decisions.toml";

/// What the reviewer did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Accepted the provisional verdict.
    Accept,
    /// Replaced the provisional class.
    Override,
}

/// One evidence snapshot a decision rests on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Pin {
    /// Public URL cited.
    pub url: String,
    /// SHA-256 digest of the snapshot (`none` when the verdict cited no snapshot).
    pub digest: String,
}

/// One reviewer decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Config id of the model.
    pub model: String,
    /// Schema key of the parameter.
    pub parameter: String,
    /// Accept or override.
    pub action: Action,
    /// The class decided (the provisional one when accepted).
    pub class: String,
    /// The provisional class at the time of the decision.
    pub provisional: String,
    /// The reviewer's note.
    #[serde(default)]
    pub note: String,
    /// Run whose verdict was reviewed.
    pub run: String,
    /// When (UTC, RFC 3339).
    pub decided_at: String,
    /// The evidence snapshots the verdict cited.
    #[serde(default)]
    pub evidence: Vec<Pin>,
}

/// The decisions file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Decisions {
    /// Decisions, one per (model, parameter).
    #[serde(default, rename = "decision")]
    pub decisions: Vec<Decision>,
}

/// The decisions file for a config file.
pub fn decisions_path(config_path: &Path) -> PathBuf {
    config_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join(DECISIONS_FILE)
}

impl Decisions {
    /// Reads the file; empty when it does not exist.
    pub fn load(path: &Path) -> anyhow::Result<Decisions> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).with_context(|| format!("{} is not a valid decisions file", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Decisions::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Writes the file atomically.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        let mut text = String::from("# Reviewer decisions recorded by `openness accept` / `openness override`.\n# Each is pinned to the evidence snapshots (SHA-256) its verdict cited; `openness changes`\n# reports decision_needs_review when that evidence changes.\n\n");
        text.push_str(&toml::to_string_pretty(self)?);
        crate::output::write_atomic(path, text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Adds a decision, replacing an earlier one on the same parameter.
    pub fn record(&mut self, d: Decision) {
        self.decisions.retain(|x| !(x.model == d.model && x.parameter == d.parameter));
        self.decisions.push(d);
        self.decisions.sort_by(|a, b| (&a.model, &a.parameter).cmp(&(&b.model, &b.parameter)));
    }
}

/// The pins of a verdict: its cited URLs and snapshot digests, sorted.
pub fn pins(v: &Verdict) -> Vec<Pin> {
    let mut out: Vec<Pin> = v.evidence.iter().map(|c| Pin { url: c.url.clone(), digest: c.digest.clone().unwrap_or_else(|| "none".into()) }).collect();
    out.sort();
    out.dedup();
    out
}

/// Builds a decision on `parameter` of `report` (the latest run's report).
pub fn decide(report: &ModelReport, parameter: &str, action: Action, class: Option<Class>, note: &str) -> anyhow::Result<Decision> {
    let Some(v) = report.verdicts.get(parameter) else {
        let keys: Vec<&str> = report.verdicts.keys().map(|k| k.as_str()).collect();
        bail!("model `{}` has no parameter `{parameter}` in run {} (parameters: {})", report.id, report.run, keys.join(", "));
    };
    Ok(Decision {
        model: report.id.clone(),
        parameter: parameter.to_string(),
        action,
        class: class_word(class.unwrap_or(v.class)),
        provisional: class_word(v.class),
        note: note.to_string(),
        run: report.run.clone(),
        decided_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        evidence: pins(v),
    })
}

/// Applies decisions to change events. `current` gives a model's newest report (up to the
/// latest run). A decided parameter whose cited evidence and provisional class are
/// unchanged stays quiet (its events are dropped); when either changed (new evidence, or
/// new rules judging the same evidence otherwise), its events stay and a
/// `decision_needs_review` event is added.
pub fn apply(mut events: Vec<Event>, decisions: &Decisions, mut current: impl FnMut(&str) -> Option<ModelReport>) -> Vec<Event> {
    for d in &decisions.decisions {
        let Some(report) = current(&d.model) else { continue };
        let Some(v) = report.verdicts.get(&d.parameter) else { continue };
        let now = pins(v);
        if now == d.evidence && class_word(v.class) == d.provisional {
            events.retain(|e| !(e.model == d.model && e.parameter.as_deref() == Some(d.parameter.as_str())));
        } else {
            let changed = now.iter().find(|p| !d.evidence.contains(p)).or_else(|| d.evidence.iter().find(|p| !now.contains(p))).map(|p| p.url.clone());
            events.push(Event::new(&d.model, Some(&d.parameter), Kind::DecisionNeedsReview, Some(format!("{} ({})", d.class, match d.action { Action::Accept => "accepted", Action::Override => "overridden" })), Some(class_word(v.class)), changed));
        }
    }
    events.sort();
    events.dedup();
    events
}

fn latest_report(config: &crate::config::Config, model: &str) -> anyhow::Result<ModelReport> {
    if !config.store.is_dir() {
        bail!("no evidence store at {}: run `openness crawl` first", config.store.display());
    }
    let store = openness_snapshots::Store::open_read_only(&config.store)?;
    let run = store.latest_complete_run()?.with_context(|| format!("no complete run in the store {}: run `openness crawl` first", config.store.display()))?;
    // The model's newest result: the latest run may have covered other models only.
    let runs = crate::changes::complete_runs_upto(&store, &run)?;
    let (_, report) = crate::changes::latest_result(&store, &runs, model)?.with_context(|| format!("no result for model `{model}` in any complete run up to {}", run.id))?;
    Ok(report)
}

fn record(config_path: &Path, model: &str, parameter: &str, action: Action, class: Option<Class>, note: &str, quiet: bool) -> anyhow::Result<u8> {
    let config = crate::config::Config::load(config_path)?;
    let report = latest_report(&config, model)?;
    let d = decide(&report, parameter, action, class, note)?;
    let path = decisions_path(&config.path);
    // Two `accept`s at once must not lose one: the read-modify-write holds a lock.
    let lock_path = path.with_extension("toml.lock");
    let lock = std::fs::File::options().create(true).truncate(false).write(true).open(&lock_path).with_context(|| format!("cannot open {}", lock_path.display()))?;
    lock.lock().with_context(|| format!("cannot lock {}", lock_path.display()))?;
    let mut all = Decisions::load(&path)?;
    let said = format!("{} {model}/{parameter}: {} (provisional {}), pinned to {} evidence snapshot(s) of run {} → {}", match action { Action::Accept => "accepted", Action::Override => "overrode" }, d.class, d.provisional, d.evidence.len(), d.run, path.display());
    all.record(d);
    all.save(&path)?;
    if !quiet {
        println!("{said}");
    }
    Ok(0)
}

/// `openness accept`.
pub fn accept_command(args: &crate::cli::AcceptArgs, quiet: bool) -> anyhow::Result<u8> {
    let t = &args.target;
    record(&t.config.config, &t.model, &t.parameter, Action::Accept, None, args.note.as_deref().unwrap_or(""), quiet)
}

/// `openness override`.
pub fn override_command(args: &crate::cli::OverrideArgs, quiet: bool) -> anyhow::Result<u8> {
    let class = Class::parse(&args.class).with_context(|| format!("unknown class `{}`: use open, partial, closed or n/a", args.class))?;
    let t = &args.target;
    record(&t.config.config, &t.model, &t.parameter, Action::Override, Some(class), &args.note, quiet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::diff::{self, tests::report, ParamMap};

    #[test]
    fn decisions_round_trip_and_quiet_unchanged_evidence() {
        let dir = tempfile::tempdir().unwrap();
        let path = decisions_path(&dir.path().join("config.toml"));
        let r1 = report("r1", "mit", "false", "found", None, &[("license", Class::Open), ("rlweights", Class::Open)]);
        let mut ds = Decisions::load(&path).unwrap();
        assert!(ds.decisions.is_empty());
        ds.record(decide(&r1, "license", Action::Override, Some(Class::Partial), "custom terms").unwrap());
        ds.record(decide(&r1, "license", Action::Accept, None, "").unwrap());
        ds.record(decide(&r1, "rlweights", Action::Accept, None, "ok").unwrap());
        assert!(decide(&r1, "nope", Action::Accept, None, "").is_err());
        ds.save(&path).unwrap();
        let back = Decisions::load(&path).unwrap();
        assert_eq!(back, ds);
        assert_eq!(back.decisions.len(), 2);
        assert_eq!(back.decisions[0].action, Action::Accept);
        assert_eq!(back.decisions[0].evidence[0].digest.len(), 64);

        // Gating changes: the weights evidence changed (new API snapshot) → needs review;
        // the licence verdict cites the same API snapshot, so it needs review too.
        let r2 = report("r2", "mit", "manual", "found", None, &[("license", Class::Open), ("rlweights", Class::Partial)]);
        let ev = diff::diff(&r1, &r2, &ParamMap::for_report("faccT24", None));
        let out = apply(ev.clone(), &back, |_| Some(r2.clone()));
        let kinds: Vec<(&str, &str)> = out.iter().map(|e| (e.parameter.as_deref().unwrap_or(""), e.kind.as_str())).collect();
        assert!(kinds.contains(&("rlweights", "decision_needs_review")), "{kinds:?}");
        assert!(kinds.contains(&("rlweights", "verdict_changed")), "{kinds:?}");
        // Evidence and provisional class unchanged since the decision: the decided
        // parameter is quiet.
        let r2b = report("r1", "mit", "false", "found", None, &[("license", Class::Open), ("rlweights", Class::Open)]);
        let ev = vec![Event::new("widget", Some("rlweights"), Kind::EvidenceFailing, Some("200".into()), Some("503".into()), None), Event::new("widget", Some("paper"), Kind::VerdictChanged, None, None, None)];
        let out = apply(ev.clone(), &back, |_| Some(r2b.clone()));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].parameter.as_deref(), Some("paper"));
        // The same evidence judged otherwise (new rules, an offline re-derivation): review.
        let r2c = report("r1", "mit", "false", "found", None, &[("license", Class::Open), ("rlweights", Class::Partial)]);
        let out = apply(ev, &back, |_| Some(r2c.clone()));
        let kinds: Vec<(&str, &str)> = out.iter().map(|e| (e.parameter.as_deref().unwrap_or(""), e.kind.as_str())).collect();
        assert!(kinds.contains(&("rlweights", "decision_needs_review")), "{kinds:?}");
    }
}
