//! MIR-to-MIR optimization passes.
//!
//! [`optimize_func`] takes one function of a module and returns an
//! equivalent, faster function: same results, same traps (a division by
//! zero still traps), same memory effects in the same order, same calls.
//! The output is ordinary MIR that passes `mirage_ir::verify` when it
//! replaces the original in its module; new variables are named `t.N` and
//! new labels `<function>.LN` (unique in the module).
//!
//! # Pipeline
//!
//! As in MIR's own generator, the optimizer is a named list of passes, each
//! of which can be switched off ([`OptOptions::disabled`]) and can dump the
//! function as MIR text after it ran ([`OptOptions::dump_after`]):
//!
//! | pass | level | what it does | file |
//! |---|---|---|---|
//! | `tailrec` | 2 | self tail calls become jumps; self calls whose result is only added (multiplied, and-ed, or-ed, xor-ed) to other values before being returned become an accumulator loop | `tailrec.rs` |
//! | `inline` | 2 | inlines small MIR callees | `inline.rs` |
//! | `sra` | 2 | scalar replacement: `alloca` blocks whose address does not escape become one variable per field | `sra.rs` |
//! | `cfg` | 1 | removes unreachable blocks, threads jumps, merges blocks | `cfg.rs` |
//! | `rotate` | 2 | loop rotation of innermost single-latch loops: copies the exit test to the latch (the back edge becomes one conditional branch) | `loops.rs` |
//! | `ssa` | 1 | SSA form; splits memory accesses into plain loads/stores | `ssa.rs` |
//! | `gvn` | 1 | value numbering, constant folding and propagation, algebraic simplification, branch folding; at level 2 also redundant load elimination | `gvn.rs` (`fold.rs`) |
//! | `dce` | 1 | removes unused pure instructions and phis | `dce.rs` |
//! | `licm` | 2 | hoists loop-invariant instructions to preheaders | `licm.rs` |
//! | `iv` | 2 | induction variables: widens bounded 32-bit counters, versions loops whose 32-bit indexes provably stay in range (base-plus-counter addresses), strength-reduces `adds t, a, j` modulo 2^32, drops redundant `ext32` | `loops.rs` |
//! | `div-shift` | 2 | signed division and remainder by a power of two become shifts | `divshift.rs` |
//! | `out-of-ssa` | 1 | phis to copies on edges, then a final `cfg` cleanup | `outssa.rs` |
//! | `peel-exit` | 2 | when the entry falls into a loop header whose test leads to a cheap `ret`, a copy of that test (on the entry's values) and of the return path goes first, so the backend can return before the prologue | `peel.rs` |
//!
//! `gvn`, `dce`, `licm`, `iv` and `div-shift` need SSA form: they are
//! skipped when `ssa` is disabled. Disabling `out-of-ssa` disables `ssa` too (there is no valid
//! MIR with phis). The block form and the SSA machinery live in `ir.rs`,
//! `dom.rs` and `repl.rs`.
//!
//! # What is left alone
//!
//! Functions that take label addresses (`laddr`, or a label named by an
//! `lref` item), jump indirectly (`jmpi`) or use `jcall` are returned
//! unchanged: their labels are run-time values the passes could not keep
//! track of. Variables bound to hard registers or whose address is taken
//! stay MIR variables and are treated as memory. `ld` arithmetic is never
//! folded (it is x87 80-bit arithmetic, the interpreter's own).
//!
//! # Determinism
//!
//! The output depends only on the input: hash tables are only probed,
//! never iterated, and every order comes from the function itself.

mod cfg;
mod dce;
mod divshift;
mod dom;
mod fold;
mod gvn;
mod inline;
pub(crate) mod ir;
mod licm;
mod loops;
mod outssa;
mod peel;
mod repl;
mod sra;
mod ssa;
mod tailrec;

use ir::Body;
use mirage_ir::opcode::Family;
use mirage_ir::{Func, ItemKind, Module, Operand};
use std::fmt;

/// The names of the passes, in pipeline order.
pub const PASSES: &[&str] = &[
    "tailrec",
    "inline",
    "sra",
    "cfg",
    "rotate",
    "ssa",
    "gvn",
    "dce",
    "licm",
    "iv",
    "div-shift",
    "out-of-ssa",
    "peel-exit",
];

/// Resolves a call's operand 1 to the MIR function it calls (possibly in
/// another module), for inlining.
pub type Resolver<'a> = &'a dyn Fn(&Operand) -> Option<(&'a Module, &'a Func)>;

/// What the optimizer may know about the rest of the program.
#[derive(Clone, Copy, Default)]
pub struct OptContext<'a> {
    /// Finds callee bodies for `inline`; `None` disables inlining.
    pub resolve: Option<Resolver<'a>>,
}

