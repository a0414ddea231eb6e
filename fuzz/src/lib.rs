//! Shared checks and the token grammar of the mirage fuzz targets.
//!
//! [`check`] is the property every target asserts on its input:
//!
//! 1. `read_modules` (reader + verifier) never panics, on any bytes;
//! 2. every diagnostic it reports renders (with the source line) without
//!    panicking;
//! 3. when reading succeeds, the canonical text of the modules re-reads
//!    without error (verifier included) to modules whose canonical text is
//!    the same (positions differ, so texts are compared, not modules);
//! 4. the same holds for the reader alone (`verify: false`): the writer's
//!    contract is `read(write(m)) == m` for every module the reader produces.

use arbitrary::Arbitrary;
use mirage_ir::{read_modules, write_modules, Errors, Module, Opcode, ReadOptions, Type};

/// Runs every property of the module documentation on `data`.
pub fn check(data: &[u8]) {
    check_with(data, true);
    check_with(data, false);
}

fn opts(verify: bool) -> ReadOptions {
    ReadOptions {
        verify,
        ..ReadOptions::default()
    }
}

fn render_some(errors: &Errors, src: &[u8]) {
    for d in errors.0.iter().take(4) {
        let _ = d.render(Some(src));
    }
}

fn check_with(data: &[u8], verify: bool) {
    let mods = match read_modules(data, &opts(verify)) {
        Ok(m) => m,
        Err(e) => {
            assert!(!e.0.is_empty(), "read_modules failed with no diagnostic");
            render_some(&e, data);
            return;
        }
    };
    round_trip(&mods, verify);
}

/// Writes `mods`, reads the text back and compares canonical texts.
pub fn round_trip(mods: &[Module], verify: bool) {
    let text = write_modules(mods);
    let again = match read_modules(text.as_bytes(), &opts(verify)) {
        Ok(m) => m,
        Err(e) => {
            let mut msg = String::new();
            for d in e.0.iter().take(5) {
                msg.push_str(&d.render(Some(text.as_bytes())));
            }
            panic!(
                "written text does not re-read (verify: {verify}):\n{msg}\n--- text ---\n{text}"
            );
        }
    };
    let text2 = write_modules(&again);
    if text != text2 {
        panic!(
            "round trip changed the modules (verify: {verify})\n--- first ---\n{text}\n--- second ---\n{text2}"
        );
    }
}

// ---------------------------------------------------------------------------
// Structured input: a token sequence rendered as MIR text
// ---------------------------------------------------------------------------

/// Directives and other words of the language that are not types or
/// opcodes, plus special float names and near-misses.
#[rustfmt::skip]
const KEYWORDS: &[&str] = &[
    "module", "endmodule", "func", "endfunc", "proto", "import", "export", "forward", "bss",
    "ref", "lref", "expr", "string", "local", "global", "...", "inf", "nan", "inff", "nanf",
    "infl", "nanL", "blk", "blk01", "blk5", "rax", "rbx", "r12", "xmm0", "hr0", "fp", "sp",
];

/// Names a program may declare: items, labels, variables, aliases.
#[rustfmt::skip]
const NAMES: &[&str] = &[
    "m", "m2", "main", "f", "g", "p1", "p2", "a", "b", "c", "i", "n", "r", "x", "y", "z", "w",
    "L1", "L2", "L3", "tab", "printf", "malloc", "abort", "exit", "memcpy", "al", "na", "_",
    "i64", "ret",
];

/// Variables of the prelude function (`a`, `b` parameters; the rest locals)
/// and a few undeclared ones.
#[rustfmt::skip]
const VARS: &[&str] = &["a", "b", "x", "y", "z", "w", "v", "c", "fp"];

/// Items a program may name in operands: the prelude function and proto,
/// imports, data.
#[rustfmt::skip]
const ITEMS: &[&str] = &["f", "g", "p1", "p2", "printf", "tab", "d", "m"];

/// Labels.
#[rustfmt::skip]
const LABELS: &[&str] = &["L1", "L2", "L3", "L4", "a", "f"];

/// Interesting integers for operands, sizes, displacements and scales.
#[rustfmt::skip]
const INTS: &[&str] = &[
    "0", "1", "-1", "2", "4", "8", "16", "255", "256", "0x7fffffff", "0x80000000",
    "4294967295", "4294967296", "9223372036854775807", "-9223372036854775808",
    "18446744073709551615", "0xffffffffffffffff", "07", "0b101", "1_000",
];

/// Interesting reals, in every suffix.
#[rustfmt::skip]
const REALS: &[&str] = &[
    "0.0", "-0.0", "1.5", "1e308", "1e-320", "2.5f", "-1e39f", "1.5L", "1e4932L", "1e-4950l",
    "-inf", "+inf", "-nan", "+nanf", "-infL", "3.4028235e38f", "0x1p3", "1.", ".5", "inf",
    "nanf",
];

#[rustfmt::skip]
const STRINGS: &[&str] = &[
    "\"\"", "\"a\"", "\"%d\\n\"", "\"\\0\"", "\"\\x41\\101\\q\"", "\"a\\\"b\"", "\"\\\n\"",
];

