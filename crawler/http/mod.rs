//! The HTTP layer: one shared client, per-host limits, retries with backoff,
//! conditional requests against the evidence store, redirects checked hop by hop,
//! a body size cap, secrets sent only to their own hosts, and one request per URL
//! per run.

pub mod guard;
pub mod hosts;
pub mod mirror;
mod resolver;
mod retry;
mod stats;
#[cfg(test)]
mod tests;

pub use stats::{Stats, StatsSnapshot};

use crate::config::Config;
use futures::future::{BoxFuture, FutureExt, Shared};
use openness_snapshots::{Digest, FetchRecord, Store};
use openness_sources::text::counted;
use reqwest::header::{HeaderMap, HeaderValue};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use url::Url;

/// A fetched (or revalidated) response in its public form.
#[derive(Clone, Debug)]
pub struct Response {
    /// The URL asked for.
    pub url: String,
    /// The URL answered, after redirects.
    pub final_url: String,
    /// Final HTTP status (200, 404, 403, ...).
    pub status: u16,
    /// Body (for 304 revalidations: the stored body).
    pub body: Arc<Vec<u8>>,
    /// Content type.
    pub content_type: Option<String>,
    /// Digest of the stored body.
    pub digest: Option<Digest>,
    /// Answered 304: the stored body was reused.
    pub revalidated: bool,
    /// `ETag` validator of the stored body.
    pub etag: Option<String>,
    /// `Last-Modified` validator of the stored body.
    pub last_modified: Option<String>,
}

impl Response {
    /// 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// This response with an empty body, to remember it without holding the body.
    fn without_body(&self) -> Response {
        Response { body: Arc::default(), ..self.clone() }
    }
}

/// Why a URL could not be fetched. A failed fetch is "unknown", never evidence of absence.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    /// Not a valid URL.
    #[error("invalid URL `{0}`")]
    InvalidUrl(String),
    /// Refused by policy (scheme, private address).
    #[error(transparent)]
    Refused(#[from] guard::Refusal),
    /// robots.txt disallows it.
    #[error("robots.txt of {0} disallows this page")]
    Robots(String),
    /// No answer in time.
    #[error("timed out fetching {url} after {}", counted(*.attempts as usize, "attempt"))]
    Timeout { url: String, attempts: u32 },
    /// Connection or protocol failure.
    #[error("could not fetch {url}: {reason}")]
    Transport { url: String, reason: String },
    /// An answer that breaks the protocol in a way a retry would not mend (a redirect
    /// without a usable location, "not modified" to a request that asked nothing).
    #[error("{url}: {reason}")]
    BadAnswer { url: String, reason: String },
    /// The service kept answering with an error status (429/5xx) after all retries.
    #[error("{url} answered HTTP {status} after {}", counted(*.attempts as usize, "attempt"))]
    Status { url: String, status: u16, attempts: u32 },
    /// The service asked us to wait longer than allowed.
    #[error("{host} asks to wait {wait_secs}s before retrying, more than the cap of {cap_secs}s ([http] max_retry_wait); try again later")]
    WaitTooLong { host: String, wait_secs: u64, cap_secs: u64 },
    /// Body larger than `[http] max_body_bytes`.
    #[error("{url}: body larger than the cap of {cap} bytes ([http] max_body_bytes)")]
    TooLarge { url: String, cap: u64 },
    /// Too many redirects.
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: u32 },
    /// A redirect loop.
    #[error("{url}: redirect loop")]
    RedirectLoop { url: String },
    /// Offline mode and nothing stored for this URL.
    #[error("offline: no stored snapshot of {0}")]
    Offline(String),
    /// The store failed.
    #[error("evidence store: {0}")]
    Store(String),
}

/// Result of a fetch, shared between every caller that asked for the same URL.
pub type FetchResult = Result<Arc<Response>, Arc<FetchError>>;

type Pending = Shared<BoxFuture<'static, FetchResult>>;

