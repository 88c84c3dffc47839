//! Markdown documents: Hugging Face model and dataset cards, GitHub READMEs, model-card files.
//!
//! A card is YAML front matter (optional, possibly invalid) followed by Markdown.
//! The parser keeps the front matter as JSON, the headed sections with their sizes,
//! and the links, so that rules can ask "which standard sections does this card cover".

use serde::{Deserialize, Serialize};

/// Words of a heading over an evaluation section ("Evaluation", "Results", "Benchmarks",
/// "Leaderboard", "Data contamination"): datasets named or tabled there are benchmarks, not
/// training data.
pub const EVALUATION_HEADING_WORDS: &[&str] = &["eval", "benchmark", "result", "performance", "leaderboard", "contamination"];

/// One headed section of a Markdown document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Heading level (1 for `#`).
    pub level: u8,
    /// Heading text, Markdown emphasis removed.
    pub title: String,
    /// Words in the section body up to the next heading of any level.
    pub words: usize,
    /// The section body (up to the next heading).
    pub text: String,
}

/// A parsed Markdown card.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// Front matter converted to JSON, when present and valid YAML mapping.
    pub front_matter: Option<serde_json::Value>,
    /// Why the front matter could not be read, when a block was present but invalid.
    pub front_matter_error: Option<String>,
    /// The Markdown body after the front matter.
    pub body: String,
    /// Headed sections in order.
    pub sections: Vec<Section>,
    /// Words in the body, code blocks excluded.
    pub words: usize,
}

impl Card {
    /// Parses a card; never fails (an invalid front matter is recorded, not fatal).
    pub fn parse(text: &str) -> Card {
        let text = text.trim_start_matches('\u{feff}');
        let (front, body) = split_front_matter(text);
        let (front_matter, front_matter_error) = match front {
            None => (None, None),
            Some(yaml) => match serde_yaml_ng::from_str::<serde_json::Value>(yaml) {
                Ok(v @ serde_json::Value::Object(_)) => (Some(v), None),
                Ok(serde_json::Value::Null) => (None, None),
                Ok(_) => (None, Some("front matter is not a mapping".to_string())),
                Err(e) => match front_matter_by_key(yaml) {
                    // One value JSON cannot hold (a huge integer) or one broken entry: the
                    // entries that parse (the licence among them) are still read.
                    Some((v, skipped)) if skipped.is_empty() => (Some(v), Some(format!("front matter is not valid YAML as a whole ({e}); read entry by entry"))),
                    Some((v, skipped)) => (Some(v), Some(format!("front matter is not valid YAML as a whole ({e}); read entry by entry, leaving out: {}", skipped.join(", ")))),
                    None => (None, Some(format!("front matter is not valid YAML: {e}"))),
                },
            },
        };
        let prose = strip_code_blocks(body);
        Card {
            front_matter,
            front_matter_error,
            body: body.to_string(),
            sections: sections(&prose),
            words: crate::text::word_count(&prose),
        }
    }

    /// A front-matter value rendered as a string (strings as is, lists joined by ", ").
    pub fn front_matter_str(&self, key: &str) -> Option<String> {
        let v = self.front_matter.as_ref()?.get(key)?;
        value_to_string(v)
    }

