//! The `dce` pass: dead code elimination on SSA form.
//!
//! Mark and sweep: instructions that matter on their own (stores, writes of
//! non-promoted variables, calls, `va_*`, `alloca`/`bstart`/`bend`,
//! terminators, divisions that may trap, and an overflow instruction whose
//! flags the block's overflow branch reads) are roots; every value they use
//! is live, and so is everything a live value is computed from, through
//! phis too. Whatever pure instruction or phi is left unmarked goes, which
//! also removes dead cycles of phis that use counts would keep.

use super::ir::{div_may_trap, outputs, BlockId, Body, Term};
use mirage_ir::opcode::Family;
use mirage_ir::{Insn, Operand, VarId};

/// Whether the instruction may be deleted when its result is unused.
pub(crate) fn removable(body: &Body, insn: &Insn, ovf_pinned: bool) -> bool {
    let dst_ssa =
        matches!(insn.operands.first(), Some(Operand::Reg(d)) if body.promoted[d.index()]);
    match insn.op.family() {
        Family::Move(_) => dst_ssa,
        Family::Ext { .. }
        | Family::Conv { .. }
        | Family::Neg { .. }
        | Family::FBin { .. }
        | Family::ICmp { .. }
        | Family::FCmp { .. }
        | Family::Addr { .. } => dst_ssa,
        Family::IBin { .. } => dst_ssa && !div_may_trap(insn),
        Family::Ovf { .. } => dst_ssa && !ovf_pinned,
        _ => false,
    }
}

/// Whether the block's terminator reads overflow flags.
pub(crate) fn ovf_branch(term: &Term) -> bool {
    matches!(term, Term::Cond(c) if matches!(c.op.family(), Family::BOvf { .. }))
}

/// Calls `f` on every variable an instruction reads.
pub(crate) fn for_each_use(body: &Body, insn: &Insn, f: impl FnMut(VarId)) {
    uses_with(insn, outputs(body.module, insn), f);
}

/// [`for_each_use`] with the instruction's outputs already worked out.
fn uses_with(insn: &Insn, outs: std::ops::Range<usize>, mut f: impl FnMut(VarId)) {
    // The one variable position that is not a value (`is_non_value` for
    // variable operands), worked out once per instruction.
    let non_value = match insn.op.family() {
        Family::Call | Family::Inline | Family::JCall => 0,
        Family::Addr { .. } | Family::Laddr => 1,
        Family::VaArg => 2,
        _ => usize::MAX,
    };
    for (i, op) in insn.operands.iter().enumerate() {
        match op {
            Operand::Reg(v) if !outs.contains(&i) && i != non_value => f(*v),
            Operand::Mem(m) => {
                if let Some(v) = m.base {
                    f(v);
                }
                if let Some(v) = m.index {
                    f(v);
                }
            }
            _ => {}
        }
    }
}

#[derive(Clone, Copy)]
enum Site {
    None,
    Phi(BlockId, u32),
    Insn(BlockId, u32),
}

pub(crate) fn run(body: &mut Body) {
    let nv = body.vars.len();
    let mut def = vec![Site::None; nv];
    let mut live = vec![false; nv];
    let mut work: Vec<VarId> = Vec::new();
    let mark = |v: VarId, live: &mut Vec<bool>, work: &mut Vec<VarId>| {
        if !live[v.index()] {
            live[v.index()] = true;
            work.push(v);
        }
    };
    // Whether anything is removable at all: if not, nothing can go.
    let mut any_removable = false;
    // Per instruction of the live blocks, in order: whether it is
    // removable (computed once, read again by the sweep).
    let mut rem: Vec<bool> = Vec::with_capacity(body.insn_count());
    // One sweep records the definitions and marks the roots (the
    // worklist below needs all definitions).
    for (bi, blk) in body.blocks.iter().enumerate() {
        if blk.dead {
            continue;
        }
        let b = BlockId(bi as u32);
        for (k, phi) in blk.phis.iter().enumerate() {
            def[phi.dst.index()] = Site::Phi(b, k as u32);
        }
        let pinned = ovf_branch(&blk.term);
        any_removable |= !blk.phis.is_empty();
        for (k, insn) in blk.insns.iter().enumerate() {
            let outs = outputs(body.module, insn);
            for i in outs.clone() {
                if let Some(Operand::Reg(v)) = insn.operands.get(i) {
                    def[v.index()] = Site::Insn(b, k as u32);
                }
            }
            let r = removable(body, insn, pinned);
            rem.push(r);
            if r {
                any_removable = true;
            } else {
                uses_with(insn, outs.clone(), |v| mark(v, &mut live, &mut work));
                // Outputs of kept instructions stay defined.
                for i in outs {
                    if let Some(Operand::Reg(v)) = insn.operands.get(i) {
                        live[v.index()] = true;
                    }
                }
            }
        }
        if let Term::Cond(i) | Term::Switch(i) | Term::Ret(i) = &blk.term {
            for_each_use(body, i, |v| mark(v, &mut live, &mut work));
        }
    }
    if !any_removable {
        return;
    }
    while let Some(v) = work.pop() {
        match def[v.index()] {
            Site::None => {}
            Site::Phi(b, k) => {
                let phi = &body.block(b).phis[k as usize];
                for a in &phi.args {
                    if let Operand::Reg(w) = a {
                        mark(*w, &mut live, &mut work);
                    }
                }
            }
            Site::Insn(b, k) => {
                let insn = &body.block(b).insns[k as usize];
                for_each_use(body, insn, |w| mark(w, &mut live, &mut work));
            }
        }
    }
    let mut flags = rem.iter();
    for blk in body.blocks.iter_mut().filter(|b| !b.dead) {
        blk.insns.retain(|insn| {
            !*flags.next().unwrap()
                || matches!(insn.operands.first(), Some(Operand::Reg(d)) if live[d.index()])
        });
        blk.phis.retain(|p| live[p.dst.index()]);
    }
}
