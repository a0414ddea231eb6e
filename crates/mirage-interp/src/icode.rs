//! ICode: the pre-decoded form the interpreter executes.
//!
//! Each MIR function is lowered once ([`crate::lower`]) into a [`Code`]: a
//! dense array of fixed-size [`Inst`]s plus side tables. An `Inst` is 24
//! bytes:
//!
//! ```text
//!   h: Handler   the function that executes it (direct threading)
//!   a: u32       usually the destination: a byte offset from the frame pointer
//!   b: u32       usually the first source (frame offset), or a branch
//!                displacement in bytes relative to this instruction
//!   x: u64       second source (frame offset in the low 32 bits), a 64-bit
//!                immediate, a displacement, or a pointer to side data
//! ```
//!
//! Operand kinds are specialized into the handler: `add` with a register
//! second operand and `add` with an immediate are different handlers, a
//! load from `base + disp` and a load from `base + index*4 + disp` are
//! different handlers, so no handler decodes an operand kind at run time.
//! Operands that are neither (float immediates, immediates in first-source
//! position, references, strings) live in *constant slots* of the frame,
//! filled from [`Code::consts`] on entry; memory operands of instructions
//! other than moves are split into a load or store micro-instruction and a
//! register form using a temporary slot, as MIR's own simplifier does.
//!
//! A few frequent pairs are fused into one instruction: a compare with an
//! immediate and a branch (MIR's own `b<cond>` forms, specialized per
//! operand kind), a binary operation with a memory source (`dmul x, y,
//! d:(b, i, 8)`) or on memory in place (`add i64:8(o), i64:8(o), k`), and a
//! loop increment with the loop test (`add i, i, 1` + the rotated
//! `b<cond>` of a backward `jmp`), `mul t, a, b` + `add t, t, c` (index
//! arithmetic), `and t, x, imm` + a zero test of `t`, a range check +
//! the `switch` it guards, a table load + the `jmpi` it feeds. A redundant
//! `ext32` after a signed 32-bit operation disappears, and division by a
//! power of two is a shift.
//!
//! Direct calls of small leaf functions are inlined: the callee's
//! variables live in a region of the caller's frame after the constants
//! (parameters that are never assigned read the argument slots directly,
//! returned locals may live in the result slots), and [`Code::src`] maps
//! the inlined instructions to the callee's own (`Code::inl_src`), so traps
//! name the callee. (See [`crate::lower`].)
//!
//! Branch targets are byte displacements from the branching instruction;
//! `laddr`/`lref` label addresses are the absolute addresses of `Inst`s,
//! which are stable because a `Code` never moves once built (it is boxed
//! and owned by the [`Program`](crate::Program) until the program is
//! dropped).
//!
//! # Frame layout (DESIGN decision 4)
//!
//! A frame is an array of 16-byte slots at a 16-byte aligned frame pointer
//! `fp`; slot *k* is at `fp + 16*k`:
//!
//! ```text
//!   slot 0 .. nvars            variable VarId(k) (parameters first, in order:
//!                              MIR register number k+1); ints in the low 8
//!                              bytes, f in the low 4, d in the low 8, ld in
//!                              the low 10 (x87 image)
//!   nvars .. +2 (variadic)     the va_list state left after the fixed
//!                              parameters (24 bytes), for `va_start`
//!   .. + ntemps                temporaries (values of memory operands within
//!                              one instruction)
//!   .. + nconsts               constants, copied from Code::consts on entry
//!   .. end                     variables and block copies of inlined callees
//! ```
//!
//! preceded by the 64-byte frame record (`exec::Frame`: caller link, code,
//! return address, how to return, `setjmp` serial, and for frames that
//! need it the stack mark) at `fp - 64` and
//! followed by the copies of by-value block arguments and then the
//! function's `alloca` memory, all on the interpreter's chunked value stack
//! (see `exec::Stack`), so every slot and every alloca has a stable address
//! for the activation's lifetime. `addr v` yields `fp + 16*v`.

use crate::exec::Cx;
use crate::program::{Callee, FuncIdx};
use mirage_ir::abi::{ArgKind, CallSig, Val};
use mirage_ir::Type;
use std::sync::atomic::{AtomicPtr, AtomicU64};

/// How a handler leaves the dispatch chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Exit {
    /// Loop dispatch only: `Cx::ip`/`Cx::fp` hold the next instruction.
    Continue,
    /// The entry frame returned; results are in `Cx::results`.
    Return,
    /// A trap; details in `Cx::trap`, the faulting instruction in
    /// `Cx::trap_ip`.
    Trap,
}

/// An instruction handler. `ip` is the instruction being executed, `fp` the
/// current frame pointer.
///
/// # Safety
/// `ip` must point into the `insts` of a live [`Code`], `fp` to a frame of
/// that function laid out as documented above, and `cx` must be the context
/// that owns the frame; lowering validates every offset and displacement, so
/// under these conditions a handler only touches valid frame slots and valid
/// instructions (program-supplied addresses in loads and stores are the
/// program's responsibility, as in C).
pub(crate) type Handler = unsafe fn(*const Inst, *mut u8, &mut Cx) -> Exit;

