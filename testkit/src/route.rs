//! Stored answers and how a request path finds one: exact key, Hugging Face
//! aliases, case folding, and the arXiv `api/query` merge.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use hyper::header::{HeaderName, HeaderValue};
use percent_encoding::{percent_decode_str, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

use crate::reply::{guess_content_type, Behaviour, Reply};

pub(crate) const GITHUB_API: &str = "api.github.com";
const ARXIV_API_HOSTS: [&str; 2] = ["export.arxiv.org", "arxiv.org"];
/// Hosts whose live service matches owner/repository names without regard to case.
const CASE_INSENSITIVE_HOSTS: [&str; 2] = ["api.github.com", "huggingface.co"];

const NOT_FOUND_BODY: &[u8] = br#"{"error":"Not Found"}"#;
const GITHUB_NOT_FOUND_BODY: &[u8] =
    br#"{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"#;
pub(crate) const JSON: &str = "application/json; charset=utf-8";

/// A request target split into lower-case host, decoded path segments and query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub host: String,
    pub segments: Vec<String>,
    pub query: Option<String>,
}

impl Target {
    /// From a mirror request path `/HOST/PATH` and its query.
    pub fn from_mirror_path(path: &str, query: Option<&str>) -> Target {
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        let mut segs = decoded.split('/').filter(|s| !s.is_empty());
        let host = segs.next().unwrap_or("").to_ascii_lowercase();
        Target {
            host,
            segments: segs.map(str::to_string).collect(),
            query: query.map(str::to_string),
        }
    }

    /// From a public URL `https://HOST/PATH?Q` (scheme optional, fragment dropped).
    pub fn from_public(url: &str) -> Target {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .unwrap_or(url);
        let rest = rest.split('#').next().unwrap_or("");
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };
        Target::from_mirror_path(&format!("/{path}"), query)
    }

    /// `host/seg/seg`: the key answers are stored under.
    pub fn key(&self) -> String {
        join_key(&self.host, &self.segments)
    }

    /// `/seg/seg`, as logged.
    pub fn path(&self) -> String {
        format!("/{}", self.segments.join("/"))
    }

    /// True when the target cannot name a stored answer (no host, `.` or `..`).
    pub fn is_invalid(&self) -> bool {
        self.host.is_empty() || self.segments.iter().any(|s| s == "." || s == "..")
    }
}

fn join_key(host: &str, segments: &[String]) -> String {
    let mut key = host.to_string();
    for s in segments {
        key.push('/');
        key.push_str(s);
    }
    key
}

/// A reply made ready to serve: headers parsed, ETag computed once.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub status: u16,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Bytes,
    pub behaviour: Behaviour,
    /// The ETag `If-None-Match` is compared with (200 answers only).
    pub etag: Option<String>,
    /// The `Last-Modified` the reply set (200 answers only).
    pub last_modified: Option<String>,
}

impl Prepared {
    /// Prepares `reply` for a server listening on `port`.
    pub fn new(reply: Reply, host: &str, port: u16) -> Prepared {
        assert!(
            hyper::StatusCode::from_u16(reply.status).is_ok(),
            "invalid HTTP status {}",
            reply.status
        );
        let mut headers = Vec::with_capacity(reply.headers.len() + 2);
        let mut has_type = false;
        let mut etag = None;
        let mut last_modified = None;
        for (k, v) in &reply.headers {
            let name = HeaderName::from_bytes(k.as_bytes())
                .unwrap_or_else(|e| panic!("invalid header name {k:?}: {e}"));
            if matches!(
                name.as_str(),
                "content-length" | "transfer-encoding" | "connection" | "keep-alive"
            ) {
                continue;
            }
            let value = if name == hyper::header::LOCATION {
                rewrite_location(v, host, port)
            } else {
                v.clone()
            };
            match name.as_str() {
                "content-type" => has_type = true,
                "etag" => etag = Some(value.clone()),
                "last-modified" => last_modified = Some(value.clone()),
                _ => {}
            }
            let value = HeaderValue::from_str(&value)
                .unwrap_or_else(|e| panic!("invalid value for header {k}: {value:?}: {e}"));
            headers.push((name, value));
        }
        if !has_type {
            headers.push((
                hyper::header::CONTENT_TYPE,
                HeaderValue::from_static(guess_content_type(&reply.body)),
            ));
        }
        let cacheable = reply.status == 200;
        if cacheable && etag.is_none() {
            let mut hasher = Sha256::new();
            hasher.update(&reply.body);
            if let Behaviour::Repeat(len) = reply.behaviour {
                hasher.update(format!("\0repeat:{len}"));
            }
            let tag = format!("\"{}\"", &hex::encode(hasher.finalize())[..16]);
            headers.push((
                hyper::header::ETAG,
                HeaderValue::from_str(&tag).expect("hex is a valid header value"),
            ));
            etag = Some(tag);
        }
        Prepared {
            status: reply.status,
            headers,
            body: Bytes::from(reply.body),
            behaviour: reply.behaviour,
            etag: etag.filter(|_| cacheable),
            last_modified: last_modified.filter(|_| cacheable),
        }
    }

