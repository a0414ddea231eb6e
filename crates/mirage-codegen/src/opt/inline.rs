//! The `inline` pass: inlining of small MIR callees (spec §6.5).
//!
//! Runs first, on the block form before SSA, so that everything after it
//! sees through the call. A `call` (or `inline`) is inlined when
//! [`OptContext`](super::OptContext) resolves its operand 1 to a MIR function
//! definition and:
//!
//! * the callee is not variadic and has at most 50 instructions (200 for
//!   `inline`); the caller itself is inlined only at its own call sites
//!   (one level of recursion unrolled; three for a function `tailrec`
//!   turned into a loop);
//! * the prototype matches the callee (same number of results and
//!   arguments, same classes, equal block types and sizes);
//! * the callee uses no `laddr`, `jmpi`, `jcall`, `jret`, `va_start`, no
//!   hard-register globals, and no `lref` item names one of its labels;
//! * a callee from another module refers to no item at all (its item ids
//!   would mean nothing here) and loses its memory alias hints (alias names
//!   belong to modules);
//! * the caller has not grown past its budget (twice its size, at least
//!   400 more instructions);
//! * it pays: an `inline` call, the caller's own recursion, or a callee
//!   without recursion that either has no loop (a callee with one spends
//!   its time there, not in the call) and is small (at most 8
//!   instructions) or called on a cycle of the caller's control-flow
//!   graph, or is called on such a cycle with the address of the caller's
//!   private `alloca` memory (used otherwise only as a memory base and in
//!   calls to MIR functions: once those are inlined, `sra` can keep the
//!   memory in registers).
//!
//! Call sites that come from inlined bodies are inlined in turn, up to
//! three levels deep (and within the budget), so recursion cannot expand
//! without bound; a callee's calls to itself are not inlined into its
//! inlined copies (its recursion is unrolled where it is compiled itself,
//! not again in every caller).
//!
//! The call becomes: arguments copied into fresh variables with the
//! conversion the call performs (to the prototype's type) and the one the
//! callee's entry performs (re-extension to the parameter's type, spec
//! §3.3); `blkN` arguments copied into fresh `alloca` memory (the callee
//! sees a private copy) — except when the callee writes no memory and calls
//! nothing, which then reads the caller's block in place (nothing can
//! change it before the reads, so the copy would be identical); `rblk`
//! arguments passed as the address; the body with variables and blocks
//! renamed; each `ret` turned into moves to the
//! call's result operands (narrow results truncated and re-extended by the
//! callee's then the prototype's type, spec §3.4) and a jump to the code
//! after the call. A callee with any `alloca` (or copied block parameter) is
//! bracketed by `bstart`/`bend`, so that its stack memory is released when
//! it "returns" even inside a loop. Falling off the end of the callee goes
//! to the caller's fall-off block (the same trap).

use super::ir::{call_nres, call_proto, ext_op, mov_op, outputs, BlockId, Body, Term};
use super::sra::{field_access, field_mov, fields};
use super::OptContext;
use mirage_ir::opcode::Family;
use mirage_ir::{
    Class, Func, Insn, ItemKind, Mem, Module, Opcode, Operand, Proto, Type, VarId, VarKind,
};

/// Whether any `lref` item of `m` names a label of `f`.
fn has_lref(m: &Module, f: &Func) -> bool {
    m.items.iter().any(|it| match &it.kind {
        ItemKind::Lref { func, .. } => m.func(*func).is_some_and(|g| std::ptr::eq(g, f)),
        _ => false,
    })
}

fn callee_ok(m: &Module, f: &Func, same_module: bool, limit: usize) -> bool {
    if f.sig.vararg {
        return false;
    }
    if f.vars.iter().any(|v| v.kind == VarKind::Global) {
        return false;
    }
    let mut n = 0;
    for insn in f.insns() {
        match insn.op.family() {
            Family::Label => continue,
            Family::Laddr | Family::Jmpi | Family::JCall | Family::JRet | Family::VaStart => {
                return false
            }
            _ => {}
        }
        if !same_module && insn.operands.iter().any(|o| matches!(o, Operand::Ref(_))) {
            return false;
        }
        n += 1;
    }
    n <= limit && !has_lref(m, f)
}

