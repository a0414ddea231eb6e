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

use super::ir::{is_non_value, mov_op, outputs, Body, Term};
use mirage_ir::opcode::Family;
use mirage_ir::{Class, Insn, Opcode, Operand, Type, VarId, VarKind};

/// A block with more fields than this stays in memory.
pub(crate) const MAX_FIELDS: usize = 32;

/// Whether `t` is a field type this pass (and `inline`'s field copies)
/// handles.
pub(crate) fn field_type(t: Type) -> bool {
    matches!(
        t,
        Type::I8
            | Type::U8
            | Type::I16
            | Type::U16
            | Type::I32
            | Type::U32
            | Type::I64
            | Type::U64
            | Type::P
            | Type::F
            | Type::D
    )
}

/// The representative of the types that read the same bytes the same way.
fn repr(t: Type) -> Type {
    match t {
        Type::U64 | Type::P => Type::I64,
        t => t,
    }
}

/// The extension a load of `t` performs after a narrow store.
fn ext_of(t: Type) -> Option<Opcode> {
    match t {
        Type::I8 => Some(Opcode::Ext8),
        Type::U8 => Some(Opcode::UExt8),
        Type::I16 => Some(Opcode::Ext16),
        Type::U16 => Some(Opcode::UExt16),
        Type::I32 => Some(Opcode::Ext32),
        Type::U32 => Some(Opcode::UExt32),
        _ => None,
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
        Family::Ovf { .. } if outs.contains(&i) && ext_of(m.ty).is_some() => return None,
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
        let term = match &blk.term {
            Term::Cond(i) | Term::Switch(i) | Term::Ret(i) => Some(i),
            _ => None,
        };
        for insn in blk.insns.iter().chain(term) {
            let outs = outputs(body.module, insn);
            let is_alloca = insn.op.family() == Family::Alloca;
            for (i, op) in insn.operands.iter().enumerate() {
                match op {
                    Operand::Reg(v) if cand(&state, *v) => {
                        if !(is_alloca && i == 0) {
                            state[v.index()] = State::No;
                        }
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
            let mut ext = None;
            for i in 0..insn.operands.len() {
                let Operand::Mem(m) = &insn.operands[i] else {
                    continue;
                };
                let Some((s, ty)) = lookup(m) else { continue };
                if outs.contains(&i) {
                    ext = ext_of(ty).map(|o| (o, s));
                }
                insn.operands[i] = Operand::Reg(s);
            }
            new.push(insn);
            if let Some((o, s)) = ext {
                new.push(Insn::new(o, vec![Operand::Reg(s), Operand::Reg(s)]));
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
        let term = match &blk.term {
            Term::Cond(i) | Term::Switch(i) | Term::Ret(i) => Some(i),
            _ => None,
        };
        for insn in blk.insns.iter().chain(term) {
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
