//! The instruction forms the backend emits, one enum variant per encoding
//! form, and the opcode tables of the op families (one line per
//! instruction).
//!
//! A form fixes the operand *kinds* (register, memory, immediate) and so one
//! encoding; an op family (`AluOp`, `SseOp`, …) fixes the opcode bytes
//! within a form. `Display` prints Intel syntax for dumps.

use super::regs::{Cond, Gpr, Label, Size, Xmm};
use std::fmt;

/// A memory operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Amode {
    /// `[base + index*scale + disp]`; `scale` ∈ {1, 2, 4, 8}; `index` may
    /// not be `rsp`. With neither base nor index this is the absolute
    /// address `disp`.
    Mem {
        base: Option<Gpr>,
        index: Option<(Gpr, u8)>,
        disp: i32,
    },
    /// `[rip + label + addend]`: resolved when the code is finished.
    Label(Label, i32),
    /// `[rip + disp32]` reaching the absolute address `target`: a
    /// relocation the runtime patches when it places the code (the target
    /// must be within ±2 GiB of the code, e.g. a function-table slot).
    Abs(u64),
}

impl Amode {
    /// `[base + disp]`.
    pub fn bd(base: Gpr, disp: i32) -> Amode {
        Amode::Mem {
            base: Some(base),
            index: None,
            disp,
        }
    }
    /// `[base + index*scale + disp]`.
    pub fn bisd(base: Gpr, index: Gpr, scale: u8, disp: i32) -> Amode {
        Amode::Mem {
            base: Some(base),
            index: Some((index, scale)),
            disp,
        }
    }
    /// The same operand `delta` bytes further.
    pub fn offset(self, delta: i32) -> Amode {
        match self {
            Amode::Mem { base, index, disp } => Amode::Mem {
                base,
                index,
                disp: disp.wrapping_add(delta),
            },
            Amode::Label(l, a) => Amode::Label(l, a.wrapping_add(delta)),
            Amode::Abs(t) => Amode::Abs(t.wrapping_add(delta as i64 as u64)),
        }
    }
    /// Whether the operand reads register `r` to form its address.
    pub fn uses(&self, r: Gpr) -> bool {
        match *self {
            Amode::Mem { base, index, .. } => base == Some(r) || index.is_some_and(|(i, _)| i == r),
            _ => false,
        }
    }
}

impl fmt::Display for Amode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Amode::Mem { base, index, disp } => {
                f.write_str("[")?;
                let mut first = true;
                if let Some(b) = base {
                    write!(f, "{b}")?;
                    first = false;
                }
                if let Some((i, s)) = index {
                    if !first {
                        f.write_str("+")?;
                    }
                    write!(f, "{i}*{s}")?;
                    first = false;
                }
                if first {
                    write!(f, "{:#x}", disp as u32)?;
                } else if disp < 0 {
                    write!(f, "-{:#x}", (disp as i64).unsigned_abs())?;
                } else if disp > 0 {
                    write!(f, "+{disp:#x}")?;
                }
                f.write_str("]")
            }
            Amode::Label(l, a) if a != 0 => write!(f, "[rip+{l}{a:+}]"),
            Amode::Label(l, _) => write!(f, "[rip+{l}]"),
            Amode::Abs(t) => write!(f, "[rip->{t:#x}]"),
        }
    }
}

/// The eight classic ALU operations: `op r/m, r` is `mr`, `op r, r/m` is
/// `rm`, `83 /digit ib` and `81 /digit id` are the immediate forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum AluOp {
    Add = 0,
    Or = 1,
    Adc = 2,
    Sbb = 3,
    And = 4,
    Sub = 5,
    Xor = 6,
    Cmp = 7,
}

/// `(op, mnemonic, /digit, mr opcode, rm opcode)`.
pub(crate) const ALU: [(AluOp, &str, u8, u8, u8); 8] = [
    (AluOp::Add, "add", 0, 0x01, 0x03),
    (AluOp::Or, "or", 1, 0x09, 0x0B),
    (AluOp::Adc, "adc", 2, 0x11, 0x13),
    (AluOp::Sbb, "sbb", 3, 0x19, 0x1B),
    (AluOp::And, "and", 4, 0x21, 0x23),
    (AluOp::Sub, "sub", 5, 0x29, 0x2B),
    (AluOp::Xor, "xor", 6, 0x31, 0x33),
    (AluOp::Cmp, "cmp", 7, 0x39, 0x3B),
];

