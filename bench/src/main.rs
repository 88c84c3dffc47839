//! `openness-bench`: how fast the crawler is against its own rate limits.
//!
//! Generates a synthetic corpus of N invented models shaped like the real APIs
//! (Hugging Face model/dataset API and cards with links, shared base models and
//! datasets, GitHub repository/readme/licence/tree, arXiv entries with shared
//! papers, PyPI projects, vendor pages), serves it with `FakeWeb` (per-request
//! latency, per-host sliding-window rate limits), runs the `openness` binary
//! against it with the same per-host rates, and prints a Markdown table:
//! wall time, the rate-limit lower bound, requests per model by host, CPU and
//! peak memory of the crawler, and for an unchanged second run the share of
//! conditional requests answered 304 and the bytes downloaded.
//!
//! Run it through `scripts/bench` (release build). Not part of `cargo test`.

use openness_testkit::{fixtures, FakeWeb, Gated, LoggedRequest, Reply};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Per-host rates, used both by the fake services and by the crawler's config.
const RATES: &[(&str, u32, u32)] = &[
    // host, requests, per seconds
    ("huggingface.co", 100, 1),
    // 50/s on average, counted over 10 s: GitHub's reset header has one-second
    // resolution, which would dominate a one-second window (GitHub's own is an hour).
    ("api.github.com", 500, 10),
    ("export.arxiv.org", 1, 1),
    ("pypi.org", 50, 1),
    // every other host (vendor pages), each counted apart
    ("*", 20, 1),
];

fn rate_of(host: &str) -> f64 {
    let (_, n, per) = RATES.iter().find(|(h, _, _)| *h == host).or_else(|| RATES.iter().find(|(h, _, _)| *h == "*")).copied().expect("* rate");
    n as f64 / per as f64
}

struct Args {
    openness: PathBuf,
    sizes: Vec<usize>,
    sequential: Vec<usize>,
    latency: Duration,
    parallel_models: usize,
    concurrency: usize,
    json: Option<PathBuf>,
    keep: bool,
    dump_log: Option<PathBuf>,
    /// How many times each scenario runs; the table shows medians.
    repeat: usize,
}

fn parse_args() -> Args {
    let exe_dir = std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default();
    let mut a = Args {
        openness: exe_dir.join("openness"),
        sizes: vec![100, 1000],
        sequential: vec![100],
        latency: Duration::from_millis(50),
        parallel_models: 64,
        concurrency: 64,
        json: None,
        keep: false,
        dump_log: None,
        repeat: 1,
    };
    let mut it = std::env::args().skip(1);
    let list = |s: String| -> Vec<usize> { s.split(',').filter(|x| !x.trim().is_empty()).map(|x| x.trim().parse().expect("a number")).collect() };
    while let Some(k) = it.next() {
        let mut v = || it.next().unwrap_or_else(|| panic!("{k} needs a value"));
        match k.as_str() {
            "--openness" => a.openness = PathBuf::from(v()),
            "--n" => a.sizes = list(v()),
            "--sequential" => a.sequential = list(v()),
            "--latency-ms" => a.latency = Duration::from_millis(v().parse().expect("milliseconds")),
            "--parallel-models" => a.parallel_models = v().parse().expect("a number"),
            "--concurrency" => a.concurrency = v().parse().expect("a number"),
            "--json" => a.json = Some(PathBuf::from(v())),
            "--keep" => a.keep = true,
            "--dump-log" => a.dump_log = Some(PathBuf::from(v())),
            "--repeat" => a.repeat = v().parse::<usize>().expect("a number").max(1),
            "-h" | "--help" => {
                println!("openness-bench [--n 100,1000] [--sequential 100] [--latency-ms 50] [--parallel-models 64] [--concurrency 64] [--repeat 1] [--openness PATH] [--json FILE] [--keep]");
                std::process::exit(0);
            }
            other => panic!("unknown argument {other} (see --help)"),
        }
    }
    a
}

