//! Update: how each event changes the model, and which effects follow.
//!
//! Every shell event first asks the shell for the time (see [`crate::app`]); by the time it
//! arrives here the model's clock is current. Handlers are grouped by the screen they serve.

mod assessment;
mod checklist;
mod lesson;
mod question;
mod settings;
mod sharing;
pub(crate) mod sign_out;
mod sync;

use crux_core::Command;
use crux_core::render::render;

use crate::clock::{Arrival, Clock};
use crate::effects::Effect;
use crate::effects::store::{StoreRequest, StoreResponse, SyncMark, meta};
use crate::event::{Destination, Event, Internal};
use crate::model::{Lifecycle, Model, NoticeKind, Screen};
use crate::progress::Log;
use crate::record::Record;
use crate::review::ReviewSession;
use crate::sync::client::SignOut;
use crate::{assessment as assess, text};

type Cmd = Command<Effect, Event>;

impl Model {
    /// Handles a shell event, stamped with the time it happened.
    pub(crate) fn handle(&mut self, event: Event) -> Cmd {
        if let Event::Start {
            entropy,
            utc_offset_minutes,
        } = event
        {
            return self.start(&entropy, utc_offset_minutes);
        }
        if let Event::Internal(internal) = event {
            return self.internal(internal);
        }
        if self.lifecycle != Lifecycle::Ready {
            // Nothing to act on until progress has loaded.
            return Command::done();
        }
        // Records from another device that were dated ahead of this clock may be due now.
        self.release_due();
        // A notice lasts until the learner does something else.
        if !matches!(event, Event::Tick | Event::ConnectivityChanged { .. }) {
            self.notice = None;
        }
        let records_before = self.log.len();
        let command = match event {
            Event::Start { .. } | Event::Internal(_) => unreachable!("handled above"),
            Event::Navigate { to } => {
                self.navigate(to);
                Command::done()
            }
            Event::Back => {
                self.back();
                Command::done()
            }
            Event::DismissNotice | Event::Tick => Command::done(),
            Event::OpenLesson { lesson } => self.open_lesson(&lesson),
            Event::NextStep => self.move_step(1),
            Event::PreviousStep => self.move_step(-1),
            Event::StartQuiz => self.start_quiz(),
            Event::ChooseOption { option } => self.choose_option(&option),
            Event::CheckAnswer => self.check_answer(),
            Event::NextQuestion => self.next_question(),
            Event::RetryQuiz => self.retry_quiz(),
            Event::StartReview => {
                self.navigate(Destination::Review);
                Command::done()
            }
            Event::StartAssessment => self.start_assessment(),
            Event::ShowLastResult => self.show_last_result(),
            Event::AnswerChoice { value } => self.answer_choice(value),
            Event::SetChannel { channel, frequency } => self.set_channel(&channel, frequency),
            Event::NextItem => self.next_item(),
            Event::PreviousItem => self.previous_item(),
            Event::StartChecklist { checklist } => self.start_checklist(&checklist),
            Event::OpenRun { run } => self.open_run(&run),
            Event::ShowMoreRuns => {
                if let Screen::Checklists { shown } = &mut self.screen {
                    *shown += crate::view::RUNS_PAGE;
                }
                Command::done()
            }
            Event::SetItem { run, item, done } => self.set_item(&run, &item, done),
            Event::SaveNote { run, item, note } => self.save_note(&run, &item, &note),
            Event::FinishRun { run } => self.finish_run(&run),
            Event::SetDisplayName { name } => self.set_display_name(&name),
            Event::SetBackup { enabled } => self.set_backup(enabled),
            Event::SetProgressSharing { enabled } => self.set_progress_sharing(enabled),
            Event::SetBaselineSharing { enabled } => self.set_baseline_sharing(enabled),
            Event::RateUseful {
                rating,
                comment,
                share_comment,
            } => self.rate_useful(rating, &comment, share_comment),
            Event::DeleteData => self.ask_delete(true),
            Event::CancelDelete => self.ask_delete(false),
            Event::ConfirmDelete => self.confirm_delete(),
            Event::ConnectivityChanged { online } => self.connectivity(online),
            Event::Join { server, code } => self.join(&server, &code, false),
            Event::Pair { server, code } => self.join(&server, &code, true),
            Event::StartPairing => self.start_pairing(),
            Event::SyncNow => self.sync_now(),
            Event::DeleteAccount => self.ask_delete_account(true),
            Event::CancelDeleteAccount => self.ask_delete_account(false),
            Event::ConfirmDeleteAccount => self.delete_account(),
        };
        let sync = if self.log.len() > records_before {
            self.sync_soon()
        } else {
            Command::done()
        };
        command.and(sync).and(render())
    }

    fn start(&mut self, entropy: &[u8], utc_offset_minutes: i32) -> Cmd {
        if self.lifecycle != Lifecycle::Idle {
            // A second start (a shell reconnecting) changes nothing.
            return render();
        }
        let now = self.clock.now_ms();
        self.clock = Clock::new(entropy, utc_offset_minutes);
        self.clock.set_now(now);
        self.lifecycle = Lifecycle::Loading;
        Command::request_from_shell(StoreRequest::Load)
            .then_send(|response| Event::Internal(Internal::Loaded(response)))
            .and(render())
    }

