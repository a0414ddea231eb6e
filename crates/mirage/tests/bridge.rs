//! Integration tests of the native bridge (`mirage::bridge`): ff-call
//! (generated stubs and the generic path, always both, compared slot for
//! slot) against the C library `tests/c/bridge_lib.c`, interpreter shims
//! called back from C and libc, lazy wrappers, thunks under concurrent
//! redirection, W^X, memory reuse, `bstart`/`bend`, and the `va_list`
//! readers. Run the `#[ignore]`d `bench_*` tests with
//! `cargo test --release -p mirage --test bridge -- --ignored --nocapture`
//! to print call-overhead figures.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use mirage::bridge::x64asm::{mem, Asm, Gp};
use mirage::bridge::*;
use mirage_interp::valist::ArgImage;
use mirage_ir::Type;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

// Functions only taken by address are declared without their signature.
extern "C" {
    fn bl_raw64();
    fn bl_raw64_7th();
    fn bl_ret_big();
    fn bl_is_m128_i8();
    fn bl_is_128_u8();
    fn bl_is_m128_i16();
    fn bl_is_ff80_u16();
    fn bl_is_m128_i32();
    fn bl_is_ffffff80_u32();
    fn bl_neg_i8();
    fn bl_add_u16();
    fn bl_mix_narrow();
    fn bl_sum20();
    fn bl_sum8();
    fn bl_sum_fp12();
    fn bl_addf();
    fn bl_addd();
    fn bl_addld();
    fn bl_mulld_i();
    fn bl_ld_third();
    fn bl_ld_eq_bytes();
    fn bl_ld_after7();
    fn bl_f_to_f();
    fn bl_f_widen();
    fn bl_pair_ii();
    fn bl_pair_dd();
    fn bl_pair_di();
    fn bl_pair_id();
    fn bl_cplx_d();
    fn bl_cplx_ld();
    fn bl_p3f();
    fn bl_vfmt();
    fn bl_vsum();
    fn bl_inc_a();
    fn bl_inc_b();
    fn bl_plain_inc();
    fn bl_call_cbld();
    fn printf();
    fn snprintf();

    fn bl_ld_third_bytes(out: *mut u8);
    fn bl_struct_fn(id: c_int, which: c_int) -> *const u8;
    fn bl_struct_count() -> c_int;
    fn bl_call_cb12(cb: *const u8, got: *mut f64) -> c_int;
    fn bl_call_vcb(cb: *const u8) -> f64;
    fn bl_call_cbpdi(cb: *const u8) -> c_int;
    fn bl_call_cbi8(cb: *const u8) -> i32;
    fn bl_call_cbcld(cb: *const u8) -> c_int;
    fn bl_call_sum8(f: *const u8) -> i64;
    fn bl_hits(which: c_int) -> i64;
    fn bl_call_ptr_loop(f: *const u8, n: i64) -> i64;
    fn bl_vsumv(types: *const c_char, ap: *mut VaList) -> f64;
    fn vsnprintf(buf: *mut c_char, n: usize, fmt: *const c_char, ap: *mut VaList) -> c_int;
}

macro_rules! addr {
    ($f:ident) => {
        $f as *const u8
    };
}

// ---------------------------------------------------------------------
// helpers

struct Shared {
    mem: CodeMemory,
    cache: FfCallCache,
}

fn shared() -> &'static Mutex<Shared> {
    static S: OnceLock<Mutex<Shared>> = OnceLock::new();
    S.get_or_init(|| {
        Mutex::new(Shared {
            mem: CodeMemory::new().expect("code memory"),
            cache: FfCallCache::new(),
        })
    })
}

fn stub(sig: &CallSig) -> FfCallFn {
    let mut g = shared().lock().unwrap_or_else(|e| e.into_inner());
    let Shared { mem, cache } = &mut *g;
    cache.get(mem, sig).expect("ff-call stub")
}

fn shim(sig: &CallSig, h: ShimHandler, data: *const ()) -> *const u8 {
    let mut g = shared().lock().unwrap_or_else(|e| e.into_inner());
    make_interp_shim(&mut g.mem, sig, h, data).expect("shim")
}

fn sig(results: &[RetKind], args: &[ArgKind]) -> CallSig {
    CallSig {
        results: results.to_vec(),
        args: args.to_vec(),
        nfixed: args.len(),
        variadic: false,
    }
}

fn vsig(results: &[RetKind], fixed: &[ArgKind], extras: &[ArgKind]) -> CallSig {
    let mut args = fixed.to_vec();
    args.extend_from_slice(extras);
    CallSig {
        results: results.to_vec(),
        args,
        nfixed: fixed.len(),
        variadic: true,
    }
}

const RI: RetKind = RetKind::Int(IntExt::None);
const I32R: RetKind = RetKind::Int(IntExt::I32);

/// Calls `f` through the generated stub and through the generic path;
/// asserts that both leave identical slots; returns the result slots.
fn call_both(f: *const u8, sig: &CallSig, args: &[Val]) -> Vec<Val> {
    assert_eq!(args.len(), sig.args.len(), "test bug: argument count");
    let nres = sig.results.len();
    let mut a = vec![Val::ZERO; nres];
    a.extend_from_slice(args);
    let mut b = a.clone();
    let st = stub(sig);
    // SAFETY: `f` has the C signature `sig` describes; `a` holds nres +
    // nargs slots.
    unsafe { st(f, a.as_mut_ptr()) };
    // SAFETY: as above.
    unsafe { ff_call_generic(f, sig, &mut b).expect("generic ff-call") };
    assert_eq!(a, b, "stub and generic path disagree for {sig:?}");
    a.truncate(nres);
    a
}

fn call1(f: *const u8, sig: &CallSig, args: &[Val]) -> Val {
    call_both(f, sig, args)[0]
}

fn vi(x: i64) -> Val {
    Val::from_i64(x)
}
fn vd(x: f64) -> Val {
    Val::from_f64(x)
}
fn vf(x: f32) -> Val {
    Val::from_f32(x)
}
fn vp<T>(p: *const T) -> Val {
    Val::from_i64(p as i64)
}

/// Exact conversion of a normal (or zero) f64 to x87 extended bytes.
fn f80(x: f64) -> [u8; 10] {
    let bits = x.to_bits();
    let sign = (bits >> 63) as u16;
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let mut b = [0u8; 10];
    if exp == 0 && frac == 0 {
        b[9] = (sign << 7) as u8;
        return b;
    }
    assert!(exp != 0 && exp != 0x7ff, "only normal numbers");
    let m = (1u64 << 63) | (frac << 11);
    let se = (sign << 15) | (exp - 1023 + 16383) as u16;
    b[..8].copy_from_slice(&m.to_le_bytes());
    b[8..].copy_from_slice(&se.to_le_bytes());
    b
}
fn vld(x: f64) -> Val {
    Val::from_f80_bytes(f80(x))
}
/// x87 extended bytes to f64 (exact for the values the tests use).
fn f80_to_f64(b: &[u8]) -> f64 {
    let m = u64::from_le_bytes(b[..8].try_into().unwrap());
    let se = u16::from_le_bytes(b[8..10].try_into().unwrap());
    let sign = if se & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = i32::from(se & 0x7fff);
    if e == 0 && m == 0 {
        return 0.0 * sign;
    }
    sign * (m as f64) * 2f64.powi(e - 16383 - 63)
}

fn cstr(s: &str) -> std::ffi::CString {
    std::ffi::CString::new(s).unwrap()
}

// ---------------------------------------------------------------------
// scalar arguments and results

const BIG: i64 = 0x1_ffff_ff80;

#[test]
fn int_args_are_truncated_and_extended() {
    let kinds: [(ArgKind, i64); 7] = [
        (ArgKind::I8, -128),
        (ArgKind::U8, 0x80),
        (ArgKind::I16, -128),
        (ArgKind::U16, 0xff80),
        (ArgKind::I32, -128),
        (ArgKind::U32, 0xffff_ff80),
        (ArgKind::I64, BIG),
    ];
    for (k, want) in kinds {
        // In a register: the callee returns the whole 64-bit register.
        let r = call1(addr!(bl_raw64), &sig(&[RI], &[k]), &[vi(BIG)]);
        assert_eq!(r.i64(), want, "{k:?} in a register");
        // On the stack (7th integer argument).
        let mut args = vec![ArgKind::I64; 6];
        args.push(k);
        let mut vals: Vec<Val> = (0..6).map(vi).collect();
        vals.push(vi(BIG));
        let r = call1(addr!(bl_raw64_7th), &sig(&[RI], &args), &vals);
        assert_eq!(r.i64(), want, "{k:?} on the stack");
    }
    // The C side sees the narrow value.
    let checks: [(*const u8, ArgKind); 6] = [
        (addr!(bl_is_m128_i8), ArgKind::I8),
        (addr!(bl_is_128_u8), ArgKind::U8),
        (addr!(bl_is_m128_i16), ArgKind::I16),
        (addr!(bl_is_ff80_u16), ArgKind::U16),
        (addr!(bl_is_m128_i32), ArgKind::I32),
        (addr!(bl_is_ffffff80_u32), ArgKind::U32),
    ];
    for (f, k) in checks {
        assert_eq!(call1(f, &sig(&[I32R], &[k]), &[vi(BIG)]).i64(), 1, "{k:?}");
    }
}

