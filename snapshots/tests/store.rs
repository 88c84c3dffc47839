//! Behaviour of the evidence store through its public API.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use openness_snapshots::{Digest, FetchRecord, RunMeta, RunStatus, Store, StoreError, HISTORY_CAP};
use serde_json::json;

fn t(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 21, 0, 0).unwrap() + Duration::seconds(seconds)
}

fn ok_record(url: &str, at: DateTime<Utc>, body: &[u8]) -> FetchRecord {
    let mut rec = FetchRecord::new(url, at);
    rec.status = 200;
    rec.digest = Some(Digest::of(body));
    rec.size = body.len() as u64;
    rec.content_type = Some("text/html".into());
    rec
}

/// Every file under `root`, relative, sorted.
fn all_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn temp_files(root: &Path) -> Vec<PathBuf> {
    all_files(root)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".tmp-")
        })
        .collect()
}

// ---------------------------------------------------------------- blobs

#[test]
fn blob_round_trip_is_content_addressed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let body = b"Apache License 2.0 ".repeat(500);
    let digest = store.put_body(&body).unwrap();
    assert_eq!(digest, Digest::of(&body));
    assert!(store.has_body(&digest));
    assert_eq!(store.get_body(&digest).unwrap(), body);

    let hex = digest.to_string();
    let expected = dir
        .path()
        .join("blobs")
        .join(&hex[..2])
        .join(format!("{hex}.gz"));
    assert_eq!(store.blob_path(&digest), expected);
    let stored = fs::read(&expected).unwrap();
    assert_eq!(&stored[..2], &[0x1f, 0x8b], "blob is gzip");
    assert!(stored.len() < body.len() / 10, "blob is compressed");

    let empty = store.put_body(b"").unwrap();
    assert_eq!(store.get_body(&empty).unwrap(), b"");
    assert!(!store.has_body(&Digest::of(b"never stored")));
}

#[test]
fn a_body_is_found_by_a_digest_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let d = store.put_body(b"body").unwrap();
    assert_eq!(store.find_body(&d.as_str()[..12]).unwrap(), d);
    assert_eq!(store.find_body(&d.as_str().to_uppercase()).unwrap(), d, "a whole digest, any case");
    // Two stored bodies whose digests share their first eight characters.
    let ninth = if d.as_str().as_bytes()[8] == b'0' { '1' } else { '0' };
    let twin: Digest = format!("{}{ninth}{}", &d.as_str()[..8], "0".repeat(55)).parse().unwrap();
    fs::copy(store.blob_path(&d), store.blob_path(&twin)).unwrap();
    assert!(matches!(store.find_body(&d.as_str()[..8]), Err(StoreError::UnknownDigest { matches: 2, .. })));
    assert_eq!(store.find_body(&d.as_str()[..9]).unwrap(), d);
    let absent = if d.as_str().starts_with("ff") { "00aa11bb" } else { "ffaa11bb" };
    assert!(matches!(store.find_body(absent), Err(StoreError::UnknownDigest { matches: 0, .. })));
    for bad in ["abc", "../../etc", "zzzzzzzz", &"a".repeat(65)] {
        assert!(matches!(store.find_body(bad), Err(StoreError::InvalidName(_))), "{bad}");
    }
}

#[test]
fn put_body_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let d1 = store.put_body(b"same").unwrap();
    let before = fs::metadata(store.blob_path(&d1))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let d2 = store.put_body(b"same").unwrap();
    assert_eq!(d1, d2);
    let after = fs::metadata(store.blob_path(&d1))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "existing blob was rewritten");
    let blobs: Vec<_> = all_files(dir.path())
        .into_iter()
        .filter(|p| p.starts_with("blobs"))
        .collect();
    assert_eq!(blobs.len(), 1);
}

#[test]
fn corrupt_blobs_are_detected_and_healed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let digest = store.put_body(b"original body").unwrap();
    let path = store.blob_path(&digest);

    // Not gzip at all.
    fs::write(&path, b"garbage").unwrap();
    let err = store.get_body(&digest).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains(&digest.to_string()), "{err}");

    // Valid gzip of other content.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(b"tampered body").unwrap();
    fs::write(&path, enc.finish().unwrap()).unwrap();
    let err = store.get_body(&digest).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");

    // Truncated gzip.
    let full = {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"original body").unwrap();
        enc.finish().unwrap()
    };
    fs::write(&path, &full[..full.len() / 2]).unwrap();
    assert!(matches!(
        store.get_body(&digest),
        Err(StoreError::Corrupt { .. })
    ));

    // Empty file.
    fs::write(&path, b"").unwrap();
    assert!(matches!(
        store.get_body(&digest),
        Err(StoreError::Corrupt { .. })
    ));

    // Storing the body again repairs the blob.
    assert_eq!(store.put_body(b"original body").unwrap(), digest);
    assert_eq!(store.get_body(&digest).unwrap(), b"original body");
}

