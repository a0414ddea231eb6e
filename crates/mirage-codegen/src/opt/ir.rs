//! The optimizer's working form of one function: basic blocks with explicit
//! edges, built from a flat MIR [`Func`] and turned back into one.
//!
//! MIR places labels in a flat instruction list and lets control fall
//! through; passes want blocks with predecessor and successor lists. A
//! [`Body`] keeps MIR instructions ([`Insn`]) inside blocks, so every pass
//! speaks MIR and a dump at any point is MIR text, but takes control flow out
//! of the instructions: each block ends in a [`Term`] and lists its
//! successors in `succs`, which are the truth (label operands inside a
//! terminator instruction are placeholders, rewritten when the body is
//! [emitted](Body::emit)). `jmp` is not an instruction here (it is
//! [`Term::Goto`]); `prset` disappears and `prbeq`/`prbne` become gotos or
//! nothing, as properties are always 0 outside lazy-BB generation (spec
//! §5.16).
//!
//! In SSA form (see `ssa.rs`) variables past `norig` are SSA values, each
//! with one definition; phis live in [`Block::phis`] with one argument per
//! entry of `preds` (an edge that appears twice, e.g. from a `switch`,
//! appears twice in `preds`).
//!
//! Block 0 is always an empty entry block with no predecessors, so every
//! algorithm can assume the entry has none. Falling off the end of a
//! function is either an explicit `ret` of zeros (functions without any
//! `ret`, spec §2.11) or [`Term::FellOff`], which emission places last so
//! that the interpreter's "fell off" trap is kept.

use mirage_ir::opcode::{Family, IBinOp};
use mirage_ir::{
    Class, Func, Insn, ItemKind, LabelId, Labels, Module, Opcode, Operand, Operands, Pos, Proto,
    Type, Var, VarId, VarKind,
};

/// A basic block's index in [`Body::blocks`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct BlockId(pub u32);

impl BlockId {
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How a block ends.
#[derive(Clone, Debug)]
pub(crate) enum Term {
    /// Go to `succs[0]`.
    Goto,
    /// A conditional branch (`bt`, `blt`, `bo`, …): `succs = [fall, taken]`.
    Cond(Insn),
    /// `switch`: `succs` are the targets in operand order.
    Switch(Insn),
    /// `ret` or `jret`: no successors.
    Ret(Insn),
    /// Control runs off the end of the function (a trap at run time).
    FellOff,
}

/// A phi: `dst` gets `args[i]` when control arrives from `preds[i]`.
#[derive(Clone, Debug)]
pub(crate) struct Phi {
    pub dst: VarId,
    pub args: Vec<Operand>,
}

#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// The MIR label the block keeps when emitted (if any).
    pub label: Option<LabelId>,
    pub phis: Vec<Phi>,
    pub insns: Vec<Insn>,
    pub term: Term,
    pub succs: Vec<BlockId>,
    pub preds: Vec<BlockId>,
    /// Removed from the function (kept in the vector so ids stay stable).
    pub dead: bool,
}

impl Block {
    pub fn new() -> Block {
        Block {
            label: None,
            phis: Vec::new(),
            insns: Vec::new(),
            term: Term::Goto,
            succs: Vec::new(),
            preds: Vec::new(),
            dead: false,
        }
    }

    /// The terminator's instruction, if it has one.
    pub fn term_insn(&self) -> Option<&Insn> {
        match &self.term {
            Term::Cond(i) | Term::Switch(i) | Term::Ret(i) => Some(i),
            _ => None,
        }
    }

    /// The block's instructions, then its terminator's.
    pub fn all_insns(&self) -> impl Iterator<Item = &Insn> {
        self.insns.iter().chain(self.term_insn())
    }
}

/// One function being optimized.
pub(crate) struct Body<'m> {
    pub module: &'m Module,
    pub name: &'m str,
    pub sig: &'m Proto,
    /// Original variables first (`VarId(i)` is the function's variable
    /// `i`), then temporaries and SSA values. All names are empty until
    /// emission: the original variables' names stay in `src_vars` (not
    /// copied per function).
    pub vars: Vec<Var>,
    /// Number of the function's own variables.
    pub norig: usize,
    /// Per variable: managed as SSA values (meaningful when `ssa`).
    pub promoted: Vec<bool>,
    /// The function's own labels (new ones are made at emission).
    pub labels: &'m Labels,
    pub blocks: Vec<Block>,
    pub ssa: bool,
    pub end_pos: Pos,
    /// The function's own variables, for their names.
    src_vars: &'m [Var],
}

/// The numbers `n` for which `prefix` followed by `n` in decimal is taken:
/// new names are always `prefix` and a counter, so only names of that
/// exact form can clash. Sorted (probed by binary search).
#[derive(Clone, Default)]
pub(crate) struct TakenNumbers(Vec<u32>);

