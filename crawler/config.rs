//! The configuration file: tracked models, HTTP settings, per-host limits, store location.
//!
//! One struct serves the TOML file; command-line flags override a few fields.
//! Errors name the offending key and line.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A configuration problem: which file, which key, which line, what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    /// The TOML is invalid or a key has the wrong type.
    #[error("{path}:{line}: {message}")]
    Syntax { path: PathBuf, line: usize, message: String },
    /// A value is well-typed but not acceptable.
    #[error("{path}: `{key}`{}: {message}", line.map(|l| format!(" (line {l})")).unwrap_or_default())]
    Invalid { path: PathBuf, key: String, line: Option<usize>, message: String },
}

/// One tracked model (`[[model]]`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    /// File stem for this model's outputs.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Hugging Face repository id of the end (user-facing) model.
    #[serde(default)]
    pub hf: Option<String>,
    /// Extra GitHub repositories (`owner/repo`).
    #[serde(default)]
    pub github: Vec<String>,
    /// Extra vendor pages.
    #[serde(default)]
    pub vendor: Vec<String>,
    /// Extra arXiv ids or URLs.
    #[serde(default)]
    pub arxiv: Vec<String>,
}

/// `[http]`
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    /// Sends `https://HOST/PATH?Q` to `MIRROR/HOST/PATH?Q` instead.
    pub mirror: Option<String>,
    /// User agent.
    pub user_agent: String,
    /// Connect timeout (e.g. "10s").
    pub connect_timeout: String,
    /// Total timeout of one request including the body.
    pub timeout: String,
    /// Attempts after the first one for timeouts, 429 and 5xx.
    pub retries: u32,
    /// First backoff delay; doubles on each retry, with jitter.
    pub backoff: String,
    /// Longest wait accepted from Retry-After or a rate-limit reset; longer waits fail the request.
    pub max_retry_wait: String,
    /// Largest body accepted, in bytes.
    pub max_body_bytes: u64,
    /// Redirects followed per request.
    pub max_redirects: u32,
    /// Concurrent requests over all hosts.
    pub concurrency: usize,
    /// Honour robots.txt on vendor pages.
    pub robots: bool,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            mirror: None,
            user_agent: format!("openness/{} (+https://github.com/openness-index/openness)", env!("CARGO_PKG_VERSION")),
            connect_timeout: "10s".into(),
            timeout: "30s".into(),
            retries: 4,
            backoff: "500ms".into(),
            max_retry_wait: "120s".into(),
            max_body_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
            concurrency: 32,
            robots: true,
        }
    }
}

/// `[hosts."HOST"]` overrides.
#[derive(Clone, Debug, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct HostConfig {
    /// "N/PERIOD", e.g. "1/3s", "5000/1h".
    pub rate: Option<String>,
    /// Concurrent requests to this host.
    pub concurrency: Option<usize>,
}

/// `[crawl]`: discovery bounds.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CrawlConfig {
    /// Link hops followed from the starting points.
    pub max_depth: u32,
    /// Documents fetched per model at most.
    pub max_documents: usize,
    /// Vendor pages followed per model at most.
    pub max_vendor_pages: usize,
    /// Models crawled at the same time.
    pub parallel_models: usize,
}

impl Default for CrawlConfig {
    fn default() -> Self {
        CrawlConfig { max_depth: 2, max_documents: 80, max_vendor_pages: 6, parallel_models: 16 }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    store: Option<PathBuf>,
    #[serde(default)]
    schema: Option<String>,
    #[serde(default)]
    http: HttpConfig,
    #[serde(default)]
    crawl: CrawlConfig,
    #[serde(default)]
    hosts: BTreeMap<String, HostConfig>,
    #[serde(default)]
    model: Vec<ModelEntry>,
}

/// A rate: `count` requests per `period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Requests allowed per period (also the burst).
    pub count: u32,
    /// The period.
    pub period: Duration,
}

