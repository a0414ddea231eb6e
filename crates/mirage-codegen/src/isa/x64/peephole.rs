//! Peephole clean-ups on selected instructions (pass `peephole`):
//!
//! * a `jmp` to the label that follows it disappears;
//! * `jcc L1; jmp L2; L1:` becomes `jncc L2; L1:`;
//! * a load right after a store to the same frame slot reads the stored
//!   register instead (or disappears);
//! * self-moves disappear;
//! * `movsxd` of a register that the previous instruction sign-extended
//!   from 32 bits is a plain move (or nothing).
//!
//! Each rule looks at adjacent instructions only and never crosses a
//! label, so it cannot change what reaches a branch target.

use super::lower::MInst;
use mirage_target::x64::{Amode, FpSize, Gpr, Inst, Size, SseOp};

fn rbp_slot(a: &Amode) -> bool {
    matches!(
        a,
        Amode::Mem {
            base: Some(Gpr::Rbp),
            index: None,
            ..
        }
    )
}

/// Runs the rules to a fixed point (each removal enables at most local
/// follow-ups, so two sweeps suffice in practice; we stop when nothing
/// changes).
pub(crate) fn run(insts: &mut Vec<MInst>) {
    loop {
        let mut changed = false;
        let mut out: Vec<MInst> = Vec::with_capacity(insts.len());
        let n = insts.len();
        let mut i = 0;
        while i < n {
            let cur = &insts[i];
            match cur {
                MInst::I(Inst::MovRR {
                    size: Size::S64,
                    dst,
                    src,
                }) if dst == src => {
                    changed = true;
                    i += 1;
                    continue;
                }
                MInst::I(Inst::MovsxRR {
                    from: Size::S32,
                    dst,
                    src,
                }) if matches!(out.last(), Some(MInst::I(Inst::MovsxRR { from: Size::S32, dst: p, .. })) if p == src) =>
                {
                    // The source is already a sign-extended 32-bit value.
                    if dst != src {
                        out.push(MInst::I(Inst::MovRR {
                            size: Size::S64,
                            dst: *dst,
                            src: *src,
                        }));
                    }
                    changed = true;
                    i += 1;
                    continue;
                }
                MInst::I(Inst::Jmp { target }) => {
                    // jmp to a label among the immediately following binds.
                    let mut k = i + 1;
                    let mut hit = false;
                    while let Some(MInst::Bind(l)) = insts.get(k) {
                        if l == target {
                            hit = true;
                            break;
                        }
                        k += 1;
                    }
                    if hit {
                        changed = true;
                        i += 1;
                        continue;
                    }
                }
                MInst::I(Inst::Jcc { cond, target: l1 }) => {
                    if let (Some(MInst::I(Inst::Jmp { target: l2 })), Some(MInst::Bind(b))) =
                        (insts.get(i + 1), insts.get(i + 2))
                    {
                        if b == l1 {
                            out.push(MInst::I(Inst::Jcc {
                                cond: cond.invert(),
                                target: *l2,
                            }));
                            changed = true;
                            i += 2;
                            continue;
                        }
                    }
                }
                MInst::I(Inst::MovRM {
                    size: Size::S64,
                    dst,
                    src,
                }) if rbp_slot(src) => {
                    if let Some(MInst::I(Inst::MovMR {
                        size: Size::S64,
                        dst: sd,
                        src: sr,
                    })) = out.last()
                    {
                        if sd == src {
                            let (d, s) = (*dst, *sr);
                            if d != s {
                                out.push(MInst::I(Inst::MovRR {
                                    size: Size::S64,
                                    dst: d,
                                    src: s,
                                }));
                            }
                            changed = true;
                            i += 1;
                            continue;
                        }
                    }
                }
                MInst::I(Inst::MovsLoad { size, dst, src }) if rbp_slot(src) => {
                    if let Some(MInst::I(Inst::MovsStore {
                        size: ss,
                        dst: sd,
                        src: sr,
                    })) = out.last()
                    {
                        if sd == src && ss == size && *size == FpSize::F64 {
                            let (d, s) = (*dst, *sr);
                            if d != s {
                                out.push(MInst::I(Inst::SseRR {
                                    op: SseOp::Movaps,
                                    dst: d,
                                    src: s,
                                }));
                            }
                            changed = true;
                            i += 1;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            out.push(cur.clone());
            i += 1;
        }
        *insts = out;
        if !changed {
            break;
        }
    }
}
