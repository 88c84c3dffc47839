//! Preprints and peer-reviewed papers about the model.

use super::context::BaseOrigin;
use super::Context;
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::arxiv::ArxivEntry;
use openness_sources::bibtex::{self, BibEntry};
use openness_sources::text::excerpt;

/// Which parts of the system an abstract covers.
pub(super) fn coverage(e: &ArxivEntry) -> (bool, bool, bool) {
    let t = format!("{} {}", e.title, e.summary).to_lowercase();
    // "trained … for up to 1.5T tokens", "on 300B tokens": a token count is pretraining.
    let token_count = regex!(r"\b\d+(?:\.\d+)?\s?[tb]\s+tokens\b").is_match(&t);
    let base = token_count || ["pretrain", "pre-train", "trained on", "trillion tokens", "billion tokens", "training corpus", "from scratch", "foundation model", "base model"].iter().any(|w| t.contains(w));
    let tuning = ["fine-tun", "finetun", "instruction", "rlhf", "human feedback", "chat", "alignment", "instruct"].iter().any(|w| t.contains(w));
    let data = ["dataset", "training data", "corpus", "data ", "tokens", "conversations", "dialogues"].iter().any(|w| t.contains(w));
    (base, tuning, data)
}

/// Peer review signals: journal_ref, DOI, "Accepted at"/"Published in"/proceedings.
fn reviewed(e: &ArxivEntry) -> Option<String> {
    if let Some(j) = &e.journal_ref {
        return Some(format!("journal_ref: {j}"));
    }
    if let Some(d) = e.publication_doi() {
        return Some(format!("DOI: {d}"));
    }
    let c = e.comment.as_deref()?;
    venue_comment(c).then(|| format!("comment: {c}"))
}

/// Whether an arXiv comment says the paper appeared at a peer-reviewed venue ("Accepted at
/// NeurIPS 2024", "Proceedings of …", "ACL 2023", "camera-ready"), not merely that it was
/// submitted. Shared by the paper rule and the change report.
pub fn venue_comment(c: &str) -> bool {
    let lower = c.to_lowercase();
    let venue = regex!(r"(?i)\b(accepted|published|to appear|appears?|presented)\b.{0,20}\b(at|in|to|by)\b|\bproceedings\b|\bcamera[- ]ready\b|\b(acl|emnlp|naacl|eacl|coling|neurips|nips|icml|iclr|aaai|ijcai|cvpr|iccv|eccv|kdd|www|sigir|tacl|jmlr|tmlr|facct|colm)\s*['’]?\s*\d{2,4}\b");
    venue.is_match(c) && !lower.contains("submitted to") && !lower.contains("under review")
}

/// An archived preprint: open when it covers the parts of the system its developer made,
/// data included; partial when it covers some parts (or only the base model).
pub fn preprint(cx: &Context) -> Verdict {
    let papers = cx.relevant_papers();
    if papers.is_empty() {
        let looked: Vec<&str> = cx.ev.papers.keys().map(|s| s.as_str()).collect();
        return Verdict::new(
            Class::Closed,
            Confidence::Medium,
            "no preprint about this model",
            if looked.is_empty() { "No evidence found: no arXiv paper is linked from the cards, repositories or pages.".to_string() } else { format!("No evidence found: linked arXiv papers ({}) are not about this model.", looked.join(", ")) },
        );
    }
    // A base from another developer is that developer's part (see `covers_own_parts`).
    let third_party_base = match cx.base_origin() {
        BaseOrigin::Other(why) => Some(why.as_str()),
        _ => None,
    };
    let mut best: Option<Verdict> = None;
    for (doc, about_end) in papers {
        let (base, tuning, data) = coverage(&doc.value);
        let class = if about_end && covers_own_parts(cx, base, tuning, data) { Class::Open } else { Class::Partial };
        let parts: Vec<&str> = [(base, "base model"), (tuning, "tuning"), (data, "data")].iter().filter(|(b, _)| *b).map(|(_, s)| *s).collect();
        let mut notes = format!(
            "arXiv {} \"{}\" {}; its abstract covers: {}.",
            doc.value.id,
            doc.value.title,
            if about_end { "is about this model" } else { "is about the base model only" },
            if parts.is_empty() { "none of base model, tuning, data".into() } else { parts.join(", ") }
        );
        if let Some(why) = &third_party_base {
            notes.push_str(&format!(" The base is another developer's ({why}), so this system's own part is the tuning."));
        }
        if about_end && !data && covers_own_parts(cx, base, tuning, true) {
            notes.push_str(" It does not describe the training data, so it does not cover the whole system.");
        }
        let v = Verdict::new(class, Confidence::Medium, "judged from the abstract", notes).cite(&doc.value.abs_url(), format!("{} — {}", doc.value.title, doc.value.summary), doc.digest.as_ref());
        best = Some(match best {
            Some(b) if b.class.score() >= v.class.score() => b,
            _ => v,
        });
    }
    best.expect("non-empty")
}

