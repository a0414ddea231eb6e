//! Every instruction form of `mirage_target::x64::Inst` decodes back, with
//! the independent iced-x86 decoder, to the mnemonic and operands that were
//! meant: for every register (r8–r15, xmm8–15, the 8-bit registers that
//! need a REX prefix), every addressing special case (rsp/r12 bases need a
//! SIB byte, rbp/r13 bases need a displacement, no base, no index,
//! rip-relative to labels and to relocated absolute targets) and every
//! displacement class (0, 8-bit, 32-bit), plus a randomized round trip over
//! many operand combinations with a fixed seed.

use iced_x86::{Decoder, DecoderOptions, Instruction, Mnemonic, OpKind, Register};
use mirage_target::x64::{
    AluOp, Amode, Asm, Cond, FpSize, Gpr, Inst, ShiftOp, Size, SseOp, UnOp, X87Op, Xmm,
};

/// Where relocated code is placed for decoding.
const CODE_AT: u64 = 0x7000_0000;

const R64: [Register; 16] = [
    Register::RAX,
    Register::RCX,
    Register::RDX,
    Register::RBX,
    Register::RSP,
    Register::RBP,
    Register::RSI,
    Register::RDI,
    Register::R8,
    Register::R9,
    Register::R10,
    Register::R11,
    Register::R12,
    Register::R13,
    Register::R14,
    Register::R15,
];
const R32: [Register; 16] = [
    Register::EAX,
    Register::ECX,
    Register::EDX,
    Register::EBX,
    Register::ESP,
    Register::EBP,
    Register::ESI,
    Register::EDI,
    Register::R8D,
    Register::R9D,
    Register::R10D,
    Register::R11D,
    Register::R12D,
    Register::R13D,
    Register::R14D,
    Register::R15D,
];
const R16: [Register; 16] = [
    Register::AX,
    Register::CX,
    Register::DX,
    Register::BX,
    Register::SP,
    Register::BP,
    Register::SI,
    Register::DI,
    Register::R8W,
    Register::R9W,
    Register::R10W,
    Register::R11W,
    Register::R12W,
    Register::R13W,
    Register::R14W,
    Register::R15W,
];
const R8: [Register; 16] = [
    Register::AL,
    Register::CL,
    Register::DL,
    Register::BL,
    Register::SPL,
    Register::BPL,
    Register::SIL,
    Register::DIL,
    Register::R8L,
    Register::R9L,
    Register::R10L,
    Register::R11L,
    Register::R12L,
    Register::R13L,
    Register::R14L,
    Register::R15L,
];
const XMMS: [Register; 16] = [
    Register::XMM0,
    Register::XMM1,
    Register::XMM2,
    Register::XMM3,
    Register::XMM4,
    Register::XMM5,
    Register::XMM6,
    Register::XMM7,
    Register::XMM8,
    Register::XMM9,
    Register::XMM10,
    Register::XMM11,
    Register::XMM12,
    Register::XMM13,
    Register::XMM14,
    Register::XMM15,
];
const ST: [Register; 8] = [
    Register::ST0,
    Register::ST1,
    Register::ST2,
    Register::ST3,
    Register::ST4,
    Register::ST5,
    Register::ST6,
    Register::ST7,
];

fn reg(g: Gpr, s: Size) -> Register {
    let i = g.index() as usize;
    match s {
        Size::S64 => R64[i],
        Size::S32 => R32[i],
        Size::S16 => R16[i],
        Size::S8 => R8[i],
    }
}

fn xmm(x: Xmm) -> Register {
    XMMS[x.index() as usize]
}

/// An expected operand.
#[derive(Clone, Debug, PartialEq)]
enum Op {
    R(Register),
    /// base, index, scale, absolute displacement, memory size in bytes.
    M(Register, Register, u32, u64, usize),
    /// Immediate value and its width in bits (compared modulo the width).
    Imm(u64, u32),
    /// Branch target (absolute).
    Br(u64),
}

fn mem(a: &Amode, size: usize) -> Op {
    match *a {
        Amode::Mem { base, index, disp } => Op::M(
            base.map_or(Register::None, |b| R64[b.index() as usize]),
            index.map_or(Register::None, |(i, _)| R64[i.index() as usize]),
            index.map_or(1, |(_, s)| s as u32),
            disp as i64 as u64,
            size,
        ),
        // Labels are bound at offset 0 by `check`, so the target is the addend.
        Amode::Label(_, addend) => {
            Op::M(Register::RIP, Register::None, 1, addend as i64 as u64, size)
        }
        Amode::Abs(t) => Op::M(Register::RIP, Register::None, 1, t, size),
    }
}

fn bits(s: Size) -> u32 {
    s.bytes() * 8
}

fn alu_mn(op: AluOp) -> Mnemonic {
    match op {
        AluOp::Add => Mnemonic::Add,
        AluOp::Or => Mnemonic::Or,
        AluOp::Adc => Mnemonic::Adc,
        AluOp::Sbb => Mnemonic::Sbb,
        AluOp::And => Mnemonic::And,
        AluOp::Sub => Mnemonic::Sub,
        AluOp::Xor => Mnemonic::Xor,
        AluOp::Cmp => Mnemonic::Cmp,
    }
}

fn un_mn(op: UnOp) -> Mnemonic {
    match op {
        UnOp::Not => Mnemonic::Not,
        UnOp::Neg => Mnemonic::Neg,
        UnOp::Mul => Mnemonic::Mul,
        UnOp::Imul => Mnemonic::Imul,
        UnOp::Div => Mnemonic::Div,
        UnOp::Idiv => Mnemonic::Idiv,
    }
}

