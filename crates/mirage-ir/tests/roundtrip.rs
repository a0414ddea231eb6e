//! Round trips between the writer and the reader.
//!
//! * Random valid modules, built through [`ModuleBuilder`] by a small
//!   deterministic generator, must survive `read(write(m)) == m` (source
//!   positions aside) and writing must be idempotent. The generator covers
//!   every textual opcode, every operand form, every type and every kind of
//!   item. It builds modules in the reader's canonical form (labels numbered
//!   by first mention, aliases interned in text order, references resolved
//!   the way the reader resolves names) so that equality is exact.
//!   `MIRAGE_ROUNDTRIP_CASES` (default 256) and `MIRAGE_ROUNDTRIP_SEED`
//!   reproduce or widen a run; a failure names its seed.
//! * Every `.mir` file of the repository (and a few texts embedded here that
//!   exercise the lexical variety the writer must normalise) is read,
//!   written, read again and compared.
//! * An ignored test measures the writer's throughput:
//!   `cargo test --release -p mirage-ir --test roundtrip -- --ignored --nocapture`.

use mirage_ir::builder::{FuncBuilder, ModuleBuilder};
use mirage_ir::opcode::Spec;
use mirage_ir::{
    read_modules, verify_module, write_module, write_modules, Class, Family, ItemId, ItemKind,
    LabelId, Mem, Module, Opcode, Operand, Param, Proto, ReadOptions, Type, VarId, F80,
};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Comparison helpers
// ---------------------------------------------------------------------------

/// Forgets where things came from, which the text cannot carry.
fn clear_positions(m: &mut Module) {
    m.pos = Default::default();
    m.source = None;
    for it in &mut m.items {
        it.pos = Default::default();
        if let ItemKind::Func(f) = &mut it.kind {
            f.end_pos = Default::default();
            for k in 0..f.num_insns() {
                f.set_pos(k, Default::default());
            }
        }
    }
}

/// Reads without the verifier: the round trip is about the text form.
fn read(text: &str) -> Result<Vec<Module>, String> {
    let opts = ReadOptions {
        verify: false,
        ..ReadOptions::default()
    };
    read_modules(text.as_bytes(), &opts).map_err(|e| {
        let mut msg = String::new();
        for d in e.0.iter().take(5) {
            let line = text
                .lines()
                .nth((d.pos.line as usize).saturating_sub(1))
                .unwrap_or("");
            msg.push_str(&format!("  {d}\n    | {line}\n"));
        }
        msg
    })
}

/// Where two module lists first differ, in words.
fn first_difference(a: &[Module], b: &[Module]) -> String {
    if a.len() != b.len() {
        return format!("{} modules vs {}", a.len(), b.len());
    }
    for (x, y) in a.iter().zip(b) {
        if x.name != y.name {
            return format!("module name {:?} vs {:?}", x.name, y.name);
        }
        if x.aliases != y.aliases {
            return format!("aliases {:?} vs {:?}", x.aliases, y.aliases);
        }
        if x.items.len() != y.items.len() {
            return format!(
                "module {}: {} items vs {}",
                x.name,
                x.items.len(),
                y.items.len()
            );
        }
        for (i, (p, q)) in x.items.iter().zip(&y.items).enumerate() {
            if p == q {
                continue;
            }
            if let (ItemKind::Func(f), ItemKind::Func(g)) = (&p.kind, &q.kind) {
                if f.vars != g.vars {
                    return format!("item {i}: vars\n{:?}\nvs\n{:?}", f.vars, g.vars);
                }
                if f.labels != g.labels {
                    return format!("item {i}: labels\n{:?}\nvs\n{:?}", f.labels, g.labels);
                }
                for (k, (s, t)) in f.insns().zip(g.insns()).enumerate() {
                    if s != t {
                        return format!("item {i}, insn {k}:\n{s:?}\nvs\n{t:?}");
                    }
                }
            }
            let mut s = format!("item {i}:\n{p:?}\nvs\n{q:?}");
            s.truncate(3000);
            return s;
        }
    }
    "no difference".into()
}

/// Writes `ms`, reads the text back, and checks equality and idempotence.
fn check_round_trip(ms: &[Module]) -> Result<String, String> {
    let mut want: Vec<Module> = ms.to_vec();
    want.iter_mut().for_each(clear_positions);
    let text = write_modules(&want);
    let mut back = read(&text).map_err(|e| format!("written text does not read back:\n{e}"))?;
    back.iter_mut().for_each(clear_positions);
    if back != want {
        return Err(format!(
            "read(write(m)) != m: {}\n--- text ---\n{}",
            first_difference(&want, &back),
            head(&text)
        ));
    }
    let again = write_modules(&back);
    if again != text {
        let line = text
            .lines()
            .zip(again.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        return Err(format!(
            "writing is not idempotent at line {}:\n{:?}\nvs\n{:?}",
            line + 1,
            text.lines().nth(line),
            again.lines().nth(line)
        ));
    }
    Ok(text)
}

fn head(text: &str) -> String {
    text.lines().take(400).collect::<Vec<_>>().join("\n")
}

// ---------------------------------------------------------------------------
// A deterministic random module generator
// ---------------------------------------------------------------------------

/// xorshift64*, seeded through splitmix64.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

const INT_MEM_TYPES: [Type; 9] = [
    Type::I8,
    Type::U8,
    Type::I16,
    Type::U16,
    Type::I32,
    Type::U32,
    Type::I64,
    Type::U64,
    Type::P,
];
const SCALAR_TYPES: [Type; 12] = [
    Type::I8,
    Type::U8,
    Type::I16,
    Type::U16,
    Type::I32,
    Type::U32,
    Type::I64,
    Type::U64,
    Type::F,
    Type::D,
    Type::LD,
    Type::P,
];
const BLOCK_TYPES: [Type; 6] = [
    Type::Blk0,
    Type::Blk1,
    Type::Blk2,
    Type::Blk3,
    Type::Blk4,
    Type::RBlk,
];
const CLASSES: [Class; 4] = [Class::Int, Class::F, Class::D, Class::LD];
const INT_HARD_REGS: [&str; 7] = ["rbx", "r12", "r13", "r14", "r15", "rsi", "r8"];
const FP_HARD_REGS: [&str; 6] = ["xmm2", "xmm3", "xmm4", "xmm10", "xmm11", "xmm15"];
/// Odd but legal variable names (keywords are not reserved).
const ODD_VAR_NAMES: [&str; 10] = [
    "mov", "local", "func", "ret", "i64", "d", "blk", "ld", "endfunc", "t1",
];
/// Odd but legal label names.
const ODD_LABEL_NAMES: [&str; 6] = ["double", "loop", "i32", "module", "$l", "%.l_"];

fn class_index(c: Class) -> usize {
    match c {
        Class::Int => 0,
        Class::F => 1,
        Class::D => 2,
        Class::LD => 3,
    }
}

/// What a name in the module's item table stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Func,
    Proto,
    Import,
    Data,
    /// `export`/`forward`: a definition of the same name takes the name over.
    Decl,
}

