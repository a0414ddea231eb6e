//! The `out-of-ssa` pass: from SSA values back to MIR variables.
//!
//! Every SSA value already is a MIR variable of its own, so leaving SSA
//! only means replacing phis by copies on the incoming edges:
//!
//! 1. Edges from a block with several successors into a block with phis
//!    are split first (a new block on the edge holds the copies). This
//!    avoids the *lost-copy* problem: a copy is never placed where it
//!    would also run on a path that does not lead to the phi's block. It
//!    also keeps copies out of the window between an overflow instruction
//!    and its branch. One exception keeps a rotated loop's back edge a
//!    single branch: a back edge (the phis' block dominates the branch's)
//!    from an integer conditional branch gets the copies before its branch
//!    when they cannot be observed on the other way out: the test does not
//!    read a phi's value, no phi value is live where the other successor
//!    leads (it is not dominated by the phis' block, or no path from it
//!    that avoids that block reads one), and the other successor's phis
//!    neither read a phi value on that edge nor define what the copies
//!    read.
//! 2. The copies of one edge form a *parallel* copy (all phis read their
//!    arguments before any writes): it is sequentialized so that no copy
//!    overwrites a variable another copy still has to read, breaking
//!    cycles (the *swap* problem, `a, b = b, a`) with one temporary.

use super::dce::for_each_use;
use super::dom::DomTree;
use super::ir::{mov_op, BlockId, Body, Term};
use mirage_ir::opcode::Family;
use mirage_ir::{Insn, Operand, VarId};

pub(crate) fn run(body: &mut Body) {
    split_critical_edges(body);
    // The parallel copy of one edge (reused).
    let mut copies: Vec<(VarId, Operand)> = Vec::new();
    for si in 0..body.blocks.len() {
        let sb = &mut body.blocks[si];
        if sb.dead || sb.phis.is_empty() {
            continue;
        }
        // The phis go away: their arguments are moved into the copies.
        let mut phis = std::mem::take(&mut sb.phis);
        let preds = std::mem::take(&mut sb.preds);
        for (j, &p) in preds.iter().enumerate() {
            copies.clear();
            copies.extend(phis.iter_mut().map(|phi| {
                (
                    phi.dst,
                    std::mem::replace(&mut phi.args[j], Operand::Int(0)),
                )
            }));
            sequentialize(body, &mut copies, p);
        }
        body.blocks[si].preds = preds;
    }
    body.ssa = false;
    body.compute_preds();
}

/// Whether the copies of the edge `p -> s` may go before `p`'s branch (see
/// the module documentation).
fn copies_before_branch(body: &Body, dom: &DomTree, p: BlockId, s: BlockId) -> bool {
    let pb = body.block(p);
    let Term::Cond(test) = &pb.term else {
        return false;
    };
    if !matches!(
        test.op.family(),
        Family::BICmp { .. } | Family::BTest { .. }
    ) || pb.succs.iter().filter(|&&x| x == s).count() != 1
    {
        return false;
    }
    let phis = &body.block(s).phis;
    let is_dst = |op: &Operand| matches!(op, Operand::Reg(v) if phis.iter().any(|ph| ph.dst == *v));
    if test.operands.iter().any(is_dst) {
        return false;
    }
    // Blocks made by splitting edges are not in `dom`: left alone.
    let known = |b: BlockId| b.index() < dom.rpo_num.len() && dom.reachable(b);
    // Only back edges (`s` dominates `p`): copies for an exit edge would
    // run on every iteration.
    if !known(s) || !known(p) || !dom.dominates(s, p) {
        return false;
    }
    let sb = body.block(s);
    let kp = sb.preds.iter().position(|&q| q == p).unwrap_or(0);
    pb.succs.iter().filter(|&&x| x != s).all(|&x| {
        if !known(x) {
            return false;
        }
        let xb = body.block(x);
        // The other successor's phis must not read the values the copies
        // write, nor write what they read.
        let reads_dst = xb
            .preds
            .iter()
            .enumerate()
            .any(|(k, &q)| q == p && xb.phis.iter().any(|ph| is_dst(&ph.args[k])));
        let writes_arg = sb.phis.iter().any(
            |ph| matches!(&ph.args[kp], Operand::Reg(v) if xb.phis.iter().any(|xp| xp.dst == *v)),
        );
        !reads_dst && !writes_arg && (!dom.dominates(s, x) || !live_from(body, x, s))
    })
}

