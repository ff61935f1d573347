//! The HTTP face of the service: ADR 0008's routes under `/api/v1`, `GET /healthz`, and
//! optionally the web app's files.
//!
//! This layer turns bytes into wire types and answers into bytes, and nothing else. It makes
//! sure that whatever a client sends gets a JSON answer with the right 4xx: bodies are parsed
//! here (not by axum's `Json`, whose rejections are plain text and use 422), oversized bodies
//! get 413 before they are read, and a panic anywhere becomes a logged 500 instead of a dropped
//! connection or a dead server.

use std::any::Any;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, post};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::sync::protocol::{ApiError, SyncProtocol, route};
use shared::sync::wire::{API, EnrolRequest, MAX_BODY, PairRequest, SyncRequest};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeader;
use tower_http::trace::TraceLayer;

use crate::service::Service;
use crate::storage::Storage;

type Shared<S> = Arc<Service<S>>;

/// An [`ApiError`] on its way out as an HTTP response.
#[derive(Debug)]
pub struct Failure(pub ApiError);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = json(status, &self.0.body());
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

fn json(status: StatusCode, body: &impl Serialize) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn internal_error() -> ApiError {
    ApiError::new(
        500,
        "internal",
        "Something went wrong on the server. Your progress is safe on this device and will sync later.",
    )
}

fn too_large() -> ApiError {
    ApiError::new(
        413,
        "too_large",
        format!(
            "The request is larger than {} MiB. Send fewer records at a time.",
            MAX_BODY / (1024 * 1024)
        ),
    )
}

/// A JSON body decoded into a wire type, or a 400/413 that says what is wrong.
pub struct WireJson<T>(pub T);

impl<T: DeserializeOwned, St: Send + Sync> FromRequest<St> for WireJson<T> {
    type Rejection = Failure;

    async fn from_request(request: Request, state: &St) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Failure(too_large())
                } else {
                    Failure(ApiError::bad_request(format!(
                        "The request body could not be read: {}.",
                        rejection.body_text()
                    )))
                }
            })?;
        serde_json::from_slice(&bytes).map(WireJson).map_err(|e| {
            use serde_json::error::Category;
            let what = match e.classify() {
                Category::Eof if bytes.iter().all(u8::is_ascii_whitespace) => {
                    "The request has no body; it must be a JSON object".to_owned()
                }
                Category::Eof => format!("The request body is cut short: {e}"),
                Category::Syntax | Category::Io => {
                    format!("The request body is not valid JSON: {e}")
                }
                Category::Data => format!("The request body has the wrong shape: {e}"),
            };
            Failure(ApiError::bad_request(format!("{what}.")))
        })
    }
}

/// The bearer token, if the request has one. A malformed header counts as none: the answer is
/// the same 401 either way.
fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// Runs a service call on the blocking pool: storage calls wait on SQLite and on group commit,
/// which must not stall the async workers. A panic in the call becomes a 500.
async fn blocking<T, F>(work: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result.map_err(Failure),
        Err(error) => {
            tracing::error!(%error, "a request failed inside the service");
            Err(Failure(internal_error()))
        }
    }
}

async fn enrol<S: Storage>(
    State(service): State<Shared<S>>,
    WireJson(request): WireJson<EnrolRequest>,
) -> Result<Response, Failure> {
    let enrolled = blocking(move || service.enrol(request)).await?;
    Ok(json(StatusCode::CREATED, &enrolled))
}

async fn start_pairing<S: Storage>(
    State(service): State<Shared<S>>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let token = bearer(&headers);
    let code = blocking(move || service.start_pairing(token.as_deref())).await?;
    Ok(json(StatusCode::CREATED, &code))
}

async fn complete_pairing<S: Storage>(
    State(service): State<Shared<S>>,
    WireJson(request): WireJson<PairRequest>,
) -> Result<Response, Failure> {
    let enrolled = blocking(move || service.complete_pairing(request)).await?;
    Ok(json(StatusCode::CREATED, &enrolled))
}

async fn sync<S: Storage>(
    State(service): State<Shared<S>>,
    headers: HeaderMap,
    WireJson(request): WireJson<SyncRequest>,
) -> Result<Response, Failure> {
    let token = bearer(&headers);
    let answer = blocking(move || service.sync(token.as_deref(), request)).await?;
    Ok(json(StatusCode::OK, &answer))
}

/// The pack's JSON was made once at start; each answer shares it.
async fn pack<S: Storage>(State(service): State<Shared<S>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(Bytes::from_owner(Arc::clone(&service.pack_info().json))),
    )
        .into_response()
}

async fn delete_account<S: Storage>(
    State(service): State<Shared<S>>,
    headers: HeaderMap,
) -> Result<StatusCode, Failure> {
    let token = bearer(&headers);
    blocking(move || service.delete_account(token.as_deref())).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn healthz() -> Response {
    json(StatusCode::OK, &serde_json::json!({ "status": "ok" }))
}

async fn not_found() -> Failure {
    Failure(ApiError::new(
        404,
        "not_found",
        "There is nothing at this address.",
    ))
}

async fn method_not_allowed() -> Failure {
    Failure(ApiError::new(
        405,
        "method_not_allowed",
        "This address does not accept that method.",
    ))
}

/// Refuses a body declared larger than the limit before reading any of it, on every route, so
/// even routes that ignore bodies answer 413 rather than reading a flood.
async fn limit_declared_size(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Failure(too_large()).into_response();
    }
    next.run(request).await
}

// The layer hands the panic over by value; it is only read here.
#[allow(clippy::needless_pass_by_value)]
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<&str>()
        .map(ToString::to_string)
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %detail, "a request handler panicked");
    Failure(internal_error()).into_response()
}

/// The whole application: API, health check and, if given, the web app.
pub fn router<S: Storage>(service: Shared<S>, web_dir: Option<&Path>) -> Router {
    let api = Router::new()
        .route(route::ENROL, post(enrol::<S>))
        .route(route::PAIR, post(start_pairing::<S>))
        .route(route::PAIR_COMPLETE, post(complete_pairing::<S>))
        .route(route::SYNC, post(sync::<S>))
        .route(route::PACK, get(pack::<S>))
        .route(route::ACCOUNT, delete(delete_account::<S>))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .with_state(service);
    let app = Router::new()
        .route("/healthz", get(healthz))
        .method_not_allowed_fallback(method_not_allowed)
        .nest(API, api)
        // Unknown API paths get a JSON 404, never the web app's index page.
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found));
    let app = match web_dir {
        // A single-page app: paths that are not files get index.html, and the app routes them.
        // The web build writes a `.br` and a `.gz` copy beside each file, so a phone on mobile
        // data downloads about a third of the bytes, and the server compresses nothing itself.
        // `Vary` tells caches between here and the browser that the bytes depend on
        // `Accept-Encoding`.
        Some(dir) => app.fallback_service(SetResponseHeader::overriding(
            ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(
                    ServeFile::new(dir.join("index.html"))
                        .precompressed_br()
                        .precompressed_gzip(),
                ),
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        )),
        None => app.fallback(not_found),
    };
    app.layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(limit_declared_size))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(panic_response))
}
