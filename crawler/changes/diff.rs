//! Compares one model's reports from two runs and lists the change events:
//! verdict classes per parameter, and the fact changes behind them, each tied to
//! the parameter(s) it affects.
//!
//! A fact change is tied to a parameter when that parameter's verdict cites the
//! fact's snapshot (same digest) or links the fact's subject, among the
//! parameters the kind of fact can affect (licence → licence parameters, gating
//! and weight files → weight parameters, datasets → data parameters, papers →
//! preprint/paper, packages → package, repositories → code). When no verdict
//! cites it, a default parameter for the kind is used.

use super::events::{Event, Kind};
use crate::output::json::ModelReport;
use crate::rules::Criterion;
use crate::schema::Schema;
use crate::verdict::Class;
use std::collections::{BTreeMap, BTreeSet};

/// The class as written in change reports (`n/a` for not applicable).
pub fn class_word(c: Class) -> String {
    match c {
        Class::NotApplicable => "n/a".to_string(),
        other => other.as_str().to_string(),
    }
}

/// Parameter keys and the criterion judging each, in schema order.
#[derive(Clone, Debug, Default)]
pub struct ParamMap {
    keys: Vec<(String, Criterion)>,
}

impl ParamMap {
    /// From a schema.
    pub fn from_schema(s: &Schema) -> ParamMap {
        ParamMap { keys: s.parameters.iter().map(|p| (p.key.clone(), p.criterion)).collect() }
    }

    /// For the schema a report names: a built-in one, or `known` when its name matches.
    pub fn for_report(schema_name: &str, known: Option<&Schema>) -> ParamMap {
        if let Some(s) = known.filter(|s| s.name.eq_ignore_ascii_case(schema_name)) {
            return ParamMap::from_schema(s);
        }
        if Schema::built_in().iter().any(|n| n.eq_ignore_ascii_case(schema_name)) {
            if let Ok(s) = Schema::load(schema_name) {
                return ParamMap::from_schema(&s);
            }
        }
        ParamMap::default()
    }

    fn keys_for(&self, crits: &[Criterion]) -> Vec<String> {
        self.keys.iter().filter(|(_, c)| crits.contains(c)).map(|(k, _)| k.clone()).collect()
    }
}

/// Facts of one report grouped by (kind, subject).
struct Facts {
    map: BTreeMap<(String, String), (BTreeSet<String>, String)>,
}

impl Facts {
    fn of(r: &ModelReport) -> Facts {
        let mut map: BTreeMap<(String, String), (BTreeSet<String>, String)> = BTreeMap::new();
        for f in &r.facts {
            let e = map.entry((f.kind.clone(), f.subject.clone())).or_insert_with(|| (BTreeSet::new(), f.url.clone()));
            e.0.insert(f.value.clone());
        }
        Facts { map }
    }
    fn values(&self, kind: &str, subject: &str) -> Option<&BTreeSet<String>> {
        self.map.get(&(kind.to_string(), subject.to_string())).map(|(v, _)| v)
    }
    fn one(&self, kind: &str, subject: &str) -> Option<String> {
        self.values(kind, subject).map(|v| v.iter().cloned().collect::<Vec<_>>().join(", "))
    }
    fn url(&self, kind: &str, subject: &str) -> Option<String> {
        self.map.get(&(kind.to_string(), subject.to_string())).map(|(_, u)| u.clone())
    }
    fn subjects(&self, kind: &str) -> BTreeSet<String> {
        self.map.keys().filter(|(k, _)| k == kind).map(|(_, s)| s.clone()).collect()
    }
    /// Whether the subject was read successfully in this run.
    fn exists(&self, subject: &str) -> bool {
        let state_kind = if subject.starts_with("hf:model/") {
            "hf.model.state"
        } else if subject.starts_with("hf:dataset/") {
            "hf.dataset.state"
        } else if subject.starts_with("github:") {
            "github.repo.state"
        } else if subject.starts_with("pypi:") {
            "pypi.project.state"
        } else if subject.starts_with("hf:collection/") {
            "hf.collection.state"
        } else if subject.starts_with("arxiv:") {
            return self.values("arxiv.paper", subject).is_some();
        } else {
            "page.state"
        };
        self.values(state_kind, subject).is_some_and(|v| v.contains("found"))
    }
}

/// A fact-level change, before it is tied to parameters.
struct Change {
    kind: Kind,
    /// Subject whose links tie it to verdicts (e.g. the dataset, not the model naming it).
    focus: String,
    before: Option<String>,
    after: Option<String>,
    url: String,
    candidates: Vec<Criterion>,
    fallback: Vec<Criterion>,
}

