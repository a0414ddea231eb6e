//! [`Interp`]: one interpreter (its value stack, frames and limits) and the
//! entry points into interpreted code: from Rust with values
//! ([`Interp::call`], [`Interp::call_variadic`]) and from native code with a
//! SysV `va_list` ([`Interp::call_with_va_list`], [`call_from_native`]).
//!
//! An `Interp` holds no program state, only execution state, so one can run
//! functions of any program, one call at a time. Calls that arrive from
//! native code (through the runtime's interpreter shims) use a per-thread
//! pool of interpreters: a callback from C into interpreted code while
//! another interpreted call is in progress on the same thread (e.g. a `qsort`
//! comparator) simply takes a second interpreter from the pool.

use crate::exec::{self, new_frame, read_params_va, set_params, take_trap, Cx};
use crate::icode::Exit;
use crate::program::{FuncIdx, Program};
use crate::trace::TraceState;
use crate::trap::Trap;
use crate::valist::VaList;
use mirage_ir::abi::{ArgKind, Val};
use std::cell::RefCell;
use std::ptr;
use std::sync::atomic::{AtomicU64, Ordering};

/// Limits of one interpreter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InterpConfig {
    /// Maximum number of live interpreted frames.
    pub max_depth: usize,
    /// Maximum bytes of frame, block-copy and `alloca` memory.
    pub max_stack_bytes: usize,
}

impl Default for InterpConfig {
    /// Generous: two million interpreted frames (a function recursing a
    /// million levels deep completes) and 1 GiB of frame memory.
    fn default() -> Self {
        InterpConfig {
            max_depth: 2_000_000,
            max_stack_bytes: 1 << 30,
        }
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// An interpreter (see the module documentation).
pub struct Interp {
    cx: Cx,
    config: InterpConfig,
}

// SAFETY: outside a call (a call borrows the interpreter mutably, so it
// cannot be sent meanwhile) the context holds no pointer into anything but
// its own stack chunks: frames, setjmp records and the program pointer are
// cleared when a call ends, and the indirect-call cache holds plain values.
unsafe impl Send for Interp {}

impl std::fmt::Debug for Interp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interp")
            .field("config", &self.config)
            .finish()
    }
}

impl Default for Interp {
    fn default() -> Self {
        Interp::new(InterpConfig::default())
    }
}

impl Interp {
    pub fn new(config: InterpConfig) -> Interp {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        Interp {
            cx: Cx::new(config.max_depth, config.max_stack_bytes, id),
            config,
        }
    }

    pub fn config(&self) -> InterpConfig {
        self.config
    }

    pub fn set_config(&mut self, config: InterpConfig) {
        self.config = config;
    }

    /// Calls `func` with one value per parameter (integers in the low 8
    /// bytes, `f`/`d`/`ld` as in [`Val`]; for block parameters the address
    /// of the block, which the callee receives a copy of) and stores its
    /// results into `results` (at most `results.len()` of them).
    pub fn call(
        &mut self,
        prog: &Program,
        func: FuncIdx,
        args: &[Val],
        results: &mut [Val],
    ) -> Result<(), Trap> {
        let ir = prog.func_ir(func).ok_or_else(|| Trap::BadCall {
            func: format!("#{}", func.0),
            message: "no such function".into(),
        })?;
        let np = ir.sig.params.len();
        if args.len() != np {
            return Err(Trap::BadCall {
                func: prog.func_name(func).to_string(),
                message: if ir.sig.vararg && args.len() > np {
                    "variadic arguments need their kinds: use call_variadic".into()
                } else {
                    format!("{} arguments given, the function takes {np}", args.len())
                },
            });
        }
        let kinds: Vec<ArgKind> = ir
            .sig
            .params
            .iter()
            .map(|p| ArgKind::from_type(p.ty, p.size))
            .collect();
        let out = self.run(prog, func, |cx, code, fp| {
            // SAFETY: `fp` is the new frame of `code`; block arguments are
            // the caller's readable memory (documented contract).
            unsafe { set_params(cx, code, fp, args.len(), |i| (args[i], kinds[i])) }
        })?;
        for (r, v) in results.iter_mut().zip(out.iter()) {
            *r = *v;
        }
        Ok(())
    }

