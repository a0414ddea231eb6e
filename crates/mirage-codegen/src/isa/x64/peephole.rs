//! Peephole clean-ups on selected instructions (pass `peephole`):
//!
//! * a `jmp` to the label that follows it disappears;
//! * `jcc L1; jmp L2; L1:` becomes `jncc L2; L1:`;
//! * a load right after a store to the same frame slot reads the stored
//!   register instead (or disappears);
//! * a jump to a label followed by `jmp L2` goes to `L2` (`thread`, run
//!   first), and code right after an unconditional `jmp` up to the next
//!   label, which nothing can reach, disappears;
//! * self-moves disappear;
//! * `movsxd` of a register that the previous instruction sign-extended
//!   from 32 bits is a plain move (or nothing).
//!
//! Each rule looks at adjacent instructions only and never crosses a
//! label, so it cannot change what reaches a branch target.

use super::lower::MInst;
use mirage_target::x64::{Amode, FpSize, Gpr, Inst, Label, Size, SseOp};

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
    while sweep(insts) {}
}

/// One sweep of the rules, in place: the output (`insts[..w]`) never gets
/// ahead of the input (`insts[i..]`), as each rule writes at most as many
/// instructions as it consumes. Returns whether anything changed.
fn sweep(insts: &mut Vec<MInst>) -> bool {
    let mut changed = false;
    let n = insts.len();
    let mut w = 0;
    let mut i = 0;
    while i < n {
        let at = i;
        let cur = insts[i];
        let (out, rest) = insts.split_at_mut(i);
        let out = &out[..w];
        let next = |k: usize| rest.get(k);
        let mut put = None;
        // `put` is `cur` itself.
        let mut same = false;
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
            }) if sext_known(out, src) => {
                // The source is already a sign-extended 32-bit value.
                if dst != src {
                    put = Some(MInst::I(Inst::MovRR {
                        size: Size::S64,
                        dst,
                        src,
                    }));
                }
                changed = true;
                i += 1;
            }
            MInst::I(Inst::Jmp { .. }) | MInst::I(Inst::Ret)
                if matches!(next(1), Some(MInst::I(_))) =>
            {
                // Unreachable: nothing jumps to an instruction that
                // is not a label.
                put = Some(cur);
                same = true;
                let mut k = 1;
                while let Some(MInst::I(_)) = next(k) {
                    k += 1;
                }
                changed = true;
                i += k;
            }
            MInst::I(Inst::Jmp { target }) if jmp_to_next(rest, target) => {
                // jmp to a label among the immediately following binds.
                changed = true;
                i += 1;
            }
            MInst::I(Inst::Jcc { cond, target: l1 })
                if matches!(
                    (next(1), next(2)),
                    (Some(MInst::I(Inst::Jmp { .. })), Some(MInst::Bind(b))) if *b == l1
                ) =>
            {
                let Some(MInst::I(Inst::Jmp { target: l2 })) = next(1) else {
                    unreachable!()
                };
                put = Some(MInst::I(Inst::Jcc {
                    cond: cond.invert(),
                    target: *l2,
                }));
                changed = true;
                i += 2;
            }
            MInst::I(Inst::MovRM {
                size: Size::S64,
                dst,
                src,
            }) if rbp_slot(&src)
                && matches!(out.last(), Some(MInst::I(Inst::MovMR {
                    size: Size::S64,
                    dst: sd,
                    ..
                })) if *sd == src) =>
            {
                let Some(&MInst::I(Inst::MovMR { src: s, .. })) = out.last() else {
                    unreachable!()
                };
                if dst != s {
                    put = Some(MInst::I(Inst::MovRR {
                        size: Size::S64,
                        dst,
                        src: s,
                    }));
                }
                changed = true;
                i += 1;
            }
            MInst::I(Inst::MovsLoad { size, dst, src })
                if rbp_slot(&src)
                    && size == FpSize::F64
                    && matches!(out.last(), Some(MInst::I(Inst::MovsStore {
                        size: ss,
                        dst: sd,
                        ..
                    })) if *sd == src && *ss == size) =>
            {
                let Some(&MInst::I(Inst::MovsStore { src: s, .. })) = out.last() else {
                    unreachable!()
                };
                if dst != s {
                    put = Some(MInst::I(Inst::SseRR {
                        op: SseOp::Movaps,
                        dst,
                        src: s,
                    }));
                }
                changed = true;
                i += 1;
            }
            _ => {
                put = Some(cur);
                same = true;
                i += 1;
            }
        }
        if let Some(mi) = put {
            // Nothing to move while the output is still the input.
            if w != at || !same {
                insts[w] = mi;
            }
            w += 1;
        }
    }
    insts.truncate(w);
    changed
}

