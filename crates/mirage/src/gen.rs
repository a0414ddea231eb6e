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
}

impl Gen {
    pub(crate) fn new(
        modules: Arc<[Module]>,
        env: Arc<Env>,
        funcs: Vec<(usize, ItemId)>,
        thunks: Vec<u64>,
        shims: Vec<*const u8>,
        opt_level: u8,
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
            opts: CodegenOptions::level(opt_level),
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
    fn place(
        &self,
        compiled: Vec<(usize, Compiled)>,
    ) -> Result<HashMap<usize, (u64, Vec<Option<u32>>)>, Error> {
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
                    Ok(()) => placed.push((fi, at, c.labels)),
                    Err(e) => eprintln!(
                        "mirage: warning: function '{}' runs in the interpreter: {e}",
                        self.name(fi)
                    ),
                }
            }
            batch.publish()?;
        }
        let mut out = HashMap::new();
        for (fi, at, labels) in placed {
            n.mem.set_target(fi, at)?;
            out.insert(fi, (at as u64, labels));
        }
        Ok(out)
    }

    /// Compiles and installs the given functions now.
    pub(crate) fn generate_now(
        &self,
        fis: &[usize],
    ) -> Result<HashMap<usize, (u64, Vec<Option<u32>>)>, Error> {
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
