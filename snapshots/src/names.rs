//! Validation of names that become file names inside the store.

use std::path::Path;

use crate::error::{Result, StoreError};

/// Top-level entries that [`Store::write_json`](crate::Store::write_json) may not touch.
const RESERVED_TOP: &[&str] = &[crate::lock::LOCK_FILE, crate::BLOBS_DIR, crate::URLS_DIR];

/// Checks that `name` is a safe file stem: `[A-Za-z0-9._-]+`, not starting with `.`.
///
/// `what` and `path_hint` only serve the error message.
pub(crate) fn validate_stem(what: &str, name: &str, path_hint: &Path) -> Result<()> {
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::InvalidName(format!(
            "{what} {name:?} (for {}) must be made of A-Z a-z 0-9 . _ - and not start with '.'",
            path_hint.display()
        )))
    }
}

/// Checks that `relative` is a plain relative path inside the store root:
/// `/`-separated non-empty segments, none `.`, `..` or temporary, not
/// absolute, and outside the reserved `LOCK`, `blobs/`, `urls/` and a run's own record
/// (`runs/<id>/run.json`, `runs/<id>/models/`), compared without case (for case-insensitive
/// file systems). Other side data of a run (`runs/<id>/extra.json`) is allowed.
pub(crate) fn validate_relative(relative: &str) -> Result<()> {
    let bad = |why: &str| {
        Err(StoreError::InvalidName(format!(
            "relative path {relative:?} inside the store {why}"
        )))
    };
    if relative.is_empty() {
        return bad("is empty");
    }
    if relative.contains('\\') || relative.contains('\0') {
        return bad("contains a backslash or NUL");
    }
    if Path::new(relative).is_absolute() || relative.starts_with('/') {
        return bad("is absolute");
    }
    for (i, segment) in relative.split('/').enumerate() {
        match segment {
            "" => return bad("has an empty segment"),
            "." | ".." => return bad("contains '.' or '..'"),
            s if s.starts_with(crate::atomic::TEMP_PREFIX) => {
                return bad("uses a temporary-file name")
            }
            s if i == 0 && RESERVED_TOP.iter().any(|r| r.eq_ignore_ascii_case(s)) => {
                return bad("points into a reserved area (LOCK, blobs, urls)")
            }
            _ => {}
        }
    }
    let segments: Vec<&str> = relative.split('/').collect();
    let run_record = segments[0].eq_ignore_ascii_case(crate::RUNS_DIR)
        && match segments.get(2) {
            Some(f) if segments.len() == 3 => f.eq_ignore_ascii_case(crate::runs::RUN_FILE),
            Some(dir) => dir.eq_ignore_ascii_case(crate::runs::MODELS_DIR),
            None => false,
        };
    if run_record {
        return bad("points into a run's own record (run.json, models/)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        let p = Path::new("x");
        for good in ["widget-3.1_8B", "a", "0", "a.b.c"] {
            validate_stem("model id", good, p).unwrap();
        }
        for bad in ["", ".hidden", "..", "a/b", "a b", "é", "a\\b", "x\0"] {
            assert!(validate_stem("model id", bad, p).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn relative_paths() {
        for good in ["state.json", "reports/2026/a.json", "runs/x/extra.json"] {
            validate_relative(good).unwrap();
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x.json",
            "a/../../x",
            "./a",
            "a/./b",
            "LOCK",
            "blobs/ab/x.gz",
            "urls/x.json",
            "Blobs/x.json",
            "runs/x/run.json",
            "runs/x/models/m.json",
            "a/.tmp-1-2",
            "dir/",
            "a\\b",
            "a//b",
            "a/.",
        ] {
            let err = validate_relative(bad).unwrap_err();
            assert!(matches!(err, StoreError::InvalidName(_)), "{bad:?}");
        }
    }
}
