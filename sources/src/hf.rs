//! Hugging Face Hub: `api/models/<id>`, `api/datasets/<id>` and `api/collections/<slug>`
//! answers.

use crate::error::ParseError;
use crate::fact::Fact;
use serde::{Deserialize, Serialize};

/// Whether a Hub repository is a model or a dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum RepoKind {
    /// `api/models/<id>`
    Model,
    /// `api/datasets/<id>`
    Dataset,
}

impl RepoKind {
    /// The API path segment (`models` / `datasets`).
    pub fn api_segment(self) -> &'static str {
        match self {
            RepoKind::Model => "models",
            RepoKind::Dataset => "datasets",
        }
    }
    /// Public page URL of a repository of this kind.
    pub fn page_url(self, id: &str) -> String {
        match self {
            RepoKind::Model => format!("https://huggingface.co/{id}"),
            RepoKind::Dataset => format!("https://huggingface.co/datasets/{id}"),
        }
    }
    /// API URL of a repository of this kind.
    pub fn api_url(self, id: &str) -> String {
        format!("https://huggingface.co/api/{}/{id}", self.api_segment())
    }
    /// URL of the raw README (card).
    pub fn card_url(self, id: &str) -> String {
        self.raw_url(id, "README.md")
    }
    /// URL of the raw file `path` on the main branch.
    pub fn raw_url(self, id: &str, path: &str) -> String {
        format!("{}/raw/main/{path}", self.page_url(id))
    }
    fn subject(self, id: &str) -> String {
        format!("hf:{}/{id}", match self { RepoKind::Model => "model", RepoKind::Dataset => "dataset" })
    }
}

/// The access gate of a Hub repository.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Gate {
    /// Downloadable without asking.
    Open,
    /// Access granted automatically after accepting terms / sharing contact details.
    Auto,
    /// Access granted by the owner after review.
    Manual,
}

/// What the Hub API says about one repository.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HfRepo {
    /// Model or dataset.
    pub kind: RepoKind,
    /// Canonical id as answered (`org/name`).
    pub id: String,
    /// Access gate.
    pub gate: Gate,
    /// Private or disabled repositories are not public evidence.
    pub private: bool,
    /// Disabled by the Hub.
    pub disabled: bool,
    /// Licence tags (`apache-2.0`, `other`, ...), from `license:` tags and `cardData.license`,
    /// in order and without repeats. Repositories may declare several (a dataset whose parts
    /// come under different licences).
    pub licenses: Vec<String>,
    /// `cardData.license_name` for `other` licences.
    pub license_name: Option<String>,
    /// `cardData.license_link`.
    pub license_link: Option<String>,
    /// All tags.
    pub tags: Vec<String>,
    /// Repository file names.
    pub files: Vec<String>,
    /// The card's front matter as answered by the API.
    pub card_data: serde_json::Value,
    /// Declared base models (`base_model:` tags and `cardData.base_model`).
    pub base_models: Vec<String>,
    /// How the model derives from its base, as the Hub records it (`finetune`, `adapter`,
    /// `quantized`, `merge`): `cardData.base_model_relation` or the `base_model:<relation>:<id>`
    /// tags.
    pub base_relation: Option<String>,
    /// Declared datasets (`dataset:` tags and `cardData.datasets`).
    pub datasets: Vec<String>,
    /// arXiv ids from `arxiv:` tags.
    pub arxiv: Vec<String>,
    /// `pipeline_tag`.
    pub pipeline_tag: Option<String>,
    /// `library_name`.
    pub library_name: Option<String>,
    /// `cardData.inference` set to false disables the hosted inference widget.
    pub inference_disabled: bool,
}

const WEIGHT_EXTENSIONS: &[&str] = &[
    ".safetensors", ".bin", ".gguf", ".pt", ".pth", ".ckpt", ".h5", ".msgpack", ".onnx", ".ggml",
    ".tflite", ".mlmodel", ".npz", ".tar",
];