fn shift_mn(op: ShiftOp) -> Mnemonic {
    match op {
        ShiftOp::Rol => Mnemonic::Rol,
        ShiftOp::Ror => Mnemonic::Ror,
        ShiftOp::Shl => Mnemonic::Shl,
        ShiftOp::Shr => Mnemonic::Shr,
        ShiftOp::Sar => Mnemonic::Sar,
    }
}

/// Mnemonic and memory-operand size of an SSE op.
fn sse_mn(op: SseOp) -> (Mnemonic, usize) {
    match op {
        SseOp::Addss => (Mnemonic::Addss, 4),
        SseOp::Addsd => (Mnemonic::Addsd, 8),
        SseOp::Subss => (Mnemonic::Subss, 4),
        SseOp::Subsd => (Mnemonic::Subsd, 8),
        SseOp::Mulss => (Mnemonic::Mulss, 4),
        SseOp::Mulsd => (Mnemonic::Mulsd, 8),
        SseOp::Divss => (Mnemonic::Divss, 4),
        SseOp::Divsd => (Mnemonic::Divsd, 8),
        SseOp::Sqrtss => (Mnemonic::Sqrtss, 4),
        SseOp::Sqrtsd => (Mnemonic::Sqrtsd, 8),
        SseOp::Ucomiss => (Mnemonic::Ucomiss, 4),
        SseOp::Ucomisd => (Mnemonic::Ucomisd, 8),
        SseOp::Cvtss2sd => (Mnemonic::Cvtss2sd, 4),
        SseOp::Cvtsd2ss => (Mnemonic::Cvtsd2ss, 8),
        SseOp::Xorps => (Mnemonic::Xorps, 16),
        SseOp::Andps => (Mnemonic::Andps, 16),
        SseOp::Movaps => (Mnemonic::Movaps, 16),
    }
}

const JCC: [Mnemonic; 16] = [
    Mnemonic::Jo,
    Mnemonic::Jno,
    Mnemonic::Jb,
    Mnemonic::Jae,
    Mnemonic::Je,
    Mnemonic::Jne,
    Mnemonic::Jbe,
    Mnemonic::Ja,
    Mnemonic::Js,
    Mnemonic::Jns,
    Mnemonic::Jp,
    Mnemonic::Jnp,
    Mnemonic::Jl,
    Mnemonic::Jge,
    Mnemonic::Jle,
    Mnemonic::Jg,
];
const SETCC: [Mnemonic; 16] = [
    Mnemonic::Seto,
    Mnemonic::Setno,
    Mnemonic::Setb,
    Mnemonic::Setae,
    Mnemonic::Sete,
    Mnemonic::Setne,
    Mnemonic::Setbe,
    Mnemonic::Seta,
    Mnemonic::Sets,
    Mnemonic::Setns,
    Mnemonic::Setp,
    Mnemonic::Setnp,
    Mnemonic::Setl,
    Mnemonic::Setge,
    Mnemonic::Setle,
    Mnemonic::Setg,
];
const CMOV: [Mnemonic; 16] = [
    Mnemonic::Cmovo,
    Mnemonic::Cmovno,
    Mnemonic::Cmovb,
    Mnemonic::Cmovae,
    Mnemonic::Cmove,
    Mnemonic::Cmovne,
    Mnemonic::Cmovbe,
    Mnemonic::Cmova,
    Mnemonic::Cmovs,
    Mnemonic::Cmovns,
    Mnemonic::Cmovp,
    Mnemonic::Cmovnp,
    Mnemonic::Cmovl,
    Mnemonic::Cmovge,
    Mnemonic::Cmovle,
    Mnemonic::Cmovg,
];

fn fp_bytes(s: FpSize) -> usize {
    match s {
        FpSize::F32 => 4,
        FpSize::F64 => 8,
        FpSize::F80 => 10,
    }
}

