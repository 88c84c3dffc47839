//! Tests of the documentation rules: model card, datasheet, training code, code docs and architecture.

use super::*;

// ---------------------------------------------------------------- docs: model card, datasheet

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
    assert_eq!(w.judge(Criterion::ModelCard).class, Class::Partial);
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
    assert_eq!(v.links, vec![format!("https://huggingface.co/datasets/{MIX}")]);

    // A shorter card covering fewer topics is partial.
    let short = fx::model_card("license: cc-by-4.0\n", &format!("# Dataset Card for widget-chat-mix\n\n## Dataset Summary\n\n{}\n\n## Source Data\n\n{}\n", prose(&["The mix holds 300k English dialogues between users and an assistant."], 120), prose(&["Dialogues were written by volunteers on a public annotation platform."], 100)));
    let w = end_with_base().dataset(MIX, DataRole::FineTuning, END, public_dataset(MIX, "cc-by-4.0"), dataset_card(MIX, &short));
    let v = w.judge(Criterion::Datasheet);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("composition, collection"), "{}", v.notes);

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

// ---------------------------------------------------------------- docs: training code

#[test]
fn training_code_repo_named_after_model_with_train_and_data_prep_is_open() {
    let tree = ["README.md", "LICENSE", "setup.py", "train/pretrain.py", "train/sft.py", "data_prep/dedup.py", "data_prep/filter_quality.py", "configs/widget_7b.yaml", "widget/model.py"];
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &tree));
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.links.iter().any(|l| l == "https://github.com/acme/widget/blob/main/train/pretrain.py"), "{:?}", v.links);
    assert!(v.links.iter().any(|l| l.starts_with("https://github.com/acme/widget/blob/main/data_prep/")), "{:?}", v.links);
}

#[test]
fn training_code_cites_the_files_named_for_training_before_launchers_in_a_training_folder() {
    let tree = ["README.md", "train/docker/run.sh", "train/scripts/merge_weights.sh", "train/src/sft_train.py", "train/src/entry_point/dpo_tune.py"];
    let v = open_end().repo(widget_repo(Some("Apache-2.0"), &tree)).judge(Criterion::TrainingCode);
    let blob = |p: &str| format!("https://github.com/acme/widget/blob/main/{p}");
    let mut links = v.links.clone();
    links.sort();
    assert_eq!(links, vec![blob("train/src/entry_point/dpo_tune.py"), blob("train/src/sft_train.py")], "{}", v.notes);
}

#[test]
fn training_code_without_data_prep_is_partial() {
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &["README.md", "finetune/lora.py", "widget/model.py"]));
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
}

#[test]
fn training_code_inference_only_is_closed() {
    let tree = ["README.md", "requirements.txt", "inference.py", "demo/app.py", "examples/chat_cli.py", "widget/model.py"];
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &tree));
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("Only inference or demo code"), "{}", v.notes);
    assert!(v.links.is_empty());
}

#[test]
fn training_code_generic_framework_not_about_the_model_is_not_counted() {
    let framework = github(
        "bigco/trainkit",
        Some("Apache-2.0"),
        "Fast distributed training for transformer language models",
        "# trainkit\n\nA library for pretraining and fine-tuning large language models on GPU clusters.\n\n## Install\n\npip install trainkit\n",
        &["README.md", "trainkit/train.py", "scripts/train.sh", "data_prep/dedup.py", "setup.py"],
        &model_card_url(END),
    );
    let w = open_end().repo(framework);
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("generic tools") && v.notes.contains("bigco/trainkit"), "{}", v.notes);
    // Nor does it count as the model's package or code licence.
    assert_eq!(w.judge(Criterion::Package).class, Class::Closed);
    assert_eq!(w.judge(Criterion::Licenses).class, Class::Closed, "weights only: {}", w.judge(Criterion::Licenses).notes);

    // A framework's long README that shows the model off in passing is still a framework's;
    // a recipes README that keeps coming back to it is about it.
    let shows_off = |filler_words: usize| {
        let readme = format!(
            "# trainkit

{}

## News

- trainkit trained Widget-7B.
- Widget-7B-Chat inference is 2x faster.
- A Widget tutorial is out.
",
            prose(&["A library for pretraining and fine-tuning large language models on GPU clusters."], filler_words)
        );
        let framework = github("bigco/trainkit", Some("Apache-2.0"), "Fast distributed training", &readme, &["README.md", "trainkit/train.py", "setup.py"], &model_card_url(END));
        open_end().repo(framework).judge(Criterion::TrainingCode).class
    };
    assert_eq!(shows_off(3000), Class::Closed);
    assert_eq!(shows_off(200), Class::Partial);
}

