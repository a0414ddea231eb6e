//! Per-ISA facts for mirage: registers, calling-convention classification
//! and instruction encoders.
//!
//! Only x86-64 exists so far ([`x64`]). Everything here is pure data and
//! byte emission: no code memory, no `unsafe`. The code generator
//! (`mirage-codegen`) selects instructions as [`x64::Inst`] values and hands
//! them to [`x64::Asm`]; the runtime may later write its stubs with the
//! same encoder.
#![forbid(unsafe_code)]

pub mod x64;