/// Group-3 unary operations (`F7 /digit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum UnOp {
    Not = 2,
    Neg = 3,
    /// `rdx:rax = rax * src` (unsigned).
    Mul = 4,
    /// `rdx:rax = rax * src` (signed, one-operand form).
    Imul = 5,
    Div = 6,
    Idiv = 7,
}

/// `(op, mnemonic)`; the `/digit` is the discriminant.
pub(crate) const UNARY: [(UnOp, &str); 6] = [
    (UnOp::Not, "not"),
    (UnOp::Neg, "neg"),
    (UnOp::Mul, "mul"),
    (UnOp::Imul, "imul"),
    (UnOp::Div, "div"),
    (UnOp::Idiv, "idiv"),
];

/// Group-2 shifts (`D3 /digit` by `cl`, `C1 /digit ib` by an immediate).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ShiftOp {
    Rol = 0,
    Ror = 1,
    Shl = 4,
    Shr = 5,
    Sar = 7,
}

/// `(op, mnemonic)`; the `/digit` is the discriminant.
pub(crate) const SHIFT: [(ShiftOp, &str); 5] = [
    (ShiftOp::Rol, "rol"),
    (ShiftOp::Ror, "ror"),
    (ShiftOp::Shl, "shl"),
    (ShiftOp::Shr, "shr"),
    (ShiftOp::Sar, "sar"),
];

/// Scalar SSE operations of the shape `[prefix] 0F op xmm, xmm/m`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SseOp {
    Addss,
    Addsd,
    Subss,
    Subsd,
    Mulss,
    Mulsd,
    Divss,
    Divsd,
    Sqrtss,
    Sqrtsd,
    Ucomiss,
    Ucomisd,
    Cvtss2sd,
    Cvtsd2ss,
    Xorps,
    Andps,
    Movaps,
}

/// `(op, mnemonic, mandatory prefix (0 = none), opcode after 0F)`.
pub(crate) const SSE: [(SseOp, &str, u8, u8); 17] = [
    (SseOp::Addss, "addss", 0xF3, 0x58),
    (SseOp::Addsd, "addsd", 0xF2, 0x58),
    (SseOp::Subss, "subss", 0xF3, 0x5C),
    (SseOp::Subsd, "subsd", 0xF2, 0x5C),
    (SseOp::Mulss, "mulss", 0xF3, 0x59),
    (SseOp::Mulsd, "mulsd", 0xF2, 0x59),
    (SseOp::Divss, "divss", 0xF3, 0x5E),
    (SseOp::Divsd, "divsd", 0xF2, 0x5E),
    (SseOp::Sqrtss, "sqrtss", 0xF3, 0x51),
    (SseOp::Sqrtsd, "sqrtsd", 0xF2, 0x51),
    (SseOp::Ucomiss, "ucomiss", 0x00, 0x2E),
    (SseOp::Ucomisd, "ucomisd", 0x66, 0x2E),
    (SseOp::Cvtss2sd, "cvtss2sd", 0xF3, 0x5A),
    (SseOp::Cvtsd2ss, "cvtsd2ss", 0xF2, 0x5A),
    (SseOp::Xorps, "xorps", 0x00, 0x57),
    (SseOp::Andps, "andps", 0x00, 0x54),
    (SseOp::Movaps, "movaps", 0x00, 0x28),
];

/// Width of an SSE scalar or x87 memory operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FpSize {
    /// binary32.
    F32,
    /// binary64.
    F64,
    /// x87 extended (10 bytes).
    F80,
}

/// x87 arithmetic that pops: `op st(1), st(0)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum X87Op {
    /// `st1 = st1 + st0`, pop.
    Faddp,
    /// `st1 = st1 - st0`, pop.
    Fsubp,
    /// `st1 = st0 - st1`, pop.
    Fsubrp,
    /// `st1 = st1 * st0`, pop.
    Fmulp,
    /// `st1 = st1 / st0`, pop.
    Fdivp,
    /// `st1 = st0 / st1`, pop.
    Fdivrp,
}

