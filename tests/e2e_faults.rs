//! End-to-end fault tolerance: the real `openness` binary against `FakeWeb`
//! (random 503s, rate limits, malformed and oversized bodies, stalls, redirect
//! loops, internal addresses, SIGKILL mid-run, a second run on a locked store).
//!
//! Every test talks to 127.0.0.1 only, bounds its waits, and uses invented models.

mod common;
use common::{files_under, wait_or_kill};
use openness_snapshots::{RunStatus, Store};
use openness_testkit::{fixtures, Behaviour, FakeWeb, Gated, Reply};
use serde_json::{json, Value};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const BIN: &str = env!("CARGO_BIN_EXE_openness");

/// The rates of every known host, fast enough that the crawler's own limiter is no factor.
const FAST_HOSTS: &str = r#"
[hosts."*"]
rate = "1000/1s"
concurrency = 8
[hosts."huggingface.co"]
rate = "1000/1s"
concurrency = 8
[hosts."api.github.com"]
rate = "1000/1s"
concurrency = 8
[hosts."raw.githubusercontent.com"]
rate = "1000/1s"
[hosts."export.arxiv.org"]
rate = "1000/1s"
[hosts."pypi.org"]
rate = "1000/1s"
"#;

/// A temporary crawl setup: a folder with `config.toml`, `store/` and `out/`.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    /// `mirror`: the FakeWeb mirror (None: live mode); `http`: extra `[http]` lines;
    /// `models`: `[[model]]` tables.
    fn new(mirror: Option<&str>, http: &str, models: &str) -> Setup {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lines: Vec<String> = http.lines().map(str::to_string).collect();
        if let Some(m) = mirror {
            lines.push(format!("mirror = \"{m}\""));
        }
        // Defaults for the keys `http` does not set.
        for (key, value) in [("backoff", "\"20ms\""), ("connect_timeout", "\"2s\""), ("timeout", "\"5s\""), ("max_retry_wait", "\"5s\"")] {
            if !lines.iter().any(|l| l.split('=').next().map(str::trim) == Some(key)) {
                lines.push(format!("{key} = {value}"));
            }
        }
        let http = lines.join("\n");
        let text = format!("store = \"store\"\n[http]\n{http}\n[crawl]\nparallel_models = 8\n{FAST_HOSTS}\n{models}");
        std::fs::write(dir.path().join("config.toml"), text).expect("write config");
        Setup { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn store(&self) -> PathBuf {
        self.path().join("store")
    }
    fn out(&self) -> PathBuf {
        self.path().join("out")
    }

    /// Starts the binary (stdout/stderr to files in the setup folder).
    fn spawn(&self, tag: &str) -> Child {
        let stdout = File::create(self.path().join(format!("{tag}.stdout"))).unwrap();
        let stderr = File::create(self.path().join(format!("{tag}.stderr"))).unwrap();
        Command::new(BIN)
            .arg("crawl")
            .arg("--config")
            .arg(self.path().join("config.toml"))
            .env_remove("GITHUB_TOKEN")
            .env_remove("HF_TOKEN")
            .env_remove("RUST_LOG")
            .env("NO_PROXY", "*")
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .expect("start openness")
    }

    /// Runs the binary to the end (at most `limit`); returns exit code, stdout, stderr.
    fn run(&self, tag: &str, limit: Duration) -> Outcome {
        let started = Instant::now();
        let mut child = self.spawn(tag);
        let code = wait_or_kill(&mut child, limit, "openness", &self.path().join(format!("{tag}.stderr")));
        Outcome { code, stdout: self.read(&format!("{tag}.stdout")), stderr: self.read(&format!("{tag}.stderr")), elapsed: started.elapsed() }
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap_or_default()
    }

    /// `out/summary.json`.
    fn summary(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.out().join("summary.json")).expect("summary.json")).expect("summary JSON")
    }

    /// A model's entry in the summary.
    fn model(&self, id: &str) -> Value {
        self.summary()["models"].as_array().unwrap().iter().find(|m| m["id"] == id).cloned().unwrap_or_else(|| panic!("{id} not in summary"))
    }

    /// `out/<id>.json`.
    fn report(&self, id: &str) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.out().join(format!("{id}.json"))).expect("model JSON")).expect("model JSON parses")
    }

    /// Everything the model's report says went wrong, as one string.
    fn problems(&self, id: &str) -> String {
        self.report(id)["problems"].as_array().unwrap().iter().map(|p| p.as_str().unwrap_or("").to_string()).collect::<Vec<_>>().join("\n")
    }
}

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {} after {:?}\n--- stdout\n{}\n--- stderr\n{}", self.code, self.elapsed, self.stdout, self.stderr)
    }
}

