//! The compiled pack as a device receives it from a server: decoded, checked, and, when the
//! checks pass, taught.
//!
//! A pack that passes `Pack::problems` must be safe to use: the core starts with it, shows
//! every screen of the path and opens every lesson and quiz without panicking.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use shared::harness::Harness;
use shared::pack::Content;
use shared::{Destination, Event};

/// Lessons opened per input: enough to reach every kind of step, few enough to stay fast.
const LESSONS: usize = 8;

fuzz_target!(|data: &[u8]| {
    let Ok(pack) = serde_json::from_slice::<content::Pack>(data) else {
        return;
    };
    if !pack.problems().is_empty() {
        return;
    }
    let lessons: Vec<String> = pack.lessons().take(LESSONS).map(|l| l.id.clone()).collect();
    let checklists: Vec<String> = pack.checklists.iter().map(|c| c.id.clone()).collect();
    let mut core = Harness::new(Arc::new(Content::new(pack)));
    core.start();
    for to in [
        Destination::Home,
        Destination::Path,
        Destination::Review,
        Destination::Assessment,
        Destination::Checklists,
        Destination::Settings,
    ] {
        core.send(Event::Navigate { to });
        let _ = core.view();
    }
    core.send(Event::StartAssessment);
    let _ = core.view();
    for checklist in checklists.into_iter().take(LESSONS) {
        core.send(Event::StartChecklist { checklist });
        let _ = core.view();
    }
    for lesson in lessons {
        core.send(Event::OpenLesson { lesson });
        let _ = core.view();
        core.send(Event::NextStep);
        core.send(Event::StartQuiz);
        let _ = core.view();
        core.send(Event::CheckAnswer);
        let _ = core.view();
        core.send(Event::Back);
    }
});
