//! Licensing over every component found: weights (end and base), code, data.

use super::weights::{stated_dataset_license, stated_model_license, StatedLicence};
use super::Context;
use crate::evidence::Avail;
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::hf::RepoKind;
use openness_sources::license::{self, License, Openness};

/// One licensed component.
struct Component {
    what: String,
    kind: Kind,
    license: License,
    url: String,
    digest: Option<openness_snapshots::Digest>,
}

#[derive(PartialEq, Clone, Copy)]
enum Kind {
    Weights,
    Code,
    Data,
}

/// Restrictions stated in the end model's card text, whatever the licence tag says.
const RESTRICTION_WORDS: &[&str] = &[
    "non-commercial license", "non-commercial licence", "noncommercial license", "for non-commercial use",
    "research purposes only", "research purpose only", "for research use only", "research use only", "academic research only",
    "not for commercial use", "should be used under", "community license", "acceptable use policy",
    "commercial use requires", "require a commercial license", "requires a commercial license",
];

/// The licensed components found. Once any licence was found at all, the weights of model
/// repositories that could be read but declare no licence join them as unclear components:
/// they count against "the whole system is openly licensed".
fn components(cx: &Context) -> Vec<Component> {
    let mut out = Vec::new();
    let mut unlicensed = Vec::new();
    for m in cx.ev.models.values() {
        if m.role == crate::evidence::ModelRole::Related {
            continue;
        }
        match stated_model_license(m) {
            Some(s) => out.push(weights_component(cx, m, s)),
            None if m.api.found().is_some() => {
                let unstated = License { label: "no licence declared".into(), spdx: None, openness: Openness::Unclear, reason: "no licence tag and no licence line in the card".into() };
                let page = RepoKind::Model.page_url(&m.id);
                unlicensed.push(weights_component(cx, m, StatedLicence { license: unstated, url: page, digest: m.api.found().and_then(|d| d.digest.clone()) }));
            }
            None => {}
        }
    }
    for r in cx.relevant_repos() {
        let spdx = r.repo.value.license_spdx.clone();
        let lic = match spdx.as_deref() {
            Some(id) if !matches!(id, "NOASSERTION" | "OTHER" | "other") => Some(license::classify(id)),
            _ => match &r.ev.license {
                Avail::Found(doc) => Some(license::detect_text(&doc.value.text)),
                _ => None,
            },
        };
        let has_code_licence = lic.is_some();
        if let Some(l) = lic {
            out.push(Component { what: format!("code ({})", r.repo.value.full_name), kind: Kind::Code, license: l, url: r.repo.value.html_url.clone(), digest: r.repo.digest.clone() });
        }
        // Licence badges in the README ("Code License: Apache 2.0", "Data License: CC BY-NC").
        if let Some(readme) = r.readme {
            for b in license::licence_badges(&readme.value.text) {
                let kind = if b.subject.contains("data") {
                    Kind::Data
                } else if b.subject.contains("model") || b.subject.contains("weight") {
                    Kind::Weights
                } else if has_code_licence {
                    continue;
                } else {
                    Kind::Code
                };
                let what = format!("{} badge in the README of {}", b.subject, r.repo.value.full_name);
                out.push(Component { what, kind, license: b.license, url: r.readme_page(), digest: readme.digest.clone() });
            }
        }
    }
    // Code licences the end model's card states ("Our training and inference code is released
    // under the Apache License 2.0"), when no repository's licence was read.
    if !out.iter().any(|c| c.kind == Kind::Code) {
        if let (Some(card), Some(page)) = (cx.end_card(), cx.end_page()) {
            for (license, sentence) in license::stated_code_licences(&card.value.body) {
                out.push(Component { what: format!("code, as the model card states (\"{sentence}\")"), kind: Kind::Code, license, url: page.clone(), digest: card.digest.clone() });
            }
        }
    }
    // The system's own datasets: those published by the organisation of the end model or
    // of a base. Another party's dataset is licensed by that party, not by this system's
    // developer: its licence, open or not, says nothing of how the system is licensed.
    // A canonical id without an owner ("wikipedia") has no organisation.
    let org = |id: &str| id.contains('/').then(|| super::context::org_of(id));
    let own_orgs: Vec<String> = cx.ev.models.values().filter(|m| m.role != crate::evidence::ModelRole::Related).filter_map(|m| org(&m.id)).collect();
    let own_dataset = |id: &str| org(id).is_some_and(|o| own_orgs.contains(&o));
    for d in cx.named_datasets().filter(|d| own_dataset(&d.id)) {
        if let Some(doc) = d.api.found() {
            // A dataset the system was trained on that states no licence leaves the
            // licensing of the whole system unclear.
            let stated = stated_dataset_license(d).unwrap_or_else(|| {
                let unstated = License { label: "no licence stated".into(), spdx: None, openness: Openness::Unclear, reason: "no licence tag on the dataset repository, no licence file and no licence line in its card".into() };
                StatedLicence { license: unstated, url: RepoKind::Dataset.page_url(&d.id), digest: doc.digest.clone() }
            });
            out.push(Component { what: format!("data ({})", d.id), kind: Kind::Data, license: stated.license, url: stated.url, digest: stated.digest });
        }
    }
    // An access gate that asks to accept a licence or agreement adds its terms.
    if let Some(end) = cx.ev.end_model() {
        if let Some(doc) = end.api.found() {
            let api = &doc.value;
            if api.gate != openness_sources::hf::Gate::Open {
                let prompt = ["extra_gated_prompt", "extra_gated_heading", "extra_gated_description"]
                    .iter()
                    .filter_map(|k| api.card_data.get(*k).and_then(|v| v.as_str()))
                    .find(|t| {
                        let l = t.to_lowercase();
                        l.contains("licen") || l.contains("agreement")
                    });
                if let Some(text) = prompt {
                    out.push(Component {
                        what: format!("access agreement of {}", end.id),
                        kind: Kind::Weights,
                        license: License { label: openness_sources::text::excerpt(text, 120), spdx: None, openness: Openness::Restricted, reason: "downloads require accepting an agreement at the gate".into() },
                        url: RepoKind::Model.page_url(&end.id),
                        digest: doc.digest.clone(),
                    });
                }
            }
        }
    }
    // Licence files linked from the cards (LICENSE, MODEL_LICENSE, ...).
    for p in cx.ev.pages.values() {
        let lower = p.url.to_lowercase();
        let file = lower.rsplit('/').next().unwrap_or("");
        if file.contains("license") || file.contains("licence") {
            if let Some(doc) = p.page.found() {
                let l = license::detect_text(&doc.value.text);
                let kind = if file.contains("model") || file.contains("weight") || file.contains("diff") { Kind::Weights } else if file.contains("data") { Kind::Data } else { Kind::Code };
                out.push(Component { what: format!("licence file {}", p.url), kind, license: l, url: p.url.clone(), digest: doc.digest.clone() });
            }
        }
    }
    if !out.is_empty() {
        out.extend(unlicensed);
    }
    out
}

