//! The `licm` pass: loop-invariant code motion on SSA form.
//!
//! For each natural loop, innermost first, instructions whose operands are
//! all defined outside the loop (or by instructions already hoisted) move
//! to the loop's preheader, which is created when the header has no single
//! outside predecessor ending in a goto (outside phi arguments then merge
//! in a phi of the preheader). The preheader of an inner loop belongs to
//! the enclosing loops, so invariants keep bubbling outwards.
//!
//! Only instructions that are safe to execute speculatively move: pure
//! arithmetic, comparisons, conversions and `addr`, never a division that
//! may trap, never an overflow instruction (its flags belong to the next
//! branch). A load moves only from the loop header (which runs whenever the
//! loop is entered) and only when nothing in the loop writes memory (no
//! store, call, `va_*`, `alloca`/`bend` or write to an address-taken
//! variable).
//!
//! Hoisted values live across the whole loop, so the number moved per loop
//! is capped (8 integer, 6 floating values) to keep register pressure in
//! check.
//!
//! Then, in innermost loops without calls, a `f`/`d` constant that
//! instruction selection would load into a register on every iteration
//! (the first operand of a subtraction or division, the left side of a
//! compare once `<`/`<=` are swapped) becomes a variable set in the
//! preheader (at most four per loop), which the allocator can keep in a
//! register. Other constant operands stay: x86 takes them straight from
//! memory.

use super::dce::for_each_use;
use super::dom::{find_loops, DomTree, Loop};
use super::ir::{div_may_trap, outputs, BlockId, Body, Phi, Term};
use mirage_ir::opcode::{FBinOp, FCond, Family, Opcode};
use mirage_ir::{Class, Insn, Operand, VarId};

const MAX_INT: usize = 8;
const MAX_FLOAT: usize = 6;
const MAX_CONSTS: usize = 4;

fn writes_memory(body: &Body, insn: &mirage_ir::Insn) -> bool {
    match insn.op.family() {
        Family::Move(_) => {
            !matches!(insn.operands.first(), Some(Operand::Reg(d)) if body.promoted[d.index()])
        }
        f => !super::ir::computes_only(f),
    }
}

fn hoistable_kind(body: &Body, insn: &mirage_ir::Insn, in_header: bool, mem_clean: bool) -> bool {
    let dst_ssa =
        matches!(insn.operands.first(), Some(Operand::Reg(d)) if body.promoted[d.index()]);
    if !dst_ssa {
        return false;
    }
    match insn.op.family() {
        Family::Move(_) => match insn.operands.get(1) {
            Some(Operand::Mem(_)) => in_header && mem_clean,
            Some(Operand::Ref(_)) => true,
            _ => false,
        },
        Family::Ext { .. }
        | Family::Conv { .. }
        | Family::Neg { .. }
        | Family::FBin { .. }
        | Family::ICmp { .. }
        | Family::FCmp { .. }
        | Family::Addr { .. } => true,
        Family::IBin { .. } => !div_may_trap(insn),
        _ => false,
    }
}

pub(crate) fn run(body: &mut Body) {
    let loops = hoist_invariants(body);
    hoist_fp_consts(body, &loops);
}

fn is_fp_const(op: &Operand) -> bool {
    matches!(op, Operand::Float(_) | Operand::Double(_))
}

/// The operand of `insn` that is a float constant selection would load into
/// a register (see the module comment), if any.
fn fp_const_site(insn: &Insn) -> Option<usize> {
    let ops = &insn.operands;
    let (k, other) = match insn.op.family() {
        Family::FBin {
            op: FBinOp::Sub | FBinOp::Div,
            class: Class::F | Class::D,
        } => (1, 2),
        Family::FCmp {
            cond,
            class: Class::F | Class::D,
        }
        | Family::BFCmp {
            cond,
            class: Class::F | Class::D,
        } => {
            if matches!(cond, FCond::Lt | FCond::Le) {
                (2, 1)
            } else {
                (1, 2)
            }
        }
        _ => return None,
    };
    (ops.len() > other && is_fp_const(&ops[k]) && !is_fp_const(&ops[other])).then_some(k)
}

