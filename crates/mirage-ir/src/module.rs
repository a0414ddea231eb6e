//! Modules, items, functions, instructions and operands.
//!
//! Entities refer to each other by typed indices, never by pointers: an
//! [`ItemId`] indexes [`Module::items`], a [`VarId`] indexes a function's
//! [`Func::vars`] (parameters first, in order, then locals and globals), a
//! [`LabelId`] indexes [`Func::labels`]. Labels are placed in the instruction
//! stream by a `label` pseudo-instruction, as in MIR, so a function body is
//! one flat `Vec<Insn>` that the writer prints and the engines lower in order.
//! Floating immediates are stored as bit patterns so that equality is exact
//! (a NaN equals itself) and round trips compare bit for bit.

use crate::f80::F80;
use crate::opcode::Opcode;
use crate::types::{Class, Type};
use std::fmt;

macro_rules! entity {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
            #[inline]
            pub fn new(i: usize) -> Self {
                $name(i as u32)
            }
        }
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

entity!(
    /// An item of a module.
    ItemId,
    "item"
);
entity!(
    /// A variable (MIR "register") of a function.
    VarId,
    "v"
);
entity!(
    /// A label of a function.
    LabelId,
    "L"
);

/// A source position (1-based line and column); `Pos::NONE` for IR built
/// through the API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const NONE: Pos = Pos { line: 0, col: 0 };
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
    pub fn is_none(self) -> bool {
        self.line == 0
    }
}

/// A module: an ordered list of items.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Module {
    pub name: String,
    pub items: Vec<Item>,
    /// Alias names of memory operands; `Mem::alias == n` (n > 0) names
    /// `aliases[n - 1]`.
    pub aliases: Vec<String>,
    /// Where the module came from (file name), for diagnostics.
    pub source: Option<String>,
    pub pos: Pos,
}

/// One item: a function, prototype, declaration or data.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// `None` only for anonymous data items.
    pub name: Option<String>,
    pub kind: ItemKind,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    Func(Box<Func>),
    Proto(Proto),
    /// The name is defined outside this module.
    Import,
    /// Makes the module's definition of the name visible to other modules.
    Export,
    /// Lets code refer to a definition that comes later in the module.
    Forward,
    /// `size` zero bytes.
    Bss {
        size: u64,
    },
    /// Typed data: `bytes` holds the elements little-endian, each
    /// `ty.size()` bytes (16 for `ld`, whose 10 significant bytes come first).
    Data {
        ty: Type,
        bytes: Vec<u8>,
    },
    /// `string "…"`: the bytes after escape processing and the NUL rule.
    Str(Vec<u8>),
    /// Address of `target` plus `disp`.
    Ref {
        target: ItemId,
        disp: i64,
    },
    /// `addr(label) [- addr(label2)] + disp`; both labels of function `func`.
    Lref {
        func: ItemId,
        label: LabelId,
        label2: Option<LabelId>,
        disp: i64,
    },
    /// The result of running function `func` at link time.
    Expr {
        func: ItemId,
    },
}

impl ItemKind {
    /// Whether the item is a definition (function or data of any kind).
    pub fn is_definition(&self) -> bool {
        !matches!(
            self,
            ItemKind::Proto(_) | ItemKind::Import | ItemKind::Export | ItemKind::Forward
        )
    }
    /// Whether the item occupies data memory.
    pub fn is_data(&self) -> bool {
        matches!(
            self,
            ItemKind::Bss { .. }
                | ItemKind::Data { .. }
                | ItemKind::Str(_)
                | ItemKind::Ref { .. }
                | ItemKind::Lref { .. }
                | ItemKind::Expr { .. }
        )
    }
    pub fn kind_name(&self) -> &'static str {
        match self {
            ItemKind::Func(_) => "func",
            ItemKind::Proto(_) => "proto",
            ItemKind::Import => "import",
            ItemKind::Export => "export",
            ItemKind::Forward => "forward",
            ItemKind::Bss { .. } => "bss",
            ItemKind::Data { .. } => "data",
            ItemKind::Str(_) => "string",
            ItemKind::Ref { .. } => "ref",
            ItemKind::Lref { .. } => "lref",
            ItemKind::Expr { .. } => "expr",
        }
    }
}

/// A parameter of a function or prototype.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub ty: Type,
    /// Block size for `blk*`/`rblk` parameters, 0 otherwise.
    pub size: u32,
}

/// A signature: results, parameters, variadic marker.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proto {
    pub results: Vec<Type>,
    pub params: Vec<Param>,
    pub vararg: bool,
}

/// How a variable came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    Param,
    Local,
    /// Bound to a hard register (`global t:name:reg`).
    Global,
}

/// A variable. For parameters `ty` is the declared parameter type (the
/// variable itself holds a value of `ty.class()`); for locals and globals it
/// is one of `i64`, `f`, `d`, `ld`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub name: String,
    pub ty: Type,
    pub kind: VarKind,
    /// Hard register name for globals.
    pub hard_reg: Option<String>,
}

impl Var {
    pub fn class(&self) -> Class {
        self.ty.class()
    }
}

/// A label: its name as written (unique within the module).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub name: String,
}

/// A function.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Func {
    pub sig: Proto,
    /// Parameters first (`VarId(i)` is parameter `i`), then locals/globals.
    pub vars: Vec<Var>,
    pub labels: Vec<Label>,
    pub insns: Vec<Insn>,
    /// Position of `endfunc`.
    pub end_pos: Pos,
}

