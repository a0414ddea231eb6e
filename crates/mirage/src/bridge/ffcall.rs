//! ff-call: calling a native function whose arguments and results live in
//! 16-byte [`Val`] slots (spec §6.2–6.3, x86-64 SysV).
//!
//! One classification ([`FfPlan`]) decides where every argument goes
//! (integer register, XMM register, outgoing stack position) and where every
//! result comes from. Two executors consume it and must agree bit for bit:
//!
//! * a **generated stub** per distinct [`CallSig`] (cached by
//!   [`FfCallCache`]) with the C signature
//!   `unsafe extern "C" fn(fnaddr: *const u8, slots: *mut Val)`: results in
//!   `slots[0..nres]`, arguments in `slots[nres..]`;
//! * a **generic path** needing no runtime code ([`ff_call_generic`],
//!   [`FfPlan::call`]): the arguments are marshalled in Rust into register
//!   images and a stack image, and one compiled-in trampoline loads them,
//!   calls, and hands back RAX, RDX, XMM0, XMM1 and ST0/ST1.
//!
//! Rules implemented (and where we differ from the MIR reference): narrow
//! integer arguments are truncated and sign/zero-extended to 64 bits; `f`
//! travels as binary32; `ld` is always on the stack in a 16-byte slot
//! **aligned to 16** in the argument area (as gcc does; the reference packs
//! it at 8); blocks of cases 1–4 go eightbyte-wise into registers, falling
//! back to the stack (without consuming registers) when a class runs out;
//! case 0 and other blocks are copied to the stack (exactly `size` bytes
//! are read from the source, the slot is `round_up(size, 8)`); a variadic
//! call sets AL to the number of XMM registers used. Narrow integer results
//! are extended per their [`IntExt`].

use super::codemem::{CodeBatch, CodeMemory};
use super::x64asm::{mem, Asm, Gp, Load, Xmm, GP_ARGS};
use super::BridgeError;
use mirage_ir::abi::{ArgKind, CallSig, IntExt, RetKind, Val};
use std::collections::HashMap;
use std::mem::offset_of;

/// A generated ff-call stub: calls `fnaddr` with the arguments in
/// `slots[nres..]` and stores the results into `slots[0..nres]`.
pub type FfCallFn = unsafe extern "C" fn(fnaddr: *const u8, slots: *mut Val);

/// Largest outgoing stack-argument area we build (bytes).
const MAX_STACK_AREA: u64 = 1 << 20;

/// Class of one eightbyte of a register-passed block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Eightbyte {
    Int,
    Sse,
}

/// The eightbyte classes of a block passed with SysV `case` (spec §6.3),
/// or `None` when it is passed in memory (case 0, other cases, size 0 or
/// more than 16 bytes).
fn block_eightbytes(case: u64, size: u64) -> Option<(usize, [Eightbyte; 2])> {
    use Eightbyte::{Int, Sse};
    if size == 0 || size > 16 {
        return None;
    }
    let n = if size > 8 { 2 } else { 1 };
    let cls = match case {
        1 => [Int, Int],
        2 => [Sse, Sse],
        3 => [Int, Sse],
        4 => [Sse, Int],
        _ => return None,
    };
    Some((n, cls))
}

pub(crate) fn load_of_ext(e: IntExt) -> Load {
    match e {
        IntExt::I8 => Load::S8,
        IntExt::U8 => Load::U8,
        IntExt::I16 => Load::S16,
        IntExt::U16 => Load::U16,
        IntExt::I32 => Load::S32,
        IntExt::U32 => Load::U32,
        IntExt::None => Load::Q,
    }
}

fn load_of_arg(k: ArgKind) -> Load {
    match k {
        ArgKind::I8 => Load::S8,
        ArgKind::U8 => Load::U8,
        ArgKind::I16 => Load::S16,
        ArgKind::U16 => Load::U16,
        ArgKind::I32 => Load::S32,
        ArgKind::U32 => Load::U32,
        _ => Load::Q,
    }
}

