//! Control-flow graph, liveness and live intervals of one MIR function.
//!
//! Blocks are maximal runs of instructions in layout order: a block starts
//! at a label (consecutive labels share a block) or after a branch, and the
//! blocks keep MIR's order, so emitting them in index order reproduces the
//! function's fall-through structure without any layout pass.
//!
//! Successors follow spec §5.12–5.16: `jmpi` and `jcall` may continue at
//! any label whose address is taken (`laddr` in the function, `lref` data in
//! the module); property branches are resolved statically (every property is
//! 0, §5.16). Liveness is the classic backward bit-set dataflow over MIR
//! variables. Intervals are one `[start, end]` range per variable in the
//! numbering *position(insn i) = 2i+1 for uses, 2i+2 for defs* (parameters
//! are defined at 0): holes are not represented, which is what a plain
//! linear-scan allocator needs.

use crate::CodegenError;
use mirage_ir::opcode::Spec;
use mirage_ir::{Family, Func, InsnRef, ItemKind, LabelId, Module, Opcode, Operand, VarId};

/// One basic block: instructions `start..end`; its successors are
/// [`Cfg::succs`].
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub start: u32,
    pub end: u32,
    pub loop_depth: u32,
    /// The target of a back edge (from itself or a later block).
    loop_head: bool,
}

pub(crate) struct Cfg {
    /// In layout order, together covering every instruction once.
    pub blocks: Vec<Block>,
    /// Labels whose address is taken (possible `jmpi`/`jret` targets).
    pub addr_taken: Vec<LabelId>,
    /// Successors of all blocks in one list (sorted, without duplicates
    /// per block): block `b`'s are `succ_list[succ_off[b]..succ_off[b + 1]]`.
    succ_list: Vec<u32>,
    succ_off: Vec<u32>,
}

/// Whether a property branch jumps (all properties are 0, spec §5.16).
pub(crate) fn pr_branch_taken(eq: bool, ops: &[Operand]) -> bool {
    let c = match ops.get(2) {
        Some(Operand::Int(c)) => *c,
        _ => 0,
    };
    (c == 0) == eq
}

fn ends_block(fam: Family) -> bool {
    fam.is_terminator()
        || matches!(
            fam,
            Family::BTest { .. }
                | Family::BOvf { .. }
                | Family::BICmp { .. }
                | Family::BFCmp { .. }
                | Family::PrBranch { .. }
        )
}

fn label_of(op: Option<&Operand>) -> Option<LabelId> {
    match op {
        Some(Operand::Label(l)) => Some(*l),
        _ => None,
    }
}

