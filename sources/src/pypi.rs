//! PyPI JSON API: `pypi/<name>/json`.

use crate::error::ParseError;
use crate::fact::Fact;
use serde::{Deserialize, Serialize};

/// What PyPI says about a project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PypiProject {
    /// Project name.
    pub name: String,
    /// Latest version.
    pub version: Option<String>,
    /// One-line summary.
    pub summary: Option<String>,
    /// Declared licence.
    pub license: Option<String>,
    /// Home page and project URLs.
    pub urls: Vec<String>,
    /// Released versions.
    pub releases: Vec<String>,
    /// Trove classifiers.
    pub classifiers: Vec<String>,
}

impl PypiProject {
    /// Parses a `pypi/<name>/json` answer.
    pub fn parse(body: &[u8]) -> Result<PypiProject, ParseError> {
        let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| ParseError::json("PyPI API", e))?;
        let info = v.get("info").filter(|i| i.is_object()).ok_or_else(|| ParseError::json("PyPI API", "no `info` object"))?;
        let s = |k: &str| info.get(k).and_then(|x| x.as_str()).filter(|x| !x.is_empty()).map(str::to_string);
        let mut urls: Vec<String> = s("home_page").into_iter().collect();
        if let Some(pu) = info.get("project_urls").and_then(|x| x.as_object()) {
            urls.extend(pu.values().filter_map(|x| x.as_str().map(str::to_string)));
        }
        Ok(PypiProject {
            name: s("name").ok_or_else(|| ParseError::json("PyPI API", "no `info.name`"))?,
            version: s("version"),
            summary: s("summary"),
            license: s("license"),
            urls,
            releases: v.get("releases").and_then(|r| r.as_object()).map(|r| r.keys().cloned().collect()).unwrap_or_default(),
            classifiers: info
                .get("classifiers")
                .and_then(|c| c.as_array())
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                .unwrap_or_default(),
        })
    }

    /// The facts this answer shows.
    pub fn facts(&self, url: &str) -> Vec<Fact> {
        vec![Fact::new(
            "pypi.release",
            format!("pypi:{}", self.name.to_lowercase()),
            self.version.clone().unwrap_or_else(|| "unknown".into()),
            url,
            format!("{} {} — {}", self.name, self.version.as_deref().unwrap_or("?"), self.summary.as_deref().unwrap_or("")),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_project() {
        let p = PypiProject::parse(br#"{"info":{"name":"pkg","version":"1.2","summary":"S","home_page":null,"project_urls":{"Homepage":"https://github.com/o/r"}},"releases":{"1.1":[],"1.2":[]}}"#).unwrap();
        assert_eq!(p.urls, vec!["https://github.com/o/r"]);
        assert_eq!(p.releases.len(), 2);
        assert!(PypiProject::parse(br#"{"message":"Not Found"}"#).is_err());
    }
}
