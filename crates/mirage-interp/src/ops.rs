//! Handlers for everything but calls: moves, arithmetic, conversions,
//! comparisons, loads and stores, branches, `switch`, `jmpi`, `alloca`,
//! `bstart`/`bend` and the `va_*` instructions.
//!
//! Operations are small zero-sized types implementing one of a few traits
//! ([`IntOp`], [`DivOp`], [`SlotOp`], …); a handful of generic handlers
//! (`int_rr`, `int_ri`, `slot_op`, `ld_b`, …) are instantiated per operation
//! and per operand form, for both dispatch modes. Exact MIR semantics live
//! in the operation definitions: 32-bit (`…s`) results are sign-extended,
//! except the unsigned `udivs umods urshs umulos`, which are zero-extended
//! (spec §10 #11); shift counts are taken modulo the width (#12); integer
//! division by zero and `MIN / -1` trap (#13); float→int conversions of NaN
//! or out-of-range values give 0x8000000000000000 (§5.3); `ld` goes through
//! the x87 ([`crate::ld`]).
//!
//! All handlers are `unsafe fn` with the contract of [`Handler`]: the
//! instruction's frame offsets were validated by lowering, so slot accesses
//! are in bounds; addresses loaded from or stored to are the program's own.
//!
//! [`Handler`]: crate::icode::Handler

use crate::exec::{frame_floor, next, rd, slot, trap, wr, Cx};
use crate::icode::{Exit, Inst};
use crate::ld::{self, LdBin, LdCmp};
use crate::trap::TrapKind;
use crate::valist::VaList;
use mirage_ir::abi::Val;
use mirage_ir::Type;

// ---------------------------------------------------------------------------
// Operation traits.

/// A binary operation on 64-bit integers (arithmetic, logic, comparisons).
pub(crate) trait IntOp {
    fn f(a: u64, b: u64) -> u64;
}
/// A unary integer operation.
pub(crate) trait IntUn {
    fn f(a: u64) -> u64;
}
/// Division and remainder: `Err(true)` on a zero divisor, `Err(false)` on
/// overflow.
pub(crate) trait DivOp {
    fn f(a: u64, b: u64) -> Result<u64, bool>;
}
/// A binary operation on slots (floating classes).
pub(crate) trait SlotOp {
    unsafe fn f(d: *mut u8, a: *const u8, b: *const u8);
}
/// A unary operation on slots (conversions, negation, moves).
pub(crate) trait SlotUn {
    unsafe fn f(d: *mut u8, a: *const u8);
}
/// A predicate on two slots (floating comparisons).
pub(crate) trait SlotPred {
    unsafe fn f(a: *const u8, b: *const u8) -> bool;
}
/// An overflow-detecting operation: result and flags (bit 0 signed
/// overflow, bit 1 unsigned overflow).
pub(crate) trait OvfOp {
    fn f(a: u64, b: u64) -> (u64, u8);
}
/// Loading a memory type into a slot.
pub(crate) trait LoadTy {
    unsafe fn load(d: *mut u8, p: *const u8);
}
/// Loading an integer memory type as a value (fused forms).
pub(crate) trait LoadVal {
    unsafe fn val(p: *const u8) -> u64;
}
impl LoadVal for Ld64 {
    #[inline(always)]
    unsafe fn val(p: *const u8) -> u64 {
        (p as *const u64).read_unaligned()
    }
}
impl LoadVal for LdI32 {
    #[inline(always)]
    unsafe fn val(p: *const u8) -> u64 {
        (p as *const i32).read_unaligned() as i64 as u64
    }
}

/// Storing a slot into a memory type.
pub(crate) trait StoreTy {
    unsafe fn store(p: *mut u8, s: *const u8);
}

#[inline(always)]
fn s32(v: u32) -> u64 {
    v as i32 as i64 as u64
}

macro_rules! int_ops {
    ($($name:ident($a:ident, $b:ident) => $e:expr;)*) => {$(
        pub(crate) struct $name;
        impl IntOp for $name {
            #[inline(always)]
            fn f($a: u64, $b: u64) -> u64 { $e }
        }
    )*};
}

