//! Counters of a run's HTTP activity, for the progress bar, the summary and the benchmark.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Live counters (shared, lock-free except the per-host map).
#[derive(Default)]
pub struct Stats {
    requests: AtomicU64,
    retries: AtomicU64,
    not_modified: AtomicU64,
    memo_hits: AtomicU64,
    cache_hits: AtomicU64,
    bytes: AtomicU64,
    latency_us: AtomicU64,
    per_host: Mutex<BTreeMap<String, u64>>,
}

/// A copy of the counters at one moment.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct StatsSnapshot {
    /// Requests sent (retries included).
    pub requests: u64,
    /// Retries.
    pub retries: u64,
    /// Answers 304 Not Modified.
    pub not_modified: u64,
    /// Requests saved because the URL was already fetched in this run.
    pub deduplicated: u64,
    /// Answers taken from the store without a request (offline mode).
    pub from_store: u64,
    /// Body bytes downloaded.
    pub bytes: u64,
    /// Requests per host.
    pub per_host: BTreeMap<String, u64>,
    /// Mean request latency in milliseconds.
    pub mean_latency_ms: f64,
}

impl Stats {
    pub(crate) fn request(&self, host: &str) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        *self.per_host.lock().expect("stats lock").entry(host.to_string()).or_default() += 1;
    }
    pub(crate) fn retry(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }
    pub(crate) fn not_modified(&self) {
        self.not_modified.fetch_add(1, Ordering::Relaxed);
    }
    pub(crate) fn memo_hit(&self) {
        self.memo_hits.fetch_add(1, Ordering::Relaxed);
    }
    pub(crate) fn cache_hit(&self) {
        self.cache_hits.fetch_add(1, Ordering::Relaxed);
    }
    pub(crate) fn bytes(&self, n: u64) {
        self.bytes.fetch_add(n, Ordering::Relaxed);
    }
    pub(crate) fn latency(&self, d: Duration) {
        self.latency_us.fetch_add(d.as_micros() as u64, Ordering::Relaxed);
    }

    /// Current values.
    pub fn snapshot(&self) -> StatsSnapshot {
        let requests = self.requests.load(Ordering::Relaxed);
        StatsSnapshot {
            requests,
            retries: self.retries.load(Ordering::Relaxed),
            not_modified: self.not_modified.load(Ordering::Relaxed),
            deduplicated: self.memo_hits.load(Ordering::Relaxed),
            from_store: self.cache_hits.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            per_host: self.per_host.lock().expect("stats lock").clone(),
            mean_latency_ms: if requests == 0 { 0.0 } else { self.latency_us.load(Ordering::Relaxed) as f64 / requests as f64 / 1000.0 },
        }
    }
}
