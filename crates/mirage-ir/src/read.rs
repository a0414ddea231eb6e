//! The text reader: MIR text → [`Module`]s.
//!
//! The reader is a single pass over the token stream of [`crate::lexer`],
//! statement by statement (spec §1.7, §2). It resolves names as MIR's own
//! reader does (§2.8): label positions first, then variables, then items
//! declared earlier in the module, and finally the special float names
//! `inf`/`nan`. Labels are module-unique names but belong to one function;
//! a use of a label that another function defines is an error, as is a label
//! that is used and never defined (§10 #14). On an error the rest of the line
//! is skipped and reading goes on, so one run reports every syntax error;
//! the verifier then runs on every module that was read without errors.
//!
//! Performance matters (the goal is ≥ 100 MB/s on compiler-generated text):
//! tokens borrow from the source; the current token is a plain field (a
//! lexical error is kept aside and only looked at on the way in); directives,
//! type names and mnemonics are found with one small open-addressing table;
//! names are hashed with a small multiplicative hasher; source positions come
//! from the lexer's line cursor (it counts the line feeds it consumes), so no
//! byte is looked at twice; errors travel boxed so that the hot `Result`s
//! stay two words; each module is verified as soon as its `endmodule` is
//! read, while it is still in cache.

use crate::error::{Diagnostic, ErrorKind, Errors};
use crate::f80::F80;
use crate::hash::{NameKey, NameMap, NameTable};
use crate::lexer::{name_end, simple_int, skip_blanks, special_float, Cur, Lexer, Tok};
use crate::module::{
    Func, Item, ItemId, ItemKind, LabelId, Mem, Module, Operand, Param, Pos, Proto, Var, VarId,
    VarKind,
};
use crate::opcode::{Family, Opcode};
use crate::types::{Class, Type};
use std::sync::Arc;

/// Options for [`read_modules`].
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// File name used in diagnostics.
    pub file: Option<String>,
    /// Run the verifier on every module read (default: true).
    pub verify: bool,
    /// Stop collecting after this many errors (default: 100).
    pub max_errors: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            file: None,
            verify: true,
            max_errors: 100,
        }
    }
}

impl ReadOptions {
    /// Options naming `file` in diagnostics.
    pub fn file(name: impl Into<String>) -> ReadOptions {
        ReadOptions {
            file: Some(name.into()),
            ..ReadOptions::default()
        }
    }
}

/// Reads every module of a MIR text.
pub fn read_modules(src: &[u8], opts: &ReadOptions) -> Result<Vec<Module>, Errors> {
    if src.len() >= u32::MAX as usize {
        return Err(Errors::one(Diagnostic::new(
            ErrorKind::Limit,
            opts.file.as_deref(),
            Pos::NONE,
            "input larger than 4 GiB",
        )));
    }
    let mut r = Reader::new(src, opts);
    r.run();
    if r.errors.is_empty() && opts.verify {
        // Every module was verified at its `endmodule` (the diagnostics
        // only count when the whole text read without errors).
        r.errors = std::mem::take(&mut r.verify_errors);
        for d in &mut r.errors {
            if let Some(n) = d.operand {
                d.pos = operand_pos(src, d.pos, n).unwrap_or(d.pos);
            }
        }
    }
    if r.errors.is_empty() {
        Ok(r.modules)
    } else {
        r.errors.truncate(opts.max_errors.max(1));
        Err(Errors(r.errors))
    }
}

/// The position of operand `n` of the instruction whose mnemonic is at
/// `pos`, found by lexing the statement again (only done for errors).
fn operand_pos(src: &[u8], pos: Pos, n: u32) -> Option<Pos> {
    if pos.is_none() {
        return None;
    }
    let mut off = 0usize;
    for _ in 1..pos.line {
        off += src[off..].iter().position(|&b| b == b'\n')? + 1;
    }
    off += pos.col as usize - 1;
    let mut lx = Lexer::new(src.get(off..)?);
    lx.next().ok()?; // the mnemonic
    let (mut depth, mut seen) = (0u32, 0u32);
    let mut at_start = true;
    loop {
        let (t, span) = lx.next().ok()?;
        match t {
            Tok::Newline | Tok::Semi | Tok::Eof => return None,
            _ if at_start && seen == n => {
                let (l, c) = crate::lexer::line_col(src, (off + span.start as usize) as u32);
                return Some(Pos::new(l, c));
            }
            Tok::LParen => depth += 1,
            Tok::RParen => depth = depth.saturating_sub(1),
            Tok::Comma if depth == 0 => {
                seen += 1;
                at_start = true;
                continue;
            }
            _ => {}
        }
        at_start = false;
    }
}

/// The most entries of the reader's table of shared memory operands.
const MEM_TABLE_MAX: usize = 4096;

/// Errors are boxed so that the `Result`s of the hot paths stay small.
type R<T> = Result<T, Box<Diagnostic>>;

/// Where a label name stands in the current module.
#[derive(Clone, Copy)]
struct LabelEntry {
    func: ItemId,
    id: LabelId,
    defined: bool,
    first_use: Pos,
}

/// The function being read.
struct FuncState<'a> {
    item: ItemId,
    name: String,
    func: Func,
    vars: NameTable<'a, VarId>,
    /// Labels used in this function, by local id, with the position of their
    /// first use (for "undefined label" errors).
    pending_labels: Vec<(LabelId, Pos)>,
    has_ret: bool,
    has_jret: bool,
}

/// The module being read.
struct ModState<'a> {
    module: Module,
    names: NameTable<'a, ItemId>,
    labels: NameTable<'a, LabelEntry>,
    aliases: NameTable<'a, u32>,
    /// `lref` items whose labels are resolved at `endmodule`:
    /// (item, label, label2, position).
    lrefs: Vec<(ItemId, &'a str, Option<&'a str>, Pos)>,
    func: Option<FuncState<'a>>,
}

/// What a statement's first name means.
#[derive(Clone, Copy)]
enum Kw {
    Module,
    EndModule,
    Func,
    EndFunc,
    Proto,
    /// `import`, `export`, `forward`.
    Decl,
    /// `bss`, `ref`, `lref`, `expr`, `string`.
    DataDirective,
    Local,
    Global,
    Type(Type),
    Op(Opcode),
}

type KwTable = NameTable<'static, Kw>;

