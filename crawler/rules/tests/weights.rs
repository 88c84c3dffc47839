//! Tests of the weights rules: end model weights and base model weights.

use super::*;

// ---------------------------------------------------------------- end weights

#[test]
fn end_weights_open_safetensors_ungated_apache() {
    let card = format!("{PLAIN_BODY}\n## Training\n\nAfter supervised fine-tuning, Widget-7B-Chat was aligned with direct preference optimization (DPO).\n");
    let w = apache_end_with_card(&card);
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Medium, "reviewers also weigh the tuning's documentation: {}", v.confidence_reason);
    assert!(v.confidence_reason.contains("the reviewer's reading"), "{}", v.confidence_reason);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{END}/tree/main")]);
    assert!(v.notes.contains("2 weight files"), "{}", v.notes);
    assert!(v.evidence[0].digest.is_some(), "the API snapshot digest is cited");
}

#[test]
fn tuned_weights_without_a_described_preference_step_are_closed_with_low_confidence() {
    // Downloadable weights of a supervised-tuned model: RL weights are not shown.
    let v = open_end().judge(Criterion::TunedWeights);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Low), "{}", v.confidence_reason);
    assert!(v.notes.contains("neither the card nor a preprint about this model describes an RLHF or preference-tuning step"), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{END}/tree/main")], "the weights are still cited for the reviewer");
    // The end model's own weights are open all the same (osai's weights_endmodel).
    assert_eq!(open_end().judge(Criterion::EndWeights).class, Class::Open);
    // A preprint about the model that reports the step counts as well as the card.
    let paper = arxiv("2401.00001", "Widget-7B-Chat: Open Chat Models", "We align Widget-7B-Chat with reinforcement learning from human feedback.", None, &model_api_url(END));
    let v = open_end().paper(paper).judge(Criterion::TunedWeights);
    assert_eq!((v.class, v.confidence), (Class::Open, Confidence::Medium), "{}", v.confidence_reason);
    // Without a card to read, the notes say so.
    let w = World::end().model(END, ModelRole::End, model_api(&fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(END)));
    let v = w.judge(Criterion::TunedWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("the card could not be read, and no preprint about this model describes"), "{}", v.notes);
    // Gated or licence-restricted weights of a supervised-tuned model are closed too: a gate
    // never makes the verdict more open than free weights would.
    let w = end_model(Some("apache-2.0"), Gated::Auto, SHARDS, json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    let v = w.judge(Criterion::TunedWeights);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Low), "{}", v.notes);
    assert!(v.notes.contains("gated: auto") && v.notes.contains("judges them as the end model's weights (partial: gated download)"), "{}", v.notes);
    assert_eq!(v.confidence_reason, "end model weights partial: gated download, but no RLHF or preference-tuning step is described");
    let v = licensed_end_with_card("cc-by-nc-4.0", PLAIN_BODY).judge(Criterion::TunedWeights);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Low), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{END}/tree/main")], "the weights are still cited for the reviewer");
    // With an RL step described, gated weights are partial: a reviewer sees the gate first.
    let dpo = format!("{PLAIN_BODY}\nWidget-7B-Chat was then aligned with DPO on preference pairs.\n");
    let w = end_model(Some("apache-2.0"), Gated::Auto, SHARDS, json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), &dpo));
    let v = w.judge(Criterion::TunedWeights);
    assert_eq!((v.class, v.confidence), (Class::Partial, Confidence::Low), "reviewers split on gated weights: {}", v.notes);
    assert!(v.confidence_reason.contains("closed, partial or open") && !v.notes.contains("No RLHF"), "{} / {}", v.confidence_reason, v.notes);
}

#[test]
fn end_weights_gated_auto_and_manual_are_partial() {
    for (gate, word) in [(Gated::Auto, "auto"), (Gated::Manual, "manual")] {
        let w = end_model(Some("apache-2.0"), gate, SHARDS, json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
        let v = w.judge(Criterion::EndWeights);
        assert_eq!(v.class, Class::Partial, "{word}: {}", v.notes);
        assert!(v.notes.contains(&format!("gated: {word}")), "{}", v.notes);
        assert!(v.confidence_reason.starts_with("gated download"), "{}", v.confidence_reason);
    }
}

#[test]
fn end_weights_non_commercial_licence_is_partial() {
    let w = licensed_end_with_card("cc-by-nc-4.0", PLAIN_BODY);
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("CC-BY-NC-4.0") && v.notes.contains("restricts use"), "{}", v.notes);
}

#[test]
fn end_weights_without_licence_are_partial() {
    // No licence tag, no cardData licence, no "License:" line in the card.
    let w = end_model(None, Gated::No, SHARDS, Value::Null, &fx::model_card("language:\n- en\n", PLAIN_BODY));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("no licence is declared"), "{}", v.notes);
    assert!(super::end_license_label(w.ev.end_model().unwrap()).is_none());
}

