//! The single error type of the evidence store.

use std::io;
use std::path::{Path, PathBuf};

/// Shorthand for results of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Everything that can go wrong while reading or writing the evidence store.
///
/// Every message names the file, folder or URL concerned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// A file-system operation failed.
    #[error("I/O error on {}: {source}", path.display())]
    Io {
        /// The file or folder being read or written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// Another process holds the exclusive lock of the store.
    #[error(
        "the evidence store at {} is in use by another openness run (lock file {}); \
         wait for it to finish or use another store",
        path.display(),
        path.join(crate::lock::LOCK_FILE).display()
    )]
    Locked {
        /// The root folder of the store.
        path: PathBuf,
    },
    /// Stored data exists but is unusable (bad gzip, wrong hash, ...).
    #[error("corrupt data in {}: {reason}", path.display())]
    Corrupt {
        /// The corrupt file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A JSON file could not be read or written.
    #[error("invalid JSON in {}: {source}", path.display())]
    Json {
        /// The JSON file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A run id, model id or relative path is not acceptable as a file name.
    #[error("invalid name: {0}")]
    InvalidName(String),
    /// A URL carries what looks like a credential and was not stored.
    #[error("refusing to store a credential: {0}")]
    Secret(String),
    /// No stored body, or more than one, has a digest starting with the given prefix.
    #[error("{}", match matches { 0 => format!("no stored body has a digest starting with {prefix:?}"), n => format!("{n} stored bodies have digests starting with {prefix:?}: give more characters") })]
    UnknownDigest {
        /// The hexadecimal prefix asked for.
        prefix: String,
        /// How many stored bodies match it (0, or 2 and more).
        matches: usize,
    },
    /// A write was attempted on a store opened with [`Store::open_read_only`](crate::Store::open_read_only).
    #[error("cannot write {}: the evidence store was opened read-only", path.display())]
    ReadOnly {
        /// The file that would have been written.
        path: PathBuf,
    },
}

impl StoreError {
    /// Wraps an I/O error with the path it concerns.
    pub(crate) fn io(path: &Path, source: io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Wraps a JSON error with the path it concerns.
    pub(crate) fn json(path: &Path, source: serde_json::Error) -> Self {
        StoreError::Json {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Builds a [`StoreError::Corrupt`].
    pub(crate) fn corrupt(path: &Path, reason: impl Into<String>) -> Self {
        StoreError::Corrupt {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }

    /// True for [`StoreError::Locked`].
    pub fn is_locked(&self) -> bool {
        matches!(self, StoreError::Locked { .. })
    }
}