fn proto_matches(p: &Proto, f: &Func) -> bool {
    if p.vararg || p.results.len() != f.sig.results.len() || p.params.len() != f.sig.params.len() {
        return false;
    }
    let results = p
        .results
        .iter()
        .zip(&f.sig.results)
        .all(|(a, b)| a.class() == b.class());
    let params = p.params.iter().zip(&f.sig.params).all(|(a, b)| {
        if a.ty.is_block() || b.ty.is_block() {
            a.ty == b.ty && a.size == b.size
        } else {
            a.ty.class() == b.ty.class()
        }
    });
    results && params
}

/// `dst := src` converted as a value of type `first`, then of `second`
/// (truncation and re-extension of narrow integers).
fn convert(
    body: &mut Body,
    out: &mut Vec<Insn>,
    dst: Operand,
    src: Operand,
    first: Type,
    second: Type,
) {
    let class = first.class();
    if class != Class::Int {
        out.push(Insn::new(mov_op(class), vec![dst, src]));
        return;
    }
    match (ext_op(first), ext_op(second)) {
        (None, None) => out.push(Insn::new(Opcode::Mov, vec![dst, src])),
        (Some(o), None) | (None, Some(o)) => out.push(Insn::new(o, vec![dst, src])),
        (Some(o), Some(_)) if first == second => out.push(Insn::new(o, vec![dst, src])),
        (Some(o1), Some(o2)) => {
            let t = body.new_var(Class::Int);
            out.push(Insn::new(o1, vec![Operand::Reg(t), src]));
            out.push(Insn::new(o2, vec![dst, Operand::Reg(t)]));
        }
    }
}

/// Call sites of inlined bodies are inlined again, up to this many levels.
const MAX_DEPTH: u32 = 3;

/// A callee this small (instructions, labels not counted) is inlined at
/// call sites outside loops too: its body costs about what the call does.
const SMALL: usize = 8;

/// What the inliner needs to know of a callee, computed once per callee.
#[derive(Clone, Copy)]
struct Shape {
    /// Instructions, labels not counted.
    size: usize,
    /// Has a jump or branch back to an earlier label (every loop has one:
    /// falling through only goes forward).
    backward: bool,
    /// Calls itself.
    recursive: bool,
}

/// `resolve` reads operands in the caller's module, so a callee from
/// another module is not looked into for recursion (such a callee is only
/// inlined when it refers to no item at all, see `callee_ok`).
fn shape(f: &Func, resolve: super::Resolver<'_>, same_module: bool) -> Shape {
    let mut defined = vec![false; f.labels.len()];
    let mut size = 0;
    let mut backward = false;
    let mut recursive = false;
    for insn in f.insns() {
        if let Some(l) = insn.defined_label() {
            defined[l.index()] = true;
            continue;
        }
        size += 1;
        for o in insn.operands {
            if let Operand::Label(l) = o {
                backward |= defined[l.index()];
            }
        }
        if same_module && matches!(insn.op.family(), Family::Call | Family::Inline) {
            recursive |= insn
                .operands
                .get(1)
                .and_then(resolve)
                .is_some_and(|(_, g)| std::ptr::eq(g, f));
        }
    }
    Shape {
        size,
        backward,
        recursive,
    }
}

/// Per variable of the caller: it holds the address of the caller's own
/// `alloca` memory and is otherwise only used as a memory base and passed
/// to MIR callees. Inlining those calls leaves the memory private, so that
/// `sra` can keep it in registers.
fn private_memory(body: &Body, resolve: super::Resolver<'_>) -> Vec<bool> {
    let mut local = vec![false; body.vars.len()];
    let insns = || {
        body.blocks
            .iter()
            .filter(|b| !b.dead)
            .flat_map(|b| &b.insns)
    };
    for insn in insns() {
        if let (Opcode::Alloca, Some(Operand::Reg(v))) = (insn.op, insn.operands.first()) {
            local[v.index()] = true;
        }
    }
    let mut escapes = vec![false; body.vars.len()];
    for insn in insns() {
        let to_mir = matches!(insn.op.family(), Family::Call | Family::Inline)
            && insn.operands.get(1).and_then(resolve).is_some();
        for (k, o) in insn.operands.iter().enumerate() {
            let Operand::Reg(v) = o else { continue };
            let ok = (insn.op == Opcode::Alloca && k == 0) || (to_mir && k >= 2);
            if !ok && local[v.index()] {
                escapes[v.index()] = true;
            }
        }
    }
    for (l, e) in local.iter_mut().zip(escapes) {
        *l &= !e;
    }
    local
}