    /// The 404 the mirror gives for `host` (GitHub's own JSON for api.github.com).
    pub fn not_found(host: &str) -> Prepared {
        let body = if host == GITHUB_API {
            GITHUB_NOT_FOUND_BODY
        } else {
            NOT_FOUND_BODY
        };
        Prepared::new(
            Reply::bytes(404, body).with_header("Content-Type", JSON),
            host,
            0,
        )
    }
}

/// Keeps redirects on the fake: `https://H/P` becomes `http://127.0.0.1:PORT/H/P`,
/// `/P` becomes `http://127.0.0.1:PORT/HOST/P`; anything else is left alone.
pub(crate) fn rewrite_location(location: &str, host: &str, port: u16) -> String {
    let base = format!("http://127.0.0.1:{port}");
    let rest = location
        .strip_prefix("https://")
        .or_else(|| location.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let (netloc, tail) = rest.split_at(end);
            let tail = if tail.starts_with('/') {
                tail.to_string()
            } else {
                format!("/{tail}")
            };
            format!("{base}/{}{tail}", netloc.to_ascii_lowercase())
        }
        None if location.starts_with('/') && !location.starts_with("//") => {
            format!("{base}/{host}{location}")
        }
        None => location.to_string(),
    }
}

/// One stored URL: a single reply, or a sequence whose last reply repeats.
#[derive(Debug)]
pub(crate) struct Route {
    replies: Vec<Arc<Prepared>>,
    next: AtomicUsize,
}

impl Route {
    pub fn new(replies: Vec<Prepared>) -> Route {
        assert!(!replies.is_empty(), "a route needs at least one reply");
        Route {
            replies: replies.into_iter().map(Arc::new).collect(),
            next: AtomicUsize::new(0),
        }
    }

    /// The reply the next request would get, without using it up.
    pub fn peek(&self) -> Arc<Prepared> {
        let i = self.next.load(Ordering::Relaxed);
        self.replies[i.min(self.replies.len() - 1)].clone()
    }

    /// The reply for this request; moves the sequence on.
    pub fn take(&self) -> Arc<Prepared> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        self.replies[i.min(self.replies.len() - 1)].clone()
    }
}

/// What a request path resolved to.
pub(crate) enum Lookup {
    Route(Arc<Route>),
    /// A freshly built arXiv API feed.
    Feed(Prepared),
    Missing,
}

/// All stored answers.
#[derive(Default)]
pub(crate) struct Routes {
    exact: HashMap<String, Arc<Route>>,
    /// Lower-cased key → stored keys, for the case-insensitive hosts.
    folded: HashMap<String, BTreeSet<String>>,
    /// arXiv id (as stored) → its `<entry>` elements.
    arxiv: HashMap<String, Vec<String>>,
}

impl Routes {
    pub fn insert(&mut self, key: String, route: Route) {
        self.folded
            .entry(key.to_lowercase())
            .or_default()
            .insert(key.clone());
        self.exact.insert(key, Arc::new(route));
    }

    pub fn remove(&mut self, key: &str) {
        self.exact.remove(key);
        let lower = key.to_lowercase();
        if let Some(set) = self.folded.get_mut(&lower) {
            set.remove(key);
            if set.is_empty() {
                self.folded.remove(&lower);
            }
        }
    }

    pub fn set_arxiv(&mut self, id: &str, xml: &str) {
        let mut entries = extract_entries(xml);
        if entries.is_empty() {
            entries.push(xml.trim().to_string());
        }
        self.arxiv.insert(id.trim().to_string(), entries);
    }

    pub fn remove_arxiv(&mut self, id: &str) {
        self.arxiv.remove(id.trim());
    }