/// Whether `jmp target` at the position before `rest` jumps to a label
/// among the binds right after it.
fn jmp_to_next(rest: &[MInst], target: Label) -> bool {
    rest[1..]
        .iter()
        .map_while(|mi| match mi {
            MInst::Bind(l) => Some(*l),
            _ => None,
        })
        .any(|l| l == target)
}

/// Jump threading: `jmp`/`jcc` to a label bound (among other labels)
/// right before `jmp L2` go to `L2` directly, following chains.
pub(crate) fn thread(insts: &mut [MInst]) {
    let before_jmp = labels_before(insts, |q| matches!(insts[q], MInst::I(Inst::Jmp { .. })));
    // The `jmp` target right after label `l`'s binding, if any.
    let next_jmp = |l: Label| -> Option<Label> {
        match insts[label_at(&before_jmp, l)?] {
            MInst::I(Inst::Jmp { target }) => Some(target),
            _ => None,
        }
    };
    let resolve = |mut l: Label| -> Label {
        // A few steps: chains are short, and a cycle must not loop here.
        for _ in 0..8 {
            match next_jmp(l) {
                Some(t) if t != l => l = t,
                _ => break,
            }
        }
        l
    };
    let mut edits: Vec<(usize, Label)> = Vec::new();
    for (k, mi) in insts.iter().enumerate() {
        match mi {
            MInst::I(Inst::Jmp { target }) | MInst::I(Inst::Jcc { target, .. }) => {
                let t = resolve(*target);
                if t != *target {
                    edits.push((k, t));
                }
            }
            _ => {}
        }
    }
    for (k, t) in edits {
        match &mut insts[k] {
            MInst::I(Inst::Jmp { target }) | MInst::I(Inst::Jcc { target, .. }) => *target = t,
            _ => {}
        }
    }
}

/// Whether register `r` holds a sign-extended 32-bit value at the end of
/// `out`: a `movsxd r, …` before it, with only compares and conditional
/// branches (which write no register) in between, and no label.
fn sext_known(out: &[MInst], r: Gpr) -> bool {
    for mi in out.iter().rev().take(4) {
        match mi {
            MInst::I(Inst::MovsxRR {
                from: Size::S32,
                dst,
                ..
            }) if *dst == r => return true,
            MInst::I(Inst::Jcc { .. }) => {}
            MInst::I(i) if is_compare(i) => {}
            _ => return false,
        }
    }
    false
}

/// Whether `i` only compares (sets flags from registers or memory).
fn is_compare(i: &Inst) -> bool {
    use mirage_target::x64::AluOp;
    match i {
        Inst::AluRR { op, .. }
        | Inst::AluRM { op, .. }
        | Inst::AluMR { op, .. }
        | Inst::AluRI { op, .. }
        | Inst::AluMI { op, .. } => *op == AluOp::Cmp,
        Inst::TestRR { .. } | Inst::TestRI { .. } => true,
        _ => false,
    }
}

