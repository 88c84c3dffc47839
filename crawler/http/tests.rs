//! The fetcher against an in-process fake web: one request per URL per run, and the
//! memo of answered URLs holds no bodies.

use super::*;
use openness_testkit::FakeWeb;

fn fetcher(web: &FakeWeb, dir: &std::path::Path) -> Fetcher {
    let config_path = dir.join("config.toml");
    let text = format!("store = \"store\"\n[http]\nmirror = \"{}\"\nbackoff = \"10ms\"\nretries = 0\n", web.mirror());
    let config = Config::from_str(&text, &config_path).expect("valid config");
    let store = Arc::new(Store::open(&dir.join("store")).expect("store"));
    Fetcher::new(&config, store, "test-run", false).expect("fetcher")
}

#[tokio::test]
async fn an_answered_url_is_served_again_from_the_store_without_a_second_request() {
    let web = FakeWeb::start().await;
    let url = "https://huggingface.co/api/models/acme/widget";
    web.set_json(url, serde_json::json!({"id": "acme/widget", "cardData": {"license": "mit"}}));
    let dir = tempfile::tempdir().unwrap();
    let fetcher = fetcher(&web, dir.path());

    let first = fetcher.get(url).await.expect("first answer");
    // The memo keeps no copy of the body: the caller's is the only one.
    assert_eq!(Arc::strong_count(&first), 1);
    let second = fetcher.get(url).await.expect("second answer");
    assert_eq!(second.body, first.body, "the body read back from the store");
    assert_eq!((second.status, &second.final_url, &second.digest), (200, &first.final_url, &first.digest));
    assert_eq!(web.requests().iter().filter(|r| r.path.ends_with("/acme/widget")).count(), 1, "one request per URL per run");
    assert_eq!(fetcher.stats().snapshot().deduplicated, 1);
}

#[tokio::test]
async fn concurrent_callers_share_one_request_and_a_failure_is_remembered() {
    let web = FakeWeb::start().await;
    web.set_latency(Duration::from_millis(50));
    let ok = "https://huggingface.co/api/models/acme/shared";
    web.set_json(ok, serde_json::json!({"id": "acme/shared"}));
    let dir = tempfile::tempdir().unwrap();
    let fetcher = fetcher(&web, dir.path());

    let answers = futures::future::join_all((0..8).map(|_| fetcher.get(ok))).await;
    assert!(answers.iter().all(|a| a.as_ref().is_ok_and(|r| r.body.as_slice() == br#"{"id":"acme/shared"}"#)));
    // An unreachable host fails once; asking again returns the same error without a request.
    let refused = "https://huggingface.co/api/models/acme/gone";
    web.set(refused, openness_testkit::Reply::status(503));
    let before = web.requests().len();
    let first = fetcher.get(refused).await.expect_err("503 is an error after no retries");
    let again = fetcher.get(refused).await.expect_err("still an error");
    assert_eq!(first.to_string(), again.to_string());
    assert_eq!(web.requests().len(), before + 1);
    assert_eq!(web.requests().iter().filter(|r| r.path.ends_with("/acme/shared")).count(), 1);
}
