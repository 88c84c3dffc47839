//! Finding and classifying the links that evidence texts point to.
//!
//! Cards, READMEs, abstracts and vendor pages name the other pieces of a model:
//! base models, datasets, repositories, papers, packages. This module pulls those
//! references out of free text and sorts them by what they point at.

use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

/// What a link or textual reference points at.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Link {
    /// A Hugging Face model repository (`org/name`).
    HfModel(String),
    /// A Hugging Face dataset repository (`org/name` or a canonical `name`).
    HfDataset(String),
    /// A Hugging Face Space (`org/name`).
    HfSpace(String),
    /// A Hugging Face collection (`owner/slug`).
    HfCollection(String),
    /// An arXiv paper id without version (`2401.04088`).
    Arxiv(String),
    /// A GitHub repository (`owner/repo`) and the path inside it, if any.
    Github { repo: String, path: String },
    /// A PyPI project name.
    Pypi(String),
    /// A DOI (`10.18653/v1/2022.acl-long.26`).
    Doi(String),
    /// An ACL Anthology paper id.
    AclAnthology(String),
    /// An OpenReview forum or pdf id.
    OpenReview(String),
    /// Any other http(s) page.
    Web(String),
}

fn url_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"https?://[^\s<>"'`\)\]\}|\\]+"#).unwrap())
}

fn arxiv_text_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\barxiv(?:\s*:\s*|\s+(?:preprint\s+)?(?:arxiv:)?)(\d{4}\.\d{4,5})(?:v\d+)?").unwrap()
    })
}

fn pip_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?m)\bpip3?\s+install\s+((?:-{1,2}[\w-]+(?:=\S+)?\s+)*)["']?([A-Za-z0-9][A-Za-z0-9._-]*(?:\[[\w,.-]+\])?)([+:/@]?)"#).unwrap()
    })
}

/// Every http(s) URL in `text`, trimmed of trailing punctuation, in order of appearance,
/// without duplicates.
pub fn urls_in(text: &str) -> Vec<String> {
    let mut out = Unique::default();
    for m in url_re().find_iter(text) {
        // An HTML character reference ends a URL written into escaped markup
        // ("(https://github.com/o/r&#41;" is "(https://github.com/o/r)").
        let raw = m.as_str().replace("&amp;", "&");
        let raw = ["&#", "&quot;", "&lt;", "&gt;", "&nbsp;"].iter().filter_map(|e| raw.find(e)).min().map_or(raw.as_str(), |cut| &raw[..cut]);
        let mut u = raw.trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_', '>']).to_string();
        // Unbalanced closing parenthesis from Markdown `[x](url)` was excluded by the regex;
        // strip an unbalanced trailing quote or bracket leftovers.
        while u.ends_with(['\'', '"']) {
            u.pop();
        }
        out.push(u);
    }
    out.items
}

/// arXiv ids named in prose ("arXiv:2304.12244", "arXiv preprint arXiv:2302.13971").
pub fn arxiv_ids_in_text(text: &str) -> Vec<String> {
    let mut out = Unique::default();
    for c in arxiv_text_re().captures_iter(text).chain(eprint_re().captures_iter(text)) {
        out.push(c[1].to_string());
    }
    out.items
}

fn eprint_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"(?i)\beprint\s*=\s*[{"]\s*(\d{4}\.\d{4,5})(?:v\d+)?\s*[}"]"#).unwrap())
}

