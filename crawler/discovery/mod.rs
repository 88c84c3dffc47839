//! Discovery: from a model's starting points (Hugging Face id, repositories, pages)
//! to every related piece of evidence, breadth first, to a bounded depth and count.
//! Nothing is fetched twice in a run (the fetcher memoises every URL).

use crate::arxiv_batch::ArxivBatcher;
use crate::config::{CrawlConfig, ModelEntry};
use crate::evidence::*;
use crate::http::Fetcher;
use futures::future::join_all;
use openness_sources::hf::RepoKind;
use openness_sources::links::{self, Link};
use std::collections::HashSet;

mod bases;
mod fetch;
mod link_context;

use bases::*;
use fetch::*;
pub(crate) use link_context::lead_in;
use link_context::*;

/// `org/name` from an id or a huggingface.co URL.
pub fn parse_hf_id(s: &str) -> Option<String> {
    let s = s.trim();
    if s.starts_with("http://") || s.starts_with("https://") {
        return match links::classify(s)? {
            Link::HfModel(id) => Some(id),
            _ => None,
        };
    }
    let (org, name) = s.split_once('/')?;
    (hub_name(org) && hub_name(name)).then(|| format!("{org}/{name}"))
}

/// Whether `s` can be a part of a Hub id: `[A-Za-z0-9._-]+`, not starting with a dot.
fn hub_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) && !s.starts_with('.')
}

/// Whether `id` is a well-formed Hub repository id, `org/name` or a canonical `name`
/// (`gpt2`, `squad`). Ids read from evidence are pasted into API URLs: `../../api/whoami`
/// must not become one.
pub fn valid_hub_id(id: &str) -> bool {
    let mut parts = id.split('/');
    let (first, second, rest) = (parts.next(), parts.next(), parts.next());
    rest.is_none() && first.is_some_and(hub_name) && second.is_none_or(hub_name)
}

/// The repository a dataset reference names: itself when it is a valid id (see
/// [`valid_hub_id`]), or `org/name` of a reference to one of its subsets
/// (`tau/scrolls/qasper`); `None` when malformed.
fn dataset_repo(id: &str) -> Option<String> {
    let parts: Vec<&str> = id.split('/').collect();
    parts.iter().all(|p| hub_name(p)).then(|| parts[..parts.len().min(2)].join("/"))
}

/// An arXiv id from an id (`2401.01234v2`), an `arXiv:` id (in any case) or an arxiv.org URL.
pub fn parse_arxiv(s: &str) -> Option<String> {
    let s = s.trim();
    let bare = s.get(..6).filter(|p| p.eq_ignore_ascii_case("arxiv:")).map_or(s, |_| &s[6..]);
    links::arxiv_id(bare).or_else(|| match links::classify(s)? {
        Link::Arxiv(id) => Some(id),
        _ => None,
    })
}

/// `owner/repo` from a name or a github.com URL.
pub fn parse_github_repo(s: &str) -> Option<String> {
    let s = s.trim();
    if s.starts_with("http://") || s.starts_with("https://") {
        return match links::classify(s)? {
            Link::Github { repo, .. } => Some(repo),
            _ => None,
        };
    }
    parse_hf_id(s)
}

#[derive(Clone, Debug)]
enum Task {
    Model { id: String, role: ModelRole },
    /// A base neither declared nor linked, looked up in the end model's organisation by a
    /// name the card gives it or by the end model's name without its tuning word: kept only
    /// when the repository exists. `how` says how it was found, for the notes; `fallback` is
    /// another guess (with its `how`) tried when the first does not exist.
    GuessedBase { id: String, how: String, fallback: Option<(String, String)> },
    Dataset { id: String, role: DataRole, named_by: String, named_by_card: bool, listed_in: Option<String> },
    /// A Hugging Face collection linked as data: the datasets it lists are named through it.
    Collection { slug: String, role: DataRole, named_by: String, named_by_card: bool },
    Repo { name: String, from: String },
    /// A repository folder a card or page links (`tree/<git_ref>/<dir>`): its README.
    Folder { repo: String, git_ref: String, dir: String, from: String },
    Paper { id: String, from: String },
    Package { name: String, from: String },
    Page { url: String, from: String },
}

impl Task {
    fn key(&self) -> String {
        match self {
            Task::Model { id, .. } | Task::GuessedBase { id, .. } => format!("model:{}", id.to_lowercase()),
            Task::Dataset { id, .. } => format!("dataset:{}", id.to_lowercase()),
            Task::Collection { slug, .. } => format!("collection:{}", slug.to_lowercase()),
            Task::Repo { name, .. } => format!("repo:{}", name.to_lowercase()),
            Task::Folder { repo, dir, .. } => format!("folder:{}", folder_key(repo, dir)),
            Task::Paper { id, .. } => format!("paper:{id}"),
            Task::Package { name, .. } => format!("package:{}", normalise_package(name)),
            Task::Page { url, .. } => format!("page:{url}"),
        }
    }
}

/// The key of a repository folder in [`Evidence::folders`].
pub fn folder_key(repo: &str, dir: &str) -> String {
    format!("{repo}/{dir}").to_lowercase()
}

