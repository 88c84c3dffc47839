//! Licences: mapping Hugging Face licence tags, GitHub SPDX ids and licence texts to
//! SPDX identifiers, and judging whether each is an open licence.
//!
//! The judgement uses the SPDX licence list's own OSI-approval flags (the `spdx`
//! crate), not a hand-kept list. Two further classes are recognised from the licence's
//! own name, because they are common for model weights and are never OSI-approved:
//! responsible-AI licences (RAIL / OpenRAIL) and vendor "community" / custom licences.
//! Creative Commons licences without NonCommercial/NoDerivatives clauses (and other
//! open-data licences on the SPDX list) conform to the Open Definition: they are open
//! for data and weights, although the OSI does not review content licences.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// How open a licence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Openness {
    /// On the SPDX list and OSI-approved.
    OsiApproved,
    /// An open content/data licence (CC-BY, CC-BY-SA, CC0, ODC, CDLA-Permissive):
    /// open for data and weights, not an OSI software licence.
    OpenContent,
    /// Known and restrictive: non-commercial, no-derivatives, RAIL, community or other
    /// custom licences.
    Restricted,
    /// Unknown or unclear (`other` without a name, `unknown`, unrecognised text).
    Unclear,
}

impl Openness {
    /// Whether the licence is open for a software component (code).
    pub fn open_for_code(self) -> bool {
        self == Openness::OsiApproved
    }
    /// Whether the licence is open for data or weights.
    pub fn open_for_content(self) -> bool {
        matches!(self, Openness::OsiApproved | Openness::OpenContent)
    }
}

/// A licence as understood from a tag, an SPDX id, a name or a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct License {
    /// The label as found (`apache-2.0`, `llama3`, `other: acme-license`).
    pub label: String,
    /// SPDX identifier when the licence is on the SPDX list.
    pub spdx: Option<String>,
    /// Openness class.
    pub openness: Openness,
    /// Why this class was chosen.
    pub reason: String,
}

impl License {
    /// Human-readable name: the SPDX id when known, else the label.
    pub fn display(&self) -> String {
        self.spdx.clone().unwrap_or_else(|| self.label.clone())
    }

    /// Several licences declared for one thing (a repository tagged with more than one), read
    /// as the least open of them: nothing says which part each covers, so none can be
    /// assumed to cover all of it. The label names them all; the class and reason are the
    /// least open one's. `None` when there are none.
    pub fn least_open(licences: Vec<License>) -> Option<License> {
        if licences.len() <= 1 {
            return licences.into_iter().next();
        }
        let label = licences.iter().map(License::display).collect::<Vec<_>>().join(" and ");
        let worst = licences.into_iter().max_by_key(|l| l.openness)?;
        let reason = format!("{} ({}), the least open of the licences declared", worst.reason, worst.display());
        Some(License { label, spdx: None, openness: worst.openness, reason })
    }
}

/// Classifies a licence label (a Hugging Face tag, a GitHub SPDX id, a PyPI licence field
/// or a free-form name such as "Apache 2.0" or "Acme Widget Non-Commercial Community License").
pub fn classify(label: &str) -> License {
    let trimmed = label.trim();
    let lower = trimmed.to_lowercase();
    let make = |spdx: Option<String>, openness: Openness, reason: &str| License {
        label: trimmed.to_string(),
        spdx,
        openness,
        reason: reason.to_string(),
    };
    if lower.is_empty() || matches!(lower.as_str(), "other" | "unknown" | "noassertion" | "none" | "null" | "proprietary" | "unlicensed") {
        return make(None, Openness::Unclear, "no identifiable licence");
    }
    // The SPDX licence the label names: its id ("apache-2.0"), its full name ("Academic Free
    // License v3.0") or a common short form ("Apache License 2.0", "MIT License").
    let named = spdx_of(trimmed).or_else(|| spdx_by_full_name(trimmed)).or_else(|| loosely_named(trimmed));
    if let Some(kind) = restrictive_family(&lower, named) {
        return make(named.map(|l| l.name.to_string()), Openness::Restricted, kind);
    }
    if let Some(id) = named {
        return from_spdx(trimmed, id);
    }
    // A licence named without its version ("CC-BY-SA"): as open as every version of it is,
    // when they all agree.
    let versions: Vec<License> = versions_of(&lower.split_whitespace().collect::<Vec<_>>().join("-")).into_iter().map(|id| from_spdx(trimmed, id)).collect();
    match versions.first() {
        Some(first) if versions.iter().all(|v| v.openness == first.openness) => make(None, first.openness, &format!("{} (every version of it on the SPDX list)", first.reason)),
        _ => make(None, Openness::Unclear, "not on the SPDX licence list, so not OSI-approved"),
    }
}

