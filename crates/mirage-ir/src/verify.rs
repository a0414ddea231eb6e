//! The verifier: checks a [`Module`] against the rules of the MIR language.
//!
//! What MIR's reference implementation checks at `endfunc` (spec §4.9,
//! §5.21), at instruction creation, at load and at link, plus the extra
//! checks our decisions require (spec §10), all in one place and all
//! reported at once: the verifier never stops at the first problem and never
//! panics, whatever the IR (out-of-range variable, item or label ids are
//! errors like any other).
//!
//! The work is organised in three linear passes over a module:
//!
//! 1. **Names** (spec §2.9): one hash table from item name to the kind of
//!    item that currently holds it, fed in item order, reproduces MIR's
//!    duplicate rules (two definitions, definition vs import, protos,
//!    import vs export/forward; export/forward before or after a definition
//!    is fine) and then finds exports and forwards that name nothing.
//! 2. **Functions**: signature, variables (uniqueness, reserved names,
//!    types, x86-64 hard registers of `global`s), labels (each defined once
//!    in its function, names unique across the module) and every
//!    instruction. Operand rules come from the opcode table:
//!    [`Opcode::info`](crate::opcode::Opcode::info)`().operands` gives each
//!    fixed position's [`Spec`] and the [`Family`] says what is special
//!    (calls, `ret`, `switch`, overflow branches, …), so there is no second
//!    list of opcodes here. The pass records, per function, which labels are
//!    defined and whether it could be an `expr` function.
//! 3. **Data**: element sizes, `ref` targets, `lref` labels and `expr`
//!    functions, using the facts recorded in pass 2.
//!
//! Diagnostics carry [`ErrorKind::Verify`], the module's file and the
//! position of the offending item or instruction (variables have no
//! position of their own; their errors point at the function). Operands are
//! numbered from 1 in messages, as MIR does. Diagnostics are returned in
//! source order.

use crate::error::{Diagnostic, ErrorKind, Errors};
use crate::module::{
    Func, InsnRef, Item, ItemId, ItemKind, LabelId, Mem, Module, Operand, Pos, Proto, VarId,
    VarKind,
};
use crate::opcode::{Family, OvfOp, Spec};
use crate::types::{Class, Type};
use std::fmt::Display;

/// Checks one module; `Err` holds every problem found, in source order.
pub fn verify_module(m: &Module) -> Result<(), Errors> {
    let mut v = Verifier::new(m);
    v.check_names();
    v.check_items();
    v.check_data();
    v.finish()
}

/// Checks several modules independently and concatenates their
/// diagnostics. Cross-module rules (unresolved imports, conflicting
/// exports) are the linker's business.
pub fn verify_modules(ms: &[Module]) -> Result<(), Errors> {
    let mut all = Vec::new();
    for m in ms {
        if let Err(Errors(mut d)) = verify_module(m) {
            all.append(&mut d);
        }
    }
    if all.is_empty() {
        Ok(())
    } else {
        Err(Errors(all))
    }
}

use crate::hash::NameTable;

/// General-purpose registers of x86-64 as MIR names them (spec §4.8).
const GPR_NAMES: [&str; 16] = [
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
    "r14", "r15",
];
/// SSE registers of x86-64.
const XMM_NAMES: [&str; 16] = [
    "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
    "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
];
/// x87 stack registers (known names, never bindable).
const X87_NAMES: [&str; 2] = ["st0", "st1"];
/// Registers the code generator keeps for itself on x86-64 SysV.
const RESERVED_REGS: [&str; 8] = ["rsp", "rbp", "r10", "r11", "xmm8", "xmm9", "st0", "st1"];

/// Who currently owns an item name (spec §2.9).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holder {
    Import,
    /// Only `export`/`forward` declarations so far.
    Decl,
    Proto,
    /// A function or data definition.
    Def,
}

fn holder_of(kind: &ItemKind) -> Holder {
    match kind {
        ItemKind::Import => Holder::Import,
        ItemKind::Export | ItemKind::Forward => Holder::Decl,
        ItemKind::Proto(_) => Holder::Proto,
        _ => Holder::Def,
    }
}

/// Facts about a function that the data pass needs.
struct FuncFacts {
    /// Which of the function's labels are placed in its body.
    label_defined: Vec<bool>,
    /// No call-like instruction and no memory operand (may back an `expr`).
    pure: bool,
}

/// What an operand yields where a value is expected.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Got {
    Value(Class),
    Label,
}

impl Display for Got {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Got::Value(c) => c.fmt(f),
            Got::Label => f.write_str("label"),
        }
    }
}

/// A value position: expected class and whether it is written.
#[derive(Clone, Copy)]
struct ValueSpec {
    class: Class,
    output: bool,
}

struct Verifier<'m> {
    m: &'m Module,
    errors: Vec<Diagnostic>,
    /// Per item: facts about functions (None for other items).
    funcs: Vec<Option<FuncFacts>>,
    /// Label names defined so far in the module → defining function.
    label_names: NameTable<'m, ItemId>,
    /// Scratch table of one function's variable names, reused.
    var_names: NameTable<'m, ()>,
}

/// How an item is named in messages: `func 'f'`, `anonymous data`.
fn describe(item: &Item) -> String {
    match &item.name {
        Some(n) => format!("{} '{}'", item.kind.kind_name(), n),
        None => format!("anonymous {}", item.kind.kind_name()),
    }
}

fn is_reserved_var_name(name: &str) -> bool {
    name.starts_with(".lc")
        || name
            .strip_prefix("hr")
            .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl<'m> Verifier<'m> {
    fn new(m: &'m Module) -> Self {
        Verifier {
            m,
            errors: Vec::new(),
            funcs: Vec::new(),
            label_names: NameTable::new(),
            var_names: NameTable::new(),
        }
    }

    fn err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.errors.push(Diagnostic::new(
            ErrorKind::Verify,
            self.m.source.as_deref(),
            pos,
            msg,
        ));
    }

    fn finish(mut self) -> Result<(), Errors> {
        if self.errors.is_empty() {
            return Ok(());
        }
        // Stable: errors at one position keep the order they were found in.
        self.errors.sort_by_key(|d| (d.pos.line, d.pos.col));
        Err(Errors(self.errors))
    }

    fn item(&self, id: ItemId) -> Option<&'m Item> {
        self.m.items.get(id.index())
    }

    // ---------------------------------------------------------------- names

    /// Spec §2.9: duplicate item names; exports/forwards of nothing.
    fn check_names(&mut self) {
        let m = self.m;
        let mut table: NameTable<'m, Holder> = NameTable::with_capacity(m.items.len());
        for item in &m.items {
            let Some(name) = item.name.as_deref() else {
                if !item.kind.is_data() {
                    self.err(
                        item.pos,
                        format!("{} without a name", item.kind.kind_name()),
                    );
                }
                continue;
            };
            let new = holder_of(&item.kind);
            let Some(old) = table.get(name).copied() else {
                table.insert(name, new);
                continue;
            };
            let msg = match (old, new) {
                (Holder::Import, Holder::Import)
                | (Holder::Decl, Holder::Decl)
                | (Holder::Def, Holder::Decl) => None,
                (Holder::Decl, Holder::Def) => {
                    table.insert(name, Holder::Def);
                    None
                }
                (Holder::Import, _) => Some(format!(
                    "{} '{name}' is already declared as an import",
                    item.kind.kind_name()
                )),
                (Holder::Decl, Holder::Import) => Some(format!(
                    "import of '{name}', which is exported or forwarded"
                )),
                (Holder::Decl, Holder::Proto) => Some(format!(
                    "proto '{name}' conflicts with an earlier export or forward"
                )),
                (Holder::Proto, _) => Some(format!(
                    "{} '{name}': the name is already defined as a proto",
                    item.kind.kind_name()
                )),
                (Holder::Def, Holder::Import) => {
                    Some(format!("import of local definition '{name}'"))
                }
                (Holder::Def, Holder::Proto) => {
                    Some(format!("proto '{name}' repeats the name of a definition"))
                }
                (Holder::Def, Holder::Def) => Some(format!("duplicate definition of '{name}'")),
            };
            if let Some(msg) = msg {
                self.err(item.pos, msg);
            }
        }
        for item in &m.items {
            if let (ItemKind::Export | ItemKind::Forward, Some(name)) = (&item.kind, &item.name) {
                if table.get(name.as_str()) == Some(&Holder::Decl) {
                    self.err(
                        item.pos,
                        format!("{} of undefined item '{name}'", item.kind.kind_name()),
                    );
                }
            }
        }
    }

    // ------------------------------------------------------ items and funcs

    fn check_items(&mut self) {
        let m = self.m;
        self.funcs = Vec::with_capacity(m.items.len());
        let nlabels = m
            .items
            .iter()
            .map(|it| match &it.kind {
                ItemKind::Func(f) => f.labels.len(),
                _ => 0,
            })
            .sum();
        self.label_names = NameTable::with_capacity(nlabels);
        for (i, item) in m.items.iter().enumerate() {
            let facts = match &item.kind {
                ItemKind::Func(func) => Some(self.check_func(ItemId::new(i), item, func)),
                ItemKind::Proto(p) => {
                    let ctx = format!("in proto '{}'", item.name.as_deref().unwrap_or(""));
                    self.check_sig(item.pos, &ctx, p);
                    None
                }
                _ => None,
            };
            self.funcs.push(facts);
        }
    }

    /// Rules shared by function and proto signatures.
    fn check_sig(&mut self, pos: Pos, ctx: &str, sig: &Proto) {
        for (i, &t) in sig.results.iter().enumerate() {
            if !t.is_result_type() {
                self.err(pos, format!("{ctx}: result {} has block type {t}", i + 1));
            }
        }
        let count = |c: Class| sig.results.iter().filter(|t| t.class() == c).count();
        let (ints, fps, lds) = (
            count(Class::Int),
            count(Class::F) + count(Class::D),
            count(Class::LD),
        );
        if ints > 2 || fps > 2 || lds > 2 {
            self.err(
                pos,
                format!(
                    "{ctx}: x86-64 can not return this combination of results \
                     (at most two int, two float/double and two long double)"
                ),
            );
        }
        for p in &sig.params {
            if p.ty.is_block() && p.size == 0 {
                self.err(
                    pos,
                    format!("{ctx}: block parameter '{}' has size 0", p.name),
                );
            }
        }
    }

    fn check_func(&mut self, id: ItemId, item: &'m Item, func: &'m Func) -> FuncFacts {
        let fname = item.name.as_deref().unwrap_or("<anonymous>");
        let naliases = self.m.aliases.len();
        let mut fc = FuncCheck {
            v: self,
            fname,
            item,
            func,
            id,
            label_count: vec![0; func.labels.len()],
            classes: func.vars.iter().map(|v| v.class()).collect(),
            naliases,
            pure: true,
        };
        let ctx = format!("in function '{fname}'");
        fc.v.check_sig(item.pos, &ctx, &func.sig);
        if func.sig.vararg && func.sig.params.is_empty() {
            fc.err(
                item.pos,
                "a variadic function needs at least one fixed parameter",
            );
        }
        fc.check_vars();
        fc.collect_labels();
        fc.check_body();
        FuncFacts {
            label_defined: fc.label_count.iter().map(|&c| c > 0).collect(),
            pure: fc.pure,
        }
    }

    // ----------------------------------------------------------------- data

    fn check_data(&mut self) {
        let m = self.m;
        for item in &m.items {
            match &item.kind {
                ItemKind::Data { ty, bytes } => {
                    let ty = *ty;
                    if ty == Type::P {
                        self.err(
                            item.pos,
                            format!("{}: p data is not allowed (use ref)", describe(item)),
                        );
                    } else if ty.is_block() {
                        self.err(
                            item.pos,
                            format!("{}: data of block type {ty}", describe(item)),
                        );
                    } else if !bytes.len().is_multiple_of(ty.size() as usize) {
                        self.err(
                            item.pos,
                            format!(
                                "{}: {} bytes of {ty} data are not a multiple of the element size {}",
                                describe(item),
                                bytes.len(),
                                ty.size()
                            ),
                        );
                    }
                }
                ItemKind::Ref { target, .. } => match self.item(*target) {
                    None => self.err(
                        item.pos,
                        format!("{}: target {target:?} does not exist", describe(item)),
                    ),
                    Some(t) if matches!(t.kind, ItemKind::Proto(_)) => self.err(
                        item.pos,
                        format!("{}: target {} has no address", describe(item), describe(t)),
                    ),
                    Some(_) => {}
                },
                ItemKind::Lref {
                    func,
                    label,
                    label2,
                    ..
                } => self.check_lref(item, *func, *label, *label2),
                ItemKind::Expr { func } => self.check_expr(item, *func),
                _ => {}
            }
        }
    }

    fn check_lref(&mut self, item: &Item, fid: ItemId, l1: LabelId, l2: Option<LabelId>) {
        let target = self.item(fid);
        let (Some(t), Some(Some(facts))) = (target, self.funcs.get(fid.index())) else {
            let what = target.map_or(format!("{fid:?} (no such item)"), describe);
            self.err(
                item.pos,
                format!("{}: {what} is not a function", describe(item)),
            );
            return;
        };
        let ItemKind::Func(func) = &t.kind else {
            return;
        };
        let fname = t.name.as_deref().unwrap_or("<anonymous>");
        let mut problems = Vec::new();
        for l in std::iter::once(l1).chain(l2) {
            match func.labels.get(l.index()) {
                None => problems.push(format!("label {l:?} does not belong to function '{fname}'")),
                Some(label) if !facts.label_defined[l.index()] => problems.push(format!(
                    "label '{label}' is not defined in function '{fname}'"
                )),
                Some(_) => {}
            }
        }
        for p in problems {
            self.err(item.pos, format!("{}: {p}", describe(item)));
        }
    }

    fn check_expr(&mut self, item: &Item, fid: ItemId) {
        let (Some(t), Some(Some(facts))) = (self.item(fid), self.funcs.get(fid.index())) else {
            let what = self
                .item(fid)
                .and_then(|t| t.name.clone())
                .map_or(format!("{fid:?}"), |n| format!("'{n}'"));
            self.err(
                item.pos,
                format!(
                    "{}: {what} is not a function defined in this module",
                    describe(item)
                ),
            );
            return;
        };
        let ItemKind::Func(func) = &t.kind else {
            return;
        };
        let fname = t.name.as_deref().unwrap_or("<anonymous>");
        let sig = &func.sig;
        let mut problems = Vec::new();
        if !sig.params.is_empty() {
            problems.push("must have no parameters");
        }
        if sig.results.len() != 1 {
            problems.push("must have exactly one result");
        }
        if sig.vararg {
            problems.push("must not be variadic");
        }
        if !facts.pure {
            problems.push("must not contain calls or memory operands");
        }
        for p in problems {
            self.err(
                item.pos,
                format!("{}: function '{fname}' {p}", describe(item)),
            );
        }
    }
}