/// Applies a load's truncation+extension to a 64-bit value.
pub(crate) fn extend(v: u64, how: Load) -> u64 {
    match how {
        Load::S8 => v as i8 as i64 as u64,
        Load::U8 => v as u8 as u64,
        Load::S16 => v as i16 as i64 as u64,
        Load::U16 => v as u16 as u64,
        Load::S32 => v as i32 as i64 as u64,
        Load::U32 => v as u32 as u64,
        Load::Q => v,
    }
}

/// One register of a register-passed block eightbyte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Gp(u8),
    Xmm(u8),
}

/// Where one argument goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Loc {
    Gp { reg: u8, load: Load },
    Xmm { reg: u8, single: bool },
    StackInt { off: u32, load: Load },
    StackFp { off: u32, single: bool },
    StackLd { off: u32 },
    BlkRegs { size: u32, n: u8, parts: [Part; 2] },
    BlkStack { off: u32, size: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ArgPlan {
    /// Byte offset of the argument's slot.
    slot: u32,
    loc: Loc,
}

/// Result register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ResReg {
    Rax,
    Rdx,
    Xmm0,
    Xmm1,
    St0,
    St1,
}

/// Assigns result registers to a result list (spec §3.4: at most two of
/// each class).
pub(crate) fn result_regs(results: &[RetKind]) -> Result<Vec<ResReg>, BridgeError> {
    let (mut ni, mut nf, mut nl) = (0, 0, 0);
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        let (n, regs) = match r {
            RetKind::Int(_) => (&mut ni, [ResReg::Rax, ResReg::Rdx]),
            RetKind::F | RetKind::D => (&mut nf, [ResReg::Xmm0, ResReg::Xmm1]),
            RetKind::LD => (&mut nl, [ResReg::St0, ResReg::St1]),
        };
        if *n == 2 {
            return Err(BridgeError::BadSignature(
                "x86-64 can not handle this combination of return values".into(),
            ));
        }
        out.push(regs[*n]);
        *n += 1;
    }
    Ok(out)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ResPlan {
    slot: u32,
    reg: ResReg,
    kind: RetKind,
}

/// The SysV placement of one call signature's arguments and results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FfPlan {
    args: Vec<ArgPlan>,
    results: Vec<ResPlan>,
    /// Outgoing stack area, a multiple of 16.
    stack_bytes: u32,
    nxmm: u8,
    variadic: bool,
    nslots: usize,
}

fn round8(x: u64) -> u64 {
    x.div_ceil(8) * 8
}

