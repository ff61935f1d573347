//! Time for the core: the current time, the local time zone, and timers that really fire later.
//!
//! Timers run on their own thread so that a long wait never holds up the core's worker. A
//! cleared timer never fires. The thread keeps deadlines on the monotonic clock, so a change to
//! the device's wall clock does not make a `NotifyAfter` timer fire early or late.

use std::collections::HashMap;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::native::error::{Error, Result};

/// The current time, as the core's time protocol carries it.
pub fn now() -> crux_time::Instant {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    crux_time::Instant::new(since.as_secs(), since.subsec_nanos())
}

/// The device's local time zone as minutes east of UTC, for showing dates.
pub fn utc_offset_minutes() -> i32 {
    chrono::Local::now().offset().local_minus_utc() / 60
}

/// How long until a wall-clock `instant`; zero if it has passed.
pub fn until(instant: crux_time::Instant) -> Duration {
    let target = SystemTime::from(instant);
    target
        .duration_since(SystemTime::now())
        .unwrap_or(Duration::ZERO)
}

enum Command<T> {
    Add { id: usize, at: Instant, payload: T },
    Clear { id: usize },
}

/// Timers on a thread of their own. When a timer is due, its payload goes to the `fire`
/// callback given at start, on the timer thread.
pub struct Timers<T> {
    commands: Option<mpsc::Sender<Command<T>>>,
    thread: Option<JoinHandle<()>>,
}

impl<T> std::fmt::Debug for Timers<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Timers").finish_non_exhaustive()
    }
}

impl<T: Send + 'static> Timers<T> {
    pub fn start(mut fire: impl FnMut(T) + Send + 'static) -> Result<Self> {
        let (commands, inbox) = mpsc::channel::<Command<T>>();
        let thread = std::thread::Builder::new()
            .name("nc-timers".to_owned())
            .spawn(move || {
                let mut pending: HashMap<usize, (Instant, T)> = HashMap::new();
                loop {
                    let next = pending.values().map(|(at, _)| *at).min();
                    let first = match next {
                        Some(at) => {
                            inbox.recv_timeout(at.saturating_duration_since(Instant::now()))
                        }
                        None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
                    };
                    // Apply every command already queued before firing anything, so a timer
                    // cleared right after it was set never fires, however late this thread ran.
                    let mut commands = Vec::new();
                    match first {
                        Ok(command) => commands.push(command),
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                    commands.extend(inbox.try_iter());
                    for command in commands {
                        match command {
                            Command::Add { id, at, payload } => {
                                pending.insert(id, (at, payload));
                            }
                            Command::Clear { id } => {
                                pending.remove(&id);
                            }
                        }
                    }
                    let now = Instant::now();
                    let mut due: Vec<(Instant, usize)> = pending
                        .iter()
                        .filter(|(_, (at, _))| *at <= now)
                        .map(|(id, (at, _))| (*at, *id))
                        .collect();
                    // Earliest first, when several fell due while the thread waited.
                    due.sort_unstable();
                    for (_, id) in due {
                        if let Some((_, payload)) = pending.remove(&id) {
                            fire(payload);
                        }
                    }
                }
            })
            .map_err(|source| Error::Thread {
                name: "timer",
                source,
            })?;
        Ok(Self {
            commands: Some(commands),
            thread: Some(thread),
        })
    }

    /// Fires `payload` after `delay`. A timer with the same id replaces the earlier one.
    pub fn add(&self, id: usize, delay: Duration, payload: T) {
        let at = Instant::now() + delay;
        if let Some(commands) = &self.commands {
            // The thread only stops when `self` drops, so the send cannot fail while we exist.
            let _ = commands.send(Command::Add { id, at, payload });
        }
    }

    /// Cancels a timer. It does not fire, unless it already has.
    pub fn clear(&self, id: usize) {
        if let Some(commands) = &self.commands {
            let _ = commands.send(Command::Clear { id });
        }
    }
}

impl<T> Drop for Timers<T> {
    fn drop(&mut self) {
        // Closing the channel stops the thread; pending timers are dropped unfired.
        self.commands = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timers() -> (
        Timers<&'static str>,
        mpsc::Receiver<(&'static str, Instant)>,
    ) {
        let (fired, log) = mpsc::channel();
        let timers = Timers::start(move |payload| {
            let _ = fired.send((payload, Instant::now()));
        })
        .unwrap();
        (timers, log)
    }

    #[test]
    fn a_timer_fires_after_its_delay_not_before() {
        let (timers, log) = timers();
        let started = Instant::now();
        timers.add(1, Duration::from_millis(60), "late");
        timers.add(2, Duration::from_millis(10), "early");
        let (first, first_at) = log.recv_timeout(Duration::from_secs(5)).unwrap();
        let (second, second_at) = log.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!((first, second), ("early", "late"));
        assert!(first_at - started >= Duration::from_millis(10));
        assert!(second_at - started >= Duration::from_millis(60));
    }

    #[test]
    fn a_cleared_timer_never_fires() {
        let (timers, log) = timers();
        timers.add(1, Duration::from_millis(300), "cleared");
        timers.add(2, Duration::from_millis(400), "kept");
        timers.clear(1);
        let (payload, _) = log.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(payload, "kept");
        assert!(log.recv_timeout(Duration::from_millis(100)).is_err());
    }

    #[test]
    fn dropping_the_timers_drops_what_is_pending() {
        let (timers, log) = timers();
        timers.add(1, Duration::from_secs(60), "never");
        drop(timers);
        assert!(matches!(
            log.recv_timeout(Duration::from_millis(50)),
            Err(RecvTimeoutError::Disconnected)
        ));
    }

    #[test]
    fn time_is_now_and_instants_in_the_past_are_due() {
        let before = SystemTime::now();
        let instant = now();
        assert!(SystemTime::from(instant) >= before - Duration::from_millis(1));
        assert_eq!(until(crux_time::Instant::new(1, 0)), Duration::ZERO);
        let offset = utc_offset_minutes();
        assert!((-14 * 60..=14 * 60).contains(&offset), "{offset}");
    }
}
