//! Any bytes read as a whole file (seeded with HTML tables saved as .xls, so most
//! stay HTML): a report or a clear error, never a panic, an abort or a hang.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    clientscope::testing::check_whole_file(data);
});
