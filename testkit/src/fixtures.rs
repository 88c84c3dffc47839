//! Bodies shaped like the real services' answers (Hugging Face, GitHub, arXiv,
//! PyPI), for use with [`FakeWeb::set_json`](crate::FakeWeb::set_json) and friends.
//!
//! Values are deterministic (hashes of the inputs stand in for SHAs and ids).
//! Every JSON builder returns a [`Value`] that tests may edit further.

use base64::Engine;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::route::xml_escape;

/// Repository used in URLs by the builders that are not told one.
const PLACEHOLDER_REPO: &str = "example/repo";

/// Hugging Face access gating, as the `gated` field reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Gated {
    /// `false`
    #[default]
    No,
    /// `"auto"`
    Auto,
    /// `"manual"`
    Manual,
}

impl Gated {
    fn to_json(self) -> Value {
        match self {
            Gated::No => Value::Bool(false),
            Gated::Auto => json!("auto"),
            Gated::Manual => json!("manual"),
        }
    }
}

/// A 40-hex stand-in for a git SHA, fixed by `seed`.
fn fake_sha(seed: &str) -> String {
    hex::encode(Sha256::digest(seed.as_bytes()))[..40].to_string()
}

fn owner_of(id: &str) -> &str {
    id.split_once('/').map_or(id, |(owner, _)| owner)
}

/// Tags as the Hub lists them: the given ones, then `license:…` and `region:us`.
fn hub_tags(tags: &[&str], license: Option<&str>) -> Value {
    let mut out: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
    if let Some(l) = license {
        let tag = format!("license:{l}");
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    if !out.iter().any(|t| t.starts_with("region:")) {
        out.push("region:us".to_string());
    }
    json!(out)
}

/// The card data as the Hub reports it: `card_data` with `license` filled in
/// when the object has none; absent when there is neither.
fn hub_card_data(card_data: Value, license: Option<&str>) -> Option<Value> {
    let mut card = match card_data {
        Value::Null if license.is_none() => return None,
        Value::Null => Map::new(),
        Value::Object(map) => map,
        other => return Some(other),
    };
    if let Some(l) = license {
        card.entry("license").or_insert_with(|| json!(l));
    }
    Some(Value::Object(card))
}

fn siblings(files: &[&str]) -> Value {
    files.iter().map(|f| json!({ "rfilename": f })).collect()
}

/// `GET https://huggingface.co/api/models/ORG/NAME`.
///
/// `license` becomes a `license:…` tag and, when `card_data` (the card's front
/// matter as JSON) is an object without one, its `license`. `Value::Null`
/// card data with no licence leaves `cardData` out, as for a repo without a card.
/// `pipeline_tag` is `text-generation` and `library_name` `transformers`.
pub fn hf_model(
    id: &str,
    license: Option<&str>,
    gated: Gated,
    files: &[&str],
    tags: &[&str],
    card_data: Value,
) -> Value {
    let mut v = json!({
        "_id": fake_sha(&format!("model:{id}"))[..24],
        "id": id,
        "modelId": id,
        "author": owner_of(id),
        "sha": fake_sha(&format!("model-sha:{id}")),
        "lastModified": "2024-01-15T12:00:00.000Z",
        "createdAt": "2023-06-01T09:30:00.000Z",
        "private": false,
        "disabled": false,
        "gated": gated.to_json(),
        "downloads": 1234,
        "likes": 56,
        "library_name": "transformers",
        "pipeline_tag": "text-generation",
        "tags": hub_tags(tags, license),
        "siblings": siblings(files),
        "spaces": [],
    });
    if let Some(card) = hub_card_data(card_data, license) {
        v["cardData"] = card;
    }
    v
}

/// `GET https://huggingface.co/api/datasets/ORG/NAME` (licence and card data as in [`hf_model`]).
pub fn hf_dataset(
    id: &str,
    license: Option<&str>,
    gated: Gated,
    files: &[&str],
    tags: &[&str],
    card_data: Value,
) -> Value {
    let mut v = json!({
        "_id": fake_sha(&format!("dataset:{id}"))[..24],
        "id": id,
        "author": owner_of(id),
        "sha": fake_sha(&format!("dataset-sha:{id}")),
        "lastModified": "2024-01-15T12:00:00.000Z",
        "createdAt": "2023-06-01T09:30:00.000Z",
        "private": false,
        "disabled": false,
        "gated": gated.to_json(),
        "downloads": 789,
        "likes": 12,
        "tags": hub_tags(tags, license),
        "siblings": siblings(files),
    });
    if let Some(card) = hub_card_data(card_data, license) {
        v["cardData"] = card;
    }
    v
}

/// `GET https://huggingface.co/api/collections/OWNER/SLUG`: a collection listing `items`
/// as (type, id) pairs (`"dataset"`, `"model"`, `"paper"`, ...).
pub fn hf_collection(slug: &str, title: &str, items: &[(&str, &str)]) -> Value {
    let items: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, (kind, id))| json!({ "_id": fake_sha(&format!("item:{slug}:{id}"))[..24], "id": id, "type": kind, "position": i, "author": owner_of(id) }))
        .collect();
    json!({
        "slug": slug,
        "title": title,
        "description": format!("{title}."),
        "owner": { "name": owner_of(slug), "type": "org" },
        "lastUpdated": "2024-03-01T10:00:00.000Z",
        "position": 0,
        "private": false,
        "theme": "indigo",
        "upvotes": 7,
        "items": items,
    })
}

