//! The programme lead's console under `/lead/`: pages rendered on the server (ADR 0015).
//!
//! - [`session`]: the cookie, session expiry and the CSRF check.
//! - [`pages`]: the HTML, in GOV.UK Frontend's markup; [`chart`]: module completion as SVG.
//! - [`assets`]: the stylesheets.
//!
//! Leads sign in with a one-time link from `nc-server lead invite` (sign-in with the council's
//! own identity provider is the next step of issue 14). Every page is scoped to the session's council:
//! another council's cohort is answered exactly like one that does not exist. Every report
//! viewed or downloaded is written to the council's audit log.

pub mod assets;
pub mod chart;
pub mod pages;
pub mod session;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::Markup;
use serde::Deserialize;

use crate::admin::{self, AdminError};
use crate::report::read::{self, ReportError};
use crate::report::{cohort, csv};
use crate::secrets::{self, TokenHash};
use crate::service::Service;
use crate::storage::{Council, LinkUse, Session, Storage, StorageError};

/// How the console is set up.
#[derive(Debug, Clone)]
pub struct ConsoleConfig {
    /// Set the cookie's `Secure` flag: the server is behind TLS.
    pub secure_cookies: bool,
    /// The address learners and leads use, as printed on handouts and in sign-in links.
    pub public_url: String,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            public_url: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

struct Console<S: Storage> {
    service: Arc<Service<S>>,
    config: ConsoleConfig,
}

type Shared<S> = Arc<Console<S>>;

/// Lines of the audit log shown.
const AUDIT_LINES: usize = 500;

/// A page that ends the request early: an error, or "please sign in".
struct Page(StatusCode, Markup);

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        (self.0, Html(self.1.into_string())).into_response()
    }
}

fn internal(error: &StorageError) -> Page {
    tracing::error!(%error, "the console could not reach storage");
    Page(
        StatusCode::INTERNAL_SERVER_ERROR,
        pages::problem(
            "Sorry, there is a problem with the service",
            "Try again in a few minutes.",
            None,
        ),
    )
}

fn signed_out(text: &str) -> Page {
    Page(StatusCode::UNAUTHORIZED, pages::sign_in(Some(text)))
}

fn not_found(session: &Session) -> Page {
    Page(
        StatusCode::NOT_FOUND,
        pages::problem(
            "Page not found",
            "Your council has no cohort at this address. Go back to your cohorts and choose one.",
            Some(session),
        ),
    )
}

fn report_error(error: ReportError, session: &Session) -> Page {
    match error {
        ReportError::NoSuchCohort => not_found(session),
        ReportError::Storage(e) => internal(&e),
    }
}

/// Runs the storage work of a request on the blocking pool.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Page> + Send + 'static,
) -> Result<T, Page> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|error| {
            tracing::error!(%error, "a console request failed");
            Err(Page(
                StatusCode::INTERNAL_SERVER_ERROR,
                pages::problem(
                    "Sorry, there is a problem with the service",
                    "Try again in a few minutes.",
                    None,
                ),
            ))
        })
}

/// The live session the request's cookie belongs to, marked as seen now.
fn session_of<S: Storage>(console: &Console<S>, headers: &HeaderMap) -> Result<Session, Page> {
    let Some(token) = session::token(headers) else {
        return Err(signed_out("Sign in to see this page."));
    };
    let hash = TokenHash::of(&token);
    let storage = console.service.storage();
    let now = console.service.clock().now_ms();
    let found = storage.session(&hash).map_err(|e| internal(&e))?;
    match found {
        Some(found) if session::live(&found, now) => {
            storage
                .touch_session(&hash, now)
                .map_err(|e| internal(&e))?;
            Ok(found)
        }
        Some(_) => {
            storage.delete_session(&hash).map_err(|e| internal(&e))?;
            Err(signed_out(
                "You were signed out because your session ended. Sign in again.",
            ))
        }
        None => Err(signed_out("Sign in to see this page.")),
    }
}

