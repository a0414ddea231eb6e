//! Copy coalescing (pass `coalesce`): variables joined by register copies
//! (`mov a, b`, most of them the out-of-SSA copies of loop-carried values)
//! that never hold different live values at the same time are put in one
//! *class*, and the allocator gives a class one location, which turns the
//! copies into nothing.
//!
//! Interference is exact, not the single-range intervals' approximation:
//! two variables interfere when one is defined (other than by a copy from
//! the other) where the other is live — found by one backward scan over
//! each block from its live-out set. Only variables connected by copies are
//! compared (each such component is capped at 64 variables, one bit each),
//! so the cost is linear in the code size. Copies are then merged greedily,
//! the most deeply nested first; a class whose members interfere with the
//! other class's members is not merged. A class that ends up in memory
//! keeps one home slot per member (each member in its own slot is the
//! unoptimized program, always correct), so merging only ever matters for
//! classes that get a register.

use crate::cfg::{for_each_var, Cfg, Live};
use mirage_ir::opcode::{FBinOp, IBinOp};
use mirage_ir::{Family, Func, Module, Operand};

fn find(p: &mut [u32], mut x: u32) -> u32 {
    while p[x as usize] != x {
        let g = p[p[x as usize] as usize];
        p[x as usize] = g;
        x = g;
    }
    x
}

