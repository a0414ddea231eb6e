//! The execution core: the run-time context, the value stack and frames,
//! the two dispatch drivers, and frame set-up for calls.
//!
//! # Dispatch
//!
//! Handlers share one signature, `(ip, fp, cx) -> Exit` ([`Handler`]), and
//! are stored in the instructions themselves. The [`next!`] macro ends every
//! handler:
//!
//! * **tail** mode (`T = true`): `return (next.h)(next, fp, cx)`. With the
//!   instruction and frame pointers in argument registers and nothing to
//!   drop, LLVM compiles this call in tail position into an indirect jump at
//!   opt-level >= 2, so the chain of handlers runs in one machine stack
//!   frame: threaded code with the hot state in registers. A test runs a
//!   long loop on a 64 KiB thread stack to catch a handler that stops
//!   tail-calling.
//! * **loop** mode (`T = false`): the handler stores `ip`/`fp` into the
//!   context and returns [`Exit::Continue`] to [`run`]'s loop. Portable, used
//!   in debug builds and for tracing.
//!
//! Both variants of every handler are compiled (a const generic); lowering
//! picks one set per program.
//!
//! # Frames and the value stack
//!
//! MIR→MIR calls never recurse in Rust: a call allocates a [`Frame`] record
//! followed by the callee's slots on the [`Stack`], a chunked bump
//! allocator whose chunks never move, so slot addresses (`addr`) and
//! `alloca` memory stay valid for the activation's lifetime; the records
//! are linked to their callers. A return resets the stack top, freeing the
//! record, the slots, block copies and allocas at once. Depth and total stack memory are bounded by [`InterpConfig`]; going
//! over is a clean [`Trap::StackOverflow`].
//!
//! [`InterpConfig`]: crate::InterpConfig
//! [`Trap::StackOverflow`]: crate::Trap::StackOverflow

use crate::icode::{ArgSrc, CallSite, Code, Exit, Handler, Inst, RET_SLOW, SLOT};
use crate::program::{Callee, Program};
use crate::trace::TraceState;
use crate::trap::{Location, Trap, TrapKind};
use crate::valist::{ArgImage, VaList, REG_SAVE_AREA_SIZE};
use mirage_ir::abi::{ArgKind, Val};
use mirage_ir::Type;
use std::collections::HashMap;
use std::ptr;

/// Ends a handler: continue with instruction `$ip` in frame `$fp`.
macro_rules! next {
    ($T:ident, $ip:expr, $fp:expr, $cx:expr) => {{
        let ip: *const $crate::icode::Inst = $ip;
        let fp: *mut u8 = $fp;
        if $T {
            return ((*ip).h)(ip, fp, $cx);
        }
        $cx.ip = ip;
        $cx.fp = fp;
        return $crate::icode::Exit::Continue;
    }};
}
pub(crate) use next;

/// Picks the tail or loop instance of a generic handler.
macro_rules! hsel {
    ($tail:expr, $($f:ident)::+ $(:: <$($g:tt),* $(,)?>)?) => {
        if $tail {
            $($f)::+::<true $($(, $g)*)?> as $crate::icode::Handler
        } else {
            $($f)::+::<false $($(, $g)*)?> as $crate::icode::Handler
        }
    };
}
pub(crate) use hsel;

// ---------------------------------------------------------------------------
// Frame-slot access. Offsets come from lowering, which validates them
// against the frame size; slots are 16-byte aligned.

#[inline(always)]
pub(crate) unsafe fn slot(fp: *mut u8, off: u32) -> *mut u8 {
    fp.add(off as usize)
}
#[inline(always)]
pub(crate) unsafe fn rd(fp: *mut u8, off: u32) -> u64 {
    (fp.add(off as usize) as *const u64).read()
}
#[inline(always)]
pub(crate) unsafe fn wr(fp: *mut u8, off: u32, v: u64) {
    (fp.add(off as usize) as *mut u64).write(v)
}
#[inline(always)]
pub(crate) unsafe fn rd_val(fp: *mut u8, off: u32) -> Val {
    (fp.add(off as usize) as *const Val).read()
}
#[inline(always)]
pub(crate) unsafe fn wr_val(fp: *mut u8, off: u32, v: Val) {
    (fp.add(off as usize) as *mut Val).write(v)
}