#[test]
fn int_results_are_extended() {
    let exts = [
        (IntExt::I8, -128),
        (IntExt::U8, 0x80),
        (IntExt::I16, -128),
        (IntExt::U16, 0xff80),
        (IntExt::I32, -128),
        (IntExt::U32, 0xffff_ff80),
        (IntExt::None, BIG),
    ];
    for (e, want) in exts {
        let r = call1(addr!(bl_ret_big), &sig(&[RetKind::Int(e)], &[]), &[]);
        assert_eq!(r.i64(), want, "{e:?}");
    }
}

#[test]
fn narrow_prototypes() {
    let r = call1(
        addr!(bl_neg_i8),
        &sig(&[RetKind::Int(IntExt::I8)], &[ArgKind::I8]),
        &[vi(0x7f)],
    );
    assert_eq!(r.i64(), -127);
    let r = call1(
        addr!(bl_add_u16),
        &sig(&[RetKind::Int(IntExt::U16)], &[ArgKind::U16, ArgKind::U16]),
        &[vi(0xffff), vi(0x10002)],
    );
    assert_eq!(r.i64(), 1);
    use ArgKind::*;
    let args = [I8, U8, I16, U16, I32, U32, I8, U16];
    let vals = [-3i64, 250, -300, 65000, -70000, 4_000_000_000, -1, 2];
    let want = -3 + 10 * 250 + 100 * -300 + 1000 * 65000 + 10000 * -70000 + 100000 * 4_000_000_000
        - 1_000_000
        + 10_000_000 * 2;
    // High garbage bits above each width must not matter.
    let garbage: Vec<Val> = vals
        .iter()
        .zip(args)
        .map(|(&v, k)| {
            let mask = match k {
                I8 | U8 => 0xff,
                I16 | U16 => 0xffff,
                _ => 0xffff_ffff,
            };
            vi((v & mask) | (0x5a5a_5a5a_0000_0000u64 as i64 & !mask))
        })
        .collect();
    let r = call1(addr!(bl_mix_narrow), &sig(&[RI], &args), &garbage);
    assert_eq!(r.i64(), want);
}

#[test]
fn twenty_mixed_arguments() {
    use ArgKind::*;
    let args = [
        I32, D, I64, F, I8, D, U32, F, I16, D, I64, D, I32, F, D, U8, D, D, I64, D,
    ];
    let vals = [
        vi(-1),
        vd(1.5),
        vi(1 << 33),
        vf(2.5),
        vi(-7),
        vd(-3.25),
        vi(4_000_000_000),
        vf(0.75),
        vi(-1234),
        vd(10.0),
        vi(-99),
        vd(0.125),
        vi(77),
        vf(-8.5),
        vd(1e6),
        vi(255),
        vd(-2.0),
        vd(3.0),
        vi(123_456_789),
        vd(0.5),
    ];
    let want = -1.0
        + 1.5 * 2.0
        + (1u64 << 33) as f64 * 3.0
        + 2.5 * 4.0
        + -7.0 * 5.0
        + -3.25 * 6.0
        + 4e9 * 7.0
        + 0.75 * 8.0
        + -1234.0 * 9.0
        + 10.0 * 10.0
        + -99.0 * 11.0
        + 0.125 * 12.0
        + 77.0 * 13.0
        + -8.5 * 14.0
        + 1e6 * 15.0
        + 255.0 * 16.0
        + -2.0 * 17.0
        + 3.0 * 18.0
        + 123_456_789.0 * 19.0
        + 0.5 * 20.0;
    let r = call1(addr!(bl_sum20), &sig(&[RetKind::D], &args), &vals);
    assert_eq!(r.f64(), want);

    let r = call1(
        addr!(bl_sum8),
        &sig(&[RI], &[I64; 8]),
        &(1..=8).map(|x| vi(x * 10)).collect::<Vec<_>>(),
    );
    assert_eq!(r.i64(), (1..=8).map(|x| x * x * 10).sum::<i64>());

    let fargs = [D, F, D, D, F, D, D, D, D, F, D, D];
    let fvals: Vec<Val> = fargs
        .iter()
        .enumerate()
        .map(|(i, k)| {
            if *k == F {
                vf(i as f32 + 0.5)
            } else {
                vd(i as f64 + 0.25)
            }
        })
        .collect();
    let want: f64 = fargs
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (i as f64 + 1.0)
                * if *k == F {
                    i as f64 + 0.5
                } else {
                    i as f64 + 0.25
                }
        })
        .sum();
    let r = call1(addr!(bl_sum_fp12), &sig(&[RetKind::D], &fargs), &fvals);
    assert_eq!(r.f64(), want);
}

#[test]
fn float_and_double() {
    use ArgKind::*;
    let r = call1(
        addr!(bl_addf),
        &sig(&[RetKind::F], &[F, F]),
        &[vf(1.25), vf(2.5)],
    );
    assert_eq!(r.f32(), 3.75);
    let r = call1(
        addr!(bl_addd),
        &sig(&[RetKind::D], &[D, D]),
        &[vd(0.1), vd(0.2)],
    );
    assert_eq!(r.f64(), 0.1 + 0.2);
    let r = call1(
        addr!(bl_f_to_f),
        &sig(&[RetKind::F], &[D]),
        &[vd(1.0 / 3.0)],
    );
    assert_eq!(r.f32(), (1.0f64 / 3.0) as f32);
    let r = call1(addr!(bl_f_widen), &sig(&[RetKind::D], &[F]), &[vf(0.1)]);
    assert_eq!(r.f64(), f64::from(0.1f32));
}

#[test]
fn long_double_args_and_results() {
    use ArgKind::*;
    let r = call1(
        addr!(bl_addld),
        &sig(&[RetKind::LD], &[LD, LD]),
        &[vld(1.5), vld(2.25)],
    );
    assert_eq!(r.f80_bytes(), f80(3.75));
    let r = call1(
        addr!(bl_mulld_i),
        &sig(&[RetKind::LD], &[LD, I32, LD, D]),
        &[vld(0.5), vi(-6), vld(4.0), vd(0.25)],
    );
    assert_eq!(f80_to_f64(&r.bytes), -2.0);
    // Exactness: 1/3 in 80 bits, bit for bit as gcc computes it.
    let mut want = [0u8; 10];
    // SAFETY: writes 10 bytes into `want`.
    unsafe { bl_ld_third_bytes(want.as_mut_ptr()) };
    let r = call1(addr!(bl_ld_third), &sig(&[RetKind::LD], &[]), &[]);
    assert_eq!(r.f80_bytes(), want);
    assert_ne!(f80_to_f64(&want) as f32, 0.0);
    // ...and passed back unchanged.
    let r = call1(
        addr!(bl_ld_eq_bytes),
        &sig(&[I32R], &[LD, I64]),
        &[Val::from_f80_bytes(want), vp(want.as_ptr())],
    );
    assert_eq!(r.i64(), 1);
    // An ld after an odd number of stack eightbytes is 16-aligned.
    let mut args = vec![I64; 7];
    args.push(LD);
    args.push(I64);
    let mut vals: Vec<Val> = (1..=7).map(vi).collect();
    vals.push(vld(10.5));
    vals.push(vi(100));
    let r = call1(addr!(bl_ld_after7), &sig(&[RetKind::LD], &args), &vals);
    assert_eq!(f80_to_f64(&r.bytes), 21.0 + 28.0 + 100.0);
}

#[test]
fn two_results() {
    use ArgKind::*;
    let r = call_both(
        addr!(bl_pair_ii),
        &sig(&[RI, RI], &[I64, I64]),
        &[vi(41), vi(-8)],
    );
    assert_eq!((r[0].i64(), r[1].i64()), (42, -16));
    let r = call_both(
        addr!(bl_pair_dd),
        &sig(&[RetKind::D, RetKind::D], &[D, D]),
        &[vd(0.5), vd(1.25)],
    );
    assert_eq!((r[0].f64(), r[1].f64()), (1.5, 2.5));
    let r = call_both(
        addr!(bl_pair_di),
        &sig(&[RetKind::D, RI], &[D, I64]),
        &[vd(1.5), vi(10)],
    );
    assert_eq!((r[0].f64(), r[1].i64()), (4.5, 5));
    // Same registers, results listed the other way round.
    let r = call_both(
        addr!(bl_pair_di),
        &sig(&[RI, RetKind::D], &[D, I64]),
        &[vd(1.5), vi(10)],
    );
    assert_eq!((r[0].i64(), r[1].f64()), (5, 4.5));
    let r = call_both(
        addr!(bl_pair_id),
        &sig(&[RI, RetKind::D], &[I64, D]),
        &[vi(3), vd(9.0)],
    );
    assert_eq!((r[0].i64(), r[1].f64()), (21, 4.5));
    let r = call_both(
        addr!(bl_cplx_d),
        &sig(&[RetKind::D, RetKind::D], &[D, D]),
        &[vd(-1.0), vd(2.0)],
    );
    assert_eq!((r[0].f64(), r[1].f64()), (-1.0, 2.0));
    let r = call_both(
        addr!(bl_cplx_ld),
        &sig(&[RetKind::LD, RetKind::LD], &[LD, LD]),
        &[vld(1.5), vld(-0.5)],
    );
    assert_eq!((r[0].f80_bytes(), r[1].f80_bytes()), (f80(3.0), f80(-1.5)));
    // {float a, b, c}: a and b packed in XMM0, c in XMM1.
    let r = call_both(
        addr!(bl_p3f),
        &sig(&[RetKind::D, RetKind::F], &[F]),
        &[vf(1.5)],
    );
    assert_eq!(f32::from_le_bytes(r[0].bytes[..4].try_into().unwrap()), 1.5);
    assert_eq!(
        f32::from_le_bytes(r[0].bytes[4..8].try_into().unwrap()),
        3.0
    );
    assert_eq!(r[1].f32(), 4.5);
}

