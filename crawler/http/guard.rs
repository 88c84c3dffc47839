//! Which URLs the crawler may request at all: http(s) only, never private or
//! loopback addresses. The check is on the public URL, so it holds with a mirror too: the
//! mirror's own (loopback) address is never a public URL's host.

use std::net::{IpAddr, Ipv4Addr};
use url::{Host, Url};

/// Why a URL is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// Not http or https.
    #[error("only http and https URLs are fetched, not `{0}`")]
    Scheme(String),
    /// Points at a loopback, private, link-local or otherwise internal address.
    #[error("refusing to fetch {0}: it points at a private, loopback or link-local address")]
    Private(String),
    /// Carries credentials in the URL.
    #[error("refusing to fetch a URL with embedded credentials")]
    Credentials,
}

/// Checks a public URL before it is requested (or mapped to the mirror).
pub fn check(url: &Url) -> Result<(), Refusal> {
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(Refusal::Scheme(url.scheme().to_string()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Refusal::Credentials);
    }
    // A mirror serves copies of the public web: a public URL naming an internal host (a
    // `localhost` link in a card's code example) is refused with a mirror too.
    let internal = match url.host() {
        None => true,
        Some(Host::Ipv4(ip)) => is_internal(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => is_internal(IpAddr::V6(ip)),
        Some(Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_lowercase();
            d == "localhost" || d.ends_with(".localhost") || d.ends_with(".local") || d.ends_with(".internal")
        }
    };
    if internal {
        return Err(Refusal::Private(url.to_string()));
    }
    Ok(())
}

/// Loopback, private, link-local, shared, unspecified, multicast and documentation ranges.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_internal_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal_v4(v4);
            }
            let seg = v6.segments();
            // IPv6 forms that carry an IPv4 address: NAT64 (64:ff9b::/96), IPv4-compatible
            // (::/96), 6to4 (2002::/16, the address in segments 1 and 2).
            let embedded = |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
            let carried = if seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0] || seg[..6] == [0; 6] {
                Some(embedded(seg[6], seg[7]))
            } else if seg[0] == 0x2002 {
                Some(embedded(seg[1], seg[2]))
            } else {
                None
            };
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || carried.is_some_and(is_internal_v4)
                || (seg[0] & 0xfe00) == 0xfc00 // unique local
                || (seg[0] & 0xffc0) == 0xfe80 // link-local
                || (seg[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
                || (seg[0] == 0x2001 && seg[1] == 0x0db8) // documentation
        }
    }
}

fn is_internal_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || o[0] == 0
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // 100.64.0.0/10 shared address space
        || (o[0] == 198 && (o[1] & 0xfe) == 18) // benchmarking
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // IETF protocol assignments
        || o[0] >= 240 // reserved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn refuses_internal_targets() {
        for bad in ["http://127.0.0.2/x", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/", "http://[::1]/", "http://localhost:8080/", "http://192.168.0.1/", "http://[::ffff:127.0.0.1]/", "http://100.64.1.1/", "http://[64:ff9b::a9fe:a9fe]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/", "http://[::7f00:1]/", "http://[fec0::1]/", "http://[2001:db8::1]/", "http://240.0.0.1/", "http://192.0.0.8/"] {
            assert!(matches!(check(&u(bad)), Err(Refusal::Private(_))), "{bad}");
        }
        assert!(check(&u("https://huggingface.co/x")).is_ok());
        assert!(check(&u("https://8.8.8.8/")).is_ok());
        // NAT64 and 6to4 forms of a public address are public.
        assert!(check(&u("https://[64:ff9b::808:808]/")).is_ok());
        assert!(check(&u("https://[2002:808:808::1]/")).is_ok());
        assert!(check(&u("https://[2606:4700::1111]/")).is_ok());
        assert!(matches!(check(&u("file:///etc/passwd")), Err(Refusal::Scheme(_))));
        assert!(matches!(check(&u("ftp://x.example/")), Err(Refusal::Scheme(_))));
        assert!(matches!(check(&u("https://user:pw@x.example/")), Err(Refusal::Credentials)));
    }
}