/// PyPI project names from `pip install NAME` commands in `text` (not local paths,
/// not `-r requirements.txt`, not git URLs).
pub fn pip_installs_in(text: &str) -> Vec<String> {
    let mut out = Unique::default();
    for c in pip_re().captures_iter(text) {
        let flags = c.get(1).map(|m| m.as_str()).unwrap_or("");
        // A requirements file, an editable checkout, or a URL (`git+https://…`, `name @ url`
        // written without spaces) names no PyPI project.
        // (Flags compared whole: `--force-reinstall` is no `-r`; `-Ur` is.)
        let names_file = flags.split_whitespace().map(|f| f.split('=').next().unwrap_or(f)).any(|f| {
            matches!(f, "--requirement" | "--editable" | "--constraint") || (f.starts_with('-') && !f.starts_with("--") && f.contains(['r', 'e', 'c']))
        });
        if names_file || !c[3].is_empty() {
            continue;
        }
        let name = c[2].split('[').next().unwrap_or("").trim_end_matches(['.', ',']);
        if name.is_empty() || name.contains('/') || name == "." || name.ends_with(".txt") {
            continue;
        }
        out.push(name.to_string());
    }
    out.items
}

/// First path segments of huggingface.co that are site pages, not organisations.
pub const HF_RESERVED: &[&str] = &[
    "docs", "blog", "spaces", "datasets", "models", "papers", "api", "join", "login", "pricing",
    "settings", "organizations", "collections", "new", "tasks", "learn", "posts", "chat",
    "inference-api", "inference-endpoints", "enterprise", "terms-of-service", "privacy",
    "huggingface", "changelog", "search",
];

/// Classifies one URL. Returns `None` for URLs that are not http(s).
pub fn classify(url: &str) -> Option<Link> {
    let parsed = url::Url::parse(url).ok()?;
    if parsed.scheme() != "http" && parsed.scheme() != "https" {
        return None;
    }
    let host = parsed.host_str()?.trim_start_matches("www.").to_lowercase();
    let segs: Vec<String> = parsed
        .path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).map(|x| x.to_string()).collect())
        .unwrap_or_default();
    let seg = |i: usize| segs.get(i).map(|s| s.as_str()).unwrap_or("");
    let web = || Some(Link::Web(url.to_string()));
    match host.as_str() {
        "huggingface.co" | "hf.co" => {
            // An image or video kept in a repository (a card's banner) is an asset, not a
            // reference to the dataset or model that hosts it.
            if segs.is_empty() || segs.last().is_some_and(|f| is_media_file(f)) {
                return web();
            }
            match seg(0) {
                "datasets" if segs.len() >= 2 => {
                    if segs.len() >= 3 && !is_hf_subpage(seg(2)) {
                        Some(Link::HfDataset(format!("{}/{}", seg(1), seg(2))))
                    } else {
                        Some(Link::HfDataset(seg(1).to_string()))
                    }
                }
                "spaces" if segs.len() >= 3 => Some(Link::HfSpace(format!("{}/{}", seg(1), seg(2)))),
                "collections" if segs.len() >= 3 => Some(Link::HfCollection(format!("{}/{}", seg(1), seg(2)))),
                "papers" if segs.len() >= 2 => arxiv_id(seg(1)).map(Link::Arxiv).or_else(web),
                s if HF_RESERVED.contains(&s) => web(),
                _ if segs.len() >= 2 && !is_hf_subpage(seg(1)) => {
                    Some(Link::HfModel(format!("{}/{}", seg(0), seg(1))))
                }
                _ => web(),
            }
        }
        "arxiv.org" | "export.arxiv.org" => {
            if matches!(seg(0), "abs" | "pdf" | "html") && segs.len() >= 2 {
                let raw = segs[1..].join("/");
                let raw = raw.trim_end_matches(".pdf");
                arxiv_id(raw).map(Link::Arxiv).or_else(web)
            } else {
                web()
            }
        }
        "github.com" => {
            if segs.len() >= 2 && !GITHUB_RESERVED.contains(&seg(0)) {
                let repo_name = seg(1).trim_end_matches(".git");
                Some(Link::Github {
                    repo: format!("{}/{}", seg(0), repo_name),
                    path: segs[2..].join("/"),
                })
            } else {
                web()
            }
        }
        "raw.githubusercontent.com" if segs.len() >= 2 => Some(Link::Github {
            repo: format!("{}/{}", seg(0), seg(1)),
            path: segs[2..].join("/"),
        }),
        "pypi.org" if seg(0) == "project" && segs.len() >= 2 => Some(Link::Pypi(seg(1).to_string())),
        "doi.org" | "dx.doi.org" if segs.len() >= 2 => Some(Link::Doi(segs.join("/"))),
        "aclanthology.org" | "aclweb.org" if !segs.is_empty() => {
            let id = segs.last().unwrap().trim_end_matches(".pdf").trim_end_matches('/');
            Some(Link::AclAnthology(id.to_string()))
        }
        "openreview.net" => {
            let id = parsed.query_pairs().find(|(k, _)| k == "id").map(|(_, v)| v.to_string());
            id.map(Link::OpenReview).or_else(web)
        }
        _ => web(),
    }
}

