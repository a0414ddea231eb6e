//! The one opcode table.
//!
//! Every MIR opcode is declared exactly once, in [`for_each_opcode!`]: its
//! Rust name, its mnemonic, its semantic family and the expected class of
//! each fixed operand (with `O…` marking the operands it writes). The
//! [`Opcode`] enum, the [`OpInfo`] table, the reader's keyword lookup, the
//! writer, the verifier's operand rules and the interpreter's lowering are all
//! derived from it; there is no second list of opcodes anywhere. Declaration
//! order is MIR's numeric opcode order (spec §5.18), so `op as u8` is MIR's
//! code.

use crate::types::Class;

/// What an operand position expects (spec §4.9, §5.0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spec {
    /// An input of the given class.
    I,
    F,
    D,
    LD,
    /// An output (register or memory) of the given class.
    OI,
    OF,
    OD,
    OLD,
    /// A label (branch targets, `laddr`'s operand 1).
    L,
    /// A variable of any class (`addr*` operand 1).
    R,
    /// Any memory operand; only its type matters (`va_arg` operand 2).
    M,
    /// A register or memory location, not checked for class (`prset`, `prb*`).
    Loc,
    /// An integer immediate (`prset`, `prb*`).
    Imm,
}

impl Spec {
    /// The value class this position expects, if it is a value position.
    pub fn class(self) -> Option<Class> {
        match self {
            Spec::I | Spec::OI => Some(Class::Int),
            Spec::F | Spec::OF => Some(Class::F),
            Spec::D | Spec::OD => Some(Class::D),
            Spec::LD | Spec::OLD => Some(Class::LD),
            _ => None,
        }
    }
    /// Whether the position is written by the instruction.
    pub fn is_output(self) -> bool {
        matches!(self, Spec::OI | Spec::OF | Spec::OD | Spec::OLD)
    }
}

/// Integer binary operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IBinOp {
    Add,
    Sub,
    Mul,
    Div,
    UDiv,
    Mod,
    UMod,
    And,
    Or,
    Xor,
    Lsh,
    Rsh,
    URsh,
}

/// Floating-point binary operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FBinOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// Integer comparison conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ICond {
    Eq,
    Ne,
    Lt,
    Ult,
    Le,
    Ule,
    Gt,
    Ugt,
    Ge,
    Uge,
}

/// Floating-point comparison conditions (C semantics with NaN: only `Ne`
/// is true on unordered operands).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FCond {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Overflow-detecting operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OvfOp {
    Add,
    Sub,
    Mul,
    UMul,
}

/// Semantic family of an opcode: enough for the interpreter and the
/// generator to dispatch on without a second table. `w32` is true for the
/// `…s` (32-bit) forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Move(Class),
    /// Sign (`signed`) or zero extension of the low `bits` bits.
    Ext {
        bits: u8,
        signed: bool,
    },
    /// Conversion between classes; `unsigned` for `ui2*`.
    Conv {
        from: Class,
        to: Class,
        unsigned: bool,
    },
    Neg {
        class: Class,
        w32: bool,
    },
    /// `addr`, `addr8/16/32`: `bits` is 64 for plain `addr`.
    Addr {
        bits: u8,
    },
    IBin {
        op: IBinOp,
        w32: bool,
    },
    FBin {
        op: FBinOp,
        class: Class,
    },
    ICmp {
        cond: ICond,
        w32: bool,
    },
    FCmp {
        cond: FCond,
        class: Class,
    },
    Ovf {
        op: OvfOp,
        w32: bool,
    },
    Jmp,
    /// `bt`/`bf` (`if_true`) and their 32-bit forms.
    BTest {
        if_true: bool,
        w32: bool,
    },
    /// `bo`/`bno`/`ubo`/`ubno`: `unsigned` flag, jump when `set` or clear.
    BOvf {
        unsigned: bool,
        set: bool,
    },
    BICmp {
        cond: ICond,
        w32: bool,
    },
    BFCmp {
        cond: FCond,
        class: Class,
    },
    Laddr,
    Jmpi,
    Call,
    Inline,
    JCall,
    Switch,
    Ret,
    JRet,
    Alloca,
    BStart,
    BEnd,
    VaArg,
    VaBlockArg,
    VaStart,
    VaEnd,
    Label,
    Unspec,
    PrSet,
    /// `prbeq` (`eq`) / `prbne`.
    PrBranch {
        eq: bool,
    },
    Use,
    Phi,
    Invalid,
}