    /// A front-matter value as a list of strings (a single string becomes one item).
    pub fn front_matter_list(&self, key: &str) -> Vec<String> {
        match self.front_matter.as_ref().and_then(|f| f.get(key)) {
            Some(serde_json::Value::Array(a)) => a.iter().filter_map(value_to_string).collect(),
            Some(v) => value_to_string(v).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// Whether some section title contains one of `keywords` (case-insensitive) and has text.
    pub fn has_section(&self, keywords: &[&str]) -> bool {
        self.section(keywords).is_some()
    }

    /// The first section whose title contains one of `keywords` (case-insensitive)
    /// and whose body or subsections hold some words.
    pub fn section(&self, keywords: &[&str]) -> Option<&Section> {
        self.section_titled(|title| keywords.iter().any(|k| title.contains(k)))
    }

    /// The first section whose lower-cased title satisfies `wanted` and whose body or
    /// subsections hold some words.
    pub fn section_titled(&self, wanted: impl Fn(&str) -> bool) -> Option<&Section> {
        self.section_within(|title, _| wanted(title))
    }

    /// Like [`Card::section_titled`], with `wanted` also given the lower-cased titles of the
    /// headings the section sits under (nearest first), so that a "Fine-tuning" heading under
    /// "Usage" can be told from one that describes how the model was made.
    pub fn section_within(&self, wanted: impl Fn(&str, &[String]) -> bool) -> Option<&Section> {
        self.section_where(wanted, |_| true)
    }

    /// Like [`Card::section_within`], counting only the subsections whose lower-cased title
    /// satisfies `counts` as the section's own text ("Training Details" whose only text is a
    /// "Training Data" subsection says nothing of the procedure).
    pub fn section_where(&self, wanted: impl Fn(&str, &[String]) -> bool, counts: impl Fn(&str) -> bool) -> Option<&Section> {
        let parents = self.parents();
        self.sections.iter().enumerate().find_map(|(i, s)| {
            if !wanted(&s.title.to_lowercase(), &self.enclosing_titles(&parents, i)) {
                return None;
            }
            let sub_words: usize = self.sections[i + 1..]
                .iter()
                .take_while(|n| n.level > s.level)
                .filter(|n| counts(&n.title.to_lowercase()))
                .map(|n| n.words + 1)
                .sum();
            (s.words + sub_words >= 3).then_some(s)
        })
    }

    /// For each section, the index of the nearest earlier section of a higher level (the
    /// heading it sits under), in one pass.
    fn parents(&self) -> Vec<Option<usize>> {
        let mut open: Vec<usize> = Vec::new();
        self.sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                while open.last().is_some_and(|&j| self.sections[j].level >= s.level) {
                    open.pop();
                }
                let parent = open.last().copied();
                open.push(i);
                parent
            })
            .collect()
    }

    /// Lower-cased titles of the headings that enclose section `i`, nearest first.
    fn enclosing_titles(&self, parents: &[Option<usize>], i: usize) -> Vec<String> {
        std::iter::successors(parents[i], |&j| parents[j]).map(|j| self.sections[j].title.to_lowercase()).collect()
    }
}

/// A YAML mapping read one top-level entry at a time (an entry: a line that starts in the
/// first column and the indented or list lines under it): the entries that parse and convert
/// to JSON, and the keys of those that do not. `None` when no entry parses.
fn front_matter_by_key(yaml: &str) -> Option<(serde_json::Value, Vec<String>)> {
    let mut entries: Vec<String> = Vec::new();
    for line in yaml.lines() {
        let starts_entry = line.starts_with(|c: char| !c.is_whitespace() && c != '-' && c != '#');
        match entries.last_mut() {
            Some(entry) if !starts_entry => {
                entry.push('\n');
                entry.push_str(line);
            }
            _ => entries.push(line.to_string()),
        }
    }
    let mut out = serde_json::Map::new();
    let mut skipped = Vec::new();
    for entry in &entries {
        match serde_yaml_ng::from_str::<serde_json::Value>(entry) {
            Ok(serde_json::Value::Object(m)) => out.extend(m),
            Ok(_) => {}
            Err(_) => skipped.push(entry.split(':').next().unwrap_or("").trim().to_string()),
        }
    }
    (!out.is_empty()).then_some((serde_json::Value::Object(out), skipped))
}

fn value_to_string(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(value_to_string).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

/// Splits `---\nYAML\n---\nbody`. Returns (front matter, body).
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let rest = match text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) {
        Some(r) => r,
        None => return (None, text),
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return (Some(yaml), body);
        }
        offset += line.len();
    }
    // Unterminated front matter: treat the whole text as body.
    (None, text)
}

/// A base model that a card names in prose, without a Hub id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedBase {
    /// The name as written ("Pythia 7B", "LLaMA-2").
    pub name: String,
    /// Whose base the card says it is, when it says so ("EleutherAI" in "EleutherAI's Pythia 7B").
    pub owner: Option<String>,
    /// The sentence that names it.
    pub sentence: String,
}

impl NamedBase {
    /// Whether the card gives `org` (a Hub organisation) as the base's owner: `None` when it
    /// names no owner. Names compare without case or punctuation, either containing the
    /// other ("Meta" owns meta-llama/…), the shorter of at least three characters.
    pub fn owned_by(&self, org: &str) -> Option<bool> {
        let squash = crate::text::squash;
        let (owner, org) = (squash(self.owner.as_deref()?), squash(org));
        Some(owner.len().min(org.len()) >= 3 && (org.contains(&owner) || owner.contains(&org)))
    }
}

