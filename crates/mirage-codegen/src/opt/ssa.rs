//! The `ssa` pass: MIR variables to SSA values.
//!
//! Classic construction (Cytron et al.) on the block form: phis for each
//! variable at the iterated dominance frontier of its definitions,
//! restricted to variables live across blocks ("semi-pruned" SSA), then a
//! renaming walk over the dominator tree with an explicit stack (no
//! recursion, so huge functions do not overflow the native stack).
//! Trivial phis (all arguments the same value) are removed afterwards.
//!
//! **What is promoted.** Locals and parameters whose address is never
//! taken by `addr*`. Hard-register globals (`VarKind::Global`) and
//! address-taken variables stay MIR variables and are treated as memory.
//!
//! **Canonical form.** While renaming, every instruction is split so that
//! memory is touched only by plain moves: `add i64:(p), i64:(q), 1` becomes
//! a load, an add and a store, and an instruction reading or writing a
//! non-promoted variable gets a move of its own for that. Afterwards every
//! operand of a computation is an SSA value or a constant, memory operands
//! have SSA values as base and index, and the only memory accesses are
//! `mov`-family loads and stores (plus calls and `va_*`). Copies between
//! promoted variables vanish (`mov a, b` just makes `a` name `b`'s value),
//! so constants flow into uses during construction. The split is exact:
//! inputs are read before the output is written, as in MIR.
//!
//! Reading a variable that was never written (undefined behaviour, spec
//! §3.2) gives the zero of its class.

use super::dom::DomTree;
use super::ir::{mov_op, non_value_pos, outputs, zero_of, BlockId, Body, Phi, Term};
use super::repl::Repl;
use mirage_ir::opcode::Family;
use mirage_ir::{Insn, Mem, Operand, VarId, VarKind};

pub(crate) fn build(body: &mut Body) {
    body.remove_unreachable();
    // Every variable so far (the function's own and those `inline` added)
    // is a MIR variable to rename.
    let norig = body.vars.len();
    let nvars = body.vars.len();
    // Which variables become SSA values.
    // (In the old table's buffer.)
    let mut promoted = std::mem::take(&mut body.promoted);
    promoted.clear();
    promoted.resize(nvars, true);
    for (i, v) in body.vars.iter().enumerate() {
        if v.kind == VarKind::Global {
            promoted[i] = false;
        }
    }
    // Renaming makes about one value per instruction and phi, and later
    // passes make more: room for them once.
    let mut ninsns = 0;
    for blk in body.blocks.iter().filter(|b| !b.dead) {
        ninsns += blk.insns.len() + 1;
        for insn in &blk.insns {
            if let (Family::Addr { .. }, Some(Operand::Reg(v))) =
                (insn.op.family(), insn.operands.get(1))
            {
                promoted[v.index()] = false;
            }
        }
    }
    body.promoted = promoted;
    body.vars.reserve(2 * ninsns);
    body.promoted.reserve(2 * ninsns);
    let dom = DomTree::compute(body);
    place_phis(body, &dom, norig);
    rename(body, &dom);
    body.ssa = true;
    remove_trivial_phis(body);
}

/// Visits the variables a block uses (`on(v, false)`) and defines
/// (`on(v, true)`), in order, on the pre-SSA form.
fn scan_block(body: &Body, b: BlockId, mut on: impl FnMut(VarId, bool)) {
    let blk = body.block(b);
    for insn in blk.all_insns() {
        let outs = outputs(body.module, insn);
        let non_value = non_value_pos(insn.op.family());
        for (i, op) in insn.operands.iter().enumerate() {
            match op {
                Operand::Reg(v) if !outs.contains(&i) && non_value != Some(i) => on(*v, false),
                Operand::Mem(m) => {
                    if let Some(v) = m.base {
                        on(v, false);
                    }
                    if let Some(v) = m.index {
                        on(v, false);
                    }
                }
                _ => {}
            }
        }
        for i in outs {
            if let Some(Operand::Reg(v)) = insn.operands.get(i) {
                on(*v, true);
            }
        }
    }
}

/// What `place_phis` gathers about one variable.
#[derive(Clone, Copy)]
struct VarSites {
    /// Read in a block before being written there (live across blocks).
    global: bool,
    /// The last block found to define it.
    last_site: u32,
    /// The block being scanned once it has defined it there.
    killed: u32,
    /// Its defining blocks: `sites[start..]` up to the next variable's.
    start: u32,
}

