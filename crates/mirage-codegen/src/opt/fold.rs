//! Constant folding and algebraic simplification of single instructions.
//!
//! Folding must give bit for bit what the interpreter computes at run time
//! (the interpreter is the reference for semantics): 64-bit wrapping
//! arithmetic; `…s` forms compute on the low 32 bits and sign-extend the
//! result, except `udivs umods urshs` which zero-extend (spec §5.0, §10
//! #11); shift counts are taken modulo the width (§10 #12); float→int
//! conversions give `0x8000000000000000` for NaN and out-of-range values
//! (§5.3); floating arithmetic is IEEE binary32/binary64 in
//! round-to-nearest, which Rust's operators are. What is *not* folded:
//!
//! * integer division or remainder that traps (zero divisor, `MIN / -1`):
//!   the trap must happen at run time;
//! * floating results that are NaN (a NaN's payload cannot be written in MIR
//!   text, so it is left to the run time to produce);
//! * anything on `ld` (x87 80-bit arithmetic is the interpreter's own);
//! * overflow instructions (`addo`…): their flags feed the next branch.
//!
//! Simplifications only rewrite to something exactly equivalent, including
//! the upper halves of 32-bit forms: `adds x, 0` is `ext32 x` (not `x`),
//! `muls x, 8` is `lshs x, 3`, `udiv x, 16` is `ursh x, 4`. Floating
//! identities such as `x + 0.0` are not applied (`-0.0 + 0.0` is `+0.0`).

use mirage_ir::opcode::{FCond, Family, IBinOp, ICond};
use mirage_ir::{Class, Opcode, Operand};

fn s32(v: u32) -> i64 {
    v as i32 as i64
}

/// Integer binary operation as the interpreter computes it; `None` when it
/// would trap.
pub(crate) fn ibin(op: IBinOp, w32: bool, a: i64, b: i64) -> Option<i64> {
    let (ua, ub) = (a as u64, b as u64);
    Some(if !w32 {
        match op {
            IBinOp::Add => a.wrapping_add(b),
            IBinOp::Sub => a.wrapping_sub(b),
            IBinOp::Mul => a.wrapping_mul(b),
            IBinOp::Div => {
                if b == 0 || (a == i64::MIN && b == -1) {
                    return None;
                }
                a / b
            }
            IBinOp::Mod => {
                if b == 0 || (a == i64::MIN && b == -1) {
                    return None;
                }
                a % b
            }
            IBinOp::UDiv => {
                if b == 0 {
                    return None;
                }
                (ua / ub) as i64
            }
            IBinOp::UMod => {
                if b == 0 {
                    return None;
                }
                (ua % ub) as i64
            }
            IBinOp::And => a & b,
            IBinOp::Or => a | b,
            IBinOp::Xor => a ^ b,
            IBinOp::Lsh => (ua << (ub & 63)) as i64,
            IBinOp::Rsh => a >> (ub & 63),
            IBinOp::URsh => (ua >> (ub & 63)) as i64,
        }
    } else {
        let (x, y) = (a as u32, b as u32);
        match op {
            IBinOp::Add => s32(x.wrapping_add(y)),
            IBinOp::Sub => s32(x.wrapping_sub(y)),
            IBinOp::Mul => s32(x.wrapping_mul(y)),
            IBinOp::Div => {
                let (x, y) = (x as i32, y as i32);
                if y == 0 || (x == i32::MIN && y == -1) {
                    return None;
                }
                (x / y) as i64
            }
            IBinOp::Mod => {
                let (x, y) = (x as i32, y as i32);
                if y == 0 || (x == i32::MIN && y == -1) {
                    return None;
                }
                (x % y) as i64
            }
            IBinOp::UDiv => {
                if y == 0 {
                    return None;
                }
                (x / y) as i64
            }
            IBinOp::UMod => {
                if y == 0 {
                    return None;
                }
                (x % y) as i64
            }
            IBinOp::And => s32(x & y),
            IBinOp::Or => s32(x | y),
            IBinOp::Xor => s32(x ^ y),
            IBinOp::Lsh => s32(x << (y & 31)),
            IBinOp::Rsh => ((x as i32) >> (y & 31)) as i64,
            IBinOp::URsh => (x >> (y & 31)) as i64,
        }
    })
}

