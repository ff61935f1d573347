//! The sync service: ADR 0008's rules on top of a [`Storage`], as a [`SyncProtocol`].
//!
//! The HTTP layer only decodes requests and encodes answers; every decision (who the token
//! belongs to, which records are accepted, what the cursor becomes) is made here, so an
//! in-process server in tests behaves exactly like the real one.

use std::sync::Arc;

use shared::sync::protocol::{ApiError, SyncProtocol};
use shared::sync::wire::{
    EnrolRequest, Enrolled, MAX_BATCH, PairRequest, PairingCode, RecordResult, RecordStatus,
    SyncRequest, SyncResponse,
};

use crate::admin::{self, AdminError};
use crate::clock::{Clock, SystemClock};
use crate::limits::{Limiter, Rate};
use crate::pack::ServedPack;
use crate::report::suppress::MinGroup;
use crate::rules;
use crate::secrets::{self, TokenHash};
use crate::storage::{
    Cohort, Council, DeviceAuth, NewDevice, Put, PutOutcome, Quota, Redeemed, Storage,
    StorageError, UserId,
};

/// How long a pairing code lives, by default (ADR 0008: ten minutes).
pub const PAIRING_TTL_MS: u64 = 10 * 60 * 1000;

/// Longest device id accepted, in characters. Device ids are 16 hex characters today; the slack is for other
/// shells, not for storing essays.
pub const MAX_DEVICE_ID: usize = 64;

/// Pairing codes one learner may make in an hour (`POST /pair`). A learner adding a phone and
/// a laptop needs two; the margin is for codes that expire unused.
pub const PAIRINGS_PER_LEARNER_PER_HOUR: u32 = 10;

/// Reports one programme lead may ask for in an hour: a console page shows a few at once, and a
/// script refreshing every minute fits easily.
pub const REPORTS_PER_LEAD_PER_HOUR: u32 = 600;

/// The storage quota per learner, by default. A busy year is a few thousand records of a few
/// hundred bytes each; these allow decades of that, and stop a leaked token from filling the disk.
pub const DEFAULT_QUOTA: Quota = Quota {
    records: 200_000,
    bytes: 64 * 1024 * 1024,
};

/// The service, over any storage.
pub struct Service<S: Storage> {
    storage: S,
    clock: Arc<dyn Clock>,
    pack: ServedPack,
    pairing_ttl_ms: u64,
    quota: Quota,
    pairings_per_learner: Limiter<UserId>,
    min_group: MinGroup,
    lead_reads: Limiter<i64>,
}

impl<S: Storage> std::fmt::Debug for Service<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service")
            .field("pack_version", &self.pack.version)
            .field("pairing_ttl_ms", &self.pairing_ttl_ms)
            .finish_non_exhaustive()
    }
}

/// Logs a storage failure and turns it into the answer a device sees. Storage failures are the
/// server's fault, never the client's, so the details stay in the log.
fn internal(error: &StorageError) -> ApiError {
    tracing::error!(%error, "storage failed");
    ApiError::new(
        500,
        "internal",
        "Something went wrong on the server. Your progress is safe on this device and will sync later.",
    )
}

fn check_device_id(device: &str) -> Result<(), ApiError> {
    if device.is_empty()
        || device.chars().count() > MAX_DEVICE_ID
        || device.chars().any(char::is_control)
    {
        return Err(ApiError::bad_request(format!(
            "`device` must be 1 to {MAX_DEVICE_ID} characters, with no control characters."
        )));
    }
    Ok(())
}

impl<S: Storage> Service<S> {
    pub fn new(storage: S, pack: ServedPack) -> Self {
        Self {
            storage,
            clock: Arc::new(SystemClock),
            pack,
            pairing_ttl_ms: PAIRING_TTL_MS,
            quota: DEFAULT_QUOTA,
            pairings_per_learner: Limiter::new(Rate::per_hour(PAIRINGS_PER_LEARNER_PER_HOUR)),
            min_group: MinGroup::DEFAULT,
            lead_reads: Limiter::new(Rate::per_hour(REPORTS_PER_LEAD_PER_HOUR)),
        }
    }