/// Extends an integer value per a narrow type (identity for other types).
#[inline(always)]
pub(crate) fn ext_ty(ty: Type, v: u64) -> u64 {
    match ty {
        Type::I8 => v as i8 as i64 as u64,
        Type::U8 => v as u8 as u64,
        Type::I16 => v as i16 as i64 as u64,
        Type::U16 => v as u16 as u64,
        Type::I32 => v as i32 as i64 as u64,
        Type::U32 => v as u32 as u64,
        _ => v,
    }
}

/// Extends per an argument kind.
#[inline(always)]
pub(crate) fn ext_kind(k: ArgKind, v: u64) -> u64 {
    match k {
        ArgKind::I8 => v as i8 as i64 as u64,
        ArgKind::U8 => v as u8 as u64,
        ArgKind::I16 => v as i16 as i64 as u64,
        ArgKind::U16 => v as u16 as u64,
        ArgKind::I32 => v as i32 as i64 as u64,
        ArgKind::U32 => v as u32 as u64,
        _ => v,
    }
}

/// Applies an integer extension to a whole slot value (no-op for non-int
/// types).
#[inline(always)]
pub(crate) fn ext_val(ty: Type, v: Val) -> Val {
    // I8..U32 are the type codes 0..=5.
    if (ty as u8) <= Type::U32 as u8 {
        Val::from_i64(ext_ty(ty, v.i64() as u64) as i64)
    } else {
        v
    }
}

// ---------------------------------------------------------------------------
// The value stack.

/// A position on the [`Stack`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub chunk: u32,
    pub top: *mut u8,
}

struct Chunk {
    mem: Box<[Val]>,
}

impl Chunk {
    fn base(&self) -> *mut u8 {
        self.mem.as_ptr() as *mut u8
    }
    fn end(&self) -> *mut u8 {
        self.base().wrapping_add(self.mem.len() * 16)
    }
}

const FIRST_CHUNK: usize = 64 << 10;
const MAX_CHUNK: usize = 16 << 20;

/// A chunked bump allocator for frames, block-argument copies and `alloca`
/// memory. Chunks never move; releasing is resetting the top to a [`Mark`].
/// Memory comes zeroed from the system and is reused without clearing, so
/// every byte read is initialized.
pub(crate) struct Stack {
    chunks: Vec<Chunk>,
    cur: usize,
    top: *mut u8,
    end: *mut u8,
    allocated: usize,
    limit: usize,
}

impl Stack {
    pub fn new(limit: usize) -> Stack {
        Stack {
            chunks: Vec::new(),
            cur: 0,
            top: ptr::null_mut(),
            end: ptr::null_mut(),
            allocated: 0,
            limit,
        }
    }

    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    #[inline(always)]
    pub fn mark(&self) -> Mark {
        Mark {
            chunk: self.cur as u32,
            top: self.top,
        }
    }

    #[inline(always)]
    pub fn top(&self) -> *mut u8 {
        self.top
    }

    /// The current chunk.
    #[inline(always)]
    pub fn chunk(&self) -> u32 {
        self.cur as u32
    }

    /// `n` bytes (a multiple of 16), 16-byte aligned; null when the limit
    /// is reached.
    #[inline(always)]
    pub fn alloc(&mut self, n: usize) -> *mut u8 {
        let avail = self.end as usize - self.top as usize;
        if n <= avail {
            let p = self.top;
            self.top = p.wrapping_add(n);
            p
        } else {
            self.alloc_slow(n)
        }
    }

    /// `n` bytes (a multiple of 16, not 0) from the current chunk; None if
    /// it has no room (the caller falls back to [`Cx::alloc`]).
    #[inline(always)]
    pub fn try_alloc(&mut self, n: usize) -> Option<*mut u8> {
        // An empty stack has a null top and end: no room for any `n > 0`.
        let avail = self.end as usize - self.top as usize;
        if n <= avail {
            let p = self.top;
            self.top = p.wrapping_add(n);
            Some(p)
        } else {
            None
        }
    }

    #[cold]
    fn alloc_slow(&mut self, n: usize) -> *mut u8 {
        let next = if self.top.is_null() { 0 } else { self.cur + 1 };
        if next < self.chunks.len() && self.chunks[next].mem.len() * 16 < n {
            // Too small for this request: replace it (chunks above the
            // current one hold nothing live).
            self.allocated -= self.chunks[next].mem.len() * 16;
            self.chunks.truncate(next);
        }
        if next >= self.chunks.len() {
            let grow = FIRST_CHUNK << self.chunks.len().min(8);
            let size = grow.min(MAX_CHUNK).max(n.next_multiple_of(16));
            if self.allocated + size > self.limit {
                return ptr::null_mut();
            }
            self.allocated += size;
            self.chunks.push(Chunk {
                mem: vec![Val::ZERO; size / 16].into_boxed_slice(),
            });
        }
        self.cur = next;
        let c = &self.chunks[next];
        self.top = c.base().wrapping_add(n);
        self.end = c.end();
        c.base()
    }

