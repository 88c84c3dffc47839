//! Rule tests: small evidence bundles shaped like real API answers (parsed through
//! the `openness-sources` parsers from bodies built by `openness-testkit`'s
//! fixtures), judged through `rules::judge` so that `conservative()` applies.
//! Every name is invented.

use super::{judge, Context, Criterion};
use crate::evidence::*;
use crate::verdict::{Class, Confidence, Verdict};
use openness_testkit::fixtures::{self as fx, Gated};
use serde_json::{json, Value};

/// Test-only builders: evidence bundles from real-shaped bodies.
mod build {
    use super::*;
    use crate::config::ModelEntry;
    use openness_snapshots::Digest;
    use openness_sources::arxiv::{parse_feed, ArxivEntry};
    use openness_sources::card::Card;
    use openness_sources::github::{GithubFile, GithubRepo, GithubTree};
    use openness_sources::hf::{HfRepo, RepoKind};
    use openness_sources::pypi::PypiProject;

    /// The end model most tests judge.
    pub const END: &str = "acme/widget-7b-chat";
    /// Its declared base model (a different name, as for many tuned models).
    pub const BASE: &str = "acme/gizmo-7b";
    /// Weight files as a sharded safetensors checkpoint lists them.
    pub const SHARDS: &[&str] = &[
        ".gitattributes",
        "README.md",
        "config.json",
        "generation_config.json",
        "model-00001-of-00002.safetensors",
        "model-00002-of-00002.safetensors",
        "model.safetensors.index.json",
        "special_tokens_map.json",
        "tokenizer.json",
        "tokenizer_config.json",
    ];

    /// A tracked model and its evidence.
    #[derive(Clone)]
    pub struct World {
        pub entry: ModelEntry,
        pub ev: Evidence,
    }

    impl World {
        /// A model tracked by its Hugging Face id.
        pub fn new(hf: &str, name: &str) -> World {
            let entry = ModelEntry { id: name.to_lowercase().replace(' ', "-"), name: name.into(), hf: Some(hf.into()), github: vec![], vendor: vec![], arxiv: vec![] };
            let ev = Evidence { end_model_id: Some(hf.into()), ..Default::default() };
            World { entry, ev }
        }

        /// The usual end model, `acme/widget-7b-chat`.
        pub fn end() -> World {
            World::new(END, "Widget 7B Chat")
        }

        pub fn model(mut self, id: &str, role: ModelRole, api: Avail<HfRepo>, card: Avail<Card>) -> World {
            self.ev.models.insert(id.into(), HfModelEv { id: id.into(), role, api, card, how_found: None, license_file: Avail::NotChecked });
            self
        }

        /// The licence file `path` of model `id`, holding `text`.
        pub fn licence_file(mut self, id: &str, path: &str, text: &str) -> World {
            let url = format!("https://huggingface.co/{id}/raw/main/{path}");
            let m = self.ev.models.get_mut(id).expect("the model is added first");
            m.license_file = found(&url, text.as_bytes(), LicenceFile { path: path.into(), text: text.into() });
            self
        }

        /// The licence file `path` of dataset `id`, holding `text`.
        pub fn dataset_licence_file(mut self, id: &str, path: &str, text: &str) -> World {
            let url = format!("https://huggingface.co/datasets/{id}/raw/main/{path}");
            let d = self.ev.datasets.get_mut(id).expect("the dataset is added first");
            d.license_file = found(&url, text.as_bytes(), LicenceFile { path: path.into(), text: text.into() });
            self
        }

        /// A dataset a model card names.
        pub fn dataset(mut self, id: &str, role: DataRole, named_by: &str, api: Avail<HfRepo>, card: Avail<Card>) -> World {
            self.ev.datasets.insert(id.into(), DatasetEv { id: id.into(), role, named_by: named_by.into(), named_by_card: true, api, card, license_file: Avail::NotChecked, listed_in: None });
            self
        }

        /// A dataset only the README of repository `named_by` links.
        pub fn linked_dataset(self, id: &str, role: DataRole, named_by: &str, api: Avail<HfRepo>, card: Avail<Card>) -> World {
            let mut w = self.dataset(id, role, named_by, api, card);
            w.ev.datasets.get_mut(id).expect("just inserted").named_by_card = false;
            w
        }

        pub fn repo(mut self, r: RepoEv) -> World {
            self.ev.repos.insert(r.name.to_lowercase(), r);
            self
        }

        /// The folder `dir` of repository `repo`, linked from the end model's card, with
        /// `readme` as its README (`None`: the folder has no README).
        pub fn folder(mut self, repo: &str, dir: &str, readme: Option<&str>) -> World {
            let url = format!("https://raw.githubusercontent.com/{repo}/main/{dir}/README.md");
            let readme = match readme {
                Some(text) => found(&url, text.as_bytes(), GithubFile { path: format!("{dir}/README.md"), text: text.into(), html_url: Some(format!("https://github.com/{repo}/blob/main/{dir}/README.md")), license_spdx: None }),
                None => not_found(url),
            };
            let f = FolderEv { repo: repo.into(), dir: dir.into(), linked_from: model_card_url(END), readme };
            self.ev.folders.insert(crate::discovery::folder_key(repo, dir), f);
            self
        }

        pub fn paper(mut self, p: PaperEv) -> World {
            self.ev.papers.insert(p.id.clone(), p);
            self
        }

        pub fn package(mut self, p: PackageEv) -> World {
            self.ev.packages.insert(p.name.to_lowercase(), p);
            self
        }

        /// Judges through `rules::judge`, checking the crawler's own invariant: an
        /// open or partial verdict names evidence (links that are public URLs, and
        /// cited facts).
        pub fn judge(&self, c: Criterion) -> Verdict {
            let cx = Context::new(&self.entry, &self.ev);
            let v = judge(c, &cx);
            check_invariants(c, &v);
            v
        }
    }

    pub fn check_invariants(c: Criterion, v: &Verdict) {
        if matches!(v.class, Class::Open | Class::Partial) {
            assert!(!v.links.is_empty(), "{c:?}: {:?} verdict without a link: {}", v.class, v.notes);
            assert!(!v.evidence.is_empty(), "{c:?}: {:?} verdict without cited evidence: {}", v.class, v.notes);
        }
        for l in &v.links {
            assert!(l.starts_with("https://") || l.starts_with("http://"), "{c:?}: link is not a URL: {l}");
        }
        assert!(!v.notes.trim().is_empty(), "{c:?}: verdict without notes");
    }

    fn found<T>(url: &str, body: &[u8], value: T) -> Avail<T> {
        Avail::Found(Doc { url: url.into(), digest: Some(Digest::of(body)), value })
    }

    /// An `api/models/<id>` answer, parsed.
    pub fn model_api(v: &Value) -> Avail<HfRepo> {
        hub_api(RepoKind::Model, v)
    }

    /// An `api/datasets/<id>` answer, parsed.
    pub fn dataset_api(v: &Value) -> Avail<HfRepo> {
        hub_api(RepoKind::Dataset, v)
    }

    fn hub_api(kind: RepoKind, v: &Value) -> Avail<HfRepo> {
        let body = serde_json::to_vec(v).unwrap();
        let repo = HfRepo::parse(kind, &body).expect("fixture parses");
        found(&kind.api_url(&repo.id), &body, repo)
    }

    /// A model card (raw README), parsed.
    pub fn model_card(id: &str, text: &str) -> Avail<Card> {
        found(&RepoKind::Model.card_url(id), text.as_bytes(), Card::parse(text))
    }

    /// A dataset card (raw README), parsed.
    pub fn dataset_card(id: &str, text: &str) -> Avail<Card> {
        found(&RepoKind::Dataset.card_url(id), text.as_bytes(), Card::parse(text))
    }

    pub fn not_found<T>(url: String) -> Avail<T> {
        Avail::NotFound { url, status: 404 }
    }

    pub fn restricted<T>(url: String) -> Avail<T> {
        Avail::Restricted { url, status: 403 }
    }

    pub fn failed<T>(url: String, error: &str) -> Avail<T> {
        Avail::Failed { url, error: error.into() }
    }

    pub fn model_api_url(id: &str) -> String {
        RepoKind::Model.api_url(id)
    }

    pub fn model_card_url(id: &str) -> String {
        RepoKind::Model.card_url(id)
    }

    pub fn dataset_api_url(id: &str) -> String {
        RepoKind::Dataset.api_url(id)
    }

    pub fn dataset_card_url(id: &str) -> String {
        RepoKind::Dataset.card_url(id)
    }

    /// A GitHub repository as the crawler reads it: repository API, README,
    /// LICENSE (when a licence is detected) and the recursive tree.
    pub fn github(full_name: &str, spdx: Option<&str>, description: &str, readme: &str, tree: &[&str], linked_from: &str) -> RepoEv {
        let base = format!("https://api.github.com/repos/{full_name}");
        let repo_body = serde_json::to_vec(&fx::github_repo(full_name, "main", spdx, description, false)).unwrap();
        let api = found(&base, &repo_body, GithubRepo::parse(&repo_body).expect("repo fixture parses"));
        let readme_body = serde_json::to_vec(&fx::github_readme_at(full_name, "main", readme)).unwrap();
        let readme = found(&format!("{base}/readme"), &readme_body, GithubFile::parse(&readme_body).expect("readme fixture parses"));
        let license = match spdx {
            Some(id) => {
                let body = serde_json::to_vec(&fx::github_license_at(full_name, "main", id, &format!("{id} licence text"))).unwrap();
                found(&format!("{base}/license"), &body, GithubFile::parse(&body).expect("licence fixture parses"))
            }
            None => not_found(format!("{base}/license")),
        };
        let tree_body = serde_json::to_vec(&fx::github_tree(tree)).unwrap();
        let tree = found(&format!("{base}/git/trees/main?recursive=1"), &tree_body, GithubTree::parse(&tree_body).expect("tree fixture parses"));
        RepoEv { name: full_name.into(), linked_from: linked_from.into(), api, readme, readme_en: Avail::NotChecked, license, tree }
    }

    /// An arXiv paper as the batch lookup answers it (one entry of an Atom feed).
    pub fn arxiv(id: &str, title: &str, summary: &str, comment: Option<&str>, linked_from: &str) -> PaperEv {
        let feed = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>ArXiv Query: id_list={id}</title>\n  {}\n</feed>\n",
            fx::arxiv_entry(id, title, summary, comment, None, None)
        );
        let mut entries: Vec<ArxivEntry> = parse_feed(feed.as_bytes()).expect("feed fixture parses");
        assert_eq!(entries.len(), 1);
        let entry = found(&format!("http://export.arxiv.org/api/query?id_list={id}"), feed.as_bytes(), entries.remove(0));
        PaperEv { id: id.into(), linked_from: linked_from.into(), entry }
    }

    /// A PyPI project answer, parsed.
    pub fn pypi(v: &Value, linked_from: &str) -> PackageEv {
        let body = serde_json::to_vec(v).unwrap();
        let p = PypiProject::parse(&body).expect("pypi fixture parses");
        let name = p.name.clone();
        PackageEv { name: name.clone(), linked_from: linked_from.into(), project: found(&format!("https://pypi.org/pypi/{name}/json"), &body, p) }
    }

    /// Prose of at least `words` words, cycling through `sentences`.
    pub fn prose(sentences: &[&str], words: usize) -> String {
        let mut out = String::new();
        let mut n = 0;
        for s in sentences.iter().cycle() {
            if n >= words {
                break;
            }
            out.push_str(s);
            out.push(' ');
            n += s.split_whitespace().count();
        }
        out.trim_end().to_string()
    }
}

use build::*;

// ---------------------------------------------------------------- fixtures

/// Front matter of a typical chat model card.
fn chat_front(license: &str) -> String {
    format!("license: {license}\nlanguage:\n- en\npipeline_tag: text-generation\ntags:\n- chat\n")
}

/// A short, ordinary card for the end model that says nothing about tuning,
/// restrictions or data.
const PLAIN_BODY: &str = "# Widget-7B-Chat\n\nWidget-7B-Chat is a conversational assistant released by Acme.\n\n## How to use\n\n```python\nfrom transformers import AutoModelForCausalLM\nmodel = AutoModelForCausalLM.from_pretrained(\"acme/widget-7b-chat\")\n```\n";

/// The end model with the given licence tag, gate and files.
fn end_model(license: Option<&str>, gated: Gated, files: &[&str], card_data: Value, card_text: &str) -> World {
    World::end().model(END, ModelRole::End, model_api(&fx::hf_model(END, license, gated, files, &[], card_data)), model_card(END, card_text))
}

/// An end model under apache-2.0, not gated, with safetensors, whose card text is `body`.
fn apache_end_with_card(body: &str) -> World {
    end_model(Some("apache-2.0"), Gated::No, SHARDS, json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), body))
}

/// An open end model: apache-2.0, not gated, safetensors.
fn open_end() -> World {
    end_model(Some("apache-2.0"), Gated::No, SHARDS, json!({"license": "apache-2.0", "language": ["en"]}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY))
}

/// A repository named after the model, linked from its card.
fn widget_repo(spdx: Option<&str>, tree: &[&str]) -> RepoEv {
    github(
        "acme/widget",
        spdx,
        "Code for the Widget family of language models",
        "# Widget\n\nTraining and inference code for Widget models.\n",
        tree,
        &model_card_url(END),
    )
}