/// The oracle: what `inst` must decode to. Branch forms are checked
/// separately (their targets depend on the surrounding code).
fn expect(inst: &Inst) -> (Mnemonic, Vec<Op>) {
    use Inst::*;
    use Op::*;
    let r = reg;
    match *inst {
        MovRR { size, dst, src } => (Mnemonic::Mov, vec![R(r(dst, size)), R(r(src, size))]),
        MovRM { size, dst, ref src } => (
            Mnemonic::Mov,
            vec![R(r(dst, size)), mem(src, size.bytes() as usize)],
        ),
        MovMR { size, ref dst, src } => (
            Mnemonic::Mov,
            vec![mem(dst, size.bytes() as usize), R(r(src, size))],
        ),
        MovRI32 { dst, imm } => (
            Mnemonic::Mov,
            vec![R(r(dst, Size::S32)), Imm(imm as u64, 32)],
        ),
        MovRI64 { dst, imm } => (
            Mnemonic::Mov,
            vec![R(r(dst, Size::S64)), Imm(imm as i64 as u64, 64)],
        ),
        MovAbs { dst, imm } => (Mnemonic::Mov, vec![R(r(dst, Size::S64)), Imm(imm, 64)]),
        MovMI { size, ref dst, imm } => (
            Mnemonic::Mov,
            vec![
                mem(dst, size.bytes() as usize),
                Imm(imm as i64 as u64, bits(size)),
            ],
        ),
        MovzxRR { from, dst, src } => {
            (Mnemonic::Movzx, vec![R(r(dst, Size::S32)), R(r(src, from))])
        }
        MovzxRM { from, dst, ref src } => (
            Mnemonic::Movzx,
            vec![R(r(dst, Size::S32)), mem(src, from.bytes() as usize)],
        ),
        MovsxRR { from, dst, src } => (
            if from == Size::S32 {
                Mnemonic::Movsxd
            } else {
                Mnemonic::Movsx
            },
            vec![R(r(dst, Size::S64)), R(r(src, from))],
        ),
        MovsxRM { from, dst, ref src } => (
            if from == Size::S32 {
                Mnemonic::Movsxd
            } else {
                Mnemonic::Movsx
            },
            vec![R(r(dst, Size::S64)), mem(src, from.bytes() as usize)],
        ),
        Lea { dst, ref src } => (Mnemonic::Lea, vec![R(r(dst, Size::S64)), mem(src, 0)]),
        AluRR { op, size, dst, src } => (alu_mn(op), vec![R(r(dst, size)), R(r(src, size))]),
        AluRM {
            op,
            size,
            dst,
            ref src,
        } => (
            alu_mn(op),
            vec![R(r(dst, size)), mem(src, size.bytes() as usize)],
        ),
        AluMR {
            op,
            size,
            ref dst,
            src,
        } => (
            alu_mn(op),
            vec![mem(dst, size.bytes() as usize), R(r(src, size))],
        ),
        AluRI { op, size, dst, imm } => (
            alu_mn(op),
            vec![R(r(dst, size)), Imm(imm as i64 as u64, bits(size))],
        ),
        AluMI {
            op,
            size,
            ref dst,
            imm,
        } => (
            alu_mn(op),
            vec![
                mem(dst, size.bytes() as usize),
                Imm(imm as i64 as u64, bits(size)),
            ],
        ),
        ImulRR { size, dst, src } => (Mnemonic::Imul, vec![R(r(dst, size)), R(r(src, size))]),
        ImulRM { size, dst, ref src } => (
            Mnemonic::Imul,
            vec![R(r(dst, size)), mem(src, size.bytes() as usize)],
        ),
        ImulRRI {
            size,
            dst,
            src,
            imm,
        } => (
            Mnemonic::Imul,
            vec![
                R(r(dst, size)),
                R(r(src, size)),
                Imm(imm as i64 as u64, bits(size)),
            ],
        ),
        UnaryR { op, size, src } => (un_mn(op), vec![R(r(src, size))]),
        UnaryM { op, size, ref src } => (un_mn(op), vec![mem(src, size.bytes() as usize)]),
        Cqo => (Mnemonic::Cqo, vec![]),
        Cdq => (Mnemonic::Cdq, vec![]),
        ShiftCl { op, size, dst } => (shift_mn(op), vec![R(r(dst, size)), R(Register::CL)]),
        ShiftRI { op, size, dst, imm } => (shift_mn(op), vec![R(r(dst, size)), Imm(imm as u64, 8)]),
        TestRR { size, a, b } => (Mnemonic::Test, vec![R(r(a, size)), R(r(b, size))]),
        TestRI { size, a, imm } => (
            Mnemonic::Test,
            vec![R(r(a, size)), Imm(imm as i64 as u64, bits(size))],
        ),
        Setcc { cond, dst } => (SETCC[cond as usize], vec![R(r(dst, Size::S8))]),
        CmovRR {
            cond,
            size,
            dst,
            src,
        } => (CMOV[cond as usize], vec![R(r(dst, size)), R(r(src, size))]),
        CmovRM {
            cond,
            size,
            dst,
            ref src,
        } => (
            CMOV[cond as usize],
            vec![R(r(dst, size)), mem(src, size.bytes() as usize)],
        ),
        Jcc { .. } | Jmp { .. } => unreachable!("branches are checked by `branches`"),
        JmpR { src } => (Mnemonic::Jmp, vec![R(r(src, Size::S64))]),
        JmpM { ref src } => (Mnemonic::Jmp, vec![mem(src, 8)]),
        CallRel { target } => (Mnemonic::Call, vec![Br(target)]),
        CallR { src } => (Mnemonic::Call, vec![R(r(src, Size::S64))]),
        CallM { ref src } => (Mnemonic::Call, vec![mem(src, 8)]),
        Ret => (Mnemonic::Ret, vec![]),
        Push { src } => (Mnemonic::Push, vec![R(r(src, Size::S64))]),
        Pop { dst } => (Mnemonic::Pop, vec![R(r(dst, Size::S64))]),
        Ud2 => (Mnemonic::Ud2, vec![]),
        RepMovsb => (Mnemonic::Movsb, vec![]),
        SseRR { op, dst, src } => (sse_mn(op).0, vec![R(xmm(dst)), R(xmm(src))]),
        SseRM { op, dst, ref src } => (sse_mn(op).0, vec![R(xmm(dst)), mem(src, sse_mn(op).1)]),
        MovsLoad { size, dst, ref src } => (
            if size == FpSize::F32 {
                Mnemonic::Movss
            } else {
                Mnemonic::Movsd
            },
            vec![R(xmm(dst)), mem(src, fp_bytes(size))],
        ),
        MovsStore { size, ref dst, src } => (
            if size == FpSize::F32 {
                Mnemonic::Movss
            } else {
                Mnemonic::Movsd
            },
            vec![mem(dst, fp_bytes(size)), R(xmm(src))],
        ),
        MovToXmm { size, dst, src } => (
            if size == Size::S64 {
                Mnemonic::Movq
            } else {
                Mnemonic::Movd
            },
            vec![R(xmm(dst)), R(r(src, size))],
        ),
        MovFromXmm { size, dst, src } => (
            if size == Size::S64 {
                Mnemonic::Movq
            } else {
                Mnemonic::Movd
            },
            vec![R(r(dst, size)), R(xmm(src))],
        ),
        CvtSi2FpRR { to, size, dst, src } => (
            if to == FpSize::F32 {
                Mnemonic::Cvtsi2ss
            } else {
                Mnemonic::Cvtsi2sd
            },
            vec![R(xmm(dst)), R(r(src, size))],
        ),
        CvtSi2FpRM {
            to,
            size,
            dst,
            ref src,
        } => (
            if to == FpSize::F32 {
                Mnemonic::Cvtsi2ss
            } else {
                Mnemonic::Cvtsi2sd
            },
            vec![R(xmm(dst)), mem(src, size.bytes() as usize)],
        ),
        CvttFp2SiRR {
            from,
            size,
            dst,
            src,
        } => (
            if from == FpSize::F32 {
                Mnemonic::Cvttss2si
            } else {
                Mnemonic::Cvttsd2si
            },
            vec![R(r(dst, size)), R(xmm(src))],
        ),
        CvttFp2SiRM {
            from,
            size,
            dst,
            ref src,
        } => (
            if from == FpSize::F32 {
                Mnemonic::Cvttss2si
            } else {
                Mnemonic::Cvttsd2si
            },
            vec![R(r(dst, size)), mem(src, fp_bytes(from))],
        ),
        Fld { size, ref src } => (Mnemonic::Fld, vec![mem(src, fp_bytes(size))]),
        Fstp { size, ref dst } => (Mnemonic::Fstp, vec![mem(dst, fp_bytes(size))]),
        Fild { ref src } => (Mnemonic::Fild, vec![mem(src, 8)]),
        Fistp { ref dst } => (Mnemonic::Fistp, vec![mem(dst, 8)]),
        Fisttp { ref dst } => (Mnemonic::Fisttp, vec![mem(dst, 8)]),
        FaddM32 { ref src } => (Mnemonic::Fadd, vec![mem(src, 4)]),
        X87Pop { op } => (x87_pop(op), vec![R(Register::ST1), R(Register::ST0)]),
        Fchs => (Mnemonic::Fchs, vec![]),
        Fxch { i } => (Mnemonic::Fxch, vec![R(Register::ST0), R(ST[i as usize])]),
        Fucomip { i } => (Mnemonic::Fucomip, vec![R(Register::ST0), R(ST[i as usize])]),
        FstpSt { i } => (Mnemonic::Fstp, vec![R(ST[i as usize])]),
        FldSt { i } => (Mnemonic::Fld, vec![R(ST[i as usize])]),
        FstSt { i } => (Mnemonic::Fst, vec![R(ST[i as usize])]),
        X87PopSt { op, i } => (x87_pop(op), vec![R(ST[i as usize]), R(Register::ST0)]),
        X87St { op, i } => (
            match op {
                X87Op::Faddp => Mnemonic::Fadd,
                X87Op::Fsubp => Mnemonic::Fsub,
                X87Op::Fsubrp => Mnemonic::Fsubr,
                X87Op::Fmulp => Mnemonic::Fmul,
                X87Op::Fdivp => Mnemonic::Fdiv,
                X87Op::Fdivrp => Mnemonic::Fdivr,
            },
            vec![R(Register::ST0), R(ST[i as usize])],
        ),
    }
}

