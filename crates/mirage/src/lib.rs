//! mirage: a JIT compiler framework for MIR.
//!
//! This crate is what users see: a [`Context`] loads MIR modules (read from
//! text with [`mirage_ir::read_modules`] or built with
//! [`mirage_ir::builder`]), links them against each other, symbols the user
//! registers and the process's own symbols, and hands out functions as
//! plain native function pointers. Behind each pointer is a thunk that
//! jumps through a function-table slot, so the implementation behind it
//! (interpreter shim today; generated code later) can change with one
//! atomic store. The native [`bridge`] holds the machinery: W^X code memory,
//! the table and thunks, ff-call stubs, interpreter shims and lazy wrappers.
//!
//! ```
//! use mirage::{Context, Mode};
//! let src = b"m: module\n export fact\n\
//! fact: func i64, i64:n\n\
//!   local i64:r\n\
//!   mov r, 1\n\
//! loop: ble done, n, 1\n\
//!   mul r, r, n\n\
//!   sub n, n, 1\n\
//!   jmp loop\n\
//! done: ret r\n\
//! endfunc\n\
//! endmodule\n";
//! let mut ctx = Context::new();
//! ctx.load_text(src, Some("fact.mir")).unwrap();
//! ctx.link(Mode::Interp).unwrap();
//! let fact = ctx.get_fn::<unsafe extern "C" fn(i64) -> i64>("fact").unwrap();
//! // SAFETY: the signature was checked against fact's prototype.
//! assert_eq!(unsafe { fact(10) }, 3628800);
//! // A wrong Rust signature is refused.
//! assert!(ctx.get_fn::<unsafe extern "C" fn(f64) -> i64>("fact").is_err());
//! ```

pub mod bridge;
mod context;
pub mod data;
mod gen;
pub mod sig;
pub mod traps;

pub use context::{Context, ContextOptions, Error, Mode, Resolver};
pub use gen::{compile_detached, DETACHED_CODE};
pub use mirage_codegen::{CodegenOptions, Compiled};
pub use mirage_interp::{InterpConfig, Trap};
pub use mirage_ir::abi::Val;