/// Checks one function; borrows the verifier to report.
struct FuncCheck<'v, 'm> {
    v: &'v mut Verifier<'m>,
    fname: &'m str,
    item: &'m Item,
    func: &'m Func,
    id: ItemId,
    /// How many `label` pseudo-instructions place each label.
    label_count: Vec<u32>,
    /// The class of each variable (for the fast operand checks).
    classes: Vec<Class>,
    /// Number of the module's aliases.
    naliases: usize,
    pure: bool,
}

impl<'m> FuncCheck<'_, 'm> {
    fn err(&mut self, pos: Pos, msg: impl Display) {
        let msg = format!("in function '{}': {msg}", self.fname);
        self.v.err(pos, msg);
    }

    fn op_err(&mut self, insn: InsnRef<'_>, n: usize, msg: impl Display) {
        let msg = format!("operand {} of '{}': {msg}", n + 1, insn.op.name());
        self.err(insn.pos, msg);
        if let Some(d) = self.v.errors.last_mut() {
            d.operand = Some(n as u32);
        }
    }

    fn label_name(&self, l: LabelId) -> String {
        match self.func.labels.get(l.index()) {
            Some(label) => format!("'{label}'"),
            None => format!("{l:?}"),
        }
    }

    // ------------------------------------------------------------ variables

    fn check_vars(&mut self) {
        let func = self.func;
        let pos = self.item.pos;
        let nparams = func.sig.params.len();
        if func.vars.len() < nparams {
            self.err(
                pos,
                format!(
                    "{} declared but the signature has {}",
                    plural(func.vars.len(), "variable"),
                    plural(nparams, "parameter")
                ),
            );
        }
        let mut names = std::mem::take(&mut self.v.var_names);
        names.clear();
        let mut regs: NameTable<'m, &'m str> = NameTable::new();
        for (i, var) in func.vars.iter().enumerate() {
            let name = var.name.as_str();
            if i < nparams {
                let p = &func.sig.params[i];
                if var.kind != VarKind::Param || var.name != p.name || var.ty != p.ty {
                    self.err(
                        pos,
                        format!(
                            "variable {} does not match parameter {} '{}'",
                            i + 1,
                            i + 1,
                            p.name
                        ),
                    );
                }
            } else if var.kind == VarKind::Param {
                self.err(
                    pos,
                    format!(
                        "variable '{name}' is marked as a parameter but the signature has {}",
                        plural(nparams, "parameter")
                    ),
                );
            }
            let what = if i < nparams { "parameter" } else { "variable" };
            if names.insert(name, ()).is_some() {
                self.err(pos, format!("duplicate {what} name '{name}'"));
            }
            if is_reserved_var_name(name) {
                self.err(pos, format!("{what} name '{name}' is reserved"));
            }
            if var.kind != VarKind::Param && !var.ty.is_var_type() {
                self.err(
                    pos,
                    format!(
                        "variable '{name}' has type {}; locals and globals must be i64, f, d or ld",
                        var.ty
                    ),
                );
            }
            match (&var.hard_reg, var.kind) {
                (Some(reg), VarKind::Global) => {
                    self.check_hard_reg(name, var.class(), reg, &mut regs)
                }
                (None, VarKind::Global) => {
                    self.err(pos, format!("global '{name}' has no hard register"));
                }
                (Some(reg), _) => self.err(
                    pos,
                    format!("only globals can be bound to a hard register ('{name}' to '{reg}')"),
                ),
                (None, _) => {}
            }
        }
        self.v.var_names = names;
    }

    /// Spec §4.8 for x86-64 SysV; §10 #24: one register per function.
    fn check_hard_reg(
        &mut self,
        name: &'m str,
        class: Class,
        reg: &'m str,
        regs: &mut NameTable<'m, &'m str>,
    ) {
        let pos = self.item.pos;
        let gpr = GPR_NAMES.contains(&reg);
        let xmm = XMM_NAMES.contains(&reg);
        if !gpr && !xmm && !X87_NAMES.contains(&reg) {
            self.err(
                pos,
                format!("global '{name}': unknown hard register '{reg}'"),
            );
            return;
        }
        if RESERVED_REGS.contains(&reg) {
            self.err(
                pos,
                format!("global '{name}' can not be tied to reserved hard register '{reg}'"),
            );
        } else {
            let fits = match class {
                Class::Int => gpr,
                Class::F | Class::D => xmm,
                Class::LD => false,
            };
            if !fits {
                self.err(
                    pos,
                    format!(
                        "global '{name}' of class {class} can not live in hard register '{reg}'"
                    ),
                );
            }
        }
        if let Some(other) = regs.insert(reg, name) {
            self.err(
                pos,
                format!(
                    "globals '{other}' and '{name}' are bound to the same hard register '{reg}'"
                ),
            );
        }
    }

    // --------------------------------------------------------------- labels

    /// Counts label definitions and claims the label names module-wide.
    fn collect_labels(&mut self) {
        let func = self.func;
        for insn in func.insns() {
            if let (Family::Label, [Operand::Label(l)]) = (insn.op.family(), insn.operands) {
                let Some(count) = self.label_count.get_mut(l.index()) else {
                    continue; // reported by the instruction pass
                };
                *count += 1;
                if *count > 1 {
                    let name = self.label_name(*l);
                    self.err(insn.pos, format!("label {name} is defined more than once"));
                    continue;
                }
                let name = &func.labels[l.index()];
                if let Some(&owner) = self.v.label_names.get(name) {
                    let msg = if owner == self.id {
                        format!("label name '{name}' is used twice")
                    } else {
                        let other = self
                            .v
                            .item(owner)
                            .and_then(|i| i.name.as_deref())
                            .unwrap_or("<anonymous>");
                        format!("label '{name}' is already defined in function '{other}'")
                    };
                    self.err(insn.pos, msg);
                } else {
                    self.v.label_names.insert(name, self.id);
                }
            }
        }
    }

    // ---------------------------------------------------------------- body

    fn check_body(&mut self) {
        let func = self.func;
        let mut first_ret: Option<InsnRef<'m>> = None;
        let mut first_jret: Option<InsnRef<'m>> = None;
        // The latest instruction that could set or clobber the overflow
        // flags: everything except `mov`s whose source is a register.
        let mut flag_source: Option<InsnRef<'m>> = None;
        for insn in func.insns() {
            if insn.operands.iter().any(|o| matches!(o, Operand::Mem(_))) {
                self.pure = false;
            }
            let fam = insn.op.family();
            match fam {
                Family::Label => self.check_label_insn(insn),
                Family::Unspec | Family::Use | Family::Phi | Family::Invalid => {
                    self.err(
                        insn.pos,
                        format!(
                            "'{}' is an internal instruction and may not appear here",
                            insn.op.name()
                        ),
                    );
                }
                Family::Call | Family::Inline | Family::JCall => {
                    self.pure = false;
                    self.check_call(insn);
                }
                Family::Switch => self.check_switch(insn),
                Family::Ret => {
                    first_ret.get_or_insert(insn);
                    self.check_ret(insn);
                }
                _ => {
                    self.check_fixed(insn);
                    match fam {
                        Family::JRet => {
                            first_jret.get_or_insert(insn);
                            if !func.sig.results.is_empty() {
                                self.err(insn.pos, "'jret' in a function with results");
                            }
                        }
                        Family::Jmpi => {
                            // Label addresses only come from `laddr` or
                            // `lref` at run time; a constant never is one.
                            if let Some(Operand::Int(_) | Operand::Ref(_) | Operand::Str(_)) =
                                insn.operands.first()
                            {
                                self.op_err(
                                    insn,
                                    0,
                                    "'jmpi' needs a label address (from 'laddr' or 'lref'), not a constant",
                                );
                            }
                        }
                        Family::VaStart if !func.sig.vararg => {
                            self.err(insn.pos, "'va_start' in a function that is not variadic");
                        }
                        Family::BOvf { unsigned, .. } => {
                            self.check_ovf_branch(insn, unsigned, flag_source)
                        }
                        _ => {}
                    }
                }
            }
            let reg_move = matches!(fam, Family::Move(_))
                && matches!(insn.operands.get(1), Some(Operand::Reg(_)));
            if !reg_move {
                flag_source = Some(insn);
            }
        }
        if let (Some(r), Some(j)) = (first_ret, first_jret) {
            let later = if (j.pos.line, j.pos.col) >= (r.pos.line, r.pos.col) {
                j
            } else {
                r
            };
            self.err(later.pos, "mix of 'ret' and 'jret' instructions");
        }
    }

    fn check_label_insn(&mut self, insn: InsnRef<'_>) {
        match insn.operands[..] {
            [Operand::Label(l)] if l.index() < self.func.labels.len() => {}
            [Operand::Label(l)] => self.err(insn.pos, format!("label {l:?} does not exist")),
            _ => self.err(
                insn.pos,
                "a 'label' pseudo-instruction needs exactly one label operand",
            ),
        }
    }

    /// Spec §5.11: what an overflow branch may consume.
    fn check_ovf_branch(&mut self, insn: InsnRef<'_>, unsigned: bool, prev: Option<InsnRef<'m>>) {
        let name = insn.op.name();
        let Some(Family::Ovf { op, .. }) = prev.map(|p| p.op.family()) else {
            self.err(
                insn.pos,
                format!(
                    "'{name}' has no previous overflow instruction separated only by register moves"
                ),
            );
            return;
        };
        let pname = prev.map_or("", |p| p.op.name());
        if unsigned && op == OvfOp::Mul {
            self.err(
                insn.pos,
                format!("unsigned overflow branch '{name}' consumes the flag of signed '{pname}'"),
            );
        } else if !unsigned && op == OvfOp::UMul {
            self.err(
                insn.pos,
                format!("signed overflow branch '{name}' consumes the flag of unsigned '{pname}'"),
            );
        }
    }

    /// Fixed-arity instructions: count, then each operand against its spec.
    #[inline]
    fn check_fixed(&mut self, insn: InsnRef<'_>) {
        let specs = insn.op.info().operands;
        if insn.operands.len() == specs.len()
            && specs
                .iter()
                .zip(insn.operands)
                .all(|(&spec, op)| self.spec_ok(spec, op))
        {
            return;
        }
        self.check_fixed_slow(insn, specs);
    }

    // ------------------------------------------------------------ fast path
    //
    // The `*_ok` predicates answer "would the full check below report
    // nothing?" without building any message; they are true only when it
    // is certain, and anything else goes through the full check, which
    // then reports exactly what it always has.

    /// The class of variable `v`, if it exists.
    #[inline]
    fn var_class_ok(&self, v: VarId) -> Option<Class> {
        self.classes.get(v.index()).copied()
    }

    /// A memory operand that is valid outside call arguments.
    #[inline]
    fn mem_ok(&self, mem: &Mem) -> bool {
        let int_var = |r: Option<VarId>| match r {
            None => true,
            Some(r) => self.var_class_ok(r) == Some(Class::Int),
        };
        let naliases = self.naliases;
        int_var(mem.base)
            && int_var(mem.index)
            && (mem.index.is_none() || matches!(mem.scale, 1 | 2 | 4 | 8))
            && mem.alias as usize <= naliases
            && mem.nonalias as usize <= naliases
            && !mem.ty.is_block()
    }

    /// What `value_of(.., block_ok = false)` would give without reporting.
    #[inline]
    fn value_ok(&self, op: &Operand) -> Option<Got> {
        Some(match op {
            Operand::Reg(v) => Got::Value(self.var_class_ok(*v)?),
            Operand::Int(_) | Operand::Str(_) => Got::Value(Class::Int),
            Operand::Float(_) => Got::Value(Class::F),
            Operand::Double(_) => Got::Value(Class::D),
            Operand::LDouble(_) => Got::Value(Class::LD),
            Operand::Ref(id) => match self.v.item(*id) {
                Some(it) if !matches!(it.kind, ItemKind::Proto(_)) => Got::Value(Class::Int),
                _ => return None,
            },
            Operand::Mem(mem) if self.mem_ok(mem) => Got::Value(mem.ty.class()),
            Operand::Mem(_) => return None,
            Operand::Label(_) => Got::Label,
        })
    }

    /// Whether `check_spec(.., spec, op)` would report nothing.
    #[inline]
    fn spec_ok(&self, spec: Spec, op: &Operand) -> bool {
        match spec {
            Spec::L => match op {
                Operand::Label(l) => self.label_count.get(l.index()).is_some_and(|&c| c > 0),
                _ => false,
            },
            Spec::R => matches!(op, Operand::Reg(v) if self.var_class_ok(*v).is_some()),
            Spec::M => matches!(op, Operand::Mem(mem) if self.mem_ok(mem)),
            Spec::Loc => match op {
                Operand::Reg(v) => self.var_class_ok(*v).is_some(),
                Operand::Mem(mem) => self.mem_ok(mem),
                _ => false,
            },
            Spec::Imm => matches!(op, Operand::Int(_)),
            _ => {
                let class = spec.class().unwrap_or(Class::Int);
                (!spec.is_output() || op.is_location())
                    && self.value_ok(op) == Some(Got::Value(class))
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn check_fixed_slow(&mut self, insn: InsnRef<'_>, specs: &[Spec]) {
        if insn.operands.len() != specs.len() {
            self.err(
                insn.pos,
                format!(
                    "'{}' takes {}, got {}",
                    insn.op.name(),
                    plural(specs.len(), "operand"),
                    insn.operands.len()
                ),
            );
            return;
        }
        for (n, (&spec, op)) in specs.iter().zip(insn.operands).enumerate() {
            self.check_spec(insn, n, spec, op);
        }
    }

    fn check_spec(&mut self, insn: InsnRef<'_>, n: usize, spec: Spec, op: &Operand) {
        match spec {
            Spec::L => match op {
                Operand::Label(l) => self.check_label_use(insn, n, *l),
                _ => self.op_err(insn, n, "expected a label"),
            },
            Spec::R => match op {
                Operand::Reg(v) => {
                    self.var_class(insn, n, *v);
                }
                _ => self.op_err(insn, n, "expected a variable"),
            },
            Spec::M => match op {
                Operand::Mem(mem) => {
                    self.check_mem(insn, n, mem, false);
                }
                _ => self.op_err(insn, n, "expected a memory operand"),
            },
            Spec::Loc => match op {
                Operand::Reg(v) => {
                    self.var_class(insn, n, *v);
                }
                Operand::Mem(mem) => {
                    self.check_mem(insn, n, mem, false);
                }
                _ => self.op_err(insn, n, "expected a variable or memory operand"),
            },
            Spec::Imm => {
                if !matches!(op, Operand::Int(_)) {
                    self.op_err(insn, n, "expected an integer immediate");
                }
            }
            _ => {
                let class = spec.class().unwrap_or(Class::Int);
                let output = spec.is_output();
                self.check_value(insn, n, ValueSpec { class, output }, op);
            }
        }
    }

    /// A value position (any memory type but blocks).
    fn check_value(&mut self, insn: InsnRef<'_>, n: usize, want: ValueSpec, op: &Operand) {
        let Some(got) = self.value_of(insn, n, op, false) else {
            return;
        };
        if want.output && !op.is_location() {
            self.op_err(insn, n, "an output must be a variable or memory operand");
        } else if got != Got::Value(want.class) {
            self.op_err(insn, n, format!("expected {}, got {got}", want.class));
        }
    }

    /// What an operand yields as a value; `None` after reporting a
    /// malformed operand.
    fn value_of(
        &mut self,
        insn: InsnRef<'_>,
        n: usize,
        op: &Operand,
        block_ok: bool,
    ) -> Option<Got> {
        Some(match op {
            Operand::Reg(v) => Got::Value(self.var_class(insn, n, *v)?),
            Operand::Int(_) | Operand::Str(_) => Got::Value(Class::Int),
            Operand::Float(_) => Got::Value(Class::F),
            Operand::Double(_) => Got::Value(Class::D),
            Operand::LDouble(_) => Got::Value(Class::LD),
            Operand::Ref(id) => match self.v.item(*id) {
                None => {
                    self.op_err(insn, n, format!("{id:?} does not exist"));
                    return None;
                }
                Some(it) if matches!(it.kind, ItemKind::Proto(_)) => {
                    self.op_err(insn, n, format!("{} has no address", describe(it)));
                    return None;
                }
                Some(_) => Got::Value(Class::Int),
            },
            Operand::Mem(mem) => {
                if !self.check_mem(insn, n, mem, block_ok) {
                    return None;
                }
                Got::Value(mem.ty.class())
            }
            Operand::Label(_) => Got::Label,
        })
    }

    fn var_class(&mut self, insn: InsnRef<'_>, n: usize, v: VarId) -> Option<Class> {
        match self.func.vars.get(v.index()) {
            Some(var) => Some(var.class()),
            None => {
                self.op_err(insn, n, format!("variable {v:?} does not exist"));
                None
            }
        }
    }

    fn check_label_use(&mut self, insn: InsnRef<'_>, n: usize, l: LabelId) {
        match self.label_count.get(l.index()) {
            None => self.op_err(
                insn,
                n,
                format!("label {l:?} does not exist in this function"),
            ),
            Some(0) => {
                let name = self.label_name(l);
                self.op_err(
                    insn,
                    n,
                    format!("label {name} is not defined in this function"),
                );
            }
            Some(_) => {}
        }
    }

    /// Spec §4.3. `block_ok` only for call arguments.
    fn check_mem(&mut self, insn: InsnRef<'_>, n: usize, mem: &Mem, block_ok: bool) -> bool {
        let mut ok = true;
        for (what, r) in [("base", mem.base), ("index", mem.index)] {
            let Some(r) = r else { continue };
            match self.func.vars.get(r.index()) {
                None => {
                    self.op_err(
                        insn,
                        n,
                        format!("memory {what} variable {r:?} does not exist"),
                    );
                    ok = false;
                }
                Some(var) if var.class() != Class::Int => {
                    let msg = format!("memory {what} '{}' is {}, not int", var.name, var.class());
                    self.op_err(insn, n, msg);
                    ok = false;
                }
                Some(_) => {}
            }
        }
        if mem.index.is_some() && !matches!(mem.scale, 1 | 2 | 4 | 8) {
            self.op_err(
                insn,
                n,
                format!("memory scale {} is not 1, 2, 4 or 8", mem.scale),
            );
            ok = false;
        }
        for a in [mem.alias, mem.nonalias] {
            if a as usize > self.v.m.aliases.len() {
                self.op_err(insn, n, format!("alias #{a} does not exist"));
                ok = false;
            }
        }
        if mem.ty.is_block() {
            if !block_ok {
                self.op_err(
                    insn,
                    n,
                    format!(
                        "memory of block type {} is only allowed as a call argument",
                        mem.ty
                    ),
                );
                ok = false;
            } else {
                if mem.disp < 0 {
                    self.op_err(
                        insn,
                        n,
                        format!("block memory with negative size {}", mem.disp),
                    );
                    ok = false;
                }
                if mem.index.is_some() {
                    self.op_err(insn, n, "block memory must not have an index");
                    ok = false;
                }
            }
        }
        ok
    }

    // ------------------------------------------------- variable-arity insns

    fn check_switch(&mut self, insn: InsnRef<'_>) {
        let Some((index, labels)) = insn.operands.split_first() else {
            self.err(insn.pos, "'switch' needs an index and at least one label");
            return;
        };
        if labels.is_empty() {
            self.err(insn.pos, "'switch' needs an index and at least one label");
        }
        let index_spec = insn.op.info().operands.first().copied().unwrap_or(Spec::I);
        self.check_spec(insn, 0, index_spec, index);
        for (k, op) in labels.iter().enumerate() {
            self.check_spec(insn, k + 1, Spec::L, op);
        }
    }

    fn check_ret(&mut self, insn: InsnRef<'_>) {
        let results = &self.func.sig.results;
        if insn.operands.len() != results.len() {
            self.err(
                insn.pos,
                format!(
                    "'ret' has {}, the function returns {}",
                    plural(insn.operands.len(), "operand"),
                    plural(results.len(), "value")
                ),
            );
        }
        for (n, op) in insn.operands.iter().enumerate() {
            match results.get(n) {
                Some(t) => self.check_value(
                    insn,
                    n,
                    ValueSpec {
                        class: t.class(),
                        output: false,
                    },
                    op,
                ),
                None => {
                    self.value_of(insn, n, op, false);
                }
            }
        }
    }

    /// Spec §5.13: `call`, `inline`, `jcall`.
    fn check_call(&mut self, insn: InsnRef<'_>) {
        let ops = insn.operands;
        let name = insn.op.name();
        if ops.len() < 2 {
            self.err(
                insn.pos,
                format!("'{name}' needs a prototype and a function operand"),
            );
            return;
        }
        let proto = match &ops[0] {
            Operand::Ref(id) => match self.v.item(*id) {
                Some(Item {
                    kind: ItemKind::Proto(p),
                    ..
                }) => Some(p),
                Some(it) => {
                    self.op_err(
                        insn,
                        0,
                        format!("expected a prototype, got {}", describe(it)),
                    );
                    None
                }
                None => {
                    self.op_err(insn, 0, format!("{id:?} does not exist"));
                    None
                }
            },
            _ => {
                self.op_err(insn, 0, "expected a prototype");
                None
            }
        };
        // Operand 1: a function reference or any int value.
        self.check_value(
            insn,
            1,
            ValueSpec {
                class: Class::Int,
                output: false,
            },
            &ops[1],
        );
        let Some(proto) = proto else {
            for (n, op) in ops.iter().enumerate().skip(2) {
                self.value_of(insn, n, op, true);
            }
            return;
        };
        if insn.op.family() == Family::JCall && !proto.results.is_empty() {
            self.err(insn.pos, "the prototype of 'jcall' must have no results");
        }
        let nres = proto.results.len();
        let nfixed = 2 + nres + proto.params.len();
        if ops.len() < nfixed || (!proto.vararg && ops.len() > nfixed) {
            self.err(
                insn.pos,
                format!(
                    "'{name}' has {}, its prototype needs {}{}",
                    plural(ops.len(), "operand"),
                    nfixed,
                    if proto.vararg { " or more" } else { "" }
                ),
            );
        }
        for (n, op) in ops.iter().enumerate().skip(2) {
            if n < 2 + nres {
                let want = ValueSpec {
                    class: proto.results[n - 2].class(),
                    output: true,
                };
                self.check_value(insn, n, want, op);
            } else if let Some(p) = proto.params.get(n - 2 - nres) {
                self.check_call_arg(insn, n, p.ty, p.size, op);
            } else if proto.vararg {
                self.check_vararg(insn, n, op);
            } else {
                self.value_of(insn, n, op, true);
            }
        }
    }

    fn check_call_arg(&mut self, insn: InsnRef<'_>, n: usize, ty: Type, size: u32, op: &Operand) {
        if ty.is_block() {
            let Operand::Mem(mem) = op else {
                self.op_err(insn, n, format!("parameter of type {ty} needs {ty} memory"));
                self.value_of(insn, n, op, true);
                return;
            };
            if !self.check_mem(insn, n, mem, true) {
                return;
            }
            if mem.ty != ty {
                self.op_err(
                    insn,
                    n,
                    format!(
                        "parameter of type {ty} needs {ty} memory, got {} memory",
                        mem.ty
                    ),
                );
            } else if mem.disp != i64::from(size) {
                self.op_err(
                    insn,
                    n,
                    format!(
                        "block size {} differs from the parameter's size {size}",
                        mem.disp
                    ),
                );
            }
            return;
        }
        if let Operand::Mem(mem) = op {
            if mem.ty.is_block() {
                self.check_mem(insn, n, mem, true);
                self.op_err(
                    insn,
                    n,
                    format!("block memory passed for a parameter of type {ty}"),
                );
                return;
            }
        }
        let want = ValueSpec {
            class: ty.class(),
            output: false,
        };
        self.check_value(insn, n, want, op);
    }

    fn check_vararg(&mut self, insn: InsnRef<'_>, n: usize, op: &Operand) {
        if let Operand::Mem(mem) = op {
            if mem.ty == Type::RBlk {
                self.check_mem(insn, n, mem, true);
                self.op_err(insn, n, "rblk memory can not be a variadic argument");
                return;
            }
        }
        match self.value_of(insn, n, op, true) {
            Some(Got::Value(Class::F)) => self.op_err(
                insn,
                n,
                "passing float variadic arg (should be passed as double)",
            ),
            Some(Got::Label) => self.op_err(insn, n, "a label can not be an argument"),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::ModuleBuilder;
    use crate::module::Param;
    use crate::opcode::Opcode;

    /// Gives item `i` the position `(100 * (i + 1), 1)` and instruction `k`
    /// of a function item `i` the position `(100 * (i + 1) + k + 1, 1)`.
    fn number(m: &mut Module) {
        for (i, item) in m.items.iter_mut().enumerate() {
            let line = 100 * (i as u32 + 1);
            item.pos = Pos::new(line, 1);
            if let ItemKind::Func(f) = &mut item.kind {
                for k in 0..f.num_insns() {
                    f.set_pos(k, Pos::new(line + k as u32 + 1, 1));
                }
            }
        }
    }

    fn errors(mut m: Module) -> Vec<Diagnostic> {
        number(&mut m);
        m.source = Some("t.mir".into());
        match verify_module(&m) {
            Ok(()) => Vec::new(),
            Err(Errors(d)) => d,
        }
    }

    /// Asserts exactly one error, containing `needle`, at `line` (0 = any).
    #[track_caller]
    fn expect_one(m: Module, needle: &str, line: u32) {
        let errs = errors(m);
        let msgs: Vec<_> = errs.iter().map(|d| d.to_string()).collect();
        assert_eq!(errs.len(), 1, "expected one error, got {msgs:#?}");
        let d = &errs[0];
        assert!(d.message.contains(needle), "{msgs:#?} lacks {needle:?}");
        assert_eq!(d.kind, ErrorKind::Verify);
        assert_eq!(d.file.as_deref(), Some("t.mir"));
        if line != 0 {
            assert_eq!(d.pos.line, line, "{msgs:#?}");
        }
        assert!(!d.message.starts_with(char::is_uppercase), "{msgs:#?}");
    }

    #[track_caller]
    fn expect_some(m: Module, needle: &str) {
        let errs = errors(m);
        let msgs: Vec<_> = errs.iter().map(|d| d.message.clone()).collect();
        assert!(
            msgs.iter().any(|s| s.contains(needle)),
            "{msgs:#?} lacks {needle:?}"
        );
    }

    #[track_caller]
    fn expect_ok(m: Module) {
        let errs = errors(m);
        let msgs: Vec<_> = errs.iter().map(|d| d.to_string()).collect();
        assert!(errs.is_empty(), "unexpected errors: {msgs:#?}");
    }

    /// A module with one void function `f(i64 a, d x)` and locals
    /// `r: i64`, `y: d`, built by `body`.
    fn one_func(body: impl FnOnce(&mut crate::builder::FuncBuilder<'_>, [VarId; 4])) -> Module {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[("a", Type::I64), ("x", Type::D)], false);
        let (a, x) = (f.param(0), f.param(1));
        let r = f.local("r", Type::I64);
        let y = f.local("y", Type::D);
        body(&mut f, [a, x, r, y]);
        f.finish();
        mb.finish_unverified()
    }

    // ------------------------------------------------------------ positive

    #[test]
    fn valid_complex_module() {
        let mut mb = ModuleBuilder::new("m");
        mb.import("printf");
        let pfmt = mb.proto("pfmt", &[], &[("fmt", Type::P)], true);
        let sum_p = mb.proto("sum_p", &[Type::I64], &[("n", Type::I64)], false);
        let blk_p = mb.proto_with(
            "blk_p",
            Proto {
                results: vec![Type::I32, Type::D],
                params: vec![
                    Param {
                        name: "s".into(),
                        ty: Type::Blk1,
                        size: 16,
                    },
                    Param {
                        name: "r".into(),
                        ty: Type::RBlk,
                        size: 24,
                    },
                    Param {
                        name: "c".into(),
                        ty: Type::I8,
                        size: 0,
                    },
                ],
                vararg: false,
            },
        );
        let fwd = mb.forward("sum");
        mb.export("main");
        let tbl = mb.data(Some("tbl"), Type::I32, vec![1, 0, 0, 0, 2, 0, 0, 0]);
        mb.string(None, b"hi");
        mb.bss(Some("zeros"), 13);
        mb.data(None, Type::LD, vec![0; 32]);
        mb.reference(Some("r_tbl"), tbl, 4);
        let printf = mb.item("printf").unwrap();
        let mut f = mb.func("main", &[Type::I64], &[], false);
        let r = f.local("r", Type::I64);
        let dd = f.local("dd", Type::D);
        let g = f.global("g", Type::I64, "rbx");
        let gx = f.global("gx", Type::D, "xmm3");
        let l = f.named_label("again");
        f.place(l);
        f.emit(Opcode::Call, [sum_p.into(), fwd.into(), r.into(), 4.into()]);
        f.emit_vec(
            Opcode::Call,
            vec![
                pfmt.into(),
                printf.into(),
                Operand::Str(b"%d %g\n\0".to_vec().into()),
                r.into(),
                dd.into(),
                Operand::mem(Mem::new(Type::Blk2, 32, Some(r), None, 1)),
            ],
        );
        f.emit_vec(
            Opcode::Call,
            vec![
                blk_p.into(),
                r.into(),
                Operand::mem(Mem::new(Type::I32, 0, Some(r), None, 1)),
                dd.into(),
                Operand::mem(Mem::new(Type::Blk1, 16, Some(r), None, 1)),
                Operand::mem(Mem::new(Type::RBlk, 24, Some(g), None, 1)),
                7.into(),
            ],
        );
        f.emit(Opcode::AddO, [r.into(), r.into(), g.into()]);
        f.emit(Opcode::Mov, [g.into(), r.into()]);
        f.emit(
            Opcode::Mov,
            [
                Operand::mem(Mem::new(Type::I16, 0, Some(r), Some(g), 8)),
                r.into(),
            ],
        );
        f.emit(Opcode::Bo, [l.into()]);
        f.emit(Opcode::UMulOS, [r.into(), r.into(), 3.into()]);
        f.emit(Opcode::UBno, [l.into()]);
        f.emit(Opcode::DMov, [gx.into(), 1.5f64.into()]);
        f.emit(Opcode::Addr, [r.into(), gx.into()]);
        f.emit(Opcode::PrSet, [r.into(), 1.into()]);
        f.emit(Opcode::PrBeq, [l.into(), r.into(), 0.into()]);
        f.emit(Opcode::Laddr, [r.into(), l.into()]);
        f.emit_vec(Opcode::Switch, vec![r.into(), l.into(), l.into()]);
        f.emit(Opcode::Ret, [r.into()]);
        let main_id = f.finish();
        let mut f = mb.func("sum", &[Type::I64], &[("n", Type::I64)], false);
        let n = f.param(0);
        let i = f.local("i", Type::I64);
        let acc = f.local("acc", Type::I64);
        let p = f.local("p", Type::I64);
        let (top, done) = (f.named_label("loop"), f.named_label("done"));
        f.emit(Opcode::Mov, [acc.into(), 0.into()]);
        f.emit(Opcode::Mov, [i.into(), 0.into()]);
        f.emit(Opcode::Mov, [p.into(), tbl.into()]);
        f.place(top);
        f.emit(Opcode::Bge, [done.into(), i.into(), n.into()]);
        f.emit(
            Opcode::Add,
            [
                acc.into(),
                acc.into(),
                Operand::mem(Mem::new(Type::I32, 0, Some(p), Some(i), 4)),
            ],
        );
        f.emit(Opcode::Add, [i.into(), i.into(), 1.into()]);
        f.emit(Opcode::Jmp, [top.into()]);
        f.place(done);
        f.emit(Opcode::Ret, [acc.into()]);
        f.finish();
        // A variadic function using va_*.
        let mut f = mb.func("va", &[Type::D], &[("n", Type::I64)], true);
        let va = f.local("va", Type::I64);
        let t = f.local("t", Type::I64);
        let dv = f.local("dv", Type::D);
        f.emit(Opcode::Alloca, [va.into(), 32.into()]);
        f.emit(Opcode::VaStart, [va.into()]);
        f.emit(
            Opcode::VaArg,
            [
                t.into(),
                va.into(),
                Operand::mem(Mem::new(Type::D, 0, None, None, 1)),
            ],
        );
        f.emit(
            Opcode::DMov,
            [dv.into(), Operand::mem(Mem::base(Type::D, t))],
        );
        f.emit(
            Opcode::VaBlockArg,
            [t.into(), va.into(), 16.into(), 1.into()],
        );
        f.emit(Opcode::VaEnd, [va.into()]);
        f.emit(Opcode::Ret, [dv.into()]);
        f.finish();
        // expr function and an lref into main.
        let mut f = mb.func("seven", &[Type::I32], &[], false);
        f.emit(Opcode::Ret, [7.into()]);
        let seven = f.finish();
        mb.expr(Some("e"), seven);
        mb.lref(Some("lr"), main_id, LabelId(0), Some(LabelId(0)), 8);
        // An empty function with results (the reader adds the ret).
        let f = mb.func("empty", &[Type::I64, Type::LD], &[], false);
        f.finish();
        // jcall/jret pair.
        let jp = mb.proto("jp", &[], &[], false);
        let mut f = mb.func("jc", &[], &[], false);
        let jr = f.global("jr", Type::I64, "r12");
        f.emit(Opcode::JCall, [jp.into(), jr.into()]);
        f.emit(Opcode::JRet, [jr.into()]);
        f.finish();
        mb.export("sum");
        mb.forward("main");
        expect_ok(mb.finish_unverified());
    }

    #[test]
    fn builder_doc_example_verifies() {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("sum", &[Type::I64], &[("n", Type::I64)], false);
        let n = f.param(0);
        let (i, acc) = (f.local("i", Type::I64), f.local("acc", Type::I64));
        let (top, done) = (f.new_label(), f.new_label());
        f.emit(Opcode::Mov, [acc.into(), 0.into()]);
        f.place(top);
        f.emit(Opcode::Bge, [done.into(), i.into(), n.into()]);
        f.emit(Opcode::Jmp, [top.into()]);
        f.place(done);
        f.emit(Opcode::Ret, [acc.into()]);
        f.finish();
        mb.export("sum");
        assert!(mb.finish().is_ok());
    }

    #[test]
    fn every_fixed_opcode_accepts_well_typed_operands() {
        // Build one instruction per fixed-arity opcode straight from its
        // spec; all must verify.
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[("a", Type::I64)], true);
        let i = f.param(0);
        let fv = f.local("fv", Type::F);
        let dv = f.local("dv", Type::D);
        let lv = f.local("lv", Type::LD);
        let l = f.named_label("l");
        f.place(l);
        f.emit(Opcode::AddO, [i.into(), i.into(), i.into()]);
        for &op in Opcode::ALL {
            let fam = op.family();
            if fam.is_variable_arity() || fam.is_internal() {
                continue;
            }
            let ops = op
                .info()
                .operands
                .iter()
                .map(|s| match s {
                    Spec::I | Spec::OI | Spec::R | Spec::Loc => Operand::Reg(i),
                    Spec::F | Spec::OF => Operand::Reg(fv),
                    Spec::D | Spec::OD => Operand::Reg(dv),
                    Spec::LD | Spec::OLD => Operand::Reg(lv),
                    Spec::L => Operand::Label(l),
                    Spec::M => Operand::mem(Mem::base(Type::I64, i)),
                    Spec::Imm => Operand::Int(0),
                })
                .collect();
            if matches!(fam, Family::BOvf { unsigned: true, .. }) {
                f.emit(Opcode::UMulO, [i.into(), i.into(), i.into()]);
            } else if matches!(fam, Family::BOvf { .. }) {
                f.emit(Opcode::MulO, [i.into(), i.into(), i.into()]);
            }
            f.emit_vec(op, ops);
        }
        f.finish();
        expect_ok(mb.finish_unverified());
    }

    #[test]
    fn export_and_forward_before_or_after_definition() {
        let mut mb = ModuleBuilder::new("m");
        mb.export("d");
        mb.forward("d");
        mb.data(Some("d"), Type::U8, vec![1]);
        mb.export("d");
        mb.forward("d");
        mb.import("x");
        mb.import("x");
        expect_ok(mb.finish_unverified());
    }

    #[test]
    fn verify_modules_concatenates() {
        let mut a = ModuleBuilder::new("a");
        a.export("nope");
        let mut b = ModuleBuilder::new("b");
        b.forward("nada");
        let ok = ModuleBuilder::new("c").finish_unverified();
        let ms = [a.finish_unverified(), ok, b.finish_unverified()];
        let errs = verify_modules(&ms).unwrap_err();
        assert_eq!(errs.0.len(), 2);
        assert!(errs.0[0].message.contains("'nope'"));
        assert!(errs.0[1].message.contains("'nada'"));
        assert!(verify_modules(&[]).is_ok());
    }

    #[test]
    fn collects_all_errors_in_order() {
        let m = one_func(|f, [a, x, r, _]| {
            f.emit(Opcode::Add, [r.into(), a.into(), x.into()]);
            f.emit(Opcode::DAdd, [x.into(), a.into(), x.into()]);
            f.emit(Opcode::Mov, [1.into(), r.into()]);
        });
        let errs = errors(m);
        let lines: Vec<_> = errs.iter().map(|d| d.pos.line).collect();
        assert_eq!(lines, [101, 102, 103], "{errs:#?}");
        assert_eq!(
            errs[0].message,
            "in function 'f': operand 3 of 'add': expected int, got double"
        );
    }

    // -------------------------------------------------------- module level

    #[test]
    fn duplicate_definitions() {
        let mut mb = ModuleBuilder::new("m");
        mb.bss(Some("x"), 8);
        mb.data(Some("x"), Type::I8, vec![0]);
        expect_one(mb.finish_unverified(), "duplicate definition of 'x'", 200);
    }

    #[test]
    fn import_vs_definition() {
        let mut mb = ModuleBuilder::new("m");
        mb.import("x");
        mb.bss(Some("x"), 8);
        expect_one(mb.finish_unverified(), "already declared as an import", 200);
        let mut mb = ModuleBuilder::new("m");
        mb.bss(Some("x"), 8);
        mb.import("x");
        expect_one(
            mb.finish_unverified(),
            "import of local definition 'x'",
            200,
        );
    }

    #[test]
    fn import_vs_export_and_forward() {
        let mut mb = ModuleBuilder::new("m");
        mb.import("x");
        mb.export("x");
        expect_one(
            mb.finish_unverified(),
            "export 'x' is already declared as an import",
            200,
        );
        let mut mb = ModuleBuilder::new("m");
        mb.forward("x");
        mb.import("x");
        mb.bss(Some("x"), 1);
        expect_one(
            mb.finish_unverified(),
            "import of 'x', which is exported or forwarded",
            200,
        );
    }

    #[test]
    fn proto_duplicates() {
        let mut mb = ModuleBuilder::new("m");
        mb.proto("p", &[], &[], false);
        mb.proto("p", &[], &[], false);
        expect_one(mb.finish_unverified(), "already defined as a proto", 200);
        let mut mb = ModuleBuilder::new("m");
        mb.proto("p", &[], &[], false);
        mb.bss(Some("p"), 1);
        expect_one(mb.finish_unverified(), "already defined as a proto", 200);
        let mut mb = ModuleBuilder::new("m");
        mb.bss(Some("p"), 1);
        mb.proto("p", &[], &[], false);
        expect_one(
            mb.finish_unverified(),
            "proto 'p' repeats the name of a definition",
            200,
        );
        let mut mb = ModuleBuilder::new("m");
        mb.forward("p");
        mb.proto("p", &[], &[], false);
        mb.bss(Some("p"), 1);
        expect_one(
            mb.finish_unverified(),
            "proto 'p' conflicts with an earlier export",
            200,
        );
    }

    #[test]
    fn export_of_undefined_item() {
        let mut mb = ModuleBuilder::new("m");
        mb.bss(Some("y"), 1);
        mb.export("x");
        expect_one(mb.finish_unverified(), "export of undefined item 'x'", 200);
        let mut mb = ModuleBuilder::new("m");
        mb.forward("g");
        expect_one(mb.finish_unverified(), "forward of undefined item 'g'", 100);
    }

    #[test]
    fn unnamed_declarations() {
        let mut m = ModuleBuilder::new("m").finish_unverified();
        m.items.push(Item {
            name: None,
            kind: ItemKind::Import,
            pos: Pos::NONE,
        });
        expect_one(m, "import without a name", 100);
    }

    #[test]
    fn duplicate_labels_across_module() {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[], false);
        let l = f.named_label("L");
        f.place(l);
        f.emit(Opcode::Jmp, [l.into()]);
        f.finish();
        let mut f = mb.func("g", &[], &[], false);
        let l = f.named_label("L");
        f.place(l);
        f.emit(Opcode::Jmp, [l.into()]);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "in function 'g': label 'L' is already defined in function 'f'",
            201,
        );
    }

    #[test]
    fn duplicate_label_names_in_one_function() {
        let m = one_func(|f, _| {
            let (l1, l2) = (f.named_label("x"), f.named_label("x"));
            f.place(l1);
            f.place(l2);
            f.emit(Opcode::Jmp, [l1.into()]);
        });
        expect_one(m, "label name 'x' is used twice", 102);
    }

    #[test]
    fn label_defined_twice() {
        let m = one_func(|f, _| {
            let l = f.named_label("x");
            f.place(l);
            f.emit(Opcode::Jmp, [l.into()]);
            f.place(l);
        });
        expect_one(m, "label 'x' is defined more than once", 103);
    }

    #[test]
    fn ref_target_must_exist() {
        let mut mb = ModuleBuilder::new("m");
        mb.reference(Some("r"), ItemId(9), 0);
        expect_one(
            mb.finish_unverified(),
            "ref 'r': target item9 does not exist",
            100,
        );
        let mut mb = ModuleBuilder::new("m");
        let p = mb.proto("p", &[], &[], false);
        mb.reference(None, p, 0);
        expect_one(
            mb.finish_unverified(),
            "anonymous ref: target proto 'p' has no address",
            200,
        );
    }

    #[test]
    fn expr_rules() {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("two", &[Type::I64, Type::I64], &[("a", Type::I64)], false);
        let a = f.param(0);
        f.emit(
            Opcode::Mov,
            [a.into(), Operand::mem(Mem::base(Type::I64, a))],
        );
        f.emit(Opcode::Ret, [a.into(), a.into()]);
        let two = f.finish();
        mb.expr(Some("e"), two);
        let errs = errors(mb.finish_unverified());
        let msgs: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "expr 'e': function 'two' must have no parameters",
                "expr 'e': function 'two' must have exactly one result",
                "expr 'e': function 'two' must not contain calls or memory operands",
            ]
        );
        assert!(errs.iter().all(|d| d.pos.line == 200));
    }

    #[test]
    fn expr_needs_a_defined_function() {
        let mut mb = ModuleBuilder::new("m");
        let fwd = mb.forward("g");
        mb.expr(Some("e"), fwd);
        let f = mb.func("g", &[Type::I64], &[], false);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "expr 'e': 'g' is not a function defined in this module",
            200,
        );
        let mut mb = ModuleBuilder::new("m");
        mb.expr(None, ItemId(5));
        expect_one(
            mb.finish_unverified(),
            "item5 is not a function defined",
            100,
        );
    }

    #[test]
    fn expr_function_with_call_or_vararg() {
        let mut mb = ModuleBuilder::new("m");
        let p = mb.proto("p", &[], &[], false);
        let mut f = mb.func("g", &[Type::I64], &[("a", Type::I64)], true);
        let a = f.param(0);
        f.emit(Opcode::Call, [p.into(), a.into()]);
        let g = f.finish();
        mb.expr(Some("e"), g);
        let errs = errors(mb.finish_unverified());
        let msgs: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
        assert!(msgs.contains(&"expr 'e': function 'g' must not be variadic"));
        assert!(msgs.contains(&"expr 'e': function 'g' must not contain calls or memory operands"));
    }

    #[test]
    fn lref_rules() {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[], false);
        let l = f.named_label("here");
        let undef = f.named_label("nowhere");
        f.place(l);
        f.emit(Opcode::Jmp, [l.into()]);
        let fid = f.finish();
        let d = mb.bss(Some("d"), 1);
        mb.lref(Some("ok"), fid, l, Some(l), 0);
        mb.lref(Some("bad1"), fid, LabelId(7), None, 0);
        mb.lref(Some("bad2"), fid, l, Some(undef), 0);
        mb.lref(Some("bad3"), d, l, None, 0);
        mb.lref(Some("bad4"), ItemId(99), l, None, 0);
        let errs = errors(mb.finish_unverified());
        let got: Vec<_> = errs
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (400, "lref 'bad1': label L7 does not belong to function 'f'"),
                (
                    500,
                    "lref 'bad2': label 'nowhere' is not defined in function 'f'"
                ),
                (600, "lref 'bad3': bss 'd' is not a function"),
                (700, "lref 'bad4': item99 (no such item) is not a function"),
            ]
        );
    }

    #[test]
    fn data_rules() {
        let mut mb = ModuleBuilder::new("m");
        mb.data(Some("a"), Type::I32, vec![0; 6]);
        mb.data(Some("b"), Type::P, vec![0; 8]);
        mb.data(None, Type::Blk0, vec![0; 8]);
        mb.data(Some("ok"), Type::LD, vec![0; 16]);
        mb.data(Some("ok2"), Type::U8, vec![]);
        let errs = errors(mb.finish_unverified());
        let got: Vec<_> = errs
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    100,
                    "data 'a': 6 bytes of i32 data are not a multiple of the element size 4"
                ),
                (200, "data 'b': p data is not allowed (use ref)"),
                (300, "anonymous data: data of block type blk0"),
            ]
        );
    }

    // ------------------------------------------------------ function level

    #[test]
    fn duplicate_param_and_var_names() {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[("a", Type::I64), ("a", Type::D)], false);
        f.local("a", Type::I64);
        f.finish();
        let errs = errors(mb.finish_unverified());
        let msgs: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "in function 'f': duplicate parameter name 'a'",
                "in function 'f': duplicate variable name 'a'",
            ]
        );
        assert!(errs.iter().all(|d| d.pos.line == 100));
    }

    #[test]
    fn proto_param_names_may_repeat() {
        let mut mb = ModuleBuilder::new("m");
        mb.proto("p", &[], &[("a", Type::I64), ("a", Type::I64)], false);
        mb.proto("q", &[], &[], true);
        expect_ok(mb.finish_unverified());
    }

    #[test]
    fn reserved_names() {
        for name in ["hr", "hr12", ".lc3", ".lcx"] {
            let mut mb = ModuleBuilder::new("m");
            let mut f = mb.func("f", &[], &[], false);
            f.local(name, Type::I64);
            f.finish();
            expect_one(
                mb.finish_unverified(),
                &format!("variable name '{name}' is reserved"),
                100,
            );
        }
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[("hr1", Type::I64)], false);
        f.local("hrx", Type::I64);
        f.local("t1", Type::I64);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "parameter name 'hr1' is reserved",
            100,
        );
    }

    #[test]
    fn local_types() {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[("c", Type::U8)], false);
        f.local("x", Type::I32);
        f.local("ok", Type::LD);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "variable 'x' has type i32; locals and globals must be i64, f, d or ld",
            100,
        );
    }

    #[test]
    fn hard_registers() {
        let cases: [(&str, Type, &str); 6] = [
            ("rzz", Type::I64, "unknown hard register 'rzz'"),
            ("rsp", Type::I64, "reserved hard register 'rsp'"),
            ("xmm9", Type::D, "reserved hard register 'xmm9'"),
            ("st1", Type::LD, "reserved hard register 'st1'"),
            (
                "xmm1",
                Type::I64,
                "of class int can not live in hard register 'xmm1'",
            ),
            (
                "rax",
                Type::F,
                "of class float can not live in hard register 'rax'",
            ),
        ];
        for (reg, ty, msg) in cases {
            let mut mb = ModuleBuilder::new("m");
            let mut f = mb.func("f", &[], &[], false);
            f.global("g", ty, reg);
            f.finish();
            expect_one(mb.finish_unverified(), msg, 100);
        }
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[], false);
        f.global("g", Type::LD, "xmm2");
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "global 'g' of class long double can not live in hard register 'xmm2'",
            100,
        );
    }

    #[test]
    fn two_globals_on_one_register() {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[], false);
        f.global("g", Type::I64, "r12");
        f.global("h", Type::I64, "r12");
        f.finish();
        // Other functions may use the same register.
        let mut f = mb.func("k", &[], &[], false);
        f.global("g", Type::I64, "r12");
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "globals 'g' and 'h' are bound to the same hard register 'r12'",
            100,
        );
    }

    #[test]
    fn global_without_register_and_local_with_one() {
        let mut m = one_func(|_, _| {});
        let ItemKind::Func(f) = &mut m.items[0].kind else {
            unreachable!()
        };
        f.vars[2].hard_reg = Some("rbx".into());
        f.vars[3].kind = VarKind::Global;
        let errs = errors(m);
        let msgs: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "in function 'f': only globals can be bound to a hard register ('r' to 'rbx')",
                "in function 'f': global 'y' has no hard register",
            ]
        );
    }

    #[test]
    fn block_results_and_block_param_sizes() {
        let mut mb = ModuleBuilder::new("m");
        let f = mb.func("f", &[Type::Blk0], &[("b", Type::Blk1)], false);
        f.finish();
        let errs = errors(mb.finish_unverified());
        let msgs: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "in function 'f': result 1 has block type blk0",
                "in function 'f': block parameter 'b' has size 0",
            ]
        );
        let mut mb = ModuleBuilder::new("m");
        mb.proto("p", &[Type::RBlk], &[], false);
        expect_one(
            mb.finish_unverified(),
            "in proto 'p': result 1 has block type rblk",
            100,
        );
    }

    #[test]
    fn too_many_results_for_x86_64() {
        let mut mb = ModuleBuilder::new("m");
        mb.proto("p", &[Type::I64, Type::P, Type::U8], &[], false);
        mb.proto(
            "ok",
            &[Type::I64, Type::P, Type::F, Type::D, Type::LD, Type::LD],
            &[],
            false,
        );
        expect_one(
            mb.finish_unverified(),
            "x86-64 can not return this combination",
            100,
        );
    }

    #[test]
    fn variadic_function_needs_fixed_param() {
        let mut mb = ModuleBuilder::new("m");
        let f = mb.func("f", &[], &[], true);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "a variadic function needs at least one fixed parameter",
            100,
        );
    }

    #[test]
    fn var_table_must_match_params() {
        let mut m = one_func(|_, _| {});
        let ItemKind::Func(f) = &mut m.items[0].kind else {
            unreachable!()
        };
        f.vars[1].ty = Type::F;
        f.vars[3].kind = VarKind::Param;
        let errs = errors(m);
        let msgs: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "in function 'f': variable 2 does not match parameter 2 'x'",
                "in function 'f': variable 'y' is marked as a parameter but the signature has 2 parameters",
            ]
        );
        let mut m = one_func(|_, _| {});
        let ItemKind::Func(f) = &mut m.items[0].kind else {
            unreachable!()
        };
        f.vars.truncate(1);
        expect_one(
            m,
            "1 variable declared but the signature has 2 parameters",
            100,
        );
    }

    // --------------------------------------------------- instruction level

    #[test]
    fn operand_count() {
        let m = one_func(|f, [a, ..]| f.emit(Opcode::Add, [a.into(), a.into()]));
        expect_one(m, "in function 'f': 'add' takes 3 operands, got 2", 101);
        let m = one_func(|f, [a, ..]| f.emit(Opcode::Jmpi, [a.into(), a.into()]));
        expect_one(m, "'jmpi' takes 1 operand, got 2", 101);
    }

    #[test]
    fn internal_opcodes() {
        for op in [Opcode::Use, Opcode::Phi, Opcode::Unspec, Opcode::Invalid] {
            let m = one_func(|f, [a, ..]| f.emit(op, [a.into()]));
            expect_one(
                m,
                &format!("'{}' is an internal instruction", op.name()),
                101,
            );
        }
    }

    #[test]
    fn malformed_label_insn() {
        let m = one_func(|f, [a, ..]| f.emit(Opcode::Label, [a.into()]));
        expect_one(
            m,
            "a 'label' pseudo-instruction needs exactly one label operand",
            101,
        );
        let m = one_func(|f, _| f.emit(Opcode::Label, []));
        expect_one(m, "exactly one label operand", 101);
    }

    #[test]
    fn class_mismatch() {
        let m = one_func(|f, [_, _, r, _]| f.emit(Opcode::Mov, [r.into(), 1.0f64.into()]));
        expect_one(m, "operand 2 of 'mov': expected int, got double", 101);
        let m = one_func(|f, [_, _, _, y]| f.emit(Opcode::FMov, [y.into(), 1.0f32.into()]));
        expect_one(m, "operand 1 of 'fmov': expected float, got double", 101);
        let m = one_func(|f, [_, x, _, _]| {
            f.emit(
                Opcode::DMov,
                [x.into(), Operand::mem(Mem::new(Type::LD, 0, None, None, 1))],
            )
        });
        expect_one(
            m,
            "operand 2 of 'dmov': expected double, got long double",
            101,
        );
        let m = one_func(|f, [a, _, _, _]| {
            let l = f.named_label("q");
            f.place(l);
            f.emit(Opcode::Add, [a.into(), a.into(), l.into()]);
        });
        expect_one(m, "operand 3 of 'add': expected int, got label", 102);
    }

    #[test]
    fn refs_and_strings_are_int() {
        let mut mb = ModuleBuilder::new("m");
        let d = mb.bss(Some("d"), 8);
        let mut f = mb.func("f", &[], &[], false);
        let r = f.local("r", Type::I64);
        let y = f.local("y", Type::D);
        f.emit(Opcode::Add, [r.into(), d.into(), 16.into()]);
        f.emit(
            Opcode::Mov,
            [r.into(), Operand::Str(b"x\0".to_vec().into())],
        );
        f.emit(Opcode::DMov, [y.into(), d.into()]);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "operand 2 of 'dmov': expected double, got int",
            203,
        );
    }

    #[test]
    fn proto_ref_is_not_a_value() {
        let mut mb = ModuleBuilder::new("m");
        let p = mb.proto("p", &[], &[], false);
        let mut f = mb.func("f", &[], &[], false);
        let r = f.local("r", Type::I64);
        f.emit(Opcode::Mov, [r.into(), p.into()]);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "operand 2 of 'mov': proto 'p' has no address",
            201,
        );
    }

    #[test]
    fn output_must_be_location() {
        let m = one_func(|f, [a, ..]| f.emit(Opcode::Add, [5.into(), a.into(), a.into()]));
        expect_one(
            m,
            "operand 1 of 'add': an output must be a variable or memory operand",
            101,
        );
        let mut mb = ModuleBuilder::new("m");
        let d = mb.bss(Some("d"), 8);
        let mut f = mb.func("f", &[], &[], false);
        f.emit(Opcode::Mov, [d.into(), 1.into()]);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "an output must be a variable or memory",
            201,
        );
    }

    #[test]
    fn addr_needs_a_variable() {
        let m = one_func(|f, [_, _, r, _]| f.emit(Opcode::Addr, [r.into(), 4.into()]));
        expect_one(m, "operand 2 of 'addr': expected a variable", 101);
        let m = one_func(|f, [_, _, r, _]| {
            f.emit(
                Opcode::Addr8,
                [r.into(), Operand::mem(Mem::base(Type::I64, r))],
            )
        });
        expect_one(m, "operand 2 of 'addr8': expected a variable", 101);
    }

    #[test]
    fn undefined_label() {
        let m = one_func(|f, _| {
            let l = f.named_label("nowhere");
            f.emit(Opcode::Jmp, [l.into()]);
        });
        expect_one(
            m,
            "operand 1 of 'jmp': label 'nowhere' is not defined in this function",
            101,
        );
        let m = one_func(|f, _| f.emit(Opcode::Jmp, [LabelId(3).into()]));
        expect_one(m, "label L3 does not exist in this function", 101);
        let m = one_func(|f, [a, ..]| f.emit(Opcode::Jmp, [a.into()]));
        expect_one(m, "operand 1 of 'jmp': expected a label", 101);
    }

    #[test]
    fn label_of_another_function() {
        // As the reader builds it: g has its own LabelId for the name, but
        // never places it.
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[], &[], false);
        let l = f.named_label("shared");
        f.place(l);
        f.emit(Opcode::Jmp, [l.into()]);
        f.finish();
        let mut f = mb.func("g", &[Type::I64], &[], false);
        let r = f.local("r", Type::I64);
        let l = f.named_label("shared");
        f.emit(Opcode::Laddr, [r.into(), l.into()]);
        f.emit(Opcode::Ret, [r.into()]);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "in function 'g': operand 2 of 'laddr': label 'shared' is not defined in this function",
            201,
        );
    }

    #[test]
    fn memory_operand_rules() {
        let m = one_func(|f, [a, x, r, _]| {
            f.emit(
                Opcode::Mov,
                [
                    r.into(),
                    Operand::mem(Mem::new(Type::I64, 0, Some(x), None, 1)),
                ],
            );
            f.emit(
                Opcode::Mov,
                [
                    r.into(),
                    Operand::mem(Mem::new(Type::I64, 0, Some(a), Some(x), 1)),
                ],
            );
            f.emit(
                Opcode::Mov,
                [
                    r.into(),
                    Operand::mem(Mem::new(Type::I64, 0, Some(a), Some(a), 3)),
                ],
            );
            f.emit(
                Opcode::Mov,
                [
                    r.into(),
                    Operand::mem(Mem::new(Type::I64, 0, Some(a), None, 0)),
                ],
            );
            f.emit(
                Opcode::Mov,
                [
                    r.into(),
                    Operand::mem(Mem::new(Type::Blk0, 0, Some(a), None, 1)),
                ],
            );
        });
        let errs = errors(m);
        let got: Vec<_> = errs
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (101, "in function 'f': operand 2 of 'mov': memory base 'x' is double, not int"),
                (102, "in function 'f': operand 2 of 'mov': memory index 'x' is double, not int"),
                (103, "in function 'f': operand 2 of 'mov': memory scale 3 is not 1, 2, 4 or 8"),
                (
                    105,
                    "in function 'f': operand 2 of 'mov': memory of block type blk0 is only allowed as a call argument"
                ),
            ]
        );
    }

    #[test]
    fn alias_out_of_range() {
        let m = one_func(|f, [a, _, r, _]| {
            let mut mem = Mem::base(Type::I64, a);
            mem.nonalias = 2;
            f.emit(Opcode::Mov, [r.into(), mem.into()]);
        });
        expect_one(m, "operand 2 of 'mov': alias #2 does not exist", 101);
    }

    #[test]
    fn ret_arity_and_classes() {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[Type::I64, Type::D], &[], false);
        let r = f.local("r", Type::I64);
        f.emit(Opcode::Ret, [r.into()]);
        f.emit(Opcode::Ret, [r.into(), r.into()]);
        f.emit(Opcode::Ret, [r.into(), 1.0f64.into(), 2.into()]);
        f.finish();
        let errs = errors(mb.finish_unverified());
        let got: Vec<_> = errs
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    101,
                    "in function 'f': 'ret' has 1 operand, the function returns 2 values"
                ),
                (
                    102,
                    "in function 'f': operand 2 of 'ret': expected double, got int"
                ),
                (
                    103,
                    "in function 'f': 'ret' has 3 operands, the function returns 2 values"
                ),
            ]
        );
    }

    #[test]
    fn jret_rules() {
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[Type::I64], &[], false);
        let r = f.local("r", Type::I64);
        f.emit(Opcode::JRet, [r.into()]);
        f.finish();
        expect_one(
            mb.finish_unverified(),
            "'jret' in a function with results",
            101,
        );
        let m = one_func(|f, [a, ..]| {
            f.emit(Opcode::Ret, []);
            f.emit(Opcode::JRet, [a.into()]);
        });
        expect_one(m, "mix of 'ret' and 'jret' instructions", 102);
    }

    #[test]
    fn jmpi_target_must_not_be_a_constant() {
        let mut mb = ModuleBuilder::new("m");
        let d = mb.bss(Some("d"), 8);
        let mut f = mb.func("f", &[], &[], false);
        let t = f.local("t", Type::I64);
        let l = f.named_label("l");
        f.place(l);
        f.emit(Opcode::Laddr, [t.into(), l.into()]);
        f.emit(Opcode::Jmpi, [t.into()]);
        f.emit(Opcode::Jmpi, [Operand::mem(Mem::base(Type::P, t))]);
        f.emit(Opcode::Jmpi, [16.into()]);
        f.emit(Opcode::Jmpi, [d.into()]);
        f.finish();
        let errs = errors(mb.finish_unverified());
        let got: Vec<_> = errs
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        let msg = "in function 'f': operand 1 of 'jmpi': 'jmpi' needs a label address (from 'laddr' or 'lref'), not a constant";
        assert_eq!(got, [(205, msg), (206, msg)]);
    }

    #[test]
    fn va_start_needs_variadic_function() {
        let m = one_func(|f, [a, ..]| f.emit(Opcode::VaStart, [a.into()]));
        expect_one(m, "'va_start' in a function that is not variadic", 101);
    }

    #[test]
    fn va_arg_needs_memory() {
        let m = one_func(|f, [a, _, r, _]| f.emit(Opcode::VaArg, [r.into(), a.into(), 0.into()]));
        expect_one(m, "operand 3 of 'va_arg': expected a memory operand", 101);
    }

    #[test]
    fn switch_rules() {
        let m = one_func(|f, [a, ..]| f.emit_vec(Opcode::Switch, vec![a.into()]));
        expect_one(m, "'switch' needs an index and at least one label", 101);
        let m = one_func(|f, [_, x, ..]| {
            let l = f.named_label("l");
            f.place(l);
            f.emit_vec(Opcode::Switch, vec![x.into(), l.into(), 3.into()]);
        });
        let errs = errors(m);
        let msgs: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "in function 'f': operand 1 of 'switch': expected int, got double",
                "in function 'f': operand 3 of 'switch': expected a label",
            ]
        );
        let m = one_func(|f, _| f.emit_vec(Opcode::Switch, vec![]));
        expect_one(m, "'switch' needs an index", 101);
    }

    #[test]
    fn property_instructions() {
        let m = one_func(|f, [a, _, r, _]| {
            let l = f.named_label("l");
            f.place(l);
            f.emit(Opcode::PrSet, [r.into(), a.into()]);
            f.emit(Opcode::PrBeq, [l.into(), 5.into(), 0.into()]);
            f.emit(Opcode::PrBne, [l.into(), r.into(), 1.0f64.into()]);
        });
        let errs = errors(m);
        let got: Vec<_> = errs
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    102,
                    "in function 'f': operand 2 of 'prset': expected an integer immediate"
                ),
                (
                    103,
                    "in function 'f': operand 2 of 'prbeq': expected a variable or memory operand"
                ),
                (
                    104,
                    "in function 'f': operand 3 of 'prbne': expected an integer immediate"
                ),
            ]
        );
    }

    fn ovf_module(
        body: impl FnOnce(&mut crate::builder::FuncBuilder<'_>, LabelId, [VarId; 4]),
    ) -> Module {
        one_func(|f, vars| {
            let l = f.named_label("l");
            f.place(l);
            body(f, l, vars);
        })
    }

    #[test]
    fn overflow_branch_needs_overflow_insn() {
        let m = ovf_module(|f, l, [a, _, r, _]| {
            f.emit(Opcode::Add, [r.into(), a.into(), a.into()]);
            f.emit(Opcode::Bo, [l.into()]);
        });
        expect_one(m, "'bo' has no previous overflow instruction", 103);
        // First instruction of the function.
        let m = one_func(|f, _| {
            let l = f.named_label("l");
            f.emit(Opcode::Bno, [l.into()]);
            f.place(l);
        });
        expect_one(m, "'bno' has no previous overflow instruction", 101);
    }

    #[test]
    fn overflow_branch_skips_register_moves_only() {
        let m = ovf_module(|f, l, [a, x, r, y]| {
            f.emit(Opcode::SubO, [r.into(), a.into(), a.into()]);
            f.emit(Opcode::Mov, [a.into(), r.into()]);
            f.emit(Opcode::DMov, [y.into(), x.into()]);
            f.emit(
                Opcode::Mov,
                [Operand::mem(Mem::base(Type::I32, a)), r.into()],
            );
            f.emit(Opcode::UBo, [l.into()]);
            // A load is not skipped.
            f.emit(Opcode::AddO, [r.into(), a.into(), a.into()]);
            f.emit(
                Opcode::Mov,
                [r.into(), Operand::mem(Mem::base(Type::I64, a))],
            );
            f.emit(Opcode::Bo, [l.into()]);
        });
        expect_one(m, "'bo' has no previous overflow instruction", 109);
    }

    #[test]
    fn overflow_branch_not_across_label_or_second_branch() {
        let m = ovf_module(|f, l, [a, _, r, _]| {
            let l2 = f.named_label("l2");
            f.emit(Opcode::AddO, [r.into(), a.into(), a.into()]);
            f.place(l2);
            f.emit(Opcode::Bo, [l.into()]);
            f.emit(Opcode::Bno, [l2.into()]);
        });
        let errs = errors(m);
        let lines: Vec<_> = errs.iter().map(|d| d.pos.line).collect();
        assert_eq!(lines, [104, 105], "{errs:#?}");
        assert!(errs[0].message.contains("'bo' has no previous overflow"));
    }

    #[test]
    fn overflow_branch_signedness() {
        let m = ovf_module(|f, l, [a, _, r, _]| {
            f.emit(Opcode::MulOS, [r.into(), a.into(), a.into()]);
            f.emit(Opcode::UBno, [l.into()]);
        });
        expect_one(
            m,
            "unsigned overflow branch 'ubno' consumes the flag of signed 'mulos'",
            103,
        );
        let m = ovf_module(|f, l, [a, _, r, _]| {
            f.emit(Opcode::UMulO, [r.into(), a.into(), a.into()]);
            f.emit(Opcode::Bo, [l.into()]);
        });
        expect_one(
            m,
            "signed overflow branch 'bo' consumes the flag of unsigned 'umulo'",
            103,
        );
    }

    // ---------------------------------------------------------------- calls

    /// A module with protos and a function `f` whose body is built by
    /// `body(f, protos, vars)`; protos: `p0: proto i64, i32:a, d:b`,
    /// `pv: proto d, i64:a, ...`, `pb: proto blk2:16(s), rblk:8(r)`.
    fn call_module(
        body: impl FnOnce(&mut crate::builder::FuncBuilder<'_>, [ItemId; 3], [VarId; 4]),
    ) -> Module {
        let mut mb = ModuleBuilder::new("m");
        let p0 = mb.proto(
            "p0",
            &[Type::I64],
            &[("a", Type::I32), ("b", Type::D)],
            false,
        );
        let pv = mb.proto("pv", &[Type::D], &[("a", Type::I64)], true);
        let pb = mb.proto_with(
            "pb",
            Proto {
                results: vec![],
                params: vec![
                    Param {
                        name: "s".into(),
                        ty: Type::Blk2,
                        size: 16,
                    },
                    Param {
                        name: "r".into(),
                        ty: Type::RBlk,
                        size: 8,
                    },
                ],
                vararg: false,
            },
        );
        let mut f = mb.func("f", &[], &[("a", Type::I64), ("x", Type::D)], false);
        let (a, x) = (f.param(0), f.param(1));
        let r = f.local("r", Type::I64);
        let fl = f.local("fl", Type::F);
        body(&mut f, [p0, pv, pb], [a, x, r, fl]);
        f.finish();
        mb.finish_unverified()
    }

    #[test]
    fn call_operand_0_must_be_proto() {
        let m = call_module(|f, _, [a, ..]| f.emit(Opcode::Call, [a.into(), a.into()]));
        expect_one(
            m,
            "in function 'f': operand 1 of 'call': expected a prototype",
            401,
        );
        let m = call_module(|f, _, [a, ..]| f.emit(Opcode::Call, [ItemId(3).into(), a.into()]));
        expect_one(
            m,
            "operand 1 of 'call': expected a prototype, got func 'f'",
            401,
        );
        let m = call_module(|f, _, [a, ..]| f.emit(Opcode::Inline, [ItemId(42).into(), a.into()]));
        expect_one(m, "operand 1 of 'inline': item42 does not exist", 401);
        let m = call_module(|f, _, _| f.emit(Opcode::Call, []));
        expect_one(m, "'call' needs a prototype and a function operand", 401);
    }

    #[test]
    fn call_operand_1_is_function_or_int() {
        let m = call_module(|f, [p0, ..], [a, x, r, _]| {
            f.emit(
                Opcode::Call,
                [p0.into(), x.into(), r.into(), a.into(), x.into()],
            );
        });
        expect_one(m, "operand 2 of 'call': expected int, got double", 401);
        let m = call_module(|f, [p0, pv, _], [a, x, r, _]| {
            f.emit(
                Opcode::Call,
                [p0.into(), pv.into(), r.into(), a.into(), x.into()],
            );
        });
        expect_one(m, "operand 2 of 'call': proto 'pv' has no address", 401);
        // Direct call to itself, indirect calls through int values.
        let m = call_module(|f, [p0, ..], [a, x, r, _]| {
            let me = f.id();
            f.emit(
                Opcode::Call,
                [p0.into(), me.into(), r.into(), a.into(), x.into()],
            );
            f.emit(
                Opcode::Call,
                [p0.into(), a.into(), r.into(), 1.into(), 2.0f64.into()],
            );
            f.emit(
                Opcode::Call,
                [
                    p0.into(),
                    Operand::mem(Mem::base(Type::P, a)),
                    Operand::mem(Mem::base(Type::U16, a)),
                    a.into(),
                    x.into(),
                ],
            );
        });
        expect_ok(m);
    }

    #[test]
    fn call_operand_counts() {
        let m = call_module(|f, [p0, ..], [a, _, r, _]| {
            f.emit(Opcode::Call, [p0.into(), a.into(), r.into(), a.into()]);
        });
        expect_one(m, "'call' has 4 operands, its prototype needs 5", 401);
        let m = call_module(|f, [p0, ..], [a, x, r, _]| {
            f.emit_vec(
                Opcode::Call,
                vec![p0.into(), a.into(), r.into(), a.into(), x.into(), a.into()],
            );
        });
        expect_one(m, "'call' has 6 operands, its prototype needs 5", 401);
        let m = call_module(|f, [_, pv, _], [a, x, _, _]| {
            f.emit(Opcode::Call, [pv.into(), a.into(), x.into()]);
        });
        expect_one(
            m,
            "'call' has 3 operands, its prototype needs 4 or more",
            401,
        );
    }

    #[test]
    fn call_results_and_args_classes() {
        let m = call_module(|f, [p0, ..], [a, x, _, _]| {
            f.emit(
                Opcode::Call,
                [p0.into(), a.into(), x.into(), a.into(), x.into()],
            );
        });
        expect_one(m, "operand 3 of 'call': expected int, got double", 401);
        let m = call_module(|f, [p0, ..], [a, x, _, _]| {
            f.emit(
                Opcode::Call,
                [p0.into(), a.into(), 3.into(), a.into(), x.into()],
            );
        });
        expect_one(
            m,
            "operand 3 of 'call': an output must be a variable or memory",
            401,
        );
        let m = call_module(|f, [p0, ..], [a, _, r, _]| {
            f.emit(
                Opcode::Call,
                [p0.into(), a.into(), r.into(), a.into(), a.into()],
            );
        });
        expect_one(m, "operand 5 of 'call': expected double, got int", 401);
    }

    #[test]
    fn call_block_arguments() {
        let m = call_module(|f, [.., pb], [a, _, r, _]| {
            f.emit(
                Opcode::Call,
                [
                    pb.into(),
                    a.into(),
                    Operand::mem(Mem::new(Type::Blk2, 16, Some(r), None, 1)),
                    Operand::mem(Mem::new(Type::RBlk, 8, Some(r), None, 1)),
                ],
            );
        });
        expect_ok(m);
        let m = call_module(|f, [.., pb], [a, _, r, _]| {
            f.emit(
                Opcode::Call,
                [
                    pb.into(),
                    a.into(),
                    r.into(),
                    Operand::mem(Mem::new(Type::RBlk, 16, Some(r), None, 1)),
                ],
            );
            f.emit(
                Opcode::Call,
                [
                    pb.into(),
                    a.into(),
                    Operand::mem(Mem::new(Type::Blk1, 16, Some(r), None, 1)),
                    Operand::mem(Mem::new(Type::RBlk, -8, Some(r), Some(r), 1)),
                ],
            );
        });
        let errs = errors(m);
        let got: Vec<_> = errs
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (401, "in function 'f': operand 3 of 'call': parameter of type blk2 needs blk2 memory"),
                (401, "in function 'f': operand 4 of 'call': block size 16 differs from the parameter's size 8"),
                (402, "in function 'f': operand 3 of 'call': parameter of type blk2 needs blk2 memory, got blk1 memory"),
                (402, "in function 'f': operand 4 of 'call': block memory with negative size -8"),
                (402, "in function 'f': operand 4 of 'call': block memory must not have an index"),
            ]
        );
    }

    #[test]
    fn block_memory_for_scalar_param_or_result() {
        let m = call_module(|f, [p0, ..], [a, x, r, _]| {
            let blk = Operand::mem(Mem::new(Type::Blk0, 4, Some(a), None, 1));
            f.emit(
                Opcode::Call,
                [p0.into(), a.into(), r.into(), blk.clone(), x.into()],
            );
            f.emit(Opcode::Call, [p0.into(), a.into(), blk, a.into(), x.into()]);
        });
        let errs = errors(m);
        let got: Vec<_> = errs
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (401, "in function 'f': operand 4 of 'call': block memory passed for a parameter of type i32"),
                (
                    402,
                    "in function 'f': operand 3 of 'call': memory of block type blk0 is only allowed as a call argument"
                ),
            ]
        );
    }

    #[test]
    fn variadic_extra_arguments() {
        let m = call_module(|f, [_, pv, _], [a, x, _, fl]| {
            f.emit_vec(
                Opcode::Call,
                vec![
                    pv.into(),
                    a.into(),
                    x.into(),
                    a.into(),
                    7.into(),
                    x.into(),
                    Operand::ldouble(crate::F80::ZERO),
                    Operand::mem(Mem::new(Type::Blk3, 24, Some(a), None, 1)),
                ],
            );
            f.emit_vec(
                Opcode::Call,
                vec![pv.into(), a.into(), x.into(), a.into(), fl.into()],
            );
            f.emit_vec(
                Opcode::Call,
                vec![
                    pv.into(),
                    a.into(),
                    x.into(),
                    a.into(),
                    Operand::mem(Mem::new(Type::RBlk, 8, Some(a), None, 1)),
                    1.5f32.into(),
                ],
            );
        });
        let errs = errors(m);
        let got: Vec<_> = errs
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    402,
                    "in function 'f': operand 5 of 'call': passing float variadic arg (should be passed as double)"
                ),
                (403, "in function 'f': operand 5 of 'call': rblk memory can not be a variadic argument"),
                (
                    403,
                    "in function 'f': operand 6 of 'call': passing float variadic arg (should be passed as double)"
                ),
            ]
        );
    }

    #[test]
    fn jcall_proto_has_no_results() {
        let m = call_module(|f, [p0, ..], [a, x, r, _]| {
            f.emit(
                Opcode::JCall,
                [p0.into(), a.into(), r.into(), a.into(), x.into()],
            );
        });
        expect_one(m, "the prototype of 'jcall' must have no results", 401);
    }

    // -------------------------------------------------------- robustness

    #[test]
    fn out_of_range_ids_are_errors_not_panics() {
        let bad_mem = Mem::new(Type::I64, 0, Some(VarId(77)), Some(VarId(78)), 1);
        let mut mb = ModuleBuilder::new("m");
        let mut f = mb.func("f", &[Type::I64], &[("a", Type::I64)], false);
        let a = f.param(0);
        f.emit(Opcode::Mov, [VarId(50).into(), a.into()]);
        f.emit(Opcode::Mov, [a.into(), bad_mem.into()]);
        f.emit(Opcode::Mov, [a.into(), ItemId(1000).into()]);
        f.emit(Opcode::Jmp, [LabelId(9).into()]);
        f.place(LabelId(4));
        f.emit(Opcode::Addr, [a.into(), VarId(99).into()]);
        f.emit(Opcode::PrSet, [VarId(98).into(), 0.into()]);
        f.emit(
            Opcode::Call,
            [ItemId(500).into(), ItemId(501).into(), VarId(3).into()],
        );
        f.emit(Opcode::Ret, [VarId(60).into(), bad_mem.into()]);
        f.emit_vec(Opcode::Switch, vec![VarId(8).into(), LabelId(8).into()]);
        f.emit(Opcode::VaArg, [a.into(), a.into(), bad_mem.into()]);
        let fid = f.finish();
        mb.reference(None, ItemId(777), 0);
        mb.lref(None, fid, LabelId(55), Some(LabelId(56)), 0);
        mb.lref(None, ItemId(888), LabelId(0), None, 0);
        mb.expr(None, ItemId(999));
        let errs = errors(mb.finish_unverified());
        let msgs: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
        for needle in [
            "operand 1 of 'mov': variable v50 does not exist",
            "operand 2 of 'mov': memory base variable v77 does not exist",
            "operand 2 of 'mov': memory index variable v78 does not exist",
            "operand 2 of 'mov': item1000 does not exist",
            "operand 1 of 'jmp': label L9 does not exist in this function",
            "label L4 does not exist",
            "operand 2 of 'addr': variable v99 does not exist",
            "operand 1 of 'prset': variable v98 does not exist",
            "operand 1 of 'call': item500 does not exist",
            "operand 2 of 'call': item501 does not exist",
            "operand 3 of 'call': variable v3 does not exist",
            "operand 1 of 'ret': variable v60 does not exist",
            "operand 2 of 'ret': memory base variable v77 does not exist",
            "operand 1 of 'switch': variable v8 does not exist",
            "operand 2 of 'switch': label L8 does not exist",
            "operand 3 of 'va_arg': memory base variable v77",
            "target item777 does not exist",
            "label L55 does not belong to function 'f'",
            "label L56 does not belong to function 'f'",
            "item888 (no such item) is not a function",
            "item999 is not a function defined in this module",
        ] {
            assert!(
                msgs.iter().any(|m| m.contains(needle)),
                "{msgs:#?} lacks {needle:?}"
            );
        }
    }

    #[test]
    fn arbitrary_operands_never_panic() {
        // Every opcode with every operand shape, in all arities up to 4.
        let shapes = [
            Operand::Reg(VarId(0)),
            Operand::Reg(VarId(1)),
            Operand::Reg(VarId(40)),
            Operand::Int(1),
            Operand::Float(0),
            Operand::Double(0),
            Operand::ldouble(crate::F80::ZERO),
            Operand::Ref(ItemId(0)),
            Operand::Ref(ItemId(1)),
            Operand::Ref(ItemId(30)),
            Operand::str(Vec::new()),
            Operand::mem(Mem::new(Type::Blk0, -1, Some(VarId(1)), Some(VarId(9)), 0)),
            Operand::mem(Mem::base(Type::RBlk, VarId(0))),
            Operand::Label(LabelId(0)),
            Operand::Label(LabelId(5)),
        ];
        let mut mb = ModuleBuilder::new("m");
        mb.proto("p", &[Type::I64], &[("a", Type::Blk0)], true);
        let mut f = mb.func("f", &[Type::F], &[("a", Type::I64)], true);
        f.local("d", Type::D);
        let l = f.named_label("l");
        f.place(l);
        for &op in Opcode::ALL {
            for (k, s) in shapes.iter().enumerate() {
                for n in 0..4 {
                    let ops = (0..n)
                        .map(|j| shapes[(k + j * 5) % shapes.len()].clone())
                        .chain([s.clone()])
                        .collect();
                    f.emit_vec(op, ops);
                }
            }
        }
        f.finish();
        let errs = errors(mb.finish_unverified());
        assert!(!errs.is_empty());
        assert!(errs.iter().all(|d| d.kind == ErrorKind::Verify));
    }

    #[test]
    fn broken_var_and_label_tables_never_panic() {
        let mut m = one_func(|f, [a, ..]| {
            f.emit(Opcode::Add, [a.into(), a.into(), a.into()]);
        });
        let ItemKind::Func(f) = &mut m.items[0].kind else {
            unreachable!()
        };
        f.vars.clear();
        f.labels.push("z");
        f.sig.params.push(Param {
            name: "q".into(),
            ty: Type::Blk0,
            size: 0,
        });
        expect_some(
            m.clone(),
            "0 variables declared but the signature has 3 parameters",
        );
        expect_some(m.clone(), "block parameter 'q' has size 0");
        expect_some(m, "operand 1 of 'add': variable v0 does not exist");
    }

    // ---------------------------------------------------------------- text

    /// Reads (and thereby verifies) `src`; every error must come from the
    /// verifier. Returns `(line, col, message)` triples.
    fn text_errors(src: &str) -> Vec<(u32, u32, String)> {
        let opts = crate::read::ReadOptions::file("t.mir");
        match crate::read::read_modules(src.as_bytes(), &opts) {
            Ok(_) => Vec::new(),
            Err(Errors(ds)) => ds
                .into_iter()
                .map(|d| {
                    assert_eq!(d.kind, ErrorKind::Verify, "{d}");
                    assert_eq!(d.file.as_deref(), Some("t.mir"));
                    (d.pos.line, d.pos.col, d.message)
                })
                .collect(),
        }
    }

    #[track_caller]
    fn text_expect(src: &str, want: &[(u32, u32, &str)]) {
        let got = text_errors(src);
        let got: Vec<_> = got.iter().map(|(l, c, m)| (*l, *c, m.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn text_worked_example_verifies() {
        text_expect(
            "m: module
  import printf
pfmt: proto p:fmt, ...
sum_p: proto i64, i64:n
  forward sum
tbl: i32 1, 2, 3, 4
  export main
main: func i64
  local i64:r
  call sum_p, sum, r, 4
  call pfmt, printf, \"sum=%ld\\n\", r
  ret r
  endfunc
sum: func i64, i64:n
  local i64:i, i64:acc, i64:p
  mov acc, 0; mov i, 0; mov p, tbl
loop: bge done, i, n
  add acc, acc, i32:(p, i, 4)
  add i, i, 1
  jmp loop
done: ret acc
  endfunc
  endmodule
",
            &[],
        );
    }

    #[test]
    fn text_c2m_style_module_verifies() {
        text_expect(
            "m2:\tmodule
\timport\tprintf, memcpy
\texport\tmain
p_printf:\tproto\ti32, p:fmt, ...
p_memcpy:\tproto\tp, p:d, p:s, u64:n
p_pass:\tproto\ti64, blk1:16(s)
\tforward\tpass
tab:\tu8\t1, 2, 3, 0
\ti32\t7
anon_ref:\tref\ttab, 2
jt:\tlref\tL_a
\tlref\tL_b, L_a, 4
main:\tfunc\ti32
\tlocal\ti64:fp, i64:t1, i64:t2, d:f1, ld:l1
\tglobal\ti64:g1:r13, d:g2:xmm15
\talloca\tfp, 32
\tmov\ti64:(fp), 1
\tmov\ti64:8(fp):al:nal, 2
\tcall\tp_pass, pass, t1, blk1:16(fp)
\tcall\tp_memcpy, memcpy, t2, fp, tab, 4
\tdmov\tf1, 1.5
\tldmov\tl1, 2.5L
\tcall\tp_printf, printf, t2, \"%d %g %Lg\\n\", t1, f1, l1
\taddo\tt1, t1, 1
\tmov\tt2, t1
\tbno\tL_a
\tladdr\tt2, L_a
\tjmpi\tt2
L_a:\tmov\tt1, 0
\tswitch\tt1, L_b, L_a
L_b:\tret\tt1
\tendfunc
pass:\tfunc\ti64, blk1:16(s)
\tlocal\ti64:r
\tadd\tr, i64:(s), i64:8(s)
\tret\tr
\tendfunc
seven:\tfunc\ti64
\tlocal\ti64:x
\tmul\tx, 6, 7
\tret\tx
\tendfunc
e7:\texpr\tseven
\tendmodule
",
            &[],
        );
    }

    #[test]
    fn text_instruction_errors() {
        text_expect(
            "m: module
f: func i64, d:x
  local i64:r, d:y
  add r, x, 1
  mov 1, r
  addr r, 5
  bo L
L: ret y
  mov r, blk:0(r)
  mov r, i64:(r, r, 3)
  mulo r, r, r
  ubo L
  umulo r, r, r
  bno L
  va_start r
  jret r
  endfunc
  endmodule
",
            &[
                (4, 10, "in function 'f': operand 2 of 'add': expected int, got double"),
                (
                    5,
                    7,
                    "in function 'f': operand 1 of 'mov': an output must be a variable or memory operand",
                ),
                (6, 11, "in function 'f': operand 2 of 'addr': expected a variable"),
                (
                    7,
                    3,
                    "in function 'f': 'bo' has no previous overflow instruction separated only by register moves",
                ),
                (8, 8, "in function 'f': operand 1 of 'ret': expected int, got double"),
                (
                    9,
                    10,
                    "in function 'f': operand 2 of 'mov': memory of block type blk0 is only allowed as a call argument",
                ),
                (
                    10,
                    10,
                    "in function 'f': operand 2 of 'mov': memory scale 3 is not 1, 2, 4 or 8",
                ),
                (
                    12,
                    3,
                    "in function 'f': unsigned overflow branch 'ubo' consumes the flag of signed 'mulo'",
                ),
                (
                    14,
                    3,
                    "in function 'f': signed overflow branch 'bno' consumes the flag of unsigned 'umulo'",
                ),
                (15, 3, "in function 'f': 'va_start' in a function that is not variadic"),
                (16, 3, "in function 'f': 'jret' in a function with results"),
                (16, 3, "in function 'f': mix of 'ret' and 'jret' instructions"),
            ],
        );
    }

    #[test]
    fn text_variable_errors() {
        text_expect(
            "m: module
g: func
  local i64:hr1, i64:.lc0
  global i64:a:rsp, d:b:xmm3, d:c:xmm3, ld:e:st0, i64:h:xmm0
  endfunc
  endmodule
",
            &[
                (2, 1, "in function 'g': variable name 'hr1' is reserved"),
                (2, 1, "in function 'g': variable name '.lc0' is reserved"),
                (
                    2,
                    1,
                    "in function 'g': global 'a' can not be tied to reserved hard register 'rsp'",
                ),
                (
                    2,
                    1,
                    "in function 'g': globals 'b' and 'c' are bound to the same hard register 'xmm3'",
                ),
                (
                    2,
                    1,
                    "in function 'g': global 'e' can not be tied to reserved hard register 'st0'",
                ),
                (
                    2,
                    1,
                    "in function 'g': global 'h' of class int can not live in hard register 'xmm0'",
                ),
            ],
        );
    }

    #[test]
    fn text_module_errors() {
        text_expect(
            "m: module
x: bss 8
x: i8 0
  import x
  export nothing
p: proto i64
p: proto
  import q
q: func
  endfunc
f: func
  local i64:r
  call p, q, r
  endfunc
e: expr f
  endmodule
",
            &[
                (3, 1, "duplicate definition of 'x'"),
                (4, 10, "import of local definition 'x'"),
                (5, 10, "export of undefined item 'nothing'"),
                (7, 1, "proto 'p': the name is already defined as a proto"),
                (9, 1, "func 'q' is already declared as an import"),
                (15, 1, "expr 'e': function 'f' must have exactly one result"),
                (
                    15,
                    1,
                    "expr 'e': function 'f' must not contain calls or memory operands",
                ),
            ],
        );
    }

    #[test]
    fn text_call_errors() {
        text_expect(
            "m: module
p: proto i64, i32:a, d:b
pv: proto i64:a, ...
pb: proto blk2:16(s)
  import ext
f: func
  local i64:r, f:fl, d:dd
  call p, ext, r, 1, 2
  call pv, ext, 1, fl
  call pb, ext, blk2:8(r)
  call pb, ext, blk1:16(r)
  call p, ext, r, 1
  call pv, ext, 1, dd, 2, rblk:8(r), blk3:8(r)
  inline p, p, r, 1, dd
  jcall p, ext, r, 1, dd
  endfunc
  endmodule
",
            &[
                (8, 22, "in function 'f': operand 5 of 'call': expected double, got int"),
                (
                    9,
                    20,
                    "in function 'f': operand 4 of 'call': passing float variadic arg (should be passed as double)",
                ),
                (
                    10,
                    17,
                    "in function 'f': operand 3 of 'call': block size 8 differs from the parameter's size 16",
                ),
                (
                    11,
                    17,
                    "in function 'f': operand 3 of 'call': parameter of type blk2 needs blk2 memory, got blk1 memory",
                ),
                (12, 3, "in function 'f': 'call' has 4 operands, its prototype needs 5"),
                (
                    13,
                    27,
                    "in function 'f': operand 6 of 'call': rblk memory can not be a variadic argument",
                ),
                (14, 13, "in function 'f': operand 2 of 'inline': proto 'p' has no address"),
                (15, 3, "in function 'f': the prototype of 'jcall' must have no results"),
            ],
        );
    }
}
