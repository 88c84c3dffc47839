//! Seeding: start tracking a new model from one starting point (a Hugging Face id or
//! URL, a GitHub repository, an arXiv paper or a vendor page). The model is crawled
//! alone with the config's settings; the crawl writes the draft YAML and JSON, and the
//! `[[model]]` entry can be appended to the config file without touching the rest of it.

use crate::config::{Config, ModelEntry};
use crate::output::json::ModelReport;
use crate::pipeline::{self, CrawlOptions, Progress, RunSummary};
use crate::schema::Schema;
use openness_snapshots::Store;
use openness_sources::links::{self, Link};
use std::path::{Path, PathBuf};

/// How many of the Hugging Face models a start links are tried, most preferred first,
/// before the entry goes on without one.
const MAX_LINKED_TRIES: usize = 3;

/// What the starting point is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// A Hugging Face model (`org/name`).
    Hf(String),
    /// A GitHub repository (`owner/repo`).
    Github(String),
    /// An arXiv paper id.
    Arxiv(String),
    /// Any other web page.
    Vendor(String),
}

/// Reads a starting point: `org/name` or a huggingface.co URL; `github:owner/repo` or a
/// github.com URL; an arXiv id (`2401.01234`, `arXiv:2401.01234`) or URL; any other
/// http(s) URL as a vendor page.
pub fn parse_start(s: &str) -> anyhow::Result<Start> {
    let s = s.trim();
    // Prefixes and schemes in any case ("ARXIV:", "HTTPS://").
    let after = |prefix: &str| s.get(..prefix.len()).filter(|p| p.eq_ignore_ascii_case(prefix)).map(|_| &s[prefix.len()..]);
    if let Some(rest) = after("github:") {
        return crate::discovery::parse_github_repo(rest).map(Start::Github).ok_or_else(|| anyhow::anyhow!("`{rest}` is not a GitHub repository (owner/repo)"));
    }
    // An old-style arXiv id ("hep-th/9901001") looks like a Hugging Face id
    // ("acme/1234567"): without the `arXiv:` prefix only a new-style id is read as one.
    let prefixed = after("arxiv:");
    if let Some(id) = links::arxiv_id(prefixed.unwrap_or(s)).filter(|id| prefixed.is_some() || !id.contains('/')) {
        return Ok(Start::Arxiv(id));
    }
    if after("http://").is_some() || after("https://").is_some() {
        return match links::classify(s) {
            Some(Link::HfModel(id)) => Ok(Start::Hf(id)),
            Some(Link::Github { repo, path }) if path.is_empty() || path.starts_with("tree/") => Ok(Start::Github(repo)),
            Some(Link::Arxiv(id)) => Ok(Start::Arxiv(id)),
            Some(Link::HfDataset(id)) => anyhow::bail!("`{s}` is the dataset `{id}`, not a model; start from the model or its repository"),
            Some(Link::HfSpace(id)) => anyhow::bail!("`{s}` is the Space `{id}`, not a model; start from the model or its repository"),
            Some(_) => Ok(Start::Vendor(s.to_string())),
            None => anyhow::bail!("`{s}` is not a usable URL"),
        };
    }
    if let Some(id) = crate::discovery::parse_hf_id(s) {
        return Ok(Start::Hf(id));
    }
    anyhow::bail!("cannot tell what `{s}` is: give a Hugging Face id (org/name) or URL, github:owner/repo or a github.com URL, an arXiv id or URL, or a vendor page URL")
}

/// A file stem from a name: lowercase ASCII letters and digits, other runs of characters
/// become one `-` (`Widget 7B Chat` → `widget-7b-chat`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "model".into()
    } else {
        out
    }
}

