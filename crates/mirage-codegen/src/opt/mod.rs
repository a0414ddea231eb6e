//! MIR-to-MIR optimization passes.