/// `loops` as `hoist_invariants` left them (innermost loops unchanged).
fn hoist_fp_consts(body: &mut Body, loops: &[Loop]) {
    if loops.is_empty() {
        return;
    }
    let mut in_loop = vec![false; body.blocks.len() + loops.len()];
    for lp in loops {
        let inner = !loops
            .iter()
            .any(|o| o.header != lp.header && lp.blocks.contains(&o.header));
        let calls = lp.blocks.iter().any(|&b| {
            body.block(b)
                .insns
                .iter()
                .any(|i| crate::cfg::is_call(i.op.family()))
        });
        if !inner || calls {
            continue;
        }
        // Sites: block, instruction (None: the terminator), operand.
        let mut sites: Vec<(BlockId, Option<usize>, usize)> = Vec::new();
        let mut consts: Vec<Operand> = Vec::new();
        for &b in &lp.blocks {
            let blk = body.block(b);
            let found = blk
                .insns
                .iter()
                .enumerate()
                .filter_map(|(k, i)| Some((Some(k), fp_const_site(i)?, i)));
            let term = match &blk.term {
                Term::Cond(i) => fp_const_site(i).map(|j| (None, j, i)),
                _ => None,
            };
            for (k, j, i) in found.chain(term) {
                let c = &i.operands[j];
                if !consts.contains(c) {
                    if consts.len() == MAX_CONSTS {
                        continue;
                    }
                    consts.push(c.clone());
                }
                sites.push((b, k, j));
            }
        }
        if sites.is_empty() {
            continue;
        }
        in_loop.resize(body.blocks.len() + 1, false);
        for &b in &lp.blocks {
            in_loop[b.index()] = true;
        }
        let (pre, _) = preheader(body, lp.header, &in_loop);
        for &b in &lp.blocks {
            in_loop[b.index()] = false;
        }
        let vars: Vec<VarId> = consts
            .iter()
            .map(|c| {
                let class = body.operand_class(c);
                let v = body.new_var(class);
                let op = if class == Class::F {
                    Opcode::FMov
                } else {
                    Opcode::DMov
                };
                body.block_mut(pre)
                    .insns
                    .push(Insn::new(op, vec![Operand::Reg(v), c.clone()]));
                v
            })
            .collect();
        for (b, k, j) in sites {
            let blk = body.block_mut(b);
            let insn = match k {
                Some(k) => &mut blk.insns[k],
                None => match &mut blk.term {
                    Term::Cond(i) => i,
                    _ => continue,
                },
            };
            if let Some(x) = consts.iter().position(|c| *c == insn.operands[j]) {
                insn.operands[j] = Operand::Reg(vars[x]);
            }
        }
    }
}