/// One ICode instruction (see the module documentation).
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct Inst {
    pub h: Handler,
    pub a: u32,
    pub b: u32,
    pub x: u64,
}

pub(crate) const INST_SIZE: usize = core::mem::size_of::<Inst>();
const _: () = assert!(INST_SIZE == 24);

/// Size of a frame slot.
pub(crate) const SLOT: u32 = 16;
const _: () = assert!(core::mem::size_of::<Val>() == SLOT as usize);

/// One argument of a call site: where its value is and how it is passed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ArgSrc {
    /// Frame offset of the value (for blocks: of the block's address).
    pub off: u32,
    pub kind: ArgKind,
    /// For fast interpreted calls (`calls::call_fast`): the one extension
    /// that the prototype's conversion followed by the callee's
    /// re-extension amounts to (`LD`: copy the whole slot).
    pub conv: Type,
}

/// One result of a call site: the caller's slot and the proto result type
/// (narrow integers are extended after the call).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ResDst {
    pub off: u32,
    pub ty: Type,
}

/// What a call site calls.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    /// Resolved when the function was lowered.
    Direct(Callee),
    /// The address is in the frame slot at this offset.
    Indirect(u32),
}

/// Side data of a `call`/`inline`/`jcall`.
pub(crate) struct CallSite {
    pub target: Target,
    /// Cached code of a direct interpreted callee (set on first call)…
    pub code: AtomicPtr<Code>,
    /// … its entry (stored after `code`, so a non-null entry means both
    /// are set) …
    pub entry: AtomicPtr<Inst>,
    /// … and the bytes to allocate for its frame, record and slots (stored
    /// before `code`).
    pub fsize: AtomicU64,
    /// The environment's token for native calls with `sig`
    /// (`LinkEnv::prepare_native`; `u64::MAX` until the first one).
    pub ff: AtomicU64,
    /// Fixed arguments first, then variadic extras.
    pub args: Box<[ArgSrc]>,
    pub results: Box<[ResDst]>,
    /// The native signature (results, then argument kinds).
    pub sig: CallSig,
    pub jcall: bool,
    /// Every argument is an integer (not a block), `f` or `d`.
    pub scalar_args: bool,
    /// An indirect call of at most [`MAX_INT_ARGS`] arguments, none a
    /// block or `ld`: `iargs` holds each one's extension per its kind.
    pub ind_args: bool,
    /// For `scalar_args` sites: where each argument goes in a SysV
    /// va_list image (byte offset from the register-save area, the stack
    /// arguments following it) and its extension (`f`: the low 32 bits)…
    pub va_layout: Box<[(IntArg, u32)]>,
    /// … and the image's size.
    pub va_bytes: u32,
    /// Fast calls: bytes of by-value block copies after the callee's slots.
    pub extra: u32,
    /// For `calls::call_int` (a fast call with at most [`MAX_INT_ARGS`]
    /// arguments, none a block or `ld`): each argument's offset and
    /// extension, packed.
    pub iargs: [IntArg; MAX_INT_ARGS],
    /// How `calls::ret_fast` returns to this site: [`RET_NONE`],
    /// [`RET_ONE`], [`RET_INT`] or [`RET_SLOW`].
    pub rk: u8,
    /// For [`RET_INT`]: the result slot and the one extension that the
    /// callee's result type followed by the prototype's amounts to.
    pub rext: IntArg,
    /// `rk` and `rext` packed for the callee's frame record: bits 0–7
    /// `rk`, 8–15 the shift, bit 16 signed, 32–63 the result offset.
    pub retpack: u64,
}

/// Arguments `calls::call_int` handles.
pub(crate) const MAX_INT_ARGS: usize = 6;

/// [`CallSite::rk`]: no results, not a `jcall`.
pub(crate) const RET_NONE: u8 = 0;
/// [`CallSite::rk`]: one result, not a `jcall`.
pub(crate) const RET_ONE: u8 = 1;
/// [`CallSite::rk`]: anything else (the general `calls::ret`).
pub(crate) const RET_SLOW: u8 = 2;
/// [`CallSite::rk`]: one result from a direct call of a function that
/// returns one value, its extensions combined in [`CallSite::rext`].
pub(crate) const RET_INT: u8 = 3;

/// One argument of `calls::call_int`: the caller's slot and the combined
/// extension as a shift: the value is shifted left by `sh`, then right by
/// `sh` (arithmetically if `sgn`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct IntArg {
    pub off: u32,
    pub sh: u8,
    pub sgn: bool,
}

impl IntArg {
    /// The packed form of the extension `conv` (identity for non-narrow
    /// types).
    pub fn new(off: u32, conv: Type) -> IntArg {
        let (sh, sgn) = match conv {
            Type::I8 => (56, true),
            Type::U8 => (56, false),
            Type::I16 => (48, true),
            Type::U16 => (48, false),
            Type::I32 => (32, true),
            Type::U32 => (32, false),
            _ => (0, false),
        };
        IntArg { off, sh, sgn }
    }

