//! Vendor pages: visible text and links of an HTML (or plain-text) page.

use scraper::{Html, Selector};
use serde::{Deserialize, Serialize};

/// The readable content of a web page.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Page {
    /// `<title>` text.
    pub title: Option<String>,
    /// Visible text (scripts, styles and navigation chrome removed), whitespace collapsed;
    /// a plain-text page keeps its line breaks (a licence file's lines matter to its matcher).
    pub text: String,
    /// Absolute http(s) links found on the page.
    pub links: Vec<String>,
}

impl Page {
    /// Parses an HTML page; `base` resolves relative links. Plain text (no `<` at the
    /// start) is taken as is, with URLs found in it as links.
    pub fn parse(body: &str, base: &str, content_type: Option<&str>) -> Page {
        let looks_html = content_type.map(|c| c.contains("html")).unwrap_or(false)
            || body.trim_start().starts_with('<');
        if !looks_html {
            return Page { title: None, text: collapse_lines(body), links: crate::links::urls_in(body) };
        }
        let base_url = url::Url::parse(base).ok();
        if too_deep(body) {
            return tag_stripped(body, base_url.as_ref());
        }
        let doc = Html::parse_document(body);
        let title = Selector::parse("title").ok().and_then(|sel| doc.select(&sel).next()).map(|t| collapse(&t.text().collect::<String>()));
        let mut text = String::new();
        let skip = |node: &scraper::Node| node.as_element().is_some_and(|e| ["script", "style", "noscript", "template", "svg"].contains(&e.name()));
        // One walk, counting how many hidden elements are open (not an ancestor walk per
        // text node: that is quadratic on deeply nested pages).
        let mut hidden = 0usize;
        for edge in doc.root_element().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) if skip(node.value()) => hidden += 1,
                ego_tree::iter::Edge::Close(node) if skip(node.value()) => hidden -= 1,
                ego_tree::iter::Edge::Open(node) if hidden == 0 => {
                    if let Some(t) = node.value().as_text() {
                        text.push_str(t);
                        text.push(' ');
                    }
                }
                _ => {}
            }
        }
        let mut links = crate::links::Unique::default();
        if let Ok(sel) = Selector::parse("a[href]") {
            for a in doc.select(&sel) {
                if let Some(u) = web_link(base_url.as_ref(), a.value().attr("href").unwrap_or("")) {
                    links.push(u);
                }
            }
        }
        for u in crate::links::urls_in(&text) {
            links.push(u);
        }
        Page { title, text: collapse(&text), links: links.items }
    }
}

/// The Markdown-like text of an HTML page's main content: the first element matching one of
/// `containers` (CSS selectors), or `<body>` when `containers` is empty; `None` when none of
/// `containers` is on the page. Headings become `#` lines, links `[text](absolute url)`, block
/// elements and table rows break lines; scripts, styles and navigation chrome (`nav`,
/// `header`, `footer`) are left out. For pages that render a Markdown document (a model card
/// shown on its repository page). A page with more than 1 000 elements open at once gives its
/// tag-stripped text when `containers` is empty, else `None`.
pub fn markdown_of(body: &str, base: &str, containers: &[&str]) -> Option<String> {
    if too_deep(body) {
        // Read without a parser: the whole text, when the whole body was asked for.
        return containers.is_empty().then(|| tag_stripped(body, None).text);
    }
    let doc = Html::parse_document(body);
    let base_url = url::Url::parse(base).ok();
    let root = if containers.is_empty() {
        Selector::parse("body").ok().and_then(|sel| doc.select(&sel).next()).unwrap_or_else(|| doc.root_element())
    } else {
        containers.iter().filter_map(|c| Selector::parse(c).ok()).find_map(|sel| doc.select(&sel).next())?
    };
    let mut out = String::new();
    write_markdown(root, base_url.as_ref(), 0, &mut out);
    // At most one blank line in a row, no trailing spaces.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines().map(str::trim_end) {
        blank = if line.trim().is_empty() { blank + 1 } else { 0 };
        if blank <= 1 {
            tidy.push_str(line.trim_start());
            tidy.push('\n');
        }
    }
    Some(tidy.trim().to_string())
}

/// Nesting deeper than this is read as plain text (no recursion on hostile pages).
const MAX_DEPTH: usize = 128;