// ---------------------------------------------------------------------------
// The corpus

/// Paragraphs that give cards and pages a realistic size.
const FILLER: &str = "The model was evaluated on a broad set of benchmarks covering reasoning, \
reading comprehension, coding and multilingual tasks. Results are reported with the \
evaluation harness at its default settings; see the paper for details and limitations. \
Users should be aware of the risks of deploying language models without additional safeguards.\n\n";

fn filler(k: usize) -> String {
    FILLER.repeat(k)
}

fn org(i: usize) -> String {
    format!("lab{:02}", i % 40)
}
fn model_name(i: usize) -> String {
    format!("widget-{i:05}")
}
fn model_id(i: usize) -> String {
    format!("{}/{}", org(i), model_name(i))
}
/// A base model is shared by 10 consecutive models.
fn base_id(i: usize) -> String {
    format!("{}/base-{:04}", org(i / 10), i / 10)
}
/// Two datasets per model: one shared by 5 models, one by every 20th model.
fn datasets_of(i: usize) -> [String; 2] {
    [format!("corpora/data-{:04}", i / 5), format!("corpora/mix-{:02}", i % 20)]
}
/// Each paper is shared by two models; ten more papers are cited by everybody.
fn paper_of(i: usize) -> String {
    format!("2310.{:05}", 10000 + i / 2)
}
fn common_paper(i: usize) -> String {
    format!("2201.{:05}", 20000 + i % 10)
}
fn base_paper(b: usize) -> String {
    format!("2305.{:05}", 30000 + b % 50)
}
fn package_of(i: usize) -> String {
    format!("{}-toolkit", org(i))
}
fn vendor_host(i: usize) -> String {
    format!("vendor{:02}.example", i % 25)
}

struct Corpus {
    models_toml: String,
    documents: usize,
    bytes: usize,
}