/// A URL's entry in the run's memo.
enum Memo {
    /// Being fetched: every caller awaits the same request.
    InFlight(Pending),
    /// Answered: the response without its body (the store holds it), or the error.
    /// Keeping bodies out of the memo bounds a run's memory by the documents in use,
    /// not by everything fetched so far.
    Settled(Result<Arc<Response>, Arc<FetchError>>),
}

/// Settings the fetcher uses, resolved from the config.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Attempts after the first.
    pub retries: u32,
    /// First backoff delay.
    pub backoff: Duration,
    /// Cap on server-requested waits.
    pub max_retry_wait: Duration,
    /// Body cap.
    pub max_body: u64,
    /// Redirect cap.
    pub max_redirects: u32,
    /// Honour robots.txt for pages.
    pub robots: bool,
    /// Answer from the store only.
    pub offline: bool,
    /// Global concurrency.
    pub concurrency: usize,
}

/// Tokens read from the environment; each is sent only to its own host.
#[derive(Clone, Default)]
pub struct Secrets {
    github: Option<HeaderValue>,
    hf: Option<HeaderValue>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets { .. }")
    }
}

impl Secrets {
    /// Reads `GITHUB_TOKEN` and `HF_TOKEN`.
    pub fn from_env() -> Secrets {
        let bearer = |name: &str| {
            std::env::var(name).ok().filter(|t| !t.trim().is_empty()).and_then(|t| {
                let mut v = HeaderValue::from_str(&format!("Bearer {}", t.trim())).ok()?;
                v.set_sensitive(true);
                Some(v)
            })
        };
        Secrets { github: bearer("GITHUB_TOKEN"), hf: bearer("HF_TOKEN") }
    }

    fn for_host(&self, host: &str) -> Option<&HeaderValue> {
        match host {
            "api.github.com" => self.github.as_ref(),
            "huggingface.co" => self.hf.as_ref(),
            _ => None,
        }
    }
}

/// The crawler's HTTP client. Cheap to clone.
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

struct Inner {
    client: reqwest::Client,
    map: mirror::UrlMap,
    hosts: hosts::HostPool,
    global: Arc<tokio::sync::Semaphore>,
    store: Arc<Store>,
    settings: Settings,
    secrets: Secrets,
    run_id: String,
    memo: Mutex<HashMap<String, Memo>>,
    stats: Stats,
}

impl Fetcher {
    /// Builds the fetcher for a run.
    pub fn new(config: &Config, store: Arc<Store>, run_id: &str, offline: bool) -> anyhow::Result<Fetcher> {
        let map = mirror::UrlMap::new(config.http.mirror.as_deref())?;
        let mut builder = reqwest::Client::builder()
            .user_agent(config.http.user_agent.clone())
            .connect_timeout(config.duration(&config.http.connect_timeout))
            .timeout(config.duration(&config.http.timeout))
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(64);
        if !map.is_mirror() {
            builder = builder.dns_resolver(Arc::new(resolver::PublicOnly));
        }
        // A mirror on this machine is reached directly, never through HTTP(S)_PROXY.
        if map.mirror().is_some_and(|m| matches!(m.host(), Some(url::Host::Ipv4(ip)) if ip.is_loopback()) || matches!(m.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback()) || m.host_str() == Some("localhost")) {
            builder = builder.no_proxy();
        }
        let client = builder.build()?;
        let cfg = config.clone();
        let settings = Settings {
            retries: config.http.retries,
            backoff: config.duration(&config.http.backoff),
            max_retry_wait: config.duration(&config.http.max_retry_wait),
            max_body: config.http.max_body_bytes,
            max_redirects: config.http.max_redirects,
            robots: config.http.robots,
            offline,
            concurrency: config.http.concurrency,
        };
        Ok(Fetcher {
            inner: Arc::new(Inner {
                client,
                map,
                hosts: hosts::HostPool::new(move |h| cfg.host_limits(h)),
                global: Arc::new(tokio::sync::Semaphore::new(settings.concurrency.max(1))),
                store,
                secrets: Secrets::from_env(),
                run_id: run_id.to_string(),
                memo: Mutex::new(HashMap::new()),
                stats: Stats::default(),
                settings,
            }),
        })
    }

