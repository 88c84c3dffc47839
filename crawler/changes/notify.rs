//! `changes --notify github:OWNER/REPO`: opens a GitHub issue with the Markdown
//! report when something changed. A dry run (what would be opened) unless `--yes`.

use super::events::Event;
use anyhow::{bail, Context as _};
use openness_sources::text::counted;

/// Longest issue body GitHub accepts is 65536 characters; stay below it.
const MAX_BODY: usize = 60_000;

/// Where to notify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Repository owner.
    pub owner: String,
    /// Repository name.
    pub repo: String,
}

/// Parses `github:OWNER/REPO`.
pub fn parse_target(s: &str) -> anyhow::Result<Target> {
    let Some(rest) = s.strip_prefix("github:") else {
        bail!("unknown notification target `{s}`: use github:OWNER/REPO");
    };
    let ok = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    match rest.split_once('/') {
        Some((o, r)) if ok(o) && ok(r) => Ok(Target { owner: o.to_string(), repo: r.to_string() }),
        _ => bail!("invalid repository `{rest}` in `{s}`: use github:OWNER/REPO"),
    }
}

/// The issue title and body for a report.
pub fn issue(after_run: &str, events: &[Event], markdown: &str) -> (String, String) {
    let models: std::collections::BTreeSet<&str> = events.iter().filter(|e| !e.kind.is_index_finding()).map(|e| e.model.as_str()).collect();
    let title = format!("openness: evidence changed for {} in run {after_run}", counted(models.len(), "model"));
    let mut body = String::from("Provisional verdicts and the evidence behind them changed. Review the events below; accept or override decisions with `openness accept` / `openness override`.\n\n");
    body.push_str(markdown);
    if body.chars().count() > MAX_BODY {
        body = body.chars().take(MAX_BODY).collect();
        body.push_str("\n\n… (truncated; see the run's artifact for the full report)\n");
    }
    (title, body)
}

/// Opens the issue (with `yes`) or says what would be opened. Returns a line for the user.
pub async fn send(target: &Target, title: &str, body: &str, yes: bool) -> anyhow::Result<String> {
    if !yes {
        return Ok(format!("dry run: would open an issue in {}/{} titled \"{title}\" ({} characters); pass --yes to open it", target.owner, target.repo, body.chars().count()));
    }
    let token = std::env::var("GITHUB_TOKEN").ok().filter(|t| !t.trim().is_empty()).context("--notify with --yes needs GITHUB_TOKEN (a token allowed to open issues)")?;
    let gh = octocrab::Octocrab::builder().personal_token(token.trim().to_string()).build()?;
    let issue = gh.issues(&target.owner, &target.repo).create(title).body(body).send().await.with_context(|| format!("cannot open an issue in {}/{}", target.owner, target.repo))?;
    Ok(format!("opened {}", issue.html_url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::events::Kind;

    #[test]
    fn targets_and_issue_text() {
        assert_eq!(parse_target("github:acme/reviews").unwrap(), Target { owner: "acme".into(), repo: "reviews".into() });
        assert!(parse_target("acme/reviews").is_err());
        assert!(parse_target("github:acme").is_err());
        assert!(parse_target("github:acme/re views").is_err());
        let ev = vec![Event::new("widget", Some("license"), Kind::LicenseChanged, None, None, None), Event::new("gadget", None, Kind::HumanDisagrees, None, None, None)];
        let (title, body) = issue("r2", &ev, &"x".repeat(70_000));
        assert_eq!(title, "openness: evidence changed for 1 model in run r2");
        assert!(body.chars().count() < 65_536 && body.ends_with("report)\n"));
    }

    #[tokio::test]
    async fn without_yes_nothing_is_sent() {
        let t = parse_target("github:acme/reviews").unwrap();
        let msg = send(&t, "t", "b", false).await.unwrap();
        assert!(msg.starts_with("dry run: would open an issue in acme/reviews"), "{msg}");
    }
}
