//! Crash-safe file writes and the clean-up of their leftovers.
//!
//! Every file of the store is written to a temporary file in the same folder,
//! flushed to disk, then renamed over its target, so a crash at any point leaves
//! either the old or the new content. Temporary files are named
//! `.tmp-<pid>-<counter>`; readers ignore them and [`Store::open`](crate::Store::open)
//! deletes them.

use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Result, StoreError};

/// Prefix of every temporary file name.
pub(crate) const TEMP_PREFIX: &str = ".tmp-";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// True when `name` is a temporary file name that readers must skip.
pub(crate) fn is_temp_name(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(TEMP_PREFIX.as_bytes())
}

/// Writes `bytes` to `path` atomically, creating missing parent folders.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let (tmp, mut file) = create_temp(dir)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io(&tmp, e));
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io(path, e));
    }
    sync_dir(dir);
    Ok(())
}

/// Creates a fresh temporary file in `dir`, skipping names left by an earlier
/// process with the same pid.
fn create_temp(dir: &Path) -> Result<(std::path::PathBuf, File)> {
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!("{TEMP_PREFIX}{}-{n}", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(StoreError::io(&tmp, e)),
        }
    }
}

/// Flushes a folder's entries so a rename survives power loss. Best effort:
/// some file systems refuse to sync folders, which does not affect atomicity.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Serialises `value` as pretty JSON and writes it atomically to `path`.
pub(crate) fn write_json_file<T: Serialize + ?Sized>(path: &Path, value: &T) -> Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| StoreError::json(path, e))?;
    bytes.push(b'\n');
    write_atomic(path, &bytes)
}

/// Reads a whole file; `Ok(None)` when it does not exist.
pub(crate) fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// Reads and parses a JSON file; `Ok(None)` when it does not exist.
pub(crate) fn read_json_file<T: DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    match read_optional(path)? {
        None => Ok(None),
        Some(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| StoreError::json(path, e)),
    }
}

/// Non-temporary entries of a folder, sorted; empty when it does not exist.
pub(crate) fn list_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(dir, e))?;
        if !is_temp_name(&entry.file_name()) {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

/// Deletes every temporary file under `root`, returning how many were removed.
pub(crate) fn remove_temp_files(root: &Path) -> Result<usize> {
    let mut removed = 0;
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(StoreError::io(&dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io(&dir, e))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| StoreError::io(&path, e))?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && is_temp_name(&entry.file_name()) {
                match fs::remove_file(&path) {
                    Ok(()) => removed += 1,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(StoreError::io(&path, e)),
                }
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/a.txt");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(names(&dir.path().join("sub")), vec!["a.txt"]);
    }

    #[test]
    fn temp_files_are_recognised_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("x/y")).unwrap();
        fs::write(dir.path().join("x/y/.tmp-1-2"), b"partial").unwrap();
        fs::write(dir.path().join(".tmp-3-4"), b"partial").unwrap();
        fs::write(dir.path().join("x/keep.json"), b"{}").unwrap();
        assert!(is_temp_name(OsStr::new(".tmp-9-9")));
        assert!(!is_temp_name(OsStr::new("keep.json")));
        assert_eq!(remove_temp_files(dir.path()).unwrap(), 2);
        assert_eq!(names(&dir.path().join("x/y")), Vec::<String>::new());
        assert_eq!(names(&dir.path().join("x")), vec!["keep.json", "y"]);
    }

    #[test]
    fn existing_temp_name_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let next = COUNTER.load(Ordering::Relaxed);
        // Occupy the next few names a stale process with our pid could have left.
        for n in next..next + 3 {
            let stale = dir
                .path()
                .join(format!("{TEMP_PREFIX}{}-{n}", std::process::id()));
            fs::write(stale, b"stale").unwrap();
        }
        let target = dir.path().join("t");
        write_atomic(&target, b"fresh").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"fresh");
    }
}