impl Family {
    /// Instructions with a variable operand count.
    pub fn is_variable_arity(self) -> bool {
        matches!(
            self,
            Family::Call
                | Family::Inline
                | Family::JCall
                | Family::Switch
                | Family::Ret
                | Family::Unspec
                | Family::Use
                | Family::Phi
        )
    }
    /// Instructions that may not appear in text or pass the verifier.
    pub fn is_internal(self) -> bool {
        matches!(
            self,
            Family::Label | Family::Unspec | Family::Use | Family::Phi | Family::Invalid
        )
    }
    /// Whether operand 0 is a label (branches; `laddr` has it at 1).
    pub fn has_label_first(self) -> bool {
        matches!(
            self,
            Family::Jmp
                | Family::BTest { .. }
                | Family::BOvf { .. }
                | Family::BICmp { .. }
                | Family::BFCmp { .. }
                | Family::PrBranch { .. }
        )
    }
    /// Whether control never falls through to the next instruction.
    pub fn is_terminator(self) -> bool {
        matches!(
            self,
            Family::Jmp
                | Family::Jmpi
                | Family::Switch
                | Family::Ret
                | Family::JRet
                | Family::JCall
        )
    }
}

/// Static facts about one opcode.
#[derive(Debug)]
pub struct OpInfo {
    pub name: &'static str,
    pub family: Family,
    /// Expected operands for fixed-arity opcodes; for variable-arity ones,
    /// the leading fixed part (e.g. `switch`'s index).
    pub operands: &'static [Spec],
}

