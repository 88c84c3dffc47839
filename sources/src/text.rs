//! Small text helpers shared by the parsers.

/// `n` followed by `noun` in the singular or plural: "1 weight file", "3 weight files".
///
/// ```
/// use openness_sources::text::counted;
/// assert_eq!(counted(1, "weight file"), "1 weight file");
/// assert_eq!(counted(0, "run"), "0 runs");
/// ```
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Collapses whitespace, writes HTML character references as the characters they stand
/// for (`&amp;`, `&#10007;`: cards and READMEs use them in Markdown), and cuts `s` to at
/// most `max` characters (on a char boundary), adding an ellipsis when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let collapsed: String = decode_character_references(s).split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// `s` with its numeric character references (`&#10007;`, `&#x2713;`) and the common named
/// ones (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`) replaced by their characters.
/// Anything else that starts with `&` is left as it is.
fn decode_character_references(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| regex::Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);").expect("valid regex"));
    re.replace_all(s, |c: &regex::Captures| {
        let name = &c[1];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ if name.starts_with("#x") || name.starts_with("#X") => u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32),
            _ => name[1..].parse::<u32>().ok().and_then(char::from_u32),
        };
        ch.map(String::from).unwrap_or_else(|| c[0].to_string())
    })
}

/// `s` in lower case with everything but letters and digits dropped, for comparing names
/// written differently ("Open-Orca" and "openorca").
pub fn squash(s: &str) -> String {
    s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Finds the first (ASCII-)case-insensitive occurrence of any of `needles` in `haystack`
/// and returns the sentence-sized excerpt around it. Earlier needles win: the excerpt is
/// around the first occurrence of the earliest needle that occurs at all.
pub fn find_snippet(haystack: &str, needles: &[&str]) -> Option<String> {
    let matcher = cached_matcher(needles)?;
    let mut best: Option<(usize, aho_corasick::Match)> = None;
    // Overlapping-free leftmost scan; the pattern id is the needle's rank.
    for m in matcher.find_iter(haystack) {
        let rank = m.pattern().as_usize();
        if best.as_ref().map(|(b, _)| rank < *b).unwrap_or(true) {
            best = Some((rank, m));
        }
        if rank == 0 {
            break;
        }
    }
    best.map(|(_, m)| around(haystack, m.start(), m.len()))
}

/// Whether `haystack` holds any of `needles`, compared as [`find_snippet`] does, without
/// building the excerpt.
pub fn mentions_any(haystack: &str, needles: &[&str]) -> bool {
    cached_matcher(needles).is_some_and(|m| m.is_match(haystack))
}

/// An ASCII-case-insensitive multi-needle matcher for `needles`, built once per process
/// (callers use a few fixed word lists; the cache is bounded all the same). Matching is
/// one linear pass with no per-text set-up, so it costs the same on the first text as
/// on the thousandth.
fn cached_matcher(needles: &[&str]) -> Option<std::sync::Arc<aho_corasick::AhoCorasick>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<Vec<String>, Arc<aho_corasick::AhoCorasick>>>> = OnceLock::new();
    let key: Vec<String> = needles.iter().map(|n| n.to_string()).collect();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(m) = cache.lock().ok()?.get(&key) {
        return Some(m.clone());
    }
    let matcher = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).match_kind(aho_corasick::MatchKind::LeftmostFirst).build(needles).ok()?;
    let matcher = Arc::new(matcher);
    let mut map = cache.lock().ok()?;
    if map.len() >= 256 {
        map.clear();
    }
    map.insert(key, matcher.clone());
    Some(matcher)
}

/// What ends a sentence: a stop followed by a space, or a line break. A stop inside a word
/// ("v1.5", "e.g.,") does not.
const SENTENCE_BREAKS: [&str; 4] = [". ", "! ", "? ", "\n"];

