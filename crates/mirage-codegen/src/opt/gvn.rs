//! The `gvn` pass: dominator-based global value numbering.
//!
//! One walk over the dominator tree in preorder with a scoped hash table
//! (Briggs, Cooper and Simpson's "DVNT"): an expression computed in a
//! dominating block is available in every block it dominates, so a later
//! identical computation is replaced by the earlier value. Along the way:
//!
//! * **constant folding** of every foldable opcode (`fold.rs`) and
//!   **algebraic simplification** (`x + 0`, `x * 2^k -> lsh`, …), with the
//!   constants propagated to all uses;
//! * **copy propagation** (copies that SSA construction did not already
//!   remove, phis whose arguments are all one value);
//! * **branch folding**: a conditional branch or `switch` on constants
//!   becomes a goto; the dead edge is removed, unreachable blocks are
//!   dropped and the walk is repeated once (then phis left trivial by
//!   a second round of folding are removed) so that phis
//!   left with one argument fold too;
//! * **redundant load elimination** (level 2): in an extended basic block
//!   (a block inherits the memory facts of its dominator when that
//!   dominator is its single predecessor; a join inherits those of its
//!   immediate dominator less what the blocks between them may store, when
//!   they store only through memory operands and call nothing) a load from
//!   the same address as
//!   an earlier load or store, with no possibly-overlapping store, call or
//!   write to an address-taken variable in between, reuses the value.
//!   Overlap follows spec §4.3: different nonzero alias names never
//!   overlap, equal nonzero nonalias names never overlap, and accesses off
//!   one base and index with disjoint byte ranges do not overlap.
//!   A narrow load after a store gets the stored value re-extended
//!   (`ext32`/`uext8`/…), exactly what memory would give.
//!
//! What is never numbered: overflow instructions (their flags feed the next
//! branch), reads of non-promoted variables, calls and other instructions
//! with effects, string operands (each may be a distinct copy).

use super::dom::DomTree;
use super::fold::{self, Simpl};
use super::ir::{computes_only, ext_op, mov_op, BlockId, Body, Term};
use super::repl::Repl;
use mirage_ir::hash::NameMap as FastMap;
use mirage_ir::opcode::Family;
use mirage_ir::{Class, Insn, Mem, Opcode, Operand, Operands, Type, VarId, F80};