/// Calls `$m!` with the whole opcode table.
///
/// Each row is `(Variant, "mnemonic", family, [operand specs])`, in MIR's
/// numeric order.
#[macro_export]
macro_rules! for_each_opcode {
    ($m:ident) => {
        $m! {
            (Mov, "mov", Move(Class::Int), [OI, I]),
            (FMov, "fmov", Move(Class::F), [OF, F]),
            (DMov, "dmov", Move(Class::D), [OD, D]),
            (LDMov, "ldmov", Move(Class::LD), [OLD, LD]),
            (Ext8, "ext8", Ext { bits: 8, signed: true }, [OI, I]),
            (Ext16, "ext16", Ext { bits: 16, signed: true }, [OI, I]),
            (Ext32, "ext32", Ext { bits: 32, signed: true }, [OI, I]),
            (UExt8, "uext8", Ext { bits: 8, signed: false }, [OI, I]),
            (UExt16, "uext16", Ext { bits: 16, signed: false }, [OI, I]),
            (UExt32, "uext32", Ext { bits: 32, signed: false }, [OI, I]),
            (I2F, "i2f", Conv { from: Class::Int, to: Class::F, unsigned: false }, [OF, I]),
            (I2D, "i2d", Conv { from: Class::Int, to: Class::D, unsigned: false }, [OD, I]),
            (I2LD, "i2ld", Conv { from: Class::Int, to: Class::LD, unsigned: false }, [OLD, I]),
            (UI2F, "ui2f", Conv { from: Class::Int, to: Class::F, unsigned: true }, [OF, I]),
            (UI2D, "ui2d", Conv { from: Class::Int, to: Class::D, unsigned: true }, [OD, I]),
            (UI2LD, "ui2ld", Conv { from: Class::Int, to: Class::LD, unsigned: true }, [OLD, I]),
            (F2I, "f2i", Conv { from: Class::F, to: Class::Int, unsigned: false }, [OI, F]),
            (D2I, "d2i", Conv { from: Class::D, to: Class::Int, unsigned: false }, [OI, D]),
            (LD2I, "ld2i", Conv { from: Class::LD, to: Class::Int, unsigned: false }, [OI, LD]),
            (F2D, "f2d", Conv { from: Class::F, to: Class::D, unsigned: false }, [OD, F]),
            (F2LD, "f2ld", Conv { from: Class::F, to: Class::LD, unsigned: false }, [OLD, F]),
            (D2F, "d2f", Conv { from: Class::D, to: Class::F, unsigned: false }, [OF, D]),
            (D2LD, "d2ld", Conv { from: Class::D, to: Class::LD, unsigned: false }, [OLD, D]),
            (LD2F, "ld2f", Conv { from: Class::LD, to: Class::F, unsigned: false }, [OF, LD]),
            (LD2D, "ld2d", Conv { from: Class::LD, to: Class::D, unsigned: false }, [OD, LD]),
            (Neg, "neg", Neg { class: Class::Int, w32: false }, [OI, I]),
            (NegS, "negs", Neg { class: Class::Int, w32: true }, [OI, I]),
            (FNeg, "fneg", Neg { class: Class::F, w32: false }, [OF, F]),
            (DNeg, "dneg", Neg { class: Class::D, w32: false }, [OD, D]),
            (LDNeg, "ldneg", Neg { class: Class::LD, w32: false }, [OLD, LD]),
            (Addr, "addr", Addr { bits: 64 }, [OI, R]),
            (Addr8, "addr8", Addr { bits: 8 }, [OI, R]),
            (Addr16, "addr16", Addr { bits: 16 }, [OI, R]),
            (Addr32, "addr32", Addr { bits: 32 }, [OI, R]),
            (Add, "add", IBin { op: IBinOp::Add, w32: false }, [OI, I, I]),
            (AddS, "adds", IBin { op: IBinOp::Add, w32: true }, [OI, I, I]),
            (FAdd, "fadd", FBin { op: FBinOp::Add, class: Class::F }, [OF, F, F]),
            (DAdd, "dadd", FBin { op: FBinOp::Add, class: Class::D }, [OD, D, D]),
            (LDAdd, "ldadd", FBin { op: FBinOp::Add, class: Class::LD }, [OLD, LD, LD]),
            (Sub, "sub", IBin { op: IBinOp::Sub, w32: false }, [OI, I, I]),
            (SubS, "subs", IBin { op: IBinOp::Sub, w32: true }, [OI, I, I]),
            (FSub, "fsub", FBin { op: FBinOp::Sub, class: Class::F }, [OF, F, F]),
            (DSub, "dsub", FBin { op: FBinOp::Sub, class: Class::D }, [OD, D, D]),
            (LDSub, "ldsub", FBin { op: FBinOp::Sub, class: Class::LD }, [OLD, LD, LD]),
            (Mul, "mul", IBin { op: IBinOp::Mul, w32: false }, [OI, I, I]),
            (MulS, "muls", IBin { op: IBinOp::Mul, w32: true }, [OI, I, I]),
            (FMul, "fmul", FBin { op: FBinOp::Mul, class: Class::F }, [OF, F, F]),
            (DMul, "dmul", FBin { op: FBinOp::Mul, class: Class::D }, [OD, D, D]),
            (LDMul, "ldmul", FBin { op: FBinOp::Mul, class: Class::LD }, [OLD, LD, LD]),
            (Div, "div", IBin { op: IBinOp::Div, w32: false }, [OI, I, I]),
            (DivS, "divs", IBin { op: IBinOp::Div, w32: true }, [OI, I, I]),
            (UDiv, "udiv", IBin { op: IBinOp::UDiv, w32: false }, [OI, I, I]),
            (UDivS, "udivs", IBin { op: IBinOp::UDiv, w32: true }, [OI, I, I]),
            (FDiv, "fdiv", FBin { op: FBinOp::Div, class: Class::F }, [OF, F, F]),
            (DDiv, "ddiv", FBin { op: FBinOp::Div, class: Class::D }, [OD, D, D]),
            (LDDiv, "lddiv", FBin { op: FBinOp::Div, class: Class::LD }, [OLD, LD, LD]),
            (Mod, "mod", IBin { op: IBinOp::Mod, w32: false }, [OI, I, I]),
            (ModS, "mods", IBin { op: IBinOp::Mod, w32: true }, [OI, I, I]),
            (UMod, "umod", IBin { op: IBinOp::UMod, w32: false }, [OI, I, I]),
            (UModS, "umods", IBin { op: IBinOp::UMod, w32: true }, [OI, I, I]),
            (And, "and", IBin { op: IBinOp::And, w32: false }, [OI, I, I]),
            (AndS, "ands", IBin { op: IBinOp::And, w32: true }, [OI, I, I]),
            (Or, "or", IBin { op: IBinOp::Or, w32: false }, [OI, I, I]),
            (OrS, "ors", IBin { op: IBinOp::Or, w32: true }, [OI, I, I]),
            (Xor, "xor", IBin { op: IBinOp::Xor, w32: false }, [OI, I, I]),
            (XorS, "xors", IBin { op: IBinOp::Xor, w32: true }, [OI, I, I]),
            (Lsh, "lsh", IBin { op: IBinOp::Lsh, w32: false }, [OI, I, I]),
            (LshS, "lshs", IBin { op: IBinOp::Lsh, w32: true }, [OI, I, I]),
            (Rsh, "rsh", IBin { op: IBinOp::Rsh, w32: false }, [OI, I, I]),
            (RshS, "rshs", IBin { op: IBinOp::Rsh, w32: true }, [OI, I, I]),
            (URsh, "ursh", IBin { op: IBinOp::URsh, w32: false }, [OI, I, I]),
            (URshS, "urshs", IBin { op: IBinOp::URsh, w32: true }, [OI, I, I]),
            (Eq, "eq", ICmp { cond: ICond::Eq, w32: false }, [OI, I, I]),
            (EqS, "eqs", ICmp { cond: ICond::Eq, w32: true }, [OI, I, I]),
            (FEq, "feq", FCmp { cond: FCond::Eq, class: Class::F }, [OI, F, F]),
            (DEq, "deq", FCmp { cond: FCond::Eq, class: Class::D }, [OI, D, D]),
            (LDEq, "ldeq", FCmp { cond: FCond::Eq, class: Class::LD }, [OI, LD, LD]),
            (Ne, "ne", ICmp { cond: ICond::Ne, w32: false }, [OI, I, I]),
            (NeS, "nes", ICmp { cond: ICond::Ne, w32: true }, [OI, I, I]),
            (FNe, "fne", FCmp { cond: FCond::Ne, class: Class::F }, [OI, F, F]),
            (DNe, "dne", FCmp { cond: FCond::Ne, class: Class::D }, [OI, D, D]),
            (LDNe, "ldne", FCmp { cond: FCond::Ne, class: Class::LD }, [OI, LD, LD]),
            (Lt, "lt", ICmp { cond: ICond::Lt, w32: false }, [OI, I, I]),
            (LtS, "lts", ICmp { cond: ICond::Lt, w32: true }, [OI, I, I]),
            (ULt, "ult", ICmp { cond: ICond::Ult, w32: false }, [OI, I, I]),
            (ULtS, "ults", ICmp { cond: ICond::Ult, w32: true }, [OI, I, I]),
            (FLt, "flt", FCmp { cond: FCond::Lt, class: Class::F }, [OI, F, F]),
            (DLt, "dlt", FCmp { cond: FCond::Lt, class: Class::D }, [OI, D, D]),
            (LDLt, "ldlt", FCmp { cond: FCond::Lt, class: Class::LD }, [OI, LD, LD]),
            (Le, "le", ICmp { cond: ICond::Le, w32: false }, [OI, I, I]),
            (LeS, "les", ICmp { cond: ICond::Le, w32: true }, [OI, I, I]),
            (ULe, "ule", ICmp { cond: ICond::Ule, w32: false }, [OI, I, I]),
            (ULeS, "ules", ICmp { cond: ICond::Ule, w32: true }, [OI, I, I]),
            (FLe, "fle", FCmp { cond: FCond::Le, class: Class::F }, [OI, F, F]),
            (DLe, "dle", FCmp { cond: FCond::Le, class: Class::D }, [OI, D, D]),
            (LDLe, "ldle", FCmp { cond: FCond::Le, class: Class::LD }, [OI, LD, LD]),
            (Gt, "gt", ICmp { cond: ICond::Gt, w32: false }, [OI, I, I]),
            (GtS, "gts", ICmp { cond: ICond::Gt, w32: true }, [OI, I, I]),
            (UGt, "ugt", ICmp { cond: ICond::Ugt, w32: false }, [OI, I, I]),
            (UGtS, "ugts", ICmp { cond: ICond::Ugt, w32: true }, [OI, I, I]),
            (FGt, "fgt", FCmp { cond: FCond::Gt, class: Class::F }, [OI, F, F]),
            (DGt, "dgt", FCmp { cond: FCond::Gt, class: Class::D }, [OI, D, D]),
            (LDGt, "ldgt", FCmp { cond: FCond::Gt, class: Class::LD }, [OI, LD, LD]),
            (Ge, "ge", ICmp { cond: ICond::Ge, w32: false }, [OI, I, I]),
            (GeS, "ges", ICmp { cond: ICond::Ge, w32: true }, [OI, I, I]),
            (UGe, "uge", ICmp { cond: ICond::Uge, w32: false }, [OI, I, I]),
            (UGeS, "uges", ICmp { cond: ICond::Uge, w32: true }, [OI, I, I]),
            (FGe, "fge", FCmp { cond: FCond::Ge, class: Class::F }, [OI, F, F]),
            (DGe, "dge", FCmp { cond: FCond::Ge, class: Class::D }, [OI, D, D]),
            (LDGe, "ldge", FCmp { cond: FCond::Ge, class: Class::LD }, [OI, LD, LD]),
            (AddO, "addo", Ovf { op: OvfOp::Add, w32: false }, [OI, I, I]),
            (AddOS, "addos", Ovf { op: OvfOp::Add, w32: true }, [OI, I, I]),
            (SubO, "subo", Ovf { op: OvfOp::Sub, w32: false }, [OI, I, I]),
            (SubOS, "subos", Ovf { op: OvfOp::Sub, w32: true }, [OI, I, I]),
            (MulO, "mulo", Ovf { op: OvfOp::Mul, w32: false }, [OI, I, I]),
            (MulOS, "mulos", Ovf { op: OvfOp::Mul, w32: true }, [OI, I, I]),
            (UMulO, "umulo", Ovf { op: OvfOp::UMul, w32: false }, [OI, I, I]),
            (UMulOS, "umulos", Ovf { op: OvfOp::UMul, w32: true }, [OI, I, I]),
            (Jmp, "jmp", Jmp, [L]),
            (Bt, "bt", BTest { if_true: true, w32: false }, [L, I]),
            (BtS, "bts", BTest { if_true: true, w32: true }, [L, I]),
            (Bf, "bf", BTest { if_true: false, w32: false }, [L, I]),
            (BfS, "bfs", BTest { if_true: false, w32: true }, [L, I]),
            (Beq, "beq", BICmp { cond: ICond::Eq, w32: false }, [L, I, I]),
            (BeqS, "beqs", BICmp { cond: ICond::Eq, w32: true }, [L, I, I]),
            (FBeq, "fbeq", BFCmp { cond: FCond::Eq, class: Class::F }, [L, F, F]),
            (DBeq, "dbeq", BFCmp { cond: FCond::Eq, class: Class::D }, [L, D, D]),
            (LDBeq, "ldbeq", BFCmp { cond: FCond::Eq, class: Class::LD }, [L, LD, LD]),
            (Bne, "bne", BICmp { cond: ICond::Ne, w32: false }, [L, I, I]),
            (BneS, "bnes", BICmp { cond: ICond::Ne, w32: true }, [L, I, I]),
            (FBne, "fbne", BFCmp { cond: FCond::Ne, class: Class::F }, [L, F, F]),
            (DBne, "dbne", BFCmp { cond: FCond::Ne, class: Class::D }, [L, D, D]),
            (LDBne, "ldbne", BFCmp { cond: FCond::Ne, class: Class::LD }, [L, LD, LD]),
            (Blt, "blt", BICmp { cond: ICond::Lt, w32: false }, [L, I, I]),
            (BltS, "blts", BICmp { cond: ICond::Lt, w32: true }, [L, I, I]),
            (UBlt, "ublt", BICmp { cond: ICond::Ult, w32: false }, [L, I, I]),
            (UBltS, "ublts", BICmp { cond: ICond::Ult, w32: true }, [L, I, I]),
            (FBlt, "fblt", BFCmp { cond: FCond::Lt, class: Class::F }, [L, F, F]),
            (DBlt, "dblt", BFCmp { cond: FCond::Lt, class: Class::D }, [L, D, D]),
            (LDBlt, "ldblt", BFCmp { cond: FCond::Lt, class: Class::LD }, [L, LD, LD]),
            (Ble, "ble", BICmp { cond: ICond::Le, w32: false }, [L, I, I]),
            (BleS, "bles", BICmp { cond: ICond::Le, w32: true }, [L, I, I]),
            (UBle, "uble", BICmp { cond: ICond::Ule, w32: false }, [L, I, I]),
            (UBleS, "ubles", BICmp { cond: ICond::Ule, w32: true }, [L, I, I]),
            (FBle, "fble", BFCmp { cond: FCond::Le, class: Class::F }, [L, F, F]),
            (DBle, "dble", BFCmp { cond: FCond::Le, class: Class::D }, [L, D, D]),
            (LDBle, "ldble", BFCmp { cond: FCond::Le, class: Class::LD }, [L, LD, LD]),
            (Bgt, "bgt", BICmp { cond: ICond::Gt, w32: false }, [L, I, I]),
            (BgtS, "bgts", BICmp { cond: ICond::Gt, w32: true }, [L, I, I]),
            (UBgt, "ubgt", BICmp { cond: ICond::Ugt, w32: false }, [L, I, I]),
            (UBgtS, "ubgts", BICmp { cond: ICond::Ugt, w32: true }, [L, I, I]),
            (FBgt, "fbgt", BFCmp { cond: FCond::Gt, class: Class::F }, [L, F, F]),
            (DBgt, "dbgt", BFCmp { cond: FCond::Gt, class: Class::D }, [L, D, D]),
            (LDBgt, "ldbgt", BFCmp { cond: FCond::Gt, class: Class::LD }, [L, LD, LD]),
            (Bge, "bge", BICmp { cond: ICond::Ge, w32: false }, [L, I, I]),
            (BgeS, "bges", BICmp { cond: ICond::Ge, w32: true }, [L, I, I]),
            (UBge, "ubge", BICmp { cond: ICond::Uge, w32: false }, [L, I, I]),
            (UBgeS, "ubges", BICmp { cond: ICond::Uge, w32: true }, [L, I, I]),
            (FBge, "fbge", BFCmp { cond: FCond::Ge, class: Class::F }, [L, F, F]),
            (DBge, "dbge", BFCmp { cond: FCond::Ge, class: Class::D }, [L, D, D]),
            (LDBge, "ldbge", BFCmp { cond: FCond::Ge, class: Class::LD }, [L, LD, LD]),
            (Bo, "bo", BOvf { unsigned: false, set: true }, [L]),
            (UBo, "ubo", BOvf { unsigned: true, set: true }, [L]),
            (Bno, "bno", BOvf { unsigned: false, set: false }, [L]),
            (UBno, "ubno", BOvf { unsigned: true, set: false }, [L]),
            (Laddr, "laddr", Laddr, [OI, L]),
            (Jmpi, "jmpi", Jmpi, [I]),
            (Call, "call", Call, []),
            (Inline, "inline", Inline, []),
            (JCall, "jcall", JCall, []),
            (Switch, "switch", Switch, [I]),
            (Ret, "ret", Ret, []),
            (JRet, "jret", JRet, [I]),
            (Alloca, "alloca", Alloca, [OI, I]),
            (BStart, "bstart", BStart, [OI]),
            (BEnd, "bend", BEnd, [I]),
            (VaArg, "va_arg", VaArg, [OI, I, M]),
            (VaBlockArg, "va_block_arg", VaBlockArg, [I, I, I, I]),
            (VaStart, "va_start", VaStart, [I]),
            (VaEnd, "va_end", VaEnd, [I]),
            (Label, "label", Label, []),
            (Unspec, "unspec", Unspec, []),
            (PrSet, "prset", PrSet, [Loc, Imm]),
            (PrBeq, "prbeq", PrBranch { eq: true }, [L, Loc, Imm]),
            (PrBne, "prbne", PrBranch { eq: false }, [L, Loc, Imm]),
            (Use, "use", Use, []),
            (Phi, "phi", Phi, []),
            (Invalid, "invalid-insn", Invalid, []),
        }
    };
}