#[test]
fn missing_blob_is_an_io_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let digest = Digest::of(b"absent");
    let err = store.get_body(&digest).unwrap_err();
    match &err {
        StoreError::Io { path, source } => {
            assert_eq!(path, &store.blob_path(&digest));
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains(&digest.to_string()));
}

// ---------------------------------------------------------------- records

#[test]
fn history_appends_only_distinct_states() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let url = "https://huggingface.co/api/models/org/model";
    assert_eq!(store.latest(url).unwrap(), None);
    assert!(store.history(url).unwrap().is_empty());

    let mut first = ok_record(url, t(0), b"v1");
    first.run = Some("run-a".into());
    store.record_fetch(&first).unwrap();

    // Unchanged state: only checked_at and latest.run move.
    let mut again = ok_record(url, t(60), b"v1");
    again.run = Some("run-b".into());
    store.record_fetch(&again).unwrap();
    let rec = store.url_record(url).unwrap().unwrap();
    assert_eq!(rec.history, vec![first.clone()]);
    assert_eq!(rec.checked_at, t(60));
    assert_eq!(
        rec.latest.fetched_at,
        t(0),
        "latest keeps when the state was first seen"
    );
    assert_eq!(rec.latest.run.as_deref(), Some("run-b"));

    // Each field that defines a state makes a new entry.
    let mut changed_body = ok_record(url, t(120), b"v2");
    store.record_fetch(&changed_body).unwrap();
    changed_body.etag = Some("\"e1\"".into());
    changed_body.fetched_at = t(180);
    store.record_fetch(&changed_body).unwrap();
    changed_body.last_modified = Some("Wed, 25 Nov 2026 10:00:00 GMT".into());
    changed_body.fetched_at = t(240);
    store.record_fetch(&changed_body).unwrap();
    changed_body.final_url = "https://huggingface.co/api/models/org/model-renamed".into();
    changed_body.fetched_at = t(300);
    store.record_fetch(&changed_body).unwrap();
    let mut failed = FetchRecord::new(url, t(360));
    failed.error = Some("connection reset".into());
    store.record_fetch(&failed).unwrap();
    // A second identical failure is not a new state.
    let mut failed_again = failed.clone();
    failed_again.fetched_at = t(420);
    store.record_fetch(&failed_again).unwrap();

    let history = store.history(url).unwrap();
    assert_eq!(history.len(), 6);
    assert_eq!(history[0], first);
    assert_eq!(history[5], failed);
    let latest = store.latest(url).unwrap().unwrap();
    assert_eq!(latest, failed);
    assert_eq!(store.url_record(url).unwrap().unwrap().checked_at, t(420));

    // The file sits where documented.
    let key = Digest::of(url.as_bytes()).to_string();
    let expected = dir
        .path()
        .join("urls")
        .join(&key[..2])
        .join(format!("{key}.json"));
    assert_eq!(store.url_path(url), expected);
    let raw: serde_json::Value = serde_json::from_slice(&fs::read(&expected).unwrap()).unwrap();
    assert_eq!(raw["url"], url);
    assert_eq!(raw["history"].as_array().unwrap().len(), 6);
    assert!(raw["checked_at"].is_string());
    assert_eq!(raw["latest"]["status"], 0);
    assert_eq!(store.urls().unwrap(), vec![url.to_string()]);
}

#[test]
fn history_is_capped_dropping_oldest() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let url = "https://example.org/changing";
    let total = HISTORY_CAP + 30;
    for i in 0..total {
        store
            .record_fetch(&ok_record(url, t(i as i64), format!("body {i}").as_bytes()))
            .unwrap();
    }
    let history = store.history(url).unwrap();
    assert_eq!(history.len(), HISTORY_CAP);
    assert_eq!(history[0].digest, Some(Digest::of(b"body 30")));
    let last = format!("body {}", total - 1);
    assert_eq!(
        history.last().unwrap().digest,
        Some(Digest::of(last.as_bytes()))
    );
    assert_eq!(
        store.latest(url).unwrap().unwrap(),
        *history.last().unwrap()
    );
}

