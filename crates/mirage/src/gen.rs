//! Generated code in a context: eager (`Mode::Jit`) and lazy (`Mode::Lazy`).
//!
//! [`Gen`] connects the generator (`mirage-codegen`) with a linked context:
//! it answers the generator's questions about addresses ([`CodegenEnv`]),
//! places compiled functions in the context's code memory (patching their
//! relocations for the final address) and points their table slots at the
//! code. In lazy mode each slot first points at a lazy wrapper whose hook
//! compiles the function on its first call, stores the code in the slot and
//! lets the original call continue with its arguments intact. A function
//! that fails to compile keeps running in the interpreter (its slot keeps
//! the interpreter shim), with a warning on stderr.

use crate::bridge::emit_lazy_wrapper;
use crate::context::{Env, Error};
use mirage_codegen::{compile_func, CallTarget, CodegenEnv, CodegenOptions, Compiled, Helper};
use mirage_ir::{ItemId, ItemKind, Module};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Placed functions: index → (code address, label offsets).
pub(crate) type PlacedCode = HashMap<usize, (u64, Vec<Option<u32>>)>;

/// What a lazy wrapper's hook needs.
struct LazyData {
    gen: *const Gen,
    func: usize,
}

/// The generator's view of a linked context (see the module docs).
pub(crate) struct Gen {
    modules: Arc<[Module]>,
    env: Arc<Env>,
    /// Function index → (module, item).
    funcs: Vec<(usize, ItemId)>,
    /// Function index → thunk address; and back.
    thunk_index: HashMap<u64, usize>,
    /// Function index → interpreter shim (the fallback).
    shims: Vec<*const u8>,
    table_base: u64,
    opts: CodegenOptions,
    /// Append every placed function to `/tmp/perf-PID.map`.
    perf_map: bool,
    /// Storage of string operands of generated code.
    strings: Mutex<Vec<Box<[u8]>>>,
    /// Boxed so each wrapper's data keeps its address while the vector grows.
    #[allow(clippy::vec_box)]
    lazy: Mutex<Vec<Box<LazyData>>>,
}

// SAFETY: the raw pointers are code addresses in the context's code memory,
// which lives as long as the context that owns this `Gen`; they are only
// read.
unsafe impl Send for Gen {}
// SAFETY: as above; mutable state is behind mutexes.
unsafe impl Sync for Gen {}

/// `va_block_arg` for generated code (spec §5.15).
unsafe extern "C" fn va_block_arg_helper(
    dest: *mut u8,
    va: *mut mirage_interp::valist::VaList,
    size: u64,
    case: u64,
) {
    // SAFETY: generated code passes the program's own va_list and a
    // destination of at least `size` bytes (the MIR program's contract).
    unsafe { (*va).block_arg(dest, size, case) }
}

impl CodegenEnv for Gen {
    fn item_address(&self, module: usize, item: ItemId) -> Result<u64, String> {
        self.env
            .item_addr
            .get(module)
            .and_then(|m| m.get(item.index()))
            .copied()
            .filter(|&a| a != 0)
            .ok_or_else(|| format!("item {item:?} of module {module} has no address"))
    }

    fn call_target(&self, module: usize, item: ItemId) -> Result<CallTarget, String> {
        let addr = self.item_address(module, item)?;
        let m = &self.modules[module];
        let def = m.resolve(item);
        let is_func = matches!(
            m.items.get(def.index()).map(|i| &i.kind),
            Some(ItemKind::Func(_))
        );
        match self.thunk_index.get(&addr) {
            Some(&fi) if is_func || matches!(m.item(def).kind, ItemKind::Import) => {
                Ok(CallTarget::Slot(self.table_base + 8 * fi as u64))
            }
            _ => Ok(CallTarget::Far(addr)),
        }
    }

    fn helper_address(&self, helper: Helper) -> Result<u64, String> {
        Ok(match helper {
            Helper::VaBlockArg => va_block_arg_helper as *const () as u64,
        })
    }

    /// String operands live in writable memory owned by the context (spec
    /// §4.6), one copy per operand.
    fn string_address(&self, bytes: &[u8]) -> Result<u64, String> {
        let mut b: Box<[u8]> = bytes.into();
        let addr = b.as_mut_ptr() as u64;
        self.strings
            .lock()
            .map_err(|_| "lock poisoned".to_string())?
            .push(b);
        Ok(addr)
    }
}

