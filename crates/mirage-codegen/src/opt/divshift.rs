//! The `div-shift` pass: signed division and remainder by a power of two
//! become shifts (on SSA form).
//!
//! `div x, 2^k` rounds toward zero, an arithmetic shift toward minus
//! infinity: negative dividends get `2^k - 1` added first. With `s` the
//! sign of `x` (`rsh x, 63`: 0 or -1) and `b = ursh s, 64 - k` (0 or
//! `2^k - 1`; for `k = 1` directly `ursh x, 63`):
//!
//! ```text
//! div d, x, 2^k   =>  y = add x, b;  d = rsh y, k
//! mod d, x, 2^k   =>  y = add x, b;  m = and y, -2^k;  d = sub x, m
//! ```
//!
//! The 32-bit forms use `rshs`, `urshs`, `adds`, `ands`, `subs` with 31
//! and 32: they read the low halves and sign-extend their results, as
//! `divs`/`mods` do. `x + b` cannot overflow (`b` is 0 unless `x` is
//! negative). A division by `2^k` never traps, so nothing is lost; an
//! integer divide costs tens of cycles, these four instructions a few.

use super::ir::Body;
use mirage_ir::opcode::{Family, IBinOp};
use mirage_ir::{Insn, Opcode, Operand};

pub(crate) fn run(body: &mut Body) {
    for bi in 0..body.blocks.len() {
        let b = super::ir::BlockId(bi as u32);
        if body.block(b).dead || !body.block(b).insns.iter().any(|i| pow2_div(i).is_some()) {
            continue;
        }
        let old = std::mem::take(&mut body.block_mut(b).insns);
        let mut out = Vec::with_capacity(old.len() + 8);
        for insn in old {
            let Some((k, w32, rem)) = pow2_div(&insn) else {
                out.push(insn);
                continue;
            };
            let (d, x) = (insn.operands[0].clone(), insn.operands[1].clone());
            let bits = if w32 { 32 } else { 64 };
            let (rsh, ursh, add, and, sub) = if w32 {
                (
                    Opcode::RshS,
                    Opcode::URshS,
                    Opcode::AddS,
                    Opcode::AndS,
                    Opcode::SubS,
                )
            } else {
                (
                    Opcode::Rsh,
                    Opcode::URsh,
                    Opcode::Add,
                    Opcode::And,
                    Opcode::Sub,
                )
            };
            let mut emit = |op: Opcode, ops: Vec<Operand>| {
                let mut i = Insn::new(op, ops);
                i.pos = insn.pos;
                out.push(i);
            };
            let bias = Operand::Reg(body.new_var(mirage_ir::Class::Int));
            if k == 1 {
                emit(ursh, vec![bias.clone(), x.clone(), Operand::Int(bits - 1)]);
            } else {
                let sign = Operand::Reg(body.new_var(mirage_ir::Class::Int));
                emit(rsh, vec![sign.clone(), x.clone(), Operand::Int(bits - 1)]);
                emit(ursh, vec![bias.clone(), sign, Operand::Int(bits - k)]);
            }
            let y = Operand::Reg(body.new_var(mirage_ir::Class::Int));
            emit(add, vec![y.clone(), x.clone(), bias]);
            if rem {
                let m = Operand::Reg(body.new_var(mirage_ir::Class::Int));
                emit(and, vec![m.clone(), y, Operand::Int(-(1i64 << k))]);
                emit(sub, vec![d, x, m]);
            } else {
                emit(rsh, vec![d, y, Operand::Int(k)]);
            }
        }
        body.block_mut(b).insns = out;
    }
}

/// `(k, w32, remainder)` for `div`/`mod` (or `divs`/`mods`) of an SSA value
/// by the constant `2^k`, `k >= 1`.
fn pow2_div(insn: &Insn) -> Option<(i64, bool, bool)> {
    let Family::IBin { op, w32 } = insn.op.family() else {
        return None;
    };
    let rem = match op {
        IBinOp::Div => false,
        IBinOp::Mod => true,
        _ => return None,
    };
    let Some(Operand::Int(c)) = insn.operands.get(2) else {
        return None;
    };
    let c = if w32 { *c as i32 as i64 } else { *c };
    if c < 2 || !(c as u64).is_power_of_two() {
        return None;
    }
    // A variable destination and dividend (a memory dividend would be read
    // more than once).
    if !matches!(insn.operands.first(), Some(Operand::Reg(_)))
        || !matches!(insn.operands.get(1), Some(Operand::Reg(_)))
    {
        return None;
    }
    Some((c.trailing_zeros() as i64, w32, rem))
}