// ---------------------------------------------------------------- end weights

#[test]
fn end_weights_open_safetensors_ungated_apache() {
    let v = open_end().judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Medium, "reviewers also weigh the tuning's documentation: {}", v.confidence_reason);
    assert!(v.confidence_reason.contains("the reviewer's reading"), "{}", v.confidence_reason);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{END}/tree/main")]);
    assert!(v.notes.contains("2 weight file(s)"), "{}", v.notes);
    assert!(v.evidence[0].digest.is_some(), "the API snapshot digest is cited");
}

#[test]
fn end_weights_gated_auto_and_manual_are_partial() {
    for (gate, word) in [(Gated::Auto, "auto"), (Gated::Manual, "manual")] {
        let w = end_model(Some("apache-2.0"), gate, SHARDS, json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
        let v = w.judge(Criterion::EndWeights);
        assert_eq!(v.class, Class::Partial, "{word}: {}", v.notes);
        assert!(v.notes.contains(&format!("gated: {word}")), "{}", v.notes);
        assert!(v.confidence_reason.starts_with("gated download"), "{}", v.confidence_reason);
    }
}

#[test]
fn end_weights_non_commercial_licence_is_partial() {
    let w = end_model(Some("cc-by-nc-4.0"), Gated::No, SHARDS, json!({"license": "cc-by-nc-4.0"}), &fx::model_card(&chat_front("cc-by-nc-4.0"), PLAIN_BODY));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("CC-BY-NC-4.0") && v.notes.contains("restricts use"), "{}", v.notes);
}

#[test]
fn end_weights_without_licence_are_partial() {
    // No licence tag, no cardData licence, no "License:" line in the card.
    let w = end_model(None, Gated::No, SHARDS, Value::Null, &fx::model_card("language:\n- en\n", PLAIN_BODY));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("no licence is declared"), "{}", v.notes);
    assert!(super::end_license_label(w.ev.end_model().unwrap()).is_none());
}

#[test]
fn end_weights_without_weight_files_are_closed() {
    let files = [".gitattributes", "README.md", "config.json", "tokenizer.json", "model.safetensors.index.json", "training_args.bin"];
    let w = end_model(Some("apache-2.0"), Gated::No, &files, json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("lists no weight files"), "{}", v.notes);
    assert!(v.notes.contains("config.json"), "the notes list what the repository holds: {}", v.notes);
}

#[test]
fn end_weights_api_404_is_closed_not_found() {
    let w = World::end().model(END, ModelRole::End, not_found(model_api_url(END)), not_found(model_card_url(END)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("not found"), "{}", v.notes);
    assert!(v.notes.contains("HTTP 404"), "{}", v.notes);
}

#[test]
fn end_weights_failed_fetch_is_unknown_closed_low() {
    // The card was read and says apache-2.0, but the API answer is unknown:
    // a failed fetch is never evidence of availability.
    let w = World::end().model(END, ModelRole::End, failed(model_api_url(END), "HTTP 503"), model_card(END, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("could not be checked") && v.notes.contains("HTTP 503"), "{}", v.notes);
}

#[test]
fn end_weights_restricted_api_is_partial_with_the_url() {
    let w = World::end().model(END, ModelRole::End, restricted(model_api_url(END)), restricted(model_card_url(END)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial);
    assert_eq!(v.links, vec![model_api_url(END)]);
}

#[test]
fn end_weights_delta_weights_are_partial() {
    let body = "# Widget-7B-Chat (delta)\n\nThese are delta weights. They cannot be used on their own: apply the delta to the original Gizmo-7B weights with `python apply_delta.py --base gizmo-7b --target widget-7b-chat --delta acme/widget-7b-chat`.\n";
    let w = end_model(Some("apache-2.0"), Gated::No, &["README.md", "config.json", "pytorch_model-00001-of-00002.bin", "pytorch_model-00002-of-00002.bin", "pytorch_model.bin.index.json"], json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), body));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.confidence_reason.starts_with("delta weights only"), "{}", v.confidence_reason);
    assert!(v.notes.contains("delta weights"), "{}", v.notes);
}

#[test]
fn end_weights_of_a_quantized_copy_are_never_more_open_than_the_original() {
    // A third party's public GGUF copy of a gated chat model: the developer's release is the
    // original's, behind its gate.
    let (copy, original) = ("quants/widget-7b-chat-GGUF", END);
    let world = |original_gate: Gated| {
        let w = World::new(copy, "Widget 7B Chat GGUF");
        let copy_api = fx::hf_model(copy, Some("apache-2.0"), Gated::No, &["README.md", "widget-7b-chat.Q4_K_M.gguf"], &[&format!("base_model:quantized:{original}"), "gguf"], json!({"license": "apache-2.0", "base_model": original}));
        w.model(copy, ModelRole::End, model_api(&copy_api), model_card(copy, &fx::model_card(&format!("base_model: {original}\nlicense: apache-2.0"), "# Widget 7B Chat GGUF\n\nQuantized files.\n")))
            .model(original, ModelRole::Base, model_api(&fx::hf_model(original, Some("apache-2.0"), original_gate, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(original, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)))
    };
    let v = world(Gated::Manual).judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.starts_with(&format!("{copy} is a quantized copy of {original}")) && v.notes.contains("gated: manual") && v.notes.contains("Q4_K_M.gguf"), "both repositories are described: {}", v.notes);
    assert_eq!(v.links.first(), Some(&format!("https://huggingface.co/{original}/tree/main")), "the original is cited first: {:?}", v.links);
    // An open original: the copy's own verdict stands, and the notes still say what it is.
    let v = world(Gated::No).judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("quantized copy"), "{}", v.notes);
    // The base weights are the original's base, not the gated original itself.
    let base = fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}));
    let w = world(Gated::Manual).model(BASE, ModelRole::Base, model_api(&base), not_found(model_card_url(BASE)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains(BASE) && !v.notes.contains("gated"), "{}", v.notes);
}

#[test]
fn end_weights_that_are_only_a_peft_adapter_are_partial() {
    let w = end_model(Some("apache-2.0"), Gated::No, &["adapter_config.json", "adapter_model.safetensors"], json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("adapter weights (LoRA/PEFT)"), "{}", v.notes);
    // Full weights beside an adapter are full weights.
    let w = end_model(Some("apache-2.0"), Gated::No, &["adapter_model.safetensors", "model.safetensors"], json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    assert_eq!(w.judge(Criterion::EndWeights).class, Class::Open);
}

#[test]
fn a_licence_file_names_the_licence_a_tag_does_not() {
    let files = ["LICENSE", "model.safetensors"];
    let card = fx::model_card("license: other", PLAIN_BODY);
    // No recognisable tag, an MIT text in LICENSE: open weights, the file cited.
    let w = end_model(Some("other"), Gated::No, &files, json!({"license": "other"}), &card).licence_file(END, "LICENSE", fx::MIT_LICENSE_TEXT);
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    let l = w.judge(Criterion::License);
    assert_eq!(l.class, Class::Open, "{}", l.notes);
    assert!(l.notes.contains("MIT"), "{}", l.notes);
    assert!(l.links.contains(&format!("https://huggingface.co/{END}/blob/main/LICENSE")), "{:?}", l.links);
    // A bespoke community licence text: restricted, and the notes say where it was read.
    let bespoke = "WIDGET MODEL COMMUNITY LICENSE AGREEMENT\nVersion 1.0\nYou may not use the Widget Materials to improve any other large language model.";
    let w = end_model(None, Gated::No, &files, json!({}), &fx::model_card("", PLAIN_BODY)).licence_file(END, "LICENSE", bespoke);
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("from the repository's LICENSE"), "{}", v.notes);
    // A tag that names a known licence is not overridden by the file.
    let w = end_model(Some("apache-2.0"), Gated::No, &files, json!({"license": "apache-2.0"}), &fx::model_card("license: apache-2.0", PLAIN_BODY)).licence_file(END, "LICENSE", bespoke);
    assert_eq!(w.judge(Criterion::EndWeights).class, Class::Open);
}

#[test]
fn end_weights_private_or_disabled_repository_is_closed() {
    let mut api = fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}));
    api["private"] = json!(true);
    let w = World::end().model(END, ModelRole::End, model_api(&api), not_found(model_card_url(END)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("private"), "{}", v.notes);
    assert_eq!(v.evidence[0].snippet, "\"private\": true");

    // A disabled (public) repository is cited by the field that shows it.
    let mut api = fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}));
    api["disabled"] = json!(true);
    let w = World::end().model(END, ModelRole::End, model_api(&api), not_found(model_card_url(END)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert_eq!(v.evidence[0].snippet, "\"disabled\": true");
}

#[test]
fn end_weights_without_any_model_repository_are_closed() {
    let mut w = World::end();
    w.ev.end_model_id = None;
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
}

// ---------------------------------------------------------------- base weights

/// The end model (open, apache) declaring `acme/gizmo-7b` as its base.
fn end_with_base() -> World {
    let fm = format!("{}base_model: {BASE}\n", chat_front("apache-2.0"));
    let body = "# Widget-7B-Chat\n\nWidget-7B-Chat is Gizmo-7B fine-tuned on conversations.\n";
    World::end().model(
        END,
        ModelRole::End,
        model_api(&fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[&format!("base_model:finetune:{BASE}")], json!({"license": "apache-2.0", "base_model": BASE}))),
        model_card(END, &fx::model_card(&fm, body)),
    )
}

#[test]
fn base_weights_gated_base_under_open_end_model_is_partial() {
    let w = end_with_base().model(BASE, ModelRole::Base, restricted(model_api_url(BASE)), restricted(model_card_url(BASE)));
    // The declared base is what parse read from the end model's answer.
    assert_eq!(w.ev.end_model().unwrap().api.value().unwrap().base_models, vec![BASE]);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(BASE) && v.notes.contains("HTTP 403"), "{}", v.notes);
    assert_eq!(v.links, vec![model_api_url(BASE)]);
    // The end model's own weights stay open.
    assert_eq!(w.judge(Criterion::EndWeights).class, Class::Open);
}

#[test]
fn base_weights_missing_base_with_a_stated_release_is_partial() {
    // The declared base answers 404; the developer's release post says base weights were released.
    let w = end_with_base().model(BASE, ModelRole::Base, not_found(model_api_url(BASE)), not_found(model_card_url(BASE)));
    assert_eq!(w.judge(Criterion::BaseWeights).class, Class::Closed);
    let url = "https://acme.example/news/widget";
    let mut stated = w.clone();
    stated.ev.pages.insert(url.into(), vendor_page(url, "<html><body><p>Today we release Widget. We have released pre-trained base and chat checkpoints under the Apache 2.0 license.</p></body></html>"));
    let v = stated.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec![url.to_string()]);
    assert!(v.notes.contains("HTTP 404") && v.notes.contains("not verified"), "{}", v.notes);
    // A page that only compares the base with other pretrained models states no release.
    let mut other = w.clone();
    other.ev.pages.insert(url.into(), vendor_page(url, "<html><body><p>Our base model beats two open-source pre-trained models.</p></body></html>"));
    assert_eq!(other.judge(Criterion::BaseWeights).class, Class::Closed);
}

#[test]
fn base_weights_declared_open_base_is_open() {
    let base_card = fx::model_card("license: apache-2.0\n", "# Gizmo-7B\n\nGizmo-7B is a 7B decoder-only model pretrained on 2T tokens.\n");
    let w = end_with_base().model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(BASE, &base_card));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{BASE}/tree/main")]);
    assert!(v.notes.contains("base model repository acme/gizmo-7b"), "{}", v.notes);
}

#[test]
fn base_weights_least_open_of_several_bases() {
    let other = "acme/sprocket-7b";
    let w = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(BASE)))
        .model(other, ModelRole::Base, model_api(&fx::hf_model(other, Some("apache-2.0"), Gated::Manual, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(other)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(other), "{}", v.notes);

    // One named base found with its weights, another not found at all: partly shared, and
    // the notes name both.
    let w = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(BASE)))
        .model(other, ModelRole::Base, not_found(model_api_url(other)), not_found(model_card_url(other)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains(BASE) && v.notes.contains(&format!("{other} was not found")), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{BASE}/tree/main")]);
}

#[test]
fn a_base_the_card_names_from_the_models_own_family_is_the_developers() {
    let origin = |body: &str| super::context::BaseOrigin::of(&apache_end_with_card(body).ev);
    match origin("# Widget\n\nThe Widget-7B-Chat model is an instruct fine-tuned version of the Widget-7B-v0.2.\n") {
        super::context::BaseOrigin::Developer(why) => assert!(why.contains("own family"), "{why}"),
        other => panic!("a Widget base is the Widget developer's: {other:?}"),
    }
    assert!(matches!(origin("# Widget\n\nWidget-7B-Chat is fine-tuned from LLaMA-7B.\n"), super::context::BaseOrigin::Other(_)));
}

#[test]
fn a_tuned_step_of_the_developer_does_not_make_another_developers_base_its_own() {
    // END <- acme/widget-7b-sft (same organisation) <- forge/anvil-7b (pretrained elsewhere).
    let (sft, root) = ("acme/widget-7b-sft", "forge/anvil-7b");
    let tuned = |id: &str, base: &str| model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0", "base_model": base})));
    let w = World::end()
        .model(END, ModelRole::End, tuned(END, sft), model_card(END, "# Widget\n\nTuned from our SFT model.\n"))
        .model(sft, ModelRole::Base, tuned(sft, root), not_found(model_card_url(sft)))
        .model(root, ModelRole::Base, model_api(&fx::hf_model(root, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(root)));
    assert_eq!(w.ev.root_bases().iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), vec![root]);
    match super::context::BaseOrigin::of(&w.ev) {
        super::context::BaseOrigin::Other(why) => assert!(why.contains(root), "{why}"),
        other => panic!("the pretrained base is another developer's: {other:?}"),
    }
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains(root), "the pretrained base is the one cited: {}", v.notes);
}

