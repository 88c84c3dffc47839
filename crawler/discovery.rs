//! Discovery: from a model's starting points (Hugging Face id, repositories, pages)
//! to every related piece of evidence, breadth first, to a bounded depth and count.
//! Nothing is fetched twice in a run (the fetcher memoises every URL).

use crate::arxiv_batch::ArxivBatcher;
use crate::config::{CrawlConfig, ModelEntry};
use crate::evidence::*;
use crate::http::{FetchResult, Fetcher};
use futures::future::join_all;
use openness_sources::card::Card;
use openness_sources::github::{GithubFile, GithubRepo, GithubTree};
use openness_sources::hf::{HfCollection, HfRepo, RepoKind};
use openness_sources::html::Page;
use openness_sources::links::{self, Link};
use openness_sources::pypi::PypiProject;
use openness_sources::text::mentions_any;
use openness_sources::ParseError;
use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

/// `org/name` from an id or a huggingface.co URL.
pub fn parse_hf_id(s: &str) -> Option<String> {
    let s = s.trim();
    if s.starts_with("http://") || s.starts_with("https://") {
        return match links::classify(s)? {
            Link::HfModel(id) => Some(id),
            _ => None,
        };
    }
    let ok = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) && !p.starts_with('.');
    let (org, name) = s.split_once('/')?;
    (ok(org) && ok(name)).then(|| format!("{org}/{name}"))
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
            if let Some(id) = links::arxiv_id(a).or_else(|| match links::classify(a) {
                Some(Link::Arxiv(id)) => Some(id),
                _ => None,
            }) {
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
            for t in frontier.drain(..) {
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
                        let refs = links::references_in(&card.value.body);
                        for l in refs {
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
                        for l in links::references_in(&page.value.text).into_iter().chain(page.value.links.iter().filter_map(|u| links::classify(u))) {
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
        for l in links::references_in(text) {
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
        for l in links::references_in(text) {
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
                Link::Web(url) if end_model && worth_visiting(&url) => pages.push(url),
                _ => {}
            }
        }
        // Within the page budget, pages whose link speaks of a paper, release, licence or API
        // come first; otherwise the card's order is kept.
        let mut unique: Vec<String> = Vec::new();
        for url in pages {
            if !unique.contains(&url) {
                unique.push(url);
            }
        }
        unique.sort_by_key(|url| std::cmp::Reverse(page_promise(text, url)));
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

/// The Hub model repositories `text` links, in order.
fn linked_models(text: &str) -> impl Iterator<Item = String> {
    links::references_in(text).into_iter().filter_map(|l| match l {
        Link::HfModel(id) => Some(id),
        _ => None,
    })
}

/// A base the card names in prose ("fine-tuned from BLOOM") and links elsewhere by the
/// same name ("[BLOOM](https://huggingface.co/acme-science/bloom)"): the link says where
/// it is, which may be another organisation.
fn linked_named_base(name: &str, snippet: &str, card: &str) -> Option<Task> {
    let wanted = name.trim().replace(char::is_whitespace, "-");
    let id = linked_models(card).find(|id| id.rsplit('/').next().is_some_and(|n| n.eq_ignore_ascii_case(&wanted)))?;
    let how = format!("The end model's card names its base (\"{snippet}\") and links {id}");
    Some(Task::GuessedBase { id, how, fallback: None })
}

/// A base the end model's card names without a link (`name`, in the sentence `snippet`:
/// "trained on top of Widget 7B"), looked for in the end model's organisation, where a
/// developer's own base lives.
fn guessed_base(named: &openness_sources::card::NamedBase, model_id: &str) -> Option<Task> {
    let (name, snippet) = (named.name.as_str(), named.sentence.as_str());
    let (org, model_name) = model_id.split_once('/')?;
    // A base the card gives another owner ("EleutherAI's Pythia 7B") is not in this organisation.
    if named.owned_by(org) == Some(false) {
        return None;
    }
    // Only a name of the model's own family ("Widget 7B" for widget-7b-chat): another
    // developer's base is not in this organisation.
    let model_name = model_name.to_lowercase();
    let family = name.to_lowercase().split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 3 && model_name.contains(w));
    if name.contains('/') || !family {
        return None;
    }
    let id = format!("{org}/{}", name.trim().replace(char::is_whitespace, "-"));
    let how = format!("The end model's card names its base without a link (\"{snippet}\"); looked up in the same organisation");
    (parse_hf_id(&id).is_some() && !id.eq_ignore_ascii_case(model_id)).then_some(Task::GuessedBase { id, how, fallback: None })
}

/// Words of a repository name that mark a tuned variant ("-chat", "-Instruct", "-it").
const TUNED_NAME_WORDS: &[&str] = &["chat", "instruct", "inst", "it", "sft", "dpo", "rlhf"];

/// The end model's repository name without its tuning words, in its organisation
/// ("acme/widget-7b-chat" → "acme/widget-7b", or else "acme/widget-7b-base"): developers
/// publish a tuned model beside the base it was tuned from. Looked up only when the card
/// neither declares nor names a base, nor links one in a sentence saying so; the notes say
/// whether the card links the repository elsewhere.
fn sibling_base(model_id: &str, card: &str) -> Option<Task> {
    let (org, name) = model_id.split_once('/')?;
    let (dropped, kept): (Vec<&str>, Vec<&str>) = name.split('-').partition(|w| TUNED_NAME_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)));
    if dropped.is_empty() || kept.is_empty() {
        return None;
    }
    let linked: Vec<String> = linked_models(card).collect();
    let opening = |id: &str| {
        if linked.iter().any(|l| l.eq_ignore_ascii_case(id)) {
            format!("No base is declared or named, though the card links {id}")
        } else {
            "No base is declared, linked or named".to_string()
        }
    };
    let id = format!("{org}/{}", kept.join("-"));
    let how = format!("{}; {id}, the end model's repository name without \"-{}\" in the same organisation, exists", opening(&id), dropped.join("-"));
    let base_id = format!("{id}-base");
    let base_how = format!("{}; {base_id}, the end model's repository name with \"-{}\" replaced by \"-base\" in the same organisation, exists", opening(&base_id), dropped.join("-"));
    parse_hf_id(&id).is_some().then_some(Task::GuessedBase { id, how, fallback: Some((base_id, base_how)) })
}

/// The datasets a model declares: the API's list, or the card's front matter when the API
/// gave none.
fn declared_datasets(m: &HfModelEv) -> impl Iterator<Item = String> + '_ {
    let api: Vec<String> = m.api.value().map(|a| a.datasets.clone()).unwrap_or_default();
    let card = if api.is_empty() { m.card.value().map(|c| c.front_matter_list("datasets")).unwrap_or_default() } else { Vec::new() };
    api.into_iter().chain(card)
}

