//! An in-memory shell for driving the core without a device: a vector for storage and a clock
//! that tests set by hand. Tests, benchmarks and content checks use it; apps do not.
//!
//! It resolves effects exactly as a real shell must: time at once, storage requests in order,
//! and it counts renders.

use std::sync::Arc;

use crux_core::{App, Command};
use crux_http::HttpError;
use crux_http::protocol::{HttpRequest, HttpResult};
use crux_time::{Instant, TimeRequest, TimeResponse};

use content::{
    Area, Assessment, Block, Channel, Checklist, ChecklistItem, Choice, Item, ItemKind, Lesson,
    Module, Pack, Question, QuestionKind, Quiz, Scale, Scoring, Section, Stage, Step,
};

use crate::app::NetworkedCouncillor;
use crate::clock::{Hlc, RecordId};
use crate::effects::Effect;
use crate::effects::store::{
    LoadedRecord, MetaEntry, Snapshot, StoreRequest, StoreResponse, SyncMark,
};
use crate::event::Event;
use crate::model::Model;
use crate::pack::Content;
use crate::record::{Record, RecordBody};
use crate::view::ViewModel;

/// Storage in memory, with the same rules as the real stores: appends ignore known ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryStore {
    pub records: Vec<LoadedRecord>,
    pub meta: Vec<MetaEntry>,
    /// When set, the next request of any kind fails with this message.
    pub fail_next: Option<String>,
    /// Every request seen, in order.
    pub requests: Vec<StoreRequest>,
    /// Ids stored by appends, for finding duplicates without a scan.
    known: std::collections::HashSet<String>,
}

impl MemoryStore {
    pub fn handle(&mut self, request: &StoreRequest) -> StoreResponse {
        self.requests.push(request.clone());
        if let Some(message) = self.fail_next.take() {
            return StoreResponse::Failed { message };
        }
        if self.known.len() != self.records.len() {
            // Records were placed by hand (tests do this); index them once.
            self.known = self.records.iter().map(|r| r.record.id.clone()).collect();
        }
        match request {
            StoreRequest::Load => StoreResponse::Loaded(Snapshot {
                meta: self.meta.clone(),
                records: self.records.clone(),
                recovered: None,
            }),
            StoreRequest::Append { records } | StoreRequest::AppendSynced { records } => {
                let sync = if matches!(request, StoreRequest::Append { .. }) {
                    SyncMark::Pending
                } else {
                    SyncMark::Synced
                };
                for record in records {
                    if self.known.insert(record.id.clone()) {
                        self.records.push(LoadedRecord {
                            record: record.clone(),
                            sync: sync.clone(),
                        });
                    }
                }
                StoreResponse::Done
            }
            StoreRequest::MarkSynced { ids } => {
                for loaded in &mut self.records {
                    if ids.contains(&loaded.record.id) {
                        loaded.sync = SyncMark::Synced;
                    }
                }
                StoreResponse::Done
            }
            StoreRequest::MarkRejected { id, reason } => {
                for loaded in &mut self.records {
                    if &loaded.record.id == id {
                        loaded.sync = SyncMark::Rejected {
                            reason: reason.clone(),
                        };
                    }
                }
                StoreResponse::Done
            }
            StoreRequest::ResetSync => {
                for loaded in &mut self.records {
                    loaded.sync = SyncMark::Pending;
                }
                StoreResponse::Done
            }
            StoreRequest::SetMeta { key, value } => {
                self.meta.retain(|m| &m.key != key);
                if !value.is_empty() {
                    self.meta.push(MetaEntry {
                        key: key.clone(),
                        value: value.clone(),
                    });
                }
                StoreResponse::Done
            }
            StoreRequest::Wipe => {
                self.records.clear();
                self.known.clear();
                self.meta.clear();
                StoreResponse::Done
            }
        }
    }
}

/// Answers the core's HTTP requests: an in-process server in tests, or "offline".
pub type HttpHandler = Arc<dyn Fn(&HttpRequest) -> HttpResult + Send + Sync>;

/// The default network: none. Every request fails as it would with no signal.
pub fn offline() -> HttpHandler {
    Arc::new(|_| HttpResult::Err(HttpError::Io("offline".to_owned())))
}

/// A timer the core asked for, waiting for the test's clock to reach it.
struct Timer {
    due_ms: u64,
    request: crux_core::Request<TimeRequest>,
}

