//! Vendor pages: visible text and links of an HTML (or plain-text) page.

use scraper::{Html, Selector};
use serde::{Deserialize, Serialize};

/// The readable content of a web page.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Page {
    /// `<title>` text.
    pub title: Option<String>,
    /// Visible text (scripts, styles and navigation chrome removed), whitespace collapsed.
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
            return Page { title: None, text: collapse(body), links: crate::links::urls_in(body) };
        }
        let doc = Html::parse_document(body);
        let base_url = url::Url::parse(base).ok();
        let title = Selector::parse("title").ok().and_then(|sel| doc.select(&sel).next()).map(|t| collapse(&t.text().collect::<String>()));
        let mut text = String::new();
        let skip = ["script", "style", "noscript", "template", "svg"];
        for node in doc.root_element().descendants() {
            if let Some(t) = node.value().as_text() {
                let hidden = node.ancestors().any(|a| a.value().as_element().map(|e| skip.contains(&e.name())).unwrap_or(false));
                if !hidden {
                    text.push_str(t);
                    text.push(' ');
                }
            }
        }
        let mut links = Vec::new();
        if let Ok(sel) = Selector::parse("a[href]") {
            for a in doc.select(&sel) {
                let href = a.value().attr("href").unwrap_or("");
                let abs = match &base_url {
                    Some(b) => b.join(href).ok().map(|u| u.to_string()),
                    None => url::Url::parse(href).ok().map(|u| u.to_string()),
                };
                if let Some(u) = abs.filter(|u| u.starts_with("http://") || u.starts_with("https://")) {
                    if !links.contains(&u) {
                        links.push(u);
                    }
                }
            }
        }
        for u in crate::links::urls_in(&text) {
            if !links.contains(&u) {
                links.push(u);
            }
        }
        Page { title, text: collapse(&text), links }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn plain_text_and_broken_html() {
        let p = Page::parse("Plain words, see https://example.org/x.", "https://v.example/", Some("text/plain"));
        assert_eq!(p.links, vec!["https://example.org/x"]);
        let broken = Page::parse("<html><body><p>unclosed <div><a href='https://a.example/'>a", "https://v.example/", None);
        assert_eq!(broken.links, vec!["https://a.example/"]);
    }
}
