//! The server: [`FakeWeb`], its request handling and the request log.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hyper::body::Incoming;
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::body::{filler, OutBody};
use crate::faults::Faults;
use crate::reply::{Behaviour, Reply};
use crate::route::{Lookup, Prepared, Route, Routes, Target, GITHUB_API, JSON};

/// One request the server answered, as recorded in [`FakeWeb::requests`].
#[derive(Clone, Debug)]
pub struct LoggedRequest {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The public host, lower-cased (`api.github.com`).
    pub host: String,
    /// The public path, URL-decoded, starting with `/`.
    pub path: String,
    /// The raw query string, if the request had one.
    pub query: Option<String>,
    /// Status sent (after faults and 304 handling).
    pub status: u16,
    /// The request's `If-None-Match` header.
    pub if_none_match: Option<String>,
    /// The request's `If-Modified-Since` header.
    pub if_modified_since: Option<String>,
    /// The request's `Authorization` header.
    pub authorization: Option<String>,
    /// The request's `User-Agent` header.
    pub user_agent: Option<String>,
    /// Body bytes the server meant to send (0 for HEAD and 304; the bytes
    /// before the stall or the cut for those behaviours).
    pub bytes: usize,
    /// When the request arrived. The log is in the order answers were decided.
    pub at: Instant,
}

/// State shared by the handle and the connection tasks.
pub(crate) struct Shared {
    port: u16,
    routes: RwLock<Routes>,
    faults: Mutex<Faults>,
    latency_nanos: AtomicU64,
    log: Mutex<Vec<LoggedRequest>>,
    not_found_github: Arc<Prepared>,
    not_found_other: Arc<Prepared>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An in-process HTTP server on 127.0.0.1 that answers in the mirror layout
/// (`http://127.0.0.1:PORT/HOST/PATH?Q` for `https://HOST/PATH?Q`), with
/// canned replies and fault injection. It stops when dropped.
pub struct FakeWeb {
    addr: std::net::SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for FakeWeb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeWeb").field("addr", &self.addr).finish()
    }
}

