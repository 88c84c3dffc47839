//! End-to-end tests of refresh runs and change detection: the real `openness`
//! binary crawls an in-process fake of the services (`FakeWeb`) three times while
//! the served evidence changes, then `openness changes` reports what changed.
//! Everything talks to 127.0.0.1 only; every run of the binary is bounded by a timeout.

mod common;
use common::{Project, Run};
use openness_testkit::{fixtures, FakeWeb, Gated};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

const MODEL: &str = "acme/widget-7b-chat";
const BASE: &str = "acme/widget-7b";
const DATASET: &str = "acme/widget-chat-mix";
const REPO: &str = "acme/widget";
const PAPER: &str = "2401.00001";

/// A project tracking `MODEL`, with a 20 s timeout and fast GitHub rates.
fn project(web: &FakeWeb) -> Project {
    let tables = format!("[hosts.\"api.github.com\"]\nrate = \"100/1s\"\n\n[[model]]\nid = \"widget-7b-chat\"\nname = \"Widget 7B Chat\"\nhf = \"{MODEL}\"\n");
    Project::new(web, "timeout = \"20s\"", &tables)
}

impl Project {
    fn crawl(&self, extra: &[&str]) -> Run {
        let mut args = vec!["crawl"];
        args.extend_from_slice(extra);
        let r = self.run(&args);
        assert_eq!(r.code, 0, "crawl failed\nstdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
        r
    }

    fn changes_json(&self, extra: &[&str]) -> (i32, Vec<Value>) {
        let mut args = vec!["changes", "--json"];
        args.extend_from_slice(extra);
        let r = self.run(&args);
        assert!(r.code == 0 || r.code == 3, "changes exited {}\nstderr:\n{}", r.code, r.stderr);
        let v: Vec<Value> = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("changes --json output does not parse: {e}\n{}", r.stdout));
        (r.code, v)
    }
}

/// The end model's card under `license`, ending with `extra`.
fn card(license: &str, extra: &str) -> String {
    let card_fm = format!("license: {license}\nbase_model: {BASE}\ndatasets:\n- {DATASET}\n");
    let card_body = format!(
        "# Widget 7B Chat\n\nWidget 7B Chat is a chat model fine-tuned with instruction data, then aligned with DPO.\n\n## Training\n\nTraining code: https://github.com/{REPO}\n\nPaper: https://arxiv.org/abs/{PAPER}\n\n## Intended use\n\nResearch.\n\n## Limitations\n\nIt makes mistakes.\n{extra}"
    );
    fixtures::model_card(&card_fm, &card_body)
}