fn write_markdown(el: scraper::ElementRef, base: Option<&url::Url>, depth: usize, out: &mut String) {
    if depth > MAX_DEPTH {
        out.push_str(&collapse(&el.text().collect::<String>()));
        return;
    }
    const SKIP: &[&str] = &["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "button", "form"];
    const BLOCK: &[&str] = &["p", "div", "section", "article", "ul", "ol", "table", "blockquote", "pre", "details", "summary", "dl", "dt", "dd"];
    for child in el.children() {
        if let Some(t) = child.value().as_text() {
            out.push_str(&t.replace(['\n', '\t'], " "));
            continue;
        }
        let Some(e) = scraper::ElementRef::wrap(child) else { continue };
        let name = e.value().name();
        if SKIP.contains(&name) {
            continue;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse::<usize>().unwrap_or(2);
                out.push_str(&format!("\n\n{} {}\n\n", "#".repeat(level), collapse(&e.text().collect::<String>())));
            }
            "a" => {
                let text = collapse(&e.text().collect::<String>());
                match web_link(base, e.value().attr("href").unwrap_or("")) {
                    Some(u) => out.push_str(&format!("[{text}]({u})")),
                    None => out.push_str(&text),
                }
            }
            "br" => out.push('\n'),
            "li" | "tr" => {
                out.push_str(if name == "li" { "\n- " } else { "\n| " });
                write_markdown(e, base, depth + 1, out);
                out.push('\n');
            }
            "td" | "th" => {
                write_markdown(e, base, depth + 1, out);
                out.push_str(" | ");
            }
            _ if BLOCK.contains(&name) => {
                out.push_str("\n\n");
                write_markdown(e, base, depth + 1, out);
                out.push_str("\n\n");
            }
            _ => write_markdown(e, base, depth + 1, out),
        }
    }
}

/// Elements open at once beyond which a page is read without an HTML parser: html5ever
/// checks the stack of open elements at each tag, which is quadratic in the nesting.
/// Real pages stay far below (a few dozen).
const MAX_NESTING: usize = 1_000;

