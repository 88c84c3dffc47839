//! End-to-end tests: the real `openness` binary crawls an in-process fake of the
//! services (`openness_testkit::FakeWeb`, mirror layout) and writes its outputs to
//! a temporary folder. Everything talks to 127.0.0.1 only; every run is bounded
//! by a timeout.

mod common;
use common::{files_under, Project, Run};
use openness_testkit::{fixtures, Behaviour, FakeWeb, Gated, LoggedRequest, Reply};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

/// The 14 parameters of the faccT24 layout.
const FACCT24_KEYS: [&str; 14] = [
    "opencode", "llmdata", "llmweights", "rldata", "rlweights", "license", "code", "architecture", "preprint", "paper",
    "modelcard", "datasheet", "package", "api",
];

// ---------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------

impl Project {
    /// Runs `openness crawl <extra_args>` on this project with a clean environment plus `env`.
    fn crawl(&self, extra_args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut args = vec!["crawl"];
        args.extend_from_slice(extra_args);
        self.run_with_env(&args, env)
    }

    fn yaml_text(&self, id: &str) -> String {
        std::fs::read_to_string(self.out().join(format!("{id}.yaml"))).unwrap_or_else(|e| panic!("{id}.yaml: {e}"))
    }
    fn yaml(&self, id: &str) -> serde_yaml_ng::Value {
        let text = self.yaml_text(id);
        serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{id}.yaml does not parse: {e}\n{text}"))
    }
    fn json(&self, id: &str) -> Value {
        let text = std::fs::read_to_string(self.out().join(format!("{id}.json"))).unwrap_or_else(|e| panic!("{id}.json: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{id}.json does not parse: {e}"))
    }
    fn summary(&self) -> Value {
        let text = std::fs::read_to_string(self.out().join("summary.json")).expect("out/summary.json");
        serde_json::from_str(&text).expect("summary.json parses")
    }
}

fn ok(run: &Run) {
    assert_eq!(run.code, 0, "exit status {}\nstdout:\n{}\nstderr:\n{}", run.code, run.stdout, run.stderr);
}

/// `[[model]]` table.
fn model(id: &str, name: &str, hf: &str) -> String {
    format!("[[model]]\nid = \"{id}\"\nname = \"{name}\"\nhf = \"{hf}\"\n")
}

/// The public URL a logged request was for (query included).
fn public_url(r: &LoggedRequest) -> String {
    match &r.query {
        Some(q) => format!("https://{}{}?{q}", r.host, r.path),
        None => format!("https://{}{}", r.host, r.path),
    }
}

fn requests_to(web: &FakeWeb, host: &str, path: &str) -> Vec<LoggedRequest> {
    web.requests().into_iter().filter(|r| r.host == host && r.path == path).collect()
}

fn requests_to_host(web: &FakeWeb, host: &str) -> Vec<LoggedRequest> {
    web.requests().into_iter().filter(|r| r.host == host).collect()
}

fn class_of(y: &serde_yaml_ng::Value, key: &str) -> String {
    y[key]["class"].as_str().unwrap_or("").to_string()
}

fn notes_of(y: &serde_yaml_ng::Value, key: &str) -> String {
    y[key]["notes"].as_str().unwrap_or("").to_string()
}

/// Whether the `rlweights` verdict read the end model's weight files: the model itself was
/// fetched and judged (its class also depends on whether its card describes an RL step).
fn end_weights_read(y: &serde_yaml_ng::Value) -> bool {
    regex::Regex::new(r"The end model repository \S+ holds \d+ weight file").unwrap().is_match(&notes_of(y, "rlweights"))
}

