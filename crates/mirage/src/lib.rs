//! mirage runtime