int_ops! {
    Add(a, b) => a.wrapping_add(b);
    AddS(a, b) => s32((a as u32).wrapping_add(b as u32));
    Sub(a, b) => a.wrapping_sub(b);
    SubS(a, b) => s32((a as u32).wrapping_sub(b as u32));
    Mul(a, b) => a.wrapping_mul(b);
    MulS(a, b) => s32((a as u32).wrapping_mul(b as u32));
    And(a, b) => a & b;
    AndS(a, b) => s32(a as u32 & b as u32);
    Or(a, b) => a | b;
    OrS(a, b) => s32(a as u32 | b as u32);
    Xor(a, b) => a ^ b;
    XorS(a, b) => s32(a as u32 ^ b as u32);
    Lsh(a, b) => a << (b & 63);
    LshS(a, b) => s32((a as u32) << (b & 31));
    Rsh(a, b) => ((a as i64) >> (b & 63)) as u64;
    RshS(a, b) => ((a as i32) >> (b & 31)) as i64 as u64;
    URsh(a, b) => a >> (b & 63);
    URshS(a, b) => ((a as u32) >> (b & 31)) as u64;
    Eq(a, b) => (a == b) as u64;
    EqS(a, b) => (a as u32 == b as u32) as u64;
    Ne(a, b) => (a != b) as u64;
    NeS(a, b) => (a as u32 != b as u32) as u64;
    Lt(a, b) => ((a as i64) < (b as i64)) as u64;
    LtS(a, b) => ((a as i32) < (b as i32)) as u64;
    Ult(a, b) => (a < b) as u64;
    UltS(a, b) => ((a as u32) < (b as u32)) as u64;
    Le(a, b) => ((a as i64) <= (b as i64)) as u64;
    LeS(a, b) => ((a as i32) <= (b as i32)) as u64;
    Ule(a, b) => (a <= b) as u64;
    UleS(a, b) => ((a as u32) <= (b as u32)) as u64;
    // Division and remainder by 2^b (1 <= b <= 62, or 30 for the 32-bit
    // forms; chosen at lowering for power-of-two immediates): no trap is
    // possible; signed division rounds toward zero.
    DivP2(a, b) => {
        let bias = (((a as i64) >> 63) as u64) >> (64 - b);
        ((a.wrapping_add(bias) as i64) >> b) as u64
    };
    DivP2S(a, b) => {
        let x = a as i32;
        let bias = ((x >> 31) as u32) >> (32 - b);
        (x.wrapping_add(bias as i32) >> b) as i64 as u64
    };
    UDivP2(a, b) => a >> b;
    UDivP2S(a, b) => ((a as u32) >> b) as u64;
    UModP2(a, b) => a & ((1u64 << b) - 1);
    UModP2S(a, b) => ((a as u32) & ((1u32 << b) - 1)) as u64;
    Gt(a, b) => ((a as i64) > (b as i64)) as u64;
    GtS(a, b) => ((a as i32) > (b as i32)) as u64;
    Ugt(a, b) => (a > b) as u64;
    UgtS(a, b) => ((a as u32) > (b as u32)) as u64;
    Ge(a, b) => ((a as i64) >= (b as i64)) as u64;
    GeS(a, b) => ((a as i32) >= (b as i32)) as u64;
    Uge(a, b) => (a >= b) as u64;
    UgeS(a, b) => ((a as u32) >= (b as u32)) as u64;
}

macro_rules! int_uns {
    ($($name:ident($a:ident) => $e:expr;)*) => {$(
        pub(crate) struct $name;
        impl IntUn for $name {
            #[inline(always)]
            fn f($a: u64) -> u64 { $e }
        }
    )*};
}

int_uns! {
    Neg(a) => a.wrapping_neg();
    NegS(a) => s32((a as u32).wrapping_neg());
    Ext8(a) => a as i8 as i64 as u64;
    Ext16(a) => a as i16 as i64 as u64;
    Ext32(a) => a as i32 as i64 as u64;
    UExt8(a) => a as u8 as u64;
    UExt16(a) => a as u16 as u64;
    UExt32(a) => a as u32 as u64;
}

macro_rules! div_ops {
    ($($name:ident($a:ident, $b:ident) => $e:expr;)*) => {$(
        pub(crate) struct $name;
        impl DivOp for $name {
            #[inline(always)]
            fn f($a: u64, $b: u64) -> Result<u64, bool> { $e }
        }
    )*};
}

div_ops! {
    Div(a, b) => match (a as i64, b as i64) {
        (_, 0) => Err(true),
        (i64::MIN, -1) => Err(false),
        (x, y) => Ok((x / y) as u64),
    };
    DivS(a, b) => match (a as i32, b as i32) {
        (_, 0) => Err(true),
        (i32::MIN, -1) => Err(false),
        (x, y) => Ok((x / y) as i64 as u64),
    };
    UDiv(a, b) => a.checked_div(b).ok_or(true);
    UDivS(a, b) => (a as u32).checked_div(b as u32).map(u64::from).ok_or(true);
    Mod(a, b) => match (a as i64, b as i64) {
        (_, 0) => Err(true),
        (i64::MIN, -1) => Err(false),
        (x, y) => Ok((x % y) as u64),
    };
    ModS(a, b) => match (a as i32, b as i32) {
        (_, 0) => Err(true),
        (i32::MIN, -1) => Err(false),
        (x, y) => Ok((x % y) as i64 as u64),
    };
    UMod(a, b) => a.checked_rem(b).ok_or(true);
    UModS(a, b) => (a as u32).checked_rem(b as u32).map(u64::from).ok_or(true);
}

macro_rules! ovf_ops {
    ($($name:ident($a:ident, $b:ident) => $e:expr;)*) => {$(
        pub(crate) struct $name;
        impl OvfOp for $name {
            #[inline(always)]
            fn f($a: u64, $b: u64) -> (u64, u8) { $e }
        }
    )*};
}

#[inline(always)]
fn flags(s: bool, u: bool) -> u8 {
    s as u8 | (u as u8) << 1
}