fn place_phis(body: &mut Body, dom: &DomTree, norig: usize) {
    let n = body.blocks.len();
    let mut info = vec![
        VarSites {
            global: false,
            last_site: u32::MAX,
            killed: u32::MAX,
            start: 0,
        };
        norig + 1
    ];
    // (variable, defining block) pairs, then bucketed by variable.
    let mut def_pairs: Vec<(u32, BlockId)> = Vec::with_capacity(norig + n);
    for &b in &dom.rpo {
        // In order: a use is upward-exposed when no earlier definition in
        // the block wrote the variable.
        scan_block(body, b, |v, def| {
            let Some(vi) = info.get_mut(v.index()).filter(|_| v.index() < norig) else {
                return;
            };
            if !def {
                if vi.killed != b.0 {
                    vi.global = true;
                }
            } else {
                vi.killed = b.0;
                if vi.last_site != b.0 {
                    vi.last_site = b.0;
                    def_pairs.push((v.index() as u32, b));
                }
            }
        });
    }
    // Parameters are defined at entry too (order within a variable's
    // sites does not matter: the result is a set of blocks).
    for v in 0..body.sig.params.len().min(norig) {
        def_pairs.push((v as u32, BlockId(0)));
    }
    // Counting sort: counts, running sums (each variable's end), then
    // filled backwards (each variable's start).
    for &(v, _) in &def_pairs {
        info[v as usize].start += 1;
    }
    for v in 1..=norig {
        info[v].start += info[v - 1].start;
    }
    let mut sites = vec![BlockId(0); def_pairs.len()];
    for &(v, b) in def_pairs.iter().rev() {
        info[v as usize].start -= 1;
        sites[info[v as usize].start as usize] = b;
    }
    let df = dom.frontiers(body);
    // Per block: the last variable given a phi there, and the last one
    // whose work list held it.
    let mut has_phi_in_work = vec![(u32::MAX, u32::MAX); n];
    let mut work = Vec::new();
    // Phis are created with their original variable as destination (in
    // variable order in each block); the renaming walk gives each a fresh
    // value.
    for blk in &mut body.blocks {
        blk.phis.clear();
    }
    for v in 0..norig {
        if !info[v].global || !body.promoted[v] {
            continue;
        }
        let stamp = v as u32;
        work.clear();
        for &b in &sites[info[v].start as usize..info[v + 1].start as usize] {
            if has_phi_in_work[b.index()].1 != stamp {
                has_phi_in_work[b.index()].1 = stamp;
                work.push(b);
            }
        }
        while let Some(b) = work.pop() {
            for &f in df.of(b) {
                let marks = &mut has_phi_in_work[f.index()];
                if marks.0 != stamp {
                    marks.0 = stamp;
                    let push = marks.1 != stamp;
                    marks.1 = stamp;
                    let fb = &mut body.blocks[f.index()];
                    fb.phis.push(Phi {
                        dst: VarId::new(v),
                        args: vec![Operand::Int(0); fb.preds.len()],
                    });
                    if push {
                        work.push(f);
                    }
                }
            }
        }
    }
}

/// The current value of every variable: one stack of all pushed values
/// (popped in reverse order when the walk leaves a block), each entry
/// linked to the variable's previous value.
struct Renamer {
    /// Per variable: its entry in `vals`, or `NO_VAL`.
    top: Vec<u32>,
    /// Value, the variable's previous entry, the variable.
    vals: Vec<(Operand, u32, VarId)>,
}

const NO_VAL: u32 = u32::MAX;

impl Renamer {
    #[inline]
    fn read(&self, body: &Body, v: VarId) -> Operand {
        match self.top[v.index()] {
            NO_VAL => zero_of(body.class_of(v)),
            k => self.vals[k as usize].0.clone(),
        }
    }
    #[inline]
    fn push(&mut self, v: VarId, x: Operand) {
        let prev = std::mem::replace(&mut self.top[v.index()], self.vals.len() as u32);
        self.vals.push((x, prev, v));
    }
    /// Pops back to `mark` entries.
    fn pop_to(&mut self, mark: usize) {
        while self.vals.len() > mark {
            if let Some((_, prev, v)) = self.vals.pop() {
                self.top[v.index()] = prev;
            }
        }
    }
}

fn is_value_operand(body: &Body, op: &Operand) -> bool {
    match op {
        Operand::Reg(v) => body.promoted[v.index()],
        Operand::Int(_) | Operand::Float(_) | Operand::Double(_) | Operand::LDouble(_) => true,
        Operand::Ref(_) | Operand::Str(_) | Operand::Mem(_) | Operand::Label(_) => false,
    }
}

