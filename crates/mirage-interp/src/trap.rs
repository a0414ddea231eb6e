//! Traps: the errors interpreted code stops with.
//!
//! MIR leaves division by zero, `INT_MIN / -1`, an out-of-range `switch`
//! index, a `jmpi` to something that is not a label address and unbounded
//! recursion undefined (spec §5.6, §5.12, §10 #13). A safe engine may trap,
//! and this one does: the interpreter never lets such a program crash the
//! host. Every trap that happens at an instruction names the function, the
//! instruction's index and text and, when the IR came from text, its source
//! line:
//!
//! ```text
//! division by zero in function 'f' at instruction 12 ('div r, a, b', line 7)
//! ```

use std::fmt;

/// Where a trap happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Name of the function.
    pub func: String,
    /// Index of the instruction in the function body (`Func::insns`, labels
    /// included); equal to the body's length for the implicit return at the
    /// end.
    pub insn: usize,
    /// The instruction as text (`div r, a, b`).
    pub text: String,
    /// Source line, when the IR came from text.
    pub line: Option<u32>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "in function '{}' at instruction {} ('{}'",
            self.func, self.insn, self.text
        )?;
        if let Some(l) = self.line {
            write!(f, ", line {l}")?;
        }
        f.write_str(")")
    }
}

/// Why interpreted code stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Trap {
    /// Integer division or remainder by zero (any `div`/`mod` variant).
    DivisionByZero { at: Location },
    /// `INT64_MIN / -1` or `INT64_MIN % -1` (or the 32-bit analogue).
    DivisionOverflow { at: Location },
    /// A `switch` index outside `0..cases`.
    SwitchOutOfRange {
        at: Location,
        index: i64,
        cases: usize,
    },
    /// `jmpi` (or `jret`) to an address that is not a label of the function.
    BadJump { at: Location, addr: u64 },
    /// `bend` to a position outside the frame's allocation area.
    BadBend { at: Location, addr: u64 },
    /// A `longjmp` that cannot be performed.
    BadLongJmp { at: Location, reason: String },
    /// Control reached the end of a function that has a `ret` elsewhere.
    FellOffEnd { at: Location },
    /// Interpreted recursion exceeded the configured depth or stack memory.
    StackOverflow { func: String, depth: usize },
    /// Something the interpreter does not support, at an instruction.
    Unsupported { at: Location, what: String },
    /// A native call failed in the runtime's bridge.
    Native { at: Location, message: String },
    /// A function could not be prepared (unresolved item, malformed IR).
    Link { func: String, message: String },
    /// A call from the host with wrong arguments (count, function index).
    BadCall { func: String, message: String },
    /// An error reported by the runtime itself (for [`LinkEnv`] use); the
    /// interpreter turns it into [`Trap::Native`] with the call's location.
    ///
    /// [`LinkEnv`]: crate::LinkEnv
    Host(String),
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trap::DivisionByZero { at } => write!(f, "division by zero {at}"),
            Trap::DivisionOverflow { at } => write!(f, "integer overflow in division {at}"),
            Trap::SwitchOutOfRange { at, index, cases } => write!(
                f,
                "switch index {index} out of range (0..{cases}) {at}"
            ),
            Trap::BadJump { at, addr } => {
                write!(f, "jump to {addr:#x}, which is not a label address of the function, {at}")
            }
            Trap::BadBend { at, addr } => write!(
                f,
                "bend to {addr:#x}, which is not a stack position of the function, {at}"
            ),
            Trap::BadLongJmp { at, reason } => write!(f, "bad longjmp: {reason} {at}"),
            Trap::FellOffEnd { at } => write!(f, "control reached the end of the function {at}"),
            Trap::StackOverflow { func, depth } => write!(
                f,
                "stack overflow: interpreted recursion too deep (depth {depth}) when calling function '{func}'"
            ),
            Trap::Unsupported { at, what } => write!(f, "unsupported: {what} {at}"),
            Trap::Native { at, message } => write!(f, "native call failed: {message} {at}"),
            Trap::Link { func, message } => {
                write!(f, "cannot prepare function '{func}': {message}")
            }
            Trap::BadCall { func, message } => write!(f, "bad call of function '{func}': {message}"),
            Trap::Host(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Trap {}

/// What a handler records when it traps; turned into a [`Trap`] with its
/// [`Location`] once control is back in the driver.
#[derive(Clone, Debug)]
pub(crate) enum TrapKind {
    DivZero,
    DivOverflow,
    Switch {
        index: i64,
        cases: usize,
    },
    BadJump(u64),
    BadBend(u64),
    LongJmp(String),
    FellOff,
    Unsupported(String),
    StackOverflow {
        func: String,
    },
    /// A complete trap from elsewhere (lowering a callee, the runtime).
    Done(Trap),
    /// A native call error message.
    Native(String),
}
