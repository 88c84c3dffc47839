//! The fetch history of each URL.
//!
//! Each requested URL has one file, `urls/<2 hex>/<sha256(url)>.json`, holding a
//! [`UrlRecord`]: the latest state, the time of the last check and up to
//! [`HISTORY_CAP`] distinct states, oldest first.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::atomic::{list_dir, read_optional, write_json_file};
use crate::digest::Digest;
use crate::error::{Result, StoreError};
use crate::Store;

/// Most distinct states kept per URL; older ones are dropped first.
pub const HISTORY_CAP: usize = 100;

/// One HTTP fetch of a public URL, as recorded in the store.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FetchRecord {
    /// The requested public URL (`https://host/path?q`), never a mirror URL.
    pub url: String,
    /// The URL after redirects, in public form.
    pub final_url: String,
    /// HTTP status of the final answer; 0 when the fetch failed without an answer.
    pub status: u16,
    /// When the fetch was made.
    pub fetched_at: DateTime<Utc>,
    /// `Content-Type` of the answer.
    #[serde(default)]
    pub content_type: Option<String>,
    /// `ETag` of the answer.
    #[serde(default)]
    pub etag: Option<String>,
    /// `Last-Modified` of the answer.
    #[serde(default)]
    pub last_modified: Option<String>,
    /// Digest of the body stored with [`Store::put_body`]; `None` without a body.
    #[serde(default)]
    pub digest: Option<Digest>,
    /// Body length in bytes.
    #[serde(default)]
    pub size: u64,
    /// Transport error text when `status == 0`.
    #[serde(default)]
    pub error: Option<String>,
    /// Id of the run that made this fetch.
    #[serde(default)]
    pub run: Option<String>,
}

impl FetchRecord {
    /// A record for `url` fetched at `fetched_at`, with `final_url = url`,
    /// status 0 and every optional field empty; fill in the rest.
    pub fn new(url: impl Into<String>, fetched_at: DateTime<Utc>) -> Self {
        let url = url.into();
        FetchRecord {
            final_url: url.clone(),
            url,
            status: 0,
            fetched_at,
            content_type: None,
            etag: None,
            last_modified: None,
            digest: None,
            size: 0,
            error: None,
            run: None,
        }
    }

    /// True when both records describe the same observable state: equal status,
    /// digest, ETag, Last-Modified and final URL.
    pub fn same_state(&self, other: &FetchRecord) -> bool {
        self.status == other.status
            && self.digest == other.digest
            && self.etag == other.etag
            && self.last_modified == other.last_modified
            && self.final_url == other.final_url
    }
}

/// Everything the store knows about one URL.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct UrlRecord {
    /// The requested URL.
    pub url: String,
    /// The current state. Its `fetched_at` is when this state was first seen
    /// and its `run` is the run of the last check.
    pub latest: FetchRecord,
    /// When the URL was last checked (latest `fetched_at` seen).
    pub checked_at: DateTime<Utc>,
    /// Distinct states, oldest first, at most [`HISTORY_CAP`].
    pub history: Vec<FetchRecord>,
}

impl UrlRecord {
    /// A record whose only state is `rec`.
    fn first(rec: &FetchRecord) -> Self {
        UrlRecord {
            url: rec.url.clone(),
            latest: rec.clone(),
            checked_at: rec.fetched_at,
            history: vec![rec.clone()],
        }
    }

    /// Folds a new check into the record.
    fn observe(&mut self, rec: &FetchRecord) {
        self.checked_at = self.checked_at.max(rec.fetched_at);
        if self.latest.same_state(rec) {
            self.latest.run = rec.run.clone();
            return;
        }
        self.latest = rec.clone();
        self.history.push(rec.clone());
        if self.history.len() > HISTORY_CAP {
            let excess = self.history.len() - HISTORY_CAP;
            self.history.drain(..excess);
        }
    }
}

impl Store {
    /// Where the history of `url` is stored.
    pub fn url_path(&self, url: &str) -> PathBuf {
        let key = Digest::of(url.as_bytes());
        self.root
            .join(crate::URLS_DIR)
            .join(key.shard())
            .join(format!("{key}.json"))
    }

