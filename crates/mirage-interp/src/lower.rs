//! Lowering: one MIR function → [`Code`] (ICode, see [`crate::icode`]).
//!
//! One linear pass over the instructions. Each MIR instruction becomes one
//! ICode instruction in the common case, or a few when an operand is memory
//! (a load into a temporary before, a store after), a hard-register
//! variable (which lives in the program's hard-register storage and is
//! accessed like memory at an absolute address), or a result of a call that
//! goes to memory. The handler of every instruction is chosen from the
//! opcode's [`Family`] in the one opcode table (no second opcode list) and
//! the operand kinds: register/register, register/immediate (immediates in
//! first position are commuted when the operation allows, otherwise they go
//! to a constant slot), and the addressing mode of memory operands
//! (`[disp]`, `[base + disp]`, `[base + index << s + disp]`, other forms
//! computed into a temporary).
//!
//! References and strings are resolved to addresses here (through
//! [`LinkEnv`](crate::LinkEnv)), so they are plain immediates at run time;
//! string literals get storage owned by the code. Direct calls are resolved
//! once: a function of the same module stays in the interpreter, an import
//! named like `setjmp`/`longjmp` is intercepted, any other import is asked
//! to the environment ([`LinkEnv::callee_at`](crate::LinkEnv::callee_at)).
//!
//! When optimizing (not tracing), direct calls of small leaf functions
//! are inlined ([`Lower::try_inline`]) and a few frequent instruction
//! pairs are fused (see [`crate::icode`]).
//!
//! Temporaries and constants get provisional tagged offsets while the
//! instructions are emitted (their counts are only known at the end); a
//! final relocation pass rewrites them into frame offsets, then branch
//! displacements, label addresses and side-table pointers are filled in.

use crate::calls;
use crate::exec::hsel;
use crate::icode::{
    ArgSrc, CallSite, Code, Handler, Inst, IntArg, ParamInfo, ResDst, RetVal, Target, INST_SIZE,
    MAX_INT_ARGS, RET_INT, RET_NONE, RET_ONE, RET_SLOW, SLOT,
};
use crate::ops::{self as o, *};
use crate::program::{Callee, FuncIdx, ModuleIdx, Program};
use crate::trap::Trap;
use mirage_ir::abi::{ArgKind, CallSig, RetKind, Val};
use mirage_ir::opcode::{FBinOp, FCond, IBinOp, ICond, OvfOp};
use mirage_ir::{
    Class, Family, Func, ItemId, ItemKind, LabelId, Mem, Module, Operand, Proto, Type, VarId,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicPtr, AtomicU64};

const TEMP_TAG: u32 = 1 << 31;
const CONST_TAG: u32 = 1 << 30;
/// Byte offsets into the region of inlined callees' variables (see
/// [`Lower::try_inline`]).
const INL_TAG: u32 = 1 << 29;
/// Marks a [`Code::src`] entry that indexes [`Code::inl_src`].
pub(crate) const INL_SRC: u32 = 1 << 31;
/// Inlining limits: MIR instructions of a callee, its variables, and the
/// instructions inlined into one function (beyond its own count).
const INLINE_MAX_INSNS: usize = 24;
const INLINE_MAX_VARS: usize = 64;
const INLINE_BUDGET: usize = 2000;
const MAX_VARS: usize = 1 << 24;

// Which fields of an instruction hold frame offsets (relocated at the end).
const RA: u8 = 1;
const RB: u8 = 2;
const RXLO: u8 = 4;
const RXHI: u8 = 8;

/// A source operand after lowering.
#[derive(Clone, Copy, Debug)]
enum Src {
    Slot(u32),
    Imm(u64),
}

/// A memory address form.
#[derive(Clone, Copy, Debug)]
enum Addr {
    Abs(u64),
    Base {
        base: u32,
        disp: i64,
    },
    BaseIndex {
        base: u32,
        index: u32,
        shift: u32,
        disp: i32,
    },
}

/// A memory operand whose address a fused handler computes itself.
#[derive(Clone, Copy, Debug)]
enum MemForm {
    /// `[base + disp]`.
    B { base: u32, disp: i32 },
    /// `[base + index << shift]`.
    I { base: u32, index: u32, shift: u32 },
}

impl MemForm {
    /// The `x` field of a fused instruction and its relocation mask.
    fn x(self) -> (u64, u8) {
        match self {
            MemForm::B { base, disp } => (base as u64 | (disp as u32 as u64) << 32, RXLO),
            MemForm::I { base, index, .. } => (base as u64 | (index as u64) << 32, RXLO | RXHI),
        }
    }
}

/// Picks the `_mb` or `_mi::<…, SH>` instance of a fused handler.
macro_rules! by_form {
    ($t:expr, $form:expr, $mb:ident, $mi:ident, $($g:ty),*) => {
        match $form {
            MemForm::B { .. } => hsel!($t, $mb::<$($g),*>),
            MemForm::I { shift: 0, .. } => hsel!($t, $mi::<$($g),*, 0>),
            MemForm::I { shift: 1, .. } => hsel!($t, $mi::<$($g),*, 1>),
            MemForm::I { shift: 2, .. } => hsel!($t, $mi::<$($g),*, 2>),
            MemForm::I { .. } => hsel!($t, $mi::<$($g),*, 3>),
        }
    };
}

/// A pending store of a temporary to a location (memory destinations).
type Store = Option<(Type, Addr)>;

type R<T> = Result<T, Trap>;

pub(crate) fn lower(prog: &Program, fidx: FuncIdx) -> R<Code> {
    let (midx, item) = prog.func_item(fidx).ok_or_else(|| Trap::BadCall {
        func: format!("#{}", fidx.0),
        message: "no such function".into(),
    })?;
    let module = &prog.modules[midx.0 as usize];
    let func = match &module.items[item.index()].kind {
        ItemKind::Func(f) => &**f,
        _ => unreachable!("func_item names a function"),
    };
    let name = prog.func_name(fidx).to_string();
    if func.vars.len() >= MAX_VARS {
        return Err(Trap::Link {
            func: name,
            message: "too many variables".into(),
        });
    }
    let l = Lower {
        prog,
        module,
        midx,
        func,
        fidx,
        name,
        tail: prog.tail,
        insts: Vec::with_capacity(func.num_insns() + 1),
        masks: Vec::with_capacity(func.num_insns() + 1),
        src: Vec::with_capacity(func.num_insns() + 1),
        insn: 0,
        temp_next: 0,
        temp_max: 0,
        consts: Vec::new(),
        const_map: HashMap::new(),
        labels: vec![u32::MAX; func.labels.len()],
        br_fix: Vec::new(),
        laddr_fix: Vec::new(),
        calls: Vec::new(),
        call_fix: Vec::new(),
        rets: Vec::new(),
        ret_fix: Vec::new(),
        switches: Vec::new(),
        switch_fix: Vec::new(),
        strings: Vec::new(),
        str_fix: Vec::new(),
        has_ret: false,
        optimize: prog.trace.is_none(),
        insn_start: 0,
        cbr: HashMap::new(),
        last_add: None,
        last_mul: None,
        last_and: None,
        dmul_mi3: None,
        bi_load: None,
        label_here: false,
        sext32: None,
        inst_fix: Vec::new(),
        inl_base: None,
        inl_size: 0,
        inl_src: Vec::new(),
        src_tag: None,
        inl_info: HashMap::new(),
        inl_alias: Vec::new(),
        has_addr: None,
        inl_count: 0,
    };
    l.run()
}

struct Lower<'a> {
    prog: &'a Program,
    module: &'a Module,
    midx: ModuleIdx,
    func: &'a Func,
    fidx: FuncIdx,
    name: String,
    tail: bool,
    insts: Vec<Inst>,
    masks: Vec<u8>,
    src: Vec<u32>,
    insn: u32,
    temp_next: u32,
    temp_max: u32,
    consts: Vec<Val>,
    const_map: HashMap<[u8; 16], u32>,
    labels: Vec<u32>,
    br_fix: Vec<(usize, LabelId)>,
    laddr_fix: Vec<(usize, LabelId)>,
    calls: Vec<CallSite>,
    call_fix: Vec<(usize, usize)>,
    rets: Vec<Box<[RetVal]>>,
    ret_fix: Vec<(usize, usize)>,
    switches: Vec<Vec<LabelId>>,
    switch_fix: Vec<(usize, usize)>,
    strings: Vec<Box<[u8]>>,
    /// Instructions whose x is a pointer into `strings[k]` (unsupported
    /// messages).
    str_fix: Vec<(usize, usize)>,
    has_ret: bool,
    /// Loop rotation and fusion (off when tracing, so that traces follow
    /// the MIR instructions one by one).
    optimize: bool,
    /// First instruction of the MIR instruction being lowered.
    insn_start: usize,
    /// Compare-and-branch instructions that are a whole MIR instruction, by
    /// position (candidates for loop rotation).
    cbr: HashMap<usize, Cbr>,
    /// The last instruction emitted, if it is `add v, v, imm` (or `sub`)
    /// alone making up its MIR instruction (candidate for fusion).
    last_add: Option<AddInfo>,
    /// The last instruction emitted, if it is a `mul` alone making up its
    /// MIR instruction.
    last_mul: Option<MulInfo>,
    /// The last instruction emitted, if it is a `dmul d, a, d:(b, i, 8)`
    /// into a register: (position, d).
    dmul_mi3: Option<(usize, u32)>,
    /// The last instruction emitted, if it is an `and d, s, imm` alone
    /// making up its MIR instruction: (position, 32-bit, d, s, imm).
    last_and: Option<(usize, bool, u32, u32, i32)>,
    /// The last instruction emitted, if it is a load `[base + index <<
    /// shift + disp]`: (position, destination, shift, 64-bit).
    bi_load: Option<(usize, u32, u32, bool)>,
    /// A label was placed at the current position.
    label_here: bool,
    /// The last instruction emitted wrote this register slot with a value
    /// already sign-extended from 32 bits (a signed `…s` operation): a
    /// following `ext32` of the register onto itself is a no-op.
    sext32: Option<u32>,
    /// Branches to an instruction index rather than a label: (instruction,
    /// target index).
    inst_fix: Vec<(usize, u32)>,
    /// While lowering an inlined callee: the byte offset of its variables
    /// in the inline region (`var_off` tags them with [`INL_TAG`]).
    inl_base: Option<u32>,
    /// Bytes of the inline region (the largest inlined callee's variables
    /// and block copies; inlined bodies never overlap in time).
    inl_size: u32,
    /// Source positions of inlined instructions: (callee, MIR index).
    inl_src: Vec<(FuncIdx, u32)>,
    /// The `src` entry of instructions being emitted, if not `insn`.
    src_tag: Option<u32>,
    /// Per callee: None if it cannot be inlined, else whether it writes
    /// memory.
    inl_info: HashMap<FuncIdx, Option<InlineInfo>>,
    /// While lowering an inlined callee: parameters that use the
    /// argument's slot directly (by variable index).
    inl_alias: Vec<Option<u32>>,
    /// Whether this function has an `addr` instruction (computed on first
    /// use).
    has_addr: Option<bool>,
    /// MIR instructions inlined so far.
    inl_count: usize,
}

#[derive(Clone, Copy)]
struct Cbr {
    cond: ICond,
    w32: bool,
    a: u32,
    b: Src,
    target: LabelId,
}

/// A `mul d, b, y` or `add d, b, y` lowered as one instruction (candidate for fusion with
/// a following `add d, d, z`).
#[derive(Clone, Copy)]
struct MulInfo {
    at: usize,
    /// An `add` rather than a `mul`.
    add: bool,
    w32: bool,
    d: u32,
    b: u32,
    /// A slot, or an i32 immediate.
    y: Src,
}

/// What inlining needs to know about a callee.
#[derive(Clone, Copy)]
struct InlineInfo {
    /// It may write memory (then by-value block arguments are copied).
    writes_mem: bool,
    /// Parameters (of the first 64) that are assigned in the body.
    written: u64,
    /// Parameters (of the first 64) used other than as a source of a
    /// 32-bit integer operation or comparison (which read only the low
    /// half).
    wide: u64,
}

#[derive(Clone, Copy)]
struct AddInfo {
    at: usize,
    w32: bool,
    slot: u32,
    imm: i64,
}

impl<'a> Lower<'a> {
    fn err(&self, msg: impl Into<String>) -> Trap {
        let mut message = msg.into();
        if let Some(insn) = self.func.get_insn(self.insn as usize) {
            message = format!(
                "{message} (instruction {} '{}')",
                self.insn,
                crate::pretty::insn_text(self.module, self.func, insn)
            );
        }
        Trap::Link {
            func: self.name.clone(),
            message,
        }
    }

    // -- emission ----------------------------------------------------------

    fn emit(&mut self, h: Handler, a: u32, b: u32, x: u64, mask: u8) -> usize {
        self.last_add = None;
        self.last_mul = None;
        self.last_and = None;
        self.dmul_mi3 = None;
        self.bi_load = None;
        self.label_here = false;
        self.sext32 = None;
        self.insts.push(Inst { h, a, b, x });
        self.masks.push(mask);
        self.src.push(self.src_tag.unwrap_or(self.insn));
        self.insts.len() - 1
    }

    fn temp(&mut self) -> u32 {
        let t = self.temp_next;
        self.temp_next += 1;
        self.temp_max = self.temp_max.max(self.temp_next);
        TEMP_TAG | t
    }

    fn konst(&mut self, v: Val) -> u32 {
        if let Some(&i) = self.const_map.get(&v.bytes) {
            return CONST_TAG | i;
        }
        let i = self.consts.len() as u32;
        self.consts.push(v);
        self.const_map.insert(v.bytes, i);
        CONST_TAG | i
    }