// ---------------------------------------------------------------------
// blocks (structs by value)

/// Size and alignment of a field code (see `STRUCTS`).
fn field_layout(c: char) -> (usize, usize) {
    match c {
        'c' => (1, 1),
        's' => (2, 2),
        'i' | 'f' => (4, 4),
        'd' | 'l' => (8, 8),
        'L' => (16, 16),
        _ => panic!("unknown field code {c}"),
    }
}

/// One generated C struct: field codes, offsets, size.
struct Shape {
    id: u32,
    fields: Vec<(char, usize)>,
    size: usize,
}

fn shapes() -> Vec<Shape> {
    STRUCTS
        .iter()
        .map(|&(id, codes)| {
            let (mut off, mut align) = (0usize, 1usize);
            let mut fields = Vec::new();
            for c in codes.chars() {
                let (sz, al) = field_layout(c);
                off = off.next_multiple_of(al);
                fields.push((c, off));
                off += sz;
                align = align.max(al);
            }
            Shape {
                id,
                fields,
                size: off.next_multiple_of(align),
            }
        })
        .collect()
}

/// SysV classification of a shape, as a MIR front end would do it:
/// returns the block case (0 = memory, 1 = INTEGER…, 2 = SSE…, 3 = INTEGER
/// then SSE, 4 = SSE then INTEGER).
fn classify(s: &Shape) -> u8 {
    if s.size > 16 || s.fields.iter().any(|f| f.0 == 'L') {
        return 0;
    }
    let mut cls = [None::<bool>; 2]; // Some(true) = INTEGER
    for &(c, off) in &s.fields {
        let e = off / 8;
        let int = !matches!(c, 'f' | 'd');
        cls[e] = Some(cls[e].unwrap_or(false) || int);
    }
    match (cls[0], cls[1]) {
        (Some(true), None | Some(true)) => 1,
        (Some(false), None | Some(false)) => 2,
        (Some(true), Some(false)) => 3,
        (Some(false), Some(true)) => 4,
        _ => 0,
    }
}

/// The bytes `fill_S<id>(seed)` produces (padding zero), built in Rust.
fn fill(s: &Shape, seed: i32) -> Vec<u8> {
    let mut b = vec![0u8; s.size];
    for (j, &(c, off)) in s.fields.iter().enumerate() {
        let iv = i64::from(seed * 31 + j as i32 * 7 - 50);
        let fv = f64::from(seed + j as i32) * 0.5;
        match c {
            'c' => b[off] = iv as i8 as u8,
            's' => b[off..off + 2].copy_from_slice(&(iv as i16).to_le_bytes()),
            'i' => b[off..off + 4].copy_from_slice(&(iv as i32).to_le_bytes()),
            'l' => b[off..off + 8].copy_from_slice(&iv.to_le_bytes()),
            'f' => b[off..off + 4].copy_from_slice(&(fv as f32).to_le_bytes()),
            'd' => b[off..off + 8].copy_from_slice(&fv.to_le_bytes()),
            'L' => {
                let m = 0x8000_0000_0000_0000u64 | u64::from((seed + j as i32) as u32);
                b[off..off + 8].copy_from_slice(&m.to_le_bytes());
                b[off + 8] = 0xff;
                b[off + 9] = 0x3f;
            }
            _ => unreachable!(),
        }
    }
    b
}

