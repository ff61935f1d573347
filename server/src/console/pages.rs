//! The console's pages, in GOV.UK Frontend's markup. Every task works without JavaScript:
//! links, and forms that post back with the session's CSRF token.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::chart;
use crate::report::baseline::{Baseline, BaselineRow};
use crate::report::cohort::{CohortProgress, CohortSummary, UsefulnessRow};
use crate::report::read::{CohortEntry, CouncilCohorts};
use crate::report::suppress::{Cell, Row};
use crate::storage::{AuditEntry, Session};

/// The service's name, in the header and after each page title.
const SERVICE: &str = "Networked Councillor: programme lead";

/// Every page: header, navigation when signed in, the main content and a footer.
// Each page's body is built inline at the call, so taking it by value reads best.
#[allow(clippy::needless_pass_by_value)]
pub fn page(title: &str, session: Option<&Session>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (SERVICE) }
                link rel="stylesheet" href="/lead/assets/govuk-frontend.min.css";
                link rel="stylesheet" href="/lead/assets/console.css";
            }
            body class="govuk-template__body" {
                a href="#main" class="govuk-skip-link" { "Skip to main content" }
                header class="govuk-header" {
                    div class="govuk-header__container govuk-width-container" {
                        div class="govuk-header__logo" {
                            a href="/lead" class="govuk-header__homepage-link" {
                                span class="govuk-header__product-name" { "Networked Councillor" }
                            }
                        }
                    }
                }
                section class="govuk-service-navigation" aria-label="Service information" {
                    div class="govuk-width-container" {
                        div class="govuk-service-navigation__container" {
                            span class="govuk-service-navigation__service-name" {
                                a href="/lead" class="govuk-service-navigation__link" { "Programme lead console" }
                            }
                            @if let Some(session) = session {
                                nav aria-label="Menu" class="govuk-service-navigation__wrapper nc-no-print" {
                                    ul class="govuk-service-navigation__list" {
                                        li class="govuk-service-navigation__item" { a class="govuk-service-navigation__link" href="/lead/cohorts" { "Cohorts" } }
                                        li class="govuk-service-navigation__item" { a class="govuk-service-navigation__link" href="/lead/baseline" { "Baseline" } }
                                        li class="govuk-service-navigation__item" { a class="govuk-service-navigation__link" href="/lead/audit" { "Audit log" } }
                                        li class="govuk-service-navigation__item" {
                                            form class="nc-nav-form" method="post" action="/lead/sign-out" {
                                                input type="hidden" name="csrf" value=(session.csrf);
                                                button class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-top-2" type="submit" { "Sign out" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                div class="govuk-width-container" {
                    main class="govuk-main-wrapper" id="main" {
                        @if let Some(session) = session {
                            p class="govuk-body-s nc-no-print" {
                                "Signed in as " strong { (session.email) } " for " (session.council.name) "."
                            }
                        }
                        (body)
                    }
                }
                footer class="govuk-footer nc-no-print" {
                    div class="govuk-width-container" {
                        p class="govuk-body-s" {
                            "Reports show only what members chose to share. Small groups are hidden."
                        }
                    }
                }
            }
        }
    }
}

/// A page that says what went wrong and what to do.
pub fn problem(title: &str, text: &str, session: Option<&Session>) -> Markup {
    page(
        title,
        session,
        html! {
            h1 class="govuk-heading-l" { (title) }
            p class="govuk-body" { (text) }
            p class="govuk-body" { a class="govuk-link" href="/lead" { "Go to the start" } }
        },
    )
}

pub fn sign_in(notice: Option<&str>) -> Markup {
    page(
        "Sign in",
        None,
        html! {
            @if let Some(notice) = notice {
                div class="govuk-inset-text" { (notice) }
            }
            h1 class="govuk-heading-l" { "Sign in to your council's programme" }
            p class="govuk-body" {
                "This is where programme leads see how their cohorts are getting on."
            }
            p class="govuk-body" {
                "To sign in, ask the person who runs this server for a sign-in link. "
                "A link works once, for 15 minutes."
            }
        },
    )
}

/// The page a sign-in link opens. Signing in takes a button press, so a mail scanner that
/// opens links cannot use it up.
pub fn confirm_link(token: &str) -> Markup {
    page(
        "Sign in",
        None,
        html! {
            h1 class="govuk-heading-l" { "Sign in" }
            p class="govuk-body" { "Press the button to sign in. This link then stops working." }
            form method="post" action="/lead/link" {
                input type="hidden" name="token" value=(token);
                button class="govuk-button" type="submit" { "Sign in" }
            }
        },
    )
}

fn figure(cell: Cell) -> Markup {
    match cell {
        Cell::Shown(n) => html! { (n) },
        Cell::Hidden => html! { "Hidden" },
    }
}

/// The line that says why a figure is hidden.
fn hidden_note(min: u32) -> Markup {
    html! {
        p class="govuk-body-s" {
            "“Hidden” means the figure is about fewer than " (min) " members, or would let you "
            "work such a figure out. This keeps small groups from being identified."
        }
    }
}

pub fn cohorts(session: &Session, council: &CouncilCohorts) -> Markup {
    page(
        "Cohorts",
        Some(session),
        html! {
            h1 class="govuk-heading-l" { (council.council) ": cohorts" }
            @if council.cohorts.is_empty() {
                p class="govuk-body" { "There are no cohorts yet." }
            } @else {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--m" { "Your cohorts" }
                    thead class="govuk-table__head" {
                        tr class="govuk-table__row" {
                            th scope="col" class="govuk-table__header" { "Cohort" }
                            th scope="col" class="govuk-table__header" { "Join code" }
                            th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Members" }
                            th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Sharing progress" }
                        }
                    }
                    tbody class="govuk-table__body" {
                        @for cohort in &council.cohorts {
                            (cohort_row(cohort))
                        }
                    }
                }
            }
            a class="govuk-button" href="/lead/cohorts/new" { "Create a cohort" }
        },
    )
}

fn cohort_row(cohort: &CohortEntry) -> Markup {
    html! {
        tr class="govuk-table__row" {
            th scope="row" class="govuk-table__header" {
                a class="govuk-link" href={ "/lead/cohorts/" (cohort.id) } { (cohort.name) }
            }
            td class="govuk-table__cell" { (cohort.code) }
            td class="govuk-table__cell govuk-table__cell--numeric" { (cohort.members) }
            td class="govuk-table__cell govuk-table__cell--numeric" { (cohort.sharing) }
        }
    }
}

pub fn new_cohort(session: &Session, error: Option<&str>, value: &str) -> Markup {
    let title = if error.is_some() {
        "Error: Create a cohort"
    } else {
        "Create a cohort"
    };
    page(
        title,
        Some(session),
        html! {
            @if let Some(error) = error {
                div class="govuk-error-summary" data-module="govuk-error-summary" {
                    div role="alert" {
                        h2 class="govuk-error-summary__title" { "There is a problem" }
                        div class="govuk-error-summary__body" {
                            ul class="govuk-list govuk-error-summary__list" {
                                li { a href="#name" { (error) } }
                            }
                        }
                    }
                }
            }
            h1 class="govuk-heading-l" { "Create a cohort" }
            form method="post" action="/lead/cohorts" novalidate {
                input type="hidden" name="csrf" value=(session.csrf);
                div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
                    label class="govuk-label govuk-label--m" for="name" { "Cohort name" }
                    div class="govuk-hint" id="name-hint" { "Members see this when they join, for example “Spring 2027”." }
                    @if let Some(error) = error {
                        p class="govuk-error-message" id="name-error" {
                            span class="govuk-visually-hidden" { "Error:" } " " (error)
                        }
                    }
                    input class={ "govuk-input" @if error.is_some() { " govuk-input--error" } }
                        id="name" name="name" type="text" value=(value)
                        aria-describedby={ "name-hint" @if error.is_some() { " name-error" } };
                }
                button class="govuk-button" type="submit" { "Create cohort" }
            }
        },
    )
}

/// The join code, large, after a cohort is made or from its page.
pub fn join_code(session: &Session, id: i64, name: &str, code: &str) -> Markup {
    page(
        "Join code",
        Some(session),
        html! {
            div class="govuk-panel govuk-panel--confirmation" {
                h1 class="govuk-panel__title" { (name) }
                div class="govuk-panel__body" {
                    "Join code" br; span class="nc-code" { (code) }
                }
            }
            p class="govuk-body" { "Members type this code in the app, under Settings, to join." }
            p class="govuk-body" {
                a class="govuk-link" href={ "/lead/cohorts/" (id) "/handout" } { "Print a handout for a workshop" }
            }
            p class="govuk-body" { a class="govuk-link" href={ "/lead/cohorts/" (id) } { "See the cohort's progress" } }
        },
    )
}

/// A printable handout: the join code, the server address and a QR code of the join link.
pub fn handout(name: &str, code: &str, server: &str, qr_svg: &str) -> Markup {
    page(
        "Handout",
        None,
        html! {
            h1 class="govuk-heading-xl" { "Join " (name) }
            ol class="govuk-list govuk-list--number" {
                li { "Install Networked Councillor on your phone, or open " strong { (server) } " in a browser." }
                li { "Go to Settings and choose to join a programme." }
                li { "Type the server address: " strong { (server) } }
                li { "Type the join code: " span class="nc-code" { (code) } }
            }
            div class="nc-qr" role="img" aria-label="QR code of the server address" {
                (PreEscaped(qr_svg))
            }
            p class="govuk-body" { "You choose what your programme lead sees. You can change it at any time in Settings." }
        },
    )
}

fn downloads(links: &[(&str, String)]) -> Markup {
    html! {
        ul class="govuk-list nc-no-print" {
            @for (label, href) in links {
                li { a class="govuk-link" href=(href) download { (label) } }
            }
        }
    }
}

pub fn progress(session: &Session, report: &CohortProgress, summary: &CohortSummary) -> Markup {
    let id = report.cohort.id;
    page(
        &format!("{}: progress", report.cohort.name),
        Some(session),
        html! {
            span class="govuk-caption-l" { (report.cohort.council) }
            h1 class="govuk-heading-l" { (report.cohort.name) ": progress" }
            p class="govuk-body" {
                (report.sharing) " of " (report.members) " members share their progress. "
                "Members who do not share are counted, never named."
            }
            p class="govuk-body" {
                a class="govuk-link" href={ "/lead/cohorts/" (id) "/code" } { "Show the join code" } " · "
                a class="govuk-link" href={ "/lead/cohorts/" (id) "/usefulness" } { "What members found useful" }
            }
            @if report.rows.is_empty() {
                p class="govuk-body" { "No member shares their progress yet." }
            } @else {
                div class="nc-table-scroll" role="region" aria-label="Members who share, scrollable" tabindex="0" {
                    table class="govuk-table" {
                        caption class="govuk-table__caption govuk-table__caption--m" { "Members who share" }
                        thead class="govuk-table__head" {
                            tr class="govuk-table__row" {
                                th scope="col" class="govuk-table__header" { "Name" }
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Modules finished" }
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Lessons finished" }
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Quizzes passed" }
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Checklists run" }
                                th scope="col" class="govuk-table__header" { "Last active" }
                            }
                        }
                        tbody class="govuk-table__body" {
                            @for row in &report.rows {
                                tr class="govuk-table__row" {
                                    th scope="row" class="govuk-table__header" { (row.name) }
                                    td class="govuk-table__cell govuk-table__cell--numeric" { (row.modules_finished) " of " (report.modules_in_programme) }
                                    td class="govuk-table__cell govuk-table__cell--numeric" { (row.lessons_finished) " of " (report.lessons_in_programme) }
                                    td class="govuk-table__cell govuk-table__cell--numeric" { (row.quizzes.iter().filter(|q| q.passed).count()) }
                                    td class="govuk-table__cell govuk-table__cell--numeric" { (row.checklists_run) }
                                    td class="govuk-table__cell" { (row.last_active.as_deref().unwrap_or("Not yet")) }
                                }
                            }
                        }
                    }
                }
            }
            h2 class="govuk-heading-m" { "Modules finished" }
            p class="govuk-body" { "Members who share, by module." }
            (chart::completion(&summary.modules))
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--s" { "Modules finished, as a table" }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Module" }
                        th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Finished" }
                        th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Not finished" }
                    }
                }
                tbody class="govuk-table__body" {
                    @for (i, module) in summary.modules.iter().enumerate() {
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" { (i + 1) ". " (module.module.title) }
                            td class="govuk-table__cell govuk-table__cell--numeric" { (figure(module.members.cells[0])) }
                            td class="govuk-table__cell govuk-table__cell--numeric" { (figure(module.members.cells[1])) }
                        }
                    }
                }
            }
            h2 class="govuk-heading-m" { "Stages" }
            @match &summary.stage_counts {
                Some(counts) => { (stage_table(&summary.stages, counts)) }
                None => {
                    p class="govuk-body" {
                        "Your council has more than one cohort with self-assessment results, so stages are shown for the whole council, on the "
                        a class="govuk-link" href="/lead/baseline" { "baseline page" } "."
                    }
                }
            }
            (hidden_note(summary.min_group))
            (downloads(&[("Download progress (CSV)", format!("/lead/cohorts/{id}/progress.csv"))]))
        },
    )
}