/// The SPDX licence a free-form label names by a common short form ("MIT License", "Apache
/// License, Version 2.0", "GPLv3"), when nothing else is said: the words after the name may
/// only be licence words and a version the licence's own id carries. "MIT with restrictions",
/// "apache-2.0 with use restrictions" or `lgpl-lr` (a licence for linguistic resources) name
/// something else.
fn loosely_named(label: &str) -> Option<spdx::LicenseId> {
    const LICENCE_WORDS: &[&str] = &["license", "licence", "version", "v", "only", "or", "later", "the", "public", "general", "software", "clause"];
    let (id, matched) = spdx::imprecise_license_id(label)?;
    let rest = label.get(matched..)?.to_lowercase();
    let own = id.name.to_lowercase();
    let benign = rest.split(|c: char| !(c.is_alphanumeric() || c == '.')).map(|w| w.trim_matches('.')).filter(|w| !w.is_empty()).all(|w| {
        let version = w.strip_prefix('v').unwrap_or(w);
        LICENCE_WORDS.contains(&w) || (version.starts_with(|c: char| c.is_ascii_digit()) && own.contains(version))
    });
    benign.then_some(id)
}

/// The SPDX licence whose full name is `label` (ignoring case).
fn spdx_by_full_name(label: &str) -> Option<spdx::LicenseId> {
    spdx::identifiers::LICENSES.iter().find(|l| l.full_name.eq_ignore_ascii_case(label)).and_then(|l| spdx::license_id(l.name))
}

fn from_spdx(label: &str, id: spdx::LicenseId) -> License {
    let name = id.name.to_string();
    let upper = name.to_uppercase();
    let (openness, reason) = if upper.contains("-NC") || upper.contains("-ND") {
        (Openness::Restricted, "non-commercial or no-derivatives terms")
    } else if id.is_osi_approved() {
        (Openness::OsiApproved, "OSI-approved (SPDX licence list)")
    } else if is_open_content(&upper) {
        (Openness::OpenContent, "open content licence (Open Definition), not an OSI software licence")
    } else if id.is_fsf_free_libre() {
        (Openness::OpenContent, "FSF free/libre, not OSI-approved")
    } else {
        (Openness::Restricted, "on the SPDX list but not OSI-approved")
    };
    License { label: label.to_string(), spdx: Some(name), openness, reason: reason.to_string() }
}

fn is_open_content(upper_id: &str) -> bool {
    upper_id.starts_with("CC-BY-") && !upper_id.contains("-NC") && !upper_id.contains("-ND")
        || upper_id.starts_with("CC0-")
        || upper_id.starts_with("ODC-BY")
        || upper_id.starts_with("ODBL")
        || upper_id.starts_with("PDDL")
        || upper_id.starts_with("CDLA-PERMISSIVE")
        || upper_id.starts_with("CDLA-SHARING")
}

/// Families that are restrictive whatever their exact version: responsible-AI licences,
/// vendor community licences, research-only and non-commercial terms. A word that is part
/// of the full name of `named`, the SPDX licence the text names, does not count: the
/// Educational Community License and the Academic Free License are OSI-approved.
fn restrictive_family(lower: &str, named: Option<spdx::LicenseId>) -> Option<&'static str> {
    let words = lower.replace(['_', '.'], "-");
    let own_name = named.map(|l| l.full_name.to_lowercase().replace(['_', '.'], "-")).unwrap_or_default();
    let says = |w: &str| words.contains(w) && !own_name.contains(w);
    if says("rail") {
        return Some("responsible-AI licence (RAIL/OpenRAIL): use restrictions, not OSI-approved");
    }
    if says("community") {
        return Some("custom community licence: not OSI-approved");
    }
    if ["non-commercial", "noncommercial", "not for commercial", "no commercial", "research-only", "research only", "research use", "research purpose", "academic"].into_iter().any(says) {
        return Some("non-commercial or research-only terms");
    }
    None
}