/// The base model a card names as the one it was fine-tuned from, with the sentence that
/// names it: the model-card template's "Finetuned from model:" / "Base model:" /
/// "Backbone model:" lines, "a fine-tuned version of X", "a fine-tune of X", "fine-tuned
/// from X", "trained on top of X", "we fine-tune X", "is a X model fine-tuned on …". What a
/// model is "based on", without a link to it, is not read as its base (cards say "based on
/// the transformer architecture").
pub fn named_base(text: &str) -> Option<NamedBase> {
    static PATTERNS: std::sync::OnceLock<Vec<regex::Regex>> = std::sync::OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        // An owner's possessive ("EleutherAI's Pythia 7B") is not part of the name.
        const NAME: &str = r"\[?`?(?:(?P<owner>[A-Za-z][\w.\-]*)['’]s\s+)?([A-Za-z][\w.\-/]*(?:\s\d[\w.]*)?)";
        // A name with a version or size in it ("Gizmo-2 13b", "Gizmo 7B").
        const VERSIONED_NAME: &str = r"\[?`?(?:(?P<owner>[A-Za-z][\w.\-]*)['’]s\s+)?([A-Za-z][\w.\-/]*\d[\w.\-/]*(?:\s\d[\w.]*)?|[A-Za-z][\w.\-/]*\s\d[\w.]*)";
        [
            format!(r"(?i)(?:\bfine-?tuned\s+from(?:\s+model)?|\bbase\s+model|\bbackbone(?:\s+model)?)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*{NAME}"),
            format!(r"(?i)(?:\b(?:fine-?tuned|instruction-tuned)\s+(?:version\s+of|from|on\s+top\s+of)|\btrained\s+on\s+top\s+of)\s+(?:the\s+)?{NAME}"),
            format!(r"(?i)\bfine[- ]?tune\s+of\s+(?:the\s+)?{NAME}"),
            format!(r"(?i)\bwe\s+(?:fine-?tune|instruction-tune)\s+{NAME}"),
            format!(r"(?i)\bis\s+an?\s+{NAME}\]?`?(?:\s+[\w.-]+)?\s+model\s+(?:fine-?tuned|instruction-tuned)\b"),
            // "built upon the Llama2 base models" (a model built on an architecture is not).
            format!(r"(?i)\bbuilt[- ]?(?:up)?on(?:\s+on)?(?:\s+top\s+of)?\s+(?:the\s+)?{NAME}\]?`?\s+(?:base\s+)?models?\b"),
            // "based on X and finetuned with …": based on a model, since it was tuned.
            format!(r"(?i)\bbased\s+on\s+(?:the\s+)?{NAME}\]?`?(?:\s+model)?,?\s+(?:and|then)\s+(?:further\s+)?(?:fine-?tuned|finetuned|instruction-tuned)\b"),
            // "trained from **Llama-2 13b**": a name with a version or size ("trained from
            // scratch", "from Wikipedia" name no model).
            format!(r"(?i)\btrained\s+from\s+(?:the\s+)?(?:\*\*|__)?{VERSIONED_NAME}"),
            // "the weights diff against the base LLaMA", "delta weights to Gizmo-13B".
            format!(r"(?i)\bweights?\s+(?:diff|delta)s?\s+(?:against|to|from|relative\s+to)\s+(?:the\s+)?(?:base\s+(?:model\s+)?)?{NAME}"),
            // A line that opens with the name and a size: "Llama 2 70b fine tune using …".
            format!(r"(?im)^[\s>*#-]*{NAME}\]?`?\s+\d+(?:\.\d+)?[bm]\s+fine[- ]?tune\b"),
        ]
        .iter()
        .map(|re| regex::Regex::new(re).expect("valid regex"))
        .collect()
    });
    let prose = strip_code_blocks(text);
    // Articles, pronouns and what unfilled templates say ("More Information Needed", "N/A").
    let stop = ["the", "a", "an", "our", "this", "its", "their", "model", "base", "pretrained", "pre-trained", "version", "it", "more", "none", "n/a", "na", "unknown", "tbd", "todo", "see", "same", "transformer", "transformers", "we", "you", "they", "users", "i"];
    patterns.iter().flat_map(|re| re.captures_iter(&prose).collect::<Vec<_>>()).find_map(|c| {
        let name = c.get(2)?.as_str().trim_end_matches(['.', ',', '-', '/']).to_string();
        let looks_like_a_name = name.chars().any(|ch| ch.is_uppercase() || ch.is_ascii_digit()) && name.len() >= 2;
        if !looks_like_a_name || stop.contains(&name.to_lowercase().as_str()) {
            return None;
        }
        let whole = c.get(0)?;
        // "fine-tuned from GPT-4 generated data" names a data source, not a base.
        let after: String = prose[whole.end()..].trim_start_matches([']', '`', ' ', '-']).chars().take(20).collect::<String>().to_lowercase();
        if ["generated", "outputs", "output", "data", "responses", "answers", "distilled"].iter().any(|w| after.starts_with(w)) {
            return None;
        }
        let owner = c.name("owner").map(|o| o.as_str().to_string()).filter(|o| !stop.contains(&o.to_lowercase().as_str()));
        Some(NamedBase { name, owner, sentence: crate::text::around(&prose, whole.start(), whole.len()) })
    })
}