/// The name a start suggests when none is given.
pub fn default_name(start: &Start) -> String {
    match start {
        Start::Hf(id) | Start::Github(id) => id.rsplit('/').next().unwrap_or(id).to_string(),
        Start::Arxiv(id) => format!("arXiv {id}"),
        Start::Vendor(u) => url::Url::parse(u)
            .ok()
            .and_then(|p| {
                let last = p.path_segments().and_then(|mut s| s.rfind(|x| !x.is_empty()).map(str::to_string));
                last.map(|l| l.trim_end_matches(".html").trim_end_matches(".htm").to_string()).filter(|l| !l.is_empty()).or_else(|| p.host_str().map(str::to_string))
            })
            .unwrap_or_else(|| "model".into()),
    }
}

/// The config entry for a start.
pub fn entry_for(start: &Start, name: Option<&str>) -> ModelEntry {
    let name = name.map(str::to_string).unwrap_or_else(|| default_name(start));
    let mut e = ModelEntry { id: slug(&name), name, hf: None, github: vec![], vendor: vec![], arxiv: vec![] };
    match start {
        Start::Hf(id) => e.hf = Some(id.clone()),
        Start::Github(r) => e.github.push(r.clone()),
        Start::Arxiv(id) => e.arxiv.push(id.clone()),
        Start::Vendor(u) => e.vendor.push(u.clone()),
    }
    e
}

/// The entry as a TOML `[[model]]` table (rendered by `toml_edit`, so values are quoted
/// and escaped correctly).
pub fn toml_entry(e: &ModelEntry) -> String {
    use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};
    let mut t = Table::new();
    t["id"] = value(e.id.as_str());
    t["name"] = value(e.name.as_str());
    if let Some(hf) = &e.hf {
        t["hf"] = value(hf.as_str());
    }
    for (key, list) in [("github", &e.github), ("vendor", &e.vendor), ("arxiv", &e.arxiv)] {
        if !list.is_empty() {
            t[key] = value(list.iter().map(String::as_str).collect::<Array>());
        }
    }
    let mut aot = ArrayOfTables::new();
    aot.push(t);
    let mut doc = DocumentMut::new();
    doc["model"] = Item::ArrayOfTables(aot);
    doc.to_string()
}

/// Ids of the `[[model]]` entries of a config text.
fn ids_in(doc: &toml_edit::DocumentMut) -> Vec<String> {
    doc.get("model")
        .and_then(|m| m.as_array_of_tables())
        .map(|a| a.iter().filter_map(|t| t.get("id").and_then(|i| i.as_str()).map(str::to_string)).collect())
        .unwrap_or_default()
}

/// The config text with `entry` appended as a new `[[model]]` table. Everything already
/// in `text` (comments, ordering, spacing) is kept byte for byte. Fails when the id is
/// taken or the result would not be a valid config.
pub fn append_entry(text: &str, entry: &ModelEntry, path: &Path) -> anyhow::Result<String> {
    let doc: toml_edit::DocumentMut = text.parse().map_err(|e| anyhow::anyhow!("{}: not valid TOML: {e}", path.display()))?;
    if ids_in(&doc).iter().any(|i| i == &entry.id) {
        anyhow::bail!("a model with id `{}` is already in {}; choose another name with --name", entry.id, path.display());
    }
    let mut out = text.to_string();
    if !out.is_empty() {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
    }
    out.push_str(&toml_entry(entry));
    let check: toml_edit::DocumentMut = out.parse().map_err(|e| anyhow::anyhow!("appending would break {}: {e}", path.display()))?;
    if !ids_in(&check).contains(&entry.id) {
        anyhow::bail!("appending to {} did not give a [[model]] entry (does the file end inside an array of other tables?)", path.display());
    }
    Config::from_str(&out, path).map_err(|e| anyhow::anyhow!("the new entry would make the config invalid: {e}"))?;
    Ok(out)
}

/// Appends `entry` to the config file at `path` (created when missing).
pub fn add_to_config(path: &Path, entry: &ModelEntry) -> anyhow::Result<()> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => anyhow::bail!("cannot read {}: {e}", path.display()),
    };
    let new = append_entry(&text, entry, path)?;
    crate::output::write_atomic(path, new.as_bytes()).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}

