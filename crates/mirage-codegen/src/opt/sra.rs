//! The `sra` pass: scalar replacement of `alloca` blocks.
//!
//! Runs after `inline`, before SSA. A block `alloca v, SIZE` (constant size)
//! whose address never escapes — `v` has that one definition and appears
//! only as the base of index-free memory operands at constant offsets
//! inside the block, never as a value, an index, a call's block argument or
//! `addr`'s operand — is split into one variable per accessed field
//! (offset and type). Each access becomes the variable itself; a write of
//! a narrow integer field is followed by the extension a load of that
//! field would perform, so the variable always holds what a load would
//! give. No other memory operand can reach such a block, so the
//! replacement is exact; reading a field never written gives the zero of
//! its class instead of stack garbage (undefined behaviour either way).
//!
//! A block is left in memory when two accesses overlap without being the
//! same field, or read the same bytes with different representations
//! (`i64` and `d`, `i32` and `u32`; `i64`, `u64` and `p` are one), or go
//! out of its bounds, or it has more than [`MAX_FIELDS`] fields; `ld`
//! fields are not replaced. This is what turns small structs passed by
//! value into registers once `inline` has copied them field by field.
//!
//! When no `alloca` is left in the function afterwards, `bstart`/`bend`
//! cannot move the stack any more: the `bend`s are dropped, and the
//! `bstart`s whose result nothing else reads.

use super::ir::{ext_op, is_non_value, mov_op, outputs, Body, Term};
use mirage_ir::opcode::Family;
use mirage_ir::{Class, Insn, Opcode, Operand, Type, VarId, VarKind};

/// A block with more fields than this stays in memory.
pub(crate) const MAX_FIELDS: usize = 32;

/// Whether `t` is a field type this pass (and `inline`'s field copies)
/// handles.
pub(crate) fn field_type(t: Type) -> bool {
    t.is_int() || matches!(t, Type::F | Type::D)
}

/// The representative of the types that read the same bytes the same way.
fn repr(t: Type) -> Type {
    match t {
        Type::U64 | Type::P => Type::I64,
        t => t,
    }
}

/// Sorts and checks the accesses `(offset, type)` to a block of `size`
/// bytes: the distinct fields, or `None` if they overlap, disagree, leave
/// the block or are too many.
pub(crate) fn fields(mut acc: Vec<(i64, Type)>, size: i64) -> Option<Vec<(i64, Type)>> {
    for a in &mut acc {
        a.1 = repr(a.1);
    }
    acc.sort_unstable_by_key(|&(d, t)| (d, t as u8));
    acc.dedup();
    if acc.len() > MAX_FIELDS {
        return None;
    }
    let mut end = 0i64;
    for &(d, t) in &acc {
        let w = t.size() as i64;
        if d < end || d < 0 || d.checked_add(w)? > size {
            return None;
        }
        end = d + w;
    }
    Some(acc)
}

/// What an operand occurrence of a variable is, for escape analysis: a
/// field access `(offset, type)` when it is the base of a plain memory
/// operand that can become a variable, else `None` (an escape).
pub(crate) fn field_access(
    insn: &Insn,
    i: usize,
    outs: &std::ops::Range<usize>,
) -> Option<(i64, Type)> {
    let Operand::Mem(m) = &insn.operands[i] else {
        return None;
    };
    if m.index.is_some() || !field_type(m.ty) || is_non_value(insn, i) {
        return None;
    }
    match insn.op.family() {
        Family::VaArg | Family::VaBlockArg | Family::VaStart | Family::VaEnd => return None,
        // An extension after a narrow store would stand between the
        // overflow instruction and its branch.
        Family::Ovf { .. } if outs.contains(&i) && ext_op(m.ty).is_some() => return None,
        _ => {}
    }
    Some((m.disp, m.ty))
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Not an `alloca` block (or escapes).
    No,
    /// Defined by one `alloca` of this size, no escape seen yet.
    Cand(i64),
}

