//! The HTTP face of the service: ADR 0008's routes under `/api/v1`, `GET /healthz`, and
//! optionally the web app's files.
//!
//! This layer turns bytes into wire types and answers into bytes, and applies the limits that
//! belong to a client address rather than a learner. It makes sure that whatever a client sends
//! gets a JSON answer with the right 4xx: bodies are parsed here (not by axum's `Json`, whose
//! rejections are plain text and use 422), a body that is not JSON gets 415, oversized bodies
//! get 413 before they are read, a request that takes too long gets 408, attempts over a
//! client's limit get 429 with `Retry-After`, and a panic anywhere becomes a logged 500 instead
//! of a dropped connection or a dead server. Every answer carries the browser hardening
//! headers ([`headers`]); API answers are never cached.

use std::any::Any;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Extension, FromRequest, Path, Request, State};
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
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::headers;
use crate::limits::{Limiter, Rate, RetryAfter};
use crate::net::{ClientAddr, ClientKey};
use crate::service::Service;
use crate::storage::Storage;

/// Attempts allowed per client address, each per hour. A council's workshop puts twenty
/// learners behind one address, each enrolling and pairing a device or two, so the defaults
/// leave room for that and no more (ADR 0013 has the arithmetic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientRates {
    pub enrol: Rate,
    pub pair_start: Rate,
    pub pair_complete: Rate,
}

impl Default for ClientRates {
    fn default() -> Self {
        Self {
            enrol: Rate::per_hour(60),
            pair_start: Rate::per_hour(60),
            pair_complete: Rate::per_hour(60),
        }
    }
}

/// How the HTTP layer is set up.
#[derive(Debug, Clone, Default)]
pub struct HttpConfig {
    pub rates: ClientRates,
    /// Reverse proxies whose `X-Forwarded-For` is believed. From any other peer it is ignored,
    /// so a client cannot choose the address its limits are counted against.
    pub trusted_proxies: Vec<IpAddr>,
    /// Longest a request may take, body and answer included.
    pub request_timeout: Option<Duration>,
    /// Longest a request's body may take to arrive.
    pub body_timeout: Option<Duration>,
    /// The programme lead's console under `/lead/`.
    pub console: crate::console::ConsoleConfig,
}

/// What every handler can reach: the service and the per-client limiters.
pub struct AppState<S: Storage> {
    service: Arc<Service<S>>,
    enrol: Limiter<ClientKey>,
    pair_start: Limiter<ClientKey>,
    pair_complete: Limiter<ClientKey>,
}

type Shared<S> = Arc<AppState<S>>;

/// The client a request is counted against: the peer, or, behind a trusted proxy, the last
/// address in `X-Forwarded-For` that is not itself a trusted proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    // Each proxy appends the address it received from, so the rightmost untrusted entry is the
    // first one no trusted proxy could have been told by the client.
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .rev()
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

fn limited(limiter: &Limiter<ClientKey>, ip: ClientIp, now_ms: u64) -> Result<(), Failure> {
    limiter
        .take(ClientKey::of(ip.0), now_ms)
        .map_err(|RetryAfter(s)| {
            Failure(ApiError::too_many(
                s,
                "Too many attempts came from your network. Wait a while, then try again.",
            ))
        })
}

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
        if let Some(seconds) = self.0.retry_after_s {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
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
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(Failure(ApiError::new(
                415,
                "unsupported_media_type",
                "The request body must be JSON, sent with Content-Type: application/json.",
            )));
        }
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
    State(app): State<Shared<S>>,
    Extension(ip): Extension<ClientIp>,
    WireJson(request): WireJson<EnrolRequest>,
) -> Result<Response, Failure> {
    limited(&app.enrol, ip, app.service.clock().now_ms())?;
    let service = Arc::clone(&app.service);
    let enrolled = blocking(move || service.enrol(request)).await?;
    Ok(json(StatusCode::CREATED, &enrolled))
}

async fn start_pairing<S: Storage>(
    State(app): State<Shared<S>>,
    Extension(ip): Extension<ClientIp>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    limited(&app.pair_start, ip, app.service.clock().now_ms())?;
    let token = bearer(&headers);
    let service = Arc::clone(&app.service);
    let code = blocking(move || service.start_pairing(token.as_deref())).await?;
    Ok(json(StatusCode::CREATED, &code))
}

