//! Tests of the model-card and datasheet rules.

use super::*;

#[test]
fn datasheet_of_data_a_card_table_shows_to_be_part_of_the_mix_is_partial() {
    let corpus = "acme/gizmo-webtext";
    let full = datasheet_text(125);
    let with_mix = |table: &str| {
        let card = fx::model_card("license: apache-2.0\n", &format!("# Gizmo-7B\n\n## Training Data\n\nGizmo was pretrained on 1T tokens.\n\n{table}\n"));
        end_with_base()
            .model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0"}))), model_card(BASE, &card))
            .dataset(corpus, DataRole::Pretraining, BASE, public_dataset(corpus, "odc-by"), dataset_card(corpus, &full))
            .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &full))
    };
    let mix = "| Data source | Fraction |\n|---|---|\n| Gizmo WebText | 80% |\n| Books | 15% |\n| Conversations | 5% |\n";
    let v = with_mix(mix).judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(&format!("the \"Training Data\" table of {} also lists Books, Conversations", model_card_url(BASE))), "{}", v.notes);
    // A table of parts of the named corpus leaves every source documented.
    let parts = "| Subset | Share |\n|---|---|\n| WebText (English) | 90% |\n| webtext-fr | 10% |\n";
    assert_eq!(with_mix(parts).judge(Criterion::Datasheet).class, Class::Open);
}

#[test]
fn model_card_without_front_matter_is_judged_from_sections() {
    let text = full_card_body();
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &text);
    let card = w.ev.end_model().unwrap().card.value().unwrap();
    assert!(card.front_matter.is_none() && card.front_matter_error.is_none());
    let v = w.judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7"), "{}", v.notes);
    assert!(!v.notes.contains("metadata block is broken"));
    assert_eq!(v.links, vec![format!("https://huggingface.co/{END}")]);
}

#[test]
fn model_card_with_broken_front_matter_says_so() {
    let text = format!("---\nlicense: apache-2.0\ntags: [chat\n  - bad: : :\n---\n{}", full_card_body());
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &text);
    let v = w.judge(Criterion::ModelCard);
    assert!(v.notes.contains("metadata block is broken"), "{}", v.notes);
    assert!(v.notes.contains("YAML"), "{}", v.notes);
    // The entries that parse are still read, the licence among them.
    assert!(v.notes.contains("leaving out: tags"), "{}", v.notes);
    // The sections are still read.
    assert_eq!(v.class, Class::Open, "{}", v.notes);
}

#[test]
fn model_card_covering_every_topic_briefly_is_partial_and_says_why() {
    let section = |title: &str| format!("## {title}\n\n{}\n\n", prose(&["This section says what it is about in some detail."], 60));
    let body: String = ["Model Details", "Intended Use", "Training Data", "Training Procedure", "Model Architecture", "Evaluation", "Limitations"].iter().map(|t| section(t)).collect();
    let v = apache_end_with_card(&format!("# Widget\n\n{body}")).judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7") && v.notes.contains("too short to be comprehensive"), "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Medium, "every topic is there: {}", v.confidence_reason);
}

/// Evaluation results in a card's metadata, as the Hub's `model-index` holds them.
const EVAL_RESULTS: &str = "model-index:\n- name: widget-7b-chat\n  results:\n  - task:\n      type: text-generation\n    dataset:\n      name: ARC\n      type: ai2_arc\n    metrics:\n    - type: acc_norm\n      value: 61.2\n";

/// `card` without its "## `heading`" section.
fn without_section(card: &str, heading: &str) -> String {
    let start = card.find(&format!("## {heading}\n")).expect("the section is in the card");
    let end = card[start + 3..].find("\n## ").map_or(card.len(), |i| start + 3 + i + 1);
    format!("{}{}", &card[..start], &card[end..])
}

#[test]
fn model_card_without_the_architecture_is_not_comprehensive() {
    let without = without_section(&full_card_body(), "Model Architecture");
    let v = apache_end_with_card(&without).judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("missing: architecture") && v.notes.contains("Without the architecture it is not comprehensive"), "{}", v.notes);
    // Described in technical terms under another heading, it is covered.
    let details = "## Model Details\n\nWidget is a decoder-only transformer with 32 layers, 32 attention heads, a context length of 4096 tokens and 7B parameters.\n\n";
    let v = apache_end_with_card(&without.replacen("## Model Details\n\n", details, 1)).judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7"), "{}", v.notes);
}