    /// The smallest group a report may show a figure about.
    #[must_use]
    pub fn with_min_group(mut self, min: MinGroup) -> Self {
        self.min_group = min;
        self
    }

    pub fn min_group(&self) -> MinGroup {
        self.min_group
    }

    /// Reports each programme lead may ask for in an hour.
    pub(crate) fn lead_reads(&self) -> &Limiter<i64> {
        &self.lead_reads
    }

    /// The served pack, as reports read it.
    pub fn content(&self) -> &shared::pack::Content {
        &self.pack.content
    }

    #[must_use]
    pub fn with_quota(mut self, quota: Quota) -> Self {
        self.quota = quota;
        self
    }

    #[must_use]
    pub fn with_pairings_per_learner(mut self, rate: Rate) -> Self {
        self.pairings_per_learner = Limiter::new(rate);
        self
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    #[must_use]
    pub fn with_pairing_ttl_ms(mut self, ttl_ms: u64) -> Self {
        self.pairing_ttl_ms = ttl_ms;
        self
    }

    pub fn storage(&self) -> &S {
        &self.storage
    }

    pub fn pack_info(&self) -> &ServedPack {
        &self.pack
    }

    /// Makes a cohort with a fresh code in a council (the only one, when `council` is `None`),
    /// for the operator.
    pub fn add_cohort(&self, name: &str, council: Option<&str>) -> Result<Cohort, AdminError> {
        let council = admin::pick_council(&self.storage, council)?;
        admin::add_cohort(&self.storage, &council, name, self.clock.now_ms())
    }

    /// Adds a council, for the operator.
    pub fn add_council(&self, name: &str) -> Result<Council, AdminError> {
        admin::add_council(&self.storage, name, self.clock.now_ms())
    }

    /// Renames a council, for the operator.
    pub fn rename_council(&self, from: &str, to: &str) -> Result<Council, AdminError> {
        admin::rename_council(&self.storage, from, to)
    }

    /// The cohort with this name in this council, each made if missing: for `--demo-cohort`.
    pub fn ensure_cohort(&self, council: &str, name: &str) -> Result<Cohort, AdminError> {
        admin::ensure_cohort(&self.storage, council, name, self.clock.now_ms())
    }

    /// Who a bearer token belongs to, or 401.
    fn authenticate(&self, token: Option<&str>) -> Result<DeviceAuth, ApiError> {
        let token = token.ok_or_else(ApiError::unauthorized)?;
        self.storage
            .device_for_token(&TokenHash::of(token))
            .map_err(|e| internal(&e))?
            .ok_or_else(ApiError::unauthorized)
    }

    fn new_device(device: &str) -> (String, NewDevice<'_>) {
        let token = secrets::new_token();
        let new = NewDevice {
            device,
            token_hash: TokenHash::of(&token),
        };
        (token, new)
    }
}

impl<S: Storage> SyncProtocol for Service<S> {
    fn enrol(&self, request: EnrolRequest) -> Result<Enrolled, ApiError> {
        check_device_id(&request.device)?;
        let code = secrets::normalize_code(&request.cohort_code);
        let cohort = self
            .storage
            .cohort_by_code(&code)
            .map_err(|e| internal(&e))?
            .ok_or_else(|| {
                ApiError::new(
                    404,
                    "unknown_cohort",
                    "No programme has that code. Check it with your programme lead.",
                )
            })?;
        let (token, device) = Self::new_device(&request.device);
        let account = self
            .storage
            .enrol(
                &cohort,
                &secrets::new_user_id(),
                device,
                self.clock.now_ms(),
            )
            .map_err(|e| internal(&e))?;
        tracing::info!(cohort = %cohort.name, "a learner enrolled");
        Ok(Enrolled {
            token,
            user: account.public_id,
            cohort: account.cohort,
        })
    }

