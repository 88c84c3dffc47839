//! Per-host politeness: a rate limiter, a concurrency cap and a shared pause
//! (set when a service says to back off) for every host.

use crate::config::HostLimits;
use governor::{DefaultDirectRateLimiter, Quota};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// One host's limiter, concurrency cap and pause.
pub struct Host {
    limiter: DefaultDirectRateLimiter,
    slots: Arc<Semaphore>,
    paused_until: Mutex<Option<Instant>>,
}

impl Host {
    fn new(limits: HostLimits) -> Host {
        let count = NonZeroU32::new(limits.rate.count.max(1)).expect("non-zero");
        let per = limits.rate.period / limits.rate.count.max(1);
        let quota = Quota::with_period(per.max(Duration::from_micros(1))).expect("non-zero period").allow_burst(count);
        Host {
            limiter: DefaultDirectRateLimiter::direct(quota),
            slots: Arc::new(Semaphore::new(limits.concurrency.max(1))),
            paused_until: Mutex::new(None),
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
            match until {
                Some(t) if t > Instant::now() => tokio::time::sleep_until(t.into()).await,
                _ => break,
            }
        }
        self.limiter.until_ready().await;
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

    /// The state of `host`.
    pub fn get(&self, host: &str) -> Arc<Host> {
        let mut hosts = self.hosts.lock().expect("host pool lock");
        hosts.entry(host.to_string()).or_insert_with(|| Arc::new(Host::new((self.limits)(host)))).clone()
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
        // Burst of 2, then one every 100 ms: the 4th is allowed after ~200 ms.
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
