//! BibTeX entries quoted in model cards and READMEs (`@inproceedings{…, booktitle = {…}}`).
//!
//! A card's citation block says where its paper appeared. An `@inproceedings` with a
//! conference as its `booktitle`, or an `@article` with a journal, is a peer-review signal
//! that arXiv's metadata often lacks; `@misc`, arXiv "journals" and "GitHub repository"
//! are not.
//!
//! ```
//! use openness_sources::bibtex;
//! let card = "## Citation\n```bibtex\n@inproceedings{w24,\n  title={Widget: An Open Model},\n  booktitle={Proceedings of ACL 2024},\n  eprint={2401.01234},\n}\n```";
//! let e = &bibtex::entries(card)[0];
//! assert_eq!(e.peer_reviewed_venue(), Some("Proceedings of ACL 2024"));
//! assert_eq!(e.arxiv_id.as_deref(), Some("2401.01234"));
//! ```

use regex::Regex;
use std::sync::OnceLock;

/// The most entries read from one document, and the most characters of one entry: a
/// citation block is short, and a document is untrusted.
const MAX_ENTRIES: usize = 64;
const MAX_ENTRY_CHARS: usize = 8_000;

/// One BibTeX entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BibEntry {
    /// Entry type, lower case (`inproceedings`, `article`, `misc`).
    pub kind: String,
    /// `title`, braces removed and whitespace collapsed.
    pub title: Option<String>,
    /// `booktitle` for proceedings, `journal` for articles.
    pub venue: Option<String>,
    /// arXiv id from `eprint`, or from an arXiv URL or "arXiv:…" in `journal`, `url` or `note`.
    pub arxiv_id: Option<String>,
    /// The entry as written (at most 8 000 characters), for evidence snippets.
    pub raw: String,
}

/// Venue wording that names no peer review (whole words): preprint servers, code hosts,
/// reports, work not yet accepted.
const NOT_REVIEWED: &str = r"(?i)\b(arxiv|preprints?|corr|biorxiv|medrxiv|ssrn|zenodo|github|repository|hugging ?face|blog|technical report|tech\.? rep(ort)?|website|submitted|under review|in preparation|to be published|openreview)\b";

impl BibEntry {
    /// The venue, when the entry says the work appeared at a peer-reviewed one: a
    /// conference paper (`inproceedings`, `conference`, `incollection`) or a journal article
    /// whose venue is not a preprint server, code host or report.
    pub fn peer_reviewed_venue(&self) -> Option<&str> {
        if !matches!(self.kind.as_str(), "inproceedings" | "conference" | "incollection" | "article") {
            return None;
        }
        static NOT: OnceLock<Regex> = OnceLock::new();
        let not_reviewed = NOT.get_or_init(|| Regex::new(NOT_REVIEWED).expect("valid regex"));
        let venue = self.venue.as_deref()?;
        let reviewed = venue.chars().any(char::is_alphabetic) && !not_reviewed.is_match(venue);
        reviewed.then_some(venue)
    }
}

/// Whether two titles are the same but for case, punctuation, braces and spacing (a BibTeX
/// title against an arXiv title).
pub fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.replace(['{', '}'], "").to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// Every BibTeX entry in `text` (at most 64), in order. Unbalanced or cut-off entries are
/// read as far as they go; `@` signs that start no entry are skipped.
pub fn entries(text: &str) -> Vec<BibEntry> {
    static START: OnceLock<Regex> = OnceLock::new();
    let start = START.get_or_init(|| Regex::new(r"@([A-Za-z]+)\s*\{").expect("valid regex"));
    let mut out = Vec::new();
    let mut from = 0;
    while out.len() < MAX_ENTRIES {
        let Some(c) = start.captures_at(text, from) else { break };
        let whole = c.get(0).expect("match");
        let body_start = whole.end();
        let body = balanced(&text[body_start..]);
        from = body_start + body.len();
        if text[from..].starts_with('}') {
            from += 1;
        }
        let kind = c[1].to_lowercase();
        if matches!(kind.as_str(), "comment" | "string" | "preamble") {
            continue;
        }
        let fields = fields(body);
        let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
        let venue = if kind == "article" { field("journal") } else { field("booktitle").or_else(|| field("journal")) };
        let arxiv_id = field("eprint")
            .and_then(|e| arxiv_id_in(&e))
            .or_else(|| ["journal", "url", "note", "howpublished"].iter().find_map(|f| field(f).and_then(|v| arxiv_id_in(&v))));
        let raw: String = text[whole.start()..from].chars().take(MAX_ENTRY_CHARS).collect();
        out.push(BibEntry { kind, title: field("title"), venue, arxiv_id, raw });
    }
    out
}

/// The text up to the brace that closes an entry opened just before `s` (all of `s`, at
/// most [`MAX_ENTRY_CHARS`] characters, when none does). A line that starts a new entry
/// ends one that was never closed.
fn balanced(s: &str) -> &str {
    let mut depth = 1usize;
    let mut line_start = false;
    for (n, (i, ch)) in s.char_indices().enumerate() {
        if n >= MAX_ENTRY_CHARS {
            return &s[..i];
        }
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &s[..i];
                }
            }
            '@' if line_start && s[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic()) => return &s[..i],
            _ => {}
        }
        line_start = ch == '\n' || (line_start && ch.is_whitespace());
    }
    s
}

/// `name = value` pairs of an entry body (after the citation key), names lower case and
/// values cleaned: braces and quotes removed, whitespace collapsed.
fn fields(body: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Skip the citation key.
    let Some(comma) = body.find(',') else { return out };
    let mut rest = &body[comma + 1..];
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().trim_start_matches(',').trim().to_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (value, used) = value(after);
        let consumed = rest.len() - after.len() + used;
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            out.push((name, clean(value)));
        }
        rest = rest[consumed..].trim_start().trim_start_matches(',');
    }
    out
}

