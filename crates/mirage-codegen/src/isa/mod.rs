//! Per-ISA lowering and emission. Only x86-64 SysV exists.

pub(crate) mod x64;