/// Loads the config, or the defaults when the file does not exist yet (seeding the
/// first model of a new project).
pub fn load_config(path: &Path) -> anyhow::Result<Config> {
    if path.exists() {
        Ok(Config::load(path)?)
    } else {
        Ok(Config::from_str("", path)?)
    }
}

/// What to seed.
#[derive(Clone, Debug)]
pub struct SeedOptions {
    /// The starting point as given.
    pub start: String,
    /// Display name.
    pub name: Option<String>,
    /// Schema.
    pub schema: Schema,
    /// Output folder.
    pub out: PathBuf,
}

/// The result of a seed.
#[derive(Clone, Debug)]
pub struct Seeded {
    /// The entry (with `hf` set when a repository, paper or page linked one model).
    pub entry: ModelEntry,
    /// The (last) crawl.
    pub summary: RunSummary,
    /// The draft verdict file.
    pub yaml: PathBuf,
    /// The Hugging Face model found through the start, if any.
    pub found_hf: Option<String>,
}

impl Seeded {
    /// Whether the crawl produced the draft.
    pub fn ok(&self) -> bool {
        self.summary.all_ok()
    }
}

/// Crawls the new model alone. When the start is not a Hugging Face model and the
/// evidence it leads to links Hugging Face models, the entry's `hf` is set to the most
/// preferred one that can be crawled (at most three are tried; each crawl
/// revalidates what the first stored, so it costs little).
pub async fn seed(config: &Config, opts: &SeedOptions, progress: Option<Progress>) -> anyhow::Result<Seeded> {
    let start = parse_start(&opts.start)?;
    let mut entry = entry_for(&start, opts.name.as_deref());
    if config.models.iter().any(|m| m.id == entry.id) {
        anyhow::bail!("a model with id `{}` is already tracked in {}; choose another name with --name", entry.id, config.path.display());
    }
    let crawl_opts = CrawlOptions { out: opts.out.clone(), schema: opts.schema.clone(), only: vec![], offline: false, trial: false };
    let mut cfg = config.clone();
    cfg.models = vec![entry.clone()];
    let mut summary = pipeline::crawl(&cfg, &crawl_opts, progress.clone()).await?;
    let mut found_hf = None;
    // A paper's id is no name: without --name, an entry started from a paper is named after
    // the model the paper leads to, else after the paper's short title ("Widget" for
    // "Widget: …"). Drafts written under an earlier name are superseded.
    let auto_name = matches!(start, Start::Arxiv(_)) && opts.name.is_none();
    let mut superseded: Vec<String> = Vec::new();
    let free = |name: &String| !config.models.iter().any(|m| m.id == slug(name));
    let mut rename = |e: &mut ModelEntry, name: String| {
        if slug(&name) != e.id {
            superseded.push(std::mem::replace(&mut e.id, slug(&name)));
        }
        e.name = name;
    };
    if entry.hf.is_none() && summary.all_ok() {
        // What the first crawl read, from the store: the paper's title and the models linked.
        let (title, linked) = {
            let store = Store::open_read_only(&cfg.store)?;
            match store.read_model_result::<ModelReport>(&summary.run, &entry.id)? {
                Some(report) => {
                    let title = match &start {
                        Start::Arxiv(paper) => paper_short_title(&report, paper),
                        _ => None,
                    };
                    // Documents of a project with many models link them all: the one named like
                    // the start (the paper's short title, else the entry's name) is preferred.
                    let hint = title.clone().filter(|_| opts.name.is_none()).unwrap_or_else(|| entry.name.clone());
                    (title, linked_hf_models(&store, &report, &hint))
                }
                None => (None, Vec::new()),
            }
        };
        let title_name = title.filter(|_| auto_name).filter(free);
        // The linked models in order of preference, each tried until one can be crawled.
        let mut adopted = None;
        let mut tried = 0;
        for hf in linked.iter().take(MAX_LINKED_TRIES) {
            let mut candidate = entry.clone();
            candidate.hf = Some(hf.clone());
            if auto_name {
                if let Some(name) = Some(default_name(&Start::Hf(hf.clone()))).filter(free).or_else(|| title_name.clone()) {
                    rename(&mut candidate, name);
                }
            }
            tracing::info!("{} links the Hugging Face model {hf}; crawling again with it", opts.start);
            cfg.models = vec![candidate.clone()];
            wait_for_store(&cfg.store).await?;
            let trial = CrawlOptions { trial: true, ..crawl_opts.clone() };
            let with_hf = pipeline::crawl(&cfg, &trial, progress.clone()).await?;
            tried += 1;
            if with_hf.all_ok() {
                adopted = Some((candidate, with_hf, hf.clone()));
                break;
            }
            // A linked model that cannot be read (gone, renamed, private) is not the
            // model's repository.
            let why = with_hf.models.iter().find_map(|m| m.error.clone()).unwrap_or_else(|| "no outcome".into());
            tracing::warn!("{} links the Hugging Face model {hf}, but it could not be crawled: {why}", opts.start);
        }
        match adopted {
            Some((candidate, with_hf, hf)) => {
                entry = candidate;
                summary = with_hf;
                found_hf = Some(hf);
            }
            None => {
                let renamed = match title_name {
                    Some(name) if auto_name => {
                        rename(&mut entry, name);
                        tracing::info!("{} is named {} after its title", opts.start, entry.name);
                        true
                    }
                    _ => false,
                };
                // A failed trial is the latest run: the entry, as the first crawl found it, is
                // crawled again so that the latest run holds its verdicts.
                if renamed || tried > 0 {
                    if tried > 0 {
                        tracing::warn!("{}: none of the linked Hugging Face models could be crawled; the entry is kept without `hf`", opts.start);
                    }
                    cfg.models = vec![entry.clone()];
                    wait_for_store(&cfg.store).await?;
                    summary = pipeline::crawl(&cfg, &crawl_opts, progress).await?;
                }
            }
        }
    }
    if let Some(hf) = entry.hf.as_deref() {
        if let Some(original) = quantized_original(&cfg.store, &summary.run, &entry.id, hf) {
            tracing::warn!("{hf} is a quantized copy of {original}: the draft describes the copy (its weights are judged no more open than the original's); to assess the model itself, seed {original}");
        }
    }
    for old in superseded.iter().filter(|id| **id != entry.id) {
        for ext in ["yaml", "json"] {
            let _ = std::fs::remove_file(opts.out.join(format!("{old}.{ext}")));
        }
    }
    let yaml = opts.out.join(format!("{}.yaml", entry.id));
    Ok(Seeded { entry, summary, yaml, found_hf })
}

