//! Fetching one discovery task and turning the answers into evidence: availabilities,
//! cards (also of gated repositories), licence files, English READMEs.

use super::Task;
use crate::arxiv_batch::ArxivBatcher;
use crate::evidence::*;
use crate::http::{FetchResult, Fetcher};
use openness_sources::card::Card;
use openness_sources::github::{GithubFile, GithubRepo, GithubTree};
use openness_sources::hf::{HfCollection, HfRepo, RepoKind};
use openness_sources::html::Page;
use openness_sources::pypi::PypiProject;
use openness_sources::ParseError;

/// What one task found.
pub(super) enum Found {
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

/// A task's finding, with the snapshots it read and the problems it met.
pub(super) struct Fetched {
    pub(super) result: Found,
    pub(super) snapshots: Vec<SnapshotRef>,
    pub(super) problems: Vec<String>,
}

/// The snapshots and problems of one task, gathered while its answers are read.
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
                // The URL as the store keys it, so that a snapshot can be looked up.
                self.snapshots.push(SnapshotRef { url: resp.url.clone(), status: resp.status, digest: resp.digest.clone() });
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
                self.snapshots.push(SnapshotRef { url: crate::http::store_key(url), status: 0, digest: None });
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
pub(super) fn is_english_readme(path: &str) -> bool {
    let lower = path.to_lowercase();
    let Some(rest) = lower.strip_prefix("readme").and_then(|r| r.strip_prefix(['_', '.', '-'])) else { return false };
    let Some((lang, ext)) = rest.split_once('.') else { return false };
    ["en", "eng", "english"].contains(&lang) && ["md", "markdown", "rst", "txt"].contains(&ext)
}

/// An answer's body as UTF-8 text.
fn text_of(resp: &crate::http::Response) -> Result<String, ParseError> {
    openness_sources::error::utf8("document", &resp.body).map(str::to_string)
}

/// Fetches what one task asks for and turns the answers into evidence, with the snapshots
/// read and the problems met.
pub(super) async fn fetch_task(f: &Fetcher, arxiv: &ArxivBatcher, task: Task) -> Fetched {
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