/// Returns the loops, outer ones updated with the preheaders created.
fn hoist_invariants(body: &mut Body) -> Vec<Loop> {
    if !super::loops::may_have_loops(body) {
        return Vec::new();
    }
    let dom = DomTree::compute(body);
    let mut loops = find_loops(body, &dom);
    if loops.is_empty() {
        return loops;
    }
    let nb = body.blocks.len();
    // Block of each SSA definition.
    let mut def_block = vec![BlockId(0); body.vars.len()];
    for b in body.live_blocks() {
        let blk = body.block(b);
        for p in &blk.phis {
            def_block[p.dst.index()] = b;
        }
        for insn in &blk.insns {
            for i in outputs(body.module, insn) {
                if let Some(Operand::Reg(v)) = insn.operands.get(i) {
                    def_block[v.index()] = b;
                }
            }
        }
    }
    let mut in_loop = vec![false; nb];
    for li in 0..loops.len() {
        // This loop's blocks borrowed, the later (enclosing) loops mutable.
        let (done, later) = loops.split_at_mut(li + 1);
        let header = done[li].header;
        let blocks = &done[li].blocks;
        in_loop.resize(body.blocks.len(), false);
        for &b in blocks {
            in_loop[b.index()] = true;
        }
        let mem_clean = !blocks
            .iter()
            .any(|&b| body.block(b).insns.iter().any(|i| writes_memory(body, i)));
        // Candidates: (block, index), in loop order.
        let mut hoisted: Vec<VarId> = Vec::new();
        let mut picks: Vec<(BlockId, usize)> = Vec::new();
        let (mut nint, mut nfloat) = (0, 0);
        for &b in blocks {
            let blk = body.block(b);
            for (k, insn) in blk.insns.iter().enumerate() {
                if !hoistable_kind(body, insn, b == header, mem_clean) {
                    continue;
                }
                let Some(Operand::Reg(d)) = insn.operands.first() else {
                    continue;
                };
                let class = body.class_of(*d);
                let float = class != Class::Int;
                if (float && nfloat >= MAX_FLOAT) || (!float && nint >= MAX_INT) {
                    continue;
                }
                let mut invariant = true;
                for_each_use(body, insn, |v| {
                    let db = def_block.get(v.index()).copied().unwrap_or(BlockId(0));
                    let inside = !body.promoted[v.index()]
                        || (in_loop.get(db.index()).copied().unwrap_or(false)
                            && !hoisted.contains(&v));
                    if inside {
                        invariant = false;
                    }
                });
                if !invariant {
                    continue;
                }
                if float {
                    nfloat += 1;
                } else {
                    nint += 1;
                }
                hoisted.push(*d);
                picks.push((b, k));
            }
        }
        for &b in blocks {
            in_loop[b.index()] = false;
        }
        if picks.is_empty() {
            continue;
        }
        in_loop.resize(body.blocks.len() + 1, false);
        for &b in blocks {
            in_loop[b.index()] = true;
        }
        let (pre, created) = preheader(body, header, &in_loop);
        for &b in blocks {
            in_loop[b.index()] = false;
        }
        // Move the picked instructions (remove from the back so indices
        // stay valid, then append in the original order).
        let mut moved = Vec::with_capacity(picks.len());
        for &(b, k) in picks.iter().rev() {
            moved.push(body.block_mut(b).insns.remove(k));
        }
        moved.reverse();
        for insn in &moved {
            if let Some(Operand::Reg(d)) = insn.operands.first() {
                def_block[d.index()] = pre;
            }
        }
        body.block_mut(pre).insns.extend(moved);
        if created {
            // The new block belongs to every enclosing loop.
            for outer in later.iter_mut() {
                if let Some(p) = outer.blocks.iter().position(|&b| b == header) {
                    outer.blocks.insert(p, pre);
                }
            }
            def_block.resize(body.vars.len(), BlockId(0));
            for p in &body.block(pre).phis {
                def_block[p.dst.index()] = pre;
            }
        }
    }
    loops
}

/// The block to hoist into for the loop headed by `header`; creates one
/// when needed. Returns whether it was created.
fn preheader(body: &mut Body, header: BlockId, in_loop: &[bool]) -> (BlockId, bool) {
    let preds = body.block(header).preds.clone();
    let outside: Vec<usize> = (0..preds.len())
        .filter(|&j| !in_loop[preds[j].index()])
        .collect();
    if let [j] = outside.as_slice() {
        let p = preds[*j];
        if matches!(body.block(p).term, Term::Goto) && body.block(p).succs.len() == 1 {
            return (p, false);
        }
    }
    let pre = body.new_block();
    let out_preds: Vec<BlockId> = outside.iter().map(|&j| preds[j]).collect();
    let inside: Vec<usize> = (0..preds.len()).filter(|j| !outside.contains(j)).collect();
    let phis = std::mem::take(&mut body.block_mut(header).phis);
    let mut new_phis = Vec::with_capacity(phis.len());
    let mut pre_phis = Vec::new();
    for phi in phis {
        let outs: Vec<Operand> = outside.iter().map(|&j| phi.args[j].clone()).collect();
        let v = if outs.iter().all(|a| *a == outs[0]) {
            outs[0].clone()
        } else {
            let w = body.new_var(body.class_of(phi.dst));
            pre_phis.push(Phi { dst: w, args: outs });
            Operand::Reg(w)
        };
        let mut args = vec![v];
        args.extend(inside.iter().map(|&j| phi.args[j].clone()));
        new_phis.push(Phi { dst: phi.dst, args });
    }
    let hb = body.block_mut(header);
    hb.phis = new_phis;
    let mut new_preds = vec![pre];
    new_preds.extend(inside.iter().map(|&j| preds[j]));
    hb.preds = new_preds;
    let pb = body.block_mut(pre);
    pb.phis = pre_phis;
    pb.preds = out_preds.clone();
    pb.succs = vec![header];
    pb.term = Term::Goto;
    let mut done = Vec::new();
    for p in out_preds {
        if done.contains(&p) {
            continue;
        }
        done.push(p);
        for s in &mut body.block_mut(p).succs {
            if *s == header {
                *s = pre;
            }
        }
    }
    (pre, true)
}
