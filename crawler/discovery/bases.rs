//! Base models a card names or links in its prose, and the guesses made when it names none.

use super::{parse_hf_id, Task};
use openness_sources::links::{self, Link};
use regex::Regex;
use std::sync::OnceLock;

/// The Hub model repositories `text` links, in order.
fn linked_models(text: &str) -> impl Iterator<Item = String> {
    links::references_in(text).into_iter().filter_map(|l| match l {
        Link::HfModel(id) => Some(id),
        _ => None,
    })
}

/// A base the card names in prose ("fine-tuned from BLOOM") and links elsewhere by the
/// same name ("[BLOOM](https://huggingface.co/acme-science/bloom)"): the link says where
/// it is, which may be another organisation.
pub(super) fn linked_named_base(name: &str, snippet: &str, card: &str) -> Option<Task> {
    let wanted = name.trim().replace(char::is_whitespace, "-");
    let id = linked_models(card).find(|id| id.rsplit('/').next().is_some_and(|n| n.eq_ignore_ascii_case(&wanted)))?;
    let how = format!("The end model's card names its base (\"{snippet}\") and links {id}");
    Some(Task::GuessedBase { id, how, fallback: None })
}

/// A base the end model's card names without a link (`name`, in the sentence `snippet`:
/// "trained on top of Widget 7B"), looked for in the end model's organisation, where a
/// developer's own base lives.
pub(super) fn guessed_base(named: &openness_sources::card::NamedBase, model_id: &str) -> Option<Task> {
    let (name, snippet) = (named.name.as_str(), named.sentence.as_str());
    let (org, model_name) = model_id.split_once('/')?;
    // A base the card gives another owner ("EleutherAI's Pythia 7B") is not in this organisation.
    if named.owned_by(org) == Some(false) {
        return None;
    }
    // Only a name of the model's own family ("Widget 7B" for widget-7b-chat): another
    // developer's base is not in this organisation.
    let model_name = model_name.to_lowercase();
    let family = name.to_lowercase().split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 3 && model_name.contains(w));
    if name.contains('/') || !family {
        return None;
    }
    let id = format!("{org}/{}", name.trim().replace(char::is_whitespace, "-"));
    let how = format!("The end model's card names its base without a link (\"{snippet}\"); looked up in the same organisation");
    (parse_hf_id(&id).is_some() && !id.eq_ignore_ascii_case(model_id)).then_some(Task::GuessedBase { id, how, fallback: None })
}

/// Words of a repository name that mark a tuned variant ("-chat", "-Instruct", "-it").
const TUNED_NAME_WORDS: &[&str] = &["chat", "instruct", "inst", "it", "sft", "dpo", "rlhf"];

/// The end model's repository name without its tuning words, in its organisation
/// ("acme/widget-7b-chat" → "acme/widget-7b", or else "acme/widget-7b-base"): developers
/// publish a tuned model beside the base it was tuned from. Looked up only when the card
/// neither declares nor names a base, nor links one in a sentence saying so; the notes say
/// whether the card links the repository elsewhere.
pub(super) fn sibling_base(model_id: &str, card: &str) -> Option<Task> {
    let (org, name) = model_id.split_once('/')?;
    let (dropped, kept): (Vec<&str>, Vec<&str>) = name.split('-').partition(|w| TUNED_NAME_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)));
    if dropped.is_empty() || kept.is_empty() {
        return None;
    }
    let linked: Vec<String> = linked_models(card).collect();
    let opening = |id: &str| {
        if linked.iter().any(|l| l.eq_ignore_ascii_case(id)) {
            format!("No base is declared or named, though the card links {id}")
        } else {
            "No base is declared, linked or named".to_string()
        }
    };
    let id = format!("{org}/{}", kept.join("-"));
    let how = format!("{}; {id}, the end model's repository name without \"-{}\" in the same organisation, exists", opening(&id), dropped.join("-"));
    let base_id = format!("{id}-base");
    let base_how = format!("{}; {base_id}, the end model's repository name with \"-{}\" replaced by \"-base\" in the same organisation, exists", opening(&base_id), dropped.join("-"));
    parse_hf_id(&id).is_some().then_some(Task::GuessedBase { id, how, fallback: Some((base_id, base_how)) })
}

