//! Tests of the data rules: end model (tuning) data and base model (pretraining) data.

use super::*;

// ---------------------------------------------------------------- data

#[test]
fn end_data_named_dataset_that_404s_is_partial() {
    // The rubric: "named but not all available" is partial; the evidence is the metadata naming it.
    let w = end_with_base().dataset(LOGS, DataRole::FineTuning, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "only named, nothing available: {}", v.notes);
    assert!(v.notes.contains(LOGS) && v.notes.contains("not found"), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/{END}")]);
    assert_eq!(v.confidence, Confidence::Low, "a name alone, with nothing found, is not a checked download");

    // With one public dataset beside it: partial, still naming the missing one, citing the public one.
    let w = w.dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(LOGS), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/datasets/{MIX}")]);
    assert_eq!(v.confidence, Confidence::Medium, "one dataset was found");
}

#[test]
fn end_data_named_sets_of_an_internal_dataset_stay_closed() {
    // The card says the data is internal; the sets its metadata names cannot be had.
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nThe model is trained on our internal instruction dataset, built from several public collections.\n");
    let w = apache_end_with_card(&body)
        .dataset(LOGS, DataRole::Unknown, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains(LOGS) && v.notes.contains("our internal"), "{}", v.notes);
    assert!(v.links.is_empty());
}

#[test]
fn end_data_internal_tools_are_not_undisclosed_data() {
    // "Internal" about an evaluation library says nothing of the data: the named set that
    // cannot be found is still named (partial), and the notes quote no unrelated sentence.
    let body = format!("{PLAIN_BODY}\n## Evaluation\n\nFor all the evaluations, we use our internal evaluations library.\n");
    let w = apache_end_with_card(&body).dataset(LOGS, DataRole::Unknown, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(!v.notes.contains("evaluations library"), "{}", v.notes);
    // The same words about the data, split over a heading and its sentence, are read per sentence.
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nIt was tuned on our internal data.\n## Evaluation\n\nScores follow.\n");
    let v = apache_end_with_card(&body).dataset(LOGS, DataRole::Unknown, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS))).judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("\"It was tuned on our internal data\""), "the sentence alone is quoted: {}", v.notes);
}

#[test]
fn end_data_datasets_other_repositories_link_are_not_this_models_data() {
    // A generic tool's README linking public datasets (benchmarks, its own data) names
    // nothing about this model's training data, found or not.
    let tool = github("tools/bench-kit", Some("MIT"), "An evaluation toolkit", "# bench-kit\n\nEvaluate any model.\n", &["README.md", "bench/run.py"], &model_card_url(END));
    let w = end_with_base()
        .repo(tool)
        .linked_dataset(MIX, DataRole::FineTuning, "tools/bench-kit", public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX)))
        .linked_dataset(LOGS, DataRole::FineTuning, "tools/bench-kit", not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(!v.notes.contains(MIX) && !v.notes.contains(LOGS), "{}", v.notes);
    assert_eq!(w.judge(Criterion::Datasheet).class, Class::Closed);

    // The README of the model's own repository names its data: found → open; missing → named.
    let own = |api| end_with_base().repo(widget_repo(Some("Apache-2.0"), &["README.md", "train.py"])).linked_dataset(MIX, DataRole::FineTuning, "acme/widget", api, not_found(dataset_card_url(MIX)));
    assert_eq!(own(public_dataset(MIX, "cc-by-4.0")).judge(Criterion::EndData).class, Class::Open);
    let v = own(not_found(dataset_api_url(MIX))).judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/acme/widget".to_string()]);
}

#[test]
fn end_data_all_declared_datasets_public_is_open_with_links() {
    let other = "acme/widget-preference-pairs";
    let w = end_with_base()
        .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX)))
        .dataset(other, DataRole::FineTuning, END, public_dataset(other, "mit"), not_found(dataset_card_url(other)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::High);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{MIX}")), "{:?}", v.links);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{other}")), "{:?}", v.links);
    assert!(v.evidence.iter().any(|e| e.snippet.contains("2 data files")), "{:?}", v.evidence);
}

/// The end-data verdict for a card whose section `heading` holds `text`, with the public
/// dataset `MIX` declared as its tuning data.
fn end_data_of_section(heading: &str, text: &str) -> Verdict {
    let body = format!("{PLAIN_BODY}\n## {heading}\n\n{text}\n");
    apache_end_with_card(&body).dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX))).judge(Criterion::EndData)
}

