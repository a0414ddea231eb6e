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

use crate::cfg::{Cfg, Live};
use mirage_ir::opcode::{FBinOp, IBinOp};
use mirage_ir::{Family, Func, Operand};

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
    cfg: &Cfg,
    live: &Live,
    eligible: &dyn Fn(usize) -> bool,
) -> Vec<u32> {
    let nv = f.vars.len();
    let mut rep: Vec<u32> = (0..nv as u32).collect();
    // Candidate copies: (weight, order, dst, src); the order (instruction
    // and operand) is unique, so an unstable sort is deterministic.
    // (Weights are at most 4 * 10^6: 32 bits, and the tuple 16 bytes.)
    let mut copies: Vec<(u32, u32, u32, u32)> = Vec::with_capacity(f.num_insns());
    // Blocks cover the instructions in order: `bi` is `i`'s block.
    let mut bi = 0;
    for (i, op) in (0u32..).zip(f.opcodes()) {
        while i >= cfg.blocks[bi].end {
            bi += 1;
        }
        // Copies first; then the two-address affinities of operations
        // (x86 computes `d = a op b` in place in `a`'s register).
        let (srcs, factor): (&[usize], u32) = match op.family() {
            Family::Move(_) => (&[1], 4),
            Family::Ext { .. } | Family::Neg { .. } => (&[1], 1),
            Family::IBin { op, .. } => match op {
                IBinOp::Add | IBinOp::Mul | IBinOp::And | IBinOp::Or | IBinOp::Xor => (&[1, 2], 1),
                IBinOp::Sub | IBinOp::Lsh | IBinOp::Rsh | IBinOp::URsh => (&[1], 1),
                _ => continue,
            },
            Family::FBin { op, class } if class != mirage_ir::Class::LD => match op {
                FBinOp::Add | FBinOp::Mul => (&[1, 2], 1),
                _ => (&[1], 1),
            },
            _ => continue,
        };
        let w = factor * 10u32.pow(cfg.blocks[bi].loop_depth.min(6));
        let insn = f.insn(i as usize);
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
    if copies.is_empty() {
        return rep;
    }
    let mut info = vec![VarInfo::default(); nv];
    // `rep` (still the identity) serves as the components' union-find
    // first, and is the identity again after.
    let comps = components(&mut rep, &mut info, &mut copies);
    for (v, r) in rep.iter_mut().enumerate() {
        *r = v as u32;
    }
    interference(f, cfg, live, &comps, &mut info);
    // Greedy merging, deepest copies first.
    copies.sort_unstable_by_key(|&(w, o, _, _)| (u32::MAX - w, o));
    for (v, x) in info.iter_mut().enumerate() {
        if x.croot != NONE {
            x.cmem = 1 << x.bit;
        }
        x.span = (live.start[v], live.end[v]);
    }
    for &(_, _, a, b) in &copies {
        let (ra, rb) = (find(&mut rep, a), find(&mut rep, b));
        if ra == rb || info[ra as usize].intf & info[rb as usize].cmem != 0 {
            continue;
        }
        // Not into a class spanning a call unless it is needed: a float
        // class spanning a call lives in memory, an integer one takes a
        // callee-saved register.
        let (sa, sb) = (info[ra as usize].span, info[rb as usize].span);
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
        let h = info[hi as usize];
        let l = &mut info[lo as usize];
        l.cmem |= h.cmem;
        l.intf |= h.intf;
        l.span = u;
    }
    for v in 0..nv as u32 {
        rep[v as usize] = find(&mut rep, v);
    }
    rep
}

const NONE: u32 = u32::MAX;

/// Per variable: its copy-graph component, interference and class data.
#[derive(Clone, Copy)]
struct VarInfo {
    /// Members in the component of which this variable is the root.
    size: u8,
    /// Index of its component (`NONE`: in none of two or more).
    croot: u32,
    /// Its bit within the component.
    bit: u8,
    /// For a component's root: members placed so far.
    fill: u8,
    /// Members of its component it interferes with (bits); for a class
    /// representative, those of the whole class.
    intf: u64,
    /// For a class representative: the class members (bits).
    cmem: u64,
    /// For a class representative: the class's span.
    span: (u32, u32),
}

impl Default for VarInfo {
    fn default() -> Self {
        VarInfo {
            size: 1,
            croot: NONE,
            bit: 0,
            fill: 0,
            intf: 0,
            cmem: 0,
            span: (0, 0),
        }
    }
}

/// The members of the components of two or more variables, in one list:
/// component `c`'s are `list[off[c]..off[c + 1]]`, the one at bit `k` at
/// `off[c] + k`.
struct Comps {
    list: Vec<u32>,
    off: Vec<u32>,
}

impl Comps {
    fn members(&self, c: usize) -> &[u32] {
        &self.list[self.off[c] as usize..self.off[c + 1] as usize]
    }
}

/// Components of the copy graph, at most 64 variables each (copies that
/// would join larger ones are dropped); sets `size`, `croot` and `bit`.
fn components(
    comp: &mut [u32],
    info: &mut [VarInfo],
    copies: &mut Vec<(u32, u32, u32, u32)>,
) -> Comps {
    copies.retain(|&(_, _, a, b)| {
        let (ra, rb) = (find(comp, a), find(comp, b));
        if ra == rb {
            return true;
        }
        if info[ra as usize].size + info[rb as usize].size > 64 {
            return false;
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        comp[hi as usize] = lo;
        info[lo as usize].size += info[hi as usize].size;
        true
    });
    // A root is its component's smallest member (unions link the larger
    // root to the smaller), so it comes first in variable order and
    // opens the component's range of the list.
    let nv = comp.len();
    let mut cs = Comps {
        list: Vec::with_capacity(nv),
        off: Vec::with_capacity(nv / 2 + 1),
    };
    cs.off.push(0);
    for v in 0..nv as u32 {
        let r = find(comp, v) as usize;
        let size = info[r].size;
        if size < 2 {
            continue;
        }
        if r == v as usize {
            info[r].croot = cs.off.len() as u32 - 1;
            cs.list.resize(cs.list.len() + size as usize, 0);
            cs.off.push(cs.list.len() as u32);
        }
        let (c, k) = (info[r].croot, info[r].fill);
        info[r].fill += 1;
        info[v as usize].croot = c;
        info[v as usize].bit = k;
        cs.list[cs.off[c as usize] as usize + k as usize] = v;
    }
    cs
}

/// Interference within the components (`intf`): one backward scan of
/// every block from its live-out set.
fn interference(f: &Func, cfg: &Cfg, live: &Live, cs: &Comps, info: &mut [VarInfo]) {
    let nv = info.len();
    let has = |s: &[u64], v: usize| s[v / 64] >> (v % 64) & 1 != 0;
    // Per component: its members live at the current point, one bit each.
    let mut clive = vec![0u64; cs.off.len() - 1];
    for (b, blk) in cfg.blocks.iter().enumerate() {
        clive.fill(0);
        for (k, &w) in live.live_out(b).iter().enumerate() {
            let mut bits = w;
            while bits != 0 {
                let x = k * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if x < nv && info[x].croot != NONE {
                    clive[info[x].croot as usize] |= 1 << info[x].bit;
                }
            }
        }
        for i in (blk.start as usize..blk.end as usize).rev() {
            let occ = live.occ_of(i);
            let member = |o: u32| {
                let x = (o >> 1) as usize;
                (info[x].croot != NONE).then_some(x)
            };
            // Members this instruction defines interfere with the members
            // of their component live after it (but a copy's source).
            if occ.iter().any(|&o| o & 1 != 0 && member(o).is_some()) {
                let insn = f.insn(i);
                let copy_src = match (insn.op.family(), insn.operands.get(1)) {
                    (Family::Move(_), Some(Operand::Reg(s))) if s.index() < nv => Some(s.index()),
                    _ => None,
                };
                for &o in occ {
                    let x = (o >> 1) as usize;
                    if o & 1 == 0 || info[x].croot == NONE {
                        continue;
                    }
                    let c = info[x].croot as usize;
                    let bx = info[x].bit;
                    let mut mask = clive[c] & !(1 << bx);
                    if let Some(s) = copy_src.filter(|&s| info[s].croot as usize == c) {
                        mask &= !(1 << info[s].bit);
                    }
                    info[x].intf |= mask;
                    let mem = cs.members(c);
                    while mask != 0 {
                        let k = mask.trailing_zeros() as usize;
                        mask &= mask - 1;
                        info[mem[k] as usize].intf |= 1 << bx;
                    }
                }
                for &o in occ {
                    let x = (o >> 1) as usize;
                    if o & 1 != 0 && info[x].croot != NONE {
                        clive[info[x].croot as usize] &= !(1 << info[x].bit);
                    }
                }
            }
            for &o in occ {
                let x = (o >> 1) as usize;
                if o & 1 == 0 && info[x].croot != NONE {
                    clive[info[x].croot as usize] |= 1 << info[x].bit;
                }
            }
        }
        if b == 0 {
            // Parameters (and anything read before being set) are defined
            // together at entry.
            for c in 0..clive.len() {
                let mem = cs.members(c);
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
                            info[v as usize].intf |= entry & !(1 << k);
                        }
                    }
                }
            }
        }
    }
}