async fn complete_pairing<S: Storage>(
    State(app): State<Shared<S>>,
    Extension(ip): Extension<ClientIp>,
    WireJson(request): WireJson<PairRequest>,
) -> Result<Response, Failure> {
    // Every attempt counts, right or wrong, and is counted before the code is looked at: so
    // many guesses in parallel cannot pass the limit, and a right code from another address is
    // never held up by someone else's wrong ones.
    limited(&app.pair_complete, ip, app.service.clock().now_ms())?;
    let service = Arc::clone(&app.service);
    let enrolled = blocking(move || service.complete_pairing(request)).await?;
    Ok(json(StatusCode::CREATED, &enrolled))
}

async fn sync<S: Storage>(
    State(app): State<Shared<S>>,
    headers: HeaderMap,
    WireJson(request): WireJson<SyncRequest>,
) -> Result<Response, Failure> {
    let token = bearer(&headers);
    let service = Arc::clone(&app.service);
    let answer = blocking(move || service.sync(token.as_deref(), request)).await?;
    Ok(json(StatusCode::OK, &answer))
}

/// The pack's JSON was made once at start; each answer shares it.
async fn pack<S: Storage>(State(app): State<Shared<S>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(Bytes::from_owner(Arc::clone(&app.service.pack_info().json))),
    )
        .into_response()
}

