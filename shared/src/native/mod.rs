//! The native runtime: the core plus everything it asks for, on iOS, Android and desktop.
//!
//! The shells stay thin (docs/adr/0001-pure-core-thin-shells.md): they send events and render
//! the view model. This runtime owns the [`Core`] and resolves its effects:
//!
//! - [`store`]: progress in SQLite, durable before it says `Done`;
//! - [`time`]: the clock and real timers;
//! - [`http`]: reqwest with rustls on `ring`;
//! - [`ffi`]: the uniffi object the shells call, and its public error.
//!
//! Nothing runs on the caller's thread except decoding the event and building the view model.
//! One worker thread runs the core and hands effects out; storage, timers and HTTP each have a
//! thread of their own, and send their answers back to the worker. Storage requests are served
//! in order on one thread, so appends land in the order the core made them, and the worker stays
//! free to render while the disk catches up.

pub mod error;
// The uniffi scaffolding and derives emit `#[no_mangle]` functions and `unsafe impl`s; they are
// confined to this one module, and the lint stays denied everywhere else.
#[allow(unsafe_code)]
pub mod ffi;
pub mod http;
pub mod store;
pub mod time;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use crux_core::Core;
use crux_core::Request;
use crux_core::bridge::{BincodeFfiFormat, FfiFormat};
use crux_http::HttpError;
use crux_http::protocol::{HttpRequest, HttpResult};
use crux_time::{TimeRequest, TimeResponse};

use crate::app::NetworkedCouncillor;
use crate::effects::Effect;
use crate::effects::store::{StoreRequest, StoreResponse};
use crate::event::Event;
use crate::model::Model;
use crate::pack::Content;
use crate::view::ViewModel;

use self::error::{Error, Result};
use self::http::{Http, Timeouts};
use self::store::Store;
use self::time::Timers;

/// Told on the worker thread each time the view model changes. It should be quick: read the
/// view (or schedule a read on the UI thread) and return.
pub type Listener = Arc<dyn Fn() + Send + Sync>;

/// Sees every storage request as it completes, on the storage thread, after the change is on
/// disk and before the core hears the answer. Tests use it to know what was acknowledged.
pub type Observer = Arc<dyn Fn(&StoreRequest, &StoreResponse) + Send + Sync>;

/// How to open a runtime.
#[derive(Clone)]
pub struct Options {
    /// The folder for the progress database. Created if missing.
    pub data_dir: PathBuf,
    /// The content to teach; the pack compiled into the core if `None`.
    pub content: Option<Arc<Content>>,
    pub observer: Option<Observer>,
    pub timeouts: Timeouts,
}

impl Options {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            content: None,
            observer: None,
            timeouts: Timeouts::default(),
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("data_dir", &self.data_dir)
            .field("timeouts", &self.timeouts)
            .finish_non_exhaustive()
    }
}

/// What the worker thread hears: shell events, and answers to the effects it handed out.
enum Message {
    Event(Event),
    Store(Request<StoreRequest>, StoreResponse),
    Time(Request<TimeRequest>, TimeResponse),
    Http(Request<HttpRequest>, HttpResult),
    Close,
}

/// The running core and its worker threads.
pub struct Runtime {
    core: Arc<Core<NetworkedCouncillor>>,
    /// `None` once closed.
    inbox: Mutex<Option<Sender<Message>>>,
    worker: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").finish_non_exhaustive()
    }
}