ovf_ops! {
    AddO(a, b) => {
        let (r, s) = (a as i64).overflowing_add(b as i64);
        (r as u64, flags(s, a.overflowing_add(b).1))
    };
    AddOS(a, b) => {
        let (r, s) = (a as i32).overflowing_add(b as i32);
        (r as i64 as u64, flags(s, (a as u32).overflowing_add(b as u32).1))
    };
    SubO(a, b) => {
        let (r, s) = (a as i64).overflowing_sub(b as i64);
        (r as u64, flags(s, a < b))
    };
    SubOS(a, b) => {
        let (r, s) = (a as i32).overflowing_sub(b as i32);
        (r as i64 as u64, flags(s, (a as u32) < (b as u32)))
    };
    MulO(a, b) => {
        let (r, s) = (a as i64).overflowing_mul(b as i64);
        (r as u64, flags(s, a.overflowing_mul(b).1))
    };
    MulOS(a, b) => {
        let (r, s) = (a as i32).overflowing_mul(b as i32);
        (r as i64 as u64, flags(s, (a as u32).overflowing_mul(b as u32).1))
    };
    UMulO(a, b) => {
        let (r, u) = a.overflowing_mul(b);
        (r, flags((a as i64).overflowing_mul(b as i64).1, u))
    };
    UMulOS(a, b) => {
        let (r, u) = (a as u32).overflowing_mul(b as u32);
        (r as u64, flags((a as i32).overflowing_mul(b as i32).1, u))
    };
}

/// `cvttsd2si` semantics: truncation, 0x8000000000000000 for NaN and
/// out-of-range values.
#[inline(always)]
pub(crate) fn f64_to_i64(x: f64) -> i64 {
    if (-9223372036854775808.0..9223372036854775808.0).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

// Float operands may be memory (fused load-and-operate handlers), which
// MIR does not require to be aligned: unaligned accesses, the same
// instructions on x86-64.
#[inline(always)]
unsafe fn rf32(p: *const u8) -> f32 {
    (p as *const f32).read_unaligned()
}
#[inline(always)]
unsafe fn rf64(p: *const u8) -> f64 {
    (p as *const f64).read_unaligned()
}
#[inline(always)]
unsafe fn ri64(p: *const u8) -> i64 {
    (p as *const i64).read()
}
#[inline(always)]
unsafe fn wf32(d: *mut u8, v: f32) {
    (d as *mut u64).write_unaligned(v.to_bits() as u64)
}
#[inline(always)]
unsafe fn wf64(d: *mut u8, v: f64) {
    (d as *mut u64).write_unaligned(v.to_bits())
}
/// Stores a binary32 result into memory (4 bytes only).
#[inline(always)]
unsafe fn wf32_mem(d: *mut u8, v: f32) {
    (d as *mut f32).write_unaligned(v)
}

macro_rules! fbin {
    ($($name:ident: $r:ident, $w:ident, $op:tt;)*) => {$(
        pub(crate) struct $name;
        impl SlotOp for $name {
            #[inline(always)]
            unsafe fn f(d: *mut u8, a: *const u8, b: *const u8) { $w(d, $r(a) $op $r(b)) }
        }
    )*};
}

fbin! {
    FAdd: rf32, wf32, +;
    FSub: rf32, wf32, -;
    FMul: rf32, wf32, *;
    FDiv: rf32, wf32, /;
    DAdd: rf64, wf64, +;
    DSub: rf64, wf64, -;
    DMul: rf64, wf64, *;
    DDiv: rf64, wf64, /;
}

macro_rules! ldbin {
    ($($name:ident: $op:ident;)*) => {$(
        pub(crate) struct $name;
        impl SlotOp for $name {
            #[inline(always)]
            unsafe fn f(d: *mut u8, a: *const u8, b: *const u8) { ld::bin_raw(LdBin::$op, d, a, b) }
        }
    )*};
}

ldbin! {
    LdAdd: Add;
    LdSub: Sub;
    LdMul: Mul;
    LdDiv: Div;
}

macro_rules! fpred {
    ($($name:ident: $r:ident, $op:tt;)*) => {$(
        pub(crate) struct $name;
        impl SlotPred for $name {
            #[inline(always)]
            unsafe fn f(a: *const u8, b: *const u8) -> bool { $r(a) $op $r(b) }
        }
    )*};
}

fpred! {
    FEq: rf32, ==; FNe: rf32, !=; FLt: rf32, <; FLe: rf32, <=; FGt: rf32, >; FGe: rf32, >=;
    DEq: rf64, ==; DNe: rf64, !=; DLt: rf64, <; DLe: rf64, <=; DGt: rf64, >; DGe: rf64, >=;
}

macro_rules! ldpred {
    ($($name:ident: $c:ident;)*) => {$(
        pub(crate) struct $name;
        impl SlotPred for $name {
            #[inline(always)]
            unsafe fn f(a: *const u8, b: *const u8) -> bool { ld::cmp_raw(LdCmp::$c, a, b) }
        }
    )*};
}

ldpred! {
    LdEq: Eq; LdNe: Ne; LdLt: Lt; LdLe: Le; LdGt: Gt; LdGe: Ge;
}

macro_rules! sun {
    ($($name:ident($d:ident, $a:ident) => $e:expr;)*) => {$(
        pub(crate) struct $name;
        impl SlotUn for $name {
            #[inline(always)]
            unsafe fn f($d: *mut u8, $a: *const u8) { $e }
        }
    )*};
}

sun! {
    Mov8(d, a) => (d as *mut u64).write((a as *const u64).read());
    Mov16(d, a) => (d as *mut Val).write((a as *const Val).read());
    I2F(d, a) => wf32(d, ri64(a) as f32);
    I2D(d, a) => wf64(d, ri64(a) as f64);
    I2Ld(d, a) => ld::from_i64_raw(d, a);
    UI2F(d, a) => wf32(d, ri64(a) as u64 as f32);
    UI2D(d, a) => wf64(d, ri64(a) as u64 as f64);
    UI2Ld(d, a) => ld::from_u64_raw(d, a);
    F2I(d, a) => (d as *mut i64).write(f64_to_i64(rf32(a) as f64));
    D2I(d, a) => (d as *mut i64).write(f64_to_i64(rf64(a)));
    Ld2I(d, a) => ld::to_i64_raw(d, a);
    F2D(d, a) => wf64(d, rf32(a) as f64);
    F2Ld(d, a) => ld::from_f32_raw(d, a);
    D2F(d, a) => wf32(d, rf64(a) as f32);
    D2Ld(d, a) => ld::from_f64_raw(d, a);
    Ld2F(d, a) => { (d as *mut u64).write(0); ld::to_f32_raw(d, a) };
    Ld2D(d, a) => ld::to_f64_raw(d, a);
    FNeg(d, a) => wf32(d, -rf32(a));
    DNeg(d, a) => wf64(d, -rf64(a));
    LdNeg(d, a) => ld::neg_raw(d, a);
}

// Loads and stores (unaligned accesses are allowed, spec §4.3).
macro_rules! loads {
    ($($name:ident($d:ident, $p:ident) => $e:expr;)*) => {$(
        pub(crate) struct $name;
        impl LoadTy for $name {
            #[inline(always)]
            unsafe fn load($d: *mut u8, $p: *const u8) { $e }
        }
    )*};
}

loads! {
    LdI8(d, p) => (d as *mut i64).write((p as *const i8).read() as i64);
    LdU8(d, p) => (d as *mut u64).write(p.read() as u64);
    LdI16(d, p) => (d as *mut i64).write((p as *const i16).read_unaligned() as i64);
    LdU16(d, p) => (d as *mut u64).write((p as *const u16).read_unaligned() as u64);
    LdI32(d, p) => (d as *mut i64).write((p as *const i32).read_unaligned() as i64);
    LdU32(d, p) => (d as *mut u64).write((p as *const u32).read_unaligned() as u64);
    Ld64(d, p) => (d as *mut u64).write((p as *const u64).read_unaligned());
    Ld80(d, p) => {
        let mut v = Val::ZERO;
        core::ptr::copy_nonoverlapping(p, v.bytes.as_mut_ptr(), 10);
        (d as *mut Val).write(v)
    };
}

macro_rules! stores {
    ($($name:ident: $t:ty, $n:expr;)*) => {$(
        pub(crate) struct $name;
        impl StoreTy for $name {
            #[inline(always)]
            unsafe fn store(p: *mut u8, s: *const u8) {
                if $n == 10 {
                    core::ptr::copy_nonoverlapping(s, p, 10)
                } else {
                    (p as *mut $t).write_unaligned((s as *const $t).read())
                }
            }
        }
    )*};
}

stores! {
    St8: u8, 1;
    St16: u16, 2;
    St32: u32, 4;
    St64: u64, 8;
    St80: u8, 10;
}

// ---------------------------------------------------------------------------
// Generic handlers. Field use: see each handler.

#[inline(always)]
unsafe fn jump(ip: *const Inst, disp: u32) -> *const Inst {
    (ip as *const u8).offset(disp as i32 as isize) as *const Inst
}

/// a = b op x.lo (slots).
pub(crate) unsafe fn int_rr<const T: bool, O: IntOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    wr(fp, i.a, O::f(rd(fp, i.b), rd(fp, i.x as u32)));
    next!(T, ip.add(1), fp, cx)
}

