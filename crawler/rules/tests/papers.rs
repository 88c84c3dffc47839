//! Tests of the paper rules: archived preprint and peer-reviewed paper.

use super::*;

// ---------------------------------------------------------------- papers

#[test]
fn preprint_about_the_model_covering_pretraining_tuning_and_data_is_open() {
    let w = open_end().paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("32 pages, 9 figures"), &model_api_url(END)));
    let v = w.judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.links, vec!["https://arxiv.org/abs/2401.01234".to_string()]);
    assert!(v.notes.contains("base model, tuning, data"), "{}", v.notes);
    // A page count is no peer review.
    assert_eq!(w.judge(Criterion::Paper).class, Class::Closed);
    // An abstract silent on the data covers the training but not the whole system: index
    // reviewers judge such a paper partial ("none on datasets").
    let abstract_ = "We develop Widget, a collection of pretrained and fine-tuned models from 7 to 70 billion parameters, and describe our approach to fine-tuning with human feedback.";
    let v = open_end().paper(arxiv("2307.01234", "Widget: Open Chat Models", abstract_, None, &model_api_url(END))).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("covers: base model, tuning.") && v.notes.contains("does not describe the training data"), "{}", v.notes);
    // So is its peer-reviewed version; with the data described, both are open.
    let w = open_end().paper(arxiv("2307.01234", "Widget: Open Chat Models", abstract_, Some("Accepted at NeurIPS 2023"), &model_api_url(END)));
    assert_eq!(w.judge(Criterion::Paper).class, Class::Partial, "{}", w.judge(Criterion::Paper).notes);
    let with_data = format!("{abstract_} The models are pretrained on 2 trillion tokens of public data.");
    let w = open_end().paper(arxiv("2307.01234", "Widget: Open Chat Models", &with_data, Some("Accepted at NeurIPS 2023"), &model_api_url(END)));
    assert_eq!(w.judge(Criterion::Preprint).class, Class::Open);
    assert_eq!(w.judge(Criterion::Paper).class, Class::Open, "{}", w.judge(Criterion::Paper).notes);
    // The base alone is part of it.
    let v = open_end().paper(arxiv("2307.01234", "Widget: Open Models", "We pretrain Widget, a family of models from 7 to 70 billion parameters.", None, &model_api_url(END))).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
}

#[test]
fn preprint_on_tuning_is_all_of_a_system_tuned_from_another_developers_base() {
    const TUNING_ONLY: &str = "We fine-tune Widget on 70K user-shared conversations and evaluate the chat assistant with human judges.";
    // The card says it was fine-tuned from another model: the tuning is this system's part.
    let card = fx::model_card(&chat_front("apache-2.0"), "# Widget\n\nWidget is fine-tuned from LLaMA on user-shared conversations.\n");
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &card);
    let v = w.paper(arxiv("2306.01234", "Widget: a chat assistant", TUNING_ONLY, None, &model_api_url(END))).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("this system's own part is the tuning"), "{}", v.notes);
    // A model its developer pretrained needs the base and data covered too.
    let v = open_end().paper(arxiv("2306.01234", "Widget: a chat assistant", TUNING_ONLY, None, &model_api_url(END))).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
}

