//! Schemas are data: a parameter list with names and the criterion judging each.
//! `faccT24` and `osai` are built in; any other schema is a TOML file of the same shape.

use crate::rules::Criterion;
use serde::Deserialize;
use std::path::Path;

/// One parameter of a schema.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Key in the output file.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Group (availability, documentation, access).
    pub group: String,
    /// The rule that judges it.
    pub criterion: Criterion,
}

/// A verdict file layout.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Schema name.
    pub name: String,
    /// Top-level metadata key: `project` (faccT24) or `system` (osai).
    pub header: String,
    /// Parameters in file order.
    pub parameters: Vec<Parameter>,
}

const BUILT_IN: &[(&str, &str)] = &[("faccT24", include_str!("../schemas/faccT24.toml")), ("osai", include_str!("../schemas/osai.toml"))];

impl Schema {
    /// A built-in schema by name (case-insensitive) or a schema file path.
    pub fn load(name_or_path: &str) -> anyhow::Result<Schema> {
        if let Some((_, text)) = BUILT_IN.iter().find(|(n, _)| n.eq_ignore_ascii_case(name_or_path)) {
            return Ok(toml::from_str(text)?);
        }
        let path = Path::new(name_or_path);
        if path.exists() {
            let text = std::fs::read_to_string(path)?;
            let s: Schema = toml::from_str(&text).map_err(|e| anyhow::anyhow!("schema file {}: {e}", path.display()))?;
            s.check().map_err(|e| anyhow::anyhow!("schema file {}: {e}", path.display()))?;
            return Ok(s);
        }
        anyhow::bail!("unknown schema `{name_or_path}`: use faccT24, osai or the path of a schema file")
    }

    /// Checks what the TOML shape cannot: at least one parameter, each key once, and no key
    /// that would clash with the header blocks (`project`, `system`, `org`).
    fn check(&self) -> anyhow::Result<()> {
        if self.parameters.is_empty() {
            anyhow::bail!("no parameters");
        }
        let mut seen = std::collections::HashSet::new();
        for p in &self.parameters {
            if matches!(p.key.as_str(), "project" | "system" | "org") || p.key == self.header {
                anyhow::bail!("parameter key `{}` is a header block's name", p.key);
            }
            if !seen.insert(p.key.as_str()) {
                anyhow::bail!("parameter key `{}` is given twice", p.key);
            }
        }
        Ok(())
    }

    /// Names of the built-in schemas.
    pub fn built_in() -> Vec<&'static str> {
        BUILT_IN.iter().map(|(n, _)| *n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_schemas_have_their_parameters() {
        let f = Schema::load("faccT24").unwrap();
        assert_eq!(f.parameters.len(), 14);
        assert_eq!(f.header, "project");
        let o = Schema::load("OSAI").unwrap();
        assert_eq!(o.parameters.len(), 12);
        assert_eq!(o.parameters.last().unwrap().key, "licenses");
        assert!(Schema::load("nope").is_err());
    }

    #[test]
    fn a_third_schema_is_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mini.toml");
        std::fs::write(&p, "name = \"mini\"\nheader = \"project\"\nparameters = [{ key = \"w\", name = \"Weights\", group = \"a\", criterion = \"end_weights\" }]\n").unwrap();
        let s = Schema::load(p.to_str().unwrap()).unwrap();
        assert_eq!(s.parameters[0].criterion, Criterion::EndWeights);
        // Mistakes in a schema file are errors, not silently odd outputs.
        let param = |key: &str, criterion: &str| format!("{{ key = \"{key}\", name = \"N\", group = \"a\", criterion = \"{criterion}\" }}");
        for (body, says) in [
            (format!("parameters = [{}, {}]", param("w", "end_weights"), param("w", "paper")), "twice"),
            (format!("parameters = [{}]", param("org", "end_weights")), "header"),
            ("parameters = []".to_string(), "no parameters"),
            (format!("colour = \"red\"\nparameters = [{}]", param("w", "end_weights")), "colour"),
        ] {
            std::fs::write(&p, format!("name = \"mini\"\nheader = \"project\"\n{body}\n")).unwrap();
            let e = format!("{:#}", Schema::load(p.to_str().unwrap()).unwrap_err());
            assert!(e.contains(says) && e.contains("mini.toml"), "{body}: {e}");
        }
    }
}
