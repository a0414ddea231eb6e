//! Registers, operand sizes, condition codes and labels: the vocabulary of
//! [`super::Inst`]. Register numbers are the hardware encodings (the low
//! three bits go into ModRM/SIB/opcode, bit 3 into a REX prefix).

use std::fmt;

/// A general-purpose register, numbered as the hardware encodes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Gpr {
    Rax = 0,
    Rcx = 1,
    Rdx = 2,
    Rbx = 3,
    Rsp = 4,
    Rbp = 5,
    Rsi = 6,
    Rdi = 7,
    R8 = 8,
    R9 = 9,
    R10 = 10,
    R11 = 11,
    R12 = 12,
    R13 = 13,
    R14 = 14,
    R15 = 15,
}

impl Gpr {
    /// All sixteen, in encoding order.
    pub const ALL: [Gpr; 16] = [
        Gpr::Rax,
        Gpr::Rcx,
        Gpr::Rdx,
        Gpr::Rbx,
        Gpr::Rsp,
        Gpr::Rbp,
        Gpr::Rsi,
        Gpr::Rdi,
        Gpr::R8,
        Gpr::R9,
        Gpr::R10,
        Gpr::R11,
        Gpr::R12,
        Gpr::R13,
        Gpr::R14,
        Gpr::R15,
    ];

    /// The register with hardware number `n` (0–15).
    pub fn from_index(n: u8) -> Gpr {
        Gpr::ALL[(n & 15) as usize]
    }

    #[inline]
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The register's name at `size` (`rax`, `eax`, `ax`, `al`; `r8d`…).
    pub fn name(self, size: Size) -> &'static str {
        const N64: [&str; 16] = [
            "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11",
            "r12", "r13", "r14", "r15",
        ];
        const N32: [&str; 16] = [
            "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d",
            "r12d", "r13d", "r14d", "r15d",
        ];
        const N16: [&str; 16] = [
            "ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w",
            "r13w", "r14w", "r15w",
        ];
        const N8: [&str; 16] = [
            "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b",
            "r12b", "r13b", "r14b", "r15b",
        ];
        let i = self as usize;
        match size {
            Size::S64 => N64[i],
            Size::S32 => N32[i],
            Size::S16 => N16[i],
            Size::S8 => N8[i],
        }
    }
}

impl fmt::Display for Gpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name(Size::S64))
    }
}

/// An SSE register `xmm0`–`xmm15`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Xmm(u8);

impl Xmm {
    pub const XMM0: Xmm = Xmm(0);
    pub const XMM1: Xmm = Xmm(1);
    pub const XMM8: Xmm = Xmm(8);
    pub const XMM9: Xmm = Xmm(9);

    /// `xmm{n}`; `n` is taken mod 16.
    pub const fn new(n: u8) -> Xmm {
        Xmm(n & 15)
    }
    #[inline]
    pub fn index(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Xmm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "xmm{}", self.0)
    }
}

/// Operand size of an integer instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Size {
    S8,
    S16,
    S32,
    S64,
}

impl Size {
    pub fn bytes(self) -> u32 {
        match self {
            Size::S8 => 1,
            Size::S16 => 2,
            Size::S32 => 4,
            Size::S64 => 8,
        }
    }
    /// `byte`, `word`, `dword`, `qword`.
    pub fn ptr_name(self) -> &'static str {
        match self {
            Size::S8 => "byte",
            Size::S16 => "word",
            Size::S32 => "dword",
            Size::S64 => "qword",
        }
    }
}

/// A condition code (the low nibble of `Jcc`, `SETcc`, `CMOVcc`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Cond {
    /// Overflow.
    O = 0,
    No = 1,
    /// Below (unsigned <, carry).
    B = 2,
    /// Above or equal (unsigned ≥, no carry).
    Ae = 3,
    E = 4,
    Ne = 5,
    /// Below or equal (unsigned ≤).
    Be = 6,
    /// Above (unsigned >).
    A = 7,
    S = 8,
    Ns = 9,
    /// Parity (unordered after `ucomis*`).
    P = 10,
    Np = 11,
    /// Signed <.
    L = 12,
    Ge = 13,
    Le = 14,
    G = 15,
}

impl Cond {
    pub const ALL: [Cond; 16] = [
        Cond::O,
        Cond::No,
        Cond::B,
        Cond::Ae,
        Cond::E,
        Cond::Ne,
        Cond::Be,
        Cond::A,
        Cond::S,
        Cond::Ns,
        Cond::P,
        Cond::Np,
        Cond::L,
        Cond::Ge,
        Cond::Le,
        Cond::G,
    ];

    /// The opposite condition (flips the low bit of the encoding).
    pub fn invert(self) -> Cond {
        Cond::ALL[(self as usize) ^ 1]
    }

    /// The condition that holds for `b ? a` when `self` holds for `a ? b`.
    pub fn swap(self) -> Cond {
        match self {
            Cond::B => Cond::A,
            Cond::A => Cond::B,
            Cond::Ae => Cond::Be,
            Cond::Be => Cond::Ae,
            Cond::L => Cond::G,
            Cond::G => Cond::L,
            Cond::Ge => Cond::Le,
            Cond::Le => Cond::Ge,
            c => c,
        }
    }

    /// The mnemonic suffix (`e`, `ne`, `l`, …).
    pub fn suffix(self) -> &'static str {
        const S: [&str; 16] = [
            "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g",
        ];
        S[self as usize]
    }
}

/// A position in the code being assembled, bound later with
/// [`super::Asm::bind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(pub u32);

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, ".L{}", self.0)
    }
}
