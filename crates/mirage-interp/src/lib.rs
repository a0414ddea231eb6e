//! The mirage interpreter: MIR lowered to ICode and run by threaded
//! handlers.
//!
//! This is the engine that always works: every MIR instruction with its
//! exact semantics (spec §5), calls between interpreted functions without
//! Rust recursion, calls to native code through the runtime, SysV varargs,
//! x87 long doubles, `setjmp`/`longjmp`, and clean [`Trap`]s instead of
//! crashes for division by zero, runaway recursion and the like.
//!
//! * [`Program`] owns the modules and their lowered code and talks to the
//!   runtime through [`LinkEnv`];
//! * [`Interp`] runs functions of a program ([`Interp::call`]);
//!   [`call_from_native`] is the entry for the runtime's interpreter shims;
//! * [`valist`] is the SysV `va_list` reader/builder the shims share;
//! * [`ld`] is x87 long-double arithmetic.
//!
//! Internals: `lower` turns a function into ICode (`icode` documents the
//! format and the frame layout), `exec` holds the dispatch drivers, frames
//! and the value stack, `ops` and `calls` the handlers, `trace` the
//! instruction tracer.
//!
//! ```no_run
//! use std::sync::Arc;
//! use mirage_interp::{Interp, LinkEnv, Program, ProgramOptions};
//! use mirage_ir::abi::Val;
//! # fn env() -> Arc<dyn LinkEnv> { unimplemented!() }
//! let src = "m: module\nf: func i64, i64:n\n  add n, n, 1\n  ret n\nendfunc\nendmodule\n";
//! let modules = mirage_ir::read_modules(src.as_bytes(), &Default::default()).unwrap();
//! let prog = Program::new(modules, env(), ProgramOptions::default());
//! let f = prog.find_func("f").unwrap();
//! let mut res = [Val::ZERO];
//! Interp::default().call(&prog, f, &[Val::from_i64(41)], &mut res).unwrap();
//! assert_eq!(res[0].i64(), 42);
//! ```

mod calls;
mod exec;
mod icode;
mod interp;
pub mod ld;
mod lower;
mod ops;
mod pretty;
mod program;
mod trace;
mod trap;
pub mod valist;

pub use interp::{call_from_native, Interp, InterpConfig};
pub use program::{
    Callee, Dispatch, FuncIdx, LinkEnv, LinkError, ModuleIdx, Program, ProgramOptions, TraceSink,
};
pub use trap::{Location, Trap};
