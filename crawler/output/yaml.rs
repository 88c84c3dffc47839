//! The index's own YAML layout: a header mapping (`project` or `system`), `org`,
//! then one mapping per parameter with `class`, `link` and `notes`.

use crate::schema::Schema;
use crate::verdict::Verdict;
use std::collections::BTreeMap;

/// Descriptive metadata written in the header and `org` mappings.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Metadata {
    /// System / project name.
    pub name: String,
    /// Main link (the end model's page).
    pub link: String,
    /// Base model name(s).
    pub base: String,
    /// Tuning data name(s), as the model cards name them.
    pub tuning_data: String,
    /// End model licence.
    pub license: String,
    /// Organisation name.
    pub org: String,
    /// Organisation link.
    pub org_link: String,
}

/// Renders one model's verdict file.
pub fn render(schema: &Schema, meta: &Metadata, verdicts: &BTreeMap<String, Verdict>) -> String {
    let mut s = String::new();
    s.push_str("---\n");
    s.push_str("# Provisional verdicts proposed by openness from public evidence, for human review.\n");
    s.push_str("# Each verdict's evidence (URLs, snippets, snapshot digests) is in the JSON file beside this one.\n\n");
    s.push_str(&format!("{}:\n", schema.header));
    field(&mut s, "name", &meta.name);
    field(&mut s, "link", &meta.link);
    if schema.header == "system" {
        field(&mut s, "type", "text");
        field(&mut s, "basemodelname", &meta.base);
        field(&mut s, "endmodelname", &meta.name);
        field(&mut s, "endmodellicense", &meta.license);
        field(&mut s, "notes", "");
    } else {
        field(&mut s, "notes", "");
        field(&mut s, "llmbase", &meta.base);
        field(&mut s, "rlbase", &meta.tuning_data);
        field(&mut s, "license", &meta.license);
    }
    s.push_str("\norg:\n");
    field(&mut s, "name", &meta.org);
    field(&mut s, "link", &meta.org_link);
    field(&mut s, "notes", "");
    let mut group = String::new();
    for p in &schema.parameters {
        if p.group != group {
            group = p.group.clone();
            s.push_str(&format!("\n# {group}:\n"));
        } else {
            s.push('\n');
        }
        s.push_str(&format!("{}:\n", p.key));
        match verdicts.get(&p.key) {
            Some(v) => {
                field(&mut s, "class", v.class.as_str());
                match v.links.len() {
                    0 => field(&mut s, "link", ""),
                    1 => field(&mut s, "link", &v.links[0]),
                    _ => {
                        let items: Vec<String> = v.links.iter().take(4).map(|l| quote(l)).collect();
                        s.push_str(&format!("    link: [{}]\n", items.join(", ")));
                    }
                }
                field(&mut s, "notes", &v.notes);
            }
            None => {
                field(&mut s, "class", "");
                field(&mut s, "link", "");
                field(&mut s, "notes", "not judged");
            }
        }
    }
    s
}

fn field(s: &mut String, key: &str, value: &str) {
    if value.is_empty() {
        s.push_str(&format!("    {key}:\n"));
    } else {
        s.push_str(&format!("    {key}: {}\n", scalar(value)));
    }
}

/// A YAML scalar: plain when that is unambiguous, double-quoted otherwise.
pub fn scalar(v: &str) -> String {
    let plain_ok = !v.is_empty()
        && !v.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !v.ends_with([' ', ':'])
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.contains(['\n', '\r', '\t'])
        && !v.chars().any(|c| c.is_control() || LINE_BREAKS.contains(&c))
        && !matches!(v.to_lowercase().as_str(), "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n")
        && !looks_numeric(v);
    if plain_ok {
        v.to_string()
    } else {
        quote(v)
    }
}

/// Characters YAML reads as line breaks (next line, line and paragraph separators) or as a
/// byte-order mark: never plain, always escaped.
const LINE_BREAKS: [char; 4] = ['\u{85}', '\u{2028}', '\u{2029}', '\u{feff}'];

/// Whether a YAML reader could take `v` for a number: decimal, hexadecimal (`0x1A`), octal
/// (`0o17`), binary, infinities and NaN (`.inf`, `.NaN`), with any sign and `_` separators.
fn looks_numeric(v: &str) -> bool {
    let t = v.trim_start_matches(['+', '-']).replace('_', "");
    let lower = t.to_lowercase();
    v.parse::<f64>().is_ok()
        || matches!(lower.as_str(), ".inf" | ".nan")
        || [("0x", 16), ("0o", 8), ("0b", 2)].iter().any(|(p, radix)| lower.strip_prefix(p).is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_digit(*radix))))
        || (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') && t.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.'))
}

/// A double-quoted YAML string.
pub fn quote(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || LINE_BREAKS.contains(&c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::{Class, Confidence};

    #[test]
    fn renders_parseable_index_file() {
        let schema = Schema::load("faccT24").unwrap();
        let mut verdicts = BTreeMap::new();
        let v = Verdict::new(Class::Open, Confidence::High, "x", "Weights: \"quoted\" #1: yes\nsecond line").cite("https://huggingface.co/o/m", "s", None);
        verdicts.insert("rlweights".to_string(), v);
        let meta = Metadata { name: "M: the model".into(), link: "https://huggingface.co/o/m".into(), license: "true".into(), org: "o".into(), ..Default::default() };
        let text = render(&schema, &meta, &verdicts);
        let parsed: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).unwrap();
        assert_eq!(parsed["project"]["name"].as_str(), Some("M: the model"));
        assert_eq!(parsed["project"]["license"].as_str(), Some("true"));
        assert_eq!(parsed["rlweights"]["class"].as_str(), Some("open"));
        assert_eq!(parsed["rlweights"]["notes"].as_str(), Some("Weights: \"quoted\" #1: yes\nsecond line"));
        assert!(parsed["opencode"]["class"].is_null());
        for p in &schema.parameters {
            assert!(parsed.get(&p.key).is_some(), "{}", p.key);
        }
    }

    #[test]
    fn every_string_reads_back_as_the_same_string() {
        let tricky = [
            "evil\u{2028}licence", "a: b\u{2028} c", "x\u{2029}y", "x\u{85}y", "\u{feff}bom", "0x1A", "0o17", "0b101", ".inf", "-.Inf", ".NaN", "1_000",
            "1e3", "2024-01-01", "+12", "1.2.3", "apache-2.0", "Apache 2.0", "- item", "* star", "& anchor", "key: value", "a #comment", "trailing: ",
            "'single'", "\"double\"", "tab\there", "back\\slash", "NULL", "Yes", "~", "%TAG", "@at", "`tick`", "ok",
        ];
        for v in tricky {
            let text = format!("k: {}\n", scalar(v));
            let parsed: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{v:?} → {text:?}: {e}"));
            assert_eq!(parsed["k"].as_str(), Some(v), "{v:?} → {text:?}");
        }
        assert_eq!(scalar("apache-2.0"), "apache-2.0", "plain when that is safe");
    }
}
