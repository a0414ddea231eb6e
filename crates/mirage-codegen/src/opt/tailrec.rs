//! The `tailrec` pass: self tail calls become jumps, and self calls whose
//! result is only combined with other values by one associative integer
//! operation become an accumulator loop.
//!
//! Runs on the block form before `inline` (the remaining calls can still be
//! inlined). A *site* is a block ending in `ret` whose instructions end with
//! a call of the function itself (operand 1 resolves to this very function,
//! through a prototype with the function's own types, at most one result)
//! followed by a *chain*: `mov`s and extensions of the current value, and
//! `OP x, cur, o` (or `OP x, o, cur` for commutative operations; `sub x,
//! cur, o` counts as adding `-o`), where `cur` is the call's result or the
//! previous chain result, `o` is an immediate or a variable the chain does
//! not write, and the `ret` returns the last value. `OP` is one of add, mul,
//! and, or, xor; all sites share it. An integer result of `k` bits only
//! depends on the low `k` bits of the operands of these operations, and they
//! are associative and commutative modulo `2^k`, so 32-bit forms and
//! extensions from at least `k` bits are allowed in the chain when `k` fits
//! them. With `acc` (the operation's identity on entry):
//!
//! * a site becomes `acc = acc OP o` for each `o`, the call's arguments
//!   converted as the call and the entry would (to a temporary each, then
//!   to the parameters: they are assigned simultaneously), and a jump to the
//!   first block;
//! * every other `ret v` becomes `ret acc OP v` (re-extended to the result
//!   type).
//!
//! A site without operations (a plain tail call) needs no accumulator. The
//! pass leaves alone variadic functions, functions with hard-register
//! globals, `addr` (the call could change a variable in memory between the
//! call and the chain), `alloca`, `bstart`/`bend` (stack memory would grow
//! with each iteration or be released early), `va_*`, `jret` and block
//! parameters.

use super::ir::{call_proto, ext_op, BlockId, Body, Term};
use super::{same_module_callee, OptContext};
use mirage_ir::opcode::{Family, IBinOp};
use mirage_ir::{Class, Func, Insn, Opcode, Operand, VarId, VarKind};

/// The accumulating operation of a site.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Acc {
    Add,
    Mul,
    And,
    Or,
    Xor,
}

impl Acc {
    fn of(op: IBinOp) -> Option<Acc> {
        Some(match op {
            IBinOp::Add | IBinOp::Sub => Acc::Add,
            IBinOp::Mul => Acc::Mul,
            IBinOp::And => Acc::And,
            IBinOp::Or => Acc::Or,
            IBinOp::Xor => Acc::Xor,
            _ => return None,
        })
    }
    fn identity(self) -> i64 {
        match self {
            Acc::Add | Acc::Or | Acc::Xor => 0,
            Acc::Mul => 1,
            Acc::And => -1,
        }
    }
    fn opcode(self) -> Opcode {
        match self {
            Acc::Add => Opcode::Add,
            Acc::Mul => Opcode::Mul,
            Acc::And => Opcode::And,
            Acc::Or => Opcode::Or,
            Acc::Xor => Opcode::Xor,
        }
    }
}

/// A recognized site: the call's index in its block, the operation (if
/// any) and the values to combine (`neg`: subtracted).
struct Site {
    block: BlockId,
    call: usize,
    acc: Option<Acc>,
    terms: Vec<(Operand, bool)>,
}

fn function_ok(this: &Func, body: &Body) -> bool {
    let sig = &this.sig;
    if sig.vararg || sig.results.len() > 1 || sig.params.iter().any(|p| p.ty.is_block()) {
        return false;
    }
    if this
        .vars
        .iter()
        .any(|v| v.kind == VarKind::Global || v.hard_reg.is_some())
    {
        return false;
    }
    // The body's instructions are the function's (`run` comes first, on
    // the body just built from it; `jret` is a terminator there): a walk
    // over them is cheaper than decoding the compact function again.
    !body_insns(body).any(|i| {
        matches!(
            i.op.family(),
            Family::Addr { .. }
                | Family::Alloca
                | Family::BStart
                | Family::BEnd
                | Family::VaArg
                | Family::VaBlockArg
                | Family::VaStart
                | Family::VaEnd
                | Family::JRet
                | Family::JCall
                | Family::Laddr
                | Family::Jmpi
        )
    })
}

