//! Starting up, loading stored progress, storage failures and deleting data.

mod support;

use crux_core::App;
use crux_time::{Instant, TimeRequest, TimeResponse};
use shared::effects::Effect;
use shared::effects::store::{
    LoadedRecord, MetaEntry, Snapshot, StoreRequest, StoreResponse, SyncMark,
};
use shared::harness::Harness;
use shared::model::{Lifecycle, Model};
use shared::record::StoredRecord;
use shared::view::{ScreenView, Tone};
use shared::{Destination, Event, NetworkedCouncillor};
use support::{button, fixture, notice, press, screen_name, started};

#[test]
fn start_asks_the_time_then_loads_storage_and_shows_loading() {
    let app = NetworkedCouncillor;
    let mut model = Model::new(fixture());
    let mut command = app.update(
        Event::Start {
            entropy: vec![1; 32],
            utc_offset_minutes: 60,
        },
        &mut model,
    );
    let Effect::Time(mut request) = command.expect_one_effect() else {
        panic!("expected a time request first");
    };
    assert_eq!(request.operation, TimeRequest::Now);
    request
        .resolve(TimeResponse::Now {
            instant: Instant::new(1_700_000_000, 0),
        })
        .unwrap();
    let timed = command.expect_one_event();

    let mut command = app.update(timed, &mut model);
    let effects: Vec<Effect> = command.effects().collect();
    assert_eq!(effects.len(), 2, "a load and a render");
    assert!(effects.iter().any(|e| matches!(e, Effect::Render(_))));
    let load = effects
        .into_iter()
        .find_map(|e| match e {
            Effect::Store(request) => Some(request),
            _ => None,
        })
        .expect("a store request");
    assert_eq!(load.operation, StoreRequest::Load);
    assert_eq!(model.lifecycle, Lifecycle::Loading);
    assert_eq!(model.now_ms(), 1_700_000_000_000);
    assert!(matches!(
        app.view(&model).screen,
        ScreenView::Loading { .. }
    ));
}

#[test]
fn an_empty_log_opens_home_with_a_first_lesson_and_a_new_device_id() {
    let harness = started();
    let view = harness.view();
    assert_eq!(screen_name(&view), "home");
    let ScreenView::Home(home) = &view.screen else {
        unreachable!()
    };
    assert_eq!(home.summary, "You have finished 0 of 4 lessons.");
    assert!(home.resume.is_none());
    let next = home.next.as_ref().expect("a first lesson");
    assert_eq!(next.heading, "Start here");
    assert_eq!(next.title, "Hello");
    assert_eq!(home.review.title, "No questions to review right now.");
    assert_eq!(view.tabs.len(), 6);
    assert!(view.tabs[0].current);
    let device = &harness.model.device;
    assert_eq!(device.len(), 16);
    assert!(
        harness
            .store
            .meta
            .iter()
            .any(|m| m.key == "device_id" && &m.value == device)
    );
}

#[test]
fn events_before_loading_finishes_do_nothing() {
    let mut harness = Harness::new(fixture());
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    assert_eq!(harness.model.lifecycle, Lifecycle::Idle);
    assert!(harness.store.requests.is_empty());
}

#[test]
fn a_second_start_does_not_reload() {
    let mut harness = started();
    let requests = harness.store.requests.len();
    harness.start();
    assert_eq!(harness.store.requests.len(), requests);
    assert_eq!(harness.model.lifecycle, Lifecycle::Ready);
}

#[test]
fn a_failed_load_says_what_happened() {
    let mut harness = Harness::new(fixture());
    harness.store.fail_next =
        Some("The disk is full. Free some space, then open the app again.".into());
    harness.start();
    let view = harness.view();
    let ScreenView::Failed { heading, text } = &view.screen else {
        panic!("expected the failed screen, got {}", screen_name(&view));
    };
    assert_eq!(heading, "We could not open your progress");
    assert!(text.contains("disk is full"));
    assert!(view.tabs.is_empty());
}