    fn emit_unsupported(&mut self, msg: &str) {
        let h = hsel!(self.tail, unsupported);
        let i = self.emit(h, 0, msg.len() as u32, 0, 0);
        self.strings.push(msg.as_bytes().into());
        self.str_fix.push((i, self.strings.len() - 1));
    }

    // -- operands ----------------------------------------------------------

    fn var_off(&self, v: VarId) -> R<u32> {
        if v.index() >= self.func.vars.len() {
            return Err(self.err(format!("undeclared variable {v:?}")));
        }
        let off = v.index() as u32 * SLOT;
        Ok(match self.inl_base {
            Some(base) => match self.inl_alias.get(v.index()) {
                Some(&Some(s)) => s,
                _ => INL_TAG | (base + off),
            },
            None => off,
        })
    }

    /// The hard-register storage address of `v`, if it is bound to one.
    fn hard_reg(&self, v: VarId) -> Option<(Type, u64)> {
        let var = self.func.vars.get(v.index())?;
        let r = var.hard_reg.as_deref()?;
        let addr = self.prog.hard_reg_address(r)?;
        Some((var.ty.var_type(), addr))
    }

    /// The slot of an integer register (loading a hard-register variable
    /// into a temporary).
    fn int_reg(&mut self, v: VarId) -> R<u32> {
        if let Some((ty, addr)) = self.hard_reg(v) {
            let t = self.temp();
            self.load(ty, Addr::Abs(addr), t)?;
            return Ok(t);
        }
        self.var_off(v)
    }

    fn item_addr(&self, id: ItemId) -> R<u64> {
        if id.index() >= self.module.items.len() {
            return Err(self.err(format!("no item {id:?}")));
        }
        let rid = self.module.resolve(id);
        self.prog
            .env
            .item_address(self.midx, rid)
            .map_err(|e| self.err(format!("cannot resolve '{}': {e}", self.item_name(rid))))
    }

    fn item_name(&self, id: ItemId) -> String {
        self.module
            .items
            .get(id.index())
            .and_then(|i| i.name.clone())
            .unwrap_or_else(|| format!("{id:?}"))
    }

    fn string_addr(&mut self, bytes: &[u8]) -> u64 {
        let b: Box<[u8]> = bytes.into();
        let a = b.as_ptr() as u64;
        self.strings.push(b);
        a
    }

    fn addr(&mut self, m: &Mem) -> R<Addr> {
        let base = match m.base {
            Some(v) => Some(self.int_reg(v)?),
            None => None,
        };
        let index = match m.index {
            Some(v) => Some(self.int_reg(v)?),
            None => None,
        };
        let scale = if m.scale == 0 { 1 } else { m.scale as u64 };
        Ok(match (base, index) {
            (None, None) => Addr::Abs(m.disp as u64),
            (Some(base), None) => Addr::Base { base, disp: m.disp },
            (Some(base), Some(index))
                if matches!(scale, 1 | 2 | 4 | 8) && i32::try_from(m.disp).is_ok() =>
            {
                Addr::BaseIndex {
                    base,
                    index,
                    shift: scale.trailing_zeros(),
                    disp: m.disp as i32,
                }
            }
            (base, Some(index)) => {
                let t = self.temp();
                let h = hsel!(self.tail, int_ri::<Mul>);
                self.emit(h, t, index, scale, RA | RB);
                if let Some(b) = base {
                    let h = hsel!(self.tail, int_rr::<Add>);
                    self.emit(h, t, t, b as u64, RA | RB | RXLO);
                }
                Addr::Base {
                    base: t,
                    disp: m.disp,
                }
            }
        })
    }

    fn load(&mut self, ty: Type, addr: Addr, dst: u32) -> R<()> {
        let t = self.tail;
        macro_rules! by_mode {
            ($M:ty) => {
                match addr {
                    Addr::Abs(a) => {
                        let h = hsel!(t, ld_abs::<$M>);
                        self.emit(h, dst, 0, a, RA)
                    }
                    Addr::Base { base, disp } => {
                        let h = hsel!(t, ld_b::<$M>);
                        self.emit(h, dst, base, disp as u64, RA | RB)
                    }
                    Addr::BaseIndex {
                        base,
                        index,
                        shift,
                        disp,
                    } => {
                        let h = match shift {
                            0 => hsel!(t, ld_bi::<$M, 0>),
                            1 => hsel!(t, ld_bi::<$M, 1>),
                            2 => hsel!(t, ld_bi::<$M, 2>),
                            _ => hsel!(t, ld_bi::<$M, 3>),
                        };
                        let x = index as u64 | (disp as u32 as u64) << 32;
                        let i = self.emit(h, dst, base, x, RA | RB | RXLO);
                        self.bi_load = Some((i, dst, shift, ty.size() == 8));
                        i
                    }
                }
            };
        }
        match ty {
            Type::I8 => by_mode!(LdI8),
            Type::U8 => by_mode!(LdU8),
            Type::I16 => by_mode!(LdI16),
            Type::U16 => by_mode!(LdU16),
            Type::I32 => by_mode!(LdI32),
            Type::U32 | Type::F => by_mode!(LdU32),
            Type::I64 | Type::U64 | Type::P | Type::D => by_mode!(Ld64),
            Type::LD => by_mode!(Ld80),
            _ => return Err(self.err(format!("memory of type {ty} outside a call"))),
        };
        Ok(())
    }

    fn store(&mut self, ty: Type, addr: Addr, src: u32) -> R<()> {
        let t = self.tail;
        macro_rules! by_mode {
            ($M:ty) => {
                match addr {
                    Addr::Abs(a) => {
                        let h = hsel!(t, st_abs::<$M>);
                        self.emit(h, src, 0, a, RA)
                    }
                    Addr::Base { base, disp } => {
                        let h = hsel!(t, st_b::<$M>);
                        self.emit(h, src, base, disp as u64, RA | RB)
                    }
                    Addr::BaseIndex {
                        base,
                        index,
                        shift,
                        disp,
                    } => {
                        let h = match shift {
                            0 => hsel!(t, st_bi::<$M, 0>),
                            1 => hsel!(t, st_bi::<$M, 1>),
                            2 => hsel!(t, st_bi::<$M, 2>),
                            _ => hsel!(t, st_bi::<$M, 3>),
                        };
                        let x = index as u64 | (disp as u32 as u64) << 32;
                        self.emit(h, src, base, x, RA | RB | RXLO)
                    }
                }
            };
        }
        match ty {
            Type::I8 | Type::U8 => by_mode!(St8),
            Type::I16 | Type::U16 => by_mode!(St16),
            Type::I32 | Type::U32 | Type::F => by_mode!(St32),
            Type::I64 | Type::U64 | Type::P | Type::D => by_mode!(St64),
            Type::LD => by_mode!(St80),
            _ => return Err(self.err(format!("memory of type {ty} outside a call"))),
        };
        Ok(())
    }

    /// An input operand as a slot or an immediate.
    fn src(&mut self, op: &Operand) -> R<Src> {
        Ok(match op {
            Operand::Reg(v) => {
                if let Some((ty, addr)) = self.hard_reg(*v) {
                    let t = self.temp();
                    self.load(ty, Addr::Abs(addr), t)?;
                    Src::Slot(t)
                } else {
                    Src::Slot(self.var_off(*v)?)
                }
            }
            Operand::Int(i) => Src::Imm(*i as u64),
            Operand::Float(b) => Src::Imm(*b as u64),
            Operand::Double(b) => Src::Imm(*b),
            Operand::LDouble(v) => Src::Slot(self.konst(Val::from_f80_bytes(v.to_le_bytes()))),
            Operand::Ref(id) => Src::Imm(self.item_addr(*id)?),
            Operand::Str(s) => Src::Imm(self.string_addr(s)),
            Operand::Mem(m) => {
                let a = self.addr(m)?;
                let t = self.temp();
                self.load(m.ty, a, t)?;
                Src::Slot(t)
            }
            Operand::Label(_) => return Err(self.err("label where a value is expected")),
        })
    }

    /// An input operand in a slot (immediates go to constant slots).
    fn slot(&mut self, op: &Operand) -> R<u32> {
        Ok(match self.src(op)? {
            Src::Slot(s) => s,
            Src::Imm(v) => self.konst(Val::from_i64(v as i64)),
        })
    }

    /// An output operand: the slot to write and the store to emit after.
    fn dst(&mut self, op: &Operand) -> R<(u32, Store)> {
        match op {
            Operand::Reg(v) => {
                if let Some((ty, addr)) = self.hard_reg(*v) {
                    Ok((self.temp(), Some((ty, Addr::Abs(addr)))))
                } else {
                    Ok((self.var_off(*v)?, None))
                }
            }
            Operand::Mem(m) => {
                let a = self.addr(m)?;
                Ok((self.temp(), Some((m.ty, a))))
            }
            _ => Err(self.err("output operand is not a register or memory")),
        }
    }

    fn finish(&mut self, st: Store, slot: u32) -> R<()> {
        if let Some((ty, a)) = st {
            self.store(ty, a, slot)?;
        }
        Ok(())
    }

    fn operand_class(&self, op: &Operand) -> Class {
        match op {
            Operand::Reg(v) => self
                .func
                .vars
                .get(v.index())
                .map_or(Class::Int, |v| v.class()),
            Operand::Float(_) => Class::F,
            Operand::Double(_) => Class::D,
            Operand::LDouble(_) => Class::LD,
            Operand::Mem(m) => m.ty.class(),
            _ => Class::Int,
        }
    }

    fn label(&self, op: &Operand) -> R<LabelId> {
        match op {
            Operand::Label(l) if l.index() < self.labels.len() => Ok(*l),
            _ => Err(self.err("expected a label")),
        }
    }

    fn branch(&mut self, h: Handler, a: u32, x: u64, mask: u8, l: LabelId) {
        let i = self.emit(h, a, 0, x, mask);
        self.br_fix.push((i, l));
    }

    // -- the pass ----------------------------------------------------------

    fn run(mut self) -> R<Code> {
        let func = self.func;
        for (k, insn) in func.insns().enumerate() {
            self.insn = k as u32;
            self.temp_next = 0;
            self.insn_start = self.insts.len();
            self.lower_insn(insn)?;
        }
        // The end of the body: MIR appends `ret 0…` to functions without
        // any return (spec §2.11); falling off the end of others is UB,
        // here a trap.
        self.insn = func.num_insns() as u32;
        self.temp_next = 0;
        if self.has_ret {
            let h = hsel!(self.tail, fell_off);
            self.emit(h, 0, 0, 0, 0);
        } else {
            let vals: Vec<RetVal> = func
                .sig
                .results
                .iter()
                .map(|&ty| RetVal {
                    off: self.konst(Val::ZERO),
                    ty,
                })
                .collect();
            self.emit_ret(vals);
        }
        self.finalize()
    }

    fn emit_ret(&mut self, vals: Vec<RetVal>) {
        // At most one value: `ret_fast` (the value's offset in a).
        let (h, a, mask) = match vals.len() {
            0 => (hsel!(self.tail, calls::ret_fast), 0, 0),
            1 => (hsel!(self.tail, calls::ret_fast), vals[0].off, RA),
            _ => (hsel!(self.tail, calls::ret), 0, 0),
        };
        let i = self.emit(h, a, vals.len() as u32, 0, mask);
        self.rets.push(vals.into_boxed_slice());
        self.ret_fix.push((i, self.rets.len() - 1));
    }

