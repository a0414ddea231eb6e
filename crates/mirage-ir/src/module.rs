//! Modules, items, functions, instructions and operands.
//!
//! Entities refer to each other by typed indices, never by pointers: an
//! [`ItemId`] indexes [`Module::items`], a [`VarId`] indexes a function's
//! [`Func::vars`] (parameters first, in order, then locals and globals), a
//! [`LabelId`] indexes [`Func::labels`]. Labels are placed in the instruction
//! stream by a `label` pseudo-instruction, as in MIR, so a function body is
//! one flat sequence of instructions that the writer prints and the engines
//! lower in order. That sequence is stored compactly (see [`Func`]): about
//! 6 bytes of record per instruction and one operand arena per function,
//! with 16-byte [`Operand`]s.
//! Floating immediates are stored as bit patterns so that equality is exact
//! (a NaN equals itself) and round trips compare bit for bit.

use crate::f80::F80;
use crate::opcode::Opcode;
use crate::operands::Operands;
use crate::types::{Class, Type};
use std::fmt;
use std::sync::Arc;

macro_rules! entity {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
            #[inline]
            pub fn new(i: usize) -> Self {
                $name(i as u32)
            }
        }
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

entity!(
    /// An item of a module.
    ItemId,
    "item"
);
entity!(
    /// A variable (MIR "register") of a function.
    VarId,
    "v"
);
entity!(
    /// A label of a function.
    LabelId,
    "L"
);

/// A source position (1-based line and column); `Pos::NONE` for IR built
/// through the API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const NONE: Pos = Pos { line: 0, col: 0 };
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
    pub fn is_none(self) -> bool {
        self.line == 0
    }
}

/// A module: an ordered list of items.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Module {
    pub name: String,
    pub items: Vec<Item>,
    /// Alias names of memory operands; `Mem::alias == n` (n > 0) names
    /// `aliases[n - 1]`.
    pub aliases: Vec<String>,
    /// Where the module came from (file name), for diagnostics.
    pub source: Option<String>,
    pub pos: Pos,
}

/// One item: a function, prototype, declaration or data.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// `None` only for anonymous data items.
    pub name: Option<String>,
    pub kind: ItemKind,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    Func(Box<Func>),
    Proto(Proto),
    /// The name is defined outside this module.
    Import,
    /// Makes the module's definition of the name visible to other modules.
    Export,
    /// Lets code refer to a definition that comes later in the module.
    Forward,
    /// `size` zero bytes.
    Bss {
        size: u64,
    },
    /// Typed data: `bytes` holds the elements little-endian, each
    /// `ty.size()` bytes (16 for `ld`, whose 10 significant bytes come first).
    Data {
        ty: Type,
        bytes: Vec<u8>,
    },
    /// `string "…"`: the bytes after escape processing and the NUL rule.
    Str(Vec<u8>),
    /// Address of `target` plus `disp`.
    Ref {
        target: ItemId,
        disp: i64,
    },
    /// `addr(label) [- addr(label2)] + disp`; both labels of function `func`.
    Lref {
        func: ItemId,
        label: LabelId,
        label2: Option<LabelId>,
        disp: i64,
    },
    /// The result of running function `func` at link time.
    Expr {
        func: ItemId,
    },
}

impl ItemKind {
    /// Whether the item is a definition (function or data of any kind).
    pub fn is_definition(&self) -> bool {
        !matches!(
            self,
            ItemKind::Proto(_) | ItemKind::Import | ItemKind::Export | ItemKind::Forward
        )
    }
    /// Whether the item occupies data memory.
    pub fn is_data(&self) -> bool {
        matches!(
            self,
            ItemKind::Bss { .. }
                | ItemKind::Data { .. }
                | ItemKind::Str(_)
                | ItemKind::Ref { .. }
                | ItemKind::Lref { .. }
                | ItemKind::Expr { .. }
        )
    }
    pub fn kind_name(&self) -> &'static str {
        match self {
            ItemKind::Func(_) => "func",
            ItemKind::Proto(_) => "proto",
            ItemKind::Import => "import",
            ItemKind::Export => "export",
            ItemKind::Forward => "forward",
            ItemKind::Bss { .. } => "bss",
            ItemKind::Data { .. } => "data",
            ItemKind::Str(_) => "string",
            ItemKind::Ref { .. } => "ref",
            ItemKind::Lref { .. } => "lref",
            ItemKind::Expr { .. } => "expr",
        }
    }
}

