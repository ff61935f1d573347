//! The report API for programme leads (`/api/v1/lead/...`): who a lead token belongs to, and
//! each report, scoped to the lead's own council.
//!
//! A lead token is made by the operator (`nc-server lead add`), shown once and stored hashed,
//! like a device token but in its own table: a device token is never a lead token. Reports
//! are counted per lead, so one lead's script cannot slow the server for everyone else.

use shared::sync::protocol::ApiError;

use crate::admin::{self, AdminError};
use crate::report::baseline::Baseline;
use crate::report::cohort::{self, CohortProgress, CohortSummary, UsefulnessRow};
use crate::report::read::{self, CouncilCohorts, ReportError};
use crate::secrets::{self, TokenHash};
use crate::service::Service;
use crate::storage::{Lead, Storage};

/// Longest name the operator may give a lead's token.
const MAX_LEAD_NAME: usize = admin::MAX_NAME;

fn unauthorized() -> ApiError {
    ApiError::new(
        401,
        "unauthorized",
        "This lead token is missing or not known. Ask your server's operator for one (nc-server lead add).",
    )
}

/// The answer for a cohort that is not the lead's council's, or does not exist: the same.
pub fn no_such_cohort() -> ApiError {
    ApiError::new(
        404,
        "no_such_cohort",
        "Your council has no cohort with that id. The list of your cohorts is at /api/v1/lead/cohorts.",
    )
}

fn report_error(error: ReportError) -> ApiError {
    match error {
        ReportError::NoSuchCohort => no_such_cohort(),
        ReportError::Storage(error) => {
            tracing::error!(%error, "a report could not be read");
            ApiError::new(
                500,
                "internal",
                "Something went wrong on the server while building the report. Try again in a minute.",
            )
        }
    }
}

/// The usefulness report on one cohort.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Usefulness {
    pub cohort: cohort::CohortRef,
    pub min_group: u32,
    pub rows: Vec<UsefulnessRow>,
}

impl<S: Storage> Service<S> {
    /// Adds a programme lead to a council, for the operator. Returns the lead and their token,
    /// which is shown once and never stored.
    pub fn add_lead(&self, council: &str, name: &str) -> Result<(Lead, String), AdminError> {
        let council = admin::pick_council(self.storage(), Some(council))?;
        let name = name.trim();
        if name.is_empty()
            || name.chars().count() > MAX_LEAD_NAME
            || name.chars().any(char::is_control)
        {
            return Err(AdminError::BadName("lead"));
        }
        let token = secrets::new_token();
        let lead = self.storage().add_lead(
            &council,
            name,
            &TokenHash::of(&token),
            self.clock().now_ms(),
        )?;
        Ok((lead, token))
    }

    /// Every lead, by council, for the operator.
    pub fn leads(&self) -> Result<Vec<Lead>, AdminError> {
        Ok(self.storage().leads()?)
    }

    /// Takes a lead's token away: it stops working at once.
    pub fn remove_lead(&self, id: i64) -> Result<bool, AdminError> {
        Ok(self.storage().remove_lead(id)?)
    }

    /// Who a lead token belongs to, counting the request against their limit.
    fn lead(&self, token: Option<&str>) -> Result<Lead, ApiError> {
        let token = token.ok_or_else(unauthorized)?;
        let lead = self
            .storage()
            .lead_for_token(&TokenHash::of(token))
            .map_err(|e| report_error(e.into()))?
            .ok_or_else(unauthorized)?;
        self.lead_reads()
            .take(lead.id, self.clock().now_ms())
            .map_err(|retry| {
                ApiError::too_many(
                    retry.0,
                    "You have asked for a lot of reports in the last hour. Wait a while, then try again.",
                )
            })?;
        Ok(lead)
    }

    pub fn lead_cohorts(&self, token: Option<&str>) -> Result<CouncilCohorts, ApiError> {
        let lead = self.lead(token)?;
        read::council_cohorts(
            self.storage(),
            &lead.council,
            self.content(),
            self.min_group(),
        )
        .map_err(report_error)
    }

    pub fn lead_progress(
        &self,
        token: Option<&str>,
        cohort: i64,
    ) -> Result<CohortProgress, ApiError> {
        let lead = self.lead(token)?;
        let (found, learners) = read::cohort(self.storage(), &lead.council, cohort, self.content())
            .map_err(report_error)?;
        Ok(cohort::progress(found, &learners, self.content()))
    }

    pub fn lead_summary(
        &self,
        token: Option<&str>,
        cohort: i64,
    ) -> Result<CohortSummary, ApiError> {
        let lead = self.lead(token)?;
        let (found, learners) = read::cohort(self.storage(), &lead.council, cohort, self.content())
            .map_err(report_error)?;
        let council_stages =
            read::council_stage_counts(self.storage(), &lead.council, self.content())
                .map_err(report_error)?;
        Ok(cohort::summary(
            found,
            &learners,
            self.content(),
            self.min_group(),
            &council_stages,
        ))
    }

    pub fn lead_usefulness(
        &self,
        token: Option<&str>,
        cohort: i64,
    ) -> Result<Usefulness, ApiError> {
        let lead = self.lead(token)?;
        let (found, learners) = read::cohort(self.storage(), &lead.council, cohort, self.content())
            .map_err(report_error)?;
        Ok(Usefulness {
            cohort: found,
            min_group: self.min_group().get(),
            rows: cohort::usefulness(&learners, self.content(), self.min_group()),
        })
    }

    /// The lead's council beside all councils on the server.
    pub fn lead_baseline(&self, token: Option<&str>) -> Result<Baseline, ApiError> {
        let lead = self.lead(token)?;
        read::baseline(
            self.storage(),
            Some(&lead.council),
            self.content(),
            self.min_group(),
        )
        .map_err(report_error)
    }
}