    /// Calls `func` with explicitly typed arguments: the fixed ones and,
    /// for a variadic function, the extras (int → [`ArgKind::I64`], double
    /// → [`ArgKind::D`], long double → [`ArgKind::LD`], blocks →
    /// [`ArgKind::Blk`] with the block's address).
    pub fn call_variadic(
        &mut self,
        prog: &Program,
        func: FuncIdx,
        args: &[(ArgKind, Val)],
        results: &mut [Val],
    ) -> Result<(), Trap> {
        let out = self.run(prog, func, |cx, code, fp| {
            // SAFETY: as in `call`.
            unsafe { set_params(cx, code, fp, args.len(), |i| (args[i].1, args[i].0)) }
        })?;
        for (r, v) in results.iter_mut().zip(out.iter()) {
            *r = *v;
        }
        Ok(())
    }

    /// Calls `func` reading every fixed argument through `va` as a C callee
    /// would (this is what an interpreter shim does: `va` describes the
    /// shim's register-save area and the caller's stack arguments), and
    /// writes one [`Val`] per result to `results`.
    ///
    /// # Safety
    /// `va` must be a valid va_list holding at least the function's fixed
    /// arguments, and `results` must be writable for as many `Val`s as the
    /// function has results.
    pub unsafe fn call_with_va_list(
        &mut self,
        prog: &Program,
        func: FuncIdx,
        va: *mut VaList,
        results: *mut Val,
    ) -> Result<(), Trap> {
        let out = self.run(prog, func, |cx, code, fp| {
            // SAFETY: the caller guarantees `va`; `fp` is the new frame.
            unsafe {
                let mut l = va.read_unaligned();
                let ok = read_params_va(cx, code, fp, &mut l);
                va.write_unaligned(l);
                ok
            }
        })?;
        for (i, v) in out.iter().enumerate() {
            // SAFETY: the caller guarantees room for every result.
            unsafe { results.add(i).write(*v) };
        }
        Ok(())
    }

    fn run(
        &mut self,
        prog: &Program,
        func: FuncIdx,
        setup: impl FnOnce(&mut Cx, &crate::icode::Code, *mut u8) -> bool,
    ) -> Result<Vec<Val>, Trap> {
        let code = prog.code(func)?;
        let cx = &mut self.cx;
        if !cx.top.is_null() {
            return Err(Trap::BadCall {
                func: code.name.clone(),
                message: "the interpreter is already running".into(),
            });
        }
        cx.prog = prog;
        if cx.icache_prog != prog.id {
            // Addresses mean other things in another program.
            cx.icache
                .fill((u64::MAX, crate::Callee::Native(0), ptr::null()));
            cx.icache_prog = prog.id;
        }
        cx.tail = prog.tail;
        cx.max_depth = self.config.max_depth;
        cx.stack.set_limit(self.config.max_stack_bytes);
        cx.trace = match (&prog.trace, prog.tail) {
            (Some(sink), false) => Some(TraceState::new(sink.clone())),
            _ => None,
        };
        let mark0 = cx.stack.mark();
        // SAFETY: the frame is created for `code` and run from its entry;
        // the program outlives the run.
        let result = unsafe {
            let fp = new_frame(cx, code, ptr::null(), 0);
            if fp.is_null() || !setup(cx, code, fp) {
                Err(take_trap(cx))
            } else {
                match exec::run(cx, code.entry(), fp) {
                    Exit::Return => Ok(std::mem::take(&mut cx.results)),
                    _ => Err(take_trap(cx)),
                }
            }
        };
        if let Some(t) = cx.trace.take() {
            t.finish();
        }
        cx.top = ptr::null_mut();
        cx.depth = 0;
        cx.stack.release(mark0);
        cx.stack.trim();
        cx.jmps.clear();
        cx.prog = ptr::null();
        result
    }
}

thread_local! {
    static POOL: RefCell<Vec<Interp>> = const { RefCell::new(Vec::new()) };
}

/// Entry point for the runtime's interpreter shims: runs `func` of `prog`
/// with its arguments read through `va` (see [`Interp::call_with_va_list`])
/// on an interpreter from this thread's pool, configured by the program's
/// [`ProgramOptions::interp`](crate::ProgramOptions::interp).
///
/// # Safety
/// As for [`Interp::call_with_va_list`].
pub unsafe fn call_from_native(
    prog: &Program,
    func: FuncIdx,
    va: *mut VaList,
    results: *mut Val,
) -> Result<(), Trap> {
    let mut interp = POOL
        .with(|p| p.borrow_mut().pop())
        .unwrap_or_else(|| Interp::new(prog.interp_config));
    interp.set_config(prog.interp_config);
    // SAFETY: forwarded caller guarantees.
    let r = unsafe { interp.call_with_va_list(prog, func, va, results) };
    POOL.with(|p| p.borrow_mut().push(interp));
    r
}