fn operand(ins: &Instruction, i: u32, want: &Op) -> Op {
    match ins.op_kind(i) {
        OpKind::Register => Op::R(ins.op_register(i)),
        OpKind::Memory => Op::M(
            ins.memory_base(),
            ins.memory_index(),
            ins.memory_index_scale(),
            ins.memory_displacement64(),
            ins.memory_size().size(),
        ),
        OpKind::NearBranch64 => Op::Br(ins.near_branch64()),
        _ => {
            let w = if let Op::Imm(_, w) = want { *w } else { 64 };
            Op::Imm(ins.immediate(i), w)
        }
    }
}

fn same(a: &Op, b: &Op) -> bool {
    match (a, b) {
        (Op::Imm(x, w), Op::Imm(y, _)) => {
            let mask = if *w >= 64 { u64::MAX } else { (1u64 << w) - 1 };
            (x ^ y) & mask == 0
        }
        _ => a == b,
    }
}

/// Encodes `inst` alone (labels bound at offset 0, relocations applied for
/// code at `CODE_AT`), decodes it and compares with the oracle.
fn check(inst: &Inst) {
    let mut a = Asm::new();
    let l0 = a.new_label();
    a.bind(l0);
    a.emit(inst);
    let code = a.finish().expect("finish");
    let mut bytes = code.bytes.clone();
    let at = if code.relocs.is_empty() { 0 } else { CODE_AT };
    for r in &code.relocs {
        assert!(r.apply(&mut bytes, at));
    }
    let mut dec = Decoder::with_ip(64, &bytes, at, DecoderOptions::NONE);
    let ins = dec.decode();
    let text = format!("{inst}  [{}]", hex(&bytes));
    assert!(!ins.is_invalid(), "invalid encoding of {text}");
    assert_eq!(ins.len(), bytes.len(), "length of {text}");
    let (mn, ops) = expect(inst);
    assert_eq!(ins.mnemonic(), mn, "mnemonic of {text}");
    if *inst == Inst::RepMovsb {
        assert!(ins.has_rep_prefix(), "{text}");
        return;
    }
    assert_eq!(
        ins.op_count() as usize,
        ops.len(),
        "operand count of {text}: {ins:?}"
    );
    for (i, want) in ops.iter().enumerate() {
        let got = operand(&ins, i as u32, want);
        assert!(
            same(want, &got),
            "operand {i} of {text}: want {want:?}, got {got:?}"
        );
    }
}

