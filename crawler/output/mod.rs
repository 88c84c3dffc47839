//! Outputs: index-format YAML, JSON with the evidence behind every verdict, run summaries.

pub mod json;
pub mod yaml;

use openness_sources::text::counted;
use std::io::Write;
use std::path::Path;

/// Writes a file atomically: a temporary file in the same folder, then a rename.
/// A crash leaves either the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
