//! The x87 80-bit extended-precision number (`long double` on x86-64 Linux) as
//! a plain value.
//!
//! MIR's `ld` type is the x87 extended format, which Rust has no primitive for.
//! The text reader must turn `LDOUBLE` literals such as `10.0E200L` or `1e400L`
//! into exact bit patterns, the writer must print them back so that they read
//! in unchanged, and the interpreter/JIT needs exact conversions to and from
//! `f64`, `f32` and the integers.  This module owns exactly that: the
//! representation ([`F80`]), its memory image, correctly rounded decimal
//! parsing, round-trip decimal printing and the conversions.  Arithmetic on
//! `F80` lives elsewhere.
//!
//! Everything here is pure integer arithmetic (a small private big-integer
//! type does the decimal work), so results do not depend on the host FPU and
//! no input can make it panic or run for unbounded time.
//!
//! Format reminder: 1 sign bit, 15 exponent bits (bias 16383), and a 64-bit
//! significand whose top bit is the explicit integer bit.  Exponent field 0
//! holds zeros and subnormals (value `m * 2^-16445`); exponent field 0x7FFF
//! holds infinities (`m == 1 << 63`) and NaNs.  Encodings the x87 itself
//! rejects as invalid operands (unnormals, pseudo-infinities, pseudo-NaNs) are
//! treated as NaN by every operation here.

use std::cmp::Ordering;
use std::fmt;

/// Exponent bias of the x87 extended format.
const BIAS: i64 = 16383;
/// Largest biased exponent of a finite number.
const MAX_BIASED: i64 = 0x7FFE;
/// Exponent of the least significant significand bit of a subnormal
/// (`1 - BIAS - 63`).
const MIN_LSB: i64 = 1 - BIAS - 63;
/// Explicit integer bit of the significand.
const INT_BIT: u64 = 1 << 63;
/// Quiet-NaN bit of the significand.
const QUIET_BIT: u64 = 1 << 62;

/// Maximum number of significant decimal digits [`F80::parse`] looks at; the
/// rest only contribute a sticky bit.  Every value halfway between two
/// adjacent extended numbers is `odd * 2^-k` with `odd < 2^65` and
/// `k <= 16446`, whose decimal expansion has at most
/// `log10(2^65 * 5^16446) + 1 < 11516` significant digits.  Keeping at least
/// that many digits means truncation can never move a value across a
/// rounding boundary, so the result is correctly rounded.
const MAX_SIG_DIGITS: u64 = 11_600;

/// An x87 80-bit extended-precision value, stored exactly as the hardware
/// stores it.
///
/// `mantissa` is the 64-bit significand with the explicit integer bit in
/// bit 63; `sign_exp` holds the sign (bit 15) and the biased exponent
/// (bits 0–14).  Equality and hashing are bitwise (so `NaN == NaN` when the
/// bits agree and `0.0 != -0.0`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct F80 {
    /// Significand, integer bit explicit in bit 63.
    pub mantissa: u64,
    /// Sign in bit 15, biased exponent in bits 0–14.
    pub sign_exp: u16,
}

/// What a bit pattern means, after validity checks.
enum Class {
    Zero,
    /// `m * 2^e`, `m != 0`.
    Finite {
        m: u64,
        e: i64,
    },
    Inf,
    Nan,
}

impl F80 {
    /// Positive zero.
    pub const ZERO: F80 = F80 {
        mantissa: 0,
        sign_exp: 0,
    };
    /// One.
    pub const ONE: F80 = F80 {
        mantissa: INT_BIT,
        sign_exp: BIAS as u16,
    };
    /// Positive infinity.
    pub const INFINITY: F80 = F80 {
        mantissa: INT_BIT,
        sign_exp: 0x7FFF,
    };
    /// Negative infinity.
    pub const NEG_INFINITY: F80 = F80 {
        mantissa: INT_BIT,
        sign_exp: 0xFFFF,
    };
    /// The default quiet NaN (what `nanl("")` and the x87 produce), positive.
    pub const NAN: F80 = F80 {
        mantissa: INT_BIT | QUIET_BIT,
        sign_exp: 0x7FFF,
    };
    /// The largest finite value (about 1.18973e4932).
    pub const MAX: F80 = F80 {
        mantissa: u64::MAX,
        sign_exp: MAX_BIASED as u16,
    };
    /// The smallest positive subnormal value, 2^-16445.
    pub const MIN_POSITIVE_SUBNORMAL: F80 = F80 {
        mantissa: 1,
        sign_exp: 0,
    };

    /// Reads the 10-byte little-endian memory image (8 bytes significand,
    /// then 2 bytes sign/exponent).
    pub fn from_le_bytes(bytes: [u8; 10]) -> F80 {
        let mut m = [0u8; 8];
        m.copy_from_slice(&bytes[..8]);
        F80 {
            mantissa: u64::from_le_bytes(m),
            sign_exp: u16::from_le_bytes([bytes[8], bytes[9]]),
        }
    }

    /// The 10-byte little-endian memory image.
    pub fn to_le_bytes(self) -> [u8; 10] {
        let mut out = [0u8; 10];
        out[..8].copy_from_slice(&self.mantissa.to_le_bytes());
        out[8..].copy_from_slice(&self.sign_exp.to_le_bytes());
        out
    }

    /// True if the sign bit is set (also for zeros and NaNs).
    pub fn is_sign_negative(self) -> bool {
        self.sign_exp & 0x8000 != 0
    }

    /// True for NaNs and for the encodings the x87 treats as invalid.
    pub fn is_nan(self) -> bool {
        matches!(self.classify(), Class::Nan)
    }

    /// True for positive or negative infinity.
    pub fn is_infinite(self) -> bool {
        matches!(self.classify(), Class::Inf)
    }

    /// True for zeros, subnormals and normal numbers.
    pub fn is_finite(self) -> bool {
        matches!(self.classify(), Class::Zero | Class::Finite { .. })
    }

    /// The value with the sign bit flipped (like `ldneg`); the same as the
    /// unary `-` operator, usable without importing [`std::ops::Neg`].
    #[allow(clippy::should_implement_trait)]
    pub fn neg(self) -> F80 {
        -self
    }

    fn classify(self) -> Class {
        let biased = i64::from(self.sign_exp & 0x7FFF);
        let m = self.mantissa;
        if biased == 0x7FFF {
            if m == INT_BIT {
                Class::Inf
            } else {
                Class::Nan
            }
        } else if biased == 0 {
            // Subnormal; a pseudo-denormal (integer bit set) has the same
            // value as the normal number with exponent field 1.
            if m == 0 {
                Class::Zero
            } else {
                Class::Finite { m, e: MIN_LSB }
            }
        } else if m & INT_BIT == 0 {
            // Unnormal: an invalid operand for the x87.
            Class::Nan
        } else {
            Class::Finite {
                m,
                e: biased - BIAS - 63,
            }
        }
    }

