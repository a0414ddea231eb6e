//! Generated code against the interpreter.
//!
//! Each test is MIR text whose functions are compiled at -O0, -O1 and -O2,
//! placed in a test code region (function-table slots at its start, then
//! thunks and code; written read-write, then made read-execute), run
//! natively, and compared with `mirage_interp` on the same inputs.
//!
//! The harness owns two small pieces of native glue, written with the
//! `mirage-target` encoder so they do not depend on the code generator
//! under test: a per-signature **ff-call stub** (`stub(fn, slots)` loads
//! arguments from 16-byte value slots per SysV, calls, stores the results)
//! used to enter generated code and, for the interpreter, to call C
//! functions; and **thunks** (`jmp [rip+slot]`), the functions' addresses.
//! Imports resolve to other modules' exports or to `dlsym` symbols.
//!
//! The differential test at the end generates random valid MIR functions;
//! `MIRAGE_DIFF_CASES` sets how many (default 300).

use mirage_codegen::{compile_func, CallTarget, CodegenEnv, CodegenOptions, Helper};
use mirage_interp::valist::VaList;
use mirage_interp::{
    Callee, FuncIdx, Interp, LinkEnv, LinkError, ModuleIdx, Program, ProgramOptions, Trap,
};
use mirage_ir::abi::{ArgKind, CallSig, RetKind, Val};
use mirage_ir::{Class, ItemId, ItemKind, Module, ReadOptions, Type};
use mirage_target::x64::sysv::{classify_args, ArgLoc};
use mirage_target::x64::{AluOp, Amode, Asm, FpSize, Gpr, Inst, Size, Xmm};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

// ---------------------------------------------------------------------------
// Executable memory.

/// An mmap'd region: written read-write, then published read-execute.
struct Region {
    base: *mut u8,
    size: usize,
}

// SAFETY: the region is plain memory owned by this value; tests share it
// read-only after publication.
unsafe impl Send for Region {}
unsafe impl Sync for Region {}

impl Region {
    fn new(size: usize) -> Region {
        // SAFETY: an anonymous private mapping; checked for failure.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        assert!(p != libc::MAP_FAILED, "mmap failed");
        Region {
            base: p as *mut u8,
            size,
        }
    }
    fn addr(&self, off: usize) -> u64 {
        self.base as u64 + off as u64
    }
    fn write(&self, off: usize, bytes: &[u8]) {
        assert!(off + bytes.len() <= self.size);
        // SAFETY: inside the mapping, which is still writable (callers
        // write before `publish`).
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.base.add(off), bytes.len()) };
    }
    /// Makes `[from, to)` read-execute (W^X: never writable again).
    fn publish(&self, from: usize, to: usize) {
        let page = 4096;
        let (a, b) = (from / page * page, to.div_ceil(page) * page);
        // SAFETY: page-aligned range inside the mapping.
        let r = unsafe {
            libc::mprotect(
                self.base.add(a) as *mut _,
                b - a,
                libc::PROT_READ | libc::PROT_EXEC,
            )
        };
        assert_eq!(r, 0, "mprotect failed");
    }
}

impl Drop for Region {
    fn drop(&mut self) {
        // SAFETY: unmapping our own mapping; no code in it runs any more.
        unsafe { libc::munmap(self.base as *mut _, self.size) };
    }
}

// ---------------------------------------------------------------------------
// The ff-call stub: `extern "C" fn(fn_addr, slots)`.

fn ret_kinds(sig: &CallSig) -> Vec<RetKind> {
    sig.results.clone()
}

fn emit_stub(sig: &CallSig) -> Vec<u8> {
    let mut a = Asm::new();
    let nres = sig.results.len() as i32;
    let slot = |k: i32| Amode::bd(Gpr::Rbx, 16 * k);
    let layout = classify_args(&sig.args);
    a.emit(&Inst::Push { src: Gpr::Rbp });
    a.emit(&Inst::MovRR {
        size: Size::S64,
        dst: Gpr::Rbp,
        src: Gpr::Rsp,
    });
    a.emit(&Inst::Push { src: Gpr::Rbx });
    a.emit(&Inst::Push { src: Gpr::R12 });
    a.emit(&Inst::MovRR {
        size: Size::S64,
        dst: Gpr::R11,
        src: Gpr::Rdi,
    });
    a.emit(&Inst::MovRR {
        size: Size::S64,
        dst: Gpr::Rbx,
        src: Gpr::Rsi,
    });
    if layout.stack_bytes > 0 {
        a.emit(&Inst::AluRI {
            op: AluOp::Sub,
            size: Size::S64,
            dst: Gpr::Rsp,
            imm: layout.stack_bytes as i32,
        });
    }
    for (k, loc) in layout.locs.iter().enumerate() {
        let s = slot(nres + k as i32);
        match (*loc, sig.args[k]) {
            (ArgLoc::Int(g), _) => a.emit(&Inst::MovRM {
                size: Size::S64,
                dst: g,
                src: s,
            }),
            (ArgLoc::Sse(x), ArgKind::F) => a.emit(&Inst::MovsLoad {
                size: FpSize::F32,
                dst: x,
                src: s,
            }),
            (ArgLoc::Sse(x), _) => a.emit(&Inst::MovsLoad {
                size: FpSize::F64,
                dst: x,
                src: s,
            }),
            (ArgLoc::Stack(off), k) => {
                let n = if k == ArgKind::LD { 2 } else { 1 };
                for w in 0..n {
                    a.emit(&Inst::MovRM {
                        size: Size::S64,
                        dst: Gpr::Rax,
                        src: s.offset(8 * w),
                    });
                    a.emit(&Inst::MovMR {
                        size: Size::S64,
                        dst: Amode::bd(Gpr::Rsp, off as i32 + 8 * w),
                        src: Gpr::Rax,
                    });
                }
            }
            _ => panic!("test stub: block arguments are not supported"),
        }
    }
    a.emit(&Inst::MovRI32 {
        dst: Gpr::Rax,
        imm: layout.sse_used,
    });
    a.emit(&Inst::CallR { src: Gpr::R11 });
    let (mut ni, mut nx) = (0, 0);
    for (k, r) in ret_kinds(sig).iter().enumerate() {
        let s = slot(k as i32);
        match r {
            RetKind::Int(_) => {
                let g = [Gpr::Rax, Gpr::Rdx][ni];
                ni += 1;
                a.emit(&Inst::MovMR {
                    size: Size::S64,
                    dst: s,
                    src: g,
                });
            }
            RetKind::F | RetKind::D => {
                let x = [Xmm::XMM0, Xmm::XMM1][nx];
                nx += 1;
                let size = if *r == RetKind::F {
                    FpSize::F32
                } else {
                    FpSize::F64
                };
                a.emit(&Inst::MovsStore {
                    size,
                    dst: s,
                    src: x,
                });
            }
            RetKind::LD => a.emit(&Inst::Fstp {
                size: FpSize::F80,
                dst: s,
            }),
        }
    }
    a.emit(&Inst::Lea {
        dst: Gpr::Rsp,
        src: Amode::bd(Gpr::Rbp, -16),
    });
    a.emit(&Inst::Pop { dst: Gpr::R12 });
    a.emit(&Inst::Pop { dst: Gpr::Rbx });
    a.emit(&Inst::Pop { dst: Gpr::Rbp });
    a.emit(&Inst::Ret);
    a.finish().unwrap().bytes
}

type StubFn = unsafe extern "C" fn(u64, *mut Val);
type StubMap = HashMap<CallSig, (usize, Arc<Region>)>;

/// Stubs by signature, each in its own published page.
fn stub_for(sig: &CallSig) -> StubFn {
    static STUBS: OnceLock<Mutex<StubMap>> = OnceLock::new();
    let mut map = STUBS.get_or_init(Default::default).lock().unwrap();
    let (addr, _) = map.entry(sig.clone()).or_insert_with(|| {
        let code = emit_stub(sig);
        let r = Region::new(4096);
        r.write(0, &code);
        r.publish(0, code.len());
        (r.addr(0) as usize, Arc::new(r))
    });
    // SAFETY: the stub is published code with this signature.
    unsafe { std::mem::transmute::<usize, StubFn>(*addr) }
}

/// Calls native `addr` with `sig`; `slots` = results then arguments.
fn ff_call(addr: u64, sig: &CallSig, slots: &mut [Val]) {
    let f = stub_for(sig);
    // SAFETY: `addr` is a function with signature `sig` (the caller's
    // promise); slots hold every argument and room for the results.
    unsafe { f(addr, slots.as_mut_ptr()) }
}

fn sig_of(f: &mirage_ir::Func) -> CallSig {
    CallSig {
        results: f
            .sig
            .results
            .iter()
            .map(|&t| RetKind::from_type(t).unwrap())
            .collect(),
        args: f
            .sig
            .params
            .iter()
            .map(|p| ArgKind::from_type(p.ty, p.size))
            .collect(),
        nfixed: f.sig.params.len(),
        variadic: false,
    }
}

// ---------------------------------------------------------------------------
// Symbols, data and helpers shared by both environments.

fn dlsym(name: &str) -> Option<u64> {
    let c = std::ffi::CString::new(name).ok()?;
    // SAFETY: dlsym with RTLD_DEFAULT and a valid C string.
    let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c.as_ptr()) };
    (!p.is_null()).then_some(p as u64)
}

/// `va_block_arg` for generated code.
unsafe extern "C" fn va_block_arg_helper(dest: *mut u8, va: *mut VaList, size: u64, case: u64) {
    // SAFETY: generated code passes a live va_list and a destination of
    // `size` bytes.
    unsafe { (*va).block_arg(dest, size, case) }
}

extern "C" fn t_mix(
    a: i32,
    b: f64,
    c: i64,
    d: f32,
    e: u8,
    f: f64,
    g: i64,
    h: i64,
    i: i64,
    j: f64,
    k: i16,
    l: f64,
) -> f64 {
    a as f64
        + 2.0 * b
        + 3.0 * c as f64
        + 4.0 * d as f64
        + 5.0 * e as f64
        + 6.0 * f
        + 7.0 * g as f64
        + 8.0 * h as f64
        + 9.0 * i as f64
        + 10.0 * j
        + 11.0 * k as f64
        + 12.0 * l
}
fn test_symbol(name: &str) -> Option<u64> {
    match name {
        "t_mix" => Some(t_mix as *const () as u64),
        _ => dlsym(name),
    }
}

/// Data storage of one environment.
struct Data {
    addrs: HashMap<(usize, usize), u64>,
    _mem: Vec<Box<[u64]>>,
}

