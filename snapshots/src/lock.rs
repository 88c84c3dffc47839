//! The exclusive advisory lock that keeps two runs from writing one store.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use fs4::fs_std::FileExt;

use crate::error::{Result, StoreError};

/// Name of the lock file at the store root.
pub const LOCK_FILE: &str = "LOCK";

/// Holds the exclusive lock on `<root>/LOCK` until dropped.
#[derive(Debug)]
pub(crate) struct StoreLock {
    file: File,
}

impl StoreLock {
    /// Takes the lock without waiting, or fails with [`StoreError::Locked`].
    ///
    /// The holder writes its pid into the lock file, for humans to inspect.
    pub(crate) fn acquire(root: &Path) -> Result<Self> {
        let path = root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        match FileExt::try_lock_exclusive(&file) {
            Ok(true) => {}
            Ok(false) => {
                return Err(StoreError::Locked {
                    path: root.to_path_buf(),
                })
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                return Err(StoreError::Locked {
                    path: root.to_path_buf(),
                })
            }
            Err(e) => return Err(StoreError::io(&path, e)),
        }
        file.set_len(0)
            .and_then(|()| (&file).write_all(format!("{}\n", std::process::id()).as_bytes()))
            .map_err(|e| StoreError::io(&path, e))?;
        Ok(StoreLock { file })
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first is explicit.
        let _ = FileExt::unlock(&self.file);
    }
}
