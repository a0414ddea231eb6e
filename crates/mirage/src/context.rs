//! [`Context`]: load modules, link them, get function pointers.
//!
//! A context owns everything a running MIR program needs: the modules, their
//! data memory, the function table and thunks (one permanent address per
//! function), the interpreter's [`Program`], and the stubs that connect the
//! interpreter with native code. Linking (spec §7.3) happens in this order:
//!
//! 1. every function of the new modules gets a table slot and a thunk whose
//!    address never changes (or, in a context without code generation, a
//!    *handle*: a unique non-executable address the interpreter recognizes);
//! 2. data items are laid out in sections (§2.7) and initialized;
//! 3. imports are resolved, in order, to other modules' exports, symbols
//!    registered with [`Context::load_external`], the resolver callback, and
//!    the process's own symbols (`dlsym`); an unresolved import is an error
//!    naming it;
//! 4. the interpreter's [`Program`] is built over all modules; each slot is
//!    pointed at an interpreter shim (machine code that gathers the C
//!    arguments and enters the interpreter), so C code can call any MIR
//!    function through its thunk;
//! 5. `ref`, `lref` and `expr` data are filled in.
//!
//! Calls between interpreted functions stay inside the interpreter; calls
//! to native code go through ff-call stubs generated once per signature (or
//! the generic call path, which needs no runtime code, when code generation
//! is off).

use crate::bridge::{
    emit_interp_shim, ff_call_generic, BridgeError, CodeMemory, FfCallCache, FfCallFn, VaList,
};
use crate::data::{layout, DataArena};
use crate::sig::MirFn;
use mirage_interp::{
    call_from_native, Callee, FuncIdx, Interp, InterpConfig, LinkEnv, LinkError, ModuleIdx,
    Program, ProgramOptions, TraceSink, Trap,
};
use mirage_ir::abi::{ArgKind, CallSig, RetKind, Val};
use mirage_ir::{Errors, ItemId, ItemKind, Module, Proto, ReadOptions, Type};
use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Arc, Mutex};

/// How [`Context::link`] prepares functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Every function runs in the interpreter.
    Interp,
    /// Every function is compiled to machine code at link time.
    Jit,
    /// Each function is compiled on its first call.
    Lazy,
}

/// Options fixed when a context is created.
#[derive(Clone)]
pub struct ContextOptions {
    /// Whether the context may create executable memory. Without it no
    /// executable page is ever mapped: native calls use the generic call
    /// path, and passing a MIR function to native code is refused.
    pub code_generation: bool,
    /// Trace every executed instruction here.
    pub trace: Option<TraceSink>,
    /// Limits of the interpreter (recursion depth, stack memory).
    pub interp: InterpConfig,
    /// Optimization level of generated code (0, 1 or 2).
    pub opt_level: u8,
    /// Generator passes to skip, by name (see `mirage-codegen`).
    pub disable_passes: Vec<String>,
    /// Write `/tmp/perf-PID.map` so `perf report` names generated functions
    /// (the CLI sets it from `MIRAGE_PERF_MAP=1`).
    pub perf_map: bool,
}

impl Default for ContextOptions {
    fn default() -> Self {
        ContextOptions {
            code_generation: true,
            trace: None,
            interp: InterpConfig {
                max_depth: 4_000_000,
                max_stack_bytes: 1 << 30,
            },
            opt_level: 2,
            disable_passes: Vec::new(),
            perf_map: false,
        }
    }
}

impl fmt::Debug for ContextOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContextOptions")
            .field("code_generation", &self.code_generation)
            .field("trace", &self.trace.is_some())
            .field("interp", &self.interp)
            .field("opt_level", &self.opt_level)
            .finish()
    }
}