/// `[[model]]` tables for `acme/widget-<name>` models.
fn models_toml(names: &[&str]) -> String {
    names.iter().map(|n| format!("[[model]]\nid = \"widget-{n}\"\nname = \"Widget {n}\"\nhf = \"acme/widget-{n}\"\n\n")).collect()
}

fn paper_id(name: &str) -> String {
    let n: u32 = name.bytes().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32)) % 90000;
    format!("2401.{:05}", n + 10000)
}

/// Serves one complete invented model: HF API and card (base model, dataset, repo,
/// paper, package and vendor page linked), and every linked document.
fn add_model(web: &FakeWeb, name: &str) {
    let id = format!("acme/widget-{name}");
    let paper = paper_id(name);
    web.set_json(
        &format!("https://huggingface.co/api/models/{id}"),
        fixtures::hf_model(&id, Some("apache-2.0"), Gated::No, &["README.md", "config.json", "model.safetensors"], &["transformers", &format!("arxiv:{paper}")], json!({"base_model": "acme/foundation", "datasets": ["acme/corpus"]})),
    );
    web.set(
        &format!("https://huggingface.co/{id}/raw/main/README.md"),
        Reply::text(fixtures::model_card(
            "license: apache-2.0\nbase_model: acme/foundation\ndatasets:\n- acme/corpus",
            &format!("# Widget {name}\n\nCode: https://github.com/acme/widget-{name}\n\nPaper: https://arxiv.org/abs/{paper}\n\nMore at https://acme.example/widget-{name}\n"),
        )),
    );
    web.set_json(&format!("https://api.github.com/repos/acme/widget-{name}"), fixtures::github_repo(&format!("acme/widget-{name}"), "main", Some("Apache-2.0"), "Widget code", false));
    web.set_json(
        &format!("https://api.github.com/repos/acme/widget-{name}/readme"),
        fixtures::github_readme_at(&format!("acme/widget-{name}"), "main", &format!("# widget-{name}\n\n`pip install widget-{name}` — https://pypi.org/project/widget-{name}/\n")),
    );
    web.set_json(&format!("https://api.github.com/repos/acme/widget-{name}/license"), fixtures::github_license_at(&format!("acme/widget-{name}"), "main", "Apache-2.0", "Apache License\nVersion 2.0, January 2004\n"));
    web.set_json(&format!("https://api.github.com/repos/acme/widget-{name}/git/trees/main"), fixtures::github_tree(&["README.md", "LICENSE", "train/train.py", "data/prepare.py"]));
    web.set_json(&format!("https://pypi.org/pypi/widget-{name}/json"), fixtures::pypi_project(&format!("widget-{name}"), "1.0.0", "Widget", "", &[("Source", &format!("https://github.com/acme/widget-{name}"))]));
    web.set_arxiv(&paper, &fixtures::arxiv_entry(&paper, &format!("Widget {name}"), "We train a widget. Code at https://github.com/acme/widget-code.", None, None, None));
    web.set(&format!("https://acme.example/widget-{name}"), Reply::html(format!("<html><head><title>Widget {name}</title></head><body><p>Widget {name} is released under Apache 2.0.</p></body></html>")));
    add_shared(web);
}

