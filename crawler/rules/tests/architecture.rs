//! Tests of the architecture rule.

use super::*;

#[test]
fn architecture_from_card_section_is_partial_at_most() {
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &full_card_body());
    let v = w.judge(Criterion::Architecture);
    assert_eq!(v.class, Class::Partial, "a reviewer has to read it: {}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.evidence[0].snippet.contains("Model Architecture"), "{:?}", v.evidence);

    let v = open_end().judge(Criterion::Architecture);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn architecture_from_a_training_section_or_a_labelled_line() {
    let judge = |body: &str| {
        let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), body));
        w.judge(Criterion::Architecture)
    };
    let v = judge("# Widget\n\n## Training\n\nTrained on 3,072 GPUs with the AdamW optimizer, learning rate 3e-4 and batch size 4M tokens.\n");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.evidence[0].snippet.contains("card section \"Training\""), "{:?}", v.evidence);
    assert!(
        v.notes.contains(&format!("the card of {END}, section \"Training\" (mentions gpus, optimizer, learning rate, batch size, tokens)")),
        "the notes say where and which details: {}",
        v.notes
    );
    let v = judge("# Widget\n\n**Model Architecture:** Widget is an auto-regressive language model that uses an optimized transformer architecture.\n\n## Use\n\nChat with it.\n");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.evidence[0].snippet.contains("optimized transformer"), "{:?}", v.evidence);
    // A section titled for the architecture needs only one technical term.
    let v = judge("# Widget\n\n## Model Architecture\n\nA 10B dense transformer combined with a residual MoE MLP, 480B parameters in total.\n");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(judge("# Widget\n\n## Model Architecture\n\nSee our blog.\n").class, Class::Closed);
    // A training section with no technical detail, or a label with nothing technical, is not enough.
    assert_eq!(judge("# Widget\n\n## Training\n\nWe trained it with care.\n\nArchitecture: see our blog for more.\n").class, Class::Closed);
}

#[test]
fn architecture_from_a_preprint_that_reports_the_pretraining() {
    let judge = |summary: &str| open_end().paper(arxiv("2401.01234", "Widget Technical Report", summary, None, &model_api_url(END))).judge(Criterion::Architecture);
    let v = judge("We present Widget, pretrained from scratch on 2 trillion tokens and aligned for chat.");
    assert_eq!((v.class, v.confidence), (Class::Partial, Confidence::Low), "{}", v.notes);
    assert!(v.notes.contains("arXiv 2401.01234 \"Widget Technical Report\", which reports the model's pretraining"), "{}", v.notes);
    assert_eq!(v.links, vec!["https://arxiv.org/abs/2401.01234"]);
    // Two words of the training setup describe it too.
    let v = judge("We study scaling with model wind tunnel experiments and a new learning rate scheduler, and release Widget with 2.4B parameters.");
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("(mentions learning rate, parameters)"), "{}", v.notes);
    // A paper about the tuning alone says nothing of the architecture.
    let tuning = "We fine-tune Widget on 70K user-shared conversations and evaluate the chat assistant with human judges.";
    assert_eq!(judge(tuning).class, Class::Closed);
    // Unless the base is another developer's: then the tuning is all the training setup the
    // system's developer has to document.
    let card = fx::model_card(&chat_front("apache-2.0"), "# Widget-7B-Chat\n\nWidget-7B-Chat was fine-tuned from Gizmo-7B on user-shared conversations.\n");
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &card).paper(arxiv("2401.01234", "Widget Technical Report", tuning, None, &model_api_url(END)));
    let v = w.judge(Criterion::Architecture);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("which reports how the model was tuned from another developer's base"), "{}", v.notes);
}
