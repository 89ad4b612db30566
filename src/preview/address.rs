//! Where the preview listens, and whom it answers: this machine only.
//!
//! Briefs are unpublished work (fees, dates, a launch before it is
//! announced), so the server binds a loopback address and nothing else,
//! and answers only requests addressed to a loopback name: a web page
//! elsewhere that points its own domain at 127.0.0.1 (DNS rebinding) gets
//! a 403, not the briefs.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The address when none is given.
pub const DEFAULT_HOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// A `--host` that is not this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotLoopback {
    pub given: String,
}

impl fmt::Display for NotLoopback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!(
            "preview serves this machine only: `{host}` is not a loopback address; \
             use 127.0.0.1 (the default), ::1 or localhost",
            host = self.given
        ))
    }
}

impl std::error::Error for NotLoopback {}

/// `--host`: `localhost`, or an IP address in 127.0.0.0/8 or `::1`.
/// Anything else, `0.0.0.0` and `::` included, is refused.
pub fn loopback(given: &str) -> Result<IpAddr, NotLoopback> {
    let trimmed = given.trim();
    let bare = trimmed
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(trimmed);
    if bare.eq_ignore_ascii_case("localhost") {
        return Ok(DEFAULT_HOST);
    }
    match bare.parse::<IpAddr>() {
        Ok(ip) if ip.is_loopback() => Ok(ip),
        _ => Err(NotLoopback {
            given: given.to_string(),
        }),
    }
}

/// The address to open in a browser: `http://127.0.0.1:4880/`.
pub fn url(address: SocketAddr) -> String {
    format!("http://{address}/")
}

/// Whether a request's `Host` header names this machine (`127.0.0.1:4880`,
/// `localhost:4880`, `[::1]:4880`). A request without one (HTTP/1.0) is
/// answered: only a browser sent by another site brings a foreign name.
pub fn is_local_host_header(host: Option<&str>) -> bool {
    let Some(host) = host.map(str::trim) else {
        return true;
    };
    // Without the port: `[::1]:4880` → `::1`, `localhost:4880` → `localhost`.
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.');
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_are_accepted() {
        assert_eq!(loopback("127.0.0.1"), Ok(DEFAULT_HOST));
        assert_eq!(loopback("localhost"), Ok(DEFAULT_HOST));
        assert!(loopback("127.0.0.2").is_ok());
        assert_eq!(loopback("::1").map(|ip| ip.is_ipv6()), Ok(true));
        assert_eq!(loopback("[::1]").map(|ip| ip.is_ipv6()), Ok(true));
    }

    #[test]
    fn every_other_address_is_refused() {
        for host in [
            "0.0.0.0",
            "::",
            "192.168.1.20",
            "10.0.0.1",
            "example.com",
            "",
        ] {
            assert!(loopback(host).is_err(), "{host} must be refused");
        }
        let message = loopback("0.0.0.0").unwrap_err().to_string();
        assert!(
            message.contains("`0.0.0.0` is not a loopback address"),
            "{message}"
        );
    }

    #[test]
    fn host_headers_must_name_this_machine() {
        for host in [
            "127.0.0.1:4880",
            "localhost:4880",
            "LOCALHOST",
            "[::1]:4880",
            "localhost.:1",
        ] {
            assert!(is_local_host_header(Some(host)), "{host}");
        }
        for host in [
            "evil.example:4880",
            "192.168.1.20:4880",
            "127.0.0.1.evil.example",
        ] {
            assert!(!is_local_host_header(Some(host)), "{host}");
        }
        assert!(is_local_host_header(None));
    }

    #[test]
    fn urls_bracket_ipv6() {
        let v6: SocketAddr = "[::1]:4880".parse().unwrap();
        assert_eq!(url(v6), "http://[::1]:4880/");
    }
}
