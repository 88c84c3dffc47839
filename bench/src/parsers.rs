//! `openness-bench-parsers`: how the parsers of untrusted text scale on hostile input.
//!
//! Each case builds an input of size n and 8n (deep nesting, thousands of headings or
//! links, long lines), times the parser on both, and prints a Markdown table. The check is
//! on growth, which does not depend on the machine: a linear parser takes about 8 times as
//! long on the larger input, a quadratic one 64 times. The run fails (exit 1) when a case
//! grows by more than [`MAX_GROWTH`] or takes longer than [`MAX_SECONDS`] on the larger
//! input. Run it through `scripts/bench-parsers` (release build). Not part of `cargo test`.

use openness_sources::{arxiv, card, html, license, links};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts runs, to make texts that differ from run to run.
static RUNS: AtomicUsize = AtomicUsize::new(0);

/// The larger input is this many times the smaller.
const SCALE: usize = 8;
/// Growth allowed between the two sizes: room for n log n, caches that a larger input
/// outgrows, and noise; half of SCALE².
const MAX_GROWTH: f64 = 32.0;
/// No case may take longer than this on the larger input.
const MAX_SECONDS: f64 = 2.0;
/// Below this the larger input's time is noise, and growth is not judged.
const NOISE: Duration = Duration::from_millis(20);

/// One hostile case: a name, and a function that builds the input of size n and parses it.
struct Case {
    name: &'static str,
    n: usize,
    run: fn(usize) -> usize,
}

fn cases() -> Vec<Case> {
    vec![
        Case { name: "card: unclosed nested HTML tables", n: 120, run: |n| card::tables(&format!("{}</table>", "<table><tr><td>x ".repeat(n))).len() },
        Case { name: "card: a table cell of nested elements", n: 60, run: |n| card::tables(&format!("<table><tr><td>{}</td></tr></table>", "<div><span>x ".repeat(n))).len() },
        Case { name: "card: headings, one section lookup", n: 10_000, run: |n| usize::from(card::Card::parse(&"# a\n".repeat(n)).has_section(&["zzz"])) },
        Case { name: "card: a heading made of links", n: 10_000, run: |n| card::Card::parse(&format!("# {}\nwords\n", "[a](b)".repeat(n))).sections.len() },
        Case { name: "card: HTML headings with length-changing letters", n: 10_000, run: |n| card::Card::parse(&"<h2>\u{212A}\u{212A}</h2>\nsome words\n".repeat(n)).sections.len() },
        Case { name: "card: named base in a long text", n: 5_000, run: |n| usize::from(card::named_base(&"fine-tuned from GPT-4 data. ".repeat(n)).is_some()) },
        Case { name: "links: distinct URLs in text", n: 5_000, run: |n| links::references_in(&(0..n).map(|i| format!("https://example.org/p/{i} ")).collect::<String>()).len() },
        Case {
            name: "html: a page of distinct links",
            n: 5_000,
            run: |n| html::Page::parse(&format!("<html><body>{}</body></html>", (0..n).map(|i| format!("<a href=\"/p/{i}\">x</a>")).collect::<String>()), "https://v.example/", Some("text/html")).links.len(),
        },
        // Under the nesting limit html5ever reads the page (quadratic, but bounded by the
        // limit); beyond it the page is read without it.
        Case { name: "html: nesting under the limit", n: 120, run: |n| html::Page::parse(&format!("<html><body>{}</body></html>", "<div>x".repeat(n)), "https://v.example/", Some("text/html")).text.len() },
        Case { name: "html: nesting beyond the limit", n: 2_000, run: |n| html::Page::parse(&format!("<html><body>{}</body></html>", "<div>x".repeat(n)), "https://v.example/", Some("text/html")).text.len() },
        Case {
            name: "arxiv: a feed of many entries",
            n: 500,
            run: |n| {
                let entries: String = (0..n).map(|i| format!("<entry><id>http://arxiv.org/abs/2401.{i:05}v1</id><title>T {i}</title><summary>S</summary></entry>")).collect();
                arxiv::parse_feed(format!("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">{entries}</feed>").as_bytes()).map(|e| e.len()).unwrap_or(0)
            },
        },
        Case {
            name: "licence: a long unknown text",
            n: 2_000,
            // A new text each time: the matcher remembers texts it has seen.
            run: |n| license::detect_text(&format!("{} {}", "Permission is granted to use this thing freely. ".repeat(n), RUNS.fetch_add(1, Ordering::Relaxed))).label.len(),
        },
    ]
}

/// The fastest of three runs at size n: a busy machine only ever slows a run down.
fn time(run: fn(usize) -> usize, n: usize) -> Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(run(n));
            started.elapsed()
        })
        .min()
        .expect("three runs")
}

fn main() {
    println!("| case | n | time n | time {SCALE}n | growth | verdict |");
    println!("|---|---:|---:|---:|---:|---|");
    let mut failed = 0;
    for case in cases() {
        // A warm-up run pays for once-per-process work (compiled patterns, licence data).
        time(case.run, case.n / 10);
        let small = time(case.run, case.n);
        let large = time(case.run, case.n * SCALE);
        let growth = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
        let too_slow = large.as_secs_f64() > MAX_SECONDS;
        let too_steep = large > NOISE && growth > MAX_GROWTH;
        let verdict = if too_slow {
            format!("FAIL: over {MAX_SECONDS} s")
        } else if too_steep {
            format!("FAIL: grows faster than {MAX_GROWTH}×")
        } else {
            "ok".to_string()
        };
        failed += usize::from(too_slow || too_steep);
        println!("| {} | {} | {:.1} ms | {:.1} ms | {growth:.1}× | {verdict} |", case.name, case.n, small.as_secs_f64() * 1e3, large.as_secs_f64() * 1e3);
    }
    if failed > 0 {
        eprintln!("{failed} case(s) failed");
        std::process::exit(1);
    }
}