impl FfPlan {
    /// Classifies `sig`.
    pub fn new(sig: &CallSig) -> Result<FfPlan, BridgeError> {
        let nres = sig.results.len();
        let nslots = nres + sig.args.len();
        if nslots >= 1 << 26 {
            return Err(BridgeError::BadSignature("too many arguments".into()));
        }
        let results = result_regs(&sig.results)?
            .into_iter()
            .zip(&sig.results)
            .enumerate()
            .map(|(j, (reg, &kind))| ResPlan {
                slot: (j * 16) as u32,
                reg,
                kind,
            })
            .collect();
        let (mut ngp, mut nxmm, mut stack) = (0u8, 0u8, 0u64);
        let mut args = Vec::with_capacity(sig.args.len());
        for (i, &a) in sig.args.iter().enumerate() {
            let slot = ((nres + i) * 16) as u32;
            let loc = match a {
                ArgKind::I8
                | ArgKind::U8
                | ArgKind::I16
                | ArgKind::U16
                | ArgKind::I32
                | ArgKind::U32
                | ArgKind::I64
                | ArgKind::RBlk { .. } => {
                    let load = load_of_arg(a);
                    if ngp < 6 {
                        ngp += 1;
                        Loc::Gp { reg: ngp - 1, load }
                    } else {
                        stack += 8;
                        Loc::StackInt {
                            off: (stack - 8) as u32,
                            load,
                        }
                    }
                }
                ArgKind::F | ArgKind::D => {
                    let single = a == ArgKind::F;
                    if nxmm < 8 {
                        nxmm += 1;
                        Loc::Xmm {
                            reg: nxmm - 1,
                            single,
                        }
                    } else {
                        stack += 8;
                        Loc::StackFp {
                            off: (stack - 8) as u32,
                            single,
                        }
                    }
                }
                ArgKind::LD => {
                    stack = stack.div_ceil(16) * 16 + 16;
                    Loc::StackLd {
                        off: (stack - 16) as u32,
                    }
                }
                ArgKind::Blk { case, size } => {
                    let mut placed = None;
                    if let Some((n, cls)) = block_eightbytes(u64::from(case), u64::from(size)) {
                        let need_gp = cls[..n].iter().filter(|c| **c == Eightbyte::Int).count();
                        let need_x = n - need_gp;
                        if usize::from(ngp) + need_gp <= 6 && usize::from(nxmm) + need_x <= 8 {
                            let mut parts = [Part::Gp(0); 2];
                            for (p, c) in parts.iter_mut().zip(&cls[..n]) {
                                *p = match c {
                                    Eightbyte::Int => {
                                        ngp += 1;
                                        Part::Gp(ngp - 1)
                                    }
                                    Eightbyte::Sse => {
                                        nxmm += 1;
                                        Part::Xmm(nxmm - 1)
                                    }
                                };
                            }
                            placed = Some(Loc::BlkRegs {
                                size,
                                n: n as u8,
                                parts,
                            });
                        }
                    }
                    match placed {
                        Some(l) => l,
                        None => {
                            let off = stack;
                            stack += round8(u64::from(size));
                            if stack > MAX_STACK_AREA {
                                return Err(BridgeError::BadSignature(
                                    "block arguments too large".into(),
                                ));
                            }
                            Loc::BlkStack {
                                off: off as u32,
                                size,
                            }
                        }
                    }
                }
            };
            args.push(ArgPlan { slot, loc });
        }
        let stack_bytes = stack.div_ceil(16) * 16;
        if stack_bytes > MAX_STACK_AREA {
            return Err(BridgeError::BadSignature(
                "stack argument area too large".into(),
            ));
        }
        Ok(FfPlan {
            args,
            results,
            stack_bytes: stack_bytes as u32,
            nxmm,
            variadic: sig.variadic,
            nslots,
        })
    }

    /// Number of value slots a call needs (results + arguments).
    pub fn nslots(&self) -> usize {
        self.nslots
    }

    /// Bytes of outgoing stack arguments.
    pub fn stack_bytes(&self) -> u32 {
        self.stack_bytes
    }

    /// Number of XMM registers used by the arguments.
    pub fn xmm_count(&self) -> u8 {
        self.nxmm
    }

