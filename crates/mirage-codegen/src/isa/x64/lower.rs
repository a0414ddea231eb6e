//! Instruction selection for x86-64: MIR instructions (with every variable
//! already in its register or slot) to [`MInst`]s.
//!
//! Each MIR instruction is selected on its own, reading operands where
//! they are: a variable in a register is used directly, a variable in its
//! slot and a MIR memory operand become x86 memory operands (`[rbp+slot]`,
//! `[base + index*scale + disp]` — MIR addressing maps one to one onto
//! x86's), immediates that fit become instruction immediates. Scratch
//! registers have fixed roles, so that no instruction can clobber a
//! variable:
//!
//! * `r10`, `r11`: base and index of the memory operand being accessed
//!   (loaded from slots when the variables are spilled);
//! * `rax`: the result register when the destination is not a free
//!   register; `rcx`, `rdx`: second operands, shift counts, division;
//! * `xmm8`, `xmm9`: the same for floats; `ld` values go through the x87
//!   stack and never stay on it between instructions.
//!
//! Compare-and-branch fusion (`lt t, a, b; bt L, t` with `t` dead after
//! the branch → `cmp a, b; jl L`) is done here when the `fuse` pass runs. The
//! flags an overflow instruction sets must survive until the `bo`/`bno`
//! that reads them (spec §5.11): between the two only moves are allowed,
//! and the moves are selected with flag-preserving instructions (no
//! `xor r, r` for zero while [`Lower::flags_live`] is set).

use super::call::{Kind as MoveKind, Move, PReg};
use super::frame::Frame;
use crate::cfg::pr_branch_taken;
use crate::regalloc::Loc;
use crate::{CodegenEnv, CodegenError};
use mirage_ir::abi::ArgKind;
use mirage_ir::opcode::{FBinOp, FCond, IBinOp, ICond, OvfOp};
use mirage_ir::{Class, Family, Func, Mem, Module, Operand, Type, VarId};
use mirage_target::x64::sysv::ArgLayout;
use mirage_target::x64::{
    AluOp, Amode, Cond, FpSize, Gpr, Inst, Label, ShiftOp, Size, SseOp, UnOp, X87Op, Xmm,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub(crate) type R<T> = Result<T, CodegenError>;

pub(crate) const RAX: Gpr = Gpr::Rax;
pub(crate) const RCX: Gpr = Gpr::Rcx;
pub(crate) const RDX: Gpr = Gpr::Rdx;
pub(crate) const R10: Gpr = Gpr::R10;
pub(crate) const R11: Gpr = Gpr::R11;
pub(crate) const X8: Xmm = Xmm::XMM8;

/// A selected instruction or a label position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum MInst {
    I(Inst),
    Bind(Label),
}

/// Data placed after the code.
#[derive(Clone, Debug)]
pub(crate) enum PoolData {
    Bytes(Vec<u8>),
    /// A jump table (`i32` entries relative to the table).
    Table(Vec<Label>),
}

#[derive(Clone, Debug)]
pub(crate) struct PoolEntry {
    pub label: Label,
    pub align: u32,
    pub data: PoolData,
}

/// An integer source operand as an x86 instruction takes it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Rmi {
    R(Gpr),
    M(Amode),
    I(i32),
}

/// A float source operand.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Xm {
    X(Xmm),
    M(Amode),
}

/// An innermost loop whose most used `ld` variables live on the x87 stack,
/// below the temporaries, from its header to its exits (`ld_pins`).
#[derive(Clone, Debug)]
pub(crate) struct PinRegion {
    /// First instruction of the header block.
    pub start: usize,
    /// First instruction after the header's labels (the entry code goes
    /// before it, back edges jump to after the entry code).
    pub body: usize,
    /// One past the latch's last instruction.
    pub end: usize,
    /// Labels of the header.
    pub header: Vec<u32>,
    /// Labels defined in the region.
    pub inside: Vec<u32>,
    /// Per stack position (0 nearest the top): a variable of the group,
    /// whether it is loaded on entry, whether the loop writes it.
    pub vars: Vec<(VarId, bool, bool)>,
    /// Every pinned variable with its position.
    pub group: Vec<(VarId, u8)>,
    /// `ld` constants (their bytes), at the positions after the variables.
    pub consts: Vec<[u8; 10]>,
    /// The latch falls through to the exit.
    pub falls: bool,
    /// Labels bound right after the region (exits to them store the
    /// variables there, when the latch does not fall through).
    pub next: Vec<u32>,
}

pub(crate) struct Lower<'a> {
    pub m: &'a Module,
    pub module: usize,
    pub f: &'a Func,
    pub env: &'a dyn CodegenEnv,
    pub locs: &'a [Loc],
    pub frame: Frame,
    pub out: Vec<MInst>,
    pub pool: Vec<PoolEntry>,
    /// Pool constants of up to 16 bytes by (bytes, length, alignment):
    /// looked up without allocating a key.
    pool_index: BTreeMap<([u8; 16], u8, u32), Label>,
    /// Longer pool constants (strings) by (bytes, alignment).
    pool_long: BTreeMap<(Vec<u8>, u32), Label>,
    pub nlabels: u32,
    /// Flags of an overflow instruction are live (only moves may follow).
    pub flags_live: bool,
    /// Compares to fuse with the branch after them (by instruction);
    /// empty when not fusing.
    pub fusable: &'a [bool],
    trap: Option<Label>,
    /// gp/fp registers and stack bytes taken by the fixed parameters (for
    /// `va_start`).
    pub va_gp: u32,
    pub va_fp: u32,
    pub va_stack: u32,
    /// Bytes rsp is below the frame (outgoing stack arguments being set
    /// up; rsp-based frames address slots with this added).
    pub sp_adjust: i32,
    /// Positions in `out` of the epilogues' `add rsp, size` (rsp-based
    /// frames; the size is known once everything is lowered).
    pub epi_fixups: Vec<usize>,
    /// Per instruction: its `ld` result stays on the x87 stack for the
    /// next instruction, which reads it (empty: never).
    pub ld_keep: &'a [u8],
    /// Per instruction: a load whose value the next instruction takes
    /// straight from memory (empty: never).
    pub fold: &'a [bool],
    /// The `ld` variable whose value is in st0 instead of its slot.
    st0: Option<VarId>,
    /// The instruction being lowered.
    cur: usize,
    /// Innermost loops whose `ld` variables live on the x87 stack.
    pub pins: Vec<PinRegion>,
    /// The region being lowered.
    pin_active: Option<usize>,
    /// Per variable: its x87 stack position below the temporaries, plus
    /// one (0: in its slot).
    pin_pos: Vec<u8>,
    /// Temporaries on the x87 stack (above the pinned variables).
    x87_depth: i32,
    /// Something in a region could not work on pinned variables (or the
    /// x87 stack would overflow): lower again without regions.
    pub pin_fail: bool,
    /// Shrink-wrapped early exit (see `shrink.rs`): the index of the label
    /// after the return path (`usize::MAX`: none), the allocation to go
    /// back to there, and where the prologue goes in `out` (0 without one).
    pub fast_label: usize,
    pub body_locs: &'a [Loc],
    pub pro_at: usize,
    /// Lowering the early exit: `ret` has no epilogue.
    pub fast_phase: bool,
    /// The active region's header label after its entry code.
    pin_inner: Label,
    /// The active region's exits: the target and its stub.
    pin_stubs: Vec<(u32, Label)>,
    /// Stubs to emit at the end: stub, target, region.
    pin_pending: Vec<(Label, Label, usize)>,
    /// Globals isolated into moves (`crate::globals`) with their
    /// registers: the prologue stores each register into the global's
    /// home slot before the parameter moves (which use scratch registers),
    /// and instruction `k` of the body (`copy = global k`) reads it there.
    pub hr_entry: Vec<(VarId, Gpr)>,
    /// Per variable: only the low 32 bits of it are ever read
    /// (`low32.rs`), so 32-bit results need no sign extension.
    pub lo32: Vec<bool>,
    /// Per variable: every value it holds is a sign-extended 32-bit one
    /// (its low half is enough to convert it to a float).
    pub sx32: Vec<bool>,
    // Buffers reused call after call by the ABI lowering (`call.rs`), so
    // that placing arguments, results and parameters allocates nothing
    // once they have grown: argument kinds, their layout, the moves of a
    // parallel move and its pending register-to-register moves.
    pub(crate) arg_kinds: Vec<ArgKind>,
    pub(crate) arg_layout: ArgLayout,
    pub(crate) moves_buf: Vec<Move<'a>>,
    pub(crate) pm_pending: Vec<(PReg, PReg, MoveKind)>,
}

/// The x87 operation for `op` (encoded in its popping form; the
/// non-popping forms share the names): the direct one when the first MIR
/// operand is the one in st0 (`first_on_top`), else the reversed
/// subtraction or division.
fn x87_op(op: FBinOp, first_on_top: bool) -> X87Op {
    match (op, first_on_top) {
        (FBinOp::Add, _) => X87Op::Faddp,
        (FBinOp::Mul, _) => X87Op::Fmulp,
        (FBinOp::Sub, true) => X87Op::Fsubp,
        (FBinOp::Sub, false) => X87Op::Fsubrp,
        (FBinOp::Div, true) => X87Op::Fdivp,
        (FBinOp::Div, false) => X87Op::Fdivrp,
    }
}

fn fits_i32(v: i64) -> bool {
    v == v as i32 as i64
}

fn size_of(w32: bool) -> Size {
    if w32 {
        Size::S32
    } else {
        Size::S64
    }
}

fn icond(c: ICond) -> Cond {
    match c {
        ICond::Eq => Cond::E,
        ICond::Ne => Cond::Ne,
        ICond::Lt => Cond::L,
        ICond::Ult => Cond::B,
        ICond::Le => Cond::Le,
        ICond::Ule => Cond::Be,
        ICond::Gt => Cond::G,
        ICond::Ugt => Cond::A,
        ICond::Ge => Cond::Ge,
        ICond::Uge => Cond::Ae,
    }
}

fn fold_icmp(c: ICond, w32: bool, a: i64, b: i64) -> bool {
    let (sa, sb, ua, ub) = if w32 {
        (
            a as i32 as i64,
            b as i32 as i64,
            a as u32 as u64,
            b as u32 as u64,
        )
    } else {
        (a, b, a as u64, b as u64)
    };
    match c {
        ICond::Eq => ua == ub,
        ICond::Ne => ua != ub,
        ICond::Lt => sa < sb,
        ICond::Ult => ua < ub,
        ICond::Le => sa <= sb,
        ICond::Ule => ua <= ub,
        ICond::Gt => sa > sb,
        ICond::Ugt => ua > ub,
        ICond::Ge => sa >= sb,
        ICond::Uge => ua >= ub,
    }
}

fn fp_size(c: Class) -> FpSize {
    match c {
        Class::F => FpSize::F32,
        Class::D => FpSize::F64,
        _ => FpSize::F80,
    }
}