/// The repository folder a GitHub link's path points at, if any: the folder itself
/// (`tree/<ref>/<dir>`) or its README (`blob/<ref>/<dir>/README.md`).
fn folder_task(repo: &str, path: &str, from: &str) -> Option<Task> {
    let path = path.split(['#', '?']).next()?.trim_end_matches('/');
    let rest = match path.strip_prefix("tree/") {
        Some(rest) => rest,
        None => path.strip_prefix("blob/").and_then(|p| p.rsplit_once('/')).filter(|(_, file)| file.eq_ignore_ascii_case("readme.md")).map(|(dir, _)| dir)?,
    };
    let (git_ref, dir) = rest.split_once('/')?;
    let clean = |s: &str| !s.is_empty() && !s.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..");
    (clean(git_ref) && clean(dir)).then(|| Task::Folder { repo: repo.to_string(), git_ref: git_ref.to_string(), dir: dir.to_string(), from: from.to_string() })
}

/// A PyPI project name in its normalised form (PEP 503: lower case, `-` for `_` and `.`).
fn normalise_package(name: &str) -> String {
    name.to_lowercase().replace(['_', '.'], "-")
}

/// How many steps of a chain of tuned bases are followed beyond `max_depth`.
const MAX_EXTRA_BASE_STEPS: u32 = 3;

/// Link hosts never worth following as vendor pages (badges, social media, generic docs).
const SKIP_PAGE_HOSTS: &[&str] = &[
    "img.shields.io", "shields.io", "twitter.com", "x.com", "discord.gg", "discord.com", "linkedin.com",
    "youtube.com", "www.youtube.com", "youtu.be", "facebook.com", "www.facebook.com", "instagram.com",
    "colab.research.google.com", "wandb.ai", "medium.com", "reddit.com", "www.reddit.com", "t.me",
    "docs.python.org", "pytorch.org", "www.python.org", "python.org", "en.wikipedia.org", "creativecommons.org",
    "www.apache.org", "opensource.org", "choosealicense.com", "www.gnu.org", "spdx.org", "camo.githubusercontent.com",
    "user-images.githubusercontent.com", "avatars.githubusercontent.com", "github.githubassets.com", "badge.fury.io",
    "star-history.com", "api.star-history.com", "huggingface.co", "hf.co", "cdn-uploads.huggingface.co",
];

/// Crawls one model's evidence.
pub struct Discovery<'a> {
    fetcher: &'a Fetcher,
    arxiv: &'a ArxivBatcher,
    limits: &'a CrawlConfig,
    ev: Evidence,
    seen: HashSet<String>,
    fetched_docs: usize,
    vendor_pages: usize,
    pretraining_sets: HashSet<String>,
    card_named_sets: HashSet<String>,
}

impl<'a> Discovery<'a> {
    /// A discovery for one model.
    pub fn new(fetcher: &'a Fetcher, arxiv: &'a ArxivBatcher, limits: &'a CrawlConfig) -> Self {
        Discovery { fetcher, arxiv, limits, ev: Evidence::default(), seen: HashSet::new(), fetched_docs: 0, vendor_pages: 0, pretraining_sets: HashSet::new(), card_named_sets: HashSet::new() }
    }

    /// Runs discovery from the entry's starting points.
    pub async fn run(mut self, entry: &ModelEntry) -> Evidence {
        let mut frontier: Vec<Task> = Vec::new();
        if let Some(hf) = entry.hf.as_deref().and_then(parse_hf_id) {
            self.ev.end_model_id = Some(hf.clone());
            frontier.push(Task::Model { id: hf, role: ModelRole::End });
        }
        for g in &entry.github {
            if let Some(name) = parse_github_repo(g) {
                if let Some(Link::Github { path, .. }) = links::classify(g) {
                    frontier.extend(folder_task(&name, &path, "config"));
                }
                frontier.push(Task::Repo { name, from: "config".into() });
            }
        }
        for a in &entry.arxiv {
            if let Some(id) = parse_arxiv(a) {
                frontier.push(Task::Paper { id, from: "config".into() });
            }
        }
        for v in &entry.vendor {
            match links::classify(v) {
                Some(Link::Arxiv(id)) => frontier.push(Task::Paper { id, from: "config".into() }),
                Some(Link::Github { repo, path }) if path.is_empty() || path.starts_with("tree/") => {
                    frontier.extend(folder_task(&repo, &path, "config"));
                    frontier.push(Task::Repo { name: repo, from: "config".into() });
                }
                Some(Link::HfModel(id)) if self.ev.end_model_id.is_none() => {
                    self.ev.end_model_id = Some(id.clone());
                    frontier.push(Task::Model { id, role: ModelRole::End });
                }
                _ => frontier.push(Task::Page { url: v.clone(), from: "config".into() }),
            }
        }
        let mut depth = 0;
        while !frontier.is_empty() {
            let mut batch = Vec::new();
            for mut t in frontier.drain(..) {
                // Hub ids read from evidence (front matter, collections, tags) become API
                // URLs: a malformed one ("../../api/whoami") is dropped, noted as a problem;
                // a dataset's subset ("org/name/subset") is read as its dataset.
                let malformed = match &mut t {
                    Task::Model { id, .. } | Task::GuessedBase { id, .. } => (!valid_hub_id(id)).then(|| id.clone()),
                    Task::Dataset { id, .. } => match dataset_repo(id) {
                        Some(repo) => {
                            *id = repo;
                            None
                        }
                        None => Some(id.clone()),
                    },
                    _ => None,
                };
                if let Some(id) = malformed {
                    self.ev.problems.push(format!("ignored a malformed Hugging Face id {id:?} found in the evidence"));
                    continue;
                }
                if let Task::Dataset { id, role, named_by_card, .. } = &t {
                    // Data a base model names is pretraining data, whoever else names it.
                    if *role == DataRole::Pretraining {
                        self.pretraining_sets.insert(id.to_lowercase());
                    }
                    // Named by some model's card, whoever else only links it.
                    if *named_by_card {
                        self.card_named_sets.insert(id.to_lowercase());
                    }
                }
                if self.fetched_docs >= self.limits.max_documents {
                    self.ev.problems.push(format!("document limit ({}) reached; evidence may be incomplete", self.limits.max_documents));
                    break;
                }
                if self.seen.insert(t.key()) {
                    self.fetched_docs += 1;
                    batch.push(t);
                }
            }
            let fetcher = self.fetcher;
            let arxiv = self.arxiv;
            let results = join_all(batch.into_iter().map(|t| fetch_task(fetcher, arxiv, t))).await;
            let mut next = Vec::new();
            for r in results {
                self.absorb(r, depth, &mut next);
            }
            depth += 1;
            if depth > self.limits.max_depth + MAX_EXTRA_BASE_STEPS {
                break;
            }
            frontier = next;
        }
        for d in self.ev.datasets.values_mut() {
            if self.pretraining_sets.contains(&d.id.to_lowercase()) {
                d.role = DataRole::Pretraining;
            }
            d.named_by_card |= self.card_named_sets.contains(&d.id.to_lowercase());
        }
        self.ev.snapshots.sort_by(|a, b| a.url.cmp(&b.url));
        self.ev.snapshots.dedup_by(|a, b| a.url == b.url);
        self.ev
    }

