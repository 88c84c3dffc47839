//! Per-host politeness: a rate limiter, a concurrency cap and a shared pause
//! (set when a service says to back off) for every host.
//!
//! The limiter is a sliding window: at most `count` requests start in any window
//! of `period`, which is how services count. (A token bucket with a burst of
//! `count` would let up to twice that through in the first period.)

use crate::config::HostLimits;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// One host's limiter, concurrency cap and pause.
pub struct Host {
    /// Start times of the requests in the current window, oldest first.
    window: Mutex<VecDeque<Instant>>,
    count: usize,
    period: Duration,
    slots: Arc<Semaphore>,
    paused_until: Mutex<Option<Instant>>,
    name: String,
    warned: std::sync::atomic::AtomicBool,
}

/// Waits on a host's own limit longer than this are logged once, so that a crawl held
/// back by a small budget (GitHub's 60/h without a token) says why it is slow.
const LONG_WAIT: Duration = Duration::from_secs(10);

impl Host {
    fn new(name: &str, limits: HostLimits) -> Host {
        // A little slack so that network jitter cannot squeeze one request too many
        // into the service's own window.
        let slack = (limits.rate.period / 100).clamp(Duration::from_millis(5), Duration::from_secs(1));
        Host {
            window: Mutex::new(VecDeque::new()),
            count: limits.rate.count.max(1) as usize,
            period: limits.rate.period + slack,
            slots: Arc::new(Semaphore::new(limits.concurrency.max(1))),
            paused_until: Mutex::new(None),
            name: name.to_string(),
            warned: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Takes a concurrency slot (held for the whole request, retries included).
    pub async fn slot(&self) -> OwnedSemaphorePermit {
        self.slots.clone().acquire_owned().await.expect("semaphore never closed")
    }

    /// Waits for any pause to end, then for the rate limiter to allow one request.
    pub async fn ready(&self) {
        loop {
            let until = *self.paused_until.lock().expect("pause lock");
            if let Some(t) = until.filter(|t| *t > Instant::now()) {
                tokio::time::sleep_until(t.into()).await;
                continue;
            }
            let wait = {
                let mut w = self.window.lock().expect("window lock");
                let now = Instant::now();
                while w.front().is_some_and(|t| now.duration_since(*t) >= self.period) {
                    w.pop_front();
                }
                if w.len() < self.count {
                    w.push_back(now);
                    return;
                }
                (w[0] + self.period).saturating_duration_since(now)
            };
            if wait > LONG_WAIT && !self.warned.swap(true, std::sync::atomic::Ordering::Relaxed) {
                tracing::warn!(
                    host = %self.name,
                    wait_secs = wait.as_secs(),
                    "the rate limit for this host ({} requests per {:?}) holds requests back; raise it in [hosts.\"{}\"] if the service allows more (GitHub does with GITHUB_TOKEN)",
                    self.count,
                    self.period,
                    self.name
                );
            }
            tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
        }
    }

    /// Pauses every request to this host until `until` (e.g. a rate-limit reset).
    pub fn pause_until(&self, until: Instant) {
        let mut p = self.paused_until.lock().expect("pause lock");
        if p.map(|cur| cur < until).unwrap_or(true) {
            *p = Some(until);
        }
    }
}

/// All hosts seen in a run, created on first use with their configured limits.
pub struct HostPool {
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    limits: Box<dyn Fn(&str) -> HostLimits + Send + Sync>,
}

impl HostPool {
    /// `limits` gives the limits of a host (its own or the `*` default).
    pub fn new(limits: impl Fn(&str) -> HostLimits + Send + Sync + 'static) -> HostPool {
        HostPool { hosts: Mutex::new(HashMap::new()), limits: Box::new(limits) }
    }

    /// The configured limits of `host`.
    pub fn limits(&self, host: &str) -> HostLimits {
        (self.limits)(host)
    }

    /// The state of `host`.
    pub fn get(&self, host: &str) -> Arc<Host> {
        let mut hosts = self.hosts.lock().expect("host pool lock");
        hosts.entry(host.to_string()).or_insert_with(|| Arc::new(Host::new(host, (self.limits)(host)))).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Rate;

    #[tokio::test]
    async fn limiter_spaces_requests_after_burst() {
        let pool = HostPool::new(|_| HostLimits { rate: Rate { count: 2, period: Duration::from_millis(200) }, concurrency: 1 });
        let h = pool.get("a.example");
        let start = Instant::now();
        for _ in 0..4 {
            h.ready().await;
        }
        // 2 in any 200 ms: the 3rd and 4th are allowed after ~200 ms.
        assert!(start.elapsed() >= Duration::from_millis(180), "{:?}", start.elapsed());
        assert!(Arc::ptr_eq(&h, &pool.get("a.example")));
    }

    #[tokio::test]
    async fn pause_delays_requests() {
        let pool = HostPool::new(|_| HostLimits { rate: Rate { count: 100, period: Duration::from_secs(1) }, concurrency: 4 });
        let h = pool.get("b.example");
        h.pause_until(Instant::now() + Duration::from_millis(150));
        let start = Instant::now();
        h.ready().await;
        assert!(start.elapsed() >= Duration::from_millis(140));
    }
}