/// The model that Hugging Face repository `hf` is a quantized copy of, as the stored report of
/// model `id` in run `run` records it (`hf.base_relation` and `hf.base_model` facts).
fn quantized_original(store: &Path, run: &str, id: &str, hf: &str) -> Option<String> {
    let report = stored_report(store, run, id)?;
    let subject = format!("hf:model/{hf}");
    let fact = |kind: &str| report.facts.iter().find(|f| f.kind == kind && f.subject.eq_ignore_ascii_case(&subject)).map(|f| f.value.clone());
    fact("hf.base_relation").filter(|r| r == "quantized").and(fact("hf.base_model"))
}

/// The report of model `id` in run `run`, as the store at `store` holds it; `None` when it
/// cannot be read.
fn stored_report(store: &Path, run: &str, id: &str) -> Option<ModelReport> {
    Store::open_read_only(store).ok()?.read_model_result::<ModelReport>(run, id).ok()?
}

/// The short title of arXiv paper `paper` as `report` read it: the words before the title's
/// colon ("Widget" for "Widget: An Open Chat Model"), when they are a name of at most four
/// words.
fn paper_short_title(report: &ModelReport, paper: &str) -> Option<String> {
    let subject = format!("arxiv:{paper}");
    let title = report.facts.iter().find(|f| f.kind == "arxiv.paper" && f.subject == subject)?;
    short_title(&title.value)
}