#[test]
fn unreadable_records_are_kept_and_counted() {
    let mut harness = Harness::new(fixture());
    let broken = StoredRecord {
        id: "not-a-uuid".into(),
        device: "d".into(),
        wall_ms: 1,
        counter: 0,
        pack_version: 1,
        private: false,
        kind: "step_reached".into(),
        body: "{}".into(),
    };
    harness.store.records.push(LoadedRecord {
        record: broken.clone(),
        sync: SyncMark::Pending,
    });
    harness.start();
    assert_eq!(harness.model.unreadable, 1);
    let view = harness.view();
    assert_eq!(
        view.warning.as_deref(),
        Some("1 saved item could not be read. It is kept on this device but not shown.")
    );
    assert!(
        harness.store.records.iter().any(|r| r.record == broken),
        "never deleted"
    );
}

#[test]
fn progress_survives_reopening() {
    let mut harness = started();
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    harness.send(Event::NextStep);
    let device = harness.model.device.clone();

    let mut reopened = harness.reopen();
    reopened.start();
    assert_eq!(reopened.model.device, device, "the device keeps its id");
    assert_eq!(reopened.model.log.len(), harness.model.log.len());
    let view = reopened.view();
    let ScreenView::Home(home) = &view.screen else {
        panic!()
    };
    let resume = home.resume.as_ref().expect("resume card");
    assert_eq!(resume.detail, "Basics. Step 2 of 3");
}

#[test]
fn a_failed_save_is_shown_and_retried_with_the_next_change() {
    let mut harness = started();
    harness.store.fail_next = Some("The disk is full.".into());
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    let view = harness.view();
    let shown = view.notice.as_ref().expect("a notice");
    assert_eq!(shown.tone, Tone::Error);
    assert_eq!(
        shown.text,
        "We could not save your last change on this device: The disk is full."
    );
    assert_eq!(harness.model.unsaved.len(), 1);
    assert!(harness.store.records.is_empty());

    harness.send(Event::NextStep);
    assert!(harness.model.unsaved.is_empty());
    assert_eq!(
        harness.store.records.len(),
        2,
        "the failed record was sent again"
    );
}

#[test]
fn delete_asks_first_then_wipes_everything_and_starts_fresh() {
    let mut harness = started();
    harness.send(Event::SetDisplayName { name: "Sam".into() });
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    let old_device = harness.model.device.clone();
    harness.send(Event::Navigate {
        to: Destination::Settings,
    });

    // Confirming without being asked does nothing.
    harness.send(Event::ConfirmDelete);
    assert!(!harness.store.records.is_empty());

    press(&mut harness, "Delete my data");
    press(&mut harness, "Cancel");
    assert!(!harness.store.records.is_empty());

    press(&mut harness, "Delete my data");
    let view = harness.view();
    assert_eq!(button(&view, "Yes, delete my data"), Event::ConfirmDelete);
    harness.send(Event::ConfirmDelete);

    assert!(harness.store.records.is_empty());
    assert!(harness.model.log.is_empty());
    assert_ne!(harness.model.device, old_device, "a new device id");
    assert_eq!(
        harness.store.meta,
        vec![MetaEntry {
            key: "device_id".into(),
            value: harness.model.device.clone()
        }]
    );
    assert_eq!(
        notice(&harness.view()),
        Some("Your data has been deleted from this device.")
    );
}

#[test]
fn a_recovered_store_warns_and_still_opens() {
    let app = NetworkedCouncillor;
    // A store that moved a damaged file aside answers the load like this.
    let mut model = Model::new(fixture());
    let _ = app.update(
        Event::Internal(shared::event::Internal::Loaded(StoreResponse::Loaded(Snapshot {
            meta: vec![],
            records: vec![],
            recovered: Some("Your saved progress could not be read. We kept the old file as progress.db.corrupt-1 and started again.".into()),
        }))),
        &mut model,
    );
    let view = app.view(&model);
    assert!(view.warning.unwrap().contains("kept the old file"));
    assert_eq!(model.lifecycle, Lifecycle::Ready);
}
