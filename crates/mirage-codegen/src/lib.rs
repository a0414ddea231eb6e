//! The code generator: MIR function → x86-64 machine code.
//!
//! [`compile_func`] runs a named pipeline of passes (MIR's `mir-gen.c`
//! habit: every pass can be switched off by name and can print its result):
//!
//! | pass | what it does | levels |
//! |---|---|---|
//! | `opt` | MIR-to-MIR optimizations ([`opt`], at its own level 1 or 2) | 1, 2 |
//! | `cfg` | basic blocks and successors ([`cfg`]) | all |
//! | `live` | liveness and live intervals | 1, 2 |
//! | `regalloc` | linear scan over MIR variables (else: every variable in its slot) | 1, 2 |
//! | `coalesce` | copy coalescing by exact interference (`coalesce.rs`), register hints for copies, parameters and arguments | 1, 2 |
//! | `split` | live-range splitting around loops of variables left in memory, then allocation again (`split.rs`) | 2 |
//! | `isel` | instruction selection, SysV ABI lowering, frame layout | all |
//! | `low32` | variables whose upper 32 bits nothing reads: their 32-bit results, `i32` parameters and call results are not sign-extended; variables holding only sign-extended 32-bit values convert to floats from their low half (`low32.rs`, part of `isel`) | 1, 2 |
//! | `fuse` | compare-and-branch fusion, loads folded into the next operation, `ld` results kept on the x87 stack (part of `isel`) | 1, 2 |
//! | `peephole` | jump threading, local clean-ups and loop rotation on the selected instructions | 1, 2 |
//! | `emit` | encoding, branch relaxation, constant pool | all |
//!
//! The target is x86-64 System V (`isa/x64`); the encoder lives in
//! `mirage-target`. Output is deterministic: no hash-map order reaches any
//! decision, so the same input gives byte-identical code (DESIGN
//! decision 7).
//!
//! # Frame layout (DESIGN decision 4)
//!
//! Functions that move `rsp` (alloca, block start/end), variadic functions,
//! `jcall`/`jret` functions and every function at `-O0` keep `rbp` as the
//! frame pointer; the others address their frame from `rsp` and may keep a
//! variable in `rbp`. Only variables that live in memory have a home slot;
//! [`Compiled::var_locs`] says where each variable lives and
//! [`Compiled::var_slots`] where the memory-resident ones are, which is what
//! a later OSR/deoptimization map needs.

pub mod cfg;
mod coalesce;
mod globals;
mod isa;
pub mod opt;
mod regalloc;
mod split;

use mirage_ir::{ItemId, ItemKind, Module};
use std::fmt;

pub use mirage_target::x64::Reloc;
pub use regalloc::Loc;

/// Runtime helpers generated code may call (`extern "C"`, SysV).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Helper {
    /// `extern "C" fn(dest: *mut u8, va: *mut VaList, size: u64, case: u64)`:
    /// MIR's `va_block_arg` (spec §5.15, §6.4) — copy the next variadic
    /// block argument of `size` bytes passed with SysV `case` to `dest` and
    /// advance the `va_list` (the interpreter's `valist::VaList::block_arg`).
    VaBlockArg,
}

/// How generated code reaches a directly called item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallTarget {
    /// A MIR function's table slot: `call [rip+slot]` (the slot must be
    /// within ±2 GiB of the code; DESIGN decision 1).
    Slot(u64),
    /// Code within ±2 GiB of the generated code (a thunk, a stub):
    /// `call rel32`.
    Near(u64),
    /// Any address (a C library function): `mov r11, imm64; call r11`.
    Far(u64),
}

/// What the generator needs from the runtime. Every address is final: the
/// generated code embeds absolute addresses (`Far`, data) or gets
/// relocations against them (`Slot`, `Near`).
pub trait CodegenEnv {
    /// The run-time address of item `item` of `modules[module]`: data
    /// storage, a function's thunk (its permanent address), an import's
    /// resolved target.
    fn item_address(&self, module: usize, item: ItemId) -> Result<u64, String>;

    /// How to call item `item` (a function, import, export or forward) of
    /// `modules[module]` directly.
    fn call_target(&self, module: usize, item: ItemId) -> Result<CallTarget, String>;

    /// The address of a runtime helper.
    fn helper_address(&self, helper: Helper) -> Result<u64, String>;

    /// The address of writable memory holding `bytes`, the contents of a
    /// string literal operand (spec §4.6: programs may write through it),
    /// kept alive as long as the generated code. Called once for every
    /// string operand the generator materializes. The default has no such
    /// memory: the generator then places the string in the function's
    /// read-only constant pool.
    fn string_address(&self, bytes: &[u8]) -> Result<u64, String> {
        let _ = bytes;
        Err("no writable string memory".into())
    }
}

/// Options of one compilation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodegenOptions {
    /// 0: compile speed (no passes, every variable in its slot);
    /// 1: the MIR optimizer at its level 1, register allocation,
    /// compare-and-branch fusion, peephole;
    /// 2 (default): the same with the optimizer at level 2 (inlining,
    /// LICM, redundant load elimination) and live-range splitting.
    pub opt_level: u8,
    /// Names of passes to skip (see the crate documentation). Names of the
    /// optimizer's passes ([`opt::PASSES`]) are forwarded to it; its `cfg`
    /// is named `opt:cfg` here.
    pub disable: Vec<String>,
    /// Capture the result of this pass in [`Compiled::dump`] (`opt` gives
    /// the optimized MIR; an optimizer pass name, or `opt:<pass>`, the MIR
    /// after that pass).
    pub dump_after: Option<String>,
}

