//! Comparison with a checkout of the human index (`changes --index DIR`): one
//! `<model id>.yaml` per model, top-level keys = parameter keys, each with
//! `class`, `link` and `notes` (either schema). The files are only read.

use super::diff::class_word;
use super::events::{Event, Kind};
use crate::output::json::ModelReport;
use crate::verdict::Class;
use anyhow::Context as _;
use std::collections::BTreeMap;
use std::path::Path;

/// One human verdict of the index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HumanVerdict {
    /// The class, when one is given and readable (an empty `class:` is none: not judged).
    pub class: Option<Class>,
    /// Evidence links (a `link` string of URLs, or a list).
    pub links: Vec<String>,
    /// Notes given.
    pub notes: String,
}

/// Reads an index file: parameter key → human verdict (mappings with a `class` key only).
pub fn read_index_file(path: &Path) -> anyhow::Result<BTreeMap<String, HumanVerdict>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_index_file(&text).with_context(|| format!("{} is not an index file", path.display()))
}

/// Parses the text of an index file (either schema): parameter key → human verdict.
pub fn parse_index_file(text: &str) -> anyhow::Result<BTreeMap<String, HumanVerdict>> {
    let doc: serde_yaml_ng::Value = serde_yaml_ng::from_str(text)?;
    let map = doc.as_mapping().ok_or_else(|| anyhow::anyhow!("not a YAML mapping"))?;
    let text_of = |v: &serde_yaml_ng::Value| -> Option<String> {
        match v {
            serde_yaml_ng::Value::String(s) => Some(s.clone()),
            serde_yaml_ng::Value::Bool(b) => Some(b.to_string()),
            serde_yaml_ng::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let mut out = BTreeMap::new();
    for (k, v) in map {
        let (Some(key), Some(m)) = (k.as_str(), v.as_mapping()) else { continue };
        if matches!(key, "project" | "system" | "org") {
            continue;
        }
        let Some(class) = m.get("class") else { continue };
        let class = text_of(class).filter(|c| !c.trim().is_empty()).and_then(|c| Class::parse(&c));
        let links = match m.get("link") {
            Some(serde_yaml_ng::Value::Sequence(items)) => items.iter().filter_map(text_of).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            Some(v) => text_of(v).map(|s| s.split_whitespace().filter(|l| l.starts_with("http")).map(str::to_string).collect()).unwrap_or_default(),
            None => Vec::new(),
        };
        let notes = m.get("notes").and_then(text_of).unwrap_or_default();
        out.insert(key.to_string(), HumanVerdict { class, links, notes });
    }
    Ok(out)
}

/// The index file of a model, if the checkout has one.
pub fn index_file(dir: &Path, model: &str) -> Option<std::path::PathBuf> {
    ["yaml", "yml"].iter().map(|e| dir.join(format!("{model}.{e}"))).find(|p| p.is_file())
}

/// Findings for one model: human classes that differ from the provisional ones,
/// human open/partial verdicts without a link.
pub fn compare(report: &ModelReport, human: &BTreeMap<String, HumanVerdict>) -> Vec<Event> {
    let mut out = Vec::new();
    for (key, h) in human {
        let Some(hc) = h.class else { continue };
        if let Some(v) = report.verdicts.get(key) {
            if v.class != hc {
                out.push(Event::new(&report.id, Some(key), Kind::HumanDisagrees, Some(class_word(hc)), Some(class_word(v.class)), v.links.first().cloned()));
            }
        }
        if matches!(hc, Class::Open | Class::Partial) && h.links.is_empty() {
            out.push(Event::new(&report.id, Some(key), Kind::HumanMissingLink, Some(class_word(hc)), None, report.verdicts.get(key).and_then(|v| v.links.first().cloned())));
        }
    }
    out
}

/// Findings for every report that has an index file in `dir`.
pub fn compare_all(dir: &Path, reports: &[ModelReport]) -> anyhow::Result<Vec<Event>> {
    if !dir.is_dir() {
        anyhow::bail!("index folder {} does not exist", dir.display());
    }
    let mut out = Vec::new();
    for r in reports {
        if let Some(path) = index_file(dir, &r.id) {
            out.extend(compare(r, &read_index_file(&path)?));
        }
    }
    Ok(out)
}

/// Every human evidence link in the index files of these models: (model, parameter, URL).
pub fn human_links(dir: &Path, reports: &[ModelReport]) -> anyhow::Result<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    for r in reports {
        if let Some(path) = index_file(dir, &r.id) {
            for (key, h) in read_index_file(&path)? {
                for l in h.links {
                    out.push((r.id.clone(), key.clone(), l));
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_files_of_either_schema() {
        let facct = "---\nproject:\n    name: X\norg:\n    name: O\nopencode:\n    class: open\n    link: https://github.com/o/r\n    notes: fine\nllmdata:\n    class: partial\n    link: [\"https://a.example\", \"https://b.example\"]\n    notes:\nrlweights:\n    class:\n    link:\n    notes:\n";
        let cells = parse_index_file(facct).unwrap();
        assert_eq!(cells["opencode"].class, Some(Class::Open));
        assert_eq!(cells["opencode"].links, vec!["https://github.com/o/r"]);
        assert_eq!(cells["llmdata"].links.len(), 2);
        assert_eq!(cells["rlweights"].class, None, "an empty class is not judged");
        assert!(!cells.contains_key("project") && !cells.contains_key("org"));
        assert_eq!(parse_index_file("api:\n    class: n/a\n").unwrap()["api"].class, Some(Class::NotApplicable));
        let osai = "system:\n    name: X\nweights_endmodel:\n    class: closed\n    notes: gated\n";
        assert_eq!(parse_index_file(osai).unwrap()["weights_endmodel"].class, Some(Class::Closed));
        assert!(parse_index_file("- a list").is_err());
    }

    use crate::changes::diff::tests::report;

    #[test]
    fn reads_both_layouts_and_reports_disagreements() {
        let dir = tempfile::tempdir().unwrap();
        let text = "---\nsystem:\n    name: Widget\n    link: https://huggingface.co/acme/widget-7b-chat\n\norg:\n    name: acme\n\nlicense:\n    class: partial\n    link: https://huggingface.co/acme/widget-7b-chat\n    notes: custom licence\n\nrlweights:\n    class: open\n    link:\n    notes: weights are there\n\nrldata:\n    class:\n    link:\n    notes:\n\npaper:\n    class: closed\n    link: [\"https://a.example/x\", \"https://b.example/y\"]\n    notes: none\n";
        std::fs::write(dir.path().join("widget.yaml"), text).unwrap();
        let human = read_index_file(&dir.path().join("widget.yaml")).unwrap();
        assert_eq!(human.len(), 4, "{human:?}");
        assert_eq!(human["paper"].links.len(), 2);
        assert_eq!(human["rldata"].class, None);
        let r = report("r1", "mit", "false", "found", None, &[("license", Class::Open), ("rlweights", Class::Open), ("rldata", Class::Open), ("paper", Class::Closed)]);
        let ev = compare_all(dir.path(), std::slice::from_ref(&r)).unwrap();
        let got: Vec<(&str, &str, Option<&str>, Option<&str>)> = ev.iter().map(|e| (e.parameter.as_deref().unwrap(), e.kind.as_str(), e.before.as_deref(), e.after.as_deref())).collect();
        assert_eq!(got, vec![("license", "human_disagrees", Some("partial"), Some("open")), ("rlweights", "human_missing_link", Some("open"), None)]);
        assert_eq!(human_links(dir.path(), &[r]).unwrap().len(), 3);
        assert!(std::fs::read_to_string(dir.path().join("widget.yaml")).unwrap() == text);
    }
}
