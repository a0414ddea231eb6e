//! Long double (`ld`) arithmetic on the real x87 unit.
//!
//! MIR's `ld` is the x87 80-bit extended format and results must match
//! gcc's code bit for bit (DESIGN decision 5), so every operation here runs
//! the very x87 instruction gcc emits for it, through stable `asm!`:
//! `fld tbyte` / `fadd|fsub|fmul|fdiv st(0), st(1)` / `fstp tbyte` for
//! arithmetic, `fucomip` for comparisons (C's NaN rules, spec §5.10),
//! `fild`/`fistp` (with the rounding control set to truncation) for integer
//! conversions and `fld`/`fstp` of `dword`/`qword` for the float ones. The
//! x87 control word is left as the process has it (Linux default: extended
//! precision, round to nearest), exactly as gcc's code does.
//!
//! The operations work on 10-byte memory images: the `*_raw` functions take
//! pointers (the interpreter's handlers pass frame-slot addresses), the safe
//! wrappers take and return [`F80`] values. Every `asm!` block keeps the x87
//! register stack empty on entry and exit, as the inline-assembly rules
//! require, and declares all eight x87 registers clobbered.
//!
//! On hosts other than x86-64 a portable fallback computes through `f64`
//! (not bit-identical; documented as such).

use mirage_ir::F80;

/// A binary arithmetic operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LdBin {
    Add,
    Sub,
    Mul,
    Div,
}