    fn lower_insn(&mut self, insn: mirage_ir::InsnRef<'_>) -> R<()> {
        let ops = insn.operands;
        let t = self.tail;
        let fam = insn.op.family();
        let need = |n: usize| -> R<()> {
            if ops.len() < n {
                Err(self.err("too few operands"))
            } else {
                Ok(())
            }
        };
        match fam {
            Family::Label => {
                let l = self.label(ops.first().unwrap_or(&Operand::Int(0)))?;
                self.labels[l.index()] = self.insts.len() as u32;
                self.label_here = true;
            }
            Family::Move(class) => {
                need(2)?;
                self.lower_mov(&ops[0], &ops[1], class)?;
            }
            Family::Ext { bits, signed } => {
                need(2)?;
                if bits == 32 && signed && self.redundant_ext32(&ops[0], &ops[1]) {
                    return Ok(());
                }
                let h = match (bits, signed) {
                    (8, true) => hsel!(t, int_un::<Ext8>),
                    (16, true) => hsel!(t, int_un::<Ext16>),
                    (32, true) => hsel!(t, int_un::<Ext32>),
                    (8, false) => hsel!(t, int_un::<UExt8>),
                    (16, false) => hsel!(t, int_un::<UExt16>),
                    _ => hsel!(t, int_un::<UExt32>),
                };
                self.unary(h, &ops[0], &ops[1])?;
            }
            Family::Conv { from, to, unsigned } => {
                need(2)?;
                let h = conv_handler(t, from, to, unsigned)
                    .ok_or_else(|| self.err("unknown conversion"))?;
                self.unary(h, &ops[0], &ops[1])?;
            }
            Family::Neg { class, w32 } => {
                need(2)?;
                let h = match (class, w32) {
                    (Class::Int, false) => hsel!(t, int_un::<Neg>),
                    (Class::Int, true) => hsel!(t, int_un::<NegS>),
                    (Class::F, _) => hsel!(t, slot_un::<FNeg>),
                    (Class::D, _) => hsel!(t, slot_un::<DNeg>),
                    (Class::LD, _) => hsel!(t, slot_un::<LdNeg>),
                };
                self.unary(h, &ops[0], &ops[1])?;
            }
            Family::Addr { .. } => {
                need(2)?;
                let Operand::Reg(v) = ops[1] else {
                    return Err(self.err("addr needs a variable"));
                };
                let (d, st) = self.dst(&ops[0])?;
                if let Some((_, a)) = self.hard_reg(v) {
                    let h = hsel!(t, movi);
                    self.emit(h, d, 0, a, RA);
                } else {
                    let off = self.var_off(v)?;
                    let h = hsel!(t, addr);
                    self.emit(h, d, off, 0, RA | RB);
                }
                self.finish(st, d)?;
            }
            Family::IBin { op, w32 } => {
                need(3)?;
                let commutative = matches!(
                    op,
                    IBinOp::Add | IBinOp::Mul | IBinOp::And | IBinOp::Or | IBinOp::Xor
                );
                if self.lower_int_mem(op, w32, ops)? || self.fuse_mul_add(op, w32, ops) {
                    return Ok(());
                }
                match pow2_handler(t, op, w32, &ops[2]) {
                    Some((h, sh)) => {
                        self.binary(&ops[0], &ops[1], &Operand::Int(sh), false, |_| h)?;
                    }
                    None => {
                        self.binary(&ops[0], &ops[1], &ops[2], commutative, |imm| {
                            ibin_handler(t, op, w32, imm)
                        })?;
                    }
                }
                self.note_add(op, w32, ops);
                self.note_mul(op, w32, ops);
                self.note_and(op, w32, ops);
                // Signed 32-bit results are sign-extended (spec §10 #11).
                if w32 && !matches!(op, IBinOp::UDiv | IBinOp::UMod | IBinOp::URsh) {
                    self.note_sext32(&ops[0]);
                }
            }
            Family::ICmp { cond, w32 } => {
                need(3)?;
                let (d, st) = self.dst(&ops[0])?;
                let (a, b, cond) = self.cmp_operands(&ops[1], &ops[2], cond)?;
                match b {
                    Src::Slot(b) => {
                        let h = icmp_handler(t, cond, w32, false, false);
                        self.emit(h, d, a, b as u64, RA | RB | RXLO);
                    }
                    Src::Imm(x) => {
                        let h = icmp_handler(t, cond, w32, true, false);
                        self.emit(h, d, a, x, RA | RB);
                    }
                }
                self.finish(st, d)?;
            }
            Family::FBin { op, class } => {
                need(3)?;
                if self.lower_fp_mem(op, class, ops)? {
                    return Ok(());
                }
                let h = fbin_handler(t, op, class).ok_or_else(|| self.err("bad class"))?;
                let (d, st) = self.dst(&ops[0])?;
                let a = self.slot(&ops[1])?;
                let b = self.slot(&ops[2])?;
                self.emit(h, d, a, b as u64, RA | RB | RXLO);
                self.finish(st, d)?;
            }
            Family::FCmp { cond, class } => {
                need(3)?;
                let h = fcmp_handler(t, cond, class, false).ok_or_else(|| self.err("bad class"))?;
                let (d, st) = self.dst(&ops[0])?;
                let a = self.slot(&ops[1])?;
                let b = self.slot(&ops[2])?;
                self.emit(h, d, a, b as u64, RA | RB | RXLO);
                self.finish(st, d)?;
            }
            Family::Ovf { op, w32 } => {
                need(3)?;
                let commutative = matches!(op, OvfOp::Add | OvfOp::Mul | OvfOp::UMul);
                self.binary(&ops[0], &ops[1], &ops[2], commutative, |imm| {
                    ovf_handler(t, op, w32, imm)
                })?;
            }
            Family::Jmp => {
                need(1)?;
                let l = self.label(&ops[0])?;
                if !self.rotate(l) {
                    let h = hsel!(t, jmp);
                    self.branch(h, 0, 0, 0, l);
                }
            }
            Family::BTest { if_true, w32 } => {
                need(2)?;
                let l = self.label(&ops[0])?;
                match self.src(&ops[1])? {
                    Src::Slot(s) if self.fuse_and_branch(s, if_true, w32, l) => {}
                    Src::Slot(s) => {
                        let h = match (if_true, w32) {
                            (true, false) => hsel!(t, br_ri::<Ne>),
                            (true, true) => hsel!(t, br_ri::<NeS>),
                            (false, false) => hsel!(t, br_ri::<Eq>),
                            (false, true) => hsel!(t, br_ri::<EqS>),
                        };
                        self.branch(h, s, 0, RA, l);
                    }
                    Src::Imm(v) => {
                        let v = if w32 { v as u32 as u64 } else { v };
                        if (v != 0) == if_true {
                            let h = hsel!(t, jmp);
                            self.branch(h, 0, 0, 0, l);
                        }
                    }
                }
            }
            Family::BOvf { unsigned, set } => {
                need(1)?;
                let l = self.label(&ops[0])?;
                let h = match (unsigned, set) {
                    (false, true) => hsel!(t, br_ovf::<1, true>),
                    (false, false) => hsel!(t, br_ovf::<1, false>),
                    (true, true) => hsel!(t, br_ovf::<2, true>),
                    (true, false) => hsel!(t, br_ovf::<2, false>),
                };
                self.branch(h, 0, 0, 0, l);
            }
            Family::BICmp { cond, w32 } => {
                need(3)?;
                let l = self.label(&ops[0])?;
                let (a, b, cond) = self.cmp_operands(&ops[1], &ops[2], cond)?;
                let zero = match b {
                    Src::Imm(x) if w32 => x as u32 == 0,
                    Src::Imm(x) => x == 0,
                    Src::Slot(_) => false,
                };
                if zero
                    && matches!(cond, ICond::Eq | ICond::Ne)
                    && self.fuse_and_branch(a, cond == ICond::Ne, w32, l)
                {
                    return Ok(());
                }
                match b {
                    Src::Slot(b) => {
                        let h = icmp_handler(t, cond, w32, false, true);
                        self.branch(h, a, b as u64, RA | RXLO, l);
                    }
                    Src::Imm(x) => {
                        let h = icmp_handler(t, cond, w32, true, true);
                        self.branch(h, a, x, RA, l);
                    }
                }
                let at = self.insts.len() - 1;
                if at == self.insn_start {
                    let cbr = Cbr {
                        cond,
                        w32,
                        a,
                        b,
                        target: l,
                    };
                    self.cbr.insert(at, cbr);
                }
            }
            Family::BFCmp { cond, class } => {
                need(3)?;
                let l = self.label(&ops[0])?;
                let h = fcmp_handler(t, cond, class, true).ok_or_else(|| self.err("bad class"))?;
                let a = self.slot(&ops[1])?;
                let b = self.slot(&ops[2])?;
                self.branch(h, a, b as u64, RA | RXLO, l);
            }
            Family::Laddr => {
                need(2)?;
                let l = self.label(&ops[1])?;
                let (d, st) = self.dst(&ops[0])?;
                let h = hsel!(t, movi);
                let i = self.emit(h, d, 0, 0, RA);
                self.laddr_fix.push((i, l));
                self.finish(st, d)?;
            }
            Family::Jmpi => {
                need(1)?;
                let s = self.slot(&ops[0])?;
                match self.bi_load {
                    // `mov s, i64:(table, i, 8); jmpi s`: one instruction.
                    Some((at, d, shift, true))
                        if self.optimize
                            && !self.label_here
                            && d == s
                            && at + 1 == self.insts.len()
                            && at + 1 == self.insn_start =>
                    {
                        // A bad target traps at the `jmpi`.
                        self.src[at] = self.src_tag.unwrap_or(self.insn);
                        self.insts[at].h = match shift {
                            0 => hsel!(t, ld_jmpi_bi::<0>),
                            1 => hsel!(t, ld_jmpi_bi::<1>),
                            2 => hsel!(t, ld_jmpi_bi::<2>),
                            _ => hsel!(t, ld_jmpi_bi::<3>),
                        };
                        self.bi_load = None;
                    }
                    _ => {
                        let h = hsel!(t, jmpi);
                        self.emit(h, s, 0, 0, RA);
                    }
                }
            }
            Family::Switch => {
                need(2)?;
                let s = self.slot(&ops[0])?;
                let labels = ops[1..]
                    .iter()
                    .map(|op| self.label(op))
                    .collect::<R<Vec<_>>>()?;
                if let Some((at, default)) = self.range_check_before_switch(s, labels.len()) {
                    // `ubgt D, s, n-1; switch s, …` (how C switches are
                    // lowered): one instruction, the default as an extra
                    // table entry.
                    let mut labels = labels;
                    labels.push(default);
                    let h = hsel!(t, switch_def);
                    self.insts[at] = Inst {
                        h,
                        a: s,
                        b: labels.len() as u32 - 1,
                        x: 0,
                    };
                    self.masks[at] = RA;
                    self.switches.push(labels);
                    self.switch_fix.push((at, self.switches.len() - 1));
                    self.last_add = None;
                    self.last_mul = None;
                    self.sext32 = None;
                    return Ok(());
                }
                let h = hsel!(t, switch);
                let i = self.emit(h, s, labels.len() as u32, 0, RA);
                self.switches.push(labels);
                self.switch_fix.push((i, self.switches.len() - 1));
            }
            Family::Call | Family::Inline => self.lower_call(ops, false)?,
            Family::JCall => self.lower_call(ops, true)?,
            Family::Ret => {
                self.has_ret = true;
                let results = &self.func.sig.results;
                if ops.len() != results.len() {
                    return Err(self.err(format!(
                        "ret with {} values in a function with {} results",
                        ops.len(),
                        results.len()
                    )));
                }
                let mut vals = Vec::with_capacity(ops.len());
                for (op, &ty) in ops.iter().zip(results.iter()) {
                    let off = self.slot(op)?;
                    vals.push(RetVal { off, ty });
                }
                self.emit_ret(vals);
            }
            Family::JRet => {
                need(1)?;
                self.has_ret = true;
                let s = self.slot(&ops[0])?;
                let h = hsel!(t, calls::jret);
                self.emit(h, s, 0, 0, RA);
            }
            Family::Alloca => {
                need(2)?;
                let (d, st) = self.dst(&ops[0])?;
                match self.src(&ops[1])? {
                    Src::Slot(s) => {
                        let h = hsel!(t, alloca_r);
                        self.emit(h, d, s, 0, RA | RB);
                    }
                    Src::Imm(x) => {
                        let h = hsel!(t, alloca_i);
                        self.emit(h, d, 0, x, RA);
                    }
                }
                self.finish(st, d)?;
            }
            Family::BStart => {
                need(1)?;
                let (d, st) = self.dst(&ops[0])?;
                let h = hsel!(t, bstart);
                self.emit(h, d, 0, 0, RA);
                self.finish(st, d)?;
            }
            Family::BEnd => {
                need(1)?;
                let s = self.slot(&ops[0])?;
                let h = hsel!(t, bend);
                self.emit(h, s, 0, 0, RA);
            }
            Family::VaStart => {
                need(1)?;
                if !self.func.sig.vararg {
                    self.emit_unsupported("va_start in a function that is not variadic");
                } else {
                    let s = self.slot(&ops[0])?;
                    let off = self.func.vars.len() as u32 * SLOT;
                    let h = hsel!(t, va_start);
                    self.emit(h, s, off, 0, RA);
                }
            }
            Family::VaArg => {
                need(3)?;
                let Operand::Mem(m) = &ops[2] else {
                    return Err(self.err("va_arg needs a memory operand naming the type"));
                };
                let ty = m.ty;
                let (d, st) = self.dst(&ops[0])?;
                let va = self.slot(&ops[1])?;
                let h = hsel!(t, va_arg);
                self.emit(h, d, va, ty as u64, RA | RB);
                self.finish(st, d)?;
            }
            Family::VaBlockArg => {
                need(4)?;
                let dest = self.slot(&ops[0])?;
                let va = self.slot(&ops[1])?;
                let size = self.slot(&ops[2])?;
                let case = self.slot(&ops[3])?;
                let h = hsel!(t, va_block_arg);
                self.emit(
                    h,
                    dest,
                    va,
                    size as u64 | (case as u64) << 32,
                    RA | RB | RXLO | RXHI,
                );
            }
            Family::VaEnd => {}
            // Every property is 0 outside lazy basic-block versioning
            // (spec §5.16, §10 #29).
            Family::PrSet => {}
            Family::PrBranch { eq } => {
                need(3)?;
                let l = self.label(&ops[0])?;
                let c = match ops[2] {
                    Operand::Int(c) => c,
                    _ => return Err(self.err("property branch needs an integer constant")),
                };
                if (c == 0) == eq {
                    let h = hsel!(t, jmp);
                    self.branch(h, 0, 0, 0, l);
                }
            }
            Family::Unspec | Family::Use | Family::Phi | Family::Invalid => {
                return Err(self.err(format!("internal instruction '{}'", insn.op)));
            }
        }
        Ok(())
    }

    /// A memory operand a fused handler can address: a plain base register
    /// with an i32 displacement, or base + index << shift without one.
    fn mem_form(&self, m: &Mem) -> Option<MemForm> {
        let base = m.base?;
        if self.hard_reg(base).is_some() {
            return None;
        }
        let base = self.var_off(base).ok()?;
        match m.index {
            None => Some(MemForm::B {
                base,
                disp: i32::try_from(m.disp).ok()?,
            }),
            Some(ix) => {
                let scale = if m.scale == 0 { 1 } else { m.scale as u64 };
                if self.hard_reg(ix).is_some() || m.disp != 0 || !matches!(scale, 1 | 2 | 4 | 8) {
                    return None;
                }
                Some(MemForm::I {
                    base,
                    index: self.var_off(ix).ok()?,
                    shift: scale.trailing_zeros(),
                })
            }
        }
    }

