//! Parsers that turn responses from the public services into typed evidence.
//!
//! Each module reads one kind of response (Hugging Face API and cards, GitHub
//! API, arXiv Atom, PyPI JSON, vendor HTML, licence texts) and never performs
//! I/O itself: the crawler fetches, this crate only reads. Every parser accepts
//! untrusted bytes and answers with a [`ParseError`] instead of panicking.
//!
//! ```
//! use openness_sources::card::Card;
//! let card = Card::parse("---\nlicense: mit\n---\n# Model\n## Training data\nWe used C4.\n");
//! assert_eq!(card.front_matter_str("license"), Some("mit".to_string()));
//! assert!(card.has_section(&["training data"]));
//! ```

pub mod arxiv;
pub mod bibtex;
pub mod card;
pub mod error;
pub mod fact;
pub mod github;
pub mod hf;
pub mod html;
pub mod license;
pub mod links;
pub mod pypi;
pub mod robots;
pub mod text;

pub use error::ParseError;
pub use fact::Fact;
