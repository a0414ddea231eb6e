//! The x86-64 System V backend: frame layout (`frame`), instruction
//! selection (`lower`), ABI lowering (`call`), peephole clean-ups
//! (`peephole`) and encoding (`emit`), driven by [`compile`].

mod call;
mod divconst;
mod emit;
mod frame;
mod low32;
mod lower;
mod peephole;
mod shrink;

use crate::cfg::{Cfg, Live};
use crate::regalloc::{self, Hint, Loc};
use crate::{CodegenEnv, CodegenError, CodegenOptions, Compiled, Dumper, FrameInfo, Stats};
use frame::Frame;
use lower::{Lower, MInst};
use mirage_ir::abi::ArgKind;
use mirage_ir::opcode::{IBinOp, ICond};
use mirage_ir::{Family, Func, InsnRef, ItemId, Module, Operand};
use mirage_target::x64::sysv::{classify_args, ArgLoc};
use std::fmt::Write as _;

/// Register hints (pass `coalesce`).
fn hints(f: &Func, m: &Module, live: &Live) -> Vec<Hint> {
    let mut h = vec![Hint::default(); f.vars.len()];
    // Argument kinds, of the parameters and then of each call (one buffer).
    let mut kinds: Vec<ArgKind> = f
        .sig
        .params
        .iter()
        .map(|p| ArgKind::from_type(p.ty, p.size))
        .collect();
    let layout = classify_args(&kinds);
    for (k, l) in layout.locs.iter().enumerate() {
        if k >= h.len() {
            break;
        }
        h[k].reg = match l {
            ArgLoc::Int(g) => Some(Loc::Gpr(*g)),
            ArgLoc::Sse(x) => Some(Loc::Xmm(*x)),
            _ => None,
        };
    }
    // Opcodes first: only moves and calls are decoded.
    for (i, op) in f.opcodes().enumerate() {
        let pos = 2 * i as u32 + 1;
        match op.family() {
            Family::Move(_) => {
                let insn = f.insn(i);
                if let (Some(Operand::Reg(a)), Some(Operand::Reg(b))) =
                    (insn.operands.first(), insn.operands.get(1))
                {
                    if a != b && live.end.get(b.index()) == Some(&pos) && h[a.index()].var.is_none()
                    {
                        h[a.index()].var = Some(b.0);
                    }
                }
            }
            Family::Call | Family::Inline => {
                let insn = f.insn(i);
                let nres = crate::cfg::call_nres(insn.operands, m);
                let args = insn.operands.get(2 + nres..).unwrap_or(&[]);
                // Only the registers of arguments that die at the call get
                // a hint: no classification without one.
                let dies = |a: &Operand| matches!(a, Operand::Reg(v) if live.end[v.index()] == pos);
                if !args.iter().any(dies) {
                    continue;
                }
                kinds.clear();
                kinds.extend(args.iter().map(|a| match a {
                    Operand::Reg(v) => match f.vars[v.index()].class() {
                        mirage_ir::Class::F => ArgKind::F,
                        mirage_ir::Class::D => ArgKind::D,
                        mirage_ir::Class::LD => ArgKind::LD,
                        _ => ArgKind::I64,
                    },
                    Operand::Mem(mm) if mm.ty.is_block() => ArgKind::Blk { case: 0, size: 0 },
                    Operand::Mem(mm) => ArgKind::from_type(mm.ty, 0),
                    Operand::Float(_) => ArgKind::F,
                    Operand::Double(_) => ArgKind::D,
                    Operand::LDouble(_) => ArgKind::LD,
                    _ => ArgKind::I64,
                }));
                let layout = classify_args(&kinds);
                for (a, l) in args.iter().zip(&layout.locs) {
                    if let Operand::Reg(v) = a {
                        let x = v.index();
                        if live.end[x] == pos && h[x].reg.is_none() && h[x].var.is_none() {
                            h[x].reg = match l {
                                ArgLoc::Int(g) => Some(Loc::Gpr(*g)),
                                ArgLoc::Sse(r) => Some(Loc::Xmm(*r)),
                                _ => None,
                            };
                        }
                    }
                }
            }
            _ => {}
        }
    }
    h
}