impl Cfg {
    pub fn build(f: &Func, m: &Module, self_item: usize) -> Result<Cfg, CodegenError> {
        let n = f.num_insns();
        let mut label_block = vec![u32::MAX; f.labels.len()];
        // Blocks start at labels (and after branches): a first estimate.
        let mut blocks: Vec<Block> = Vec::with_capacity(f.labels.len() + 2);
        let mut start = 0usize;
        let mut addr_taken = Vec::new();
        let mut prev_label = false;
        // Opcodes only (cheap); the operands of labels and `laddr` alone.
        for (i, op) in f.opcodes().enumerate() {
            let fam = op.family();
            if let Some(l) = (op == Opcode::Label)
                .then(|| f.insn(i).defined_label())
                .flatten()
            {
                if i > start && !prev_label {
                    blocks.push(Block {
                        start: start as u32,
                        end: i as u32,
                        loop_depth: 0,
                        loop_head: false,
                    });
                    start = i;
                }
                if let Some(slot) = label_block.get_mut(l.index()) {
                    *slot = blocks.len() as u32;
                }
                prev_label = true;
                continue;
            }
            prev_label = false;
            if fam == Family::Laddr {
                if let Some(l) = label_of(f.insn(i).operands.get(1)) {
                    addr_taken.push(l);
                }
            }
            if ends_block(fam) {
                blocks.push(Block {
                    start: start as u32,
                    end: i as u32 + 1,
                    loop_depth: 0,
                    loop_head: false,
                });
                start = i + 1;
            }
        }
        if start < n || blocks.is_empty() {
            blocks.push(Block {
                start: start as u32,
                end: n as u32,
                loop_depth: 0,
                loop_head: false,
            });
        }
        for it in &m.items {
            if let ItemKind::Lref {
                func,
                label,
                label2,
                ..
            } = &it.kind
            {
                if m.resolve(*func).index() == self_item {
                    addr_taken.push(*label);
                    if let Some(l2) = label2 {
                        addr_taken.push(*l2);
                    }
                }
            }
        }
        addr_taken.sort_unstable();
        addr_taken.dedup();
        let nb = blocks.len();
        let lb = |l: LabelId| -> Result<u32, CodegenError> {
            match label_block.get(l.index()) {
                Some(&b) if b != u32::MAX => Ok(b.min(nb as u32 - 1)),
                _ => Err(CodegenError::BadIr(format!("label {l:?} is not placed"))),
            }
        };
        let taken_blocks: Vec<u32> = addr_taken
            .iter()
            .map(|&l| lb(l))
            .collect::<Result<_, _>>()?;
        // Successors, appended block after block to one list.
        let mut succ_list: Vec<u32> = Vec::with_capacity(2 * nb);
        let mut succ_off: Vec<u32> = Vec::with_capacity(nb + 1);
        succ_off.push(0);
        for (b, blk) in blocks.iter().enumerate() {
            let (s, e) = (blk.start as usize, blk.end as usize);
            let next = (b + 1 < nb).then_some(b as u32 + 1);
            let lo = succ_list.len();
            let succs = &mut succ_list;
            let last = (e > s).then(|| f.insn(e - 1));
            match last.map(|i| (i.op.family(), i)) {
                Some((Family::Jmp, i)) => succs.push(lb(label_of(i.operands.first())
                    .ok_or_else(|| CodegenError::BadIr("jmp without label".into()))?)?),
                Some((
                    Family::BTest { .. }
                    | Family::BOvf { .. }
                    | Family::BICmp { .. }
                    | Family::BFCmp { .. },
                    i,
                )) => {
                    succs.push(lb(label_of(i.operands.first()).ok_or_else(|| {
                        CodegenError::BadIr("branch without label".into())
                    })?)?);
                    succs.extend(next);
                }
                Some((Family::PrBranch { eq }, i)) => {
                    if pr_branch_taken(eq, i.operands) {
                        succs.push(lb(label_of(i.operands.first()).ok_or_else(|| {
                            CodegenError::BadIr("branch without label".into())
                        })?)?);
                    } else {
                        succs.extend(next);
                    }
                }
                Some((Family::Switch, i)) => {
                    for op in &i.operands[1..] {
                        if let Operand::Label(l) = op {
                            succs.push(lb(*l)?);
                        }
                    }
                }
                Some((Family::Jmpi | Family::JCall, _)) => succs.extend(&taken_blocks),
                Some((Family::Ret | Family::JRet, _)) => {}
                _ => succs.extend(next),
            }
            sort_dedup_tail(succs, lo);
            succ_off.push(succs.len() as u32);
        }
        // Loop depth: every back edge (to an earlier or the same block)
        // deepens the blocks it spans.
        // (The differences are kept in `loop_depth` itself, wrapping: the
        // running sums are never negative.)
        for b in 0..nb {
            for &s in &succ_list[succ_off[b] as usize..succ_off[b + 1] as usize] {
                if (s as usize) <= b {
                    let h = &mut blocks[s as usize];
                    h.loop_depth = h.loop_depth.wrapping_add(1);
                    h.loop_head = true;
                    if let Some(after) = blocks.get_mut(b + 1) {
                        after.loop_depth = after.loop_depth.wrapping_sub(1);
                    }
                }
            }
        }
        let mut d = 0u32;
        for blk in &mut blocks {
            d = d.wrapping_add(blk.loop_depth);
            blk.loop_depth = d;
        }
        Ok(Cfg {
            blocks,
            addr_taken,
            succ_list,
            succ_off,
        })
    }

    /// The successors of block `b` (sorted, without duplicates).
    pub fn succs(&self, b: usize) -> &[u32] {
        &self.succ_list[self.succ_off[b] as usize..self.succ_off[b + 1] as usize]
    }
}