fn spdx_of(label: &str) -> Option<spdx::LicenseId> {
    if let Some(id) = spdx::license_id(label) {
        return Some(id);
    }
    // Hugging Face tags are lower-case SPDX ids (`apache-2.0`, `cc-by-nc-4.0`, `bsd-3-clause`);
    // cards write ids with spaces ("CC BY-NC 4.0", "Apache 2.0", "BSD 3-Clause").
    let lower = label.to_lowercase();
    let dashed = lower.split_whitespace().collect::<Vec<_>>().join("-");
    let exact = spdx::identifiers::LICENSES.iter().find(|l| {
        let name = l.name.to_lowercase();
        name == lower || name == dashed
    });
    let exact = exact.and_then(|l| spdx::license_id(l.name));
    // Hugging Face also tags a licence by its id without the version when the SPDX list has
    // one version only (`odc-by` for ODC-By-1.0, `odbl`, `pddl`).
    exact.or_else(|| match versions_of(&dashed)[..] {
        [only] => Some(only),
        _ => None,
    })
}

/// The SPDX licences whose id is `stem` followed by a version (`cc-by-sa` → CC-BY-SA-1.0 …
/// CC-BY-SA-4.0), `stem` lower-case with dashes.
fn versions_of(stem: &str) -> Vec<spdx::LicenseId> {
    spdx::identifiers::LICENSES
        .iter()
        .filter(|l| l.name.to_lowercase().strip_prefix(stem).and_then(|rest| rest.strip_prefix('-')).is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit())))
        .filter_map(|l| spdx::license_id(l.name))
        .collect()
}

/// A licence badge in a README (`img.shields.io/badge/Code%20License-Apache_2.0-green`):
/// what it is about ("code license", "data license", "license") and the licence named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LicenceBadge {
    /// The badge's label, lower-cased ("code license").
    pub subject: String,
    /// The licence it names, classified.
    pub license: License,
}

/// The licence badges (shields.io static badges whose label mentions a licence) in `text`.
pub fn licence_badges(text: &str) -> Vec<LicenceBadge> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| regex::Regex::new(r"img\.shields\.io/badge/([^)\s\x22'?]+)").expect("badge pattern"));
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let decoded = percent_decode(&c[1]);
        // Shields escapes: "--" is a dash, "__" an underscore, "_" a space.
        let fields: Vec<String> = decoded
            .replace("--", "\u{0}")
            .replace("__", "\u{1}")
            .split('-')
            .map(|f| f.replace('_', " ").replace('\u{0}', "-").replace('\u{1}', "_").trim().to_string())
            .collect();
        let [label, message, ..] = fields.as_slice() else { continue };
        let subject = label.to_lowercase();
        if !subject.contains("licen") || message.is_empty() {
            continue;
        }
        // "Apache 2.0", "CC By NC 4.0": as SPDX-style ids first, then as written.
        let as_id = classify(&message.replace(' ', "-"));
        let license = if as_id.openness != Openness::Unclear { License { label: message.clone(), ..as_id } } else { classify(message) };
        out.push(LicenceBadge { subject, license });
    }
    out
}

/// Licences a text states for code in a sentence ("Our training and inference code is
/// released under the Apache License 2.0"), with the sentence: only licences on the SPDX
/// list, so a name the list does not know is left to the other evidence.
pub fn stated_code_licences(text: &str) -> Vec<(License, String)> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    // The name runs to the end of the clause; a full stop inside a version ("2.0") is kept.
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?i)\bcode\b[^.\n]{0,40}?\b(?:is|are)\s+(?:also\s+)?(?:released|licensed|available|distributed|published|provided)\s+under\s+(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?\[?((?:[^.,;:()\[\]\n]|\.\d)+)").expect("stated code licence pattern")
    });
    re.captures_iter(text)
        .filter_map(|c| {
            let (whole, license) = (c.get(0)?, classify(c[1].trim()));
            license.spdx.is_some().then(|| (license, crate::text::around(text, whole.start(), whole.len())))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The title of a licence text that names a licence other than `id`, the standard licence
/// its text matches: "Acme Model License Version 1.0" over an Apache-2.0 text is Acme's own
/// licence, with terms added. A title without a name of its own ("LICENSE", "Software
/// License Agreement") or without the word licence (a copyright line) says nothing.
fn renamed_licence(title: &str, id: spdx::LicenseId) -> Option<String> {
    const GENERIC: &[&str] = &["license", "licence", "licenses", "agreement", "terms", "the", "of", "and", "for", "version", "v", "software", "end", "user", "conditions", "legal", "code"];
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // The standard licence's own name words ("apache", "mit", "gnu", "mozilla", "creative").
    let own_name = id.full_name.to_lowercase();
    let own_words: Vec<&str> = own_name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !GENERIC.contains(w) && !w.starts_with(|c: char| c.is_ascii_digit())).collect();
    let short_name = id.name.to_lowercase();
    let short_name = short_name.split('-').next();
    // Only the words before the standard licence's name can name another licence: "The MIT
    // License (MIT)" is MIT, "Acme Model License 1.0 Apache License ..." (a title line that
    // runs into the text) is Acme's.
    let standard_at = words.iter().position(|w| own_words.contains(w) || short_name == Some(*w)).unwrap_or(words.len());
    let lead = &words[..standard_at];
    let is_licence = lead.iter().any(|w| matches!(*w, "license" | "licence" | "agreement"));
    let named = lead.iter().any(|w| !GENERIC.contains(w) && !w.starts_with(|c: char| c.is_ascii_digit()));
    (is_licence && named).then(|| title.trim().to_string())
}

/// Loads the SPDX licence texts used by [`detect_text`] (about 0.2 s of CPU, once per
/// process). Call it early on a spare thread so that no model's judging pays for it.
pub fn warm_up() {
    let _ = store();
}

fn store() -> Option<&'static spdx::detection::Store> {
    static STORE: OnceLock<Option<spdx::detection::Store>> = OnceLock::new();
    STORE.get_or_init(|| spdx::detection::Store::load_inline().ok()).as_ref()
}

