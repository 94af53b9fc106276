//! Seconds of CPU the calling thread has used. The benchmarks time with it rather
//! than the wall clock: on a shared machine the wall clock also counts the time the
//! thread waited for a core, which swings with the neighbours and skews a ratio.
//! Linux gives it in nanoseconds in /proc/thread-self/schedstat; elsewhere this
//! falls back to the wall clock.

use std::sync::OnceLock;
use std::time::Instant;

pub fn seconds() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| start.elapsed().as_secs_f64(), |ns| ns as f64 / 1e9)
}
