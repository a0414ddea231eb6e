//! Entering Rust (the interpreter) from native callers, and the helper
//! stubs generated code needs (spec §6.4, §7.7 — done our way).
//!
//! * **Interpreter shims** ([`make_interp_shim`]): a native function with a
//!   MIR function's C signature. Its per-function part in code memory is
//!   `lea r10, [rip+desc]; jmp [rip+desc.common]` followed by a read-only
//!   descriptor (common address, handler, data, result layout). The common
//!   part is compiled into the binary (`naked` assembly, no runtime code):
//!   it saves RDI..R9 and XMM0–7 into a SysV register save area, builds a
//!   `va_list` describing those registers and the caller's stack arguments,
//!   calls `handler(data, &va_list, results)` and loads up to six results
//!   into RAX/RDX, XMM0/XMM1 and ST0/ST1. The handler reads every argument,
//!   fixed or variadic, with [`va_arg_addr`] / [`va_block_arg`].
//! * **Lazy wrappers** ([`make_lazy_wrapper`]): on a call, save every
//!   argument register (and RAX = AL of variadic calls), call
//!   `hook(data)`, restore, and tail-jump to the address it returned; stack
//!   arguments are never touched, so the call continues intact.
//! * **`va_list` readers**: SysV `va_arg`/`va_block_arg` exactly as §6.4,
//!   with two deliberate differences: `ld` aligns the overflow area to 16
//!   (as gcc's callers place it), and block case 2 checks for XMM
//!   exhaustion (the reference does not, which disagrees with every caller).
//!   [`VaArgs`] builds a `va_list` over values held in [`Val`] slots, for
//!   interpreter-to-interpreter variadic calls.
//! * **`bstart`/`bend`** builtins for generated code ([`bstart_address`],
//!   [`bend_address`]).

use super::codemem::{CodeBatch, CodeMemory};
use super::ffcall::{
    block_eightbytes, extend, load_of_ext, result_regs, ArgImage, Chunk16, Eightbyte, FfPlan,
    RegSave, ResReg,
};
use super::x64asm::{Asm, Gp};
use super::BridgeError;
use mirage_ir::abi::{ArgKind, CallSig, IntExt, RetKind, Val};
use std::mem::offset_of;

/// The function an interpreter shim calls: `va` describes the native
/// caller's arguments, `results` has room for six 16-byte slots (the shim
/// loads the signature's results from `results[0..nres]`).
pub type ShimHandler = unsafe extern "C" fn(data: *const (), va: *mut VaList, results: *mut Val);

/// The function a lazy wrapper calls on each call through it; it returns
/// the address to continue the call at (typically after storing it into
/// the function's table slot). It must not return null.
pub type LazyHook = unsafe extern "C" fn(data: *const ()) -> *const u8;

/// x86-64 SysV `va_list` (24 bytes, spec §6.4).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct VaList {
    pub gp_offset: u32,
    pub fp_offset: u32,
    pub overflow_arg_area: *mut u8,
    pub reg_save_area: *mut u8,
}
const _: () = assert!(std::mem::size_of::<VaList>() == 24);
const _: () = assert!(offset_of!(VaList, overflow_arg_area) == 8);
const _: () = assert!(offset_of!(VaList, reg_save_area) == 16);

/// Which register class `va_arg` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VaArgClass {
    /// Integers, pointers, `rblk` (integer registers, then stack).
    Int,
    /// `f`/`d` (XMM registers, then stack).
    Fp,
    /// `ld` (always on the stack, 16-byte aligned slot).
    LongDouble,
}

impl VaArgClass {
    /// The class of a scalar argument kind (`None` for blocks, which are
    /// read with [`va_block_arg`]).
    pub fn of(kind: ArgKind) -> Option<VaArgClass> {
        match kind {
            ArgKind::F | ArgKind::D => Some(VaArgClass::Fp),
            ArgKind::LD => Some(VaArgClass::LongDouble),
            ArgKind::Blk { .. } => None,
            _ => Some(VaArgClass::Int),
        }
    }
}