/// Whether more than [`MAX_NESTING`] elements are ever open at once, counted in one pass
/// over the tags. Elements that close themselves or are closed implicitly by their next
/// sibling (`br`, `img`, `p`, `li`, `td`, …) are not counted.
pub(crate) fn too_deep(body: &str) -> bool {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
    ];
    static TAG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let tag = TAG.get_or_init(|| regex::Regex::new(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>").expect("valid regex"));
    let mut depth = 0usize;
    for c in tag.captures_iter(body) {
        let name = c[2].to_ascii_lowercase();
        if NOT_NESTING.contains(&name.as_str()) || !c[3].is_empty() {
            continue;
        }
        if c[1].is_empty() {
            depth += 1;
            if depth > MAX_NESTING {
                return true;
            }
        } else {
            depth = depth.saturating_sub(1);
        }
    }
    false
}

/// A page too deeply nested to parse as HTML: its text with the tags removed, and the
/// links of its `href` attributes and its text.
fn tag_stripped(body: &str, base: Option<&url::Url>) -> Page {
    static TAG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static HREF: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let tag = TAG.get_or_init(|| regex::Regex::new(r"(?s)<[^>]*>").expect("valid regex"));
    let href = HREF.get_or_init(|| regex::Regex::new(r#"(?i)\bhref\s*=\s*["']([^"']*)["']"#).expect("valid regex"));
    let text = tag.replace_all(body, " ");
    let mut links = crate::links::Unique::default();
    for c in href.captures_iter(body) {
        if let Some(u) = web_link(base, &c[1]) {
            links.push(u);
        }
    }
    for u in crate::links::urls_in(&text) {
        links.push(u);
    }
    Page { title: None, text: collapse(&text), links: links.items }
}

/// `href` as an absolute http(s) URL, resolved against `base` (`javascript:`, `mailto:` and
/// unparsable links give none).
fn web_link(base: Option<&url::Url>, href: &str) -> Option<String> {
    let abs = match base {
        Some(b) => b.join(href).ok(),
        None => url::Url::parse(href).ok(),
    }?;
    matches!(abs.scheme(), "http" | "https").then(|| abs.to_string())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapses the whitespace within each line, keeping the line and paragraph breaks.
fn collapse_lines(s: &str) -> String {
    s.lines().map(collapse).collect::<Vec<_>>().join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_text_and_links() {
        let p = Page::parse(
            "<html><head><title>Release</title><script>var x='hidden';</script></head><body><p>Weights under <b>Apache 2.0</b>.</p><a href=\"/docs\">docs</a><a href=\"javascript:alert(1)\">x</a></body></html>",
            "https://vendor.example/blog/post",
            Some("text/html"),
        );
        assert_eq!(p.title.as_deref(), Some("Release"));
        assert!(p.text.contains("Weights under Apache 2.0 ."));
        assert!(!p.text.contains("hidden"));
        assert_eq!(p.links, vec!["https://vendor.example/docs"]);
    }

    #[test]
    fn text_after_hidden_elements_is_kept_and_links_are_listed_once() {
        let html = "<html><body><div><script>var a = 1;</script>before <svg><text>drawn</text></svg>after\
            <style>p {}</style><noscript>enable js</noscript> end <a href=\"/x\">x</a><a href=\"/x\">again</a> \
            https://vendor.example/x</div></body></html>";
        let p = Page::parse(html, "https://vendor.example/", Some("text/html"));
        assert_eq!(p.text, "before after end x again https://vendor.example/x");
        assert_eq!(p.links, vec!["https://vendor.example/x"]);
        let deep = format!("<html><body>{}deep</body></html>", "<div>x".repeat(800));
        let p = Page::parse(&deep, "https://vendor.example/", Some("text/html"));
        assert!(p.text.ends_with("x x xdeep"), "{}", &p.text[p.text.len() - 20..]);
    }

    #[test]
    fn pages_nested_beyond_the_limit_are_read_without_a_parser() {
        // Many paragraphs and list items that close implicitly are no nesting.
        let flat = format!("<html><body>{}</body></html>", "<p>para <li>item ".repeat(3 * MAX_NESTING));
        assert!(!too_deep(&flat));
        let deep = format!("<html><body>{}<a href=\"/licence\">Licence</a> Apache 2.0 https://vendor.example/x</body></html>", "<div><span>".repeat(MAX_NESTING));
        assert!(too_deep(&deep));
        let p = Page::parse(&deep, "https://vendor.example/", Some("text/html"));
        assert_eq!(p.text, "Licence Apache 2.0 https://vendor.example/x");
        assert_eq!(p.links, vec!["https://vendor.example/licence", "https://vendor.example/x"]);
        assert_eq!(markdown_of(&deep, "https://vendor.example/", &[]).as_deref(), Some(p.text.as_str()));
        assert_eq!(markdown_of(&deep, "https://vendor.example/", &["div.card"]), None);
    }

    #[test]
    fn markdown_of_a_rendered_card() {
        let html = "<html><body><header><nav>Models Datasets Spaces</nav></header>\
            <div class=\"model-card-content\"><h1>Widget 7B</h1><p>A chat model fine-tuned from \
            <a href=\"/acme/widget-7b\">Widget 7B</a>.</p><h2>Training Data</h2><ul><li>300k dialogues</li><li>code</li></ul>\
            <table><tr><th>Layers</th><th>Heads</th></tr><tr><td>32</td><td>32</td></tr></table></div>\
            <footer>Company</footer></body></html>";
        let md = markdown_of(html, "https://huggingface.co/acme/widget-7b-chat", &["div.model-card-content"]).unwrap();
        assert!(md.starts_with("# Widget 7B"), "{md}");
        assert!(md.contains("fine-tuned from [Widget 7B](https://huggingface.co/acme/widget-7b)."), "{md}");
        assert!(md.contains("\n## Training Data\n"), "{md}");
        assert!(md.contains("- 300k dialogues"), "{md}");
        assert!(md.contains("| Layers | Heads |"), "{md}");
        assert!(!md.contains("Models Datasets") && !md.contains("Company"), "{md}");
        let card = crate::card::Card::parse(&md);
        assert_eq!(card.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), vec!["Widget 7B", "Training Data"]);
        // A container that is not on the page gives nothing; no container reads the body (chrome left out).
        assert_eq!(markdown_of(html, "https://huggingface.co/x/y", &["div.nothing-here"]), None);
        assert!(markdown_of(html, "https://huggingface.co/x/y", &[]).unwrap().contains("## Training Data"));
        // Hostile nesting is read as text, without deep recursion.
        let deep = format!("<html><body>{}deep text{}</body></html>", "<div>".repeat(2_000), "</div>".repeat(2_000));
        assert!(markdown_of(&deep, "https://x.example/", &[]).unwrap().contains("deep text"));
    }

    #[test]
    fn plain_text_and_broken_html() {
        let p = Page::parse("Plain words, see https://example.org/x.", "https://v.example/", Some("text/plain"));
        assert_eq!(p.links, vec!["https://example.org/x"]);
        let licence = Page::parse("  Apache License\n   Version 2.0\n\n\n 1. Definitions.  \n", "https://v.example/LICENSE", Some("text/plain"));
        assert_eq!(licence.text, "Apache License\nVersion 2.0\n\n\n1. Definitions.");
        let broken = Page::parse("<html><body><p>unclosed <div><a href='https://a.example/'>a", "https://v.example/", None);
        assert_eq!(broken.links, vec!["https://a.example/"]);
    }
}
