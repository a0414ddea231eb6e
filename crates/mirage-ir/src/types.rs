//! MIR types (spec §3.1) and value classes.
//!
//! A type names how a value is stored in memory or passed; a *value class*
//! (int, float, double, long double) is what a variable holds. Every integer
//! variable is 64 bits wide whatever its declared type; signedness belongs to
//! instructions, not to variables.

use std::fmt;

/// A MIR type. The discriminants are MIR's numeric type codes (used by the
/// binary format and by `va_block_arg`'s case operand).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Type {
    I8 = 0,
    U8 = 1,
    I16 = 2,
    U16 = 3,
    I32 = 4,
    U32 = 5,
    I64 = 6,
    U64 = 7,
    F = 8,
    D = 9,
    LD = 10,
    P = 11,
    Blk0 = 12,
    Blk1 = 13,
    Blk2 = 14,
    Blk3 = 15,
    Blk4 = 16,
    RBlk = 17,
}

/// The class of value a variable or operand holds (spec §3.1, §4.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Int,
    F,
    D,
    LD,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::Int => "int",
            Class::F => "float",
            Class::D => "double",
            Class::LD => "long double",
        })
    }
}

impl Type {
    pub const ALL: [Type; 18] = [
        Type::I8,
        Type::U8,
        Type::I16,
        Type::U16,
        Type::I32,
        Type::U32,
        Type::I64,
        Type::U64,
        Type::F,
        Type::D,
        Type::LD,
        Type::P,
        Type::Blk0,
        Type::Blk1,
        Type::Blk2,
        Type::Blk3,
        Type::Blk4,
        Type::RBlk,
    ];

    /// The canonical spelling (`blk` prints as `blk0`, as MIR's printer does).
    pub fn name(self) -> &'static str {
        match self {
            Type::I8 => "i8",
            Type::U8 => "u8",
            Type::I16 => "i16",
            Type::U16 => "u16",
            Type::I32 => "i32",
            Type::U32 => "u32",
            Type::I64 => "i64",
            Type::U64 => "u64",
            Type::F => "f",
            Type::D => "d",
            Type::LD => "ld",
            Type::P => "p",
            Type::Blk0 => "blk0",
            Type::Blk1 => "blk1",
            Type::Blk2 => "blk2",
            Type::Blk3 => "blk3",
            Type::Blk4 => "blk4",
            Type::RBlk => "rblk",
        }
    }

    /// Parses a type name; `blk` is `blk0`, and leading zeros after `blk`
    /// are tolerated as MIR does (`blk01` is `blk1`).
    pub fn from_name(s: &str) -> Option<Type> {
        Some(match s {
            "i8" => Type::I8,
            "u8" => Type::U8,
            "i16" => Type::I16,
            "u16" => Type::U16,
            "i32" => Type::I32,
            "u32" => Type::U32,
            "i64" => Type::I64,
            "u64" => Type::U64,
            "f" => Type::F,
            "d" => Type::D,
            "ld" => Type::LD,
            "p" => Type::P,
            "rblk" => Type::RBlk,
            "blk" => Type::Blk0,
            _ => {
                let digits = s.strip_prefix("blk")?;
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let trimmed = digits.trim_start_matches('0');
                match trimmed {
                    "" => Type::Blk0,
                    "1" => Type::Blk1,
                    "2" => Type::Blk2,
                    "3" => Type::Blk3,
                    "4" => Type::Blk4,
                    _ => return None,
                }
            }
        })
    }

    /// From MIR's numeric type code.
    pub fn from_code(code: u8) -> Option<Type> {
        Type::ALL.get(code as usize).copied()
    }

    pub fn is_int(self) -> bool {
        matches!(
            self,
            Type::I8
                | Type::U8
                | Type::I16
                | Type::U16
                | Type::I32
                | Type::U32
                | Type::I64
                | Type::U64
                | Type::P
        )
    }

    /// `blk0`…`blk4` and `rblk`.
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Type::Blk0 | Type::Blk1 | Type::Blk2 | Type::Blk3 | Type::Blk4 | Type::RBlk
        )
    }

    /// The value class (blocks are addresses, hence int).
    pub fn class(self) -> Class {
        match self {
            Type::F => Class::F,
            Type::D => Class::D,
            Type::LD => Class::LD,
            _ => Class::Int,
        }
    }

    /// Size in bytes in memory on x86-64 (blocks have no fixed size: 0).
    pub fn size(self) -> u32 {
        match self {
            Type::I8 | Type::U8 => 1,
            Type::I16 | Type::U16 => 2,
            Type::I32 | Type::U32 | Type::F => 4,
            Type::I64 | Type::U64 | Type::D | Type::P => 8,
            Type::LD => 16,
            _ => 0,
        }
    }

    /// Whether the type may be a function or proto result.
    pub fn is_result_type(self) -> bool {
        !self.is_block()
    }

    /// Whether the type may be a `local`/`global` variable type.
    pub fn is_var_type(self) -> bool {
        matches!(self, Type::I64 | Type::F | Type::D | Type::LD)
    }

    /// The canonical variable type holding a value of this type's class.
    pub fn var_type(self) -> Type {
        match self.class() {
            Class::Int => Type::I64,
            Class::F => Type::F,
            Class::D => Type::D,
            Class::LD => Type::LD,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in Type::ALL {
            assert_eq!(Type::from_name(t.name()), Some(t));
            assert_eq!(Type::from_code(t as u8), Some(t));
        }
        assert_eq!(Type::from_name("blk"), Some(Type::Blk0));
        assert_eq!(Type::from_name("blk003"), Some(Type::Blk3));
        assert_eq!(Type::from_name("blk5"), None);
        assert_eq!(Type::from_name("v"), None);
    }
}
