//! The sync protocol as a trait: the HTTP server implements it, and so can an in-process server
//! in tests. [`serve`] turns one HTTP request (the core's `Http` effect) into a call on it, so
//! tests can put a real server's logic behind the core without a socket.

use crux_http::protocol::{HttpHeader, HttpRequest, HttpResponse, HttpResult};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::wire::{
    API, EnrolRequest, Enrolled, ErrorBody, ErrorDetail, PairRequest, PairingCode, SyncRequest,
    SyncResponse,
};

/// A refusal from the server: an HTTP status and the error body that goes with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// For 429: how many seconds to wait before trying again (`Retry-After`).
    pub retry_after_s: Option<u64>,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            retry_after_s: None,
        }
    }

    /// A 429: too many attempts from this client or learner; try again after `retry_after_s`.
    pub fn too_many(retry_after_s: u64, message: impl Into<String>) -> Self {
        Self {
            retry_after_s: Some(retry_after_s),
            ..Self::new(429, "too_many_attempts", message)
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, "bad_request", message)
    }

    pub fn unauthorized() -> Self {
        Self::new(
            401,
            "unauthorized",
            "This device is not signed in, or its token is no longer valid. Join the programme again.",
        )
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message.clone(),
            },
        }
    }
}

/// Everything a device can ask the council's server. `token` is the bearer token, if any.
pub trait SyncProtocol {
    fn enrol(&self, request: EnrolRequest) -> Result<Enrolled, ApiError>;
    fn start_pairing(&self, token: Option<&str>) -> Result<PairingCode, ApiError>;
    fn complete_pairing(&self, request: PairRequest) -> Result<Enrolled, ApiError>;
    fn sync(&self, token: Option<&str>, request: SyncRequest) -> Result<SyncResponse, ApiError>;
    /// The newest content pack, as JSON.
    fn pack(&self) -> Result<Vec<u8>, ApiError>;
    /// Signs this device out: its token stops working at once.
    fn sign_out(&self, token: Option<&str>) -> Result<(), ApiError>;
    fn delete_account(&self, token: Option<&str>) -> Result<(), ApiError>;
}

/// The routes, relative to [`API`].
pub mod route {
    pub const ENROL: &str = "/enrol";
    pub const PAIR: &str = "/pair";
    pub const PAIR_COMPLETE: &str = "/pair/complete";
    pub const SYNC: &str = "/sync";
    pub const PACK: &str = "/pack";
    pub const ACCOUNT: &str = "/account";
    pub const CURRENT_DEVICE: &str = "/devices/current";
}

fn json_response(status: u16, body: &impl Serialize) -> HttpResult {
    HttpResult::Ok(HttpResponse {
        status,
        headers: vec![HttpHeader {
            name: "content-type".to_owned(),
            value: "application/json".to_owned(),
        }],
        body: serde_json::to_vec(body).expect("wire types serialize"),
    })
}

fn no_content() -> HttpResult {
    HttpResult::Ok(HttpResponse {
        status: 204,
        headers: vec![],
        body: vec![],
    })
}

fn error_response(error: &ApiError) -> HttpResult {
    json_response(error.status, &error.body())
}

fn parse<T: DeserializeOwned>(request: &HttpRequest) -> Result<T, ApiError> {
    serde_json::from_slice(&request.body)
        .map_err(|e| ApiError::bad_request(format!("The request body is not valid: {e}.")))
}

fn bearer(request: &HttpRequest) -> Option<&str> {
    request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("authorization"))
        .and_then(|h| h.value.strip_prefix("Bearer "))
}

/// The path of a URL, without scheme, host or query.
fn path_of(url: &str) -> &str {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = if url.contains("://") {
        without_scheme
            .find('/')
            .map_or("/", |i| &without_scheme[i..])
    } else {
        without_scheme
    };
    path.split(['?', '#']).next().unwrap_or(path)
}

/// Answers one HTTP request with a [`SyncProtocol`] implementation, as the HTTP server would.
pub fn serve(protocol: &impl SyncProtocol, request: &HttpRequest) -> HttpResult {
    let path = path_of(&request.url);
    let Some(route) = path.strip_prefix(API) else {
        return error_response(&ApiError::new(
            404,
            "not_found",
            "There is nothing at this address.",
        ));
    };
    let token = bearer(request);
    let result = match (request.method.as_str(), route) {
        ("POST", route::ENROL) => parse(request)
            .and_then(|r| protocol.enrol(r))
            .map(|r| json_response(201, &r)),
        ("POST", route::PAIR) => protocol
            .start_pairing(token)
            .map(|r| json_response(201, &r)),
        ("POST", route::PAIR_COMPLETE) => parse(request)
            .and_then(|r| protocol.complete_pairing(r))
            .map(|r| json_response(201, &r)),
        ("POST", route::SYNC) => parse(request)
            .and_then(|r| protocol.sync(token, r))
            .map(|r| json_response(200, &r)),
        ("GET", route::PACK) => protocol.pack().map(|body| {
            HttpResult::Ok(HttpResponse {
                status: 200,
                headers: vec![HttpHeader {
                    name: "content-type".to_owned(),
                    value: "application/json".to_owned(),
                }],
                body,
            })
        }),
        ("DELETE", route::ACCOUNT) => protocol.delete_account(token).map(|()| no_content()),
        ("DELETE", route::CURRENT_DEVICE) => protocol.sign_out(token).map(|()| no_content()),
        (
            _,
            route::ENROL
            | route::PAIR
            | route::PAIR_COMPLETE
            | route::SYNC
            | route::PACK
            | route::ACCOUNT
            | route::CURRENT_DEVICE,
        ) => Err(ApiError::new(
            405,
            "method_not_allowed",
            "This address does not accept that method.",
        )),
        _ => Err(ApiError::new(
            404,
            "not_found",
            "There is nothing at this address.",
        )),
    };
    result.unwrap_or_else(|e| error_response(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_found_in_full_and_relative_urls() {
        assert_eq!(
            path_of("http://127.0.0.1:8080/api/v1/sync?x=1"),
            "/api/v1/sync"
        );
        assert_eq!(path_of("https://example.org"), "/");
        assert_eq!(path_of("/api/v1/pack"), "/api/v1/pack");
    }
}