async fn sign_out<S: Storage>(
    State(app): State<Shared<S>>,
    headers: HeaderMap,
) -> Result<StatusCode, Failure> {
    let token = bearer(&headers);
    let service = Arc::clone(&app.service);
    blocking(move || service.sign_out(token.as_deref())).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn delete_account<S: Storage>(
    State(app): State<Shared<S>>,
    headers: HeaderMap,
) -> Result<StatusCode, Failure> {
    let token = bearer(&headers);
    let service = Arc::clone(&app.service);
    blocking(move || service.delete_account(token.as_deref())).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The programme lead's report API (see [`crate::lead`]). Paths under `/api/v1`.
pub mod lead_route {
    pub const COHORTS: &str = "/lead/cohorts";
    pub const PROGRESS: &str = "/lead/cohorts/{cohort}/progress";
    pub const SUMMARY: &str = "/lead/cohorts/{cohort}/summary";
    pub const USEFULNESS: &str = "/lead/cohorts/{cohort}/usefulness";
    pub const BASELINE: &str = "/lead/baseline";
}

/// A cohort id from the path. One that is not a number is a cohort that does not exist.
fn cohort_id(raw: &str) -> Result<i64, Failure> {
    raw.parse()
        .map_err(|_| Failure(crate::lead::no_such_cohort()))
}

async fn lead_cohorts<S: Storage>(
    State(app): State<Shared<S>>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let token = bearer(&headers);
    let service = Arc::clone(&app.service);
    let report = blocking(move || service.lead_cohorts(token.as_deref())).await?;
    Ok(json(StatusCode::OK, &report))
}

/// Which report on a cohort.
#[derive(Clone, Copy)]
enum CohortReport {
    Progress,
    Summary,
    Usefulness,
}

async fn lead_cohort_report<S: Storage>(
    app: Shared<S>,
    headers: &HeaderMap,
    raw: &str,
    which: CohortReport,
) -> Result<Response, Failure> {
    let cohort = cohort_id(raw)?;
    let token = bearer(headers);
    let service = Arc::clone(&app.service);
    let token = token.as_deref().map(str::to_owned);
    blocking(move || {
        let token = token.as_deref();
        let body = match which {
            CohortReport::Progress => serde_json::to_value(service.lead_progress(token, cohort)?),
            CohortReport::Summary => serde_json::to_value(service.lead_summary(token, cohort)?),
            CohortReport::Usefulness => {
                serde_json::to_value(service.lead_usefulness(token, cohort)?)
            }
        };
        body.map_err(|_| internal_error())
    })
    .await
    .map(|body| json(StatusCode::OK, &body))
}

async fn lead_progress<S: Storage>(
    State(app): State<Shared<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    lead_cohort_report(app, &headers, &raw, CohortReport::Progress).await
}

async fn lead_summary<S: Storage>(
    State(app): State<Shared<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    lead_cohort_report(app, &headers, &raw, CohortReport::Summary).await
}

async fn lead_usefulness<S: Storage>(
    State(app): State<Shared<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    lead_cohort_report(app, &headers, &raw, CohortReport::Usefulness).await
}

async fn lead_baseline<S: Storage>(
    State(app): State<Shared<S>>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let token = bearer(&headers);
    let service = Arc::clone(&app.service);
    let report = blocking(move || service.lead_baseline(token.as_deref())).await?;
    Ok(json(StatusCode::OK, &report))
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

/// Works out the client's address once, for every route's limits.
async fn identify(trusted: Arc<[IpAddr]>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ClientAddr>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
    let ip = client_ip(peer, request.headers(), &trusted);
    request.extensions_mut().insert(ClientIp(ip));
    next.run(request).await
}

fn timed_out() -> Response {
    Failure(ApiError::new(
        408,
        "timeout",
        "The request took too long to arrive. Check your connection, then try again.",
    ))
    .into_response()
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
pub fn router<S: Storage>(
    service: Arc<Service<S>>,
    web_dir: Option<&std::path::Path>,
    config: &HttpConfig,
) -> Router {
    let console = crate::console::router(Arc::clone(&service), config.console.clone());
    let state = Arc::new(AppState {
        service,
        enrol: Limiter::new(config.rates.enrol),
        pair_start: Limiter::new(config.rates.pair_start),
        pair_complete: Limiter::new(config.rates.pair_complete),
    });
    let api = Router::new()
        .route(route::ENROL, post(enrol::<S>))
        .route(route::PAIR, post(start_pairing::<S>))
        .route(route::PAIR_COMPLETE, post(complete_pairing::<S>))
        .route(route::SYNC, post(sync::<S>))
        .route(route::PACK, get(pack::<S>))
        .route(route::ACCOUNT, delete(delete_account::<S>))
        .route(route::CURRENT_DEVICE, delete(sign_out::<S>))
        .route(lead_route::COHORTS, get(lead_cohorts::<S>))
        .route(lead_route::PROGRESS, get(lead_progress::<S>))
        .route(lead_route::SUMMARY, get(lead_summary::<S>))
        .route(lead_route::USEFULNESS, get(lead_usefulness::<S>))
        .route(lead_route::BASELINE, get(lead_baseline::<S>))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .with_state(state);
    let app = Router::new()
        .route("/healthz", get(healthz))
        .nest("/lead", console)
        .route(
            "/lead/",
            get(|| async { axum::response::Redirect::permanent("/lead") }),
        )
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
    let trusted: Arc<[IpAddr]> = config.trusted_proxies.clone().into();
    let mut app = app
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(limit_declared_size))
        .layer(middleware::from_fn(move |request, next| {
            identify(Arc::clone(&trusted), request, next)
        }));
    if let Some(limit) = config.body_timeout {
        app = app.layer(RequestBodyTimeoutLayer::new(limit));
    }
    if let Some(limit) = config.request_timeout {
        app = app.layer(middleware::from_fn(move |request, next| {
            deadline(limit, request, next)
        }));
    }
    app.layer(middleware::from_fn(headers::harden))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(panic_response))
}

/// Answers 408 when a request takes longer than `limit` in all.
async fn deadline(limit: Duration, request: Request, next: Next) -> Response {
    tokio::time::timeout(limit, next.run(request))
        .await
        .unwrap_or_else(|_| timed_out())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        let headers = forwarded("198.51.100.1, 192.0.2.7");
        assert_eq!(client_ip(stranger, &headers, &[proxy]), stranger);
        assert_eq!(
            client_ip(proxy, &headers, &[proxy]),
            "192.0.2.7".parse::<IpAddr>().unwrap(),
            "the rightmost address, the one the proxy saw"
        );
        // A chain of trusted proxies is walked past.
        let inner: IpAddr = "10.0.0.2".parse().unwrap();
        let chained = forwarded("192.0.2.7, 10.0.0.2");
        assert_eq!(
            client_ip(proxy, &chained, &[proxy, inner]),
            "192.0.2.7".parse::<IpAddr>().unwrap()
        );
        // A missing or unreadable header leaves the peer.
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &[proxy]), proxy);
        assert_eq!(client_ip(proxy, &forwarded("nonsense"), &[proxy]), proxy);
    }
}
