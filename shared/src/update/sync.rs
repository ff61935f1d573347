//! Sync: joining a server, pairing devices, the exchange itself, backing off, and newer packs.
//!
//! Requests are built as `crux_http` protocol requests and answered through the `Http` effect.
//! Every answer is checked; nothing the server says can make the core drop a record.

use std::sync::Arc;

use crux_core::Command;
use crux_http::protocol::{HttpHeader, HttpRequest, HttpResult};
use crux_time::Time;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Cmd;
use crate::clock::RecordId;
use crate::effects::Effect;
use crate::effects::store::{Snapshot, StoreRequest, StoreResponse, SyncMark, meta};
use crate::event::{Event, Internal};
use crate::model::{Model, NoticeKind};
use crate::pack::Content;
use crate::record::Record;
use crate::sync::client::{self, Busy, DEBOUNCE_MS, Link, Phase, Trigger};
use crate::sync::protocol::route;
use crate::sync::wire::{
    API, EnrolRequest, Enrolled, ErrorBody, PairRequest, PairingCode, RecordStatus, SyncRequest,
    SyncResponse,
};
use crate::text;

/// Why a request did not give the answer hoped for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Failure {
    /// No answer: no network, the server is down, or it took too long.
    Unreachable(String),
    /// The server answered with an error status.
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    /// The server answered, but not in a form the app can read.
    Unreadable,
}

pub(super) fn request(
    method: &str,
    url: String,
    token: Option<&str>,
    body: Option<&impl Serialize>,
) -> HttpRequest {
    let mut headers = vec![HttpHeader {
        name: "accept".to_owned(),
        value: "application/json".to_owned(),
    }];
    if let Some(token) = token {
        headers.push(HttpHeader {
            name: "authorization".to_owned(),
            value: format!("Bearer {token}"),
        });
    }
    let body = body.map_or_else(Vec::new, |b| {
        headers.push(HttpHeader {
            name: "content-type".to_owned(),
            value: "application/json".to_owned(),
        });
        serde_json::to_vec(b).expect("wire types serialize")
    });
    HttpRequest {
        method: method.to_owned(),
        url,
        headers,
        body,
    }
}

/// Reads a successful JSON answer, or says what went wrong.
fn answer<T: DeserializeOwned>(result: &HttpResult) -> Result<T, Failure> {
    match result {
        HttpResult::Err(error) => Err(Failure::Unreachable(error.to_string())),
        HttpResult::Ok(response) if (200..300).contains(&response.status) => {
            serde_json::from_slice(&response.body).map_err(|_| Failure::Unreadable)
        }
        HttpResult::Ok(response) => {
            let (code, message) = serde_json::from_slice::<ErrorBody>(&response.body).map_or_else(
                |_| (String::new(), String::new()),
                |b| (b.error.code, b.error.message),
            );
            Err(Failure::Refused {
                status: response.status,
                code,
                message,
            })
        }
    }
}

pub(super) fn succeeded(result: &HttpResult) -> Result<(), Failure> {
    match result {
        HttpResult::Ok(response) if (200..300).contains(&response.status) => Ok(()),
        _ => answer::<serde_json::Value>(result).map(|_| ()),
    }
}

fn store(request: StoreRequest) -> Cmd {
    Command::request_from_shell(request)
        .then_send(|response| Event::Internal(Internal::MetaSaved(response)))
}

pub(super) fn set_meta(key: &str, value: impl Into<String>) -> Cmd {
    store(StoreRequest::SetMeta {
        key: key.to_owned(),
        value: value.into(),
    })
}

impl Model {
    /// Picks up the link, cursor and any newer pack from storage at start.
    pub(super) fn restore_sync(&mut self, snapshot: &Snapshot) {
        if let Some(pack) = snapshot
            .meta(meta::PACK)
            .and_then(|json| serde_json::from_str::<content::Pack>(json).ok())
            .filter(|pack| pack.version > self.content.pack.version && pack.problems().is_empty())
        {
            self.content = Arc::new(Content::new(pack));
        }
        self.sync.link = snapshot
            .meta(meta::LINK)
            .and_then(|json| serde_json::from_str::<Link>(json).ok());
        self.sync.cursor = snapshot
            .meta(meta::SYNC_CURSOR)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        self.sync.last_synced_ms = snapshot
            .meta(meta::LAST_SYNCED)
            .and_then(|c| c.parse().ok());
        self.sync.phase = if self.sync.link.is_some() {
            Phase::Idle
        } else {
            Phase::LocalOnly
        };
        self.sync.sign_out = snapshot
            .meta(meta::SIGN_OUT)
            .and_then(|json| serde_json::from_str(json).ok());
    }