/// A comparison, with C semantics on NaN (only `Ne` is true when unordered).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LdCmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::{LdBin, LdCmp};
    use core::arch::asm;

    /// `asm!` with the eight x87 registers declared clobbered.
    macro_rules! x87 {
        ($($t:tt)*) => {
            asm!(
                $($t)*,
                out("st(0)") _, out("st(1)") _, out("st(2)") _, out("st(3)") _,
                out("st(4)") _, out("st(5)") _, out("st(6)") _, out("st(7)") _,
            )
        };
    }

    /// `*r = *a op *b` on 10-byte x87 images.
    ///
    /// # Safety
    /// `a` and `b` must be readable and `r` writable for 10 bytes.
    #[inline]
    pub unsafe fn bin(op: LdBin, r: *mut u8, a: *const u8, b: *const u8) {
        // SAFETY: the caller guarantees the three 10-byte locations; each
        // block pushes two values, combines them in st(0), stores and pops
        // both, so the x87 stack is empty again at the end.
        unsafe {
            match op {
                LdBin::Add => x87!(
                    "fld tbyte ptr [{b}]", "fld tbyte ptr [{a}]", "fadd st(0), st(1)",
                    "fstp tbyte ptr [{r}]", "fstp st(0)",
                    a = in(reg) a, b = in(reg) b, r = in(reg) r, options(nostack)
                ),
                LdBin::Sub => x87!(
                    "fld tbyte ptr [{b}]", "fld tbyte ptr [{a}]", "fsub st(0), st(1)",
                    "fstp tbyte ptr [{r}]", "fstp st(0)",
                    a = in(reg) a, b = in(reg) b, r = in(reg) r, options(nostack)
                ),
                LdBin::Mul => x87!(
                    "fld tbyte ptr [{b}]", "fld tbyte ptr [{a}]", "fmul st(0), st(1)",
                    "fstp tbyte ptr [{r}]", "fstp st(0)",
                    a = in(reg) a, b = in(reg) b, r = in(reg) r, options(nostack)
                ),
                LdBin::Div => x87!(
                    "fld tbyte ptr [{b}]", "fld tbyte ptr [{a}]", "fdiv st(0), st(1)",
                    "fstp tbyte ptr [{r}]", "fstp st(0)",
                    a = in(reg) a, b = in(reg) b, r = in(reg) r, options(nostack)
                ),
            }
        }
    }

    /// Compares `*a` with `*b`.
    ///
    /// # Safety
    /// `a` and `b` must be readable for 10 bytes.
    #[inline]
    pub unsafe fn cmp(c: LdCmp, a: *const u8, b: *const u8) -> bool {
        let (cf, zf, pf): (u8, u8, u8);
        // SAFETY: both locations are readable (caller); `fucomip` pops
        // st(0) and the final `fstp st(0)` pops the other, leaving the
        // stack empty; `fstp` does not touch EFLAGS, so the flags read by
        // the `set*` instructions are those of the comparison of a with b.
        unsafe {
            x87!(
                "fld tbyte ptr [{b}]", "fld tbyte ptr [{a}]", "fucomip st, st(1)",
                "fstp st(0)", "setb {cf}", "sete {zf}", "setp {pf}",
                a = in(reg) a, b = in(reg) b,
                cf = out(reg_byte) cf, zf = out(reg_byte) zf, pf = out(reg_byte) pf,
                options(nostack)
            );
        }
        // Unordered sets all three flags.
        let (cf, zf, pf) = (cf != 0, zf != 0, pf != 0);
        match c {
            LdCmp::Eq => zf && !pf,
            LdCmp::Ne => !zf || pf,
            LdCmp::Lt => cf && !zf,
            LdCmp::Le => (cf || zf) && !pf,
            LdCmp::Gt => !cf && !zf,
            LdCmp::Ge => !cf,
        }
    }

    /// `*r = -*a` (`fchs`).
    ///
    /// # Safety
    /// `a` readable and `r` writable for 10 bytes.
    #[inline]
    pub unsafe fn neg(r: *mut u8, a: *const u8) {
        // SAFETY: valid locations (caller); one push, one pop.
        unsafe {
            x87!(
                "fld tbyte ptr [{a}]", "fchs", "fstp tbyte ptr [{r}]",
                a = in(reg) a, r = in(reg) r, options(nostack)
            );
        }
    }

    /// `*r = (long double) *(int64_t *) a`, exact.
    ///
    /// # Safety
    /// `a` readable for 8 bytes, `r` writable for 10.
    #[inline]
    pub unsafe fn from_i64(r: *mut u8, a: *const u8) {
        // SAFETY: valid locations (caller); one push, one pop.
        unsafe {
            x87!(
                "fild qword ptr [{a}]", "fstp tbyte ptr [{r}]",
                a = in(reg) a, r = in(reg) r, options(nostack)
            );
        }
    }

    /// `*r = (long double) *(uint64_t *) a`, exact: `fild` reads the value
    /// as signed, so 2^64 is added back when the top bit is set (the sum is
    /// exact with a 64-bit significand).
    ///
    /// # Safety
    /// `a` readable for 8 bytes, `r` writable for 10.
    #[inline]
    pub unsafe fn from_u64(r: *mut u8, a: *const u8) {
        static TWO64: f32 = 18446744073709551616.0;
        // SAFETY: `a` is readable for 8 bytes (caller).
        let negative = unsafe { (a as *const i64).read_unaligned() } < 0;
        // SAFETY: valid locations (caller) and a static f32; one push, one
        // pop.
        unsafe {
            if negative {
                x87!(
                    "fild qword ptr [{a}]", "fadd dword ptr [{c}]", "fstp tbyte ptr [{r}]",
                    a = in(reg) a, c = in(reg) &TWO64, r = in(reg) r, options(nostack)
                );
            } else {
                from_i64(r, a);
            }
        }
    }

    /// `*(int64_t *) r = (int64_t) *a` with truncation toward zero; NaN and
    /// out-of-range values give the x87 "integer indefinite"
    /// 0x8000000000000000.
    ///
    /// # Safety
    /// `a` readable for 10 bytes, `r` writable for 8.
    #[inline]
    pub unsafe fn to_i64(r: *mut u8, a: *const u8) {
        // SAFETY: valid locations (caller). The old and the truncating
        // control word live in 8 bytes the block reserves on the machine
        // stack (no `nostack`: the compiler keeps the stack usable) and
        // frees again; the old control word is restored before the end; one
        // push, one pop. No local of the caller is involved, so handlers
        // that inline this still end in a tail call.
        unsafe {
            x87!(
                "sub rsp, 8",
                "fnstcw word ptr [rsp]",
                "movzx {t:e}, word ptr [rsp]",
                "or {t:e}, 0xC00",
                "mov word ptr [rsp + 2], {t:x}",
                "fldcw word ptr [rsp + 2]",
                "fld tbyte ptr [{a}]",
                "fistp qword ptr [{r}]",
                "fldcw word ptr [rsp]",
                "add rsp, 8",
                t = out(reg) _,
                a = in(reg) a, r = in(reg) r
            );
        }
    }

    /// `*r = (long double) *(float *) a`.
    ///
    /// # Safety
    /// `a` readable for 4 bytes, `r` writable for 10.
    #[inline]
    pub unsafe fn from_f32(r: *mut u8, a: *const u8) {
        // SAFETY: valid locations (caller); one push, one pop.
        unsafe {
            x87!(
                "fld dword ptr [{a}]", "fstp tbyte ptr [{r}]",
                a = in(reg) a, r = in(reg) r, options(nostack)
            );
        }
    }

    /// `*r = (long double) *(double *) a`.
    ///
    /// # Safety
    /// `a` readable for 8 bytes, `r` writable for 10.
    #[inline]
    pub unsafe fn from_f64(r: *mut u8, a: *const u8) {
        // SAFETY: valid locations (caller); one push, one pop.
        unsafe {
            x87!(
                "fld qword ptr [{a}]", "fstp tbyte ptr [{r}]",
                a = in(reg) a, r = in(reg) r, options(nostack)
            );
        }
    }

    /// `*(float *) r = (float) *a`, rounded per the control word.
    ///
    /// # Safety
    /// `a` readable for 10 bytes, `r` writable for 4.
    #[inline]
    pub unsafe fn to_f32(r: *mut u8, a: *const u8) {
        // SAFETY: valid locations (caller); one push, one pop.
        unsafe {
            x87!(
                "fld tbyte ptr [{a}]", "fstp dword ptr [{r}]",
                a = in(reg) a, r = in(reg) r, options(nostack)
            );
        }
    }

    /// `*(double *) r = (double) *a`, rounded per the control word.
    ///
    /// # Safety
    /// `a` readable for 10 bytes, `r` writable for 8.
    #[inline]
    pub unsafe fn to_f64(r: *mut u8, a: *const u8) {
        // SAFETY: valid locations (caller); one push, one pop.
        unsafe {
            x87!(
                "fld tbyte ptr [{a}]", "fstp qword ptr [{r}]",
                a = in(reg) a, r = in(reg) r, options(nostack)
            );
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    //! Portable fallback through `f64`: correct for values representable
    //! as doubles, not bit-identical to x87 in general.
    use super::{LdBin, LdCmp};
    use mirage_ir::F80;

    unsafe fn get(a: *const u8) -> f64 {
        let mut b = [0u8; 10];
        // SAFETY: caller guarantees 10 readable bytes.
        unsafe { core::ptr::copy_nonoverlapping(a, b.as_mut_ptr(), 10) };
        F80::from_le_bytes(b).to_f64()
    }
    unsafe fn put(r: *mut u8, v: f64) {
        let b = F80::from_f64(v).to_le_bytes();
        // SAFETY: caller guarantees 10 writable bytes.
        unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), r, 10) };
    }
    pub unsafe fn bin(op: LdBin, r: *mut u8, a: *const u8, b: *const u8) {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            let (x, y) = (get(a), get(b));
            put(
                r,
                match op {
                    LdBin::Add => x + y,
                    LdBin::Sub => x - y,
                    LdBin::Mul => x * y,
                    LdBin::Div => x / y,
                },
            )
        }
    }
    pub unsafe fn cmp(c: LdCmp, a: *const u8, b: *const u8) -> bool {
        // SAFETY: forwarded caller guarantees.
        let (x, y) = unsafe { (get(a), get(b)) };
        match c {
            LdCmp::Eq => x == y,
            LdCmp::Ne => x != y,
            LdCmp::Lt => x < y,
            LdCmp::Le => x <= y,
            LdCmp::Gt => x > y,
            LdCmp::Ge => x >= y,
        }
    }
    pub unsafe fn neg(r: *mut u8, a: *const u8) {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            core::ptr::copy(a, r, 10);
            *r.add(9) ^= 0x80;
        }
    }
    pub unsafe fn from_i64(r: *mut u8, a: *const u8) {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            let v = (a as *const i64).read_unaligned();
            core::ptr::copy_nonoverlapping(F80::from_i64(v).to_le_bytes().as_ptr(), r, 10);
        }
    }
    pub unsafe fn from_u64(r: *mut u8, a: *const u8) {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            let v = (a as *const u64).read_unaligned();
            core::ptr::copy_nonoverlapping(F80::from_u64(v).to_le_bytes().as_ptr(), r, 10);
        }
    }
    pub unsafe fn to_i64(r: *mut u8, a: *const u8) {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            let v = crate::ops::f64_to_i64(get(a));
            (r as *mut i64).write_unaligned(v);
        }
    }
    pub unsafe fn from_f32(r: *mut u8, a: *const u8) {
        // SAFETY: forwarded caller guarantees.
        unsafe { put(r, (a as *const f32).read_unaligned() as f64) }
    }
    pub unsafe fn from_f64(r: *mut u8, a: *const u8) {
        // SAFETY: forwarded caller guarantees.
        unsafe { put(r, (a as *const f64).read_unaligned()) }
    }
    pub unsafe fn to_f32(r: *mut u8, a: *const u8) {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            let mut b = [0u8; 10];
            core::ptr::copy_nonoverlapping(a, b.as_mut_ptr(), 10);
            (r as *mut f32).write_unaligned(F80::from_le_bytes(b).to_f32())
        }
    }
    pub unsafe fn to_f64(r: *mut u8, a: *const u8) {
        // SAFETY: forwarded caller guarantees.
        unsafe { (r as *mut f64).write_unaligned(get(a)) }
    }
}