fn hex(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn gprs() -> impl Iterator<Item = Gpr> {
    Gpr::ALL.into_iter()
}
fn xmms() -> impl Iterator<Item = Xmm> {
    (0..16).map(Xmm::new)
}

/// Memory operands covering every special case of ModRM/SIB encoding.
fn amodes() -> Vec<Amode> {
    let mut v = Vec::new();
    for b in Gpr::ALL {
        for disp in [0, 8, -128, 127, 128, -129, 0x1234_5678, i32::MIN] {
            v.push(Amode::bd(b, disp));
        }
        for i in Gpr::ALL {
            if i == Gpr::Rsp {
                continue;
            }
            for s in [1, 2, 4, 8] {
                v.push(Amode::bisd(b, i, s, if s == 4 { 0 } else { -16 }));
            }
        }
    }
    for i in [Gpr::Rax, Gpr::Rbp, Gpr::R12, Gpr::R13, Gpr::R15] {
        v.push(Amode::Mem {
            base: None,
            index: Some((i, 8)),
            disp: 0x40,
        });
    }
    v.push(Amode::Mem {
        base: None,
        index: None,
        disp: 0x1000,
    });
    v.push(Amode::Mem {
        base: None,
        index: None,
        disp: -8,
    });
    v.push(Amode::Label(mirage_target::x64::Label(0), 0));
    v.push(Amode::Label(mirage_target::x64::Label(0), 0x40));
    v.push(Amode::Abs(CODE_AT + 0x1000));
    v.push(Amode::Abs(CODE_AT - 0x7000_0000));
    v
}

const SIZES: [Size; 4] = [Size::S8, Size::S16, Size::S32, Size::S64];
const ALUS: [AluOp; 8] = [
    AluOp::Add,
    AluOp::Or,
    AluOp::Adc,
    AluOp::Sbb,
    AluOp::And,
    AluOp::Sub,
    AluOp::Xor,
    AluOp::Cmp,
];
const UNS: [UnOp; 6] = [
    UnOp::Not,
    UnOp::Neg,
    UnOp::Mul,
    UnOp::Imul,
    UnOp::Div,
    UnOp::Idiv,
];
const SHIFTS: [ShiftOp; 5] = [
    ShiftOp::Rol,
    ShiftOp::Ror,
    ShiftOp::Shl,
    ShiftOp::Shr,
    ShiftOp::Sar,
];
const SSES: [SseOp; 17] = [
    SseOp::Addss,
    SseOp::Addsd,
    SseOp::Subss,
    SseOp::Subsd,
    SseOp::Mulss,
    SseOp::Mulsd,
    SseOp::Divss,
    SseOp::Divsd,
    SseOp::Sqrtss,
    SseOp::Sqrtsd,
    SseOp::Ucomiss,
    SseOp::Ucomisd,
    SseOp::Cvtss2sd,
    SseOp::Cvtsd2ss,
    SseOp::Xorps,
    SseOp::Andps,
    SseOp::Movaps,
];
const X87S: [X87Op; 6] = [
    X87Op::Faddp,
    X87Op::Fsubp,
    X87Op::Fsubrp,
    X87Op::Fmulp,
    X87Op::Fdivp,
    X87Op::Fdivrp,
];
const FPS: [FpSize; 3] = [FpSize::F32, FpSize::F64, FpSize::F80];

#[test]
fn register_forms_for_every_register() {
    use Inst::*;
    for a in gprs() {
        for b in gprs() {
            for size in SIZES {
                check(&MovRR {
                    size,
                    dst: a,
                    src: b,
                });
                check(&TestRR { size, a, b });
                for op in ALUS {
                    check(&AluRR {
                        op,
                        size,
                        dst: a,
                        src: b,
                    });
                }
                if size != Size::S8 {
                    check(&ImulRR {
                        size,
                        dst: a,
                        src: b,
                    });
                    check(&ImulRRI {
                        size,
                        dst: a,
                        src: b,
                        imm: 3,
                    });
                    check(&ImulRRI {
                        size,
                        dst: a,
                        src: b,
                        imm: 1000,
                    });
                    for cond in Cond::ALL {
                        check(&CmovRR {
                            cond,
                            size,
                            dst: a,
                            src: b,
                        });
                    }
                }
            }
            for from in [Size::S8, Size::S16] {
                check(&MovzxRR {
                    from,
                    dst: a,
                    src: b,
                });
            }
            for from in [Size::S8, Size::S16, Size::S32] {
                check(&MovsxRR {
                    from,
                    dst: a,
                    src: b,
                });
            }
        }
        for size in SIZES {
            for op in UNS {
                check(&UnaryR { op, size, src: a });
            }
            for op in SHIFTS {
                check(&ShiftCl { op, size, dst: a });
                check(&ShiftRI {
                    op,
                    size,
                    dst: a,
                    imm: 7,
                });
            }
            for imm in [0, 1, -1, 127, -128, 128, 0x1234, -0x8000_0000] {
                check(&AluRI {
                    op: AluOp::Add,
                    size,
                    dst: a,
                    imm,
                });
                check(&AluRI {
                    op: AluOp::Cmp,
                    size,
                    dst: a,
                    imm,
                });
                check(&TestRI { size, a, imm });
            }
        }
        for imm in [0, 1, 0xFFFF_FFFF, 0x8000_0000] {
            check(&MovRI32 { dst: a, imm });
        }
        for imm in [0, -1, i32::MAX, i32::MIN] {
            check(&MovRI64 { dst: a, imm });
        }
        for imm in [0, 1 << 63, 0x1234_5678_9abc_def0] {
            check(&MovAbs { dst: a, imm });
        }
        for cond in Cond::ALL {
            check(&Setcc { cond, dst: a });
        }
        check(&JmpR { src: a });
        check(&CallR { src: a });
        check(&Push { src: a });
        check(&Pop { dst: a });
        for x in xmms() {
            for size in [Size::S32, Size::S64] {
                check(&MovToXmm {
                    size,
                    dst: x,
                    src: a,
                });
                check(&MovFromXmm {
                    size,
                    dst: a,
                    src: x,
                });
                for fp in [FpSize::F32, FpSize::F64] {
                    check(&CvtSi2FpRR {
                        to: fp,
                        size,
                        dst: x,
                        src: a,
                    });
                    check(&CvttFp2SiRR {
                        from: fp,
                        size,
                        dst: a,
                        src: x,
                    });
                }
            }
        }
    }
    for x in xmms() {
        for y in xmms() {
            for op in SSES {
                check(&SseRR { op, dst: x, src: y });
            }
        }
    }
    for inst in [Cqo, Cdq, Ret, Ud2, RepMovsb, Fchs] {
        check(&inst);
    }
    for op in X87S {
        check(&X87Pop { op });
    }
    for i in 0..8 {
        check(&Fxch { i });
        check(&Fucomip { i });
        check(&FstpSt { i });
        check(&FldSt { i });
        check(&FstSt { i });
        for op in X87S {
            check(&X87St { op, i });
            check(&X87PopSt { op, i });
        }
    }
}

#[test]
fn memory_forms_for_every_addressing_mode() {
    use Inst::*;
    let x = Xmm::new(11);
    for m in amodes() {
        let r = if m.uses(Gpr::R9) { Gpr::Rsi } else { Gpr::R9 };
        for size in SIZES {
            check(&MovRM {
                size,
                dst: r,
                src: m,
            });
            check(&MovMR {
                size,
                dst: m,
                src: r,
            });
            check(&MovMR {
                size,
                dst: m,
                src: Gpr::Rsi,
            });
            check(&MovMI {
                size,
                dst: m,
                imm: -2,
            });
            check(&AluRM {
                op: AluOp::Sub,
                size,
                dst: r,
                src: m,
            });
            check(&AluMR {
                op: AluOp::Xor,
                size,
                dst: m,
                src: r,
            });
            check(&AluMI {
                op: AluOp::Cmp,
                size,
                dst: m,
                imm: 100,
            });
            check(&AluMI {
                op: AluOp::And,
                size,
                dst: m,
                imm: 0x7000,
            });
            check(&UnaryM {
                op: UnOp::Idiv,
                size,
                src: m,
            });
            if size != Size::S8 {
                check(&ImulRM {
                    size,
                    dst: r,
                    src: m,
                });
                check(&CmovRM {
                    cond: Cond::Le,
                    size,
                    dst: r,
                    src: m,
                });
            }
        }
        for from in [Size::S8, Size::S16] {
            check(&MovzxRM {
                from,
                dst: r,
                src: m,
            });
        }
        for from in [Size::S8, Size::S16, Size::S32] {
            check(&MovsxRM {
                from,
                dst: r,
                src: m,
            });
        }
        check(&Lea { dst: r, src: m });
        check(&JmpM { src: m });
        check(&CallM { src: m });
        for op in SSES {
            check(&SseRM { op, dst: x, src: m });
        }
        for fp in [FpSize::F32, FpSize::F64] {
            check(&MovsLoad {
                size: fp,
                dst: x,
                src: m,
            });
            check(&MovsStore {
                size: fp,
                dst: m,
                src: x,
            });
            for size in [Size::S32, Size::S64] {
                check(&CvtSi2FpRM {
                    to: fp,
                    size,
                    dst: x,
                    src: m,
                });
                check(&CvttFp2SiRM {
                    from: fp,
                    size,
                    dst: r,
                    src: m,
                });
            }
        }
        for fp in FPS {
            check(&Fld { size: fp, src: m });
            check(&Fstp { size: fp, dst: m });
        }
        check(&Fild { src: m });
        check(&Fistp { dst: m });
        check(&Fisttp { dst: m });
        check(&FaddM32 { src: m });
    }
    check(&CallRel {
        target: CODE_AT + 0x10_0000,
    });
    check(&CallRel {
        target: CODE_AT - 0x10_0000,
    });
}

/// Decodes a sequence of instructions from `bytes`.
fn decode_all(bytes: &[u8]) -> Vec<Instruction> {
    let mut dec = Decoder::with_ip(64, bytes, 0, DecoderOptions::NONE);
    let mut v = Vec::new();
    while dec.can_decode() {
        v.push(dec.decode());
    }
    v
}

#[test]
fn branches_short_near_and_jump_tables() {
    for cond in Cond::ALL {
        for pad in [0usize, 100, 126, 127, 128, 300, 70_000] {
            // Backward: label, padding, branch.
            let mut a = Asm::new();
            let l = a.new_label();
            a.bind(l);
            a.data(&vec![0x90; pad]);
            a.emit(&Inst::Jcc { cond, target: l });
            a.emit(&Inst::Jmp { target: l });
            let code = a.finish().unwrap();
            let ins = decode_all(&code.bytes[pad..]);
            assert_eq!(ins[0].mnemonic(), JCC[cond as usize]);
            assert_eq!(ins[0].near_branch64(), 0u64.wrapping_sub(pad as u64));
            assert_eq!(ins[1].mnemonic(), Mnemonic::Jmp);
            // Forward: branches, padding, label; relaxed as needed.
            let mut long = Vec::new();
            let code = loop {
                let mut a = Asm::with_long_branches(&long);
                let l = a.new_label();
                a.emit(&Inst::Jcc { cond, target: l });
                a.emit(&Inst::Jmp { target: l });
                a.data(&vec![0x90; pad]);
                a.bind(l);
                match a.finish() {
                    Ok(c) => break c,
                    Err(mirage_target::x64::Relax::ShortBranches(v)) => long.extend(v),
                    Err(e) => panic!("{e}"),
                }
            };
            let ins = decode_all(&code.bytes);
            let target = code.bytes.len() as u64;
            assert_eq!(ins[0].mnemonic(), JCC[cond as usize]);
            assert_eq!(ins[0].near_branch64(), target);
            assert_eq!(ins[1].mnemonic(), Mnemonic::Jmp);
            assert_eq!(ins[1].near_branch64(), target);
            assert_eq!(
                ins[0].len() == 2,
                pad + 4 <= 127,
                "short iff it reaches (pad {pad})"
            );
        }
    }
    // A jump table: entries are label - table start.
    let mut a = Asm::new();
    let ls: Vec<_> = (0..3).map(|_| a.new_label()).collect();
    let t = a.new_label();
    a.bind(ls[0]);
    a.emit(&Inst::Lea {
        dst: Gpr::R11,
        src: Amode::Label(t, 0),
    });
    a.bind(ls[1]);
    a.emit(&Inst::Ret);
    a.align(4, 0xCC);
    a.bind(t);
    a.jump_table(&[ls[1], ls[0], ls[2]]);
    a.bind(ls[2]);
    let code = a.finish().unwrap();
    let to = code.labels[t.0 as usize].unwrap() as usize;
    let entry = |k: usize| {
        i32::from_le_bytes(code.bytes[to + 4 * k..to + 4 * k + 4].try_into().unwrap()) as i64
    };
    assert_eq!(entry(0), code.labels[1].unwrap() as i64 - to as i64);
    assert_eq!(entry(1), -(to as i64));
    assert_eq!(entry(2), 12);
    let ins = decode_all(&code.bytes[..7]);
    assert_eq!(ins[0].memory_displacement64(), to as u64);
}

/// A deterministic xorshift generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn gpr(&mut self) -> Gpr {
        Gpr::from_index(self.below(16) as u8)
    }
    fn xmm(&mut self) -> Xmm {
        Xmm::new(self.below(16) as u8)
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len() as u64) as usize]
    }
    fn disp(&mut self) -> i32 {
        match self.below(4) {
            0 => 0,
            1 => self.next() as i8 as i32,
            2 => self.next() as i32,
            _ => self.pick(&[127, -128, 128, -129, i32::MAX, i32::MIN]),
        }
    }
    fn imm(&mut self) -> i32 {
        match self.below(3) {
            0 => self.next() as i8 as i32,
            1 => self.next() as i32,
            _ => self.pick(&[0, 1, -1, 127, -128, 128, i32::MAX, i32::MIN]),
        }
    }
    fn amode(&mut self) -> Amode {
        match self.below(10) {
            0 => Amode::Label(mirage_target::x64::Label(0), self.disp() / 4),
            1 => Amode::Abs(CODE_AT.wrapping_add((self.disp() / 2) as i64 as u64)),
            2 => Amode::Mem {
                base: None,
                index: None,
                disp: self.disp(),
            },
            k => {
                let base = if k == 3 { None } else { Some(self.gpr()) };
                let index = if k < 6 {
                    let mut i = self.gpr();
                    if i == Gpr::Rsp {
                        i = Gpr::R12;
                    }
                    Some((i, self.pick(&[1, 2, 4, 8])))
                } else {
                    None
                };
                if base.is_none() && index.is_none() {
                    Amode::Mem {
                        base: Some(Gpr::R13),
                        index,
                        disp: self.disp(),
                    }
                } else {
                    Amode::Mem {
                        base,
                        index,
                        disp: self.disp(),
                    }
                }
            }
        }
    }
}