/// A table of a Markdown document (a pipe table or an HTML one): its header cells and its
/// body rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Header cells, trimmed.
    pub header: Vec<String>,
    /// Body rows, each a list of cells, trimmed, as written (links included).
    pub rows: Vec<Vec<String>>,
}

/// The tables in Markdown `text`: pipe tables, then HTML tables (`<table>`, which cards also
/// use), whose first row is the header.
pub fn tables(text: &str) -> Vec<Table> {
    let mut out = pipe_tables(text);
    out.extend(html_tables(text));
    out
}

/// Pipe tables: a header line, a delimiter line (`|---|:--:|`) and the rows after it, up to
/// the first line that is not a row. Lines that look like rows without a delimiter line under
/// the first are not a table.
fn pipe_tables(text: &str) -> Vec<Table> {
    let is_row = |l: &str| l.trim_start().starts_with('|');
    let cells = |l: &str| -> Vec<String> {
        let t = l.trim();
        let t = t.strip_prefix('|').unwrap_or(t);
        let t = t.strip_suffix('|').unwrap_or(t);
        t.split('|').map(|c| c.trim().to_string()).collect()
    };
    let is_delimiter = |l: &str| is_row(l) && l.contains('-') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        if !(is_row(lines[i]) && is_delimiter(lines[i + 1])) {
            i += 1;
            continue;
        }
        let header = cells(lines[i]);
        let mut rows = Vec::new();
        i += 2;
        while i < lines.len() && is_row(lines[i]) {
            rows.push(cells(lines[i]));
            i += 1;
        }
        out.push(Table { header, rows });
    }
    out
}

/// HTML tables: each `<tr>` a row of its `<th>`/`<td>` cells' text; a cell with a link is
/// written as a Markdown link (`[text](href)`), as in pipe tables.
fn html_tables(text: &str) -> Vec<Table> {
    use scraper::{Html, Selector};
    let (Ok(tr), Ok(cell), Ok(link)) = (Selector::parse("tr"), Selector::parse("th, td"), Selector::parse("a[href]")) else { return Vec::new() };
    let mut out = Vec::new();
    // (A block nested too deeply for html5ever, see `html::too_deep`, is left out.)
    for block in table_blocks(text).into_iter().filter(|b| !crate::html::too_deep(b)) {
        let html = Html::parse_fragment(block);
        // Rows of this table only, and each row's own cells: a table nested in a cell is
        // part of that cell's text (walking nested rows again costs cubic time on hostile input).
        // (The walk up stops at the second enclosing table, a few levels up.)
        let own_row = |row: &scraper::ElementRef| row.ancestors().filter_map(scraper::ElementRef::wrap).filter(|a| a.value().name() == "table").nth(1).is_none();
        let mut rows = html.select(&tr).filter(own_row).map(|row| {
            row.children()
                .filter_map(scraper::ElementRef::wrap)
                .filter(|c| cell.matches(c))
                .map(|c| {
                    let words = c.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
                    match c.select(&link).next().and_then(|a| a.value().attr("href")) {
                        Some(href) => format!("[{words}]({href})"),
                        None => words,
                    }
                })
                .collect::<Vec<String>>()
        });
        let Some(header) = rows.next() else { continue };
        out.push(Table { header, rows: rows.collect() });
    }
    out
}