/// `otherlab/stable-gizmo-13b`, RLHF-tuned from `acme/gizmo-13b` (another organisation),
/// whose name repeats its base's.
fn derivative_of_another_developers_base() -> World {
    let (end, base) = ("otherlab/stable-gizmo-13b", "acme/gizmo-13b");
    let card = fx::model_card(&format!("license: cc-by-nc-sa-4.0\nbase_model: {base}\n"), "# StableGizmo\n\nStableGizmo is a Gizmo model fine-tuned with RLHF.\n");
    World::new(end, "StableGizmo 13B")
        .model(end, ModelRole::End, model_api(&fx::hf_model(end, Some("cc-by-nc-sa-4.0"), Gated::No, SHARDS, &[], json!({"base_model": base}))), model_card(end, &card))
        .model(base, ModelRole::Base, model_api(&fx::hf_model(base, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), model_card(base, "# Gizmo\n"))
}

#[test]
fn a_name_shared_with_a_base_from_another_developer_does_not_make_its_paper_or_code_this_systems() {
    let about_base = arxiv("2306.05685", "Gizmo: an open chatbot", "We fine-tune Gizmo on user-shared conversations with supervised instruction tuning.", None, &model_card_url("otherlab/stable-gizmo-13b"));
    let v = derivative_of_another_developers_base().paper(about_base).judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("about the base model only"), "{}", v.notes);
    // The base developer's training code, which names only the base, is not this system's code.
    let base_code = github("acme/gizmo-chat", Some("Apache-2.0"), "Train and serve Gizmo chat models", "# Gizmo\n\nTrain Gizmo: `python train.py`. Gizmo data: `python data_prep/clean.py`. Gizmo weights on the Hub.\n", &["README.md", "train.py", "data_prep/clean.py"], &model_card_url("otherlab/stable-gizmo-13b"));
    let v = derivative_of_another_developers_base().repo(base_code).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn preprint_about_the_base_model_only_is_partial() {
    let w = end_with_base()
        .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), not_found(model_card_url(BASE)))
        .paper(arxiv(
            "2312.04321",
            "Gizmo: Efficient Foundation Language Models",
            "We introduce Gizmo, a 7B foundation model pretrained on 1.5 trillion tokens of public text, and describe its training corpus, instruction tuning and evaluation.",
            None,
            &model_api_url(BASE),
        ));
    let v = w.judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("about the base model only"), "{}", v.notes);
}

#[test]
fn paper_accepted_at_a_venue_is_not_closed() {
    let w = open_end().paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("Accepted at NeurIPS 2023"), &model_api_url(END)));
    let v = w.judge(Criterion::Paper);
    assert_ne!(v.class, Class::Closed, "{}", v.notes);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.evidence.iter().any(|e| e.snippet.contains("Accepted at NeurIPS 2023")), "{:?}", v.evidence);
}

#[test]
fn paper_submitted_to_a_venue_is_closed() {
    let w = open_end().paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("Submitted to ICLR 2024"), &model_api_url(END)));
    let v = w.judge(Criterion::Paper);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // The preprint itself still counts.
    assert_eq!(w.judge(Criterion::Preprint).class, Class::Open);
}

/// The end card with a citation section holding `bibtex`.
fn end_card_citing(bibtex: &str) -> World {
    apache_end_with_card(&format!("{PLAIN_BODY}\n## Citation\n\n```bibtex\n{bibtex}\n```\n"))
}

#[test]
fn paper_cited_at_a_conference_by_the_card_is_peer_reviewed() {
    // arXiv's metadata says nothing of the venue; the card's BibTeX says ACL.
    let bib = "@inproceedings{widget2024,\n  title = {Widget: Open Pretrained and Chat Language Models},\n  booktitle = {Proceedings of the 62nd Annual Meeting of the Association for Computational Linguistics},\n  year = {2024}\n}";
    let paper = || arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, Some("32 pages"), &model_card_url(END));
    let v = end_card_citing(bib).paper(paper()).judge(Criterion::Paper);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("@inproceedings") && v.notes.contains("Association for Computational Linguistics"), "{}", v.notes);
    assert_eq!(v.links, vec![model_card_url(END)]);
    assert!(v.evidence[0].snippet.contains("booktitle"), "{:?}", v.evidence);
    // The same paper cited as an arXiv preprint, or as a bare @misc, is no peer review.
    for not_reviewed in [
        "@article{widget2024, title={Widget: Open Pretrained and Chat Language Models}, journal={arXiv preprint arXiv:2401.01234}}",
        "@misc{widget2024, title={Widget: Open Pretrained and Chat Language Models}, howpublished={ACL 2024}}",
    ] {
        let v = end_card_citing(not_reviewed).paper(paper()).judge(Criterion::Paper);
        assert_eq!(v.class, Class::Closed, "{not_reviewed}: {}", v.notes);
    }
}