#[test]
fn concurrent_writers_of_one_url_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    let url = "https://example.org/hot";
    let threads = 8;
    let per_thread = 12; // 96 distinct states, under the cap
    let handles: Vec<_> = (0..threads)
        .map(|th| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                for i in 0..per_thread {
                    let mut rec = ok_record(url, t(i), b"same body");
                    rec.etag = Some(format!("\"{th}-{i}\""));
                    rec.run = Some(format!("thread-{th}"));
                    store.record_fetch(&rec).unwrap();
                    // Meanwhile, other URLs are written too.
                    let other = format!("https://example.org/t{th}/{i}");
                    store.record_fetch(&ok_record(&other, t(i), b"x")).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let history = store.history(url).unwrap();
    assert_eq!(history.len(), (threads * per_thread) as usize);
    let etags: BTreeSet<String> = history.iter().map(|r| r.etag.clone().unwrap()).collect();
    assert_eq!(
        etags.len(),
        history.len(),
        "every state recorded exactly once"
    );
    let latest = store.latest(url).unwrap().unwrap();
    assert!(latest.same_state(history.last().unwrap()));
    assert_eq!(
        store.urls().unwrap().len(),
        1 + (threads * per_thread) as usize
    );
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn truncated_url_file_reads_as_missing_and_is_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let url = "https://example.org/fragile";
    store.record_fetch(&ok_record(url, t(0), b"a")).unwrap();
    let path = store.url_path(url);
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();

    assert_eq!(store.latest(url).unwrap(), None);
    assert!(store.history(url).unwrap().is_empty());
    assert!(store.urls().unwrap().is_empty());
    assert!(path.exists(), "reading must not delete the damaged file");

    let fresh = ok_record(url, t(10), b"b");
    store.record_fetch(&fresh).unwrap();
    assert_eq!(store.latest(url).unwrap(), Some(fresh.clone()));
    assert_eq!(store.history(url).unwrap(), vec![fresh]);
    // The damaged history is kept aside, not overwritten.
    let aside = path.with_extension("json.unreadable");
    assert_eq!(fs::read(&aside).unwrap(), &bytes[..bytes.len() / 2]);
    assert_eq!(store.urls().unwrap(), vec![url.to_string()]);
}

#[test]
fn secret_urls_are_rejected_and_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    for (url, final_url) in [
        ("https://h/p?token=s3cr3t", "https://h/p"),
        ("https://h/p?Access_Token=s3cr3t", "https://h/p"),
        ("https://h/p?API_KEY=s3cr3t", "https://h/p"),
        ("https://h/p?a=1&key=s3cr3t", "https://h/p"),
        ("https://h/p", "https://cdn.h/p?x=1&Sig=s3cr3t"),
    ] {
        let mut rec = ok_record(url, t(0), b"x");
        rec.final_url = final_url.into();
        let err = store.record_fetch(&rec).unwrap_err();
        assert!(matches!(err, StoreError::Secret(_)), "{url}: {err:?}");
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
        assert!(
            err.to_string().contains("https://"),
            "message names the URL: {err}"
        );
    }
    assert!(all_files(&dir.path().join("urls")).is_empty());
    // Harmless look-alikes pass.
    store
        .record_fetch(&ok_record(
            "https://h/p?sort=key&tokens=2&q=token",
            t(0),
            b"x",
        ))
        .unwrap();
}

// ---------------------------------------------------------------- lock