    fn start_pairing(&self, token: Option<&str>) -> Result<PairingCode, ApiError> {
        let auth = self.authenticate(token)?;
        let now = self.clock.now_ms();
        self.pairings_per_learner
            .take(auth.user, now)
            .map_err(|retry| {
                ApiError::too_many(
                    retry.0,
                    "You have made a lot of pairing codes in the last hour. Wait a while, then try again.",
                )
            })?;
        let expires_at_ms = now.saturating_add(self.pairing_ttl_ms);
        for _ in 0..8 {
            let code = secrets::new_pairing_code();
            if self
                .storage
                .add_pairing_code(auth.user, &code, expires_at_ms, now)
                .map_err(|e| internal(&e))?
            {
                return Ok(PairingCode {
                    code,
                    expires_at_ms,
                });
            }
        }
        Err(internal(&StorageError::Other(
            "could not find an unused pairing code".to_owned(),
        )))
    }

    fn complete_pairing(&self, request: PairRequest) -> Result<Enrolled, ApiError> {
        check_device_id(&request.device)?;
        let code = secrets::normalize_code(&request.code);
        if !secrets::is_pairing_code(&code) {
            return Err(ApiError::bad_request(
                "A pairing code is 12 letters and numbers. Check the code on your other device.",
            ));
        }
        let (token, device) = Self::new_device(&request.device);
        match self
            .storage
            .redeem_pairing_code(&code, device, self.clock.now_ms())
            .map_err(|e| internal(&e))?
        {
            Redeemed::Paired(account) => Ok(Enrolled {
                token,
                user: account.public_id,
                cohort: account.cohort,
            }),
            Redeemed::NoSuchCode => Err(ApiError::new(
                404,
                "bad_pairing_code",
                "That pairing code is wrong, already used or expired. Make a new one on your other device.",
            )),
            Redeemed::DeviceTaken => Err(ApiError::new(
                409,
                "device_taken",
                "This device is already signed in to your account. Sign it out on the other device, or delete the data on this device and add it again.",
            )),
        }
    }

    fn sync(&self, token: Option<&str>, request: SyncRequest) -> Result<SyncResponse, ApiError> {
        let auth = self.authenticate(token)?;
        if request.records.len() > MAX_BATCH {
            return Err(ApiError::bad_request(format!(
                "A sync may carry at most {MAX_BATCH} records; this one has {}. Send them in smaller batches.",
                request.records.len()
            )));
        }
        let now = self.clock.now_ms();
        let checked: Vec<Result<_, String>> = request
            .records
            .iter()
            .map(|record| rules::check(record, &auth.device, now))
            .collect();
        let to_store: Vec<_> = checked
            .iter()
            .filter_map(|c| c.as_ref().ok())
            .cloned()
            .collect();
        let Put::Done(outcomes) = self
            .storage
            .put_records(auth.user, to_store, now, self.quota)
            .map_err(|e| internal(&e))?
        else {
            return Err(ApiError::new(
                403,
                "quota_exceeded",
                "Your account on this server is full, so new progress cannot be backed up. It is safe on this device. Ask your programme lead to contact the server's administrator.",
            ));
        };
        let mut outcomes = outcomes.into_iter();
        let results = request
            .records
            .iter()
            .zip(checked)
            .map(|(sent, checked)| {
                let (status, reason) = match checked {
                    Err(reason) => (RecordStatus::Rejected, Some(reason)),
                    Ok(_) => match outcomes.next() {
                        Some(PutOutcome::Stored) => (RecordStatus::Accepted, None),
                        Some(PutOutcome::Duplicate) => (RecordStatus::Duplicate, None),
                        Some(PutOutcome::Conflict) | None => {
                            (RecordStatus::Rejected, Some(rules::CONFLICT.to_owned()))
                        }
                    },
                };
                RecordResult {
                    id: sent.id.clone(),
                    status,
                    reason,
                }
            })
            .collect();
        let page = self
            .storage
            .records_after(auth.user, &auth.device, request.cursor, MAX_BATCH)
            .map_err(|e| internal(&e))?;
        Ok(SyncResponse {
            results,
            records: page.records,
            cursor: page.cursor,
            more: page.more,
            pack_version: self.pack.version,
        })
    }

    fn pack(&self) -> Result<Vec<u8>, ApiError> {
        Ok(self.pack.json.to_vec())
    }