#[test]
fn a_linked_venue_counts_only_when_the_sentence_presents_it_as_the_models_own_work() {
    let link = |url: &str, lead_in: &str| crate::evidence::VenueLink { url: url.into(), from: model_card_url(END), lead_in: Some(lead_in.into()) };
    let mut w = open_end();
    // A benchmark the card evaluates on is no paper about the model.
    w.ev.venue_links.push(link("https://aclanthology.org/2022.acl-long.229/", "We evaluate Widget-7B-Chat's truthfulness on [TruthfulQA](https://aclanthology.org/"));
    let v = w.judge(Criterion::Paper);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // The sentence that introduces the model's paper.
    w.ev.venue_links.push(link("https://openreview.net/forum?id=abc123", "The training recipe is described in our [paper](https://openreview.net/forum?id="));
    let v = w.judge(Criterion::Paper);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://openreview.net/forum?id=abc123".to_string()]);
    assert!(v.notes.contains(&format!("linked from https://huggingface.co/{END} (\"The training recipe is described in our paper\")")), "{}", v.notes);
    // A link whose text names the model.
    let mut w = open_end();
    w.ev.venue_links.push(link("https://aclanthology.org/2024.acl-long.7/", "See [Widget-7B-Chat at ACL](https://aclanthology.org/"));
    assert_eq!(w.judge(Criterion::Paper).class, Class::Partial);
    // A link whose sentence could not be read (a web page's links) still counts.
    let mut w = open_end();
    w.ev.venue_links.push(crate::evidence::VenueLink { lead_in: None, ..link("https://aclanthology.org/2024.acl-long.1/", "") });
    assert_eq!(w.judge(Criterion::Paper).class, Class::Partial);
}

#[test]
fn a_cited_conference_paper_about_other_work_is_not_this_models_paper() {
    // The card cites a method it used, published at a conference; its paper is a preprint.
    let bib = "@inproceedings{lora, title={LoRA: Low-Rank Adaptation of Large Language Models}, booktitle={International Conference on Learning Representations}, eprint={2106.09685}}";
    let v = end_card_citing(bib).paper(arxiv("2401.01234", "Widget: Open Pretrained and Chat Language Models", ABOUT_WIDGET, None, &model_card_url(END))).judge(Criterion::Paper);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // A conference paper the card cites that names the model, with no arXiv version found, is partial.
    let bib = "@inproceedings{w, title={Widget-Chat: Aligning an Open Assistant}, booktitle={Findings of EMNLP 2024}}";
    let v = end_card_citing(bib).judge(Criterion::Paper);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.notes.contains("needs a reviewer's reading"), "{}", v.notes);
}

#[test]
fn preprint_on_another_generation_of_the_family_is_not_about_the_model() {
    let id = "acme/widget1.5-7b-chat";
    let versioned = |paper: PaperEv| {
        World::new(id, "Widget1.5 7B Chat")
            .model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(id, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)))
            .paper(paper)
    };
    let later = versioned(arxiv("2412.01234", "Widget2.5 Technical Report", ABOUT_WIDGET, None, &model_card_url(id))).judge(Criterion::Preprint);
    assert_eq!(later.class, Class::Closed, "{}", later.notes);
    // The family's report without a version, or with this generation's, is about it.
    let own = versioned(arxiv("2309.01234", "Widget Technical Report", ABOUT_WIDGET, None, &model_card_url(id))).judge(Criterion::Preprint);
    assert_eq!(own.class, Class::Open, "{}", own.notes);
    let point = versioned(arxiv("2402.01234", "Widget 1.5: Better Chat Models", ABOUT_WIDGET, None, &model_card_url(id))).judge(Criterion::Preprint);
    assert_eq!(point.class, Class::Open, "{}", point.notes);
    // Nor is a repository named for a later generation this model's code.
    let repo = github("acme/Widget3", Some("Apache-2.0"), "Widget3 chat models", "# Widget3\n\nTrain Widget3 with `finetune.py`.\n", &["README.md", "finetune.py"], &model_card_url(id));
    let w = versioned(arxiv("2309.01234", "Widget Technical Report", ABOUT_WIDGET, None, &model_card_url(id))).repo(repo);
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("another model's code") && v.notes.contains("acme/Widget3"), "{}", v.notes);
}

