//! Where the memory of an analysis goes: reads FILE in 4 MB chunks as the page's
//! worker does, runs the analysis and writes the report JSON in pieces, and prints
//! after each phase the bytes the heap holds and the most it held during the phase.
//! A counting allocator (peak_alloc) measures exactly what the core allocates (RSS
//! also counts the allocator's own slack).
//! Usage: cargo run --release --example memprofile -- FILE
//!
//! Native pointers are twice as wide as wasm's, so vectors of structs holding
//! pointers (strings, vectors) weigh more here than in the browser.

#[path = "common/read.rs"]
mod read;

use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

fn mb(b: usize) -> f64 {
    b as f64 / 1_048_576.0
}

fn report(phase: &str) {
    let (live, peak) = (ALLOC.current_usage(), ALLOC.peak_usage());
    ALLOC.reset_peak_usage();
    println!("{phase:<50} {:>9.1} {:>9.1}", mb(live), mb(peak));
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: memprofile FILE");
        std::process::exit(2);
    };
    clientscope::trace::set_hook(report);
    println!("{:<50} {:>9} {:>9}", "phase", "live MB", "peak MB");
    let report_ = read::analyze_in_chunks(&path);
    let mut json = 0usize;
    clientscope::json::write_pieces(&report_, clientscope::json::PIECE, |p| json += p.len()).expect("json");
    report(&format!("report JSON in pieces ({:.0} MB)", mb(json)));
    println!(
        "sizes here: a client's history {} bytes, its report row {} bytes",
        std::mem::size_of::<clientscope::ledger::Client>(),
        std::mem::size_of::<clientscope::report::ClientOut>()
    );
}
