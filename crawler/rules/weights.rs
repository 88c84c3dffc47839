//! Weights of the end model and of its base model.

use super::Context;
use crate::evidence::{Avail, DatasetEv, Doc, HfModelEv, LicenceFile};
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::card::Card;
use openness_sources::hf::{Gate, RepoKind};
use openness_sources::license::{self, License, Openness};
use openness_sources::text;

/// End (instruction-tuned) model weights.
pub fn end_weights(cx: &Context) -> Verdict {
    match cx.ev.end_model() {
        Some(m) => {
            // Files, gate and licence are read exactly, but reviewers judging the tuned
            // model's weights also weigh how its tuning is documented and what a custom
            // licence's terms allow: not a verdict to take on trust.
            let mut v = judge_model(m, "end model");
            if let Some(original) = quantized_original(cx, m) {
                v = with_original(v, m, original);
            }
            if v.confidence == Confidence::High {
                v.confidence = Confidence::Medium;
                v.confidence_reason.push_str(" (files, gate and licence read from the Hub; whether the tuning is documented and what the licence's terms allow is the reviewer's reading)");
            }
            v
        }
        None => Verdict::new(Class::Closed, Confidence::Medium, "no Hugging Face repository was given or found", "No evidence found: no model repository for the end model (looked for a Hugging Face id in the config and links in the starting pages)."),
    }
}

/// Weights of the instruction-tuned model (faccT24 `rlweights`, the index's "RL weights"): the
/// end model's weights ([`end_weights`]), with two exceptions. An untuned pretrained model
/// (nothing declares or names a base, nothing says it was tuned, its card describes its
/// pretraining) has none. And weights (free, gated or restricted) whose card and preprints
/// describe no RLHF or preference-tuning step are a supervised-tuned model's: RL weights are
/// not shown to be released (the index's reviewers write "RL weights not separately released"
/// for such models) → closed, low confidence, the weights still cited for the reviewer.
pub fn tuned_weights(cx: &Context) -> Verdict {
    let Some(end) = cx.ev.end_model() else { return end_weights(cx) };
    let card = end.card.found();
    let no_base = cx.ev.base_models().next().is_none() && end.declared_bases().next().is_none();
    let pretrained = card.filter(|_| no_base).and_then(|c| {
        let text = &c.value.body;
        let tuned = says_tuned_from_other(text).is_some() || says_post_trained(text).is_some() || openness_sources::card::named_base(text).is_some() || says_tuned_kind(text);
        if tuned { None } else { says_pretrained(text) }
    });
    match (pretrained, card) {
        (Some(snippet), Some(card)) => Verdict::new(
            Class::Closed,
            Confidence::Low,
            "the card describes a pretrained model and no instruction tuning",
            format!("{} declares no base model, and its card describes its pretraining (\"{snippet}\") but no instruction tuning or post-training and no model it was tuned from: an untuned pretrained model has no instruction-tuned weights. If it was tuned, a reviewer should judge its weights as the tuned model's.", end.id),
        )
        .cite(&card.url, snippet, card.digest.as_ref()),
        _ => {
            let mut v = end_weights(cx);
            let rl_step = describes_preference_step(cx, end);
            // Gated or licence-restricted end weights: reviewers judge them closed, partial or
            // open (the gate's and the licence's terms weigh differently).
            if v.class == Class::Partial && rl_step {
                v.confidence = Confidence::Low;
                v.confidence_reason = "gated or restricted weights, which reviewers judge closed, partial or open".into();
            }
            // Weights of a model whose card and preprints describe no RL step: RL weights are
            // not shown to be released, whether the weights are free, gated or restricted
            // (withholding access never makes this verdict more open).
            if matches!(v.class, Class::Open | Class::Partial) && !rl_step {
                // What the end model's weights were judged by: "gated download", "adapter
                // weights only", "licence restricts use", ...
                let access = if v.class == Class::Open { "downloadable".to_string() } else { format!("partial: {}", v.confidence_reason.split(" (").next().unwrap_or_default()) };
                v.class = Class::Closed;
                v.confidence = Confidence::Low;
                v.confidence_reason = format!("end model weights {access}, but no RLHF or preference-tuning step is described");
                let sources = if card.is_some() { "neither the card nor a preprint about this model describes" } else { "the card could not be read, and no preprint about this model describes" };
                v.notes.push_str(&format!(" But {sources} an RLHF or preference-tuning step (RLHF, DPO, PPO, a reward model): these are a supervised-tuned model's weights, and weights of an RL step are not shown to be released. A reviewer who counts supervised-tuned weights as this parameter's judges them as the end model's weights ({access})."));
            }
            v
        }
    }
}