    /// Integer `op d, a, b` with a memory source (load-and-operate) or
    /// with `d` and `a` the same 64-bit memory (read-modify-write), as one
    /// instruction. Returns false when the forms do not apply.
    fn lower_int_mem(&mut self, op: IBinOp, w32: bool, ops: &[Operand]) -> R<bool> {
        let t = self.tail;
        if !matches!(
            op,
            IBinOp::Add | IBinOp::Sub | IBinOp::Mul | IBinOp::And | IBinOp::Or | IBinOp::Xor
        ) {
            return Ok(false);
        }
        let same_mem = |a: &Mem, b: &Mem| {
            (a.ty, a.disp, a.base, a.index, a.scale) == (b.ty, b.disp, b.base, b.index, b.scale)
        };
        if let (Operand::Mem(md), Operand::Mem(ma)) = (&ops[0], &ops[1]) {
            if !w32
                && same_mem(md, ma)
                && matches!(md.ty, Type::I64 | Type::U64 | Type::P)
                && !matches!(ops[2], Operand::Mem(_))
            {
                if let Some(f) = self.mem_form(md) {
                    let s = self.slot(&ops[2])?;
                    let h = int_rmw_handler(t, op, f);
                    let (x, mask) = f.x();
                    self.emit(h, s, 0, x, RA | mask);
                    return Ok(true);
                }
            }
        }
        let commutative = !matches!(op, IBinOp::Sub);
        let loadable = |m: &Mem| matches!(m.ty, Type::I64 | Type::U64 | Type::P | Type::I32);
        let (other, m) = match (&ops[1], &ops[2]) {
            (a, Operand::Mem(m)) if loadable(m) => (a, m),
            (Operand::Mem(m), b) if commutative && loadable(m) && !matches!(b, Operand::Mem(_)) => {
                (b, m)
            }
            _ => return Ok(false),
        };
        let Some(f) = self.mem_form(m) else {
            return Ok(false);
        };
        let (d, st) = self.dst(&ops[0])?;
        let a = self.slot(other)?;
        let h = int_mem_handler(t, op, w32, m.ty == Type::I32, f);
        let (x, mask) = f.x();
        self.emit(h, d, a, x, RA | RB | mask);
        self.finish(st, d)?;
        Ok(true)
    }

    /// Floating `op d, a, b` with a memory source or read-modify-write
    /// memory, as one instruction. Returns false when the forms do not
    /// apply.
    fn lower_fp_mem(&mut self, op: FBinOp, class: Class, ops: &[Operand]) -> R<bool> {
        let t = self.tail;
        if let (Operand::Mem(md), Operand::Mem(ma)) = (&ops[0], &ops[1]) {
            let same = (md.ty, md.disp, md.base, md.index, md.scale)
                == (ma.ty, ma.disp, ma.base, ma.index, ma.scale);
            if same && md.ty.class() == class && !matches!(ops[2], Operand::Mem(_)) {
                if let Some(f) = self.mem_form(md) {
                    if let Some(h) = fp_rmw_handler(t, op, class, f) {
                        let s = self.slot(&ops[2])?;
                        let (x, mask) = f.x();
                        let prev = self.dmul_mi3;
                        let i = self.emit(h, s, 0, x, RA | mask);
                        // `dmul s, a, d:(b, k, 8); dadd d:(c, j, 8), …, s`
                        // (a dot-product step): the first instruction does
                        // both; the second stays for anything jumping to it.
                        if let (Some((at, d)), MemForm::I { shift: 3, .. }) = (prev, f) {
                            if self.optimize
                                && at + 1 == i
                                && d == s
                                && op == FBinOp::Add
                                && class == Class::D
                            {
                                self.insts[at].h = hsel!(t, fp_op_rmw_mi::<DMul, MDAdd, 3, 3>);
                            }
                        }
                        return Ok(true);
                    }
                }
            }
        }
        let commutative = matches!(op, FBinOp::Add | FBinOp::Mul);
        let (other, m) = match (&ops[1], &ops[2]) {
            (a, Operand::Mem(m)) if m.ty.class() == class => (a, m),
            (Operand::Mem(m), b)
                if commutative && m.ty.class() == class && !matches!(b, Operand::Mem(_)) =>
            {
                (b, m)
            }
            _ => return Ok(false),
        };
        let Some(f) = self.mem_form(m) else {
            return Ok(false);
        };
        let Some(h) = fp_mem_handler(t, op, class, f) else {
            return Ok(false);
        };
        let (d, st) = self.dst(&ops[0])?;
        let a = self.slot(other)?;
        let (x, mask) = f.x();
        let i = self.emit(h, d, a, x, RA | RB | mask);
        if let (FBinOp::Mul, Class::D, MemForm::I { shift: 3, .. }, None) = (op, class, f, st) {
            self.dmul_mi3 = Some((i, d));
        }
        self.finish(st, d)?;
        Ok(true)
    }

    /// Records that the instruction just lowered (if it is one ICode
    /// instruction writing register `d`) left a sign-extended 32-bit value.
    fn note_sext32(&mut self, d: &Operand) {
        if let Operand::Reg(v) = d {
            if self.optimize
                && self.hard_reg(*v).is_none()
                && self.insts.len() == self.insn_start + 1
            {
                self.sext32 = self.var_off(*v).ok();
            }
        }
    }

    /// `ext32 v, v` right after a signed 32-bit operation wrote `v` (no
    /// label in between): nothing to do. c2m emits this after every `…s`
    /// operation; eliding it also lets `adds i, i, 1; ext32 i, i; jmp L`
    /// loops be rotated and fused.
    fn redundant_ext32(&self, d: &Operand, s: &Operand) -> bool {
        match (d, s) {
            (Operand::Reg(a), Operand::Reg(b)) if a == b && !self.label_here => {
                self.sext32.is_some() && self.sext32 == self.var_off(*a).ok()
            }
            _ => false,
        }
    }

    /// Whether the instruction just emitted is a whole `ubgt D, s, n-1` (or
    /// `ubge D, s, n`) right before a `switch s` with `n` cases (no label
    /// in between); if so, removes its branch fix-up and returns its
    /// position and `D`.
    fn range_check_before_switch(&mut self, s: u32, n: usize) -> Option<(usize, LabelId)> {
        if !self.optimize || self.label_here || self.insts.len() != self.insn_start {
            return None;
        }
        let at = self.insts.len().checked_sub(1)?;
        let c = *self.cbr.get(&at)?;
        let limit = match (c.cond, c.b) {
            (ICond::Ugt, Src::Imm(k)) => k.checked_add(1)?,
            (ICond::Uge, Src::Imm(k)) => k,
            _ => return None,
        };
        if c.w32 || c.a != s || limit != n as u64 || self.br_fix.last()?.0 != at {
            return None;
        }
        self.br_fix.pop();
        self.cbr.remove(&at);
        Some((at, c.target))
    }

    /// Records `and d, s, imm` (one instruction into a plain register) as
    /// a candidate for [`Lower::fuse_and_branch`].
    fn note_and(&mut self, op: IBinOp, w32: bool, ops: &[Operand]) {
        if op != IBinOp::And
            || !self.optimize
            || self.insts.len() != self.insn_start + 1
            || !matches!(&ops[0], Operand::Reg(d) if self.hard_reg(*d).is_none())
        {
            return;
        }
        let at = self.insn_start;
        let i = self.insts[at];
        if self.masks[at] & RXLO != 0 {
            return;
        }
        if let Ok(imm) = i32::try_from(i.x as i64) {
            self.last_and = Some((at, w32, i.a, i.b, imm));
        }
    }

    /// `and d, s, imm` right before a branch on `d` being nonzero (`ne`)
    /// or zero, with nothing in between: one fused instruction.
    fn fuse_and_branch(&mut self, a: u32, ne: bool, w32: bool, l: LabelId) -> bool {
        let Some((at, and32, d, s, imm)) = self.last_and else {
            return false;
        };
        if self.label_here || d != a || at + 1 != self.insts.len() || at + 1 != self.insn_start {
            return false;
        }
        let t = self.tail;
        macro_rules! pick {
            ($A:ty) => {
                match (ne, w32) {
                    (true, false) => hsel!(t, and_br::<$A, Ne>),
                    (true, true) => hsel!(t, and_br::<$A, NeS>),
                    (false, false) => hsel!(t, and_br::<$A, Eq>),
                    (false, true) => hsel!(t, and_br::<$A, EqS>),
                }
            };
        }
        let h = if and32 { pick!(AndS) } else { pick!(o::And) };
        self.insts[at] = Inst {
            h,
            a: d,
            b: 0,
            x: s as u64 | (imm as u32 as u64) << 32,
        };
        self.masks[at] = RA | RXLO;
        self.br_fix.push((at, l));
        self.last_and = None;
        true
    }

    /// Records `mul d, b, y` or `add d, b, y` (one instruction into a plain register) as a
    /// candidate for [`Lower::fuse_mul_add`].
    fn note_mul(&mut self, op: IBinOp, w32: bool, ops: &[Operand]) {
        if !matches!(op, IBinOp::Mul | IBinOp::Add)
            || !self.optimize
            || self.insts.len() != self.insn_start + 1
            || !matches!(&ops[0], Operand::Reg(d) if self.hard_reg(*d).is_none())
        {
            return;
        }
        let at = self.insn_start;
        let i = self.insts[at];
        let y = if self.masks[at] & RXLO != 0 {
            Src::Slot(i.x as u32)
        } else if i32::try_from(i.x as i64).is_ok() {
            Src::Imm(i.x)
        } else {
            return;
        };
        self.last_mul = Some(MulInfo {
            at,
            add: op == IBinOp::Add,
            w32,
            d: i.a,
            b: i.b,
            y,
        });
    }

    /// `mul d, b, y` (or `add`) right before `add d, d, z` (or `add d, z, d`), with no
    /// label in between: one fused instruction.
    fn fuse_mul_add(&mut self, op: IBinOp, w32: bool, ops: &[Operand]) -> bool {
        let Some(m) = self.last_mul else {
            return false;
        };
        if op != IBinOp::Add || self.label_here {
            return false;
        }
        let slot_of = |op: &Operand| match op {
            Operand::Reg(v) if self.hard_reg(*v).is_none() => self.var_off(*v).ok(),
            _ => None,
        };
        if slot_of(&ops[0]) != Some(m.d) {
            return false;
        }
        let other = if slot_of(&ops[1]) == Some(m.d) {
            &ops[2]
        } else if slot_of(&ops[2]) == Some(m.d) {
            &ops[1]
        } else {
            return false;
        };
        let z = match other {
            Operand::Int(k) if i32::try_from(*k).is_ok() => Src::Imm(*k as u64),
            op => match slot_of(op) {
                Some(s) if s != m.d => Src::Slot(s),
                _ => return false,
            },
        };
        let (lo, ai) = match m.y {
            Src::Slot(s) => (s as u64, false),
            Src::Imm(k) => (k & 0xffff_ffff, true),
        };
        let (hi, bi) = match z {
            Src::Slot(s) => (s as u64, false),
            Src::Imm(k) => (k & 0xffff_ffff, true),
        };
        let h = int2_handler(self.tail, m.add, m.w32, w32, ai, bi);
        self.insts[m.at] = Inst {
            h,
            a: m.d,
            b: m.b,
            x: lo | hi << 32,
        };
        self.masks[m.at] = RA | RB | if ai { 0 } else { RXLO } | if bi { 0 } else { RXHI };
        self.last_mul = None;
        self.last_add = None;
        // A signed 32-bit add leaves a sign-extended value.
        self.sext32 = w32.then_some(m.d);
        true
    }

    /// Records `add v, v, imm` / `sub v, v, imm` as a fusion candidate.
    fn note_add(&mut self, op: IBinOp, w32: bool, ops: &[Operand]) {
        let (Operand::Reg(d), Operand::Reg(s), Operand::Int(k)) = (&ops[0], &ops[1], &ops[2])
        else {
            return;
        };
        let imm = match op {
            IBinOp::Add => *k,
            IBinOp::Sub if *k != i64::MIN => -*k,
            _ => return,
        };
        if !self.optimize
            || d != s
            || self.hard_reg(*d).is_some()
            || self.insts.len() != self.insn_start + 1
            || i32::try_from(imm).is_err()
        {
            return;
        }
        if let Ok(slot) = self.var_off(*d) {
            self.last_add = Some(AddInfo {
                at: self.insn_start,
                w32,
                slot,
                imm,
            });
        }
    }

    /// Loop rotation: a backward `jmp L` where `L` is a compare-and-branch
    /// `b<c> E, a, b` becomes `b<!c> L+1, a, b; jmp E`, saving one dispatch
    /// per iteration; when the instruction before the `jmp` is
    /// `add a, a, imm`, the add and the inverted branch are fused into one
    /// instruction. Returns false when the pattern does not apply.
    fn rotate(&mut self, l: LabelId) -> bool {
        let pos = self.labels[l.index()];
        if !self.optimize || pos == u32::MAX {
            return false;
        }
        let Some(c) = self.cbr.get(&(pos as usize)).copied() else {
            return false;
        };
        let t = self.tail;
        let cond = invert(c.cond);
        let after = pos + 1;
        let fuse = match self.last_add {
            Some(add) if !self.label_here && add.slot == c.a => match c.b {
                Src::Slot(b) if b != add.slot => Some((add, b as u64, false)),
                Src::Imm(x) if i32::try_from(x as i64).is_ok() => Some((add, x, true)),
                _ => None,
            },
            _ => None,
        };
        match fuse {
            Some((add, other, imm)) => {
                let h = add_br_handler(t, add.w32, cond, c.w32, imm);
                let x = (add.imm as i32 as u32 as u64) | (other & 0xffff_ffff) << 32;
                self.insts[add.at] = Inst {
                    h,
                    a: add.slot,
                    b: 0,
                    x,
                };
                self.masks[add.at] = if imm { RA } else { RA | RXHI };
                self.inst_fix.push((add.at, after));
            }
            None => {
                let i = match c.b {
                    Src::Slot(b) => {
                        let h = icmp_handler(t, cond, c.w32, false, true);
                        self.emit(h, c.a, 0, b as u64, RA | RXLO)
                    }
                    Src::Imm(x) => {
                        let h = icmp_handler(t, cond, c.w32, true, true);
                        self.emit(h, c.a, 0, x, RA)
                    }
                };
                self.inst_fix.push((i, after));
            }
        }
        let h = hsel!(t, jmp);
        self.branch(h, 0, 0, 0, c.target);
        true
    }

