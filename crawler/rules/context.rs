//! What the rules share: the evidence plus derived views (the names the model goes
//! by, which repositories and papers are about this model rather than generic tools).

use crate::config::ModelEntry;
use crate::evidence::*;
use openness_sources::arxiv::ArxivEntry;
use openness_sources::card::Card;
use openness_sources::github::{GithubFile, GithubRepo};
use openness_sources::hf::RepoKind;
use std::collections::BTreeSet;

/// Naming words that say nothing about which model it is.
const GENERIC: &[&str] = &[
    "instruct", "instruction", "chat", "base", "model", "models", "the", "delta", "mini", "tiny", "small", "medium",
    "large", "huge", "xl", "xxl", "hf", "sft", "dpo", "rlhf", "ppo", "it", "bit", "gguf", "ggml", "awq", "gptq", "fp16",
    "bf16", "int4", "int8", "stable", "open", "language", "llm", "lm", "preview", "release", "final", "beta", "alpha",
    "version", "v", "en", "multilingual", "code", "coder", "math", "vision", "text", "generation", "pretrained", "tuned",
    "arxiv", "paper",
];

/// Words that name a kind of model rather than this one ("GPT" in "Widget-GPT-111M"): every
/// README about language models uses them. A name token only when the name has no other.
const KIND_WORDS: &[&str] = &["gpt", "transformer"];

/// A repository with its parsed parts.
#[derive(Clone, Copy)]
pub struct RepoView<'a> {
    /// Evidence entry.
    pub ev: &'a RepoEv,
    /// Repository API document.
    pub repo: &'a Doc<GithubRepo>,
    /// README, when found.
    pub readme: Option<&'a Doc<GithubFile>>,
    /// About the model only because the end model's card says the model was trained with
    /// it (the developer's own training codebase, see [`Context::trained_with`]): its
    /// training code, not the model's package.
    pub trained_with: bool,
}

impl RepoView<'_> {
    /// The page of the README the rules read: the repository's page, or the English
    /// README's own page when that is the one read.
    pub fn readme_page(&self) -> String {
        match (self.ev.readme_en.found(), self.readme) {
            (Some(_), Some(doc)) => doc.value.html_url.clone().unwrap_or_else(|| self.repo.value.html_url.clone()),
            _ => self.repo.value.html_url.clone(),
        }
    }
}

/// The README of a folder of a relevant repository that a card or page links, parsed.
pub struct FolderReadme<'a> {
    /// The folder's path in the repository.
    pub dir: &'a str,
    /// The README's page on GitHub, to cite.
    pub page: String,
    /// The README, parsed.
    pub card: Card,
    /// Snapshot digest of the README.
    pub digest: Option<&'a openness_snapshots::Digest>,
}

/// Evidence plus derived views for the rules.
pub struct Context<'a> {
    /// The tracked model.
    pub entry: &'a ModelEntry,
    /// All evidence.
    pub ev: &'a Evidence,
    /// Words that name the end model (from its id and display name), without those it
    /// shares with its base unless nothing else names it.
    pub end_tokens: BTreeSet<String>,
    /// Words that name the base models.
    pub base_tokens: BTreeSet<String>,
    /// The generations the end model's names give ("Qwen1.5" → qwen 1.5; see [`generations`]).
    end_generations: Vec<(String, String)>,
    base_origin: BaseOrigin,
    repos: Vec<RepoView<'a>>,
    papers: Vec<(&'a Doc<ArxivEntry>, bool)>,
    readme_cards: std::collections::HashMap<String, Card>,
    folder_readmes: std::collections::HashMap<String, Vec<FolderReadme<'a>>>,
}