/// Links of a parameter (a string or a list).
fn links_of(y: &serde_yaml_ng::Value, key: &str) -> Vec<String> {
    match &y[key]["link"] {
        serde_yaml_ng::Value::String(s) if !s.is_empty() => vec![s.clone()],
        serde_yaml_ng::Value::Sequence(items) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}


/// Checks the layout every verdict file must have: header, org, 14 parameters
/// with class/link/notes, and links on every open or partial verdict.
fn assert_index_layout(y: &serde_yaml_ng::Value, name: &str) {
    assert_eq!(y["project"]["name"].as_str(), Some(name), "project.name");
    assert!(y["project"].get("link").is_some(), "project.link present");
    assert!(y["org"].is_mapping(), "org mapping");
    for key in ["name", "link", "notes"] {
        assert!(y["org"].get(key).is_some(), "org.{key} present");
    }
    for key in FACCT24_KEYS {
        let p = &y[key];
        assert!(p.is_mapping(), "{key} is a mapping: {p:?}");
        for field in ["class", "link", "notes"] {
            assert!(p.get(field).is_some(), "{key}.{field} present");
        }
        let class = class_of(y, key);
        assert!(["open", "partial", "closed", ""].contains(&class.as_str()), "{key}: class `{class}`");
        if class == "open" || class == "partial" {
            assert!(!links_of(y, key).is_empty(), "{key} is {class} but has no link");
        }
        assert!(!notes_of(y, key).trim().is_empty(), "{key} has no notes");
    }
}

// ---------------------------------------------------------------------------
// Fixtures (invented organisations and models)
// ---------------------------------------------------------------------------

const WEIGHTS: &[&str] = &[".gitattributes", "README.md", "config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "tokenizer.json"];

fn hf_api(id: &str) -> String {
    format!("https://huggingface.co/api/models/{id}")
}
fn hf_card(id: &str) -> String {
    format!("https://huggingface.co/{id}/raw/main/README.md")
}
fn ds_api(id: &str) -> String {
    format!("https://huggingface.co/api/datasets/{id}")
}
fn ds_card(id: &str) -> String {
    format!("https://huggingface.co/datasets/{id}/raw/main/README.md")
}

/// A public model repository (weight files, no gate, `license`) whose card is `body`.
fn serve_model(web: &FakeWeb, id: &str, license: &str, body: &str) {
    web.set_json(&hf_api(id), fixtures::hf_model(id, Some(license), Gated::No, WEIGHTS, &["transformers"], json!({})));
    web.set_text(&hf_card(id), &fixtures::model_card(&format!("license: {license}"), body));
}

fn serve_dataset(web: &FakeWeb, id: &str, about: &str) {
    web.set_json(&ds_api(id), fixtures::hf_dataset(id, Some("cc-by-4.0"), Gated::No, &["README.md", "data/train-00000-of-00001.parquet"], &["language:en"], json!({})));
    web.set_text(
        &ds_card(id),
        &fixtures::model_card(
            "license: cc-by-4.0\nlanguage:\n- en",
            &format!("# {id}\n\n{about}\n\n## Dataset Structure\n\nEach record has a `text` field.\n\n## Dataset Creation\n\n### Curation Rationale\n\nCollected to train open models.\n\n### Source Data\n\nPublic web pages, deduplicated and filtered.\n\n## Considerations for Using the Data\n\nMay contain biases of the source material.\n\n## Licensing Information\n\nCC BY 4.0\n"),
        ),
    );
}

/// A complete, open model: `acme/widget-7b-chat` tuned from `acme/widget-7b`, with
/// datasets, a GitHub repository and an arXiv paper.
fn serve_full_model(web: &FakeWeb) {
    let end = "acme/widget-7b-chat";
    let base = "acme/widget-7b";
    web.set_json(
        &hf_api(end),
        fixtures::hf_model(
            end,
            Some("apache-2.0"),
            Gated::No,
            WEIGHTS,
            &["transformers", "safetensors", "arxiv:2401.01234", "dataset:acme/chat-mix", &format!("base_model:finetune:{base}")],
            json!({ "base_model": base, "datasets": ["acme/chat-mix"], "language": ["en"] }),
        ),
    );
    web.set_text(
        &hf_card(end),
        &fixtures::model_card(
            &format!("license: apache-2.0\nbase_model: {base}\ndatasets:\n- acme/chat-mix\nlanguage:\n- en"),
            "# Widget 7B Chat\n\n\
             Widget 7B Chat is a chat model fine-tuned from [acme/widget-7b](https://huggingface.co/acme/widget-7b) \
             on [acme/chat-mix](https://huggingface.co/datasets/acme/chat-mix).\n\n\
             ## Model Details\n\n- Developed by: Acme Research\n- Code: https://github.com/acme/widget\n\
             - Paper: [Widget: open chat models](https://arxiv.org/abs/2401.01234)\n- License: Apache 2.0\n\n\
             ## Model Architecture\n\nWidget is a decoder-only transformer with 32 layers, 32 attention heads, a hidden size of 4096, \
             rotary position embeddings, SwiGLU activations and a context length of 4096 tokens.\n\n\
             ## Training Data\n\nThe base model was pretrained on 2T tokens of acme/widget-pretrain. The chat model was fine-tuned on acme/chat-mix.\n\n\
             ## Training Procedure\n\nSupervised fine-tuning for 3 epochs with AdamW, learning rate 2e-5, batch size 128, on 64 GPUs, \
             then direct preference optimization (DPO) for one epoch.\n\n\
             ## Intended Use\n\nResearch on open chat assistants. The model is meant for English dialogue, summarisation and question answering \
             in research settings; it should not be used for decisions about people, medical or legal advice, or any setting where \
             a wrong answer can cause harm without a person checking it. Developers who build on it should add their own safety \
             filters and evaluate it on their own tasks before any deployment, and should tell their users that they are talking \
             to a machine. The chat template follows the usual user and assistant turns; a system prompt can set the tone.\n\n\
             ## Limitations and Bias\n\nThe model can produce wrong or biased answers.\n\n\
             ## Evaluation\n\n| benchmark | score |\n|---|---|\n| reasoning | 61.2 |\n\n\
             ## Citation\n\nSee the paper and the [release notes](https://acme.example/blog/widget-release); \
             the [roadmap](https://acme.example/private/roadmap) is internal.\n",
        ),
    );
    web.set_json(
        &hf_api(base),
        fixtures::hf_model(base, Some("apache-2.0"), Gated::No, WEIGHTS, &["transformers", "dataset:acme/widget-pretrain", "arxiv:2401.01234"], json!({ "datasets": ["acme/widget-pretrain"] })),
    );
    web.set_text(
        &hf_card(base),
        &fixtures::model_card(
            "license: apache-2.0\ndatasets:\n- acme/widget-pretrain",
            "# Widget 7B\n\nA base language model pretrained from scratch on 2T tokens of [acme/widget-pretrain](https://huggingface.co/datasets/acme/widget-pretrain).\n\n\
             ## Training Data\n\nacme/widget-pretrain, a deduplicated web corpus.\n",
        ),
    );
    serve_dataset(web, "acme/chat-mix", "Instruction and chat data used to tune Widget 7B Chat.");
    serve_dataset(web, "acme/widget-pretrain", "The pretraining corpus of Widget 7B.");
    let repo = "acme/widget";
    web.set_json(&format!("https://api.github.com/repos/{repo}"), fixtures::github_repo(repo, "main", Some("Apache-2.0"), "Training and inference code for Widget models", false));
    let readme = format!(
        "# Widget\n\nCode to pretrain and fine-tune the Widget language models.\n\n## Installation\n\n```\npip install -e .\n```\n\n\
         ## Training\n\nRun `python scripts/pretrain.py --config configs/pretrain_7b.yaml`.\n\n## Fine-tuning\n\nRun `python scripts/finetune_sft.py`.\n\n\
         ## Data preparation\n\n`python data/preprocess.py` tokenizes and deduplicates the corpus.\n\n{}\n",
        "The training loop shards the model across GPUs and checkpoints regularly. ".repeat(40)
    );
    web.set_json(&format!("https://api.github.com/repos/{repo}/readme"), fixtures::github_readme_at(repo, "main", &readme));
    web.set_json(&format!("https://api.github.com/repos/{repo}/license"), fixtures::github_license_at(repo, "main", "Apache-2.0", "Apache License\nVersion 2.0, January 2004\n"));
    web.set_json(
        &format!("https://api.github.com/repos/{repo}/git/trees/main"),
        fixtures::github_tree(&[
            "README.md", "LICENSE", "pyproject.toml", "widget/model.py", "scripts/pretrain.py", "scripts/finetune_sft.py", "data/preprocess.py",
            "configs/pretrain_7b.yaml", "docs/training.md", "docs/data.md", "docs/architecture.md",
        ]),
    );
    web.set_text("https://acme.example/robots.txt", "User-agent: *\nDisallow: /private/\n");
    web.set(
        "https://acme.example/blog/widget-release",
        Reply::html("<html><head><title>Widget release</title></head><body><h1>Releasing Widget</h1>\
                     <p>Today we release Widget 7B and Widget 7B Chat with weights, data and code.</p>\
                     <p>Read the <a href=\"https://arxiv.org/abs/2401.01234\">paper</a>.</p></body></html>"),
    );
    web.set("https://acme.example/private/roadmap", Reply::html("<html><body>internal</body></html>"));
    web.set_arxiv(
        "2401.01234",
        &fixtures::arxiv_entry(
            "2401.01234",
            "Widget: Open Language Models for Chat",
            "We present Widget, a family of open language models pretrained on 2T tokens of a released web corpus, \
             and Widget Chat, instruction-tuned on an open chat dataset. We release weights, data and training code.",
            Some("20 pages"),
            None,
            None,
        ),
    );
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn full_model_writes_index_yaml_and_evidence_json() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    let p = Project::new(&web, "", &model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat"));
    let run = p.crawl(&[], &[]);
    ok(&run);
    let stray = files_under(&p.dir().join("elsewhere"));
    assert!(stray.is_empty(), "outputs resolve against the config's folder, not the working folder: {stray:?}");

    let y = p.yaml("widget-7b-chat");
    assert_index_layout(&y, "Widget 7B Chat");
    assert_eq!(y["project"]["link"].as_str(), Some("https://huggingface.co/acme/widget-7b-chat"));
    assert_eq!(y["project"]["llmbase"].as_str(), Some("acme/widget-7b"));
    assert_eq!(y["org"]["name"].as_str(), Some("acme"));
    // Public weights, public base weights, downloadable data, a paper and a repository.
    assert_eq!(class_of(&y, "rlweights"), "open", "{}", notes_of(&y, "rlweights"));
    assert_eq!(class_of(&y, "llmweights"), "open", "{}", notes_of(&y, "llmweights"));
    assert_eq!(class_of(&y, "rldata"), "open", "{}", notes_of(&y, "rldata"));
    assert_eq!(class_of(&y, "llmdata"), "open", "{}", notes_of(&y, "llmdata"));
    assert_ne!(class_of(&y, "opencode"), "closed", "{}", notes_of(&y, "opencode"));
    assert_ne!(class_of(&y, "preprint"), "closed", "{}", notes_of(&y, "preprint"));
    assert_ne!(class_of(&y, "modelcard"), "closed", "{}", notes_of(&y, "modelcard"));
    assert!(links_of(&y, "rlweights").iter().any(|l| l.starts_with("https://huggingface.co/acme/widget-7b-chat")), "{:?}", links_of(&y, "rlweights"));
    assert!(links_of(&y, "preprint").iter().any(|l| l.contains("2401.01234")), "{:?}", links_of(&y, "preprint"));

    // The JSON beside it: the same verdicts with confidence and evidence digests
    // that name stored bodies.
    let j = p.json("widget-7b-chat");
    let verdicts = j["verdicts"].as_object().expect("verdicts object");
    assert_eq!(verdicts.len(), FACCT24_KEYS.len());
    let store = openness_snapshots::Store::open_read_only(&p.store()).expect("store readable");
    let mut digests = 0;
    for key in FACCT24_KEYS {
        let v = &verdicts[key];
        assert!(["low", "medium", "high"].contains(&v["confidence"].as_str().unwrap_or("")), "{key}: confidence {:?}", v["confidence"]);
        let class = v["class"].as_str().unwrap_or("");
        assert_eq!(class, class_of(&y, key), "{key}: JSON and YAML agree");
        if class == "open" || class == "partial" {
            let evidence = v["evidence"].as_array().expect("evidence list");
            assert!(!evidence.is_empty(), "{key} is {class} without evidence");
        }
        for e in v["evidence"].as_array().into_iter().flatten() {
            if let Some(d) = e["digest"].as_str() {
                let digest: openness_snapshots::Digest = d.parse().unwrap_or_else(|e| panic!("{key}: bad digest: {e}"));
                assert!(store.has_body(&digest), "{key}: digest {d} not in the store");
                digests += 1;
            }
        }
    }
    assert!(digests >= 3, "only {digests} evidence digests");
    let rlweights_digest = verdicts["rlweights"]["evidence"][0]["digest"].as_str().expect("rlweights evidence has a digest");
    let body = store.get_body(&rlweights_digest.parse().unwrap()).unwrap();
    assert!(String::from_utf8_lossy(&body).contains("acme/widget-7b-chat"), "the digest is the end model's API answer");

    // summary.json and the closing table.
    let s = p.summary();
    assert_eq!(s["models"][0]["id"], "widget-7b-chat");
    assert_eq!(s["models"][0]["status"], "ok");
    assert!(run.stdout.contains("widget-7b-chat"), "{}", run.stdout);
    // The count of low-confidence verdicts (architecture is always one) is in both.
    let low = s["models"][0]["low"].as_u64().expect("low count");
    let judged = verdicts.values().filter(|v| v["confidence"] == "low").count() as u64;
    assert!(low >= 1 && low == judged, "low {low}, verdicts of low confidence {judged}");
    assert!(run.stdout.contains(" closed  low  notes"), "{}", run.stdout);
}

#[test]
fn no_url_is_requested_twice_in_one_run() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    // Two models that share the base model, datasets, repository and paper.
    web.set_json(
        &hf_api("acme/widget-7b-code"),
        fixtures::hf_model("acme/widget-7b-code", Some("apache-2.0"), Gated::No, WEIGHTS, &["arxiv:2401.01234"], json!({ "base_model": "acme/widget-7b", "datasets": ["acme/chat-mix"] })),
    );
    web.set_text(&hf_card("acme/widget-7b-code"), &fixtures::model_card("base_model: acme/widget-7b", "# Widget 7B Code\n\nCode: https://github.com/acme/widget\n"));
    let models = format!("{}\n{}", model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat"), model("widget-7b-code", "Widget 7B Code", "acme/widget-7b-code"));
    let p = Project::new(&web, "", &models);
    ok(&p.crawl(&[], &[]));
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in web.requests() {
        *counts.entry(public_url(&r)).or_default() += 1;
    }
    assert!(counts.len() > 10, "too few requests to mean anything: {counts:?}");
    let repeated: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "requested more than once: {repeated:?}");
    assert_eq!(counts.get(&hf_api("acme/widget-7b")), Some(&1), "shared base model fetched once");
    assert_eq!(counts.get("https://acme.example/blog/widget-release"), Some(&1), "the vendor page is read");
    assert_eq!(counts.get("https://acme.example/robots.txt"), Some(&1), "robots.txt is read once per host");
    assert_eq!(counts.get("https://acme.example/private/roadmap"), None, "robots.txt disallows it");
}

#[test]
fn gated_model_and_gated_base_are_partial() {
    let web = FakeWeb::start_blocking();
    let end = "acme/vault-13b-instruct";
    let base = "acme/vault-13b";
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::Manual, WEIGHTS, &["transformers"], json!({ "base_model": base })));
    web.set_text(&hf_card(end), &fixtures::model_card(&format!("license: apache-2.0\nbase_model: {base}"), "# Vault 13B Instruct\n\nAn instruction-tuned model, aligned with RLHF. Access is granted after review.\n"));
    let denied = Reply::bytes(403, r#"{"error":"Access to model acme/vault-13b is restricted."}"#).with_header("Content-Type", "application/json");
    web.set(&hf_api(base), denied.clone());
    web.set(&hf_card(base), denied);
    let p = Project::new(&web, "", &model("vault", "Vault 13B Instruct", end));
    ok(&p.crawl(&[], &[]));
    let y = p.yaml("vault");
    assert_index_layout(&y, "Vault 13B Instruct");
    assert_eq!(class_of(&y, "rlweights"), "partial", "{}", notes_of(&y, "rlweights"));
    assert!(notes_of(&y, "rlweights").contains("gate"), "{}", notes_of(&y, "rlweights"));
    assert_eq!(class_of(&y, "llmweights"), "partial", "{}", notes_of(&y, "llmweights"));
    assert!(notes_of(&y, "llmweights").contains("403"), "{}", notes_of(&y, "llmweights"));
    assert_eq!(requests_to(&web, "huggingface.co", &format!("/api/models/{base}")).len(), 1, "a 403 is an answer, not retried");
}

#[test]
fn links_in_the_gate_prompt_and_licence_link_are_followed_but_not_binary_files() {
    let web = FakeWeb::start_blocking();
    let end = "acme/vault-7b-chat";
    let prompt = "Access requires agreeing to the agreement [here](https://github.com/acme/vault/blob/main/Vault_License_Agreement.pdf)";
    let front = format!("license: other\nlicense_link: https://github.com/acme/vault/blob/main/LICENSE\nextra_gated_prompt: \"{prompt}\"");
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("other"), Gated::Auto, WEIGHTS, &["transformers"], json!({ "extra_gated_prompt": prompt })));
    web.set_text(&hf_card(end), &fixtures::model_card(&front, "# Vault 7B Chat\n\nA chat model.\n"));
    web.set_json("https://api.github.com/repos/acme/vault", fixtures::github_repo("acme/vault", "main", Some("Apache-2.0"), "Vault training code", false));
    let p = Project::new(&web, "", &model("vault", "Vault 7B Chat", end));
    ok(&p.crawl(&[], &[]));
    assert_eq!(requests_to(&web, "api.github.com", "/repos/acme/vault").len(), 1, "the repository behind the gate's link is read");
    assert_eq!(requests_to(&web, "raw.githubusercontent.com", "/acme/vault/main/LICENSE").len(), 1, "the licence link is read");
    assert!(requests_to(&web, "raw.githubusercontent.com", "/acme/vault/main/Vault_License_Agreement.pdf").is_empty(), "a PDF is not read as a text page");
    assert!(notes_of(&p.yaml("vault"), "license").contains("acme/vault"), "{}", notes_of(&p.yaml("vault"), "license"));
}

