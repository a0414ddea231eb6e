//! The writer: a [`Module`] as canonical MIR text that the [reader](crate::read)
//! turns back into an equal module.
//!
//! # Round-trip contract
//!
//! For every module the reader produces, `read(write(m)) == m` once source
//! positions are ignored, and writing is idempotent. The text is therefore
//! *canonical*, not a pretty dump: names are kept as they are (labels are not
//! renumbered, unlike MIR's own printer), every item is printed in module
//! order, and every number is printed so that it re-reads to the same bits.
//!
//! | Element | Printed as |
//! |---|---|
//! | module | `name:\tmodule` … `\tendmodule` |
//! | function / proto | `name:\tfunc\tresults, params[, ...]` (`blkN:size(name)` for block parameters); body; `\tendfunc` |
//! | variables | `\tlocal\ti64:a, d:b` / `\tglobal\ti64:x:rbx`, at most 8 per line, in declaration order (runs of one kind share lines) |
//! | labels | `name:` on a line of its own, using the label's own name |
//! | instructions | `\tmnemonic\top, op` |
//! | declarations | `\timport\tname`, `\texport\tname`, `\tforward\tname`, one item per line |
//! | data | `name:\ti32\t1, -2` (anonymous data has no label); integers in decimal (signed for `iN`, unsigned for `uN`); `f`/`d` as the shortest decimal that round-trips (always with `.` or an exponent) and an `f` suffix for `f`; `ld` via [`F80`]'s round-trip formatter with an `L` suffix |
//! | `string` | `string "…"`; the final NUL the lexer appends is left out when the reader would add it back |
//! | others | `bss N`, `ref name, disp` (always with disp), `lref L[, L2], disp` (always with disp), `expr f` |
//! | int immediates | decimal `i64` (`-9223372036854775808` for `i64::MIN`) |
//! | memory | `ty:disp(base, index, scale):alias:nonalias`; disp omitted when 0 and there is a base or index, scale omitted when 1 (and when there is no index), `(, index)` without base, `::nonalias` without alias, plain `ty:disp` (even `ty:0`) without base and index |
//! | strings | C escapes `\\ \" \n \t \v \a \b \f \r`, every other byte outside printable ASCII as a 3-digit octal escape |
//!
//! # Items declared inside a function body
//!
//! The reader appends an item declared between `func` and `endfunc` after
//! the function, and the function's own instructions may refer to it. Such
//! items (the items after a function, up to the last one its instructions
//! refer to) are printed back inside the body, each right before the first
//! instruction that refers to it or to a later item, and before that
//! instruction's labels. Printing them as late as possible reproduces the
//! reader's name resolution exactly, including a definition that takes a
//! `forward`ed name over only from its declaration on. Other items are
//! printed after `endfunc`.
//!
//! # What text cannot say, and what the writer does about it
//!
//! * **Special floating values** print as `inf`/`-inf`/`nan`/`-nan` with
//!   the type's suffix (`inff`, `-nan`, `infL`). Bare `inf`/`nan` are names
//!   to the lexer, so a variable or item named like one would capture them:
//!   in a function that has such a variable, or a module that has such an
//!   item, positive values print as `+inf`/`+nan`, which always lex as
//!   literals. Text has no way to spell a NaN *payload*: every NaN prints as
//!   `nan` with its sign and reads back as the default quiet NaN of its type
//!   (with that sign). Modules from the reader only ever hold those two NaNs
//!   per type, so they round-trip exactly; other payloads are lost.
//! * **References to anonymous items**: text can only name named items, but
//!   the builder can make an operand, a `ref` or an `expr` point at an
//!   anonymous item. The writer then gives that item a generated label
//!   `.anonN` (`N` is the item's index; `_` is appended until the name is
//!   unused in the module) and refers to it by that name, so the text reads
//!   back to the same module except that the item is now named. Every
//!   reference keeps its meaning; the one observable difference is data
//!   layout: a named data item starts a new section (spec §2.7), so the item
//!   is no longer guaranteed to follow the preceding named item contiguously.
//!   Printing is optimistic: names are generated (one more pass over the
//!   operands) only when such a reference is met.
//! * **Strings without the final NUL**: the reader appends a NUL to every
//!   non-empty string literal that does not end in one, so a non-empty
//!   `Str` that does not end in NUL cannot be expressed; it is printed as it
//!   is and reads back with a NUL added. A final NUL is printed as `\000`
//!   when the reader would not add it back (`"\000"` for a lone NUL).
//! * **`p` and block-typed data** have no text form: `p` data prints as
//!   `u64` (same bytes), block-typed data as `u8` bytes. Trailing bytes that
//!   do not fill a whole element are not printed.
//! * Anything else the reader would reject (names that are not MIR names,
//!   variables that shadow an item the function refers to, a data item
//!   referring to a later item, a function referring to a later function,
//!   internal opcodes, ids out of range — printed as `<v7>`, `<L3>`,
//!   `<item2>`) is printed as faithfully as possible; the verifier is the
//!   place that rejects such modules.
//!
//! # Speed
//!
//! The writer appends to a `String` with `push_str` and its own integer
//! formatting; the only `fmt` machinery on the path is for `f`/`d`
//! immediates (Rust's shortest round-trip formatting) and `ld` immediates
//! ([`F80`]'s formatter, which is exact but slow: microseconds per value).
//! Nothing is scanned ahead: a function that turns out to refer to a later
//! item is printed a second time. [`write_module_to`] streams to any
//! [`std::fmt::Write`] sink, handing it the text between items in chunks of
//! about 64 KiB (a function's text is handed over whole);
//! [`write_module_io`] does the same for an [`std::io::Write`] sink.

use crate::f80::F80;
use crate::module::{
    Func, InsnRef, Item, ItemId, ItemKind, LabelId, Mem, Module, Operand, Proto, Var, VarId,
    VarKind,
};
use crate::opcode::Opcode;
use crate::types::Type;
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt::Write as _;

/// How much text is gathered before it is handed to a streaming sink.
const CHUNK: usize = 64 * 1024;

/// Canonical text of one module.
pub fn write_module(m: &Module) -> String {
    let mut out = String::with_capacity(estimate_size(m));
    write_into(&mut out, m);
    out
}

/// Canonical text of several modules, one after another.
pub fn write_modules(ms: &[Module]) -> String {
    let mut out = String::with_capacity(ms.iter().map(estimate_size).sum());
    for m in ms {
        write_into(&mut out, m);
    }
    out
}

/// Appends the text of `m` to `out`. Printing is optimistic: in the rare
/// case that something refers to an anonymous item, the names are generated
/// and the module is printed again.
fn write_into(out: &mut String, m: &Module) {
    let start = out.len();
    let p = Printer::new(m, false);
    let mut no_flush = |_: &mut String| Ok(());
    let r = p.module(out, &mut no_flush);
    debug_assert!(r.is_ok());
    if p.needs_names.get() {
        out.truncate(start);
        let r = Printer::new(m, true).module(out, &mut no_flush);
        debug_assert!(r.is_ok());
    }
}