#[test]
fn second_open_is_locked_until_the_first_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("store");
    let first = Store::open(&root).unwrap();
    let pid: u32 = fs::read_to_string(root.join("LOCK"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(pid, std::process::id());

    let err = Store::open(&root).unwrap_err();
    assert!(err.is_locked(), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(&root.display().to_string()), "{msg}");
    assert!(msg.contains("in use by another openness run"), "{msg}");
    assert!(
        msg.contains(&root.join("LOCK").display().to_string()),
        "{msg}"
    );

    // Readers need no lock.
    let reader = Store::open_read_only(&root).unwrap();
    assert!(reader.is_read_only());

    drop(first);
    let again = Store::open(&root).unwrap();
    assert!(!again.is_read_only());
}

#[test]
fn read_only_store_reads_but_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    let url = "https://example.org/r";
    let digest = {
        let store = Store::open(dir.path()).unwrap();
        store.record_fetch(&ok_record(url, t(0), b"body")).unwrap();
        store.write_json("state.json", &json!({"a": 1})).unwrap();
        store.put_body(b"body").unwrap()
    };
    let before = all_files(dir.path());
    let reader = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(reader.get_body(&digest).unwrap(), b"body");
    assert_eq!(reader.history(url).unwrap().len(), 1);
    assert_eq!(
        reader.read_json::<serde_json::Value>("state.json").unwrap(),
        Some(json!({"a": 1}))
    );

    assert!(matches!(
        reader.put_body(b"new"),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(
        reader.record_fetch(&ok_record(url, t(1), b"v2")),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(
        reader.write_json("x.json", &1),
        Err(StoreError::ReadOnly { .. })
    ));
    let meta = RunMeta::new("r1", t(0), "c", "s", vec![], true);
    assert!(matches!(
        reader.begin_run(&meta),
        Err(StoreError::ReadOnly { .. })
    ));
    assert_eq!(all_files(dir.path()), before);

    let missing = dir.path().join("nope");
    assert!(matches!(
        Store::open_read_only(&missing),
        Err(StoreError::Io { .. })
    ));
    assert!(!missing.exists());
}

// ---------------------------------------------------------------- atomicity

#[test]
fn writes_leave_no_temp_files_and_open_cleans_leftovers() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        for i in 0..20 {
            let body = format!("body {i}");
            store.put_body(body.as_bytes()).unwrap();
            store
                .record_fetch(&ok_record("https://e.org/x", t(i), body.as_bytes()))
                .unwrap();
            store
                .write_json("state/progress.json", &json!({ "i": i }))
                .unwrap();
        }
        let meta = RunMeta::new("run1", t(0), "c", "s", vec![], false);
        store.begin_run(&meta).unwrap();
        store.write_model_result("run1", "m", &json!({})).unwrap();
        store
            .finish_run("run1", RunStatus::Complete, json!({}))
            .unwrap();
        assert!(
            temp_files(dir.path()).is_empty(),
            "{:?}",
            temp_files(dir.path())
        );

        // Simulate writes interrupted by a crash.
        fs::write(
            dir.path().join("runs/run1/models/.tmp-999-1"),
            b"{\"partial",
        )
        .unwrap();
        fs::write(dir.path().join("urls/.tmp-999-2"), b"{").unwrap();
        fs::create_dir_all(dir.path().join("runs/.tmp-999-3")).unwrap();
        fs::write(dir.path().join(".tmp-999-4"), b"x").unwrap();
        // Readers ignore them.
        assert_eq!(store.model_ids("run1").unwrap(), vec!["m".to_string()]);
        assert_eq!(store.list_runs().unwrap().len(), 1);
        assert_eq!(store.urls().unwrap().len(), 1);
    }
    assert_eq!(temp_files(dir.path()).len(), 3);
    let _store = Store::open(dir.path()).unwrap();
    assert!(
        temp_files(dir.path()).is_empty(),
        "{:?}",
        temp_files(dir.path())
    );
}

// ---------------------------------------------------------------- runs

fn meta(id: &str, started: DateTime<Utc>) -> RunMeta {
    RunMeta::new(
        id,
        started,
        "cfg",
        "v1",
        vec!["a".into(), "b".into()],
        false,
    )
}

#[test]
fn runs_are_listed_in_order_with_their_status() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    // Begun out of order; two share a start time and sort by id.
    store.begin_run(&meta("r3", t(300))).unwrap();
    store.begin_run(&meta("r1b", t(100))).unwrap();
    store.begin_run(&meta("r1a", t(100))).unwrap();
    store.begin_run(&meta("r4", t(400))).unwrap();
    store.begin_run(&meta("r2", t(200))).unwrap();

    store
        .write_model_result("r1a", "a", &json!({"verdict": "open"}))
        .unwrap();
    store
        .write_model_result("r1a", "b", &json!({"verdict": "closed"}))
        .unwrap();
    store
        .finish_run("r1a", RunStatus::Complete, json!({"models": 2}))
        .unwrap();
    store
        .finish_run("r1b", RunStatus::Complete, json!({}))
        .unwrap();
    store
        .finish_run("r2", RunStatus::Failed, json!({"error": "boom"}))
        .unwrap();
    store
        .finish_run("r3", RunStatus::Complete, json!({}))
        .unwrap();
    // r4 was "killed": it stays Running.

    let runs = store.list_runs().unwrap();
    let ids: Vec<&str> = runs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["r1a", "r1b", "r2", "r3", "r4"]);
    let statuses: Vec<RunStatus> = runs.iter().map(|r| r.status).collect();
    use RunStatus::*;
    assert_eq!(statuses, [Complete, Complete, Failed, Complete, Running]);
    assert!(runs[4].finished_at.is_none());
    assert_eq!(runs[4].summary, serde_json::Value::Null);
    assert!(runs[0].finished_at.is_some());
    assert_eq!(runs[0].summary, json!({"models": 2}));
    assert_eq!(runs[0].models, vec!["a".to_string(), "b".to_string()]);

    assert_eq!(store.latest_complete_run().unwrap().unwrap().id, "r3");
    assert_eq!(store.previous_complete_run("r4").unwrap().unwrap().id, "r3");
    assert_eq!(
        store.previous_complete_run("r3").unwrap().unwrap().id,
        "r1b"
    );
    assert_eq!(
        store.previous_complete_run("r2").unwrap().unwrap().id,
        "r1b"
    );
    assert_eq!(
        store.previous_complete_run("r1b").unwrap().unwrap().id,
        "r1a"
    );
    assert_eq!(store.previous_complete_run("r1a").unwrap(), None);
    // An unknown id compares by name.
    assert_eq!(
        store.previous_complete_run("r35").unwrap().unwrap().id,
        "r3"
    );

    assert_eq!(store.get_run("r2").unwrap().unwrap().status, Failed);
    assert_eq!(store.get_run("nope").unwrap(), None);
    assert_eq!(
        store.model_ids("r1a").unwrap(),
        vec!["a".to_string(), "b".to_string()]
    );
    assert!(store.model_ids("r2").unwrap().is_empty());
    let result: Option<serde_json::Value> = store.read_model_result("r1a", "b").unwrap();
    assert_eq!(result, Some(json!({"verdict": "closed"})));
    assert_eq!(
        store
            .read_model_result::<serde_json::Value>("r1a", "zz")
            .unwrap(),
        None
    );
}