/// Whether an abstract covering the base (`base`), the tuning (`tuning`, RLHF included) and
/// the training data (`data`; see [`coverage`]) covers the parts of the system its developer
/// made: the base, the tuning and their data, or just the tuning and its data when the base is
/// another developer's. Index reviewers judge a paper silent on the data ("none on datasets")
/// partial however well it covers the training.
fn covers_own_parts(cx: &Context, base: bool, tuning: bool, data: bool) -> bool {
    data && match cx.base_origin() {
        BaseOrigin::Other(_) => tuning,
        _ => base && tuning,
    }
}

/// A peer-reviewed venue cited in BibTeX by a document about this model.
struct CitedVenue<'a> {
    url: String,
    digest: Option<&'a openness_snapshots::Digest>,
    entry: BibEntry,
}

impl CitedVenue<'_> {
    fn venue(&self) -> &str {
        self.entry.peer_reviewed_venue().unwrap_or_default()
    }

    fn cites(&self, paper: &ArxivEntry) -> bool {
        self.entry.arxiv_id.as_deref() == Some(paper.id.as_str()) || self.entry.title.as_deref().map(|t| bibtex::same_title(t, &paper.title)).unwrap_or(false)
    }
}

/// The peer-reviewed venues the cards and READMEs about this model cite in BibTeX.
fn cited_venues<'a>(cx: &Context<'a>) -> Vec<CitedVenue<'a>> {
    let mut out = Vec::new();
    for (url, text, digest) in cx.relevant_texts() {
        for entry in bibtex::entries(text) {
            if entry.peer_reviewed_venue().is_some() {
                out.push(CitedVenue { url: url.clone(), digest, entry });
            }
        }
    }
    out
}

/// Words of a sentence that links a publication as the work behind the model rather than
/// as a benchmark, dataset or tool it uses.
const OWN_WORK_CUES: &[&str] = &["paper", "publication", "cite", "citation", "proceedings", "technical report", "algorithm", "method"];

/// Whether a venue link is presented as the work behind this model: the sentence leading up
/// to it speaks of a paper or method, or the link's text names the model (or its base).
/// Cards and READMEs also link the benchmarks and datasets they use ("we evaluate Widget on
/// [TruthfulQA](…)"). A link whose sentence is unknown (a web page's links) counts.
fn introduces_own_work(cx: &Context, l: &crate::evidence::VenueLink) -> bool {
    let Some(sentence) = l.lead_in.as_deref() else { return true };
    let link_text = split_link_text(sentence).map(|(_, t)| t).unwrap_or_default();
    openness_sources::text::mentions_any(sentence, OWN_WORK_CUES) || cx.mentions(link_text, true) > 0
}

/// A lead-in that ends inside its Markdown link (`… our [paper](https://host/`): the words
/// before the link and the link's text.
fn split_link_text(lead_in: &str) -> Option<(&str, &str)> {
    let end = lead_in.rfind("](")?;
    lead_in[..end].rsplit_once('[')
}