fn build_kw_table() -> KwTable {
    let mut t = KwTable::with_capacity(256);
    // Earlier kinds win, as in the statement dispatch: directives, then
    // types, then mnemonics.
    let mut add = |name: &'static str, kw: Kw| {
        if t.get(name).is_none() {
            t.insert(name, kw);
        }
    };
    let directives = [
        ("module", Kw::Module),
        ("endmodule", Kw::EndModule),
        ("func", Kw::Func),
        ("endfunc", Kw::EndFunc),
        ("proto", Kw::Proto),
        ("import", Kw::Decl),
        ("export", Kw::Decl),
        ("forward", Kw::Decl),
        ("bss", Kw::DataDirective),
        ("ref", Kw::DataDirective),
        ("lref", Kw::DataDirective),
        ("expr", Kw::DataDirective),
        ("string", Kw::DataDirective),
        ("local", Kw::Local),
        ("global", Kw::Global),
    ];
    for (n, k) in directives {
        add(n, k);
    }
    // Types (other spellings, such as `blk001`, go through
    // `Type::from_name` when the table has no entry).
    let types = [
        "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f", "d", "ld", "p", "rblk", "blk",
        "blk0", "blk1", "blk2", "blk3", "blk4",
    ];
    for n in types {
        if let Some(ty) = Type::from_name(n) {
            add(n, Kw::Type(ty));
        }
    }
    for &op in Opcode::ALL {
        add(op.name(), Kw::Op(op));
    }
    t
}

fn kw_table() -> &'static KwTable {
    static TABLE: std::sync::OnceLock<KwTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(build_kw_table)
}

/// What `name` means at the start of a statement.
#[inline]
fn keyword(name: &str, key: NameKey) -> Option<Kw> {
    match kw_table().get_key(name.as_bytes(), key) {
        Some(&k) => Some(k),
        None => Type::from_name(name).map(Kw::Type),
    }
}

/// The type named by `text[p..q]` (whose key is `key`).
#[inline]
fn type_at(text: &str, p: usize, q: usize, key: NameKey) -> Option<Type> {
    match kw_table().get_key(&text.as_bytes()[p..q], key) {
        Some(&Kw::Type(t)) => Some(t),
        _ => Type::from_name(text.get(p..q)?),
    }
}

/// `Type::from_name`, through the keyword table for the common spellings.
#[inline]
fn type_from_name(name: &str) -> Option<Type> {
    match kw_table().get(name) {
        Some(&Kw::Type(t)) => Some(t),
        _ => Type::from_name(name),
    }
}

struct Reader<'a> {
    src: &'a [u8],
    lexer: Lexer<'a>,
    /// The current token (or lexical error), with its span and line.
    cur: Cur<'a>,
    file: Option<&'a str>,
    errors: Vec<Diagnostic>,
    max_errors: usize,
    modules: Vec<Module>,
    m: Option<ModState<'a>>,
    /// Verify each module at its `endmodule`.
    verify: bool,
    /// The verifier's diagnostics (used only when reading has no errors).
    verify_errors: Vec<Diagnostic>,
    /// Reusable buffer for the label prefixes of a statement.
    label_buf: Vec<(&'a str, Pos)>,
    /// Reusable buffer for the operands of an instruction.
    operand_buf: Vec<Operand>,
    /// Memory operands read recently, each allocated once.
    mems: NameMap<Mem, Arc<Mem>>,
    /// Tables and buffers of finished functions and modules, kept for the
    /// next one (cleared) so that their memory is allocated once.
    spare_func: Option<FuncSpare<'a>>,
    spare_mod: Option<ModSpare<'a>>,
}

/// What a function's reading needs that outlives it: the variable table,
/// the list of forward label uses and the body buffers (each body is
/// copied out at its exact size at `endfunc`).
#[derive(Default)]
struct FuncSpare<'a> {
    vars: NameTable<'a, VarId>,
    pending_labels: Vec<(LabelId, Pos)>,
    /// A function whose (empty) body buffers have capacity.
    body: Func,
}

/// A module's name tables, kept for the next module.
struct ModSpare<'a> {
    names: NameTable<'a, ItemId>,
    labels: NameTable<'a, LabelEntry>,
    aliases: NameTable<'a, u32>,
}

fn is_sep(t: &Tok<'_>) -> bool {
    matches!(t, Tok::Newline | Tok::Semi | Tok::Eof)
}

