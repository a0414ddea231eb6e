//! Shrink-wrapping of an early exit: when the function starts with a test
//! whose fall-through side is a short integer computation ending in `ret`,
//! that test and return path are emitted *before* the prologue, reading the
//! parameters straight from their argument registers, and the prologue goes
//! after them, at the label the test jumps to (the optimizer's `peel-exit`
//! pass makes this shape for recursive functions whose test sits in a loop
//! header). The entry then returns without touching the stack:
//!
//! ```text
//!     cmp   edi, 2          ; bges L, n, 2
//!     jge   L
//!     movsxd rax, edi       ; the return path, caller-saved registers only
//!     ret                   ; no epilogue
//! L:  push rbx ...          ; the prologue, then the body
//! ```
//!
//! Sound only when the return path needs no frame: every variable it
//! touches is in a caller-saved register, each parameter it reads is passed
//! in a register and needs no extension on arrival, and a symbolic walk of
//! the registers (parameters in their argument registers at the start)
//! shows every read finds its variable where the path's locations (the
//! allocation, parameters moved to their argument registers) say. The
//! label the test jumps to must be reached from nowhere else (else other
//! jumps there would run the prologue again).

use crate::opt::ir::cheap_int;
use crate::regalloc::Loc;
use mirage_ir::abi::ArgKind;
use mirage_ir::{Class, Family, Func, Operand, VarKind};
use mirage_target::x64::sysv::{ArgLoc, CALLEE_SAVED};
use mirage_target::x64::Gpr;

/// Largest return path (instructions before the `ret`).
const MAX_PATH: usize = 8;

/// An early exit to emit before the prologue.
pub(crate) struct FastExit {
    /// Index of the label the test jumps to (the prologue goes after it).
    pub label_at: usize,
    /// The locations for the test and the return path.
    pub locs: Vec<Loc>,
}

/// The early exit of `f` (allocated to `locs`; `lo32[v]`: nothing reads
/// the upper half of `v`), if it has one that can go before the prologue.
pub(crate) fn fast_exit(f: &Func, locs: &[Loc], lo32: &[bool]) -> Option<FastExit> {
    if f.sig.vararg || f.num_insns() < 3 {
        return None;
    }
    let test = f.insn(0);
    if !matches!(
        test.op.family(),
        Family::BICmp { .. } | Family::BTest { .. }
    ) {
        return None;
    }
    let Some(&Operand::Label(target)) = test.operands.first() else {
        return None;
    };
    // The return path, up to its `ret`.
    let mut ret_at = None;
    for i in 1..f.num_insns().min(MAX_PATH + 2) {
        let x = f.insn(i);
        match x.op.family() {
            Family::Ret => {
                ret_at = Some(i);
                break;
            }
            fam if cheap_int(fam) => {}
            _ => return None,
        }
    }
    let ret_at = ret_at?;
    if f.sig.results.iter().any(|t| t.class() != Class::Int) {
        return None;
    }
    let label_at = ret_at + 1;
    let next = f.insn(label_at);
    if next.op.family() != Family::Label || next.operands.first() != Some(&Operand::Label(target)) {
        return None;
    }
    // Nothing else may reach the label (nor take label addresses).
    for (i, x) in f.insns().enumerate() {
        if matches!(x.op.family(), Family::Laddr | Family::Jmpi) {
            return None;
        }
        if i != 0 && i != label_at && x.operands.contains(&Operand::Label(target)) {
            return None;
        }
    }
    // Parameters in argument registers, with no extension on arrival.
    let layout = super::param_layout(f);
    let mut fast_locs = locs.to_vec();
    // Which variable each register holds, walking the path.
    let mut holds: [Option<usize>; 16] = [None; 16];
    for (k, loc) in layout.locs.iter().enumerate().take(f.vars.len()) {
        let p = &f.sig.params[k];
        let plain = match ArgKind::from_type(p.ty, p.size) {
            ArgKind::I64 => true,
            ArgKind::I32 | ArgKind::U32 => lo32.get(k).copied().unwrap_or(false),
            _ => false,
        };
        if let (ArgLoc::Int(g), true) = (loc, plain) {
            fast_locs[k] = Loc::Gpr(*g);
            holds[g.index() as usize] = Some(k);
        } else if f.vars[k].kind == VarKind::Param {
            // Not readable before the prologue.
            fast_locs[k] = Loc::Slot;
        }
    }
    assign_temps(f, ret_at, &mut fast_locs, &holds)?;
    let reg_of = |v: usize| match fast_locs.get(v) {
        Some(Loc::Gpr(g)) if !CALLEE_SAVED.contains(g) && *g != Gpr::Rsp => Some(*g),
        _ => None,
    };
    for i in 0..=ret_at {
        let x = f.insn(i);
        let writes =
            i != 0 && i != ret_at && x.op.info().operands.first().is_some_and(|s| s.is_output());
        for (k, op) in x.operands.iter().enumerate() {
            match op {
                Operand::Reg(v) => {
                    let g = reg_of(v.index())?;
                    if f.vars[v.index()].kind == VarKind::Global
                        || f.vars[v.index()].hard_reg.is_some()
                    {
                        return None;
                    }
                    if !(writes && k == 0) && holds[g.index() as usize] != Some(v.index()) {
                        return None;
                    }
                }
                Operand::Int(_) | Operand::Label(_) => {}
                _ => return None,
            }
        }
        if writes {
            let Some(Operand::Reg(d)) = x.operands.first() else {
                return None;
            };
            let g = reg_of(d.index())?;
            // A read of the same instruction comes first: only the
            // destination's register changes.
            holds[g.index() as usize] = Some(d.index());
        }
    }
    Some(FastExit {
        label_at,
        locs: fast_locs,
    })
}