#[test]
fn data_a_base_card_names_for_a_fine_tuned_sibling_is_not_pretraining_data() {
    let web = FakeWeb::start_blocking();
    let (end, base) = ("acme/gadget-7b-instruct", "acme/gadget-7b");
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({ "base_model": base, "datasets": ["acme/gadget-instruct-mix"] })));
    web.set_text(&hf_card(end), &fixtures::model_card(&format!("base_model: {base}\ndatasets:\n- acme/gadget-instruct-mix"), "# Gadget 7B Instruct\n\nGadget tuned on instructions.\n"));
    web.set_json(&hf_api(base), fixtures::hf_model(base, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({ "datasets": ["acme/web-corpus"] })));
    let base_body = "# Gadget 7B\n\nGadget 7B was pretrained on [a web corpus](https://huggingface.co/datasets/acme/web-corpus).\n\n\
                     Gadget-7B-Chat: built by finetuning Gadget 7B on [a chat set](https://huggingface.co/datasets/acme/gadget-chat) we also release.\n";
    web.set_text(&hf_card(base), &fixtures::model_card("datasets:\n- acme/web-corpus", base_body));
    for d in ["acme/gadget-instruct-mix", "acme/web-corpus", "acme/gadget-chat"] {
        serve_dataset(&web, d, "Data.");
    }
    let p = Project::new(&web, "", &model("gadget", "Gadget 7B Instruct", end));
    ok(&p.crawl(&[], &[]));
    assert!(requests_to(&web, "huggingface.co", "/api/datasets/acme/gadget-chat").is_empty(), "the sibling's fine-tuning data is not followed");
    let y = p.yaml("gadget");
    assert!(notes_of(&y, "llmdata").contains("acme/web-corpus") && !notes_of(&y, "llmdata").contains("gadget-chat"), "{}", notes_of(&y, "llmdata"));
    assert!(notes_of(&y, "rldata").contains("acme/gadget-instruct-mix"), "{}", notes_of(&y, "rldata"));
}

#[test]
fn datasets_listed_in_a_collection_the_card_links_as_training_data_are_named() {
    let web = FakeWeb::start_blocking();
    let end = "acme/ratchet-3b";
    // An owner spelt with capitals, as the Hub answers it.
    let (data, demos) = ("Acme/ratchet-pretraining-4f1e2d", "acme/ratchet-demos-77aa01");
    let body = format!(
        "# Ratchet 3B\n\nRatchet 3B was pretrained from scratch on the [Ratchet pretraining datasets](https://huggingface.co/collections/{data}).\n\n\
         Try it in [our demos](https://huggingface.co/collections/{demos}).\n"
    );
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({ "license": "apache-2.0" })));
    web.set_text(&hf_card(end), &fixtures::model_card("license: apache-2.0", &body));
    web.set_json(
        &format!("https://huggingface.co/api/collections/{data}"),
        fixtures::hf_collection(data, "Ratchet pretraining datasets", &[("dataset", "acme/ratchet-web"), ("model", "acme/ratchet-3b"), ("dataset", "acme/ratchet-code")]),
    );
    web.set_json(&format!("https://huggingface.co/api/collections/{demos}"), fixtures::hf_collection(demos, "Demos", &[("dataset", "acme/demo-prompts")]));
    serve_dataset(&web, "acme/ratchet-web", "Web text.");
    web.set_json(&ds_api("acme/ratchet-code"), fixtures::hf_dataset("acme/ratchet-code", Some("cc-by-4.0"), Gated::Auto, &["README.md", "data/train.parquet"], &[], json!({})));
    let p = Project::new(&web, "", &model("ratchet", "Ratchet 3B", end));
    ok(&p.crawl(&[], &[]));
    assert!(requests_to(&web, "huggingface.co", &format!("/api/collections/{demos}")).is_empty(), "a collection linked in no sentence about training is not followed");
    assert!(requests_to(&web, "huggingface.co", "/api/models/acme/ratchet-3b").len() == 1, "the model a collection lists is not fetched again");
    let y = p.yaml("ratchet");
    let llmdata = notes_of(&y, "llmdata");
    assert_eq!(class_of(&y, "llmdata"), "partial", "one listed dataset is gated: {llmdata}");
    assert!(llmdata.contains("Downloadable: acme/ratchet-web") && llmdata.contains("acme/ratchet-code (gated)") && llmdata.contains(data), "{llmdata}");
    assert!(!llmdata.contains("demo-prompts"), "{llmdata}");
    assert!(links_of(&y, "llmdata").contains(&format!("https://huggingface.co/collections/{data}")), "the collection is cited: {:?}", links_of(&y, "llmdata"));
    let facts = p.json("ratchet")["facts"].clone();
    let subjects = |kind: &str| facts.as_array().unwrap().iter().filter(|f| f["kind"] == kind).map(|f| f["subject"].as_str().unwrap().to_string()).collect::<BTreeSet<_>>();
    let listed = subjects("hf.collection.dataset");
    assert!(facts.to_string().contains("acme/ratchet-code") && !listed.is_empty(), "the listing is a fact, so a dataset pulled from it shows as a change");
    assert_eq!(listed, subjects("hf.collection.state"), "the listing and the collection's state are facts about one subject, as change detection needs");
}

#[test]
fn a_chain_of_tuned_bases_is_followed_to_the_pretrained_base_beyond_the_link_depth() {
    // instruct <- preference-tuned <- SFT <- another developer's pretrained base: four
    // models, one more than the default link depth (2) reaches.
    let web = FakeWeb::start_blocking();
    let chain = [
        ("acme/sprocket-8b-instruct", Some("acme/sprocket-8b-dpo"), "acme/sprocket-rl-prompts"),
        ("acme/sprocket-8b-dpo", Some("acme/sprocket-8b-sft"), "acme/sprocket-preferences"),
        ("acme/sprocket-8b-sft", Some("forge/anvil-8b"), "acme/sprocket-sft-mix"),
        ("forge/anvil-8b", None, "forge/web-corpus"),
    ];
    for (id, base, data) in chain {
        let card_data = match base {
            Some(b) => json!({ "base_model": b, "datasets": [data] }),
            None => json!({ "datasets": [data] }),
        };
        web.set_json(&hf_api(id), fixtures::hf_model(id, Some("apache-2.0"), Gated::No, WEIGHTS, &[], card_data));
        let front = base.map(|b| format!("base_model: {b}\n")).unwrap_or_default();
        web.set_text(&hf_card(id), &fixtures::model_card(&format!("{front}datasets:\n- {data}"), &format!("# {id}\n\nA language model.\n")));
        serve_dataset(&web, data, "Data.");
    }
    let p = Project::new(&web, "", &model("sprocket", "Sprocket 8B Instruct", chain[0].0));
    ok(&p.crawl(&[], &[]));
    assert_eq!(requests_to(&web, "huggingface.co", "/api/models/forge/anvil-8b").len(), 1, "the pretrained base is reached");
    assert_eq!(requests_to(&web, "huggingface.co", "/api/datasets/forge/web-corpus").len(), 1, "and the data it declares");
    let y = p.yaml("sprocket");
    assert_eq!(y["project"]["llmbase"].as_str(), Some("forge/anvil-8b"), "the pretrained base is named, not a tuned step");
    let llmdata = notes_of(&y, "llmdata");
    assert!(llmdata.contains("forge/web-corpus") && !llmdata.contains("sprocket-sft-mix") && !llmdata.contains("sprocket-preferences"), "{llmdata}");
    let rldata = notes_of(&y, "rldata");
    for tuning in ["acme/sprocket-rl-prompts", "acme/sprocket-preferences", "acme/sprocket-sft-mix"] {
        assert!(rldata.contains(tuning), "the tuned steps' data is tuning data: {rldata}");
    }
    assert!(!rldata.contains("forge/web-corpus"), "{rldata}");
}

#[test]
fn the_licence_file_of_a_repository_without_a_known_licence_tag_is_read() {
    let web = FakeWeb::start_blocking();
    let (untagged, tagged) = ("acme/lathe-7b", "acme/drill-7b");
    for (id, tag) in [(untagged, "other"), (tagged, "apache-2.0")] {
        web.set_json(&hf_api(id), fixtures::hf_model(id, Some(tag), Gated::No, &["LICENSE", "model.safetensors"], &[], json!({ "license": tag })));
        web.set_text(&hf_card(id), &fixtures::model_card(&format!("license: {tag}"), &format!("# {id}\n\nA language model pretrained by Acme.\n")));
        web.set_text(&format!("/huggingface.co/{id}/raw/main/LICENSE"), fixtures::MIT_LICENSE_TEXT);
    }
    let p = Project::new(&web, "", &format!("{}\n{}", model("lathe", "Lathe 7B", untagged), model("drill", "Drill 7B", tagged)));
    ok(&p.crawl(&[], &[]));
    assert_eq!(requests_to(&web, "huggingface.co", &format!("/{untagged}/raw/main/LICENSE")).len(), 1, "the tag `other` names no licence: the file is read");
    assert!(requests_to(&web, "huggingface.co", &format!("/{tagged}/raw/main/LICENSE")).is_empty(), "a known licence tag needs no file");
    let y = p.yaml("lathe");
    assert_eq!(class_of(&y, "license"), "open", "{}", notes_of(&y, "license"));
    assert!(links_of(&y, "license").contains(&format!("https://huggingface.co/{untagged}/blob/main/LICENSE")), "{:?}", links_of(&y, "license"));
    let facts = p.json("lathe")["facts"].to_string();
    assert!(facts.contains("hf.model.license_file") && facts.contains("\"MIT\""), "the licence file is a fact, so a swap shows as a change");
}