/// a = b op x (immediate).
pub(crate) unsafe fn int_ri<const T: bool, O: IntOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    wr(fp, i.a, O::f(rd(fp, i.b), i.x));
    next!(T, ip.add(1), fp, cx)
}

/// a = op b.
pub(crate) unsafe fn int_un<const T: bool, O: IntUn>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    wr(fp, i.a, O::f(rd(fp, i.b)));
    next!(T, ip.add(1), fp, cx)
}

#[cold]
#[inline(never)]
fn div_trap(cx: &mut Cx, ip: *const Inst, zero: bool) -> Exit {
    trap(
        cx,
        ip,
        if zero {
            TrapKind::DivZero
        } else {
            TrapKind::DivOverflow
        },
    )
}

/// a = b op x.lo (slots), trapping.
pub(crate) unsafe fn div_rr<const T: bool, O: DivOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    match O::f(rd(fp, i.b), rd(fp, i.x as u32)) {
        Ok(v) => wr(fp, i.a, v),
        Err(z) => return div_trap(cx, ip, z),
    }
    next!(T, ip.add(1), fp, cx)
}

/// a = b op x (immediate), trapping.
pub(crate) unsafe fn div_ri<const T: bool, O: DivOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    match O::f(rd(fp, i.b), i.x) {
        Ok(v) => wr(fp, i.a, v),
        Err(z) => return div_trap(cx, ip, z),
    }
    next!(T, ip.add(1), fp, cx)
}

/// slot a = slot b op slot x.lo.
pub(crate) unsafe fn slot_op<const T: bool, O: SlotOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    O::f(slot(fp, i.a), slot(fp, i.b), slot(fp, i.x as u32));
    next!(T, ip.add(1), fp, cx)
}

/// slot a = op slot b.
pub(crate) unsafe fn slot_un<const T: bool, O: SlotUn>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    O::f(slot(fp, i.a), slot(fp, i.b));
    next!(T, ip.add(1), fp, cx)
}

