//! One-line text of a MIR instruction, with the program's own names, for
//! trap messages and traces (`div r, a, b`). This is deliberately tiny and
//! independent of the module writer: it never fails and never needs more
//! than the instruction, its function and its module.

use mirage_ir::{Func, InsnRef, Module, Operand};
use std::fmt::Write;

/// Text of one operand.
pub(crate) fn operand_text(m: &Module, f: &Func, op: &Operand) -> String {
    let mut s = String::new();
    let var = |v: mirage_ir::VarId| {
        f.vars
            .get(v.index())
            .map(|x| x.name.clone())
            .unwrap_or_else(|| format!("{v:?}"))
    };
    match op {
        Operand::Reg(v) => s.push_str(&var(*v)),
        Operand::Int(i) => {
            let _ = write!(s, "{i}");
        }
        Operand::Float(b) => {
            let _ = write!(s, "{:?}f", f32::from_bits(*b));
        }
        Operand::Double(b) => {
            let _ = write!(s, "{:?}", f64::from_bits(*b));
        }
        Operand::LDouble(v) => {
            let _ = write!(s, "{}L", v.fmt_exact_roundtrip());
        }
        Operand::Ref(id) => match m.items.get(id.index()).and_then(|it| it.name.as_deref()) {
            Some(n) => s.push_str(n),
            None => {
                let _ = write!(s, "{id:?}");
            }
        },
        Operand::Str(bytes) => {
            s.push('"');
            for &b in bytes.iter() {
                match b {
                    b'"' => s.push_str("\\\""),
                    b'\\' => s.push_str("\\\\"),
                    b'\n' => s.push_str("\\n"),
                    0x20..=0x7e => s.push(b as char),
                    _ => {
                        let _ = write!(s, "\\x{b:02x}");
                    }
                }
            }
            s.push('"');
        }
        Operand::Mem(mem) => {
            let _ = write!(s, "{}:", mem.ty);
            if mem.disp != 0 || (mem.base.is_none() && mem.index.is_none()) {
                let _ = write!(s, "{}", mem.disp);
            }
            if mem.base.is_some() || mem.index.is_some() {
                s.push('(');
                if let Some(b) = mem.base {
                    s.push_str(&var(b));
                }
                if let Some(i) = mem.index {
                    let _ = write!(s, ", {}", var(i));
                    if mem.scale != 1 {
                        let _ = write!(s, ", {}", mem.scale);
                    }
                }
                s.push(')');
            }
        }
        Operand::Label(l) => match f.labels.get(l.index()) {
            Some(lab) => s.push_str(lab),
            None => {
                let _ = write!(s, "{l:?}");
            }
        },
    }
    s
}

/// Text of one instruction: mnemonic and operands.
pub(crate) fn insn_text(m: &Module, f: &Func, insn: InsnRef<'_>) -> String {
    let mut s = insn.op.name().to_string();
    for (i, op) in insn.operands.iter().enumerate() {
        s.push_str(if i == 0 { " " } else { ", " });
        s.push_str(&operand_text(m, f, op));
    }
    s
}
