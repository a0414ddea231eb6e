//! Integer variables whose upper 32 bits no instruction reads, and
//! variables that only ever hold sign-extended 32-bit values.
//!
//! The lowering keeps the results of 32-bit operations (`adds`, …)
//! sign-extended in their 64-bit locations, and extends `i32`/`u32`
//! parameters and call results on arrival. When every use of a variable
//! reads only its low 32 bits, those extensions are wasted: they are
//! skipped for the variables this analysis finds (`lo`).
//!
//! Uses that read only the low 32 bits: operands of 32-bit operations,
//! compares, branches and overflow operations; shift counts; extension
//! sources; `i32`, `u32` (and narrower) call arguments and results (the
//! call and the return extend them anyway); stores of at most 32 bits; and
//! `i2f`/`i2d` sources that only ever hold sign-extended 32-bit values
//! (`sx`: converted with the 32-bit form). A `mov x, v`, or a 64-bit
//! add/sub/mul/and/or/xor (lsh: its first operand) writing `x`, reads only
//! the low 32 bits of `v` when `x` is itself such a variable (the low half
//! of these results depends only on the low halves of their operands).
//! Every other use, and any variable that is a global, has a hard register
//! or is not an integer, counts as reading all 64 bits. The result is a
//! fixed point over the whole function (variables are not in SSA form, so
//! all their definitions share the answer).
//!
//! `sx`: every instruction writing the variable makes a sign-extended
//! 32-bit value (32-bit signed operations, `ext*` other than `uext32`,
//! narrow loads, small constants); parameters do not qualify.

use mirage_ir::opcode::{Family, IBinOp, OvfOp};
use mirage_ir::{Class, Func, ItemKind, Module, Operand, Type, VarId, VarKind};

fn narrow(t: Type) -> bool {
    matches!(
        t,
        Type::I8 | Type::U8 | Type::I16 | Type::U16 | Type::I32 | Type::U32
    )
}

/// The two per-variable answers of this module.
pub(crate) struct Low32 {
    /// Only the low 32 bits of the variable are ever read.
    pub lo: Vec<bool>,
    /// The variable only ever holds sign-extended 32-bit values.
    pub sx: Vec<bool>,
}