/// Returns the address of the next argument of `class` and advances `va`
/// (MIR's `va_arg`).
///
/// # Safety
/// `va` must describe a live argument list (from a shim, a variadic
/// function's `va_start`, or [`VaArgs`]) with an argument of that class
/// left.
pub unsafe fn va_arg_addr(va: &mut VaList, class: VaArgClass) -> *mut u8 {
    // SAFETY: offsets stay inside the 176-byte register save area while
    // the bounds checks hold, and the overflow area holds the remaining
    // stack arguments (caller's promise).
    unsafe {
        match class {
            VaArgClass::Int if va.gp_offset <= 40 => {
                let p = va.reg_save_area.add(va.gp_offset as usize);
                va.gp_offset += 8;
                p
            }
            VaArgClass::Fp if va.fp_offset <= 160 => {
                let p = va.reg_save_area.add(va.fp_offset as usize);
                va.fp_offset += 16;
                p
            }
            VaArgClass::Int | VaArgClass::Fp => {
                let p = va.overflow_arg_area;
                va.overflow_arg_area = p.add(8);
                p
            }
            VaArgClass::LongDouble => {
                let a = va.overflow_arg_area as usize;
                let p = va.overflow_arg_area.add(a.next_multiple_of(16) - a);
                va.overflow_arg_area = p.add(16);
                p
            }
        }
    }
}

/// Copies the next block argument of `size` bytes, passed with SysV
/// `case` (spec §6.3; other cases behave as 0), to `dest` and advances `va`
/// (MIR's `va_block_arg`). Exactly `size` bytes are written.
///
/// # Safety
/// As [`va_arg_addr`]; `dest` must be writable for `size` bytes.
pub unsafe fn va_block_arg(va: &mut VaList, dest: *mut u8, size: u64, case: u64) {
    if let Some((n, cls)) = block_eightbytes(case, size) {
        let need_gp = cls[..n].iter().filter(|c| **c == Eightbyte::Int).count() as u32;
        let need_x = n as u32 - need_gp;
        if va.gp_offset + 8 * need_gp <= 48 && va.fp_offset + 16 * need_x <= 176 {
            for (k, c) in cls[..n].iter().enumerate() {
                let len = (size as usize - 8 * k).min(8);
                let off = match c {
                    Eightbyte::Int => {
                        va.gp_offset += 8;
                        va.gp_offset - 8
                    }
                    Eightbyte::Sse => {
                        va.fp_offset += 16;
                        va.fp_offset - 16
                    }
                };
                // SAFETY: the register slot is inside the save area (checked
                // above) and `dest` has room for `size` bytes (caller).
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        va.reg_save_area.add(off as usize),
                        dest.add(8 * k),
                        len,
                    )
                };
            }
            return;
        }
    }
    // SAFETY: the block is the next stack argument (caller's promise).
    unsafe {
        std::ptr::copy_nonoverlapping(va.overflow_arg_area, dest, size as usize);
        va.overflow_arg_area = va
            .overflow_arg_area
            .add((size as usize).next_multiple_of(8));
    }
}

/// An argument list built from [`Val`] slots and read through a `va_list`,
/// laid out exactly as a native call would pass it (for calls between
/// interpreted functions that never leave the interpreter).
pub struct VaArgs {
    img: ArgImage,
}

impl VaArgs {
    /// Places the arguments of `sig` (results are ignored; `args` are the
    /// slots of the arguments only, in order).
    ///
    /// # Safety
    /// Block arguments' slots must hold addresses of readable blocks of
    /// their size.
    pub unsafe fn new(args: &[ArgKind], slots: &[Val]) -> Result<VaArgs, BridgeError> {
        let sig = CallSig {
            results: Vec::new(),
            args: args.to_vec(),
            nfixed: args.len(),
            variadic: false,
        };
        let plan = FfPlan::new(&sig)?;
        if slots.len() < plan.nslots() {
            return Err(BridgeError::TooFewSlots {
                need: plan.nslots(),
                have: slots.len(),
            });
        }
        let mut img = ArgImage {
            regs: RegSave::default(),
            stack: vec![Chunk16([0; 16]); plan.stack_bytes() as usize / 16],
        };
        // SAFETY: forwarded from the caller; slot count checked.
        unsafe { plan.marshal(slots, &mut img.regs, &mut img.stack) };
        Ok(VaArgs { img })
    }

    /// A `va_list` at the first argument; valid while `self` is neither
    /// moved nor dropped.
    pub fn va_list(&mut self) -> VaList {
        VaList {
            gp_offset: 0,
            fp_offset: 48,
            overflow_arg_area: self.img.stack.as_mut_ptr().cast(),
            reg_save_area: (&mut self.img.regs as *mut RegSave).cast(),
        }
    }
}