    fn absorb(&mut self, r: Fetched, depth: u32, next: &mut Vec<Task>) {
        self.ev.snapshots.extend(r.snapshots);
        self.ev.problems.extend(r.problems);
        let deeper = depth < self.limits.max_depth;
        match r.result {
            Found::Model(m) => {
                let role = m.role;
                let has_base = m.declared_bases().next().is_some();
                // A chain of tuned bases (instruct ← preference-tuned ← SFT ← pretrained) is
                // followed to its start beyond the link depth: the pretrained base and the data
                // it declares are what the base-model parameters are about.
                let in_chain = role != ModelRole::Related && depth < self.limits.max_depth + MAX_EXTRA_BASE_STEPS;
                let data_role = match (role, has_base) {
                    (ModelRole::Base, false) => DataRole::Pretraining,
                    (ModelRole::Base | ModelRole::End, true) => DataRole::FineTuning,
                    _ => DataRole::Unknown,
                };
                if deeper || in_chain {
                    next.extend(m.declared_bases().map(|id| Task::Model { id, role: ModelRole::Base }));
                    next.extend(declared_datasets(&m).map(|id| Task::Dataset { id, role: data_role, named_by: m.id.clone(), named_by_card: true, listed_in: None }));
                }
                if deeper {
                    if let Some(api) = m.api.value() {
                        for a in &api.arxiv {
                            next.push(Task::Paper { id: a.clone(), from: api_url(&m.id) });
                        }
                    }
                    if let Some(card) = m.card.found() {
                        let from = card.url.clone();
                        let linked_base = self.follow_text(&card.value.body, &from, role == ModelRole::End, data_role, &m.id, next);
                        if role == ModelRole::End && !has_base && !linked_base {
                            next.extend(match openness_sources::card::named_base(&card.value.body) {
                                Some(named) => linked_named_base(&named.name, &named.sentence, &card.value.body).or_else(|| guessed_base(&named, &m.id)),
                                None => sibling_base(&m.id, &card.value.body),
                            });
                        }
                        // The licence link and the gate's text live in the metadata block and
                        // point at the licence terms and, often, the model's own repository.
                        for key in ["license_link", "extra_gated_prompt", "extra_gated_description"] {
                            if let Some(text) = card.value.front_matter_str(key) {
                                self.follow_text(&text, &from, role == ModelRole::End, data_role, &m.id, next);
                            }
                        }
                    }
                }
                self.ev.models.insert(m.id.clone(), m);
            }
            Found::Nothing => {}
            Found::Dataset(d) => {
                if deeper {
                    if let Some(card) = d.card.found() {
                        for l in references(&card.value.body) {
                            match l {
                                Link::Arxiv(id) => next.push(Task::Paper { id, from: card.url.clone() }),
                                Link::Github { repo, .. } => next.push(Task::Repo { name: repo, from: card.url.clone() }),
                                _ => {}
                            }
                        }
                    }
                }
                self.ev.datasets.insert(d.id.clone(), d);
            }
            Found::Repo(r) => {
                if deeper {
                    for readme in [r.readme.found(), r.readme_en.found()].into_iter().flatten() {
                        self.follow_readme(&readme.value.text, &readme.url, &r.name, next);
                    }
                }
                self.ev.repos.insert(r.name.to_lowercase(), *r);
            }
            Found::Collection(c) => {
                if let Some(doc) = c.api.found() {
                    for id in doc.value.datasets().take(MAX_COLLECTION_DATASETS) {
                        next.push(Task::Dataset { id: id.to_string(), role: c.role, named_by: c.named_by.clone(), named_by_card: c.named_by_card, listed_in: Some(c.slug.clone()) });
                    }
                }
                self.ev.collections.insert(c.slug.to_lowercase(), c);
            }
            Found::Folder(f) => {
                if let (true, Some(readme)) = (deeper, f.readme.found()) {
                    self.follow_readme(&readme.value.text, &readme.url, &f.repo, next);
                }
                self.ev.folders.insert(folder_key(&f.repo, &f.dir), f);
            }
            Found::Paper(p) => {
                if deeper {
                    if let Some(e) = p.entry.value() {
                        for l in links::references_in(&e.summary) {
                            if let Link::Github { repo, .. } = l {
                                next.push(Task::Repo { name: repo, from: p.entry.url().unwrap_or("").to_string() });
                            }
                        }
                    }
                }
                self.ev.papers.insert(p.id.clone(), p);
            }
            Found::Package(p) => {
                self.ev.packages.insert(normalise_package(&p.name), p);
            }
            Found::Page(p) => {
                if deeper {
                    // A link that redirects (a URL shortener, a moved post) to an arXiv paper
                    // or a repository is that paper or repository.
                    if let Some(landed) = &p.landed_at {
                        match links::classify(landed) {
                            Some(Link::Arxiv(id)) => next.push(Task::Paper { id, from: p.url.clone() }),
                            Some(Link::Github { repo, path }) if path.is_empty() => next.push(Task::Repo { name: repo, from: p.url.clone() }),
                            _ => {}
                        }
                    }
                    if let Some(page) = p.page.found() {
                        for l in references(&page.value.text).chain(page.value.links.iter().filter_map(|u| links::classify(u)).take(MAX_REFERENCES)) {
                            match l {
                                Link::Arxiv(id) => next.push(Task::Paper { id, from: p.url.clone() }),
                                Link::Doi(_) | Link::AclAnthology(_) | Link::OpenReview(_) => self.note_venue(&l, &p.url, &page.value.text),
                                _ => {}
                            }
                        }
                    }
                }
                self.ev.pages.insert(p.url.clone(), p);
            }
        }
    }

