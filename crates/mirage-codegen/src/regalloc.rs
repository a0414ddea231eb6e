//! Register allocation of MIR variables.
//!
//! mirage allocates MIR *variables* directly (as MIR's own generator does
//! with its hard-register assignment), before instruction selection: every
//! variable gets one location for its whole life — a register or its home
//! frame slot. Instruction selection then reads operands where they live,
//! folding a spilled variable's slot into the instruction as a memory
//! operand (spilling at the use point costs no extra instruction on x86),
//! and uses a few reserved scratch registers for everything transient.
//!
//! Two allocators:
//!
//! * **fast** (`-O0`): every variable lives in its home slot. Linear time,
//!   no liveness needed; the code is what a baseline compiler produces.
//! * **linear scan** (`-O1`, `-O2`): Poletto–Sarkar over the single-range
//!   intervals of [`crate::cfg::Live`], in order of start, allocating
//!   coalescing *classes* ([`crate::coalesce`]: variables joined by copies
//!   that never interfere share one location, which removes the copies).
//!   An interval that spans a call may only take a callee-saved register
//!   (SysV has no callee-saved XMM registers, so such float classes live in
//!   their slots); all others prefer the caller-saved registers, so a leaf
//!   function saves nothing. When no register is free, the candidate with
//!   the smallest loop-weighted use count among the active intervals and
//!   the new one is spilled (each member to its own home slot). Hints: a
//!   variable copied from another that dies at the copy, a parameter and a
//!   value passed in a register prefer the same register.
//!
//! Register sets (x86-64): integers use RSI, RDI, R8, R9, RDX, RCX
//! (caller-saved) and RBX, R12–R15, plus RBP in functions without a frame
//! pointer (callee-saved); RAX, R10, R11 are scratch for instruction
//! selection. RCX and RDX are also scratch at some instructions (shift
//! counts, division, operands loaded first, `ld` moves, calls copying
//! blocks): an interval overlapping such an instruction does not get them
//! ([`Clobbers`]). Floats use XMM0–7 and XMM9–15; XMM8 is scratch. `ld`
//! variables always live in slots (the x87 stack is not allocatable).
//! Variables bound by `global` to a hard register live there and take it out
//! of the pool (those bound to RAX, RCX or RDX, and those whose address is
//! taken, are isolated into moves first, `crate::globals`); variables whose
//! address is taken live in their slots.
//!
//! One location per variable is not the whole story: `crate::split` renames
//! a variable left in memory inside its hottest loop and connects the
//! pieces with moves on the loop's boundary edges, and the allocation runs
//! again — live-range splitting without a per-position location map.

use crate::cfg::Live;
use mirage_ir::{Class, Func, VarKind};
use mirage_target::x64::{Gpr, Xmm};

/// Where a variable lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    Gpr(Gpr),
    Xmm(Xmm),
    /// Its home slot (spec DESIGN decision 4: slot k for `VarId(k)`).
    Slot,
}

/// The allocation of one function.
#[derive(Clone, Debug, Default)]
pub(crate) struct Alloc {
    pub locs: Vec<Loc>,
    /// Callee-saved registers the function writes (to save and restore).
    pub callee_saved: Vec<Gpr>,
    /// Variables that wanted a register but live in their slot.
    pub spilled: usize,
}

/// Allocatable integer registers, caller-saved first.
const INT_CALLER: [Gpr; 6] = [Gpr::Rsi, Gpr::Rdi, Gpr::R8, Gpr::R9, Gpr::Rdx, Gpr::Rcx];
const INT_CALLEE: [Gpr; 5] = [Gpr::Rbx, Gpr::R12, Gpr::R13, Gpr::R14, Gpr::R15];

/// Allocatable XMM registers.
pub(crate) fn xmm_pool() -> impl Iterator<Item = Xmm> {
    (0u8..16).filter(|&i| i != 8).map(Xmm::new)
}

/// The hard register a `global` variable is bound to.
pub(crate) fn hard_reg(name: &str) -> Option<Loc> {
    const G: [&str; 16] = [
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12",
        "r13", "r14", "r15",
    ];
    if let Some(i) = G.iter().position(|&g| g == name) {
        return Some(Loc::Gpr(Gpr::from_index(i as u8)));
    }
    let n: u8 = name.strip_prefix("xmm")?.parse().ok()?;
    (n < 16).then(|| Loc::Xmm(Xmm::new(n)))
}

