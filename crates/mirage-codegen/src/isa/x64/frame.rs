//! The x86-64 frame of a generated function.
//!
//! Only variables that live in memory get a home slot (spilled variables,
//! address-taken ones, `ld` values), and only the scratch slots the
//! lowering asks for exist; slots are 16 bytes, numbered as they are first
//! used. Two layouts:
//!
//! With a frame pointer (functions using `alloca`, `bstart`/`bend`,
//! `va_start`, `jcall`/`jret`, and every function at `-O0`):
//!
//! ```text
//!   rbp+16 …          incoming stack arguments
//!   rbp+8             return address (a jret function reserves an 8-byte pad here)
//!   rbp               saved rbp
//!   rbp-8 …           saved callee-saved registers (pushed), padded to 16
//!                     register save area (variadic functions, 176 bytes)
//!                     copies of register-passed block parameters
//!                     slot 0, slot 1, … downwards (slot k at top - 16(k+1))
//!                     16 free bytes in functions with `alloca` (a program
//!                     writing just past its block does not hit a slot)
//!   rsp               16-byte aligned after the prologue
//! ```
//!
//! `alloca` and outgoing stack arguments move `rsp` below this; everything
//! in the frame is addressed from `rbp`, so they never disturb it.
//!
//! Without a frame pointer (everything else): `rbp` is an ordinary
//! callee-saved register, and the frame is addressed from `rsp`, which only
//! moves around calls with stack arguments (the lowering adds that
//! adjustment while it is in effect):
//!
//! ```text
//!   rsp+size+8n+8 …   incoming stack arguments
//!   rsp+size+8n       return address
//!   rsp+size …        n saved callee-saved registers (pushed)
//!                     copies of register-passed block parameters, padding
//!   rsp               slot 0, slot 1, … upwards (slot k at rsp + 16k)
//! ```
//!
//! A function without slots, calls or saved registers has no frame at all.

use mirage_target::x64::{Amode, Gpr};

#[derive(Clone, Debug, Default)]
pub(crate) struct Frame {
    /// Callee-saved registers pushed (after rbp when there is a frame
    /// pointer), in push order.
    pub saved: Vec<Gpr>,
    /// `rbp` is the frame pointer.
    pub fp: bool,
    /// Home slot of each variable (`u32::MAX`: none yet; slots are given
    /// out on first use).
    pub var_slot: Vec<u32>,
    /// Slot of each scratch slot number used so far.
    pub temp_slot: Vec<u32>,
    /// Slots given out.
    pub nslots: u32,
    /// Bytes of the register save area (variadic functions).
    pub rsa_bytes: u32,
    /// Bytes of the block-parameter copy area.
    pub blk_bytes: u32,
    /// The function calls out (rsp must be 16-byte aligned at calls).
    pub calls: bool,
    /// The function contains `jret`: it is entered by a jump.
    pub jret: bool,
    /// Bytes kept free below the slots (fp frames of functions with
    /// `alloca`: a guard between the frame and the allocated blocks).
    pub guard: u32,
}

impl Frame {
    /// Bytes between rbp and the first area below the pushes (fp only).
    fn top(&self) -> i32 {
        (8 * self.saved.len() as i32 + 15) & !15
    }

    /// rbp-relative offset of the register save area (fp only).
    pub fn rsa(&self) -> i32 {
        -(self.top() + self.rsa_bytes as i32)
    }

    /// Offset of the block-parameter copy area (from rbp with a frame
    /// pointer, else from rsp after the prologue).
    pub fn blk(&self) -> i32 {
        if self.fp {
            self.rsa() - self.blk_bytes as i32
        } else {
            16 * self.nslots as i32
        }
    }

    fn new_slot(&mut self) -> u32 {
        self.nslots += 1;
        self.nslots - 1
    }

    /// The slot of variable `v` (given out now if it has none).
    pub fn var_slot_index(&mut self, v: usize) -> u32 {
        if v >= self.var_slot.len() {
            self.var_slot.resize(v + 1, u32::MAX);
        }
        if self.var_slot[v] == u32::MAX {
            self.var_slot[v] = self.new_slot();
        }
        self.var_slot[v]
    }

    /// The slot of scratch slot `t`.
    pub fn temp_slot_index(&mut self, t: u32) -> u32 {
        while self.temp_slot.len() <= t as usize {
            let k = self.new_slot();
            self.temp_slot.push(k);
        }
        self.temp_slot[t as usize]
    }

    /// Bytes subtracted from rsp after the pushes.
    pub fn size(&self) -> u32 {
        if self.fp {
            let total =
                self.top() as u32 + self.rsa_bytes + self.blk_bytes + 16 * self.nslots + self.guard;
            total - 8 * self.saved.len() as u32
        } else {
            let region = 16 * self.nslots + self.blk_bytes;
            let pushed = 8 + 8 * self.saved.len() as u32; // return address too
            if self.calls && !(pushed + region).is_multiple_of(16) {
                region + 8
            } else {
                region
            }
        }
    }

    /// Offset of slot `k` from the frame base (rbp or rsp after the
    /// prologue).
    pub fn slot_offset(&self, k: u32) -> i32 {
        if self.fp {
            -(self.top() + (self.rsa_bytes + self.blk_bytes) as i32 + 16 * (k as i32 + 1))
        } else {
            16 * k as i32
        }
    }

    /// Slot `k`, with `sp_adjust` bytes pushed below the frame (rsp-based
    /// frames only).
    pub fn slot(&self, k: u32, sp_adjust: i32) -> Amode {
        if self.fp {
            Amode::bd(Gpr::Rbp, self.slot_offset(k))
        } else {
            Amode::bd(Gpr::Rsp, self.slot_offset(k) + sp_adjust)
        }
    }

    /// The incoming stack argument area at `off` (in the prologue).
    pub fn incoming(&self, off: u32) -> Amode {
        if self.fp {
            Amode::bd(Gpr::Rbp, 16 + off as i32)
        } else {
            Amode::bd(Gpr::Rsp, (self.incoming_base() + off) as i32)
        }
    }

    /// Bytes from rsp after the prologue to the incoming stack arguments
    /// (rsp-based frames).
    pub fn incoming_base(&self) -> u32 {
        self.size() + 8 * self.saved.len() as u32 + 8
    }

    /// An area at `off` from the frame base (blk/rsa offsets).
    pub fn at(&self, off: i32) -> Amode {
        Amode::bd(if self.fp { Gpr::Rbp } else { Gpr::Rsp }, off)
    }
}
