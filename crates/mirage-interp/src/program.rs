//! [`Program`]: the modules the interpreter runs, their lowered code, and
//! the narrow [`LinkEnv`] interface to the runtime.
//!
//! The interpreter knows nothing about thunks, code memory or dynamic
//! symbols. Everything it needs from the outside world goes through
//! [`LinkEnv`]: the address of an item (for reference operands), what an
//! address is when it is called ([`Callee`]: an interpreted function of this
//! program, native code, or the `setjmp`/`longjmp` the interpreter must
//! handle itself), and a way to call native code with the C ABI. The runtime
//! crate implements it with its function table, thunks and ff-call stubs;
//! tests implement it with a few Rust functions.
//!
//! Functions are numbered ([`FuncIdx`]) in module order, then item order:
//! the runtime can compute the same numbering, or ask
//! [`Program::func_index`]. Each function is lowered to ICode on first use
//! (or by [`Program::prepare`]); the code is then immutable and lives as long
//! as the program, so label addresses (`laddr`, `lref`) stay valid.

use crate::icode::Code;
use crate::interp::InterpConfig;
use crate::lower;
use crate::trap::Trap;
use mirage_ir::abi::{CallSig, Val};
use mirage_ir::{Func, ItemId, ItemKind, LabelId, Module};
use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// A function of a [`Program`] (module order, then item order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncIdx(pub u32);

/// A module of a [`Program`] (index into the module list it was built from).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleIdx(pub u32);

/// What calling an address reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Callee {
    /// An interpreted function of this program: the call stays inside the
    /// interpreter (no native frame, no shim).
    Interp(FuncIdx),
    /// Native code, called through [`LinkEnv::call_native`].
    Native(u64),
    /// C's `setjmp` (or `_setjmp`, `__sigsetjmp`, `sigsetjmp`), which the
    /// interpreter implements itself (spec §6.7).
    SetJmp,
    /// C's `longjmp` (or `_longjmp`, `siglongjmp`), likewise.
    LongJmp,
}

impl Callee {
    /// The special callee a C library function of this name stands for,
    /// if any. Calls to imports with these names are intercepted.
    pub fn special_for_name(name: &str) -> Option<Callee> {
        match name {
            "setjmp" | "_setjmp" | "__sigsetjmp" | "sigsetjmp" => Some(Callee::SetJmp),
            "longjmp" | "_longjmp" | "siglongjmp" | "__longjmp_chk" => Some(Callee::LongJmp),
            _ => None,
        }
    }
}

/// An error from the runtime's side of linking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkError(pub String);

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LinkError {}

/// The interpreter's view of the runtime (see the module documentation).
///
/// `item_address` and `callee_at` are called while a function is being
/// lowered (inside [`Program::prepare`] or a first call): they must not
/// lower that same function again (e.g. by asking
/// [`Program::label_address`] of it), which would wait on itself.
pub trait LinkEnv: Send + Sync {
    /// The run-time address of item `item` of module `module`: for a
    /// function its call address (thunk), for data its storage, for an
    /// import the address it was linked to. Called when a function that
    /// refers to the item is lowered, i.e. after linking.
    fn item_address(&self, module: ModuleIdx, item: ItemId) -> Result<u64, LinkError>;

    /// What a call to `addr` reaches. Direct calls to imports and all
    /// indirect calls ask this; direct calls to functions of the same module
    /// do not. Return [`Callee::Interp`] for the thunks of this program's
    /// functions so that such calls stay in the interpreter.
    fn callee_at(&self, addr: u64) -> Callee {
        Callee::Native(addr)
    }

    /// Calls native code at `addr` with the C ABI. `slots` holds the results
    /// (`sig.results.len()` slots, to be written) followed by the arguments
    /// (integers already converted to their kind; for blocks the slot holds
    /// the block's address).
    fn call_native(&self, addr: u64, sig: &CallSig, slots: &mut [Val]) -> Result<(), Trap>;

    /// A token that makes later calls with signature `sig` cheaper
    /// ([`LinkEnv::call_native_prepared`]); 0 for none. The interpreter
    /// asks once per call site.
    fn prepare_native(&self, _sig: &CallSig) -> u64 {
        0
    }

    /// [`LinkEnv::call_native`] with a token from
    /// [`LinkEnv::prepare_native`].
    ///
    /// # Safety
    /// `token` must be 0 or a value [`LinkEnv::prepare_native`] of this
    /// environment returned for `sig`.
    unsafe fn call_native_prepared(
        &self,
        _token: u64,
        addr: u64,
        sig: &CallSig,
        slots: &mut [Val],
    ) -> Result<(), Trap> {
        self.call_native(addr, sig, slots)
    }
}