#[rustfmt::skip]
const PUNCT: &[&str] = &[",", ":", "(", ")", ";", "#c", "\n", "\r\n", "::"];

/// One operand of a generated instruction.
#[derive(Arbitrary, Debug, Clone)]
pub enum Opnd {
    Var(u8),
    Int(u8),
    RawInt(i64),
    Real(u8),
    Item(u8),
    Label(u8),
    Str(u8),
    /// `type:disp(base, index, scale)` in one of several forms.
    Mem(u8, u8, u8, u8),
}

/// One token, or one whole line, of generated text.
#[derive(Arbitrary, Debug, Clone)]
pub enum Token {
    Keyword(u8),
    Type(u8),
    Opcode(u16),
    Name(u8),
    /// A fresh name `n<k>` (small k), for many distinct labels/variables.
    Fresh(u8),
    Int(u8),
    /// A raw integer literal.
    RawInt(i64),
    Real(u8),
    /// A raw double, printed with Rust's shortest round-trip formatting.
    RawReal(f64),
    Str(u8),
    Punct(u8),
    /// `type:name`, a declaration or a parameter.
    Decl(u8, u8),
    /// A memory operand.
    Mem(u8, u8, u8, u8),
    /// A raw short ASCII word (anything printable).
    Raw(u8, u8),
    /// A whole instruction line: `[label:] mnemonic op, op, …`.
    Insn(Option<u8>, u16, Vec<Opnd>),
    /// `local`/`global` with declarations.
    Locals(bool, Vec<(u8, u8)>),
    /// A `func` or `proto` header line: name, results, parameters, `...`.
    Header(bool, u8, Vec<u8>, Vec<(u8, u8)>, bool),
    /// `endfunc` on a line of its own.
    EndFunc,
    /// A data line: `[name:] type v, v, …`.
    Data(Option<u8>, u8, Vec<Opnd>),
    /// `import`/`export`/`forward` (0..3) or `bss`/`ref`/`lref`/`expr`/
    /// `string` (3..8) with operands.
    Directive(u8, Option<u8>, Vec<Opnd>),
}

/// A whole generated input.
#[derive(Arbitrary, Debug)]
pub struct Program {
    /// Start with a module header (so most inputs reach functions).
    pub module_header: bool,
    /// Start a function after the header.
    pub func_header: bool,
    pub tokens: Vec<Token>,
    /// Close the open function and module at the end.
    pub close: bool,
}

fn pick<'a>(list: &[&'a str], i: impl Into<usize>) -> &'a str {
    list[i.into() % list.len()]
}

fn type_name(i: u8) -> &'static str {
    Type::ALL[i as usize % Type::ALL.len()].name()
}

fn mem(out: &mut String, t: u8, form: u8, a: u8, b: u8) {
    use std::fmt::Write as _;
    let ty = type_name(t);
    let base = pick(VARS, a);
    let index = pick(VARS, b);
    let disp = pick(INTS, a ^ b);
    let _ = match form % 10 {
        0 => write!(out, "{ty}:{disp}"),
        1 => write!(out, "{ty}:({base})"),
        2 => write!(out, "{ty}:{disp}({base})"),
        3 => write!(out, "{ty}:({base}, {index})"),
        4 => write!(out, "{ty}:{disp}({base}, {index}, {})", pick(INTS, b)),
        5 => write!(out, "{ty}:(, {index}, 8)"),
        6 => write!(out, "{ty}:({base}):{}", pick(NAMES, b)),
        7 => write!(out, "{ty}:({base})::{}", pick(NAMES, b)),
        8 => write!(out, "{ty}:({base}):{}:{}", pick(NAMES, a), pick(NAMES, b)),
        _ => write!(out, "{ty}:{disp}({base}, {index}, 4)"),
    };
}

impl Opnd {
    fn render(&self, out: &mut String) {
        use std::fmt::Write as _;
        match *self {
            Opnd::Var(i) => out.push_str(pick(VARS, i)),
            Opnd::Int(i) => out.push_str(pick(INTS, i)),
            Opnd::RawInt(v) => {
                let _ = write!(out, "{v}");
            }
            Opnd::Real(i) => out.push_str(pick(REALS, i)),
            Opnd::Item(i) => out.push_str(pick(ITEMS, i)),
            Opnd::Label(i) => out.push_str(pick(LABELS, i)),
            Opnd::Str(i) => out.push_str(pick(STRINGS, i)),
            Opnd::Mem(t, f, a, b) => mem(out, t, f, a, b),
        }
    }
}

fn list(out: &mut String, ops: &[Opnd]) {
    for (k, o) in ops.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        o.render(out);
    }
}

