//! Behaviour across processes: the lock, readers during writes, and SIGKILL
//! in the middle of writes.
//!
//! The test binary re-runs itself as a child process; `child_entry` does the
//! child's work when `OPENNESS_SNAPSHOTS_CHILD` is set and nothing otherwise.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use openness_snapshots::{Digest, FetchRecord, Store};
use serde_json::{json, Value};

const ROLE: &str = "OPENNESS_SNAPSHOTS_CHILD";
const ROOT: &str = "OPENNESS_SNAPSHOTS_ROOT";
const URL: &str = "https://example.org/crash";
/// Exit code of a child that found the store locked.
const LOCKED_EXIT: i32 = 3;

fn pad(n: u64) -> String {
    // Large enough that writing it takes most of the writer's time.
    format!("{n:08}").repeat(250_000)
}

#[test]
fn child_entry() {
    let Ok(role) = std::env::var(ROLE) else {
        return;
    };
    let root = std::env::var(ROOT).unwrap();
    match role.as_str() {
        "try-open" => match Store::open(Path::new(&root)) {
            Ok(_) => std::process::exit(0),
            Err(e) if e.is_locked() => std::process::exit(LOCKED_EXIT),
            Err(e) => panic!("{e}"),
        },
        "writer" => {
            let store = Store::open(Path::new(&root)).unwrap();
            // Bounded, in case the parent dies without killing us.
            let stop = Instant::now() + Duration::from_secs(60);
            for n in 0u64.. {
                if Instant::now() > stop {
                    std::process::exit(1);
                }
                store
                    .write_json("state.json", &json!({ "n": n, "pad": pad(n) }))
                    .unwrap();
                let body = format!("body {n}");
                let digest = store.put_body(body.as_bytes()).unwrap();
                let mut rec = FetchRecord::new(URL, Utc::now());
                rec.status = 200;
                rec.etag = Some(format!("\"{n}\"{}", "x".repeat(20_000)));
                rec.digest = Some(digest);
                rec.size = body.len() as u64;
                store.record_fetch(&rec).unwrap();
            }
        }
        other => panic!("unknown role {other}"),
    }
}

/// A child process that is killed (SIGKILL) and reaped when dropped, so a
/// failing assertion never leaves it running.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(role: &str, root: &Path) -> Killed {
    Killed(
        Command::new(std::env::current_exe().unwrap())
            .args(["child_entry", "--exact", "--nocapture", "--test-threads=1"])
            .env(ROLE, role)
            .env(ROOT, root)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap(),
    )
}

#[test]
fn another_process_sees_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let status = spawn("try-open", dir.path()).0.wait().unwrap();
    assert_eq!(status.code(), Some(LOCKED_EXIT));
    drop(store);
    let status = spawn("try-open", dir.path()).0.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn readers_and_sigkill_see_old_or_new_files() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..12u64 {
        let child = spawn("writer", dir.path());
        // Let it write for a while, then kill it at an arbitrary point.
        let deadline = Instant::now() + Duration::from_secs(30);
        while !dir.path().join("state.json").exists() {
            assert!(Instant::now() < deadline, "writer never wrote");
            std::thread::sleep(Duration::from_millis(5));
        }
        // While it writes, a reader only ever sees complete files.
        let reader = Store::open_read_only(dir.path()).unwrap();
        let kill_at = Instant::now() + Duration::from_millis(20 + 11 * round);
        while Instant::now() < kill_at {
            let state: Value = reader.read_json("state.json").unwrap().expect("state.json");
            let n = state["n"].as_u64().unwrap();
            assert_eq!(state["pad"].as_str().unwrap(), pad(n), "round {round}");
        }
        drop(child); // SIGKILL, wherever it is

        // The lock died with the process; open also removes leftovers.
        let store = Store::open(dir.path()).unwrap();
        let state: Value = store.read_json("state.json").unwrap().expect("state.json");
        let n = state["n"].as_u64().unwrap();
        assert_eq!(state["pad"].as_str().unwrap(), pad(n), "round {round}");

        let history = store.history(URL).unwrap();
        assert!(!history.is_empty() || n == 0, "round {round}: history lost");
        for rec in &history {
            let digest: &Digest = rec.digest.as_ref().unwrap();
            let body = store.get_body(digest).unwrap();
            assert_eq!(body.len() as u64, rec.size);
        }
        // No temporary file survives `open`.
        let leftovers: Vec<_> = walk(dir.path())
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(".tmp-")
            })
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

fn walk(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}
