//! Line diffs between two stored bodies, to show exactly what changed in a piece of
//! evidence. JSON bodies (API answers, usually one long line) are pretty-printed first,
//! so that a changed field is a changed line.

use std::time::Duration;

use similar::{ChangeTag, TextDiff};

/// How long the diff algorithm may search for a minimal diff before it settles for a
/// coarser one (hostile or huge bodies stay fast).
const DIFF_DEADLINE: Duration = Duration::from_secs(2);

/// A unified diff of two bodies and its size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyDiff {
    /// The diff in unified format (`---`/`+++` header, `@@` hunks); empty when the
    /// bodies read the same.
    pub unified: String,
    /// Lines only in the later body.
    pub added: usize,
    /// Lines only in the earlier body.
    pub removed: usize,
}

/// Diffs `before` against `after` line by line, with three lines of context. `labels`
/// name the two sides in the header. Bodies that are not UTF-8 are read lossily; JSON
/// bodies are compared pretty-printed.
///
/// ```
/// let d = openness_snapshots::body_diff(br#"{"license":"mit","gated":false}"#, br#"{"license":"other","gated":false}"#, ("before", "after"));
/// assert_eq!((d.added, d.removed), (1, 1));
/// assert!(d.unified.contains("-  \"license\": \"mit\""));
/// assert!(d.unified.contains("+  \"license\": \"other\""));
/// ```
pub fn body_diff(before: &[u8], after: &[u8], labels: (&str, &str)) -> BodyDiff {
    let (old, new) = (readable(before), readable(after));
    let diff = TextDiff::configure().timeout(DIFF_DEADLINE).diff_lines(old.as_str(), new.as_str());
    let (mut added, mut removed) = (0, 0);
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Insert => added += 1,
            ChangeTag::Delete => removed += 1,
            ChangeTag::Equal => {}
        }
    }
    let unified = if added + removed == 0 {
        String::new()
    } else {
        diff.unified_diff().context_radius(3).header(labels.0, labels.1).to_string()
    };
    BodyDiff { unified, added, removed }
}

/// A body as lines of text: JSON pretty-printed, anything else as (lossy) UTF-8.
fn readable(body: &[u8]) -> String {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => {
            let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
            s.push('\n');
            s
        }
        _ => String::from_utf8_lossy(body).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_bodies_have_no_diff() {
        let d = body_diff(b"a\nb\n", b"a\nb\n", ("x", "y"));
        assert_eq!(d, BodyDiff { unified: String::new(), added: 0, removed: 0 });
        // The same JSON written differently reads the same.
        assert!(body_diff(br#"{"a":1,"b":[1,2]}"#, b"{ \"a\": 1,\n \"b\": [1, 2] }", ("x", "y")).unified.is_empty());
    }

    #[test]
    fn text_changes_are_shown_with_context_and_labels() {
        let before = "# Widget\n\nLicense: MIT\n\n## Training data\n\nThe Pile.\n";
        let after = "# Widget\n\nLicense: Widget Community License\n\n## Training data\n\nThe Pile.\n";
        let d = body_diff(before.as_bytes(), after.as_bytes(), ("abc123 (run 1)", "def456 (run 2)"));
        assert_eq!((d.added, d.removed), (1, 1));
        assert!(d.unified.starts_with("--- abc123 (run 1)\n+++ def456 (run 2)\n@@ "), "{}", d.unified);
        assert!(d.unified.contains("\n-License: MIT\n+License: Widget Community License\n"), "{}", d.unified);
        assert!(d.unified.contains("\n # Widget\n"), "context lines are kept: {}", d.unified);
    }

    #[test]
    fn json_fields_are_compared_one_per_line() {
        let before = br#"{"id":"acme/widget","gated":false,"siblings":[{"rfilename":"model.safetensors"}]}"#;
        let after = br#"{"id":"acme/widget","gated":"manual","siblings":[]}"#;
        let d = body_diff(before, after, ("a", "b"));
        assert!(d.unified.contains("-  \"gated\": false,\n+  \"gated\": \"manual\","), "{}", d.unified);
        assert!(d.unified.contains("-      \"rfilename\": \"model.safetensors\""), "{}", d.unified);
    }

    #[test]
    fn binary_and_invalid_bodies_do_not_fail() {
        let d = body_diff(&[0xff, 0xfe, b'\n'], b"{not json", ("a", "b"));
        assert_eq!((d.added, d.removed), (1, 1));
    }
}