/// Whether the end model's card, or the abstract of a preprint about it, describes a
/// reinforcement-learning or preference-tuning step (RLHF, DPO, PPO, GRPO, a reward model).
fn describes_preference_step(cx: &Context, m: &HfModelEv) -> bool {
    let card = m.card.value().map(|c| c.body.as_str()).unwrap_or_default();
    names_preference_step(card) || cx.relevant_papers().into_iter().filter(|(_, about_end)| *about_end).any(|(doc, _)| names_preference_step(&format!("{} {}", doc.value.title, doc.value.summary)))
}

/// Whether a text names a reinforcement-learning or preference-tuning method.
fn names_preference_step(text: &str) -> bool {
    // Human feedback alone is data ("demonstrations collected through a human feedback web
    // app"); learning from it is a step.
    let re = regex!(r"(?i)\b(rlhf|rlaif|reinforcement learning|learning from human feedback|preference (optimi[sz]ation|tuning|learning|alignment)|dpo|ppo|grpo|kto|orpo|simpo|rlvr|reward model(s|ing)?|c-rlft)\b");
    // Part of a hyphenated name ("HH-RLHF", a dataset) is not a step of this model's tuning.
    affirmed(re, text).any(|m| !text[..m.start()].ends_with(['-', '_', '/']))
}

/// The matches of `re` in `text` that their sentence does not deny: a "not", "without", "no"
/// or "never" before them in the sentence ("has not been trained with RLHF", "have not been
/// tuned for dialogue") takes them back.
fn affirmed<'t>(re: &'t regex::Regex, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> {
    re.find_iter(text).filter(move |m| {
        !regex!(r"(?i)\b(not|without|no|never)\b").is_match(text::sentence_before(text, m.start()))
    })
}

/// The repository an end model is a quantized copy of (the Hub's `base_model_relation:
/// quantized`), when it was read or looked up.
fn quantized_original<'a>(cx: &Context<'a>, m: &HfModelEv) -> Option<&'a HfModelEv> {
    let api = m.api.value()?;
    if api.base_relation.as_deref() != Some("quantized") {
        return None;
    }
    let id = api.base_models.first()?;
    cx.ev.models.values().find(|b| b.id.eq_ignore_ascii_case(id))
}

/// The verdict on a quantized copy, `copy` judged as `v`, given the original it copies: the
/// system's weights are the original's release, and a copy (often a third party's) is never
/// more open than it.
fn with_original(v: Verdict, copy: &HfModelEv, original: &HfModelEv) -> Verdict {
    let o = judge_model(original, "original model");
    let said = format!("{} is a quantized copy of {} (base_model_relation: quantized).", copy.id, original.id);
    let (mut kept, other) = if o.class.score() < v.class.score() { (o, v) } else { (v, o) };
    kept.notes = format!("{said} {} The other repository: {}", kept.notes, other.notes);
    kept.confidence = kept.confidence.min(other.confidence);
    kept.cite_from(other)
}

