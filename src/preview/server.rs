//! Answering one request. Every path is looked up in the rendered set held
//! in memory; nothing is read from the disk, so `/briefs/../Cargo.toml`
//! is simply a page that is not there.
//!
//! | path | what |
//! | --- | --- |
//! | `/` | the main page: sidebar, findings, the brief in a frame |
//! | `/briefs/PATH` | one page of the rendered set (`/briefs/en/overview.html`) |
//! | `/events` | server-sent events: the version, now and after each change |

use std::io::Cursor;
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::address::is_local_host_header;
use super::events;
use super::State;

/// The briefs are templates' output: they never need a script, so a
/// template that forgot to escape something cannot run one either.
const BRIEF_POLICY: &str =
    "script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/// Answers one request. The event stream goes on in a thread of its own;
/// everything else is answered before this returns.
pub fn answer(request: Request, state: &Arc<State>) {
    let host = request
        .headers()
        .iter()
        .find(|header| header.field.equiv("Host"))
        .map(|header| header.value.as_str().to_string());
    if !is_local_host_header(host.as_deref()) {
        let refusal =
            crate::t!("this preview answers only requests addressed to this machine (localhost)\n");
        return reply(request, text(403, &refusal, &[]));
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let allow = [("Allow", "GET, HEAD")];
        return reply(
            request,
            text(
                405,
                &crate::t!("the preview only serves pages (GET)\n"),
                &allow,
            ),
        );
    }
    // The path without a query; a request for `http://host/path` (absolute
    // form) or anything else odd is a page that is not there.
    let target = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_string();
    let site = state.site();
    let pages = &state.pages;
    if target == "/" {
        let nonce = state.nonce();
        let html = pages.shell(&site.site, &site.version, &nonce);
        let policy = format!(
            "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; \
             connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; \
             form-action 'none'; frame-ancestors 'none'"
        );
        return reply(request, html_page(200, html, &policy));
    }
    if target == "/events" {
        return stream(request, state, site.version.clone());
    }
    let page = target
        .strip_prefix("/briefs/")
        .and_then(percent_decode)
        .and_then(|path| {
            let briefs = site.site.briefs.as_deref()?;
            briefs
                .files
                .get(&path)
                .map(|html| pages.brief(&site.site, html))
        });
    match page {
        Some(html) => reply(request, html_page(200, html, BRIEF_POLICY)),
        None => {
            let shown = percent_decode(&target).unwrap_or(target);
            let html = pages.missing(&shown);
            reply(request, html_page(404, html, BRIEF_POLICY))
        }
    }
}

/// `/events`: the stream needs the raw connection and a thread.
fn stream(request: Request, state: &Arc<State>, current: String) {
    let Some(versions) = state.hub.subscribe() else {
        let busy = crate::t!("too many preview pages are open; close some and reload\n");
        return reply(request, text(503, &busy, &[("Retry-After", "5")]));
    };
    let spawned = std::thread::Builder::new()
        .name("preview-events".to_string())
        .spawn(move || {
            let writer = request.into_writer();
            // A page that goes away ends the stream with a write error;
            // there is no one to tell.
            let _ = events::stream(writer, &current, versions);
        });
    // Without a thread the request is dropped, which answers 500; the
    // page's EventSource tries again a second later.
    drop(spawned);
}

fn reply(request: Request, response: Response<Cursor<Vec<u8>>>) {
    // A page closed before its answer was written is not an error here.
    let _ = request.respond(response);
}

/// A response with the headers every answer carries, and `extra`.
fn response(
    status: u16,
    content_type: &str,
    body: Vec<u8>,
    extra: &[(&str, &str)],
) -> Response<Cursor<Vec<u8>>> {
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    let common = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ];
    for (name, value) in common.iter().chain(extra) {
        // Every name and value here is ASCII we wrote; one that did not
        // parse would be left out rather than stop the answer.
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

fn html_page(status: u16, html: String, policy: &str) -> Response<Cursor<Vec<u8>>> {
    let extra = [("Content-Security-Policy", policy)];
    response(
        status,
        "text/html; charset=utf-8",
        html.into_bytes(),
        &extra,
    )
}

fn text(status: u16, body: &str, extra: &[(&str, &str)]) -> Response<Cursor<Vec<u8>>> {
    response(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
        extra,
    )
}

/// `%E5%B0%8F` → `小`; `None` for a broken escape or bytes that are not
/// UTF-8. `+` stays `+`: paths are not form data.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn paths_are_percent_decoded_strictly() {
        assert_eq!(
            percent_decode("en/kol/a.html").as_deref(),
            Some("en/kol/a.html")
        );
        assert_eq!(percent_decode("%E5%B0%8F%20x+").as_deref(), Some("小 x+"));
        assert_eq!(percent_decode("%2e%2e/x").as_deref(), Some("../x"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%e5"), None, "half a character");
        assert_eq!(percent_decode("%"), None);
    }
}
