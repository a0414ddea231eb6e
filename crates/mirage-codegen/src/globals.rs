//! Hard-register `global`s in registers instruction selection uses as
//! scratch, and those whose address is taken (pass-free rewrite run before
//! `cfg`).
//!
//! A `global` bound to RAX, RCX or RDX cannot stay in its register for the
//! whole function: instruction selection writes RAX at almost every
//! instruction and RCX/RDX at shifts, divisions and calls. Such a global is
//! *isolated into moves* (as MIR's own generator does with every global):
//! the function works on a fresh local copy, and the hard register itself
//! is only read or written at the points where its value is observable —
//!
//! * on entry: `copy = reg`;
//! * before every `call`, `inline`, `jcall`, `ret` and `jret`:
//!   `reg = copy` (the callee or the caller sees the value);
//! * after every `call` and `inline`: `copy = reg` (the callee may have
//!   changed it).
//!
//! The ABI still owns these registers at those points: RAX carries the
//! number of vector registers to a variadic callee and an integer result
//! back, RCX and RDX carry the fourth and third integer arguments (and RDX
//! a second result). A value placed in the register before a call that
//! passes an argument there, or a return value, replaces the global's
//! value — as with GNU C global register variables in call-clobbered
//! registers, and as in MIR's generator.
//!
//! A `global` (bound to any register) whose address is taken (`addr*`) is
//! isolated the same way: the copy is an ordinary variable with its
//! address taken, so it lives in a frame slot the address points at, and
//! the register is synchronized with it at the same points. (Only the
//! prologue's early store differs: other registers are not clobbered by
//! parameter moves, so the entry copy reads the register itself.)

use mirage_ir::{Class, Family, Func, Insn, Module, Opcode, Operand, Var, VarId, VarKind};
use mirage_target::x64::Gpr;

/// Registers instruction selection uses as scratch (by name).
const SCRATCH: [&str; 3] = ["rax", "rcx", "rdx"];

/// The rewritten function and its isolated globals bound to [`SCRATCH`]
/// with their registers (instruction `k` of the result copies global `k`
/// on entry, for `k` below that list's length), or `None` when it binds
/// none of [`SCRATCH`] and takes the address of no `global`.
pub(crate) fn isolate(f: &Func, m: &Module) -> Option<(Func, Vec<(VarId, Gpr)>)> {
    let hard = |v: &Var| v.kind == VarKind::Global && v.hard_reg.is_some();
    if !f.vars.iter().any(hard) {
        return None;
    }
    let scratch = |v: &Var| hard(v) && v.hard_reg.as_deref().is_some_and(|r| SCRATCH.contains(&r));
    // Globals whose address is taken (`addr*`) are isolated too: the copy
    // gets a home slot like any variable whose address is taken, and the
    // global itself stays in its register (language-decisions.md).
    let mut addressed = vec![false; f.vars.len()];
    for insn in f.insns() {
        if let (Family::Addr { .. }, Some(Operand::Reg(v))) =
            (insn.op.family(), insn.operands.get(1))
        {
            if f.vars.get(v.index()).is_some_and(hard) {
                addressed[v.index()] = true;
            }
        }
    }
    // Scratch-register globals first (their entry copies lead the body).
    let bound: Vec<usize> = (0..f.vars.len())
        .filter(|&k| scratch(&f.vars[k]))
        .chain((0..f.vars.len()).filter(|&k| addressed[k] && !scratch(&f.vars[k])))
        .collect();
    if bound.is_empty() {
        return None;
    }
    let mut out = f.clone();
    // The copy of global `bound[k]`.
    let copies: Vec<VarId> = bound
        .iter()
        .map(|&g| {
            let id = VarId::new(out.vars.len());
            let var = &f.vars[g];
            out.vars.push(Var {
                name: format!("{}.hr", var.name),
                ty: var.ty,
                kind: VarKind::Local,
                hard_reg: None,
            });
            id
        })
        .collect();
    let rename = |op: &mut Operand| match op {
        Operand::Reg(v) => {
            if let Some(k) = bound.iter().position(|&g| g == v.index()) {
                *v = copies[k];
            }
        }
        Operand::Mem(m) => {
            // Unshared (copied) only when it changes.
            let (mut base, mut index) = (m.base, m.index);
            for r in [&mut base, &mut index].into_iter().flatten() {
                if let Some(k) = bound.iter().position(|&g| g == r.index()) {
                    *r = copies[k];
                }
            }
            if base != m.base || index != m.index {
                let m = std::sync::Arc::make_mut(m);
                m.base = base;
                m.index = index;
            }
        }
        _ => {}
    };
    let sync = |to_reg: bool, pos, skip: &[Operand]| {
        let skip = skip.to_vec();
        bound.iter().zip(&copies).filter_map(move |(&g, &c)| {
            if skip.contains(&Operand::Reg(c)) {
                return None;
            }
            let (d, s) = if to_reg {
                (VarId::new(g), c)
            } else {
                (c, VarId::new(g))
            };
            let op = match f.vars[g].ty.class() {
                Class::F => Opcode::FMov,
                Class::D => Opcode::DMov,
                _ => Opcode::Mov,
            };
            let mut i = Insn::with(op, [Operand::Reg(d), Operand::Reg(s)]);
            i.pos = pos;
            Some(i)
        })
    };
    let mut insns = Vec::with_capacity(f.num_insns() + 4);
    let pos0 = f.get_insn(0).map(|i| i.pos).unwrap_or(f.end_pos);
    insns.extend(sync(false, pos0, &[]));
    for insn in f.insns() {
        let mut insn = insn.to_insn();
        insn.operands.iter_mut().for_each(rename);
        let fam = insn.op.family();
        let call = matches!(fam, Family::Call | Family::Inline);
        if call || matches!(fam, Family::JCall | Family::Ret | Family::JRet) {
            insns.extend(sync(true, insn.pos, &[]));
        }
        let pos = insn.pos;
        // A global the call writes as a result keeps that result.
        let results = if call {
            let n = crate::cfg::call_nres(&insn.operands, m);
            insn.operands.get(2..2 + n).unwrap_or(&[]).to_vec()
        } else {
            Vec::new()
        };
        insns.push(insn);
        if call {
            insns.extend(sync(false, pos, &results));
        }
    }
    out.set_insns(insns);
    let entry = bound
        .iter()
        .filter(|&&g| scratch(&f.vars[g]))
        .map(|&g| {
            let r = match f.vars[g].hard_reg.as_deref() {
                Some("rax") => Gpr::Rax,
                Some("rcx") => Gpr::Rcx,
                _ => Gpr::Rdx,
            };
            (VarId::new(g), r)
        })
        .collect();
    Some((out, entry))
}