    /// Records one fetch of `rec.url`.
    ///
    /// A new history entry is appended only when the state differs from the
    /// latest one (see [`FetchRecord::same_state`]); otherwise only
    /// `checked_at` and `latest.run` change. Safe to call concurrently, for the
    /// same URL too: writers of one URL are serialised by an internal lock
    /// (a short blocking section; from async code prefer `spawn_blocking`).
    ///
    /// Fails with [`StoreError::Secret`] when `url` or `final_url` has a query
    /// parameter named like a credential (`token`, `access_token`, `api_key`,
    /// `key`, `sig`, ...): strip such parameters before recording.
    /// An unreadable existing file is kept beside the new history, renamed to
    /// `<digest>.json.unreadable` (replacing an earlier such copy), for a person to look at.
    pub fn record_fetch(&self, rec: &FetchRecord) -> Result<()> {
        crate::secrets::check_url(&rec.url)?;
        crate::secrets::check_url(&rec.final_url)?;
        let path = self.url_path(&rec.url);
        self.ensure_writable(&path)?;
        let _guard = self.stripe(&rec.url);
        let current = load(&path, &rec.url)?;
        if current.is_none() && path.exists() {
            let aside = path.with_extension("json.unreadable");
            std::fs::rename(&path, &aside).map_err(|e| StoreError::io(&aside, e))?;
        }
        let next = match current {
            None => UrlRecord::first(rec),
            Some(mut current) => {
                current.observe(rec);
                current
            }
        };
        write_json_file(&path, &next)
    }

    /// The full record of `url`; `Ok(None)` when unknown or unreadable.
    pub fn url_record(&self, url: &str) -> Result<Option<UrlRecord>> {
        load(&self.url_path(url), url)
    }

    /// The current state of `url`; `Ok(None)` when unknown or unreadable.
    pub fn latest(&self, url: &str) -> Result<Option<FetchRecord>> {
        Ok(self.url_record(url)?.map(|r| r.latest))
    }

    /// The distinct states of `url`, oldest first; empty when unknown.
    pub fn history(&self, url: &str) -> Result<Vec<FetchRecord>> {
        Ok(self.url_record(url)?.map(|r| r.history).unwrap_or_default())
    }

    /// Every URL with a readable record, sorted.
    pub fn urls(&self) -> Result<Vec<String>> {
        let mut urls = Vec::new();
        let base = self.root.join(crate::URLS_DIR);
        for shard in list_dir(&base)? {
            for file in list_dir(&shard)? {
                if file.extension().is_some_and(|e| e == "json") {
                    if let Ok(Some(bytes)) = read_optional(&file) {
                        if let Ok(rec) = serde_json::from_slice::<UrlRecord>(&bytes) {
                            urls.push(rec.url);
                        }
                    }
                }
            }
        }
        urls.sort();
        Ok(urls)
    }
}

/// Reads the record at `path`, treating unparsable content or a record for
/// another URL as absent. Other I/O errors are reported.
fn load(path: &Path, url: &str) -> Result<Option<UrlRecord>> {
    let Some(bytes) = read_optional(path)? else {
        return Ok(None);
    };
    Ok(serde_json::from_slice::<UrlRecord>(&bytes)
        .ok()
        .filter(|r| r.url == url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap()
    }

    #[test]
    fn same_state_ignores_time_run_and_type() {
        let mut a = FetchRecord::new("https://h/a", at(0));
        a.status = 200;
        let mut b = a.clone();
        b.fetched_at = at(5);
        b.run = Some("r".into());
        b.content_type = Some("text/html".into());
        assert!(a.same_state(&b));
        b.etag = Some("\"1\"".into());
        assert!(!a.same_state(&b));
    }

    #[test]
    fn observe_keeps_checked_at_monotonic() {
        let mut a = FetchRecord::new("https://h/a", at(10));
        a.status = 200;
        let mut r = UrlRecord::first(&a);
        let mut older = a.clone();
        older.fetched_at = at(3);
        r.observe(&older);
        assert_eq!(r.checked_at, at(10));
        assert_eq!(r.history.len(), 1);
    }
}