/// How handlers pass control to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dispatch {
    /// [`Dispatch::Tail`] in optimized builds, [`Dispatch::Loop`] when
    /// debug assertions are on or the `loop-dispatch` feature is enabled.
    #[default]
    Auto,
    /// Each handler ends by calling the next one in tail position, with the
    /// instruction and frame pointers in argument registers; LLVM turns the
    /// call into a jump at opt-level >= 2. Ignored (Loop is used) in builds
    /// with debug assertions, where the tail call is not guaranteed.
    Tail,
    /// Handlers return to a loop that calls the next one: portable, a bit
    /// slower; required for tracing.
    Loop,
}

/// Where traces go.
pub type TraceSink = Arc<Mutex<dyn Write + Send>>;

/// Options fixed when a program is built.
#[derive(Clone, Default)]
pub struct ProgramOptions {
    pub dispatch: Dispatch,
    /// Print every executed instruction with its inputs and result (forces
    /// [`Dispatch::Loop`]).
    pub trace: Option<TraceSink>,
    /// Configuration of the interpreters that [`crate::call_from_native`]
    /// creates for calls arriving from native code.
    pub interp: InterpConfig,
}

impl fmt::Debug for ProgramOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProgramOptions")
            .field("dispatch", &self.dispatch)
            .field("trace", &self.trace.is_some())
            .field("interp", &self.interp)
            .finish()
    }
}

pub(crate) struct FuncEntry {
    pub module: ModuleIdx,
    pub item: ItemId,
    pub name: String,
    pub code: OnceLock<Result<Box<Code>, Trap>>,
    /// The lowered code once it exists (null before): the interpreter's
    /// fast path to it.
    pub ready: AtomicPtr<Code>,
}

/// Modules prepared for interpretation (see the module documentation).
pub struct Program {
    pub(crate) modules: Arc<[Module]>,
    pub(crate) env: Arc<dyn LinkEnv>,
    pub(crate) funcs: Box<[FuncEntry]>,
    /// Per module: item index → function index (`u32::MAX` if not a
    /// function definition).
    item_func: Box<[Box<[u32]>]>,
    /// Storage of hard-register variables: two words per register name.
    pub(crate) hard_regs: Box<[AtomicU64]>,
    hard_reg_index: HashMap<String, usize>,
    pub(crate) tail: bool,
    pub(crate) trace: Option<TraceSink>,
    pub(crate) interp_config: InterpConfig,
    /// Unique per program (interpreters drop their caches of call targets
    /// when they run another program).
    pub(crate) id: u64,
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Program")
            .field("modules", &self.modules.len())
            .field("funcs", &self.funcs.len())
            .field("tail", &self.tail)
            .finish()
    }
}

