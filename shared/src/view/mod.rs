//! The view model: exactly what a shell renders, with every word already written.
//!
//! Buttons come as [`Action`]s, a label and the event to send, so a shell needs no logic to
//! decide what a button does or says. Only typed input (a name, a note) is built by the shell.

mod assessment;
mod checklist;
mod home;
mod lesson;
mod path;
mod question;
mod settings;
mod sharing;

use facet::Facet;
use serde::{Deserialize, Serialize};

pub use self::assessment::{
    AreaResultView, AssessmentIntroView, AssessmentItemView, AssessmentResultView, AssessmentView,
    ChannelView, ChartView, ChoiceView, FocusView, ItemInput, StageView,
};
pub use self::checklist::{
    ChecklistsView, RUNS_PAGE, RunItemView, RunRow, RunSectionView, RunView, TemplateView,
};
pub use self::home::{Card, HomeView};
pub use self::lesson::{BlockView, LessonView};
pub use self::path::{LessonRow, LessonStatus, ModuleStatus, ModuleView, PathView};
pub use self::question::{
    FeedbackView, OptionMark, OptionView, QuestionKindView, QuestionView, QuizBody, QuizResultView,
    QuizView, ReviewView,
};
pub use self::settings::{
    DeleteView, JoinView, JoinedView, ProblemView, SettingsView, SyncSettingsView, TextFieldView,
    ToggleView,
};
pub use self::sharing::{RatingChoice, RatingView, SharePromptView, SharingView};
use crate::event::{Destination, Event};
use crate::model::{Lifecycle, Model, NoticeKind, Screen};
use crate::{text, when};

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewModel {
    /// The page title, for a header bar or the browser tab.
    pub title: String,
    pub screen: ScreenView,
    /// The main navigation. Empty while loading.
    pub tabs: Vec<Tab>,
    /// "Back", when the screen has a level above it.
    pub back: Option<Action>,
    pub notice: Option<NoticeView>,
    /// A problem with stored data that stays until fixed (not dismissible).
    pub warning: Option<String>,
    pub sync: SyncView,
    /// Words for the frame around every screen.
    pub shell: ShellText,
}

/// Words a shell needs around the screens: for its header, its skip link and the labels that
/// assistive technology reads. The same on every screen.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellText {
    /// The app's name, for a header and after the page title.
    pub app_name: String,
    /// A link that jumps past the navigation to the screen's content.
    pub skip_link: String,
    /// The accessible name of the main navigation.
    pub nav_label: String,
    /// Read before the text of a warning that is shown with an icon.
    pub warning_label: String,
}

impl ShellText {
    fn new() -> Self {
        Self {
            app_name: text::APP_NAME.to_owned(),
            skip_link: text::SKIP_LINK.to_owned(),
            nav_label: text::NAV_LABEL.to_owned(),
            warning_label: text::WARNING_LABEL.to_owned(),
        }
    }
}

/// A button: what it says, and the event it sends.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub label: String,
    pub event: Event,
}

impl Action {
    pub fn new(label: impl Into<String>, event: Event) -> Self {
        Self {
            label: label.into(),
            event,
        }
    }
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tab {
    pub destination: Destination,
    pub current: bool,
    pub action: Action,
}

#[derive(Facet, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum Tone {
    Info,
    Success,
    Error,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    /// A short heading for the notice: "Success", "Important" or "There is a problem".
    pub title: String,
    pub text: String,
    pub tone: Tone,
    pub dismiss: Action,
}

/// What the sync state is, for an icon; `text` says it in words.
#[derive(Facet, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum SyncState {
    /// Not joined to a council's server: everything stays on the device.
    LocalOnly,
    Offline,
    Syncing,
    Synced,
    /// Some records were refused, or syncing keeps failing.
    NeedsAttention,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncView {
    pub state: SyncState,
    pub text: String,
    /// "See why", when items could not sync.
    pub action: Option<Action>,
}