#[test]
fn base_weights_no_base_declared_but_card_says_fine_tuned_is_closed() {
    let body = "# Widget-7B-Chat\n\nWidget-7B-Chat was fine-tuned from an in-house foundation model on 300k dialogues.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("fine-tuned from"), "the snippet is quoted: {}", v.notes);
    assert_eq!(v.evidence[0].url, model_card_url(END));
}

#[test]
fn base_weights_card_naming_another_developers_base_is_partial_low() {
    let body = "# Widget-7B-Chat\n\n## Model Details\n\n- **Finetuned from model:** [Gizmo-2](https://arxiv.org/abs/2301.00001)\n\nWidget-7B-Chat is a Gizmo-2 7B model fine-tuned on 300k dialogues.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("Gizmo-2"), "the base is named: {}", v.notes);
    assert_eq!(v.evidence[0].url, model_card_url(END), "cites the card that names it");
}

#[test]
fn base_weights_base_named_like_the_end_model_may_be_its_own_and_stays_closed() {
    let body = "# Widget-7B-Chat\n\nWidget-7B-Chat is a fine-tuned version of Widget-7B-Base, which has not been released.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn a_base_the_card_gives_another_owner_is_another_developers_whatever_its_name() {
    // Named like the end model, but the card says whose it is.
    let body = "# Widget-7B-Chat\n\nWidget-7B-Chat is a 7B model, fine-tuned from Forge’s Widget 7B with 40M instructions.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("names Forge's Widget 7B as the model"), "{}", v.notes);
    assert!(matches!(super::context::BaseOrigin::of(&w.ev), super::context::BaseOrigin::Other(_)));
    // The end model's own organisation as the owner keeps it the developer's.
    let w = apache_end_with_card("# Widget-7B-Chat\n\nWidget-7B-Chat is fine-tuned from Acme's Gizmo 7B.\n");
    assert_eq!(w.judge(Criterion::BaseWeights).class, Class::Closed);
    assert!(matches!(super::context::BaseOrigin::of(&w.ev), super::context::BaseOrigin::Developer(_)));
}

#[test]
fn base_weights_no_base_declared_and_post_training_wording_is_closed() {
    let body = "# Widget-7B-Chat\n\nWidget-7B-Chat underwent supervised fine-tuning and direct preference optimization.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("post-training"), "{}", v.notes);
}

#[test]
fn base_weights_no_base_and_no_tuning_wording_judges_the_model_as_its_own_base() {
    let id = "acme/widget-7b";
    let body = "# Widget-7B\n\nWidget-7B is a 7-billion-parameter decoder-only language model pretrained from scratch on 2T tokens of English text and code.\n";
    let w = World::new(id, "Widget 7B").model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(id, &fx::model_card("license: apache-2.0\n", body)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("its own base"), "{}", v.notes);
    // Judged by inference, never more than medium confidence.
    assert_eq!(v.confidence, Confidence::Medium);
}

#[test]
fn base_weights_no_base_and_no_card_is_closed_low() {
    let w = World::end().model(END, ModelRole::End, model_api(&fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(END)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("could not be read (not found)"), "{}", v.notes);
}

// ---------------------------------------------------------------- licence

#[test]
fn licence_other_with_custom_community_licence_is_not_open() {
    let card_data = json!({"license": "other", "license_name": "acme-community-license", "license_link": "LICENSE"});
    let fm = "license: other\nlicense_name: acme-community-license\nlicense_link: LICENSE\n";
    let w = end_model(Some("other"), Gated::No, SHARDS, card_data, &fx::model_card(fm, PLAIN_BODY)).repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"]));
    let v = w.judge(Criterion::License);
    assert_ne!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "code is MIT, weights are not open: {}", v.notes);
    assert!(v.notes.contains("other: acme-community-license"), "{}", v.notes);
    assert!(v.notes.contains("community licence"), "{}", v.notes);
    assert_eq!(super::end_license_label(w.ev.end_model().unwrap()).as_deref(), Some("other: acme-community-license"));
    // The weights rule agrees.
    assert_eq!(w.judge(Criterion::EndWeights).class, Class::Partial);
}

#[test]
fn weights_under_several_licences_are_as_open_as_the_least_open() {
    let card_data = json!({"license": ["apache-2.0", "cc-by-nc-4.0"]});
    let fm = "license:\n- apache-2.0\n- cc-by-nc-4.0\n";
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, card_data, &fx::model_card(fm, PLAIN_BODY)).repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"]));
    let weights = w.judge(Criterion::EndWeights);
    assert_eq!(weights.class, Class::Partial, "{}", weights.notes);
    assert!(weights.notes.contains("Apache-2.0 and CC-BY-NC-4.0"), "{}", weights.notes);
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "code is MIT, the weights are partly non-commercial: {}", v.notes);
    assert!(v.notes.contains("least open"), "{}", v.notes);
}

#[test]
fn licence_all_components_osi_is_open() {
    let w = open_end().repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"]));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::High);
    assert!(v.links.contains(&format!("https://huggingface.co/{END}")), "{:?}", v.links);
    assert!(v.links.contains(&"https://github.com/acme/widget".to_string()), "{:?}", v.links);
}

#[test]
fn licence_restricted_weights_with_apache_code_is_partial() {
    let w = end_model(Some("cc-by-nc-4.0"), Gated::No, SHARDS, json!({"license": "cc-by-nc-4.0"}), &fx::model_card(&chat_front("cc-by-nc-4.0"), PLAIN_BODY))
        .repo(widget_repo(Some("Apache-2.0"), &["README.md", "widget/model.py"]));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence_reason, "1 of 2 components openly licensed");
    assert!(v.notes.contains("CC-BY-NC-4.0"), "{}", v.notes);
}

#[test]
fn licence_of_a_training_dataset_comes_from_its_tag_or_card_and_unstated_is_unclear() {
    let corpus = "acme/web-corpus";
    let files = &["README.md", "data/train-00000.parquet"];
    let untagged = dataset_api(&fx::hf_dataset(corpus, None, Gated::No, files, &[], Value::Null));
    // No tag and a card without a licence line: the system's licensing is not all open.
    let w = open_end().dataset(corpus, DataRole::Pretraining, END, untagged.clone(), dataset_card(corpus, "# Web corpus\n\nFiltered web text.\n"));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(&format!("data ({corpus}): no licence stated")), "{}", v.notes);
    // The card's "License:" line states it.
    let w = open_end().dataset(corpus, DataRole::Pretraining, END, untagged.clone(), dataset_card(corpus, "# Web corpus\n\n- **License:** Apache 2.0\n"));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{corpus}")), "{:?}", v.links);
    // Its licence file states it, and is cited.
    let w = open_end().dataset(corpus, DataRole::Pretraining, END, untagged, dataset_card(corpus, "# Web corpus\n\nFiltered web text.\n")).dataset_licence_file(corpus, "LICENSE", fx::MIT_LICENSE_TEXT);
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains(&format!("data ({corpus}): MIT")), "{}", v.notes);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{corpus}/blob/main/LICENSE")), "{:?}", v.links);
}

#[test]
fn licence_of_another_partys_dataset_is_not_the_systems() {
    // Open weights and code, tuned on another organisation's dataset that states no licence
    // (or a restrictive one): the system's own parts are all openly licensed.
    let corpus = "otherlab/chat-pairs";
    let files = &["README.md", "data/train-00000.parquet"];
    for api in [dataset_api(&fx::hf_dataset(corpus, None, Gated::No, files, &[], Value::Null)), public_dataset(corpus, "cc-by-nc-4.0")] {
        let w = open_end().repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"])).dataset(corpus, DataRole::FineTuning, END, api, dataset_card(corpus, "# Chat pairs
"));
        let v = w.judge(Criterion::License);
        assert_eq!(v.class, Class::Open, "{}", v.notes);
        assert!(!v.notes.contains(corpus), "{}", v.notes);
    }
    // Nor does another party's openly licensed dataset make restricted weights partly open.
    let w = end_model(Some("cc-by-nc-4.0"), Gated::No, SHARDS, Value::Null, "# Widget
").dataset(corpus, DataRole::FineTuning, END, public_dataset(corpus, "apache-2.0"), dataset_card(corpus, "# Chat pairs
"));
    assert_eq!(w.judge(Criterion::License).class, Class::Closed);
}

#[test]
fn licence_partly_open_needs_a_part_under_an_osi_approved_licence() {
    // Restricted weights with the developer's own data under an open data licence: no part
    // is OSI-licensed.
    let corpus = "acme/web-corpus";
    let judge = |data_licence: &str| {
        end_model(Some("cc-by-nc-4.0"), Gated::No, SHARDS, Value::Null, "# Widget\n").dataset(corpus, DataRole::Pretraining, END, public_dataset(corpus, data_licence), dataset_card(corpus, "# Web corpus\n")).judge(Criterion::License)
    };
    let v = judge("odc-by");
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("ODC-By-1.0 (open)"), "the data licence is still named: {}", v.notes);
    // Data under an OSI-approved licence is an OSI-licensed part.
    assert_eq!(judge("apache-2.0").class, Class::Partial);
}

#[test]
fn licence_of_a_dataset_tagged_odc_by_is_an_open_data_licence() {
    let corpus = "acme/web-corpus";
    let w = open_end().repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"])).dataset(corpus, DataRole::Pretraining, END, public_dataset(corpus, "odc-by"), dataset_card(corpus, "# Web corpus\n"));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains(&format!("data ({corpus}): ODC-By-1.0 (open)")), "{}", v.notes);
}

#[test]
fn licence_other_on_a_dataset_is_read_as_its_licence_name() {
    let corpus = "acme/web-corpus";
    let files = &["README.md", "data/train-00000.parquet"];
    let api = dataset_api(&fx::hf_dataset(corpus, Some("other"), Gated::No, files, &[], json!({"license": "other", "license_name": "acme-data-community-license"})));
    let v = open_end().dataset(corpus, DataRole::Pretraining, END, api, dataset_card(corpus, "# Web corpus\n")).judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("other: acme-data-community-license"), "{}", v.notes);
}

#[test]
fn licence_badges_in_a_readme_name_code_and_data_licences() {
    let readme = "# Widget\n\n[![Code License](https://img.shields.io/badge/Code%20License-Apache_2.0-green.svg)](LICENSE) [![Data License](https://img.shields.io/badge/Data%20License-CC%20By%20NC%204.0-red.svg)](DATA_LICENSE)\n\nTraining code for Widget.\n";
    let repo = github("acme/widget", None, "Code for the Widget models", readme, &["README.md", "train.py"], &model_card_url(END));
    let w = end_model(None, Gated::No, SHARDS, Value::Null, "# Widget\n").repo(repo);
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "Apache code, non-commercial data: {}", v.notes);
    assert!(v.notes.contains("code license badge in the README of acme/widget: Apache-2.0"), "{}", v.notes);
    assert!(v.notes.contains("data license badge") && v.notes.contains("non-commercial"), "{}", v.notes);
    assert!(v.links.contains(&"https://github.com/acme/widget".to_string()), "{:?}", v.links);
}

#[test]
fn licence_weights_without_a_licence_are_named_as_unclear() {
    // MIT code beside weights that declare no licence: partial, and the notes say why.
    let w = end_model(None, Gated::No, SHARDS, Value::Null, &fx::model_card("language:\n- en\n", PLAIN_BODY)).repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"]));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(&format!("end model weights ({END}): no licence declared")), "{}", v.notes);
    assert_eq!(v.confidence_reason, "1 of 2 components openly licensed");
}

#[test]
fn licence_nothing_found_is_closed() {
    let w = end_model(None, Gated::No, SHARDS, Value::Null, &fx::model_card("language:\n- en\n", PLAIN_BODY));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("No evidence found"), "{}", v.notes);
    let v = w.judge(Criterion::Licenses);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("No evidence found"), "{}", v.notes);
}

#[test]
fn licence_card_line_saying_non_commercial_overrides_an_apache_tag() {
    let body = format!("{PLAIN_BODY}\n## License\n\n- **License:** Acme Non-Commercial Research Licence (see LICENSE)\n");
    let w = apache_end_with_card(&body).repo(widget_repo(Some("MIT"), &["README.md"]));
    let label = super::end_license_label(w.ev.end_model().unwrap()).unwrap();
    assert!(label.contains("Non-Commercial"), "the card's licence is taken: {label}");
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "would be open on the tag alone: {}", v.notes);
    assert!(v.notes.contains("non-commercial or research-only"), "{}", v.notes);
}