fn fnv(mut h: u64, b: &[u8]) -> u64 {
    for &x in b {
        h ^= u64::from(x);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// What the C side's field-wise hash of a shape gives.
fn hash(s: &Shape, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf29ce484222325;
    for &(c, off) in &s.fields {
        let n = if c == 'L' { 10 } else { field_layout(c).0 };
        h = fnv(h, &bytes[off..off + n]);
    }
    h
}

#[test]
fn struct_args_of_every_size() {
    // SAFETY: plain C function.
    assert_eq!(unsafe { bl_struct_count() } as usize, STRUCTS.len());
    let shapes = shapes();
    let mut cases = [0usize; 5];
    for s in &shapes {
        let case = classify(s);
        cases[usize::from(case)] += 1;
        let blk = ArgKind::Blk {
            case,
            size: s.size as u32,
        };
        let seed = s.id as i32;
        // Put the block at the very end of a page-sized buffer to catch
        // over-reads past its size.
        let mut page = vec![0u8; 4096 + s.size];
        let at = page.len() - s.size;
        page[at..].copy_from_slice(&fill(s, seed));
        let bytes = &page[at..];
        let h = hash(s, bytes);
        // SAFETY: ids come from the same table the C side generated.
        let take = unsafe { bl_struct_fn(s.id as c_int, 0) };
        // SAFETY: as above.
        let take2 = unsafe { bl_struct_fn(s.id as c_int, 1) };
        assert!(!take.is_null() && !take2.is_null());

        let r = call1(
            take,
            &sig(&[RI], &[ArgKind::I32, blk, ArgKind::D]),
            &[vi(-5), vp(bytes.as_ptr()), vd(10.5)],
        );
        let want = h
            .wrapping_add((-5i64 as u64).wrapping_mul(3))
            .wrapping_add(21);
        assert_eq!(
            r.i64() as u64,
            want,
            "take S{} ({} bytes, case {case})",
            s.id,
            s.size
        );

        // Five integer and seven XMM registers used before the block: a
        // two-eightbyte block of either class falls back to the stack and
        // `z`/`w` still get R9/XMM7.
        let mut args = vec![ArgKind::I64; 5];
        args.extend([ArgKind::D; 7]);
        args.extend([blk, ArgKind::I64, ArgKind::D]);
        let mut vals: Vec<Val> = (1..=5).map(|x| vi(x * 100)).collect();
        vals.extend((1..=7).map(|x| vd(f64::from(x) + 0.5)));
        vals.extend([vp(bytes.as_ptr()), vi(-42), vd(2.0)]);
        let r = call1(take2, &sig(&[RI], &args), &vals);
        let ints: i64 = (1..=5).map(|x| x * x * 100).sum::<i64>() + 6 * -42;
        let fps: f64 = (1..=7)
            .map(|x| f64::from(x) * (f64::from(x) + 0.5))
            .sum::<f64>()
            + 16.0;
        let want = h ^ (ints as u64) ^ ((fps as i64 as u64) << 20);
        assert_eq!(
            r.i64() as u64,
            want,
            "take2 S{} ({} bytes, case {case})",
            s.id,
            s.size
        );
    }
    // The table covers every block case.
    assert!(cases.iter().all(|&n| n > 0), "cases covered: {cases:?}");
}

#[test]
fn struct_results_in_registers_and_by_hidden_pointer() {
    for s in &shapes() {
        let case = classify(s);
        let seed = 1000 + s.id as i32;
        let want = fill(s, seed);
        // SAFETY: ids come from the C table.
        let make = unsafe { bl_struct_fn(s.id as c_int, 2) };
        if s.fields.len() == 1 && s.fields[0].0 == 'L' {
            // {long double} is passed in memory but returned in ST0 (X87).
            let r = call1(
                make,
                &sig(&[RetKind::LD], &[ArgKind::I32]),
                &[vi(i64::from(seed))],
            );
            assert_eq!(r.bytes[..10], want[..10], "S{} in ST0", s.id);
        } else if case == 0 {
            // rblk: hidden result pointer first; RAX returns it.
            let mut out = vec![0xEEu8; s.size];
            let r = call1(
                make,
                &sig(
                    &[RI],
                    &[
                        ArgKind::RBlk {
                            size: s.size as u32,
                        },
                        ArgKind::I32,
                    ],
                ),
                &[vp(out.as_mut_ptr()), vi(i64::from(seed))],
            );
            assert_eq!(r.i64(), out.as_ptr() as i64);
            assert_eq!(hash(s, &out), hash(s, &want), "S{} via rblk", s.id);
        } else {
            let n = s.size.div_ceil(8);
            let cls: [RetKind; 2] = match case {
                1 => [RI, RI],
                2 => [RetKind::D, RetKind::D],
                3 => [RI, RetKind::D],
                _ => [RetKind::D, RI],
            };
            let r = call_both(
                make,
                &sig(&cls[..n], &[ArgKind::I32]),
                &[vi(i64::from(seed))],
            );
            let mut got = Vec::new();
            for v in &r {
                got.extend_from_slice(&v.bytes[..8]);
            }
            got.truncate(s.size);
            assert_eq!(hash(s, &got), hash(s, &want), "S{} in registers", s.id);
        }
    }
}

// ---------------------------------------------------------------------
// variadic callees

fn vfmt(extras: &[ArgKind], vals: &[Val], fmt: &str) -> String {
    let mut buf = [0u8; 512];
    let f = cstr(fmt);
    let mut all = vec![vp(buf.as_mut_ptr()), vi(buf.len() as i64), vp(f.as_ptr())];
    all.extend_from_slice(vals);
    let s = vsig(&[I32R], &[ArgKind::I64; 3], extras);
    let n = call1(addr!(bl_vfmt), &s, &all).i64();
    let out = CStr::from_bytes_until_nul(&buf)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(n as usize, out.len());
    out
}

#[test]
fn variadic_printf_like() {
    use ArgKind::*;
    let hello = cstr("hello");
    assert_eq!(
        vfmt(
            &[I64, I64, I64, I64],
            &[
                vi(-42),
                vi(1 << 40),
                vp(hello.as_ptr()),
                vi(i64::from(b'x'))
            ],
            "%d %ld %s %c"
        ),
        format!("-42 {} hello x", 1u64 << 40)
    );
    // Ten doubles: two go to the stack; AL = 8.
    let ds: Vec<Val> = (0..10).map(|i| vd(f64::from(i) + 0.5)).collect();
    assert_eq!(
        vfmt(
            &[D; 10],
            &ds,
            "%.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f"
        ),
        "0.5 1.5 2.5 3.5 4.5 5.5 6.5 7.5 8.5 9.5"
    );
    // Long doubles mixed with ints and doubles, ints past the registers.
    let extras = [LD, I64, D, LD, I64, I64, I64, I64, LD, D];
    let vals = [
        vld(2.5),
        vi(7),
        vd(-0.25),
        vld(-1024.75),
        vi(1),
        vi(2),
        vi(3),
        vi(4),
        vld(0.125),
        vd(6.5),
    ];
    assert_eq!(
        vfmt(&extras, &vals, "%.2Lf %d %.2f %.2Lf %d %d %d %d %.3Lf %.1f"),
        "2.50 7 -0.25 -1024.75 1 2 3 4 0.125 6.5"
    );
    // 1/3 in 80 bits prints with more digits than a double has.
    let third = call1(addr!(bl_ld_third), &sig(&[RetKind::LD], &[]), &[]);
    assert_eq!(vfmt(&[LD], &[third], "%.20Lf"), "0.33333333333333333334");
}

#[test]
fn variadic_block_extras() {
    use ArgKind::*;
    // types: p = {i64, double} (case 3), q = {double, i64} (case 4),
    // b = {i64[3]} (memory), v = {double, double} (case 2).
    let p = [4i64.to_le_bytes(), 0.25f64.to_le_bytes()].concat();
    let q = [8.0f64.to_le_bytes(), 3i64.to_le_bytes()].concat();
    let b = [1i64.to_le_bytes(), 2i64.to_le_bytes(), 3i64.to_le_bytes()].concat();
    let v = [1.5f64.to_le_bytes(), 0.5f64.to_le_bytes()].concat();
    let types = cstr("ipqbvdLviiiiiipq");
    let extras = [
        I64,
        Blk { case: 3, size: 16 },
        Blk { case: 4, size: 16 },
        Blk { case: 0, size: 24 },
        Blk { case: 2, size: 16 },
        D,
        LD,
        Blk { case: 2, size: 16 },
        I64,
        I64,
        I64,
        I64,
        I64,
        I64,
        Blk { case: 3, size: 16 },
        Blk { case: 4, size: 16 },
    ];
    let vals = [
        vi(10),
        vp(p.as_ptr()),
        vp(q.as_ptr()),
        vp(b.as_ptr()),
        vp(v.as_ptr()),
        vd(0.5),
        vld(1.25),
        vp(v.as_ptr()),
        vi(1),
        vi(2),
        vi(3),
        vi(4),
        vi(5),
        vi(6),
        vp(p.as_ptr()),
        vp(q.as_ptr()),
    ];
    let want = vsum_expect("ipqbvdLviiiiiipq", 10.0);
    let mut all = vec![vp(types.as_ptr())];
    all.extend_from_slice(&vals);
    let r = call1(addr!(bl_vsum), &vsig(&[RetKind::D], &[I64], &extras), &all);
    assert_eq!(r.f64(), want);
}

/// The value `bl_vsum` computes for the fixed test values above (`i` takes
/// 10 first, then 1, 2, …).
fn vsum_expect(types: &str, first_int: f64) -> f64 {
    let mut next_int = first_int;
    let mut s = 0.0;
    for (k, c) in types.chars().enumerate() {
        let k = (k + 1) as f64;
        s += k * match c {
            'i' => {
                let v = next_int;
                next_int = if v == first_int { 1.0 } else { v + 1.0 };
                v
            }
            'd' => 0.5,
            'L' => 1.25,
            'p' => 4.0 + 0.25,
            'q' => 3.0 - 8.0,
            'b' => 1.0 + 4.0 + 9.0,
            'v' => 1.5 * 2.0 + 0.5,
            _ => unreachable!(),
        };
    }
    s
}

#[test]
fn printf_itself() {
    use ArgKind::*;
    let fmt = cstr("[mirage bridge test] printf %d %s %.2f %.1Lf\n");
    let word = cstr("ok");
    let r = call1(
        addr!(printf),
        &vsig(&[I32R], &[I64], &[I64, I64, D, LD]),
        &[
            vp(fmt.as_ptr()),
            vi(42),
            vp(word.as_ptr()),
            vd(0.5),
            vld(2.5),
        ],
    );
    let want = "[mirage bridge test] printf 42 ok 0.50 2.5\n".len() as i64;
    assert_eq!(r.i64(), want, "characters printed (once per path)");
    // snprintf through the same machinery.
    let mut buf = [0u8; 64];
    let fmt = cstr("%05d|%x|%.3e");
    call1(
        addr!(snprintf),
        &vsig(&[I32R], &[I64, I64, I64], &[I64, I64, D]),
        &[
            vp(buf.as_mut_ptr()),
            vi(64),
            vp(fmt.as_ptr()),
            vi(42),
            vi(255),
            vd(12345.678),
        ],
    );
    let out = CStr::from_bytes_until_nul(&buf).unwrap().to_str().unwrap();
    assert_eq!(out, "00042|ff|1.235e+04");
}

// ---------------------------------------------------------------------
// interpreter shims: native callers entering a Rust handler

/// Reads the next argument of `kind` the way the interpreter does: through
/// the va_list, re-extending narrow integers. Returns the 16-byte value.
///
/// # Safety
/// `va` must describe live arguments with one of `kind` left.
unsafe fn read_arg(va: &mut VaList, kind: ArgKind) -> Val {
    match kind {
        ArgKind::Blk { case, size } => {
            // A block argument is the address of a copy (leaked: tests).
            let buf: &'static mut [u8] = Vec::leak(vec![0u8; size as usize]);
            // SAFETY: `buf` has `size` bytes; forwarded va contract.
            unsafe { va.block_arg(buf.as_mut_ptr(), u64::from(size), u64::from(case)) };
            vp(buf.as_ptr())
        }
        _ => {
            // Only the register class matters to `arg_addr`.
            let ty = match kind {
                ArgKind::F => Type::F,
                ArgKind::D => Type::D,
                ArgKind::LD => Type::LD,
                _ => Type::I64,
            };
            let p = va.arg_addr(ty);
            let mut v = Val::ZERO;
            let n = match kind {
                ArgKind::F => 4,
                ArgKind::D => 8,
                ArgKind::LD => 10,
                _ => 8,
            };
            // SAFETY: `p` addresses the argument's slot (at least n bytes).
            unsafe { std::ptr::copy_nonoverlapping(p, v.bytes.as_mut_ptr(), n) };
            let q = v.i64();
            let ext = match kind {
                ArgKind::I8 => q as i8 as i64,
                ArgKind::U8 => q as u8 as i64,
                ArgKind::I16 => q as i16 as i64,
                ArgKind::U16 => q as u16 as i64,
                ArgKind::I32 => q as i32 as i64,
                ArgKind::U32 => q as u32 as i64,
                _ => return v,
            };
            vi(ext)
        }
    }
}

unsafe extern "C" fn cmp_i32(_d: *const (), va: *mut VaList, res: *mut Val) {
    // SAFETY: called by a shim for `int (*)(const void *, const void *)`.
    unsafe {
        let va = &mut *va;
        let a = read_arg(va, ArgKind::I64).i64() as *const i32;
        let b = read_arg(va, ArgKind::I64).i64() as *const i32;
        *res = vi((*a).cmp(&*b) as i64);
    }
}

#[test]
fn shim_as_qsort_and_bsearch_comparator() {
    let cmp = shim(
        &sig(&[I32R], &[ArgKind::I64, ArgKind::I64]),
        cmp_i32,
        std::ptr::null(),
    );
    let mut v: Vec<i32> = (0..1000).map(|i| (i * 7919 % 1009) - 500).collect();
    let mut want = v.clone();
    want.sort();
    // SAFETY: `cmp` is a native function with qsort's comparator
    // signature; the base/count/size describe `v`.
    unsafe {
        let f: unsafe extern "C" fn(*const c_void, *const c_void) -> c_int =
            std::mem::transmute(cmp);
        libc::qsort(v.as_mut_ptr().cast(), v.len(), 4, Some(f));
        assert_eq!(v, want);
        for key in [-500i32, 0, 7, 508] {
            let hit = libc::bsearch(
                (&key as *const i32).cast(),
                v.as_ptr().cast(),
                v.len(),
                4,
                Some(f),
            );
            assert_eq!(hit.is_null(), !want.contains(&key), "key {key}");
            if !hit.is_null() {
                assert_eq!(*(hit as *const i32), key);
            }
        }
    }
}

const CB12: [ArgKind; 12] = [
    ArgKind::I8,
    ArgKind::U16,
    ArgKind::I32,
    ArgKind::I64,
    ArgKind::U8,
    ArgKind::I64,
    ArgKind::I32,
    ArgKind::F,
    ArgKind::D,
    ArgKind::LD,
    ArgKind::Blk { case: 3, size: 16 },
    ArgKind::I16,
];

unsafe extern "C" fn cb12_handler(_d: *const (), va: *mut VaList, res: *mut Val) {
    // SAFETY: called by a shim with CB12's arguments.
    let v: Vec<Val> = unsafe { CB12.iter().map(|&k| read_arg(&mut *va, k)).collect() };
    let blk = v[10].i64() as *const u8;
    // SAFETY: read_arg copied the 16-byte block there.
    let (ka, kb) = unsafe {
        (
            std::ptr::read_unaligned(blk as *const i64),
            std::ptr::read_unaligned(blk.add(8) as *const f64),
        )
    };
    let r = v[0].i64() as f64
        + 2.0 * v[1].i64() as f64
        + 3.0 * v[2].i64() as f64
        + 4.0 * (v[3].i64() >> 20) as f64
        + 5.0 * v[4].i64() as f64
        + 6.0 * v[5].i64() as f64
        + 7.0 * v[6].i64() as f64
        + 8.0 * f64::from(v[7].f32())
        + 9.0 * v[8].f64()
        + 10.0 * f80_to_f64(&v[9].bytes)
        + 11.0 * (ka as f64 + kb)
        + 12.0 * v[11].i64() as f64;
    // SAFETY: the shim provides result slots.
    unsafe { *res = vd(r) };
}

#[test]
fn shim_called_from_c_with_twelve_mixed_args() {
    let s = sig(&[RetKind::D], &CB12);
    let cb = shim(&s, cb12_handler, std::ptr::null());
    let mut got = 0.0;
    // SAFETY: cb has the cb12_t signature.
    let ok = unsafe { bl_call_cb12(cb, &mut got) };
    assert_eq!(ok, 1, "C rejected the callback's result {got}");
    assert_eq!(
        got,
        -5.0 + 120000.0 - 21.0 + 4.0 * 1048576.0 + 1000.0 - 54.0
            + 8641969.0
            + 12.0
            + 20.25
            + 35.0
            + 126.5
            - 3600.0
    );
}

unsafe extern "C" fn vcb_handler(_d: *const (), va: *mut VaList, res: *mut Val) {
    // SAFETY: called by a variadic shim: `types` then extras per `types`.
    unsafe {
        let va = &mut *va;
        let types = read_arg(va, ArgKind::I64).i64() as *const c_char;
        let types = CStr::from_ptr(types).to_str().unwrap();
        let mut s = 0.0;
        for (k, c) in types.chars().enumerate() {
            let k = (k + 1) as f64;
            s += k * match c {
                'i' => read_arg(va, ArgKind::I64).i64() as f64,
                'd' => read_arg(va, ArgKind::D).f64(),
                'L' => f80_to_f64(&read_arg(va, ArgKind::LD).bytes),
                'p' => {
                    let b = read_arg(va, ArgKind::Blk { case: 3, size: 16 }).i64() as *const u8;
                    std::ptr::read_unaligned(b as *const i64) as f64
                        + std::ptr::read_unaligned(b.add(8) as *const f64)
                }
                _ => f64::NAN,
            };
        }
        *res = vd(s);
    }
}

#[test]
fn variadic_shim_called_from_c() {
    let s = vsig(&[RetKind::D], &[ArgKind::I64], &[]);
    let cb = shim(&s, vcb_handler, std::ptr::null());
    // SAFETY: cb has the vcb_t signature.
    let r = unsafe { bl_call_vcb(cb) };
    // "idLpiddddddddiiiiiL" with 7, 1.5, 2.25, {4, .25}, -3, 1..8, 1..5, .5
    let mut want = 7.0 + 2.0 * 1.5 + 3.0 * 2.25 + 4.0 * 4.25 + 5.0 * -3.0;
    want += (1..=8)
        .map(|x| f64::from(x + 5) * f64::from(x))
        .sum::<f64>();
    want += (1..=5)
        .map(|x| f64::from(x + 13) * f64::from(x))
        .sum::<f64>();
    want += 19.0 * 0.5;
    assert_eq!(r, want);
}

unsafe extern "C" fn pdi_handler(_d: *const (), va: *mut VaList, res: *mut Val) {
    // SAFETY: shim for Pdi (*)(double, int64_t): results [D, I64].
    unsafe {
        let va = &mut *va;
        let x = read_arg(va, ArgKind::D).f64();
        let y = read_arg(va, ArgKind::I64).i64();
        *res = vd(x * 2.0);
        *res.add(1) = vi(y + 1);
    }
}
unsafe extern "C" fn ld_handler(_d: *const (), va: *mut VaList, res: *mut Val) {
    // SAFETY: shim for long double (*)(long double, long double); returns
    // the second argument's exact bits, offset by the first's sign bit.
    unsafe {
        let va = &mut *va;
        let a = read_arg(va, ArgKind::LD);
        let b = read_arg(va, ArgKind::LD);
        assert_eq!(a.f80_bytes(), f80(1.25));
        *res = b;
    }
}
unsafe extern "C" fn i8_handler(_d: *const (), va: *mut VaList, res: *mut Val) {
    // SAFETY: shim for int8_t (*)(int32_t); the full value is written and
    // the shim must narrow it.
    unsafe {
        let x = read_arg(&mut *va, ArgKind::I32).i64();
        *res = vi(x);
    }
}
unsafe extern "C" fn cld_handler(_d: *const (), _va: *mut VaList, res: *mut Val) {
    // SAFETY: shim for _Complex long double (*)(void): results [LD, LD].
    unsafe {
        *res = vld(1.5);
        *res.add(1) = vld(-2.75);
    }
}

#[test]
fn shim_results_of_every_class() {
    use ArgKind::*;
    let f = shim(
        &sig(&[RetKind::D, RI], &[D, I64]),
        pdi_handler,
        std::ptr::null(),
    );
    // SAFETY: f has the cbpdi_t signature.
    assert_eq!(unsafe { bl_call_cbpdi(f) }, 1);
    let f = shim(
        &sig(&[RetKind::LD], &[LD, LD]),
        ld_handler,
        std::ptr::null(),
    );
    let r = call1(addr!(bl_call_cbld), &sig(&[RetKind::LD], &[I64]), &[vp(f)]);
    let mut third = [0u8; 10];
    // SAFETY: writes 10 bytes.
    unsafe { bl_ld_third_bytes(third.as_mut_ptr()) };
    assert_eq!(r.f80_bytes(), third, "ld passes through a shim bit for bit");
    let f = shim(
        &sig(&[RetKind::Int(IntExt::I8)], &[I32]),
        i8_handler,
        std::ptr::null(),
    );
    // SAFETY: f has the cbi8_t signature.
    assert_eq!(unsafe { bl_call_cbi8(f) }, -1, "0x1ff narrowed to int8_t");
    let f = shim(
        &sig(&[RetKind::LD, RetKind::LD], &[]),
        cld_handler,
        std::ptr::null(),
    );
    // SAFETY: f has the cbcld_t signature.
    assert_eq!(unsafe { bl_call_cbcld(f) }, 1);
}

unsafe extern "C" fn six_handler(data: *const (), va: *mut VaList, res: *mut Val) {
    // SAFETY: shim for results [i8, d, ld, i64, f, ld] and args (i64, d).
    unsafe {
        assert_eq!(data as usize, 0x5eed);
        let va = &mut *va;
        let a = read_arg(va, ArgKind::I64).i64();
        let x = read_arg(va, ArgKind::D).f64();
        *res = vi(0x1ff);
        *res.add(1) = vd(x * 2.0);
        *res.add(2) = vld(1.5);
        *res.add(3) = vi(a * 3);
        *res.add(4) = vf(2.5);
        *res.add(5) = vld(-4.0);
    }
}

#[test]
fn six_results_through_ffcall_and_shim() {
    let s = sig(
        &[
            RetKind::Int(IntExt::I8),
            RetKind::D,
            RetKind::LD,
            RI,
            RetKind::F,
            RetKind::LD,
        ],
        &[ArgKind::I64, ArgKind::D],
    );
    let f = shim(&s, six_handler, 0x5eed as *const ());
    let r = call_both(f, &s, &[vi(14), vd(0.75)]);
    assert_eq!(r[0].i64(), -1);
    assert_eq!(r[1].f64(), 1.5);
    assert_eq!(r[2].f80_bytes(), f80(1.5));
    assert_eq!(r[3].i64(), 42);
    assert_eq!(r[4].f32(), 2.5);
    assert_eq!(r[5].f80_bytes(), f80(-4.0));
}

// ---------------------------------------------------------------------
// lazy wrappers

/// Hook data: which function to redirect, where, and how often we ran.
struct Lazy {
    mem: AtomicPtr<CodeMemory>,
    index: AtomicUsize,
    target: AtomicUsize,
    hits: AtomicUsize,
}

impl Lazy {
    fn new(target: *const u8) -> &'static Lazy {
        Box::leak(Box::new(Lazy {
            mem: AtomicPtr::new(std::ptr::null_mut()),
            index: AtomicUsize::new(0),
            target: AtomicUsize::new(target as usize),
            hits: AtomicUsize::new(0),
        }))
    }
}

unsafe extern "C" fn lazy_hook(data: *const ()) -> *const u8 {
    // SAFETY: data is a leaked `Lazy` whose `mem` outlives every call.
    unsafe {
        let l = &*(data as *const Lazy);
        l.hits.fetch_add(1, Ordering::SeqCst);
        let t = l.target.load(Ordering::SeqCst) as *const u8;
        let mem = &*l.mem.load(Ordering::SeqCst);
        mem.set_target(l.index.load(Ordering::SeqCst), t).unwrap();
        // Clobber argument registers in the hook to prove they are restored.
        std::hint::black_box(bl_call_ptr_loop(addr!(bl_plain_inc), 3));
        t
    }
}

/// A code memory with one function whose slot points at a lazy wrapper
/// that installs `target`. Returns (memory, thunk, hook data).
fn lazy_fn(target: *const u8) -> (Box<CodeMemory>, *const u8, &'static Lazy) {
    let mut mem = Box::new(CodeMemory::new().unwrap());
    let l = Lazy::new(target);
    let w = make_lazy_wrapper(&mut mem, lazy_hook, l as *const Lazy as *const ()).unwrap();
    let i = mem.add_function(w).unwrap();
    l.index.store(i, Ordering::SeqCst);
    l.mem.store(&mut *mem as *mut CodeMemory, Ordering::SeqCst);
    let t = mem.thunk_address(i).unwrap();
    (mem, t, l)
}

#[test]
fn lazy_wrapper_keeps_int_and_stack_args() {
    let (_mem, t, l) = lazy_fn(addr!(bl_sum8));
    type Sum8 = unsafe extern "C" fn(i64, i64, i64, i64, i64, i64, i64, i64) -> i64;
    // SAFETY: after the wrapper the thunk runs bl_sum8.
    let f: Sum8 = unsafe { std::mem::transmute(t) };
    let want = (1..=8).map(|x| x * (x + 100)).sum::<i64>();
    // SAFETY: bl_sum8's signature.
    assert_eq!(unsafe { f(101, 102, 103, 104, 105, 106, 107, 108) }, want);
    assert_eq!(l.hits.load(Ordering::SeqCst), 1);
    // SAFETY: as above.
    assert_eq!(unsafe { f(101, 102, 103, 104, 105, 106, 107, 108) }, want);
    // SAFETY: C calls the thunk with 8 args.
    assert_eq!(unsafe { bl_call_sum8(t) }, 204);
    assert_eq!(
        l.hits.load(Ordering::SeqCst),
        1,
        "second call skips the hook"
    );
}

#[test]
fn lazy_wrapper_keeps_fp_args() {
    let (_mem, t, l) = lazy_fn(addr!(bl_sum_fp12));
    type Fp12 =
        unsafe extern "C" fn(f64, f32, f64, f64, f32, f64, f64, f64, f64, f32, f64, f64) -> f64;
    // SAFETY: after the wrapper the thunk runs bl_sum_fp12.
    let f: Fp12 = unsafe { std::mem::transmute(t) };
    // SAFETY: signature as declared.
    let r = unsafe {
        f(
            1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0,
        )
    };
    assert_eq!(r, (1..=12).map(|x| f64::from(x * x)).sum::<f64>());
    assert_eq!(l.hits.load(Ordering::SeqCst), 1);
}

#[test]
fn lazy_wrapper_keeps_variadic_call() {
    let (_mem, t, l) = lazy_fn(addr!(bl_vfmt));
    type Vfmt = unsafe extern "C" fn(*mut c_char, usize, *const c_char, ...) -> c_int;
    // SAFETY: after the wrapper the thunk runs bl_vfmt.
    let f: Vfmt = unsafe { std::mem::transmute(t) };
    let mut buf = [0u8; 256];
    let fmt = cstr("%d %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %ld %ld %ld %ld");
    for round in 0..2 {
        // SAFETY: a printf-style call matching the format.
        let n = unsafe {
            f(
                buf.as_mut_ptr().cast(),
                buf.len(),
                fmt.as_ptr(),
                7 as c_int,
                0.5f64,
                1.5f64,
                2.5f64,
                3.5f64,
                4.5f64,
                5.5f64,
                6.5f64,
                7.5f64,
                8.5f64,
                10i64,
                11i64,
                12i64,
                13i64,
            )
        };
        let s = CStr::from_bytes_until_nul(&buf).unwrap().to_str().unwrap();
        assert_eq!(
            s, "7 0.5 1.5 2.5 3.5 4.5 5.5 6.5 7.5 8.5 10 11 12 13",
            "round {round}"
        );
        assert_eq!(n as usize, s.len());
    }
    assert_eq!(l.hits.load(Ordering::SeqCst), 1);
}

#[test]
fn lazy_wrapper_installs_a_shim() {
    let target = shim(&sig(&[RetKind::D], &CB12), cb12_handler, std::ptr::null());
    let (_mem, t, l) = lazy_fn(target);
    for _ in 0..3 {
        let mut got = 0.0;
        // SAFETY: C calls thunk → wrapper/shim with the cb12_t signature.
        assert_eq!(unsafe { bl_call_cb12(t, &mut got) }, 1, "got {got}");
    }
    assert_eq!(l.hits.load(Ordering::SeqCst), 1);
}

// ---------------------------------------------------------------------
// table, thunks, code memory

#[test]
fn thunk_redirection_under_concurrent_calls() {
    let mut mem = CodeMemory::new().unwrap();
    let (fa, fb) = (addr!(bl_inc_a), addr!(bl_inc_b));
    let i = mem.add_function(fa).unwrap();
    let t = mem.thunk_address(i).unwrap() as usize;
    // SAFETY: plain C functions.
    let (a0, b0) = unsafe { (bl_hits(0), bl_hits(1)) };
    let stop = AtomicBool::new(false);
    let calls = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for k in 0..4i64 {
            let (stop, calls) = (&stop, &calls);
            s.spawn(move || {
                // SAFETY: the thunk always jumps to an int64 -> int64 function.
                let f: extern "C" fn(i64) -> i64 = unsafe { std::mem::transmute(t) };
                let mut x = k << 40;
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    for _ in 0..256 {
                        let y = f(x);
                        assert_eq!(y, x + 1);
                        x = y;
                    }
                    n += 256;
                }
                calls.fetch_add(n, Ordering::Relaxed);
            });
        }
        let start = Instant::now();
        let mut flips = 0u64;
        while start.elapsed() < Duration::from_millis(500) {
            mem.set_target(i, if flips.is_multiple_of(2) { fb } else { fa })
                .unwrap();
            flips += 1;
            for _ in 0..2000 {
                std::hint::spin_loop();
            }
        }
        stop.store(true, Ordering::Relaxed);
        assert!(flips > 100, "flipper ran {flips} times");
    });
    // SAFETY: plain C functions.
    let (a1, b1) = unsafe { (bl_hits(0), bl_hits(1)) };
    assert!(
        a1 > a0 && b1 > b0,
        "both targets ran: {} {}",
        a1 - a0,
        b1 - b0
    );
    assert!(calls.load(Ordering::Relaxed) > 1000);
}

