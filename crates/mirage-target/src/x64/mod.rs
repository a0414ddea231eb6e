//! x86-64: registers ([`Gpr`], [`Xmm`]), condition codes ([`Cond`]), the
//! instruction forms the backend emits ([`Inst`]), their encoder with labels,
//! fixups and relocations ([`Asm`]), and the System V calling convention
//! ([`sysv`]).
//!
//! The split follows Cranelift's x64 assembler: the *forms* are declared once,
//! as the variants of [`Inst`] and the small opcode tables next to them (one
//! line per encoding), and the encoder is a single `match` over them. The
//! integration tests decode every form back with an independent disassembler
//! (iced-x86) for every register and addressing special case.

mod encode;
mod inst;
mod regs;
pub mod sysv;

pub use encode::{Asm, Code, Relax, Reloc};
pub use inst::{AluOp, Amode, FpSize, Inst, ShiftOp, SseOp, UnOp, X87Op};
pub use regs::{Cond, Gpr, Label, Size, Xmm};