fn weights_component(cx: &Context, m: &crate::evidence::HfModelEv, stated: StatedLicence) -> Component {
    // A base that itself declares a base is a tuned step between the pretrained base and the end model.
    let who = if cx.ev.end_model_id.as_deref() == Some(m.id.as_str()) {
        "end model weights"
    } else if m.declared_bases().next().is_some() {
        "intermediate model weights"
    } else {
        "base model weights"
    };
    Component { what: format!("{who} ({})", m.id), kind: Kind::Weights, license: stated.license, url: stated.url, digest: stated.digest }
}

fn is_open(c: &Component) -> bool {
    match c.kind {
        Kind::Code => c.license.openness.open_for_code(),
        Kind::Weights | Kind::Data => c.license.openness.open_for_content(),
    }
}

/// The notes' sentence quoting a stated restriction (its own full stop left out).
fn restriction_note(quote: &str) -> String {
    format!(" The model card also states restrictions: \"{}\".", quote.trim_end_matches('.'))
}

/// A restriction the end model's card states: one of [`RESTRICTION_WORDS`], or a sentence
/// that forbids commercial use ("Commercial use … is not allowed") or allows research use
/// only ("only use … for research purposes").
fn stated_restriction(cx: &Context) -> Option<(String, String, Option<openness_snapshots::Digest>)> {
    let card = cx.end_card()?;
    let body = &card.value.body;
    let forbids = regex!(r"(?i)\bcommercial(?:ly| use| purposes?)\b[^.\n]{0,80}\b(?:not (?:be )?(?:allowed|permitted)|prohibited|forbidden)\b|\bonly\b[^.\n]{0,120}\bfor research purposes?\b");
    let snippet = openness_sources::text::find_snippet(body, RESTRICTION_WORDS).or_else(|| forbids.find(body).map(|m| openness_sources::text::around(body, m.start(), m.len())))?;
    Some((card.url.clone(), snippet, card.digest.clone()))
}

fn describe(cs: &[Component]) -> String {
    cs.iter()
        .map(|c| format!("{}: {} ({})", c.what, c.license.display(), if is_open(c) { "open" } else { c.license.reason.as_str() }))
        .collect::<Vec<_>>()
        .join("; ")
}