impl<'a> OptContext<'a> {
    /// No knowledge of other functions.
    pub fn none() -> OptContext<'a> {
        OptContext { resolve: None }
    }
    /// Callees are looked up through `resolve`.
    pub fn with_resolver(resolve: Resolver<'a>) -> OptContext<'a> {
        OptContext {
            resolve: Some(resolve),
        }
    }
}

/// A resolver for direct calls to functions defined in `module` itself
/// (through `export`/`forward` items too).
pub fn same_module_callee<'a>(module: &'a Module, op: &Operand) -> Option<(&'a Module, &'a Func)> {
    match op {
        Operand::Ref(id) if id.index() < module.items.len() => {
            module.func(*id).map(|f| (module, f))
        }
        _ => None,
    }
}

/// Receives the MIR text of the function after a pass: `(pass, text)`.
pub type DumpSink<'d> = &'d mut dyn FnMut(&str, String);

/// How to optimize.
#[derive(Default)]
pub struct OptOptions<'d> {
    /// 0: no passes (a copy of the input); 1: `cfg`, `ssa`, `gvn` (without
    /// load elimination), `dce`, `out-of-ssa`; 2 (or more): every pass
    /// (adding `tailrec`, `inline`, `sra`, `rotate`, `licm`, `iv`, `div-shift`).
    pub level: u8,
    /// Names of passes not to run (see [`PASSES`]).
    pub disabled: Vec<String>,
    /// Dump after this pass (`"all"` or `"*"`: after every pass that ran).
    pub dump_after: Option<String>,
    /// Where dumps go.
    pub dump: Option<DumpSink<'d>>,
    /// New labels need only differ from the function's own labels, not
    /// from every label of the module: for callers that never show the
    /// function or put it back into a module (the generator without
    /// dumps). Label names do not change the generated code; this spares
    /// a scan of the whole module's labels per function.
    pub local_labels: bool,
}

impl<'d> OptOptions<'d> {
    pub fn level(level: u8) -> OptOptions<'d> {
        OptOptions {
            level,
            ..OptOptions::default()
        }
    }
    /// This level with `pass` switched off.
    pub fn without(mut self, pass: &str) -> OptOptions<'d> {
        self.disabled.push(pass.to_string());
        self
    }
}

impl fmt::Debug for OptOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OptOptions")
            .field("level", &self.level)
            .field("disabled", &self.disabled)
            .field("dump_after", &self.dump_after)
            .field("dump", &self.dump.is_some())
            .field("local_labels", &self.local_labels)
            .finish()
    }
}

/// Why optimization could not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptError {
    /// A name in `disabled` or `dump_after` that is not a pass.
    UnknownPass(String),
}

impl fmt::Display for OptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptError::UnknownPass(p) => write!(
                f,
                "unknown optimization pass '{p}' (passes: {})",
                PASSES.join(", ")
            ),
        }
    }
}

impl std::error::Error for OptError {}

/// The name of `func` in `module` (by identity, else by equality).
fn func_name<'m>(module: &'m Module, func: &Func) -> Option<&'m str> {
    let by = |pred: &dyn Fn(&Func) -> bool| {
        module.items.iter().find_map(|it| match &it.kind {
            ItemKind::Func(f) if pred(f) => it.name.as_deref(),
            _ => None,
        })
    };
    by(&|f| std::ptr::eq(f, func)).or_else(|| by(&|f| f == func))
}

/// Whether the passes must leave the function alone (see the module
/// documentation).
fn untouchable(module: &Module, func: &Func) -> bool {
    let code = func
        .opcodes()
        .any(|op| matches!(op.family(), Family::Laddr | Family::Jmpi | Family::JCall));
    code || module.items.iter().any(|it| match &it.kind {
        ItemKind::Lref { func: f, .. } => module
            .func(*f)
            .is_some_and(|g| std::ptr::eq(g, func) || g == func),
        _ => false,
    })
}