impl Default for CodegenOptions {
    fn default() -> Self {
        CodegenOptions {
            opt_level: 2,
            disable: Vec::new(),
            dump_after: None,
        }
    }
}

impl CodegenOptions {
    /// Options for an optimization level.
    pub fn level(opt_level: u8) -> CodegenOptions {
        CodegenOptions {
            opt_level,
            ..CodegenOptions::default()
        }
    }

    /// Whether pass `name` runs at this level and is not disabled.
    pub fn runs(&self, name: &str) -> bool {
        let min = match name {
            "opt" => 1,
            "live" | "regalloc" | "coalesce" | "fuse" | "peephole" | "low32" | "shrink" => 1,
            "split" => 2,
            _ => 0,
        };
        self.opt_level >= min && !self.disable.iter().any(|d| d == name)
    }
}

/// The shape of a compiled function's frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameInfo {
    /// `rbp` is set up as the frame pointer (else `rbp` may hold a
    /// variable and the frame is addressed from `rsp`).
    pub frame_pointer: bool,
    /// Number of 16-byte slots (memory-resident variables and generator
    /// scratch).
    pub slots: u32,
    /// Bytes the prologue pushes and reserves below the return address
    /// (and the saved rbp).
    pub size: u32,
}

/// Numbers about one compilation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// MIR instructions compiled (labels excluded).
    pub mir_insns: usize,
    /// Machine instructions emitted.
    pub machine_insns: usize,
    /// Code bytes (the constant pool included).
    pub code_bytes: usize,
    /// Variables that live in registers.
    pub in_registers: usize,
    /// Variables that wanted a register but live in their slots.
    pub spilled: usize,
    /// Branch relaxation rounds.
    pub relax_rounds: u32,
}

/// A compiled function, ready to be placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    /// Machine code followed by its constant pool; must be placed at a
    /// 16-byte aligned address.
    pub code: Vec<u8>,
    /// Patches to apply once the placement address is known.
    pub relocs: Vec<Reloc>,
    /// Offset of each label of the function (by `LabelId`), for `lref`
    /// data (`code address + offset`); `None` for labels not placed.
    pub labels: Vec<Option<u32>>,
    /// Where each variable lives (by `VarId`).
    pub var_locs: Vec<Loc>,
    /// The home slot of each variable that has one (by `VarId`): its
    /// offset from `rbp` (with a frame pointer) or from `rsp` after the
    /// prologue (without).
    pub var_slots: Vec<Option<i32>>,
    pub frame: FrameInfo,
    pub stats: Stats,
    /// The text `dump_after` asked for.
    pub dump: Option<String>,
}

impl Compiled {
    /// Applies every relocation for code placed at `address`. Fails if a
    /// target is out of rel32 reach.
    pub fn relocate(&self, code: &mut [u8], address: u64) -> Result<(), CodegenError> {
        for r in &self.relocs {
            if !r.apply(code, address) {
                return Err(CodegenError::OutOfReach(r.target));
            }
        }
        Ok(())
    }
}

/// Why a function could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodegenError {
    /// The item is not a function definition.
    NotAFunction,
    /// IR the generator cannot handle (bad operands, internal opcodes).
    BadIr(String),
    /// A feature not implemented by this generator.
    Unsupported(String),
    /// The environment could not resolve something.
    Env(String),
    /// A relocation target is not within rel32 reach of the code.
    OutOfReach(u64),
    /// The frame or code is too large.
    TooLarge,
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodegenError::NotAFunction => f.write_str("item is not a function"),
            CodegenError::BadIr(m) => write!(f, "bad IR: {m}"),
            CodegenError::Unsupported(m) => write!(f, "unsupported: {m}"),
            CodegenError::Env(m) => write!(f, "environment: {m}"),
            CodegenError::OutOfReach(t) => write!(f, "target {t:#x} is out of rel32 reach"),
            CodegenError::TooLarge => f.write_str("function too large"),
        }
    }
}

impl std::error::Error for CodegenError {}

/// Collects the dump of the pass named in the options.
pub(crate) struct Dumper<'a> {
    want: Option<&'a str>,
    pub out: Option<String>,
}

impl<'a> Dumper<'a> {
    fn new(opts: &'a CodegenOptions) -> Dumper<'a> {
        Dumper {
            want: opts.dump_after.as_deref(),
            out: None,
        }
    }
    /// Records `text()` if `pass` is the one asked for.
    pub fn after(&mut self, pass: &str, text: impl FnOnce() -> String) {
        if self.want == Some(pass) {
            self.out = Some(text());
        }
    }
}

/// Compiles function `item` of `modules[module]`.
pub fn compile_func(
    modules: &[Module],
    module: usize,
    item: ItemId,
    env: &dyn CodegenEnv,
    opts: &CodegenOptions,
) -> Result<Compiled, CodegenError> {
    let m = modules.get(module).ok_or(CodegenError::NotAFunction)?;
    let it = m
        .items
        .get(item.index())
        .ok_or(CodegenError::NotAFunction)?;
    let ItemKind::Func(f) = &it.kind else {
        return Err(CodegenError::NotAFunction);
    };
    let mut dumper = Dumper::new(opts);
    isa::x64::compile(modules, module, item, f, env, opts, &mut dumper)
}