/// The name a paper title gives before its colon, if it is one of at most four words.
fn short_title(title: &str) -> Option<String> {
    let (head, _) = title.split_once(':')?;
    let head = head.split_whitespace().collect::<Vec<_>>().join(" ");
    (!head.is_empty() && head.split(' ').count() <= 4).then_some(head)
}

/// `openness seed`: crawls the new model, prints its `[[model]]` entry and, with `--add`,
/// appends it to the config file. Exit code 2 when the model could not be crawled.
pub async fn command(args: crate::cli::SeedArgs, quiet: bool) -> anyhow::Result<u8> {
    let config = load_config(&args.config.config)?;
    let schema = Schema::load(args.schema.as_deref().unwrap_or(&config.schema))?;
    let out = args.out.clone().unwrap_or_else(|| config.path.parent().map(|p| p.join("out")).unwrap_or_else(|| "out".into()));
    let opts = SeedOptions { start: args.start.clone(), name: args.name.clone(), schema, out: out.clone() };
    if args.add {
        // Refuse before crawling rather than after.
        let entry = entry_for(&parse_start(&opts.start)?, opts.name.as_deref());
        let text = std::fs::read_to_string(&config.path).unwrap_or_default();
        append_entry(&text, &entry, &config.path)?;
    }
    let reporter = crate::progress::Reporter::new(1, crate::progress::Mode::detect(quiet));
    let seeded = seed(&config, &opts, reporter.callback()).await?;
    reporter.finish();
    let missing = missing_start(&config.store, &seeded);
    if let Some(url) = &missing {
        eprintln!("error: the starting point does not exist: {url} answered \"not found\". Check the spelling; nothing was added to {}", config.path.display());
        return Ok(2);
    }
    if !seeded.ok() {
        if !quiet {
            eprintln!("{}", crate::output::summary_table(&seeded.summary, &out));
        }
        eprintln!("error: `{}` could not be crawled; nothing was added to {}", args.start, config.path.display());
        return Ok(2);
    }
    if !quiet {
        if let Some(hf) = &seeded.found_hf {
            eprintln!("{} links the Hugging Face model {hf}; it is the entry's `hf`", args.start);
        }
        let low = seeded.summary.models.first().map_or(0, |m| m.low);
        eprintln!(
            "draft verdicts: {} (evidence: {}); {} of low confidence to review first",
            seeded.yaml.display(),
            seeded.yaml.with_extension("json").display(),
            openness_sources::text::counted(low, "verdict")
        );
    }
    if let Some(other) = config.models.iter().find(|m| m.hf.is_some() && m.hf.as_deref().map(str::to_lowercase) == seeded.entry.hf.as_deref().map(str::to_lowercase)) {
        eprintln!("warning: {} is already tracked as `{}` in {}", seeded.entry.hf.as_deref().unwrap_or(""), other.id, config.path.display());
    }
    print!("{}", toml_entry(&seeded.entry));
    if args.add {
        add_to_config(&config.path, &seeded.entry)?;
        if !quiet {
            eprintln!("added `{}` to {}", seeded.entry.id, config.path.display());
        }
    } else if !quiet {
        eprintln!("(pass --add to append this entry to {})", config.path.display());
    }
    Ok(0)
}

/// The URL of the start's own document when it answered 404/410 (the start does not
/// exist, most likely a typo).
fn missing_start(store_root: &Path, seeded: &Seeded) -> Option<String> {
    let e = &seeded.entry;
    let mut starts: Vec<String> = Vec::new();
    if seeded.found_hf.is_none() {
        starts.extend(e.hf.iter().map(|h| openness_sources::hf::RepoKind::Model.api_url(h)));
    }
    starts.extend(e.github.iter().map(|g| format!("https://api.github.com/repos/{g}")));
    starts.extend(e.vendor.iter().cloned());
    let report = stored_report(store_root, &seeded.summary.run, &e.id)?;
    report.snapshots.iter().find(|s| matches!(s.status, 404 | 410) && starts.iter().any(|u| u.eq_ignore_ascii_case(&s.url))).map(|s| s.url.clone())
}

