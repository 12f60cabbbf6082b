//! The client's address, for the sign-in limits: the connection's peer, or, when the peer is
//! a trusted reverse proxy (the `trusted_proxies` setting), the nearest address in
//! `X-Forwarded-For` that is not itself a trusted proxy. A header from anyone else is ignored,
//! so a client cannot choose the address it is counted as.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// Networks whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A list of addresses or networks separated by commas (`10.0.0.1, 192.168.0.0/16`), or
    /// the text of a TOML array of them.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for item in text
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
        {
            let item = item.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            if item.is_empty() {
                continue;
            }
            let net = item
                .parse::<IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{item:?} is not an IP address or network"))?;
            nets.push(net);
        }
        Ok(TrustedProxies(nets))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// Who sent the request that `peer` passed on with `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        // Each proxy appends the address it received from: read from the right, past our
        // own proxies, to the first address a trusted proxy vouches for.
        let mut client = peer;
        for entry in forwarded.iter().rev() {
            match entry.parse::<IpAddr>() {
                Ok(ip) if self.trusts(ip) => client = ip,
                Ok(ip) => return canonical(ip),
                Err(_) => return client,
            }
        }
        client
    }
}

/// An IPv4 address that came as IPv6 (`::ffff:192.0.2.1`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The client's address; `None` when the server was started without connection info.
pub struct ClientAddress(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(ClientAddress(peer.map(|peer| {
            state
                .settings
                .trusted_proxies
                .client(canonical(peer), &parts.headers)
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append("x-forwarded-for", v.parse().unwrap());
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn parses_addresses_networks_and_toml_arrays() {
        let list = TrustedProxies::parse("[\"10.0.0.1\", \"192.168.0.0/16\", \"::1\"]").unwrap();
        assert!(list.trusts(ip("10.0.0.1")) && !list.trusts(ip("10.0.0.2")));
        assert!(list.trusts(ip("192.168.44.5")) && list.trusts(ip("::1")));
        assert_eq!(
            TrustedProxies::parse("").unwrap(),
            TrustedProxies::default()
        );
        let err = TrustedProxies::parse("10.0.0.1, proxy.example").unwrap_err();
        assert!(err.contains("proxy.example"), "{err}");
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let list = TrustedProxies::parse("10.0.0.1").unwrap();
        let forged = headers(&["198.51.100.7"]);
        assert_eq!(list.client(ip("203.0.113.9"), &forged), ip("203.0.113.9"));
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.1"), &forged),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_address_is_the_client() {
        let list = TrustedProxies::parse("10.0.0.0/8").unwrap();
        // The client put a forged address first; our two proxies appended theirs.
        let chain = headers(&["192.0.2.66, 198.51.100.7", "10.0.0.5"]);
        assert_eq!(list.client(ip("10.0.0.1"), &chain), ip("198.51.100.7"));
        assert_eq!(
            list.client(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
        let garbage = headers(&["not-an-address, 10.0.0.9"]);
        assert_eq!(list.client(ip("10.0.0.1"), &garbage), ip("10.0.0.9"));
        assert_eq!(
            list.client(ip("::ffff:10.0.0.1"), &headers(&["198.51.100.7"])),
            ip("198.51.100.7")
        );
    }
}