/// The raw value at the start of `s` and the bytes it takes.
fn value(s: &str) -> (&str, usize) {
    match s.chars().next() {
        Some('{') => {
            let mut depth = 0usize;
            for (i, ch) in s.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return (&s[1..i], i + 1);
                        }
                    }
                    _ => {}
                }
            }
            (&s[1..], s.len())
        }
        Some('"') => match s[1..].find('"') {
            Some(end) => (&s[1..end + 1], end + 2),
            None => (&s[1..], s.len()),
        },
        _ => {
            let end = s.find([',', '\n']).unwrap_or(s.len());
            (&s[..end], end)
        }
    }
}

fn clean(v: &str) -> String {
    v.replace(['{', '}', '"'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn arxiv_id_in(s: &str) -> Option<String> {
    static ID: OnceLock<Regex> = OnceLock::new();
    let id = ID.get_or_init(|| Regex::new(r"(?i)(?:^|arxiv[:./\s]|abs/|pdf/)\s*(\d{4}\.\d{4,5})(?:v\d+)?\b").expect("valid regex"));
    id.captures(s.trim()).map(|c| c[1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_of_each_kind() {
        let text = r#"
## Citation
```
@inproceedings{muennighoff2023,
    title = "Crosslingual Generalization through {M}ultitask Finetuning",
    booktitle = "Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics",
    year = 2023,
    url = "https://arxiv.org/abs/2211.01786",
}
@article{touvron2023llama,
  title={LLaMA: Open and Efficient Foundation Language Models},
  journal={arXiv preprint arXiv:2302.13971},
  year={2023}
}
@misc{alpaca,
  author = {Taori and others},
  title = {Stanford Alpaca},
  journal = {GitHub repository},
}
```"#;
        let e = entries(text);
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].kind, "inproceedings");
        assert_eq!(e[0].title.as_deref(), Some("Crosslingual Generalization through Multitask Finetuning"));
        assert_eq!(e[0].arxiv_id.as_deref(), Some("2211.01786"));
        assert_eq!(e[0].peer_reviewed_venue(), Some("Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics"));
        assert!(e[0].raw.starts_with("@inproceedings{muennighoff2023") && e[0].raw.ends_with('}'));
        // An arXiv "journal" is a preprint; a misc entry is no venue.
        assert_eq!(e[1].arxiv_id.as_deref(), Some("2302.13971"));
        assert_eq!(e[1].peer_reviewed_venue(), None);
        assert_eq!(e[2].peer_reviewed_venue(), None);
    }

    #[test]
    fn titles_match_across_spellings() {
        assert!(same_title("Wizard{LM}: Empowering  Models", "WizardLM: empowering models"));
        assert!(!same_title("WizardLM: Empowering Models", "WizardLM: Empowering Large Models"));
        assert!(!same_title("", ""));
    }

    #[test]
    fn journals_and_non_venues() {
        let one = |s: &str| entries(s).into_iter().next().expect("one entry");
        assert_eq!(one("@article{a, title={T}, journal={Transactions on Machine Learning Research}}").peer_reviewed_venue(), Some("Transactions on Machine Learning Research"));
        for venue in ["CoRR", "Submitted to ICLR 2025", "Technical report", "bioRxiv", "OpenReview", "ArXiv", "Tech. Rep.", "HuggingFace"] {
            assert_eq!(one(&format!("@inproceedings{{a, booktitle={{{venue}}}}}")).peer_reviewed_venue(), None, "{venue}");
        }
        assert_eq!(one("@techreport{a, title={T}, institution={Lab}}").peer_reviewed_venue(), None);
        // Words that only contain an excluded one do not exclude ("Correspondence", "Online").
        let venue = "Proceedings of the Workshop on Correspondence Analysis (Online)";
        assert_eq!(one(&format!("@inproceedings{{a, booktitle={{{venue}}}}}")).peer_reviewed_venue(), Some(venue));
        assert_eq!(one("@article{a, title={T}, journal={Preprint}}").peer_reviewed_venue(), None);
        assert_eq!(one("@article{a, eprint={2402.00838v2}, archivePrefix={arXiv}}").arxiv_id.as_deref(), Some("2402.00838"));
    }

    #[test]
    fn survives_broken_input() {
        // Cut off inside a value, and an entry never closed before the next one.
        let e = entries("@inproceedings{a, title={Open\n@article{b, title={B}, journal={Nature}}");
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].peer_reviewed_venue(), Some("Nature"));
        assert!(entries("@{ = = , }}} @ @@").is_empty());
        assert!(entries("email me @ home {x}").is_empty());
        let huge = format!("@article{{a, title={{{}", "x".repeat(100_000));
        assert!(entries(&huge)[0].raw.chars().count() <= MAX_ENTRY_CHARS);
        let many = "@misc{a, title={t}}\n".repeat(1000);
        assert_eq!(entries(&many).len(), MAX_ENTRIES);
    }

    #[test]
    fn never_panics_on_shuffled_syntax() {
        // Every mix of BibTeX's syntax pieces (and multi-byte text) parses without panicking.
        const PIECES: [&str; 12] = ["@article{", "@x{", "{", "}", "=", ",", "\"", "\n", "title", "é", " ", "2401.01234"];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            for e in entries(&text) {
                assert!(text.contains(&e.raw), "{text:?}");
                let _ = e.peer_reviewed_venue();
            }
        }
    }
}
