//! End to end: `openness seed` from each kind of starting point against the fake web,
//! `--add` keeping the config file as it was, and `openness report` escaping evidence.

mod common;
use common::{Project, Run};
use openness_testkit::{fixtures, FakeWeb, Gated};
use serde_json::json;

const XSS_SCRIPT: &str = "<script>alert(1)</script>";
const XSS_IMG: &str = "<img src=x onerror=alert(1)>";

/// A project folder whose config sends every request to `web`, with `extra` appended.
fn project(web: &FakeWeb, extra: &str) -> Project {
    let text = format!(
        "# Models tracked by the test.\nstore = \"store\"   # relative to this file\n\n[http]\nmirror = \"{}\"\nretries = 1\nbackoff = \"10ms\"\n\n[hosts.\"export.arxiv.org\"]\nrate = \"100/1s\"\n\n[hosts.\"*\"]\nrate = \"100/1s\"\n{extra}",
        web.mirror()
    );
    Project::with_config(&text)
}

fn ok(run: &Run) -> String {
    assert!(run.code == 0, "exit {}\nstdout:\n{}\nstderr:\n{}", run.code, run.stdout, run.stderr);
    run.stdout.clone()
}

/// A Hugging Face model whose card carries markup that must never reach a page as markup.
fn serve_model(web: &FakeWeb, id: &str) {
    web.set_json(
        &format!("https://huggingface.co/api/models/{id}"),
        fixtures::hf_model(id, Some("apache-2.0"), Gated::No, &["config.json", "model.safetensors", "README.md"], &["text-generation"], json!({ "license": "apache-2.0" })),
    );
    let body = format!(
        "# Widget 7B Chat\n\nA chat model for testing, tuned with RLHF.\n\n## Model details {XSS_SCRIPT}\n\nThe architecture is a decoder-only transformer with 32 layers.\n\n## Training data {XSS_IMG}\n\nTrained on a mix of public web text and chats.\n\n## Limitations\n\nIt makes things up.\n"
    );
    web.set_text(&format!("https://huggingface.co/{id}/raw/main/README.md"), &fixtures::model_card("license: apache-2.0\npipeline_tag: text-generation", &body));
}

fn serve_repo(web: &FakeWeb, repo: &str, readme: &str) {
    web.set_json(&format!("https://api.github.com/repos/{repo}"), fixtures::github_repo(repo, "main", Some("MIT"), "Training code for the widget models", false));
    web.set_json(&format!("https://api.github.com/repos/{repo}/readme"), fixtures::github_readme_at(repo, "main", readme));
    web.set_json(&format!("https://api.github.com/repos/{repo}/license"), fixtures::github_license_at(repo, "main", "MIT", "MIT License"));
    web.set_json(&format!("https://api.github.com/repos/{repo}/git/trees/main"), fixtures::github_tree(&["README.md", "LICENSE", "train.py", "configs/7b.yaml"]));
}