// ---------------------------------------------------------------------
// Interpreter shims

/// Per-shim descriptor, stored read-only right after the shim's code.
#[repr(C)]
struct ShimDesc {
    common: usize,
    handler: ShimHandler,
    data: *const (),
    /// Byte offsets into the result area for RAX, RDX, XMM0, XMM1, ST0,
    /// ST1, then the number of `ld` results.
    plan: [u8; 8],
    /// Per result: 0 = none, 1..=7 = integer with extension, 8 = other.
    rets: [u8; 8],
}
const SHIM_CODE: usize = 16;
/// Bytes of code memory per interpreter shim (stub + descriptor; the next
/// placement starts at the following 16-byte boundary, so 64 in practice).
pub const INTERP_SHIM_BYTES: usize = SHIM_CODE + std::mem::size_of::<ShimDesc>();
const _: () = assert!(std::mem::size_of::<ShimDesc>() == 40);

fn ext_code(e: IntExt) -> u8 {
    match e {
        IntExt::I8 => 1,
        IntExt::U8 => 2,
        IntExt::I16 => 3,
        IntExt::U16 => 4,
        IntExt::I32 => 5,
        IntExt::U32 => 6,
        IntExt::None => 7,
    }
}

fn ext_of_code(c: u8) -> Option<IntExt> {
    Some(match c {
        1 => IntExt::I8,
        2 => IntExt::U8,
        3 => IntExt::I16,
        4 => IntExt::U16,
        5 => IntExt::I32,
        6 => IntExt::U32,
        7 => IntExt::None,
        _ => return None,
    })
}

/// Called by the common shim part: runs the handler, then extends narrow
/// integer results as the ABI requires of a callee.
unsafe extern "C" fn shim_dispatch(desc: *const ShimDesc, va: *mut VaList, results: *mut Val) {
    // SAFETY: `desc` is the descriptor the shim's own stub passed in R10;
    // `va` and `results` point into the common part's frame (176-byte save
    // area, 24-byte va_list, six result slots).
    unsafe {
        let d = &*desc;
        (d.handler)(d.data, va, results);
        for (j, &c) in d.rets.iter().enumerate().take(6) {
            if let Some(e) = ext_of_code(c) {
                let v = &mut *results.add(j);
                let x = extend(v.i64() as u64, load_of_ext(e));
                v.bytes[..8].copy_from_slice(&x.to_le_bytes());
            }
        }
    }
}

/// The common part of every interpreter shim (entered with R10 = desc).
///
/// Frame (after `push rbp; push rbx; push r12`, RSP 16-aligned):
/// `[rsp+0, 96)` six result slots, `[rsp+96, 120)` the `va_list`,
/// `[rsp+128, 304)` the register save area.
#[unsafe(naked)]
unsafe extern "C" fn shim_common() {
    core::arch::naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push rbx",
        "push r12",
        "mov rbx, r10",
        "sub rsp, 304",
        "mov [rsp + 128], rdi",
        "mov [rsp + 136], rsi",
        "mov [rsp + 144], rdx",
        "mov [rsp + 152], rcx",
        "mov [rsp + 160], r8",
        "mov [rsp + 168], r9",
        "movaps [rsp + 176], xmm0",
        "movaps [rsp + 192], xmm1",
        "movaps [rsp + 208], xmm2",
        "movaps [rsp + 224], xmm3",
        "movaps [rsp + 240], xmm4",
        "movaps [rsp + 256], xmm5",
        "movaps [rsp + 272], xmm6",
        "movaps [rsp + 288], xmm7",
        "mov dword ptr [rsp + 96], 0",
        "mov dword ptr [rsp + 100], 48",
        "lea rax, [rbp + 16]",
        "mov [rsp + 104], rax",
        "lea rax, [rsp + 128]",
        "mov [rsp + 112], rax",
        "mov rdi, rbx",
        "lea rsi, [rsp + 96]",
        "mov rdx, rsp",
        "call {dispatch}",
        "movzx ecx, byte ptr [rbx + {plan}]",
        "mov rax, [rsp + rcx]",
        "movzx ecx, byte ptr [rbx + {plan} + 1]",
        "mov rdx, [rsp + rcx]",
        "movzx ecx, byte ptr [rbx + {plan} + 2]",
        "movups xmm0, [rsp + rcx]",
        "movzx ecx, byte ptr [rbx + {plan} + 3]",
        "movups xmm1, [rsp + rcx]",
        "movzx ecx, byte ptr [rbx + {plan} + 6]",
        "test ecx, ecx",
        "jz 3f",
        "cmp ecx, 1",
        "je 2f",
        "movzx ecx, byte ptr [rbx + {plan} + 5]",
        "fld tbyte ptr [rsp + rcx]",
        "2:",
        "movzx ecx, byte ptr [rbx + {plan} + 4]",
        "fld tbyte ptr [rsp + rcx]",
        "3:",
        "lea rsp, [rbp - 16]",
        "pop r12",
        "pop rbx",
        "pop rbp",
        "ret",
        dispatch = sym shim_dispatch,
        plan = const offset_of!(ShimDesc, plan),
    )
}