/// Streams the canonical text of `m` to `out`, in chunks of about 64 KiB
/// (a function's text is handed over whole).
pub fn write_module_to<W: std::fmt::Write + ?Sized>(out: &mut W, m: &Module) -> std::fmt::Result {
    let mut buf = String::with_capacity(CHUNK + 4096);
    let has_anonymous = m.items.iter().any(|it| it.name.is_none());
    Printer::new(m, has_anonymous).module(&mut buf, &mut |b: &mut String| {
        out.write_str(b)?;
        b.clear();
        Ok(())
    })?;
    out.write_str(&buf)
}

/// Streams the canonical text of `m` to an I/O sink, in chunks of about
/// 64 KiB (a function's text is handed over whole).
pub fn write_module_io<W: std::io::Write + ?Sized>(out: &mut W, m: &Module) -> std::io::Result<()> {
    let mut err = None;
    let r = write_module_to(
        &mut IoAdapter {
            out: &mut *out,
            err: &mut err,
        },
        m,
    );
    match err {
        Some(e) => Err(e),
        None => r.map_err(|_| std::io::Error::other("formatting failed")),
    }
}

/// A [`std::fmt::Write`] face for an [`std::io::Write`] sink that keeps the
/// I/O error.
struct IoAdapter<'a, W: std::io::Write + ?Sized> {
    out: &'a mut W,
    err: &'a mut Option<std::io::Error>,
}

impl<W: std::io::Write + ?Sized> std::fmt::Write for IoAdapter<'_, W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            *self.err = Some(e);
            std::fmt::Error
        })
    }
}

/// A rough size of the text, to reserve the output once.
fn estimate_size(m: &Module) -> usize {
    m.items
        .iter()
        .map(|it| match &it.kind {
            ItemKind::Func(f) => 64 + 24 * f.num_insns() + 12 * f.vars.len(),
            ItemKind::Data { bytes, .. } => 32 + 3 * bytes.len(),
            ItemKind::Str(b) => 32 + b.len(),
            _ => 32,
        })
        .sum::<usize>()
        + 64
}

/// Per-module printing state.
struct Printer<'a> {
    m: &'a Module,
    /// Generated labels of anonymous items that something refers to, indexed
    /// by item; empty when there are none or they were not computed.
    gen_names: Vec<Option<String>>,
    /// A reference to an anonymous item was printed without a generated
    /// name: print again with names.
    needs_names: Cell<bool>,
    /// The largest item index the function being printed refers to.
    max_ref: Cell<usize>,
    /// Some item is named `inf`, `nanf`, … (see [`Printer::specials`]).
    item_shadows_specials: bool,
    /// Whether the function being printed must spell special floating
    /// immediates with an explicit sign (`+inf`), because a variable or item
    /// named like them would capture the bare spelling.
    signed_specials: Cell<bool>,
}

