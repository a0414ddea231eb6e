//! Live-range splitting around loops (pass `split`, `-O2`).
//!
//! The allocator gives a variable one location for its whole life, so a
//! variable that loses the competition for a register lives in its slot
//! everywhere, its hot loop included. After a first allocation, every such
//! variable that is used inside a loop is split there: inside the loop's
//! blocks it is renamed to a fresh variable, which is an interval of its
//! own (short, heavy: it usually wins a register), and the two are
//! connected by moves on the loop's boundary edges —
//!
//! * on an edge entering the loop, where the variable is live: `v' = v`
//!   (the value is loaded into the register once per loop entry);
//! * on an edge leaving the loop, where the variable is live and the loop
//!   writes it: `v = v'` (stored once per exit).
//!
//! A *loop* is the block range `[header, latch]` of the back edges to one
//! header in layout order (MIR keeps its source layout, where loops are
//! contiguous); any block range is a correct region, since every edge into
//! or out of it gets its moves. Moves go at the end of a predecessor with
//! one successor, at the start of a successor with one predecessor, on the
//! fall-through path right after a conditional branch, or, on a critical
//! taken edge, in a new block at the end of the function that jumps on
//! (the branch is retargeted to it). The allocation then runs again on the
//! rewritten function; the original variable and its copy are never
//! coalesced (that would undo the split). Each variable is split around
//! the innermost loop holding its most deeply nested occurrence, when that
//! loop is nested deeper than all its other occurrences and some register
//! of its class is not held in the loop by a heavier class of the first
//! allocation (else the copy would lose again); float variables only
//! around loops without calls (SysV keeps no XMM register across a call).
//! Functions with address-taken labels (`jmpi`, `jcall` targets) are left
//! alone. The caller (`isa::x64::compile`) keeps the split only if it
//! lowers the loop-weighted memory accesses; when the first try does not,
//! it retries once without the variables whose copies stayed in memory.

use crate::cfg::{Cfg, Live};
use crate::regalloc::Loc;
use mirage_ir::{Class, Family, Func, Insn, LabelId, Opcode, Operand, Var, VarId};

