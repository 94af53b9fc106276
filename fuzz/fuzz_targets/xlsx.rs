//! Any bytes read as a whole file (seeded with XLSX files, so most keep its magic
//! bytes and container): a report or a clear error, never a panic, an abort or a hang.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    clientscope::testing::check_whole_file(data);
});