    /// Builds the correctly rounded extended value of `(-1)^neg * q * 2^e`,
    /// where `sticky` says that the true magnitude is slightly above `q * 2^e`.
    fn from_parts(neg: bool, q: u128, e: i64, sticky: bool) -> F80 {
        let sign = if neg { 0x8000u16 } else { 0 };
        if q == 0 {
            return F80 {
                mantissa: 0,
                sign_exp: sign,
            };
        }
        let (m, lsb) = round_bits(q, e, sticky, 64, MIN_LSB);
        if m == 0 {
            return F80 {
                mantissa: 0,
                sign_exp: sign,
            };
        }
        if m & INT_BIT == 0 {
            // Subnormal (round_bits only leaves the top bit clear at MIN_LSB).
            return F80 {
                mantissa: m,
                sign_exp: sign,
            };
        }
        let biased = lsb + 63 + BIAS;
        if biased > MAX_BIASED {
            return F80 {
                mantissa: INT_BIT,
                sign_exp: sign | 0x7FFF,
            };
        }
        F80 {
            mantissa: m,
            sign_exp: sign | biased as u16,
        }
    }

    /// Exact conversion from `f64` (NaNs are quieted and keep their payload,
    /// as the x87 `fld` does).
    pub fn from_f64(x: f64) -> F80 {
        let bits = x.to_bits();
        let neg = bits >> 63 != 0;
        let biased = ((bits >> 52) & 0x7FF) as i64;
        let frac = bits & ((1 << 52) - 1);
        if biased == 0x7FF {
            let sign = if neg { 0x8000 } else { 0 };
            let mantissa = if frac == 0 {
                INT_BIT
            } else {
                INT_BIT | QUIET_BIT | (frac << 11)
            };
            return F80 {
                mantissa,
                sign_exp: sign | 0x7FFF,
            };
        }
        if biased == 0 {
            return F80::from_parts(neg, u128::from(frac), -1074, false);
        }
        F80::from_parts(neg, u128::from(frac | (1 << 52)), biased - 1075, false)
    }

    /// Exact conversion from `f32` (NaNs are quieted and keep their payload).
    pub fn from_f32(x: f32) -> F80 {
        let bits = x.to_bits();
        let neg = bits >> 31 != 0;
        let biased = i64::from((bits >> 23) & 0xFF);
        let frac = u64::from(bits & ((1 << 23) - 1));
        if biased == 0xFF {
            let sign = if neg { 0x8000 } else { 0 };
            let mantissa = if frac == 0 {
                INT_BIT
            } else {
                INT_BIT | QUIET_BIT | (frac << 40)
            };
            return F80 {
                mantissa,
                sign_exp: sign | 0x7FFF,
            };
        }
        if biased == 0 {
            return F80::from_parts(neg, u128::from(frac), -149, false);
        }
        F80::from_parts(neg, u128::from(frac | (1 << 23)), biased - 150, false)
    }

    /// Exact conversion from a signed 64-bit integer.
    pub fn from_i64(v: i64) -> F80 {
        F80::from_parts(v < 0, u128::from(v.unsigned_abs()), 0, false)
    }

    /// Exact conversion from an unsigned 64-bit integer.
    pub fn from_u64(v: u64) -> F80 {
        F80::from_parts(false, u128::from(v), 0, false)
    }

    /// Conversion to `f64` with round-to-nearest-even, overflow to infinity,
    /// gradual underflow, and NaN payloads truncated (result always quiet).
    pub fn to_f64(self) -> f64 {
        let sign = u64::from(self.is_sign_negative()) << 63;
        let bits = match self.classify() {
            Class::Zero => sign,
            Class::Inf => sign | (0x7FF << 52),
            Class::Nan => {
                sign | (0x7FF << 52) | (1 << 51) | ((self.mantissa >> 11) & ((1 << 51) - 1))
            }
            Class::Finite { m, e } => {
                let (r, lsb) = round_bits(u128::from(m), e, false, 53, -1074);
                if r >> 52 == 0 {
                    sign | r
                } else {
                    let biased = lsb + 52 + 1023;
                    if biased >= 0x7FF {
                        sign | (0x7FF << 52)
                    } else {
                        sign | ((biased as u64) << 52) | (r & ((1 << 52) - 1))
                    }
                }
            }
        };
        f64::from_bits(bits)
    }

    /// Conversion to `f32` with a single round-to-nearest-even step (no
    /// double rounding through `f64`).
    pub fn to_f32(self) -> f32 {
        let sign = u32::from(self.is_sign_negative()) << 31;
        let bits = match self.classify() {
            Class::Zero => sign,
            Class::Inf => sign | (0xFF << 23),
            Class::Nan => {
                sign | (0xFF << 23) | (1 << 22) | ((self.mantissa >> 40) as u32 & ((1 << 22) - 1))
            }
            Class::Finite { m, e } => {
                let (r, lsb) = round_bits(u128::from(m), e, false, 24, -149);
                // r < 2^24 here, so the casts below are lossless.
                let r = r as u32;
                if r >> 23 == 0 {
                    sign | r
                } else {
                    let biased = lsb + 23 + 127;
                    if biased >= 0xFF {
                        sign | (0xFF << 23)
                    } else {
                        sign | ((biased as u32) << 23) | (r & ((1 << 23) - 1))
                    }
                }
            }
        };
        f32::from_bits(bits)
    }

    /// Parses a decimal real literal: optional sign, digits with an optional
    /// `.` and fraction, optional exponent `e`/`E` with optional sign (at
    /// least one digit somewhere before the exponent; `_` separators must
    /// already be removed).  Also accepts `inf` and `nan` with an optional
    /// sign.  The result is correctly rounded (to nearest, ties to even),
    /// including subnormals and overflow to infinity.  Returns `None` for any
    /// other text.
    pub fn parse(text: &str) -> Option<F80> {
        let b = text.as_bytes();
        let (neg, body) = match b.first() {
            Some(b'-') => (true, &b[1..]),
            Some(b'+') => (false, &b[1..]),
            _ => (false, b),
        };
        let sign = if neg { 0x8000u16 } else { 0 };
        match body {
            b"inf" => {
                return Some(F80 {
                    mantissa: INT_BIT,
                    sign_exp: sign | 0x7FFF,
                })
            }
            b"nan" => {
                return Some(F80 {
                    mantissa: INT_BIT | QUIET_BIT,
                    sign_exp: sign | 0x7FFF,
                })
            }
            _ => {}
        }

        let mut acc = DigitAccumulator::new();
        let mut i = 0;
        let mut any_digit = false;
        while i < body.len() && body[i].is_ascii_digit() {
            acc.push(body[i] - b'0', false);
            any_digit = true;
            i += 1;
        }
        if i < body.len() && body[i] == b'.' {
            i += 1;
            while i < body.len() && body[i].is_ascii_digit() {
                acc.push(body[i] - b'0', true);
                any_digit = true;
                i += 1;
            }
        }
        if !any_digit {
            return None;
        }
        let mut exp: i64 = 0;
        if i < body.len() && (body[i] == b'e' || body[i] == b'E') {
            i += 1;
            let mut exp_neg = false;
            if i < body.len() && (body[i] == b'+' || body[i] == b'-') {
                exp_neg = body[i] == b'-';
                i += 1;
            }
            let start = i;
            while i < body.len() && body[i].is_ascii_digit() {
                // Saturate: anything this large already means 0 or infinity.
                exp = (exp * 10 + i64::from(body[i] - b'0')).min(1 << 40);
                i += 1;
            }
            if i == start {
                return None;
            }
            if exp_neg {
                exp = -exp;
            }
        }
        if i != body.len() {
            return None;
        }
        Some(acc.finish(neg, exp))
    }