/// A peer-reviewed paper: a journal reference, DOI or acceptance note in the arXiv
/// metadata, a BibTeX citation of the paper at a conference or journal in a card or README
/// about this model, or a linked ACL Anthology, OpenReview or publisher page.
pub fn paper(cx: &Context) -> Verdict {
    let cited = cited_venues(cx);
    let mut v: Option<Verdict> = None;
    let consider = |cand: Verdict, v: &mut Option<Verdict>| {
        if v.as_ref().map(|b| cand.class.score() > b.class.score()).unwrap_or(true) {
            *v = Some(cand);
        }
    };
    let papers = cx.relevant_papers();
    for &(doc, about_end) in &papers {
        let (base, tuning, data) = coverage(&doc.value);
        let class = if about_end && covers_own_parts(cx, base, tuning, data) { Class::Open } else { Class::Partial };
        let what = format!("arXiv {} \"{}\"", doc.value.id, doc.value.title);
        if let Some(signal) = reviewed(&doc.value) {
            consider(Verdict::new(class, Confidence::Medium, "peer-review signal in the arXiv metadata", format!("{what} has a peer-review signal ({signal}).")).cite(&doc.value.abs_url(), signal, doc.digest.as_ref()), &mut v);
        } else if let Some(c) = cited.iter().find(|c| c.cites(&doc.value)) {
            let notes = format!("{what} is cited as @{} in \"{}\" by {}; the arXiv metadata has no journal reference, DOI or acceptance note.", c.entry.kind, c.venue(), c.url);
            consider(Verdict::new(class, Confidence::Medium, "peer-reviewed venue in a BibTeX citation", notes).cite(&c.url, excerpt(&c.entry.raw, 400), c.digest), &mut v);
        }
    }
    // A citation of a paper not on arXiv (or not found there) that names this model.
    if v.is_none() {
        if let Some(c) = cited.iter().find(|c| c.entry.title.as_deref().map(|t| cx.mentions(t, false) > 0).unwrap_or(false)) {
            let title = c.entry.title.as_deref().unwrap_or_default();
            let notes = format!("{} cites \"{title}\" as @{} in \"{}\". Which parts of the system it covers needs a reviewer's reading.", c.url, c.entry.kind, c.venue());
            v = Some(Verdict::new(Class::Partial, Confidence::Low, "peer-reviewed venue in a BibTeX citation", notes).cite(&c.url, excerpt(&c.entry.raw, 400), c.digest));
        }
    }
    if v.is_none() {
        let sources = cx.relevant_sources();
        let publisher = |u: &str| ["aclanthology.org", "openreview.net", "doi.org/10.1145", "doi.org/10.1109", "doi.org/10.1007", "doi.org/10.18653"].iter().any(|p| u.contains(p));
        let venue = cx.ev.venue_links.iter().filter(|l| publisher(&l.url) && introduces_own_work(cx, l)).find_map(|l| sources.iter().find(|(fetched, _)| fetched == &l.from).map(|(_, page)| (l, page)));
        if let Some((l, page)) = venue {
            // The lead-in as it reads, its link markup dropped.
            let said = l
                .lead_in
                .as_deref()
                .map(|s| {
                    let readable = split_link_text(s).map(|(before, text)| format!("{before}{text}")).unwrap_or_else(|| s.to_string());
                    format!(" (\"{}\")", openness_sources::text::excerpt(readable.trim(), 160))
                })
                .unwrap_or_default();
            let notes = format!("A peer-reviewed publication is linked from {page}{said}: {}. Which parts of the system it covers needs a reviewer's reading.", l.url);
            v = Some(Verdict::new(Class::Partial, Confidence::Low, "a peer-reviewed venue is linked from the evidence", notes).cite(&l.url, format!("linked from {page}"), None));
        }
    }
    v.unwrap_or_else(|| {
        Verdict::new(Class::Closed, Confidence::Medium, "no peer-review signal", {
            let arxiv = match (papers.len(), cx.ev.papers.len()) {
                (_, 0) => "no arXiv paper is linked".to_string(),
                (0, 1) => "the linked arXiv paper is not about this model".to_string(),
                (0, linked) => format!("none of the {linked} linked arXiv papers is about this model"),
                (1, linked) => format!("the arXiv paper about this model or its base (of {linked} linked) has no journal reference, DOI or acceptance note"),
                (about, linked) => format!("none of the {about} arXiv papers about this model or its base (of {linked} linked) has a journal reference, DOI or acceptance note"),
            };
            format!("No evidence found: {arxiv}, no card or README cites one at a conference or journal, and no ACL Anthology, OpenReview or publisher link was found.")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(comment: Option<&str>) -> ArxivEntry {
        ArxivEntry { id: "1".into(), title: "T".into(), summary: "S".into(), comment: comment.map(str::to_string), ..Default::default() }
    }

    #[test]
    fn peer_review_signals() {
        assert!(reviewed(&entry(Some("Accepted at NeurIPS 2023"))).is_some());
        assert!(reviewed(&entry(Some("ACL 2024 main conference"))).is_some());
        assert!(reviewed(&entry(Some("24 pages, 5 figures"))).is_none());
        assert!(reviewed(&entry(Some("Submitted to ICLR 2025"))).is_none());
        assert!(venue_comment("Camera-ready version, 12 pages"));
        assert!(!venue_comment("Under review at COLM 2025"));
        let mut e = entry(None);
        e.journal_ref = Some("TACL 12".into());
        assert!(reviewed(&e).is_some());
        let mut e = entry(None);
        e.doi = Some("10.48550/arXiv.2401.00001".into());
        assert!(reviewed(&e).is_none(), "arXiv's own DOI is the preprint's");
        e.doi = Some("10.18653/v1/2023.acl-long.1".into());
        assert!(reviewed(&e).is_some());
    }

    #[test]
    fn a_token_count_is_pretraining() {
        let abstract_of = |summary: &str| ArxivEntry { id: "1".into(), title: "Widget Technical Report".into(), summary: summary.into(), ..Default::default() };
        assert!(coverage(&abstract_of("We train a series of 7B models for up to 1.5T tokens, then fine-tune them on instructions.")).0);
        assert!(coverage(&abstract_of("Widget saw 300B tokens.")).0);
        assert!(!coverage(&abstract_of("We fine-tune Widget on 70K conversations with 8 tokens of context.")).0);
    }
}