    /// `op d, s` with a slot-to-slot handler.
    fn unary(&mut self, h: Handler, d: &Operand, s: &Operand) -> R<()> {
        let (d, st) = self.dst(d)?;
        let s = self.slot(s)?;
        self.emit(h, d, s, 0, RA | RB);
        self.finish(st, d)
    }

    /// `op d, a, b` for integer operations with register and immediate
    /// forms (`pick(true)` is the immediate form).
    fn binary(
        &mut self,
        d: &Operand,
        a: &Operand,
        b: &Operand,
        commutative: bool,
        pick: impl Fn(bool) -> Handler,
    ) -> R<()> {
        let (d, st) = self.dst(d)?;
        let a = self.src(a)?;
        let b = self.src(b)?;
        let (a, b) = match (a, b) {
            (Src::Imm(x), Src::Slot(s)) if commutative => (s, Src::Imm(x)),
            (Src::Imm(x), b) => (self.konst(Val::from_i64(x as i64)), b),
            (Src::Slot(s), b) => (s, b),
        };
        match b {
            Src::Slot(b) => {
                self.emit(pick(false), d, a, b as u64, RA | RB | RXLO);
            }
            Src::Imm(x) => {
                self.emit(pick(true), d, a, x, RA | RB);
            }
        }
        self.finish(st, d)
    }

    /// Comparison operands: a slot first, the second a slot or an
    /// immediate (swapping the condition when the immediate came first).
    fn cmp_operands(&mut self, a: &Operand, b: &Operand, cond: ICond) -> R<(u32, Src, ICond)> {
        let a = self.src(a)?;
        let b = self.src(b)?;
        Ok(match (a, b) {
            (Src::Imm(x), Src::Slot(s)) => (s, Src::Imm(x), swap(cond)),
            (Src::Imm(x), b) => (self.konst(Val::from_i64(x as i64)), b, cond),
            (Src::Slot(s), b) => (s, b, cond),
        })
    }

    fn lower_mov(&mut self, d: &Operand, s: &Operand, class: Class) -> R<()> {
        let t = self.tail;
        if let Operand::Reg(v) = d {
            if self.hard_reg(*v).is_none() {
                let d = self.var_off(*v)?;
                match s {
                    Operand::Reg(w) if self.hard_reg(*w).is_none() => {
                        let s = self.var_off(*w)?;
                        if s != d {
                            let h = if class == Class::LD {
                                hsel!(t, slot_un::<Mov16>)
                            } else {
                                hsel!(t, slot_un::<Mov8>)
                            };
                            self.emit(h, d, s, 0, RA | RB);
                        }
                    }
                    Operand::Reg(w) => {
                        let (ty, a) = self.hard_reg(*w).unwrap_or((Type::I64, 0));
                        self.load(ty, Addr::Abs(a), d)?;
                    }
                    Operand::Mem(m) => {
                        let a = self.addr(m)?;
                        self.load(m.ty, a, d)?;
                    }
                    _ => match self.src(s)? {
                        Src::Imm(x) => {
                            let h = hsel!(t, movi);
                            self.emit(h, d, 0, x, RA);
                        }
                        Src::Slot(k) => {
                            let h = hsel!(t, slot_un::<Mov16>);
                            self.emit(h, d, k, 0, RA | RB);
                        }
                    },
                }
                return Ok(());
            }
        }
        let (ty, addr) = match d {
            Operand::Reg(v) => {
                let (ty, a) = self.hard_reg(*v).unwrap_or((Type::I64, 0));
                (ty, Addr::Abs(a))
            }
            Operand::Mem(m) => (m.ty, self.addr(m)?),
            _ => return Err(self.err("move destination is not a register or memory")),
        };
        let s = self.slot(s)?;
        self.store(ty, addr, s)
    }

    fn direct_callee(&self, id: ItemId) -> R<Callee> {
        if id.index() >= self.module.items.len() {
            return Err(self.err(format!("no item {id:?}")));
        }
        let rid = self.module.resolve(id);
        let it = &self.module.items[rid.index()];
        match &it.kind {
            ItemKind::Func(_) => Ok(Callee::Interp(
                self.prog
                    .func_index(self.midx, rid)
                    .ok_or_else(|| self.err("function not in the program"))?,
            )),
            ItemKind::Import => {
                if let Some(c) = it.name.as_deref().and_then(Callee::special_for_name) {
                    return Ok(c);
                }
                let a = self.item_addr(rid)?;
                Ok(self.prog.env.callee_at(a))
            }
            _ => {
                let a = self.item_addr(rid)?;
                Ok(self.prog.env.callee_at(a))
            }
        }
    }

    fn lower_call(&mut self, ops: &[Operand], jcall: bool) -> R<()> {
        let t = self.tail;
        let proto: &Proto = match ops.first() {
            Some(Operand::Ref(id)) => match self.module.items.get(id.index()).map(|i| &i.kind) {
                Some(ItemKind::Proto(p)) => p,
                _ => return Err(self.err("the first call operand must be a prototype")),
            },
            _ => return Err(self.err("the first call operand must be a prototype")),
        };
        if ops.len() < 2 {
            return Err(self.err("call without a function operand"));
        }
        let target = match &ops[1] {
            Operand::Ref(id) => Target::Direct(self.direct_callee(*id)?),
            op => Target::Indirect(self.slot(op)?),
        };
        let nres = if jcall { 0 } else { proto.results.len() };
        if ops.len() < 2 + nres + proto.params.len() {
            return Err(self.err("number of call operands does not match the prototype"));
        }
        let mut results = Vec::with_capacity(nres);
        let mut stores = Vec::new();
        for (i, &ty) in proto.results.iter().take(nres).enumerate() {
            let (off, st) = self.dst(&ops[2 + i])?;
            results.push(ResDst { off, ty });
            if st.is_some() {
                stores.push((st, off));
            }
        }
        let mut args = Vec::with_capacity(ops.len() - 2 - nres);
        for (j, op) in ops[2 + nres..].iter().enumerate() {
            let arg = if let Some(p) = proto.params.get(j) {
                if p.ty.is_block() {
                    let Operand::Mem(m) = op else {
                        return Err(self.err("block parameter needs a block memory argument"));
                    };
                    ArgSrc {
                        off: self.block_addr(m)?,
                        kind: ArgKind::from_type(p.ty, p.size),
                        conv: p.ty,
                    }
                } else {
                    ArgSrc {
                        off: self.slot(op)?,
                        kind: ArgKind::from_type(p.ty, 0),
                        conv: p.ty,
                    }
                }
            } else {
                if !proto.vararg {
                    return Err(self.err("too many arguments for a non-variadic prototype"));
                }
                match op {
                    Operand::Mem(m) if m.ty.is_block() => {
                        if m.ty == Type::RBlk {
                            return Err(self.err("rblk cannot be a variadic argument"));
                        }
                        ArgSrc {
                            off: self.block_addr(m)?,
                            kind: ArgKind::from_type(m.ty, m.disp.max(0) as u32),
                            conv: m.ty,
                        }
                    }
                    _ => {
                        let kind = match self.operand_class(op) {
                            Class::Int => ArgKind::I64,
                            Class::D => ArgKind::D,
                            Class::LD => ArgKind::LD,
                            Class::F => {
                                return Err(self.err(
                                    "passing float variadic arg (should be passed as double)",
                                ))
                            }
                        };
                        ArgSrc {
                            off: self.slot(op)?,
                            kind,
                            conv: Type::I64,
                        }
                    }
                }
            };
            args.push(arg);
        }
        let sig = CallSig {
            results: proto
                .results
                .iter()
                .take(nres)
                .map(|&ty| {
                    RetKind::from_type(ty).unwrap_or(RetKind::Int(mirage_ir::abi::IntExt::None))
                })
                .collect(),
            args: args.iter().map(|a| a.kind).collect(),
            nfixed: proto.params.len(),
            variadic: proto.vararg,
        };
        let fast = if jcall {
            None
        } else {
            self.fast_call(proto, &target, &mut args)
        };
        if let (Some(_), Target::Direct(Callee::Interp(f))) = (fast, target) {
            if self.try_inline(f, &args, &results)? {
                for (st, off) in stores {
                    self.finish(st, off)?;
                }
                return Ok(());
            }
        }
        let int_args = fast == Some(0)
            && args.len() <= MAX_INT_ARGS
            && args
                .iter()
                .all(|a| a.conv != Type::LD && !a.conv.is_block());
        let mut iargs = [IntArg::default(); MAX_INT_ARGS];
        if int_args {
            for (d, a) in iargs.iter_mut().zip(&args) {
                *d = IntArg::new(a.off, a.conv);
            }
        }
        // Indirect calls: each argument's extension per its kind (the
        // callee's parameter extension is applied by `calls::call_ind`).
        let ind_args = matches!(target, Target::Indirect(_))
            && args.len() <= MAX_INT_ARGS
            && args.iter().all(|a| kind_ext(a.kind).is_some());
        if ind_args {
            for (d, a) in iargs.iter_mut().zip(&args) {
                *d = IntArg::new(a.off, kind_ext(a.kind).unwrap_or(Type::I64));
            }
        }
        let rext = match (&target, results.first()) {
            (Target::Direct(Callee::Interp(f)), Some(d)) if !jcall => self
                .prog
                .func_ir(*f)
                .filter(|c| c.sig.results.len() == 1)
                .and_then(|c| IntArg::combine(d.off, c.sig.results[0], d.ty)),
            _ => None,
        };
        let rk = match results.len() {
            _ if jcall => RET_SLOW,
            0 => RET_NONE,
            1 if rext.is_some() => RET_INT,
            1 => RET_ONE,
            _ => RET_SLOW,
        };
        let h = if jcall {
            hsel!(t, calls::jcall)
        } else if int_args {
            match args.len() {
                0 => hsel!(t, calls::call_int::<0>),
                1 => hsel!(t, calls::call_int::<1>),
                2 => hsel!(t, calls::call_int::<2>),
                3 => hsel!(t, calls::call_int::<3>),
                4 => hsel!(t, calls::call_int::<4>),
                5 => hsel!(t, calls::call_int::<5>),
                _ => hsel!(t, calls::call_int::<6>),
            }
        } else if fast.is_some() {
            hsel!(t, calls::call_fast)
        } else {
            match target {
                Target::Direct(Callee::Interp(_)) => hsel!(t, calls::call_interp),
                Target::Direct(Callee::Native(_)) => hsel!(t, calls::call_native),
                Target::Direct(Callee::SetJmp) => hsel!(t, calls::setjmp),
                Target::Direct(Callee::LongJmp) => hsel!(t, calls::longjmp),
                Target::Indirect(_) => hsel!(t, calls::call_ind),
            }
        };
        let scalar_args = args.iter().all(|a| {
            matches!(
                a.kind,
                ArgKind::I8
                    | ArgKind::U8
                    | ArgKind::I16
                    | ArgKind::U16
                    | ArgKind::I32
                    | ArgKind::U32
                    | ArgKind::I64
                    | ArgKind::F
                    | ArgKind::D
            )
        });
        let (va_layout, va_bytes) = if scalar_args {
            va_layout(&args)
        } else {
            (Box::default(), 0)
        };
        self.calls.push(CallSite {
            target,
            code: AtomicPtr::new(std::ptr::null_mut()),
            entry: AtomicPtr::new(std::ptr::null_mut()),
            fsize: AtomicU64::new(0),
            ff: AtomicU64::new(u64::MAX),
            args: args.into_boxed_slice(),
            results: results.into_boxed_slice(),
            sig,
            jcall,
            ind_args,
            scalar_args,
            va_layout,
            va_bytes,
            extra: fast.unwrap_or(0),
            iargs,
            rk,
            rext: rext.unwrap_or_default(),
            retpack: 0,
        });
        let i = self.emit(h, 0, 0, 0, 0);
        self.call_fix.push((i, self.calls.len() - 1));
        for (st, off) in stores {
            self.finish(st, off)?;
        }
        Ok(())
    }