/// Where instruction selection uses `rcx` and `rdx` as scratch (see
/// `lower`): second operands that must be loaded first (64-bit immediates,
/// addresses, narrow memory), shift counts, division, `umulo`, float
/// compares producing a value, unsigned conversions to floats, `ld` moves,
/// and calls that copy blocks or long doubles to the stack. Conservative:
/// it looks at the operands' shapes only, never at the allocation.
fn clobbers(f: &Func, m: &Module) -> regalloc::Clobbers {
    use mirage_ir::opcode::{IBinOp, OvfOp};
    use mirage_ir::{Class, Type};
    // (Variables are looked at only in a function that has `ld` ones.)
    let ld_vars = f.vars.iter().any(|x| x.class() == Class::LD);
    let is_ld = |op: &Operand| match op {
        Operand::Reg(v) => {
            ld_vars
                && f.vars
                    .get(v.index())
                    .is_some_and(|x| x.class() == Class::LD)
        }
        Operand::LDouble(_) => true,
        Operand::Mem(mm) => mm.ty == Type::LD,
        _ => false,
    };
    let hard = |op: &Operand| match op {
        Operand::Int(v) => *v != *v as i32 as i64,
        Operand::Ref(_) | Operand::Str(_) => true,
        Operand::Mem(mm) => !matches!(mm.ty, Type::I64 | Type::U64 | Type::P),
        _ => false,
    };
    let not_reg = |op: Option<&Operand>| !matches!(op, Some(Operand::Reg(_)));
    let (mut rcx, mut rdx) = (Vec::new(), Vec::new());
    for (i, insn) in f.insns().enumerate() {
        let ops = insn.operands;
        let (c, d) = match insn.op.family() {
            Family::IBin { op, .. } => match op {
                IBinOp::Div | IBinOp::UDiv | IBinOp::Mod | IBinOp::UMod => (true, true),
                IBinOp::Lsh | IBinOp::Rsh | IBinOp::URsh => (
                    !matches!(ops.get(2), Some(Operand::Int(_))) || ops.iter().any(hard),
                    false,
                ),
                _ => (ops.iter().any(hard), false),
            },
            Family::Ovf { op, .. } => {
                let umul = op == OvfOp::UMul;
                (ops.iter().any(hard) || (umul && not_reg(ops.get(2))), umul)
            }
            Family::ICmp { .. } | Family::BICmp { .. } | Family::BTest { .. } => {
                (ops.iter().any(hard), false)
            }
            Family::FCmp { .. } => (true, false),
            Family::Conv {
                from: Class::Int,
                unsigned: true,
                ..
            } => (true, false),
            Family::Call | Family::Inline | Family::JCall => {
                let nres = crate::cfg::call_nres(ops, m);
                let args = ops.iter().skip(2 + nres);
                let heavy = args.len() > 6
                    || ops
                        .iter()
                        .skip(2 + nres)
                        .any(|a| is_ld(a) || matches!(a, Operand::Mem(mm) if mm.ty.is_block()));
                (heavy, heavy)
            }
            _ => (false, false),
        };
        let d = d || ops.iter().any(is_ld);
        let pos = 2 * i as u32 + 1;
        if c {
            rcx.push(pos);
        }
        if d {
            rdx.push(pos);
        }
    }
    regalloc::Clobbers {
        regs: vec![
            (mirage_target::x64::Gpr::Rcx.index() as usize, rcx),
            (mirage_target::x64::Gpr::Rdx.index() as usize, rdx),
        ],
    }
}

/// Loads folded into the next instruction (pass `fuse`): `mov t, mem`
/// whose `t` the next instruction (an integer add/sub/and/or/xor/mul with
/// a directly usable memory type, or a float operation) reads once as an
/// operand it can take from memory, and that is dead after it.
fn fold_loads(f: &Func, cfg: &Cfg, live: &Live) -> Vec<bool> {
    use mirage_ir::opcode::{FBinOp, IBinOp};
    use mirage_ir::{Class, Type};
    let nv = f.vars.len();
    let mut fold = vec![false; f.num_insns()];
    // The loaded variable and memory type of a candidate load.
    let load = |insn: mirage_ir::InsnRef<'_>| match (insn.op.family(), insn.operands) {
        (Family::Move(c), [Operand::Reg(t), Operand::Mem(mm), ..])
            if c != Class::LD
                && t.index() < nv
                && f.vars[t.index()].hard_reg.is_none()
                && !live.addr_taken[t.index()] =>
        {
            Some((*t, mm.ty, c))
        }
        _ => None,
    };
    // Whether instruction `j` can take `t` (of memory type `ty`) from
    // memory.
    let takes =
        |j: usize, insn: mirage_ir::InsnRef<'_>, t: mirage_ir::VarId, ty: Type, c: Class| {
            let ops = insn.operands;
            let is = |k: usize| matches!(ops.get(k), Some(Operand::Reg(v)) if *v == t);
            let n = live
                .vars_of(j)
                .filter(|&(v, d)| v == t.index() && !d)
                .count();
            if n != 1 {
                return false;
            }
            match insn.op.family() {
                Family::IBin { op, w32 } if c == Class::Int => {
                    let direct = match ty {
                        Type::I64 | Type::U64 | Type::P => true,
                        Type::I32 | Type::U32 => w32,
                        _ => false,
                    };
                    let comm = matches!(
                        op,
                        IBinOp::Add | IBinOp::Mul | IBinOp::And | IBinOp::Or | IBinOp::Xor
                    );
                    direct && (comm || op == IBinOp::Sub) && (is(2) || (comm && is(1)))
                }
                Family::FBin { op, class } if class == c && class != Class::LD => {
                    is(2) || (matches!(op, FBinOp::Add | FBinOp::Mul) && is(1))
                }
                _ => false,
            }
        };
    // Candidates are rare: whether `t` is dead after the instruction
    // taking it is asked by a forward scan of the rest of the block only
    // for them.
    for (b, blk) in cfg.blocks.iter().enumerate() {
        let (s, e) = (blk.start as usize, blk.end as usize);
        let mut prev = None;
        for (j, insn) in (s..).zip(f.insns_in(s..e)) {
            if let Some((t, ty, c)) = prev {
                let redefined = matches!(insn.operands.first(), Some(Operand::Reg(v)) if *v == t);
                if takes(j, insn, t, ty, c) && (redefined || !live_after(live, b, e, j, t.index()))
                {
                    fold[j - 1] = true;
                }
            }
            prev = load(insn);
        }
    }
    fold
}