/// Emits the per-function stub `lea r10, [rip+desc]; jmp [rip+desc]`
/// followed by the descriptor bytes.
fn stub_with_desc(desc: &[u8]) -> Vec<u8> {
    let mut a = Asm::new();
    a.lea_rip(Gp::R10, (SHIM_CODE - 7) as i32);
    // The jmp ends at 13; desc.common (offset 0 of desc) is at 16.
    a.jmp_rip((SHIM_CODE - 13) as i32);
    a.align_int3(SHIM_CODE);
    a.raw(desc);
    a.into_bytes()
}

/// Writes an interpreter shim for a function with signature `sig` (its
/// results and fixed arguments; the shim accepts any arguments) into
/// `batch`; returns its entry address (usable once the batch is published).
pub fn emit_interp_shim(
    batch: &mut CodeBatch<'_>,
    sig: &CallSig,
    handler: ShimHandler,
    data: *const (),
) -> Result<*const u8, BridgeError> {
    let regs = result_regs(&sig.results)?;
    let mut plan = [0u8; 8];
    let mut rets = [0u8; 8];
    for (j, (reg, kind)) in regs.iter().zip(&sig.results).enumerate() {
        let off = (j * 16) as u8;
        match reg {
            ResReg::Rax => plan[0] = off,
            ResReg::Rdx => plan[1] = off,
            ResReg::Xmm0 => plan[2] = off,
            ResReg::Xmm1 => plan[3] = off,
            ResReg::St0 => plan[4] = off,
            ResReg::St1 => plan[5] = off,
        }
        if *reg == ResReg::St0 || *reg == ResReg::St1 {
            plan[6] += 1;
        }
        rets[j] = match kind {
            RetKind::Int(e) => ext_code(*e),
            _ => 8,
        };
    }
    let desc = ShimDesc {
        common: shim_common as *const () as usize,
        handler,
        data,
        plan,
        rets,
    };
    let mut bytes = Vec::with_capacity(40);
    bytes.extend_from_slice(&desc.common.to_le_bytes());
    bytes.extend_from_slice(&(desc.handler as usize).to_le_bytes());
    bytes.extend_from_slice(&(desc.data as usize).to_le_bytes());
    bytes.extend_from_slice(&desc.plan);
    bytes.extend_from_slice(&desc.rets);
    batch.place(&stub_with_desc(&bytes))
}

/// Creates (and publishes) an interpreter shim; see [`emit_interp_shim`].
pub fn make_interp_shim(
    mem: &mut CodeMemory,
    sig: &CallSig,
    handler: ShimHandler,
    data: *const (),
) -> Result<*const u8, BridgeError> {
    let mut b = mem.batch();
    let at = emit_interp_shim(&mut b, sig, handler, data)?;
    b.publish()?;
    Ok(at)
}

// ---------------------------------------------------------------------
// Lazy wrappers

#[repr(C)]
struct WrapDesc {
    common: usize,
    hook: LazyHook,
    data: *const (),
}
/// Bytes of code memory per lazy wrapper (stub + descriptor; 48 in
/// practice with 16-byte placement alignment).
pub const LAZY_WRAPPER_BYTES: usize = SHIM_CODE + std::mem::size_of::<WrapDesc>();