    /// Whether `callee` can be inlined: a small leaf (no calls, frame
    /// memory, variadic machinery, label addresses, `switch` or `addr`)
    /// ending in `ret`.
    fn inline_info(callee: &Func) -> Option<InlineInfo> {
        if callee.sig.vararg
            || callee.vars.len() > INLINE_MAX_VARS
            || callee.num_insns() > 2 * INLINE_MAX_INSNS
        {
            return None;
        }
        let mut n = 0;
        let mut writes = false;
        let mut written = 0u64;
        let mut wide = 0u64;
        for insn in callee.insns() {
            let fam = insn.op.family();
            let low32 = matches!(
                fam,
                Family::IBin { w32: true, .. }
                    | Family::ICmp { w32: true, .. }
                    | Family::BICmp { w32: true, .. }
            );
            for (k, op) in insn.operands.iter().enumerate() {
                let mut mark = |v: VarId| {
                    if v.index() < 64 {
                        wide |= 1 << v.index();
                    }
                };
                match op {
                    Operand::Reg(v) if !(low32 && k > 0) => mark(*v),
                    Operand::Mem(m) => {
                        m.base.into_iter().chain(m.index).for_each(&mut mark);
                    }
                    _ => {}
                }
            }
            if !matches!(
                fam,
                Family::Label
                    | Family::Ret
                    | Family::Jmp
                    | Family::BTest { .. }
                    | Family::BOvf { .. }
                    | Family::BICmp { .. }
                    | Family::BFCmp { .. }
                    | Family::PrSet
                    | Family::PrBranch { .. }
            ) {
                // The first operand is the output.
                if let Some(Operand::Reg(v)) = insn.operands.first() {
                    if v.index() < 64 {
                        written |= 1 << v.index();
                    }
                }
            }
            match fam {
                Family::Label => continue,
                Family::Call
                | Family::Inline
                | Family::JCall
                | Family::JRet
                | Family::Alloca
                | Family::BStart
                | Family::BEnd
                | Family::VaStart
                | Family::VaArg
                | Family::VaBlockArg
                | Family::VaEnd
                | Family::Laddr
                | Family::Jmpi
                | Family::Switch
                | Family::Addr { .. }
                | Family::Unspec
                | Family::Use
                | Family::Phi
                | Family::Invalid => return None,
                Family::Ret => {}
                _ => writes |= matches!(insn.operands.first(), Some(Operand::Mem(_))),
            }
            n += 1;
        }
        let last_ret = callee
            .last_insn()
            .is_some_and(|i| i.op.family() == Family::Ret);
        (n <= INLINE_MAX_INSNS && last_ret && callee.sig.params.len() <= 64).then_some(InlineInfo {
            writes_mem: writes,
            written,
            wide,
        })
    }

    /// Whether this function takes the address of a variable.
    fn has_addr(&mut self) -> bool {
        *self.has_addr.get_or_insert_with(|| {
            self.func
                .insns()
                .any(|i| matches!(i.op.family(), Family::Addr { .. }))
        })
    }

    /// Inlines a direct call of the small leaf function `f` (see
    /// [`Lower::inline_info`]): the arguments are moved into the callee's
    /// variables, which live in a region of this frame, the body is
    /// lowered in place with each `ret` becoming moves into the result
    /// slots, and traps in the body name the callee and its instruction
    /// ([`Code::inl_src`]). `args` carry the combined conversions of
    /// [`Lower::fast_call`]. Returns false (having emitted nothing) when
    /// the call is not inlined.
    fn try_inline(&mut self, f: FuncIdx, args: &[ArgSrc], results: &[ResDst]) -> R<bool> {
        if !self.optimize || self.inl_base.is_some() || f == self.fidx {
            return Ok(false);
        }
        let prog: &'a Program = self.prog;
        let Some((midx, item)) = prog.func_item(f) else {
            return Ok(false);
        };
        let module: &'a Module = &prog.modules[midx.0 as usize];
        let Some(ItemKind::Func(callee)) = module.items.get(item.index()).map(|i| &i.kind) else {
            return Ok(false);
        };
        let callee: &'a Func = callee;
        let info = match self.inl_info.get(&f) {
            Some(&i) => i,
            None => {
                let i = Self::inline_info(callee);
                self.inl_info.insert(f, i);
                i
            }
        };
        let Some(info) = info else {
            return Ok(false);
        };
        if self.inl_count + callee.num_insns() > INLINE_BUDGET + self.func.num_insns()
            || callee.sig.results.len() != results.len()
            || callee
                .sig
                .results
                .iter()
                .zip(results)
                .any(|(&r, d)| r.class() != d.ty.class())
        {
            return Ok(false);
        }
        let snap = (
            self.insts.len(),
            self.br_fix.len(),
            self.inst_fix.len(),
            self.str_fix.len(),
            self.inl_src.len(),
        );
        let saved = (
            self.func,
            self.module,
            self.midx,
            self.insn,
            self.has_ret,
            self.temp_next,
        );
        let labels = std::mem::replace(&mut self.labels, vec![u32::MAX; callee.labels.len()]);
        let r = self.inline_body(f, callee, module, midx, info, args, results);
        self.labels = labels;
        self.inl_alias.clear();
        (
            self.func,
            self.module,
            self.midx,
            self.insn,
            self.has_ret,
            self.temp_next,
        ) = saved;
        self.inl_base = None;
        self.src_tag = None;
        self.cbr.retain(|&at, _| at < snap.0);
        self.last_add = None;
        self.sext32 = None;
        // Control joins after the body: no fusion across it.
        self.label_here = true;
        if r.is_err() {
            // Keep the callee's own errors for its own lowering (at its
            // first call): emit a real call instead.
            self.insts.truncate(snap.0);
            self.masks.truncate(snap.0);
            self.src.truncate(snap.0);
            self.br_fix.truncate(snap.1);
            self.inst_fix.truncate(snap.2);
            self.str_fix.truncate(snap.3);
            self.inl_src.truncate(snap.4);
            return Ok(false);
        }
        self.inl_count += callee.num_insns();
        Ok(true)
    }

    #[allow(clippy::too_many_arguments)]
    fn inline_body(
        &mut self,
        f: FuncIdx,
        callee: &'a Func,
        module: &'a Module,
        midx: ModuleIdx,
        info: InlineInfo,
        args: &[ArgSrc],
        results: &[ResDst],
    ) -> R<()> {
        let t = self.tail;
        let br_start = self.br_fix.len();
        let writes_mem = info.writes_mem;
        // A parameter the body never assigns can read the argument's slot
        // itself when no conversion is needed and the slot cannot change
        // during the body: the callee writes no memory or nothing here has
        // its address taken, and it is not a result slot (the `ret` moves
        // write those).
        let stable = !writes_mem || !self.has_addr();
        let mut alias = vec![None; callee.vars.len()];
        // Arguments (still in the caller's context for errors).
        let mut area = callee.vars.len() as u32 * SLOT;
        let mut moves = Vec::with_capacity(args.len());
        for (k, a) in args.iter().enumerate() {
            if k >= callee.vars.len() {
                return Err(self.err("inlined callee lacks parameter variables"));
            }
            let d = INL_TAG | (k as u32 * SLOT);
            let plain = match a.conv {
                Type::I64 | Type::U64 | Type::P | Type::F | Type::D | Type::LD | Type::RBlk => true,
                // Only the low half is ever read: no extension needed.
                Type::I32 | Type::U32 => k < 64 && info.wide >> k & 1 == 0,
                ty => ty.is_block() && !writes_mem,
            };
            if plain
                && stable
                && k < 64
                && info.written >> k & 1 == 0
                && !results.iter().any(|r| r.off == a.off)
            {
                alias[k] = Some(a.off);
                continue;
            }
            match a.conv {
                Type::Blk0 | Type::Blk1 | Type::Blk2 | Type::Blk3 | Type::Blk4 if writes_mem => {
                    let size = match a.kind {
                        ArgKind::Blk { size, .. } => size,
                        _ => 0,
                    };
                    let x = (INL_TAG | area) as u64 | (size as u64) << 32;
                    moves.push((hsel!(t, blk_copy), d, a.off, x, RA | RB | RXLO));
                    area = area
                        .checked_add(size.checked_add(15).ok_or_else(|| self.err("block"))? & !15)
                        .ok_or_else(|| self.err("block too large"))?;
                }
                ty => moves.push((mov_handler(t, ty), d, a.off, 0, RA | RB)),
            }
        }
        for (h, d, s, x, m) in moves {
            self.emit(h, d, s, x, m);
        }
        // A local that every `ret` returns in one position can live in
        // that result's slot, when no conversion is needed and nothing
        // else can see the slot during the body (as for parameters).
        let rets: Vec<&[Operand]> = callee
            .insns()
            .filter(|i| i.op.family() == Family::Ret)
            .map(|i| i.operands)
            .collect();
        let same = |a: Type, b: Type| {
            let int = |t: Type| matches!(t, Type::I64 | Type::U64 | Type::P);
            (int(a) && int(b)) || (a == b && matches!(a, Type::F | Type::D | Type::LD))
        };
        for (r, (d, &ty)) in results.iter().zip(&callee.sig.results).enumerate() {
            let Some(Operand::Reg(x)) = rets.first().and_then(|o| o.get(r)) else {
                continue;
            };
            let x = *x;
            if stable
                && same(ty, d.ty)
                && x.index() >= args.len()
                && x.index() < alias.len()
                && alias[x.index()].is_none()
                && callee.vars[x.index()].hard_reg.is_none()
                && results.iter().filter(|e| e.off == d.off).count() == 1
                && rets
                    .iter()
                    .all(|o| matches!(o.get(r), Some(Operand::Reg(y)) if *y == x))
            {
                alias[x.index()] = Some(d.off);
            }
        }
        self.inl_alias = alias;
        self.inl_size = self.inl_size.max(area);
        // The body.
        self.func = callee;
        self.module = module;
        self.midx = midx;
        self.has_ret = false;
        self.inl_base = Some(0);
        let tbase = self.temp_next;
        let n = callee.num_insns();
        let mut ret_jumps = Vec::new();
        for (k, insn) in callee.insns().enumerate() {
            self.insn = k as u32;
            self.temp_next = tbase;
            self.insn_start = self.insts.len();
            self.src_tag = Some(INL_SRC | self.inl_src.len() as u32);
            self.inl_src.push((f, k as u32));
            if insn.op.family() != Family::Ret {
                self.lower_insn(insn)?;
                continue;
            }
            if insn.operands.len() != results.len() {
                return Err(self.err("ret value count"));
            }
            let mut vals = Vec::with_capacity(results.len());
            for (op, &ty) in insn.operands.iter().zip(&callee.sig.results) {
                vals.push((self.slot(op)?, ty));
            }
            for (&(s, ty), d) in vals.iter().zip(results) {
                if s == d.off {
                    // The value is already there (see above).
                    continue;
                }
                // The callee's extension, then the prototype's.
                let e = IntArg::combine(0, ty, d.ty);
                match (ty.is_int() && d.ty.is_int(), e) {
                    (true, Some(e)) => {
                        let h = mov_handler(t, ext_type(e));
                        self.emit(h, d.off, s, 0, RA | RB);
                    }
                    (true, None) => {
                        self.emit(mov_handler(t, ty), d.off, s, 0, RA | RB);
                        self.emit(mov_handler(t, d.ty), d.off, d.off, 0, RA | RB);
                    }
                    _ => {
                        let h = hsel!(t, slot_un::<Mov16>);
                        self.emit(h, d.off, s, 0, RA | RB);
                    }
                }
            }
            if k + 1 != n {
                let h = hsel!(t, jmp);
                ret_jumps.push(self.emit(h, 0, 0, 0, 0));
            }
        }
        let end = self.insts.len() as u32;
        for i in ret_jumps {
            self.inst_fix.push((i, end));
        }
        let fixes: Vec<(usize, LabelId)> = self.br_fix.drain(br_start..).collect();
        for (i, l) in fixes {
            let pos = self.labels[l.index()];
            if pos == u32::MAX {
                return Err(self.err("undefined label"));
            }
            self.inst_fix.push((i, pos));
        }
        Ok(())
    }

    /// Whether a call can take the fast path (a direct call of an
    /// interpreted, non-variadic function whose parameters match the
    /// prototype: `calls::call_fast`); if so, sets each argument's combined
    /// conversion and returns the bytes its by-value block copies need. The
    /// callee's signature is known from its IR even before it is lowered.
    fn fast_call(&self, proto: &Proto, target: &Target, args: &mut [ArgSrc]) -> Option<u32> {
        let Target::Direct(Callee::Interp(f)) = *target else {
            return None;
        };
        let callee = self.prog.func_ir(f)?;
        let params = &callee.sig.params;
        if callee.sig.vararg
            || proto.vararg
            || params.len() != proto.params.len()
            || args.len() != params.len()
        {
            return None;
        }
        let mut extra = 0u32;
        for ((a, p), q) in args.iter_mut().zip(params).zip(&proto.params) {
            if p.ty.is_block() || q.ty.is_block() {
                if p.ty != q.ty || p.size != q.size {
                    return None;
                }
                if p.ty != Type::RBlk {
                    extra = extra.checked_add(p.size.checked_add(15)? & !15)?;
                }
                a.conv = p.ty;
                continue;
            }
            if p.ty.class() != q.ty.class() {
                return None;
            }
            // A signed narrow conversion re-extended by a wider unsigned
            // parameter is no single extension: the general path.
            IntArg::combine(0, q.ty, p.ty)?;
            // The prototype converts, then the callee re-extends: the
            // narrower of the two wins (the callee's on equal widths).
            let width = |t: Type| if t.is_int() { t.size() } else { 16 };
            a.conv = if p.ty.class() == Class::LD {
                Type::LD
            } else if !p.ty.is_int() || width(p.ty) <= width(q.ty) {
                p.ty
            } else {
                q.ty
            };
        }
        Some(extra)
    }

    /// The slot holding the address of a block memory argument (`blk:S(a)`:
    /// the address is the value of `a`; the displacement is the size).
    fn block_addr(&mut self, m: &Mem) -> R<u32> {
        match m.base {
            Some(v) => self.int_reg(v),
            None => Ok(self.konst(Val::ZERO)),
        }
    }

    // -- finalization ------------------------------------------------------