    /// After local changes: sync once the learner pauses.
    pub(super) fn sync_soon(&mut self) -> Cmd {
        if !self.sync.is_linked() {
            return Command::done();
        }
        if self.sync.phase == Phase::Syncing {
            self.sync.again = true;
            return Command::done();
        }
        if self.sync.timer_armed || self.sync.offline {
            return Command::done();
        }
        self.arm_timer(DEBOUNCE_MS)
    }

    fn arm_timer(&mut self, ms: u64) -> Cmd {
        self.sync.timer_armed = true;
        let (wait, _handle) =
            Time::<Effect, Event>::notify_after(std::time::Duration::from_millis(ms));
        wait.then_send(|_| Event::Internal(Internal::SyncTimer))
    }

    pub(super) fn sync_timer(&mut self) -> Cmd {
        self.sync.timer_armed = false;
        self.kick(Trigger::Timer)
    }

    /// Starts a sync if the rules allow it now; otherwise waits for the right moment.
    pub(super) fn kick(&mut self, trigger: Trigger) -> Cmd {
        let now = self.now_ms();
        if self.sync.may_start(trigger, now) {
            return self.start_sync();
        }
        if let Phase::BackingOff { retry_at_ms, .. } = self.sync.phase
            && !self.sync.timer_armed
            && !self.sync.offline
        {
            return self.arm_timer(retry_at_ms.saturating_sub(now));
        }
        if self.sync.offline && self.sync.is_linked() && self.sync.phase != Phase::Syncing {
            self.sync.phase = Phase::Offline;
        }
        Command::done()
    }

    fn start_sync(&mut self) -> Cmd {
        let Some(link) = self.sync.link.clone() else {
            return Command::done();
        };
        let backup = self.log.progress().settings.backup();
        let records = client::next_batch(&self.log, &self.outbox, &self.device, backup);
        let sent: Vec<String> = records.iter().map(|r| r.id.clone()).collect();
        self.sync.phase = Phase::Syncing;
        self.sync.again = false;
        let body = SyncRequest {
            cursor: self.sync.cursor,
            records,
        };
        let http = request(
            "POST",
            format!("{}{API}{}", link.server, route::SYNC),
            Some(&link.token),
            Some(&body),
        );
        Command::request_from_shell(http)
            .then_send(move |result| Event::Internal(Internal::SyncAnswered { sent, result }))
    }

    pub(super) fn sync_answered(&mut self, sent: &[String], result: &HttpResult) -> Cmd {
        let response: SyncResponse = match answer(result) {
            Ok(response) => response,
            Err(failure) => return self.sync_failed(&failure),
        };
        if response.results.len() != sent.len()
            || response.results.iter().zip(sent).any(|(r, id)| &r.id != id)
        {
            return self.sync_failed(&Failure::Unreadable);
        }
        let cursor_before = self.sync.cursor;
        let mut synced = Vec::new();
        let mut commands = Vec::new();
        for result in &response.results {
            let Ok(id) = result.id.parse::<RecordId>() else {
                continue;
            };
            match result.status {
                RecordStatus::Accepted | RecordStatus::Duplicate => {
                    self.outbox.remove(id);
                    synced.push(result.id.clone());
                }
                RecordStatus::Rejected => {
                    let reason = result
                        .reason
                        .clone()
                        .unwrap_or_else(|| text::REJECTED_NO_REASON.to_owned());
                    let private = self.log.get(id).is_some_and(Record::is_private);
                    self.outbox.set(
                        id,
                        SyncMark::Rejected {
                            reason: reason.clone(),
                        },
                        private,
                    );
                    commands.push(store(StoreRequest::MarkRejected {
                        id: result.id.clone(),
                        reason,
                    }));
                }
            }
        }
        if !synced.is_empty() {
            commands.push(store(StoreRequest::MarkSynced { ids: synced }));
        }
        for stored in &response.records {
            match Record::from_stored(stored) {
                Ok(record) => self.take_remote(record),
                Err(_) => self.unreadable += 1,
            }
        }
        // Received records are stored before the cursor moves past them, so a crash in
        // between means downloading them again, never missing them.
        commands.push(Self::save_received(response.records, response.cursor));
        let now = self.now_ms();
        self.sync.cursor = response.cursor;
        self.sync.last_synced_ms = Some(now);
        self.sync.last_error = None;
        self.sync.failures = 0;
        self.sync.phase = Phase::Idle;
        self.sync.server_pack = response.pack_version;
        commands.push(set_meta(meta::LAST_SYNCED, now.to_string()));
        if response.pack_version > self.content.pack.version {
            commands.push(self.fetch_pack());
        }
        // Each round takes every record it sent out of the pending set (synced or rejected), so
        // going again while records wait always ends. A server that says "more" without moving
        // the cursor is not followed, so a faulty server cannot keep the device busy.
        let backup = self.log.progress().settings.backup();
        let waiting = !client::next_batch(&self.log, &self.outbox, &self.device, backup).is_empty();
        let more = response.more && response.cursor > cursor_before;
        if more || self.sync.again || waiting {
            commands.push(self.start_sync());
        }
        Command::all(commands)
    }

