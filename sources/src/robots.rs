//! robots.txt: which paths a crawler with a given user agent may fetch.

/// A group of robots.txt: its user agents, and its rules (allow?, path prefix).
type Group = (Vec<String>, Vec<(bool, String)>);

/// Parsed robots.txt rules for one user agent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Robots {
    rules: Vec<(bool, String)>,
}

impl Robots {
    /// Parses robots.txt and keeps the group that applies to `agent` (its own group
    /// when there is one, otherwise `*`).
    pub fn parse(text: &str, agent: &str) -> Robots {
        // Groups name a crawler by its product token: "openness" for "openness/0.1 (+url)".
        let token = agent.split(['/', ' ']).next().unwrap_or("").to_lowercase();
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            let Some((k, v)) = line.split_once(':') else { continue };
            let (k, v) = (k.trim().to_lowercase(), v.trim().to_string());
            match k.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new()));
                    }
                    in_agents = true;
                    groups.last_mut().unwrap().0.push(v.to_lowercase());
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        if !(k == "disallow" && v.is_empty()) {
                            g.1.push((k == "allow", v));
                        }
                    }
                }
                _ => in_agents = false,
            }
        }
        let own = groups.iter().find(|(a, _)| a.iter().any(|x| !token.is_empty() && *x == token));
        let any = groups.iter().find(|(a, _)| a.iter().any(|x| x == "*"));
        Robots { rules: own.or(any).map(|g| g.1.clone()).unwrap_or_default() }
    }

    /// Whether `path` may be fetched: the longest matching rule wins, allow wins ties.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if let Some(len) = match_len(pattern, path) {
                if best.map(|(l, a)| len > l || (len == l && *allow && !a)).unwrap_or(true) {
                    best = Some((len, *allow));
                }
            }
        }
        best.map(|(_, a)| a).unwrap_or(true)
    }
}

/// Length of `pattern` when it matches the start of `path` (`*` wildcard, `$` end anchor).
fn match_len(pattern: &str, path: &str) -> Option<usize> {
    let anchored = pattern.ends_with('$');
    let pat = pattern.trim_end_matches('$');
    let parts: Vec<&str> = pat.split('*').collect();
    let (first, rest) = parts.split_first()?;
    if !path.starts_with(first) {
        return None;
    }
    let mut pos = first.len();
    for (i, part) in rest.iter().enumerate() {
        if anchored && i + 1 == rest.len() {
            // The anchored last part matches the end of the path, after what came before.
            return (path.len() >= pos + part.len() && path.ends_with(part)).then_some(pattern.len());
        }
        pos += path[pos..].find(part)? + part.len();
    }
    if anchored && pos != path.len() {
        return None;
    }
    Some(pattern.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_selection_and_longest_match() {
        let r = Robots::parse("User-agent: *\nDisallow: /private\nAllow: /private/ok\n\nUser-agent: other\nDisallow: /\n", "openness/0.1");
        assert!(r.allows("/blog/post"));
        assert!(!r.allows("/private/x"));
        assert!(r.allows("/private/ok/page"));
        let own = Robots::parse("User-agent: openness\nDisallow: /\nUser-agent: *\nAllow: /\n", "openness/0.1");
        assert!(!own.allows("/anything"));
    }

    #[test]
    fn wildcards_and_empty_disallow() {
        let r = Robots::parse("User-agent: *\nDisallow: /*.pdf$\nDisallow:\n", "x");
        assert!(!r.allows("/paper.pdf"));
        assert!(r.allows("/paper.pdf.html"));
        assert!(r.allows("/"));
        // The anchored part matches the end, wherever it first occurs.
        assert!(!r.allows("/paper.pdf.pdf"));
        assert!(!r.allows("/x.pdf/y.pdf"));
        let r = Robots::parse("User-agent: *\nDisallow: /a*b*$\nDisallow: /exact$\n", "x");
        assert!(!r.allows("/a-b-c"));
        assert!(!r.allows("/exact"));
        assert!(r.allows("/exact/more"));
    }

    #[test]
    fn a_group_applies_to_our_product_token_only() {
        let agent = "openness/0.1 (+https://example.org)";
        for other in ["", "o", "open", "openness-bot"] {
            let r = Robots::parse(&format!("User-agent: {other}\nDisallow: /\n\nUser-agent: *\nAllow: /\n"), agent);
            assert!(r.allows("/page"), "group {other:?} is not ours");
        }
        let r = Robots::parse("User-agent: OpenNess\nDisallow: /\n", agent);
        assert!(!r.allows("/page"));
    }
}
