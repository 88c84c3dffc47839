//! Tests of what the rules share: the base model's origin, cited evidence on every criterion, `conservative()`.

use super::*;

// ---------------------------------------------------------------- base origin

#[test]
fn a_base_the_card_names_from_the_models_own_family_is_the_developers() {
    let origin = |body: &str| super::context::BaseOrigin::of(&apache_end_with_card(body).ev);
    match origin("# Widget\n\nThe Widget-7B-Chat model is an instruct fine-tuned version of the Widget-7B-v0.2.\n") {
        super::context::BaseOrigin::Developer(why) => assert!(why.contains("own family"), "{why}"),
        other => panic!("a Widget base is the Widget developer's: {other:?}"),
    }
    assert!(matches!(origin("# Widget\n\nWidget-7B-Chat is fine-tuned from LLaMA-7B.\n"), super::context::BaseOrigin::Other(_)));
}

#[test]
fn a_tuned_step_of_the_developer_does_not_make_another_developers_base_its_own() {
    let w = end_with_sft_step_of_another_base();
    assert_eq!(w.ev.root_bases().iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), vec![ANVIL]);
    match super::context::BaseOrigin::of(&w.ev) {
        super::context::BaseOrigin::Other(why) => assert!(why.contains(ANVIL), "{why}"),
        other => panic!("the pretrained base is another developer's: {other:?}"),
    }
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains(ANVIL), "the pretrained base is the one cited: {}", v.notes);
}

#[test]
fn a_base_the_card_gives_another_owner_is_another_developers_whatever_its_name() {
    // Named like the end model, but the card says whose it is.
    let body = "# Widget-7B-Chat\n\nWidget-7B-Chat is a 7B model, fine-tuned from Forge’s Widget 7B with 40M instructions.\n";
    let w = apache_end_with_card(body);
    let v = w.judge(Criterion::BaseWeights);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("names Forge's Widget 7B as the model"), "{}", v.notes);
    assert!(matches!(super::context::BaseOrigin::of(&w.ev), super::context::BaseOrigin::Other(_)));
    // The end model's own organisation as the owner keeps it the developer's.
    let w = apache_end_with_card("# Widget-7B-Chat\n\nWidget-7B-Chat is fine-tuned from Acme's Gizmo 7B.\n");
    assert_eq!(w.judge(Criterion::BaseWeights).class, Class::Closed);
    assert!(matches!(super::context::BaseOrigin::of(&w.ev), super::context::BaseOrigin::Developer(_)));
}

// ---------------------------------------------------------------- every criterion

const ALL: &[Criterion] = &[
    Criterion::TrainingCode,
    Criterion::BaseData,
    Criterion::EndData,
    Criterion::BaseWeights,
    Criterion::EndWeights,
    Criterion::License,
    Criterion::Licenses,
    Criterion::CodeDocs,
    Criterion::Architecture,
    Criterion::Preprint,
    Criterion::Paper,
    Criterion::ModelCard,
    Criterion::Datasheet,
    Criterion::Package,
    Criterion::Api,
];

/// Every criterion on a range of bundles (empty, unreachable, rich): no panic,
/// and every open or partial verdict names evidence (checked in `World::judge`).
#[test]
fn every_criterion_cites_evidence_when_not_closed() {
    let mut empty = World::end();
    empty.ev.end_model_id = None;
    let unreachable = World::end()
        .model(END, ModelRole::End, failed(model_api_url(END), "dns error"), failed(model_card_url(END), "dns error"))
        .dataset(MIX, DataRole::Unknown, END, failed(dataset_api_url(MIX), "dns error"), Avail::NotChecked)
        .paper(PaperEv { id: "2401.01234".into(), linked_from: "config".into(), entry: failed("http://export.arxiv.org/api/query?id_list=2401.01234".into(), "HTTP 503") });
    let rich = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::Manual, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(BASE, &full_card_body()))
        .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &datasheet_text(40)))
        .repo(widget_repo(Some("Apache-2.0"), &["README.md", "setup.py", "train/pretrain.py", "data_prep/dedup.py", "docs/index.md", "docs/training.md", "docs/data.md"]))
        .paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("Accepted at NeurIPS 2023"), &model_api_url(END)));
    let mut classes = Vec::new();
    for w in [&empty, &unreachable, &rich] {
        for c in ALL {
            let v = w.judge(*c);
            classes.push(v.class);
        }
    }
    // The empty and unreachable bundles are closed throughout.
    assert!(classes[..2 * ALL.len()].iter().all(|c| *c == Class::Closed), "{classes:?}");
    // The rich bundle is not.
    assert!(classes[2 * ALL.len()..].contains(&Class::Open));
}

#[test]
fn conservative_downgrades_a_linkless_partial() {
    let v = Verdict::new(Class::Partial, Confidence::High, "x", "Something was seen.").conservative();
    assert_eq!(v.class, Class::Closed);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("No evidence link"));
    let v = Verdict::new(Class::Open, Confidence::High, "x", "Seen.").cite("https://huggingface.co/acme/widget-7b-chat", "weights", None).conservative();
    assert_eq!(v.class, Class::Open);
}