pub(crate) use imp::{
    bin as bin_raw, cmp as cmp_raw, from_f32 as from_f32_raw, from_f64 as from_f64_raw,
    from_i64 as from_i64_raw, from_u64 as from_u64_raw, neg as neg_raw, to_f32 as to_f32_raw,
    to_f64 as to_f64_raw, to_i64 as to_i64_raw,
};

/// `a op b` rounded as the x87 does (64-bit significand, round to nearest).
pub fn bin(op: LdBin, a: F80, b: F80) -> F80 {
    let (a, b) = (a.to_le_bytes(), b.to_le_bytes());
    let mut r = [0u8; 10];
    // SAFETY: three distinct local 10-byte buffers.
    unsafe { imp::bin(op, r.as_mut_ptr(), a.as_ptr(), b.as_ptr()) };
    F80::from_le_bytes(r)
}

/// `a + b`.
pub fn add(a: F80, b: F80) -> F80 {
    bin(LdBin::Add, a, b)
}
/// `a - b`.
pub fn sub(a: F80, b: F80) -> F80 {
    bin(LdBin::Sub, a, b)
}
/// `a * b`.
pub fn mul(a: F80, b: F80) -> F80 {
    bin(LdBin::Mul, a, b)
}
/// `a / b`.
pub fn div(a: F80, b: F80) -> F80 {
    bin(LdBin::Div, a, b)
}