fn stage_table(stages: &[crate::report::Label], counts: &Row) -> Markup {
    html! {
        table class="govuk-table" {
            caption class="govuk-table__caption govuk-table__caption--s" { "Members in the baseline at each stage" }
            thead class="govuk-table__head" {
                tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Stage" }
                    th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Members" }
                }
            }
            tbody class="govuk-table__body" {
                @for (stage, cell) in stages.iter().zip(&counts.cells) {
                    tr class="govuk-table__row" {
                        th scope="row" class="govuk-table__header" { (stage.title) }
                        td class="govuk-table__cell govuk-table__cell--numeric" { (figure(*cell)) }
                    }
                }
            }
        }
    }
}

pub fn usefulness(
    session: &Session,
    id: i64,
    name: &str,
    rows: &[UsefulnessRow],
    min: u32,
) -> Markup {
    page(
        &format!("{name}: usefulness"),
        Some(session),
        html! {
            h1 class="govuk-heading-l" { (name) ": what members found useful" }
            @if rows.is_empty() {
                p class="govuk-body" { "No member has rated a lesson or checklist yet." }
            } @else {
                div class="nc-table-scroll" role="region" aria-label="Ratings, scrollable" tabindex="0" {
                    table class="govuk-table" {
                        caption class="govuk-table__caption govuk-table__caption--m" { "Ratings from 1 (not useful) to 5 (extremely useful)" }
                        thead class="govuk-table__head" {
                            tr class="govuk-table__row" {
                                th scope="col" class="govuk-table__header" { "Lesson or checklist" }
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Members who rated" }
                                @for r in 1..=5 {
                                    th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Rated " (r) }
                                }
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Average" }
                            }
                        }
                        tbody class="govuk-table__body" {
                            @for row in rows {
                                tr class="govuk-table__row" {
                                    th scope="row" class="govuk-table__header" { (row.about.title) }
                                    td class="govuk-table__cell govuk-table__cell--numeric" { (figure(row.ratings.total)) }
                                    @for cell in &row.ratings.cells {
                                        td class="govuk-table__cell govuk-table__cell--numeric" { (figure(*cell)) }
                                    }
                                    td class="govuk-table__cell govuk-table__cell--numeric" {
                                        @match row.average { Some(a) => { (format!("{a:.1}")) } None => { "Hidden" } }
                                    }
                                }
                            }
                        }
                    }
                }
                (hidden_note(min))
                h2 class="govuk-heading-m" { "Comments members let you read" }
                @for row in rows.iter().filter(|r| !r.comments.is_empty()) {
                    h3 class="govuk-heading-s" { (row.about.title) }
                    ul class="govuk-list govuk-list--bullet" {
                        @for comment in &row.comments { li { (comment) } }
                    }
                }
            }
            (downloads(&[("Download usefulness (CSV)", format!("/lead/cohorts/{id}/usefulness.csv"))]))
        },
    )
}