pub(crate) fn icmp(c: ICond, w32: bool, a: i64, b: i64) -> bool {
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

fn fcmp<T: PartialOrd>(c: FCond, a: T, b: T) -> bool {
    match c {
        FCond::Eq => a == b,
        FCond::Ne => a != b,
        FCond::Lt => a < b,
        FCond::Le => a <= b,
        FCond::Gt => a > b,
        FCond::Ge => a >= b,
    }
}

/// `cvttsd2si` semantics, as the interpreter implements them.
fn f64_to_i64(x: f64) -> i64 {
    if (-9223372036854775808.0..9223372036854775808.0).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

fn float_op(x: f32) -> Option<Operand> {
    (!x.is_nan()).then_some(Operand::Float(x.to_bits()))
}
fn double_op(x: f64) -> Option<Operand> {
    (!x.is_nan()).then_some(Operand::Double(x.to_bits()))
}

/// Evaluates a value-producing instruction on constant inputs. `a` and `b`
/// are operands 1 and 2 (b is ignored for unary ones).
pub(crate) fn fold(op: Opcode, a: &Operand, b: Option<&Operand>) -> Option<Operand> {
    use Operand::{Double as D, Float as F, Int as I};
    match (op.family(), a, b) {
        (Family::Move(_), x, _) => match x {
            I(_) | F(_) | D(_) | Operand::LDouble(_) => Some(x.clone()),
            _ => None,
        },
        (Family::Ext { bits, signed }, I(x), _) => Some(I(match (bits, signed) {
            (8, true) => *x as i8 as i64,
            (16, true) => *x as i16 as i64,
            (32, true) => *x as i32 as i64,
            (8, false) => *x as u8 as i64,
            (16, false) => *x as u16 as i64,
            _ => *x as u32 as i64,
        })),
        (Family::Conv { from, to, unsigned }, x, _) => match (from, to, x) {
            (Class::Int, Class::F, I(x)) => Some(F(if unsigned {
                *x as u64 as f32
            } else {
                *x as f32
            }
            .to_bits())),
            (Class::Int, Class::D, I(x)) => Some(D(if unsigned {
                *x as u64 as f64
            } else {
                *x as f64
            }
            .to_bits())),
            (Class::F, Class::Int, F(x)) => Some(I(f64_to_i64(f32::from_bits(*x) as f64))),
            (Class::D, Class::Int, D(x)) => Some(I(f64_to_i64(f64::from_bits(*x)))),
            (Class::F, Class::D, F(x)) => double_op(f32::from_bits(*x) as f64),
            (Class::D, Class::F, D(x)) => float_op(f64::from_bits(*x) as f32),
            _ => None,
        },
        (Family::Neg { class, w32 }, x, _) => match (class, x) {
            (Class::Int, I(x)) => Some(I(if w32 {
                s32((*x as u32).wrapping_neg())
            } else {
                x.wrapping_neg()
            })),
            (Class::F, F(x)) => float_op(-f32::from_bits(*x)),
            (Class::D, D(x)) => double_op(-f64::from_bits(*x)),
            _ => None,
        },
        (Family::IBin { op, w32 }, I(x), Some(I(y))) => ibin(op, w32, *x, *y).map(I),
        (Family::ICmp { cond, w32 }, I(x), Some(I(y))) => Some(I(icmp(cond, w32, *x, *y) as i64)),
        (Family::FBin { op, class }, x, Some(y)) => {
            use mirage_ir::opcode::FBinOp as B;
            match (class, x, y) {
                (Class::F, F(x), F(y)) => {
                    let (x, y) = (f32::from_bits(*x), f32::from_bits(*y));
                    float_op(match op {
                        B::Add => x + y,
                        B::Sub => x - y,
                        B::Mul => x * y,
                        B::Div => x / y,
                    })
                }
                (Class::D, D(x), D(y)) => {
                    let (x, y) = (f64::from_bits(*x), f64::from_bits(*y));
                    double_op(match op {
                        B::Add => x + y,
                        B::Sub => x - y,
                        B::Mul => x * y,
                        B::Div => x / y,
                    })
                }
                _ => None,
            }
        }
        (Family::FCmp { cond, class }, x, Some(y)) => match (class, x, y) {
            (Class::F, F(x), F(y)) => {
                Some(I(fcmp(cond, f32::from_bits(*x), f32::from_bits(*y)) as i64))
            }
            (Class::D, D(x), D(y)) => {
                Some(I(fcmp(cond, f64::from_bits(*x), f64::from_bits(*y)) as i64))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The outcome of a conditional branch on known inputs: `Some(true)` when
/// it jumps.
pub(crate) fn branch(op: Opcode, a: Option<&Operand>, b: Option<&Operand>) -> Option<bool> {
    use Operand::{Double as D, Float as F, Int as I};
    match (op.family(), a, b) {
        (Family::BTest { if_true, w32 }, Some(I(x)), _) => {
            let nz = if w32 { *x as u32 != 0 } else { *x != 0 };
            Some(nz == if_true)
        }
        (Family::BICmp { cond, w32 }, Some(I(x)), Some(I(y))) => Some(icmp(cond, w32, *x, *y)),
        (Family::BICmp { cond, .. }, Some(Operand::Reg(x)), Some(Operand::Reg(y))) if x == y => {
            Some(matches!(
                cond,
                ICond::Eq | ICond::Le | ICond::Ule | ICond::Ge | ICond::Uge
            ))
        }
        (Family::BFCmp { cond, class }, Some(x), Some(y)) => match (class, x, y) {
            (Class::F, F(x), F(y)) => Some(fcmp(cond, f32::from_bits(*x), f32::from_bits(*y))),
            (Class::D, D(x), D(y)) => Some(fcmp(cond, f64::from_bits(*x), f64::from_bits(*y))),
            _ => None,
        },
        _ => None,
    }
}

/// What an instruction simplifies to.
pub(crate) enum Simpl {
    /// The result is this operand.
    Value(Operand),
    /// The instruction becomes `op dst, a[, b]`.
    Rewrite(Opcode, Operand, Option<Operand>),
}

fn is_commutative(op: Opcode) -> bool {
    matches!(
        op.family(),
        Family::IBin {
            op: IBinOp::Add | IBinOp::Mul | IBinOp::And | IBinOp::Or | IBinOp::Xor,
            ..
        } | Family::ICmp {
            cond: ICond::Eq | ICond::Ne,
            ..
        }
    )
}

fn is_const(x: &Operand) -> bool {
    matches!(
        x,
        Operand::Int(_) | Operand::Float(_) | Operand::Double(_) | Operand::LDouble(_)
    )
}

/// Puts a constant second in commutative operations (helps value
/// numbering and simplification); returns whether it swapped.
pub(crate) fn canonicalize(op: Opcode, a: &mut Operand, b: &mut Operand) -> bool {
    if is_commutative(op) && is_const(a) && !is_const(b) {
        std::mem::swap(a, b);
        return true;
    }
    if is_commutative(op) {
        if let (Operand::Reg(x), Operand::Reg(y)) = (&*a, &*b) {
            if x > y {
                std::mem::swap(a, b);
                return true;
            }
        }
    }
    false
}

fn sext32(x: Operand) -> Simpl {
    Simpl::Rewrite(Opcode::Ext32, x, None)
}
fn zext32(x: Operand) -> Simpl {
    Simpl::Rewrite(Opcode::UExt32, x, None)
}

/// Algebraic simplification of `op dst, a, b` (integer operations only).
pub(crate) fn simplify(op: Opcode, a: &Operand, b: &Operand) -> Option<Simpl> {
    use Operand::Int as I;
    let same = matches!((a, b), (Operand::Reg(x), Operand::Reg(y)) if x == y);
    match op.family() {
        Family::IBin { op: bop, w32 } => {
            let cb = if let I(c) = b { Some(*c) } else { None };
            // Identity on the 64-bit form; on the 32-bit form the result is
            // the low half, sign-extended (zero-extended for `urshs`).
            let ident = |x: &Operand| -> Simpl {
                if !w32 {
                    Simpl::Value(x.clone())
                } else if bop == IBinOp::URsh || bop == IBinOp::UDiv {
                    zext32(x.clone())
                } else {
                    sext32(x.clone())
                }
            };
            let c32 = cb.map(|c| if w32 { c as i32 as i64 } else { c });
            match (bop, c32) {
                (IBinOp::Add | IBinOp::Sub | IBinOp::Or | IBinOp::Xor, Some(0)) => Some(ident(a)),
                (IBinOp::Lsh | IBinOp::Rsh | IBinOp::URsh, Some(_)) => {
                    let c = cb.unwrap() & if w32 { 31 } else { 63 };
                    (c == 0).then(|| ident(a))
                }
                (IBinOp::Mul, Some(0)) | (IBinOp::And, Some(0)) => Some(Simpl::Value(I(0))),
                (IBinOp::Mul | IBinOp::Div | IBinOp::UDiv, Some(1)) => Some(ident(a)),
                (IBinOp::And, Some(-1)) => Some(ident(a)),
                (IBinOp::Or, Some(-1)) => Some(Simpl::Value(I(-1))),
                (IBinOp::Mul, Some(c)) if c > 0 && (c as u64).is_power_of_two() => {
                    let k = c.trailing_zeros() as i64;
                    let sh = if w32 { Opcode::LshS } else { Opcode::Lsh };
                    Some(Simpl::Rewrite(sh, a.clone(), Some(I(k))))
                }
                (IBinOp::UDiv, Some(c)) if c != 0 && uconst(c, w32).is_power_of_two() => {
                    let k = uconst(c, w32).trailing_zeros() as i64;
                    let sh = if w32 { Opcode::URshS } else { Opcode::URsh };
                    Some(Simpl::Rewrite(sh, a.clone(), Some(I(k))))
                }
                (IBinOp::UMod, Some(c)) if c != 0 && uconst(c, w32).is_power_of_two() => {
                    let m = uconst(c, w32) - 1;
                    if w32 {
                        // `umods` zero-extends; `ands` sign-extends, which is
                        // the same while the mask leaves bit 31 clear.
                        (m < 1 << 31)
                            .then(|| Simpl::Rewrite(Opcode::AndS, a.clone(), Some(I(m as i64))))
                    } else {
                        Some(Simpl::Rewrite(Opcode::And, a.clone(), Some(I(m as i64))))
                    }
                }
                _ if same => match bop {
                    IBinOp::Sub | IBinOp::Xor => Some(Simpl::Value(I(0))),
                    IBinOp::And | IBinOp::Or => Some(ident(a)),
                    _ => None,
                },
                _ => None,
            }
        }
        Family::ICmp { cond, .. } if same => Some(Simpl::Value(I(matches!(
            cond,
            ICond::Eq | ICond::Le | ICond::Ule | ICond::Ge | ICond::Uge
        ) as i64))),
        _ => None,
    }
}

fn uconst(c: i64, w32: bool) -> u64 {
    if w32 {
        c as u32 as u64
    } else {
        c as u64
    }
}