    fn finalize(mut self) -> R<Code> {
        let func = self.func;
        let nvars = func.vars.len() as u32;
        let va_off = nvars * SLOT;
        let temp_base = va_off + if func.sig.vararg { 2 * SLOT } else { 0 };
        let const_base = temp_base + self.temp_max * SLOT;
        let inl_base = const_base + self.consts.len() as u32 * SLOT;
        let frame_size = (inl_base + self.inl_size).max(SLOT);
        let reloc = |off: u32| -> u32 {
            if off & TEMP_TAG != 0 {
                temp_base + (off & !TEMP_TAG) * SLOT
            } else if off & CONST_TAG != 0 {
                const_base + (off & !CONST_TAG) * SLOT
            } else if off & INL_TAG != 0 {
                inl_base + (off & !INL_TAG)
            } else {
                off
            }
        };
        for (inst, &m) in self.insts.iter_mut().zip(self.masks.iter()) {
            if m & RA != 0 {
                inst.a = reloc(inst.a);
            }
            if m & RB != 0 {
                inst.b = reloc(inst.b);
            }
            if m & RXLO != 0 {
                inst.x = (inst.x & !0xffff_ffff) | reloc(inst.x as u32) as u64;
            }
            if m & RXHI != 0 {
                inst.x = (inst.x & 0xffff_ffff) | (reloc((inst.x >> 32) as u32) as u64) << 32;
            }
        }
        for cs in self.calls.iter_mut() {
            for a in cs.args.iter_mut() {
                a.off = reloc(a.off);
            }
            for a in cs.iargs.iter_mut() {
                a.off = reloc(a.off);
            }
            for (a, _) in cs.va_layout.iter_mut() {
                a.off = reloc(a.off);
            }
            cs.rext.off = reloc(cs.rext.off);
            cs.retpack = cs.rk as u64
                | (cs.rext.sh as u64) << 8
                | (cs.rext.sgn as u64) << 16
                | (cs.rext.off as u64) << 32;
            for r in cs.results.iter_mut() {
                r.off = reloc(r.off);
            }
            if let Target::Indirect(off) = &mut cs.target {
                *off = reloc(*off);
            }
        }
        for r in self.rets.iter_mut() {
            for v in r.iter_mut() {
                v.off = reloc(v.off);
            }
        }

        if self.optimize {
            pair_int_ri(self.tail, &mut self.insts);
        }
        let n = self.insts.len();
        if n >= (i32::MAX as usize) / INST_SIZE {
            return Err(self.err("function too large"));
        }
        for (l, &pos) in self.labels.iter().enumerate() {
            if pos == u32::MAX
                && (self.br_fix.iter().any(|f| f.1.index() == l)
                    || self.laddr_fix.iter().any(|f| f.1.index() == l)
                    || self
                        .switches
                        .iter()
                        .any(|s| s.iter().any(|x| x.index() == l)))
            {
                self.insn = n as u32;
                return Err(self.err(format!(
                    "label '{}' is used but not defined",
                    &func.labels[l]
                )));
            }
        }
        let disp = |from: usize, to: u32| -> i64 { (to as i64 - from as i64) * INST_SIZE as i64 };
        for &(i, l) in &self.br_fix {
            self.insts[i].b = disp(i, self.labels[l.index()]) as i32 as u32;
        }
        for &(i, to) in &self.inst_fix {
            self.insts[i].b = disp(i, to) as i32 as u32;
        }
        let mut insts = std::mem::take(&mut self.insts).into_boxed_slice();
        let base = insts.as_ptr() as u64;
        for &(i, l) in &self.laddr_fix {
            insts[i].x = base + self.labels[l.index()] as u64 * INST_SIZE as u64;
        }
        let calls = std::mem::take(&mut self.calls).into_boxed_slice();
        for &(i, k) in &self.call_fix {
            insts[i].x = &calls[k] as *const CallSite as u64;
        }
        let rets = std::mem::take(&mut self.rets).into_boxed_slice();
        for &(i, k) in &self.ret_fix {
            insts[i].x = rets[k].as_ptr() as u64;
        }
        let switches: Box<[Box<[i64]>]> = self
            .switches
            .iter()
            .zip(self.switch_fix.iter())
            .map(|(labels, &(i, _))| {
                labels
                    .iter()
                    .map(|l| disp(i, self.labels[l.index()]))
                    .collect()
            })
            .collect();
        for &(i, k) in &self.switch_fix {
            insts[i].x = switches[k].as_ptr() as u64;
        }
        for &(i, k) in &self.str_fix {
            insts[i].x = self.strings[k].as_ptr() as u64;
        }
        let mut label_bits = vec![0u64; n.div_ceil(64).max(1)];
        for &pos in &self.labels {
            if (pos as usize) < n {
                label_bits[pos as usize / 64] |= 1 << (pos % 64);
            }
        }
        Ok(Code {
            func: self.fidx,
            name: self.name,
            insts,
            src: self.src.into_boxed_slice(),
            inl_src: self.inl_src.into_boxed_slice(),
            labels: self.labels.into_boxed_slice(),
            label_bits: label_bits.into_boxed_slice(),
            params: func
                .sig
                .params
                .iter()
                .map(|p| ParamInfo {
                    ty: p.ty,
                    size: p.size,
                })
                .collect(),
            vararg: func.sig.vararg,
            simple: !func.sig.vararg
                && !func
                    .sig
                    .params
                    .iter()
                    .any(|p| p.ty.is_block() && p.ty != Type::RBlk),
            ld_params: func.sig.params.iter().any(|p| p.ty == Type::LD),
            pext: func
                .sig
                .params
                .iter()
                .map(|p| IntArg::new(0, p.ty))
                .collect(),
            va_off,
            frame_size,
            const_off: const_base,
            consts: self.consts.into_boxed_slice(),
            _calls: calls,
            _rets: rets,
            _switches: switches,
            _strings: self.strings.into_boxed_slice(),
        })
    }
}

/// The extension of an argument passed as `k` (as a type), for the scalar
/// kinds other than `ld`.
fn kind_ext(k: ArgKind) -> Option<Type> {
    Some(match k {
        ArgKind::I8 => Type::I8,
        ArgKind::U8 => Type::U8,
        ArgKind::I16 => Type::I16,
        ArgKind::U16 => Type::U16,
        ArgKind::I32 => Type::I32,
        ArgKind::U32 => Type::U32,
        ArgKind::I64 | ArgKind::F | ArgKind::D | ArgKind::RBlk { .. } => Type::I64,
        _ => return None,
    })
}

/// Where scalar arguments go in a SysV va_list image (see
/// `CallSite::va_layout`).
fn va_layout(args: &[ArgSrc]) -> (Box<[(IntArg, u32)]>, u32) {
    use crate::valist::{FP_END, GP_END};
    let (mut gp, mut xp, mut sp) = (0u32, GP_END, FP_END);
    let layout = args
        .iter()
        .map(|a| {
            let (conv, sse) = match a.kind {
                ArgKind::F => (Type::U32, true),
                ArgKind::D => (Type::I64, true),
                ArgKind::I8 => (Type::I8, false),
                ArgKind::U8 => (Type::U8, false),
                ArgKind::I16 => (Type::I16, false),
                ArgKind::U16 => (Type::U16, false),
                ArgKind::I32 => (Type::I32, false),
                ArgKind::U32 => (Type::U32, false),
                _ => (Type::I64, false),
            };
            let at = if sse && xp < FP_END {
                xp += 16;
                xp - 16
            } else if !sse && gp < GP_END {
                gp += 8;
                gp - 8
            } else {
                sp += 8;
                sp - 8
            };
            (IntArg::new(a.off, conv), at)
        })
        .collect();
    (layout, (sp + 15) & !15)
}

/// The move of a value converted per `ty` into a slot: the extension of
/// a narrow integer type, a 16-byte copy for `ld`, else an 8-byte copy.
fn mov_handler(t: bool, ty: Type) -> Handler {
    match ty {
        Type::I8 => hsel!(t, int_un::<Ext8>),
        Type::U8 => hsel!(t, int_un::<UExt8>),
        Type::I16 => hsel!(t, int_un::<Ext16>),
        Type::U16 => hsel!(t, int_un::<UExt16>),
        Type::I32 => hsel!(t, int_un::<Ext32>),
        Type::U32 => hsel!(t, int_un::<UExt32>),
        Type::LD => hsel!(t, slot_un::<Mov16>),
        _ => hsel!(t, slot_un::<Mov8>),
    }
}

/// The narrow type whose extension is `e` (I64 for none).
fn ext_type(e: IntArg) -> Type {
    match (e.sh, e.sgn) {
        (56, true) => Type::I8,
        (56, false) => Type::U8,
        (48, true) => Type::I16,
        (48, false) => Type::U16,
        (32, true) => Type::I32,
        (32, false) => Type::U32,
        _ => Type::I64,
    }
}

fn int_mem_handler(t: bool, op: IBinOp, w32: bool, i32_mem: bool, f: MemForm) -> Handler {
    macro_rules! pick {
        ($O:ty) => {
            if i32_mem {
                by_form!(t, f, int_mb, int_mi, $O, LdI32)
            } else {
                by_form!(t, f, int_mb, int_mi, $O, Ld64)
            }
        };
    }
    match (op, w32) {
        (IBinOp::Add, false) => pick!(Add),
        (IBinOp::Add, true) => pick!(AddS),
        (IBinOp::Sub, false) => pick!(Sub),
        (IBinOp::Sub, true) => pick!(SubS),
        (IBinOp::Mul, false) => pick!(Mul),
        (IBinOp::Mul, true) => pick!(MulS),
        (IBinOp::And, false) => pick!(And),
        (IBinOp::And, true) => pick!(AndS),
        (IBinOp::Or, false) => pick!(Or),
        (IBinOp::Or, true) => pick!(OrS),
        (IBinOp::Xor, true) => pick!(XorS),
        _ => pick!(Xor),
    }
}

fn int_rmw_handler(t: bool, op: IBinOp, f: MemForm) -> Handler {
    match op {
        IBinOp::Add => by_form!(t, f, int_rmw_mb, int_rmw_mi, Add),
        IBinOp::Sub => by_form!(t, f, int_rmw_mb, int_rmw_mi, Sub),
        IBinOp::Mul => by_form!(t, f, int_rmw_mb, int_rmw_mi, Mul),
        IBinOp::And => by_form!(t, f, int_rmw_mb, int_rmw_mi, And),
        IBinOp::Or => by_form!(t, f, int_rmw_mb, int_rmw_mi, Or),
        _ => by_form!(t, f, int_rmw_mb, int_rmw_mi, Xor),
    }
}

fn fp_mem_handler(t: bool, op: FBinOp, class: Class, f: MemForm) -> Option<Handler> {
    Some(match (op, class) {
        (FBinOp::Add, Class::F) => by_form!(t, f, slot_op_mb, slot_op_mi, FAdd),
        (FBinOp::Sub, Class::F) => by_form!(t, f, slot_op_mb, slot_op_mi, FSub),
        (FBinOp::Mul, Class::F) => by_form!(t, f, slot_op_mb, slot_op_mi, FMul),
        (FBinOp::Div, Class::F) => by_form!(t, f, slot_op_mb, slot_op_mi, FDiv),
        (FBinOp::Add, Class::D) => by_form!(t, f, slot_op_mb, slot_op_mi, DAdd),
        (FBinOp::Sub, Class::D) => by_form!(t, f, slot_op_mb, slot_op_mi, DSub),
        (FBinOp::Mul, Class::D) => by_form!(t, f, slot_op_mb, slot_op_mi, DMul),
        (FBinOp::Div, Class::D) => by_form!(t, f, slot_op_mb, slot_op_mi, DDiv),
        _ => return None,
    })
}

fn fp_rmw_handler(t: bool, op: FBinOp, class: Class, f: MemForm) -> Option<Handler> {
    Some(match (op, class) {
        (FBinOp::Add, Class::F) => by_form!(t, f, fp_rmw_mb, fp_rmw_mi, MFAdd),
        (FBinOp::Sub, Class::F) => by_form!(t, f, fp_rmw_mb, fp_rmw_mi, MFSub),
        (FBinOp::Mul, Class::F) => by_form!(t, f, fp_rmw_mb, fp_rmw_mi, MFMul),
        (FBinOp::Add, Class::D) => by_form!(t, f, fp_rmw_mb, fp_rmw_mi, MDAdd),
        (FBinOp::Sub, Class::D) => by_form!(t, f, fp_rmw_mb, fp_rmw_mi, MDSub),
        (FBinOp::Mul, Class::D) => by_form!(t, f, fp_rmw_mb, fp_rmw_mi, MDMul),
        _ => return None,
    })
}

fn swap(c: ICond) -> ICond {
    match c {
        ICond::Lt => ICond::Gt,
        ICond::Gt => ICond::Lt,
        ICond::Le => ICond::Ge,
        ICond::Ge => ICond::Le,
        ICond::Ult => ICond::Ugt,
        ICond::Ugt => ICond::Ult,
        ICond::Ule => ICond::Uge,
        ICond::Uge => ICond::Ule,
        c => c,
    }
}

fn invert(c: ICond) -> ICond {
    match c {
        ICond::Eq => ICond::Ne,
        ICond::Ne => ICond::Eq,
        ICond::Lt => ICond::Ge,
        ICond::Ge => ICond::Lt,
        ICond::Le => ICond::Gt,
        ICond::Gt => ICond::Le,
        ICond::Ult => ICond::Uge,
        ICond::Uge => ICond::Ult,
        ICond::Ule => ICond::Ugt,
        ICond::Ugt => ICond::Ule,
    }
}