/// a = pred(slot b, slot x.lo) as 0/1.
pub(crate) unsafe fn slot_pred<const T: bool, O: SlotPred>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    wr(fp, i.a, O::f(slot(fp, i.b), slot(fp, i.x as u32)) as u64);
    next!(T, ip.add(1), fp, cx)
}

/// a = b op x.lo, setting the overflow flags.
pub(crate) unsafe fn ovf_rr<const T: bool, O: OvfOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let (v, f) = O::f(rd(fp, i.b), rd(fp, i.x as u32));
    wr(fp, i.a, v);
    cx.ovf = f;
    next!(T, ip.add(1), fp, cx)
}

/// a = b op x (immediate), setting the overflow flags.
pub(crate) unsafe fn ovf_ri<const T: bool, O: OvfOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let (v, f) = O::f(rd(fp, i.b), i.x);
    wr(fp, i.a, v);
    cx.ovf = f;
    next!(T, ip.add(1), fp, cx)
}

/// Two fused integer operations through the destination: `A a, b, y;
/// B a, a, z` (lowering fuses `mul t, i, n; add t, t, j`, index
/// arithmetic). y is slot x.lo, or with `AI` the i32 immediate x.lo; z is
/// slot x.hi, or with `BI` the i32 immediate x.hi.
pub(crate) unsafe fn int2<const T: bool, A: IntOp, B: IntOp, const AI: bool, const BI: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let (lo, hi) = (i.x as u32, (i.x >> 32) as u32);
    let y = if AI {
        lo as i32 as i64 as u64
    } else {
        rd(fp, lo)
    };
    let z = if BI {
        hi as i32 as i64 as u64
    } else {
        rd(fp, hi)
    };
    wr(fp, i.a, B::f(A::f(rd(fp, i.b), y), z));
    next!(T, ip.add(1), fp, cx)
}

/// `int_ri::<A>` at ip, then `int_ri::<B>` at ip + 1, in one dispatch (a
/// jump to the second still runs it alone).
pub(crate) unsafe fn int_ri_pair<const T: bool, A: IntOp, B: IntOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    wr(fp, i.a, A::f(rd(fp, i.b), i.x));
    let j = &*ip.add(1);
    wr(fp, j.a, B::f(rd(fp, j.b), j.x));
    next!(T, ip.add(2), fp, cx)
}

/// a = x (64-bit immediate).
pub(crate) unsafe fn movi<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    wr(fp, i.a, i.x);
    next!(T, ip.add(1), fp, cx)
}

/// a = address of slot b (`addr`).
pub(crate) unsafe fn addr<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    wr(fp, i.a, slot(fp, i.b) as u64);
    next!(T, ip.add(1), fp, cx)
}

/// Load: slot a = [slot b + x].
pub(crate) unsafe fn ld_b<const T: bool, M: LoadTy>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    M::load(slot(fp, i.a), rd(fp, i.b).wrapping_add(i.x) as *const u8);
    next!(T, ip.add(1), fp, cx)
}

#[inline(always)]
unsafe fn bi_addr<const SH: u32>(fp: *mut u8, i: &Inst) -> u64 {
    rd(fp, i.b)
        .wrapping_add(rd(fp, i.x as u32) << SH)
        .wrapping_add((i.x >> 32) as i32 as i64 as u64)
}

/// Load: slot a = [slot b + (slot x.lo << SH) + x.hi].
pub(crate) unsafe fn ld_bi<const T: bool, M: LoadTy, const SH: u32>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    M::load(slot(fp, i.a), bi_addr::<SH>(fp, i) as *const u8);
    next!(T, ip.add(1), fp, cx)
}

/// Load: slot a = \[x\].
pub(crate) unsafe fn ld_abs<const T: bool, M: LoadTy>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    M::load(slot(fp, i.a), i.x as *const u8);
    next!(T, ip.add(1), fp, cx)
}

/// Store: [slot b + x] = slot a.
pub(crate) unsafe fn st_b<const T: bool, M: StoreTy>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    M::store(rd(fp, i.b).wrapping_add(i.x) as *mut u8, slot(fp, i.a));
    next!(T, ip.add(1), fp, cx)
}

/// Store: [slot b + (slot x.lo << SH) + x.hi] = slot a.
pub(crate) unsafe fn st_bi<const T: bool, M: StoreTy, const SH: u32>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    M::store(bi_addr::<SH>(fp, i) as *mut u8, slot(fp, i.a));
    next!(T, ip.add(1), fp, cx)
}

/// Store: \[x\] = slot a.
pub(crate) unsafe fn st_abs<const T: bool, M: StoreTy>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    M::store(i.x as *mut u8, slot(fp, i.a));
    next!(T, ip.add(1), fp, cx)
}

// ---------------------------------------------------------------------------
// Fused load-and-operate forms: the second source (or, for read-modify-
// write, the destination and first source) is memory at [slot x.lo + x.hi]
// (`_mb`: x.hi is an i32 displacement) or [slot x.lo + (slot x.hi << SH)]
// (`_mi`: no displacement).

#[inline(always)]
unsafe fn mb_addr(fp: *mut u8, x: u64) -> *mut u8 {
    rd(fp, x as u32).wrapping_add((x >> 32) as i32 as i64 as u64) as *mut u8
}
#[inline(always)]
unsafe fn mi_addr<const SH: u32>(fp: *mut u8, x: u64) -> *mut u8 {
    rd(fp, x as u32).wrapping_add(rd(fp, (x >> 32) as u32) << SH) as *mut u8
}