impl Gen {
    pub(crate) fn new(
        modules: Arc<[Module]>,
        env: Arc<Env>,
        funcs: Vec<(usize, ItemId)>,
        thunks: Vec<u64>,
        shims: Vec<*const u8>,
        opts: CodegenOptions,
        perf_map: bool,
    ) -> Result<Gen, Error> {
        let native = env
            .native
            .as_ref()
            .ok_or_else(|| Error::Unavailable("no code memory".into()))?;
        let table_base = native
            .lock()
            .map_err(|_| Error::Link("bridge lock poisoned".into()))?
            .mem
            .table_base() as u64;
        Ok(Gen {
            thunk_index: thunks.iter().enumerate().map(|(i, &a)| (a, i)).collect(),
            modules,
            env,
            funcs,
            shims,
            table_base,
            opts,
            perf_map,
            strings: Mutex::new(Vec::new()),
            lazy: Mutex::new(Vec::new()),
        })
    }

    fn name(&self, fi: usize) -> &str {
        let (mi, item) = self.funcs[fi];
        self.modules[mi].item(item).name.as_deref().unwrap_or("?")
    }

    fn compile(&self, fi: usize) -> Option<Compiled> {
        let (mi, item) = self.funcs[fi];
        match compile_func(&self.modules, mi, item, self, &self.opts) {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!(
                    "mirage: warning: function '{}' runs in the interpreter: {e}",
                    self.name(fi)
                );
                None
            }
        }
    }

    /// Places compiled functions in one batch of code memory and points
    /// their slots at them. Returns each placed function's code address
    /// and label offsets.
    fn place(&self, compiled: Vec<(usize, Compiled)>) -> Result<PlacedCode, Error> {
        let native = self.env.native.as_ref().ok_or(Error::NotLinked)?;
        let mut n = native
            .lock()
            .map_err(|_| Error::Link("bridge lock poisoned".into()))?;
        let mut placed = Vec::with_capacity(compiled.len());
        {
            let mut batch = n.mem.batch();
            for (fi, c) in compiled {
                let (at, buf) = batch.alloc(c.code.len().max(1))?;
                buf[..c.code.len()].copy_from_slice(&c.code);
                match c.relocate(&mut buf[..c.code.len()], at as u64) {
                    Ok(()) => placed.push((fi, at, c.labels, c.code.len())),
                    Err(e) => eprintln!(
                        "mirage: warning: function '{}' runs in the interpreter: {e}",
                        self.name(fi)
                    ),
                }
            }
            batch.publish()?;
        }
        let mut out = HashMap::new();
        let mut perf = Vec::new();
        for (fi, at, labels, len) in placed {
            n.mem.set_target(fi, at)?;
            if self.perf_map {
                perf.push((at as u64, len, self.name(fi).to_string()));
            }
            out.insert(fi, (at as u64, labels));
        }
        if !perf.is_empty() {
            perf_map_append(&perf);
        }
        Ok(out)
    }

    /// Compiles and installs the given functions now.
    pub(crate) fn generate_now(&self, fis: &[usize]) -> Result<PlacedCode, Error> {
        let compiled: Vec<(usize, Compiled)> = fis
            .iter()
            .filter_map(|&fi| self.compile(fi).map(|c| (fi, c)))
            .collect();
        self.place(compiled)
    }

    /// Points every slot except `except`'s at a lazy wrapper.
    pub(crate) fn install_lazy_wrappers(self: &Arc<Self>, except: &[usize]) -> Result<(), Error> {
        let native = self.env.native.as_ref().ok_or(Error::NotLinked)?;
        let mut n = native
            .lock()
            .map_err(|_| Error::Link("bridge lock poisoned".into()))?;
        let mut lazy = self
            .lazy
            .lock()
            .map_err(|_| Error::Link("lock poisoned".into()))?;
        let mut wrappers = Vec::new();
        {
            let mut batch = n.mem.batch();
            for fi in 0..self.funcs.len() {
                if except.contains(&fi) {
                    continue;
                }
                let data = Box::new(LazyData {
                    gen: Arc::as_ptr(self),
                    func: fi,
                });
                let w = emit_lazy_wrapper(
                    &mut batch,
                    lazy_hook,
                    &*data as *const LazyData as *const (),
                )?;
                lazy.push(data);
                wrappers.push((fi, w));
            }
            batch.publish()?;
        }
        for (fi, w) in wrappers {
            n.mem.set_target(fi, w)?;
        }
        Ok(())
    }

    /// The lazy hook's work: compile, place, return the code to continue at.
    fn generate_lazily(&self, fi: usize) -> *const u8 {
        let placed = self
            .compile(fi)
            .map(|c| self.place(vec![(fi, c)]))
            .and_then(|r| r.ok())
            .and_then(|m| m.get(&fi).map(|(a, _)| *a as usize as *const u8));
        match placed {
            Some(code) => code,
            None => {
                // Fall back to the interpreter for good.
                let shim = self.shims[fi];
                if let Some(native) = &self.env.native {
                    if let Ok(n) = native.lock() {
                        let _ = n.mem.set_target(fi, shim);
                    }
                }
                shim
            }
        }
    }
}