/// `(op, mnemonic, second byte after DE for st(1))`.
pub(crate) const X87: [(X87Op, &str, u8); 6] = [
    (X87Op::Faddp, "faddp", 0xC1),
    (X87Op::Fsubp, "fsubp", 0xE9),
    (X87Op::Fsubrp, "fsubrp", 0xE1),
    (X87Op::Fmulp, "fmulp", 0xC9),
    (X87Op::Fdivp, "fdivp", 0xF9),
    (X87Op::Fdivrp, "fdivrp", 0xF1),
];

/// One machine instruction in one encoding form.
///
/// Integer `size`s: ALU, test, cmov, imul, shifts and group-3 forms take
/// `S32` or `S64` (32-bit forms zero the upper half of a register
/// destination); stores (`MovMR`, `MovMI`) take all four sizes; loads of 8
/// and 16 bits are `Movzx*`/`Movsx*`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Inst {
    // ---- moves ------------------------------------------------------
    /// `mov r, r` (89 /r).
    MovRR {
        size: Size,
        dst: Gpr,
        src: Gpr,
    },
    /// `mov r, m` (8B /r).
    MovRM {
        size: Size,
        dst: Gpr,
        src: Amode,
    },
    /// `mov m, r` (88 /r, [66] 89 /r).
    MovMR {
        size: Size,
        dst: Amode,
        src: Gpr,
    },
    /// `mov r32, imm32` (B8+r id), zero-extending into the 64-bit register.
    MovRI32 {
        dst: Gpr,
        imm: u32,
    },
    /// `mov r64, simm32` (REX.W C7 /0 id), sign-extending.
    MovRI64 {
        dst: Gpr,
        imm: i32,
    },
    /// `movabs r64, imm64` (REX.W B8+r io).
    MovAbs {
        dst: Gpr,
        imm: u64,
    },
    /// `mov m, imm` (C6 /0 ib, [66] C7 /0 iw/id; 64-bit sign-extends).
    MovMI {
        size: Size,
        dst: Amode,
        imm: i32,
    },
    /// `movzx r32, r8/r16` (0F B6/B7); zero-extends to 64 bits.
    MovzxRR {
        from: Size,
        dst: Gpr,
        src: Gpr,
    },
    /// `movzx r32, m8/m16`.
    MovzxRM {
        from: Size,
        dst: Gpr,
        src: Amode,
    },
    /// `movsx r64, r8/r16` (REX.W 0F BE/BF), `movsxd r64, r32` (REX.W 63).
    MovsxRR {
        from: Size,
        dst: Gpr,
        src: Gpr,
    },
    /// `movsx r64, m8/m16`, `movsxd r64, m32`.
    MovsxRM {
        from: Size,
        dst: Gpr,
        src: Amode,
    },
    /// `lea r64, m` (REX.W 8D /r).
    Lea {
        dst: Gpr,
        src: Amode,
    },

    // ---- integer arithmetic -----------------------------------------
    /// `op r, r` (mr form).
    AluRR {
        op: AluOp,
        size: Size,
        dst: Gpr,
        src: Gpr,
    },
    /// `op r, m` (rm form).
    AluRM {
        op: AluOp,
        size: Size,
        dst: Gpr,
        src: Amode,
    },
    /// `op m, r` (mr form).
    AluMR {
        op: AluOp,
        size: Size,
        dst: Amode,
        src: Gpr,
    },
    /// `op r, imm` (83 /d ib or 81 /d id).
    AluRI {
        op: AluOp,
        size: Size,
        dst: Gpr,
        imm: i32,
    },
    /// `op m, imm` (83 /d ib or 81 /d id).
    AluMI {
        op: AluOp,
        size: Size,
        dst: Amode,
        imm: i32,
    },
    /// `imul r, r` (0F AF).
    ImulRR {
        size: Size,
        dst: Gpr,
        src: Gpr,
    },
    /// `imul r, m` (0F AF).
    ImulRM {
        size: Size,
        dst: Gpr,
        src: Amode,
    },
    /// `imul r, r, imm` (6B ib or 69 id).
    ImulRRI {
        size: Size,
        dst: Gpr,
        src: Gpr,
        imm: i32,
    },
    /// Group 3 on a register (F7 /digit).
    UnaryR {
        op: UnOp,
        size: Size,
        src: Gpr,
    },
    /// Group 3 on memory (F7 /digit).
    UnaryM {
        op: UnOp,
        size: Size,
        src: Amode,
    },
    /// `cqo`: sign-extend rax into rdx.
    Cqo,
    /// `cdq`: sign-extend eax into edx.
    Cdq,
    /// `shift r, cl` (D3 /digit).
    ShiftCl {
        op: ShiftOp,
        size: Size,
        dst: Gpr,
    },
    /// `shift r, imm8` (C1 /digit ib).
    ShiftRI {
        op: ShiftOp,
        size: Size,
        dst: Gpr,
        imm: u8,
    },
    /// `test r, r` (85 /r).
    TestRR {
        size: Size,
        a: Gpr,
        b: Gpr,
    },
    /// `test r, imm32` (F7 /0 id).
    TestRI {
        size: Size,
        a: Gpr,
        imm: i32,
    },
    /// `setcc r8` (0F 90+cc).
    Setcc {
        cond: Cond,
        dst: Gpr,
    },
    /// `cmovcc r, r` (0F 40+cc).
    CmovRR {
        cond: Cond,
        size: Size,
        dst: Gpr,
        src: Gpr,
    },
    /// `cmovcc r, m`.
    CmovRM {
        cond: Cond,
        size: Size,
        dst: Gpr,
        src: Amode,
    },

    // ---- control ----------------------------------------------------
    /// `jcc label` (70+cc rel8 or 0F 80+cc rel32, chosen by [`super::Asm`]).
    Jcc {
        cond: Cond,
        target: Label,
    },
    /// `jmp label` (EB rel8 or E9 rel32).
    Jmp {
        target: Label,
    },
    /// `jmp r` (FF /4).
    JmpR {
        src: Gpr,
    },
    /// `jmp m` (FF /4).
    JmpM {
        src: Amode,
    },
    /// `call rel32` to an absolute address (E8, relocated at placement).
    CallRel {
        target: u64,
    },
    /// `call r` (FF /2).
    CallR {
        src: Gpr,
    },
    /// `call m` (FF /2), e.g. `call [rip+slot]`.
    CallM {
        src: Amode,
    },
    Ret,
    Push {
        src: Gpr,
    },
    Pop {
        dst: Gpr,
    },
    Ud2,
    /// `rep movsb` (F3 A4).
    RepMovsb,

    // ---- SSE --------------------------------------------------------
    /// `op x, x`.
    SseRR {
        op: SseOp,
        dst: Xmm,
        src: Xmm,
    },
    /// `op x, m`.
    SseRM {
        op: SseOp,
        dst: Xmm,
        src: Amode,
    },
    /// `movss`/`movsd x, m` (F3/F2 0F 10): loads, zeroing the rest.
    MovsLoad {
        size: FpSize,
        dst: Xmm,
        src: Amode,
    },
    /// `movss`/`movsd m, x` (F3/F2 0F 11).
    MovsStore {
        size: FpSize,
        dst: Amode,
        src: Xmm,
    },
    /// `movd x, r32` / `movq x, r64` (66 [REX.W] 0F 6E).
    MovToXmm {
        size: Size,
        dst: Xmm,
        src: Gpr,
    },
    /// `movd r32, x` / `movq r64, x` (66 [REX.W] 0F 7E).
    MovFromXmm {
        size: Size,
        dst: Gpr,
        src: Xmm,
    },
    /// `cvtsi2ss`/`cvtsi2sd x, r32/r64` (F3/F2 [REX.W] 0F 2A).
    CvtSi2FpRR {
        to: FpSize,
        size: Size,
        dst: Xmm,
        src: Gpr,
    },
    /// `cvtsi2ss`/`cvtsi2sd x, m32/m64`.
    CvtSi2FpRM {
        to: FpSize,
        size: Size,
        dst: Xmm,
        src: Amode,
    },
    /// `cvttss2si`/`cvttsd2si r32/r64, x` (F3/F2 [REX.W] 0F 2C).
    CvttFp2SiRR {
        from: FpSize,
        size: Size,
        dst: Gpr,
        src: Xmm,
    },
    /// `cvttss2si`/`cvttsd2si r, m`.
    CvttFp2SiRM {
        from: FpSize,
        size: Size,
        dst: Gpr,
        src: Amode,
    },

    // ---- x87 --------------------------------------------------------
    /// `fld m32/m64/m80` (D9 /0, DD /0, DB /5).
    Fld {
        size: FpSize,
        src: Amode,
    },
    /// `fstp m32/m64/m80` (D9 /3, DD /3, DB /7).
    Fstp {
        size: FpSize,
        dst: Amode,
    },
    /// `fild m64` (DF /5).
    Fild {
        src: Amode,
    },
    /// `fistp m64` (DF /7).
    Fistp {
        dst: Amode,
    },
    /// `fisttp m64` (DD /1): store truncated, pop.
    Fisttp {
        dst: Amode,
    },
    /// `fadd m32` (D8 /0).
    FaddM32 {
        src: Amode,
    },
    /// `op st(1), st` and pop (DE xx).
    X87Pop {
        op: X87Op,
    },
    /// `fchs` (D9 E0).
    Fchs,
    /// `fxch st(i)` (D9 C8+i).
    Fxch {
        i: u8,
    },
    /// `fucomip st, st(i)` (DF E8+i).
    Fucomip {
        i: u8,
    },
    /// `fstp st(i)` (DD D8+i); `fstp st(0)` pops.
    FstpSt {
        i: u8,
    },
    /// `fld st(i)` (D9 C0+i).
    FldSt {
        i: u8,
    },
    /// `fst st(i)` (DD D0+i): copies st0, no pop.
    FstSt {
        i: u8,
    },
    /// `op st(i), st` and pop (DE xx): `st(i) = st(i) op st0` for
    /// `Faddp`/`Fsubp`/`Fmulp`/`Fdivp`, `st(i) = st0 op st(i)` for
    /// `Fsubrp`/`Fdivrp` (`X87Pop` is the `i = 1` case).
    X87PopSt {
        op: X87Op,
        i: u8,
    },
    /// `op st, st(i)` without pop (D8 xx): `st0 = st0 op st(i)` for
    /// `Faddp`/`Fsubp`/`Fmulp`/`Fdivp`, `st0 = st(i) op st0` for the
    /// reversed `Fsubrp`/`Fdivrp` (`fadd`, `fsub`, `fsubr`, …).
    X87St {
        op: X87Op,
        i: u8,
    },
}

