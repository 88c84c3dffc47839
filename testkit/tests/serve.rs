//! Routing, response shapes, conditional requests, arXiv merging and the log.

use std::io::{Read, Write};
use std::time::Duration;

use openness_testkit::{fixtures, FakeWeb, Gated, Reply};
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, ETAG, LOCATION};
use serde_json::{json, Value};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn get(web: &FakeWeb, public: &str) -> reqwest::Response {
    client().get(web.url(public)).send().await.unwrap()
}

async fn json_of(web: &FakeWeb, public: &str) -> (u16, Value) {
    let r = get(web, public).await;
    (r.status().as_u16(), r.json().await.unwrap())
}

fn header(r: &reqwest::Response, name: impl reqwest::header::AsHeaderName) -> Option<String> {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

#[tokio::test]
async fn routes_answers_and_404_shapes() {
    let web = FakeWeb::start().await;
    assert!(web.mirror().starts_with("http://127.0.0.1:"));
    let model = fixtures::hf_model(
        "org/m",
        Some("mit"),
        Gated::No,
        &["README.md"],
        &[],
        json!({}),
    );
    web.set_json("https://huggingface.co/api/models/org/m", &model);
    web.set_text(
        "https://example.org/blog/post",
        "<html><body>hi</body></html>",
    );
    web.set_text("https://example.org/notes", "plain words");

    let r = get(&web, "https://huggingface.co/api/models/org/m").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        header(&r, CONTENT_TYPE).unwrap(),
        "application/json; charset=utf-8"
    );
    assert_eq!(r.json::<Value>().await.unwrap(), model);
    let r = get(&web, "https://example.org/blog/post").await;
    assert_eq!(
        header(&r, CONTENT_TYPE).unwrap(),
        "text/html; charset=utf-8"
    );
    let r = get(&web, "https://example.org/notes").await;
    assert_eq!(
        header(&r, CONTENT_TYPE).unwrap(),
        "text/plain; charset=utf-8"
    );
    assert_eq!(r.text().await.unwrap(), "plain words");

    assert_eq!(
        json_of(&web, "https://api.github.com/repos/no/such").await,
        (
            404,
            json!({"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
        )
    );
    assert_eq!(
        json_of(&web, "https://huggingface.co/api/models/no/such").await,
        (404, json!({"error": "Not Found"}))
    );
    assert_eq!(json_of(&web, "https://example.org/../etc").await.0, 404);

    web.remove("https://huggingface.co/api/models/org/m");
    assert_eq!(
        json_of(&web, "https://huggingface.co/api/models/org/m").await,
        (404, json!({"error": "Not Found"}))
    );
}

#[tokio::test]
async fn path_is_decoded_and_query_ignored() {
    let web = FakeWeb::start().await;
    web.set_text("https://www.example.org/blog/my%20post", "spaced");
    web.set_json(
        "https://api.github.com/repos/o/r/git/trees/main",
        json!({"sha": "1"}),
    );
    let r = get(&web, "https://www.example.org/blog/my%20post").await;
    assert_eq!(r.text().await.unwrap(), "spaced");
    let r = get(&web, "https://WWW.EXAMPLE.ORG/blog/my%20post/").await;
    assert_eq!(
        r.status(),
        200,
        "host case and trailing slash do not matter"
    );
    let (status, v) = json_of(
        &web,
        "https://api.github.com/repos/o/r/git/trees/main?recursive=1",
    )
    .await;
    assert_eq!((status, v), (200, json!({"sha": "1"})));
}

#[tokio::test]
async fn other_methods_get_405() {
    let web = FakeWeb::start().await;
    web.set_text("https://example.org/x", "x");
    let r = client()
        .post(web.url("https://example.org/x"))
        .body("data")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert_eq!(header(&r, "allow").unwrap(), "GET, HEAD");
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"error": "Method Not Allowed"})
    );
    let log = web.requests();
    assert_eq!((log[0].method.as_str(), log[0].status), ("POST", 405));
}