impl Rate {
    /// Parses "N/PERIOD" (`1/3s`, `5000/1h`, `1000/5m`, `10/s`).
    pub fn parse(s: &str) -> Result<Rate, String> {
        let (n, p) = s.split_once('/').ok_or_else(|| format!("`{s}` is not of the form N/PERIOD (e.g. \"1/3s\")"))?;
        let count: u32 = n.trim().parse().map_err(|_| format!("`{n}` is not a whole number of requests"))?;
        if count == 0 {
            return Err("the request count must be at least 1".into());
        }
        let p = p.trim();
        let p = if p.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) { format!("1{p}") } else { p.to_string() };
        let period = parse_duration(&p)?;
        if period.is_zero() {
            return Err("the period must be longer than zero".into());
        }
        Ok(Rate { count, period })
    }

    /// Requests per second.
    pub fn per_second(&self) -> f64 {
        self.count as f64 / self.period.as_secs_f64()
    }
}

/// Parses "250ms", "3s", "5m", "1h", "1.5s".
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let value: f64 = num.parse().map_err(|_| format!("`{s}` is not a duration (e.g. \"500ms\", \"3s\", \"5m\", \"1h\")"))?;
    let secs = match unit.trim() {
        "ms" => value / 1000.0,
        "s" | "" => value,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        other => return Err(format!("unknown time unit `{other}` in `{s}` (use ms, s, m or h)")),
    };
    if secs > MAX_DURATION_SECS {
        return Err(format!("`{s}` is longer than the limit of a week"));
    }
    Duration::try_from_secs_f64(secs).map_err(|e| format!("`{s}` is not a duration: {e}"))
}

/// The longest duration a setting may name (a week): timeouts, waits and rate periods beyond
/// it are mistakes, and would overflow the clock arithmetic.
const MAX_DURATION_SECS: f64 = 7.0 * 24.0 * 3600.0;

/// The most requests at once a setting may allow (the global cap and each host's).
const MAX_CONCURRENCY: usize = 4096;

/// The loaded, validated configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where the config file is (outputs and the store are relative to its folder).
    pub path: PathBuf,
    /// Evidence store folder.
    pub store: PathBuf,
    /// Default schema.
    pub schema: String,
    /// HTTP settings.
    pub http: HttpConfig,
    /// Discovery bounds.
    pub crawl: CrawlConfig,
    /// Per-host limits, defaults merged with overrides.
    pub hosts: BTreeMap<String, HostLimits>,
    /// Tracked models.
    pub models: Vec<ModelEntry>,
    /// sha256 of the file text.
    pub digest: String,
}

/// Effective limits for one host.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HostLimits {
    /// Rate.
    pub rate: Rate,
    /// Concurrency cap.
    pub concurrency: usize,
}

