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
    /// The bodies differ, but only in bytes no line of text shows (invalid UTF-8).
    pub bytes_only: bool,
}

/// Diffs `before` against `after` line by line, with three lines of context. `labels`
/// name the two sides in the header. Bodies that are not UTF-8 are read lossily and control
/// characters are shown escaped; JSON bodies are compared pretty-printed, and as written
/// when that hides their difference.
///
/// ```
/// let d = openness_snapshots::body_diff(br#"{"license":"mit","gated":false}"#, br#"{"license":"other","gated":false}"#, ("before", "after"));
/// assert_eq!((d.added, d.removed), (1, 1));
/// assert!(d.unified.contains("-  \"license\": \"mit\""));
/// assert!(d.unified.contains("+  \"license\": \"other\""));
/// ```
pub fn body_diff(before: &[u8], after: &[u8], labels: (&str, &str)) -> BodyDiff {
    let pretty = line_diff(&readable(before), &readable(after), labels);
    if pretty.added + pretty.removed > 0 || before == after {
        return pretty;
    }
    // Pretty-printing hid the change (formatting, a repeated key, a number beyond f64):
    // compare the bodies as they are.
    let mut raw = line_diff(&escaped(&String::from_utf8_lossy(before)), &escaped(&String::from_utf8_lossy(after)), labels);
    raw.bytes_only = raw.added + raw.removed == 0;
    raw
}

fn line_diff(old: &str, new: &str, labels: (&str, &str)) -> BodyDiff {
    let diff = TextDiff::configure().timeout(DIFF_DEADLINE).diff_lines(old, new);
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
    BodyDiff { unified, added, removed, bytes_only: false }
}

/// A body as lines of text: JSON pretty-printed, anything else as (lossy) UTF-8; control
/// characters escaped (see [`escaped`]).
fn readable(body: &[u8]) -> String {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => {
            let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
            s.push('\n');
            s
        }
        _ => escaped(&String::from_utf8_lossy(body)),
    }
}

/// `text` with control characters other than line feeds and tabs written as `\u{1b}`, so
/// that fetched text cannot move a terminal's cursor or hide a line (`\r`, escape codes).
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_bodies_have_no_diff() {
        let d = body_diff(b"a\nb\n", b"a\nb\n", ("x", "y"));
        assert_eq!(d, BodyDiff { unified: String::new(), added: 0, removed: 0, bytes_only: false });
        // The same JSON written differently is not the same body: its bytes are compared.
        let d = body_diff(br#"{"a":1,"b":[1,2]}"#, b"{ \"a\": 1,\n \"b\": [1, 2] }", ("x", "y"));
        assert_eq!((d.added, d.removed), (2, 1), "{}", d.unified);
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
    fn a_change_pretty_printing_hides_is_shown_as_written() {
        // A repeated key (the parser keeps the last) and digits beyond an f64.
        for (before, after) in [(&br#"{"a":1,"a":2}"#[..], &br#"{"a":3,"a":2}"#[..]), (br#"{"n":123456789012345678901}"#, br#"{"n":123456789012345678902}"#)] {
            let d = body_diff(before, after, ("a", "b"));
            assert_eq!((d.added, d.removed, d.bytes_only), (1, 1, false), "{}", d.unified);
        }
        // Bytes that read the same as text are reported as such, not as no change.
        let d = body_diff(&[b'a', 0xff, b'\n'], &[b'a', 0xfe, b'\n'], ("a", "b"));
        assert!(d.unified.is_empty() && d.bytes_only);
        assert!(!body_diff(b"same", b"same", ("a", "b")).bytes_only);
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let d = body_diff(b"License: MIT\n", b"License: MIT\x1b[2K\rLicense: Proprietary\n", ("a", "b"));
        assert!(d.unified.contains("+License: MIT\\u{1b}[2K\\u{d}License: Proprietary\n"), "{}", d.unified);
        assert!(!d.unified.contains('\x1b') && !d.unified.contains('\r'));
    }

    #[test]
    fn binary_and_invalid_bodies_do_not_fail() {
        let d = body_diff(&[0xff, 0xfe, b'\n'], b"{not json", ("a", "b"));
        assert_eq!((d.added, d.removed), (1, 1));
    }
}
