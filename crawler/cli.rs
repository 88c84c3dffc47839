//! Command-line interface.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Crawl public evidence about AI models and propose openness verdicts for review.
#[derive(Parser, Debug)]
#[command(name = "openness", version, about, long_about = None)]
pub struct Cli {
    /// Less output (errors only).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// More output (debug logs); RUST_LOG overrides.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command shares.
#[derive(Args, Debug, Clone)]
pub struct ConfigArg {
    /// Config file.
    #[arg(long, short, default_value = "config.toml")]
    pub config: PathBuf,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Crawl the tracked models and write draft verdict files.
    Crawl(CrawlArgs),
    /// Write a review page (HTML) and a Markdown summary of a stored run.
    Report(ReportArgs),
    /// Start tracking a new model: crawl it from one starting point and draft its files.
    Seed(SeedArgs),
    /// List the runs recorded in the evidence store.
    Runs(RunsArgs),
    /// Report what changed between the two latest complete runs (exit 0: nothing, 3: changes).
    Changes(ChangesArgs),
    /// Accept the provisional verdict on a parameter (pinned to its evidence snapshots).
    Accept(AcceptArgs),
    /// Override the class of a parameter (pinned to its evidence snapshots).
    Override(OverrideArgs),
    /// Look at stored evidence: a URL's history, a stored body, what changed between two.
    #[command(subcommand)]
    Snapshot(SnapshotCommand),
}

/// `openness snapshot …`.
#[derive(Subcommand, Debug)]
pub enum SnapshotCommand {
    /// Every recorded answer of a URL: time, run, status, size and body digest.
    History {
        #[command(flatten)]
        config: ConfigArg,
        /// The public URL (as reports and change events name it).
        url: String,
    },
    /// Print a stored body, as it was fetched (on a terminal, control characters escaped).
    Show {
        #[command(flatten)]
        config: ConfigArg,
        /// Its SHA-256 digest, or the first characters of it (at least 6).
        digest: String,
    },
    /// Show what changed between two stored bodies, line by line (JSON pretty-printed):
    /// two digests, or a URL for its two latest bodies.
    Diff {
        #[command(flatten)]
        config: ConfigArg,
        /// Digest (or prefix) of the earlier body, or a URL.
        before: String,
        /// Digest (or prefix) of the later body (not with a URL).
        after: Option<String>,
    },
}

/// `openness crawl`.
#[derive(Args, Debug)]
pub struct CrawlArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// Output folder (default: `out` beside the config file).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Schema: faccT24, osai or a schema file.
    #[arg(long, short)]
    pub schema: Option<String>,
    /// Only these model ids (repeatable).
    #[arg(long = "model", short = 'm')]
    pub models: Vec<String>,
    /// Recompute facts and verdicts from stored snapshots, without network.
    #[arg(long)]
    pub offline: bool,
}

/// `openness report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// Write the HTML review page to this file.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Write the Markdown summary to this file (default: printed when no file is given).
    #[arg(long)]
    pub markdown: Option<PathBuf>,
    /// Folder of the index's YAML files (`<model id>.yaml`) to compare with.
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Run id (default: the latest complete run).
    #[arg(long)]
    pub run: Option<String>,
}

/// `openness seed`.
#[derive(Args, Debug)]
pub struct SeedArgs {
    /// Starting point: a Hugging Face id or URL, `github:owner/repo` or a github.com URL,
    /// an arXiv id or URL, or a vendor page URL.
    pub start: String,
    #[command(flatten)]
    pub config: ConfigArg,
    /// Display name (default: derived from the starting point).
    #[arg(long)]
    pub name: Option<String>,
    /// Schema: faccT24, osai or a schema file.
    #[arg(long, short)]
    pub schema: Option<String>,
    /// Output folder (default: `out` beside the config file).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Append the new `[[model]]` entry to the config file.
    #[arg(long)]
    pub add: bool,
}

/// `openness runs`.
#[derive(Args, Debug)]
pub struct RunsArgs {
    #[command(flatten)]
    pub config: ConfigArg,
}

/// `openness changes`.
#[derive(Args, Debug)]
pub struct ChangesArgs {
    #[command(flatten)]
    pub config: ConfigArg,
    /// Compare the latest complete run with this run (default: the previous complete run).
    #[arg(long)]
    pub since: Option<String>,
    /// Print a JSON array of change events instead of Markdown.
    #[arg(long)]
    pub json: bool,
    /// Folder of the index's YAML files (`<model id>.yaml`) to compare with (never written).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// With --index: fetch the human evidence links and report those that no longer resolve.
    #[arg(long, requires = "index")]
    pub check_links: bool,
    /// When something changed, open an issue with the report: `github:OWNER/REPO` (dry run unless --yes).
    #[arg(long)]
    pub notify: Option<String>,
    /// With --notify: really open the issue (needs GITHUB_TOKEN).
    #[arg(long, requires = "notify")]
    pub yes: bool,
}

/// Which verdict a reviewer decides on.
#[derive(Args, Debug)]
pub struct DecisionTarget {
    #[command(flatten)]
    pub config: ConfigArg,
    /// Model id (from the config).
    #[arg(long)]
    pub model: String,
    /// Parameter key (from the schema).
    #[arg(long)]
    pub parameter: String,
}

/// `openness accept`.
#[derive(Args, Debug)]
pub struct AcceptArgs {
    #[command(flatten)]
    pub target: DecisionTarget,
    /// Reviewer's note.
    #[arg(long)]
    pub note: Option<String>,
}

/// `openness override`.
#[derive(Args, Debug)]
pub struct OverrideArgs {
    #[command(flatten)]
    pub target: DecisionTarget,
    /// The class decided: open, partial, closed or n/a.
    #[arg(long)]
    pub class: String,
    /// Why (required).
    #[arg(long)]
    pub note: String,
}