macro_rules! define_opcodes {
    ($(($variant:ident, $name:literal, $family:expr, [$($spec:ident),*])),* $(,)?) => {
        /// A MIR opcode; `op as u8` is MIR's numeric code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $($variant),*
        }

        /// Facts about every opcode, indexed by `op as usize`.
        pub static OPCODES: &[OpInfo] = &[
            $(OpInfo {
                name: $name,
                family: { #[allow(unused_imports)] use Family::*; $family },
                operands: &[$(Spec::$spec),*],
            }),*
        ];

        impl Opcode {
            /// Every opcode in numeric order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$variant),*];
        }
    };
}

for_each_opcode!(define_opcodes);

impl Opcode {
    #[inline]
    pub fn info(self) -> &'static OpInfo {
        &OPCODES[self as usize]
    }
    #[inline]
    pub fn name(self) -> &'static str {
        self.info().name
    }
    #[inline]
    pub fn family(self) -> Family {
        self.info().family
    }
    /// From MIR's numeric code.
    pub fn from_code(code: u8) -> Option<Opcode> {
        Opcode::ALL.get(code as usize).copied()
    }
    /// Looks up a mnemonic as written in text. Internal opcodes (`label`,
    /// `unspec`, `use`, `phi`, `invalid-insn`) are found too; the reader
    /// rejects them with a precise message.
    pub fn from_name(name: &str) -> Option<Opcode> {
        name_index().get(name).copied()
    }
}