impl<'a> Context<'a> {
    /// Builds the context.
    pub fn new(entry: &'a ModelEntry, ev: &'a Evidence) -> Context<'a> {
        let mut end_tokens = BTreeSet::new();
        if let Some(id) = &ev.end_model_id {
            end_tokens.extend(name_tokens(id.rsplit('/').next().unwrap_or(id)));
        }
        end_tokens.extend(name_tokens(&entry.name));
        let mut base_tokens = BTreeSet::new();
        for b in ev.base_models() {
            base_tokens.extend(name_tokens(b.id.rsplit('/').next().unwrap_or(&b.id)));
        }
        // Words the end model shares with its base ("StableVicuna" from "Vicuna") name the
        // base as much as the end model: they alone do not make a text about the end model.
        // A fragment of a shared word ("intern" of "InternLM2", shared with base InternLM2-7B)
        // does not tell them apart either.
        let distinctive: BTreeSet<String> = end_tokens.difference(&base_tokens).filter(|t| !base_tokens.iter().any(|b| b.contains(t.as_str()))).cloned().collect();
        if !distinctive.is_empty() {
            end_tokens = distinctive;
        }
        let base_tokens = base_tokens.difference(&end_tokens).cloned().collect();
        let base_origin = BaseOrigin::of(ev);
        let mut end_generations = generations(&entry.name);
        if let Some(id) = &ev.end_model_id {
            end_generations.extend(generations(id.rsplit('/').next().unwrap_or(id)));
        }
        end_generations.retain(|(family, _)| end_tokens.contains(family));
        let mut cx = Context { entry, ev, end_tokens, base_tokens, end_generations, base_origin, repos: Vec::new(), papers: Vec::new(), readme_cards: Default::default(), folder_readmes: Default::default() };
        cx.repos = cx.find_relevant_repos();
        cx.readme_cards = cx.repos.iter().filter_map(|r| r.readme.map(|d| (r.repo.value.full_name.to_lowercase(), Card::parse(&d.value.text)))).collect();
        cx.folder_readmes = cx
            .repos
            .iter()
            .map(|r| {
                let folders = ev
                    .folders_of(&r.ev.name, &r.repo.value.full_name)
                    .filter_map(|f| f.readme.found().map(|d| FolderReadme { dir: &f.dir, page: d.value.html_url.clone().unwrap_or_else(|| d.url.clone()), card: Card::parse(&d.value.text), digest: d.digest.as_ref() }))
                    .collect();
                (r.repo.value.full_name.to_lowercase(), folders)
            })
            .collect();
        cx.papers = cx.find_relevant_papers();
        cx
    }

    /// The end model's API document.
    pub fn end_api(&self) -> Option<&'a Doc<openness_sources::hf::HfRepo>> {
        self.ev.end_model().and_then(|m| m.api.found())
    }

    /// The end model's card.
    pub fn end_card(&self) -> Option<&'a Doc<Card>> {
        self.ev.end_model().and_then(|m| m.card.found())
    }

    /// Who made the base of the end model (see `BaseOrigin::of`), worked out once.
    pub fn base_origin(&self) -> &BaseOrigin {
        &self.base_origin
    }

    /// Public page of the end model.
    pub fn end_page(&self) -> Option<String> {
        self.ev.end_model_id.as_ref().map(|id| RepoKind::Model.page_url(id))
    }

    /// Whether `text` names the end model (or, with `base`, a base model).
    pub fn mentions(&self, text: &str, base: bool) -> usize {
        let mut tokens: Vec<&String> = self.end_tokens.iter().collect();
        if base {
            tokens.extend(self.base_tokens.iter());
        }
        count_mentions(text, &tokens)
    }

    /// The other generation of the end model's family that `text` names, when it names one
    /// and never the end model's own ("Qwen2.5 Technical Report" for Qwen1.5-7B-Chat; "Llama
    /// 3" is the generation of Llama-3.1). `None` when the end model's names give no version.
    pub fn other_generation(&self, text: &str) -> Option<String> {
        let named = generations(text);
        let ours = |(family, version): &(String, String)| self.end_generations.iter().any(|(f, v)| f == family && same_generation(v, version));
        let others: Vec<&(String, String)> = named.iter().filter(|(f, _)| self.end_generations.iter().any(|(ef, _)| ef == f)).collect();
        if others.iter().any(|g| ours(g)) {
            return None;
        }
        others.first().map(|(f, v)| format!("{f} {v}"))
    }

    /// Whether `text` names the end model's own generation, version for version ("Widget2.5"
    /// for Widget2.5-7B-Instruct; not "Widget2").
    fn names_own_generation(&self, text: &str) -> bool {
        generations(text).iter().any(|g| self.end_generations.contains(g))
    }

    /// Whether `text` names the end model by a word that is not its organisation's name
    /// ("mistral" in "mistral_inference" names the vendor, "olmo" in "ai2-olmo" the model).
    pub fn names_model_beyond_org(&self, text: &str) -> bool {
        let org = self.ev.end_model_id.as_deref().and_then(|id| id.split_once('/')).map(|(o, _)| o.to_lowercase()).unwrap_or_default();
        let tokens: Vec<&String> = self.end_tokens.iter().filter(|t| org.is_empty() || !org.contains(t.as_str())).collect();
        count_mentions(text, &tokens) > 0
    }

    /// Repositories that hold this model's code (configured, named after it, described as
    /// it, whose README keeps coming back to it, or the developer's codebase the card says
    /// it was trained with), not generic frameworks.
    pub fn relevant_repos(&self) -> Vec<RepoView<'a>> {
        self.repos.clone()
    }

    /// The relevant repositories that are about this model, not only its training codebase:
    /// their READMEs speak for the model (its data, papers, package, API, architecture).
    pub fn model_repos(&self) -> Vec<RepoView<'a>> {
        self.repos.iter().filter(|r| !r.trained_with).copied().collect()
    }

    /// Where the evidence names `d` as this model's data, with the digest of the document
    /// that names it: the page of the model whose card names it, or a repository about this
    /// model whose README links it. `None` for a dataset only a README of some other
    /// repository links (benchmarks, other projects).
    pub fn dataset_named_at(&self, d: &DatasetEv) -> Option<(String, Option<&'a openness_snapshots::Digest>)> {
        if d.named_by_card {
            let digest = self.ev.models.get(&d.named_by).and_then(|m| m.api.found()).and_then(|doc| doc.digest.as_ref());
            return Some((RepoKind::Model.page_url(&d.named_by), digest));
        }
        self.repos
            .iter()
            .filter(|r| !r.trained_with)
            .find(|r| r.ev.name.eq_ignore_ascii_case(&d.named_by) || r.repo.value.full_name.eq_ignore_ascii_case(&d.named_by))
            .map(|r| (r.repo.value.html_url.clone(), r.readme.and_then(|doc| doc.digest.as_ref())))
    }

    /// The datasets the evidence names as this model's data (see [`Context::dataset_named_at`]).
    pub fn named_datasets(&self) -> impl Iterator<Item = &'a DatasetEv> + '_ {
        self.ev.datasets.values().filter(|d| self.dataset_named_at(d).is_some())
    }

    /// Papers about the end model (`true`) or only about a base model (`false`). When the end
    /// model has papers of its own (tagged on its repository, linked or cited by its card,
    /// configured, or titled with its generation), those are its only papers about it.
    pub fn relevant_papers(&self) -> Vec<(&'a Doc<ArxivEntry>, bool)> {
        self.papers.clone()
    }

    /// The README of a relevant repository, parsed once.
    pub fn readme_card(&self, r: &RepoView) -> Option<&Card> {
        self.readme_cards.get(&r.repo.value.full_name.to_lowercase())
    }

    /// The READMEs of the linked folders of a relevant repository, parsed once.
    pub fn folder_readmes(&self, r: &RepoView) -> &[FolderReadme<'a>] {
        self.folder_readmes.get(&r.repo.value.full_name.to_lowercase()).map(Vec::as_slice).unwrap_or_default()
    }

    fn find_relevant_repos(&self) -> Vec<RepoView<'a>> {
        // A repository that only names a base from another developer holds that base's
        // code, not this system's; one that names a base of the developer's own is theirs.
        let via_base = !matches!(self.base_origin(), BaseOrigin::Other(_));
        let mut out: Vec<RepoView<'a>> = Vec::new();
        for r in self.ev.repos.values() {
            let Some(repo) = r.api.found() else { continue };
            // A renamed repository is reached under both names: keep one.
            if out.iter().any(|o| o.repo.value.full_name.eq_ignore_ascii_case(&repo.value.full_name)) {
                continue;
            }
            let readme = r.readme_doc();
            let name_hit = self.mentions(&repo.value.full_name.replace(['-', '_', '/'], " "), via_base) > 0;
            let desc_hit = repo.value.description.as_deref().map(|d| self.mentions(d, via_base) > 0).unwrap_or(false);
            let readme_hits = readme.map(|d| self.mentions(&d.value.text, via_base)).unwrap_or(0);
            // A linked folder with a README, named after the model or whose README names it,
            // holds its code (a framework's folder of modelling code, without a README of its
            // own, does not make the whole framework this model's code).
            let folder_hit = self.ev.folders_of(&r.name, &repo.value.full_name).any(|f| {
                f.readme.found().is_some_and(|d| self.mentions(&f.dir.replace(['-', '_', '/'], " "), via_base) > 0 || self.mentions(&d.value.text, via_base) > 0)
            });
            // A README that keeps coming back to the model (at least three times, and once per
            // 400 words): a framework's long README that shows the model off in passing is not.
            let readme_words = readme.map(|d| openness_sources::text::word_count(&d.value.text)).unwrap_or(0);
            let readme_hit = readme_hits >= 3 && readme_hits * 400 >= readme_words;
            // A repository named for another generation of the family holds that one's code.
            let other_generation = self.other_generation(repo.value.full_name.rsplit('/').next().unwrap_or("")).is_some();
            if r.linked_from == "config" || (!other_generation && (name_hit || desc_hit || readme_hit || folder_hit)) {
                out.push(RepoView { ev: r, repo, readme, trained_with: false });
            } else if !other_generation && self.trained_with(&repo.value.full_name, &r.name).is_some() {
                out.push(RepoView { ev: r, repo, readme, trained_with: true });
            }
        }
        out
    }

    /// The sentence of the end model's card that says the model was trained with the
    /// developer's own repository `full_name` (linked as `linked`): "The Instruct model was
    /// trained using the [open-instruct](…) codebase". Another organisation's library the
    /// model was trained with ("fine-tuned using the DeepSpeed library") is a generic tool.
    pub fn trained_with(&self, full_name: &str, linked: &str) -> Option<String> {
        let end = org_of(self.ev.end_model_id.as_deref()?);
        if org_of(full_name) != end && org_of(linked) != end {
            return None;
        }
        let card = &self.end_card()?.value.body;
        // ASCII lower case keeps byte offsets, so a match in `lower` is one in `card`.
        let lower = card.to_ascii_lowercase();
        let at = format!("github.com/{}", linked.to_ascii_lowercase());
        // Every link to it: a card may list the library first and say how it was used later.
        let mut from = 0;
        while let Some(pos) = lower[from..].find(&at) {
            let end = from + pos + at.len();
            let sentence = crate::discovery::lead_in(&card[from..end], &card[end - at.len()..end])?;
            if openness_sources::text::mentions_any(&sentence, TRAINED_WITH) {
                return Some(openness_sources::text::excerpt(&sentence, 200));
            }
            from = end;
        }
        None
    }

    /// The documents about this model: the end and base model cards, the relevant
    /// repositories' READMEs and the configured pages, each as the URL it was fetched from
    /// and the page a reviewer opens (the model's page, the repository's).
    pub fn relevant_sources(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self.ev.models.values().filter(|m| m.role != ModelRole::Related).filter_map(|m| m.card.url().map(|u| (u.to_string(), RepoKind::Model.page_url(&m.id)))).collect();
        for r in self.model_repos() {
            out.extend([r.ev.readme.url(), r.ev.readme_en.url()].into_iter().flatten().map(|u| (u.to_string(), r.readme_page())));
        }
        out.extend(self.ev.pages.values().filter(|p| p.linked_from == "config").map(|p| (p.url.clone(), p.url.clone())));
        out
    }

    /// The texts of the documents about this model, with the URL to cite and the digest:
    /// the end and base model cards and the relevant repositories' READMEs (the English one
    /// when there is one, cited by its GitHub page).
    pub fn relevant_texts(&self) -> Vec<(String, &'a str, Option<&'a openness_snapshots::Digest>)> {
        let cards = self.ev.models.values().filter(|m| m.role != ModelRole::Related).filter_map(|m| m.card.found()).map(|d| (d.url.clone(), d.value.body.as_str(), d.digest.as_ref()));
        let readmes = self.repos.iter().filter(|r| !r.trained_with).filter_map(|r| r.readme.map(|d| (d.value.html_url.clone().unwrap_or_else(|| r.repo.value.html_url.clone()), d.value.text.as_str(), d.digest.as_ref())));
        cards.chain(readmes).collect()
    }

    fn find_relevant_papers(&self) -> Vec<(&'a Doc<ArxivEntry>, bool)> {
        // Papers the end model's card cites as its own references (a Citation / BibTeX
        // section) describe its method or base, even when they do not name it.
        let cited = self.end_card().map(|c| cited_arxiv_ids(&c.value.body)).unwrap_or_default();
        let end_api = self.ev.end_model_id.as_deref().map(|id| RepoKind::Model.api_url(id));
        let end_card = self.end_card().map(|c| c.url.as_str());
        let mut out = Vec::new();
        let mut own = Vec::new();
        for p in self.ev.papers.values() {
            let Some(doc) = p.entry.found() else { continue };
            // A paper on another generation of the family is not about this model.
            if p.linked_from != "config" && self.other_generation(&doc.value.title).is_some() {
                continue;
            }
            let text = format!("{} {}", doc.value.title, doc.value.summary);
            let end = self.mentions(&text, false) > 0 || p.linked_from == "config";
            let base = !end && (self.mentions(&text, true) > 0 || cited.contains(&doc.value.id));
            if end || base {
                out.push((doc, end));
            }
            // The end model's own papers: configured, tagged on its repository, linked or cited
            // by its card, or titled with its own generation ("Widget2.5 Technical Report").
            let linked_by_end = p.linked_from == "config" || end_api.as_deref() == Some(p.linked_from.as_str()) || end_card == Some(p.linked_from.as_str());
            if end && (linked_by_end || cited.contains(&doc.value.id) || self.names_own_generation(&doc.value.title)) {
                own.push(doc.value.id.clone());
            }
        }
        // When the model names papers of its own, other papers that mention it (a dataset's
        // paper, a benchmark's) are not its papers.
        if !own.is_empty() {
            out.retain(|(doc, end)| !end || own.contains(&doc.value.id));
        }
        out
    }
}

