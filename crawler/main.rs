//! The `openness` binary: parses the command line, runs, maps outcomes to exit codes
//! (0 success, 2 some models failed, 1 fatal error).

use clap::Parser;
use openness::cli::{Cli, Command, CrawlArgs};
use openness::config::Config;
use openness::pipeline::{self, CrawlOptions};
use openness::schema::Schema;
use std::process::ExitCode;

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    init_logging(cli.quiet, cli.verbose);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(run(cli));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Lets `openness … | head` end quietly, as command-line tools do, instead of panicking
/// on a closed pipe (Rust ignores SIGPIPE by default). The store stays consistent: every
/// write to it is atomic, as for any interrupted run.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn init_logging(quiet: bool, verbose: bool) {
    let default = if quiet { "error" } else if verbose { "debug,hyper=info,reqwest=info" } else { "warn" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())).init();
}

async fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Crawl(args) => crawl(args, cli.quiet).await,
        Command::Report(args) => openness::report::command(args, cli.quiet),
        Command::Seed(args) => openness::seed::command(args, cli.quiet).await,
        Command::Runs(args) => openness::changes::runs_command(&args),
        Command::Changes(args) => openness::changes::command(&args).await,
        Command::Accept(args) => openness::review::accept_command(&args, cli.quiet),
        Command::Override(args) => openness::review::override_command(&args, cli.quiet),
        Command::Snapshot(what) => openness::snapshot::command(&what),
    }
}

async fn crawl(args: CrawlArgs, quiet: bool) -> anyhow::Result<u8> {
    let config = Config::load(&args.config.config)?;
    let schema = Schema::load(args.schema.as_deref().unwrap_or(&config.schema))?;
    let out = args.out.unwrap_or_else(|| config.path.parent().map(|p| p.join("out")).unwrap_or_else(|| "out".into()));
    let opts = CrawlOptions { out: out.clone(), schema, only: args.models, offline: args.offline, trial: false };
    let total = if opts.only.is_empty() { config.models.len() } else { opts.only.len() };
    let progress = openness::progress::Reporter::new(total, openness::progress::Mode::detect(quiet));
    let summary = pipeline::crawl(&config, &opts, progress.callback()).await?;
    progress.finish();
    if !quiet {
        println!("{}", openness::output::summary_table(&summary, &out));
    }
    Ok(if summary.all_ok() { 0 } else { 2 })
}
