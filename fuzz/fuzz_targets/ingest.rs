//! Any bytes, pushed in chunks of any size, give a report or an error: never a
//! panic, a hang, or an account that does not add up.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    clientscope::testing::check_any_input(data);
});