/// Runs `work` for a signed-in lead, on the blocking pool.
async fn signed_in<S: Storage>(
    console: Shared<S>,
    headers: HeaderMap,
    work: impl FnOnce(&Console<S>, &Session) -> Result<Response, Page> + Send + 'static,
) -> Response {
    blocking(move || {
        let session = session_of(&console, &headers)?;
        work(&console, &session)
    })
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

fn html(markup: Markup) -> Response {
    Html(markup.into_string()).into_response()
}

fn audit<S: Storage>(console: &Console<S>, session: &Session, what: &str) -> Result<(), Page> {
    console
        .service
        .storage()
        .add_audit(
            session.council.id,
            &session.email,
            what,
            console.service.clock().now_ms(),
        )
        .map_err(|e| internal(&e))
}

fn csv_download(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A cohort id from the address; one that is not a number is a cohort that does not exist.
fn cohort_id(raw: &str, session: &Session) -> Result<i64, Page> {
    raw.parse().map_err(|_| not_found(session))
}

async fn start<S: Storage>(State(console): State<Shared<S>>, headers: HeaderMap) -> Response {
    blocking(move || {
        Ok(match session_of(&console, &headers) {
            Ok(_) => Redirect::to("/lead/cohorts").into_response(),
            Err(_) => html(pages::sign_in(None)),
        })
    })
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

async fn govuk_css() -> Response {
    css(assets::govuk_css())
}

async fn console_css() -> Response {
    css(assets::CONSOLE_CSS)
}

fn css(text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        text,
    )
        .into_response()
}

async fn confirm_link(Path(token): Path<String>) -> Response {
    html(pages::confirm_link(&token))
}

#[derive(Deserialize)]
struct LinkForm {
    token: Option<String>,
}

async fn use_link<S: Storage>(
    State(console): State<Shared<S>>,
    Form(form): Form<LinkForm>,
) -> Response {
    blocking(move || {
        let storage = console.service.storage();
        let now = console.service.clock().now_ms();
        let token = form.token.unwrap_or_default();
        let used = storage
            .use_sign_in_link(&TokenHash::of(&token), now)
            .map_err(|e| internal(&e))?;
        let (council, email) = match used {
            LinkUse::SignedIn { council, email } => (council, email),
            refused => return Err(link_refused(&refused)),
        };
        let session_token = secrets::new_token();
        storage
            .add_session(
                &TokenHash::of(&session_token),
                &council,
                &email,
                &secrets::new_token(),
                now,
            )
            .map_err(|e| internal(&e))?;
        tracing::info!(council = %council.name, "a programme lead signed in with a link");
        let mut response = Redirect::to("/lead/cohorts").into_response();
        if let Ok(cookie) = HeaderValue::from_str(&session::set_cookie(
            &session_token,
            console.config.secure_cookies,
        )) {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        Ok(response)
    })
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

fn link_refused(used: &LinkUse) -> Page {
    let (status, title, text) = match used {
        LinkUse::Used => (
            StatusCode::GONE,
            "This sign-in link has been used",
            "A sign-in link works once. Ask the person who runs this server for a new one.",
        ),
        LinkUse::Expired => (
            StatusCode::GONE,
            "This sign-in link has expired",
            "A sign-in link works for 15 minutes. Ask the person who runs this server for a new one.",
        ),
        LinkUse::Unknown | LinkUse::SignedIn { .. } => (
            StatusCode::NOT_FOUND,
            "This sign-in link is not valid",
            "Check you copied the whole link. If it still does not work, ask for a new one.",
        ),
    };
    Page(status, pages::problem(title, text, None))
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: Option<String>,
}

fn check_csrf(session: &Session, sent: Option<&str>) -> Result<(), Page> {
    if session::csrf_ok(session, sent) {
        Ok(())
    } else {
        Err(Page(
            StatusCode::FORBIDDEN,
            pages::problem(
                "This form has expired",
                "For your security, forms only work from the page they were on. Go back, reload the page and try again.",
                Some(session),
            ),
        ))
    }
}

async fn sign_out<S: Storage>(
    State(console): State<Shared<S>>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    let secure = console.config.secure_cookies;
    blocking(move || {
        let session = session_of(&console, &headers)?;
        check_csrf(&session, form.csrf.as_deref())?;
        if let Some(token) = session::token(&headers) {
            console
                .service
                .storage()
                .delete_session(&TokenHash::of(&token))
                .map_err(|e| internal(&e))?;
        }
        let mut response = (
            StatusCode::OK,
            Html(pages::sign_in(Some("You have signed out.")).into_string()),
        )
            .into_response();
        if let Ok(cookie) = HeaderValue::from_str(&session::clear_cookie(secure)) {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        Ok(response)
    })
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

async fn cohorts<S: Storage>(State(console): State<Shared<S>>, headers: HeaderMap) -> Response {
    signed_in(console, headers, |console, session| {
        let service = &console.service;
        let list = read::council_cohorts(
            service.storage(),
            &session.council,
            service.content(),
            service.min_group(),
        )
        .map_err(|e| report_error(e, session))?;
        Ok(html(pages::cohorts(session, &list)))
    })
    .await
}

async fn new_cohort<S: Storage>(State(console): State<Shared<S>>, headers: HeaderMap) -> Response {
    signed_in(console, headers, |_, session| {
        Ok(html(pages::new_cohort(session, None, "")))
    })
    .await
}

#[derive(Deserialize)]
struct CohortForm {
    csrf: Option<String>,
    name: Option<String>,
}

async fn create_cohort<S: Storage>(
    State(console): State<Shared<S>>,
    headers: HeaderMap,
    Form(form): Form<CohortForm>,
) -> Response {
    signed_in(console, headers, move |console, session| {
        check_csrf(session, form.csrf.as_deref())?;
        let name = form.name.unwrap_or_default();
        let service = &console.service;
        match admin::add_cohort(
            service.storage(),
            &session.council,
            &name,
            service.clock().now_ms(),
        ) {
            Ok(cohort) => {
                tracing::info!(council = %session.council.name, "a lead created a cohort");
                Ok(Redirect::to(&format!("/lead/cohorts/{}/code", cohort.id)).into_response())
            }
            Err(AdminError::BadName(_)) => Err(Page(
                StatusCode::BAD_REQUEST,
                pages::new_cohort(
                    session,
                    Some(&format!(
                        "Enter a cohort name of 1 to {} characters",
                        admin::MAX_NAME
                    )),
                    &name,
                ),
            )),
            Err(AdminError::Storage(e)) => Err(internal(&e)),
            Err(other) => {
                tracing::error!(%other, "a cohort could not be made");
                Err(internal(&StorageError::Other(other.to_string())))
            }
        }
    })
    .await
}

/// One of the session's council's cohorts, or "not found".
fn own_cohort<S: Storage>(
    console: &Console<S>,
    session: &Session,
    raw: &str,
) -> Result<crate::storage::Cohort, Page> {
    let id = cohort_id(raw, session)?;
    console
        .service
        .storage()
        .cohorts()
        .map_err(|e| internal(&e))?
        .into_iter()
        .find(|c| c.id == id && c.council.id == session.council.id)
        .ok_or_else(|| not_found(session))
}

async fn join_code<S: Storage>(
    State(console): State<Shared<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Response {
    signed_in(console, headers, move |console, session| {
        let cohort = own_cohort(console, session, &raw)?;
        Ok(html(pages::join_code(
            session,
            cohort.id,
            &cohort.name,
            &cohort.code,
        )))
    })
    .await
}

/// The QR code of an address, as SVG to put inside a page.
fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(200, 200)
                .build();
            // Inside HTML, the XML declaration is noise.
            svg.find("<svg")
                .map_or(svg.clone(), |at| svg[at..].to_owned())
        }
        Err(_) => String::new(),
    }
}

async fn handout<S: Storage>(
    State(console): State<Shared<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Response {
    signed_in(console, headers, move |console, session| {
        let cohort = own_cohort(console, session, &raw)?;
        let server = &console.config.public_url;
        Ok(html(pages::handout(
            &cohort.name,
            &cohort.code,
            server,
            &qr_svg(server),
        )))
    })
    .await
}

/// Which cohort report a page or download shows.
#[derive(Clone, Copy)]
enum Report {
    Progress,
    ProgressCsv,
    Usefulness,
    UsefulnessCsv,
}

async fn cohort_report<S: Storage>(
    console: Shared<S>,
    headers: HeaderMap,
    raw: String,
    which: Report,
) -> Response {
    signed_in(console, headers, move |console, session| {
        let service = &console.service;
        let (storage, content, min) = (service.storage(), service.content(), service.min_group());
        let id = cohort_id(&raw, session)?;
        let (about, learners) = read::cohort(storage, &session.council, id, content)
            .map_err(|e| report_error(e, session))?;
        let name = about.name.clone();
        match which {
            Report::Progress | Report::ProgressCsv => {
                let report = cohort::progress(about.clone(), &learners, content);
                if matches!(which, Report::ProgressCsv) {
                    audit(
                        console,
                        session,
                        &format!("Downloaded the progress of {name} (CSV)"),
                    )?;
                    return Ok(csv_download("progress.csv", csv::cohort_progress(&report)));
                }
                let stages = read::council_stage_counts(storage, &session.council, content)
                    .map_err(|e| report_error(e, session))?;
                let summary = cohort::summary(about, &learners, content, min, &stages);
                audit(console, session, &format!("Viewed the progress of {name}"))?;
                Ok(html(pages::progress(session, &report, &summary)))
            }
            Report::Usefulness | Report::UsefulnessCsv => {
                let rows = cohort::usefulness(&learners, content, min);
                if matches!(which, Report::UsefulnessCsv) {
                    audit(
                        console,
                        session,
                        &format!("Downloaded the usefulness of {name} (CSV)"),
                    )?;
                    return Ok(csv_download("usefulness.csv", csv::usefulness(&rows)));
                }
                audit(
                    console,
                    session,
                    &format!("Viewed the usefulness of {name}"),
                )?;
                Ok(html(pages::usefulness(
                    session,
                    id,
                    &name,
                    &rows,
                    min.get(),
                )))
            }
        }
    })
    .await
}

async fn progress<S: Storage>(
    State(console): State<Shared<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Response {
    cohort_report(console, headers, raw, Report::Progress).await
}

async fn progress_csv<S: Storage>(
    State(console): State<Shared<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Response {
    cohort_report(console, headers, raw, Report::ProgressCsv).await
}

async fn usefulness<S: Storage>(
    State(console): State<Shared<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Response {
    cohort_report(console, headers, raw, Report::Usefulness).await
}

async fn usefulness_csv<S: Storage>(
    State(console): State<Shared<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Response {
    cohort_report(console, headers, raw, Report::UsefulnessCsv).await
}

fn baseline_of<S: Storage>(
    console: &Console<S>,
    session: &Session,
) -> Result<crate::report::baseline::Baseline, Page> {
    let service = &console.service;
    read::baseline(
        service.storage(),
        Some(&session.council),
        service.content(),
        service.min_group(),
    )
    .map_err(|e| report_error(e, session))
}

async fn baseline<S: Storage>(State(console): State<Shared<S>>, headers: HeaderMap) -> Response {
    signed_in(console, headers, |console, session| {
        let report = baseline_of(console, session)?;
        audit(console, session, "Viewed the baseline")?;
        Ok(html(pages::baseline(session, &report)))
    })
    .await
}

async fn baseline_csv<S: Storage>(
    State(console): State<Shared<S>>,
    headers: HeaderMap,
) -> Response {
    signed_in(console, headers, |console, session| {
        let report = baseline_of(console, session)?;
        audit(console, session, "Downloaded the baseline (CSV)")?;
        Ok(csv_download("baseline.csv", csv::baseline(&report)))
    })
    .await
}

async fn audit_log<S: Storage>(State(console): State<Shared<S>>, headers: HeaderMap) -> Response {
    signed_in(console, headers, |console, session| {
        let entries = console
            .service
            .storage()
            .audit_log(session.council.id, AUDIT_LINES)
            .map_err(|e| internal(&e))?;
        let when = |ms: u64| {
            format!(
                "{} {}",
                crate::report::day(ms),
                shared::when::clock_time(ms, 0)
            )
        };
        Ok(html(pages::audit(session, &entries, when)))
    })
    .await
}

/// Makes a one-time sign-in link for a lead of a council, for the operator. The link is
/// returned once; only its hash is stored.
pub fn invite<S: Storage>(
    service: &Service<S>,
    council: &Council,
    email: &str,
    public_url: &str,
) -> Result<String, AdminError> {
    let email = email.trim();
    if email.is_empty()
        || email.len() > 254
        || !email.contains('@')
        || email.chars().any(char::is_control)
    {
        return Err(AdminError::BadName("lead's email address"));
    }
    let token = secrets::new_token();
    let expires = service.clock().now_ms() + session::LINK_TTL_MS;
    service
        .storage()
        .add_sign_in_link(&TokenHash::of(&token), council, email, expires)?;
    Ok(format!(
        "{}/lead/link/{token}",
        public_url.trim_end_matches('/')
    ))
}

/// The console's routes, to nest under `/lead`.
pub fn router<S: Storage>(service: Arc<Service<S>>, config: ConsoleConfig) -> Router {
    let console = Arc::new(Console { service, config });
    Router::new()
        .route("/", get(start::<S>))
        .route("/assets/govuk-frontend.min.css", get(govuk_css))
        .route("/assets/console.css", get(console_css))
        .route("/link/{token}", get(confirm_link))
        .route("/link", post(use_link::<S>))
        .route("/sign-out", post(sign_out::<S>))
        .route("/cohorts", get(cohorts::<S>).post(create_cohort::<S>))
        .route("/cohorts/new", get(new_cohort::<S>))
        .route("/cohorts/{cohort}", get(progress::<S>))
        .route("/cohorts/{cohort}/code", get(join_code::<S>))
        .route("/cohorts/{cohort}/handout", get(handout::<S>))
        .route("/cohorts/{cohort}/progress.csv", get(progress_csv::<S>))
        .route("/cohorts/{cohort}/usefulness", get(usefulness::<S>))
        .route("/cohorts/{cohort}/usefulness.csv", get(usefulness_csv::<S>))
        .route("/baseline", get(baseline::<S>))
        .route("/baseline.csv", get(baseline_csv::<S>))
        .route("/audit", get(audit_log::<S>))
        .with_state(console)
}