    /// Marshals the arguments of `slots` into a register image and a stack
    /// image of exactly `stack_bytes() / 16` zeroed chunks.
    ///
    /// # Safety
    /// `slots` must hold at least `nslots()` values; block arguments' slots
    /// must hold the addresses of readable blocks of their size.
    pub(crate) unsafe fn marshal(&self, slots: &[Val], regs: &mut RegSave, stack: &mut [Chunk16]) {
        assert_eq!(stack.len(), self.stack_bytes as usize / 16);
        for a in &self.args {
            let v = &slots[a.slot as usize / 16];
            let q = u64::from_le_bytes(v.bytes[..8].try_into().unwrap_or([0; 8]));
            match a.loc {
                Loc::Gp { reg, load } => regs.gp[usize::from(reg)] = extend(q, load),
                Loc::Xmm { reg, single } => {
                    let x = &mut regs.xmm[usize::from(reg)];
                    *x = [0; 16];
                    let n = if single { 4 } else { 8 };
                    x[..n].copy_from_slice(&v.bytes[..n]);
                }
                Loc::StackInt { off, load } => {
                    stack_write(stack, off as usize, &extend(q, load).to_le_bytes())
                }
                Loc::StackFp { off, single } => {
                    let w = if single { q & 0xffff_ffff } else { q };
                    stack_write(stack, off as usize, &w.to_le_bytes())
                }
                Loc::StackLd { off } => {
                    let mut b = [0u8; 16];
                    b[..10].copy_from_slice(&v.bytes[..10]);
                    stack_write(stack, off as usize, &b)
                }
                Loc::BlkRegs { size, n, parts } => {
                    let src = q as *const u8;
                    for (k, p) in parts[..usize::from(n)].iter().enumerate() {
                        let len = (size as usize - 8 * k).min(8);
                        let mut b = [0u8; 8];
                        // SAFETY: the caller guarantees `src` points to
                        // `size` readable bytes; we read [8k, 8k+len).
                        unsafe {
                            std::ptr::copy_nonoverlapping(src.add(8 * k), b.as_mut_ptr(), len)
                        };
                        match *p {
                            Part::Gp(r) => regs.gp[usize::from(r)] = u64::from_le_bytes(b),
                            Part::Xmm(r) => {
                                let x = &mut regs.xmm[usize::from(r)];
                                *x = [0; 16];
                                x[..8].copy_from_slice(&b);
                            }
                        }
                    }
                }
                Loc::BlkStack { off, size } => {
                    let src = q as *const u8;
                    let dst = stack.as_mut_ptr().cast::<u8>();
                    // SAFETY: the block's bytes are readable (caller) and
                    // [off, off+size) lies inside the stack image, which
                    // was sized by the same classification.
                    unsafe {
                        std::ptr::copy_nonoverlapping(src, dst.add(off as usize), size as usize)
                    };
                }
            }
        }
    }

    /// Calls `fnaddr` through the compiled-in trampoline (no runtime code).
    ///
    /// # Safety
    /// `fnaddr` must be a function with the C signature this plan was made
    /// for; block arguments' slots must hold valid block addresses and
    /// `RBlk` arguments valid result areas.
    pub unsafe fn call(&self, fnaddr: *const u8, slots: &mut [Val]) -> Result<(), BridgeError> {
        if slots.len() < self.nslots {
            return Err(BridgeError::TooFewSlots {
                need: self.nslots,
                have: slots.len(),
            });
        }
        let n = self.stack_bytes as usize / 16;
        let mut small = [Chunk16([0; 16]); 16];
        let mut big = Vec::new();
        let stack: &mut [Chunk16] = if n <= small.len() {
            &mut small[..n]
        } else {
            big.resize(n, Chunk16([0; 16]));
            &mut big
        };
        let mut raw = RawCall {
            regs: RegSave::default(),
            stack: std::ptr::null(),
            stack_len: u64::from(self.stack_bytes),
            fnaddr,
            nxmm: u64::from(self.nxmm),
            rax: 0,
            rdx: 0,
            xmm0: [0; 16],
            xmm1: [0; 16],
            st0: [0; 16],
            st1: [0; 16],
            nld: self
                .results
                .iter()
                .filter(|r| matches!(r.reg, ResReg::St0 | ResReg::St1))
                .count() as u64,
        };
        // SAFETY: forwarded from the caller; slots checked above.
        unsafe { self.marshal(slots, &mut raw.regs, stack) };
        raw.stack = stack.as_ptr().cast();
        // SAFETY: `raw` is fully initialised, its stack image is
        // `stack_len` bytes long, and the caller guarantees `fnaddr` has the
        // signature the registers were loaded for.
        unsafe { ffcall_trampoline(&mut raw) };
        for r in &self.results {
            let b = &mut slots[r.slot as usize / 16].bytes;
            match (r.reg, r.kind) {
                (ResReg::Rax | ResReg::Rdx, RetKind::Int(e)) => {
                    let v = if r.reg == ResReg::Rax {
                        raw.rax
                    } else {
                        raw.rdx
                    };
                    b[..8].copy_from_slice(&extend(v, load_of_ext(e)).to_le_bytes());
                }
                (ResReg::Xmm0 | ResReg::Xmm1, k) => {
                    let x = if r.reg == ResReg::Xmm0 {
                        &raw.xmm0
                    } else {
                        &raw.xmm1
                    };
                    let n = if k == RetKind::F { 4 } else { 8 };
                    b[..n].copy_from_slice(&x[..n]);
                }
                (ResReg::St0, _) => b[..10].copy_from_slice(&raw.st0[..10]),
                (ResReg::St1, _) => b[..10].copy_from_slice(&raw.st1[..10]),
                _ => {}
            }
        }
        Ok(())
    }
}