#[test]
fn licence_gate_asking_to_accept_a_licence_agreement_adds_a_restricted_component() {
    let prompt = "To access Widget-7B-Chat you must share your contact information and accept the Acme Model License Agreement.";
    let with_prompt = end_model(Some("apache-2.0"), Gated::Auto, SHARDS, json!({"license": "apache-2.0", "extra_gated_prompt": prompt}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY))
        .repo(widget_repo(Some("MIT"), &["README.md"]));
    let v = with_prompt.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("access agreement of acme/widget-7b-chat"), "{}", v.notes);
    assert!(v.evidence.iter().any(|e| e.snippet.contains("License Agreement")), "{:?}", v.evidence);
    // The same gate without licence wording adds nothing to the licence verdict.
    let plain_gate = end_model(Some("apache-2.0"), Gated::Auto, SHARDS, json!({"license": "apache-2.0", "extra_gated_prompt": "Please tell us how you plan to use the model."}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY))
        .repo(widget_repo(Some("MIT"), &["README.md"]));
    assert_eq!(plain_gate.judge(Criterion::License).class, Class::Open);
}

#[test]
fn licence_restriction_wording_in_card_demotes_open() {
    let body = format!("{PLAIN_BODY}\nUse of the model is subject to the Acme Acceptable Use Policy.\n");
    let w = apache_end_with_card(&body).repo(widget_repo(Some("MIT"), &["README.md"]));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("also states restrictions"), "{}", v.notes);
    assert!(v.links.contains(&model_card_url(END)), "{:?}", v.links);
    let body = format!("{PLAIN_BODY}\nThe chat model is released for research purpose only.\n");
    let v = apache_end_with_card(&body).repo(widget_repo(Some("MIT"), &["README.md"])).judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
}

#[test]
fn licences_osai_two_of_three_open_is_partial_and_three_is_open() {
    let two = open_end().repo(widget_repo(Some("MIT"), &["README.md"]));
    let v = two.judge(Criterion::Licenses);
    assert_eq!(v.class, Class::Partial, "weights + code, no data licence: {}", v.notes);
    assert!(v.confidence_reason.starts_with("2 of"), "{}", v.confidence_reason);

    let data = "acme/widget-chat-mix";
    let three = open_end().repo(widget_repo(Some("MIT"), &["README.md"])).dataset(
        data,
        DataRole::FineTuning,
        END,
        dataset_api(&fx::hf_dataset(data, Some("cc-by-4.0"), Gated::No, &["README.md", "data/train-00000-of-00001.parquet"], &[], Value::Null)),
        not_found(dataset_card_url(data)),
    );
    let v = three.judge(Criterion::Licenses);
    assert_eq!(v.class, Class::Open, "{}", v.notes);

    // One of three (data only) is closed.
    let nc = end_model(Some("cc-by-nc-4.0"), Gated::No, SHARDS, json!({"license": "cc-by-nc-4.0"}), &fx::model_card(&chat_front("cc-by-nc-4.0"), PLAIN_BODY)).repo(widget_repo(Some("NOASSERTION"), &["README.md"])).dataset(
        data,
        DataRole::FineTuning,
        END,
        dataset_api(&fx::hf_dataset(data, Some("cc-by-4.0"), Gated::No, &["README.md", "data/train-00000-of-00001.parquet"], &[], Value::Null)),
        not_found(dataset_card_url(data)),
    );
    assert_eq!(nc.judge(Criterion::Licenses).class, Class::Closed);
}

// ---------------------------------------------------------------- data

const MIX: &str = "acme/widget-chat-mix";
const LOGS: &str = "acme/widget-support-logs";

fn public_dataset(id: &str, license: &str) -> Avail<openness_sources::hf::HfRepo> {
    dataset_api(&fx::hf_dataset(id, Some(license), Gated::No, &[".gitattributes", "README.md", "data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet"], &["task_categories:text-generation", "language:en"], Value::Null))
}

#[test]
fn end_data_named_dataset_that_404s_is_partial() {
    // The rubric: "named but not all available" is partial; the evidence is the metadata naming it.
    let w = end_with_base().dataset(LOGS, DataRole::FineTuning, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "only named, nothing available: {}", v.notes);
    assert!(v.notes.contains(LOGS) && v.notes.contains("not found"), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{END}")]);
    assert_eq!(v.confidence, Confidence::Medium, "a name alone is not a checked download");

    // With one public dataset beside it: partial, still naming the missing one, citing the public one.
    let w = w.dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(LOGS), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/datasets/{MIX}")]);
}

#[test]
fn end_data_named_sets_of_an_internal_dataset_stay_closed() {
    // The card says the data is internal; the sets its metadata names cannot be had.
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nThe model is trained on our internal instruction dataset, built from several public collections.\n");
    let w = apache_end_with_card(&body)
        .dataset(LOGS, DataRole::Unknown, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains(LOGS) && v.notes.contains("our internal"), "{}", v.notes);
    assert!(v.links.is_empty());
}

#[test]
fn end_data_internal_tools_are_not_undisclosed_data() {
    // "Internal" about an evaluation library says nothing of the data: the named set that
    // cannot be found is still named (partial), and the notes quote no unrelated sentence.
    let body = format!("{PLAIN_BODY}\n## Evaluation\n\nFor all the evaluations, we use our internal evaluations library.\n");
    let w = apache_end_with_card(&body).dataset(LOGS, DataRole::Unknown, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(!v.notes.contains("evaluations library"), "{}", v.notes);
    // The same words about the data, split over a heading and its sentence, are read per sentence.
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nIt was tuned on our internal data.\n## Evaluation\n\nScores follow.\n");
    let v = apache_end_with_card(&body).dataset(LOGS, DataRole::Unknown, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS))).judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("\"It was tuned on our internal data\""), "the sentence alone is quoted: {}", v.notes);
}

#[test]
fn end_data_datasets_other_repositories_link_are_not_this_models_data() {
    // A generic tool's README linking public datasets (benchmarks, its own data) names
    // nothing about this model's training data, found or not.
    let tool = github("tools/bench-kit", Some("MIT"), "An evaluation toolkit", "# bench-kit\n\nEvaluate any model.\n", &["README.md", "bench/run.py"], &model_card_url(END));
    let w = end_with_base()
        .repo(tool)
        .linked_dataset(MIX, DataRole::FineTuning, "tools/bench-kit", public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX)))
        .linked_dataset(LOGS, DataRole::FineTuning, "tools/bench-kit", not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(!v.notes.contains(MIX) && !v.notes.contains(LOGS), "{}", v.notes);
    assert_eq!(w.judge(Criterion::Datasheet).class, Class::Closed);

    // The README of the model's own repository names its data: found → open; missing → named.
    let own = |api| end_with_base().repo(widget_repo(Some("Apache-2.0"), &["README.md", "train.py"])).linked_dataset(MIX, DataRole::FineTuning, "acme/widget", api, not_found(dataset_card_url(MIX)));
    assert_eq!(own(public_dataset(MIX, "cc-by-4.0")).judge(Criterion::EndData).class, Class::Open);
    let v = own(not_found(dataset_api_url(MIX))).judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/acme/widget".to_string()]);
}

#[test]
fn end_data_all_declared_datasets_public_is_open_with_links() {
    let other = "acme/widget-preference-pairs";
    let w = end_with_base()
        .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX)))
        .dataset(other, DataRole::FineTuning, END, public_dataset(other, "mit"), not_found(dataset_card_url(other)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::High);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{MIX}")), "{:?}", v.links);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{other}")), "{:?}", v.links);
    assert!(v.evidence.iter().any(|e| e.snippet.contains("2 data files")), "{:?}", v.evidence);
}

/// The end-data verdict for a card whose section `heading` holds `text`, with the public
/// dataset `MIX` declared as its tuning data.
fn end_data_of_section(heading: &str, text: &str) -> Verdict {
    let body = format!("{PLAIN_BODY}\n## {heading}\n\n{text}\n");
    apache_end_with_card(&body).dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX))).judge(Criterion::EndData)
}

#[test]
fn end_data_named_as_a_selection_of_the_data_is_partial() {
    let judge = |sentence: &str| end_data_of_section("Dataset Details", &format!("{sentence}\n\n- [Chats](https://huggingface.co/datasets/{MIX})"));
    let v = judge("Widget was trained on a collection of public instruction data with a custom pipeline. We detail some notable subsets included here:");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("part of the data: \"We detail some notable subsets included here\""), "{}", v.notes);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{MIX}")) && v.links.contains(&model_card_url(END)), "{:?}", v.links);
    let v = judge("Widget was tuned on public instruction datasets such as:");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    // Examples of what the data holds are not a selection of sources.
    assert_eq!(judge("The mix holds tasks such as question answering and summarisation.").class, Class::Open);
    assert_eq!(judge("For example, the model may answer poorly on questions outside of its training data.").class, Class::Open);
    assert_eq!(judge("Widget was tuned on the following dataset:").class, Class::Open);
    // The named set as the bulk of the data, not all of it.
    let v = judge("Widget was tuned on 2B tokens mainly coming from the chats below, with in-house math data added.");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("part of the data: \"Widget was tuned on 2B tokens mainly coming from"), "{}", v.notes);
    assert_eq!(judge("The tuning data is mainly English.").class, Class::Open);
}

#[test]
fn end_data_a_mix_of_public_datasets_all_named_and_public_is_open_but_an_unnamed_public_mix_is_not() {
    let judge = |sentence: &str| end_data_of_section("Training Data", sentence);
    let v = judge("A model trained on a mix of publicly available, synthetic datasets.");
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    let v = judge("Widget was tuned on a new mix of publicly available online data.");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("a new mix of publicly available online data"), "{}", v.notes);
}

#[test]
fn end_data_gated_dataset_is_partial() {
    let api = dataset_api(&fx::hf_dataset(MIX, Some("cc-by-4.0"), Gated::Auto, &["README.md", "data/train.jsonl"], &[], Value::Null));
    let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, api, not_found(dataset_card_url(MIX)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("(gated)"), "{}", v.notes);
}

#[test]
fn end_data_failed_dataset_lookup_is_low_confidence() {
    let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, failed(dataset_api_url(MIX), "connection reset"), failed(dataset_card_url(MIX), "connection reset"));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("Could not be checked: acme/widget-chat-mix"), "{}", v.notes);
}

#[test]
fn end_data_none_declared_is_closed_no_evidence() {
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nWe fine-tuned on a curated mix of instruction and dialogue examples.\n");
    let w = apache_end_with_card(&body);
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
    assert!(v.notes.contains("only in prose"), "the prose section is mentioned: {}", v.notes);
    assert!(v.links.is_empty());
}

#[test]
fn end_data_card_saying_internal_dataset_is_not_open() {
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nWe used acme/widget-chat-mix together with an internal dataset of 20k support conversations.\n");
    let w = apache_end_with_card(&body)
        .dataset(MIX, DataRole::Unknown, END, public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX)));
    let v = w.judge(Criterion::EndData);
    assert_ne!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("internal dataset"), "{}", v.notes);
}

#[test]
fn base_data_reads_pretraining_sets_only() {
    let corpus = "acme/gizmo-pretrain-corpus";
    let w = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(BASE)))
        .dataset(corpus, DataRole::Pretraining, BASE, public_dataset(corpus, "odc-by"), not_found(dataset_card_url(corpus)))
        .dataset(LOGS, DataRole::FineTuning, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Open, "the missing tuning set is not pretraining data: {}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/datasets/{corpus}")]);
    assert!(!v.notes.contains(LOGS));
    let end = w.judge(Criterion::EndData);
    assert_eq!(end.class, Class::Partial, "named but not found: {}", end.notes);
    assert!(end.notes.contains(LOGS) && !end.notes.contains(corpus), "{}", end.notes);
}

#[test]
fn base_data_of_a_model_that_is_its_own_base_reads_its_own_card() {
    // No base declared, no tuning wording: the end card describes the pretraining data.
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nPretrained on 2T tokens from publicly available sources, filtered for quality.\n");
    let v = apache_end_with_card(&body).judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("\"Training Data\" section describes the data only in prose"), "{}", v.notes);
    assert!(v.notes.contains(&format!("looked at {}", model_card_url(END))), "{}", v.notes);
}

#[test]
fn base_data_whose_card_table_lists_sources_beyond_the_named_datasets_is_partial() {
    let card = |table: &str| fx::model_card("license: apache-2.0\n", &format!("# Gizmo-7B\n\n## Training Data\n\nGizmo was pretrained on 1T tokens.\n\n{table}\n## Evaluation\n\n| Dataset | Score |\n|---|---|\n| TriviaQA | 61.2 |\n"));
    let with_base_card = |corpus: &str, text: &str| {
        end_with_base()
            .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(BASE, text))
            .dataset(corpus, DataRole::Pretraining, BASE, public_dataset(corpus, "odc-by"), not_found(dataset_card_url(corpus)))
    };
    let corpus = "acme/gizmo-webtext";
    // One named, public dataset, but the data mix lists two further sources.
    let mix = "| **Data source** | Fraction | Tokens |\n|:--|--:|--:|\n| [Gizmo WebText](https://huggingface.co/datasets/acme/gizmo-webtext) | 80% | 800B |\n| Books | 15% | 150B |\n| Conversations | 5% | 50B |\n| Total | 100% | 1T |\n";
    let v = with_base_card(corpus, &card(mix)).judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("\"Training Data\" table also lists Books, Conversations"), "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Medium);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{corpus}")) && v.links.contains(&model_card_url(BASE)), "{:?}", v.links);
    // The same mix as an HTML table.
    let html = "<table><tr><th>Data source</th><th>Fraction</th></tr><tr><td><a href=\"https://huggingface.co/datasets/acme/gizmo-webtext\">Gizmo WebText</a></td><td>80%</td></tr><tr><td>Books</td><td>20%</td></tr></table>\n";
    let v = with_base_card(corpus, &card(html)).judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("table also lists Books, which"), "{}", v.notes);
    // Rows that are parts of the named dataset, and the evaluation table, leave it open.
    let parts = "| Subset | Share |\n|---|---|\n| WebText (English) | 90% |\n| webtext-fr | 10% |\n";
    assert_eq!(with_base_card(corpus, &card(parts)).judge(Criterion::BaseData).class, Class::Open);
    // So does a row that names the dataset by a shorter form of its name.
    let short = "| Source | Share |\n|---|---|\n| OASST | 100% |\n";
    assert_eq!(with_base_card("acme/oasst1", &card(short)).judge(Criterion::BaseData).class, Class::Open);
    // A table of the fine-tuning data says nothing about pretraining.
    let tuning = card(mix).replace("## Training Data", "## Fine-tuning Data");
    assert_eq!(with_base_card(corpus, &tuning).judge(Criterion::BaseData).class, Class::Open);
}