    /// A decimal text that [`F80::parse`] maps back to exactly this value:
    /// the shortest correctly rounded decimal (at most 21 significant
    /// digits) that round-trips.  Forms: `1.5`, `-0.0`, `100.0`, `1e+400`,
    /// `1.25e-7`, `inf`, `-inf`, `nan`, `-nan` (NaN payloads are not kept).
    pub fn fmt_exact_roundtrip(&self) -> String {
        let neg = self.is_sign_negative();
        let sign = if neg { "-" } else { "" };
        let (m, e) = match self.classify() {
            Class::Nan => return format!("{sign}nan"),
            Class::Inf => return format!("{sign}inf"),
            Class::Zero => return format!("{sign}0.0"),
            Class::Finite { m, e } => (m, e),
        };
        // Work in units of 10^t, where v = m * 2^e has 22-24 digits.
        let bits = i64::from(64 - m.leading_zeros());
        // floor(log10(v)) is within one of this estimate.
        let approx_log10 = ((bits - 1 + e) as f64 * std::f64::consts::LOG10_2).floor() as i64;
        let t = approx_log10 - 22;
        let (q, sticky) = scaled_decimal(u128::from(m), e, t);
        // Every decimal strictly inside (low, high) reads back as v; the
        // bounds themselves do too when m is even (ties go to even).  The
        // gap below is half as wide at a power of two (except at the bottom
        // of the normal range, where the spacing continues into subnormals).
        let biased = i64::from(self.sign_exp & 0x7FFF);
        let (high, _) = scaled_decimal(2 * u128::from(m) + 1, e - 1, t);
        let (low, low_sticky) = if m == INT_BIT && biased >= 2 {
            scaled_decimal(4 * u128::from(m) - 1, e - 2, t)
        } else {
            scaled_decimal(2 * u128::from(m) - 1, e - 1, t)
        };
        let inclusive = m & 1 == 0;
        let len = decimal_len(q);
        let target = F80::from_parts(neg, u128::from(m), e, false);
        for n in 1..=len {
            // Round q (plus sticky) to n significant digits, ties to even.
            let unit = pow10(len - n);
            let mut kept = q / unit;
            let rem = q % unit;
            let half = unit / 2;
            if unit > 1 && (rem > half || (rem == half && (sticky || kept & 1 == 1))) {
                kept += 1;
            }
            let c = kept * unit;
            // c is an integer number of 10^t units; compare with the bounds
            // high = (high_q + f) and low = (low_q + g) units, 0 <= f, g < 1.
            let below_high = c < high || (inclusive && c == high);
            let above_low = c > low || (inclusive && c == low && !low_sticky);
            if below_high && above_low {
                let text = format_units(neg, c, t);
                if F80::parse(&text) == Some(target) {
                    return text;
                }
            }
        }
        // Unreachable in practice (the interval is wider than one unit), but
        // stay correct: print every digit of the exact value.
        exact_decimal(neg, m, e)
    }
}

/// Flips the sign bit (like `ldneg`), also for zeros and NaNs.
impl std::ops::Neg for F80 {
    type Output = F80;

    fn neg(self) -> F80 {
        F80 {
            mantissa: self.mantissa,
            sign_exp: self.sign_exp ^ 0x8000,
        }
    }
}

impl fmt::Display for F80 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fmt_exact_roundtrip())
    }
}

/// Rounds `q * 2^e` (plus a sticky remainder) to `prec` significant bits,
/// ties to even, never placing the least significant bit below `min_lsb`.
/// Returns the rounded significand (`< 2^prec`, possibly 0) and the exponent
/// of its least significant bit.  A carry out of the top bit is renormalised.
fn round_bits(q: u128, e: i64, sticky: bool, prec: u32, min_lsb: i64) -> (u64, i64) {
    if q == 0 {
        return (0, min_lsb);
    }
    let bit_len = i64::from(128 - q.leading_zeros());
    let msb = e + bit_len - 1;
    let lsb = (msb - (i64::from(prec) - 1)).max(min_lsb);
    let drop = lsb - e;
    if drop <= 0 {
        // Exact: the value already fits with room to spare.
        let shift = (-drop) as u32;
        return ((q << shift) as u64, lsb);
    }
    let (mut m, up) = if drop > 128 {
        // Everything is below half of the least significant unit.
        (0u128, false)
    } else if drop == 128 {
        let half = 1u128 << 127;
        (0u128, q > half || (q == half && sticky))
    } else {
        let drop = drop as u32;
        let m = q >> drop;
        let rem = q & ((1u128 << drop) - 1);
        let half = 1u128 << (drop - 1);
        let up = rem > half || (rem == half && (sticky || m & 1 == 1));
        (m, up)
    };
    let mut lsb = lsb;
    if up {
        m += 1;
        if m >> prec != 0 {
            m >>= 1;
            lsb += 1;
        }
    }
    (m as u64, lsb)
}

/// Streams the digits of a decimal literal into a big integer, keeping at
/// most [`MAX_SIG_DIGITS`] significant digits and deferring trailing zeros.
struct DigitAccumulator {
    /// The kept digits while there are at most 19 of them (fast path).
    small: u64,
    /// The kept digits once there are more than 19 (trailing zeros deferred).
    big: Big,
    chunk: u32,
    chunk_len: u32,
    /// Significant digits seen (kept ones, including deferred zeros).
    nsig: u64,
    /// Zeros seen after the last non-zero kept digit, not yet multiplied in.
    pending_zeros: u64,
    /// Decimal exponent adjustment from the position of the point and from
    /// dropped integer digits.
    exp10: i64,
    /// A dropped digit was non-zero.
    sticky: bool,
}

impl DigitAccumulator {
    fn new() -> Self {
        DigitAccumulator {
            small: 0,
            big: Big::zero(),
            chunk: 0,
            chunk_len: 0,
            nsig: 0,
            pending_zeros: 0,
            exp10: 0,
            sticky: false,
        }
    }

    fn push_kept(&mut self, d: u8) {
        self.chunk = self.chunk * 10 + u32::from(d);
        self.chunk_len += 1;
        if self.chunk_len == 9 {
            self.big.mul_small(1_000_000_000);
            self.big.add_small(self.chunk);
            self.chunk = 0;
            self.chunk_len = 0;
        }
    }

    fn push(&mut self, d: u8, fraction: bool) {
        if self.nsig == 0 && d == 0 {
            // Leading zero.
            if fraction {
                self.exp10 = self.exp10.saturating_sub(1);
            }
            return;
        }
        if self.nsig < MAX_SIG_DIGITS {
            self.nsig += 1;
            if fraction {
                self.exp10 = self.exp10.saturating_sub(1);
            }
            if self.nsig <= 19 {
                self.small = self.small * 10 + u64::from(d);
                return;
            }
            if self.nsig == 20 {
                self.spill();
            }
            if d == 0 {
                self.pending_zeros += 1;
            } else {
                for _ in 0..self.pending_zeros {
                    self.push_kept(0);
                }
                self.pending_zeros = 0;
                self.push_kept(d);
            }
        } else {
            if d != 0 {
                self.sticky = true;
            }
            if !fraction {
                self.exp10 = self.exp10.saturating_add(1);
            }
        }
    }

