//! arXiv API: Atom feeds from `export.arxiv.org/api/query?id_list=...`.

use crate::error::ParseError;
use crate::fact::Fact;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde::{Deserialize, Serialize};

/// One paper entry of an arXiv Atom feed.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct ArxivEntry {
    /// Id without version (`2401.04088`).
    pub id: String,
    /// Title, whitespace collapsed.
    pub title: String,
    /// Abstract, whitespace collapsed.
    pub summary: String,
    /// `arxiv:comment` ("Accepted at ACL 2024", "24 pages").
    pub comment: Option<String>,
    /// `arxiv:journal_ref`.
    pub journal_ref: Option<String>,
    /// `arxiv:doi`.
    pub doi: Option<String>,
    /// First publication timestamp as given.
    pub published: Option<String>,
    /// Category terms.
    pub categories: Vec<String>,
    /// Author names.
    pub authors: Vec<String>,
}

/// Whether a DOI is one arXiv assigns to its own preprints.
fn is_arxiv_doi(doi: &str) -> bool {
    doi.trim().starts_with("10.48550/")
}

impl ArxivEntry {
    /// Public abstract page.
    pub fn abs_url(&self) -> String {
        format!("https://arxiv.org/abs/{}", self.id)
    }

    /// The DOI of a publication of this paper: not arXiv's own DataCite DOI
    /// (`10.48550/arXiv.…`), which names the preprint itself.
    pub fn publication_doi(&self) -> Option<&str> {
        self.doi.as_deref().filter(|d| !is_arxiv_doi(d))
    }

    /// The facts this entry shows.
    pub fn facts(&self, url: &str) -> Vec<Fact> {
        let subject = format!("arxiv:{}", self.id);
        let mut out = vec![Fact::new("arxiv.paper", &subject, &self.title, url, format!("{} — {}", self.title, self.summary))];
        if let Some(j) = &self.journal_ref {
            out.push(Fact::new("arxiv.journal_ref", &subject, j, url, format!("journal_ref: {j}")));
        }
        if let Some(d) = self.publication_doi() {
            out.push(Fact::new("arxiv.doi", &subject, d, url, format!("doi: {d}")));
        }
        if let Some(c) = &self.comment {
            out.push(Fact::new("arxiv.comment", &subject, c, url, format!("comment: {c}")));
        }
        out
    }
}

/// Parses an arXiv Atom feed into its entries. An empty feed is `Ok(vec![])`;
/// the API's error entries (title "Error") are skipped.
pub fn parse_feed(body: &[u8]) -> Result<Vec<ArxivEntry>, ParseError> {
    let text = crate::error::utf8("arXiv feed", body)?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut entries = Vec::new();
    let mut current: Option<ArxivEntry> = None;
    let mut path: Vec<String> = Vec::new();
    let mut buf_text = String::new();
    let mut saw_feed = false;
    loop {
        match reader.read_event() {
            Err(e) => return Err(ParseError::Xml { what: "arXiv feed", reason: e.to_string() }),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                let name = local(e.name().as_ref());
                if name == "feed" {
                    saw_feed = true;
                }
                if name == "entry" {
                    current = Some(ArxivEntry::default());
                }
                buf_text.clear();
                path.push(name);
            }
            Ok(Event::Empty(e)) => {
                let name = local(e.name().as_ref());
                if let Some(cur) = current.as_mut() {
                    if name == "category" {
                        for a in e.attributes().flatten() {
                            if a.key.as_ref() == b"term" {
                                cur.categories.push(String::from_utf8_lossy(&a.value).into_owned());
                            }
                        }
                    }
                }
            }
            Ok(Event::Text(t)) => {
                let s = t.unescape().map_err(|e| ParseError::Xml { what: "arXiv feed", reason: e.to_string() })?;
                buf_text.push_str(&s);
            }
            Ok(Event::CData(t)) => buf_text.push_str(&String::from_utf8_lossy(&t)),
            Ok(Event::End(e)) => {
                let name = local(e.name().as_ref());
                path.pop();
                let parent = path.last().map(|s| s.as_str()).unwrap_or("");
                let value = collapse(&buf_text);
                if let Some(cur) = current.as_mut() {
                    match (name.as_str(), parent) {
                        ("id", "entry") => cur.id = id_from_abs_url(&value),
                        ("title", "entry") => cur.title = value,
                        ("summary", "entry") => cur.summary = value,
                        ("comment", "entry") => cur.comment = Some(value).filter(|v| !v.is_empty()),
                        ("journal_ref", "entry") => cur.journal_ref = Some(value).filter(|v| !v.is_empty()),
                        ("doi", "entry") => cur.doi = Some(value).filter(|v| !v.is_empty()),
                        ("published", "entry") => cur.published = Some(value),
                        ("name", "author") => cur.authors.push(value),
                        _ => {}
                    }
                }
                if name == "entry" {
                    if let Some(e) = current.take() {
                        if !e.id.is_empty() && e.title != "Error" {
                            entries.push(e);
                        }
                    }
                }
                buf_text.clear();
            }
            Ok(_) => {}
        }
    }
    if !saw_feed {
        return Err(ParseError::Xml { what: "arXiv feed", reason: "no <feed> element".into() });
    }
    Ok(entries)
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    s.rsplit(':').next().unwrap_or(&s).to_string()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn id_from_abs_url(u: &str) -> String {
    let tail = u.split("/abs/").nth(1).unwrap_or(u);
    crate::links::arxiv_id(tail).unwrap_or_else(|| tail.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>ArXiv Query</title>
  <entry>
    <id>http://arxiv.org/abs/2401.04088v2</id>
    <published>2024-01-08T18:47:34Z</published>
    <title>Widgets of
      Experts</title>
    <summary>We introduce &amp; evaluate.</summary>
    <author><name>A. Author</name></author>
    <arxiv:comment>Accepted at NeurIPS 2024</arxiv:comment>
    <arxiv:journal_ref>Proc. ACL 2024</arxiv:journal_ref>
    <arxiv:doi>10.18653/v1/x</arxiv:doi>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
  <entry><id>http://arxiv.org/abs/2302.13971v1</id><title>Gizmo</title><summary>S</summary></entry>
</feed>"#;

    #[test]
    fn parses_batch_feed() {
        let e = parse_feed(FEED.as_bytes()).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].id, "2401.04088");
        assert_eq!(e[0].title, "Widgets of Experts");
        assert_eq!(e[0].summary, "We introduce & evaluate.");
        assert_eq!(e[0].comment.as_deref(), Some("Accepted at NeurIPS 2024"));
        assert_eq!(e[0].journal_ref.as_deref(), Some("Proc. ACL 2024"));
        assert_eq!(e[0].categories, vec!["cs.LG"]);
        assert_eq!(e[0].authors, vec!["A. Author"]);
        assert_eq!(e[1].id, "2302.13971");
    }

    #[test]
    fn empty_and_malformed_feeds() {
        assert!(parse_feed(br#"<feed xmlns="http://www.w3.org/2005/Atom"></feed>"#).unwrap().is_empty());
        assert!(parse_feed(b"<feed><entry><id>x</entry></feed>").is_err());
        assert!(parse_feed(b"not xml at all").is_err());
        assert!(parse_feed(&[0xff, 0xfe, 0x00]).is_err());
    }
}
