//! Where the time of an analysis goes: reads FILE in 4 MB chunks as the page's
//! worker does, runs the analysis with the default settings, writes the report JSON
//! to a sink, and prints the seconds each phase took (the core's `trace::mark`
//! phases) and the total. `scripts/bench-analysis.sh` builds this example for the
//! current tree and for a baseline commit and compares the two.
//! Usage: cargo run --release --example phases -- FILE
//!
//! Two figures per phase:
//! - `phase NAME CPU`: CPU seconds of the thread that marked it, since that
//!   thread's previous mark (or, on a second thread the core started, since the
//!   thread began). Where the native core runs analyses on a second thread
//!   (`clientscope::par`), that thread's phases are printed too, so the CPU
//!   seconds of all phases add up to the work done on both threads.
//! - `wall NAME SECONDS`: wall-clock seconds between the main thread's marks,
//!   waiting for the second thread included: the time a user waits.
//!
//! With `TIMELINE=1`, each mark also goes to stderr with its wall seconds since the
//! run began and the thread that marked it: where the two threads wait on each other.

#[path = "common/cpu.rs"]
mod cpu;
#[path = "common/read.rs"]
mod read;

use std::cell::Cell;
use std::sync::OnceLock;
use std::time::Instant;

thread_local! {
    /// The thread's CPU seconds and (main thread) wall clock at its previous mark.
    static LAST: Cell<Option<(f64, Instant)>> = const { Cell::new(None) };
}

static MAIN: OnceLock<std::thread::ThreadId> = OnceLock::new();

/// When the run began, for `TIMELINE`.
static T0: OnceLock<Instant> = OnceLock::new();

fn mark(phase: &str) {
    if std::env::var_os("TIMELINE").is_some() {
        let at = T0.get_or_init(Instant::now).elapsed().as_secs_f64();
        eprintln!("{at:>8.4} {:>14} {phase}", std::thread::current().name().unwrap_or("?"));
    }
    let (cpu_now, wall_now) = (cpu::seconds(), Instant::now());
    let main = MAIN.get() == Some(&std::thread::current().id());
    let last = LAST.with(|l| l.replace(Some((cpu_now, wall_now))));
    match last {
        Some((cpu, wall)) => {
            println!("phase\t{phase}\t{:.4}", cpu_now - cpu);
            if main {
                println!("wall\t{phase}\t{:.4}", wall_now.duration_since(wall).as_secs_f64());
            }
        }
        // A thread the core started: its CPU clock began at zero with it.
        None if !main => println!("phase\t{phase}\t{cpu_now:.4}"),
        None => {}
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phases FILE");
        std::process::exit(2);
    };
    let _ = MAIN.set(std::thread::current().id());
    let start = cpu::seconds();
    clientscope::trace::set_hook(mark);
    mark("start");
    let report = read::analyze_in_chunks(&path);
    let mut json = 0usize;
    clientscope::json::write_pieces(&report, clientscope::json::PIECE, |p| json += p.len()).expect("json");
    mark("report JSON");
    println!("total\t{:.4}", cpu::seconds() - start);
}