/// The Hub ids of the bases a card's prose names: linked after tuning words ("fine-tuned
/// from [X](…)"), linked before them ("a [X](…) model fine-tuned with …"), linked right after
/// "based on" or "the base model is", or written as a plain id after the model-card
/// template's "Finetuned from model:". Tokenizers and reserved Hub paths are not bases.
pub(super) fn bases_in_prose(text: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)(?:",
            r"(?:fine-?tuned?|finetuned|instruction-tuned|trained|built|derived|distilled)\s+(?:version\s+)?(?:on top\s+)?(?:from|of|on|upon)\b",
            r"|(?:fine-?tuning|finetuning|instruction-tuning|further training)\s+(?:of\s+)?",
            r"|base[ _-]?model\s*[:|]\s*",
            r")(?:[^\n.]|\.\S|\n[^\n]){0,100}?https?://huggingface\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)"
        ))
        .unwrap()
    });
    // "X is a [Base-13B](https://huggingface.co/org/base) model fine-tuned with …": the link first.
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    let before = BEFORE.get_or_init(|| {
        Regex::new(r"(?i)\ban?\s+\[[^\]\n]{1,80}\]\(https?://huggingface\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)\)\s+(?:model\s+|checkpoint\s+)?(?:that\s+(?:was|has been)\s+|which\s+(?:was|has been)\s+)?(?:fine-?tuned|finetuned|instruction-tuned|further trained)\b|\[[^\]\n]{1,80}\]\(https?://huggingface\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)\)\s+as\s+(?:the\s+|its\s+|a\s+)?base\b").unwrap()
    });
    // "based on [Base-40B](https://huggingface.co/org/base-40b)", "The base model is [Base 7B](…)",
    // "Instruction fine-tuned [Base-111M](…)" (not "we finetuned [Widget-65k](…)", a model made):
    // the link right after the words, since "based on" also introduces architectures and methods.
    static DIRECT: OnceLock<Regex> = OnceLock::new();
    let direct = DIRECT.get_or_init(|| {
        Regex::new(r"(?im)(?:\b(?:based\s+on|base\s+model\s+(?:is|was))|^[\s>*-]*(?:fine-?tuned|finetuned|instruction-tuned)|\binstruction[- ]fine-?tuned)\s+(?:the\s+)?\[[^\]\n]{1,80}\]\(https?://huggingface\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)\)").unwrap()
    });
    // A plain Hub id right after "fine-tuned from", "fine-tuned version of" or "base model:"
    // (the model-card template's "**Finetuned from model:** org/name"). Not after "on": what a
    // model is tuned *on* is its data.
    static PLAIN: OnceLock<Regex> = OnceLock::new();
    let plain = PLAIN.get_or_init(|| {
        Regex::new(r"(?i:fine-?tuned\s+from(?:\s+model)?|fine-?tuned\s+version\s+of(?:\s+the)?|base[ _-]?model)\s*(?:\[optional\])?[\s:*`'\x22]*([A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*)").unwrap()
    });
    let has_letter = |s: &str| s.chars().any(|c| c.is_ascii_alphabetic());
    let plain_ids = plain.captures_iter(text).map(|c| c[1].trim_end_matches(['.', ')', '`', '\'', '"']).to_string()).filter(|id| {
        let (org, name) = id.split_once('/').unwrap_or(("", ""));
        has_letter(org) && has_letter(name) && !matches!(org.to_lowercase().as_str(), "http:" | "https:")
    });
    let mut out: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    // A tokenizer a model was trained with, or one based on another model's ("the [X](…)
    // tokenizer"), is no base.
    let about_tokenizer = |c: &regex::Captures| {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        // (Only the words right after: lower-casing the rest of a long card for each match
        // would be quadratic.)
        let after: String = text[whole.end..].trim_start_matches(|ch: char| ch == ')' || ch == ']' || ch.is_whitespace()).chars().take(6).collect();
        after.to_lowercase().starts_with("tokeni") || text[whole].to_lowercase().contains("tokeni")
    };
    let linked = re
        .captures_iter(text)
        .chain(before.captures_iter(text))
        .chain(direct.captures_iter(text))
        .filter(|c| !about_tokenizer(c))
        .filter_map(|c| c.get(1).or_else(|| c.get(2)).map(|m| m.as_str().trim_end_matches(['.', ')']).to_string()));
    for id in linked.chain(plain_ids) {
        let org = id.split('/').next().unwrap_or("").to_lowercase();
        if !links::HF_RESERVED.contains(&org.as_str()) && seen.insert(id.clone()) {
            out.push(id);
        }
    }
    out
}