/// Whether variable `x` is live right after instruction `j` of block `b`
/// (which ends before instruction `end`).
fn live_after(live: &Live, b: usize, end: usize, j: usize, x: usize) -> bool {
    for k in j + 1..end {
        let (mut used, mut set) = (false, false);
        for (v, d) in live.vars_of(k) {
            if v == x {
                used |= !d;
                set |= d;
            }
        }
        if used || set {
            return used;
        }
    }
    live.live_out(b)[x / 64] >> (x % 64) & 1 != 0
}

/// Innermost loops (a layout range `[header, latch]` entered only at the
/// header, without calls) whose most used `ld` variables can live on the
/// x87 stack below the temporaries (pass `fuse`): loaded before the
/// header, stored on the exits.
fn ld_pins(
    f: &Func,
    cfg: &Cfg,
    live: &Live,
    rep: &[u32],
    locs: &[Loc],
    max: usize,
) -> Vec<lower::PinRegion> {
    use mirage_ir::{Class, VarId};
    let nv = f.vars.len();
    let mut out = Vec::new();
    if !f.vars.iter().any(|v| v.class() == Class::LD) {
        return out;
    }
    let nb = cfg.blocks.len();
    let mut latch = vec![usize::MAX; nb];
    for b in 0..nb {
        for &s in cfg.succs(b) {
            let s = s as usize;
            if s <= b {
                latch[s] = if latch[s] == usize::MAX {
                    b
                } else {
                    latch[s].max(b)
                };
            }
        }
    }
    let rep_of = |v: usize| rep.get(v).map_or(v, |&r| r as usize);
    'loops: for h in 0..nb {
        let l = latch[h];
        if l == usize::MAX || (h + 1..=l).any(|b| latch[b] != usize::MAX) {
            continue;
        }
        // Entered only at the header.
        for b in (0..h).chain(l + 1..nb) {
            if cfg
                .succs(b)
                .iter()
                .any(|&s| s as usize > h && s as usize <= l)
            {
                continue 'loops;
            }
        }
        let start = cfg.blocks[h].start as usize;
        let end = cfg.blocks[l].end as usize;
        let mut header = Vec::new();
        let mut inside = Vec::new();
        let mut body = start;
        let mut count: Vec<(usize, u32, bool)> = Vec::new();
        let mut kcount: Vec<([u8; 10], u32)> = Vec::new();
        for j in start..end {
            let insn = f.insn(j);
            let ld_op = match insn.op.family() {
                Family::FBin { class, .. }
                | Family::Neg { class, .. }
                | Family::Move(class)
                | Family::FCmp { class, .. }
                | Family::BFCmp { class, .. } => class == Class::LD,
                Family::Conv { from, .. } => from == Class::LD,
                _ => false,
            };
            for op in insn.operands.iter().skip(1).filter(|_| ld_op) {
                if let Operand::LDouble(x) = op {
                    let b = x.to_le_bytes();
                    match kcount.iter_mut().find(|c| c.0 == b) {
                        Some(c) => c.1 += 1,
                        None => kcount.push((b, 1)),
                    }
                }
            }
            match insn.op.family() {
                Family::Label => {
                    if let Some(lb) = insn.defined_label() {
                        if cfg.addr_taken.contains(&lb) {
                            continue 'loops;
                        }
                        inside.push(lb.0);
                        if body == j {
                            header.push(lb.0);
                            body = j + 1;
                        }
                    }
                }
                Family::Move(_)
                | Family::Ext { .. }
                | Family::Conv { .. }
                | Family::Neg { .. }
                | Family::IBin { .. }
                | Family::FBin { .. }
                | Family::ICmp { .. }
                | Family::FCmp { .. }
                | Family::Ovf { .. }
                | Family::Jmp
                | Family::BTest { .. }
                | Family::BOvf { .. }
                | Family::BICmp { .. }
                | Family::BFCmp { .. } => {}
                _ => continue 'loops,
            }
            for (x, is_def) in live.vars_of(j) {
                if f.vars[x].class() != Class::LD
                    || f.vars[x].hard_reg.is_some()
                    || live.addr_taken[x]
                    || locs.get(x) != Some(&Loc::Slot)
                {
                    continue;
                }
                let r = rep_of(x);
                match count.iter_mut().find(|c| c.0 == r) {
                    Some(c) => {
                        c.1 += 1;
                        c.2 |= is_def;
                    }
                    None => count.push((r, 1, is_def)),
                }
            }
        }
        if body >= end || count.is_empty() {
            continue;
        }
        // The most used variables and constants.
        count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        kcount.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let (mut nvar, mut nk) = (0, 0);
        while nvar + nk < max && (nvar < count.len() || nk < kcount.len()) {
            if nk >= kcount.len() || (nvar < count.len() && count[nvar].1 >= kcount[nk].1) {
                nvar += 1;
            } else {
                nk += 1;
            }
        }
        count.truncate(nvar);
        kcount.truncate(nk);
        if count.is_empty() {
            continue;
        }
        let mut vars = Vec::new();
        let mut group = Vec::new();
        let li = live.live_in(h);
        for (p, &(r, _, written)) in count.iter().enumerate() {
            let mut first = None;
            let mut load = false;
            for v in 0..nv {
                if f.vars[v].class() == Class::LD && rep_of(v) == r {
                    first.get_or_insert(v);
                    load |= li.get(v / 64).is_some_and(|w| w >> (v % 64) & 1 != 0);
                    group.push((VarId::new(v), p as u8));
                }
            }
            let Some(v) = first else { continue 'loops };
            vars.push((VarId::new(v), load, written));
        }
        let last = f.insn(end - 1).op.family();
        let next = (end..f.num_insns())
            .map(|j| f.insn(j))
            .take_while(|i| i.op.family() == Family::Label)
            .filter_map(|i| i.defined_label().map(|l| l.0))
            .collect();
        out.push(lower::PinRegion {
            start,
            body,
            end,
            header,
            inside,
            vars,
            group,
            falls: !last.is_terminator(),
            next,
            consts: kcount.iter().map(|c| c.0).collect(),
        });
    }
    out
}

