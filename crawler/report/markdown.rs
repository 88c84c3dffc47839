//! The Markdown summary: models × parameters with class emoji and words, and counts, then
//! the low-confidence verdicts a reviewer should read first.

use super::{class_counts, disagrees, openness_score, ReportData};
use crate::output::markdown::{code, text as md_text};
use crate::verdict::{Class, Confidence};
use openness_sources::text::counted;

fn emoji(c: Class) -> &'static str {
    match c {
        Class::Open => "🟩",
        Class::Partial => "🟧",
        Class::Closed => "🟥",
        Class::NotApplicable => "⬜",
    }
}

fn word(c: Class) -> &'static str {
    match c {
        Class::NotApplicable => "n/a",
        c => c.as_str(),
    }
}

/// Renders the summary.
pub fn render(data: &ReportData) -> String {
    let with_index = !data.human.is_empty();
    let mut s = format!("# Provisional openness verdicts\n\nRun {} ({}, schema {}) — {} models.\n\n", code(&data.run.id), data.run.status, md_text(&data.run.schema), data.models.len());
    s.push_str("🟩 open · 🟧 partial · 🟥 closed · ⬜ n/a · ◌ low confidence (review first)");
    if with_index {
        s.push_str(" · ⚠ the index says otherwise (its class in brackets)");
    }
    s.push_str("\n\n| model | score | open | partial | closed |");
    for c in &data.columns {
        s.push_str(&format!(" {} |", md_text(&c.key)));
    }
    s.push_str("\n|---|---:|---:|---:|---:|");
    for _ in &data.columns {
        s.push_str("---|");
    }
    s.push('\n');
    let mut totals = [0usize; 3];
    let mut disagreements = 0;
    for m in &data.models {
        let classes: Vec<Class> = data.columns.iter().filter_map(|c| m.verdicts.get(&c.key).map(|v| v.class)).collect();
        let score = openness_score(&classes).map(|x| format!("{:.0}%", x * 100.0)).unwrap_or_else(|| "–".into());
        let [o, p, c] = class_counts(m);
        totals[0] += o;
        totals[1] += p;
        totals[2] += c;
        s.push_str(&format!("| {} ({}) | {score} | {o} | {p} | {c} |", md_text(&m.name), code(&m.id)));
        for col in &data.columns {
            match m.verdicts.get(&col.key) {
                Some(v) => {
                    let human = data.human(&m.id, &col.key);
                    let mut t = format!(" {} {}", emoji(v.class), word(v.class));
                    if v.confidence == Confidence::Low {
                        t.push_str(" ◌");
                    }
                    if disagrees(v.class, human) {
                        disagreements += 1;
                        if let Some(h) = human.and_then(|h| h.class) {
                            t.push_str(&format!(" ⚠ ({} {})", emoji(h), word(h)));
                        }
                    }
                    s.push_str(&t);
                    s.push_str(" |");
                }
                None => s.push_str(" – |"),
            }
        }
        s.push('\n');
    }
    s.push_str(&format!("\nIn all: {} open, {} partial, {} closed.", totals[0], totals[1], totals[2]));
    if with_index {
        let differ = if disagreements == 1 { "differs" } else { "differ" };
        s.push_str(&format!(" {} {differ} from the index.", counted(disagreements, "verdict")));
    }
    s.push('\n');
    s.push_str(&review_first(data));
    s
}

/// The low-confidence verdicts, model by model, with the reason for each: where the evidence
/// is weak or reviewers split, so a reviewer should read these first.
fn review_first(data: &ReportData) -> String {
    let mut s = String::new();
    for m in &data.models {
        let low: Vec<String> = data
            .columns
            .iter()
            .filter_map(|c| m.verdicts.get(&c.key).filter(|v| v.confidence == Confidence::Low).map(|v| format!("{} {} ({})", code(&c.key), word(v.class), md_text(&v.confidence_reason))))
            .collect();
        if !low.is_empty() {
            s.push_str(&format!("- **{}** ({}): {}\n", md_text(&m.name), code(&m.id), low.join("; ")));
        }
    }
    if s.is_empty() {
        return s;
    }
    format!("\n## Review first: low-confidence verdicts\n\n{s}")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{sample, sample_data};
    use super::super::HumanVerdict;
    use super::*;

    #[test]
    fn table_with_counts_and_disagreements() {
        let mut m = sample("w", "x");
        m.name = "Widget | 7B\nchat <b>".into();
        let mut data = sample_data(vec![m, sample("v", "y")]);
        let mut h = std::collections::BTreeMap::new();
        h.insert("rlweights".to_string(), HumanVerdict { class: Some(Class::Closed), ..Default::default() });
        data.human.insert("w".into(), h);
        let md = render(&data);
        assert!(md.contains("| Widget \\| 7B chat &lt;b&gt; (`w`) | 75% | 1 | 1 | 0 |"), "{md}");
        assert!(md.contains("🟩 open ⚠ (🟥 closed)"), "{md}");
        assert!(md.contains("🟧 partial"));
        assert!(md.contains("In all: 2 open, 2 partial, 0 closed. 1 verdict differs from the index."), "{md}");
        // One header row, one rule, two model rows.
        assert_eq!(md.lines().filter(|l| l.starts_with('|')).count(), 4);
        // No low-confidence verdict, so nothing to review first.
        assert!(!md.contains("◌ |") && !md.contains("Review first:"), "{md}");
    }

    #[test]
    fn low_confidence_verdicts_are_marked_and_listed_to_review_first() {
        let mut m = sample("w", "x");
        let v = m.verdicts.get_mut("modelcard").unwrap();
        v.confidence = Confidence::Low;
        v.confidence_reason = "under five of seven topics | needs reading".into();
        let md = render(&sample_data(vec![m, sample("v", "y")]));
        assert!(md.contains("🟧 partial ◌ |"), "{md}");
        assert_eq!(md.matches(" ◌ |").count(), 1, "only the low one is marked: {md}");
        assert!(md.contains("## Review first: low-confidence verdicts\n\n- **Widget w** (`w`): `modelcard` partial (under five of seven topics \\| needs reading)\n"), "{md}");
        assert!(!md.contains("**Widget v**"), "a model with no low-confidence verdict is not listed: {md}");
    }
}
