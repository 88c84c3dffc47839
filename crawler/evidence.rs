//! Everything gathered about one model: typed documents, each with the URL and
//! snapshot digest it came from, and whether each piece was found, missing,
//! restricted or could not be fetched.

use openness_snapshots::Digest;
use openness_sources::{arxiv::ArxivEntry, card::Card, github, hf::HfCollection, hf::HfRepo, html::Page, pypi::PypiProject, Fact};
use serde::Serialize;
use std::collections::BTreeMap;

/// A parsed document and where it came from.
#[derive(Clone, Debug, Serialize)]
pub struct Doc<T> {
    /// Public URL of the response.
    pub url: String,
    /// Snapshot digest of the body.
    pub digest: Option<Digest>,
    /// The parsed content.
    pub value: T,
}

/// The state of one piece of evidence. "Failed" is unknown, never absence.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Avail<T> {
    /// Fetched and parsed.
    Found(Doc<T>),
    /// The service answered 404/410: it does not exist (publicly).
    NotFound { url: String, status: u16 },
    /// 401/403: it exists with restricted access (e.g. a gated repository).
    Restricted { url: String, status: u16 },
    /// Could not be fetched or parsed; nothing is known.
    Failed { url: String, error: String },
    /// Not looked up.
    #[default]
    NotChecked,
}

impl<T> Avail<T> {
    /// The document when found.
    pub fn found(&self) -> Option<&Doc<T>> {
        match self {
            Avail::Found(d) => Some(d),
            _ => None,
        }
    }
    /// The parsed value when found.
    pub fn value(&self) -> Option<&T> {
        self.found().map(|d| &d.value)
    }
    /// The URL looked at, if any.
    pub fn url(&self) -> Option<&str> {
        match self {
            Avail::Found(d) => Some(&d.url),
            Avail::NotFound { url, .. } | Avail::Restricted { url, .. } | Avail::Failed { url, .. } => Some(url),
            Avail::NotChecked => None,
        }
    }
    /// Fetched and answered "does not exist".
    pub fn is_not_found(&self) -> bool {
        matches!(self, Avail::NotFound { .. })
    }
    /// Could not be determined.
    pub fn is_failed(&self) -> bool {
        matches!(self, Avail::Failed { .. })
    }
    /// Short state word for notes.
    pub fn state(&self) -> &'static str {
        match self {
            Avail::Found(_) => "found",
            Avail::NotFound { .. } => "not found",
            Avail::Restricted { .. } => "access restricted",
            Avail::Failed { .. } => "could not be fetched",
            Avail::NotChecked => "not checked",
        }
    }
}

/// How a Hugging Face model relates to the model being judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ModelRole {
    /// The end (user-facing) model.
    End,
    /// A declared base model (directly or further up the chain).
    Base,
    /// Another model the evidence links to.
    Related,
}

/// A Hugging Face model repository.
#[derive(Clone, Debug, Serialize)]
pub struct HfModelEv {
    /// Id as asked.
    pub id: String,
    /// Relation to the judged model.
    pub role: ModelRole,
    /// API answer.
    pub api: Avail<HfRepo>,
    /// Model card.
    pub card: Avail<Card>,
    /// For a base found without a declaration or a link — a name the end model's card gives
    /// it, or the end model's repository name without its tuning word — how it was found,
    /// as the notes say it.
    pub how_found: Option<String>,
    /// The licence file of the repository (`LICENSE`, `MODEL_LICENSE`, `LICENSE.txt`), read
    /// when the repository's licence tag does not name a known licence.
    pub license_file: Avail<LicenceFile>,
}

/// A licence file read from a model or dataset repository.
#[derive(Clone, Debug, Serialize)]
pub struct LicenceFile {
    /// Path in the repository.
    pub path: String,
    /// Its text.
    pub text: String,
}

impl HfModelEv {
    /// The models this one declares as its base (`base_model` in the API or the card's
    /// front matter, there only as `org/name`), as far as they are well-formed ids (see
    /// [`valid_hub_id`](crate::discovery::valid_hub_id)).
    pub fn declared_bases(&self) -> impl Iterator<Item = String> + '_ {
        self.api
            .value()
            .into_iter()
            .flat_map(|a| a.base_models.iter().cloned())
            .chain(self.card.value().into_iter().flat_map(|c| c.front_matter_list("base_model")).filter(|b| b.contains('/')))
            .filter(|b| crate::discovery::valid_hub_id(b))
    }

    /// The licence the repository's tag names (see [`hub_tag_license`]).
    pub fn tag_license(&self) -> Option<openness_sources::license::License> {
        hub_tag_license(self.api.value(), self.card.value())
    }
}