/// `ld` results that can stay on the x87 stack (pass `fuse`): instruction
/// `i` computes an `ld` variable that instruction `i+1` (an `ld`
/// operation, negation, conversion or move) reads: 1 when it is dead after
/// that (never stored), 2 when it is also stored.
fn ld_keep(f: &Func, cfg: &Cfg, live: &Live) -> Vec<u8> {
    use mirage_ir::{Class, VarId};
    let nv = f.vars.len();
    // None without `ld` variables (instruction selection reads a missing
    // entry as 0).
    if !f.vars.iter().any(|v| v.class() == Class::LD) {
        return Vec::new();
    }
    let mut keep = vec![0u8; f.num_insns()];
    let ld_var = |op: Option<&Operand>| match op {
        Some(Operand::Reg(v))
            if v.index() < nv
                && f.vars[v.index()].class() == Class::LD
                && f.vars[v.index()].hard_reg.is_none()
                && !live.addr_taken[v.index()] =>
        {
            Some(*v)
        }
        _ => None,
    };
    let produces = |insn: mirage_ir::InsnRef<'_>| match insn.op.family() {
        Family::FBin {
            class: Class::LD, ..
        }
        | Family::Neg {
            class: Class::LD, ..
        }
        | Family::Conv { to: Class::LD, .. }
        | Family::Move(Class::LD) => ld_var(insn.operands.first()),
        _ => None,
    };
    let reads = |insn: mirage_ir::InsnRef<'_>, d: VarId| {
        let ops = insn.operands;
        let is = |k: usize| matches!(ops.get(k), Some(Operand::Reg(v)) if *v == d);
        match insn.op.family() {
            Family::FBin {
                class: Class::LD, ..
            } => is(1) || is(2),
            Family::Neg {
                class: Class::LD, ..
            }
            | Family::Conv {
                from: Class::LD, ..
            }
            | Family::Move(Class::LD) => is(1),
            _ => false,
        }
    };
    for (b, blk) in cfg.blocks.iter().enumerate() {
        let (s, e) = (blk.start as usize, blk.end as usize);
        let mut prev = None;
        for (j, insn) in (s..).zip(f.insns_in(s..e)) {
            if let Some(d) = prev {
                if reads(insn, d) {
                    let redefined =
                        matches!(insn.operands.first(), Some(Operand::Reg(v)) if *v == d);
                    let dead = redefined || !live_after(live, b, e, j, d.index());
                    keep[j - 1] = if dead { 1 } else { 2 };
                }
            }
            prev = produces(insn);
        }
    }
    keep
}

/// Compares whose result only feeds the `bt`/`bf` right after them (pass
/// `fuse`): the result is dead on every successor of the branch, and it is
/// an ordinary variable (not a hard register, not address-taken).
fn fusable(f: &Func, cfg: &Cfg, live: &Live) -> Vec<bool> {
    let mut v = vec![false; f.num_insns()];
    for (b, blk) in cfg.blocks.iter().enumerate() {
        let end = blk.end as usize;
        if end < blk.start as usize + 2 {
            continue;
        }
        let (cmp, br) = (f.insn(end - 2), f.insn(end - 1));
        let test_and = and_test_branch(cmp, br);
        if !test_and
            && (!matches!(br.op.family(), Family::BTest { .. })
                || !matches!(cmp.op.family(), Family::ICmp { .. } | Family::FCmp { .. }))
        {
            continue;
        }
        let (Some(Operand::Reg(t)), Some(Operand::Reg(u))) =
            (cmp.operands.first(), br.operands.get(1))
        else {
            continue;
        };
        let x = t.index();
        if t != u || x >= f.vars.len() || f.vars[x].hard_reg.is_some() || live.addr_taken[x] {
            continue;
        }
        // Dead on every successor: not live out.
        let dead = live.live_out(b)[x / 64] >> (x % 64) & 1 == 0;
        v[end - 2] = dead;
    }
    v
}