/// A parameter of a function or prototype.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub ty: Type,
    /// Block size for `blk*`/`rblk` parameters, 0 otherwise.
    pub size: u32,
}

/// A signature: results, parameters, variadic marker.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proto {
    pub results: Vec<Type>,
    pub params: Vec<Param>,
    pub vararg: bool,
}

/// How a variable came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    Param,
    Local,
    /// Bound to a hard register (`global t:name:reg`).
    Global,
}

/// A variable. For parameters `ty` is the declared parameter type (the
/// variable itself holds a value of `ty.class()`); for locals and globals it
/// is one of `i64`, `f`, `d`, `ld`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub name: String,
    pub ty: Type,
    pub kind: VarKind,
    /// Hard register name for globals.
    pub hard_reg: Option<String>,
}

impl Var {
    pub fn class(&self) -> Class {
        self.ty.class()
    }
}

/// The labels of a function: their names as written (unique within the
/// module), all in one string; `LabelId(i)` is label `i`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Labels {
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<u32>,
}

impl Labels {
    pub fn new() -> Labels {
        Labels::default()
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    /// The name of label `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        self.text.get(start..end)
    }
    /// The name of label `l`. Panics when there is no such label.
    pub fn name(&self, l: LabelId) -> &str {
        match self.get(l.index()) {
            Some(n) => n,
            None => panic!("no label {l:?}"),
        }
    }
    /// Adds a label.
    pub fn push(&mut self, name: &str) -> LabelId {
        self.text.push_str(name);
        let end = u32::try_from(self.text.len()).expect("label names longer than 4 GiB");
        self.ends.push(end);
        LabelId::new(self.ends.len() - 1)
    }
    /// The names in label order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        (0..self.len()).map(|i| &self[i])
    }
    /// Gives back the memory not in use.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
    /// The names that start with `prefix`. One substring search over all
    /// the names first: a table without the prefix anywhere costs no
    /// per-name work (the generator asks this of every function of a
    /// module for every function it optimizes).
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let n = if self.text.contains(prefix) {
            self.len()
        } else {
            0
        };
        (0..n)
            .map(move |i| &self[i])
            .filter(move |name| name.starts_with(prefix))
    }
}

impl std::ops::Index<usize> for Labels {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(n) => n,
            None => panic!("no label {i}"),
        }
    }
}

impl fmt::Debug for Labels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Labels {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Labels {
        let mut l = Labels::new();
        for n in iter {
            l.push(n.as_ref());
        }
        l
    }
}

/// Instructions per block of [`Body::bases`] (a power of two).
const BLOCK_SHIFT: u32 = 8;

/// In [`Body::meta`], marks an instruction whose start and position are in
/// [`Body::esc`] (at the index its `offs` entry holds).
const ESC: u8 = u8::MAX;

/// An instruction whose operand start or position does not fit the
/// compact form.
#[derive(Clone, Copy, Debug)]
struct Esc {
    start: u32,
    pos: Pos,
}

/// A function body, stored compactly (about 6 bytes per instruction plus
/// its operands):
///
/// - `operands`: every operand of the body, in instruction order; an
///   instruction's operands end where the next one's start (or at the end),
///   so the operand count costs nothing;
/// - `bases[b]`: operand start and line of instruction `b * 256`;
/// - `offs[i]`: operand start and line of instruction `i`, relative to its
///   block's base;
/// - `meta[i]`: opcode and column;
/// - `esc`: start and position of the instructions whose start or line are
///   not within 64K of their block's base or whose column is 255 or more
///   (marked `ESC` in `meta`; their `offs` entry holds the index in `esc`).
///   Text from compilers has none (instructions go down the file one line
///   at a time and start in the first columns); the optimizer's output
///   (moved code, new instructions without position) and one-line texts
///   have many, and reach them in constant time. An entry left behind by
///   `set_pos` is never read again.
#[derive(Clone, Default)]
struct Body {
    bases: Vec<(u32, u32)>,
    offs: Vec<(u16, u16)>,
    meta: Vec<(Opcode, u8)>,
    esc: Vec<Esc>,
    operands: Vec<Operand>,
}

impl PartialEq for Body {
    /// Equal instruction sequences (the block bases depend on history).
    fn eq(&self, other: &Body) -> bool {
        self.len() == other.len() && (0..self.len()).all(|i| self.get(i) == other.get(i))
    }
}

impl Body {
    #[inline]
    fn len(&self) -> usize {
        self.meta.len()
    }