/// Where the last sentence of `text` starts: just after its last sentence break, or `None`
/// when `text` holds none (it is all one sentence, or the end of one).
///
/// ```
/// use openness_sources::text::sentence_start;
/// let text = "Widget v1.5 is fast. It was not tuned with RLHF";
/// assert_eq!(sentence_start(text).map(|i| &text[i..]), Some("It was not tuned with RLHF"));
/// assert_eq!(sentence_start("Widget v1.5 was not tuned"), None);
/// ```
pub fn sentence_start(text: &str) -> Option<usize> {
    SENTENCE_BREAKS.iter().filter_map(|b| text.rfind(b).map(|i| i + b.len())).max()
}

/// The part before byte offset `pos` of the sentence that `pos` is in, looking back at most
/// 400 bytes (a longer sentence is cut at a character boundary): the bounded look keeps a
/// scan of every match in a long text linear.
///
/// ```
/// use openness_sources::text::sentence_before;
/// let text = "Widget is a chat model. It was not tuned with RLHF.";
/// assert_eq!(sentence_before(text, text.find("RLHF").unwrap()), "It was not tuned with ");
/// ```
pub fn sentence_before(text: &str, pos: usize) -> &str {
    let pos = floor_boundary(text, pos);
    let window = &text[floor_boundary(text, pos.saturating_sub(400))..pos];
    &window[sentence_start(window).unwrap_or(0)..]
}