impl TakenNumbers {
    /// The numbers of the `names` that are `prefix` and a number.
    pub fn new<'a>(prefix: &str, names: impl Iterator<Item = &'a str>) -> TakenNumbers {
        let mut nums: Vec<u32> = names.filter_map(|n| decimal_suffix(n, prefix)).collect();
        nums.sort_unstable();
        TakenNumbers(nums)
    }
    pub fn contains(&self, n: u32) -> bool {
        self.0.binary_search(&n).is_ok()
    }
    /// The next free number after `*counter` (which it is set to).
    pub fn next(&self, counter: &mut u32) -> u32 {
        loop {
            *counter += 1;
            if !self.contains(*counter) {
                return *counter;
            }
        }
    }
}

/// `n` when `name` is `prefix` followed by `n` written as `push_decimal`
/// writes it (no sign, no leading zero).
#[inline]
fn decimal_suffix(name: &str, prefix: &str) -> Option<u32> {
    let digits = name.strip_prefix(prefix)?;
    let b = digits.as_bytes();
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) || (b.len() > 1 && b[0] == b'0') {
        return None;
    }
    digits.parse().ok()
}

/// The taken numbers of new labels `prefix` + number among the label names
/// of a whole module (labels are module-wide, spec §2.8).
pub(crate) fn module_label_numbers(m: &Module, prefix: &str) -> TakenNumbers {
    TakenNumbers::new(
        prefix,
        m.items
            .iter()
            .flat_map(|it| match &it.kind {
                ItemKind::Func(f) => Some(f.labels.with_prefix(prefix)),
                _ => None,
            })
            .flatten(),
    )
}

/// The move opcode for a value class.
pub(crate) fn mov_op(c: Class) -> Opcode {
    match c {
        Class::Int => Opcode::Mov,
        Class::F => Opcode::FMov,
        Class::D => Opcode::DMov,
        Class::LD => Opcode::LDMov,
    }
}

/// The extension a load of `t` applies to the low bytes of a value
/// (`None` for full-width types).
pub(crate) fn ext_op(t: Type) -> Option<Opcode> {
    match t {
        Type::I8 => Some(Opcode::Ext8),
        Type::U8 => Some(Opcode::UExt8),
        Type::I16 => Some(Opcode::Ext16),
        Type::U16 => Some(Opcode::UExt16),
        Type::I32 => Some(Opcode::Ext32),
        Type::U32 => Some(Opcode::UExt32),
        _ => None,
    }
}

/// Families that compute a value from their operands and nothing else
/// (no memory written, no call, no control flow; `div` may still trap).
pub(crate) fn computes_only(f: Family) -> bool {
    matches!(
        f,
        Family::Ext { .. }
            | Family::Conv { .. }
            | Family::Neg { .. }
            | Family::IBin { .. }
            | Family::FBin { .. }
            | Family::ICmp { .. }
            | Family::FCmp { .. }
            | Family::Addr { .. }
            | Family::Ovf { .. }
    )
}

/// The zero constant of a class.
pub(crate) fn zero_of(c: Class) -> Operand {
    match c {
        Class::Int => Operand::Int(0),
        Class::F => Operand::Float(0),
        Class::D => Operand::Double(0),
        Class::LD => Operand::ldouble(mirage_ir::F80::ZERO),
    }
}

/// Number of results of a call-like instruction (from its prototype).
pub(crate) fn call_nres(m: &Module, insn: &Insn) -> usize {
    match insn.operands.first() {
        Some(Operand::Ref(id)) if id.index() < m.items.len() => match &m.item(*id).kind {
            ItemKind::Proto(p) => p.results.len(),
            _ => 0,
        },
        _ => 0,
    }
}

/// A cheap integer operation of registers and constants: no memory, no
/// call, no fixed registers, no trap (what an early exit may compute, see
/// `peel-exit` and the backend's `shrink`).
pub(crate) fn cheap_int(f: Family) -> bool {
    match f {
        Family::Move(Class::Int) | Family::Ext { .. } | Family::ICmp { .. } => true,
        Family::Neg {
            class: Class::Int, ..
        } => true,
        Family::IBin { op, .. } => matches!(
            op,
            IBinOp::Add | IBinOp::Sub | IBinOp::Mul | IBinOp::And | IBinOp::Or | IBinOp::Xor
        ),
        _ => false,
    }
}

/// The prototype of a call-like instruction.
pub(crate) fn call_proto<'a>(m: &'a Module, insn: &Insn) -> Option<&'a Proto> {
    match insn.operands.first() {
        Some(Operand::Ref(id)) if id.index() < m.items.len() => match &m.item(*id).kind {
            ItemKind::Proto(p) => Some(p),
            _ => None,
        },
        _ => None,
    }
}