/// Everything that can go wrong in a context.
#[derive(Debug)]
pub enum Error {
    /// Reading or verifying text failed.
    Read(Errors),
    /// Linking failed (unresolved import, duplicate export, bad data).
    Link(String),
    /// A requested function does not exist.
    NoSuchFunction(String),
    /// A typed lookup found a different signature.
    Signature { func: String, message: String },
    /// A feature this build cannot provide yet.
    Unavailable(String),
    /// The native bridge failed (code memory, stubs).
    Bridge(BridgeError),
    /// Interpreted code stopped with a runtime error.
    Trap(Trap),
    /// The context must be linked first.
    NotLinked,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read(e) => write!(f, "{e}"),
            Error::Link(m) => write!(f, "link error: {m}"),
            Error::NoSuchFunction(n) => write!(f, "no function named '{n}'"),
            Error::Signature { func, message } => {
                write!(f, "signature mismatch for function '{func}': {message}")
            }
            Error::Unavailable(m) => f.write_str(m),
            Error::Bridge(e) => write!(f, "native bridge: {e}"),
            Error::Trap(t) => write!(f, "runtime error: {t}"),
            Error::NotLinked => f.write_str("the context is not linked yet"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Errors> for Error {
    fn from(e: Errors) -> Error {
        Error::Read(e)
    }
}
impl From<BridgeError> for Error {
    fn from(e: BridgeError) -> Error {
        Error::Bridge(e)
    }
}
impl From<Trap> for Error {
    fn from(t: Trap) -> Error {
        Error::Trap(t)
    }
}

/// A symbol resolver: name → address.
pub type Resolver = Box<dyn Fn(&str) -> Option<usize> + Send + Sync>;

/// Native-code machinery shared by the link environment.
pub(crate) struct Native {
    pub(crate) mem: CodeMemory,
    pub(crate) ff: FfCallCache,
}

/// The interpreter's view of a linked context (implements [`LinkEnv`]).
pub(crate) struct Env {
    /// Per module, per item: the run-time address (0 when none).
    pub(crate) item_addr: Vec<Vec<u64>>,
    /// Function call addresses (thunks or handles) → function.
    func_at: HashMap<u64, FuncIdx>,
    /// Names of functions by index (for refusals).
    func_names: Vec<String>,
    /// Addresses the interpreter handles itself (setjmp, longjmp).
    special: HashMap<u64, Callee>,
    pub(crate) native: Option<Mutex<Native>>,
}

impl LinkEnv for Env {
    fn item_address(&self, module: ModuleIdx, item: ItemId) -> Result<u64, LinkError> {
        self.item_addr
            .get(module.0 as usize)
            .and_then(|m| m.get(item.index()))
            .copied()
            .filter(|&a| a != 0)
            .ok_or_else(|| {
                LinkError(format!(
                    "item {item:?} of module {} has no address",
                    module.0
                ))
            })
    }

    fn callee_at(&self, addr: u64) -> Callee {
        if let Some(&f) = self.func_at.get(&addr) {
            return Callee::Interp(f);
        }
        if let Some(&c) = self.special.get(&addr) {
            return c;
        }
        Callee::Native(addr)
    }

    fn call_native(&self, addr: u64, sig: &CallSig, slots: &mut [Val]) -> Result<(), Trap> {
        let nres = sig.results.len();
        match &self.native {
            Some(native) => {
                let stub = {
                    let mut n = native
                        .lock()
                        .map_err(|_| Trap::Host("bridge lock poisoned".into()))?;
                    let Native { mem, ff } = &mut *n;
                    ff.get(mem, sig).map_err(|e| Trap::Host(e.to_string()))?
                };
                // SAFETY: the stub was generated for `sig`, `slots` holds
                // `nres` result slots followed by one slot per argument of
                // `sig` (the interpreter's contract), and `addr` is the
                // address the MIR program calls with this prototype.
                unsafe { stub(addr as usize as *const u8, slots.as_mut_ptr()) };
                Ok(())
            }
            None => {
                // Without code generation MIR functions have no native entry:
                // refuse to hand one to C.
                for (i, (k, v)) in sig.args.iter().zip(&slots[nres..]).enumerate() {
                    if matches!(k, ArgKind::I64) {
                        if let Some(f) = self.func_at.get(&(v.i64() as u64)) {
                            return Err(Trap::Host(format!(
                                "argument {i} passes MIR function '{}' to native code, which needs \
                                 code generation (this context was created without it)",
                                self.func_names[f.0 as usize]
                            )));
                        }
                    }
                }
                // SAFETY: as above; the generic path classifies `sig` itself.
                unsafe { ff_call_generic(addr as usize as *const u8, sig, slots) }
                    .map_err(|e| Trap::Host(e.to_string()))
            }
        }
    }

    /// The address of the ff-call stub for `sig` (generated now if needed),
    /// so that the interpreter's later calls skip the stub cache's lock and
    /// lookup; 0 without code generation (the generic path is used).
    fn prepare_native(&self, sig: &CallSig) -> u64 {
        let Some(native) = &self.native else {
            return 0;
        };
        let Ok(mut n) = native.lock() else {
            return 0;
        };
        let Native { mem, ff } = &mut *n;
        match ff.get(mem, sig) {
            Ok(f) => f as usize as u64,
            Err(_) => 0,
        }
    }

    unsafe fn call_native_prepared(
        &self,
        token: u64,
        addr: u64,
        sig: &CallSig,
        slots: &mut [Val],
    ) -> Result<(), Trap> {
        if token == 0 {
            return self.call_native(addr, sig, slots);
        }
        // SAFETY: a nonzero token is the address of the stub that
        // `prepare_native` of this environment got for `sig` (the caller's
        // contract); stubs live as long as the environment's code memory,
        // and the rest is as in `call_native`.
        unsafe {
            let stub = std::mem::transmute::<usize, FfCallFn>(token as usize);
            stub(addr as usize as *const u8, slots.as_mut_ptr());
        }
        Ok(())
    }
}

/// What one shim needs to enter the interpreter.
struct ShimData {
    program: AtomicPtr<Program>,
    func: FuncIdx,
}

/// The handler every interpreter shim calls.
unsafe extern "C" fn shim_handler(data: *const (), va: *mut VaList, results: *mut Val) {
    // SAFETY: `data` is the `ShimData` this shim was emitted with; the
    // context keeps it and the program alive as long as the shim's code.
    let d = unsafe { &*(data as *const ShimData) };
    // SAFETY: the program is set before any slot points at a shim and
    // outlives its shims (see above).
    let prog = unsafe { &*d.program.load(Ordering::Acquire) };
    // SAFETY: the shim built `va` over the caller's saved registers and
    // stack arguments, and `results` has room for every result.
    let r = unsafe { call_from_native(prog, d.func, va, results) };
    if let Err(t) = r {
        // A trap cannot unwind through C frames: report it and stop, like
        // a C program that faults.
        // `_exit`, not `exit`: this may run inside exit handlers already.
        // SAFETY: fflush(NULL) flushes C stdio; _exit ends the process.
        unsafe {
            libc::fflush(std::ptr::null_mut());
        }
        eprintln!("mirage: runtime error: {t}");
        // SAFETY: as above.
        unsafe { libc::_exit(70) }
    }
}

/// State after linking.
struct Linked {
    env: Arc<Env>,
    program: Arc<Program>,
    /// Call address of every function (thunk or handle).
    func_addr: Vec<u64>,
    mode: Mode,
    /// The generator's state (lazy wrappers point into it).
    _gen: Option<Arc<crate::gen::Gen>>,
    /// Boxed so each shim's data keeps its address while the vector grows.
    #[allow(clippy::vec_box)]
    _shims: Vec<Box<ShimData>>,
}

/// A mirage context (see the module documentation).
pub struct Context {
    opts: ContextOptions,
    modules: Vec<Module>,
    externals: HashMap<String, usize>,
    resolver: Option<Resolver>,
    data: DataArena,
    linked: Option<Linked>,
}

impl Default for Context {
    fn default() -> Self {
        Context::new()
    }
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("modules", &self.modules.len())
            .field("linked", &self.linked.is_some())
            .finish()
    }
}

pub(crate) fn call_sig(p: &Proto) -> CallSig {
    CallSig {
        results: p
            .results
            .iter()
            .filter_map(|&t| RetKind::from_type(t))
            .collect(),
        args: p
            .params
            .iter()
            .map(|q| ArgKind::from_type(q.ty, q.size))
            .collect(),
        nfixed: p.params.len(),
        variadic: p.vararg,
    }
}

/// Looks a symbol up in the process (libc, the executable, and libm,
/// which Rust programs do not necessarily load: it is opened on demand).
fn dlsym_default(name: &str) -> Option<usize> {
    let c = std::ffi::CString::new(name).ok()?;
    // SAFETY: `c` is a valid NUL-terminated string; RTLD_DEFAULT searches
    // the global symbol scope and dlsym has no other preconditions.
    let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c.as_ptr()) };
    if !p.is_null() {
        return Some(p as usize);
    }
    static LIBM: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let libm = *LIBM.get_or_init(|| {
        // SAFETY: dlopen with a constant NUL-terminated name; the handle is
        // kept for the life of the process.
        unsafe { libc::dlopen(c"libm.so.6".as_ptr(), libc::RTLD_NOW | libc::RTLD_GLOBAL) as usize }
    });
    if libm == 0 {
        return None;
    }
    // SAFETY: `libm` is a live handle from dlopen; `c` is NUL-terminated.
    let p = unsafe { libc::dlsym(libm as *mut libc::c_void, c.as_ptr()) };
    (!p.is_null()).then_some(p as usize)
}