impl Token {
    /// Appends the token's text to `out`.
    pub fn render(&self, out: &mut String) {
        use std::fmt::Write as _;
        match self {
            Token::Keyword(i) => out.push_str(pick(KEYWORDS, *i)),
            Token::Type(i) => out.push_str(type_name(*i)),
            Token::Opcode(i) => {
                out.push_str(Opcode::ALL[*i as usize % Opcode::ALL.len()].name());
            }
            Token::Name(i) => out.push_str(pick(NAMES, *i)),
            Token::Fresh(i) => {
                let _ = write!(out, "n{}", i % 64);
            }
            Token::Int(i) => out.push_str(pick(INTS, *i)),
            Token::RawInt(v) => {
                let _ = write!(out, "{v}");
            }
            Token::Real(i) => out.push_str(pick(REALS, *i)),
            Token::RawReal(v) => {
                if v.is_finite() {
                    let _ = write!(out, "{v:?}");
                } else {
                    out.push_str("0.25");
                }
            }
            Token::Str(i) => out.push_str(pick(STRINGS, *i)),
            Token::Punct(i) => out.push_str(pick(PUNCT, *i)),
            Token::Decl(t, n) => {
                let _ = write!(out, "{}:{}", type_name(*t), pick(NAMES, *n));
            }
            Token::Mem(t, form, a, b) => mem(out, *t, *form, *a, *b),
            Token::Raw(a, b) => {
                out.push((b' ' + a % 95) as char);
                out.push((b' ' + b % 95) as char);
            }
            Token::Insn(label, op, ops) => {
                out.push('\n');
                if let Some(l) = label {
                    let _ = write!(out, "{}: ", pick(LABELS, *l));
                }
                out.push_str(Opcode::ALL[*op as usize % Opcode::ALL.len()].name());
                out.push(' ');
                list(out, ops);
                out.push('\n');
            }
            Token::Locals(global, decls) => {
                out.push_str(if *global { "\nglobal " } else { "\nlocal " });
                for (k, (t, n)) in decls.iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    let _ = write!(out, "{}:{}", type_name(*t), pick(VARS, *n));
                    if *global && n % 3 == 0 {
                        let _ = write!(out, ":{}", pick(KEYWORDS, *t));
                    }
                }
                out.push('\n');
            }
            Token::Header(is_func, name, results, params, vararg) => {
                let _ = write!(
                    out,
                    "\n{}: {}",
                    pick(ITEMS, *name),
                    if *is_func { "func" } else { "proto" }
                );
                let mut sep = " ";
                for r in results {
                    let _ = write!(out, "{sep}{}", type_name(*r));
                    sep = ", ";
                }
                for (t, n) in params {
                    let ty = type_name(*t);
                    if Type::ALL[*t as usize % Type::ALL.len()].is_block() {
                        let _ = write!(out, "{sep}{ty}:{}({})", pick(INTS, *n), pick(VARS, *n));
                    } else {
                        let _ = write!(out, "{sep}{ty}:{}", pick(VARS, *n));
                    }
                    sep = ", ";
                }
                if *vararg {
                    let _ = write!(out, "{sep}...");
                }
                out.push('\n');
            }
            Token::EndFunc => out.push_str("\nendfunc\n"),
            Token::Data(name, t, ops) => {
                out.push('\n');
                if let Some(n) = name {
                    let _ = write!(out, "{}: ", pick(ITEMS, *n));
                }
                out.push_str(type_name(*t));
                out.push(' ');
                list(out, ops);
                out.push('\n');
            }
            Token::Directive(kw, name, ops) => {
                out.push('\n');
                if let Some(n) = name {
                    let _ = write!(out, "{}: ", pick(ITEMS, *n));
                }
                let kws = [
                    "import", "export", "forward", "bss", "ref", "lref", "expr", "string",
                ];
                out.push_str(kws[*kw as usize % kws.len()]);
                out.push(' ');
                list(out, ops);
                out.push('\n');
            }
        }
    }
}

impl Program {
    /// The MIR text of the program.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if self.module_header {
            out.push_str("m: module\nimport printf\np1: proto i64, i64:a, p:b\n");
            out.push_str("p2: proto i32, p:b, ...\ntab: i64 1, 2, 3\n");
            if self.func_header {
                out.push_str("f: func i64, i64:a, p:b\nlocal i64:x, d:y, f:z, ld:w\n");
            }
        }
        let mut prev_sep = true;
        for t in &self.tokens {
            let (is_sep, is_punct) = match t {
                Token::Punct(i) => (
                    matches!(PUNCT[*i as usize % PUNCT.len()], "\n" | "\r\n" | ";" | "#c"),
                    true,
                ),
                Token::Insn(..)
                | Token::Locals(..)
                | Token::Header(..)
                | Token::EndFunc
                | Token::Data(..)
                | Token::Directive(..) => (true, true),
                _ => (false, false),
            };
            if !prev_sep && !is_punct {
                out.push(' ');
            }
            t.render(&mut out);
            if let Token::Punct(i) = t {
                if PUNCT[*i as usize % PUNCT.len()] == "#c" {
                    out.push('\n');
                }
            }
            prev_sep = is_sep;
        }
        if self.close {
            out.push('\n');
            if self.module_header && self.func_header {
                out.push_str("endfunc\n");
            }
            if self.module_header {
                out.push_str("endmodule\n");
            }
        }
        out
    }
}