/// Serves N models and everything they link to; returns the config's `[[model]]` tables.
fn build(web: &FakeWeb, n: usize) -> Corpus {
    let mut models_toml = String::new();
    let documents = std::cell::Cell::new(0usize);
    let bytes = std::cell::Cell::new(0usize);
    let set_json = |url: &str, v: Value| {
        documents.set(documents.get() + 1);
        bytes.set(bytes.get() + v.to_string().len());
        web.set_json(url, v);
    };
    let mut texts: Vec<(String, Reply)> = Vec::new();
    let mut seen_bases = std::collections::HashSet::new();
    let mut seen_data = std::collections::HashSet::new();
    let mut seen_papers = std::collections::HashSet::new();
    let mut seen_pkgs = std::collections::HashSet::new();
    let mut seen_vendors = std::collections::HashSet::new();
    let mut arxiv: Vec<(String, String)> = Vec::new();
    for i in 0..n {
        let id = model_id(i);
        let name = model_name(i);
        let base = base_id(i);
        let ds = datasets_of(i);
        let (paper, common) = (paper_of(i), common_paper(i));
        let vendor = vendor_host(i);
        models_toml.push_str(&format!("[[model]]\nid = \"{name}\"\nname = \"Widget {i}\"\nhf = \"{id}\"\n\n"));
        let files = ["README.md", "config.json", "generation_config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "model.safetensors.index.json", "tokenizer.json", "tokenizer_config.json"];
        let tags = ["transformers", "safetensors", "text-generation", "en", &format!("arxiv:{paper}"), &format!("base_model:finetune:{base}"), &format!("dataset:{}", ds[0]), &format!("dataset:{}", ds[1])];
        set_json(
            &format!("https://huggingface.co/api/models/{id}"),
            fixtures::hf_model(&id, Some("apache-2.0"), Gated::No, &files, &tags, json!({"license": "apache-2.0", "base_model": base, "datasets": ds, "language": ["en"]})),
        );
        let card = fixtures::model_card(
            &format!("license: apache-2.0\nbase_model: {base}\ndatasets:\n- {}\n- {}\nlanguage:\n- en\npipeline_tag: text-generation", ds[0], ds[1]),
            &format!(
                "# Widget {i}\n\nThis model is a fine-tuned version of [{base}](https://huggingface.co/{base}) on [{d0}](https://huggingface.co/datasets/{d0}).\n\n\
                 ## Training\n\nTraining code: https://github.com/{id}\n\nData: [{d1}](https://huggingface.co/datasets/{d1})\n\n\
                 ## Paper\n\nSee https://arxiv.org/abs/{paper} and https://arxiv.org/abs/{common}.\n\n\
                 ## More\n\nRelease notes at https://{vendor}/models/{name} ![badge](https://img.shields.io/badge/x-y)\n\n{}",
                filler(6),
                d0 = ds[0],
                d1 = ds[1]
            ),
        );
        bytes.set(bytes.get() + card.len());
        documents.set(documents.get() + 1);
        texts.push((format!("https://huggingface.co/{id}/raw/main/README.md"), Reply::text(card)));
        // GitHub repository
        let repo = id.clone();
        set_json(&format!("https://api.github.com/repos/{repo}"), fixtures::github_repo(&repo, "main", Some("Apache-2.0"), "Training and inference code", false));
        let readme = format!(
            "# {name}\n\nInstall with `pip install {pkg}` (https://pypi.org/project/{pkg}/).\n\nPaper: https://arxiv.org/abs/{paper}\n\n## Training\n\n```\npython train.py --config configs/{name}.yaml\n```\n\n{}",
            filler(4),
            pkg = package_of(i)
        );
        set_json(&format!("https://api.github.com/repos/{repo}/readme"), fixtures::github_readme_at(&repo, "main", &readme));
        set_json(&format!("https://api.github.com/repos/{repo}/license"), fixtures::github_license_at(&repo, "main", "Apache-2.0", "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"));
        let mut paths: Vec<String> = vec!["README.md".into(), "LICENSE".into(), "train.py".into(), "requirements.txt".into(), "data/prepare.py".into(), "data/filter.py".into()];
        paths.extend((0..30).map(|k| format!("src/{name}/module_{k}.py")));
        paths.extend((0..10).map(|k| format!("configs/run_{k}.yaml")));
        let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
        set_json(&format!("https://api.github.com/repos/{repo}/git/trees/main"), fixtures::github_tree(&refs));
        // shared documents
        if seen_bases.insert(base.clone()) {
            let b = i / 10;
            set_json(
                &format!("https://huggingface.co/api/models/{base}"),
                fixtures::hf_model(&base, Some("apache-2.0"), Gated::No, &["README.md", "config.json", "model.safetensors"], &["transformers", &format!("arxiv:{}", base_paper(b))], json!({"license": "apache-2.0", "datasets": ["corpora/pretrain-web"]})),
            );
            let card = fixtures::model_card("license: apache-2.0\ndatasets:\n- corpora/pretrain-web", &format!("# Base {b}\n\nPretrained from scratch; see https://arxiv.org/abs/{}.\n\n{}", base_paper(b), filler(4)));
            bytes.set(bytes.get() + card.len());
            documents.set(documents.get() + 1);
            texts.push((format!("https://huggingface.co/{base}/raw/main/README.md"), Reply::text(card)));
        }
        for d in &ds {
            if seen_data.insert(d.clone()) {
                set_json(&format!("https://huggingface.co/api/datasets/{d}"), fixtures::hf_dataset(d, Some("cc-by-4.0"), Gated::No, &["README.md", "data/train-00000.parquet", "data/train-00001.parquet"], &["task_categories:text-generation"], json!({"license": "cc-by-4.0"})));
                let card = fixtures::model_card("license: cc-by-4.0", &format!("# {d}\n\nCollected and filtered web text.\n\n{}", filler(2)));
                bytes.set(bytes.get() + card.len());
                documents.set(documents.get() + 1);
                texts.push((format!("https://huggingface.co/datasets/{d}/raw/main/README.md"), Reply::text(card)));
            }
        }
        for p in [paper.clone(), common.clone(), base_paper(i / 10)] {
            if seen_papers.insert(p.clone()) {
                arxiv.push((p.clone(), fixtures::arxiv_entry(&p, &format!("Widgets at scale {p}"), &format!("We describe a family of widgets. {}", FILLER.trim()), Some("20 pages"), None, None)));
            }
        }
        if seen_pkgs.insert(package_of(i)) {
            let pkg = package_of(i);
            set_json(&format!("https://pypi.org/pypi/{pkg}/json"), fixtures::pypi_project(&pkg, "1.4.2", "Tools for widgets", "", &[("Source", &format!("https://github.com/{}/tools", org(i)))]));
        }
        if seen_vendors.insert(vendor.clone()) {
            documents.set(documents.get() + 1);
            texts.push((format!("https://{vendor}/robots.txt"), Reply::text("User-agent: *\nAllow: /\n")));
        }
        let page = format!(
            "<!doctype html><html><head><title>Widget {i} release</title></head><body><nav><a href=\"/\">Home</a></nav><main><h1>Widget {i}</h1><p>Weights under Apache 2.0 at <a href=\"https://huggingface.co/{id}\">{id}</a>; \
             technical report <a href=\"https://arxiv.org/abs/{paper}\">arXiv</a>.</p><p>{}</p></main></body></html>",
            filler(3)
        );
        bytes.set(bytes.get() + page.len());
        documents.set(documents.get() + 1);
        texts.push((format!("https://{vendor}/models/{name}"), Reply::html(page)));
    }
    for (url, reply) in texts {
        web.set(&url, reply);
    }
    for (id, xml) in &arxiv {
        bytes.set(bytes.get() + xml.len());
        web.set_arxiv(id, xml);
    }
    documents.set(documents.get() + arxiv.len());
    Corpus { models_toml, documents: documents.get(), bytes: bytes.get() }
}

// ---------------------------------------------------------------------------
// Running the crawler

struct Usage {
    wall: Duration,
    cpu: Duration,
    maxrss_kib: u64,
    code: i32,
}

/// Runs `openness crawl` and reaps it with wait4, for its own CPU time and peak memory.
fn run_crawler(openness: &Path, config: &Path, log: &Path) -> Usage {
    let stderr = std::fs::File::create(log).expect("log file");
    let started = Instant::now();
    let child = Command::new(openness)
        .args(["--quiet", "crawl", "--config"])
        .arg(config)
        .env_remove("GITHUB_TOKEN")
        .env_remove("HF_TOKEN")
        .env("NO_PROXY", "*")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e} (build it with `cargo build --release`)", openness.display()));
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data, zero-initialised; wait4 fills it for our own child.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    assert_eq!(r, pid, "wait4 failed: {}", std::io::Error::last_os_error());
    let wall = started.elapsed();
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    std::mem::forget(child);
    Usage { wall, cpu: tv(ru.ru_utime) + tv(ru.ru_stime), maxrss_kib: ru.ru_maxrss as u64, code }
}