    /// Moves the first 19 digits from `small` into `big`, deferring their
    /// trailing zeros.
    fn spill(&mut self) {
        let mut v = self.small;
        let mut zeros = 0;
        while v != 0 && v.is_multiple_of(10) {
            v /= 10;
            zeros += 1;
        }
        self.big = Big::from_u64(v);
        self.pending_zeros = zeros;
    }

    fn finish(mut self, neg: bool, exp: i64) -> F80 {
        if self.nsig <= 19 {
            let e10 = self.exp10.saturating_add(exp);
            if let Some(v) = fast_path(neg, self.small, e10) {
                return v;
            }
            self.spill();
        }
        if self.chunk_len > 0 {
            self.big.mul_small(10u32.pow(self.chunk_len));
            self.big.add_small(self.chunk);
        }
        let sign = if neg { 0x8000u16 } else { 0 };
        if self.big.is_zero() {
            return F80 {
                mantissa: 0,
                sign_exp: sign,
            };
        }
        // value = big * 10^exp10 (+ sticky), big has `kept` decimal digits.
        let kept = (self.nsig - self.pending_zeros) as i64;
        let exp10 = self
            .exp10
            .saturating_add(self.pending_zeros as i64)
            .saturating_add(exp);
        // value >= 10^(kept - 1 + exp10); the largest finite is < 1.19e4932.
        if exp10.saturating_add(kept - 1) >= 4933 {
            return F80 {
                mantissa: INT_BIT,
                sign_exp: sign | 0x7FFF,
            };
        }
        // value < 10^(kept + exp10); half the smallest subnormal is 1.8e-4951.
        if exp10.saturating_add(kept) <= -4951 {
            return F80 {
                mantissa: 0,
                sign_exp: sign,
            };
        }
        // Now |exp10| is bounded by about 4951 + MAX_SIG_DIGITS.
        let mut num = self.big;
        let mut den = Big::from_u64(1);
        if exp10 >= 0 {
            num.mul_pow5(exp10 as u64);
        } else {
            den.mul_pow5(exp10.unsigned_abs());
        }
        // value = num / den * 2^exp10; scale so the quotient has 67-68 bits.
        let shift = 67 - (num.bit_len() as i64 - den.bit_len() as i64);
        if shift >= 0 {
            num.shl(shift as u64);
        } else {
            den.shl(shift.unsigned_abs());
        }
        let (q, rem) = div_small_quotient(num, &den);
        F80::from_parts(neg, q, exp10 - shift, rem || self.sticky)
    }
}

/// Exact conversion of `d * 10^e10` for the common short literals, with
/// plain 128-bit arithmetic: `d < 10^19` and `-26 <= e10 <= 27`, where
/// `5^|e10|` fits in 64 bits.  `None` outside that range.
fn fast_path(neg: bool, d: u64, e10: i64) -> Option<F80> {
    if d == 0 {
        return Some(F80::from_parts(neg, 0, 0, false));
    }
    if (0..=27).contains(&e10) {
        // d * 10^e10 = (d * 5^e10) * 2^e10, exactly.
        let q = u128::from(d) * u128::from(5u64.pow(e10 as u32));
        return Some(F80::from_parts(neg, q, e10, false));
    }
    if (-26..0).contains(&e10) {
        // d * 10^-k = (d * 2^s / 5^k) * 2^(-k-s); pick s so the quotient has
        // at least 66 bits (64 + round bit + margin) and d * 2^s < 2^128.
        let k = e10.unsigned_abs() as u32;
        let p5 = 5u64.pow(k);
        let bits_p5 = 64 - p5.leading_zeros();
        let bits_d = 64 - d.leading_zeros();
        let s = 66 + bits_p5 - bits_d;
        let num = u128::from(d) << s;
        let q = num / u128::from(p5);
        let rem = num % u128::from(p5);
        return Some(F80::from_parts(
            neg,
            q,
            -i64::from(k) - i64::from(s),
            rem != 0,
        ));
    }
    None
}

/// `(floor(mm * 2^e / 10^t), remainder != 0)`; the callers pick `t` so
/// that the quotient has at most 25 decimal digits.
fn scaled_decimal(mm: u128, e: i64, t: i64) -> (u128, bool) {
    // mm * 2^e / 10^t = mm * 2^(e - t) / 5^t
    let mut num = Big::from_u128(mm);
    let mut den = Big::from_u64(1);
    if t >= 0 {
        den.mul_pow5(t as u64);
    } else {
        num.mul_pow5(t.unsigned_abs());
    }
    let two = e - t;
    if two >= 0 {
        num.shl(two as u64);
    } else {
        den.shl(two.unsigned_abs());
    }
    div_small_quotient(num, &den)
}