/// Expands `$pick!(Op)` with the comparison operation type of condition
/// `$c` at width `$w32` (the one place conditions map to operation types).
macro_rules! by_cond {
    ($c:expr, $w32:expr, $pick:ident) => {
        match ($c, $w32) {
            (ICond::Eq, false) => $pick!(o::Eq),
            (ICond::Eq, true) => $pick!(EqS),
            (ICond::Ne, false) => $pick!(o::Ne),
            (ICond::Ne, true) => $pick!(NeS),
            (ICond::Lt, false) => $pick!(o::Lt),
            (ICond::Lt, true) => $pick!(LtS),
            (ICond::Ult, false) => $pick!(Ult),
            (ICond::Ult, true) => $pick!(UltS),
            (ICond::Le, false) => $pick!(o::Le),
            (ICond::Le, true) => $pick!(LeS),
            (ICond::Ule, false) => $pick!(Ule),
            (ICond::Ule, true) => $pick!(UleS),
            (ICond::Gt, false) => $pick!(o::Gt),
            (ICond::Gt, true) => $pick!(GtS),
            (ICond::Ugt, false) => $pick!(Ugt),
            (ICond::Ugt, true) => $pick!(UgtS),
            (ICond::Ge, false) => $pick!(o::Ge),
            (ICond::Ge, true) => $pick!(GeS),
            (ICond::Uge, false) => $pick!(Uge),
            (ICond::Uge, true) => $pick!(UgeS),
        }
    };
}

/// The fused add-immediate + compare-and-branch handler.
fn add_br_handler(t: bool, add32: bool, c: ICond, w32: bool, imm: bool) -> Handler {
    macro_rules! pick {
        ($C:ty) => {
            match (add32, imm) {
                (false, false) => hsel!(t, add_br_rr::<Add, $C>),
                (false, true) => hsel!(t, add_br_ri::<Add, $C>),
                (true, false) => hsel!(t, add_br_rr::<AddS, $C>),
                (true, true) => hsel!(t, add_br_ri::<AddS, $C>),
            }
        };
    }
    by_cond!(c, w32, pick)
}

/// Two consecutive `int_ri` additions or subtractions (`add sp, sp, 1;
/// add pc, pc, 2`): the first runs both in one dispatch, the second stays
/// in place for anything jumping to it. A final pass over the finished
/// instructions, so no later fusion rewrites either one.
fn pair_int_ri(t: bool, insts: &mut [Inst]) {
    macro_rules! ops {
        ($($O:ty),*) => { [$(hsel!(t, int_ri::<$O>) as usize),*] };
    }
    let singles = ops!(o::Add, o::Sub, AddS, SubS);
    macro_rules! pairs {
        ($($A:ty: $($B:ty),*;)*) => {
            [$($(hsel!(t, int_ri_pair::<$A, $B>)),*),*]
        };
    }
    let pairs: [Handler; 16] = pairs! {
        o::Add: o::Add, o::Sub, AddS, SubS;
        o::Sub: o::Add, o::Sub, AddS, SubS;
        AddS: o::Add, o::Sub, AddS, SubS;
        SubS: o::Add, o::Sub, AddS, SubS;
    };
    let kind = |h: Handler| singles.iter().position(|&s| s == h as usize);
    let mut k = 0;
    while k + 1 < insts.len() {
        if let (Some(a), Some(b)) = (kind(insts[k].h), kind(insts[k + 1].h)) {
            insts[k].h = pairs[a * 4 + b];
            // The second may not start another pair (its first half would
            // run twice).
            k += 2;
        } else {
            k += 1;
        }
    }
}

/// [`int2`] for `mul` then `add` (32- or 64-bit each) and the operand
/// forms.
fn int2_handler(t: bool, add: bool, mul32: bool, add32: bool, ai: bool, bi: bool) -> Handler {
    macro_rules! forms {
        ($A:ty, $B:ty) => {
            match (ai, bi) {
                (false, false) => hsel!(t, int2::<$A, $B, false, false>),
                (true, false) => hsel!(t, int2::<$A, $B, true, false>),
                (false, true) => hsel!(t, int2::<$A, $B, false, true>),
                (true, true) => hsel!(t, int2::<$A, $B, true, true>),
            }
        };
    }
    match (add, mul32, add32) {
        (false, false, false) => forms!(o::Mul, o::Add),
        (false, false, true) => forms!(o::Mul, AddS),
        (false, true, false) => forms!(MulS, o::Add),
        (false, true, true) => forms!(MulS, AddS),
        (true, false, false) => forms!(o::Add, o::Add),
        (true, false, true) => forms!(o::Add, AddS),
        (true, true, false) => forms!(AddS, o::Add),
        (true, true, true) => forms!(AddS, AddS),
    }
}

/// Division or unsigned remainder by an immediate power of two (at least
/// 2): a shift or mask handler (immediate form) and the shift.
fn pow2_handler(t: bool, op: IBinOp, w32: bool, b: &Operand) -> Option<(Handler, i64)> {
    let Operand::Int(k) = *b else {
        return None;
    };
    let k = if w32 { k as i32 as i64 } else { k };
    let max = if w32 { 30 } else { 62 };
    if k < 2 || k.count_ones() != 1 || k.trailing_zeros() > max {
        return None;
    }
    let h = match (op, w32) {
        (IBinOp::Div, false) => hsel!(t, int_ri::<DivP2>),
        (IBinOp::Div, true) => hsel!(t, int_ri::<DivP2S>),
        (IBinOp::UDiv, false) => hsel!(t, int_ri::<UDivP2>),
        (IBinOp::UDiv, true) => hsel!(t, int_ri::<UDivP2S>),
        (IBinOp::UMod, false) => hsel!(t, int_ri::<UModP2>),
        (IBinOp::UMod, true) => hsel!(t, int_ri::<UModP2S>),
        _ => return None,
    };
    Some((h, k.trailing_zeros() as i64))
}

fn ibin_handler(t: bool, op: IBinOp, w32: bool, imm: bool) -> Handler {
    macro_rules! pick {
        ($O:ty) => {
            if imm {
                hsel!(t, int_ri::<$O>)
            } else {
                hsel!(t, int_rr::<$O>)
            }
        };
    }
    macro_rules! pickd {
        ($O:ty) => {
            if imm {
                hsel!(t, div_ri::<$O>)
            } else {
                hsel!(t, div_rr::<$O>)
            }
        };
    }
    match (op, w32) {
        (IBinOp::Add, false) => pick!(o::Add),
        (IBinOp::Add, true) => pick!(AddS),
        (IBinOp::Sub, false) => pick!(o::Sub),
        (IBinOp::Sub, true) => pick!(SubS),
        (IBinOp::Mul, false) => pick!(o::Mul),
        (IBinOp::Mul, true) => pick!(MulS),
        (IBinOp::And, false) => pick!(o::And),
        (IBinOp::And, true) => pick!(AndS),
        (IBinOp::Or, false) => pick!(o::Or),
        (IBinOp::Or, true) => pick!(OrS),
        (IBinOp::Xor, false) => pick!(o::Xor),
        (IBinOp::Xor, true) => pick!(XorS),
        (IBinOp::Lsh, false) => pick!(Lsh),
        (IBinOp::Lsh, true) => pick!(LshS),
        (IBinOp::Rsh, false) => pick!(Rsh),
        (IBinOp::Rsh, true) => pick!(RshS),
        (IBinOp::URsh, false) => pick!(URsh),
        (IBinOp::URsh, true) => pick!(URshS),
        (IBinOp::Div, false) => pickd!(o::Div),
        (IBinOp::Div, true) => pickd!(DivS),
        (IBinOp::UDiv, false) => pickd!(UDiv),
        (IBinOp::UDiv, true) => pickd!(UDivS),
        (IBinOp::Mod, false) => pickd!(Mod),
        (IBinOp::Mod, true) => pickd!(ModS),
        (IBinOp::UMod, false) => pickd!(UMod),
        (IBinOp::UMod, true) => pickd!(UModS),
    }
}

/// Value-producing comparison (`branch` false) or compare-and-branch.
fn icmp_handler(t: bool, c: ICond, w32: bool, imm: bool, branch: bool) -> Handler {
    macro_rules! pick {
        ($O:ty) => {
            match (branch, imm) {
                (false, false) => hsel!(t, int_rr::<$O>),
                (false, true) => hsel!(t, int_ri::<$O>),
                (true, false) => hsel!(t, br_rr::<$O>),
                (true, true) => hsel!(t, br_ri::<$O>),
            }
        };
    }
    by_cond!(c, w32, pick)
}

fn fbin_handler(t: bool, op: FBinOp, class: Class) -> Option<Handler> {
    Some(match (op, class) {
        (FBinOp::Add, Class::F) => hsel!(t, slot_op::<FAdd>),
        (FBinOp::Sub, Class::F) => hsel!(t, slot_op::<FSub>),
        (FBinOp::Mul, Class::F) => hsel!(t, slot_op::<FMul>),
        (FBinOp::Div, Class::F) => hsel!(t, slot_op::<FDiv>),
        (FBinOp::Add, Class::D) => hsel!(t, slot_op::<DAdd>),
        (FBinOp::Sub, Class::D) => hsel!(t, slot_op::<DSub>),
        (FBinOp::Mul, Class::D) => hsel!(t, slot_op::<DMul>),
        (FBinOp::Div, Class::D) => hsel!(t, slot_op::<DDiv>),
        (FBinOp::Add, Class::LD) => hsel!(t, slot_op::<LdAdd>),
        (FBinOp::Sub, Class::LD) => hsel!(t, slot_op::<LdSub>),
        (FBinOp::Mul, Class::LD) => hsel!(t, slot_op::<LdMul>),
        (FBinOp::Div, Class::LD) => hsel!(t, slot_op::<LdDiv>),
        (_, Class::Int) => return None,
    })
}

fn fcmp_handler(t: bool, c: FCond, class: Class, branch: bool) -> Option<Handler> {
    macro_rules! pick {
        ($O:ty) => {
            if branch {
                hsel!(t, br_pred::<$O>)
            } else {
                hsel!(t, slot_pred::<$O>)
            }
        };
    }
    Some(match (c, class) {
        (FCond::Eq, Class::F) => pick!(FEq),
        (FCond::Ne, Class::F) => pick!(FNe),
        (FCond::Lt, Class::F) => pick!(FLt),
        (FCond::Le, Class::F) => pick!(FLe),
        (FCond::Gt, Class::F) => pick!(FGt),
        (FCond::Ge, Class::F) => pick!(FGe),
        (FCond::Eq, Class::D) => pick!(DEq),
        (FCond::Ne, Class::D) => pick!(DNe),
        (FCond::Lt, Class::D) => pick!(DLt),
        (FCond::Le, Class::D) => pick!(DLe),
        (FCond::Gt, Class::D) => pick!(DGt),
        (FCond::Ge, Class::D) => pick!(DGe),
        (FCond::Eq, Class::LD) => pick!(LdEq),
        (FCond::Ne, Class::LD) => pick!(LdNe),
        (FCond::Lt, Class::LD) => pick!(LdLt),
        (FCond::Le, Class::LD) => pick!(LdLe),
        (FCond::Gt, Class::LD) => pick!(LdGt),
        (FCond::Ge, Class::LD) => pick!(LdGe),
        (_, Class::Int) => return None,
    })
}

fn ovf_handler(t: bool, op: OvfOp, w32: bool, imm: bool) -> Handler {
    macro_rules! pick {
        ($O:ty) => {
            if imm {
                hsel!(t, ovf_ri::<$O>)
            } else {
                hsel!(t, ovf_rr::<$O>)
            }
        };
    }
    match (op, w32) {
        (OvfOp::Add, false) => pick!(AddO),
        (OvfOp::Add, true) => pick!(AddOS),
        (OvfOp::Sub, false) => pick!(SubO),
        (OvfOp::Sub, true) => pick!(SubOS),
        (OvfOp::Mul, false) => pick!(MulO),
        (OvfOp::Mul, true) => pick!(MulOS),
        (OvfOp::UMul, false) => pick!(UMulO),
        (OvfOp::UMul, true) => pick!(UMulOS),
    }
}

fn conv_handler(t: bool, from: Class, to: Class, unsigned: bool) -> Option<Handler> {
    Some(match (from, to, unsigned) {
        (Class::Int, Class::F, false) => hsel!(t, slot_un::<I2F>),
        (Class::Int, Class::D, false) => hsel!(t, slot_un::<I2D>),
        (Class::Int, Class::LD, false) => hsel!(t, slot_un::<I2Ld>),
        (Class::Int, Class::F, true) => hsel!(t, slot_un::<UI2F>),
        (Class::Int, Class::D, true) => hsel!(t, slot_un::<UI2D>),
        (Class::Int, Class::LD, true) => hsel!(t, slot_un::<UI2Ld>),
        (Class::F, Class::Int, _) => hsel!(t, slot_un::<F2I>),
        (Class::D, Class::Int, _) => hsel!(t, slot_un::<D2I>),
        (Class::LD, Class::Int, _) => hsel!(t, slot_un::<Ld2I>),
        (Class::F, Class::D, _) => hsel!(t, slot_un::<F2D>),
        (Class::F, Class::LD, _) => hsel!(t, slot_un::<F2Ld>),
        (Class::D, Class::F, _) => hsel!(t, slot_un::<D2F>),
        (Class::D, Class::LD, _) => hsel!(t, slot_un::<D2Ld>),
        (Class::LD, Class::F, _) => hsel!(t, slot_un::<Ld2F>),
        (Class::LD, Class::D, _) => hsel!(t, slot_un::<Ld2D>),
        _ => return None,
    })
}