    fn save_received(records: Vec<crate::record::StoredRecord>, cursor: u64) -> Cmd {
        let cursor_key = meta::SYNC_CURSOR.to_owned();
        Command::new(move |ctx| async move {
            if !records.is_empty() {
                let saved = ctx
                    .request_from_shell(StoreRequest::AppendSynced { records })
                    .await;
                if saved != StoreResponse::Done {
                    ctx.send_event(Event::Internal(Internal::MetaSaved(saved)));
                    return;
                }
            }
            let saved = ctx
                .request_from_shell(StoreRequest::SetMeta {
                    key: cursor_key,
                    value: cursor.to_string(),
                })
                .await;
            ctx.send_event(Event::Internal(Internal::MetaSaved(saved)));
        })
    }

    fn sync_failed(&mut self, failure: &Failure) -> Cmd {
        let now = self.now_ms();
        if let Failure::Refused { status: 401, .. } = failure {
            self.sync.phase = Phase::SignedOut;
            self.sync.last_error = Some(text::SIGNED_OUT.to_owned());
            return Command::done();
        }
        self.sync.last_error = Some(match failure {
            Failure::Unreachable(_) => text::UNREACHABLE.to_owned(),
            Failure::Refused { message, .. } if !message.is_empty() => message.clone(),
            Failure::Refused { status, .. } => text::server_error(*status),
            Failure::Unreadable => text::UNREADABLE_ANSWER.to_owned(),
        });
        if self.sync.offline {
            self.sync.phase = Phase::Offline;
            return Command::done();
        }
        self.sync.failures += 1;
        let wait = client::backoff_ms(self.sync.failures);
        self.sync.phase = Phase::BackingOff {
            retry_at_ms: now + wait,
        };
        if self.sync.timer_armed {
            return Command::done();
        }
        self.arm_timer(wait)
    }

    pub(super) fn connectivity(&mut self, online: bool) -> Cmd {
        self.sync.offline = !online;
        if online {
            return self.kick(Trigger::Online).and(self.retry_sign_out());
        }
        if self.sync.is_linked()
            && self.sync.phase != Phase::Syncing
            && self.sync.phase != Phase::SignedOut
        {
            self.sync.phase = Phase::Offline;
        }
        Command::done()
    }

    pub(super) fn sync_now(&mut self) -> Cmd {
        if self.sync.offline {
            self.inform(NoticeKind::Info, text::STILL_OFFLINE);
            return Command::done();
        }
        self.kick(Trigger::Manual)
    }

    pub(super) fn join(&mut self, server: &str, code: &str, pairing: bool) -> Cmd {
        if self.sync.busy.is_some() {
            return Command::done();
        }
        let Some(server) = client::normalise_server(server) else {
            self.inform(NoticeKind::Error, text::BAD_SERVER);
            return Command::done();
        };
        let code = code.trim();
        if code.is_empty() {
            self.inform(
                NoticeKind::Error,
                if pairing {
                    text::NO_PAIRING_CODE
                } else {
                    text::NO_COHORT_CODE
                },
            );
            return Command::done();
        }
        let http = if pairing {
            let body = PairRequest {
                code: code.replace(' ', ""),
                device: self.device.clone(),
            };
            request(
                "POST",
                format!("{server}{API}{}", route::PAIR_COMPLETE),
                None,
                Some(&body),
            )
        } else {
            let body = EnrolRequest {
                cohort_code: code.to_owned(),
                device: self.device.clone(),
            };
            request(
                "POST",
                format!("{server}{API}{}", route::ENROL),
                None,
                Some(&body),
            )
        };
        self.sync.busy = Some(Busy::Joining);
        Command::request_from_shell(http)
            .then_send(move |result| Event::Internal(Internal::Joined { server, result }))
    }

    pub(super) fn joined(&mut self, server: String, result: &HttpResult) -> Cmd {
        self.sync.busy = None;
        let enrolled: Enrolled = match answer(result) {
            Ok(enrolled) => enrolled,
            Err(failure) => {
                let message = match failure {
                    Failure::Unreachable(_) => text::cannot_reach(&server),
                    Failure::Refused { code, .. } if code == "unknown_cohort" => {
                        text::UNKNOWN_CODE.to_owned()
                    }
                    Failure::Refused { code, .. } if code == "bad_pairing_code" => {
                        text::BAD_PAIRING_CODE.to_owned()
                    }
                    Failure::Refused { message, .. } if !message.is_empty() => message,
                    Failure::Refused { status, .. } => text::server_error(status),
                    Failure::Unreadable => text::UNREADABLE_ANSWER.to_owned(),
                };
                self.inform(NoticeKind::Error, message);
                return Command::done();
            }
        };
        let link = Link {
            server,
            token: enrolled.token,
            user: enrolled.user,
            cohort: enrolled.cohort,
        };
        self.inform(NoticeKind::Success, text::joined(&link.cohort));
        let save = set_meta(
            meta::LINK,
            serde_json::to_string(&link).expect("a link serializes"),
        );
        self.sync.link = Some(link);
        self.sync.cursor = 0;
        self.sync.phase = Phase::Idle;
        save.and(self.kick(Trigger::Manual))
    }

