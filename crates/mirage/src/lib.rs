//! mirage runtime: the `Context` API users see (loading, linking, symbol
//! resolution) on top of the native bridge (code memory, function table,
//! thunks, shims, ff-call, lazy wrappers).
pub mod bridge;