/// Loop rotation on the selected code: `jmp L` where `L: cmp …; jcc E`
/// and `E` is bound right after the `jmp` (a loop's back edge to its
/// test, the exit right after the loop) becomes `cmp …; jncc B` with `B`
/// bound after the `jcc`: one jump less per iteration. The compare reads
/// the same state on both paths, so the branch goes the same way.
pub(crate) fn rotate(insts: &mut Vec<MInst>, nlabels: &mut u32) {
    let before_test = labels_before(insts, |q| {
        matches!(
            (&insts[q], insts.get(q + 1)),
            (MInst::I(c), Some(MInst::I(Inst::Jcc { .. }))) if is_compare(c)
        )
    });
    // (position of the jmp, compare, condition, exit label, position after
    // the test's jcc).
    let mut edits: Vec<(usize, Inst, mirage_target::x64::Cond, usize)> = Vec::new();
    for (i, mi) in insts.iter().enumerate() {
        let MInst::I(Inst::Jmp { target }) = mi else {
            continue;
        };
        let Some(q) = label_at(&before_test, *target) else {
            continue;
        };
        let (Some(MInst::I(c)), Some(MInst::I(Inst::Jcc { cond, target: e }))) =
            (insts.get(q), insts.get(q + 1))
        else {
            continue;
        };
        if !is_compare(c) || q + 1 == i || q + 2 >= insts.len() {
            continue;
        }
        // The exit must be bound right after the jmp.
        let mut k = i + 1;
        let mut hit = false;
        while let Some(MInst::Bind(l)) = insts.get(k) {
            if l == e {
                hit = true;
                break;
            }
            k += 1;
        }
        if hit {
            edits.push((i, *c, *cond, q + 2));
        }
    }
    if edits.is_empty() {
        return;
    }
    // Labels after the tests' jcc (reusing a bound one), new ones numbered
    // in the order of the edits; then sorted by position for the merge.
    let mut after: Vec<(usize, Label)> = Vec::with_capacity(edits.len());
    for &(_, _, _, a) in &edits {
        if after.iter().any(|x| x.0 == a) {
            continue;
        }
        let l = match insts.get(a) {
            Some(MInst::Bind(l)) => *l,
            _ => {
                *nlabels += 1;
                Label(*nlabels - 1)
            }
        };
        after.push((a, l));
    }
    after.sort_unstable_by_key(|x| x.0);
    let label_after = |a: usize| after[after.binary_search_by_key(&a, |x| x.0).unwrap()].1;
    // The code is copied in runs between the positions where something
    // changes (edits and labels after tests, both by increasing position).
    let mut out = Vec::with_capacity(insts.len() + edits.len() * 2);
    let mut e = edits.iter().peekable();
    let mut next_after = after.iter().peekable();
    let mut from = 0;
    loop {
        let k = match (e.peek(), next_after.peek()) {
            (Some(x), Some(y)) => x.0.min(y.0),
            (Some(x), None) => x.0,
            (None, Some(y)) => y.0,
            (None, None) => break,
        };
        out.extend_from_slice(&insts[from..k]);
        from = k + 1;
        let mi = insts[k];
        if let Some(&(_, l)) = next_after.next_if(|x| x.0 == k) {
            if !matches!(&mi, MInst::Bind(b) if *b == l) {
                out.push(MInst::Bind(l));
            }
        }
        match e.next_if(|x| x.0 == k) {
            Some(&(_, c, cond, a)) => {
                out.push(MInst::I(c));
                out.push(MInst::I(Inst::Jcc {
                    cond: cond.invert(),
                    target: label_after(a),
                }));
            }
            None => out.push(mi),
        }
    }
    out.extend_from_slice(&insts[from..]);
    *insts = out;
}

/// The labels bound right before an instruction at which `wanted(q)`
/// holds (with only other binds between), each with that position `q`;
/// sorted by label for [`label_at`]. Few labels qualify, so this is much
/// smaller than a table of every label.
fn labels_before(insts: &[MInst], wanted: impl Fn(usize) -> bool) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    let mut run = 0;
    for (q, mi) in insts.iter().enumerate() {
        if let MInst::Bind(_) = mi {
            run += 1;
            continue;
        }
        if run > 0 && wanted(q) {
            for b in &insts[q - run..q] {
                if let MInst::Bind(l) = b {
                    out.push((l.0, q));
                }
            }
        }
        run = 0;
    }
    out.sort_unstable();
    out
}

/// The position recorded for label `l` by [`labels_before`].
fn label_at(table: &[(u32, usize)], l: Label) -> Option<usize> {
    table
        .binary_search_by_key(&l.0, |x| x.0)
        .ok()
        .map(|k| table[k].1)
}