/// The split function and, per variable of the result, whether it is a
/// split original (not to be coalesced), or `None` when nothing is split.
pub(crate) fn split(
    f: &Func,
    cfg: &Cfg,
    live: &Live,
    locs: &[Loc],
    rep: &[u32],
    eligible: &dyn Fn(usize) -> bool,
) -> Option<(Func, Vec<bool>)> {
    let nb = cfg.blocks.len();
    if !cfg.addr_taken.is_empty() || nb < 2 {
        return None;
    }
    // The function must not fall off its end (stubs are appended there).
    match f.last_insn() {
        Some(i) if i.op.family().is_terminator() && i.op.family() != Family::Label => {}
        _ => return None,
    }
    // Loops: header -> latch (the last block with a back edge to it).
    let mut latch = vec![usize::MAX; nb];
    for b in 0..nb {
        for &s in cfg.succs(b) {
            let s = s as usize;
            if s <= b && s > 0 {
                latch[s] = if latch[s] == usize::MAX {
                    b
                } else {
                    latch[s].max(b)
                };
            }
        }
    }
    let loops: Vec<(usize, usize)> = (0..nb)
        .filter(|&h| latch[h] != usize::MAX)
        .map(|h| (h, latch[h]))
        .collect();
    if loops.is_empty() {
        return None;
    }
    let has_call: Vec<bool> = loops
        .iter()
        .map(|&(h, l)| {
            let (s, e) = (cfg.blocks[h].start as usize, cfg.blocks[l].end as usize);
            f.opcodes()
                .skip(s)
                .take(e - s)
                .any(|op| crate::cfg::is_call(op.family()))
        })
        .collect();
    // The variables of each block's instructions.
    let vars_in = |blk: &crate::cfg::Block| {
        (blk.start as usize..blk.end as usize).flat_map(|i| live.vars_of(i))
    };
    // Per candidate variable: its deepest occurrence's block.
    let nv = f.vars.len();
    let cand = |v: usize| {
        locs[v] == Loc::Slot
            && eligible(v)
            && matches!(f.vars[v].class(), Class::Int | Class::F | Class::D)
    };
    let mut deepest: Vec<(u32, u32)> = vec![(0, u32::MAX); nv]; // (depth, block)
    for (b, blk) in cfg.blocks.iter().enumerate() {
        let d = blk.loop_depth;
        if d == 0 {
            continue;
        }
        for (x, _) in vars_in(blk) {
            if deepest[x].1 == u32::MAX || d > deepest[x].0 {
                deepest[x] = (d, b as u32);
            }
        }
    }
    // Chosen region per variable.
    let mut region: Vec<Option<(usize, usize)>> = vec![None; nv];
    let mut any = false;
    for v in 0..nv {
        if deepest[v].1 == u32::MAX || !cand(v) {
            continue;
        }
        let b = deepest[v].1 as usize;
        let float = f.vars[v].class() != Class::Int;
        let best = loops
            .iter()
            .zip(&has_call)
            .filter(|(&(h, l), &c)| h <= b && b <= l && !(float && c))
            .min_by_key(|(&(h, l), _)| (l - h, h))
            .map(|(&r, _)| r);
        if let Some(r) = best {
            region[v] = Some(r);
            any = true;
        }
    }
    if !any {
        return None;
    }
    // Only where the loop is hotter than every use outside it (else the
    // copy competes on equal terms and the split only adds moves).
    let mut out_depth = vec![0u32; nv];
    let mut in_weight = vec![0u64; nv];
    for (b, blk) in cfg.blocks.iter().enumerate() {
        let d = blk.loop_depth;
        for (x, _) in vars_in(blk) {
            match region[x] {
                Some((h, l)) if b < h || l < b => out_depth[x] = out_depth[x].max(d),
                Some(_) => in_weight[x] += 10u64.pow(d.min(6)),
                None => {}
            }
        }
    }
    // Registers the first allocation gave to classes: (register index
    // (0-15 GPR, 16-31 XMM), start, end, weight).
    let mut held: Vec<(usize, u32, u32, u64)> = Vec::new();
    {
        let rep_of = |v: usize| rep.get(v).map_or(v, |&r| r as usize);
        let mut span = vec![(u32::MAX, 0u32, 0u64); nv];
        for v in 0..nv {
            if live.start[v] == u32::MAX {
                continue;
            }
            let r = rep_of(v);
            let sp = &mut span[r];
            sp.0 = sp.0.min(live.start[v]);
            sp.1 = sp.1.max(live.end[v]);
            sp.2 = sp.2.saturating_add(live.weight[v]);
        }
        for (v, &(s0, e0, w)) in span.iter().enumerate() {
            let k = match locs[v] {
                Loc::Gpr(g) => g.index() as usize,
                Loc::Xmm(x) => 16 + x.index() as usize,
                Loc::Slot => continue,
            };
            if f.vars[v].kind == mirage_ir::VarKind::Global {
                held.push((k, 0, u32::MAX, u64::MAX));
            } else if s0 != u32::MAX && rep_of(v) == v {
                held.push((k, s0, e0, w));
            }
        }
    }
    for v in 0..nv {
        let Some((h, l)) = region[v] else { continue };
        if out_depth[v] >= cfg.blocks[h].loop_depth {
            region[v] = None;
            continue;
        }
        // A copy can only win a register some class holds in the loop if
        // that class weighs less; none such: the split would fail.
        let (s0, e0) = (2 * cfg.blocks[h].start, 2 * cfg.blocks[l].end + 1);
        let int = f.vars[v].class() == Class::Int;
        let w = in_weight[v];
        // Allocatable: every GPR but rax, rsp, rbp, r10, r11; every XMM
        // but xmm8.
        let blocked = held
            .iter()
            .filter(|&&(_, a, b, hw)| !(b < s0 || e0 < a || hw < w))
            .fold(0u32, |m, &(k, ..)| m | 1 << k);
        let open = (0..32).any(|k| {
            (k < 16) == int && !matches!(k, 0 | 4 | 5 | 10 | 11 | 24) && blocked >> k & 1 == 0
        });
        if !open {
            region[v] = None;
        }
    }
    let chosen: Vec<usize> = (0..nv).filter(|&v| region[v].is_some()).collect();
    // Not worth two more allocations: less than a hundred loop-weighted
    // accesses to gain (ten per iteration of one loop level).
    if chosen.iter().map(|&v| in_weight[v]).sum::<u64>() < 100 {
        return None;
    }
    // Predecessor counts.
    let mut npred = vec![0u32; nb];
    for b in 0..nb {
        for &s in cfg.succs(b) {
            npred[s as usize] += 1;
        }
    }
    let live_in = |b: usize, v: usize| live.live_in(b)[v / 64] >> (v % 64) & 1 != 0;
    let mut out = Func::new(f.sig.clone(), f.vars.clone());
    out.labels = f.labels.clone();
    out.end_pos = f.end_pos;
    let mut copy = vec![None; nv];
    let mut defined_in = vec![false; nv];
    for &v in &chosen {
        let var = &f.vars[v];
        let id = VarId::new(out.vars.len());
        out.vars.push(Var {
            name: format!("{}.s", var.name),
            ty: var.ty,
            kind: mirage_ir::VarKind::Local,
            hard_reg: None,
        });
        copy[v] = Some(id);
    }
    for (b, blk) in cfg.blocks.iter().enumerate() {
        for (x, d) in vars_in(blk) {
            if d && region[x].is_some_and(|(h, l)| h <= b && b <= l) {
                defined_in[x] = true;
            }
        }
    }
    let mov = |v: usize, to_copy: bool| {
        let c = copy[v].expect("split variable");
        let (d, s) = if to_copy {
            (c, VarId::new(v))
        } else {
            (VarId::new(v), c)
        };
        let op = match f.vars[v].class() {
            Class::F => Opcode::FMov,
            Class::D => Opcode::DMov,
            _ => Opcode::Mov,
        };
        Insn::with(op, [Operand::Reg(d), Operand::Reg(s)])
    };
    // Moves per edge, grouped by where they go.
    let mut at_start: Vec<Vec<Insn>> = vec![Vec::new(); nb];
    let mut at_end: Vec<Vec<Insn>> = vec![Vec::new(); nb];
    let mut after_end: Vec<Vec<Insn>> = vec![Vec::new(); nb];
    // Taken critical edges: (block, target block, moves).
    let mut stubs: Vec<(usize, usize, Vec<Insn>)> = Vec::new();
    let inside = |b: usize, r: (usize, usize)| r.0 <= b && b <= r.1;
    for (u, blk) in cfg.blocks.iter().enumerate() {
        let succs = cfg.succs(u);
        for &w in succs {
            let w = w as usize;
            let mut moves = Vec::new();
            for &v in &chosen {
                let Some(r) = region[v] else { continue };
                let (iu, iw) = (inside(u, r), inside(w, r));
                if iu == iw || !live_in(w, v) || (iu && !defined_in[v]) {
                    continue;
                }
                moves.push(mov(v, iw));
            }
            if moves.is_empty() {
                continue;
            }
            let last = (blk.end > blk.start).then(|| f.insn(blk.end as usize - 1));
            let fam = last.map(|i| i.op.family());
            let cond = matches!(
                fam,
                Some(Family::BTest { .. } | Family::BICmp { .. } | Family::BFCmp { .. })
            );
            let ok_end = match fam {
                Some(Family::Jmp) => true,
                Some(x) => {
                    !cond
                        && !x.is_terminator()
                        && !matches!(
                            x,
                            Family::PrBranch { .. } | Family::BOvf { .. } | Family::Label
                        )
                }
                None => true,
            };
            if succs.len() == 1 && (ok_end || cond) {
                at_end[u].extend(moves);
            } else if cond && succs.len() == 2 && w == u + 1 {
                after_end[u].extend(moves);
            } else if cond && succs.len() == 2 && npred[w] == 1 {
                at_start[w].extend(moves);
            } else if cond && succs.len() == 2 && label_at(f, cfg, w).is_some() {
                stubs.push((u, w, moves));
            } else {
                // An edge we do not split (switch, property or overflow
                // branches): give up on the whole function.
                return None;
            }
        }
    }
    // Rewrite.
    let mut retarget: Vec<Option<LabelId>> = vec![None; nb];
    let mut tail: Vec<Insn> = Vec::new();
    // Stubs go right before their target when nothing falls through into
    // it (no false back edge for the loop depths), else at the end.
    let mut before: Vec<Vec<Insn>> = vec![Vec::new(); nb];
    for (u, w, moves) in stubs {
        let id = LabelId::new(out.labels.len());
        out.labels
            .push(&format!("{}.split{}", cfg_name(f), id.index()));
        retarget[u] = Some(id);
        let closed = w > 0 && {
            let prev = &cfg.blocks[w - 1];
            prev.end > prev.start && {
                let fam = f.insn(prev.end as usize - 1).op.family();
                fam.is_terminator() && fam != Family::Label
            }
        };
        let to = label_at(f, cfg, w).expect("branch target has a label");
        let dst = if closed { &mut before[w] } else { &mut tail };
        dst.push(Insn::with(Opcode::Label, [Operand::Label(id)]));
        dst.extend(moves);
        dst.push(Insn::with(Opcode::Jmp, [Operand::Label(to)]));
    }
    let rename = |op: &mut Operand, b: usize| {
        let re = |x: &mut VarId| {
            if let (Some(r), Some(c)) = (region[x.index()], copy[x.index()]) {
                if inside(b, r) {
                    *x = c;
                }
            }
        };
        match op {
            Operand::Reg(x) => re(x),
            Operand::Mem(mm) => {
                // Unshared (copied) only when it changes.
                let (mut base, mut index) = (mm.base, mm.index);
                if let Some(x) = &mut base {
                    re(x);
                }
                if let Some(x) = &mut index {
                    re(x);
                }
                if base != mm.base || index != mm.index {
                    let mm = std::sync::Arc::make_mut(mm);
                    mm.base = base;
                    mm.index = index;
                }
            }
            _ => {}
        }
    };
    let mut insns = Vec::with_capacity(f.num_insns() + tail.len() + 16);
    for (b, blk) in cfg.blocks.iter().enumerate() {
        let (s, e) = (blk.start as usize, blk.end as usize);
        insns.append(&mut before[b]);
        let mut k = s;
        while k < e && f.insn(k).op == Opcode::Label {
            insns.push(f.insn(k).to_insn());
            k += 1;
        }
        insns.append(&mut at_start[b]);
        for i in k..e {
            let mut insn = f.insn(i).to_insn();
            insn.operands.iter_mut().for_each(|op| rename(op, b));
            if i + 1 == e {
                let fam = insn.op.family();
                if let Some(id) = retarget[b] {
                    insn.operands[0] = Operand::Label(id);
                }
                if fam == Family::Jmp
                    || matches!(
                        fam,
                        Family::BTest { .. } | Family::BICmp { .. } | Family::BFCmp { .. }
                    )
                {
                    insns.append(&mut at_end[b]);
                    insns.push(insn);
                } else {
                    insns.push(insn);
                    insns.append(&mut at_end[b]);
                }
            } else {
                insns.push(insn);
            }
        }
        if k == e {
            insns.append(&mut at_end[b]);
        }
        insns.append(&mut after_end[b]);
    }
    insns.extend(tail);
    out.set_insns(insns);
    let mut original = vec![false; out.vars.len()];
    for v in 0..nv {
        original[v] = copy[v].is_some();
    }
    Some((out, original))
}

/// A label placed at the start of block `b`.
fn label_at(f: &Func, cfg: &Cfg, b: usize) -> Option<LabelId> {
    f.get_insn(cfg.blocks[b].start as usize)?.defined_label()
}

fn cfg_name(f: &Func) -> String {
    f.labels
        .get(0)
        .map(|l| l.split('.').next().unwrap_or("f").to_string())
        .unwrap_or_else(|| "f".into())
}