/// The organisation (owner) of a Hub id or GitHub `owner/repo`, lower-cased.
pub(super) fn org_of(id: &str) -> String {
    id.split('/').next().unwrap_or("").to_lowercase()
}

/// Whether a base the end model's card names in prose is the developer's own: the card
/// gives the end model's organisation as its owner ("Acme's Widget 7B" for acme/…), or,
/// with no owner given, the name has only words of the end model's names (`own_tokens`):
/// a developer names a tuned model after its own base. An owner that is another
/// organisation makes it another developer's base whatever its name.
pub(super) fn names_own_base(named: &openness_sources::card::NamedBase, end_id: &str, own_tokens: &BTreeSet<String>) -> bool {
    if let Some(own) = named.owned_by(&org_of(end_id)) {
        return own;
    }
    let base = name_tokens(&named.name);
    !base.is_empty() && base.is_subset(own_tokens)
}

/// Wording that says a model was trained with some code.
const TRAINED_WITH: &[&str] = &["trained using", "trained with", "tuned using", "tuned with", "training code", "tuning code", "training codebase"];

/// Who trained the base model the end model was made from (see [`Context::base_origin`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseOrigin {
    /// The end model's developer, with the reason the evidence gives.
    Developer(String),
    /// Another developer, with the reason.
    Other(String),
    /// No end model or card to tell.
    Unknown,
}

