//! Progress of a crawl: a progress bar on a terminal, plain log lines otherwise.
//!
//! Driven by [`pipeline::crawl`](crate::pipeline::crawl)'s `progress` callback, which is
//! called after each model with the run's HTTP counters so far.

use crate::http::StatsSnapshot;
use crate::pipeline::{ModelOutcome, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How progress is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Nothing (`--quiet`).
    Off,
    /// One log line per model at info level.
    Log,
    /// A progress bar on standard error.
    Bar,
}

impl Mode {
    /// `Off` when quiet, `Bar` when standard error is a terminal, `Log` otherwise.
    pub fn detect(quiet: bool) -> Mode {
        if quiet {
            Mode::Off
        } else if std::io::stderr().is_terminal() {
            Mode::Bar
        } else {
            Mode::Log
        }
    }
}

/// The HTTP counters in a few words.
pub fn stats_line(s: &StatsSnapshot) -> String {
    format!("{} requests, {} retries, {} answered 304, {} from the store, {} deduplicated", s.requests, s.retries, s.not_modified, s.from_store, s.deduplicated)
}

/// The line logged for one finished model.
pub fn model_line(done: usize, total: usize, o: &ModelOutcome, s: &StatsSnapshot) -> String {
    let what = match &o.error {
        Some(e) => format!("failed: {e}"),
        None => format!("{} open, {} partial, {} closed{}", o.counts[0], o.counts[1], o.counts[2], if o.problems > 0 { format!(", {} evidence problems", o.problems) } else { String::new() }),
    };
    format!("[{done}/{total}] {}: {what} ({})", o.id, stats_line(s))
}

/// Shows the progress of one crawl of `total` models.
pub struct Reporter {
    mode: Mode,
    bar: Option<ProgressBar>,
    total: usize,
    done: Arc<AtomicUsize>,
}

impl Reporter {
    /// A reporter for `total` models.
    pub fn new(total: usize, mode: Mode) -> Reporter {
        let bar = (mode == Mode::Bar).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30.cyan/blue} {pos}/{len} models  {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message("starting");
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Reporter { mode, bar, total, done: Arc::new(AtomicUsize::new(0)) }
    }

    /// The callback to hand to `pipeline::crawl` (`None` when progress is off).
    pub fn callback(&self) -> Option<Progress> {
        let total = self.total;
        let done = self.done.clone();
        match self.mode {
            Mode::Off => None,
            Mode::Log => Some(Arc::new(move |o: &ModelOutcome, s: &StatsSnapshot| {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                tracing::info!("{}", model_line(n, total.max(n), o, s));
            })),
            Mode::Bar => {
                let bar = self.bar.clone()?;
                Some(Arc::new(move |o: &ModelOutcome, s: &StatsSnapshot| {
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if let Some(e) = &o.error {
                        bar.println(format!("{} failed: {e}", o.id));
                    }
                    bar.set_message(format!("{} req · {} retries · {} 304 · {} cached", s.requests, s.retries, s.not_modified, s.from_store + s.deduplicated));
                    if bar.length().is_some_and(|l| l < n as u64) {
                        // A seed may crawl its model twice.
                        bar.set_length(n as u64);
                    }
                    bar.set_position(n as u64);
                }))
            }
        }
    }

    /// Models reported so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// Removes the bar (call before printing the summary).
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Drop for Reporter {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(id: &str, error: Option<&str>) -> ModelOutcome {
        ModelOutcome { id: id.into(), status: if error.is_some() { "failed" } else { "ok" }.into(), error: error.map(str::to_string), counts: [3, 2, 9], low: 4, problems: 1, judge_us: 0 }
    }

    #[test]
    fn callbacks_count_models_in_every_mode() {
        assert!(Reporter::new(2, Mode::Off).callback().is_none());
        let s = StatsSnapshot { requests: 7, retries: 1, not_modified: 2, ..Default::default() };
        for mode in [Mode::Log, Mode::Bar] {
            let r = Reporter::new(2, mode);
            let cb = r.callback().unwrap();
            cb(&outcome("a", None), &s);
            cb(&outcome("b", Some("boom")), &s);
            assert_eq!(r.done(), 2);
            r.finish();
        }
    }

    #[test]
    fn log_lines_say_what_happened() {
        let s = StatsSnapshot { requests: 7, retries: 1, not_modified: 2, ..Default::default() };
        let ok = model_line(1, 4, &outcome("acme-widget", None), &s);
        assert_eq!(ok, "[1/4] acme-widget: 3 open, 2 partial, 9 closed, 1 evidence problems (7 requests, 1 retries, 2 answered 304, 0 from the store, 0 deduplicated)");
        assert!(model_line(2, 4, &outcome("x", Some("no route")), &s).contains("x: failed: no route"));
    }
}
