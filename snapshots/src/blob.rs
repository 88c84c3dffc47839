//! Content-addressed, gzip-compressed response bodies.
//!
//! A body with digest `abcd…` lives at `blobs/ab/abcd….gz`.

use std::io::{Read, Write};
use std::path::PathBuf;

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::atomic::{read_optional, write_atomic};
use crate::digest::Digest;
use crate::error::{Result, StoreError};
use crate::Store;

/// The fewest hexadecimal characters [`Store::find_body`] accepts as a digest prefix.
pub const MIN_DIGEST_PREFIX: usize = 6;

impl Store {
    /// Where the body with this digest is (or would be) stored.
    pub fn blob_path(&self, digest: &Digest) -> PathBuf {
        self.root
            .join(crate::BLOBS_DIR)
            .join(digest.shard())
            .join(format!("{digest}.gz"))
    }

    /// Stores `body` and returns its digest.
    ///
    /// Idempotent: when a valid blob with the same digest exists nothing is
    /// written. An existing blob that fails verification is replaced.
    pub fn put_body(&self, body: &[u8]) -> Result<Digest> {
        let digest = Digest::of(body);
        let path = self.blob_path(&digest);
        self.ensure_writable(&path)?;
        if path.is_file() && self.get_body(&digest).is_ok() {
            return Ok(digest);
        }
        let mut encoder = GzEncoder::new(
            Vec::with_capacity(body.len() / 3 + 64),
            Compression::default(),
        );
        let compressed = encoder
            .write_all(body)
            .and_then(|()| encoder.finish())
            .map_err(|e| StoreError::io(&path, e))?;
        write_atomic(&path, &compressed)?;
        Ok(digest)
    }

    /// Reads back a body, checking that its SHA-256 matches `digest`.
    ///
    /// A missing blob is an [`StoreError::Io`] (not found); undecodable or
    /// mismatching content is [`StoreError::Corrupt`].
    pub fn get_body(&self, digest: &Digest) -> Result<Vec<u8>> {
        let path = self.blob_path(digest);
        let compressed = read_optional(&path)?.ok_or_else(|| {
            StoreError::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such blob"),
            )
        })?;
        if compressed.is_empty() {
            return Err(StoreError::corrupt(&path, "empty file"));
        }
        let mut body = Vec::new();
        GzDecoder::new(compressed.as_slice())
            .read_to_end(&mut body)
            .map_err(|e| StoreError::corrupt(&path, format!("not a valid gzip stream: {e}")))?;
        let actual = Digest::of(&body);
        if &actual != digest {
            return Err(StoreError::corrupt(
                &path,
                format!("content hashes to {actual}, expected {digest}"),
            ));
        }
        Ok(body)
    }

    /// The digest of the one stored body whose digest starts with `prefix` (hexadecimal,
    /// at least [`MIN_DIGEST_PREFIX`] characters, either case), as reports shorten them.
    pub fn find_body(&self, prefix: &str) -> Result<Digest> {
        let prefix = prefix.trim().to_ascii_lowercase();
        if prefix.len() < MIN_DIGEST_PREFIX || prefix.len() > 64 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::InvalidName(format!(
                "{prefix:?} is not a digest or a digest prefix ({MIN_DIGEST_PREFIX} to 64 hexadecimal characters)"
            )));
        }
        let shard = self.root.join(crate::BLOBS_DIR).join(&prefix[..2]);
        let entries = match std::fs::read_dir(&shard) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::UnknownDigest { prefix, matches: 0 })
            }
            Err(e) => return Err(StoreError::io(&shard, e)),
        };
        let mut found: Vec<Digest> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io(&shard, e))?;
            let name = entry.file_name();
            let stem = name.to_string_lossy();
            let Some(hex) = stem.strip_suffix(".gz") else { continue };
            if hex.starts_with(&prefix) {
                if let Ok(d) = hex.parse::<Digest>() {
                    found.push(d);
                }
            }
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            n => Err(StoreError::UnknownDigest { prefix, matches: n }),
        }
    }

    /// True when a blob file for `digest` exists (its content is not verified).
    pub fn has_body(&self, digest: &Digest) -> bool {
        self.blob_path(digest).is_file()
    }
}
