//! **openness** crawls the public evidence about AI models (Hugging Face, GitHub,
//! arXiv, PyPI, vendor pages), keeps every response as a snapshot, and proposes
//! provisional openness verdicts, with the evidence behind each one, in the
//! index's own YAML format for a person to review.
//!
//! Data flows one way: [`config`] → [`discovery`] → [`http`] (rate-limited, cached)
//! → snapshots (`openness-snapshots`) → facts (`openness-sources`) → [`rules`] →
//! [`output`].
//!
//! ```
//! use openness::verdict::Class;
//! assert_eq!(Class::parse("Partial"), Some(Class::Partial));
//! assert_eq!(Class::Open.score(), Some(1.0));
//! ```

pub mod arxiv_batch;
pub mod changes;
pub mod cli;
pub mod config;
pub mod discovery;
pub mod evidence;
pub mod http;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod review;
pub mod rules;
pub mod schema;
pub mod seed;
pub mod snapshot;
pub mod verdict;
