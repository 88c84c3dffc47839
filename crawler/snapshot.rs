//! `openness snapshot`: the stored evidence behind verdicts and change events, read back.
//! A URL's history (every distinct answer, with its run and body digest), one stored body,
//! and a line diff of two bodies, so a reviewer sees exactly what a changed page says.

use crate::changes::open_store;
use crate::cli::{ConfigArg, SnapshotCommand};
use crate::config::Config;
use anyhow::Context as _;
use openness_snapshots::{body_diff, Digest, FetchRecord, Store};
use openness_sources::text::counted;
use std::io::{IsTerminal, Write};

/// Runs `openness snapshot …`; exit status 0, or an error.
pub fn command(what: &SnapshotCommand) -> anyhow::Result<u8> {
    let store = |c: &ConfigArg| open_store(&Config::load(&c.config)?);
    let out = match what {
        SnapshotCommand::History { config, url } => history(&store(config)?, url)?.into_bytes(),
        SnapshotCommand::Show { config, digest } => {
            let body = body(&store(config)?, digest)?;
            // On a terminal, fetched text must not move the cursor or hide a line.
            if std::io::stdout().is_terminal() {
                openness_snapshots::escaped(&String::from_utf8_lossy(&body)).into_bytes()
            } else {
                body
            }
        }
        SnapshotCommand::Diff { config, before, after: Some(after) } => diff(&store(config)?, before, after)?.into_bytes(),
        SnapshotCommand::Diff { config, before: url, after: None } => latest_change(&store(config)?, url)?.into_bytes(),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out).and_then(|()| stdout.flush()).context("cannot write to standard output")?;
    Ok(0)
}

/// The recorded answers of `url`, oldest first, as a plain-text table.
pub fn history(store: &Store, url: &str) -> anyhow::Result<String> {
    let key = crate::http::store_key(url);
    let records = store.history(&key)?;
    if records.is_empty() {
        anyhow::bail!("no snapshot of {key} in the evidence store at {}", store.root().display());
    }
    let mut t = format!("{key}\n{:<20} {:<24} {:>6} {:>10}  {:<12}  {}\n", "fetched (UTC)", "run", "status", "bytes", "digest", "note");
    for r in &records {
        let line = format!(
            "{:<20} {:<24} {:>6} {:>10}  {:<12}  {}",
            r.fetched_at.format("%Y-%m-%d %H:%M:%S"),
            r.run.as_deref().unwrap_or("—"),
            if r.status == 0 { "failed".to_string() } else { r.status.to_string() },
            r.size,
            r.digest.as_ref().map(Digest::short).unwrap_or("—"),
            note(r),
        );
        t.push_str(line.trim_end());
        t.push('\n');
    }
    t.push_str(&format!("{} (distinct answers; an unchanged answer is recorded once)\n", counted(records.len(), "state")));
    Ok(t)
}

/// What else a reader of the history needs: the error of a failed fetch, or where a
/// redirect led.
fn note(r: &FetchRecord) -> String {
    match (&r.error, r.final_url.as_str()) {
        (Some(e), _) => e.clone(),
        (None, f) if !f.is_empty() && f != r.url => format!("→ {f}"),
        _ => String::new(),
    }
}

/// A stored body, found by its digest or a prefix of it.
pub fn body(store: &Store, digest: &str) -> anyhow::Result<Vec<u8>> {
    let d = store.find_body(digest)?;
    Ok(store.get_body(&d)?)
}

/// What changed between the two latest bodies stored for `url`.
pub fn latest_change(store: &Store, url: &str) -> anyhow::Result<String> {
    if !url.contains("://") {
        anyhow::bail!("give two digests, or one URL to compare its two latest bodies");
    }
    let key = crate::http::store_key(url);
    // History records distinct states; a failure between two answers may repeat a body.
    let mut bodies: Vec<Digest> = store.history(&key)?.into_iter().filter_map(|r| r.digest).collect();
    bodies.dedup();
    match bodies.as_slice() {
        [.., before, after] => diff(store, before.as_str(), after.as_str()),
        [_] => Ok(format!("{key} has one stored body; nothing to compare.\n")),
        [] => anyhow::bail!("no stored body of {key} in the evidence store at {}", store.root().display()),
    }
}

/// A unified diff of two stored bodies, with a closing line counting the changed lines.
pub fn diff(store: &Store, before: &str, after: &str) -> anyhow::Result<String> {
    let (b, a) = (store.find_body(before)?, store.find_body(after)?);
    let (old, new) = (store.get_body(&b)?, store.get_body(&a)?);
    let d = body_diff(&old, &new, (b.short(), a.short()));
    if d.bytes_only {
        return Ok(format!("{} and {} differ only in bytes that are not text (invalid UTF-8; {} and {} bytes): compare them with `openness snapshot show`.\n", b.short(), a.short(), old.len(), new.len()));
    }
    if d.unified.is_empty() {
        return Ok(format!("{} and {} are the same body.\n", b.short(), a.short()));
    }
    Ok(format!("{}{} added, {} removed\n", d.unified, counted(d.added, "line"), counted(d.removed, "line")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use openness_snapshots::FetchRecord;

    fn record(url: &str, seconds: i64, status: u16, body: Option<&[u8]>, store: &Store) -> FetchRecord {
        let mut r = FetchRecord::new(url, chrono::DateTime::from_timestamp(1_790_000_000 + seconds, 0).unwrap());
        r.status = status;
        r.run = Some(format!("run-{seconds}"));
        if let Some(b) = body {
            r.digest = Some(store.put_body(b).unwrap());
            r.size = b.len() as u64;
        }
        r
    }

    #[test]
    fn history_lists_answers_failures_and_redirects_and_diffs_the_latest_two_bodies() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let url = "https://acme.example/models/widget";
        let mut first = record(url, 0, 200, Some(b"License: MIT\n"), &store);
        first.final_url = url.into();
        store.record_fetch(&first).unwrap();
        let mut failed = record(url, 60, 0, None, &store);
        failed.error = Some("timed out fetching https://acme.example/models/widget after 3 attempts".into());
        store.record_fetch(&failed).unwrap();
        let mut moved = record(url, 120, 200, Some(b"License: Widget Community License\n"), &store);
        moved.final_url = "https://acme.example/models/widget-v2".into();
        store.record_fetch(&moved).unwrap();

        let table = history(&store, &format!("{url}#licence")).unwrap();
        assert!(table.starts_with(&format!("{url}\n")), "the fragment is not part of the key: {table}");
        assert!(table.contains("failed") && table.contains("timed out fetching"), "{table}");
        assert!(table.contains("→ https://acme.example/models/widget-v2"), "{table}");
        assert!(table.contains("3 states"), "{table}");
        assert!(table.lines().all(|l| l == l.trim_end()), "no trailing spaces: {table:?}");
        let change = latest_change(&store, url).unwrap();
        assert!(change.contains("-License: MIT\n+License: Widget Community License\n"), "{change}");
        assert!(latest_change(&store, "abcdef").is_err(), "not a URL");
        assert!(history(&store, "https://acme.example/other").unwrap_err().to_string().contains("no snapshot of https://acme.example/other"));
    }
}