pub(crate) fn alu_info(op: AluOp) -> (&'static str, u8, u8, u8) {
    let (_, n, d, mr, rm) = ALU[op as usize];
    (n, d, mr, rm)
}

pub(crate) fn unary_name(op: UnOp) -> &'static str {
    UNARY[op as usize - 2].1
}

pub(crate) fn shift_name(op: ShiftOp) -> &'static str {
    SHIFT.iter().find(|s| s.0 == op).map_or("?", |s| s.1)
}

pub(crate) fn sse_info(op: SseOp) -> (&'static str, u8, u8) {
    let (_, n, p, o) = SSE[op as usize];
    (n, p, o)
}

/// Mnemonic and second byte (after D8, for st(0)) of the non-popping
/// `op st, st(i)` form.
pub(crate) fn x87_st_info(op: X87Op) -> (&'static str, u8) {
    match op {
        X87Op::Faddp => ("fadd", 0xC0),
        X87Op::Fmulp => ("fmul", 0xC8),
        X87Op::Fsubp => ("fsub", 0xE0),
        X87Op::Fsubrp => ("fsubr", 0xE8),
        X87Op::Fdivp => ("fdiv", 0xF0),
        X87Op::Fdivrp => ("fdivr", 0xF8),
    }
}

pub(crate) fn x87_info(op: X87Op) -> (&'static str, u8) {
    let (_, n, b) = X87[op as usize];
    (n, b)
}