#[test]
fn end_weights_without_weight_files_are_closed() {
    let files = [".gitattributes", "README.md", "config.json", "tokenizer.json", "model.safetensors.index.json", "training_args.bin"];
    let w = end_model(Some("apache-2.0"), Gated::No, &files, json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("lists no weight files"), "{}", v.notes);
    assert!(v.notes.contains("config.json"), "the notes list what the repository holds: {}", v.notes);
}

#[test]
fn end_weights_api_404_is_closed_not_found() {
    let w = World::end().model(END, ModelRole::End, not_found(model_api_url(END)), not_found(model_card_url(END)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("not found"), "{}", v.notes);
    assert!(v.notes.contains("HTTP 404"), "{}", v.notes);
}

#[test]
fn end_weights_failed_fetch_is_unknown_closed_low() {
    // The card was read and says apache-2.0, but the API answer is unknown:
    // a failed fetch is never evidence of availability.
    let w = World::end().model(END, ModelRole::End, failed(model_api_url(END), "HTTP 503"), model_card(END, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("could not be checked") && v.notes.contains("HTTP 503"), "{}", v.notes);
}

#[test]
fn end_weights_restricted_api_is_partial_with_the_url() {
    let w = World::end().model(END, ModelRole::End, restricted(model_api_url(END)), restricted(model_card_url(END)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial);
    assert_eq!(v.links, vec![model_api_url(END)]);
}

#[test]
fn end_weights_delta_weights_are_partial() {
    let body = "# Widget-7B-Chat (delta)\n\nThese are delta weights. They cannot be used on their own: apply the delta to the original Gizmo-7B weights with `python apply_delta.py --base gizmo-7b --target widget-7b-chat --delta acme/widget-7b-chat`.\n";
    let w = end_model(Some("apache-2.0"), Gated::No, &["README.md", "config.json", "pytorch_model-00001-of-00002.bin", "pytorch_model-00002-of-00002.bin", "pytorch_model.bin.index.json"], json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), body));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.confidence_reason.starts_with("delta weights only"), "{}", v.confidence_reason);
    assert!(v.notes.contains("delta weights"), "{}", v.notes);
}

#[test]
fn end_weights_of_a_quantized_copy_are_never_more_open_than_the_original() {
    // A third party's public GGUF copy of a gated chat model: the developer's release is the
    // original's, behind its gate.
    let (copy, original) = ("quants/widget-7b-chat-GGUF", END);
    let world = |original_gate: Gated| {
        let w = World::new(copy, "Widget 7B Chat GGUF");
        let copy_api = fx::hf_model(copy, Some("apache-2.0"), Gated::No, &["README.md", "widget-7b-chat.Q4_K_M.gguf"], &[&format!("base_model:quantized:{original}"), "gguf"], json!({"license": "apache-2.0", "base_model": original}));
        w.model(copy, ModelRole::End, model_api(&copy_api), model_card(copy, &fx::model_card(&format!("base_model: {original}\nlicense: apache-2.0"), "# Widget 7B Chat GGUF\n\nQuantized files.\n")))
            .model(original, ModelRole::Base, model_api(&fx::hf_model(original, Some("apache-2.0"), original_gate, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(original, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)))
    };
    let v = world(Gated::Manual).judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.starts_with(&format!("{copy} is a quantized copy of {original}")) && v.notes.contains("gated: manual") && v.notes.contains("Q4_K_M.gguf"), "both repositories are described: {}", v.notes);
    assert_eq!(v.links.first(), Some(&format!("https://huggingface.co/{original}/tree/main")), "the original is cited first: {:?}", v.links);
    // An open original: the copy's own verdict stands, and the notes still say what it is.
    let v = world(Gated::No).judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("quantized copy"), "{}", v.notes);
    // The base weights are the original's base, not the gated original itself.
    let base = fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}));
    let w = world(Gated::Manual).model(BASE, ModelRole::Base, model_api(&base), not_found(model_card_url(BASE)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains(BASE) && !v.notes.contains("gated"), "{}", v.notes);
}

