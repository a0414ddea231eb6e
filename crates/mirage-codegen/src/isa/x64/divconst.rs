//! Division and remainder by a constant: a multiplication by a fixed-point
//! reciprocal (Granlund and Montgomery, "Division by invariant integers
//! using multiplication", 1994) instead of `div`/`idiv`, which take tens of
//! cycles. Used for divisors `3 <= c < 2^31` that are not powers of two
//! (powers of two are shifts, see `lower_ibin`).
//!
//! Every form works on 64-bit values: the 32-bit forms extend their
//! dividend first (sign or zero, as the operation reads it), and the
//! quotient and remainder of the extended value are the 32-bit results,
//! already extended the way the `div`-based code leaves them. Only `rax`,
//! `rcx` and `rdx` are used, which division clobbers anyway (see
//! `clobbers` in `mod.rs`).

use super::lower::{Lower, R, RAX, RCX, RDX};
use mirage_ir::opcode::IBinOp;
use mirage_ir::Operand;
use mirage_target::x64::{AluOp, Inst, ShiftOp, Size, UnOp};

/// How to divide a 64-bit unsigned value by `c`: `q = mulhi(n, m) >> s`,
/// or, when `add`, `t = mulhi(n, m); q = (((n - t) >> 1) + t) >> s` (the
/// reciprocal needs 65 bits; `m` is its low 64).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct UMagic {
    pub m: u64,
    pub s: u8,
    pub add: bool,
}

/// How to divide a 64-bit signed value by `c > 0`: `t = mulhs(n, m)`, plus
/// `n` when `m < 0`, shifted right arithmetically by `s`, plus 1 when `n`
/// is negative (rounding toward zero).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct SMagic {
    pub m: i64,
    pub s: u8,
}

pub(crate) fn umagic(c: u64) -> UMagic {
    debug_assert!(c >= 3 && !c.is_power_of_two());
    let l = 64 - (c - 1).leading_zeros(); // ceil(log2 c)
    for p in 64..64 + l {
        let two_p = 1u128 << p;
        let m = two_p.div_ceil(c as u128);
        if m < 1 << 64 && m * c as u128 - two_p <= 1u128 << (p - 64) {
            return UMagic {
                m: m as u64,
                s: (p - 64) as u8,
                add: false,
            };
        }
    }
    // p = 64 + l: the reciprocal is in [2^64, 2^65).
    let m = (1u128 << (64 + l)).div_ceil(c as u128);
    UMagic {
        m: (m - (1 << 64)) as u64,
        s: (l - 1) as u8,
        add: true,
    }
}

/// Signed magic number for `c >= 2` (Hacker's Delight, 10-1, for 64 bits).
pub(crate) fn smagic(c: i64) -> SMagic {
    debug_assert!(c >= 3);
    let two63: u64 = 1 << 63;
    let ad = c as u64;
    let t = two63;
    let anc = t - 1 - t % ad;
    let mut p = 63u32;
    let mut q1 = two63 / anc;
    let mut r1 = two63 - q1 * anc;
    let mut q2 = two63 / ad;
    let mut r2 = two63 - q2 * ad;
    loop {
        p += 1;
        q1 = q1.wrapping_mul(2);
        r1 = r1.wrapping_mul(2);
        if r1 >= anc {
            q1 = q1.wrapping_add(1);
            r1 = r1.wrapping_sub(anc);
        }
        q2 = q2.wrapping_mul(2);
        r2 = r2.wrapping_mul(2);
        if r2 >= ad {
            q2 = q2.wrapping_add(1);
            r2 = r2.wrapping_sub(ad);
        }
        let delta = ad - r2;
        if !(q1 < delta || (q1 == delta && r1 == 0)) {
            break;
        }
    }
    SMagic {
        m: q2.wrapping_add(1) as i64,
        s: (p - 64) as u8,
    }
}

/// The divisor of `op` when it is a constant this file handles.
pub(crate) fn const_divisor(op: IBinOp, w32: bool, b: &Operand) -> Option<i64> {
    let Operand::Int(v) = b else { return None };
    let unsigned = matches!(op, IBinOp::UDiv | IBinOp::UMod);
    let c = match (w32, unsigned) {
        (true, true) => i64::from(*v as u32),
        (true, false) => i64::from(*v as i32),
        _ => *v,
    };
    ((3..=i64::from(i32::MAX)).contains(&c) && !(c as u64).is_power_of_two()).then_some(c)
}