    /// Follows the references in a README (or a folder's README) of repository `repo`:
    /// papers, packages, the owner's other repositories, datasets linked as training data
    /// and peer-review venues.
    fn follow_readme(&mut self, text: &str, from: &str, repo: &str, next: &mut Vec<Task>) {
        let owner = repo.split('/').next().unwrap_or("").to_lowercase();
        for l in references(text) {
            match l {
                Link::Arxiv(id) => next.push(Task::Paper { id, from: from.to_string() }),
                Link::Pypi(name) => next.push(Task::Package { name, from: from.to_string() }),
                Link::Github { repo: other, path } if other.split('/').next().unwrap_or("").to_lowercase() == owner && !other.eq_ignore_ascii_case(repo) && path.is_empty() => {
                    next.push(Task::Repo { name: other, from: from.to_string() })
                }
                // READMEs link benchmarks and examples too: only a link in a sentence about
                // training is taken as training data.
                Link::HfDataset(id) if readme_training_link(text, &format!("huggingface.co/datasets/{id}")) => {
                    next.push(Task::Dataset { id, role: DataRole::Unknown, named_by: repo.to_string(), named_by_card: false, listed_in: None })
                }
                Link::HfCollection(slug) if readme_training_link(text, &format!("huggingface.co/collections/{slug}")) => {
                    next.push(Task::Collection { slug, role: DataRole::Unknown, named_by: repo.to_string(), named_by_card: false })
                }
                Link::Doi(_) | Link::AclAnthology(_) | Link::OpenReview(_) => self.note_venue(&l, from, text),
                _ => {}
            }
        }
    }

    /// Records a link to a peer-reviewed venue that `text` (the document at `from`) holds.
    fn note_venue(&mut self, l: &Link, from: &str, text: &str) {
        let (url, id) = match l {
            Link::Doi(d) => (format!("https://doi.org/{d}"), d),
            Link::AclAnthology(id) => (format!("https://aclanthology.org/{id}/"), id),
            Link::OpenReview(id) => (format!("https://openreview.net/forum?id={id}"), id),
            _ => return,
        };
        if !self.ev.venue_links.iter().any(|v| v.url == url) {
            self.ev.venue_links.push(VenueLink { url, from: from.to_string(), lead_in: lead_in(text, id) });
        }
    }

    /// Follows the references in a card or README; `true` when it names a base model with a
    /// link or a Hub id.
    fn follow_text(&mut self, text: &str, from: &str, end_model: bool, data_role: DataRole, model_id: &str, next: &mut Vec<Task>) -> bool {
        let mut pages: Vec<String> = Vec::new();
        for l in references(text) {
            match l {
                Link::Arxiv(id) => next.push(Task::Paper { id, from: from.to_string() }),
                Link::Github { repo, path } => {
                    if let Some(raw) = github_file_url(&repo, &path) {
                        next.push(Task::Page { url: raw, from: from.to_string() });
                    }
                    next.extend(folder_task(&repo, &path, from));
                    next.push(Task::Repo { name: repo, from: from.to_string() });
                }
                Link::Pypi(name) => next.push(Task::Package { name, from: from.to_string() }),
                Link::HfDataset(id) if id.contains('/') => {
                    if let Some(role) = linked_data_role(text, &format!("huggingface.co/datasets/{id}"), data_role) {
                        next.push(Task::Dataset { id, role, named_by: model_id.to_string(), named_by_card: true, listed_in: None })
                    }
                }
                // A collection is a list of anything: only one linked in a sentence about
                // training lists data.
                Link::HfCollection(slug) => {
                    let at = format!("huggingface.co/collections/{slug}");
                    if context_says(text, &at, TRAINING_DATA_WORDS) {
                        if let Some(role) = linked_data_role(text, &at, data_role) {
                            next.push(Task::Collection { slug, role, named_by: model_id.to_string(), named_by_card: true })
                        }
                    }
                }
                Link::Doi(_) | Link::AclAnthology(_) | Link::OpenReview(_) => self.note_venue(&l, from, text),
                // `page#a` and `page#b` are one page (and one of the page budget).
                Link::Web(url) if end_model && worth_visiting(&url) => pages.push(url.split('#').next().unwrap_or(&url).to_string()),
                _ => {}
            }
        }
        // Within the page budget, pages whose link speaks of a paper, release, licence or API
        // come first; otherwise the card's order is kept.
        let mut seen = std::collections::HashSet::new();
        let mut unique: Vec<String> = pages.into_iter().filter(|url| seen.insert(url.clone())).collect();
        unique.sort_by_cached_key(|url| std::cmp::Reverse(page_promise(text, url)));
        for url in unique {
            if self.vendor_pages >= self.limits.max_vendor_pages {
                break;
            }
            self.vendor_pages += 1;
            next.push(Task::Page { url, from: from.to_string() });
        }
        // A base model named in prose ("fine-tuned from [org/x](https://huggingface.co/org/x)").
        let mut linked_base = false;
        for base in bases_in_prose(text) {
            if base != model_id {
                next.push(Task::Model { id: base, role: ModelRole::Base });
                linked_base = true;
            }
        }
        linked_base
    }
}