#[test]
fn only_running_runs_means_no_complete_run() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.latest_complete_run().unwrap(), None);
    store.begin_run(&meta("only", t(0))).unwrap();
    assert_eq!(store.list_runs().unwrap()[0].status, RunStatus::Running);
    assert_eq!(store.latest_complete_run().unwrap(), None);
}

#[test]
fn unreadable_runs_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.begin_run(&meta("good", t(0))).unwrap();
    store.begin_run(&meta("bad", t(10))).unwrap();
    fs::write(
        dir.path().join("runs/bad/run.json"),
        b"{\"id\": \"bad\", \"sta",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("runs/empty")).unwrap();
    let runs = store.list_runs().unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].id, "good");
    assert!(matches!(store.get_run("bad"), Err(StoreError::Json { .. })));
    assert!(store
        .finish_run("missing", RunStatus::Complete, json!({}))
        .is_err());
}

#[test]
fn unsafe_model_and_run_ids_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.begin_run(&meta("run1", t(0))).unwrap();
    for bad in ["", ".hidden", "../escape", "a/b", "a b", "..", "m\0", "é"] {
        let err = store.write_model_result("run1", bad, &1).unwrap_err();
        assert!(
            matches!(err, StoreError::InvalidName(_)),
            "{bad:?}: {err:?}"
        );
        assert!(
            err.to_string().contains("runs"),
            "message names the path: {err}"
        );
        assert!(matches!(
            store.read_model_result::<i32>("run1", bad),
            Err(StoreError::InvalidName(_))
        ));
    }
    for bad in ["../x", ".run", "a/b", ""] {
        assert!(matches!(
            store.begin_run(&meta(bad, t(0))),
            Err(StoreError::InvalidName(_))
        ));
        assert!(matches!(
            store.model_ids(bad),
            Err(StoreError::InvalidName(_))
        ));
    }
    store
        .write_model_result("run1", "Llama-3.1_8B.v2", &1)
        .unwrap();
    assert!(!dir.path().join("escape.json").exists());
}

// ---------------------------------------------------------------- side data

#[test]
fn side_json_round_trips_and_rejects_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("s").as_path()).unwrap();
    store
        .write_json("cache/licences.json", &json!({"mit": true}))
        .unwrap();
    assert_eq!(
        store
            .read_json::<serde_json::Value>("cache/licences.json")
            .unwrap(),
        Some(json!({"mit": true}))
    );
    assert_eq!(
        store
            .read_json::<serde_json::Value>("cache/none.json")
            .unwrap(),
        None
    );
    fs::write(dir.path().join("s/cache/broken.json"), b"{").unwrap();
    assert!(matches!(
        store.read_json::<serde_json::Value>("cache/broken.json"),
        Err(StoreError::Json { .. })
    ));
    for bad in [
        "../outside.json",
        "/tmp/abs.json",
        "a/../../b.json",
        "",
        "LOCK",
        "blobs/x.json",
        "Blobs/x.json",
        "runs/20261128T000000Z-abc/run.json",
        "runs/20261128T000000Z-abc/models/m.json",
        "urls/x.json",
    ] {
        assert!(
            matches!(store.write_json(bad, &1), Err(StoreError::InvalidName(_))),
            "{bad:?}"
        );
    }
    assert!(!dir.path().join("outside.json").exists());
}