impl Runtime {
    /// Opens the progress database, starts the worker threads and sends the core its start
    /// event. The first view changes arrive on `listener` soon after.
    ///
    /// Opening the database is the one piece of I/O done before returning, so that a folder
    /// that cannot be used is reported here, to the caller, with what to do about it.
    pub fn open(options: Options, listener: Listener) -> Result<Self> {
        let store = Store::open(&options.data_dir)?;
        let mut entropy = vec![0; 32];
        getrandom::getrandom(&mut entropy).map_err(Error::Entropy)?;
        let content = options.content.unwrap_or_else(Content::default_content);
        let core = Arc::new(Core::new_with(NetworkedCouncillor, Model::new(content)));

        let (inbox, messages) = mpsc::channel();
        let store_thread = spawn_store(store, options.observer, inbox.clone())?;
        let timers = {
            let inbox = inbox.clone();
            Timers::start(move |(request, response)| {
                let _ = inbox.send(Message::Time(request, response));
            })?
        };
        let worker = Worker {
            core: core.clone(),
            inbox: inbox.clone(),
            store: Some(store_thread),
            timers,
            http: None,
            timeouts: options.timeouts,
            listener,
        };
        let worker = std::thread::Builder::new()
            .name("nc-core".to_owned())
            .spawn(move || worker.run(&messages))
            .map_err(|source| Error::Thread {
                name: "core",
                source,
            })?;
        let _ = inbox.send(Message::Event(Event::Start {
            entropy,
            utc_offset_minutes: time::utc_offset_minutes(),
        }));
        Ok(Self {
            core,
            inbox: Mutex::new(Some(inbox)),
            worker: Mutex::new(Some(worker)),
        })
    }

    /// Queues an event for the core. Returns at once; the listener hears when the view changes.
    pub fn send(&self, event: Event) -> Result<()> {
        let inbox = self.inbox.lock().unwrap_or_else(PoisonError::into_inner);
        inbox
            .as_ref()
            .and_then(|inbox| inbox.send(Message::Event(event)).ok())
            .ok_or(Error::Closed)
    }

    /// Decodes an event in the Crux bridge format (bincode) and queues it.
    pub fn send_bincode(&self, event: &[u8]) -> Result<()> {
        let event: Event =
            BincodeFfiFormat::deserialize(event).map_err(|e| Error::BadEvent(e.to_string()))?;
        self.send(event)
    }

    /// Decodes an event from JSON (serde's form of [`Event`]) and queues it.
    pub fn send_json(&self, event: &str) -> Result<()> {
        let event: Event =
            serde_json::from_str(event).map_err(|e| Error::BadEvent(e.to_string()))?;
        self.send(event)
    }

    /// The current view model.
    pub fn view(&self) -> ViewModel {
        self.core.view()
    }

    /// The current view model in the Crux bridge format (bincode), for the generated types.
    pub fn view_bincode(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        BincodeFfiFormat::serialize(&mut bytes, &self.view())
            .expect("view models always serialize");
        bytes
    }

    /// The current view model as JSON.
    pub fn view_json(&self) -> String {
        serde_json::to_string(&self.view()).expect("view models always serialize")
    }

    /// Stops taking events, lets storage finish every request already made (so everything the
    /// core asked to store is on disk), and closes the database. Safe to call twice, and from
    /// the listener.
    pub fn close(&self) {
        if let Some(inbox) = self
            .inbox
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            let _ = inbox.send(Message::Close);
        }
        let worker = self
            .worker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(worker) = worker {
            // Joining from the worker itself (a listener that closes) would wait forever; the
            // worker finishes on its own once it reads the close.
            if worker.thread().id() != std::thread::current().id() {
                let _ = worker.join();
            }
        }
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.close();
    }
}

/// Runs storage requests one at a time, in order, and sends each answer back to the worker.
fn spawn_store(
    mut store: Store,
    observer: Option<Observer>,
    inbox: Sender<Message>,
) -> Result<(Sender<Request<StoreRequest>>, JoinHandle<()>)> {
    let (requests, queue) = mpsc::channel::<Request<StoreRequest>>();
    let thread = std::thread::Builder::new()
        .name("nc-store".to_owned())
        .spawn(move || {
            for request in queue {
                let response = store.handle(&request.operation);
                if let Some(observer) = &observer {
                    observer(&request.operation, &response);
                }
                // After a close the worker is gone; the change is already on disk.
                let _ = inbox.send(Message::Store(request, response));
            }
        })
        .map_err(|source| Error::Thread {
            name: "storage",
            source,
        })?;
    Ok((requests, thread))
}