    /// Moves the top within the current chunk (to a position at or
    /// below it).
    #[inline(always)]
    pub fn set_top(&mut self, top: *mut u8) {
        self.top = top;
    }

    /// Resets the top to `m`.
    #[inline(always)]
    pub fn release(&mut self, m: Mark) {
        if m.top.is_null() {
            // Back to the empty state: the next allocation starts chunk 0.
            self.cur = 0;
            self.top = ptr::null_mut();
            self.end = ptr::null_mut();
            return;
        }
        if m.chunk as usize != self.cur {
            self.cur = m.chunk as usize;
            self.end = match self.chunks.get(m.chunk as usize) {
                Some(c) => c.end(),
                None => ptr::null_mut(),
            };
        }
        self.top = m.top;
    }

    /// `bend`: moves the top to `pos` if it lies between `floor` and the
    /// end of the chunk holding it, in a chunk not above the current one.
    pub fn bend(&mut self, pos: u64, floor: Mark) -> bool {
        if !pos.is_multiple_of(16) {
            return false;
        }
        let p = pos as usize;
        let first = floor.chunk as usize;
        for c in (first..=self.cur.min(self.chunks.len().saturating_sub(1))).rev() {
            let ch = &self.chunks[c];
            let (lo, hi) = (ch.base() as usize, ch.end() as usize);
            let lo = if c == first { floor.top as usize } else { lo };
            if p >= lo && p <= hi {
                self.cur = c;
                self.end = ch.end();
                self.top = p as *mut u8;
                return true;
            }
        }
        false
    }