/// The range of operand positions an instruction writes.
#[inline]
pub(crate) fn outputs(m: &Module, insn: &Insn) -> std::ops::Range<usize> {
    match insn.op.family() {
        Family::Call | Family::Inline => 2..2 + call_nres(m, insn),
        Family::JCall | Family::Switch | Family::Ret | Family::Phi | Family::Use => 0..0,
        Family::Unspec | Family::Label | Family::Invalid => 0..0,
        _ => match insn.op.info().operands.first() {
            Some(s) if s.is_output() => 0..1,
            _ => 0..0,
        },
    }
}

/// Whether operand `i` of `insn` is a block argument of a call (a memory
/// operand standing for an address and a size, not an access).
pub(crate) fn is_block_arg(insn: &Insn, i: usize) -> bool {
    matches!(
        insn.op.family(),
        Family::Call | Family::Inline | Family::JCall
    ) && matches!(insn.operands.get(i), Some(Operand::Mem(m)) if m.ty.is_block())
}

/// Whether operand `i` is not a value at all: labels, a call's prototype,
/// `va_arg`'s type-only memory operand, `addr`'s variable, `prset`-style
/// locations and immediates.
pub(crate) fn is_non_value(insn: &Insn, i: usize) -> bool {
    match insn.op.family() {
        Family::Call | Family::Inline | Family::JCall => i == 0,
        Family::Addr { .. } | Family::Laddr => i == 1,
        Family::VaArg => i == 2,
        _ => matches!(insn.operands.get(i), Some(Operand::Label(_))),
    }
}

/// The one operand position that is not a value whatever it holds (see
/// [`is_non_value`]): for a register or memory operand, `is_non_value(insn,
/// i)` is `non_value_pos(family) == Some(i)`.
#[inline]
pub(crate) fn non_value_pos(f: Family) -> Option<usize> {
    match f {
        Family::Call | Family::Inline | Family::JCall => Some(0),
        Family::Addr { .. } | Family::Laddr => Some(1),
        Family::VaArg => Some(2),
        _ => None,
    }
}

/// Whether an integer division or remainder can trap: the divisor is not
/// a constant, or is 0, or is -1 (`MIN / -1` traps).
pub(crate) fn div_may_trap(insn: &Insn) -> bool {
    let Family::IBin { op, w32 } = insn.op.family() else {
        return false;
    };
    if !matches!(op, IBinOp::Div | IBinOp::UDiv | IBinOp::Mod | IBinOp::UMod) {
        return false;
    }
    match insn.operands.get(2) {
        Some(Operand::Int(d)) => {
            let d = if w32 { *d as i32 as i64 } else { *d };
            let signed = matches!(op, IBinOp::Div | IBinOp::Mod);
            d == 0 || (signed && d == -1)
        }
        _ => true,
    }
}