/// Computes [`Low32`] for `f`.
pub(crate) fn low32_vars(m: &Module, f: &Func) -> Low32 {
    let n = f.vars.len();
    let mut lo: Vec<bool> = f
        .vars
        .iter()
        .map(|v| v.kind != VarKind::Global && v.hard_reg.is_none() && v.ty.class() == Class::Int)
        .collect();
    let mut sx: Vec<bool> = f
        .vars
        .iter()
        .map(|v| v.kind == VarKind::Local && v.hard_reg.is_none() && v.ty.class() == Class::Int)
        .collect();
    // (v, x): v reads all 64 bits when x does.
    let mut deps: Vec<(u32, u32)> = Vec::with_capacity(f.num_insns());
    // Sources of `i2f`/`i2d`: low-32 reads if they turn out sign-extended.
    let mut conv: Vec<VarId> = Vec::new();
    let full = |lo: &mut Vec<bool>, op: &Operand| match op {
        Operand::Reg(v) => {
            if let Some(l) = lo.get_mut(v.index()) {
                *l = false;
            }
        }
        Operand::Mem(mm) => {
            for r in mm.base.iter().chain(mm.index.iter()) {
                if let Some(l) = lo.get_mut(r.index()) {
                    *l = false;
                }
            }
        }
        _ => {}
    };
    // A source read in its low half: a memory operand's address registers
    // are still read whole.
    let low_read = |lo: &mut Vec<bool>, op: &Operand| {
        if let Operand::Mem(_) = op {
            full(lo, op);
        }
    };
    // A destination: records whether the value written is sign-extended;
    // a memory operand's address registers are read whole.
    let def = |lo: &mut Vec<bool>, sx: &mut Vec<bool>, op: &Operand, makes_sx: bool| match op {
        Operand::Reg(v) => {
            if !makes_sx {
                if let Some(s) = sx.get_mut(v.index()) {
                    *s = false;
                }
            }
        }
        _ => full(lo, op),
    };
    let reg = |op: &Operand| match op {
        Operand::Reg(v) => Some(*v),
        _ => None,
    };
    for i in 0..f.num_insns() {
        let insn = f.insn(i);
        let ops = insn.operands;
        match insn.op.family() {
            Family::Move(Class::Int) if ops.len() == 2 => {
                let makes_sx = match &ops[1] {
                    Operand::Int(v) => i32::try_from(*v).is_ok(),
                    Operand::Mem(mm) => matches!(
                        mm.ty,
                        Type::I32 | Type::I16 | Type::U16 | Type::I8 | Type::U8
                    ),
                    _ => false,
                };
                def(&mut lo, &mut sx, &ops[0], makes_sx);
                match (&ops[0], reg(&ops[1])) {
                    (Operand::Reg(x), Some(v)) => deps.push((v.0, x.0)),
                    (Operand::Mem(mm), Some(_)) if narrow(mm.ty) => {}
                    _ => full(&mut lo, &ops[1]),
                }
            }
            Family::Ext { bits, signed } if ops.len() == 2 => {
                def(&mut lo, &mut sx, &ops[0], bits < 32 || signed);
                low_read(&mut lo, &ops[1]);
            }
            Family::IBin { op, w32 } if ops.len() == 3 => {
                let makes_sx = w32 && !matches!(op, IBinOp::UDiv | IBinOp::UMod | IBinOp::URsh);
                def(&mut lo, &mut sx, &ops[0], makes_sx);
                let shift = matches!(op, IBinOp::Lsh | IBinOp::Rsh | IBinOp::URsh);
                // 64-bit operations whose result's low half depends only on
                // the low halves of these operands.
                let low_result = match op {
                    IBinOp::Add
                    | IBinOp::Sub
                    | IBinOp::Mul
                    | IBinOp::And
                    | IBinOp::Or
                    | IBinOp::Xor => [true, true],
                    IBinOp::Lsh => [true, false],
                    _ => [false, false],
                };
                for (k, o) in ops.iter().enumerate().skip(1) {
                    if w32 || (shift && k == 2) {
                        low_read(&mut lo, o);
                        continue;
                    }
                    match (reg(o), reg(&ops[0])) {
                        (Some(v), Some(x)) if low_result[k - 1] => deps.push((v.0, x.0)),
                        _ => full(&mut lo, o),
                    }
                }
            }
            Family::Neg {
                class: Class::Int,
                w32,
            } if ops.len() == 2 => {
                def(&mut lo, &mut sx, &ops[0], w32);
                if w32 {
                    low_read(&mut lo, &ops[1]);
                } else {
                    full(&mut lo, &ops[1]);
                }
            }
            Family::Ovf { op, w32 } if ops.len() == 3 => {
                def(&mut lo, &mut sx, &ops[0], w32 && op != OvfOp::UMul);
                for o in &ops[1..] {
                    if w32 {
                        low_read(&mut lo, o);
                    } else {
                        full(&mut lo, o);
                    }
                }
            }
            Family::ICmp { w32, .. } if ops.len() == 3 => {
                def(&mut lo, &mut sx, &ops[0], false);
                for o in &ops[1..] {
                    if w32 {
                        low_read(&mut lo, o);
                    } else {
                        full(&mut lo, o);
                    }
                }
            }
            Family::BICmp { w32: true, .. } | Family::BTest { w32: true, .. } => {
                for o in &ops[1..] {
                    low_read(&mut lo, o);
                }
            }
            Family::Conv {
                from: Class::Int,
                to: Class::F | Class::D,
                unsigned: false,
            } if ops.len() == 2 => {
                full(&mut lo, &ops[0]);
                match reg(&ops[1]) {
                    Some(v) => conv.push(v),
                    None => full(&mut lo, &ops[1]),
                }
            }
            Family::Call | Family::Inline => {
                let proto = match ops.first() {
                    Some(Operand::Ref(id)) if id.index() < m.items.len() => {
                        match &m.item(*id).kind {
                            ItemKind::Proto(p) => Some(p),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                let Some(p) = proto else {
                    crate::cfg::for_each_var(insn, m, |v, is_def| {
                        if is_def {
                            sx[v.index()] = false;
                        } else {
                            lo[v.index()] = false;
                        }
                    });
                    continue;
                };
                let nres = p.results.len();
                for (k, o) in ops.iter().enumerate().skip(1) {
                    if k >= 2 && k < 2 + nres {
                        def(&mut lo, &mut sx, o, false);
                        continue;
                    }
                    let arg_narrow =
                        k >= 2 + nres && p.params.get(k - 2 - nres).is_some_and(|q| narrow(q.ty));
                    if !(arg_narrow && reg(o).is_some()) {
                        full(&mut lo, o);
                    }
                }
            }
            Family::Ret => {
                for (k, o) in ops.iter().enumerate() {
                    let ok = f.sig.results.get(k).is_some_and(|t| narrow(*t));
                    if !(ok && reg(o).is_some()) {
                        full(&mut lo, o);
                    }
                }
            }
            _ => crate::cfg::for_each_var(insn, m, |v, is_def| {
                if is_def {
                    sx[v.index()] = false;
                } else {
                    lo[v.index()] = false;
                }
            }),
        }
    }
    for v in conv {
        if !sx[v.index()] {
            lo[v.index()] = false;
        }
    }
    // Propagate "reads all 64 bits" backwards through the dependencies:
    // a few sweeps over them (latest first: copies usually flow forward)
    // settle nearly every function without building anything; long
    // chains fall back to a worklist.
    let mut changed = true;
    for _ in 0..4 {
        if !changed {
            return Low32 { lo, sx };
        }
        changed = false;
        for &(v, x) in deps.iter().rev() {
            if (x as usize) < n && !lo[x as usize] && lo[v as usize] {
                lo[v as usize] = false;
                changed = true;
            }
        }
    }
    if !changed {
        return Low32 { lo, sx };
    }
    // The variables depending on each x: `by_x[start[x]..start[x + 1]]`.
    let mut start = vec![0u32; n + 1];
    for &(_, x) in &deps {
        if (x as usize) < n {
            start[x as usize + 1] += 1;
        }
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut by_x = vec![0u32; start[n] as usize];
    for &(v, x) in &deps {
        if (x as usize) < n {
            by_x[fill[x as usize] as usize] = v;
            fill[x as usize] += 1;
        }
    }
    let mut work: Vec<u32> = (0..n as u32).filter(|&x| !lo[x as usize]).collect();
    while let Some(x) = work.pop() {
        for &v in &by_x[start[x as usize] as usize..start[x as usize + 1] as usize] {
            if lo[v as usize] {
                lo[v as usize] = false;
                work.push(v);
            }
        }
    }
    Low32 { lo, sx }
}
