//! Two independent computations at once where the platform has threads: the native
//! CLI and library run the second on a scoped thread beside the first; the wasm
//! build (one worker, no threads) and any platform that refuses a thread run them
//! one after the other. Each closure computes what it would alone, so the results
//! are the same either way; only the wall time differs.

/// Runs `a` and `b`, `b` on a second thread where one can be had; returns both
/// results. A panic in either is passed on to the caller, as it would be if both
/// ran here.
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(not(target_arch = "wasm32"))]
    {
        // `b` stays here if the thread could not be started: it then runs here.
        let slot = std::sync::Mutex::new(Some(b));
        std::thread::scope(|s| {
            let spawned =
                std::thread::Builder::new().name("clientscope-2".into()).spawn_scoped(s, || take(&slot).map(|b| b()));
            let ra = a();
            let rb = match spawned {
                Ok(handle) => handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                Err(_) => None,
            };
            match rb {
                Some(rb) => (ra, rb),
                None => (ra, take(&slot).expect("the second computation ran nowhere")()),
            }
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        let ra = a();
        (ra, b())
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn take<T>(slot: &std::sync::Mutex<Option<T>>) -> Option<T> {
    slot.lock().unwrap_or_else(|e| e.into_inner()).take()
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_results_come_back_in_order() {
        let data: Vec<u64> = (1..=1000).collect();
        let (a, b) = super::join(|| data.iter().sum::<u64>(), || data.iter().map(|v| v * v).sum::<u64>());
        assert_eq!((a, b), (500_500, 333_833_500));
    }

    #[test]
    #[should_panic(expected = "second")]
    fn a_panic_on_the_second_thread_reaches_the_caller() {
        super::join(|| 1, || -> u32 { panic!("second") });
    }
}