#[test]
fn no_mapping_is_writable_and_executable() {
    let mut mem = CodeMemory::new().unwrap();
    let mut cache = FfCallCache::new();
    let mut batch = mem.batch();
    let mut entries = Vec::new();
    for k in 0..200 {
        let s = sig(&[RI], &vec![ArgKind::I64; k % 9]);
        entries.push(emit_interp_shim(&mut batch, &s, cmp_i32, std::ptr::null()).unwrap());
        entries.push(emit_lazy_wrapper(&mut batch, lazy_hook, std::ptr::null()).unwrap());
    }
    // While unpublished, the batch is writable and not executable.
    check_maps_wx();
    batch.publish().unwrap();
    mem.add_functions(&entries).unwrap();
    for n in 0..20 {
        cache
            .get(&mut mem, &sig(&[RI], &vec![ArgKind::D; n]))
            .unwrap();
    }
    // A batch being written at the same time.
    {
        let mut open = mem.batch();
        open.alloc(100_000).unwrap();
        check_maps_wx();
    }
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let base = mem.base() as usize;
    let code = mem.thunk_address(0).unwrap() as usize;
    let exec_region = maps.lines().any(|l| {
        let (range, rest) = l.split_once(' ').unwrap();
        let (lo, hi) = range.split_once('-').unwrap();
        let (lo, hi) = (
            usize::from_str_radix(lo, 16).unwrap(),
            usize::from_str_radix(hi, 16).unwrap(),
        );
        lo <= code && code < hi && rest.starts_with("r-x")
    });
    assert!(
        exec_region && base < code,
        "thunks live in an r-x mapping of the reservation"
    );
}