/// Whether a phi value of `s` may be read on a path from `x` that does not
/// pass `s` (blocks reached so, their instructions and the phi arguments
/// they pass on).
fn live_from(body: &Body, x: BlockId, s: BlockId) -> bool {
    let phis = &body.block(s).phis;
    let is_dst = |v: VarId| phis.iter().any(|ph| ph.dst == v);
    let mut seen = vec![false; body.blocks.len()];
    let mut stack = vec![x];
    seen[x.index()] = true;
    while let Some(b) = stack.pop() {
        let blk = body.block(b);
        let mut live = false;
        for insn in blk.all_insns() {
            for_each_use(body, insn, |v| live |= is_dst(v));
        }
        if live {
            return true;
        }
        for &y in &blk.succs {
            let yb = body.block(y);
            for (k, &q) in yb.preds.iter().enumerate() {
                if q == b
                    && yb
                        .phis
                        .iter()
                        .any(|ph| matches!(ph.args[k], Operand::Reg(v) if is_dst(v)))
                {
                    return true;
                }
            }
            if y != s && !seen[y.index()] {
                seen[y.index()] = true;
                stack.push(y);
            }
        }
    }
    false
}

fn split_critical_edges(body: &mut Body) {
    let mut dom: Option<DomTree> = None;
    // Only the blocks there are now (the new ones have no phis).
    for si in 0..body.blocks.len() {
        let s = BlockId(si as u32);
        if body.block(s).dead || body.block(s).phis.is_empty() {
            continue;
        }
        let npreds = body.block(s).preds.len();
        for j in 0..npreds {
            let p = body.block(s).preds[j];
            if matches!(body.block(p).term, Term::Goto) && body.block(p).succs.len() == 1 {
                continue;
            }
            if matches!(body.block(p).term, Term::Cond(_)) {
                let d = dom.get_or_insert_with(|| DomTree::compute(body));
                if copies_before_branch(body, d, p, s) {
                    continue;
                }
            }
            // Which occurrence of s in p's successors is this edge?
            let nth = body.block(s).preds[..j].iter().filter(|&&x| x == p).count();
            let e = body.new_block();
            {
                let eb = body.block_mut(e);
                eb.preds = vec![p];
                eb.succs = vec![s];
                eb.term = Term::Goto;
            }
            let mut seen = 0;
            for succ in &mut body.block_mut(p).succs {
                if *succ == s {
                    if seen == nth {
                        *succ = e;
                        break;
                    }
                    seen += 1;
                }
            }
            body.block_mut(s).preds[j] = e;
        }
    }
}

/// Orders a parallel copy `dst_i := src_i` (all sources read first),
/// appending the moves to block `p`. Empties `pending`.
fn sequentialize(body: &mut Body, pending: &mut Vec<(VarId, Operand)>, p: BlockId) {
    pending.retain(|(d, s)| *s != Operand::Reg(*d));
    body.block_mut(p).insns.reserve(pending.len());
    let reads = |pending: &[(VarId, Operand)], v: VarId, except: usize| {
        pending
            .iter()
            .enumerate()
            .any(|(i, (_, s))| i != except && *s == Operand::Reg(v))
    };
    while !pending.is_empty() {
        if let Some(i) = (0..pending.len()).find(|&i| !reads(pending, pending[i].0, i)) {
            let (d, s) = pending.remove(i);
            let mov = Insn::with(mov_op(body.class_of(d)), [Operand::Reg(d), s]);
            body.block_mut(p).insns.push(mov);
            continue;
        }
        // Every destination is still read: a cycle. Save one destination's
        // value in a temporary and read it from there.
        let d = pending[0].0;
        let c = body.class_of(d);
        let t = body.new_var(c);
        let save = Insn::with(mov_op(c), [Operand::Reg(t), Operand::Reg(d)]);
        body.block_mut(p).insns.push(save);
        for (_, s) in pending.iter_mut() {
            if *s == Operand::Reg(d) {
                *s = Operand::Reg(t);
            }
        }
    }
}