/// 16 bytes, 16-aligned: the unit of stack images.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(16))]
pub(crate) struct Chunk16(pub(crate) [u8; 16]);

/// The SysV register save area: RDI..R9, then XMM0–7 (176 bytes).
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
pub(crate) struct RegSave {
    pub(crate) gp: [u64; 6],
    pub(crate) xmm: [[u8; 16]; 8],
}
const _: () = assert!(std::mem::size_of::<RegSave>() == 176);
const _: () = assert!(offset_of!(RegSave, xmm) == 48);

fn stack_write(stack: &mut [Chunk16], off: usize, b: &[u8]) {
    for (k, &byte) in b.iter().enumerate() {
        let p = off + k;
        stack[p / 16].0[p % 16] = byte;
    }
}

/// What the generic trampoline reads and writes (offsets pinned below).
#[repr(C)]
struct RawCall {
    regs: RegSave,
    stack: *const u8,
    stack_len: u64,
    fnaddr: *const u8,
    nxmm: u64,
    rax: u64,
    rdx: u64,
    xmm0: [u8; 16],
    xmm1: [u8; 16],
    st0: [u8; 16],
    st1: [u8; 16],
    nld: u64,
}
const _: () = assert!(offset_of!(RawCall, regs.xmm) == 48);
const _: () = assert!(offset_of!(RawCall, stack) == 176);
const _: () = assert!(offset_of!(RawCall, nld) == 288);

/// The generic ff-call trampoline: loads the register images, copies the
/// stack image below RSP (16-aligned), sets AL, calls, stores RAX, RDX,
/// XMM0, XMM1 and pops `nld` x87 results.
#[unsafe(naked)]
unsafe extern "C" fn ffcall_trampoline(call: *mut RawCall) {
    core::arch::naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push rbx",
        "push r12",
        "mov rbx, rdi",
        "mov rcx, [rbx + {stack_len}]",
        "test rcx, rcx",
        "jz 3f",
        "sub rsp, rcx",
        "mov rsi, [rbx + {stack}]",
        "mov rdi, rsp",
        "rep movsb",
        "3:",
        "movdqu xmm0, [rbx + {xmm}]",
        "movdqu xmm1, [rbx + {xmm} + 16]",
        "movdqu xmm2, [rbx + {xmm} + 32]",
        "movdqu xmm3, [rbx + {xmm} + 48]",
        "movdqu xmm4, [rbx + {xmm} + 64]",
        "movdqu xmm5, [rbx + {xmm} + 80]",
        "movdqu xmm6, [rbx + {xmm} + 96]",
        "movdqu xmm7, [rbx + {xmm} + 112]",
        "mov rdi, [rbx + {gp}]",
        "mov rsi, [rbx + {gp} + 8]",
        "mov rdx, [rbx + {gp} + 16]",
        "mov rcx, [rbx + {gp} + 24]",
        "mov r8, [rbx + {gp} + 32]",
        "mov r9, [rbx + {gp} + 40]",
        "mov rax, [rbx + {nxmm}]",
        "call qword ptr [rbx + {fnaddr}]",
        "mov [rbx + {rax}], rax",
        "mov [rbx + {rdx}], rdx",
        "movdqu [rbx + {xmm0}], xmm0",
        "movdqu [rbx + {xmm1}], xmm1",
        "mov rcx, [rbx + {nld}]",
        "test rcx, rcx",
        "jz 2f",
        "fstp tbyte ptr [rbx + {st0}]",
        "cmp rcx, 1",
        "je 2f",
        "fstp tbyte ptr [rbx + {st1}]",
        "2:",
        "lea rsp, [rbp - 16]",
        "pop r12",
        "pop rbx",
        "pop rbp",
        "ret",
        gp = const offset_of!(RawCall, regs.gp),
        xmm = const offset_of!(RawCall, regs.xmm),
        stack = const offset_of!(RawCall, stack),
        stack_len = const offset_of!(RawCall, stack_len),
        fnaddr = const offset_of!(RawCall, fnaddr),
        nxmm = const offset_of!(RawCall, nxmm),
        rax = const offset_of!(RawCall, rax),
        rdx = const offset_of!(RawCall, rdx),
        xmm0 = const offset_of!(RawCall, xmm0),
        xmm1 = const offset_of!(RawCall, xmm1),
        st0 = const offset_of!(RawCall, st0),
        st1 = const offset_of!(RawCall, st1),
        nld = const offset_of!(RawCall, nld),
    )
}