impl<'a> Printer<'a> {
    /// With `names`, the anonymous items that are referred to get their
    /// generated names up front (one pass over every operand).
    fn new(m: &'a Module, names: bool) -> Printer<'a> {
        Printer {
            m,
            gen_names: if names {
                generated_names(m)
            } else {
                Vec::new()
            },
            needs_names: Cell::new(false),
            max_ref: Cell::new(0),
            item_shadows_specials: m
                .items
                .iter()
                .any(|it| it.name.as_deref().is_some_and(is_special_name)),
            signed_specials: Cell::new(false),
        }
    }

    /// The name by which item `id` is referred to.
    fn item_name(&self, id: ItemId, out: &mut String) {
        match self.m.items.get(id.index()) {
            Some(Item { name: Some(n), .. }) => out.push_str(n),
            Some(_) => match self.gen_names.get(id.index()) {
                Some(Some(n)) => out.push_str(n),
                _ => {
                    self.needs_names.set(true);
                    bad(out, format_args!("{id:?}"));
                }
            },
            None => bad(out, format_args!("{id:?}")),
        }
    }

    /// Prints the module; `flush` is called between items whenever `out`
    /// holds more than [`CHUNK`] bytes.
    fn module(
        &self,
        out: &mut String,
        flush: &mut dyn FnMut(&mut String) -> std::fmt::Result,
    ) -> std::fmt::Result {
        let m = self.m;
        out.push_str(&m.name);
        out.push_str(":\tmodule\n");
        let mut i = 0;
        while i < m.items.len() {
            let start = out.len();
            self.max_ref.set(0);
            self.item(out, ItemId::new(i), &m.items[i], 0);
            let mut inner = 0;
            if matches!(m.items[i].kind, ItemKind::Func(_)) && self.max_ref.get() > i {
                inner = inner_items(m, i, self.max_ref.get());
                if inner > 0 {
                    out.truncate(start);
                    self.item(out, ItemId::new(i), &m.items[i], inner);
                }
            }
            i += 1 + inner;
            if out.len() >= CHUNK {
                flush(out)?;
            }
        }
        out.push_str("\tendmodule\n");
        Ok(())
    }

    /// Prints one item; for a function, the `inner` items that follow it are
    /// printed inside its body (see [`inner_items`]).
    fn item(&self, out: &mut String, id: ItemId, item: &Item, inner: usize) {
        if let ItemKind::Import | ItemKind::Export | ItemKind::Forward = item.kind {
            // The item's own name is the declared name, not a label.
            out.push('\t');
            out.push_str(item.kind.kind_name());
            out.push('\t');
            out.push_str(item.name.as_deref().unwrap_or(""));
            out.push('\n');
            return;
        }
        let label = item
            .name
            .as_deref()
            .or_else(|| self.gen_names.get(id.index()).and_then(|n| n.as_deref()));
        if let Some(l) = label {
            out.push_str(l);
            out.push(':');
        }
        match &item.kind {
            ItemKind::Func(f) => {
                out.push_str("\tfunc");
                sig(out, &f.sig);
                out.push('\n');
                var_decls(out, &f.vars[f.nparams().min(f.vars.len())..]);
                self.func_body(out, f, id.index(), inner);
                out.push_str("\tendfunc\n");
            }
            ItemKind::Proto(p) => {
                out.push_str("\tproto");
                sig(out, p);
                out.push('\n');
            }
            ItemKind::Import | ItemKind::Export | ItemKind::Forward => {}
            ItemKind::Bss { size } => {
                out.push_str("\tbss\t");
                push_u64(out, *size);
                out.push('\n');
            }
            ItemKind::Data { ty, bytes } => {
                data(out, *ty, bytes);
            }
            ItemKind::Str(bytes) => {
                out.push_str("\tstring\t");
                string_lit(out, bytes);
                out.push('\n');
            }
            ItemKind::Ref { target, disp } => {
                out.push_str("\tref\t");
                self.item_name(*target, out);
                out.push_str(", ");
                push_i64(out, *disp);
                out.push('\n');
            }
            ItemKind::Lref {
                func,
                label,
                label2,
                disp,
            } => {
                out.push_str("\tlref\t");
                let f = self
                    .m
                    .items
                    .get(func.index())
                    .and_then(|it| match &it.kind {
                        ItemKind::Func(f) => Some(&**f),
                        _ => None,
                    });
                label_name(out, f, *label);
                if let Some(l2) = label2 {
                    out.push_str(", ");
                    label_name(out, f, *l2);
                }
                out.push_str(", ");
                push_i64(out, *disp);
                out.push('\n');
            }
            ItemKind::Expr { func } => {
                out.push_str("\texpr\t");
                self.item_name(*func, out);
                out.push('\n');
            }
        }
    }

    /// The instructions of function `k`, with its `inner` items (see
    /// [`inner_items`]) interleaved.
    fn func_body(&self, out: &mut String, f: &Func, k: usize, inner: usize) {
        self.signed_specials
            .set(self.item_shadows_specials || f.vars.iter().any(|v| is_special_name(&v.name)));
        if inner == 0 {
            for insn in f.insns() {
                self.insn(out, f, insn);
            }
            return;
        }
        // Each inner item goes right before the first instruction that
        // refers to it or to a later item (and before that instruction's
        // labels: a label cannot stand before a data directive). Printing
        // items as late as possible keeps every earlier instruction's name
        // resolution: a definition declared inside the body takes over a
        // `forward`/`export` name only from its declaration on.
        let (mut next, last) = (k + 1, k + inner);
        let mut labels_from = 0;
        for (n, insn) in f.insns().enumerate() {
            if insn.defined_label().is_some() {
                continue;
            }
            let wants = insn
                .operands
                .iter()
                .filter_map(|op| match op {
                    Operand::Ref(id) => Some(id.index()),
                    _ => None,
                })
                .max()
                .unwrap_or(0)
                .min(last);
            while next <= wants {
                self.item(out, ItemId::new(next), &self.m.items[next], 0);
                next += 1;
            }
            for i in f.insns_in(labels_from..n + 1) {
                self.insn(out, f, i);
            }
            labels_from = n + 1;
        }
        while next <= last {
            self.item(out, ItemId::new(next), &self.m.items[next], 0);
            next += 1;
        }
        for i in f.insns_in(labels_from..f.num_insns()) {
            self.insn(out, f, i);
        }
    }

    fn insn(&self, out: &mut String, f: &Func, insn: InsnRef<'_>) {
        if let Some(l) = insn.defined_label() {
            label_name(out, Some(f), l);
            out.push_str(":\n");
            return;
        }
        out.push('\t');
        out.push_str(insn.op.name());
        let mut sep = "\t";
        for op in insn.operands {
            out.push_str(sep);
            sep = ", ";
            self.operand(out, f, op);
        }
        if insn.op == Opcode::Label {
            // A malformed label pseudo-instruction: keep the line readable.
            out.push_str("\t# malformed label");
        }
        out.push('\n');
    }

    #[inline]
    fn operand(&self, out: &mut String, f: &Func, op: &Operand) {
        match op {
            Operand::Reg(v) => var_name(out, f, *v),
            Operand::Int(i) => push_i64(out, *i),
            Operand::Mem(mem) => self.mem(out, f, mem),
            Operand::Label(l) => label_name(out, Some(f), *l),
            Operand::Ref(id) => {
                if id.index() > self.max_ref.get() {
                    self.max_ref.set(id.index());
                }
                self.item_name(*id, out)
            }
            Operand::Float(bits) => push_f32(out, f32::from_bits(*bits), self.specials()),
            Operand::Double(bits) => push_f64(out, f64::from_bits(*bits), self.specials()),
            Operand::LDouble(x) => push_f80(out, **x, self.specials()),
            Operand::Str(s) => string_lit(out, s),
        }
    }

    fn mem(&self, out: &mut String, f: &Func, mem: &Mem) {
        out.push_str(mem.ty.name());
        out.push(':');
        if mem.base.is_none() && mem.index.is_none() {
            push_i64(out, mem.disp);
        } else {
            if mem.disp != 0 {
                push_i64(out, mem.disp);
            }
            out.push('(');
            if let Some(b) = mem.base {
                var_name(out, f, b);
            }
            if let Some(x) = mem.index {
                out.push_str(", ");
                var_name(out, f, x);
                if mem.scale != 1 {
                    out.push_str(", ");
                    push_u64(out, u64::from(mem.scale));
                }
            }
            out.push(')');
        }
        if mem.alias != 0 || mem.nonalias != 0 {
            out.push(':');
            if mem.alias != 0 {
                self.alias(out, mem.alias);
            }
            if mem.nonalias != 0 {
                out.push(':');
                self.alias(out, mem.nonalias);
            }
        }
    }

    /// The sign to put before a positive `inf`/`nan` immediate.
    fn specials(&self) -> &'static str {
        if self.signed_specials.get() {
            "+"
        } else {
            ""
        }
    }

    fn alias(&self, out: &mut String, n: u32) {
        match self.m.alias_name(n) {
            Some(a) => out.push_str(a),
            None => bad(out, format_args!("alias{n}")),
        }
    }
}

/// How many of the items after function `k` must be printed inside its
/// body, given that the function refers to item `last > k`. The reader
/// appends items declared inside a function body after the function, and the
/// function's instructions may refer to them, so such items are printed back
/// inside the body, which keeps both the item order and every name
/// resolution (see [`Printer::func_body`]). Zero when one of the items in
/// between is a function (text cannot nest functions: the module did not
/// come from text and cannot be written so that it reads back).
fn inner_items(m: &Module, k: usize, last: usize) -> usize {
    let last = last.min(m.items.len() - 1);
    if m.items[k + 1..=last]
        .iter()
        .any(|it| matches!(it.kind, ItemKind::Func(_)))
    {
        return 0;
    }
    last - k
}

