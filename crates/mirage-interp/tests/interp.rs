//! Integration tests of the interpreter: MIR text programs run with a small
//! test [`LinkEnv`] that lays out data items itself, gives functions fake
//! thunk addresses, intercepts nothing but maps a few imports to Rust
//! `extern "C"` functions, called natively through a tiny variadic call
//! path (enough for integer and double arguments in registers).

use mirage_interp::valist::{VaList, REG_SAVE_AREA_SIZE};
use mirage_interp::{
    Callee, Dispatch, FuncIdx, Interp, InterpConfig, LinkEnv, LinkError, ModuleIdx, Program,
    ProgramOptions, Trap,
};
use mirage_ir::abi::{ArgKind, CallSig, RetKind, Val};
use mirage_ir::{ItemId, ItemKind, Module, ReadOptions, F80};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

// ---------------------------------------------------------------------------
// The test environment.

const FUNC_BASE: u64 = 0x7e00_0000_0000;
const SETJMP_ADDR: u64 = 0x7d00_0000_0010;
const LONGJMP_ADDR: u64 = 0x7d00_0000_0020;
const PRINTF_ADDR: u64 = 0x7d00_0000_0030;
const PUTCHAR_ADDR: u64 = 0x7d00_0000_0040;
const PUTS_ADDR: u64 = 0x7d00_0000_0050;

thread_local! {
    /// Standard output of the programs run on this thread.
    static OUT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    static CALLBACK: std::cell::Cell<(*const Program, u32)> = const { std::cell::Cell::new((std::ptr::null(), 0)) };
}

fn take_output() -> String {
    OUT.with(|o| std::mem::take(&mut *o.borrow_mut()))
}

struct TestEnv {
    /// (module, item) → address.
    addrs: HashMap<(u32, u32), u64>,
    /// Native functions by address.
    natives: HashMap<u64, &'static str>,
    /// Data storage (kept alive).
    _data: Vec<Box<[u64]>>,
}

fn native_symbols() -> Vec<(&'static str, u64)> {
    vec![
        ("t_add3", t_add3 as *const () as u64),
        ("t_mixed", t_mixed as *const () as u64),
        ("t_narrow", t_narrow as *const () as u64),
        ("t_sum10", t_sum10 as *const () as u64),
        ("snprintf", snprintf as *const () as u64),
        ("strlen", strlen as *const () as u64),
        ("memset", memset as *const () as u64),
        ("memcpy", memcpy as *const () as u64),
        ("atoi", atoi as *const () as u64),
        ("strcmp", strcmp as *const () as u64),
        ("strcpy", strcpy as *const () as u64),
        ("sprintf", sprintf as *const () as u64),
        ("malloc", malloc as *const () as u64),
        ("calloc", calloc as *const () as u64),
        ("realloc", realloc as *const () as u64),
        ("free", free as *const () as u64),
        ("strtol", strtol as *const () as u64),
        ("strtoul", strtoul as *const () as u64),
        ("__errno_location", __errno_location as *const () as u64),
        ("puts", PUTS_ADDR),
        ("t_apply", t_apply as *const () as u64),
        ("t_square_thunk", t_square_thunk as *const () as u64),
        ("printf", PRINTF_ADDR),
        ("putchar", PUTCHAR_ADDR),
        ("setjmp", SETJMP_ADDR),
        ("_setjmp", SETJMP_ADDR),
        ("longjmp", LONGJMP_ADDR),
        ("_longjmp", LONGJMP_ADDR),
    ]
}

extern "C" {
    fn snprintf(buf: *mut u8, n: usize, fmt: *const u8, ...) -> i32;
    fn strlen(s: *const u8) -> usize;
    fn memset(p: *mut u8, c: i32, n: usize) -> *mut u8;
    fn memcpy(d: *mut u8, s: *const u8, n: usize) -> *mut u8;
    fn atoi(s: *const u8) -> i32;
    fn strcmp(a: *const u8, b: *const u8) -> i32;
    fn strcpy(d: *mut u8, s: *const u8) -> *mut u8;
    fn sprintf(buf: *mut u8, fmt: *const u8, ...) -> i32;
    fn malloc(n: usize) -> *mut u8;
    fn calloc(n: usize, m: usize) -> *mut u8;
    fn realloc(p: *mut u8, n: usize) -> *mut u8;
    fn free(p: *mut u8);
    fn strtol(s: *const u8, end: *mut *mut u8, base: i32) -> i64;
    fn strtoul(s: *const u8, end: *mut *mut u8, base: i32) -> u64;
    fn __errno_location() -> *mut i32;
}

extern "C" fn t_add3(a: i64, b: i64, c: i64) -> i64 {
    a * 100 + b * 10 + c
}
extern "C" fn t_mixed(a: i32, d: f64, b: i64) -> f64 {
    a as f64 * d + b as f64
}
/// Returns a value with garbage in the upper bits: the caller must extend
/// per the prototype's `i8` result.
extern "C" fn t_narrow(a: i64) -> i64 {
    0x1234_5600 | (a & 0xff)
}
#[allow(clippy::too_many_arguments)]
extern "C" fn t_sum10(
    a: i64,
    b: f64,
    c: i64,
    d: i64,
    e: i64,
    f: i64,
    g: i64,
    h: i64,
    i: i64,
    j: f64,
) -> f64 {
    (a + c * 2 + d * 3 + e * 4 + f * 5 + g * 6 + h * 7 + i * 8) as f64 + b + j * 10.0
}
extern "C" fn t_apply(f: extern "C" fn(i64) -> i64, x: i64) -> i64 {
    f(x) + f(x + 1)
}

/// A hand-written "interpreter shim" for `sq: func i64, i64:x`: builds the
/// register-save area a real shim would and enters the interpreter.
extern "C" fn t_square_thunk(x: i64) -> i64 {
    let (prog, f) = CALLBACK.with(|c| c.get());
    let mut regs = [0u8; REG_SAVE_AREA_SIZE];
    regs[..8].copy_from_slice(&x.to_le_bytes());
    let mut stack = [0u8; 16];
    let mut va = VaList::new(regs.as_mut_ptr(), stack.as_mut_ptr());
    let mut res = [Val::ZERO; 1];
    // SAFETY: the program outlives the native call that reaches here; va
    // and res are valid locals.
    unsafe {
        mirage_interp::call_from_native(&*prog, FuncIdx(f), &mut va, res.as_mut_ptr())
            .expect("callback");
    }
    res[0].i64()
}

impl TestEnv {
    fn new(modules: &[Module]) -> TestEnv {
        let mut addrs = HashMap::new();
        let mut data = Vec::new();
        let mut exports: HashMap<String, u64> = HashMap::new();
        let mut fidx = 0u64;
        let mut pending_refs = Vec::new();
        for (mi, m) in modules.iter().enumerate() {
            // Data sections (spec §2.7): a named data item starts one, the
            // anonymous items after it follow without padding.
            let size_of = |it: &mirage_ir::Item| -> Option<usize> {
                Some(match &it.kind {
                    ItemKind::Data { bytes, .. } | ItemKind::Str(bytes) => bytes.len(),
                    ItemKind::Bss { size } => *size as usize,
                    ItemKind::Ref { .. } | ItemKind::Lref { .. } => 8,
                    ItemKind::Expr { func } => m
                        .func(*func)
                        .map_or(8, |f| f.sig.results[0].size() as usize),
                    _ => return None,
                })
            };
            let mut sections: Vec<Vec<(usize, usize)>> = Vec::new();
            for (ii, it) in m.items.iter().enumerate() {
                match (size_of(it), &it.name) {
                    (Some(sz), Some(_)) => sections.push(vec![(ii, sz)]),
                    (Some(sz), None) => match sections.last_mut() {
                        Some(sec) if sec.last().is_some_and(|&(last, _)| last + 1 == ii) => {
                            sec.push((ii, sz))
                        }
                        _ => sections.push(vec![(ii, sz)]),
                    },
                    (None, _) => {}
                }
            }
            for sec in sections {
                let total: usize = sec.iter().map(|s| s.1).sum();
                let base = alloc(&mut data, total, None);
                let mut off = 0;
                for (ii, sz) in sec {
                    let a = base + off as u64;
                    off += sz;
                    match &m.items[ii].kind {
                        ItemKind::Data { bytes, .. } | ItemKind::Str(bytes) => {
                            // SAFETY: inside the section allocation.
                            unsafe {
                                std::ptr::copy_nonoverlapping(
                                    bytes.as_ptr(),
                                    a as *mut u8,
                                    bytes.len(),
                                )
                            };
                        }
                        ItemKind::Ref { target, disp } => {
                            pending_refs.push((a, mi, *target, *disp))
                        }
                        _ => {}
                    }
                    addrs.insert((mi as u32, ii as u32), a);
                }
            }
            for (ii, it) in m.items.iter().enumerate() {
                if let ItemKind::Func(_) = it.kind {
                    fidx += 1;
                    addrs.insert((mi as u32, ii as u32), FUNC_BASE + 16 * (fidx - 1));
                }
            }
        }
        for (mi, m) in modules.iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                let Some(n) = &it.name else { continue };
                let exported = matches!(it.kind, ItemKind::Export)
                    || m.items
                        .iter()
                        .any(|o| matches!(o.kind, ItemKind::Export) && o.name.as_ref() == Some(n));
                if exported && it.kind.is_definition() {
                    if let Some(&a) = addrs.get(&(mi as u32, ii as u32)) {
                        exports.insert(n.clone(), a);
                    }
                }
            }
        }
        let natives: HashMap<&str, u64> = native_symbols().into_iter().collect();
        for (mi, m) in modules.iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                if let (ItemKind::Import, Some(n)) = (&it.kind, &it.name) {
                    if let Some(&a) = exports.get(n).or_else(|| natives.get(n.as_str())) {
                        addrs.insert((mi as u32, ii as u32), a);
                    }
                }
            }
        }
        for (a, mi, target, disp) in pending_refs {
            let t = modules[mi].resolve(target);
            let v = addrs.get(&(mi as u32, t.0)).copied().unwrap_or(0);
            // SAFETY: `a` is an 8-byte data allocation made above.
            unsafe { (a as *mut u64).write(v.wrapping_add(disp as u64)) };
        }
        TestEnv {
            addrs,
            natives: native_symbols().into_iter().map(|(n, a)| (a, n)).collect(),
            _data: data,
        }
    }

    /// Fills `lref` and `expr` data, which need the program.
    fn finish_data(&self, prog: &Program) {
        for (mi, m) in prog.modules().iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                let Some(&at) = self.addrs.get(&(mi as u32, ii as u32)) else {
                    continue;
                };
                match &it.kind {
                    ItemKind::Lref {
                        func,
                        label,
                        label2,
                        disp,
                    } => {
                        let f = prog.func_index(ModuleIdx(mi as u32), *func).unwrap();
                        let mut v = prog.label_address(f, *label).unwrap();
                        if let Some(l2) = label2 {
                            v = v.wrapping_sub(prog.label_address(f, *l2).unwrap());
                        }
                        // SAFETY: 16-byte data allocation made in `new`.
                        unsafe { (at as *mut u64).write(v.wrapping_add(*disp as u64)) };
                    }
                    ItemKind::Expr { func } => {
                        let f = prog
                            .func_index(ModuleIdx(mi as u32), m.resolve(*func))
                            .unwrap();
                        let mut r = [Val::ZERO];
                        Interp::default().call(prog, f, &[], &mut r).unwrap();
                        let ty = prog.func_ir(f).unwrap().sig.results[0];
                        let n = ty.size().clamp(1, 10) as usize;
                        // SAFETY: 16-byte data allocation made in `new`.
                        unsafe {
                            std::ptr::copy_nonoverlapping(r[0].bytes.as_ptr(), at as *mut u8, n)
                        };
                    }
                    _ => {}
                }
            }
        }
    }
}

fn alloc(data: &mut Vec<Box<[u64]>>, size: usize, init: Option<&[u8]>) -> u64 {
    let mut b = vec![0u64; size.div_ceil(8).max(1) + 1].into_boxed_slice();
    let p = b.as_mut_ptr() as *mut u8;
    if let Some(bytes) = init {
        // SAFETY: the allocation holds at least `bytes.len()` bytes.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
    }
    data.push(b);
    p as u64
}

/// An argument of the test env's native call path.
#[derive(Clone, Copy)]
enum Arg {
    I(u64),
    D(u64),
    Ld([u8; 16]),
}

/// Splits arguments into SysV registers and stack words: the first six
/// integers and the first eight doubles go to registers by class, the rest
/// to the stack in order (`ld` always on the stack, 16-byte aligned).
fn sysv_layout(args: &[Arg]) -> ([i64; 6], [f64; 8], Vec<i64>) {
    let (mut ints, mut dbls, mut stack) = ([0i64; 6], [0f64; 8], Vec::new());
    let (mut ni, mut nd) = (0, 0);
    for a in args {
        match *a {
            Arg::I(v) if ni < 6 => {
                ints[ni] = v as i64;
                ni += 1;
            }
            Arg::D(v) if nd < 8 => {
                dbls[nd] = f64::from_bits(v);
                nd += 1;
            }
            Arg::I(v) | Arg::D(v) => stack.push(v as i64),
            Arg::Ld(b) => {
                if stack.len() % 2 == 1 {
                    stack.push(0);
                }
                stack.push(i64::from_le_bytes(b[..8].try_into().unwrap()));
                stack.push(i64::from_le_bytes(b[8..].try_into().unwrap()));
            }
        }
    }
    assert!(stack.len() <= 12, "test env: too many stack arguments");
    stack.resize(12, 0);
    (ints, dbls, stack)
}

/// Calls the C function at `addr`. Passing six integers and eight doubles
/// fills every argument register, so the words passed after them land on
/// the stack in order, starting 16-byte aligned: that reproduces any call
/// whose arguments are integers, doubles and long doubles (unused trailing
/// stack words are ignored by the callee).
///
/// # Safety
/// `addr` must be a C function taking these arguments.
unsafe fn c_call(addr: u64, args: &[Arg]) -> i64 {
    let (i, d, s) = sysv_layout(args);
    type F = unsafe extern "C" fn(i64, ...) -> i64;
    // SAFETY: (caller) a C function; the variadic type sets AL.
    unsafe {
        let f: F = std::mem::transmute(addr as usize);
        f(
            i[0], i[1], i[2], i[3], i[4], i[5], d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
            s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11],
        )
    }
}

/// Like [`c_call`] for functions returning a double.
unsafe fn c_call_d(addr: u64, args: &[Arg]) -> f64 {
    let (i, d, s) = sysv_layout(args);
    type F = unsafe extern "C" fn(i64, ...) -> f64;
    // SAFETY: as for `c_call`.
    unsafe {
        let f: F = std::mem::transmute(addr as usize);
        f(
            i[0], i[1], i[2], i[3], i[4], i[5], d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
            s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11],
        )
    }
}

impl LinkEnv for TestEnv {
    fn item_address(&self, module: ModuleIdx, item: ItemId) -> Result<u64, LinkError> {
        self.addrs
            .get(&(module.0, item.0))
            .copied()
            .ok_or_else(|| LinkError(format!("item {item:?} has no address")))
    }

    fn callee_at(&self, addr: u64) -> Callee {
        match addr {
            SETJMP_ADDR => Callee::SetJmp,
            LONGJMP_ADDR => Callee::LongJmp,
            a if (FUNC_BASE..FUNC_BASE + (1 << 30)).contains(&a) && a % 16 == 0 => {
                Callee::Interp(FuncIdx(((a - FUNC_BASE) / 16) as u32))
            }
            a => Callee::Native(a),
        }
    }