/// Calls `fnaddr` with signature `sig` without any runtime-generated code:
/// results go to `slots[0..nres]`, arguments come from `slots[nres..]`.
/// (Classifies `sig` on every call; keep an [`FfPlan`] to avoid that.)
///
/// # Safety
/// As [`FfPlan::call`].
pub unsafe fn ff_call_generic(
    fnaddr: *const u8,
    sig: &CallSig,
    slots: &mut [Val],
) -> Result<(), BridgeError> {
    let plan = FfPlan::new(sig)?;
    // SAFETY: forwarded from the caller.
    unsafe { plan.call(fnaddr, slots) }
}

/// Loads `len` (1..=8) bytes at `[base+off]` zero-extended into `dst`,
/// never reading past them. Clobbers RAX and R11 when `len` is not 8.
fn load_partial(a: &mut Asm, dst: Gp, base: Gp, off: i32, len: u32) {
    if len == 8 {
        a.mov_rm(dst, mem(base, off));
        return;
    }
    let mut pieces = Vec::with_capacity(3);
    let mut o = off;
    for w in [4u32, 2, 1] {
        if len & w != 0 {
            pieces.push((o, w));
            o += w as i32;
        }
    }
    let ld = |w: u32| match w {
        4 => Load::U32,
        2 => Load::U16,
        _ => Load::U8,
    };
    let mut it = pieces.iter().rev();
    if let Some(&(o, w)) = it.next() {
        a.load(Gp::Rax, mem(base, o), ld(w));
    }
    for &(o, w) in it {
        a.shl_imm(Gp::Rax, (w * 8) as u8);
        a.load(Gp::R11, mem(base, o), ld(w));
        a.or_rr(Gp::Rax, Gp::R11);
    }
    if dst != Gp::Rax {
        a.mov_rr(dst, Gp::Rax);
    }
}