#[test]
fn training_code_the_card_says_the_model_was_trained_with_is_the_developers_own_codebase() {
    let with_card = |sentence: &str, repo: &str| {
        let body = format!("{PLAIN_BODY}\n## Training\n\n{sentence}\n");
        let r = github(repo, Some("Apache-2.0"), "Recipes for tuning language models", "# Recipes\n\nRun `finetune.py` with a config.\n", &["README.md", "finetune.py", "configs/sft.yaml", "setup.py"], &model_card_url(END));
        apache_end_with_card(&body).repo(r)
    };
    let w = with_card("The chat model was trained using the [lm-recipes](https://github.com/acme/lm-recipes) codebase.", "acme/lm-recipes");
    let v = w.judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("the card says the model was trained with it: \"The chat model was trained using the [lm-recipes]"), "{}", v.notes);
    // A codebase the model was trained with is not its package.
    assert_eq!(w.judge(Criterion::Package).class, Class::Closed, "{}", w.judge(Criterion::Package).notes);
    // Another organisation's library it was tuned with is a generic tool.
    let v = with_card("We fine-tuned this model using the [trainkit library](https://github.com/bigco/trainkit).", "bigco/trainkit").judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // The developer's repository listed without saying it trained the model is not enough.
    let v = with_card("* **Library**: [lm-recipes](https://github.com/acme/lm-recipes)", "acme/lm-recipes").judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
}

#[test]
fn training_code_configured_repo_counts_even_without_the_name() {
    // Named in the tracked model's config entry: about the model by declaration.
    let r = github("acme/lm-recipes", Some("Apache-2.0"), "", "# Recipes\n", &["README.md", "pretrain/run.py", "preprocess/tokenize.py"], "config");
    let v = open_end().repo(r).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
}

#[test]
fn training_code_for_a_self_trained_base_needs_pretraining_code_to_be_open() {
    // No base declared and nothing about tuning from another model: the developer
    // pretrained it, so tuning and data-curation code alone are only part of the code.
    let tree = ["README.md", "finetune/sft.py", "finetune/dpo.py", "data_prep/dedup.py", "widget/model.py", "benchmarks/pretrained_api_benchmark.py"];
    let v = open_end().repo(widget_repo(Some("Apache-2.0"), &tree)).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("no pretraining code was found") && v.notes.contains(END), "{}", v.notes);
    // A base from the same organisation is the developer's too.
    let w = end_with_base().model(BASE, ModelRole::Base, model_api(&fx::hf_model(BASE, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), model_card(BASE, "# Gizmo\n"));
    let v = w.repo(widget_repo(Some("Apache-2.0"), &tree)).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains(BASE), "{}", v.notes);
}

