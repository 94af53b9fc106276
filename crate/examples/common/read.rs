//! The driver both profiling examples share: the file pushed through a `Session` in
//! 4 MiB chunks, as the page's worker does; errors end the process with a message.

use std::io::Read;

pub fn analyze_in_chunks(path: &str) -> clientscope::Report {
    let fail = |msg: String| -> ! {
        eprintln!("{msg}");
        std::process::exit(1)
    };
    let mut file = std::fs::File::open(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
    let mut session = clientscope::Session::new(clientscope::Options::default()).expect("default options");
    let mut chunk = vec![0u8; 4 << 20];
    loop {
        let n = file.read(&mut chunk).unwrap_or_else(|e| fail(format!("{path}: {e}")));
        if n == 0 {
            break;
        }
        session.push(&chunk[..n]).unwrap_or_else(|e| fail(e.message(clientscope::Lang::En)));
    }
    // The chunk buffer goes before the analysis, so it does not count in its memory.
    drop(chunk);
    session.finish().unwrap_or_else(|e| fail(e.message(clientscope::Lang::En)))
}
