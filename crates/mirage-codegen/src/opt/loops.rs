//! Loop passes: `rotate` (before SSA) and `iv` (on SSA form).
//!
//! # `rotate`
//!
//! A `for`/`while` loop as MIR code writes it tests at the top and jumps
//! back at the bottom:
//!
//! ```text
//! H:  bges E, i, n        # exit test
//! B:  ...                 # body
//!     jmp H
//! E:
//! ```
//!
//! Every iteration runs the jump and the test. Rotation copies the test
//! (with the few instructions the header computes before it) to the end of
//! each latch that jumps back with a goto, inverted when that makes the
//! loop's own block the branch target:
//!
//! ```text
//! H:  bges E, i, n        # now only the guard on entry
//! B:  ...
//!     blts B, i, n        # the back edge is one conditional branch
//! E:
//! ```
//!
//! Before SSA, the copy is exactly what control did next (go to `H` and run
//! it), so no value needs renaming: SSA construction then puts the phis in
//! `B`. Only innermost loops with one latch are rotated (the others run
//! less and would grow more). Headers that end in an overflow branch (which
//! reads the flags of the instruction before it) or have more than
//! [`MAX_HEADER`] instructions or a call are left alone, as are exit tests on floating values when the
//! test cannot be inverted (NaN): those keep their shape, a branch plus a
//! jump.
//!
//! # `iv`
//!
//! Induction variables, on SSA form after `licm`. A *basic* induction
//! variable is a header phi `j` whose value on every back edge is one
//! instruction `j' = adds j, c` (or `add`, `sub`, `subs`; `c` a constant).
//!
//! * **Strength reduction modulo 2^32.** An `adds t, a, j` in the loop with
//!   `a` invariant is `ext32` of `a + j` computed in 64 bits, *whatever*
//!   the wraparound: only the low 32 bits matter. So a new 64-bit phi `k`
//!   starts at `adds a, init` (in the preheader) and steps with `j`
//!   (`k' = add k, c`, right after `j'`), and `t` becomes `ext32 t, k`:
//!   one extension instead of a copy, an add and an extension per use.
//!   At most [`MAX_NEW_IVS`] such phis are made per loop (each is a
//!   register live across the loop).
//! * **Widening.** `j' = adds j, 1` equals `add j, 1` (no extension needed)
//!   when `j` is sign-extended (its start value and `j'` are) and
//!   `j <s m` holds in the whole loop for some `m`, i.e. every edge into
//!   the header asserts it for the value it brings (the guard's entry edge
//!   and each rotated back edge do; `m` may differ per edge, e.g. two
//!   counters that meet), as then `j + 1 <= INT32_MAX`. Likewise a step of
//!   -1 under `j >s n`. Compares are 32-bit (`blts`, `bges`, …) or 64-bit
//!   with a sign-extended bound.
//! * **Versioning.** In an innermost loop whose widened counter `j` starts
//!   at a constant `c >= 0` and stays below an invariant `n`, an
//!   `adds t, a, j` used as a memory index (invariant base) equals
//!   `sext(a) + j` with no wraparound exactly when `sext(a) + sext(n) <=
//!   2^31`. Checks in the preheader (one per distinct `a`) pick a copy of
//!   the loop where such accesses become `(base + sext(a) * scale, j,
//!   scale)` (no extension, no add per iteration), or else the unchanged
//!   copy. Only loops of at most [`MAX_VERSION_SIZE`] instructions, whose
//!   values are used after the loop only by exit phis and that leave only
//!   through branches are versioned, at most [`MAX_VERSIONS`] per function.
//! * **Redundant extensions.** `ext32 d, x` of an `x` that is already
//!   sign-extended (a result of a signed 32-bit operation, `ext8/16/32`,
//!   `uext8/16`, a comparison, a widened counter) is `x`.

use super::dce;
use super::dom::{find_loops, DomTree};
use super::ir::{outputs, BlockId, Body, Phi, Term};
use super::repl::Repl;
use mirage_ir::opcode::{Family, IBinOp, ICond};
use mirage_ir::{Class, Insn, Opcode, Operand, Type, VarId};

/// Most new induction variables made per loop.
const MAX_NEW_IVS: usize = 4;

/// Most loops versioned per function (each copies a loop).
const MAX_VERSIONS: usize = 16;

/// Largest loop (in instructions) that is versioned.
const MAX_VERSION_SIZE: usize = 120;

/// Largest header (in instructions before the test) that is copied.
const MAX_HEADER: usize = 4;

/// The branch that is taken exactly when `op` is not (integer tests only).
pub(crate) fn invert_branch(op: Opcode) -> Option<Opcode> {
    use Opcode::*;
    Some(match op {
        Bt => Bf,
        Bf => Bt,
        BtS => BfS,
        BfS => BtS,
        Beq => Bne,
        Bne => Beq,
        BeqS => BneS,
        BneS => BeqS,
        Blt => Bge,
        Bge => Blt,
        BltS => BgeS,
        BgeS => BltS,
        Ble => Bgt,
        Bgt => Ble,
        BleS => BgtS,
        BgtS => BleS,
        UBlt => UBge,
        UBge => UBlt,
        UBltS => UBgeS,
        UBgeS => UBltS,
        UBle => UBgt,
        UBgt => UBle,
        UBleS => UBgtS,
        UBgtS => UBleS,
        _ => return None,
    })
}