#[test]
fn datasheet_of_data_a_card_table_shows_to_be_part_of_the_mix_is_partial() {
    let corpus = "acme/gizmo-webtext";
    let full = datasheet_text(125);
    let with_mix = |table: &str| {
        let card = fx::model_card("license: apache-2.0\n", &format!("# Gizmo-7B\n\n## Training Data\n\nGizmo was pretrained on 1T tokens.\n\n{table}\n"));
        end_with_base()
            .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(BASE, &card))
            .dataset(corpus, DataRole::Pretraining, BASE, public_dataset(corpus, "odc-by"), dataset_card(corpus, &full))
            .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &full))
    };
    let mix = "| Data source | Fraction |\n|---|---|\n| Gizmo WebText | 80% |\n| Books | 15% |\n| Conversations | 5% |\n";
    let v = with_mix(mix).judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(&format!("the \"Training Data\" table of {} also lists Books, Conversations", model_card_url(BASE))), "{}", v.notes);
    // A table of parts of the named corpus leaves every source documented.
    let parts = "| Subset | Share |\n|---|---|\n| WebText (English) | 90% |\n| webtext-fr | 10% |\n";
    assert_eq!(with_mix(parts).judge(Criterion::Datasheet).class, Class::Open);
}

#[test]
fn base_data_without_a_base_card_says_the_end_card_names_none() {
    let w = end_with_base().model(BASE, ModelRole::Base, not_found(model_api_url(BASE)), not_found(model_card_url(BASE)));
    let v = w.judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains(&format!("no base model card to read; the end model's card {} names none", model_card_url(END))), "{}", v.notes);
}

// ---------------------------------------------------------------- docs: model card, datasheet

/// A full model card body with the standard sections and no front matter.
fn full_card_body() -> String {
    let p = |s: &[&str]| prose(s, 95);
    format!(
        "# Widget-7B-Chat\n\n## Model Details\n\n{}\n\n## Intended Use\n\n{}\n\n## Training Data\n\n{}\n\n## Training Procedure\n\n{}\n\n## Model Architecture\n\n{}\n\n## Evaluation\n\n{}\n\n## Limitations and Bias\n\n{}\n",
        p(&["Widget-7B-Chat is a 7B chat model developed by Acme.", "It answers questions and follows instructions in English."]),
        p(&["The model is intended for research on dialogue assistants and for building chat applications.", "It is not intended for medical or legal advice."]),
        p(&["The model was tuned on 300k English dialogues collected from volunteers.", "Each dialogue was reviewed by two annotators before use."]),
        p(&["Training ran for three epochs with a cosine learning rate schedule and a peak learning rate of 2e-5.", "We used a global batch size of 128 sequences."]),
        p(&["Widget uses a decoder-only transformer with 32 layers, 32 attention heads and a hidden size of 4096.", "Rotary position embeddings are used."]),
        p(&["We evaluate on standard question answering and reasoning benchmarks.", "Scores are reported with five-shot prompting."]),
        p(&["The model can produce incorrect or biased statements.", "Outputs should be checked by a person before use."]),
    )
}

#[test]
fn model_card_without_front_matter_is_judged_from_sections() {
    let text = full_card_body();
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &text);
    let card = w.ev.end_model().unwrap().card.value().unwrap();
    assert!(card.front_matter.is_none() && card.front_matter_error.is_none());
    let v = w.judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7"), "{}", v.notes);
    assert!(!v.notes.contains("metadata block is broken"));
    assert_eq!(v.links, vec![format!("https://huggingface.co/{END}")]);
}

#[test]
fn model_card_with_broken_front_matter_says_so() {
    let text = format!("---\nlicense: apache-2.0\ntags: [chat\n  - bad: : :\n---\n{}", full_card_body());
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &text);
    let v = w.judge(Criterion::ModelCard);
    assert!(v.notes.contains("metadata block is broken"), "{}", v.notes);
    assert!(v.notes.contains("YAML"), "{}", v.notes);
    // The sections are still read.
    assert_eq!(v.class, Class::Open, "{}", v.notes);
}

#[test]
fn model_card_covering_every_topic_briefly_is_partial_and_says_why() {
    let section = |title: &str| format!("## {title}\n\n{}\n\n", prose(&["This section says what it is about in some detail."], 60));
    let body: String = ["Model Details", "Intended Use", "Training Data", "Training Procedure", "Model Architecture", "Evaluation", "Limitations"].iter().map(|t| section(t)).collect();
    let v = apache_end_with_card(&format!("# Widget\n\n{body}")).judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7") && v.notes.contains("too short to be comprehensive"), "{}", v.notes);
}

#[test]
fn model_card_without_the_architecture_is_not_comprehensive() {
    let full = full_card_body();
    let start = full.find("## Model Architecture").unwrap();
    let end = full.find("## Evaluation").unwrap();
    let without = format!("{}{}", &full[..start], &full[end..]);
    let v = apache_end_with_card(&without).judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("missing: architecture") && v.notes.contains("Without the architecture it is not comprehensive"), "{}", v.notes);
    // Described in technical terms under another heading, it is covered.
    let details = "## Model Details\n\nWidget is a decoder-only transformer with 32 layers, 32 attention heads, a context length of 4096 tokens and 7B parameters.\n\n";
    let v = apache_end_with_card(&without.replacen("## Model Details\n\n", details, 1)).judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7"), "{}", v.notes);
}

#[test]
fn model_card_near_empty_is_closed() {
    let text = fx::model_card("license: apache-2.0\n", "# Model Card for widget-7b-chat\n\n<!-- Provide a quick summary of what the model is/does. -->\n\n## Model Details\n\nMore information needed.\n\n## Uses\n\n[More Information Needed]\n");
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &text);
    let v = w.judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.links.is_empty());
}

#[test]
fn model_card_on_details_and_use_only_is_closed() {
    // 300 words, but nothing on architecture, training, tuning or evaluation.
    let about = prose(&["Widget-7B-Chat is an instruction-following model released by Acme.", "It is licensed for commercial use."], 120);
    let usage = prose(&["Use it to draft emails and answer questions.", "Do not use it for medical advice."], 180);
    let body = format!("# Widget\n\n## Model Details\n\n{about}\n\n## Intended Uses\n\n{usage}\n");
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &body));
    let v = w.judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("covers 2 of 7 standard topics: model details, intended use"), "{}", v.notes);
    // One technical section makes it partial.
    let body = format!("{body}\n## Evaluation\n\n{}\n", prose(&["It scores 61 on the reasoning benchmark."], 40));
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &body));
    assert_eq!(w.judge(Criterion::ModelCard).class, Class::Partial);
}

#[test]
fn model_card_evaluation_results_in_the_metadata_count_as_evaluation() {
    let about = prose(&["Widget-7B-Chat is an instruction-following model released by Acme."], 120);
    let usage = prose(&["Use it to draft emails and answer questions."], 180);
    let body = format!("# Widget\n\n## Model Details\n\n{about}\n\n## Intended Uses\n\n{usage}\n");
    let judge = |front: &str| end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(front, &body)).judge(Criterion::ModelCard);
    let results = "model-index:\n- name: widget-7b-chat\n  results:\n  - task:\n      type: text-generation\n    dataset:\n      name: ARC\n      type: ai2_arc\n    metrics:\n    - type: acc_norm\n      value: 61.2\n";
    let v = judge(&format!("{}{results}", chat_front("apache-2.0")));
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("covers 3 of 7 standard topics: model details, intended use, evaluation") && v.notes.contains("`model-index`"), "{}", v.notes);
    // An index entry without results is no evaluation.
    let v = judge(&format!("{}model-index:\n- name: widget-7b-chat\n  results: []\n", chat_front("apache-2.0")));
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn model_card_training_data_heading_is_not_the_training_procedure() {
    let section = |title: &str| format!("## {title}\n\n{}\n\n", prose(&["This section says what it is about in some detail."], 120));
    let body: String = ["Model Information", "Intended Use", "Training Data", "Hardware and Software", "Benchmark scores", "Ethical Considerations and Limitations"].iter().map(|t| section(t)).collect();
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}")));
    let v = w.judge(Criterion::ModelCard);
    assert!(v.notes.contains("missing: training procedure"), "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "without the training procedure it is not comprehensive: {}", v.notes);
    // Nor is a "Training Details" heading whose only text is its "Training Data" subsection.
    let nested = body.replace("## Training Data", "## Training Details\n\n### Training Data");
    let v = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{nested}"))).judge(Criterion::ModelCard);
    assert!(v.notes.contains("missing: training procedure"), "{}", v.notes);
}

#[test]
fn model_card_fine_tuning_instructions_for_users_are_not_the_training_procedure() {
    let section = |heading: &str| format!("{heading}\n\n{}\n\n", prose(&["This section says what it is about in some detail."], 120));
    let body: String = ["## Model Information", "## Usage", "### Fine-tuning the model", "## Training Data", "## Hardware and Software", "## Evaluation", "## Limitations"].iter().map(|h| section(h)).collect();
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}")));
    let v = w.judge(Criterion::ModelCard);
    assert!(v.notes.contains("missing: training procedure"), "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    // The same heading outside a usage section describes how the model was tuned.
    let body = body.replace("### Fine-tuning the model", "## Fine-tuning");
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}")));
    assert_eq!(w.judge(Criterion::ModelCard).class, Class::Open);
}

#[test]
fn model_card_headings_in_chinese_are_read() {
    // A card written in Chinese only: its headings name the same topics.
    let section = |title: &str, text: &str| format!("## {title}\n\n{}\n\n", text.repeat(30));
    let body = [
        section("模型介绍", "Widget 是一个开源的对话语言模型。"),
        section("训练数据", "我们使用了公开的网页与书籍语料。"),
        section("训练细节", "学习率为二乘十的负五次方，训练三个轮次。"),
        section("模型结构", "模型采用三十二层的解码器结构。"),
        section("评测结果", "在常见基准上取得了较好的成绩。"),
        section("局限性", "模型可能生成不准确或有偏见的内容。"),
    ]
    .concat();
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}")));
    let v = w.judge(Criterion::ModelCard);
    assert!(v.notes.contains("covers 6 of 7 standard topics: model details, training data, training procedure, architecture, evaluation, limitations"), "{}", v.notes);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
}

#[test]
fn model_card_failed_fetch_is_closed_low() {
    let w = World::end().model(END, ModelRole::End, restricted(model_api_url(END)), failed(model_card_url(END), "timed out"));
    let v = w.judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Closed);
    assert_eq!(v.confidence, Confidence::Low);
}

fn datasheet_text(words_per_section: usize) -> String {
    let p = |s: &[&str]| prose(s, words_per_section);
    fx::model_card(
        "license: cc-by-4.0\ntask_categories:\n- text-generation\nlanguage:\n- en\nsize_categories:\n- 100K<n<1M\n",
        &format!(
            "# Dataset Card for widget-chat-mix\n\n## Dataset Summary\n\n{}\n\n## Curation Rationale\n\n{}\n\n## Source Data\n\n{}\n\n## Data Cleaning\n\n{}\n\n## Considerations for Using the Data\n\n{}\n\n## Licensing Information\n\n{}\n\n## Citation Information\n\n{}\n",
            p(&["The mix holds 300k English dialogues between users and an assistant.", "Each record has a list of turns with a role and a text field."]),
            p(&["The dataset was built to tune small chat models on helpful, harmless answers."]),
            p(&["Dialogues were written by volunteers on a public annotation platform between 2022 and 2023."]),
            p(&["Near-duplicate dialogues were removed with MinHash deduplication.", "Turns containing personal data were filtered out."]),
            p(&["The dialogues reflect the views of the volunteers and may contain biases."]),
            p(&["The dataset is released under CC BY 4.0."]),
            p(&["Please cite the Widget technical report when using this dataset."]),
        ),
    )
}

