//! A tiny x86-64 machine-code emitter for the bridge's stubs.
//!
//! The native bridge generates only a handful of instruction forms (thunks,
//! ff-call stubs, shim and wrapper entry stubs), so it owns this small
//! encoder instead of depending on the full encoders of `mirage-target`.
//! Every method appends exactly one instruction to a byte buffer. Memory
//! operands are `[base + disp]` (with the shortest displacement form) or
//! `[rip + disp32]`. The unit tests pin every form's bytes; those expected
//! bytes were checked by decoding them with GNU objdump.

/// A general-purpose 64-bit register, numbered as in the ModRM encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Gp {
    Rax = 0,
    Rcx = 1,
    Rdx = 2,
    Rbx = 3,
    Rsp = 4,
    Rbp = 5,
    Rsi = 6,
    Rdi = 7,
    R8 = 8,
    R9 = 9,
    R10 = 10,
    R11 = 11,
    R12 = 12,
    R13 = 13,
    R14 = 14,
    R15 = 15,
}

impl Gp {
    #[inline]
    fn low(self) -> u8 {
        self as u8 & 7
    }
    #[inline]
    fn ext(self) -> u8 {
        (self as u8 >> 3) & 1
    }
}

/// The SysV integer argument registers, in order.
pub const GP_ARGS: [Gp; 6] = [Gp::Rdi, Gp::Rsi, Gp::Rdx, Gp::Rcx, Gp::R8, Gp::R9];

/// An XMM register `xmm0`..`xmm15`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Xmm(pub u8);

impl Xmm {
    #[inline]
    fn low(self) -> u8 {
        self.0 & 7
    }
    #[inline]
    fn ext(self) -> u8 {
        (self.0 >> 3) & 1
    }
}

/// A memory operand `[base + disp]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mem {
    pub base: Gp,
    pub disp: i32,
}

/// Shorthand for `[base + disp]`.
#[inline]
pub fn mem(base: Gp, disp: i32) -> Mem {
    Mem { base, disp }
}

/// Operand width of an integer load that extends to 64 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Load {
    /// `movsx r64, byte`
    S8,
    /// `movzx r32, byte` (zero-extends to 64)
    U8,
    S16,
    U16,
    /// `movsxd r64, dword`
    S32,
    /// `mov r32, dword` (zero-extends to 64)
    U32,
    /// `mov r64, qword`
    Q,
}

/// An instruction buffer. `rip`-relative forms take a displacement from
/// the end of the instruction; the caller computes it from the address the
/// buffer will be placed at.
#[derive(Clone, Debug, Default)]
pub struct Asm {
    bytes: Vec<u8>,
}

