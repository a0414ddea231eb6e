//! Instruction tracing (`mirage run --trace`).
//!
//! Tracing runs on the loop driver: before each ICode instruction that
//! starts a MIR instruction, it prints the instruction with the values of
//! its register inputs (memory inputs show their address); once the MIR
//! instruction has completed (when the next one in the same frame starts),
//! it prints the values of its outputs. Calls therefore show the callee's
//! trace between the call line and its results:
//!
//! ```text
//! [1] fact:3  mul r, n, t  ; n=5 t=24
//! [1]           r = 120
//! ```
//!
//! Names are the program's own. Tracing is slow by design; it needs
//! [`Dispatch::Loop`](crate::Dispatch::Loop) and is selected with
//! [`ProgramOptions::trace`](crate::ProgramOptions::trace).

use crate::exec::{Cx, Frame};
use crate::icode::{Code, Exit, Inst, SLOT};
use crate::program::{Program, TraceSink};
use mirage_ir::opcode::Spec;
use mirage_ir::{Class, Family, Func, InsnRef, ItemKind, Module, Operand, F80};
use std::fmt::Write;

pub(crate) struct TraceState {
    sink: TraceSink,
    buf: String,
    /// Instructions whose outputs are still to be printed: (depth, frame
    /// pointer, code, MIR instruction index).
    pending: Vec<(usize, *mut u8, *const Code, usize)>,
}

impl TraceState {
    pub fn new(sink: TraceSink) -> TraceState {
        TraceState {
            sink,
            buf: String::new(),
            pending: Vec::new(),
        }
    }

    fn flush(&mut self) {
        if let Ok(mut w) = self.sink.lock() {
            let _ = w.write_all(self.buf.as_bytes());
            let _ = w.flush();
        }
        self.buf.clear();
    }

    pub fn finish(mut self) {
        self.flush();
    }
}

fn ir<'a>(prog: &'a Program, code: &Code) -> Option<(&'a Module, &'a Func)> {
    let (m, _) = prog.func_item(code.func)?;
    Some((&prog.modules[m.0 as usize], prog.func_ir(code.func)?))
}

/// Operand indices written by `insn`.
fn outputs(m: &Module, insn: InsnRef<'_>) -> Vec<usize> {
    match insn.op.family() {
        Family::Call | Family::Inline => {
            let nres = match insn.operands.first() {
                Some(Operand::Ref(p)) => match &m.items.get(p.index()).map(|i| &i.kind) {
                    Some(ItemKind::Proto(p)) => p.results.len(),
                    _ => 0,
                },
                _ => 0,
            };
            (2..2 + nres).collect()
        }
        _ => insn
            .op
            .info()
            .operands
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_output())
            .map(|(i, _)| i)
            .collect(),
    }
}

/// Whether operand `i` of `insn` is a value input worth showing.
fn is_input(insn: InsnRef<'_>, i: usize, outs: &[usize]) -> bool {
    if outs.contains(&i) {
        return false;
    }
    let fam = insn.op.family();
    if matches!(fam, Family::Call | Family::Inline | Family::JCall) && i == 0 {
        return false;
    }
    if matches!(fam, Family::VaArg) && i == 2 {
        return false;
    }
    match insn.op.info().operands.get(i) {
        Some(Spec::L | Spec::R | Spec::Imm | Spec::M) => false,
        _ => !matches!(insn.operands[i], Operand::Label(_)),
    }
}

unsafe fn value_text(out: &mut String, class: Class, p: *const u8) {
    match class {
        Class::Int => {
            let v = (p as *const i64).read_unaligned();
            let _ = write!(out, "{v}");
        }
        Class::F => {
            let _ = write!(out, "{:?}f", (p as *const f32).read_unaligned());
        }
        Class::D => {
            let _ = write!(out, "{:?}", (p as *const f64).read_unaligned());
        }
        Class::LD => {
            let mut b = [0u8; 10];
            std::ptr::copy_nonoverlapping(p, b.as_mut_ptr(), 10);
            let _ = write!(out, "{}L", F80::from_le_bytes(b).fmt_exact_roundtrip());
        }
    }
}

/// The effective address of a memory operand, if its registers are plain
/// frame variables.
unsafe fn mem_addr(f: &Func, fp: *mut u8, mem: &mirage_ir::Mem) -> Option<u64> {
    let mut a = mem.disp as u64;
    for (v, scale) in [(mem.base, 1u64), (mem.index, mem.scale as u64)] {
        if let Some(v) = v {
            if f.vars.get(v.index())?.hard_reg.is_some() {
                return None;
            }
            let x = (fp.add(v.index() * SLOT as usize) as *const u64).read();
            a = a.wrapping_add(x.wrapping_mul(scale));
        }
    }
    Some(a)
}