/// Every instruction of the body, terminators included.
fn body_insns<'a>(body: &'a Body) -> impl Iterator<Item = &'a Insn> + 'a {
    body.blocks
        .iter()
        .filter(|b| !b.dead)
        .flat_map(|b| b.all_insns())
}

/// Returns whether the body changed.
pub(crate) fn run(body: &mut Body, ctx: &OptContext, this: &Func) -> bool {
    // Cheap early exit: no call at all.
    if !body_insns(body).any(|i| i.op.family() == Family::Call) || !function_ok(this, body) {
        return false;
    }
    let module = body.module;
    let is_self = |insn: &Insn| -> bool {
        if insn.op.family() != Family::Call {
            return false;
        }
        let Some(op1) = insn.operands.get(1) else {
            return false;
        };
        let callee = match ctx.resolve {
            Some(r) => r(op1),
            None => same_module_callee(module, op1),
        };
        let Some((cm, cf)) = callee else {
            return false;
        };
        if !std::ptr::eq(cm, module) || !std::ptr::eq(cf, this) {
            return false;
        }
        let Some(p) = call_proto(module, insn) else {
            return false;
        };
        !p.vararg
            && p.results == this.sig.results
            && p.params.len() == this.sig.params.len()
            && p.params
                .iter()
                .zip(&this.sig.params)
                .all(|(a, b)| a.ty == b.ty && a.size == b.size)
            && insn.operands.len() == 2 + p.results.len() + p.params.len()
    };
    // Width in bits of the integer result (0: not an integer, no
    // accumulation possible).
    let rbits = match this.sig.results.first() {
        Some(t) if t.class() == Class::Int => t.size() * 8,
        _ => 0,
    };
    let mut sites: Vec<Site> = Vec::new();
    let mut shared: Option<Acc> = None;
    for b in body.live_blocks().collect::<Vec<_>>() {
        let blk = body.block(b);
        let Term::Ret(ret) = &blk.term else { continue };
        if ret.op != Opcode::Ret {
            continue;
        }
        // The last self call of the block.
        let Some(call) = blk
            .insns
            .iter()
            .rposition(|i| i.op.family() == Family::Call)
        else {
            continue;
        };
        if !is_self(&blk.insns[call]) {
            continue;
        }
        let Some(site) = match_chain(body, b, call, ret, rbits) else {
            continue;
        };
        if let Some(a) = site.acc {
            match shared {
                None => shared = Some(a),
                Some(s) if s != a => continue,
                _ => {}
            }
        }
        sites.push(site);
    }
    if sites.is_empty() {
        return false;
    }
    rewrite(body, this, sites, shared);
    true
}

/// Matches the chain after the call at `insns[call]` of `b` up to its `ret`.
fn match_chain(body: &Body, b: BlockId, call: usize, ret: &Insn, rbits: u32) -> Option<Site> {
    let blk = body.block(b);
    let c = &blk.insns[call];
    let nres = body.sig.results.len();
    let mut cur: Option<VarId> = if nres == 1 {
        match c.operands.get(2) {
            Some(Operand::Reg(v)) => Some(*v),
            _ => return None,
        }
    } else {
        None
    };
    let mut written: Vec<VarId> = cur.into_iter().collect();
    let mut acc: Option<Acc> = None;
    let mut terms: Vec<(Operand, bool)> = Vec::new();
    for insn in &blk.insns[call + 1..] {
        let cv = cur?;
        let dst = match insn.operands.first() {
            Some(Operand::Reg(d)) => *d,
            _ => return None,
        };
        let is_cur = |o: &Operand| matches!(o, Operand::Reg(v) if *v == cv);
        match insn.op.family() {
            Family::Move(Class::Int) if is_cur(&insn.operands[1]) => {}
            Family::Ext { bits, .. } if is_cur(&insn.operands[1]) && bits as u32 >= rbits => {}
            Family::IBin { op, w32 } if rbits > 0 && (!w32 || rbits <= 32) => {
                let a = Acc::of(op)?;
                if acc.is_some_and(|x| x != a) {
                    return None;
                }
                acc = Some(a);
                let (l, r) = (&insn.operands[1], &insn.operands[2]);
                let (other, neg) = if is_cur(l) && !is_cur(r) {
                    (r, op == IBinOp::Sub)
                } else if is_cur(r) && !is_cur(l) && op != IBinOp::Sub {
                    (l, false)
                } else {
                    return None;
                };
                // `o` must have its value from before the call: not the
                // call's result nor written earlier in the chain.
                match other {
                    Operand::Int(_) => {}
                    Operand::Reg(v) if body.class_of(*v) == Class::Int && !written.contains(v) => {}
                    _ => return None,
                }
                terms.push((other.clone(), neg));
            }
            _ => return None,
        }
        written.push(dst);
        cur = Some(dst);
    }
    match (cur, ret.operands.first()) {
        (None, None) => {}
        (Some(v), Some(Operand::Reg(r))) if *r == v => {}
        _ => return None,
    }
    Some(Site {
        block: b,
        call,
        acc,
        terms,
    })
}