#[test]
fn datasheet_data_description_mix_and_loading_sections() {
    let corpus = "acme/web-corpus";
    let text = format!(
        "# Web corpus\n\n## Data Description\n\n{}\n\n## DataMix\n\n| Subset | Tokens |\n|---|---|\n| Web | 600 |\n\n## Loading the data\n\n{}\n",
        prose(&["The corpus holds tokenized chunks of filtered web text."], 120),
        prose(&["Download the chunks with the datasets library."], 80)
    );
    let w = open_end().dataset(corpus, DataRole::Pretraining, END, public_dataset(corpus, "apache-2.0"), dataset_card(corpus, &text));
    let v = w.judge(Criterion::Datasheet);
    assert!(v.notes.contains("composition, distribution"), "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
}

#[test]
fn datasheet_topics_of_dataset_cards() {
    let full = datasheet_text(125);
    let web = "acme/web-corpus";
    let w = end_with_base()
        .dataset(web, DataRole::Pretraining, END, public_dataset(web, "odc-by"), dataset_card(web, &full))
        .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &full));
    let v = w.judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7 datasheet topics"), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/datasets/{web}")]);

    // The same datasheet for the tuning data alone: the pretraining data has none.
    let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &full));
    let v = w.judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("no dataset of the pretraining data of the base model is named"), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/datasets/{MIX}")]);

    // A shorter card covering fewer topics is partial.
    let short = fx::model_card("license: cc-by-4.0\n", &format!("# Dataset Card for widget-chat-mix\n\n## Dataset Summary\n\n{}\n\n## Source Data\n\n{}\n", prose(&["The mix holds 300k English dialogues between users and an assistant."], 120), prose(&["Dialogues were written by volunteers on a public annotation platform."], 100)));
    let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &short));
    let v = w.judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("composition, collection"), "{}", v.notes);

    // A full datasheet for one named dataset, none for another: the training data is only
    // partly documented.
    let w = end_with_base()
        .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &full))
        .dataset(LOGS, DataRole::FineTuning, END, public_dataset(LOGS, "cc-by-4.0"), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7 datasheet topics") && v.notes.contains(&format!("no full datasheet: {LOGS} (no card)")), "{}", v.notes);

    // No dataset at all: closed.
    let v = open_end().judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
}

#[test]
fn a_linked_public_summary_of_the_training_content_is_an_osai_datasheet() {
    let summary = "https://acme.example/legal/widget-training-content-summary.pdf";
    let body = format!("{PLAIN_BODY}\n## Training data\n\nSee our [public summary of training content]({summary}) for the EU AI Act.\n");
    let w = apache_end_with_card(&body);
    let v = w.judge(Criterion::DataSummary);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert_eq!(v.links, vec![summary.to_string()]);
    assert!(v.notes.contains("No evidence found: no dataset is linked") && v.notes.contains("EU AI Act Art. 53(1)(d)"), "{}", v.notes);
    // The faccT24 datasheet asks for a datasheet, which a summary is not.
    assert_eq!(w.judge(Criterion::Datasheet).class, Class::Closed);
    // Without the summary, the osai datasheet is the datasheet.
    let v = open_end().judge(Criterion::DataSummary);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // A datasheet and a summary: the datasheet's class, both cited.
    let w = apache_end_with_card(&body).dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &datasheet_text(125)));
    let v = w.judge(Criterion::DataSummary);
    assert_eq!(v.class, w.judge(Criterion::Datasheet).class, "{}", v.notes);
    assert_ne!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.links.contains(&summary.to_string()) && v.links.contains(&format!("https://huggingface.co/datasets/{MIX}")), "{:?}", v.links);
}

// ---------------------------------------------------------------- docs: training code

#[test]
fn training_code_repo_named_after_model_with_train_and_data_prep_is_open() {
    let tree = ["README.md", "LICENSE", "setup.py", "train/pretrain.py", "train/sft.py", "data_prep/dedup.py", "data_prep/filter_quality.py", "configs/widget_7b.yaml", "widget/model.py"];
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &tree));
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.links.iter().any(|l| l == "https://github.com/acme/widget/blob/main/train/pretrain.py"), "{:?}", v.links);
    assert!(v.links.iter().any(|l| l.starts_with("https://github.com/acme/widget/blob/main/data_prep/")), "{:?}", v.links);
}

#[test]
fn training_code_without_data_prep_is_partial() {
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &["README.md", "finetune/lora.py", "widget/model.py"]));
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
}

#[test]
fn training_code_inference_only_is_closed() {
    let tree = ["README.md", "requirements.txt", "inference.py", "demo/app.py", "examples/chat_cli.py", "widget/model.py"];
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &tree));
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("Only inference or demo code"), "{}", v.notes);
    assert!(v.links.is_empty());
}

#[test]
fn training_code_generic_framework_not_about_the_model_is_not_counted() {
    let framework = github(
        "bigco/trainkit",
        Some("Apache-2.0"),
        "Fast distributed training for transformer language models",
        "# trainkit\n\nA library for pretraining and fine-tuning large language models on GPU clusters.\n\n## Install\n\npip install trainkit\n",
        &["README.md", "trainkit/train.py", "scripts/train.sh", "data_prep/dedup.py", "setup.py"],
        &model_card_url(END),
    );
    let w = open_end().repo(framework);
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("generic tools") && v.notes.contains("bigco/trainkit"), "{}", v.notes);
    // Nor does it count as the model's package or code licence.
    assert_eq!(w.judge(Criterion::Package).class, Class::Closed);
    assert_eq!(w.judge(Criterion::Licenses).class, Class::Closed, "weights only: {}", w.judge(Criterion::Licenses).notes);

    // A framework's long README that shows the model off in passing is still a framework's;
    // a recipes README that keeps coming back to it is about it.
    let shows_off = |filler_words: usize| {
        let readme = format!(
            "# trainkit

{}

## News

- trainkit trained Widget-7B.
- Widget-7B-Chat inference is 2x faster.
- A Widget tutorial is out.
",
            prose(&["A library for pretraining and fine-tuning large language models on GPU clusters."], filler_words)
        );
        let framework = github("bigco/trainkit", Some("Apache-2.0"), "Fast distributed training", &readme, &["README.md", "trainkit/train.py", "setup.py"], &model_card_url(END));
        open_end().repo(framework).judge(Criterion::TrainingCode).class
    };
    assert_eq!(shows_off(3000), Class::Closed);
    assert_eq!(shows_off(200), Class::Partial);
}

#[test]
fn training_code_the_card_says_the_model_was_trained_with_is_the_developers_own_codebase() {
    let with_card = |sentence: &str, repo: &str| {
        let body = format!("{PLAIN_BODY}\n## Training\n\n{sentence}\n");
        let r = github(repo, Some("Apache-2.0"), "Recipes for tuning language models", "# Recipes\n\nRun `finetune.py` with a config.\n", &["README.md", "finetune.py", "configs/sft.yaml", "setup.py"], &model_card_url(END));
        apache_end_with_card(&body).repo(r)
    };
    let w = with_card("The chat model was trained using the [lm-recipes](https://github.com/acme/lm-recipes) codebase.", "acme/lm-recipes");
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("the card says the model was trained with it: \"The chat model was trained using the [lm-recipes]"), "{}", v.notes);
    // A codebase the model was trained with is not its package.
    assert_eq!(w.judge(Criterion::Package).class, Class::Closed, "{}", w.judge(Criterion::Package).notes);
    // Another organisation's library it was tuned with is a generic tool.
    let v = with_card("We fine-tuned this model using the [trainkit library](https://github.com/bigco/trainkit).", "bigco/trainkit").judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // The developer's repository listed without saying it trained the model is not enough.
    let v = with_card("* **Library**: [lm-recipes](https://github.com/acme/lm-recipes)", "acme/lm-recipes").judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn training_code_configured_repo_counts_even_without_the_name() {
    // Named in the tracked model's config entry: about the model by declaration.
    let r = github("acme/lm-recipes", Some("Apache-2.0"), "", "# Recipes\n", &["README.md", "pretrain/run.py", "preprocess/tokenize.py"], "config");
    let v = open_end().repo(r).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
}

#[test]
fn training_code_for_a_self_trained_base_needs_pretraining_code_to_be_open() {
    // No base declared and nothing about tuning from another model: the developer
    // pretrained it, so tuning and data-curation code alone are only part of the code.
    let tree = ["README.md", "finetune/sft.py", "finetune/dpo.py", "data_prep/dedup.py", "widget/model.py", "benchmarks/pretrained_api_benchmark.py"];
    let v = open_end().repo(widget_repo(Some("Apache-2.0"), &tree)).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("no pretraining code was found") && v.notes.contains(END), "{}", v.notes);
    // A base from the same organisation is the developer's too.
    let w = end_with_base().model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), model_card(BASE, "# Gizmo\n"));
    let v = w.repo(widget_repo(Some("Apache-2.0"), &tree)).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(BASE), "{}", v.notes);
}

#[test]
fn training_code_for_a_base_from_another_organisation_needs_tuning_and_data_code() {
    let other = "otherlab/gizmo-7b";
    let fm = format!("{}base_model: {other}\n", chat_front("apache-2.0"));
    let w = World::end()
        .model(END, ModelRole::End, model_api(&fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0", "base_model": other}))), model_card(END, &fx::model_card(&fm, "# Widget\n\nGizmo-7B fine-tuned on conversations.\n")))
        .model(other, ModelRole::Base, model_api(&fx::hf_model(other, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), model_card(other, "# Gizmo\n"));
    let tree = ["README.md", "finetune/sft.py", "data_prep/dedup.py"];
    let v = w.repo(widget_repo(Some("Apache-2.0"), &tree)).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
}

#[test]
fn training_code_readme_on_pretraining_next_to_training_scripts_counts_as_pretraining_code() {
    let readme = "# Widget\n\nThis repository holds the code we used to pre-train Widget from scratch on 1T tokens.\n\n## Training\n\nRun `bash run.sh`.\n";
    let r = github("acme/widget", Some("Apache-2.0"), "Widget training", readme, &["README.md", "main.py", "run.sh", "finetune/sft.py", "data_prep/mix.py"], &model_card_url(END));
    let v = open_end().repo(r).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("Pretraining code: acme/widget/"), "{}", v.notes);
}

#[test]
fn training_code_in_a_truncated_file_list_is_low_confidence() {
    let mut r = widget_repo(Some("Apache-2.0"), &["README.md", "inference/chat.py"]);
    let v = open_end().repo(r.clone()).judge(Criterion::TrainingCode);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Medium), "{}", v.notes);
    if let Avail::Found(tree) = &mut r.tree {
        tree.value.truncated = true;
    }
    let v = open_end().repo(r).judge(Criterion::TrainingCode);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Low), "{}", v.notes);
    assert!(v.notes.contains("truncated the file list of acme/widget"), "{}", v.notes);
}

#[test]
fn training_code_test_runner_script_is_not_training_code() {
    // A README with a training section does not make `run_pytest.sh` a training script, and a
    // package marker in `training/` is not training code.
    let readme = "# Widget

## Training

See the paper.
";
    let r = github("acme/widget", Some("Apache-2.0"), "Widget training", readme, &["README.md", "run_pytest.sh", "test/test_model.py", "training/__init__.py"], &model_card_url(END));
    let v = open_end().repo(r).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("0 training"), "{}", v.notes);
}

// ---------------------------------------------------------------- papers

const ABOUT_WIDGET: &str = "We present Widget, a family of open language models. Widget base models are pretrained on 2 trillion tokens of a curated web corpus, and the chat models are obtained by instruction tuning and reinforcement learning from human feedback. We release the training data, code and weights.";

#[test]
fn preprint_about_the_model_covering_pretraining_tuning_and_data_is_open() {
    let w = open_end().paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("32 pages, 9 figures"), &model_api_url(END)));
    let v = w.judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.links, vec!["https://arxiv.org/abs/2401.01234".to_string()]);
    assert!(v.notes.contains("base model, tuning, data"), "{}", v.notes);
    // A page count is no peer review.
    assert_eq!(w.judge(Criterion::Paper).class, Class::Closed);
    // The rubric's parts are the base and the tuning: an abstract silent on data still covers them.
    let abstract_ = "We develop Widget, a collection of pretrained and fine-tuned models from 7 to 70 billion parameters, and describe our approach to fine-tuning with human feedback.";
    let v = open_end().paper(arxiv("2307.01234", "Widget: Open Chat Models", abstract_, None, &model_api_url(END))).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("covers: base model, tuning."), "{}", v.notes);
    // So does its peer-reviewed version.
    let w = open_end().paper(arxiv("2307.01234", "Widget: Open Chat Models", abstract_, Some("Accepted at NeurIPS 2023"), &model_api_url(END)));
    assert_eq!(w.judge(Criterion::Paper).class, Class::Open, "{}", w.judge(Criterion::Paper).notes);
    // The base alone is part of it.
    let v = open_end().paper(arxiv("2307.01234", "Widget: Open Models", "We pretrain Widget, a family of models from 7 to 70 billion parameters.", None, &model_api_url(END))).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
}

#[test]
fn preprint_on_tuning_is_all_of_a_system_tuned_from_another_developers_base() {
    const TUNING_ONLY: &str = "We fine-tune Widget on 70K user-shared conversations and evaluate the chat assistant with human judges.";
    // The card says it was fine-tuned from another model: the tuning is this system's part.
    let card = fx::model_card(&chat_front("apache-2.0"), "# Widget\n\nWidget is fine-tuned from LLaMA on user-shared conversations.\n");
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &card);
    let v = w.paper(arxiv("2306.01234", "Widget: a chat assistant", TUNING_ONLY, None, &model_api_url(END))).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("this system's own part is the tuning"), "{}", v.notes);
    // A model its developer pretrained needs the base and data covered too.
    let v = open_end().paper(arxiv("2306.01234", "Widget: a chat assistant", TUNING_ONLY, None, &model_api_url(END))).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
}