impl<'m> Body<'m> {
    pub fn block(&self, b: BlockId) -> &Block {
        &self.blocks[b.index()]
    }
    pub fn block_mut(&mut self, b: BlockId) -> &mut Block {
        &mut self.blocks[b.index()]
    }
    pub fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block::new());
        BlockId(self.blocks.len() as u32 - 1)
    }
    /// A fresh unnamed variable of a class (named at emission).
    #[inline]
    pub fn new_var(&mut self, c: Class) -> VarId {
        let ty = match c {
            Class::Int => Type::I64,
            Class::F => Type::F,
            Class::D => Type::D,
            Class::LD => Type::LD,
        };
        self.vars.push(Var {
            name: String::new(),
            ty,
            kind: VarKind::Local,
            hard_reg: None,
        });
        self.promoted.push(true);
        VarId::new(self.vars.len() - 1)
    }
    pub fn class_of(&self, v: VarId) -> Class {
        self.vars[v.index()].ty.class()
    }
    /// The value class of an operand (memory by its type).
    pub fn operand_class(&self, op: &Operand) -> Class {
        match op {
            Operand::Reg(v) => self.class_of(*v),
            Operand::Float(_) => Class::F,
            Operand::Double(_) => Class::D,
            Operand::LDouble(_) => Class::LD,
            Operand::Mem(m) => m.ty.class(),
            _ => Class::Int,
        }
    }

    /// Builds the body of `func` (see the module documentation).
    pub fn build(module: &'m Module, name: &'m str, func: &'m Func) -> Body<'m> {
        // Whether the function returns anywhere, and how many instructions
        // end a block (with the labels, a bound on the number of blocks).
        let mut nrets = 0;
        let mut nbranches = 0;
        for op in func.opcodes() {
            match op.family() {
                Family::Ret | Family::JRet => nrets += 1,
                Family::Jmp
                | Family::PrBranch { .. }
                | Family::BTest { .. }
                | Family::BOvf { .. }
                | Family::BICmp { .. }
                | Family::BFCmp { .. }
                | Family::Switch => nbranches += 1,
                _ => {}
            }
        }
        let has_ret = nrets > 0;
        let mut body = Body {
            module,
            name,
            sig: &func.sig,
            // Names stay in `src_vars`.
            vars: func
                .vars
                .iter()
                .map(|v| Var {
                    name: String::new(),
                    ty: v.ty,
                    kind: v.kind,
                    hard_reg: v.hard_reg.clone(),
                })
                .collect(),
            norig: func.vars.len(),
            promoted: vec![false; func.vars.len()],
            labels: &func.labels,
            blocks: Vec::with_capacity(func.labels.len() + nrets + nbranches + 3),
            ssa: false,
            end_pos: func.end_pos,
            src_vars: &func.vars,
        };
        let entry = body.new_block();
        let first = body.new_block();
        body.blocks[entry.index()].succs.push(first);
        let mut label_block: Vec<Option<BlockId>> = vec![None; func.labels.len()];
        // Successor labels to resolve once every label is placed:
        // (block, index in succs, label).
        let mut pending: Vec<(BlockId, usize, LabelId)> = Vec::with_capacity(nbranches);
        let mut cur = first;
        let mut open = true;
        // The instructions of `cur`, moved into the block (one allocation,
        // with room for a couple more: passes before `ssa` insert some)
        // when the walk leaves it.
        let mut scratch: Vec<Insn> = Vec::with_capacity(func.num_insns());
        fn flush(body: &mut Body, b: BlockId, scratch: &mut Vec<Insn>) {
            if !scratch.is_empty() {
                let mut v = Vec::with_capacity(scratch.len() + 2);
                v.append(scratch);
                body.blocks[b.index()].insns = v;
            }
        }
        let label_of = |op: Option<&Operand>| match op {
            Some(Operand::Label(l)) => *l,
            _ => LabelId(u32::MAX),
        };
        for insn in func.insns() {
            let fam = insn.op.family();
            if let Family::Label = fam {
                let Some(l) = insn.defined_label() else {
                    continue;
                };
                let reuse = open && scratch.is_empty();
                if !reuse {
                    flush(&mut body, cur, &mut scratch);
                    let nb = body.new_block();
                    if open {
                        let c = &mut body.blocks[cur.index()];
                        c.term = Term::Goto;
                        c.succs = vec![nb];
                    }
                    cur = nb;
                    open = true;
                }
                let c = &mut body.blocks[cur.index()];
                if c.label.is_none() {
                    c.label = Some(l);
                }
                if let Some(slot) = label_block.get_mut(l.index()) {
                    *slot = Some(cur);
                }
                continue;
            }
            if !open {
                flush(&mut body, cur, &mut scratch);
                cur = body.new_block();
                open = true;
            }
            match fam {
                Family::PrSet => {}
                Family::PrBranch { eq } => {
                    let c = match insn.operands.get(2) {
                        Some(Operand::Int(c)) => *c,
                        _ => 0,
                    };
                    if eq == (c == 0) {
                        let blk = &mut body.blocks[cur.index()];
                        blk.term = Term::Goto;
                        blk.succs = vec![BlockId(u32::MAX)];
                        pending.push((cur, 0, label_of(insn.operands.first())));
                        open = false;
                    }
                }
                Family::Jmp => {
                    let blk = &mut body.blocks[cur.index()];
                    blk.term = Term::Goto;
                    blk.succs = vec![BlockId(u32::MAX)];
                    pending.push((cur, 0, label_of(insn.operands.first())));
                    open = false;
                }
                Family::BTest { .. }
                | Family::BOvf { .. }
                | Family::BICmp { .. }
                | Family::BFCmp { .. } => {
                    let nb = body.new_block();
                    let blk = &mut body.blocks[cur.index()];
                    blk.term = Term::Cond(insn.to_insn());
                    blk.succs = vec![nb, BlockId(u32::MAX)];
                    pending.push((cur, 1, label_of(insn.operands.first())));
                    flush(&mut body, cur, &mut scratch);
                    cur = nb;
                }
                Family::Switch => {
                    let blk = &mut body.blocks[cur.index()];
                    blk.term = Term::Switch(insn.to_insn());
                    let n = insn.operands.len().saturating_sub(1);
                    blk.succs = vec![BlockId(u32::MAX); n];
                    for k in 0..n {
                        pending.push((cur, k, label_of(insn.operands.get(k + 1))));
                    }
                    open = false;
                }
                Family::Ret | Family::JRet => {
                    let blk = &mut body.blocks[cur.index()];
                    blk.term = Term::Ret(insn.to_insn());
                    open = false;
                }
                _ => scratch.push(insn.to_insn()),
            }
        }
        flush(&mut body, cur, &mut scratch);
        if open {
            let blk = &mut body.blocks[cur.index()];
            if has_ret {
                blk.term = Term::FellOff;
            } else {
                let vals = func
                    .sig
                    .results
                    .iter()
                    .map(|t| zero_of(t.class()))
                    .collect();
                let mut r = Insn::new(Opcode::Ret, vals);
                r.pos = func.end_pos;
                blk.term = Term::Ret(r);
            }
        }
        for (b, k, l) in pending {
            // The verifier guarantees labels exist; a missing one would be
            // a bug upstream: send the edge to the fall-off block.
            let target = label_block
                .get(l.index())
                .copied()
                .flatten()
                .unwrap_or_else(|| body.falloff_block());
            body.blocks[b.index()].succs[k] = target;
        }
        body.compute_preds();
        body
    }

    /// A block that falls off the end (created on demand).
    pub fn falloff_block(&mut self) -> BlockId {
        for (i, b) in self.blocks.iter().enumerate() {
            if !b.dead && matches!(b.term, Term::FellOff) && b.insns.is_empty() && b.phis.is_empty()
            {
                return BlockId(i as u32);
            }
        }
        let b = self.new_block();
        self.blocks[b.index()].term = Term::FellOff;
        b
    }

    /// Makes sure at most one block falls off the end (emission can place
    /// only one block last): the others jump to an empty fall-off block.
    /// Keeps `preds` in step (the new block has no phis).
    pub fn unify_falloff(&mut self) {
        let offs: Vec<BlockId> = self
            .live_blocks()
            .filter(|&b| matches!(self.block(b).term, Term::FellOff))
            .collect();
        if offs.len() < 2 {
            return;
        }
        let f = match offs
            .iter()
            .find(|&&b| self.block(b).insns.is_empty() && self.block(b).phis.is_empty())
        {
            Some(&b) => b,
            None => {
                let f = self.new_block();
                self.blocks[f.index()].term = Term::FellOff;
                f
            }
        };
        for b in offs {
            if b != f {
                let blk = self.block_mut(b);
                blk.term = Term::Goto;
                blk.succs = vec![f];
                self.block_mut(f).preds.push(b);
            }
        }
    }

    /// Recomputes every `preds` list from `succs` (not for SSA bodies, whose
    /// phi arguments follow the order of `preds`).
    pub fn compute_preds(&mut self) {
        for b in &mut self.blocks {
            b.preds.clear();
        }
        for i in 0..self.blocks.len() {
            if self.blocks[i].dead {
                continue;
            }
            for k in 0..self.blocks[i].succs.len() {
                let s = self.blocks[i].succs[k];
                self.blocks[s.index()].preds.push(BlockId(i as u32));
            }
        }
    }

    /// Live blocks in index order.
    pub fn live_blocks(&self) -> impl Iterator<Item = BlockId> + '_ {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.dead)
            .map(|(i, _)| BlockId(i as u32))
    }

    /// Removes edge number `k` of `preds` of block `s` (and the matching phi
    /// arguments).
    pub fn remove_pred_at(&mut self, s: BlockId, k: usize) {
        let blk = &mut self.blocks[s.index()];
        blk.preds.remove(k);
        for phi in &mut blk.phis {
            phi.args.remove(k);
        }
    }

    /// Removes one edge `p -> s` from the predecessor side of `s`.
    pub fn remove_pred(&mut self, s: BlockId, p: BlockId) {
        if let Some(k) = self.blocks[s.index()].preds.iter().position(|&x| x == p) {
            self.remove_pred_at(s, k);
        }
    }

    /// Blocks reachable from the entry, in reverse postorder. For a
    /// conditional branch the taken successor is visited first so that the
    /// fall-through successor tends to follow its block.
    #[allow(dead_code)] // the passes use `DomTree::rpo`
    pub fn rpo(&self) -> Vec<BlockId> {
        self.rpo_numbered(&mut Vec::new())
    }

    /// [`Body::rpo`], also setting `num[b]` to the position of `b` in it
    /// (`u32::MAX` for unreachable blocks; `num` is resized to the number
    /// of blocks).
    pub fn rpo_numbered(&self, num: &mut Vec<u32>) -> Vec<BlockId> {
        const UNSEEN: u32 = u32::MAX;
        let n = self.blocks.len();
        // Depth-first walk without a stack: while the walk is under way,
        // `num[b]` counts the successors of `b` visited so far (`UNSEEN`
        // before `b` is reached) and `num[n + b]` is the block `b` was
        // reached from. The second half is dropped at the end.
        if num.capacity() < 2 * n {
            *num = vec![UNSEEN; 2 * n];
        } else {
            num.clear();
            num.resize(2 * n, UNSEEN);
        }
        let mut post = Vec::with_capacity(n);
        let mut b = 0usize;
        num[0] = 0;
        loop {
            let succs = &self.blocks[b].succs;
            let k = num[b] as usize;
            // Visit order: reversed, so that succs[0] (the fall-through of
            // a conditional branch) is visited last and lands right after.
            if k < succs.len() {
                let s = succs[succs.len() - 1 - k].index();
                num[b] += 1;
                if num[s] == UNSEEN {
                    num[s] = 0;
                    num[n + s] = b as u32;
                    b = s;
                }
            } else {
                post.push(BlockId(b as u32));
                if b == 0 {
                    break;
                }
                b = num[n + b] as usize;
            }
        }
        num.truncate(n);
        post.reverse();
        for (i, b) in post.iter().enumerate() {
            num[b.index()] = i as u32;
        }
        post
    }

    /// Marks unreachable blocks dead and removes their edges. Returns
    /// whether anything was removed.
    pub fn remove_unreachable(&mut self) -> bool {
        let n = self.blocks.len();
        // One buffer: `reach[b]` (1 when reached) in the first half, the
        // work stack in the second (each block is pushed at most once).
        let mut buf = vec![0u32; 2 * n];
        let (reach, stack) = buf.split_at_mut(n);
        let mut top = 1;
        stack[0] = 0;
        reach[0] = 1;
        while top > 0 {
            top -= 1;
            let b = stack[top] as usize;
            for &s in &self.blocks[b].succs {
                if reach[s.index()] == 0 {
                    reach[s.index()] = 1;
                    stack[top] = s.0;
                    top += 1;
                }
            }
        }
        let reach = &buf[..n];
        let mut changed = false;
        for i in 0..n {
            if reach[i] != 0 || self.blocks[i].dead {
                continue;
            }
            changed = true;
            let succs = std::mem::take(&mut self.blocks[i].succs);
            for s in succs {
                if reach[s.index()] != 0 {
                    self.remove_pred(s, BlockId(i as u32));
                }
            }
            let b = &mut self.blocks[i];
            b.dead = true;
            b.insns.clear();
            b.phis.clear();
            b.preds.clear();
            b.term = Term::Goto;
        }
        changed
    }

    /// Number of MIR instructions (for size limits and statistics).
    pub fn insn_count(&self) -> usize {
        self.live_blocks()
            .map(|b| {
                let blk = self.block(b);
                blk.insns.len() + usize::from(!matches!(blk.term, Term::Goto | Term::FellOff))
            })
            .sum()
    }

    /// Turns the body back into a MIR function: blocks laid out in reverse
    /// postorder (the fall-off block last), labels only where a branch
    /// needs one, `jmp` where a successor does not follow, unused
    /// temporaries dropped, new variables named.
    pub fn emit(&self, taken_labels: &TakenNumbers, label_counter: &mut u32) -> Func {
        let ninsns = self.insn_count();
        self.lay_out(taken_labels, label_counter, ninsns, &mut |b, out| {
            out.extend(self.blocks[b.index()].insns.iter().cloned())
        })
    }

    /// [`Body::emit`] for the last time: instructions are moved, not
    /// copied.
    pub fn into_func(mut self, taken_labels: &TakenNumbers, label_counter: &mut u32) -> Func {
        let ninsns = self.insn_count();
        let mut moved: Vec<Vec<Insn>> = self
            .blocks
            .iter_mut()
            .map(|b| std::mem::take(&mut b.insns))
            .collect();
        self.lay_out(taken_labels, label_counter, ninsns, &mut |b, out| {
            out.append(&mut moved[b.index()])
        })
    }

    fn lay_out(
        &self,
        taken_labels: &TakenNumbers,
        label_counter: &mut u32,
        ninsns: usize,
        body_insns: &mut dyn FnMut(BlockId, &mut Vec<Insn>),
    ) -> Func {
        let n = self.blocks.len();
        let mut pos = Vec::new();
        let mut order = self.rpo_numbered(&mut pos);
        if let Some(p) = order
            .iter()
            .position(|&b| matches!(self.block(b).term, Term::FellOff))
        {
            let b = order.remove(p);
            order.push(b);
            for (i, &b) in order.iter().enumerate().skip(p) {
                pos[b.index()] = i as u32;
            }
        }
        let next_of = |b: BlockId| -> Option<BlockId> {
            let p = pos[b.index()] as usize;
            order.get(p + 1).copied()
        };
        // Which blocks need a label: `NEED` until one is given, then the
        // label's id (original labels keep theirs; new ones follow them).
        const NONE: u32 = u32::MAX;
        const NEED: u32 = u32::MAX - 1;
        let mut block_label = vec![NONE; n];
        for &b in &order {
            let blk = self.block(b);
            match &blk.term {
                Term::Goto if next_of(b) != Some(blk.succs[0]) => {
                    block_label[blk.succs[0].index()] = NEED;
                }
                Term::Cond(_) => {
                    block_label[blk.succs[1].index()] = NEED;
                    if next_of(b) != Some(blk.succs[0]) {
                        block_label[blk.succs[0].index()] = NEED;
                    }
                }
                Term::Switch(_) => {
                    for s in &blk.succs {
                        block_label[s.index()] = NEED;
                    }
                }
                _ => {}
            }
        }
        // New labels are `<function>.L<number>`: their numbers, in id
        // order (the names are written only for labels in use, below).
        let norig_labels = self.labels.len() as u32;
        let mut new_label_nums: Vec<u32> = Vec::new();
        for &b in &order {
            if block_label[b.index()] != NEED {
                continue;
            }
            block_label[b.index()] = match self.block(b).label {
                Some(l) => l.0,
                None => {
                    new_label_nums.push(taken_labels.next(label_counter));
                    norig_labels + new_label_nums.len() as u32 - 1
                }
            };
        }
        // `ninsns` is `insn_count()` (taken before `into_func` moved the
        // instructions out); each block adds at most a label and a `jmp`.
        let mut insns: Vec<Insn> = Vec::with_capacity(ninsns + 2 * order.len());
        let lab = |s: BlockId| {
            let l = block_label[s.index()];
            Operand::Label(LabelId(if l == NONE { 0 } else { l }))
        };
        for (i, &b) in order.iter().enumerate() {
            let blk = self.block(b);
            if block_label[b.index()] != NONE {
                insns.push(one_operand(
                    Opcode::Label,
                    Operand::Label(LabelId(block_label[b.index()])),
                ));
            }
            for phi in &blk.phis {
                let mut ops = Operands::new();
                ops.push(Operand::Reg(phi.dst));
                ops.extend(phi.args.iter().cloned());
                insns.push(Insn::with(Opcode::Phi, ops));
            }
            body_insns(b, &mut insns);
            let next = order.get(i + 1).copied();
            match &blk.term {
                Term::Goto => {
                    if next != Some(blk.succs[0]) {
                        insns.push(one_operand(Opcode::Jmp, lab(blk.succs[0])));
                    }
                }
                Term::Cond(c) => {
                    let mut c = c.clone();
                    c.operands[0] = lab(blk.succs[1]);
                    insns.push(c);
                    if next != Some(blk.succs[0]) {
                        insns.push(one_operand(Opcode::Jmp, lab(blk.succs[0])));
                    }
                }
                Term::Switch(s) => {
                    let mut s = s.clone();
                    for (k, &t) in blk.succs.iter().enumerate() {
                        s.operands[k + 1] = lab(t);
                    }
                    insns.push(s);
                }
                Term::Ret(r) => insns.push(r.clone()),
                Term::FellOff => {}
            }
        }
        // Keep only used labels, renumbered in order of first use, and
        // note the variables in use (one walk).
        let mut lmap = vec![u32::MAX; norig_labels as usize + new_label_nums.len()];
        let mut new_labels = Labels::new();
        let mut name_buf = String::new();
        let mut vmap = self.kept_vars();
        for insn in &mut insns {
            for op in &mut insn.operands {
                match op {
                    Operand::Label(l) => {
                        if lmap[l.index()] == u32::MAX {
                            lmap[l.index()] = new_labels.len() as u32;
                            if l.0 < norig_labels {
                                new_labels.push(&self.labels[l.index()]);
                            } else {
                                name_buf.clear();
                                name_buf.push_str(self.name);
                                name_buf.push_str(".L");
                                let k = new_label_nums[(l.0 - norig_labels) as usize];
                                push_decimal(&mut name_buf, k);
                                new_labels.push(&name_buf);
                            }
                        }
                        *l = LabelId(lmap[l.index()]);
                    }
                    Operand::Reg(v) => vmap[v.index()] = USED,
                    Operand::Mem(m) => {
                        if let Some(b) = m.base {
                            vmap[b.index()] = USED;
                        }
                        if let Some(x) = m.index {
                            vmap[x.index()] = USED;
                        }
                    }
                    _ => {}
                }
            }
        }
        let vars = self.rename_vars(&mut insns, vmap);
        let mut f = Func::new(self.sig.clone(), vars);
        f.labels = new_labels;
        f.set_insns(insns);
        f.end_pos = self.end_pos;
        f
    }

    /// Per variable: `USED` for those kept even when unused (parameters
    /// and hard-register globals), `UNUSED` for the others.
    fn kept_vars(&self) -> Vec<u32> {
        let mut vmap = vec![UNUSED; self.vars.len()];
        for (i, v) in self.vars.iter().enumerate().take(self.norig) {
            if i < self.sig.params.len() || v.kind == VarKind::Global {
                vmap[i] = USED;
            }
        }
        vmap
    }

    /// Drops the variables `UNUSED` in `map`, renumbers the rest (`map`
    /// becomes the renumbering) and names the new ones.
    fn rename_vars(&self, insns: &mut [Insn], mut map: Vec<u32>) -> Vec<Var> {
        // New names are "t." and a number; only such names can clash.
        let item_names = self.module.items.iter().filter_map(|it| it.name.as_deref());
        let taken = TakenNumbers::new(
            "t.",
            self.src_vars
                .iter()
                .map(|v| v.name.as_str())
                .chain(item_names),
        );
        let mut vars = Vec::with_capacity(map.iter().filter(|&&m| m == USED).count());
        let mut counter = 0u32;
        for (i, (m, v)) in map.iter_mut().zip(&self.vars).enumerate() {
            if *m == UNUSED {
                continue;
            }
            *m = vars.len() as u32;
            // The function's own variables have their names in `src_vars`.
            let own = match self.src_vars.get(i) {
                Some(src) if i < self.norig => &src.name,
                _ => &v.name,
            };
            let name = if own.is_empty() {
                let mut name = String::with_capacity(8);
                name.push_str("t.");
                push_decimal(&mut name, taken.next(&mut counter));
                name
            } else {
                own.clone()
            };
            vars.push(Var {
                name,
                ty: v.ty,
                kind: v.kind,
                hard_reg: v.hard_reg.clone(),
            });
        }
        let remap = |v: &mut VarId| *v = VarId(map[v.index()]);
        for insn in insns.iter_mut() {
            for op in &mut insn.operands {
                match op {
                    Operand::Reg(v) => remap(v),
                    Operand::Mem(m) => {
                        // Unshared (copied) only when it changes.
                        let base = m.base.map(|b| VarId(map[b.index()]));
                        let index = m.index.map(|x| VarId(map[x.index()]));
                        if base != m.base || index != m.index {
                            let m = std::sync::Arc::make_mut(m);
                            m.base = base;
                            m.index = index;
                        }
                    }
                    _ => {}
                }
            }
        }
        vars
    }
}