#[test]
fn the_licence_file_of_a_training_dataset_without_a_licence_tag_is_read() {
    let web = FakeWeb::start_blocking();
    let (end, data) = ("acme/lathe-7b", "acme/shavings");
    let card = format!("license: apache-2.0\ndatasets:\n- {data}");
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({ "license": "apache-2.0", "datasets": [data] })));
    web.set_text(&hf_card(end), &fixtures::model_card(&card, "# Lathe 7B\n\nA language model pretrained by Acme on Shavings.\n"));
    web.set_json(&ds_api(data), fixtures::hf_dataset(data, None, Gated::No, &["README.md", "LICENSE.txt", "data/train-00000-of-00001.parquet"], &[], json!({})));
    web.set_text(&ds_card(data), &fixtures::model_card("language:\n- en", "# Shavings\n\nWeb text, filtered.\n"));
    web.set_text(&format!("/huggingface.co/datasets/{data}/raw/main/LICENSE.txt"), fixtures::MIT_LICENSE_TEXT);
    let p = Project::new(&web, "", &model("lathe", "Lathe 7B", end));
    ok(&p.crawl(&[], &[]));
    assert_eq!(requests_to(&web, "huggingface.co", &format!("/datasets/{data}/raw/main/LICENSE.txt")).len(), 1);
    let y = p.yaml("lathe");
    assert_eq!(class_of(&y, "license"), "open", "{}", notes_of(&y, "license"));
    assert!(notes_of(&y, "license").contains(&format!("data ({data}): MIT")), "{}", notes_of(&y, "license"));
    assert!(links_of(&y, "license").contains(&format!("https://huggingface.co/datasets/{data}/blob/main/LICENSE.txt")), "{:?}", links_of(&y, "license"));
    assert!(p.json("lathe")["facts"].to_string().contains("hf.dataset.license_file"));
}

#[test]
fn missing_repository_and_dataset_give_verdicts_that_say_so() {
    let web = FakeWeb::start_blocking();
    let end = "acme/ghost-3b-chat";
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("mit"), Gated::No, WEIGHTS, &["transformers"], json!({ "datasets": ["acme/lost-chats", "acme/flaky-chats"] })));
    web.set_text(
        &hf_card(end),
        &fixtures::model_card("license: mit\ndatasets:\n- acme/lost-chats\n- acme/flaky-chats", "# Ghost 3B Chat\n\nTraining code: https://github.com/acme/ghost-train\n"),
    );
    // Neither the repository nor the first dataset exists: FakeWeb answers 404.
    // The second dataset's API keeps failing.
    web.set_sequence(&ds_api("acme/flaky-chats"), vec![Reply::status(503)]);
    let p = Project::new(&web, "retries = 1", &model("ghost", "Ghost 3B Chat", end));
    let run = p.crawl(&[], &[]);
    ok(&run);
    assert_eq!(requests_to(&web, "api.github.com", "/repos/acme/ghost-train").first().map(|r| r.status), Some(404));
    assert_eq!(requests_to(&web, "huggingface.co", "/api/datasets/acme/lost-chats").first().map(|r| r.status), Some(404));
    let y = p.yaml("ghost");
    assert_index_layout(&y, "Ghost 3B Chat");
    let says_missing = |key: &str| {
        let n = notes_of(&y, key).to_lowercase();
        n.contains("not found") || n.contains("no evidence")
    };
    assert_eq!(class_of(&y, "opencode"), "closed");
    assert!(says_missing("opencode"), "opencode: {}", notes_of(&y, "opencode"));
    assert!(notes_of(&y, "opencode").contains("acme/ghost-train"), "opencode names the repository it looked for: {}", notes_of(&y, "opencode"));
    // The card names its data, none of which can be had: "named but not available" is partial,
    // citing the card that names it.
    assert_eq!(class_of(&y, "rldata"), "partial");
    assert!(says_missing("rldata"), "rldata: {}", notes_of(&y, "rldata"));
    assert_eq!(y["rldata"]["link"].as_str(), Some(format!("https://huggingface.co/{end}").as_str()));
    assert!(notes_of(&y, "rldata").contains("acme/lost-chats"), "{}", notes_of(&y, "rldata"));
    assert_eq!(class_of(&y, "datasheet"), "closed");
    assert!(says_missing("datasheet"), "datasheet: {}", notes_of(&y, "datasheet"));
    assert!(notes_of(&y, "rldata").contains("acme/flaky-chats"), "the dataset that could not be checked is named: {}", notes_of(&y, "rldata"));
    assert!(end_weights_read(&y), "the model itself is fine: {}", notes_of(&y, "rlweights"));
    assert_eq!(p.summary()["models"][0]["status"], "ok");
    // The problem list says which URL could not be read.
    let problems = p.json("ghost")["problems"].as_array().cloned().unwrap_or_default();
    let flaky = ds_api("acme/flaky-chats");
    assert!(problems.iter().any(|m| m.as_str().is_some_and(|m| m.contains(&flaky) && m.contains("503"))), "{flaky} in {problems:?}");
}

#[test]
fn papers_of_one_model_are_fetched_in_one_arxiv_request() {
    let web = FakeWeb::start_blocking();
    let end = "acme/quill-2b";
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &["transformers", "arxiv:2402.05555"], json!({})));
    web.set_text(&hf_card(end), &fixtures::model_card("license: apache-2.0", "# Quill 2B\n\nSee [the report](https://arxiv.org/abs/2403.07777) and [the data paper](https://arxiv.org/abs/2402.05555).\n"));
    web.set_arxiv("2402.05555", &fixtures::arxiv_entry("2402.05555", "Quill: a small language model", "We pretrain Quill on 1T tokens and instruction-tune it for chat.", None, None, None));
    web.set_arxiv("2403.07777", &fixtures::arxiv_entry("2403.07777", "The Quill data", "The dataset and corpus behind Quill, a language model.", Some("Accepted at ACL 2024"), None, None));
    let p = Project::new(&web, "", &model("quill", "Quill 2B", end));
    ok(&p.crawl(&[], &[]));
    let arxiv: Vec<LoggedRequest> = web.requests().into_iter().filter(|r| r.host == "export.arxiv.org").collect();
    assert_eq!(arxiv.len(), 1, "one arXiv request: {:?}", arxiv.iter().map(public_url).collect::<Vec<_>>());
    assert_eq!(arxiv[0].path, "/api/query");
    let q = arxiv[0].query.clone().unwrap_or_default();
    assert!(q.contains("2402.05555") && q.contains("2403.07777"), "both ids in one query: {q}");
    let y = p.yaml("quill");
    assert_ne!(class_of(&y, "preprint"), "closed", "{}", notes_of(&y, "preprint"));
    assert_ne!(class_of(&y, "paper"), "closed", "the accepted paper was read: {}", notes_of(&y, "paper"));
}

#[test]
fn retry_after_is_honoured_on_429() {
    let web = FakeWeb::start_blocking();
    let end = "acme/patient-1b";
    let api = fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({}));
    web.set_sequence(&hf_api(end), vec![Reply::bytes(429, r#"{"error":"Too Many Requests"}"#).with_header("Retry-After", "1"), Reply::json(&api)]);
    web.set_text(&hf_card(end), &fixtures::model_card("license: apache-2.0", "# Patient 1B\n"));
    let p = Project::new(&web, "", &model("patient", "Patient 1B", end));
    ok(&p.crawl(&[], &[]));
    let hits = requests_to(&web, "huggingface.co", &format!("/api/models/{end}"));
    assert_eq!(hits.iter().map(|r| r.status).collect::<Vec<_>>(), vec![429, 200]);
    let gap = hits[1].at.duration_since(hits[0].at);
    assert!(gap >= Duration::from_millis(950), "retried after {gap:?}, before Retry-After: 1");
    assert!(gap < Duration::from_secs(10), "retried only after {gap:?}");
    assert!(end_weights_read(&p.yaml("patient")));
}

#[test]
fn a_service_that_recovers_from_503_is_retried() {
    let web = FakeWeb::start_blocking();
    let end = "acme/steady-1b";
    let api = fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({}));
    web.set_sequence(&hf_api(end), vec![Reply::status(503), Reply::status(503), Reply::json(&api)]);
    web.set_text(&hf_card(end), &fixtures::model_card("license: apache-2.0", "# Steady 1B\n"));
    let p = Project::new(&web, "", &model("steady", "Steady 1B", end));
    ok(&p.crawl(&[], &[]));
    let statuses: Vec<u16> = requests_to(&web, "huggingface.co", &format!("/api/models/{end}")).iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![503, 503, 200]);
    let y = p.yaml("steady");
    assert!(end_weights_read(&y), "{}", notes_of(&y, "rlweights"));
    let s = p.summary();
    assert_eq!(s["models"][0]["status"], "ok");
    assert!(s["http"]["retries"].as_u64().unwrap_or(0) >= 2, "{}", s["http"]);
}

