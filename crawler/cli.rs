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