/// The store is released when the last task of a crawl ends; wait (bounded) for that.
async fn wait_for_store(root: &Path) -> anyhow::Result<()> {
    for _ in 0..200 {
        match Store::open(root) {
            Ok(_) => return Ok(()),
            Err(e) if e.is_locked() => tokio::time::sleep(std::time::Duration::from_millis(25)).await,
            Err(e) => return Err(e.into()),
        }
    }
    anyhow::bail!("the evidence store {} stayed locked", root.display())
}

/// The Hugging Face models linked from the documents `report` read (their bodies in
/// `store`; GitHub READMEs decoded, other bodies as text), in the order of [`ranked`].
fn linked_hf_models(store: &Store, report: &ModelReport, hint: &str) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for snap in &report.snapshots {
        let Some(digest) = &snap.digest else { continue };
        if !(200..300).contains(&snap.status) {
            continue;
        }
        let Ok(body) = store.get_body(digest) else { continue };
        let text = if snap.url.starts_with("https://api.github.com/repos/") && (snap.url.ends_with("/readme") || snap.url.ends_with("/license")) {
            openness_sources::github::GithubFile::parse(&body).map(|f| f.text).unwrap_or_default()
        } else {
            String::from_utf8_lossy(&body).into_owned()
        };
        for l in links::references_in(&text) {
            if let Link::HfModel(m) = l {
                match counts.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(&m)) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((m, 1)),
                }
            }
        }
    }
    ranked(&counts, hint)
}