/// CPU time of this process so far (the fake server, mostly).
fn self_cpu() -> Duration {
    // SAFETY: as above.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn write_config(dir: &Path, mirror: &str, models: &str, parallel_models: usize, concurrency: usize) -> PathBuf {
    let mut hosts = String::new();
    for (host, n, per) in RATES {
        // enough concurrent requests to reach the rate at the served latency
        let c = if *host == "export.arxiv.org" { 1 } else if *host == "*" { 4 } else { 16 };
        let c = c.min(concurrency);
        hosts.push_str(&format!("[hosts.\"{host}\"]\nrate = \"{n}/{per}s\"\nconcurrency = {c}\n"));
    }
    // Hosts the crawler knows with stricter defaults, set to the vendor-page rate.
    hosts.push_str("[hosts.\"raw.githubusercontent.com\"]\nrate = \"20/1s\"\nconcurrency = 4\n");
    let text = format!(
        "store = \"store\"\n[http]\nmirror = \"{mirror}\"\nbackoff = \"100ms\"\ntimeout = \"30s\"\nmax_retry_wait = \"60s\"\nconcurrency = {concurrency}\n\n[crawl]\nparallel_models = {parallel_models}\n\n{hosts}\n{models}"
    );
    let path = dir.join("config.toml");
    std::fs::write(&path, text).expect("write config");
    path
}