#[test]
fn end_data_named_as_a_selection_of_the_data_is_partial() {
    let judge = |sentence: &str| end_data_of_section("Dataset Details", &format!("{sentence}\n\n- [Chats](https://huggingface.co/datasets/{MIX})"));
    let v = judge("Widget was trained on a collection of public instruction data with a custom pipeline. We detail some notable subsets included here:");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("part of the data: \"We detail some notable subsets included here\""), "{}", v.notes);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{MIX}")) && v.links.contains(&model_card_url(END)), "{:?}", v.links);
    let v = judge("Widget was tuned on public instruction datasets such as:");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    // Examples of what the data holds are not a selection of sources.
    assert_eq!(judge("The mix holds tasks such as question answering and summarisation.").class, Class::Open);
    assert_eq!(judge("For example, the model may answer poorly on questions outside of its training data.").class, Class::Open);
    assert_eq!(judge("Widget was tuned on the following dataset:").class, Class::Open);
    // The named set as the bulk of the data, not all of it.
    let v = judge("Widget was tuned on 2B tokens mainly coming from the chats below, with in-house math data added.");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("part of the data: \"Widget was tuned on 2B tokens mainly coming from"), "{}", v.notes);
    assert_eq!(judge("The tuning data is mainly English.").class, Class::Open);
}

#[test]
fn end_data_a_mix_of_public_datasets_all_named_and_public_is_open_but_an_unnamed_public_mix_is_not() {
    let judge = |sentence: &str| end_data_of_section("Training Data", sentence);
    let v = judge("A model trained on a mix of publicly available, synthetic datasets.");
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    let v = judge("Widget was tuned on a new mix of publicly available online data.");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("a new mix of publicly available online data"), "{}", v.notes);
}

#[test]
fn end_data_gated_dataset_is_partial() {
    let api = dataset_api(&fx::hf_dataset(MIX, Some("cc-by-4.0"), Gated::Auto, &["README.md", "data/train.jsonl"], &[], Value::Null));
    let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, api, not_found(dataset_card_url(MIX)));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("(gated)"), "{}", v.notes);
}

#[test]
fn end_data_failed_dataset_lookup_is_low_confidence() {
    let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, failed(dataset_api_url(MIX), "connection reset"), failed(dataset_card_url(MIX), "connection reset"));
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("Could not be checked: acme/widget-chat-mix"), "{}", v.notes);
}

#[test]
fn end_data_none_declared_is_closed_no_evidence() {
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nWe fine-tuned on a curated mix of instruction and dialogue examples.\n");
    let w = apache_end_with_card(&body);
    let v = w.judge(Criterion::EndData);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
    assert!(v.notes.contains("only in prose"), "the prose section is mentioned: {}", v.notes);
    assert!(v.links.is_empty());
}

#[test]
fn end_data_card_saying_internal_dataset_is_not_open() {
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nWe used acme/widget-chat-mix together with an internal dataset of 20k support conversations.\n");
    let w = apache_end_with_card(&body)
        .dataset(MIX, DataRole::Unknown, END, public_dataset(MIX, "cc-by-4.0"), not_found(dataset_card_url(MIX)));
    let v = w.judge(Criterion::EndData);
    assert_ne!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("internal dataset"), "{}", v.notes);
}

#[test]
fn base_data_reads_pretraining_sets_only() {
    let corpus = "acme/gizmo-pretrain-corpus";
    let w = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(BASE)))
        .dataset(corpus, DataRole::Pretraining, BASE, public_dataset(corpus, "odc-by"), not_found(dataset_card_url(corpus)))
        .dataset(LOGS, DataRole::FineTuning, END, not_found(dataset_api_url(LOGS)), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Open, "the missing tuning set is not pretraining data: {}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/datasets/{corpus}")]);
    assert!(!v.notes.contains(LOGS));
    let end = w.judge(Criterion::EndData);
    assert_eq!(end.class, Class::Partial, "named but not found: {}", end.notes);
    assert!(end.notes.contains(LOGS) && !end.notes.contains(corpus), "{}", end.notes);
}

#[test]
fn base_data_of_a_model_that_is_its_own_base_reads_its_own_card() {
    // No base declared, no tuning wording: the end card describes the pretraining data.
    let body = format!("{PLAIN_BODY}\n## Training Data\n\nPretrained on 2T tokens from publicly available sources, filtered for quality.\n");
    let v = apache_end_with_card(&body).judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("\"Training Data\" section describes the data only in prose"), "{}", v.notes);
    assert!(v.notes.contains(&format!("looked at {}", model_card_url(END))), "{}", v.notes);
}

