//! Tests of the access rules: installable package and API.

use super::*;

// ---------------------------------------------------------------- access

#[test]
fn package_whose_project_urls_point_at_the_model_repo_is_open() {
    let proj = fx::pypi_project("acme-serve", "0.4.2", "Serving and fine-tuning utilities", "", &[("Source", "https://github.com/acme/widget"), ("Documentation", "https://acme.example/docs")]);
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &["README.md", "pyproject.toml", "widget/model.py"])).package(pypi(&proj, "https://api.github.com/repos/acme/widget/readme"));
    let v = w.judge(Criterion::Package);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("point at this model's repository"), "{}", v.notes);
    assert_eq!(v.links, vec!["https://pypi.org/project/acme-serve/".to_string()]);
}

#[test]
fn package_pointing_elsewhere_is_not_the_models() {
    let proj = fx::pypi_project("acme-serve", "0.4.2", "Serving utilities", "https://github.com/acme/other-thing", &[]);
    let w = open_end().package(pypi(&proj, &model_card_url(END)));
    let v = w.judge(Criterion::Package);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("acme-serve"), "{}", v.notes);
}

#[test]
fn package_named_after_the_model_is_open_but_one_named_after_the_organisation_is_not() {
    let named = fx::pypi_project("widget-serve", "1.0.0", "Serve Widget models", "https://github.com/acme/serving", &[]);
    let v = open_end().package(pypi(&named, &model_card_url(END))).judge(Criterion::Package);
    assert_eq!(v.class, Class::Open, "{}", v.notes);
    assert!(v.notes.contains("named after the model"), "{}", v.notes);
    // Named after the model but released by someone else: a third party's wrapper.
    let wrapper = fx::pypi_project("local-widget", "0.2.0", "A lightweight wrapper to run Widget", "https://github.com/elsewhere/local-widget", &[]);
    let v = open_end().package(pypi(&wrapper, &model_card_url(END))).judge(Criterion::Package);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    // A model named after its organisation: the organisation's general library is not its package.
    let id = "acme/Acme-Widget-7B-Chat";
    let vendor = fx::pypi_project("acme-inference", "1.0.0", "Run acme models", "https://github.com/elsewhere/x", &[]);
    let w = World::new(id, "Acme Widget 7B Chat").model(id, ModelRole::End, model_api(&fx::hf_model(id, Some("apache-2.0"), Gated::No, SHARDS, &[], json!({}))), model_card(id, "# Acme Widget 7B Chat\n"));
    let v = w.package(pypi(&vendor, &model_card_url(id))).judge(Criterion::Package);
    assert_eq!(v.class, Class::Closed, "{}", v.notes);
    assert!(v.notes.contains("acme-inference"), "the package looked at is named: {}", v.notes);
}

#[test]
fn package_repo_with_setup_py_but_no_pypi_is_partial() {
    let w = open_end().repo(widget_repo(Some("Apache-2.0"), &["README.md", "setup.py", "widget/__init__.py", "widget/model.py"]));
    let v = w.judge(Criterion::Package);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec!["https://github.com/acme/widget".to_string()]);
}

#[test]
fn package_nothing_is_closed() {
    let v = open_end().judge(Criterion::Package);
    assert_eq!(v.class, Class::Closed);
    assert!(v.notes.starts_with("No evidence found"), "{}", v.notes);
}

// ---------------------------------------------------------------- access: API

#[test]
fn api_section_of_a_readme_is_the_one_about_the_api() {
    let text = "# Widget\n\n## Rapid setup\n\nInstall the requirements and run the demo.\n\n## Gizmo-4 model and API\n\nOur newer Gizmo-4 is served at gizmo.example.\n\n## API Deployment\n\nRun `python api.py` to serve Widget over HTTP with FastAPI.\n";
    let v = open_end().repo(widget_repo_with_readme(text, &["README.md", "api.py"])).judge(Criterion::Api);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("\"API Deployment\""), "{}", v.notes);
    assert!(v.links[0].ends_with("#api-deployment"), "{:?}", v.links);
}

#[test]
fn api_from_vendor_page_or_hosted_inference() {
    let url = "https://acme.example/platform";
    let mut w = open_end();
    let p = vendor_page(url, "<html><head><title>Acme Platform</title></head><body><h1>Widget on Acme Platform</h1><p>Create an API key and call the REST API endpoint <code>/v1/chat</code>. See pricing.</p></body></html>");
    w.ev.pages.insert(url.into(), p);
    let v = w.judge(Criterion::Api);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert_eq!(v.links, vec![url.to_string()]);

    // No vendor page: the public, ungated repository can be served by the Hub.
    let v = open_end().judge(Criterion::Api);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("text-generation"), "{}", v.notes);

    // Gated weights: the same service, restricted to those who accepted the terms.
    let gated = end_model(Some("apache-2.0"), Gated::Manual, SHARDS, json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    let v = gated.judge(Criterion::Api);
    assert_eq!(v.class, Class::Partial, "{}", v.notes);
    assert!(v.notes.contains("gated repository"), "{}", v.notes);
    // No weights to serve and no vendor page: no API.
    let empty = end_model(Some("apache-2.0"), Gated::No, &["README.md", "config.json"], json!({"license": "apache-2.0"}), &fx::model_card(&chat_front("apache-2.0"), PLAIN_BODY));
    assert_eq!(empty.judge(Criterion::Api).class, Class::Closed);
}
