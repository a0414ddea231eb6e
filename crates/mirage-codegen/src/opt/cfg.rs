//! The `cfg` pass: control-flow cleanup on the block form.
//!
//! Works on bodies that are not in SSA form (before `ssa` and after
//! `out-of-ssa`), where blocks carry no phis and predecessor lists can be
//! recomputed freely. Repeated until nothing changes:
//!
//! * blocks unreachable from the entry are removed;
//! * a conditional branch whose two successors are the same block becomes a
//!   goto (an overflow branch too: the flags then go unread);
//! * edges into empty forwarding blocks (no instructions, a goto) are
//!   threaded to the final target (at most 32 hops, so a cycle of empty
//!   blocks, an infinite loop, is left alone);
//! * a block that ends in a goto to a block with no other predecessor
//!   absorbs it.
//!
//! Labels of removed or merged blocks disappear. That is sound because
//! functions whose label addresses are taken (`laddr`, `lref`) or that jump
//! indirectly (`jmpi`) are never optimized (see `mod.rs`).

use super::ir::{BlockId, Body, Term};

pub(crate) fn simplify(body: &mut Body) {
    debug_assert!(!body.ssa);
    body.remove_unreachable();
    body.compute_preds();
    for _ in 0..8 {
        let mut changed = fold_same_target(body);
        changed |= thread_jumps(body);
        if changed {
            // Threaded-over blocks may have become unreachable.
            body.remove_unreachable();
            body.compute_preds();
        }
        let merged = merge_blocks(body);
        if !changed && !merged {
            break;
        }
    }
    body.unify_falloff();
    body.compute_preds();
}

fn fold_same_target(body: &mut Body) -> bool {
    let mut changed = false;
    for b in &mut body.blocks {
        if b.dead {
            continue;
        }
        if let Term::Cond(_) = b.term {
            if b.succs[0] == b.succs[1] {
                b.term = Term::Goto;
                b.succs.truncate(1);
                changed = true;
            }
        }
    }
    changed
}

fn is_forwarder(body: &Body, b: BlockId) -> bool {
    let blk = body.block(b);
    b.0 != 0
        && !blk.dead
        && blk.insns.is_empty()
        && blk.phis.is_empty()
        && matches!(blk.term, Term::Goto)
        && blk.succs[0] != b
}

fn thread_jumps(body: &mut Body) -> bool {
    let mut changed = false;
    for i in 0..body.blocks.len() {
        if body.blocks[i].dead {
            continue;
        }
        for k in 0..body.blocks[i].succs.len() {
            let mut s = body.blocks[i].succs[k];
            let mut hops = 0;
            while hops < 32 && is_forwarder(body, s) {
                s = body.block(s).succs[0];
                hops += 1;
            }
            if s != body.blocks[i].succs[k] {
                body.blocks[i].succs[k] = s;
                changed = true;
            }
        }
    }
    changed
}

fn merge_blocks(body: &mut Body) -> bool {
    let mut changed = false;
    for i in 0..body.blocks.len() {
        loop {
            let b = &body.blocks[i];
            if b.dead || !matches!(b.term, Term::Goto) {
                break;
            }
            let s = b.succs[0];
            if s.index() == i || s.0 == 0 {
                break;
            }
            let sb = body.block(s);
            if sb.preds.len() != 1 || !sb.phis.is_empty() {
                break;
            }
            let sb = std::mem::replace(&mut body.blocks[s.index()], super::ir::Block::new());
            body.blocks[s.index()].dead = true;
            for &t in &sb.succs {
                for p in &mut body.blocks[t.index()].preds {
                    if p.index() == s.index() {
                        *p = BlockId(i as u32);
                    }
                }
            }
            let b = &mut body.blocks[i];
            b.insns.extend(sb.insns);
            b.term = sb.term;
            b.succs = sb.succs;
            changed = true;
        }
    }
    changed
}