    /// Frees chunks beyond the first two (after a deep recursion).
    pub fn trim(&mut self) {
        if self.chunks.len() > 2 && self.cur < 2 {
            for c in self.chunks.drain(2..) {
                self.allocated -= c.mem.len() * 16;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Frames and the context.

/// One activation. The record lives on the value stack right below the
/// frame's slots (`fp - FRAME_HDR`), so a call allocates its record and its
/// slots with one bump and a return frees both by resetting the top; the
/// records form a list through `prev`.
///
/// Most frames are *implicit*: pushed by a fast call at the top of the
/// current chunk, so the stack position before the frame is the record's
/// own address in the current chunk, and the return needs no saved mark.
/// Only `prev`, `code`, `ret_ip`, `serial` and `retpack` are written for
/// them. *Explicit* frames ([`FRAME_EXPLICIT`] in `retpack`) also carry
/// their mark and chunk: frames pushed by the general paths (which may
/// start a new chunk), and an implicit frame that is the top frame when an
/// allocation moves to another chunk (see [`Cx::alloc`]), so an implicit
/// top frame is always in the current chunk.
#[repr(C)]
pub(crate) struct Frame {
    /// The caller's frame (null for the entry frame).
    pub prev: *mut Frame,
    pub code: *const Code,
    /// Where the caller continues; null for the entry frame. The call
    /// instruction is the one before it (its `x` is the [`CallSite`]).
    pub ret_ip: *const Inst,
    /// Explicit frames: the stack top before this frame (restored on
    /// return)…
    pub mark_top: *mut u8,
    /// … and its chunk.
    pub mark_chunk: u32,
    /// Explicit frames: the chunk holding the frame.
    pub fp_chunk: u32,
    /// 0, or a number unique per activation once the frame has called
    /// `setjmp` (for `longjmp` validation).
    pub serial: u64,
    /// How to return to the caller: the call site's
    /// [`CallSite::retpack`] (read by `calls::ret_fast` without going
    /// through the call instruction); for explicit frames and the entry
    /// frame, `RET_SLOW` with [`FRAME_EXPLICIT`] (so `ret_fast` leaves
    /// them to the general `calls::ret`).
    pub retpack: u64,
    /// Never written (keeps the slots 16-byte aligned).
    _pad: u64,
}

/// [`Frame::retpack`]: the frame's mark and chunk are stored.
pub(crate) const FRAME_EXPLICIT: u64 = 1 << 24;

/// Size of a frame record; slots follow it, 16-byte aligned.
pub(crate) const FRAME_HDR: usize = 64;
const _: () = assert!(core::mem::size_of::<Frame>() == FRAME_HDR);

impl Frame {
    /// The frame pointer (first slot).
    #[inline(always)]
    pub fn fp(this: *const Frame) -> *mut u8 {
        (this as *mut u8).wrapping_add(FRAME_HDR)
    }

    /// The record of the frame at `fp`. A handler's `fp` is the top
    /// frame's, so this is `Cx::top` computed without a memory access.
    #[inline(always)]
    pub fn of(fp: *mut u8) -> *mut Frame {
        fp.wrapping_sub(FRAME_HDR) as *mut Frame
    }

    #[inline(always)]
    pub fn explicit(&self) -> bool {
        self.retpack & FRAME_EXPLICIT != 0
    }
}

/// The stack position before the top frame `f` (restored on return).
#[inline(always)]
pub(crate) unsafe fn frame_mark(cx: &Cx, f: *const Frame) -> Mark {
    if (*f).explicit() {
        Mark {
            chunk: (*f).mark_chunk,
            top: (*f).mark_top,
        }
    } else {
        // An implicit top frame is at the old top of the current chunk.
        Mark {
            chunk: cx.stack.chunk(),
            top: f as *mut u8,
        }
    }
}

/// The lowest position `bend` may restore in the top frame `f`: the end
/// of the frame's slots (block-argument copies and allocas follow).
pub(crate) unsafe fn frame_floor(cx: &Cx, f: *const Frame) -> Mark {
    let chunk = if (*f).explicit() {
        (*f).fp_chunk
    } else {
        cx.stack.chunk()
    };
    Mark {
        chunk,
        top: Frame::fp(f).wrapping_add((*(*f).code).frame_size as usize),
    }
}

/// Writes an explicit frame record at `at` (the start of an allocation of
/// `FRAME_HDR + frame size` bytes, made after `mark`) and makes it the top
/// frame; returns the frame pointer.
#[inline(always)]
pub(crate) unsafe fn push_frame(
    cx: &mut Cx,
    at: *mut u8,
    code: *const Code,
    ret_ip: *const Inst,
    mark: Mark,
    retpack: u64,
) -> *mut u8 {
    let f = at as *mut Frame;
    ptr::addr_of_mut!((*f).mark_top).write(mark.top);
    ptr::addr_of_mut!((*f).mark_chunk).write(mark.chunk);
    ptr::addr_of_mut!((*f).fp_chunk).write(cx.stack.chunk());
    cx.depth += 1;
    let f = at as *mut Frame;
    ptr::addr_of_mut!((*f).prev).write(cx.top);
    ptr::addr_of_mut!((*f).code).write(code);
    ptr::addr_of_mut!((*f).ret_ip).write(ret_ip);
    ptr::addr_of_mut!((*f).serial).write(0);
    ptr::addr_of_mut!((*f).retpack).write((retpack & !0xff) | RET_SLOW as u64 | FRAME_EXPLICIT);
    cx.top = f;
    at.add(FRAME_HDR)
}

/// Writes an implicit frame record at `at`, which must be the stack top
/// of the current chunk before the frame's allocation (a successful
/// [`Stack::try_alloc`]), and makes it the top frame, called from the
/// frame at `caller_fp` (the top frame until now); returns the frame
/// pointer.
#[inline(always)]
pub(crate) unsafe fn push_frame_fast(
    cx: &mut Cx,
    at: *mut u8,
    caller_fp: *mut u8,
    code: *const Code,
    ret_ip: *const Inst,
    retpack: u64,
) -> *mut u8 {
    cx.depth += 1;
    // Field by field: the mark fields and the padding are left alone.
    let f = at as *mut Frame;
    ptr::addr_of_mut!((*f).prev).write(Frame::of(caller_fp));
    ptr::addr_of_mut!((*f).code).write(code);
    ptr::addr_of_mut!((*f).ret_ip).write(ret_ip);
    ptr::addr_of_mut!((*f).serial).write(0);
    ptr::addr_of_mut!((*f).retpack).write(retpack);
    cx.top = f;
    at.add(FRAME_HDR)
}

/// Pops the top frame and frees its memory.
#[inline(always)]
pub(crate) unsafe fn pop_frame(cx: &mut Cx) {
    let f = cx.top;
    let (prev, mark) = ((*f).prev, frame_mark(cx, f));
    cx.top = prev;
    cx.depth -= 1;
    cx.stack.release(mark);
}

/// A `setjmp` point.
pub(crate) struct JmpRec {
    pub frame: *mut Frame,
    pub depth: usize,
    pub serial: u64,
    pub resume: *const Inst,
    pub fp: *mut u8,
    pub res: Option<crate::icode::ResDst>,
    pub top: Mark,
    pub gen: u64,
}

/// The run-time context of one interpreter.
pub(crate) struct Cx {
    pub prog: *const Program,
    pub tail: bool,
    pub stack: Stack,
    /// The top frame (null when not running).
    pub top: *mut Frame,
    /// Number of live frames.
    pub depth: usize,
    /// Flags of the last overflow instruction: bit 0 signed, bit 1 unsigned.
    pub ovf: u8,
    /// Loop-mode state.
    pub ip: *const Inst,
    pub fp: *mut u8,
    pub trap: Option<TrapKind>,
    pub trap_ip: *const Inst,
    /// Results of the entry frame.
    pub results: Vec<Val>,
    pub serial: u64,
    pub max_depth: usize,
    /// Unique per interpreter (for jmp_buf tokens).
    pub id: u64,
    pub jmps: HashMap<u64, JmpRec>,
    pub jmp_gen: u64,
    /// Direct-mapped cache of indirect-call resolutions: address, what it
    /// is, and for an interpreted function its code once lowered (null
    /// before). Valid for the program `icache_prog`.
    pub icache: Box<[(u64, Callee, *const Code)]>,
    pub icache_prog: u64,
    /// Slots for native calls.
    pub scratch: Vec<Val>,
    pub image: ArgImage,
    pub trace: Option<TraceState>,
}

pub(crate) const ICACHE: usize = 64;

impl Cx {
    pub fn new(max_depth: usize, max_stack: usize, id: u64) -> Cx {
        Cx {
            prog: ptr::null(),
            tail: false,
            stack: Stack::new(max_stack),
            top: ptr::null_mut(),
            depth: 0,
            ovf: 0,
            ip: ptr::null(),
            fp: ptr::null_mut(),
            trap: None,
            trap_ip: ptr::null(),
            results: Vec::new(),
            serial: 0,
            max_depth,
            id,
            jmps: HashMap::new(),
            jmp_gen: 0,
            icache: vec![(u64::MAX, Callee::Native(0), ptr::null()); ICACHE].into_boxed_slice(),
            icache_prog: 0,
            scratch: Vec::new(),
            image: ArgImage::new(),
            trace: None,
        }
    }

    /// The live frames, top first.
    pub fn frames(&self) -> impl Iterator<Item = *mut Frame> + '_ {
        let mut f = self.top;
        std::iter::from_fn(move || {
            if f.is_null() {
                return None;
            }
            let this = f;
            // SAFETY: live frame records form a list ending in null.
            f = unsafe { (*f).prev };
            Some(this)
        })
    }

    /// The code of the top frame.
    #[inline(always)]
    pub fn top_code(&self) -> Option<&Code> {
        if self.top.is_null() {
            None
        } else {
            // SAFETY: a live frame and its code (owned by the program).
            unsafe { Some(&*(*self.top).code) }
        }
    }

    /// `n` bytes (a multiple of 16, not 0) of stack memory, 16-byte
    /// aligned; null when the limit is reached.
    #[inline(always)]
    pub fn alloc(&mut self, n: usize) -> *mut u8 {
        match self.stack.try_alloc(n) {
            Some(p) => p,
            None => self.alloc_new_chunk(n),
        }
    }

    /// [`Cx::alloc`] in another chunk: the top frame, if implicit, first
    /// records its mark (the stack position it will return to is in the
    /// current chunk).
    #[cold]
    #[inline(never)]
    fn alloc_new_chunk(&mut self, n: usize) -> *mut u8 {
        let f = self.top;
        // SAFETY: a non-null `top` is the live top frame record.
        unsafe {
            if !f.is_null() && !(*f).explicit() {
                let chunk = self.stack.chunk();
                (*f).mark_top = f as *mut u8;
                (*f).mark_chunk = chunk;
                (*f).fp_chunk = chunk;
                (*f).retpack = ((*f).retpack & !0xff) | RET_SLOW as u64 | FRAME_EXPLICIT;
            }
        }
        self.stack.alloc(n)
    }

    #[inline(always)]
    pub fn prog(&self) -> &Program {
        // SAFETY: `prog` is set by the entry points for the duration of a
        // run and the program outlives it.
        unsafe { &*self.prog }
    }
}

/// Records a trap at `ip` and leaves the dispatch chain.
#[cold]
#[inline(never)]
pub(crate) fn trap(cx: &mut Cx, ip: *const Inst, kind: TrapKind) -> Exit {
    cx.trap = Some(kind);
    cx.trap_ip = ip;
    Exit::Trap
}

/// Leaves the chain for a trap already recorded in `cx.trap`.
#[cold]
#[inline(never)]
pub(crate) fn trap_pending(cx: &mut Cx, ip: *const Inst) -> Exit {
    cx.trap_ip = ip;
    Exit::Trap
}

/// Runs from `ip` in frame `fp` until the entry frame returns or a trap.
///
/// # Safety
/// `ip`/`fp` must be a valid position in the top frame of `cx`.
pub(crate) unsafe fn run(cx: &mut Cx, ip: *const Inst, fp: *mut u8) -> Exit {
    if cx.tail {
        return ((*ip).h)(ip, fp, cx);
    }
    cx.ip = ip;
    cx.fp = fp;
    if cx.trace.is_some() {
        return crate::trace::run_traced(cx);
    }
    loop {
        let ip = cx.ip;
        let h: Handler = (*ip).h;
        let r = h(ip, cx.fp, cx);
        if r != Exit::Continue {
            return r;
        }
    }
}

/// The location of instruction `ip`, searching the live frames for its
/// function.
pub(crate) fn location(cx: &Cx, ip: *const Inst) -> Option<Location> {
    let prog = cx.prog();
    for f in cx.frames() {
        // SAFETY: frame codes are owned by the program, alive during a run.
        let code = unsafe { &*(*f).code };
        if let Some((f, i)) = code.insn_at(ip) {
            return Some(location_of(prog, f, i));
        }
    }
    None
}

/// The location of MIR instruction `i` of function `f`.
pub(crate) fn location_of(prog: &Program, f: crate::FuncIdx, i: usize) -> Location {
    let e = &prog.funcs[f.0 as usize];
    let m = &prog.modules[e.module.0 as usize];
    let func = prog.func_ir(f);
    let (text, line) = match func.and_then(|f| f.get_insn(i).map(|insn| (f, insn))) {
        Some((f, insn)) => (
            crate::pretty::insn_text(m, f, insn),
            (!insn.pos.is_none()).then_some(insn.pos.line),
        ),
        None => (
            "end of function".to_string(),
            func.and_then(|f| (!f.end_pos.is_none()).then_some(f.end_pos.line)),
        ),
    };
    Location {
        func: e.name.clone(),
        insn: i,
        text,
        line,
    }
}

/// Turns the recorded trap into a [`Trap`].
pub(crate) fn take_trap(cx: &mut Cx) -> Trap {
    let kind = cx
        .trap
        .take()
        .unwrap_or(TrapKind::Unsupported("unknown trap".into()));
    let at = || {
        location(cx, cx.trap_ip).unwrap_or_else(|| Location {
            func: "?".into(),
            insn: 0,
            text: "?".into(),
            line: None,
        })
    };
    match kind {
        TrapKind::DivZero => Trap::DivisionByZero { at: at() },
        TrapKind::DivOverflow => Trap::DivisionOverflow { at: at() },
        TrapKind::Switch { index, cases } => Trap::SwitchOutOfRange {
            at: at(),
            index,
            cases,
        },
        TrapKind::BadJump(addr) => Trap::BadJump { at: at(), addr },
        TrapKind::BadBend(addr) => Trap::BadBend { at: at(), addr },
        TrapKind::LongJmp(reason) => Trap::BadLongJmp { at: at(), reason },
        TrapKind::FellOff => Trap::FellOffEnd { at: at() },
        TrapKind::Unsupported(what) => Trap::Unsupported { at: at(), what },
        TrapKind::StackOverflow { func } => Trap::StackOverflow {
            func,
            depth: cx.depth,
        },
        TrapKind::Native(message) => Trap::Native { at: at(), message },
        TrapKind::Done(t) => t,
    }
}

// ---------------------------------------------------------------------------
// Frame set-up.

#[inline(always)]
fn round16(n: u64) -> usize {
    (n as usize).wrapping_add(15) & !15
}

/// Pushes a frame for `code` (slots allocated, constants copied, no
/// parameters yet). Returns null with `cx.trap` set on overflow.
#[inline(always)]
pub(crate) unsafe fn new_frame(
    cx: &mut Cx,
    code: &Code,
    ret_ip: *const Inst,
    retpack: u64,
) -> *mut u8 {
    if cx.depth >= cx.max_depth {
        return overflow(cx, code);
    }
    let mark = cx.stack.mark();
    let at = cx.alloc(FRAME_HDR + code.frame_size as usize);
    if at.is_null() {
        return overflow(cx, code);
    }
    let fp = push_frame(cx, at, code, ret_ip, mark, retpack);
    copy_consts(code, fp);
    fp
}

/// Fills the constant slots of a new frame of `code`.
#[inline(always)]
pub(crate) unsafe fn copy_consts(code: &Code, fp: *mut u8) {
    // A plain loop rather than `memcpy`: there are few constants, and a
    // call would make every calling handler save registers. (The volatile
    // read keeps LLVM from turning the loop back into a `memcpy` call.)
    // The copies go through vector registers: the unrolled loop then
    // needs no callee-saved general registers, so calling handlers push
    // none. (Slots and constants are 16-byte aligned.)
    #[cfg(target_arch = "x86_64")]
    type Word = core::arch::x86_64::__m128i;
    #[cfg(not(target_arch = "x86_64"))]
    type Word = u128;
    let n = code.consts.len();
    let src = code.consts.as_ptr() as *const Word;
    let dst = fp.add(code.const_off as usize) as *mut Word;
    for k in 0..n {
        dst.add(k).write(ptr::read_volatile(src.add(k)));
    }
}

#[cold]
#[inline(never)]
fn overflow(cx: &mut Cx, code: &Code) -> *mut u8 {
    cx.trap = Some(TrapKind::StackOverflow {
        func: code.name.clone(),
    });
    ptr::null_mut()
}

/// Copies a by-value block argument into fresh stack memory; returns its
/// address (0 with `cx.trap` set on overflow).
#[inline(never)]
unsafe fn copy_block(cx: &mut Cx, code: &Code, src: u64, size: u32) -> u64 {
    let dst = cx.alloc(round16(size as u64).max(16));
    if dst.is_null() {
        overflow(cx, code);
        return 0;
    }
    if size != 0 {
        ptr::copy_nonoverlapping(src as *const u8, dst, size as usize);
    }
    dst as u64
}

/// Stores parameter `i` of `code` from an argument value passed with `kind`.
/// Returns false (with `cx.trap` set) on stack overflow.
#[inline(always)]
unsafe fn set_param(
    cx: &mut Cx,
    code: &Code,
    fp: *mut u8,
    i: usize,
    v: Val,
    kind: ArgKind,
) -> bool {
    let p = code.params[i];
    let off = i as u32 * SLOT;
    match p.ty {
        Type::Blk0 | Type::Blk1 | Type::Blk2 | Type::Blk3 | Type::Blk4 => {
            let a = copy_block(cx, code, v.i64() as u64, p.size);
            if a == 0 {
                return false;
            }
            wr(fp, off, a);
        }
        Type::F | Type::D | Type::LD => wr_val(fp, off, v),
        ty => wr(fp, off, ext_ty(ty, ext_kind(kind, v.i64() as u64))),
    }
    true
}

/// Sets up the parameters of a freshly pushed frame of `code` for call
/// site `cs` in the frame at `caller_fp`. Returns false with `cx.trap` set
/// on failure.
///
/// Everything that needs a local object whose address escapes (the
/// variadic argument image) is kept out of line: an escaping local would
/// stop LLVM from turning the calling handler's final call into a jump.
#[inline(always)]
pub(crate) unsafe fn set_params_site(
    cx: &mut Cx,
    code: &Code,
    fp: *mut u8,
    caller_fp: *mut u8,
    cs: &CallSite,
) -> bool {
    let np = code.params.len();
    if code.vararg || cs.args.len() < np {
        return set_params_site_slow(cx, code, fp, caller_fp, cs);
    }
    let args = &cs.args[..np];
    for (i, a) in args.iter().enumerate() {
        if !set_param(cx, code, fp, i, rd_val(caller_fp, a.off), a.kind) {
            return false;
        }
    }
    true
}

#[inline(never)]
unsafe fn set_params_site_slow(
    cx: &mut Cx,
    code: &Code,
    fp: *mut u8,
    caller_fp: *mut u8,
    cs: &CallSite,
) -> bool {
    if code.vararg && cs.scalar_args && cs.args.len() >= code.params.len() {
        return set_params_va_scalar(cx, code, fp, caller_fp, cs);
    }
    set_params(cx, code, fp, cs.args.len(), |i| {
        site_arg(caller_fp, &cs.args[i])
    })
}

/// A variadic callee's arguments when every argument is an integer, `f`
/// or `d` (the common case): the va_list image is built in place on the
/// value stack from the layout lowering computed
/// ([`CallSite::va_layout`]: the register-save area, then the stack
/// arguments, as [`ArgImage`] lays them out).
unsafe fn set_params_va_scalar(
    cx: &mut Cx,
    code: &Code,
    fp: *mut u8,
    caller_fp: *mut u8,
    cs: &CallSite,
) -> bool {
    let regs = cx.alloc(cs.va_bytes as usize);
    if regs.is_null() {
        overflow(cx, code);
        return false;
    }
    ptr::write_bytes(regs, 0, REG_SAVE_AREA_SIZE);
    for &(a, dst) in cs.va_layout.iter() {
        (regs.add(dst as usize) as *mut u64).write_unaligned(a.ext(rd(caller_fp, a.off)));
    }
    let mut va = VaList::new(regs, regs.add(REG_SAVE_AREA_SIZE));
    read_params_va(cx, code, fp, &mut va)
}

/// Sets up the parameters of a freshly pushed frame of `code` from `n`
/// arguments given by `arg(i) -> (value, kind)`. Variadic functions receive all arguments through a SysV
/// va_list image (see [`crate::valist`]). Returns false with `cx.trap` set
/// on failure.
pub(crate) unsafe fn set_params(
    cx: &mut Cx,
    code: &Code,
    fp: *mut u8,
    n: usize,
    arg: impl Fn(usize) -> (Val, ArgKind),
) -> bool {
    let np = code.params.len();
    if n < np {
        cx.trap = Some(TrapKind::Unsupported(format!(
            "call passes {n} arguments to function '{}', which takes {np}",
            code.name
        )));
        return false;
    }
    if code.vararg {
        let mut image = std::mem::take(&mut cx.image);
        image.reset();
        for i in 0..n {
            let (v, k) = arg(i);
            image.push(k, &v);
        }
        let ok = enter_through_image(cx, code, fp, &image);
        cx.image = image;
        if !ok {
            return false;
        }
    } else {
        for i in 0..np {
            let (v, k) = arg(i);
            if !set_param(cx, code, fp, i, v, k) {
                return false;
            }
        }
    }
    true
}

unsafe fn enter_through_image(cx: &mut Cx, code: &Code, fp: *mut u8, image: &ArgImage) -> bool {
    let regs = cx.alloc(REG_SAVE_AREA_SIZE);
    let stk = cx.alloc(round16(image.stack.len() as u64));
    if regs.is_null() || stk.is_null() {
        overflow(cx, code);
        return false;
    }
    let mut va = image.place(regs, stk);
    read_params_va(cx, code, fp, &mut va)
}

/// Reads every fixed parameter of `code` through `va` (as a C callee
/// would), then saves the remaining va_list state for `va_start`.
pub(crate) unsafe fn read_params_va(
    cx: &mut Cx,
    code: &Code,
    fp: *mut u8,
    va: &mut VaList,
) -> bool {
    for (i, p) in code.params.iter().enumerate() {
        let off = i as u32 * SLOT;
        match p.ty {
            Type::F => {
                let a = va.arg_addr(Type::F);
                wr(fp, off, (a as *const u32).read_unaligned() as u64);
            }
            Type::D => {
                let a = va.arg_addr(Type::D);
                wr(fp, off, (a as *const u64).read_unaligned());
            }
            Type::LD => {
                let a = va.arg_addr(Type::LD);
                let mut v = Val::ZERO;
                ptr::copy_nonoverlapping(a, v.bytes.as_mut_ptr(), 10);
                wr_val(fp, off, v);
            }
            Type::Blk0 | Type::Blk1 | Type::Blk2 | Type::Blk3 | Type::Blk4 => {
                let dst = cx.alloc(round16(p.size as u64).max(16));
                if dst.is_null() {
                    overflow(cx, code);
                    return false;
                }
                va.block_arg(dst, p.size as u64, p.ty as u64 - Type::Blk0 as u64);
                wr(fp, off, dst as u64);
            }
            ty => {
                let a = va.arg_addr(Type::I64);
                wr(fp, off, ext_ty(ty, (a as *const u64).read_unaligned()));
            }
        }
    }
    if code.vararg {
        (fp.add(code.va_off as usize) as *mut VaList).write(*va);
    }
    true
}

/// Reads argument `a` of a call site from the caller's frame.
#[inline(always)]
pub(crate) unsafe fn site_arg(caller_fp: *mut u8, a: &ArgSrc) -> (Val, ArgKind) {
    (rd_val(caller_fp, a.off), a.kind)
}
