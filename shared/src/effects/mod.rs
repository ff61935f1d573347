//! Effects: everything the core asks the shell to do. The core itself does no I/O.
//!
//! - [`Render`](crux_core::render::RenderOperation): show the new view model.
//! - [`Store`](store::StoreRequest): read and append progress records, durably.
//! - [`Time`](crux_time::TimeRequest): the current time, and timers.
//! - [`Http`](crux_http::protocol::HttpRequest): sync with the council's server.

pub mod store;

use crux_core::macros::effect;
use crux_core::render::RenderOperation;
use crux_http::protocol::HttpRequest;
use crux_time::TimeRequest;

use self::store::StoreRequest;

#[effect(facet_typegen)]
pub enum Effect {
    Render(RenderOperation),
    Store(StoreRequest),
    Time(TimeRequest),
    Http(HttpRequest),
}