/// Registers for the path's other variables: their locations elsewhere do
/// not matter (the path returns), so each gets a caller-saved register of
/// its own over its span on the path (first write to last read), apart
/// from the parameters' argument registers up to their last read.
fn assign_temps(
    f: &Func,
    ret_at: usize,
    fast_locs: &mut [Loc],
    params: &[Option<usize>; 16],
) -> Option<()> {
    const POOL: [Gpr; 7] = [
        Gpr::Rax,
        Gpr::Rcx,
        Gpr::Rdx,
        Gpr::Rsi,
        Gpr::Rdi,
        Gpr::R8,
        Gpr::R9,
    ];
    // (variable, first index, last index), in order of first appearance.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for i in 0..=ret_at {
        for op in f.insn(i).operands {
            if let Operand::Reg(v) = op {
                match spans.iter_mut().find(|s| s.0 == v.index()) {
                    Some(s) => s.2 = i,
                    None => spans.push((v.index(), i, i)),
                }
            }
        }
    }
    let is_param = |v: usize| params.contains(&Some(v));
    let mut given: Vec<(Gpr, usize, usize)> = Vec::new();
    for &(v, lo, hi) in &spans {
        if is_param(v) {
            let Loc::Gpr(g) = fast_locs[v] else {
                return None;
            };
            given.push((g, lo, hi));
        }
    }
    for &(v, lo, hi) in &spans {
        if is_param(v) {
            continue;
        }
        // A span that ends where this one starts (its last read is the
        // instruction writing `v`) does not conflict.
        let free = |g: &Gpr| {
            !given
                .iter()
                .any(|&(h, a, b)| h == *g && a <= hi && (lo < b || a == lo))
        };
        let g = match hint(f, ret_at, v, lo, fast_locs) {
            Some(h) if POOL.contains(&h) && free(&h) => h,
            _ => *POOL.iter().find(|g| free(g))?,
        };
        fast_locs[v] = Loc::Gpr(g);
        given.push((g, lo, hi));
    }
    Some(())
}

/// The register `v` (first written at `lo`) would best get: the result
/// register if the `ret` returns it first, else the register of what the
/// instruction writing it first reads (a move then vanishes).
fn hint(f: &Func, ret_at: usize, v: usize, lo: usize, fast_locs: &[Loc]) -> Option<Gpr> {
    if f.insn(ret_at).operands.first() == Some(&Operand::Reg(mirage_ir::VarId::new(v))) {
        return Some(Gpr::Rax);
    }
    match f.insn(lo).operands.get(1) {
        Some(Operand::Reg(s)) => match fast_locs.get(s.index()) {
            Some(Loc::Gpr(g)) => Some(*g),
            _ => None,
        },
        _ => None,
    }
}