/// Called by a lazy wrapper on the first call of a function.
unsafe extern "C" fn lazy_hook(data: *const ()) -> *const u8 {
    // SAFETY: `data` is the `LazyData` the wrapper was emitted with; the
    // context owns it (and the `Gen` it points to) as long as its code.
    let d = unsafe { &*(data as *const LazyData) };
    // SAFETY: as above.
    let gen = unsafe { &*d.gen };
    gen.generate_lazily(d.func)
}

/// Placeholder addresses for [`compile_detached`]: item `i` of module `m`
/// is at `ITEMS + (m << 20) + 16 * i`; MIR function `i`'s slot is at
/// `SLOTS + 8 * i` (in reach of code placed at [`DETACHED_CODE`]).
const ITEMS: u64 = 0x1000_0000;
const SLOTS: u64 = 0x3000_0000;
/// Where [`compile_detached`] pretends the code is placed.
pub const DETACHED_CODE: u64 = 0x4000_0000;

/// A [`CodegenEnv`] with fixed placeholder addresses: compiling against it
/// gives the same bytes on every run, whatever the process's address space
/// looks like (for `mirage dump --asm` and golden disassembly tests).
struct DetachedEnv<'a> {
    modules: &'a [Module],
    funcs: HashMap<(usize, ItemId), usize>,
}

impl CodegenEnv for DetachedEnv<'_> {
    fn item_address(&self, module: usize, item: ItemId) -> Result<u64, String> {
        Ok(ITEMS + ((module as u64) << 20) + 16 * item.index() as u64)
    }
    fn call_target(&self, module: usize, item: ItemId) -> Result<CallTarget, String> {
        let m = self
            .modules
            .get(module)
            .ok_or_else(|| format!("no module {module}"))?;
        let def = m.resolve(item);
        match self.funcs.get(&(module, def)) {
            Some(&fi) => Ok(CallTarget::Slot(SLOTS + 8 * fi as u64)),
            None => self.item_address(module, item).map(CallTarget::Far),
        }
    }
    fn helper_address(&self, _helper: Helper) -> Result<u64, String> {
        Ok(ITEMS - 0x1000)
    }
}

/// Compiles function `name` of `modules` against placeholder addresses and
/// relocates it as if placed at [`DETACHED_CODE`]: deterministic machine
/// code for inspection (the code is not runnable).
pub fn compile_detached(
    modules: &[Module],
    name: &str,
    opts: &CodegenOptions,
) -> Result<Compiled, Error> {
    let mut funcs = HashMap::new();
    let mut target = None;
    for (mi, m) in modules.iter().enumerate() {
        for (ii, it) in m.items.iter().enumerate() {
            if let ItemKind::Func(_) = it.kind {
                let fi = funcs.len();
                funcs.insert((mi, ItemId::new(ii)), fi);
                if it.name.as_deref() == Some(name) && target.is_none() {
                    target = Some((mi, ItemId::new(ii)));
                }
            }
        }
    }
    let (mi, item) = target.ok_or_else(|| Error::NoSuchFunction(name.to_string()))?;
    let env = DetachedEnv { modules, funcs };
    let mut c = compile_func(modules, mi, item, &env, opts)
        .map_err(|e| Error::Unavailable(format!("cannot compile '{name}': {e}")))?;
    let mut code = std::mem::take(&mut c.code);
    c.relocate(&mut code, DETACHED_CODE)
        .map_err(|e| Error::Unavailable(format!("cannot place '{name}': {e}")))?;
    c.code = code;
    Ok(c)
}

/// Appends `start size name` lines to `/tmp/perf-PID.map`, the file `perf
/// report` reads to name JIT code (enabled with `MIRAGE_PERF_MAP=1`).
pub(crate) fn perf_map_append(entries: &[(u64, usize, String)]) {
    use std::io::Write;
    let path = format!("/tmp/perf-{}.map", std::process::id());
    let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    else {
        return;
    };
    let mut text = String::new();
    for (start, size, name) in entries {
        text.push_str(&format!("{start:x} {size:x} {name}\n"));
    }
    let _ = f.write_all(text.as_bytes());
}