fn baseline_row(row: &BaselineRow) -> Markup {
    html! {
        tr class="govuk-table__row" {
            th scope="row" class="govuk-table__header" { (row.name) }
            td class="govuk-table__cell govuk-table__cell--numeric" { (figure(row.stages.total)) }
            @for cell in &row.stages.cells {
                td class="govuk-table__cell govuk-table__cell--numeric" { (figure(*cell)) }
            }
        }
    }
}

pub fn baseline(session: &Session, report: &Baseline) -> Markup {
    page(
        "Baseline",
        Some(session),
        html! {
            h1 class="govuk-heading-l" { "Baseline: your council beside all councils" }
            p class="govuk-body" {
                "Members who added their self-assessment result, by stage. Each member counts once, with their latest result."
            }
            div class="nc-table-scroll" role="region" aria-label="Members at each stage, scrollable" tabindex="0" {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--m" { "Members at each stage" }
                    thead class="govuk-table__head" {
                        tr class="govuk-table__row" {
                            th scope="col" class="govuk-table__header" { "Group" }
                            th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Members" }
                            @for stage in &report.stages {
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { (stage.title) }
                            }
                        }
                    }
                    tbody class="govuk-table__body" {
                        @if let Some(council) = &report.council { (baseline_row(council)) }
                        (baseline_row(&report.all))
                    }
                }
            }
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--m" { "Average score in each area, out of 100" }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Area" }
                        @if let Some(council) = &report.council {
                            th scope="col" class="govuk-table__header govuk-table__header--numeric" { (council.name) }
                        }
                        th scope="col" class="govuk-table__header govuk-table__header--numeric" { (report.all.name) }
                    }
                }
                tbody class="govuk-table__body" {
                    @for (i, area) in report.areas.iter().enumerate() {
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" { (area.title) }
                            @if let Some(council) = &report.council {
                                td class="govuk-table__cell govuk-table__cell--numeric" { (mean(council.area_means[i])) }
                            }
                            td class="govuk-table__cell govuk-table__cell--numeric" { (mean(report.all.area_means[i])) }
                        }
                    }
                }
            }
            (hidden_note(report.min_group))
            (downloads(&[("Download the baseline (CSV)", "/lead/baseline.csv".to_owned())]))
        },
    )
}

fn mean(value: Option<u32>) -> Markup {
    figure(value.map_or(Cell::Hidden, Cell::Shown))
}

pub fn audit(session: &Session, entries: &[AuditEntry], date: impl Fn(u64) -> String) -> Markup {
    page(
        "Audit log",
        Some(session),
        html! {
            h1 class="govuk-heading-l" { "Audit log" }
            p class="govuk-body" { "Every report a lead of " (session.council.name) " viewed or downloaded, newest first." }
            @if entries.is_empty() {
                p class="govuk-body" { "Nothing yet." }
            } @else {
                table class="govuk-table" {
                    thead class="govuk-table__head" {
                        tr class="govuk-table__row" {
                            th scope="col" class="govuk-table__header" { "When (UTC)" }
                            th scope="col" class="govuk-table__header" { "Who" }
                            th scope="col" class="govuk-table__header" { "What" }
                        }
                    }
                    tbody class="govuk-table__body" {
                        @for entry in entries {
                            tr class="govuk-table__row" {
                                td class="govuk-table__cell" { (date(entry.at_ms)) }
                                td class="govuk-table__cell" { (entry.who) }
                                td class="govuk-table__cell" { (entry.what) }
                            }
                        }
                    }
                }
            }
        },
    )
}