    /// The index in `esc` of escaped instruction `i`.
    #[inline]
    fn esc_index(&self, i: usize) -> usize {
        let (hi, lo) = self.offs[i];
        (usize::from(hi) << 16) | usize::from(lo)
    }

    #[inline]
    fn esc(&self, i: usize) -> Esc {
        self.esc[self.esc_index(i)]
    }

    /// Escapes instruction `i` (its `meta` opcode already set).
    fn escape(&mut self, i: usize, start: u32, pos: Pos) {
        let k = u32::try_from(self.esc.len()).expect("more than 4G escaped instructions");
        self.esc.push(Esc { start, pos });
        self.offs[i] = ((k >> 16) as u16, k as u16);
        self.meta[i].1 = ESC;
    }

    /// Where instruction `i`'s operands start.
    #[inline(always)]
    fn start(&self, i: usize) -> usize {
        if self.meta[i].1 == ESC {
            return self.esc(i).start as usize;
        }
        self.bases[i >> BLOCK_SHIFT].0 as usize + self.offs[i].0 as usize
    }

    #[inline(always)]
    fn end(&self, i: usize) -> usize {
        if i + 1 < self.len() {
            self.start(i + 1)
        } else {
            self.operands.len()
        }
    }

    #[inline]
    fn span(&self, i: usize) -> (usize, usize) {
        (self.start(i), self.end(i))
    }

    /// Instruction `i`'s opcode, position and operand start.
    #[inline(always)]
    fn head(&self, i: usize) -> (Opcode, Pos, usize) {
        let (op, c) = self.meta[i];
        if c == ESC {
            let e = self.esc(i);
            (op, e.pos, e.start as usize)
        } else {
            let (bs, bl) = self.bases[i >> BLOCK_SHIFT];
            let (os, ol) = self.offs[i];
            let pos = Pos {
                line: bl.wrapping_add(u32::from(ol)),
                col: u32::from(c),
            };
            (op, pos, bs as usize + os as usize)
        }
    }

    #[inline(always)]
    fn get(&self, i: usize) -> InsnRef<'_> {
        let (op, pos, start) = self.head(i);
        InsnRef {
            op,
            pos,
            operands: &self.operands[start..self.end(i)],
        }
    }

    /// Where the next instruction's operands start.
    #[inline]
    fn next_start(&self) -> u32 {
        // More than 4G operands cannot be addressed; the reader limits its
        // input to 4 GiB, which holds far fewer.
        u32::try_from(self.operands.len()).expect("more than 4G operands in one function")
    }

    /// The compact form of (start, pos) for instruction `i`, if it fits.
    #[inline]
    fn compact(&self, i: usize, start: u32, pos: Pos) -> Option<((u16, u16), u8)> {
        let (bs, bl) = self.bases[i >> BLOCK_SHIFT];
        let ds = u16::try_from(start.checked_sub(bs)?).ok()?;
        let dl = u16::try_from(pos.line.checked_sub(bl)?).ok()?;
        let c = u8::try_from(pos.col).ok().filter(|&c| c != ESC)?;
        Some(((ds, dl), c))
    }

    /// Appends the record of an instruction whose operands start at
    /// `start` (already in `operands`).
    #[inline]
    fn push_rec(&mut self, start: u32, op: Opcode, pos: Pos) {
        let i = self.len();
        if i & ((1 << BLOCK_SHIFT) - 1) == 0 {
            self.bases.push((start, pos.line));
        }
        match self.compact(i, start, pos) {
            Some((off, c)) => {
                self.offs.push(off);
                self.meta.push((op, c));
            }
            None => {
                self.offs.push((0, 0));
                self.meta.push((op, ESC));
                self.escape(i, start, pos);
            }
        }
    }

    fn set_pos(&mut self, i: usize, pos: Pos) {
        let start = self.start(i) as u32;
        let escaped = self.meta[i].1 == ESC;
        match self.compact(i, start, pos) {
            Some((off, c)) => {
                self.offs[i] = off;
                self.meta[i].1 = c;
            }
            None if escaped => {
                let k = self.esc_index(i);
                self.esc[k].pos = pos;
            }
            None => self.escape(i, start, pos),
        }
    }

    fn clear(&mut self) {
        self.bases.clear();
        self.offs.clear();
        self.meta.clear();
        self.esc.clear();
        self.operands.clear();
    }

    fn reserve_exact(&mut self, insns: usize, operands: usize) {
        self.bases.reserve_exact(insns.div_ceil(1 << BLOCK_SHIFT));
        self.offs.reserve_exact(insns);
        self.meta.reserve_exact(insns);
        self.operands.reserve_exact(operands);
    }

    fn shrink_to_fit(&mut self) {
        self.bases.shrink_to_fit();
        self.offs.shrink_to_fit();
        self.meta.shrink_to_fit();
        self.esc.shrink_to_fit();
        self.operands.shrink_to_fit();
    }

    /// A copy of exactly the body's size; `self` is left empty with its
    /// capacity.
    fn take_exact(&mut self) -> Body {
        fn take<T>(v: &mut Vec<T>) -> Vec<T> {
            let mut out = Vec::with_capacity(v.len());
            out.append(v);
            out
        }
        Body {
            bases: take(&mut self.bases),
            offs: take(&mut self.offs),
            meta: take(&mut self.meta),
            esc: take(&mut self.esc),
            operands: take(&mut self.operands),
        }
    }
}