    /// Counters of this run.
    pub fn stats(&self) -> &Stats {
        &self.inner.stats
    }

    /// Whether requests go to a mirror.
    pub fn is_mirror(&self) -> bool {
        self.inner.map.is_mirror()
    }

    /// The average spacing of requests to `host` its rate allows (period / count).
    pub fn min_interval(&self, host: &str) -> Duration {
        let rate = self.inner.hosts.limits(host).rate;
        rate.period / rate.count.max(1)
    }

    /// The store snapshots go to.
    pub fn store(&self) -> &Arc<Store> {
        &self.inner.store
    }

    /// Fetches an API resource or file. Each URL is requested at most once per run;
    /// concurrent callers share one request.
    pub async fn get(&self, url: &str) -> FetchResult {
        self.get_inner(url, Kind::Api).await
    }

    /// Fetches a web page, honouring the host's robots.txt. No token goes with it.
    pub async fn get_page(&self, url: &str) -> FetchResult {
        self.get_inner(url, Kind::Page).await
    }

    async fn get_inner(&self, url: &str, kind: Kind) -> FetchResult {
        let parsed = canonical(url).ok_or_else(|| Arc::new(FetchError::InvalidUrl(url.to_string())))?;
        guard::check(&parsed).map_err(|r| Arc::new(FetchError::from(r)))?;
        if kind == Kind::Page && self.inner.settings.robots && !self.inner.settings.offline {
            self.robots_allows(&parsed).await?;
        }
        let key = parsed.to_string();
        let pending = {
            let mut memo = self.inner.memo.lock().expect("memo lock");
            match memo.get(&key) {
                Some(Memo::Settled(settled)) => {
                    self.inner.stats.memo_hit();
                    let settled = settled.clone();
                    drop(memo);
                    return self.with_stored_body(settled);
                }
                Some(Memo::InFlight(p)) => {
                    self.inner.stats.memo_hit();
                    p.clone()
                }
                None => {
                    let this = self.clone();
                    let k = key.clone();
                    let fut: BoxFuture<'static, FetchResult> = async move { this.fetch_now(&k, kind).await.map(Arc::new).map_err(Arc::new) }.boxed();
                    let shared = fut.shared();
                    memo.insert(key.clone(), Memo::InFlight(shared.clone()));
                    shared
                }
            }
        };
        let result = pending.await;
        let mut memo = self.inner.memo.lock().expect("memo lock");
        if let Some(entry @ Memo::InFlight(_)) = memo.get_mut(&key) {
            *entry = Memo::Settled(result.clone().map(|r| Arc::new(r.without_body())));
        }
        result
    }

    /// A settled memo entry as a full answer: its body read back from the store.
    fn with_stored_body(&self, settled: Result<Arc<Response>, Arc<FetchError>>) -> FetchResult {
        let head = settled?;
        let Some(digest) = &head.digest else { return Ok(head) };
        let body = self.inner.store.get_body(digest).map_err(|e| Arc::new(FetchError::Store(e.to_string())))?;
        Ok(Arc::new(Response { body: Arc::new(body), ..(*head).clone() }))
    }

    async fn robots_allows(&self, url: &Url) -> Result<(), Arc<FetchError>> {
        let host = url.host_str().unwrap_or("");
        let robots_url = format!("{}://{}{}/robots.txt", url.scheme(), host, url.port().map(|p| format!(":{p}")).unwrap_or_default());
        if robots_url == url.as_str() {
            return Ok(());
        }
        let allowed = match Box::pin(self.get_inner(&robots_url, Kind::Robots)).await {
            Ok(r) if r.is_success() => {
                let rules = openness_sources::robots::Robots::parse(&r.text(), "openness");
                // Rules match the path with its query (`Disallow: /*?session=`).
                rules.allows(&url[url::Position::BeforePath..url::Position::AfterQuery])
            }
            // 4xx: no robots.txt → everything allowed (RFC 9309 §2.3.1.3).
            Ok(r) if (400..500).contains(&r.status) => true,
            // Unreachable robots.txt: assume complete disallow (RFC 9309 §2.3.1.4).
            _ => false,
        };
        if allowed {
            Ok(())
        } else {
            Err(Arc::new(FetchError::Robots(host.to_string())))
        }
    }