/// A model or dataset card: `---\nFRONT MATTER\n---\n` then the body.
/// An empty front matter gives the body alone.
pub fn model_card(front_matter_yaml: &str, body_markdown: &str) -> String {
    let fm = front_matter_yaml.trim_matches('\n');
    if fm.trim().is_empty() {
        return body_markdown.to_string();
    }
    format!("---\n{fm}\n---\n{body_markdown}")
}

/// The MIT licence text, as a repository's `LICENSE` file holds it.
pub const MIT_LICENSE_TEXT: &str = "MIT License\n\nCopyright (c) 2024 Acme\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n";

/// GitHub's licence object for an SPDX id (`None` → JSON null; `NOASSERTION`
/// or `other` → GitHub's "Other").
pub fn github_license_info(spdx: Option<&str>) -> Value {
    let Some(spdx) = spdx else {
        return Value::Null;
    };
    const KNOWN: &[(&str, &str)] = &[
        ("MIT", "MIT License"),
        ("Apache-2.0", "Apache License 2.0"),
        ("GPL-2.0", "GNU General Public License v2.0"),
        ("GPL-3.0", "GNU General Public License v3.0"),
        ("LGPL-2.1", "GNU Lesser General Public License v2.1"),
        ("LGPL-3.0", "GNU Lesser General Public License v3.0"),
        ("AGPL-3.0", "GNU Affero General Public License v3.0"),
        ("BSD-2-Clause", "BSD 2-Clause \"Simplified\" License"),
        (
            "BSD-3-Clause",
            "BSD 3-Clause \"New\" or \"Revised\" License",
        ),
        ("MPL-2.0", "Mozilla Public License 2.0"),
        ("CC0-1.0", "Creative Commons Zero v1.0 Universal"),
        (
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0 International",
        ),
        (
            "CC-BY-SA-4.0",
            "Creative Commons Attribution Share Alike 4.0 International",
        ),
        ("Unlicense", "The Unlicense"),
        ("BSL-1.0", "Boost Software License 1.0"),
        ("EPL-2.0", "Eclipse Public License 2.0"),
    ];
    if spdx.eq_ignore_ascii_case("NOASSERTION") || spdx.eq_ignore_ascii_case("other") {
        return json!({
            "key": "other",
            "name": "Other",
            "spdx_id": "NOASSERTION",
            "url": null,
            "node_id": "MDc6TGljZW5zZTA=",
        });
    }
    let (spdx_id, name) = KNOWN
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(spdx))
        .map_or((spdx, spdx), |&(id, name)| (id, name));
    let key = spdx_id.to_ascii_lowercase();
    json!({
        "key": key,
        "name": name,
        "spdx_id": spdx_id,
        "url": format!("https://api.github.com/licenses/{key}"),
        "node_id": base64::engine::general_purpose::STANDARD.encode(format!("07:License{key}")),
    })
}