impl Lower<'_> {
    fn shift(&mut self, op: ShiftOp, dst: mirage_target::x64::Gpr, imm: u8) {
        if imm != 0 {
            self.e(Inst::ShiftRI {
                op,
                size: Size::S64,
                dst,
                imm,
            });
        }
    }

    fn alu64(&mut self, op: AluOp, dst: mirage_target::x64::Gpr, src: mirage_target::x64::Gpr) {
        self.e(Inst::AluRR {
            op,
            size: Size::S64,
            dst,
            src,
        });
    }

    /// `d = a op c` for a divisor `c` from [`const_divisor`].
    pub(crate) fn lower_div_const(
        &mut self,
        op: IBinOp,
        w32: bool,
        d: &Operand,
        a: &Operand,
        c: i64,
    ) -> R<()> {
        let signed = matches!(op, IBinOp::Div | IBinOp::Mod);
        // n in rcx, extended to 64 bits as the operation reads it.
        self.int_load(a, RCX)?;
        if w32 {
            if signed {
                self.e(Inst::MovsxRR {
                    from: Size::S32,
                    dst: RCX,
                    src: RCX,
                });
            } else {
                self.e(Inst::MovRR {
                    size: Size::S32,
                    dst: RCX,
                    src: RCX,
                });
            }
        }
        // The quotient, in rdx or rax.
        let q = if signed {
            let SMagic { m, s } = smagic(c);
            self.mov_imm(RAX, m);
            self.e(Inst::UnaryR {
                op: UnOp::Imul,
                size: Size::S64,
                src: RCX,
            });
            if m < 0 {
                self.alu64(AluOp::Add, RDX, RCX);
            }
            self.shift(ShiftOp::Sar, RDX, s);
            self.mov_rr(RAX, RCX);
            self.shift(ShiftOp::Shr, RAX, 63);
            self.alu64(AluOp::Add, RDX, RAX);
            RDX
        } else {
            let UMagic { m, s, add } = umagic(c as u64);
            self.mov_imm(RAX, m as i64);
            self.e(Inst::UnaryR {
                op: UnOp::Mul,
                size: Size::S64,
                src: RCX,
            });
            if add {
                self.mov_rr(RAX, RCX);
                self.alu64(AluOp::Sub, RAX, RDX);
                self.shift(ShiftOp::Shr, RAX, 1);
                self.alu64(AluOp::Add, RAX, RDX);
                self.shift(ShiftOp::Shr, RAX, s);
                RAX
            } else {
                self.shift(ShiftOp::Shr, RDX, s);
                RDX
            }
        };
        if matches!(op, IBinOp::Div | IBinOp::UDiv) {
            return self.int_store(d, q);
        }
        // r = n - q * c
        self.e(Inst::ImulRRI {
            size: Size::S64,
            dst: q,
            src: q,
            imm: c as i32,
        });
        self.alu64(AluOp::Sub, RCX, q);
        self.int_store(d, RCX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn udiv(n: u64, c: u64) -> u64 {
        let UMagic { m, s, add } = umagic(c);
        let t = ((n as u128 * m as u128) >> 64) as u64;
        if add {
            (((n - t) >> 1) + t) >> s
        } else {
            t >> s
        }
    }

    fn sdiv(n: i64, c: i64) -> i64 {
        let SMagic { m, s } = smagic(c);
        let mut t = ((n as i128 * m as i128) >> 64) as i64;
        if m < 0 {
            t = t.wrapping_add(n);
        }
        t >>= s;
        t.wrapping_add(((n as u64) >> 63) as i64)
    }

    #[test]
    fn magic_numbers_divide_exactly() {
        let mut divisors: Vec<i64> = (3..2000).collect();
        divisors.extend([
            641,
            6700417,
            1_000_000_007,
            (1 << 30) + 1,
            (1 << 31) - 1,
            (1 << 30) - 1,
            715_827_883,
        ]);
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut ns: Vec<u64> = vec![0, 1, 2, u64::MAX, u64::MAX - 1, 1 << 63, (1 << 63) - 1];
        for k in 0..64 {
            ns.push(1 << k);
            ns.push((1u64 << k).wrapping_sub(1));
        }
        for &c in &divisors {
            if (c as u64).is_power_of_two() {
                continue;
            }
            let mut local = ns.clone();
            for k in 1..4u64 {
                let mul = (u64::MAX / c as u64) * c as u64;
                local.push(mul);
                local.push(mul.wrapping_sub(k));
                local.push((c as u64).wrapping_mul(k + 1).wrapping_sub(1));
            }
            for _ in 0..200 {
                local.push(next());
                local.push(next() >> (next() % 64));
            }
            for &n in &local {
                assert_eq!(udiv(n, c as u64), n / c as u64, "{n} / {c}");
                let sn = n as i64;
                assert_eq!(sdiv(sn, c), sn / c, "{sn} / {c}");
                let s32 = n as u32 as i32 as i64;
                assert_eq!(sdiv(s32, c), s32 / c, "{s32} / {c}");
            }
        }
    }
}