/// Per block: whether it lies on a cycle of the control-flow graph (a
/// strongly connected component of more than one block, or a block that
/// jumps to itself).
fn on_cycles(body: &Body) -> Vec<bool> {
    let n = body.blocks.len();
    const UNSEEN: u32 = u32::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut cyc = vec![false; n];
    let mut next = 0u32;
    // Iterative Tarjan: (block, next successor to visit).
    let mut work: Vec<(u32, usize)> = Vec::new();
    for root in 0..n as u32 {
        if index[root as usize] != UNSEEN || body.blocks[root as usize].dead {
            continue;
        }
        work.push((root, 0));
        while let Some(&mut (v, ref mut k)) = work.last_mut() {
            let vi = v as usize;
            if *k == 0 && index[vi] == UNSEEN {
                index[vi] = next;
                low[vi] = next;
                next += 1;
                stack.push(v);
                on_stack[vi] = true;
            }
            let succs = &body.blocks[vi].succs;
            if *k < succs.len() {
                let w = succs[*k].0;
                *k += 1;
                let wi = w as usize;
                if w == v {
                    cyc[vi] = true;
                }
                if index[wi] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[wi] {
                    low[vi] = low[vi].min(index[wi]);
                }
                continue;
            }
            work.pop();
            if let Some(&(u, _)) = work.last() {
                low[u as usize] = low[u as usize].min(low[vi]);
            }
            if low[vi] == index[vi] {
                let at = stack.iter().rposition(|&w| w == v).expect("on the stack");
                let many = stack.len() - at > 1;
                for w in stack.drain(at..) {
                    on_stack[w as usize] = false;
                    cyc[w as usize] |= many;
                }
            }
        }
    }
    cyc
}

pub(crate) fn run(body: &mut Body, ctx: &OptContext, this: &Func) {
    run_with(body, ctx, this, 1)
}

