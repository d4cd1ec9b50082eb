//! The parallel engine: a rayon pool of N workers converts items while the calling thread
//! receives the results and hands them on in order.
//!
//! Memory stays flat however many items there are. Items come from an iterator (the lazy
//! directory walk) that workers advance one at a time through a [`Gate`], which lets no
//! worker take item `i` before item `i - window` has been handed on: at most `window`
//! items and results are alive at once, whatever the size of the run and however unevenly
//! long the files take. A slow file stalls the others for a moment instead of letting the
//! reorder buffer grow.

use std::collections::VecDeque;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Finished {
    /// Items started (and emitted).
    pub started: usize,
    /// Every item was started: the run was not cut short by `stop` or a `Break`.
    pub exhausted: bool,
}

/// Runs `job(item)` for every item on `threads` workers and calls `emit(result)` on the
/// calling thread for every started item, in item order.
///
/// No new item is taken once `stop` is set (Ctrl-C) or `emit` returns
/// [`ControlFlow::Break`]; results of started ones are still emitted.
pub(crate) fn run<I, T: Send>(
    items: I,
    threads: usize,
    window: usize,
    stop: &AtomicBool,
    job: &(dyn Fn(I::Item) -> T + Sync),
    emit: &mut dyn FnMut(T) -> ControlFlow<()>,
) -> Result<Finished, rayon::ThreadPoolBuildError>
where
    I: Iterator + Send,
{
    let threads = threads.max(1);
    let window = window.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("treatydoc-worker-{i}"))
        .build()?;
    let halt = AtomicBool::new(false);
    let gate = Gate {
        state: Mutex::new(GateState {
            items,
            next: 0,
            emitted: 0,
            exhausted: false,
            waiting: 0,
        }),
        moved: Condvar::new(),
        window,
        stop,
        halt: &halt,
    };
    let (tx, rx) = sync_channel::<(usize, T)>(window);
    std::thread::scope(|s| {
        let gate = &gate;
        // The pool is driven from one helper thread so that this thread is free to emit
        // (the emitter may hold a non-Send writer such as locked stdout).
        s.spawn(move || {
            pool.scope(|ps| {
                for _ in 0..threads {
                    let tx = tx.clone();
                    ps.spawn(move |_| {
                        while let Some((i, item)) = gate.claim() {
                            if tx.send((i, job(item))).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
            drop(tx); // the last sender: ends the receiving loop below
        });
        let mut reorder = Reorder::new();
        for (i, result) in rx.iter() {
            reorder.insert(i, result);
            while let Some((_, result)) = reorder.pop() {
                if emit(result).is_break() {
                    halt.store(true, Ordering::SeqCst);
                }
                gate.emitted(reorder.next());
            }
        }
    });
    let state = gate.lock();
    Ok(Finished {
        started: state.next,
        exhausted: state.exhausted,
    })
}

/// Hands out items in order, at most `window` ahead of the emitter.
struct Gate<'a, I> {
    state: Mutex<GateState<I>>,
    moved: Condvar,
    window: usize,
    stop: &'a AtomicBool,
    halt: &'a AtomicBool,
}

struct GateState<I> {
    items: I,
    /// The index of the next item to hand out.
    next: usize,
    /// How many results have been emitted.
    emitted: usize,
    /// The iterator has returned `None`.
    exhausted: bool,
    /// Workers waiting in [`Gate::claim`] for the window to move.
    waiting: usize,
}

impl<I: Iterator> Gate<'_, I> {
    fn lock(&self) -> MutexGuard<'_, GateState<I>> {
        // A panic while holding the lock (in the iterator) leaves consistent counters.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst) || self.halt.load(Ordering::SeqCst)
    }

    /// The next item to work on, waiting while the window is full; `None` when done.
    fn claim(&self) -> Option<(usize, I::Item)> {
        let mut s = self.lock();
        loop {
            if self.stopped() || s.exhausted {
                return None;
            }
            // Progress is certain while waiting: item `emitted` is claimed and in flight.
            if s.next < s.emitted + self.window {
                // The iterator runs under the lock: items are numbered in iteration order.
                let Some(item) = s.items.next() else {
                    s.exhausted = true;
                    return None;
                };
                s.next += 1;
                return Some((s.next - 1, item));
            }
            s.waiting += 1;
            s = self.moved.wait(s).unwrap_or_else(PoisonError::into_inner);
            s.waiting -= 1;
        }
    }

    fn emitted(&self, emitted: usize) {
        let mut s = self.lock();
        s.emitted = emitted;
        // Waking costs a system call even with nobody waiting; workers rarely wait (only when
        // the window is full), so most results move the window silently.
        if s.waiting > 0 {
            self.moved.notify_all();
        }
    }
}

/// Results that arrived ahead of their turn, keyed by index.
struct Reorder<T> {
    next: usize,
    slots: VecDeque<Option<T>>,
}

impl<T> Reorder<T> {
    fn new() -> Self {
        Reorder {
            next: 0,
            slots: VecDeque::new(),
        }
    }

    /// The index of the next result to pop.
    fn next(&self) -> usize {
        self.next
    }

    /// Stores result `i` (`i >= next`; the engine never sends an index twice).
    fn insert(&mut self, i: usize, value: T) {
        let offset = i.saturating_sub(self.next);
        if self.slots.len() <= offset {
            self.slots.resize_with(offset + 1, || None);
        }
        if let Some(slot) = self.slots.get_mut(offset) {
            *slot = Some(value);
        }
    }

    /// The next result in order, if it has arrived.
    fn pop(&mut self) -> Option<(usize, T)> {
        match self.slots.front() {
            Some(Some(_)) => {
                let v = self.slots.pop_front().flatten()?;
                self.next += 1;
                Some((self.next - 1, v))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn reorder_releases_in_order() {
        let mut r = Reorder::new();
        r.insert(2, 'c');
        assert_eq!(r.pop(), None);
        r.insert(0, 'a');
        assert_eq!(r.pop(), Some((0, 'a')));
        assert_eq!(r.pop(), None);
        r.insert(1, 'b');
        assert_eq!(r.pop(), Some((1, 'b')));
        assert_eq!(r.pop(), Some((2, 'c')));
        assert_eq!(r.pop(), None);
        assert_eq!(r.next(), 3);
    }

    #[test]
    fn emits_every_item_in_order_and_never_runs_ahead_of_the_window() {
        let stop = AtomicBool::new(false);
        let emitted = AtomicUsize::new(0);
        let window = 4;
        // Uneven job lengths make results arrive out of order.
        let job = |i: usize| {
            let lead = i - emitted.load(Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_micros(
                ((i * 7919) % 13) as u64 * 50,
            ));
            (i, lead)
        };
        let mut seen = Vec::new();
        let fin = run(0..200, 3, window, &stop, &job, &mut |(i, lead)| {
            assert!(
                lead < window,
                "item {i} started {lead} ahead of the emitter"
            );
            seen.push(i);
            emitted.store(i + 1, Ordering::SeqCst);
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(
            fin,
            Finished {
                started: 200,
                exhausted: true
            }
        );
        assert_eq!(seen, (0..200).collect::<Vec<_>>());
    }

    #[test]
    fn break_stops_new_work_but_emits_started_work() {
        let stop = AtomicBool::new(false);
        let mut seen = Vec::new();
        let fin = run(0..1000, 2, 8, &stop, &|i: usize| i, &mut |i| {
            seen.push(i);
            if i == 10 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .unwrap();
        assert!(!fin.exhausted);
        assert!(
            fin.started > 10 && fin.started <= 10 + 8 + 1,
            "started {}",
            fin.started
        );
        assert_eq!(seen, (0..fin.started).collect::<Vec<_>>());
    }

    #[test]
    fn stop_flag_starts_nothing() {
        let stop = AtomicBool::new(true);
        let fin = run(0..10, 2, 4, &stop, &|i: i32| i, &mut |_| {
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(fin.started, 0);
        assert!(!fin.exhausted);
    }
}