/// The outermost `<table>…</table>` blocks of `text`, nested tables inside them (an unclosed
/// table runs to the end of the text).
fn table_blocks(text: &str) -> Vec<&str> {
    static TAG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let tag = TAG.get_or_init(|| regex::Regex::new(r"(?i)<(/?)table\b[^>]*>").expect("valid regex"));
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for c in tag.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if c[1].is_empty() {
            if depth == 0 {
                start = m.start();
            }
            depth += 1;
        } else if depth > 0 {
            depth -= 1;
            if depth == 0 {
                blocks.push(&text[start..m.end()]);
            }
        }
    }
    if depth > 0 {
        blocks.push(&text[start..]);
    }
    blocks
}

/// Removes fenced code blocks (``` or ~~~) so that code does not count as prose.
pub fn strip_code_blocks(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut fence: Option<&str> = None;
    for line in md.lines() {
        let t = line.trim_start();
        match fence {
            Some(f) => {
                if t.starts_with(f) {
                    fence = None;
                }
            }
            None => {
                if t.starts_with("```") {
                    fence = Some("```");
                } else if t.starts_with("~~~") {
                    fence = Some("~~~");
                } else {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn heading(line: &str) -> Option<(u8, String)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let hashes = t.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
        let title = t[hashes..].trim().trim_end_matches('#').trim();
        return Some((hashes as u8, clean_title(title)));
    }
    if let Some(title) = bold_heading(t) {
        return Some((BOLD_HEADING_LEVEL, clean_title(title)));
    }
    // HTML headings used by some cards: <h2>Title</h2>
    // (Positions are found in `t` itself: lower-casing can change a line's byte length.)
    let bytes = t.as_bytes();
    if bytes.len() > 4 && bytes[0] == b'<' && bytes[1].eq_ignore_ascii_case(&b'h') && bytes[2].is_ascii_digit() {
        let level = bytes[2] - b'0';
        let close = bytes.windows(3).position(|w| w[0] == b'<' && w[1] == b'/' && w[2].eq_ignore_ascii_case(&b'h'));
        if let (Some(open_end), Some(close)) = (t.find('>'), close) {
            if open_end < close && (1..=6).contains(&level) {
                return Some((level, clean_title(&t[open_end + 1..close])));
            }
        }
    }
    None
}

/// Level of a bold line used as a heading: below every Markdown heading, so it is a
/// subsection of the section it sits in.
const BOLD_HEADING_LEVEL: u8 = 7;

/// A line that is bold and nothing else — "**Training Data**", "**Uses:**", "__Limitations__:"
/// — is a heading in many cards: a short title, not a sentence (no closing full stop).
fn bold_heading(line: &str) -> Option<&str> {
    let t = line.trim_end();
    let inner = ["**", "__"].iter().find_map(|m| {
        let rest = t.strip_prefix(m)?;
        let rest = rest.strip_suffix(':').unwrap_or(rest);
        let rest = rest.strip_suffix(m)?;
        Some(rest.strip_suffix(':').unwrap_or(rest).trim())
    })?;
    let is_title = !inner.is_empty()
        && !inner.contains("**")
        && !inner.contains("__")
        && inner.chars().next().is_some_and(char::is_alphanumeric)
        && !inner.ends_with(['.', '!', '?', ','])
        && inner.split_whitespace().count() <= 6;
    is_title.then_some(inner)
}

fn clean_title(t: &str) -> String {
    let s = t.replace(['*', '`'], "");
    // [text](link) → text, in one pass.
    static LINK: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let link = LINK.get_or_init(|| regex::Regex::new(r"\[([^\[\]]*)\]\([^)]*\)").expect("valid regex"));
    link.replace_all(&s, "$1").trim().to_string()
}

fn sections(prose: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut current: Option<Section> = None;
    let lines: Vec<&str> = prose.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        // Setext headings: "Title\n=====" or "Title\n-----"
        let setext = lines.get(i + 1).and_then(|next| {
            let n = next.trim();
            let is_rule = n.len() >= 3 && (n.chars().all(|c| c == '=') || n.chars().all(|c| c == '-'));
            (is_rule && !line.trim().is_empty() && heading(line).is_none() && !line.trim_start().starts_with(['-', '*', '|', '>']))
                .then(|| (if n.starts_with('=') { 1 } else { 2 }, clean_title(line.trim())))
        });
        if let Some((level, title)) = heading(line).or(setext.clone()) {
            if let Some(s) = current.take() {
                out.push(s);
            }
            current = Some(Section { level, title, words: 0, text: String::new() });
            if setext.is_some() {
                i += 1;
            }
        } else if let Some(s) = current.as_mut() {
            s.words += crate::text::word_count(line);
            s.text.push_str(line);
            s.text.push('\n');
        }
        i += 1;
    }
    if let Some(s) = current {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipe_tables_need_a_delimiter_line() {
        let md = "Intro | not a table\n\n| Source | Share |\n|:--|--:|\n| [Web](https://x.test/web) | 80% |\n| Books | 20% |\nAfter.\n\n| a | b |\n| c | d |\n";
        let t = tables(md);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].header, vec!["Source", "Share"]);
        assert_eq!(t[0].rows, vec![vec!["[Web](https://x.test/web)", "80%"], vec!["Books", "20%"]]);
        assert!(tables("| only | header |\n|---|---|\n").iter().all(|t| t.rows.is_empty()));
    }

    #[test]
    fn html_headings_with_letters_that_change_length_when_lower_cased() {
        // The Kelvin sign lower-cases to a one-byte "k"; "İ" to two characters.
        let c = Card::parse("<h2>\u{212A}\u{212A} units</h2>\nsome words here\n<H3>İİİİİİİİ</h3>\nmore words here\n");
        let titles: Vec<&str> = c.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, vec!["\u{212A}\u{212A} units", "İİİİİİİİ"]);
        assert_eq!(Card::parse("<h1>İ</h1>\nwords\n").sections[0].title, "İ");
    }

    #[test]
    fn heading_links_become_their_text() {
        let c = Card::parse("## [Training](https://x.test/t) and [Data](d) [x\n\ntext\n");
        assert_eq!(c.sections[0].title, "Training and Data [x");
        let long = format!("# {}\nwords\n", "[a](b)".repeat(5000));
        assert_eq!(Card::parse(&long).sections[0].title, "a".repeat(5000));
    }

    #[test]
    fn enclosing_headings_are_the_nearest_higher_levels() {
        let c = Card::parse("# Usage\ntext here now\n## Setup\ntext here now\n### Fine-tuning\ntext here now\n# Training\ntext here now\n### Fine-tuning\ntext here now\n");
        let under = |outer: &str| c.section_within(|t, enclosing| t == "fine-tuning" && enclosing.first().is_some_and(|e| e == outer)).is_some();
        assert!(under("setup"));
        assert!(under("training"));
        assert!(!under("usage"));
        let all = c.section_within(|t, enclosing| t == "fine-tuning" && enclosing == ["setup".to_string(), "usage".to_string()]);
        assert!(all.is_some());
    }

    #[test]
    fn nested_html_tables_give_the_outer_rows_only() {
        let md = "<table><tr><th>Source</th><th>Share</th></tr><tr><td>Web <table><tr><td>inner</td></tr></table></td><td>80%</td></tr></table>";
        let t = tables(md);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows, vec![vec!["Web inner", "80%"]]);
        // Unclosed nesting (hostile input) still gives one table, read once.
        let hostile = format!("{}</table>", "<table><tr><td>x ".repeat(300));
        let t = tables(&hostile);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].header.len(), 1);
        assert!(t[0].rows.is_empty());
        // A table too deeply nested for the HTML parser is left out.
        assert!(tables(&format!("<table><tr><td>{}</td></tr></table>", "<div>".repeat(1_500))).is_empty());
    }

    #[test]
    fn html_tables_are_read_like_pipe_tables() {
        let md = "<table>\n<tr><th>Data source</th><th>Share</th></tr>\n<tr><td><a href=\"https://x.test/web\">Web</a> text</td><td>80%</td></tr>\n<TR><TD>Books</TD><TD>20%</TD></TR>\n</table>";
        let t = tables(md);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].header, vec!["Data source", "Share"]);
        assert_eq!(t[0].rows, vec![vec!["[Web text](https://x.test/web)", "80%"], vec!["Books", "20%"]]);
        assert!(tables("<table></table>").is_empty());
    }

    #[test]
    fn base_names_in_cards() {
        let name = |t: &str| named_base(t).map(|b| b.name);
        assert_eq!(name("- **Finetuned from model:** [LLaMA](https://arxiv.org/abs/2302.13971)."), Some("LLaMA".into()));
        assert_eq!(name("* **Backbone Model**: [LLaMA-2](https://github.com/x/y)"), Some("LLaMA-2".into()));
        assert_eq!(name("`Stable Beluga 2` is a Llama2 70B model finetuned on an Orca style Dataset"), Some("Llama2 70B".into()));
        assert_eq!(name("Solar, a fine tune of Llama 2, is a great example."), Some("Llama 2".into()));
        assert_eq!(name("This is an instruct fine-tuned version of the [Mistral-7B-v0.1](https://x) model."), Some("Mistral-7B-v0.1".into()));
        assert_eq!(name("These models are trained on top of OLMo 7b release."), Some("OLMo 7b".into()));
        assert_eq!(name("We finetune BLOOM & mT5 pretrained multilingual language models on our mixture."), Some("BLOOM".into()));
        assert_eq!(name("Widget-LM is built-upon on the Llama2 base models."), Some("Llama2".into()));
        assert_eq!(name("Widget is built on top of Gizmo-7B models and tuned with RLHF."), Some("Gizmo-7B".into()));
        assert_eq!(name("Widget is built upon the Transformer architecture."), None, "an architecture is not a base");
        assert_eq!(name("Widget is based on Gizmo-7b1-mt and finetuned with 2M Chinese instructions."), Some("Gizmo-7b1-mt".into()));
        assert_eq!(name("Widget is based on the Transformer and trained with 2M instructions."), None, "based on an architecture");
        assert_eq!(name("Widget is based on Transformers and fine-tuned on chats."), None);
        assert_eq!(name("### Overview\n\nGizmo 2 70b fine tune using https://example.org/data\n"), Some("Gizmo 2".into()));
        assert_eq!(name("This is the full weight of Widget V1.2, this model is trained from **Gizmo-2 13b**."), Some("Gizmo-2 13b".into()));
        assert_eq!(name("Widget was trained from scratch on 2T tokens."), None);
        assert_eq!(name("Widget was trained from Wikipedia and books."), None, "a source without a version is no model");
        assert_eq!(name("This repo contains the weights diff against the base Gizmo for the Widget model."), Some("Gizmo".into()));
        assert_eq!(name("We release the weight delta to Gizmo-13B."), Some("Gizmo-13B".into()));
        assert_eq!(name("We show how to fine tune using LoRA."), None, "a how-to is no base");
        assert_eq!(name("To fine-tune with LoRA, run train.py."), None);
        assert_eq!(name("Widget-Chat is a 7B model, fine-tuned from Acme’s Gizmo 7B with chats."), Some("Gizmo 7B".into()), "the owner is not the name");
        assert_eq!(name("Widget-Chat was fine-tuned from Acme's Gizmo-7B."), Some("Gizmo-7B".into()));
        let owner = |t: &str| named_base(t).and_then(|b| b.owner);
        assert_eq!(owner("Widget-Chat was fine-tuned from Acme's Gizmo-7B."), Some("Acme".into()));
        assert_eq!(owner("Widget-Chat was fine-tuned from Gizmo-7B."), None);
        assert_eq!(owner("Widget-Chat is a fine-tuned version of the model's Gizmo-7B weights."), None, "a pronoun-like owner is no owner");
        let named = named_base("Widget-Chat was fine-tuned from Acme's Gizmo-7B.").expect("named");
        assert_eq!((named.owned_by("acme-ai"), named.owned_by("widget-labs")), (Some(true), Some(false)));
        let short = named_base("Widget-Chat was fine-tuned from AI's Gizmo-7B.").expect("named");
        assert_eq!(short.owned_by("acme-ai"), Some(false), "two letters are no organisation's name");
        assert_eq!(named_base("Widget-Chat was fine-tuned from Gizmo-7B.").expect("named").owned_by("acme"), None);
        // Architecture, the model's own stages and what it was tuned *on* are not a base.
        assert_eq!(name("We fine-tune the model on 10k dialogues."), None);
        assert_eq!(name("An auto-regressive language model based on the transformer architecture."), None);
        assert_eq!(name("The model was fine-tuned from our pretrained checkpoint."), None);
        assert_eq!(name("We fine-tuned this model using DeepSpeed."), None);
        assert_eq!(name("It was fine-tuned from GPT-4 generated dialogues."), None, "a data source is not a base");
        assert_eq!(name("- **Base model:** More Information Needed"), None, "an unfilled template");
        assert_eq!(name("- **Finetuned from model:** N/A"), None);
        assert_eq!(name("```\nbase model: Foo-7B\n```"), None, "code blocks are not prose");
    }

    #[test]
    fn reads_front_matter_and_sections() {
        let c = Card::parse("---\nlicense: apache-2.0\ndatasets:\n- a/b\n- c\n---\n# Title\nIntro words here.\n## Training Data\nWe trained on a/b and c.\n```py\nimport x\n```\n## Limitations\n");
        assert_eq!(c.front_matter_str("license").as_deref(), Some("apache-2.0"));
        assert_eq!(c.front_matter_list("datasets"), vec!["a/b", "c"]);
        assert!(c.has_section(&["training data"]));
        // An empty section does not count as covered.
        assert!(!c.has_section(&["limitations"]));
        assert_eq!(c.sections.len(), 3);
        assert!(!c.body.is_empty());
    }

    #[test]
    fn card_without_front_matter() {
        let c = Card::parse("# Model\n\nJust text.");
        assert!(c.front_matter.is_none());
        assert!(c.front_matter_error.is_none());
        assert_eq!(c.sections[0].title, "Model");
    }

    #[test]
    fn invalid_front_matter_is_recorded_not_fatal() {
        let c = Card::parse("---\nlicense: [unclosed\n  bad: : :\n---\n# Body\ntext text text\n");
        assert!(c.front_matter.is_none());
        assert!(c.front_matter_error.as_deref().unwrap().contains("YAML"));
        assert!(c.has_section(&["body"]));
    }

    #[test]
    fn a_value_json_cannot_hold_leaves_the_other_keys_readable() {
        for odd in ["x: !custom mit", "x: 123456789012345678901234567890"] {
            let c = Card::parse(&format!("---\nlicense: apache-2.0\n{odd}\ndatasets:\n- a/b\n---\n# Body\ntext\n"));
            assert_eq!(c.front_matter_str("license").as_deref(), Some("apache-2.0"), "{odd}: {:?}", c.front_matter_error);
            assert_eq!(c.front_matter_list("datasets"), vec!["a/b"], "{odd}");
            if let Some(e) = &c.front_matter_error {
                assert!(e.ends_with("leaving out: x") || e.ends_with("read entry by entry"), "{e}");
            }
        }
    }

    #[test]
    fn unterminated_front_matter_is_body() {
        let c = Card::parse("---\nlicense: mit\n# Heading\nsome words");
        assert!(c.front_matter.is_none());
        assert!(c.body.contains("license: mit"));
    }

    #[test]
    fn section_with_only_subsections_counts() {
        let c = Card::parse("## Training\n### Data\nThe corpus has many words in it.\n");
        assert!(c.has_section(&["training"]));
    }

    #[test]
    fn bold_lines_are_subheadings() {
        let c = Card::parse("## Training\n\nWe trained it.\n\n**Training Data**\n\nWeb text.\n\n**Training Procedure:**\n\nAdamW, lr 3e-4.\n\n**Note: the weights are big.**\n\nA **bold** word in a sentence.\n");
        let titles: Vec<(&str, u8)> = c.sections.iter().map(|s| (s.title.as_str(), s.level)).collect();
        assert_eq!(titles, vec![("Training", 2), ("Training Data", 7), ("Training Procedure", 7)]);
        assert!(c.sections[2].text.contains("Note: the weights are big."), "a bold sentence is text: {:?}", c.sections[2]);
    }

    #[test]
    fn setext_and_html_headings() {
        let c = Card::parse("Model Details\n=============\nsome words here\n<h2>Evaluation</h2>\nscores are good here\n");
        assert!(c.has_section(&["model details"]));
        assert!(c.has_section(&["evaluation"]));
    }
}
