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
//!   fixed or variadic, with [`VaList::arg_addr`] / [`VaList::block_arg`].
//! * **Lazy wrappers** ([`make_lazy_wrapper`]): on a call, save every
//!   argument register (and RAX = AL of variadic calls), call
//!   `hook(data)`, restore, and tail-jump to the address it returned; stack
//!   arguments are never touched, so the call continues intact.
//! * **`va_list`**: the shims' [`VaList`] is the interpreter's
//!   (`mirage_interp::valist`), which implements SysV `va_arg` /
//!   `va_block_arg` (§6.4) and builds `va_list` images from values
//!   (`ArgImage`); there is one implementation, not one per side.
//! * **`bstart`/`bend`** builtins for generated code ([`bstart_address`],
//!   [`bend_address`]).

use super::codemem::{CodeBatch, CodeMemory};
use super::ffcall::{extend, load_of_ext, result_regs, ResReg};
use super::x64asm::{Asm, Gp};
use super::BridgeError;
use mirage_ir::abi::{CallSig, IntExt, RetKind, Val};
use std::mem::offset_of;

/// The function an interpreter shim calls: `va` describes the native
/// caller's arguments, `results` has room for six 16-byte slots (the shim
/// loads the signature's results from `results[0..nres]`).
pub type ShimHandler = unsafe extern "C" fn(data: *const (), va: *mut VaList, results: *mut Val);

/// The function a lazy wrapper calls on each call through it; it returns
/// the address to continue the call at (typically after storing it into
/// the function's table slot). It must not return null.
pub type LazyHook = unsafe extern "C" fn(data: *const ()) -> *const u8;

/// The x86-64 SysV `va_list` (24 bytes, spec §6.4) the shims build: the
/// interpreter's, which also reads arguments through it
/// ([`VaList::arg_addr`], [`VaList::block_arg`]) and builds one from
/// values ([`mirage_interp::valist::ArgImage`]).
pub use mirage_interp::valist::VaList;
// `shim_common` fills the va_list at fixed offsets.
const _: () = assert!(std::mem::size_of::<VaList>() == 24);
const _: () = assert!(offset_of!(VaList, gp_offset) == 0);
const _: () = assert!(offset_of!(VaList, fp_offset) == 4);
const _: () = assert!(offset_of!(VaList, overflow_arg_area) == 8);
const _: () = assert!(offset_of!(VaList, reg_save_area) == 16);

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
