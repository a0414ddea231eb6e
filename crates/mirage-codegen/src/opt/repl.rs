//! Replacing SSA values by other values.
//!
//! Passes on SSA form record "value `v` is really `x`" (another value or a
//! constant) in a [`Repl`] table and rewrite all uses in one sweep at the
//! end, instead of chasing use lists. Chains (`a -> b -> 5`) are followed.
//!
//! One rule keeps the rewrite sound: a memory operand's base and index must
//! be variables. An integer constant folds into the displacement (the
//! effective address is `disp + base + index * scale` in wrapping 64-bit
//! arithmetic, spec §4.3, so this is exact), except in a block argument of
//! a call, where the displacement is the block's size. Any other constant
//! cannot stand there, so such a use keeps the variable; that is why passes
//! never delete the definition of a value replaced by a constant: they turn
//! it into a `mov` of the constant and leave its removal to `dce`.

use super::ir::{outputs, Block, Body, Term};
use mirage_ir::opcode::Family;
use mirage_ir::{Insn, Mem, Operand, VarId};

pub(crate) struct Repl {
    /// Per variable: 0, or 1 + the position of its replacement in `vals`
    /// (a zeroed vector is cheap to make and to drop, unlike one of
    /// `Option<Operand>`).
    map: Vec<u32>,
    vals: Vec<Operand>,
    pub any: bool,
}

impl Repl {
    pub fn new(n: usize) -> Repl {
        Repl {
            map: vec![0; n],
            vals: Vec::new(),
            any: false,
        }
    }
    pub fn set(&mut self, v: VarId, x: Operand) {
        if v.index() >= self.map.len() {
            self.map.resize(v.index() + 1, 0);
        }
        if x != Operand::Reg(v) {
            match self.map[v.index()] {
                0 => {
                    self.vals.push(x);
                    self.map[v.index()] = self.vals.len() as u32;
                }
                k => self.vals[k as usize - 1] = x,
            }
            self.any = true;
        }
    }
    /// The recorded replacement of `v` (one step).
    #[inline]
    fn step(&self, v: VarId) -> Option<&Operand> {
        match self.map.get(v.index()) {
            Some(&k) if k != 0 => Some(&self.vals[k as usize - 1]),
            _ => None,
        }
    }
    /// The final replacement of `v`, if any.
    pub fn get(&self, v: VarId) -> Option<Operand> {
        let mut cur = self.step(v)?;
        let mut hops = 0;
        while let Operand::Reg(w) = cur {
            match self.step(*w) {
                Some(next) if hops < 1000 => {
                    cur = next;
                    hops += 1;
                }
                _ => break,
            }
        }
        Some(cur.clone())
    }
    /// Whether `v` has a replacement.
    #[inline]
    fn has(&self, v: VarId) -> bool {
        matches!(self.map.get(v.index()), Some(&k) if k != 0)
    }

    /// Whether an operand names a variable with a replacement (as a value
    /// or inside a memory address).
    #[inline]
    fn touches(&self, op: &Operand) -> bool {
        match op {
            Operand::Reg(v) => self.has(*v),
            Operand::Mem(m) => {
                m.base.is_some_and(|v| self.has(v)) || m.index.is_some_and(|v| self.has(v))
            }
            _ => false,
        }
    }

    /// Resolves an operand used as a value.
    pub fn operand(&self, op: &Operand) -> Operand {
        match op {
            Operand::Reg(v) => self.get(*v).unwrap_or_else(|| op.clone()),
            _ => op.clone(),
        }
    }

    /// Resolves an operand used as a value, in place (untouched when it has
    /// no replacement).
    #[inline]
    pub fn resolve(&self, op: &mut Operand) {
        if let Operand::Reg(v) = op {
            if let Some(x) = self.get(*v) {
                *op = x;
            }
        }
    }

    /// Rewrites a memory operand's base and index.
    pub fn mem(&self, m: &mut Mem, block_arg: bool) {
        subst_mem(m, block_arg, &|v| self.get(v));
    }

    /// Rewrites the inputs of one instruction (outputs stay; memory outputs
    /// get their address operands rewritten).
    #[inline]
    pub fn insn(&self, body: &Body, insn: &mut Insn) {
        // Nothing to replace is the common case: checked (inline) before
        // the operand roles are worked out.
        if self.any && insn.operands.iter().any(|op| self.touches(op)) {
            self.rewrite(body, insn);
        }
    }

    /// [`Repl::insn`] for an instruction with something to replace.
    fn rewrite(&self, body: &Body, insn: &mut Insn) {
        let outs = outputs(body.module, insn);
        let fam = insn.op.family();
        for i in 0..insn.operands.len() {
            let block_arg = super::ir::is_block_arg(insn, i);
            match &mut insn.operands[i] {
                Operand::Reg(v) => {
                    if outs.contains(&i) || (matches!(fam, Family::Addr { .. }) && i == 1) {
                        continue;
                    }
                    if let Some(x) = self.get(*v) {
                        insn.operands[i] = x;
                    }
                }
                Operand::Mem(m) => {
                    // Unshared only when something changes.
                    let mut n = **m;
                    self.mem(&mut n, block_arg);
                    if n != **m {
                        *m = std::sync::Arc::new(n);
                    }
                }
                _ => {}
            }
        }
    }

    /// Rewrites every use in a block.
    pub fn block(&self, body: &Body, blk: &mut Block) {
        if !self.any {
            return;
        }
        for phi in &mut blk.phis {
            for a in &mut phi.args {
                self.resolve(a);
            }
        }
        for insn in &mut blk.insns {
            self.insn(body, insn);
        }
        match &mut blk.term {
            Term::Cond(i) | Term::Switch(i) | Term::Ret(i) => self.insn(body, i),
            _ => {}
        }
    }

    /// Rewrites every use in the body.
    pub fn apply(&self, body: &mut Body) {
        if !self.any {
            return;
        }
        let mut blocks = std::mem::take(&mut body.blocks);
        for blk in &mut blocks {
            if !blk.dead {
                self.block(body, blk);
            }
        }
        body.blocks = blocks;
    }
}

/// Rewrites a memory operand's base and index through `look` (see the
/// module documentation for what may stand there).
pub(crate) fn subst_mem(m: &mut Mem, block_arg: bool, look: &dyn Fn(VarId) -> Option<Operand>) {
    if let Some(b) = m.base {
        match look(b) {
            Some(Operand::Reg(r)) => m.base = Some(r),
            Some(Operand::Int(c)) if !block_arg => {
                m.base = None;
                m.disp = m.disp.wrapping_add(c);
            }
            _ => {}
        }
    }
    if let Some(x) = m.index {
        match look(x) {
            Some(Operand::Reg(r)) => m.index = Some(r),
            Some(Operand::Int(c)) if !block_arg => {
                m.index = None;
                m.disp = m.disp.wrapping_add(c.wrapping_mul(m.scale as i64));
            }
            _ => {}
        }
    }
}
