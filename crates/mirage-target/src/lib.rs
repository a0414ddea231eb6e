//! Per-ISA facts: registers, calling conventions, encoders.