/// Whether a file name looks like model weights (not an index, tokenizer or optimizer file).
pub fn is_weight_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    let base = lower.rsplit('/').next().unwrap_or(&lower);
    if base.contains("tokenizer") || base.starts_with("training_args") || base.contains("optimizer")
        || base.starts_with("scheduler") || base.starts_with("rng_state")
    {
        return false;
    }
    WEIGHT_EXTENSIONS.iter().any(|ext| base.ends_with(ext))
}

impl HfRepo {
    /// Parses an `api/models/<id>` or `api/datasets/<id>` answer.
    pub fn parse(kind: RepoKind, body: &[u8]) -> Result<HfRepo, ParseError> {
        let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| ParseError::json("Hugging Face API", e))?;
        let obj = v.as_object().ok_or_else(|| ParseError::json("Hugging Face API", "not a JSON object"))?;
        let id = obj
            .get("id")
            .or_else(|| obj.get("modelId"))
            .and_then(|x| x.as_str())
            .ok_or_else(|| ParseError::json("Hugging Face API", "no `id` field"))?
            .to_string();
        let gate = match obj.get("gated") {
            Some(serde_json::Value::String(s)) if s.eq_ignore_ascii_case("manual") => Gate::Manual,
            Some(serde_json::Value::String(s)) if !s.is_empty() && !s.eq_ignore_ascii_case("false") => Gate::Auto,
            Some(serde_json::Value::Bool(true)) => Gate::Auto,
            _ => Gate::Open,
        };
        let tags: Vec<String> = obj
            .get("tags")
            .and_then(|t| t.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let card_data = obj.get("cardData").cloned().filter(|c| c.is_object()).unwrap_or(serde_json::json!({}));
        let files: Vec<String> = obj
            .get("siblings")
            .and_then(|s| s.as_array())
            .map(|a| a.iter().filter_map(|x| x.get("rfilename").and_then(|f| f.as_str()).map(str::to_string)).collect())
            .unwrap_or_default();
        let tag_values = |prefix: &str| -> Vec<String> {
            tags.iter().filter_map(|t| t.strip_prefix(prefix)).map(str::to_string).collect()
        };
        let card_list = |key: &str| -> Vec<String> {
            match card_data.get(key) {
                Some(serde_json::Value::String(s)) => vec![s.clone()],
                Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            }
        };
        let mut base_models = card_list("base_model");
        for b in tag_values("base_model:") {
            // Tags look like `base_model:org/name` or `base_model:finetune:org/name`.
            let b = b.rsplit(':').next().unwrap_or(&b).to_string();
            push_unique(&mut base_models, b);
        }
        base_models.retain(|b| b.contains('/') && b != &id);
        let base_relation = str_field_of(&card_data, "base_model_relation")
            .or_else(|| tag_values("base_model:").iter().find_map(|t| t.split_once(':').filter(|(_, rest)| rest.contains('/')).map(|(rel, _)| rel.to_string())))
            .map(|r| r.to_lowercase());
        let mut datasets = card_list("datasets");
        for d in tag_values("dataset:") {
            push_unique(&mut datasets, d);
        }
        let mut licenses = Vec::new();
        for l in tag_values("license:").into_iter().chain(card_list("license")) {
            push_unique(&mut licenses, l);
        }
        Ok(HfRepo {
            kind,
            gate,
            private: obj.get("private").and_then(|x| x.as_bool()).unwrap_or(false),
            disabled: obj.get("disabled").and_then(|x| x.as_bool()).unwrap_or(false),
            licenses,
            license_name: str_field_of(&card_data, "license_name"),
            license_link: str_field_of(&card_data, "license_link"),
            base_models,
            base_relation,
            datasets,
            arxiv: tag_values("arxiv:"),
            pipeline_tag: str_field_of(&v, "pipeline_tag"),
            library_name: str_field_of(&v, "library_name"),
            inference_disabled: card_data.get("inference").and_then(|x| x.as_bool()) == Some(false),
            card_data,
            tags,
            files,
            id,
        })
    }