/// The base model and dataset every widget shares, and the vendor's robots.txt.
fn add_shared(web: &FakeWeb) {
    web.set("https://acme.example/robots.txt", Reply::text("User-agent: *\nAllow: /\n"));
    web.set_json("https://huggingface.co/api/models/acme/foundation", fixtures::hf_model("acme/foundation", Some("apache-2.0"), Gated::No, &["README.md", "model.safetensors"], &[], json!({"datasets": ["acme/corpus"]})));
    web.set("https://huggingface.co/acme/foundation/raw/main/README.md", Reply::text(fixtures::model_card("license: apache-2.0", "# Foundation\n\nPretrained on acme/corpus.\n")));
    web.set_json("https://huggingface.co/api/datasets/acme/corpus", fixtures::hf_dataset("acme/corpus", Some("cc-by-4.0"), Gated::No, &["README.md", "data/train.jsonl"], &[], json!({})));
    web.set("https://huggingface.co/datasets/acme/corpus/raw/main/README.md", Reply::text(fixtures::model_card("license: cc-by-4.0", "# Corpus\n")));
}

fn names(n: usize) -> Vec<String> {
    (1..=n).map(|i| i.to_string()).collect()
}

/// A fake web serving `n` models (and what they share); their names.
fn serve_models(n: usize) -> (FakeWeb, Vec<String>) {
    let web = FakeWeb::start_blocking();
    let all = names(n);
    for name in &all {
        add_model(&web, name);
    }
    (web, all)
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn epoch_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

#[test]
fn random_503s_on_every_host_every_model_completes() {
    let (web, all) = serve_models(10);
    web.set_fail("*", 0.1, 20261126);
    let setup = Setup::new(Some(&web.mirror()), "retries = 6\n", &models_toml(&refs(&all)));
    let out = setup.run("run", Duration::from_secs(90));
    assert_eq!(out.code, 0, "{out:?}");
    let log = web.requests();
    let failed = log.iter().filter(|r| r.status == 503).count();
    assert!(failed > 0, "the fault injection should have fired");
    for n in &all {
        let m = setup.model(&format!("widget-{n}"));
        assert_eq!(m["status"], "ok", "{m}");
        assert!(setup.out().join(format!("widget-{n}.yaml")).is_file());
        assert_eq!(setup.problems(&format!("widget-{n}")), "", "widget-{n}: every 503 should have been retried away");
    }
    // One successful request per URL per run: retries only repeat failures.
    let mut answered = std::collections::HashMap::new();
    for r in log.iter().filter(|r| r.status != 503) {
        *answered.entry((r.host.clone(), r.path.clone(), r.query.clone())).or_insert(0) += 1;
    }
    let twice: Vec<_> = answered.iter().filter(|(_, &c)| c > 1).collect();
    assert!(twice.is_empty(), "requested twice in one run: {twice:?}");
}

#[test]
fn rate_limits_are_waited_out() {
    // Request times are instants; the GitHub reset is a wall-clock second.
    let (start, start_wall) = (std::time::Instant::now(), SystemTime::now());
    let web = FakeWeb::start_blocking();
    for n in ["slow-hf", "slow-gh", "plain"] {
        add_model(&web, n);
    }
    // Hugging Face: 429 with Retry-After: 1, then the answer.
    let api = "https://huggingface.co/api/models/acme/widget-slow-hf";
    let body = fixtures::hf_model("acme/widget-slow-hf", Some("apache-2.0"), Gated::No, &["model.safetensors"], &[], json!({}));
    web.set_sequence(api, vec![Reply::bytes(429, r#"{"error":"Too Many Requests"}"#).with_header("Retry-After", "1"), Reply::json(&body)]);
    // GitHub: 403 with the rate limit exhausted until now + 2 s, then the answer.
    let repo = "https://api.github.com/repos/acme/widget-slow-gh";
    let reset_at = epoch_secs() + 2;
    let reset = reset_at.to_string();
    web.set_sequence(
        repo,
        vec![
            Reply::bytes(403, r#"{"message":"API rate limit exceeded"}"#).with_header("x-ratelimit-remaining", "0").with_header("x-ratelimit-limit", "60").with_header("x-ratelimit-reset", &reset),
            Reply::json(fixtures::github_repo("acme/widget-slow-gh", "main", Some("Apache-2.0"), "", false)),
        ],
    );
    let setup = Setup::new(Some(&web.mirror()), "", &models_toml(&["slow-hf", "slow-gh", "plain"]));
    let out = setup.run("run", Duration::from_secs(60));
    assert_eq!(out.code, 0, "{out:?}");
    for id in ["widget-slow-hf", "widget-slow-gh", "widget-plain"] {
        assert_eq!(setup.model(id)["status"], "ok", "{out:?}");
        assert_eq!(setup.problems(id), "", "{id}");
    }
    let log = web.requests();
    let hits = |path: &str| log.iter().filter(|r| r.path == path).collect::<Vec<_>>();
    let hf = hits("/api/models/acme/widget-slow-hf");
    assert_eq!(hf.iter().map(|r| r.status).collect::<Vec<_>>(), vec![429, 200]);
    assert!(hf[1].at.duration_since(hf[0].at) >= Duration::from_millis(950), "Retry-After: 1 not honoured: {:?}", hf[1].at.duration_since(hf[0].at));
    let gh = hits("/repos/acme/widget-slow-gh");
    assert_eq!(gh.iter().map(|r| r.status).collect::<Vec<_>>(), vec![403, 200]);
    // The retry comes no earlier than the reset second, however long the set-up took.
    let retried_at = start_wall + gh[1].at.duration_since(start);
    let reset_wall = UNIX_EPOCH + Duration::from_secs(reset_at);
    assert!(retried_at + Duration::from_millis(50) >= reset_wall, "x-ratelimit-reset not honoured: retried {:?} before the reset", reset_wall.duration_since(retried_at).unwrap_or_default());
}

#[test]
fn a_wait_longer_than_the_cap_fails_that_model_only() {
    let web = FakeWeb::start_blocking();
    for n in ["patient", "gh-later", "fine"] {
        add_model(&web, n);
    }
    let wait = Reply::bytes(429, r#"{"error":"Too Many Requests"}"#).with_header("Retry-After", "3600");
    web.set("https://huggingface.co/api/models/acme/widget-patient", wait.clone());
    web.set("https://huggingface.co/acme/widget-patient/raw/main/README.md", wait);
    let reset = (epoch_secs() + 3600).to_string();
    web.set(
        "https://api.github.com/repos/acme/widget-gh-later",
        Reply::bytes(403, r#"{"message":"API rate limit exceeded"}"#).with_header("x-ratelimit-remaining", "0").with_header("x-ratelimit-reset", &reset),
    );
    let setup = Setup::new(Some(&web.mirror()), "max_retry_wait = \"2s\"\n", &models_toml(&["patient", "gh-later", "fine"]));
    let out = setup.run("run", Duration::from_secs(30));
    assert_eq!(out.code, 2, "some models failed: {out:?}");
    assert!(out.elapsed < Duration::from_secs(20), "must not wait an hour: {out:?}");
    // The model whose starting points ask for an hour's wait fails with a clear error.
    let patient = setup.model("widget-patient");
    assert_eq!(patient["status"], "failed");
    let err = patient["error"].as_str().unwrap();
    assert!(err.contains("3600") && err.contains("max_retry_wait"), "{err}");
    assert!(out.stdout.contains("widget-patient") && out.stdout.contains("3600"), "{out:?}");
    // A repository that asks for an hour's wait: the model completes, the problem is reported.
    assert_eq!(setup.model("widget-gh-later")["status"], "ok");
    let problems = setup.problems("widget-gh-later");
    assert!(problems.contains("api.github.com") && problems.contains("max_retry_wait"), "{problems}");
    assert_eq!(setup.model("widget-fine")["status"], "ok");
    assert_eq!(setup.problems("widget-fine"), "");
    // The refused request is not repeated.
    assert_eq!(web.requests().iter().filter(|r| r.path == "/api/models/acme/widget-patient").count(), 1);
}

#[test]
fn broken_bodies_give_per_model_problems_and_the_run_completes() {
    let web = FakeWeb::start_blocking();
    let all = ["json", "xml", "html", "utf8", "huge", "stall", "cut", "loop", "internal", "down", "fine"];
    for n in all {
        add_model(&web, n);
    }
    // Malformed JSON from the Hugging Face API.
    web.set("https://huggingface.co/api/models/acme/widget-json", Reply::bytes(200, r#"{"id": "acme/widget-json", "tags": [1, 2"#).with_header("Content-Type", "application/json"));
    // A malformed arXiv entry makes the merged feed malformed XML.
    let xml_paper = paper_id("xml");
    web.set_arxiv(&xml_paper, &format!("<entry><id>http://arxiv.org/abs/{xml_paper}v1</id><title>Unclosed <b></title><summary>&bogus;</summ"));
    // Malformed HTML on the vendor page.
    web.set("https://acme.example/widget-html", Reply::html("<html><body><div><p>Open <a href=\"https://arxiv.org/abs/2401.99999\"<<</table></td>\u{0}<script>if(a<b</body></html"));
    // A card that is not UTF-8.
    web.set("https://huggingface.co/acme/widget-utf8/raw/main/README.md", Reply::bytes(200, vec![b'#', b' ', 0xff, 0xfe, 0xc3, 0x28, b'\n']).with_header("Content-Type", "text/plain"));
    // A 50 MB card (the cap is 20 MB).
    web.set("https://huggingface.co/acme/widget-huge/raw/main/README.md", Reply::huge(50 * 1024 * 1024));
    // A card that stalls after 20 bytes.
    web.set("https://huggingface.co/acme/widget-stall/raw/main/README.md", Reply::text("# Widget stall\n\nThis body never ends.").with_behaviour(Behaviour::StallAfter(20)));
    // A card whose connection closes before the declared length.
    web.set("https://huggingface.co/acme/widget-cut/raw/main/README.md", Reply::text("# Widget cut\n\nThis body is cut short.").with_behaviour(Behaviour::ContentLength(10_000)));
    // A redirect loop on the GitHub repository.
    web.set("https://api.github.com/repos/acme/widget-loop", Reply::redirect(301, "https://api.github.com/repos/acme/widget-loop-b"));
    web.set("https://api.github.com/repos/acme/widget-loop-b", Reply::redirect(301, "https://api.github.com/repos/acme/widget-loop"));
    // A card linking internal addresses: refused as in a live run, though a mirror would answer.
    web.set(
        "https://huggingface.co/acme/widget-internal/raw/main/README.md",
        Reply::text(fixtures::model_card("license: apache-2.0", "# Widget internal\n\nSee http://127.0.0.2/x and http://169.254.169.254/latest for details.\n")),
    );
    // A package that is always unavailable.
    web.set("https://pypi.org/pypi/widget-down/json", Reply::status(503));
    let setup = Setup::new(Some(&web.mirror()), "timeout = \"2s\"\nretries = 1\n", &models_toml(&all));
    let out = setup.run("run", Duration::from_secs(60));
    assert!(out.code == 0 || out.code == 2, "no crash: {out:?}");
    assert!(!out.stderr.contains("panicked"), "{out:?}");
    // Every model has an outcome; only the broken piece is missing.
    let summary = setup.summary();
    assert_eq!(summary["models"].as_array().unwrap().len(), all.len());
    for n in all {
        let m = setup.model(&format!("widget-{n}"));
        assert_eq!(m["status"], "ok", "widget-{n} should still be judged from its other evidence: {m}");
    }
    let p = |n: &str| setup.problems(&format!("widget-{n}"));
    assert!(p("json").contains("Hugging Face API"), "{}", p("json"));
    assert!(p("xml").to_lowercase().contains("arxiv"), "{}", setup.report("widget-xml"));
    assert!(p("utf8").to_lowercase().contains("utf-8"), "{}", p("utf8"));
    assert!(p("huge").contains("larger than the cap"), "{}", p("huge"));
    assert!(p("stall").contains("timed out") || p("stall").contains("could not fetch"), "{}", p("stall"));
    assert!(p("cut").contains("could not fetch https://huggingface.co/acme/widget-cut/raw/main/README.md"), "{}", p("cut"));
    assert!(p("loop").contains("redirect loop"), "{}", p("loop"));
    assert!(p("down").contains("https://pypi.org/pypi/widget-down/json answered HTTP 503 after 2 attempts"), "{}", p("down"));
    assert_eq!(p("fine"), "");
    // Problems name public URLs, as a live run would, never the mirror's address.
    let mirror = web.mirror();
    let mirror_host = mirror.trim_start_matches("http://");
    for n in all {
        assert!(!p(n).contains(mirror_host), "widget-{n}: {}", p(n));
    }
    // Internal addresses linked from a card are never asked for, not even from the mirror.
    assert!(!web.requests().iter().any(|r| r.host == "169.254.169.254" || r.host == "127.0.0.2"), "{:?}", web.requests().iter().map(|r| &r.host).collect::<Vec<_>>());
    assert!(setup.model("widget-internal")["status"] == "ok", "{}", p("internal"));
    assert!(p("internal").contains("refusing to fetch http://127.0.0.2/x"), "{}", p("internal"));
    assert_eq!(p("html"), "", "malformed HTML is still read");
    let yaml = std::fs::read_to_string(setup.out().join("widget-html.yaml")).unwrap();
    assert!(yaml.contains("Widget html"));
    // The huge body was refused from its Content-Length: the store holds no 50 MB blob.
    let biggest = files_under(&setup.store()).into_iter().map(|p| p.metadata().map(|m| m.len()).unwrap_or(0)).max().unwrap_or(0);
    assert!(biggest < 5 * 1024 * 1024, "a blob of {biggest} bytes was stored");
}

#[test]
fn an_unreachable_mirror_fails_each_model_with_public_urls_in_the_messages() {
    // A port nothing listens on: every request fails to connect.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().unwrap().port();
    let mirror = format!("http://127.0.0.1:{closed}");
    let setup = Setup::new(Some(&mirror), "retries = 0\n", &models_toml(&["gone"]));
    let out = setup.run("run", Duration::from_secs(30));
    assert_eq!(out.code, 2, "{out:?}");
    let m = setup.model("widget-gone");
    assert_eq!(m["status"], "failed", "{m}");
    let said = format!("{m} {} {}", out.stdout, out.stderr);
    assert!(said.contains("https://huggingface.co/api/models/acme/widget-gone"), "{said}");
    assert!(!said.contains(&format!("127.0.0.1:{closed}")), "the mirror's address leaks into messages: {said}");
}

#[test]
fn internal_addresses_are_refused_without_a_mirror() {
    // A listener on 127.0.0.2 proves that no connection is attempted.
    let listener = std::net::TcpListener::bind("127.0.0.2:0").or_else(|_| std::net::TcpListener::bind("127.0.0.1:0")).expect("bind");
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let host = listener.local_addr().unwrap().ip();
    let models = format!(
        "[[model]]\nid = \"widget-internal\"\nname = \"Widget internal\"\nvendor = [\"http://{host}:{port}/\", \"http://127.0.0.2:1/\", \"http://169.254.169.254/latest/meta-data\"]\n"
    );
    let setup = Setup::new(None, "retries = 0\n", &models);
    let out = setup.run("run", Duration::from_secs(30));
    assert_eq!(out.code, 2, "{out:?}");
    let m = setup.model("widget-internal");
    assert_eq!(m["status"], "failed");
    let err = m["error"].as_str().unwrap();
    assert!(err.contains("refusing to fetch") && err.contains("private, loopback or link-local"), "{err}");
    assert!(err.contains("127.0.0.2:1") && err.contains("169.254.169.254"), "{err}");
    assert!(out.stdout.contains("refusing to fetch"), "{out:?}");
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the crawler connected to an internal address: {other:?}"),
    }
}

#[test]
fn sigkill_mid_run_then_the_next_run_completes() {
    let (web, all) = serve_models(6);
    let setup = Setup::new(Some(&web.mirror()), "", &models_toml(&refs(&all)));
    // A first, complete run.
    let first = setup.run("first", Duration::from_secs(60));
    assert_eq!(first.code, 0, "{first:?}");
    let store = Store::open_read_only(&setup.store()).unwrap();
    let first_run = store.list_runs().unwrap().pop().unwrap();
    assert_eq!(first_run.status, RunStatus::Complete);
    let card_url = "https://huggingface.co/acme/widget-1/raw/main/README.md";
    let card_before = store.latest(card_url).unwrap().expect("card recorded");
    let yaml_before = std::fs::read_to_string(setup.out().join("widget-1.yaml")).unwrap();

    // A slow second run, killed after 0.5 s.
    web.set_latency(Duration::from_millis(300));
    let mut child = setup.spawn("killed");
    std::thread::sleep(Duration::from_millis(500));
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    web.set_latency(Duration::ZERO);

    // Earlier data is intact while the store is left as the kill left it.
    assert_eq!(store.latest(card_url).unwrap().and_then(|r| r.digest), card_before.digest.clone());
    assert!(store.get_body(card_before.digest.as_ref().unwrap()).is_ok());
    assert_eq!(std::fs::read_to_string(setup.out().join("widget-1.yaml")).unwrap(), yaml_before);

    // As if the kill had hit while an output was being written.
    std::fs::write(setup.out().join(".tmpXk3v9Q"), "half a YAML file").unwrap();

    // A third run takes the store over and completes.
    let third = setup.run("third", Duration::from_secs(60));
    assert_eq!(third.code, 0, "{third:?}");
    let runs = store.list_runs().unwrap();
    assert_eq!(runs.len(), 3, "{runs:?}");
    assert_eq!(runs[0].status, RunStatus::Complete);
    assert_eq!(runs[1].status, RunStatus::Running, "the killed run stays listed as unfinished");
    assert!(runs[1].finished_at.is_none());
    assert_eq!(runs[2].status, RunStatus::Complete);
    assert_eq!(store.latest_complete_run().unwrap().unwrap().id, runs[2].id);
    assert!(store.get_body(card_before.digest.as_ref().unwrap()).is_ok(), "stored bodies survive");
    // The unchanged evidence was revalidated, not downloaded again.
    let summary = setup.summary();
    assert!(summary["http"]["not_modified"].as_u64().unwrap() > 0, "{summary}");
    // No temporary files left, neither among the outputs nor in the store.
    for p in files_under(&setup.out()).into_iter().chain(files_under(&setup.store())) {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        assert!(!name.starts_with(".tmp"), "temporary file left: {}", p.display());
    }
    for p in files_under(&setup.out()) {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        assert!(ext == "yaml" || ext == "json", "unexpected output {}", p.display());
    }
    for n in &all {
        assert!(setup.out().join(format!("widget-{n}.yaml")).is_file());
    }
}

#[cfg(unix)]
#[test]
fn sigterm_mid_run_records_the_run_as_failed_and_keeps_earlier_outputs() {
    let (web, all) = serve_models(4);
    let setup = Setup::new(Some(&web.mirror()), "", &models_toml(&refs(&all)));
    assert_eq!(setup.run("first", Duration::from_secs(60)).code, 0);
    let yaml_before = std::fs::read_to_string(setup.out().join("widget-1.yaml")).unwrap();
    web.set_latency(Duration::from_millis(300));
    let mut child = setup.spawn("terminated");
    std::thread::sleep(Duration::from_millis(500));
    // SAFETY: sending a signal to a child process this test started.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) }, 0);
    let code = wait_or_kill(&mut child, Duration::from_secs(20), "openness", &setup.path().join("terminated.stderr"));
    web.set_latency(Duration::ZERO);
    assert_eq!(code, 1, "an interrupted run exits 1");
    let stderr = std::fs::read_to_string(setup.path().join("terminated.stderr")).unwrap();
    assert!(stderr.contains("interrupted (SIGTERM)"), "{stderr}");
    let runs = Store::open_read_only(&setup.store()).unwrap().list_runs().unwrap();
    assert_eq!(runs.last().unwrap().status, RunStatus::Failed, "{runs:?}");
    assert!(runs.last().unwrap().finished_at.is_some());
    assert_eq!(std::fs::read_to_string(setup.out().join("widget-1.yaml")).unwrap(), yaml_before);
    // An out folder that cannot be made fails before any run is recorded.
    std::fs::write(setup.path().join("a-file"), "").unwrap();
    let out = Command::new(BIN).arg("crawl").arg("--config").arg(setup.path().join("config.toml")).arg("--out").arg(setup.path().join("a-file")).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(Store::open_read_only(&setup.store()).unwrap().list_runs().unwrap().len(), runs.len());
}

#[test]
fn a_second_run_on_the_same_store_is_refused() {
    let (web, all) = serve_models(4);
    web.set_latency(Duration::from_millis(400));
    let setup = Setup::new(Some(&web.mirror()), "", &models_toml(&refs(&all)));
    let mut first = setup.spawn("first");
    // Wait until the first run holds the store (its run record exists).
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::fs::read_dir(setup.store().join("runs")).map(|d| d.count()).unwrap_or(0) == 0 {
        assert!(Instant::now() < deadline, "the first run did not start");
        assert!(first.try_wait().unwrap().is_none(), "the first run ended early: {}", setup.read("first.stderr"));
        std::thread::sleep(Duration::from_millis(20));
    }
    let second = setup.run("second", Duration::from_secs(20));
    let still_running = first.try_wait().unwrap().is_none();
    let _ = first.kill();
    let _ = first.wait();
    assert!(still_running, "the first run should still be running");
    assert_eq!(second.code, 1, "{second:?}");
    assert!(second.stderr.contains("lock") && second.stderr.contains("in use by another openness run"), "{second:?}");
    assert!(second.elapsed < Duration::from_secs(5), "refuses at once: {second:?}");
}

#[test]
fn an_unchanged_refresh_downloads_no_body_again() {
    let (web, all) = serve_models(5);
    // One card also cites a paper arXiv does not know: its batch is asked again, not a new one.
    let (id, paper) = (format!("acme/widget-{}", all[0]), paper_id(&all[0]));
    web.set(
        &format!("https://huggingface.co/{id}/raw/main/README.md"),
        Reply::text(fixtures::model_card("license: apache-2.0", &format!("# Widget\n\nPapers: https://arxiv.org/abs/{paper} and https://arxiv.org/abs/2312.99999\n"))),
    );
    let setup = Setup::new(Some(&web.mirror()), "", &models_toml(&refs(&all)));
    let first = setup.run("first", Duration::from_secs(60));
    assert_eq!(first.code, 0, "{first:?}");
    let first_log = web.requests();
    web.clear_log();
    let second = setup.run("second", Duration::from_secs(60));
    assert_eq!(second.code, 0, "{second:?}");
    let log = web.requests();
    assert!(log.iter().any(|r| r.host == "export.arxiv.org"), "papers are looked up again");
    // Every document found before is revalidated (304, no body); only absences are checked anew.
    let downloaded: Vec<String> = log.iter().filter(|r| !(r.status == 304 && r.bytes == 0) && r.status != 404).map(|r| format!("{} {}{} {}?{}", r.status, r.host, r.path, r.bytes, r.query.as_deref().unwrap_or(""))).collect();
    assert!(downloaded.is_empty(), "bodies downloaded again: {downloaded:#?}");
    assert!(log.len() <= first_log.len(), "no more requests than the first run");
    let not_found: u64 = log.iter().filter(|r| r.status == 404).map(|r| r.bytes as u64).sum();
    assert_eq!(setup.summary()["http"]["bytes"].as_u64(), Some(not_found), "only the short 404 answers are read");
}