/// The licence a Hub repository's tags name: the API's `license` tags (else the card's
/// front matter), `other` read as its `license_name`. Several tags are read as the least open
/// of them (see [`License::least_open`](openness_sources::license::License::least_open)).
pub fn hub_tag_license(api: Option<&HfRepo>, card: Option<&Card>) -> Option<openness_sources::license::License> {
    use openness_sources::license::{classify, License};
    let tags = match api.map(|a| &a.licenses).filter(|l| !l.is_empty()) {
        Some(tags) => tags.clone(),
        None => card.map(|c| c.front_matter_list("license")).unwrap_or_default(),
    };
    let name = || api.and_then(|a| a.license_name.clone()).or_else(|| card.and_then(|c| c.front_matter_str("license_name")));
    License::least_open(
        tags.iter()
            .map(|tag| match name().filter(|_| tag.eq_ignore_ascii_case("other")) {
                Some(name) => License { label: format!("other: {name}"), ..classify(&name) },
                None => classify(tag),
            })
            .collect(),
    )
}

/// What a dataset was used for, as far as the evidence tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DataRole {
    /// Named by a base model that declares no base of its own: pretraining data.
    Pretraining,
    /// Named by the end model that has a base, or by a base that was itself tuned from
    /// another (a step of the end model's tuning): fine-tuning / instruction data.
    FineTuning,
    /// Named by an end model without a declared base.
    Unknown,
}

/// A Hugging Face dataset repository.
#[derive(Clone, Debug, Serialize)]
pub struct DatasetEv {
    /// Id as named.
    pub id: String,
    /// Role.
    pub role: DataRole,
    /// Which model named it.
    pub named_by: String,
    /// Whether a model card names it (its front matter's `datasets`, `dataset:` tags or a
    /// link in its text), rather than only a repository's README linking it.
    pub named_by_card: bool,
    /// API answer.
    pub api: Avail<HfRepo>,
    /// Dataset card.
    pub card: Avail<Card>,
    /// The licence file of the repository, read when its licence tag does not name a known
    /// licence.
    pub license_file: Avail<LicenceFile>,
    /// The collection (`owner/slug`) that listed it, when it was named through one.
    pub listed_in: Option<String>,
}

impl DatasetEv {
    /// The licence the repository's tag names (see [`hub_tag_license`]).
    pub fn tag_license(&self) -> Option<openness_sources::license::License> {
        hub_tag_license(self.api.value(), self.card.value())
    }
}

/// A link to a peer-reviewed venue (a DOI, an ACL Anthology or OpenReview page).
#[derive(Clone, Debug, Serialize)]
pub struct VenueLink {
    /// The venue page.
    pub url: String,
    /// The document that links it.
    pub from: String,
    /// The sentence that leads up to the link, its link text included; `None`
    /// when the document's text does not hold the URL (a web page's links).
    pub lead_in: Option<String>,
}

/// A GitHub repository.
#[derive(Clone, Debug, Serialize)]
pub struct RepoEv {
    /// `owner/repo` as linked.
    pub name: String,
    /// Where it was linked from.
    pub linked_from: String,
    /// Repository API.
    pub api: Avail<github::GithubRepo>,
    /// README.
    pub readme: Avail<github::GithubFile>,
    /// The English version of a README written mostly in another script (`README_en.md`
    /// beside it), read from raw.githubusercontent.com; `NotChecked` when not needed.
    pub readme_en: Avail<github::GithubFile>,
    /// LICENSE.
    pub license: Avail<github::GithubFile>,
    /// Recursive file tree.
    pub tree: Avail<github::GithubTree>,
}

impl RepoEv {
    /// The README the rules read: the English version when there is one, else the README.
    pub fn readme_doc(&self) -> Option<&Doc<github::GithubFile>> {
        self.readme_en.found().or_else(|| self.readme.found())
    }
}

/// A folder of a GitHub repository that a card or page links (`tree/<ref>/<dir>`): where a
/// repository keeps one model's code among others, and the README that documents it.
#[derive(Clone, Debug, Serialize)]
pub struct FolderEv {
    /// `owner/repo` as linked.
    pub repo: String,
    /// The folder's path in the repository (`recipes/widget`).
    pub dir: String,
    /// Where it was linked from.
    pub linked_from: String,
    /// The folder's `README.md`, read raw at the linked ref; `NotFound` when it has none.
    pub readme: Avail<github::GithubFile>,
}