/// a = b op M\[mem\].
pub(crate) unsafe fn int_mb<const T: bool, O: IntOp, M: LoadVal>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    wr(fp, i.a, O::f(rd(fp, i.b), M::val(mb_addr(fp, i.x))));
    next!(T, ip.add(1), fp, cx)
}

/// a = b op M\[mem\] (indexed).
pub(crate) unsafe fn int_mi<const T: bool, O: IntOp, M: LoadVal, const SH: u32>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    wr(fp, i.a, O::f(rd(fp, i.b), M::val(mi_addr::<SH>(fp, i.x))));
    next!(T, ip.add(1), fp, cx)
}

/// i64\[mem\] = i64\[mem\] op slot a.
pub(crate) unsafe fn int_rmw_mb<const T: bool, O: IntOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let p = mb_addr(fp, i.x) as *mut u64;
    p.write_unaligned(O::f(p.read_unaligned(), rd(fp, i.a)));
    next!(T, ip.add(1), fp, cx)
}

/// i64\[mem\] = i64\[mem\] op slot a (indexed).
pub(crate) unsafe fn int_rmw_mi<const T: bool, O: IntOp, const SH: u32>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let p = mi_addr::<SH>(fp, i.x) as *mut u64;
    p.write_unaligned(O::f(p.read_unaligned(), rd(fp, i.a)));
    next!(T, ip.add(1), fp, cx)
}

/// slot a = slot b op \[mem\] (floating classes: the operation reads its
/// own width).
pub(crate) unsafe fn slot_op_mb<const T: bool, O: SlotOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    O::f(slot(fp, i.a), slot(fp, i.b), mb_addr(fp, i.x));
    next!(T, ip.add(1), fp, cx)
}

/// slot a = slot b op \[mem\] (indexed).
pub(crate) unsafe fn slot_op_mi<const T: bool, O: SlotOp, const SH: u32>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    O::f(slot(fp, i.a), slot(fp, i.b), mi_addr::<SH>(fp, i.x));
    next!(T, ip.add(1), fp, cx)
}

/// A floating operation writing memory: \[mem\] = \[mem\] op slot a.
pub(crate) trait MemOp {
    unsafe fn rmw(p: *mut u8, b: *const u8);
}

macro_rules! mem_ops {
    ($($name:ident: $r:ident, $w:ident, $op:tt;)*) => {$(
        pub(crate) struct $name;
        impl MemOp for $name {
            #[inline(always)]
            unsafe fn rmw(p: *mut u8, b: *const u8) { $w(p, $r(p) $op $r(b)) }
        }
    )*};
}

mem_ops! {
    MFAdd: rf32, wf32_mem, +;
    MFSub: rf32, wf32_mem, -;
    MFMul: rf32, wf32_mem, *;
    MDAdd: rf64, wf64, +;
    MDSub: rf64, wf64, -;
    MDMul: rf64, wf64, *;
}

/// \[mem\] = \[mem\] op slot a (floating).
pub(crate) unsafe fn fp_rmw_mb<const T: bool, O: MemOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    O::rmw(mb_addr(fp, i.x), slot(fp, i.a));
    next!(T, ip.add(1), fp, cx)
}

/// \[mem\] = \[mem\] op slot a (floating, indexed).
pub(crate) unsafe fn fp_rmw_mi<const T: bool, O: MemOp, const SH: u32>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    O::rmw(mi_addr::<SH>(fp, i.x), slot(fp, i.a));
    next!(T, ip.add(1), fp, cx)
}

/// A pair kept as two instructions, run by the first in one dispatch:
/// `slot_op_mi::<A, SH1>` at ip, then `fp_rmw_mi::<B, SH2>` at ip + 1 (a
/// jump to the second still runs it alone).
pub(crate) unsafe fn fp_op_rmw_mi<
    const T: bool,
    A: SlotOp,
    B: MemOp,
    const SH1: u32,
    const SH2: u32,
>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    A::f(slot(fp, i.a), slot(fp, i.b), mi_addr::<SH1>(fp, i.x));
    let j = &*ip.add(1);
    B::rmw(mi_addr::<SH2>(fp, j.x), slot(fp, j.a));
    next!(T, ip.add(2), fp, cx)
}

// ---------------------------------------------------------------------------
// Control flow. Branch displacements are in `b`.

/// `jmp`.
pub(crate) unsafe fn jmp<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    next!(T, jump(ip, (*ip).b), fp, cx)
}

/// Branch if op(slot a, slot x.lo) != 0.
pub(crate) unsafe fn br_rr<const T: bool, O: IntOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let to = if O::f(rd(fp, i.a), rd(fp, i.x as u32)) != 0 {
        jump(ip, i.b)
    } else {
        ip.add(1)
    };
    next!(T, to, fp, cx)
}

/// Branch if op(slot a, x) != 0.
pub(crate) unsafe fn br_ri<const T: bool, O: IntOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let to = if O::f(rd(fp, i.a), i.x) != 0 {
        jump(ip, i.b)
    } else {
        ip.add(1)
    };
    next!(T, to, fp, cx)
}

