//! Errors raised while reading untrusted response bodies.

/// A response body could not be read as the expected format.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum ParseError {
    /// The body is not valid JSON or lacks the fields every answer of this API has.
    #[error("malformed JSON from {what}: {reason}")]
    Json { what: &'static str, reason: String },
    /// The body is not well-formed XML (Atom).
    #[error("malformed XML from {what}: {reason}")]
    Xml { what: &'static str, reason: String },
    /// The body is not valid UTF-8 text where text is required.
    #[error("{what} is not valid UTF-8 text")]
    Utf8 { what: &'static str },
    /// The body decoded but its content is unusable (e.g. bad base64).
    #[error("unusable {what}: {reason}")]
    Content { what: &'static str, reason: String },
}

impl ParseError {
    pub(crate) fn json(what: &'static str, err: impl std::fmt::Display) -> Self {
        ParseError::Json { what, reason: err.to_string() }
    }
}

/// Reads a body as UTF-8, failing with a clear error otherwise.
pub fn utf8<'a>(what: &'static str, body: &'a [u8]) -> Result<&'a str, ParseError> {
    std::str::from_utf8(body).map_err(|_| ParseError::Utf8 { what })
}