fn bases_in_prose(text: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)(?:",
            r"(?:fine-?tuned?|finetuned|instruction-tuned|trained|built|derived|distilled)\s+(?:version\s+)?(?:on top\s+)?(?:from|of|on|upon)\b",
            r"|(?:fine-?tuning|finetuning|instruction-tuning|further training)\s+(?:of\s+)?",
            r"|base[ _-]?model\s*[:|]\s*",
            r")(?:[^\n.]|\.\S|\n[^\n]){0,100}?https?://huggingface\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)"
        ))
        .unwrap()
    });
    // "X is a [Base-13B](https://huggingface.co/org/base) model fine-tuned with …": the link first.
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    let before = BEFORE.get_or_init(|| {
        Regex::new(r"(?i)\ban?\s+\[[^\]\n]{1,80}\]\(https?://huggingface\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)\)\s+(?:model\s+|checkpoint\s+)?(?:that\s+(?:was|has been)\s+|which\s+(?:was|has been)\s+)?(?:fine-?tuned|finetuned|instruction-tuned|further trained)\b|\[[^\]\n]{1,80}\]\(https?://huggingface\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)\)\s+as\s+(?:the\s+|its\s+|a\s+)?base\b").unwrap()
    });
    // "based on [Base-40B](https://huggingface.co/org/base-40b)", "The base model is [Base 7B](…)":
    // the link right after the words, since "based on" also introduces architectures and methods.
    static DIRECT: OnceLock<Regex> = OnceLock::new();
    let direct = DIRECT.get_or_init(|| {
        Regex::new(r"(?i)\b(?:based\s+on|base\s+model\s+(?:is|was))\s+(?:the\s+)?\[[^\]\n]{1,80}\]\(https?://huggingface\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)\)").unwrap()
    });
    // A plain Hub id right after "fine-tuned from", "fine-tuned version of" or "base model:"
    // (the model-card template's "**Finetuned from model:** org/name"). Not after "on": what a
    // model is tuned *on* is its data.
    static PLAIN: OnceLock<Regex> = OnceLock::new();
    let plain = PLAIN.get_or_init(|| {
        Regex::new(r"(?i:fine-?tuned\s+from(?:\s+model)?|fine-?tuned\s+version\s+of(?:\s+the)?|base[ _-]?model)\s*(?:\[optional\])?[\s:*`'\x22]*([A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*)").unwrap()
    });
    let has_letter = |s: &str| s.chars().any(|c| c.is_ascii_alphabetic());
    let plain_ids = plain.captures_iter(text).map(|c| c[1].trim_end_matches(['.', ')', '`', '\'', '"']).to_string()).filter(|id| {
        let (org, name) = id.split_once('/').unwrap_or(("", ""));
        has_letter(org) && has_letter(name) && !matches!(org.to_lowercase().as_str(), "http:" | "https:")
    });
    let mut out: Vec<String> = Vec::new();
    let linked = re.captures_iter(text).chain(before.captures_iter(text)).chain(direct.captures_iter(text)).filter_map(|c| c.get(1).or_else(|| c.get(2)).map(|m| m.as_str().trim_end_matches(['.', ')']).to_string()));
    for id in linked.chain(plain_ids) {
        let org = id.split('/').next().unwrap_or("").to_lowercase();
        if !links::HF_RESERVED.contains(&org.as_str()) && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Whether the text just before a link to `url` calls it pretraining data.
fn pretraining_context(text: &str, url_fragment: &str) -> bool {
    lead_in(text, url_fragment).is_some_and(|s| speaks_of_pretraining(&s))
}

/// Whether `text` speaks of pretraining other than as a kind of model ("pretraining data",
/// "used for pre-training"; not "a pre-trained Command family of models").
fn speaks_of_pretraining(text: &str) -> bool {
    let lower = text.to_lowercase();
    let model_words = ["model", "checkpoint", "weights", "llm", "network", "backbone"];
    ["pretrain", "pre-train"].iter().any(|w| {
        lower.match_indices(w).any(|(at, _)| {
            let next: Vec<&str> = lower[at..].split_whitespace().skip(1).take(4).collect();
            !next.iter().any(|n| model_words.iter().any(|m| n.starts_with(m)))
        })
    })
}

/// Words of a sentence that says a linked dataset was used to train or tune a model.
const TRAINING_DATA_WORDS: &[&str] = &["train", "fine-tun", "finetun", "instruction data", "instruction-tun", "tuning data", "rlhf"];

/// The role of data linked at `at` in the card `text` of a model whose data has `data_role`:
/// pretraining when the link's context says so. `None` when a base model's card tells how a
/// derivative was fine-tuned ("built by finetuning X on [a dataset]"): that names the
/// derivative's data, not its own.
fn linked_data_role(text: &str, at: &str, data_role: DataRole) -> Option<DataRole> {
    if under_evaluation_heading(text, at) {
        return None;
    }
    // Words right after the link name its use ("[bloom](…) for pretraining & [xP3](…) for
    // finetuning") and outrank the sentence before it.
    let after = tail(text, at).unwrap_or_default();
    let tuning_after = mentions_any(&after, FINE_TUNING_WORDS);
    let pretraining = !tuning_after && (speaks_of_pretraining(&after) || pretraining_context(text, at));
    if data_role == DataRole::Pretraining && !pretraining && (tuning_after || context_says(text, at, FINE_TUNING_WORDS)) {
        return None;
    }
    Some(if pretraining { DataRole::Pretraining } else { data_role })
}

/// Words that name fine-tuning (preference tuning included).
const FINE_TUNING_WORDS: &[&str] = &["finetun", "fine-tun", "instruction-tun", "instruction tun", "direct preference", "preference optimi", "rlhf", "supervised fine", "post-train", "instruct model", "instruct version", "chat model", "chat version"];

/// The words after the first `url_fragment` in `text`, up to the end of its sentence or the
/// next link, within the line and at most 200 bytes on; `None` when `text` lacks the fragment.
fn tail(text: &str, url_fragment: &str) -> Option<String> {
    let pos = text.find(url_fragment)? + url_fragment.len();
    let mut end = (pos + 200).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[pos..end];
    let cut = ["\n", ". ", "[", "http"].iter().filter_map(|m| window.find(m)).min().unwrap_or(window.len());
    Some(window[..cut].to_string())
}

/// Whether the first link to `url_fragment` in `text` sits under a heading about evaluation
/// (and not about training): a benchmark linked there is no training data.
fn under_evaluation_heading(text: &str, url_fragment: &str) -> bool {
    heading_above(text, url_fragment).is_some_and(|h| mentions_any(&h, openness_sources::card::EVALUATION_HEADING_WORDS) && !mentions_any(&h, &["train", "tuning", "fine-tun"]))
}

/// Whether a README's link to `url_fragment` is about training data: its sentence says so, and
/// it does not sit under an evaluation heading.
fn readme_training_link(text: &str, url_fragment: &str) -> bool {
    context_says(text, url_fragment, TRAINING_DATA_WORDS) && !under_evaluation_heading(text, url_fragment) && !under_news_heading(text, url_fragment)
}

/// Whether the first link to `url_fragment` in `text` sits under a heading of announcements
/// ("News", "Updates", "Changelog"): a dataset released there is news, not a statement of
/// what some model was trained on.
fn under_news_heading(text: &str, url_fragment: &str) -> bool {
    heading_above(text, url_fragment).is_some_and(|h| mentions_any(&h, &["news", "update", "changelog", "release notes", "announcement"]))
}

/// The Markdown heading (`#` … `######`) nearest above the first `url_fragment` in `text`;
/// comments in code blocks are no headings.
fn heading_above(text: &str, url_fragment: &str) -> Option<String> {
    let pos = text.find(url_fragment)?;
    let prose = openness_sources::card::strip_code_blocks(&text[..pos]);
    prose.lines().rev().map(str::trim_start).find(|l| l.starts_with('#')).map(|l| l.trim_start_matches('#').trim().to_string())
}

/// At most this many datasets of one linked collection are looked at.
const MAX_COLLECTION_DATASETS: usize = 16;

/// Whether the sentence (on one line, at most 400 bytes back) that holds the first link
/// to `url_fragment` says one of `words` (lower case) before the link.
fn context_says(text: &str, url_fragment: &str, words: &[&str]) -> bool {
    lead_in(text, url_fragment).is_some_and(|sentence| {
        let sentence = sentence.to_lowercase();
        words.iter().any(|w| sentence.contains(w))
    })
}

/// The sentence of `text` up to the first `url_fragment` (a link's text included), within
/// its line and at most 400 bytes back; `None` when `text` lacks the fragment.
pub(crate) fn lead_in(text: &str, url_fragment: &str) -> Option<String> {
    let pos = text.find(url_fragment)?;
    let mut start = pos.saturating_sub(400);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let window = &text[start..pos];
    let line = window.rsplit('\n').next().unwrap_or(window);
    // The sentence starts after the last ". ", "! " or "? " of the line.
    let start = [". ", "! ", "? "].iter().filter_map(|end| line.rfind(end).map(|i| i + end.len())).max().unwrap_or(0);
    Some(line[start..].to_string())
}

fn api_url(id: &str) -> String {
    RepoKind::Model.api_url(id)
}

enum Found {
    Model(HfModelEv),
    /// A guessed repository that does not exist.
    Nothing,
    Dataset(DatasetEv),
    Collection(CollectionEv),
    Repo(Box<RepoEv>),
    Folder(FolderEv),
    Paper(PaperEv),
    Package(PackageEv),
    Page(PageEv),
}

struct Fetched {
    result: Found,
    snapshots: Vec<SnapshotRef>,
    problems: Vec<String>,
}

#[derive(Default)]
struct Collector {
    snapshots: Vec<SnapshotRef>,
    problems: Vec<String>,
}

impl Collector {
    /// Turns a fetch result into an availability, parsing found bodies with `parse`.
    fn avail<T>(&mut self, url: &str, r: FetchResult, parse: impl FnOnce(&crate::http::Response) -> Result<T, ParseError>) -> Avail<T> {
        match r {
            Ok(resp) => {
                self.snapshots.push(SnapshotRef { url: url.to_string(), status: resp.status, digest: resp.digest.clone() });
                match resp.status {
                    200..=299 => match parse(&resp) {
                        Ok(v) => Avail::Found(Doc { url: resp.final_url.clone(), digest: resp.digest.clone(), value: v }),
                        Err(e) => {
                            self.problems.push(format!("{url}: {e}"));
                            Avail::Failed { url: url.to_string(), error: e.to_string() }
                        }
                    },
                    404 | 410 => Avail::NotFound { url: url.to_string(), status: resp.status },
                    // The Hub's repository API shows a gated repository's metadata to anyone;
                    // its 401 means the repository is missing or private, not gated.
                    401 if is_hub_repo_api(url) => Avail::NotFound { url: url.to_string(), status: resp.status },
                    401 | 403 | 451 => Avail::Restricted { url: url.to_string(), status: resp.status },
                    s => {
                        self.problems.push(format!("{url}: HTTP {s}"));
                        Avail::Failed { url: url.to_string(), error: format!("HTTP {s}") }
                    }
                }
            }
            Err(e) => {
                self.snapshots.push(SnapshotRef { url: url.to_string(), status: 0, digest: None });
                self.problems.push(e.to_string());
                Avail::Failed { url: url.to_string(), error: e.to_string() }
            }
        }
    }
}

/// A Hugging Face repository API URL (`/api/models|datasets|spaces/…`).
fn is_hub_repo_api(url: &str) -> bool {
    ["models/", "datasets/", "spaces/"].iter().any(|kind| url.starts_with(&format!("https://huggingface.co/api/{kind}")))
}

/// Where a repository page on the Hub renders its card. The rest of the page (file lists,
/// "datasets used to train" panels) is not the card, so without it nothing is read.
const HUB_CARD_CONTAINERS: &[&str] = &["div.model-card-content", ".model-card-content"];

/// The card of repository `id` from its README answer `readme`. A gated repository's files,
/// its README too, need the terms accepted; its page on the Hub shows the card to anyone.
/// When the README answered 401/403 but the repository API could be read, the card is taken
/// from that page, with the API's `cardData` as its front matter.
async fn read_card(f: &Fetcher, c: &mut Collector, kind: RepoKind, id: &str, api: &Avail<HfRepo>, readme: FetchResult) -> Avail<Card> {
    let card = c.avail(&kind.card_url(id), readme, |r| text_of(r).map(|t| Card::parse(&t)));
    let (Avail::Restricted { .. }, Some(repo)) = (&card, api.value()) else { return card };
    let card_data = repo.card_data.clone();
    let page_url = kind.page_url(id);
    let shown = c.avail(&page_url, f.get_page(&page_url).await, |r| {
        let html = String::from_utf8_lossy(&r.body);
        let mut shown = Card::parse(&openness_sources::html::markdown_of(&html, &r.final_url, HUB_CARD_CONTAINERS).unwrap_or_default());
        shown.front_matter = Some(card_data).filter(|d| d.as_object().is_some_and(|o| !o.is_empty()));
        Ok(shown)
    });
    match shown {
        Avail::Found(doc) if doc.value.words > 0 => Avail::Found(doc),
        _ => card,
    }
}

/// A model repository's evidence once its API answer is in: its card (from the README answer
/// `readme`) and, when its licence tag names no known licence, its licence file.
async fn model_evidence(f: &Fetcher, c: &mut Collector, id: String, role: ModelRole, api: Avail<HfRepo>, readme: FetchResult, how_found: Option<String>) -> HfModelEv {
    let card = read_card(f, c, RepoKind::Model, &id, &api, readme).await;
    let mut m = HfModelEv { id, role, api, card, how_found, license_file: Avail::NotChecked };
    // A related model's weights are not part of this system: its licence is not needed.
    if m.role != ModelRole::Related && names_no_known_licence(m.tag_license()) {
        m.license_file = read_licence_file(f, c, RepoKind::Model, &m.id, &m.api).await;
    }
    m
}

/// Whether a licence tag leaves the licence unknown (none, `other`, a name off the SPDX list),
/// so that the repository's licence file is worth reading.
fn names_no_known_licence(tag: Option<openness_sources::license::License>) -> bool {
    tag.is_none_or(|l| l.openness == openness_sources::license::Openness::Unclear)
}

/// The licence file of a model or dataset repository (the file tells which licence it is when
/// the tag does not: none, `other` without a recognised `license_name`, a name off the SPDX
/// list). Weights licences are preferred (`MODEL_LICENSE`).
async fn read_licence_file(f: &Fetcher, c: &mut Collector, kind: RepoKind, id: &str, api: &Avail<HfRepo>) -> Avail<LicenceFile> {
    let Some(repo) = api.value() else { return Avail::NotChecked };
    let Some(path) = licence_file_in(&repo.files) else { return Avail::NotChecked };
    let url = kind.raw_url(id, path);
    let resp = f.get(&url).await;
    c.avail(&url, resp, |r| text_of(r).map(|text| LicenceFile { path: path.to_string(), text }))
}

/// A top-level licence file among a repository's files, a weights licence first.
fn licence_file_in(files: &[String]) -> Option<&str> {
    let is_licence = |f: &&String| {
        let upper = f.to_uppercase();
        !f.contains('/') && (upper.starts_with("LICENSE") || upper.starts_with("LICENCE") || upper.starts_with("MODEL_LICEN") || upper.starts_with("MODEL-LICEN"))
    };
    let mut found: Vec<&String> = files.iter().filter(is_licence).collect();
    found.sort_by_key(|f| (!f.to_uppercase().starts_with("MODEL"), f.len()));
    found.first().map(|f| f.as_str())
}

/// A README written mostly in an East Asian script is read in its English version
/// (`README_en.md`, `README-EN.md`, `README.en.md`, `README_english.md` beside it), when
/// the repository has one: the rules read section titles and sentences in English.
async fn english_readme(f: &Fetcher, c: &mut Collector, repo: &GithubRepo, readme: &GithubFile, tree: &GithubTree) -> Avail<GithubFile> {
    const MAINLY_OTHER_SCRIPT: f64 = 0.25;
    if openness_sources::text::east_asian_share(&readme.text) < MAINLY_OTHER_SCRIPT {
        return Avail::NotChecked;
    }
    let Some(path) = tree.files().find(|p| is_english_readme(p)) else { return Avail::NotChecked };
    raw_github_file(f, c, &repo.full_name, &repo.default_branch, path).await
}

/// File `path` of GitHub repository `repo` at `git_ref`, read raw from
/// raw.githubusercontent.com, with its page on github.com to cite.
async fn raw_github_file(f: &Fetcher, c: &mut Collector, repo: &str, git_ref: &str, path: &str) -> Avail<GithubFile> {
    let url = format!("https://raw.githubusercontent.com/{repo}/{git_ref}/{path}");
    let html_url = format!("https://github.com/{repo}/blob/{git_ref}/{path}");
    let resp = f.get(&url).await;
    c.avail(&url, resp, |r| text_of(r).map(|text| GithubFile { path: path.to_string(), text, html_url: Some(html_url.clone()), license_spdx: None }))
}

/// A top-level English README: `README_en.md`, `README-EN.md`, `README.en.md`,
/// `README_English.md` (Markdown, reStructuredText or text).
fn is_english_readme(path: &str) -> bool {
    let lower = path.to_lowercase();
    let Some(rest) = lower.strip_prefix("readme").and_then(|r| r.strip_prefix(['_', '.', '-'])) else { return false };
    let Some((lang, ext)) = rest.split_once('.') else { return false };
    ["en", "eng", "english"].contains(&lang) && ["md", "markdown", "rst", "txt"].contains(&ext)
}

fn text_of(resp: &crate::http::Response) -> Result<String, ParseError> {
    openness_sources::error::utf8("document", &resp.body).map(str::to_string)
}

async fn fetch_task(f: &Fetcher, arxiv: &ArxivBatcher, task: Task) -> Fetched {
    let mut c = Collector::default();
    let result = match task {
        Task::Model { id, role } => {
            let (api_u, card_u) = (RepoKind::Model.api_url(&id), RepoKind::Model.card_url(&id));
            let (api_r, card_r) = futures::join!(f.get(&api_u), f.get(&card_u));
            let api = c.avail(&api_u, api_r, |r| HfRepo::parse(RepoKind::Model, &r.body));
            Found::Model(model_evidence(f, &mut c, id, role, api, card_r, None).await)
        }
        Task::GuessedBase { id, how, fallback } => {
            let mut found = Found::Nothing;
            for (id, how) in std::iter::once((id, how)).chain(fallback) {
                let api_u = RepoKind::Model.api_url(&id);
                let api = c.avail(&api_u, f.get(&api_u).await, |r| HfRepo::parse(RepoKind::Model, &r.body));
                if api.found().is_some() {
                    let readme = f.get(&RepoKind::Model.card_url(&id)).await;
                    found = Found::Model(model_evidence(f, &mut c, id, ModelRole::Base, api, readme, Some(how)).await);
                    break;
                }
                // A guess that missed says nothing about the model: no evidence, no problem.
                c.problems.clear();
            }
            found
        }
        Task::Dataset { id, role, named_by, named_by_card, listed_in } => {
            let (api_u, card_u) = (RepoKind::Dataset.api_url(&id), RepoKind::Dataset.card_url(&id));
            let (api_r, card_r) = futures::join!(f.get(&api_u), f.get(&card_u));
            let api = c.avail(&api_u, api_r, |r| HfRepo::parse(RepoKind::Dataset, &r.body));
            let card = read_card(f, &mut c, RepoKind::Dataset, &id, &api, card_r).await;
            let mut d = DatasetEv { id, role, named_by, named_by_card, api, card, license_file: Avail::NotChecked, listed_in };
            if names_no_known_licence(d.tag_license()) {
                d.license_file = read_licence_file(f, &mut c, RepoKind::Dataset, &d.id, &d.api).await;
            }
            Found::Dataset(d)
        }
        Task::Collection { slug, role, named_by, named_by_card } => {
            let api_u = HfCollection::api_url(&slug);
            let api = c.avail(&api_u, f.get(&api_u).await, |r| HfCollection::parse(&r.body));
            Found::Collection(CollectionEv { slug, role, named_by, named_by_card, api })
        }
        Task::Repo { name, from } => {
            let api_u = format!("https://api.github.com/repos/{name}");
            let api = c.avail(&api_u, f.get(&api_u).await, |r| GithubRepo::parse(&r.body));
            let (readme, license, tree) = if let Some(repo) = api.value() {
                let base = format!("https://api.github.com/repos/{}", repo.full_name);
                let (ru, lu, tu) = (format!("{base}/readme"), format!("{base}/license"), format!("{base}/git/trees/{}?recursive=1", repo.default_branch));
                let (rr, lr, tr) = futures::join!(f.get(&ru), f.get(&lu), f.get(&tu));
                (
                    c.avail(&ru, rr, |r| GithubFile::parse(&r.body)),
                    c.avail(&lu, lr, |r| GithubFile::parse(&r.body)),
                    c.avail(&tu, tr, |r| GithubTree::parse(&r.body)),
                )
            } else {
                (Avail::NotChecked, Avail::NotChecked, Avail::NotChecked)
            };
            let readme_en = match (api.value(), readme.value(), tree.value()) {
                (Some(repo), Some(readme), Some(tree)) => english_readme(f, &mut c, repo, readme, tree).await,
                _ => Avail::NotChecked,
            };
            Found::Repo(Box::new(RepoEv { name, linked_from: from, api, readme, readme_en, license, tree }))
        }
        Task::Folder { repo, git_ref, dir, from } => {
            let readme = raw_github_file(f, &mut c, &repo, &git_ref, &format!("{dir}/README.md")).await;
            Found::Folder(FolderEv { repo, dir, linked_from: from, readme })
        }
        Task::Paper { id, from } => {
            let entry = arxiv.get(&id).await;
            if let Some(u) = entry.url() {
                c.snapshots.push(SnapshotRef { url: u.to_string(), status: if entry.is_failed() { 0 } else { 200 }, digest: entry.found().and_then(|d| d.digest.clone()) });
            }
            // A failed lookup is "unknown", and reported like every other failed fetch.
            if let Avail::Failed { url, error } = &entry {
                c.problems.push(format!("arXiv {id} ({url}): {error}"));
            }
            Found::Paper(PaperEv { id, linked_from: from, entry })
        }
        Task::Package { name, from } => {
            let u = format!("https://pypi.org/pypi/{name}/json");
            let project = c.avail(&u, f.get(&u).await, |r| PypiProject::parse(&r.body));
            Found::Package(PackageEv { name, linked_from: from, project })
        }
        Task::Page { url, from } => {
            let answer = f.get_page(&url).await;
            let landed_at = answer.as_ref().ok().map(|r| r.final_url.clone()).filter(|u| *u != url);
            let page = c.avail(&url, answer, |r| {
                let text = String::from_utf8_lossy(&r.body);
                Ok(Page::parse(&text, &r.final_url, r.content_type.as_deref()))
            });
            Found::Page(PageEv { url, linked_from: from, landed_at, page })
        }
    };
    Fetched { result, snapshots: c.snapshots, problems: c.problems }
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