    /// Files that hold model weights.
    pub fn weight_files(&self) -> Vec<&str> {
        self.files.iter().filter(|f| is_weight_file(f)).map(|s| s.as_str()).collect()
    }

    /// Data files of a dataset repository (anything but cards, scripts and dotfiles).
    pub fn data_files(&self) -> Vec<&str> {
        self.files
            .iter()
            .filter(|f| {
                let l = f.to_lowercase();
                !(l.ends_with(".md") || l.ends_with(".py") || l.starts_with('.') || l.ends_with(".gitattributes"))
            })
            .map(|s| s.as_str())
            .collect()
    }

    /// The facts this answer shows, for traceability and change detection.
    pub fn facts(&self) -> Vec<Fact> {
        let url = self.kind.api_url(&self.id);
        let subject = self.kind.subject(&self.id);
        let mut out = vec![Fact::new("hf.exists", &subject, "public", &url, format!("\"id\": \"{}\"", self.id))];
        let gate = match self.gate {
            Gate::Open => "false",
            Gate::Auto => "auto",
            Gate::Manual => "manual",
        };
        out.push(Fact::new("hf.gated", &subject, gate, &url, format!("\"gated\": {gate}")));
        for l in &self.licenses {
            out.push(Fact::new("hf.license", &subject, l, &url, format!("\"license:{l}\"")));
        }
        if let Some(n) = &self.license_name {
            out.push(Fact::new("hf.license_name", &subject, n, &url, format!("license_name: {n}")));
        }
        if self.kind == RepoKind::Model {
            let w = self.weight_files();
            let value = if w.is_empty() { "none".to_string() } else { format!("{} weight files", w.len()) };
            let snippet = if w.is_empty() { format!("siblings: {}", self.files.join(", ")) } else { w.join(", ") };
            out.push(Fact::new("hf.weights", &subject, value, &url, snippet));
        } else {
            let d = self.data_files();
            out.push(Fact::new("hf.data_files", &subject, format!("{} data files", d.len()), &url, d.join(", ")));
        }
        for b in &self.base_models {
            out.push(Fact::new("hf.base_model", &subject, b, &url, format!("base_model: {b}")));
        }
        if let Some(r) = &self.base_relation {
            out.push(Fact::new("hf.base_relation", &subject, r, &url, format!("base_model_relation: {r}")));
        }
        for d in &self.datasets {
            out.push(Fact::new("hf.dataset", &subject, d, &url, format!("dataset: {d}")));
        }
        for a in &self.arxiv {
            out.push(Fact::new("hf.arxiv", &subject, a, &url, format!("arxiv:{a}")));
        }
        out
    }
}

/// At most this many items of a collection are kept: collections list a release's
/// repositories, and a huge one is no one model's evidence.
pub const MAX_COLLECTION_ITEMS: usize = 64;

/// A Hub collection (`api/collections/<owner>/<slug>`): a curated list of repositories,
/// such as the datasets a model was trained on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HfCollection {
    /// `owner/slug` as answered.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Items in collection order, at most [`MAX_COLLECTION_ITEMS`].
    pub items: Vec<CollectionItem>,
}

/// One repository (or paper, Space, collection) in a collection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CollectionItem {
    /// Its id (`org/name` for repositories).
    pub id: String,
    /// `model`, `dataset`, `space`, `paper` or `collection`.
    pub kind: String,
}