/// The comparison `a c b` with C's rules for NaN.
pub fn cmp(c: LdCmp, a: F80, b: F80) -> bool {
    let (a, b) = (a.to_le_bytes(), b.to_le_bytes());
    // SAFETY: two local 10-byte buffers.
    unsafe { imp::cmp(c, a.as_ptr(), b.as_ptr()) }
}

/// `-a` (x87 `fchs`).
pub fn neg(a: F80) -> F80 {
    let a = a.to_le_bytes();
    let mut r = [0u8; 10];
    // SAFETY: local buffers of the right sizes.
    unsafe { imp::neg(r.as_mut_ptr(), a.as_ptr()) };
    F80::from_le_bytes(r)
}

/// Exact conversion from a signed integer.
pub fn from_i64(v: i64) -> F80 {
    let a = v.to_le_bytes();
    let mut r = [0u8; 10];
    // SAFETY: local buffers of the right sizes.
    unsafe { imp::from_i64(r.as_mut_ptr(), a.as_ptr()) };
    F80::from_le_bytes(r)
}

/// Exact conversion from an unsigned integer.
pub fn from_u64(v: u64) -> F80 {
    let a = v.to_le_bytes();
    let mut r = [0u8; 10];
    // SAFETY: local buffers of the right sizes.
    unsafe { imp::from_u64(r.as_mut_ptr(), a.as_ptr()) };
    F80::from_le_bytes(r)
}