impl Program {
    /// A program over `modules`, linked through `env`. Nothing is lowered
    /// yet.
    pub fn new(
        modules: impl Into<Arc<[Module]>>,
        env: Arc<dyn LinkEnv>,
        options: ProgramOptions,
    ) -> Program {
        let modules: Arc<[Module]> = modules.into();
        let mut funcs = Vec::new();
        let mut item_func = Vec::new();
        let mut hard_reg_index = HashMap::new();
        for (mi, m) in modules.iter().enumerate() {
            let mut map = vec![u32::MAX; m.items.len()];
            for (ii, it) in m.items.iter().enumerate() {
                if let ItemKind::Func(f) = &it.kind {
                    map[ii] = funcs.len() as u32;
                    funcs.push(FuncEntry {
                        module: ModuleIdx(mi as u32),
                        item: ItemId::new(ii),
                        name: it.name.clone().unwrap_or_default(),
                        code: OnceLock::new(),
                        ready: AtomicPtr::new(std::ptr::null_mut()),
                    });
                    for v in &f.vars {
                        if let Some(r) = &v.hard_reg {
                            let n = hard_reg_index.len();
                            hard_reg_index.entry(r.clone()).or_insert(n);
                        }
                    }
                }
            }
            item_func.push(map.into_boxed_slice());
        }
        let hard_regs = (0..2 * hard_reg_index.len())
            .map(|_| AtomicU64::new(0))
            .collect();
        let tail = options.trace.is_none()
            && match options.dispatch {
                Dispatch::Loop => false,
                Dispatch::Auto => !cfg!(debug_assertions) && !cfg!(feature = "loop-dispatch"),
                Dispatch::Tail => !cfg!(debug_assertions),
            };
        Program {
            modules,
            env,
            funcs: funcs.into_boxed_slice(),
            item_func: item_func.into_boxed_slice(),
            hard_regs,
            hard_reg_index,
            tail,
            trace: options.trace,
            interp_config: options.interp,
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, Ordering::Relaxed)
            },
        }
    }

    /// The modules.
    pub fn modules(&self) -> &[Module] {
        &self.modules
    }

    /// Number of functions.
    pub fn num_funcs(&self) -> usize {
        self.funcs.len()
    }

    /// The function defined by item `item` of module `module`.
    pub fn func_index(&self, module: ModuleIdx, item: ItemId) -> Option<FuncIdx> {
        let i = *self.item_func.get(module.0 as usize)?.get(item.index())?;
        (i != u32::MAX).then_some(FuncIdx(i))
    }

    /// The first function definition named `name` (module order).
    pub fn find_func(&self, name: &str) -> Option<FuncIdx> {
        self.funcs
            .iter()
            .position(|f| f.name == name)
            .map(|i| FuncIdx(i as u32))
    }

    fn entry(&self, f: FuncIdx) -> Option<&FuncEntry> {
        self.funcs.get(f.0 as usize)
    }

    /// Name of a function.
    pub fn func_name(&self, f: FuncIdx) -> &str {
        self.entry(f).map_or("?", |e| e.name.as_str())
    }

    /// Module and item of a function.
    pub fn func_item(&self, f: FuncIdx) -> Option<(ModuleIdx, ItemId)> {
        self.entry(f).map(|e| (e.module, e.item))
    }

    /// The IR of a function.
    pub fn func_ir(&self, f: FuncIdx) -> Option<&Func> {
        let e = self.entry(f)?;
        match &self.modules[e.module.0 as usize].items[e.item.index()].kind {
            ItemKind::Func(func) => Some(func),
            _ => None,
        }
    }

    /// Whether this program dispatches with tail calls.
    pub fn uses_tail_dispatch(&self) -> bool {
        self.tail
    }

    /// The lowered code of `f`, lowering it on first use.
    pub(crate) fn code(&self, f: FuncIdx) -> Result<&Code, Trap> {
        let e = self.entry(f).ok_or_else(|| Trap::BadCall {
            func: format!("#{}", f.0),
            message: "no such function".into(),
        })?;
        match e.code.get_or_init(|| lower::lower(self, f).map(Box::new)) {
            Ok(c) => {
                e.ready
                    .store(&**c as *const Code as *mut Code, Ordering::Release);
                Ok(c)
            }
            Err(t) => Err(t.clone()),
        }
    }

    /// The lowered code of `f` if it exists already (null otherwise).
    #[inline(always)]
    pub(crate) fn ready_code(&self, f: FuncIdx) -> *const Code {
        match self.funcs.get(f.0 as usize) {
            Some(e) => e.ready.load(Ordering::Acquire),
            None => std::ptr::null(),
        }
    }

    /// Lowers `f` now (otherwise it is lowered on its first call).
    pub fn prepare(&self, f: FuncIdx) -> Result<(), Trap> {
        self.code(f).map(|_| ())
    }

    /// Lowers every function.
    pub fn prepare_all(&self) -> Result<(), Trap> {
        for i in 0..self.funcs.len() {
            self.prepare(FuncIdx(i as u32))?;
        }
        Ok(())
    }

    /// Number of ICode instructions of `f` (lowering it if needed).
    pub fn icode_len(&self, f: FuncIdx) -> Result<usize, Trap> {
        self.code(f).map(|c| c.insts.len())
    }

    /// The interpreter address of `label` of function `f`, for `lref` data:
    /// only meaningful to `jmpi` in the same function (spec §10 #22).
    pub fn label_address(&self, f: FuncIdx, label: LabelId) -> Result<u64, Trap> {
        let code = self.code(f)?;
        match code.labels.get(label.index()) {
            Some(&i) if (i as usize) < code.insts.len() => {
                Ok(&code.insts[i as usize] as *const _ as u64)
            }
            _ => Err(Trap::Link {
                func: code.name.clone(),
                message: format!("label {label:?} is not defined in the function"),
            }),
        }
    }

    /// Address of the interpreter's storage for hard register `name` (used
    /// by `global` variables bound to it), if any function uses it.
    pub fn hard_reg_address(&self, name: &str) -> Option<u64> {
        self.hard_reg_index
            .get(name)
            .map(|&i| self.hard_regs[2 * i].as_ptr() as u64)
    }
}
