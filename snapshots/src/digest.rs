//! SHA-256 digests of response bodies.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};

/// The SHA-256 of a body, as 64 lowercase hexadecimal characters.
///
/// Serialises as the bare hex string.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(String);

impl Digest {
    /// Hashes `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Digest(hex::encode(Sha256::digest(bytes)))
    }

    /// The lowercase hex form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 12 hex characters, as reports show a digest (see [`short_digest`]).
    pub fn short(&self) -> &str {
        short_digest(&self.0)
    }

    /// The first two hex characters, used to shard folders.
    pub(crate) fn shard(&self) -> &str {
        &self.0[..2]
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({})", self.0)
    }
}

impl AsRef<str> for Digest {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// The first 12 characters of a hexadecimal digest, as reports and tables show it: enough
/// to tell bodies apart, and a prefix [`Store::find_body`](crate::Store::find_body) accepts.
/// A shorter string is returned whole.
pub fn short_digest(hex: &str) -> &str {
    hex.get(..12).unwrap_or(hex)
}

/// A string that is not 64 hexadecimal characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid sha256 digest {0:?}: expected 64 hexadecimal characters")]
pub struct ParseDigestError(String);

impl FromStr for Digest {
    type Err = ParseDigestError;

    /// Accepts 64 hex characters of either case; stores them in lowercase.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(Digest(s.to_ascii_lowercase()))
        } else {
            let shown: String = s.chars().take(80).collect();
            Err(ParseDigestError(shown))
        }
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vector() {
        assert_eq!(
            Digest::of(b"abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn parse_validates_and_lowercases() {
        let upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        let d: Digest = upper.parse().unwrap();
        assert_eq!(d, Digest::of(b"abc"));
        assert!("abc".parse::<Digest>().is_err());
        assert!("g".repeat(64).parse::<Digest>().is_err());
        assert!("../".repeat(22)[..64].parse::<Digest>().is_err());
    }

    #[test]
    fn serde_is_a_bare_string() {
        let d = Digest::of(b"x");
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, format!("\"{d}\""));
        assert_eq!(serde_json::from_str::<Digest>(&json).unwrap(), d);
        assert!(serde_json::from_str::<Digest>("\"nothex\"").is_err());
    }
}
