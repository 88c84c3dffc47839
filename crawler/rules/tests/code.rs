//! Tests of the training-code and code-documentation rules.

use super::*;

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

// ---------------------------------------------------------------- code documentation

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
    // README length is a proxy for how well the code is documented: a reviewer should read it.
    assert_eq!(v.confidence, Confidence::Low, "{}", v.confidence_reason);

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