    /// The single extension equal to extending per `inner`, then per
    /// `outer` (None if there is none: a signed narrow inner under a wider
    /// unsigned outer).
    pub fn combine(off: u32, inner: Type, outer: Type) -> Option<IntArg> {
        let i = IntArg::new(off, inner);
        let o = IntArg::new(off, outer);
        if i.sh == 0 || o.sh >= i.sh || !i.sgn || o.sgn {
            Some(if i.sh == 0 || o.sh >= i.sh { o } else { i })
        } else {
            None
        }
    }

    /// Applies the extension to `v`.
    #[inline(always)]
    pub fn ext(self, v: u64) -> u64 {
        let sh = self.sh as u32;
        let l = v << sh;
        let s = ((l as i64) >> sh) as u64;
        let u = l >> sh;
        if self.sgn {
            s
        } else {
            u
        }
    }
}

/// One value of a `ret`: its slot and the function's result type.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RetVal {
    pub off: u32,
    pub ty: Type,
}

/// A parameter as the frame set-up sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ParamInfo {
    pub ty: Type,
    /// Block size (blocks only).
    pub size: u32,
}

/// The lowered form of one function.
pub(crate) struct Code {
    pub func: FuncIdx,
    pub name: String,
    pub insts: Box<[Inst]>,
    /// For each instruction, the index of the MIR instruction it came from,
    /// or for an instruction of an inlined callee, `lower::INL_SRC` | an
    /// index into `inl_src`.
    pub src: Box<[u32]>,
    /// Positions of inlined instructions: (callee, its MIR instruction).
    pub inl_src: Box<[(FuncIdx, u32)]>,
    /// For each MIR label, the index of its instruction.
    pub labels: Box<[u32]>,
    /// Bit set over instruction indices: label targets (for `jmpi`).
    pub label_bits: Box<[u64]>,
    pub params: Box<[ParamInfo]>,
    /// Not variadic and no by-value block parameter: arguments can be
    /// copied straight into the parameter slots.
    pub simple: bool,
    pub vararg: bool,
    /// A parameter is `ld`.
    pub ld_params: bool,
    /// Each parameter's re-extension (identity for non-narrow types).
    pub pext: Box<[IntArg]>,
    /// Frame offset of the saved va_list state (variadic functions).
    pub va_off: u32,
    /// Bytes of frame slots.
    pub frame_size: u32,
    /// Frame offset of the constant slots and their initial values.
    pub const_off: u32,
    pub consts: Box<[Val]>,
    // Side tables the instructions point into (kept alive here, never
    // read through these fields).
    pub _calls: Box<[CallSite]>,
    pub _rets: Box<[Box<[RetVal]>]>,
    pub _switches: Box<[Box<[i64]>]>,
    /// Storage of string operands and messages (their addresses are
    /// immediates).
    pub _strings: Box<[Box<[u8]>]>,
}

impl Code {
    #[inline]
    pub fn entry(&self) -> *const Inst {
        self.insts.as_ptr()
    }

    /// Index of the instruction at `ip` if it is inside this code.
    pub fn index_of(&self, ip: *const Inst) -> Option<usize> {
        let start = self.insts.as_ptr() as usize;
        let p = ip as usize;
        let end = start + self.insts.len() * INST_SIZE;
        if p >= start && p < end && (p - start).is_multiple_of(INST_SIZE) {
            Some((p - start) / INST_SIZE)
        } else {
            None
        }
    }

    /// Whether `addr` is the address of a label of this function.
    #[inline(always)]
    pub fn is_label_address(&self, addr: u64) -> bool {
        const _: () = assert!(INST_SIZE == 24);
        // The instruction index without a division: `off / 8` times the
        // inverse of 3 modulo 2^64 is `off / 24` when `off` is a multiple
        // of 24, and at least 2^64 / 3 (beyond any index) otherwise.
        const INV3: u64 = 0xaaaa_aaaa_aaaa_aaab;
        let off = addr.wrapping_sub(self.insts.as_ptr() as u64);
        let i = (off >> 3).wrapping_mul(INV3);
        if off & 7 != 0 || i >= self.insts.len() as u64 {
            return false;
        }
        match self.label_bits.get((i / 64) as usize) {
            Some(w) => w >> (i % 64) & 1 != 0,
            None => false,
        }
    }

    /// The function and MIR instruction index of the instruction at `ip`
    /// (an inlined instruction belongs to its callee).
    pub fn insn_at(&self, ip: *const Inst) -> Option<(FuncIdx, usize)> {
        self.index_of(ip).map(|i| {
            let s = self.src[i];
            if s & crate::lower::INL_SRC != 0 {
                let (f, k) = self.inl_src[(s & !crate::lower::INL_SRC) as usize];
                (f, k as usize)
            } else {
                (self.func, s as usize)
            }
        })
    }
}
