//! An in-process fake of the public web the crawler reads (Hugging Face,
//! GitHub, arXiv, PyPI, vendor pages), for tests and benchmarks.
//!
//! [`FakeWeb`] listens on `127.0.0.1` and answers in the mirror layout the
//! crawler's `[http] mirror` setting uses: `https://HOST/PATH?Q` is requested
//! as `http://127.0.0.1:PORT/HOST/PATH?Q`. It behaves like
//! `shared/tools/mirror_server.py`: ETags and 304s, Hugging Face aliases,
//! case-insensitive GitHub and Hugging Face names, merged arXiv API feeds,
//! service-shaped 404s, and fault injection (latency, rate limits, random
//! 503s, reply sequences, stalled, truncated and huge bodies).
//! [`fixtures`] builds bodies shaped like the real APIs.
//!
//! ```
//! use openness_testkit::{fixtures, FakeWeb, Reply};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let web = FakeWeb::start().await;
//! web.set_json(
//!     "https://api.github.com/repos/org/repo",
//!     fixtures::github_repo("org/repo", "main", Some("MIT"), "A repo", false),
//! );
//! // First request fails, later ones succeed.
//! web.set_sequence(
//!     "https://pypi.org/pypi/pkg/json",
//!     vec![Reply::status(503), Reply::json(fixtures::pypi_project("pkg", "1.0", "", "", &[]))],
//! );
//!
//! // The crawler would get `mirror = web.mirror()` in its config.
//! let client = reqwest::Client::builder().no_proxy().build().unwrap();
//! let repo: serde_json::Value = client
//!     .get(web.url("https://api.github.com/repos/ORG/Repo")) // names fold case, as on GitHub
//!     .send().await.unwrap()
//!     .json().await.unwrap();
//! assert_eq!(repo["license"]["spdx_id"], "MIT");
//!
//! let first = client.get(web.url("https://pypi.org/pypi/pkg/json")).send().await.unwrap();
//! assert_eq!(first.status(), 503);
//! assert_eq!(web.requests().len(), 2);
//! # }
//! ```

mod body;
mod faults;
pub mod fixtures;
mod reply;
mod route;
mod server;

pub use fixtures::Gated;
pub use reply::{guess_content_type, Behaviour, Reply};
pub use server::{FakeWeb, LoggedRequest};