/// Whether a path segment names an image or video file.
fn is_media_file(segment: &str) -> bool {
    let lower = segment.to_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".mp4", ".webm"].iter().any(|e| lower.ends_with(e))
}

const GITHUB_RESERVED: &[&str] = &[
    "orgs", "topics", "features", "about", "pricing", "sponsors", "marketplace", "settings",
    "login", "join", "explore", "collections", "enterprise", "apps", "site", "security",
];

fn is_hf_subpage(s: &str) -> bool {
    matches!(s, "tree" | "blob" | "resolve" | "raw" | "discussions" | "commits" | "viewer")
}

/// Normalises an arXiv id (`2401.04088v2` → `2401.04088`); `None` if it is not one.
pub fn arxiv_id(s: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$").unwrap()
    });
    re.captures(s.trim()).map(|c| c[1].to_string())
}

/// Every reference found in `text`: classified URLs, arXiv ids named in prose and
/// `pip install` packages, without duplicates, in order of appearance. A plain web URL
/// that only a fenced code block holds is an example (an endpoint, `localhost:8000`), not a
/// page to read; repositories, papers and packages in code blocks (`git clone …`,
/// `pip install …`) do count.
pub fn references_in(text: &str) -> Vec<Link> {
    let mut out = Unique::default();
    let outside_code: HashSet<String> = urls_in(&crate::card::strip_code_blocks(text)).into_iter().collect();
    for u in urls_in(text) {
        match classify(&u) {
            Some(Link::Web(_)) if !outside_code.contains(&u) => {}
            Some(l) => out.push(l),
            None => {}
        }
    }
    for id in arxiv_ids_in_text(text) {
        out.push(Link::Arxiv(id));
    }
    for p in pip_installs_in(text) {
        out.push(Link::Pypi(p));
    }
    out.items
}

/// Items in order of first appearance, without duplicates (a set beside the list keeps
/// each insertion constant-time on pages with thousands of links).
pub(crate) struct Unique<T> {
    /// The distinct items, in order.
    pub(crate) items: Vec<T>,
    seen: HashSet<T>,
}

impl<T> Default for Unique<T> {
    fn default() -> Self {
        Unique { items: Vec::new(), seen: HashSet::new() }
    }
}

