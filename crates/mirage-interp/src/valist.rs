//! The x86-64 SysV `va_list` (spec §6.4): reading arguments through one, and
//! building the register-save and overflow areas a native caller would have
//! produced.
//!
//! MIR programs allocate their `va_list` objects themselves and may pass
//! them around, so the interpreter uses the real C layout ([`VaList`], 24
//! bytes) and the real C algorithm: the same `va_arg` code must work whether
//! the variadic function was called from interpreted code or from C through
//! an interpreter shim. Consequently *every* argument of an interpreted
//! variadic function travels through a va_list:
//!
//! * from C, the runtime's shim saves the six integer and eight XMM argument
//!   registers into a 176-byte register-save area and hands the interpreter
//!   a [`VaList`] over it and the caller's stack arguments;
//! * from interpreted code, [`ArgImage`] lays the arguments out exactly as a
//!   C caller would (integer registers, XMM registers, then 8-byte stack
//!   slots; `ld` 16-byte aligned on the stack; blocks per their SysV case,
//!   spec §6.3) and [`ArgImage::place`] produces the [`VaList`].
//!
//! Either way the callee reads its fixed parameters with [`VaList::arg_addr`]
//! and [`VaList::block_arg`], and `va_start` hands the program the state
//! that is left. The runtime's shims reuse this module.

use mirage_ir::abi::{ArgKind, Val};
use mirage_ir::Type;

/// Size of the register-save area: RDI, RSI, RDX, RCX, R8, R9 (6×8), then
/// XMM0–XMM7 (8×16).
pub const REG_SAVE_AREA_SIZE: usize = 176;
/// `gp_offset` when all six integer registers are used.
pub const GP_END: u32 = 48;
/// `fp_offset` when all eight XMM registers are used.
pub const FP_END: u32 = 176;

/// The SysV x86-64 `va_list` object (one element of C's `va_list` array).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VaList {
    /// Byte offset of the next unused integer register in the save area
    /// (0…48).
    pub gp_offset: u32,
    /// Byte offset of the next unused XMM register (48…176).
    pub fp_offset: u32,
    /// The next stack-passed argument.
    pub overflow_arg_area: *mut u8,
    /// The 176-byte register-save area.
    pub reg_save_area: *mut u8,
}

const _: () = assert!(core::mem::size_of::<VaList>() == 24);

fn round8(n: u64) -> u64 {
    n.wrapping_add(7) & !7
}

impl VaList {
    /// A va_list over a register-save area and a stack area with no
    /// register consumed yet (what an interpreter shim builds).
    pub fn new(reg_save_area: *mut u8, overflow_arg_area: *mut u8) -> VaList {
        VaList {
            gp_offset: 0,
            fp_offset: GP_END,
            overflow_arg_area,
            reg_save_area,
        }
    }

    fn take_stack(&mut self, size: u64, align16: bool) -> *mut u8 {
        let mut p = self.overflow_arg_area as usize;
        if align16 {
            p = (p + 15) & !15;
        }
        self.overflow_arg_area = p.wrapping_add(size as usize) as *mut u8;
        p as *mut u8
    }

    /// C's `va_arg(ap, T)` for a scalar type: returns the address of the
    /// next argument of type `ty` and advances. Integer types, `p` and any
    /// other non-float type use the integer registers; `f` and `d` the XMM
    /// registers (a `f` is binary32 in the low 4 bytes of its slot); `ld` is
    /// always on the stack, 16-byte aligned.
    ///
    /// This only computes addresses; it never dereferences anything.
    pub fn arg_addr(&mut self, ty: Type) -> *mut u8 {
        match ty {
            Type::F | Type::D => {
                if self.fp_offset <= FP_END - 16 {
                    let p = (self.reg_save_area as usize).wrapping_add(self.fp_offset as usize);
                    self.fp_offset += 16;
                    p as *mut u8
                } else {
                    self.take_stack(8, false)
                }
            }
            Type::LD => self.take_stack(16, true),
            _ => {
                if self.gp_offset <= GP_END - 8 {
                    let p = (self.reg_save_area as usize).wrapping_add(self.gp_offset as usize);
                    self.gp_offset += 8;
                    p as *mut u8
                } else {
                    self.take_stack(8, false)
                }
            }
        }
    }