#[test]
fn end_weights_that_are_only_a_peft_adapter_are_partial() {
    let w = end_model(Some("apache-2.0"), Gated::No, &["adapter_config.json", "adapter_model.safetensors"], json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("adapter weights (LoRA/PEFT)"), "{}", v.notes);
    // Full weights beside an adapter are full weights.
    let w = end_model(Some("apache-2.0"), Gated::No, &["adapter_model.safetensors", "model.safetensors"], json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    assert_eq!(w.judge(Criterion::EndWeights).class, Class::Open);
}

#[test]
fn a_licence_file_names_the_licence_a_tag_does_not() {
    let files = ["LICENSE", "model.safetensors"];
    let card = fx::model_card("license: other", PLAIN_BODY);
    // No recognisable tag, an MIT text in LICENSE: open weights, the file cited.
    let w = end_model(Some("other"), Gated::No, &files, json!({"license": "other"}), &card).licence_file(END, "LICENSE", fx::MIT_LICENSE_TEXT);
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    let l = w.judge(Criterion::License);
    assert_eq!(l.class, Class::Open, "{}", l.notes);
    assert!(l.notes.contains("MIT"), "{}", l.notes);
    assert!(l.links.contains(&format!("https://huggingface.co/{END}/blob/main/LICENSE")), "{:?}", l.links);
    // A bespoke community licence text: restricted, and the notes say where it was read.
    let bespoke = "WIDGET MODEL COMMUNITY LICENSE AGREEMENT\nVersion 1.0\nYou may not use the Widget Materials to improve any other large language model.";
    let w = end_model(None, Gated::No, &files, json!({}), &fx::model_card("", PLAIN_BODY)).licence_file(END, "LICENSE", bespoke);
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("from the repository's LICENSE"), "{}", v.notes);
    // A tag that names a known licence is not overridden by the file.
    let w = end_model(Some("apache-2.0"), Gated::No, &files, json!({"license": "apache-2.0"}), &fx::model_card("license: apache-2.0", PLAIN_BODY)).licence_file(END, "LICENSE", bespoke);
    assert_eq!(w.judge(Criterion::EndWeights).class, Class::Open);
}

#[test]
fn end_weights_private_or_disabled_repository_is_closed() {
    let mut api = fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}));
    api["private"] = json!(true);
    let w = World::end().model(END, ModelRole::End, model_api(&api), not_found(model_card_url(END)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("private"), "{}", v.notes);
    assert_eq!(v.evidence[0].snippet, "\"private\": true");

    // A disabled (public) repository is cited by the field that shows it.
    let mut api = fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}));
    api["disabled"] = json!(true);
    let w = World::end().model(END, ModelRole::End, model_api(&api), not_found(model_card_url(END)));
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert_eq!(v.evidence[0].snippet, "\"disabled\": true");
}

#[test]
fn end_weights_without_any_model_repository_are_closed() {
    let mut w = World::end();
    w.ev.end_model_id = None;
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
}

// ---------------------------------------------------------------- base weights

#[test]
fn base_weights_gated_base_under_open_end_model_is_partial() {
    let w = end_with_base().model(BASE, ModelRole::Base, restricted(model_api_url(BASE)), restricted(model_card_url(BASE)));
    // The declared base is what parse read from the end model's answer.
    assert_eq!(w.ev.end_model().unwrap().api.value().unwrap().base_models, vec![BASE]);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(BASE) && v.notes.contains("HTTP 403"), "{}", v.notes);
    assert_eq!(v.links, vec![model_api_url(BASE)]);
    // The end model's own weights stay open.
    assert_eq!(w.judge(Criterion::EndWeights).class, Class::Open);
}

#[test]
fn base_weights_missing_base_with_a_stated_release_is_partial() {
    // The declared base answers 404; the developer's release post says base weights were released.
    let w = end_with_base().model(BASE, ModelRole::Base, not_found(model_api_url(BASE)), not_found(model_card_url(BASE)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Low), "a declared base that is not found is for a reviewer to look up: {}", v.notes);
    assert!(v.notes.contains("renamed, made private or removed"), "{}", v.notes);
    let url = "https://acme.example/news/widget";
    let mut stated = w.clone();
    stated.ev.pages.insert(url.into(), vendor_page(url, "<html><body><p>Today we release Widget. We have released pre-trained base and chat checkpoints under the Apache 2.0 license.</p></body></html>"));
    let v = stated.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec![url.to_string()]);
    assert!(v.notes.contains("HTTP 404") && v.notes.contains("not verified"), "{}", v.notes);
    // A page that only compares the base with other pretrained models states no release.
    let mut other = w.clone();
    other.ev.pages.insert(url.into(), vendor_page(url, "<html><body><p>Our base model beats two open-source pre-trained models.</p></body></html>"));
    assert_eq!(other.judge(Criterion::BaseWeights).class, Class::Closed);
}

#[test]
fn base_weights_declared_open_base_is_open() {
    let base_card = fx::model_card("license: apache-2.0\n", "# Gizmo-7B\n\nGizmo-7B is a 7B decoder-only model pretrained on 2T tokens.\n");
    let w = end_with_base().model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(BASE, &base_card));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{BASE}/tree/main")]);
    assert!(v.notes.contains("base model repository acme/gizmo-7b"), "{}", v.notes);
}