/// Base model weights: the declared base (`base_model`), or the end model itself when
/// nothing says it was tuned from another model.
pub fn base_weights(cx: &Context) -> Verdict {
    // The pretrained bases first, so that of equally open bases theirs is the one cited.
    let roots = cx.ev.root_bases();
    let mut bases: Vec<&HfModelEv> = roots.iter().copied().chain(cx.ev.base_models().filter(|b| !roots.iter().any(|r| r.id == b.id))).collect();
    // The original a quantized end model copies is the end model itself, not a step
    // before it (unless it is all there is).
    if let Some(original) = cx.ev.end_model().and_then(|m| quantized_original(cx, m)) {
        if bases.len() > 1 {
            bases.retain(|b| b.id != original.id);
        }
    }
    if !bases.is_empty() {
        // Judge each base, and each tuned step between the pretrained base and the end
        // model; the verdict is the least open one (all of them are needed).
        let mut verdicts: Vec<Verdict> = bases.iter().map(|b| judge_model(b, "base model")).collect();
        verdicts.sort_by(|a, b| a.class.score().partial_cmp(&b.class.score()).unwrap_or(std::cmp::Ordering::Equal));
        let least = verdicts.remove(0);
        // A base whose repository could not be found or read, where the developer says the
        // base weights were released: the statement is evidence, the download is unverified.
        let unreadable = bases.iter().any(|b| matches!(b.api, Avail::NotFound { .. } | Avail::Failed { .. }));
        if least.class == Class::Closed && unreadable {
            if let Some(v) = stated_base_release(cx, &least.notes) {
                return v;
            }
            // Another named base (or step) was found with weights: the base weights are
            // partly shared.
            if let Some(shared) = verdicts.iter().find(|v| v.class != Class::Closed) {
                let mut v = shared.clone();
                v.class = Class::Partial;
                v.confidence = Confidence::Low;
                v.notes = format!("{} But: {}", shared.notes, least.notes);
                return v;
            }
            // A base the evidence names but the Hub does not show exists or existed under
            // that name: renamed, made private or removed, it is for a reviewer to look up.
            let mut v = least;
            v.confidence = Confidence::Low;
            v.confidence_reason = "a base model named by the evidence could not be found or read".into();
            v.notes.push_str(" A base that is declared or linked but not found may have been renamed, made private or removed: a reviewer should look it up.");
            return v;
        }
        return least;
    }
    let Some(end) = cx.ev.end_model() else {
        return Verdict::new(Class::Closed, Confidence::Medium, "no model repository found", "No evidence found: no base or end model repository.");
    };
    let Some(card_text) = end.card.value().map(|c| c.body.as_str()) else {
        return Verdict::new(
            Class::Closed,
            Confidence::Low,
            "no base model declared and no card to tell whether the end model is its own base",
            format!("No base model is declared for {} and its model card could not be read ({}), so whether base weights are available is not shown.", end.id, end.card.state()),
        );
    };
    // A card that says the model was tuned from another one, or post-trained, shows
    // that the end model is not its own base.
    let not_own_base = says_tuned_from_other(card_text)
        .map(|snippet| {
            let notes = format!("The end model's card says it was tuned from another model (\"{snippet}\"), but declares no base_model and no base model repository was found, so base weights are not shown to be available.");
            (snippet, "the card describes tuning from a base model, but no base model repository is declared", notes)
        })
        .or_else(|| {
            says_post_trained(card_text).map(|snippet| {
                let notes = format!("The end model's card describes post-training (\"{snippet}\"), so its weights are not the base model's; no base model repository is declared or linked, so base weights are not shown to be available.");
                (snippet, "the end model was post-trained, and no base model repository is declared", notes)
            })
        });
    if let Some((snippet, why, notes)) = not_own_base {
        if let Some(v) = stated_base_release(cx, &notes) {
            return v;
        }
        let card = end.card.found();
        let url = card.map(|d| d.url.clone()).unwrap_or_default();
        if let Some(v) = named_other_base(cx, &end.id, card_text, &url, card.and_then(|d| d.digest.as_ref())) {
            return v;
        }
        return Verdict::new(Class::Closed, Confidence::Low, why, notes).cite(&url, snippet, card.and_then(|d| d.digest.as_ref()));
    }
    // Nothing says it was tuned; it is its own base only if its card says how it was
    // pretrained. An empty or sparse card shows nothing either way.
    let Some(pretrained) = says_pretrained(card_text) else {
        let card = end.card.found();
        return Verdict::new(
            Class::Closed,
            Confidence::Low,
            "no base model declared, and the card neither names a base nor describes pretraining",
            format!("No base model is declared for {}, and its card ({} words) neither says it was tuned from another model nor describes how it was pretrained, so whether its weights are base weights is not shown.", end.id, card.map(|d| d.value.words).unwrap_or(0)),
        );
    };
    let mut v = judge_model(end, "end model, which is its own base (no base_model declared)");
    v.notes.push_str(&format!(" Its card describes its pretraining (\"{pretrained}\")."));
    v.confidence = v.confidence.min(Confidence::Medium);
    v
}

/// Partial when the end model's card names, by a name that is not this model's own, the
/// base it was fine-tuned from ("Finetuned from model: [LLaMA](…)", "a Llama2 70B model
/// finetuned on …") and no repository of that base was declared or found: another
/// developer's base was shared at least with whoever tuned it, but whether freely, behind
/// a gate or under restrictive terms is not shown.
fn named_other_base(cx: &Context, end_id: &str, card_text: &str, card_url: &str, digest: Option<&openness_snapshots::Digest>) -> Option<Verdict> {
    let named = openness_sources::card::named_base(card_text)?;
    if super::context::name_tokens(&named.name).is_empty() || super::context::names_own_base(&named, end_id, &cx.end_tokens) {
        // The developer's own base may be unreleased.
        return None;
    }
    let (name, snippet) = (named.owner.map(|o| format!("{o}'s {}", named.name)).unwrap_or(named.name), named.sentence);
    let notes = format!(
        "The end model's card names {name} as the model it was fine-tuned from (\"{snippet}\"); no base_model is declared and no repository of {name} was found. A base this model was tuned from by another developer was shared at least with that developer, so its weights exist outside their maker; whether they are freely downloadable, gated or licence-restricted is not shown: partial until a reviewer checks the terms of {name}."
    );
    Some(Verdict::new(Class::Partial, Confidence::Low, "the card names another developer's base model, whose repository was not found", notes).cite(card_url, &snippet, digest))
}