#[test]
fn training_code_for_a_base_from_another_organisation_needs_tuning_and_data_code() {
    let other = "otherlab/gizmo-7b";
    let fm = format!("{}base_model: {other}\n", chat_front("apache-2.0"));
    let w = World::end()
        .model(END, ModelRole::End, model_api(&fx::hf_model(END, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({"license": "apache-2.0", "base_model": other}))), model_card(END, &fx::model_card(&fm, "# Widget\n\nGizmo-7B fine-tuned on conversations.\n")))
        .model(other, ModelRole::Base, model_api(&fx::hf_model(other, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), model_card(other, "# Gizmo\n"));
    let tree = ["README.md", "finetune/sft.py", "data_prep/dedup.py"];
    let v = w.clone().repo(widget_repo(Some("Apache-2.0"), &tree)).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    // A script that generates the instruction data is data-curation code too.
    for maker in ["generate_instruction.py", "scripts/build_dataset.sh", "data/data_gen.py"] {
        let v = w.clone().repo(widget_repo(Some("Apache-2.0"), &["README.md", "finetune/sft.py", maker])).judge(Criterion::TrainingCode);
        assert_eq!(v.class, Class::Open, "{maker}: {}", v.notes);
    }
    // Generating samples or text from the model is inference.
    for runner in ["generate_samples.py", "generate.py", "regenerate_dataset_card.py"] {
        let v = w.clone().repo(widget_repo(Some("Apache-2.0"), &["README.md", "finetune/sft.py", runner])).judge(Criterion::TrainingCode);
        assert_eq!(v.class, Class::Partial, "{runner}: {}", v.notes);
    }
}

#[test]
fn training_code_readme_on_pretraining_next_to_training_scripts_counts_as_pretraining_code() {
    let readme = "# Widget\n\nThis repository holds the code we used to pre-train Widget from scratch on 1T tokens.\n\n## Training\n\nRun `bash run.sh`.\n";
    let r = github("acme/widget", Some("Apache-2.0"), "Widget training", readme, &["README.md", "main.py", "run.sh", "finetune/sft.py", "data_prep/mix.py"], &model_card_url(END));
    let v = open_end().repo(r).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("Pretraining code: acme/widget/"), "{}", v.notes);
}

#[test]
fn training_code_in_a_truncated_file_list_is_low_confidence() {
    let mut r = widget_repo(Some("Apache-2.0"), &["README.md", "inference/chat.py"]);
    let v = open_end().repo(r.clone()).judge(Criterion::TrainingCode);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Medium), "{}", v.notes);
    if let Avail::Found(tree) = &mut r.tree {
        tree.value.truncated = true;
    }
    let v = open_end().repo(r).judge(Criterion::TrainingCode);
    assert_eq!((v.class, v.confidence), (Class::Closed, Confidence::Low), "{}", v.notes);
    assert!(v.notes.contains("truncated the file list of acme/widget"), "{}", v.notes);
}

#[test]
fn training_code_test_runner_script_is_not_training_code() {
    // A README with a training section does not make `run_pytest.sh` a training script, and a
    // package marker in `training/` is not training code.
    let readme = "# Widget

## Training

See the paper.
";
    let r = github("acme/widget", Some("Apache-2.0"), "Widget training", readme, &["README.md", "run_pytest.sh", "test/test_model.py", "training/__init__.py"], &model_card_url(END));
    let v = open_end().repo(r).judge(Criterion::TrainingCode);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("0 training"), "{}", v.notes);
}

// ---------------------------------------------------------------- docs: code docs, architecture

/// A README with install/usage and training sections, of at least `words` words.
fn readme(words: usize) -> String {
    let per = words / 3 + 1;
    format!(
        "# Widget\n\nTraining and inference code for Widget models.\n\n## Installation\n\n{}\n\n```bash\npip install -e .\n```\n\n## Usage\n\n{}\n\n## Training\n\n{}\n",
        prose(&["Clone the repository and install the package in a fresh Python 3.10 environment.", "A CUDA 12 toolkit is needed for the fused kernels."], per),
        prose(&["Load a checkpoint with the provided loader and call generate with a prompt.", "Sampling parameters are read from generation_config.json."], per),
        prose(&["Pretraining is launched with train/pretrain.py and a YAML config.", "Data is tokenized beforehand with data_prep/tokenize.py."], per),
    )
}