#[test]
fn model_card_without_evaluation_is_not_comprehensive() {
    // The rubric's comprehensive card covers evaluation as well as architecture and training.
    let without = without_section(&full_card_body(), "Evaluation");
    let v = apache_end_with_card(&without).judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("missing: evaluation") && v.notes.contains("Without the evaluation it is not comprehensive"), "{}", v.notes);
    // Results in the metadata are the card's evaluation.
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&format!("{}{EVAL_RESULTS}", chat_front("apache-2.0")), &without));
    assert_eq!(w.judge(Criterion::ModelCard).class, Class::Open);
    // Missing both, the notes name both.
    let v = apache_end_with_card(&without_section(&without, "Model Architecture")).judge(Criterion::ModelCard);
    assert!(v.notes.contains("Without the architecture and the evaluation it is not comprehensive"), "{}", v.notes);
}

#[test]
fn model_card_near_empty_is_closed() {
    let text = fx::model_card("license: apache-2.0\n", "# Model Card for widget-7b-chat\n\n<!-- Provide a quick summary of what the model is/does. -->\n\n## Model Details\n\nMore information needed.\n\n## Uses\n\n[More Information Needed]\n");
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &text);
    let v = w.judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.links.is_empty());
}

#[test]
fn model_card_on_details_and_use_only_is_closed() {
    // 300 words, but nothing on architecture, training, tuning or evaluation.
    let about = prose(&["Widget-7B-Chat is an instruction-following model released by Acme.", "It is licensed for commercial use."], 120);
    let usage = prose(&["Use it to draft emails and answer questions.", "Do not use it for medical advice."], 180);
    let body = format!("# Widget\n\n## Model Details\n\n{about}\n\n## Intended Uses\n\n{usage}\n");
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &body));
    let v = w.judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("covers 2 of 7 standard topics: model details, intended use"), "{}", v.notes);
    // One technical section makes it partial.
    let body = format!("{body}\n## Evaluation\n\n{}\n", prose(&["It scores 61 on the reasoning benchmark."], 40));
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &body));
    let v = w.judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Partial);
    // Three of seven topics: whether it documents the model or advertises it needs reading.
    assert_eq!(v.confidence, Confidence::Low, "{}", v.confidence_reason);
}

#[test]
fn model_card_evaluation_results_in_the_metadata_count_as_evaluation() {
    let about = prose(&["Widget-7B-Chat is an instruction-following model released by Acme."], 120);
    let usage = prose(&["Use it to draft emails and answer questions."], 180);
    let body = format!("# Widget\n\n## Model Details\n\n{about}\n\n## Intended Uses\n\n{usage}\n");
    let judge = |front: &str| end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(front, &body)).judge(Criterion::ModelCard);
    let v = judge(&format!("{}{EVAL_RESULTS}", chat_front("apache-2.0")));
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("covers 3 of 7 standard topics: model details, intended use, evaluation") && v.notes.contains("`model-index`"), "{}", v.notes);
    // An index entry without results is no evaluation.
    let v = judge(&format!("{}model-index:\n- name: widget-7b-chat\n  results: []\n", chat_front("apache-2.0")));
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn model_card_training_data_heading_is_not_the_training_procedure() {
    let section = |title: &str| format!("## {title}\n\n{}\n\n", prose(&["This section says what it is about in some detail."], 120));
    let body: String = ["Model Information", "Intended Use", "Training Data", "Hardware and Software", "Benchmark scores", "Ethical Considerations and Limitations"].iter().map(|t| section(t)).collect();
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}")));
    let v = w.judge(Criterion::ModelCard);
    assert!(v.notes.contains("missing: training procedure"), "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "without the training procedure it is not comprehensive: {}", v.notes);
    // Nor is a "Training Details" heading whose only text is its "Training Data" subsection.
    let nested = body.replace("## Training Data", "## Training Details\n\n### Training Data");
    let v = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{nested}"))).judge(Criterion::ModelCard);
    assert!(v.notes.contains("missing: training procedure"), "{}", v.notes);
}