/// A Hugging Face collection a card or README links as data: its datasets are named
/// through it.
#[derive(Clone, Debug, Serialize)]
pub struct CollectionEv {
    /// `owner/slug` as linked.
    pub slug: String,
    /// The role of the data it lists, from the context of the link.
    pub role: DataRole,
    /// The model or repository that links it.
    pub named_by: String,
    /// Whether a model card links it (else a repository's README).
    pub named_by_card: bool,
    /// API answer.
    pub api: Avail<HfCollection>,
}

/// An arXiv paper.
#[derive(Clone, Debug, Serialize)]
pub struct PaperEv {
    /// arXiv id.
    pub id: String,
    /// Where it was named.
    pub linked_from: String,
    /// The entry.
    pub entry: Avail<ArxivEntry>,
}

/// A PyPI project.
#[derive(Clone, Debug, Serialize)]
pub struct PackageEv {
    /// Project name.
    pub name: String,
    /// Where it was named.
    pub linked_from: String,
    /// The project answer.
    pub project: Avail<PypiProject>,
}

/// A vendor page or a file linked in a repository (model card, licence text).
#[derive(Clone, Debug, Serialize)]
pub struct PageEv {
    /// Public URL (for GitHub files: the github.com page; the text is fetched raw).
    pub url: String,
    /// Where it was linked from.
    pub linked_from: String,
    /// Where the link's redirects ended, when somewhere else (whether or not that answered).
    pub landed_at: Option<String>,
    /// The page.
    pub page: Avail<Page>,
}

/// A snapshot the evidence rests on.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct SnapshotRef {
    /// Public URL.
    pub url: String,
    /// HTTP status, 0 when the fetch failed.
    pub status: u16,
    /// Body digest.
    pub digest: Option<Digest>,
}

/// All evidence gathered for one model.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Evidence {
    /// Hugging Face id of the end model, when given.
    pub end_model_id: Option<String>,
    /// Models by id.
    pub models: BTreeMap<String, HfModelEv>,
    /// Datasets by id.
    pub datasets: BTreeMap<String, DatasetEv>,
    /// Repositories by `owner/repo` (lower case).
    pub repos: BTreeMap<String, RepoEv>,
    /// Linked repository folders by `owner/repo/dir` (lower case).
    pub folders: BTreeMap<String, FolderEv>,
    /// Hugging Face collections linked as data, by `owner/slug` (lower case).
    pub collections: BTreeMap<String, CollectionEv>,
    /// Papers by arXiv id.
    pub papers: BTreeMap<String, PaperEv>,
    /// Packages by name (lower case).
    pub packages: BTreeMap<String, PackageEv>,
    /// Vendor pages and linked files by URL.
    pub pages: BTreeMap<String, PageEv>,
    /// Peer-review venues linked directly (DOIs, ACL Anthology, OpenReview URLs).
    pub venue_links: Vec<VenueLink>,
    /// Every snapshot looked at.
    pub snapshots: Vec<SnapshotRef>,
    /// Problems met (fetch failures, malformed answers), for the notes and the summary.
    pub problems: Vec<String>,
}

impl Evidence {
    /// The end model.
    pub fn end_model(&self) -> Option<&HfModelEv> {
        self.end_model_id.as_ref().and_then(|id| self.models.get(id))
    }

    /// Base models (declared, directly or up the chain).
    pub fn base_models(&self) -> impl Iterator<Item = &HfModelEv> {
        self.models.values().filter(|m| m.role == ModelRole::Base)
    }