pub(crate) fn run(body: &mut Body, loads: bool) {
    for r in 0..2 {
        let cfg_changed = round(body, loads);
        if !cfg_changed {
            break;
        }
        body.remove_unreachable();
        if r == 1 {
            // Phis that lost arguments with the removed edges.
            super::ssa::remove_trivial_phis(body);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum OKey {
    None,
    Reg(u32),
    Int(i64),
    F(u32),
    D(u64),
    LD(F80),
    Ref(u32),
}

fn okey(op: Option<&Operand>) -> Option<OKey> {
    Some(match op {
        None => OKey::None,
        Some(Operand::Reg(v)) => OKey::Reg(v.0),
        Some(Operand::Int(i)) => OKey::Int(*i),
        Some(Operand::Float(f)) => OKey::F(*f),
        Some(Operand::Double(d)) => OKey::D(*d),
        Some(Operand::LDouble(l)) => OKey::LD(**l),
        Some(Operand::Ref(r)) => OKey::Ref(r.0),
        _ => return None,
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    op: Opcode,
    a: OKey,
    b: OKey,
}

/// A memory fact: the bytes at `m` hold (the low part of) `val`.
#[derive(Clone)]
struct MemFact {
    m: Mem,
    val: Operand,
}

const MAX_FACTS: usize = 32;

fn mem_size(t: Type) -> i128 {
    match t {
        Type::LD => 16,
        _ => t.size().max(1) as i128,
    }
}

/// Whether two memory operands may touch overlapping bytes.
pub(crate) fn may_alias(a: &Mem, b: &Mem) -> bool {
    if a.alias != 0 && b.alias != 0 && a.alias != b.alias {
        return false;
    }
    if a.nonalias != 0 && a.nonalias == b.nonalias {
        return false;
    }
    let same_index = a.index == b.index && (a.index.is_none() || a.scale == b.scale);
    if a.base == b.base && same_index {
        let (a0, b0) = (a.disp as i128, b.disp as i128);
        let (a1, b1) = (a0 + mem_size(a.ty), b0 + mem_size(b.ty));
        if a1 <= b0 || b1 <= a0 {
            return false;
        }
    }
    true
}

fn same_address(a: &Mem, b: &Mem) -> bool {
    a.base == b.base
        && a.index == b.index
        && a.disp == b.disp
        && (a.index.is_none() || a.scale == b.scale)
}

struct Gvn {
    /// The value numbers, with the block that made each entry. An entry
    /// is in scope while its block is on the current path of the
    /// dominator-tree walk (`open`); entries of finished blocks are stale
    /// and simply overwritten, so leaving a subtree undoes nothing.
    table: FastMap<Key, (VarId, BlockId)>,
    open: Vec<bool>,
    /// The block being numbered.
    cur: BlockId,
    repl: Repl,
    facts: Vec<MemFact>,
    loads: bool,
    cfg_changed: bool,
}

impl Gvn {
    fn lookup_or_insert(&mut self, key: Key, d: VarId) -> Option<VarId> {
        // One hash and probe for both the lookup and the insertion.
        match self.table.entry(key) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let (v, at) = *e.get();
                if self.open[at.index()] {
                    return Some(v);
                }
                e.insert((d, self.cur));
                None
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((d, self.cur));
                None
            }
        }
    }

    fn kill_all(&mut self) {
        self.facts.clear();
    }

    fn kill(&mut self, m: &Mem) {
        self.facts.retain(|f| !may_alias(&f.m, m));
    }

    fn add_fact(&mut self, m: Mem, val: Operand) {
        if matches!(val, Operand::Str(_) | Operand::Mem(_)) || m.ty == Type::LD {
            return;
        }
        if self.facts.len() >= MAX_FACTS {
            self.facts.remove(0);
        }
        self.facts.push(MemFact { m, val });
    }

    /// What a load of `m` would read, from the facts. An integer load may
    /// read the low part of a wider integer fact at the same address (the
    /// target is little-endian); floating loads need the same type.
    fn find(&self, m: &Mem) -> Option<Operand> {
        if m.ty == Type::LD {
            return None;
        }
        self.facts.iter().rev().find_map(|f| {
            let fits = if m.ty.class() == Class::Int {
                f.m.ty.class() == Class::Int && f.m.ty.size() >= m.ty.size()
            } else {
                f.m.ty == m.ty
            };
            (same_address(&f.m, m) && fits).then(|| f.val.clone())
        })
    }

    /// Records that `d` is `x`; returns the instruction to keep, if any (a
    /// constant keeps a `mov` of itself, see `repl.rs`).
    fn result(&mut self, body: &Body, d: VarId, x: Operand) -> Option<Insn> {
        self.repl.set(d, x.clone());
        match x {
            Operand::Reg(_) => None,
            c => Some(Insn::with(mov_op(body.class_of(d)), [Operand::Reg(d), c])),
        }
    }

    /// Processes one value-producing pure instruction `op d, a[, b]`.
    fn value(&mut self, body: &Body, insn: Insn, out: &mut Vec<Insn>) {
        let mut insn = insn;
        for _ in 0..3 {
            let Some(&Operand::Reg(d)) = insn.operands.first() else {
                out.push(insn);
                return;
            };
            if insn.operands.len() == 3 {
                let (x, y) = insn.operands.split_at_mut(2);
                fold::canonicalize(insn.op, &mut x[1], &mut y[0]);
            }
            let a = insn.operands.get(1);
            let b = insn.operands.get(2);
            if let Some(a) = a {
                if let Some(c) = fold::fold(insn.op, a, b) {
                    out.extend(self.result(body, d, c));
                    return;
                }
                if let Some(b) = b {
                    match fold::simplify(insn.op, a, b) {
                        Some(Simpl::Value(x)) => {
                            out.extend(self.result(body, d, x));
                            return;
                        }
                        Some(Simpl::Rewrite(op, x, y)) => {
                            let mut ops = Operands::from([Operand::Reg(d), x]);
                            ops.extend(y);
                            insn = Insn {
                                op,
                                operands: ops,
                                pos: insn.pos,
                            };
                            continue;
                        }
                        None => {}
                    }
                }
            }
            let (Some(ka), Some(kb)) = (okey(a), okey(b)) else {
                out.push(insn);
                return;
            };
            if a.is_none() {
                out.push(insn);
                return;
            }
            let key = Key {
                op: insn.op,
                a: ka,
                b: kb,
            };
            if let Some(e) = self.lookup_or_insert(key, d) {
                self.repl.set(d, Operand::Reg(e));
            } else {
                out.push(insn);
            }
            return;
        }
        out.push(insn);
    }

    /// A move (a copy, a constant, a load or a store), without cloning its
    /// operands up front (a memory operand is shared).
    fn mov(&mut self, body: &Body, insn: Insn, out: &mut Vec<Insn>) {
        let d = match insn.operands[0] {
            Operand::Reg(d) if body.promoted[d.index()] => Some(d),
            _ => None,
        };
        if let Some(d) = d {
            match &insn.operands[1] {
                Operand::Reg(s) if body.promoted[s.index()] => {
                    self.repl.set(d, Operand::Reg(*s));
                }
                src @ (Operand::Int(_)
                | Operand::Float(_)
                | Operand::Double(_)
                | Operand::LDouble(_)) => {
                    self.repl.set(d, src.clone());
                    out.push(insn);
                }
                Operand::Ref(_) => self.value(body, insn, out),
                Operand::Mem(m) if self.loads => {
                    let m = **m;
                    match self.find(&m) {
                        Some(v) => {
                            let ext = if m.ty.class() == Class::Int {
                                ext_op(m.ty)
                            } else {
                                None
                            };
                            match ext {
                                None => out.extend(self.result(body, d, v)),
                                Some(op) => {
                                    self.value(body, Insn::with(op, [Operand::Reg(d), v]), out)
                                }
                            }
                        }
                        None => {
                            self.add_fact(m, Operand::Reg(d));
                            out.push(insn);
                        }
                    }
                }
                _ => out.push(insn),
            }
        } else if let Operand::Mem(m) = &insn.operands[0] {
            let m = **m;
            self.kill(&m);
            if self.loads {
                self.add_fact(m, insn.operands[1].clone());
            }
            out.push(insn);
        } else {
            // A write to a non-promoted variable: its storage may be
            // reached through pointers.
            self.kill_all();
            out.push(insn);
        }
    }

    fn insn(&mut self, body: &Body, mut insn: Insn, out: &mut Vec<Insn>) {
        self.repl.insn(body, &mut insn);
        let fam = insn.op.family();
        match fam {
            Family::Move(_) => self.mov(body, insn, out),
            // Overflow operations also set the flag a later `bo`/`bno`
            // reads: kept, not numbered.
            Family::Ovf { .. } => out.push(insn),
            f if computes_only(f) => self.value(body, insn, out),
            _ => {
                self.kill_all();
                out.push(insn);
            }
        }
    }
}

/// Most blocks, and instructions, [`join_facts`] looks at between a join
/// and its dominator (so that the walks stay linear in the function).
const JOIN_WALK: usize = 16;
const JOIN_INSNS: usize = 256;

/// The memory facts at the start of join block `b` (several predecessors),
/// from those at the end of its immediate dominator `d`: every block on a
/// path from `d` to `b` is visited (walking back from `b`'s predecessors;
/// at most [`JOIN_WALK`] of them, [`JOIN_INSNS`] instructions in all) and the facts its stores may overlap are
/// dropped. `None` when such a block calls, writes a non-promoted variable
/// or does anything else that may write memory, or when `b` is on a cycle
/// that avoids `d` (a loop header: its own stores would reach it again).
fn join_facts(body: &Body, b: BlockId, d: BlockId, base: &[MemFact]) -> Option<Vec<MemFact>> {
    let mut facts = base.to_vec();
    let mut seen: Vec<BlockId> = Vec::new();
    let mut stack: Vec<BlockId> = body.block(b).preds.clone();
    let mut insns = 0;
    while let Some(p) = stack.pop() {
        if p == d || seen.contains(&p) {
            continue;
        }
        insns += body.block(p).insns.len();
        if p == b || p.0 == 0 || seen.len() >= JOIN_WALK || insns > JOIN_INSNS {
            return None;
        }
        seen.push(p);
        for insn in &body.block(p).insns {
            match insn.op.family() {
                Family::Move(_) => match insn.operands.first() {
                    // Alias names are not trusted here: a later store
                    // through a differently named alias must not leave
                    // an older fact for the same bytes behind (in a
                    // straight line, the newer fact would shadow it).
                    Some(Operand::Mem(m)) => {
                        let plain = |x: &Mem| Mem {
                            alias: 0,
                            nonalias: 0,
                            ..*x
                        };
                        facts.retain(|f| !may_alias(&plain(&f.m), &plain(m)))
                    }
                    Some(Operand::Reg(v)) if body.promoted[v.index()] => {}
                    _ => return None,
                },
                f if computes_only(f) => {}
                _ => return None,
            }
        }
        stack.extend(body.block(p).preds.iter().copied());
    }
    Some(facts)
}

/// One walk; returns whether the control-flow graph changed.
fn round(body: &mut Body, loads: bool) -> bool {
    let dom = DomTree::compute(body);
    let n = body.blocks.len();
    // Sized for every instruction (no rehashing while the walk fills it).
    let ninsns = body.insn_count();
    let mut g = Gvn {
        table: FastMap::with_capacity_and_hasher(ninsns, Default::default()),
        open: vec![false; n],
        cur: BlockId(0),
        repl: Repl::new(body.vars.len()),
        // Reused for every block (at most `MAX_FACTS` entries).
        facts: Vec::with_capacity(MAX_FACTS),
        loads,
        cfg_changed: false,
    };
    let mut exit_facts: Vec<Option<Vec<MemFact>>> = vec![None; n];
    // (block, leaving): entering a block pushes its exit first.
    let mut stack: Vec<(BlockId, bool)> = Vec::with_capacity(n + 1);
    stack.push((BlockId(0), false));
    let mut spare: Vec<Insn> = Vec::new();
    while let Some((b, leaving)) = stack.pop() {
        if leaving {
            g.open[b.index()] = false;
            continue;
        }
        stack.push((b, true));
        g.open[b.index()] = true;
        g.cur = b;
        if b.0 != 0 && body.block(b).preds.is_empty() {
            // Cut off by a branch folded in this walk: removed afterwards.
            for &c in dom.children(b).iter().rev() {
                stack.push((c, false));
            }
            continue;
        }
        let idom = dom.idom[b.index()];
        g.facts.clear();
        match body.block(b).preds.as_slice() {
            [p] if *p == idom && b.0 != 0 => {
                if let Some(f) = &exit_facts[p.index()] {
                    g.facts.extend_from_slice(f);
                }
            }
            [_, _, ..] if g.loads => {
                if let Some(f) = &exit_facts[idom.index()] {
                    if let Some(j) = join_facts(body, b, idom, f) {
                        g.facts = j;
                    }
                }
            }
            _ => {}
        }
        // The block's new instructions go to `out`, a buffer recycled from
        // the previous block's old instruction vector (fewer allocations).
        let need = body.block(b).insns.len() + 2;
        let mut out = std::mem::take(&mut spare);
        out.clear();
        if out.capacity() < need {
            // Too small: a fresh buffer (growing would copy the old one).
            out = Vec::with_capacity(need);
        }
        // Phis (filtered in place).
        let mut phis = std::mem::take(&mut body.block_mut(b).phis);
        phis.retain_mut(|phi| {
            for a in &mut phi.args {
                g.repl.resolve(a);
            }
            let mut same: Option<&Operand> = None;
            let mut trivial = true;
            for a in &phi.args {
                if matches!(a, Operand::Reg(v) if *v == phi.dst) || same == Some(a) {
                    continue;
                }
                if same.is_some() {
                    trivial = false;
                    break;
                }
                same = Some(a);
            }
            match (trivial, same) {
                (true, Some(x)) => {
                    let x = x.clone();
                    out.extend(g.result(body, phi.dst, x));
                    false
                }
                _ => true,
            }
        });
        body.block_mut(b).phis = phis;
        let mut insns = std::mem::take(&mut body.block_mut(b).insns);
        for insn in insns.drain(..) {
            g.insn(body, insn, &mut out);
        }
        body.block_mut(b).insns = out;
        spare = insns;
        // Terminator.
        let mut term = std::mem::replace(&mut body.block_mut(b).term, Term::Goto);
        match &mut term {
            Term::Cond(i) | Term::Switch(i) | Term::Ret(i) => g.repl.insn(body, i),
            _ => {}
        }
        let target = match &term {
            Term::Cond(i) => {
                fold::branch(i.op, i.operands.get(1), i.operands.get(2)).map(usize::from)
            }
            Term::Switch(i) => match i.operands.first() {
                Some(Operand::Int(k)) if (*k as u64) < body.block(b).succs.len() as u64 => {
                    Some(*k as usize)
                }
                _ => None,
            },
            _ => None,
        };
        match target {
            Some(k) => {
                let succs = std::mem::take(&mut body.block_mut(b).succs);
                for (j, &s) in succs.iter().enumerate() {
                    if j != k {
                        body.remove_pred(s, b);
                    }
                }
                let blk = body.block_mut(b);
                blk.succs = vec![succs[k]];
                blk.term = Term::Goto;
                g.cfg_changed = true;
            }
            None => body.block_mut(b).term = term,
        }
        if g.loads
            && dom.children(b).iter().any(|&c| {
                let preds = body.block(c).preds.as_slice();
                preds == [b] || preds.len() > 1
            })
        {
            exit_facts[b.index()] = Some(g.facts.clone());
        }
        for &c in dom.children(b).iter().rev() {
            stack.push((c, false));
        }
    }
    g.repl.apply(body);
    g.cfg_changed
}
