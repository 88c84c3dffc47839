//! Outputs: index-format YAML, JSON with the evidence behind every verdict, run summaries.

pub mod json;
pub mod markdown;
pub mod yaml;

use openness_sources::text::counted;
use std::io::Write;
use std::path::Path;

/// Writes a file atomically: a temporary file in the same folder, then a rename.
/// A crash leaves either the old file or the new one, never half of one. A file that
/// existed keeps its permissions, a new one gets the usual ones (read for all, as the
/// umask allows); a symbolic link is written through, to the file it points at.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(permissions_for(&path));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

/// The permissions a file written at `path` gets: those of the file there, else 0666
/// less the process umask (what creating it directly would give).
#[cfg(unix)]
fn permissions_for(path: &Path) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).map(|m| m.permissions()).unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666 & !umask()))
}

/// The process umask, as Linux reports it in `/proc/self/status` (reading it with
/// `umask(2)` would change it for a moment, under the other threads); 022 elsewhere.
#[cfg(unix)]
fn umask() -> u32 {
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        status.lines().find_map(|l| l.strip_prefix("Umask:")).and_then(|v| u32::from_str_radix(v.trim(), 8).ok()).unwrap_or(0o022)
    })
}

/// The closing summary printed after a run.
pub fn summary_table(s: &crate::pipeline::RunSummary, out: &Path) -> String {
    let mut t = format!("run {} ({} schema) in {:.1}s — {} requests, {} answered 304, {} retries, {} KiB downloaded\n", s.run, s.schema, s.seconds, s.http.requests, s.http.not_modified, s.http.retries, s.http.bytes / 1024);
    // `low`: verdicts of low confidence, to review first.
    t.push_str(&format!("{:<36} {:>6} {:>5} {:>8} {:>7} {:>4}  {}\n", "model", "status", "open", "partial", "closed", "low", "notes"));
    for m in &s.models {
        let note = m.error.clone().unwrap_or_else(|| if m.problems > 0 { format!("{} could not be read (see JSON)", counted(m.problems, "evidence URL")) } else { String::new() });
        t.push_str(&format!("{:<36} {:>6} {:>5} {:>8} {:>7} {:>4}  {}\n", m.id, m.status, m.counts[0], m.counts[1], m.counts[2], m.low, note));
    }
    let ok = s.models.iter().filter(|m| m.status == "ok").count();
    let judge_ms = s.models.iter().map(|m| m.judge_us).sum::<u64>() as f64 / 1000.0 / ok.max(1) as f64;
    t.push_str(&format!("{ok}/{} models written to {} (facts and verdicts: {judge_ms:.2} ms per model)", s.models.len(), out.display()));
    t
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn atomic_writes_keep_permissions_and_write_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config.toml");
        std::fs::write(&config, "a = 1\n").unwrap();
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&config, b"a = 2\n").unwrap();
        assert_eq!(mode(&config), 0o640);
        assert_eq!(std::fs::read_to_string(&config).unwrap(), "a = 2\n");
        // A new file: readable as if created directly (0666 less the umask), not 0600.
        let fresh = dir.path().join("out/new.yaml");
        write_atomic(&fresh, b"x: 1\n").unwrap();
        assert_eq!(mode(&fresh), 0o666 & !umask());
        // Through a symbolic link: the link stays, its target changes.
        let link = dir.path().join("linked.toml");
        std::os::unix::fs::symlink(&config, &link).unwrap();
        write_atomic(&link, b"a = 3\n").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&config).unwrap(), "a = 3\n");
    }
}