fn alloc(mem: &mut Vec<Box<[u64]>>, size: usize, init: Option<&[u8]>) -> u64 {
    let mut b = vec![0u64; size.div_ceil(8).max(1) + 1].into_boxed_slice();
    let p = b.as_mut_ptr() as *mut u8;
    if let Some(bytes) = init {
        // SAFETY: the allocation holds at least `bytes.len()` bytes.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
    }
    mem.push(b);
    p as u64
}

/// Functions in module order, then item order (the interpreter's
/// numbering).
fn func_list(modules: &[Module]) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    for (mi, m) in modules.iter().enumerate() {
        for (ii, it) in m.items.iter().enumerate() {
            if matches!(it.kind, ItemKind::Func(_)) {
                v.push((mi, ii));
            }
        }
    }
    v
}

fn exported(modules: &[Module], name: &str) -> Option<(usize, usize)> {
    for (mi, m) in modules.iter().enumerate() {
        if m.exports().any(|e| e == name) {
            if let Some(id) = m.lookup(name) {
                let id = m.resolve(id);
                if m.items[id.index()].kind.is_definition() {
                    return Some((mi, id.index()));
                }
            }
        }
    }
    None
}

/// Where an item of module `mi` really is: a (module, item) definition
/// or an external symbol.
enum Target {
    Def(usize, usize),
    Sym(u64),
}

fn resolve(modules: &[Module], mi: usize, item: ItemId) -> Option<Target> {
    let m = &modules[mi];
    let id = m.resolve(item);
    let it = &m.items[id.index()];
    match &it.kind {
        ItemKind::Import => {
            let name = it.name.as_deref()?;
            match exported(modules, name) {
                Some((m2, i2)) => Some(Target::Def(m2, i2)),
                None => test_symbol(name).map(Target::Sym),
            }
        }
        k if k.is_definition() => Some(Target::Def(mi, id.index())),
        _ => None,
    }
}

fn layout_data(modules: &[Module], func_addr: &dyn Fn(usize, usize) -> u64) -> Data {
    let mut addrs = HashMap::new();
    let mut mem = Vec::new();
    let mut refs = Vec::new();
    for (mi, m) in modules.iter().enumerate() {
        for (ii, it) in m.items.iter().enumerate() {
            let a = match &it.kind {
                ItemKind::Data { bytes, .. } | ItemKind::Str(bytes) => {
                    alloc(&mut mem, bytes.len(), Some(bytes))
                }
                ItemKind::Bss { size } => alloc(&mut mem, *size as usize, None),
                ItemKind::Ref { target, disp } => {
                    let a = alloc(&mut mem, 8, None);
                    refs.push((a, mi, *target, *disp));
                    a
                }
                ItemKind::Lref { .. } | ItemKind::Expr { .. } => alloc(&mut mem, 16, None),
                _ => continue,
            };
            addrs.insert((mi, ii), a);
        }
    }
    let data = Data { addrs, _mem: mem };
    for (a, mi, target, disp) in refs {
        let v = match resolve(modules, mi, target) {
            Some(Target::Def(m2, i2)) => match modules[m2].items[i2].kind {
                ItemKind::Func(_) => func_addr(m2, i2),
                _ => data.addrs.get(&(m2, i2)).copied().unwrap_or(0),
            },
            Some(Target::Sym(s)) => s,
            None => 0,
        };
        // SAFETY: `a` is an 8-byte data allocation made above.
        unsafe { (a as *mut u64).write(v.wrapping_add(disp as u64)) };
    }
    data
}

// ---------------------------------------------------------------------------
// The native side.

const CODE_SIZE: usize = 4 << 20;
const SLOTS: usize = 4096;

struct NativeEnv<'a> {
    modules: &'a [Module],
    funcs: HashMap<(usize, usize), usize>,
    region: &'a Region,
    data: &'a Data,
    /// Writable memory of string literal operands (`None`: leave them to
    /// the constant pool).
    strings: Option<std::cell::RefCell<Vec<Box<[u64]>>>>,
}

impl NativeEnv<'_> {
    fn slot(&self, f: usize) -> u64 {
        self.region.addr(8 * f)
    }
    fn thunk(&self, f: usize) -> u64 {
        self.region.addr(SLOTS + 8 * f)
    }
}

impl CodegenEnv for NativeEnv<'_> {
    fn item_address(&self, module: usize, item: ItemId) -> Result<u64, String> {
        match resolve(self.modules, module, item) {
            Some(Target::Def(m, i)) => match self.funcs.get(&(m, i)) {
                Some(&f) => Ok(self.thunk(f)),
                None => self
                    .data
                    .addrs
                    .get(&(m, i))
                    .copied()
                    .ok_or_else(|| format!("no address for {item:?}")),
            },
            Some(Target::Sym(a)) => Ok(a),
            None => Err(format!("unresolved {item:?}")),
        }
    }
    fn call_target(&self, module: usize, item: ItemId) -> Result<CallTarget, String> {
        match resolve(self.modules, module, item) {
            Some(Target::Def(m, i)) => match self.funcs.get(&(m, i)) {
                Some(&f) => Ok(CallTarget::Slot(self.slot(f))),
                None => Ok(CallTarget::Far(self.item_address(module, item)?)),
            },
            Some(Target::Sym(a)) => Ok(CallTarget::Far(a)),
            None => Err(format!("unresolved callee {item:?}")),
        }
    }
    fn string_address(&self, bytes: &[u8]) -> Result<u64, String> {
        match &self.strings {
            Some(s) => Ok(alloc(&mut s.borrow_mut(), bytes.len(), Some(bytes))),
            None => Err("no string memory".into()),
        }
    }
    fn helper_address(&self, helper: Helper) -> Result<u64, String> {
        match helper {
            Helper::VaBlockArg => Ok(va_block_arg_helper as *const () as u64),
        }
    }
}

/// Compiled modules ready to run.
struct Native {
    modules: Vec<Module>,
    region: Region,
    funcs: Vec<(usize, usize)>,
    _data: Data,
    _strings: Vec<Box<[u64]>>,
}

impl Native {
    fn build(modules: &[Module], level: u8) -> Result<Native, String> {
        let region = Region::new(CODE_SIZE);
        let funcs = func_list(modules);
        let index: HashMap<(usize, usize), usize> =
            funcs.iter().enumerate().map(|(k, &f)| (f, k)).collect();
        let thunk = |m: usize, i: usize| region.addr(SLOTS + 8 * index[&(m, i)]);
        let data = layout_data(modules, &thunk);
        let env = NativeEnv {
            modules,
            funcs: index.clone(),
            region: &region,
            data: &data,
            // Odd levels leave strings in the constant pool, even ones use
            // writable memory from the environment.
            strings: level.is_multiple_of(2).then(Default::default),
        };
        let opts = CodegenOptions::level(level);
        let mut compiled = Vec::new();
        for &(m, i) in &funcs {
            let c = compile_func(modules, m, ItemId::new(i), &env, &opts).map_err(|e| {
                format!(
                    "{}: {e}",
                    modules[m].items[i].name.as_deref().unwrap_or("?")
                )
            })?;
            compiled.push(c);
        }
        // Thunks, then code, 16-byte aligned.
        let mut at = SLOTS;
        for k in 0..funcs.len() {
            let mut a = Asm::new();
            a.emit(&Inst::JmpM {
                src: Amode::Abs(env.slot(k)),
            });
            a.emit(&Inst::Ud2);
            let c = a.finish().unwrap();
            let mut b = c.bytes.clone();
            for r in &c.relocs {
                assert!(r.apply(&mut b, region.addr(at)));
            }
            region.write(at, &b);
            at += 8;
        }
        let mut starts = Vec::new();
        for c in &compiled {
            at = at.next_multiple_of(16);
            let mut b = c.code.clone();
            c.relocate(&mut b, region.addr(at))
                .map_err(|e| e.to_string())?;
            region.write(at, &b);
            starts.push(at);
            at += b.len();
        }
        region.publish(SLOTS, at);
        for (k, &s) in starts.iter().enumerate() {
            // Slots are ordinary data at the start of the region.
            // SAFETY: slot k is inside the still-writable first page.
            unsafe { (region.addr(8 * k) as *mut u64).write(region.addr(s)) };
        }
        // lref data: code address of labels.
        for (mi, m) in modules.iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                if let ItemKind::Lref {
                    func,
                    label,
                    label2,
                    disp,
                } = &it.kind
                {
                    let fi = index[&(mi, m.resolve(*func).index())];
                    let lab = |l: mirage_ir::LabelId| {
                        region.addr(starts[fi]) + compiled[fi].labels[l.index()].unwrap() as u64
                    };
                    let mut v = lab(*label);
                    if let Some(l2) = label2 {
                        v = v.wrapping_sub(lab(*l2));
                    }
                    let a = data.addrs[&(mi, ii)];
                    // SAFETY: a 16-byte data allocation of this environment.
                    unsafe { (a as *mut u64).write(v.wrapping_add(*disp as u64)) };
                }
            }
        }
        let strings = env.strings.map(|s| s.into_inner()).unwrap_or_default();
        Ok(Native {
            modules: modules.to_vec(),
            region,
            funcs,
            _data: data,
            _strings: strings,
        })
    }

    fn find(&self, name: &str) -> usize {
        self.funcs
            .iter()
            .position(|&(m, i)| self.modules[m].items[i].name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no function {name}"))
    }

    fn thunk(&self, name: &str) -> u64 {
        self.region.addr(SLOTS + 8 * self.find(name))
    }

    fn call(&self, name: &str, args: &[Val]) -> Vec<Val> {
        let k = self.find(name);
        let (m, i) = self.funcs[k];
        let ItemKind::Func(f) = &self.modules[m].items[i].kind else {
            unreachable!()
        };
        let sig = sig_of(f);
        let mut slots = vec![Val::ZERO; sig.results.len()];
        slots.extend_from_slice(args);
        ff_call(self.thunk(name), &sig, &mut slots);
        slots.truncate(sig.results.len());
        slots
    }
}

// ---------------------------------------------------------------------------
// The interpreter side.

const FUNC_BASE: u64 = 0x7e00_0000_0000;

struct RefEnv {
    modules: Vec<Module>,
    funcs: HashMap<(usize, usize), usize>,
    data: Data,
}

impl LinkEnv for RefEnv {
    fn item_address(&self, module: ModuleIdx, item: ItemId) -> Result<u64, LinkError> {
        match resolve(&self.modules, module.0 as usize, item) {
            Some(Target::Def(m, i)) => match self.funcs.get(&(m, i)) {
                Some(&f) => Ok(FUNC_BASE + 16 * f as u64),
                None => self
                    .data
                    .addrs
                    .get(&(m, i))
                    .copied()
                    .ok_or_else(|| LinkError(format!("no address for {item:?}"))),
            },
            Some(Target::Sym(a)) => Ok(a),
            None => Err(LinkError(format!("unresolved {item:?}"))),
        }
    }
    fn callee_at(&self, addr: u64) -> Callee {
        if (FUNC_BASE..FUNC_BASE + (1 << 30)).contains(&addr) && addr.is_multiple_of(16) {
            Callee::Interp(FuncIdx(((addr - FUNC_BASE) / 16) as u32))
        } else {
            Callee::Native(addr)
        }
    }
    fn call_native(&self, addr: u64, sig: &CallSig, slots: &mut [Val]) -> Result<(), Trap> {
        ff_call(addr, sig, slots);
        Ok(())
    }
}

