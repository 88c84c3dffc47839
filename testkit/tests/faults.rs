//! Fault injection: sequences, rate limits, failures, stalls, truncation,
//! huge bodies, latency and throughput.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use openness_testkit::{Behaviour, FakeWeb, Reply};
use reqwest::header::{CONTENT_LENGTH, ETAG};
use serde_json::{json, Value};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

async fn status(c: &reqwest::Client, web: &FakeWeb, public: &str) -> u16 {
    c.get(web.url(public))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn header(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

#[tokio::test]
async fn sequences_answer_in_order_and_repeat_the_last() {
    let web = FakeWeb::start().await;
    let c = client();
    web.set_sequence(
        "https://huggingface.co/api/models/o/m",
        vec![
            Reply::status(503),
            Reply::status(429).with_header("Retry-After", "1"),
            Reply::json(json!({"id": "o/m"})),
        ],
    );
    let r = c
        .get(web.url("https://huggingface.co/api/models/o/m"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    let r = c
        .get(web.url("https://huggingface.co/api/models/o/m"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), header(&r, "retry-after")),
        (429, Some("1".into()))
    );
    for _ in 0..3 {
        let r = c
            .get(web.url("https://huggingface.co/api/models/o/m"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.json::<Value>().await.unwrap()["id"], "o/m");
    }
    // Setting the URL again starts afresh.
    web.set_sequence(
        "https://huggingface.co/api/models/o/m",
        vec![Reply::status(500), Reply::status(204)],
    );
    assert_eq!(
        status(&c, &web, "https://huggingface.co/api/models/o/m").await,
        500
    );
    assert_eq!(
        status(&c, &web, "https://huggingface.co/api/models/o/m").await,
        204
    );
    assert_eq!(
        status(&c, &web, "https://huggingface.co/api/models/o/m").await,
        204
    );
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let web = FakeWeb::start().await;
    let c = client();
    web.set_text("https://pypi.org/pypi/a/json", "{}");
    web.set_text("https://a.example/x", "a");
    web.set_text("https://b.example/x", "b");
    web.set_rate_limit("pypi.org", 2, Duration::from_millis(600));
    web.set_rate_limit("*", 1, Duration::from_secs(60));

    assert_eq!(status(&c, &web, "https://pypi.org/pypi/a/json").await, 200);
    assert_eq!(status(&c, &web, "https://pypi.org/pypi/a/json").await, 200);
    let r = c
        .get(web.url("https://pypi.org/pypi/a/json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(
        header(&r, "retry-after").as_deref(),
        Some("1"),
        "seconds, rounded up"
    );
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"error": "Too Many Requests"})
    );
    // Other hosts fall under "*", each counted apart.
    assert_eq!(status(&c, &web, "https://a.example/x").await, 200);
    assert_eq!(status(&c, &web, "https://b.example/x").await, 200);
    let r = c.get(web.url("https://a.example/x")).send().await.unwrap();
    assert_eq!(r.status(), 429);
    let retry: u64 = header(&r, "retry-after").unwrap().parse().unwrap();
    assert!((59..=60).contains(&retry), "{retry}");
    // The window slides: after it passes, requests are accepted again.
    tokio::time::sleep(Duration::from_millis(650)).await;
    assert_eq!(status(&c, &web, "https://pypi.org/pypi/a/json").await, 200);
    let statuses: Vec<u16> = web
        .requests()
        .iter()
        .filter(|r| r.host == "pypi.org")
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [200, 200, 429, 200]);
    web.clear_faults();
    assert_eq!(status(&c, &web, "https://a.example/x").await, 200);
}

#[tokio::test]
async fn github_rate_limit_is_403_with_headers_and_304s_are_free() {
    let web = FakeWeb::start().await;
    let c = client();
    web.set_json(
        "https://api.github.com/repos/o/r",
        json!({"full_name": "o/r"}),
    );
    web.set_rate_limit("api.github.com", 2, Duration::from_secs(30));
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();

    let r = c
        .get(web.url("https://api.github.com/repos/o/r"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "x-ratelimit-limit").as_deref(), Some("2"));
    assert_eq!(header(&r, "x-ratelimit-remaining").as_deref(), Some("1"));
    assert_eq!(header(&r, "x-ratelimit-used").as_deref(), Some("1"));
    let etag = header(&r, "etag").unwrap();
    for _ in 0..5 {
        let r = c
            .get(web.url("https://api.github.com/repos/o/r"))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 304);
        assert_eq!(
            header(&r, "x-ratelimit-remaining").as_deref(),
            Some("1"),
            "304 not counted"
        );
    }
    assert_eq!(
        status(&c, &web, "https://api.github.com/repos/o/r").await,
        200
    );
    let r = c
        .get(web.url("https://api.github.com/repos/o/r"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(header(&r, "x-ratelimit-remaining").as_deref(), Some("0"));
    let reset: u64 = header(&r, "x-ratelimit-reset").unwrap().parse().unwrap();
    assert!(
        reset >= now + 28 && reset <= now + 32,
        "reset {reset} vs now {now}"
    );
    let body: Value = r.json().await.unwrap();
    assert!(body["message"]
        .as_str()
        .unwrap()
        .starts_with("API rate limit exceeded"));
    // Unknown repositories are limited too (the 404 is never reached).
    assert_eq!(
        status(&c, &web, "https://api.github.com/repos/o/none").await,
        403
    );
    // A conditional request that would be a 304 is still answered.
    let r = c
        .get(web.url("https://api.github.com/repos/o/r"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
}

async fn fail_pattern(seed: u64, n: usize) -> Vec<u16> {
    let web = FakeWeb::start().await;
    let c = client();
    web.set_text("https://huggingface.co/o/m/raw/main/README.md", "card");
    web.set_text("https://example.org/ok", "ok");
    web.set_fail("huggingface.co", 0.25, seed);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(status(&c, &web, "https://huggingface.co/o/m/raw/main/README.md").await);
        assert_eq!(
            status(&c, &web, "https://example.org/ok").await,
            200,
            "other hosts unaffected"
        );
    }
    out
}

#[tokio::test]
async fn fail_fraction_is_roughly_right_and_deterministic() {
    let first = fail_pattern(42, 400).await;
    assert!(first.iter().all(|&s| s == 200 || s == 503));
    let failed = first.iter().filter(|&&s| s == 503).count();
    assert!(
        (60..=140).contains(&failed),
        "{failed} of 400 failed at rate 0.25"
    );
    assert_eq!(
        fail_pattern(42, 400).await,
        first,
        "same seed, same failures"
    );
    assert_ne!(
        fail_pattern(43, 400).await,
        first,
        "another seed, other failures"
    );

    let web = FakeWeb::start().await;
    web.set_text("https://a.example/x", "x");
    web.set_fail("*", 1.0, 1);
    let r = client()
        .get(web.url("https://a.example/x"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"error": "Service Unavailable"})
    );
}

#[tokio::test]
async fn stalled_body_makes_the_client_time_out() {
    let web = FakeWeb::start().await;
    web.set(
        "https://example.org/slow",
        Reply::text("0123456789").with_behaviour(Behaviour::StallAfter(4)),
    );
    let c = client();
    let mut r = c
        .get(web.url("https://example.org/slow"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "content-length").as_deref(), Some("10"));
    let first = tokio::time::timeout(Duration::from_secs(5), r.chunk())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.as_deref(), Some(&b"0123"[..]));
    let rest = tokio::time::timeout(Duration::from_millis(300), r.chunk()).await;
    assert!(rest.is_err(), "the body should hang after 4 bytes");

    // A client-side total timeout fires.
    let strict = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = strict
        .get(web.url("https://example.org/slow"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));
    // The server keeps answering other requests meanwhile.
    web.set_text("https://example.org/fast", "fast");
    assert_eq!(status(&c, &web, "https://example.org/fast").await, 200);
    assert_eq!(web.requests()[0].bytes, 4);
}

#[tokio::test]
async fn lying_content_length_truncates_the_body() {
    let web = FakeWeb::start().await;
    web.set(
        "https://example.org/cut",
        Reply::text("hello").with_behaviour(Behaviour::ContentLength(1000)),
    );
    let r = client()
        .get(web.url("https://example.org/cut"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()[CONTENT_LENGTH], "1000");
    let err = r.bytes().await.unwrap_err();
    assert!(
        err.is_body() || err.is_decode() || err.is_request(),
        "{err:?}"
    );
}

#[tokio::test]
async fn huge_bodies_stream_without_buffering() {
    const LEN: u64 = 50 * 1024 * 1024;
    let web = FakeWeb::start().await;
    web.set(
        "https://huggingface.co/o/m/resolve/main/model.safetensors",
        Reply::huge(LEN),
    );
    web.set(
        "https://example.org/pattern",
        Reply::bytes(200, "abc").with_behaviour(Behaviour::Repeat(10)),
    );
    let c = client();
    let mut r = c
        .get(web.url("https://huggingface.co/o/m/resolve/main/model.safetensors"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[CONTENT_LENGTH], LEN.to_string().as_str());
    assert!(r.headers().contains_key(ETAG));
    let mut total = 0u64;
    while let Some(chunk) = r.chunk().await.unwrap() {
        total += chunk.len() as u64;
    }
    assert_eq!(total, LEN);
    let text = c
        .get(web.url("https://example.org/pattern"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(text, "abcabcabca");
}

#[tokio::test]
async fn latency_is_applied_concurrently() {
    let web = FakeWeb::start().await;
    web.set_text("https://example.org/x", "x");
    web.set_latency(Duration::from_millis(100));
    let c = client();
    let started = Instant::now();
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let c = c.clone();
            let url = web.url("https://example.org/x");
            tokio::spawn(async move { c.get(url).send().await.unwrap().status().as_u16() })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(100), "{elapsed:?}");
    assert!(
        elapsed < Duration::from_millis(600),
        "requests were serialised: {elapsed:?}"
    );
    web.set_latency(Duration::ZERO);
    let started = Instant::now();
    assert_eq!(status(&c, &web, "https://example.org/x").await, 200);
    assert!(started.elapsed() < Duration::from_millis(90));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_requests_are_cheap() {
    let web = FakeWeb::start().await;
    for i in 0..50 {
        web.set_json(
            &format!("https://api.github.com/repos/o/r{i}"),
            json!({"i": i}),
        );
    }
    let c = client();
    let started = Instant::now();
    let tasks: Vec<_> = (0..16)
        .map(|t| {
            let c = c.clone();
            let base = web.mirror();
            tokio::spawn(async move {
                for k in 0..125 {
                    let url = format!("{base}/api.github.com/repos/o/r{}", (t * 125 + k) % 50);
                    let r = c.get(url).send().await.unwrap();
                    assert_eq!(r.status(), 200);
                    r.bytes().await.unwrap();
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed();
    assert_eq!(web.requests().len(), 2000);
    assert!(
        elapsed < Duration::from_secs(15),
        "2000 requests took {elapsed:?}"
    );
    eprintln!("2000 requests in {elapsed:?}");
}
