//! Fault injection: per-host sliding-window rate limits and random 503s.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// At most `limit` accepted requests in any `window`-long sliding window.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    pub limit: u32,
    window: Duration,
    stamps: VecDeque<Instant>,
}

/// What a rate limiter said about one request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Verdict {
    pub allowed: bool,
    /// Time until a slot frees up (or the window resets).
    pub wait: Duration,
    /// Requests left in the window after this one.
    pub remaining: u32,
}

impl RateLimiter {
    fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit,
            window,
            stamps: VecDeque::new(),
        }
    }

    fn expire(&mut self, now: Instant) {
        while let Some(&first) = self.stamps.front() {
            if now.duration_since(first) >= self.window {
                self.stamps.pop_front();
            } else {
                break;
            }
        }
    }

    fn wait(&self, now: Instant) -> Duration {
        match self.stamps.front() {
            Some(&first) => (first + self.window).saturating_duration_since(now),
            None => self.window,
        }
    }

    /// Counts a request if there is room.
    pub fn acquire(&mut self, now: Instant) -> Verdict {
        self.expire(now);
        let allowed = self.stamps.len() < self.limit as usize;
        if allowed {
            self.stamps.push_back(now);
        }
        Verdict {
            allowed,
            wait: self.wait(now),
            remaining: self.limit.saturating_sub(self.stamps.len() as u32),
        }
    }

    /// The state of the window without counting a request.
    pub fn peek(&mut self, now: Instant) -> Verdict {
        self.expire(now);
        Verdict {
            allowed: true,
            wait: self.wait(now),
            remaining: self.limit.saturating_sub(self.stamps.len() as u32),
        }
    }
}

/// Rate limits and failure rates by host; a `*` rule gives every other host
/// its own limiter or random stream.
#[derive(Default)]
pub(crate) struct Faults {
    limit_rules: HashMap<String, (u32, Duration)>,
    limiters: HashMap<String, RateLimiter>,
    fail_rules: HashMap<String, (f64, u64)>,
    injectors: HashMap<String, (f64, StdRng)>,
}

impl Faults {
    pub fn set_rate_limit(&mut self, host: &str, n: u32, per: Duration) {
        assert!(
            !per.is_zero(),
            "a rate-limit window must be longer than zero"
        );
        let host = host.to_ascii_lowercase();
        forget(&mut self.limiters, &self.limit_rules, &host);
        self.limit_rules.insert(host, (n, per));
    }

    pub fn set_fail(&mut self, host: &str, fraction: f64, seed: u64) {
        assert!(
            (0.0..=1.0).contains(&fraction),
            "a failure fraction must be between 0 and 1"
        );
        let host = host.to_ascii_lowercase();
        forget(&mut self.injectors, &self.fail_rules, &host);
        self.fail_rules.insert(host, (fraction, seed));
    }

    pub fn clear(&mut self) {
        *self = Faults::default();
    }

    pub fn has_limits(&self) -> bool {
        !self.limit_rules.is_empty()
    }

    pub fn has_failures(&self) -> bool {
        !self.fail_rules.is_empty()
    }

    /// The limiter for `host`, made on first use from its rule or the `*` rule.
    pub fn limiter(&mut self, host: &str) -> Option<&mut RateLimiter> {
        if !self.limiters.contains_key(host) {
            let &(n, per) = rule_for(&self.limit_rules, host)?;
            self.limiters
                .insert(host.to_string(), RateLimiter::new(n, per));
        }
        self.limiters.get_mut(host)
    }

    /// Draws whether this request to `host` fails; deterministic per seed and host.
    pub fn should_fail(&mut self, host: &str) -> bool {
        if !self.injectors.contains_key(host) {
            let Some(&(fraction, seed)) = rule_for(&self.fail_rules, host) else {
                return false;
            };
            let rng = StdRng::seed_from_u64(seed ^ fnv1a(host.as_bytes()));
            self.injectors.insert(host.to_string(), (fraction, rng));
        }
        let (fraction, rng) = self.injectors.get_mut(host).expect("just inserted");
        rng.random::<f64>() < *fraction
    }
}

fn rule_for<'a, T>(rules: &'a HashMap<String, T>, host: &str) -> Option<&'a T> {
    rules.get(host).or_else(|| rules.get("*"))
}

/// Drops the per-host state a changed rule for `host` governs, so counting restarts.
fn forget<S, T>(made: &mut HashMap<String, S>, rules: &HashMap<String, T>, host: &str) {
    if host == "*" {
        made.retain(|h, _| rules.contains_key(h));
    } else {
        made.remove(host);
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window() {
        let mut l = RateLimiter::new(2, Duration::from_secs(1));
        let t0 = Instant::now();
        assert!(l.acquire(t0).allowed);
        let v = l.acquire(t0 + Duration::from_millis(400));
        assert!(v.allowed && v.remaining == 0);
        let v = l.acquire(t0 + Duration::from_millis(500));
        assert!(!v.allowed);
        assert_eq!(v.wait, Duration::from_millis(500));
        // the first stamp leaves the window after one second
        assert!(l.acquire(t0 + Duration::from_millis(1000)).allowed);
        assert!(!l.acquire(t0 + Duration::from_millis(1100)).allowed);
        assert!(l.acquire(t0 + Duration::from_millis(1400)).allowed);
    }

    #[test]
    fn star_rules_are_per_host() {
        let mut f = Faults::default();
        f.set_rate_limit("*", 1, Duration::from_secs(60));
        f.set_rate_limit("pypi.org", 2, Duration::from_secs(60));
        let now = Instant::now();
        assert!(f.limiter("a.org").unwrap().acquire(now).allowed);
        assert!(!f.limiter("a.org").unwrap().acquire(now).allowed);
        assert!(f.limiter("b.org").unwrap().acquire(now).allowed);
        assert_eq!(f.limiter("pypi.org").unwrap().limit, 2);
    }

    #[test]
    fn failures_are_deterministic_per_seed() {
        let draw = |seed| {
            let mut f = Faults::default();
            f.set_fail("h", 0.5, seed);
            (0..64).map(|_| f.should_fail("h")).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
        let mut f = Faults::default();
        assert!(!f.should_fail("h"));
    }
}
