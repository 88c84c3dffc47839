//! The Markdown change report.

use super::events::Event;
use openness_sources::text::counted;
use std::collections::BTreeMap;

/// Renders the events as Markdown: a heading naming the two runs, then one table per model.
pub fn markdown(before_run: &str, after_run: &str, events: &[Event]) -> String {
    let mut s = format!("# Changes between runs {before_run} and {after_run}\n\n");
    if events.is_empty() {
        s.push_str("No changes.\n");
        return s;
    }
    let changes = events.iter().filter(|e| !e.kind.is_index_finding()).count();
    let findings = events.len() - changes;
    s.push_str(&counted(changes, "change"));
    if findings > 0 {
        s.push_str(&format!(", {} about the human index", counted(findings, "finding")));
    }
    s.push_str(".\n");
    let mut by_model: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for e in events {
        by_model.entry(e.model.as_str()).or_default().push(e);
    }
    for (model, list) in by_model {
        s.push_str(&format!("\n## {}\n\n| parameter | change | before | after | evidence | snapshots |\n|---|---|---|---|---|---|\n", crate::output::markdown::text(model)));
        for e in list {
            s.push_str(&format!(
                "| {} | {} (`{}`) | {} | {} | {} | {} |\n",
                cell(e.parameter.as_deref().unwrap_or("—")),
                e.kind.describe(),
                e.kind.as_str(),
                cell(e.before.as_deref().unwrap_or("—")),
                cell(e.after.as_deref().unwrap_or("—")),
                e.evidence.as_deref().map(crate::output::markdown::autolink).unwrap_or_else(|| "—".into()),
                e.snapshots_shown(|d| format!("`{d}`")),
            ));
        }
    }
    if events.iter().any(Event::has_body_change) {
        s.push_str("\nSnapshots are the first characters of the SHA-256 digests of the stored bodies, before → after. `openness snapshot diff BEFORE AFTER` shows what changed between two; `openness snapshot show DIGEST` prints one.\n");
    }
    s
}

/// A table cell: untrusted text escaped (see [`crate::output::markdown::text`]), shortened.
fn cell(v: &str) -> String {
    let short = if v.chars().count() > 120 { format!("{}…", v.chars().take(119).collect::<String>()) } else { v.to_string() };
    crate::output::markdown::text(&short)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::events::Kind;

    #[test]
    fn renders_one_table_per_model() {
        let ev = vec![
            Event::new("widget", Some("license"), Kind::LicenseChanged, Some("mit".into()), Some("a|b".into()), Some("https://x.example/a".into())),
            Event::new("gadget", None, Kind::EvidenceFailing, Some("200".into()), Some("404".into()), None),
        ];
        let md = markdown("r1", "r2", &ev);
        assert!(md.starts_with("# Changes between runs r1 and r2\n"));
        assert!(md.contains("## gadget") && md.contains("## widget"));
        assert!(md.find("## gadget").unwrap() < md.find("## widget").unwrap());
        assert!(md.contains("| license | licence changed (`license_changed`) | mit | a\\|b | <https://x.example/a> | — |"));
        assert!(!md.contains("openness snapshot diff"), "no body changed, so no word on diffs");
        assert!(markdown("r1", "r2", &[]).contains("No changes."));
    }

    #[test]
    fn names_the_snapshots_before_and_after() {
        let (b, a) = ("ab".repeat(32), "cd".repeat(32));
        let mut changed = Event::new("widget", Some("license"), Kind::LicenseChanged, Some("mit".into()), Some("other".into()), Some("https://x.example/a".into()));
        (changed.before_snapshot, changed.after_snapshot) = (Some(b.clone()), Some(a.clone()));
        let mut failing = Event::new("widget", Some("paper"), Kind::EvidenceFailing, Some("200".into()), Some("404".into()), None);
        failing.before_snapshot = Some(b.clone());
        let mut same = Event::new("widget", Some("code"), Kind::VerdictChanged, Some("open".into()), Some("partial".into()), None);
        (same.before_snapshot, same.after_snapshot) = (Some(b.clone()), Some(b.clone()));
        let md = markdown("r1", "r2", &[changed, failing, same]);
        assert!(md.contains("| <https://x.example/a> | `abababababab` → `cdcdcdcdcdcd` |"), "{md}");
        assert!(md.contains("| `abababababab` → — |") && md.contains("| `abababababab` (unchanged) |"), "{md}");
        assert!(md.contains("`openness snapshot diff BEFORE AFTER`"));
    }
}
