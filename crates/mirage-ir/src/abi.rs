//! Call signatures as the native bridge sees them.
//!
//! The interpreter, the ff-call stubs, the interpreter shims and (later) the
//! generator all need the same description of a C-ABI call: which argument
//! is an integer of which width, which is a float, a long double, a block
//! passed by value (with its SysV "case", spec §6.3) or a hidden result
//! pointer, and which results come back in which register class. This module
//! holds that description and the 16-byte value slot ([`Val`]) the pieces
//! exchange. It is pure data: placement into registers lives in the runtime.

use crate::types::Type;

/// One 16-byte value slot, the unit the interpreter and the bridge exchange
/// values in (like MIR's `MIR_val_t`). Integers occupy the low 8 bytes
/// (little-endian), `f` the low 4, `d` the low 8, `ld` the low 10 (x87
/// extended format). For block arguments the slot holds the block's address.
#[repr(C, align(16))]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Val {
    pub bytes: [u8; 16],
}

impl Val {
    pub const ZERO: Val = Val { bytes: [0; 16] };

    #[inline]
    pub fn from_i64(v: i64) -> Val {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&v.to_le_bytes());
        Val { bytes: b }
    }
    #[inline]
    pub fn from_f32(v: f32) -> Val {
        let mut b = [0u8; 16];
        b[..4].copy_from_slice(&v.to_le_bytes());
        Val { bytes: b }
    }
    #[inline]
    pub fn from_f64(v: f64) -> Val {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&v.to_le_bytes());
        Val { bytes: b }
    }
    /// From the 10 little-endian bytes of an x87 extended value.
    #[inline]
    pub fn from_f80_bytes(v: [u8; 10]) -> Val {
        let mut b = [0u8; 16];
        b[..10].copy_from_slice(&v);
        Val { bytes: b }
    }
    #[inline]
    pub fn i64(&self) -> i64 {
        i64::from_le_bytes(self.bytes[..8].try_into().unwrap_or([0; 8]))
    }
    #[inline]
    pub fn f32(&self) -> f32 {
        f32::from_le_bytes(self.bytes[..4].try_into().unwrap_or([0; 4]))
    }
    #[inline]
    pub fn f64(&self) -> f64 {
        f64::from_le_bytes(self.bytes[..8].try_into().unwrap_or([0; 8]))
    }
    #[inline]
    pub fn f80_bytes(&self) -> [u8; 10] {
        self.bytes[..10].try_into().unwrap_or([0; 10])
    }
}

impl std::fmt::Debug for Val {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Val({:#x})", u128::from_le_bytes(self.bytes))
    }
}

/// How one argument is passed (x86-64 SysV, spec §6.2–6.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgKind {
    /// Integer class; the value is converted to this width and extension
    /// before the call (`I64` also stands for `u64` and `p`).
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    /// binary32 in an XMM register (never as a variadic extra).
    F,
    /// binary64 in an XMM register.
    D,
    /// x87 extended, always on the stack in a 16-byte slot.
    LD,
    /// A block passed by value; the slot holds its address. `case` is the
    /// SysV classification of spec §6.3 (0 = memory, 1 = INTEGER, 2 = SSE,
    /// 3 = INTEGER then SSE, 4 = SSE then INTEGER); cases other than 0–4 act
    /// like 0.
    Blk {
        case: u8,
        size: u32,
    },
    /// Hidden pointer to the caller's result area, passed as an integer.
    RBlk {
        size: u32,
    },
}

impl ArgKind {
    /// The argument kind for a MIR parameter type (`size` for blocks).
    pub fn from_type(ty: Type, size: u32) -> ArgKind {
        match ty {
            Type::I8 => ArgKind::I8,
            Type::U8 => ArgKind::U8,
            Type::I16 => ArgKind::I16,
            Type::U16 => ArgKind::U16,
            Type::I32 => ArgKind::I32,
            Type::U32 => ArgKind::U32,
            Type::I64 | Type::U64 | Type::P => ArgKind::I64,
            Type::F => ArgKind::F,
            Type::D => ArgKind::D,
            Type::LD => ArgKind::LD,
            Type::Blk0 => ArgKind::Blk { case: 0, size },
            Type::Blk1 => ArgKind::Blk { case: 1, size },
            Type::Blk2 => ArgKind::Blk { case: 2, size },
            Type::Blk3 => ArgKind::Blk { case: 3, size },
            Type::Blk4 => ArgKind::Blk { case: 4, size },
            Type::RBlk => ArgKind::RBlk { size },
        }
    }
}

/// Register class of one result (spec §3.4: at most two of each on x86-64).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetKind {
    /// RAX then RDX; narrow results are extended by the caller per `ext`.
    Int(IntExt),
    /// XMM0 then XMM1, binary32.
    F,
    /// XMM0 then XMM1, binary64.
    D,
    /// ST0 then ST1.
    LD,
}

/// Extension applied to a narrow integer result after a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntExt {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    None,
}

impl RetKind {
    pub fn from_type(ty: Type) -> Option<RetKind> {
        Some(match ty {
            Type::I8 => RetKind::Int(IntExt::I8),
            Type::U8 => RetKind::Int(IntExt::U8),
            Type::I16 => RetKind::Int(IntExt::I16),
            Type::U16 => RetKind::Int(IntExt::U16),
            Type::I32 => RetKind::Int(IntExt::I32),
            Type::U32 => RetKind::Int(IntExt::U32),
            Type::I64 | Type::U64 | Type::P => RetKind::Int(IntExt::None),
            Type::F => RetKind::F,
            Type::D => RetKind::D,
            Type::LD => RetKind::LD,
            _ => return None,
        })
    }
}

/// A complete call signature: results, then arguments; the first `nfixed`
/// arguments are the prototype's, the rest are variadic extras (only when
/// `variadic`). Two calls with equal `CallSig`s can share one ff-call stub.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct CallSig {
    pub results: Vec<RetKind>,
    pub args: Vec<ArgKind>,
    pub nfixed: usize,
    pub variadic: bool,
}
