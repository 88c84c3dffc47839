//! Tests of the licence rules: licensing of the whole system and the licences of its parts.

use super::*;

// ---------------------------------------------------------------- licence

#[test]
fn licence_other_with_custom_community_licence_is_not_open() {
    let card_data = json!({"license": "other", "license_name": "acme-community-license", "license_link": "LICENSE"});
    let fm = "license: other\nlicense_name: acme-community-license\nlicense_link: LICENSE\n";
    let w = end_model(Some("other"), Gated::No, SHARDS, card_data, &fx::model_card(fm, PLAIN_BODY)).repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"]));
    let v = w.judge(Criterion::License);
    assert_ne!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "code is MIT, weights are not open: {}", v.notes);
    assert!(v.notes.contains("other: acme-community-license"), "{}", v.notes);
    assert!(v.notes.contains("community licence"), "{}", v.notes);
    assert_eq!(super::end_license_label(w.ev.end_model().unwrap()).as_deref(), Some("other: acme-community-license"));
    // The weights rule agrees.
    assert_eq!(w.judge(Criterion::EndWeights).class, Class::Partial);
}

#[test]
fn weights_under_several_licences_are_as_open_as_the_least_open() {
    let card_data = json!({"license": ["apache-2.0", "cc-by-nc-4.0"]});
    let fm = "license:\n- apache-2.0\n- cc-by-nc-4.0\n";
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, card_data, &fx::model_card(fm, PLAIN_BODY)).repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"]));
    let weights = w.judge(Criterion::EndWeights);
    assert_eq!(weights.class, Class::Partial, "{}", weights.notes);
    assert!(weights.notes.contains("Apache-2.0 and CC-BY-NC-4.0"), "{}", weights.notes);
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "code is MIT, the weights are partly non-commercial: {}", v.notes);
    assert!(v.notes.contains("least open"), "{}", v.notes);
}

#[test]
fn licence_all_components_osi_is_open() {
    let w = open_end().repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"]));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::High);
    assert!(v.links.contains(&format!("https://huggingface.co/{END}")), "{:?}", v.links);
    assert!(v.links.contains(&"https://github.com/acme/widget".to_string()), "{:?}", v.links);
    // The weights' licence alone says nothing of the code's or data's: a reviewer should look.
    let v = open_end().judge(Criterion::License);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Medium, "{}", v.confidence_reason);
    assert!(v.confidence_reason.contains("only one part of the system"), "{}", v.confidence_reason);
}

#[test]
fn licence_restricted_weights_with_apache_code_is_partial() {
    let w = licensed_end_with_card("cc-by-nc-4.0", PLAIN_BODY)
        .repo(widget_repo(Some("Apache-2.0"), &["README.md", "widget/model.py"]));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence_reason, "1 of 2 components openly licensed");
    assert!(v.notes.contains("CC-BY-NC-4.0"), "{}", v.notes);
}

#[test]
fn licence_of_code_the_card_states_counts_when_no_repository_licence_was_read() {
    let body = format!("{PLAIN_BODY}\n## License\n\nThe weights are for academic research only. Our training and inference code is released under the Apache License 2.0.\n");
    let w = licensed_end_with_card("cc-by-nc-4.0", &body);
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "restricted weights, Apache code: {}", v.notes);
    assert!(v.notes.contains("code, as the model card states (\"") && v.notes.contains("Apache-2.0 (open)"), "{}", v.notes);
    // A repository's own licence, when read, is the code's licence: the card's sentence is not added.
    let v = w.repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"])).judge(Criterion::License);
    assert!(!v.notes.contains("as the model card states"), "{}", v.notes);
}

#[test]
fn licence_of_a_training_dataset_comes_from_its_tag_or_card_and_unstated_is_unclear() {
    let corpus = "acme/web-corpus";
    let files = &["README.md", "data/train-00000.parquet"];
    let untagged = dataset_api(&fx::hf_dataset(corpus, None, Gated::No, files, &[], Value::Null));
    // No tag and a card without a licence line: the system's licensing is not all open.
    let w = open_end().dataset(corpus, DataRole::Pretraining, END, untagged.clone(), dataset_card(corpus, "# Web corpus\n\nFiltered web text.\n"));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(&format!("data ({corpus}): no licence stated")), "{}", v.notes);
    // The card's "License:" line states it.
    let w = open_end().dataset(corpus, DataRole::Pretraining, END, untagged.clone(), dataset_card(corpus, "# Web corpus\n\n- **License:** Apache 2.0\n"));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{corpus}")), "{:?}", v.links);
    // Its licence file states it, and is cited.
    let w = open_end().dataset(corpus, DataRole::Pretraining, END, untagged, dataset_card(corpus, "# Web corpus\n\nFiltered web text.\n")).dataset_licence_file(corpus, "LICENSE", fx::MIT_LICENSE_TEXT);
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains(&format!("data ({corpus}): MIT")), "{}", v.notes);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{corpus}/blob/main/LICENSE")), "{:?}", v.links);
}

