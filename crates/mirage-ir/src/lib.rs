//! The MIR intermediate representation.
//!
//! This crate owns everything about MIR as a language: its [types], the one
//! [opcode] table, the in-memory form of [modules](module), a [builder] for
//! constructing modules from Rust, the text [reader](read) (with its
//! [lexer]), the [writer](write) and the [verifier](verify). It contains no
//! `unsafe` code and no knowledge of any execution engine.
#![forbid(unsafe_code)]

pub mod abi;
pub mod builder;
pub mod error;
pub mod f80;
pub mod hash;
pub mod lexer;
pub mod module;
pub mod opcode;
pub mod operands;
pub mod read;
pub mod types;
pub mod verify;
pub mod write;

pub use error::{Diagnostic, ErrorKind, Errors};
pub use f80::F80;
pub use module::{
    Func, Insn, InsnRef, Insns, Item, ItemId, ItemKind, LabelId, Labels, Mem, Module, Operand,
    Param, Pos, Proto, StrBytes, Var, VarId, VarKind,
};
pub use opcode::{Family, OpInfo, Opcode, Spec};
pub use operands::Operands;
pub use read::{read_modules, ReadOptions};
pub use types::{Class, Type};
pub use verify::verify_module;
pub use write::{write_module, write_modules};