impl Body<'_> {
    /// Between an overflow instruction and the `bo`/`bno`/`ubo`/`ubno` that
    /// reads its flags only register moves may stand (spec §5.11).
    /// Optimization may have turned the source of such a move into a
    /// constant; load the constant into a temporary *before* the overflow
    /// instruction instead.
    pub fn fix_flag_windows(&mut self) {
        for bi in 0..self.blocks.len() {
            let blk = &self.blocks[bi];
            if blk.dead {
                continue;
            }
            let Term::Cond(c) = &blk.term else { continue };
            if !matches!(c.op.family(), Family::BOvf { .. }) {
                continue;
            }
            let Some(ovf) = blk
                .insns
                .iter()
                .rposition(|i| matches!(i.op.family(), Family::Ovf { .. }))
            else {
                continue;
            };
            let hoist: Vec<usize> = (ovf + 1..blk.insns.len())
                .filter(|&i| {
                    let insn = &blk.insns[i];
                    matches!(insn.op.family(), Family::Move(_))
                        && !matches!(insn.operands.get(1), Some(Operand::Reg(_)))
                })
                .collect();
            if hoist.is_empty() {
                continue;
            }
            let mut pre = Vec::new();
            for i in hoist {
                let c = self.operand_class(&self.blocks[bi].insns[i].operands[1]);
                let t = self.new_var(c);
                let src =
                    std::mem::replace(&mut self.blocks[bi].insns[i].operands[1], Operand::Reg(t));
                pre.push(Insn::with(mov_op(c), [Operand::Reg(t), src]));
            }
            let insns = &mut self.blocks[bi].insns;
            let tail: Vec<Insn> = insns.drain(ovf..).collect();
            insns.extend(pre);
            insns.extend(tail);
        }
    }
}

/// An instruction with one operand (built in place: emission makes many
/// labels and jumps).
#[inline]
fn one_operand(op: Opcode, x: Operand) -> Insn {
    let mut operands = Operands::new();
    operands.push(x);
    Insn {
        op,
        operands,
        pos: Pos::NONE,
    }
}

/// In the variable map of emission: a variable not used / used (before
/// renumbering).
const UNUSED: u32 = u32::MAX;
const USED: u32 = u32::MAX - 1;

fn push_decimal(s: &mut String, mut n: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        s.push(b as char);
    }
}