impl<'a> Lower<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        m: &'a Module,
        module: usize,
        f: &'a Func,
        env: &'a dyn CodegenEnv,
        locs: &'a [Loc],
        frame: Frame,
        fusable: &'a [bool],
    ) -> Lower<'a> {
        Lower {
            m,
            module,
            f,
            env,
            locs,
            frame,
            out: Vec::with_capacity(f.num_insns() * 3),
            pool: Vec::new(),
            pool_index: BTreeMap::new(),
            pool_long: BTreeMap::new(),
            nlabels: f.labels.len() as u32,
            flags_live: false,
            fusable,
            trap: None,
            va_gp: 0,
            va_fp: 0,
            va_stack: 0,
            sp_adjust: 0,
            epi_fixups: Vec::new(),
            ld_keep: &[],
            fold: &[],
            st0: None,
            cur: 0,
            pins: Vec::new(),
            pin_active: None,
            pin_pos: Vec::new(),
            x87_depth: 0,
            pin_fail: false,
            fast_label: usize::MAX,
            body_locs: locs,
            pro_at: 0,
            fast_phase: false,
            pin_inner: Label(0),
            pin_stubs: Vec::new(),
            pin_pending: Vec::new(),
            hr_entry: Vec::new(),
            lo32: Vec::new(),
            sx32: Vec::new(),
            arg_kinds: Vec::new(),
            arg_layout: ArgLayout::default(),
            moves_buf: Vec::new(),
            pm_pending: Vec::new(),
        }
    }

    /// Whether a 32-bit result stored into `d` must be sign-extended:
    /// not when only its low half is ever read.
    fn sext_needed(&self, d: &Operand) -> bool {
        match d {
            Operand::Reg(v) => !self.lo32.get(v.index()).copied().unwrap_or(false),
            _ => true,
        }
    }

    // ---- emission helpers ----------------------------------------------

    #[inline]
    pub fn e(&mut self, i: Inst) {
        if let Some(r) = self.pin_active {
            let d = match i {
                Inst::Fld { .. } | Inst::Fild { .. } | Inst::FldSt { .. } => 1,
                Inst::Fstp { .. }
                | Inst::FstpSt { .. }
                | Inst::Fistp { .. }
                | Inst::Fisttp { .. }
                | Inst::X87Pop { .. }
                | Inst::X87PopSt { .. }
                | Inst::Fucomip { .. } => -1,
                _ => 0,
            };
            self.x87_depth += d;
            let pinned = self.pins[r].vars.len() + self.pins[r].consts.len();
            if self.x87_depth < 0 || self.x87_depth + pinned as i32 > 8 {
                self.pin_fail = true;
            }
        }
        self.out.push(MInst::I(i));
    }
    pub fn bind(&mut self, l: Label) {
        self.out.push(MInst::Bind(l));
    }
    pub fn new_label(&mut self) -> Label {
        self.nlabels += 1;
        Label(self.nlabels - 1)
    }
    pub fn mir_label(&self, op: &Operand) -> R<Label> {
        match op {
            Operand::Label(l) if l.index() < self.f.labels.len() => {
                if let Some(r) = self.pin_active {
                    if self.pins[r].header.contains(&l.0) {
                        return Ok(self.pin_inner);
                    }
                    if let Some(&(_, s)) = self.pin_stubs.iter().find(|x| x.0 == l.0) {
                        return Ok(s);
                    }
                }
                Ok(Label(l.0))
            }
            _ => Err(CodegenError::BadIr("expected a label".into())),
        }
    }
    /// The label of a `ud2` trap at the end of the code.
    pub fn trap_label(&mut self) -> Label {
        match self.trap {
            Some(l) => l,
            None => {
                let l = self.new_label();
                self.trap = Some(l);
                l
            }
        }
    }
    /// Emits the trap block if it was used.
    pub fn finish_trap(&mut self) {
        if let Some(l) = self.trap {
            self.bind(l);
            self.e(Inst::Ud2);
        }
    }

    /// A constant in the pool (deduplicated).
    pub fn konst(&mut self, bytes: &[u8], align: u32) -> Amode {
        if bytes.len() > 16 {
            let key = (bytes.to_vec(), align);
            if let Some(&l) = self.pool_long.get(&key) {
                return Amode::Label(l, 0);
            }
            let l = self.new_pool_entry(bytes, align);
            self.pool_long.insert(key, l);
            return Amode::Label(l, 0);
        }
        let mut b = [0u8; 16];
        b[..bytes.len()].copy_from_slice(bytes);
        let key = (b, bytes.len() as u8, align);
        if let Some(&l) = self.pool_index.get(&key) {
            return Amode::Label(l, 0);
        }
        let l = self.new_pool_entry(bytes, align);
        self.pool_index.insert(key, l);
        Amode::Label(l, 0)
    }

    /// A new pool entry holding `bytes`.
    fn new_pool_entry(&mut self, bytes: &[u8], align: u32) -> Label {
        let l = self.new_label();
        self.pool.push(PoolEntry {
            label: l,
            align,
            data: PoolData::Bytes(bytes.to_vec()),
        });
        l
    }

    pub fn loc(&self, v: VarId) -> Loc {
        self.locs.get(v.index()).copied().unwrap_or(Loc::Slot)
    }
    /// Variable `v`'s home slot.
    pub fn var_slot(&mut self, v: VarId) -> Amode {
        if self.pinned(v).is_some() {
            self.pin_fail = true;
        }
        let k = self.frame.var_slot_index(v.index());
        self.frame.slot(k, self.sp_adjust)
    }
    /// Scratch slot `t`.
    pub fn temp_slot(&mut self, t: u32) -> Amode {
        let k = self.frame.temp_slot_index(t);
        self.frame.slot(k, self.sp_adjust)
    }
    pub fn var_class(&self, v: VarId) -> Class {
        self.f.vars.get(v.index()).map_or(Class::Int, |x| x.class())
    }

    /// Whether two operands are the same variable or variables in the same
    /// register.
    pub fn same_place(&self, x: &Operand, y: &Operand) -> bool {
        match (x, y) {
            (Operand::Reg(a), Operand::Reg(b)) => {
                a == b || (self.loc(*a) != Loc::Slot && self.loc(*a) == self.loc(*b))
            }
            _ => false,
        }
    }

    /// Whether two operands are variables sharing one home slot.
    fn same_slot(&self, x: &Operand, y: &Operand) -> bool {
        match (x, y) {
            (Operand::Reg(a), Operand::Reg(b)) => {
                let s = |v: &VarId| self.frame.var_slot.get(v.index()).copied();
                a == b || (s(a).is_some_and(|k| k != u32::MAX) && s(a) == s(b))
            }
            _ => false,
        }
    }

    /// Whether operand `op` reads general register `g`.
    pub fn reads(&self, op: &Operand, g: Gpr) -> bool {
        let is = |v: &VarId| self.loc(*v) == Loc::Gpr(g);
        match op {
            Operand::Reg(v) => is(v),
            Operand::Mem(m) => m.base.as_ref().is_some_and(is) || m.index.as_ref().is_some_and(is),
            _ => false,
        }
    }
    /// Whether operand `op` reads XMM register `x`.
    pub fn reads_x(&self, op: &Operand, x: Xmm) -> bool {
        matches!(op, Operand::Reg(v) if self.loc(*v) == Loc::Xmm(x))
    }

    pub fn mov_imm(&mut self, dst: Gpr, v: i64) {
        if v == 0 && !self.flags_live {
            self.e(Inst::AluRR {
                op: AluOp::Xor,
                size: Size::S32,
                dst,
                src: dst,
            });
        } else if v as u64 <= u32::MAX as u64 {
            self.e(Inst::MovRI32 { dst, imm: v as u32 });
        } else if fits_i32(v) {
            self.e(Inst::MovRI64 { dst, imm: v as i32 });
        } else {
            self.e(Inst::MovAbs { dst, imm: v as u64 });
        }
    }

    pub fn mov_rr(&mut self, dst: Gpr, src: Gpr) {
        if dst != src {
            self.e(Inst::MovRR {
                size: Size::S64,
                dst,
                src,
            });
        }
    }
    pub fn movaps(&mut self, dst: Xmm, src: Xmm) {
        if dst != src {
            self.e(Inst::SseRR {
                op: SseOp::Movaps,
                dst,
                src,
            });
        }
    }

    /// The value of an immediate-like int operand (integer, reference).
    pub fn imm_value(&self, op: &Operand) -> R<Option<i64>> {
        Ok(match op {
            Operand::Int(i) => Some(*i),
            Operand::Ref(it) => Some(
                self.env
                    .item_address(self.module, *it)
                    .map_err(CodegenError::Env)? as i64,
            ),
            _ => None,
        })
    }

    /// A variable holding an address, in a register (`scratch` if it lives
    /// in its slot).
    fn addr_reg(&mut self, v: VarId, scratch: Gpr) -> R<Gpr> {
        match self.loc(v) {
            Loc::Gpr(g) => Ok(g),
            Loc::Slot => {
                let src = self.var_slot(v);
                self.e(Inst::MovRM {
                    size: Size::S64,
                    dst: scratch,
                    src,
                });
                Ok(scratch)
            }
            Loc::Xmm(_) => Err(CodegenError::BadIr("non-integer address register".into())),
        }
    }

    /// The x86 operand of MIR memory operand `m` (uses `r10`, `r11`).
    pub fn amode(&mut self, m: &Mem) -> R<Amode> {
        let base = match m.base {
            Some(b) => Some(self.addr_reg(b, R10)?),
            None => None,
        };
        let index = match m.index {
            Some(i) => {
                let mut r = self.addr_reg(i, R11)?;
                if r == Gpr::Rsp {
                    self.mov_rr(R11, r);
                    r = R11;
                }
                let s = match m.scale {
                    1 | 2 | 4 | 8 => m.scale,
                    0 => 1,
                    _ => return Err(CodegenError::BadIr(format!("scale {}", m.scale))),
                };
                Some((r, s))
            }
            None => None,
        };
        if fits_i32(m.disp) {
            return Ok(Amode::Mem {
                base,
                index,
                disp: m.disp as i32,
            });
        }
        // A 64-bit displacement: fold base and index into r11, the
        // displacement into r10.
        let mut sum = None;
        match (base, index) {
            (Some(b), Some((i, s))) => {
                self.e(Inst::Lea {
                    dst: R11,
                    src: Amode::bisd(b, i, s, 0),
                });
                sum = Some(R11);
            }
            (None, Some((i, s))) => {
                self.e(Inst::Lea {
                    dst: R11,
                    src: Amode::Mem {
                        base: None,
                        index: Some((i, s)),
                        disp: 0,
                    },
                });
                sum = Some(R11);
            }
            (Some(b), None) => {
                self.mov_rr(R11, b);
                sum = Some(R11);
            }
            (None, None) => {}
        }
        self.e(Inst::MovAbs {
            dst: R10,
            imm: m.disp as u64,
        });
        Ok(Amode::Mem {
            base: Some(R10),
            index: sum.map(|r| (r, 1)),
            disp: 0,
        })
    }

    fn load_typed(&mut self, ty: Type, dst: Gpr, src: Amode) -> R<()> {
        let i = match ty {
            Type::I8 => Inst::MovsxRM {
                from: Size::S8,
                dst,
                src,
            },
            Type::U8 => Inst::MovzxRM {
                from: Size::S8,
                dst,
                src,
            },
            Type::I16 => Inst::MovsxRM {
                from: Size::S16,
                dst,
                src,
            },
            Type::U16 => Inst::MovzxRM {
                from: Size::S16,
                dst,
                src,
            },
            Type::I32 => Inst::MovsxRM {
                from: Size::S32,
                dst,
                src,
            },
            Type::U32 => Inst::MovRM {
                size: Size::S32,
                dst,
                src,
            },
            Type::I64 | Type::U64 | Type::P => Inst::MovRM {
                size: Size::S64,
                dst,
                src,
            },
            _ => return Err(CodegenError::BadIr(format!("integer load of type {ty}"))),
        };
        self.e(i);
        Ok(())
    }

    fn store_size(ty: Type) -> R<Size> {
        Ok(match ty {
            Type::I8 | Type::U8 => Size::S8,
            Type::I16 | Type::U16 => Size::S16,
            Type::I32 | Type::U32 => Size::S32,
            Type::I64 | Type::U64 | Type::P => Size::S64,
            _ => return Err(CodegenError::BadIr(format!("integer store of type {ty}"))),
        })
    }

    /// Loads any integer-class operand into `dst`.
    pub fn int_load(&mut self, op: &Operand, dst: Gpr) -> R<()> {
        match op {
            Operand::Reg(v) => match self.loc(*v) {
                Loc::Gpr(g) => self.mov_rr(dst, g),
                Loc::Slot => {
                    let src = self.var_slot(*v);
                    self.e(Inst::MovRM {
                        size: Size::S64,
                        dst,
                        src,
                    });
                }
                Loc::Xmm(_) => return Err(CodegenError::BadIr("float variable as int".into())),
            },
            Operand::Int(_) | Operand::Ref(_) => {
                let v = self.imm_value(op)?.unwrap_or(0);
                self.mov_imm(dst, v);
            }
            Operand::Str(b) => match self.env.string_address(b) {
                Ok(a) => self.mov_imm(dst, a as i64),
                Err(_) => {
                    let src = self.konst(b, 1);
                    self.e(Inst::Lea { dst, src });
                }
            },
            Operand::Mem(m) => {
                let a = self.amode(m)?;
                self.load_typed(m.ty, dst, a)?;
            }
            _ => return Err(CodegenError::BadIr("bad integer operand".into())),
        }
        Ok(())
    }

    /// Stores `src` (never r10/r11) into an integer destination.
    pub fn int_store(&mut self, op: &Operand, src: Gpr) -> R<()> {
        match op {
            Operand::Reg(v) => match self.loc(*v) {
                Loc::Gpr(g) => self.mov_rr(g, src),
                Loc::Slot => {
                    let dst = self.var_slot(*v);
                    self.e(Inst::MovMR {
                        size: Size::S64,
                        dst,
                        src,
                    });
                }
                Loc::Xmm(_) => return Err(CodegenError::BadIr("float variable as int".into())),
            },
            Operand::Mem(m) => {
                let size = Self::store_size(m.ty)?;
                let dst = self.amode(m)?;
                self.e(Inst::MovMR { size, dst, src });
            }
            _ => return Err(CodegenError::BadIr("output is not a location".into())),
        }
        Ok(())
    }

    /// An integer operand as register, memory or (if `imm` and it fits)
    /// immediate; loads into `tmp` when it is none of these. `w32`: only
    /// the low 32 bits are needed.
    pub fn int_rmi(&mut self, op: &Operand, w32: bool, tmp: Gpr, imm: bool) -> R<Rmi> {
        match op {
            Operand::Reg(v) => match self.loc(*v) {
                Loc::Gpr(g) => return Ok(Rmi::R(g)),
                Loc::Slot => return Ok(Rmi::M(self.var_slot(*v))),
                Loc::Xmm(_) => return Err(CodegenError::BadIr("float variable as int".into())),
            },
            Operand::Int(_) | Operand::Ref(_) => {
                let v = self.imm_value(op)?.unwrap_or(0);
                if imm && (w32 || fits_i32(v)) {
                    return Ok(Rmi::I(v as i32));
                }
            }
            Operand::Mem(m) => {
                let direct = match m.ty {
                    Type::I64 | Type::U64 | Type::P => true,
                    Type::I32 | Type::U32 => w32,
                    _ => false,
                };
                if direct {
                    return Ok(Rmi::M(self.amode(m)?));
                }
            }
            _ => {}
        }
        self.int_load(op, tmp)?;
        Ok(Rmi::R(tmp))
    }

    /// The register an integer result is computed in: the destination's
    /// register when that is safe, else `rax`.
    pub fn int_target(&self, d: &Operand, avoid: &[&Operand]) -> Gpr {
        if let Operand::Reg(v) = d {
            if let Loc::Gpr(g) = self.loc(*v) {
                if !avoid.iter().any(|o| self.reads(o, g)) {
                    return g;
                }
            }
        }
        RAX
    }

    fn alu(&mut self, op: AluOp, size: Size, dst: Gpr, src: Rmi) {
        self.e(match src {
            Rmi::R(s) => Inst::AluRR {
                op,
                size,
                dst,
                src: s,
            },
            Rmi::M(m) => Inst::AluRM {
                op,
                size,
                dst,
                src: m,
            },
            Rmi::I(imm) => Inst::AluRI { op, size, dst, imm },
        });
    }

    /// `d` is a variable whose upper 32 bits nothing reads.
    pub(crate) fn low32_only(&self, d: &Operand) -> bool {
        !self.sext_needed(d)
    }

    fn sext32(&mut self, r: Gpr) {
        self.e(Inst::MovsxRR {
            from: Size::S32,
            dst: r,
            src: r,
        });
    }

    // ---- floats -----------------------------------------------------------

    /// Loads an `f`/`d` operand into `dst`.
    pub fn fp_load(&mut self, op: &Operand, dst: Xmm, fs: FpSize) -> R<()> {
        match self.fp_src(op, fs)? {
            Xm::X(x) => self.movaps(dst, x),
            Xm::M(m) => self.e(Inst::MovsLoad {
                size: fs,
                dst,
                src: m,
            }),
        }
        Ok(())
    }

    /// An `f`/`d` operand as a register or memory.
    pub fn fp_src(&mut self, op: &Operand, fs: FpSize) -> R<Xm> {
        Ok(match op {
            Operand::Reg(v) => match self.loc(*v) {
                Loc::Xmm(x) => Xm::X(x),
                Loc::Slot => Xm::M(self.var_slot(*v)),
                Loc::Gpr(_) => return Err(CodegenError::BadIr("int variable as float".into())),
            },
            Operand::Float(b) => Xm::M(self.konst(&b.to_le_bytes(), 4)),
            Operand::Double(b) => Xm::M(self.konst(&b.to_le_bytes(), 8)),
            Operand::Mem(m) => {
                let want = if fs == FpSize::F32 { Type::F } else { Type::D };
                if m.ty != want {
                    return Err(CodegenError::BadIr("float memory of the wrong type".into()));
                }
                Xm::M(self.amode(m)?)
            }
            _ => return Err(CodegenError::BadIr("bad float operand".into())),
        })
    }

    pub fn fp_store(&mut self, op: &Operand, src: Xmm, fs: FpSize) -> R<()> {
        match op {
            Operand::Reg(v) => match self.loc(*v) {
                Loc::Xmm(x) => self.movaps(x, src),
                Loc::Slot => {
                    let dst = self.var_slot(*v);
                    self.e(Inst::MovsStore { size: fs, dst, src });
                }
                Loc::Gpr(_) => return Err(CodegenError::BadIr("int variable as float".into())),
            },
            Operand::Mem(m) => {
                let dst = self.amode(m)?;
                self.e(Inst::MovsStore { size: fs, dst, src });
            }
            _ => return Err(CodegenError::BadIr("output is not a location".into())),
        }
        Ok(())
    }

    pub fn fp_target(&self, d: &Operand, avoid: &[&Operand]) -> Xmm {
        if let Operand::Reg(v) = d {
            if let Loc::Xmm(x) = self.loc(*v) {
                if !avoid.iter().any(|o| self.reads_x(o, x)) {
                    return x;
                }
            }
        }
        X8
    }

    /// The memory holding an `ld` operand (uses r10/r11 for MIR memory).
    pub fn ld_amode(&mut self, op: &Operand) -> R<Amode> {
        Ok(match op {
            Operand::Reg(v) => self.var_slot(*v),
            Operand::LDouble(x) => {
                let mut b = [0u8; 16];
                b[..10].copy_from_slice(&x.to_le_bytes());
                self.konst(&b, 16)
            }
            Operand::Mem(m) if m.ty == Type::LD => self.amode(m)?,
            _ => return Err(CodegenError::BadIr("bad long double operand".into())),
        })
    }

    /// The x87 stack position (below the temporaries) of a pinned variable.
    fn pinned(&self, v: VarId) -> Option<u8> {
        match self.pin_pos.get(v.index()) {
            Some(&p) if p > 0 => Some(p - 1),
            _ => None,
        }
    }

    fn pinned_op(&self, op: &Operand) -> Option<u8> {
        match op {
            Operand::Reg(v) => self.pinned(*v),
            Operand::LDouble(x) => {
                let r = &self.pins[self.pin_active?];
                let b = x.to_le_bytes();
                let k = r.consts.iter().position(|c| *c == b)?;
                Some((r.vars.len() + k) as u8)
            }
            _ => None,
        }
    }

    /// Starts region `r`: its variables are loaded onto the x87 stack
    /// (the last position first) and its back edges jump past that.
    fn pin_enter(&mut self, r: usize) {
        for c in self.pins[r].consts.clone().iter().rev() {
            let mut b = [0u8; 16];
            b[..10].copy_from_slice(c);
            let src = self.konst(&b, 16);
            self.e(Inst::Fld {
                size: FpSize::F80,
                src,
            });
        }
        let vars = self.pins[r].vars.clone();
        for (p, &(v, load, _)) in vars.iter().enumerate().rev() {
            if load || p + 1 == vars.len() {
                let src = self.var_slot(v);
                self.e(Inst::Fld {
                    size: FpSize::F80,
                    src,
                });
            } else {
                self.e(Inst::FldSt { i: 0 });
            }
        }
        self.x87_depth = 0;
        let nv = self.f.vars.len();
        self.pin_pos = vec![0; nv];
        for &(v, p) in &self.pins[r].group {
            if v.index() < nv {
                self.pin_pos[v.index()] = p + 1;
            }
        }
        self.pin_stubs.clear();
        let (start, end) = (self.pins[r].start, self.pins[r].end);
        for j in start..end {
            for op in self.f.insn(j).operands {
                if let Operand::Label(l) = op {
                    let inside = self.pins[r].inside.contains(&l.0);
                    if !inside && !self.pin_stubs.iter().any(|x| x.0 == l.0) {
                        let s = self.new_label();
                        self.pin_stubs.push((l.0, s));
                    }
                }
            }
        }
        self.pin_inner = self.new_label();
        self.bind(self.pin_inner);
        self.pin_active = Some(r);
    }

    /// Ends the active region `r` (stores its variables when the loop
    /// falls through to its exit).
    fn pin_leave(&mut self, r: usize) {
        self.pin_active = None;
        self.pin_pos.clear();
        let falls = self.pins[r].falls;
        if falls {
            self.pin_exit(r);
        }
        let mut inline = false;
        for &(l, s) in &self.pin_stubs {
            if !falls && self.pins[r].next.contains(&l) {
                self.out.push(MInst::Bind(s));
                inline = true;
            } else {
                self.pin_pending.push((s, Label(l), r));
            }
        }
        if inline {
            self.pin_exit(r);
        }
        self.pin_stubs.clear();
    }

    /// Stores region `r`'s variables written in the loop, pops the others.
    fn pin_exit(&mut self, r: usize) {
        let vars = self.pins[r].vars.clone();
        for &(v, _, written) in &vars {
            if written {
                let dst = self.var_slot(v);
                self.e(Inst::Fstp {
                    size: FpSize::F80,
                    dst,
                });
            } else {
                self.e(Inst::FstpSt { i: 0 });
            }
        }
        for _ in 0..self.pins[r].consts.len() {
            self.e(Inst::FstpSt { i: 0 });
        }
    }

    /// Whether `op` is the variable whose value waits in st0.
    fn in_st0(&self, op: &Operand) -> bool {
        matches!(op, Operand::Reg(v) if self.st0 == Some(*v))
    }

    /// Loads an `ld` operand onto the x87 stack (the value waiting in st0
    /// is already there).
    pub fn fld(&mut self, op: &Operand) -> R<()> {
        if self.in_st0(op) {
            self.st0 = None;
            return Ok(());
        }
        if let Some(p) = self.pinned_op(op) {
            let i = (self.x87_depth + p as i32) as u8;
            if i > 7 {
                self.pin_fail = true;
            }
            self.e(Inst::FldSt { i: i & 7 });
            return Ok(());
        }
        let src = self.ld_amode(op)?;
        self.e(Inst::Fld {
            size: FpSize::F80,
            src,
        });
        Ok(())
    }

    /// Stores the `ld` result in st0 into `d` (or leaves it there for the
    /// next instruction).
    pub fn ld_result(&mut self, d: &Operand) -> R<()> {
        if let Operand::Reg(v) = d {
            match self.ld_keep.get(self.cur).copied().unwrap_or(0) {
                1 => {
                    self.st0 = Some(*v);
                    return Ok(());
                }
                2 => {
                    if let Some(p) = self.pinned(*v) {
                        // Copy into the pinned position, keep st0.
                        let i = self.x87_depth + p as i32;
                        if !(0..8).contains(&i) || self.x87_depth < 1 {
                            self.pin_fail = true;
                        }
                        self.e(Inst::FstSt { i: (i & 7) as u8 });
                    } else {
                        self.e(Inst::FldSt { i: 0 });
                        self.fstp(d)?;
                    }
                    self.st0 = Some(*v);
                    return Ok(());
                }
                _ => {}
            }
        }
        self.fstp(d)
    }

    pub fn fstp(&mut self, op: &Operand) -> R<()> {
        if let Some(p) = self.pinned_op(op) {
            let i = (self.x87_depth + p as i32) as u8;
            if i > 7 || self.x87_depth < 1 {
                self.pin_fail = true;
            }
            self.e(Inst::FstpSt { i: i & 7 });
            return Ok(());
        }
        let dst = self.ld_amode(op)?;
        self.e(Inst::Fstp {
            size: FpSize::F80,
            dst,
        });
        Ok(())
    }

    // ---- moves --------------------------------------------------------------

    fn lower_mov(&mut self, d: &Operand, s: &Operand, class: Class) -> R<()> {
        match class {
            Class::Int => {
                if let Operand::Reg(v) = d {
                    if let Loc::Gpr(g) = self.loc(*v) {
                        return self.int_load(s, g);
                    }
                }
                // Memory destination.
                if let Some(imm) = self.imm_value(s)? {
                    let size = match d {
                        Operand::Mem(m) => Self::store_size(m.ty)?,
                        _ => Size::S64,
                    };
                    if size != Size::S64 || fits_i32(imm) {
                        let dst = match d {
                            Operand::Mem(m) => self.amode(m)?,
                            Operand::Reg(v) => self.var_slot(*v),
                            _ => return Err(CodegenError::BadIr("bad destination".into())),
                        };
                        self.e(Inst::MovMI {
                            size,
                            dst,
                            imm: imm as i32,
                        });
                        return Ok(());
                    }
                }
                let src = match s {
                    Operand::Reg(v) => match self.loc(*v) {
                        Loc::Gpr(g) => g,
                        _ => {
                            self.int_load(s, RAX)?;
                            RAX
                        }
                    },
                    _ => {
                        self.int_load(s, RAX)?;
                        RAX
                    }
                };
                self.int_store(d, src)
            }
            Class::F | Class::D => {
                let fs = fp_size(class);
                if let Operand::Reg(v) = d {
                    if let Loc::Xmm(x) = self.loc(*v) {
                        return self.fp_load(s, x, fs);
                    }
                }
                match s {
                    Operand::Reg(v) if matches!(self.loc(*v), Loc::Xmm(_)) => {
                        let Loc::Xmm(x) = self.loc(*v) else {
                            unreachable!()
                        };
                        self.fp_store(d, x, fs)
                    }
                    _ => {
                        self.fp_load(s, X8, fs)?;
                        self.fp_store(d, X8, fs)
                    }
                }
            }
            Class::LD => {
                // (A value waiting in st0 must be stored even into its own
                // slot: nothing else will.)
                if self.same_slot(d, s) && !self.in_st0(s) {
                    return Ok(());
                }
                if self.in_st0(s)
                    || self.ld_keep.get(self.cur).copied().unwrap_or(0) != 0
                    || self.pinned_op(s).is_some()
                    || self.pinned_op(d).is_some()
                {
                    self.fld(s)?;
                    return self.ld_result(d);
                }
                let src = self.ld_amode(s)?;
                self.e(Inst::MovRM {
                    size: Size::S64,
                    dst: RAX,
                    src,
                });
                self.e(Inst::MovzxRM {
                    from: Size::S16,
                    dst: RDX,
                    src: src.offset(8),
                });
                let dst = self.ld_amode(d)?;
                self.e(Inst::MovMR {
                    size: Size::S64,
                    dst,
                    src: RAX,
                });
                self.e(Inst::MovMR {
                    size: Size::S16,
                    dst: dst.offset(8),
                    src: RDX,
                });
                Ok(())
            }
        }
    }

    // ---- integer arithmetic ----------------------------------------------

    fn lower_ext(&mut self, d: &Operand, s: &Operand, bits: u8, signed: bool) -> R<()> {
        if let Some(v) = self.imm_value(s)? {
            let r = match (bits, signed) {
                (8, true) => v as i8 as i64,
                (16, true) => v as i16 as i64,
                (32, true) => v as i32 as i64,
                (8, false) => v as u8 as i64,
                (16, false) => v as u16 as i64,
                _ => v as u32 as i64,
            };
            return self.lower_mov(d, &Operand::Int(r), Class::Int);
        }
        if bits == 32 && !self.sext_needed(d) {
            // Only the low half of `d` is read: a copy (or nothing).
            if let (Operand::Reg(dv), Operand::Reg(sv)) = (d, s) {
                if let (Loc::Gpr(gd), Loc::Gpr(gs)) = (self.loc(*dv), self.loc(*sv)) {
                    if gd == gs {
                        return Ok(());
                    }
                }
            }
            if !matches!(s, Operand::Mem(_)) {
                return self.lower_mov(d, s, Class::Int);
            }
        }
        let t = self.int_target(d, &[]);
        let from = match bits {
            8 => Size::S8,
            16 => Size::S16,
            _ => Size::S32,
        };
        let src = self.int_rmi(s, false, t, false)?;
        let i = match (src, signed, from) {
            (Rmi::R(r), true, _) => Inst::MovsxRR {
                from,
                dst: t,
                src: r,
            },
            (Rmi::R(r), false, Size::S32) => Inst::MovRR {
                size: Size::S32,
                dst: t,
                src: r,
            },
            (Rmi::R(r), false, _) => Inst::MovzxRR {
                from,
                dst: t,
                src: r,
            },
            (Rmi::M(m), true, _) => Inst::MovsxRM {
                from,
                dst: t,
                src: m,
            },
            (Rmi::M(m), false, Size::S32) => Inst::MovRM {
                size: Size::S32,
                dst: t,
                src: m,
            },
            (Rmi::M(m), false, _) => Inst::MovzxRM {
                from,
                dst: t,
                src: m,
            },
            (Rmi::I(_), ..) => unreachable!(),
        };
        self.e(i);
        self.int_store(d, t)
    }

    /// `k` when `b` is the constant 2^k, 1 ≤ k < width - 1 (as a signed
    /// divisor) or < width (unsigned).
    fn pow2_divisor(&self, b: &Operand, w32: bool, unsigned: bool) -> Option<u8> {
        let Operand::Int(v) = b else { return None };
        let v = if w32 {
            if unsigned {
                u64::from(*v as u32)
            } else {
                (*v as i32) as i64 as u64
            }
        } else {
            *v as u64
        };
        let width = if w32 { 32 } else { 64 };
        let max = if unsigned { width - 1 } else { width - 2 };
        (v.is_power_of_two() && (1..=max).contains(&v.trailing_zeros()))
            .then(|| v.trailing_zeros() as u8)
    }

    /// `add t, a, b` followed by `add d, t, imm` (same width, `t`, `d`, `a`,
    /// `b` in registers, `t` and `d` in the same one): one
    /// `lea d, [a + b + imm]` (sums wrap the same way). Returns whether it
    /// applied.
    fn add3(&mut self, i: usize, w32: bool) -> R<bool> {
        let Some(next) = self.f.get_insn(i + 1) else {
            return Ok(false);
        };
        if next.op.family()
            != (Family::IBin {
                op: IBinOp::Add,
                w32,
            })
            || self
                .pins
                .iter()
                .any(|p| p.start == i + 1 || p.body == i + 1)
        {
            return Ok(false);
        }
        let ops = self.f.insn(i).operands;
        let (d, a, b) = (&ops[0], &ops[1], &ops[2]);
        let [nd, na, nb] = next.operands else {
            return Ok(false);
        };
        let Some(imm) = self.imm_value(nb)?.filter(|&v| fits_i32(v)) else {
            return Ok(false);
        };
        if na != d || matches!(nb, Operand::Ref(_)) {
            return Ok(false);
        }
        let gpr = |o: &Operand| match o {
            Operand::Reg(v) => match self.loc(*v) {
                Loc::Gpr(g) => Some(g),
                _ => None,
            },
            _ => None,
        };
        // `d` and the final destination in one register: the intermediate
        // `d` is dead after the second add (else they would interfere).
        let (Some(gd), Some(ga), Some(gb)) = (gpr(d), gpr(a), gpr(b)) else {
            return Ok(false);
        };
        if gpr(nd) != Some(gd) {
            return Ok(false);
        }
        let (base, index) = if gb == Gpr::Rsp { (gb, ga) } else { (ga, gb) };
        if index == Gpr::Rsp {
            return Ok(false);
        }
        self.e(Inst::Lea {
            dst: gd,
            src: Amode::bisd(base, index, 1, imm as i32),
        });
        if w32 && self.sext_needed(nd) {
            self.sext32(gd);
        }
        Ok(true)
    }

    fn lower_ibin(
        &mut self,
        op: IBinOp,
        w32: bool,
        d: &Operand,
        a: &Operand,
        b: &Operand,
    ) -> R<()> {
        let size = size_of(w32);
        let commutative = matches!(
            op,
            IBinOp::Add | IBinOp::Mul | IBinOp::And | IBinOp::Or | IBinOp::Xor
        );
        let (mut a, mut b) = (a, b);
        if commutative {
            let a_imm = matches!(a, Operand::Int(_) | Operand::Ref(_));
            let b_imm = matches!(b, Operand::Int(_) | Operand::Ref(_));
            let swap_for_dst = self.same_place(d, b) && !self.same_place(d, a);
            let mem_first = matches!(a, Operand::Mem(_)) && !matches!(b, Operand::Mem(_)) && !b_imm;
            if (a_imm && !b_imm) || swap_for_dst || mem_first {
                std::mem::swap(&mut a, &mut b);
            }
        }
        match op {
            IBinOp::Add | IBinOp::Sub | IBinOp::And | IBinOp::Or | IBinOp::Xor => {
                let aop = match op {
                    IBinOp::Add => AluOp::Add,
                    IBinOp::Sub => AluOp::Sub,
                    IBinOp::And => AluOp::And,
                    IBinOp::Or => AluOp::Or,
                    _ => AluOp::Xor,
                };
                // add d, a, imm / add d, a, b / sub d, a, imm with d and a in
                // distinct registers: lea (the 32-bit forms sign-extend the
                // low half after it).
                let neg_imm = match (op, b) {
                    (IBinOp::Sub, Operand::Int(i)) if *i != i64::MIN && fits_i32(-*i) => {
                        Some(Operand::Int(-*i))
                    }
                    _ => None,
                };
                let lb = neg_imm.as_ref().unwrap_or(b);
                if op == IBinOp::Add || neg_imm.is_some() {
                    if let (Operand::Reg(dv), Operand::Reg(av)) = (d, a) {
                        if let (Loc::Gpr(gd), Loc::Gpr(ga)) = (self.loc(*dv), self.loc(*av)) {
                            if gd != ga {
                                let bi = self.imm_value(lb)?;
                                let br = match lb {
                                    Operand::Reg(bv) => match self.loc(*bv) {
                                        Loc::Gpr(g) => Some(g),
                                        _ => None,
                                    },
                                    _ => None,
                                };
                                if let Some(imm) = bi.filter(|&i| fits_i32(i)) {
                                    self.e(Inst::Lea {
                                        dst: gd,
                                        src: Amode::bd(ga, imm as i32),
                                    });
                                    if w32 && self.sext_needed(d) {
                                        self.sext32(gd);
                                    }
                                    return Ok(());
                                }
                                if let Some(gb) = br.filter(|&g| g != Gpr::Rsp) {
                                    self.e(Inst::Lea {
                                        dst: gd,
                                        src: Amode::bisd(ga, gb, 1, 0),
                                    });
                                    if w32 && self.sext_needed(d) {
                                        self.sext32(gd);
                                    }
                                    return Ok(());
                                }
                            }
                        }
                    }
                }
                let t = self.int_target(d, &[b]);
                self.int_load(a, t)?;
                let src = self.int_rmi(b, w32, RCX, true)?;
                self.alu(aop, size, t, src);
                if w32 && self.sext_needed(d) {
                    self.sext32(t);
                }
                self.int_store(d, t)
            }
            IBinOp::Mul => {
                let t = self.int_target(d, &[b]);
                self.int_load(a, t)?;
                match self.int_rmi(b, w32, RCX, true)? {
                    Rmi::R(r) => self.e(Inst::ImulRR {
                        size,
                        dst: t,
                        src: r,
                    }),
                    Rmi::M(m) => self.e(Inst::ImulRM {
                        size,
                        dst: t,
                        src: m,
                    }),
                    Rmi::I(imm) => self.e(Inst::ImulRRI {
                        size,
                        dst: t,
                        src: t,
                        imm,
                    }),
                }
                if w32 && self.sext_needed(d) {
                    self.sext32(t);
                }
                self.int_store(d, t)
            }
            IBinOp::Div | IBinOp::UDiv
                if self.pow2_divisor(b, w32, op == IBinOp::UDiv).is_some() =>
            {
                // Division by 2^k: a shift (signed: rounding toward zero
                // by adding 2^k - 1 to negative dividends first). RDX is
                // free: division clobbers it.
                let k = self.pow2_divisor(b, w32, op == IBinOp::UDiv).unwrap_or(1);
                let bits = if w32 { 32 } else { 64 };
                let t = self.int_target(d, &[]);
                self.int_load(a, t)?;
                if op == IBinOp::Div {
                    self.mov_rr(RDX, t);
                    self.e(Inst::ShiftRI {
                        op: ShiftOp::Sar,
                        size,
                        dst: RDX,
                        imm: bits - 1,
                    });
                    self.e(Inst::ShiftRI {
                        op: ShiftOp::Shr,
                        size,
                        dst: RDX,
                        imm: bits - k,
                    });
                    self.alu(AluOp::Add, size, t, Rmi::R(RDX));
                }
                self.e(Inst::ShiftRI {
                    op: if op == IBinOp::Div {
                        ShiftOp::Sar
                    } else {
                        ShiftOp::Shr
                    },
                    size,
                    dst: t,
                    imm: k,
                });
                if w32 && op == IBinOp::Div && self.sext_needed(d) {
                    self.sext32(t);
                }
                self.int_store(d, t)
            }
            IBinOp::Div | IBinOp::UDiv | IBinOp::Mod | IBinOp::UMod
                if super::divconst::const_divisor(op, w32, b).is_some() =>
            {
                let c = super::divconst::const_divisor(op, w32, b).unwrap_or(3);
                self.lower_div_const(op, w32, d, a, c)
            }
            IBinOp::Div | IBinOp::UDiv | IBinOp::Mod | IBinOp::UMod => {
                let signed = matches!(op, IBinOp::Div | IBinOp::Mod);
                self.int_load(a, RAX)?;
                let src = self.int_rmi(b, w32, RCX, false)?;
                if signed {
                    self.e(if w32 { Inst::Cdq } else { Inst::Cqo });
                } else {
                    self.e(Inst::AluRR {
                        op: AluOp::Xor,
                        size: Size::S32,
                        dst: RDX,
                        src: RDX,
                    });
                }
                let uop = if signed { UnOp::Idiv } else { UnOp::Div };
                match src {
                    Rmi::R(r) => self.e(Inst::UnaryR {
                        op: uop,
                        size,
                        src: r,
                    }),
                    Rmi::M(m) => self.e(Inst::UnaryM {
                        op: uop,
                        size,
                        src: m,
                    }),
                    Rmi::I(_) => unreachable!(),
                }
                let res = if matches!(op, IBinOp::Div | IBinOp::UDiv) {
                    RAX
                } else {
                    RDX
                };
                if w32 && signed && self.sext_needed(d) {
                    self.sext32(res);
                }
                self.int_store(d, res)
            }
            IBinOp::Lsh | IBinOp::Rsh | IBinOp::URsh => {
                let sop = match op {
                    IBinOp::Lsh => ShiftOp::Shl,
                    IBinOp::Rsh => ShiftOp::Sar,
                    _ => ShiftOp::Shr,
                };
                let t = self.int_target(d, &[b]);
                self.int_load(a, t)?;
                match self.imm_value(b)? {
                    Some(c) => {
                        let c = (c & if w32 { 31 } else { 63 }) as u8;
                        if c != 0 {
                            self.e(Inst::ShiftRI {
                                op: sop,
                                size,
                                dst: t,
                                imm: c,
                            });
                        } else if w32 {
                            self.e(Inst::MovRR {
                                size: Size::S32,
                                dst: t,
                                src: t,
                            });
                        }
                    }
                    None => {
                        self.int_load(b, RCX)?;
                        self.e(Inst::ShiftCl {
                            op: sop,
                            size,
                            dst: t,
                        });
                    }
                }
                if w32 && op != IBinOp::URsh && self.sext_needed(d) {
                    self.sext32(t);
                }
                self.int_store(d, t)
            }
        }
    }

    /// Emits `cmp a, b` (swapping when `a` is an immediate); returns the
    /// condition to test, or the folded result when both are constants.
    fn int_compare(
        &mut self,
        c: ICond,
        w32: bool,
        a: &Operand,
        b: &Operand,
    ) -> R<Result<Cond, bool>> {
        let size = size_of(w32);
        let (ia, ib) = (self.imm_value(a)?, self.imm_value(b)?);
        if let (Some(x), Some(y)) = (ia, ib) {
            return Ok(Err(fold_icmp(c, w32, x, y)));
        }
        let (mut x, mut y, mut cond) = (a, b, icond(c));
        if ia.is_some() {
            std::mem::swap(&mut x, &mut y);
            cond = cond.swap();
        }
        // cmp x, 0 on a register: test.
        if let (Some(0), Operand::Reg(v)) = (self.imm_value(y)?, x) {
            if let Loc::Gpr(g) = self.loc(*v) {
                if matches!(cond, Cond::E | Cond::Ne | Cond::L | Cond::Ge) {
                    let cond = match cond {
                        Cond::L => Cond::S,
                        Cond::Ge => Cond::Ns,
                        c => c,
                    };
                    self.e(Inst::TestRR { size, a: g, b: g });
                    return Ok(Ok(cond));
                }
            }
        }
        let y_mem = match y {
            Operand::Mem(_) => true,
            Operand::Reg(v) => self.loc(*v) == Loc::Slot,
            _ => false,
        };
        let left = if y_mem {
            match x {
                Operand::Reg(v) if matches!(self.loc(*v), Loc::Gpr(_)) => {
                    let Loc::Gpr(g) = self.loc(*v) else {
                        unreachable!()
                    };
                    Rmi::R(g)
                }
                _ => {
                    self.int_load(x, RAX)?;
                    Rmi::R(RAX)
                }
            }
        } else {
            self.int_rmi(x, w32, RAX, false)?
        };
        let right = self.int_rmi(y, w32, RCX, true)?;
        let i = match (left, right) {
            (Rmi::R(l), Rmi::R(r)) => Inst::AluRR {
                op: AluOp::Cmp,
                size,
                dst: l,
                src: r,
            },
            (Rmi::R(l), Rmi::M(m)) => Inst::AluRM {
                op: AluOp::Cmp,
                size,
                dst: l,
                src: m,
            },
            (Rmi::R(l), Rmi::I(imm)) => Inst::AluRI {
                op: AluOp::Cmp,
                size,
                dst: l,
                imm,
            },
            (Rmi::M(m), Rmi::R(r)) => Inst::AluMR {
                op: AluOp::Cmp,
                size,
                dst: m,
                src: r,
            },
            (Rmi::M(m), Rmi::I(imm)) => Inst::AluMI {
                op: AluOp::Cmp,
                size,
                dst: m,
                imm,
            },
            _ => return Err(CodegenError::BadIr("compare of two memory operands".into())),
        };
        self.e(i);
        Ok(Ok(cond))
    }

    /// Stores 0/1 for `cond` into `d`.
    fn set_from_flags(&mut self, d: &Operand, cond: Cond) -> R<()> {
        let t = self.int_target(d, &[]);
        self.e(Inst::Setcc { cond, dst: t });
        self.e(Inst::MovzxRR {
            from: Size::S8,
            dst: t,
            src: t,
        });
        self.int_store(d, t)
    }

    // ---- float compares ---------------------------------------------------

    /// `ucomis x, y` / x87 compare for `cond`, with operands ordered so that
    /// the condition reads as "above"/"above or equal" (lt/le swap).
    /// Returns false when the operands were swapped (informational).
    fn fp_compare(&mut self, c: FCond, class: Class, a: &Operand, b: &Operand) -> R<()> {
        let (x, y) = if matches!(c, FCond::Lt | FCond::Le) {
            (b, a)
        } else {
            (a, b)
        };
        if class == Class::LD {
            self.fld(y)?;
            self.fld(x)?;
            self.e(Inst::Fucomip { i: 1 });
            self.e(Inst::FstpSt { i: 0 });
            return Ok(());
        }
        let fs = fp_size(class);
        let left = match self.fp_src(x, fs)? {
            Xm::X(r) => r,
            Xm::M(m) => {
                self.e(Inst::MovsLoad {
                    size: fs,
                    dst: X8,
                    src: m,
                });
                X8
            }
        };
        let op = if class == Class::F {
            SseOp::Ucomiss
        } else {
            SseOp::Ucomisd
        };
        match self.fp_src(y, fs)? {
            Xm::X(r) => self.e(Inst::SseRR {
                op,
                dst: left,
                src: r,
            }),
            Xm::M(m) => self.e(Inst::SseRM {
                op,
                dst: left,
                src: m,
            }),
        }
        Ok(())
    }

    fn lower_fcmp(
        &mut self,
        c: FCond,
        class: Class,
        d: &Operand,
        a: &Operand,
        b: &Operand,
    ) -> R<()> {
        self.fp_compare(c, class, a, b)?;
        let t = self.int_target(d, &[]);
        match c {
            FCond::Eq | FCond::Ne => {
                let (c1, c2, op) = if c == FCond::Eq {
                    (Cond::E, Cond::Np, AluOp::And)
                } else {
                    (Cond::Ne, Cond::P, AluOp::Or)
                };
                self.e(Inst::Setcc { cond: c1, dst: t });
                self.e(Inst::Setcc { cond: c2, dst: RCX });
                self.e(Inst::AluRR {
                    op,
                    size: Size::S8,
                    dst: t,
                    src: RCX,
                });
            }
            FCond::Gt | FCond::Lt => self.e(Inst::Setcc {
                cond: Cond::A,
                dst: t,
            }),
            FCond::Ge | FCond::Le => self.e(Inst::Setcc {
                cond: Cond::Ae,
                dst: t,
            }),
        }
        self.e(Inst::MovzxRR {
            from: Size::S8,
            dst: t,
            src: t,
        });
        self.int_store(d, t)
    }

    /// Branches to `l` when `cond` holds (or, with `negate`, when it does
    /// not — unordered included).
    fn fp_branch(
        &mut self,
        c: FCond,
        class: Class,
        a: &Operand,
        b: &Operand,
        l: Label,
        negate: bool,
    ) -> R<()> {
        self.fp_compare(c, class, a, b)?;
        match (c, negate) {
            (FCond::Eq, false) | (FCond::Ne, true) => {
                let skip = self.new_label();
                self.e(Inst::Jcc {
                    cond: Cond::P,
                    target: skip,
                });
                self.e(Inst::Jcc {
                    cond: Cond::E,
                    target: l,
                });
                self.bind(skip);
            }
            (FCond::Ne, false) | (FCond::Eq, true) => {
                self.e(Inst::Jcc {
                    cond: Cond::P,
                    target: l,
                });
                self.e(Inst::Jcc {
                    cond: Cond::Ne,
                    target: l,
                });
            }
            (FCond::Gt | FCond::Lt, n) => self.e(Inst::Jcc {
                cond: if n { Cond::Be } else { Cond::A },
                target: l,
            }),
            (FCond::Ge | FCond::Le, n) => self.e(Inst::Jcc {
                cond: if n { Cond::B } else { Cond::Ae },
                target: l,
            }),
        }
        Ok(())
    }

    // ---- float arithmetic and conversions ----------------------------------

    /// `d = y op x` (or `x op y`) with `d` pinned, `y` in the same position
    /// (the same variable, or one coalesced with it), `x` another value, and
    /// the result not kept in st0 for the next instruction: `x` in st0
    /// (waiting there or loaded), then `op st(i), st` with pop writes `d` in
    /// place. False (nothing emitted) otherwise.
    fn ld_fbin_into_pinned(
        &mut self,
        op: FBinOp,
        d: &Operand,
        a: &Operand,
        b: &Operand,
    ) -> R<bool> {
        let Operand::Reg(dv) = d else {
            return Ok(false);
        };
        let Some(pd) = self.pinned(*dv) else {
            return Ok(false);
        };
        if self.ld_keep.get(self.cur).copied().unwrap_or(0) != 0 {
            return Ok(false);
        }
        // Which operand shares `d`'s position (a value waiting in st0 is
        // not in its position); the other goes to st0.
        let at_d = |o: &Operand| !self.in_st0(o) && self.pinned_op(o) == Some(pd);
        let (d_first, x) = match (at_d(a), at_d(b)) {
            (true, false) => (true, b),
            (false, true) => (false, a),
            _ => return Ok(false),
        };
        // `d` waiting in st0 would leave its position stale.
        if self.in_st0(d) {
            return Ok(false);
        }
        self.fld(x)?;
        let i = self.x87_depth + pd as i32;
        if !(1..8).contains(&i) {
            self.pin_fail = true;
        }
        let o = x87_op(op, d_first);
        self.e(Inst::X87PopSt {
            op: o,
            i: (i & 7) as u8,
        });
        Ok(true)
    }

    /// `ld` arithmetic with one operand in st0 (waiting there, or loaded)
    /// and the other pinned on the x87 stack: `op st, st(i)`, no second
    /// load. False (nothing emitted) when the operands are not so.
    fn ld_fbin_pinned(&mut self, op: FBinOp, a: &Operand, b: &Operand) -> R<bool> {
        let (ina, inb) = (self.in_st0(a), self.in_st0(b));
        if ina && inb {
            // Both are the value waiting in st0: `op st, st(0)`.
            self.st0 = None;
            let x = x87_op(op, true);
            self.e(Inst::X87St { op: x, i: 0 });
            return Ok(true);
        }
        let pa = if ina { None } else { self.pinned_op(a) };
        let pb = if inb { None } else { self.pinned_op(b) };
        // Which operand is (or goes) in st0, and the other's position.
        let (top_a, p) = match (ina, inb, pa, pb) {
            (true, _, _, Some(p)) => (true, p),
            (_, true, Some(p), _) => (false, p),
            (false, false, _, Some(p)) => (true, p),
            (false, false, Some(p), None) => (false, p),
            _ => return Ok(false),
        };
        if ina || inb {
            self.st0 = None;
        } else {
            self.fld(if top_a { a } else { b })?;
        }
        let i = self.x87_depth + p as i32;
        if !(0..8).contains(&i) || self.x87_depth < 1 {
            self.pin_fail = true;
        }
        let x = x87_op(op, top_a);
        self.e(Inst::X87St {
            op: x,
            i: (i & 7) as u8,
        });
        Ok(true)
    }

    fn lower_fbin(
        &mut self,
        op: FBinOp,
        class: Class,
        d: &Operand,
        a: &Operand,
        b: &Operand,
    ) -> R<()> {
        if class == Class::LD {
            if self.ld_fbin_into_pinned(op, d, a, b)? {
                return Ok(());
            }
            if self.ld_fbin_pinned(op, a, b)? {
                return self.ld_result(d);
            }
            // st1 = a, st0 = b; or, with b waiting in st0, st0 = a, st1 = b
            // and the reversed operation.
            let reverse = self.in_st0(b) && !self.in_st0(a);
            if self.in_st0(a) && self.in_st0(b) {
                self.st0 = None;
                self.e(Inst::FldSt { i: 0 });
            } else if reverse {
                self.st0 = None;
                self.fld(a)?;
            } else {
                self.fld(a)?;
                self.fld(b)?;
            }
            let x = x87_op(op, !reverse);
            self.e(Inst::X87Pop { op: x });
            return self.ld_result(d);
        }
        let fs = fp_size(class);
        let sop = match (op, class) {
            (FBinOp::Add, Class::F) => SseOp::Addss,
            (FBinOp::Add, _) => SseOp::Addsd,
            (FBinOp::Sub, Class::F) => SseOp::Subss,
            (FBinOp::Sub, _) => SseOp::Subsd,
            (FBinOp::Mul, Class::F) => SseOp::Mulss,
            (FBinOp::Mul, _) => SseOp::Mulsd,
            (FBinOp::Div, Class::F) => SseOp::Divss,
            (FBinOp::Div, _) => SseOp::Divsd,
        };
        let (mut a, mut b) = (a, b);
        let mem_first = matches!(a, Operand::Mem(_)) && !matches!(b, Operand::Mem(_));
        if matches!(op, FBinOp::Add | FBinOp::Mul)
            && ((self.same_place(d, b) && !self.same_place(d, a)) || mem_first)
        {
            std::mem::swap(&mut a, &mut b);
        }
        let t = self.fp_target(d, &[b]);
        self.fp_load(a, t, fs)?;
        match self.fp_src(b, fs)? {
            Xm::X(x) => self.e(Inst::SseRR {
                op: sop,
                dst: t,
                src: x,
            }),
            Xm::M(m) => self.e(Inst::SseRM {
                op: sop,
                dst: t,
                src: m,
            }),
        }
        self.fp_store(d, t, fs)
    }

    fn lower_neg(&mut self, class: Class, w32: bool, d: &Operand, s: &Operand) -> R<()> {
        match class {
            Class::Int => {
                let t = self.int_target(d, &[]);
                self.int_load(s, t)?;
                self.e(Inst::UnaryR {
                    op: UnOp::Neg,
                    size: size_of(w32),
                    src: t,
                });
                if w32 && self.sext_needed(d) {
                    self.sext32(t);
                }
                self.int_store(d, t)
            }
            Class::F | Class::D => {
                let fs = fp_size(class);
                let t = self.fp_target(d, &[]);
                self.fp_load(s, t, fs)?;
                let mask: [u8; 16] = if class == Class::F {
                    let mut m = [0u8; 16];
                    m[..4].copy_from_slice(&0x8000_0000u32.to_le_bytes());
                    m
                } else {
                    let mut m = [0u8; 16];
                    m[..8].copy_from_slice(&(1u64 << 63).to_le_bytes());
                    m
                };
                let src = self.konst(&mask, 16);
                self.e(Inst::SseRM {
                    op: SseOp::Xorps,
                    dst: t,
                    src,
                });
                self.fp_store(d, t, fs)
            }
            Class::LD => {
                self.fld(s)?;
                self.e(Inst::Fchs);
                self.ld_result(d)
            }
        }
    }

    /// Puts an integer operand's 64-bit value in memory (for `fild`).
    fn int_in_memory(&mut self, s: &Operand) -> R<Amode> {
        if let Operand::Reg(v) = s {
            if self.loc(*v) == Loc::Slot {
                return Ok(self.var_slot(*v));
            }
        }
        let r = match s {
            Operand::Reg(v) => match self.loc(*v) {
                Loc::Gpr(g) => g,
                _ => {
                    self.int_load(s, RAX)?;
                    RAX
                }
            },
            _ => {
                self.int_load(s, RAX)?;
                RAX
            }
        };
        let t = self.temp_slot(0);
        self.e(Inst::MovMR {
            size: Size::S64,
            dst: t,
            src: r,
        });
        Ok(t)
    }

    /// Puts an `f`/`d` operand in memory (for `fld`).
    fn fp_in_memory(&mut self, s: &Operand, fs: FpSize) -> R<Amode> {
        match self.fp_src(s, fs)? {
            Xm::M(m) => Ok(m),
            Xm::X(x) => {
                let t = self.temp_slot(0);
                self.e(Inst::MovsStore {
                    size: fs,
                    dst: t,
                    src: x,
                });
                Ok(t)
            }
        }
    }

    fn lower_conv(
        &mut self,
        from: Class,
        to: Class,
        unsigned: bool,
        d: &Operand,
        s: &Operand,
    ) -> R<()> {
        match (from, to) {
            (Class::Int, Class::F | Class::D) => {
                let fs = fp_size(to);
                let t = self.fp_target(d, &[]);
                self.e(Inst::SseRR {
                    op: SseOp::Xorps,
                    dst: t,
                    src: t,
                });
                if !unsigned {
                    let size = match s {
                        Operand::Reg(v) if self.sx32.get(v.index()).copied().unwrap_or(false) => {
                            Size::S32
                        }
                        _ => Size::S64,
                    };
                    match self.int_rmi(s, false, RAX, false)? {
                        Rmi::R(r) => self.e(Inst::CvtSi2FpRR {
                            to: fs,
                            size,
                            dst: t,
                            src: r,
                        }),
                        Rmi::M(m) => self.e(Inst::CvtSi2FpRM {
                            to: fs,
                            size,
                            dst: t,
                            src: m,
                        }),
                        Rmi::I(_) => unreachable!(),
                    }
                } else {
                    // u64 → float: halve with the low bit kept sticky when
                    // the top bit is set, convert, double (what C compilers
                    // emit; correctly rounded).
                    self.int_load(s, RAX)?;
                    let (neg, done) = (self.new_label(), self.new_label());
                    self.e(Inst::TestRR {
                        size: Size::S64,
                        a: RAX,
                        b: RAX,
                    });
                    self.e(Inst::Jcc {
                        cond: Cond::S,
                        target: neg,
                    });
                    self.e(Inst::CvtSi2FpRR {
                        to: fs,
                        size: Size::S64,
                        dst: t,
                        src: RAX,
                    });
                    self.e(Inst::Jmp { target: done });
                    self.bind(neg);
                    self.mov_rr(RCX, RAX);
                    self.e(Inst::ShiftRI {
                        op: ShiftOp::Shr,
                        size: Size::S64,
                        dst: RCX,
                        imm: 1,
                    });
                    self.e(Inst::AluRI {
                        op: AluOp::And,
                        size: Size::S32,
                        dst: RAX,
                        imm: 1,
                    });
                    self.e(Inst::AluRR {
                        op: AluOp::Or,
                        size: Size::S64,
                        dst: RCX,
                        src: RAX,
                    });
                    self.e(Inst::CvtSi2FpRR {
                        to: fs,
                        size: Size::S64,
                        dst: t,
                        src: RCX,
                    });
                    let add = if fs == FpSize::F32 {
                        SseOp::Addss
                    } else {
                        SseOp::Addsd
                    };
                    self.e(Inst::SseRR {
                        op: add,
                        dst: t,
                        src: t,
                    });
                    self.bind(done);
                }
                self.fp_store(d, t, fs)
            }
            (Class::F | Class::D, Class::Int) => {
                let fs = fp_size(from);
                let t = self.int_target(d, &[]);
                match self.fp_src(s, fs)? {
                    Xm::X(x) => self.e(Inst::CvttFp2SiRR {
                        from: fs,
                        size: Size::S64,
                        dst: t,
                        src: x,
                    }),
                    Xm::M(m) => self.e(Inst::CvttFp2SiRM {
                        from: fs,
                        size: Size::S64,
                        dst: t,
                        src: m,
                    }),
                }
                self.int_store(d, t)
            }
            (Class::F, Class::D) | (Class::D, Class::F) => {
                let (fs, ts) = (fp_size(from), fp_size(to));
                let op = if from == Class::F {
                    SseOp::Cvtss2sd
                } else {
                    SseOp::Cvtsd2ss
                };
                let t = self.fp_target(d, &[s]);
                match self.fp_src(s, fs)? {
                    Xm::X(x) => self.e(Inst::SseRR { op, dst: t, src: x }),
                    Xm::M(m) => self.e(Inst::SseRM { op, dst: t, src: m }),
                }
                self.fp_store(d, t, ts)
            }
            (Class::Int, Class::LD) => {
                let m = self.int_in_memory(s)?;
                self.e(Inst::Fild { src: m });
                if unsigned {
                    // Negative as i64: add 2^64 (exact in 64-bit precision).
                    if !matches!(s, Operand::Reg(v) if self.loc(*v) != Loc::Slot) {
                        self.e(Inst::MovRM {
                            size: Size::S64,
                            dst: RAX,
                            src: m,
                        });
                    } else {
                        self.int_load(s, RAX)?;
                    }
                    let skip = self.new_label();
                    self.e(Inst::TestRR {
                        size: Size::S64,
                        a: RAX,
                        b: RAX,
                    });
                    self.e(Inst::Jcc {
                        cond: Cond::Ns,
                        target: skip,
                    });
                    let c = self.konst(&(18446744073709551616.0f32).to_le_bytes(), 4);
                    self.e(Inst::FaddM32 { src: c });
                    self.bind(skip);
                }
                self.ld_result(d)
            }
            (Class::LD, Class::Int) => {
                self.fld(s)?;
                let tmp = self.temp_slot(0);
                self.e(Inst::Fisttp { dst: tmp });
                let t = self.int_target(d, &[]);
                self.e(Inst::MovRM {
                    size: Size::S64,
                    dst: t,
                    src: tmp,
                });
                self.int_store(d, t)
            }
            (Class::F | Class::D, Class::LD) => {
                let fs = fp_size(from);
                let m = self.fp_in_memory(s, fs)?;
                self.e(Inst::Fld { size: fs, src: m });
                self.ld_result(d)
            }
            (Class::LD, Class::F | Class::D) => {
                let ts = fp_size(to);
                self.fld(s)?;
                match d {
                    Operand::Reg(v) if matches!(self.loc(*v), Loc::Xmm(_)) => {
                        let tmp = self.temp_slot(0);
                        self.e(Inst::Fstp { size: ts, dst: tmp });
                        let Loc::Xmm(x) = self.loc(*v) else {
                            unreachable!()
                        };
                        self.e(Inst::MovsLoad {
                            size: ts,
                            dst: x,
                            src: tmp,
                        });
                    }
                    Operand::Reg(v) => {
                        let dst = self.var_slot(*v);
                        self.e(Inst::Fstp { size: ts, dst });
                    }
                    Operand::Mem(m) => {
                        let dst = self.amode(m)?;
                        self.e(Inst::Fstp { size: ts, dst });
                    }
                    _ => return Err(CodegenError::BadIr("output is not a location".into())),
                }
                Ok(())
            }
            _ => Err(CodegenError::BadIr("unknown conversion".into())),
        }
    }

    // ---- overflow -----------------------------------------------------------

    fn lower_ovf(&mut self, op: OvfOp, w32: bool, d: &Operand, a: &Operand, b: &Operand) -> R<()> {
        let size = size_of(w32);
        let t = match op {
            OvfOp::UMul => {
                self.int_load(a, RAX)?;
                match self.int_rmi(b, w32, RCX, false)? {
                    Rmi::R(r) => self.e(Inst::UnaryR {
                        op: UnOp::Mul,
                        size,
                        src: r,
                    }),
                    Rmi::M(m) => self.e(Inst::UnaryM {
                        op: UnOp::Mul,
                        size,
                        src: m,
                    }),
                    Rmi::I(_) => unreachable!(),
                }
                RAX
            }
            _ => {
                let t = self.int_target(d, &[b]);
                self.int_load(a, t)?;
                let src = self.int_rmi(b, w32, RCX, true)?;
                match op {
                    OvfOp::Add => self.alu(AluOp::Add, size, t, src),
                    OvfOp::Sub => self.alu(AluOp::Sub, size, t, src),
                    _ => match src {
                        Rmi::R(r) => self.e(Inst::ImulRR {
                            size,
                            dst: t,
                            src: r,
                        }),
                        Rmi::M(m) => self.e(Inst::ImulRM {
                            size,
                            dst: t,
                            src: m,
                        }),
                        Rmi::I(imm) => self.e(Inst::ImulRRI {
                            size,
                            dst: t,
                            src: t,
                            imm,
                        }),
                    },
                }
                if w32 && self.sext_needed(d) {
                    self.sext32(t);
                }
                t
            }
        };
        self.flags_live = true;
        self.int_store(d, t)
    }

    // ---- the dispatcher -----------------------------------------------------

    /// Lowers instruction `i` (and possibly `i+1`, returning how many were
    /// consumed).
    pub fn lower_insn(&mut self, i: usize) -> R<usize> {
        let insn = self.f.insn(i);
        let ops = insn.operands;
        let fam = insn.op.family();
        self.cur = i;
        let need = |n: usize| -> R<()> {
            if ops.len() < n {
                Err(CodegenError::BadIr(format!(
                    "{}: too few operands",
                    insn.op
                )))
            } else {
                Ok(())
            }
        };
        if !matches!(fam, Family::Move(_) | Family::BOvf { .. } | Family::Label) {
            self.flags_live = false;
        }
        match fam {
            Family::Label => {
                if let Some(l) = insn.defined_label() {
                    self.bind(Label(l.0));
                }
            }
            Family::Move(class) => {
                need(2)?;
                if self.fold.get(i).copied().unwrap_or(false) {
                    return self.lower_folded(i);
                }
                if let Some(&(g, _)) = self.hr_entry.get(i) {
                    if ops[1] == Operand::Reg(g) {
                        let slot = self.var_slot(g);
                        self.e(Inst::MovRM {
                            size: Size::S64,
                            dst: RAX,
                            src: slot,
                        });
                        self.int_store(&ops[0], RAX)?;
                        return Ok(1);
                    }
                }
                self.lower_mov(&ops[0], &ops[1], class)?;
            }
            Family::Ext { bits, signed } => {
                need(2)?;
                self.lower_ext(&ops[0], &ops[1], bits, signed)?;
            }
            Family::Conv { from, to, unsigned } => {
                need(2)?;
                self.lower_conv(from, to, unsigned, &ops[0], &ops[1])?;
            }
            Family::Neg { class, w32 } => {
                need(2)?;
                self.lower_neg(class, w32, &ops[0], &ops[1])?;
            }
            Family::Addr { .. } => {
                need(2)?;
                let Operand::Reg(v) = ops[1] else {
                    return Err(CodegenError::BadIr("addr needs a variable".into()));
                };
                // A `global` whose address is taken works on a copy
                // (`crate::globals`), which lives in its slot.
                if self.loc(v) != Loc::Slot {
                    return Err(CodegenError::BadIr(
                        "address of a variable in a register".into(),
                    ));
                }
                let t = self.int_target(&ops[0], &[]);
                let src = self.var_slot(v);
                self.e(Inst::Lea { dst: t, src });
                self.int_store(&ops[0], t)?;
            }
            Family::IBin { op, w32 } => {
                need(3)?;
                if op == IBinOp::Add && self.add3(i, w32)? {
                    return Ok(2);
                }
                if op == IBinOp::And && self.try_fuse_test(i)? {
                    return Ok(2);
                }
                self.lower_ibin(op, w32, &ops[0], &ops[1], &ops[2])?;
            }
            Family::FBin { op, class } => {
                need(3)?;
                self.lower_fbin(op, class, &ops[0], &ops[1], &ops[2])?;
            }
            Family::ICmp { cond, w32 } => {
                need(3)?;
                if let Some(n) = self.try_fuse(i, true)? {
                    return Ok(n);
                }
                match self.int_compare(cond, w32, &ops[1], &ops[2])? {
                    Ok(c) => self.set_from_flags(&ops[0], c)?,
                    Err(v) => self.lower_mov(&ops[0], &Operand::Int(v as i64), Class::Int)?,
                }
            }
            Family::FCmp { cond, class } => {
                need(3)?;
                if let Some(n) = self.try_fuse(i, false)? {
                    return Ok(n);
                }
                self.lower_fcmp(cond, class, &ops[0], &ops[1], &ops[2])?;
            }
            Family::Ovf { op, w32 } => {
                need(3)?;
                self.lower_ovf(op, w32, &ops[0], &ops[1], &ops[2])?;
            }
            Family::Jmp => {
                need(1)?;
                let l = self.mir_label(&ops[0])?;
                self.e(Inst::Jmp { target: l });
            }
            Family::BTest { if_true, w32 } => {
                need(2)?;
                let l = self.mir_label(&ops[0])?;
                let c = if if_true { ICond::Ne } else { ICond::Eq };
                self.int_branch(c, w32, &ops[1], &Operand::Int(0), l)?;
            }
            Family::BICmp { cond, w32 } => {
                need(3)?;
                let l = self.mir_label(&ops[0])?;
                self.int_branch(cond, w32, &ops[1], &ops[2], l)?;
            }
            Family::BFCmp { cond, class } => {
                need(3)?;
                let l = self.mir_label(&ops[0])?;
                self.fp_branch(cond, class, &ops[1], &ops[2], l, false)?;
            }
            Family::BOvf { unsigned, set } => {
                need(1)?;
                let l = self.mir_label(&ops[0])?;
                let cond = match (unsigned, set) {
                    (false, true) => Cond::O,
                    (false, false) => Cond::No,
                    (true, true) => Cond::B,
                    (true, false) => Cond::Ae,
                };
                self.e(Inst::Jcc { cond, target: l });
                self.flags_live = false;
            }
            Family::Laddr => {
                need(2)?;
                let l = self.mir_label(&ops[1])?;
                let t = self.int_target(&ops[0], &[]);
                self.e(Inst::Lea {
                    dst: t,
                    src: Amode::Label(l, 0),
                });
                self.int_store(&ops[0], t)?;
            }
            Family::Jmpi => {
                need(1)?;
                match self.int_rmi(&ops[0], false, RAX, false)? {
                    Rmi::R(r) => self.e(Inst::JmpR { src: r }),
                    Rmi::M(m) => self.e(Inst::JmpM { src: m }),
                    Rmi::I(_) => unreachable!(),
                }
            }
            Family::Call | Family::Inline => self.lower_call(ops, false)?,
            Family::JCall => self.lower_call(ops, true)?,
            Family::Switch => {
                need(2)?;
                let labels = ops[1..]
                    .iter()
                    .map(|o| self.mir_label(o))
                    .collect::<R<Vec<_>>>()?;
                self.int_load(&ops[0], RAX)?;
                let trap = self.trap_label();
                let n = labels.len() as i64;
                if fits_i32(n) {
                    self.e(Inst::AluRI {
                        op: AluOp::Cmp,
                        size: Size::S64,
                        dst: RAX,
                        imm: n as i32,
                    });
                    self.e(Inst::Jcc {
                        cond: Cond::Ae,
                        target: trap,
                    });
                }
                let table = self.new_label();
                self.pool.push(PoolEntry {
                    label: table,
                    align: 4,
                    data: PoolData::Table(labels),
                });
                self.e(Inst::Lea {
                    dst: R11,
                    src: Amode::Label(table, 0),
                });
                self.e(Inst::MovsxRM {
                    from: Size::S32,
                    dst: R10,
                    src: Amode::bisd(R11, RAX, 4, 0),
                });
                self.e(Inst::AluRR {
                    op: AluOp::Add,
                    size: Size::S64,
                    dst: R10,
                    src: R11,
                });
                self.e(Inst::JmpR { src: R10 });
            }
            Family::Ret => self.lower_ret(ops)?,
            Family::JRet => {
                need(1)?;
                self.int_load(&ops[0], R11)?;
                self.epilogue();
                self.e(Inst::AluRI {
                    op: AluOp::Add,
                    size: Size::S64,
                    dst: Gpr::Rsp,
                    imm: 8,
                });
                self.e(Inst::JmpR { src: R11 });
            }
            Family::Alloca => {
                need(2)?;
                match self.imm_value(&ops[1])? {
                    Some(n) => {
                        let n = (n.max(0) as u64).next_multiple_of(16);
                        if n > 0 {
                            if n <= i32::MAX as u64 {
                                self.e(Inst::AluRI {
                                    op: AluOp::Sub,
                                    size: Size::S64,
                                    dst: Gpr::Rsp,
                                    imm: n as i32,
                                });
                            } else {
                                self.mov_imm(RAX, n as i64);
                                self.e(Inst::AluRR {
                                    op: AluOp::Sub,
                                    size: Size::S64,
                                    dst: Gpr::Rsp,
                                    src: RAX,
                                });
                            }
                        }
                    }
                    None => {
                        self.int_load(&ops[1], RAX)?;
                        self.e(Inst::AluRI {
                            op: AluOp::Add,
                            size: Size::S64,
                            dst: RAX,
                            imm: 15,
                        });
                        self.e(Inst::AluRI {
                            op: AluOp::And,
                            size: Size::S64,
                            dst: RAX,
                            imm: -16,
                        });
                        self.e(Inst::AluRR {
                            op: AluOp::Sub,
                            size: Size::S64,
                            dst: Gpr::Rsp,
                            src: RAX,
                        });
                    }
                }
                self.int_store(&ops[0], Gpr::Rsp)?;
            }
            Family::BStart => {
                need(1)?;
                self.int_store(&ops[0], Gpr::Rsp)?;
            }
            Family::BEnd => {
                need(1)?;
                self.int_load(&ops[0], RAX)?;
                self.mov_rr(Gpr::Rsp, RAX);
            }
            Family::VaStart => {
                need(1)?;
                if !self.f.sig.vararg {
                    return Err(CodegenError::BadIr(
                        "va_start in a non-variadic function".into(),
                    ));
                }
                // The va_list address from its register (else in rax).
                let va = match &ops[0] {
                    Operand::Reg(v) => match self.loc(*v) {
                        Loc::Gpr(g) if g != R10 => Some(g),
                        _ => None,
                    },
                    _ => None,
                };
                let va = match va {
                    Some(g) => g,
                    None => {
                        self.int_load(&ops[0], RAX)?;
                        RAX
                    }
                };
                let (gp, fp, stack) = (self.va_gp, self.va_fp, self.va_stack);
                self.e(Inst::MovMI {
                    size: Size::S32,
                    dst: Amode::bd(va, 0),
                    imm: 8 * gp as i32,
                });
                self.e(Inst::MovMI {
                    size: Size::S32,
                    dst: Amode::bd(va, 4),
                    imm: 48 + 16 * fp as i32,
                });
                self.e(Inst::Lea {
                    dst: R10,
                    src: self.frame.incoming(stack),
                });
                self.e(Inst::MovMR {
                    size: Size::S64,
                    dst: Amode::bd(va, 8),
                    src: R10,
                });
                let rsa = self.frame.rsa();
                self.e(Inst::Lea {
                    dst: R10,
                    src: self.frame.at(rsa),
                });
                self.e(Inst::MovMR {
                    size: Size::S64,
                    dst: Amode::bd(va, 16),
                    src: R10,
                });
            }
            Family::VaEnd => {}
            Family::VaArg => {
                need(3)?;
                let ty = match &ops[2] {
                    Operand::Mem(m) => m.ty,
                    _ => return Err(CodegenError::BadIr("va_arg needs a memory type".into())),
                };
                self.lower_va_arg(&ops[0], &ops[1], ty)?;
            }
            Family::VaBlockArg => self.lower_va_block_arg(ops)?,
            Family::PrSet => {}
            Family::PrBranch { eq } => {
                if pr_branch_taken(eq, ops) {
                    let l = self.mir_label(&ops[0])?;
                    self.e(Inst::Jmp { target: l });
                }
            }
            Family::Unspec | Family::Use | Family::Phi | Family::Invalid => {
                return Err(CodegenError::BadIr(format!(
                    "internal instruction {} in input",
                    insn.op
                )))
            }
        }
        Ok(1)
    }

    /// `mov t, mem` and the next instruction, reading `mem` where it reads
    /// `t` (see `fold_loads`).
    fn lower_folded(&mut self, i: usize) -> R<usize> {
        let (t, mem) = match self.f.insn(i).operands {
            [t @ Operand::Reg(_), mem, ..] => (t.clone(), mem.clone()),
            _ => return Err(CodegenError::BadIr("bad folded load".into())),
        };
        let next = self.f.insn(i + 1);
        let ops: Vec<Operand> = next
            .operands
            .iter()
            .enumerate()
            .map(|(k, o)| {
                if k > 0 && *o == t {
                    mem.clone()
                } else {
                    o.clone()
                }
            })
            .collect();
        self.cur = i + 1;
        self.flags_live = false;
        match next.op.family() {
            Family::IBin { op, w32 } => self.lower_ibin(op, w32, &ops[0], &ops[1], &ops[2])?,
            Family::FBin { op, class } => self.lower_fbin(op, class, &ops[0], &ops[1], &ops[2])?,
            _ => return Err(CodegenError::BadIr("bad folded load".into())),
        }
        Ok(2)
    }

    /// `cmp a, b; jcc l` (or an unconditional jump / nothing when folded).
    fn int_branch(&mut self, c: ICond, w32: bool, a: &Operand, b: &Operand, l: Label) -> R<()> {
        match self.int_compare(c, w32, a, b)? {
            Ok(cond) => self.e(Inst::Jcc { cond, target: l }),
            Err(true) => self.e(Inst::Jmp { target: l }),
            Err(false) => {}
        }
        Ok(())
    }

    /// Compare followed by `bt`/`bf` of its result, the result used
    /// nowhere else: one compare-and-branch.
    fn try_fuse(&mut self, i: usize, int: bool) -> R<Option<usize>> {
        if !self.fusable.get(i).copied().unwrap_or(false) {
            return Ok(None);
        }
        let insn = self.f.insn(i);
        let Some(next) = self.f.get_insn(i + 1) else {
            return Ok(None);
        };
        let Family::BTest { if_true, .. } = next.op.family() else {
            return Ok(None);
        };
        let l = self.mir_label(&next.operands[0])?;
        let (a, b) = (&insn.operands[1], &insn.operands[2]);
        match insn.op.family() {
            Family::ICmp { cond, w32 } if int => {
                let cond = if if_true { cond } else { negate_icond(cond) };
                self.int_branch(cond, w32, a, b, l)?;
            }
            Family::FCmp { cond, class } if !int => {
                self.fp_branch(cond, class, a, b, l, !if_true)?;
            }
            _ => return Ok(None),
        }
        Ok(Some(2))
    }

    /// `and t, x, imm` followed by a branch on `t` against zero, `t` used
    /// nowhere else (see `and_test_branch`): `test x, imm; jcc`.
    fn try_fuse_test(&mut self, i: usize) -> R<bool> {
        if !self.fusable.get(i).copied().unwrap_or(false) {
            return Ok(false);
        }
        let insn = self.f.insn(i);
        let Some(next) = self.f.get_insn(i + 1) else {
            return Ok(false);
        };
        if !super::and_test_branch(insn, next) {
            return Ok(false);
        }
        let (cond, w32) = match next.op.family() {
            Family::BTest { if_true, w32 } => (if if_true { Cond::Ne } else { Cond::E }, w32),
            Family::BICmp { cond, w32 } => {
                (if cond == ICond::Eq { Cond::E } else { Cond::Ne }, w32)
            }
            _ => return Ok(false),
        };
        let (x, imm) = match (&insn.operands[1], &insn.operands[2]) {
            (x @ Operand::Reg(_), Operand::Int(k)) | (Operand::Int(k), x @ Operand::Reg(_)) => {
                (x, *k)
            }
            _ => return Ok(false),
        };
        let l = self.mir_label(&next.operands[0])?;
        let g = match x {
            Operand::Reg(v) => match self.loc(*v) {
                Loc::Gpr(g) => g,
                _ => {
                    self.int_load(x, RAX)?;
                    RAX
                }
            },
            _ => unreachable!("checked"),
        };
        // A 32-bit test looks at the low halves only; a 64-bit one's
        // immediate fits (checked), sign-extended like `and`'s.
        self.e(Inst::TestRI {
            size: size_of(w32),
            a: g,
            imm: imm as i32,
        });
        self.e(Inst::Jcc { cond, target: l });
        Ok(true)
    }

    fn lower_va_arg(&mut self, d: &Operand, va: &Operand, ty: Type) -> R<()> {
        // The va_list address from its register (else in r11); the
        // argument's address straight into the destination's register when
        // it has one (else r10).
        let gpr = |lw: &Self, op: &Operand| match op {
            Operand::Reg(v) => match lw.loc(*v) {
                Loc::Gpr(g) => Some(g),
                _ => None,
            },
            _ => None,
        };
        let base = match gpr(self, va).filter(|&g| g != RAX && g != R10) {
            Some(g) => g,
            None => {
                self.int_load(va, R11)?;
                R11
            }
        };
        let dst = gpr(self, d)
            .filter(|&g| g != base && g != RAX && g != R11)
            .unwrap_or(R10);
        match ty {
            Type::LD => {
                self.e(Inst::MovRM {
                    size: Size::S64,
                    dst,
                    src: Amode::bd(base, 8),
                });
                self.e(Inst::AluRI {
                    op: AluOp::Add,
                    size: Size::S64,
                    dst,
                    imm: 15,
                });
                self.e(Inst::AluRI {
                    op: AluOp::And,
                    size: Size::S64,
                    dst,
                    imm: -16,
                });
                self.e(Inst::Lea {
                    dst: RAX,
                    src: Amode::bd(dst, 16),
                });
                self.e(Inst::MovMR {
                    size: Size::S64,
                    dst: Amode::bd(base, 8),
                    src: RAX,
                });
            }
            _ => {
                let fp = matches!(ty, Type::F | Type::D);
                let (off, limit, step) = if fp { (4, 160, 16) } else { (0, 40, 8) };
                let (stack, done) = (self.new_label(), self.new_label());
                self.e(Inst::MovRM {
                    size: Size::S32,
                    dst: RAX,
                    src: Amode::bd(base, off),
                });
                self.e(Inst::AluRI {
                    op: AluOp::Cmp,
                    size: Size::S32,
                    dst: RAX,
                    imm: limit,
                });
                self.e(Inst::Jcc {
                    cond: Cond::A,
                    target: stack,
                });
                self.e(Inst::MovRM {
                    size: Size::S64,
                    dst,
                    src: Amode::bd(base, 16),
                });
                self.e(Inst::AluRR {
                    op: AluOp::Add,
                    size: Size::S64,
                    dst,
                    src: RAX,
                });
                self.e(Inst::AluRI {
                    op: AluOp::Add,
                    size: Size::S32,
                    dst: RAX,
                    imm: step,
                });
                self.e(Inst::MovMR {
                    size: Size::S32,
                    dst: Amode::bd(base, off),
                    src: RAX,
                });
                self.e(Inst::Jmp { target: done });
                self.bind(stack);
                self.e(Inst::MovRM {
                    size: Size::S64,
                    dst,
                    src: Amode::bd(base, 8),
                });
                self.e(Inst::Lea {
                    dst: RAX,
                    src: Amode::bd(dst, 8),
                });
                self.e(Inst::MovMR {
                    size: Size::S64,
                    dst: Amode::bd(base, 8),
                    src: RAX,
                });
                self.bind(done);
            }
        }
        if gpr(self, d) == Some(dst) {
            return Ok(());
        }
        self.int_store(d, dst)
    }

    /// The whole function body.
    pub fn lower_body(&mut self) -> R<()> {
        let n = self.f.num_insns();
        let mut i = 0;
        if self.fast_label < n {
            // The early exit, on its own locations, then its label (which
            // the prologue follows).
            self.fast_phase = true;
            while i < self.fast_label {
                i += self.lower_insn(i)?;
            }
            self.fast_phase = false;
            self.locs = self.body_locs;
            if i != self.fast_label {
                return Err(CodegenError::BadIr(
                    "early exit fused past its label".into(),
                ));
            }
            i += self.lower_insn(i)?;
            self.pro_at = self.out.len();
        }
        while i < n {
            if self.pin_active.is_none() {
                if let Some(r) = self.pins.iter().position(|p| p.body == i) {
                    self.pin_enter(r);
                }
            }
            i += self.lower_insn(i)?;
            if let Some(r) = self.pin_active {
                if i >= self.pins[r].end {
                    self.pin_leave(r);
                }
            }
        }
        if let Some(r) = self.pin_active {
            self.pin_leave(r);
        }
        // Falling off the end is undefined (spec §2.11): trap.
        let falls = self
            .f
            .insns()
            .rev()
            .find(|x| x.op.family() != Family::Label)
            .is_none_or(|x| !x.op.family().is_terminator());
        if falls {
            self.e(Inst::Ud2);
        }
        for (s, target, r) in std::mem::take(&mut self.pin_pending) {
            self.bind(s);
            self.pin_exit(r);
            self.e(Inst::Jmp { target });
        }
        self.finish_trap();
        Ok(())
    }

    /// Text of the selected instructions (for dumps).
    pub fn text(insts: &[MInst]) -> String {
        let mut s = String::new();
        for mi in insts {
            match mi {
                MInst::I(i) => {
                    let _ = writeln!(s, "    {i}");
                }
                MInst::Bind(l) => {
                    let _ = writeln!(s, "{l}:");
                }
            }
        }
        s
    }
}

pub(crate) fn negate_icond(c: ICond) -> ICond {
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
