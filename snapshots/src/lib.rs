//! The evidence store: every HTTP response the crawler sees, kept on disk, and line
//! diffs of two stored bodies ([`body_diff`]).
//!
//! A store is a folder:
//!
//! ```text
//! <root>/LOCK                          exclusive lock of the writing run (holds its pid)
//! <root>/blobs/ab/abcd….gz             response bodies, gzip, named by SHA-256
//! <root>/urls/12/1234….json            per-URL fetch history (named by SHA-256 of the URL)
//! <root>/runs/<id>/run.json            one run's metadata
//! <root>/runs/<id>/models/<model>.json one model's result in that run
//! <root>/<anything else>.json          side data written with Store::write_json
//! ```
//!
//! Every file is written atomically (temporary file, fsync, rename), so a crash
//! leaves either the old or the new version. One process writes at a time
//! ([`Store::open`] takes an exclusive lock); reporting commands read with
//! [`Store::open_read_only`], which takes no lock.
//!
//! ```
//! use openness_snapshots::{FetchRecord, RunMeta, RunStatus, Store, new_run_id};
//!
//! let dir = tempfile::tempdir()?;
//! let store = Store::open(dir.path())?;
//!
//! let now = chrono::Utc::now();
//! let run = RunMeta::new(new_run_id(now), now, "cfg-digest", "v1", vec!["gpt2".into()], false);
//! store.begin_run(&run)?;
//!
//! let body = b"<html>MIT License</html>";
//! let digest = store.put_body(body)?;
//! let mut rec = FetchRecord::new("https://example.org/model", now);
//! rec.status = 200;
//! rec.digest = Some(digest.clone());
//! rec.size = body.len() as u64;
//! rec.run = Some(run.id.clone());
//! store.record_fetch(&rec)?;
//!
//! assert_eq!(store.latest("https://example.org/model")?, Some(rec));
//! assert_eq!(store.get_body(&digest)?, body);
//!
//! store.write_model_result(&run.id, "gpt2", &serde_json::json!({ "verdict": "open" }))?;
//! store.finish_run(&run.id, RunStatus::Complete, serde_json::json!({ "models": 1 }))?;
//! assert_eq!(store.latest_complete_run()?.map(|r| r.id), Some(run.id));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

mod atomic;
mod blob;
mod diff;
mod digest;
mod error;
mod lock;
mod names;
mod records;
mod runs;
mod secrets;
mod side;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub use blob::MIN_DIGEST_PREFIX;
pub use diff::{body_diff, escaped, BodyDiff};
pub use digest::{short_digest, Digest, ParseDigestError};
pub use error::{Result, StoreError};
pub use lock::LOCK_FILE;
pub use records::{FetchRecord, UrlRecord, HISTORY_CAP};
pub use runs::{new_run_id, RunMeta, RunStatus};
pub use secrets::check_url;

/// Folder of compressed bodies.
pub(crate) const BLOBS_DIR: &str = "blobs";
/// Folder of per-URL histories.
pub(crate) const URLS_DIR: &str = "urls";
/// Folder of runs.
pub(crate) const RUNS_DIR: &str = "runs";

/// Number of lock stripes serialising writers of the same URL.
const STRIPES: usize = 64;

/// An open evidence store. `Send + Sync`: share it with `Arc` across threads
/// and tasks. Dropping it releases the lock.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    /// `None` for a read-only store.
    lock: Option<lock::StoreLock>,
    stripes: Box<[Mutex<()>]>,
    runs: Mutex<()>,
}

impl Store {
    /// Opens (creating if needed) the store at `root` for writing.
    ///
    /// Takes an exclusive, non-blocking lock on `<root>/LOCK`; fails with
    /// [`StoreError::Locked`] when another process (or another open `Store`)
    /// holds it. Deletes temporary files left by interrupted writes.
    pub fn open(root: &Path) -> Result<Store> {
        std::fs::create_dir_all(root).map_err(|e| StoreError::io(root, e))?;
        let lock = lock::StoreLock::acquire(root)?;
        for dir in [BLOBS_DIR, URLS_DIR, RUNS_DIR] {
            let path = root.join(dir);
            std::fs::create_dir_all(&path).map_err(|e| StoreError::io(&path, e))?;
        }
        atomic::remove_temp_files(root)?;
        Ok(Store::new(root, Some(lock)))
    }

    /// Opens an existing store for reading only: takes no lock and never
    /// writes; every write method fails with [`StoreError::ReadOnly`].
    pub fn open_read_only(root: &Path) -> Result<Store> {
        let meta = std::fs::metadata(root).map_err(|e| StoreError::io(root, e))?;
        if !meta.is_dir() {
            return Err(StoreError::io(
                root,
                std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
            ));
        }
        Ok(Store::new(root, None))
    }

    fn new(root: &Path, lock: Option<lock::StoreLock>) -> Store {
        Store {
            root: root.to_path_buf(),
            lock,
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
            runs: Mutex::new(()),
        }
    }

    /// The root folder of the store.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// True when opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Fails with [`StoreError::ReadOnly`] naming `path` on a read-only store.
    pub(crate) fn ensure_writable(&self, path: &Path) -> Result<()> {
        if self.is_read_only() {
            Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            })
        } else {
            Ok(())
        }
    }

    /// The stripe lock that serialises writers of `url`.
    pub(crate) fn stripe(&self, url: &str) -> MutexGuard<'_, ()> {
        let hash = Digest::of(url.as_bytes());
        let index = usize::from_str_radix(&hash.as_str()[..4], 16).unwrap_or(0) % STRIPES;
        self.stripes[index]
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// The lock that serialises read-modify-write of run metadata.
    pub(crate) fn runs_guard(&self) -> MutexGuard<'_, ()> {
        self.runs.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Store>();
    }
}
