//! The x86-64 frame of a generated function.
//!
//! ```text
//!   rbp+16 …          incoming stack arguments
//!   rbp+8             return address (a jret function reserves an 8-byte pad here)
//!   rbp               saved rbp
//!   rbp-8 …           saved callee-saved registers (pushed)
//!   [pad to 16]
//!   frame_base        slot 0 … slot nvars-1     VarId(k) at frame_base + 16k
//!                     slot nvars …              generator scratch slots
//!                     register save area (variadic functions, 176 bytes)
//!                     copies of register-passed block parameters
//!   rsp               = frame_base after the prologue (16-byte aligned)
//! ```
//!
//! `alloca` and outgoing stack arguments move `rsp` below this; everything
//! in the frame is addressed from `rbp`, so they never disturb it.

use mirage_target::x64::{Amode, Gpr};

#[derive(Clone, Debug, Default)]
pub(crate) struct Frame {
    /// Callee-saved registers pushed after rbp, in push order.
    pub saved: Vec<Gpr>,
    /// Bytes subtracted from rsp after the pushes.
    pub size: u32,
    /// rbp-relative offset of slot 0.
    pub slot_base: i32,
    pub nslots: u32,
    /// First scratch slot.
    pub temp0: u32,
    pub ntemps: u32,
    /// rbp-relative offset of the register save area (variadic only).
    pub rsa: i32,
    /// rbp-relative offset of the block-parameter copy area.
    pub blk: i32,
    /// The function contains `jret`: it is entered by a jump.
    pub jret: bool,
}

impl Frame {
    pub fn new(
        saved: Vec<Gpr>,
        nvars: u32,
        ntemps: u32,
        variadic: bool,
        blk_bytes: u32,
        jret: bool,
    ) -> Frame {
        let nslots = nvars + ntemps;
        let rsa_bytes = if variadic { 176 } else { 0 };
        let region = 16 * nslots + rsa_bytes + blk_bytes.next_multiple_of(16);
        let pushes = 8 * saved.len() as u32;
        let size = region + if pushes.is_multiple_of(16) { 0 } else { 8 };
        let slot_base = -((pushes + size) as i32);
        let rsa = slot_base + 16 * nslots as i32;
        Frame {
            saved,
            size,
            slot_base,
            nslots,
            temp0: nvars,
            ntemps,
            rsa,
            blk: rsa + rsa_bytes as i32,
            jret,
        }
    }

    /// Slot `k`.
    pub fn slot(&self, k: u32) -> Amode {
        Amode::bd(Gpr::Rbp, self.slot_base + 16 * k as i32)
    }

    /// Scratch slot `k`.
    pub fn temp(&self, k: u32) -> Amode {
        self.slot(self.temp0 + k)
    }
}