/// Sorts `v[lo..]` and drops its duplicates.
fn sort_dedup_tail(v: &mut Vec<u32>, lo: usize) {
    v[lo..].sort_unstable();
    let mut w = lo;
    for r in lo..v.len() {
        if w == lo || v[r] != v[w - 1] {
            v[w] = v[r];
            w += 1;
        }
    }
    v.truncate(w);
}

/// Calls `f(var, is_def)` for every variable an instruction reads or
/// writes (memory-operand base and index registers are reads).
pub(crate) fn for_each_var(insn: InsnRef<'_>, m: &Module, mut f: impl FnMut(VarId, bool)) {
    let ops = insn.operands;
    #[inline]
    fn mem_uses(op: &Operand, f: &mut impl FnMut(VarId, bool)) {
        if let Operand::Mem(mm) = op {
            if let Some(b) = mm.base {
                f(b, false);
            }
            if let Some(i) = mm.index {
                f(i, false);
            }
        }
    }
    let fam = insn.op.family();
    match fam {
        Family::Call | Family::Inline | Family::JCall => {
            let nres = call_nres(ops, m);
            for (k, op) in ops.iter().enumerate().skip(1) {
                match op {
                    Operand::Reg(v) => f(*v, (2..2 + nres).contains(&k)),
                    _ => mem_uses(op, &mut f),
                }
            }
        }
        Family::Switch | Family::Ret => {
            for op in ops {
                match op {
                    Operand::Reg(v) => f(*v, false),
                    _ => mem_uses(op, &mut f),
                }
            }
        }
        _ => {
            let specs = insn.op.info().operands;
            for (k, op) in ops.iter().enumerate() {
                let spec = specs.get(k).copied().unwrap_or(Spec::I);
                match spec {
                    Spec::L | Spec::M | Spec::Loc | Spec::Imm => continue,
                    _ => {}
                }
                match op {
                    Operand::Reg(v) => f(*v, spec.is_output()),
                    _ => mem_uses(op, &mut f),
                }
            }
        }
    }
}

/// Operations whose second operand must not share the result's register
/// (see [`Live::compute`]).
fn keeps_second(fam: Family) -> bool {
    use mirage_ir::opcode::{FBinOp, IBinOp};
    match fam {
        Family::FBin { op, class } => {
            matches!(op, FBinOp::Sub | FBinOp::Div) && class != mirage_ir::Class::LD
        }
        Family::IBin { op, .. } => {
            matches!(op, IBinOp::Sub | IBinOp::Lsh | IBinOp::Rsh | IBinOp::URsh)
        }
        _ => false,
    }
}

/// Number of results of a call instruction (from its prototype).
pub(crate) fn call_nres(ops: &[Operand], m: &Module) -> usize {
    match ops.first() {
        Some(Operand::Ref(p)) => match m.items.get(p.index()).map(|it| &it.kind) {
            Some(ItemKind::Proto(p)) => p.results.len(),
            _ => 0,
        },
        _ => 0,
    }
}

/// Whether an instruction calls out (clobbering caller-saved registers).
pub(crate) fn is_call(fam: Family) -> bool {
    matches!(
        fam,
        Family::Call | Family::Inline | Family::JCall | Family::VaBlockArg
    )
}

/// Liveness and intervals.
pub(crate) struct Live {
    /// Per variable: first and last position (`u32::MAX, 0` if unused).
    pub start: Vec<u32>,
    pub end: Vec<u32>,
    /// Per variable: occurrences weighted by loop depth.
    pub weight: Vec<u64>,
    /// Per variable: plain occurrence count.
    pub count: Vec<u32>,
    /// Per variable: operand of `addr*` (must live in memory).
    pub addr_taken: Vec<bool>,
    /// Positions of call-like instructions (their use position 2i+1).
    pub calls: Vec<u32>,
    /// Live-in then live-out sets per block, `words` 64-bit words each
    /// (see [`Live::live_in`], [`Live::live_out`]).
    sets: Vec<u64>,
    words: usize,
    /// What [`for_each_var`] reports for every instruction, recorded once
    /// (variables below `f.vars.len()` only) so later passes need not
    /// decode the operands again: `var << 1 | is_def`, instruction `i`'s
    /// at `occ[occ_off[i]..occ_off[i + 1]]` (see [`Live::vars_of`]).
    occ: Vec<u32>,
    occ_off: Vec<u32>,
}

