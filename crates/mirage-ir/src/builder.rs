//! Building modules from Rust, without text.
//!
//! [`ModuleBuilder`] creates items in order, exactly as the text reader
//! would; [`FuncBuilder`] adds variables, labels and instructions to one
//! function. The result is an ordinary [`Module`], checked by the verifier
//! in [`ModuleBuilder::finish`].
//!
//! ```
//! use mirage_ir::builder::ModuleBuilder;
//! use mirage_ir::{Opcode, Operand, Type};
//!
//! // sum(n) = 0 + 1 + ... + (n - 1)
//! let mut mb = ModuleBuilder::new("m");
//! let mut f = mb.func("sum", &[Type::I64], &[("n", Type::I64)], false);
//! let n = f.param(0);
//! let (i, acc) = (f.local("i", Type::I64), f.local("acc", Type::I64));
//! let (top, done) = (f.new_label(), f.new_label());
//! f.emit(Opcode::Mov, [acc.into(), 0.into()]);
//! f.emit(Opcode::Mov, [i.into(), 0.into()]);
//! f.place(top);
//! f.emit(Opcode::Bge, [done.into(), i.into(), n.into()]);
//! f.emit(Opcode::Add, [acc.into(), acc.into(), i.into()]);
//! f.emit(Opcode::Add, [i.into(), i.into(), 1.into()]);
//! f.emit(Opcode::Jmp, [top.into()]);
//! f.place(done);
//! f.emit(Opcode::Ret, [acc.into()]);
//! f.finish();
//! mb.export("sum");
//! let module = mb.finish().expect("valid module");
//! let text = mirage_ir::write_module(&module);
//! assert!(text.contains("bge"));
//! ```

use crate::error::Errors;
use crate::module::{
    Func, Insn, Item, ItemId, ItemKind, LabelId, Module, Operand, Param, Pos, Proto, Var, VarId,
    VarKind,
};
use crate::opcode::Opcode;
use crate::types::Type;

/// Builds one module item by item.
pub struct ModuleBuilder {
    module: Module,
    label_counter: usize,
}

impl ModuleBuilder {
    pub fn new(name: impl Into<String>) -> ModuleBuilder {
        ModuleBuilder {
            module: Module::new(name),
            label_counter: 0,
        }
    }

    fn push(&mut self, name: Option<&str>, kind: ItemKind) -> ItemId {
        self.module.items.push(Item {
            name: name.map(str::to_string),
            kind,
            pos: Pos::NONE,
        });
        ItemId::new(self.module.items.len() - 1)
    }

    /// Looks up an item created earlier.
    pub fn item(&self, name: &str) -> Option<ItemId> {
        self.module.lookup(name)
    }
    pub fn import(&mut self, name: &str) -> ItemId {
        self.push(Some(name), ItemKind::Import)
    }
    pub fn export(&mut self, name: &str) -> ItemId {
        self.push(Some(name), ItemKind::Export)
    }
    pub fn forward(&mut self, name: &str) -> ItemId {
        self.push(Some(name), ItemKind::Forward)
    }
    /// A prototype; `params` are `(name, type)`; block parameters take their
    /// size from [`ModuleBuilder::proto_with`].
    pub fn proto(
        &mut self,
        name: &str,
        results: &[Type],
        params: &[(&str, Type)],
        vararg: bool,
    ) -> ItemId {
        let sig = make_sig(results, params, vararg);
        self.push(Some(name), ItemKind::Proto(sig))
    }
    /// A prototype from a full signature (block sizes included).
    pub fn proto_with(&mut self, name: &str, sig: Proto) -> ItemId {
        self.push(Some(name), ItemKind::Proto(sig))
    }
    /// Typed data; `bytes` holds the elements little-endian.
    pub fn data(&mut self, name: Option<&str>, ty: Type, bytes: Vec<u8>) -> ItemId {
        self.push(name, ItemKind::Data { ty, bytes })
    }
    /// `string "…"`; a NUL is appended when `s` does not end in one.
    pub fn string(&mut self, name: Option<&str>, s: &[u8]) -> ItemId {
        let mut bytes = s.to_vec();
        if bytes.last().is_some_and(|&b| b != 0) {
            bytes.push(0);
        }
        self.push(name, ItemKind::Str(bytes))
    }
    pub fn bss(&mut self, name: Option<&str>, size: u64) -> ItemId {
        self.push(name, ItemKind::Bss { size })
    }
    pub fn reference(&mut self, name: Option<&str>, target: ItemId, disp: i64) -> ItemId {
        self.push(name, ItemKind::Ref { target, disp })
    }
    pub fn expr(&mut self, name: Option<&str>, func: ItemId) -> ItemId {
        self.push(name, ItemKind::Expr { func })
    }
    pub fn lref(
        &mut self,
        name: Option<&str>,
        func: ItemId,
        label: LabelId,
        label2: Option<LabelId>,
        disp: i64,
    ) -> ItemId {
        self.push(
            name,
            ItemKind::Lref {
                func,
                label,
                label2,
                disp,
            },
        )
    }