/// At most this many references of one document are followed: a card or README is read
/// link by link in its context, and a document with more links than this is a list (of
/// datasets, papers, projects), not the description of one model.
const MAX_REFERENCES: usize = 200;

/// The references of `text` that are followed (see [`MAX_REFERENCES`]).
fn references(text: &str) -> impl Iterator<Item = Link> {
    links::references_in(text).into_iter().take(MAX_REFERENCES)
}

/// Words in a link, or in the line that holds it, that promise evidence: papers, release
/// posts, licence terms, API documentation.
const PROMISING_LINK_WORDS: &[&str] = &["paper", "report", "arxiv", "preprint", "blog", "release", "announc", "licen", "terms", " api", "/api", "docs", "documentation"];

/// 1 when the link to `url` (its address or its line in `text`) promises evidence, else 0.
fn page_promise(text: &str, url: &str) -> u8 {
    let line = text.find(url).map(|at| {
        let start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let end = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
        &text[start..end]
    });
    let hay = format!("{} {}", url, line.unwrap_or("")).to_lowercase();
    u8::from(PROMISING_LINK_WORDS.iter().any(|w| hay.contains(w)))
}

/// Whether a linked page is worth reading: not on a host of badges, social media or generic
/// docs (`SKIP_PAGE_HOSTS`), and not an image, archive, PDF or weight file.
fn worth_visiting(url: &str) -> bool {
    let Ok(u) = url::Url::parse(url) else { return false };
    let host = u.host_str().unwrap_or("").to_lowercase();
    let path = u.path().to_lowercase();
    let asset = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf", ".zip", ".gz", ".tar", ".mp4", ".bin", ".safetensors"];
    !SKIP_PAGE_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}"))) && !asset.iter().any(|a| path.ends_with(a))
}

/// For a link to a file in a GitHub repository (`blob/<ref>/<path>` of a Markdown or
/// licence file), the raw URL to read it from.
fn github_file_url(repo: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("blob/")?;
    let file = rest.rsplit('/').next()?.to_lowercase();
    let binary = [".pdf", ".docx", ".png", ".jpg", ".zip"].iter().any(|e| file.ends_with(e));
    let wanted = !binary && (file.ends_with(".md") || file.starts_with("license") || file.contains("licence") || file.ends_with("_license") || file == "notice");
    let rest = rest.split('#').next()?;
    wanted.then(|| format!("https://raw.githubusercontent.com/{repo}/{rest}"))
}

/// The datasets a model declares: the API's list, or the card's front matter when the API
/// gave none.
fn declared_datasets(m: &HfModelEv) -> impl Iterator<Item = String> + '_ {
    let api: Vec<String> = m.api.value().map(|a| a.datasets.clone()).unwrap_or_default();
    let card = if api.is_empty() { m.card.value().map(|c| c.front_matter_list("datasets")).unwrap_or_default() } else { Vec::new() };
    api.into_iter().chain(card)
}

/// At most this many datasets of one linked collection are looked at.
const MAX_COLLECTION_DATASETS: usize = 16;