/// Partial when the end model's card, or a page the card or the config links, says the
/// developer released the base weights; `found` says what the repositories showed.
fn stated_base_release(cx: &Context, found: &str) -> Option<Verdict> {
    let end_card = cx.end_card();
    let end_card_url = end_card.map(|c| c.url.as_str());
    let card = end_card.map(|c| (c.url.as_str(), c.value.body.as_str(), c.digest.as_ref()));
    let pages = cx.ev.pages.values().filter(|p| p.linked_from == "config" || Some(p.linked_from.as_str()) == end_card_url).filter_map(|p| p.page.found().map(|d| (p.url.as_str(), d.value.text.as_str(), d.digest.as_ref())));
    let (url, snippet, digest) = card.into_iter().chain(pages).find_map(|(url, text, digest)| says_base_released(text).map(|s| (url, s, digest)))?;
    let notes = format!(
        "{found} But {url} says the base weights were released (\"{snippet}\"); the download itself was not verified, so partial until a reviewer checks it."
    );
    Some(Verdict::new(Class::Partial, Confidence::Low, "the developer states the base weights were released; no repository confirmed it", notes).cite(url, &snippet, digest))
}

/// A sentence in which the developer says it released the base (pretrained) weights: "We
/// have released pre-trained base and instruction-tuned checkpoints", "The base model
/// weights are available". A release of a model *built on* a base does not count.
pub(super) fn says_base_released(text: &str) -> Option<String> {
    let we_release = regex!(r"(?i)\bwe\s+(?:have\s+|are\s+|also\s+)*(?:releas\w*|open[- ]?sourc\w*|publish\w*|ma[dk]\w*\s+(?:publicly\s+)?available)\s+((?:[\w-]+\s+){0,4}?)(?:pre-?trained\s+base|base\s+(?:models?|checkpoints?|weights)|pre-?trained\s+(?:models?|checkpoints?|weights))\b");
    let base_is_released = regex!(r"(?i)\b(?:pre-?trained\s+base|base)\s+(?:model\s+(?:weights|checkpoints?)|models?|checkpoints?|weights)\s+(?:is|are|were|was|have\s+been|has\s+been)\s+(?:now\s+|also\s+|publicly\s+|openly\s+)*(?:released|available|open[- ]?sourced)\b");
    if let Some(c) = we_release.captures(text) {
        // "We release the model built on the pretrained base …" is not a base release.
        let between = c.get(1).map(|m| m.as_str().to_lowercase()).unwrap_or_default();
        if !["built", "based", "on", "from", "top", "tuned"].iter().any(|w| between.split_whitespace().any(|x| x == *w)) {
            let m = c.get(0).expect("whole match");
            return Some(text::around(text, m.start(), m.len()));
        }
    }
    base_is_released.find(text).map(|m| text::around(text, m.start(), m.len()))
}