#[test]
fn a_failing_model_gives_exit_2_and_the_others_are_written() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    let broken = "acme/broken-1b";
    web.set_sequence(&hf_api(broken), vec![Reply::status(503)]);
    web.set(&hf_card(broken), Reply::status(503));
    let models = format!("{}\n{}", model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat"), model("broken", "Broken 1B", broken));
    let p = Project::new(&web, "retries = 2", &models);
    let run = p.crawl(&[], &[]);
    assert_eq!(run.code, 2, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert_eq!(requests_to(&web, "huggingface.co", &format!("/api/models/{broken}")).len(), 3, "first attempt + 2 retries");
    assert_index_layout(&p.yaml("widget-7b-chat"), "Widget 7B Chat");
    assert!(p.out().join("widget-7b-chat.json").is_file());
    assert!(!p.out().join("broken.yaml").exists(), "no verdicts for a model whose evidence could not be read");
    let s = p.summary();
    let models = s["models"].as_array().unwrap();
    let find = |id: &str| models.iter().find(|m| m["id"] == id).unwrap_or_else(|| panic!("{id} in summary: {s}")).clone();
    assert_eq!(find("widget-7b-chat")["status"], "ok");
    let b = find("broken");
    assert_eq!(b["status"], "failed");
    let err = b["error"].as_str().unwrap_or("");
    assert!(err.contains("503") && err.contains("huggingface.co"), "the error says what failed: {err}");
    assert!(run.stdout.contains("broken") || run.stderr.contains("broken"), "the failure is reported");
    assert!(run.stderr.contains("acme/broken-1b"), "the error is logged: {}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}') && !run.stdout.contains('\u{1b}'), "no terminal colour codes when output is not a terminal: {:?}", run.stderr);
}

#[test]
fn bad_config_exits_1_naming_key_and_line() {
    let web = FakeWeb::start_blocking();
    // A value that does not parse.
    let p = Project::with_config(&format!(
        "store = \"store\"\n\n[http]\nmirror = \"{}\"\n\n[hosts.\"api.github.com\"]\nrate = \"lots\"\n\n{}",
        web.mirror(),
        model("m", "M", "acme/m")
    ));
    let run = p.crawl(&[], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("hosts.\"api.github.com\".rate"), "names the key: {}", run.stderr);
    assert!(run.stderr.contains("line 7"), "names the line: {}", run.stderr);
    // A value of the wrong type.
    let p = Project::with_config(&format!("[http]\nmirror = \"{}\"\nretries = \"many\"\n\n{}", web.mirror(), model("m", "M", "acme/m")));
    let run = p.crawl(&[], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(":3:") && run.stderr.contains("config.toml"), "names the file and line: {}", run.stderr);
    // An unknown key.
    let p = Project::with_config(&format!("[http]\nmirror = \"{}\"\n\n{}colour = \"blue\"\n", web.mirror(), model("m", "M", "acme/m")));
    let run = p.crawl(&[], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("colour") && run.stderr.contains(":8:"), "names the key and line: {}", run.stderr);
    assert!(web.requests().is_empty(), "nothing is fetched with a bad config");
}

#[test]
fn tokens_never_follow_pages_or_redirects_and_hub_ids_stay_ids() {
    let web = FakeWeb::start_blocking();
    let end = "acme/widget-tok";
    // A base named with a path that would climb out of the model API, in the tags and the card.
    let sneaky = "../../api/whoami-v2";
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &[&format!("base_model:{sneaky}")], json!({ "base_model": sneaky })));
    web.set_text(
        &hf_card(end),
        &fixtures::model_card(
            &format!("license: apache-2.0\nbase_model: {sneaky}"),
            "# Widget tok\n\nRelease notes: https://acme.example/notes#part-1 and https://acme.example/notes#part-2.\n\
             Mirror: https://acme.example/go. Status: https://acme.example/unchanged. Print: https://acme.example/notes?print=1. Changes: https://ACME.example/Changelog\n",
        ),
    );
    web.set("https://acme.example/notes", Reply::html("<html><body>Widget notes.</body></html>"));
    web.set("https://acme.example/Changelog", Reply::html("<html><body>Widget changes.</body></html>"));
    // robots.txt rules match the query too.
    web.set_text("https://acme.example/robots.txt", "User-agent: *\nDisallow: /*?print=\n");
    // A page that redirects into a token host, and one that answers "not modified" to anything.
    web.set("https://acme.example/go", Reply::redirect(302, "https://api.github.com/user/emails"));
    web.set("https://api.github.com/user/emails", Reply::text("[]"));
    web.set("https://acme.example/unchanged", Reply::status(304));
    let p = Project::new(&web, "", &model("widget-tok", "Widget tok", end));
    let run = p.crawl(&[], &[("GITHUB_TOKEN", "secret-gh"), ("HF_TOKEN", "secret-hf")]);
    ok(&run);
    let emails = requests_to(&web, "api.github.com", "/user/emails");
    assert_eq!(emails.len(), 1, "the redirect is followed");
    assert_eq!(emails[0].authorization, None, "a token went along a redirect from a page");
    assert!(requests_to_host(&web, "acme.example").iter().all(|r| r.authorization.is_none()));
    assert!(requests_to(&web, "huggingface.co", &format!("/api/models/{end}"))[0].authorization.is_some(), "the crawler's own API request carries the token");
    // The malformed base id never became a request.
    assert!(!web.requests().iter().any(|r| r.path.contains("whoami")), "{:?}", web.requests().iter().map(public_url).collect::<Vec<_>>());
    // Every snapshot the report lists is found in the store under the URL it gives (the
    // card spells a host in capitals; the store keys the normalised URL).
    let store = openness_snapshots::Store::open_read_only(&p.store()).expect("store readable");
    let snapshots = p.json("widget-tok")["snapshots"].as_array().cloned().unwrap_or_default();
    assert!(snapshots.iter().any(|s| s["url"] == "https://acme.example/Changelog"), "{snapshots:?}");
    for snap in &snapshots {
        let url = snap["url"].as_str().unwrap();
        // (Requests never sent, refused by robots.txt, have no history.)
        if !url.contains("arxiv") && snap["status"] != 0 {
            assert!(!store.history(url).unwrap().is_empty(), "no stored history under {url}");
        }
    }
    // One request for a page linked with two fragments, none for the query robots.txt disallows.
    let notes = requests_to(&web, "acme.example", "/notes");
    assert_eq!(notes.len(), 1, "{:?}", notes.iter().map(public_url).collect::<Vec<_>>());
    assert_eq!(notes[0].query, None);
    // "Not modified" to a request without validators is an error, not a loop.
    assert_eq!(requests_to(&web, "acme.example", "/unchanged").len(), 1);
    let problems = p.json("widget-tok")["problems"].to_string();
    assert!(problems.contains("304 Not Modified to a request without validators"), "{problems}");
}

#[test]
fn tokens_go_only_to_their_own_hosts_and_are_never_written() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    let p = Project::new(&web, "", &model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat"));
    let run = p.crawl(&["--verbose"], &[("GITHUB_TOKEN", "secret-gh"), ("HF_TOKEN", "secret-hf")]);
    ok(&run);
    let requests = web.requests();
    let mut seen = BTreeMap::new();
    for r in &requests {
        let expected = match r.host.as_str() {
            "api.github.com" => Some("Bearer secret-gh"),
            "huggingface.co" => Some("Bearer secret-hf"),
            _ => None,
        };
        assert_eq!(r.authorization.as_deref(), expected, "Authorization sent to {}", public_url(r));
        *seen.entry(r.host.clone()).or_insert(0) += 1;
    }
    for host in ["api.github.com", "huggingface.co", "export.arxiv.org"] {
        assert!(seen.contains_key(host), "no request to {host}: {seen:?}");
    }
    for secret in ["secret-gh", "secret-hf"] {
        assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret), "{secret} printed");
        for f in files_under(&p.store()).into_iter().chain(files_under(&p.out())) {
            let bytes = std::fs::read(&f).unwrap();
            assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret} written to {}", f.display());
        }
    }
}

#[test]
fn second_crawl_of_unchanged_evidence_is_conditional_and_identical() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    let p = Project::new(&web, "", &model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat"));
    ok(&p.crawl(&[], &[]));
    let first = web.requests();
    let yaml1 = p.yaml_text("widget-7b-chat");
    let json1 = p.json("widget-7b-chat");
    let answered: BTreeMap<String, u16> = first.iter().map(|r| (public_url(r), r.status)).collect();
    assert!(answered.values().filter(|s| **s == 200).count() >= 10);
    web.clear_log();

    ok(&p.crawl(&[], &[]));
    let second = web.requests();
    assert!(!second.is_empty());
    let mut revalidated = 0;
    for r in &second {
        let url = public_url(r);
        if answered.get(&url) == Some(&200) {
            assert!(r.if_none_match.is_some(), "{url} was not asked conditionally");
            assert_eq!(r.status, 304, "{url}");
            revalidated += 1;
        }
    }
    assert_eq!(revalidated, answered.values().filter(|s| **s == 200).count(), "every earlier 200 revalidated");
    assert_eq!(p.yaml_text("widget-7b-chat"), yaml1, "verdict file unchanged");
    let json2 = p.json("widget-7b-chat");
    assert_eq!(json2["verdicts"], json1["verdicts"], "verdicts unchanged");
    assert_ne!(json2["run"], json1["run"], "a new run");
    assert!(p.summary()["http"]["not_modified"].as_u64().unwrap_or(0) >= revalidated as u64);
}

#[test]
fn renamed_repository_is_followed_and_revalidated() {
    let web = FakeWeb::start_blocking();
    let (old, new) = ("acme/nimbus-1b", "acme/nimbus-1b-v2");
    web.set(&hf_api(old), Reply::redirect(307, &hf_api(new)));
    web.set_json(&hf_api(new), fixtures::hf_model(new, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({})));
    web.set_text(&hf_card(old), &fixtures::model_card("license: apache-2.0", "# Nimbus 1B\n"));
    let p = Project::new(&web, "", &model("nimbus", "Nimbus 1B", old));
    ok(&p.crawl(&[], &[]));
    let y = p.yaml("nimbus");
    assert!(end_weights_read(&y), "{}", notes_of(&y, "rlweights"));
    assert_eq!(requests_to(&web, "huggingface.co", &format!("/api/models/{new}")).len(), 1);
    let first_yaml = p.yaml_text("nimbus");
    web.clear_log();
    ok(&p.crawl(&[], &[]));
    let again = requests_to(&web, "huggingface.co", &format!("/api/models/{new}"));
    assert_eq!(again.len(), 1, "{again:?}");
    assert!(again[0].if_none_match.is_some(), "the redirect target is asked conditionally");
    assert_eq!(again[0].status, 304);
    let old_hits = requests_to(&web, "huggingface.co", &format!("/api/models/{old}"));
    assert_eq!(old_hits.iter().map(|r| r.status).collect::<Vec<_>>(), vec![307], "the old name is asked once and redirects");
    assert_eq!(p.yaml_text("nimbus"), first_yaml, "verdict file unchanged");
}

#[test]
fn unusable_store_exits_1() {
    let web = FakeWeb::start_blocking();
    let p = Project::new(&web, "", &model("m", "M", "acme/m"));
    std::fs::write(p.store(), "not a folder").unwrap();
    let run = p.crawl(&[], &[]);
    assert_eq!(run.code, 1, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("store"), "{}", run.stderr);
    assert!(web.requests().is_empty(), "nothing is fetched without a store");
}

#[test]
fn a_local_mirror_is_reached_directly_even_with_a_proxy_set() {
    let web = FakeWeb::start_blocking();
    let end = "acme/direct-1b";
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({})));
    web.set_text(&hf_card(end), &fixtures::model_card("license: apache-2.0", "# Direct 1B\n"));
    let p = Project::new(&web, "retries = 0", &model("direct", "Direct 1B", end));
    // A proxy that does not exist: going through it would fail every request.
    let proxy = "http://127.0.0.1:9";
    let env = [("HTTP_PROXY", proxy), ("http_proxy", proxy), ("ALL_PROXY", proxy), ("all_proxy", proxy), ("NO_PROXY", ""), ("no_proxy", "")];
    let run = p.crawl(&[], &env);
    ok(&run);
    assert_eq!(requests_to(&web, "huggingface.co", &format!("/api/models/{end}")).len(), 1);
    assert!(end_weights_read(&p.yaml("direct")));
}