#[test]
fn model_card_fine_tuning_instructions_for_users_are_not_the_training_procedure() {
    let section = |heading: &str| format!("{heading}\n\n{}\n\n", prose(&["This section says what it is about in some detail."], 120));
    let body: String = ["## Model Information", "## Usage", "### Fine-tuning the model", "## Training Data", "## Hardware and Software", "## Evaluation", "## Limitations"].iter().map(|h| section(h)).collect();
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}")));
    let v = w.judge(Criterion::ModelCard);
    assert!(v.notes.contains("missing: training procedure"), "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    // The same heading outside a usage section describes how the model was tuned.
    let body = body.replace("### Fine-tuning the model", "## Fine-tuning");
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}")));
    assert_eq!(w.judge(Criterion::ModelCard).class, Class::Open);
}

#[test]
fn model_card_training_hyperparameters_under_a_usage_heading_are_the_training_procedure() {
    // A heading-level slip puts "Training hyperparameters" under "How To Use": it still says
    // how the model was trained.
    let section = |heading: &str| format!("{heading}\n\n{}\n\n", prose(&["This section says what it is about in some detail."], 120));
    let body: String = ["## Model Details", "## How To Use", "### Training hyperparameters", "## Training Data", "## Model Architecture", "## Evaluation", "## Limitations"].iter().map(|h| section(h)).collect();
    let v = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}"))).judge(Criterion::ModelCard);
    assert!(v.notes.contains("covers 7 of 7"), "{}", v.notes);
}

#[test]
fn model_card_evaluation_headings_of_the_model_card_standard() {
    // Mitchell et al.'s "Quantitative Analyses", and a question heading, are evaluation.
    for heading in ["## Quantitative Analyses", "## How was Widget evaluated?"] {
        let section = |heading: &str| format!("{heading}\n\n{}\n\n", prose(&["This section says what it is about in some detail."], 120));
        let body: String = ["## Model Details", heading].iter().map(|h| section(h)).collect();
        let v = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}"))).judge(Criterion::ModelCard);
        assert!(v.notes.contains("covers 2 of 7 standard topics: model details, evaluation"), "{heading}: {}", v.notes);
    }
}

#[test]
fn model_card_headings_in_chinese_are_read() {
    // A card written in Chinese only: its headings name the same topics.
    let section = |title: &str, text: &str| format!("## {title}\n\n{}\n\n", text.repeat(30));
    let body = [
        section("模型介绍", "Widget 是一个开源的对话语言模型。"),
        section("训练数据", "我们使用了公开的网页与书籍语料。"),
        section("训练细节", "学习率为二乘十的负五次方，训练三个轮次。"),
        section("模型结构", "模型采用三十二层的解码器结构。"),
        section("评测结果", "在常见基准上取得了较好的成绩。"),
        section("局限性", "模型可能生成不准确或有偏见的内容。"),
    ]
    .concat();
    let w = end_model(Some("apache-2.0"), Gated::No, SHARDS, Value::Null, &fx::model_card(&chat_front("apache-2.0"), &format!("# Widget\n\n{body}")));
    let v = w.judge(Criterion::ModelCard);
    assert!(v.notes.contains("covers 6 of 7 standard topics: model details, training data, training procedure, architecture, evaluation, limitations"), "{}", v.notes);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
}

#[test]
fn model_card_failed_fetch_is_closed_low() {
    let w = World::end().model(END, ModelRole::End, restricted(model_api_url(END)), failed(model_card_url(END), "timed out"));
    let v = w.judge(Criterion::ModelCard);
    assert_eq!(v.class, Class::Closed);
    assert_eq!(v.confidence, Confidence::Low);
}

#[test]
fn datasheet_data_description_mix_and_loading_sections() {
    let corpus = "acme/web-corpus";
    let text = format!(
        "# Web corpus\n\n## Data Description\n\n{}\n\n## DataMix\n\n| Subset | Tokens |\n|---|---|\n| Web | 600 |\n\n## Loading the data\n\n{}\n",
        prose(&["The corpus holds tokenized chunks of filtered web text."], 120),
        prose(&["Download the chunks with the datasets library."], 80)
    );
    let w = open_end().dataset(corpus, DataRole::Pretraining, END, public_dataset(corpus, "apache-2.0"), dataset_card(corpus, &text));
    let v = w.judge(Criterion::Datasheet);
    assert!(v.notes.contains("composition, distribution"), "{}", v.notes);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
}