/// A core with an in-memory shell around it.
///
/// Effects resolve at once, except timers: they fire when a test moves the clock with
/// [`Harness::advance`], as a real shell's timers fire when time passes.
pub struct Harness {
    app: NetworkedCouncillor,
    pub model: Model,
    /// The time the shell reports, in Unix milliseconds.
    pub now_ms: u64,
    pub store: MemoryStore,
    pub renders: usize,
    /// Entropy sent with the start event.
    pub entropy: Vec<u8>,
    pub http: HttpHandler,
    /// Every HTTP request the core made, in order.
    pub http_log: Vec<HttpRequest>,
    /// All work the core has started, as `Core` keeps it, so that later answers reach it.
    root: Command<Effect, Event>,
    timers: Vec<Timer>,
}

impl Clone for Harness {
    /// A copy of the state. Work still waiting (timers) stays with the original.
    fn clone(&self) -> Self {
        Self {
            app: self.app,
            model: self.model.clone(),
            now_ms: self.now_ms,
            store: self.store.clone(),
            renders: self.renders,
            entropy: self.entropy.clone(),
            http: self.http.clone(),
            http_log: self.http_log.clone(),
            root: Command::done(),
            timers: Vec::new(),
        }
    }
}

/// 2026-05-01T09:00:00Z: a fixed, plausible start time for tests.
pub const START_MS: u64 = 1_777_626_000_000;

impl Harness {
    pub fn new(content: Arc<Content>) -> Self {
        Self {
            app: NetworkedCouncillor,
            model: Model::new(content),
            now_ms: START_MS,
            store: MemoryStore::default(),
            renders: 0,
            entropy: vec![7; 32],
            http: offline(),
            http_log: Vec::new(),
            root: Command::done(),
            timers: Vec::new(),
        }
    }

    /// A fresh core over the same storage, as after closing and reopening the app.
    #[must_use]
    pub fn reopen(&self) -> Self {
        let mut next = Self::new(self.model.content.clone());
        next.now_ms = self.now_ms;
        next.store = self.store.clone();
        next.store.requests.clear();
        next.entropy = self.entropy.iter().map(|b| b.wrapping_add(1)).collect();
        next.http = self.http.clone();
        next
    }

    /// Sends the start event and loads storage.
    pub fn start(&mut self) {
        self.send(Event::Start {
            entropy: self.entropy.clone(),
            utc_offset_minutes: 0,
        });
    }

    /// Sends one event and resolves every effect that follows, until the core is idle.
    pub fn send(&mut self, event: Event) {
        self.spawn(event);
        self.settle();
    }

    /// Moves the clock on, firing every timer that falls due on the way, in order.
    pub fn advance(&mut self, ms: u64) {
        let target = self.now_ms + ms;
        loop {
            self.timers.sort_by_key(|t| t.due_ms);
            let Some(next) = self.timers.first().filter(|t| t.due_ms <= target) else {
                break;
            };
            self.now_ms = self.now_ms.max(next.due_ms);
            let mut timer = self.timers.remove(0);
            let (TimeRequest::NotifyAt { id, .. } | TimeRequest::NotifyAfter { id, .. }) =
                timer.request.operation
            else {
                continue;
            };
            let response = if matches!(timer.request.operation, TimeRequest::NotifyAt { .. }) {
                TimeResponse::InstantArrived { id }
            } else {
                TimeResponse::DurationElapsed { id }
            };
            timer.request.resolve(response).expect("a timer fires once");
            self.settle();
        }
        self.now_ms = target;
    }

    /// Timers waiting to fire, as (due time, timer id).
    pub fn pending_timers(&self) -> usize {
        self.timers.len()
    }

    pub fn view(&self) -> ViewModel {
        self.app.view(&self.model)
    }

    fn spawn(&mut self, event: Event) {
        let command = self.app.update(event, &mut self.model);
        self.root.spawn(|ctx| command.into_future(ctx));
    }

    /// Resolves effects and runs follow-up events until nothing is left to do now.
    fn settle(&mut self) {
        loop {
            let effects: Vec<Effect> = self.root.effects().collect();
            let events: Vec<Event> = self.root.events().collect();
            if effects.is_empty() && events.is_empty() {
                break;
            }
            for effect in effects {
                self.resolve(effect);
            }
            for event in events {
                self.spawn(event);
            }
        }
    }

