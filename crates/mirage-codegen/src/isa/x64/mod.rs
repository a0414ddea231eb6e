//! The x86-64 System V backend: frame layout (`frame`), instruction
//! selection (`lower`), ABI lowering (`call`), peephole clean-ups
//! (`peephole`) and encoding (`emit`), driven by [`compile`].

mod call;
mod emit;
mod frame;
mod lower;
mod peephole;

use crate::cfg::{Cfg, Live};
use crate::regalloc::{self, Hint, Loc};
use crate::{CodegenEnv, CodegenError, CodegenOptions, Compiled, Dumper, FrameInfo, Stats};
use frame::Frame;
use lower::{Lower, MInst};
use mirage_ir::abi::ArgKind;
use mirage_ir::{Family, Func, ItemId, Module, Operand};
use mirage_target::x64::sysv::{classify_args, ArgLoc};
use std::fmt::Write as _;

/// Register hints (pass `coalesce`).
fn hints(f: &Func, m: &Module, live: &Live) -> Vec<Hint> {
    let mut h = vec![Hint::default(); f.vars.len()];
    let kinds: Vec<ArgKind> = f
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
    for (i, insn) in f.insns.iter().enumerate() {
        let pos = 2 * i as u32 + 1;
        match insn.op.family() {
            Family::Move(_) => {
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
                let nres = crate::cfg::call_nres(&insn.operands, m);
                let args: Vec<&Operand> = insn.operands.iter().skip(2 + nres).collect();
                let kinds: Vec<ArgKind> = args
                    .iter()
                    .map(|a| match a {
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
                    })
                    .collect();
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

/// Compares whose result only feeds the `bt`/`bf` right after them (pass
/// `fuse`): the result is dead on every successor of the branch, and it is
/// an ordinary variable (not a hard register, not address-taken).
fn fusable(f: &Func, cfg: &Cfg, live: &Live) -> Vec<bool> {
    let mut v = vec![false; f.insns.len()];
    for (b, blk) in cfg.blocks.iter().enumerate() {
        let end = blk.end as usize;
        if end < blk.start as usize + 2 {
            continue;
        }
        let (cmp, br) = (&f.insns[end - 2], &f.insns[end - 1]);
        if !matches!(br.op.family(), Family::BTest { .. })
            || !matches!(cmp.op.family(), Family::ICmp { .. } | Family::FCmp { .. })
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
        let dead = cfg.blocks[b].succs.iter().all(|&s| {
            let w = &live.live_in[s as usize];
            w.get(x / 64).is_none_or(|bits| bits >> (x % 64) & 1 == 0)
        });
        v[end - 2] = dead;
    }
    v
}

fn cfg_text(f: &Func, cfg: &Cfg) -> String {
    let mut s = String::new();
    for (b, blk) in cfg.blocks.iter().enumerate() {
        let _ = writeln!(
            s,
            "bb{b}: insns {}..{} depth {} -> {:?}",
            blk.start, blk.end, blk.loop_depth, blk.succs
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
    let cfg = Cfg::build(f, m, item.index())?;
    dumper.after("cfg", || cfg_text(f, &cfg));
    let use_ra = opts.runs("regalloc");
    let live = (use_ra || opts.runs("fuse")).then(|| Live::compute(f, m, &cfg));
    if let Some(l) = &live {
        dumper.after("live", || live_text(f, &cfg, l));
    }
    let alloc = match (&live, use_ra) {
        (Some(l), true) => {
            let h = if opts.runs("coalesce") {
                hints(f, m, l)
            } else {
                Vec::new()
            };
            regalloc::linear_scan(f, l, &h)
        }
        _ => regalloc::fast(f),
    };
    dumper.after("regalloc", || alloc_text(f, &alloc.locs));
    for (v, var) in f.vars.iter().enumerate() {
        if let Some(r) = &var.hard_reg {
            match alloc.locs[v] {
                Loc::Gpr(g) if matches!(g.index(), 0..=2 | 4 | 5 | 10 | 11) => {
                    return Err(CodegenError::Unsupported(format!(
                        "global variable bound to {r} (a register the generator reserves)"
                    )))
                }
                Loc::Xmm(x) if matches!(x.index(), 8 | 9) => {
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
    let nvars = f.vars.len() as u32;
    let jret = f.insns.iter().any(|i| i.op.family() == Family::JRet);
    let max_args = f
        .insns
        .iter()
        .filter(|i| crate::cfg::is_call(i.op.family()))
        .map(|i| i.operands.len())
        .max()
        .unwrap_or(0) as u32;
    let blk_bytes: u32 = f
        .sig
        .params
        .iter()
        .filter(|p| p.ty.is_block() && p.ty != mirage_ir::Type::RBlk)
        .map(|p| p.size.next_multiple_of(16))
        .sum();
    let frame = Frame::new(
        alloc.callee_saved.clone(),
        nvars,
        4 + max_args,
        f.sig.vararg,
        blk_bytes,
        jret,
    );
    if (frame.size as u64) + 8 * 8 > (1 << 30) {
        return Err(CodegenError::TooLarge);
    }
    let info = FrameInfo {
        slot_base: frame.slot_base,
        slots: frame.nslots,
        size: frame.size + 8 * frame.saved.len() as u32,
    };
    let fusable = match (&live, opts.runs("fuse")) {
        (Some(l), true) => fusable(f, &cfg, l),
        _ => Vec::new(),
    };
    let mut lw = Lower::new(m, module, f, env, &alloc.locs, frame, &fusable);
    {
        let kinds: Vec<ArgKind> = f
            .sig
            .params
            .iter()
            .map(|p| ArgKind::from_type(p.ty, p.size))
            .collect();
        let layout = classify_args(&kinds);
        lw.va_gp = layout.gp_used;
        lw.va_fp = layout.sse_used;
        lw.va_stack = layout.stack_used;
    }
    lw.lower_body()?;
    let used = |k: usize| match &live {
        Some(l) => l.count[k] > 0 || l.addr_taken[k],
        None => true,
    };
    let mut insts = lw.prologue(&used)?;
    dumper.after("isel", || Lower::text(&insts));
    if opts.runs("peephole") {
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
            .insns
            .iter()
            .filter(|i| i.op.family() != Family::Label)
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
        frame: info,
        stats,
        dump: dumper.out.take(),
    })
}