    async fn fetch_now(&self, url: &str, kind: Kind) -> Result<Response, FetchError> {
        let store = &self.inner.store;
        // The newest snapshot that has an answer (failures are recorded too, but
        // never replace the last good body as the basis of conditional requests).
        let previous = store.history(url).ok().and_then(|h| h.into_iter().rev().find(|r| r.status != 0));
        if self.inner.settings.offline {
            return self.answer_from_store(url, previous);
        }
        let result = self.fetch_network(url, previous.as_ref(), kind).await;
        match &result {
            Ok(resp) => {
                let record = FetchRecord {
                    url: url.to_string(),
                    final_url: resp.final_url.clone(),
                    status: resp.status,
                    fetched_at: chrono::Utc::now(),
                    content_type: resp.content_type.clone(),
                    etag: resp.etag.clone(),
                    last_modified: resp.last_modified.clone(),
                    digest: resp.digest.clone(),
                    size: resp.body.len() as u64,
                    error: None,
                    run: Some(self.inner.run_id.clone()),
                };
                store.record_fetch(&record).map_err(|e| FetchError::Store(e.to_string()))?;
            }
            Err(e) => {
                let record = FetchRecord {
                    url: url.to_string(),
                    final_url: url.to_string(),
                    status: 0,
                    fetched_at: chrono::Utc::now(),
                    content_type: None,
                    etag: None,
                    last_modified: None,
                    digest: None,
                    size: 0,
                    error: Some(e.to_string()),
                    run: Some(self.inner.run_id.clone()),
                };
                // A failure is recorded too (so that "evidence URL now failing" can be
                // reported); the stored bodies and earlier records stay.
                if let Err(err) = store.record_fetch(&record) {
                    tracing::warn!(url, error = %err, "could not record a failed fetch");
                }
            }
        }
        result
    }

    fn answer_from_store(&self, url: &str, previous: Option<FetchRecord>) -> Result<Response, FetchError> {
        let rec = previous.ok_or_else(|| FetchError::Offline(url.to_string()))?;
        let body = match &rec.digest {
            Some(d) => self.inner.store.get_body(d).map_err(|e| FetchError::Store(e.to_string()))?,
            None => Vec::new(),
        };
        if rec.status == 0 {
            return Err(FetchError::Transport { url: url.to_string(), reason: rec.error.unwrap_or_else(|| "failed when last fetched".into()) });
        }
        self.inner.stats.cache_hit();
        Ok(Response {
            url: url.to_string(),
            final_url: rec.final_url,
            status: rec.status,
            body: Arc::new(body),
            content_type: rec.content_type,
            digest: rec.digest,
            revalidated: true,
            etag: rec.etag,
            last_modified: rec.last_modified,
        })
    }