impl BaseOrigin {
    /// Who made the base of the end model, as far as the evidence shows: the declared
    /// base in the end model's organisation, or no base declared and a card that does
    /// not say the model was tuned from another one, means its own developer; a base in
    /// another organisation, or a card saying it was tuned from another model or naming
    /// another developer's base, means someone else. The stages the developer is answerable for (code, papers) follow.
    pub fn of(ev: &Evidence) -> BaseOrigin {
        let Some(end) = ev.end_model() else { return BaseOrigin::Unknown };
        // The pretrained base decides who pretrained: tuned steps between it and the end
        // model may come from the end model's developer.
        let bases: Vec<&HfModelEv> = ev.root_bases();
        if let Some(b) = bases.iter().find(|b| org_of(&b.id) == org_of(&end.id)) {
            return BaseOrigin::Developer(format!("the base model {} comes from the same organisation as {}", b.id, end.id));
        }
        if let Some(b) = bases.first() {
            return BaseOrigin::Other(format!("{} was tuned from {}, from another organisation", end.id, b.id));
        }
        let Some(card) = end.card.value() else { return BaseOrigin::Unknown };
        let named = openness_sources::card::named_base(&card.body);
        let own_family = named.as_ref().is_some_and(|named| names_own_base(named, &end.id, &name_tokens(end.id.rsplit('/').next().unwrap_or(&end.id))));
        match (super::weights::says_tuned_from_other(&card.body), named) {
            // A base named like the end model ("an instruct fine-tuned version of Widget-7B-v0.2")
            // is of the developer's own family.
            (Some(_), Some(_)) if own_family => BaseOrigin::Developer(format!("the card of {} names a base of the model's own family", end.id)),
            (Some(snippet), _) => BaseOrigin::Other(format!("the card of {} says it was tuned from another model (\"{snippet}\")", end.id)),
            // A base the card names in other words ("based on X and finetuned with …").
            (None, Some(named)) if !own_family => BaseOrigin::Other(format!("the card of {} names {} as its base (\"{}\")", end.id, named.name, named.sentence)),
            (None, _) => BaseOrigin::Developer(format!("no base model is declared for {} and its card does not say it was tuned from another model, so its developer trained the base", end.id)),
        }
    }
}