/// Locations of `global` variables; everything else in slots.
fn base_locs(f: &Func) -> Vec<Loc> {
    f.vars
        .iter()
        .map(|v| match (v.kind, &v.hard_reg) {
            (VarKind::Global, Some(r)) => hard_reg(r).unwrap_or(Loc::Slot),
            _ => Loc::Slot,
        })
        .collect()
}

/// `-O0`: every variable in its slot.
pub(crate) fn fast(f: &Func) -> Alloc {
    Alloc {
        locs: base_locs(f),
        callee_saved: Vec::new(),
        spilled: 0,
    }
}

/// A register of either class, as a small index (0–15 GPR, 16–31 XMM).
fn idx(l: Loc) -> Option<usize> {
    match l {
        Loc::Gpr(g) => Some(g.index() as usize),
        Loc::Xmm(x) => Some(16 + x.index() as usize),
        Loc::Slot => None,
    }
}

fn of_idx(i: usize) -> Loc {
    if i < 16 {
        Loc::Gpr(Gpr::from_index(i as u8))
    } else {
        Loc::Xmm(Xmm::new((i - 16) as u8))
    }
}

/// A class's interval, weight and member list (linked from the
/// representative through `next`; `last` is the list's end).
/// (Links as `u32`: 24 bytes a variable.)
#[derive(Clone, Copy)]
struct Interval {
    start: u32,
    end: u32,
    weight: u64,
    next: u32,
    last: u32,
}

impl Default for Interval {
    fn default() -> Self {
        Interval {
            start: u32::MAX,
            end: 0,
            weight: 0,
            next: u32::MAX,
            last: 0,
        }
    }
}

/// Allocation preferences.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Hint {
    /// Take this register if free.
    pub reg: Option<Loc>,
    /// Take this variable's register if free.
    pub var: Option<u32>,
}

/// Fixed registers instruction selection uses as scratch at some
/// instructions: an interval overlapping one of those instructions (as an
/// operand or live across it) cannot take that register.
#[derive(Clone, Debug, Default)]
pub(crate) struct Clobbers {
    /// (register index as in [`Hint`] locations, sorted use positions
    /// `2i+1` of the instructions that clobber it).
    pub regs: Vec<(usize, Vec<u32>)>,
}

impl Clobbers {
    /// Registers clobbered within `[s, e]`, as a bit mask.
    fn mask(&self, s: u32, e: u32) -> u32 {
        let mut m = 0;
        for (r, pos) in &self.regs {
            let k = pos.partition_point(|&p| p + 1 < s);
            if pos.get(k).is_some_and(|&p| p <= e) {
                m |= 1 << r;
            }
        }
        m
    }
}