    pub(super) fn start_pairing(&mut self) -> Cmd {
        let Some(link) = self.sync.link.clone() else {
            return Command::done();
        };
        if self.sync.busy.is_some() {
            return Command::done();
        }
        self.sync.busy = Some(Busy::Pairing);
        let http = request(
            "POST",
            format!("{}{API}{}", link.server, route::PAIR),
            Some(&link.token),
            None::<&()>,
        );
        Command::request_from_shell(http)
            .then_send(|result| Event::Internal(Internal::PairingStarted(result)))
    }

    pub(super) fn pairing_started(&mut self, result: &HttpResult) -> Cmd {
        self.sync.busy = None;
        match answer::<PairingCode>(result) {
            Ok(code) => self.sync.pairing = Some(code),
            Err(Failure::Refused { status: 401, .. }) => {
                self.sync.phase = Phase::SignedOut;
                self.inform(NoticeKind::Error, text::SIGNED_OUT);
            }
            Err(_) => self.inform(NoticeKind::Error, text::PAIRING_FAILED),
        }
        Command::done()
    }

    pub(super) fn ask_delete_account(&mut self, confirm: bool) -> Cmd {
        self.sync.confirm_delete_account = confirm && self.sync.is_linked();
        Command::done()
    }

    pub(super) fn delete_account(&mut self) -> Cmd {
        let Some(link) = self.sync.link.clone() else {
            return Command::done();
        };
        if !self.sync.confirm_delete_account || self.sync.busy.is_some() {
            return Command::done();
        }
        self.sync.confirm_delete_account = false;
        self.sync.busy = Some(Busy::DeletingAccount);
        let http = request(
            "DELETE",
            format!("{}{API}{}", link.server, route::ACCOUNT),
            Some(&link.token),
            None::<&()>,
        );
        Command::request_from_shell(http)
            .then_send(|result| Event::Internal(Internal::AccountDeleted(result)))
    }

    pub(super) fn account_deleted(&mut self, result: &HttpResult) -> Cmd {
        self.sync.busy = None;
        match succeeded(result) {
            // A 401 means the server no longer knows this device: the account is gone already.
            Ok(()) | Err(Failure::Refused { status: 401, .. }) => {}
            Err(_) => {
                self.inform(NoticeKind::Error, text::DELETE_ACCOUNT_FAILED);
                return Command::done();
            }
        }
        self.sync = client::SyncState::default();
        // Everything made here becomes unsynced again, so joining again sends it all.
        let own: Vec<(RecordId, bool)> = self
            .log
            .records()
            .iter()
            .filter(|r| r.device == self.device)
            .map(|r| (r.id, r.is_private()))
            .collect();
        for (id, private) in own {
            self.outbox.set(id, SyncMark::Pending, private);
        }
        self.inform(NoticeKind::Success, text::ACCOUNT_DELETED);
        Command::all([
            set_meta(meta::LINK, ""),
            set_meta(meta::SYNC_CURSOR, ""),
            set_meta(meta::LAST_SYNCED, ""),
            store(StoreRequest::ResetSync),
        ])
    }

    fn fetch_pack(&self) -> Cmd {
        let Some(link) = &self.sync.link else {
            return Command::done();
        };
        let http = request(
            "GET",
            format!("{}{API}{}", link.server, route::PACK),
            None,
            None::<&()>,
        );
        Command::request_from_shell(http)
            .then_send(|result| Event::Internal(Internal::PackFetched(result)))
    }

    pub(super) fn pack_fetched(&mut self, result: &HttpResult) -> Cmd {
        let Ok(pack) = answer::<content::Pack>(result) else {
            return Command::done();
        };
        // Only a newer, sound pack replaces the one in use; otherwise keep teaching what we have.
        if pack.version <= self.content.pack.version || !pack.problems().is_empty() {
            return Command::done();
        }
        let json = serde_json::to_string(&pack).expect("a pack serializes");
        self.content = Arc::new(Content::new(pack));
        self.log.refold(&self.content);
        self.inform(NoticeKind::Info, text::NEW_CONTENT);
        set_meta(meta::PACK, json)
    }
}