/// Resolves the base and index of a memory operand to SSA values.
fn resolve_mem(body: &mut Body, r: &Renamer, m: &mut Mem, block_arg: bool, pre: &mut Vec<Insn>) {
    for which in 0..2 {
        let v = if which == 0 { m.base } else { m.index };
        let Some(v) = v else { continue };
        let x = if body.promoted[v.index()] {
            r.read(body, v)
        } else {
            // A non-promoted variable's current value: load it.
            let t = body.new_var(body.class_of(v));
            pre.push(Insn::with(
                mov_op(body.class_of(v)),
                [Operand::Reg(t), Operand::Reg(v)],
            ));
            Operand::Reg(t)
        };
        let reg = match x {
            Operand::Reg(t) => t,
            Operand::Int(c) if !block_arg => {
                if which == 0 {
                    m.base = None;
                    m.disp = m.disp.wrapping_add(c);
                } else {
                    m.index = None;
                    m.disp = m.disp.wrapping_add(c.wrapping_mul(m.scale as i64));
                }
                continue;
            }
            other => {
                let t = body.new_var(mirage_ir::Class::Int);
                pre.push(Insn::with(mirage_ir::Opcode::Mov, [Operand::Reg(t), other]));
                t
            }
        };
        if which == 0 {
            m.base = Some(reg);
        } else {
            m.index = Some(reg);
        }
    }
}

/// Renames one instruction, appending the result (with the loads and
/// stores split off) to `out`.
fn rename_insn(body: &mut Body, r: &mut Renamer, mut insn: Insn, out: &mut Vec<Insn>) {
    let fam = insn.op.family();
    let outs = outputs(body.module, &insn);
    let is_move = matches!(fam, Family::Move(_));
    let dest_promoted = is_move
        && matches!(insn.operands.first(), Some(Operand::Reg(d)) if body.promoted[d.index()]);
    // Loads split off go straight to `out`, before the instruction.
    let pre = out;
    let is_call = matches!(fam, Family::Call | Family::Inline | Family::JCall);
    let non_value_at = non_value_pos(fam);
    // Inputs.
    for i in 0..insn.operands.len() {
        let is_out = outs.contains(&i);
        // (Only register and memory operands are looked at below.)
        let non_value = non_value_at == Some(i);
        match &mut insn.operands[i] {
            Operand::Mem(m) => {
                // `is_block_arg`.
                let block_arg = is_call && m.ty.is_block();
                let mut m2 = **m;
                resolve_mem(body, r, &mut m2, block_arg, pre);
                // A new operand only when it changes.
                if m2 != **m {
                    insn.operands[i] = Operand::mem(m2);
                }
                if is_out || non_value || block_arg || (is_move && i == 1 && dest_promoted) {
                    continue;
                }
                let c = m2.ty.class();
                let t = body.new_var(c);
                // The operand (now `m2`) moves to the load.
                let src = std::mem::replace(&mut insn.operands[i], Operand::Reg(t));
                pre.push(Insn::with(mov_op(c), [Operand::Reg(t), src]));
            }
            Operand::Reg(v) => {
                let v = *v;
                if is_out || non_value {
                    continue;
                }
                if body.promoted[v.index()] {
                    insn.operands[i] = r.read(body, v);
                } else if !(is_move && i == 1 && dest_promoted) {
                    let c = body.class_of(v);
                    let t = body.new_var(c);
                    pre.push(Insn::with(mov_op(c), [Operand::Reg(t), Operand::Reg(v)]));
                    insn.operands[i] = Operand::Reg(t);
                }
            }
            _ => {}
        }
    }
    // Outputs.
    let src_is_value = is_move
        && insn
            .operands
            .get(1)
            .is_some_and(|s| is_value_operand(body, s));
    let mut keep = true;
    // Stores of outputs that stay in memory, after the instruction.
    let mut post: Vec<Insn> = Vec::new();
    // Definitions are pushed right away: every input was read above.
    for i in outs {
        match &insn.operands[i] {
            &Operand::Reg(v) if body.promoted[v.index()] => {
                if src_is_value {
                    r.push(v, insn.operands[1].clone());
                    keep = false;
                } else {
                    let t = body.new_var(body.class_of(v));
                    insn.operands[i] = Operand::Reg(t);
                    r.push(v, Operand::Reg(t));
                }
            }
            &Operand::Reg(v) if !src_is_value => {
                let c = body.class_of(v);
                let t = body.new_var(c);
                insn.operands[i] = Operand::Reg(t);
                post.push(Insn::with(mov_op(c), [Operand::Reg(v), Operand::Reg(t)]));
            }
            Operand::Mem(m) if !src_is_value => {
                let c = m.ty.class();
                let t = body.new_var(c);
                let dst = std::mem::replace(&mut insn.operands[i], Operand::Reg(t));
                post.push(Insn::with(mov_op(c), [dst, Operand::Reg(t)]));
            }
            _ => {}
        }
    }
    let out = pre;
    if keep {
        out.push(insn);
    }
    out.append(&mut post);
}