/// URL fragments that point at a subject's pages or API answers.
fn subject_fragments(subject: &str) -> Vec<String> {
    let lower = subject.to_lowercase();
    if let Some(id) = lower.strip_prefix("hf:model/") {
        vec![format!("huggingface.co/{id}"), format!("huggingface.co/api/models/{id}")]
    } else if let Some(id) = lower.strip_prefix("hf:dataset/") {
        vec![format!("huggingface.co/datasets/{id}"), format!("huggingface.co/api/datasets/{id}")]
    } else if let Some(id) = lower.strip_prefix("github:") {
        vec![format!("github.com/{id}"), format!("api.github.com/repos/{id}"), format!("raw.githubusercontent.com/{id}")]
    } else if let Some(id) = lower.strip_prefix("arxiv:") {
        vec![format!("arxiv.org/abs/{id}"), format!("arxiv.org/pdf/{id}")]
    } else if let Some(id) = lower.strip_prefix("pypi:") {
        vec![format!("pypi.org/project/{id}"), format!("pypi.org/pypi/{id}")]
    } else if let Some(url) = subject.strip_prefix("page:") {
        vec![url.to_lowercase()]
    } else {
        Vec::new()
    }
}

/// Whether a snapshot went unanswered for a reason that says nothing about the evidence:
/// no answer at all, a rate limit, a server error.
fn unanswered(s: &crate::evidence::SnapshotRef) -> bool {
    s.status == 0 || s.status == 429 || s.status >= 500
}

/// Whether `url` points at `subject` (a fragment followed by the end, `/`, `?` or `#`).
fn mentions(url: &str, subject: &str) -> bool {
    let u = url.to_lowercase();
    let u = u.split_once("://").map(|(_, r)| r).unwrap_or(&u).to_string();
    subject_fragments(subject).iter().any(|f| {
        let f = f.split_once("://").map(|(_, r)| r).unwrap_or(f);
        u.match_indices(f).any(|(i, _)| matches!(u[i + f.len()..].chars().next(), None | Some('/' | '?' | '#')))
    })
}

fn digest_of(r: &ModelReport, url: &str) -> Option<String> {
    r.snapshots.iter().find(|s| s.url == url).and_then(|s| s.digest.as_ref()).map(|d| d.to_string())
}

/// Whether the verdict on `key` in `r` rests on `url`'s snapshot or links `focus`.
fn cites(r: &ModelReport, key: &str, url: &str, focus: &str) -> bool {
    let Some(v) = r.verdicts.get(key) else { return false };
    if let Some(d) = digest_of(r, url) {
        if v.evidence.iter().any(|c| c.digest.as_deref() == Some(d.as_str())) {
            return true;
        }
    }
    v.links.iter().chain(v.evidence.iter().map(|c| &c.url)).any(|l| l == url || mentions(l, focus))
}

/// The end model's Hugging Face subject, from the report's header link.
fn end_subject(r: &ModelReport) -> Option<String> {
    r.metadata.link.strip_prefix("https://huggingface.co/").filter(|s| s.contains('/') && !s.starts_with("datasets/")).map(|id| format!("hf:model/{id}"))
}