/// The draft verdict file parses, has the 14 parameters and the given main link.
fn check_draft(project: &Project, id: &str) -> serde_yaml_ng::Value {
    let path = project.dir().join(format!("out/{id}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).unwrap();
    let keys = ["opencode", "llmdata", "llmweights", "rldata", "rlweights", "license", "code", "architecture", "preprint", "paper", "modelcard", "datasheet", "package", "api"];
    for k in keys {
        assert!(v[k].get("class").is_some(), "{k} missing in {text}");
    }
    let params = v.as_mapping().unwrap().keys().filter(|k| !matches!(k.as_str(), Some("project" | "system" | "org"))).count();
    assert_eq!(params, 14, "{text}");
    assert!(v["project"]["name"].as_str().is_some_and(|n| !n.is_empty()), "{text}");
    v
}

fn entry_of(stdout: &str) -> toml::Value {
    let v: toml::Value = toml::from_str(stdout).unwrap_or_else(|e| panic!("not TOML: {e}\n{stdout}"));
    v["model"][0].clone()
}

#[test]
fn seed_from_hugging_face_adds_to_config_and_report_escapes_evidence() {
    let web = FakeWeb::start_blocking();
    serve_model(&web, "acme/widget-7b-chat");
    // The model already tracked exists too (a repository that 404s fails its model).
    let gizmo = "acme/gizmo-1b";
    web.set_json(&format!("https://huggingface.co/api/models/{gizmo}"), fixtures::hf_model(gizmo, Some("mit"), Gated::No, &["model.safetensors"], &[], json!({})));
    let existing = "\n# ---- tracked models ----\n[[model]]\nid   = \"gizmo\"          # aligned on purpose\nname = \"Gizmo\"\nhf   = \"acme/gizmo-1b\"\n\n# trailing comment stays last before the new entry\n";
    let p = project(&web, existing);
    let before = std::fs::read_to_string(p.config()).unwrap();

    let out = p.run(&["seed", "https://huggingface.co/acme/widget-7b-chat", "--add"]);
    let stdout = ok(&out);
    let e = entry_of(&stdout);
    assert_eq!(e["id"].as_str(), Some("widget-7b-chat"));
    assert_eq!(e["hf"].as_str(), Some("acme/widget-7b-chat"));
    let v = check_draft(&p, "widget-7b-chat");
    assert_eq!(v["project"]["link"].as_str(), Some("https://huggingface.co/acme/widget-7b-chat"));
    assert_eq!(v["rlweights"]["class"].as_str(), Some("open"));
    // The draft's low-confidence verdicts are counted for the reviewer.
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p.out().join("widget-7b-chat.json")).unwrap()).unwrap();
    let low = json["verdicts"].as_object().unwrap().values().filter(|v| v["confidence"] == "low").count();
    assert!(low >= 1, "architecture is always low");
    let counted = if low == 1 { "1 verdict".to_string() } else { format!("{low} verdicts") };
    assert!(out.stderr.contains(&format!("; {counted} of low confidence to review first")), "{}", out.stderr);

    // --add appended the entry and left every byte before it alone.
    let after = std::fs::read_to_string(p.config()).unwrap();
    assert!(after.starts_with(&before), "config rewritten:\n{after}");
    assert!(after[before.len()..].contains("[[model]]\nid = \"widget-7b-chat\""), "{after}");
    let cfg = openness::config::Config::load(&p.config()).unwrap();
    assert_eq!(cfg.models.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["gizmo", "widget-7b-chat"]);

    // Adding the same model again is refused and the file is unchanged.
    let again = p.run(&["seed", "acme/widget-7b-chat", "--add"]);
    assert!(again.code != 0);
    assert!(again.stderr.contains("already"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(p.config()).unwrap(), after);

    // The stored evidence carries the markup (so the check below means something) ...
    let json = std::fs::read_to_string(p.dir().join("out/widget-7b-chat.json")).unwrap();
    assert!(json.contains(XSS_SCRIPT) && json.contains(XSS_IMG), "the card's markup should be in the evidence");

    // ... and the HTML page shows it as text only.
    let index = p.dir().join("index");
    std::fs::create_dir_all(&index).unwrap();
    std::fs::write(index.join("widget-7b-chat.yaml"), "project:\n    name: Widget\nrlweights:\n    class: closed\n    link: javascript:alert(2)\n    notes: \"<svg onload=alert(3)>\"\n").unwrap();
    let html_path = p.dir().join("report.html");
    let md_path = p.dir().join("report.md");
    let stdout = ok(&p.run(&["report", "--html", html_path.to_str().unwrap(), "--markdown", md_path.to_str().unwrap(), "--index", index.to_str().unwrap()]));
    assert!(stdout.is_empty(), "nothing on stdout when files are asked for: {stdout}");
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(!html.contains(XSS_SCRIPT), "raw <script> in the page");
    assert!(!html.contains(XSS_IMG), "raw <img> in the page");
    assert!(!html.contains("<svg"), "raw <svg> in the page");
    assert!(!html.contains("href=\"javascript:"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped script missing");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "escaped img missing");
    assert!(html.contains("&lt;svg onload=alert(3)&gt;"));
    assert_eq!(html.matches("<script").count(), 1, "only the page's own sorting script");
    assert!(!html.contains("src=\"http") && !html.contains("<link "), "no external resources");
    assert!(html.contains("cell open disagree"), "rlweights: open vs the index's closed should be outlined");
    assert!(html.contains("widget-7b-chat"));
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(md.contains("| Widget 7B Chat") || md.contains("(`widget-7b-chat`)"), "{md}");
    assert!(md.contains("🟩 open ⚠ (🟥 closed)"), "{md}");

    let seed_run = serde_json::from_str::<serde_json::Value>(&json).unwrap()["run"].as_str().unwrap().to_string();
    // Without file flags the Markdown summary goes to stdout.
    let printed = ok(&p.run(&["report"]));
    assert!(printed.contains("(`widget-7b-chat`)") && printed.contains("In all:"), "{printed}");
    assert!(!html.contains("Changes since run"), "a first run has nothing to compare with");

    // The seeded model is now tracked: a crawl covers both models (progress lines go to
    // the log when stderr is not a terminal), and the report lists the changes since the seed.
    let out = p.run_with_env(&["-v", "crawl"], &[("RUST_LOG", "info")]);
    let log = &out.stderr;
    assert!(log.contains("/2] widget-7b-chat:") && log.contains("/2] gizmo:"), "{log}");
    ok(&p.run(&["report", "--html", html_path.to_str().unwrap()]));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("Changes since run"), "changes section missing");
    assert!(html.contains("gizmo") && html.contains("widget-7b-chat"));
    // An earlier run by id; unknown runs and index folders are errors.
    let earlier = ok(&p.run(&["report", "--run", &seed_run]));
    assert!(earlier.contains(&seed_run) && earlier.contains("(`widget-7b-chat`)") && !earlier.contains("gizmo"), "{earlier}");
    assert!(p.run(&["report", "--run", "no-such-run"]).code != 0);
    assert!(p.run(&["report", "--index", p.dir().join("nowhere").to_str().unwrap()]).code != 0);
}

#[test]
fn seed_from_a_github_repository_finds_the_linked_model() {
    let web = FakeWeb::start_blocking();
    serve_model(&web, "acme/widget-7b-chat");
    serve_repo(&web, "acme/widget", "# Widget\n\nTraining code for the widget models.\n\nWeights: https://huggingface.co/acme/widget-7b-chat\n\n## Usage\n\nRun `python train.py --config configs/7b.yaml`.\n");
    let p = project(&web, "");
    let e = entry_of(&ok(&p.run(&["seed", "github:acme/widget", "--name", "Widget 7B Chat"])));
    assert_eq!(e["id"].as_str(), Some("widget-7b-chat"));
    assert_eq!(e["github"][0].as_str(), Some("acme/widget"));
    assert_eq!(e["hf"].as_str(), Some("acme/widget-7b-chat"), "the model the README links");
    let v = check_draft(&p, "widget-7b-chat");
    assert_eq!(v["project"]["link"].as_str(), Some("https://huggingface.co/acme/widget-7b-chat"));
    // Without --add the config is untouched.
    assert!(!std::fs::read_to_string(p.config()).unwrap().contains("[[model]]"));
    // A github.com URL works as well.
    let e = entry_of(&ok(&p.run(&["seed", "https://github.com/acme/widget", "--name", "Widget again"])));
    assert_eq!(e["id"].as_str(), Some("widget-again"));
}

#[test]
fn seed_from_a_repository_whose_linked_model_is_gone_keeps_the_repository() {
    let web = FakeWeb::start_blocking();
    serve_repo(&web, "acme/lathe", "# Lathe\n\nTraining code for the lathe models.\n\nWeights: https://huggingface.co/acme/lathe-7b-old\n\n## Usage\n\nRun `python train.py --config configs/7b.yaml`.\n");
    let p = project(&web, "");
    let out = p.run(&["seed", "github:acme/lathe", "--add"]);
    let e = entry_of(&ok(&out));
    assert_eq!(e["github"][0].as_str(), Some("acme/lathe"));
    assert!(e.get("hf").is_none(), "a linked model that answers 404 is not the entry's `hf`: {e:?}");
    assert!(out.stderr.contains("acme/lathe-7b-old") && out.stderr.contains("kept without `hf`"), "{}", out.stderr);
    assert!(!out.stderr.contains("ERROR"), "a linked model that is tried and left out is no error: {}", out.stderr);
    check_draft(&p, "lathe");
    let config = std::fs::read_to_string(p.config()).unwrap();
    assert!(config.contains("github = [\"acme/lathe\"]") && !config.contains("lathe-7b-old"), "{config}");
}

#[test]
fn seed_tries_the_next_linked_model_when_the_most_linked_is_gone() {
    let web = FakeWeb::start_blocking();
    serve_model(&web, "acme/lathe-7b-chat");
    serve_repo(&web, "acme/lathe", "# Lathe\n\nTraining code for the lathe models.\n\n- Old weights: https://huggingface.co/acme/lathe-7b-old\n- Old weights, 4-bit: https://huggingface.co/acme/lathe-7b-old\n- Chat weights: https://huggingface.co/acme/lathe-7b-chat\n\n## Usage\n\nRun `python train.py --config configs/7b.yaml`.\n");
    let p = project(&web, "");
    let out = p.run(&["seed", "github:acme/lathe"]);
    let e = entry_of(&ok(&out));
    assert_eq!(e["hf"].as_str(), Some("acme/lathe-7b-chat"), "the most linked model is gone, the next one is adopted: {e:?}\n{}", out.stderr);
    assert!(out.stderr.contains("acme/lathe-7b-old") && out.stderr.contains("HTTP 404"), "the reason the first was left out: {}", out.stderr);
    assert!(!out.stderr.contains("check the `hf` id") && !out.stderr.contains("ERROR"), "a tried model is not the user's config: {}", out.stderr);
    let v = check_draft(&p, "lathe");
    assert_eq!(v["project"]["link"].as_str(), Some("https://huggingface.co/acme/lathe-7b-chat"));
}

#[test]
fn seed_from_a_quantized_copy_says_which_model_it_copies() {
    let web = FakeWeb::start_blocking();
    let (copy, original) = ("quants/widget-7b-chat-GGUF", "acme/widget-7b-chat");
    serve_model(&web, original);
    web.set_json(
        &format!("https://huggingface.co/api/models/{copy}"),
        fixtures::hf_model(copy, Some("apache-2.0"), Gated::No, &["README.md", "widget-7b-chat.Q4_K_M.gguf"], &["gguf", &format!("base_model:quantized:{original}")], json!({ "license": "apache-2.0", "base_model": original })),
    );
    web.set_text(&format!("https://huggingface.co/{copy}/raw/main/README.md"), &fixtures::model_card(&format!("license: apache-2.0\nbase_model: {original}"), "# Widget 7B Chat GGUF\n\nQuantized files of Widget 7B Chat.\n"));
    let p = project(&web, "");
    let out = p.run(&["seed", copy]);
    ok(&out);
    assert!(out.stderr.contains(&format!("{copy} is a quantized copy of {original}")) && out.stderr.contains(&format!("seed {original}")), "{}", out.stderr);
    let v = check_draft(&p, "widget-7b-chat-gguf");
    assert!(v["rlweights"]["notes"].as_str().unwrap_or("").contains("quantized copy"), "{:?}", v["rlweights"]);
    // A model that is no copy gets no such warning.
    let out = p.run(&["seed", original]);
    ok(&out);
    assert!(!out.stderr.contains("quantized copy"), "{}", out.stderr);
}

#[test]
fn seed_from_an_arxiv_paper() {
    let web = FakeWeb::start_blocking();
    serve_repo(&web, "acme/widget", "# Widget\n\nCode only.\n");
    web.set_arxiv("2401.01234", &fixtures::arxiv_entry("2401.01234", "Widget: an open chat model", "We release Widget, with code at https://github.com/acme/widget .", None, None, None));
    let p = project(&web, "");
    let e = entry_of(&ok(&p.run(&["seed", "arXiv:2401.01234"])));
    // Named after the paper's short title, not its id.
    assert_eq!((e["id"].as_str(), e["name"].as_str()), (Some("widget"), Some("Widget")));
    assert_eq!(e["arxiv"][0].as_str(), Some("2401.01234"));
    assert!(e.get("hf").is_none(), "nothing links a Hugging Face model");
    let v = check_draft(&p, "widget");
    assert_ne!(v["preprint"]["class"].as_str(), Some("closed"), "the paper itself is a preprint");
    let link = serde_yaml_ng::to_string(&v["preprint"]["link"]).unwrap();
    assert!(link.contains("arxiv.org/abs/2401.01234"), "{link}");
    // The repository the abstract names was crawled too.
    let json = std::fs::read_to_string(p.dir().join("out/widget.json")).unwrap();
    assert!(json.contains("api.github.com/repos/acme/widget"), "repository not followed");
    assert!(!p.dir().join("out/arxiv-2401-01234.yaml").exists(), "the draft under the paper's id is superseded");
    // --name wins; a title that is no short name leaves the paper's id.
    let e = entry_of(&ok(&p.run(&["seed", "arXiv:2401.01234", "--name", "Widget Paper"])));
    assert_eq!(e["id"].as_str(), Some("widget-paper"));
    web.set_arxiv("2402.05678", &fixtures::arxiv_entry("2402.05678", "Scaling laws for open chat models", "We study scaling.", None, None, None));
    let e = entry_of(&ok(&p.run(&["seed", "arXiv:2402.05678"])));
    assert_eq!(e["id"].as_str(), Some("arxiv-2402-05678"));
}

#[test]
fn seed_from_an_arxiv_paper_that_links_a_model_is_named_after_the_model() {
    let web = FakeWeb::start_blocking();
    serve_model(&web, "acme/widget-7b-chat");
    web.set_arxiv("2401.01234", &fixtures::arxiv_entry("2401.01234", "Widget: an open chat model", "We release Widget at https://huggingface.co/acme/widget-7b-chat .", None, None, None));
    let p = project(&web, "");
    let e = entry_of(&ok(&p.run(&["seed", "arXiv:2401.01234"])));
    assert_eq!((e["id"].as_str(), e["hf"].as_str()), (Some("widget-7b-chat"), Some("acme/widget-7b-chat")));
    check_draft(&p, "widget-7b-chat");
    for stale in ["arxiv-2401-01234", "widget"] {
        assert!(!p.dir().join(format!("out/{stale}.yaml")).exists(), "{stale}");
    }
}

#[test]
fn seed_from_a_vendor_page() {
    let web = FakeWeb::start_blocking();
    serve_model(&web, "acme/widget-7b-chat");
    web.set(
        "https://vendor.example/models/widget",
        openness_testkit::Reply::html("<html><head><title>Widget</title></head><body><h1>Widget 7B Chat</h1><p>Our chat model. Download it from <a href=\"https://huggingface.co/acme/widget-7b-chat\">the Hub</a>.</p></body></html>"),
    );
    let p = project(&web, "");
    let e = entry_of(&ok(&p.run(&["seed", "https://vendor.example/models/widget"])));
    assert_eq!(e["id"].as_str(), Some("widget"));
    assert_eq!(e["vendor"][0].as_str(), Some("https://vendor.example/models/widget"));
    assert_eq!(e["hf"].as_str(), Some("acme/widget-7b-chat"));
    check_draft(&p, "widget");
}

#[test]
fn seed_refuses_unknown_starts_and_report_needs_a_run() {
    let web = FakeWeb::start_blocking();
    let p = project(&web, "");
    let out = p.run(&["seed", "not a model"]);
    assert!(out.code != 0);
    assert!(out.stderr.contains("cannot tell"));
    let out = p.run(&["report"]);
    assert!(out.code != 0);
    assert!(p.config().exists());
    // A start that does not exist (a typo): exit 2 and nothing added.
    let before = std::fs::read_to_string(p.config()).unwrap();
    let out = p.run(&["seed", "acme/no-such-model", "--add"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("does not exist"));
    assert_eq!(std::fs::read_to_string(p.config()).unwrap(), before);
    let out = p.run(&["seed", "github:acme/no-such-repo"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // A start that cannot be fetched: exit 2 and nothing added.
    let before = std::fs::read_to_string(p.config()).unwrap();
    web.set("https://huggingface.co/api/models/acme/broken-model", openness_testkit::Reply::status(500));
    let out = p.run(&["seed", "acme/broken-model", "--add"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(p.config()).unwrap(), before);
}