#[test]
fn datasheet_topics_of_dataset_cards() {
    let full = datasheet_text(125);
    let web = "acme/web-corpus";
    let w = end_with_base()
        .dataset(web, DataRole::Pretraining, END, public_dataset(web, "odc-by"), dataset_card(web, &full))
        .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &full));
    let v = w.judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7 datasheet topics"), "{}", v.notes);
    assert_eq!(v.links, vec![format!("https://huggingface.co/datasets/{web}")]);

    // The same datasheet for the tuning data alone: the pretraining data has none.
    let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &full));
    let v = w.judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("no dataset of the pretraining data of the base model is named"), "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Medium, "a full datasheet: {}", v.confidence_reason);
    assert_eq!(v.links, vec![format!("https://huggingface.co/datasets/{MIX}")]);

    // A shorter card covering fewer topics is partial.
    let short = fx::model_card("license: cc-by-4.0\n", &format!("# Dataset Card for widget-chat-mix\n\n## Dataset Summary\n\n{}\n\n## Source Data\n\n{}\n", prose(&["The mix holds 300k English dialogues between users and an assistant."], 120), prose(&["Dialogues were written by volunteers on a public annotation platform."], 100)));
    let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &short));
    let v = w.judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("composition, collection"), "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low, "two of seven topics need reading: {}", v.confidence_reason);

    // One topic in a card of some length is some documentation (partial); a card that covers
    // no datasheet topic, or only a line or two, is none.
    let card_of = |sections: &str| fx::model_card("license: cc-by-4.0\n", &format!("# Dataset Card for widget-chat-mix\n\n{sections}"));
    let one_topic = card_of(&format!("## Dataset Structure\n\n{}\n", prose(&["Each record holds a prompt, a chosen answer and a rejected answer, with scores from four annotators."], 210)));
    let no_topic = card_of(&format!("## Overview\n\n{}\n", prose(&["The mix is a set of English dialogues shared by Acme."], 210)));
    let one_line = card_of("## Dataset Structure\n\nPrompt, chosen, rejected.\n");
    for (card, class, what) in [(one_topic, Class::Partial, "one topic, 210 words"), (no_topic, Class::Closed, "no topic"), (one_line, Class::Closed, "a line")] {
        let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &card));
        let v = w.judge(Criterion::Datasheet);
        assert_eq!(v.class, class, "{what}: {}", v.notes);
    }

    // A full datasheet for one named dataset, none for another: the training data is only
    // partly documented.
    let w = end_with_base()
        .dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &full))
        .dataset(LOGS, DataRole::FineTuning, END, public_dataset(LOGS, "cc-by-4.0"), not_found(dataset_card_url(LOGS)));
    let v = w.judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("covers 7 of 7 datasheet topics") && v.notes.contains(&format!("no full datasheet: {LOGS} (no card)")), "{}", v.notes);

    // No dataset at all: closed.
    let v = open_end().judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
}

#[test]
fn a_linked_public_summary_of_the_training_content_is_an_osai_datasheet() {
    let summary = "https://acme.example/legal/widget-training-content-summary.pdf";
    let body = format!("{PLAIN_BODY}\n## Training data\n\nSee our [public summary of training content]({summary}) for the EU AI Act.\n");
    let w = apache_end_with_card(&body);
    let v = w.judge(Criterion::DataSummary);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.confidence, Confidence::Low);
    assert_eq!(v.links, vec![summary.to_string()]);
    assert!(v.notes.contains("No evidence found: no dataset is linked") && v.notes.contains("EU AI Act Art. 53(1)(d)"), "{}", v.notes);
    // The faccT24 datasheet asks for a datasheet, which a summary is not.
    assert_eq!(w.judge(Criterion::Datasheet).class, Class::Closed);
    // Without the summary, the osai datasheet is the datasheet.
    let v = open_end().judge(Criterion::DataSummary);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // A datasheet and a summary: the datasheet's class, both cited.
    let w = apache_end_with_card(&body).dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &datasheet_text(125)));
    let v = w.judge(Criterion::DataSummary);
    assert_eq!(v.class, w.judge(Criterion::Datasheet).class, "{}", v.notes);
    assert_ne!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.links.contains(&summary.to_string()) && v.links.contains(&format!("https://huggingface.co/datasets/{MIX}")), "{:?}", v.links);
}
