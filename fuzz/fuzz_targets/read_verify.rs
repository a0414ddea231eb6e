//! Arbitrary bytes through the reader and verifier; successful reads must
//! survive a write / re-read round trip. See `mirage_fuzz::check`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mirage_fuzz::check(data);
});
