//! The core as the web shell calls it: the Crux bridge, with bincode bytes in and out.
//!
//! Three functions, exported to JavaScript by wasm-bindgen:
//!
//! - [`update`]: an `Event`, serialized; returns the effect requests it caused.
//! - [`resolve`]: the answer to one effect request, by its id; returns the requests that follow.
//! - [`view`]: the current `ViewModel`, serialized.
//!
//! Requests come back as bincode `Vec<Request<EffectFfi>>`, read by the generated TypeScript
//! types. Bad input never panics: it throws a JavaScript `Error` whose message says what was
//! wrong, and the core carries on.

use std::cell::OnceCell;

use crux_core::Core;
use crux_core::bridge::{Bridge, EffectId};
use shared::NetworkedCouncillor;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The one core of this page. wasm32 in the browser has one thread.
    static BRIDGE: OnceCell<Bridge<NetworkedCouncillor>> = const { OnceCell::new() };
}

fn with_bridge<T>(f: impl FnOnce(&Bridge<NetworkedCouncillor>) -> T) -> T {
    BRIDGE.with(|cell| {
        f(cell.get_or_init(|| {
            report_panics();
            Bridge::new(Core::new())
        }))
    })
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// A panic is a bug in the core. In the browser it stops the wasm with a bare "unreachable";
/// this puts the panic's own message in the console first, so a report can say what happened.
fn report_panics() {
    #[cfg(target_arch = "wasm32")]
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!("The app's core stopped: {info}"));
    }));
}

/// [`update`], with the error as text (testable off the browser).
pub fn try_update(event: &[u8]) -> Result<Vec<u8>, String> {
    let mut requests = Vec::new();
    with_bridge(|bridge| bridge.update(event, &mut requests))
        .map_err(|e| format!("The core could not take this event: {e}"))?;
    Ok(requests)
}

/// [`resolve`], with the error as text.
pub fn try_resolve(id: u32, output: &[u8]) -> Result<Vec<u8>, String> {
    let mut requests = Vec::new();
    with_bridge(|bridge| bridge.resolve(EffectId(id), output, &mut requests))
        .map_err(|e| format!("The core could not take the answer to request {id}: {e}"))?;
    Ok(requests)
}

/// [`view`], with the error as text.
pub fn try_view() -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    with_bridge(|bridge| bridge.view(&mut out))
        .map_err(|e| format!("The core could not build the view: {e}"))?;
    Ok(out)
}

/// Sends an event to the core. Returns the effect requests, serialized.
///
/// # Errors
///
/// When `event` is not a bincode `Event` of this core (the shell and the wasm are from
/// different builds).
#[wasm_bindgen]
pub fn update(event: &[u8]) -> Result<Vec<u8>, JsError> {
    try_update(event).map_err(|e| JsError::new(&e))
}

/// Answers the effect request `id` with `output`, serialized. Returns the requests that follow.
///
/// # Errors
///
/// When `id` is not a request waiting for an answer (it was answered already, or never made),
/// or `output` is not the right type of answer for it.
#[wasm_bindgen]
pub fn resolve(id: u32, output: &[u8]) -> Result<Vec<u8>, JsError> {
    try_resolve(id, output).map_err(|e| JsError::new(&e))
}

/// The current view model, serialized.
///
/// # Errors
///
/// Only if the view model cannot be serialized, which would be a bug in the core.
#[wasm_bindgen]
pub fn view() -> Result<Vec<u8>, JsError> {
    try_view().map_err(|e| JsError::new(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_event_asks_for_the_time_and_the_view_says_loading() {
        let start = bincode::serialize(&shared::Event::Start {
            entropy: vec![1; 32],
            utc_offset_minutes: 60,
        })
        .unwrap();
        let requests = try_update(&start).unwrap();
        assert!(!requests.is_empty(), "the core asked for nothing");
        let view: shared::ViewModel = bincode::deserialize(&try_view().unwrap()).unwrap();
        assert!(
            view.tabs.is_empty(),
            "no navigation before progress has loaded"
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let error = try_update(&[0xff, 0xff, 0xff, 0xff, 0x01]).unwrap_err();
        assert!(
            error.starts_with("The core could not take this event"),
            "{error}"
        );
        let error = try_resolve(987_654, &[0]).unwrap_err();
        assert!(error.contains("request 987654"), "{error}");
    }
}