/// Linear scan (see the module documentation) over coalescing classes
/// (`rep[v]`: the representative of `v`'s class; empty: no classes).
pub(crate) fn linear_scan(
    f: &Func,
    live: &Live,
    hints: &[Hint],
    rep: &[u32],
    clobbers: &Clobbers,
    use_rbp: bool,
) -> Alloc {
    let mut locs = base_locs(f);
    let nv = f.vars.len();
    // Registers taken by globals are out of the pool.
    let mut reserved = 0u32;
    for (v, l) in locs.iter().enumerate() {
        if f.vars[v].kind == VarKind::Global {
            if let Some(i) = idx(*l) {
                reserved |= 1 << i;
            }
        }
    }
    let eligible = |v: usize| {
        let var = &f.vars[v];
        var.kind != VarKind::Global
            && var.class() != Class::LD
            && !live.addr_taken[v]
            && live.start[v] != u32::MAX
    };
    let rep_of = |v: usize| rep.get(v).map_or(v, |&r| r as usize);
    // Class intervals, weights and members (by representative), in one
    // array.
    let mut iv = vec![Interval::default(); nv];
    for (v, x) in iv.iter_mut().enumerate() {
        x.last = v as u32;
    }
    let mut order: Vec<usize> = Vec::with_capacity(nv);
    for v in 0..nv {
        if !eligible(v) {
            continue;
        }
        let r = rep_of(v);
        if r == v {
            order.push(v);
        } else {
            let l = iv[r].last as usize;
            iv[l].next = v as u32;
            iv[r].last = v as u32;
        }
        let x = &mut iv[r];
        x.start = x.start.min(live.start[v]);
        x.end = x.end.max(live.end[v]);
        x.weight = x.weight.saturating_add(live.weight[v]);
    }
    let iv = &iv;
    let weight = |v: usize| iv[v].weight;
    let members = |r: usize| {
        let mut v = r;
        std::iter::from_fn(move || {
            if v == usize::MAX {
                return None;
            }
            let cur = v;
            v = match iv[v].next {
                u32::MAX => usize::MAX,
                n => n as usize,
            };
            Some(cur)
        })
    };
    // (The keys are unique: an unstable sort, which needs no buffer.)
    order.sort_unstable_by_key(|&v| (iv[v].start, v));
    // Registers in preference order for calls-free and call-crossing
    // intervals (fixed arrays: no allocation).
    let rbp = use_rbp.then_some(Gpr::Rbp);
    let mut int_free = [0usize; 12];
    let mut n_free = 0;
    for g in INT_CALLER.iter().chain(INT_CALLEE.iter()).chain(rbp.iter()) {
        int_free[n_free] = g.index() as usize;
        n_free += 1;
    }
    let int_free = &int_free[..n_free];
    let int_cross = &int_free[INT_CALLER.len()..];
    let mut xmm_free = [0usize; 15];
    for (k, x) in xmm_pool().enumerate() {
        xmm_free[k] = 16 + x.index() as usize;
    }
    let mut busy = reserved; // bit per register index
                             // Active intervals: (end, class, reg index).
    let mut active: Vec<(u32, usize, usize)> = Vec::with_capacity(32);
    let mut spilled = 0usize;
    let mut used = 0u32;
    for &v in &order {
        let (s, e) = (iv[v].start, iv[v].end);
        active.retain(|&(e, _, r)| {
            if e < s {
                busy &= !(1 << r);
                false
            } else {
                true
            }
        });
        let cross = live.crosses(s, e);
        let class = f.vars[v].class();
        let cands: &[usize] = match (class, cross) {
            (Class::Int, false) => int_free,
            (Class::Int, true) => int_cross,
            (_, false) => &xmm_free,
            (_, true) => &[],
        };
        let nmembers = members(v).count();
        if cands.is_empty() {
            spilled += nmembers;
            continue;
        }
        let allowed_set = cands.iter().fold(0u32, |m, &r| m | 1 << r) & !clobbers.mask(s, e);
        let allowed = |r: usize| allowed_set >> r & 1 != 0;
        let free_set = allowed_set & !busy;
        let free = |r: usize| free_set >> r & 1 != 0;
        let mut pick = None;
        for w in members(v) {
            let hint = hints.get(w).copied().unwrap_or_default();
            if let Some(hv) = hint.var {
                if let Some(r) = locs.get(hv as usize).copied().and_then(idx) {
                    if free(r) {
                        pick = Some(r);
                        break;
                    }
                }
            }
        }
        if pick.is_none() {
            pick = members(v)
                .filter_map(|w| hints.get(w).and_then(|h| h.reg).and_then(idx))
                .find(|&r| free(r));
        }
        if pick.is_none() {
            pick = cands.iter().copied().find(|&r| free(r));
        }
        let r = match pick {
            Some(r) => r,
            None => {
                // Spill the cheapest of the active intervals holding an
                // allowed register, or this one.
                let victim = active
                    .iter()
                    .enumerate()
                    .filter(|(_, &(_, _, r))| allowed(r))
                    .min_by_key(|(_, &(e, w, _))| (weight(w), u32::MAX - e, w))
                    .map(|(k, _)| k);
                match victim {
                    Some(k) if weight(active[k].1) < weight(v) => {
                        let (_, w, r) = active.swap_remove(k);
                        for x in members(w) {
                            locs[x] = Loc::Slot;
                            spilled += 1;
                        }
                        r
                    }
                    _ => {
                        spilled += nmembers;
                        continue;
                    }
                }
            }
        };
        busy |= 1 << r;
        used |= 1 << r;
        for x in members(v) {
            locs[x] = of_idx(r);
        }
        active.push((e, v, r));
    }
    let callee_saved = INT_CALLEE
        .iter()
        .chain(rbp.iter())
        .copied()
        .filter(|g| used & (1 << g.index()) != 0)
        .collect();
    Alloc {
        locs,
        callee_saved,
        spilled,
    }
}
