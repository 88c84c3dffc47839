//! Rule tests: small evidence bundles shaped like real API answers (parsed through
//! the `openness-sources` parsers from bodies built by `openness-testkit`'s
//! fixtures), judged through `rules::judge` so that `conservative()` applies.
//! Every name is invented.
//!
//! The tests live in one submodule per rule family; this module holds the builders and
//! fixtures they share.

mod access;
mod architecture;
mod cards;
mod code;
mod data;
mod license;
mod papers;
mod shared;
mod weights;

use super::{judge, Context, Criterion};
use crate::evidence::*;
use crate::verdict::{Class, Confidence, Verdict};
use openness_testkit::fixtures::{self as fx, Gated};
use serde_json::{json, Value};

// The tests name these as `super::context` and `super::end_license_label`.
use super::{context, end_license_label};

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
    licensed_end_with_card("apache-2.0", body)
}

/// An ungated end model under `licence` (tag and card metadata) with a card of `body`.
fn licensed_end_with_card(licence: &str, body: &str) -> World {
    end_model(Some(licence), Gated::No, SHARDS, json!({ "license": licence }), &fx::model_card(&chat_front(licence), body))
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

/// The developer's SFT step between the end model and [`ANVIL`].
const SFT_STEP: &str = "acme/widget-7b-sft";
/// A base pretrained by another organisation.
const ANVIL: &str = "forge/anvil-7b";

/// END <- [`SFT_STEP`] (same organisation) <- [`ANVIL`] (pretrained elsewhere), all apache.
fn end_with_sft_step_of_another_base() -> World {
    let tuned = |id: &str, base: &str| model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0", "base_model": base})));
    World::end()
        .model(END, ModelRole::End, tuned(END, SFT_STEP), model_card(END, "# Widget\n\nTuned from our SFT model.\n"))
        .model(SFT_STEP, ModelRole::Base, tuned(SFT_STEP, ANVIL), not_found(model_card_url(SFT_STEP)))
        .model(ANVIL, ModelRole::Base, model_api(&fx::hf_model(ANVIL, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(ANVIL)))
}

const MIX: &str = "acme/widget-chat-mix";
const LOGS: &str = "acme/widget-support-logs";

fn public_dataset(id: &str, license: &str) -> Avail<openness_sources::hf::HfRepo> {
    dataset_api(&fx::hf_dataset(id, Some(license), Gated::No, &[".gitattributes", "README.md", "data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet"], &["task_categories:text-generation", "language:en"], Value::Null))
}

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

const ABOUT_WIDGET: &str = "We present Widget, a family of open language models. Widget base models are pretrained on 2 trillion tokens of a curated web corpus, and the chat models are obtained by instruction tuning and reinforcement learning from human feedback. We release the training data, code and weights.";

fn widget_repo_with_readme(text: &str, tree: &[&str]) -> RepoEv {
    github("acme/widget", Some("Apache-2.0"), "Code for the Widget family of language models", text, tree, &model_card_url(END))
}

fn vendor_page(url: &str, html: &str) -> PageEv {
    use openness_sources::html::Page;
    let page = Page::parse(html, url, Some("text/html; charset=utf-8"));
    PageEv { url: url.into(), linked_from: "config".into(), landed_at: None, page: Avail::Found(Doc { url: url.into(), digest: Some(openness_snapshots::Digest::of(html.as_bytes())), value: page }) }
}