/// A function.
///
/// The body is kept compact: about 6 bytes per instruction (opcode,
/// position, where its operands start) and one operand arena for the whole
/// body, in instruction order. Read it with [`Func::insns`] / [`Func::insn`], which
/// give [`InsnRef`]s; build it with [`Func::push`] and friends, or replace
/// it with [`Func::set_insns`].
#[derive(Clone, Default, PartialEq)]
pub struct Func {
    pub sig: Proto,
    /// Parameters first (`VarId(i)` is parameter `i`), then locals/globals.
    pub vars: Vec<Var>,
    pub labels: Labels,
    body: Body,
    /// Position of `endfunc`.
    pub end_pos: Pos,
}

impl fmt::Debug for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Func")
            .field("sig", &self.sig)
            .field("vars", &self.vars)
            .field("labels", &self.labels)
            .field("insns", &self.insns().collect::<Vec<_>>())
            .field("end_pos", &self.end_pos)
            .finish()
    }
}

impl Func {
    /// A function with an empty body and no labels.
    pub fn new(sig: Proto, vars: Vec<Var>) -> Func {
        Func {
            sig,
            vars,
            ..Func::default()
        }
    }
    pub fn var(&self, v: VarId) -> &Var {
        &self.vars[v.index()]
    }
    pub fn nparams(&self) -> usize {
        self.sig.params.len()
    }
    /// Finds a variable by name.
    pub fn var_by_name(&self, name: &str) -> Option<VarId> {
        self.vars
            .iter()
            .position(|v| v.name == name)
            .map(VarId::new)
    }

    /// The number of instructions (labels included).
    #[inline]
    pub fn num_insns(&self) -> usize {
        self.body.len()
    }