/// The worker thread's state: the core, and where each kind of effect goes.
struct Worker {
    core: Arc<Core<NetworkedCouncillor>>,
    inbox: Sender<Message>,
    store: Option<(Sender<Request<StoreRequest>>, JoinHandle<()>)>,
    timers: Timers<(Request<TimeRequest>, TimeResponse)>,
    /// Started on the first request: building a client loads the trust store, which would
    /// slow every launch for a feature most launches do not use.
    http: Option<Sender<Request<HttpRequest>>>,
    timeouts: Timeouts,
    listener: Listener,
}

impl Worker {
    fn run(mut self, messages: &Receiver<Message>) {
        for message in messages {
            let effects = match message {
                Message::Event(event) => self.core.process_event(event),
                Message::Store(mut request, response) => self.resolve(&mut request, response),
                Message::Time(mut request, response) => self.resolve(&mut request, response),
                Message::Http(mut request, response) => self.resolve(&mut request, response),
                Message::Close => break,
            };
            self.dispatch(effects);
        }
        // Let storage finish what it was asked, then close the database.
        if let Some((requests, thread)) = self.store.take() {
            drop(requests);
            let _ = thread.join();
        }
    }

    fn resolve<Output>(
        &self,
        request: &mut impl crux_core::Resolvable<Output>,
        output: Output,
    ) -> Vec<Effect> {
        // A request the core no longer waits for (a timer it cleared) cannot be resolved;
        // there is nothing to do with its answer.
        self.core.resolve(request, output).unwrap_or_default()
    }

    /// Hands out effects until none are left that can be answered at once, then tells the
    /// shell once if the view changed.
    fn dispatch(&mut self, effects: Vec<Effect>) {
        let mut queue = VecDeque::from(effects);
        let mut rendered = false;
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Render(_) => rendered = true,
                Effect::Time(mut request) => match request.operation.clone() {
                    TimeRequest::Now => {
                        let now = TimeResponse::Now {
                            instant: time::now(),
                        };
                        queue.extend(self.resolve(&mut request, now));
                    }
                    TimeRequest::NotifyAfter { id, duration } => {
                        let response = TimeResponse::DurationElapsed { id };
                        self.timers.add(id.0, duration.into(), (request, response));
                    }
                    TimeRequest::NotifyAt { id, instant } => {
                        let response = TimeResponse::InstantArrived { id };
                        self.timers
                            .add(id.0, time::until(instant), (request, response));
                    }
                    TimeRequest::Clear { id } => {
                        self.timers.clear(id.0);
                        queue.extend(self.resolve(&mut request, TimeResponse::Cleared { id }));
                    }
                },
                Effect::Store(request) => {
                    if let Some((requests, _)) = &self.store {
                        let _ = requests.send(request);
                    }
                }
                Effect::Http(request) => self.http(request),
            }
        }
        if rendered {
            // A shell's listener that throws must not take the core down with it.
            let listener = &self.listener;
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| listener()));
        }
    }

    fn http(&mut self, request: Request<HttpRequest>) {
        if self.http.is_none() {
            let (requests, queue) = mpsc::channel::<Request<HttpRequest>>();
            let inbox = self.inbox.clone();
            let timeouts = self.timeouts;
            let started = std::thread::Builder::new()
                .name("nc-http".to_owned())
                .spawn(move || {
                    let client = Http::new(timeouts);
                    for request in queue {
                        let result = match &client {
                            Ok(client) => client.send(&request.operation),
                            Err(message) => HttpResult::Err(HttpError::Io(message.clone())),
                        };
                        let _ = inbox.send(Message::Http(request, result));
                    }
                });
            if let Err(e) = started {
                let result = HttpResult::Err(HttpError::Io(format!(
                    "could not start the network thread: {e}"
                )));
                let _ = self.inbox.send(Message::Http(request, result));
                return;
            }
            self.http = Some(requests);
        }
        if let Some(requests) = &self.http {
            let _ = requests.send(request);
        }
    }
}