    fn call_native(&self, addr: u64, sig: &CallSig, slots: &mut [Val]) -> Result<(), Trap> {
        if !self.natives.contains_key(&addr) {
            return Err(Trap::Host(format!("no native function at {addr:#x}")));
        }
        let nres = sig.results.len();
        let mut args = Vec::new();
        for (k, v) in sig.args.iter().zip(&slots[nres..]) {
            match k {
                ArgKind::D => args.push(Arg::D(v.f64().to_bits())),
                ArgKind::LD => args.push(Arg::Ld(v.bytes)),
                ArgKind::F | ArgKind::Blk { .. } => {
                    return Err(Trap::Host("test env: unsupported argument kind".into()))
                }
                _ => args.push(Arg::I(v.i64() as u64)),
            }
        }
        let mut buf = vec![0u8; 4096];
        let (target, result_is_double) = match addr {
            PUTCHAR_ADDR => {
                let c = match args.first() {
                    Some(Arg::I(c)) => *c as u8,
                    _ => 0,
                };
                OUT.with(|o| o.borrow_mut().push(c as char));
                if nres > 0 {
                    slots[0] = Val::from_i64(c as i64);
                }
                return Ok(());
            }
            PUTS_ADDR => {
                let p = match args.first() {
                    Some(Arg::I(p)) => *p as *const u8,
                    _ => std::ptr::null(),
                };
                // SAFETY: the program passes a C string.
                let text = unsafe { std::ffi::CStr::from_ptr(p as *const std::ffi::c_char) };
                OUT.with(|o| {
                    let mut o = o.borrow_mut();
                    o.push_str(&text.to_string_lossy());
                    o.push('\n');
                });
                if nres > 0 {
                    slots[0] = Val::from_i64(1);
                }
                return Ok(());
            }
            PRINTF_ADDR => {
                args.insert(0, Arg::I(buf.len() as u64));
                args.insert(0, Arg::I(buf.as_mut_ptr() as u64));
                (snprintf as *const () as u64, false)
            }
            a => (a, matches!(sig.results.first(), Some(RetKind::D))),
        };
        // SAFETY: `target` is one of the C functions listed in
        // `native_symbols`, called with the arguments the program passes.
        unsafe {
            if result_is_double {
                slots[0] = Val::from_f64(c_call_d(target, &args));
            } else {
                let r = c_call(target, &args);
                if addr == PRINTF_ADDR {
                    let n = (r.max(0) as usize).min(buf.len() - 1);
                    OUT.with(|o| o.borrow_mut().push_str(&String::from_utf8_lossy(&buf[..n])));
                }
                if nres > 0 {
                    slots[0] = Val::from_i64(r);
                }
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Helpers.

fn read(src: &str) -> Vec<Module> {
    match mirage_ir::read_modules(src.as_bytes(), &ReadOptions::default()) {
        Ok(m) => m,
        Err(e) => panic!("read error: {e}\n{src}"),
    }
}

fn program_with(src: &str, options: ProgramOptions) -> Program {
    let modules = read(src);
    let env = Arc::new(TestEnv::new(&modules));
    let prog = Program::new(modules, env.clone(), options);
    env.finish_data(&prog);
    prog
}

fn program(src: &str) -> Program {
    program_with(src, ProgramOptions::default())
}

/// Programs for one source in every dispatch mode of this build.
struct Progs(Vec<Program>);

impl Progs {
    fn new(src: &str) -> Progs {
        Progs(
            [Dispatch::Auto, Dispatch::Loop, Dispatch::Tail]
                .into_iter()
                .map(|dispatch| {
                    program_with(
                        src,
                        ProgramOptions {
                            dispatch,
                            ..ProgramOptions::default()
                        },
                    )
                })
                .collect(),
        )
    }

    /// Runs `func` in every mode; all must agree (results and output).
    fn call(&self, func: &str, args: &[Val]) -> Result<Vec<Val>, Trap> {
        let mut out: Option<(Result<Vec<Val>, Trap>, String)> = None;
        for p in &self.0 {
            let f = p
                .find_func(func)
                .unwrap_or_else(|| panic!("no function {func}"));
            let n = p.func_ir(f).unwrap().sig.results.len();
            let mut res = vec![Val::ZERO; n];
            let r = Interp::default().call(p, f, args, &mut res).map(|_| res);
            let o = take_output();
            match &out {
                None => out = Some((r, o)),
                Some(prev) => assert_eq!(prev, &(r, o), "dispatch modes disagree"),
            }
        }
        let (r, o) = out.unwrap();
        OUT.with(|x| x.borrow_mut().push_str(&o));
        r
    }

    fn call_i(&self, func: &str, args: &[i64]) -> Result<Vec<Val>, Trap> {
        let args: Vec<Val> = args.iter().map(|&a| Val::from_i64(a)).collect();
        self.call(func, &args)
    }
}

fn run(src: &str, func: &str, args: &[i64]) -> Result<Vec<Val>, Trap> {
    Progs::new(src).call_i(func, args)
}

fn run_i(src: &str, func: &str, args: &[i64]) -> i64 {
    match run(src, func, args) {
        Ok(r) => r[0].i64(),
        Err(t) => panic!("trap: {t}"),
    }
}

/// Wraps items in a module.
fn module(body: &str) -> String {
    format!("m: module\n{body}\nendmodule\n")
}

// ---------------------------------------------------------------------------
// Basics.

#[test]
fn api_types_are_thread_safe() {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<Program>();
    send::<Interp>();
    send_sync::<Trap>();
}

#[test]
fn smoke_add() {
    let src = module(
        "f: func i64, i64:a, i64:b
  local i64:r
  add r, a, b
  ret r
endfunc",
    );
    assert_eq!(run_i(&src, "f", &[40, 2]), 42);
}

#[test]
fn loop_sum() {
    let src = module(
        "sum: func i64, i64:n
  local i64:i, i64:acc
  mov acc, 0
  mov i, 0
L: bge done, i, n
  add acc, acc, i
  add i, i, 1
  jmp L
done: ret acc
endfunc",
    );
    assert_eq!(run_i(&src, "sum", &[100_000]), 4_999_950_000);
}

const FIB: &str = "m: module
fibp: proto i64, i64:n
fib: func i64, i64:n
  local i64:a, i64:b
  bge rec, n, 2
  ret n
rec: sub a, n, 1
  call fibp, fib, a, a
  sub b, n, 2
  call fibp, fib, b, b
  add a, a, b
  ret a
endfunc
endmodule
";

#[test]
fn recursion_fib() {
    assert_eq!(run_i(FIB, "fib", &[20]), 6765);
}

// ---------------------------------------------------------------------------
// Integer operations at edge values, in register/register,
// register/immediate and immediate/register forms, against a reference
// written from the spec (§5.6–5.8, §10 #11–13).

const EDGE: [i64; 21] = [
    0,
    1,
    -1,
    2,
    -2,
    7,
    -7,
    31,
    32,
    33,
    63,
    64,
    65,
    i32::MAX as i64,
    i32::MIN as i64,
    u32::MAX as i64,
    0x8000_0000,
    0x1_0000_0001,
    0xffff_ffff_0000_0005u64 as i64,
    i64::MAX,
    i64::MIN,
];

const INT_BIN: [&str; 46] = [
    "add", "adds", "sub", "subs", "mul", "muls", "div", "divs", "udiv", "udivs", "mod", "mods",
    "umod", "umods", "and", "ands", "or", "ors", "xor", "xors", "lsh", "lshs", "rsh", "rshs",
    "ursh", "urshs", "eq", "eqs", "ne", "nes", "lt", "lts", "ult", "ults", "le", "les", "ule",
    "ules", "gt", "gts", "ugt", "ugts", "ge", "ges", "uge", "uges",
];

/// Spec semantics; `Err` for a trap.
fn ref_int(op: &str, a: i64, b: i64) -> Result<i64, &'static str> {
    let (ua, ub) = (a as u64, b as u64);
    let (a32, b32) = (a as i32, b as i32);
    let (ua32, ub32) = (a as u32, b as u32);
    let sx = |v: i32| v as i64;
    let zx = |v: u32| v as i64;
    let c = |v: bool| v as i64;
    let div_check = |zero: bool, ovf: bool| -> Result<(), &'static str> {
        if zero {
            Err("division by zero")
        } else if ovf {
            Err("integer overflow")
        } else {
            Ok(())
        }
    };
    Ok(match op {
        "add" => a.wrapping_add(b),
        "adds" => sx(a32.wrapping_add(b32)),
        "sub" => a.wrapping_sub(b),
        "subs" => sx(a32.wrapping_sub(b32)),
        "mul" => a.wrapping_mul(b),
        "muls" => sx(a32.wrapping_mul(b32)),
        "div" => {
            div_check(b == 0, a == i64::MIN && b == -1)?;
            a / b
        }
        "divs" => {
            div_check(b32 == 0, a32 == i32::MIN && b32 == -1)?;
            sx(a32 / b32)
        }
        "udiv" => {
            div_check(b == 0, false)?;
            (ua / ub) as i64
        }
        "udivs" => {
            div_check(ub32 == 0, false)?;
            zx(ua32 / ub32)
        }
        "mod" => {
            div_check(b == 0, a == i64::MIN && b == -1)?;
            a % b
        }
        "mods" => {
            div_check(b32 == 0, a32 == i32::MIN && b32 == -1)?;
            sx(a32 % b32)
        }
        "umod" => {
            div_check(b == 0, false)?;
            (ua % ub) as i64
        }
        "umods" => {
            div_check(ub32 == 0, false)?;
            zx(ua32 % ub32)
        }
        "and" => a & b,
        "ands" => sx(a32 & b32),
        "or" => a | b,
        "ors" => sx(a32 | b32),
        "xor" => a ^ b,
        "xors" => sx(a32 ^ b32),
        "lsh" => a.wrapping_shl(b as u32),
        "lshs" => sx(a32.wrapping_shl(b as u32)),
        "rsh" => a.wrapping_shr(b as u32),
        "rshs" => sx(a32.wrapping_shr(b as u32)),
        "ursh" => ua.wrapping_shr(b as u32) as i64,
        "urshs" => zx(ua32.wrapping_shr(b as u32)),
        "eq" => c(a == b),
        "eqs" => c(a32 == b32),
        "ne" => c(a != b),
        "nes" => c(a32 != b32),
        "lt" => c(a < b),
        "lts" => c(a32 < b32),
        "ult" => c(ua < ub),
        "ults" => c(ua32 < ub32),
        "le" => c(a <= b),
        "les" => c(a32 <= b32),
        "ule" => c(ua <= ub),
        "ules" => c(ua32 <= ub32),
        "gt" => c(a > b),
        "gts" => c(a32 > b32),
        "ugt" => c(ua > ub),
        "ugts" => c(ua32 > ub32),
        "ge" => c(a >= b),
        "ges" => c(a32 >= b32),
        "uge" => c(ua >= ub),
        "uges" => c(ua32 >= ub32),
        _ => unreachable!("{op}"),
    })
}

fn check_int(got: Result<Vec<Val>, Trap>, want: Result<i64, &str>, what: &str) {
    match (got, want) {
        (Ok(v), Ok(w)) => assert_eq!(v[0].i64(), w, "{what}"),
        (Err(t), Err(w)) => assert!(t.to_string().contains(w), "{what}: {t}"),
        (g, w) => panic!("{what}: got {g:?}, want {w:?}"),
    }
}

#[test]
fn int_binary_ops_at_edges() {
    let mut text = String::from("m: module\n");
    for op in INT_BIN {
        text += &format!(
            "rr_{op}: func i64, i64:a, i64:b\n  local i64:r\n  {op} r, a, b\n  ret r\nendfunc\n"
        );
        for (k, v) in EDGE.iter().enumerate() {
            text += &format!(
                "ri_{op}_{k}: func i64, i64:a\n  local i64:r\n  {op} r, a, {v}\n  ret r\nendfunc\n"
            );
            text += &format!(
                "ir_{op}_{k}: func i64, i64:b\n  local i64:r\n  {op} r, {v}, b\n  ret r\nendfunc\n"
            );
        }
    }
    text += "endmodule\n";
    let p = Progs::new(&text);
    for op in INT_BIN {
        for (ka, &a) in EDGE.iter().enumerate() {
            for (kb, &b) in EDGE.iter().enumerate() {
                let want = ref_int(op, a, b);
                check_int(
                    p.call_i(&format!("rr_{op}"), &[a, b]),
                    want,
                    &format!("{op} {a}, {b}"),
                );
                check_int(
                    p.call_i(&format!("ri_{op}_{kb}"), &[a]),
                    want,
                    &format!("{op} {a}, imm {b}"),
                );
                check_int(
                    p.call_i(&format!("ir_{op}_{ka}"), &[b]),
                    want,
                    &format!("{op} imm {a}, {b}"),
                );
            }
        }
    }
}

#[test]
fn int_compare_branches_at_edges() {
    let conds = [
        "eq", "eqs", "ne", "nes", "lt", "lts", "ult", "ults", "le", "les", "ule", "ules", "gt",
        "gts", "ugt", "ugts", "ge", "ges", "uge", "uges",
    ];
    let mut text = String::from("m: module\n");
    for c in conds {
        let body = |f: &str, ops: &str| {
            let br = match c.strip_prefix('u') {
                Some(rest) => format!("ub{rest}"),
                None => format!("b{c}"),
            };
            format!("{f}: func i64, i64:a, i64:b\n  {br} yes_{f}, {ops}\n  ret 0\nyes_{f}: ret 1\nendfunc\n")
        };
        text += &body(&format!("rr_{c}"), "a, b");
        for (k, v) in EDGE.iter().enumerate() {
            text += &body(&format!("ri_{c}_{k}"), &format!("a, {v}"));
            text += &body(&format!("ir_{c}_{k}"), &format!("{v}, b"));
        }
    }
    // bt/bf/bts/bfs
    for b in ["bt", "bf", "bts", "bfs"] {
        text += &format!(
            "{b}_r: func i64, i64:a\n  {b} yes_{b}, a\n  ret 0\nyes_{b}: ret 1\nendfunc\n"
        );
    }
    text += "endmodule\n";
    let p = Progs::new(&text);
    for c in conds {
        for (ka, &a) in EDGE.iter().enumerate() {
            for (kb, &b) in EDGE.iter().enumerate() {
                let want = ref_int(c, a, b);
                let what = format!("b{c} {a}, {b}");
                check_int(p.call_i(&format!("rr_{c}"), &[a, b]), want, &what);
                check_int(p.call_i(&format!("ri_{c}_{kb}"), &[a, 0]), want, &what);
                check_int(p.call_i(&format!("ir_{c}_{ka}"), &[0, b]), want, &what);
            }
        }
    }
    for &a in &EDGE {
        let lo = a as i32 != 0;
        check_int(p.call_i("bt_r", &[a]), Ok((a != 0) as i64), "bt");
        check_int(p.call_i("bf_r", &[a]), Ok((a == 0) as i64), "bf");
        check_int(p.call_i("bts_r", &[a]), Ok(lo as i64), "bts");
        check_int(p.call_i("bfs_r", &[a]), Ok(!lo as i64), "bfs");
    }
}

#[test]
fn int_unary_ops_at_edges() {
    type Un = fn(i64) -> i64;
    let ops: [(&str, Un); 8] = [
        ("neg", |a| a.wrapping_neg()),
        ("negs", |a| (a as i32).wrapping_neg() as i64),
        ("ext8", |a| a as i8 as i64),
        ("ext16", |a| a as i16 as i64),
        ("ext32", |a| a as i32 as i64),
        ("uext8", |a| a as u8 as i64),
        ("uext16", |a| a as u16 as i64),
        ("uext32", |a| a as u32 as i64),
    ];
    let mut text = String::from("m: module\n");
    for (op, _) in ops {
        text += &format!("f_{op}: func i64, i64:a\n  local i64:r\n  {op} r, a\n  ret r\nendfunc\n");
    }
    text += "endmodule\n";
    let p = Progs::new(&text);
    let mut vals = EDGE.to_vec();
    vals.extend([0x80, 0xff, 0x7f, 0x8000, 0xffff, 0x1234_5678_9abc_def0]);
    for (op, f) in ops {
        for &a in &vals {
            check_int(
                p.call_i(&format!("f_{op}"), &[a]),
                Ok(f(a)),
                &format!("{op} {a}"),
            );
        }
    }
}

#[test]
fn overflow_ops_and_branches() {
    // (op, signed flag, unsigned flag) references; `None` = unspecified.
    type Ovf = fn(i64, i64) -> (i64, Option<bool>, Option<bool>);
    let ops: [(&str, Ovf); 8] = [
        ("addo", |a, b| {
            (
                a.wrapping_add(b),
                Some(a.checked_add(b).is_none()),
                Some((a as u64).checked_add(b as u64).is_none()),
            )
        }),
        ("addos", |a, b| {
            let (x, y) = (a as i32, b as i32);
            (
                x.wrapping_add(y) as i64,
                Some(x.checked_add(y).is_none()),
                Some((x as u32).checked_add(y as u32).is_none()),
            )
        }),
        ("subo", |a, b| {
            (
                a.wrapping_sub(b),
                Some(a.checked_sub(b).is_none()),
                Some((a as u64) < (b as u64)),
            )
        }),
        ("subos", |a, b| {
            let (x, y) = (a as i32, b as i32);
            (
                x.wrapping_sub(y) as i64,
                Some(x.checked_sub(y).is_none()),
                Some((x as u32) < (y as u32)),
            )
        }),
        ("mulo", |a, b| {
            (a.wrapping_mul(b), Some(a.checked_mul(b).is_none()), None)
        }),
        ("mulos", |a, b| {
            let (x, y) = (a as i32, b as i32);
            (
                x.wrapping_mul(y) as i64,
                Some(x.checked_mul(y).is_none()),
                None,
            )
        }),
        ("umulo", |a, b| {
            (
                a.wrapping_mul(b),
                None,
                Some((a as u64).checked_mul(b as u64).is_none()),
            )
        }),
        ("umulos", |a, b| {
            let (x, y) = (a as u32, b as u32);
            (
                x.wrapping_mul(y) as i64,
                None,
                Some(x.checked_mul(y).is_none()),
            )
        }),
    ];
    let mut text = String::from("m: module\n");
    for (op, _) in ops {
        let signed_ok = !op.starts_with('u');
        let unsigned_ok = !op.starts_with("mul");
        text += &format!("f_{op}: func i64, i64, i64:a, i64:b\n  local i64:r, i64:s\n  mov s, 0\n");
        if signed_ok {
            // both `bo` and `bno`, with a register move in between
            text += &format!(
                "  {op} r, a, b\n  mov r, r\n  bno n1_{op}\n  or s, s, 1\nn1_{op}: {op} r, a, b\n  bo y1_{op}\n  jmp d1_{op}\ny1_{op}: or s, s, 4\nd1_{op}:\n"
            );
        }
        if unsigned_ok {
            text += &format!(
                "  {op} r, a, b\n  ubno n2_{op}\n  or s, s, 2\nn2_{op}: {op} r, a, b\n  ubo y2_{op}\n  jmp d2_{op}\ny2_{op}: or s, s, 8\nd2_{op}:\n"
            );
        }
        text += "  ret r, s\nendfunc\n";
    }
    text += "endmodule\n";
    let p = Progs::new(&text);
    for (op, f) in ops {
        for &a in &EDGE {
            for &b in &EDGE {
                let (r, s, u) = f(a, b);
                let got = p.call_i(&format!("f_{op}"), &[a, b]).unwrap();
                let what = format!("{op} {a}, {b}");
                assert_eq!(got[0].i64(), r, "{what}");
                let flags = got[1].i64();
                if let Some(s) = s {
                    assert_eq!(flags & 1 != 0, s, "{what}: bno");
                    assert_eq!(flags & 4 != 0, s, "{what}: bo");
                }
                if let Some(u) = u {
                    assert_eq!(flags & 2 != 0, u, "{what}: ubno");
                    assert_eq!(flags & 8 != 0, u, "{what}: ubo");
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Floating point.

const DEDGE: [f64; 14] = [
    0.0,
    -0.0,
    1.0,
    -1.5,
    0.1,
    1e308,
    -1e-310,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    9.3e18,
    -9.3e18,
    9223372036854775808.0,
    -9223372036854775808.0,
];

#[allow(clippy::manual_range_contains)]
fn cvtt(x: f64) -> i64 {
    // What cvttsd2si gives (spec §5.3).
    if x.is_nan() || x >= 9223372036854775808.0 || x < -9223372036854775808.0 {
        // (written out, not as a range, to read like the spec)
        i64::MIN
    } else {
        x.trunc() as i64
    }
}

#[test]
fn float_arith_compare_and_branches() {
    let mut text = String::from("m: module\n");
    for (p, t) in [("f", "f"), ("d", "d")] {
        for op in ["add", "sub", "mul", "div"] {
            text += &format!("{p}{op}_: func {t}, {t}:a, {t}:b\n  local {t}:r\n  {p}{op} r, a, b\n  ret r\nendfunc\n");
        }
        for c in ["eq", "ne", "lt", "le", "gt", "ge"] {
            text += &format!("{p}{c}_: func i64, {t}:a, {t}:b\n  local i64:r\n  {p}{c} r, a, b\n  ret r\nendfunc\n");
            text += &format!("{p}b{c}_: func i64, {t}:a, {t}:b\n  {p}b{c} yes_{p}{c}, a, b\n  ret 0\nyes_{p}{c}: ret 1\nendfunc\n");
        }
        text +=
            &format!("{p}neg_: func {t}, {t}:a\n  local {t}:r\n  {p}neg r, a\n  ret r\nendfunc\n");
    }
    text += "endmodule\n";
    let p = Progs::new(&text);
    let dv = |x: f64| Val::from_f64(x);
    let fv = |x: f64| Val::from_f32(x as f32);
    for &a in &DEDGE {
        let r = p.call("dneg_", &[dv(a)]).unwrap();
        assert_eq!(r[0].f64().to_bits(), (-a).to_bits());
        let r = p.call("fneg_", &[fv(a)]).unwrap();
        assert_eq!(r[0].f32().to_bits(), (-(a as f32)).to_bits());
        for &b in &DEDGE {
            let d = [
                ("add", a + b),
                ("sub", a - b),
                ("mul", a * b),
                ("div", a / b),
            ];
            for (op, want) in d {
                let r = p.call(&format!("d{op}_"), &[dv(a), dv(b)]).unwrap();
                assert_eq!(r[0].f64().to_bits(), want.to_bits(), "d{op} {a} {b}");
                let (x, y) = (a as f32, b as f32);
                let want = match op {
                    "add" => x + y,
                    "sub" => x - y,
                    "mul" => x * y,
                    _ => x / y,
                };
                let r = p.call(&format!("f{op}_"), &[fv(a), fv(b)]).unwrap();
                assert_eq!(r[0].f32().to_bits(), want.to_bits(), "f{op} {a} {b}");
            }
            let cmps = |a: f64, b: f64| -> [(&str, bool); 6] {
                [
                    ("eq", a == b),
                    ("ne", a != b),
                    ("lt", a < b),
                    ("le", a <= b),
                    ("gt", a > b),
                    ("ge", a >= b),
                ]
            };
            let (fa, fb) = (a as f32 as f64, b as f32 as f64);
            for (pre, args, cs) in [
                ("d", [dv(a), dv(b)], cmps(a, b)),
                ("f", [fv(a), fv(b)], cmps(fa, fb)),
            ] {
                for (c, want) in cs {
                    let r = p.call(&format!("{pre}{c}_"), &args).unwrap();
                    assert_eq!(r[0].i64(), want as i64, "{pre}{c} {a} {b}");
                    let r = p.call(&format!("{pre}b{c}_"), &args).unwrap();
                    assert_eq!(r[0].i64(), want as i64, "{pre}b{c} {a} {b}");
                }
            }
        }
    }
}

#[test]
fn conversions_at_edges() {
    let text = module(
        "i2f_: func f, i64:a
  local f:r
  i2f r, a
  ret r
endfunc
i2d_: func d, i64:a
  local d:r
  i2d r, a
  ret r
endfunc
ui2f_: func f, i64:a
  local f:r
  ui2f r, a
  ret r
endfunc
ui2d_: func d, i64:a
  local d:r
  ui2d r, a
  ret r
endfunc
f2i_: func i64, f:a
  local i64:r
  f2i r, a
  ret r
endfunc
d2i_: func i64, d:a
  local i64:r
  d2i r, a
  ret r
endfunc
f2d_: func d, f:a
  local d:r
  f2d r, a
  ret r
endfunc
d2f_: func f, d:a
  local f:r
  d2f r, a
  ret r
endfunc",
    );
    let p = Progs::new(&text);
    let mut ints = EDGE.to_vec();
    ints.extend([
        (1i64 << 53) + 1,
        (1 << 24) + 1,
        -(1 << 60) - 1,
        0x7fff_ffff_ffff_fdff,
    ]);
    for &a in &ints {
        let v = [Val::from_i64(a)];
        assert_eq!(
            p.call("i2f_", &v).unwrap()[0].f32().to_bits(),
            (a as f32).to_bits(),
            "i2f {a}"
        );
        assert_eq!(
            p.call("i2d_", &v).unwrap()[0].f64().to_bits(),
            (a as f64).to_bits(),
            "i2d {a}"
        );
        assert_eq!(
            p.call("ui2f_", &v).unwrap()[0].f32().to_bits(),
            (a as u64 as f32).to_bits(),
            "ui2f {a}"
        );
        assert_eq!(
            p.call("ui2d_", &v).unwrap()[0].f64().to_bits(),
            (a as u64 as f64).to_bits(),
            "ui2d {a}"
        );
    }
    let mut flts = DEDGE.to_vec();
    flts.extend([2.9, -2.9, 0.5, -0.99, 4.5e15, 1e19, -1e19, 3.4e38, 1e39]);
    for &a in &flts {
        let d = [Val::from_f64(a)];
        let f = [Val::from_f32(a as f32)];
        assert_eq!(p.call("d2i_", &d).unwrap()[0].i64(), cvtt(a), "d2i {a}");
        assert_eq!(
            p.call("f2i_", &f).unwrap()[0].i64(),
            cvtt(a as f32 as f64),
            "f2i {a}"
        );
        assert_eq!(
            p.call("d2f_", &d).unwrap()[0].f32().to_bits(),
            (a as f32).to_bits(),
            "d2f {a}"
        );
        assert_eq!(
            p.call("f2d_", &f).unwrap()[0].f64().to_bits(),
            (a as f32 as f64).to_bits(),
            "f2d {a}"
        );
    }
    // The observed values of §5.3.
    assert_eq!(
        p.call("d2i_", &[Val::from_f64(f64::NAN)]).unwrap()[0].i64() as u64,
        0x8000_0000_0000_0000
    );
    assert_eq!(
        p.call("d2i_", &[Val::from_f64(1e300)]).unwrap()[0].i64() as u64,
        0x8000_0000_0000_0000
    );
}

// ---------------------------------------------------------------------------
// The project's filetests (tests/filetests, see its README) that need no
// more of the C library than printf, putchar, memset, memcpy and atoi,
// run in-process in every dispatch mode.

struct Header {
    args: Vec<String>,
    stdout: Vec<String>,
    exit: i64,
    trap: Option<String>,
    error: bool,
}

fn parse_header(text: &str) -> Header {
    let mut h = Header {
        args: Vec::new(),
        stdout: Vec::new(),
        exit: 0,
        trap: None,
        error: false,
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let Some(rest) = line.strip_prefix('#') else {
            break;
        };
        if let Some(a) = rest.strip_prefix(" run:") {
            h.args = a.split_whitespace().map(str::to_string).collect();
        } else if let Some(o) = rest.strip_prefix(" stdout:") {
            h.stdout.push(o.strip_prefix(' ').unwrap_or(o).to_string());
        } else if let Some(e) = rest.strip_prefix(" exit:") {
            h.exit = e.trim().parse().unwrap();
        } else if let Some(t) = rest.strip_prefix(" trap:") {
            h.trap = Some(t.trim().to_string());
        } else if rest.starts_with(" error:") {
            h.error = true;
        }
    }
    h
}

/// Runs one filetest; `Ok(false)` when it needs something this harness
/// lacks.
fn run_filetest(path: &std::path::Path) -> Result<bool, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let h = parse_header(&text);
    if h.error {
        return Ok(false);
    }
    let modules = mirage_ir::read_modules(text.as_bytes(), &ReadOptions::default())
        .map_err(|e| format!("read: {e}"))?;
    let known: Vec<&str> = native_symbols().iter().map(|s| s.0).collect();
    for m in &modules {
        for it in &m.items {
            if let (ItemKind::Import, Some(n)) = (&it.kind, &it.name) {
                let exported = modules
                    .iter()
                    .any(|o| o.lookup(n).is_some_and(|i| o.item(i).kind.is_definition()));
                if !exported && !known.contains(&n.as_str()) {
                    return Ok(false);
                }
            }
        }
    }
    drop(modules);
    let progs = Progs::new(&text);
    let main = progs.0[0].find_func("main").ok_or("no main")?;
    let nparams = progs.0[0].func_ir(main).unwrap().sig.params.len();
    let mut cstrs: Vec<Vec<u8>> = vec![path.to_string_lossy().as_bytes().to_vec()];
    cstrs.extend(h.args.iter().map(|a| a.as_bytes().to_vec()));
    for c in cstrs.iter_mut() {
        c.push(0);
    }
    let mut argv: Vec<u64> = cstrs.iter().map(|c| c.as_ptr() as u64).collect();
    argv.push(0);
    let args = if nparams == 2 {
        vec![
            Val::from_i64(cstrs.len() as i64),
            Val::from_i64(argv.as_ptr() as i64),
        ]
    } else {
        vec![]
    };
    take_output();
    let r = progs.call("main", &args);
    let out = take_output();
    match (&h.trap, r) {
        (Some(t), Err(e)) if e.to_string().contains(t.as_str()) => Ok(true),
        (Some(t), r) => Err(format!("expected trap '{t}', got {r:?}")),
        (None, Err(e)) => Err(format!("trap: {e}\noutput so far:\n{out}")),
        (None, Ok(v)) => {
            let want: String = h.stdout.iter().map(|l| format!("{l}\n")).collect();
            if out != want {
                return Err(format!("stdout differs:\n--- got\n{out}--- want\n{want}"));
            }
            let code = v.first().map_or(0, |v| v.i64() & 0xff);
            if code != h.exit & 0xff {
                return Err(format!("exit {code}, want {}", h.exit));
            }
            Ok(true)
        }
    }
}

#[test]
fn project_filetests() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/filetests");
    let mut failures = Vec::new();
    let mut ran = 0;
    for dir in ["ops", "traps", "syntax", "libc"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "mir"))
        {
            match run_filetest(f) {
                Ok(true) => ran += 1,
                Ok(false) => {}
                Err(e) => failures.push(format!("{}: {e}", f.display())),
            }
        }
    }
    eprintln!("{ran} filetests passed");
    assert!(
        failures.is_empty(),
        "{} filetests failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------
// Long double: bit patterns computed by gcc -O2 on x86-64 (x87) from
// volatile inputs, so no constant folding (generator kept out of tree).

#[rustfmt::skip]
static LD_VALS: [&str; 21] = ["00000000000000000000", "80000000000000000000", "3fff8000000000000000", "bfffc000000000000000", "3ffbcccccccccccccccd", "4000c000000000000000", "43e3bf21e44003acdd2d", "3c1aab70fe17c79ac6ca", "73e6d1ba8323fe558c61", "8c179c3d73864f3805c0", "7fff8000000000000000", "7fffc000000000000000", "4019eb79a2a3f35ba6e7", "00000000000000000001", "7ffeffffffffffffffff", "c001e000000000000000", "4000a000000000000000", "c000a000000000000000", "403dfffffffffffffffe", "c03e8000000000000000", "403effffffffffffffff", ];
// (a+b, a-b, a*b, a/b) for a, b in LD_VALS (row-major)
#[rustfmt::skip]
static LD_BIN: [[&str; 4]; 441] = [
["00000000000000000000", "00000000000000000000", "00000000000000000000", "ffffc000000000000000", ],
["00000000000000000000", "00000000000000000000", "80000000000000000000", "ffffc000000000000000", ],
["3fff8000000000000000", "bfff8000000000000000", "00000000000000000000", "00000000000000000000", ],
["bfffc000000000000000", "3fffc000000000000000", "80000000000000000000", "80000000000000000000", ],
["3ffbcccccccccccccccd", "bffbcccccccccccccccd", "00000000000000000000", "00000000000000000000", ],
["4000c000000000000000", "c000c000000000000000", "00000000000000000000", "00000000000000000000", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "00000000000000000000", "00000000000000000000", ],
["3c1aab70fe17c79ac6ca", "bc1aab70fe17c79ac6ca", "00000000000000000000", "00000000000000000000", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "00000000000000000000", "00000000000000000000", ],
["8c179c3d73864f3805c0", "0c179c3d73864f3805c0", "80000000000000000000", "80000000000000000000", ],
["7fff8000000000000000", "ffff8000000000000000", "ffffc000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a2a3f35ba6e7", "c019eb79a2a3f35ba6e7", "00000000000000000000", "00000000000000000000", ],
["00000000000000000001", "80000000000000000001", "00000000000000000000", "00000000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "00000000000000000000", "00000000000000000000", ],
["c001e000000000000000", "4001e000000000000000", "80000000000000000000", "80000000000000000000", ],
["4000a000000000000000", "c000a000000000000000", "00000000000000000000", "00000000000000000000", ],
["c000a000000000000000", "4000a000000000000000", "80000000000000000000", "80000000000000000000", ],
["403dfffffffffffffffe", "c03dfffffffffffffffe", "00000000000000000000", "00000000000000000000", ],
["c03e8000000000000000", "403e8000000000000000", "80000000000000000000", "80000000000000000000", ],
["403effffffffffffffff", "c03effffffffffffffff", "00000000000000000000", "00000000000000000000", ],
["00000000000000000000", "80000000000000000000", "80000000000000000000", "ffffc000000000000000", ],
["80000000000000000000", "00000000000000000000", "00000000000000000000", "ffffc000000000000000", ],
["3fff8000000000000000", "bfff8000000000000000", "80000000000000000000", "80000000000000000000", ],
["bfffc000000000000000", "3fffc000000000000000", "00000000000000000000", "00000000000000000000", ],
["3ffbcccccccccccccccd", "bffbcccccccccccccccd", "80000000000000000000", "80000000000000000000", ],
["4000c000000000000000", "c000c000000000000000", "80000000000000000000", "80000000000000000000", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "80000000000000000000", "80000000000000000000", ],
["3c1aab70fe17c79ac6ca", "bc1aab70fe17c79ac6ca", "80000000000000000000", "80000000000000000000", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "80000000000000000000", "80000000000000000000", ],
["8c179c3d73864f3805c0", "0c179c3d73864f3805c0", "00000000000000000000", "00000000000000000000", ],
["7fff8000000000000000", "ffff8000000000000000", "ffffc000000000000000", "80000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a2a3f35ba6e7", "c019eb79a2a3f35ba6e7", "80000000000000000000", "80000000000000000000", ],
["00000000000000000001", "80000000000000000001", "80000000000000000000", "80000000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "80000000000000000000", "80000000000000000000", ],
["c001e000000000000000", "4001e000000000000000", "00000000000000000000", "00000000000000000000", ],
["4000a000000000000000", "c000a000000000000000", "80000000000000000000", "80000000000000000000", ],
["c000a000000000000000", "4000a000000000000000", "00000000000000000000", "00000000000000000000", ],
["403dfffffffffffffffe", "c03dfffffffffffffffe", "80000000000000000000", "80000000000000000000", ],
["c03e8000000000000000", "403e8000000000000000", "00000000000000000000", "00000000000000000000", ],
["403effffffffffffffff", "c03effffffffffffffff", "80000000000000000000", "80000000000000000000", ],
["3fff8000000000000000", "3fff8000000000000000", "00000000000000000000", "7fff8000000000000000", ],
["3fff8000000000000000", "3fff8000000000000000", "80000000000000000000", "ffff8000000000000000", ],
["40008000000000000000", "00000000000000000000", "3fff8000000000000000", "3fff8000000000000000", ],
["bffe8000000000000000", "4000a000000000000000", "bfffc000000000000000", "bffeaaaaaaaaaaaaaaab", ],
["3fff8ccccccccccccccd", "3ffee666666666666666", "3ffbcccccccccccccccd", "4002a000000000000000", ],
["40018000000000000000", "c0008000000000000000", "4000c000000000000000", "3ffdaaaaaaaaaaaaaaab", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "3c1aab70fe17c79ac6ca", ],
["3fff8000000000000000", "3fff8000000000000000", "3c1aab70fe17c79ac6ca", "43e3bf21e44003acdd2d", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "0c179c3d73864f3805c0", ],
["3fff8000000000000000", "3fff8000000000000000", "8c179c3d73864f3805c0", "f3e6d1ba8323fe558c61", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a2c3f35ba6e7", "c019eb79a283f35ba6e7", "4019eb79a2a3f35ba6e7", "3fe48b282d51bd5a6049", ],
["3fff8000000000000000", "3fff8000000000000000", "00000000000000000001", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7ffeffffffffffffffff", "00002000000000000000", ],
["c001c000000000000000", "40028000000000000000", "c001e000000000000000", "bffc9249249249249249", ],
["4000e000000000000000", "bfffc000000000000000", "4000a000000000000000", "3ffdcccccccccccccccd", ],
["bfffc000000000000000", "4000e000000000000000", "c000a000000000000000", "bffdcccccccccccccccd", ],
["403e8000000000000000", "c03dfffffffffffffffc", "403dfffffffffffffffe", "3fc08000000000000001", ],
["c03dfffffffffffffffe", "403e8000000000000001", "c03e8000000000000000", "bfc08000000000000000", ],
["403f8000000000000000", "c03efffffffffffffffe", "403effffffffffffffff", "3fbf8000000000000001", ],
["bfffc000000000000000", "bfffc000000000000000", "80000000000000000000", "ffff8000000000000000", ],
["bfffc000000000000000", "bfffc000000000000000", "00000000000000000000", "7fff8000000000000000", ],
["bffe8000000000000000", "c000a000000000000000", "bfffc000000000000000", "bfffc000000000000000", ],
["c000c000000000000000", "00000000000000000000", "40009000000000000000", "3fff8000000000000000", ],
["bfffb333333333333333", "bfffcccccccccccccccd", "bffc999999999999999a", "c002f000000000000000", ],
["3fffc000000000000000", "c0019000000000000000", "c0019000000000000000", "bffe8000000000000000", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "c3e48f596b3002c1a5e2", "bc1b8094be91d5b41518", ],
["bfffc000000000000000", "bfffc000000000000000", "bc1b8094be91d5b41518", "c3e48f596b3002c1a5e2", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "f3e79d4be25afec02949", "8c17ea5c2d4976d408a0", ],
["bfffc000000000000000", "bfffc000000000000000", "0c17ea5c2d4976d408a0", "73e79d4be25afec02949", ],
["7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", "80000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a273f35ba6e7", "c019eb79a2d3f35ba6e7", "c01ab09b39faf684bd2d", "bfe4d0bc43fa9c07906e", ],
["bfffc000000000000000", "bfffc000000000000000", "80000000000000000002", "ffff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "ffff8000000000000000", "80003000000000000000", ],
["c0028800000000000000", "4001b000000000000000", "4002a800000000000000", "3ffcdb6db6db6db6db6e", ],
["3fff8000000000000000", "c0018000000000000000", "c000f000000000000000", "bffe999999999999999a", ],
["c0018000000000000000", "3fff8000000000000000", "4000f000000000000000", "3ffe999999999999999a", ],
["403dfffffffffffffffb", "c03e8000000000000000", "c03ebffffffffffffffe", "bfc0c000000000000002", ],
["c03e8000000000000002", "403dfffffffffffffffd", "403ec000000000000000", "3fc0c000000000000000", ],
["403efffffffffffffffe", "c03f8000000000000000", "c03fbfffffffffffffff", "bfbfc000000000000001", ],
["3ffbcccccccccccccccd", "3ffbcccccccccccccccd", "00000000000000000000", "7fff8000000000000000", ],
["3ffbcccccccccccccccd", "3ffbcccccccccccccccd", "80000000000000000000", "ffff8000000000000000", ],
["3fff8ccccccccccccccd", "bffee666666666666666", "3ffbcccccccccccccccd", "3ffbcccccccccccccccd", ],
["bfffb333333333333333", "3fffcccccccccccccccd", "bffc999999999999999a", "bffb8888888888888889", ],
["3ffccccccccccccccccd", "00000000000000000000", "3ff8a3d70a3d70a3d70b", "3fff8000000000000000", ],
["4000c666666666666666", "c000b99999999999999a", "3ffd999999999999999a", "3ffa8888888888888889", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "43e098e7e9cccfbd7dbe", "3c17892731ac9faf056f", ],
["3ffbcccccccccccccccd", "3ffbcccccccccccccccd", "3c17892731ac9faf056f", "43e098e7e9cccfbd7dbe", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "73e3a7c868e99844704e", "0c13f9fbec0a1859a2cd", ],
["3ffbcccccccccccccccd", "3ffbcccccccccccccccd", "8c13f9fbec0a1859a2cd", "f3e3a7c868e99844704e", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a2a7268eda1a", "c019eb79a2a0c02873b4", "4016bc614ee98f7c8586", "3fe0dea6aee92ef70076", ],
["3ffbcccccccccccccccd", "3ffbcccccccccccccccd", "00000000000000000000", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7ffbcccccccccccccccc", "00000333333333333333", ],
["c001dccccccccccccccd", "4001e333333333333333", "bffeb333333333333333", "bff8ea0ea0ea0ea0ea0f", ],
["4000a666666666666666", "c000999999999999999a", "3ffd8000000000000000", "3ffaa3d70a3d70a3d70a", ],
["c000999999999999999a", "4000a666666666666666", "bffd8000000000000000", "bffaa3d70a3d70a3d70a", ],
["403dfffffffffffffffe", "c03dfffffffffffffffe", "403acccccccccccccccb", "3fbccccccccccccccccf", ],
["c03e8000000000000000", "403e8000000000000000", "c03acccccccccccccccd", "bfbccccccccccccccccd", ],
["403effffffffffffffff", "c03effffffffffffffff", "403bcccccccccccccccc", "3fbbccccccccccccccce", ],
["4000c000000000000000", "4000c000000000000000", "00000000000000000000", "7fff8000000000000000", ],
["4000c000000000000000", "4000c000000000000000", "80000000000000000000", "ffff8000000000000000", ],
["40018000000000000000", "40008000000000000000", "4000c000000000000000", "4000c000000000000000", ],
["3fffc000000000000000", "40019000000000000000", "c0019000000000000000", "c0008000000000000000", ],
["4000c666666666666666", "4000b99999999999999a", "3ffd999999999999999a", "4003f000000000000000", ],
["4001c000000000000000", "00000000000000000000", "40029000000000000000", "3fff8000000000000000", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "43e58f596b3002c1a5e2", "3c1c8094be91d5b41518", ],
["4000c000000000000000", "4000c000000000000000", "3c1c8094be91d5b41518", "43e58f596b3002c1a5e2", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "73e89d4be25afec02949", "0c18ea5c2d4976d408a0", ],
["4000c000000000000000", "4000c000000000000000", "8c18ea5c2d4976d408a0", "f3e89d4be25afec02949", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a303f35ba6e7", "c019eb79a243f35ba6e7", "401bb09b39faf684bd2d", "3fe5d0bc43fa9c07906e", ],
["4000c000000000000000", "4000c000000000000000", "00000000000000000003", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7fff8000000000000000", "00006000000000000000", ],
["c0018000000000000000", "4002a000000000000000", "c003a800000000000000", "bffddb6db6db6db6db6e", ],
["4001b000000000000000", "3ffe8000000000000000", "4001f000000000000000", "3fff999999999999999a", ],
["3ffe8000000000000000", "4001b000000000000000", "c001f000000000000000", "bfff999999999999999a", ],
["403e8000000000000002", "c03dfffffffffffffff8", "403fbffffffffffffffe", "3fc1c000000000000002", ],
["c03dfffffffffffffffa", "403e8000000000000003", "c03fc000000000000000", "bfc1c000000000000000", ],
["403f8000000000000001", "c03efffffffffffffffc", "4040bfffffffffffffff", "3fc0c000000000000001", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "00000000000000000000", "7fff8000000000000000", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "80000000000000000000", "ffff8000000000000000", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "c3e48f596b3002c1a5e2", "c3e2fed7db0004e67c3c", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "43e098e7e9cccfbd7dbe", "43e6eeea5d5004981478", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "43e58f596b3002c1a5e2", "43e1fed7db0004e67c3c", ],
["43e4bf21e44003acdd2d", "00000000000000000000", "47c88eb39714297efb28", "3fff8000000000000000", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "3fff8000000000000000", "47c88eb39714297efb28", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "77cb9c95ebe150d54254", "0ffbe94d10d5cbd3768b", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "8ffbe94d10d5cbd3768b", "f7cb9c95ebe150d54254", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "43feafceecf98057dc24", "43c8cfcacc20d06ecea3", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "03a6bf21e44003acdd2d", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7fff8000000000000000", "03e3bf21e44003acdd2e", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "c3e6a73da7b803374187", "c3e0da6fe04928c58f0f", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "43e4eeea5d5004981478", "43e298e7e9cccfbd7dbe", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "c3e4eeea5d5004981478", "c3e298e7e9cccfbd7dbe", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "4422bf21e44003acdd2c", "43a4bf21e44003acdd2e", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "c422bf21e44003acdd2d", "c3a4bf21e44003acdd2d", ],
["43e3bf21e44003acdd2d", "43e3bf21e44003acdd2d", "4423bf21e44003acdd2c", "43a3bf21e44003acdd2e", ],
["3c1aab70fe17c79ac6ca", "3c1aab70fe17c79ac6ca", "00000000000000000000", "7fff8000000000000000", ],
["3c1aab70fe17c79ac6ca", "3c1aab70fe17c79ac6ca", "80000000000000000000", "ffff8000000000000000", ],
["3fff8000000000000000", "bfff8000000000000000", "3c1aab70fe17c79ac6ca", "3c1aab70fe17c79ac6ca", ],
["bfffc000000000000000", "3fffc000000000000000", "bc1b8094be91d5b41518", "bc19e496a81fb4ce5e63", ],
["3ffbcccccccccccccccd", "bffbcccccccccccccccd", "3c17892731ac9faf056f", "3c1dd64d3d9db981787c", ],
["4000c000000000000000", "c000c000000000000000", "3c1c8094be91d5b41518", "3c18e496a81fb4ce5e63", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "3fff8000000000000000", "3835e5a04aa62b553e99", ],
["3c1bab70fe17c79ac6ca", "00000000000000000000", "3835e5a04aa62b553e99", "3fff8000000000000000", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "70028c74275cf408b1c7", "0832d14404417b47e639", ],
["3c1aab70fe17c79ac6ca", "3c1aab70fe17c79ac6ca", "8832d14404417b47e638", "f0028c74275cf408b1c7", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a2a3f35ba6e7", "c019eb79a2a3f35ba6e7", "3c359db22e933a2ee438", "3bffba6283f06ea37f0f", ],
["3c1aab70fe17c79ac6ca", "3c1aab70fe17c79ac6ca", "00000000000000000000", "7c57ab70fe17c79ac6ca", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7c1aab70fe17c79ac6c9", "00000000000000000000", ],
["c001e000000000000000", "4001e000000000000000", "bc1d9602de54cea76df1", "bc17c3eed93fbf8c50e7", ],
["4000a000000000000000", "c000a000000000000000", "3c1bd64d3d9db981787c", "3c19892731ac9faf056e", ],
["c000a000000000000000", "4000a000000000000000", "bc1bd64d3d9db981787c", "bc19892731ac9faf056e", ],
["403dfffffffffffffffe", "c03dfffffffffffffffe", "3c59ab70fe17c79ac6c9", "3bdbab70fe17c79ac6cb", ],
["c03e8000000000000000", "403e8000000000000000", "bc59ab70fe17c79ac6ca", "bbdbab70fe17c79ac6ca", ],
["403effffffffffffffff", "c03effffffffffffffff", "3c5aab70fe17c79ac6c9", "3bdaab70fe17c79ac6cb", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "00000000000000000000", "7fff8000000000000000", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "80000000000000000000", "ffff8000000000000000", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "f3e79d4be25afec02949", "f3e68bd1acc2a98e5d96", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "73e3a7c868e99844704e", "73ea831491f67ef577bc", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "73e89d4be25afec02949", "73e58bd1acc2a98e5d96", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "77cb9c95ebe150d54254", "70028c74275cf408b1c7", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "70028c74275cf408b1c7", "77cb9c95ebe150d54254", ],
["73e7d1ba8323fe558c61", "00000000000000000000", "7fff8000000000000000", "3fff8000000000000000", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "bfff8000000000000000", "ffff8000000000000000", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "7401c0e9dcc85e9925ad", "73cbe4025ef391d37fea", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "33a9d1ba8323fe558c61", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7fff8000000000000000", "33e6d1ba8323fe558c62", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "f3e9b78332bf7e8adad5", "f3e3efb095dffe18a06f", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "73e8831491f67ef577bd", "73e5a7c868e99844704e", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "f3e8831491f67ef577bd", "f3e5a7c868e99844704e", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "7425d1ba8323fe558c5f", "73a7d1ba8323fe558c63", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "f425d1ba8323fe558c61", "f3a7d1ba8323fe558c61", ],
["73e6d1ba8323fe558c61", "73e6d1ba8323fe558c61", "7426d1ba8323fe558c60", "73a6d1ba8323fe558c62", ],
["8c179c3d73864f3805c0", "8c179c3d73864f3805c0", "80000000000000000000", "ffff8000000000000000", ],
["8c179c3d73864f3805c0", "8c179c3d73864f3805c0", "00000000000000000000", "7fff8000000000000000", ],
["3fff8000000000000000", "bfff8000000000000000", "8c179c3d73864f3805c0", "8c179c3d73864f3805c0", ],
["bfffc000000000000000", "3fffc000000000000000", "0c17ea5c2d4976d408a0", "0c16d051ef5dbef55d00", ],
["3ffbcccccccccccccccd", "bffbcccccccccccccccd", "8c13f9fbec0a1859a2cd", "8c1ac34cd067e3060730", ],
["4000c000000000000000", "c000c000000000000000", "8c18ea5c2d4976d408a0", "8c15d051ef5dbef55d00", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "8ffbe94d10d5cbd3768b", "8832d14404417b47e639", ],
["3c1aab70fe17c79ac6ca", "bc1aab70fe17c79ac6ca", "8832d14404417b47e638", "8ffbe94d10d5cbd3768b", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "bfff8000000000000000", "80000000000000000000", ],
["8c189c3d73864f3805c0", "00000000000000000000", "00000000000000000000", "3fff8000000000000000", ],
["7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", "80000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a2a3f35ba6e7", "c019eb79a2a3f35ba6e7", "8c328fb6a55ad7f5afc5", "8bfca9dbc5f954a0f7e9", ],
["8c179c3d73864f3805c0", "8c179c3d73864f3805c0", "80000000000000000000", "cc549c3d73864f3805c0", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "cc179c3d73864f3805bf", "80000000000000000000", ],
["c001e000000000000000", "4001e000000000000000", "0c1a88b5c51585510508", "0c14b28f5f74ecd24fb7", ],
["4000a000000000000000", "c000a000000000000000", "8c18c34cd067e3060730", "8c15f9fbec0a1859a2cd", ],
["c000a000000000000000", "4000a000000000000000", "0c18c34cd067e3060730", "0c15f9fbec0a1859a2cd", ],
["403dfffffffffffffffe", "c03dfffffffffffffffe", "8c569c3d73864f3805bf", "8bd89c3d73864f3805c1", ],
["c03e8000000000000000", "403e8000000000000000", "0c569c3d73864f3805c0", "0bd89c3d73864f3805c0", ],
["403effffffffffffffff", "c03effffffffffffffff", "8c579c3d73864f3805bf", "8bd79c3d73864f3805c1", ],
["7fff8000000000000000", "7fff8000000000000000", "ffffc000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "ffffc000000000000000", "ffff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", ],
["7fff8000000000000000", "ffffc000000000000000", "7fff8000000000000000", "ffffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", ],
["7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", "7fff8000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a2a3f35ba6e7", "4019eb79a2a3f35ba6e7", "00000000000000000000", "7fff8000000000000000", ],
["4019eb79a2a3f35ba6e7", "4019eb79a2a3f35ba6e7", "80000000000000000000", "ffff8000000000000000", ],
["4019eb79a2c3f35ba6e7", "4019eb79a283f35ba6e7", "4019eb79a2a3f35ba6e7", "4019eb79a2a3f35ba6e7", ],
["4019eb79a273f35ba6e7", "4019eb79a2d3f35ba6e7", "c01ab09b39faf684bd2d", "c0199cfbc1c2a23d19ef", ],
["4019eb79a2a7268eda1a", "4019eb79a2a0c02873b4", "4016bc614ee98f7c8586", "401d932c05a678194850", ],
["4019eb79a303f35ba6e7", "4019eb79a243f35ba6e7", "401bb09b39faf684bd2d", "40189cfbc1c2a23d19ef", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "43feafceecf98057dc24", "3c359db22e933a2ee439", ],
["4019eb79a2a3f35ba6e7", "4019eb79a2a3f35ba6e7", "3c359db22e933a2ee438", "43feafceecf98057dc24", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "7401c0e9dcc85e9925ad", "0c328fb6a55ad7f5afc5", ],
["4019eb79a2a3f35ba6e7", "4019eb79a2a3f35ba6e7", "8c328fb6a55ad7f5afc5", "f401c0e9dcc85e9925ae", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["401aeb79a2a3f35ba6e7", "00000000000000000000", "4034d8988a64271a3a10", "3fff8000000000000000", ],
["4019eb79a2a3f35ba6e7", "4019eb79a2a3f35ba6e7", "000000000000075bcd15", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7fff8000000000000000", "0019eb79a2a3f35ba6e8", ],
["4019eb79a1c3f35ba6e7", "4019eb79a383f35ba6e7", "c01cce0a6e4f74f0320a", "c017868ea6148b0fcd16", ],
["4019eb79a2f3f35ba6e7", "4019eb79a253f35ba6e7", "401b932c05a678194850", "4018bc614ee98f7c8586", ],
["4019eb79a253f35ba6e7", "4019eb79a2f3f35ba6e7", "c01b932c05a678194850", "c018bc614ee98f7c8586", ],
["403e80000000075bcd14", "c03dfffffffff14865d4", "4058eb79a2a3f35ba6e5", "3fdaeb79a2a3f35ba6e9", ],
["c03dfffffffff14865d6", "403e80000000075bcd15", "c058eb79a2a3f35ba6e7", "bfdaeb79a2a3f35ba6e7", ],
["403f8000000003ade68a", "c03efffffffff8a432ea", "4059eb79a2a3f35ba6e6", "3fd9eb79a2a3f35ba6e8", ],
["00000000000000000001", "00000000000000000001", "00000000000000000000", "7fff8000000000000000", ],
["00000000000000000001", "00000000000000000001", "80000000000000000000", "ffff8000000000000000", ],
["3fff8000000000000000", "bfff8000000000000000", "00000000000000000001", "00000000000000000001", ],
["bfffc000000000000000", "3fffc000000000000000", "80000000000000000002", "80000000000000000001", ],
["3ffbcccccccccccccccd", "bffbcccccccccccccccd", "00000000000000000000", "0000000000000000000a", ],
["4000c000000000000000", "c000c000000000000000", "00000000000000000003", "00000000000000000000", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "03a6bf21e44003acdd2d", "00000000000000000000", ],
["3c1aab70fe17c79ac6ca", "bc1aab70fe17c79ac6ca", "00000000000000000000", "03a6bf21e44003acdd2d", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "33a9d1ba8323fe558c61", "00000000000000000000", ],
["8c179c3d73864f3805c0", "0c179c3d73864f3805c0", "80000000000000000000", "b3a9d1ba8323fe558c61", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a2a3f35ba6e7", "c019eb79a2a3f35ba6e7", "000000000000075bcd15", "00000000000000000000", ],
["00000000000000000002", "00000000000000000000", "00000000000000000000", "3fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "3fc1ffffffffffffffff", "00000000000000000000", ],
["c001e000000000000000", "4001e000000000000000", "80000000000000000007", "80000000000000000000", ],
["4000a000000000000000", "c000a000000000000000", "00000000000000000002", "00000000000000000000", ],
["c000a000000000000000", "4000a000000000000000", "80000000000000000002", "80000000000000000000", ],
["403dfffffffffffffffe", "c03dfffffffffffffffe", "00007fffffffffffffff", "00000000000000000000", ],
["c03e8000000000000000", "403e8000000000000000", "80018000000000000000", "80000000000000000000", ],
["403effffffffffffffff", "c03effffffffffffffff", "0001ffffffffffffffff", "00000000000000000000", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "00000000000000000000", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "80000000000000000000", "ffff8000000000000000", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7ffeffffffffffffffff", "7ffeffffffffffffffff", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "ffff8000000000000000", "fffeaaaaaaaaaaaaaaaa", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7ffbcccccccccccccccc", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7fff8000000000000000", "7ffdaaaaaaaaaaaaaaaa", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7fff8000000000000000", "7c1aab70fe17c79ac6ca", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7c1aab70fe17c79ac6c9", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7fff8000000000000000", "4c179c3d73864f3805c0", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "cc179c3d73864f3805bf", "ffff8000000000000000", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7fff8000000000000000", "7fe48b282d51bd5a6049", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "3fc1ffffffffffffffff", "7fff8000000000000000", ],
["7fff8000000000000000", "00000000000000000000", "7fff8000000000000000", "3fff8000000000000000", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "ffff8000000000000000", "fffc9249249249249249", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7fff8000000000000000", "7ffdcccccccccccccccc", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "ffff8000000000000000", "fffdcccccccccccccccc", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7fff8000000000000000", "7fc08000000000000001", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "ffff8000000000000000", "ffbfffffffffffffffff", ],
["7ffeffffffffffffffff", "7ffeffffffffffffffff", "7fff8000000000000000", "7fbf8000000000000000", ],
["c001e000000000000000", "c001e000000000000000", "80000000000000000000", "ffff8000000000000000", ],
["c001e000000000000000", "c001e000000000000000", "00000000000000000000", "7fff8000000000000000", ],
["c001c000000000000000", "c0028000000000000000", "c001e000000000000000", "c001e000000000000000", ],
["c0028800000000000000", "c001b000000000000000", "4002a800000000000000", "40019555555555555555", ],
["c001dccccccccccccccd", "c001e333333333333333", "bffeb333333333333333", "c0058c00000000000000", ],
["c0018000000000000000", "c002a000000000000000", "c003a800000000000000", "c0009555555555555555", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "c3e6a73da7b803374187", "bc1d9602de54cea76df1", ],
["c001e000000000000000", "c001e000000000000000", "bc1d9602de54cea76df1", "c3e6a73da7b803374188", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "f3e9b78332bf7e8adad5", "8c1a88b5c51585510508", ],
["c001e000000000000000", "c001e000000000000000", "0c1a88b5c51585510508", "73e9b78332bf7e8adad5", ],
["7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", "80000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a1c3f35ba6e7", "c019eb79a383f35ba6e7", "c01cce0a6e4f74f0320a", "bfe6f3864f4f0b5e2881", ],
["c001e000000000000000", "c001e000000000000000", "80000000000000000007", "ffff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "ffff8000000000000000", "8001e000000000000001", ],
["c002e000000000000000", "00000000000000000000", "4004c400000000000000", "3fff8000000000000000", ],
["c0019000000000000000", "c0029800000000000000", "c0038c00000000000000", "c000b333333333333333", ],
["c0029800000000000000", "c0019000000000000000", "40038c00000000000000", "4000b333333333333333", ],
["403dfffffffffffffff0", "c03e8000000000000006", "c040dffffffffffffffe", "bfc2e000000000000002", ],
["c03e8000000000000007", "403dfffffffffffffff2", "4040e000000000000000", "3fc2e000000000000000", ],
["403efffffffffffffff8", "c03f8000000000000003", "c041dfffffffffffffff", "bfc1e000000000000001", ],
["4000a000000000000000", "4000a000000000000000", "00000000000000000000", "7fff8000000000000000", ],
["4000a000000000000000", "4000a000000000000000", "80000000000000000000", "ffff8000000000000000", ],
["4000e000000000000000", "3fffc000000000000000", "4000a000000000000000", "4000a000000000000000", ],
["3fff8000000000000000", "40018000000000000000", "c000f000000000000000", "bfffd555555555555555", ],
["4000a666666666666666", "4000999999999999999a", "3ffd8000000000000000", "4003c800000000000000", ],
["4001b000000000000000", "bffe8000000000000000", "4001f000000000000000", "3ffed555555555555555", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "43e4eeea5d5004981478", "3c1bd64d3d9db981787d", ],
["4000a000000000000000", "4000a000000000000000", "3c1bd64d3d9db981787c", "43e4eeea5d5004981479", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "73e8831491f67ef577bd", "0c18c34cd067e3060730", ],
["4000a000000000000000", "4000a000000000000000", "8c18c34cd067e3060730", "f3e8831491f67ef577bd", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a2f3f35ba6e7", "c019eb79a253f35ba6e7", "401b932c05a678194850", "3fe5adf238a62cb0f85c", ],
["4000a000000000000000", "4000a000000000000000", "00000000000000000002", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7fff8000000000000000", "00005000000000000000", ],
["c0019000000000000000", "40029800000000000000", "c0038c00000000000000", "bffdb6db6db6db6db6db", ],
["4001a000000000000000", "00000000000000000000", "4001c800000000000000", "3fff8000000000000000", ],
["00000000000000000000", "4001a000000000000000", "c001c800000000000000", "bfff8000000000000000", ],
["403e8000000000000002", "c03dfffffffffffffff9", "403f9fffffffffffffff", "3fc1a000000000000001", ],
["c03dfffffffffffffffb", "403e8000000000000002", "c03fa000000000000000", "bfc1a000000000000000", ],
["403f8000000000000001", "c03efffffffffffffffc", "40409fffffffffffffff", "3fc0a000000000000001", ],
["c000a000000000000000", "c000a000000000000000", "80000000000000000000", "ffff8000000000000000", ],
["c000a000000000000000", "c000a000000000000000", "00000000000000000000", "7fff8000000000000000", ],
["bfffc000000000000000", "c000e000000000000000", "c000a000000000000000", "c000a000000000000000", ],
["c0018000000000000000", "bfff8000000000000000", "4000f000000000000000", "3fffd555555555555555", ],
["c000999999999999999a", "c000a666666666666666", "bffd8000000000000000", "c003c800000000000000", ],
["3ffe8000000000000000", "c001b000000000000000", "c001f000000000000000", "bffed555555555555555", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "c3e4eeea5d5004981478", "bc1bd64d3d9db981787d", ],
["c000a000000000000000", "c000a000000000000000", "bc1bd64d3d9db981787c", "c3e4eeea5d5004981479", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "f3e8831491f67ef577bd", "8c18c34cd067e3060730", ],
["c000a000000000000000", "c000a000000000000000", "0c18c34cd067e3060730", "73e8831491f67ef577bd", ],
["7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", "80000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["4019eb79a253f35ba6e7", "c019eb79a2f3f35ba6e7", "c01b932c05a678194850", "bfe5adf238a62cb0f85c", ],
["c000a000000000000000", "c000a000000000000000", "80000000000000000002", "ffff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "ffff8000000000000000", "80005000000000000000", ],
["c0029800000000000000", "40019000000000000000", "40038c00000000000000", "3ffdb6db6db6db6db6db", ],
["00000000000000000000", "c001a000000000000000", "c001c800000000000000", "bfff8000000000000000", ],
["c001a000000000000000", "00000000000000000000", "4001c800000000000000", "3fff8000000000000000", ],
["403dfffffffffffffff9", "c03e8000000000000002", "c03f9fffffffffffffff", "bfc1a000000000000001", ],
["c03e8000000000000002", "403dfffffffffffffffb", "403fa000000000000000", "3fc1a000000000000000", ],
["403efffffffffffffffc", "c03f8000000000000001", "c0409fffffffffffffff", "bfc0a000000000000001", ],
["403dfffffffffffffffe", "403dfffffffffffffffe", "00000000000000000000", "7fff8000000000000000", ],
["403dfffffffffffffffe", "403dfffffffffffffffe", "80000000000000000000", "ffff8000000000000000", ],
["403e8000000000000000", "403dfffffffffffffffc", "403dfffffffffffffffe", "403dfffffffffffffffe", ],
["403dfffffffffffffffb", "403e8000000000000000", "c03ebffffffffffffffe", "c03daaaaaaaaaaaaaaa9", ],
["403dfffffffffffffffe", "403dfffffffffffffffe", "403acccccccccccccccb", "40419fffffffffffffff", ],
["403e8000000000000002", "403dfffffffffffffff8", "403fbffffffffffffffe", "403caaaaaaaaaaaaaaa9", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "4422bf21e44003acdd2c", "3c59ab70fe17c79ac6c9", ],
["403dfffffffffffffffe", "403dfffffffffffffffe", "3c59ab70fe17c79ac6c9", "4422bf21e44003acdd2c", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "7425d1ba8323fe558c5f", "0c569c3d73864f3805bf", ],
["403dfffffffffffffffe", "403dfffffffffffffffe", "8c569c3d73864f3805bf", "f425d1ba8323fe558c60", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["403e80000000075bcd14", "403dfffffffff14865d4", "4058eb79a2a3f35ba6e5", "40238b282d51bd5a6048", ],
["403dfffffffffffffffe", "403dfffffffffffffffe", "00007fffffffffffffff", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7fff8000000000000000", "003dffffffffffffffff", ],
["403dfffffffffffffff0", "403e8000000000000006", "c040dffffffffffffffe", "c03b9249249249249248", ],
["403e8000000000000002", "403dfffffffffffffff9", "403f9fffffffffffffff", "403ccccccccccccccccb", ],
["403dfffffffffffffff9", "403e8000000000000002", "c03f9fffffffffffffff", "c03ccccccccccccccccb", ],
["403efffffffffffffffe", "00000000000000000000", "407cfffffffffffffffc", "3fff8000000000000000", ],
["bfff8000000000000000", "403effffffffffffffff", "c07cfffffffffffffffe", "bffefffffffffffffffe", ],
["403fbfffffffffffffff", "c03e8000000000000000", "407dfffffffffffffffd", "3ffdffffffffffffffff", ],
["c03e8000000000000000", "c03e8000000000000000", "80000000000000000000", "ffff8000000000000000", ],
["c03e8000000000000000", "c03e8000000000000000", "00000000000000000000", "7fff8000000000000000", ],
["c03dfffffffffffffffe", "c03e8000000000000001", "c03e8000000000000000", "c03e8000000000000000", ],
["c03e8000000000000002", "c03dfffffffffffffffd", "403ec000000000000000", "403daaaaaaaaaaaaaaab", ],
["c03e8000000000000000", "c03e8000000000000000", "c03acccccccccccccccd", "c041a000000000000000", ],
["c03dfffffffffffffffa", "c03e8000000000000003", "c03fc000000000000000", "c03caaaaaaaaaaaaaaab", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "c422bf21e44003acdd2d", "bc59ab70fe17c79ac6ca", ],
["c03e8000000000000000", "c03e8000000000000000", "bc59ab70fe17c79ac6ca", "c422bf21e44003acdd2d", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "f425d1ba8323fe558c61", "8c569c3d73864f3805c0", ],
["c03e8000000000000000", "c03e8000000000000000", "0c569c3d73864f3805c0", "7425d1ba8323fe558c61", ],
["7fff8000000000000000", "ffff8000000000000000", "ffff8000000000000000", "80000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["c03dfffffffff14865d6", "c03e80000000075bcd15", "c058eb79a2a3f35ba6e7", "c0238b282d51bd5a6049", ],
["c03e8000000000000000", "c03e8000000000000000", "80018000000000000000", "ffff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "ffff8000000000000000", "803e8000000000000001", ],
["c03e8000000000000007", "c03dfffffffffffffff2", "4040e000000000000000", "403b9249249249249249", ],
["c03dfffffffffffffffb", "c03e8000000000000002", "c03fa000000000000000", "c03ccccccccccccccccd", ],
["c03e8000000000000002", "c03dfffffffffffffffb", "403fa000000000000000", "403ccccccccccccccccd", ],
["bfff8000000000000000", "c03effffffffffffffff", "c07cfffffffffffffffe", "bfff8000000000000001", ],
["c03f8000000000000000", "00000000000000000000", "407d8000000000000000", "3fff8000000000000000", ],
["403dfffffffffffffffe", "c03fc000000000000000", "c07dffffffffffffffff", "bffe8000000000000001", ],
["403effffffffffffffff", "403effffffffffffffff", "00000000000000000000", "7fff8000000000000000", ],
["403effffffffffffffff", "403effffffffffffffff", "80000000000000000000", "ffff8000000000000000", ],
["403f8000000000000000", "403efffffffffffffffe", "403effffffffffffffff", "403effffffffffffffff", ],
["403efffffffffffffffe", "403f8000000000000000", "c03fbfffffffffffffff", "c03eaaaaaaaaaaaaaaaa", ],
["403effffffffffffffff", "403effffffffffffffff", "403bcccccccccccccccc", "40429fffffffffffffff", ],
["403f8000000000000001", "403efffffffffffffffc", "4040bfffffffffffffff", "403daaaaaaaaaaaaaaaa", ],
["43e3bf21e44003acdd2d", "c3e3bf21e44003acdd2d", "4423bf21e44003acdd2c", "3c5aab70fe17c79ac6ca", ],
["403effffffffffffffff", "403effffffffffffffff", "3c5aab70fe17c79ac6c9", "4423bf21e44003acdd2d", ],
["73e6d1ba8323fe558c61", "f3e6d1ba8323fe558c61", "7426d1ba8323fe558c60", "0c579c3d73864f3805c0", ],
["403effffffffffffffff", "403effffffffffffffff", "8c579c3d73864f3805bf", "f426d1ba8323fe558c60", ],
["7fff8000000000000000", "ffff8000000000000000", "7fff8000000000000000", "00000000000000000000", ],
["7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", "7fffc000000000000000", ],
["403f8000000003ade68a", "403efffffffff8a432ea", "4059eb79a2a3f35ba6e6", "40248b282d51bd5a6049", ],
["403effffffffffffffff", "403effffffffffffffff", "0001ffffffffffffffff", "7fff8000000000000000", ],
["7ffeffffffffffffffff", "fffeffffffffffffffff", "7fff8000000000000000", "003f8000000000000000", ],
["403efffffffffffffff8", "403f8000000000000003", "c041dfffffffffffffff", "c03c9249249249249249", ],
["403f8000000000000001", "403efffffffffffffffc", "40409fffffffffffffff", "403dcccccccccccccccc", ],
["403efffffffffffffffc", "403f8000000000000001", "c0409fffffffffffffff", "c03dcccccccccccccccc", ],
["403fbfffffffffffffff", "403e8000000000000000", "407dfffffffffffffffd", "40008000000000000001", ],
["403dfffffffffffffffe", "403fc000000000000000", "c07dffffffffffffffff", "bfffffffffffffffffff", ],
["403fffffffffffffffff", "00000000000000000000", "407efffffffffffffffe", "3fff8000000000000000", ],
];
// bits: eq ne lt le gt ge
#[rustfmt::skip]
static LD_CMP: [u8; 441] = [41, 41, 14, 50, 14, 14, 14, 14, 14, 50, 14, 2, 14, 14, 14, 50, 14, 50, 14, 50, 14, 41, 41, 14, 50, 14, 14, 14, 14, 14, 50, 14, 2, 14, 14, 14, 50, 14, 50, 14, 50, 14, 50, 50, 41, 50, 50, 14, 14, 50, 14, 50, 14, 2, 14, 50, 14, 50, 14, 50, 14, 50, 14, 14, 14, 14, 41, 14, 14, 14, 14, 14, 14, 14, 2, 14, 14, 14, 50, 14, 50, 14, 50, 14, 50, 50, 14, 50, 41, 14, 14, 50, 14, 50, 14, 2, 14, 50, 14, 50, 14, 50, 14, 50, 14, 50, 50, 50, 50, 50, 41, 14, 50, 14, 50, 14, 2, 14, 50, 14, 50, 50, 50, 14, 50, 14, 50, 50, 50, 50, 50, 50, 41, 50, 14, 50, 14, 2, 50, 50, 14, 50, 50, 50, 50, 50, 50, 50, 50, 14, 50, 14, 14, 14, 41, 14, 50, 14, 2, 14, 50, 14, 50, 14, 50, 14, 50, 14, 50, 50, 50, 50, 50, 50, 50, 50, 41, 50, 14, 2, 50, 50, 14, 50, 50, 50, 50, 50, 50, 14, 14, 14, 50, 14, 14, 14, 14, 14, 41, 14, 2, 14, 14, 14, 50, 14, 50, 14, 50, 14, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 41, 2, 50, 50, 50, 50, 50, 50, 50, 50, 50, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 50, 50, 50, 50, 50, 50, 14, 50, 14, 50, 14, 2, 41, 50, 14, 50, 50, 50, 14, 50, 14, 50, 50, 14, 50, 14, 14, 14, 14, 14, 50, 14, 2, 14, 41, 14, 50, 14, 50, 14, 50, 14, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 14, 2, 50, 50, 41, 50, 50, 50, 50, 50, 50, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 2, 14, 14, 14, 41, 14, 14, 14, 50, 14, 50, 50, 50, 50, 50, 14, 14, 50, 14, 50, 14, 2, 14, 50, 14, 50, 41, 50, 14, 50, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 2, 14, 14, 14, 50, 14, 41, 14, 50, 14, 50, 50, 50, 50, 50, 50, 14, 50, 14, 50, 14, 2, 50, 50, 14, 50, 50, 50, 41, 50, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 2, 14, 14, 14, 14, 14, 14, 14, 41, 14, 50, 50, 50, 50, 50, 50, 14, 50, 14, 50, 14, 2, 50, 50, 14, 50, 50, 50, 50, 50, 41, ];
// (neg, to f64 bits, to f32 bits, to i64) per LD_VALS
#[rustfmt::skip]
static LD_UN: [(&str, u64, u32, i64); 21] = [
("80000000000000000000", 0, 0, 0),
("00000000000000000000", 0x8000000000000000, 0x80000000, 0),
("bfff8000000000000000", 0x3ff0000000000000, 0x3f800000, 1),
("3fffc000000000000000", 0xbff8000000000000, 0xbfc00000, -1),
("bffbcccccccccccccccd", 0x3fb999999999999a, 0x3dcccccd, 0),
("c000c000000000000000", 0x4008000000000000, 0x40400000, 3),
("c3e3bf21e44003acdd2d", 0x7e37e43c8800759c, 0x7f800000, -9223372036854775808),
("bc1aab70fe17c79ac6ca", 0x1a56e1fc2f8f359, 0, 0),
("f3e6d1ba8323fe558c61", 0x7ff0000000000000, 0x7f800000, -9223372036854775808),
("0c179c3d73864f3805c0", 0x8000000000000000, 0x80000000, 0),
("ffff8000000000000000", 0x7ff0000000000000, 0x7f800000, -9223372036854775808),
("ffffc000000000000000", 0x7ff8000000000000, 0x7fc00000, -9223372036854775808),
("c019eb79a2a3f35ba6e7", 0x419d6f34547e6b75, 0x4ceb79a3, 123456789),
("80000000000000000001", 0, 0, 0),
("fffeffffffffffffffff", 0x7ff0000000000000, 0x7f800000, -9223372036854775808),
("4001e000000000000000", 0xc01c000000000000, 0xc0e00000, -7),
("c000a000000000000000", 0x4004000000000000, 0x40200000, 2),
("4000a000000000000000", 0xc004000000000000, 0xc0200000, -2),
("c03dfffffffffffffffe", 0x43e0000000000000, 0x5f000000, 9223372036854775807),
("403e8000000000000000", 0xc3e0000000000000, 0xdf000000, -9223372036854775808),
("c03effffffffffffffff", 0x43f0000000000000, 0x5f800000, -9223372036854775808),
];
#[rustfmt::skip]
static LD_FROM_I64: [(i64, &str); 7] = [(0, "00000000000000000000", ), (1, "3fff8000000000000000", ), (-1, "bfff8000000000000000", ), (123456789, "4019eb79a2a000000000", ), (9223372036854775807, "403dfffffffffffffffe", ), (-9223372036854775808, "c03e8000000000000000", ), (81985529216486895, "403791a2b3c4d5e6f780", ), ];
#[rustfmt::skip]
static LD_FROM_U64: [(u64, &str); 5] = [(0, "00000000000000000000", ), (0x1, "3fff8000000000000000", ), (0xffffffffffffffff, "403effffffffffffffff", ), (0x8000000000000000, "403e8000000000000000", ), (0xfedcba9876543210, "403efedcba9876543210", ), ];
#[rustfmt::skip]
static LD_FROM_F64: [(u64, &str); 6] = [(0, "00000000000000000000", ), (0x8000000000000000, "80000000000000000000", ), (0x3fb999999999999a, "3ffbccccccccccccd000", ), (0xffe1ccf385ebc8a0, "c3fe8e679c2f5e450000", ), (0x1, "3bcd8000000000000000", ), (0x7ff0000000000000, "7fff8000000000000000", ), ];
#[rustfmt::skip]
static LD_FROM_F32: [(u32, &str); 5] = [(0, "00000000000000000000", ), (0x80000000, "80000000000000000000", ), (0x3dcccccd, "3ffbcccccd0000000000", ), (0xff7fc99e, "c07effc99e0000000000", ), (0x1, "3f6a8000000000000000", ), ];

fn ld_bytes(hex: &str) -> [u8; 10] {
    let v = u128::from_str_radix(hex, 16).unwrap();
    let b = v.to_le_bytes();
    b[..10].try_into().unwrap()
}

fn ld_val(hex: &str) -> Val {
    Val::from_f80_bytes(ld_bytes(hex))
}

fn hex_of(b: &[u8]) -> String {
    b[..10].iter().rev().map(|x| format!("{x:02x}")).collect()
}

static LD_PROG: &str = "m: module
ldbin: func p:r, p:a, p:b
  ldadd ld:(r), ld:(a), ld:(b)
  ldsub ld:16(r), ld:(a), ld:(b)
  ldmul ld:32(r), ld:(a), ld:(b)
  lddiv ld:48(r), ld:(a), ld:(b)
  ret
endfunc
ldcmp: func i64, ld:x, ld:y
  local i64:r, i64:t
  ldeq r, x, y
  ldne t, x, y
  lsh t, t, 1
  or r, r, t
  ldlt t, x, y
  lsh t, t, 2
  or r, r, t
  ldle t, x, y
  lsh t, t, 3
  or r, r, t
  ldgt t, x, y
  lsh t, t, 4
  or r, r, t
  ldge t, x, y
  lsh t, t, 5
  or r, r, t
  ret r
endfunc
ldbr: func i64, ld:x, ld:y
  local i64:r
  mov r, 0
  ldbeq b1, x, y
  jmp c1
b1: or r, r, 1
c1: ldbne b2, x, y
  jmp c2
b2: or r, r, 2
c2: ldblt b3, x, y
  jmp c3
b3: or r, r, 4
c3: ldble b4, x, y
  jmp c4
b4: or r, r, 8
c4: ldbgt b5, x, y
  jmp c5
b5: or r, r, 16
c5: ldbge b6, x, y
  jmp c6
b6: or r, r, 32
c6: ret r
endfunc
ldun: func ld, d, f, i64, ld:x
  local ld:n, d:d, f:f, i64:i
  ldneg n, x
  ld2d d, x
  ld2f f, x
  ld2i i, x
  ret n, d, f, i
endfunc
from_i: func ld, i64:i
  local ld:r
  i2ld r, i
  ret r
endfunc
from_u: func ld, i64:i
  local ld:r
  ui2ld r, i
  ret r
endfunc
from_d: func ld, d:x
  local ld:r
  d2ld r, x
  ret r
endfunc
from_f: func ld, f:x
  local ld:r
  f2ld r, x
  ret r
endfunc
lit: func ld
  local ld:r
  ldadd r, 0.1L, 3.0L
  ret r
endfunc
endmodule
";

#[test]
fn long_double_matches_gcc() {
    let p = Progs::new(LD_PROG);
    let n = LD_VALS.len();
    for i in 0..n {
        for j in 0..n {
            let a = ld_bytes(LD_VALS[i]);
            let b = ld_bytes(LD_VALS[j]);
            let mut r = [0u8; 64];
            let mut a16 = [0u8; 16];
            let mut b16 = [0u8; 16];
            a16[..10].copy_from_slice(&a);
            b16[..10].copy_from_slice(&b);
            let addr = |x: &mut [u8]| Val::from_i64(x.as_mut_ptr() as i64);
            p.call("ldbin", &[addr(&mut r), addr(&mut a16), addr(&mut b16)])
                .unwrap();
            for (k, op) in ["add", "sub", "mul", "div"].iter().enumerate() {
                assert_eq!(
                    hex_of(&r[16 * k..]),
                    LD_BIN[i * n + j][k],
                    "ld{op} {} {}",
                    LD_VALS[i],
                    LD_VALS[j]
                );
            }
            let args = [ld_val(LD_VALS[i]), ld_val(LD_VALS[j])];
            let want = LD_CMP[i * n + j] as i64;
            assert_eq!(
                p.call("ldcmp", &args).unwrap()[0].i64(),
                want,
                "cmp {} {}",
                LD_VALS[i],
                LD_VALS[j]
            );
            assert_eq!(
                p.call("ldbr", &args).unwrap()[0].i64(),
                want,
                "br {} {}",
                LD_VALS[i],
                LD_VALS[j]
            );
        }
        let (neg, d, f, k) = LD_UN[i];
        let r = p.call("ldun", &[ld_val(LD_VALS[i])]).unwrap();
        assert_eq!(hex_of(&r[0].bytes), neg, "ldneg {}", LD_VALS[i]);
        assert_eq!(r[1].f64().to_bits(), d, "ld2d {}", LD_VALS[i]);
        assert_eq!(r[2].f32().to_bits(), f, "ld2f {}", LD_VALS[i]);
        assert_eq!(r[3].i64(), k, "ld2i {}", LD_VALS[i]);
    }
    for (v, want) in LD_FROM_I64 {
        assert_eq!(
            hex_of(&p.call("from_i", &[Val::from_i64(v)]).unwrap()[0].bytes),
            want,
            "i2ld {v}"
        );
    }
    for (v, want) in LD_FROM_U64 {
        assert_eq!(
            hex_of(&p.call("from_u", &[Val::from_i64(v as i64)]).unwrap()[0].bytes),
            want,
            "ui2ld {v}"
        );
    }
    for (v, want) in LD_FROM_F64 {
        let r = p
            .call("from_d", &[Val::from_f64(f64::from_bits(v))])
            .unwrap();
        assert_eq!(hex_of(&r[0].bytes), want, "d2ld {v:#x}");
    }
    for (v, want) in LD_FROM_F32 {
        let r = p
            .call("from_f", &[Val::from_f32(f32::from_bits(v))])
            .unwrap();
        assert_eq!(hex_of(&r[0].bytes), want, "f2ld {v:#x}");
    }
    // 0.1L + 3.0L with literal operands: the sum gcc computes.
    let want = LD_BIN[4 * n + 5][0];
    assert_eq!(hex_of(&p.call("lit", &[]).unwrap()[0].bytes), want);
}

// ---------------------------------------------------------------------------
// Memory operands: every type, every addressing form.

#[test]
fn memory_operands_all_forms() {
    let src = module(
        "ld_forms: func i64, p:buf, i64:i
  local i64:r, i64:t, i64:far
  mov r, 0
  mov t, i8:3(buf)
  add r, r, t
  mov t, u8:3(buf)
  add r, r, t
  mov t, i16:(buf, i, 2)
  add r, r, t
  mov t, u16:2(buf, i, 2)
  add r, r, t
  mov t, i32:4(buf, i, 4)
  add r, r, t
  sub far, buf, 4294967296
  mov t, u32:4294967300(far)
  add r, r, t
  mov t, i64:-8(buf, i, 8)
  add r, r, t
  mov t, u8:(buf, i, 1)
  add r, r, t
  add r, r, i32:(buf)
  ret r
endfunc
st_forms: func p:buf, i64:v
  local i64:i
  mov i, 2
  mov u8:(buf), v
  mov i16:2(buf), v
  mov u32:4(buf, i, 2), v
  mov i64:8(buf, i, 4), v
  mov i8:(buf, i, 8), 255
  mov i64:24(, buf), 77
  ret
endfunc
fp_mem: func d, p:buf
  local d:x, f:y
  fmov f:(buf), 1.5f
  dmov d:8(buf), 2.25
  fmov y, f:(buf)
  f2d x, y
  dadd x, x, d:8(buf)
  dmov d:16(buf), x
  ret x
endfunc
idx_only: func i64, i64:i
  local i64:r
  mov r, i32:4(, i, 4)
  ret r
endfunc
ld10: func p:buf
  local ld:x
  ldmov x, 1.5L
  ldmov ld:(buf), x
  ret
endfunc
m2m: func i64, p:buf
  mov i64:32(buf), u8:(buf)
  mov i64:40(buf), i8:(buf)
  ret i64:40(buf)
endfunc",
    );
    let p = Progs::new(&src);
    let mut bufw = [0u64; 8];
    // SAFETY: 64 bytes of a u64 array viewed as bytes.
    let buf: &mut [u8; 64] = unsafe { &mut *(bufw.as_mut_ptr() as *mut [u8; 64]) };
    for (k, b) in buf.iter_mut().enumerate() {
        *b = (k as u8).wrapping_mul(37).wrapping_add(0x81);
    }
    let addr = buf.as_mut_ptr() as i64;
    let i = 1i64;
    let rd = |b: &[u8], o: usize, n: usize| -> u64 {
        let mut v = [0u8; 8];
        v[..n].copy_from_slice(&b[o..o + n]);
        u64::from_le_bytes(v)
    };
    let want = (buf[3] as i8 as i64)
        + buf[3] as i64
        + rd(buf, 2, 2) as u16 as i16 as i64
        + rd(buf, 4, 2) as i64
        + rd(buf, 8, 4) as u32 as i32 as i64
        + rd(buf, 4, 4) as i64
        + rd(buf, 0, 8) as i64
        + buf[1] as i64
        + rd(buf, 0, 4) as u32 as i32 as i64;
    let got = p.call_i("ld_forms", &[addr, i]).unwrap()[0].i64();
    assert_eq!(got, want);
    // The index-only form: index = buf / 4 (buf is 8-aligned).
    let got = p.call_i("idx_only", &[addr / 4]).unwrap()[0].i64();
    assert_eq!(got, rd(buf, 4, 4) as u32 as i32 as i64);
    let mut b2 = [0u8; 48];
    let a2 = b2.as_mut_ptr() as i64;
    p.call_i("st_forms", &[a2, 0x1122_3344_5566_7788]).unwrap();
    assert_eq!(b2[0], 0x88);
    assert_eq!(rd(&b2, 2, 2), 0x7788);
    assert_eq!(rd(&b2, 8, 4), 0x5566_7788);
    assert_eq!(
        rd(&b2, 16, 8),
        0x1122_3344_5566_77ff,
        "i64 store, then i8 store over its low byte"
    );
    assert_eq!(b2[16], 0xff);
    assert_eq!(rd(&b2, 24, 8), 77);
    let mut b3 = [0u8; 32];
    let r = p.call_i("fp_mem", &[b3.as_mut_ptr() as i64]).unwrap();
    assert_eq!(r[0].f64(), 3.75);
    assert_eq!(f64::from_le_bytes(b3[16..24].try_into().unwrap()), 3.75);
    // An ld store writes the 10 bytes of the x87 value and nothing else.
    let mut b5 = [0xaau8; 16];
    p.call_i("ld10", &[b5.as_mut_ptr() as i64]).unwrap();
    assert_eq!(hex_of(&b5), "3fffc000000000000000");
    assert_eq!(b5[10..], [0xaa; 6]);
    let mut b4 = [0u8; 48];
    b4[0] = 0xfe;
    let r = p.call_i("m2m", &[b4.as_mut_ptr() as i64]).unwrap();
    assert_eq!(r[0].i64(), -2);
    assert_eq!(rd(&b4, 32, 8), 0xfe);
}

// ---------------------------------------------------------------------------
// Lowering peepholes: loop rotation, add+branch fusion, redundant ext32.

#[test]
fn c2m_style_loops_are_rotated_and_fused() {
    let src = module(
        "f: func i64, i32:n
  local i64:i, i64:s
  mov s, 0
  mov i, 0
L_cond: bges L_end, i, n
  add s, s, i
  adds i, i, 1
  ext32 i, i
  jmp L_cond
L_end: ret s
endfunc
g: func i64, i64:x
  local i64:r
  adds r, x, 0
  bt L_skip, x
  mov r, 0x1ffffffff
  jmp L_ext
L_skip: adds r, x, 1
L_ext: ext32 r, r
  ret r
endfunc",
    );
    let p = Progs::new(&src);
    assert_eq!(p.call_i("f", &[1000]).unwrap()[0].i64(), 499_500);
    assert_eq!(p.call_i("f", &[0]).unwrap()[0].i64(), 0);
    assert_eq!(p.call_i("f", &[-5]).unwrap()[0].i64(), 0);
    // `ext32` behind a label still runs (its value may come from elsewhere).
    assert_eq!(p.call_i("g", &[0]).unwrap()[0].i64(), -1);
    assert_eq!(
        p.call_i("g", &[0x7fff_ffff]).unwrap()[0].i64(),
        i32::MIN as i64
    );
    // The loop body is bges + add + (adds fused with the rotated branch) +
    // jmp: the ext32 is gone and the back edge costs no extra dispatch.
    let prog = &p.0[0];
    let f = prog.find_func("f").unwrap();
    let n_mir = prog.func_ir(f).unwrap().num_insns();
    let n_icode = prog.icode_len(f).unwrap();
    assert!(
        n_icode < n_mir,
        "{n_icode} ICode for {n_mir} MIR instructions"
    );
}

#[test]
fn fused_memory_operands() {
    let src = module(
        "ops: func p:o, i64:k
  local i64:t, i64:i, i64:u, d:x, f:y
  mov i, 2
  mul t, i64:8(o), i64:16(o)
  mov i64:64(o), t
  sub t, k, i64:(o, i, 8)
  mov i64:72(o), t
  add t, i64:8(o), k
  mov i64:80(o), t
  adds t, k, i32:4(o)
  mov i64:88(o), t
  xor t, k, i64:(o, i, 4)
  mov i64:96(o), t
  add i64:8(o), i64:8(o), k
  sub i64:(o, i, 8), i64:(o, i, 8), 3
  and i64:(o, i, 1), i64:(o, i, 1), k
  dmov x, 1.5
  dmul x, x, d:104(o)
  dadd x, d:104(o), x
  dsub x, x, d:(o, i, 8)
  dmov d:112(o), x
  ddiv x, x, d:(o, i, 2)
  dmov d:120(o), x
  dadd d:104(o), d:104(o), x
  dmul d:(o, i, 4), d:(o, i, 4), x
  fmov y, f:128(o)
  fmul y, y, f:132(o)
  fsub f:132(o), f:132(o), y
  ret
endfunc",
    );
    let mut init = [0u8; 144];
    let put = |m: &mut [u8], off: usize, v: u64| m[off..off + 8].copy_from_slice(&v.to_le_bytes());
    put(&mut init, 0, 0xffff_fff0_0000_0005);
    put(&mut init, 8, 7);
    put(&mut init, 16, 6);
    put(&mut init, 104, 2.5f64.to_bits());
    put(
        &mut init,
        128,
        (1.5f32.to_bits() as u64) | (4.0f32.to_bits() as u64) << 32,
    );
    // The same computation on a byte image, written out in Rust.
    let mut m = init;
    let r64 = |m: &[u8], o: usize| u64::from_le_bytes(m[o..o + 8].try_into().unwrap());
    let rf = |m: &[u8], o: usize| f64::from_bits(r64(m, o));
    let r32 = |m: &[u8], o: usize| f32::from_le_bytes(m[o..o + 4].try_into().unwrap());
    let k = 100u64;
    let t = r64(&m, 8).wrapping_mul(r64(&m, 16));
    let v = t;
    put(&mut m, 64, v);
    let v = k.wrapping_sub(r64(&m, 16));
    put(&mut m, 72, v);
    let v = r64(&m, 8).wrapping_add(k);
    put(&mut m, 80, v);
    let i32v = i32::from_le_bytes(m[4..8].try_into().unwrap());
    let v = (k as i32).wrapping_add(i32v) as i64 as u64;
    put(&mut m, 88, v);
    let v = k ^ r64(&m, 8);
    put(&mut m, 96, v);
    let v = r64(&m, 8).wrapping_add(k);
    put(&mut m, 8, v);
    let v = r64(&m, 16).wrapping_sub(3);
    put(&mut m, 16, v);
    let v = r64(&m, 2) & k;
    put(&mut m, 2, v);
    let mut x = 1.5 * rf(&m, 104);
    x += rf(&m, 104);
    x -= rf(&m, 16);
    let v = x.to_bits();
    put(&mut m, 112, v);
    x /= rf(&m, 4);
    let v = x.to_bits();
    put(&mut m, 120, v);
    let v = (rf(&m, 104) + x).to_bits();
    put(&mut m, 104, v);
    let v = (rf(&m, 8) * x).to_bits();
    put(&mut m, 8, v);
    let y = r32(&m, 128) * r32(&m, 132);
    let z = r32(&m, 132) - y;
    m[132..136].copy_from_slice(&z.to_le_bytes());
    let p = Progs::new(&src);
    for prog in &p.0 {
        let mut w = [0u64; 18];
        // SAFETY: 144 bytes of a u64 array.
        let bytes: &mut [u8; 144] = unsafe { &mut *(w.as_mut_ptr() as *mut [u8; 144]) };
        *bytes = init;
        let f = prog.find_func("ops").unwrap();
        let args = [
            Val::from_i64(bytes.as_mut_ptr() as i64),
            Val::from_i64(k as i64),
        ];
        Interp::default().call(prog, f, &args, &mut []).unwrap();
        assert_eq!(bytes[..], m[..]);
    }
}

// ---------------------------------------------------------------------------
// Control flow: switch, laddr/jmpi, lref, properties, traps.

#[test]
fn switch_and_out_of_range_trap() {
    let src = module(
        "sw: func i64, i64:i
  switch i, c0, c1, c2
c0: ret 100
c1: ret 101
c2: ret 102
endfunc",
    );
    let p = Progs::new(&src);
    for i in 0..3 {
        assert_eq!(p.call_i("sw", &[i]).unwrap()[0].i64(), 100 + i);
    }
    for bad in [3, -1, i64::MIN] {
        let e = p.call_i("sw", &[bad]).unwrap_err();
        assert!(matches!(e, Trap::SwitchOutOfRange { .. }), "{e}");
        assert!(e.to_string().contains("switch index"), "{e}");
        assert!(
            e.to_string().contains("in function 'sw' at instruction 0"),
            "{e}"
        );
    }
}

#[test]
fn computed_goto_and_bad_jmpi() {
    let src = module(
        "cg: func i64, i64:i
  local i64:t, i64:a, i64:r
  alloca t, 24
  laddr a, l0
  mov i64:(t), a
  laddr a, l1
  mov i64:8(t), a
  laddr a, l2
  mov i64:16(t), a
  mov r, 0
  mov a, i64:(t, i, 8)
  jmpi a
l0: add r, r, 1
l1: add r, r, 10
l2: add r, r, 100
  ret r
endfunc
bad: func i64, i64:x
  jmpi x
  ret 0
endfunc",
    );
    let p = Progs::new(&src);
    assert_eq!(p.call_i("cg", &[0]).unwrap()[0].i64(), 111);
    assert_eq!(p.call_i("cg", &[1]).unwrap()[0].i64(), 110);
    assert_eq!(p.call_i("cg", &[2]).unwrap()[0].i64(), 100);
    let e = p.call_i("bad", &[0x1234]).unwrap_err();
    assert!(matches!(e, Trap::BadJump { addr: 0x1234, .. }), "{e}");
    // A label address of another function is not a target either.
    let prog = &p.0[0];
    let cg = prog.find_func("cg").unwrap();
    let l1 = prog
        .func_ir(cg)
        .unwrap()
        .labels
        .iter()
        .position(|l| l == "l1")
        .unwrap();
    let a = prog.label_address(cg, mirage_ir::LabelId::new(l1)).unwrap();
    let e = p.call_i("bad", &[a as i64]).unwrap_err();
    assert!(matches!(e, Trap::BadJump { .. }), "{e}");
}

#[test]
fn properties_are_zero() {
    let src = module(
        "pr: func i64, i64:x
  local i64:r
  mov r, 0
  prset x, 5
  prbeq a1, x, 0
  or r, r, 1
a1: prbeq a2, x, 5
  or r, r, 2
a2: prbne a3, x, 0
  or r, r, 4
a3: prbne a4, x, 5
  or r, r, 8
a4: ret r
endfunc",
    );
    // prbeq x,0 jumps; prbeq x,5 falls through; prbne x,0 falls through;
    // prbne x,5 jumps.
    assert_eq!(run_i(&src, "pr", &[0]), 2 | 4);
}

#[test]
fn division_by_zero_trap_names_the_instruction() {
    let src = "m: module
f: func i64, i64:a, i64:b
  local i64:r
  div r, a, b
  ret r
endfunc
g: func i64, i64:a, i64:b
  local i64:r
  mods r, a, b
  ret r
endfunc
endmodule
";
    let e = run(src, "f", &[1, 0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "division by zero in function 'f' at instruction 0 ('div r, a, b', line 4)"
    );
    let e = run(src, "f", &[i64::MIN, -1]).unwrap_err();
    assert!(matches!(e, Trap::DivisionOverflow { .. }), "{e}");
    let e = run(src, "g", &[i32::MIN as i64, 0xffff_ffff]).unwrap_err();
    assert!(matches!(e, Trap::DivisionOverflow { .. }), "{e}");
    // Only the low 32 bits matter for mods.
    let e = run(src, "g", &[5, 1 << 32]).unwrap_err();
    assert!(matches!(e, Trap::DivisionByZero { .. }), "{e}");
}

#[test]
fn falling_off_the_end_traps() {
    let src = module(
        "f: func i64, i64:x
  local i64:r
  bt l, x
  ret 1
l: mov r, 2
endfunc",
    );
    let p = Progs::new(&src);
    assert_eq!(p.call_i("f", &[0]).unwrap()[0].i64(), 1);
    let e = p.call_i("f", &[1]).unwrap_err();
    assert!(matches!(e, Trap::FellOffEnd { .. }), "{e}");
}

// ---------------------------------------------------------------------------
// Stack: alloca, bstart/bend, recursion depth.

fn with_config(
    src: &str,
    func: &str,
    args: &[i64],
    config: InterpConfig,
) -> Result<Vec<Val>, Trap> {
    let p = program(src);
    let f = p.find_func(func).unwrap();
    let mut res = vec![Val::ZERO; p.func_ir(f).unwrap().sig.results.len()];
    let args: Vec<Val> = args.iter().map(|&a| Val::from_i64(a)).collect();
    Interp::new(config)
        .call(&p, f, &args, &mut res)
        .map(|_| res)
}

#[test]
fn bstart_alloca_bend_loop_does_not_grow() {
    let src = module(
        "f: func i64, i64:n
  local i64:i, i64:p, i64:s, i64:acc, i64:q
  mov acc, 0
  mov i, 0
  alloca q, 16
L: bge done, i, n
  bstart s
  alloca p, 8192
  mov i64:(p), i
  mov i64:8184(p), 1
  add acc, acc, i64:(p)
  add acc, acc, i64:8184(p)
  bend s
  add i, i, 1
  jmp L
done: mov i64:(q), acc
  ret i64:(q)
endfunc
bad: func i64, i64:x
  bend x
  ret 0
endfunc",
    );
    let small = InterpConfig {
        max_depth: 100,
        max_stack_bytes: 1 << 20,
    };
    let n = 1_000_000;
    let r = with_config(&src, "f", &[n], small).unwrap();
    assert_eq!(r[0].i64(), n * (n - 1) / 2 + n);
    // Without bend the same loop runs out of (the small) stack memory.
    let leaky = src.replace("  bend s\n", "");
    let e = with_config(&leaky, "f", &[n], small).unwrap_err();
    assert!(matches!(e, Trap::StackOverflow { .. }), "{e}");
    let e = run(&src, "bad", &[0x10]).unwrap_err();
    assert!(matches!(e, Trap::BadBend { .. }), "{e}");
}

const REC: &str = "m: module
recp: proto i64, i64:n
rec: func i64, i64:n
  local i64:r
  beq z, n, 0
  sub r, n, 1
  call recp, rec, r, r
  add r, r, 1
  ret r
z: ret 0
endfunc
endmodule
";

/// Frames of fast calls whose `alloca`s move to new stack chunks: each
/// level allocates 24 KiB, keeps `n` in it and in a slot, calls the next
/// level, releases part of its memory with `bend`, and checks both after
/// the return (a frame returning to the wrong stack position or chunk
/// would clobber or lose them).
#[test]
fn allocas_across_stack_chunks_in_fast_calls() {
    let src = module(
        "recp: proto i64, i64:n
rec: func i64, i64:n
  local i64:p, i64:q, i64:s, i64:r, i64:m
  mov m, n
  alloca p, 24576
  mov i64:(p), n
  mov i64:24568(p), n
  bstart s
  alloca q, 4096
  mov i64:(q), 7
  bles z, n, 0
  sub r, n, 1
  call recp, rec, r, r
  bend s
  bne bad, i64:(p), n
  bne bad, i64:24568(p), n
  bne bad, m, n
  add r, r, n
  ret r
z: ret 0
bad: ret -1
endfunc",
    );
    // 300 levels: about 8 MiB of allocas, many chunks.
    assert_eq!(run_i(&src, "rec", &[300]), 300 * 301 / 2);
    // Again on one interpreter, after a run that overflowed mid-way.
    let p = program(&src);
    let f = p.find_func("rec").unwrap();
    let mut it = Interp::new(InterpConfig {
        max_stack_bytes: 1 << 20,
        ..InterpConfig::default()
    });
    let mut r = [Val::ZERO];
    let e = it.call(&p, f, &[Val::from_i64(300)], &mut r).unwrap_err();
    assert!(matches!(e, Trap::StackOverflow { .. }), "{e}");
    it.call(&p, f, &[Val::from_i64(20)], &mut r).unwrap();
    assert_eq!(r[0].i64(), 210);
}

#[test]
fn deep_recursion_completes_or_traps_cleanly() {
    assert_eq!(run_i(REC, "rec", &[1_000_000]), 1_000_000);
    let limited = InterpConfig {
        max_depth: 1000,
        ..InterpConfig::default()
    };
    let e = with_config(REC, "rec", &[5000], limited).unwrap_err();
    assert_eq!(
        e,
        Trap::StackOverflow {
            func: "rec".into(),
            depth: 1000
        }
    );
    assert!(e.to_string().starts_with("stack overflow"), "{e}");
    let bytes = InterpConfig {
        max_stack_bytes: 1 << 20,
        ..InterpConfig::default()
    };
    let e = with_config(REC, "rec", &[1_000_000], bytes).unwrap_err();
    assert!(matches!(e, Trap::StackOverflow { .. }), "{e}");
    // The interpreter is reusable after a trap.
    let p = program(REC);
    let f = p.find_func("rec").unwrap();
    let mut it = Interp::new(limited);
    let mut r = [Val::ZERO];
    assert!(it.call(&p, f, &[Val::from_i64(5000)], &mut r).is_err());
    it.call(&p, f, &[Val::from_i64(500)], &mut r).unwrap();
    assert_eq!(r[0].i64(), 500);
}

// ---------------------------------------------------------------------------
// Calls: blocks, multiple results, varargs, natives, setjmp/longjmp.

#[test]
fn block_arguments_and_multiple_results() {
    let src = module(
        "takep: proto i64, i64, blk:16(s), i64:k
mkp: proto rblk:16(r), i64:x
twop: proto i8, d, u16, ld, i64:x
take: func i64, i64, blk:16(s), i64:k
  local i64:a
  mov a, i64:(s)
  add a, a, i64:8(s)
  mov i64:(s), 999
  ret a, k
endfunc
mk: func rblk:16(r), i64:x
  mov i64:(r), x
  add x, x, 1
  mov i64:8(r), x
  ret
endfunc
two: func i8, d, u16, ld, i64:x
  local d:y, ld:z
  i2d y, x
  i2ld z, x
  ret x, y, x, z
endfunc
main: func i64, d, p:out
  local i64:b, i64:r, i64:k, i64:c, d:y, i64:u, ld:z
  alloca b, 16
  mov i64:(b), 5
  mov i64:8(b), 7
  call takep, take, r, k, blk:16(b), 3
  add r, r, i64:(b)
  call mkp, mk, rblk:16(b), 100
  add r, r, i64:8(b)
  call twop, two, c, y, u, z, 0x1ff80
  mov i64:(out), c
  mov i64:8(out), u
  mov i64:16(out), k
  ret r, y
endfunc",
    );
    let mut out = [0i64; 3];
    let r = run(&src, "main", &[out.as_mut_ptr() as i64]).unwrap();
    // take: 5 + 7 = 12, caller's block unchanged (+5), mk: b[1] = 101
    assert_eq!(r[0].i64(), 12 + 5 + 101);
    assert_eq!(r[1].f64(), 130944.0);
    assert_eq!(out[0], -128, "i8 result extended");
    assert_eq!(out[1], 0xff80, "u16 result extended");
    assert_eq!(out[2], 3);
}

const VARARGS: &str = "m: module
vsump: proto d, i64:n, ...
vsum: func d, i64:n, ...
  local i64:va, i64:i, i64:a, i64:t, d:acc, d:x, ld:l, i64:blk
  alloca va, 32
  alloca blk, 16
  va_start va
  dmov acc, 0.0
  mov i, 0
L: bge done, i, n
  va_arg a, va, i64:0
  mov t, i64:(a)
  i2d x, t
  dadd acc, acc, x
  va_arg a, va, d:0
  dadd acc, acc, d:(a)
  add i, i, 1
  jmp L
done: va_arg a, va, ld:0
  ldmov l, ld:(a)
  ld2d x, l
  dadd acc, acc, x
  va_block_arg blk, va, 16, 1
  i2d x, i64:(blk)
  dadd acc, acc, x
  i2d x, i64:8(blk)
  dadd acc, acc, x
  va_block_arg blk, va, 16, 2
  dadd acc, acc, d:(blk)
  dadd acc, acc, d:8(blk)
  va_end va
  ret acc
endfunc
few: func d
  local i64:b, i64:c, d:r
  alloca b, 16
  mov i64:(b), 1000
  mov i64:8(b), 20000
  alloca c, 16
  dmov d:(c), 0.125
  dmov d:8(c), 0.0625
  call vsump, vsum, r, 2, 1, 0.5, 2, 0.25, 3.0L, blk1:16(b), blk2:16(c)
  ret r
endfunc
many: func d
  local i64:b, i64:c, d:r
  alloca b, 16
  mov i64:(b), 1000
  mov i64:8(b), 20000
  alloca c, 16
  dmov d:(c), 0.125
  dmov d:8(c), 0.0625
  call vsump, vsum, r, 9, 1, 0.5, 2, 0.5, 3, 0.5, 4, 0.5, 5, 0.5, 6, 0.5, 7, 0.5, 8, 0.5, 9, 0.5, 3.0L, blk1:16(b), blk2:16(c)
  ret r
endfunc
endmodule
";

#[test]
fn varargs_between_interpreted_functions() {
    let p = Progs::new(VARARGS);
    // 1 + 0.5 + 2 + 0.25 + 3 + 1000 + 20000 + 0.125 + 0.0625
    assert_eq!(p.call("few", &[]).unwrap()[0].f64(), 21006.9375);
    // 45 + 9 * 0.5 + 3 + 21000 + 0.1875: registers exhausted, all on the stack
    assert_eq!(p.call("many", &[]).unwrap()[0].f64(), 21052.6875);
    // From Rust with explicit kinds.
    let prog = &p.0[0];
    let f = prog.find_func("vsum").unwrap();
    let mut blk = [7i64, 8];
    let dbl = [0.5f64, 0.25];
    let args = [
        (ArgKind::I64, Val::from_i64(1)),
        (ArgKind::I64, Val::from_i64(10)),
        (ArgKind::D, Val::from_f64(1.5)),
        (
            ArgKind::LD,
            Val::from_f80_bytes(F80::from_f64(2.0).to_le_bytes()),
        ),
        (
            ArgKind::Blk { case: 1, size: 16 },
            Val::from_i64(blk.as_mut_ptr() as i64),
        ),
        (
            ArgKind::Blk { case: 2, size: 16 },
            Val::from_i64(dbl.as_ptr() as i64),
        ),
    ];
    let mut r = [Val::ZERO];
    Interp::default()
        .call_variadic(prog, f, &args, &mut r)
        .unwrap();
    assert_eq!(r[0].f64(), 10.0 + 1.5 + 2.0 + 15.0 + 0.75);
    // A native caller: fixed argument in RDI, extras as a C caller places
    // them (RSI, XMM0; the long double and the blocks on the stack).
    let mut regs = [0u8; REG_SAVE_AREA_SIZE];
    regs[..8].copy_from_slice(&1i64.to_le_bytes());
    regs[8..16].copy_from_slice(&10i64.to_le_bytes());
    regs[48..56].copy_from_slice(&1.5f64.to_le_bytes());
    regs[16..24].copy_from_slice(&7i64.to_le_bytes());
    regs[24..32].copy_from_slice(&8i64.to_le_bytes());
    regs[64..72].copy_from_slice(&0.5f64.to_le_bytes());
    regs[80..88].copy_from_slice(&0.25f64.to_le_bytes());
    let mut stack = [0u8; 32];
    stack[..10].copy_from_slice(&F80::from_f64(2.0).to_le_bytes());
    let mut va = VaList::new(regs.as_mut_ptr(), stack.as_mut_ptr());
    let mut r = [Val::ZERO];
    // SAFETY: the va_list describes valid argument memory for vsum.
    unsafe { mirage_interp::call_from_native(prog, f, &mut va, r.as_mut_ptr()) }.unwrap();
    assert_eq!(r[0].f64(), 10.0 + 1.5 + 2.0 + 15.0 + 0.75);
}

#[test]
fn native_calls() {
    let src = module(
        "import t_add3, t_mixed, t_narrow, t_sum10, snprintf, strlen, t_apply, t_square_thunk
add3p: proto i64, i64:a, i64:b, i64:c
mixedp: proto d, i32:a, d:x, i64:b
narrowp: proto i8, i64:a
sum10p: proto d, i64:a, d:b, i64:c, i64:d, i64:e, i64:f, i64:g, i64:h, i64:i, d:j
snp: proto i32, p:buf, u64:n, p:fmt, ...
slp: proto u64, p:s
applyp: proto i64, p:f, i64:x
sqp: proto i64, i64:x
sq: func i64, i64:x
  mul x, x, x
  ret x
endfunc
main: func d, d, p:out
  local i64:a, d:b, i64:c, d:e, i64:buf, i64:n, i64:k, i64:f
  call add3p, t_add3, a, 1, 2, 3
  call mixedp, t_mixed, b, 0x100000003, 1.5, 10
  call narrowp, t_narrow, c, 0x80
  call sum10p, t_sum10, e, 1, 0.5, 1, 1, 1, 1, 1, 1, 1, 0.25
  alloca buf, 64
  call snp, snprintf, n, buf, 64, \"%ld-%.2f-%s\", 42, 3.14159, \"xy\"
  call slp, strlen, k, buf
  mov f, t_apply
  call applyp, f, f, t_square_thunk, 5
  mov i64:(out), a
  mov i64:8(out), c
  mov i64:16(out), k
  mov i64:24(out), f
  mov i64:32(out), n
  ret b, e
endfunc",
    );
    let p = program(&src);
    let sq = p.find_func("sq").unwrap();
    CALLBACK.with(|c| c.set((&p as *const Program, sq.0)));
    let f = p.find_func("main").unwrap();
    let mut r = [Val::ZERO; 2];
    let mut out = [0i64; 5];
    Interp::default()
        .call(&p, f, &[Val::from_i64(out.as_mut_ptr() as i64)], &mut r)
        .unwrap();
    assert_eq!(out[0], 123);
    assert_eq!(out[1], -128, "i8 result extended per the proto");
    assert_eq!(r[0].f64(), 14.5, "i32 argument truncated");
    assert_eq!(out[2], 10, "snprintf wrote '42-3.14-xy'");
    assert_eq!(r[1].f64(), 36.0 + 0.5 + 2.5, "stack arguments");
    assert_eq!(out[3], 25 + 36, "callback through call_from_native");
    assert_eq!(out[4], 10);
}

const SJLJ: &str = "m: module
import setjmp, longjmp
sjp: proto i32, p:buf
ljp: proto p:buf, i32:v
fp: proto i64, p:buf, i64:d, i64:v
f: func i64, p:buf, i64:d, i64:v
  local i64:r, i64:junk
  alloca junk, 1024
  beq jump, d, 0
  sub d, d, 1
  call fp, f, r, buf, d, v
  ret r
jump: call ljp, longjmp, buf, v
  ret -1
endfunc
main: func i64, i64:v
  local i64:buf, i64:r, i64:cnt, i64:acc
  alloca buf, 200
  mov cnt, 0
  mov acc, 0
  call sjp, setjmp, r, buf
  add cnt, cnt, 1
  add acc, acc, r
  bge done, cnt, 4
  call fp, f, r, buf, 3, v
  ret -2
done: mul acc, acc, 100
  add acc, acc, cnt
  ret acc
endfunc
keep: func i64, p:buf
  local i64:r
  call sjp, setjmp, r, buf
  ret r
endfunc
stale: func i64
  local i64:buf, i64:r
  alloca buf, 200
  call keepp, keep, r, buf
  call ljp, longjmp, buf, 1
  ret 0
endfunc
keepp: proto i64, p:buf
endmodule
";

#[test]
fn setjmp_longjmp_across_frames() {
    let src = SJLJ
        .replace("keepp: proto i64, p:buf\n", "")
        .replace("main: func", "keepp: proto i64, p:buf\nmain: func");
    let p = Progs::new(&src);
    // Three longjmps from three frames down, each with value v.
    assert_eq!(p.call_i("main", &[7]).unwrap()[0].i64(), 3 * 7 * 100 + 4);
    // longjmp(buf, 0) makes setjmp return 1.
    assert_eq!(p.call_i("main", &[0]).unwrap()[0].i64(), 3 * 100 + 4);
    // A longjmp to a function that has returned is a clean trap.
    let e = p.call_i("stale", &[]).unwrap_err();
    assert!(matches!(e, Trap::BadLongJmp { .. }), "{e}");
    assert!(e.to_string().contains("has returned"), "{e}");
}

#[test]
fn hard_register_globals_are_shared() {
    let src = module(
        "incp: proto
inc: func
  global i64:acc:rbx
  add acc, acc, 1
  ret
endfunc
main: func i64, i64:n
  global i64:total:rbx
  local i64:i, i64:a
  mov total, 0
  mov i, 0
L: bge done, i, n
  call incp, inc
  add i, i, 1
  jmp L
done: addr a, total
  add i64:(a), i64:(a), 1000
  ret total
endfunc",
    );
    assert_eq!(run_i(&src, "main", &[10]), 1010);
}

#[test]
fn jcall_and_jret() {
    let src = module(
        "jp: proto
g: func
  global i64:acc:rbx, i64:back:r12
  add acc, acc, 10
  jret back
endfunc
main: func i64
  global i64:acc:rbx, i64:back:r12
  mov acc, 5
  laddr back, here
  jcall jp, g
here: laddr back, there
  jcall jp, g
there: ret acc
endfunc",
    );
    assert_eq!(run_i(&src, "main", &[]), 25);
}

#[test]
fn indirect_calls_and_function_addresses() {
    let src = module(
        "p1: proto i64, i64:x
dbl: func i64, i64:x
  add x, x, x
  ret x
endfunc
main: func i64, i64:x
  local i64:f, i64:t
  mov f, dbl
  call p1, f, x, x
  alloca t, 8
  mov i64:(t), dbl
  call p1, i64:(t), x, x
  ret x
endfunc",
    );
    assert_eq!(run_i(&src, "main", &[3]), 12);
}

/// Two programs in which the same function address (the test env gives the
/// first function of each program the same one) means different functions:
/// `f` returns `k`, `main` calls it through a register.
fn same_address_program(k: i64, dispatch: Dispatch) -> Program {
    let src = module(&format!(
        "p1: proto i64, i64:x
f: func i64, i64:x
  add x, x, {k}
  ret x
endfunc
main: func i64, i64:x
  local i64:p
  mov p, f
  call p1, p, x, x
  ret x
endfunc"
    ));
    program_with(
        &src,
        ProgramOptions {
            dispatch,
            ..ProgramOptions::default()
        },
    )
}

/// An interpreter reused for another program must not resolve an address
/// through what it cached for the previous one (the indirect-call cache
/// keeps the callee's code): the same address is `f` of the new program.
#[test]
fn reused_interpreter_forgets_call_targets_of_the_previous_program() {
    for dispatch in [Dispatch::Auto, Dispatch::Loop, Dispatch::Tail] {
        // Both programs stay alive, so a stale entry runs the old code
        // (a wrong result) rather than freed memory.
        let (a, b) = (
            same_address_program(1000, dispatch),
            same_address_program(2000, dispatch),
        );
        let mut interp = Interp::default();
        for (p, want) in [(&a, 1007), (&b, 2007), (&a, 1007), (&b, 2007)] {
            let mut r = [Val::ZERO];
            let f = p.find_func("main").unwrap();
            // Twice: the first call fills the cache, the second hits it.
            for _ in 0..2 {
                interp.call(p, f, &[Val::from_i64(7)], &mut r).unwrap();
                assert_eq!(r[0].i64(), want, "{dispatch:?}");
            }
        }
    }
}

/// The same through the per-thread interpreter pool that the runtime's
/// shims use ([`mirage_interp::call_from_native`]).
#[test]
fn pooled_interpreters_forget_call_targets_of_the_previous_program() {
    let (a, b) = (
        same_address_program(1000, Dispatch::Auto),
        same_address_program(2000, Dispatch::Auto),
    );
    for (p, want) in [(&a, 1007), (&b, 2007), (&a, 1007), (&b, 2007)] {
        let f = p.find_func("main").unwrap();
        for _ in 0..2 {
            let mut regs = [0u8; REG_SAVE_AREA_SIZE];
            regs[..8].copy_from_slice(&7i64.to_le_bytes());
            let mut stack = [0u8; 16];
            let mut va = VaList::new(regs.as_mut_ptr(), stack.as_mut_ptr());
            let mut res = [Val::ZERO; 1];
            // SAFETY: `va` holds the one integer argument of `main`, `res`
            // has room for its result.
            unsafe {
                mirage_interp::call_from_native(p, f, &mut va, res.as_mut_ptr()).unwrap();
            }
            assert_eq!(res[0].i64(), want);
        }
    }
}

// ---------------------------------------------------------------------------
// Tracing.

#[test]
fn tracing_prints_instructions_inputs_and_results() {
    let sink = Arc::new(Mutex::new(Vec::<u8>::new()));
    let options = ProgramOptions {
        trace: Some(sink.clone()),
        ..ProgramOptions::default()
    };
    let src = module(
        "sqp: proto i64, i64:x
sq: func i64, i64:x
  local i64:r
  mul r, x, x
  ret r
endfunc
main: func i64, i64:n
  local i64:s
  add s, n, 1
  call sqp, sq, s, s
  ret s
endfunc",
    );
    let p = program_with(&src, options);
    assert!(!p.uses_tail_dispatch());
    let f = p.find_func("main").unwrap();
    let mut r = [Val::ZERO];
    Interp::default()
        .call(&p, f, &[Val::from_i64(4)], &mut r)
        .unwrap();
    assert_eq!(r[0].i64(), 25);
    let text = String::from_utf8(sink.lock().unwrap().clone()).unwrap();
    let want = "[1] main:0  add s, n, 1  ; n=4
[1]          s = 5
[1] main:1  call sqp, sq, s, s  ; s=5
[2] sq:0  mul r, x, x  ; x=5 x=5
[2]          r = 25
[2] sq:1  ret r  ; r=25
[1]          s = 25
[1] main:2  ret s  ; s=25
[0] return 25
";
    assert_eq!(text, want);
}

// ---------------------------------------------------------------------------
// The tail-call dispatch must keep the machine stack flat: run every kind
// of handler a million times on a 64 KiB thread stack. A handler whose
// final call is not compiled into a jump overflows this stack at once.

const EVERY_OP: &str = "m: module
import t_add3, setjmp, longjmp
sjp: proto i32, p:buf
ljp: proto p:buf, i32:v
add3p: proto i64, i64:a, i64:b, i64:c
leafp: proto i64, d, i64:x, ld:y
vp: proto i64, i64:n, ...
leaf: func i64, d, i64:x, ld:y
  local d:d
  i2d d, x
  ret x, d
endfunc
v: func i64, i64:n, ...
  local i64:va, i64:a
  alloca va, 32
  va_start va
  va_arg a, va, i64:0
  mov a, i64:(a)
  va_end va
  ret a
endfunc
add3: func i64, i64:a, i64:b, i64:c
  add a, a, b
  add a, a, c
  ret a
endfunc
body: func i64, i64:n
  local i64:i, i64:acc, i64:t, i64:u, i64:m, i64:s, i64:fp, d:x, d:y, f:fx, ld:l, ld:l2, i64:buf, i64:jb
  mov acc, 0
  mov i, 0
  alloca buf, 64
  alloca jb, 200
  mov fp, leaf
L: bge done, i, n
  add t, i, 3
  sub t, t, i
  mul t, t, 5
  div u, t, 3
  mod u, t, 4
  udiv u, u, 1
  divs u, t, 2
  and t, t, 255
  or t, t, 1
  xor t, t, i
  lsh u, t, 3
  rsh u, u, 1
  ursh u, u, 1
  adds u, u, t
  ext8 u, u
  uext32 u, u
  neg u, u
  eq m, u, t
  lt m, i, 3
  ugt m, 7, i
  addo u, t, i
  bo ovf
  mulo u, t, 3
  bno L2
ovf: add acc, acc, 1000
L2: i2d x, t
  dmul y, x, 0.5
  dadd x, x, y
  d2f fx, x
  fadd fx, fx, 1.0f
  f2d y, fx
  d2i u, y
  add acc, acc, u
  i2ld l, t
  ldmul l2, l, 2.0L
  ldadd l, l, l2
  ld2i u, l
  add acc, acc, u
  dblt skip, x, 0.0
  ldbgt n1, l, 0.0L
n1: fbeq n2, fx, 0.0f
n2: blt n3, t, 1000000
n3: bgt n4, t, u
n4: bne n5, t, 0
n5: bt n6, t
n6: bf n7, t
n7: mov i64:(buf), t
  mov u32:8(buf, m, 4), t
  mov m, 1
  mov u, i64:(buf, m, 8)
  mov u, i8:(buf)
  mov u16:2(buf), t
  mov u, u16:2(buf)
  add acc, acc, u
  call add3p, add3, u, t, 1, 2
  add acc, acc, u
  call leafp, fp, u, y, i, l
  add acc, acc, u
  call vp, v, u, 1, i, 2.0
  add acc, acc, u
  call add3p, t_add3, u, 1, 2, 3
  add acc, acc, u
  and m, i, 1
  switch m, s0, s1
s0: add acc, acc, 1
  jmp s2
s1: add acc, acc, 2
s2: laddr s, j1
  jmpi s
j1: bstart s
  alloca u, 32
  mov i64:(u), i
  bend s
  addr u, t
  mov t, i64:(u)
  call sjp, setjmp, u, jb
  bne jumped, u, 0
  call ljp, longjmp, jb, 3
jumped: add acc, acc, u
skip: add i, i, 1
  jmp L
done: ret acc
endfunc
endmodule
";

#[test]
#[cfg(not(debug_assertions))]
fn tail_dispatch_keeps_the_machine_stack_flat() {
    // Read and lower on this thread; only run on the small stack.
    let p = program_with(
        EVERY_OP,
        ProgramOptions {
            dispatch: Dispatch::Tail,
            ..ProgramOptions::default()
        },
    );
    assert!(p.uses_tail_dispatch());
    p.prepare_all().unwrap();
    let f = p.find_func("body").unwrap();
    let mut interp = Interp::default();
    let mut r = [Val::ZERO];
    interp.call(&p, f, &[Val::from_i64(1)], &mut r).unwrap();
    let tail = std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(64 << 10)
            .spawn_scoped(s, || {
                let mut r = [Val::ZERO];
                interp
                    .call(&p, f, &[Val::from_i64(1_000_000)], &mut r)
                    .unwrap();
                r[0].i64()
            })
            .unwrap()
            .join()
            .expect("tail dispatch overflowed a 64 KiB stack")
    });
    let p = program_with(
        EVERY_OP,
        ProgramOptions {
            dispatch: Dispatch::Loop,
            ..ProgramOptions::default()
        },
    );
    let f = p.find_func("body").unwrap();
    Interp::default()
        .call(&p, f, &[Val::from_i64(1_000_000)], &mut r)
        .unwrap();
    assert_eq!(tail, r[0].i64());
}

#[test]
fn every_op_loop_runs() {
    let r = run(EVERY_OP, "body", &[1000]).unwrap();
    assert!(r[0].i64() > 0);
}

// ---------------------------------------------------------------------------
// Lowering speed (reported, not asserted): `cargo test --release -p
// mirage-interp -- --ignored --nocapture lowering_speed`.

#[test]
#[ignore]
fn lowering_speed() {
    let mut text = String::from("m: module\np1: proto i64, i64:n\n");
    let nfuncs = 2000;
    for k in 0..nfuncs {
        text += &format!(
            "f{k}: func i64, i64:n\n  local i64:i, i64:acc, i64:t, d:x, i64:p\n  mov acc, 0\n  mov i, 0\n  alloca p, 64\n"
        );
        for j in 0..25 {
            text += &format!(
                "L{k}_{j}: bge E{k}_{j}, i, n\n  add t, i, {j}\n  mul t, t, 3\n  mov i64:8(p, i, 8), t\n  i2d x, t\n  dadd x, x, 1.5\n  d2i t, x\n  add acc, acc, i64:8(p)\n  call p1, f0, t, t\n  add i, i, 1\n  jmp L{k}_{j}\nE{k}_{j}:\n"
            );
        }
        text += "  ret acc\nendfunc\n";
    }
    text += "endmodule\n";
    let modules = read(&text);
    let ninsns: usize = modules[0]
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Func(f) => Some(f.num_insns()),
            _ => None,
        })
        .sum();
    let env = Arc::new(TestEnv::new(&modules));
    let p = Program::new(modules, env, ProgramOptions::default());
    let t = std::time::Instant::now();
    p.prepare_all().unwrap();
    let dt = t.elapsed();
    let icode: usize = (0..p.num_funcs())
        .map(|i| p.icode_len(FuncIdx(i as u32)).unwrap())
        .sum();
    eprintln!(
        "lowered {ninsns} MIR instructions ({icode} ICode) in {:.1} ms: {:.2} M insns/s",
        dt.as_secs_f64() * 1e3,
        ninsns as f64 / dt.as_secs_f64() / 1e6
    );
}

// ---------------------------------------------------------------------------
// Dispatch benchmark (reported, not asserted): `cargo test --release -p
// mirage-interp -- --ignored --nocapture dispatch_speed`. The kernels are
// written the way c2m compiles C (32-bit `…s` arithmetic, many
// temporaries, memory operands with an index).

const BENCH: &str = "m: module
fibp: proto i32, i32:n
fib: func i32, i32:n
  local i64:t1, i64:t2, i64:t3, i64:t4
  bges L_rec, n, 2
  ret n
L_rec: subs t1, n, 1
  call fibp, fib, t2, t1
  subs t3, n, 2
  call fibp, fib, t4, t3
  adds t1, t2, t4
  ret t1
endfunc
sieve: func i64, i32:n
  local i64:flags, i64:i, i64:j, i64:count, i64:sum, i64:t, i64:sz
  adds sz, n, 1
  alloca flags, sz
  mov i, 0
S1: bgts S1e, i, n
  mov u8:(flags, i), 1
  adds i, i, 1
  jmp S1
S1e: mov i, 2
S2: ext32 t, i
  mul t, t, t
  bgt S3e, t, n
  mov t, u8:(flags, i)
  bfs S2n, t
  muls j, i, i
S3: bgts S2n, j, n
  mov u8:(flags, j), 0
  adds j, j, i
  jmp S3
S2n: adds i, i, 1
  jmp S2
S3e: mov count, 0
  mov sum, 0
  mov i, 2
S4: bgts S4e, i, n
  mov t, u8:(flags, i)
  bfs S4n, t
  adds count, count, 1
  ext32 t, i
  add sum, sum, t
S4n: adds i, i, 1
  jmp S4
S4e: add sum, sum, count
  ret sum
endfunc
loop: func i64, i64:n
  local i64:i, i64:s
  mov s, 0
  mov i, 0
P: bge Pe, i, n
  add s, s, i
  xor s, s, 3
  add i, i, 1
  jmp P
Pe: ret s
endfunc
matmul: func d, i64:n
  local i64:a, i64:b, i64:c, i64:i, i64:j, i64:k, i64:t, i64:u, d:s, d:x, d:y, i64:nn
  mul nn, n, n
  mul t, nn, 8
  alloca a, t
  alloca b, t
  alloca c, t
  mov i, 0
M0: bge M0e, i, nn
  i2d x, i
  dmov d:(a, i, 8), x
  dadd x, x, 1.0
  ddiv x, 1.0, x
  dmov d:(b, i, 8), x
  add i, i, 1
  jmp M0
M0e: mov i, 0
M1: bge M1e, i, n
  mov j, 0
M2: bge M2e, j, n
  dmov s, 0.0
  mov k, 0
M3: bge M3e, k, n
  mul t, i, n
  add t, t, k
  dmov x, d:(a, t, 8)
  mul u, k, n
  add u, u, j
  dmul x, x, d:(b, u, 8)
  dadd s, s, x
  add k, k, 1
  jmp M3
M3e: mul t, i, n
  add t, t, j
  dmov d:(c, t, 8), s
  add j, j, 1
  jmp M2
M2e: add i, i, 1
  jmp M1
M1e: dmov s, 0.0
  mov i, 0
M4: bge M4e, i, nn
  dadd s, s, d:(c, i, 8)
  add i, i, 1
  jmp M4
M4e: ret s
endfunc
endmodule
";

#[test]
#[ignore]
fn dispatch_speed() {
    let all: [(&str, i64); 4] = [
        ("fib", 32),
        ("sieve", 20_000_000),
        ("loop", 200_000_000),
        ("matmul", 300),
    ];
    let only = std::env::var("BENCH").ok();
    let cases: Vec<_> = all
        .iter()
        .copied()
        .filter(|c| only.as_deref().is_none_or(|o| o == c.0))
        .collect();
    let modes = match std::env::var("MODE").as_deref() {
        Ok("tail") => vec![Dispatch::Tail],
        Ok("loop") => vec![Dispatch::Loop],
        _ => vec![Dispatch::Tail, Dispatch::Loop],
    };
    for dispatch in modes {
        let p = program_with(
            BENCH,
            ProgramOptions {
                dispatch,
                ..ProgramOptions::default()
            },
        );
        for &(name, n) in &cases {
            let n = std::env::var("N")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(n);
            let f = p.find_func(name).unwrap();
            let mut r = [Val::ZERO];
            let t = std::time::Instant::now();
            Interp::default()
                .call(&p, f, &[Val::from_i64(n)], &mut r)
                .unwrap();
            let dt = t.elapsed().as_secs_f64();
            eprintln!(
                "{dispatch:?} (tail={}) {name}({n}) = {} in {:.3} s",
                p.uses_tail_dispatch(),
                if name == "matmul" {
                    format!("{}", r[0].f64())
                } else {
                    format!("{}", r[0].i64())
                },
                dt
            );
        }
    }
}

/// Runs one of the project's benchmark programs (bench/NAME.mir) through
/// the test environment: `BENCH_FILE=methods BENCH_ARG=1000 cargo test
/// --release -p mirage-interp -- --ignored --nocapture bench_file` (for
/// profiling the interpreter alone, e.g. under cachegrind).
#[test]
#[ignore]
fn bench_file() {
    let name = std::env::var("BENCH_FILE").unwrap_or_else(|_| "fib".into());
    let arg = std::env::var("BENCH_ARG").unwrap_or_else(|_| "20".into());
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../bench/{name}.mir"));
    let text = std::fs::read_to_string(&path).expect("bench file");
    let p = program_with(
        &text,
        ProgramOptions {
            dispatch: Dispatch::Tail,
            ..ProgramOptions::default()
        },
    );
    let main = p.find_func("main").unwrap();
    let cstrs: Vec<Vec<u8>> = vec![b"bench\0".to_vec(), format!("{arg}\0").into_bytes()];
    let argv: Vec<u64> = cstrs.iter().map(|c| c.as_ptr() as u64).chain([0]).collect();
    let mut r = [Val::ZERO];
    let t = std::time::Instant::now();
    Interp::default()
        .call(
            &p,
            main,
            &[Val::from_i64(2), Val::from_i64(argv.as_ptr() as i64)],
            &mut r,
        )
        .unwrap();
    eprint!("{}", take_output());
    eprintln!("{name}({arg}) in {:.3} s", t.elapsed().as_secs_f64());
}

// ---------------------------------------------------------------------------
// Narrow integer arguments and results of direct calls (the specialized
// call and return handlers): the prototype converts, the callee
// re-extends (arguments), the callee extends, then the prototype
// (results).

fn ext_named(ty: &str, v: i64) -> i64 {
    match ty {
        "i8" => v as i8 as i64,
        "u8" => v as u8 as i64,
        "i16" => v as i16 as i64,
        "u16" => v as u16 as i64,
        "i32" => v as i32 as i64,
        "u32" => v as u32 as i64,
        _ => v,
    }
}

#[test]
fn narrow_call_arguments_and_results() {
    const TYS: [&str; 7] = ["i8", "u8", "i16", "u16", "i32", "u32", "i64"];
    const VALS: [i64; 6] = [-128, 0x80, 0xff80, 0x8000_0080, -1, 0x1234_5678_9abc_def0];
    for pq in TYS {
        for p in TYS {
            for pr in TYS {
                for r in TYS {
                    let src = format!(
                        "m: module
pp: proto {pr}, {pq}:x
g: func {r}, {p}:x
  ret x
endfunc
f: func i64, i64:v
  local i64:r
  call pp, g, r, v
  ret r
endfunc
endmodule
"
                    );
                    let progs = Progs::new(&src);
                    for v in VALS {
                        let want = ext_named(pr, ext_named(r, ext_named(p, ext_named(pq, v))));
                        let got = progs.call_i("f", &[v]).expect("no trap")[0].i64();
                        assert_eq!(got, want, "proto {pr}({pq}), callee {r}({p}), arg {v:#x}");
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Inlined calls (small leaf callees are inlined at lowering).

#[test]
fn trap_in_inlined_callee_names_the_callee() {
    let src = "m: module
p_d: proto i64, i64:a, i64:b
d: func i64, i64:a, i64:b
  local i64:r
  div r, a, b
  ret r
endfunc
f: func i64, i64:x, i64:y
  local i64:r
  call p_d, d, r, x, y
  add r, r, 1
  ret r
endfunc
endmodule
";
    assert_eq!(run_i(src, "f", &[7, 2]), 4);
    let e = run(src, "f", &[1, 0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "division by zero in function 'd' at instruction 0 ('div r, a, b', line 5)"
    );
}

#[test]
fn inlined_callees_keep_call_semantics() {
    // Narrow parameters and results are extended as by a call; a block
    // passed by value is a copy even when the callee writes the memory it
    // came from; several results; branches and labels in the callee; the
    // caller's loop around the inlined body.
    let src = "m: module
p_n: proto i32, i8:a, u16:b
p_w: proto i64, i64, blk:16(s), p:d
p_m: proto i64, i64:x
n: func i32, i8:a, u16:b
  local i64:r
  add r, a, b
  ret r
endfunc
w: func i64, i64, blk:16(s), p:d
  local i64:r, i64:q
  mov i64:0(d), 100
  mov r, i64:0(s)
  mov q, i64:8(s)
  ret r, q
endfunc
m: func i64, i64:x
  bgt L1, x, 10
  ret 1
L1: blt L2, x, 20
  ret 2
L2: ret 3
endfunc
f: func i64, i64:x
  local i64:r, i64:p, i64:a, i64:b, i64:i, i64:s, i64:k
  call p_n, n, r, 0x1ff, 0x10001
  alloca p, 16
  mov i64:0(p), 5
  mov i64:8(p), 6
  call p_w, w, a, b, blk:16(p), p
  add r, r, a
  mul b, b, 1000
  add r, r, b
  mul r, r, 1000
  add r, r, i64:0(p)
  mov s, 0
  mov i, 0
L: call p_m, m, k, i
  add s, s, k
  add i, i, 1
  blt L, i, 30
  mul r, r, 1000
  add r, r, s
  ret r
endfunc
endmodule
";
    // n: -1 + 1 = 0 (i8 0x1ff = -1, u16 0x10001 = 1); w: 5 and 6; the
    // store through d after the copy; m over 0..30: 11*1 + 9*3 + 10*2.
    assert_eq!(run_i(src, "f", &[0]), ((5 + 6000) * 1000 + 100) * 1000 + 58);
}

#[test]
fn fused_mul_add_forms() {
    // `mul t, a, b; add t, t, c` pairs in every operand form and width,
    // including 32-bit wrap-around and a label that blocks fusion.
    let src = "m: module
f: func i64, i64:a, i64:b, i64:c
  local i64:t, i64:r
  muls t, a, b
  adds t, t, c
  mov r, t
  mul t, a, 100000
  add t, c, t
  add r, r, t
  mul t, a, b
  add t, t, -7
  xor r, r, t
  muls t, a, 3
  adds t, t, 5
  xor r, r, t
  muls t, a, b
  add t, t, c
  xor r, r, t
  mul t, a, b
L: adds t, t, c
  xor r, r, t
  ret r
endfunc
endmodule
";
    let f = |a: i64, b: i64, c: i64| -> i64 {
        let s32 = |v: i64| v as i32 as i64;
        let mut r = s32(s32(a.wrapping_mul(b)).wrapping_add(c));
        r = r.wrapping_add(a.wrapping_mul(100000).wrapping_add(c));
        r ^= a.wrapping_mul(b).wrapping_add(-7);
        r ^= s32(s32(a.wrapping_mul(3)).wrapping_add(5));
        r ^= s32(a.wrapping_mul(b)).wrapping_add(c);
        r ^= s32(a.wrapping_mul(b).wrapping_add(c));
        r
    };
    for (a, b, c) in [
        (3, 4, 5),
        (0x7fff_ffff, 3, 9),
        (-5, 0x1_0000_0007, i64::MAX),
        (1 << 40, 1 << 30, -1),
    ] {
        assert_eq!(run_i(src, "f", &[a, b, c]), f(a, b, c), "{a} {b} {c}");
    }
}

#[test]
fn fused_table_jump_traps_at_the_jmpi() {
    // `mov a, i64:(t, i, 8); jmpi a` runs as one instruction; a bad entry
    // still traps naming the jmpi, and misaligned or out-of-range
    // addresses near the code are refused.
    let src = module(
        "f: func i64, i64:i, i64:bad
  local i64:t, i64:a, i64:r
  alloca t, 16
  laddr a, l0
  mov i64:0(t), a
  add a, a, bad
  mov i64:8(t), a
  mov r, 0
  mov a, i64:(t, i, 8)
  jmpi a
l0: add r, r, 1
  ret r
endfunc",
    );
    let p = Progs::new(&src);
    assert_eq!(p.call_i("f", &[0, 0]).unwrap()[0].i64(), 1);
    assert_eq!(p.call_i("f", &[1, 0]).unwrap()[0].i64(), 1);
    // (Each dispatch mode separately: the addresses differ.)
    for prog in &p.0 {
        let f = prog.find_func("f").unwrap();
        for bad in [1, 8, 12, 24, -24, 1 << 20] {
            let mut res = [Val::ZERO];
            let args = [Val::from_i64(1), Val::from_i64(bad)];
            let e = Interp::default()
                .call(prog, f, &args, &mut res)
                .unwrap_err();
            assert!(matches!(e, Trap::BadJump { .. }), "{e}");
            assert!(e.to_string().contains("'jmpi a'"), "{e}");
        }
    }
}

#[test]
fn inlined_arguments_shared_with_results_or_memory() {
    // Parameters may read the argument slots directly; results that are
    // also arguments (a swap), an assigned parameter, and a store through
    // a pointer to an argument variable must still behave as a call.
    let src = "m: module
p_sw: proto i64, i64, i64:x, i64:y
p_inc: proto i64, i64:x
p_st: proto i64, p:q, i64:v
sw: func i64, i64, i64:x, i64:y
  ret y, x
endfunc
inc: func i64, i64:x
  add x, x, 1
  ret x
endfunc
st: func i64, p:q, i64:v
  mov i64:0(q), 7
  ret v
endfunc
f: func i64, i64:a, i64:b
  local i64:r, i64:c, i64:q
  call p_sw, sw, a, b, a, b
  call p_inc, inc, c, a
  add r, a, c
  mul r, r, 100
  add r, r, b
  addr q, b
  call p_st, st, c, q, b
  mul r, r, 100
  add r, r, c
  mul r, r, 100
  add r, r, b
  ret r
endfunc
endmodule
";
    // After the swap a = 2, b = 1; inc(2) = 3; r = 5*100 + 1 = 501;
    // st returns the old b (1), then b = 7.
    assert_eq!(run_i(src, "f", &[1, 2]), (501 * 100 + 1) * 100 + 7);
}

#[test]
fn division_by_powers_of_two() {
    // Immediate powers of two become shifts and masks; results must match
    // the general division (rounding toward zero, 32-bit forms on the low
    // halves with garbage above).
    let src = "m: module
f: func i64, i64:x, i64:sel
  local i64:r
  beq L1, sel, 1
  beq L2, sel, 2
  beq L3, sel, 3
  beq L4, sel, 4
  beq L5, sel, 5
  div r, x, 8
  ret r
L1: divs r, x, 0x100000004
  ret r
L2: udiv r, x, 1024
  ret r
L3: udivs r, x, 2
  ret r
L4: umod r, x, 4096
  ret r
L5: umods r, x, 16
  ret r
endfunc
endmodule
";
    let p = Progs::new(src);
    for x in [
        0i64,
        1,
        -1,
        7,
        -7,
        8,
        -8,
        9,
        -9,
        i64::MIN,
        i64::MAX,
        0x1234_5678_9abc_def1,
        -0x8000_0001,
    ] {
        let want = [
            x / 8,
            (x as i32 / 4) as i64,
            (x as u64 / 1024) as i64,
            (x as u32 / 2) as i64,
            (x as u64 % 4096) as i64,
            (x as u32 % 16) as i64,
        ];
        for (sel, w) in want.iter().enumerate() {
            let got = p.call_i("f", &[x, sel as i64]).unwrap()[0].i64();
            assert_eq!(got, *w, "x={x} sel={sel}");
        }
    }
}

#[test]
fn inlined_narrow_parameters() {
    // An i32 parameter read only by 32-bit operations may use the caller's
    // slot unextended; one read by a 64-bit operation is extended.
    let src = "m: module
p_g: proto i64, i32:x, i32:y
g: func i64, i32:x, i32:y
  local i64:r, i64:s
  adds r, x, 1
  add s, y, 1
  mul r, r, 1000
  add r, r, s
  ret r
endfunc
f: func i64, i64:a
  local i64:r
  call p_g, g, r, a, a
  ret r
endfunc
endmodule
";
    assert_eq!(run_i(src, "f", &[0x1_0000_0005]), 6 * 1000 + 6);
    assert_eq!(run_i(src, "f", &[0xffff_ffff]), 0);
}

#[test]
fn inlined_results_in_place() {
    // Locals returned by every `ret` may live in the result slots; the
    // same slot for two results, one local in two positions, and rets of
    // different locals must still behave as a call.
    let src = "m: module
p_two: proto i64, i64, i64:a
p_pick: proto i64, i64:a
two: func i64, i64, i64:a
  local i64:x, i64:y
  add x, a, 1
  add y, a, 2
  ret x, y
endfunc
dup: func i64, i64, i64:a
  local i64:x
  add x, a, 5
  ret x, x
endfunc
pick: func i64, i64:a
  local i64:x, i64:y
  mov x, 10
  mov y, 20
  bgt L, a, 0
  ret x
L: ret y
endfunc
f: func i64, i64:a
  local i64:r, i64:s, i64:t
  call p_two, two, r, r, a
  call p_two, dup, s, t, a
  mul r, r, 1000
  add r, r, s
  mul r, r, 1000
  add r, r, t
  call p_pick, pick, s, a
  mul r, r, 100
  add r, r, s
  ret r
endfunc
endmodule
";
    // r = a+2 (second result wins), s = t = a+5, pick 20 for a > 0.
    assert_eq!(
        run_i(src, "f", &[3]),
        ((5 * 1000 + 8) * 1000 + 8) * 100 + 20
    );
    assert_eq!(run_i(src, "f", &[-3]), ((-1000 + 2) * 1000 + 2) * 100 + 10);
}

#[test]
fn fused_and_branch_forms() {
    // `and t, x, imm` then a zero test of t (bt/bf, beq/bne with 0, 32-
    // and 64-bit), fused; t keeps its value.
    let src = "m: module
f: func i64, i64:x
  local i64:t, i64:r
  mov r, 0
  ands t, x, 6
  bnes L1, t, 0
  add r, r, 1
L1: and t, x, 0x100000000
  beq L2, t, 0
  add r, r, 10
L2: ands t, x, -1
  bt L3, t
  add r, r, 100
L3: and t, x, 3
  bfs L4, t
  add r, r, 1000
L4: ands t, x, 0x80000000
  beqs L5, t, 0x100000000
  add r, r, 10000
L5: mul r, r, 1000
  add r, r, t
  ret r
endfunc
endmodule
";
    let f = |x: i64| -> i64 {
        let mut r = 0;
        if (x as u32 & 6) == 0 {
            r += 1;
        }
        if x & 0x1_0000_0000 != 0 {
            r += 10;
        }
        if x as u32 == 0 {
            r += 100;
        }
        if x & 3 != 0 {
            r += 1000;
        }
        let t = (x as u32 & 0x8000_0000) as i32 as i64;
        if t as u32 != 0 {
            r += 10000;
        }
        r * 1000 + t
    };
    for x in [
        0i64,
        1,
        2,
        4,
        0x1_0000_0000,
        0x1_0000_0002,
        -1,
        0x8000_0000,
        3,
    ] {
        assert_eq!(run_i(src, "f", &[x]), f(x), "x={x:#x}");
    }
}

#[test]
fn fused_add_add_forms() {
    // `add t, a, b; add t, t, c` pairs (the destination chained), 32- and
    // 64-bit, immediate and register forms.
    let src = "m: module
f: func i64, i64:a, i64:b, i64:c
  local i64:t, i64:r
  adds t, a, b
  adds t, t, 1
  mov r, t
  add t, a, 5
  add t, c, t
  xor r, r, t
  adds t, a, b
  add t, t, c
  xor r, r, t
  add t, a, b
  adds t, t, c
  xor r, r, t
  ret r
endfunc
endmodule
";
    let f = |a: i64, b: i64, c: i64| -> i64 {
        let s32 = |v: i64| v as i32 as i64;
        let mut r = s32(s32(a.wrapping_add(b)).wrapping_add(1));
        r ^= a.wrapping_add(5).wrapping_add(c);
        r ^= s32(a.wrapping_add(b)).wrapping_add(c);
        r ^= s32(a.wrapping_add(b).wrapping_add(c));
        r
    };
    for (a, b, c) in [
        (1, 2, 3),
        (0x7fff_ffff, 1, -5),
        (i64::MAX, 1, i64::MIN),
        (-1 << 40, 7, 9),
    ] {
        assert_eq!(run_i(src, "f", &[a, b, c]), f(a, b, c), "{a} {b} {c}");
    }
}

#[test]
fn fused_dmul_dadd_pair() {
    // `dmul x, a, d:(b, i, 8); dadd d:(c, j, 8), d:(c, j, 8), x` runs as
    // one dispatch; a jump straight to the dadd still runs it alone.
    let src = "m: module
f: func i64, i64:skip
  local i64:b, i64:c, i64:i, d:x, d:a, i64:r
  alloca b, 32
  alloca c, 32
  dmov d:0(b), 1.5
  dmov d:8(b), 2.5
  dmov d:0(c), 10.0
  dmov d:8(c), 20.0
  dmov a, 2.0
  dmov x, 100.0
  mov i, 1
  bt L, skip
  dmul x, a, d:(b, i, 8)
L: dadd d:(c, i, 8), d:(c, i, 8), x
  dmul x, a, d:(b, i, 8)
  dadd d:(c, i, 8), d:(c, i, 8), x
  d2i r, d:8(c)
  ret r
endfunc
endmodule
";
    assert_eq!(run_i(src, "f", &[0]), 20 + 5 + 5);
    assert_eq!(run_i(src, "f", &[1]), 20 + 100 + 5);
}

#[test]
fn paired_immediate_adds() {
    // Consecutive add/sub-immediate instructions run in pairs; jumping to
    // the second of a pair runs it alone.
    let src = "m: module
f: func i64, i64:skip
  local i64:a, i64:b, i64:c
  mov a, 100
  mov b, 200
  mov c, 300
  bt L, skip
  add a, a, 1
L: sub b, b, 2
  adds c, c, 3
  subs a, a, 4
  add b, b, 5
  mul a, a, 1000000
  mul b, b, 1000
  add a, a, b
  add a, a, c
  ret a
endfunc
endmodule
";
    assert_eq!(run_i(src, "f", &[0]), 97 * 1_000_000 + 203 * 1000 + 303);
    assert_eq!(run_i(src, "f", &[1]), 96 * 1_000_000 + 203 * 1000 + 303);
}