    /// Resolves a request: exact key, then aliases, then (for GitHub and
    /// Hugging Face) the same without regard to case.
    pub fn find(&self, t: &Target) -> Lookup {
        let key = t.key();
        if let Some(route) = self.exact.get(&key) {
            return Lookup::Route(route.clone());
        }
        if ARXIV_API_HOSTS.contains(&t.host.as_str()) && t.segments == ["api", "query"] {
            return Lookup::Feed(self.arxiv_feed(t.query.as_deref().unwrap_or("")));
        }
        let candidates: Vec<String> = std::iter::once(key)
            .chain(aliases(&t.host, &t.segments))
            .collect();
        for c in &candidates[1..] {
            if let Some(route) = self.exact.get(c) {
                return Lookup::Route(route.clone());
            }
        }
        if CASE_INSENSITIVE_HOSTS.contains(&t.host.as_str()) {
            for c in &candidates {
                let hit = self
                    .folded
                    .get(&c.to_lowercase())
                    .and_then(|keys| keys.iter().next())
                    .and_then(|k| self.exact.get(k));
                if let Some(route) = hit {
                    return Lookup::Route(route.clone());
                }
            }
        }
        Lookup::Missing
    }

    /// Stored entries for an id: as given, then without its version; an id
    /// without a version also finds the highest stored version.
    fn arxiv_entries(&self, id: &str) -> Option<&Vec<String>> {
        if let Some(e) = self.arxiv.get(id) {
            return Some(e);
        }
        if let Some(base) = strip_version(id) {
            return self.arxiv.get(base);
        }
        self.arxiv
            .iter()
            .filter_map(|(k, v)| {
                let n: u32 = k.strip_prefix(id)?.strip_prefix('v')?.parse().ok()?;
                Some((n, v))
            })
            .max_by_key(|(n, _)| *n)
            .map(|(_, v)| v)
    }

    /// One Atom feed with the stored entries of `id_list`, in the order asked.
    fn arxiv_feed(&self, query: &str) -> Prepared {
        let params = parse_query(query);
        let param = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        let ids = params
            .iter()
            .filter(|(k, _)| k == "id_list")
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let mut entries: Vec<&str> = Vec::new();
        for id in ids {
            if let Some(found) = self.arxiv_entries(id) {
                entries.extend(found.iter().map(String::as_str));
            }
        }
        let count = |name| param(name).and_then(|v| v.trim().parse::<usize>().ok());
        let start = count("start").unwrap_or(0);
        let max_results = count("max_results").unwrap_or(10);
        let total = entries.len();
        let shown: Vec<&str> = entries.into_iter().skip(start).take(max_results).collect();
        let body = build_feed(query, &shown, total, start, max_results);
        Prepared::new(
            Reply::bytes(200, body)
                .with_header("Content-Type", "application/atom+xml; charset=utf-8"),
            "export.arxiv.org",
            0,
        )
    }
}

/// Hugging Face aliases, as the mirror tries them when the exact path is not stored.
fn aliases(host: &str, segs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if host != "huggingface.co" || segs.is_empty() {
        return out;
    }
    if segs[0] == "api" {
        // api/(models|datasets|spaces)/NAME…/revision/REV…  →  api/KIND/NAME…
        if segs.len() >= 5 && matches!(segs[1].as_str(), "models" | "datasets" | "spaces") {
            if let Some(i) = (3..segs.len() - 1).find(|&i| segs[i] == "revision") {
                out.push(join_key(host, &segs[..i]));
            }
        }
    } else if let Some(i) =
        (1..segs.len().saturating_sub(2)).find(|&i| matches!(segs[i].as_str(), "resolve" | "raw"))
    {
        // [datasets/]REPO…/(resolve|raw)/REV/FILE…  →  [datasets/]REPO…/raw/main/FILE…
        let mut alias: Vec<String> = segs[..i].to_vec();
        alias.extend(["raw".to_string(), "main".to_string()]);
        alias.extend_from_slice(&segs[i + 2..]);
        if alias != segs {
            out.push(join_key(host, &alias));
        }
    }
    out
}

/// `2402.00838v2` → `Some("2402.00838")`; `None` when there is no version suffix.
fn strip_version(id: &str) -> Option<&str> {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let base = id[..id.len() - digits].strip_suffix('v')?;
    (!base.is_empty()).then_some(base)
}

/// `a=1&b=x%2Cy` → pairs, form-decoded (`+` is a space).
pub(crate) fn parse_query(q: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// The `<entry>…</entry>` elements of a feed (or of a lone entry).
fn extract_entries(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<entry") {
        let after = &rest[start + 6..];
        if !after.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            rest = after;
            continue;
        }
        let Some(end) = after.find("</entry>") else {
            break;
        };
        let stop = start + 6 + end + "</entry>".len();
        out.push(rest[start..stop].to_string());
        rest = &rest[stop..];
    }
    out
}

pub(crate) fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Characters Python's `quote(…, safe="=&,:")` leaves alone (besides alphanumerics).
const QUERY_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b'/')
    .remove(b'=')
    .remove(b'&')
    .remove(b',')
    .remove(b':');