/// Encodes the ff-call stub for `plan` (position independent).
fn encode_stub(plan: &FfPlan) -> Vec<u8> {
    let mut a = Asm::new();
    a.push(Gp::Rbp);
    a.mov_rr(Gp::Rbp, Gp::Rsp);
    a.push(Gp::Rbx);
    a.push(Gp::R12);
    a.mov_rr(Gp::R12, Gp::Rdi);
    a.mov_rr(Gp::Rbx, Gp::Rsi);
    if plan.stack_bytes > 0 {
        a.sub_imm(Gp::Rsp, plan.stack_bytes as i32);
    }
    // Stack arguments first: block copies may use RSI, RDI and RCX.
    for arg in &plan.args {
        let s = arg.slot as i32;
        match arg.loc {
            Loc::StackInt { off, load } => {
                a.load(Gp::Rax, mem(Gp::Rbx, s), load);
                a.mov_mr(mem(Gp::Rsp, off as i32), Gp::Rax);
            }
            Loc::StackFp { off, single } => {
                a.load(
                    Gp::Rax,
                    mem(Gp::Rbx, s),
                    if single { Load::U32 } else { Load::Q },
                );
                a.mov_mr(mem(Gp::Rsp, off as i32), Gp::Rax);
            }
            Loc::StackLd { off } => {
                a.load(Gp::Rax, mem(Gp::Rbx, s), Load::Q);
                a.mov_mr(mem(Gp::Rsp, off as i32), Gp::Rax);
                a.load(Gp::Rax, mem(Gp::Rbx, s + 8), Load::U16);
                a.mov_mr(mem(Gp::Rsp, off as i32 + 8), Gp::Rax);
            }
            Loc::BlkStack { off, size } => {
                let off = off as i32;
                a.mov_rm(Gp::R10, mem(Gp::Rbx, s));
                if size > 128 {
                    a.mov_rr(Gp::Rsi, Gp::R10);
                    a.lea(Gp::Rdi, mem(Gp::Rsp, off));
                    a.mov_r32_imm(Gp::Rcx, size);
                    a.rep_movsb();
                } else {
                    let mut k = 0u32;
                    while k < size {
                        let len = (size - k).min(8);
                        load_partial(&mut a, Gp::Rax, Gp::R10, k as i32, len);
                        a.mov_mr(mem(Gp::Rsp, off + k as i32), Gp::Rax);
                        k += 8;
                    }
                }
            }
            _ => {}
        }
    }
    for arg in &plan.args {
        let s = arg.slot as i32;
        match arg.loc {
            Loc::Gp { reg, load } => a.load(GP_ARGS[usize::from(reg)], mem(Gp::Rbx, s), load),
            Loc::Xmm { reg, single } => {
                if single {
                    a.movss_load(Xmm(reg), mem(Gp::Rbx, s));
                } else {
                    a.movsd_load(Xmm(reg), mem(Gp::Rbx, s));
                }
            }
            Loc::BlkRegs { size, n, parts } => {
                a.mov_rm(Gp::R10, mem(Gp::Rbx, s));
                for (k, p) in parts[..usize::from(n)].iter().enumerate() {
                    let off = 8 * k as i32;
                    let len = (size - 8 * k as u32).min(8);
                    match *p {
                        Part::Gp(r) => {
                            load_partial(&mut a, GP_ARGS[usize::from(r)], Gp::R10, off, len)
                        }
                        Part::Xmm(r) => match len {
                            8 => a.movsd_load(Xmm(r), mem(Gp::R10, off)),
                            4 => a.movss_load(Xmm(r), mem(Gp::R10, off)),
                            _ => {
                                load_partial(&mut a, Gp::Rax, Gp::R10, off, len);
                                a.movq_xr(Xmm(r), Gp::Rax);
                            }
                        },
                    }
                }
            }
            _ => {}
        }
    }
    if plan.variadic {
        a.mov_r32_imm(Gp::Rax, u32::from(plan.nxmm));
    }
    a.call_r(Gp::R12);
    let mut st = [None, None];
    for r in &plan.results {
        let s = mem(Gp::Rbx, r.slot as i32);
        match (r.reg, r.kind) {
            (ResReg::Rax | ResReg::Rdx, RetKind::Int(e)) => {
                let g = if r.reg == ResReg::Rax {
                    Gp::Rax
                } else {
                    Gp::Rdx
                };
                a.extend_in_place(g, load_of_ext(e));
                a.mov_mr(s, g);
            }
            (ResReg::Xmm0 | ResReg::Xmm1, k) => {
                let x = Xmm(u8::from(r.reg == ResReg::Xmm1));
                if k == RetKind::F {
                    a.movss_store(s, x);
                } else {
                    a.movsd_store(s, x);
                }
            }
            (ResReg::St0, _) => st[0] = Some(s),
            (ResReg::St1, _) => st[1] = Some(s),
            _ => {}
        }
    }
    for s in st.into_iter().flatten() {
        a.fstp80(s);
    }
    a.lea(Gp::Rsp, mem(Gp::Rbp, -16));
    a.pop(Gp::R12);
    a.pop(Gp::Rbx);
    a.pop(Gp::Rbp);
    a.ret();
    a.into_bytes()
}