fn interp_program(modules: &[Module]) -> Program {
    let funcs: HashMap<(usize, usize), usize> = func_list(modules)
        .into_iter()
        .enumerate()
        .map(|(k, f)| (f, k))
        .collect();
    let fa = |m: usize, i: usize| FUNC_BASE + 16 * funcs[&(m, i)] as u64;
    let data = layout_data(modules, &fa);
    let env = Arc::new(RefEnv {
        modules: modules.to_vec(),
        funcs: funcs.clone(),
        data,
    });
    let prog = Program::new(modules.to_vec(), env.clone(), ProgramOptions::default());
    for (mi, m) in modules.iter().enumerate() {
        for (ii, it) in m.items.iter().enumerate() {
            if let ItemKind::Lref {
                func,
                label,
                label2,
                disp,
            } = &it.kind
            {
                let f = prog
                    .func_index(ModuleIdx(mi as u32), m.resolve(*func))
                    .unwrap();
                let mut v = prog.label_address(f, *label).unwrap();
                if let Some(l2) = label2 {
                    v = v.wrapping_sub(prog.label_address(f, *l2).unwrap());
                }
                let a = env.data.addrs[&(mi, ii)];
                // SAFETY: a 16-byte data allocation of this environment.
                unsafe { (a as *mut u64).write(v.wrapping_add(*disp as u64)) };
            }
        }
    }
    prog
}

fn interp_call(prog: &Program, name: &str, args: &[Val]) -> Vec<Val> {
    let f = prog
        .find_func(name)
        .unwrap_or_else(|| panic!("no function {name}"));
    let n = prog.func_ir(f).unwrap().sig.results.len();
    let mut res = vec![Val::ZERO; n];
    Interp::default()
        .call(prog, f, args, &mut res)
        .unwrap_or_else(|t| panic!("interpreter trap in {name}: {t:?}"));
    res
}

// ---------------------------------------------------------------------------
// Checking.

fn read(src: &str) -> Vec<Module> {
    mirage_ir::read_modules(src.as_bytes(), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("read error: {e}\n{src}"))
}

fn result_types(modules: &[Module], name: &str) -> Vec<Type> {
    for m in modules {
        if let Some(id) = m.lookup(name) {
            if let Some(f) = m.func(id) {
                return f.sig.results.clone();
            }
        }
    }
    panic!("no function {name}")
}

fn same_val(t: Type, a: &Val, b: &Val) -> bool {
    match t.class() {
        Class::Int => a.i64() == b.i64(),
        Class::F => {
            a.f32().to_bits() == b.f32().to_bits() || (a.f32().is_nan() && b.f32().is_nan())
        }
        Class::D => {
            a.f64().to_bits() == b.f64().to_bits() || (a.f64().is_nan() && b.f64().is_nan())
        }
        Class::LD => a.f80_bytes() == b.f80_bytes(),
    }
}

/// Runs `name` on every argument list, interpreted and compiled at each
/// level; all must agree. Returns the interpreter's results.
fn check(src: &str, name: &str, cases: &[Vec<Val>]) -> Vec<Vec<Val>> {
    let modules = read(src);
    let prog = interp_program(&modules);
    let types = result_types(&modules, name);
    let expect: Vec<Vec<Val>> = cases.iter().map(|a| interp_call(&prog, name, a)).collect();
    for level in 0..=2 {
        let native =
            Native::build(&modules, level).unwrap_or_else(|e| panic!("-O{level}: {e}\n{src}"));
        for (args, want) in cases.iter().zip(&expect) {
            let got = native.call(name, args);
            for (k, t) in types.iter().enumerate() {
                assert!(
                    same_val(*t, &want[k], &got[k]),
                    "-O{level} {name}{args:?} result {k}: interpreter {:?}, native {:?}\n{src}",
                    want[k],
                    got[k]
                );
            }
        }
    }
    expect
}

fn ints(v: &[i64]) -> Vec<Val> {
    v.iter().map(|&x| Val::from_i64(x)).collect()
}

const EDGE: [i64; 12] = [
    0,
    1,
    -1,
    2,
    7,
    -8,
    0x7fff_ffff,
    -0x8000_0000,
    0xffff_ffff,
    i64::MAX,
    i64::MIN,
    0x1234_5678_9abc_def0,
];

fn pairs() -> Vec<Vec<Val>> {
    let mut v = Vec::new();
    for &a in &EDGE {
        for &b in &EDGE {
            v.push(ints(&[a, b]));
        }
    }
    v
}

// ---------------------------------------------------------------------------
// Tests.

#[test]
fn smoke_add() {
    let src = "m: module\nf: func i64, i64:a, i64:b\n local i64:t\n add t, a, b\n ret t\nendfunc\nendmodule\n";
    let r = check(src, "f", &[ints(&[2, 3]), ints(&[-1, 1])]);
    assert_eq!(r[0][0].i64(), 5);
}

/// Whether a division case is defined (no zero divisor, no MIN / -1).
fn div_ok(a: i64, b: i64, w32: bool) -> bool {
    if w32 {
        let (a, b) = (a as i32, b as i32);
        b != 0 && !(a == i32::MIN && b == -1)
    } else {
        b != 0 && !(a == i64::MIN && b == -1)
    }
}

const IBIN: [&str; 26] = [
    "add", "adds", "sub", "subs", "mul", "muls", "div", "divs", "udiv", "udivs", "mod", "mods",
    "umod", "umods", "and", "ands", "or", "ors", "xor", "xors", "lsh", "lshs", "rsh", "rshs",
    "ursh", "urshs",
];

/// One function per operand shape of `op`.
fn ibin_module(op: &str) -> String {
    format!(
        "m: module
rr: func i64, i64:a, i64:b
  local i64:r
  {op} r, a, b
  ret r
endfunc
ra: func i64, i64:a, i64:b
  {op} a, a, b
  ret a
endfunc
rb: func i64, i64:a, i64:b
  {op} b, a, b
  ret b
endfunc
ri: func i64, i64:a, i64:b
  local i64:r
  {op} r, a, 5
  ret r
endfunc
rn: func i64, i64:a, i64:b
  local i64:r
  {op} r, a, -3
  ret r
endfunc
ir: func i64, i64:a, i64:b
  local i64:r
  {op} r, 1000000007, b
  ret r
endfunc
rbig: func i64, i64:a, i64:b
  local i64:r
  {op} r, a, 0x123456789
  ret r
endfunc
mem: func i64, i64:a, i64:b
  local i64:p, i64:r, i64:i
  alloca p, 64
  mov i64:8(p), a
  mov i, 2
  mov i64:(p, i, 8), b
  {op} i64:24(p), i64:8(p), i64:(p, i, 8)
  mov r, i64:24(p)
  ret r
endfunc
m32: func i64, i64:a, i64:b
  local i64:p, i64:r
  alloca p, 64
  mov i32:4(p), a
  mov u32:12(p), b
  {op} r, i32:4(p), u32:12(p)
  ret r
endfunc
endmodule
"
    )
}

#[test]
fn integer_binary_ops_at_edge_values() {
    for op in IBIN {
        let w32 = op.ends_with('s');
        let is_div = ["div", "udiv", "mod", "umod"]
            .iter()
            .any(|d| op.trim_end_matches('s') == *d);
        let src = ibin_module(op);
        let modules = read(&src);
        let prog = interp_program(&modules);
        let natives: Vec<Native> = (0..=2)
            .map(|l| Native::build(&modules, l).unwrap())
            .collect();
        for f in ["rr", "ra", "rb", "ri", "rn", "ir", "rbig", "mem", "m32"] {
            for &a in &EDGE {
                for &b in &EDGE {
                    let (ea, eb) = match f {
                        "ri" => (a, 5),
                        "rn" => (a, -3),
                        "ir" => (1000000007, b),
                        "rbig" => (a, 0x123456789),
                        "m32" => (a as i32 as i64, b as u32 as i64),
                        _ => (a, b),
                    };
                    if is_div && !div_ok(ea, eb, w32) {
                        continue;
                    }
                    if is_div && op.starts_with('u') && w32 && eb as u32 == 0 {
                        continue;
                    }
                    let args = ints(&[a, b]);
                    let want = interp_call(&prog, f, &args);
                    for (l, n) in natives.iter().enumerate() {
                        let got = n.call(f, &args);
                        assert_eq!(
                            want[0].i64(),
                            got[0].i64(),
                            "-O{l} {op} {f}({a:#x}, {b:#x})"
                        );
                    }
                }
            }
        }
    }
}

const ICMP: [&str; 20] = [
    "eq", "eqs", "ne", "nes", "lt", "lts", "ult", "ults", "le", "les", "ule", "ules", "gt", "gts",
    "ugt", "ugts", "ge", "ges", "uge", "uges",
];