/// Module-level generator state, mirroring what the reader knows.
struct Gen {
    rng: Rng,
    /// The reader's item name table: name → item the name resolves to.
    names: HashMap<String, (ItemId, NameKind)>,
    /// Names in declaration order (for deterministic picks).
    name_list: Vec<String>,
    protos: Vec<(String, Proto)>,
    aliases: Vec<String>,
    used_labels: HashSet<String>,
    uniq: usize,
    /// Functions of the plan not yet defined: (name, signature).
    planned: Vec<(String, Proto)>,
}

/// What kind of body a function gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    Normal,
    /// Zero results; ends with `jret`, contains no `ret`.
    Jret,
    /// For `expr`: no memory operands, no calls.
    Pure,
}

/// Per-function generator state.
struct FnState {
    by_class: [Vec<VarId>; 4],
    all: Vec<VarId>,
    placed: Vec<LabelId>,
    pending: Vec<LabelId>,
    vararg: bool,
    results: Vec<Type>,
    /// Ends with `jret` and contains no `ret`.
    jret: bool,
    /// Restricted body for `expr` functions: no memory, no calls.
    pure: bool,
    used_regs: HashSet<&'static str>,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng::new(seed),
            names: HashMap::new(),
            name_list: Vec::new(),
            protos: Vec::new(),
            aliases: Vec::new(),
            used_labels: HashSet::new(),
            uniq: 0,
            planned: Vec::new(),
        }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.uniq += 1;
        let style = self.rng.below(6);
        match style {
            0 => format!("{prefix}{}", self.uniq),
            1 => format!("${prefix}{}", self.uniq),
            2 => format!("%{prefix}_{}", self.uniq),
            3 => format!(".{prefix}.{}", self.uniq),
            4 => format!("_{prefix}{}", self.uniq),
            _ => format!("{prefix}{}x$%._9", self.uniq),
        }
    }

    /// Records an item the way the reader's `add_item` does.
    fn declare(&mut self, name: &str, id: ItemId, kind: NameKind) {
        match self.names.get(name) {
            None => {
                self.names.insert(name.to_string(), (id, kind));
                self.name_list.push(name.to_string());
            }
            Some(&(_, NameKind::Decl)) if matches!(kind, NameKind::Func | NameKind::Data) => {
                self.names.insert(name.to_string(), (id, kind));
            }
            Some(_) => {}
        }
    }

    // ---- values ------------------------------------------------------------

    fn int(&mut self) -> i64 {
        match self.rng.below(8) {
            0 => i64::MIN,
            1 => i64::MAX,
            2 => self.rng.next() as i64,
            3 => -(self.rng.below(1000) as i64),
            4 => 1i64 << self.rng.below(63),
            5 => -1,
            _ => self.rng.below(100) as i64,
        }
    }

    fn f32_bits(&mut self) -> u32 {
        match self.rng.below(4) {
            0 => self.rng.pick(&[
                0u32,
                0x8000_0000,
                f32::INFINITY.to_bits(),
                f32::NEG_INFINITY.to_bits(),
                f32::NAN.to_bits(),
                (-f32::NAN).to_bits(),
                1.0f32.to_bits(),
                f32::MAX.to_bits(),
                f32::MIN_POSITIVE.to_bits(),
                1,
                0x8000_0001,
            ]),
            1 => (self.rng.below(2000) as f32 / 8.0 - 100.0).to_bits(),
            _ => {
                let b = self.rng.next() as u32;
                if f32::from_bits(b).is_nan() {
                    f32::NAN.to_bits()
                } else {
                    b
                }
            }
        }
    }

    fn f64_bits(&mut self) -> u64 {
        match self.rng.below(4) {
            0 => self.rng.pick(&[
                0u64,
                0x8000_0000_0000_0000,
                f64::INFINITY.to_bits(),
                f64::NEG_INFINITY.to_bits(),
                f64::NAN.to_bits(),
                (-f64::NAN).to_bits(),
                1.0f64.to_bits(),
                f64::MAX.to_bits(),
                f64::MIN_POSITIVE.to_bits(),
                1,
                0.1f64.to_bits(),
            ]),
            1 => (self.rng.below(2000) as f64 / 8.0 - 100.0).to_bits(),
            _ => {
                let b = self.rng.next();
                if f64::from_bits(b).is_nan() {
                    f64::NAN.to_bits()
                } else {
                    b
                }
            }
        }
    }

    /// A valid (canonically encoded) x87 extended value.
    fn f80(&mut self) -> F80 {
        let sign = if self.rng.one_in(2) { 0x8000u16 } else { 0 };
        match self.rng.below(12) {
            0 => self.rng.pick(&[
                F80::ZERO,
                F80::ONE,
                F80::INFINITY,
                F80::NEG_INFINITY,
                F80::NAN,
                F80::NAN.neg(),
                F80::MAX,
                F80::MIN_POSITIVE_SUBNORMAL,
                F80::ZERO.neg(),
            ]),
            1 => F80 {
                // Subnormal: exponent field 0, integer bit clear.
                mantissa: self.rng.next() >> 1,
                sign_exp: sign,
            },
            2 => F80::from_f64(f64::from_bits(self.f64_bits())),
            // Any exponent (decimal conversion of extreme exponents is slow,
            // so these are the minority).
            3 => F80 {
                mantissa: self.rng.next() | (1 << 63),
                sign_exp: sign | (1 + self.rng.below(0x7FFD) as u16),
            },
            _ => F80 {
                mantissa: self.rng.next() | (1 << 63),
                sign_exp: sign | (16383 - 200 + self.rng.below(400) as u16),
            },
        }
    }

    fn bytes(&mut self) -> Vec<u8> {
        let n = self.rng.below(12);
        (0..n)
            .map(|_| match self.rng.below(5) {
                0 => self
                    .rng
                    .pick(&[0u8, b'"', b'\\', b'\n', b'\t', 0x7f, 0xff, b'#', b';']),
                1 => self.rng.next() as u8,
                _ => b' ' + self.rng.below(95) as u8,
            })
            .collect()
    }

    /// A string after the lexer's NUL rule.
    fn string(&mut self) -> Vec<u8> {
        let mut b = self.bytes();
        if b.last().is_some_and(|&c| c != 0) {
            b.push(0);
        }
        b
    }

    fn alias(&mut self) -> u32 {
        let name = match self.rng.below(3) {
            0 => "al".to_string(),
            1 => format!("a{}", self.rng.below(4)),
            _ => format!("%n.{}", self.rng.below(3)),
        };
        match self.aliases.iter().position(|a| *a == name) {
            Some(i) => i as u32 + 1,
            None => {
                self.aliases.push(name);
                self.aliases.len() as u32
            }
        }
    }

    /// A name that may stand for a value (anything but a prototype).
    fn value_ref(&mut self) -> Option<Operand> {
        let candidates: Vec<ItemId> = self
            .name_list
            .iter()
            .map(|n| self.names[n])
            .filter(|&(_, k)| k != NameKind::Proto)
            .map(|(id, _)| id)
            .collect();
        if candidates.is_empty() {
            None
        } else {
            Some(Operand::Ref(self.rng.pick(&candidates)))
        }
    }

    fn callee_ref(&mut self) -> Option<Operand> {
        let candidates: Vec<ItemId> = self
            .name_list
            .iter()
            .map(|n| self.names[n])
            .filter(|&(_, k)| matches!(k, NameKind::Func | NameKind::Import | NameKind::Decl))
            .map(|(id, _)| id)
            .collect();
        if candidates.is_empty() {
            None
        } else {
            Some(Operand::Ref(self.rng.pick(&candidates)))
        }
    }

    // ---- signatures --------------------------------------------------------

    fn sig(&mut self, for_func: bool) -> Proto {
        let nres = self.rng.below(3);
        let results = (0..nres).map(|_| self.rng.pick(&SCALAR_TYPES)).collect();
        let nparams = self.rng.below(6);
        let same_names = !for_func && self.rng.one_in(4);
        let params: Vec<Param> = (0..nparams)
            .map(|i| {
                let name = if same_names {
                    "a".to_string()
                } else {
                    self.var_name(i)
                };
                if self.rng.one_in(4) {
                    Param {
                        name,
                        ty: self.rng.pick(&BLOCK_TYPES),
                        size: self.rng.pick(&[1u32, 8, 16, 24, 100, u32::MAX]),
                    }
                } else {
                    Param {
                        name,
                        ty: self.rng.pick(&SCALAR_TYPES),
                        size: 0,
                    }
                }
            })
            .collect();
        let vararg = (!for_func || !params.is_empty()) && self.rng.one_in(3);
        Proto {
            results,
            params,
            vararg,
        }
    }

    fn var_name(&mut self, i: usize) -> String {
        if self.rng.one_in(6) {
            // Keep odd names unique within a function by suffixing the index
            // only when they could repeat.
            let n = self.rng.pick(&ODD_VAR_NAMES);
            return format!("{n}{}", if i == 0 { String::new() } else { i.to_string() });
        }
        match self.rng.below(5) {
            0 => format!("v{i}"),
            1 => format!("%v{i}"),
            2 => format!("$v{i}"),
            3 => format!("_v.{i}"),
            _ => format!("v{i}_x"),
        }
    }

    // ---- module --------------------------------------------------------------

    fn module(&mut self) -> Module {
        self.names.clear();
        self.name_list.clear();
        self.protos.clear();
        self.aliases.clear();
        self.planned.clear();
        let name = self.fresh("m");
        let mut mb = ModuleBuilder::new(name);
        let nfuncs = self.rng.range(1, 4);
        for _ in 0..nfuncs {
            let name = self.fresh("F");
            let sig = self.sig(true);
            self.planned.push((name, sig));
        }
        // Items named like special reals make the writer sign them (`+inf`).
        if self.rng.one_in(16) {
            let name = self.rng.pick(&["nanf", "infL", "nanL"]);
            let id = mb.bss(Some(name), 8);
            self.declare(name, id, NameKind::Data);
        }
        // A prototype with no arguments and no results, for jcall.
        if self.rng.one_in(2) {
            let name = self.fresh("P");
            let id = mb.proto_with(&name, Proto::default());
            self.declare(&name, id, NameKind::Proto);
            self.protos.push((name, Proto::default()));
        }
        while !self.planned.is_empty() {
            match self.rng.below(12) {
                0 => {
                    let name = self.fresh("I");
                    let id = mb.import(&name);
                    self.declare(&name, id, NameKind::Import);
                }
                1 | 2 => {
                    let name = self.fresh("P");
                    let sig = self.sig(false);
                    let id = mb.proto_with(&name, sig.clone());
                    self.declare(&name, id, NameKind::Proto);
                    self.protos.push((name, sig));
                }
                3 => {
                    // Declare a planned function before its definition.
                    let k = self.rng.below(self.planned.len());
                    let name = self.planned[k].0.clone();
                    let id = if self.rng.one_in(2) {
                        mb.forward(&name)
                    } else {
                        mb.export(&name)
                    };
                    self.declare(&name, id, NameKind::Decl);
                }
                4..=6 => self.data_item(&mut mb),
                7 => self.expr_item(&mut mb),
                _ => {
                    let k = self.rng.below(self.planned.len());
                    let (name, sig) = self.planned.remove(k);
                    let id = self.function(&mut mb, &name, sig, Body::Normal);
                    if self.rng.one_in(3) {
                        let e = mb.export(&name);
                        self.declare(&name, e, NameKind::Decl);
                    }
                    self.lref_items(&mut mb, id);
                }
            }
        }
        if self.rng.one_in(3) {
            let name = self.fresh("J");
            self.function(&mut mb, &name, Proto::default(), Body::Jret);
        }
        for _ in 0..self.rng.below(3) {
            self.data_item(&mut mb);
        }
        let mut m = mb.finish_unverified();
        m.aliases = std::mem::take(&mut self.aliases);
        m
    }

    fn data_item(&mut self, mb: &mut ModuleBuilder) {
        let name = if self.rng.one_in(2) {
            Some(self.fresh("D"))
        } else {
            None
        };
        let n = name.as_deref();
        let id = match self.rng.below(8) {
            0 => {
                let s = self.bytes();
                mb.string(n, &s)
            }
            1 => {
                let size = self.rng.pick(&[0u64, 1, 7, 4096, u32::MAX as u64 + 1]);
                mb.bss(n, size)
            }
            2 => match self.value_ref() {
                Some(Operand::Ref(t)) => {
                    let disp = self.int();
                    mb.reference(n, t, disp)
                }
                _ => mb.bss(n, 8),
            },
            _ => {
                let ty = self.rng.pick(&SCALAR_TYPES[..11]);
                let count = self.rng.below(5);
                let mut bytes = Vec::new();
                for _ in 0..count {
                    match ty {
                        Type::F => bytes.extend(self.f32_bits().to_le_bytes()),
                        Type::D => bytes.extend(self.f64_bits().to_le_bytes()),
                        Type::LD => {
                            bytes.extend(self.f80().to_le_bytes());
                            bytes.extend([0u8; 6]);
                        }
                        _ => bytes.extend(&self.int().to_le_bytes()[..ty.size() as usize]),
                    }
                }
                mb.data(n, ty, bytes)
            }
        };
        if let Some(name) = name {
            self.declare(&name, id, NameKind::Data);
        }
    }

    /// An `expr` function (no args, one result, no calls or memory) and the
    /// `expr` item that evaluates it.
    fn expr_item(&mut self, mb: &mut ModuleBuilder) {
        let fname = self.fresh("X");
        let ty = self.rng.pick(&SCALAR_TYPES);
        let sig = Proto {
            results: vec![ty],
            params: vec![],
            vararg: false,
        };
        let fid = self.function(mb, &fname, sig, Body::Pure);
        let name = if self.rng.one_in(2) {
            Some(self.fresh("E"))
        } else {
            None
        };
        let id = mb.expr(name.as_deref(), fid);
        if let Some(name) = name {
            self.declare(&name, id, NameKind::Data);
        }
    }

    fn lref_items(&mut self, mb: &mut ModuleBuilder, fid: ItemId) {
        let labels = match &mb.module().items[fid.index()].kind {
            ItemKind::Func(f) => f.labels.len(),
            _ => 0,
        };
        if labels == 0 || !self.rng.one_in(2) {
            return;
        }
        for _ in 0..self.rng.range(1, 2) {
            let l = LabelId::new(self.rng.below(labels));
            let l2 = if self.rng.one_in(2) {
                Some(LabelId::new(self.rng.below(labels)))
            } else {
                None
            };
            let name = if self.rng.one_in(2) {
                Some(self.fresh("R"))
            } else {
                None
            };
            let disp = self.int();
            let id = mb.lref(name.as_deref(), fid, l, l2, disp);
            if let Some(name) = name {
                self.declare(&name, id, NameKind::Data);
            }
        }
    }

    // ---- functions ------------------------------------------------------------

    fn function(&mut self, mb: &mut ModuleBuilder, name: &str, sig: Proto, body: Body) -> ItemId {
        let pure = body == Body::Pure;
        let jret = body == Body::Jret;
        let vararg = sig.vararg;
        let results = sig.results.clone();
        let mut fb = mb.func_with(name, sig.clone());
        let id = fb.id();
        self.declare(name, id, NameKind::Func);
        let mut st = FnState {
            by_class: Default::default(),
            all: Vec::new(),
            placed: Vec::new(),
            pending: Vec::new(),
            vararg,
            results,
            jret,
            pure,
            used_regs: HashSet::new(),
        };
        for (i, p) in sig.params.iter().enumerate() {
            let v = fb.param(i);
            st.by_class[class_index(p.ty.class())].push(v);
            st.all.push(v);
        }
        // Variables: runs of locals and globals, at least one of each class.
        let nvars = self.rng.range(4, 14);
        for k in sig.params.len()..sig.params.len() + nvars {
            let class = match CLASSES.get(k - sig.params.len()) {
                Some(&c) => c,
                None => self.rng.pick(&CLASSES),
            };
            let ty = [Type::I64, Type::F, Type::D, Type::LD][class_index(class)];
            let vname = self.var_name(k);
            let global = class != Class::LD && self.rng.one_in(5);
            let v = if global {
                let regs: &[&'static str] = if class == Class::Int {
                    &INT_HARD_REGS
                } else {
                    &FP_HARD_REGS
                };
                let free: Vec<&'static str> = regs
                    .iter()
                    .copied()
                    .filter(|r| !st.used_regs.contains(r))
                    .collect();
                if free.is_empty() {
                    fb.local(&vname, ty)
                } else {
                    let r = self.rng.pick(&free);
                    st.used_regs.insert(r);
                    fb.global(&vname, ty, r)
                }
            } else {
                fb.local(&vname, ty)
            };
            st.by_class[class_index(class)].push(v);
            st.all.push(v);
        }
        if self.rng.one_in(8) {
            // A variable named like a special real: the writer signs them.
            let v = fb.local(self.rng.pick(&["inf", "nan", "inff"]), Type::D);
            st.by_class[class_index(Class::D)].push(v);
            st.all.push(v);
        }
        let ninsns = self.rng.below(40);
        for _ in 0..ninsns {
            if self.rng.one_in(5) {
                self.place_label(&mut fb, &mut st);
            }
            self.insn(&mut fb, &mut st);
        }
        // Every label mentioned must be defined before the final return.
        while let Some(l) = st.pending.pop() {
            fb.place(l);
            st.placed.push(l);
        }
        if jret {
            let op = self.value(&mut fb, &mut st, Class::Int);
            fb.emit(Opcode::JRet, [op]);
        } else {
            self.ret(&mut fb, &mut st);
        }
        fb.finish()
    }

    fn new_label(&mut self, fb: &mut FuncBuilder<'_>) -> LabelId {
        if self.rng.one_in(4) {
            let n = self.rng.pick(&ODD_LABEL_NAMES);
            if self.used_labels.insert(n.to_string()) {
                return fb.named_label(n);
            }
        }
        if self.rng.one_in(4) {
            // A label may share a name with a variable or an item.
            let n = format!("v{}", self.rng.below(8));
            if self.used_labels.insert(n.clone()) {
                return fb.named_label(&n);
            }
        }
        fb.new_label()
    }

    fn place_label(&mut self, fb: &mut FuncBuilder<'_>, st: &mut FnState) {
        let l = if !st.pending.is_empty() && self.rng.one_in(2) {
            let k = self.rng.below(st.pending.len());
            st.pending.remove(k)
        } else {
            self.new_label(fb)
        };
        fb.place(l);
        st.placed.push(l);
    }

    /// A label operand: backward, pending forward, or new forward.
    fn label(&mut self, fb: &mut FuncBuilder<'_>, st: &mut FnState) -> Operand {
        match self.rng.below(3) {
            0 if !st.placed.is_empty() => Operand::Label(self.rng.pick(&st.placed)),
            1 if !st.pending.is_empty() => Operand::Label(self.rng.pick(&st.pending)),
            _ => {
                let l = self.new_label(fb);
                st.pending.push(l);
                Operand::Label(l)
            }
        }
    }

    fn mem(&mut self, st: &FnState, ty: Type) -> Mem {
        let ints = &st.by_class[0];
        let disp = match self.rng.below(4) {
            0 => 0,
            1 => self.int(),
            _ => self.rng.below(64) as i64 - 16,
        };
        let mut m = match self.rng.below(4) {
            0 => Mem::new(ty, disp, None, None, 1),
            1 => Mem::new(ty, disp, Some(self.rng.pick(ints)), None, 1),
            2 => Mem::new(
                ty,
                disp,
                Some(self.rng.pick(ints)),
                Some(self.rng.pick(ints)),
                self.rng.pick(&[1u8, 2, 4, 8]),
            ),
            _ => Mem::new(
                ty,
                disp,
                None,
                Some(self.rng.pick(ints)),
                self.rng.pick(&[1u8, 2, 4, 8]),
            ),
        };
        match self.rng.below(5) {
            0 => m.alias = self.alias(),
            1 => {
                m.alias = self.alias();
                m.nonalias = self.alias();
            }
            2 => m.nonalias = self.alias(),
            _ => {}
        }
        m
    }

    fn mem_of_class(&mut self, st: &FnState, c: Class) -> Operand {
        let ty = match c {
            Class::Int => self.rng.pick(&INT_MEM_TYPES),
            Class::F => Type::F,
            Class::D => Type::D,
            Class::LD => Type::LD,
        };
        Operand::mem(self.mem(st, ty))
    }

    /// An input of class `c`.
    fn value(&mut self, _fb: &mut FuncBuilder<'_>, st: &mut FnState, c: Class) -> Operand {
        let vars = &st.by_class[class_index(c)];
        match self.rng.below(8) {
            0..=2 if !vars.is_empty() => Operand::Reg(self.rng.pick(vars)),
            3 if !st.pure => self.mem_of_class(st, c),
            4 if c == Class::Int => match self.value_ref() {
                Some(r) => r,
                None => Operand::Int(self.int()),
            },
            5 if c == Class::Int && self.rng.one_in(2) => Operand::Str(self.string().into()),
            _ => match c {
                Class::Int => Operand::Int(self.int()),
                Class::F => Operand::Float(self.f32_bits()),
                Class::D => Operand::Double(self.f64_bits()),
                Class::LD => Operand::ldouble(self.f80()),
            },
        }
    }

    /// An output of class `c`.
    fn output(&mut self, st: &mut FnState, c: Class) -> Operand {
        let vars = &st.by_class[class_index(c)];
        if st.pure || self.rng.below(4) != 0 {
            Operand::Reg(self.rng.pick(vars))
        } else {
            self.mem_of_class(st, c)
        }
    }

    fn spec_operand(&mut self, fb: &mut FuncBuilder<'_>, st: &mut FnState, s: Spec) -> Operand {
        match s {
            Spec::I => self.value(fb, st, Class::Int),
            Spec::F => self.value(fb, st, Class::F),
            Spec::D => self.value(fb, st, Class::D),
            Spec::LD => self.value(fb, st, Class::LD),
            Spec::OI => self.output(st, Class::Int),
            Spec::OF => self.output(st, Class::F),
            Spec::OD => self.output(st, Class::D),
            Spec::OLD => self.output(st, Class::LD),
            Spec::L => self.label(fb, st),
            Spec::R => Operand::Reg(self.rng.pick(&st.all)),
            Spec::M => {
                let ty = self.rng.pick(&SCALAR_TYPES);
                Operand::mem(self.mem(st, ty))
            }
            Spec::Loc => {
                if st.pure || self.rng.one_in(2) {
                    Operand::Reg(self.rng.pick(&st.all))
                } else {
                    let ty = self.rng.pick(&SCALAR_TYPES);
                    Operand::mem(self.mem(st, ty))
                }
            }
            Spec::Imm => Operand::Int(self.int()),
        }
    }

    fn emit_fixed(&mut self, fb: &mut FuncBuilder<'_>, st: &mut FnState, op: Opcode) {
        let ops = op
            .info()
            .operands
            .iter()
            .map(|&s| self.spec_operand(fb, st, s))
            .collect();
        fb.emit_vec(op, ops);
    }

    fn ret(&mut self, fb: &mut FuncBuilder<'_>, st: &mut FnState) {
        let results = st.results.clone();
        let ops = results
            .iter()
            .map(|t| self.value(fb, st, t.class()))
            .collect();
        fb.emit_vec(Opcode::Ret, ops);
    }

    fn insn(&mut self, fb: &mut FuncBuilder<'_>, st: &mut FnState) {
        loop {
            let op = self.rng.pick(Opcode::ALL);
            let fam = op.family();
            if fam.is_internal() {
                continue;
            }
            if st.pure
                && matches!(
                    fam,
                    Family::Call
                        | Family::Inline
                        | Family::JCall
                        | Family::VaArg
                        | Family::VaBlockArg
                        | Family::VaStart
                        | Family::VaEnd
                        | Family::Alloca
                        | Family::BStart
                        | Family::BEnd
                )
            {
                continue;
            }
            match fam {
                Family::BOvf { unsigned, .. } => {
                    let ovf: &[Opcode] = if unsigned {
                        &[
                            Opcode::AddO,
                            Opcode::AddOS,
                            Opcode::SubO,
                            Opcode::SubOS,
                            Opcode::UMulO,
                            Opcode::UMulOS,
                        ]
                    } else {
                        &[
                            Opcode::AddO,
                            Opcode::AddOS,
                            Opcode::SubO,
                            Opcode::SubOS,
                            Opcode::MulO,
                            Opcode::MulOS,
                        ]
                    };
                    let o = self.rng.pick(ovf);
                    self.emit_fixed(fb, st, o);
                    self.emit_fixed(fb, st, op);
                }
                Family::VaArg | Family::VaBlockArg | Family::VaStart | Family::VaEnd => {
                    if !st.vararg {
                        continue;
                    }
                    self.emit_fixed(fb, st, op);
                }
                Family::JRet => continue,
                Family::Jmpi => {
                    // A label address lives in a variable or in memory.
                    let target = self.output(st, Class::Int);
                    fb.emit(op, [target]);
                }
                Family::Ret => {
                    if st.jret {
                        continue;
                    }
                    self.ret(fb, st);
                }
                Family::Switch => {
                    let mut ops = vec![self.value(fb, st, Class::Int)];
                    for _ in 0..self.rng.range(1, 4) {
                        ops.push(self.label(fb, st));
                    }
                    fb.emit_vec(op, ops);
                }
                Family::Call | Family::Inline => {
                    if self.protos.is_empty() {
                        continue;
                    }
                    self.call(fb, st, op);
                }
                Family::JCall => {
                    let Some(k) = self
                        .protos
                        .iter()
                        .position(|(_, p)| p.params.is_empty() && p.results.is_empty())
                    else {
                        continue;
                    };
                    let proto = self.names[&self.protos[k].0].0;
                    let target = match self.callee_ref() {
                        Some(r) if self.rng.one_in(2) => r,
                        _ => Operand::Reg(self.rng.pick(&st.by_class[0])),
                    };
                    fb.emit_vec(op, vec![Operand::Ref(proto), target]);
                }
                _ => {
                    if st.pure && op.info().operands.contains(&Spec::M) {
                        continue;
                    }
                    self.emit_fixed(fb, st, op);
                }
            }
            return;
        }
    }

    fn call(&mut self, fb: &mut FuncBuilder<'_>, st: &mut FnState, op: Opcode) {
        let k = self.rng.below(self.protos.len());
        let (pname, proto) = self.protos[k].clone();
        let mut ops = vec![Operand::Ref(self.names[&pname].0)];
        ops.push(match self.callee_ref() {
            Some(r) if self.rng.below(3) != 0 => r,
            _ => self.value(fb, st, Class::Int),
        });
        for t in &proto.results {
            ops.push(self.output(st, t.class()));
        }
        for p in &proto.params {
            if p.ty.is_block() {
                let base = self.rng.pick(&st.by_class[0]);
                ops.push(Operand::mem(Mem::new(
                    p.ty,
                    p.size as i64,
                    Some(base),
                    None,
                    1,
                )));
            } else {
                ops.push(self.value(fb, st, p.ty.class()));
            }
        }
        if proto.vararg {
            for _ in 0..self.rng.below(4) {
                let c = self.rng.pick(&[Class::Int, Class::D, Class::LD]);
                if self.rng.one_in(4) {
                    let ty = self.rng.pick(&BLOCK_TYPES[..5]);
                    let base = self.rng.pick(&st.by_class[0]);
                    let size = self.rng.below(40) as i64;
                    ops.push(Operand::mem(Mem::new(ty, size, Some(base), None, 1)));
                } else {
                    ops.push(self.value(fb, st, c));
                }
            }
        }
        fb.emit_vec(op, ops);
    }
}