/// What one crawler run did, from its summary and the server's log.
#[derive(Default, Clone)]
struct Measured {
    label: String,
    n: usize,
    wall: f64,
    bound: f64,
    bound_host: String,
    cpu: f64,
    maxrss_mib: f64,
    code: i32,
    ok_models: usize,
    requests: u64,
    per_host: BTreeMap<String, u64>,
    retries: u64,
    not_modified: u64,
    conditional: u64,
    bytes: u64,
    server_requests: usize,
    server_cpu: f64,
    server_limited: usize,
    server_bytes: usize,
    duplicates: usize,
    arxiv_requests: usize,
    arxiv_ids: usize,
    /// Facts + verdicts per model (the crawler's own `judge_us`): mean and median, ms.
    judge_mean_ms: f64,
    judge_median_ms: f64,
    /// With `--repeat`: how many runs this row summarises, and their wall/bound range.
    runs: usize,
    ratio_range: (f64, f64),
}

fn measure(label: &str, n: usize, web: &FakeWeb, usage: &Usage, server_cpu: Duration, out: &Path) -> Measured {
    let summary: Value = std::fs::read_to_string(out.join("summary.json")).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Value::Null);
    let log: Vec<LoggedRequest> = web.requests();
    let http = &summary["http"];
    let per_host: BTreeMap<String, u64> = http["per_host"].as_object().map(|o| o.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0))).collect()).unwrap_or_default();
    // The lower bound: no host can be asked faster than its rate. Counted are the
    // requests that were needed: distinct URLs answered, and for arXiv the fewest
    // batches of 100 ids that cover every id asked for.
    let limited = |r: &LoggedRequest| r.status == 429 || (r.status == 403 && r.host == "api.github.com");
    let mut needed: HashMap<String, std::collections::HashSet<(String, Option<String>)>> = HashMap::new();
    let mut arxiv_distinct: std::collections::HashSet<String> = std::collections::HashSet::new();
    for r in log.iter().filter(|r| !limited(r)) {
        if r.host == "export.arxiv.org" {
            if let Some(list) = r.query.as_deref().and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("id_list="))) {
                arxiv_distinct.extend(list.split(',').map(str::to_string));
            }
            continue;
        }
        needed.entry(r.host.clone()).or_default().insert((r.path.clone(), r.query.clone()));
    }
    let mut per_host_needed: Vec<(String, f64)> = needed.iter().map(|(h, urls)| (h.clone(), urls.len() as f64)).collect();
    per_host_needed.push(("export.arxiv.org".into(), arxiv_distinct.len().div_ceil(100) as f64));
    let (bound_host, bound) = per_host_needed.iter().map(|(h, c)| (h.clone(), c / rate_of(h))).fold((String::new(), 0.0), |a, b| if b.1 > a.1 { b } else { a });
    let mut answered: HashMap<(String, String, Option<String>), usize> = HashMap::new();
    for r in log.iter().filter(|r| !matches!(r.status, 429 | 503) && !limited(r)) {
        *answered.entry((r.host.clone(), r.path.clone(), r.query.clone())).or_default() += 1;
    }
    let arxiv: Vec<&LoggedRequest> = log.iter().filter(|r| r.host == "export.arxiv.org").collect();
    let mut judge: Vec<f64> = summary["models"].as_array().map(|a| a.iter().filter(|m| m["status"] == "ok").filter_map(|m| m["judge_us"].as_f64()).map(|us| us / 1000.0).collect()).unwrap_or_default();
    let judge_mean_ms = judge.iter().sum::<f64>() / judge.len().max(1) as f64;
    let judge_median_ms = median(&mut judge);
    let arxiv_ids = arxiv.iter().filter_map(|r| r.query.as_deref()).map(|q| q.split('&').find_map(|kv| kv.strip_prefix("id_list=")).map(|l| l.split(',').count()).unwrap_or(0)).sum();
    Measured {
        label: label.to_string(),
        n,
        wall: usage.wall.as_secs_f64(),
        bound,
        bound_host,
        cpu: usage.cpu.as_secs_f64(),
        maxrss_mib: usage.maxrss_kib as f64 / 1024.0,
        code: usage.code,
        ok_models: summary["models"].as_array().map(|a| a.iter().filter(|m| m["status"] == "ok").count()).unwrap_or(0),
        requests: http["requests"].as_u64().unwrap_or(0),
        per_host,
        retries: http["retries"].as_u64().unwrap_or(0),
        not_modified: http["not_modified"].as_u64().unwrap_or(0),
        conditional: log.iter().filter(|r| r.if_none_match.is_some() || r.if_modified_since.is_some()).count() as u64,
        bytes: http["bytes"].as_u64().unwrap_or(0),
        server_requests: log.len(),
        server_cpu: server_cpu.as_secs_f64(),
        server_limited: log.iter().filter(|r| r.status == 429 || (r.status == 403 && r.host == "api.github.com")).count(),
        server_bytes: log.iter().map(|r| r.bytes).sum(),
        duplicates: answered.values().filter(|&&c| c > 1).count(),
        arxiv_requests: arxiv.len(),
        arxiv_ids,
        judge_mean_ms,
        judge_median_ms,
        runs: 1,
        ratio_range: (ratio(usage.wall.as_secs_f64(), bound), ratio(usage.wall.as_secs_f64(), bound)),
    }
}