/// Writes the ff-call stub for `sig` into `batch`. The returned function
/// may only be called after the batch is published.
pub fn emit_ff_call(batch: &mut CodeBatch<'_>, sig: &CallSig) -> Result<FfCallFn, BridgeError> {
    let plan = FfPlan::new(sig)?;
    let at = batch.place(&encode_stub(&plan))?;
    // SAFETY: `at` is the start of a complete stub with the FfCallFn
    // signature (callable once its batch is published).
    Ok(unsafe { std::mem::transmute::<*const u8, FfCallFn>(at) })
}

/// Generated ff-call stubs, one per distinct [`CallSig`], all placed in one
/// [`CodeMemory`] (the first one the cache is used with; using it with
/// another is an error). The stubs live as long as that code memory.
#[derive(Default)]
pub struct FfCallCache {
    mem_id: u64,
    map: HashMap<CallSig, FfCallFn>,
}

impl FfCallCache {
    pub fn new() -> FfCallCache {
        FfCallCache::default()
    }

    /// Number of cached stubs.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    fn bind(&mut self, mem: &CodeMemory) -> Result<(), BridgeError> {
        if self.mem_id == 0 {
            self.mem_id = mem.id();
        } else if self.mem_id != mem.id() {
            return Err(BridgeError::ForeignCodeMemory);
        }
        Ok(())
    }

    /// The stub for `sig`, generated (and published) on first use.
    pub fn get(&mut self, mem: &mut CodeMemory, sig: &CallSig) -> Result<FfCallFn, BridgeError> {
        self.bind(mem)?;
        if let Some(&f) = self.map.get(sig) {
            return Ok(f);
        }
        self.prepare(mem, std::slice::from_ref(sig))?;
        self.map.get(sig).copied().ok_or(BridgeError::BadSignature(
            "stub missing after generation".into(),
        ))
    }

    /// Generates the stubs of all `sigs` not yet cached in one batch (one
    /// publish), e.g. every call prototype of a module at link time.
    pub fn prepare(&mut self, mem: &mut CodeMemory, sigs: &[CallSig]) -> Result<(), BridgeError> {
        self.bind(mem)?;
        let mut batch = mem.batch();
        let mut new = Vec::new();
        for s in sigs {
            if self.map.contains_key(s) || new.iter().any(|(n, _)| n == s) {
                continue;
            }
            new.push((s.clone(), emit_ff_call(&mut batch, s)?));
        }
        batch.publish()?;
        self.map.extend(new);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(results: Vec<RetKind>, args: Vec<ArgKind>) -> CallSig {
        let n = args.len();
        CallSig {
            results,
            args,
            nfixed: n,
            variadic: false,
        }
    }

    #[test]
    fn classification() {
        let s = sig(
            vec![RetKind::Int(IntExt::None)],
            vec![
                ArgKind::I64,
                ArgKind::I64,
                ArgKind::I64,
                ArgKind::I64,
                ArgKind::I64,
                ArgKind::Blk { case: 1, size: 16 },
                ArgKind::I64,
                ArgKind::LD,
            ],
        );
        let p = FfPlan::new(&s).unwrap();
        assert_eq!(
            p.args[5].loc,
            Loc::BlkStack { off: 0, size: 16 },
            "block needing 2 GPRs with 1 left goes to the stack"
        );
        assert_eq!(
            p.args[6].loc,
            Loc::Gp {
                reg: 5,
                load: Load::Q
            }
        );
        assert_eq!(p.args[7].loc, Loc::StackLd { off: 16 });
        assert_eq!(p.stack_bytes, 32);
    }

    #[test]
    fn too_many_results() {
        let s = sig(vec![RetKind::D, RetKind::F, RetKind::D], vec![]);
        assert!(matches!(FfPlan::new(&s), Err(BridgeError::BadSignature(_))));
    }
}
