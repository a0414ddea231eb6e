//! The `peel-exit` pass: the entry's test of a cheap early return is
//! peeled off in front of the rest, so that the backend can emit it before
//! the prologue (shrink-wrapping, see `isa/x64/mod.rs`).
//!
//! Runs last (after `out-of-ssa`), on this shape:
//!
//! ```text
//! entry:  mov a, n; mov b, 0          (only moves of variables/constants)
//!         goto H
//! H:      b<cond> X, a, 2             (no instructions before the test)
//! R:      add t, a, b; ext32 u, t; ret u   (a few simple integer ops)
//! ```
//!
//! where `H` is also reached from elsewhere (a loop header made by
//! `tailrec`), so the entry cannot simply fall into `R`. The entry becomes
//!
//! ```text
//! entry:  b<cond'> S, n, 2            (the test on the entry's values)
//!         add t', n, 0; ext32 u', t'; ret u'   (a copy of R, fresh temps)
//! S:      mov a, n; mov b, 0
//!         goto X                      (the test's outcome is known)
//! ```
//!
//! with the copy of `R` on the fall-through side (the branch is inverted
//! when `R` was the taken side). `S` goes straight to the test's other
//! side: going back to `H` instead keeps the loop's shape but runs the test
//! twice, and the second one, shared with the back edges, mispredicts
//! (fib 42 ran 8% slower than without the pass, against 10% faster this
//! way). The substitution is only made when no
//! moved-to variable is also a source of the entry's moves, so every
//! variable read at `H` holds, on the entry path, exactly the operand it
//! was moved from.

use super::ir::{cheap_int, outputs, BlockId, Body, Term};
use super::loops::invert_branch;
use mirage_ir::opcode::{Family, IBinOp};
use mirage_ir::{Class, Insn, Opcode, Operand, VarId, VarKind};

/// Largest return path (instructions before the `ret`) that is copied.
const MAX_FAST: usize = 6;

pub(crate) fn run(body: &mut Body) -> bool {
    if body.ssa || body.blocks.is_empty() {
        return false;
    }
    let Some(plan) = find(body) else {
        return false;
    };
    apply(body, plan);
    body.remove_unreachable();
    body.compute_preds();
    true
}

/// What [`find`] found: the loop header, the fast side (0: fall-through,
/// 1: taken) and the entry's moves as a substitution.
struct Plan {
    header: BlockId,
    fast_side: usize,
    subst: Vec<(VarId, Operand)>,
}

/// A plain integer variable (not global, not bound to a register).
fn plain_int(body: &Body, v: VarId) -> bool {
    let var = &body.vars[v.index()];
    var.kind != VarKind::Global && var.hard_reg.is_none() && var.ty.class() == Class::Int
}

/// A register or integer constant operand of a plain variable.
fn simple(body: &Body, op: &Operand) -> bool {
    match op {
        Operand::Reg(v) => plain_int(body, *v),
        Operand::Int(_) => true,
        _ => false,
    }
}

/// An instruction the return path may contain: a cheap integer operation
/// on registers and constants (no memory, no call, no trap).
fn cheap(body: &Body, i: &Insn) -> bool {
    let ok = cheap_int(i.op.family());
    ok && i.operands.iter().all(|op| simple(body, op))
        && matches!(i.operands.first(), Some(Operand::Reg(_)))
}

fn find(body: &Body) -> Option<Plan> {
    let entry = &body.blocks[0];
    if !entry.preds.is_empty() || !entry.phis.is_empty() || !matches!(entry.term, Term::Goto) {
        return None;
    }
    let mut subst: Vec<(VarId, Operand)> = Vec::new();
    for i in &entry.insns {
        if i.op.family() != Family::Move(Class::Int) {
            return None;
        }
        let (Some(Operand::Reg(d)), Some(s)) = (i.operands.first(), i.operands.get(1)) else {
            return None;
        };
        if !plain_int(body, *d) || !simple(body, s) || subst.iter().any(|(x, _)| x == d) {
            return None;
        }
        subst.push((*d, s.clone()));
    }
    // A moved-to variable must not be a source (the moves then act as one
    // parallel substitution of their sources' entry values).
    let is_dst = |v: VarId| subst.iter().any(|(d, _)| *d == v);
    if subst
        .iter()
        .any(|(_, s)| matches!(s, Operand::Reg(v) if is_dst(*v)))
    {
        return None;
    }
    let header = entry.succs[0];
    let h = body.block(header);
    if header.index() == 0 || !h.insns.is_empty() || !h.phis.is_empty() {
        return None;
    }
    let Term::Cond(test) = &h.term else {
        return None;
    };
    if invert_branch(test.op).is_none() || !test.operands[1..].iter().all(|o| simple(body, o)) {
        return None;
    }
    let fast_side = (0..2).find(|&k| {
        let r = body.block(h.succs[k]);
        h.succs[k] != header
            && h.succs[0] != h.succs[1]
            && r.phis.is_empty()
            && r.insns.len() <= MAX_FAST
            && matches!(&r.term, Term::Ret(ret) if ret.op.family() == Family::Ret
                && ret.operands.iter().all(|o| simple(body, o)))
            && r.insns.iter().all(|i| cheap(body, i))
    })?;
    // No variable's address may be taken (its value could change through
    // memory; checked last, as it looks at the whole body).
    let addr = body.live_blocks().any(|b| {
        body.block(b)
            .all_insns()
            .any(|i| matches!(i.op.family(), Family::Addr { .. }))
    });
    if addr {
        return None;
    }
    Some(Plan {
        header,
        fast_side,
        subst,
    })
}