/// Whether the body may contain a loop: `false` when every edge between
/// live blocks (by successor and by predecessor lists) goes to a higher
/// block number, as then the graph has no cycle and [`find_loops`] would
/// find nothing. A cheap test that spares loop-free functions the
/// dominator tree.
pub(crate) fn may_have_loops(body: &Body) -> bool {
    let forward = |from: BlockId, to: BlockId| {
        to.index() > from.index() && body.blocks.get(to.index()).is_some_and(|b| !b.dead)
    };
    body.blocks.iter().enumerate().any(|(i, blk)| {
        let b = BlockId(i as u32);
        !blk.dead
            && (blk.succs.iter().any(|&s| !forward(b, s))
                || blk.preds.iter().any(|&p| !forward(p, b)))
    })
}

/// The `rotate` pass (see the module documentation). Not for SSA bodies.
pub(crate) fn rotate(body: &mut Body) {
    debug_assert!(!body.ssa);
    if !may_have_loops(body) {
        return;
    }
    let dom = DomTree::compute(body);
    let loops = find_loops(body, &dom);
    let mut in_loop = vec![false; body.blocks.len()];
    let mut changed = false;
    let inner = innermost_flags(&loops, body.blocks.len());
    for (li, l) in loops.iter().enumerate() {
        // Innermost loops only: they run most, and each rotation adds a
        // guard and merge phis after the loop (compile time).
        if !inner[li] {
            continue;
        }
        let h = l.header;
        let hb = body.block(h);
        let Term::Cond(test) = &hb.term else {
            continue;
        };
        if matches!(test.op.family(), Family::BOvf { .. })
            || hb.insns.len() > MAX_HEADER
            || hb
                .insns
                .iter()
                .any(|i| matches!(i.op.family(), Family::Call | Family::Inline))
        {
            continue;
        }
        for &b in &l.blocks {
            in_loop[b.index()] = true;
        }
        let (s0, s1) = (hb.succs[0], hb.succs[1]);
        let test = test.clone();
        let insns = hb.insns.clone();
        // Which successor stays in the loop (exactly one must).
        let shape = match (in_loop[s0.index()], in_loop[s1.index()]) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        };
        let latches: Vec<BlockId> = body
            .block(h)
            .preds
            .iter()
            .copied()
            .filter(|&p| {
                in_loop[p.index()]
                    && matches!(body.block(p).term, Term::Goto)
                    && body.block(p).succs.len() == 1
                    && p != h
            })
            .collect();
        for &b in &l.blocks {
            in_loop[b.index()] = false;
        }
        // One latch: a loop with many back edges (an interpreter's
        // dispatch loop) would get many copies of the test and exit phis.
        let Some(stay_fall) = shape.filter(|_| latches.len() == 1) else {
            continue;
        };
        // The latch's branch: taken means "stay in the loop" when possible.
        let (term, succs) = match (stay_fall, invert_branch(test.op)) {
            (true, Some(inv)) => {
                let mut t = test.clone();
                t.op = inv;
                (t, vec![s1, s0])
            }
            _ => (test.clone(), vec![s0, s1]),
        };
        for p in latches {
            let pb = body.block_mut(p);
            pb.insns.extend(insns.iter().cloned());
            pb.term = Term::Cond(term.clone());
            pb.succs = succs.clone();
            changed = true;
        }
    }
    if changed {
        body.compute_preds();
    }
}

/// Where an SSA value is defined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Def {
    None,
    Phi(BlockId),
    Insn(BlockId, usize),
}

struct Defs {
    site: Vec<Def>,
}

impl Defs {
    fn compute(body: &Body) -> Defs {
        let mut site = vec![Def::None; body.vars.len()];
        for b in body.live_blocks() {
            let blk = body.block(b);
            for p in &blk.phis {
                site[p.dst.index()] = Def::Phi(b);
            }
            for (k, insn) in blk.insns.iter().enumerate() {
                for i in outputs(body.module, insn) {
                    if let Some(Operand::Reg(v)) = insn.operands.get(i) {
                        if body.promoted[v.index()] {
                            site[v.index()] = Def::Insn(b, k);
                        }
                    }
                }
            }
        }
        Defs { site }
    }
    fn get(&self, v: VarId) -> Def {
        self.site.get(v.index()).copied().unwrap_or(Def::None)
    }
    fn block(&self, v: VarId) -> Option<BlockId> {
        match self.get(v) {
            Def::None => None,
            Def::Phi(b) | Def::Insn(b, _) => Some(b),
        }
    }
    fn insn<'a>(&self, body: &'a Body, v: VarId) -> Option<&'a Insn> {
        match self.get(v) {
            Def::Insn(b, k) => body.block(b).insns.get(k),
            _ => None,
        }
    }
}

/// Whether an instruction's integer result is its low 32 bits
/// sign-extended (the interpreter's semantics for signed `…s` forms).
fn sign_extends(insn: &Insn) -> bool {
    match insn.op.family() {
        Family::IBin { op, w32: true } => !matches!(op, IBinOp::UDiv | IBinOp::UMod | IBinOp::URsh),
        Family::Ext { bits, signed } => bits < 32 || signed,
        Family::ICmp { .. } | Family::FCmp { .. } => true,
        Family::Neg {
            class: Class::Int,
            w32: true,
        } => true,
        // Loads of 8-, 16- and 32-bit memory extend to 64 bits (sign for
        // signed types; an unsigned 8/16-bit value is within range too).
        Family::Move(Class::Int) => matches!(
            insn.operands.get(1),
            Some(Operand::Mem(m)) if matches!(m.ty, Type::I8 | Type::U8 | Type::I16 | Type::U16 | Type::I32)
        ),
        _ => false,
    }
}