/// Names for anonymous items that are referred to (see the module doc).
fn generated_names(m: &Module) -> Vec<Option<String>> {
    let anon = |id: ItemId| m.items.get(id.index()).is_some_and(|it| it.name.is_none());
    let mut wanted: Vec<ItemId> = Vec::new();
    for it in &m.items {
        match &it.kind {
            ItemKind::Ref { target, .. } if anon(*target) => wanted.push(*target),
            ItemKind::Expr { func } if anon(*func) => wanted.push(*func),
            ItemKind::Func(f) => {
                for insn in f.insns() {
                    for op in insn.operands {
                        if let Operand::Ref(id) = op {
                            if anon(*id) {
                                wanted.push(*id);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if wanted.is_empty() {
        return Vec::new();
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut used: HashSet<String> = m.items.iter().filter_map(|it| it.name.clone()).collect();
    let mut names = vec![None; m.items.len()];
    for id in wanted {
        let mut name = format!(".anon{}", id.0);
        while used.contains(&name) {
            name.push('_');
        }
        used.insert(name.clone());
        names[id.index()] = Some(name);
    }
    names
}

/// Marks something that cannot be printed as valid text (a dangling id).
fn bad(out: &mut String, what: std::fmt::Arguments<'_>) {
    out.push('<');
    let _ = out.write_fmt(what);
    out.push('>');
}

fn var_name(out: &mut String, f: &Func, v: VarId) {
    match f.vars.get(v.index()) {
        Some(var) => out.push_str(&var.name),
        None => bad(out, format_args!("{v:?}")),
    }
}

fn label_name(out: &mut String, f: Option<&Func>, l: LabelId) {
    match f.and_then(|f| f.labels.get(l.index())) {
        Some(label) if !label.is_empty() => out.push_str(label),
        _ => bad(out, format_args!("{l:?}")),
    }
}

/// `\tresults, params[, ...]` of a `func`/`proto` header, then nothing else.
fn sig(out: &mut String, p: &Proto) {
    let mut first = true;
    let mut sep = |out: &mut String| {
        out.push_str(if first { "\t" } else { ", " });
        first = false;
    };
    for t in &p.results {
        sep(out);
        out.push_str(t.name());
    }
    for param in &p.params {
        sep(out);
        out.push_str(param.ty.name());
        out.push(':');
        if param.ty.is_block() {
            push_u64(out, u64::from(param.size));
            out.push('(');
            out.push_str(&param.name);
            out.push(')');
        } else {
            out.push_str(&param.name);
        }
    }
    if p.vararg {
        sep(out);
        out.push_str("...");
    }
}

/// `local`/`global` lines for the non-parameter variables, in order.
fn var_decls(out: &mut String, vars: &[Var]) {
    let mut i = 0;
    while i < vars.len() {
        let global = vars[i].kind == VarKind::Global;
        let mut n = 0;
        out.push_str(if global { "\tglobal\t" } else { "\tlocal\t" });
        while i < vars.len() && (vars[i].kind == VarKind::Global) == global && n < 8 {
            if n > 0 {
                out.push_str(", ");
            }
            let v = &vars[i];
            out.push_str(v.ty.name());
            out.push(':');
            out.push_str(&v.name);
            if global {
                out.push(':');
                out.push_str(v.hard_reg.as_deref().unwrap_or(""));
            }
            i += 1;
            n += 1;
        }
        out.push('\n');
    }
}

/// A typed data directive (the label, if any, is already printed).
fn data(out: &mut String, ty: Type, bytes: &[u8]) {
    let (shown, size) = match ty {
        Type::P => (Type::U64, 8),
        t if t.is_block() => (Type::U8, 1),
        t => (t, t.size() as usize),
    };
    out.push('\t');
    out.push_str(shown.name());
    for (i, el) in bytes.chunks_exact(size).enumerate() {
        out.push_str(if i == 0 { "\t" } else { ", " });
        let mut b = [0u8; 8];
        match shown {
            Type::I8 => push_i64(out, i64::from(el[0] as i8)),
            Type::U8 => push_u64(out, u64::from(el[0])),
            Type::I16 => push_i64(out, i64::from(i16::from_le_bytes([el[0], el[1]]))),
            Type::U16 => push_u64(out, u64::from(u16::from_le_bytes([el[0], el[1]]))),
            Type::I32 => push_i64(
                out,
                i64::from(i32::from_le_bytes([el[0], el[1], el[2], el[3]])),
            ),
            Type::U32 => push_u64(
                out,
                u64::from(u32::from_le_bytes([el[0], el[1], el[2], el[3]])),
            ),
            Type::I64 => {
                b.copy_from_slice(el);
                push_i64(out, i64::from_le_bytes(b));
            }
            Type::U64 => {
                b.copy_from_slice(el);
                push_u64(out, u64::from_le_bytes(b));
            }
            Type::F => push_f32(out, f32::from_le_bytes([el[0], el[1], el[2], el[3]]), ""),
            Type::D => {
                b.copy_from_slice(el);
                push_f64(out, f64::from_le_bytes(b), "");
            }
            Type::LD => {
                let mut t = [0u8; 10];
                t.copy_from_slice(&el[..10]);
                push_f80(out, F80::from_le_bytes(t), "");
            }
            // Mapped to u64/u8 above.
            _ => unreachable!("data of type {shown}"),
        }
    }
    out.push('\n');
}

/// Decimal digits of `n` at the end of `buf`; returns where they start.
#[inline]
fn digits(buf: &mut [u8; 20], mut n: u64) -> usize {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return i;
        }
    }
}

#[inline]
fn push_ascii(out: &mut String, bytes: &[u8]) {
    // Only ASCII digits reach here, so this never fails.
    out.push_str(std::str::from_utf8(bytes).unwrap_or("?"));
}

/// An unsigned decimal number.
#[inline]
fn push_u64(out: &mut String, n: u64) {
    if n < 10 {
        out.push((b'0' + n as u8) as char);
        return;
    }
    let mut buf = [0u8; 20];
    let i = digits(&mut buf, n);
    push_ascii(out, &buf[i..]);
}

/// A signed decimal number (`i64::MIN` included).
#[inline]
fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, n.unsigned_abs());
}

/// Whether a name would read as a special floating literal (`inf`, `nanL`, …).
fn is_special_name(name: &str) -> bool {
    crate::lexer::special_float(name).is_some()
}

/// `inf`/`nan` with its sign (`plus` is the sign of positive values: `""`
/// or `"+"`) and suffix.
fn push_special(out: &mut String, nan: bool, neg: bool, plus: &str, suffix: &str) {
    out.push_str(if neg { "-" } else { plus });
    out.push_str(if nan { "nan" } else { "inf" });
    out.push_str(suffix);
}

/// `f` immediates: shortest round-trip decimal, `f` suffix.
fn push_f32(out: &mut String, x: f32, plus: &str) {
    if !x.is_finite() {
        push_special(out, x.is_nan(), x.is_sign_negative(), plus, "f");
    } else {
        let fast = short_decimal(f64::from(x), 1 << 23, |n, k| {
            // `n < 2^23` and `10^k <= 10^4` are exact in f32, so the
            // quotient is correctly rounded, as parsing the text would be.
            n as f32 / POW10[k] as f32 == x
        });
        match fast {
            Some((n, k)) => push_scaled(out, x.is_sign_negative(), n, k),
            None => push_real(out, format_args!("{x:?}")),
        }
        out.push('f');
    }
}

/// `d` immediates: shortest round-trip decimal, no suffix.
fn push_f64(out: &mut String, x: f64, plus: &str) {
    if !x.is_finite() {
        push_special(out, x.is_nan(), x.is_sign_negative(), plus, "");
    } else {
        let fast = short_decimal(x, 1 << 50, |n, k| {
            // `n < 2^50` and `10^k <= 10^4` are exact in f64, so the
            // quotient is correctly rounded, as parsing the text would be.
            n as f64 / POW10[k] == x
        });
        match fast {
            Some((n, k)) => push_scaled(out, x.is_sign_negative(), n, k),
            None => push_real(out, format_args!("{x:?}")),
        }
    }
}

const POW10: [f64; 5] = [1.0, 10.0, 100.0, 1000.0, 10000.0];

/// The fast path for reals with at most four decimals (`0.5`, `-3.25`,
/// `100.0`): the smallest `k <= 4` and the integer `n < limit` with
/// `|x| = n / 10^k` exactly as the reader would parse it (`exact` checks
/// that), if any. The text `n` with the point `k` digits from the right is
/// then what `{:?}` prints too: with `limit` small enough for the type
/// (2^50 for `d`, 2^23 for `f`), half the spacing of representable values
/// near `x` is below `10^-k / 2`, so no decimal with fewer digits reads back
/// as `x`; and `1e-4 <= |x| < 1e16` is where `{:?}` uses plain notation.
/// Everything else goes to the general path.
#[inline]
fn short_decimal(x: f64, limit: u64, exact: impl Fn(u64, usize) -> bool) -> Option<(u64, usize)> {
    let a = x.abs();
    if a >= limit as f64 {
        return None;
    }
    for (k, p) in POW10.iter().enumerate() {
        let y = a * p;
        if y >= limit as f64 {
            return None;
        }
        if y == y.trunc() {
            let n = y as u64;
            if !exact(n, k) {
                return None;
            }
            // Rounding in `a * p` can skip a smaller `k` (`…207.15` may
            // first show up as `…20715.0 / 1000`): take the zeros back out.
            let (mut n, mut k) = (n, k);
            while k > 0 && n % 10 == 0 {
                n /= 10;
                k -= 1;
            }
            return Some((n, k));
        }
    }
    None
}

/// Prints `n / 10^k` (with `-` first when `neg`) as `I.F`, e.g. `12.5`,
/// `0.0625`, `3.0`.
#[inline]
fn push_scaled(out: &mut String, neg: bool, n: u64, k: usize) {
    if neg {
        out.push('-');
    }
    let mut buf = [0u8; 20];
    let i = digits(&mut buf, n);
    let d = &buf[i..];
    if k == 0 {
        push_ascii(out, d);
        out.push_str(".0");
    } else if d.len() > k {
        push_ascii(out, &d[..d.len() - k]);
        out.push('.');
        push_ascii(out, &d[d.len() - k..]);
    } else {
        out.push_str("0.");
        for _ in d.len()..k {
            out.push('0');
        }
        push_ascii(out, d);
    }
}

/// Formats a finite real and makes sure it lexes as a real, not an integer.
fn push_real(out: &mut String, args: std::fmt::Arguments<'_>) {
    let start = out.len();
    let _ = out.write_fmt(args);
    if !out.as_bytes()[start..]
        .iter()
        .any(|&c| c == b'.' || c == b'e' || c == b'E')
    {
        out.push_str(".0");
    }
}

/// `ld` immediates: [`F80`]'s round-trip decimal, `L` suffix.
fn push_f80(out: &mut String, x: F80, plus: &str) {
    if !x.is_finite() {
        push_special(out, x.is_nan(), x.is_sign_negative(), plus, "L");
        return;
    }
    let start = out.len();
    out.push_str(&x.fmt_exact_roundtrip());
    let text = &out.as_bytes()[start..];
    if !text.iter().any(|&c| c == b'.' || c == b'e' || c == b'E') {
        out.push_str(".0");
    }
    out.push('L');
}

/// A string literal with C escapes (see the module doc for the NUL rule).
fn string_lit(out: &mut String, bytes: &[u8]) {
    // The reader appends a NUL to a non-empty literal that does not end in
    // one: leave the final NUL out exactly when it will come back.
    let shown = match bytes {
        [.., last, 0] if *last != 0 => &bytes[..bytes.len() - 1],
        _ => bytes,
    };
    out.push('"');
    let mut run = 0;
    for (i, &c) in shown.iter().enumerate() {
        let esc: &str = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            0x0b => "\\v",
            0x07 => "\\a",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\r' => "\\r",
            0x20..=0x7e => continue,
            _ => "",
        };
        push_ascii(out, &shown[run..i]);
        run = i + 1;
        if esc.is_empty() {
            let oct = [
                b'\\',
                b'0' + (c >> 6),
                b'0' + ((c >> 3) & 7),
                b'0' + (c & 7),
            ];
            push_ascii(out, &oct);
        } else {
            out.push_str(esc);
        }
    }
    push_ascii(out, &shown[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::module::{Func, Insn, Labels, Param, Pos};

    fn item(name: Option<&str>, kind: ItemKind) -> Item {
        Item {
            name: name.map(str::to_string),
            kind,
            pos: Pos::NONE,
        }
    }

    fn module(items: Vec<Item>) -> Module {
        Module {
            name: "m".into(),
            items,
            ..Module::default()
        }
    }

    /// The body lines of a one-module text (between `module` and `endmodule`).
    fn body(m: &Module) -> String {
        let text = write_module(m);
        let text = text.strip_prefix("m:\tmodule\n").expect("header");
        text.strip_suffix("\tendmodule\n")
            .expect("trailer")
            .to_string()
    }

    fn var(name: &str, ty: Type, kind: VarKind) -> Var {
        Var {
            name: name.into(),
            ty,
            kind,
            hard_reg: None,
        }
    }

    /// A function with params `a: i64`, locals `b: i64`, `x: d`, `y: f`, `z: ld`,
    /// labels `L1`, `L2`, and the given body.
    fn func_module(insns: Vec<Insn>) -> Module {
        let mut f = Func::new(
            Proto {
                results: vec![Type::I64],
                params: vec![Param {
                    name: "a".into(),
                    ty: Type::I64,
                    size: 0,
                }],
                vararg: false,
            },
            Vec::new(),
        );
        f.vars = vec![
            var("a", Type::I64, VarKind::Param),
            var("b", Type::I64, VarKind::Local),
            var("x", Type::D, VarKind::Local),
            var("y", Type::F, VarKind::Local),
            var("z", Type::LD, VarKind::Local),
        ];
        f.labels = Labels::from_iter(["L1", "L2"]);
        f.set_insns(insns);
        let mut m = module(vec![
            item(Some("g"), ItemKind::Import),
            item(Some("f"), ItemKind::Func(Box::new(f))),
        ]);
        m.intern_alias("al");
        m.intern_alias("nal");
        m
    }

    /// The text of one instruction of `func_module`.
    fn insn_text(insn: Insn) -> String {
        let text = body(&func_module(vec![insn]));
        let line = text
            .lines()
            .nth(3)
            .unwrap_or_else(|| panic!("no insn in {text:?}"));
        line.to_string()
    }

    fn op_text(op: Operand) -> String {
        let line = insn_text(Insn::new(Opcode::Mov, vec![Operand::Reg(VarId(1)), op]));
        line.strip_prefix("\tmov\tb, ").expect("mov").to_string()
    }

    fn mem(ty: Type, disp: i64, base: Option<u32>, index: Option<u32>, scale: u8) -> Operand {
        Operand::mem(Mem::new(ty, disp, base.map(VarId), index.map(VarId), scale))
    }

    #[test]
    fn empty_module() {
        assert_eq!(write_module(&module(vec![])), "m:\tmodule\n\tendmodule\n");
        assert_eq!(
            write_modules(&[module(vec![]), Module::new("n")]),
            "m:\tmodule\n\tendmodule\nn:\tmodule\n\tendmodule\n"
        );
    }

    #[test]
    fn function_layout() {
        let m = func_module(vec![
            Insn::label(LabelId(0)),
            Insn::new(
                Opcode::Bge,
                vec![
                    Operand::Label(LabelId(1)),
                    Operand::Reg(VarId(0)),
                    Operand::Int(2),
                ],
            ),
            Insn::label(LabelId(1)),
            Insn::new(Opcode::Ret, vec![Operand::Reg(VarId(1))]),
        ]);
        assert_eq!(
            body(&m),
            "\timport\tg\n\
             f:\tfunc\ti64, i64:a\n\
             \tlocal\ti64:b, d:x, f:y, ld:z\n\
             L1:\n\
             \tbge\tL2, a, 2\n\
             L2:\n\
             \tret\tb\n\
             \tendfunc\n"
        );
    }

    #[test]
    fn zero_operand_insn_and_empty_header() {
        let mut f = Func::default();
        f.push(Insn::new(Opcode::Ret, vec![]));
        let m = module(vec![item(Some("f"), ItemKind::Func(Box::new(f)))]);
        assert_eq!(body(&m), "f:\tfunc\n\tret\n\tendfunc\n");
    }

    #[test]
    fn signatures() {
        let p = Proto {
            results: vec![Type::I64, Type::D],
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
                    name: "q".into(),
                    ty: Type::P,
                    size: 0,
                },
            ],
            vararg: true,
        };
        let m = module(vec![
            item(Some("p"), ItemKind::Proto(p)),
            item(
                Some("v"),
                ItemKind::Proto(Proto {
                    vararg: true,
                    ..Proto::default()
                }),
            ),
            item(Some("e"), ItemKind::Proto(Proto::default())),
        ]);
        assert_eq!(
            body(&m),
            "p:\tproto\ti64, d, blk1:16(s), rblk:24(r), p:q, ...\n\
             v:\tproto\t...\n\
             e:\tproto\n"
        );
    }

    #[test]
    fn var_lines() {
        let mut f = Func::default();
        for i in 0..10 {
            f.vars
                .push(var(&format!("v{i}"), Type::I64, VarKind::Local));
        }
        let mut g = var("h", Type::I64, VarKind::Global);
        g.hard_reg = Some("rbx".into());
        f.vars.push(g);
        let mut g = var("x", Type::D, VarKind::Global);
        g.hard_reg = Some("xmm3".into());
        f.vars.push(g);
        f.vars.push(var("w", Type::F, VarKind::Local));
        f.set_insns(vec![Insn::new(Opcode::Ret, vec![])]);
        let m = module(vec![item(Some("f"), ItemKind::Func(Box::new(f)))]);
        assert_eq!(
            body(&m),
            "f:\tfunc\n\
             \tlocal\ti64:v0, i64:v1, i64:v2, i64:v3, i64:v4, i64:v5, i64:v6, i64:v7\n\
             \tlocal\ti64:v8, i64:v9\n\
             \tglobal\ti64:h:rbx, d:x:xmm3\n\
             \tlocal\tf:w\n\
             \tret\n\
             \tendfunc\n"
        );
    }

    #[test]
    fn declarations() {
        let m = module(vec![
            item(Some("a"), ItemKind::Import),
            item(Some("b"), ItemKind::Export),
            item(Some("c"), ItemKind::Forward),
        ]);
        assert_eq!(body(&m), "\timport\ta\n\texport\tb\n\tforward\tc\n");
    }

    #[test]
    fn integers() {
        assert_eq!(op_text(Operand::Int(0)), "0");
        assert_eq!(op_text(Operand::Int(-7)), "-7");
        assert_eq!(op_text(Operand::Int(1234567890)), "1234567890");
        assert_eq!(op_text(Operand::Int(i64::MIN)), "-9223372036854775808");
        assert_eq!(op_text(Operand::Int(i64::MAX)), "9223372036854775807");
    }

    #[test]
    fn reals() {
        assert_eq!(op_text(Operand::float(1.0)), "1.0f");
        assert_eq!(op_text(Operand::float(-0.0)), "-0.0f");
        assert_eq!(op_text(Operand::float(0.1)), "0.1f");
        assert_eq!(op_text(Operand::float(1e-7)), "1e-7f");
        assert_eq!(op_text(Operand::float(f32::INFINITY)), "inff");
        assert_eq!(op_text(Operand::float(f32::NEG_INFINITY)), "-inff");
        assert_eq!(op_text(Operand::float(f32::NAN)), "nanf");
        assert_eq!(op_text(Operand::double(2.5)), "2.5");
        assert_eq!(op_text(Operand::double(1e100)), "1e100");
        assert_eq!(
            op_text(Operand::double(f64::MIN_POSITIVE)),
            "2.2250738585072014e-308"
        );
        assert_eq!(op_text(Operand::double(f64::NEG_INFINITY)), "-inf");
        assert_eq!(op_text(Operand::double(-f64::NAN)), "-nan");
        assert_eq!(op_text(Operand::ldouble(F80::ONE)), "1.0L");
        assert_eq!(op_text(Operand::ldouble(F80::from_f64(-1.5))), "-1.5L");
        assert_eq!(op_text(Operand::ldouble(F80::INFINITY)), "infL");
        assert_eq!(op_text(Operand::ldouble(F80::NAN)), "nanL");
    }

    /// The fast path for short reals prints exactly what `{:?}` prints.
    #[test]
    fn short_reals_match_debug_formatting() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut checked = 0;
        for i in 0..200_000u64 {
            let r = next();
            let k = (r % 6) as i32;
            let n = (r >> 8) % [10, 1000, 1 << 20, 1 << 40, 1 << 53][(i % 5) as usize];
            let x = n as f64 / 10f64.powi(k) * if r & 128 != 0 { -1.0 } else { 1.0 };
            let want = format!("{x:?}");
            let mut got = String::new();
            push_f64(&mut got, x, "");
            if want.contains('.') || want.contains('e') {
                assert_eq!(got, want, "{x:e}");
            } else {
                assert_eq!(got, want + ".0", "{x:e}");
            }
            let y = x as f32;
            let want = format!("{y:?}f");
            let mut got = String::new();
            push_f32(&mut got, y, "");
            if want.contains('.') || want.contains('e') {
                assert_eq!(got, want, "{y:e}");
            }
            checked += 1;
        }
        assert_eq!(checked, 200_000);
        for x in [
            0.0,
            -0.0,
            1e-4,
            0.0001,
            1e-5,
            2.5e-4,
            1125899906842623.0,
            1e15,
            1e16,
        ] {
            let mut got = String::new();
            push_f64(&mut got, x, "");
            assert_eq!(got, format!("{x:?}"));
        }
    }

    #[test]
    fn memory_forms() {
        let cases = [
            (mem(Type::I64, 100, None, None, 1), "i64:100"),
            (mem(Type::I64, 0, None, None, 1), "i64:0"),
            (mem(Type::I64, 0, Some(0), None, 1), "i64:(a)"),
            (mem(Type::I32, -8, Some(0), Some(1), 4), "i32:-8(a, b, 4)"),
            (mem(Type::U8, 0, None, Some(1), 8), "u8:(, b, 8)"),
            (mem(Type::I16, 16, None, Some(1), 1), "i16:16(, b)"),
            (mem(Type::D, 8, Some(0), Some(1), 1), "d:8(a, b)"),
            (
                mem(Type::P, i64::MIN, Some(0), None, 1),
                "p:-9223372036854775808(a)",
            ),
        ];
        for (op, want) in cases {
            assert_eq!(op_text(op), want);
        }
        let aliased = |alias, nonalias| {
            let mut m = Mem::new(Type::I32, -8, Some(VarId(0)), Some(VarId(1)), 4);
            m.alias = alias;
            m.nonalias = nonalias;
            op_text(Operand::mem(m))
        };
        assert_eq!(aliased(1, 2), "i32:-8(a, b, 4):al:nal");
        assert_eq!(aliased(1, 0), "i32:-8(a, b, 4):al");
        assert_eq!(aliased(0, 2), "i32:-8(a, b, 4)::nal");
    }

    #[test]
    fn strings() {
        let s = |b: &[u8]| op_text(Operand::Str(b.into()));
        assert_eq!(s(b"hi\n\0"), r#""hi\n""#);
        assert_eq!(s(b""), r#""""#);
        assert_eq!(s(b"\0"), r#""\000""#);
        assert_eq!(s(b"a\0\0"), r#""a\000\000""#);
        assert_eq!(s(b"a\0b\0"), r#""a\000b""#);
        assert_eq!(s(b"q\"\\\t\x0b\x07\x08\x0c\r\0"), r#""q\"\\\t\v\a\b\f\r""#);
        assert_eq!(s(b"\x01\xff7\0"), r#""\001\3777""#);
        assert_eq!(s(b"# ; , :\0"), r##""# ; , :""##);
        assert_eq!(s(b"no nul"), r#""no nul""#);
    }

    #[test]
    fn refs_labels_and_calls() {
        let call = Insn::new(
            Opcode::Call,
            vec![
                Operand::Ref(ItemId(0)),
                Operand::Ref(ItemId(1)),
                Operand::Reg(VarId(1)),
                Operand::mem(Mem::base(Type::Blk1, VarId(0))),
                Operand::mem(Mem::new(Type::RBlk, 24, Some(VarId(0)), None, 1)),
            ],
        );
        assert_eq!(insn_text(call), "\tcall\tg, f, b, blk1:(a), rblk:24(a)");
        let sw = Insn::new(
            Opcode::Switch,
            vec![
                Operand::Reg(VarId(0)),
                Operand::Label(LabelId(0)),
                Operand::Label(LabelId(1)),
            ],
        );
        assert_eq!(insn_text(sw), "\tswitch\ta, L1, L2");
    }

    #[test]
    fn data_items() {
        let ld: Vec<u8> = [F80::ONE, F80::from_f64(0.5), F80::NEG_INFINITY]
            .iter()
            .flat_map(|x| {
                let mut v = x.to_le_bytes().to_vec();
                v.resize(16, 0);
                v
            })
            .collect();
        let m = module(vec![
            item(
                Some("a"),
                ItemKind::Data {
                    ty: Type::I32,
                    bytes: [1i32, -2, i32::MIN]
                        .iter()
                        .flat_map(|v| v.to_le_bytes())
                        .collect(),
                },
            ),
            item(
                None,
                ItemKind::Data {
                    ty: Type::U8,
                    bytes: vec![0, 255],
                },
            ),
            item(
                None,
                ItemKind::Data {
                    ty: Type::I8,
                    bytes: vec![0x80],
                },
            ),
            item(
                None,
                ItemKind::Data {
                    ty: Type::U64,
                    bytes: u64::MAX.to_le_bytes().to_vec(),
                },
            ),
            item(
                None,
                ItemKind::Data {
                    ty: Type::F,
                    bytes: [1.5f32, f32::NAN]
                        .iter()
                        .flat_map(|v| v.to_le_bytes())
                        .collect(),
                },
            ),
            item(
                None,
                ItemKind::Data {
                    ty: Type::D,
                    bytes: [0.25f64, 1e300]
                        .iter()
                        .flat_map(|v| v.to_le_bytes())
                        .collect(),
                },
            ),
            item(
                Some("l"),
                ItemKind::Data {
                    ty: Type::LD,
                    bytes: ld,
                },
            ),
            item(
                Some("e"),
                ItemKind::Data {
                    ty: Type::I16,
                    bytes: vec![],
                },
            ),
            item(
                Some("pp"),
                ItemKind::Data {
                    ty: Type::P,
                    bytes: 8u64.to_le_bytes().to_vec(),
                },
            ),
            item(Some("s"), ItemKind::Str(b"hello\0".to_vec())),
            item(None, ItemKind::Str(Vec::new())),
            item(Some("z"), ItemKind::Bss { size: 24 }),
            item(
                Some("r"),
                ItemKind::Ref {
                    target: ItemId(0),
                    disp: 0,
                },
            ),
            item(
                None,
                ItemKind::Ref {
                    target: ItemId(9),
                    disp: -4,
                },
            ),
        ]);
        assert_eq!(
            body(&m),
            "a:\ti32\t1, -2, -2147483648\n\
             \tu8\t0, 255\n\
             \ti8\t-128\n\
             \tu64\t18446744073709551615\n\
             \tf\t1.5f, nanf\n\
             \td\t0.25, 1e300\n\
             l:\tld\t1.0L, 0.5L, -infL\n\
             e:\ti16\n\
             pp:\tu64\t8\n\
             s:\tstring\t\"hello\"\n\
             \tstring\t\"\"\n\
             z:\tbss\t24\n\
             r:\tref\ta, 0\n\
             \tref\ts, -4\n"
        );
    }

    #[test]
    fn lref_and_expr() {
        let mut m = func_module(vec![
            Insn::label(LabelId(0)),
            Insn::new(Opcode::Jmp, vec![Operand::Label(LabelId(1))]),
            Insn::label(LabelId(1)),
            Insn::new(Opcode::Ret, vec![Operand::Int(0)]),
        ]);
        m.items.push(item(
            Some("t"),
            ItemKind::Lref {
                func: ItemId(1),
                label: LabelId(0),
                label2: None,
                disp: 0,
            },
        ));
        m.items.push(item(
            None,
            ItemKind::Lref {
                func: ItemId(1),
                label: LabelId(1),
                label2: Some(LabelId(0)),
                disp: 8,
            },
        ));
        m.items
            .push(item(Some("x"), ItemKind::Expr { func: ItemId(1) }));
        let text = body(&m);
        assert!(
            text.ends_with("\tendfunc\nt:\tlref\tL1, 0\n\tlref\tL2, L1, 8\nx:\texpr\tf\n"),
            "{text}"
        );
    }

    #[test]
    fn anonymous_items_get_generated_names() {
        let mut m = func_module(vec![Insn::new(Opcode::Ret, vec![Operand::Ref(ItemId(3))])]);
        m.items
            .push(item(Some(".anon3"), ItemKind::Bss { size: 1 }));
        m.items.push(item(None, ItemKind::Bss { size: 8 }));
        m.items.push(item(
            None,
            ItemKind::Ref {
                target: ItemId(3),
                disp: 0,
            },
        ));
        // The function refers to a later item, so the items up to it are
        // printed inside the body, as the reader would have seen them.
        let text = body(&m);
        assert!(
            text.ends_with(
                "\tlocal\ti64:b, d:x, f:y, ld:z\n\
                 .anon3:\tbss\t1\n\
                 .anon3_:\tbss\t8\n\
                 \tret\t.anon3_\n\
                 \tendfunc\n\
                 \tref\t.anon3_, 0\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn items_declared_inside_a_body_are_printed_where_needed() {
        let mut m = func_module(vec![
            Insn::new(Opcode::Mov, vec![Operand::Reg(VarId(1)), Operand::Int(0)]),
            Insn::label(LabelId(0)),
            Insn::new(
                Opcode::Mov,
                vec![Operand::Reg(VarId(1)), Operand::Ref(ItemId(2))],
            ),
            Insn::label(LabelId(1)),
            Insn::new(Opcode::Ret, vec![Operand::Ref(ItemId(4))]),
        ]);
        m.items.push(item(Some("a"), ItemKind::Bss { size: 1 }));
        m.items.push(item(
            None,
            ItemKind::Data {
                ty: Type::I8,
                bytes: vec![7],
            },
        ));
        m.items
            .push(item(Some("s"), ItemKind::Str(b"x\0".to_vec())));
        m.items.push(item(Some("after"), ItemKind::Bss { size: 2 }));
        assert_eq!(
            body(&m),
            "\timport\tg\n\
             f:\tfunc\ti64, i64:a\n\
             \tlocal\ti64:b, d:x, f:y, ld:z\n\
             \tmov\tb, 0\n\
             a:\tbss\t1\n\
             L1:\n\
             \tmov\tb, a\n\
             \ti8\t7\n\
             s:\tstring\t\"x\"\n\
             L2:\n\
             \tret\ts\n\
             \tendfunc\n\
             after:\tbss\t2\n"
        );
    }

    #[test]
    fn special_reals_are_signed_when_a_name_could_capture_them() {
        let ops = |m: &Module| {
            let text = write_module(m);
            text.lines()
                .filter(|l| l.starts_with("\tdmov") || l.starts_with("\tfmov"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let insns = vec![
            Insn::new(
                Opcode::DMov,
                vec![Operand::Reg(VarId(2)), Operand::double(f64::INFINITY)],
            ),
            Insn::new(
                Opcode::DMov,
                vec![Operand::Reg(VarId(2)), Operand::double(-f64::NAN)],
            ),
            Insn::new(
                Opcode::FMov,
                vec![Operand::Reg(VarId(3)), Operand::float(f32::NAN)],
            ),
        ];
        let m = func_module(insns.clone());
        assert_eq!(
            ops(&m),
            ["\tdmov\tx, inf", "\tdmov\tx, -nan", "\tfmov\ty, nanf"]
        );
        // A variable named `inf` in the function.
        let mut shadowed = func_module(insns.clone());
        if let ItemKind::Func(f) = &mut shadowed.items[1].kind {
            f.vars[1].name = "inf".into();
        }
        assert_eq!(
            ops(&shadowed),
            ["\tdmov\tx, +inf", "\tdmov\tx, -nan", "\tfmov\ty, +nanf"]
        );
        // An item named `nanf` anywhere in the module.
        let mut shadowed = func_module(insns);
        shadowed.items[0].name = Some("nanf".into());
        assert_eq!(
            ops(&shadowed),
            ["\tdmov\tx, +inf", "\tdmov\tx, -nan", "\tfmov\ty, +nanf"]
        );
    }

    #[test]
    fn dangling_ids_do_not_panic() {
        let m = func_module(vec![Insn::new(
            Opcode::Mov,
            vec![Operand::Reg(VarId(99)), Operand::Ref(ItemId(42))],
        )]);
        assert!(body(&m).contains("\tmov\t<v99>, <item42>\n"));
    }

    #[test]
    fn streaming_sinks_match() {
        let insns = (0..20_000)
            .map(|i| {
                Insn::new(
                    Opcode::Add,
                    vec![
                        Operand::Reg(VarId(1)),
                        Operand::Reg(VarId(0)),
                        Operand::Int(i),
                    ],
                )
            })
            .collect();
        let m = func_module(insns);
        let whole = write_module(&m);
        assert!(whole.len() > 2 * CHUNK);
        let mut s = String::new();
        write_module_to(&mut s, &m).unwrap();
        assert_eq!(s, whole);
        let mut v = Vec::new();
        write_module_io(&mut v, &m).unwrap();
        assert_eq!(v, whole.as_bytes());
    }
}