/// faccT24 `license`: all components under OSI-approved (or, for data and weights,
/// open-content) licences → open; some → partial; none or unclear → closed.
pub fn license_all(cx: &Context) -> Verdict {
    let cs = components(cx);
    let restriction = stated_restriction(cx);
    if cs.is_empty() {
        return Verdict::new(Class::Closed, Confidence::Medium, "no licence found", "No evidence found: no licence tag on the model repositories, no licence on related code repositories and no licence file was found.");
    }
    let open = cs.iter().filter(|c| is_open(c)).count();
    let weights_open = cs.iter().filter(|c| c.kind == Kind::Weights).all(is_open) && cs.iter().any(|c| c.kind == Kind::Weights);
    // Partly open needs a part under an OSI-approved licence, as the rubric words it: open
    // data licences (CC-BY, ODC-By) count towards a fully open system, but data alone under
    // them does not make a system with closed weights and code partly OSI-licensed.
    let osi_part = cs.iter().any(|c| c.license.openness.open_for_code());
    let mut class = if open == cs.len() && weights_open { Class::Open } else if osi_part { Class::Partial } else { Class::Closed };
    let mut notes = format!("Licences found — {}.", describe(&cs));
    if let Some((_, s, _)) = &restriction {
        if class == Class::Open {
            class = Class::Partial;
        }
        notes.push_str(&restriction_note(s));
    }
    // High only when the licences read are direct fields covering more than one part of the
    // system: an unclear licence, a restriction read from the card's prose, or the licence of
    // the weights alone (the code's and data's unknown) leaves the whole system's licensing
    // to a reviewer's reading.
    let unclear = cs.iter().any(|c| c.license.openness == Openness::Unclear);
    let kinds = [Kind::Weights, Kind::Code, Kind::Data].iter().filter(|k| cs.iter().any(|c| c.kind == **k)).count();
    let counted_open = format!("{open} of {} components openly licensed", cs.len());
    let (confidence, why) = if unclear {
        (Confidence::Medium, format!("{counted_open}; a licence is unclear"))
    } else if restriction.is_some() {
        (Confidence::Medium, format!("{counted_open}; the card states restrictions"))
    } else if kinds < 2 {
        (Confidence::Medium, format!("{counted_open}; only one part of the system (weights, code, data) has a licence found"))
    } else {
        (Confidence::High, counted_open)
    };
    let mut v = Verdict::new(class, confidence, why, notes);
    for c in cs.iter().filter(|c| is_open(c) || class == Class::Closed) {
        v = v.cite(&c.url, format!("{}: {}", c.what, c.license.label), c.digest.as_ref());
    }
    for c in cs.iter().filter(|c| !is_open(c)) {
        v = v.cite(&c.url, format!("{}: {} — {}", c.what, c.license.label, c.license.reason), c.digest.as_ref());
    }
    if let Some((url, s, d)) = restriction {
        v = v.cite(&url, s, d.as_ref());
    }
    if class == Class::Closed {
        v.links.truncate(1);
    }
    v
}

/// osai `licenses`: weights, training code and data all openly licensed → open;
/// at least two of the three (partly or fully) → partial; otherwise closed.
pub fn licenses_osai(cx: &Context) -> Verdict {
    let cs = components(cx);
    let restriction = stated_restriction(cx);
    let status = |k: Kind| -> Option<bool> {
        let of: Vec<&Component> = cs.iter().filter(|c| c.kind == k).collect();
        if of.is_empty() {
            None
        } else {
            Some(of.iter().all(|c| is_open(c)))
        }
    };
    let any_open = |k: Kind| cs.iter().any(|c| c.kind == k && is_open(c));
    let (w, c, d) = (status(Kind::Weights), status(Kind::Code), status(Kind::Data));
    let weights_restricted = restriction.is_some();
    let all_open = w == Some(true) && c == Some(true) && d == Some(true) && !weights_restricted;
    let partly = [Kind::Weights, Kind::Code, Kind::Data].iter().filter(|k| any_open(**k)).count();
    let class = if all_open { Class::Open } else if partly >= 2 { Class::Partial } else { Class::Closed };
    let mut notes = if cs.is_empty() { "No evidence found: no licences on weights, code or data.".to_string() } else { format!("Licences found — {}.", describe(&cs)) };
    if let Some((_, s, _)) = &restriction {
        notes.push_str(&restriction_note(s));
    }
    let mut v = Verdict::new(class, Confidence::Medium, format!("{partly} of weights/code/data under open licences"), notes);
    for comp in &cs {
        v = v.cite(&comp.url, format!("{}: {}", comp.what, comp.license.label), comp.digest.as_ref());
    }
    v
}