fn check_maps_wx() {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    for l in maps.lines() {
        let perms = l.split_whitespace().nth(1).unwrap();
        assert!(
            !(perms.contains('w') && perms.contains('x')),
            "writable+executable mapping: {l}"
        );
    }
}

fn statm() -> (usize, usize) {
    let s = std::fs::read_to_string("/proc/self/statm").unwrap();
    let mut it = s.split_whitespace().map(|x| x.parse::<usize>().unwrap());
    (it.next().unwrap(), it.next().unwrap())
}

/// Runs `leak_check_in_isolation` in a child process, so that no other
/// test's allocations disturb its resident-memory figures.
#[test]
fn creating_and_dropping_code_memories_does_not_leak() {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "leak_check_in_isolation",
            "--ignored",
            "--test-threads=1",
            "--nocapture",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "run in a child process by creating_and_dropping_code_memories_does_not_leak"]
fn leak_check_in_isolation() {
    let round = || {
        let mut m = CodeMemory::new().unwrap();
        let i = m
            .add_functions(&[
                addr!(bl_plain_inc),
                addr!(bl_inc_a),
                std::ptr::null(),
                addr!(bl_sum8),
            ])
            .unwrap();
        let t = m.thunk_address(i).unwrap();
        // SAFETY: the thunk jumps to bl_plain_inc.
        let f: extern "C" fn(i64) -> i64 = unsafe { std::mem::transmute(t) };
        assert_eq!(f(1), 2);
    };
    for _ in 0..500 {
        round();
    }
    let (vm0, rss0) = statm();
    for _ in 0..10_000 {
        round();
    }
    let (vm1, rss1) = statm();
    let page = 4096;
    println!("10,000 code memories: VM {vm0} -> {vm1} pages, RSS {rss0} -> {rss1} pages");
    // One leaked page per round would be 40 MiB, one leaked reservation
    // 256 MiB of address space.
    assert!(
        rss1 <= rss0 + (2 << 20) / page,
        "RSS grew {rss0} -> {rss1} pages"
    );
    assert!(
        vm1 <= vm0 + (64 << 20) / page,
        "address space grew {vm0} -> {vm1} pages"
    );
}