impl<'a> Reader<'a> {
    fn new(src: &'a [u8], opts: &'a ReadOptions) -> Reader<'a> {
        let mut r = Reader {
            src,
            lexer: Lexer::new(src),
            cur: Cur::default(),
            file: opts.file.as_deref(),
            errors: Vec::new(),
            max_errors: opts.max_errors.max(1),
            modules: Vec::new(),
            m: None,
            verify: opts.verify,
            verify_errors: Vec::new(),
            label_buf: Vec::new(),
            operand_buf: Vec::new(),
            mems: NameMap::default(),
            spare_func: None,
            spare_mod: None,
        };
        r.bump();
        r
    }

    // ---- positions and errors -------------------------------------------

    /// The position of the current token (or of the lexical error).
    #[inline]
    fn here(&self) -> Pos {
        match &self.cur.err {
            Some(e) if self.cur.bad => self.pos_in_line(e.span.start),
            _ => Pos::new(
                self.cur.line,
                (self.cur.span.start as usize - self.cur.line_start) as u32 + 1,
            ),
        }
    }

    /// The position of offset `off`, at or after the start of the current
    /// token's line (a lexical error can start inside a string literal
    /// that spans lines).
    #[cold]
    fn pos_in_line(&self, off: u32) -> Pos {
        let off = (off as usize).min(self.src.len());
        let from = self.cur.line_start;
        if off < from {
            let (l, c) = crate::lexer::line_col(self.src, off as u32);
            return Pos::new(l, c);
        }
        let seg = &self.src[from..off];
        let nl = seg.iter().filter(|&&b| b == b'\n').count() as u32;
        let line_start = match seg.iter().rposition(|&b| b == b'\n') {
            Some(i) => from + i + 1,
            None => from,
        };
        Pos::new(self.cur.line + nl, (off - line_start) as u32 + 1)
    }

    #[cold]
    fn err_at(&self, pos: Pos, msg: impl Into<String>) -> Box<Diagnostic> {
        Box::new(Diagnostic::new(ErrorKind::Syntax, self.file, pos, msg))
    }

    #[cold]
    fn err(&self, msg: impl Into<String>) -> Box<Diagnostic> {
        self.err_at(self.here(), msg)
    }

    #[cold]
    fn verr_at(&self, pos: Pos, msg: impl Into<String>) -> Box<Diagnostic> {
        Box::new(Diagnostic::new(ErrorKind::Verify, self.file, pos, msg))
    }

    #[cold]
    #[allow(clippy::boxed_local)] // errors travel boxed; see `R`
    fn report(&mut self, d: Box<Diagnostic>) {
        if self.errors.len() < self.max_errors {
            self.errors.push(*d);
        }
    }

    // ---- tokens ------------------------------------------------------------

    /// The current token, or the lexical error in its place.
    #[inline]
    fn tok(&self) -> R<&Tok<'a>> {
        if self.cur.bad {
            Err(self.lex_diag())
        } else {
            Ok(&self.cur.tok)
        }
    }

    #[cold]
    fn lex_diag(&self) -> Box<Diagnostic> {
        let msg = self.cur.err.as_ref().map_or("", |e| e.message.as_str());
        self.err_at(self.here(), msg)
    }

    /// Moves to the next token.  The one place the lexer's hot path is
    /// inlined into.
    #[inline(never)]
    fn bump(&mut self) {
        self.lexer.advance(&mut self.cur);
    }

    #[inline]
    fn expect_name(&mut self, what: &str) -> R<&'a str> {
        match *self.tok()? {
            Tok::Name(n) => {
                self.bump();
                Ok(n)
            }
            _ => Err(self.err(format!("expected {what}"))),
        }
    }

    #[inline]
    fn expect(&mut self, want: Tok<'static>, what: &str) -> R<()> {
        let t = self.tok()?;
        if std::mem::discriminant(t) == std::mem::discriminant(&want) {
            self.bump();
            Ok(())
        } else {
            Err(self.err(format!("expected {what}")))
        }
    }

    #[inline]
    fn expect_comma(&mut self, what: &str) -> R<()> {
        if !self.cur.bad && matches!(self.cur.tok, Tok::Comma) {
            self.bump();
            Ok(())
        } else {
            self.expect(Tok::Comma, what)
        }
    }

    #[inline]
    fn at_sep(&self) -> R<bool> {
        Ok(is_sep(self.tok()?))
    }

    /// Skips to the end of the current line after an error.
    fn recover(&mut self) {
        loop {
            if self.cur.bad {
                self.lexer.skip_line();
                self.cur.bad = false;
                self.cur.tok = Tok::Newline;
                return;
            }
            match self.cur.tok {
                Tok::Newline | Tok::Eof => return,
                _ => self.bump(),
            }
        }
    }

    // ---- driver ------------------------------------------------------------

    fn run(&mut self) {
        loop {
            if self.errors.len() >= self.max_errors {
                return;
            }
            if !self.cur.bad {
                match self.cur.tok {
                    Tok::Eof => break,
                    Tok::Newline | Tok::Semi => {
                        self.bump();
                        continue;
                    }
                    _ => {}
                }
            }
            if let Err(d) = self.statement() {
                self.report(d);
                self.recover();
            } else if !self.cur.bad && !is_sep(&self.cur.tok) {
                let d = self.err("unexpected text at end of statement");
                self.report(d);
                self.recover();
            }
        }
        let p = self.here();
        let open = self.m.as_ref().map(|ms| {
            (
                ms.module.name.clone(),
                ms.func.as_ref().map(|f| f.name.clone()),
            )
        });
        if let Some((mname, fname)) = open {
            if let Some(fname) = fname {
                let d = self.err_at(p, format!("missing endfunc for function '{fname}'"));
                self.report(d);
            }
            let d = self.err_at(p, format!("missing endmodule for module '{mname}'"));
            self.report(d);
        }
    }

    fn statement(&mut self) -> R<()> {
        let mut labels = std::mem::take(&mut self.label_buf);
        labels.clear();
        let r = self.statement_with(&mut labels);
        self.label_buf = labels;
        r
    }

    fn statement_with(&mut self, labels: &mut Vec<(&'a str, Pos)>) -> R<()> {
        // Label prefixes: NAME ':' (possibly followed by newlines).
        while let Tok::Name(n) = *self.tok()? {
            if !self.lexer.colon_follows() {
                break;
            }
            let p = self.here();
            labels.push((n, p));
            self.bump();
            self.bump();
            while matches!(self.tok()?, Tok::Newline) {
                self.bump();
            }
        }
        let labels = &labels[..];
        let kpos = self.here();
        let kw = match *self.tok()? {
            Tok::Name(n) => n,
            Tok::Eof if !labels.is_empty() => {
                return Err(self.err_at(labels[0].1, "label at end of input"));
            }
            _ => return Err(self.err("expected a directive or an instruction")),
        };
        let (start, end) = (self.cur.span.start as usize, self.cur.span.end as usize);
        let kw_kind = keyword(kw, NameKey::of_slice(self.src, start, end));
        if let Some(Kw::Op(op)) = kw_kind {
            // The mnemonic stays the current token: the operands are read
            // from the bytes after it when they have a common form.
            return self.insn(op, labels, kpos);
        }
        self.bump();
        match kw_kind {
            Some(Kw::Op(_)) => unreachable!("handled above"),
            Some(Kw::Module) => self.module_start(labels, kpos),
            Some(Kw::EndModule) => self.module_end(labels, kpos),
            Some(Kw::Func) => self.func_start(labels, kpos),
            Some(Kw::EndFunc) => self.func_end(labels, kpos),
            Some(Kw::Proto) => self.proto(labels, kpos),
            Some(Kw::Decl) => self.decl(kw, labels, kpos),
            Some(Kw::DataDirective) => self.data_directive(kw, labels, kpos),
            Some(Kw::Local) => self.vars(false, labels, kpos),
            Some(Kw::Global) => self.vars(true, labels, kpos),
            Some(Kw::Type(ty)) => self.typed_data(ty, labels, kpos),
            None => Err(self.err_at(kpos, format!("unknown directive or instruction '{kw}'"))),
        }
    }

    fn mod_state(&mut self, what: &str, pos: Pos) -> R<&mut ModState<'a>> {
        if self.m.is_none() {
            return Err(self.err_at(pos, format!("{what} outside a module")));
        }
        Ok(self.m.as_mut().unwrap())
    }

    fn one_label(&self, labels: &[(&'a str, Pos)], what: &str, pos: Pos) -> R<&'a str> {
        match labels {
            [(n, _)] => Ok(n),
            [] => Err(self.err_at(pos, format!("{what} needs a name label"))),
            _ => Err(self.err_at(labels[1].1, format!("{what} takes exactly one label"))),
        }
    }

    fn at_most_one_label(&self, labels: &[(&'a str, Pos)], what: &str) -> R<Option<&'a str>> {
        match labels {
            [] => Ok(None),
            [(n, _)] => Ok(Some(n)),
            _ => Err(self.err_at(labels[1].1, format!("{what} takes at most one label"))),
        }
    }

    fn no_labels(&self, labels: &[(&'a str, Pos)], what: &str) -> R<()> {
        match labels.first() {
            None => Ok(()),
            Some((_, p)) => Err(self.err_at(*p, format!("{what} cannot have a label"))),
        }
    }

    // ---- modules -------------------------------------------------------------

    fn module_start(&mut self, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        let name = self.one_label(labels, "module", pos)?;
        if let Some(ms) = &self.m {
            return Err(self.err_at(
                pos,
                format!(
                    "module '{name}' inside module '{}' (missing endmodule)",
                    ms.module.name
                ),
            ));
        }
        let mut module = Module::new(name);
        module.source = self.file.map(str::to_string);
        module.pos = labels[0].1;
        let spare = self.spare_mod.take().unwrap_or_else(|| ModSpare {
            names: NameTable::with_capacity(64),
            labels: NameTable::with_capacity(256),
            aliases: NameTable::new(),
        });
        self.m = Some(ModState {
            module,
            names: spare.names,
            labels: spare.labels,
            aliases: spare.aliases,
            lrefs: Vec::new(),
            func: None,
        });
        Ok(())
    }

    fn module_end(&mut self, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        self.no_labels(labels, "endmodule")?;
        let Some(ms) = self.m.as_ref() else {
            return Err(self.err_at(pos, "endmodule without module"));
        };
        if let Some(f) = &ms.func {
            return Err(self.err_at(
                pos,
                format!("endmodule inside function '{}' (missing endfunc)", f.name),
            ));
        }
        let mut ms = self.m.take().unwrap();
        // Resolve lref labels now that every function is read.
        for (item, l1, l2, p) in std::mem::take(&mut ms.lrefs) {
            let find = |n: &str| ms.labels.get(n).filter(|e| e.defined).copied();
            let Some(e1) = find(l1) else {
                self.report(self.verr_at(p, format!("lref of undefined label '{l1}'")));
                continue;
            };
            let e2 = match l2 {
                Some(n) => match find(n) {
                    Some(e) => Some(e),
                    None => {
                        self.report(self.verr_at(p, format!("lref of undefined label '{n}'")));
                        continue;
                    }
                },
                None => None,
            };
            if let Some(e2) = e2 {
                if e2.func != e1.func {
                    self.report(self.verr_at(
                        p,
                        format!(
                            "lref labels '{l1}' and '{}' belong to different functions",
                            l2.unwrap_or("")
                        ),
                    ));
                    continue;
                }
            }
            if let ItemKind::Lref {
                func,
                label,
                label2,
                ..
            } = &mut ms.module.items[item.index()].kind
            {
                *func = e1.func;
                *label = e1.id;
                *label2 = e2.map(|e| e.id);
            }
        }
        // Verify now, while the module is in cache; the diagnostics are
        // only used if the whole text reads without errors, so there is no
        // point once reading has failed.
        if self.verify && self.errors.is_empty() {
            if let Err(e) = crate::verify::verify_module(&ms.module) {
                self.verify_errors.extend(e.0);
            }
        }
        self.modules.push(ms.module);
        let mut spare = ModSpare {
            names: ms.names,
            labels: ms.labels,
            aliases: ms.aliases,
        };
        spare.names.clear();
        spare.labels.clear();
        spare.aliases.clear();
        self.spare_mod = Some(spare);
        Ok(())
    }

    /// Adds a named or anonymous item to the current module.
    fn add_item(&mut self, name: Option<&'a str>, kind: ItemKind, pos: Pos) -> R<ItemId> {
        let ms = self.mod_state(kind.kind_name(), pos)?;
        let id = ItemId::new(ms.module.items.len());
        let is_def = kind.is_definition();
        ms.module.items.push(Item {
            name: name.map(str::to_string),
            kind,
            pos,
        });
        if let Some(n) = name {
            match ms.names.get(n) {
                None => {
                    ms.names.insert(n, id);
                }
                Some(&old) => {
                    // A definition takes over a name declared by export/forward;
                    // other duplicates are reported by the verifier.
                    let old_kind = &ms.module.items[old.index()].kind;
                    if is_def && matches!(old_kind, ItemKind::Export | ItemKind::Forward) {
                        ms.names.insert(n, id);
                    }
                }
            }
        }
        Ok(id)
    }

    fn decl(&mut self, kw: &str, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        self.no_labels(labels, kw)?;
        self.mod_state(kw, pos)?;
        loop {
            let p = self.here();
            let name = self.expect_name("a name")?;
            let kind = match kw {
                "import" => ItemKind::Import,
                "export" => ItemKind::Export,
                _ => ItemKind::Forward,
            };
            self.add_item(Some(name), kind, p)?;
            if self.at_sep()? {
                return Ok(());
            }
            self.expect(Tok::Comma, "',' between names")?;
        }
    }

    // ---- signatures ------------------------------------------------------------

    /// Parses `results…, params…[, ...]` of a func or proto header.
    fn signature(&mut self) -> R<(Proto, Vec<(Pos, &'a str)>)> {
        let mut sig = Proto::default();
        let mut param_pos = Vec::new();
        if self.at_sep()? {
            return Ok((sig, param_pos));
        }
        loop {
            let p = self.here();
            let name = self.expect_name("a type, an argument or '...'")?;
            if name == "..." {
                sig.vararg = true;
                if !self.at_sep()? {
                    return Err(self.err("'...' must be the last operand"));
                }
                break;
            }
            let Some(ty) = type_from_name(name) else {
                return Err(self.err_at(p, format!("unknown type '{name}'")));
            };
            if matches!(self.tok()?, Tok::Colon) {
                self.bump();
                if ty.is_block() {
                    let size = match *self.tok()? {
                        Tok::Int(n) => n,
                        _ => return Err(self.err("expected block size")),
                    };
                    if !(0..=u32::MAX as i64).contains(&size) {
                        return Err(self.err(format!("block size {size} out of range")));
                    }
                    self.bump();
                    self.expect(Tok::LParen, "'(' after block size")?;
                    let pname = self.expect_name("argument name")?;
                    self.expect(Tok::RParen, "')'")?;
                    sig.params.push(Param {
                        name: pname.to_string(),
                        ty,
                        size: size as u32,
                    });
                    param_pos.push((p, pname));
                } else {
                    let pname = self.expect_name("argument name")?;
                    sig.params.push(Param {
                        name: pname.to_string(),
                        ty,
                        size: 0,
                    });
                    param_pos.push((p, pname));
                }
            } else {
                if !sig.params.is_empty() {
                    return Err(self.err_at(p, "all arguments must have the form type:name"));
                }
                if ty.is_block() {
                    return Err(self.err_at(p, format!("block type '{ty}' cannot be a result")));
                }
                sig.results.push(ty);
            }
            if self.at_sep()? {
                break;
            }
            self.expect(Tok::Comma, "','")?;
        }
        Ok((sig, param_pos))
    }

    fn proto(&mut self, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        let name = self.one_label(labels, "proto", pos)?;
        self.mod_state("proto", pos)?;
        let (sig, _) = self.signature()?;
        self.add_item(Some(name), ItemKind::Proto(sig), labels[0].1)?;
        Ok(())
    }

    fn func_start(&mut self, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        let name = self.one_label(labels, "func", pos)?;
        let ms = self.mod_state("func", pos)?;
        if let Some(f) = &ms.func {
            let fname = f.name.clone();
            return Err(self.err_at(
                pos,
                format!("function '{name}' inside function '{fname}' (missing endfunc)"),
            ));
        }
        let (sig, ppos) = self.signature()?;
        if sig.vararg && sig.params.is_empty() {
            return Err(self.err_at(
                pos,
                format!("variadic function '{name}' needs at least one fixed argument"),
            ));
        }
        let spare = self.spare_func.take().unwrap_or_else(|| FuncSpare {
            vars: NameTable::with_capacity(32),
            ..FuncSpare::default()
        });
        let mut vars = spare.vars;
        vars.clear();
        let mut fvars = Vec::with_capacity(sig.params.len());
        for (i, prm) in sig.params.iter().enumerate() {
            if vars.insert(ppos[i].1, VarId::new(i)).is_some() {
                return Err(self.verr_at(
                    ppos[i].0,
                    format!("duplicate argument '{}' in function '{name}'", prm.name),
                ));
            }
            fvars.push(Var {
                name: prm.name.clone(),
                ty: prm.ty,
                kind: VarKind::Param,
                hard_reg: None,
            });
        }
        let item = self.add_item(Some(name), ItemKind::Func(Box::default()), labels[0].1)?;
        let mut pending_labels = spare.pending_labels;
        pending_labels.clear();
        let mut func = Func::new(sig, fvars);
        func.reuse_body(spare.body);
        self.m.as_mut().unwrap().func = Some(FuncState {
            item,
            name: name.to_string(),
            func,
            vars,
            pending_labels,
            has_ret: false,
            has_jret: false,
        });
        Ok(())
    }

    fn func_end(&mut self, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        if let Some((_, p)) = labels.first() {
            return Err(self.err_at(
                *p,
                "a label cannot stand before endfunc; add an instruction after it",
            ));
        }
        let Some(ms) = self.m.as_mut() else {
            return Err(self.err_at(pos, "endfunc outside a module"));
        };
        let Some(mut fs) = ms.func.take() else {
            return Err(self.err_at(pos, "endfunc without func"));
        };
        // Undefined labels used in this function.
        let mut errs = Vec::new();
        for &(lid, p) in &fs.pending_labels {
            let lname = &fs.func.labels[lid.index()];
            let defined = ms
                .labels
                .get(lname)
                .is_some_and(|e| e.defined && e.func == fs.item);
            if !defined {
                errs.push((
                    p,
                    format!("undefined label '{lname}' in function '{}'", fs.name),
                ));
            }
        }
        // Implicit return (spec §2.11).
        if !fs.has_ret && !fs.has_jret {
            let last_is_jmp = fs
                .func
                .insns()
                .rev()
                .find(|i| i.op != Opcode::Label)
                .is_some_and(|i| i.op == Opcode::Jmp);
            if !last_is_jmp || fs.func.last_insn().is_some_and(|i| i.op == Opcode::Label) {
                let ops: Vec<Operand> = fs.func.sig.results.iter().map(|t| zero_of(*t)).collect();
                fs.func.push_insn(Opcode::Ret, &ops, pos);
            }
        }
        fs.func.end_pos = pos;
        // The body at its exact size; the buffers are kept for the next one.
        let body = fs.func.exact_body();
        fs.func.labels.shrink_to_fit();
        fs.func.vars.shrink_to_fit();
        ms.module.items[fs.item.index()].kind = ItemKind::Func(Box::new(fs.func));
        self.spare_func = Some(FuncSpare {
            vars: fs.vars,
            pending_labels: fs.pending_labels,
            body,
        });
        for (p, m) in errs {
            let d = self.verr_at(p, m);
            self.report(d);
        }
        Ok(())
    }

    fn vars(&mut self, global: bool, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        let what = if global { "global" } else { "local" };
        self.no_labels(labels, what)?;
        if self.m.as_ref().and_then(|m| m.func.as_ref()).is_none() {
            return Err(self.err_at(pos, format!("{what} outside a function")));
        }
        loop {
            let p = self.here();
            let tname = self.expect_name("a type")?;
            let Some(ty) = type_from_name(tname) else {
                return Err(self.err_at(p, format!("unknown type '{tname}'")));
            };
            if !ty.is_var_type() {
                return Err(self.err_at(
                    p,
                    format!("wrong type '{ty}' for a {what} variable (use i64, f, d or ld)"),
                ));
            }
            self.expect(Tok::Colon, "':' after the type")?;
            let np = self.here();
            let name = self.expect_name("a variable name")?;
            let hard_reg = if global {
                self.expect(Tok::Colon, "':' before the hard register")?;
                Some(self.expect_name("a hard register name")?.to_string())
            } else {
                None
            };
            let fs = self.m.as_mut().unwrap().func.as_mut().unwrap();
            let id = VarId::new(fs.func.vars.len());
            if fs.vars.insert(name, id).is_some() {
                let f = fs.name.clone();
                return Err(self.verr_at(
                    np,
                    format!("redefinition of variable '{name}' in function '{f}'"),
                ));
            }
            fs.func.vars.push(Var {
                name: name.to_string(),
                ty,
                kind: if global {
                    VarKind::Global
                } else {
                    VarKind::Local
                },
                hard_reg,
            });
            if self.at_sep()? {
                return Ok(());
            }
            self.expect(Tok::Comma, "','")?;
        }
    }

    // ---- data ------------------------------------------------------------------

    fn data_directive(&mut self, kw: &str, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        let name = self.at_most_one_label(labels, kw)?;
        let ipos = labels.first().map_or(pos, |l| l.1);
        self.mod_state(kw, pos)?;
        let kind = match kw {
            "bss" => {
                let n = match *self.tok()? {
                    Tok::Int(n) if n >= 0 => n as u64,
                    _ => return Err(self.err("bss needs a non-negative size")),
                };
                self.bump();
                ItemKind::Bss { size: n }
            }
            "string" => {
                let bytes = match self.tok()? {
                    Tok::Str(s) => s.to_vec(),
                    _ => return Err(self.err("string needs a string literal")),
                };
                self.bump();
                ItemKind::Str(bytes)
            }
            "ref" => {
                let p = self.here();
                let target = self.expect_name("an item name")?;
                let Some(&tid) = self.m.as_ref().unwrap().names.get(target) else {
                    return Err(self.verr_at(p, format!("ref of undeclared item '{target}'")));
                };
                let mut disp = 0;
                if matches!(self.tok()?, Tok::Comma) {
                    self.bump();
                    disp = match *self.tok()? {
                        Tok::Int(n) => n,
                        _ => return Err(self.err("ref displacement must be an integer")),
                    };
                    self.bump();
                }
                ItemKind::Ref { target: tid, disp }
            }
            "lref" => {
                let l1 = self.expect_name("a label")?;
                let mut l2 = None;
                let mut disp = 0;
                if matches!(self.tok()?, Tok::Comma) {
                    self.bump();
                    match *self.tok()? {
                        Tok::Name(n) => {
                            l2 = Some(n);
                            self.bump();
                            if matches!(self.tok()?, Tok::Comma) {
                                self.bump();
                                disp = match *self.tok()? {
                                    Tok::Int(n) => n,
                                    _ => {
                                        return Err(self.err("lref displacement must be an integer"))
                                    }
                                };
                                self.bump();
                            }
                        }
                        Tok::Int(n) => {
                            disp = n;
                            self.bump();
                        }
                        _ => return Err(self.err("expected a label or a displacement")),
                    }
                }
                let id = self.add_item(
                    name,
                    ItemKind::Lref {
                        func: ItemId(u32::MAX),
                        label: LabelId(u32::MAX),
                        label2: None,
                        disp,
                    },
                    ipos,
                )?;
                self.m.as_mut().unwrap().lrefs.push((id, l1, l2, ipos));
                return Ok(());
            }
            _ => {
                // expr
                let p = self.here();
                let f = self.expect_name("a function name")?;
                let Some(&fid) = self.m.as_ref().unwrap().names.get(f) else {
                    return Err(self.verr_at(p, format!("expr of undeclared function '{f}'")));
                };
                ItemKind::Expr { func: fid }
            }
        };
        self.add_item(name, kind, ipos)?;
        Ok(())
    }

    fn typed_data(&mut self, ty: Type, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        let name = self.at_most_one_label(labels, "data")?;
        let ipos = labels.first().map_or(pos, |l| l.1);
        self.mod_state("data", pos)?;
        if ty == Type::P || ty.is_block() {
            return Err(self.err_at(
                pos,
                format!("no data of type '{ty}' (use ref for pointers)"),
            ));
        }
        let mut bytes = Vec::new();
        if !self.at_sep()? {
            loop {
                let p = self.here();
                let t = match self.tok()?.clone() {
                    Tok::Name(n) => match special_float(n) {
                        Some(t) => t,
                        None => {
                            return Err(
                                self.err_at(p, format!("data element '{n}' is not a literal"))
                            )
                        }
                    },
                    t => t,
                };
                match (ty.class(), t) {
                    (Class::Int, Tok::Int(v)) => {
                        bytes.extend_from_slice(&v.to_le_bytes()[..ty.size() as usize]);
                    }
                    (Class::F, Tok::Float(v)) => bytes.extend_from_slice(&v.to_le_bytes()),
                    (Class::D, Tok::Double(v)) => bytes.extend_from_slice(&v.to_le_bytes()),
                    (Class::LD, Tok::LDouble(v)) => {
                        bytes.extend_from_slice(&v.to_le_bytes());
                        bytes.extend_from_slice(&[0; 6]);
                    }
                    _ => {
                        return Err(
                            self.err_at(p, format!("data element does not match type '{ty}'"))
                        );
                    }
                }
                self.bump();
                if self.at_sep()? {
                    break;
                }
                self.expect(Tok::Comma, "','")?;
            }
        }
        self.add_item(name, ItemKind::Data { ty, bytes }, ipos)?;
        Ok(())
    }

    // ---- instructions ------------------------------------------------------------

    fn insn(&mut self, op: Opcode, labels: &[(&'a str, Pos)], pos: Pos) -> R<()> {
        if self.m.as_ref().and_then(|m| m.func.as_ref()).is_none() {
            return Err(self.err_at(pos, format!("instruction '{op}' outside a function")));
        }
        let fam = op.family();
        if fam.is_internal() {
            return Err(self.err_at(
                pos,
                format!("'{op}' is internal and cannot be written in text"),
            ));
        }
        for &(l, p) in labels {
            self.define_label(l, p)?;
        }
        // Collected in a reused buffer, then moved to the function's
        // operand arena.
        let mut operands = std::mem::take(&mut self.operand_buf);
        operands.clear();
        let r = self.operands(fam, &mut operands);
        if let Err(e) = r {
            self.operand_buf = operands;
            return Err(e);
        }
        let fs = self.m.as_mut().unwrap().func.as_mut().unwrap();
        match fam {
            Family::Ret => fs.has_ret = true,
            Family::JRet => fs.has_jret = true,
            _ => {}
        }
        // Fixed operand counts are checked here so positions are precise.
        if !fam.is_variable_arity() && operands.len() != op.info().operands.len() {
            let f = fs.name.clone();
            let n = operands.len();
            self.operand_buf = operands;
            return Err(self.verr_at(
                pos,
                format!(
                    "in function '{f}': '{op}' takes {} operand(s), got {}",
                    op.info().operands.len(),
                    n
                ),
            ));
        }
        fs.func.push_drain(op, &mut operands, pos);
        self.operand_buf = operands;
        Ok(())
    }

    fn define_label(&mut self, name: &'a str, p: Pos) -> R<()> {
        let ms = self.m.as_mut().unwrap();
        let fs = ms.func.as_mut().unwrap();
        match ms.labels.get_mut(name) {
            Some(e) if e.defined => {
                return Err(Box::new(Diagnostic::new(
                    ErrorKind::Verify,
                    self.file,
                    p,
                    format!("redefinition of label '{name}' in the module"),
                )));
            }
            Some(e) if e.func != fs.item => {
                let first = e.first_use;
                return Err(Box::new(Diagnostic::new(
                    ErrorKind::Verify,
                    self.file,
                    first,
                    format!("label '{name}' is used in another function than the one defining it (function '{}')", fs.name),
                )));
            }
            Some(e) => {
                e.defined = true;
                fs.func.push_insn(Opcode::Label, &[Operand::Label(e.id)], p);
            }
            None => {
                let id = fs.func.labels.push(name);
                ms.labels.insert(
                    name,
                    LabelEntry {
                        func: fs.item,
                        id,
                        defined: true,
                        first_use: p,
                    },
                );
                fs.func.push_insn(Opcode::Label, &[Operand::Label(id)], p);
            }
        }
        Ok(())
    }

    fn use_label(&mut self, name: &'a str, p: Pos) -> R<LabelId> {
        let ms = self.m.as_mut().unwrap();
        let fs = ms.func.as_mut().unwrap();
        match ms.labels.get(name) {
            Some(e) if e.func == fs.item => Ok(e.id),
            Some(_) => Err(Box::new(Diagnostic::new(
                ErrorKind::Verify,
                self.file,
                p,
                format!(
                    "label '{name}' belongs to another function than '{}'",
                    fs.name
                ),
            ))),
            None => {
                let id = fs.func.labels.push(name);
                ms.labels.insert(
                    name,
                    LabelEntry {
                        func: fs.item,
                        id,
                        defined: false,
                        first_use: p,
                    },
                );
                fs.pending_labels.push((id, p));
                Ok(id)
            }
        }
    }

    /// The operands of an instruction, up to the end of the statement; the
    /// current token is the mnemonic.
    #[inline]
    fn operands(&mut self, fam: Family, out: &mut Vec<Operand>) -> R<()> {
        if self.fast_operands(fam, out) {
            return Ok(());
        }
        out.clear();
        self.bump();
        if self.at_sep()? {
            return Ok(());
        }
        let label_first = fam.has_label_first();
        let mut i = 0usize;
        loop {
            let label_pos = match fam {
                Family::Laddr => i == 1,
                Family::Switch => i >= 1,
                _ => i == 0 && label_first,
            };
            let o = self.operand(label_pos)?;
            out.push(o);
            i += 1;
            if self.at_sep()? {
                return Ok(());
            }
            self.expect_comma("',' between operands")?;
        }
    }

    /// The operands of an instruction in the forms compilers emit, read
    /// straight from the bytes after the mnemonic (the current token): variables, items, labels already seen or
    /// new, simple decimal integers and memory operands
    /// `type:[disp](base[, index[, scale]])[:alias][:nonalias]`, separated
    /// by commas, up to a newline, `;`, a comment or the end.  Anything else
    /// (other literals, errors, unknown names, CR) returns false, leaving
    /// the reader where it was for the token path, which then does exactly
    /// what it would have done anyway: every side effect taken here (a new
    /// label, a new alias) is one the token path takes at the same point,
    /// since it accepts every operand accepted here.
    fn fast_operands(&mut self, fam: Family, out: &mut Vec<Operand>) -> bool {
        let Some(text) = self.lexer.text() else {
            return false;
        };
        let src = text.as_bytes();
        let mut p = skip_blanks(src, self.cur.span.end as usize);
        if src.get(p) != Some(&b',') && ends_operand(src, p) {
            // No operands.
            self.lexer.set_pos(p);
            self.bump();
            return true;
        }
        let label_first = fam.has_label_first();
        let mut i = 0usize;
        loop {
            let label_pos = match fam {
                Family::Laddr => i == 1,
                Family::Switch => i >= 1,
                _ => i == 0 && label_first,
            };
            if let Some(q) = name_end(src, p) {
                let key = NameKey::of_slice(src, p, q);
                let name = &src[p..q];
                let r = skip_blanks(src, q);
                if src.get(r) == Some(&b':') {
                    let Some(ty) = type_at(text, p, q, key) else {
                        return false;
                    };
                    match self.fast_mem(ty, text, skip_blanks(src, r + 1)) {
                        Some((m, end)) => {
                            out.push(self.mem_op(m));
                            p = end;
                        }
                        None => return false,
                    }
                } else if label_pos {
                    let ms = self.m.as_ref().unwrap();
                    let fs = ms.func.as_ref().unwrap();
                    match ms.labels.get_key(name, key) {
                        Some(e) if e.func == fs.item => out.push(Operand::Label(e.id)),
                        Some(_) => return false,
                        // A new label: only once the next token is known
                        // to be fine (the token path looks at it first).
                        None if !ends_operand(src, r) => return false,
                        None => {
                            let pos = Pos::new(self.cur.line, (p - self.cur.line_start) as u32 + 1);
                            let Some(name) = text.get(p..q) else {
                                return false;
                            };
                            match self.use_label(name, pos) {
                                Ok(id) => out.push(Operand::Label(id)),
                                Err(_) => return false,
                            }
                        }
                    }
                    p = r;
                } else {
                    let ms = self.m.as_ref().unwrap();
                    let fs = ms.func.as_ref().unwrap();
                    if let Some(&v) = fs.vars.get_key(name, key) {
                        out.push(Operand::Reg(v));
                    } else if let Some(&id) = ms.names.get_key(name, key) {
                        out.push(Operand::Ref(id));
                    } else {
                        return false;
                    }
                    p = r;
                }
            } else if let Some((v, q)) = simple_int(src, p) {
                out.push(Operand::Int(v));
                p = skip_blanks(src, q);
            } else {
                return false;
            }
            i += 1;
            match src.get(p) {
                Some(b',') => p = skip_blanks(src, p + 1),
                Some(b'\n') => {
                    self.lexer.set_pos(p);
                    self.lexer.newline_token(p, &mut self.cur);
                    return true;
                }
                _ if ends_operand(src, p) => break,
                _ => return false,
            }
        }
        self.lexer.set_pos(p);
        self.bump();
        true
    }

    /// The rest of a memory operand after `type:` at `p` (see
    /// [`Reader::fast_operands`]), and the offset after it and its blanks.
    #[inline]
    fn fast_mem(&mut self, ty: Type, text: &'a str, mut p: usize) -> Option<(Mem, usize)> {
        let src = text.as_bytes();
        let mut m = Mem::new(ty, 0, None, None, 1);
        let mut any = false;
        if let Some((d, q)) = simple_int(src, p) {
            m.disp = d;
            any = true;
            p = skip_blanks(src, q);
        }
        if src.get(p) == Some(&b'(') {
            any = true;
            p = skip_blanks(src, p + 1);
            let fs = self.m.as_ref()?.func.as_ref()?;
            let var = |p: usize| -> Option<(VarId, usize)> {
                let q = name_end(src, p)?;
                let v = *fs.vars.get_key(&src[p..q], NameKey::of_slice(src, p, q))?;
                Some((v, skip_blanks(src, q)))
            };
            if src.get(p) != Some(&b',') {
                let (v, q) = var(p)?;
                m.base = Some(v);
                p = q;
            }
            if src.get(p) == Some(&b',') {
                let (v, q) = var(skip_blanks(src, p + 1))?;
                m.index = Some(v);
                p = q;
                if src.get(p) == Some(&b',') {
                    let (s, q) = simple_int(src, skip_blanks(src, p + 1))?;
                    m.scale = u8::try_from(s).ok()?;
                    p = skip_blanks(src, q);
                }
            }
            if src.get(p) != Some(&b')') {
                return None;
            }
            p = skip_blanks(src, p + 1);
        }
        if !any {
            return None;
        }
        if src.get(p) == Some(&b':') {
            p = skip_blanks(src, p + 1);
            if src.get(p) == Some(&b':') {
                let (n, q) = self.fast_alias(text, skip_blanks(src, p + 1))?;
                m.nonalias = n;
                p = q;
            } else {
                let (n, q) = self.fast_alias(text, p)?;
                m.alias = n;
                p = q;
                if src.get(p) == Some(&b':') {
                    let (n, q) = self.fast_alias(text, skip_blanks(src, p + 1))?;
                    m.nonalias = n;
                    p = q;
                }
            }
        }
        Some((m, p))
    }

    /// The alias name at `p`, interned, and the offset after it and its
    /// blanks.
    #[inline]
    fn fast_alias(&mut self, text: &'a str, p: usize) -> Option<(u32, usize)> {
        let src = text.as_bytes();
        let q = name_end(src, p)?;
        let ms = self.m.as_ref()?;
        let n = match ms.aliases.get_key(&src[p..q], NameKey::of_slice(src, p, q)) {
            Some(&n) => n,
            None => self.alias(text.get(p..q)?),
        };
        Some((n, skip_blanks(src, q)))
    }

    fn operand(&mut self, label_pos: bool) -> R<Operand> {
        let p = self.here();
        if label_pos && !matches!(self.tok()?, Tok::Name(_)) {
            return Err(self.verr_at(p, "expected a label"));
        }
        match *self.tok()? {
            Tok::Name(n) => {
                self.bump();
                if matches!(self.tok()?, Tok::Colon) {
                    let Some(ty) = type_from_name(n) else {
                        return Err(self.err_at(p, format!("unknown type '{n}' in memory operand")));
                    };
                    self.bump();
                    return self.mem_operand(ty).map(|m| self.mem_op(m));
                }
                if label_pos {
                    return self.use_label(n, p).map(Operand::Label);
                }
                let ms = self.m.as_ref().unwrap();
                let fs = ms.func.as_ref().unwrap();
                if let Some(&v) = fs.vars.get(n) {
                    return Ok(Operand::Reg(v));
                }
                if let Some(&id) = ms.names.get(n) {
                    return Ok(Operand::Ref(id));
                }
                match special_float(n) {
                    Some(Tok::Float(v)) => Ok(Operand::float(v)),
                    Some(Tok::Double(v)) => Ok(Operand::double(v)),
                    Some(Tok::LDouble(v)) => Ok(Operand::ldouble(v)),
                    _ => Err(self.verr_at(p, format!("undeclared name '{n}'"))),
                }
            }
            Tok::Int(v) => {
                self.bump();
                Ok(Operand::Int(v))
            }
            Tok::Float(v) => {
                self.bump();
                Ok(Operand::float(v))
            }
            Tok::Double(v) => {
                self.bump();
                Ok(Operand::double(v))
            }
            Tok::LDouble(v) => {
                self.bump();
                Ok(Operand::ldouble(v))
            }
            Tok::Str(_) => {
                let Tok::Str(s) = std::mem::replace(&mut self.cur.tok, Tok::Eof) else {
                    unreachable!("matched above")
                };
                self.bump();
                Ok(Operand::str(s.into_owned()))
            }
            _ => Err(self.err_at(p, "expected an operand")),
        }
    }

    fn var_operand(&mut self, what: &str) -> R<VarId> {
        let p = self.here();
        let n = self.expect_name(what)?;
        let fs = self.m.as_ref().unwrap().func.as_ref().unwrap();
        match fs.vars.get(n) {
            Some(&v) => Ok(v),
            None => Err(self.verr_at(p, format!("undeclared variable '{n}' in memory operand"))),
        }
    }

    /// After `type:`: `disp`, `[disp](base)`, `[disp]([base], index[, scale])`,
    /// then optional alias suffixes.
    fn mem_operand(&mut self, ty: Type) -> R<Mem> {
        let mut m = Mem::new(ty, 0, None, None, 1);
        let mut any = false;
        if let Tok::Int(d) = *self.tok()? {
            m.disp = d;
            any = true;
            self.bump();
        }
        if matches!(self.tok()?, Tok::LParen) {
            any = true;
            self.bump();
            if !matches!(self.tok()?, Tok::Comma) {
                m.base = Some(self.var_operand("a base register")?);
            }
            if matches!(self.tok()?, Tok::Comma) {
                self.bump();
                m.index = Some(self.var_operand("an index register")?);
                if matches!(self.tok()?, Tok::Comma) {
                    self.bump();
                    let p = self.here();
                    match *self.tok()? {
                        Tok::Int(s) if (0..=255).contains(&s) => {
                            m.scale = s as u8;
                            self.bump();
                        }
                        _ => return Err(self.err_at(p, "scale must be an integer (1, 2, 4 or 8)")),
                    }
                }
            }
            self.expect(Tok::RParen, "')' closing the memory operand")?;
        }
        if !any {
            return Err(self.err("expected a displacement or '(' in memory operand"));
        }
        // Aliases: ':' NAME [':' NAME] | ':' ':' NAME
        if matches!(self.tok()?, Tok::Colon) {
            self.bump();
            if matches!(self.tok()?, Tok::Colon) {
                self.bump();
                let n = self.expect_name("a nonalias name")?;
                m.nonalias = self.alias(n);
            } else {
                let n = self.expect_name("an alias name")?;
                m.alias = self.alias(n);
                if matches!(self.tok()?, Tok::Colon) {
                    self.bump();
                    let n = self.expect_name("a nonalias name")?;
                    m.nonalias = self.alias(n);
                }
            }
        }
        Ok(m)
    }

    /// A memory operand, sharing the allocation of an equal one read
    /// recently (the table is emptied when it reaches `MEM_TABLE_MAX`
    /// entries, so that it stays small whatever the input).
    #[inline]
    fn mem_op(&mut self, m: Mem) -> Operand {
        if let Some(a) = self.mems.get(&m) {
            return Operand::Mem(a.clone());
        }
        if self.mems.len() >= MEM_TABLE_MAX {
            self.mems.clear();
        }
        let a = Arc::new(m);
        self.mems.insert(m, a.clone());
        Operand::Mem(a)
    }

    fn alias(&mut self, n: &'a str) -> u32 {
        let ms = self.m.as_mut().unwrap();
        if let Some(&i) = ms.aliases.get(n) {
            return i;
        }
        ms.module.aliases.push(n.to_string());
        let i = ms.module.aliases.len() as u32;
        ms.aliases.insert(n, i);
        i
    }
}

/// Whether the byte at `p` is a comma or ends the statement (a newline,
/// CRLF, `;`, a comment or the end of the text).
#[inline]
fn ends_operand(src: &[u8], p: usize) -> bool {
    match src.get(p) {
        Some(b',' | b'\n' | b';' | b'#') | None => true,
        Some(b'\r') => src.get(p + 1) == Some(&b'\n'),
        Some(_) => false,
    }
}

/// The zero value of a result type (implicit `ret`, spec §2.11).
fn zero_of(t: Type) -> Operand {
    match t.class() {
        Class::Int => Operand::Int(0),
        Class::F => Operand::float(0.0),
        Class::D => Operand::double(0.0),
        Class::LD => Operand::ldouble(F80::from_f64(0.0)),
    }
}