#[test]
fn a_locked_store_exits_1() {
    let web = FakeWeb::start_blocking();
    let p = Project::new(&web, "", &model("m", "M", "acme/m"));
    let held = openness_snapshots::Store::open(&p.store()).expect("open the store");
    let run = p.crawl(&[], &[]);
    assert_eq!(run.code, 1, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert!(run.stderr.to_lowercase().contains("lock"), "says the store is locked: {}", run.stderr);
    assert!(web.requests().is_empty());
    drop(held);
}

#[test]
fn a_model_that_fails_later_keeps_its_earlier_outputs() {
    let web = FakeWeb::start_blocking();
    let end = "acme/fickle-1b";
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({})));
    web.set_text(&hf_card(end), &fixtures::model_card("license: apache-2.0", "# Fickle 1B\n"));
    let p = Project::new(&web, "retries = 1", &model("fickle", "Fickle 1B", end));
    ok(&p.crawl(&[], &[]));
    let yaml = p.yaml_text("fickle");
    web.set_sequence(&hf_api(end), vec![Reply::status(503)]);
    web.set(&hf_card(end), Reply::status(503));
    let run = p.crawl(&[], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(p.yaml_text("fickle"), yaml, "the earlier verdict file is kept");
    assert_eq!(p.summary()["models"][0]["status"], "failed");
}

#[test]
fn offline_run_recomputes_the_same_verdicts_without_requests() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    let p = Project::new(&web, "", &model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat"));
    ok(&p.crawl(&[], &[]));
    let yaml = p.yaml_text("widget-7b-chat");
    web.clear_log();
    let run = p.crawl(&["--offline"], &[]);
    ok(&run);
    assert!(web.requests().is_empty(), "offline run made requests: {:?}", web.requests().iter().map(public_url).collect::<Vec<_>>());
    assert_eq!(p.yaml_text("widget-7b-chat"), yaml, "same verdicts from the stored snapshots");
}

#[test]
fn the_configured_host_rate_is_never_exceeded() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    // The fake allows 4 requests to huggingface.co in any 700 ms window and answers
    // 429 beyond that; the crawler is told 4 per second (300 ms of room for the
    // time between starting a request and its arrival on a loaded machine). A token
    // bucket with a burst of 4 would send the 5th request after 250 ms.
    web.set_rate_limit("huggingface.co", 4, Duration::from_millis(700));
    let p = Project::new(&web, "", &format!("[hosts.\"huggingface.co\"]\nrate = \"4/1s\"\n\n{}", model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat")));
    ok(&p.crawl(&[], &[]));
    let hf = web.requests().into_iter().filter(|r| r.host == "huggingface.co").collect::<Vec<_>>();
    assert!(hf.len() >= 8, "{}", hf.len());
    let limited: Vec<String> = hf.iter().filter(|r| r.status == 429).map(public_url).collect();
    assert!(limited.is_empty(), "the crawler went over its own rate limit: {limited:?}");
    assert_eq!(class_of(&p.yaml("widget-7b-chat"), "rldata"), "open");
}

#[test]
fn stalled_truncated_and_oversized_bodies_do_not_stop_the_crawl() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    let card = fixtures::model_card("license: cc-by-4.0", "# chat-mix\n\nChat data.\n");
    // The dataset card stalls half-way, the base model's card is cut short, and the
    // repository README is far larger than the cap.
    web.set(&ds_card("acme/chat-mix"), Reply::text(&card).with_behaviour(Behaviour::StallAfter(10)));
    web.set(&hf_card("acme/widget-7b"), Reply::text("# Widget 7B\n\npretrained").with_behaviour(Behaviour::ContentLength(5000)));
    web.set("https://api.github.com/repos/acme/widget/readme", Reply::huge(5_000_000));
    let p = Project::new(&web, "timeout = \"1s\"\nretries = 1\nmax_body_bytes = 1000000", &model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat"));
    let started = Instant::now();
    let run = p.crawl(&[], &[]);
    ok(&run);
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
    assert_eq!(requests_to(&web, "huggingface.co", "/datasets/acme/chat-mix/raw/main/README.md").len(), 2, "a stalled body is a timeout, retried once");
    let problems: Vec<String> = p.json("widget-7b-chat")["problems"].as_array().unwrap().iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
    for url in [ds_card("acme/chat-mix"), hf_card("acme/widget-7b"), "https://api.github.com/repos/acme/widget/readme".to_string()] {
        assert!(problems.iter().any(|m| m.contains(&url)), "{url} not in problems: {problems:#?}");
    }
    assert!(problems.iter().any(|m| m.contains("max_body_bytes")), "the cap is named: {problems:#?}");
    // The rest of the evidence is still used.
    let y = p.yaml("widget-7b-chat");
    assert_eq!(class_of(&y, "rlweights"), "open");
    assert_eq!(class_of(&y, "rldata"), "open", "the dataset's API still answered: {}", notes_of(&y, "rldata"));
}

#[test]
fn a_slow_host_does_not_hold_up_requests_to_other_hosts() {
    let web = FakeWeb::start_blocking();
    // Model A links four pages on a host the crawler may ask only once every 1.5 s.
    let a = "acme/chatty-1b";
    web.set_json(&hf_api(a), fixtures::hf_model(a, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({})));
    let links: String = (1..=4).map(|i| format!("- [post {i}](https://slow.example/blog/post-{i})\n")).collect();
    web.set_text(&hf_card(a), &fixtures::model_card("license: apache-2.0", &format!("# Chatty 1B\n\nRelease posts:\n\n{links}")));
    for i in 1..=4 {
        web.set(&format!("https://slow.example/blog/post-{i}"), Reply::html(format!("<html><body><p>Post {i} about Chatty.</p></body></html>")));
    }
    // Model B needs only Hugging Face, two levels deep.
    let b = "acme/brisk-1b";
    // Its API answers 503 twice, so that model A's pages are queued by the time B goes on.
    let b_api = fixtures::hf_model(b, Some("apache-2.0"), Gated::No, WEIGHTS, &[], json!({ "datasets": ["acme/brisk-data"] }));
    web.set_sequence(&hf_api(b), vec![Reply::status(503), Reply::status(503), Reply::json(&b_api)]);
    web.set_text(&hf_card(b), &fixtures::model_card("license: apache-2.0", "# Brisk 1B\n"));
    serve_dataset(&web, "acme/brisk-data", "Data of Brisk.");
    let models = format!(
        "[hosts.\"slow.example\"]\nrate = \"1/1500ms\"\nconcurrency = 1\n\n{}\n{}",
        model("chatty", "Chatty 1B", a),
        model("brisk", "Brisk 1B", b)
    );
    let p = Project::new(&web, "concurrency = 2", &models);
    let run = p.crawl(&[], &[]);
    ok(&run);
    let log = web.requests();
    let start = log.first().expect("requests").at;
    let pages: Vec<&LoggedRequest> = log.iter().filter(|r| r.host == "slow.example" && r.path.starts_with("/blog/")).collect();
    assert_eq!(pages.len(), 4);
    let last_page = pages.iter().map(|r| r.at).max().unwrap();
    assert!(last_page.duration_since(start) >= Duration::from_secs(4), "the slow host's rate was kept");
    let brisk_data = requests_to(&web, "huggingface.co", "/api/datasets/acme/brisk-data");
    assert_eq!(brisk_data.len(), 1);
    // Queued behind the slow host it would come after all four pages; it comes well before
    // (compared with the slow host's own schedule, so a loaded machine does not matter).
    let mut page_times: Vec<Instant> = pages.iter().map(|r| r.at).collect();
    page_times.sort();
    assert!(brisk_data[0].at < page_times[2], "a request to huggingface.co waited {:?} behind the slow host", brisk_data[0].at.duration_since(start));
    assert!(p.out().join("brisk.yaml").is_file());
}

#[test]
fn a_host_override_written_in_capitals_keeps_the_hosts_other_defaults() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    // Only the concurrency of huggingface.co is changed; its rate stays the built-in
    // 1000/5m. (Falling back to the `*` default of 1/1s would take 8 s or more.)
    let text = format!(
        "store = \"store\"\n[http]\nmirror = \"{}\"\nbackoff = \"50ms\"\n\n[hosts.\"export.arxiv.org\"]\nrate = \"100/1s\"\n\n[hosts.\"HuggingFace.co\"]\nconcurrency = 2\n\n{}",
        web.mirror(),
        model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat")
    );
    let p = Project::with_config(&text);
    let started = Instant::now();
    ok(&p.crawl(&[], &[]));
    let hf = requests_to_host(&web, "huggingface.co");
    assert!(hf.len() >= 8, "{}", hf.len());
    let spread = hf.last().unwrap().at.duration_since(hf[0].at);
    // At least 8 requests at the `*` default of 1/1s would spread over 7 s or more.
    assert!(spread < Duration::from_secs(5), "huggingface.co requests spread over {spread:?} (run took {:?})", started.elapsed());
}