#[test]
fn preprint_the_model_tags_outranks_other_papers_that_mention_it() {
    let own = arxiv("2405.01234", "Widget: Open Weights Chat Models", "We release Widget, instruction fine-tuned chat models.", None, &model_api_url(END));
    let dataset_paper = arxiv("2402.01234", "The Widget Mix: A Dataset", ABOUT_WIDGET, Some("Accepted at ACL 2024"), &dataset_card_url(MIX));
    let w = open_end().paper(own).paper(dataset_paper);
    let v = w.judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://arxiv.org/abs/2405.01234".to_string()]);
    // Nor is the dataset paper's acceptance this model's peer-reviewed paper.
    assert_eq!(w.judge(Criterion::Paper).class, Class::Closed, "{}", w.judge(Criterion::Paper).notes);
    // A paper titled with the model's own generation is its own too, wherever it is linked.
    let versioned = |paper: PaperEv| {
        let id = "acme/widget2.5-7b-chat";
        World::new(id, "Widget2.5 7B Chat")
            .model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(id, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)))
            .paper(arxiv("2407.01234", "Widget2 Technical Report", "We release Widget2, instruction fine-tuned chat models.", None, &model_api_url(id)))
            .paper(paper)
    };
    let report = arxiv("2412.01234", "Widget2.5 Technical Report", ABOUT_WIDGET, None, &dataset_card_url(MIX));
    assert_eq!(versioned(report).judge(Criterion::Preprint).class, Class::Open);
    // Without a paper of its own, a paper that names the model is still read.
    let dataset_paper = arxiv("2402.01234", "The Widget Mix: A Dataset", ABOUT_WIDGET, None, &dataset_card_url(MIX));
    assert_eq!(open_end().paper(dataset_paper).judge(Criterion::Preprint).class, Class::Open);
}

#[test]
fn preprint_named_like_both_the_model_and_its_base_is_about_the_model() {
    // "WidgetLM2 Chat" splits into "Widget" and "LM2"; "widget" is only a fragment of the word
    // the model shares with its base, so it does not tell them apart.
    let (id, base) = ("acme/widgetlm2-chat-7b", "acme/widgetlm2-7b");
    let w = World::new(id, "WidgetLM2 Chat 7B")
        .model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"base_model": base}))), model_card(id, &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY)))
        .model(base, ModelRole::Base, model_api(&fx::hf_model(base, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), not_found(model_card_url(base)))
        .paper(arxiv("2403.01234", "WidgetLM2 Technical Report", "We present WidgetLM2, pretrained on 2T tokens and fine-tuned for chat.", None, &model_api_url(id)));
    let v = w.judge(Criterion::Preprint);
    assert!(v.notes.contains("is about this model"), "{}", v.notes);
}

#[test]
fn preprint_not_about_the_model_is_closed() {
    let w = open_end().paper(arxiv(
        "2305.09876",
        "Scaling Laws for Sparse Retrieval",
        "We study how retrieval quality scales with index size and model parameters, pretraining on 300 billion tokens of web text.",
        Some("Accepted at ICML 2023"),
        &model_card_url(END),
    ));
    let v = w.judge(Criterion::Preprint);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("not about this model") && v.notes.contains("2305.09876"), "{}", v.notes);
    // Its acceptance note is not a paper about this model either, and the notes say so.
    let v = w.judge(Criterion::Paper);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.contains("the linked arXiv paper is not about this model"), "{}", v.notes);
}