    async fn fetch_network(&self, url: &str, previous: Option<&FetchRecord>, kind: Kind) -> Result<Response, FetchError> {
        let mut current = Url::parse(url).map_err(|_| FetchError::InvalidUrl(url.to_string()))?;
        // Tokens go only with the crawler's own API requests (and hops on their host).
        let origin = (kind == Kind::Api).then(|| current.host_str().unwrap_or("").to_string());
        let mut visited = vec![current.to_string()];
        let mut hops = 0;
        loop {
            // Validators belong to the URL that answered last time (a redirect's target).
            let validators = previous.filter(|p| p.final_url == current.as_str() || (hops == 0 && p.final_url.is_empty()));
            let hop = self.fetch_one(&current, validators, self.token_for(origin.as_deref(), &current)).await?;
            match hop {
                Hop::Redirect(location) => {
                    hops += 1;
                    if hops > self.inner.settings.max_redirects {
                        return Err(FetchError::TooManyRedirects { url: url.to_string(), max: self.inner.settings.max_redirects });
                    }
                    guard::check(&location)?;
                    if visited.contains(&location.to_string()) {
                        return Err(FetchError::RedirectLoop { url: url.to_string() });
                    }
                    visited.push(location.to_string());
                    current = location;
                }
                Hop::Done { status, headers, body, not_modified } => {
                    let content_type = header(&headers, "content-type");
                    if not_modified {
                        if let Some(prev) = validators {
                            if let Some(d) = &prev.digest {
                                if let Ok(stored) = self.inner.store.get_body(d) {
                                    self.inner.stats.not_modified();
                                    return Ok(Response {
                                        url: url.to_string(),
                                        final_url: prev.final_url.clone(),
                                        status: prev.status,
                                        body: Arc::new(stored),
                                        content_type: prev.content_type.clone(),
                                        digest: Some(d.clone()),
                                        revalidated: true,
                                        etag: header(&headers, "etag").or_else(|| prev.etag.clone()),
                                        last_modified: header(&headers, "last-modified").or_else(|| prev.last_modified.clone()),
                                    });
                                }
                            }
                        }
                        // The stored body is gone (or no validators were sent): ask once
                        // more without validators; a second "not modified" is an error.
                        if previous.is_some() {
                            return Box::pin(self.fetch_network(url, None, kind)).await;
                        }
                        return Err(FetchError::BadAnswer { url: url.to_string(), reason: "answered 304 Not Modified to a request without validators".into() });
                    }
                    let digest = self.inner.store.put_body(&body).map_err(|e| FetchError::Store(e.to_string()))?;
                    return Ok(Response {
                        url: url.to_string(),
                        final_url: current.to_string(),
                        status,
                        body: Arc::new(body),
                        content_type,
                        digest: Some(digest),
                        revalidated: false,
                        etag: header(&headers, "etag"),
                        last_modified: header(&headers, "last-modified"),
                    });
                }
            }
        }
    }

    /// The token to send with a request for `url`: its host's, when `url` is https on the
    /// default port and on the host the request started on (`origin`, given only for the
    /// crawler's own API requests).
    fn token_for(&self, origin: Option<&str>, url: &Url) -> Option<&HeaderValue> {
        let host = url.host_str()?;
        let same_origin = origin.is_some_and(|o| o.eq_ignore_ascii_case(host));
        if url.scheme() != "https" || url.port().is_some() || !same_origin {
            return None;
        }
        self.inner.secrets.for_host(&host.to_lowercase())
    }