/// The evidence as served: `license`, `gated`, dataset present, paper's journal_ref.
fn serve(web: &FakeWeb, license: &str, gated: Gated, dataset: bool, journal_ref: Option<&str>) {
    web.set_json(
        &format!("https://huggingface.co/api/models/{MODEL}"),
        fixtures::hf_model(MODEL, Some(license), gated, &["README.md", "config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"], &["transformers", &format!("arxiv:{PAPER}"), &format!("dataset:{DATASET}"), &format!("base_model:finetune:{BASE}")], json!({ "datasets": [DATASET], "base_model": BASE })),
    );
    web.set_json(
        &format!("https://huggingface.co/api/models/{BASE}"),
        fixtures::hf_model(BASE, Some("apache-2.0"), Gated::No, &["README.md", "config.json", "model.safetensors"], &["transformers", &format!("arxiv:{PAPER}")], json!({})),
    );
    web.set_text(&format!("https://huggingface.co/{BASE}/raw/main/README.md"), &fixtures::model_card("license: apache-2.0\n", "# Widget 7B\n\nThe pretrained base model.\n\n## Training data\n\nPublic web text.\n"));
    web.set_text(&format!("https://huggingface.co/{MODEL}/raw/main/README.md"), &card(license, ""));
    let ds_api = format!("https://huggingface.co/api/datasets/{DATASET}");
    let ds_card = format!("https://huggingface.co/datasets/{DATASET}/raw/main/README.md");
    if dataset {
        web.set_json(&ds_api, fixtures::hf_dataset(DATASET, Some("cc-by-4.0"), Gated::No, &["README.md", "data/train-00000.parquet"], &[], json!({})));
        web.set_text(&ds_card, &fixtures::model_card("license: cc-by-4.0\n", "# Widget chat mix\n\n## Dataset Structure\n\nConversations.\n\n## Data Collection\n\nWritten by annotators.\n"));
    } else {
        web.remove(&ds_api);
        web.remove(&ds_card);
    }
    web.set_json(&format!("https://api.github.com/repos/{REPO}"), fixtures::github_repo(REPO, "main", Some("Apache-2.0"), "Widget training code", false));
    web.set_json(&format!("https://api.github.com/repos/{REPO}/readme"), fixtures::github_readme_at(REPO, "main", "# Widget\n\nTraining and evaluation code for Widget models.\n\n## Training\n\nRun `python train.py --config configs/widget.yaml`.\n"));
    web.set_json(&format!("https://api.github.com/repos/{REPO}/license"), fixtures::github_license_at(REPO, "main", "Apache-2.0", "Apache License Version 2.0"));
    web.set_json(&format!("https://api.github.com/repos/{REPO}/git/trees/main"), fixtures::github_tree(&["README.md", "LICENSE", "train.py", "configs/widget.yaml", "docs/training.md"]));
    web.set_arxiv(PAPER, &fixtures::arxiv_entry(PAPER, "Widget: an open chat model", "We pretrain a language model on 2T tokens of a public dataset corpus and fine-tune it with instruction data for chat.", Some("12 pages"), journal_ref, None));
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn changes_are_detected_between_refresh_runs() {
    let web = FakeWeb::start_blocking();
    let p = project(&web);
    serve(&web, "apache-2.0", Gated::No, true, None);

    // Fewer than two complete runs: a clear error, exit 1.
    let none = p.run(&["changes"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(none.stderr.contains("openness crawl"), "{}", none.stderr);
    p.crawl(&[]);
    let one = p.run(&["changes"]);
    assert_eq!(one.code, 1);
    assert!(one.stderr.contains("only one complete run"), "{}", one.stderr);

    // The evidence changes: non-OSI licence, gated weights, dataset gone, paper published.
    serve(&web, "cc-by-nc-4.0", Gated::Manual, false, Some("Proceedings of the Widget Conference 2025"));
    p.crawl(&[]);
    let (code, events) = p.changes_json(&[]);
    assert_eq!(code, 3, "{events:#?}");
    for e in &events {
        assert_eq!(e["model"], "widget-7b-chat");
        assert!(e["evidence"].as_str().is_some_and(|u| u.starts_with("https://")), "{e}");
    }
    let facts: BTreeSet<(String, String)> = events.iter().filter(|e| e["kind"] != "verdict_changed").map(|e| (e["parameter"].as_str().unwrap_or("-").to_string(), e["kind"].as_str().unwrap().to_string())).collect();
    let want: BTreeSet<(String, String)> = [("license", "license_changed"), ("rlweights", "gating_changed"), ("api", "gating_changed"), ("rldata", "dataset_missing"), ("paper", "paper_peer_reviewed")].iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(facts, want, "{events:#?}");
    assert_eq!(events.iter().filter(|e| e["kind"] != "verdict_changed").count(), 5, "{events:#?}");
    let find = |kind: &str| events.iter().find(|e| e["kind"] == kind).unwrap();
    assert_eq!((find("license_changed")["before"].as_str(), find("license_changed")["after"].as_str()), (Some("apache-2.0"), Some("cc-by-nc-4.0")));
    assert_eq!((find("gating_changed")["before"].as_str(), find("gating_changed")["after"].as_str()), (Some("false"), Some("manual")));
    assert_eq!(find("dataset_missing")["evidence"].as_str(), Some(format!("https://huggingface.co/api/datasets/{DATASET}").as_str()));
    assert!(find("paper_peer_reviewed")["after"].as_str().unwrap().contains("Widget Conference 2025"));
    // The stored bodies before and after: `openness snapshot` shows exactly what changed.
    let licence = find("license_changed");
    let (before, after) = (licence["before_snapshot"].as_str().expect("a body before"), licence["after_snapshot"].as_str().expect("a body after"));
    assert_ne!(before, after);
    let diff = p.run(&["snapshot", "diff", &before[..12], &after[..12]]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert!(diff.stdout.contains("\n-    \"license\": \"apache-2.0\"") && diff.stdout.contains("\n+    \"license\": \"cc-by-nc-4.0\""), "{}", diff.stdout);
    assert!(diff.stdout.contains("\n-  \"gated\": false") && diff.stdout.contains("\n+  \"gated\": \"manual\""), "{}", diff.stdout);
    let by_url = p.run(&["snapshot", "diff", licence["evidence"].as_str().unwrap()]);
    assert_eq!((by_url.code, &by_url.stdout), (0, &diff.stdout), "a URL's two latest bodies: {}", by_url.stderr);
    let shown = p.run(&["snapshot", "show", after]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stdout.contains("cc-by-nc-4.0") && shown.stdout.starts_with('{'), "{}", shown.stdout);
    let history = p.run(&["snapshot", "history", licence["evidence"].as_str().unwrap()]);
    assert_eq!(history.code, 0, "{}", history.stderr);
    assert!(history.stdout.contains(&before[..12]) && history.stdout.contains(&after[..12]) && history.stdout.contains("2 states"), "{}", history.stdout);
    let unknown = p.run(&["snapshot", "show", "0123456789ab"]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("no stored body has a digest starting with \"0123456789ab\""), "{}", unknown.stderr);
    // The verdicts those changes move, and only those.
    let verdicts: BTreeSet<(String, String, String)> = events.iter().filter(|e| e["kind"] == "verdict_changed").map(|e| (e["parameter"].as_str().unwrap().to_string(), e["before"].as_str().unwrap().to_string(), e["after"].as_str().unwrap().to_string())).collect();
    // Each parameter a change touches moves its verdict, in the direction the change implies
    // (exact classes are the rules' business): less open for the non-OSI licence, the gate
    // (weights; hosted inference stays a restricted API either way) and the missing dataset;
    // more open for the paper.
    let score = |c: &str| match c {
        "open" => 2,
        "partial" => 1,
        _ => 0,
    };
    let moved: Vec<(String, std::cmp::Ordering)> = verdicts.iter().map(|(p, b, a)| (p.clone(), score(a).cmp(&score(b)))).collect();
    use std::cmp::Ordering::{Greater, Less};
    let want_moved: Vec<(String, std::cmp::Ordering)> = [("license", Less), ("paper", Greater), ("rldata", Less), ("rlweights", Less)].iter().map(|(p, o)| (p.to_string(), *o)).collect();
    assert_eq!(moved, want_moved, "{events:#?}");
    assert_eq!(events.len(), 9);

    // Markdown by default, same exit status.
    let md = p.run(&["changes"]);
    assert_eq!(md.code, 3);
    assert!(md.stdout.starts_with("# Changes between runs "), "{}", md.stdout);
    assert!(md.stdout.contains("## widget-7b-chat") && md.stdout.contains("`license_changed`"), "{}", md.stdout);
    assert!(md.stdout.contains(&format!("`{}` → `{}`", &before[..12], &after[..12])), "{}", md.stdout);

    // --notify is a dry run without --yes: nothing is sent, the exit status is unchanged.
    let n = p.run(&["changes", "--notify", "github:acme/widget-reviews"]);
    assert_eq!(n.code, 3, "{}", n.stderr);
    assert!(n.stderr.contains("dry run: would open an issue in acme/widget-reviews"), "{}", n.stderr);
    assert_eq!(p.run(&["changes", "--notify", "acme/widget-reviews"]).code, 1);

    // `runs` lists the two complete runs.
    let runs = p.run(&["runs"]);
    assert_eq!(runs.code, 0);
    assert_eq!(runs.stdout.lines().filter(|l| l.contains(" complete ")).count(), 2, "{}", runs.stdout);

    // A third crawl without change: every request is conditional and answered 304,
    // except the dataset's two URLs, which answered 404 last time (no validator to send).
    web.clear_log();
    p.crawl(&[]);
    let (code, events) = p.changes_json(&[]);
    assert_eq!(code, 0, "{events:#?}");
    assert!(events.is_empty());
    let log = web.requests();
    assert!(!log.is_empty());
    let mut not_conditional: Vec<String> = Vec::new();
    for r in &log {
        if r.if_none_match.is_some() && r.status == 304 {
            continue;
        }
        not_conditional.push(format!("{} {}{} → {}", r.host, r.path, r.query.as_deref().map(|q| format!("?{q}")).unwrap_or_default(), r.status));
    }
    not_conditional.sort();
    assert_eq!(
        not_conditional,
        vec![format!("huggingface.co /api/datasets/{DATASET} → 404"), format!("huggingface.co /datasets/{DATASET}/raw/main/README.md → 404")],
        "requests of the unchanged crawl: {:#?}",
        log.iter().map(|r| format!("{} {} {:?} {}", r.host, r.path, r.if_none_match, r.status)).collect::<Vec<_>>()
    );
    // The arXiv API batch query is among the revalidated requests.
    assert!(log.iter().any(|r| r.host == "export.arxiv.org" && r.status == 304 && r.if_none_match.is_some()));

    // --since the first run reports the same changes as before.
    let runs = p.run(&["runs"]);
    let first_run = runs.stdout.lines().nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let (code, since) = p.changes_json(&["--since", &first_run]);
    assert_eq!(code, 3);
    let since_facts: BTreeSet<(String, String)> = since.iter().filter(|e| e["kind"] != "verdict_changed").map(|e| (e["parameter"].as_str().unwrap_or("-").to_string(), e["kind"].as_str().unwrap().to_string())).collect();
    assert_eq!(since_facts, want);
    let bad = p.run(&["changes", "--since", "20000101T000000Z-000000"]);
    assert_eq!(bad.code, 1);
}

#[test]
fn a_card_that_starts_citing_its_paper_at_a_conference_is_a_peer_review_change() {
    let web = FakeWeb::start_blocking();
    let p = project(&web);
    serve(&web, "apache-2.0", Gated::No, true, None);
    p.crawl(&[]);
    // The arXiv metadata stays as it was; the card's citation now names the conference.
    let citation = "\n## Citation\n\n```bibtex\n@inproceedings{widget2026,\n  title = {Widget: an open chat model},\n  booktitle = {Proceedings of the Widget Conference 2026},\n  year = {2026}\n}\n```\n";
    web.set_text(&format!("https://huggingface.co/{MODEL}/raw/main/README.md"), &card("apache-2.0", citation));
    p.crawl(&[]);
    let (code, events) = p.changes_json(&[]);
    assert_eq!(code, 3, "{events:#?}");
    let reviewed = events.iter().find(|e| e["kind"] == "paper_peer_reviewed").unwrap_or_else(|| panic!("{events:#?}"));
    assert_eq!(reviewed["after"].as_str(), Some("cited at: Proceedings of the Widget Conference 2026"));
    let paper = events.iter().find(|e| e["kind"] == "verdict_changed" && e["parameter"] == "paper").unwrap_or_else(|| panic!("{events:#?}"));
    assert_eq!(paper["before"].as_str(), Some("closed"));
    assert_ne!(paper["after"].as_str(), Some("closed"));
    let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(&read(&p.dir().join("out"), "widget-7b-chat.yaml")).expect("the verdict file parses");
    let notes = yaml["paper"]["notes"].as_str().unwrap_or_default();
    assert!(notes.contains("is cited as @inproceedings in \"Proceedings of the Widget Conference 2026\""), "{notes}");
}

#[test]
fn offline_rederivation_reproduces_the_verdict_files() {
    let web = FakeWeb::start_blocking();
    let p = project(&web);
    serve(&web, "apache-2.0", Gated::Auto, true, Some("Widget Journal 3(1)"));
    p.crawl(&[]);
    drop(web); // the fake services are gone: only the store remains
    let online = p.out();
    let offline = p.dir().join("out-offline");
    p.crawl(&["--offline", "--out", offline.to_str().unwrap()]);
    assert_eq!(read(&online, "widget-7b-chat.yaml"), read(&offline, "widget-7b-chat.yaml"));
    let a: Value = serde_json::from_str(&read(&online, "widget-7b-chat.json")).unwrap();
    let b: Value = serde_json::from_str(&read(&offline, "widget-7b-chat.json")).unwrap();
    assert_eq!(a["verdicts"], b["verdicts"]);
    assert_eq!(a["facts"], b["facts"]);
    assert_ne!(a["run"], b["run"]);
    // The offline run is a complete run like any other: nothing changed.
    let (code, events) = p.changes_json(&[]);
    assert_eq!(code, 0, "{events:#?}");
}

#[test]
fn accept_and_override_pin_decisions_to_evidence() {
    let web = FakeWeb::start_blocking();
    let p = project(&web);
    serve(&web, "apache-2.0", Gated::No, true, None);
    p.crawl(&[]);
    let bad = p.run(&["accept", "--model", "widget-7b-chat", "--parameter", "nope"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("no parameter `nope`"), "{}", bad.stderr);
    let bad = p.run(&["override", "--model", "widget-7b-chat", "--parameter", "license", "--class", "maybe", "--note", "x"]);
    assert_eq!(bad.code, 1);
    let ok = p.run(&["override", "--model", "widget-7b-chat", "--parameter", "paper", "--class", "partial", "--note", "workshop paper"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let ok = p.run(&["accept", "--model", "widget-7b-chat", "--parameter", "license", "--note", "checked"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let decisions = read(p.dir(), "decisions.toml");
    let parsed: toml::Value = toml::from_str(&decisions).unwrap();
    let list = parsed["decision"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["parameter"].as_str(), Some("license"));
    assert_eq!(list[1]["class"].as_str(), Some("partial"));
    assert!(list[0]["evidence"].as_array().unwrap().iter().all(|p| p["digest"].as_str().unwrap().len() == 64));

    // The licence changes: the accepted licence verdict needs review; the paper
    // decision's evidence (the arXiv answer) is unchanged, so it stays quiet.
    serve(&web, "cc-by-nc-4.0", Gated::No, true, None);
    p.crawl(&[]);
    let (code, events) = p.changes_json(&[]);
    assert_eq!(code, 3);
    let kinds: BTreeSet<(String, String)> = events.iter().map(|e| (e["parameter"].as_str().unwrap_or("-").to_string(), e["kind"].as_str().unwrap().to_string())).collect();
    assert!(kinds.contains(&("license".into(), "decision_needs_review".into())), "{events:#?}");
    assert!(kinds.contains(&("license".into(), "license_changed".into())), "{events:#?}");
    assert!(!kinds.iter().any(|(p, _)| p == "paper"), "{events:#?}");

    // Re-accepting pins the new evidence: quiet again.
    let ok = p.run(&["accept", "--model", "widget-7b-chat", "--parameter", "license"]);
    assert_eq!(ok.code, 0);
    let (_, events) = p.changes_json(&[]);
    assert!(!events.iter().any(|e| e["parameter"] == "license"), "{events:#?}");
}

#[test]
fn index_comparison_reports_disagreements_and_missing_links() {
    let web = FakeWeb::start_blocking();
    let p = project(&web);
    serve(&web, "apache-2.0", Gated::No, true, None);
    p.crawl(&[]);
    p.crawl(&[]);
    let index = p.dir().join("index");
    std::fs::create_dir_all(&index).unwrap();
    let out: serde_yaml_ng::Value = serde_yaml_ng::from_str(&read(&p.out(), "widget-7b-chat.yaml")).unwrap();
    let provisional_license = out["license"]["class"].as_str().unwrap().to_string();
    let human_license = if provisional_license == "closed" { "open" } else { "closed" };
    web.set(&format!("https://huggingface.co/{MODEL}"), openness_testkit::Reply::html("<html><body>Widget 7B Chat</body></html>"));
    let text = format!(
        "system:\n    name: Widget 7B Chat\n\nlicense:\n    class: {human_license}\n    link: https://huggingface.co/{MODEL}\n    notes: x\n\nrlweights:\n    class: {}\n    link:\n    notes: weights\n\nmodelcard:\n    class: {}\n    link: https://widget.example/gone\n    notes: card\n",
        out["rlweights"]["class"].as_str().unwrap(),
        out["modelcard"]["class"].as_str().unwrap()
    );
    std::fs::write(index.join("widget-7b-chat.yaml"), &text).unwrap();
    let (code, events) = p.changes_json(&["--index", index.to_str().unwrap()]);
    assert_eq!(code, 0, "index findings alone do not count as changes: {events:#?}");
    let got: Vec<(String, String)> = events.iter().map(|e| (e["parameter"].as_str().unwrap().to_string(), e["kind"].as_str().unwrap().to_string())).collect();
    let mut want = vec![("license".to_string(), "human_disagrees".to_string())];
    if matches!(out["rlweights"]["class"].as_str(), Some("open" | "partial")) {
        want.push(("rlweights".into(), "human_missing_link".into()));
    }
    assert_eq!(got, want, "{events:#?}");
    assert_eq!(read(&index, "widget-7b-chat.yaml"), text, "the index is never rewritten");

    // --check-links: the dead human link is reported (the fake web answers 404).
    let (_, events) = p.changes_json(&["--index", index.to_str().unwrap(), "--check-links"]);
    let broken: Vec<&Value> = events.iter().filter(|e| e["kind"] == "human_link_broken").collect();
    assert_eq!(broken.len(), 1, "{events:#?}");
    assert_eq!(broken[0]["parameter"], "modelcard");
    assert_eq!(broken[0]["evidence"], "https://widget.example/gone");
}

#[test]
fn a_newly_tracked_model_and_a_model_that_lost_its_result_are_reported() {
    let web = FakeWeb::start_blocking();
    serve(&web, "apache-2.0", Gated::No, true, None);
    let p = project(&web);
    p.crawl(&[]);
    // A second model joins the configuration; the first one's repository disappears.
    let gadget = "acme/gadget-3b";
    web.set_json(&format!("https://huggingface.co/api/models/{gadget}"), fixtures::hf_model(gadget, Some("mit"), Gated::No, &["README.md", "model.safetensors"], &["transformers"], json!({})));
    web.set_text(&format!("https://huggingface.co/{gadget}/raw/main/README.md"), &fixtures::model_card("license: mit\n", "# Gadget 3B\n\nA small model.\n"));
    web.remove(&format!("https://huggingface.co/api/models/{MODEL}"));
    let config = std::fs::read_to_string(p.config()).unwrap() + &format!("\n[[model]]\nid = \"gadget-3b\"\nname = \"Gadget 3B\"\nhf = \"{gadget}\"\n");
    std::fs::write(p.config(), config).unwrap();
    let second = p.run(&["crawl"]);
    assert_eq!(second.code, 2, "one model failed: {}", second.stderr);

    let (code, events) = p.changes_json(&[]);
    assert_eq!(code, 3, "{events:#?}");
    let of = |kind: &str| events.iter().find(|e| e["kind"] == kind).unwrap_or_else(|| panic!("no {kind} in {events:#?}"));
    let added = of("model_added");
    assert_eq!(added["model"], "gadget-3b");
    assert!(added["after"].as_str().unwrap().ends_with("closed"), "{added}");
    assert_eq!(added["evidence"], format!("https://huggingface.co/{gadget}").as_str());
    let failed = of("model_failed");
    assert_eq!(failed["model"], "widget-7b-chat");
    assert!(failed["after"].as_str().unwrap().contains("404") || failed["after"].as_str().unwrap().contains("not found"), "the run's error is given: {failed}");
    assert!(failed["before"].as_str().unwrap().contains("open"), "{failed}");
    // Nothing else: the failed model has no later report to compare with.
    assert_eq!(events.len(), 2, "{events:#?}");
}

#[test]
fn a_model_is_compared_with_its_newest_result_past_partial_and_failed_runs() {
    let web = FakeWeb::start_blocking();
    serve(&web, "apache-2.0", Gated::No, true, None);
    let gadget = "acme/gadget-3b";
    let serve_gadget = |license: &str| {
        web.set_json(&format!("https://huggingface.co/api/models/{gadget}"), fixtures::hf_model(gadget, Some(license), Gated::No, &["README.md", "model.safetensors"], &["transformers"], json!({})));
        web.set_text(&format!("https://huggingface.co/{gadget}/raw/main/README.md"), &fixtures::model_card(&format!("license: {license}\n"), "# Gadget 3B\n\nA small model.\n"));
    };
    serve_gadget("mit");
    let p = project(&web);
    let config = std::fs::read_to_string(p.config()).unwrap() + &format!("\n[[model]]\nid = \"gadget-3b\"\nname = \"Gadget 3B\"\nhf = \"{gadget}\"\n");
    std::fs::write(p.config(), config).unwrap();
    p.crawl(&[]);
    // A run of one model only, then a run in which the other one fails.
    p.crawl(&["--model", "widget-7b-chat"]);
    web.remove(&format!("https://huggingface.co/api/models/{MODEL}"));
    assert_eq!(p.run(&["crawl"]).code, 2);
    // Both change their licence; the next run sees it.
    serve(&web, "cc-by-nc-4.0", Gated::No, true, None);
    serve_gadget("cc-by-nc-4.0");
    p.crawl(&[]);

    let (code, events) = p.changes_json(&[]);
    assert_eq!(code, 3, "{events:#?}");
    for model in ["gadget-3b", "widget-7b-chat"] {
        let licence = events.iter().find(|e| e["model"] == model && e["kind"] == "license_changed").unwrap_or_else(|| panic!("no license_changed for {model}: {events:#?}"));
        assert!(licence["after"].as_str().unwrap().to_lowercase().contains("cc-by-nc"), "{licence}");
    }
    assert!(!events.iter().any(|e| e["kind"] == "model_added"), "{events:#?}");
    // accept finds each model's newest result, though the latest run is partial.
    p.crawl(&["--model", "widget-7b-chat"]);
    let accepted = p.run(&["accept", "--model", "gadget-3b", "--parameter", "license"]);
    assert_eq!(accepted.code, 0, "{}", accepted.stderr);
    // The report lists every tracked model.
    let report = p.run(&["report"]);
    assert!(report.stdout.contains("gadget-3b") && report.stdout.contains("widget-7b-chat"), "{}", report.stdout);
}

#[test]
fn decisions_made_at_the_same_time_are_all_kept() {
    let web = FakeWeb::start_blocking();
    let p = project(&web);
    serve(&web, "apache-2.0", Gated::No, true, None);
    p.crawl(&[]);
    let params = ["license", "rlweights", "rldata", "paper", "preprint", "modelcard", "datasheet", "api"];
    let children: Vec<std::process::Child> = params
        .iter()
        .map(|param| {
            std::process::Command::new(env!("CARGO_BIN_EXE_openness"))
                .args(["accept", "--quiet", "--model", "widget-7b-chat", "--parameter", param, "--config"])
                .arg(p.config())
                .env_remove("RUST_LOG")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("start openness accept")
        })
        .collect();
    for mut c in children {
        assert_eq!(common::wait_bounded(&mut c, std::time::Duration::from_secs(30)), Some(0), "accept failed or did not finish");
    }
    let parsed: toml::Value = toml::from_str(&read(p.dir(), "decisions.toml")).unwrap();
    let kept: BTreeSet<&str> = parsed["decision"].as_array().unwrap().iter().map(|d| d["parameter"].as_str().unwrap()).collect();
    assert_eq!(kept, params.into_iter().collect::<BTreeSet<_>>());
}