impl FakeWeb {
    /// Binds 127.0.0.1 on a free port and serves on the current tokio runtime.
    ///
    /// # Panics
    /// Outside a tokio runtime, or when no port can be bound.
    pub async fn start() -> FakeWeb {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared::new(addr.port()));
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(serve(listener, shared.clone(), stopped));
        FakeWeb {
            addr,
            shared,
            stop,
            task: Some(task),
            thread: None,
        }
    }

    /// Like [`FakeWeb::start`], but runs the server on its own runtime in a
    /// background thread, for synchronous tests (e.g. ones that run the crawler
    /// binary as a subprocess). The server lives until the value is dropped.
    pub fn start_blocking() -> FakeWeb {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind 127.0.0.1:0");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared::new(addr.port()));
        let (stop, stopped) = watch::channel(false);
        let for_thread = shared.clone();
        let thread = std::thread::Builder::new()
            .name(format!("fakeweb-{}", addr.port()))
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("tokio runtime for FakeWeb");
                runtime.block_on(async move {
                    let listener = TcpListener::from_std(listener).expect("tokio listener");
                    serve(listener, for_thread, stopped).await;
                });
            })
            .expect("spawn FakeWeb thread");
        FakeWeb {
            addr,
            shared,
            stop,
            task: None,
            thread: Some(thread),
        }
    }

    /// The mirror prefix for the crawler's config: `http://127.0.0.1:PORT`.
    pub fn mirror(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> std::net::SocketAddr {
        self.addr
    }

    /// The mirror URL for a public one: `https://h/p?q` → `http://127.0.0.1:PORT/h/p?q`.
    pub fn url(&self, public: &str) -> String {
        let rest = public
            .strip_prefix("https://")
            .or_else(|| public.strip_prefix("http://"))
            .unwrap_or(public);
        format!("{}/{}", self.mirror(), rest.trim_start_matches('/'))
    }

    /// Answers `url` (a public URL such as `https://huggingface.co/api/models/o/n`)
    /// with `reply`. The query string is ignored for matching.
    ///
    /// # Panics
    /// On an invalid status code or header in `reply`.
    pub fn set(&self, url: &str, reply: Reply) {
        self.set_sequence(url, vec![reply]);
    }

    /// Answers `url` with a 200 JSON body.
    pub fn set_json(&self, url: &str, v: impl std::borrow::Borrow<serde_json::Value>) {
        self.set(url, Reply::json(v));
    }

    /// Answers `url` with a 200 text body whose content type is guessed
    /// (JSON, Atom, XML, HTML or plain text), as the mirror does.
    pub fn set_text(&self, url: &str, body: &str) {
        self.set(url, Reply::bytes(200, body));
    }

    /// Answers successive requests for `url` with these replies in order; the
    /// last one repeats (e.g. 503 then 200, or 429 with `Retry-After` then 200).
    ///
    /// # Panics
    /// When `replies` is empty.
    pub fn set_sequence(&self, url: &str, replies: Vec<Reply>) {
        assert!(!replies.is_empty(), "set_sequence needs at least one reply");
        let t = Target::from_public(url);
        let port = self.shared.port;
        let prepared = replies
            .into_iter()
            .map(|r| Prepared::new(r, &t.host, port))
            .collect();
        write(&self.shared.routes).insert(t.key(), Route::new(prepared));
    }

    /// Forgets `url`: it answers 404 again.
    pub fn remove(&self, url: &str) {
        write(&self.shared.routes).remove(&Target::from_public(url).key());
    }

    /// Stores the arXiv entry for `id` (an `<entry>…</entry>`, or a whole feed
    /// whose entries are taken), served by `export.arxiv.org/api/query?id_list=…`.
    /// An explicit [`FakeWeb::set`] of `https://export.arxiv.org/api/query` wins.
    pub fn set_arxiv(&self, id: &str, entry_xml: &str) {
        write(&self.shared.routes).set_arxiv(id, entry_xml);
    }

    /// Forgets the arXiv entry stored for `id`.
    pub fn remove_arxiv(&self, id: &str) {
        write(&self.shared.routes).remove_arxiv(id);
    }

    /// Waits this long before every answer; requests wait concurrently.
    pub fn set_latency(&self, d: Duration) {
        let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.shared.latency_nanos.store(nanos, Ordering::Relaxed);
    }

    /// At most `n` requests to `host` in any sliding window of `per` (`"*"`:
    /// every host without its own rule, each counted apart). Beyond that: 429
    /// with `Retry-After`; for api.github.com 403 with `x-ratelimit-remaining: 0`
    /// and `x-ratelimit-reset`, as GitHub does (a GitHub 304 does not count).
    /// Setting a rule restarts counting for the hosts it governs.
    pub fn set_rate_limit(&self, host: &str, n: u32, per: Duration) {
        lock(&self.shared.faults).set_rate_limit(host, n, per);
    }

    /// Answers this fraction (0–1) of `host`'s requests with 503 (`"*"` allowed),
    /// drawn from a random stream fixed by `seed` and the host.
    pub fn set_fail(&self, host: &str, fraction: f64, seed: u64) {
        lock(&self.shared.faults).set_fail(host, fraction, seed);
    }

    /// Removes every rate limit and failure rule (latency is kept).
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Every request answered so far, in order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.log).clone()
    }

    /// Empties the request log.
    pub fn clear_log(&self) {
        lock(&self.shared.log).clear();
    }
}

impl Drop for FakeWeb {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            task.abort();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(PoisonError::into_inner)
}

/// Resolves once `stop` turns true or its sender goes away.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Accepts connections until `stop` turns true (or its sender goes away).
async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // e.g. out of file descriptors: back off briefly
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            () = stopped(&mut stop) => break,
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let shared = shared.clone();
                async move { Ok::<_, Infallible>(shared.handle(req).await) }
            });
            let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                () = stopped(&mut stop) => {}
            }
        });
    }
}

fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    let weakless = |t: &str| t.strip_prefix("W/").unwrap_or(t).to_string();
    let want = weakless(etag);
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || weakless(tag) == want)
}