fn judge_model(m: &HfModelEv, what: &str) -> Verdict {
    let page = RepoKind::Model.page_url(&m.id);
    match &m.api {
        Avail::Found(doc) => {
            let api = &doc.value;
            let weights = api.weight_files();
            let digest = doc.digest.as_ref();
            if api.private || api.disabled {
                let flag = if api.private { "\"private\": true" } else { "\"disabled\": true" };
                return Verdict::new(Class::Closed, Confidence::High, "repository is private or disabled", format!("The {what} repository {} is private or disabled.", m.id)).cite(&doc.url, flag, digest);
            }
            if weights.is_empty() {
                return Verdict::new(
                    Class::Closed,
                    Confidence::Medium,
                    "the repository file list holds no weight files",
                    format!("The {what} repository {} lists no weight files (safetensors, bin, gguf, pt) in its files: {}.", m.id, short_list(&api.files)),
                )
                .cite(&doc.url, format!("siblings: {}", short_list(&api.files)), digest);
            }
            let files = format!("{}, e.g. {}", text::counted(weights.len(), "weight file"), weights[0]);
            let lic = model_license(m);
            let delta = is_delta(m);
            let mut notes = match &m.how_found {
                Some(how) => format!("{how}: the {what} repository {} holds {files}", m.id),
                None => format!("The {what} repository {} holds {files}", m.id),
            };
            let (class, why) = match api.gate {
                Gate::Auto | Gate::Manual => {
                    notes.push_str(&format!(", behind an access gate (gated: {}): downloads need accepting terms or approval", if api.gate == Gate::Auto { "auto" } else { "manual" }));
                    (Class::Partial, "gated download")
                }
                Gate::Open => (Class::Open, "weights downloadable without a gate"),
            };
            let (class, why) = if delta {
                notes.push_str("; the card says these are delta weights that only work when applied to another model's weights");
                (class.min(Class::Partial), "delta weights only")
            } else if weights.iter().all(|f| is_adapter_file(f)) {
                notes.push_str("; these are adapter weights (LoRA/PEFT) that only work on top of the base model's weights");
                (class.min(Class::Partial), "adapter weights only")
            } else {
                (class, why)
            };
            let (class, why) = match &lic {
                Some(l) if l.openness == Openness::Restricted => {
                    notes.push_str(&format!("; licence {} restricts use ({})", l.display(), l.reason));
                    (class.min(Class::Partial), "licence restricts use")
                }
                Some(l) if !l.openness.open_for_content() => {
                    notes.push_str(&format!("; licence {} is not an open licence ({})", l.display(), l.reason));
                    (class.min(Class::Partial), "licence is not open")
                }
                None => {
                    notes.push_str("; no licence is declared, so the right to use them is not granted");
                    (class.min(Class::Partial), "no licence declared")
                }
                _ => (class, why),
            };
            notes.push('.');
            // A base found by name, not by a declaration or link, may not be the one.
            let confidence = if m.how_found.is_some() { Confidence::Medium } else { Confidence::High };
            Verdict::new(class, confidence, why, notes).cite(&format!("{page}/tree/main"), files, digest)
        }
        Avail::Restricted { url, status } => Verdict::new(
            Class::Partial,
            Confidence::Medium,
            "the repository exists but access is restricted",
            format!("The {what} repository {} answered HTTP {status}: it exists, but its files are behind an access gate.", m.id),
        )
        .cite(url, format!("HTTP {status}"), None),
        Avail::NotFound { url, status } => Verdict::new(
            Class::Closed,
            Confidence::Medium,
            "repository not found",
            format!("The {what} repository {} was not found (HTTP {status} at {url}{}).", m.id, if *status == 401 { ": the Hub answers 401 for a missing or private repository" } else { "" }),
        ),
        Avail::Failed { url, error } => Verdict::new(
            Class::Closed,
            Confidence::Low,
            "the repository could not be fetched: availability unknown",
            format!("The {what} repository {} could not be checked ({error}, {url}); closed until the evidence can be read.", m.id),
        ),
        Avail::NotChecked => Verdict::new(Class::Closed, Confidence::Low, "not checked", format!("The {what} repository {} was not checked.", m.id)),
    }
}

/// A Hub repository's licence (model or dataset) and the document it was read from.
pub struct StatedLicence {
    /// The licence.
    pub license: license::License,
    /// Where it was read: the repository page, or its licence file.
    pub url: String,
    /// Snapshot digest of that document.
    pub digest: Option<openness_snapshots::Digest>,
}

/// The licence a model repository declares: its licence tag (`license_name` for
/// `other`; its licence file when the tag names no known licence), or a "License:" line
/// of its card. When the card states a more restrictive licence than the tag, the card's
/// is taken.
pub fn model_license(m: &HfModelEv) -> Option<license::License> {
    stated_model_license(m).map(|s| s.license)
}

/// [`model_license`] with the document it was read from.
pub fn stated_model_license(m: &HfModelEv) -> Option<StatedLicence> {
    stated_hub_license(RepoKind::Model.page_url(&m.id), m.tag_license(), m.api.found().and_then(|d| d.digest.as_ref()), m.card.found(), m.license_file.found())
}

/// The licence a dataset repository declares, read as a model repository's is (see
/// [`model_license`]), with the document it was read from.
pub fn stated_dataset_license(d: &DatasetEv) -> Option<StatedLicence> {
    stated_hub_license(RepoKind::Dataset.page_url(&d.id), d.tag_license(), d.api.found().and_then(|doc| doc.digest.as_ref()), d.card.found(), d.license_file.found())
}