fn const_i32(op: &Operand) -> bool {
    matches!(op, Operand::Int(c) if *c == *c as i32 as i64)
}

/// Whether `op` is known to be a sign-extended 32-bit value (`extra`: values
/// proven so by this pass).
fn canonical(body: &Body, defs: &Defs, extra: &[VarId], op: &Operand) -> bool {
    canonical_at(body, defs, extra, op, 2)
}

/// [`canonical`], looking through at most `depth` levels of phis.
fn canonical_at(body: &Body, defs: &Defs, extra: &[VarId], op: &Operand, depth: u32) -> bool {
    match op {
        Operand::Int(_) => const_i32(op),
        Operand::Reg(v) if body.promoted[v.index()] => {
            if extra.contains(v) || defs.insn(body, *v).is_some_and(sign_extends) {
                return true;
            }
            match defs.get(*v) {
                Def::Phi(b) if depth > 0 => body
                    .block(b)
                    .phis
                    .iter()
                    .find(|p| p.dst == *v)
                    .is_some_and(|p| {
                        p.args
                            .iter()
                            .all(|a| canonical_at(body, defs, extra, a, depth - 1))
                    }),
                _ => false,
            }
        }
        _ => false,
    }
}

/// A basic induction variable.
struct Basic {
    phi: VarId,
    /// The value on the back edges and where it is computed.
    next: VarId,
    next_at: (BlockId, usize),
    /// Added per iteration (64-bit; for `…s` steps the sign-extended
    /// 32-bit constant, equal modulo 2^32).
    step: i64,
    w32: bool,
    /// The value from outside.
    init: Operand,
}

/// Recognizes `phi` of `header` (with outside predecessor number `out`) as
/// a basic induction variable.
fn basic_iv(body: &Body, defs: &Defs, header: BlockId, out: usize, phi: &Phi) -> Option<Basic> {
    if body.class_of(phi.dst) != Class::Int {
        return None;
    }
    let preds = &body.block(header).preds;
    let mut next = None;
    for (k, a) in phi.args.iter().enumerate() {
        if k == out {
            continue;
        }
        let Operand::Reg(v) = a else {
            return None;
        };
        if next.is_some_and(|n| n != *v) {
            return None;
        }
        next = Some(*v);
    }
    let next = next?;
    let Def::Insn(b, k) = defs.get(next) else {
        return None;
    };
    let _ = preds;
    let insn = &body.block(b).insns[k];
    let Family::IBin { op, w32 } = insn.op.family() else {
        return None;
    };
    let me = Operand::Reg(phi.dst);
    let (x, y) = (insn.operands.get(1)?, insn.operands.get(2)?);
    let c = match (op, x, y) {
        (IBinOp::Add, _, Operand::Int(c)) if *x == me => *c,
        (IBinOp::Add, Operand::Int(c), _) if *y == me => *c,
        (IBinOp::Sub, _, Operand::Int(c)) if *x == me => c.wrapping_neg(),
        _ => return None,
    };
    let step = if w32 { c as i32 as i64 } else { c };
    Some(Basic {
        phi: phi.dst,
        next,
        next_at: (b, k),
        step,
        w32,
        init: phi.args[out].clone(),
    })
}

/// Whether the edge `from -> to` (or the chain of single-predecessor gotos
/// above it) asserts `x < n` (`up`) or `x > n` (signed, 32-bit), for the
/// bound `n` returned.
fn edge_bound(
    body: &Body,
    defs: &Defs,
    extra: &[VarId],
    mut from: BlockId,
    mut to: BlockId,
    x: &Operand,
    up: bool,
) -> Option<Operand> {
    for _ in 0..4 {
        let fb = body.block(from);
        match &fb.term {
            Term::Goto if fb.preds.len() == 1 => {
                to = from;
                from = fb.preds[0];
            }
            Term::Cond(t) => {
                if fb.succs[0] == fb.succs[1] {
                    return None;
                }
                let taken = fb.succs[1] == to;
                let Family::BICmp { cond, w32 } = t.op.family() else {
                    return None;
                };
                let (a, b) = (t.operands.get(1)?, t.operands.get(2)?);
                // The relation that holds on this edge, as `a REL b`.
                let rel = if taken { cond } else { negate(cond)? };
                // Normalize to `x REL' n`.
                let (rel, n) = if a == x {
                    (rel, b)
                } else if b == x {
                    (swap(rel)?, a)
                } else {
                    return None;
                };
                let want = if up { ICond::Lt } else { ICond::Gt };
                if rel != want {
                    return None;
                }
                if !w32 && !canonical(body, defs, extra, n) {
                    return None;
                }
                return Some(n.clone());
            }
            _ => return None,
        }
    }
    None
}

fn negate(c: ICond) -> Option<ICond> {
    Some(match c {
        ICond::Lt => ICond::Ge,
        ICond::Ge => ICond::Lt,
        ICond::Le => ICond::Gt,
        ICond::Gt => ICond::Le,
        _ => return None,
    })
}