#[test]
fn code_docs_by_readme_depth_and_doc_files() {
    let tree = ["README.md", "train/pretrain.py", "data_prep/tokenize.py", "docs/index.md", "docs/training.md", "docs/data.md", "docs/faq.md"];
    let v = open_end().repo(widget_repo_with_readme(&readme(1600), &tree)).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/acme/widget".to_string()]);

    let v = open_end().repo(widget_repo_with_readme(&readme(400), &tree[..3])).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);

    let v = open_end().repo(widget_repo_with_readme("# Widget\n\nCode for Widget.\n", &tree[..3])).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);

    // A well-written README without any code is no code documentation.
    let v = open_end().repo(widget_repo_with_readme(&readme(1600), &["README.md", "docs/index.md"])).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
}

#[test]
fn code_docs_of_a_repository_that_only_runs_the_model_are_not_documentation_of_its_code() {
    // A long README over code to load the model and chat with it documents using the model.
    let inference = ["README.md", "inference/chat.py", "demo/web_demo.py", "docs/deploy.md", "docs/api.md", "docs/faq.md"];
    let v = open_end().repo(widget_repo_with_readme(&readme(1600), &inference)).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("(acme/widget) only runs the model"), "{}", v.notes);
    assert!(v.links.is_empty(), "{:?}", v.links);
    // The same repository with a tuning script documents this model's code.
    let with_tuning: Vec<&str> = inference.iter().copied().chain(["finetune/sft.py"]).collect();
    let v = open_end().repo(widget_repo_with_readme(&readme(1600), &with_tuning)).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
}

#[test]
fn a_linked_folder_of_a_framework_repository_holds_and_documents_the_models_code() {
    // A recipes repository for many models: its README never names this one.
    let framework = || {
        github(
            "labs/recipes",
            Some("Apache-2.0"),
            "Recipes for aligning language models",
            "# Recipes\n\nScripts and configs to fine-tune language models.\n\n## Installation\n\npip install -e .\n",
            &["README.md", "scripts/run_sft.py", "recipes/widget-7b-chat/README.md", "recipes/widget-7b-chat/sft.yaml"],
            &model_card_url(END),
        )
    };
    let v = open_end().repo(framework()).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Closed, "a generic framework is not this model's code: {}", v.notes);
    // The card links the folder that holds this model's recipe; its README documents it.
    let recipe = format!("# Widget 7B Chat recipe\n\nHow Widget-7B-Chat was trained.\n\n## Training\n\n{}", prose(&["Run scripts/run_sft.py with recipes/widget-7b-chat/sft.yaml on eight GPUs.", "The learning rate is 2e-5 with a cosine schedule and a batch size of 128."], 320));
    let w = open_end().repo(framework()).folder("labs/recipes", "recipes/widget-7b-chat", Some(&recipe));
    let v = w.judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/labs/recipes/blob/main/recipes/widget-7b-chat/README.md".to_string()]);
    assert!(v.notes.contains("folder recipes/widget-7b-chat: README of") && v.notes.contains("README of 15 words"), "{}", v.notes);
    assert_ne!(w.judge(Criterion::TrainingCode).class, Class::Closed);
    // Its training section describes the training setup.
    let v = w.judge(Criterion::Architecture);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("the README of labs/recipes, folder recipes/widget-7b-chat, section \"Training\""), "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/labs/recipes/blob/main/recipes/widget-7b-chat/README.md".to_string()]);
    // A linked folder with no README, named after something else, changes nothing.
    let v = open_end().repo(framework()).folder("labs/recipes", "recipes/other-model", None).judge(Criterion::CodeDocs);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // Nor does a framework's folder of modelling code named after the model but without a
    // README: the framework's own training scripts are not this model's training code.
    let w = open_end().repo(framework()).folder("labs/recipes", "src/models/widget", None);
    assert_eq!(w.judge(Criterion::TrainingCode).class, Class::Closed);
}

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