impl<T: Clone + Eq + std::hash::Hash> Unique<T> {
    /// Adds `item` unless it is already there.
    pub(crate) fn push(&mut self, item: T) {
        if self.seen.insert(item.clone()) {
            self.items.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_character_references_end_a_url() {
        assert_eq!(urls_in("[GLM]&#40;https://github.com/o/r&#41;, an open model"), vec!["https://github.com/o/r".to_string()]);
        assert_eq!(urls_in("<a href=\"https://x.org/p?a=1&amp;b=2\">"), vec!["https://x.org/p?a=1&b=2".to_string()]);
    }

    #[test]
    fn classifies_service_urls() {
        assert_eq!(classify("https://huggingface.co/org/model/tree/main"), Some(Link::HfModel("org/model".into())));
        assert_eq!(classify("https://huggingface.co/datasets/org/data"), Some(Link::HfDataset("org/data".into())));
        assert_eq!(classify("https://huggingface.co/datasets/c4"), Some(Link::HfDataset("c4".into())));
        // A banner image kept in a dataset or model repository is no reference to it.
        let banner = "https://huggingface.co/datasets/org/blog-images/resolve/main/widget/Widget%20banner.png";
        assert_eq!(classify(banner), Some(Link::Web(banner.into())));
        let logo = "https://huggingface.co/org/widget/resolve/main/logo.svg";
        assert_eq!(classify(logo), Some(Link::Web(logo.into())));
        assert_eq!(classify("https://huggingface.co/papers/2306.02707"), Some(Link::Arxiv("2306.02707".into())));
        assert_eq!(classify("https://huggingface.co/collections/o/pretraining-data-65a1b2c3"), Some(Link::HfCollection("o/pretraining-data-65a1b2c3".into())));
        assert!(matches!(classify("https://huggingface.co/collections/o"), Some(Link::Web(_))), "an owner's list of collections is a page");
        assert_eq!(classify("https://arxiv.org/pdf/2306.05685.pdf"), Some(Link::Arxiv("2306.05685".into())));
        assert_eq!(classify("https://arxiv.org/abs/2312.06550v2"), Some(Link::Arxiv("2312.06550".into())));
        assert_eq!(
            classify("https://github.com/owner/repo/tree/main/train"),
            Some(Link::Github { repo: "owner/repo".into(), path: "tree/main/train".into() })
        );
        assert_eq!(classify("https://pypi.org/project/pkg/0.1.2/"), Some(Link::Pypi("pkg".into())));
        assert_eq!(classify("https://aclanthology.org/2022.acl-long.26/"), Some(Link::AclAnthology("2022.acl-long.26".into())));
        assert_eq!(classify("https://huggingface.co/docs/transformers"), Some(Link::Web("https://huggingface.co/docs/transformers".into())));
        assert_eq!(classify("ftp://example.org/x"), None);
        assert_eq!(classify("https://github.com/orgs/x"), Some(Link::Web("https://github.com/orgs/x".into())));
    }

    #[test]
    fn finds_urls_in_markdown() {
        let md = "See [repo](https://github.com/a/b). Also <https://example.org/x>, and https://arxiv.org/abs/2401.04088.";
        assert_eq!(urls_in(md), vec!["https://github.com/a/b", "https://example.org/x", "https://arxiv.org/abs/2401.04088"]);
    }

    #[test]
    fn web_urls_of_code_examples_are_not_references() {
        let md = "Serve it:\n\n```python\nclient = OpenAI(base_url=\"http://localhost:8000/v1\")\n# docs: https://docs.example.org/serving\n```\n\n```sh\ngit clone https://github.com/acme/widget\npip install widget-tools\n```\n\nMore at https://docs.example.org/serving and https://acme.example/blog.\n";
        let refs = references_in(md);
        assert_eq!(
            refs,
            vec![
                Link::Web("https://docs.example.org/serving".into()),
                Link::Github { repo: "acme/widget".into(), path: String::new() },
                Link::Web("https://acme.example/blog".into()),
                Link::Pypi("widget-tools".into()),
            ]
        );
    }

    #[test]
    fn finds_arxiv_ids_in_prose_and_pip_installs() {
        let t = "eprint={2302.13971}, arXiv preprint arXiv:2304.12244 and arXiv: 2306.05685v2";
        assert_eq!(arxiv_ids_in_text(t), vec!["2304.12244", "2306.05685", "2302.13971"]);
        let p = "pip install fschat\npip3 install \"quoted[extra]\"\npip install -r requirements.txt\npip3 install --upgrade mypkg[extra]\npip install -e .\npip install git+https://github.com/a/b.git\npip install https://example.org/x.whl";
        assert_eq!(pip_installs_in(p), vec!["fschat", "quoted", "mypkg"]);
        let flags = "pip install --force-reinstall widget\npip install --pre --extra-index-url=https://x.example/simple gadget\npip install -Ur reqs.txt\npip install --editable=. \npip install --constraint c.txt";
        assert_eq!(pip_installs_in(flags), vec!["widget", "gadget"]);
    }
}
