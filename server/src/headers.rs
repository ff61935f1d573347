//! Browser hardening headers on every answer, and `no-store` on every API answer and console
//! page.
//!
//! The web app is a static PWA whose only script is its own bundle and whose core is wasm, so
//! its pages get a Content Security Policy that allows exactly that: scripts, styles, images,
//! the manifest and the service worker from this origin, wasm compilation, and requests only
//! back to this origin (the app talks to no other server). Every other answer (JSON, the health
//! check) gets a policy that allows nothing at all. Nothing may frame any page, which stops
//! clickjacking of the settings that delete data.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The web app's policy. `'wasm-unsafe-eval'` lets the page compile the core's wasm and
/// nothing else: plain `eval` stays forbidden.
pub const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// Everything that is not a page of the web app: nothing to load, nothing to frame it.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Adds the headers every answer carries.
pub async fn harden(request: Request, next: Next) -> Response {
    let (api, console) = {
        let path = request.uri().path();
        (
            path == "/api" || path.starts_with("/api/") || path == "/healthz",
            // The lead console's pages show learners' names and progress.
            (path == "/lead" || path.starts_with("/lead/")) && !path.starts_with("/lead/assets/"),
        )
    };
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(if api { API_CSP } else { APP_CSP }),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if api || console {
        // API answers carry tokens, pairing codes and learners' records, and console pages
        // show learners' progress: no browser or proxy may keep a copy.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