/// The models of `counts` (model, links) in order of preference: only those whose
/// repository name has a word of `hint` (of three or more letters or digits) as one of its
/// words when any has, the most linked first, the first seen first among equals.
fn ranked(counts: &[(String, usize)], hint: &str) -> Vec<String> {
    let words: Vec<String> = hint.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3).map(str::to_string).collect();
    let named = |m: &str| {
        let name = m.rsplit('/').next().unwrap_or(m).to_lowercase();
        name.split(|c: char| !c.is_alphanumeric()).any(|part| words.iter().any(|w| w == part))
    };
    let mut pool: Vec<&(String, usize)> = if counts.iter().any(|(m, _)| named(m)) { counts.iter().filter(|(m, _)| named(m)).collect() } else { counts.iter().collect() };
    // A stable sort keeps the first seen first among equals.
    pool.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    pool.into_iter().map(|(m, _)| m.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_linked_model_named_like_the_start_is_preferred() {
        let counts = |c: &[(&str, usize)]| c.iter().map(|(m, n)| (m.to_string(), *n)).collect::<Vec<_>>();
        let links = counts(&[("lab/GizmoCoder-33B", 4), ("lab/Gizmo-7B-V1.0", 2), ("lab/Gizmo-13B-V1.0", 2)]);
        assert_eq!(ranked(&links, "Gizmo"), ["lab/Gizmo-7B-V1.0", "lab/Gizmo-13B-V1.0"], "named like the start, then most linked, then first seen");
        assert_eq!(ranked(&links, "GizmoCoder"), ["lab/GizmoCoder-33B"]);
        assert_eq!(ranked(&links, "Widget"), ["lab/GizmoCoder-33B", "lab/Gizmo-7B-V1.0", "lab/Gizmo-13B-V1.0"], "no name matches: the most linked first");
        assert!(ranked(&[], "Gizmo").is_empty());
    }

    #[test]
    fn short_titles_are_names_before_a_colon() {
        assert_eq!(short_title("Widget: An Open Chat Model").as_deref(), Some("Widget"));
        assert_eq!(short_title("Gizmo 2:  Open  Foundation Models").as_deref(), Some("Gizmo 2"));
        assert_eq!(short_title("Scaling Laws for Neural Language Models"), None);
        assert_eq!(short_title("On the Opportunities and Risks of Foundation Models: a Survey"), None);
        assert_eq!(short_title(": nothing"), None);
    }

    #[test]
    fn starts_of_every_kind() {
        assert_eq!(parse_start("acme/widget-7b-chat").unwrap(), Start::Hf("acme/widget-7b-chat".into()));
        assert_eq!(parse_start("https://huggingface.co/acme/widget-7b-chat/tree/main").unwrap(), Start::Hf("acme/widget-7b-chat".into()));
        assert_eq!(parse_start("github:acme/widget").unwrap(), Start::Github("acme/widget".into()));
        assert_eq!(parse_start("https://github.com/acme/widget").unwrap(), Start::Github("acme/widget".into()));
        assert_eq!(parse_start("2401.01234").unwrap(), Start::Arxiv("2401.01234".into()));
        assert_eq!(parse_start("arXiv:2401.01234v2").unwrap(), Start::Arxiv("2401.01234".into()));
        assert_eq!(parse_start("https://arxiv.org/abs/2401.01234").unwrap(), Start::Arxiv("2401.01234".into()));
        assert_eq!(parse_start("https://vendor.example/models/widget").unwrap(), Start::Vendor("https://vendor.example/models/widget".into()));
        assert!(parse_start("https://huggingface.co/datasets/acme/chats").is_err());
        // Prefixes in any case; an old-style arXiv id only with its prefix.
        assert_eq!(parse_start("HTTPS://huggingface.co/acme/widget-7b-chat").unwrap(), Start::Hf("acme/widget-7b-chat".into()));
        assert_eq!(parse_start("ARXIV:2401.01234").unwrap(), Start::Arxiv("2401.01234".into()));
        assert_eq!(parse_start("GitHub:acme/widget").unwrap(), Start::Github("acme/widget".into()));
        assert_eq!(parse_start("acme/1234567").unwrap(), Start::Hf("acme/1234567".into()));
        assert_eq!(parse_start("arXiv:hep-th/9901001").unwrap(), Start::Arxiv("hep-th/9901001".into()));
        assert!(parse_start("just words").is_err());
        assert!(parse_start("github:nope").is_err());
    }

    #[test]
    fn names_and_slugs() {
        assert_eq!(slug("Widget 7B Chat (v0.2)"), "widget-7b-chat-v0-2");
        assert_eq!(slug("--"), "model");
        assert_eq!(default_name(&Start::Hf("acme/widget-7b-chat".into())), "widget-7b-chat");
        assert_eq!(default_name(&Start::Vendor("https://vendor.example/models/widget.html".into())), "widget");
        assert_eq!(default_name(&Start::Vendor("https://vendor.example/".into())), "vendor.example");
        let e = entry_for(&Start::Arxiv("2401.01234".into()), None);
        assert_eq!((e.id.as_str(), e.arxiv.len()), ("arxiv-2401-01234", 1));
    }

    #[test]
    fn appending_keeps_the_file_and_refuses_duplicates() {
        let original = "# my models\nstore = \"s\"   # aligned comment\n\n[[model]]\nid   = \"old\"\nname = \"Old\"  # keep me\nhf = \"acme/old\"\n";
        let e = entry_for(&Start::Hf("acme/widget-7b-chat".into()), Some("Widget \"7B\" Chat"));
        let p = Path::new("/tmp/c/config.toml");
        let out = append_entry(original, &e, p).unwrap();
        assert!(out.starts_with(original));
        assert!(out.ends_with("[[model]]\nid = \"widget-7b-chat\"\nname = 'Widget \"7B\" Chat'\nhf = \"acme/widget-7b-chat\"\n"), "{out}");
        let c = Config::from_str(&out, p).unwrap();
        assert_eq!(c.models.len(), 2);
        assert_eq!(c.models[1].name, "Widget \"7B\" Chat");
        assert!(append_entry(&out, &e, p).unwrap_err().to_string().contains("already"));
        // A file without a final newline, and an empty file.
        assert!(append_entry("store = \"s\"", &e, p).unwrap().starts_with("store = \"s\"\n\n[[model]]"));
        assert!(append_entry("", &e, p).unwrap().starts_with("[[model]]"));
    }
}