/// `and t, x, imm` followed by a branch on `t` being zero or not (`bt`,
/// `bf`, `beq`/`bne` against 0, with the result register first), which
/// `test x, imm` can decide: the branch is at least as narrow as the `and`
/// (a 32-bit `and` leaves the upper half of `t` to the branch otherwise),
/// and a 64-bit test's immediate fits in 32 signed bits.
pub(crate) fn and_test_branch(and: InsnRef<'_>, br: InsnRef<'_>) -> bool {
    let Family::IBin {
        op: IBinOp::And,
        w32: aw,
    } = and.op.family()
    else {
        return false;
    };
    let bw = match br.op.family() {
        Family::BTest { w32, .. } => w32,
        Family::BICmp {
            cond: ICond::Eq | ICond::Ne,
            w32,
        } if matches!(br.operands.get(2), Some(Operand::Int(0))) => w32,
        _ => return false,
    };
    if aw && !bw {
        return false;
    }
    let imm = match (and.operands.get(1), and.operands.get(2)) {
        (Some(Operand::Reg(_)), Some(Operand::Int(i)))
        | (Some(Operand::Int(i)), Some(Operand::Reg(_))) => *i,
        _ => return false,
    };
    bw || i32::try_from(imm).is_ok()
}

fn cfg_text(f: &Func, cfg: &Cfg) -> String {
    let mut s = String::new();
    for (b, blk) in cfg.blocks.iter().enumerate() {
        let _ = writeln!(
            s,
            "bb{b}: insns {}..{} depth {} -> {:?}",
            blk.start,
            blk.end,
            blk.loop_depth,
            cfg.succs(b)
        );
    }
    let _ = writeln!(
        s,
        "address-taken labels: {:?} of {}",
        cfg.addr_taken,
        f.labels.len()
    );
    s
}

fn live_text(f: &Func, cfg: &Cfg, live: &Live) -> String {
    let mut s = String::new();
    for (v, var) in f.vars.iter().enumerate() {
        if live.start[v] == u32::MAX {
            let _ = writeln!(s, "{}: unused", var.name);
        } else {
            let _ = writeln!(
                s,
                "{}: [{}, {}] weight {} uses {}{}{}",
                var.name,
                live.start[v],
                live.end[v],
                live.weight[v],
                live.count[v],
                if live.crosses_call(v) {
                    " crosses-call"
                } else {
                    ""
                },
                if live.addr_taken[v] {
                    " addr-taken"
                } else {
                    ""
                },
            );
        }
    }
    for b in 0..cfg.blocks.len() {
        let names: Vec<&str> = live
            .live_in_vars(b)
            .into_iter()
            .filter_map(|v| f.vars.get(v).map(|x| x.name.as_str()))
            .collect();
        let _ = writeln!(s, "bb{b} live-in: {}", names.join(" "));
    }
    s
}

fn alloc_text(f: &Func, locs: &[Loc]) -> String {
    let mut s = String::new();
    for (v, var) in f.vars.iter().enumerate() {
        let l = match locs[v] {
            Loc::Gpr(g) => g.to_string(),
            Loc::Xmm(x) => x.to_string(),
            Loc::Slot => format!("slot {v}"),
        };
        let _ = writeln!(s, "{}: {l}", var.name);
    }
    s
}

fn hex_text(code: &[u8]) -> String {
    let mut s = String::new();
    for (k, chunk) in code.chunks(16).enumerate() {
        let _ = write!(s, "{:06x}:", 16 * k);
        for b in chunk {
            let _ = write!(s, " {b:02x}");
        }
        s.push('\n');
    }
    s
}

/// The MIR-level optimizer (pass `opt`). Optimizer pass names in
/// `disable` are forwarded (`opt:cfg` names the optimizer's `cfg`, plain
/// `cfg` is the backend's); `dump_after` of `opt` gives the optimized MIR,
/// `opt:<pass>` or an optimizer pass name the MIR after that pass.
fn run_opt(
    m: &Module,
    item: ItemId,
    f: &Func,
    opts: &CodegenOptions,
    dumper: &mut Dumper,
) -> Result<Func, CodegenError> {
    use crate::opt::{optimize_func, same_module_callee, OptContext, OptOptions, PASSES};
    let fwd = |name: &str| -> Option<String> {
        let n = name.strip_prefix("opt:").unwrap_or(name);
        (PASSES.contains(&n) && (name.starts_with("opt:") || n != "cfg")).then(|| n.to_string())
    };
    let resolve = |op: &Operand| same_module_callee(m, op);
    let ctx = OptContext::with_resolver(&resolve);
    let mut text: Option<String> = None;
    let mut sink = |_: &str, t: String| text = Some(t);
    let mut oo = OptOptions::level(opts.opt_level);
    oo.disabled = opts.disable.iter().filter_map(|d| fwd(d)).collect();
    let want = opts.dump_after.as_deref().and_then(fwd);
    // Without a dump, the optimized function's label names are never seen.
    oo.local_labels = opts.dump_after.is_none();
    if want.is_some() {
        oo.dump_after = want;
        oo.dump = Some(&mut sink);
    }
    let out = optimize_func(m, f, &ctx, &mut oo).map_err(|e| CodegenError::BadIr(e.to_string()))?;
    drop(oo);
    if let Some(t) = text {
        let name = opts.dump_after.clone().unwrap_or_default();
        dumper.after(&name, || t);
    }
    dumper.after("opt", || {
        let mut mm = m.clone();
        mm.items[item.index()].kind = mirage_ir::ItemKind::Func(Box::new(out.clone()));
        mirage_ir::write_module(&mm)
    });
    Ok(out)
}