/// `op` with the substitution applied.
fn substitute(op: &Operand, subst: &[(VarId, Operand)]) -> Operand {
    if let Operand::Reg(v) = op {
        if let Some((_, s)) = subst.iter().find(|(d, _)| d == v) {
            return s.clone();
        }
    }
    op.clone()
}

/// `add x, y, 0` (and `sub`, `or`, `xor`; `add`, `or`, `xor` with the
/// constant first) of 64-bit width becomes `mov x, y` (substituted
/// constants make these).
fn fold_zero(i: &mut Insn) {
    let Family::IBin { op, w32: false } = i.op.family() else {
        return;
    };
    if i.operands.len() != 3 {
        return;
    }
    let commutes = matches!(op, IBinOp::Add | IBinOp::Or | IBinOp::Xor);
    let keep = match (&i.operands[1], &i.operands[2]) {
        (_, Operand::Int(0)) if commutes || op == IBinOp::Sub => 1,
        (Operand::Int(0), _) if commutes => 2,
        _ => return,
    };
    let (d, x) = (i.operands[0].clone(), i.operands[keep].clone());
    *i = Insn::with(Opcode::Mov, [d, x]);
}

fn apply(body: &mut Body, plan: Plan) {
    let Plan {
        header,
        fast_side,
        mut subst,
    } = plan;
    let h = body.block(header);
    let (fast_src, slow_dst) = (h.succs[fast_side], h.succs[1 - fast_side]);
    let Term::Cond(test) = &h.term else {
        unreachable!()
    };
    let mut test = test.clone();
    // The test reads the entry's values: the moves' sources.
    let entry_subst = subst.clone();
    // The copy of the return path: operands substituted, results renamed.
    let src = body.block(fast_src);
    let mut insns: Vec<Insn> = src.insns.clone();
    let mut ret = match &src.term {
        Term::Ret(r) => r.clone(),
        _ => unreachable!(),
    };
    for i in &mut insns {
        let outs = outputs(body.module, i);
        for k in 0..i.operands.len() {
            if !outs.contains(&k) {
                i.operands[k] = substitute(&i.operands[k], &subst);
            }
        }
        fold_zero(i);
        for k in outs {
            if let Operand::Reg(d) = i.operands[k] {
                let t = body.new_var(Class::Int);
                subst.retain(|(x, _)| *x != d);
                subst.push((d, Operand::Reg(t)));
                i.operands[k] = Operand::Reg(t);
            }
        }
    }
    for k in 0..ret.operands.len() {
        ret.operands[k] = substitute(&ret.operands[k], &subst);
    }
    for k in 1..test.operands.len() {
        test.operands[k] = substitute(&test.operands[k], &entry_subst);
    }
    if fast_side == 1 {
        test.op = invert_branch(test.op).expect("checked by find");
    }
    // Blocks: the entry's moves move to `slow`, which goes on to the side
    // of the test that is not the return path.
    let fast = body.new_block();
    let slow = body.new_block();
    let moves = std::mem::take(&mut body.blocks[0].insns);
    {
        let b = body.block_mut(slow);
        b.insns = moves;
        b.term = Term::Goto;
        b.succs = vec![slow_dst];
    }
    {
        let b = body.block_mut(fast);
        b.insns = insns;
        b.term = Term::Ret(ret);
    }
    let e = body.block_mut(BlockId(0));
    e.term = Term::Cond(test);
    e.succs = vec![fast, slow];
}