/// Number of decimal digits of `q` (1 for 0).
fn decimal_len(q: u128) -> usize {
    let mut n = 1;
    let mut v = q;
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

/// 10^k for k <= 38.
fn pow10(k: usize) -> u128 {
    10u128.pow(k as u32)
}

/// Formats `±c * 10^t` (c > 0) with trailing zeros removed.
fn format_units(neg: bool, c: u128, t: i64) -> String {
    let mut digits = c.to_string().into_bytes();
    let sci = t + digits.len() as i64 - 1;
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    format_decimal(neg, &digits, sci)
}

/// Formats `±d.ddd × 10^sci` as positional text for moderate exponents and
/// as `d.ddde±X` otherwise.
fn format_decimal(neg: bool, digits: &[u8], sci: i64) -> String {
    let mut s = String::with_capacity(digits.len() + 12);
    if neg {
        s.push('-');
    }
    let digit_str = std::str::from_utf8(digits).unwrap_or("0");
    if (-5..21).contains(&sci) {
        if sci >= 0 {
            let int_len = sci as usize + 1;
            if digits.len() <= int_len {
                s.push_str(digit_str);
                s.extend(std::iter::repeat_n('0', int_len - digits.len()));
                s.push_str(".0");
            } else {
                let (int_part, frac_part) = digit_str.split_at(int_len);
                s.push_str(int_part);
                s.push('.');
                s.push_str(frac_part);
            }
        } else {
            s.push_str("0.");
            s.extend(std::iter::repeat_n('0', (-sci - 1) as usize));
            s.push_str(digit_str);
        }
    } else {
        let (first, rest) = digit_str.split_at(1.min(digit_str.len()));
        s.push_str(first);
        if !rest.is_empty() {
            s.push('.');
            s.push_str(rest);
        }
        s.push('e');
        s.push(if sci < 0 { '-' } else { '+' });
        s.push_str(&sci.unsigned_abs().to_string());
    }
    s
}

/// Every digit of `±m * 2^e` (fallback of the round-trip printer).
fn exact_decimal(neg: bool, m: u64, e: i64) -> String {
    let mut big = Big::from_u64(m);
    let t = if e >= 0 {
        big.shl(e as u64);
        0
    } else {
        big.mul_pow5(e.unsigned_abs());
        e
    };
    let digits = big.to_decimal();
    let sci = t + digits.len() as i64 - 1;
    let mut d = digits;
    while d.len() > 1 && d.last() == Some(&b'0') {
        d.pop();
    }
    format_decimal(neg, &d, sci)
}

/// `floor(a / b)` and whether the remainder is non-zero, for quotients below
/// 2^128 (the callers scale `a` and `b` so that this holds).
fn div_small_quotient(mut a: Big, b: &Big) -> (u128, bool) {
    let la = a.bit_len();
    let lb = b.bit_len();
    if lb == 0 {
        return (u128::MAX, true);
    }
    if la < lb {
        return (0, !a.is_zero());
    }
    let d = la - lb;
    if d > 127 {
        return (u128::MAX, true);
    }
    let mut t = b.clone();
    t.shl(d);
    let mut q = 0u128;
    let mut i = d;
    loop {
        if a.cmp_big(&t) != Ordering::Less {
            a.sub_assign(&t);
            q |= 1u128 << i;
        }
        if i == 0 {
            break;
        }
        t.shr1();
        i -= 1;
    }
    (q, !a.is_zero())
}

/// A minimal unsigned big integer: little-endian 32-bit limbs, no trailing
/// zero limbs.  Only the operations the decimal conversions need.
#[derive(Clone, Debug)]
struct Big {
    limbs: Vec<u32>,
}

impl Big {
    fn zero() -> Big {
        Big { limbs: Vec::new() }
    }

    fn from_u64(v: u64) -> Big {
        Big::from_u128(u128::from(v))
    }

    fn from_u128(v: u128) -> Big {
        let mut b = Big {
            limbs: vec![
                v as u32,
                (v >> 32) as u32,
                (v >> 64) as u32,
                (v >> 96) as u32,
            ],
        };
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    fn bit_len(&self) -> u64 {
        match self.limbs.last() {
            None => 0,
            Some(&top) => (self.limbs.len() as u64 - 1) * 32 + u64::from(32 - top.leading_zeros()),
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.limbs {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
        self.trim();
    }

    fn add_small(&mut self, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.limbs {
            if carry == 0 {
                return;
            }
            let v = u64::from(*limb) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut k: u64) {
        const POW5_13: u32 = 1_220_703_125;
        while k >= 13 {
            self.mul_small(POW5_13);
            k -= 13;
        }
        if k > 0 {
            self.mul_small(5u32.pow(k as u32));
        }
    }

    fn shl(&mut self, bits: u64) {
        if self.is_zero() || bits == 0 {
            return;
        }
        let limb_shift = (bits / 32) as usize;
        let bit_shift = (bits % 32) as u32;
        if bit_shift != 0 {
            let mut carry = 0u32;
            for limb in &mut self.limbs {
                let v = *limb;
                *limb = (v << bit_shift) | carry;
                carry = v >> (32 - bit_shift);
            }
            if carry != 0 {
                self.limbs.push(carry);
            }
        }
        if limb_shift > 0 {
            self.limbs
                .splice(0..0, std::iter::repeat_n(0u32, limb_shift));
        }
    }

    fn shr1(&mut self) {
        let mut carry = 0u32;
        for limb in self.limbs.iter_mut().rev() {
            let v = *limb;
            *limb = (v >> 1) | (carry << 31);
            carry = v & 1;
        }
        self.trim();
    }

    fn cmp_big(&self, other: &Big) -> Ordering {
        match self.limbs.len().cmp(&other.limbs.len()) {
            Ordering::Equal => {}
            ord => return ord,
        }
        for (a, b) in self.limbs.iter().rev().zip(other.limbs.iter().rev()) {
            match a.cmp(b) {
                Ordering::Equal => {}
                ord => return ord,
            }
        }
        Ordering::Equal
    }

    /// `self -= other`; requires `self >= other`.
    fn sub_assign(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.limbs.iter_mut().enumerate() {
            let o = other.limbs.get(i).copied().unwrap_or(0);
            let mut v = i64::from(*limb) - i64::from(o) - borrow;
            if v < 0 {
                v += 1 << 32;
                borrow = 1;
            } else {
                borrow = 0;
            }
            *limb = v as u32;
            if borrow == 0 && i + 1 >= other.limbs.len() {
                break;
            }
        }
        self.trim();
    }

    /// Decimal digits (ASCII), most significant first; "0" for zero.
    fn to_decimal(&self) -> Vec<u8> {
        let mut chunks = Vec::new();
        let mut n = self.clone();
        while !n.is_zero() {
            let mut rem = 0u64;
            for limb in n.limbs.iter_mut().rev() {
                let v = (rem << 32) | u64::from(*limb);
                *limb = (v / 1_000_000_000) as u32;
                rem = v % 1_000_000_000;
            }
            n.trim();
            chunks.push(rem as u32);
        }
        let mut out = String::new();
        match chunks.pop() {
            None => out.push('0'),
            Some(top) => out.push_str(&top.to_string()),
        }
        for c in chunks.iter().rev() {
            out.push_str(&format!("{c:09}"));
        }
        out.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(m: u64, se: u16) -> F80 {
        F80 {
            mantissa: m,
            sign_exp: se,
        }
    }

    /// Truth values printed by gcc 12 / glibc `strtold` on x86-64.
    const STRTOLD: &[(&str, u64, u16)] = &[
        ("0.1", 0xCCCCCCCCCCCCCCCD, 0x3FFB),
        ("1.0", 0x8000000000000000, 0x3FFF),
        ("1.5", 0xC000000000000000, 0x3FFF),
        ("0", 0x0000000000000000, 0x0000),
        ("-0", 0x0000000000000000, 0x8000),
        ("10.56", 0xA8F5C28F5C28F5C3, 0x4002),
        ("1e400", 0xDA763FC8CB9FF9E6, 0x452F),
        ("10.0E200", 0xD106F86E69D785C8, 0x429A),
        ("1e-4950", 0x0000000000000003, 0x0000),
        ("1e-4951", 0x0000000000000000, 0x0000),
        ("2e-4951", 0x0000000000000001, 0x0000),
        ("1.8e-4951", 0x0000000000000000, 0x0000),
        ("1.82e-4951", 0x0000000000000000, 0x0000),
        ("3.6e-4951", 0x0000000000000001, 0x0000),
        (
            "3.64519953188247460252840593361941982e-4951",
            0x0000000000000001,
            0x0000,
        ),
        ("1.18973149535723176502e+4932", 0xFFFFFFFFFFFFFFFF, 0x7FFE),
        (
            "1.18973149535723176508575932662800702e4932",
            0x8000000000000000,
            0x7FFF,
        ),
        ("1.2e4932", 0x8000000000000000, 0x7FFF),
        (
            "3.14159265358979323846264338327950288",
            0xC90FDAA22168C235,
            0x4000,
        ),
        ("2.718281828459045235360287", 0xADF85458A2BB4A9B, 0x4000),
        ("123456789012345678901234567890", 0xC77487FB61B9F077, 0x405F),
        ("0.3", 0x999999999999999A, 0x3FFD),
        ("1e-10", 0xDBE6FECEBDEDD5BF, 0x3FDD),
        ("6.02214076e23", 0xFF0C2E52BE28B98C, 0x404D),
        ("1e4000", 0xD1BA8323FE558C61, 0x73E6),
        ("-1e4000", 0xD1BA8323FE558C61, 0xF3E6),
        ("1e-4000", 0x9C3D73864F3805C0, 0x0C17),
        ("9007199254740993", 0x8000000000000400, 0x4034),
        ("18446744073709551615", 0xFFFFFFFFFFFFFFFF, 0x403E),
        ("18446744073709551616", 0x8000000000000000, 0x403F),
        ("36893488147419103231", 0x8000000000000000, 0x4040),
        ("36893488147419103233", 0x8000000000000000, 0x4040),
        ("3.3621031431120935063e-4932", 0x8000000000000000, 0x0001),
        ("3.3621031431120935062e-4932", 0x8000000000000000, 0x0001),
        ("1e-320", 0xFD00B897478238D1, 0x3BD7),
        ("5e-324", 0x818995CE7AA0E1B2, 0x3BCD),
        ("1e308", 0x8E679C2F5E44FF8F, 0x43FE),
        ("1.7976931348623157e308", 0xFFFFFFFFFFFFF7AC, 0x43FE),
        (
            "1.79769313486231580793728971405301e+308",
            0xFFFFFFFFFFFFFC00,
            0x43FE,
        ),
        ("0.000001", 0x8637BD05AF6C69B6, 0x3FEB),
        ("1e21", 0xD8D726B7177A8000, 0x4044),
        ("1e22", 0x878678326EAC9000, 0x4048),
        ("1e23", 0xA968163F0A57B400, 0x404B),
        (
            "340282356779733661637539395458142568448",
            0xFFFFFF8000000000,
            0x407E,
        ),
        ("1e-45", 0xB6B00D69BB55C8D1, 0x3F69),
        ("4.9406564584124654e-324", 0xFFFFFFFFFFFFFF64, 0x3BCC),
        ("2.4703282292062327e-324", 0xFFFFFFFFFFFFFF64, 0x3BCB),
    ];

    #[test]
    fn parse_matches_strtold() {
        for &(text, m, se) in STRTOLD {
            assert_eq!(F80::parse(text), Some(f(m, se)), "{text}");
        }
    }

    #[test]
    fn known_bit_patterns() {
        assert_eq!(F80::parse("0.1"), Some(f(0xCCCC_CCCC_CCCC_CCCD, 0x3FFB)));
        assert_eq!(F80::parse("1.0"), Some(F80::ONE));
        assert_eq!(F80::from_f64(1.0), F80::ONE);
        assert_eq!(F80::from_i64(1), F80::ONE);
        assert_eq!(F80::from_i64(-2), f(INT_BIT, 0xC000));
        assert_eq!(F80::from_i64(0), F80::ZERO);
        assert_eq!(F80::from_i64(i64::MIN), f(INT_BIT, 0xC03E));
        assert_eq!(F80::from_u64(u64::MAX), f(u64::MAX, 0x403E));
        assert_eq!(F80::from_u64(3), f(0xC000_0000_0000_0000, 0x4000));
        assert_eq!(F80::parse("inf"), Some(F80::INFINITY));
        assert_eq!(F80::parse("-inf"), Some(F80::NEG_INFINITY));
        assert_eq!(F80::parse("nan"), Some(F80::NAN));
        assert_eq!(F80::parse("-nan"), Some(-F80::NAN));
        assert_eq!(F80::parse("+1"), Some(F80::ONE));
    }

    #[test]
    fn parse_rejects_malformed() {
        for bad in [
            "", "-", "+", ".", "e5", ".e5", "1e", "1e+", "1.5x", "0x10", "1 ", " 1", "--1", "1_0",
            "infinity", "NaN", "1.2.3", "1e5.0",
        ] {
            assert_eq!(F80::parse(bad), None, "{bad:?}");
        }
        assert!(F80::parse(".5").is_some());
        assert!(F80::parse("5.").is_some());
        assert_eq!(F80::parse("1E0"), Some(F80::ONE));
    }

    #[test]
    fn bytes_round_trip() {
        let v = f(0x0123_4567_89AB_CDEF, 0xBEEF);
        let b = v.to_le_bytes();
        assert_eq!(
            b,
            [0xEF, 0xCD, 0xAB, 0x89, 0x67, 0x45, 0x23, 0x01, 0xEF, 0xBE]
        );
        assert_eq!(F80::from_le_bytes(b), v);
    }

    #[test]
    fn huge_and_tiny_exponents_are_bounded() {
        assert_eq!(F80::parse("1e99999999999999999999999"), Some(F80::INFINITY));
        assert_eq!(
            F80::parse("-1e99999999999999999999999"),
            Some(F80::NEG_INFINITY)
        );
        assert_eq!(F80::parse("1e-99999999999999999999999"), Some(F80::ZERO));
        assert_eq!(F80::parse("0e99999999999999999999"), Some(F80::ZERO));
        assert_eq!(F80::parse("0.0000e-5"), Some(F80::ZERO));
        // Many digits with a compensating exponent.
        let mut s = String::from("0.");
        s.extend(std::iter::repeat_n('0', 5000));
        s.push_str("1e5001");
        assert_eq!(F80::parse(&s), Some(F80::ONE));
        let mut s = String::from("1");
        s.extend(std::iter::repeat_n('0', 20000));
        s.push_str("e-20000");
        assert_eq!(F80::parse(&s), Some(F80::ONE));
    }

    /// Decimal digits of `n * mult^k`, by schoolbook arithmetic in base 10^9
    /// (independent of `Big`); `mult^step` must stay below 2^32.
    fn decimal_power_product(n: &str, mult: u64, step: u32, k: usize) -> String {
        const BASE: u64 = 1_000_000_000;
        let mut limbs: Vec<u64> = Vec::new(); // little-endian base 10^9
        for chunk in n.as_bytes().rchunks(9) {
            let text = std::str::from_utf8(chunk).unwrap_or("0");
            limbs.push(text.parse().unwrap_or(0));
        }
        let mut left = k;
        while left > 0 {
            let now = left.min(step as usize);
            let factor = mult.pow(now as u32);
            let mut carry = 0u64;
            for limb in limbs.iter_mut() {
                let v = *limb * factor + carry;
                *limb = v % BASE;
                carry = v / BASE;
            }
            while carry > 0 {
                limbs.push(carry % BASE);
                carry /= BASE;
            }
            left -= now;
        }
        let mut out = String::new();
        for (i, limb) in limbs.iter().rev().enumerate() {
            if i == 0 {
                out.push_str(&limb.to_string());
            } else {
                out.push_str(&format!("{limb:09}"));
            }
        }
        out
    }

    /// Exact positional decimal text of `odd * 2^-k`: the digits of
    /// `odd * 5^k` with the point placed k digits from the right.
    fn exact_binary_fraction(odd: &str, k: usize) -> String {
        let mut s = decimal_power_product(odd, 5, 13, k);
        if s.len() <= k {
            s = format!("{}{s}", "0".repeat(k + 1 - s.len()));
        }
        let point = s.len() - k;
        format!("{}.{}", &s[..point], &s[point..])
    }

    /// The same text with its last digit decreased by one (the last digit of
    /// `odd * 5^k` is always 5).
    fn just_below(s: &str) -> String {
        let mut b = s.as_bytes().to_vec();
        if let Some(last) = b.last_mut() {
            *last -= 1;
        }
        String::from_utf8(b).unwrap_or_default()
    }

    #[test]
    fn exact_halfway_points_need_all_digits() {
        // 2^-16446 is exactly half the smallest subnormal: ties to even (0).
        let half = exact_binary_fraction("1", 16446);
        assert!(half.len() > 16000);
        assert_eq!(F80::parse(&half), Some(F80::ZERO));
        // A hair above the halfway point rounds up, a hair below down.
        assert_eq!(
            F80::parse(&format!("{half}0000000000000000000001")),
            Some(F80::MIN_POSITIVE_SUBNORMAL)
        );
        assert_eq!(F80::parse(&just_below(&half)), Some(F80::ZERO));
        // 3 * 2^-16446 lies halfway between 1 and 2 units: ties to even (2).
        let three = exact_binary_fraction("3", 16446);
        assert_eq!(F80::parse(&three), Some(f(2, 0)));
        assert_eq!(F80::parse(&just_below(&three)), Some(f(1, 0)));
        // 5 * 2^-16446 lies halfway between 2 and 3 units: ties to even (2).
        let five = exact_binary_fraction("5", 16446);
        assert_eq!(F80::parse(&five), Some(f(2, 0)));
        assert_eq!(F80::parse(&format!("{five}1")), Some(f(3, 0)));
        // The widest halfway point: (2^65 - 1) * 2^-16446, between the largest
        // subnormal-exponent values 2^64 - 1 and 2^64 units.
        let wide = exact_binary_fraction("36893488147419103231", 16446);
        assert!(wide.len() > 11_500);
        assert_eq!(F80::parse(&wide), Some(f(INT_BIT, 2)));
        assert_eq!(F80::parse(&just_below(&wide)), Some(f(u64::MAX, 1)));
        // Exactly representable: (2^64 - 1) * 2^-64, just below 1.
        let h = exact_binary_fraction("18446744073709551615", 64);
        assert_eq!(F80::parse(&h), Some(f(u64::MAX, 0x3FFE)));
    }

    #[test]
    fn halfway_in_the_normal_range() {
        // 1 + 2^-64 is halfway between 1 and the next value: ties to even.
        let s = exact_binary_fraction("18446744073709551617", 64);
        assert_eq!(F80::parse(&s), Some(F80::ONE));
        assert_eq!(
            F80::parse(&format!("{s}0001")),
            Some(f(INT_BIT | 1, 0x3FFF))
        );
        assert_eq!(F80::parse(&just_below(&s)), Some(F80::ONE));
        // 1 + 3*2^-64 is halfway between 1+2^-63 and 1+2^-62: ties to even.
        let s = exact_binary_fraction("18446744073709551619", 64);
        assert_eq!(F80::parse(&s), Some(f(INT_BIT | 2, 0x3FFF)));
        assert_eq!(F80::parse(&just_below(&s)), Some(f(INT_BIT | 1, 0x3FFF)));
        // (2^65 - 1) * 2^16319 is halfway between MAX and 2^16384: the tie
        // goes to the even neighbour, which overflows to infinity.
        let top = decimal_power_product("36893488147419103231", 2, 31, 16319);
        assert_eq!(F80::parse(&top), Some(F80::INFINITY));
        assert_eq!(F80::parse(&format!("-{top}")), Some(F80::NEG_INFINITY));
        // Just below it (the last digit of 2^k * odd here is even, non-zero).
        let below = just_below(&top);
        assert_ne!(below, top);
        assert_eq!(F80::parse(&below), Some(F80::MAX));
    }

    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }
    }

    fn check_round_trip(v: F80) {
        let s = v.fmt_exact_roundtrip();
        let mantissa_digits: String = s
            .split('e')
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let significant = mantissa_digits
            .trim_start_matches('0')
            .trim_end_matches('0');
        assert!(significant.len() <= 21, "{s} too long for {v:?}");
        let back = F80::parse(&s);
        if v.is_nan() {
            assert!(back.is_some_and(F80::is_nan), "{s}");
        } else if v.sign_exp & 0x7FFF == 0 && v.mantissa & INT_BIT != 0 {
            // A pseudo-denormal reads back as the equal normal number.
            assert_eq!(back, Some(f(v.mantissa, v.sign_exp | 1)), "{s}");
        } else {
            assert_eq!(back, Some(v), "{s}");
        }
    }

    #[test]
    fn round_trip_specials_and_powers_of_two() {
        for v in [
            F80::ZERO,
            -F80::ZERO,
            F80::ONE,
            F80::INFINITY,
            F80::NEG_INFINITY,
            F80::NAN,
            F80::MAX,
            -F80::MAX,
            F80::MIN_POSITIVE_SUBNORMAL,
            f(u64::MAX >> 1, 0), // largest subnormal
            f(INT_BIT, 1),       // smallest normal
            f(INT_BIT, 0),       // pseudo-denormal
        ] {
            check_round_trip(v);
        }
        for e in 1..0x7FFF_u16 {
            // Every exponent near the ends of the range, a sample elsewhere.
            if !(100..=0x7FFE - 100).contains(&e) || e % 67 == 0 {
                check_round_trip(f(INT_BIT, e));
                check_round_trip(-f(u64::MAX, e));
                check_round_trip(f(INT_BIT | 1, e));
            }
        }
        for b in 0..64 {
            check_round_trip(f(1 << b, 0));
        }
    }

    #[test]
    fn formatting_examples() {
        let p = |s: &str| F80::parse(s).unwrap_or(F80::NAN).fmt_exact_roundtrip();
        assert_eq!(p("1.5"), "1.5");
        assert_eq!(p("1e400"), "1e+400");
        assert_eq!(p("-0"), "-0.0");
        assert_eq!(p("0"), "0.0");
        assert_eq!(p("100"), "100.0");
        assert_eq!(p("0.1"), "0.1");
        assert_eq!(p("10.56"), "10.56");
        assert_eq!(p("1e-7"), "1e-7");
        assert_eq!(p("0.00012"), "0.00012");
        // Multiples of 8 at this magnitude; 20 digits would be a tie.
        assert_eq!(p("123456789012345678901"), "123456789012345678904.0");
        assert_eq!(p("1e21"), "1e+21");
        assert_eq!(p("inf"), "inf");
        assert_eq!(p("-inf"), "-inf");
        assert_eq!(p("nan"), "nan");
        assert_eq!(format!("{}", F80::ONE), "1.0");
        assert_eq!(F80::MAX.to_string(), "1.189731495357231765e+4932");
        assert_eq!(F80::MIN_POSITIVE_SUBNORMAL.to_string(), "4e-4951");
    }

    #[test]
    fn round_trip_random() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for i in 0..2000 {
            let m = rng.next();
            let se = rng.next() as u16;
            let v = match i % 4 {
                0 => f(m | INT_BIT, se & 0x7FFE | 1),
                // Moderate exponents, where most real literals live.
                1 => f(m | INT_BIT, (se & 0x00FF) + 0x3F80),
                2 => f(m >> (se % 64), se & 0x8000), // subnormals
                _ => f(m, se),                       // anything, including invalid
            };
            check_round_trip(v);
        }
    }

    #[test]
    fn round_trip_decimal_strings() {
        let mut rng = XorShift(12345);
        for _ in 0..2000 {
            let ndig = 1 + rng.next() % 25;
            let mut s = String::new();
            for _ in 0..ndig {
                s.push(char::from(b'0' + (rng.next() % 10) as u8));
            }
            let exp = (rng.next() % 9900) as i64 - 4950;
            s.push_str(&format!("e{exp}"));
            let v = F80::parse(&s).unwrap_or(F80::NAN);
            check_round_trip(v);
        }
    }

    #[test]
    fn f64_conversions() {
        let mut rng = XorShift(777);
        for _ in 0..5000 {
            let x = f64::from_bits(rng.next());
            let v = F80::from_f64(x);
            let y = v.to_f64();
            if x.is_nan() {
                assert!(y.is_nan());
                assert_eq!(y.is_sign_negative(), x.is_sign_negative());
            } else {
                assert_eq!(y.to_bits(), x.to_bits());
                // from_f64 is exact: parsing all digits of x gives it back.
                let text = format!("{x:.800e}");
                assert_eq!(F80::parse(&text), Some(v), "{text}");
            }
        }
        for x in [
            0.0,
            -0.0,
            1.0,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::INFINITY,
        ] {
            assert_eq!(F80::from_f64(x).to_f64().to_bits(), x.to_bits());
        }
        assert_eq!(F80::from_f64(f64::NAN), F80::NAN);
        assert_eq!(F80::from_f64(1.5), f(0xC000_0000_0000_0000, 0x3FFF));
        assert_eq!(F80::from_f64(5e-324), f(INT_BIT, 0x3BCD));
    }

    /// `(long double value, (double) value, (float) value)` from gcc.
    const NARROWING: &[(u64, u16, u64, u32)] = &[
        (0xCCCCCCCCCCCCCCCD, 0x3FFB, 0x3FB999999999999A, 0x3DCCCCCD),
        (0xDA763FC8CB9FF9E6, 0x452F, 0x7FF0000000000000, 0x7F800000),
        (0x0000000000000003, 0x0000, 0x0000000000000000, 0x00000000),
        (0xFFFFFFFFFFFFF7AC, 0x43FE, 0x7FEFFFFFFFFFFFFF, 0x7F800000),
        (0xFFFFFFFFFFFFFC00, 0x43FE, 0x7FF0000000000000, 0x7F800000),
        (0xFFFFFFFFFFFFFBFF, 0x43FE, 0x7FEFFFFFFFFFFFFF, 0x7F800000),
        (0xFFFFFFFFFFFFFF64, 0x3BCC, 0x0000000000000001, 0x00000000),
        (0xFFFFFFFFFFFFFF64, 0x3BCB, 0x0000000000000000, 0x00000000),
        (0x8000000000000001, 0x3BCC, 0x0000000000000001, 0x00000000),
        (0x8000000000000000, 0x3BCB, 0x0000000000000000, 0x00000000),
        (0xFFFFFF8000000000, 0x407E, 0x47EFFFFFF0000000, 0x7F800000),
        (0xFFFFFF7FFFFFFFFF, 0x407E, 0x47EFFFFFF0000000, 0x7F7FFFFF),
        (0xB6B00D69BB55C8D1, 0x3F69, 0x3696D601AD376AB9, 0x00000001),
        (0x8000000000000000, 0x3F69, 0x3690000000000000, 0x00000000),
        (0x8000000000000001, 0x3F69, 0x3690000000000000, 0x00000001),
        (0xC000000000000000, 0x3F6A, 0x36A8000000000000, 0x00000002),
        (0xA000000000000000, 0x3F6A, 0x36A4000000000000, 0x00000001),
        (0xFFFFFFFFFFFFFFFF, 0x3FFE, 0x3FF0000000000000, 0x3F800000),
        (0x8000000000000400, 0x4034, 0x4340000000000000, 0x5A000000),
        (0x8000000000000C00, 0x4034, 0x4340000000000002, 0x5A000000),
        (0x8000000000000401, 0x4034, 0x4340000000000001, 0x5A000000),
        (0xFFFFFF0000000000, 0x3F80, 0x380FFFFFE0000000, 0x00800000),
        (0xFFFFFF8000000000, 0x3F80, 0x380FFFFFF0000000, 0x00800000),
        (0xFFFFFFFFFFFFF800, 0x3C00, 0x0010000000000000, 0x00000000),
        (0xFFFFFFFFFFFFFC00, 0x3C00, 0x0010000000000000, 0x00000000),
        (0x8000000000000000, 0x3C00, 0x0008000000000000, 0x00000000),
        (0x8000000000000000, 0x3BFF, 0x0004000000000000, 0x00000000),
    ];

    #[test]
    fn narrowing_matches_gcc() {
        for &(m, se, d, fl) in NARROWING {
            let v = f(m, se);
            assert_eq!(v.to_f64().to_bits(), d, "{v:?} to double");
            assert_eq!(v.to_f32().to_bits(), fl, "{v:?} to float");
            assert_eq!((-v).to_f64().to_bits(), d | (1 << 63));
            assert_eq!((-v).to_f32().to_bits(), fl | (1 << 31));
        }
    }

    #[test]
    fn nan_handling() {
        assert!(F80::NAN.to_f64().is_nan());
        assert!(F80::NAN.to_f32().is_nan());
        assert!((-F80::NAN).to_f64().is_sign_negative());
        // Unnormal, pseudo-infinity and pseudo-NaN are invalid: NaN.
        for v in [
            f(0x1234, 0x3FFF),
            f(0, 0x7FFF),
            f(0x4000_0000_0000_0000, 0x7FFF),
        ] {
            assert!(v.is_nan());
            assert!(v.to_f64().is_nan());
            assert_eq!(v.fmt_exact_roundtrip(), "nan");
        }
        assert!(F80::INFINITY.is_infinite());
        assert_eq!(F80::INFINITY.to_f64(), f64::INFINITY);
        assert_eq!(F80::NEG_INFINITY.to_f32(), f32::NEG_INFINITY);
        assert_eq!(F80::from_f32(f32::NAN), F80::NAN);
        assert_eq!(F80::from_f32(0.1f32).to_f32(), 0.1f32);
        assert_eq!(F80::from_f32(0.1f32).to_f64(), f64::from(0.1f32));
    }

    #[test]
    fn parse_random_text_never_panics() {
        let mut rng = XorShift(0xA076_1D64_78BD_642F);
        let alphabet = b"0123456789012345678900000.eE+-_infa x";
        for _ in 0..20_000 {
            let len = (rng.next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| char::from(alphabet[(rng.next() % alphabet.len() as u64) as usize]))
                .collect();
            if let Some(v) = F80::parse(&text) {
                check_round_trip(v);
            }
        }
    }

    #[test]
    fn exact_fallback_printer() {
        // The fallback prints every digit; it must read back exactly.
        let cases = [
            (1u64, 0i64),
            (3, -1),
            (u64::MAX, -64),
            (1, MIN_LSB),
            (u64::MAX, 16320),
            (0xCCCC_CCCC_CCCC_CCCD, -67),
        ];
        for (m, e) in cases {
            let text = exact_decimal(false, m, e);
            assert_eq!(
                F80::parse(&text),
                Some(F80::from_parts(false, u128::from(m), e, false)),
                "{text}"
            );
        }
        assert_eq!(exact_decimal(true, 3, -1), "-1.5");
        assert_eq!(exact_decimal(false, 5, 2), "20.0");
    }

    #[test]
    fn integer_conversions_are_exact() {
        let mut rng = XorShift(4242);
        for _ in 0..5000 {
            let u = rng.next();
            let v = F80::from_u64(u);
            assert_eq!(F80::parse(&u.to_string()), Some(v));
            let i = u as i64;
            assert_eq!(F80::parse(&i.to_string()), Some(F80::from_i64(i)));
        }
    }
}
