//! MIR text built from an `arbitrary` token sequence (mnemonics, types,
//! keywords, declared names, numbers, strings, punctuation), so that inputs
//! are mostly lexically valid and reach deep into the reader and verifier.
//! The same properties as `read_verify` are checked.
//!
//! With `MIRAGE_FUZZ_DUMP=FILE` in the environment, the text of each input
//! is written to FILE before it is checked: run the target on one artifact
//! to get the text to save as a regression input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirage_fuzz::Program;
use std::sync::OnceLock;

static DUMP: OnceLock<Option<String>> = OnceLock::new();

fuzz_target!(|prog: Program| {
    let text = prog.to_text();
    if let Some(path) = DUMP.get_or_init(|| std::env::var("MIRAGE_FUZZ_DUMP").ok()) {
        std::fs::write(path, &text).expect("cannot write MIRAGE_FUZZ_DUMP");
    }
    mirage_fuzz::check(text.as_bytes());
});
