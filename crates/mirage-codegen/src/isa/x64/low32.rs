//! Integer variables whose upper 32 bits no instruction reads.
//!
//! The lowering keeps the results of 32-bit operations (`adds`, …)
//! sign-extended in their 64-bit locations, and extends `i32`/`u32`
//! parameters and call results on arrival. When every use of a variable
//! reads only its low 32 bits, those extensions are wasted: they are
//! skipped for the variables this analysis finds.
//!
//! Uses that read only the low 32 bits: operands of 32-bit add, sub, mul,
//! and, or, xor, lsh, compares and compare-branches; extensions; `i32`,
//! `u32` (and narrower) call arguments and results (the call and the
//! return extend them anyway); stores of at most 32 bits. A `mov x, v`, or
//! a 64-bit add/sub/mul/and/or/xor (lsh: its first operand) writing `x`,
//! reads only the low 32 bits of `v` when `x` is itself such a variable
//! (the low half of these results depends only on the low halves of their
//! operands). Every other use, and any variable whose address is taken,
//! that is a hard-register global or not an integer, counts as reading all
//! 64 bits. The result is a fixed point over the whole function (variables
//! are not in SSA form, so all their definitions share the answer).

use mirage_ir::opcode::{Family, IBinOp};
use mirage_ir::{Class, Func, ItemKind, Module, Operand, Type, VarKind};

fn narrow(t: Type) -> bool {
    matches!(
        t,
        Type::I8 | Type::U8 | Type::I16 | Type::U16 | Type::I32 | Type::U32
    )
}

/// Per variable: only its low 32 bits are ever read.
pub(crate) fn low32_vars(m: &Module, f: &Func) -> Vec<bool> {
    let n = f.vars.len();
    let mut low: Vec<bool> = f
        .vars
        .iter()
        .map(|v| v.kind != VarKind::Global && v.hard_reg.is_none() && v.ty.class() == Class::Int)
        .collect();
    // (v, x): v reads all 64 bits when x does.
    let mut deps: Vec<(u32, u32)> = Vec::with_capacity(f.num_insns());
    let full = |low: &mut Vec<bool>, op: &Operand| match op {
        Operand::Reg(v) => {
            if let Some(l) = low.get_mut(v.index()) {
                *l = false;
            }
        }
        Operand::Mem(mm) => {
            for r in mm.base.iter().chain(mm.index.iter()) {
                if let Some(l) = low.get_mut(r.index()) {
                    *l = false;
                }
            }
        }
        _ => {}
    };
    // A destination: only a memory operand's address registers are read.
    let def = |low: &mut Vec<bool>, op: &Operand| {
        if let Operand::Mem(_) = op {
            full(low, op);
        }
    };
    let reg = |op: &Operand| match op {
        Operand::Reg(v) => Some(*v),
        _ => None,
    };
    for insn in f.insns() {
        let ops = insn.operands;
        match insn.op.family() {
            Family::Move(Class::Int) if ops.len() == 2 => {
                def(&mut low, &ops[0]);
                match (&ops[0], reg(&ops[1])) {
                    (Operand::Reg(x), Some(v)) => deps.push((v.0, x.0)),
                    (Operand::Mem(mm), Some(_)) if narrow(mm.ty) => {}
                    _ => full(&mut low, &ops[1]),
                }
            }
            Family::Ext { .. } if ops.len() == 2 => {
                def(&mut low, &ops[0]);
                if reg(&ops[1]).is_none() {
                    full(&mut low, &ops[1]);
                }
            }
            Family::IBin { op, w32 }
                if ops.len() == 3
                    && matches!(
                        op,
                        IBinOp::Add
                            | IBinOp::Sub
                            | IBinOp::Mul
                            | IBinOp::And
                            | IBinOp::Or
                            | IBinOp::Xor
                            | IBinOp::Lsh
                    ) =>
            {
                def(&mut low, &ops[0]);
                for (k, o) in ops.iter().enumerate().skip(1) {
                    match reg(o) {
                        Some(_) if w32 => {}
                        Some(v) if !(op == IBinOp::Lsh && k == 2) => match reg(&ops[0]) {
                            Some(x) => deps.push((v.0, x.0)),
                            None => full(&mut low, o),
                        },
                        _ => full(&mut low, o),
                    }
                }
            }
            Family::ICmp { w32: true, .. } if ops.len() == 3 => {
                def(&mut low, &ops[0]);
                for o in &ops[1..] {
                    if reg(o).is_none() {
                        full(&mut low, o);
                    }
                }
            }
            Family::BICmp { w32: true, .. } | Family::BTest { w32: true, .. } => {
                for o in &ops[1..] {
                    if reg(o).is_none() {
                        full(&mut low, o);
                    }
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
                    for o in ops {
                        full(&mut low, o);
                    }
                    continue;
                };
                let nres = p.results.len();
                for (k, o) in ops.iter().enumerate() {
                    if k == 0 {
                        continue;
                    }
                    if k >= 2 && k < 2 + nres {
                        def(&mut low, o);
                        continue;
                    }
                    let arg_narrow =
                        k >= 2 + nres && p.params.get(k - 2 - nres).is_some_and(|q| narrow(q.ty));
                    if !(arg_narrow && reg(o).is_some()) {
                        full(&mut low, o);
                    }
                }
            }
            Family::Ret => {
                for (k, o) in ops.iter().enumerate() {
                    let ok = f.sig.results.get(k).is_some_and(|t| narrow(*t));
                    if !(ok && reg(o).is_some()) {
                        full(&mut low, o);
                    }
                }
            }
            _ => {
                for o in ops {
                    full(&mut low, o);
                }
            }
        }
    }
    // Propagate "reads all 64 bits" backwards through the dependencies.
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
    let mut work: Vec<u32> = (0..n as u32).filter(|&x| !low[x as usize]).collect();
    while let Some(x) = work.pop() {
        for &v in &by_x[start[x as usize] as usize..start[x as usize + 1] as usize] {
            if low[v as usize] {
                low[v as usize] = false;
                work.push(v);
            }
        }
    }
    low
}