/// The analyses and allocation of one function.
struct State {
    cfg: Cfg,
    live: Option<Live>,
    fold: Vec<bool>,
    folded: Vec<bool>,
    rep: Vec<u32>,
    alloc: regalloc::Alloc,
}

/// Loop-weighted occurrences of the register candidates that live in
/// memory (what an allocation costs in memory accesses).
fn spill_cost(f: &Func, st: &State) -> u64 {
    let Some(l) = &st.live else { return 0 };
    (0..f.vars.len())
        .filter(|&v| {
            st.alloc.locs[v] == Loc::Slot
                && f.vars[v].kind != mirage_ir::VarKind::Global
                && f.vars[v].class() != mirage_ir::Class::LD
                && !l.addr_taken[v]
                && !st.folded[v]
        })
        .map(|v| l.weight[v])
        .sum()
}

/// Where `f`'s parameters arrive (SysV).
fn param_layout(f: &Func) -> mirage_target::x64::sysv::ArgLayout {
    let kinds: Vec<ArgKind> = f
        .sig
        .params
        .iter()
        .map(|p| ArgKind::from_type(p.ty, p.size))
        .collect();
    classify_args(&kinds)
}

/// CFG, liveness, load folding, coalescing and register allocation
/// (`no_coalesce`: variables kept out of coalescing classes).
fn allocate(
    f: &Func,
    m: &Module,
    item: ItemId,
    opts: &CodegenOptions,
    fp: bool,
    no_coalesce: &[bool],
) -> Result<State, CodegenError> {
    let cfg = Cfg::build(f, m, item.index())?;
    let use_ra = opts.runs("regalloc");
    let live = (use_ra || opts.runs("fuse")).then(|| Live::compute(f, m, &cfg));
    let fold = match (&live, opts.runs("fuse")) {
        (Some(l), true) => fold_loads(f, &cfg, l),
        _ => Vec::new(),
    };
    // Variables of folded loads never exist.
    let mut folded = vec![false; f.vars.len()];
    for (i, &x) in fold.iter().enumerate() {
        if let (true, Some(Operand::Reg(t))) = (x, f.insn(i).operands.first()) {
            folded[t.index()] = true;
        }
    }
    // Coalescing classes (`ld` classes share one slot).
    let mut rep: Vec<u32> = Vec::new();
    let alloc = match (&live, use_ra) {
        (Some(l), true) => {
            let h = if opts.runs("coalesce") {
                hints(f, m, l)
            } else {
                Vec::new()
            };
            rep = if opts.runs("coalesce") {
                crate::coalesce::classes(f, &cfg, l, &|v| {
                    let var = &f.vars[v];
                    var.kind != mirage_ir::VarKind::Global
                        && !folded[v]
                        && !l.addr_taken[v]
                        && l.start[v] != u32::MAX
                        && !no_coalesce.get(v).copied().unwrap_or(false)
                })
            } else {
                Vec::new()
            };
            regalloc::linear_scan(f, l, &h, &rep, &clobbers(f, m), !fp)
        }
        _ => regalloc::fast(f),
    };
    Ok(State {
        cfg,
        live,
        fold,
        folded,
        rep,
        alloc,
    })
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn compile(
    modules: &[Module],
    module: usize,
    item: ItemId,
    f: &Func,
    env: &dyn CodegenEnv,
    opts: &CodegenOptions,
    dumper: &mut Dumper,
) -> Result<Compiled, CodegenError> {
    let m = &modules[module];
    let optimized;
    let f = if opts.runs("opt") {
        optimized = run_opt(m, item, f, opts, dumper)?;
        &optimized
    } else {
        f
    };
    // Globals bound to scratch registers work on local copies.
    let isolated;
    let mut hr_entry = Vec::new();
    let f = match crate::globals::isolate(f, m) {
        Some((g, entry)) => {
            isolated = g;
            hr_entry = entry;
            &isolated
        }
        None => f,
    };
    let use_ra = opts.runs("regalloc");
    // A frame pointer only where rsp moves within the body or the frame is
    // reached from outside (alloca, block start/end, va_start, jcall/jret),
    // and at -O0; elsewhere rbp is one more callee-saved register.
    let fp = !use_ra
        || f.sig.vararg
        || f.opcodes().any(|op| {
            matches!(
                op.family(),
                Family::Alloca
                    | Family::BStart
                    | Family::BEnd
                    | Family::VaStart
                    | Family::JRet
                    | Family::JCall
            )
        });
    let mut st = allocate(f, m, item, opts, fp, &[])?;
    // Live-range splitting around loops, then allocation again. If that
    // does not pay off, variables whose split copy did not get a register
    // are not split in a second try; the best of the allocations is kept, by the memory accesses of
    // variables in slots (weighted by loop depth, the split's own moves
    // included).
    let split_f;
    let f = match (&st.live, use_ra && opts.runs("split")) {
        (Some(l), true) => {
            let mut skip = vec![false; f.vars.len()];
            let mut best: Option<(Func, State, u64)> = None;
            let base_cost = spill_cost(f, &st);
            // With no loop-weighted access to variables in memory, no split
            // can lower the cost (it is kept only if it does): not tried.
            let tries = if base_cost == 0 { 0 } else { 2 };
            for _ in 0..tries {
                let eligible = |v: usize| {
                    let var = &f.vars[v];
                    var.kind != mirage_ir::VarKind::Global
                        && !st.folded[v]
                        && !l.addr_taken[v]
                        && !skip[v]
                };
                let split = crate::split::split(f, &st.cfg, l, &st.alloc.locs, &st.rep, &eligible);
                let Some((g, originals)) = split else { break };
                let st2 = allocate(&g, m, item, opts, fp, &originals)?;
                let cost = spill_cost(&g, &st2);
                // Originals whose copy (the variables added after them,
                // in order) stayed in memory.
                let mut failed = false;
                let mut c = f.vars.len();
                for (v, &o) in originals.iter().enumerate().take(f.vars.len()) {
                    if o {
                        if st2.alloc.locs[c] == Loc::Slot {
                            skip[v] = true;
                            failed = true;
                        }
                        c += 1;
                    }
                }
                if cost < best.as_ref().map_or(base_cost, |b| b.2) {
                    best = Some((g, st2, cost));
                }
                // A second try only when the first did not pay off.
                if !failed || best.is_some() {
                    break;
                }
            }
            match best {
                Some((g, st2, _)) => {
                    split_f = g;
                    st = st2;
                    &split_f
                }
                None => f,
            }
        }
        _ => f,
    };
    let State {
        cfg,
        live,
        fold,
        rep,
        alloc,
        ..
    } = st;
    dumper.after("cfg", || cfg_text(f, &cfg));
    if let Some(l) = &live {
        dumper.after("live", || live_text(f, &cfg, l));
    }
    dumper.after("regalloc", || alloc_text(f, &alloc.locs));
    for (v, var) in f.vars.iter().enumerate() {
        if let Some(r) = &var.hard_reg {
            match alloc.locs[v] {
                // rax, rcx and rdx are isolated into moves (`globals`);
                // rsp, rbp, r10, r11 and xmm8 (like xmm9 and the x87
                // stack) are rejected by the verifier (spec §4.8): the
                // stack and frame pointers cannot hold a variable, and the
                // others are the generator's permanent scratch registers.
                Loc::Gpr(g) if matches!(g.index(), 4 | 5 | 10 | 11) => {
                    return Err(CodegenError::Unsupported(format!(
                        "global variable bound to {r} (a register the generator reserves)"
                    )))
                }
                Loc::Xmm(x) if x.index() == 8 => {
                    return Err(CodegenError::Unsupported(format!(
                        "global variable bound to {r} (a register the generator reserves)"
                    )))
                }
                Loc::Slot => {
                    return Err(CodegenError::Unsupported(format!(
                        "global variable bound to {r}"
                    )))
                }
                _ => {}
            }
        }
    }
    let blk_bytes: u32 = f
        .sig
        .params
        .iter()
        .filter(|p| p.ty.is_block() && p.ty != mirage_ir::Type::RBlk)
        .map(|p| p.size.next_multiple_of(16))
        .sum();
    let frame = Frame {
        saved: alloc.callee_saved.clone(),
        fp,
        var_slot: vec![u32::MAX; f.vars.len()],
        temp_slot: Vec::new(),
        nslots: 0,
        rsa_bytes: if f.sig.vararg { 176 } else { 0 },
        blk_bytes,
        calls: f.opcodes().any(|op| crate::cfg::is_call(op.family())),
        jret: f.opcodes().any(|op| op.family() == Family::JRet),
        guard: if f.opcodes().any(|op| op.family() == Family::Alloca) {
            16
        } else {
            0
        },
    };
    let fusable = match (&live, opts.runs("fuse")) {
        (Some(l), true) => fusable(f, &cfg, l),
        _ => Vec::new(),
    };
    let mut frame = frame;
    for (v, &r) in rep.iter().enumerate() {
        if r as usize != v && f.vars[v].class() == mirage_ir::Class::LD {
            let k = frame.var_slot_index(r as usize);
            frame.var_slot[v] = k;
        }
    }
    let keep = match (&live, opts.runs("fuse")) {
        (Some(l), true) => ld_keep(f, &cfg, l),
        _ => Vec::new(),
    };
    // Up to six values pinned on the x87 stack (temporaries take two), or
    // four, or none when that does not work.
    let pins = |max: usize| match (&live, opts.runs("fuse")) {
        (Some(l), true) => ld_pins(f, &cfg, l, &rep, &alloc.locs, max),
        _ => Vec::new(),
    };
    let (va_gp, va_fp, va_stack) = {
        let layout = param_layout(f);
        (layout.gp_used, layout.sse_used, layout.stack_used)
    };
    let first = pins(6);
    let frame0 = (!first.is_empty()).then(|| frame.clone());
    let low32::Low32 { lo: lo32, sx: sx32 } = if opts.runs("low32") {
        low32::low32_vars(m, f)
    } else {
        low32::Low32 {
            lo: Vec::new(),
            sx: Vec::new(),
        }
    };
    // The low-32 facts move into each try (taken back from a failed one).
    let make = |frame: Frame, hr: Vec<_>, pins: Vec<lower::PinRegion>, lo32, sx32| {
        let mut lw = Lower::new(m, module, f, env, &alloc.locs, frame, &fusable);
        lw.lo32 = lo32;
        lw.sx32 = sx32;
        lw.ld_keep = &keep;
        lw.fold = &fold;
        lw.hr_entry = hr;
        lw.pins = pins;
        lw.va_gp = va_gp;
        lw.va_fp = va_fp;
        lw.va_stack = va_stack;
        lw
    };
    // A shrink-wrapped early exit (see `shrink.rs`; pass `shrink`): not
    // with a frame pointer, globals in registers, pinned x87 values, block parameters
    // or `jret`.
    let fast = (opts.runs("shrink")
        && !fp
        && hr_entry.is_empty()
        && first.is_empty()
        && blk_bytes == 0
        && !frame.jret)
        .then(|| shrink::fast_exit(f, &alloc.locs, &lo32))
        .flatten();
    let frame_fast = fast.as_ref().map(|_| frame.clone());
    let mut lw = make(frame, hr_entry.clone(), first, lo32, sx32);
    if let Some(fx) = &fast {
        lw.locs = &fx.locs;
        lw.fast_label = fx.label_at;
    }
    match (lw.lower_body(), frame_fast) {
        (Ok(()), _) => {}
        (Err(_), Some(fr)) => {
            // Lowered again without the early exit.
            let (lo, sx) = (std::mem::take(&mut lw.lo32), std::mem::take(&mut lw.sx32));
            lw = make(fr, hr_entry.clone(), Vec::new(), lo, sx);
            lw.lower_body()?;
        }
        (Err(e), None) => return Err(e),
    }
    if let (true, Some(fr)) = (lw.pin_fail, &frame0) {
        // Something could not work on pinned variables (or the stack would
        // overflow): fewer, then none.
        let (lo, sx) = (std::mem::take(&mut lw.lo32), std::mem::take(&mut lw.sx32));
        lw = make(fr.clone(), hr_entry.clone(), pins(4), lo, sx);
        lw.lower_body()?;
        if lw.pin_fail {
            let (lo, sx) = (std::mem::take(&mut lw.lo32), std::mem::take(&mut lw.sx32));
            lw = make(fr.clone(), hr_entry, Vec::new(), lo, sx);
            lw.lower_body()?;
        }
    }
    let used = |k: usize| match &live {
        Some(l) => l.count[k] > 0 || l.addr_taken[k],
        None => true,
    };
    let mut insts = lw.prologue(&used)?;
    let frame = &lw.frame;
    if (frame.size() as u64) + 8 * 8 > (1 << 30) {
        return Err(CodegenError::TooLarge);
    }
    let base = |k: u32| frame.slot_offset(k);
    let info = FrameInfo {
        frame_pointer: frame.fp,
        slots: frame.nslots,
        size: frame.size() + 8 * frame.saved.len() as u32,
    };
    let var_slots = frame
        .var_slot
        .iter()
        .map(|&k| (k != u32::MAX).then(|| base(k)))
        .collect();
    dumper.after("isel", || Lower::text(&insts));
    if opts.runs("peephole") {
        peephole::thread(&mut insts);
        peephole::rotate(&mut insts, &mut lw.nlabels);
        peephole::run(&mut insts);
        dumper.after("peephole", || Lower::text(&insts));
    }
    let (code, rounds) = emit::emit(&insts, &lw.pool, lw.nlabels)?;
    dumper.after("emit", || hex_text(&code.bytes));
    let labels = (0..f.labels.len())
        .map(|k| code.labels.get(k).copied().flatten())
        .collect();
    let stats = Stats {
        mir_insns: f
            .opcodes()
            .filter(|op| op.family() != Family::Label)
            .count(),
        machine_insns: insts.iter().filter(|i| matches!(i, MInst::I(_))).count(),
        code_bytes: code.bytes.len(),
        in_registers: alloc.locs.iter().filter(|l| **l != Loc::Slot).count(),
        spilled: alloc.spilled,
        relax_rounds: rounds,
    };
    Ok(Compiled {
        code: code.bytes,
        relocs: code.relocs,
        labels,
        var_locs: alloc.locs,
        var_slots,
        frame: info,
        stats,
        dump: dumper.out.take(),
    })
}