/// Polite defaults for the services the crawler knows. `*` applies to any other host.
pub fn default_host_limits(github_token: bool) -> BTreeMap<String, HostLimits> {
    let r = |s: &str, c: usize| HostLimits { rate: Rate::parse(s).expect("valid default"), concurrency: c };
    let mut m = BTreeMap::new();
    // Hugging Face's documented anonymous API budget is on the order of 1000 requests / 5 min.
    m.insert("huggingface.co".into(), r("1000/5m", 8));
    // GitHub REST: 60/h anonymous, 5000/h with a token.
    m.insert("api.github.com".into(), r(if github_token { "5000/1h" } else { "60/1h" }, 4));
    m.insert("raw.githubusercontent.com".into(), r("5000/1h", 4));
    // arXiv asks for no more than one request every three seconds.
    m.insert("export.arxiv.org".into(), r("1/3s", 1));
    m.insert("pypi.org".into(), r("20/1s", 4));
    m.insert("*".into(), r("1/1s", 2));
    m
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
        Self::from_str(&text, path)
    }

    /// Parses config text; `path` is used for messages and relative paths.
    pub fn from_str(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            line: e.span().map(|s| line_of(text, s.start)).unwrap_or(0),
            message: e.message().to_string(),
        })?;
        let invalid = |key: String, needle: &str, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            line: find_line(text, needle),
            key,
            message,
        };
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let base = if base.as_os_str().is_empty() { PathBuf::from(".") } else { base };
        for (key, value) in [
            ("http.connect_timeout", &raw.http.connect_timeout),
            ("http.timeout", &raw.http.timeout),
            ("http.backoff", &raw.http.backoff),
            ("http.max_retry_wait", &raw.http.max_retry_wait),
        ] {
            let d = parse_duration(value).map_err(|m| invalid(key.into(), key.rsplit('.').next().unwrap(), m))?;
            // A zero timeout fails every request.
            if d.is_zero() && key.ends_with("timeout") {
                return Err(invalid(key.into(), key.rsplit('.').next().unwrap(), "must be longer than zero".into()));
            }
        }
        if let Some(m) = &raw.http.mirror {
            let u = url::Url::parse(m).map_err(|e| invalid("http.mirror".into(), "mirror", format!("not a URL: {e}")))?;
            if u.scheme() != "http" && u.scheme() != "https" {
                return Err(invalid("http.mirror".into(), "mirror", "must be an http:// or https:// URL".into()));
            }
            // Public URLs are appended to the mirror's path: a query, fragment or credentials
            // would swallow them.
            if u.query().is_some() || u.fragment().is_some() || !u.username().is_empty() || u.password().is_some() {
                return Err(invalid("http.mirror".into(), "mirror", "must be a plain http(s) URL, without a query, fragment or user name".into()));
            }
        }
        if !(1..=MAX_CONCURRENCY).contains(&raw.http.concurrency) {
            return Err(invalid("http.concurrency".into(), "concurrency", format!("must be from 1 to {MAX_CONCURRENCY}")));
        }
        for (key, value) in [("crawl.parallel_models", raw.crawl.parallel_models), ("crawl.max_documents", raw.crawl.max_documents)] {
            if value == 0 {
                return Err(invalid(key.into(), key.rsplit('.').next().unwrap_or(key), "must be at least 1".into()));
            }
        }
        let token = std::env::var("GITHUB_TOKEN").is_ok_and(|t| !t.trim().is_empty());
        let mut hosts = default_host_limits(token);
        for (host, h) in &raw.hosts {
            let key = format!("hosts.\"{host}\"");
            // A host name ("huggingface.co") or "*": a URL here would never match a request.
            let host_name = host == "*" || (!host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c)));
            if !host_name {
                return Err(invalid(key.clone(), host, format!("`{host}` is not a host name (write huggingface.co, not a URL)")));
            }
            let mut limits = hosts.get(&host.to_lowercase()).or_else(|| hosts.get("*")).copied().expect("default present");
            if let Some(rate) = &h.rate {
                limits.rate = Rate::parse(rate).map_err(|m| invalid(format!("{key}.rate"), rate, m))?;
            }
            if let Some(c) = h.concurrency {
                if !(1..=MAX_CONCURRENCY).contains(&c) {
                    return Err(invalid(format!("{key}.concurrency"), host, format!("must be from 1 to {MAX_CONCURRENCY}")));
                }
                limits.concurrency = c;
            }
            hosts.insert(host.to_lowercase(), limits);
        }
        let mut seen = std::collections::HashSet::new();
        // Errors about a model name the line in that model's own table (its header when the
        // value is not found there); without one table per model, the first line that has it.
        let tables = model_table_offsets(text);
        for (i, m) in raw.model.iter().enumerate() {
            let table = (tables.len() == raw.model.len()).then(|| (tables[i], tables.get(i + 1).copied().unwrap_or(text.len())));
            let invalid = |key: String, needle: &str, message: String| ConfigError::Invalid {
                path: path.to_path_buf(),
                line: match table {
                    Some((from, to)) => Some(line_in_table(text, from, to, key.strip_prefix("model.").unwrap_or(""), needle)),
                    None => find_line(text, needle),
                },
                key,
                message,
            };
            let ok_id = !m.id.is_empty()
                && !m.id.starts_with('.')
                && m.id.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
            if !ok_id {
                return Err(invalid("model.id".into(), &format!("\"{}\"", m.id), format!("`{}` is not a usable file stem (letters, digits, . _ -)", m.id)));
            }
            if !seen.insert(m.id.clone()) {
                return Err(invalid("model.id".into(), &format!("\"{}\"", m.id), format!("`{}` is used by two models", m.id)));
            }
            if m.hf.is_none() && m.github.is_empty() && m.vendor.is_empty() && m.arxiv.is_empty() {
                return Err(invalid("model".into(), &format!("\"{}\"", m.id), format!("model `{}` has no starting point (set hf, github, vendor or arxiv)", m.id)));
            }
            if let Some(hf) = &m.hf {
                if crate::discovery::parse_hf_id(hf).is_none() {
                    return Err(invalid("model.hf".into(), hf, format!("`{hf}` is not a Hugging Face repository id (org/name)")));
                }
            }
            for g in &m.github {
                if crate::discovery::parse_github_repo(g).is_none() {
                    return Err(invalid("model.github".into(), g, format!("`{g}` is not a GitHub repository (owner/repo)")));
                }
            }
            for a in &m.arxiv {
                if crate::discovery::parse_arxiv(a).is_none() {
                    return Err(invalid("model.arxiv".into(), a, format!("`{a}` is not an arXiv id or URL")));
                }
            }
            for v in &m.vendor {
                match url::Url::parse(v) {
                    Ok(u) if u.scheme() == "http" || u.scheme() == "https" => {}
                    _ => return Err(invalid("model.vendor".into(), v, format!("`{v}` is not an http(s) URL"))),
                }
            }
        }
        // A schema file named in the config is relative to the config's folder, as the store is.
        let schema = match raw.schema {
            Some(s) if Path::new(&s).extension().is_some_and(|e| e == "toml") && Path::new(&s).is_relative() => base.join(s).to_string_lossy().into_owned(),
            Some(s) => s,
            None => "faccT24".into(),
        };
        let store = raw.store.map(|s| if s.is_absolute() { s } else { base.join(s) }).unwrap_or_else(|| base.join("store"));
        Ok(Config {
            path: path.to_path_buf(),
            store,
            schema,
            http: raw.http,
            crawl: raw.crawl,
            hosts,
            models: raw.model,
            digest: openness_snapshots::Digest::of(text.as_bytes()).to_string(),
        })
    }

    /// Limits for `host` (its own entry, else `*`).
    pub fn host_limits(&self, host: &str) -> HostLimits {
        self.hosts.get(host).or_else(|| self.hosts.get("*")).copied().expect("`*` default present")
    }

    /// A parsed duration setting (validated at load).
    pub fn duration(&self, value: &str) -> Duration {
        parse_duration(value).unwrap_or(Duration::from_secs(30))
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn find_line(text: &str, needle: &str) -> Option<usize> {
    text.find(needle).map(|o| line_of(text, o))
}

/// The line in the table `text[from..to]` that sets `field` and holds `needle`, else the
/// first that holds `needle`, else the table's header line.
fn line_in_table(text: &str, from: usize, to: usize, field: &str, needle: &str) -> usize {
    let table = &text[from..to];
    let mut offset = from;
    let mut holds_needle = None;
    for line in table.split_inclusive('\n') {
        if line.contains(needle) {
            let sets_field = !field.is_empty() && line.trim_start().strip_prefix(field).is_some_and(|rest| rest.trim_start().starts_with('='));
            if sets_field {
                return line_of(text, offset);
            }
            holds_needle.get_or_insert(offset);
        }
        offset += line.len();
    }
    line_of(text, holds_needle.unwrap_or(from))
}

/// Where each `[[model]]` table header starts, in order.
fn model_table_offsets(text: &str) -> Vec<usize> {
    let mut offset = 0;
    let mut tables = Vec::new();
    for line in text.split_inclusive('\n') {
        // Spaces, quotes and a byte-order mark do not change the header (`[[ "model" ]]`).
        let header: String = line.split('#').next().unwrap_or("").chars().filter(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '\u{feff}')).collect();
        if header == "[[model]]" {
            tables.push(offset);
        }
        offset += line.len();
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(s: &str) -> Result<Config, ConfigError> {
        Config::from_str(s, Path::new("/tmp/x/config.toml"))
    }

    #[test]
    fn rates_and_durations() {
        assert_eq!(Rate::parse("1/3s").unwrap(), Rate { count: 1, period: Duration::from_secs(3) });
        assert_eq!(Rate::parse("5000/1h").unwrap().period, Duration::from_secs(3600));
        assert_eq!(Rate::parse("1000/5m").unwrap().count, 1000);
        assert_eq!(Rate::parse("10/s").unwrap().period, Duration::from_secs(1));
        assert!(Rate::parse("0/1s").is_err());
        assert!(Rate::parse("fast").is_err());
        assert!(Rate::parse("1/3 fortnights").is_err());
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
    }

    #[test]
    fn loads_models_hosts_and_defaults() {
        let c = load("[http]\nmirror = \"http://127.0.0.1:9\"\n[hosts.\"export.arxiv.org\"]\nrate = \"2/1s\"\n[[model]]\nid = \"m\"\nname = \"M\"\nhf = \"org/m\"\n").unwrap();
        assert_eq!(c.models.len(), 1);
        assert_eq!(c.host_limits("export.arxiv.org").rate.count, 2);
        assert_eq!(c.host_limits("vendor.example").rate, Rate::parse("1/1s").unwrap());
        assert_eq!(c.store, PathBuf::from("/tmp/x/store"));
    }

    #[test]
    fn errors_name_key_and_line() {
        let e = load("[http]\ntimeout = 5\n").unwrap_err().to_string();
        assert!(e.contains(":2:"), "{e}");
        let e = load("\n\n[hosts.\"api.github.com\"]\nrate = \"lots\"\n").unwrap_err().to_string();
        assert!(e.contains("hosts.\"api.github.com\".rate") && e.contains("line 4"), "{e}");
        let e = load("[[model]]\nid = \"a\"\nname = \"A\"\nhf = \"not an id\"\n").unwrap_err().to_string();
        assert!(e.contains("model.hf") && e.contains("line 4"), "{e}");
        let e = load("[[model]]\nid = \"a\"\nname = \"A\"\n").unwrap_err().to_string();
        assert!(e.contains("no starting point"), "{e}");
        let e = load("[[model]]\nid = \"a\"\nname = \"A\"\nhf = \"o/m\"\ncolour = 1\n").unwrap_err().to_string();
        assert!(e.contains("colour") && e.contains(":5:"), "{e}");
    }

    #[test]
    fn out_of_range_values_are_errors_not_panics() {
        for (text, key) in [
            ("[http]\ntimeout = \"99999999999999999999h\"\n", "http.timeout"),
            ("[hosts.\"huggingface.co\"]\nrate = \"1/99999999999999999999h\"\n", "rate"),
            ("[http]\nconcurrency = 9223372036854775807\n", "http.concurrency"),
            ("[hosts.\"huggingface.co\"]\nconcurrency = 9223372036854775807\n", "concurrency"),
            ("[http]\nmirror = \"http://127.0.0.1:9/?x=1\"\n", "http.mirror"),
            ("[http]\nmirror = \"http://u:p@127.0.0.1:9/\"\n", "http.mirror"),
            ("[crawl]\nparallel_models = 0\n", "crawl.parallel_models"),
            ("[crawl]\nmax_documents = 0\n", "crawl.max_documents"),
            ("[[model]]\nid = \"a\"\nname = \"A\"\narxiv = [\"\"]\n", "model.arxiv"),
            ("[http]\ntimeout = \"0s\"\n", "http.timeout"),
            ("[hosts.\"https://huggingface.co\"]\nrate = \"1/1s\"\n", "not a host name"),
        ] {
            let e = load(text).unwrap_err().to_string();
            assert!(e.contains(key), "{text:?}: {e}");
        }
        // A mirror with a path prefix is fine; arXiv starting points as ids or URLs.
        assert!(load("[http]\nmirror = \"http://127.0.0.1:9/corpus\"\n").is_ok());
        assert!(load("[[model]]\nid = \"a\"\nname = \"A\"\narxiv = [\"2401.01234\", \"arXiv:2401.01235\", \"https://arxiv.org/abs/2401.01236\"]\n").is_ok());
    }

    #[test]
    fn an_error_about_a_model_names_the_line_of_that_model() {
        let text = "[[model]]\nid = \"a\"\nname = \"A\"\nhf = \"acme/a\"\n\n[[model]] # again\nid = \"a\"\nname = \"A2\"\nhf = \"acme/a2\"\n\n[[model]]\nid = \"b\"\nname = \"B\"\nhf = \"acme/a\"\ngithub = [\"not a repo\"]\n";
        match load(text).unwrap_err() {
            ConfigError::Invalid { line, message, .. } => assert_eq!((line, message.as_str()), (Some(7), "`a` is used by two models")),
            e => panic!("unexpected {e}"),
        }
        // Not in a later model either: a value missing from its own table names the header.
        let later = "[[model]]\nid = \"a\"\nname = \"A\"\nhf = \"acme/a\"\n\n[[model]]\nid = 'a'\nname = \"A2\"\nhf = \"acme/b\"\n\n[[model]]\nid = \"c\"\nname = \"a\"\nhf = \"acme/c\"\n";
        match load(later).unwrap_err() {
            ConfigError::Invalid { line, .. } => assert_eq!(line, Some(6)),
            e => panic!("unexpected {e}"),
        }
        // A byte-order mark and a quoted header are still table headers.
        let marked = format!("\u{feff}{}", text.replacen("[[model]] # again", "[[ \"model\" ]]", 1));
        match load(&marked).unwrap_err() {
            ConfigError::Invalid { line, .. } => assert_eq!(line, Some(7)),
            e => panic!("unexpected {e}"),
        }
        // The line of the field in error, not an earlier line with the same value.
        let same_value = "[[model]]\nid = \"acme\"\nname = \"Acme\"\nhf = \"acme\"\n";
        match load(same_value).unwrap_err() {
            ConfigError::Invalid { line, key, .. } => assert_eq!((line, key.as_str()), (Some(4), "model.hf")),
            e => panic!("unexpected {e}"),
        }
        // A value also written in an earlier model is found in the model that has it wrong.
        let third = text.replacen("id = \"a\"\nname = \"A2\"", "id = \"c\"\nname = \"a/b/c\"", 1).replace("hf = \"acme/a\"\ngithub = [\"not a repo\"]", "hf = \"a/b/c\"");
        match load(&third).unwrap_err() {
            ConfigError::Invalid { line, key, .. } => assert_eq!((line, key.as_str()), (Some(14), "model.hf")),
            e => panic!("unexpected {e}"),
        }
    }

    #[test]
    fn a_schema_file_is_relative_to_the_config() {
        assert_eq!(load("schema = \"schemas/mine.toml\"\n").unwrap().schema, "/tmp/x/schemas/mine.toml");
        assert_eq!(load("schema = \"osai\"\n").unwrap().schema, "osai");
    }
}