/// The excerpt of `text` around byte offset `pos` (of a match `len` bytes long): from the
/// start of its sentence (at most 120 bytes back) to the end of it (at most 160 bytes on),
/// cut between words with an ellipsis where the sentence goes on.
pub fn around(text: &str, pos: usize, len: usize) -> String {
    let pos = floor_boundary(text, pos);
    let after = ceil_boundary(text, (pos + len).min(text.len()));
    let from = floor_boundary(text, pos.saturating_sub(120));
    let to = ceil_boundary(text, (after + 160).min(text.len()));
    // The sentence start: just after the last break before the match, else the first word
    // boundary of the window.
    let (start, cut_start) = match sentence_start(&text[from..pos]).map(|i| from + i) {
        Some(i) => (i, false),
        None if from == 0 => (0, false),
        None => (text[from..pos].char_indices().find(|(_, c)| c.is_whitespace()).map(|(i, c)| from + i + c.len_utf8()).unwrap_or(from), true),
    };
    // The sentence end: its final stop after the match, else the last word boundary of the window.
    let (end, cut_end) = match SENTENCE_BREAKS.iter().filter_map(|b| text[after..to].find(b).map(|i| after + i + b.trim_end().len())).min() {
        Some(i) => (i, false),
        None if to == text.len() => (to, false),
        None => (text[after..to].rfind(char::is_whitespace).map(|i| after + i).unwrap_or(to), true),
    };
    let mut s = text[start..end].trim().to_string();
    if cut_start {
        s = format!("…{s}");
    }
    if cut_end {
        s.push('…');
    }
    excerpt(&s, 300)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Share of the letters of `s` written in East Asian scripts (Han, kana, Hangul and the
/// like), outside fenced code blocks: a README mostly in Chinese scores about 0.4, an
/// English one with a few Chinese names well under 0.1.
pub fn east_asian_share(s: &str) -> f64 {
    let prose = crate::card::strip_code_blocks(s);
    let (mut letters, mut east_asian) = (0usize, 0usize);
    for c in prose.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if is_east_asian(c) {
            east_asian += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        east_asian as f64 / letters as f64
    }
}

/// Words of `s`: whitespace-separated tokens, where a run of Chinese, Japanese or Korean
/// script (written without spaces) counts one word per two characters, about what the same
/// text has in English words.
pub fn word_count(s: &str) -> usize {
    let mut words = 0;
    for token in s.split_whitespace() {
        let east_asian = token.chars().filter(|c| is_east_asian(*c)).count();
        let rest_is_word = token.chars().any(|c| c.is_alphanumeric() && !is_east_asian(c));
        words += east_asian.div_ceil(2) + usize::from(rest_is_word || east_asian == 0);
    }
    words
}

fn is_east_asian(c: char) -> bool {
    ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7AF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_any_agrees_with_find_snippet() {
        let needles = ["internal dataset", "not released"];
        for text in ["Trained on an INTERNAL DATASET of chats.", "The weights are not released yet", "Open data, all of it.", ""] {
            assert_eq!(mentions_any(text, &needles), find_snippet(text, &needles).is_some(), "{text}");
        }
        assert!(mentions_any("x NOT RELEASED", &needles));
        assert!(!mentions_any("released", &needles));
    }

    #[test]
    fn words_of_text_written_without_spaces() {
        assert_eq!(word_count("An open bilingual model."), 4);
        assert_eq!(word_count("这是一个开源的模型"), 5, "nine characters, about five words");
        assert_eq!(word_count("ChatGLM-6B 是一个开源的 model"), 2 + 3, "mixed tokens");
        assert_eq!(word_count("| --- | *"), 4, "punctuation tokens count as before");
    }

    #[test]
    fn east_asian_share_tells_a_chinese_readme_from_an_english_one() {
        assert!(east_asian_share("# 模型\n\n这是一个开源的双语对话语言模型。Run `pip install x`.") > 0.5);
        assert!(east_asian_share("# Model\n\nAn open bilingual dialogue model (中文名: 模型).") < 0.15);
        let code = "Intro in English.\n```python\nprint('很多很多很多很多很多很多中文')\n```\n";
        assert_eq!(east_asian_share(code), 0.0, "code blocks are not counted");
        assert_eq!(east_asian_share(""), 0.0);
    }

    #[test]
    fn excerpts_write_character_references_as_characters() {
        assert_eq!(excerpt("|Llama 2|&#10007;|2.0T| &amp; more &#x2713; &lt;b&gt;", 100), "|Llama 2|✗|2.0T| & more ✓ <b>");
        assert_eq!(excerpt("AT&T &copy; &#xD800; &#99999999;", 100), "AT&T &copy; &#xD800; &#99999999;", "unknown or invalid references stay");
    }

    #[test]
    fn excerpt_cuts_on_char_boundary() {
        let s = "é".repeat(50);
        let e = excerpt(&s, 10);
        assert_eq!(e.chars().count(), 10);
        assert!(e.ends_with('…'));
    }

    #[test]
    fn snippet_is_found_case_insensitively() {
        let s = "Intro. The model is released under the Apache 2.0 License. Thanks.";
        let snip = find_snippet(s, &["apache 2.0"]).unwrap();
        assert!(snip.contains("Apache 2.0"));
        assert!(find_snippet(s, &["gpl"]).is_none());
    }

    #[test]
    fn snippet_positions_survive_case_folding() {
        // "İ" lowercases to two chars, which shifted positions in a lowercased copy.
        let s = format!("{} then the Apache 2.0 licence applies", "İ".repeat(200));
        assert!(find_snippet(&s, &["apache 2.0"]).unwrap().contains("Apache 2.0"));
    }

    #[test]
    fn around_quotes_the_sentence_of_the_match() {
        let text = "The model is fast. It was fine-tuned from Widget-7B on chats. Evaluation follows.";
        let pos = text.find("fine-tuned").unwrap();
        assert_eq!(around(text, pos, 10), "It was fine-tuned from Widget-7B on chats.");
        // A sentence longer than the window is cut between words, with ellipses.
        let long = format!("{} fine-tuned {}", "word ".repeat(60), "more ".repeat(60));
        let pos = long.find("fine-tuned").unwrap();
        let s = around(&long, pos, 10);
        assert!(s.starts_with("…word ") && s.ends_with("more…"), "{s}");
        assert!(!s.contains("…ord") && !s.contains("mor…"), "{s}");
    }

    #[test]
    fn around_handles_multibyte_edges() {
        let s = format!("{}needle{}", "ü".repeat(200), "ß".repeat(200));
        let pos = s.find("needle").unwrap();
        assert!(around(&s, pos, 6).contains("needle"));
        // Multi-byte spaces (no-break, ideographic) as the word boundaries of the window.
        for space in ["\u{a0}", "\u{3000}"] {
            let s = format!("{}needle{}", format!("ü{space}").repeat(100), format!("{space}ß").repeat(100));
            let pos = s.find("needle").unwrap();
            assert!(around(&s, pos, 6).contains("needle"));
        }
    }
}