unsafe fn operand_value(
    out: &mut String,
    f: &Func,
    fp: *mut u8,
    op: &Operand,
    show_mem_value: bool,
) {
    match op {
        Operand::Reg(v) => {
            let var = &f.vars[v.index()];
            if var.hard_reg.is_some() {
                return;
            }
            let _ = write!(out, "{}=", var.name);
            value_text(out, var.class(), fp.add(v.index() * SLOT as usize));
        }
        Operand::Mem(mem) => {
            if let Some(a) = mem_addr(f, fp, mem) {
                let _ = write!(out, "[{a:#x}]");
                if show_mem_value && mem.ty.size() != 0 {
                    out.push('=');
                    value_text(out, mem.ty.class(), a as *const u8);
                }
            }
        }
        _ => {}
    }
}

unsafe fn before(cx: &mut Cx, ip: *const Inst) {
    let depth = cx.depth;
    if cx.top.is_null() {
        return;
    }
    let (code_p, fp) = ((*cx.top).code, Frame::fp(cx.top));
    let code = &*code_p;
    let Some(idx) = code.index_of(ip) else {
        return;
    };
    if idx != 0 && code.src[idx - 1] == code.src[idx] {
        return;
    }
    let prog = &*cx.prog;
    let Some(st) = cx.trace.as_mut() else {
        return;
    };
    flush_pending(st, prog, depth);
    let insn_idx = code.src[idx] as usize;
    let Some((m, f)) = ir(prog, code) else {
        return;
    };
    let Some(insn) = f.get_insn(insn_idx) else {
        let _ = writeln!(
            st.buf,
            "[{depth}] {}:{insn_idx}  (end of function)",
            code.name
        );
        return;
    };
    let outs = outputs(m, insn);
    let _ = write!(
        st.buf,
        "[{depth}] {}:{insn_idx}  {}",
        code.name,
        crate::pretty::insn_text(m, f, insn)
    );
    let mut first = true;
    for (i, op) in insn.operands.iter().enumerate() {
        if !is_input(insn, i, &outs) {
            continue;
        }
        let mut s = String::new();
        operand_value(&mut s, f, fp, op, false);
        if !s.is_empty() {
            st.buf.push_str(if first { "  ; " } else { " " });
            st.buf.push_str(&s);
            first = false;
        }
    }
    st.buf.push('\n');
    if !outs.is_empty() {
        st.pending.push((depth, fp, code_p, insn_idx));
    }
    if st.buf.len() > 1 << 16 {
        st.flush();
    }
}

unsafe fn flush_pending(st: &mut TraceState, prog: &Program, depth: usize) {
    while let Some(&(d, fp, code, insn_idx)) = st.pending.last() {
        if d < depth {
            break;
        }
        st.pending.pop();
        if d > depth {
            continue;
        }
        let Some((m, f)) = ir(prog, &*code) else {
            continue;
        };
        let insn = f.insn(insn_idx);
        let mut line = String::new();
        for i in outputs(m, insn) {
            if let Some(op) = insn.operands.get(i) {
                let mut s = String::new();
                operand_value(&mut s, f, fp, op, true);
                if !s.is_empty() {
                    line.push(' ');
                    line.push_str(&s.replacen('=', " = ", 1));
                }
            }
        }
        if !line.is_empty() {
            let _ = writeln!(st.buf, "[{d}]          {}", line.trim_start());
        }
    }
}

/// The loop driver with tracing.
pub(crate) unsafe fn run_traced(cx: &mut Cx) -> Exit {
    loop {
        let ip = cx.ip;
        before(cx, ip);
        let r = ((*ip).h)(ip, cx.fp, cx);
        if r != Exit::Continue {
            let prog = &*cx.prog;
            let depth = cx.depth;
            if let Some(st) = cx.trace.as_mut() {
                flush_pending(st, prog, depth.max(1));
                if r == Exit::Return {
                    let mut s = String::from("[0] return");
                    for v in cx.results.iter() {
                        let _ = write!(s, " {}", v.i64());
                    }
                    let _ = writeln!(st.buf, "{s}");
                }
                st.flush();
            }
            return r;
        }
    }
}