/// The licence a Hub repository at `page` declares: its tag's licence `tag` (digest of the
/// API answer `tag_digest`), its licence file `file` when the tag names no known licence, and
/// a more restrictive "License:" line of its `card`.
fn stated_hub_license(page: String, tag: Option<license::License>, tag_digest: Option<&openness_snapshots::Digest>, card: Option<&Doc<Card>>, file: Option<&Doc<LicenceFile>>) -> Option<StatedLicence> {
    let stated = |license, digest: Option<&openness_snapshots::Digest>| StatedLicence { license, url: page.clone(), digest: digest.cloned() };
    let card_stated = card.and_then(|c| card_license(&c.value.body).map(|l| stated(l, c.digest.as_ref())));
    let from_tag = tag.map(|l| stated(l, tag_digest));
    let from_file = file.map(|d| {
        let mut l = license::detect_text(&d.value.text);
        if l.openness == Openness::Unclear {
            l.label = format!("the licence in {} ({})", d.value.path, l.label);
        }
        l.reason = format!("{}; from the repository's {}", l.reason, d.value.path);
        StatedLicence { license: l, url: format!("{page}/blob/main/{}", d.value.path), digest: d.digest.clone() }
    });
    let from_tag = match (from_tag, from_file) {
        (Some(t), Some(f)) if t.license.openness == Openness::Unclear && f.license.openness != Openness::Unclear => Some(f),
        (None, f) => f,
        (t, _) => t,
    };
    match (from_tag, card_stated) {
        (Some(t), Some(c)) if c.license.openness == Openness::Restricted && t.license.openness != Openness::Restricted => Some(c),
        (Some(t), _) => Some(t),
        (None, c) => c,
    }
}

/// A licence stated on a "License:" line of a card ("**License**: ... CC BY-NC-4.0 ...").
pub fn card_license(body: &str) -> Option<license::License> {
    let re = regex!(r"(?im)^[\s*\-#>|]*(?:\*\*|__)?licen[cs]e[sd]?(?:\*\*|__)?\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.+)$");
    let prose = openness_sources::card::strip_code_blocks(body);
    let line = re.captures(&prose)?.get(1)?.as_str().trim().to_string();
    let whole = license::classify(&line);
    // Markdown link texts on that line: "[Apache-2.0](LICENSE)", "([CC BY-NC-4.0](…))".
    let linked = regex!(r"\[([^\]]{2,60})\]").captures_iter(&line).map(|c| license::classify(&c[1])).find(|l| l.openness != Openness::Unclear);
    if whole.openness == Openness::Unclear {
        // A licence the line names but no list knows ("[Acme ImpACT](…) Low-risk license") is
        // still declared: unclear, not missing. A line naming none ("see below") says nothing.
        return linked.or_else(|| {
            let name = licence_name_in(&readable_line(&line))?;
            Some(License { label: name, spdx: None, openness: Openness::Unclear, reason: "named on the card's licence line; not a licence the SPDX list or the Hub's tags know".into() })
        });
    }
    // A licence id the line links names the licence best, unless the line says more.
    if let Some(l) = linked.filter(|l| whole.spdx.is_none() && l.spdx.is_some() && l.openness == whole.openness) {
        return Some(l);
    }
    // The label a reviewer reads: the licence's own name when the line gives one.
    let readable = readable_line(&line);
    let label = whole.spdx.is_none().then(|| licence_name_in(&readable)).flatten().unwrap_or_else(|| openness_sources::text::excerpt(&readable, 120));
    Some(License { label, ..whole })
}