fn ratio(wall: f64, bound: f64) -> f64 {
    if bound > 0.0 {
        wall / bound
    } else {
        0.0
    }
}

/// The median of `xs` (the mean of the two middle values for an even count; 0 when empty).
fn median(xs: &mut [f64]) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    xs.sort_by(f64::total_cmp);
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

/// Summarises repeated runs of one scenario step: times, CPU and memory are medians
/// over the runs; counts come from the run whose wall/bound is the median.
fn summarise(runs: &[Measured]) -> Measured {
    let pick = |f: fn(&Measured) -> f64| median(&mut runs.iter().map(f).collect::<Vec<_>>());
    let mut by_ratio: Vec<&Measured> = runs.iter().collect();
    by_ratio.sort_by(|a, b| ratio(a.wall, a.bound).total_cmp(&ratio(b.wall, b.bound)));
    let mut row = by_ratio[by_ratio.len() / 2].clone();
    row.wall = pick(|m| m.wall);
    row.bound = pick(|m| m.bound);
    row.cpu = pick(|m| m.cpu);
    row.maxrss_mib = pick(|m| m.maxrss_mib);
    row.server_cpu = pick(|m| m.server_cpu);
    row.judge_mean_ms = pick(|m| m.judge_mean_ms);
    row.judge_median_ms = pick(|m| m.judge_median_ms);
    row.code = runs.iter().map(|m| m.code).find(|&c| c != 0).unwrap_or(0);
    row.ok_models = runs.iter().map(|m| m.ok_models).min().unwrap_or(0);
    row.duplicates = runs.iter().map(|m| m.duplicates).max().unwrap_or(0);
    row.runs = runs.len();
    let ratios: Vec<f64> = runs.iter().map(|m| ratio(m.wall, m.bound)).collect();
    row.ratio_range = (ratios.iter().copied().fold(f64::INFINITY, f64::min), ratios.iter().copied().fold(0.0, f64::max));
    row
}