/// [`run`], inlining the caller itself up to `self_levels` levels deep.
pub(crate) fn run_with(body: &mut Body, ctx: &OptContext, this: &Func, self_levels: u32) {
    let Some(resolve) = ctx.resolve else {
        return;
    };
    let original = body.insn_count();
    let budget = (original * 2).max(original + 400);
    let mut size = original;
    let nblocks = body.blocks.len();
    // Blocks whose call sites may be inlined: the caller's own (and the
    // continuations split off them). Each with its depth, the callee it is
    // a copy of (`None`: the caller's own code) and whether it runs in a
    // loop of the caller.
    let cycles = on_cycles(body);
    let mut scan: Vec<(BlockId, u32, Option<*const Func>, bool)> = (0..nblocks as u32)
        .map(|b| (BlockId(b), 0, None, cycles[b as usize]))
        .collect();
    let mut shapes: Vec<(*const Func, Shape)> = Vec::new();
    let local = private_memory(body, resolve);
    while let Some((b, depth, origin, hot)) = scan.pop() {
        if body.block(b).dead {
            continue;
        }
        let mut k = 0;
        while k < body.block(b).insns.len() {
            let insn = &body.block(b).insns[k];
            let limit = match insn.op.family() {
                Family::Call => 50,
                Family::Inline => 200,
                _ => {
                    k += 1;
                    continue;
                }
            };
            if size > budget {
                break;
            }
            let Some(op1) = insn.operands.get(1) else {
                k += 1;
                continue;
            };
            let Some((cm, cf)) = resolve(op1) else {
                k += 1;
                continue;
            };
            let same_module = std::ptr::eq(cm, body.module);
            // The caller itself only into its own body (one level of
            // recursion unrolled), other callees up to `MAX_DEPTH` levels
            // but not into copies of themselves: another function's
            // recursion is unrolled where it is compiled, not in every
            // caller.
            let recursive_copy = origin.is_some_and(|o| std::ptr::eq(o, cf));
            let itself = std::ptr::eq(cf, this);
            let sh = match shapes.iter().find(|(p, _)| std::ptr::eq(*p, cf)) {
                Some(&(_, sh)) => sh,
                None => {
                    let sh = shape(cf, resolve, same_module);
                    shapes.push((cf, sh));
                    sh
                }
            };
            // Worth it: an `inline` call, the caller's own recursion, or a
            // callee without recursion that either has no loop (a callee
            // with one spends its time there, not in the call) and is small
            // or called in a loop, or is called in a loop with the address
            // of the caller's own memory.
            let args = insn
                .operands
                .get(2 + call_nres(body.module, insn)..)
                .unwrap_or(&[]);
            let takes_local = args
                .iter()
                .any(|o| matches!(o, Operand::Reg(v) if local.get(v.index()) == Some(&true)));
            let worth = insn.op.family() == Family::Inline
                || itself
                || (!sh.recursive
                    && ((!sh.backward && (hot || sh.size <= SMALL)) || (hot && takes_local)));
            let ok = worth
                && (!itself || depth < self_levels)
                && (itself || !recursive_copy)
                && call_proto(body.module, insn).is_some_and(|p| proto_matches(p, cf))
                && callee_ok(cm, cf, same_module, limit)
                && block_args_ok(insn, cf);
            if !ok {
                k += 1;
                continue;
            }
            size += cf.num_insns();
            let first = body.blocks.len() as u32;
            let cont = inline_at(body, b, k, cm, cf, same_module);
            scan.push((cont, depth, origin, hot));
            if depth + 1 < MAX_DEPTH {
                let last = body.blocks.len() as u32;
                let copy_of = Some(cf as *const Func);
                scan.extend(
                    (first..last)
                        .map(BlockId)
                        .filter(|&x| x != cont)
                        .map(|x| (x, depth + 1, copy_of, hot)),
                );
            }
            break;
        }
    }
    body.compute_preds();
}

/// Block arguments must be plain `blkN:S(base)` operands.
fn block_args_ok(insn: &Insn, f: &Func) -> bool {
    let nres = f.sig.results.len();
    f.sig.params.iter().enumerate().all(|(i, p)| {
        if !p.ty.is_block() {
            return true;
        }
        matches!(insn.operands.get(2 + nres + i),
            Some(Operand::Mem(m)) if m.base.is_some() && m.index.is_none())
    })
}