#[test]
fn licence_of_another_partys_dataset_is_not_the_systems() {
    // Open weights and code, tuned on another organisation's dataset that states no licence
    // (or a restrictive one): the system's own parts are all openly licensed.
    let corpus = "otherlab/chat-pairs";
    let files = &["README.md", "data/train-00000.parquet"];
    for api in [dataset_api(&fx::hf_dataset(corpus, None, Gated::No, files, &[], Value::Null)), public_dataset(corpus, "cc-by-nc-4.0")] {
        let w = open_end().repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"])).dataset(corpus, DataRole::FineTuning, END, api, dataset_card(corpus, "# Chat pairs
"));
        let v = w.judge(Criterion::License);
        assert_eq!(v.class, Class::Open, "{}", v.notes);
        assert!(!v.notes.contains(corpus), "{}", v.notes);
    }
    // Nor does another party's openly licensed dataset make restricted weights partly open.
    let w = end_model(Some("cc-by-nc-4.0"), Gated::No, SHARDS, Value::Null, "# Widget
").dataset(corpus, DataRole::FineTuning, END, public_dataset(corpus, "apache-2.0"), dataset_card(corpus, "# Chat pairs
"));
    assert_eq!(w.judge(Criterion::License).class, Class::Closed);
}

#[test]
fn licence_partly_open_needs_a_part_under_an_osi_approved_licence() {
    // Restricted weights with the developer's own data under an open data licence: no part
    // is OSI-licensed.
    let corpus = "acme/web-corpus";
    let judge = |data_licence: &str| {
        end_model(Some("cc-by-nc-4.0"), Gated::No, SHARDS, Value::Null, "# Widget\n").dataset(corpus, DataRole::Pretraining, END, public_dataset(corpus, data_licence), dataset_card(corpus, "# Web corpus\n")).judge(Criterion::License)
    };
    let v = judge("odc-by");
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("ODC-By-1.0 (open)"), "the data licence is still named: {}", v.notes);
    // Data under an OSI-approved licence is an OSI-licensed part.
    assert_eq!(judge("apache-2.0").class, Class::Partial);
}

#[test]
fn licence_of_a_dataset_tagged_odc_by_is_an_open_data_licence() {
    let corpus = "acme/web-corpus";
    let w = open_end().repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"])).dataset(corpus, DataRole::Pretraining, END, public_dataset(corpus, "odc-by"), dataset_card(corpus, "# Web corpus\n"));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains(&format!("data ({corpus}): ODC-By-1.0 (open)")), "{}", v.notes);
}

#[test]
fn licence_other_on_a_dataset_is_read_as_its_licence_name() {
    let corpus = "acme/web-corpus";
    let files = &["README.md", "data/train-00000.parquet"];
    let api = dataset_api(&fx::hf_dataset(corpus, Some("other"), Gated::No, files, &[], json!({"license": "other", "license_name": "acme-data-community-license"})));
    let v = open_end().dataset(corpus, DataRole::Pretraining, END, api, dataset_card(corpus, "# Web corpus\n")).judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("other: acme-data-community-license"), "{}", v.notes);
}

#[test]
fn licence_badges_in_a_readme_name_code_and_data_licences() {
    let readme = "# Widget\n\n[![Code License](https://img.shields.io/badge/Code%20License-Apache_2.0-green.svg)](LICENSE) [![Data License](https://img.shields.io/badge/Data%20License-CC%20By%20NC%204.0-red.svg)](DATA_LICENSE)\n\nTraining code for Widget.\n";
    let repo = github("acme/widget", None, "Code for the Widget models", readme, &["README.md", "train.py"], &model_card_url(END));
    let w = end_model(None, Gated::No, SHARDS, Value::Null, "# Widget\n").repo(repo);
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "Apache code, non-commercial data: {}", v.notes);
    assert!(v.notes.contains("code license badge in the README of acme/widget: Apache-2.0"), "{}", v.notes);
    assert!(v.notes.contains("data license badge") && v.notes.contains("non-commercial"), "{}", v.notes);
    assert!(v.links.contains(&"https://github.com/acme/widget".to_string()), "{:?}", v.links);
}

#[test]
fn licence_weights_without_a_licence_are_named_as_unclear() {
    // MIT code beside weights that declare no licence: partial, and the notes say why.
    let w = end_model(None, Gated::No, SHARDS, Value::Null, &fx::model_card("language:\n- en\n", PLAIN_BODY)).repo(widget_repo(Some("MIT"), &["README.md", "widget/model.py"]));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(&format!("end model weights ({END}): no licence declared")), "{}", v.notes);
    assert_eq!((v.confidence, v.confidence_reason.as_str()), (Confidence::Medium, "1 of 2 components openly licensed; a licence is unclear"));
}

#[test]
fn licence_nothing_found_is_closed() {
    let w = end_model(None, Gated::No, SHARDS, Value::Null, &fx::model_card("language:\n- en\n", PLAIN_BODY));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("No evidence found"), "{}", v.notes);
    let v = w.judge(Criterion::Licenses);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("No evidence found"), "{}", v.notes);
}