#[test]
fn only_the_chosen_model_is_crawled_and_the_osai_schema_is_used() {
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    let other = "acme/other-1b";
    web.set_json(&hf_api(other), fixtures::hf_model(other, Some("mit"), Gated::No, WEIGHTS, &[], json!({})));
    let models = format!("{}\n{}", model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat"), model("other", "Other 1B", other));
    let p = Project::new(&web, "", &models);
    ok(&p.crawl(&["--model", "widget-7b-chat", "--schema", "osai"], &[]));
    assert!(requests_to(&web, "huggingface.co", &format!("/api/models/{other}")).is_empty(), "the other model is not crawled");
    assert!(!p.out().join("other.yaml").exists());
    let y = p.yaml("widget-7b-chat");
    assert_eq!(y["system"]["name"].as_str(), Some("Widget 7B Chat"), "osai files start with `system`");
    let j = p.json("widget-7b-chat");
    assert_eq!(j["schema"], "osai");
    let verdicts = j["verdicts"].as_object().unwrap();
    assert_eq!(verdicts.len(), 12, "{:?}", verdicts.keys().collect::<Vec<_>>());
    for key in verdicts.keys() {
        assert!(y.get(key.as_str()).is_some_and(|p| p.get("class").is_some() && p.get("link").is_some() && p.get("notes").is_some()), "{key} in the YAML");
    }
    // An unknown model id is a fatal error.
    let run = p.crawl(&["--model", "nope"], &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nope"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_closed_stdout_pipe_ends_the_run_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let web = FakeWeb::start_blocking();
    serve_full_model(&web);
    let p = Project::new(&web, "", &model("widget-7b-chat", "Widget 7B Chat", "acme/widget-7b-chat"));
    // `openness crawl | head -0`: the reader is gone before the summary is printed.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_openness"))
        .args(["crawl", "--config"])
        .arg(p.config())
        .env("NO_PROXY", "127.0.0.1")
        .env_remove("RUST_LOG")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start the openness binary");
    drop(child.stdout.take());
    let mut stderr = child.stderr.take().expect("stderr");
    let code = common::wait_bounded(&mut child, common::RUN_TIMEOUT);
    let mut err = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut err).ok();
    let status = child.wait().expect("status");
    assert!(code.is_some(), "the run did not end within {:?}", common::RUN_TIMEOUT);
    assert!(!err.contains("panicked"), "no panic on a closed pipe: {err}");
    const SIGPIPE: i32 = 13;
    assert!(status.success() || status.signal() == Some(SIGPIPE), "ended normally or by SIGPIPE: {status:?}");
    // The run itself completed before printing its summary: its outputs are whole.
    p.yaml("widget-7b-chat");
}

#[test]
fn readme_dataset_links_count_only_in_sentences_about_training() {
    let web = FakeWeb::start_blocking();
    let (end, repo) = ("acme/sprocket-7b-chat", "acme/sprocket");
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &["transformers"], json!({ "base_model": "acme/sprocket-7b" })));
    web.set_text(&hf_card(end), &fixtures::model_card("license: apache-2.0\nbase_model: acme/sprocket-7b", "# Sprocket 7B Chat\n\nCode: https://github.com/acme/sprocket\n"));
    web.set_json(&format!("https://api.github.com/repos/{repo}"), fixtures::github_repo(repo, "main", Some("Apache-2.0"), "Sprocket training code", false));
    let readme = "# Sprocket\n\nWe fine-tune Sprocket on [acme/sprocket-dialogues](https://huggingface.co/datasets/acme/sprocket-dialogues).\n\n\
                  ## Evaluation\n\nOn the [Puzzle benchmark](https://huggingface.co/datasets/acme/puzzle-bench) Sprocket scores well.\n";
    web.set_json(&format!("https://api.github.com/repos/{repo}/readme"), fixtures::github_readme_at(repo, "main", readme));
    serve_dataset(&web, "acme/sprocket-dialogues", "Dialogues used to tune Sprocket.");
    serve_dataset(&web, "acme/puzzle-bench", "A reasoning benchmark.");
    let p = Project::new(&web, "", &model("sprocket", "Sprocket 7B Chat", end));
    ok(&p.crawl(&[], &[]));
    assert!(!requests_to(&web, "huggingface.co", "/api/datasets/acme/sprocket-dialogues").is_empty());
    assert!(requests_to(&web, "huggingface.co", "/api/datasets/acme/puzzle-bench").is_empty(), "a benchmark link is not followed as training data");
    let y = p.yaml("sprocket");
    assert_eq!(class_of(&y, "rldata"), "open", "{}", notes_of(&y, "rldata"));
    assert!(notes_of(&y, "rldata").contains("acme/sprocket-dialogues") && !notes_of(&y, "rldata").contains("puzzle"), "{}", notes_of(&y, "rldata"));
}

#[test]
fn hub_api_401_for_a_base_model_means_missing_or_private_not_gated() {
    // The Hub shows a gated repository's metadata to anyone; its API answers 401 (with
    // X-Error-Code: RepoNotFound) for a repository that is missing or private.
    let web = FakeWeb::start_blocking();
    let (end, base) = ("acme/lathe-7b-chat", "acme/lathe-7b-missing");
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::No, WEIGHTS, &["transformers"], json!({ "base_model": base })));
    web.set_text(&hf_card(end), &fixtures::model_card(&format!("license: apache-2.0\nbase_model: {base}"), "# Lathe 7B Chat\n\nLathe tuned for chat.\n"));
    let missing = Reply::bytes(401, br#"{"error":"Repository not found"}"#.to_vec()).with_header("x-error-code", "RepoNotFound");
    web.set(&hf_api(base), missing.clone());
    web.set(&hf_card(base), missing);
    let p = Project::new(&web, "", &model("lathe", "Lathe 7B Chat", end));
    ok(&p.crawl(&[], &[]));
    let y = p.yaml("lathe");
    assert_eq!(class_of(&y, "llmweights"), "closed", "{}", notes_of(&y, "llmweights"));
    assert!(notes_of(&y, "llmweights").contains("missing or private"), "{}", notes_of(&y, "llmweights"));
}

#[test]
fn a_link_that_redirects_to_an_arxiv_paper_is_read_as_that_paper() {
    // Cards often link papers through URL shorteners or vendor redirects.
    let web = FakeWeb::start_blocking();
    let end = "acme/rivet-3b-instruct";
    serve_model(&web, end, "mit", "# Rivet 3B Instruct\n\nRead the [technical report](https://short.example/rivet-report).\n");
    web.set("https://short.example/rivet-report", Reply::redirect(302, "https://arxiv.org/abs/2404.05555"));
    web.set_arxiv(
        "2404.05555",
        &fixtures::arxiv_entry("2404.05555", "Rivet: a small instruction-tuned model", "We pretrain Rivet on 3 trillion tokens of curated data and instruction-tune it for chat.", None, None, None),
    );
    let p = Project::new(&web, "", &model("rivet", "Rivet 3B Instruct", end));
    ok(&p.crawl(&[], &[]));
    let y = p.yaml("rivet");
    assert_ne!(class_of(&y, "preprint"), "closed", "{}", notes_of(&y, "preprint"));
    assert!(links_of(&y, "preprint").iter().any(|l| l.contains("arxiv.org/abs/2404.05555")), "{:?}", links_of(&y, "preprint"));
}

#[test]
fn within_the_page_budget_links_to_reports_and_releases_come_first() {
    // Eight links on the card, the technical report last; the budget is six pages.
    let web = FakeWeb::start_blocking();
    let end = "acme/gear-2b-chat";
    let misc: String = (1..=7).map(|i| format!("- [community {i}](https://misc.example/community-{i})\n")).collect();
    serve_model(&web, end, "mit", &format!("# Gear 2B Chat\n\n{misc}- [Gear technical report](https://short.example/gear)\n"));
    web.set("https://short.example/gear", Reply::redirect(302, "https://arxiv.org/abs/2405.06666"));
    web.set_arxiv("2405.06666", &fixtures::arxiv_entry("2405.06666", "Gear: a small chat model", "We pretrain Gear on 2 trillion tokens and tune it for chat.", None, None, None));
    let p = Project::new(&web, "", &model("gear", "Gear 2B Chat", end));
    ok(&p.crawl(&[], &[]));
    assert_eq!(requests_to(&web, "short.example", "/gear").len(), 1);
    let mut misc_pages: Vec<String> = requests_to_host(&web, "misc.example").into_iter().map(|r| r.path).filter(|p| p.starts_with("/community")).collect();
    misc_pages.sort();
    assert_eq!(misc_pages, (1..=5).map(|i| format!("/community-{i}")).collect::<Vec<_>>(), "the rest of the budget goes to the other links, in card order");
    let y = p.yaml("gear");
    assert!(links_of(&y, "preprint").iter().any(|l| l.contains("2405.06666")), "{:?}", links_of(&y, "preprint"));
}