/// `otherlab/stable-gizmo-13b`, RLHF-tuned from `acme/gizmo-13b` (another organisation),
/// whose name repeats its base's.
fn derivative_of_another_developers_base() -> World {
    let (end, base) = ("otherlab/stable-gizmo-13b", "acme/gizmo-13b");
    let card = fx::model_card(&format!("license: cc-by-nc-sa-4.0\nbase_model: {base}\n"), "# StableGizmo\n\nStableGizmo is a Gizmo model fine-tuned with RLHF.\n");
    World::new(end, "StableGizmo 13B")
        .model(end, ModelRole::End, model_api(&fx::hf_model(end, Some("cc-by-nc-sa-4.0"), Gated::No, SHARDS, &[], json!({"base_model": base}))), model_card(end, &card))
        .model(base, ModelRole::Base, model_api(&fx::hf_model(base, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), model_card(base, "# Gizmo\n"))
}

#[test]
fn a_name_shared_with_a_base_from_another_developer_does_not_make_its_paper_or_code_this_systems() {
    let about_base = arxiv("2306.05685", "Gizmo: an open chatbot", "We fine-tune Gizmo on user-shared conversations with supervised instruction tuning.", None, &model_card_url("otherlab/stable-gizmo-13b"));
    let v = derivative_of_another_developers_base().paper(about_base).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("about the base model only"), "{}", v.notes);
    // The base developer's training code, which names only the base, is not this system's code.
    let base_code = github("acme/gizmo-chat", Some("Apache-2.0"), "Train and serve Gizmo chat models", "# Gizmo\n\nTrain Gizmo: `python train.py`. Gizmo data: `python data_prep/clean.py`. Gizmo weights on the Hub.\n", &["README.md", "train.py", "data_prep/clean.py"], &model_card_url("otherlab/stable-gizmo-13b"));
    let v = derivative_of_another_developers_base().repo(base_code).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn preprint_about_the_base_model_only_is_partial() {
    let w = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(BASE)))
        .paper(arxiv(
            "2312.04321",
            "Gizmo: Efficient Foundation Language Models",
            "We introduce Gizmo, a 7B foundation model pretrained on 1.5 trillion tokens of public text, and describe its training corpus, instruction tuning and evaluation.",
            None,
            &model_api_url(BASE),
        ));
    let v = w.judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("about the base model only"), "{}", v.notes);
}

#[test]
fn paper_accepted_at_a_venue_is_not_closed() {
    let w = open_end().paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("Accepted at NeurIPS 2023"), &model_api_url(END)));
    let v = w.judge(Criterion::Paper);
    assert_ne!(v.class, Class::Closed, "{}", v.notes);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.evidence.iter().any(|e| e.snippet.contains("Accepted at NeurIPS 2023")), "{:?}", v.evidence);
}

#[test]
fn paper_submitted_to_a_venue_is_closed() {
    let w = open_end().paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("Submitted to ICLR 2024"), &model_api_url(END)));
    let v = w.judge(Criterion::Paper);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // The preprint itself still counts.
    assert_eq!(w.judge(Criterion::Preprint).class, Class::Open);
}

/// The end card with a citation section holding `bibtex`.
fn end_card_citing(bibtex: &str) -> World {
    apache_end_with_card(&format!("{PLAIN_BODY}\n## Citation\n\n```bibtex\n{bibtex}\n```\n"))
}

#[test]
fn paper_cited_at_a_conference_by_the_card_is_peer_reviewed() {
    // arXiv's metadata says nothing of the venue; the card's BibTeX says ACL.
    let bib = "@inproceedings{widget2024,\n  title = {Widget: Open Pretrained and Chat Language Models},\n  booktitle = {Proceedings of the 62nd Annual Meeting of the Association for Computational Linguistics},\n  year = {2024}\n}";
    let paper = || arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("32 pages"), &model_card_url(END));
    let v = end_card_citing(bib).paper(paper()).judge(Criterion::Paper);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("@inproceedings") && v.notes.contains("Association for Computational Linguistics"), "{}", v.notes);
    assert_eq!(v.links, vec![model_card_url(END)]);
    assert!(v.evidence[0].snippet.contains("booktitle"), "{:?}", v.evidence);
    // The same paper cited as an arXiv preprint, or as a bare @misc, is no peer review.
    for not_reviewed in [
        "@article{widget2024, title={Widget: Open Pretrained and Chat Language Models}, journal={arXiv preprint arXiv:2401.01234}}",
        "@misc{widget2024, title={Widget: Open Pretrained and Chat Language Models}, howpublished={ACL 2024}}",
    ] {
        let v = end_card_citing(not_reviewed).paper(paper()).judge(Criterion::Paper);
        assert_eq!(v.class, Class::Closed, "{not_reviewed}: {}", v.notes);
    }
}

#[test]
fn a_linked_venue_counts_only_when_the_sentence_presents_it_as_the_models_own_work() {
    let link = |url: &str, lead_in: &str| crate::evidence::VenueLink { url: url.into(), from: model_card_url(END), lead_in: Some(lead_in.into()) };
    let mut w = open_end();
    // A benchmark the card evaluates on is no paper about the model.
    w.ev.venue_links.push(link("https://aclanthology.org/2022.acl-long.229/", "We evaluate Widget-7B-Chat's truthfulness on [TruthfulQA](https://aclanthology.org/"));
    let v = w.judge(Criterion::Paper);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // The sentence that introduces the model's paper.
    w.ev.venue_links.push(link("https://openreview.net/forum?id=abc123", "The training recipe is described in our [paper](https://openreview.net/forum?id="));
    let v = w.judge(Criterion::Paper);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://openreview.net/forum?id=abc123".to_string()]);
    assert!(v.notes.contains(&format!("linked from https://huggingface.co/{END} (\"The training recipe is described in our paper\")")), "{}", v.notes);
    // A link whose text names the model.
    let mut w = open_end();
    w.ev.venue_links.push(link("https://aclanthology.org/2024.acl-long.7/", "See [Widget-7B-Chat at ACL](https://aclanthology.org/"));
    assert_eq!(w.judge(Criterion::Paper).class, Class::Partial);
    // A link whose sentence could not be read (a web page's links) still counts.
    let mut w = open_end();
    w.ev.venue_links.push(crate::evidence::VenueLink { lead_in: None, ..link("https://aclanthology.org/2024.acl-long.1/", "") });
    assert_eq!(w.judge(Criterion::Paper).class, Class::Partial);
}

#[test]
fn a_cited_conference_paper_about_other_work_is_not_this_models_paper() {
    // The card cites a method it used, published at a conference; its paper is a preprint.
    let bib = "@inproceedings{lora, title={LoRA: Low-Rank Adaptation of Large Language Models}, booktitle={International Conference on Learning Representations}, eprint={2106.09685}}";
    let v = end_card_citing(bib).paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, None, &model_card_url(END))).judge(Criterion::Paper);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // A conference paper the card cites that names the model, with no arXiv version found, is partial.
    let bib = "@inproceedings{w, title={Widget-Chat: Aligning an Open Assistant}, booktitle={Findings of EMNLP 2024}}";
    let v = end_card_citing(bib).judge(Criterion::Paper);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("needs a reviewer's reading"), "{}", v.notes);
}

#[test]
fn preprint_on_another_generation_of_the_family_is_not_about_the_model() {
    let id = "acme/widget1.5-7b-chat";
    let versioned = |paper: PaperEv| {
        World::new(id, "Widget1.5 7B Chat")
            .model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(id, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)))
            .paper(paper)
    };
    let later = versioned(arxiv("2412.01234", "Widget2.5 Technical Report", ABOUT_WIDGET, None, &model_card_url(id))).judge(Criterion::Preprint);
    assert_eq!(later.class, Class::Closed, "{}", later.notes);
    // The family's report without a version, or with this generation's, is about it.
    let own = versioned(arxiv("2309.01234", "Widget Technical Report", ABOUT_WIDGET, None, &model_card_url(id))).judge(Criterion::Preprint);
    assert_eq!(own.class, Class::Open, "{}", own.notes);
    let point = versioned(arxiv("2402.01234", "Widget 1.5: Better Chat Models", ABOUT_WIDGET, None, &model_card_url(id))).judge(Criterion::Preprint);
    assert_eq!(point.class, Class::Open, "{}", point.notes);
    // Nor is a repository named for a later generation this model's code.
    let repo = github("acme/Widget3", Some("Apache-2.0"), "Widget3 chat models", "# Widget3\n\nTrain Widget3 with `finetune.py`.\n", &["README.md", "finetune.py"], &model_card_url(id));
    let w = versioned(arxiv("2309.01234", "Widget Technical Report", ABOUT_WIDGET, None, &model_card_url(id))).repo(repo);
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("another model's code") && v.notes.contains("acme/Widget3"), "{}", v.notes);
}

#[test]
fn preprint_the_model_tags_outranks_other_papers_that_mention_it() {
    let own = arxiv("2405.01234", "Widget: Open Weights Chat Models", "We release Widget, instruction fine-tuned chat models.", None, &model_api_url(END));
    let dataset_paper = arxiv("2402.01234", "The Widget Mix: A Dataset", ABOUT_WIDGET, Some("Accepted at ACL 2024"), &dataset_card_url(MIX));
    let w = open_end().paper(own).paper(dataset_paper);
    let v = w.judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://arxiv.org/abs/2405.01234".to_string()]);
    // Nor is the dataset paper's acceptance this model's peer-reviewed paper.
    assert_eq!(w.judge(Criterion::Paper).class, Class::Closed, "{}", w.judge(Criterion::Paper).notes);
    // A paper titled with the model's own generation is its own too, wherever it is linked.
    let versioned = |paper: PaperEv| {
        let id = "acme/widget2.5-7b-chat";
        World::new(id, "Widget2.5 7B Chat")
            .model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(id, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)))
            .paper(arxiv("2407.01234", "Widget2 Technical Report", "We release Widget2, instruction fine-tuned chat models.", None, &model_api_url(id)))
            .paper(paper)
    };
    let report = arxiv("2412.01234", "Widget2.5 Technical Report", ABOUT_WIDGET, None, &dataset_card_url(MIX));
    assert_eq!(versioned(report).judge(Criterion::Preprint).class, Class::Open);
    // Without a paper of its own, a paper that names the model is still read.
    let dataset_paper = arxiv("2402.01234", "The Widget Mix: A Dataset", ABOUT_WIDGET, None, &dataset_card_url(MIX));
    assert_eq!(open_end().paper(dataset_paper).judge(Criterion::Preprint).class, Class::Open);
}

#[test]
fn preprint_named_like_both_the_model_and_its_base_is_about_the_model() {
    // "WidgetLM2 Chat" splits into "Widget" and "LM2"; "widget" is only a fragment of the word
    // the model shares with its base, so it does not tell them apart.
    let (id, base) = ("acme/widgetlm2-chat-7b", "acme/widgetlm2-7b");
    let w = World::new(id, "WidgetLM2 Chat 7B")
        .model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"base_model": base}))), model_card(id, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)))
        .model(base, ModelRole::Base, model_api(&fx::hf_model(base, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), not_found(model_card_url(base)))
        .paper(arxiv("2403.01234", "WidgetLM2 Technical Report", "We present WidgetLM2, pretrained on 2T tokens and fine-tuned for chat.", None, &model_api_url(id)));
    let v = w.judge(Criterion::Preprint);
    assert!(v.notes.contains("is about this model"), "{}", v.notes);
}

#[test]
fn preprint_not_about_the_model_is_closed() {
    let w = open_end().paper(arxiv(
        "2305.09876",
        "Scaling Laws for Sparse Retrieval",
        "We study how retrieval quality scales with index size and model parameters, pretraining on 300 billion tokens of web text.",
        Some("Accepted at ICML 2023"),
        &model_card_url(END),
    ));
    let v = w.judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("not about this model") && v.notes.contains("2305.09876"), "{}", v.notes);
    // Its acceptance note is not a paper about this model either, and the notes say so.
    let v = w.judge(Criterion::Paper);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("the linked arXiv paper is not about this model"), "{}", v.notes);
}

// ---------------------------------------------------------------- access

#[test]
fn package_whose_project_urls_point_at_the_model_repo_is_open() {
    let proj = fx::pypi_project("acme-serve", "0.4.2", "Serving and fine-tuning utilities", "", &[("Source", "https://github.com/acme/widget"), ("Documentation", "https://acme.example/docs")]);
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &["README.md", "pyproject.toml", "widget/model.py"])).package(pypi(&proj, "https://api.github.com/repos/acme/widget/readme"));
    let v = w.judge(Criterion::Package);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("point at this model's repository"), "{}", v.notes);
    assert_eq!(v.links, vec!["https://pypi.org/project/acme-serve/".to_string()]);
}

#[test]
fn package_pointing_elsewhere_is_not_the_models() {
    let proj = fx::pypi_project("acme-serve", "0.4.2", "Serving utilities", "https://github.com/acme/other-thing", &[]);
    let w = open_end().package(pypi(&proj, &model_card_url(END)));
    let v = w.judge(Criterion::Package);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("acme-serve"), "{}", v.notes);
}

