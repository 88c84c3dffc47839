//! Small text helpers shared by the parsers.

/// Collapses whitespace and cuts `s` to at most `max` characters (on a char boundary),
/// adding an ellipsis when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let collapsed: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Finds the first case-insensitive occurrence of any of `needles` in `haystack`
/// and returns the sentence-sized excerpt around it.
pub fn find_snippet(haystack: &str, needles: &[&str]) -> Option<String> {
    // One case-insensitive pass over the original text (so positions stay right whatever
    // case folding does), without capture groups so that the fast engine runs; earlier
    // needles win, as documented.
    let pattern = needles.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|");
    let re = cached_regex(&pattern)?;
    let mut best: Option<(usize, regex::Match)> = None;
    for m in re.find_iter(haystack) {
        let found = m.as_str().to_lowercase();
        let rank = needles.iter().position(|n| n.to_lowercase() == found).unwrap_or(needles.len());
        if best.as_ref().map(|(b, _)| rank < *b).unwrap_or(true) {
            best = Some((rank, m));
        }
        if rank == 0 {
            break;
        }
    }
    best.map(|(_, m)| around(haystack, m.start(), m.len()))
}

/// A case-insensitive regex for `pattern`, compiled once per process (callers use a few
/// fixed word lists; the cache is bounded all the same).
fn cached_regex(pattern: &str) -> Option<regex::Regex> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<String, regex::Regex>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(re) = cache.lock().ok()?.get(pattern) {
        return Some(re.clone());
    }
    let re = regex::RegexBuilder::new(pattern).case_insensitive(true).build().ok()?;
    let mut map = cache.lock().ok()?;
    if map.len() >= 256 {
        map.clear();
    }
    map.insert(pattern.to_string(), re.clone());
    Some(re)
}

/// The excerpt of `text` around byte offset `pos` (of a match `len` bytes long).
pub fn around(text: &str, pos: usize, len: usize) -> String {
    let start = floor_boundary(text, pos.saturating_sub(120));
    let end = ceil_boundary(text, (pos + len + 160).min(text.len()));
    let mut s = text[start..end].to_string();
    if start > 0 {
        s = format!("…{s}");
    }
    if end < text.len() {
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

/// Number of whitespace-separated words.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn around_handles_multibyte_edges() {
        let s = format!("{}needle{}", "ü".repeat(200), "ß".repeat(200));
        let pos = s.find("needle").unwrap();
        assert!(around(&s, pos, 6).contains("needle"));
    }
}