/// The Hub API URL of model `id`.
fn api_url(id: &str) -> String {
    RepoKind::Model.api_url(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_urls() {
        assert_eq!(parse_hf_id("org/name").as_deref(), Some("org/name"));
        assert_eq!(parse_hf_id("https://huggingface.co/org/name/tree/main").as_deref(), Some("org/name"));
        assert_eq!(parse_hf_id("not an id"), None);
        assert_eq!(parse_hf_id("a/b/c"), None);
        assert_eq!(parse_github_repo("https://github.com/o/r.git").as_deref(), Some("o/r"));
        for a in ["2401.01234v2", "arXiv:2401.01234", "ARXIV:2401.01234", "https://arxiv.org/abs/2401.01234"] {
            assert_eq!(parse_arxiv(a).as_deref(), Some("2401.01234"), "{a}");
        }
        assert_eq!(parse_arxiv(""), None);
    }

    #[test]
    fn hub_ids_from_evidence() {
        for ok in ["org/name", "gpt2", "Org-1/name_2.5"] {
            assert!(valid_hub_id(ok), "{ok}");
        }
        for bad in ["../../api/whoami-v2", "org/../x", "a/b/c", "", "/x", "org/", ".hidden/x", "org/na me", "org/name?x=1"] {
            assert!(!valid_hub_id(bad), "{bad}");
        }
        assert_eq!(dataset_repo("tau/scrolls/qasper").as_deref(), Some("tau/scrolls"));
        assert_eq!(dataset_repo("squad").as_deref(), Some("squad"));
        assert_eq!(dataset_repo("acme/chat-mix").as_deref(), Some("acme/chat-mix"));
        assert_eq!(dataset_repo("acme/../../api/whoami"), None);
        assert_eq!(dataset_repo("../x/y"), None);
    }

    #[test]
    fn english_readme_names() {
        for p in ["README_en.md", "README-EN.md", "readme.en.md", "README_English.md", "README_EN.rst"] {
            assert!(is_english_readme(p), "{p}");
        }
        for p in ["README.md", "README_zh.md", "docs/README_en.md", "README_en.py", "READMEen.md"] {
            assert!(!is_english_readme(p), "{p}");
        }
    }

    #[test]
    fn folder_links_name_the_folder() {
        let folder = |path: &str| match folder_task("o/r", path, "card") {
            Some(Task::Folder { git_ref, dir, .. }) => Some(format!("{git_ref}:{dir}")),
            _ => None,
        };
        assert_eq!(folder("tree/main/recipes/widget").as_deref(), Some("main:recipes/widget"));
        assert_eq!(folder("tree/v1.0/recipes/widget/#training").as_deref(), Some("v1.0:recipes/widget"));
        assert_eq!(folder("blob/main/recipes/widget/README.md").as_deref(), Some("main:recipes/widget"));
        for not_a_folder in ["tree/main", "tree/main/", "blob/main/README.md", "blob/main/recipes/widget/train.py", "tree/main/../x", "issues/3"] {
            assert_eq!(folder(not_a_folder), None, "{not_a_folder}");
        }
    }

    #[test]
    fn github_file_links_become_raw_urls() {
        assert_eq!(github_file_url("o/r", "blob/main/MODEL_CARD.md").as_deref(), Some("https://raw.githubusercontent.com/o/r/main/MODEL_CARD.md"));
        assert_eq!(github_file_url("o/r", "blob/main/docs/LICENSE").as_deref(), Some("https://raw.githubusercontent.com/o/r/main/docs/LICENSE"));
        assert_eq!(github_file_url("o/r", "blob/main/train.py"), None);
        assert_eq!(github_file_url("o/r", "tree/main/x"), None);
    }

    #[test]
    fn sibling_base_drops_the_tuning_words() {
        let id = |m: &str| match sibling_base(m, "") {
            Some(Task::GuessedBase { id, fallback, .. }) => {
                assert_eq!(fallback.map(|(f, _)| f), Some(format!("{id}-base")), "the -base name is the second guess");
                Some(id)
            }
            _ => None,
        };
        assert_eq!(id("acme/Widget-2-7b-chat-hf").as_deref(), Some("acme/Widget-2-7b-hf"));
        assert_eq!(id("acme/gizmo-7b-it").as_deref(), Some("acme/gizmo-7b"));
        assert_eq!(id("acme/Gizmo-7B-Instruct-v0.2").as_deref(), Some("acme/Gizmo-7B-v0.2"));
        assert_eq!(id("acme/gizmo-7b-8k-inst").as_deref(), Some("acme/gizmo-7b-8k"));
        assert_eq!(id("acme/widget-7b"), None, "no tuning word");
        assert_eq!(id("acme/chat"), None, "nothing left");
        assert_eq!(id("acme/edit-7b"), None, "a word containing a tuning word is not one");
        // The notes say when the card links the guessed repository without saying it is the base.
        match sibling_base("acme/widget-7b-instruct", "See [Widget Base](https://huggingface.co/acme/widget-7b-base).") {
            Some(Task::GuessedBase { how, fallback: Some((_, base_how)), .. }) => {
                assert!(how.starts_with("No base is declared, linked or named;"), "{how}");
                assert!(base_how.starts_with("No base is declared or named, though the card links acme/widget-7b-base;"), "{base_how}");
            }
            _ => panic!("a guess with a -base fallback"),
        }
    }

    #[test]
    fn a_named_base_is_looked_up_where_the_card_links_it() {
        let card = "# WidgetChat\n\nWidgetChat is instruction-tuned from BLOOM on open dialogue data.\n\nSee [BLOOM](https://huggingface.co/open-science/bloom) for the base.\n";
        let named = openness_sources::card::named_base(card).expect("named");
        match linked_named_base(&named.name, &named.sentence, card) {
            Some(Task::GuessedBase { id, how, .. }) => {
                assert_eq!(id, "open-science/bloom");
                assert!(how.contains("links open-science/bloom"), "{how}");
            }
            _ => panic!("the linked base should be found"),
        }
        // A card that links nothing by that name leaves the guess in the own organisation.
        assert!(linked_named_base(&named.name, &named.sentence, "WidgetChat is instruction-tuned from BLOOM.").is_none());
    }

    #[test]
    fn base_model_named_in_prose() {
        let t = "This model is a fine-tuned version of [org/base-7b](https://huggingface.co/org/base-7b) on chats.";
        assert_eq!(bases_in_prose(t), vec!["org/base-7b"]);
        let t = "It is built by finetuning [Base-7B](https://huggingface.co/org/base-7b) on a [dataset](https://huggingface.co/datasets/o/d).";
        assert_eq!(bases_in_prose(t), vec!["org/base-7b"]);
        let t = "derived from [Lab's](https://lab.example/) [Base-12b](https://huggingface.co/lab/base-12b) and fine-tuned";
        assert_eq!(bases_in_prose(t), vec!["lab/base-12b"]);
        let t = "derived from\n[Lab's](https://lab.example/) [Base-12b](https://huggingface.co/lab/base-12b)";
        assert_eq!(bases_in_prose(t), vec!["lab/base-12b"]);
        let t = "  - Base Model: [Base](https://huggingface.co/org/base)";
        assert_eq!(bases_in_prose(t), vec!["org/base"]);
        let t = "StableWidget is a [Widget-13B v0](https://huggingface.co/org/widget-13b-delta-v0) model fine-tuned using RLHF.";
        assert_eq!(bases_in_prose(t), vec!["org/widget-13b-delta-v0"]);
        assert!(bases_in_prose("It is a [tokenizer](https://huggingface.co/org/tok) trained on code.").is_empty());
        let t = "Widget-40B-Instruct is a causal decoder-only model built by Lab based on [Widget-40B](https://huggingface.co/lab/widget-40b) and finetuned on chats.";
        assert_eq!(bases_in_prose(t), vec!["lab/widget-40b"]);
        assert_eq!(bases_in_prose("The base model is [Widget 7B](https://huggingface.co/lab/Widget-7B)."), vec!["lab/Widget-7B"]);
        assert_eq!(bases_in_prose("## Model Description\n\nInstruction fine-tuned [widget-111M](https://huggingface.co/lab/Widget-111M)\n"), vec!["lab/Widget-111M"]);
        assert_eq!(bases_in_prose("Fine-tuned [widget-111M](https://huggingface.co/lab/Widget-111M) on chats."), vec!["lab/Widget-111M"]);
        assert!(bases_in_prose("Long inputs (we finetuned [Widget-65k](https://huggingface.co/lab/widget-65k) on up to 65k inputs).").is_empty(), "a model the developer made");
        assert_eq!(bases_in_prose("We use [Widget 7B](https://huggingface.co/lab/Widget-7B) as the base and tune it."), vec!["lab/Widget-7B"]);
        assert!(bases_in_prose("It is based on the [Llama architecture](https://huggingface.co/docs/transformers/model_doc/llama).").is_empty(), "documentation pages are not models");
        assert!(bases_in_prose("- a 6.9B model based on `base-6.9b`\n- [Widget-3B](https://huggingface.co/lab/widget-3b), a 2.8B model").is_empty(), "a sibling listed on the next line is not the base");
        // A link in a later sentence is not the base.
        assert!(bases_in_prose("Fine-tuned on our chats. See [other](https://huggingface.co/org/other).").is_empty());
        assert!(bases_in_prose("Trained on [data](https://huggingface.co/datasets/x/y)").is_empty());
        // Plain ids, as the model-card template writes them.
        assert_eq!(bases_in_prose("- **Finetuned from model [optional]:** org/Base-7B-v0.1\n"), vec!["org/Base-7B-v0.1"]);
        assert_eq!(bases_in_prose("Widget is a fine-tuned version of `org/base-7b`."), vec!["org/base-7b"]);
        assert_eq!(bases_in_prose("base_model: org/base-7b"), vec!["org/base-7b"]);
        // Data it was tuned on, fractions, links written out and link texts are not bases.
        assert!(bases_in_prose("Widget is fine-tuned on OpenChat/chats-v1 for two epochs.").is_empty());
        assert!(bases_in_prose("fine-tuned from 1/2 of the checkpoints").is_empty());
        assert!(bases_in_prose("- **Finetuned from model:** [LLaMA](https://arxiv.org/abs/2302.13971)").is_empty());
        assert!(bases_in_prose("fine-tuned from https://example.org/x").is_empty());
        // A tokenizer is no base, wherever the sentence names it.
        assert!(bases_in_prose("This model was trained with the Widget tokenizer which is based on the [org/base-20b](https://huggingface.co/org/base-20b) tokenizer.").is_empty());
        assert!(bases_in_prose("Widget was trained on top of the [org/base-20b](https://huggingface.co/org/base-20b) tokenizer and vocabulary.").is_empty());
        assert_eq!(bases_in_prose("Widget was trained on top of [org/base-20b](https://huggingface.co/org/base-20b) with our tokenizer."), vec!["org/base-20b"]);
    }

    #[test]
    fn pretraining_data_is_recognised_from_link_text() {
        let t = "- [Fully processed pretraining data](https://huggingface.co/datasets/o/pre)\n- [Chat data](https://huggingface.co/datasets/o/chat)";
        assert!(pretraining_context(t, "huggingface.co/datasets/o/pre"));
        assert!(!pretraining_context(t, "huggingface.co/datasets/o/chat"));
        // The whole sentence before the link counts, not the sentence before it.
        let t = "Widget-Instruct: built by finetuning Widget on a [dataset](https://huggingface.co/datasets/o/mix) we also release, derived from the [Dolly 15k instruction set](https://huggingface.co/datasets/o/dolly) and others.";
        assert!(context_says(t, "huggingface.co/datasets/o/dolly", &["finetun"]));
        let t = "Widget was pretrained on web text. Its chat version was tuned on [chats](https://huggingface.co/datasets/o/chat).";
        assert!(!pretraining_context(t, "huggingface.co/datasets/o/chat"));
        // The words after a link name its use, before those of the sentence leading to it.
        let t = "- **Languages:** Refer to [widget](https://huggingface.co/o/widget) for pretraining & [mix](https://huggingface.co/datasets/o/mix) for finetuning language proportions.";
        assert_eq!(linked_data_role(t, "huggingface.co/datasets/o/mix", DataRole::FineTuning), Some(DataRole::FineTuning));
        assert_eq!(linked_data_role(t, "huggingface.co/datasets/o/mix", DataRole::Pretraining), None);
        // "Pre-trained" describing a model says nothing of the data linked after it.
        let t = "Widget pairs a highly performant pre-trained family of models with the recently released [Mix](https://huggingface.co/datasets/o/mix).";
        assert_eq!(linked_data_role(t, "huggingface.co/datasets/o/mix", DataRole::FineTuning), Some(DataRole::FineTuning));
        // Preference tuning is tuning: a base card that says its chat version used a dataset.
        let t = "The instruct version was built with Direct Preference Optimization (DPO) using [Pairs](https://huggingface.co/datasets/o/pairs).";
        assert_eq!(linked_data_role(t, "huggingface.co/datasets/o/pairs", DataRole::Pretraining), None);
        // So is what a base card says its instruct model learned from.
        let t = "The instruct model also calls functions thanks to datasets such as [Calls](https://huggingface.co/datasets/o/calls).";
        assert_eq!(linked_data_role(t, "huggingface.co/datasets/o/calls", DataRole::Pretraining), None);
        let t = "We release [the corpus](https://huggingface.co/datasets/o/pre) used for pretraining.";
        assert_eq!(linked_data_role(t, "huggingface.co/datasets/o/pre", DataRole::FineTuning), Some(DataRole::Pretraining));
        // A base card's list of its tuned models, whose sentence goes on over a line break.
        let t = "## Training Data\n\n[Web](https://huggingface.co/datasets/o/web)\n\n### Models finetuned off Widget-30B\n\n* Widget-30B-Chat: built by finetuning Widget-30B on [Chats](https://huggingface.co/datasets/o/chats),\n[Pairs](https://huggingface.co/datasets/o/pairs) and some generated data.\n";
        assert_eq!(linked_data_role(t, "huggingface.co/datasets/o/pairs", DataRole::Pretraining), None);
        assert_eq!(linked_data_role(t, "huggingface.co/datasets/o/web", DataRole::Pretraining), Some(DataRole::Pretraining));
    }

    #[test]
    fn the_lead_in_of_a_link_is_its_sentence_up_to_the_link() {
        let t = "# Widget\n\nWidget is fast. It was trained with the method of [Sparse Mixers](https://aclanthology.org/2024.acl-long.9/) at scale.\n";
        assert_eq!(lead_in(t, "2024.acl-long.9").as_deref(), Some("It was trained with the method of [Sparse Mixers](https://aclanthology.org/"));
        assert_eq!(lead_in(t, "2023.emnlp-main.1"), None);
    }

    #[test]
    fn datasets_linked_under_an_evaluation_heading_are_not_training_data() {
        let card = "# Widget\n\n## Training data\n\n```python\n# Evaluate\nrun()\n```\nTuned on [chats](https://huggingface.co/datasets/o/chat).\n\n## Training and evaluation data\n\n[mix](https://huggingface.co/datasets/o/mix)\n\n## Evaluation\n\n| Benchmark | Score |\n|---|---|\n| [GSM8K](https://huggingface.co/datasets/o/gsm8k) | 50 |\n\n## Data Contamination\n\nWe checked for overlap with [MMLU](https://huggingface.co/datasets/o/mmlu).\n";
        let role = |id: &str| linked_data_role(card, &format!("huggingface.co/datasets/{id}"), DataRole::FineTuning);
        assert_eq!(role("o/chat"), Some(DataRole::FineTuning));
        assert_eq!(role("o/mix"), Some(DataRole::FineTuning));
        assert_eq!(role("o/gsm8k"), None);
        assert_eq!(role("o/mmlu"), None);
        assert_eq!(heading_above(card, "o/gsm8k").as_deref(), Some("Evaluation"));
        // A README's link needs a sentence about training, outside an evaluation section.
        let readme = "## Training\n\nWe train on [mix](https://huggingface.co/datasets/o/mix).\n\n## Evaluation\n\nModels trained with our recipe are tested on [GSM8K](https://huggingface.co/datasets/o/gsm8k).\n";
        assert!(readme_training_link(readme, "huggingface.co/datasets/o/mix"));
        assert!(!readme_training_link(readme, "huggingface.co/datasets/o/gsm8k"));
        // Nor is a dataset announced under "News", in a sentence after one about training.
        let readme = "## News\n\n* **May 2024:** We release the code to train Widget! We also release [Chats](https://huggingface.co/datasets/o/chats), a new dataset.\n";
        assert!(!readme_training_link(readme, "huggingface.co/datasets/o/chats"));
        assert!(!readme_training_link(&readme.replace("## News", "## Data"), "huggingface.co/datasets/o/chats"), "the sentence before the link is its own");
    }

    #[test]
    fn skips_badges_and_assets() {
        assert!(!worth_visiting("https://img.shields.io/badge/x"));
        assert!(!worth_visiting("https://vendor.example/logo.png"));
        assert!(worth_visiting("https://vendor.example/blog/release"));
    }
}