fn set_has(s: &[u64], v: usize) -> bool {
    s[v / 64] >> (v % 64) & 1 != 0
}

/// Per-variable facts [`Live::compute`] collects in its forward scan.
struct Scan {
    start: Vec<u32>,
    end: Vec<u32>,
    weight: Vec<u64>,
    count: Vec<u32>,
    addr_taken: Vec<bool>,
    calls: Vec<u32>,
    occ: Vec<u32>,
    occ_off: Vec<u32>,
}

impl Live {
    pub fn compute(f: &Func, m: &Module, cfg: &Cfg) -> Live {
        let nv = f.vars.len();
        let words = nv.div_ceil(64).max(1);
        let nb = cfg.blocks.len();
        let n = words * nb;
        // Per-block bit sets, `words` words each: uses and defs (in one
        // array), then live-in and live-out (in another, kept).
        let mut ud = vec![0u64; 2 * n];
        let (uses, defs) = ud.split_at_mut(n);
        let mut sc = Self::scan(f, m, cfg, uses, defs);
        // Backward dataflow to a fixed point.
        let mut sets = vec![0u64; 2 * n];
        {
            let (live_in, live_out) = sets.split_at_mut(n);
            // Each sweep sees the final live-in sets of later blocks; only
            // those read over back edges may be stale: another sweep only
            // when one of a back edge's targets changed.
            let mut changed = true;
            while changed {
                changed = false;
                for b in (0..nb).rev() {
                    let head = cfg.blocks[b].loop_head;
                    let w0 = b * words;
                    let out = &mut live_out[w0..w0 + words];
                    out.fill(0);
                    for &s in cfg.succs(b) {
                        let s = s as usize * words;
                        for (o, x) in out.iter_mut().zip(&live_in[s..s + words]) {
                            *o |= x;
                        }
                    }
                    for k in 0..words {
                        let x = uses[w0 + k] | (out[k] & !defs[w0 + k]);
                        if x != live_in[w0 + k] {
                            live_in[w0 + k] = x;
                            changed |= head;
                        }
                    }
                }
            }
        }
        let (live_in, live_out) = sets.split_at(n);
        let (start, end) = (&mut sc.start, &mut sc.end);
        for (b, blk) in cfg.blocks.iter().enumerate() {
            let (s, e) = (2 * blk.start, 2 * blk.end);
            let r = b * words..(b + 1) * words;
            for (k, (&wi, &wo)) in live_in[r.clone()].iter().zip(&live_out[r]).enumerate() {
                let mut bits = wi | wo;
                while bits != 0 {
                    let x = k * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if x >= nv {
                        continue;
                    }
                    if wi >> (x % 64) & 1 != 0 {
                        start[x] = start[x].min(s);
                        end[x] = end[x].max(s);
                    }
                    if wo >> (x % 64) & 1 != 0 {
                        end[x] = end[x].max(e + 1);
                        start[x] = start[x].min(e);
                    }
                }
            }
        }
        Live {
            start: sc.start,
            end: sc.end,
            weight: sc.weight,
            count: sc.count,
            addr_taken: sc.addr_taken,
            calls: sc.calls,
            sets,
            words,
            occ: sc.occ,
            occ_off: sc.occ_off,
        }
    }

