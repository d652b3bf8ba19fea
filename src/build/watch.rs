//! Which articles are being worked on, and for how long: a build names an
//! article that takes more than a few seconds, so a long pause has a cause
//! on the screen (an unusually large file, an unusual text).
//!
//! ```text
//! worker: start(path, size) ─► extract ─► finish(path)
//! watcher thread: every tick, each article past the threshold ─► Observer::slow_file, once
//! ```

use super::Observer;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Articles in the works, with the time each started; stops the watcher when told.
pub(super) struct Watch {
    threshold: Duration,
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Default)]
struct State {
    /// Path ─► (size in bytes, started, already named).
    working: FxHashMap<PathBuf, (u64, Instant, bool)>,
    done: bool,
}

impl Watch {
    pub(super) fn new(threshold: Duration) -> Watch {
        Watch {
            threshold,
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
        }
    }

    pub(super) fn start(&self, path: &Path, bytes: u64) {
        let mut state = self.state.lock().expect("watch lock");
        state
            .working
            .insert(path.to_path_buf(), (bytes, Instant::now(), false));
    }

    pub(super) fn finish(&self, path: &Path) {
        self.state.lock().expect("watch lock").working.remove(path);
    }

    /// Ends [`Watch::run`].
    pub(super) fn stop(&self) {
        self.state.lock().expect("watch lock").done = true;
        self.wake.notify_all();
    }

    /// Ends [`Watch::run`] when the guard goes.
    pub(super) fn stop_on_drop(&self) -> StopOnDrop<'_> {
        StopOnDrop(self)
    }

    /// Names each article that takes longer than the threshold, once, until stopped.
    pub(super) fn run(&self, observer: &dyn Observer) {
        let tick = (self.threshold / 4).max(Duration::from_millis(10));
        let mut state = self.state.lock().expect("watch lock");
        while !state.done {
            let now = Instant::now();
            for (path, (bytes, started, named)) in state.working.iter_mut() {
                let elapsed = now.duration_since(*started);
                if !*named && elapsed >= self.threshold {
                    *named = true;
                    observer.slow_file(path, *bytes, elapsed);
                }
            }
            state = self.wake.wait_timeout(state, tick).expect("watch lock").0;
        }
    }
}

/// Stops a [`Watch`] when dropped.
pub(super) struct StopOnDrop<'w>(&'w Watch);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Named(Mutex<Vec<(PathBuf, u64)>>);

    impl Observer for Named {
        fn slow_file(&self, path: &Path, bytes: u64, _elapsed: Duration) {
            self.0.lock().unwrap().push((path.to_path_buf(), bytes));
        }
    }

    #[test]
    fn articles_past_the_threshold_are_named_once() {
        let watch = Watch::new(Duration::from_millis(40));
        let named = Named::default();
        std::thread::scope(|scope| {
            scope.spawn(|| watch.run(&named));
            watch.start(Path::new("quick.txt"), 10);
            watch.finish(Path::new("quick.txt"));
            watch.start(Path::new("slow.txt"), 7_000_000);
            std::thread::sleep(Duration::from_millis(200));
            watch.finish(Path::new("slow.txt"));
            watch.stop();
        });
        assert_eq!(
            named.0.into_inner().unwrap(),
            [(PathBuf::from("slow.txt"), 7_000_000)]
        );
    }
}