#[test]
fn bstart_and_bend() {
    // fn() -> (rsp_after_bend - S, S - rsp_before_call), S = bstart().
    let mut a = Asm::new();
    a.push(Gp::Rbx);
    a.push(Gp::R12);
    a.sub_imm(Gp::Rsp, 8);
    a.mov_rr(Gp::R12, Gp::Rsp);
    a.mov_r64_imm(Gp::R11, bstart_address() as u64);
    a.call_r(Gp::R11);
    a.mov_rr(Gp::Rbx, Gp::Rax);
    a.sub_imm(Gp::Rsp, 4096); // an "alloca"
    a.mov_mr(mem(Gp::Rsp, 0), Gp::Rbx);
    a.mov_rr(Gp::Rdi, Gp::Rbx);
    a.mov_r64_imm(Gp::R11, bend_address() as u64);
    a.call_r(Gp::R11);
    a.mov_rr(Gp::Rax, Gp::Rsp);
    a.sub_rr(Gp::Rax, Gp::Rbx);
    a.mov_rr(Gp::Rdx, Gp::Rbx);
    a.sub_rr(Gp::Rdx, Gp::R12);
    a.mov_rr(Gp::Rsp, Gp::R12);
    a.add_imm(Gp::Rsp, 8);
    a.pop(Gp::R12);
    a.pop(Gp::Rbx);
    a.ret();
    let f = {
        let mut g = shared().lock().unwrap();
        g.mem.emit_code(a.bytes()).unwrap()
    };
    let r = call_both(f, &sig(&[RI, RI], &[]), &[]);
    assert_eq!(r[0].i64(), 0, "bend restored the stack position");
    assert_eq!(r[1].i64(), 0, "bstart returned RSP before the call");
}

// ---------------------------------------------------------------------
// va_list readers

/// An argument list laid out by the interpreter's [`ArgImage`] exactly as a
/// native caller passes it, placed in 16-byte aligned memory and read
/// through a `va_list` (what interpreted variadic calls do).
struct Placed {
    va: VaList,
    _regs: Vec<u128>,
    _stack: Vec<u128>,
}

impl Placed {
    /// # Safety
    /// Block arguments' values must be addresses of readable blocks of
    /// their size.
    unsafe fn new(kinds: &[ArgKind], vals: &[Val]) -> Placed {
        assert_eq!(kinds.len(), vals.len());
        let mut img = ArgImage::new();
        for (k, v) in kinds.iter().zip(vals) {
            // SAFETY: forwarded from the caller.
            unsafe { img.push(*k, v) };
        }
        let mut regs = vec![0u128; 11];
        let mut stack = vec![0u128; img.stack.len().div_ceil(16)];
        // SAFETY: 176 and at least `img.stack.len()` writable bytes, both
        // 16-byte aligned; the heap buffers stay put when `Placed` moves.
        let va = unsafe { img.place(regs.as_mut_ptr().cast(), stack.as_mut_ptr().cast()) };
        Placed {
            va,
            _regs: regs,
            _stack: stack,
        }
    }

    /// A `va_list` at the first argument.
    fn va_list(&self) -> VaList {
        self.va
    }
}

#[test]
fn va_args_read_back_and_match_c() {
    use ArgKind::*;
    let p = [4i64.to_le_bytes(), 0.25f64.to_le_bytes()].concat();
    let q = [8.0f64.to_le_bytes(), 3i64.to_le_bytes()].concat();
    let b = [1i64.to_le_bytes(), 2i64.to_le_bytes(), 3i64.to_le_bytes()].concat();
    let v = [1.5f64.to_le_bytes(), 0.5f64.to_le_bytes()].concat();
    let kinds = [
        I64,
        Blk { case: 3, size: 16 },
        Blk { case: 4, size: 16 },
        Blk { case: 0, size: 24 },
        Blk { case: 2, size: 16 },
        D,
        LD,
        Blk { case: 2, size: 16 },
        I64,
        I64,
        I64,
        I64,
        I64,
        I64,
        Blk { case: 3, size: 16 },
        Blk { case: 4, size: 16 },
    ];
    let vals = [
        vi(10),
        vp(p.as_ptr()),
        vp(q.as_ptr()),
        vp(b.as_ptr()),
        vp(v.as_ptr()),
        vd(0.5),
        vld(1.25),
        vp(v.as_ptr()),
        vi(1),
        vi(2),
        vi(3),
        vi(4),
        vi(5),
        vi(6),
        vp(p.as_ptr()),
        vp(q.as_ptr()),
    ];
    // SAFETY: block slots point at blocks of their size.
    let args = unsafe { Placed::new(&kinds, &vals) };
    // C's va_arg reads our va_list.
    let types = cstr("ipqbvdLviiiiiipq");
    let mut va = args.va_list();
    // SAFETY: va describes the arguments `types` names.
    let r = unsafe { bl_vsumv(types.as_ptr(), &mut va) };
    assert_eq!(r, vsum_expect("ipqbvdLviiiiiipq", 10.0));
    // Our readers read the same list back.
    let mut va = args.va_list();
    for (k, want) in kinds.iter().zip(&vals) {
        // SAFETY: reading exactly the kinds that were placed.
        let got = unsafe { read_arg(&mut va, *k) };
        match k {
            Blk { size, .. } => {
                let n = *size as usize;
                // SAFETY: both point at n readable bytes.
                let (g, w) = unsafe {
                    (
                        std::slice::from_raw_parts(got.i64() as *const u8, n),
                        std::slice::from_raw_parts(want.i64() as *const u8, n),
                    )
                };
                assert_eq!(g, w, "{k:?}");
            }
            LD => assert_eq!(got.f80_bytes(), want.f80_bytes()),
            _ => assert_eq!(got.i64(), want.i64(), "{k:?}"),
        }
    }
    // A case-2 block that no longer fits the XMM registers goes to the
    // stack, and the double after it still takes XMM7.
    let mut kinds = vec![D; 7];
    kinds.extend([Blk { case: 2, size: 16 }, D]);
    let mut vals = vec![vd(0.5); 7];
    vals.extend([vp(v.as_ptr()), vd(0.5)]);
    // SAFETY: the block slot points at 16 bytes.
    let args = unsafe { Placed::new(&kinds, &vals) };
    let mut va = args.va_list();
    let types = cstr("dddddddvd");
    // SAFETY: va describes the arguments `types` names.
    let r = unsafe { bl_vsumv(types.as_ptr(), &mut va) };
    assert_eq!(r, vsum_expect("dddddddvd", 0.0));
    let mut va = args.va_list();
    for _ in 0..7 {
        // Seven doubles were placed first.
        va.arg_addr(Type::D);
    }
    let mut blk = [0u8; 16];
    // SAFETY: a 16-byte case-2 block comes next.
    unsafe { va.block_arg(blk.as_mut_ptr(), 16, 2) };
    assert_eq!(blk[..], v[..]);
    assert_eq!(va.fp_offset, 48 + 7 * 16, "block came from the stack");
    // vsnprintf reads ld (16-aligned on the stack), ints and doubles.
    let kinds = [I64, I64, I64, I64, I64, I64, I64, LD, D, I64];
    let vals = [
        vi(1),
        vi(2),
        vi(3),
        vi(4),
        vi(5),
        vi(6),
        vi(7),
        vld(-2.5),
        vd(0.75),
        vi(9),
    ];
    // SAFETY: no blocks.
    let args = unsafe { Placed::new(&kinds, &vals) };
    let mut va = args.va_list();
    let mut buf = [0u8; 128];
    let fmt = cstr("%d %d %d %d %d %d %d %.1Lf %.2f %d");
    // SAFETY: va matches the format.
    unsafe { vsnprintf(buf.as_mut_ptr().cast(), buf.len(), fmt.as_ptr(), &mut va) };
    let s = CStr::from_bytes_until_nul(&buf).unwrap().to_str().unwrap();
    assert_eq!(s, "1 2 3 4 5 6 7 -2.5 0.75 9");
}