    /// MIR's `va_block_arg dest, va, size, case`: copies the next block
    /// argument of `size` bytes, passed with SysV `case` (spec §6.3; values
    /// other than 1–4 mean 0, memory), to `dest` and advances. Register
    /// classes are checked for exhaustion as a C callee would (the ref's
    /// quirk of not checking XMM exhaustion for case 2 is not reproduced).
    ///
    /// # Safety
    /// The va_list must describe valid argument memory holding a block of
    /// this size and case, and `dest` must be writable for `size` bytes.
    pub unsafe fn block_arg(&mut self, dest: *mut u8, size: u64, case: u64) {
        let n = round8(size) / 8;
        let regs = self.reg_save_area as usize;
        // (source, bytes) of each eightbyte taken from registers.
        let mut from_regs: [(usize, u64); 2] = [(0, 0); 2];
        let in_regs = if size == 0 {
            true
        } else if n > 2 {
            false
        } else {
            let gp = self.gp_offset as u64;
            let fp = self.fp_offset as u64;
            let classes: [bool; 2] = match (case, n) {
                // true = INTEGER, false = SSE
                (1, _) => [true, true],
                (2, _) => [false, false],
                (3, 1) => [true, true],
                (3, _) => [true, false],
                (4, 1) => [false, false],
                (4, _) => [false, true],
                _ => return self.block_from_stack(dest, size),
            };
            let need_gp = classes[..n as usize].iter().filter(|&&c| c).count() as u64;
            let need_fp = n - need_gp;
            if gp + 8 * need_gp > GP_END as u64 || fp + 16 * need_fp > FP_END as u64 {
                false
            } else {
                let (mut g, mut f) = (gp, fp);
                for (i, &int) in classes[..n as usize].iter().enumerate() {
                    let bytes = (size - 8 * i as u64).min(8);
                    if int {
                        from_regs[i] = (regs.wrapping_add(g as usize), bytes);
                        g += 8;
                    } else {
                        from_regs[i] = (regs.wrapping_add(f as usize), bytes);
                        f += 16;
                    }
                }
                self.gp_offset = g as u32;
                self.fp_offset = f as u32;
                true
            }
        };
        if !in_regs {
            return self.block_from_stack(dest, size);
        }
        for (i, &(src, bytes)) in from_regs[..n as usize].iter().enumerate() {
            // SAFETY: the source is a register slot of the save area (caller
            // guarantees it is valid), the destination is inside `dest`.
            unsafe {
                core::ptr::copy_nonoverlapping(src as *const u8, dest.add(8 * i), bytes as usize)
            };
        }
    }

    unsafe fn block_from_stack(&mut self, dest: *mut u8, size: u64) {
        let src = self.take_stack(round8(size), false);
        // SAFETY: the caller guarantees the stack area holds the block and
        // `dest` is writable for `size` bytes.
        unsafe { core::ptr::copy_nonoverlapping(src, dest, size as usize) };
    }
}

/// Arguments laid out as a SysV caller would pass them: a register-save
/// area image and the stack argument area. Used to call interpreted
/// variadic functions from interpreted code so that they read their
/// arguments through a real [`VaList`].
#[derive(Clone)]
pub struct ArgImage {
    /// RDI…R9 at 0…40, XMM0…XMM7 at 48…160 (16 bytes each).
    pub regs: [u8; REG_SAVE_AREA_SIZE],
    /// The stack argument area, starting 16-byte aligned.
    pub stack: Vec<u8>,
    gp: usize,
    fp: usize,
}

impl Default for ArgImage {
    fn default() -> Self {
        ArgImage::new()
    }
}

impl ArgImage {
    pub fn new() -> ArgImage {
        ArgImage {
            regs: [0; REG_SAVE_AREA_SIZE],
            stack: Vec::new(),
            gp: 0,
            fp: 0,
        }
    }

    /// Empties the image for reuse.
    pub fn reset(&mut self) {
        self.regs = [0; REG_SAVE_AREA_SIZE];
        self.stack.clear();
        self.gp = 0;
        self.fp = 0;
    }