fn count(v: &Option<String>) -> usize {
    v.as_deref().and_then(|s| s.split_whitespace().next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}

const MISSING: [&str; 2] = ["not found", "gone"];

/// The peer-review signal a paper shows, if any.
fn review_signal(f: &Facts, subject: &str) -> Option<String> {
    if let Some(j) = f.one("arxiv.journal_ref", subject) {
        return Some(format!("journal_ref: {j}"));
    }
    if let Some(d) = f.one("arxiv.doi", subject) {
        return Some(format!("doi: {d}"));
    }
    if let Some(c) = f.one("arxiv.comment", subject).filter(|c| crate::rules::venue_comment(c)) {
        return Some(format!("comment: {c}"));
    }
    f.one("cited.venue", subject).map(|v| format!("cited at: {v}"))
}

/// Every change event between two reports of the same model.
pub fn diff(before: &ModelReport, after: &ModelReport, params: &ParamMap) -> Vec<Event> {
    let model = after.id.as_str();
    let (fb, fa) = (Facts::of(before), Facts::of(after));
    let end = end_subject(after).or_else(|| end_subject(before));
    let weights_for = |subject: &str| if end.as_deref() == Some(subject) { vec![Criterion::EndWeights, Criterion::TunedWeights] } else { vec![Criterion::BaseWeights, Criterion::EndWeights, Criterion::TunedWeights] };
    // Data parameters a dataset affects: by the role of the model naming it.
    let data_for = |dataset: &str| {
        let id = dataset.strip_prefix("hf:dataset/").unwrap_or(dataset);
        let named_by_end = end.as_deref().is_some_and(|e| [&fb, &fa].iter().any(|f| f.values("hf.dataset", e).is_some_and(|v| v.contains(id))));
        if named_by_end || end.is_none() { vec![Criterion::EndData, Criterion::BaseData] } else { vec![Criterion::BaseData, Criterion::EndData] }
    };
    let data = vec![Criterion::EndData, Criterion::BaseData];
    let weights = vec![Criterion::EndWeights, Criterion::TunedWeights, Criterion::BaseWeights];
    let code = vec![Criterion::TrainingCode, Criterion::CodeDocs];
    let mut changes: Vec<Change> = Vec::new();
    let mut push = |kind, focus: &str, before: Option<String>, after: Option<String>, url: Option<String>, candidates: Vec<Criterion>, fallback: Vec<Criterion>| {
        changes.push(Change { kind, focus: focus.to_string(), before, after, url: url.unwrap_or_default(), candidates, fallback });
    };
    let union = |kind: &str| -> BTreeSet<String> { fb.subjects(kind).union(&fa.subjects(kind)).cloned().collect() };
    let both = |s: &str| fb.exists(s) && fa.exists(s);
    let url = |kind: &str, s: &str| fa.url(kind, s).or_else(|| fb.url(kind, s));

    // Licences.
    const LICENCE_FACTS: [&str; 5] = ["hf.license", "github.license", "hf.license_name", "hf.model.license_file", "hf.dataset.license_file"];
    for s in LICENCE_FACTS.iter().flat_map(|k| union(k)).collect::<BTreeSet<_>>() {
        if !both(&s) {
            continue;
        }
        for kind in LICENCE_FACTS {
            let (b, a) = (fb.one(kind, &s), fa.one(kind, &s));
            if b != a && (b.is_some() || a.is_some()) {
                push(Kind::LicenseChanged, &s, b, a, url(kind, &s), vec![Criterion::License, Criterion::Licenses], vec![Criterion::License, Criterion::Licenses]);
                break;
            }
        }
    }
    // Gating (API field).
    for s in union("hf.gated") {
        if !both(&s) {
            continue;
        }
        let (b, a) = (fb.one("hf.gated", &s), fa.one("hf.gated", &s));
        if b == a {
            continue;
        }
        if s.starts_with("hf:dataset/") {
            let kind = if b.as_deref() == Some("false") && a.as_deref() != Some("false") { Kind::DatasetGated } else { Kind::GatingChanged };
            push(kind, &s, b, a, url("hf.gated", &s), data.clone(), data_for(&s));
        } else {
            // A gate also decides whether hosted inference can serve the model (API access).
            let mut cands = weights.clone();
            cands.push(Criterion::Api);
            push(Kind::GatingChanged, &s, b, a, url("hf.gated", &s), cands, weights_for(&s));
        }
    }
    // Repository states: missing, restricted.
    for state in ["hf.model.state", "hf.dataset.state", "github.repo.state"] {
        for s in union(state) {
            let (b, a) = (fb.one(state, &s), fa.one(state, &s));
            let (Some(bv), Some(av)) = (&b, &a) else { continue };
            if bv == av || av == "failed" {
                continue;
            }
            let gone = MISSING.contains(&av.as_str()) && !MISSING.contains(&bv.as_str());
            let restricted = av == "restricted";
            let (kind, cands, fallback) = match (state, gone, restricted) {
                ("hf.dataset.state", true, _) => (Kind::DatasetMissing, data.clone(), data_for(&s)),
                ("hf.dataset.state", _, true) => (Kind::DatasetGated, data.clone(), data_for(&s)),
                ("hf.model.state", true, _) => (Kind::RepoMissing, weights.clone(), weights_for(&s)),
                ("hf.model.state", _, true) => (Kind::GatingChanged, weights.clone(), weights_for(&s)),
                ("github.repo.state", true, _) => (Kind::RepoMissing, code.clone(), vec![Criterion::TrainingCode]),
                _ => continue,
            };
            push(kind, &s, b, a, url(state, &s), cands, fallback);
        }
    }
    // Weight files.
    for s in union("hf.weights") {
        if !both(&s) {
            continue;
        }
        let (b, a) = (fb.one("hf.weights", &s), fa.one("hf.weights", &s));
        if b == a {
            continue;
        }
        let kind = if count(&a) > count(&b) { Kind::WeightsAdded } else { Kind::WeightsRemoved };
        push(kind, &s, b, a, url("hf.weights", &s), weights.clone(), weights_for(&s));
    }
    // Datasets named by a model card, or listed in a collection a card or README links.
    for kind in ["hf.dataset", "hf.collection.dataset"] {
        for s in union(kind) {
            if !both(&s) {
                continue;
            }
            let empty = BTreeSet::new();
            let (b, a) = (fb.values(kind, &s).unwrap_or(&empty), fa.values(kind, &s).unwrap_or(&empty));
            let fallback = if end.as_deref() == Some(s.as_str()) { vec![Criterion::EndData] } else { vec![Criterion::BaseData] };
            for d in a.difference(b) {
                push(Kind::DatasetAdded, &format!("hf:dataset/{d}"), None, Some(d.clone()), url(kind, &s), data.clone(), fallback.clone());
            }
            for d in b.difference(a) {
                push(Kind::DatasetRemoved, &format!("hf:dataset/{d}"), Some(d.clone()), None, url(kind, &s), data.clone(), fallback.clone());
            }
        }
    }
    // Archived repositories.
    for s in union("github.archived") {
        if both(&s) && fb.one("github.archived", &s).as_deref() == Some("false") && fa.one("github.archived", &s).as_deref() == Some("true") {
            push(Kind::RepoArchived, &s, Some("false".into()), Some("true".into()), url("github.archived", &s), code.clone(), vec![Criterion::TrainingCode]);
        }
    }
    // Papers. One the earlier run could not read (arXiv down) is neither new nor newly
    // reviewed now: what it said then is unknown.
    let unread_before = |s: &str| s.strip_prefix("arxiv:").is_some_and(|id| before.snapshots.iter().any(|snap| unanswered(snap) && snap.url.contains("arxiv.org") && snap.url.contains(id)));
    for s in fa.subjects("arxiv.paper") {
        if unread_before(&s) {
            continue;
        }
        let is_new = fb.values("arxiv.paper", &s).is_none();
        if is_new {
            push(Kind::PaperAdded, &s, None, fa.one("arxiv.paper", &s), url("arxiv.paper", &s), vec![Criterion::Preprint], vec![Criterion::Preprint]);
        }
        let (b, a) = (if is_new { None } else { review_signal(&fb, &s) }, review_signal(&fa, &s));
        if a.is_some() && b.is_none() {
            push(Kind::PaperPeerReviewed, &s, None, a, url("arxiv.paper", &s), vec![Criterion::Paper], vec![Criterion::Paper]);
        }
    }
    // Packages.
    for s in union("pypi.project.state").into_iter().chain(union("pypi.release")).collect::<BTreeSet<_>>() {
        let now_found = fa.exists(&s);
        let was_found = fb.exists(&s);
        let (b, a) = (fb.one("pypi.release", &s), fa.one("pypi.release", &s));
        if now_found && (!was_found || (b != a && a.is_some())) {
            push(Kind::PackagePublished, &s, if was_found { b } else { None }, a, url("pypi.release", &s).or_else(|| url("pypi.project.state", &s)), vec![Criterion::Package], vec![Criterion::Package]);
        }
    }

    let mut events = Vec::new();
    let mut quiet_subjects: Vec<String> = Vec::new();
    let mut quiet_urls: BTreeSet<String> = BTreeSet::new();
    for c in &changes {
        if matches!(c.kind, Kind::DatasetMissing | Kind::RepoMissing | Kind::DatasetGated | Kind::GatingChanged) {
            quiet_subjects.push(c.focus.clone());
            quiet_urls.insert(c.url.clone());
        }
        let mut keys: Vec<String> = params.keys_for(&c.candidates).into_iter().filter(|k| cites(before, k, &c.url, &c.focus) || cites(after, k, &c.url, &c.focus)).collect();
        if keys.is_empty() {
            keys = c.fallback.iter().map(|f| params.keys_for(&[*f])).find(|k| !k.is_empty()).unwrap_or_default();
        }
        let evidence = if c.url.is_empty() { None } else { Some(c.url.clone()) };
        if keys.is_empty() {
            events.push(Event::new(model, None, c.kind, c.before.clone(), c.after.clone(), evidence));
        } else {
            for k in keys {
                events.push(Event::new(model, Some(&k), c.kind, c.before.clone(), c.after.clone(), evidence.clone()));
            }
        }
    }

    // Evidence URLs that answered before and fail now.
    let before_status: BTreeMap<&str, &crate::evidence::SnapshotRef> = before.snapshots.iter().map(|s| (s.url.as_str(), s)).collect();
    for s in &after.snapshots {
        let Some(b) = before_status.get(s.url.as_str()) else { continue };
        let failing = s.status == 0 || s.status >= 400;
        if !(200..300).contains(&b.status) || !failing {
            continue;
        }
        if quiet_urls.contains(&s.url) || quiet_subjects.iter().any(|q| mentions(&s.url, q)) {
            continue;
        }
        let digest = b.digest.as_ref().map(|d| d.to_string());
        let keys: Vec<String> = before
            .verdicts
            .iter()
            .filter(|(_, v)| v.links.iter().any(|l| l == &s.url) || v.evidence.iter().any(|c| c.url == s.url || (digest.is_some() && c.digest == digest)))
            .map(|(k, _)| k.clone())
            .collect();
        let (bs, as_) = (Some(b.status.to_string()), Some(if s.status == 0 { "failed".to_string() } else { s.status.to_string() }));
        if keys.is_empty() {
            events.push(Event::new(model, None, Kind::EvidenceFailing, bs, as_, Some(s.url.clone())));
        } else {
            for k in keys {
                events.push(Event::new(model, Some(&k), Kind::EvidenceFailing, bs.clone(), as_.clone(), Some(s.url.clone())));
            }
        }
    }

    // Verdict classes. A verdict whose earlier evidence went unanswered this time (no
    // answer, a rate limit, a server error) changed for want of evidence, not because the
    // evidence changed: the `evidence_failing` event says so, no `verdict_changed`.
    let unanswered_now: BTreeSet<&str> = after.snapshots.iter().filter(|s| unanswered(s)).map(|s| s.url.as_str()).collect();
    let url_of_digest: BTreeMap<String, &str> = before.snapshots.iter().filter_map(|s| Some((s.digest.as_ref()?.to_string(), s.url.as_str()))).collect();
    let cites_unanswered = |v: &crate::verdict::Verdict| {
        v.links.iter().any(|l| unanswered_now.contains(l.as_str()))
            || v.evidence.iter().any(|c| unanswered_now.contains(c.url.as_str()) || c.digest.as_ref().and_then(|d| url_of_digest.get(d)).is_some_and(|u| unanswered_now.contains(u)))
    };
    for (key, a) in &after.verdicts {
        if let Some(b) = before.verdicts.get(key) {
            if a.class != b.class && !cites_unanswered(b) {
                events.push(Event::new(model, Some(key), Kind::VerdictChanged, Some(class_word(b.class)), Some(class_word(a.class)), a.links.first().or(b.links.first()).cloned()));
            }
        }
    }
    // The stored bodies behind each event's evidence, before and after.
    for e in &mut events {
        let Some(url) = e.evidence.as_deref() else { continue };
        let (mut b, mut a) = (digest_of(before, url), digest_of(after, url));
        // A verdict's header link may be a page never fetched, or a body that did not
        // change while another cited one did: then name the cited body that changed.
        let header_changed = matches!((&b, &a), (Some(x), Some(y)) if x != y);
        if e.kind == Kind::VerdictChanged && !header_changed {
            if let Some((cb, ca)) = e.parameter.as_deref().and_then(|key| changed_citation(before, after, key)) {
                if cb != ca || (b.is_none() && a.is_none()) {
                    (b, a) = (cb, ca);
                }
            }
        }
        (e.before_snapshot, e.after_snapshot) = (b, a);
    }
    events.sort();
    events.dedup();
    events
}

/// The digests of a snapshot both runs' verdicts on `key` cite, preferring one whose body
/// changed.
fn changed_citation(before: &ModelReport, after: &ModelReport, key: &str) -> Option<(Option<String>, Option<String>)> {
    let (b, a) = (before.verdicts.get(key)?, after.verdicts.get(key)?);
    let pairs: Vec<(String, String)> = a
        .evidence
        .iter()
        .filter_map(|ca| {
            let cb = b.evidence.iter().find(|cb| cb.url == ca.url)?;
            Some((cb.digest.clone()?, ca.digest.clone()?))
        })
        .collect();
    let (bd, ad) = pairs.iter().find(|(bd, ad)| bd != ad).or(pairs.first())?.clone();
    Some((Some(bd), Some(ad)))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::evidence::SnapshotRef;
    use crate::output::yaml::Metadata;
    use crate::verdict::{Confidence, Verdict};
    use openness_snapshots::Digest;
    use openness_sources::Fact;

    pub(crate) fn d(s: &str) -> Digest {
        Digest::of(s.as_bytes())
    }

    const API: &str = "https://huggingface.co/api/models/acme/widget-7b-chat";
    const DS_API: &str = "https://huggingface.co/api/datasets/acme/chat-mix";
    const ARXIV: &str = "https://export.arxiv.org/api/query?id_list=2401.00001&max_results=1";

    /// A hand-built report: the end model acme/widget-7b-chat naming one dataset and one paper.
    pub(crate) fn report(run: &str, license: &str, gated: &str, dataset_state: &str, journal: Option<&str>, classes: &[(&str, Class)]) -> ModelReport {
        let api_d = d(&format!("api {license} {gated}"));
        let ds_d = d("dataset");
        let ax_d = d(&format!("arxiv {journal:?}"));
        let m = "hf:model/acme/widget-7b-chat";
        let mut facts = vec![
            Fact::new("hf.model.state", m, "found", API, "HTTP 200"),
            Fact::new("hf.exists", m, "public", API, ""),
            Fact::new("hf.license", m, license, API, ""),
            Fact::new("hf.gated", m, gated, API, ""),
            Fact::new("hf.weights", m, "2 weight files", API, ""),
            Fact::new("hf.dataset", m, "acme/chat-mix", API, ""),
            Fact::new("hf.dataset.state", "hf:dataset/acme/chat-mix", dataset_state, DS_API, ""),
            Fact::new("arxiv.paper", "arxiv:2401.00001", "Widget", ARXIV, ""),
        ];
        if dataset_state == "found" {
            facts.push(Fact::new("hf.gated", "hf:dataset/acme/chat-mix", "false", DS_API, ""));
        }
        if let Some(j) = journal {
            facts.push(Fact::new("arxiv.journal_ref", "arxiv:2401.00001", j, ARXIV, ""));
        }
        let ds_status = if dataset_state == "found" { 200 } else { 404 };
        let snapshots = vec![
            SnapshotRef { url: API.into(), status: 200, digest: Some(api_d.clone()) },
            SnapshotRef { url: DS_API.into(), status: ds_status, digest: Some(ds_d.clone()) },
            SnapshotRef { url: "https://huggingface.co/datasets/acme/chat-mix/raw/main/README.md".into(), status: ds_status, digest: None },
            SnapshotRef { url: ARXIV.into(), status: 200, digest: Some(ax_d.clone()) },
            SnapshotRef { url: "https://widget.example/blog".into(), status: if run == "r2" { 503 } else { 200 }, digest: Some(d("blog")) },
        ];
        let mut verdicts = BTreeMap::new();
        for (k, c) in classes {
            let v = Verdict::new(*c, Confidence::High, "", "");
            let v = match *k {
                "license" => v.cite("https://huggingface.co/acme/widget-7b-chat", "licence", Some(&api_d)),
                "rlweights" => v.cite("https://huggingface.co/acme/widget-7b-chat/tree/main", "files", Some(&api_d)),
                "rldata" => v.cite("https://huggingface.co/datasets/acme/chat-mix", "dataset", Some(&ds_d)),
                "preprint" | "paper" => v.cite("https://arxiv.org/abs/2401.00001", "paper", Some(&ax_d)),
                "modelcard" => v.cite("https://widget.example/blog", "blog", Some(&d("blog"))),
                _ => v,
            };
            verdicts.insert(k.to_string(), v);
        }
        ModelReport {
            id: "widget".into(),
            name: "Widget".into(),
            schema: "faccT24".into(),
            run: run.into(),
            metadata: Metadata { link: "https://huggingface.co/acme/widget-7b-chat".into(), ..Default::default() },
            verdicts,
            facts,
            snapshots,
            problems: vec![],
        }
    }

    fn params() -> ParamMap {
        ParamMap::for_report("faccT24", None)
    }

    #[test]
    fn identical_reports_have_no_events() {
        let cls = [("license", Class::Open), ("rlweights", Class::Open), ("rldata", Class::Open), ("paper", Class::Closed)];
        let a = report("r1", "apache-2.0", "false", "found", None, &cls);
        let b = report("r1", "apache-2.0", "false", "found", None, &cls);
        assert!(diff(&a, &b, &params()).is_empty());
    }

    #[test]
    fn reports_fact_changes_with_their_parameters() {
        let before = report("r1", "apache-2.0", "false", "found", None, &[("license", Class::Open), ("rlweights", Class::Open), ("rldata", Class::Open), ("paper", Class::Closed), ("preprint", Class::Partial), ("modelcard", Class::Open)]);
        let after = report("r2", "cc-by-nc-4.0", "manual", "not found", Some("Widget Conf 2025"), &[("license", Class::Closed), ("rlweights", Class::Partial), ("rldata", Class::Closed), ("paper", Class::Partial), ("preprint", Class::Partial), ("modelcard", Class::Open)]);
        let events = diff(&before, &after, &params());
        type Row<'a> = (Option<&'a str>, &'a str, Option<&'a str>, Option<&'a str>);
        let got: Vec<Row> = events.iter().map(|e| (e.parameter.as_deref(), e.kind.as_str(), e.before.as_deref(), e.after.as_deref())).collect();
        let want = vec![
            (Some("license"), "license_changed", Some("apache-2.0"), Some("cc-by-nc-4.0")),
            (Some("license"), "verdict_changed", Some("open"), Some("closed")),
            (Some("modelcard"), "evidence_failing", Some("200"), Some("503")),
            (Some("paper"), "verdict_changed", Some("closed"), Some("partial")),
            (Some("paper"), "paper_peer_reviewed", None, Some("journal_ref: Widget Conf 2025")),
            (Some("rldata"), "verdict_changed", Some("open"), Some("closed")),
            (Some("rldata"), "dataset_missing", Some("found"), Some("not found")),
            (Some("rlweights"), "verdict_changed", Some("open"), Some("partial")),
            (Some("rlweights"), "gating_changed", Some("false"), Some("manual")),
        ];
        let mut got = got;
        got.sort();
        let mut want = want;
        want.sort();
        assert_eq!(got, want);
        // Each event names the stored bodies before and after: the API answer that changed,
        // the verdict's cited snapshot (its header link is a page, not a fetched URL), and
        // for failing evidence the last body that answered.
        let snapshots = |kind: &str, param: &str| events.iter().find(|e| e.kind.as_str() == kind && e.parameter.as_deref() == Some(param)).map(|e| (e.before_snapshot.clone(), e.after_snapshot.clone())).unwrap();
        let api = |license: &str, gated: &str| Some(d(&format!("api {license} {gated}")).to_string());
        assert_eq!(snapshots("license_changed", "license"), (api("apache-2.0", "false"), api("cc-by-nc-4.0", "manual")));
        assert_eq!(snapshots("verdict_changed", "license"), (api("apache-2.0", "false"), api("cc-by-nc-4.0", "manual")));
        assert_eq!(snapshots("evidence_failing", "modelcard").0, Some(d("blog").to_string()));
        assert!(events.iter().find(|e| e.kind == Kind::LicenseChanged).unwrap().has_body_change());
    }

    #[test]
    fn an_outage_is_failing_evidence_not_a_verdict_change() {
        let cls = |c: Class| [("license", Class::Open), ("rlweights", c), ("preprint", c), ("paper", Class::Partial)];
        let before = report("r1", "apache-2.0", "false", "found", Some("Widget Conf 2025"), &cls(Class::Open));
        // The Hub API and arXiv do not answer: the verdicts resting on them fall to closed.
        let mut during = report("r3", "apache-2.0", "false", "found", None, &cls(Class::Closed));
        for snap in during.snapshots.iter_mut().filter(|s| s.url == API || s.url == ARXIV) {
            (snap.status, snap.digest) = (if snap.url == API { 503 } else { 0 }, None);
        }
        during.facts.retain(|f| !f.kind.starts_with("arxiv."));
        let events = diff(&before, &during, &params());
        assert!(!events.iter().any(|e| e.kind == Kind::VerdictChanged && e.parameter.as_deref() != Some("paper")), "{events:#?}");
        assert!(events.iter().any(|e| e.kind == Kind::EvidenceFailing && e.evidence.as_deref() == Some(API)), "{events:#?}");
        // Once they answer again, the paper is neither new nor newly reviewed.
        let after = report("r4", "apache-2.0", "false", "found", Some("Widget Conf 2025"), &cls(Class::Open));
        let events = diff(&during, &after, &params());
        assert!(!events.iter().any(|e| matches!(e.kind, Kind::PaperAdded | Kind::PaperPeerReviewed)), "{events:#?}");
    }

    #[test]
    fn a_changed_verdict_names_the_cited_body_that_changed_not_an_unchanged_link() {
        let cls = [("license", Class::Open), ("modelcard", Class::Open)];
        let mut before = report("r1", "apache-2.0", "false", "found", None, &cls);
        let mut after = report("r1", "apache-2.0", "false", "found", None, &[("license", Class::Open), ("modelcard", Class::Partial)]);
        // The verdict links the dataset API (fetched, unchanged) first and cites a card whose
        // body changed between the runs.
        let card = "https://huggingface.co/acme/widget-7b-chat/raw/main/README.md";
        for (r, body) in [(&mut before, "card v1"), (&mut after, "card v2")] {
            r.snapshots.push(SnapshotRef { url: card.into(), status: 200, digest: Some(d(body)) });
            let v = Verdict::new(r.verdicts["modelcard"].class, Confidence::Low, "", "").cite(DS_API, "dataset", Some(&d("dataset"))).cite(card, "card", Some(&d(body)));
            r.verdicts.insert("modelcard".into(), v);
        }
        let events = diff(&before, &after, &params());
        let e = events.iter().find(|e| e.kind == Kind::VerdictChanged).expect("the model card verdict changed");
        assert_eq!(e.evidence.as_deref(), Some(DS_API));
        assert_eq!((e.before_snapshot.clone(), e.after_snapshot.clone()), (Some(d("card v1").to_string()), Some(d("card v2").to_string())));
    }

    #[test]
    fn a_card_citing_its_paper_at_a_conference_is_a_peer_review_event() {
        let before = report("r1", "apache-2.0", "false", "found", None, &[]);
        let mut after = report("r1", "apache-2.0", "false", "found", None, &[]);
        let card = "https://huggingface.co/acme/widget-7b-chat/raw/main/README.md";
        after.facts.push(Fact::new("cited.venue", "arxiv:2401.00001", "Findings of ACL 2025", card, "@inproceedings{…}"));
        let ev = diff(&before, &after, &params());
        let got: Vec<(&str, Option<&str>)> = ev.iter().map(|e| (e.kind.as_str(), e.after.as_deref())).collect();
        assert_eq!(got, vec![("paper_peer_reviewed", Some("cited at: Findings of ACL 2025"))]);
    }

    #[test]
    fn uncited_changes_fall_back_to_the_kind_default() {
        let before = report("r1", "apache-2.0", "false", "found", None, &[]);
        let mut after = report("r1", "apache-2.0", "false", "found", None, &[]);
        after.facts.push(Fact::new("arxiv.paper", "arxiv:2402.00002", "Widget 2", ARXIV, ""));
        after.facts.push(Fact::new("pypi.project.state", "pypi:widget", "found", "https://pypi.org/pypi/widget/json", ""));
        after.facts.push(Fact::new("pypi.release", "pypi:widget", "1.0", "https://pypi.org/pypi/widget/json", ""));
        after.facts.retain(|f| f.kind != "hf.dataset");
        after.facts.push(Fact::new("hf.dataset", "hf:model/acme/widget-7b-chat", "acme/other-mix", API, ""));
        let ev = diff(&before, &after, &params());
        let got: Vec<(Option<&str>, &str)> = ev.iter().map(|e| (e.parameter.as_deref(), e.kind.as_str())).collect();
        assert!(got.contains(&(Some("preprint"), "paper_added")), "{got:?}");
        assert!(got.contains(&(Some("package"), "package_published")), "{got:?}");
        assert!(got.contains(&(Some("rldata"), "dataset_added")), "{got:?}");
        assert!(got.contains(&(Some("rldata"), "dataset_removed")), "{got:?}");
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn a_dataset_pulled_from_a_linked_collection_is_removed() {
        let api = "https://huggingface.co/api/collections/acme/widget-data-65a1";
        let subject = "hf:collection/acme/widget-data-65a1";
        let listing = |sets: &[&str]| {
            let mut r = report("r1", "apache-2.0", "false", "found", None, &[]);
            r.facts.push(Fact::new("hf.collection.state", subject, "found", api, "HTTP 200"));
            r.facts.extend(sets.iter().map(|d| Fact::new("hf.collection.dataset", subject, *d, api, "")));
            r
        };
        let ev = diff(&listing(&["acme/web", "acme/code"]), &listing(&["acme/web"]), &params());
        let got: Vec<(&str, Option<&str>, Option<&str>)> = ev.iter().map(|e| (e.kind.as_str(), e.before.as_deref(), e.evidence.as_deref())).collect();
        assert_eq!(got, vec![("dataset_removed", Some("acme/code"), Some(api))]);
        // A collection that could not be read this time says nothing about its datasets.
        let mut unread = listing(&[]);
        unread.facts.retain(|f| f.kind != "hf.collection.state");
        unread.facts.push(Fact::new("hf.collection.state", subject, "failed", api, "timeout"));
        assert!(diff(&listing(&["acme/web"]), &unread, &params()).iter().all(|e| e.kind.as_str() != "dataset_removed"));
    }

    #[test]
    fn repositories_weights_and_failing_urls() {
        let gh = "https://api.github.com/repos/acme/widget";
        let gh2 = "https://api.github.com/repos/acme/widget-eval";
        let mut before = report("r1", "mit", "false", "found", None, &[("opencode", Class::Open)]);
        before.verdicts.get_mut("opencode").unwrap().links.push("https://github.com/acme/widget".into());
        for (subject, url) in [("github:acme/widget", gh), ("github:acme/widget-eval", gh2)] {
            before.facts.push(Fact::new("github.repo.state", subject, "found", url, ""));
            before.facts.push(Fact::new("github.archived", subject, "false", url, ""));
            before.facts.push(Fact::new("github.license", subject, "MIT", url, ""));
        }
        let mut after = before.clone();
        after.facts.retain(|f| !(f.subject == "github:acme/widget-eval" || (f.kind == "github.archived" && f.subject == "github:acme/widget") || f.kind == "hf.weights"));
        after.facts.push(Fact::new("github.archived", "github:acme/widget", "true", gh, ""));
        after.facts.push(Fact::new("github.repo.state", "github:acme/widget-eval", "not found", gh2, "HTTP 404"));
        after.facts.push(Fact::new("hf.weights", "hf:model/acme/widget-7b-chat", "none", API, ""));
        after.snapshots.push(SnapshotRef { url: gh2.into(), status: 404, digest: None });
        before.snapshots.push(SnapshotRef { url: gh2.into(), status: 200, digest: Some(d("eval")) });
        after.snapshots.retain(|s| !s.url.contains("widget.example"));
        after.snapshots.push(SnapshotRef { url: "https://widget.example/blog".into(), status: 0, digest: None });
        let ev = diff(&before, &after, &params());
        let got: Vec<(Option<&str>, &str)> = ev.iter().map(|e| (e.parameter.as_deref(), e.kind.as_str())).collect();
        assert_eq!(got, vec![(None, "evidence_failing"), (Some("opencode"), "repo_archived"), (Some("opencode"), "repo_missing"), (Some("rlweights"), "weights_removed")]);
        assert_eq!(ev[0].after.as_deref(), Some("failed"));
        assert_eq!(ev[0].evidence.as_deref(), Some("https://widget.example/blog"));
    }

    #[test]
    fn a_swapped_licence_file_is_a_licence_change() {
        let model = ("hf.model.license_file", "hf:model/acme/widget-7b-chat", "https://huggingface.co/acme/widget-7b-chat/raw/main/LICENSE");
        let dataset = ("hf.dataset.license_file", "hf:dataset/acme/chat-mix", "https://huggingface.co/datasets/acme/chat-mix/raw/main/LICENSE");
        for (kind, subject, file) in [model, dataset] {
            let mut before = report("r1", "other", "false", "found", None, &[("license", Class::Open)]);
            before.facts.push(Fact::new(kind, subject, "MIT", file, "MIT License"));
            let mut after = before.clone();
            after.facts.retain(|f| f.kind != kind);
            after.facts.push(Fact::new(kind, subject, "WIDGET COMMUNITY LICENSE AGREEMENT", file, "WIDGET COMMUNITY LICENSE AGREEMENT"));
            let ev = diff(&before, &after, &params());
            assert_eq!(ev.len(), 1, "{kind}: {ev:?}");
            assert_eq!((ev[0].parameter.as_deref(), ev[0].kind.as_str()), (Some("license"), "license_changed"));
            assert_eq!((ev[0].before.as_deref(), ev[0].after.as_deref()), (Some("MIT"), Some("WIDGET COMMUNITY LICENSE AGREEMENT")));
            assert_eq!(ev[0].evidence.as_deref(), Some(file));
        }
    }

    #[test]
    fn mentions_needs_a_boundary() {
        assert!(mentions("https://huggingface.co/datasets/acme/mix/raw/main/README.md", "hf:dataset/acme/mix"));
        assert!(!mentions("https://huggingface.co/datasets/acme/mix-2", "hf:dataset/acme/mix"));
        assert!(mentions("https://huggingface.co/acme/m", "hf:model/acme/m"));
    }
}
