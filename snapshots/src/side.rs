//! Small free-form JSON files kept under the store root (state, caches, reports).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::atomic::{read_json_file, write_json_file};
use crate::error::Result;
use crate::names::validate_relative;
use crate::Store;

impl Store {
    /// Writes `value` as JSON to `<root>/<relative>` atomically, creating folders.
    ///
    /// `relative` must be a plain relative path (no `..`, `.`, leading `/`,
    /// temporary names) outside the reserved `LOCK`, `blobs/` and `urls/`;
    /// otherwise [`StoreError::InvalidName`](crate::StoreError::InvalidName).
    pub fn write_json<T: Serialize + ?Sized>(&self, relative: &str, value: &T) -> Result<()> {
        validate_relative(relative)?;
        let path = self.root.join(relative);
        self.ensure_writable(&path)?;
        write_json_file(&path, value)
    }

    /// Reads `<root>/<relative>` as JSON; `Ok(None)` when the file does not
    /// exist, [`StoreError::Json`](crate::StoreError::Json) when it does not parse.
    pub fn read_json<T: DeserializeOwned>(&self, relative: &str) -> Result<Option<T>> {
        validate_relative(relative)?;
        read_json_file(&self.root.join(relative))
    }
}