impl HfCollection {
    /// Parses an `api/collections/<owner>/<slug>` answer. Items without an id or type are
    /// skipped.
    pub fn parse(body: &[u8]) -> Result<HfCollection, ParseError> {
        const WHAT: &str = "Hugging Face collections API";
        let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| ParseError::json(WHAT, e))?;
        let obj = v.as_object().ok_or_else(|| ParseError::json(WHAT, "not a JSON object"))?;
        let slug = obj.get("slug").and_then(|x| x.as_str()).ok_or_else(|| ParseError::json(WHAT, "no `slug` field"))?.to_string();
        let title = obj.get("title").and_then(|x| x.as_str()).unwrap_or_default().to_string();
        let items = obj
            .get("items")
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|i| Some(CollectionItem { id: i.get("id")?.as_str()?.to_string(), kind: i.get("type")?.as_str()?.to_lowercase() }))
                    .take(MAX_COLLECTION_ITEMS)
                    .collect()
            })
            .unwrap_or_default();
        Ok(HfCollection { slug, title, items })
    }

    /// The ids of the datasets in the collection.
    pub fn datasets(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter(|i| i.kind == "dataset").map(|i| i.id.as_str())
    }

    /// The API URL of the collection `slug` (`owner/slug`).
    pub fn api_url(slug: &str) -> String {
        format!("https://huggingface.co/api/collections/{slug}")
    }

    /// The subject of the facts about the collection `slug`: lower case, since a link may spell
    /// the owner otherwise than the API answers it.
    pub fn subject(slug: &str) -> String {
        format!("hf:collection/{}", slug.to_lowercase())
    }

    /// The collection's page.
    pub fn page_url(&self) -> String {
        format!("https://huggingface.co/collections/{}", self.slug)
    }

    /// The facts this answer shows: the datasets it lists, for change detection.
    pub fn facts(&self) -> Vec<Fact> {
        let url = HfCollection::api_url(&self.slug);
        let subject = HfCollection::subject(&self.slug);
        self.datasets().map(|d| Fact::new("hf.collection.dataset", &subject, d, &url, format!("\"type\": \"dataset\", \"id\": \"{d}\""))).collect()
    }
}

/// The string field `k` of JSON object `o`.
fn str_field_of(o: &serde_json::Value, k: &str) -> Option<String> {
    o.get(k).and_then(|x| x.as_str()).map(str::to_string)
}