// Screens differ in size; one view model is built per render, so boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum ScreenView {
    Loading { text: String },
    Failed { heading: String, text: String },
    Home(HomeView),
    Path(PathView),
    Lesson(LessonView),
    Quiz(QuizView),
    Review(ReviewView),
    Assessment(AssessmentView),
    Checklists(ChecklistsView),
    Run(RunView),
    Settings(SettingsView),
}

/// Progress through a sequence: "Question 2 of 5".
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepCount {
    pub current: u32,
    pub total: u32,
    pub text: String,
}

impl StepCount {
    pub fn new(current: usize, total: usize, text: impl Fn(usize, usize) -> String) -> Self {
        Self {
            current: u32::try_from(current).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
            text: text(current, total),
        }
    }
}

const TABS: [(Destination, &str); 6] = [
    (Destination::Home, text::TAB_HOME),
    (Destination::Path, text::TAB_PATH),
    (Destination::Review, text::TAB_REVIEW),
    (Destination::Assessment, text::TAB_ASSESSMENT),
    (Destination::Checklists, text::TAB_CHECKLISTS),
    (Destination::Settings, text::TAB_SETTINGS),
];

fn current_tab(screen: &Screen) -> Destination {
    match screen {
        Screen::Home => Destination::Home,
        Screen::Path | Screen::Lesson { .. } | Screen::Quiz(_) => Destination::Path,
        Screen::Review(_) => Destination::Review,
        Screen::Assessment(_) => Destination::Assessment,
        Screen::Checklists { .. } | Screen::Run { .. } => Destination::Checklists,
        Screen::Settings { .. } => Destination::Settings,
    }
}

fn tabs(screen: &Screen) -> Vec<Tab> {
    let current = current_tab(screen);
    TABS.iter()
        .map(|&(destination, label)| Tab {
            destination,
            current: destination == current,
            action: Action::new(label, Event::Navigate { to: destination }),
        })
        .collect()
}

fn back(screen: &Screen) -> Option<Action> {
    match screen {
        Screen::Lesson { .. } | Screen::Quiz(_) | Screen::Run { .. } => {
            Some(Action::new(text::BACK, Event::Back))
        }
        _ => None,
    }
}

pub(crate) fn sync(model: &Model) -> SyncView {
    use crate::sync::client::Phase;
    let state = &model.sync;
    let backup = model.log.progress().settings.backup();
    let (waiting, rejected) = model.outbox.counts(backup);
    let now = model.now_ms();
    let offset = model.clock.utc_offset_minutes();
    let with_waiting = |text: String| {
        if waiting == 0 {
            text
        } else {
            format!("{text}. {}", text::waiting(waiting))
        }
    };
    let (sync_state, text) = match &state.phase {
        Phase::LocalOnly => (SyncState::LocalOnly, text::LOCAL_ONLY.to_owned()),
        Phase::SignedOut => (SyncState::NeedsAttention, text::SIGNED_OUT.to_owned()),
        _ if rejected > 0 => (SyncState::NeedsAttention, text::could_not_sync(rejected)),
        Phase::Offline => (SyncState::Offline, text::OFFLINE.to_owned()),
        _ if state.offline => (SyncState::Offline, text::OFFLINE.to_owned()),
        Phase::Syncing => (SyncState::Syncing, text::SYNCING.to_owned()),
        Phase::BackingOff { retry_at_ms, .. } => (
            SyncState::NeedsAttention,
            text::retrying(&when::until(*retry_at_ms, now)),
        ),
        Phase::Idle => match state.last_synced_ms {
            Some(at) => (
                SyncState::Synced,
                with_waiting(text::synced(&when::ago(at, now, offset))),
            ),
            None => (SyncState::Synced, text::NEVER_SYNCED.to_owned()),
        },
    };
    SyncView {
        state: sync_state,
        text,
        action: (rejected > 0).then(|| {
            Action::new(
                text::SEE_WHY,
                Event::Navigate {
                    to: Destination::Settings,
                },
            )
        }),
    }
}