fn fp_ptr(size: FpSize) -> &'static str {
    match size {
        FpSize::F32 => "dword",
        FpSize::F64 => "qword",
        FpSize::F80 => "tbyte",
    }
}

impl fmt::Display for Inst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Inst::*;
        let r = |g: Gpr, s: Size| g.name(s);
        match *self {
            MovRR { size, dst, src } => write!(f, "mov {}, {}", r(dst, size), r(src, size)),
            MovRM { size, dst, src } => write!(f, "mov {}, {src}", r(dst, size)),
            MovMR { size, dst, src } => {
                write!(f, "mov {} ptr {dst}, {}", size.ptr_name(), r(src, size))
            }
            MovRI32 { dst, imm } => write!(f, "mov {}, {imm:#x}", r(dst, Size::S32)),
            MovRI64 { dst, imm } => write!(f, "mov {dst}, {imm}"),
            MovAbs { dst, imm } => write!(f, "movabs {dst}, {imm:#x}"),
            MovMI { size, dst, imm } => write!(f, "mov {} ptr {dst}, {imm}", size.ptr_name()),
            MovzxRR { from, dst, src } => {
                write!(f, "movzx {}, {}", r(dst, Size::S32), r(src, from))
            }
            MovzxRM { from, dst, src } => {
                write!(
                    f,
                    "movzx {}, {} ptr {src}",
                    r(dst, Size::S32),
                    from.ptr_name()
                )
            }
            MovsxRR { from, dst, src } => {
                let m = if from == Size::S32 { "movsxd" } else { "movsx" };
                write!(f, "{m} {dst}, {}", r(src, from))
            }
            MovsxRM { from, dst, src } => {
                let m = if from == Size::S32 { "movsxd" } else { "movsx" };
                write!(f, "{m} {dst}, {} ptr {src}", from.ptr_name())
            }
            Lea { dst, src } => write!(f, "lea {dst}, {src}"),
            AluRR { op, size, dst, src } => {
                write!(f, "{} {}, {}", alu_info(op).0, r(dst, size), r(src, size))
            }
            AluRM { op, size, dst, src } => {
                write!(f, "{} {}, {src}", alu_info(op).0, r(dst, size))
            }
            AluMR { op, size, dst, src } => write!(
                f,
                "{} {} ptr {dst}, {}",
                alu_info(op).0,
                size.ptr_name(),
                r(src, size)
            ),
            AluRI { op, size, dst, imm } => {
                write!(f, "{} {}, {imm}", alu_info(op).0, r(dst, size))
            }
            AluMI { op, size, dst, imm } => {
                write!(f, "{} {} ptr {dst}, {imm}", alu_info(op).0, size.ptr_name())
            }
            ImulRR { size, dst, src } => write!(f, "imul {}, {}", r(dst, size), r(src, size)),
            ImulRM { size, dst, src } => write!(f, "imul {}, {src}", r(dst, size)),
            ImulRRI {
                size,
                dst,
                src,
                imm,
            } => write!(f, "imul {}, {}, {imm}", r(dst, size), r(src, size)),
            UnaryR { op, size, src } => write!(f, "{} {}", unary_name(op), r(src, size)),
            UnaryM { op, size, src } => {
                write!(f, "{} {} ptr {src}", unary_name(op), size.ptr_name())
            }
            Cqo => f.write_str("cqo"),
            Cdq => f.write_str("cdq"),
            ShiftCl { op, size, dst } => write!(f, "{} {}, cl", shift_name(op), r(dst, size)),
            ShiftRI { op, size, dst, imm } => {
                write!(f, "{} {}, {imm}", shift_name(op), r(dst, size))
            }
            TestRR { size, a, b } => write!(f, "test {}, {}", r(a, size), r(b, size)),
            TestRI { size, a, imm } => write!(f, "test {}, {imm}", r(a, size)),
            Setcc { cond, dst } => write!(f, "set{} {}", cond.suffix(), r(dst, Size::S8)),
            CmovRR {
                cond,
                size,
                dst,
                src,
            } => write!(
                f,
                "cmov{} {}, {}",
                cond.suffix(),
                r(dst, size),
                r(src, size)
            ),
            CmovRM {
                cond,
                size,
                dst,
                src,
            } => write!(f, "cmov{} {}, {src}", cond.suffix(), r(dst, size)),
            Jcc { cond, target } => write!(f, "j{} {target}", cond.suffix()),
            Jmp { target } => write!(f, "jmp {target}"),
            JmpR { src } => write!(f, "jmp {src}"),
            JmpM { src } => write!(f, "jmp qword ptr {src}"),
            CallRel { target } => write!(f, "call {target:#x}"),
            CallR { src } => write!(f, "call {src}"),
            CallM { src } => write!(f, "call qword ptr {src}"),
            Ret => f.write_str("ret"),
            Push { src } => write!(f, "push {src}"),
            Pop { dst } => write!(f, "pop {dst}"),
            Ud2 => f.write_str("ud2"),
            RepMovsb => f.write_str("rep movsb"),
            SseRR { op, dst, src } => write!(f, "{} {dst}, {src}", sse_info(op).0),
            SseRM { op, dst, src } => write!(f, "{} {dst}, {src}", sse_info(op).0),
            MovsLoad { size, dst, src } => {
                let m = if size == FpSize::F32 {
                    "movss"
                } else {
                    "movsd"
                };
                write!(f, "{m} {dst}, {src}")
            }
            MovsStore { size, dst, src } => {
                let m = if size == FpSize::F32 {
                    "movss"
                } else {
                    "movsd"
                };
                write!(f, "{m} {dst}, {src}")
            }
            MovToXmm { size, dst, src } => {
                let m = if size == Size::S64 { "movq" } else { "movd" };
                write!(f, "{m} {dst}, {}", r(src, size))
            }
            MovFromXmm { size, dst, src } => {
                let m = if size == Size::S64 { "movq" } else { "movd" };
                write!(f, "{m} {}, {src}", r(dst, size))
            }
            CvtSi2FpRR { to, size, dst, src } => {
                let m = if to == FpSize::F32 {
                    "cvtsi2ss"
                } else {
                    "cvtsi2sd"
                };
                write!(f, "{m} {dst}, {}", r(src, size))
            }
            CvtSi2FpRM { to, size, dst, src } => {
                let m = if to == FpSize::F32 {
                    "cvtsi2ss"
                } else {
                    "cvtsi2sd"
                };
                write!(f, "{m} {dst}, {} ptr {src}", size.ptr_name())
            }
            CvttFp2SiRR {
                from,
                size,
                dst,
                src,
            } => {
                let m = if from == FpSize::F32 {
                    "cvttss2si"
                } else {
                    "cvttsd2si"
                };
                write!(f, "{m} {}, {src}", r(dst, size))
            }
            CvttFp2SiRM {
                from,
                size,
                dst,
                src,
            } => {
                let m = if from == FpSize::F32 {
                    "cvttss2si"
                } else {
                    "cvttsd2si"
                };
                write!(f, "{m} {}, {src}", r(dst, size))
            }
            Fld { size, src } => write!(f, "fld {} ptr {src}", fp_ptr(size)),
            Fstp { size, dst } => write!(f, "fstp {} ptr {dst}", fp_ptr(size)),
            Fild { src } => write!(f, "fild qword ptr {src}"),
            Fistp { dst } => write!(f, "fistp qword ptr {dst}"),
            Fisttp { dst } => write!(f, "fisttp qword ptr {dst}"),
            FaddM32 { src } => write!(f, "fadd dword ptr {src}"),
            X87Pop { op } => write!(f, "{} st(1), st", x87_info(op).0),
            Fchs => f.write_str("fchs"),
            Fxch { i } => write!(f, "fxch st({i})"),
            Fucomip { i } => write!(f, "fucomip st, st({i})"),
            FstpSt { i } => write!(f, "fstp st({i})"),
            FldSt { i } => write!(f, "fld st({i})"),
            FstSt { i } => write!(f, "fst st({i})"),
            X87PopSt { op, i } => write!(f, "{} st({i}), st", x87_info(op).0),
            X87St { op, i } => write!(f, "{} st, st({i})", x87_st_info(op).0),
        }
    }
}
