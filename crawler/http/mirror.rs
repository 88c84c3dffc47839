//! The one difference between live and mirrored runs: where a public URL is sent.

use url::Url;

/// Maps public URLs to the URL actually requested, and answers from the wire back
/// to public URLs (redirect targets).
#[derive(Clone, Debug, Default)]
pub struct UrlMap {
    mirror: Option<Url>,
}

impl UrlMap {
    /// `mirror` is `[http] mirror`, e.g. `http://127.0.0.1:8765`.
    pub fn new(mirror: Option<&str>) -> Result<UrlMap, url::ParseError> {
        Ok(UrlMap { mirror: mirror.map(Url::parse).transpose()? })
    }

    /// Whether requests go to a mirror.
    pub fn is_mirror(&self) -> bool {
        self.mirror.is_some()
    }

    /// The mirror base, if any.
    pub fn mirror(&self) -> Option<&Url> {
        self.mirror.as_ref()
    }

    /// `https://HOST/PATH?Q` → `MIRROR/HOST/PATH?Q` (or unchanged without a mirror).
    pub fn wire(&self, public: &Url) -> Url {
        match &self.mirror {
            None => public.clone(),
            Some(m) => {
                let host = public.host_str().unwrap_or("");
                let port = public.port().map(|p| format!(":{p}")).unwrap_or_default();
                let mut s = format!("{}/{host}{port}{}", m.as_str().trim_end_matches('/'), public.path());
                if let Some(q) = public.query() {
                    s.push('?');
                    s.push_str(q);
                }
                Url::parse(&s).unwrap_or_else(|_| public.clone())
            }
        }
    }

    /// A URL seen on the wire (e.g. a redirect `Location`) → its public form.
    /// Without a mirror, or for URLs not under the mirror, it is returned unchanged.
    pub fn public(&self, wire: &Url) -> Url {
        let Some(m) = &self.mirror else { return wire.clone() };
        let same_origin = wire.scheme() == m.scheme() && wire.host_str() == m.host_str() && wire.port_or_known_default() == m.port_or_known_default();
        if !same_origin {
            return wire.clone();
        }
        let prefix = m.path().trim_end_matches('/');
        let rest = wire.path().strip_prefix(prefix).unwrap_or(wire.path()).trim_start_matches('/');
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let mut s = format!("https://{host}/{path}");
        if let Some(q) = wire.query() {
            s.push('?');
            s.push_str(q);
        }
        Url::parse(&s).unwrap_or_else(|_| wire.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_both_ways() {
        let m = UrlMap::new(Some("http://127.0.0.1:8765")).unwrap();
        let public = Url::parse("https://huggingface.co/api/models/a/b?x=1").unwrap();
        let wire = m.wire(&public);
        assert_eq!(wire.as_str(), "http://127.0.0.1:8765/huggingface.co/api/models/a/b?x=1");
        assert_eq!(m.public(&wire), public);
        let none = UrlMap::new(None).unwrap();
        assert_eq!(none.wire(&public), public);
    }
}