// ---------------------------------------------------------------------
// errors

#[test]
fn errors_are_values() {
    let mut m1 = CodeMemory::new().unwrap();
    let mut m2 = CodeMemory::new().unwrap();
    let mut cache = FfCallCache::new();
    let s = sig(&[RI], &[ArgKind::I64]);
    cache.get(&mut m1, &s).unwrap();
    assert_eq!(
        cache.get(&mut m2, &s).unwrap_err(),
        BridgeError::ForeignCodeMemory
    );
    let bad = sig(&[RI, RI, RI], &[]);
    assert!(matches!(
        cache.get(&mut m1, &bad),
        Err(BridgeError::BadSignature(_))
    ));
    assert!(matches!(
        make_interp_shim(&mut m1, &bad, cmp_i32, std::ptr::null()),
        Err(BridgeError::BadSignature(_))
    ));
    let mut slots = [Val::ZERO; 1];
    // SAFETY: rejected before any call is made.
    let e = unsafe { ff_call_generic(addr!(bl_raw64), &s, &mut slots) };
    assert_eq!(e, Err(BridgeError::TooFewSlots { need: 2, have: 1 }));
    assert!(matches!(
        m1.thunk_address(99),
        Err(BridgeError::BadIndex { .. })
    ));
    let huge = sig(
        &[],
        &[ArgKind::Blk {
            case: 0,
            size: u32::MAX,
        }],
    );
    assert!(matches!(
        FfPlan::new(&huge),
        Err(BridgeError::BadSignature(_))
    ));
}

// ---------------------------------------------------------------------
// figures (run with --ignored --nocapture, in release mode)

unsafe extern "C" fn inc_handler(_d: *const (), va: *mut VaList, res: *mut Val) {
    // SAFETY: shim for int64_t (*)(int64_t).
    unsafe {
        let x = *((*va).arg_addr(Type::I64) as *const i64);
        *res = vi(x + 1);
    }
}

fn ns_per_call(n: i64, f: impl FnOnce() -> i64) -> f64 {
    let t = Instant::now();
    let r = f();
    let dt = t.elapsed();
    assert_eq!(r, n);
    dt.as_nanos() as f64 / n as f64
}

#[test]
#[ignore = "benchmark: prints figures"]
fn bench_call_overheads() {
    let n = 20_000_000i64;
    let mut mem = CodeMemory::new().unwrap();
    let i = mem.add_function(addr!(bl_plain_inc)).unwrap();
    let thunk = mem.thunk_address(i).unwrap();
    let sh = make_interp_shim(
        &mut mem,
        &sig(&[RI], &[ArgKind::I64]),
        inc_handler,
        std::ptr::null(),
    )
    .unwrap();
    let j = mem.add_function(sh).unwrap();
    let shim_thunk = mem.thunk_address(j).unwrap();
    // SAFETY: all three pointers are int64 -> int64 functions.
    unsafe {
        for _ in 0..2 {
            let direct = ns_per_call(n, || bl_call_ptr_loop(addr!(bl_plain_inc), n));
            let via_thunk = ns_per_call(n, || bl_call_ptr_loop(thunk, n));
            let via_shim = ns_per_call(n / 10, || bl_call_ptr_loop(shim_thunk, n / 10));
            println!("C loop -> native direct:          {direct:.2} ns/call");
            println!("C loop -> thunk -> native:        {via_thunk:.2} ns/call");
            println!("C loop -> thunk -> shim -> Rust:  {via_shim:.2} ns/call");
        }
        let f: extern "C" fn(i64) -> i64 = std::mem::transmute(std::hint::black_box(thunk));
        let g: extern "C" fn(i64) -> i64 =
            std::mem::transmute(std::hint::black_box(addr!(bl_plain_inc)));
        let rust_thunk = ns_per_call(n, || (0..n).fold(0, |x, _| f(x)));
        let rust_direct = ns_per_call(n, || (0..n).fold(0, |x, _| g(x)));
        println!("Rust loop -> native direct:       {rust_direct:.2} ns/call");
        println!("Rust loop -> thunk -> native:     {rust_thunk:.2} ns/call");
        let s = sig(&[RI], &[ArgKind::I64]);
        let mut cache = FfCallCache::new();
        let st = cache.get(&mut mem, &s).unwrap();
        let plan = FfPlan::new(&s).unwrap();
        let m = n / 4;
        let stub_ns = ns_per_call(m, || {
            let mut slots = [Val::ZERO; 2];
            for k in 0..m {
                slots[1] = vi(k);
                st(addr!(bl_plain_inc), slots.as_mut_ptr());
            }
            slots[0].i64()
        });
        let generic_ns = ns_per_call(m, || {
            let mut slots = [Val::ZERO; 2];
            for k in 0..m {
                slots[1] = vi(k);
                plan.call(addr!(bl_plain_inc), &mut slots).unwrap();
            }
            slots[0].i64()
        });
        println!("ff-call generated stub:           {stub_ns:.2} ns/call");
        println!("ff-call generic (cached FfPlan):  {generic_ns:.2} ns/call");
    }
    println!(
        "bytes per function: thunk {THUNK_BYTES}, slot {SLOT_BYTES}, interp shim {INTERP_SHIM_BYTES} ({} placed), lazy wrapper {LAZY_WRAPPER_BYTES} ({} placed)",
        INTERP_SHIM_BYTES.next_multiple_of(16),
        LAZY_WRAPPER_BYTES.next_multiple_of(16)
    );
}

/// By-value struct shapes of tests/c/bridge_lib.c (generated): (id, field codes).
/// c=i8 s=i16 i=i32 f=float d=double l=i64 L=long double; no padding except after L.
const STRUCTS: &[(u32, &str)] = &[
    (1, "c"),
    (2, "s"),
    (3, "ccc"),
    (4, "f"),
    (5, "ccccc"),
    (6, "sscc"),
    (7, "ccccccc"),
    (8, "d"),
    (9, "ccccccccc"),
    (10, "sssss"),
    (11, "ccccccccccc"),
    (12, "ifccs"),
    (13, "ccccccccccccc"),
    (14, "sssssccs"),
    (15, "ccccccccccccccc"),
    (16, "ld"),
    (17, "ccccccccccccccccc"),
    (18, "ssssccssss"),
    (19, "ccccccccccccccccccc"),
    (20, "fscciif"),
    (21, "ccccccccccccccccccccc"),
    (22, "sssccccssccccss"),
    (23, "ccccccccccccccccccccccc"),
    (24, "dfiiscc"),
    (25, "ccccccccccccccccccccccccc"),
    (26, "scccccccccccccccccccccccc"),
    (27, "ccccccccccccccccccccccccccc"),
    (28, "ffiisccfi"),
    (29, "ccccccccccccccccccccccccccccc"),
    (30, "sssssccssssccssss"),
    (31, "ccccccccccccccccccccccccccccccc"),
    (32, "ddfsccd"),
    (33, "ccccccccccccccccccccccccccccccccc"),
    (34, "ssccssssccssssccssss"),
    (35, "ccccccccccccccccccccccccccccccccccc"),
    (36, "fssiccsssiccsssi"),
    (37, "ccccccccccccccccccccccccccccccccccccc"),
    (38, "sssssccssssccssssccsss"),
    (39, "ccccccccccccccccccccccccccccccccccccccc"),
    (40, "lfccsdifl"),
    (41, "ccccccccccccccccccccccccccccccccccccccccc"),
    (42, "sssssccssssccssssccsssscc"),
    (43, "ccccccccccccccccccccccccccccccccccccccccccc"),
    (44, "fffisccffisccff"),
    (45, "ccccccccccccccccccccccccccccccccccccccccccccc"),
    (46, "ssssccssssccssssccssssccsss"),
    (47, "ccccccccccccccccccccccccccccccccccccccccccccccc"),
    (48, "dscciifscciifscci"),
    (49, "ccccccccccccccccccccccccccccccccccccccccccccccccc"),
    (50, "sssccccssccccssccccssccccssccccsscccc"),
    (51, "ccccccccccccccccccccccccccccccccccccccccccccccccccc"),
    (52, "ffiisccfiisccfiiscc"),
    (53, "ccccccccccccccccccccccccccccccccccccccccccccccccccccc"),
    (54, "scccccccccccccccccccccccccccccccccccccccccccccccccccc"),
    (
        55,
        "ccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
    ),
    (56, "dfiisccfiisccfiiscc"),
    (
        57,
        "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
    ),
    (58, "sssssccssssccssssccssssccssssccsss"),
    (
        59,
        "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
    ),
    (60, "fffsccfffsccfffsccfff"),
    (
        61,
        "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
    ),
    (62, "ssccssssccssssccssssccssssccssssccsss"),
    (
        63,
        "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
    ),
    (64, "ddsccccssccccssccccssccccssccccssccccs"),
    (65, "ff"),
    (66, "fff"),
    (67, "dd"),
    (68, "dff"),
    (69, "lff"),
    (70, "iif"),
    (71, "dl"),
    (72, "ffi"),
    (73, "fi"),
    (74, "L"),
    (75, "fffff"),
    (76, "ddd"),
    (77, "sf"),
    (78, "fs"),
    (79, "cccf"),
];