/// C library functions that are not in libc's dynamic symbol table (glibc
/// links them statically into each program from libc_nonshared.a), so
/// `dlsym` cannot find them; mirage's own copy is used.
fn static_libc_symbol(name: &str) -> Option<usize> {
    match name {
        "atexit" => Some(libc::atexit as *const () as usize),
        _ => None,
    }
}

impl Context {
    /// A context with code generation allowed.
    pub fn new() -> Context {
        Context::with_options(ContextOptions::default())
    }

    pub fn with_options(opts: ContextOptions) -> Context {
        Context {
            opts,
            modules: Vec::new(),
            externals: HashMap::new(),
            resolver: None,
            data: DataArena::default(),
            linked: None,
        }
    }

    /// Reads MIR text (every module in it) and loads it.
    pub fn load_text(&mut self, src: &[u8], file: Option<&str>) -> Result<(), Error> {
        let opts = ReadOptions {
            file: file.map(str::to_string),
            ..ReadOptions::default()
        };
        for m in mirage_ir::read_modules(src, &opts)? {
            self.load_module(m)?;
        }
        Ok(())
    }

    /// Loads a module (read from text or built with the builder). It is
    /// verified first.
    pub fn load_module(&mut self, m: Module) -> Result<(), Error> {
        if self.linked.is_some() {
            return Err(Error::Unavailable(
                "loading modules after link is not supported yet: create a new context".into(),
            ));
        }
        mirage_ir::verify_module(&m)?;
        self.modules.push(m);
        Ok(())
    }

