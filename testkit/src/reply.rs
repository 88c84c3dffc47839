//! Canned answers: [`Reply`] and its delivery [`Behaviour`].

use std::borrow::Borrow;

/// How the body of a [`Reply`] is delivered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Behaviour {
    /// Send the whole body with a correct `Content-Length`.
    #[default]
    Normal,
    /// Declare the full length, send this many body bytes, then hang until the
    /// client gives up (or the server is dropped).
    StallAfter(usize),
    /// Declare this (larger) `Content-Length`, send the body, then close the
    /// connection: the client sees a truncated body.
    ContentLength(u64),
    /// Send exactly this many bytes by repeating `body` (a built-in pattern
    /// when `body` is empty). Generated while streaming, so 50 MB cost little memory.
    Repeat(u64),
}

/// One canned HTTP answer.
///
/// Without a `Content-Type` header the server guesses one from the body the way
/// the Python mirror does. A `Location` given as a public URL (`https://host/path`)
/// or as an absolute path is rewritten to point back at the fake server.
#[derive(Clone, Debug)]
pub struct Reply {
    /// HTTP status code.
    pub status: u16,
    /// Extra headers, in order (`Content-Length` is always computed by the server).
    pub headers: Vec<(String, String)>,
    /// The body (the repeated unit for [`Behaviour::Repeat`]).
    pub body: Vec<u8>,
    /// How the body is sent.
    pub behaviour: Behaviour,
}

impl Reply {
    /// A reply with this status and body, no headers, normal delivery.
    pub fn bytes(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.into(),
            behaviour: Behaviour::Normal,
        }
    }

    /// 200 with a JSON body (`application/json; charset=utf-8`).
    pub fn json(v: impl Borrow<serde_json::Value>) -> Reply {
        let body = serde_json::to_vec(v.borrow()).expect("a JSON value always serialises");
        Reply::bytes(200, body).with_header("Content-Type", "application/json; charset=utf-8")
    }

    /// 200 with a plain-text body (`text/plain; charset=utf-8`).
    pub fn text(s: impl AsRef<str>) -> Reply {
        Reply::bytes(200, s.as_ref()).with_header("Content-Type", "text/plain; charset=utf-8")
    }

    /// 200 with an HTML body (`text/html; charset=utf-8`).
    pub fn html(s: impl AsRef<str>) -> Reply {
        Reply::bytes(200, s.as_ref()).with_header("Content-Type", "text/html; charset=utf-8")
    }

    /// This status with an empty body (e.g. `Reply::status(503)`).
    pub fn status(code: u16) -> Reply {
        Reply::bytes(code, Vec::new())
    }

    /// A redirect (301, 302, 307, 308 …) to a public URL such as
    /// `https://huggingface.co/org/new-name`; the server rewrites it to the mirror.
    pub fn redirect(code: u16, location: &str) -> Reply {
        Reply::status(code).with_header("Location", location)
    }

    /// 200 with `len` bytes of generated text (`application/octet-stream`),
    /// streamed lazily (see [`Behaviour::Repeat`]).
    pub fn huge(len: u64) -> Reply {
        Reply::bytes(200, Vec::new())
            .with_header("Content-Type", "application/octet-stream")
            .with_behaviour(Behaviour::Repeat(len))
    }

    /// Adds a header, replacing an earlier one of the same name (case-insensitive).
    pub fn with_header(mut self, k: &str, v: &str) -> Reply {
        self.headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case(k));
        self.headers.push((k.to_string(), v.to_string()));
        self
    }

    /// Sets how the body is delivered.
    pub fn with_behaviour(mut self, behaviour: Behaviour) -> Reply {
        self.behaviour = behaviour;
        self
    }

    /// The value of a header set on this reply (case-insensitive name).
    pub fn header(&self, k: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.as_str())
    }
}

/// Content type guessed from the first bytes of a body, as the mirror does:
/// JSON, Atom (XML with a `<feed>`), other XML, HTML, else plain text.
pub fn guess_content_type(body: &[u8]) -> &'static str {
    let head = &body[..body.len().min(1024)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"{") || head.starts_with(b"[") {
        "application/json; charset=utf-8"
    } else if head.starts_with(b"<?xml") || head.starts_with(b"<feed") {
        if head.windows(5).any(|w| w == b"<feed") {
            "application/atom+xml; charset=utf-8"
        } else {
            "application/xml; charset=utf-8"
        }
    } else if head.starts_with(b"<") {
        "text/html; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_like_the_mirror() {
        assert_eq!(
            guess_content_type(b" {\"a\":1}"),
            "application/json; charset=utf-8"
        );
        assert_eq!(
            guess_content_type(b"[1]"),
            "application/json; charset=utf-8"
        );
        assert_eq!(
            guess_content_type(b"<?xml version=\"1.0\"?>\n<feed xmlns=\"x\"/>"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            guess_content_type(b"<?xml version=\"1.0\"?><a/>"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(
            guess_content_type(b"\xef\xbb\xbf<html>"),
            "text/html; charset=utf-8"
        );
        assert_eq!(guess_content_type(b"# Title"), "text/plain; charset=utf-8");
        assert_eq!(guess_content_type(b""), "text/plain; charset=utf-8");
    }

    #[test]
    fn with_header_replaces_same_name() {
        let r = Reply::text("x").with_header("content-type", "text/markdown");
        assert_eq!(r.headers.len(), 1);
        assert_eq!(r.header("Content-Type"), Some("text/markdown"));
    }
}