    /// Starts a function; it becomes an item when [`FuncBuilder::finish`]
    /// is called (the item id is reserved now, so the function can call
    /// itself).
    pub fn func(
        &mut self,
        name: &str,
        results: &[Type],
        params: &[(&str, Type)],
        vararg: bool,
    ) -> FuncBuilder<'_> {
        let sig = make_sig(results, params, vararg);
        self.func_with(name, sig)
    }

    /// Starts a function from a full signature (block sizes included).
    pub fn func_with(&mut self, name: &str, sig: Proto) -> FuncBuilder<'_> {
        let vars = sig
            .params
            .iter()
            .map(|p| Var {
                name: p.name.clone(),
                ty: p.ty,
                kind: VarKind::Param,
                hard_reg: None,
            })
            .collect();
        let func = Func::new(sig, vars);
        let id = self.push(Some(name), ItemKind::Func(Box::default()));
        FuncBuilder { mb: self, id, func }
    }

    /// The module so far, without verification.
    pub fn module(&self) -> &Module {
        &self.module
    }

    /// Verifies and returns the module.
    pub fn finish(self) -> Result<Module, Errors> {
        crate::verify::verify_module(&self.module)?;
        Ok(self.module)
    }

    /// Returns the module without verifying it.
    pub fn finish_unverified(self) -> Module {
        self.module
    }
}

fn make_sig(results: &[Type], params: &[(&str, Type)], vararg: bool) -> Proto {
    Proto {
        results: results.to_vec(),
        params: params
            .iter()
            .map(|&(name, ty)| Param {
                name: name.to_string(),
                ty,
                size: 0,
            })
            .collect(),
        vararg,
    }
}

/// Builds one function.
pub struct FuncBuilder<'m> {
    mb: &'m mut ModuleBuilder,
    id: ItemId,
    func: Func,
}

impl FuncBuilder<'_> {
    /// The item id the function will have.
    pub fn id(&self) -> ItemId {
        self.id
    }
    /// Parameter `i`'s variable.
    pub fn param(&self, i: usize) -> VarId {
        assert!(i < self.func.sig.params.len(), "no parameter {i}");
        VarId::new(i)
    }
    /// Declares a local (`ty` one of `i64`, `f`, `d`, `ld`).
    pub fn local(&mut self, name: &str, ty: Type) -> VarId {
        self.func.vars.push(Var {
            name: name.to_string(),
            ty,
            kind: VarKind::Local,
            hard_reg: None,
        });
        VarId::new(self.func.vars.len() - 1)
    }
    /// Declares a variable bound to a hard register.
    pub fn global(&mut self, name: &str, ty: Type, reg: &str) -> VarId {
        self.func.vars.push(Var {
            name: name.to_string(),
            ty,
            kind: VarKind::Global,
            hard_reg: Some(reg.to_string()),
        });
        VarId::new(self.func.vars.len() - 1)
    }
    /// A new label with a module-unique generated name.
    pub fn new_label(&mut self) -> LabelId {
        self.mb.label_counter += 1;
        let name = format!("L{}_{}", self.id.0, self.mb.label_counter);
        self.named_label(&name)
    }
    /// A new label with the given name (must be unique in the module).
    pub fn named_label(&mut self, name: &str) -> LabelId {
        self.func.labels.push(name)
    }
    /// Places a label before the next instruction.
    pub fn place(&mut self, l: LabelId) {
        self.func.push(Insn::label(l));
    }
    /// Appends an instruction.
    pub fn emit<const N: usize>(&mut self, op: Opcode, operands: [Operand; N]) {
        self.func.push_with(op, operands, Pos::NONE);
    }
    /// Appends an instruction with a variable operand list.
    pub fn emit_vec(&mut self, op: Opcode, operands: Vec<Operand>) {
        self.func.push(Insn::new(op, operands));
    }
    /// Finishes the function and stores it in its item.
    pub fn finish(self) -> ItemId {
        let FuncBuilder { mb, id, mut func } = self;
        func.shrink_to_fit();
        mb.module.items[id.index()].kind = ItemKind::Func(Box::new(func));
        id
    }
}

impl From<VarId> for Operand {
    fn from(v: VarId) -> Operand {
        Operand::Reg(v)
    }
}
impl From<i64> for Operand {
    fn from(v: i64) -> Operand {
        Operand::Int(v)
    }
}
impl From<i32> for Operand {
    fn from(v: i32) -> Operand {
        Operand::Int(v as i64)
    }
}
impl From<f32> for Operand {
    fn from(v: f32) -> Operand {
        Operand::float(v)
    }
}
impl From<f64> for Operand {
    fn from(v: f64) -> Operand {
        Operand::double(v)
    }
}
impl From<LabelId> for Operand {
    fn from(l: LabelId) -> Operand {
        Operand::Label(l)
    }
}
impl From<ItemId> for Operand {
    fn from(i: ItemId) -> Operand {
        Operand::Ref(i)
    }
}
impl From<crate::module::Mem> for Operand {
    fn from(m: crate::module::Mem) -> Operand {
        Operand::mem(m)
    }
}