pub(crate) fn run(body: &mut Body) {
    // Most functions have neither `alloca` nor `va_arg`: one scan, no
    // allocation.
    let relevant = body.blocks.iter().filter(|b| !b.dead).any(|b| {
        b.insns
            .iter()
            .any(|i| matches!(i.op.family(), Family::Alloca | Family::VaArg))
    });
    if !relevant {
        return;
    }
    expand_va(body);
    let nv = body.vars.len();
    let nparams = body.sig.params.len();
    let mut state = vec![State::No; nv];
    let mut any = false;
    // Candidates: locals defined by a constant-size alloca (once).
    let mut defs = vec![0u32; nv];
    for b in body.live_blocks() {
        for insn in &body.block(b).insns {
            if insn.op.family() != Family::Alloca {
                continue;
            }
            let Some(Operand::Reg(v)) = insn.operands.first() else {
                continue;
            };
            let vi = v.index();
            defs[vi] += 1;
            let local = vi >= nparams && body.vars[vi].kind == VarKind::Local;
            match insn.operands.get(1) {
                Some(Operand::Int(s)) if local && *s > 0 && *s <= 1 << 20 && defs[vi] == 1 => {
                    state[vi] = State::Cand(*s);
                    any = true;
                }
                _ => state[vi] = State::No,
            }
        }
    }
    if !any {
        return;
    }
    // Escape analysis and field collection.
    let mut acc: Vec<Vec<(i64, Type)>> = vec![Vec::new(); nv];
    let cand = |state: &[State], v: VarId| matches!(state[v.index()], State::Cand(_));
    for b in body.live_blocks() {
        let blk = body.block(b);
        for insn in blk.all_insns() {
            let outs = outputs(body.module, insn);
            let is_alloca = insn.op.family() == Family::Alloca;
            for (i, op) in insn.operands.iter().enumerate() {
                match op {
                    Operand::Reg(v) if cand(&state, *v) && !(is_alloca && i == 0) => {
                        state[v.index()] = State::No;
                    }
                    Operand::Mem(m) => {
                        if let Some(x) = m.index {
                            if cand(&state, x) {
                                state[x.index()] = State::No;
                            }
                        }
                        if let Some(v) = m.base {
                            if cand(&state, v) {
                                match field_access(insn, i, &outs) {
                                    Some(f) => acc[v.index()].push(f),
                                    None => state[v.index()] = State::No,
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    // The fields of each replaced block, sorted by offset, with their
    // variables.
    let mut slots: Vec<Vec<(i64, Type, VarId)>> = vec![Vec::new(); nv];
    let mut replaced = false;
    for v in 0..nv {
        let State::Cand(size) = state[v] else {
            continue;
        };
        match fields(std::mem::take(&mut acc[v]), size) {
            Some(f) => {
                slots[v] = f
                    .into_iter()
                    .map(|(d, t)| (d, t, body.new_var(t.class())))
                    .collect();
                replaced = true;
            }
            None => state[v] = State::No,
        }
    }
    if !replaced {
        return;
    }
    let lookup = |m: &mirage_ir::Mem| -> Option<(VarId, Type)> {
        let v = m.base?;
        if m.index.is_some() || !matches!(state.get(v.index()), Some(State::Cand(_))) {
            return None;
        }
        let s = &slots[v.index()];
        let k = s.binary_search_by_key(&m.disp, |e| e.0).ok()?;
        Some((s[k].2, m.ty))
    };
    let blocks: Vec<_> = body.live_blocks().collect();
    let module = body.module;
    for b in blocks {
        let blk = body.block_mut(b);
        let old = std::mem::take(&mut blk.insns);
        let mut new = Vec::with_capacity(old.len());
        for mut insn in old {
            if insn.op.family() == Family::Alloca {
                if let Some(Operand::Reg(v)) = insn.operands.first() {
                    if matches!(state[v.index()], State::Cand(_)) {
                        continue;
                    }
                }
            }
            let outs = outputs(module, &insn);
            // Extensions after narrow writes (a call may write several).
            let mut exts = Vec::new();
            for i in 0..insn.operands.len() {
                let Operand::Mem(m) = &insn.operands[i] else {
                    continue;
                };
                let Some((s, ty)) = lookup(m) else { continue };
                if outs.contains(&i) {
                    exts.extend(ext_op(ty).map(|o| (o, s)));
                }
                insn.operands[i] = Operand::Reg(s);
            }
            new.push(insn);
            for (o, s) in exts {
                new.push(Insn::with(o, [Operand::Reg(s), Operand::Reg(s)]));
            }
        }
        blk.insns = new;
        if let Term::Cond(insn) | Term::Switch(insn) | Term::Ret(insn) = &mut blk.term {
            for op in &mut insn.operands {
                if let Operand::Mem(m) = op {
                    if let Some((s, _)) = lookup(m) {
                        *op = Operand::Reg(s);
                    }
                }
            }
        }
    }
    drop_brackets(body);
}

/// Without `alloca`, `bstart`/`bend` cannot move the stack: drops the
/// `bend`s and the `bstart`s whose result is read by nothing else.
fn drop_brackets(body: &mut Body) {
    let mut other_use = vec![false; body.vars.len()];
    for b in body.live_blocks() {
        let blk = body.block(b);
        for insn in blk.all_insns() {
            match insn.op.family() {
                Family::Alloca => return,
                Family::BEnd | Family::BStart => continue,
                _ => {}
            }
            for op in &insn.operands {
                match op {
                    Operand::Reg(v) => other_use[v.index()] = true,
                    Operand::Mem(m) => {
                        for v in m.base.iter().chain(m.index.iter()) {
                            other_use[v.index()] = true;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    let blocks: Vec<_> = body.live_blocks().collect();
    for b in blocks {
        body.block_mut(b)
            .insns
            .retain(|insn| match insn.op.family() {
                Family::BEnd => false,
                Family::BStart => match insn.operands.first() {
                    Some(Operand::Reg(v)) => other_use[v.index()],
                    _ => true,
                },
                _ => true,
            });
    }
}

/// The move opcode for a field of type `t`.
pub(crate) fn field_mov(t: Type) -> Opcode {
    mov_op(if field_type(t) { t.class() } else { Class::Int })
}

/// `va_list` blocks (x86-64: `gp_offset` u32 at 0, `fp_offset` u32 at 4,
/// `overflow_arg_area` at 8, `reg_save_area` at 16) used only by
/// `va_start`, `va_arg` and `va_end`: each `va_arg` is expanded into MIR
/// (the same test and updates instruction selection emits) working on a
/// second, private block (the four fields as 64-bit values at 0, 8, 16,
/// 24) that `va_start` is followed by a copy into, so that `sra` can keep
/// the offsets and pointers in registers. `va_end` does nothing
/// on x86-64 and is dropped; `va_start` keeps writing the original block.
fn expand_va(body: &mut Body) {
    let nv = body.vars.len();
    let nparams = body.sig.params.len();
    let mut cand = vec![false; nv];
    let mut any = false;
    for b in body.live_blocks() {
        for insn in &body.block(b).insns {
            if insn.op.family() == Family::VaArg {
                if let Some(Operand::Reg(v)) = insn.operands.get(1) {
                    cand[v.index()] = true;
                    any = true;
                }
            }
        }
    }
    if !any {
        return;
    }
    let mut allocas = vec![0u32; nv];
    for b in body.live_blocks() {
        let blk = body.block(b);
        for insn in blk.all_insns() {
            let fam = insn.op.family();
            for (i, op) in insn.operands.iter().enumerate() {
                match op {
                    Operand::Reg(v) if cand[v.index()] => {
                        let ok = match (fam, i) {
                            (Family::Alloca, 0) => {
                                allocas[v.index()] += 1;
                                matches!(insn.operands.get(1), Some(Operand::Int(s)) if *s >= 24)
                            }
                            (Family::VaStart | Family::VaEnd, 0) => true,
                            (Family::VaArg, 1) => matches!(
                                insn.operands.get(2),
                                Some(Operand::Mem(m)) if field_type(m.ty)
                            ),
                            _ => false,
                        };
                        if !ok {
                            cand[v.index()] = false;
                        }
                    }
                    Operand::Mem(m) => {
                        for v in m.base.iter().chain(m.index.iter()) {
                            cand[v.index()] = false;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    for (v, c) in cand.iter_mut().enumerate() {
        let local = v >= nparams && body.vars[v].kind == VarKind::Local;
        *c = *c && local && allocas[v] == 1;
    }
    if !cand.iter().any(|&c| c) {
        return;
    }
    // The copy each candidate gets.
    let mut copy: Vec<Option<VarId>> = vec![None; nv];
    for (v, &c) in cand.iter().enumerate() {
        if c {
            copy[v] = Some(body.new_var(Class::Int));
        }
    }
    let fld = |t: Type, d: i64, b: VarId| Operand::mem(mirage_ir::Mem::new(t, d, Some(b), None, 1));
    // The copy's own layout: the four fields as 64-bit values (the
    // offsets zero-extended), so that updates need no extension.
    let fields = [
        (Type::U32, 0, 0),
        (Type::U32, 4, 8),
        (Type::I64, 8, 16),
        (Type::I64, 16, 24),
    ];
    let copy_of = |op: Option<&Operand>| match op {
        Some(Operand::Reg(v)) => copy.get(v.index()).copied().flatten(),
        _ => None,
    };
    // va_start, va_end and the copies' allocas.
    let blocks: Vec<_> = body.live_blocks().collect();
    for &b in &blocks {
        let old = std::mem::take(&mut body.block_mut(b).insns);
        let mut new = Vec::with_capacity(old.len());
        for insn in old {
            let fam = insn.op.family();
            let Some(c) = copy_of(insn.operands.first()) else {
                new.push(insn);
                continue;
            };
            let Operand::Reg(v) = insn.operands[0] else {
                unreachable!()
            };
            match fam {
                Family::Alloca => {
                    new.push(insn);
                    new.push(Insn::with(
                        Opcode::Alloca,
                        [Operand::Reg(c), Operand::Int(32)],
                    ));
                }
                Family::VaStart => {
                    new.push(insn);
                    for (t, d, to) in fields {
                        new.push(Insn::with(
                            Opcode::Mov,
                            [fld(Type::I64, to, c), fld(t, d, v)],
                        ));
                    }
                }
                Family::VaEnd => {}
                _ => new.push(insn),
            }
        }
        body.block_mut(b).insns = new;
    }
    // va_arg: split the block at each one.
    let mut bi = 0;
    while bi < body.blocks.len() {
        let b = super::ir::BlockId(bi as u32);
        bi += 1;
        if body.block(b).dead {
            continue;
        }
        let mut k = 0;
        while k < body.block(b).insns.len() {
            let insn = &body.block(b).insns[k];
            let c = match insn.op.family() {
                Family::VaArg => copy_of(insn.operands.get(1)),
                _ => None,
            };
            let Some(c) = c else {
                k += 1;
                continue;
            };
            let insn = insn.clone();
            let ty = match insn.operands.get(2) {
                Some(Operand::Mem(m)) => m.ty,
                _ => unreachable!("checked"),
            };
            let (off, limit, step) = if matches!(ty, Type::F | Type::D) {
                (8, 160, 16)
            } else {
                (0, 40, 8)
            };
            let r = body.new_var(Class::Int);
            let g = body.new_var(Class::Int);
            let t = body.new_var(Class::Int);
            let rsa = body.new_var(Class::Int);
            let reg = |v: VarId| Operand::Reg(v);
            let cont = body.new_block();
            let in_regs = body.new_block();
            let on_stack = body.new_block();
            let rest: Vec<Insn> = body.block_mut(b).insns.drain(k + 1..).collect();
            body.block_mut(b).insns.pop();
            let term = std::mem::replace(&mut body.block_mut(b).term, Term::Goto);
            let succs = std::mem::take(&mut body.block_mut(b).succs);
            {
                let cb = body.block_mut(cont);
                cb.insns = vec![Insn::with(Opcode::Mov, [insn.operands[0].clone(), reg(r)])];
                cb.insns.extend(rest);
                cb.term = term;
                cb.succs = succs;
            }
            {
                let blk = body.block_mut(b);
                blk.insns
                    .push(Insn::with(Opcode::Mov, [reg(g), fld(Type::I64, off, c)]));
                blk.term = Term::Cond(Insn::with(
                    Opcode::UBgt,
                    [
                        Operand::Label(mirage_ir::LabelId(0)),
                        reg(g),
                        Operand::Int(limit),
                    ],
                ));
                blk.succs = vec![in_regs, on_stack];
            }
            {
                let blk = body.block_mut(in_regs);
                blk.insns = vec![
                    Insn::with(Opcode::Mov, [reg(rsa), fld(Type::I64, 24, c)]),
                    Insn::with(Opcode::Add, [reg(r), reg(rsa), reg(g)]),
                    Insn::with(Opcode::Add, [reg(t), reg(g), Operand::Int(step)]),
                    Insn::with(Opcode::Mov, [fld(Type::I64, off, c), reg(t)]),
                ];
                blk.succs = vec![cont];
            }
            {
                let blk = body.block_mut(on_stack);
                blk.insns = vec![
                    Insn::with(Opcode::Mov, [reg(r), fld(Type::I64, 16, c)]),
                    Insn::with(Opcode::Add, [reg(t), reg(r), Operand::Int(8)]),
                    Insn::with(Opcode::Mov, [fld(Type::I64, 16, c), reg(t)]),
                ];
                blk.succs = vec![cont];
            }
            // The rest of the block is scanned as `cont`.
            break;
        }
    }
    body.compute_preds();
}