/// Truncating conversion to `i64`; NaN and out-of-range values give
/// `i64::MIN` (the x87 integer indefinite).
pub fn to_i64(a: F80) -> i64 {
    let a = a.to_le_bytes();
    let mut r = [0u8; 8];
    // SAFETY: local buffers of the right sizes.
    unsafe { imp::to_i64(r.as_mut_ptr(), a.as_ptr()) };
    i64::from_le_bytes(r)
}

/// Exact widening from `f32`.
pub fn from_f32(v: f32) -> F80 {
    let a = v.to_le_bytes();
    let mut r = [0u8; 10];
    // SAFETY: local buffers of the right sizes.
    unsafe { imp::from_f32(r.as_mut_ptr(), a.as_ptr()) };
    F80::from_le_bytes(r)
}

/// Exact widening from `f64`.
pub fn from_f64(v: f64) -> F80 {
    let a = v.to_le_bytes();
    let mut r = [0u8; 10];
    // SAFETY: local buffers of the right sizes.
    unsafe { imp::from_f64(r.as_mut_ptr(), a.as_ptr()) };
    F80::from_le_bytes(r)
}

/// Rounding narrowing to `f32`.
pub fn to_f32(a: F80) -> f32 {
    let a = a.to_le_bytes();
    let mut r = [0u8; 4];
    // SAFETY: local buffers of the right sizes.
    unsafe { imp::to_f32(r.as_mut_ptr(), a.as_ptr()) };
    f32::from_le_bytes(r)
}

/// Rounding narrowing to `f64`.
pub fn to_f64(a: F80) -> f64 {
    let a = a.to_le_bytes();
    let mut r = [0u8; 8];
    // SAFETY: local buffers of the right sizes.
    unsafe { imp::to_f64(r.as_mut_ptr(), a.as_ptr()) };
    f64::from_le_bytes(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: F80) -> String {
        format!("{:04x}{:016x}", v.sign_exp, v.mantissa)
    }

    #[test]
    fn basic_arithmetic() {
        let one = F80::ONE;
        let two = add(one, one);
        assert_eq!(h(two), "40008000000000000000");
        assert_eq!(sub(one, two), neg(one));
        assert_eq!(h(div(one, from_i64(3))), "3ffdaaaaaaaaaaaaaaab");
        assert_eq!(mul(two, two), from_i64(4));
        assert_eq!(to_f64(from_f64(0.1)), 0.1);
        assert_eq!(to_f32(from_f32(-2.5)), -2.5);
    }

    #[test]
    fn comparisons_follow_c_nan_rules() {
        let (one, nan) = (F80::ONE, F80::NAN);
        assert!(cmp(LdCmp::Lt, from_i64(-1), one));
        assert!(!cmp(LdCmp::Lt, one, one));
        assert!(cmp(LdCmp::Le, one, one));
        assert!(cmp(LdCmp::Gt, one, F80::ZERO));
        assert!(cmp(LdCmp::Eq, F80::ZERO, F80::ZERO.neg()));
        for c in [LdCmp::Eq, LdCmp::Lt, LdCmp::Le, LdCmp::Gt, LdCmp::Ge] {
            assert!(!cmp(c, nan, one), "{c:?}");
            assert!(!cmp(c, one, nan), "{c:?}");
        }
        assert!(cmp(LdCmp::Ne, nan, nan));
    }

    #[test]
    fn integer_conversions() {
        assert_eq!(from_u64(u64::MAX), F80::from_u64(u64::MAX));
        assert_eq!(from_i64(i64::MIN), F80::from_i64(i64::MIN));
        assert_eq!(to_i64(from_f64(-2.9)), -2);
        assert_eq!(to_i64(from_f64(2.9)), 2);
        assert_eq!(to_i64(F80::NAN), i64::MIN);
        assert_eq!(to_i64(from_f64(1e300)), i64::MIN);
        assert_eq!(to_i64(from_u64(u64::MAX)), i64::MIN);
    }
}