    fn resolve(&mut self, effect: Effect) {
        match effect {
            Effect::Render(_) => self.renders += 1,
            Effect::Time(mut request) => {
                let response = match request.operation {
                    TimeRequest::Now => TimeResponse::Now {
                        instant: Instant::new(
                            self.now_ms / 1000,
                            u32::try_from(self.now_ms % 1000).unwrap_or(0) * 1_000_000,
                        ),
                    },
                    TimeRequest::NotifyAfter { duration, .. } => {
                        let millis = u64::try_from(std::time::Duration::from(duration).as_millis())
                            .unwrap_or(u64::MAX);
                        self.timers.push(Timer {
                            due_ms: self.now_ms.saturating_add(millis),
                            request,
                        });
                        return;
                    }
                    TimeRequest::NotifyAt { instant, .. } => {
                        let at: std::time::SystemTime = instant.into();
                        let due_ms = at
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
                        self.timers.push(Timer { due_ms, request });
                        return;
                    }
                    TimeRequest::Clear { id } => {
                        self.timers.retain(|t| {
                            !matches!(t.request.operation,
                                TimeRequest::NotifyAt { id: tid, .. } | TimeRequest::NotifyAfter { id: tid, .. } if tid == id)
                        });
                        TimeResponse::Cleared { id }
                    }
                };
                request
                    .resolve(response)
                    .expect("time requests resolve once");
            }
            Effect::Http(mut request) => {
                self.http_log.push(request.operation.clone());
                let response = (self.http)(&request.operation);
                request
                    .resolve(response)
                    .expect("http requests resolve once");
            }
            Effect::Store(mut request) => {
                let response = self.store.handle(&request.operation);
                request
                    .resolve(response)
                    .expect("store requests resolve once");
            }
        }
    }
}

/// A made-up pack the size of a real one, for benchmarks: `modules` × `lessons` × `questions`,
/// `items` assessment items over six areas, and `checklists` templates of 12 items.
pub fn synthetic_pack(
    modules: usize,
    lessons: usize,
    questions: usize,
    items: usize,
    checklists: usize,
) -> Pack {
    let sentence = "Post a short update that says what the council decided and what happens next.";
    let paragraph = [sentence; 5].join(" ");
    let modules = (0..modules)
        .map(|m| Module {
            id: format!("m{m}"),
            title: format!("Module {m}"),
            summary: sentence.to_owned(),
            prerequisites: if m == 0 {
                vec![]
            } else {
                vec![format!("m{}", m - 1)]
            },
            lessons: (0..lessons)
                .map(|l| Lesson {
                    id: format!("m{m}-l{l}"),
                    title: format!("Lesson {l} of module {m}"),
                    sources: vec!["s".into()],
                    words: 800,
                    steps: (0..5)
                        .map(|s| Step {
                            heading: format!("Step {s}"),
                            blocks: vec![
                                Block::Paragraph(paragraph.clone()),
                                Block::List {
                                    ordered: false,
                                    items: vec![sentence.into(); 4],
                                },
                                Block::Paragraph(paragraph.clone()),
                                Block::Callout {
                                    title: Some("Remember".into()),
                                    paragraphs: vec![sentence.into()],
                                },
                            ],
                        })
                        .collect(),
                    quiz: Quiz {
                        pass_mark: 3,
                        questions: (0..questions)
                            .map(|q| Question {
                                id: format!("m{m}-l{l}.q{q}"),
                                kind: [
                                    QuestionKind::Single,
                                    QuestionKind::Multiple,
                                    QuestionKind::TrueFalse,
                                    QuestionKind::Scenario,
                                ][q % 4],
                                scenario: (q % 4 == 3).then(|| sentence.to_owned()),
                                prompt: sentence.to_owned(),
                                options: (0..4)
                                    .map(|o| Choice {
                                        id: ["a", "b", "c", "d"][o].into(),
                                        text: sentence.into(),
                                        correct: o == 0 || (q % 4 == 1 && o == 2),
                                        feedback: sentence.into(),
                                    })
                                    .collect(),
                            })
                            .collect(),
                    },
                })
                .collect(),
        })
        .collect();
    let assessment = synthetic_assessment(items, sentence);
    let checklists = synthetic_checklists(checklists, sentence);
    Pack {
        id: "synthetic".into(),
        version: 1,
        title: "Synthetic".into(),
        language: "en-GB".into(),
        sources: vec![content::Source {
            key: "s".into(),
            title: "Source".into(),
            file: "s.txt".into(),
        }],
        modules,
        assessment,
        checklists,
        renamed: vec![],
        retired: vec![],
    }
}