#[test]
fn data_of_a_model_whose_card_names_its_base_in_other_words_is_its_tuning_data() {
    // "X 70b fine tune using …" and "based on X and finetuned with …" name another
    // developer's base: the declared dataset is the tuning data, not pretraining data.
    let chats = "acme/widget-chats";
    for body in [format!("### Overview\n\nGizmo 2 70b fine tune using https://huggingface.co/datasets/{chats}\n"), format!("Widget is based on Gizmo-7b1-mt and finetuned with [chats](https://huggingface.co/datasets/{chats}).\n")] {
        let w = apache_end_with_card(&body).dataset(chats, DataRole::Unknown, END, public_dataset(chats, "apache-2.0"), not_found(dataset_card_url(chats)));
        let base = w.judge(Criterion::BaseData);
        assert_eq!(base.class, Class::Closed, "{body}: {}", base.notes);
        assert_eq!(w.judge(Criterion::EndData).class, Class::Open, "{body}");
        assert_eq!(w.judge(Criterion::BaseWeights).class, Class::Partial, "another developer's base, named: {body}");
        assert!(matches!(super::context::BaseOrigin::of(&w.ev), super::context::BaseOrigin::Other(_)), "{body}");
    }
}

#[test]
fn base_data_whose_card_table_lists_sources_beyond_the_named_datasets_is_partial() {
    let card = |table: &str| fx::model_card("license: apache-2.0\n", &format!("# Gizmo-7B\n\n## Training Data\n\nGizmo was pretrained on 1T tokens.\n\n{table}\n## Evaluation\n\n| Dataset | Score |\n|---|---|\n| TriviaQA | 61.2 |\n"));
    let with_base_card = |corpus: &str, text: &str| {
        end_with_base()
            .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(BASE, text))
            .dataset(corpus, DataRole::Pretraining, BASE, public_dataset(corpus, "odc-by"), not_found(dataset_card_url(corpus)))
    };
    let corpus = "acme/gizmo-webtext";
    // One named, public dataset, but the data mix lists two further sources.
    let mix = "| **Data source** | Fraction | Tokens |\n|:--|--:|--:|\n| [Gizmo WebText](https://huggingface.co/datasets/acme/gizmo-webtext) | 80% | 800B |\n| Books | 15% | 150B |\n| Conversations | 5% | 50B |\n| Total | 100% | 1T |\n";
    let v = with_base_card(corpus, &card(mix)).judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("\"Training Data\" table also lists Books, Conversations"), "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Medium);
    assert!(v.links.contains(&format!("https://huggingface.co/datasets/{corpus}")) && v.links.contains(&model_card_url(BASE)), "{:?}", v.links);
    // The same mix as an HTML table.
    let html = "<table><tr><th>Data source</th><th>Fraction</th></tr><tr><td><a href=\"https://huggingface.co/datasets/acme/gizmo-webtext\">Gizmo WebText</a></td><td>80%</td></tr><tr><td>Books</td><td>20%</td></tr></table>\n";
    let v = with_base_card(corpus, &card(html)).judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("table also lists Books, which"), "{}", v.notes);
    // Rows that are parts of the named dataset, and the evaluation table, leave it open.
    let parts = "| Subset | Share |\n|---|---|\n| WebText (English) | 90% |\n| webtext-fr | 10% |\n";
    assert_eq!(with_base_card(corpus, &card(parts)).judge(Criterion::BaseData).class, Class::Open);
    // So does a row that names the dataset by a shorter form of its name.
    let short = "| Source | Share |\n|---|---|\n| OASST | 100% |\n";
    assert_eq!(with_base_card("acme/oasst1", &card(short)).judge(Criterion::BaseData).class, Class::Open);
    // A table of the fine-tuning data says nothing about pretraining.
    let tuning = card(mix).replace("## Training Data", "## Fine-tuning Data");
    assert_eq!(with_base_card(corpus, &tuning).judge(Criterion::BaseData).class, Class::Open);
}

#[test]
fn base_data_without_a_base_card_says_the_end_card_names_none() {
    let w = end_with_base().model(BASE, ModelRole::Base, not_found(model_api_url(BASE)), not_found(model_card_url(BASE)));
    let v = w.judge(Criterion::BaseData);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains(&format!("no base model card to read; the end model's card {} names none", model_card_url(END))), "{}", v.notes);
}
