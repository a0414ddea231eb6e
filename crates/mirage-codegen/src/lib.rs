//! The code generator.
pub mod opt;