    /// Instruction `i`. Panics when `i >= self.num_insns()`.
    #[inline]
    pub fn insn(&self, i: usize) -> InsnRef<'_> {
        self.body.get(i)
    }

    /// Instruction `i`, if there is one.
    #[inline]
    pub fn get_insn(&self, i: usize) -> Option<InsnRef<'_>> {
        (i < self.body.len()).then(|| self.body.get(i))
    }

    /// The last instruction, if any.
    pub fn last_insn(&self) -> Option<InsnRef<'_>> {
        self.body.len().checked_sub(1).map(|i| self.body.get(i))
    }

    /// The instructions in order.
    #[inline]
    pub fn insns(&self) -> Insns<'_> {
        Insns {
            body: &self.body,
            front: 0,
            back: self.body.len(),
            front_start: 0,
        }
    }

    /// The opcodes of the instructions, in order (without decoding
    /// positions or operands).
    #[inline]
    pub fn opcodes(&self) -> impl DoubleEndedIterator<Item = Opcode> + ExactSizeIterator + '_ {
        self.body.meta.iter().map(|&(op, _)| op)
    }

    /// Instructions `range`, in order. Panics when out of range.
    pub fn insns_in(&self, range: std::ops::Range<usize>) -> Insns<'_> {
        assert!(range.start <= range.end && range.end <= self.body.len());
        Insns {
            body: &self.body,
            front: range.start,
            back: range.end,
            front_start: if range.start < range.end {
                self.body.start(range.start)
            } else {
                0
            },
        }
    }

    /// The operands of instruction `i`, to change in place.
    #[inline]
    pub fn operands_mut(&mut self, i: usize) -> &mut [Operand] {
        let (s, e) = self.body.span(i);
        &mut self.body.operands[s..e]
    }

    /// Sets the position of instruction `i`.
    pub fn set_pos(&mut self, i: usize, pos: Pos) {
        self.body.set_pos(i, pos);
    }

    /// Appends an instruction.
    #[inline]
    pub fn push(&mut self, insn: Insn) {
        let start = self.body.next_start();
        insn.operands.append_to(&mut self.body.operands);
        self.body.push_rec(start, insn.op, insn.pos);
    }

    /// Appends an instruction given by parts (the operands are cloned).
    #[inline]
    pub fn push_insn(&mut self, op: Opcode, operands: &[Operand], pos: Pos) {
        let start = self.body.next_start();
        self.body.operands.extend_from_slice(operands);
        self.body.push_rec(start, op, pos);
    }

    /// Appends an instruction whose operands come from an iterator.
    pub fn push_with(&mut self, op: Opcode, operands: impl IntoIterator<Item = Operand>, pos: Pos) {
        let start = self.body.next_start();
        self.body.operands.extend(operands);
        self.body.push_rec(start, op, pos);
    }

    /// Appends an instruction whose operands are moved out of `operands`
    /// (left empty, with its capacity).
    #[inline]
    pub fn push_drain(&mut self, op: Opcode, operands: &mut Vec<Operand>, pos: Pos) {
        let start = self.body.next_start();
        self.body.operands.append(operands);
        self.body.push_rec(start, op, pos);
    }

    /// Replaces the body.
    pub fn set_insns(&mut self, insns: Vec<Insn>) {
        self.body.clear();
        self.body
            .reserve_exact(insns.len(), insns.iter().map(|i| i.operands.len()).sum());
        for insn in insns {
            self.push(insn);
        }
    }

    /// The body as owned instructions.
    pub fn to_insns(&self) -> Vec<Insn> {
        self.insns().map(|i| i.to_insn()).collect()
    }

    /// Removes every instruction.
    pub fn clear_insns(&mut self) {
        self.body.clear();
    }

    /// Gives back the memory the body does not use.
    pub fn shrink_to_fit(&mut self) {
        self.body.shrink_to_fit();
    }

    /// Replaces the body by a copy of exactly its size and gives back the
    /// old buffers, emptied (the reader reuses them for the next function).
    pub(crate) fn exact_body(&mut self) -> Func {
        let exact = self.body.take_exact();
        let spare = std::mem::replace(&mut self.body, exact);
        Func {
            body: spare,
            ..Func::default()
        }
    }

    /// Moves the (empty) body buffers of `spare` into this function, which
    /// must have no instructions.
    pub(crate) fn reuse_body(&mut self, spare: Func) {
        debug_assert!(self.body.len() == 0);
        self.body = spare.body;
        self.body.clear();
    }
}

/// An instruction of a [`Func`], borrowed: what [`Func::insns`] and
/// [`Func::insn`] give. For `label` pseudo-instructions the only operand
/// is `Operand::Label`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InsnRef<'a> {
    pub op: Opcode,
    pub pos: Pos,
    pub operands: &'a [Operand],
}

impl<'a> InsnRef<'a> {
    /// An owned copy.
    pub fn to_insn(self) -> Insn {
        Insn {
            op: self.op,
            operands: Operands::from_slice(self.operands),
            pos: self.pos,
        }
    }
    /// For a `label` pseudo-instruction, the label it defines.
    pub fn defined_label(self) -> Option<LabelId> {
        match (self.op, self.operands.first()) {
            (Opcode::Label, Some(Operand::Label(l))) => Some(*l),
            _ => None,
        }
    }
}

impl PartialEq<Insn> for InsnRef<'_> {
    fn eq(&self, other: &Insn) -> bool {
        self.op == other.op && self.pos == other.pos && self.operands == &other.operands[..]
    }
}

/// The instructions of a [`Func`], in order (see [`Func::insns`]).
#[derive(Clone)]
pub struct Insns<'a> {
    body: &'a Body,
    front: usize,
    back: usize,
    /// Where instruction `front`'s operands start (when `front < back`):
    /// going forward, each instruction's end is the next one's start, so
    /// it is decoded once.
    front_start: usize,
}

impl<'a> Insns<'a> {
    #[inline]
    fn get(&self, i: usize) -> InsnRef<'a> {
        self.body.get(i)
    }
}