/// Inlines the call at `insns[k]` of block `b`; returns the block holding
/// the code after the call.
fn inline_at(
    body: &mut Body,
    b: BlockId,
    k: usize,
    cm: &Module,
    cf: &Func,
    same_module: bool,
) -> BlockId {
    let call = body.block(b).insns[k].clone();
    let proto = call_proto(body.module, &call).cloned().unwrap_or_default();
    let nres = cf.sig.results.len();
    // Split: the continuation takes the rest of b.
    let cont = body.new_block();
    {
        let rest: Vec<Insn> = body.block_mut(b).insns.drain(k + 1..).collect();
        body.block_mut(b).insns.pop(); // the call
        let term = std::mem::replace(&mut body.block_mut(b).term, Term::Goto);
        let succs = std::mem::take(&mut body.block_mut(b).succs);
        let c = body.block_mut(cont);
        c.insns = rest;
        c.term = term;
        c.succs = succs;
    }
    // Callee variables become fresh caller locals.
    let callee = Body::build(cm, "inl", cf);
    let var_base = body.vars.len();
    for v in &callee.vars {
        body.vars.push(mirage_ir::Var {
            name: String::new(),
            ty: v.ty.var_type(),
            kind: VarKind::Local,
            hard_reg: None,
        });
        body.promoted.push(true);
    }
    // Parameters that name the caller's block directly (see below).
    let mut subst: Vec<Option<VarId>> = vec![None; cf.sig.params.len()];
    let falloff = if callee
        .blocks
        .iter()
        .any(|x| !x.dead && matches!(x.term, Term::FellOff))
    {
        Some(body.falloff_block())
    } else {
        None
    };
    let block_base = body.blocks.len() as u32;
    let map_block = |x: BlockId| BlockId(block_base + x.0);
    // A callee that writes no memory and calls nothing reads its block
    // parameters in place: nothing can change the caller's memory between
    // the call and the reads, so the private copy would be identical.
    let in_place = reads_only(cf);
    let bracket = cf
        .sig
        .params
        .iter()
        .any(|p| p.ty.is_block() && p.ty != Type::RBlk && !in_place)
        || cf.insns().any(|i| i.op == Opcode::Alloca);
    let save = bracket.then(|| body.new_var(Class::Int));
    // Entry code in b.
    let mut entry = Vec::new();
    if let Some(s) = save {
        entry.push(Insn::new(Opcode::BStart, vec![Operand::Reg(s)]));
    }
    for (i, p) in cf.sig.params.iter().enumerate() {
        let pv = Operand::Reg(VarId::new(var_base + i));
        let arg = call.operands[2 + nres + i].clone();
        if p.ty.is_block() {
            let Operand::Mem(m) = arg else { continue };
            let src = m.base.expect("checked");
            let size = p.size as i64;
            if p.ty == Type::RBlk || in_place {
                // The parameter is the caller's address: when the callee
                // never changes it (and no result of the call overwrites
                // `src` before the `ret` operands are read), the body uses
                // `src` itself, so `sra` can see the caller's block.
                let clobbered = call.operands[2..2 + nres].contains(&Operand::Reg(src));
                if !clobbered && !param_written(&callee, VarId::new(i)) {
                    subst[i] = Some(src);
                } else {
                    entry.push(Insn::new(Opcode::Mov, vec![pv, Operand::Reg(src)]));
                }
            } else {
                entry.push(Insn::new(
                    Opcode::Alloca,
                    vec![pv.clone(), Operand::Int(size)],
                ));
                let Operand::Reg(dst) = pv else {
                    unreachable!()
                };
                match param_fields(&callee, VarId::new(i), size) {
                    // Only the fields the callee accesses, each with its
                    // own type: `sra` can then replace both blocks.
                    Some(fields) => {
                        for (d, t) in fields {
                            let at = |b| Operand::mem(Mem::new(t, d, Some(b), None, 1));
                            entry.push(Insn::new(field_mov(t), vec![at(dst), at(src)]));
                        }
                    }
                    None => copy_bytes(body, &mut entry, dst, src, size),
                }
            }
            continue;
        }
        let pty = proto.params.get(i).map_or(p.ty, |q| q.ty);
        convert(body, &mut entry, pv, arg, pty, p.ty);
    }
    body.block_mut(b).insns.extend(entry);
    let map_var = |v: VarId| match subst.get(v.index()) {
        Some(&Some(s)) => s,
        _ => VarId::new(var_base + v.index()),
    };
    body.block_mut(b).succs = vec![map_block(BlockId(0))];
    // The callee's blocks, appended in order so that callee block `x`
    // becomes `map_block(x)`.
    for cb in &callee.blocks {
        let nb = body.new_block();
        if cb.dead {
            body.block_mut(nb).dead = true;
            continue;
        }
        let mut insns: Vec<Insn> = cb
            .insns
            .iter()
            .map(|i| remap_insn(i, &map_var, same_module))
            .collect();
        let (term, succs) = match &cb.term {
            Term::Goto => (Term::Goto, cb.succs.iter().map(|&s| map_block(s)).collect()),
            Term::Cond(i) => (
                Term::Cond(remap_insn(i, &map_var, same_module)),
                cb.succs.iter().map(|&s| map_block(s)).collect(),
            ),
            Term::Switch(i) => (
                Term::Switch(remap_insn(i, &map_var, same_module)),
                cb.succs.iter().map(|&s| map_block(s)).collect(),
            ),
            Term::FellOff => (Term::Goto, vec![falloff.expect("created above")]),
            Term::Ret(r) => {
                let r = remap_insn(r, &map_var, same_module);
                for j in 0..nres {
                    let dst = call.operands[2 + j].clone();
                    let val = r.operands.get(j).cloned().unwrap_or(Operand::Int(0));
                    let rty = cf.sig.results[j];
                    let pty = proto.results.get(j).copied().unwrap_or(rty);
                    let mut seq = Vec::new();
                    convert(body, &mut seq, dst, val, rty, pty);
                    insns.extend(seq);
                }
                if let Some(s) = save {
                    insns.push(Insn::new(Opcode::BEnd, vec![Operand::Reg(s)]));
                }
                (Term::Goto, vec![cont])
            }
        };
        let blk = body.block_mut(nb);
        blk.insns = insns;
        blk.term = term;
        blk.succs = succs;
    }
    cont
}