    fn sign_out(&self, token: Option<&str>) -> Result<(), ApiError> {
        let token = token.ok_or_else(ApiError::unauthorized)?;
        if self
            .storage
            .delete_device(&TokenHash::of(token))
            .map_err(|e| internal(&e))?
        {
            tracing::info!("a device signed out");
            Ok(())
        } else {
            Err(ApiError::unauthorized())
        }
    }

    fn delete_account(&self, token: Option<&str>) -> Result<(), ApiError> {
        let auth = self.authenticate(token)?;
        self.storage
            .delete_user(auth.user)
            .map_err(|e| internal(&e))?;
        tracing::info!("a learner deleted their account");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use shared::sync::wire::MAX_CLOCK_AHEAD_MS;

    use super::*;
    use crate::clock::ManualClock;
    use crate::storage::sqlite::SqliteStorage;
    use crate::testing::TempDir;
    use crate::testing::records::steps;

    const NOW: u64 = 1_800_000_000_000;

    struct Fixture {
        service: Service<SqliteStorage>,
        clock: Arc<ManualClock>,
        code: String,
        dir: TempDir,
    }

    fn fixture() -> Fixture {
        let dir = TempDir::new("service").unwrap();
        let storage = SqliteStorage::open(&dir.path().join("db.sqlite3")).unwrap();
        let clock = Arc::new(ManualClock::new(NOW));
        let service = Service::new(storage, ServedPack::builtin()).with_clock(clock.clone());
        let code = service.ensure_cohort("Test council", "Pilot").unwrap().code;
        Fixture {
            service,
            clock,
            code,
            dir,
        }
    }

    fn enrol(f: &Fixture, device: &str) -> Enrolled {
        f.service
            .enrol(EnrolRequest {
                cohort_code: f.code.clone(),
                device: device.to_owned(),
            })
            .unwrap()
    }

    /// Completes pairing with `code` as a device named `device`.
    fn complete(f: &Fixture, code: &str, device: &str) -> Result<Enrolled, ApiError> {
        f.service.complete_pairing(PairRequest {
            code: code.to_owned(),
            device: device.to_owned(),
        })
    }

    fn sync(
        f: &Fixture,
        token: &str,
        cursor: u64,
        records: Vec<shared::record::StoredRecord>,
    ) -> SyncResponse {
        f.service
            .sync(Some(token), SyncRequest { cursor, records })
            .unwrap()
    }

    #[test]
    fn pairing_codes_expire_after_their_lifetime() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let code = f.service.start_pairing(Some(&phone.token)).unwrap();
        assert_eq!(code.expires_at_ms, NOW + PAIRING_TTL_MS);
        f.clock.advance(PAIRING_TTL_MS);
        let late = complete(&f, &code.code, "laptop").unwrap_err();
        assert_eq!((late.status, late.code), (404, "bad_pairing_code"));
    }

    #[test]
    fn a_code_just_inside_its_lifetime_still_works() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let code = f.service.start_pairing(Some(&phone.token)).unwrap();
        f.clock.advance(PAIRING_TTL_MS - 1);
        let laptop = complete(&f, &code.code, "laptop").unwrap();
        assert_eq!(laptop.user, phone.user);
    }