/// The common part of every lazy wrapper (entered with R10 = desc).
#[unsafe(naked)]
unsafe extern "C" fn lazy_common() {
    core::arch::naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        // Align explicitly: a `jcall` enters without a return address, so
        // RSP need not be 8 mod 16 here.
        "and rsp, -16",
        "sub rsp, 192",
        "movaps [rsp], xmm0",
        "movaps [rsp + 16], xmm1",
        "movaps [rsp + 32], xmm2",
        "movaps [rsp + 48], xmm3",
        "movaps [rsp + 64], xmm4",
        "movaps [rsp + 80], xmm5",
        "movaps [rsp + 96], xmm6",
        "movaps [rsp + 112], xmm7",
        "mov [rsp + 128], rdi",
        "mov [rsp + 136], rsi",
        "mov [rsp + 144], rdx",
        "mov [rsp + 152], rcx",
        "mov [rsp + 160], r8",
        "mov [rsp + 168], r9",
        "mov [rsp + 176], rax",
        "mov rdi, [r10 + {data}]",
        "call qword ptr [r10 + {hook}]",
        "mov r11, rax",
        "movaps xmm0, [rsp]",
        "movaps xmm1, [rsp + 16]",
        "movaps xmm2, [rsp + 32]",
        "movaps xmm3, [rsp + 48]",
        "movaps xmm4, [rsp + 64]",
        "movaps xmm5, [rsp + 80]",
        "movaps xmm6, [rsp + 96]",
        "movaps xmm7, [rsp + 112]",
        "mov rdi, [rsp + 128]",
        "mov rsi, [rsp + 136]",
        "mov rdx, [rsp + 144]",
        "mov rcx, [rsp + 152]",
        "mov r8, [rsp + 160]",
        "mov r9, [rsp + 168]",
        "mov rax, [rsp + 176]",
        "mov rsp, rbp",
        "pop rbp",
        "test r11, r11",
        "jz 2f",
        "jmp r11",
        "2:",
        "ud2",
        data = const offset_of!(WrapDesc, data),
        hook = const offset_of!(WrapDesc, hook),
    )
}

/// Writes a lazy wrapper into `batch`; returns its entry address (usable
/// once the batch is published).
pub fn emit_lazy_wrapper(
    batch: &mut CodeBatch<'_>,
    hook: LazyHook,
    data: *const (),
) -> Result<*const u8, BridgeError> {
    let mut bytes = Vec::with_capacity(24);
    bytes.extend_from_slice(&(lazy_common as *const () as usize).to_le_bytes());
    bytes.extend_from_slice(&(hook as usize).to_le_bytes());
    bytes.extend_from_slice(&(data as usize).to_le_bytes());
    batch.place(&stub_with_desc(&bytes))
}

/// Creates (and publishes) a lazy wrapper; see [`emit_lazy_wrapper`].
pub fn make_lazy_wrapper(
    mem: &mut CodeMemory,
    hook: LazyHook,
    data: *const (),
) -> Result<*const u8, BridgeError> {
    let mut b = mem.batch();
    let at = emit_lazy_wrapper(&mut b, hook, data)?;
    b.publish()?;
    Ok(at)
}

// ---------------------------------------------------------------------
// bstart / bend

/// `void *bstart(void)`: returns the caller's RSP as it was before the
/// call (`lea rax, [rsp+8]; ret`).
#[unsafe(naked)]
unsafe extern "C" fn mirage_bstart() -> *mut u8 {
    core::arch::naked_asm!("lea rax, [rsp + 8]", "ret")
}

/// `void bend(void *sp)`: sets the caller's RSP to `sp` (a value from
/// `bstart` in the same frame) and returns to it
/// (`mov rax, [rsp]; mov rsp, rdi; jmp rax`). Freed stack beyond `sp` is
/// gone; only generated code may call this.
#[unsafe(naked)]
unsafe extern "C" fn mirage_bend(sp: *mut u8) {
    core::arch::naked_asm!("mov rax, [rsp]", "mov rsp, rdi", "jmp rax")
}

/// Address of the `bstart` builtin (`void *(void)`), for generated code.
pub fn bstart_address() -> *const u8 {
    mirage_bstart as *const u8
}

/// Address of the `bend` builtin (`void (void *)`), for generated code.
pub fn bend_address() -> *const u8 {
    mirage_bend as *const u8
}