#[test]
fn licence_card_line_saying_non_commercial_overrides_an_apache_tag() {
    let body = format!("{PLAIN_BODY}\n## License\n\n- **License:** Acme Non-Commercial Research Licence (see LICENSE)\n");
    let w = apache_end_with_card(&body).repo(widget_repo(Some("MIT"), &["README.md"]));
    let label = super::end_license_label(w.ev.end_model().unwrap()).unwrap();
    assert!(label.contains("Non-Commercial"), "the card's licence is taken: {label}");
    let v = w.judge(Criterion::EndWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "would be open on the tag alone: {}", v.notes);
    assert!(v.notes.contains("non-commercial or research-only"), "{}", v.notes);
}

#[test]
fn licence_gate_asking_to_accept_a_licence_agreement_adds_a_restricted_component() {
    let prompt = "To access Widget-7B-Chat you must share your contact information and accept the Acme Model License Agreement.";
    let with_prompt = end_model(Some("apache-2.0"), Gated::Auto, SHARDS, json!({"license": "apache-2.0", "extra_gated_prompt": prompt}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY))
        .repo(widget_repo(Some("MIT"), &["README.md"]));
    let v = with_prompt.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("access agreement of acme/widget-7b-chat"), "{}", v.notes);
    assert!(v.evidence.iter().any(|e| e.snippet.contains("License Agreement")), "{:?}", v.evidence);
    // The same gate without licence wording adds nothing to the licence verdict.
    let plain_gate = end_model(Some("apache-2.0"), Gated::Auto, SHARDS, json!({"license": "apache-2.0", "extra_gated_prompt": "Please tell us how you plan to use the model."}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY))
        .repo(widget_repo(Some("MIT"), &["README.md"]));
    assert_eq!(plain_gate.judge(Criterion::License).class, Class::Open);
}

#[test]
fn licence_restriction_wording_in_card_demotes_open() {
    let body = format!("{PLAIN_BODY}\nUse of the model is subject to the Acme Acceptable Use Policy.\n");
    let w = apache_end_with_card(&body).repo(widget_repo(Some("MIT"), &["README.md"]));
    let v = w.judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("also states restrictions"), "{}", v.notes);
    assert!(v.links.contains(&model_card_url(END)), "{:?}", v.links);
    assert_eq!(v.confidence, Confidence::Medium, "read from prose: {}", v.confidence_reason);
    let body = format!("{PLAIN_BODY}\nThe chat model is released for research purpose only.\n");
    let v = apache_end_with_card(&body).repo(widget_repo(Some("MIT"), &["README.md"])).judge(Criterion::License);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    // Said in a sentence of its own words.
    let judge = |sentence: &str| apache_end_with_card(&format!("{PLAIN_BODY}\n{sentence}\n")).repo(widget_repo(Some("MIT"), &["README.md"])).judge(Criterion::License);
    for sentence in ["We require developers only use the code, data and model for research purposes. Commercial use and other harmful use cases are not allowed.", "Commercial use of the weights is prohibited."] {
        let v = judge(sentence);
        assert_eq!(v.class, Class::Partial, "{sentence}: {}", v.notes);
    }
    assert_eq!(judge("Widget is licensed for commercial use.").class, Class::Open, "permission is no restriction");
}

#[test]
fn licences_osai_two_of_three_open_is_partial_and_three_is_open() {
    let two = open_end().repo(widget_repo(Some("MIT"), &["README.md"]));
    let v = two.judge(Criterion::Licenses);
    assert_eq!(v.class, Class::Partial, "weights + code, no data licence: {}", v.notes);
    assert!(v.confidence_reason.starts_with("2 of"), "{}", v.confidence_reason);

    let data = "acme/widget-chat-mix";
    let three = open_end().repo(widget_repo(Some("MIT"), &["README.md"])).dataset(
        data,
        DataRole::FineTuning,
        END,
        dataset_api(&fx::hf_dataset(data, Some("cc-by-4.0"), Gated::No, &["README.md", "data/train-00000-of-00001.parquet"], &[], Value::Null)),
        not_found(dataset_card_url(data)),
    );
    let v = three.judge(Criterion::Licenses);
    assert_eq!(v.class, Class::Open, "{}", v.notes);

    // One of three (data only) is closed.
    let nc = licensed_end_with_card("cc-by-nc-4.0", PLAIN_BODY).repo(widget_repo(Some("NOASSERTION"), &["README.md"])).dataset(
        data,
        DataRole::FineTuning,
        END,
        dataset_api(&fx::hf_dataset(data, Some("cc-by-4.0"), Gated::No, &["README.md", "data/train-00000-of-00001.parquet"], &[], Value::Null)),
        not_found(dataset_card_url(data)),
    );
    assert_eq!(nc.judge(Criterion::Licenses).class, Class::Closed);
}

#[test]
fn licence_notes_call_a_tuned_step_between_base_and_end_model_intermediate() {
    let v = end_with_sft_step_of_another_base().judge(Criterion::License);
    for label in [format!("end model weights ({END})"), format!("intermediate model weights ({SFT_STEP})"), format!("base model weights ({ANVIL})")] {
        assert!(v.notes.contains(&label), "{label}: {}", v.notes);
    }
}
