//! Access: an installable package and an API.

use super::Context;
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::text::counted;

/// An installable, versioned package (PyPI) that installs this model's code.
pub fn package(cx: &Context) -> Verdict {
    // A codebase the model was trained with is not a package of the model.
    let repos = cx.model_repos();
    let repo_urls: Vec<String> = repos.iter().map(|r| r.repo.value.html_url.to_lowercase().trim_end_matches('/').to_string()).collect();
    for p in cx.ev.packages.values() {
        let Some(doc) = p.project.found() else { continue };
        let proj = &doc.value;
        let points_to_repo = proj.urls.iter().any(|u| {
            let u = u.to_lowercase();
            let u = u.trim_end_matches('/');
            repo_urls.iter().any(|r| u == r || u.starts_with(&format!("{r}/")))
        });
        // Named after the end model itself (a package named after a base model belongs to the
        // base, one named after the organisation is the vendor's general library), and
        // released by its developer: a third party's wrapper ("local-widget") is not the model's
        // package.
        let named = cx.names_model_beyond_org(&proj.name.replace(['-', '_'], " ")) && points_to_developer(cx, &proj.urls);
        if (points_to_repo || named) && !proj.releases.is_empty() {
            return Verdict::new(
                Class::Open,
                Confidence::Medium,
                "a PyPI project with releases belongs to this model's code",
                format!("PyPI project {} (version {}, {}){}.", proj.name, proj.version.as_deref().unwrap_or("?"), counted(proj.releases.len(), "release"), if points_to_repo { ", whose project URLs point at this model's repository" } else { ", named after the model" }),
            )
            .cite(&format!("https://pypi.org/project/{}/", proj.name), format!("{} {} — {}", proj.name, proj.version.as_deref().unwrap_or(""), proj.summary.as_deref().unwrap_or("")), doc.digest.as_ref());
        }
    }
    let looked: Vec<&str> = cx.ev.packages.keys().map(|s| s.as_str()).collect();
    for r in &repos {
        if let Some(tree) = r.ev.tree.value() {
            if let Some(f) = tree.files().find(|f| matches!(*f, "setup.py" | "pyproject.toml" | "setup.cfg")) {
                let pypi = if looked.is_empty() { String::new() } else { format!(" (PyPI projects looked at: {}, none of them named after this model or pointing at its repository)", looked.join(", ")) };
                return Verdict::new(
                    Class::Partial,
                    Confidence::Low,
                    "installable from source, no released package found",
                    format!("{} can be installed from source ({f}), but no released PyPI package of this model was found{pypi}.", r.repo.value.full_name),
                )
                .cite(&r.repo.value.html_url, f, r.ev.tree.found().and_then(|d| d.digest.as_ref()));
            }
        }
    }
    Verdict::new(
        Class::Closed,
        Confidence::Medium,
        "no package found",
        if looked.is_empty() { "No evidence found: no `pip install` of the model's own package and no PyPI link in the cards or READMEs.".to_string() } else { format!("No evidence found: PyPI projects looked at ({}) are not this model's package.", looked.join(", ")) },
    )
}

/// Whether one of a PyPI project's URLs is a GitHub or Hugging Face page of the end model's
/// organisation (compared without case, dashes or underscores).
fn points_to_developer(cx: &Context, urls: &[String]) -> bool {
    let squash = |s: &str| s.to_lowercase().replace(['-', '_'], "");
    let Some(org) = cx.ev.end_model_id.as_deref().and_then(|id| id.split_once('/')).map(|(o, _)| squash(o)) else { return false };
    urls.iter().filter_map(|u| openness_sources::links::classify(u)).any(|l| match l {
        openness_sources::links::Link::Github { repo, .. } => repo.split('/').next().is_some_and(|owner| squash(owner) == org),
        openness_sources::links::Link::HfModel(id) => id.split('/').next().is_some_and(|owner| squash(owner) == org),
        _ => false,
    })
}

/// API access: vendor API documentation (commercial or restricted → partial) or hosted
/// inference of the public repository (partial: a shared, rate-limited service).
pub fn api(cx: &Context) -> Verdict {
    let api_words = ["api key", "api access", "our api", "the api", "api endpoint", "rest api", "openai-compatible", "inference api", "api platform", "la plateforme", "pricing"];
    for p in cx.ev.pages.values() {
        if let Some(doc) = p.page.found() {
            if let Some(s) = openness_sources::text::find_snippet(&doc.value.text, &api_words) {
                return Verdict::new(Class::Partial, Confidence::Low, "a vendor page mentions API access", format!("The vendor page {} mentions API access (\"{s}\"); whether it is open or commercial needs a reviewer's check.", p.url))
                    .cite(&p.url, s, doc.digest.as_ref());
            }
        }
    }
    for r in cx.model_repos() {
        if let (Some(readme), Some(card)) = (r.readme, cx.readme_card(&r)) {
            // A section about the API ("API", "API Deployment") before one that mentions it
            // among other things ("Other Model and API"); "api" as a word, not in "rapid".
            let api_word = |t: &str| t.split(|c: char| !c.is_alphanumeric()).any(|w| w == "api");
            if let Some(s) = card.section_titled(|t| t.starts_with("api") && api_word(t)).or_else(|| card.section_titled(api_word)) {
                return Verdict::new(Class::Partial, Confidence::Low, "the repository documents an API", format!("{} documents an API (section \"{}\").", r.repo.value.full_name, s.title))
                    .cite(&format!("{}#{}", r.readme_page(), s.title.to_lowercase().replace(' ', "-")), &s.text, readme.digest.as_ref());
            }
        }
    }
    if let (Some(api), Some(page)) = (cx.end_api(), cx.end_page()) {
        let v = &api.value;
        if !v.weight_files().is_empty() && !v.private && !v.disabled && !v.inference_disabled && v.pipeline_tag.is_some() {
            // Hugging Face's shared inference: rate-limited, and for a gated repository only
            // open to those who accepted its terms. Restricted either way.
            let pipeline = v.pipeline_tag.as_deref().unwrap_or("?");
            let who = if v.gate == openness_sources::hf::Gate::Open {
                format!("The public repository (pipeline {pipeline})")
            } else {
                format!("The gated repository (pipeline {pipeline}; usable by those who accepted its terms)")
            };
            return Verdict::new(
                Class::Partial,
                Confidence::Low,
                "the weights can be served by Hugging Face's hosted inference",
                format!("No vendor API found. {who} can be used through Hugging Face's shared, rate-limited inference service."),
            )
            .cite(&page, format!("pipeline_tag: {}", v.pipeline_tag.as_deref().unwrap_or("")), api.digest.as_ref());
        }
    }
    Verdict::new(Class::Closed, Confidence::Medium, "no API found", "No evidence found: no vendor page or repository documents API access.")
}