#[test]
fn a_gated_repositorys_card_is_read_from_its_page_on_the_hub() {
    // The README of a gated repository needs the terms accepted (401); its page shows the card.
    let web = FakeWeb::start_blocking();
    let (end, base) = ("acme/vault-8b-instruct", "acme/vault-8b");
    web.set_json(&hf_api(end), fixtures::hf_model(end, Some("apache-2.0"), Gated::Manual, WEIGHTS, &["transformers"], json!({ "license": "apache-2.0", "extra_gated_prompt": "Accept the terms" })));
    web.set(&hf_card(end), Reply::bytes(401, br#"{"error":"Access to model acme/vault-8b-instruct is restricted."}"#.to_vec()).with_header("x-error-code", "GatedRepo"));
    let prose = "Vault answers questions and follows instructions in English. It was evaluated on reading comprehension and reasoning benchmarks. ".repeat(6);
    web.set(
        &format!("https://huggingface.co/{end}"),
        Reply::html(format!(
            "<html><body><header><nav>Models Datasets Spaces</nav></header><div class=\"model-card-content\">\
             <h1>Vault 8B Instruct</h1><p>Vault 8B Instruct is fine-tuned from <a href=\"/{base}\">Vault 8B</a>.</p>\
             <h2>Model Details</h2><p>{prose}</p><h2>Intended Use</h2><p>{prose}</p>\
             <h2>Evaluation</h2><p>{prose}</p><h2>Limitations</h2><p>{prose}</p></div></body></html>"
        )),
    );
    web.set_json(&hf_api(base), fixtures::hf_model(base, Some("apache-2.0"), Gated::No, WEIGHTS, &["transformers"], json!({ "license": "apache-2.0" })));
    // A page without the rendered card (only the Hub's panels) gives no card.
    let bare = "acme/safe-2b";
    web.set_json(&hf_api(bare), fixtures::hf_model(bare, Some("apache-2.0"), Gated::Manual, WEIGHTS, &["transformers"], json!({ "license": "apache-2.0" })));
    web.set(&hf_card(bare), Reply::bytes(401, br#"{"error":"restricted"}"#.to_vec()).with_header("x-error-code", "GatedRepo"));
    web.set(&format!("https://huggingface.co/{bare}"), Reply::html("<html><body><main><h2>Datasets used to train acme/safe-2b</h2><p>Files and versions</p></main></body></html>"));
    let p = Project::new(&web, "", &format!("{}\n{}", model("vault", "Vault 8B Instruct", end), model("safe", "Safe 2B", bare)));
    ok(&p.crawl(&[], &[]));
    assert_eq!(class_of(&p.yaml("safe"), "modelcard"), "closed", "{}", notes_of(&p.yaml("safe"), "modelcard"));
    let y = p.yaml("vault");
    assert_ne!(class_of(&y, "modelcard"), "closed", "{}", notes_of(&y, "modelcard"));
    assert!(notes_of(&y, "modelcard").contains("evaluation"), "{}", notes_of(&y, "modelcard"));
    // The base linked in the shown card was found and judged.
    assert!(!requests_to(&web, "huggingface.co", &format!("/api/models/{base}")).is_empty());
    assert_eq!(class_of(&y, "llmweights"), "open", "{}", notes_of(&y, "llmweights"));
}

#[test]
fn a_readme_mostly_in_chinese_is_read_in_its_english_version() {
    // Section titles and sentences are read in English: the English README beside a
    // Chinese one is fetched from raw.githubusercontent.com and is what the rules read.
    let web = FakeWeb::start_blocking();
    let (end, repo) = ("acme/abacus-6b", "acme/Abacus");
    serve_model(&web, end, "apache-2.0", "# Abacus 6B\n\nCode: https://github.com/acme/Abacus\n");
    web.set_json(&format!("https://api.github.com/repos/{repo}"), fixtures::github_repo(repo, "main", Some("Apache-2.0"), "Abacus", false));
    let chinese = "# Abacus-6B\n\n[English](README_en.md)\n\n## 介绍\n\nAbacus-6B 是一个开源的双语对话语言模型，基于通用语言模型架构，具有六十亿参数。\n\n## 使用方式\n\n请参考下面的代码示例来加载模型并进行推理。\n";
    web.set_json(&format!("https://api.github.com/repos/{repo}/readme"), fixtures::github_readme_at(repo, "main", chinese));
    web.set_json(&format!("https://api.github.com/repos/{repo}/git/trees/main"), fixtures::github_tree(&["README.md", "README_en.md", "api.py", "cli_demo.py"]));
    let english = "# Abacus-6B\n\n## Introduction\n\nAbacus-6B is an open bilingual dialogue model with six billion parameters ([report](https://arxiv.org/abs/2403.07777)).\n\n## API Deployment\n\nRun `python api.py` to serve Abacus-6B over HTTP.\n";
    web.set_arxiv("2403.07777", &fixtures::arxiv_entry("2403.07777", "Abacus: an open bilingual dialogue model", "We pretrain Abacus-6B on 1T tokens and tune it for dialogue.", None, None, None));
    web.set_text("https://raw.githubusercontent.com/acme/Abacus/main/README_en.md", english);
    let p = Project::new(&web, "", &model("abacus", "Abacus 6B", end));
    ok(&p.crawl(&[], &[]));
    assert_eq!(requests_to(&web, "raw.githubusercontent.com", "/acme/Abacus/main/README_en.md").len(), 1);
    let y = p.yaml("abacus");
    // Only the English README has an API section.
    assert_eq!(class_of(&y, "api"), "partial", "{}", notes_of(&y, "api"));
    assert!(notes_of(&y, "api").contains("API Deployment"), "{}", notes_of(&y, "api"));
    assert_eq!(links_of(&y, "api"), vec!["https://github.com/acme/Abacus/blob/main/README_en.md#api-deployment".to_string()], "the English README's own page is cited");
    // Links only the English README holds are followed too.
    assert!(links_of(&y, "preprint").iter().any(|l| l.contains("2403.07777")), "{:?}", links_of(&y, "preprint"));
}

#[test]
fn an_english_readme_is_read_as_it_is() {
    let web = FakeWeb::start_blocking();
    let (end, repo) = ("acme/tally-6b", "acme/Tally");
    serve_model(&web, end, "apache-2.0", "# Tally 6B\n\nCode: https://github.com/acme/Tally\n");
    web.set_json(&format!("https://api.github.com/repos/{repo}"), fixtures::github_repo(repo, "main", Some("Apache-2.0"), "Tally", false));
    web.set_json(&format!("https://api.github.com/repos/{repo}/readme"), fixtures::github_readme_at(repo, "main", "# Tally-6B\n\n[中文](README_zh.md) | [English](README_en.md)\n\nTally-6B is an open dialogue model.\n"));
    web.set_json(&format!("https://api.github.com/repos/{repo}/git/trees/main"), fixtures::github_tree(&["README.md", "README_en.md", "README_zh.md"]));
    let p = Project::new(&web, "", &model("tally", "Tally 6B", end));
    ok(&p.crawl(&[], &[]));
    assert!(requests_to_host(&web, "raw.githubusercontent.com").is_empty(), "no second README for an English one");
}

#[test]
fn a_base_of_the_models_own_family_named_without_a_link_is_looked_up_in_its_organisation() {
    let web = FakeWeb::start_blocking();
    let (end, base) = ("acme/gizmo-7b-instruct", "acme/Gizmo-7B");
    serve_model(&web, end, "apache-2.0", "# Gizmo 7B Instruct\n\nThis model is trained on top of Gizmo 7B with supervised fine-tuning on dialogues.\n");
    serve_model(&web, base, "apache-2.0", "# Gizmo 7B\n\nA base model pretrained from scratch.\n");
    let p = Project::new(&web, "", &model("gizmo", "Gizmo 7B Instruct", end));
    ok(&p.crawl(&[], &[]));
    let y = p.yaml("gizmo");
    assert_eq!(class_of(&y, "llmweights"), "open", "{}", notes_of(&y, "llmweights"));
    assert!(notes_of(&y, "llmweights").contains(base), "{}", notes_of(&y, "llmweights"));
    assert!(notes_of(&y, "llmweights").contains("names its base without a link"), "how the base was found is said: {}", notes_of(&y, "llmweights"));
}

#[test]
fn a_base_published_beside_the_tuned_model_is_found_by_its_name() {
    let web = FakeWeb::start_blocking();
    // Neither declared, linked nor named: the card only says the model was tuned for chat.
    let (end, base) = ("acme/sprocket-7b-chat", "acme/sprocket-7b");
    serve_model(&web, end, "apache-2.0", "# Sprocket 7B Chat\n\nSprocket 7B Chat is fine-tuned for dialogue with supervised fine-tuning and RLHF.\n");
    serve_model(&web, base, "apache-2.0", "# Sprocket 7B\n\nA base model pretrained from scratch.\n");
    let p = Project::new(&web, "", &model("sprocket", "Sprocket 7B Chat", end));
    ok(&p.crawl(&[], &[]));
    let y = p.yaml("sprocket");
    assert_eq!(y["project"]["llmbase"].as_str(), Some(base));
    let notes = notes_of(&y, "llmweights");
    assert_eq!(class_of(&y, "llmweights"), "open", "{notes}");
    assert!(notes.contains(&format!("{base}, the end model's repository name without \"-chat\"")), "how the base was found is said: {notes}");
    assert_eq!(p.json("sprocket")["verdicts"]["llmweights"]["confidence"], "medium", "a base found by name may not be the one");

    // A card that names another developer's base: no sibling is looked for.
    let other = "acme/cog-7b-chat";
    serve_model(&web, other, "apache-2.0", "# Cog 7B Chat\n\nCog 7B Chat is a fine-tuned version of Llama 2 for dialogue.\n");
    let p = Project::new(&web, "", &model("cog", "Cog 7B Chat", other));
    ok(&p.crawl(&[], &[]));
    assert!(requests_to(&web, "huggingface.co", "/api/models/acme/cog-7b").is_empty());
}

#[test]
fn a_guessed_base_that_does_not_exist_is_no_evidence_and_no_error() {
    let web = FakeWeb::start_blocking();
    let end = "acme/doohickey-7b-instruct";
    serve_model(&web, end, "apache-2.0", "# Doohickey 7B Instruct\n\nA fine-tuned version of Doohickey-7B-Base, trained on our dialogues.\n\nIt is also a fine-tune of Llama 2.\n");
    let p = Project::new(&web, "", &model("doohickey", "Doohickey 7B Instruct", end));
    ok(&p.crawl(&[], &[]));
    assert_eq!(requests_to(&web, "huggingface.co", "/api/models/acme/Doohickey-7B-Base").len(), 1, "the own-family name is looked up once");
    assert!(requests_to(&web, "huggingface.co", "/api/models/acme/Llama-2").is_empty(), "another developer's base is not guessed in this organisation");
    let y = p.yaml("doohickey");
    assert_eq!(class_of(&y, "llmweights"), "closed", "{}", notes_of(&y, "llmweights"));
    assert_eq!(p.json("doohickey")["problems"], json!([]), "a guess that missed is not a problem");
}

#[test]
fn a_folder_the_card_links_is_read_for_its_readme() {
    // The card links the folder of a multi-model recipes repository that holds this model's
    // recipe: its README is fetched raw at the linked ref and documents the model's code.
    let web = FakeWeb::start_blocking();
    let (end, repo) = ("acme/quill-7b-chat", "labs/recipes");
    serve_model(&web, end, "apache-2.0", "# Quill 7B Chat\n\nTrained with the recipe at https://github.com/labs/recipes/tree/main/recipes/quill-7b-chat.\n");
    web.set_json(&format!("https://api.github.com/repos/{repo}"), fixtures::github_repo(repo, "main", Some("Apache-2.0"), "Alignment recipes", false));
    web.set_json(&format!("https://api.github.com/repos/{repo}/readme"), fixtures::github_readme_at(repo, "main", "# Recipes\n\nScripts and configs to fine-tune language models.\n"));
    web.set_json(&format!("https://api.github.com/repos/{repo}/git/trees/main"), fixtures::github_tree(&["README.md", "scripts/run_sft.py", "recipes/quill-7b-chat/README.md", "recipes/quill-7b-chat/sft.yaml"]));
    let words = "Run scripts/run_sft.py with the sft.yaml config of this folder on eight GPUs for three epochs. ".repeat(25);
    let recipe = format!("# Quill 7B Chat\n\nThe recipe that trained Quill-7B-Chat.\n\n## Training\n\n{words}\n");
    web.set_text("https://raw.githubusercontent.com/labs/recipes/main/recipes/quill-7b-chat/README.md", &recipe);
    let p = Project::new(&web, "", &model("quill", "Quill 7B Chat", end));
    ok(&p.crawl(&[], &[]));
    assert_eq!(requests_to(&web, "raw.githubusercontent.com", "/labs/recipes/main/recipes/quill-7b-chat/README.md").len(), 1);
    let y = p.yaml("quill");
    assert_eq!(class_of(&y, "code"), "partial", "{}", notes_of(&y, "code"));
    assert_eq!(links_of(&y, "code"), vec!["https://github.com/labs/recipes/blob/main/recipes/quill-7b-chat/README.md".to_string()]);
    assert!(notes_of(&y, "code").contains("folder recipes/quill-7b-chat: README of"), "{}", notes_of(&y, "code"));
    assert_ne!(class_of(&y, "opencode"), "closed", "{}", notes_of(&y, "opencode"));
}