impl Func {
    pub fn var(&self, v: VarId) -> &Var {
        &self.vars[v.index()]
    }
    pub fn nparams(&self) -> usize {
        self.sig.params.len()
    }
    /// Finds a variable by name.
    pub fn var_by_name(&self, name: &str) -> Option<VarId> {
        self.vars
            .iter()
            .position(|v| v.name == name)
            .map(VarId::new)
    }
}

/// One instruction. For `label` pseudo-instructions the only operand is
/// `Operand::Label`.
#[derive(Clone, Debug, PartialEq)]
pub struct Insn {
    pub op: Opcode,
    pub operands: Vec<Operand>,
    pub pos: Pos,
}

impl Insn {
    pub fn new(op: Opcode, operands: Vec<Operand>) -> Insn {
        Insn {
            op,
            operands,
            pos: Pos::NONE,
        }
    }
    pub fn label(l: LabelId) -> Insn {
        Insn::new(Opcode::Label, vec![Operand::Label(l)])
    }
    /// For a `label` pseudo-instruction, the label it defines.
    pub fn defined_label(&self) -> Option<LabelId> {
        match (self.op, self.operands.first()) {
            (Opcode::Label, Some(Operand::Label(l))) => Some(*l),
            _ => None,
        }
    }
}

/// A memory operand `ty: disp(base, index, scale):alias:nonalias`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mem {
    pub ty: Type,
    pub disp: i64,
    pub base: Option<VarId>,
    pub index: Option<VarId>,
    pub scale: u8,
    /// 1-based index into `Module::aliases`, 0 for none.
    pub alias: u32,
    /// 1-based index into `Module::aliases`, 0 for none.
    pub nonalias: u32,
}

impl Mem {
    pub fn new(ty: Type, disp: i64, base: Option<VarId>, index: Option<VarId>, scale: u8) -> Mem {
        Mem {
            ty,
            disp,
            base,
            index,
            scale,
            alias: 0,
            nonalias: 0,
        }
    }
    /// `ty:(base)`.
    pub fn base(ty: Type, base: VarId) -> Mem {
        Mem::new(ty, 0, Some(base), None, 1)
    }
}

/// An operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Reg(VarId),
    Int(i64),
    /// binary32 bits.
    Float(u32),
    /// binary64 bits.
    Double(u64),
    LDouble(F80),
    /// An item's address (or, for call operand 0, a prototype).
    Ref(ItemId),
    /// A string literal (bytes after the NUL rule); its value is the address
    /// of an anonymous copy.
    Str(Box<[u8]>),
    Mem(Mem),
    Label(LabelId),
}

impl Operand {
    pub fn float(v: f32) -> Operand {
        Operand::Float(v.to_bits())
    }
    pub fn double(v: f64) -> Operand {
        Operand::Double(v.to_bits())
    }
    pub fn mem(m: Mem) -> Operand {
        Operand::Mem(m)
    }
    pub fn is_location(&self) -> bool {
        matches!(self, Operand::Reg(_) | Operand::Mem(_))
    }
}

impl Module {
    pub fn new(name: impl Into<String>) -> Module {
        Module {
            name: name.into(),
            ..Module::default()
        }
    }
    pub fn item(&self, id: ItemId) -> &Item {
        &self.items[id.index()]
    }
    /// The function behind an item id, following `export`/`forward` items
    /// to the definition of the same name.
    pub fn func(&self, id: ItemId) -> Option<&Func> {
        match &self.item(self.resolve(id)).kind {
            ItemKind::Func(f) => Some(f),
            _ => None,
        }
    }
    /// Finds a named item. Definitions win over `export`/`forward`
    /// declarations of the same name.
    pub fn lookup(&self, name: &str) -> Option<ItemId> {
        let mut decl = None;
        for (i, it) in self.items.iter().enumerate() {
            if it.name.as_deref() == Some(name) {
                if it.kind.is_definition()
                    || matches!(it.kind, ItemKind::Import | ItemKind::Proto(_))
                {
                    return Some(ItemId::new(i));
                }
                decl.get_or_insert(ItemId::new(i));
            }
        }
        decl
    }
    /// Follows an `export`/`forward` item to the definition it names (the
    /// item itself when it is a definition, import or proto, or when no
    /// definition exists).
    pub fn resolve(&self, id: ItemId) -> ItemId {
        let it = self.item(id);
        match (&it.kind, &it.name) {
            (ItemKind::Export | ItemKind::Forward, Some(name)) => {
                for (i, other) in self.items.iter().enumerate() {
                    if other.name.as_deref() == Some(name.as_str())
                        && (other.kind.is_definition() || matches!(other.kind, ItemKind::Import))
                    {
                        return ItemId::new(i);
                    }
                }
                id
            }
            _ => id,
        }
    }
    /// Interns an alias name, giving its 1-based index.
    pub fn intern_alias(&mut self, name: &str) -> u32 {
        if let Some(i) = self.aliases.iter().position(|a| a == name) {
            return i as u32 + 1;
        }
        self.aliases.push(name.to_string());
        self.aliases.len() as u32
    }
    pub fn alias_name(&self, n: u32) -> Option<&str> {
        if n == 0 {
            None
        } else {
            self.aliases.get(n as usize - 1).map(|s| s.as_str())
        }
    }
    /// The names this module exports (the names of its `export` items).
    pub fn exports(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|it| match it.kind {
            ItemKind::Export => it.name.as_deref(),
            _ => None,
        })
    }
}