    /// The forward scan: positions, weights, counts, calls and the
    /// variables of every instruction; each block's upward-exposed uses
    /// and definitions into `uses` and `defs`.
    fn scan(f: &Func, m: &Module, cfg: &Cfg, uses: &mut [u64], defs: &mut [u64]) -> Scan {
        let nv = f.vars.len();
        let words = nv.div_ceil(64).max(1);
        let ni = f.num_insns();
        let mut sc = Scan {
            start: vec![u32::MAX; nv],
            end: vec![0u32; nv],
            weight: vec![0u64; nv],
            count: vec![0u32; nv],
            addr_taken: vec![false; nv],
            calls: Vec::new(),
            occ: Vec::with_capacity(2 * ni + 8),
            occ_off: Vec::with_capacity(ni + 1),
        };
        for s in sc.start.iter_mut().take(f.nparams()) {
            *s = 0;
        }
        sc.occ_off.push(0);
        for (b, blk) in cfg.blocks.iter().enumerate() {
            let w = 10u64.pow(blk.loop_depth.min(6));
            let r = b * words..(b + 1) * words;
            let (u, d) = (&mut uses[r.clone()], &mut defs[r]);
            for (i, insn) in (blk.start..).zip(f.insns_in(blk.start as usize..blk.end as usize)) {
                let fam = insn.op.family();
                if is_call(fam) {
                    sc.calls.push(2 * i + 1);
                }
                if matches!(fam, Family::Addr { .. }) {
                    if let Some(Operand::Reg(v)) = insn.operands.get(1) {
                        if v.index() < nv {
                            sc.addr_taken[v.index()] = true;
                        }
                    }
                }
                let lo = sc.occ.len();
                let occ = &mut sc.occ;
                for_each_var(insn, m, |v, is_def| {
                    if v.index() < nv {
                        occ.push((v.index() as u32) << 1 | u32::from(is_def));
                    }
                });
                for &o in &sc.occ[lo..] {
                    let (x, is_def) = ((o >> 1) as usize, o & 1 != 0);
                    let pos = 2 * i + 1 + u32::from(is_def);
                    sc.start[x] = sc.start[x].min(pos);
                    sc.end[x] = sc.end[x].max(pos);
                    sc.weight[x] = sc.weight[x].saturating_add(w);
                    sc.count[x] += 1;
                    if is_def {
                        d[x / 64] |= 1 << (x % 64);
                    } else if !set_has(d, x) {
                        u[x / 64] |= 1 << (x % 64);
                    }
                }
                sc.occ_off.push(sc.occ.len() as u32);
                // The second operand of `d = a - b` (and of other operations
                // selection cannot commute) stays live over the definition,
                // so `d` does not take its register: with `d` and `b` in one
                // register the result needs a scratch register and a move.
                if let (true, Some(Operand::Reg(v))) = (keeps_second(fam), insn.operands.get(2)) {
                    if v.index() < nv {
                        sc.end[v.index()] = sc.end[v.index()].max(2 * i + 2);
                    }
                }
            }
        }
        sc
    }

    /// The variables instruction `i` reads or writes, encoded as
    /// `var << 1 | is_def` (see [`Live::vars_of`]).
    pub fn occ_of(&self, i: usize) -> &[u32] {
        &self.occ[self.occ_off[i] as usize..self.occ_off[i + 1] as usize]
    }

    /// The variables instruction `i` reads or writes, as `(var, is_def)`,
    /// in [`for_each_var`]'s order (variables of the function only).
    pub fn vars_of(&self, i: usize) -> impl Iterator<Item = (usize, bool)> + '_ {
        self.occ_of(i)
            .iter()
            .map(|&o| ((o >> 1) as usize, o & 1 != 0))
    }

    /// The live-out set of block `b` (bit `v` for variable `v`).
    pub fn live_out(&self, b: usize) -> &[u64] {
        let n = self.sets.len() / 2;
        &self.sets[n + b * self.words..n + (b + 1) * self.words]
    }

    /// The live-in set of block `b` (bit `v` for variable `v`).
    pub fn live_in(&self, b: usize) -> &[u64] {
        &self.sets[b * self.words..(b + 1) * self.words]
    }

    /// Whether variable `v`'s interval spans a call (live before and after
    /// it).
    pub fn crosses_call(&self, v: usize) -> bool {
        self.crosses(self.start[v], self.end[v])
    }

    /// Whether the interval `[s, e]` spans a call.
    pub fn crosses(&self, s: u32, e: u32) -> bool {
        if s == u32::MAX {
            return false;
        }
        let k = self.calls.partition_point(|&c| c <= s);
        self.calls.get(k).is_some_and(|&c| c + 1 < e)
    }

    /// The variables live into block `b`.
    pub fn live_in_vars(&self, b: usize) -> Vec<usize> {
        let mut v = Vec::new();
        for (k, &w) in self.live_in(b).iter().enumerate() {
            let mut bits = w;
            while bits != 0 {
                v.push(k * 64 + bits.trailing_zeros() as usize);
                bits &= bits - 1;
            }
        }
        v
    }
}
