//! Signing this device out of the server before its data is deleted, so a lost or handed-on
//! device's token stops working (`DELETE /api/v1/devices/current`).
//!
//! Online, "Delete my data on this device" signs out first, then wipes. Offline, or if the
//! server cannot be reached, it wipes at once and keeps only the server address and token (in
//! the store, under [`meta::SIGN_OUT`]) to sign out at the next chance: at start and whenever
//! the device comes back online.

use crux_core::Command;
use crux_http::protocol::HttpResult;

use super::Cmd;
use super::sync::{Failure, request, set_meta, succeeded};
use crate::effects::store::{StoreRequest, meta};
use crate::event::{Event, Internal};
use crate::model::Model;
use crate::sync::client::SignOut;
use crate::sync::protocol::route;
use crate::sync::wire::API;

/// What to do once the server has answered a sign-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Wipe this device's data: the learner asked for it.
    Wipe,
    /// Nothing more: this was a sign-out left over from an earlier wipe.
    Forget,
}

/// Whether the server's answer means the token no longer works: signed out now, or unknown
/// already (the account was deleted, or the device signed out before).
fn done(result: &HttpResult) -> bool {
    matches!(
        succeeded(result),
        Ok(()) | Err(Failure::Refused { status: 401, .. })
    )
}

impl Model {
    /// Asks the server to forget this device's token.
    pub(super) fn sign_out(pending: SignOut, then: Then) -> Cmd {
        let http = request(
            "DELETE",
            format!("{}{API}{}", pending.server, route::CURRENT_DEVICE),
            Some(&pending.token),
            None::<&()>,
        );
        Command::request_from_shell(http).then_send(move |result| {
            Event::Internal(Internal::SignedOut {
                result,
                pending: Box::new(pending.clone()),
                then,
            })
        })
    }

    /// The learner confirmed "Delete my data on this device".
    pub(super) fn sign_out_and_wipe(&mut self) -> Cmd {
        match self.sync.link.as_ref().map(SignOut::from) {
            Some(pending) if !self.sync.offline => Self::sign_out(pending, Then::Wipe),
            pending => Self::wipe(pending),
        }
    }

    fn wipe(pending: Option<SignOut>) -> Cmd {
        Command::request_from_shell(StoreRequest::Wipe).then_send(move |response| {
            Event::Internal(Internal::Wiped {
                response,
                pending: pending.clone().map(Box::new),
            })
        })
    }

    pub(super) fn signed_out(&mut self, result: &HttpResult, pending: SignOut, then: Then) -> Cmd {
        let done = done(result);
        match then {
            Then::Wipe => Self::wipe((!done).then_some(pending)),
            Then::Forget if done => {
                self.sync.sign_out = None;
                set_meta(meta::SIGN_OUT, "")
            }
            Then::Forget => Command::done(),
        }
    }

    /// After a wipe: keep what is needed to sign out later, if that is still to do.
    pub(super) fn keep_sign_out(&mut self, pending: Option<SignOut>) -> Cmd {
        let Some(pending) = pending else {
            return Command::done();
        };
        let json = serde_json::to_string(&pending).expect("a sign-out serializes");
        self.sync.sign_out = Some(pending);
        set_meta(meta::SIGN_OUT, json).and(self.retry_sign_out())
    }

    /// Tries a sign-out left over from an earlier wipe, if the device is online.
    pub(super) fn retry_sign_out(&self) -> Cmd {
        match &self.sync.sign_out {
            Some(pending) if !self.sync.offline => Self::sign_out(pending.clone(), Then::Forget),
            _ => Command::done(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crux_http::HttpError;
    use crux_http::protocol::HttpResponse;

    use super::*;

    fn answer(status: u16) -> HttpResult {
        HttpResult::Ok(HttpResponse {
            status,
            headers: vec![],
            body: vec![],
        })
    }

    #[test]
    fn signed_out_or_unknown_counts_as_done_and_anything_else_does_not() {
        assert!(done(&answer(204)));
        assert!(done(&answer(401)));
        assert!(!done(&answer(500)));
        assert!(!done(&answer(429)));
        assert!(!done(&HttpResult::Err(HttpError::Io("offline".into()))));
    }
}