/// Fused `and a, s, imm` + a branch on whether the result is zero (`if (x
/// & mask)`): slot a = A(slot x.lo, x.hi as an i32 immediate), then branch
/// to b if `C(a, 0)`.
pub(crate) unsafe fn and_br<const T: bool, A: IntOp, C: IntOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let v = A::f(rd(fp, i.x as u32), (i.x >> 32) as i32 as i64 as u64);
    wr(fp, i.a, v);
    let to = if C::f(v, 0) != 0 {
        jump(ip, i.b)
    } else {
        ip.add(1)
    };
    next!(T, to, fp, cx)
}

/// Fused `add a, a, imm` + compare-and-branch on the new value (loop
/// increments): slot a += x.lo (i32 immediate, via `A`), then branch to b
/// if `C(a, slot x.hi)`.
pub(crate) unsafe fn add_br_rr<const T: bool, A: IntOp, C: IntOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let v = A::f(rd(fp, i.a), i.x as u32 as i32 as i64 as u64);
    wr(fp, i.a, v);
    let to = if C::f(v, rd(fp, (i.x >> 32) as u32)) != 0 {
        jump(ip, i.b)
    } else {
        ip.add(1)
    };
    next!(T, to, fp, cx)
}

/// As [`add_br_rr`] with an i32 immediate in x.hi as the second operand of
/// the comparison.
pub(crate) unsafe fn add_br_ri<const T: bool, A: IntOp, C: IntOp>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let v = A::f(rd(fp, i.a), i.x as u32 as i32 as i64 as u64);
    wr(fp, i.a, v);
    let to = if C::f(v, (i.x >> 32) as u32 as i32 as i64 as u64) != 0 {
        jump(ip, i.b)
    } else {
        ip.add(1)
    };
    next!(T, to, fp, cx)
}

/// Branch if pred(slot a, slot x.lo).
pub(crate) unsafe fn br_pred<const T: bool, O: SlotPred>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let to = if O::f(slot(fp, i.a), slot(fp, i.x as u32)) {
        jump(ip, i.b)
    } else {
        ip.add(1)
    };
    next!(T, to, fp, cx)
}

/// Overflow branch: jump if (flags & MASK != 0) == SET.
pub(crate) unsafe fn br_ovf<const T: bool, const MASK: u8, const SET: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let to = if (cx.ovf & MASK != 0) == SET {
        jump(ip, (*ip).b)
    } else {
        ip.add(1)
    };
    next!(T, to, fp, cx)
}

/// `switch`: index in slot a, `b` cases, displacement table at x.
pub(crate) unsafe fn switch<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let idx = rd(fp, i.a);
    if idx >= i.b as u64 {
        return trap(
            cx,
            ip,
            TrapKind::Switch {
                index: idx as i64,
                cases: i.b as usize,
            },
        );
    }
    let disp = *(i.x as *const i64).add(idx as usize);
    next!(
        T,
        (ip as *const u8).offset(disp as isize) as *const Inst,
        fp,
        cx
    )
}

/// `switch` with a default: slot a indexes the table at x (b cases, then
/// the default's displacement, taken for any index >= b).
pub(crate) unsafe fn switch_def<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let idx = rd(fp, i.a).min(i.b as u64);
    let disp = *(i.x as *const i64).add(idx as usize);
    next!(
        T,
        (ip as *const u8).offset(disp as isize) as *const Inst,
        fp,
        cx
    )
}

/// `jmpi`: to the label address in slot a of the current function.
pub(crate) unsafe fn jmpi<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    jump_to::<T>(ip, fp, cx, rd(fp, (*ip).a))
}

/// Continues at label address `to` of the current function (`jmpi`).
#[inline(always)]
unsafe fn jump_to<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx, to: u64) -> Exit {
    let ok = match cx.top_code() {
        Some(code) => code.is_label_address(to),
        None => false,
    };
    if !ok {
        return bad_jump(cx, ip, to);
    }
    next!(T, to as usize as *const Inst, fp, cx)
}

#[cold]
#[inline(never)]
fn bad_jump(cx: &mut Cx, ip: *const Inst, to: u64) -> Exit {
    trap(cx, ip, TrapKind::BadJump(to))
}

/// A 64-bit load as in `ld_bi` followed by `jmpi` of the loaded slot
/// (`mov t, i64:(table, op, 8); jmpi t`: threaded-code dispatch).
pub(crate) unsafe fn ld_jmpi_bi<const T: bool, const SH: u32>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let to = (bi_addr::<SH>(fp, i) as usize as *const u64).read_unaligned();
    wr(fp, i.a, to);
    jump_to::<T>(ip, fp, cx, to)
}

/// A by-value block argument of an inlined call (see `lower`): copies
/// x.hi bytes from the address in slot b to the frame area at offset x.lo
/// and puts the area's address into slot a, as a call's frame set-up
/// would.
pub(crate) unsafe fn blk_copy<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let dst = slot(fp, i.x as u32);
    crate::calls::copy_small(rd(fp, i.b) as *const u8, dst, (i.x >> 32) as usize);
    wr(fp, i.a, dst as u64);
    next!(T, ip.add(1), fp, cx)
}

/// The end of a function that has a `ret` elsewhere.
pub(crate) unsafe fn fell_off<const T: bool>(ip: *const Inst, _fp: *mut u8, cx: &mut Cx) -> Exit {
    trap(cx, ip, TrapKind::FellOff)
}

