//! GitHub REST API: `repos/<o>/<r>`, `/readme`, `/license`, `/git/trees/<branch>`.

use crate::error::ParseError;
use crate::fact::Fact;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// What `repos/<owner>/<repo>` says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GithubRepo {
    /// `owner/repo` as answered (after renames this is the new name).
    pub full_name: String,
    /// Public page.
    pub html_url: String,
    /// Repository description.
    pub description: Option<String>,
    /// Homepage field.
    pub homepage: Option<String>,
    /// Default branch.
    pub default_branch: String,
    /// Archived (read-only) repository.
    pub archived: bool,
    /// Fork of another repository.
    pub fork: bool,
    /// SPDX id GitHub detected (`NOASSERTION` for unrecognised licence files).
    pub license_spdx: Option<String>,
    /// GitHub's licence name.
    pub license_name: Option<String>,
    /// Topics.
    pub topics: Vec<String>,
}

impl GithubRepo {
    /// Parses a `repos/<o>/<r>` answer.
    pub fn parse(body: &[u8]) -> Result<GithubRepo, ParseError> {
        let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| ParseError::json("GitHub repository API", e))?;
        let full_name = v
            .get("full_name")
            .and_then(|x| x.as_str())
            .ok_or_else(|| ParseError::json("GitHub repository API", "no `full_name` field"))?
            .to_string();
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).filter(|x| !x.is_empty()).map(str::to_string);
        let lic = v.get("license").filter(|l| l.is_object());
        Ok(GithubRepo {
            html_url: s("html_url").unwrap_or_else(|| format!("https://github.com/{full_name}")),
            description: s("description"),
            homepage: s("homepage"),
            default_branch: s("default_branch").unwrap_or_else(|| "main".to_string()),
            archived: v.get("archived").and_then(|x| x.as_bool()).unwrap_or(false),
            fork: v.get("fork").and_then(|x| x.as_bool()).unwrap_or(false),
            license_spdx: lic.and_then(|l| l.get("spdx_id")).and_then(|x| x.as_str()).map(str::to_string),
            license_name: lic.and_then(|l| l.get("name")).and_then(|x| x.as_str()).map(str::to_string),
            topics: v
                .get("topics")
                .and_then(|t| t.as_array())
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                .unwrap_or_default(),
            full_name,
        })
    }

    /// The facts this answer shows.
    pub fn facts(&self, url: &str) -> Vec<Fact> {
        let subject = format!("github:{}", self.full_name.to_lowercase());
        let mut out = vec![Fact::new("github.exists", &subject, "public", url, format!("\"full_name\": \"{}\"", self.full_name))];
        let lic = self.license_spdx.clone().unwrap_or_else(|| "none".into());
        out.push(Fact::new("github.license", &subject, &lic, url, format!("\"spdx_id\": \"{lic}\"")));
        out.push(Fact::new("github.archived", &subject, self.archived.to_string(), url, format!("\"archived\": {}", self.archived)));
        out
    }
}

/// A file answered by `/readme` or `/license` (base64 content decoded).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GithubFile {
    /// File path in the repository.
    pub path: String,
    /// Decoded text.
    pub text: String,
    /// Page of the file on github.com.
    pub html_url: Option<String>,
    /// For `/license`: the SPDX id GitHub detected.
    pub license_spdx: Option<String>,
}

impl GithubFile {
    /// Parses a contents answer (`/readme`, `/license`, `/contents/<path>`).
    pub fn parse(body: &[u8]) -> Result<GithubFile, ParseError> {
        let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| ParseError::json("GitHub contents API", e))?;
        let content = v
            .get("content")
            .and_then(|x| x.as_str())
            .ok_or_else(|| ParseError::json("GitHub contents API", "no `content` field"))?;
        let encoding = v.get("encoding").and_then(|x| x.as_str()).unwrap_or("base64");
        // Files over 1 MB come back with encoding "none" and no content: not an empty file.
        let size = v.get("size").and_then(|x| x.as_u64()).unwrap_or(0);
        if encoding == "none" || (content.is_empty() && size > 0) {
            return Err(ParseError::Content { what: "GitHub file content", reason: format!("the contents API left out the text of this {size}-byte file (encoding {encoding:?}); it is too large to read this way") });
        }
        let text = if encoding == "base64" {
            let compact: String = content.chars().filter(|c| !c.is_whitespace()).collect();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(compact.as_bytes())
                .map_err(|e| ParseError::Content { what: "GitHub file content", reason: e.to_string() })?;
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            content.to_string()
        };
        Ok(GithubFile {
            path: v.get("path").or_else(|| v.get("name")).and_then(|x| x.as_str()).unwrap_or("").to_string(),
            html_url: v.get("html_url").and_then(|x| x.as_str()).map(str::to_string),
            license_spdx: v.get("license").and_then(|l| l.get("spdx_id")).and_then(|x| x.as_str()).map(str::to_string),
            text,
        })
    }
}