fn swap(c: ICond) -> Option<ICond> {
    Some(match c {
        ICond::Lt => ICond::Gt,
        ICond::Gt => ICond::Lt,
        ICond::Le => ICond::Ge,
        ICond::Ge => ICond::Le,
        _ => return None,
    })
}

/// The `iv` pass (see the module documentation).
pub(crate) fn run_iv(body: &mut Body) {
    debug_assert!(body.ssa);
    let loops = if may_have_loops(body) {
        let dom = DomTree::compute(body);
        find_loops(body, &dom)
    } else {
        Vec::new()
    };
    if loops.is_empty()
        && !body
            .blocks
            .iter()
            .any(|b| !b.dead && b.insns.iter().any(|i| i.op == Opcode::Ext32))
    {
        // No loop and no extension to remove: nothing to do.
        return;
    }
    let mut widened: Vec<VarId> = Vec::new();
    let mut defs = Defs::compute(body);
    let mut changed = redundant_ext(body, &defs, &widened);
    // Loops enclosing a versioned loop are skipped: their block lists lack
    // the new blocks.
    let mut skip = vec![false; loops.len()];
    let inner = innermost_flags(&loops, body.blocks.len());
    let mut versions = 0;
    let mut in_loop: Vec<bool> = Vec::new();
    for li in 0..loops.len() {
        if skip[li] {
            continue;
        }
        let l = &loops[li];
        in_loop.clear();
        in_loop.resize(body.blocks.len(), false);
        for &b in &l.blocks {
            in_loop[b.index()] = true;
        }
        let allow_version = versions < MAX_VERSIONS && inner[li];
        let (c, versioned, moved) = one_loop(
            body,
            &defs,
            l.header,
            &l.blocks,
            &in_loop,
            &mut widened,
            allow_version,
        );
        changed |= c;
        if versioned {
            versions += 1;
            for (lj, outer) in loops.iter().enumerate().skip(li + 1) {
                if outer.blocks.contains(&l.header) {
                    skip[lj] = true;
                }
            }
        }
        if moved {
            defs = Defs::compute(body);
        }
    }
    if !widened.is_empty() {
        changed |= redundant_ext(body, &defs, &widened);
    }
    if changed {
        dce::run(body);
    }
}