fn random_inst(g: &mut Rng) -> Inst {
    use Inst::*;
    let size = g.pick(&SIZES);
    let size_nb = g.pick(&[Size::S16, Size::S32, Size::S64]);
    let s3264 = g.pick(&[Size::S32, Size::S64]);
    let fp = g.pick(&[FpSize::F32, FpSize::F64]);
    match g.below(48) {
        0 => MovRR {
            size,
            dst: g.gpr(),
            src: g.gpr(),
        },
        1 => MovRM {
            size,
            dst: g.gpr(),
            src: g.amode(),
        },
        2 => MovMR {
            size,
            dst: g.amode(),
            src: g.gpr(),
        },
        3 => MovRI32 {
            dst: g.gpr(),
            imm: g.next() as u32,
        },
        4 => MovRI64 {
            dst: g.gpr(),
            imm: g.imm(),
        },
        5 => MovAbs {
            dst: g.gpr(),
            imm: g.next(),
        },
        6 => MovMI {
            size,
            dst: g.amode(),
            imm: g.imm(),
        },
        7 => MovzxRR {
            from: g.pick(&[Size::S8, Size::S16]),
            dst: g.gpr(),
            src: g.gpr(),
        },
        8 => MovzxRM {
            from: g.pick(&[Size::S8, Size::S16]),
            dst: g.gpr(),
            src: g.amode(),
        },
        9 => MovsxRR {
            from: g.pick(&[Size::S8, Size::S16, Size::S32]),
            dst: g.gpr(),
            src: g.gpr(),
        },
        10 => MovsxRM {
            from: g.pick(&[Size::S8, Size::S16, Size::S32]),
            dst: g.gpr(),
            src: g.amode(),
        },
        11 => Lea {
            dst: g.gpr(),
            src: g.amode(),
        },
        12 => AluRR {
            op: g.pick(&ALUS),
            size,
            dst: g.gpr(),
            src: g.gpr(),
        },
        13 => AluRM {
            op: g.pick(&ALUS),
            size,
            dst: g.gpr(),
            src: g.amode(),
        },
        14 => AluMR {
            op: g.pick(&ALUS),
            size,
            dst: g.amode(),
            src: g.gpr(),
        },
        15 => AluRI {
            op: g.pick(&ALUS),
            size,
            dst: g.gpr(),
            imm: g.imm(),
        },
        16 => AluMI {
            op: g.pick(&ALUS),
            size,
            dst: g.amode(),
            imm: g.imm(),
        },
        17 => ImulRR {
            size: size_nb,
            dst: g.gpr(),
            src: g.gpr(),
        },
        18 => ImulRM {
            size: size_nb,
            dst: g.gpr(),
            src: g.amode(),
        },
        19 => ImulRRI {
            size: size_nb,
            dst: g.gpr(),
            src: g.gpr(),
            imm: g.imm(),
        },
        20 => UnaryR {
            op: g.pick(&UNS),
            size,
            src: g.gpr(),
        },
        21 => UnaryM {
            op: g.pick(&UNS),
            size,
            src: g.amode(),
        },
        22 => ShiftCl {
            op: g.pick(&SHIFTS),
            size,
            dst: g.gpr(),
        },
        23 => ShiftRI {
            op: g.pick(&SHIFTS),
            size,
            dst: g.gpr(),
            imm: g.below(64) as u8,
        },
        24 => TestRR {
            size,
            a: g.gpr(),
            b: g.gpr(),
        },
        25 => TestRI {
            size,
            a: g.gpr(),
            imm: g.imm(),
        },
        26 => Setcc {
            cond: g.pick(&Cond::ALL),
            dst: g.gpr(),
        },
        27 => CmovRR {
            cond: g.pick(&Cond::ALL),
            size: size_nb,
            dst: g.gpr(),
            src: g.gpr(),
        },
        28 => CmovRM {
            cond: g.pick(&Cond::ALL),
            size: size_nb,
            dst: g.gpr(),
            src: g.amode(),
        },
        29 => JmpM { src: g.amode() },
        30 => CallM { src: g.amode() },
        31 => CallRel {
            target: CODE_AT.wrapping_add((g.imm() / 2) as i64 as u64),
        },
        32 => SseRR {
            op: g.pick(&SSES),
            dst: g.xmm(),
            src: g.xmm(),
        },
        33 => SseRM {
            op: g.pick(&SSES),
            dst: g.xmm(),
            src: g.amode(),
        },
        34 => MovsLoad {
            size: fp,
            dst: g.xmm(),
            src: g.amode(),
        },
        35 => MovsStore {
            size: fp,
            dst: g.amode(),
            src: g.xmm(),
        },
        36 => MovToXmm {
            size: s3264,
            dst: g.xmm(),
            src: g.gpr(),
        },
        37 => MovFromXmm {
            size: s3264,
            dst: g.gpr(),
            src: g.xmm(),
        },
        38 => CvtSi2FpRR {
            to: fp,
            size: s3264,
            dst: g.xmm(),
            src: g.gpr(),
        },
        39 => CvtSi2FpRM {
            to: fp,
            size: s3264,
            dst: g.xmm(),
            src: g.amode(),
        },
        40 => CvttFp2SiRR {
            from: fp,
            size: s3264,
            dst: g.gpr(),
            src: g.xmm(),
        },
        41 => CvttFp2SiRM {
            from: fp,
            size: s3264,
            dst: g.gpr(),
            src: g.amode(),
        },
        42 => Fld {
            size: g.pick(&FPS),
            src: g.amode(),
        },
        43 => Fstp {
            size: g.pick(&FPS),
            dst: g.amode(),
        },
        44 => {
            let m = g.amode();
            g.pick(&[
                Fild { src: m },
                Fistp { dst: m },
                Fisttp { dst: m },
                FaddM32 { src: m },
            ])
        }
        45 => X87Pop { op: g.pick(&X87S) },
        46 => {
            let i = g.below(8) as u8;
            let op = g.pick(&X87S);
            g.pick(&[
                Fxch { i },
                Fucomip { i },
                FstpSt { i },
                FldSt { i },
                FstSt { i },
                X87St { op, i },
                X87PopSt { op, i },
            ])
        }
        _ => {
            let r = g.gpr();
            g.pick(&[
                Cqo,
                Cdq,
                Ret,
                Ud2,
                Fchs,
                Push { src: r },
                Pop { dst: r },
                JmpR { src: r },
                CallR { src: r },
            ])
        }
    }
}