/// One entry of a recursive tree listing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeEntry {
    /// Path from the repository root.
    pub path: String,
    /// `blob`, `tree` or `commit` (submodule).
    pub kind: String,
    /// Size in bytes for blobs, when known.
    pub size: Option<u64>,
}

/// A recursive `git/trees/<branch>` listing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct GithubTree {
    /// Entries.
    pub entries: Vec<TreeEntry>,
    /// GitHub truncated the listing (very large repositories).
    pub truncated: bool,
}

impl GithubTree {
    /// Parses a `git/trees/<sha>?recursive=1` answer.
    pub fn parse(body: &[u8]) -> Result<GithubTree, ParseError> {
        let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| ParseError::json("GitHub tree API", e))?;
        let tree = v
            .get("tree")
            .and_then(|t| t.as_array())
            .ok_or_else(|| ParseError::json("GitHub tree API", "no `tree` array"))?;
        let entries = tree
            .iter()
            .filter_map(|e| {
                Some(TreeEntry {
                    path: e.get("path")?.as_str()?.to_string(),
                    kind: e.get("type").and_then(|x| x.as_str()).unwrap_or("blob").to_string(),
                    size: e.get("size").and_then(|x| x.as_u64()),
                })
            })
            .collect();
        Ok(GithubTree { entries, truncated: v.get("truncated").and_then(|x| x.as_bool()).unwrap_or(false) })
    }

    /// Blob paths.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().filter(|e| e.kind == "blob").map(|e| e.path.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_repo_readme_tree() {
        let r = GithubRepo::parse(br#"{"full_name":"o/r","default_branch":"master","archived":true,"license":{"spdx_id":"NOASSERTION","name":"Other"}}"#).unwrap();
        assert_eq!(r.default_branch, "master");
        assert!(r.archived);
        assert_eq!(r.license_spdx.as_deref(), Some("NOASSERTION"));
        let f = GithubFile::parse(br#"{"path":"README.md","encoding":"base64","content":"IyBUaXRs\nZQo="}"#).unwrap();
        assert_eq!(f.text, "# Title\n");
        let t = GithubTree::parse(br#"{"sha":"x","truncated":false,"tree":[{"path":"train","type":"tree"},{"path":"train/run.py","type":"blob","size":10}]}"#).unwrap();
        assert_eq!(t.files().collect::<Vec<_>>(), vec!["train/run.py"]);
    }

    #[test]
    fn rejects_malformed() {
        assert!(GithubRepo::parse(br#"{"message":"Not Found"}"#).is_err());
        assert!(GithubFile::parse(br#"{"content":"@@@"}"#).is_err());
        assert!(GithubTree::parse(b"<html>").is_err());
    }

    #[test]
    fn a_file_too_large_for_the_contents_api_is_an_error_not_an_empty_text() {
        let err = GithubFile::parse(br#"{"path":"README.md","encoding":"none","content":"","size":5000000}"#).unwrap_err();
        assert!(err.to_string().contains("5000000-byte"), "{err}");
        assert!(GithubFile::parse(br#"{"path":"README.md","encoding":"base64","content":"","size":12}"#).is_err());
        // A file that is empty is an empty text.
        assert_eq!(GithubFile::parse(br#"{"path":"README.md","encoding":"base64","content":"","size":0}"#).unwrap().text, "");
    }
}