fn name_index() -> &'static crate::hash::NameMap<&'static str, Opcode> {
    static INDEX: std::sync::OnceLock<crate::hash::NameMap<&'static str, Opcode>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| Opcode::ALL.iter().map(|&op| (op.name(), op)).collect())
}

impl std::fmt::Display for Opcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_mir_numbering() {
        assert_eq!(Opcode::ALL.len(), 188);
        assert_eq!(Opcode::Mov as u8, 0);
        assert_eq!(Opcode::Neg as u8, 25);
        assert_eq!(Opcode::Add as u8, 34);
        assert_eq!(Opcode::UModS as u8, 59);
        assert_eq!(Opcode::Eq as u8, 72);
        assert_eq!(Opcode::AddO as u8, 110);
        assert_eq!(Opcode::Jmp as u8, 118);
        assert_eq!(Opcode::Bo as u8, 161);
        assert_eq!(Opcode::Call as u8, 167);
        assert_eq!(Opcode::Ret as u8, 171);
        assert_eq!(Opcode::VaArg as u8, 176);
        assert_eq!(Opcode::Label as u8, 180);
        assert_eq!(Opcode::PrBne as u8, 184);
        assert_eq!(Opcode::Invalid as u8, 187);
    }

    #[test]
    fn names_are_unique_and_found() {
        for &op in Opcode::ALL {
            assert_eq!(Opcode::from_name(op.name()), Some(op));
            assert_eq!(Opcode::from_code(op as u8), Some(op));
        }
        assert_eq!(Opcode::from_name("umul"), None);
    }

    #[test]
    fn fixed_arity_matches_spec_counts() {
        // nops column of spec §5.18 for fixed-arity opcodes.
        for &op in Opcode::ALL {
            let fam = op.family();
            if fam.is_variable_arity() || fam.is_internal() {
                continue;
            }
            let n = op.info().operands.len();
            let expected = match fam {
                Family::Jmp | Family::BOvf { .. } | Family::Jmpi | Family::JRet => 1,
                Family::BStart | Family::BEnd | Family::VaStart | Family::VaEnd => 1,
                Family::BTest { .. } | Family::Laddr | Family::Alloca | Family::PrSet => 2,
                Family::VaArg | Family::PrBranch { .. } => 3,
                Family::VaBlockArg => 4,
                Family::Move(_)
                | Family::Ext { .. }
                | Family::Conv { .. }
                | Family::Neg { .. }
                | Family::Addr { .. } => 2,
                _ => 3,
            };
            assert_eq!(n, expected, "{op}");
        }
    }
}