    /// Registers an external symbol (a C function or data) for imports.
    pub fn load_external(&mut self, name: &str, addr: *const u8) {
        self.externals.insert(name.to_string(), addr as usize);
    }

    /// Sets a callback consulted for imports that are neither exported by a
    /// loaded module nor registered with [`Context::load_external`].
    pub fn set_resolver(&mut self, r: impl Fn(&str) -> Option<usize> + Send + Sync + 'static) {
        self.resolver = Some(Box::new(r));
    }

    /// The loaded modules.
    pub fn modules(&self) -> &[Module] {
        &self.modules
    }

    /// Links every loaded module (see the module documentation).
    pub fn link(&mut self, mode: Mode) -> Result<(), Error> {
        if mode != Mode::Interp && !self.opts.code_generation {
            return Err(Error::Unavailable(format!(
                "mode {mode:?} generates machine code, but this context was created without code \
                 generation"
            )));
        }
        if self.linked.is_some() {
            return Err(Error::Unavailable("the context is already linked".into()));
        }
        // 1. Function numbering and call addresses.
        let mut funcs: Vec<(usize, ItemId)> = Vec::new();
        for (mi, m) in self.modules.iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                if matches!(it.kind, ItemKind::Func(_)) {
                    funcs.push((mi, ItemId::new(ii)));
                }
            }
        }
        let mut native = if self.opts.code_generation {
            Some(Native {
                mem: CodeMemory::new()?,
                ff: FfCallCache::new(),
            })
        } else {
            None
        };
        let func_addr: Vec<u64> = match &mut native {
            Some(n) => {
                let first = n.mem.add_functions(&vec![std::ptr::null(); funcs.len()])?;
                (0..funcs.len())
                    .map(|i| n.mem.thunk_address(first + i).map(|a| a as u64))
                    .collect::<Result<_, _>>()?
            }
            None => {
                let base = self.data.alloc(funcs.len() * 16) as u64;
                (0..funcs.len() as u64).map(|i| base + 16 * i).collect()
            }
        };
        let mut item_addr: Vec<Vec<u64>> = self
            .modules
            .iter()
            .map(|m| vec![0; m.items.len()])
            .collect();
        for (fi, &(mi, item)) in funcs.iter().enumerate() {
            item_addr[mi][item.index()] = func_addr[fi];
        }
        // 2. Data layout.
        for (mi, m) in self.modules.iter().enumerate() {
            let lay = layout(m);
            let bases: Vec<u64> = lay
                .section_sizes
                .iter()
                .map(|&s| {
                    if s > (1u64 << 40) {
                        Err(Error::Link(format!(
                            "data section of {s} bytes is too large"
                        )))
                    } else {
                        Ok(self.data.alloc(s as usize) as u64)
                    }
                })
                .collect::<Result<_, _>>()?;
            for (ii, p) in lay.place.iter().enumerate() {
                if let Some((s, off)) = p {
                    item_addr[mi][ii] = bases[*s] + off;
                }
            }
        }
        // 3. Exports, then imports.
        let mut exports: HashMap<String, u64> = HashMap::new();
        for (mi, m) in self.modules.iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                if !matches!(it.kind, ItemKind::Export) {
                    continue;
                }
                let name = it.name.clone().unwrap_or_default();
                let def = m.resolve(ItemId::new(ii));
                let addr = item_addr[mi][def.index()];
                if addr == 0 {
                    return Err(Error::Link(format!(
                        "module '{}' exports '{name}', which it does not define",
                        m.name
                    )));
                }
                let is_func = matches!(m.item(def).kind, ItemKind::Func(_));
                if let Some(prev) = exports.insert(name.clone(), addr) {
                    if prev != addr && is_func {
                        return Err(Error::Link(format!(
                            "function '{name}' is exported by more than one module"
                        )));
                    }
                }
            }
        }
        let mut special = HashMap::new();
        for (mi, m) in self.modules.iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                let resolved = match (&it.kind, &it.name) {
                    (ItemKind::Import, Some(name)) => {
                        let addr = exports
                            .get(name)
                            .copied()
                            .or_else(|| self.externals.get(name).map(|&a| a as u64))
                            .or_else(|| {
                                self.resolver
                                    .as_ref()
                                    .and_then(|r| r(name))
                                    .map(|a| a as u64)
                            })
                            .or_else(|| dlsym_default(name).map(|a| a as u64))
                            .or_else(|| static_libc_symbol(name).map(|a| a as u64))
                            .ok_or_else(|| {
                                Error::Link(format!(
                                    "undefined symbol '{name}' imported by module '{}'",
                                    m.name
                                ))
                            })?;
                        if let Some(c) = Callee::special_for_name(name) {
                            special.insert(addr, c);
                        }
                        addr
                    }
                    (ItemKind::Export | ItemKind::Forward, _) => {
                        item_addr[mi][m.resolve(ItemId::new(ii)).index()]
                    }
                    _ => continue,
                };
                item_addr[mi][ii] = resolved;
            }
        }
        // 4. Interpreter shims (their program pointer is set once the
        // program exists), then the program itself.
        let func_names: Vec<String> = funcs
            .iter()
            .map(|&(mi, it)| self.modules[mi].item(it).name.clone().unwrap_or_default())
            .collect();
        // In the interpreter mode, calls from interpreted code to a MIR
        // function's thunk stay in the interpreter; with generated code they
        // go through the thunk to whatever the slot holds.
        let mut func_at: HashMap<u64, FuncIdx> = if mode == Mode::Interp {
            func_addr
                .iter()
                .enumerate()
                .map(|(i, &a)| (a, FuncIdx(i as u32)))
                .collect()
        } else {
            HashMap::new()
        };
        let mut shims: Vec<Box<ShimData>> = Vec::new();
        let mut targets = Vec::with_capacity(funcs.len());
        if let Some(n) = &mut native {
            let mut batch = n.mem.batch();
            for (fi, &(mi, item)) in funcs.iter().enumerate() {
                let Some(f) = self.modules[mi].func(item) else {
                    continue;
                };
                let data = Box::new(ShimData {
                    program: AtomicPtr::new(std::ptr::null_mut()),
                    func: FuncIdx(fi as u32),
                });
                let addr = emit_interp_shim(
                    &mut batch,
                    &call_sig(&f.sig),
                    shim_handler,
                    &*data as *const ShimData as *const (),
                )?;
                // A call from interpreted code to a shim (e.g. through the
                // function table) stays in the interpreter too.
                if mode == Mode::Interp {
                    func_at.insert(addr as u64, FuncIdx(fi as u32));
                }
                targets.push(addr);
                shims.push(data);
            }
            batch.publish()?;
        }
        let env = Arc::new(Env {
            item_addr,
            func_at,
            func_names,
            special,
            native: native.map(Mutex::new),
        });
        let modules: Arc<[Module]> = self.modules.clone().into();
        let program = Arc::new(Program::new(
            modules.clone(),
            env.clone() as Arc<dyn LinkEnv>,
            ProgramOptions {
                trace: self.opts.trace.clone(),
                interp: self.opts.interp,
                ..ProgramOptions::default()
            },
        ));
        for d in &shims {
            d.program
                .store(Arc::as_ptr(&program) as *mut Program, Ordering::Release);
        }
        if let Some(native) = &env.native {
            let n = native
                .lock()
                .map_err(|_| Error::Link("bridge lock poisoned".into()))?;
            for (fi, t) in targets.iter().enumerate() {
                n.mem.set_target(fi, *t)?;
            }
        }
        // Machine code: every function now (Jit), or each on its first call
        // through a lazy wrapper (Lazy). Functions whose labels `lref` data
        // need are generated now in both modes, so the data holds machine
        // addresses.
        let mut code_labels: crate::gen::PlacedCode = HashMap::new();
        let mut lazy = None;
        if mode != Mode::Interp {
            let gen = Arc::new(crate::gen::Gen::new(
                modules.clone(),
                env.clone(),
                funcs.clone(),
                func_addr.clone(),
                targets.clone(),
                mirage_codegen::CodegenOptions {
                    opt_level: self.opts.opt_level,
                    disable: self.opts.disable_passes.clone(),
                    dump_after: None,
                },
                self.opts.perf_map,
            )?);
            let mut eager: Vec<usize> = Vec::new();
            if mode == Mode::Jit {
                eager = (0..funcs.len()).collect();
            } else {
                for (mi, m) in self.modules.iter().enumerate() {
                    for it in &m.items {
                        if let ItemKind::Lref { func, .. } = it.kind {
                            if let Some(fi) = funcs.iter().position(|&f| f == (mi, func)) {
                                eager.push(fi);
                            }
                        }
                    }
                }
                eager.sort_unstable();
                eager.dedup();
            }
            code_labels = gen.generate_now(&eager)?;
            if mode == Mode::Lazy {
                gen.install_lazy_wrappers(&eager)?;
            }
            lazy = Some(gen);
        }
        // 5. Initial contents: data and strings, then ref, lref and expr.
        for (mi, m) in self.modules.iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                let at = env.item_addr[mi][ii];
                let value: Option<(u64, usize)> = match &it.kind {
                    ItemKind::Data { bytes, .. } | ItemKind::Str(bytes) => {
                        write_bytes(at, bytes);
                        None
                    }
                    ItemKind::Ref { target, disp } => {
                        let t = env.item_addr[mi][m.resolve(*target).index()];
                        Some((t.wrapping_add(*disp as u64), 8))
                    }
                    ItemKind::Lref {
                        func,
                        label,
                        label2,
                        disp,
                    } => {
                        let f =
                            program
                                .func_index(ModuleIdx(mi as u32), *func)
                                .ok_or_else(|| {
                                    Error::Link("lref of a label outside functions".into())
                                })?;
                        let label_addr = |l: mirage_ir::LabelId| -> Result<u64, Error> {
                            match code_labels.get(&(f.0 as usize)) {
                                Some((code, offs)) => offs
                                    .get(l.index())
                                    .copied()
                                    .flatten()
                                    .map(|o| code + o as u64)
                                    .ok_or_else(|| Error::Link("lref of an unplaced label".into())),
                                None => Ok(program.label_address(f, l)?),
                            }
                        };
                        let a = label_addr(*label)?;
                        let b = match label2 {
                            Some(l2) => label_addr(*l2)?,
                            None => 0,
                        };
                        Some((a.wrapping_sub(b).wrapping_add(*disp as u64), 8))
                    }
                    ItemKind::Expr { func } => {
                        let f = program
                            .func_index(ModuleIdx(mi as u32), m.resolve(*func))
                            .ok_or_else(|| {
                                Error::Link("expr of something not a function".into())
                            })?;
                        let ty = m.func(*func).and_then(|f| f.sig.results.first().copied());
                        let mut res = [Val::ZERO];
                        Interp::new(self.opts.interp).call(&program, f, &[], &mut res)?;
                        let size = match ty {
                            Some(Type::LD) => 10,
                            Some(t) => t.size() as usize,
                            None => 0,
                        };
                        let v = res[0];
                        write_bytes(at, &v.bytes[..size]);
                        None
                    }
                    _ => None,
                };
                if let Some((v, n)) = value {
                    write_bytes(at, &v.to_le_bytes()[..n]);
                }
            }
        }
        self.linked = Some(Linked {
            env,
            program,
            func_addr,
            mode,
            _gen: lazy,
            _shims: shims,
        });
        Ok(())
    }

    fn linked(&self) -> Result<&Linked, Error> {
        self.linked.as_ref().ok_or(Error::NotLinked)
    }

    /// Finds a function by name: an exported one first, else any.
    fn find(&self, name: &str) -> Result<(FuncIdx, &Proto), Error> {
        let l = self.linked()?;
        let f = l
            .program
            .find_func(name)
            .ok_or_else(|| Error::NoSuchFunction(name.to_string()))?;
        let ir = l
            .program
            .func_ir(f)
            .ok_or_else(|| Error::NoSuchFunction(name.to_string()))?;
        Ok((f, &ir.sig))
    }

    /// The permanent address of a function (its thunk, callable from C).
    /// Without code generation there is no callable address: an error.
    pub fn func_address(&self, name: &str) -> Result<*const u8, Error> {
        let (f, _) = self.find(name)?;
        let l = self.linked()?;
        if l.env.native.is_none() {
            return Err(Error::Unavailable(format!(
                "function '{name}' has no native address: this context was created without code \
                 generation"
            )));
        }
        Ok(l.func_addr[f.0 as usize] as usize as *const u8)
    }

    /// A typed function pointer to a MIR function, checked against its
    /// prototype: `ctx.get_fn::<unsafe extern "C" fn(i64) -> i64>("fact")`.
    pub fn get_fn<F: MirFn>(&self, name: &str) -> Result<F, Error> {
        let (_, proto) = self.find(name)?;
        F::check(proto).map_err(|message| Error::Signature {
            func: name.to_string(),
            message,
        })?;
        let addr = self.func_address(name)?;
        // SAFETY: `addr` is the function's thunk, which runs code with the
        // function's C signature, and `F::check` accepted that signature.
        Ok(unsafe { F::from_addr(addr) })
    }

    /// Calls a function in the interpreter with one [`Val`] per parameter
    /// and returns its results.
    pub fn call(&self, name: &str, args: &[Val]) -> Result<Vec<Val>, Error> {
        let (f, proto) = self.find(name)?;
        let l = self.linked()?;
        if l.mode == Mode::Interp {
            let mut res = vec![Val::ZERO; proto.results.len()];
            Interp::new(self.opts.interp).call(&l.program, f, args, &mut res)?;
            return Ok(res);
        }
        // Generated code: call the thunk with the C ABI.
        if proto.vararg || args.len() != proto.params.len() {
            return Err(Error::Signature {
                func: name.to_string(),
                message: format!(
                    "{} argument(s) given, the function takes {}{}",
                    args.len(),
                    proto.params.len(),
                    if proto.vararg { " and is variadic" } else { "" }
                ),
            });
        }
        let sig = call_sig(proto);
        let nres = sig.results.len();
        let mut slots = vec![Val::ZERO; nres + args.len()];
        slots[nres..].copy_from_slice(args);
        l.env
            .call_native(l.func_addr[f.0 as usize], &sig, &mut slots)
            .map_err(Error::Trap)?;
        slots.truncate(nres);
        Ok(slots)
    }

    /// The function table's base address and a function's index in it, for
    /// front ends that call through the table (`call [base + 8*index]`).
    pub fn table_slot(&self, name: &str) -> Result<(usize, *const u8), Error> {
        let (f, _) = self.find(name)?;
        let l = self.linked()?;
        let native = l.env.native.as_ref().ok_or_else(|| {
            Error::Unavailable("no function table without code generation".into())
        })?;
        let n = native
            .lock()
            .map_err(|_| Error::Link("bridge lock poisoned".into()))?;
        Ok((f.0 as usize, n.mem.table_base() as *const u8))
    }

    /// The interpreter program (for tools: tracing, dumps, statistics).
    pub fn program(&self) -> Result<&Program, Error> {
        Ok(&self.linked()?.program)
    }

    /// Prepares (lowers) every function now instead of on first call.
    pub fn prepare_all(&self) -> Result<(), Error> {
        self.linked()?.program.prepare_all()?;
        Ok(())
    }

    /// Total bytes of data memory.
    pub fn data_bytes(&self) -> usize {
        self.data.bytes()
    }
}

fn write_bytes(at: u64, bytes: &[u8]) {
    if at == 0 || bytes.is_empty() {
        return;
    }
    // SAFETY: `at` is the address of a data item laid out by `layout` in
    // the context's arena, whose size is at least `bytes.len()` (item sizes
    // come from the same `item_size` the layout used).
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), at as usize as *mut u8, bytes.len()) };
}
