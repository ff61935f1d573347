//! The Crux app: ties the event, model, effect and view model together.

use std::time::{SystemTime, UNIX_EPOCH};

use crux_core::{App, Command};
use crux_time::Time;

use crate::effects::Effect;
use crate::event::{Event, Internal};
use crate::model::Model;
use crate::view::ViewModel;

/// The Networked Councillor core.
#[derive(Debug, Default, Clone, Copy)]
pub struct NetworkedCouncillor;

fn unix_ms(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl App for NetworkedCouncillor {
    type Event = Event;
    type Model = Model;
    type ViewModel = ViewModel;
    type Effect = Effect;

    fn update(&self, event: Event, model: &mut Model) -> Command<Effect, Event> {
        match event {
            Event::Internal(internal) if !internal.needs_time() => {
                model.handle(Event::Internal(internal))
            }
            // Every shell event (and every late answer, such as a server's) first learns the
            // time it happened, so records get a true timestamp and "due" counts are current.
            // The shell answers at once.
            event => Time::<Effect, Event>::now().then_send(move |time| {
                Event::Internal(Internal::Timed {
                    event: Box::new(event),
                    now_ms: unix_ms(time),
                })
            }),
        }
    }

    fn view(&self, model: &Model) -> ViewModel {
        ViewModel::build(model)
    }
}