fn remap_insn(i: &Insn, map_var: &impl Fn(VarId) -> VarId, same_module: bool) -> Insn {
    let mut i = i.clone();
    for op in &mut i.operands {
        match op {
            Operand::Reg(v) => *v = map_var(*v),
            Operand::Mem(m) => {
                // Unshared (copied) only when it changes.
                let base = m.base.map(map_var);
                let index = m.index.map(map_var);
                let clear = !same_module && (m.alias != 0 || m.nonalias != 0);
                if base != m.base || index != m.index || clear {
                    let m = std::sync::Arc::make_mut(m);
                    m.base = base;
                    m.index = index;
                    if !same_module {
                        m.alias = 0;
                        m.nonalias = 0;
                    }
                }
            }
            _ => {}
        }
    }
    i
}

/// Whether the callee writes its variable `v` (or takes its address).
fn param_written(callee: &Body, v: VarId) -> bool {
    callee.live_blocks().any(|b| {
        callee.block(b).insns.iter().any(|insn| {
            let fam = insn.op.family();
            let outs = outputs(callee.module, insn);
            insn.operands.iter().enumerate().any(|(k, o)| {
                *o == Operand::Reg(v) && (outs.contains(&k) || matches!(fam, Family::Addr { .. }))
            })
        })
    })
}

/// The fields `(offset, type)` through which the callee accesses its block
/// parameter `v` of `size` bytes, when that is all it does with `v` (see
/// `sra`).
fn param_fields(callee: &Body, v: VarId, size: i64) -> Option<Vec<(i64, Type)>> {
    let mut acc = Vec::new();
    for b in callee.live_blocks() {
        let blk = callee.block(b);
        for insn in blk.all_insns() {
            let outs = outputs(callee.module, insn);
            for (k, o) in insn.operands.iter().enumerate() {
                match o {
                    Operand::Reg(x) if *x == v => return None,
                    Operand::Mem(m) if m.index == Some(v) => return None,
                    Operand::Mem(m) if m.base == Some(v) => acc.push(field_access(insn, k, &outs)?),
                    _ => {}
                }
            }
        }
    }
    fields(acc, size)
}

/// Whether `f` writes no memory and calls nothing (every memory operand is
/// read).
fn reads_only(f: &Func) -> bool {
    f.insns().all(|i| {
        let fam = i.op.family();
        if matches!(
            fam,
            Family::Call
                | Family::Inline
                | Family::JCall
                | Family::VaStart
                | Family::VaEnd
                | Family::VaArg
                | Family::VaBlockArg
                | Family::Alloca
                | Family::BStart
                | Family::BEnd
        ) {
            return false;
        }
        let specs = i.op.info().operands;
        i.operands.iter().enumerate().all(|(k, op)| {
            !matches!(op, Operand::Mem(_)) || !specs.get(k).is_some_and(|s| s.is_output())
        })
    })
}

/// Copies `size` bytes from the address in `src` to the address in `dst`.
fn copy_bytes(body: &mut Body, out: &mut Vec<Insn>, dst: VarId, src: VarId, size: i64) {
    let mut off = 0;
    for (w, ty) in [
        (8, Type::I64),
        (4, Type::U32),
        (2, Type::U16),
        (1, Type::U8),
    ] {
        while size - off >= w {
            let t = body.new_var(Class::Int);
            out.push(Insn::new(
                Opcode::Mov,
                vec![
                    Operand::Reg(t),
                    Operand::mem(Mem::new(ty, off, Some(src), None, 1)),
                ],
            ));
            out.push(Insn::new(
                Opcode::Mov,
                vec![
                    Operand::mem(Mem::new(ty, off, Some(dst), None, 1)),
                    Operand::Reg(t),
                ],
            ));
            off += w;
        }
    }
}