#[tokio::test]
async fn hugging_face_aliases() {
    let web = FakeWeb::start().await;
    web.set_json(
        "https://huggingface.co/api/models/org/m",
        json!({"id": "org/m"}),
    );
    web.set_json(
        "https://huggingface.co/api/datasets/org/d",
        json!({"id": "org/d"}),
    );
    web.set_text(
        "https://huggingface.co/org/m/raw/main/README.md",
        "model card",
    );
    web.set_text(
        "https://huggingface.co/datasets/org/d/raw/main/README.md",
        "data card",
    );

    for (url, want) in [
        (
            "https://huggingface.co/api/models/org/m/revision/main",
            "org/m",
        ),
        (
            "https://huggingface.co/api/models/org/m/revision/0123abc",
            "org/m",
        ),
        (
            "https://huggingface.co/api/datasets/org/d/revision/main",
            "org/d",
        ),
    ] {
        assert_eq!(
            json_of(&web, url).await,
            (200, json!({"id": want})),
            "{url}"
        );
    }
    for (url, want) in [
        (
            "https://huggingface.co/org/m/resolve/main/README.md",
            "model card",
        ),
        (
            "https://huggingface.co/org/m/raw/v1.0/README.md",
            "model card",
        ),
        (
            "https://huggingface.co/org/m/resolve/abc123/README.md",
            "model card",
        ),
        (
            "https://huggingface.co/datasets/org/d/resolve/main/README.md",
            "data card",
        ),
    ] {
        let r = get(&web, url).await;
        assert_eq!(r.status(), 200, "{url}");
        assert_eq!(r.text().await.unwrap(), want);
    }
    // No alias for other hosts, nor for other files.
    assert_eq!(
        get(
            &web,
            "https://huggingface.co/org/m/resolve/main/config.json"
        )
        .await
        .status(),
        404
    );
    web.set_text("https://example.org/org/m/raw/main/README.md", "x");
    assert_eq!(
        get(&web, "https://example.org/org/m/resolve/main/README.md")
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn case_folding_for_github_and_hugging_face_only() {
    let web = FakeWeb::start().await;
    web.set_json(
        "https://api.github.com/repos/EleutherAI/pythia",
        json!({"n": "mixed"}),
    );
    web.set_json("https://api.github.com/repos/o/Dup", json!({"n": "Dup"}));
    web.set_json("https://api.github.com/repos/o/dup", json!({"n": "dup"}));
    web.set_text(
        "https://huggingface.co/EleutherAI/pythia-12b/raw/main/README.md",
        "card",
    );
    web.set_json("https://pypi.org/pypi/Pkg/json", json!({}));

    assert_eq!(
        json_of(&web, "https://api.github.com/repos/eleutherai/PYTHIA")
            .await
            .1["n"],
        "mixed"
    );
    assert_eq!(
        json_of(&web, "https://api.github.com/repos/o/Dup").await.1["n"],
        "Dup"
    );
    assert_eq!(
        json_of(&web, "https://api.github.com/repos/o/dup").await.1["n"],
        "dup"
    );
    // folding combines with the aliases
    let r = get(
        &web,
        "https://huggingface.co/eleutherai/Pythia-12B/resolve/main/README.md",
    )
    .await;
    assert_eq!(r.text().await.unwrap(), "card");
    assert_eq!(
        get(&web, "https://pypi.org/pypi/pkg/json").await.status(),
        404
    );
}

#[tokio::test]
async fn etags_and_conditional_requests() {
    let web = FakeWeb::start().await;
    web.set_json(
        "https://api.github.com/repos/o/r",
        json!({"full_name": "o/r"}),
    );
    web.set(
        "https://example.org/page",
        Reply::html("<p>v1</p>")
            .with_header("ETag", "W/\"custom\"")
            .with_header("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"),
    );
    web.set("https://example.org/missing", Reply::status(500));

    let r = get(&web, "https://api.github.com/repos/o/r").await;
    let etag = header(&r, ETAG).unwrap();
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.len() == 18,
        "{etag}"
    );
    assert!(etag[1..17].bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(header(&get(&web, "https://example.org/missing").await, ETAG).is_none());

    let conditional = |url: &str, name: &'static str, value: &str| {
        client().get(web.url(url)).header(name, value).send()
    };
    let r = conditional("https://api.github.com/repos/o/r", "If-None-Match", &etag)
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(header(&r, ETAG).unwrap(), etag);
    assert!(header(&r, CONTENT_TYPE).is_none());
    assert!(r.bytes().await.unwrap().is_empty());
    let r = conditional(
        "https://api.github.com/repos/o/r",
        "If-None-Match",
        "\"other\"",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let list = format!("\"nope\", W/{etag}");
    let r = conditional("https://api.github.com/repos/o/r", "If-None-Match", &list)
        .await
        .unwrap();
    assert_eq!(r.status(), 304, "weak comparison over a list");

    // A reply's own ETag and Last-Modified are used.
    let r = get(&web, "https://example.org/page").await;
    assert_eq!(header(&r, ETAG).unwrap(), "W/\"custom\"");
    let r = conditional("https://example.org/page", "If-None-Match", "\"custom\"")
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    let r = conditional(
        "https://example.org/page",
        "If-Modified-Since",
        "Wed, 21 Oct 2015 07:28:00 GMT",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 304);
    let r = conditional(
        "https://example.org/page",
        "If-Modified-Since",
        "Tue, 20 Oct 2015 07:28:00 GMT",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);

    // A changed body gets a new ETag, and the old one no longer matches.
    web.set_json(
        "https://api.github.com/repos/o/r",
        json!({"full_name": "o/r", "archived": true}),
    );
    let r = conditional("https://api.github.com/repos/o/r", "If-None-Match", &etag)
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_ne!(header(&r, ETAG).unwrap(), etag);
}

#[tokio::test]
async fn redirects_point_back_at_the_fake() {
    let web = FakeWeb::start().await;
    web.set(
        "https://huggingface.co/api/models/old/name",
        Reply::redirect(307, "https://huggingface.co/api/models/new/name"),
    );
    web.set("https://example.org/a", Reply::redirect(301, "/b?x=1"));
    web.set_json(
        "https://huggingface.co/api/models/new/name",
        json!({"id": "new/name"}),
    );
    web.set_text("https://example.org/b", "landed");

    let no_follow = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = no_follow
        .get(web.url("https://huggingface.co/api/models/old/name"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 307);
    assert_eq!(
        header(&r, LOCATION).unwrap(),
        format!("{}/huggingface.co/api/models/new/name", web.mirror())
    );
    let r = no_follow
        .get(web.url("https://example.org/a"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        header(&r, LOCATION).unwrap(),
        format!("{}/example.org/b?x=1", web.mirror())
    );

    assert_eq!(
        json_of(&web, "https://huggingface.co/api/models/old/name").await,
        (200, json!({"id": "new/name"}))
    );
    assert_eq!(
        get(&web, "https://example.org/a")
            .await
            .text()
            .await
            .unwrap(),
        "landed"
    );
}

/// The `<id>`s of a feed's entries, after checking the feed is well-formed XML.
fn feed_ids(feed: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(feed);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("malformed feed: {e}\n{feed}"),
        }
    }
    feed.split("<entry>")
        .skip(1)
        .map(|e| {
            let start = e.find("<id>").unwrap() + 4;
            let end = e.find("</id>").unwrap();
            e[start..end]
                .trim_start_matches("http://arxiv.org/abs/")
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn arxiv_feeds_merge_entries_in_order() {
    let web = FakeWeb::start().await;
    for id in [
        "2304.01373",
        "2312.06550",
        "2402.00838v2",
        "2101.00001v1",
        "2101.00001v3",
    ] {
        web.set_arxiv(
            id,
            &fixtures::arxiv_entry(id, &format!("Paper {id}"), "Abstract.", None, None, None),
        );
    }
    let feed = |query: &str| {
        let url = web.url(&format!("https://export.arxiv.org/api/query?{query}"));
        async move {
            let r = client().get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            assert_eq!(
                header(&r, CONTENT_TYPE).unwrap(),
                "application/atom+xml; charset=utf-8"
            );
            r.text().await.unwrap()
        }
    };

    let text = feed("id_list=2312.06550,9999.99999,2304.01373&max_results=10").await;
    assert_eq!(feed_ids(&text), ["2312.06550v1", "2304.01373v1"]);
    assert!(text.contains("<opensearch:totalResults>2</opensearch:totalResults>"));
    assert!(text.contains("xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\""));
    assert!(text.contains("xmlns:arxiv=\"http://arxiv.org/schemas/atom\""));

    // Versions: as given, then without; an unversioned id finds the highest stored.
    assert_eq!(
        feed_ids(&feed("id_list=2304.01373v5").await),
        ["2304.01373v1"]
    );
    assert_eq!(
        feed_ids(&feed("id_list=2402.00838").await),
        ["2402.00838v2"]
    );
    assert_eq!(
        feed_ids(&feed("id_list=2101.00001").await),
        ["2101.00001v3"]
    );
    assert_eq!(
        feed_ids(&feed("id_list=2101.00001v1").await),
        ["2101.00001v1"]
    );
    // URL-encoded commas, start and max_results.
    assert_eq!(
        feed_ids(&feed("id_list=2304.01373%2C2312.06550%2C2402.00838&start=1&max_results=1").await),
        ["2312.06550v1"]
    );
    // Unknown ids and search queries give an empty feed, not a 404.
    let empty = feed("search_query=all:electron").await;
    assert!(feed_ids(&empty).is_empty());
    assert!(empty.contains("<opensearch:totalResults>0</opensearch:totalResults>"));

    // max_results defaults to 10, as on arXiv.
    for i in 0..12 {
        web.set_arxiv(
            &format!("2201.{i:05}"),
            &fixtures::arxiv_entry(&format!("2201.{i:05}"), "t", "s", None, None, None),
        );
    }
    let many: Vec<String> = (0..12).map(|i| format!("2201.{i:05}")).collect();
    let text = feed(&format!("id_list={}", many.join(","))).await;
    assert_eq!(feed_ids(&text).len(), 10);
    assert!(text.contains("<opensearch:totalResults>12</opensearch:totalResults>"));

    // A whole stored feed can be given; an explicit route for the API wins.
    let stored = format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">{}</feed>",
        fixtures::arxiv_entry("1706.03762", "Attention", "s", None, None, None)
    );
    web.set_arxiv("1706.03762", &stored);
    assert_eq!(
        feed_ids(&feed("id_list=1706.03762").await),
        ["1706.03762v1"]
    );
    web.set_sequence(
        "https://export.arxiv.org/api/query",
        vec![Reply::status(503)],
    );
    let r = client()
        .get(web.url("https://export.arxiv.org/api/query?id_list=1706.03762"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
}

#[tokio::test]
async fn head_has_the_headers_and_no_body() {
    let web = FakeWeb::start().await;
    web.set_json(
        "https://pypi.org/pypi/pkg/json",
        fixtures::pypi_project("pkg", "1.0", "s", "", &[]),
    );
    web.set("https://example.org/big.bin", Reply::huge(50_000_000));
    let get_r = get(&web, "https://pypi.org/pypi/pkg/json").await;
    let get_len = header(&get_r, CONTENT_LENGTH).unwrap();
    let r = client()
        .head(web.url("https://pypi.org/pypi/pkg/json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, CONTENT_LENGTH).unwrap(), get_len);
    assert_eq!(header(&r, ETAG), header(&get_r, ETAG));
    assert_eq!(header(&r, CONTENT_TYPE), header(&get_r, CONTENT_TYPE));
    assert!(r.bytes().await.unwrap().is_empty());
    let r = client()
        .head(web.url("https://example.org/big.bin"))
        .send()
        .await
        .unwrap();
    assert_eq!(header(&r, CONTENT_LENGTH).unwrap(), "50000000");
    let r = client()
        .head(web.url("https://example.org/none"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let log = web.requests();
    assert_eq!(log[1].method, "HEAD");
    assert_eq!(log[1].bytes, 0);
}

#[tokio::test]
async fn the_log_records_every_request() {
    let web = FakeWeb::start().await;
    web.set_json("https://api.github.com/repos/o/r", json!({"a": 1}));
    let c = client();
    c.get(web.url("https://api.github.com/repos/o/r?per_page=100"))
        .header("Authorization", "Bearer t0ken")
        .header("User-Agent", "openness-test/1.0")
        .header("If-None-Match", "\"x\"")
        .header("If-Modified-Since", "Wed, 21 Oct 2015 07:28:00 GMT")
        .send()
        .await
        .unwrap();
    c.get(web.url("https://Example.org/a%20b"))
        .send()
        .await
        .unwrap();
    let log = web.requests();
    assert_eq!(log.len(), 2);
    let first = &log[0];
    assert_eq!(first.method, "GET");
    assert_eq!(first.host, "api.github.com");
    assert_eq!(first.path, "/repos/o/r");
    assert_eq!(first.query.as_deref(), Some("per_page=100"));
    assert_eq!(first.status, 200);
    assert_eq!(first.bytes, br#"{"a":1}"#.len());
    assert_eq!(first.authorization.as_deref(), Some("Bearer t0ken"));
    assert_eq!(first.user_agent.as_deref(), Some("openness-test/1.0"));
    assert_eq!(first.if_none_match.as_deref(), Some("\"x\""));
    assert_eq!(
        first.if_modified_since.as_deref(),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );
    let second = &log[1];
    assert_eq!(
        (second.host.as_str(), second.path.as_str()),
        ("example.org", "/a b")
    );
    assert_eq!(
        (
            second.status,
            second.query.clone(),
            second.authorization.clone()
        ),
        (404, None, None)
    );
    assert!(second.at >= first.at);
    web.clear_log();
    assert!(web.requests().is_empty());
}

/// One raw HTTP/1.1 request from a plain thread; returns the status line and body.
fn raw_get(addr: std::net::SocketAddr, path: &str) -> std::io::Result<(String, String)> {
    let mut s = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )?;
    let mut out = String::new();
    s.read_to_string(&mut out)?;
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    Ok((
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    ))
}

#[test]
fn start_blocking_serves_synchronous_clients_until_dropped() {
    let web = FakeWeb::start_blocking();
    web.set_json(
        "https://pypi.org/pypi/pkg/json",
        json!({"info": {"name": "pkg"}}),
    );
    let addr = web.addr();
    let (status, body) = raw_get(addr, "/pypi.org/pypi/pkg/json").unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["info"]["name"],
        "pkg"
    );
    let (status, _) = raw_get(addr, "/pypi.org/pypi/other/json").unwrap();
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    assert_eq!(web.requests().len(), 2);
    drop(web);
    assert!(
        raw_get(addr, "/pypi.org/pypi/pkg/json").is_err(),
        "server still answers after drop"
    );
}

#[tokio::test]
async fn drop_stops_the_async_server() {
    let web = FakeWeb::start().await;
    web.set_text("https://example.org/x", "x");
    let url = web.url("https://example.org/x");
    let c = client();
    assert_eq!(c.get(&url).send().await.unwrap().status(), 200);
    drop(web);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let fresh = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    assert!(fresh.get(&url).send().await.is_err());
}