fn rewrite(body: &mut Body, this: &Func, sites: Vec<Site>, shared: Option<Acc>) {
    let head = body.block(BlockId(0)).succs[0];
    let rty = this.sig.results.first().copied();
    let acc = shared.map(|_| body.new_var(Class::Int));
    let site_blocks: Vec<BlockId> = sites.iter().map(|s| s.block).collect();
    // Initialization: entry -> init -> head.
    if let (Some(a), Some(op)) = (acc, shared) {
        let init = body.new_block();
        body.block_mut(init).insns.push(Insn::new(
            Opcode::Mov,
            vec![Operand::Reg(a), Operand::Int(op.identity())],
        ));
        body.block_mut(init).succs = vec![head];
        body.block_mut(BlockId(0)).succs = vec![init];
        // Other returns: ret acc OP v.
        for b in body.live_blocks().collect::<Vec<_>>() {
            if site_blocks.contains(&b) {
                continue;
            }
            let Term::Ret(ret) = &body.block(b).term else {
                continue;
            };
            let Some(v) = ret.operands.first().cloned() else {
                continue;
            };
            let t = body.new_var(Class::Int);
            let mut add = vec![Insn::new(
                op.opcode(),
                vec![Operand::Reg(t), Operand::Reg(a), v],
            )];
            if let Some(e) = rty.and_then(ext_op) {
                add.push(Insn::new(e, vec![Operand::Reg(t), Operand::Reg(t)]));
            }
            let blk = body.block_mut(b);
            blk.insns.extend(add);
            if let Term::Ret(r) = &mut blk.term {
                r.operands[0] = Operand::Reg(t);
            }
        }
    }
    let nres = this.sig.results.len();
    for s in sites {
        let call = body.block(s.block).insns[s.call].clone();
        let mut code = Vec::new();
        // Arguments, converted to the parameters' types, into temporaries.
        let mut temps = Vec::new();
        for (i, p) in this.sig.params.iter().enumerate() {
            let arg = call.operands[2 + nres + i].clone();
            let class = p.ty.class();
            let t = body.new_var(class);
            let op = match ext_op(p.ty) {
                Some(e) => e,
                None => super::ir::mov_op(class),
            };
            code.push(Insn::new(op, vec![Operand::Reg(t), arg]));
            temps.push(t);
        }
        if let Some(a) = acc {
            let op = shared.expect("acc implies an operation");
            for (o, neg) in s.terms {
                let opc = if neg { Opcode::Sub } else { op.opcode() };
                code.push(Insn::new(opc, vec![Operand::Reg(a), Operand::Reg(a), o]));
            }
        }
        for (i, t) in temps.into_iter().enumerate() {
            let class = body.class_of(t);
            code.push(Insn::new(
                super::ir::mov_op(class),
                vec![Operand::Reg(VarId::new(i)), Operand::Reg(t)],
            ));
        }
        let blk = body.block_mut(s.block);
        blk.insns.truncate(s.call);
        blk.insns.extend(code);
        blk.term = Term::Goto;
        blk.succs = vec![head];
    }
    body.compute_preds();
}