#[test]
fn package_named_after_the_model_is_open_but_one_named_after_the_organisation_is_not() {
    let named = fx::pypi_project("widget-serve", "1.0.0", "Serve Widget models", "https://github.com/acme/serving", &[]);
    let v = open_end().package(pypi(&named, &model_card_url(END))).judge(Criterion::Package);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("named after the model"), "{}", v.notes);
    // Named after the model but released by someone else: a third party's wrapper.
    let wrapper = fx::pypi_project("local-widget", "0.2.0", "A lightweight wrapper to run Widget", "https://github.com/elsewhere/local-widget", &[]);
    let v = open_end().package(pypi(&wrapper, &model_card_url(END))).judge(Criterion::Package);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // A model named after its organisation: the organisation's general library is not its package.
    let id = "acme/Acme-Widget-7B-Chat";
    let vendor = fx::pypi_project("acme-inference", "1.0.0", "Run acme models", "https://github.com/elsewhere/x", &[]);
    let w = World::new(id, "Acme Widget 7B Chat").model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), model_card(id, "# Acme Widget 7B Chat\n"));
    let v = w.package(pypi(&vendor, &model_card_url(id))).judge(Criterion::Package);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("acme-inference"), "the package looked at is named: {}", v.notes);
}

#[test]
fn package_repo_with_setup_py_but_no_pypi_is_partial() {
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &["README.md", "setup.py", "widget/__init__.py", "widget/model.py"]));
    let v = w.judge(Criterion::Package);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/acme/widget".to_string()]);
}

#[test]
fn package_nothing_is_closed() {
    let v = open_end().judge(Criterion::Package);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
}

// ---------------------------------------------------------------- every criterion

const ALL: &[Criterion] = &[
    Criterion::TrainingCode,
    Criterion::BaseData,
    Criterion::EndData,
    Criterion::BaseWeights,
    Criterion::EndWeights,
    Criterion::License,
    Criterion::Licenses,
    Criterion::CodeDocs,
    Criterion::Architecture,
    Criterion::Preprint,
    Criterion::Paper,
    Criterion::ModelCard,
    Criterion::Datasheet,
    Criterion::Package,
    Criterion::Api,
];

/// Every criterion on a range of bundles (empty, unreachable, rich): no panic,
/// and every open or partial verdict names evidence (checked in `World::judge`).
#[test]
fn every_criterion_cites_evidence_when_not_closed() {
    let mut empty = World::end();
    empty.ev.end_model_id = None;
    let unreachable = World::end()
        .model(END, ModelRole::End, failed(model_api_url(END), "dns error"), failed(model_card_url(END), "dns error"))
        .dataset(MIX, DataRole::Unknown, END, failed(dataset_api_url(MIX), "dns error"), Avail::NotChecked)
        .paper(PaperEv { id: "2401.01234".into(), linked_from: "config".into(), entry: failed("http://export.arxiv.org/api/query?id_list=2401.01234".into(), "HTTP 503") });
    let rich = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::Manual, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(BASE, &full_card_body()))
        .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &datasheet_text(40)))
        .repo(widget_repo(Some("Apache-2.0"), &["README.md", "setup.py", "train/pretrain.py", "data_prep/dedup.py", "docs/index.md", "docs/training.md", "docs/data.md"]))
        .paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("Accepted at NeurIPS 2023"), &model_api_url(END)));
    let mut classes = Vec::new();
    for w in [&empty, &unreachable, &rich] {
        for c in ALL {
            let v = w.judge(*c);
            classes.push(v.class);
        }
    }
    // The empty and unreachable bundles are closed throughout.
    assert!(classes[..2 * ALL.len()].iter().all(|c| *c == Class::Closed), "{classes:?}");
    // The rich bundle is not.
    assert!(classes[2 * ALL.len()..].contains(&Class::Open));
}

#[test]
fn conservative_downgrades_a_linkless_partial() {
    let v = Verdict::new(Class::Partial, Confidence::High, "x", "Something was seen.").conservative();
    assert_eq!(v.class, Class::Closed);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("No evidence link"));
    let v = Verdict::new(Class::Open, Confidence::High, "x", "Seen.").cite("https://huggingface.co/acme/widget-7b-chat", "weights", None).conservative();
    assert_eq!(v.class, Class::Open);
}


// ---------------------------------------------------------------- docs: code docs, architecture

/// A README with install/usage and training sections, of at least `words` words.
fn readme(words: usize) -> String {
    let per = words / 3 + 1;
    format!(
        "# Widget\n\nTraining and inference code for Widget models.\n\n## Installation\n\n{}\n\n```bash\npip install -e .\n```\n\n## Usage\n\n{}\n\n## Training\n\n{}\n",
        prose(&["Clone the repository and install the package in a fresh Python 3.10 environment.", "A CUDA 12 toolkit is needed for the fused kernels."], per),
        prose(&["Load a checkpoint with the provided loader and call generate with a prompt.", "Sampling parameters are read from generation_config.json."], per),
        prose(&["Pretraining is launched with train/pretrain.py and a YAML config.", "Data is tokenized beforehand with data_prep/tokenize.py."], per),
    )
}

fn widget_repo_with_readme(text: &str, tree: &[&str]) -> RepoEv {
    github("acme/widget", Some("Apache-2.0"), "Code for the Widget family of language models", text, tree, &model_card_url(END))
}

#[test]
fn code_docs_by_readme_depth_and_doc_files() {
    let tree = ["README.md", "train/pretrain.py", "data_prep/tokenize.py", "docs/index.md", "docs/training.md", "docs/data.md", "docs/faq.md"];
    let v = open_end().repo(widget_repo_with_readme(&readme(1600), &tree)).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/acme/widget".to_string()]);

    let v = open_end().repo(widget_repo_with_readme(&readme(400), &tree[..3])).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);

    let v = open_end().repo(widget_repo_with_readme("# Widget\n\nCode for Widget.\n", &tree[..3])).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);

    // A well-written README without any code is no code documentation.
    let v = open_end().repo(widget_repo_with_readme(&readme(1600), &["README.md", "docs/index.md"])).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
}

#[test]
fn a_linked_folder_of_a_framework_repository_holds_and_documents_the_models_code() {
    // A recipes repository for many models: its README never names this one.
    let framework = || {
        github(
            "labs/recipes",
            Some("Apache-2.0"),
            "Recipes for aligning language models",
            "# Recipes\n\nScripts and configs to fine-tune language models.\n\n## Installation\n\npip install -e .\n",
            &["README.md", "scripts/run_sft.py", "recipes/widget-7b-chat/README.md", "recipes/widget-7b-chat/sft.yaml"],
            &model_card_url(END),
        )
    };
    let v = open_end().repo(framework()).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Closed, "a generic framework is not this model's code: {}", v.notes);
    // The card links the folder that holds this model's recipe; its README documents it.
    let recipe = format!("# Widget 7B Chat recipe\n\nHow Widget-7B-Chat was trained.\n\n## Training\n\n{}", prose(&["Run scripts/run_sft.py with recipes/widget-7b-chat/sft.yaml on eight GPUs.", "The learning rate is 2e-5 with a cosine schedule and a batch size of 128."], 320));
    let w = open_end().repo(framework()).folder("labs/recipes", "recipes/widget-7b-chat", Some(&recipe));
    let v = w.judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/labs/recipes/blob/main/recipes/widget-7b-chat/README.md".to_string()]);
    assert!(v.notes.contains("folder recipes/widget-7b-chat: README of") && v.notes.contains("README of 15 words"), "{}", v.notes);
    assert_ne!(w.judge(Criterion::TrainingCode).class, Class::Closed);
    // Its training section describes the training setup.
    let v = w.judge(Criterion::Architecture);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("the README of labs/recipes, folder recipes/widget-7b-chat, section \"Training\""), "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/labs/recipes/blob/main/recipes/widget-7b-chat/README.md".to_string()]);
    // A linked folder with no README, named after something else, changes nothing.
    let v = open_end().repo(framework()).folder("labs/recipes", "recipes/other-model", None).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // Nor does a framework's folder of modelling code named after the model but without a
    // README: the framework's own training scripts are not this model's training code.
    let w = open_end().repo(framework()).folder("labs/recipes", "src/models/widget", None);
    assert_eq!(w.judge(Criterion::TrainingCode).class, Class::Closed);
}

#[test]
fn architecture_from_card_section_is_partial_at_most() {
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &full_card_body());
    let v = w.judge(Criterion::Architecture);
    assert_eq!(v.class, Class::Partial, "a reviewer has to read it: {}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.evidence[0].snippet.contains("Model Architecture"), "{:?}", v.evidence);

    let v = open_end().judge(Criterion::Architecture);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn architecture_from_a_training_section_or_a_labelled_line() {
    let judge = |body: &str| {
        let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), body));
        w.judge(Criterion::Architecture)
    };
    let v = judge("# Widget\n\n## Training\n\nTrained on 3,072 GPUs with the AdamW optimizer, learning rate 3e-4 and batch size 4M tokens.\n");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.evidence[0].snippet.contains("card section \"Training\""), "{:?}", v.evidence);
    assert!(
        v.notes.contains(&format!("the card of {END}, section \"Training\" (mentions gpus, optimizer, learning rate, batch size, tokens)")),
        "the notes say where and which details: {}",
        v.notes
    );
    let v = judge("# Widget\n\n**Model Architecture:** Widget is an auto-regressive language model that uses an optimized transformer architecture.\n\n## Use\n\nChat with it.\n");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.evidence[0].snippet.contains("optimized transformer"), "{:?}", v.evidence);
    // A section titled for the architecture needs only one technical term.
    let v = judge("# Widget\n\n## Model Architecture\n\nA 10B dense transformer combined with a residual MoE MLP, 480B parameters in total.\n");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(judge("# Widget\n\n## Model Architecture\n\nSee our blog.\n").class, Class::Closed);
    // A training section with no technical detail, or a label with nothing technical, is not enough.
    assert_eq!(judge("# Widget\n\n## Training\n\nWe trained it with care.\n\nArchitecture: see our blog for more.\n").class, Class::Closed);
}

#[test]
fn architecture_from_a_preprint_that_reports_the_pretraining() {
    let judge = |summary: &str| open_end().paper(arxiv("2401.01234", "Widget Technical Report", summary, None, &model_api_url(END))).judge(Criterion::Architecture);
    let v = judge("We present Widget, pretrained from scratch on 2 trillion tokens and aligned for chat.");
    assert_eq!((v.class, v.confidence), (Class::Partial, Confidence::Low), "{}", v.notes);
    assert!(v.notes.contains("arXiv 2401.01234 \"Widget Technical Report\", which reports the model's pretraining"), "{}", v.notes);
    assert_eq!(v.links, vec!["https://arxiv.org/abs/2401.01234"]);
    // Two words of the training setup describe it too.
    let v = judge("We study scaling with model wind tunnel experiments and a new learning rate scheduler, and release Widget with 2.4B parameters.");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("(mentions learning rate, parameters)"), "{}", v.notes);
    // A paper about the tuning alone says nothing of the architecture.
    assert_eq!(judge("We fine-tune Widget on 70K user-shared conversations and evaluate the chat assistant with human judges.").class, Class::Closed);
}

// ---------------------------------------------------------------- access: API

fn vendor_page(url: &str, html: &str) -> PageEv {
    use openness_sources::html::Page;
    let page = Page::parse(html, url, Some("text/html; charset=utf-8"));
    PageEv { url: url.into(), linked_from: "config".into(), landed_at: None, page: Avail::Found(Doc { url: url.into(), digest: Some(openness_snapshots::Digest::of(html.as_bytes())), value: page }) }
}

#[test]
fn api_section_of_a_readme_is_the_one_about_the_api() {
    let text = "# Widget\n\n## Rapid setup\n\nInstall the requirements and run the demo.\n\n## Gizmo-4 model and API\n\nOur newer Gizmo-4 is served at gizmo.example.\n\n## API Deployment\n\nRun `python api.py` to serve Widget over HTTP with FastAPI.\n";
    let v = open_end().repo(widget_repo_with_readme(text, &["README.md", "api.py"])).judge(Criterion::Api);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("\"API Deployment\""), "{}", v.notes);
    assert!(v.links[0].ends_with("#api-deployment"), "{:?}", v.links);
}

#[test]
fn api_from_vendor_page_or_hosted_inference() {
    let url = "https://acme.example/platform";
    let mut w = open_end();
    let p = vendor_page(url, "<html><head><title>Acme Platform</title></head><body><h1>Widget on Acme Platform</h1><p>Create an API key and call the REST API endpoint <code>/v1/chat</code>. See pricing.</p></body></html>");
    w.ev.pages.insert(url.into(), p);
    let v = w.judge(Criterion::Api);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec![url.to_string()]);

    // No vendor page: the public, ungated repository can be served by the Hub.
    let v = open_end().judge(Criterion::Api);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("text-generation"), "{}", v.notes);

    // Gated weights: the same service, restricted to those who accepted the terms.
    let gated = end_model(Some("apache-2.0"), Gated::Manual, SHARDS, json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    let v = gated.judge(Criterion::Api);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("gated repository"), "{}", v.notes);
    // No weights to serve and no vendor page: no API.
    let empty = end_model(Some("apache-2.0"), Gated::No, &["README.md", "config.json"], json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    assert_eq!(empty.judge(Criterion::Api).class, Class::Closed);
}