fn synthetic_assessment(items: usize, sentence: &str) -> Assessment {
    let areas: Vec<Area> = (0..6)
        .map(|a| Area {
            id: format!("a{a}"),
            title: format!("Area {a}"),
            description: sentence.into(),
            modules: vec!["m0".into()],
        })
        .collect();
    Assessment {
        title: "Self-assessment".into(),
        intro: vec![sentence.into(), sentence.into()],
        minutes: 10,
        stages: [
            "getting-started",
            "exploring",
            "practising",
            "digital-champion",
        ]
        .iter()
        .zip([0, 30, 55, 80])
        .map(|(id, min_score)| Stage {
            id: (*id).into(),
            title: (*id).into(),
            description: sentence.into(),
            min_score,
            min_channels: 0,
        })
        .collect(),
        scales: vec![Scale {
            id: "confidence".into(),
            labels: (1..=5).map(|n| format!("Level {n}")).collect(),
        }],
        items: (0..items)
            .map(|i| Item {
                id: format!("i{i}"),
                area: areas[i % 6].id.clone(),
                prompt: sentence.into(),
                hint: None,
                weight: 1,
                kind: match i % 3 {
                    0 => ItemKind::Scale {
                        scale: "confidence".into(),
                    },
                    1 => ItemKind::YesNo {
                        reverse: false,
                        not_applicable: None,
                    },
                    _ => ItemKind::Channels {
                        channels: (0..5)
                            .map(|c| Channel {
                                id: format!("c{c}"),
                                label: format!("Channel {c}"),
                            })
                            .collect(),
                        full_at: 2,
                    },
                },
            })
            .collect(),
        areas,
        scoring: Scoring {
            yes: 100,
            not_sure: 25,
            no: 0,
            frequency: [0, 33, 67, 100],
            focus_below: 75,
        },
    }
}

fn synthetic_checklists(checklists: usize, sentence: &str) -> Vec<Checklist> {
    (0..checklists)
        .map(|c| Checklist {
            id: format!("k{c}"),
            title: format!("Checklist {c}"),
            summary: sentence.into(),
            sections: ["before", "during", "after"]
                .iter()
                .map(|s| Section {
                    id: (*s).into(),
                    title: (*s).into(),
                    items: (0..4)
                        .map(|i| ChecklistItem {
                            id: format!("{s}-{i}"),
                            text: sentence.into(),
                            note_prompt: Some(sentence.into()),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// `n` plausible records over a pack, as years of heavy use would leave: mostly steps and
/// answers, some reviews, checklist ticks and settings. Deterministic for a given `seed`.
pub fn synthetic_records(content: &Content, n: usize, seed: u64) -> Vec<Record> {
    let mut rng = crate::clock::Rng::from_entropy(&seed.to_le_bytes());
    let lessons: Vec<&Lesson> = content.pack.lessons().collect();
    let questions: Vec<&Question> = content.pack.questions().collect();
    let mut runs: Vec<(RecordId, &Checklist)> = Vec::new();
    let mut wall = START_MS;
    (0..n)
        .map(|i| {
            wall += 1 + rng.next_u64() % 60_000;
            let id = RecordId::v7(wall, rng.next_u128());
            let pick = |r: u64, len: usize| usize::try_from(r % len.max(1) as u64).unwrap_or(0);
            let lesson = lessons[pick(rng.next_u64(), lessons.len())];
            let question = questions[pick(rng.next_u64(), questions.len())];
            let body = match rng.next_u64() % 20 {
                0..=7 => RecordBody::StepReached {
                    lesson: lesson.id.clone(),
                    step: u32::try_from(rng.next_u64() % 5).unwrap_or(0),
                },
                8..=12 => RecordBody::QuizAnswered {
                    lesson: lesson.id.clone(),
                    question: question.id.clone(),
                    chosen: vec!["a".into()],
                    correct: !rng.next_u64().is_multiple_of(3),
                },
                13 => RecordBody::QuizFinished {
                    lesson: lesson.id.clone(),
                    score: 4,
                    total: 5,
                    passed: rng.next_u64().is_multiple_of(2),
                },
                14..=15 => RecordBody::ReviewAnswered {
                    question: question.id.clone(),
                    correct: rng.next_u64().is_multiple_of(2),
                },
                16 if !content.pack.checklists.is_empty() => {
                    let checklist = &content.pack.checklists
                        [pick(rng.next_u64(), content.pack.checklists.len())];
                    runs.push((id, checklist));
                    RecordBody::ChecklistStarted {
                        checklist: checklist.id.clone(),
                    }
                }
                17..=18 if !runs.is_empty() => {
                    let (run, checklist) = runs[pick(rng.next_u64(), runs.len())];
                    let items: Vec<&ChecklistItem> = checklist.items().collect();
                    let item = items[pick(rng.next_u64(), items.len())];
                    if rng.next_u64().is_multiple_of(4) {
                        RecordBody::ChecklistNoteSet {
                            run,
                            item: item.id.clone(),
                            note: "Booked the library room.".into(),
                        }
                    } else {
                        RecordBody::ChecklistItemSet {
                            run,
                            item: item.id.clone(),
                            done: rng.next_u64().is_multiple_of(2),
                        }
                    }
                }
                _ => RecordBody::DisplayNameSet {
                    name: format!("Councillor {}", i % 7),
                },
            };
            Record {
                id,
                device: ["phone", "laptop"][i % 2].into(),
                hlc: Hlc {
                    wall_ms: wall,
                    counter: 0,
                },
                pack_version: 1,
                body,
            }
        })
        .collect()
}