    /// The linked folders of the repository reached as `name` (or renamed `full_name`).
    pub fn folders_of<'a>(&'a self, name: &'a str, full_name: &'a str) -> impl Iterator<Item = &'a FolderEv> + 'a {
        self.folders.values().filter(move |f| f.repo.eq_ignore_ascii_case(name) || f.repo.eq_ignore_ascii_case(full_name))
    }

    /// The pretrained bases: base models that declare no base of their own. When the chain of
    /// tuned bases was cut before its start (by the crawl limits), every base found stands in.
    pub fn root_bases(&self) -> Vec<&HfModelEv> {
        let roots: Vec<&HfModelEv> = self.base_models().filter(|m| m.declared_bases().next().is_none()).collect();
        if roots.is_empty() { self.base_models().collect() } else { roots }
    }

    /// Every fact in the evidence (for traceability and change detection).
    pub fn facts(&self) -> Vec<Fact> {
        let mut out = Vec::new();
        for m in self.models.values() {
            if let Some(d) = m.api.found() {
                out.extend(d.value.facts());
            }
            push_state(&mut out, "hf.model", &format!("hf:model/{}", m.id), &m.api);
            push_licence_file(&mut out, "hf.model.license_file", &format!("hf:model/{}", m.id), &m.license_file);
        }
        for d in self.datasets.values() {
            if let Some(doc) = d.api.found() {
                out.extend(doc.value.facts());
            }
            push_state(&mut out, "hf.dataset", &format!("hf:dataset/{}", d.id), &d.api);
            push_licence_file(&mut out, "hf.dataset.license_file", &format!("hf:dataset/{}", d.id), &d.license_file);
        }
        for c in self.collections.values() {
            if let Some(doc) = c.api.found() {
                out.extend(doc.value.facts());
            }
            push_state(&mut out, "hf.collection", &HfCollection::subject(&c.slug), &c.api);
        }
        for r in self.repos.values() {
            if let Some(doc) = r.api.found() {
                out.extend(doc.value.facts(&doc.url));
            }
            push_state(&mut out, "github.repo", &format!("github:{}", r.name.to_lowercase()), &r.api);
        }
        for p in self.papers.values() {
            if let Some(doc) = p.entry.found() {
                out.extend(doc.value.facts(&doc.url));
            }
        }
        // A card or README that cites an arXiv paper (by id, or by the title of a paper read)
        // at a conference or journal.
        let cards = self.models.values().filter_map(|m| m.card.found()).map(|d| (d.url.as_str(), d.value.body.as_str()));
        let readmes = self.repos.values().filter_map(|r| r.readme_doc()).map(|d| (d.url.as_str(), d.value.text.as_str()));
        let titled = |title: &str| self.papers.values().filter_map(|p| p.entry.found()).find(|d| openness_sources::bibtex::same_title(title, &d.value.title)).map(|d| d.value.id.clone());
        for (url, text) in cards.chain(readmes) {
            for e in openness_sources::bibtex::entries(text) {
                let id = e.arxiv_id.clone().or_else(|| e.title.as_deref().and_then(titled));
                if let (Some(venue), Some(id)) = (e.peer_reviewed_venue(), id) {
                    out.push(Fact::new("cited.venue", format!("arxiv:{id}"), venue, url, openness_sources::text::excerpt(&e.raw, 400)));
                }
            }
        }
        for p in self.packages.values() {
            if let Some(doc) = p.project.found() {
                out.extend(doc.value.facts(&doc.url));
            }
            push_state(&mut out, "pypi.project", &format!("pypi:{}", p.name.to_lowercase()), &p.project);
        }
        for p in self.pages.values() {
            push_state(&mut out, "page", &format!("page:{}", p.url), &p.page);
        }
        out.sort();
        out.dedup();
        out
    }
}

/// The licence a repository's licence file holds, as a fact.
fn push_licence_file(out: &mut Vec<Fact>, kind: &str, subject: &str, file: &Avail<LicenceFile>) {
    if let Some(d) = file.found() {
        let l = openness_sources::license::detect_text(&d.value.text);
        out.push(Fact::new(kind, subject, l.display(), &d.url, &d.value.text));
    }
}

fn push_state<T>(out: &mut Vec<Fact>, kind: &str, subject: &str, a: &Avail<T>) {
    let (value, url) = match a {
        Avail::Found(d) => ("found", d.url.clone()),
        Avail::NotFound { url, status } => (if *status == 410 { "gone" } else { "not found" }, url.clone()),
        Avail::Restricted { url, .. } => ("restricted", url.clone()),
        Avail::Failed { url, .. } => ("failed", url.clone()),
        Avail::NotChecked => return,
    };
    let snippet = match a {
        Avail::NotFound { status, .. } | Avail::Restricted { status, .. } => format!("HTTP {status}"),
        Avail::Failed { error, .. } => error.clone(),
        _ => String::from("HTTP 200"),
    };
    out.push(Fact::new(&format!("{kind}.state"), subject, value, url, snippet));
}