/// An instruction the interpreter cannot run; the reason is at x (a
/// `&'static str` owned by the program's code, as a pointer and length in x
/// and b).
pub(crate) unsafe fn unsupported<const T: bool>(
    ip: *const Inst,
    _fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let s = std::slice::from_raw_parts(i.x as *const u8, i.b as usize);
    let what = String::from_utf8_lossy(s).into_owned();
    trap(cx, ip, TrapKind::Unsupported(what))
}

// ---------------------------------------------------------------------------
// Stack allocation.

#[cold]
#[inline(never)]
fn alloca_overflow(cx: &mut Cx, ip: *const Inst) -> Exit {
    let func = match cx.top_code() {
        Some(code) => code.name.clone(),
        None => String::new(),
    };
    trap(cx, ip, TrapKind::StackOverflow { func })
}

#[inline(always)]
unsafe fn do_alloca(cx: &mut Cx, size: u64) -> *mut u8 {
    if size > 1 << 40 {
        return core::ptr::null_mut();
    }
    cx.alloc((size as usize + 15) & !15)
}

/// a = alloca(slot b).
pub(crate) unsafe fn alloca_r<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let p = do_alloca(cx, rd(fp, i.b));
    if p.is_null() {
        return alloca_overflow(cx, ip);
    }
    wr(fp, i.a, p as u64);
    next!(T, ip.add(1), fp, cx)
}

/// a = alloca(x).
pub(crate) unsafe fn alloca_i<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let p = do_alloca(cx, i.x);
    if p.is_null() {
        return alloca_overflow(cx, ip);
    }
    wr(fp, i.a, p as u64);
    next!(T, ip.add(1), fp, cx)
}

/// a = current stack position.
pub(crate) unsafe fn bstart<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    wr(fp, (*ip).a, cx.stack.top() as u64);
    next!(T, ip.add(1), fp, cx)
}

/// Restore the stack position in slot a.
pub(crate) unsafe fn bend<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let pos = rd(fp, (*ip).a);
    let ok = !cx.top.is_null() && {
        let floor = frame_floor(cx, cx.top);
        cx.stack.bend(pos, floor)
    };
    if !ok {
        return trap(cx, ip, TrapKind::BadBend(pos));
    }
    next!(T, ip.add(1), fp, cx)
}

// ---------------------------------------------------------------------------
// Variadic arguments.

/// `va_start`: the va_list at the address in slot a gets the state saved
/// at frame offset b.
pub(crate) unsafe fn va_start<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let va = rd(fp, i.a) as *mut VaList;
    va.write_unaligned((slot(fp, i.b) as *const VaList).read());
    next!(T, ip.add(1), fp, cx)
}

/// `va_arg`: a = address of the next argument of type x (a MIR type code)
/// of the va_list at the address in slot b.
pub(crate) unsafe fn va_arg<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let va = rd(fp, i.b) as *mut u8;
    let ty = i.x as u8;
    // Scalars in registers, the common case, inline (the fields of the
    // SysV va_list at their offsets, see `VaList`); the rest out of line.
    let (at, end, step) = if ty == Type::F as u8 || ty == Type::D as u8 {
        (4, crate::valist::FP_END, 16)
    } else {
        (0, crate::valist::GP_END, 8)
    };
    let offp = va.add(at) as *mut u32;
    let off = offp.read_unaligned();
    if ty == Type::LD as u8 || off > end - step {
        return va_arg_slow::<T>(ip, fp, cx);
    }
    offp.write_unaligned(off + step);
    let p = (va.add(16) as *const u64)
        .read_unaligned()
        .wrapping_add(off as u64);
    wr(fp, i.a, p);
    next!(T, ip.add(1), fp, cx)
}

/// `va_arg` from the stack or of `ld` (reached by a jump, so that the
/// common case saves no registers).
#[inline(never)]
unsafe fn va_arg_slow<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let p = va_arg_at(rd(fp, i.b) as *mut VaList, i.x as u8);
    wr(fp, i.a, p as u64);
    next!(T, ip.add(1), fp, cx)
}

const _: () = assert!(
    core::mem::offset_of!(VaList, gp_offset) == 0
        && core::mem::offset_of!(VaList, fp_offset) == 4
        && core::mem::offset_of!(VaList, reg_save_area) == 16
);

// The va_list helpers work on a local copy whose address escapes into the
// (possibly not inlined) reader: kept out of line so that the handlers
// still end in a tail call.
#[inline(never)]
unsafe fn va_arg_at(va: *mut VaList, ty: u8) -> *mut u8 {
    let ty = Type::from_code(ty).unwrap_or(Type::I64);
    let mut l = va.read_unaligned();
    let p = l.arg_addr(ty);
    va.write_unaligned(l);
    p
}

#[inline(never)]
unsafe fn va_block_at(va: *mut VaList, dest: *mut u8, size: u64, case: u64) {
    let mut l = va.read_unaligned();
    l.block_arg(dest, size, case);
    va.write_unaligned(l);
}

/// `va_block_arg`: dest in slot a, va_list address in slot b, size in slot
/// x.lo, case in slot x.hi.
pub(crate) unsafe fn va_block_arg<const T: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let i = &*ip;
    let dest = rd(fp, i.a) as *mut u8;
    let va = rd(fp, i.b) as *mut VaList;
    let size = rd(fp, i.x as u32);
    let case = rd(fp, (i.x >> 32) as u32);
    va_block_at(va, dest, size, case);
    next!(T, ip.add(1), fp, cx)
}