/// Identifies the licence of a licence text that carries no SPDX id. Bespoke licences
/// (community, RAIL, non-commercial agreements) are recognised from their own title;
/// standard texts are matched against the SPDX texts (askalono-style n-gram scoring).
pub fn detect_text(text: &str) -> License {
    // The same licence text recurs across repositories and models (copies of the
    // Apache or MIT text without an SPDX id); matching it is the costly step.
    static SEEN: OnceLock<std::sync::Mutex<std::collections::HashMap<u64, License>>> = OnceLock::new();
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut h);
        h.finish()
    };
    let seen = SEEN.get_or_init(Default::default);
    if let Some(l) = seen.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return l;
    }
    let l = detect_text_uncached(text);
    if let Ok(mut m) = seen.lock() {
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(key, l.clone());
    }
    l
}

fn detect_text_uncached(text: &str) -> License {
    let relined = reline(text);
    let text = relined.as_deref().unwrap_or(text);
    let head: String = text.chars().take(600).collect::<String>().to_lowercase();
    let title_line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").to_string();
    let matched = store().map(|store| store.analyze(&spdx::detection::TextData::new(text))).filter(|m| m.score >= 0.8);
    let matched_id = matched.as_ref().and_then(|m| spdx::license_id(m.name));
    if let Some(kind) = restrictive_family(&head, matched_id) {
        return License {
            label: crate::text::excerpt(&title_line, 120),
            spdx: None,
            openness: Openness::Restricted,
            reason: kind.to_string(),
        };
    }
    if let (Some(m), Some(id)) = (matched, matched_id) {
        if let Some(own) = renamed_licence(&title_line, id) {
            return License {
                label: crate::text::excerpt(&own, 120),
                spdx: None,
                openness: Openness::Restricted,
                reason: format!("a licence of its own built on the {} text (licence text matches it with score {:.2}): its terms differ from the standard licence", m.name, m.score),
            };
        }
        let mut l = from_spdx(m.name, id);
        l.reason = format!("{} (licence text matches {} with score {:.2})", l.reason, m.name, m.score);
        return l;
    }
    let only_a_link = !text.trim().contains(char::is_whitespace) && text.trim().starts_with("http");
    License {
        label: crate::text::excerpt(&title_line, 120),
        spdx: None,
        openness: Openness::Unclear,
        reason: if only_a_link { "the licence file holds only a link" } else { "licence text not recognised" }.to_string(),
    }
}

