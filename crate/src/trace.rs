//! Phase marks for the memory profile (`src/bin/memprofile.rs`): the core calls
//! [`mark`] between its phases, and nothing happens unless a hook was set. The
//! profile needs the marks inside `Session::finish` and `analysis::run`, which run
//! as one call.

use std::sync::OnceLock;

static HOOK: OnceLock<fn(&str)> = OnceLock::new();

/// Sets the function called at each mark (once per process; later calls are ignored).
pub fn set_hook(f: fn(&str)) {
    let _ = HOOK.set(f);
}

/// The phase named `phase` has just ended.
pub fn mark(phase: &str) {
    if let Some(f) = HOOK.get() {
        f(phase)
    }
}