/// Appends `s` unless `v` already holds it, ignoring ASCII case (Hub ids and licence tags
/// resolve case-insensitively).
fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.iter().any(|k| k.eq_ignore_ascii_case(&s)) {
        v.push(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_model_answer() {
        let body = br#"{"id":"o/m","gated":"auto","tags":["license:apache-2.0","base_model:finetune:o/base","dataset:O/D","arxiv:2401.04088"],
            "cardData":{"license":"apache-2.0","base_model":"o/base","datasets":["o/d","x/y"],"inference":false},
            "siblings":[{"rfilename":"README.md"},{"rfilename":"model-00001-of-00002.safetensors"},{"rfilename":"tokenizer.model"},{"rfilename":"pytorch_model.bin.index.json"}]}"#;
        let r = HfRepo::parse(RepoKind::Model, body).unwrap();
        assert_eq!(r.gate, Gate::Auto);
        assert_eq!(r.licenses, vec!["apache-2.0"]);
        assert_eq!(r.base_models, vec!["o/base"]);
        // The tag spells the card's dataset in other case: one dataset, not two.
        assert_eq!(r.datasets, vec!["o/d", "x/y"]);
        assert_eq!(r.arxiv, vec!["2401.04088"]);
        assert_eq!(r.base_relation.as_deref(), Some("finetune"));
        assert_eq!(r.weight_files(), vec!["model-00001-of-00002.safetensors"]);
        assert!(r.inference_disabled);
        assert!(r.facts().iter().any(|f| f.kind == "hf.gated" && f.value == "auto"));
    }

    #[test]
    fn every_licence_a_repository_declares_is_kept() {
        let body = br#"{"id":"o/d","tags":["license:cc-by-sa-3.0","license:gfdl"],"cardData":{"license":["CC-BY-SA-3.0","gfdl","cc-by-nc-4.0"]}}"#;
        let r = HfRepo::parse(RepoKind::Dataset, body).unwrap();
        assert_eq!(r.licenses, vec!["cc-by-sa-3.0", "gfdl", "cc-by-nc-4.0"]);
        let facts: Vec<String> = r.facts().into_iter().filter(|f| f.kind == "hf.license").map(|f| f.value).collect();
        assert_eq!(facts, r.licenses);
    }

    #[test]
    fn manual_gate_other_license_and_missing_fields() {
        let body = br#"{"id":"o/m","gated":"manual","cardData":{"license":"other","license_name":"acme-community","license_link":"LICENSE"}}"#;
        let r = HfRepo::parse(RepoKind::Model, body).unwrap();
        assert_eq!(r.gate, Gate::Manual);
        assert_eq!(r.licenses, vec!["other"]);
        assert_eq!(r.license_name.as_deref(), Some("acme-community"));
        assert!(r.files.is_empty());
        assert_eq!(r.base_relation, None);
        let quant = br#"{"id":"q/m-GGUF","tags":["gguf","base_model:quantized:o/m"],"cardData":{"base_model":"o/m"}}"#;
        assert_eq!(HfRepo::parse(RepoKind::Model, quant).unwrap().base_relation.as_deref(), Some("quantized"));
        let stated = br#"{"id":"q/m-4bit","cardData":{"base_model":"o/m","base_model_relation":"Quantized"}}"#;
        assert_eq!(HfRepo::parse(RepoKind::Model, stated).unwrap().base_relation.as_deref(), Some("quantized"));
    }

    #[test]
    fn malformed_answers_are_errors() {
        assert!(HfRepo::parse(RepoKind::Model, b"{not json").is_err());
        assert!(HfRepo::parse(RepoKind::Model, b"[1,2]").is_err());
        assert!(HfRepo::parse(RepoKind::Model, br#"{"gated":false}"#).is_err());
    }

    #[test]
    fn weight_file_detection() {
        assert!(is_weight_file("pytorch_model-00001-of-00002.bin"));
        assert!(is_weight_file("consolidated.00.pth"));
        assert!(is_weight_file("ggml-model-q4_0.gguf"));
        assert!(!is_weight_file("model.safetensors.index.json"));
        assert!(!is_weight_file("tokenizer.model"));
        assert!(!is_weight_file("training_args.bin"));
        assert!(!is_weight_file("config.json"));
    }

    #[test]
    fn parses_collection_answer() {
        let body = br#"{"slug":"o/pretraining-data-65a1","title":"Pretraining data","owner":{"name":"o"},
            "items":[{"_id":"1","id":"o/web","type":"dataset","position":0},{"_id":"2","id":"o/base-1b","type":"model","position":1},
                     {"_id":"3","id":"o/code","type":"DATASET","position":2,"note":{"text":"code"}},{"_id":"4","type":"dataset"},{"_id":"5","id":"2401.00001","type":"paper"}]}"#;
        let c = HfCollection::parse(body).unwrap();
        assert_eq!(c.title, "Pretraining data");
        assert_eq!(c.datasets().collect::<Vec<_>>(), ["o/web", "o/code"], "datasets only, in order; an item without an id is skipped");
        assert_eq!(c.page_url(), "https://huggingface.co/collections/o/pretraining-data-65a1");
        assert_eq!(c.facts().iter().map(|f| f.value.as_str()).collect::<Vec<_>>(), ["o/web", "o/code"]);
    }

    #[test]
    fn collections_are_bounded_and_malformed_answers_are_errors() {
        let items: Vec<String> = (0..500).map(|i| format!(r#"{{"id":"o/d{i}","type":"dataset"}}"#)).collect();
        let body = format!(r#"{{"slug":"o/big-1","items":[{}]}}"#, items.join(","));
        assert_eq!(HfCollection::parse(body.as_bytes()).unwrap().items.len(), MAX_COLLECTION_ITEMS);
        assert!(HfCollection::parse(b"{not json").is_err());
        assert!(HfCollection::parse(br#"{"title":"no slug"}"#).is_err());
        assert!(HfCollection::parse(br#"{"slug":"o/s","items":"nope"}"#).unwrap().items.is_empty());
    }
}