    /// One request (with retries) to one URL, no redirect following; `token` is sent as
    /// its `Authorization`.
    async fn fetch_one(&self, public: &Url, previous: Option<&FetchRecord>, token: Option<&HeaderValue>) -> Result<Hop, FetchError> {
        let host = public.host_str().unwrap_or("").to_lowercase();
        let state = self.inner.hosts.get(&host);
        let _slot = state.slot().await;
        let wire = self.inner.map.wire(public);
        let settings = &self.inner.settings;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            // The global permit is taken only once this host has a slot and its rate
            // limit lets the request go, and is given back before any retry wait: a slow,
            // rate-limited or paused host must not hold up the rest.
            state.ready().await;
            let global = self.inner.global.clone().acquire_owned().await.expect("open semaphore");
            let mut req = self.inner.client.get(wire.clone());
            if let Some(token) = token {
                req = req.header(reqwest::header::AUTHORIZATION, token.clone());
            }
            if let Some(prev) = previous {
                if prev.digest.is_some() && (200..300).contains(&prev.status) {
                    if let Some(etag) = &prev.etag {
                        req = req.header(reqwest::header::IF_NONE_MATCH, etag.as_str());
                    }
                    if let Some(lm) = &prev.last_modified {
                        req = req.header(reqwest::header::IF_MODIFIED_SINCE, lm.as_str());
                    }
                }
            }
            self.inner.stats.request(&host);
            let started = Instant::now();
            let outcome = match req.send().await {
                Ok(resp) => self.read(public, resp).await,
                Err(e) => Err(classify_error(public, e, attempt)),
            };
            self.inner.stats.latency(started.elapsed());
            drop(global);
            let decision = retry::decide(&outcome, attempt, settings, public);
            match decision {
                retry::Decision::Return => return outcome.map(|(hop, _)| hop),
                retry::Decision::Fail(e) => return Err(e),
                retry::Decision::Retry { wait, pause_host } => {
                    self.inner.stats.retry();
                    if pause_host {
                        state.pause_until(Instant::now() + wait);
                    }
                    tracing::debug!(url = %public, attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    async fn read(&self, public: &Url, mut resp: reqwest::Response) -> Result<(Hop, HeaderMap), FetchError> {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        // Proactive pause: GitHub tells how many requests remain in the window.
        if let Some(wait) = retry::github_exhausted(&headers) {
            if wait <= self.inner.settings.max_retry_wait {
                self.inner.hosts.get(public.host_str().unwrap_or("")).pause_until(Instant::now() + wait);
            }
        }
        if (300..400).contains(&status) && status != 304 {
            if let Some(loc) = headers.get("location").and_then(|v| v.to_str().ok()) {
                let wire_url = resp.url().clone();
                let target = wire_url.join(loc).map_err(|_| FetchError::BadAnswer { url: public.to_string(), reason: format!("bad redirect location `{loc}`") })?;
                let public_target = self.inner.map.public(&target);
                return Ok((Hop::Redirect(public_target), headers));
            }
        }
        if status == 304 {
            return Ok((Hop::Done { status, headers: headers.clone(), body: Vec::new(), not_modified: true }, headers));
        }
        let cap = self.inner.settings.max_body;
        if resp.content_length().is_some_and(|n| n > cap) {
            return Err(FetchError::TooLarge { url: public.to_string(), cap });
        }
        let mut body = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() as u64 + chunk.len() as u64 > cap {
                        return Err(FetchError::TooLarge { url: public.to_string(), cap });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(classify_error(public, e, 1)),
            }
        }
        self.inner.stats.bytes(body.len() as u64);
        Ok((Hop::Done { status, headers: headers.clone(), body, not_modified: false }, headers))
    }
}

/// `url` as requested and stored: parsed (so normalised: case of the scheme and host,
/// escapes) and without its fragment, which is never sent (`page#a` and `page#b` are one
/// request and one history).
fn canonical(url: &str) -> Option<Url> {
    let mut parsed = Url::parse(url).ok()?;
    parsed.set_fragment(None);
    Some(parsed)
}

/// The key under which the store keeps the history of `url` (see [`Fetcher::get`]); `url`
/// itself when it does not parse.
pub fn store_key(url: &str) -> String {
    canonical(url).map_or_else(|| url.to_string(), |u| u.to_string())
}

/// What a request is for: which may carry a token, which honour robots.txt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An API resource or file the crawler asks for (may carry the host's token).
    Api,
    /// A web page found in the evidence (robots.txt honoured, never a token).
    Page,
    /// A host's robots.txt (never a token).
    Robots,
}

/// One answer on the way to the final response.
pub(crate) enum Hop {
    Redirect(Url),
    Done { status: u16, headers: HeaderMap, body: Vec<u8>, not_modified: bool },
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

fn classify_error(url: &Url, e: reqwest::Error, attempts: u32) -> FetchError {
    // The error names the URL on the wire (the mirror's, when one is set): the message names
    // the public URL instead, the same in live and mirrored runs.
    let e = e.without_url();
    if e.is_timeout() {
        FetchError::Timeout { url: url.to_string(), attempts }
    } else {
        let mut reason = e.to_string();
        let mut src = std::error::Error::source(&e);
        while let Some(s) = src {
            reason = format!("{reason}: {s}");
            src = s.source();
        }
        FetchError::Transport { url: url.to_string(), reason }
    }
}
