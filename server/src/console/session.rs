//! Console sessions: the cookie, when a session ends, and the CSRF check, as small pure
//! functions.
//!
//! The cookie holds a random 256-bit token; the server keeps only its SHA-256, so a copy of the
//! database signs no one in. A session ends after [`IDLE_MS`] without a request or
//! [`ABSOLUTE_MS`] after sign-in, whichever comes first.

use axum::http::HeaderMap;
use axum::http::header;

use crate::storage::Session;

/// The cookie's name.
pub const COOKIE: &str = "nc_lead";

/// A session ends after 30 minutes without a request...
pub const IDLE_MS: u64 = 30 * 60 * 1000;
/// ...or 12 hours after sign-in: one working day.
pub const ABSOLUTE_MS: u64 = 12 * 60 * 60 * 1000;

/// How long a one-time sign-in link works.
pub const LINK_TTL_MS: u64 = 15 * 60 * 1000;

/// Whether a session is still live at `now_ms`.
pub fn live(session: &Session, now_ms: u64) -> bool {
    now_ms < session.seen_at_ms.saturating_add(IDLE_MS)
        && now_ms < session.created_at_ms.saturating_add(ABSOLUTE_MS)
}

/// The session token from the request's cookies, if there is one.
pub fn token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// The `Set-Cookie` value that starts a session. `Secure` when the server is behind TLS;
/// `SameSite=Lax` so the link from an email still arrives signed in, while other sites' forms
/// never carry it (and every form also checks the CSRF token).
pub fn set_cookie(token: &str, secure: bool) -> String {
    format!(
        "{COOKIE}={token}; Path=/lead; HttpOnly; SameSite=Lax; Max-Age={}{}",
        ABSOLUTE_MS / 1000,
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that ends it.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{COOKIE}=; Path=/lead; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Compares a form's CSRF token with the session's in constant time.
pub fn csrf_ok(session: &Session, sent: Option<&str>) -> bool {
    let Some(sent) = sent else { return false };
    let (a, b) = (session.csrf.as_bytes(), sent.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;
    use crate::storage::{Council, CouncilId};

    fn session(created: u64, seen: u64) -> Session {
        Session {
            council: Council {
                id: CouncilId(1),
                name: "Leeds".into(),
            },
            email: "sam@leeds.gov.uk".into(),
            csrf: "abc123".into(),
            created_at_ms: created,
            seen_at_ms: seen,
        }
    }

    #[test]
    fn a_session_ends_when_idle_or_too_old() {
        let s = session(0, 0);
        assert!(live(&s, IDLE_MS - 1));
        assert!(!live(&s, IDLE_MS));
        let busy = session(0, ABSOLUTE_MS - 1000);
        assert!(live(&busy, ABSOLUTE_MS - 1));
        assert!(
            !live(&busy, ABSOLUTE_MS),
            "however busy, 12 hours is the end"
        );
    }

    #[test]
    fn the_cookie_is_found_among_others_and_is_secure_behind_tls() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; nc_lead=t0k3n; other=1"),
        );
        assert_eq!(token(&headers).as_deref(), Some("t0k3n"));
        assert_eq!(token(&HeaderMap::new()), None);
        assert!(set_cookie("x", true).ends_with("; Secure"));
        assert!(!set_cookie("x", false).contains("Secure"));
        assert!(set_cookie("x", false).contains("HttpOnly; SameSite=Lax"));
    }

    #[test]
    fn only_the_sessions_own_csrf_token_passes() {
        let s = session(0, 0);
        assert!(csrf_ok(&s, Some("abc123")));
        assert!(!csrf_ok(&s, Some("abc124")));
        assert!(!csrf_ok(&s, Some("abc")));
        assert!(!csrf_ok(&s, None));
    }
}