/// One corpus, one store: a cold run, then (optionally) an unchanged second run.
fn scenario(args: &Args, n: usize, sequential: bool, second_run: bool) -> Vec<Measured> {
    let web = FakeWeb::start_blocking();
    let t = Instant::now();
    let corpus = build(&web, n);
    eprintln!("[bench] N={n}: corpus of {} documents, {:.1} MB, built in {:.1}s", corpus.documents, corpus.bytes as f64 / 1e6, t.elapsed().as_secs_f64());
    web.set_latency(args.latency);
    for (host, count, per) in RATES {
        web.set_rate_limit(host, *count, Duration::from_secs(*per as u64));
    }
    let dir = tempfile::Builder::new().prefix("openness-bench-").tempdir().expect("tempdir");
    let (pm, conc) = if sequential { (1, 1) } else { (args.parallel_models, args.concurrency) };
    let config = write_config(dir.path(), &web.mirror(), &corpus.models_toml, pm, conc);
    let mut results = Vec::new();
    let runs: &[&str] = if second_run { &["cold", "unchanged"] } else { &["cold"] };
    for (k, run) in runs.iter().enumerate() {
        web.clear_log();
        let cpu0 = self_cpu();
        let label = format!("{} {run}", if sequential { "sequential" } else { "parallel" });
        eprintln!("[bench] N={n}: {label} run…");
        let usage = run_crawler(&args.openness, &config, &dir.path().join(format!("run{k}.log")));
        let m = measure(&label, n, &web, &usage, self_cpu() - cpu0, &dir.path().join("out"));
        if let Some(path) = &args.dump_log {
            // The server's log as TSV: ms since the first request, host, path, query, status.
            let log = web.requests();
            let t0 = log.iter().map(|r| r.at).min();
            let mut text = String::new();
            for r in &log {
                let ms = t0.map(|t| r.at.duration_since(t).as_millis()).unwrap_or(0);
                text.push_str(&format!("{ms}\t{}\t{}\t{}\t{}\n", r.host, r.path, r.query.as_deref().unwrap_or(""), r.status));
            }
            std::fs::write(path.with_extension(format!("{n}.{k}.tsv")), text).expect("write log");
        }
        let mut limited: BTreeMap<String, usize> = BTreeMap::new();
        for r in web.requests().iter().filter(|r| r.status == 429 || (r.status == 403 && r.host == "api.github.com")) {
            *limited.entry(r.host.clone()).or_default() += 1;
        }
        eprintln!("[bench]   {:.1}s wall, bound {:.1}s ({}), exit {}, {}/{} models ok, {} requests, rate-limited answers {limited:?}", m.wall, m.bound, m.bound_host, m.code, m.ok_models, n, m.requests);
        results.push(m);
    }
    if args.keep {
        eprintln!("[bench] kept {}", dir.keep().display());
    }
    results
}

fn main() {
    let args = parse_args();
    if !args.openness.is_file() {
        eprintln!("openness binary not found at {} (build with `cargo build --release`, or pass --openness)", args.openness.display());
        std::process::exit(1);
    }
    let mut all = Vec::new();
    let repeated = |n: usize, sequential: bool, second: bool| -> Vec<Measured> {
        let mut rounds: Vec<Vec<Measured>> = (0..args.repeat).map(|_| scenario(&args, n, sequential, second)).collect();
        let steps = rounds[0].len();
        (0..steps).map(|k| summarise(&rounds.iter_mut().map(|r| r[k].clone()).collect::<Vec<_>>())).collect()
    };
    for &n in &args.sequential {
        all.extend(repeated(n, true, false));
    }
    for &n in &args.sizes {
        all.extend(repeated(n, false, true));
    }
    let table = report(&args, &all);
    println!("{table}");
    if let Some(path) = &args.json {
        let v: Vec<Value> = all
            .iter()
            .map(|m| json!({"label": m.label, "n": m.n, "wall_s": m.wall, "bound_s": m.bound, "bound_host": m.bound_host, "cpu_s": m.cpu, "maxrss_mib": m.maxrss_mib, "exit": m.code, "ok_models": m.ok_models, "requests": m.requests, "per_host": m.per_host, "retries": m.retries, "not_modified": m.not_modified, "conditional": m.conditional, "bytes": m.bytes, "server_requests": m.server_requests, "server_cpu_s": m.server_cpu, "server_rate_limited": m.server_limited, "duplicates": m.duplicates, "server_bytes": m.server_bytes, "arxiv_requests": m.arxiv_requests, "arxiv_ids": m.arxiv_ids, "judge_mean_ms": m.judge_mean_ms, "judge_median_ms": m.judge_median_ms, "runs": m.runs, "wall_over_bound_range": [m.ratio_range.0, m.ratio_range.1]}))
            .collect();
        std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).expect("write JSON");
    }
    let failed = all.iter().any(|m| m.code != 0 || m.ok_models != m.n);
    std::process::exit(if failed { 2 } else { 0 });
}