/// A card line without Markdown: link texts kept, URLs, emphasis and code marks dropped.
fn readable_line(line: &str) -> String {
    let linked = regex!(r"\[([^\]]*)\]\([^)]*\)").replace_all(line, "$1");
    let bare = regex!(r"https?://\S+").replace_all(&linked, "");
    bare.replace("__", "").replace(['*', '`'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name of a licence a line gives ("the Llama 3.1 Community License is available at …"
/// → "Llama 3.1 Community License"): capitalised words ending in "License", "Licence" or
/// "License Agreement".
fn licence_name_in(line: &str) -> Option<String> {
    let re = regex!(r"\b((?:[A-Z0-9][\w.\-]*\s+){1,8}(?:[Ll]icen[cs]e|LICEN[CS]E)(?:\s+(?:[Aa]greement|AGREEMENT))?)\b");
    re.captures(line).map(|c| c[1].to_string())
}

/// A PEFT adapter's weight file (`adapter_model.safetensors`, `lora/adapter_model.bin`).
fn is_adapter_file(path: &str) -> bool {
    path.rsplit('/').next().unwrap_or(path).to_lowercase().starts_with("adapter_model")
}

fn is_delta(m: &HfModelEv) -> bool {
    let text = m.card.value().map(|c| c.body.to_lowercase()).unwrap_or_default();
    ["delta weights", "apply the delta", "apply delta", "apply_delta", "weights diff", "weight diff"].iter().any(|w| text.contains(w))
}

/// A sentence of the card that says the model was tuned from another one.
pub(super) fn says_tuned_from_other(text: &str) -> Option<String> {
    // "Llama 2 70b fine tune using …" and "a fine-tune of X" say it too ("to fine-tune with
    // LoRA" is a how-to).
    let re = regex!(r"(?i)\b(fine-?tuned|instruction-tuned|finetuned|trained on top of|further trained)\b[^.\n]{0,40}\b(from|on|of|upon)\b|\b(a|\d+(\.\d+)?[bm])\s+fine[- ]?tune\s+(using|with|on|of)\b|\btrained\s+from\s+(the\s+)?(\*\*|__)?[A-Za-z][\w.\-]*\d|\bweights?\s+(diff|delta)s?\s+(against|to|from|relative\s+to)\b");
    let m = affirmed(re, text).next()?;
    Some(text::around(text, m.start(), m.len()))
}

/// A sentence saying how the model was pretrained ("pretrained from scratch on 2T tokens").
fn says_pretrained(text: &str) -> Option<String> {
    // About this model's training, not a phrase such as "large pre-trained language models".
    let re = regex!(r"(?i)\b(pre-?trained\s+(on|from|with|for)|pre-?training\s+(on|data|corpus|of|with|dataset)|from scratch|\d+(\.\d+)?\s?[tb]\s+tokens|(trillion|billion) tokens|training corpus)\b");
    let m = re.find(text)?;
    Some(text::around(text, m.start(), m.len()))
}

/// Whether a card calls the model a chat or instruction-following model ("A chat model for
/// …"), which only tuning makes, unless the sentence denies it.
fn says_tuned_kind(text: &str) -> bool {
    let re = regex!(r"(?i)\b(chat|instruct|instruction[- ]following|conversational|dialogue)\s+(model|assistant|version|llm)s?\b|\bchatbot\b");
    affirmed(re, text).next().is_some()
}

/// A sentence saying the model itself was fine-tuned / post-trained.
pub(super) fn says_post_trained(text: &str) -> Option<String> {
    let re = regex!(r"(?i)\b(supervised fine-?tuning|instruction[- ]tun(ed|ing)|post-train(ed|ing)|rlhf|reinforcement learning from human feedback|direct preference optimi[sz]ation|fine-?tuned|(a|\d+(\.\d+)?[bm])\s+fine[- ]?tune\s+(using|with|on|of))\b");
    let m = affirmed(re, text).next()?;
    Some(text::around(text, m.start(), m.len()))
}

fn short_list(files: &[String]) -> String {
    if files.is_empty() {
        return "none".into();
    }
    let mut s = files.iter().take(6).cloned().collect::<Vec<_>>().join(", ");
    if files.len() > 6 {
        s.push_str(&format!(" and {} more", files.len() - 6));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_lines_of_cards() {
        let l = card_license("* **License**: Fine-tuned checkpoints are licensed under the Non-Commercial Creative Commons license ([CC BY-NC-4.0](https://x))").unwrap();
        assert_eq!((l.openness, l.spdx.as_deref()), (Openness::Restricted, Some("CC-BY-NC-4.0")));
        let l = card_license("- **License:** [Apache-2.0](LICENSE)").unwrap();
        assert_eq!(l.spdx.as_deref(), Some("Apache-2.0"));
        assert!(card_license("We license nothing here.").is_none());
        // A custom licence is labelled by its name, without the Markdown around it.
        let l = card_license("**License:** A custom commercial license, the Widget 3.1 Community License, is available at: [https://example.org/LICENSE](https://example.org/LICENSE)").unwrap();
        assert_eq!((l.label.as_str(), l.openness), ("Widget 3.1 Community License", Openness::Restricted));
        let l = card_license("* **License**: Fine-tuned checkpoints (`Widget 2`) are licensed under the [WIDGET NON-COMMERCIAL COMMUNITY LICENSE AGREEMENT](https://x/LICENSE.txt)").unwrap();
        assert_eq!(l.label, "WIDGET NON-COMMERCIAL COMMUNITY LICENSE AGREEMENT");
        let l = card_license("- **License:** Non-commercial license").unwrap();
        assert_eq!(l.label, "Non-commercial license");
        // A licence of the developer's own that no list knows is declared, though unclear.
        let l = card_license("- **License:** [Acme ImpACT](https://acme.example/impact-license) Low-risk license.").unwrap();
        assert_eq!((l.label.as_str(), l.openness), ("Acme ImpACT Low-risk license", Openness::Unclear));
        assert!(card_license("**License:** see the file in this repository").is_none());
    }

    #[test]
    fn base_release_statements() {
        assert!(says_base_released("We have released pre-trained base and instruction-tuned checkpoints under the Apache 2.0 license.").is_some());
        assert!(says_base_released("The base model weights are now available on the Hub.").is_some());
        assert!(says_base_released("We are releasing the pretrained models and the chat models.").is_some());
        // Other models' bases, or a release built on a base, are not a base release.
        assert!(says_base_released("We release the chat model built on the pretrained base model of Gizmo.").is_none());
        assert!(says_base_released("Our base model performance compared to two recent open-source pre-trained models.").is_none());
        assert!(says_base_released("We release the instruction-tuned checkpoint only.").is_none());
    }

    #[test]
    fn preference_tuning_wording() {
        assert!(names_preference_step("Widget-Chat was aligned with Direct Preference Optimization (DPO) on UltraFeedback."));
        assert!(names_preference_step("We then apply RLHF with a reward model trained on comparisons."));
        assert!(names_preference_step("tuned with PPO"));
        assert!(!names_preference_step("Fine-tuned on human demonstrations collected through the human feedback web app."), "human feedback is data");
        assert!(names_preference_step("Widget is trained by learning from human feedback."));
        assert!(names_preference_step("The reasoning stage uses GRPO on math problems.") && names_preference_step("followed by RLVR on verifiable tasks"));
        assert!(!names_preference_step("Widget-Instruct was fine-tuned on 15k instruction-following records."));
        assert!(!names_preference_step("We drop out 10% of the tokens (a deeper dropout)."), "words containing a method's letters are not the method");
        assert!(!names_preference_step("Tuned on dolly-15k and a filtered subset of Anthropic HH-RLHF."), "a dataset's name is not a tuning step");
        assert!(!names_preference_step("Widget is not optimized for chat and has not been trained with RLHF or DPO."), "a denied step is no step");
        assert!(names_preference_step("Widget was not trained on web data. It was then tuned with DPO."));
        assert!(!names_preference_step("Widget has not been aligned, unlike Widget v1.5, with RLHF."), "a version number does not end the denying sentence");
        assert!(names_preference_step("Widget was not trained on web data.\nIt was then tuned with DPO."), "a line break ends it");
    }

    #[test]
    fn pretraining_wording() {
        assert!(says_pretrained("Widget is a decoder-only model trained on 1.5T tokens of web text.").is_some(), "a token count is pretraining");
        assert!(says_pretrained("We pre-trained Widget from scratch.").is_some());
        assert!(says_pretrained("Trained on a mix of public web text and chats.").is_none(), "which training is not said");
        assert!(says_pretrained("Widget answers questions in English.").is_none());
        assert!(says_pretrained("---\nlicense: mit\n---\n").is_none());
        assert!(says_pretrained("## Widget: Empowering Large Pre-Trained Language Models to Chat").is_none(), "a phrase about other models");
    }

    #[test]
    fn post_training_wording() {
        assert!(says_post_trained("The model underwent supervised fine-tuning and direct preference optimization.").is_some());
        assert!(says_post_trained("A base language model trained on 1T tokens.").is_none());
        // The noun: "a fine-tune of", "Gizmo 2 70b fine tune using"; not a how-to.
        assert!(says_post_trained("Gizmo 2 70b fine tune using our chats.").is_some());
        assert!(says_tuned_from_other("This is a fine-tune of Gizmo 2 on chats.").is_some());
        assert!(says_post_trained("A base language model. To fine-tune with LoRA, run train.py.").is_none());
        assert!(says_post_trained("Widget models have not been tuned for dialogue like models that have received instruction tuning.").is_none(), "denied");
        assert!(says_tuned_kind("A chat model for testing.") && !says_tuned_kind("Widget models have not been tuned for dialogue applications like chatbots."));
        assert!(says_tuned_from_other("You can fine tune on your own data.").is_none());
        assert!(says_tuned_from_other("This is the full weight of Widget V1.2, this model is trained from **Gizmo-2 13b**.").is_some());
        assert!(says_tuned_from_other("Widget was trained from scratch.").is_none());
        assert!(says_tuned_from_other("This repo contains the weights diff against the base Gizmo for the Widget model.").is_some());
    }
}
