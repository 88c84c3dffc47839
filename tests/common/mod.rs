//! Helpers shared by the end-to-end tests.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use openness_testkit::FakeWeb;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Longest one run of the binary may take before it is killed.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(120);

/// Every file under `root`, recursively (none when it does not exist).
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Waits for `child` at most `limit`; its exit code (-1 when killed by a signal), or None on timeout.
pub fn wait_bounded(child: &mut Child, limit: Duration) -> Option<i32> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return Some(status.code().unwrap_or(-1));
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// [`wait_bounded`], but on timeout kills `child` and panics with `what` and the file `stderr`.
pub fn wait_or_kill(child: &mut Child, limit: Duration, what: &str, stderr: &Path) -> i32 {
    wait_bounded(child, limit).unwrap_or_else(|| {
        let _ = child.kill();
        let _ = child.wait();
        panic!("{what} did not finish within {limit:?}; stderr:\n{}", std::fs::read_to_string(stderr).unwrap_or_default())
    })
}

/// Config text sending every request to `web`: faccT24, `backoff = "50ms"` plus the
/// `http_extra` lines, fast rates for arXiv and `*`, then `tables` (`[hosts]`, `[[model]]`).
pub fn mirror_config(web: &FakeWeb, http_extra: &str, tables: &str) -> String {
    format!(
        "store = \"store\"\nschema = \"faccT24\"\n\n[http]\nmirror = \"{}\"\nbackoff = \"50ms\"\n{http_extra}\n\n\
         [hosts.\"export.arxiv.org\"]\nrate = \"100/1s\"\n\n[hosts.\"*\"]\nrate = \"100/1s\"\n\n{tables}\n",
        web.mirror()
    )
}

/// One finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A temporary project folder: `config.toml`, `store/`, `out/`, `logs/`.
pub struct Project {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Project {
    /// A project whose config is [`mirror_config`].
    pub fn new(web: &FakeWeb, http_extra: &str, tables: &str) -> Project {
        Project::with_config(&mirror_config(web, http_extra, tables))
    }

    /// A project whose config file is exactly `text`.
    pub fn with_config(text: &str) -> Project {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().to_path_buf();
        std::fs::write(dir.join("config.toml"), text).expect("write config");
        Project { _tmp: tmp, dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn config(&self) -> PathBuf {
        self.dir.join("config.toml")
    }
    pub fn out(&self) -> PathBuf {
        self.dir.join("out")
    }
    pub fn store(&self) -> PathBuf {
        self.dir.join("store")
    }

    /// Runs `openness <args> --config <config.toml>`; see [`Project::run_with_env`].
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs `openness <args> --config <config.toml>` in the project folder, with no
    /// tokens, RUST_LOG or proxies set, plus `env`; output goes to `logs/std{out,err}-N`.
    /// Panics after [`RUN_TIMEOUT`].
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let logs = self.dir.join("logs");
        std::fs::create_dir_all(&logs).unwrap();
        let n = std::fs::read_dir(&logs).unwrap().count();
        let (out_path, err_path) = (logs.join(format!("stdout-{n}")), logs.join(format!("stderr-{n}")));
        // Started from another folder: paths in the config resolve against the config's folder.
        let elsewhere = self.dir.join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_openness"));
        cmd.args(args).arg("--config").arg(self.config()).current_dir(&elsewhere);
        for k in ["GITHUB_TOKEN", "HF_TOKEN", "RUST_LOG", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"] {
            cmd.env_remove(k);
        }
        cmd.env("NO_PROXY", "127.0.0.1").env("no_proxy", "127.0.0.1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::null())
            .stdout(std::fs::File::create(&out_path).unwrap())
            .stderr(std::fs::File::create(&err_path).unwrap());
        let mut child = cmd.spawn().expect("start the openness binary");
        let code = wait_or_kill(&mut child, RUN_TIMEOUT, &format!("openness {args:?}"), &err_path);
        Run {
            code,
            stdout: std::fs::read_to_string(&out_path).unwrap_or_default(),
            stderr: std::fs::read_to_string(&err_path).unwrap_or_default(),
        }
    }
}
