//! When to retry: timeouts, 429 and 5xx, with exponential backoff and jitter,
//! honouring `Retry-After` and GitHub's rate-limit headers, within a cap.

use super::{FetchError, Hop, Settings};
use rand::Rng;
use reqwest::header::HeaderMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What to do after one attempt.
pub(crate) enum Decision {
    /// Hand the outcome to the caller.
    Return,
    /// Give up with this error.
    Fail(FetchError),
    /// Wait, then try again; `pause_host` pauses every request to the host meanwhile.
    Retry { wait: Duration, pause_host: bool },
}

/// Decides on one attempt's outcome.
pub(crate) fn decide(outcome: &Result<(Hop, HeaderMap), FetchError>, attempt: u32, s: &Settings, url: &url::Url) -> Decision {
    let host = url.host_str().unwrap_or("");
    let exhausted = attempt > s.retries;
    match outcome {
        Err(FetchError::Timeout { url, .. }) => {
            if exhausted {
                Decision::Fail(FetchError::Timeout { url: url.clone(), attempts: attempt })
            } else {
                Decision::Retry { wait: backoff(s.backoff, attempt), pause_host: false }
            }
        }
        Err(FetchError::Transport { .. }) if !exhausted => Decision::Retry { wait: backoff(s.backoff, attempt), pause_host: false },
        Err(_) => Decision::Return,
        Ok((Hop::Redirect(_), _)) => Decision::Return,
        Ok((Hop::Done { status, headers, .. }, _)) => {
            let status = *status;
            let rate_limited = status == 429 || (status == 403 && github_exhausted(headers).is_some());
            let transient = rate_limited || matches!(status, 500 | 502 | 503 | 504);
            if !transient {
                return Decision::Return;
            }
            let asked = retry_after(headers).or_else(|| github_exhausted(headers));
            if let Some(wait) = asked {
                if wait > s.max_retry_wait {
                    return Decision::Fail(FetchError::WaitTooLong {
                        host: host.to_string(),
                        wait_secs: wait.as_secs(),
                        cap_secs: s.max_retry_wait.as_secs(),
                    });
                }
            }
            if exhausted {
                return Decision::Fail(FetchError::Status { url: url.to_string(), status, attempts: attempt });
            }
            match asked {
                Some(wait) => Decision::Retry { wait: wait + Duration::from_millis(50), pause_host: true },
                None => Decision::Retry { wait: backoff(s.backoff, attempt), pause_host: rate_limited },
            }
        }
    }
}

/// `base * 2^(attempt-1)`, with ±25 % jitter, at most 60 s.
pub(crate) fn backoff(base: Duration, attempt: u32) -> Duration {
    let exp = base.saturating_mul(1u32 << (attempt.saturating_sub(1)).min(10));
    let exp = exp.min(Duration::from_secs(60));
    let jitter = rand::rng().random_range(0.75..1.25);
    exp.mul_f64(jitter)
}

/// `Retry-After` as seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get("retry-after")?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// GitHub: `x-ratelimit-remaining: 0` with `x-ratelimit-reset` (epoch seconds) → time to wait.
pub(crate) fn github_exhausted(headers: &HeaderMap) -> Option<Duration> {
    let remaining: u64 = headers.get("x-ratelimit-remaining")?.to_str().ok()?.trim().parse().ok()?;
    if remaining > 0 {
        return None;
    }
    let reset: u64 = headers.get("x-ratelimit-reset")?.to_str().ok()?.trim().parse().ok()?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    // The reset is an instant given in whole seconds: wait until it, not to the second after.
    Some(Duration::from_secs(reset).saturating_sub(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u() -> url::Url {
        url::Url::parse("https://api.github.com/repos/o/r").unwrap()
    }

    fn settings() -> Settings {
        Settings {
            retries: 2,
            backoff: Duration::from_millis(100),
            max_retry_wait: Duration::from_secs(10),
            max_body: 1000,
            max_redirects: 5,
            robots: true,
            offline: false,
            concurrency: 4,
        }
    }

    fn done(status: u16, headers: &[(&str, &str)]) -> Result<(Hop, HeaderMap), FetchError> {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.insert(reqwest::header::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
        }
        Ok((Hop::Done { status, headers: h.clone(), body: vec![], not_modified: false }, h))
    }

    #[test]
    fn retries_transient_statuses_until_exhausted() {
        assert!(matches!(decide(&done(503, &[]), 1, &settings(), &u()), Decision::Retry { .. }));
        assert!(matches!(decide(&done(503, &[]), 3, &settings(), &u()), Decision::Fail(FetchError::Status { status: 503, .. })));
        assert!(matches!(decide(&done(404, &[]), 1, &settings(), &u()), Decision::Return));
        assert!(matches!(decide(&done(403, &[]), 1, &settings(), &u()), Decision::Return));
    }

    #[test]
    fn honours_retry_after_and_its_cap() {
        match decide(&done(429, &[("retry-after", "2")]), 1, &settings(), &u()) {
            Decision::Retry { wait, pause_host } => {
                assert!(wait >= Duration::from_secs(2));
                assert!(pause_host);
            }
            _ => panic!("expected a retry"),
        }
        assert!(matches!(decide(&done(429, &[("retry-after", "3600")]), 1, &settings(), &u()), Decision::Fail(FetchError::WaitTooLong { wait_secs: 3600, .. })));
    }

    #[test]
    fn github_rate_limit_reset() {
        let reset = (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + 3).to_string();
        match decide(&done(403, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", &reset)]), 1, &settings(), &u()) {
            Decision::Retry { wait, .. } => assert!(wait >= Duration::from_secs(1) && wait <= Duration::from_secs(5)),
            _ => panic!("expected a retry"),
        }
    }

    #[test]
    fn backoff_grows_with_jitter() {
        let a = backoff(Duration::from_millis(100), 1);
        let c = backoff(Duration::from_millis(100), 3);
        assert!(a >= Duration::from_millis(75) && a <= Duration::from_millis(125));
        assert!(c >= Duration::from_millis(300) && c <= Duration::from_millis(500));
    }
}