/// How many random cases to run, and from which seed.
fn cases() -> (u64, u64) {
    let n = std::env::var("MIRAGE_ROUNDTRIP_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    let seed = std::env::var("MIRAGE_ROUNDTRIP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (seed, n)
}

#[test]
fn random_modules_round_trip() {
    let (seed0, n) = cases();
    let mut failures = Vec::new();
    let mut bytes = 0;
    for seed in seed0..seed0 + n {
        let mut g = Gen::new(seed);
        // One or two modules per text.
        let ms: Vec<Module> = (0..1 + (seed % 2)).map(|_| g.module()).collect();
        match check_round_trip(&ms) {
            Ok(text) => bytes += text.len(),
            Err(e) => {
                failures.push(format!("seed {seed}: {e}"));
                if failures.len() >= 3 {
                    break;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s) (rerun one with MIRAGE_ROUNDTRIP_SEED=<seed> MIRAGE_ROUNDTRIP_CASES=1):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(bytes > 0);
}

#[test]
fn random_modules_are_valid() {
    let (seed0, n) = cases();
    for seed in seed0..seed0 + n {
        let m = Gen::new(seed).module();
        if let Err(e) = verify_module(&m) {
            panic!(
                "seed {seed}: the generator made an invalid module: {e}\n{}",
                head(&write_module(&m))
            );
        }
    }
}

/// The generator reaches every textual opcode (so a new opcode cannot be
/// left out of the round trip silently).
#[test]
fn random_modules_cover_every_opcode() {
    let mut seen = HashSet::new();
    let mut ld_data = false;
    for seed in 0..256 {
        let m = Gen::new(seed).module();
        for it in &m.items {
            match &it.kind {
                ItemKind::Func(f) => seen.extend(f.insns().map(|i| i.op)),
                ItemKind::Data { ty: Type::LD, .. } => ld_data = true,
                _ => {}
            }
        }
    }
    let missing: Vec<Opcode> = Opcode::ALL
        .iter()
        .copied()
        .filter(|op| !op.family().is_internal() && !seen.contains(op))
        .collect();
    assert!(missing.is_empty(), "never generated: {missing:?}");
    assert!(ld_data);
}

// ---------------------------------------------------------------------------
// Anonymous items referred to by name
// ---------------------------------------------------------------------------

#[test]
fn references_to_anonymous_items_get_generated_names() {
    let mut mb = ModuleBuilder::new("m");
    let anon = mb.bss(None, 8);
    mb.reference(Some("r"), anon, 4);
    let mut f = mb.func("f", &[Type::I64], &[], false);
    f.emit(Opcode::Ret, [anon.into()]);
    f.finish();
    let m = mb.finish_unverified();
    let text = write_module(&m);
    assert!(text.contains(".anon0:\tbss\t8\n"), "{text}");
    assert!(text.contains("r:\tref\t.anon0, 4\n"), "{text}");
    assert!(text.contains("\tret\t.anon0\n"), "{text}");
    // The text reads back to the same module with the item named, and that
    // module round-trips exactly.
    let mut back = read(&text).expect("reads");
    let mut named = m.clone();
    named.items[0].name = Some(".anon0".into());
    back.iter_mut().for_each(clear_positions);
    assert_eq!(back, vec![named]);
    check_round_trip(&back).unwrap();
}

// ---------------------------------------------------------------------------
// MIR text: embedded samples and every .mir file of the repository
// ---------------------------------------------------------------------------

/// Texts in the forms people and compilers write, which the writer must
/// normalise without changing their meaning.
const SAMPLES: &[&str] = &[
    // The worked example of the language reference.
    r#"
m:        module                      # module named m
          import printf               # external symbol, resolved at link
pfmt:     proto p:fmt, ...            # printf's signature: no result, variadic
sum_p:    proto i64, i64:n            # prototype used to call 'sum'
          forward sum                 # 'sum' is defined below; needed to name it in main
tbl:      i32 1, 2, 3, 4              # 16 bytes of data
          export main
main:     func i64
          local i64:r
          call sum_p, sum, r, 4       # direct call, one result, one argument
          call pfmt, printf, "sum=%ld\n", r   # string operand -> anonymous u8 data
          ret r
          endfunc
sum:      func i64, i64:n
          local i64:i, i64:acc, i64:p
          mov acc, 0; mov i, 0; mov p, tbl    # tbl is a reference -> its address
loop:     bge done, i, n                      # label operand, signed compare-and-branch
          add acc, acc, i32:(p, i, 4)         # sign-extending 32-bit load, scaled index
          add i, i, 1
          jmp loop
done:     ret acc
          endfunc
          endmodule
"#,
    // Number, string and memory-operand spellings; data of every kind.
    r#"
m2: module
  import printf, malloc
  export f1
pf: proto p:fmt, ...
bp: proto i64, blk:16(s), rblk:24(r), blk03:8(t)
v: proto ...
tbl: i32 1, -2, 0x10, 010, 1_000, 0xFFFFFFFF
  u8 255, 256, -1
  i64 -0x8000000000000000, 18446744073709551615
s: string "a\tb\n\"q\"\x41\101\0"
e: string ""
  string "\0"
  string "tab\there\\ \q \7 \377x"
  d 1.5, 2., 1e3, -0.0, 1.5E-3
  f 1.5f, 2.5e1F, 0.1f
  ld 10.56L, 1e400L, 1e-4940L
  i16
z: bss 16
r: ref tbl, 8
r2: ref tbl
f1: func i64, f, i64:a, d:b, u8:c, blk1:32(bb), rblk:8(rr)
  local i64:x, i64:y; local d:t
  global i64:g:rbx
  local ld:q, f:w
L1: L2: mov x, a
  mov y, i64:0x10(x, a, 8):al:nal
  mov y, u8:(, a, 4)::nal
  mov y, i32:-4(a):al
  mov y, u16 : 12 ( , a )
  mov x, i64:100
  add x, x, tbl
  dmov t, b
  ldmov q, 1.0L
  fmov w, -2.5e-3f
  beq L3, x, -0x8000000000000000
  switch x, L1, L2, L3
  call bp, printf, y, blk0:16(x), rblk:24(a), blk3:8(bb)
  call pf, printf, "%d %s\n", x, "s\0"
L3:
  ret x, w
  endfunc
lr: lref L1, L3, 4
  lref L2
  lref L3, -8
  endmodule
second: module
g: func d
  local d:x
  dmov x, 1.0
  endfunc
h: func i64, ld, f
  endfunc
  endmodule
"#,
    // Items declared inside a function body, and names resolved through
    // forward/export declarations.
    r#"
m3: module
  forward h
  export h
c: func i64
  local i64:r
hp: proto i64
  call hp, h, r
cs: string "inner"
  mov r, cs
  ret r
  endfunc
h: func i64
  ret 42
  endfunc
  export c
  endmodule
"#,
    // A definition inside a body takes a forwarded name over only from its
    // declaration on; special reals next to a variable that captures `inf`.
    r#"
m4: module
  forward x
f: func i64, d
  local i64:r, d:inf, d:y
  mov r, x
L9: mov r, x
x: i64 5
  mov r, x
  dmov inf, +inf
  dmov y, -inf
  dmov y, inf
  dmov y, -nan
y2: i32 1
L10:
  ret r, y
  endfunc
  endmodule
"#,
];

fn check_text(text: &str, what: &str) {
    let mut ms = read(text).unwrap_or_else(|e| panic!("{what}: does not read:\n{e}"));
    ms.iter_mut().for_each(clear_positions);
    if let Err(e) = check_round_trip(&ms) {
        panic!("{what}: {e}");
    }
}

#[test]
fn embedded_samples_round_trip() {
    for (i, s) in SAMPLES.iter().enumerate() {
        check_text(s, &format!("sample {i}"));
    }
}

fn mir_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if name != "target" && !name.starts_with('.') {
                mir_files(&p, out);
            }
        } else if name.ends_with(".mir") {
            out.push(p);
        }
    }
}

/// Whether the file's leading comment block announces an expected error
/// (the filetest convention: `# error: LINE:COL: message`).
fn expects_error(text: &str) -> bool {
    text.lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .any(|l| l.contains("# error:"))
}

#[test]
fn repository_mir_files_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    mir_files(&root, &mut files);
    let mut failures = Vec::new();
    let (mut ok, mut negative) = (0, 0);
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let ms = match read_modules(&bytes, &ReadOptions::default()) {
            Ok(ms) => ms,
            Err(_) if expects_error(&text) => {
                negative += 1;
                continue;
            }
            // Fuzzing inputs need not be valid MIR.
            Err(_)
                if path
                    .components()
                    .any(|c| c.as_os_str() == "fuzz" || c.as_os_str() == "fuzz_regressions") =>
            {
                negative += 1;
                continue;
            }
            Err(e) => {
                failures.push(format!("{}: does not read: {e}", path.display()));
                continue;
            }
        };
        match check_round_trip(&ms) {
            Ok(_) => ok += 1,
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    eprintln!(
        "{} .mir files: {ok} round-tripped, {negative} negative tests or fuzz inputs skipped",
        files.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

// ---------------------------------------------------------------------------
// Throughput
// ---------------------------------------------------------------------------

/// A large module shaped like compiler output: loops over memory with
/// integer and double arithmetic, calls and branches.
fn large_module(funcs: usize, blocks: usize) -> Module {
    let mut mb = ModuleBuilder::new("big");
    let p = mb.proto(
        "p_ext",
        &[Type::I64],
        &[("a", Type::I64), ("b", Type::D)],
        false,
    );
    let ext = mb.import("ext");
    let tbl = mb.data(Some("tbl"), Type::I32, vec![1; 4096]);
    for k in 0..funcs {
        let mut f = mb.func(
            &format!("func_{k}"),
            &[Type::I64],
            &[("n", Type::I64), ("arr", Type::P), ("x", Type::D)],
            false,
        );
        let (n, arr, x) = (f.param(0), f.param(1), f.param(2));
        let i = f.local("i", Type::I64);
        let acc = f.local("acc", Type::I64);
        let t = f.local("t.1", Type::I64);
        let y = f.local("y", Type::D);
        for b in 0..blocks {
            let (top, done) = (f.new_label(), f.new_label());
            f.emit(Opcode::Mov, [i.into(), 0.into()]);
            f.place(top);
            f.emit(Opcode::Bge, [done.into(), i.into(), n.into()]);
            f.emit(
                Opcode::Mov,
                [
                    t.into(),
                    Mem::new(Type::I32, 0, Some(arr), Some(i), 4).into(),
                ],
            );
            f.emit(Opcode::Add, [acc.into(), acc.into(), t.into()]);
            f.emit(Opcode::Mul, [t.into(), t.into(), (b as i64 * 7919).into()]);
            f.emit(
                Opcode::Mov,
                [
                    Mem::new(Type::I64, -8 * b as i64, Some(arr), None, 1).into(),
                    t.into(),
                ],
            );
            f.emit(Opcode::DMul, [y.into(), x.into(), 1.5f64.into()]);
            f.emit(Opcode::DAdd, [y.into(), y.into(), 0.1f64.into()]);
            f.emit(Opcode::Add, [i.into(), i.into(), 1.into()]);
            f.emit(Opcode::Jmp, [top.into()]);
            f.place(done);
            f.emit_vec(
                Opcode::Call,
                vec![p.into(), ext.into(), t.into(), acc.into(), y.into()],
            );
            f.emit(Opcode::Add, [acc.into(), acc.into(), tbl.into()]);
        }
        f.emit(Opcode::Ret, [acc.into()]);
        f.finish();
    }
    mb.finish_unverified()
}

/// This process's CPU time in seconds, where Linux tells it (wall-clock
/// rates are meaningless on a machine busy with other work).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Runs `write` five times; prints the best wall-clock rate and the rate
/// per CPU second, in MB/s.
fn measure(what: &str, write: impl Fn() -> String) {
    let mut best = f64::MAX;
    let mut len = 0;
    let cpu0 = cpu_seconds();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let text = write();
        best = best.min(t.elapsed().as_secs_f64());
        len = text.len();
    }
    let mb = len as f64 / 1e6;
    let cpu = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => format!(", {:.0} MB/s per CPU second", 5.0 * mb / (b - a)),
        _ => String::new(),
    };
    eprintln!(
        "writer: {mb:.1} MB: best {:.0} MB/s wall{cpu} ({what})",
        mb / best
    );
}

#[test]
#[ignore = "benchmark; run in release with --ignored --nocapture"]
fn writer_throughput() {
    let m = large_module(2000, 200);
    measure("compiler-shaped module", || write_module(&m));
}

#[test]
#[ignore = "benchmark; run in release with --ignored --nocapture"]
fn writer_throughput_random() {
    let ms: Vec<Module> = (0..500).map(|s| Gen::new(s).module()).collect();
    measure("random modules, many float and ld literals", || {
        write_modules(&ms)
    });
}