/// Handles one loop. Returns whether it changed anything, whether it
/// versioned the loop, and whether instructions moved or blocks were added
/// (`defs` is then stale).
fn one_loop(
    body: &mut Body,
    defs: &Defs,
    header: BlockId,
    blocks: &[BlockId],
    in_loop: &[bool],
    widened: &mut Vec<VarId>,
    allow_version: bool,
) -> (bool, bool, bool) {
    let preds = body.block(header).preds.clone();
    // The one predecessor from outside the loop (its position in `preds`).
    let mut outside = (0..preds.len()).filter(|&k| !in_loop[preds[k].index()]);
    let (Some(out), None) = (outside.next(), outside.next()) else {
        return (false, false, false);
    };
    let pre = preds[out];
    if pre == header
        || matches!(&body.block(pre).term, Term::Cond(t) if matches!(t.op.family(), Family::BOvf { .. }))
    {
        return (false, false, false);
    }
    let ivs: Vec<Basic> = body
        .block(header)
        .phis
        .iter()
        .filter_map(|p| basic_iv(body, defs, header, out, p))
        .collect();
    if ivs.is_empty() {
        return (false, false, false);
    }
    let mut changed = false;
    // Widening. `proven`: (iv, bound) of counters known to stay below the
    // bound.
    let mut proven: Vec<(usize, Operand)> = Vec::new();
    for (ivi, iv) in ivs.iter().enumerate() {
        if !iv.w32 || (iv.step != 1 && iv.step != -1) {
            continue;
        }
        if !canonical(body, defs, widened, &iv.init) {
            continue;
        }
        let up = iv.step == 1;
        // Every edge into the header must assert `x <s m` (`x >s m` going
        // down) for the value `x` it brings, with any `m`: then `x + 1`
        // cannot pass INT32_MAX. `bound` is the common `m` when there is one.
        let mut bound: Option<Operand> = None;
        let mut common = true;
        let mut ok = true;
        // Back edges first: a constant start is then checked against a
        // constant bound directly (the guard may have been folded away).
        let order = (0..preds.len()).filter(|&k| k != out).chain([out]);
        for k in order {
            let p = preds[k];
            let x = if k == out {
                iv.init.clone()
            } else {
                Operand::Reg(iv.next)
            };
            if let (Operand::Int(x), Some(Operand::Int(n))) = (&x, &bound) {
                let (x, n) = (*x as i32, *n as i32);
                if (up && x < n) || (!up && x > n) {
                    continue;
                }
            }
            match edge_bound(body, defs, widened, p, header, &x, up) {
                Some(n) => {
                    if bound.as_ref().is_some_and(|b| *b != n) {
                        common = false;
                    }
                    bound.get_or_insert(n);
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        // A common bound that does not change inside the loop (an SSA value
        // defined outside or a constant) also bounds the counter's range.
        let invariant = common
            && match &bound {
                Some(Operand::Reg(v)) => defs.block(*v).is_none_or(|b| !in_loop[b.index()]),
                Some(Operand::Int(_)) => true,
                _ => false,
            };
        if ok {
            let (b, k) = iv.next_at;
            let insn = &mut body.block_mut(b).insns[k];
            insn.op = if insn.op == Opcode::AddS {
                Opcode::Add
            } else {
                Opcode::Sub
            };
            // `subs j, 1` / `adds j, -1` keep their constant (sign-extended
            // already: ±1).
            widened.push(iv.next);
            widened.push(iv.phi);
            changed = true;
            if up && invariant {
                if let Some(b) = &bound {
                    proven.push((ivi, b.clone()));
                }
            }
        }
    }
    if changed {
        // Extensions of the widened counters inside the loop go now, so
        // that the uses below see the counters themselves.
        redundant_ext_in(body, defs, blocks, widened);
    }
    if allow_version && version(body, defs, header, blocks, in_loop, out, &ivs, &proven) {
        return (true, true, true);
    }
    // Strength reduction of `adds t, a, j`.
    let mut made: Vec<(VarId, Operand, VarId)> = Vec::new(); // (j, a, k)
    let mut inserts: Vec<(BlockId, usize, Insn)> = Vec::new();
    let mut new_phis: Vec<Phi> = Vec::new();
    let mut pre_insns: Vec<Insn> = Vec::new();
    for &b in blocks {
        for k in 0..body.block(b).insns.len() {
            let insn = &body.block(b).insns[k];
            let Some((t, x, y)) = adds_parts(insn) else {
                continue;
            };
            let is_inv = |op: &Operand| match op {
                Operand::Int(_) => true,
                // A value without a definition is a parameter.
                Operand::Reg(v) => {
                    body.promoted[v.index()] && defs.block(*v).is_none_or(|db| !in_loop[db.index()])
                }
                _ => false,
            };
            let find = |op: &Operand| {
                ivs.iter()
                    .position(|iv| *op == Operand::Reg(iv.phi) && iv.next != t)
            };
            let (ivi, a) = match (find(x), find(y)) {
                (Some(i), _) if is_inv(y) => (i, y.clone()),
                (_, Some(i)) if is_inv(x) => (i, x.clone()),
                _ => continue,
            };
            let iv = &ivs[ivi];
            let kv = match made.iter().find(|(j, aa, _)| *j == iv.phi && *aa == a) {
                Some(&(_, _, kv)) => kv,
                None => {
                    if made.len() >= MAX_NEW_IVS {
                        continue;
                    }
                    // The start value, `adds a, init`, folded when simple.
                    let k0 = match (&a, &iv.init) {
                        (Operand::Int(x), Operand::Int(y)) => {
                            Operand::Int(x.wrapping_add(*y) as i32 as i64)
                        }
                        (_, Operand::Int(0)) if canonical(body, defs, widened, &a) => a.clone(),
                        (Operand::Int(0), _) if canonical(body, defs, widened, &iv.init) => {
                            iv.init.clone()
                        }
                        _ => {
                            let k0 = body.new_var(Class::Int);
                            let insn = match &iv.init {
                                Operand::Int(0) => {
                                    Insn::new(Opcode::Ext32, vec![Operand::Reg(k0), a.clone()])
                                }
                                _ => Insn::new(
                                    Opcode::AddS,
                                    vec![Operand::Reg(k0), a.clone(), iv.init.clone()],
                                ),
                            };
                            pre_insns.push(insn);
                            Operand::Reg(k0)
                        }
                    };
                    let kv = body.new_var(Class::Int);
                    let kn = body.new_var(Class::Int);
                    let args = (0..preds.len())
                        .map(|p| {
                            if p == out {
                                k0.clone()
                            } else {
                                Operand::Reg(kn)
                            }
                        })
                        .collect();
                    new_phis.push(Phi { dst: kv, args });
                    let (nb, nk) = iv.next_at;
                    inserts.push((
                        nb,
                        nk + 1,
                        Insn::new(
                            Opcode::Add,
                            vec![Operand::Reg(kn), Operand::Reg(kv), Operand::Int(iv.step)],
                        ),
                    ));
                    made.push((iv.phi, a.clone(), kv));
                    kv
                }
            };
            let pos = body.block(b).insns[k].pos;
            let mut e = Insn::new(Opcode::Ext32, vec![Operand::Reg(t), Operand::Reg(kv)]);
            e.pos = pos;
            body.block_mut(b).insns[k] = e;
            changed = true;
        }
    }
    if made.is_empty() {
        return (changed, false, false);
    }
    body.block_mut(pre).insns.extend(pre_insns);
    body.block_mut(header).phis.extend(new_phis);
    // Insert from the back so earlier positions stay valid.
    inserts.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    for (b, k, insn) in inserts {
        body.block_mut(b).insns.insert(k, insn);
    }
    (true, false, true)
}

/// [`redundant_ext`] for the uses inside `blocks` only.
fn redundant_ext_in(body: &mut Body, defs: &Defs, blocks: &[BlockId], widened: &[VarId]) {
    let mut repl = Repl::new(body.vars.len());
    for &b in blocks {
        for insn in &body.block(b).insns {
            if insn.op != Opcode::Ext32 {
                continue;
            }
            if let (Some(Operand::Reg(d)), Some(x @ Operand::Reg(_))) =
                (insn.operands.first(), insn.operands.get(1))
            {
                if body.promoted[d.index()] && canonical(body, defs, widened, x) {
                    repl.set(*d, x.clone());
                }
            }
        }
    }
    if repl.any {
        for &b in blocks {
            let mut blk = std::mem::replace(body.block_mut(b), super::ir::Block::new());
            repl.block(body, &mut blk);
            *body.block_mut(b) = blk;
        }
    }
}

/// `ext32 d, x` of a sign-extended `x` becomes `x` (see the module
/// documentation).
fn redundant_ext(body: &mut Body, defs: &Defs, widened: &[VarId]) -> bool {
    let mut repl: Option<Repl> = None;
    for b in body.live_blocks() {
        for insn in &body.block(b).insns {
            if insn.op != Opcode::Ext32 {
                continue;
            }
            if let (Some(Operand::Reg(d)), Some(x)) = (insn.operands.first(), insn.operands.get(1))
            {
                if body.promoted[d.index()]
                    && matches!(x, Operand::Reg(_))
                    && canonical(body, defs, widened, x)
                {
                    repl.get_or_insert_with(|| Repl::new(body.vars.len()))
                        .set(*d, x.clone());
                }
            }
        }
    }
    match repl {
        Some(r) => {
            r.apply(body);
            r.any
        }
        None => false,
    }
}

/// Loop versioning for in-range indexes (see the module documentation):
/// when the counter `j` of `proven` runs from a constant `c >= 0` up to
/// below its bound `n`, each `adds t, a, j` used as a memory index is
/// `sext(a) + j` without wraparound exactly when `sext(a) + sext(n) <=
/// 2^31`. Preheader checks choose between the loop with the indexes
/// rewritten to base-plus-counter addresses and an unchanged copy.
#[allow(clippy::too_many_arguments)]
fn version(
    body: &mut Body,
    defs: &Defs,
    header: BlockId,
    blocks: &[BlockId],
    in_loop: &[bool],
    out: usize,
    ivs: &[Basic],
    proven: &[(usize, Operand)],
) -> bool {
    let Some((ivi, bound)) = proven.iter().find(
        |(i, _)| matches!(ivs[*i].init, Operand::Int(c) if (0..=i32::MAX as i64).contains(&c)),
    ) else {
        return false;
    };
    let j = ivs[*ivi].phi;
    // Candidates: `adds t, a, j` with `a` invariant and `t` a memory index
    // (with an invariant base) somewhere in the loop.
    let mut size = 0;
    let mut index_uses: Vec<VarId> = Vec::new();
    for &b in blocks {
        let blk = body.block(b);
        size += blk.insns.len() + blk.phis.len();
        for insn in &blk.insns {
            for op in &insn.operands {
                if let Operand::Mem(m) = op {
                    if let Some(x) = m.index {
                        let base_ok = m
                            .base
                            .is_none_or(|bv| invariant(body, defs, in_loop, &Operand::Reg(bv)));
                        if base_ok && !index_uses.contains(&x) {
                            index_uses.push(x);
                        }
                    }
                }
            }
        }
    }
    if size > MAX_VERSION_SIZE || blocks.iter().any(|&b| leaves_oddly(body, b)) {
        return false;
    }
    let mut cands: Vec<(VarId, Operand)> = Vec::new(); // (t, a)
    let mut avals: Vec<Operand> = Vec::new();
    for &b in blocks {
        for insn in &body.block(b).insns {
            let Some((t, x, y)) = adds_parts(insn) else {
                continue;
            };
            let jr = Operand::Reg(j);
            let a = if *x == jr && invariant(body, defs, in_loop, y) {
                y.clone()
            } else if *y == jr && invariant(body, defs, in_loop, x) {
                x.clone()
            } else {
                continue;
            };
            if !index_uses.contains(&t) {
                continue;
            }
            if !avals.contains(&a) {
                if avals.len() >= 3 {
                    continue;
                }
                avals.push(a.clone());
            }
            cands.push((t, a));
        }
    }
    if cands.is_empty() {
        return false;
    }
    // Values of the loop used outside it must be read only by phis of exit
    // blocks on edges from the loop (the copy then adds its own edge).
    let mut def_in = vec![false; body.vars.len()];
    for &b in blocks {
        let blk = body.block(b);
        for p in &blk.phis {
            def_in[p.dst.index()] = true;
        }
        for insn in &blk.insns {
            for i in outputs(body.module, insn) {
                if let Some(Operand::Reg(v)) = insn.operands.get(i) {
                    def_in[v.index()] = true;
                }
            }
        }
    }
    let is_in = |v: VarId| def_in.get(v.index()).copied().unwrap_or(false);
    for b in body.live_blocks() {
        if in_loop[b.index()] {
            continue;
        }
        let blk = body.block(b);
        let mut bad = false;
        for insn in blk.all_insns() {
            dce::for_each_use(body, insn, |v| bad |= is_in(v));
        }
        for p in &blk.phis {
            for (k, a) in p.args.iter().enumerate() {
                if matches!(a, Operand::Reg(v) if is_in(*v)) && !in_loop[blk.preds[k].index()] {
                    bad = true;
                }
            }
        }
        if bad {
            return false;
        }
    }
    let pre = body.block(header).preds[out];
    if body
        .block(pre)
        .succs
        .iter()
        .filter(|&&s| s == header)
        .count()
        != 1
    {
        return false;
    }

    // The copy (the slow loop).
    let mut bmap: Vec<Option<BlockId>> = vec![None; body.blocks.len()];
    for &b in blocks {
        bmap[b.index()] = Some(body.new_block());
    }
    let mut vmap = Repl::new(body.vars.len());
    let fresh = |body: &mut Body, v: VarId, vmap: &mut Repl| {
        let mut var = body.vars[v.index()].clone();
        var.name = String::new();
        body.vars.push(var);
        body.promoted.push(true);
        let w = VarId::new(body.vars.len() - 1);
        vmap.set(v, Operand::Reg(w));
    };
    for &b in blocks {
        let dsts: Vec<VarId> = {
            let blk = body.block(b);
            let mut d: Vec<VarId> = blk.phis.iter().map(|p| p.dst).collect();
            for insn in &blk.insns {
                for i in outputs(body.module, insn) {
                    if let Some(Operand::Reg(v)) = insn.operands.get(i) {
                        if body.promoted[v.index()] {
                            d.push(*v);
                        }
                    }
                }
            }
            d
        };
        for v in dsts {
            fresh(body, v, &mut vmap);
        }
    }
    // The checks: one block per distinct `a`, chained; the last one falls
    // into the fast loop.
    let nchk = avals.len();
    let chks: Vec<BlockId> = (0..nchk).map(|_| body.new_block()).collect();
    let slow_header = bmap[header.index()].unwrap();
    let n64 = match bound {
        Operand::Int(c) => Operand::Int(*c as i32 as i64),
        Operand::Reg(_) if canonical(body, defs, &[], bound) => bound.clone(),
        _ => {
            let v = body.new_var(Class::Int);
            body.block_mut(chks[0]).insns.push(Insn::new(
                Opcode::Ext32,
                vec![Operand::Reg(v), bound.clone()],
            ));
            Operand::Reg(v)
        }
    };
    let mut a64s: Vec<Operand> = Vec::new();
    for (ci, a) in avals.iter().enumerate() {
        let c = chks[ci];
        let a64 = match a {
            Operand::Int(x) => Operand::Int(*x as i32 as i64),
            _ if canonical(body, defs, &[], a) => a.clone(),
            _ => {
                let v = body.new_var(Class::Int);
                body.block_mut(c)
                    .insns
                    .push(Insn::new(Opcode::Ext32, vec![Operand::Reg(v), a.clone()]));
                Operand::Reg(v)
            }
        };
        let sum = body.new_var(Class::Int);
        body.block_mut(c).insns.push(Insn::new(
            Opcode::Add,
            vec![Operand::Reg(sum), a64.clone(), n64.clone()],
        ));
        let test = Insn::new(
            Opcode::Bgt,
            vec![
                Operand::Label(mirage_ir::LabelId(0)),
                Operand::Reg(sum),
                Operand::Int(1 << 31),
            ],
        );
        let next = if ci + 1 < nchk { chks[ci + 1] } else { header };
        let cb = body.block_mut(c);
        cb.term = Term::Cond(test);
        cb.succs = vec![next, slow_header];
        cb.preds = vec![if ci == 0 { pre } else { chks[ci - 1] }];
        a64s.push(a64);
    }
    let last = chks[nchk - 1];
    for s in &mut body.block_mut(pre).succs {
        if *s == header {
            *s = chks[0];
        }
    }
    // Copy the blocks.
    let exits_before: Vec<(BlockId, Vec<BlockId>)> = blocks
        .iter()
        .map(|&b| (b, body.block(b).succs.clone()))
        .collect();
    for &b in blocks {
        let mut nb = body.block(b).clone();
        nb.label = None;
        for p in &mut nb.phis {
            p.dst = match vmap.get(p.dst) {
                Some(Operand::Reg(w)) => w,
                _ => p.dst,
            };
        }
        vmap.block(body, &mut nb);
        for insn in &mut nb.insns {
            for i in outputs(body.module, insn) {
                if let Some(Operand::Reg(v)) = insn.operands.get(i) {
                    if let Some(Operand::Reg(w)) = vmap.get(*v) {
                        insn.operands[i] = Operand::Reg(w);
                    }
                }
            }
        }
        for s in &mut nb.succs {
            if let Some(c) = bmap[s.index()] {
                *s = c;
            }
        }
        for p in &mut nb.preds {
            if let Some(c) = bmap[p.index()] {
                *p = c;
            } else if b == header {
                *p = last;
            }
        }
        *body.block_mut(bmap[b.index()].unwrap()) = nb;
    }
    // The fast header's outside edge now comes from the last check.
    for p in &mut body.block_mut(header).preds {
        if *p == pre {
            *p = last;
        }
    }
    // Exit edges of the copy: one more predecessor of each exit block.
    for (b, succs) in exits_before {
        let cb = bmap[b.index()].unwrap();
        for (occ, &x) in succs.iter().enumerate() {
            if in_loop[x.index()] {
                continue;
            }
            // Which occurrence of the edge b -> x this is.
            let nth = succs[..occ].iter().filter(|&&y| y == x).count();
            let xb = body.block(x);
            let Some(k) = xb
                .preds
                .iter()
                .enumerate()
                .filter(|(_, &p)| p == b)
                .nth(nth)
                .map(|(k, _)| k)
            else {
                continue;
            };
            let args: Vec<Operand> = xb.phis.iter().map(|p| vmap.operand(&p.args[k])).collect();
            let xb = body.block_mut(x);
            xb.preds.push(cb);
            for (p, a) in xb.phis.iter_mut().zip(args) {
                p.args.push(a);
            }
        }
    }
    // The fast loop: indexes become base-plus-counter addresses.
    let mut t_of: Vec<(VarId, usize)> = Vec::new(); // (t, which a)
    for (t, a) in &cands {
        let ai = avals.iter().position(|x| x == a).unwrap();
        t_of.push((*t, ai));
    }
    let mut bases: Vec<(Option<VarId>, usize, u8, VarId)> = Vec::new();
    let mut offs: Vec<(usize, u8, VarId)> = Vec::new();
    for &b in blocks {
        let mut blk = std::mem::replace(body.block_mut(b), super::ir::Block::new());
        for k in 0..blk.insns.len() {
            // `adds t, a, j` itself: `add t, a64, j` (exact here).
            if let Some(Operand::Reg(t)) = blk.insns[k].operands.first() {
                if blk.insns[k].op == Opcode::AddS {
                    if let Some(&(_, ai)) = t_of.iter().find(|(x, _)| x == t) {
                        let pos = blk.insns[k].pos;
                        let mut e = Insn::new(
                            Opcode::Add,
                            vec![Operand::Reg(*t), a64s[ai].clone(), Operand::Reg(j)],
                        );
                        e.pos = pos;
                        blk.insns[k] = e;
                        continue;
                    }
                }
            }
            for oi in 0..blk.insns[k].operands.len() {
                let Operand::Mem(m) = &blk.insns[k].operands[oi] else {
                    continue;
                };
                let Some(x) = m.index else {
                    continue;
                };
                let Some(&(_, ai)) = t_of.iter().find(|(t, _)| *t == x) else {
                    continue;
                };
                if !m
                    .base
                    .is_none_or(|bv| invariant(body, defs, in_loop, &Operand::Reg(bv)))
                {
                    continue;
                }
                let key = (m.base, ai, m.scale);
                let nb = match bases.iter().find(|e| (e.0, e.1, e.2) == key) {
                    Some(e) => e.3,
                    None => {
                        let off = match offs.iter().find(|e| (e.0, e.1) == (ai, m.scale)) {
                            Some(e) => e.2,
                            None => {
                                let off = body.new_var(Class::Int);
                                body.block_mut(last).insns.push(Insn::new(
                                    Opcode::Mul,
                                    vec![
                                        Operand::Reg(off),
                                        a64s[ai].clone(),
                                        Operand::Int(m.scale as i64),
                                    ],
                                ));
                                offs.push((ai, m.scale, off));
                                off
                            }
                        };
                        let nb = body.new_var(Class::Int);
                        let lb = body.block_mut(last);
                        let sum = match m.base {
                            Some(bv) => Insn::new(
                                Opcode::Add,
                                vec![Operand::Reg(nb), Operand::Reg(bv), Operand::Reg(off)],
                            ),
                            None => {
                                Insn::new(Opcode::Mov, vec![Operand::Reg(nb), Operand::Reg(off)])
                            }
                        };
                        lb.insns.push(sum);
                        bases.push((key.0, key.1, key.2, nb));
                        nb
                    }
                };
                let mut nm = **m;
                nm.base = Some(nb);
                nm.index = Some(j);
                blk.insns[k].operands[oi] = Operand::mem(nm);
            }
        }
        *body.block_mut(b) = blk;
    }
    true
}

/// `adds t, x, y` with `t` a variable: `(t, x, y)`.
fn adds_parts(insn: &Insn) -> Option<(VarId, &Operand, &Operand)> {
    match (
        insn.op,
        insn.operands.first(),
        insn.operands.get(1),
        insn.operands.get(2),
    ) {
        (Opcode::AddS, Some(Operand::Reg(t)), Some(x), Some(y)) => Some((*t, x, y)),
        _ => None,
    }
}

/// Whether a loop block returns (versioning keeps to loops that only leave
/// through their exits).
fn leaves_oddly(body: &Body, b: BlockId) -> bool {
    matches!(
        body.block(b).term,
        Term::Ret(_) | Term::FellOff | Term::Switch(_)
    )
}

/// Whether `op` is the same in every iteration of the loop (`in_loop`): a
/// 32-bit constant or a value defined outside (a parameter has no
/// definition).
fn invariant(body: &Body, defs: &Defs, in_loop: &[bool], op: &Operand) -> bool {
    match op {
        Operand::Int(c) => *c == *c as i32 as i64,
        Operand::Reg(v) => {
            body.promoted[v.index()]
                && defs
                    .block(*v)
                    .is_none_or(|db| !in_loop.get(db.index()).copied().unwrap_or(false))
        }
        _ => false,
    }
}

/// Per loop: whether it contains no other loop (no block of it belongs to
/// a deeper loop).
fn innermost_flags(loops: &[super::dom::Loop], nblocks: usize) -> Vec<bool> {
    if loops.len() <= 1 {
        // A lone loop contains no other.
        return vec![true; loops.len()];
    }
    let mut deepest = vec![0u32; nblocks];
    for l in loops {
        for &b in &l.blocks {
            deepest[b.index()] = deepest[b.index()].max(l.depth);
        }
    }
    loops
        .iter()
        .map(|l| l.blocks.iter().all(|b| deepest[b.index()] == l.depth))
        .collect()
}