/// arXiv ids in the citation sections of a card ("Citation", "How to cite", "BibTeX"),
/// code blocks included (that is where BibTeX entries live).
pub fn cited_arxiv_ids(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_citation = false;
    let mut fenced = false;
    let mut text = String::new();
    for line in body.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        if !fenced && t.starts_with('#') {
            let title = t.trim_start_matches('#').trim().to_lowercase();
            in_citation = ["citation", "bibtex", "cite", "reference"].iter().any(|w| title.contains(w));
            continue;
        }
        if in_citation {
            text.push_str(line);
            text.push('\n');
        }
    }
    for l in openness_sources::links::references_in(&text) {
        if let openness_sources::links::Link::Arxiv(id) = l {
            out.push(id);
        }
    }
    out
}

/// Splits a model name into distinctive words: "Mixtral-8x7B-Instruct-v0.1" → {mixtral};
/// "AmberChat" → {amberchat, amber}. Sizes, versions and generic naming words are dropped.
/// Words of two letters count only when nothing else names the model ("Yi-34B-Chat" → {yi}).
pub fn name_tokens(name: &str) -> BTreeSet<String> {
    let size = regex!(r"^(\d+x)?\d+(\.\d+)?[bmkt]?$|^v\d.*$|^\d+k$");
    let mut out = BTreeSet::new();
    for part in name.split(|c: char| !c.is_alphanumeric()) {
        let trimmed: String = part.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
        for candidate in [part.to_lowercase(), trimmed.to_lowercase()] {
            if candidate.len() >= 3 && !size.is_match(&candidate) && !GENERIC.contains(&candidate.as_str()) && !KIND_WORDS.contains(&candidate.as_str()) && candidate.chars().any(|c| c.is_alphabetic()) {
                out.insert(candidate);
            }
        }
        // camelCase parts ("AmberChat" → "Amber"), only long ones.
        let mut word = String::new();
        let chars: Vec<char> = part.chars().collect();
        for (i, ch) in chars.iter().enumerate() {
            if i > 0 && ch.is_uppercase() && chars[i - 1].is_lowercase() {
                push_camel(&mut out, &word);
                word.clear();
            }
            word.push(*ch);
        }
        if word.len() < part.len() {
            push_camel(&mut out, &word);
        }
    }
    if out.is_empty() {
        out.extend(name.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).filter(|p| KIND_WORDS.contains(&p.as_str())));
    }
    if out.is_empty() {
        let short = name.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).filter(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()) && !GENERIC.contains(&p.as_str()));
        out.extend(short);
    }
    out
}

