//! The native bridge: everything that lets MIR functions and native code
//! call each other (x86-64 SysV Linux).
//!
//! It owns the machine-level plumbing of DESIGN.md decisions 1–3:
//!
//! * [`CodeMemory`] (`codemem`): one address-space reservation per context
//!   holding the function table and all runtime code, strict W^X
//!   (code is written while read-write, then published read-execute and
//!   never written again);
//! * the function table and thunks (`table`): function *i* has an 8-byte
//!   slot and an 8-byte thunk `jmp [rip+slot]`; the thunk's address is the
//!   function's permanent address, switching implementations is one atomic
//!   store ([`CodeMemory::set_target`]);
//! * ff-call (`ffcall`): calling a native function with arguments held in
//!   [`Val`] slots, through a stub generated once per [`CallSig`]
//!   ([`FfCallCache`]) or through a compiled-in trampoline that needs no
//!   runtime code ([`ff_call_generic`], [`FfPlan`]);
//! * interpreter shims, lazy wrappers and the `bstart`/`bend` builtins
//!   (`shim`); the shims' SysV [`VaList`] is the interpreter's
//!   (`mirage_interp::valist`, re-exported here);
//! * `x64asm`, the small byte emitter the stubs are written with.
//!
//! `unsafe` is confined to this module: mapping and protecting code memory,
//! the stubs themselves (compiled-in `naked` assembly) and calls into
//! generated code.

use std::fmt;

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod codemem;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod ffcall;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod shim;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod table;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub mod x64asm;

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub use codemem::{CodeBatch, CodeMemory, CodeMemoryConfig, CodeMemoryStats};
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub use ffcall::{emit_ff_call, ff_call_generic, FfCallCache, FfCallFn, FfPlan};
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub use shim::{
    bend_address, bstart_address, emit_interp_shim, emit_lazy_wrapper, make_interp_shim,
    make_lazy_wrapper, LazyHook, ShimHandler, VaList, INTERP_SHIM_BYTES, LAZY_WRAPPER_BYTES,
};
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub use table::{SLOT_BYTES, THUNK_BYTES};

pub use mirage_ir::abi::{ArgKind, CallSig, IntExt, RetKind, Val};

/// Everything that can go wrong in the native bridge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BridgeError {
    /// `mmap` of the reservation failed (`errno`).
    Map { bytes: usize, errno: i32 },
    /// `mprotect` failed (`errno`).
    Protect { errno: i32 },
    /// The configuration is unusable (reason).
    BadConfig(&'static str),
    /// The code area of the reservation is full.
    CodeExhausted { requested: usize, available: usize },
    /// The function table is full.
    TableFull { capacity: usize },
    /// A function index beyond the table's length.
    BadIndex { index: usize, len: usize },
    /// A call signature the bridge cannot express (reason).
    BadSignature(String),
    /// Fewer value slots than the signature needs.
    TooFewSlots { need: usize, have: usize },
    /// An [`FfCallCache`] was used with a second `CodeMemory`.
    ForeignCodeMemory,
}

impl fmt::Display for BridgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BridgeError::Map { bytes, errno } => {
                write!(
                    f,
                    "cannot reserve {bytes} bytes of code memory (errno {errno})"
                )
            }
            BridgeError::Protect { errno } => {
                write!(f, "cannot change code memory protection (errno {errno})")
            }
            BridgeError::BadConfig(why) => write!(f, "bad code memory configuration: {why}"),
            BridgeError::CodeExhausted {
                requested,
                available,
            } => write!(
                f,
                "code memory exhausted: {requested} bytes requested, {available} available"
            ),
            BridgeError::TableFull { capacity } => {
                write!(f, "function table full ({capacity} slots)")
            }
            BridgeError::BadIndex { index, len } => {
                write!(f, "function index {index} out of range (table has {len})")
            }
            BridgeError::BadSignature(why) => write!(f, "unsupported call signature: {why}"),
            BridgeError::TooFewSlots { need, have } => {
                write!(f, "call needs {need} value slots, {have} given")
            }
            BridgeError::ForeignCodeMemory => {
                write!(f, "ff-call cache used with a different code memory")
            }
        }
    }
}

impl std::error::Error for BridgeError {}