impl ViewModel {
    pub fn build(model: &Model) -> Self {
        let sync = sync(model);
        let warning = model
            .store_warning
            .clone()
            .or_else(|| (model.unreadable > 0).then(|| text::unreadable_records(model.unreadable)));
        // Before the app is ready there is only the one screen: no tabs, back or notice.
        let bare = |screen| Self {
            title: text::APP_NAME.to_owned(),
            screen,
            tabs: Vec::new(),
            back: None,
            notice: None,
            warning: warning.clone(),
            sync: sync.clone(),
            shell: ShellText::new(),
        };
        let (title, screen) = match &model.lifecycle {
            Lifecycle::Idle | Lifecycle::Loading => {
                return bare(ScreenView::Loading {
                    text: text::LOADING.to_owned(),
                });
            }
            Lifecycle::Failed { message } => {
                return bare(ScreenView::Failed {
                    heading: text::LOAD_FAILED_HEADING.to_owned(),
                    text: message.clone(),
                });
            }
            Lifecycle::Ready => screen(model),
        };
        Self {
            title,
            screen,
            tabs: tabs(&model.screen),
            back: back(&model.screen),
            notice: model.notice.as_ref().map(|n| NoticeView {
                title: match n.kind {
                    NoticeKind::Info => text::NOTICE_INFO,
                    NoticeKind::Success => text::NOTICE_SUCCESS,
                    NoticeKind::Error => text::NOTICE_ERROR,
                }
                .to_owned(),
                text: n.text.clone(),
                tone: match n.kind {
                    NoticeKind::Info => Tone::Info,
                    NoticeKind::Success => Tone::Success,
                    NoticeKind::Error => Tone::Error,
                },
                dismiss: Action::new(text::DISMISS, Event::DismissNotice),
            }),
            warning,
            sync,
            shell: ShellText::new(),
        }
    }
}

fn screen(model: &Model) -> (String, ScreenView) {
    match &model.screen {
        Screen::Home => (
            text::TAB_HOME.to_owned(),
            ScreenView::Home(home::build(model)),
        ),
        Screen::Path => (
            text::PATH_HEADING.to_owned(),
            ScreenView::Path(path::build(model)),
        ),
        Screen::Lesson { lesson, step } => match lesson::build(model, lesson, *step) {
            Some(view) => (view.title.clone(), ScreenView::Lesson(view)),
            None => (
                text::PATH_HEADING.to_owned(),
                ScreenView::Path(path::build(model)),
            ),
        },
        Screen::Quiz(session) => match question::quiz(model, session) {
            Some(view) => (view.heading.clone(), ScreenView::Quiz(view)),
            None => (
                text::PATH_HEADING.to_owned(),
                ScreenView::Path(path::build(model)),
            ),
        },
        Screen::Review(session) => (
            text::REVIEW_TITLE.to_owned(),
            ScreenView::Review(question::review(model, session)),
        ),
        Screen::Assessment(session) => {
            let view = assessment::build(model, session);
            (
                model.content.pack.assessment.title.clone(),
                ScreenView::Assessment(view),
            )
        }
        Screen::Checklists { shown } => (
            text::CHECKLISTS_HEADING.to_owned(),
            ScreenView::Checklists(checklist::list(model, *shown)),
        ),
        Screen::Run { run } => match checklist::run(model, *run) {
            Some(view) => (view.title.clone(), ScreenView::Run(view)),
            None => (
                text::CHECKLISTS_HEADING.to_owned(),
                ScreenView::Checklists(checklist::list(model, RUNS_PAGE)),
            ),
        },
        Screen::Settings { confirm_delete } => (
            text::SETTINGS_HEADING.to_owned(),
            ScreenView::Settings(settings::build(model, *confirm_delete)),
        ),
    }
}