/// `GET https://api.github.com/repos/OWNER/REPO`. An empty `description` is null.
pub fn github_repo(
    full_name: &str,
    default_branch: &str,
    license_spdx: Option<&str>,
    description: &str,
    archived: bool,
) -> Value {
    let (owner, name) = full_name.split_once('/').unwrap_or((full_name, full_name));
    let id = u64::from_str_radix(&fake_sha(full_name)[..8], 16).unwrap_or(1);
    json!({
        "id": id,
        "node_id": base64::engine::general_purpose::STANDARD.encode(format!("010:Repository{id}")),
        "name": name,
        "full_name": full_name,
        "private": false,
        "owner": {
            "login": owner,
            "url": format!("https://api.github.com/users/{owner}"),
            "html_url": format!("https://github.com/{owner}"),
            "type": "Organization",
        },
        "html_url": format!("https://github.com/{full_name}"),
        "description": if description.is_empty() { Value::Null } else { json!(description) },
        "fork": false,
        "url": format!("https://api.github.com/repos/{full_name}"),
        "created_at": "2023-03-01T10:00:00Z",
        "updated_at": "2024-01-10T08:00:00Z",
        "pushed_at": "2024-01-09T17:00:00Z",
        "homepage": null,
        "size": 2048,
        "stargazers_count": 1000,
        "watchers_count": 1000,
        "language": "Python",
        "forks_count": 100,
        "archived": archived,
        "disabled": false,
        "open_issues_count": 10,
        "license": github_license_info(license_spdx),
        "topics": [],
        "visibility": "public",
        "default_branch": default_branch,
    })
}

/// Base64 as the GitHub contents API sends it: lines of 60 characters, each ending in `\n`.
pub fn github_base64(data: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(data);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / 60 + 1);
    for chunk in encoded.as_bytes().chunks(60) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push('\n');
    }
    out
}

/// A contents-API file object for `path` in `full_name` at `branch`.
fn github_file(full_name: &str, branch: &str, path: &str, text: &str) -> Value {
    let sha = fake_sha(&format!("blob:{text}"));
    let name = path.rsplit('/').next().unwrap_or(path);
    let url = format!("https://api.github.com/repos/{full_name}/contents/{path}?ref={branch}");
    let html_url = format!("https://github.com/{full_name}/blob/{branch}/{path}");
    let git_url = format!("https://api.github.com/repos/{full_name}/git/blobs/{sha}");
    json!({
        "name": name,
        "path": path,
        "sha": sha,
        "size": text.len(),
        "url": url,
        "html_url": html_url,
        "git_url": git_url,
        "download_url": format!("https://raw.githubusercontent.com/{full_name}/{branch}/{path}"),
        "type": "file",
        "content": github_base64(text.as_bytes()),
        "encoding": "base64",
        "_links": { "self": url, "git": git_url, "html": html_url },
    })
}

/// `GET https://api.github.com/repos/OWNER/REPO/readme` (URLs name a placeholder
/// repository; see [`github_readme_at`]).
pub fn github_readme(text: &str) -> Value {
    github_readme_at(PLACEHOLDER_REPO, "main", text)
}

/// [`github_readme`] with the URLs of `full_name` at `branch`.
pub fn github_readme_at(full_name: &str, branch: &str, text: &str) -> Value {
    github_file(full_name, branch, "README.md", text)
}

/// `GET https://api.github.com/repos/OWNER/REPO/license`: the file object plus
/// the `license` it was recognised as (URLs name a placeholder repository;
/// see [`github_license_at`]).
pub fn github_license(spdx: &str, text: &str) -> Value {
    github_license_at(PLACEHOLDER_REPO, "main", spdx, text)
}

/// [`github_license`] with the URLs of `full_name` at `branch`.
pub fn github_license_at(full_name: &str, branch: &str, spdx: &str, text: &str) -> Value {
    let mut v = github_file(full_name, branch, "LICENSE", text);
    v["license"] = github_license_info(Some(spdx));
    v
}