impl Asm {
    pub fn new() -> Asm {
        Asm { bytes: Vec::new() }
    }
    /// The encoded bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
    /// Current length (= offset of the next instruction).
    pub fn len(&self) -> usize {
        self.bytes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
    /// Appends raw bytes (data or padding).
    pub fn raw(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }
    /// Pads with `int3` up to a multiple of `align`.
    pub fn align_int3(&mut self, align: usize) {
        while !self.bytes.len().is_multiple_of(align) {
            self.bytes.push(0xCC);
        }
    }

    fn rex(&mut self, w: bool, r: u8, x: u8, b: u8, force: bool) {
        let v = 0x40 | (u8::from(w) << 3) | (r << 2) | (x << 1) | b;
        if v != 0x40 || force {
            self.bytes.push(v);
        }
    }

    /// ModRM (+SIB, +disp) for `reg` field and memory operand `m`.
    fn modrm_mem(&mut self, reg: u8, m: Mem) {
        let base = m.base.low();
        let (md, d8) = if m.disp == 0 && base != 5 {
            (0u8, false)
        } else if i8::try_from(m.disp).is_ok() {
            (1, true)
        } else {
            (2, false)
        };
        self.bytes.push((md << 6) | ((reg & 7) << 3) | base);
        if base == 4 {
            self.bytes.push(0x24); // SIB: no index, base = rsp/r12
        }
        match md {
            1 if d8 => self.bytes.push(m.disp as i8 as u8),
            2 => self.bytes.extend_from_slice(&m.disp.to_le_bytes()),
            _ => {}
        }
    }

    fn modrm_reg(&mut self, reg: u8, rm: u8) {
        self.bytes.push(0xC0 | ((reg & 7) << 3) | (rm & 7));
    }

    /// `op r, [m]` with optional REX.W, for a one- or two-byte opcode.
    fn op_rm(&mut self, w: bool, opcode: &[u8], reg: u8, m: Mem) {
        self.rex(w, (reg >> 3) & 1, 0, m.base.ext(), false);
        self.bytes.extend_from_slice(opcode);
        self.modrm_mem(reg, m);
    }

    /// `op reg, rm` register-register form.
    fn op_rr(&mut self, w: bool, opcode: &[u8], reg: u8, rm: u8) {
        self.rex(w, (reg >> 3) & 1, 0, (rm >> 3) & 1, false);
        self.bytes.extend_from_slice(opcode);
        self.modrm_reg(reg, rm);
    }

    // ---- stack and control ----

    pub fn push(&mut self, r: Gp) {
        self.rex(false, 0, 0, r.ext(), false);
        self.bytes.push(0x50 + r.low());
    }
    pub fn pop(&mut self, r: Gp) {
        self.rex(false, 0, 0, r.ext(), false);
        self.bytes.push(0x58 + r.low());
    }
    pub fn ret(&mut self) {
        self.bytes.push(0xC3);
    }
    pub fn int3(&mut self) {
        self.bytes.push(0xCC);
    }
    pub fn ud2(&mut self) {
        self.bytes.extend_from_slice(&[0x0F, 0x0B]);
    }
    /// `call r64`
    pub fn call_r(&mut self, r: Gp) {
        self.op_rr(false, &[0xFF], 2, r as u8);
    }
    /// `jmp r64`
    pub fn jmp_r(&mut self, r: Gp) {
        self.op_rr(false, &[0xFF], 4, r as u8);
    }
    /// `call qword ptr [m]`
    pub fn call_m(&mut self, m: Mem) {
        self.op_rm(false, &[0xFF], 2, m);
    }
    /// `jmp qword ptr [rip + disp]`, where `disp` is relative to the end of
    /// this 6-byte instruction.
    pub fn jmp_rip(&mut self, disp: i32) {
        self.bytes.extend_from_slice(&[0xFF, 0x25]);
        self.bytes.extend_from_slice(&disp.to_le_bytes());
    }
    /// `lea r, [rip + disp]` (7 bytes), `disp` relative to the end.
    pub fn lea_rip(&mut self, r: Gp, disp: i32) {
        self.rex(true, r.ext(), 0, 0, false);
        self.bytes.push(0x8D);
        self.bytes.push(((r.low()) << 3) | 5);
        self.bytes.extend_from_slice(&disp.to_le_bytes());
    }

    // ---- integer moves ----

    /// `mov dst, src` (64-bit).
    pub fn mov_rr(&mut self, dst: Gp, src: Gp) {
        self.op_rr(true, &[0x8B], dst as u8, src as u8);
    }
    /// `mov r64, qword [m]`
    pub fn mov_rm(&mut self, dst: Gp, m: Mem) {
        self.op_rm(true, &[0x8B], dst as u8, m);
    }
    /// `mov qword [m], r64`
    pub fn mov_mr(&mut self, m: Mem, src: Gp) {
        self.op_rm(true, &[0x89], src as u8, m);
    }
    /// `mov dword [m], r32`
    pub fn mov_mr32(&mut self, m: Mem, src: Gp) {
        self.op_rm(false, &[0x89], src as u8, m);
    }
    /// `mov dword [m], imm32`
    pub fn mov_m32_imm(&mut self, m: Mem, imm: u32) {
        self.op_rm(false, &[0xC7], 0, m);
        self.bytes.extend_from_slice(&imm.to_le_bytes());
    }
    /// Loads from memory into a 64-bit register with the given extension.
    pub fn load(&mut self, dst: Gp, m: Mem, how: Load) {
        let d = dst as u8;
        match how {
            Load::S8 => self.op_rm(true, &[0x0F, 0xBE], d, m),
            Load::U8 => self.op_rm(false, &[0x0F, 0xB6], d, m),
            Load::S16 => self.op_rm(true, &[0x0F, 0xBF], d, m),
            Load::U16 => self.op_rm(false, &[0x0F, 0xB7], d, m),
            Load::S32 => self.op_rm(true, &[0x63], d, m),
            Load::U32 => self.op_rm(false, &[0x8B], d, m),
            Load::Q => self.op_rm(true, &[0x8B], d, m),
        }
    }
    /// Extends the low part of `r` in place to 64 bits (`how` = `Q` is a
    /// no-op). Only used for `rax` and `rdx`, whose low bytes need no REX.
    pub fn extend_in_place(&mut self, r: Gp, how: Load) {
        let d = r as u8;
        match how {
            Load::S8 => self.op_rr(true, &[0x0F, 0xBE], d, d),
            Load::U8 => self.op_rr(false, &[0x0F, 0xB6], d, d),
            Load::S16 => self.op_rr(true, &[0x0F, 0xBF], d, d),
            Load::U16 => self.op_rr(false, &[0x0F, 0xB7], d, d),
            Load::S32 => self.op_rr(true, &[0x63], d, d),
            Load::U32 => self.op_rr(false, &[0x8B], d, d),
            Load::Q => {}
        }
    }
    /// `mov r32, imm32` (zero-extends).
    pub fn mov_r32_imm(&mut self, r: Gp, imm: u32) {
        self.rex(false, 0, 0, r.ext(), false);
        self.bytes.push(0xB8 + r.low());
        self.bytes.extend_from_slice(&imm.to_le_bytes());
    }
    /// `movabs r64, imm64`
    pub fn mov_r64_imm(&mut self, r: Gp, imm: u64) {
        self.rex(true, 0, 0, r.ext(), false);
        self.bytes.push(0xB8 + r.low());
        self.bytes.extend_from_slice(&imm.to_le_bytes());
    }
    /// `lea r64, [m]`
    pub fn lea(&mut self, dst: Gp, m: Mem) {
        self.op_rm(true, &[0x8D], dst as u8, m);
    }
    /// `sub r64, imm32`
    pub fn sub_imm(&mut self, r: Gp, imm: i32) {
        self.op_rr(true, &[0x81], 5, r as u8);
        self.bytes.extend_from_slice(&imm.to_le_bytes());
    }
    /// `add r64, imm32`
    pub fn add_imm(&mut self, r: Gp, imm: i32) {
        self.op_rr(true, &[0x81], 0, r as u8);
        self.bytes.extend_from_slice(&imm.to_le_bytes());
    }
    /// `shl r64, imm8`
    pub fn shl_imm(&mut self, r: Gp, imm: u8) {
        self.op_rr(true, &[0xC1], 4, r as u8);
        self.bytes.push(imm);
    }
    /// `sub dst, src` (64-bit)
    pub fn sub_rr(&mut self, dst: Gp, src: Gp) {
        self.op_rr(true, &[0x2B], dst as u8, src as u8);
    }
    /// `or dst, src` (64-bit)
    pub fn or_rr(&mut self, dst: Gp, src: Gp) {
        self.op_rr(true, &[0x0B], dst as u8, src as u8);
    }
    /// `rep movsb`
    pub fn rep_movsb(&mut self) {
        self.bytes.extend_from_slice(&[0xF3, 0xA4]);
    }

    // ---- SSE and x87 ----

    fn sse_rm(&mut self, prefix: u8, w: bool, op: u8, reg: u8, m: Mem) {
        self.bytes.push(prefix);
        self.rex(w, (reg >> 3) & 1, 0, m.base.ext(), false);
        self.bytes.extend_from_slice(&[0x0F, op]);
        self.modrm_mem(reg, m);
    }
    /// `movss xmm, dword [m]`
    pub fn movss_load(&mut self, x: Xmm, m: Mem) {
        self.sse_rm(0xF3, false, 0x10, x.0, m);
    }
    /// `movss dword [m], xmm`
    pub fn movss_store(&mut self, m: Mem, x: Xmm) {
        self.sse_rm(0xF3, false, 0x11, x.0, m);
    }
    /// `movsd xmm, qword [m]`
    pub fn movsd_load(&mut self, x: Xmm, m: Mem) {
        self.sse_rm(0xF2, false, 0x10, x.0, m);
    }
    /// `movsd qword [m], xmm`
    pub fn movsd_store(&mut self, m: Mem, x: Xmm) {
        self.sse_rm(0xF2, false, 0x11, x.0, m);
    }
    /// `movq xmm, r64`
    pub fn movq_xr(&mut self, x: Xmm, r: Gp) {
        self.bytes.push(0x66);
        self.rex(true, x.ext(), 0, r.ext(), false);
        self.bytes.extend_from_slice(&[0x0F, 0x6E]);
        self.modrm_reg(x.low(), r.low());
    }
    /// `fld tbyte [m]`
    pub fn fld80(&mut self, m: Mem) {
        self.op_rm(false, &[0xDB], 5, m);
    }
    /// `fstp tbyte [m]`
    pub fn fstp80(&mut self, m: Mem) {
        self.op_rm(false, &[0xDB], 7, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(f: impl FnOnce(&mut Asm)) -> Vec<u8> {
        let mut a = Asm::new();
        f(&mut a);
        a.into_bytes()
    }

    // Expected bytes decode (GNU objdump -M intel) to the instruction named.
    #[test]
    fn golden_encodings() {
        let cases: Vec<(Vec<u8>, &[u8])> = vec![
            (enc(|a| a.push(Gp::Rbp)), &[0x55]),
            (enc(|a| a.push(Gp::R12)), &[0x41, 0x54]),
            (enc(|a| a.pop(Gp::R12)), &[0x41, 0x5C]),
            (enc(|a| a.mov_rr(Gp::Rbp, Gp::Rsp)), &[0x48, 0x8B, 0xEC]),
            (enc(|a| a.mov_rr(Gp::R12, Gp::Rdi)), &[0x4C, 0x8B, 0xE7]),
            (
                enc(|a| a.mov_rm(Gp::Rax, mem(Gp::Rbx, 16))),
                &[0x48, 0x8B, 0x43, 0x10],
            ),
            (
                enc(|a| a.mov_rm(Gp::R9, mem(Gp::Rbx, 0x200))),
                &[0x4C, 0x8B, 0x8B, 0x00, 0x02, 0, 0],
            ),
            (
                enc(|a| a.mov_rm(Gp::Rax, mem(Gp::R10, 0))),
                &[0x49, 0x8B, 0x02],
            ),
            (
                enc(|a| a.mov_rm(Gp::Rax, mem(Gp::R13, 0))),
                &[0x49, 0x8B, 0x45, 0x00],
            ),
            (
                enc(|a| a.mov_mr(mem(Gp::Rsp, 8), Gp::Rax)),
                &[0x48, 0x89, 0x44, 0x24, 0x08],
            ),
            (
                enc(|a| a.mov_mr(mem(Gp::R12, 0), Gp::R11)),
                &[0x4D, 0x89, 0x1C, 0x24],
            ),
            (
                enc(|a| a.load(Gp::Rdi, mem(Gp::Rbx, 32), Load::S8)),
                &[0x48, 0x0F, 0xBE, 0x7B, 0x20],
            ),
            (
                enc(|a| a.load(Gp::Rsi, mem(Gp::Rbx, 32), Load::U8)),
                &[0x0F, 0xB6, 0x73, 0x20],
            ),
            (
                enc(|a| a.load(Gp::R8, mem(Gp::Rbx, 32), Load::S16)),
                &[0x4C, 0x0F, 0xBF, 0x43, 0x20],
            ),
            (
                enc(|a| a.load(Gp::R9, mem(Gp::Rbx, 32), Load::U16)),
                &[0x44, 0x0F, 0xB7, 0x4B, 0x20],
            ),
            (
                enc(|a| a.load(Gp::Rcx, mem(Gp::Rbx, 32), Load::S32)),
                &[0x48, 0x63, 0x4B, 0x20],
            ),
            (
                enc(|a| a.load(Gp::Rdx, mem(Gp::Rbx, 32), Load::U32)),
                &[0x8B, 0x53, 0x20],
            ),
            (
                enc(|a| a.extend_in_place(Gp::Rax, Load::S8)),
                &[0x48, 0x0F, 0xBE, 0xC0],
            ),
            (
                enc(|a| a.extend_in_place(Gp::Rdx, Load::U16)),
                &[0x0F, 0xB7, 0xD2],
            ),
            (
                enc(|a| a.extend_in_place(Gp::Rdx, Load::S32)),
                &[0x48, 0x63, 0xD2],
            ),
            (
                enc(|a| a.extend_in_place(Gp::Rax, Load::U32)),
                &[0x8B, 0xC0],
            ),
            (enc(|a| a.mov_r32_imm(Gp::Rax, 8)), &[0xB8, 8, 0, 0, 0]),
            (enc(|a| a.mov_r32_imm(Gp::R9, 1)), &[0x41, 0xB9, 1, 0, 0, 0]),
            (
                enc(|a| a.mov_r64_imm(Gp::R11, 0x1122334455667788)),
                &[0x49, 0xBB, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11],
            ),
            (
                enc(|a| a.lea(Gp::Rdi, mem(Gp::Rsp, 0x10))),
                &[0x48, 0x8D, 0x7C, 0x24, 0x10],
            ),
            (
                enc(|a| a.lea(Gp::Rsp, mem(Gp::Rbp, -16))),
                &[0x48, 0x8D, 0x65, 0xF0],
            ),
            (
                enc(|a| a.sub_imm(Gp::Rsp, 0x40)),
                &[0x48, 0x81, 0xEC, 0x40, 0, 0, 0],
            ),
            (
                enc(|a| a.add_imm(Gp::Rsp, 0x40)),
                &[0x48, 0x81, 0xC4, 0x40, 0, 0, 0],
            ),
            (enc(|a| a.shl_imm(Gp::Rax, 16)), &[0x48, 0xC1, 0xE0, 0x10]),
            (enc(|a| a.or_rr(Gp::Rax, Gp::R11)), &[0x49, 0x0B, 0xC3]),
            (enc(|a| a.sub_rr(Gp::Rdx, Gp::R12)), &[0x49, 0x2B, 0xD4]),
            (enc(|a| a.call_r(Gp::R12)), &[0x41, 0xFF, 0xD4]),
            (enc(|a| a.jmp_r(Gp::R11)), &[0x41, 0xFF, 0xE3]),
            (
                enc(|a| a.call_m(mem(Gp::R10, 8))),
                &[0x41, 0xFF, 0x52, 0x08],
            ),
            (enc(|a| a.jmp_rip(0x100)), &[0xFF, 0x25, 0x00, 0x01, 0, 0]),
            (
                enc(|a| a.lea_rip(Gp::R10, 3)),
                &[0x4C, 0x8D, 0x15, 3, 0, 0, 0],
            ),
            (
                enc(|a| a.movss_load(Xmm(0), mem(Gp::Rbx, 48))),
                &[0xF3, 0x0F, 0x10, 0x43, 0x30],
            ),
            (
                enc(|a| a.movss_load(Xmm(7), mem(Gp::R10, 8))),
                &[0xF3, 0x41, 0x0F, 0x10, 0x7A, 0x08],
            ),
            (
                enc(|a| a.movsd_load(Xmm(3), mem(Gp::Rbx, 48))),
                &[0xF2, 0x0F, 0x10, 0x5B, 0x30],
            ),
            (
                enc(|a| a.movss_store(mem(Gp::Rbx, 0), Xmm(1))),
                &[0xF3, 0x0F, 0x11, 0x0B],
            ),
            (
                enc(|a| a.movsd_store(mem(Gp::Rbx, 16), Xmm(0))),
                &[0xF2, 0x0F, 0x11, 0x43, 0x10],
            ),
            (
                enc(|a| a.movq_xr(Xmm(5), Gp::Rax)),
                &[0x66, 0x48, 0x0F, 0x6E, 0xE8],
            ),
            (enc(|a| a.fld80(mem(Gp::Rbx, 16))), &[0xDB, 0x6B, 0x10]),
            (enc(|a| a.fstp80(mem(Gp::Rbx, 32))), &[0xDB, 0x7B, 0x20]),
            (enc(|a| a.rep_movsb()), &[0xF3, 0xA4]),
            (
                enc(|a| a.mov_m32_imm(mem(Gp::Rsp, 4), 48)),
                &[0xC7, 0x44, 0x24, 0x04, 48, 0, 0, 0],
            ),
            (
                enc(|a| a.mov_mr32(mem(Gp::Rsp, 0), Gp::Rax)),
                &[0x89, 0x04, 0x24],
            ),
            (enc(|a| a.ud2()), &[0x0F, 0x0B]),
        ];
        for (i, (got, want)) in cases.iter().enumerate() {
            assert_eq!(got.as_slice(), *want, "case {i}");
        }
    }
}