/// Whether a conditional request gets 304 (`If-None-Match` decides when present).
fn not_modified(p: &Prepared, inm: Option<&str>, ims: Option<&str>) -> bool {
    if let Some(inm) = inm {
        return p.etag.as_deref().is_some_and(|e| etag_matches(inm, e));
    }
    match (ims, p.last_modified.as_deref()) {
        (Some(ims), Some(lm)) => {
            ims.trim() == lm.trim()
                || matches!(
                    (httpdate::parse_http_date(ims), httpdate::parse_http_date(lm)),
                    (Ok(since), Ok(modified)) if modified <= since
                )
        }
        _ => false,
    }
}

fn header_str(req: &Request<Incoming>, name: HeaderName) -> Option<String> {
    req.headers()
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

fn github_limited() -> Prepared {
    let body = serde_json::json!({
        "message": "API rate limit exceeded for 127.0.0.1. (But here's the good news: \
                    Authenticated requests get a higher rate limit. Check out the \
                    documentation for more details.)",
        "documentation_url":
            "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
    });
    Prepared::new(
        Reply::bytes(403, body.to_string()).with_header("Content-Type", JSON),
        GITHUB_API,
        0,
    )
}

impl Shared {
    fn new(port: u16) -> Shared {
        Shared {
            port,
            routes: RwLock::new(Routes::default()),
            faults: Mutex::new(Faults::default()),
            latency_nanos: AtomicU64::new(0),
            log: Mutex::new(Vec::new()),
            not_found_github: Arc::new(Prepared::not_found(GITHUB_API)),
            not_found_other: Arc::new(Prepared::not_found("")),
        }
    }

    async fn handle(&self, req: Request<Incoming>) -> Response<OutBody> {
        let at = Instant::now();
        let target = Target::from_mirror_path(req.uri().path(), req.uri().query());
        let inm = header_str(&req, header::IF_NONE_MATCH);
        let ims = header_str(&req, header::IF_MODIFIED_SINCE);
        let latency = Duration::from_nanos(self.latency_nanos.load(Ordering::Relaxed));
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        let method = req.method();
        let (response, bytes) = if method == Method::GET || method == Method::HEAD {
            self.answer(
                &target,
                method == Method::HEAD,
                inm.as_deref(),
                ims.as_deref(),
            )
        } else {
            not_allowed()
        };
        let entry = LoggedRequest {
            method: method.to_string(),
            path: target.path(),
            host: target.host,
            query: target.query,
            status: response.status().as_u16(),
            if_none_match: inm,
            if_modified_since: ims,
            authorization: header_str(&req, header::AUTHORIZATION),
            user_agent: header_str(&req, header::USER_AGENT),
            bytes,
            at,
        };
        lock(&self.log).push(entry);
        response
    }

    /// The answer for a GET or HEAD, and the body bytes it sends.
    fn answer(
        &self,
        t: &Target,
        head: bool,
        inm: Option<&str>,
        ims: Option<&str>,
    ) -> (Response<OutBody>, usize) {
        let found = if t.is_invalid() {
            Lookup::Missing
        } else {
            self.routes
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .find(t)
        };
        let (peeked, route) = match found {
            Lookup::Route(r) => (r.peek(), Some(r)),
            Lookup::Feed(p) => (Arc::new(p), None),
            Lookup::Missing if t.host == GITHUB_API => (self.not_found_github.clone(), None),
            Lookup::Missing => (self.not_found_other.clone(), None),
        };

        let github = t.host == GITHUB_API;
        let mut extra: Vec<(HeaderName, HeaderValue)> = Vec::new();
        let mut fault: Option<Prepared> = None;
        {
            let mut faults = lock(&self.faults);
            if faults.has_limits() {
                if let Some(limiter) = faults.limiter(&t.host) {
                    let now = Instant::now();
                    // GitHub does not count a conditional request answered 304.
                    let verdict = if github && not_modified(&peeked, inm, ims) {
                        limiter.peek(now)
                    } else {
                        limiter.acquire(now)
                    };
                    if github {
                        let epoch = SystemTime::now()
                            .duration_since(UNIX_EPOCH)
                            .unwrap_or_default();
                        let reset = (epoch + verdict.wait).as_secs_f64().ceil() as u64;
                        let limit = limiter.limit;
                        for (name, value) in [
                            ("x-ratelimit-limit", limit.to_string()),
                            ("x-ratelimit-remaining", verdict.remaining.to_string()),
                            ("x-ratelimit-reset", reset.to_string()),
                            ("x-ratelimit-used", (limit - verdict.remaining).to_string()),
                            ("x-ratelimit-resource", "core".to_string()),
                        ] {
                            extra.push((
                                HeaderName::from_static(name),
                                HeaderValue::from_str(&value).expect("digits"),
                            ));
                        }
                    }
                    if !verdict.allowed {
                        fault = Some(if github {
                            github_limited()
                        } else {
                            let retry = verdict.wait.as_secs_f64().ceil().max(1.0) as u64;
                            Prepared::new(
                                Reply::bytes(429, r#"{"error":"Too Many Requests"}"#)
                                    .with_header("Content-Type", JSON)
                                    .with_header("Retry-After", &retry.to_string()),
                                &t.host,
                                0,
                            )
                        });
                    }
                }
            }
            if fault.is_none() && faults.has_failures() && faults.should_fail(&t.host) {
                fault = Some(Prepared::new(
                    Reply::bytes(503, r#"{"error":"Service Unavailable"}"#)
                        .with_header("Content-Type", JSON),
                    &t.host,
                    0,
                ));
            }
        }

        let reply = match (fault, route) {
            (Some(f), _) => Arc::new(f),
            (None, Some(route)) => route.take(),
            (None, None) => peeked,
        };
        respond(&reply, head, not_modified(&reply, inm, ims), extra)
    }
}

/// Builds the response for a prepared reply.
fn respond(
    p: &Prepared,
    head: bool,
    not_modified: bool,
    extra: Vec<(HeaderName, HeaderValue)>,
) -> (Response<OutBody>, usize) {
    let status = if not_modified { 304 } else { p.status };
    let mut response = Response::new(OutBody::Empty);
    *response.status_mut() = hyper::StatusCode::from_u16(status).expect("checked when prepared");
    let headers = response.headers_mut();
    for (name, value) in &p.headers {
        if not_modified && name == header::CONTENT_TYPE {
            continue;
        }
        headers.append(name.clone(), value.clone());
    }
    for (name, value) in extra {
        headers.insert(name, value);
    }
    let bodiless = not_modified || status == 204 || status < 200;
    if bodiless {
        return (response, 0);
    }
    let declared = match p.behaviour {
        Behaviour::Repeat(len) => len,
        Behaviour::ContentLength(len) => len,
        Behaviour::Normal | Behaviour::StallAfter(_) => p.body.len() as u64,
    };
    if head {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(declared));
        return (response, 0);
    }
    let (body, bytes) = match p.behaviour {
        Behaviour::Normal => (OutBody::Full(Some(p.body.clone())), p.body.len()),
        Behaviour::Repeat(len) => {
            let unit = if p.body.is_empty() {
                filler()
            } else {
                p.body.clone()
            };
            let bytes = usize::try_from(len).unwrap_or(usize::MAX);
            (OutBody::Repeat { unit, left: len }, bytes)
        }
        Behaviour::StallAfter(n) => {
            let n = n.min(p.body.len());
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(declared));
            (OutBody::Stall(Some(p.body.slice(..n))), n)
        }
        Behaviour::ContentLength(len) => {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            (
                OutBody::Cut {
                    data: Some(p.body.clone()),
                    flushed: false,
                },
                p.body.len(),
            )
        }
    };
    *response.body_mut() = body;
    (response, bytes)
}

fn not_allowed() -> (Response<OutBody>, usize) {
    const BODY: &[u8] = br#"{"error":"Method Not Allowed"}"#;
    let mut response = Response::new(OutBody::Full(Some(bytes::Bytes::from_static(BODY))));
    *response.status_mut() = hyper::StatusCode::METHOD_NOT_ALLOWED;
    let headers = response.headers_mut();
    headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    (response, BODY.len())
}