fn report(args: &Args, all: &[Measured]) -> String {
    let mut t = String::new();
    t.push_str(&format!(
        "Latency {} ms per request; rates: {}; crawler: parallel_models {}, concurrency {} (sequential: 1 and 1). {}\n\n",
        args.latency.as_millis(),
        RATES.iter().map(|(h, n, p)| format!("{h} {n}/{p}s")).collect::<Vec<_>>().join(", ") + " (each other host apart)",
        args.parallel_models,
        args.concurrency,
        if args.repeat > 1 { format!("Each row: median of {} runs (fresh corpus and store each time); wall/bound range in brackets.", args.repeat) } else { "Each row: one run.".to_string() }
    ));
    t.push_str("| run | N | wall s | bound s (host) | wall/bound | models ok | requests/model: HF · GH · arXiv · PyPI · other | arXiv ids/request | CPU ms/model | facts+verdicts ms/model (mean · median) | peak RSS MiB | retries · 429/403 | repeated URLs | 304 / conditional | MB downloaded | server: requests · CPU s |\n");
    t.push_str("|---|---:|---:|---|---:|---:|---|---:|---:|---|---:|---|---:|---|---:|---|\n");
    for m in all {
        let per = |h: &str| m.per_host.get(h).copied().unwrap_or(0) as f64 / m.n as f64;
        let other: u64 = m.per_host.iter().filter(|(h, _)| !["huggingface.co", "api.github.com", "export.arxiv.org", "pypi.org"].contains(&h.as_str())).map(|(_, c)| c).sum();
        t.push_str(&format!(
            "| {} | {} | {:.1} | {:.1} ({}) | {:.2}{} | {}/{} | {:.2} · {:.2} · {:.3} · {:.2} · {:.2} | {:.1} | {:.1} | {:.2} · {:.2} | {:.0} | {} · {} | {} | {} / {} ({:.0} %) | {:.2} | {} · {:.1} |\n",
            m.label,
            m.n,
            m.wall,
            m.bound,
            m.bound_host,
            ratio(m.wall, m.bound),
            if m.runs > 1 { format!(" ({:.2}–{:.2})", m.ratio_range.0, m.ratio_range.1) } else { String::new() },
            m.ok_models,
            m.n,
            per("huggingface.co"),
            per("api.github.com"),
            per("export.arxiv.org"),
            per("pypi.org"),
            other as f64 / m.n as f64,
            if m.arxiv_requests > 0 { m.arxiv_ids as f64 / m.arxiv_requests as f64 } else { 0.0 },
            m.cpu * 1000.0 / m.n as f64,
            m.judge_mean_ms,
            m.judge_median_ms,
            m.maxrss_mib,
            m.retries,
            m.server_limited,
            m.duplicates,
            m.not_modified,
            m.conditional,
            if m.conditional > 0 { m.not_modified as f64 * 100.0 / m.conditional as f64 } else { 0.0 },
            m.bytes as f64 / 1e6,
            m.server_requests,
            m.server_cpu,
        ));
    }
    t
}