fn build_feed(
    query: &str,
    entries: &[&str],
    total: usize,
    start: usize,
    per_page: usize,
) -> String {
    let updated = entries
        .iter()
        .filter_map(|e| {
            let from = e.find("<updated>")? + "<updated>".len();
            let len = e[from..].find("</updated>")?;
            Some(e[from..from + len].trim())
        })
        .max()
        .unwrap_or("1970-01-01T00:00:00Z");
    let shown = percent_decode_str(query).decode_utf8_lossy();
    let link = percent_encoding::utf8_percent_encode(&shown, QUERY_KEEP).to_string();
    let digest = &hex::encode(Sha256::digest(query.as_bytes()))[..27];
    let mut out = String::with_capacity(600 + entries.iter().map(|e| e.len() + 3).sum::<usize>());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" \
         xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" \
         xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n",
    );
    out.push_str(&format!(
        "  <link href=\"http://arxiv.org/api/query?{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        xml_escape(&link)
    ));
    out.push_str(&format!(
        "  <title type=\"html\">ArXiv Query: {}</title>\n",
        xml_escape(&shown)
    ));
    out.push_str(&format!("  <id>http://arxiv.org/api/{digest}</id>\n"));
    out.push_str(&format!("  <updated>{}</updated>\n", xml_escape(updated)));
    out.push_str(&format!(
        "  <opensearch:totalResults>{total}</opensearch:totalResults>\n"
    ));
    out.push_str(&format!(
        "  <opensearch:startIndex>{start}</opensearch:startIndex>\n"
    ));
    out.push_str(&format!(
        "  <opensearch:itemsPerPage>{per_page}</opensearch:itemsPerPage>\n"
    ));
    for e in entries {
        out.push_str("  ");
        out.push_str(e);
        out.push('\n');
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(path: &str) -> Target {
        Target::from_mirror_path(path, None)
    }

    #[test]
    fn targets_normalise_and_decode() {
        let a = t("/WWW.Example.org//blog/my%20post/");
        assert_eq!(a.key(), "www.example.org/blog/my post");
        assert_eq!(a.path(), "/blog/my post");
        let b = Target::from_public("https://www.example.org/blog/my%20post?x=1#frag");
        assert_eq!(b.key(), a.key());
        assert_eq!(b.query.as_deref(), Some("x=1"));
        assert!(t("/h/a/../b").is_invalid());
        assert!(t("/").is_invalid());
    }

    #[test]
    fn hugging_face_aliases() {
        let segs = |p: &str| t(p).segments;
        assert_eq!(
            aliases("huggingface.co", &segs("/x/api/models/o/n/revision/abc")),
            ["huggingface.co/api/models/o/n"]
        );
        assert_eq!(
            aliases("huggingface.co", &segs("/x/o/n/resolve/v1.0/sub/README.md")),
            ["huggingface.co/o/n/raw/main/sub/README.md"]
        );
        assert_eq!(
            aliases(
                "huggingface.co",
                &segs("/x/datasets/o/n/resolve/main/README.md")
            ),
            ["huggingface.co/datasets/o/n/raw/main/README.md"]
        );
        assert!(aliases("huggingface.co", &segs("/x/o/n/raw/main/README.md")).is_empty());
        assert!(aliases("example.org", &segs("/x/o/n/resolve/main/README.md")).is_empty());
    }

    #[test]
    fn versions_and_locations() {
        assert_eq!(strip_version("2402.00838v2"), Some("2402.00838"));
        assert_eq!(strip_version("2402.00838"), None);
        assert_eq!(strip_version("hep-th/9901001v3"), Some("hep-th/9901001"));
        assert_eq!(
            rewrite_location("https://HF.co/a?b=1", "x", 9),
            "http://127.0.0.1:9/hf.co/a?b=1"
        );
        assert_eq!(
            rewrite_location("https://hf.co", "x", 9),
            "http://127.0.0.1:9/hf.co/"
        );
        assert_eq!(
            rewrite_location("/p/q", "h.org", 9),
            "http://127.0.0.1:9/h.org/p/q"
        );
        assert_eq!(rewrite_location("rel/path", "h.org", 9), "rel/path");
    }

    #[test]
    fn query_parsing_and_entries() {
        assert_eq!(
            parse_query("id_list=a%2Cb&max_results=2&flag"),
            [
                ("id_list".to_string(), "a,b".to_string()),
                ("max_results".to_string(), "2".to_string()),
                ("flag".to_string(), String::new())
            ]
        );
        let feed = "<feed><entry><id>1</id></entry><entryx/><entry a=\"1\">2</entry></feed>";
        assert_eq!(
            extract_entries(feed),
            ["<entry><id>1</id></entry>", "<entry a=\"1\">2</entry>"]
        );
    }
}