impl<'a> Iterator for Insns<'a> {
    type Item = InsnRef<'a>;
    #[inline]
    fn next(&mut self) -> Option<InsnRef<'a>> {
        if self.front < self.back {
            let i = self.front;
            self.front += 1;
            let body = self.body;
            let (op, c) = body.meta[i];
            let pos = if c == ESC {
                body.esc(i).pos
            } else {
                let bl = body.bases[i >> BLOCK_SHIFT].1;
                Pos {
                    line: bl.wrapping_add(u32::from(body.offs[i].1)),
                    col: u32::from(c),
                }
            };
            let start = self.front_start;
            let end = body.end(i);
            self.front_start = end;
            Some(InsnRef {
                op,
                pos,
                operands: &body.operands[start..end],
            })
        } else {
            None
        }
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
    #[inline]
    fn nth(&mut self, n: usize) -> Option<InsnRef<'a>> {
        let f = self.front.saturating_add(n).min(self.back);
        if f != self.front {
            self.front = f;
            if f < self.back {
                self.front_start = self.body.start(f);
            }
        }
        self.next()
    }
}

impl DoubleEndedIterator for Insns<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front < self.back {
            self.back -= 1;
            Some(self.get(self.back))
        } else {
            None
        }
    }
}

impl ExactSizeIterator for Insns<'_> {}
impl std::iter::FusedIterator for Insns<'_> {}

/// One instruction as an owned value: what the builder emits and the
/// optimizer's block form holds. For `label` pseudo-instructions the only
/// operand is `Operand::Label`.
#[derive(Clone, Debug, PartialEq)]
pub struct Insn {
    pub op: Opcode,
    pub operands: Operands,
    pub pos: Pos,
}

impl Insn {
    pub fn new(op: Opcode, operands: Vec<Operand>) -> Insn {
        Insn {
            op,
            operands: operands.into(),
            pos: Pos::NONE,
        }
    }
    /// An instruction with operands given as an array or a slice (short
    /// lists need no heap block, unlike [`Insn::new`]'s `Vec`).
    #[inline]
    pub fn with(op: Opcode, operands: impl Into<Operands>) -> Insn {
        Insn {
            op,
            operands: operands.into(),
            pos: Pos::NONE,
        }
    }
    pub fn label(l: LabelId) -> Insn {
        Insn::with(Opcode::Label, [Operand::Label(l)])
    }
    /// For a `label` pseudo-instruction, the label it defines.
    pub fn defined_label(&self) -> Option<LabelId> {
        self.view().defined_label()
    }
    /// This instruction borrowed as an [`InsnRef`].
    #[inline]
    pub fn view(&self) -> InsnRef<'_> {
        InsnRef {
            op: self.op,
            pos: self.pos,
            operands: &self.operands,
        }
    }
}

impl<'a> From<InsnRef<'a>> for Insn {
    fn from(i: InsnRef<'a>) -> Insn {
        i.to_insn()
    }
}

/// A memory operand `ty: disp(base, index, scale):alias:nonalias`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mem {
    pub ty: Type,
    pub disp: i64,
    pub base: Option<VarId>,
    pub index: Option<VarId>,
    pub scale: u8,
    /// 1-based index into `Module::aliases`, 0 for none.
    pub alias: u32,
    /// 1-based index into `Module::aliases`, 0 for none.
    pub nonalias: u32,
}

impl Mem {
    pub fn new(ty: Type, disp: i64, base: Option<VarId>, index: Option<VarId>, scale: u8) -> Mem {
        Mem {
            ty,
            disp,
            base,
            index,
            scale,
            alias: 0,
            nonalias: 0,
        }
    }
    /// `ty:(base)`.
    pub fn base(ty: Type, base: VarId) -> Mem {
        Mem::new(ty, 0, Some(base), None, 1)
    }
}

/// The bytes of a string literal operand, behind one thin pointer so that
/// [`Operand`] stays 16 bytes. Dereferences to `[u8]`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct StrBytes(Box<Box<[u8]>>);