#[test]
fn base_weights_least_open_of_several_bases() {
    let other = "acme/sprocket-7b";
    let w = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(BASE)))
        .model(other, ModelRole::Base, model_api(&fx::hf_model(other, Some("apache-2.0"), Gated::Manual, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(other)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(other), "{}", v.notes);

    // One named base found with its weights, another not found at all: partly shared, and
    // the notes name both.
    let w = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(BASE)))
        .model(other, ModelRole::Base, not_found(model_api_url(other)), not_found(model_card_url(other)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains(BASE) && v.notes.contains(&format!("{other} was not found")), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{BASE}/tree/main")]);
}

#[test]
fn base_weights_no_base_declared_but_card_says_fine_tuned_is_closed() {
    let body = "# Widget-7B-Chat\n\nWidget-7B-Chat was fine-tuned from an in-house foundation model on 300k dialogues.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("fine-tuned from"), "the snippet is quoted: {}", v.notes);
    assert_eq!(v.evidence[0].url, model_card_url(END));
}

#[test]
fn base_weights_card_naming_another_developers_base_is_partial_low() {
    let body = "# Widget-7B-Chat\n\n## Model Details\n\n- **Finetuned from model:** [Gizmo-2](https://arxiv.org/abs/2301.00001)\n\nWidget-7B-Chat is a Gizmo-2 7B model fine-tuned on 300k dialogues.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("Gizmo-2"), "the base is named: {}", v.notes);
    assert_eq!(v.evidence[0].url, model_card_url(END), "cites the card that names it");
}

#[test]
fn base_weights_base_named_like_the_end_model_may_be_its_own_and_stays_closed() {
    let body = "# Widget-7B-Chat\n\nWidget-7B-Chat is a fine-tuned version of Widget-7B-Base, which has not been released.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn base_weights_no_base_declared_and_post_training_wording_is_closed() {
    let body = "# Widget-7B-Chat\n\nWidget-7B-Chat underwent supervised fine-tuning and direct preference optimization.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("post-training"), "{}", v.notes);
}

#[test]
fn base_weights_no_base_and_no_tuning_wording_judges_the_model_as_its_own_base() {
    let id = "acme/widget-7b";
    let body = "# Widget-7B\n\nWidget-7B is a 7-billion-parameter decoder-only language model pretrained from scratch on 2T tokens of English text and code.\n";
    let w = World::new(id, "Widget 7B").model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(id, &fx::model_card("license: apache-2.0\n", body)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("its own base"), "{}", v.notes);
    assert!(v.notes.contains("Its card describes its pretraining (\"Widget-7B is a 7-billion-parameter"), "{}", v.notes);
    // Judged by inference, never more than medium confidence.
    assert_eq!(v.confidence, Confidence::Medium);
}

#[test]
fn tuned_weights_of_an_untuned_pretrained_model_are_closed() {
    let id = "acme/widget-7b";
    let world = |body: &str| World::new(id, "Widget 7B").model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(id, &fx::model_card("license: apache-2.0\n", body)));
    let pretrained = "# Widget-7B\n\nWidget-7B is a decoder-only language model pretrained from scratch on 2T tokens. It has not been tuned for dialogue.\n";
    let v = world(pretrained).judge(Criterion::TunedWeights);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Low), "{}", v.notes);
    assert!(v.notes.contains("an untuned pretrained model has no instruction-tuned weights"), "{}", v.notes);
    assert_eq!(world(pretrained).judge(Criterion::EndWeights).class, Class::Open, "its own weights are still open");
    // Once the card says it was instruction-tuned (with a preference step), its weights are the tuned model's.
    let tuned = format!("{pretrained}\nWe then instruction-tuned it on 100k dialogues and aligned it with DPO.\n");
    assert_eq!(world(&tuned).judge(Criterion::TunedWeights).class, Class::Open);
    // So are those of a model with a declared base.
    let w = end_with_base();
    assert!(w.judge(Criterion::TunedWeights).notes.starts_with(&w.judge(Criterion::EndWeights).notes));
}

#[test]
fn base_weights_no_base_and_a_card_silent_on_pretraining_is_closed_low() {
    // A card that neither names a base nor says how the model was pretrained shows
    // nothing about base weights: the model may well be another's base, tuned.
    let id = "acme/widget-13b-v2";
    let w = World::new(id, "Widget 13B").model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("mit"), Gated::No, SHARDS, &[], json!({"license": "mit"}))), model_card(id, &fx::model_card("license: mit\n", "# Widget 13B v2\n\nA helpful assistant. Try it in our demo.\n")));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Low), "{}", v.notes);
    assert!(v.notes.contains("neither says it was tuned from another model nor describes how it was pretrained"), "{}", v.notes);
}

#[test]
fn base_weights_no_base_and_no_card_is_closed_low() {
    let w = World::end().model(END, ModelRole::End, model_api(&fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(END)));
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("could not be read (not found)"), "{}", v.notes);
}
