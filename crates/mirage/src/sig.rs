//! Typed function lookup: checking a Rust `extern "C"` signature against a
//! MIR prototype.
//!
//! [`Context::get_fn`](crate::Context::get_fn) hands out a MIR function's
//! address as a Rust function pointer. That is only sound when the Rust type
//! describes the same C signature as the MIR function, so every Rust
//! argument and result type names the MIR types it may stand for, and the
//! lookup refuses any mismatch with a precise error instead of returning a
//! pointer that would be called wrongly.

use mirage_ir::{Proto, Type};

/// A Rust type usable as an argument or result of a MIR function.
pub trait MirType {
    /// Display name for error messages.
    const NAME: &'static str;
    /// Whether a MIR parameter/result of type `t` may be seen as `Self`.
    fn matches(t: Type) -> bool;
}

macro_rules! mir_type {
    ($t:ty, $name:literal, $($mir:pat_param)|+) => {
        impl MirType for $t {
            const NAME: &'static str = $name;
            fn matches(t: Type) -> bool {
                matches!(t, $($mir)|+)
            }
        }
    };
}

mir_type!(i8, "i8", Type::I8);
mir_type!(u8, "u8", Type::U8);
mir_type!(i16, "i16", Type::I16);
mir_type!(u16, "u16", Type::U16);
mir_type!(i32, "i32", Type::I32);
mir_type!(u32, "u32", Type::U32);
mir_type!(i64, "i64", Type::I64 | Type::U64 | Type::P);
mir_type!(u64, "u64", Type::I64 | Type::U64 | Type::P);
mir_type!(isize, "isize", Type::I64 | Type::U64 | Type::P);
mir_type!(usize, "usize", Type::I64 | Type::U64 | Type::P);
mir_type!(f32, "f32", Type::F);
mir_type!(f64, "f64", Type::D);

impl<T> MirType for *const T {
    const NAME: &'static str = "*const T";
    fn matches(t: Type) -> bool {
        matches!(t, Type::P | Type::I64 | Type::U64)
    }
}
impl<T> MirType for *mut T {
    const NAME: &'static str = "*mut T";
    fn matches(t: Type) -> bool {
        matches!(t, Type::P | Type::I64 | Type::U64 | Type::RBlk)
    }
}

/// A Rust result type: `()` for no result, or one [`MirType`].
pub trait MirResult {
    fn check(results: &[Type]) -> Result<(), String>;
}

impl MirResult for () {
    fn check(results: &[Type]) -> Result<(), String> {
        if results.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "the MIR function returns {} value(s), the Rust type returns none",
                results.len()
            ))
        }
    }
}

impl<T: MirType> MirResult for T {
    fn check(results: &[Type]) -> Result<(), String> {
        match results {
            [t] if T::matches(*t) => Ok(()),
            [t] => Err(format!(
                "result: MIR type {t} cannot be returned as Rust {}",
                T::NAME
            )),
            _ => Err(format!(
                "the MIR function returns {} value(s), the Rust type returns one",
                results.len()
            )),
        }
    }
}

/// A Rust function pointer type that can stand for a MIR function.
///
/// # Safety
///
/// Implementors must be `extern "C"` function pointers (the C ABI that MIR
/// functions follow) whose size is that of a code address.
pub unsafe trait MirFn: Copy {
    /// Checks the MIR prototype; on mismatch, says why.
    fn check(proto: &Proto) -> Result<(), String>;
    /// Builds the pointer from a code address.
    ///
    /// # Safety
    ///
    /// `addr` must be the address of code with this signature.
    unsafe fn from_addr(addr: *const u8) -> Self;
}

/// One Rust argument type: its name and which MIR types it accepts.
type ParamCheck = (&'static str, fn(Type) -> bool);

fn check_params(proto: &Proto, checks: &[ParamCheck]) -> Result<(), String> {
    if proto.vararg {
        return Err("the MIR function is variadic; call it through C or Context::call".into());
    }
    if proto.params.len() != checks.len() {
        return Err(format!(
            "the MIR function takes {} argument(s), the Rust type {}",
            proto.params.len(),
            checks.len()
        ));
    }
    for (i, (p, (name, ok))) in proto.params.iter().zip(checks).enumerate() {
        if p.ty.is_block() && p.ty != Type::RBlk {
            return Err(format!(
                "argument {i} ('{}') is a block passed by value, which Rust pointers cannot express",
                p.name
            ));
        }
        if !ok(p.ty) {
            return Err(format!(
                "argument {i} ('{}'): MIR type {} cannot be passed as Rust {name}",
                p.name, p.ty
            ));
        }
    }
    Ok(())
}

macro_rules! mir_fn {
    ($($a:ident),*) => {
        // SAFETY: an `unsafe extern "C" fn` pointer is a code address with
        // the C ABI, the convention MIR functions follow.
        unsafe impl<R: MirResult, $($a: MirType),*> MirFn for unsafe extern "C" fn($($a),*) -> R {
            fn check(proto: &Proto) -> Result<(), String> {
                check_params(proto, &[$(($a::NAME, $a::matches as fn(Type) -> bool)),*])?;
                R::check(&proto.results)
            }
            unsafe fn from_addr(addr: *const u8) -> Self {
                // SAFETY: the caller guarantees `addr` is code with this
                // signature; function pointers and data pointers have the
                // same size on every target mirage supports.
                unsafe { std::mem::transmute::<*const u8, Self>(addr) }
            }
        }
    };
}

mir_fn!();
mir_fn!(A1);
mir_fn!(A1, A2);
mir_fn!(A1, A2, A3);
mir_fn!(A1, A2, A3, A4);
mir_fn!(A1, A2, A3, A4, A5);
mir_fn!(A1, A2, A3, A4, A5, A6);
mir_fn!(A1, A2, A3, A4, A5, A6, A7);
mir_fn!(A1, A2, A3, A4, A5, A6, A7, A8);