/// Breaks a licence text whose line breaks were lost (a page's whitespace-collapsed text)
/// back into lines at sentence and clause ends. The SPDX matcher works line by line: it drops
/// the title line and every line with a copyright notice, which in a one-line text is all of it.
/// `None` when the text still has its lines.
fn reline(text: &str) -> Option<String> {
    const CHARS_PER_LINE: usize = 400;
    if text.len() <= CHARS_PER_LINE || text.lines().count() * CHARS_PER_LINE >= text.len() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 40);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '.' | ';' | ':') && chars.peek().is_some_and(|n| n.is_whitespace()) {
            chars.next();
            out.push('\n');
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_tags() {
        assert_eq!(classify("apache-2.0").openness, Openness::OsiApproved);
        assert_eq!(classify("apache-2.0").spdx.as_deref(), Some("Apache-2.0"));
        assert_eq!(classify("mit").openness, Openness::OsiApproved);
        assert_eq!(classify("cc-by-nc-4.0").openness, Openness::Restricted);
        assert_eq!(classify("cc-by-sa-3.0").openness, Openness::OpenContent);
        assert_eq!(classify("cc-by-4.0").openness, Openness::OpenContent);
        // Tags without the version of a licence the SPDX list has in one version only.
        assert_eq!(classify("odc-by").spdx.as_deref(), Some("ODC-By-1.0"));
        assert_eq!(classify("odc-by").openness, Openness::OpenContent);
        assert_eq!(classify("odbl").openness, Openness::OpenContent);
        assert_eq!(classify("pddl").openness, Openness::OpenContent);
        // Several versions, all alike: as open as each of them.
        assert_eq!((classify("CC-BY-SA").openness, classify("CC-BY-SA").spdx), (Openness::OpenContent, None));
        assert_eq!(classify("cc-by-nc").openness, Openness::Restricted);
        // Versions that differ (some GFDL variants are not free): which one is not said.
        assert_eq!(classify("gfdl").openness, Openness::Unclear);
        assert_eq!(classify("bigscience-bloom-rail-1.0").openness, Openness::Restricted);
        assert_eq!(classify("openrail++").openness, Openness::Restricted);
        assert_eq!(classify("llama3").openness, Openness::Unclear);
        assert_eq!(classify("other").openness, Openness::Unclear);
        assert_eq!(classify("NOASSERTION").openness, Openness::Unclear);
        assert_eq!(classify("Acme Widget Non-Commercial Community License").openness, Openness::Restricted);
        assert_eq!(classify("For research purposes only").openness, Openness::Restricted);
        assert_eq!(classify("Apache 2.0, not for commercial use").openness, Openness::Restricted);
    }

    #[test]
    fn several_licences_are_as_open_as_the_least_open() {
        assert_eq!(License::least_open(Vec::new()), None);
        assert_eq!(License::least_open(vec![classify("mit")]), Some(classify("mit")));
        let both = License::least_open(vec![classify("apache-2.0"), classify("cc-by-nc-4.0")]).unwrap();
        assert_eq!(both.openness, Openness::Restricted);
        assert_eq!(both.display(), "Apache-2.0 and CC-BY-NC-4.0");
        assert!(both.reason.contains("CC-BY-NC-4.0"), "{}", both.reason);
        let content = License::least_open(vec![classify("cc-by-sa-3.0"), classify("cc-by-4.0")]).unwrap();
        assert_eq!(content.openness, Openness::OpenContent);
        assert_eq!(License::least_open(vec![classify("mit"), classify("other")]).unwrap().openness, Openness::Unclear);
    }

    #[test]
    fn free_form_names() {
        assert_eq!(classify("Apache License 2.0").spdx.as_deref(), Some("Apache-2.0"));
        // Creative Commons ids as cards write them.
        assert_eq!(classify("CC BY-NC-4.0").spdx.as_deref(), Some("CC-BY-NC-4.0"));
        assert_eq!(classify("CC BY-SA 4.0").spdx.as_deref(), Some("CC-BY-SA-4.0"));
        assert_eq!(classify("CC BY 4.0").openness, Openness::OpenContent);
        assert_eq!(classify("BSD-3-Clause").openness, Openness::OsiApproved);
        // Ids and common short forms written with spaces.
        for (label, id) in [("BSD 3-Clause", "BSD-3-Clause"), ("Apache 2.0", "Apache-2.0"), ("MIT License", "MIT"), ("Apache License, Version 2.0", "Apache-2.0"), ("GPLv3", "GPL-3.0-only")] {
            assert_eq!(classify(label).spdx.as_deref(), Some(id), "{label}");
        }
    }

    #[test]
    fn a_short_form_followed_by_other_words_names_another_licence() {
        for label in ["MIT with restrictions", "apache-2.0 with use restrictions", "lgpl-lr", "Apache License 1.1 (modified)"] {
            let l = classify(label);
            assert_ne!(l.openness, Openness::OsiApproved, "{label}: {l:?}");
        }
    }

    #[test]
    fn open_licences_whose_names_hold_a_restrictive_word() {
        // "community" and "academic" are part of these OSI-approved or open licences' own names.
        assert_eq!(classify("Educational Community License v2.0").openness, Openness::OsiApproved);
        assert_eq!(classify("Academic Free License v3.0").spdx.as_deref(), Some("AFL-3.0"));
        assert_eq!(classify("Academic Free License v3.0").openness, Openness::OsiApproved);
        assert_eq!(classify("Community Data License Agreement Permissive 2.0").openness, Openness::OpenContent);
        // A bespoke licence that only borrows a word stays restricted.
        assert_eq!(classify("Acme Academic Research License").openness, Openness::Restricted);
        assert_eq!(classify("Widget Community License Agreement").openness, Openness::Restricted);
    }

    #[test]
    fn detects_standard_and_bespoke_texts() {
        let mit = "MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n";
        let l = detect_text(mit);
        assert_eq!(l.spdx.as_deref(), Some("MIT"));
        assert_eq!(l.openness, Openness::OsiApproved);
        // A licence of its own built on a standard text is not that licence.
        let renamed = mit.replacen("MIT License", "Acme Widget Model License v1.0", 1) + "\nThe Software may not be used to train other models.\n";
        let l = detect_text(&renamed);
        assert_eq!((l.openness, l.spdx.as_deref(), l.label.as_str()), (Openness::Restricted, None, "Acme Widget Model License v1.0"), "{l:?}");
        // A copyright line, or a bare "LICENSE", above the standard text names nothing else.
        for title in ["Copyright (c) 2024 Acme Corp.", "LICENSE", "The MIT License (MIT)"] {
            let l = detect_text(&mit.replacen("MIT License", title, 1));
            assert_eq!(l.spdx.as_deref(), Some("MIT"), "{title}: {l:?}");
        }
        // A web page's text keeps no line breaks: its one line has "copyright" in it, and the
        // matcher drops such a first line.
        let one_line = mit.replacen("Copyright (c) 2024 Someone", "", 1).split_whitespace().collect::<Vec<_>>().join(" ");
        let l = detect_text(&one_line);
        assert_eq!(l.spdx.as_deref(), Some("MIT"), "{l:?}");
        let l = detect_text(&format!("Acme Widget Model License v1.0 {one_line} The Software may not be used to train other models."));
        assert_eq!((l.openness, l.spdx.as_deref()), (Openness::Restricted, None), "{l:?}");
        let bespoke = "ACME MODEL COMMUNITY LICENSE AGREEMENT\nVersion 1.0\nYou may not use the model to train other models.";
        assert_eq!(detect_text(bespoke).openness, Openness::Restricted);
        assert_eq!(detect_text("lorem ipsum dolor sit amet").openness, Openness::Unclear);
        let link = detect_text("https://example.org/terms#licence\n");
        assert_eq!((link.openness, link.reason.as_str()), (Openness::Unclear, "the licence file holds only a link"));
    }

    #[test]
    fn code_licences_stated_in_sentences() {
        let stated = |t: &str| stated_code_licences(t).into_iter().map(|(l, _)| l.spdx.unwrap_or_default()).collect::<Vec<_>>();
        assert_eq!(stated("Any other use is prohibited. Our training and inference code is released under the Apache License 2.0."), vec!["Apache-2.0"]);
        assert_eq!(stated("The source code in this repository is licensed under the [MIT License](LICENSE)."), vec!["MIT"]);
        assert_eq!(stated("The code is available under the Widget Community License."), Vec::<String>::new(), "a name off the SPDX list is left out");
        assert_eq!(stated("The weights are released under the Apache License 2.0."), Vec::<String>::new(), "weights are not code");
        let (_, sentence) = stated_code_licences("Our code is released under the MIT License.").remove(0);
        assert!(sentence.contains("Our code is released under the MIT License"), "{sentence}");
    }

    #[test]
    fn licence_badges_in_readmes() {
        let md = "[![Code License](https://img.shields.io/badge/Code%20License-Apache_2.0-green.svg)](x) \
                  [![Data License](https://img.shields.io/badge/Data%20License-CC%20By%20NC%204.0-red.svg)](y) \
                  ![stars](https://img.shields.io/badge/stars-1k-blue) ![l](https://img.shields.io/badge/license-BSD--3--Clause-blue)";
        let badges = licence_badges(md);
        assert_eq!(badges.len(), 3, "{badges:?}");
        assert_eq!(badges[0].subject, "code license");
        assert_eq!(badges[0].license.spdx.as_deref(), Some("Apache-2.0"));
        assert_eq!(badges[1].subject, "data license");
        assert_eq!(badges[1].license.openness, Openness::Restricted);
        assert_eq!(badges[2].license.spdx.as_deref(), Some("BSD-3-Clause"));
    }
}