/// Optimizes `func`, a function of `module` (see the module documentation).
pub fn optimize_func(
    module: &Module,
    func: &Func,
    ctx: &OptContext,
    opts: &mut OptOptions,
) -> Result<Func, OptError> {
    for p in opts.disabled.iter().chain(opts.dump_after.iter()) {
        if !PASSES.contains(&p.as_str()) && p != "all" && p != "*" {
            return Err(OptError::UnknownPass(p.clone()));
        }
    }
    if opts.level == 0 || untouchable(module, func) {
        return Ok(func.clone());
    }
    let name = func_name(module, func).unwrap_or("anon");
    let disabled = |p: &str| opts.disabled.iter().any(|d| d == p);
    let level = opts.level;
    let want = |p: &str| -> bool {
        let at_level = match p {
            "tailrec" | "inline" | "sra" | "rotate" | "licm" | "iv" | "div-shift" | "peel-exit" => {
                level >= 2
            }
            _ => true,
        };
        let ssa_on = !disabled("ssa") && !disabled("out-of-ssa");
        let needs_ssa = matches!(
            p,
            "ssa" | "gvn" | "dce" | "licm" | "iv" | "div-shift" | "out-of-ssa"
        );
        at_level && !disabled(p) && (!needs_ssa || ssa_on)
    };
    // The passes to run, as a bit per entry of `PASSES`.
    const _: () = assert!(PASSES.len() <= 32);
    let run = PASSES
        .iter()
        .enumerate()
        .filter(|(_, p)| want(p))
        .fold(0u32, |m, (i, _)| m | 1 << i);
    let prefix = format!("{name}.L");
    // New labels are `<prefix><number>`; the numbers already taken.
    let taken = if opts.local_labels {
        ir::TakenNumbers::new(&prefix, func.labels.with_prefix(&prefix))
    } else {
        ir::module_label_numbers(module, &prefix)
    };
    let mut counter = 0u32;
    let mut body = Body::build(module, name, func);
    // The function after `tailrec` when it changed it: what `inline`
    // inlines at the remaining self calls.
    let mut looped: Option<Func> = None;
    let passes = PASSES
        .iter()
        .enumerate()
        .filter(|&(i, _)| run & 1 << i != 0);
    for (_, &pass) in passes {
        match pass {
            "tailrec" => {
                if tailrec::run(&mut body, ctx, func) {
                    looped = Some(body.emit(&taken, &mut counter.clone()));
                }
            }
            "inline" => match (&looped, ctx.resolve) {
                (Some(g), Some(resolve)) => {
                    let r = |op: &Operand| match resolve(op) {
                        Some((m, f)) if std::ptr::eq(m, module) && std::ptr::eq(f, func) => {
                            Some((module, g))
                        }
                        other => other,
                    };
                    inline::run_with(&mut body, &OptContext::with_resolver(&r), g, 3);
                }
                _ => inline::run(&mut body, ctx, func),
            },
            "sra" => sra::run(&mut body),
            "cfg" => cfg::simplify(&mut body),
            "rotate" => loops::rotate(&mut body),
            "ssa" => ssa::build(&mut body),
            "gvn" => gvn::run(&mut body, level >= 2),
            "dce" => dce::run(&mut body),
            "licm" => licm::run(&mut body),
            "iv" => loops::run_iv(&mut body),
            "div-shift" => divshift::run(&mut body),
            "out-of-ssa" => {
                outssa::run(&mut body);
                cfg::simplify(&mut body);
            }
            "peel-exit" => {
                peel::run(&mut body);
            }
            _ => unreachable!(),
        }
        let dump_this = opts
            .dump_after
            .as_deref()
            .is_some_and(|d| d == pass || d == "all" || d == "*");
        if dump_this {
            if let Some(sink) = opts.dump.as_mut() {
                let f = body.emit(&taken, &mut counter.clone());
                sink(pass, func_text(module, name, f));
            }
        }
    }
    if body.ssa {
        // Only reachable if a caller disabled out-of-ssa but not ssa, which
        // `want` prevents; kept as a safety net.
        outssa::run(&mut body);
    }
    body.unify_falloff();
    body.fix_flag_windows();
    Ok(body.into_func(&taken, &mut counter))
}

/// The MIR text of `f` as a function named `name` of `module`.
pub fn func_text(module: &Module, name: &str, f: Func) -> String {
    let mut m = Module::new(module.name.clone());
    m.aliases = module.aliases.clone();
    // Keep item ids valid: copy the items, replacing the function.
    m.items = module.items.clone();
    let mut found = false;
    for it in &mut m.items {
        if it.name.as_deref() == Some(name) && matches!(it.kind, ItemKind::Func(_)) {
            it.kind = ItemKind::Func(Box::new(f.clone()));
            found = true;
        }
    }
    if !found {
        m.items.push(mirage_ir::Item {
            name: Some(name.to_string()),
            kind: ItemKind::Func(Box::new(f)),
            pos: mirage_ir::Pos::NONE,
        });
    }
    let text = mirage_ir::write_module(&m);
    let head = format!("{name}:\tfunc");
    let start = text.find(&head).unwrap_or(0);
    let end = text[start..]
        .find("\tendfunc")
        .map_or(text.len(), |e| start + e + "\tendfunc".len());
    let mut s = text[start..end].to_string();
    s.push('\n');
    s
}
