//! A defensive check that keeps credentials carried in URLs out of the store.

use crate::error::{Result, StoreError};

/// Query parameter names (lowercase) that are taken for credentials.
const SECRET_PARAMS: &[&str] = &[
    "token",
    "access_token",
    "auth_token",
    "id_token",
    "refresh_token",
    "private_token",
    "api_key",
    "apikey",
    "api-key",
    "key",
    "sig",
    "signature",
    "secret",
    "client_secret",
    "password",
    "x-amz-signature",
    "x-amz-credential",
    "x-amz-security-token",
    "x-goog-signature",
    "x-goog-credential",
];

/// True when a (lowercased, decoded) parameter name looks like a credential.
fn is_secret_name(name: &str) -> bool {
    SECRET_PARAMS.contains(&name) || name.ends_with("_token") || name.ends_with("-token")
}

/// Decodes `%XX` escapes and `+` in a query parameter name, then lowercases it.
fn decode_name(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).to_ascii_lowercase()
}

/// Fails with [`StoreError::Secret`] when `url` carries credentials: a user name or password
/// before its host (`https://user:pass@host/`), or a query parameter named like a credential
/// (`token`, `access_token`, `api_key`, `key`, `sig`, ..., compared case-insensitively).
/// The message shows the URL with the credentials and query removed.
pub fn check_url(url: &str) -> Result<()> {
    if let Some((scheme, rest)) = url.split_once("://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if let Some((_, host)) = authority.rsplit_once('@') {
            return Err(StoreError::Secret(format!(
                "URL {scheme}://…@{host} carries a user name or password; strip it before recording the fetch"
            )));
        }
    }
    let Some((base, rest)) = url.split_once('?') else {
        return Ok(());
    };
    let query = rest.split('#').next().unwrap_or("");
    for pair in query.split(['&', ';']) {
        let raw_name = pair.split('=').next().unwrap_or("");
        let name = decode_name(raw_name);
        if is_secret_name(&name) {
            return Err(StoreError::Secret(format!(
                "URL {base}?… has a query parameter {name:?} that looks like a credential; \
                 strip it before recording the fetch"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_credential_parameters() {
        for url in [
            "https://h/p?token=abc",
            "https://h/p?a=1&ACCESS_TOKEN=abc",
            "https://h/p?api_key=abc#frag",
            "https://h/p?Key=abc",
            "https://h/p?x=1&sig=abc",
            "https://h/p?X-Amz-Signature=abc",
            "https://h/p?hf_token=abc",
            "https://h/p?%74oken=abc",
            "https://h/p?token",
            "https://user:abc@h/p",
            "https://abc@h/p?q=1",
        ] {
            let err = check_url(url).unwrap_err();
            assert!(matches!(err, StoreError::Secret(_)), "{url}");
            assert!(
                !err.to_string().contains("abc"),
                "secret value leaked: {err}"
            );
        }
    }

    #[test]
    fn passes_ordinary_urls() {
        for url in [
            "https://huggingface.co/api/models/x",
            "https://h/p?q=token&sort=key",
            "https://h/p?monkey=1&keys=2&signal=3&tokens=4",
            "https://h/p#token=abc",
            "https://h/p/user@example.org?q=a@b",
            "https://h/p?%zz=1&%=2&a%2=3&%é=4&%%C3%A9=5",
        ] {
            check_url(url).unwrap();
        }
    }
}