    fn internal(&mut self, internal: Internal) -> Cmd {
        match internal {
            Internal::Timed { event, now_ms } => {
                self.clock.set_now(now_ms);
                self.handle(*event)
            }
            Internal::Loaded(response) => self.loaded(response).and(render()),
            Internal::Stored { response, records } => {
                if let StoreResponse::Failed { message } = response {
                    self.inform(NoticeKind::Error, text::store_failed(&message));
                    // Keep them to send again with the next change.
                    let known: Vec<String> = self.unsaved.iter().map(|r| r.id.clone()).collect();
                    self.unsaved
                        .extend(records.into_iter().filter(|r| !known.contains(&r.id)));
                    return render();
                }
                Command::done()
            }
            Internal::MetaSaved(response) => {
                if let StoreResponse::Failed { message } = response {
                    self.inform(NoticeKind::Error, text::store_failed(&message));
                    return render();
                }
                Command::done()
            }
            Internal::Wiped { response, pending } => {
                self.wiped(response, pending.map(|p| *p)).and(render())
            }
            Internal::SignedOut {
                result,
                pending,
                then,
            } => self.signed_out(&result, *pending, then).and(render()),
            Internal::SyncAnswered { sent, result } => {
                self.sync_answered(&sent, &result).and(render())
            }
            Internal::Joined { server, result } => self.joined(server, &result).and(render()),
            Internal::PairingStarted(result) => self.pairing_started(&result).and(render()),
            Internal::PackFetched(result) => self.pack_fetched(&result).and(render()),
            Internal::AccountDeleted(result) => self.account_deleted(&result).and(render()),
            Internal::SyncTimer => self.sync_timer().and(render()),
        }
    }

    fn loaded(&mut self, response: StoreResponse) -> Cmd {
        let snapshot = match response {
            StoreResponse::Loaded(snapshot) => snapshot,
            StoreResponse::Failed { message } => {
                self.lifecycle = Lifecycle::Failed { message };
                return Command::done();
            }
            StoreResponse::Done => {
                self.lifecycle = Lifecycle::Failed {
                    message: "The device's storage gave an unexpected answer. Close the app and open it again.".to_owned(),
                };
                return Command::done();
            }
        };
        // A newer pack from an earlier sync replaces the built-in one before anything is folded.
        self.restore_sync(&snapshot);
        let mut records = Vec::with_capacity(snapshot.records.len());
        self.outbox = crate::sync::client::Outbox::default();
        self.unreadable = 0;
        self.store_warning.clone_from(&snapshot.recovered);
        let device_id = snapshot.meta(meta::DEVICE_ID).map(str::to_owned);
        // The snapshot is consumed, so each record's strings move rather than copy.
        self.later.clear();
        for loaded in snapshot.records {
            match Record::from_stored_owned(loaded.record) {
                // Another device's record: the same bounds as when it first arrived.
                Ok(record) if device_id.as_deref() != Some(record.device.as_str()) => {
                    match self.clock.arrival(record.hlc) {
                        Arrival::Now => {
                            self.clock.observe(record.hlc);
                            records.push(record);
                        }
                        Arrival::Later => self.later.push(record),
                        Arrival::Never => self.unreadable += 1,
                    }
                }
                Ok(record) => {
                    self.clock.observe(record.hlc);
                    if loaded.sync != SyncMark::Synced {
                        self.outbox.set(record.id, loaded.sync, record.is_private());
                    }
                    records.push(record);
                }
                // Unreadable records stay in storage untouched; the view says how many.
                Err(_) => self.unreadable += 1,
            }
        }
        self.log = Log::from_records(records, &self.content);
        self.lifecycle = Lifecycle::Ready;
        self.screen = Screen::Home;
        let device = match device_id {
            Some(device) => {
                self.device = device;
                Command::done()
            }
            None => self.new_device(),
        };
        device
            .and(self.kick(crate::sync::client::Trigger::Launch))
            .and(self.retry_sign_out())
    }

    fn new_device(&mut self) -> Cmd {
        self.device = self.clock.new_device_id();
        Command::request_from_shell(StoreRequest::SetMeta {
            key: meta::DEVICE_ID.to_owned(),
            value: self.device.clone(),
        })
        .then_send(|response| Event::Internal(Internal::MetaSaved(response)))
    }

    fn wiped(&mut self, response: StoreResponse, pending: Option<SignOut>) -> Cmd {
        if let StoreResponse::Failed { message } = response {
            self.inform(NoticeKind::Error, text::store_failed(&message));
            return Command::done();
        }
        // What the platform said (the time, the network) is still true after a wipe.
        let (clock, offline) = (self.clock.clone(), self.sync.offline);
        *self = Self::new(self.content.clone());
        self.clock = clock;
        self.sync.offline = offline;
        self.lifecycle = Lifecycle::Ready;
        self.inform(NoticeKind::Success, text::DELETED);
        self.new_device().and(self.keep_sign_out(pending))
    }

    pub(crate) fn navigate(&mut self, to: Destination) {
        self.screen = match to {
            Destination::Home => Screen::Home,
            Destination::Path => Screen::Path,
            Destination::Review => Screen::Review(ReviewSession::begin(
                &self.log.progress().review,
                self.now_ms(),
            )),
            Destination::Assessment => {
                Screen::Assessment(assess::Session::new(&self.content.pack.assessment))
            }
            Destination::Checklists => Screen::Checklists {
                shown: crate::view::RUNS_PAGE,
            },
            Destination::Settings => Screen::Settings {
                confirm_delete: false,
            },
        };
    }

    fn back(&mut self) {
        self.screen = match &self.screen {
            Screen::Lesson { .. } => Screen::Path,
            Screen::Quiz(session) => {
                let last = self.content.lesson(&session.lesson).map_or(0, |(_, l)| {
                    u32::try_from(l.steps.len().saturating_sub(1)).unwrap_or(0)
                });
                Screen::Lesson {
                    lesson: session.lesson.clone(),
                    step: last,
                }
            }
            Screen::Run { .. } => Screen::Checklists {
                shown: crate::view::RUNS_PAGE,
            },
            _ => Screen::Home,
        };
    }
}