    fn push_stack(&mut self, bytes: &[u8], align16: bool) {
        if align16 {
            while !self.stack.len().is_multiple_of(16) {
                self.stack.push(0);
            }
        }
        self.stack.extend_from_slice(bytes);
        while !self.stack.len().is_multiple_of(8) {
            self.stack.push(0);
        }
    }

    fn push_int(&mut self, v: u64) {
        if self.gp < 6 {
            self.regs[self.gp * 8..self.gp * 8 + 8].copy_from_slice(&v.to_le_bytes());
            self.gp += 1;
        } else {
            self.push_stack(&v.to_le_bytes(), false);
        }
    }

    fn push_sse(&mut self, bits: u64) {
        if self.fp < 8 {
            let o = 48 + self.fp * 16;
            self.regs[o..o + 8].copy_from_slice(&bits.to_le_bytes());
            self.regs[o + 8..o + 16].fill(0);
            self.fp += 1;
        } else {
            self.push_stack(&bits.to_le_bytes(), false);
        }
    }

    /// Appends one argument. Integers are converted to the kind's width and
    /// extension; `f` travels as binary32 in the low half of its slot; for
    /// blocks `val` holds the block's address.
    ///
    /// # Safety
    /// For [`ArgKind::Blk`] the address in `val` must be readable for the
    /// block's size.
    pub unsafe fn push(&mut self, kind: ArgKind, val: &Val) {
        let v = val.i64() as u64;
        match kind {
            ArgKind::I8 => self.push_int(v as i8 as i64 as u64),
            ArgKind::U8 => self.push_int(v as u8 as u64),
            ArgKind::I16 => self.push_int(v as i16 as i64 as u64),
            ArgKind::U16 => self.push_int(v as u16 as u64),
            ArgKind::I32 => self.push_int(v as i32 as i64 as u64),
            ArgKind::U32 => self.push_int(v as u32 as u64),
            ArgKind::I64 | ArgKind::RBlk { .. } => self.push_int(v),
            ArgKind::F => self.push_sse(val.f32().to_bits() as u64),
            ArgKind::D => self.push_sse(v),
            ArgKind::LD => self.push_stack(&val.bytes, true),
            ArgKind::Blk { case, size } => {
                let size = size as usize;
                let mut data = vec![0u8; (size + 7) & !7];
                // SAFETY: the caller guarantees the block is readable.
                unsafe { core::ptr::copy_nonoverlapping(v as *const u8, data.as_mut_ptr(), size) };
                let n = data.len() / 8;
                let eb = |i: usize| u64::from_le_bytes(data[i * 8..i * 8 + 8].try_into().unwrap());
                let classes: Option<[bool; 2]> = match (case, n) {
                    (_, 0) => Some([true, true]),
                    (_, 3..) => None,
                    (1, _) => Some([true, true]),
                    (2, _) => Some([false, false]),
                    (3, 1) => Some([true, true]),
                    (3, _) => Some([true, false]),
                    (4, 1) => Some([false, false]),
                    (4, _) => Some([false, true]),
                    _ => None,
                };
                let fits = classes.filter(|cl| {
                    let need_gp = cl[..n].iter().filter(|&&c| c).count();
                    self.gp + need_gp <= 6 && self.fp + (n - need_gp) <= 8
                });
                match fits {
                    Some(cl) => {
                        for (i, &int) in cl[..n].iter().enumerate() {
                            if int {
                                self.push_int(eb(i));
                            } else {
                                self.push_sse(eb(i));
                            }
                        }
                    }
                    None => self.push_stack(&data, false),
                }
            }
        }
    }

