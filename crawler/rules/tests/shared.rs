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

// ---------------------------------------------------------------- less access, never more open

/// What is withheld from the evidence of [`restricted_world`].
#[derive(Clone, Copy, Debug, Default)]
struct Withheld {
    end_gate: bool,
    end_licence_restricted: bool,
    base_gate: bool,
    base_weights_removed: bool,
    dataset_missing: bool,
    dataset_gated: bool,
    repo_missing: bool,
    repo_unlicensed: bool,
    paper_missing: bool,
    card_missing: bool,
    preference_step_unsaid: bool,
}

/// A rich, open bundle (an end model tuned from a base with SFT and DPO, a public
/// dataset with a datasheet, a training repository, a preprint), minus what is withheld.
fn restricted_world(w: Withheld) -> World {
    let end_licence = if w.end_licence_restricted { "cc-by-nc-4.0" } else { "apache-2.0" };
    let end_gate = if w.end_gate { Gated::Manual } else { Gated::No };
    let fm = format!("{}base_model: {BASE}\ndatasets:\n- {MIX}\n", chat_front(end_licence));
    let tuning = if w.preference_step_unsaid { "" } else { ", then aligned with DPO" };
    let body = format!("{}\nWidget-7B-Chat is Gizmo-7B fine-tuned on {MIX}{tuning}.\n\nCode: https://github.com/acme/widget\n\nPaper: https://arxiv.org/abs/2401.01234\n", full_card_body());
    let end_api = model_api(&fx::hf_model(END, Some(end_licence), end_gate, SHARDS, &[&format!("base_model:finetune:{BASE}"), &format!("dataset:{MIX}")], json!({"license": end_licence, "base_model": BASE, "datasets": [MIX]})));
    let end_card = if w.card_missing { not_found(model_card_url(END)) } else { model_card(END, &fx::model_card(&fm, &body)) };
    let base_files: &[&str] = if w.base_weights_removed { &["README.md", "config.json"] } else { SHARDS };
    let base_gate = if w.base_gate { Gated::Manual } else { Gated::No };
    let base_api = model_api(&fx::hf_model(BASE, Some("apache-2.0"), base_gate, base_files, &[&format!("dataset:{MIX}")], json!({"license": "apache-2.0", "datasets": [MIX]})));
    let dataset = match (w.dataset_missing, w.dataset_gated) {
        (true, _) => not_found(dataset_api_url(MIX)),
        (false, true) => dataset_api(&fx::hf_dataset(MIX, Some("cc-by-4.0"), Gated::Manual, &["README.md", "data/train-00000-of-00001.parquet"], &[], Value::Null)),
        (false, false) => public_dataset(MIX, "cc-by-4.0"),
    };
    let dataset_card_avail = if w.dataset_missing { not_found(dataset_card_url(MIX)) } else { dataset_card(MIX, &datasheet_text(40)) };
    let mut world = World::end()
        .model(END, ModelRole::End, end_api, end_card)
        .model(BASE, ModelRole::Base, base_api, model_card(BASE, &full_card_body()))
        .dataset(MIX, DataRole::FineTuning, END, dataset, dataset_card_avail);
    if !w.repo_missing {
        let licence = if w.repo_unlicensed { None } else { Some("Apache-2.0") };
        world = world.repo(github("acme/widget", licence, "Code for the Widget family of language models", "# Widget\n\nTraining and fine-tuning code for Widget models.\n\n## Training\n\nRun `python train/pretrain.py --config configs/widget.yaml`, then `python finetune/sft.py`.\n", &["README.md", "setup.py", "train/pretrain.py", "finetune/sft.py", "finetune/dpo.py", "configs/widget.yaml", "data_prep/dedup.py", "docs/index.md", "docs/training.md"], &model_card_url(END)));
    }
    if !w.paper_missing {
        // The abstract leaves the tuning's kind to the card.
        let abstract_ = "We present Widget, a family of open language models. Widget base models are pretrained on 2 trillion tokens of a curated web corpus, and the chat models are obtained by instruction tuning. We release the training data, code and weights.";
        world = world.paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", abstract_, None, &model_card_url(END)));
    }
    world
}

/// Withholding evidence (a gate, a restrictive licence, a missing dataset, repository, paper
/// or card, a tuning step left unsaid) never makes a verdict more open, alone or after
/// another withholding.
#[test]
fn withholding_evidence_never_makes_a_verdict_more_open() {
    let rank = |c: Class| match c {
        Class::Open => 2,
        Class::Partial => 1,
        _ => 0,
    };
    type Step = (&'static str, fn(&mut Withheld));
    let steps: [Step; 11] = [
        ("end model gated", |w| w.end_gate = true),
        ("end licence non-commercial", |w| w.end_licence_restricted = true),
        ("base gated", |w| w.base_gate = true),
        ("base weights removed", |w| w.base_weights_removed = true),
        ("dataset missing", |w| w.dataset_missing = true),
        ("dataset gated", |w| w.dataset_gated = true),
        ("repository missing", |w| w.repo_missing = true),
        ("repository unlicensed", |w| w.repo_unlicensed = true),
        ("paper missing", |w| w.paper_missing = true),
        ("card missing", |w| w.card_missing = true),
        ("card silent on preference tuning", |w| w.preference_step_unsaid = true),
    ];
    let mut criteria = ALL.to_vec();
    criteria.push(Criterion::TunedWeights);
    let full = restricted_world(Withheld::default());
    assert!(criteria.iter().filter(|c| full.judge(**c).class == Class::Open).count() >= 8, "the starting bundle is a rich, open one");
    // Each single withholding, and each second one after it.
    for (i, (first, apply_first)) in steps.iter().enumerate() {
        let mut one = Withheld::default();
        apply_first(&mut one);
        let mut cases = vec![(Withheld::default(), one, first.to_string())];
        for (_, (second, apply_second)) in steps.iter().enumerate().filter(|(j, _)| *j != i) {
            let mut two = one;
            apply_second(&mut two);
            cases.push((one, two, format!("{first}, then {second}")));
        }
        for (before, after, what) in cases {
            let (b, a) = (restricted_world(before), restricted_world(after));
            for c in &criteria {
                let (vb, va) = (b.judge(*c), a.judge(*c));
                assert!(rank(va.class) <= rank(vb.class), "{what}: {c:?} went from {:?} to {:?}\nbefore: {}\nafter: {}", vb.class, va.class, vb.notes, va.notes);
            }
        }
    }
}