/// The class representative of every variable (`rep[v] == v` for
/// variables left alone). `eligible(v)`: the variable may share a register
/// (an ordinary register candidate).
pub(crate) fn classes(
    f: &Func,
    m: &Module,
    cfg: &Cfg,
    live: &Live,
    eligible: &dyn Fn(usize) -> bool,
) -> Vec<u32> {
    let nv = f.vars.len();
    let mut rep: Vec<u32> = (0..nv as u32).collect();
    // Candidate copies: (weight, order, dst, src); the order (instruction
    // and operand) is unique, so an unstable sort is deterministic.
    let mut copies: Vec<(u64, u32, u32, u32)> = Vec::new();
    for blk in &cfg.blocks {
        let w = 10u64.pow(blk.loop_depth.min(6));
        for i in blk.start..blk.end {
            let insn = f.insn(i as usize);
            // Copies first; then the two-address affinities of operations
            // (x86 computes `d = a op b` in place in `a`'s register).
            let (srcs, w): (&[usize], u64) = match insn.op.family() {
                Family::Move(_) => (&[1], 4 * w),
                Family::Ext { .. } | Family::Neg { .. } => (&[1], w),
                Family::IBin { op, .. } => match op {
                    IBinOp::Add | IBinOp::Mul | IBinOp::And | IBinOp::Or | IBinOp::Xor => {
                        (&[1, 2], w)
                    }
                    IBinOp::Sub | IBinOp::Lsh | IBinOp::Rsh | IBinOp::URsh => (&[1], w),
                    _ => continue,
                },
                Family::FBin { op, class } if class != mirage_ir::Class::LD => match op {
                    FBinOp::Add | FBinOp::Mul => (&[1, 2], w),
                    _ => (&[1], w),
                },
                _ => continue,
            };
            let Some(Operand::Reg(a)) = insn.operands.first() else {
                continue;
            };
            let a = a.index();
            for &k in srcs {
                let Some(Operand::Reg(b)) = insn.operands.get(k) else {
                    continue;
                };
                let b = b.index();
                if a != b
                    && a < nv
                    && b < nv
                    && eligible(a)
                    && eligible(b)
                    && f.vars[a].class() == f.vars[b].class()
                {
                    copies.push((w, 2 * i + (k as u32 - 1), a as u32, b as u32));
                }
            }
        }
    }
    if copies.is_empty() {
        return rep;
    }
    // Components of the copy graph, at most 64 variables each.
    let mut comp: Vec<u32> = (0..nv as u32).collect();
    let mut size = vec![1u32; nv];
    copies.retain(|&(_, _, a, b)| {
        let (ra, rb) = (find(&mut comp, a), find(&mut comp, b));
        if ra == rb {
            return true;
        }
        if size[ra as usize] + size[rb as usize] > 64 {
            return false;
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        comp[hi as usize] = lo;
        size[lo as usize] += size[hi as usize];
        true
    });
    // Local bit of each member; members of each component.
    const NONE: u32 = u32::MAX;
    let mut croot = vec![NONE; nv];
    let mut bit = vec![0u8; nv];
    let mut members: Vec<Vec<u32>> = Vec::new();
    let mut cidx = vec![NONE; nv];
    for v in 0..nv as u32 {
        let r = find(&mut comp, v);
        if size[r as usize] < 2 {
            continue;
        }
        if cidx[r as usize] == NONE {
            cidx[r as usize] = members.len() as u32;
            members.push(Vec::new());
        }
        let c = cidx[r as usize];
        croot[v as usize] = c;
        bit[v as usize] = members[c as usize].len() as u8;
        members[c as usize].push(v);
    }
    let mut intf = vec![0u64; nv];
    let words = nv.div_ceil(64).max(1);
    let has = |s: &[u64], v: usize| s[v / 64] >> (v % 64) & 1 != 0;
    let mut defs: Vec<usize> = Vec::new();
    let mut uses: Vec<usize> = Vec::new();
    let mut live_set = vec![0u64; words];
    // Per component: its members live at the current point, one bit each.
    let mut clive = vec![0u64; members.len()];
    for (b, blk) in cfg.blocks.iter().enumerate() {
        live_set.iter_mut().for_each(|w| *w = 0);
        for &s in &blk.succs {
            for (o, x) in live_set.iter_mut().zip(live.live_in(s as usize)) {
                *o |= x;
            }
        }
        clive.iter_mut().for_each(|w| *w = 0);
        for (k, &w) in live_set.iter().enumerate() {
            let mut bits = w;
            while bits != 0 {
                let x = k * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if x < nv && croot[x] != NONE {
                    clive[croot[x] as usize] |= 1 << bit[x];
                }
            }
        }
        for i in (blk.start..blk.end).rev() {
            let insn = f.insn(i as usize);
            defs.clear();
            uses.clear();
            for_each_var(insn, m, |v, d| {
                let x = v.index();
                if x < nv && croot[x] != NONE {
                    if d {
                        defs.push(x);
                    } else {
                        uses.push(x);
                    }
                }
            });
            if defs.is_empty() && uses.is_empty() {
                continue;
            }
            let copy_src = match (insn.op.family(), insn.operands.get(1)) {
                (Family::Move(_), Some(Operand::Reg(s))) if s.index() < nv => Some(s.index()),
                _ => None,
            };
            for &x in &defs {
                let c = croot[x] as usize;
                let mut mask = clive[c] & !(1 << bit[x]);
                if let Some(s) = copy_src.filter(|&s| croot[s] as usize == c) {
                    mask &= !(1 << bit[s]);
                }
                intf[x] |= mask;
                while mask != 0 {
                    let k = mask.trailing_zeros() as usize;
                    mask &= mask - 1;
                    intf[members[c][k] as usize] |= 1 << bit[x];
                }
            }
            for &x in &defs {
                clive[croot[x] as usize] &= !(1 << bit[x]);
            }
            for &x in &uses {
                clive[croot[x] as usize] |= 1 << bit[x];
            }
        }
        if b == 0 {
            // Parameters (and anything read before being set) are defined
            // together at entry.
            for mem in &members {
                let entry: u64 = mem
                    .iter()
                    .enumerate()
                    .filter(|&(_, &v)| {
                        (v as usize) < f.nparams() || has(live.live_in(0), v as usize)
                    })
                    .fold(0, |acc, (k, _)| acc | 1 << k);
                if entry.count_ones() > 1 {
                    for (k, &v) in mem.iter().enumerate() {
                        if entry >> k & 1 != 0 {
                            intf[v as usize] |= entry & !(1 << k);
                        }
                    }
                }
            }
        }
    }
    // Greedy merging, deepest copies first.
    copies.sort_unstable_by_key(|&(w, o, _, _)| (u64::MAX - w, o));
    let mut cmem = vec![0u64; nv];
    for v in 0..nv {
        if croot[v] != NONE {
            cmem[v] = 1 << bit[v];
        }
    }
    let mut span: Vec<(u32, u32)> = (0..nv).map(|v| (live.start[v], live.end[v])).collect();
    for &(_, _, a, b) in &copies {
        let (ra, rb) = (find(&mut rep, a), find(&mut rep, b));
        if ra == rb || intf[ra as usize] & cmem[rb as usize] != 0 {
            continue;
        }
        // Not into a class spanning a call unless it is needed: a float
        // class spanning a call lives in memory, an integer one takes a
        // callee-saved register.
        let (sa, sb) = (span[ra as usize], span[rb as usize]);
        let u = (sa.0.min(sb.0), sa.1.max(sb.1));
        let (ca, cb) = (live.crosses(sa.0, sa.1), live.crosses(sb.0, sb.1));
        if live.crosses(u.0, u.1) {
            let float = f.vars[a as usize].class() != mirage_ir::Class::Int;
            if (float && f.vars[a as usize].class() != mirage_ir::Class::LD) || (!ca && !cb) {
                continue;
            }
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        rep[hi as usize] = lo;
        cmem[lo as usize] |= cmem[hi as usize];
        intf[lo as usize] |= intf[hi as usize];
        span[lo as usize] = u;
    }
    for v in 0..nv as u32 {
        rep[v as usize] = find(&mut rep, v);
    }
    rep
}