/// `GET https://api.github.com/repos/OWNER/REPO/git/trees/BRANCH?recursive=1`:
/// every path as a blob (a path ending in `/` as a tree), plus each parent
/// directory as a `tree` entry, sorted by path.
pub fn github_tree(paths: &[&str]) -> Value {
    let mut entries: std::collections::BTreeMap<String, bool> = std::collections::BTreeMap::new();
    for raw in paths {
        let is_dir = raw.ends_with('/');
        let path = raw.trim_matches('/');
        if path.is_empty() {
            continue;
        }
        let mut parent = path;
        while let Some((dir, _)) = parent.rsplit_once('/') {
            entries.insert(dir.to_string(), true);
            parent = dir;
        }
        let dir = is_dir || entries.get(path).copied().unwrap_or(false);
        entries.insert(path.to_string(), dir);
    }
    let tree: Vec<Value> = entries
        .iter()
        .map(|(path, &is_dir)| {
            let sha = fake_sha(&format!("tree-entry:{path}"));
            if is_dir {
                json!({ "path": path, "mode": "040000", "type": "tree", "sha": sha })
            } else {
                let size = 100 + (u64::from_str_radix(&sha[..6], 16).unwrap_or(0) % 50_000);
                json!({ "path": path, "mode": "100644", "type": "blob", "sha": sha, "size": size })
            }
        })
        .collect();
    json!({
        "sha": fake_sha(&format!("tree:{}", paths.join("\n"))),
        "truncated": false,
        "tree": tree,
    })
}

/// A real-shaped arXiv Atom `<entry>` (for [`FakeWeb::set_arxiv`](crate::FakeWeb::set_arxiv)).
///
/// `id` without a version gets `v1`. Dates follow the id's year and month
/// (`2312.06550` → December 2023). `comment`, `journal_ref` and `doi` add
/// `arxiv:comment`, `arxiv:journal_ref`, `arxiv:doi` (and a DOI link).
pub fn arxiv_entry(
    id: &str,
    title: &str,
    summary: &str,
    comment: Option<&str>,
    journal_ref: Option<&str>,
    doi: Option<&str>,
) -> String {
    let has_version = id.rsplit_once('v').is_some_and(|(base, n)| {
        !base.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    });
    let versioned = if has_version {
        id.to_string()
    } else {
        format!("{id}v1")
    };
    let date = arxiv_date(id);
    let mut e = String::new();
    e.push_str("<entry>\n");
    e.push_str(&format!(
        "    <id>http://arxiv.org/abs/{}</id>\n",
        xml_escape(&versioned)
    ));
    e.push_str(&format!("    <updated>{date}</updated>\n"));
    e.push_str(&format!("    <published>{date}</published>\n"));
    e.push_str(&format!("    <title>{}</title>\n", xml_escape(title)));
    e.push_str(&format!("    <summary>{}</summary>\n", xml_escape(summary)));
    for author in ["Ada Lovelace", "Alan Turing", "Grace Hopper"] {
        e.push_str(&format!(
            "    <author>\n      <name>{author}</name>\n    </author>\n"
        ));
    }
    if let Some(doi) = doi {
        e.push_str(&format!(
            "    <arxiv:doi xmlns:arxiv=\"http://arxiv.org/schemas/atom\">{}</arxiv:doi>\n",
            xml_escape(doi)
        ));
        e.push_str(&format!(
            "    <link title=\"doi\" href=\"http://dx.doi.org/{}\" rel=\"related\"/>\n",
            xml_escape(doi)
        ));
    }
    if let Some(comment) = comment {
        e.push_str(&format!(
            "    <arxiv:comment xmlns:arxiv=\"http://arxiv.org/schemas/atom\">{}</arxiv:comment>\n",
            xml_escape(comment)
        ));
    }
    if let Some(journal_ref) = journal_ref {
        e.push_str(&format!(
            "    <arxiv:journal_ref xmlns:arxiv=\"http://arxiv.org/schemas/atom\">{}</arxiv:journal_ref>\n",
            xml_escape(journal_ref)
        ));
    }
    let v = xml_escape(&versioned);
    e.push_str(&format!(
        "    <link href=\"http://arxiv.org/abs/{v}\" rel=\"alternate\" type=\"text/html\"/>\n"
    ));
    e.push_str(&format!(
        "    <link title=\"pdf\" href=\"http://arxiv.org/pdf/{v}\" rel=\"related\" type=\"application/pdf\"/>\n"
    ));
    e.push_str(
        "    <arxiv:primary_category xmlns:arxiv=\"http://arxiv.org/schemas/atom\" term=\"cs.CL\" scheme=\"http://arxiv.org/schemas/atom\"/>\n",
    );
    for cat in ["cs.CL", "cs.AI", "cs.LG"] {
        e.push_str(&format!(
            "    <category term=\"{cat}\" scheme=\"http://arxiv.org/schemas/atom\"/>\n"
        ));
    }
    e.push_str("  </entry>");
    e
}