#[test]
fn integer_compares_and_branches() {
    for op in ICMP {
        let src = format!(
            "m: module
v: func i64, i64:a, i64:b
  local i64:r
  {op} r, a, b
  ret r
endfunc
vi: func i64, i64:a, i64:b
  local i64:r
  {op} r, a, 7
  ret r
endfunc
iv: func i64, i64:a, i64:b
  local i64:r
  {op} r, -2, b
  ret r
endfunc
z: func i64, i64:a, i64:b
  local i64:r
  {op} r, a, 0
  ret r
endfunc
br: func i64, i64:a, i64:b
  b{op} yes, a, b
  ret 10
yes: ret 20
endfunc
bri: func i64, i64:a, i64:b
  b{op} yes2, 3, b
  ret 10
yes2: ret 20
endfunc
fused: func i64, i64:a, i64:b
  local i64:t
  {op} t, a, b
  bt yes3, t
  ret 10
yes3: ret 20
endfunc
fusedf: func i64, i64:a, i64:b
  local i64:t
  {op} t, a, b
  bf yes4, t
  ret 10
yes4: ret 20
endfunc
mem: func i64, i64:a, i64:b
  local i64:p
  alloca p, 16
  mov i64:(p), a
  b{op} yes5, i64:(p), b
  ret 10
yes5: ret 20
endfunc
endmodule
"
        );
        let src = src
            .replace("bult", "ublt")
            .replace("bule", "uble")
            .replace("bugt", "ubgt")
            .replace("buge", "ubge");
        let modules = read(&src);
        let prog = interp_program(&modules);
        let natives: Vec<Native> = (0..=2)
            .map(|l| Native::build(&modules, l).unwrap())
            .collect();
        for f in ["v", "vi", "iv", "z", "br", "bri", "fused", "fusedf", "mem"] {
            for args in pairs() {
                let want = interp_call(&prog, f, &args);
                for (l, n) in natives.iter().enumerate() {
                    assert_eq!(
                        want[0].i64(),
                        n.call(f, &args)[0].i64(),
                        "-O{l} {op} {f}{args:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn extensions_negation_and_moves() {
    let src = "m: module
e: func i64, i64, i64:a
  local i64:r1, i64:r2, i64:r3, i64:r4, i64:r5, i64:r6
  ext8 r1, a
  ext16 r2, a
  ext32 r3, a
  uext8 r4, a
  uext16 r5, a
  uext32 r6, a
  mul r1, r1, 3
  add r1, r1, r2
  mul r1, r1, 5
  add r1, r1, r3
  mul r4, r4, 7
  add r4, r4, r5
  mul r4, r4, 11
  add r4, r4, r6
  ret r1, r4
endfunc
n: func i64, i64, i64:a
  local i64:x, i64:y
  neg x, a
  negs y, a
  ret x, y
endfunc
st: func i64, i64:a
  local i64:p, i64:s
  alloca p, 64
  mov i64:(p), 0
  mov i64:8(p), -1
  mov i8:(p), a
  mov u16:9(p), a
  mov i32:12(p), a
  mov s, u8:(p)
  add s, s, i8:(p)
  add s, s, u16:9(p)
  add s, s, i16:9(p)
  add s, s, i32:12(p)
  add s, s, u32:12(p)
  add s, s, i64:8(p)
  mov i8:20(p), 300
  add s, s, u8:20(p)
  mov i16:22(p), -70000
  add s, s, i16:22(p)
  ret s
endfunc
endmodule
";
    for &a in &EDGE {
        check(src, "n", &[ints(&[a])]);
        check(src, "st", &[ints(&[a])]);
    }
    let r = check(
        src,
        "e",
        &EDGE.iter().map(|&a| ints(&[a])).collect::<Vec<_>>(),
    );
    assert_eq!(r[2][0].i64(), -15 - 5 - 1);
}

fn fv(x: f32) -> Val {
    Val::from_f32(x)
}
fn dv(x: f64) -> Val {
    Val::from_f64(x)
}

const FEDGE: [f64; 14] = [
    0.0,
    -0.0,
    1.0,
    -1.5,
    0.1,
    3.0e38,
    1e300,
    -1e-310,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    9.3e18,
    -9.3e18,
    123456789.75,
];

#[test]
fn float_and_double_arithmetic_and_compares() {
    for (t, p, cls) in [("f", "f", "f"), ("d", "d", "d")] {
        let mut src = String::from("m: module\n");
        for op in ["add", "sub", "mul", "div"] {
            src += &format!(
                "{op}: func {t}, {t}:a, {t}:b\n  local {t}:r\n  {p}{op} r, a, b\n  ret r\nendfunc\n\
                 {op}2: func {t}, {t}:a, {t}:b\n  {p}{op} b, a, b\n  ret b\nendfunc\n"
            );
        }
        src += &format!(
            "neg: func {t}, {t}:a, {t}:b\n  local {t}:r\n  {p}neg r, a\n  ret r\nendfunc\n"
        );
        for op in ["eq", "ne", "lt", "le", "gt", "ge"] {
            src += &format!(
                "c{op}: func i64, {t}:a, {t}:b\n  local i64:r\n  {p}{op} r, a, b\n  ret r\nendfunc\n\
                 b{op}: func i64, {t}:a, {t}:b\n  {p}b{op} yes_{op}, a, b\n  ret 0\nyes_{op}: ret 1\nendfunc\n\
                 f{op}: func i64, {t}:a, {t}:b\n  local i64:x\n  {p}{op} x, a, b\n  bf no_{op}, x\n  ret 1\nno_{op}: ret 0\nendfunc\n"
            );
        }
        src += "endmodule\n";
        let _ = cls;
        let modules = read(&src);
        let prog = interp_program(&modules);
        let natives: Vec<Native> = (0..=2)
            .map(|l| Native::build(&modules, l).unwrap())
            .collect();
        let names: Vec<String> = [
            "add", "sub", "mul", "div", "add2", "sub2", "mul2", "div2", "neg",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain(
            ["eq", "ne", "lt", "le", "gt", "ge"]
                .iter()
                .flat_map(|o| [format!("c{o}"), format!("b{o}"), format!("f{o}")]),
        )
        .collect();
        for name in &names {
            for &a in &FEDGE {
                for &b in &FEDGE {
                    let args = if t == "f" {
                        vec![fv(a as f32), fv(b as f32)]
                    } else {
                        vec![dv(a), dv(b)]
                    };
                    let want = interp_call(&prog, name, &args);
                    let rt = result_types(&modules, name)[0];
                    for (l, n) in natives.iter().enumerate() {
                        let got = n.call(name, &args);
                        assert!(
                            same_val(rt, &want[0], &got[0]),
                            "-O{l} {t} {name}({a}, {b}): {:?} vs {:?}",
                            want[0],
                            got[0]
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn float_immediates_and_memory() {
    let src = "m: module
f: func d, d:a, f:b
  local d:x, f:y, i64:p, d:z
  alloca p, 32
  dmov d:(p), a
  fmov f:8(p), b
  dadd x, d:(p), 2.5
  fmul y, f:8(p), -0.5f
  f2d z, y
  dsub x, x, z
  dmov d:16(p), x
  dmul x, d:16(p), 1e10
  ret x
endfunc
endmodule
";
    for &a in &FEDGE {
        check(src, "f", &[vec![dv(a), fv(a as f32)]]);
    }
}

#[test]
fn conversions_at_edge_values() {
    let src = "m: module
i2: func f, d, ld, ld, i64:a
  local f:x, d:y, ld:z, f:u, d:v, ld:w
  i2f x, a
  i2d y, a
  i2ld z, a
  ui2f u, a
  ui2d v, a
  ui2ld w, a
  fadd x, x, u
  dsub y, y, v
  ret x, y, z, w
endfunc
u2: func f, d, i64:a
  local f:u, d:v
  ui2f u, a
  ui2d v, a
  ret u, v
endfunc
fd: func i64, i64, d, f, d:a, f:b
  local i64:x, i64:y, d:z, f:w
  d2i x, a
  f2i y, b
  f2d z, b
  d2f w, a
  ret x, y, z, w
endfunc
ld: func i64, f, d, d:a
  local ld:l, i64:x, f:y, d:z
  d2ld l, a
  ldmul l, l, 3.0L
  ld2i x, l
  ld2f y, l
  ld2d z, l
  ret x, y, z
endfunc
fld: func ld, f:a
  local ld:l
  f2ld l, a
  ret l
endfunc
endmodule
";
    let mut cases = Vec::new();
    for &a in &EDGE {
        cases.push(ints(&[a]));
    }
    for a in [
        1i64 << 53,
        (1 << 53) + 1,
        (1 << 63) + 1025,
        -1025,
        0x7fff_ffff_ffff_fdff,
        u64::MAX as i64 - 1023,
    ] {
        cases.push(ints(&[a]));
    }
    check(src, "i2", &cases);
    check(src, "u2", &cases);
    let fcases: Vec<Vec<Val>> = FEDGE.iter().map(|&a| vec![dv(a), fv(a as f32)]).collect();
    check(src, "fd", &fcases);
    let lcases: Vec<Vec<Val>> = FEDGE.iter().map(|&a| vec![dv(a)]).collect();
    check(src, "ld", &lcases);
    let fl: Vec<Vec<Val>> = FEDGE.iter().map(|&a| vec![fv(a as f32)]).collect();
    check(src, "fld", &fl);
}

#[test]
fn long_double_arithmetic_compares_and_branches() {
    let mut src = String::from("m: module\n");
    for op in ["add", "sub", "mul", "div"] {
        src += &format!("{op}: func ld, d:a, d:b\n  local ld:x, ld:y, ld:r\n  d2ld x, a\n  d2ld y, b\n  ld{op} r, x, y\n  ld{op} r, r, 1.0000000000000000001L\n  ret r\nendfunc\n");
    }
    src += "neg: func ld, d:a, d:b\n  local ld:x\n  d2ld x, a\n  ldneg x, x\n  ret x\nendfunc\n";
    for op in ["eq", "ne", "lt", "le", "gt", "ge"] {
        src += &format!(
            "c{op}: func i64, d:a, d:b\n  local ld:x, ld:y, i64:r\n  d2ld x, a\n  d2ld y, b\n  ld{op} r, x, y\n  ret r\nendfunc\n\
             b{op}: func i64, d:a, d:b\n  local ld:x, ld:y\n  d2ld x, a\n  d2ld y, b\n  ldb{op} yes_{op}, x, y\n  ret 0\nyes_{op}: ret 1\nendfunc\n"
        );
    }
    src += "big: func ld, d, ld:a\n  local ld:s, d:r\n  ldmul s, a, a\n  lddiv s, s, 10.0E200L\n  ld2d r, s\n  ret s, r\nendfunc\n";
    src += "endmodule\n";
    let modules = read(&src);
    let prog = interp_program(&modules);
    let natives: Vec<Native> = (0..=2)
        .map(|l| Native::build(&modules, l).unwrap())
        .collect();
    let mut names: Vec<String> = ["add", "sub", "mul", "div", "neg"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for op in ["eq", "ne", "lt", "le", "gt", "ge"] {
        names.push(format!("c{op}"));
        names.push(format!("b{op}"));
    }
    for name in &names {
        for &a in &FEDGE {
            for &b in &FEDGE {
                let args = vec![dv(a), dv(b)];
                let want = interp_call(&prog, name, &args);
                let rt = result_types(&modules, name)[0];
                for (l, n) in natives.iter().enumerate() {
                    let got = n.call(name, &args);
                    assert!(
                        same_val(rt, &want[0], &got[0]),
                        "-O{l} {name}({a}, {b}): {:?} vs {:?}",
                        want[0],
                        got[0]
                    );
                }
            }
        }
    }
    let big = mirage_ir::F80::parse("10.0E200").unwrap();
    let r = check(&src, "big", &[vec![Val::from_f80_bytes(big.to_le_bytes())]]);
    assert_eq!(r[0][1].f64(), 1e201);
}

#[test]
fn overflow_ops_and_branches() {
    let mut src = String::from("m: module\n");
    for (op, br) in [
        ("addo", "bo"),
        ("addo", "ubo"),
        ("addos", "bno"),
        ("addos", "ubno"),
        ("subo", "bo"),
        ("subo", "ubo"),
        ("subos", "bo"),
        ("subos", "ubno"),
        ("mulo", "bo"),
        ("mulos", "bno"),
        ("umulo", "ubo"),
        ("umulos", "ubno"),
    ] {
        src += &format!(
            "{op}_{br}: func i64, i64, i64:a, i64:b\n  local i64:r, i64:s, i64:p\n  alloca p, 16\n  {op} r, a, b\n  mov s, r\n  mov i64:(p), r\n  {br} ov_{op}_{br}\n  ret r, 0\nov_{op}_{br}: ret s, 1\nendfunc\n"
        );
    }
    src += "endmodule\n";
    let modules = read(&src);
    let prog = interp_program(&modules);
    let natives: Vec<Native> = (0..=2)
        .map(|l| Native::build(&modules, l).unwrap())
        .collect();
    for m in &modules {
        for it in &m.items {
            let Some(name) = &it.name else { continue };
            if !matches!(it.kind, ItemKind::Func(_)) {
                continue;
            }
            for args in pairs() {
                let want = interp_call(&prog, name, &args);
                for (l, n) in natives.iter().enumerate() {
                    let got = n.call(name, &args);
                    let w32 = name.contains("os_");
                    // The 32-bit forms define only the low half of the result.
                    let mask = if w32 { 0xffff_ffffu64 as i64 } else { -1 };
                    assert_eq!(
                        (want[0].i64() & mask, want[1].i64()),
                        (got[0].i64() & mask, got[1].i64()),
                        "-O{l} {name}{args:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn calls_with_many_mixed_arguments() {
    let src = "m: module
p_big: proto d, i32:a, d:b, i64:c, f:d, u8:e, d:f, i64:g, i64:h, i64:i, d:j, i16:k, d:l, ld:m, i64:n, f:o, d:p, d:q, d:r, d:s, d:t, u32:u
p_mix: proto d, i32:a, d:b, i64:c, f:d, u8:e, d:f, i64:g, i64:h, i64:i, d:j, i16:k, d:l
import t_mix
big: func d, i32:a, d:b, i64:c, f:d, u8:e, d:f, i64:g, i64:h, i64:i, d:j, i16:k, d:l, ld:m, i64:n, f:o, d:p, d:q, d:r, d:s, d:t, u32:u
  local d:acc, d:x, f:y
  i2d x, a
  dmov acc, x
  dmul acc, acc, 1.5
  dadd acc, acc, b
  i2d x, c
  dadd acc, acc, x
  f2d x, d
  dadd acc, acc, x
  i2d x, e
  dadd acc, acc, x
  dadd acc, acc, f
  i2d x, g
  dadd acc, acc, x
  i2d x, h
  dmul acc, acc, 0.5
  dadd acc, acc, x
  i2d x, i
  dadd acc, acc, x
  dadd acc, acc, j
  i2d x, k
  dadd acc, acc, x
  dadd acc, acc, l
  ld2d x, m
  dadd acc, acc, x
  i2d x, n
  dadd acc, acc, x
  f2d x, o
  dadd acc, acc, x
  dadd acc, acc, p
  dadd acc, acc, q
  dsub acc, acc, r
  dadd acc, acc, s
  dmul acc, acc, t
  i2d x, u
  dadd acc, acc, x
  ret acc
endfunc
caller: func d, i64:x, d:y
  local d:r, i64:p, f:z, ld:w, d:r2
  alloca p, 64
  mov i64:(p), x
  dmov d:8(p), y
  d2f z, y
  d2ld w, y
  call p_big, big, r, x, y, i64:(p), z, 300, d:8(p), 7, -8, x, 2.25, -70000, y, w, 11, 1.5f, y, y, 3.0, y, -1.0, -1
  call p_mix, t_mix, r2, x, y, i64:(p), z, 300, d:8(p), 7, -8, x, 2.25, -70000, y
  dadd r, r, r2
  ret r
endfunc
endmodule
";
    let cases: Vec<Vec<Val>> = [
        (1, 0.5),
        (-7, 1e10),
        (i64::MAX, -3.25),
        (0x1_0000_0005, f64::NAN),
    ]
    .iter()
    .map(|&(x, y)| vec![Val::from_i64(x), dv(y)])
    .collect();
    check(src, "caller", &cases);
}

#[test]
fn multiple_results() {
    let src = "m: module
p2: proto i64, d, i64, f, ld, ld, i64:a
two: func i64, d, i64, f, ld, ld, i64:a
  local d:x, f:y, ld:l, ld:k
  i2d x, a
  i2f y, a
  i2ld l, a
  ldmul k, l, l
  ret a, x, -5, y, l, k
endfunc
narrow: func i8, u16, i64:a
  ret a, a
endfunc
p_n: proto i8, u16, i64:a
use: func i64, i64:a
  local i64:r1, d:r2, i64:r3, f:r4, ld:r5, ld:r6, i64:s, d:t, i64:n1, i64:n2
  call p2, two, r1, r2, r3, r4, r5, r6, a
  ld2d t, r6
  dadd t, t, r2
  d2i s, t
  add s, s, r1
  add s, s, r3
  f2i r1, r4
  add s, s, r1
  call p_n, narrow, n1, n2, a
  add s, s, n1
  add s, s, n2
  ret s
endfunc
swap: func d, d, d:a, d:b
  ret b, a
endfunc
p_sw: proto d, d, d:a, d:b
useswap: func d, d:a, d:b
  local d:x, d:y
  call p_sw, swap, y, x, a, b
  dsub x, x, y
  ret x
endfunc
endmodule
";
    check(
        src,
        "use",
        &[ints(&[3]), ints(&[-1000]), ints(&[0x1234_5678])],
    );
    check(src, "two", &[ints(&[3]), ints(&[-7])]);
    check(src, "narrow", &[ints(&[0x1234_5681])]);
    check(src, "useswap", &[vec![dv(1.0), dv(5.0)]]);
}

#[test]
fn varargs_both_ways() {
    let src = "m: module
sumv: func i64, i64:n, ...
  local i64:va, i64:i, i64:s, i64:p, i64:t, d:x, ld:l, d:y
  alloca va, 32
  va_start va
  mov s, 0
  mov i, 0
loop:
  bge done, i, n
  va_arg p, va, i64:0
  mov t, i64:(p)
  mul s, s, 3
  add s, s, t
  va_arg p, va, d:0
  dmov x, d:(p)
  d2i t, x
  add s, s, t
  add i, i, 1
  jmp loop
done:
  va_arg p, va, ld:0
  ldmov l, ld:(p)
  ld2d y, l
  d2i t, y
  add s, s, t
  va_end va
  ret s
endfunc
p_sumv: proto i64, i64:n, ...
drive: func i64, i64:a
  local i64:r, d:x, ld:l
  i2d x, a
  dmul x, x, 1.5
  d2ld l, x
  call p_sumv, sumv, r, 9, a, x, 2, 2.5, 3, x, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, a, x, l
  ret r
endfunc
import snprintf, strlen
p_snp: proto i32, p:buf, i64:n, p:fmt, ...
p_len: proto i64, p:s
fmt: string \"%ld|%d|%.3f|%s|%.2Lf|%c|%lx|%g|%g|%g|%g|%g|%g|%g|%ld|%ld\"
word: string \"mirage\"
cfmt: func i64, i64:a, d:x
  local i64:buf, i64:n, i64:h, i64:i, i64:c, ld:l, i64:len
  alloca buf, 256
  d2ld l, x
  call p_snp, snprintf, n, buf, 256, fmt, a, 42, x, word, l, 65, a, x, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, a, 9
  call p_len, strlen, len, buf
  mov h, len
  mov i, 0
l2:
  bge e2, i, len
  mov c, u8:(buf, i)
  mul h, h, 31
  add h, h, c
  add i, i, 1
  jmp l2
e2:
  ret h
endfunc
endmodule
";
    check(src, "drive", &[ints(&[1]), ints(&[-100]), ints(&[123456])]);
    check(
        src,
        "cfmt",
        &[
            vec![Val::from_i64(7), dv(3.25)],
            vec![Val::from_i64(-1), dv(-1e20)],
        ],
    );
    // C (the harness) calling the MIR variadic function directly.
    let modules = read(src);
    let prog = interp_program(&modules);
    let want = interp_call(&prog, "drive", &ints(&[5]))[0].i64();
    let x = 5.0 * 1.5;
    let l = mirage_ir::F80::from_f64(x);
    for level in 0..=2 {
        let n = Native::build(&modules, level).unwrap();
        let mut args = vec![ArgKind::I64];
        let mut slots = vec![Val::ZERO, Val::from_i64(9)];
        for k in 0..9i64 {
            let (i, d) = match k {
                0 => (5, x),
                1 => (2, 2.5),
                2 => (3, x),
                8 => (5, x),
                _ => (k + 1, k as f64 + 1.5),
            };
            args.push(ArgKind::I64);
            args.push(ArgKind::D);
            slots.push(Val::from_i64(i));
            slots.push(dv(d));
        }
        args.push(ArgKind::LD);
        slots.push(Val::from_f80_bytes(l.to_le_bytes()));
        let sig = CallSig {
            results: vec![RetKind::Int(mirage_ir::abi::IntExt::None)],
            args,
            nfixed: 1,
            variadic: true,
        };
        ff_call(n.thunk("sumv"), &sig, &mut slots);
        assert_eq!(
            slots[0].i64(),
            want,
            "-O{level}: C calling a MIR variadic function"
        );
    }
}

#[test]
fn block_arguments_and_results() {
    let src = "m: module
pb: proto i64, blk:24(a), blk1:16(b), blk2:16(c), blk3:12(d), blk4:16(e), i64:x, rblk:8(r)
cal: func i64, blk:24(a), blk1:16(b), blk2:16(c), blk3:12(d), blk4:16(e), i64:x, rblk:8(r)
  local i64:s, d:t, i64:u, f:w
  mov s, i64:(a)
  add s, s, i64:16(a)
  mul s, s, 7
  add s, s, i64:(b)
  add s, s, i64:8(b)
  mul s, s, 7
  dmov t, d:(c)
  dadd t, t, d:8(c)
  d2i u, t
  add s, s, u
  mul s, s, 7
  add s, s, i64:(d)
  fmov w, f:8(d)
  f2i u, w
  add s, s, u
  mul s, s, 7
  dmov t, d:(e)
  d2i u, t
  add s, s, u
  add s, s, i64:8(e)
  add s, s, x
  mov i64:(a), 1000
  mov i64:(b), 1000
  mov i64:(r), s
  ret s
endfunc
pb5: proto i64, i64:a, i64:b, i64:c, i64:d, i64:e, blk1:16(f), blk3:16(g), d:h
cal5: func i64, i64:a, i64:b, i64:c, i64:d, i64:e, blk1:16(f), blk3:16(g), d:h
  local i64:s, d:t
  add s, a, e
  add s, s, i64:(f)
  add s, s, i64:8(f)
  add s, s, i64:(g)
  dmov t, d:8(g)
  dadd t, t, h
  d2i a, t
  add s, s, a
  ret s
endfunc
drv: func i64, i64:k
  local i64:a, i64:b, i64:c, i64:d, i64:e, i64:r, i64:s, i64:s2, d:x
  alloca a, 24
  alloca b, 16
  alloca c, 16
  alloca d, 16
  alloca e, 16
  alloca r, 8
  mov i64:(a), k
  mov i64:8(a), 2
  mov i64:16(a), 3
  mov i64:(b), 4
  mov i64:8(b), k
  i2d x, k
  dmov d:(c), x
  dmov d:8(c), 6.5
  mov i64:(d), 7
  fmov f:8(d), 8.5f
  dmov d:(e), 9.25
  mov i64:8(e), k
  call pb, cal, s, blk:24(a), blk1:16(b), blk2:16(c), blk3:12(d), blk4:16(e), k, rblk:8(r)
  add s, s, i64:(r)
  add s, s, i64:(a)
  add s, s, i64:(b)
  call pb5, cal5, s2, 1, 2, 3, 4, 5, blk1:16(b), blk3:16(c), 0.5
  add s, s, s2
  ret s
endfunc
vb: func i64, i64:n, ...
  local i64:va, i64:dst, i64:s, i64:i, i64:p
  alloca va, 32
  alloca dst, 32
  va_start va
  va_block_arg dst, va, 16, 1
  mov s, i64:(dst)
  add s, s, i64:8(dst)
  va_block_arg dst, va, 24, 0
  add s, s, i64:16(dst)
  va_arg p, va, i64:0
  add s, s, i64:(p)
  va_end va
  ret s
endfunc
pvb: proto i64, i64:n, ...
vdrv: func i64, i64:k
  local i64:a, i64:b, i64:r
  alloca a, 16
  alloca b, 24
  mov i64:(a), k
  mov i64:8(a), 100
  mov i64:16(b), 1000
  call pvb, vb, r, 1, blk1:16(a), blk:24(b), 5
  ret r
endfunc
endmodule
";
    check(src, "drv", &[ints(&[1]), ints(&[-77]), ints(&[1 << 40])]);
    check(src, "vdrv", &[ints(&[3]), ints(&[-9])]);
}

#[test]
fn control_flow_switch_recursion_loops() {
    let src = "m: module
sw: func i64, i64:i
  local i64:r
  switch i, l0, l1, l2, l3, l4, l5, l6, l7, l8, l9
l0: ret 100
l1: ret 101
l2: mov r, 7
  jmp out
l3: ret 103
l4: ret 104
l5: mov r, i
  mul r, r, r
  jmp out
l6: ret 106
l7: ret 107
l8: ret 108
l9: ret 109
out:
  add r, r, 1000
  ret r
endfunc
pfib: proto i64, i64:n
fib: func i64, i64:n
  local i64:a, i64:b
  blt small, n, 2
  sub a, n, 1
  call pfib, fib, a, a
  sub b, n, 2
  call pfib, fib, b, b
  add a, a, b
  ret a
small:
  ret n
endfunc
sieve: func i64, i64:n
  local i64:flags, i64:i, i64:k, i64:count
  alloca flags, n
  mov i, 0
z: bge zd, i, n
  mov u8:(flags, i), 1
  add i, i, 1
  jmp z
zd:
  mov count, 0
  mov i, 2
outer: bge fin, i, n
  bf next, u8:(flags, i)
  add count, count, 1
  add k, i, i
inner: bge next, k, n
  mov u8:(flags, k), 0
  add k, k, i
  jmp inner
next: add i, i, 1
  jmp outer
fin: ret count
endfunc
loopsum: func i64, i64:n
  local i64:i, i64:s, d:x, d:y
  mov s, 0
  dmov y, 0.0
  mov i, 0
top:
  i2d x, i
  dmul x, x, 0.5
  dadd y, y, x
  add s, s, i
  xor s, s, 0x5555
  add i, i, 1
  blt top, i, n
  d2i i, y
  add s, s, i
  ret s
endfunc
endmodule
";
    check(src, "sw", &(0..10).map(|i| ints(&[i])).collect::<Vec<_>>());
    let r = check(
        src,
        "fib",
        &[ints(&[0]), ints(&[1]), ints(&[10]), ints(&[20])],
    );
    assert_eq!(r[3][0].i64(), 6765);
    let r = check(src, "sieve", &[ints(&[100]), ints(&[10000])]);
    assert_eq!(r[1][0].i64(), 1229);
    check(
        src,
        "loopsum",
        &[ints(&[1]), ints(&[1000]), ints(&[100000])],
    );
}

#[test]
fn alloca_bstart_bend_and_indirect_calls() {
    let src = "m: module
stack: func i64, i64:n
  local i64:i, i64:s, i64:p, i64:b, i64:q
  mov s, 0
  mov i, 0
top:
  bstart b
  alloca p, 1000
  mov i64:992(p), i
  alloca q, n
  mov u8:(q), 3
  add s, s, i64:992(p)
  add s, s, u8:(q)
  bend b
  add i, i, 1
  blt top, i, 10000
  ret s
endfunc
p1: proto i64, i64:x
twice: func i64, i64:x
  add x, x, x
  ret x
endfunc
ind: func i64, i64:x
  local i64:fp, i64:p, i64:r
  alloca p, 8
  mov fp, twice
  mov i64:(p), fp
  call p1, fp, r, x
  call p1, i64:(p), r, r
  ret r
endfunc
endmodule
";
    let r = check(src, "stack", &[ints(&[1]), ints(&[33])]);
    assert_eq!(r[0][0].i64(), (0..10000).sum::<i64>() + 30000);
    check(src, "ind", &[ints(&[21])]);
}

#[test]
fn label_addresses_lref_and_properties() {
    let src = "m: module
tbl: lref la
tbl2: lref lb
go: func i64, i64:x
  local i64:t, i64:r
  mov r, 0
  laddr t, lc
  beq sel, x, 2
  mov t, tbl
  mov t, i64:(t)
  beq sel, x, 0
  mov t, tbl2
  mov t, i64:(t)
sel:
  jmpi t
la: add r, r, 1
lb: add r, r, 10
lc: add r, r, 100
  prset r, 5
  prbeq skip, r, 0
  add r, r, 1000
skip:
  prbne skip2, r, 0
  add r, r, 10000
skip2:
  prbne skip3, r, 3
  add r, r, 100000
skip3:
  ret r
endfunc
endmodule
";
    let r = check(src, "go", &[ints(&[0]), ints(&[1]), ints(&[2])]);
    assert_eq!(r[0][0].i64(), 10111);
}

#[test]
fn globals_and_jcall_jret() {
    let src = "m: module
pv: proto
target: func
  global i64:g:rsi, i64:back:rdi
  add g, g, 10
  jret back
endfunc
main: func i64, i64:a
  global i64:g:rsi, i64:back:rdi
  local i64:n
  mov g, a
  mov n, 0
again:
  laddr back, here
  jcall pv, target
here:
  add n, n, 1
  blt again, n, 3
  ret g
endfunc
pacc: proto
bump: func
  global i64:acc:r9
  add acc, acc, 7
  ret
endfunc
useacc: func i64, i64:a
  global i64:acc:r9
  mov acc, a
  call pacc, bump
  call pacc, bump
  ret acc
endfunc
endmodule
";
    let r = check(src, "main", &[ints(&[5])]);
    assert_eq!(r[0][0].i64(), 35);
    let r = check(src, "useacc", &[ints(&[1])]);
    assert_eq!(r[0][0].i64(), 15);
}

#[test]
fn c_callback_through_thunk() {
    let src = "m: module
import qsort
pq: proto p:base, i64:n, i64:size, p:cmp
cmp: func i32, p:a, p:b
  local i64:x, i64:y, i64:r
  mov x, i64:(a)
  mov y, i64:(b)
  gt r, x, y
  lt x, x, y
  sub r, r, x
  ret r
endfunc
sorted: func i64, i64:n
  local i64:p, i64:i, i64:v, i64:s
  alloca p, 800
  mov i, 0
fill:
  mul v, i, 7919
  umod v, v, 1000
  mov i64:(p, i, 8), v
  add i, i, 1
  blt fill, i, 100
  call pq, qsort, p, 100, 8, cmp
  mov s, 0
  mov i, 0
sum:
  mov v, i64:(p, i, 8)
  mul v, v, i
  add s, s, v
  add i, i, 1
  blt sum, i, 100
  ret s
endfunc
endmodule
";
    let mut vals: Vec<i64> = (0..100).map(|i| (i * 7919) % 1000).collect();
    vals.sort();
    let want: i64 = vals.iter().enumerate().map(|(i, v)| v * i as i64).sum();
    let modules = read(src);
    for level in 0..=2 {
        let n = Native::build(&modules, level).unwrap();
        assert_eq!(n.call("sorted", &ints(&[0]))[0].i64(), want, "-O{level}");
    }
}

#[test]
fn string_literals_in_writable_memory() {
    // Spec §4.6: the memory of a string operand is writable. Even levels
    // of the test environment provide it (`CodegenEnv::string_address`).
    let src = "m: module
f: func i64, i64:x
  local i64:p, i64:r
  mov p, \"hello\"
  mov u8:1(p), x
  mov r, u8:1(p)
  add r, r, u8:(p)
  ret r
endfunc
endmodule
";
    let modules = read(src);
    for level in [0, 2] {
        let n = Native::build(&modules, level).unwrap();
        assert_eq!(n.call("f", &ints(&[7]))[0].i64(), 7 + 104, "-O{level}");
    }
}

#[test]
fn determinism_and_dumps() {
    let src = "m: module
f: func i64, i64:a, i64:b
  local i64:t, d:x
  add t, a, b
  i2d x, t
  dmul x, x, 2.0
  d2i t, x
  blt l, t, 100
  ret t
l: ret 0
endfunc
endmodule
";
    let modules = read(src);
    struct E;
    impl CodegenEnv for E {
        fn item_address(&self, _: usize, _: ItemId) -> Result<u64, String> {
            Ok(0x1000)
        }
        fn call_target(&self, _: usize, _: ItemId) -> Result<CallTarget, String> {
            Ok(CallTarget::Far(0x1000))
        }
        fn helper_address(&self, _: Helper) -> Result<u64, String> {
            Ok(0x2000)
        }
    }
    let f = modules[0].lookup("f").unwrap();
    for level in 0..=2 {
        let a = compile_func(&modules, 0, f, &E, &CodegenOptions::level(level)).unwrap();
        let b = compile_func(&modules, 0, f, &E, &CodegenOptions::level(level)).unwrap();
        assert_eq!(a, b, "-O{level} is deterministic");
        assert!(a.stats.code_bytes > 0);
    }
    for pass in ["cfg", "live", "regalloc", "isel", "peephole", "emit"] {
        let opts = CodegenOptions {
            dump_after: Some(pass.into()),
            ..CodegenOptions::level(2)
        };
        let c = compile_func(&modules, 0, f, &E, &opts).unwrap();
        let d = c.dump.unwrap_or_else(|| panic!("no dump after {pass}"));
        assert!(!d.is_empty(), "{pass}");
    }
    let opts = CodegenOptions {
        dump_after: Some("isel".into()),
        ..CodegenOptions::level(2)
    };
    let d = compile_func(&modules, 0, f, &E, &opts)
        .unwrap()
        .dump
        .unwrap();
    assert!(d.contains("cvtsi2sd"), "{d}");
    // Disabling passes by name still gives working code.
    let opts = CodegenOptions {
        disable: vec!["regalloc".into(), "peephole".into(), "fuse".into()],
        ..CodegenOptions::level(2)
    };
    compile_func(&modules, 0, f, &E, &opts).unwrap();
    // An early exit goes before the prologue (`shrink`) unless disabled.
    let src = "m: module
p: proto i64, i64:n
g: func i64, i64:n
  local i64:a, i64:b
  bge L, n, 2
  ret n
L: sub a, n, 1
  call p, g, a, a
  sub b, n, 2
  call p, g, b, b
  add a, a, b
  ret a
endfunc
endmodule
";
    let modules = read(src);
    let g = modules[0].lookup("g").unwrap();
    let first = |disable: Vec<String>| {
        let opts = CodegenOptions {
            disable,
            ..CodegenOptions::level(2)
        };
        compile_func(&modules, 0, g, &E, &opts).unwrap().code[0]
    };
    // `push rbx`/`push rbp`/`push r12`.. (REX.B) first: the prologue.
    let push = |b: u8| matches!(b, 0x53 | 0x55 | 0x41);
    assert!(!push(first(vec![])), "the test first, not the prologue");
    assert!(push(first(vec!["shrink".into()])), "the prologue first");
}

// ---------------------------------------------------------------------------
// Differential testing: random valid MIR functions.

/// A deterministic xorshift generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'s>(&mut self, v: &[&'s str]) -> &'s str {
        v[self.below(v.len() as u64) as usize]
    }
}

/// Generates one function `f: func i64, d, i64:a, i64:b, d:c` (and a
/// helper `h` it may call). Integer memory is bytes 0–127 of an alloca'd
/// buffer, floating memory bytes 128–255, so NaN payloads (which need not
/// agree between engines) never reach an integer.
struct Gen {
    r: Rng,
    out: String,
    labels: usize,
}

const XV: [&str; 6] = ["x0", "x1", "x2", "x3", "x4", "x5"];
const YV: [&str; 3] = ["y0", "y1", "y2"];
const ZV: [&str; 2] = ["z0", "z1"];

impl Gen {
    fn label(&mut self) -> String {
        self.labels += 1;
        format!("L{}", self.labels)
    }
    fn line(&mut self, s: String) {
        self.out.push_str("  ");
        self.out.push_str(&s);
        self.out.push('\n');
    }
    fn x(&mut self) -> &'static str {
        XV[self.r.below(6) as usize]
    }
    fn imm(&mut self) -> String {
        match self.r.below(5) {
            0 => format!("{}", self.r.below(16) as i64 - 8),
            1 => format!("{}", self.r.next() as i64),
            2 => format!("{}", self.r.next() as i32),
            3 => ["0x7fffffff", "-0x80000000", "0xffffffff", "-1", "63", "32"]
                [self.r.below(6) as usize]
                .to_string(),
            _ => format!("{}", self.r.below(1000)),
        }
    }
    fn isrc(&mut self) -> String {
        match self.r.below(6) {
            0..=2 => self.x().to_string(),
            3 => self.imm(),
            4 => {
                let t = self
                    .r
                    .pick(&["i8", "u8", "i16", "u16", "i32", "u32", "i64"]);
                let off = self.r.below(120);
                format!("{t}:{off}(p)")
            }
            _ => {
                let xi = self.x();
                self.line(format!("and t, {xi}, 15"));
                "i64:(p, t, 8)".to_string()
            }
        }
    }
    fn ydst(&mut self) -> &'static str {
        YV[self.r.below(3) as usize]
    }
    fn ysrc(&mut self) -> String {
        match self.r.below(5) {
            0..=2 => self.ydst().to_string(),
            3 => format!("{}.{}", self.r.below(100) as i64 - 50, self.r.below(1000)),
            _ => format!("d:{}(p)", 128 + 8 * self.r.below(15)),
        }
    }
    fn zsrc(&mut self) -> String {
        match self.r.below(4) {
            0 | 1 => ZV[self.r.below(2) as usize].to_string(),
            2 => format!("{}.5f", self.r.below(20) as i64 - 10),
            _ => format!("f:{}(p)", 128 + 4 * self.r.below(31)),
        }
    }

    fn stmt(&mut self, depth: u32) {
        match self.r.below(22) {
            0..=5 => {
                let op = self.r.pick(&[
                    "add", "adds", "sub", "subs", "mul", "muls", "and", "ands", "or", "ors", "xor",
                    "xors", "lsh", "lshs", "rsh", "rshs", "ursh", "urshs", "eq", "ne", "lt",
                    "ults", "le", "ugt", "ges", "uge",
                ]);
                let d = self.x();
                let (a, b) = (self.isrc(), self.isrc());
                self.line(format!("{op} {d}, {a}, {b}"));
            }
            6 => {
                let op = self.r.pick(&[
                    "div", "divs", "udiv", "udivs", "mod", "mods", "umod", "umods",
                ]);
                let (d, a, b) = (self.x(), self.x(), self.x());
                if self.r.below(2) == 0 {
                    // A constant divisor (a multiplication by its
                    // reciprocal when 3 <= c < 2^31, not a power of two).
                    let c = self.r.pick(&[
                        "3",
                        "5",
                        "6",
                        "7",
                        "10",
                        "13",
                        "100",
                        "641",
                        "1000000007",
                        "2147483647",
                        "0x100000003",
                        "-7",
                        "4",
                        "4294967291",
                    ]);
                    self.line(format!("{op} {d}, {a}, {c}"));
                } else {
                    self.line(format!("and t, {b}, 0xffff"));
                    self.line("or t, t, 1".into());
                    self.line(format!("{op} {d}, {a}, t"));
                }
            }
            7 => {
                let op = self.r.pick(&[
                    "ext8", "ext16", "ext32", "uext8", "uext16", "uext32", "neg", "negs", "mov",
                ]);
                let d = self.x();
                let a = self.isrc();
                self.line(format!("{op} {d}, {a}"));
            }
            8 | 9 => {
                let op = self.r.pick(&["dadd", "dsub", "dmul", "ddiv"]);
                let d = self.ydst();
                let (a, b) = (self.ysrc(), self.ysrc());
                self.line(format!("{op} {d}, {a}, {b}"));
            }
            10 => {
                let op = self.r.pick(&["fadd", "fsub", "fmul", "fdiv"]);
                let d = ZV[self.r.below(2) as usize];
                let (a, b) = (self.zsrc(), self.zsrc());
                self.line(format!("{op} {d}, {a}, {b}"));
            }
            11 => match self.r.below(8) {
                0 => {
                    let (d, a) = (self.ydst(), self.x());
                    self.line(format!("i2d {d}, {a}"));
                }
                1 => {
                    let (d, a) = (self.x(), self.ydst());
                    self.line(format!("d2i {d}, {a}"));
                }
                2 => {
                    let (d, a) = (ZV[self.r.below(2) as usize], self.ydst());
                    self.line(format!("d2f {d}, {a}"));
                }
                3 => {
                    let (d, a) = (self.ydst(), ZV[self.r.below(2) as usize]);
                    self.line(format!("f2d {d}, {a}"));
                }
                4 => {
                    let (d, a) = (self.ydst(), self.x());
                    self.line(format!("ui2d {d}, {a}"));
                }
                5 => {
                    let (d, a) = (ZV[self.r.below(2) as usize], self.x());
                    self.line(format!("ui2f {d}, {a}"));
                }
                6 => {
                    let (d, a) = (self.ydst(), self.ydst());
                    self.line(format!("d2ld l, {a}"));
                    self.line("ldmul l, l, l".into());
                    self.line("ldadd l, l, 0.25L".into());
                    self.line(format!("ld2d {d}, l"));
                }
                _ => {
                    let (d, a) = (self.x(), self.ydst());
                    self.line(format!("dneg {a}, {a}"));
                    let b = self.ysrc();
                    let op = self.r.pick(&["deq", "dne", "dlt", "dle", "dgt", "dge"]);
                    self.line(format!("{op} {d}, {a}, {b}"));
                }
            },
            12 | 13 => {
                let v = self.x();
                match self.r.below(4) {
                    0 => {
                        let t = self
                            .r
                            .pick(&["i8", "u8", "i16", "u16", "i32", "u32", "i64"]);
                        let off = self.r.below(120);
                        self.line(format!("mov {t}:{off}(p), {v}"));
                    }
                    1 => {
                        let xi = self.x();
                        self.line(format!("and t, {xi}, 15"));
                        self.line(format!("mov i64:(p, t, 8), {v}"));
                    }
                    2 => {
                        let y = self.ydst();
                        let off = 128 + 8 * self.r.below(15);
                        self.line(format!("dmov d:{off}(p), {y}"));
                    }
                    _ => {
                        let z = ZV[self.r.below(2) as usize];
                        let off = 128 + 4 * self.r.below(31);
                        self.line(format!("fmov f:{off}(p), {z}"));
                    }
                }
            }
            14 | 15 if depth < 3 => {
                let (l_else, l_end) = (self.label(), self.label());
                let a = self.x();
                let b = self.isrc();
                let c = self
                    .r
                    .pick(&["beq", "bne", "blt", "bge", "ublt", "ubge", "bgts", "bles"]);
                self.line(format!("{c} {l_else}, {a}, {b}"));
                for _ in 0..1 + self.r.below(4) {
                    self.stmt(depth + 1);
                }
                self.line(format!("jmp {l_end}"));
                self.out.push_str(&format!("{l_else}:\n"));
                for _ in 0..1 + self.r.below(4) {
                    self.stmt(depth + 1);
                }
                self.out.push_str(&format!("{l_end}:\n"));
            }
            16 if depth < 2 => {
                let top = self.label();
                let k = format!("k{depth}");
                let trips = 1 + self.r.below(8);
                self.line(format!("mov {k}, {trips}"));
                self.out.push_str(&format!("{top}:\n"));
                for _ in 0..1 + self.r.below(5) {
                    self.stmt(depth + 1);
                }
                self.line(format!("sub {k}, {k}, 1"));
                self.line(format!("bgt {top}, {k}, 0"));
            }
            17 => {
                let (d, a, y) = (self.x(), self.x(), self.ydst());
                self.line(format!("call ph, h, {d}, {a}, {y}"));
            }
            18 => {
                let l = self.label();
                let op = self
                    .r
                    .pick(&["addo", "subo", "mulo", "addos", "umulo", "subos"]);
                let br = if op.starts_with('u') {
                    self.r.pick(&["ubo", "ubno"])
                } else if op.starts_with("mul") {
                    self.r.pick(&["bo", "bno"])
                } else {
                    self.r.pick(&["bo", "bno", "ubo", "ubno"])
                };
                let (d, a, b) = (self.x(), self.x(), self.x());
                self.line(format!("{op} {d}, {a}, {b}"));
                self.line(format!("{br} {l}"));
                self.line(format!("add {d}, {d}, 12345"));
                self.out.push_str(&format!("{l}:\n"));
            }
            19 => {
                let (d, a, b) = (self.x(), self.x(), self.isrc());
                let c = self.r.pick(&["lt", "ge", "eqs", "ult"]);
                let l = self.label();
                self.line(format!("{c} t, {a}, {b}"));
                self.line(format!("bf {l}, t"));
                self.line(format!("xor {d}, {d}, 0x55"));
                self.out.push_str(&format!("{l}:\n"));
            }
            20 => {
                let (a, b) = (self.ydst(), self.ysrc());
                let c = self
                    .r
                    .pick(&["dbeq", "dbne", "dblt", "dble", "dbgt", "dbge"]);
                let l = self.label();
                let d = self.x();
                self.line(format!("{c} {l}, {a}, {b}"));
                self.line(format!("add {d}, {d}, 3"));
                self.out.push_str(&format!("{l}:\n"));
            }
            _ => {
                let (d, a) = (self.x(), self.x());
                self.line(format!("mov {d}, {a}"));
            }
        }
    }

    fn program(seed: u64) -> String {
        let mut g = Gen {
            r: Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
            out: String::new(),
            labels: 0,
        };
        g.out.push_str(
            "m: module
ph: proto i64, i64:x, d:y
h: func i64, i64:x, d:y
  local i64:t
  d2i t, y
  xor t, t, x
  mul t, t, 31
  ret t
endfunc
f: func i64, d, i64:a, i64:b, d:c
  local i64:x0, i64:x1, i64:x2, i64:x3, i64:x4, i64:x5, i64:t, i64:k0, i64:k1, i64:k2, i64:p, i64:i
  local d:y0, d:y1, d:y2, f:z0, f:z1, ld:l
  alloca p, 256
  mov i, 0
Linit:
  mul t, i, 0x9E3779B97F4A7C15
  mov i64:(p, i, 8), t
  add i, i, 1
  blt Linit, i, 16
Linitf:
  i2d y0, i
  dmul y0, y0, 0.75
  dmov d:(p, i, 8), y0
  add i, i, 1
  blt Linitf, i, 32
  mov x0, a
  mov x1, b
  add x2, a, b
  xor x3, a, 0x1234
  mul x4, b, 3
  mov x5, 1
  dmov y0, c
  dmov y1, 1.5
  dsub y2, c, 2.0
  d2f z0, c
  fmov z1, 0.5f
",
        );
        let n = 5 + g.r.below(20);
        for _ in 0..n {
            g.stmt(0);
        }
        g.out.push_str(
            "  mov t, x0
  mul t, t, 3
  xor t, t, x1
  mul t, t, 5
  add t, t, x2
  mul t, t, 7
  xor t, t, x3
  mul t, t, 11
  add t, t, x4
  mul t, t, 13
  xor t, t, x5
  mov i, 0
Lsum:
  add t, t, i64:(p, i, 8)
  mul t, t, 3
  add i, i, 1
  blt Lsum, i, 16
  dadd y0, y0, y1
  dadd y0, y0, y2
  f2d y1, z0
  dadd y0, y0, y1
  f2d y1, z1
  dadd y0, y0, y1
  ret t, y0
endfunc
endmodule
",
        );
        g.out
    }
}

#[test]
fn differential_random_programs() {
    let n: u64 = std::env::var("MIRAGE_DIFF_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let first: u64 = std::env::var("MIRAGE_DIFF_FIRST")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let inputs = [
        vec![Val::from_i64(1), Val::from_i64(2), dv(0.5)],
        vec![Val::from_i64(-77), Val::from_i64(i64::MAX), dv(-1e300)],
        vec![
            Val::from_i64(0x1234_5678_9abc),
            Val::from_i64(-1),
            dv(f64::NAN),
        ],
    ];
    for case in first..first + n {
        let src = Gen::program(case);
        let modules = read(&src);
        let prog = interp_program(&modules);
        let want: Vec<Vec<Val>> = inputs.iter().map(|a| interp_call(&prog, "f", a)).collect();
        for level in 0..=2 {
            let native = Native::build(&modules, level)
                .unwrap_or_else(|e| panic!("case {case} -O{level}: {e}\n{src}"));
            for (args, w) in inputs.iter().zip(&want) {
                let got = native.call("f", args);
                let ok = same_val(Type::I64, &w[0], &got[0]) && same_val(Type::D, &w[1], &got[1]);
                assert!(
                    ok,
                    "case {case} -O{level} f{args:?}: interpreter {w:?}, native {got:?}\n{src}"
                );
            }
        }
    }
}

#[test]
#[ignore]
fn show_generated_program() {
    let case: u64 = std::env::var("MIRAGE_DIFF_FIRST")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let src = Gen::program(case);
    println!("{src}");
    let modules = read(&src);
    let f = modules[0].lookup("f").unwrap();
    let funcs = func_list(&modules);
    let index: HashMap<(usize, usize), usize> =
        funcs.iter().enumerate().map(|(k, &f)| (f, k)).collect();
    let region = Region::new(1 << 20);
    let data = layout_data(&modules, &|_, _| 0);
    let env = NativeEnv {
        modules: &modules,
        funcs: index,
        region: &region,
        data: &data,
        strings: None,
    };
    for pass in ["regalloc", "peephole"] {
        let opts = CodegenOptions {
            dump_after: Some(pass.into()),
            ..CodegenOptions::level(2)
        };
        let c = compile_func(&modules, 0, f, &env, &opts).unwrap();
        println!("---- after {pass}\n{}", c.dump.unwrap());
        println!("{:?}", c.stats);
    }
}

/// Compile speed (run with `--release -- --ignored --nocapture`): MIR
/// instructions per second over the random programs, per level.
#[test]
#[ignore]
fn compile_speed() {
    struct E;
    impl CodegenEnv for E {
        fn item_address(&self, _: usize, _: ItemId) -> Result<u64, String> {
            Ok(0x10_0000)
        }
        fn call_target(&self, _: usize, _: ItemId) -> Result<CallTarget, String> {
            Ok(CallTarget::Slot(0x10_0000))
        }
        fn helper_address(&self, _: Helper) -> Result<u64, String> {
            Ok(0x20_0000)
        }
    }
    // A few large functions: many random programs' bodies concatenated
    // into one module each.
    let mut modules = Vec::new();
    for k in 0..40u64 {
        let src = Gen::program(k * 7919 + 5);
        modules.push(read(&src));
    }
    let variants = [
        ("-O0", CodegenOptions::level(0)),
        ("-O1", CodegenOptions::level(1)),
        ("-O2", CodegenOptions::level(2)),
        (
            "-O2 backend only (opt disabled)",
            CodegenOptions {
                disable: vec!["opt".into()],
                ..CodegenOptions::level(2)
            },
        ),
    ];
    // `MIRAGE_SPEED_DISABLE=pass,pass` switches passes off in every
    // variant (to see what a pass costs).
    let off: Vec<String> = std::env::var("MIRAGE_SPEED_DISABLE")
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    // `MIRAGE_SPEED_ROUNDS=N` runs N rounds instead of two seconds, and
    // `MIRAGE_SPEED_ONLY=-O2` only the variants so named (deterministic
    // work for profiling under callgrind).
    let fixed: Option<usize> = std::env::var("MIRAGE_SPEED_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok());
    let only = std::env::var("MIRAGE_SPEED_ONLY").ok();
    // Compiles every function of every module for `secs` seconds (or the
    // fixed number of rounds): MIR instructions compiled, seconds, rounds.
    let measure = |modules: &[Vec<Module>], opts: &CodegenOptions, secs: f64| {
        let mut insns = 0usize;
        let t = std::time::Instant::now();
        let mut rounds = 0;
        while fixed.map_or(t.elapsed().as_secs_f64() < secs, |n| rounds < n) {
            for ms in modules {
                for (i, it) in ms[0].items.iter().enumerate() {
                    if let ItemKind::Func(f) = &it.kind {
                        let c = compile_func(ms, 0, ItemId::new(i), &E, opts).unwrap();
                        insns += f
                            .insns()
                            .filter(|x| x.op.family() != mirage_ir::Family::Label)
                            .count();
                        std::hint::black_box(c);
                    }
                }
            }
            rounds += 1;
        }
        (insns, t.elapsed().as_secs_f64(), rounds)
    };
    // `MIRAGE_SPEED_FILES=a.mir,b.mir` measures those programs one by one
    // (half a second per file and variant) instead of the random modules.
    if let Ok(files) = std::env::var("MIRAGE_SPEED_FILES") {
        for (what, mut opts) in variants {
            if only.as_ref().is_some_and(|o| o != what) {
                continue;
            }
            opts.disable.extend(off.iter().cloned());
            for path in files.split(',').filter(|p| !p.is_empty()) {
                let src = std::fs::read_to_string(path).unwrap();
                let ms = vec![read(&src)];
                let (insns, secs, rounds) = measure(&ms, &opts, 0.5);
                println!(
                    "{what} {path}: {:.0} MIR insns/s ({} insns per round, {rounds} rounds)",
                    insns as f64 / secs,
                    insns / rounds.max(1)
                );
            }
        }
        return;
    }
    for (what, mut opts) in variants {
        if only.as_ref().is_some_and(|o| o != what) {
            continue;
        }
        opts.disable.extend(off.iter().cloned());
        let (insns, secs, rounds) = measure(&modules, &opts, 2.0);
        println!(
            "{what}: {:.0} MIR insns/s ({insns} insns in {secs:.2} s, {rounds} rounds)",
            insns as f64 / secs
        );
    }
}