    /// Copies the image to `regs_dst` (176 bytes) and `stack_dst`
    /// (`self.stack.len()` bytes, 16-byte aligned) and returns a va_list
    /// over the copy with no register consumed.
    ///
    /// # Safety
    /// The destinations must be writable for those sizes.
    pub unsafe fn place(&self, regs_dst: *mut u8, stack_dst: *mut u8) -> VaList {
        // SAFETY: the caller guarantees both destinations.
        unsafe {
            core::ptr::copy_nonoverlapping(self.regs.as_ptr(), regs_dst, REG_SAVE_AREA_SIZE);
            core::ptr::copy_nonoverlapping(self.stack.as_ptr(), stack_dst, self.stack.len());
        }
        VaList::new(regs_dst, stack_dst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(args: &[(ArgKind, Val)]) -> ArgImage {
        let mut im = ArgImage::new();
        for (k, v) in args {
            // SAFETY: block arguments in these tests point at live arrays.
            unsafe { im.push(*k, v) };
        }
        im
    }

    unsafe fn read_i64(p: *mut u8) -> i64 {
        // SAFETY: forwarded.
        unsafe { (p as *const i64).read_unaligned() }
    }

    #[test]
    fn scalars_round_trip_through_registers_and_stack() {
        let mut args = Vec::new();
        for i in 0..9 {
            args.push((ArgKind::I64, Val::from_i64(100 + i)));
            args.push((ArgKind::D, Val::from_f64(i as f64 + 0.5)));
        }
        args.push((ArgKind::LD, Val::from_f80_bytes([7; 10])));
        args.push((ArgKind::I32, Val::from_i64(-1)));
        let im = image(&args);
        let mut regs = [0u8; REG_SAVE_AREA_SIZE];
        let mut stack = vec![0u8; im.stack.len() + 16];
        // SAFETY: sizes as required.
        let mut va = unsafe { im.place(regs.as_mut_ptr(), stack.as_mut_ptr()) };
        for i in 0..9 {
            let p = va.arg_addr(Type::I64);
            // SAFETY: inside regs/stack.
            assert_eq!(unsafe { read_i64(p) }, 100 + i);
            let p = va.arg_addr(Type::D);
            // SAFETY: inside regs/stack.
            assert_eq!(
                unsafe { (p as *const f64).read_unaligned() },
                i as f64 + 0.5
            );
        }
        let p = va.arg_addr(Type::LD);
        assert_eq!(p as usize % 16, stack.as_ptr() as usize % 16);
        // SAFETY: inside stack.
        assert_eq!(unsafe { *p.add(9) }, 7);
        let p = va.arg_addr(Type::I32);
        // SAFETY: inside stack.
        assert_eq!(unsafe { read_i64(p) }, -1);
    }

    #[test]
    fn blocks_follow_their_case() {
        let a: [u8; 16] = core::array::from_fn(|i| i as u8);
        let b: [u8; 12] = core::array::from_fn(|i| 100 + i as u8);
        let c: [u8; 24] = core::array::from_fn(|i| 50 + i as u8);
        let addr = |p: *const u8| Val::from_i64(p as i64);
        let mut args = vec![(ArgKind::I64, Val::from_i64(1)); 5];
        args.push((ArgKind::Blk { case: 1, size: 16 }, addr(a.as_ptr()))); // needs 2 gp: stack
        args.push((ArgKind::Blk { case: 3, size: 12 }, addr(b.as_ptr()))); // needs gp+fp: fits
        args.push((ArgKind::Blk { case: 0, size: 24 }, addr(c.as_ptr())));
        args.push((ArgKind::Blk { case: 2, size: 16 }, addr(a.as_ptr())));
        let im = image(&args);
        let mut regs = [0u8; REG_SAVE_AREA_SIZE];
        let mut stack = vec![0u8; im.stack.len()];
        // SAFETY: sizes as required.
        let mut va = unsafe { im.place(regs.as_mut_ptr(), stack.as_mut_ptr()) };
        for _ in 0..5 {
            va.arg_addr(Type::I64);
        }
        let mut out = [0u8; 24];
        // SAFETY: the image holds these blocks; out is big enough.
        unsafe { va.block_arg(out.as_mut_ptr(), 16, 1) };
        assert_eq!(out[..16], a);
        assert_eq!(va.gp_offset, 40);
        // SAFETY: as above.
        unsafe { va.block_arg(out.as_mut_ptr(), 12, 3) };
        assert_eq!(out[..12], b);
        assert_eq!((va.gp_offset, va.fp_offset), (48, 64));
        // SAFETY: as above.
        unsafe { va.block_arg(out.as_mut_ptr(), 24, 0) };
        assert_eq!(out, c);
        // SAFETY: as above.
        unsafe { va.block_arg(out.as_mut_ptr(), 16, 2) };
        assert_eq!(out[..16], a);
        assert_eq!(va.fp_offset, 96);
    }
}