/// `YYMM.NNNNN` → the first of that month; other ids → a fixed date.
fn arxiv_date(id: &str) -> String {
    let yymm = id.split('.').next().unwrap_or("");
    if yymm.len() == 4 && yymm.bytes().all(|b| b.is_ascii_digit()) {
        let (yy, mm) = yymm.split_at(2);
        if ("01"..="12").contains(&mm) {
            return format!("20{yy}-{mm}-01T00:00:00Z");
        }
    }
    "2020-01-01T00:00:00Z".to_string()
}

/// `GET https://pypi.org/pypi/NAME/json`. An empty `home_page` and no
/// `project_urls` are null, as on PyPI.
pub fn pypi_project(
    name: &str,
    version: &str,
    summary: &str,
    home_page: &str,
    project_urls: &[(&str, &str)],
) -> Value {
    let urls: Map<String, Value> = project_urls
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let or_null = |s: &str| if s.is_empty() { Value::Null } else { json!(s) };
    json!({
        "info": {
            "author": "",
            "author_email": "",
            "bugtrack_url": null,
            "classifiers": ["Programming Language :: Python :: 3"],
            "description": "",
            "description_content_type": "text/markdown",
            "docs_url": null,
            "home_page": or_null(home_page),
            "keywords": "",
            "license": null,
            "maintainer": "",
            "maintainer_email": "",
            "name": name,
            "package_url": format!("https://pypi.org/project/{name}/"),
            "platform": null,
            "project_url": format!("https://pypi.org/project/{name}/"),
            "project_urls": if urls.is_empty() { Value::Null } else { Value::Object(urls) },
            "release_url": format!("https://pypi.org/project/{name}/{version}/"),
            "requires_dist": null,
            "requires_python": ">=3.9",
            "summary": summary,
            "version": version,
            "yanked": false,
            "yanked_reason": null,
        },
        "last_serial": 1,
        "releases": { version: [] },
        "urls": [],
        "vulnerabilities": [],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hf_model_shape() {
        let m = hf_model(
            "org/name",
            Some("apache-2.0"),
            Gated::Manual,
            &["README.md", "config.json"],
            &["transformers", "arxiv:2304.01373"],
            json!({ "language": ["en"] }),
        );
        assert_eq!(m["id"], "org/name");
        assert_eq!(m["modelId"], "org/name");
        assert_eq!(m["author"], "org");
        assert_eq!(m["gated"], "manual");
        assert_eq!(m["sha"].as_str().unwrap().len(), 40);
        assert_eq!(m["cardData"]["license"], "apache-2.0");
        assert_eq!(m["cardData"]["language"][0], "en");
        let tags: Vec<&str> = m["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(
            tags,
            [
                "transformers",
                "arxiv:2304.01373",
                "license:apache-2.0",
                "region:us"
            ]
        );
        assert_eq!(m["siblings"][1]["rfilename"], "config.json");

        let bare = hf_model("o/n", None, Gated::No, &[], &[], Value::Null);
        assert_eq!(bare["gated"], false);
        assert!(bare.get("cardData").is_none());
        let d = hf_dataset(
            "o/d",
            Some("cc-by-4.0"),
            Gated::Auto,
            &["README.md"],
            &[],
            json!({}),
        );
        assert_eq!(d["gated"], "auto");
        assert_eq!(d["cardData"], json!({ "license": "cc-by-4.0" }));
        assert!(d.get("modelId").is_none());
    }

    #[test]
    fn cards_and_pypi() {
        assert_eq!(
            model_card("license: mit\n", "# M\n"),
            "---\nlicense: mit\n---\n# M\n"
        );
        assert_eq!(model_card("", "# M\n"), "# M\n");
        let p = pypi_project(
            "pkg",
            "1.2.0",
            "A package",
            "",
            &[("Source", "https://github.com/o/r")],
        );
        assert_eq!(p["info"]["name"], "pkg");
        assert_eq!(p["info"]["home_page"], Value::Null);
        assert_eq!(
            p["info"]["project_urls"]["Source"],
            "https://github.com/o/r"
        );
        assert_eq!(p["releases"]["1.2.0"], json!([]));
        let none = pypi_project("pkg", "1", "", "https://x.org", &[]);
        assert_eq!(none["info"]["project_urls"], Value::Null);
        assert_eq!(none["info"]["home_page"], "https://x.org");
    }

    #[test]
    fn github_shapes() {
        let r = github_repo("Org/Repo", "dev", Some("mit"), "", true);
        assert_eq!(r["name"], "Repo");
        assert_eq!(r["owner"]["login"], "Org");
        assert_eq!(r["html_url"], "https://github.com/Org/Repo");
        assert_eq!(r["description"], Value::Null);
        assert_eq!(r["archived"], true);
        assert_eq!(r["default_branch"], "dev");
        assert_eq!(
            r["license"],
            json!({ "key": "mit", "name": "MIT License", "spdx_id": "MIT",
                    "url": "https://api.github.com/licenses/mit", "node_id": r["license"]["node_id"] })
        );
        assert_eq!(
            github_repo("o/r", "main", None, "d", false)["license"],
            Value::Null
        );
        assert_eq!(github_license_info(Some("NOASSERTION"))["key"], "other");
        assert_eq!(github_license_info(Some("LLaMA-2"))["spdx_id"], "LLaMA-2");

        let text = "x".repeat(200);
        let readme = github_readme_at("o/r", "main", &text);
        let content = readme["content"].as_str().unwrap();
        assert!(content.lines().all(|l| l.len() <= 60));
        assert!(content.lines().next().unwrap().len() == 60 && content.ends_with('\n'));
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(content.replace('\n', ""))
            .unwrap();
        assert_eq!(decoded, text.as_bytes());
        assert_eq!(readme["encoding"], "base64");
        assert_eq!(
            readme["download_url"],
            "https://raw.githubusercontent.com/o/r/main/README.md"
        );
        let lic = github_license("Apache-2.0", "Apache License");
        assert_eq!(lic["license"]["key"], "apache-2.0");
        assert_eq!(lic["path"], "LICENSE");
    }

    #[test]
    fn tree_lists_parents() {
        let t = github_tree(&["src/model/train.py", "README.md", "docs/"]);
        let entries: Vec<(String, String)> = t["tree"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["path"].as_str().unwrap().into(),
                    e["type"].as_str().unwrap().into(),
                )
            })
            .collect();
        let want = [
            ("README.md", "blob"),
            ("docs", "tree"),
            ("src", "tree"),
            ("src/model", "tree"),
            ("src/model/train.py", "blob"),
        ];
        assert_eq!(entries.len(), want.len());
        for ((p, k), (wp, wk)) in entries.iter().zip(want) {
            assert_eq!((p.as_str(), k.as_str()), (wp, wk));
        }
        assert_eq!(t["truncated"], false);
        assert!(t["tree"][0]["size"].is_u64());
        assert!(t["tree"][1].get("size").is_none());
    }

    #[test]
    fn arxiv_entry_shape() {
        let e = arxiv_entry(
            "2312.06550",
            "A & B",
            "Sum <x>",
            Some("10 pages"),
            None,
            Some("10.1/x"),
        );
        assert!(e.starts_with("<entry>") && e.ends_with("</entry>"));
        assert!(e.contains("<id>http://arxiv.org/abs/2312.06550v1</id>"));
        assert!(e.contains("<published>2023-12-01T00:00:00Z</published>"));
        assert!(e.contains("<title>A &amp; B</title>"));
        assert!(e.contains(">10 pages</arxiv:comment>"));
        assert!(e.contains(">10.1/x</arxiv:doi>"));
        assert!(!e.contains("journal_ref"));
        assert!(e.contains("http://arxiv.org/pdf/2312.06550v1"));
        assert!(arxiv_entry("2402.00838v2", "t", "s", None, None, None)
            .contains("<id>http://arxiv.org/abs/2402.00838v2</id>"));
    }
}