#[allow(clippy::needless_range_loop)] // phis and their variables in step
fn rename(body: &mut Body, dom: &DomTree) {
    let nvars = body.vars.len();
    let mut r = Renamer {
        top: vec![NO_VAL; nvars],
        vals: Vec::with_capacity(body.vars.capacity() - nvars + body.sig.params.len()),
    };
    for p in 0..body.sig.params.len().min(nvars) {
        if body.promoted[p] {
            r.push(VarId::new(p), Operand::Reg(VarId::new(p)));
        }
    }
    // Original variable of each phi (phi dsts are renamed): those of block
    // `b` are `phi_orig[phi_start[b]..]`, in phi order.
    let mut phi_start: Vec<u32> = Vec::with_capacity(body.blocks.len());
    let mut phi_orig: Vec<VarId> = Vec::new();
    for blk in &body.blocks {
        phi_start.push(phi_orig.len() as u32);
        phi_orig.extend(blk.phis.iter().map(|p| p.dst));
    }
    // Explicit-stack preorder walk: (block, entered?).
    let mut stack: Vec<(BlockId, usize)> = Vec::with_capacity(dom.rpo.len() + 1);
    stack.push((BlockId(0), usize::MAX));
    while let Some((b, mark)) = stack.pop() {
        if mark != usize::MAX {
            // Leaving b: pop what it pushed.
            r.pop_to(mark);
            continue;
        }
        let mark = r.vals.len();
        stack.push((b, mark));
        // Phis define new values.
        let first_phi = phi_start[b.index()] as usize;
        for k in 0..body.block(b).phis.len() {
            let v = phi_orig[first_phi + k];
            let t = body.new_var(body.class_of(v));
            body.block_mut(b).phis[k].dst = t;
            r.push(v, Operand::Reg(t));
        }
        let insns = std::mem::take(&mut body.block_mut(b).insns);
        // Room for the loads and stores of non-promoted variables, and for
        // what later passes insert (a fresh vector per block measured better
        // than one reused buffer copied back).
        let mut out = Vec::with_capacity(insns.len() * 2 + 2);
        for insn in insns {
            rename_insn(body, &mut r, insn, &mut out);
        }
        // The terminator reads only.
        let term = std::mem::replace(&mut body.block_mut(b).term, Term::Goto);
        let term = match term {
            Term::Cond(i) => Term::Cond(rename_term(body, &mut r, i, &mut out)),
            Term::Switch(i) => Term::Switch(rename_term(body, &mut r, i, &mut out)),
            Term::Ret(i) => Term::Ret(rename_term(body, &mut r, i, &mut out)),
            t => t,
        };
        let blk = body.block_mut(b);
        blk.insns = out;
        blk.term = term;
        // Phi arguments of successors.
        for si in 0..body.block(b).succs.len() {
            let s = body.block(b).succs[si];
            if body.block(b).succs[..si].contains(&s) {
                continue;
            }
            let first_phi = phi_start[s.index()] as usize;
            for k in 0..body.block(s).phis.len() {
                let val = r.read(body, phi_orig[first_phi + k]);
                let sb = body.block_mut(s);
                for j in 0..sb.preds.len() {
                    if sb.preds[j] == b {
                        sb.phis[k].args[j] = val.clone();
                    }
                }
            }
        }
        for &c in dom.children(b).iter().rev() {
            stack.push((c, usize::MAX));
        }
    }
}

fn rename_term(body: &mut Body, r: &mut Renamer, insn: Insn, out: &mut Vec<Insn>) -> Insn {
    rename_insn(body, r, insn, out);
    // The terminator itself is last; anything before it is a split-off load.
    out.pop().expect("terminator kept")
}

/// Removes phis whose arguments are all one value (or the phi itself),
/// until none is left. A phi equal to a constant becomes a `mov` of it
/// (see `repl.rs` for why the definition stays).
pub(crate) fn remove_trivial_phis(body: &mut Body) {
    if body.blocks.iter().all(|b| b.dead || b.phis.is_empty()) {
        return;
    }
    let mut repl = Repl::new(body.vars.len());
    loop {
        let mut changed = false;
        for bi in 0..body.blocks.len() {
            if body.blocks[bi].dead {
                continue;
            }
            let mut k = 0;
            while k < body.blocks[bi].phis.len() {
                let phi = &body.blocks[bi].phis[k];
                let me = Operand::Reg(phi.dst);
                let mut same: Option<Operand> = None;
                let mut trivial = true;
                for a in &phi.args {
                    let a = repl.operand(a);
                    if a == me || same.as_ref() == Some(&a) {
                        continue;
                    }
                    if same.is_some() {
                        trivial = false;
                        break;
                    }
                    same = Some(a);
                }
                if !trivial {
                    k += 1;
                    continue;
                }
                let phi = body.blocks[bi].phis.remove(k);
                let class = body.class_of(phi.dst);
                let x = same.unwrap_or_else(|| zero_of(class));
                repl.set(phi.dst, x.clone());
                if !matches!(x, Operand::Reg(_)) {
                    body.blocks[bi]
                        .insns
                        .insert(0, Insn::with(mov_op(class), [Operand::Reg(phi.dst), x]));
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    repl.apply(body);
}