impl StrBytes {
    pub fn new(bytes: impl Into<Box<[u8]>>) -> StrBytes {
        StrBytes(Box::new(bytes.into()))
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::ops::Deref for StrBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for StrBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl From<Vec<u8>> for StrBytes {
    fn from(v: Vec<u8>) -> StrBytes {
        StrBytes::new(v)
    }
}

impl From<Box<[u8]>> for StrBytes {
    fn from(v: Box<[u8]>) -> StrBytes {
        StrBytes::new(v)
    }
}

impl From<&[u8]> for StrBytes {
    fn from(v: &[u8]) -> StrBytes {
        StrBytes::new(v)
    }
}

/// An operand: 16 bytes. The large payloads (memory operands, long
/// doubles, strings) are behind one pointer.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Reg(VarId),
    Int(i64),
    /// binary32 bits.
    Float(u32),
    /// binary64 bits.
    Double(u64),
    LDouble(Box<F80>),
    /// An item's address (or, for call operand 0, a prototype).
    Ref(ItemId),
    /// A string literal (bytes after the NUL rule); its value is the address
    /// of an anonymous copy.
    Str(StrBytes),
    /// Shared: the reader gives equal memory operands read close together
    /// one allocation (compilers repeat them a lot). Change one in place with
    /// [`Operand::mem_mut`] (copy on write).
    Mem(Arc<Mem>),
    Label(LabelId),
}

impl Operand {
    pub fn float(v: f32) -> Operand {
        Operand::Float(v.to_bits())
    }
    pub fn double(v: f64) -> Operand {
        Operand::Double(v.to_bits())
    }
    pub fn ldouble(v: F80) -> Operand {
        Operand::LDouble(Box::new(v))
    }
    pub fn mem(m: Mem) -> Operand {
        Operand::Mem(Arc::new(m))
    }
    /// The memory operand, to change in place (unshared first if needed).
    pub fn mem_mut(&mut self) -> Option<&mut Mem> {
        match self {
            Operand::Mem(m) => Some(Arc::make_mut(m)),
            _ => None,
        }
    }
    pub fn str(bytes: impl Into<Box<[u8]>>) -> Operand {
        Operand::Str(StrBytes::new(bytes))
    }
    pub fn is_location(&self) -> bool {
        matches!(self, Operand::Reg(_) | Operand::Mem(_))
    }
}

impl Module {
    pub fn new(name: impl Into<String>) -> Module {
        Module {
            name: name.into(),
            ..Module::default()
        }
    }
    pub fn item(&self, id: ItemId) -> &Item {
        &self.items[id.index()]
    }
    /// The function behind an item id, following `export`/`forward` items
    /// to the definition of the same name.
    pub fn func(&self, id: ItemId) -> Option<&Func> {
        match &self.item(self.resolve(id)).kind {
            ItemKind::Func(f) => Some(f),
            _ => None,
        }
    }
    /// Finds a named item. Definitions win over `export`/`forward`
    /// declarations of the same name.
    pub fn lookup(&self, name: &str) -> Option<ItemId> {
        let mut decl = None;
        for (i, it) in self.items.iter().enumerate() {
            if it.name.as_deref() == Some(name) {
                if it.kind.is_definition()
                    || matches!(it.kind, ItemKind::Import | ItemKind::Proto(_))
                {
                    return Some(ItemId::new(i));
                }
                decl.get_or_insert(ItemId::new(i));
            }
        }
        decl
    }
    /// Follows an `export`/`forward` item to the definition it names (the
    /// item itself when it is a definition, import or proto, or when no
    /// definition exists).
    pub fn resolve(&self, id: ItemId) -> ItemId {
        let it = self.item(id);
        match (&it.kind, &it.name) {
            (ItemKind::Export | ItemKind::Forward, Some(name)) => {
                for (i, other) in self.items.iter().enumerate() {
                    if other.name.as_deref() == Some(name.as_str())
                        && (other.kind.is_definition() || matches!(other.kind, ItemKind::Import))
                    {
                        return ItemId::new(i);
                    }
                }
                id
            }
            _ => id,
        }
    }
    /// Interns an alias name, giving its 1-based index.
    pub fn intern_alias(&mut self, name: &str) -> u32 {
        if let Some(i) = self.aliases.iter().position(|a| a == name) {
            return i as u32 + 1;
        }
        self.aliases.push(name.to_string());
        self.aliases.len() as u32
    }
    pub fn alias_name(&self, n: u32) -> Option<&str> {
        if n == 0 {
            None
        } else {
            self.aliases.get(n as usize - 1).map(|s| s.as_str())
        }
    }
    /// The names this module exports (the names of its `export` items).
    pub fn exports(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|it| match it.kind {
            ItemKind::Export => it.name.as_deref(),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_sizes() {
        assert_eq!(std::mem::size_of::<Operand>(), 16);
        // One instruction's record: start and line offsets, opcode and
        // column.
        assert_eq!(
            std::mem::size_of::<(u16, u16)>() + std::mem::size_of::<(Opcode, u8)>(),
            6
        );
    }

    #[test]
    fn body_round_trips_through_records() {
        let insns = vec![
            Insn::label(LabelId(0)),
            Insn::new(Opcode::Ret, vec![]),
            Insn {
                op: Opcode::Add,
                operands: vec![
                    Operand::Reg(VarId(0)),
                    Operand::mem(Mem::base(Type::I64, VarId(1))),
                    Operand::Int(-3),
                ]
                .into(),
                pos: Pos::new(7, 2),
            },
            Insn::new(Opcode::Ret, vec![Operand::ldouble(F80::from_f64(1.5))]),
        ];
        let mut f = Func::default();
        f.set_insns(insns.clone());
        assert_eq!(f.num_insns(), 4);
        assert_eq!(f.to_insns(), insns);
        assert_eq!(f.insn(1).operands.len(), 0);
        assert_eq!(f.insn(2).operands.len(), 3);
        assert_eq!(f.insn(2).pos, Pos::new(7, 2));
        assert_eq!(
            f.insns().rev().map(|i| i.op).collect::<Vec<_>>()[3],
            Opcode::Label
        );
        assert_eq!(f.insns_in(1..3).len(), 2);
        assert_eq!(f.insn(0).defined_label(), Some(LabelId(0)));
        assert!(f.get_insn(4).is_none());
        f.operands_mut(2)[2] = Operand::Int(4);
        assert_eq!(f.insn(2).operands[2], Operand::Int(4));
        assert_eq!(f.insn(3).operands.len(), 1);
        let mut g = Func::default();
        for i in f.insns() {
            g.push_insn(i.op, i.operands, i.pos);
        }
        assert_eq!(f, g);
    }

    #[test]
    fn positions_and_starts_that_do_not_fit_the_compact_form() {
        // Lines going back, far jumps, wide columns, a huge operand list
        // (starts more than 64K past the block base), across blocks.
        let mut insns = Vec::new();
        for k in 0..700u32 {
            let pos = match k % 7 {
                0 => Pos::new(1_000_000 - k, 3),
                1 => Pos::new(k, 254),
                2 => Pos::new(k, 255),
                3 => Pos::new(u32::MAX, u32::MAX),
                4 => Pos::NONE,
                _ => Pos::new(k * 70_000, 1 + k),
            };
            let n = if k == 300 { 70_000 } else { (k % 4) as usize };
            let ops = (0..n).map(|j| Operand::Int(j as i64 + k as i64)).collect();
            insns.push(Insn {
                op: Opcode::Call,
                operands: ops,
                pos,
            });
        }
        let mut f = Func::default();
        f.set_insns(insns.clone());
        assert_eq!(f.to_insns(), insns);
        // Change positions in place, into and out of the compact form.
        let mut g = f.clone();
        for (k, insn) in insns.iter_mut().enumerate() {
            let pos = match k % 3 {
                0 => Pos::new(k as u32, 2),
                1 => Pos::new(7, 300 + k as u32),
                _ => insn.pos,
            };
            insn.pos = pos;
            g.set_pos(k, pos);
        }
        assert_eq!(g.to_insns(), insns);
        let mut h = Func::default();
        h.set_insns(insns);
        // Same instructions, different histories: equal.
        assert_eq!(g, h);
        assert_ne!(f, h);
    }

    #[test]
    fn shared_memory_operands_copy_on_write() {
        let a = Operand::mem(Mem::base(Type::I64, VarId(1)));
        let mut b = a.clone();
        b.mem_mut().unwrap().disp = 8;
        assert_eq!(a, Operand::mem(Mem::base(Type::I64, VarId(1))));
        assert!(matches!(&b, Operand::Mem(m) if m.disp == 8));
        assert!(Operand::Int(1).mem_mut().is_none());
    }

    #[test]
    fn reader_shares_equal_memory_operands() {
        let text = "m: module\nf: func i64, i64:a\n local i64:x\n mov x, i64:8(a)\n \
                    add x, x, i64:8(a)\n mov x, i64:16(a)\n ret x\n endfunc\n endmodule\n";
        let ms = crate::read::read_modules(text.as_bytes(), &Default::default()).unwrap();
        let f = ms[0].func(ItemId(0)).unwrap();
        let mems: Vec<&Arc<Mem>> = f
            .insns()
            .flat_map(|i| i.operands)
            .filter_map(|o| match o {
                Operand::Mem(m) => Some(m),
                _ => None,
            })
            .collect();
        // Ordinary text fits the compact form entirely.
        assert!(f.body.esc.is_empty());
        assert_eq!(mems.len(), 3);
        assert!(Arc::ptr_eq(mems[0], mems[1]));
        assert!(!Arc::ptr_eq(mems[0], mems[2]));
        assert_eq!(mems[2].disp, 16);
    }
}