fn push_camel(out: &mut BTreeSet<String>, w: &str) {
    let w = w.trim_end_matches(|c: char| c.is_ascii_digit()).to_lowercase();
    if w.len() >= 4 && !GENERIC.contains(&w.as_str()) {
        out.insert(w);
    }
}

/// The model generations a name or title gives: a family word followed by a version number
/// ("Qwen1.5-7B-Chat" → (qwen, 1.5); "Llama 2" → (llama, 2); "dolly-v2" → (dolly, 2)).
/// Sizes ("7B", "8x7B") are not versions.
pub fn generations(text: &str) -> Vec<(String, String)> {
    let re = regex!(r"(?i)\b([a-z]{3,})[ -]?v?(\d+(?:\.\d+)*)([a-z]*)");
    re.captures_iter(text)
        .filter(|c| c[3].is_empty() || !c[3].to_lowercase().starts_with(['b', 'm', 'k', 't', 'x']))
        .map(|c| (c[1].to_lowercase(), c[2].to_string()))
        .collect()
}

/// Whether two versions of a family are one generation: one is the other or a point release
/// of it ("3" and "3.1"; not "1.5" and "2.5").
fn same_generation(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('.').collect(), b.split('.').collect());
    a.iter().zip(&b).all(|(x, y)| x.trim_start_matches('0') == y.trim_start_matches('0'))
}

