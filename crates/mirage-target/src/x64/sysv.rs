//! The System V x86-64 calling convention (spec §6.2–6.3): where each
//! argument of a call goes, and where results come back.
//!
//! [`classify_args`] is the one place that decides argument placement; the
//! code generator uses it both as a caller (to place outgoing arguments) and
//! as a callee (to find incoming ones), so the two sides cannot disagree.
//! It follows the same rules as the runtime's ff-call stubs and the
//! interpreter's `ArgImage`: integers in RDI, RSI, RDX, RCX, R8, R9; `f`/`d`
//! in XMM0–7; everything else on the stack in 8-byte slots, `ld` in a
//! 16-byte-aligned 16-byte slot; by-value blocks per their case, falling
//! back to the stack (consuming no register) when the registers they need
//! are exhausted.

use super::regs::{Gpr, Xmm};
use mirage_ir::abi::ArgKind;

/// Integer argument registers in order.
pub const INT_ARGS: [Gpr; 6] = [Gpr::Rdi, Gpr::Rsi, Gpr::Rdx, Gpr::Rcx, Gpr::R8, Gpr::R9];
/// Callee-saved general registers (besides `rsp`).
pub const CALLEE_SAVED: [Gpr; 6] = [Gpr::Rbx, Gpr::Rbp, Gpr::R12, Gpr::R13, Gpr::R14, Gpr::R15];
/// Integer result registers in order.
pub const INT_RESULTS: [Gpr; 2] = [Gpr::Rax, Gpr::Rdx];
/// Floating-point result registers in order.
pub const FP_RESULTS: [Xmm; 2] = [Xmm::XMM0, Xmm::XMM1];
/// Size of the register save area of a variadic function: six integer
/// registers then eight XMM registers of 16 bytes.
pub const REG_SAVE_AREA: u32 = 176;

/// One eightbyte of a register-passed block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Int(Gpr),
    Sse(Xmm),
}

/// Where one argument is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgLoc {
    Int(Gpr),
    Sse(Xmm),
    /// At this offset of the stack argument area (from the caller's `rsp`
    /// at the call; the callee sees it at `[rsp+8+offset]` on entry).
    Stack(u32),
    /// A block in one or two registers (`n` parts used).
    BlkRegs {
        parts: [Part; 2],
        n: u8,
    },
    /// A block copied into the stack argument area at this offset.
    BlkStack(u32),
}

/// Placement of all arguments of one call.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ArgLayout {
    pub locs: Vec<ArgLoc>,
    /// Bytes of stack arguments, rounded up to 16.
    pub stack_bytes: u32,
    /// Bytes of stack arguments before rounding (where variadic stack
    /// arguments would start after these).
    pub stack_used: u32,
    /// Integer registers used.
    pub gp_used: u32,
    /// XMM registers used (the value of AL for a variadic call).
    pub sse_used: u32,
}

/// The eightbyte classes of a register-passable block: `None` for blocks
/// passed in memory (case 0, other cases, size 0 or > 16).
pub fn block_parts(case: u8, size: u32) -> Option<(usize, [bool; 2])> {
    if size == 0 || size > 16 {
        return None;
    }
    let n = if size > 8 { 2 } else { 1 };
    // true = INTEGER, false = SSE
    let cls = match case {
        1 => [true, true],
        2 => [false, false],
        3 => [true, false],
        4 => [false, true],
        _ => return None,
    };
    Some((n, cls))
}

/// Places the arguments of a call with these kinds (fixed and variadic
/// alike: SysV treats them the same).
pub fn classify_args(kinds: &[ArgKind]) -> ArgLayout {
    let mut l = ArgLayout {
        locs: Vec::with_capacity(kinds.len()),
        ..ArgLayout::default()
    };
    classify_args_into(kinds, &mut l);
    l
}

/// [`classify_args`] into an existing layout (its `locs` buffer is reused:
/// callers placing many calls allocate it once).
pub fn classify_args_into(kinds: &[ArgKind], l: &mut ArgLayout) {
    l.locs.clear();
    let mut gp = 0usize;
    let mut sse = 0usize;
    let mut stack = 0u32;
    for &k in kinds {
        let loc = match k {
            ArgKind::F | ArgKind::D => {
                if sse < 8 {
                    sse += 1;
                    ArgLoc::Sse(Xmm::new(sse as u8 - 1))
                } else {
                    stack += 8;
                    ArgLoc::Stack(stack - 8)
                }
            }
            ArgKind::LD => {
                stack = stack.next_multiple_of(16);
                stack += 16;
                ArgLoc::Stack(stack - 16)
            }
            ArgKind::Blk { case, size } => {
                if size == 0 {
                    ArgLoc::BlkStack(stack)
                } else {
                    match block_parts(case, size) {
                        Some((n, cls)) => {
                            let need_gp = cls[..n].iter().filter(|&&c| c).count();
                            let need_sse = n - need_gp;
                            if gp + need_gp <= 6 && sse + need_sse <= 8 {
                                let mut parts = [Part::Int(Gpr::Rax); 2];
                                for (i, &int) in cls[..n].iter().enumerate() {
                                    parts[i] = if int {
                                        gp += 1;
                                        Part::Int(INT_ARGS[gp - 1])
                                    } else {
                                        sse += 1;
                                        Part::Sse(Xmm::new(sse as u8 - 1))
                                    };
                                }
                                ArgLoc::BlkRegs { parts, n: n as u8 }
                            } else {
                                stack += size.next_multiple_of(8);
                                ArgLoc::BlkStack(stack - size.next_multiple_of(8))
                            }
                        }
                        None => {
                            stack += size.next_multiple_of(8);
                            ArgLoc::BlkStack(stack - size.next_multiple_of(8))
                        }
                    }
                }
            }
            _ => {
                if gp < 6 {
                    gp += 1;
                    ArgLoc::Int(INT_ARGS[gp - 1])
                } else {
                    stack += 8;
                    ArgLoc::Stack(stack - 8)
                }
            }
        };
        l.locs.push(loc);
    }
    l.stack_bytes = stack.next_multiple_of(16);
    l.stack_used = stack;
    l.gp_used = gp as u32;
    l.sse_used = sse as u32;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_arguments() {
        use ArgKind::*;
        let kinds = [I64, D, I32, F, LD, I64, I64, I64, I64, I64, D];
        let l = classify_args(&kinds);
        assert_eq!(l.locs[0], ArgLoc::Int(Gpr::Rdi));
        assert_eq!(l.locs[1], ArgLoc::Sse(Xmm::new(0)));
        assert_eq!(l.locs[3], ArgLoc::Sse(Xmm::new(1)));
        assert_eq!(l.locs[4], ArgLoc::Stack(0));
        assert_eq!(l.locs[9], ArgLoc::Stack(16));
        assert_eq!(l.locs[10], ArgLoc::Sse(Xmm::new(2)));
        assert_eq!(l.stack_bytes, 32);
        assert_eq!((l.gp_used, l.sse_used), (6, 3));
    }

    #[test]
    fn blocks_fall_back_to_the_stack() {
        use ArgKind::*;
        let mut kinds = vec![I64; 5];
        kinds.push(Blk { case: 1, size: 16 });
        kinds.push(Blk { case: 3, size: 12 });
        let l = classify_args(&kinds);
        assert_eq!(l.locs[5], ArgLoc::BlkStack(0));
        assert_eq!(
            l.locs[6],
            ArgLoc::BlkRegs {
                parts: [Part::Int(Gpr::R9), Part::Sse(Xmm::new(0))],
                n: 2
            }
        );
    }
}