    #[test]
    fn a_learner_may_make_only_so_many_pairing_codes_an_hour() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let other = enrol(&f, "other");
        for _ in 0..PAIRINGS_PER_LEARNER_PER_HOUR {
            f.service.start_pairing(Some(&phone.token)).unwrap();
        }
        let refused = f.service.start_pairing(Some(&phone.token)).unwrap_err();
        assert_eq!((refused.status, refused.code), (429, "too_many_attempts"));
        assert!(refused.retry_after_s.is_some_and(|s| s > 0));
        // Another learner is not affected.
        assert!(f.service.start_pairing(Some(&other.token)).is_ok());
        f.clock
            .advance(3_600_000 / u64::from(PAIRINGS_PER_LEARNER_PER_HOUR));
        assert!(f.service.start_pairing(Some(&phone.token)).is_ok());
    }

    #[test]
    fn a_new_pairing_code_replaces_the_old_one() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let first = f.service.start_pairing(Some(&phone.token)).unwrap();
        let second = f.service.start_pairing(Some(&phone.token)).unwrap();
        assert_eq!(complete(&f, &first.code, "laptop").unwrap_err().status, 404);
        assert!(complete(&f, &second.code, "laptop").is_ok());
    }

    #[test]
    fn pairing_codes_are_typed_in_any_case_with_or_without_dashes() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let code = f.service.start_pairing(Some(&phone.token)).unwrap().code;
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(complete(&f, &typed, "laptop").unwrap().user, phone.user);
        let malformed = complete(&f, "123456", "tablet").unwrap_err();
        assert_eq!(malformed.status, 400);
    }

    #[test]
    fn a_device_id_is_used_once_per_learner_and_the_code_survives_a_clash() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let code = f.service.start_pairing(Some(&phone.token)).unwrap().code;
        let clash = complete(&f, &code, "phone").unwrap_err();
        assert_eq!((clash.status, clash.code), (409, "device_taken"));
        assert!(
            complete(&f, &code, "laptop").is_ok(),
            "the code was not used up"
        );
    }

    #[test]
    fn a_signed_out_device_loses_its_token_and_others_keep_theirs() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let code = f.service.start_pairing(Some(&phone.token)).unwrap().code;
        let laptop = complete(&f, &code, "laptop").unwrap();
        sync(&f, &phone.token, 0, steps("phone", NOW, 0, 2));
        f.service.sign_out(Some(&phone.token)).unwrap();
        let gone = f
            .service
            .sync(
                Some(&phone.token),
                SyncRequest {
                    cursor: 0,
                    records: vec![],
                },
            )
            .unwrap_err();
        assert_eq!(gone.status, 401);
        assert_eq!(
            f.service.sign_out(Some(&phone.token)).unwrap_err().status,
            401
        );
        let answer = sync(&f, &laptop.token, 0, vec![]);
        assert_eq!(
            answer.records.len(),
            2,
            "the phone's records stay with the learner"
        );
    }

    #[test]
    fn the_quota_stops_new_records_but_not_duplicates_or_reading() {
        let f = fixture();
        let quota = Quota {
            records: 3,
            bytes: 1 << 20,
        };
        let service = Service::new(
            SqliteStorage::open(&f.dir.path().join("quota.sqlite3")).unwrap(),
            ServedPack::builtin(),
        )
        .with_clock(f.clock.clone())
        .with_quota(quota);
        let code = service.ensure_cohort("Test council", "Quota").unwrap().code;
        let phone = service
            .enrol(EnrolRequest {
                cohort_code: code,
                device: "phone".into(),
            })
            .unwrap();
        let sync_with =
            |records| service.sync(Some(&phone.token), SyncRequest { cursor: 0, records });
        let first = steps("phone", NOW, 0, 3);
        assert!(sync_with(first.clone()).is_ok());
        let full = sync_with(steps("phone", NOW, 10, 1)).unwrap_err();
        assert_eq!((full.status, full.code), (403, "quota_exceeded"));
        assert!(
            full.message.contains("safe on this device"),
            "{}",
            full.message
        );
        // Sending the same records again, or nothing, still works: only new ones count.
        assert!(sync_with(first).is_ok());
        assert!(sync_with(vec![]).is_ok());
        // A batch that would cross the line stores none of its records.
        let bytes_quota = Service::new(
            SqliteStorage::open(&f.dir.path().join("bytes.sqlite3")).unwrap(),
            ServedPack::builtin(),
        )
        .with_clock(f.clock.clone())
        .with_quota(Quota {
            records: 100,
            bytes: 100,
        });
        let code = bytes_quota
            .ensure_cohort("Test council", "Bytes")
            .unwrap()
            .code;
        let laptop = bytes_quota
            .enrol(EnrolRequest {
                cohort_code: code,
                device: "laptop".into(),
            })
            .unwrap();
        let over = bytes_quota
            .sync(
                Some(&laptop.token),
                SyncRequest {
                    cursor: 0,
                    records: steps("laptop", NOW, 0, 10),
                },
            )
            .unwrap_err();
        assert_eq!(over.code, "quota_exceeded");
        // Had any of the ten been kept, the first would now come back as a duplicate.
        let again = bytes_quota
            .sync(
                Some(&laptop.token),
                SyncRequest {
                    cursor: 0,
                    records: steps("laptop", NOW, 0, 1),
                },
            )
            .unwrap();
        assert_eq!(again.results[0].status, RecordStatus::Accepted);
    }

    #[test]
    fn the_clock_limit_follows_the_servers_clock() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let ahead = steps("phone", NOW + MAX_CLOCK_AHEAD_MS + 1, 0, 1);
        let answer = sync(&f, &phone.token, 0, ahead.clone());
        assert_eq!(answer.results[0].status, RecordStatus::Rejected);
        // The same record, once the server's clock has caught up, is fine.
        f.clock.advance(2);
        let answer = sync(&f, &phone.token, 0, ahead);
        assert_eq!(answer.results[0].status, RecordStatus::Accepted);
    }

    #[test]
    fn the_same_id_twice_in_one_batch_is_stored_once() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let record = steps("phone", NOW, 0, 1).remove(0);
        let mut changed = record.clone();
        changed.counter += 1;
        let answer = sync(&f, &phone.token, 0, vec![record.clone(), record, changed]);
        let statuses: Vec<_> = answer.results.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [
                RecordStatus::Accepted,
                RecordStatus::Duplicate,
                RecordStatus::Rejected
            ]
        );
    }

    #[test]
    fn the_cursor_skips_a_devices_own_records_once_it_has_everything() {
        let f = fixture();
        let phone = enrol(&f, "phone");
        let code = f.service.start_pairing(Some(&phone.token)).unwrap();
        let laptop = complete(&f, &code.code, "laptop").unwrap();
        let from_laptop = sync(&f, &laptop.token, 0, steps("laptop", NOW, 0, 2));
        let from_phone = sync(&f, &phone.token, 0, steps("phone", NOW, 10, 3));
        assert_eq!(from_phone.records.len(), 2, "the laptop's two");
        assert_eq!(from_phone.cursor, 5, "past its own three as well");
        assert_eq!(from_laptop.cursor, 2);
        let laptop_again = sync(&f, &laptop.token, from_laptop.cursor, vec![]);
        assert_eq!(laptop_again.records.len(), 3);
        assert_eq!(laptop_again.cursor, 5);
    }

    #[test]
    fn unknown_tokens_and_missing_tokens_are_401() {
        let f = fixture();
        for token in [None, Some("nope")] {
            assert_eq!(f.service.start_pairing(token).unwrap_err().status, 401);
            assert_eq!(f.service.delete_account(token).unwrap_err().status, 401);
            let err = f
                .service
                .sync(
                    token,
                    SyncRequest {
                        cursor: 0,
                        records: vec![],
                    },
                )
                .unwrap_err();
            assert_eq!(err.status, 401);
        }
    }

    #[test]
    fn ensure_cohort_is_idempotent() {
        let f = fixture();
        let a = f.service.ensure_cohort("Test council", "Demo").unwrap();
        let b = f.service.ensure_cohort("Test council", "Demo").unwrap();
        assert_eq!(a, b);
        assert_eq!(f.service.storage().cohorts().unwrap().len(), 2);
        assert!(f.service.add_cohort("  ", None).is_err());
    }

    /// The in-process service answers through the same routing the core's tests use.
    #[test]
    fn serve_routes_http_requests_to_the_service() {
        use crux_http::protocol::{HttpHeader, HttpRequest, HttpResult};
        let f = fixture();
        let body = serde_json::to_vec(&EnrolRequest {
            cohort_code: f.code.clone(),
            device: "phone".into(),
        })
        .unwrap();
        let request = HttpRequest {
            method: "POST".into(),
            url: "http://server/api/v1/enrol".into(),
            headers: vec![HttpHeader {
                name: "content-type".into(),
                value: "application/json".into(),
            }],
            body,
        };
        let HttpResult::Ok(response) = shared::sync::protocol::serve(&f.service, &request) else {
            panic!("no response");
        };
        assert_eq!(response.status, 201);
        let enrolled: Enrolled = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(enrolled.cohort, "Pilot");
    }
}