#[test]
fn randomized_round_trip() {
    let n: usize = std::env::var("MIRAGE_ENCODER_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50_000);
    let mut g = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..n {
        let inst = random_inst(&mut g);
        check(&inst);
    }
}

#[test]
fn display_is_intel_like() {
    let i = Inst::AluRM {
        op: AluOp::Add,
        size: Size::S64,
        dst: Gpr::Rax,
        src: Amode::bisd(Gpr::Rbp, Gpr::R12, 8, -16),
    };
    assert_eq!(i.to_string(), "add rax, [rbp+r12*8-0x10]");
    assert_eq!(
        Inst::MovzxRR {
            from: Size::S8,
            dst: Gpr::Rdi,
            src: Gpr::Rsi
        }
        .to_string(),
        "movzx edi, sil"
    );
}

/// The iced mnemonic of a popping x87 operation.
fn x87_pop(op: X87Op) -> Mnemonic {
    match op {
        X87Op::Faddp => Mnemonic::Faddp,
        X87Op::Fsubp => Mnemonic::Fsubp,
        X87Op::Fsubrp => Mnemonic::Fsubrp,
        X87Op::Fmulp => Mnemonic::Fmulp,
        X87Op::Fdivp => Mnemonic::Fdivp,
        X87Op::Fdivrp => Mnemonic::Fdivrp,
    }
}
