//! Where the time of an analysis goes: reads FILE in 4 MB chunks as the page's
//! worker does, runs the analysis with the default settings, writes the report JSON
//! to a sink, and prints the seconds each phase took (the core's `trace::mark`
//! phases) and the total. `scripts/bench-analysis.sh` builds this example for the
//! current tree and for a baseline commit and compares the two.
//! Usage: cargo run --release --example phases -- FILE

#[path = "common/cpu.rs"]
mod cpu;
#[path = "common/read.rs"]
mod read;

use std::sync::Mutex;

static LAST: Mutex<Option<f64>> = Mutex::new(None);

/// Phases are timed in CPU seconds of the thread (see common/cpu.rs).
fn mark(phase: &str) {
    let now = cpu::seconds();
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(t) = *last {
        println!("phase\t{phase}\t{:.4}", now - t);
    }
    *last = Some(now);
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phases FILE");
        std::process::exit(2);
    };
    let start = cpu::seconds();
    clientscope::trace::set_hook(mark);
    mark("start");
    let report = read::analyze_in_chunks(&path);
    let mut json = 0usize;
    clientscope::json::write_pieces(&report, clientscope::json::PIECE, |p| json += p.len()).expect("json");
    mark("report JSON");
    println!("total\t{:.4}", cpu::seconds() - start);
}