/// Whole-word, case-insensitive occurrences of any token.
pub fn count_mentions(text: &str, tokens: &[&String]) -> usize {
    if tokens.is_empty() {
        return 0;
    }
    let lower = text.to_lowercase();
    let mut n = 0;
    for t in tokens {
        let mut start = 0;
        while let Some(pos) = lower[start..].find(t.as_str()) {
            let at = start + pos;
            let before = lower[..at].chars().next_back();
            let after = lower[at + t.len()..].chars().next();
            let boundary = |c: Option<char>| c.map(|c| !c.is_alphabetic()).unwrap_or(true);
            if boundary(before) && boundary(after) {
                n += 1;
            }
            start = at + t.len();
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_drop_sizes_versions_and_generic_words() {
        let t = name_tokens("Widgetral-8x7B-Instruct-v0.1");
        assert_eq!(t.into_iter().collect::<Vec<_>>(), vec!["widgetral"]);
        let t = name_tokens("GizmoChat");
        assert!(t.contains("gizmochat") && t.contains("gizmo"));
        let t = name_tokens("Zed-3-mini-128k-instruct");
        assert_eq!(t.into_iter().collect::<Vec<_>>(), vec!["zed"]);
        assert!(name_tokens("Quokka2-8B-Chat").contains("quokka"));
        // A paper's id names no model.
        assert!(name_tokens("arXiv 2401.01234").is_empty());
        // A two-letter name counts when it is all there is.
        assert_eq!(name_tokens("Zu-34B-Chat").into_iter().collect::<Vec<_>>(), vec!["zu"]);
        assert_eq!(name_tokens("Gizmo-7b-it").into_iter().collect::<Vec<_>>(), vec!["gizmo"]);
        // A kind of model is no name, unless it is all the name has.
        assert_eq!(name_tokens("Acme-GPT-111M").into_iter().collect::<Vec<_>>(), vec!["acme"]);
        assert_eq!(name_tokens("GPT-Q-6B").into_iter().collect::<Vec<_>>(), vec!["gpt"]);
    }

    #[test]
    fn cited_papers_come_from_citation_sections_only() {
        let body = "# Model\nSee arXiv:2401.00001 for the method.\n## Citations\n```bibtex\n@misc{x,\n  eprint={2302.00002},\n  archivePrefix={arXiv}\n}\n```\n## License\narXiv:2303.00003";
        assert_eq!(cited_arxiv_ids(body), vec!["2302.00002"]);
    }

    #[test]
    fn generations_are_family_words_with_versions_not_sizes() {
        let g = |s: &str| generations(s).into_iter().map(|(f, v)| format!("{f} {v}")).collect::<Vec<_>>();
        assert_eq!(g("Widget1.5-7B-Chat"), ["widget 1.5"]);
        assert_eq!(g("Widget 2: Open Foundation Models"), ["widget 2"]);
        assert_eq!(g("widget-v2-12b"), ["widget 2"]);
        assert!(g("Widgetral-8x7B-Instruct").is_empty());
        assert!(g("widget-7b1").is_empty());
        assert!(same_generation("3", "3.1") && same_generation("3.1", "3") && !same_generation("1.5", "2.5"));
    }

    #[test]
    fn mentions_are_whole_words() {
        let toks = [String::from("zed")];
        let refs: Vec<&String> = toks.iter().collect();
        assert_eq!(count_mentions("The Zed-3 model; zedoary; zed.", &refs), 2);
    }
}
