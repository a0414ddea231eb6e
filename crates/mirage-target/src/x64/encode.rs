//! The x86-64 encoder: [`Inst`] to bytes, with labels, fixups and
//! relocations.
//!
//! # Labels and fixups
//!
//! A [`Label`] names a code position that may not be known yet. Every use of
//! a label (a branch, a `[rip+label]` operand, a jump-table entry) writes a
//! placeholder and records a *fixup*; [`Asm::finish`] patches all fixups
//! once every label is bound. Three fixup kinds exist:
//!
//! * `rel8` — short branches (`EB`, `70+cc`): `target - end_of_branch`;
//! * `rel32` — near branches and rip-relative operands:
//!   `target + addend - end_of_instruction` (the end, not the end of the
//!   displacement field, because an immediate may follow it);
//! * `table` — jump-table entries: `target - table_start`, so a table is
//!   position independent (`switch` adds the entry to the table address).
//!
//! # Branch sizes
//!
//! A backward branch whose target is already bound is short when it fits.
//! A forward branch is short unless its *ordinal* (the count of branches
//! emitted before it) is in the set given to [`Asm::with_long_branches`].
//! When a short forward branch turns out not to reach, `finish` fails with
//! the ordinals of all such branches; the caller adds them to the set and
//! emits again. Branches only grow between rounds, so this terminates, and
//! the result depends only on the input (no heuristics with memory).
//! This is the simple cousin of Cranelift's `MachBuffer` branch handling.
//!
//! # Relocations
//!
//! Addresses outside the code that a rip-relative operand or `call rel32`
//! reaches ([`Amode::Abs`], [`Inst::CallRel`]) are not known until the
//! runtime places the code; they become [`Reloc`]s.

use super::inst::{alu_info, sse_info, x87_info, x87_st_info, Amode, FpSize, Inst};
use super::regs::{Cond, Gpr, Label, Size};
use std::fmt;

const UNBOUND: u32 = u32::MAX;

/// A relocation: write the `i32` value `target + addend - (code_address +
/// offset)` at `offset` once the code's address is known (the ELF
/// `R_X86_64_PC32` rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reloc {
    /// Offset of the 4-byte field in the code.
    pub offset: u32,
    /// Absolute target address.
    pub target: u64,
    /// Added to the target (minus the distance from the field to the end
    /// of the instruction).
    pub addend: i64,
}

impl Reloc {
    /// The value to store when the code starts at `code_address`; `None` if
    /// the target is out of rel32 reach.
    pub fn value(&self, code_address: u64) -> Option<i32> {
        let p = code_address.wrapping_add(self.offset as u64) as i128;
        let v = self.target as i128 + self.addend as i128 - p;
        i32::try_from(v).ok()
    }

    /// Patches `code` (placed at `code_address`). Returns false when the
    /// target is out of reach.
    pub fn apply(&self, code: &mut [u8], code_address: u64) -> bool {
        let Some(v) = self.value(code_address) else {
            return false;
        };
        let at = self.offset as usize;
        match code.get_mut(at..at + 4) {
            Some(field) => {
                field.copy_from_slice(&v.to_le_bytes());
                true
            }
            None => false,
        }
    }
}

/// Why [`Asm::finish`] failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relax {
    /// These branches (by ordinal) were emitted short but do not reach:
    /// emit again with them long.
    ShortBranches(Vec<u32>),
    /// A label was used but never bound.
    Unbound(Label),
}

impl fmt::Display for Relax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Relax::ShortBranches(v) => write!(f, "{} short branches do not reach", v.len()),
            Relax::Unbound(l) => write!(f, "label {l} used but never bound"),
        }
    }
}

/// Finished machine code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Code {
    pub bytes: Vec<u8>,
    pub relocs: Vec<Reloc>,
    /// Offset of every label (`None` if never bound), by label number.
    pub labels: Vec<Option<u32>>,
}

#[derive(Clone, Copy, Debug)]
enum FixKind {
    Rel8 {
        ordinal: u32,
    },
    /// `target + addend - end`.
    Rel32 {
        end: u32,
        addend: i32,
    },
    /// `target - base`.
    Table {
        base: u32,
    },
}

#[derive(Clone, Copy, Debug)]
struct Fixup {
    at: u32,
    label: Label,
    kind: FixKind,
}

/// A rip-relative field of the instruction being encoded, finalized when
/// the instruction ends (its end is then known).
#[derive(Clone, Copy, Debug)]
enum Pending {
    Label(u32, Label, i32),
    Abs(u32, u64),
}

/// The assembler: a byte buffer with labels, fixups and relocations.
#[derive(Clone, Debug, Default)]
pub struct Asm {
    buf: Vec<u8>,
    labels: Vec<u32>,
    fixups: Vec<Fixup>,
    relocs: Vec<Reloc>,
    branches: u32,
    /// Ordinals of forward branches that must be near, indexed by ordinal.
    long: Vec<bool>,
    pending: Option<Pending>,
}

/// The r/m operand of an encoding.
#[derive(Clone, Copy)]
enum Rm<'a> {
    R(u8),
    M(&'a Amode),
}

/// The bytes of one instruction being composed (at most 15 on x86).
struct Bytes {
    b: [u8; 16],
    n: usize,
}

impl Bytes {
    #[inline]
    fn new() -> Bytes {
        Bytes { b: [0; 16], n: 0 }
    }
    #[inline]
    fn b(&mut self, x: u8) {
        self.b[self.n] = x;
        self.n += 1;
    }
    #[inline]
    fn extend(&mut self, xs: &[u8]) {
        self.b[self.n..self.n + xs.len()].copy_from_slice(xs);
        self.n += xs.len();
    }
    #[inline]
    fn i32(&mut self, x: i32) {
        self.extend(&x.to_le_bytes());
    }
    #[inline]
    fn len(&self) -> u32 {
        self.n as u32
    }
    #[inline]
    fn bytes(&self) -> &[u8] {
        &self.b[..self.n]
    }
}

fn fits_i8(v: i64) -> bool {
    v == v as i8 as i64
}

fn scale_bits(s: u8) -> u8 {
    match s {
        1 => 0,
        2 => 1,
        4 => 2,
        8 => 3,
        _ => panic!("bad scale {s}"),
    }
}

impl Asm {
    pub fn new() -> Asm {
        Asm::default()
    }

    /// An assembler whose forward branches with these ordinals are near.
    pub fn with_long_branches(long: &[u32]) -> Asm {
        let mut a = Asm::new();
        for &o in long {
            let o = o as usize;
            if a.long.len() <= o {
                a.long.resize(o + 1, false);
            }
            a.long[o] = true;
        }
        a
    }

    /// Makes room for `bytes` more bytes of code and `refs` more label or
    /// address references (branches, rip-relative operands) without
    /// reallocating.
    pub fn reserve_code(&mut self, bytes: usize, refs: usize) {
        self.buf.reserve(bytes);
        self.fixups.reserve(refs);
    }

    /// Bytes emitted so far.
    pub fn bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Current offset.
    pub fn offset(&self) -> u32 {
        self.buf.len() as u32
    }

    /// A fresh unbound label.
    pub fn new_label(&mut self) -> Label {
        self.labels.push(UNBOUND);
        Label(self.labels.len() as u32 - 1)
    }

    /// Makes sure labels `0..n` exist (callers may number labels themselves).
    pub fn reserve_labels(&mut self, n: usize) {
        if self.labels.len() < n {
            self.labels.resize(n, UNBOUND);
        }
    }

    /// Binds `l` to the current offset.
    pub fn bind(&mut self, l: Label) {
        self.reserve_labels(l.0 as usize + 1);
        debug_assert_eq!(self.labels[l.0 as usize], UNBOUND, "label bound twice");
        self.labels[l.0 as usize] = self.offset();
    }

    /// The offset of a bound label.
    pub fn label_offset(&self, l: Label) -> Option<u32> {
        self.labels
            .get(l.0 as usize)
            .copied()
            .filter(|&o| o != UNBOUND)
    }

    /// Raw bytes (constants, padding).
    pub fn data(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Pads with `fill` to a multiple of `align`.
    pub fn align(&mut self, align: usize, fill: u8) {
        while !self.buf.len().is_multiple_of(align) {
            self.buf.push(fill);
        }
    }

    /// A jump table: one `i32` per label, `label - table_start`.
    pub fn jump_table(&mut self, labels: &[Label]) {
        let base = self.offset();
        for &l in labels {
            let at = self.offset();
            self.fixups.push(Fixup {
                at,
                label: l,
                kind: FixKind::Table { base },
            });
            self.buf.extend_from_slice(&[0; 4]);
        }
    }

    /// Resolves every fixup.
    pub fn finish(mut self) -> Result<Code, Relax> {
        let mut short_fail = Vec::new();
        for fx in &self.fixups {
            let t = match self.labels.get(fx.label.0 as usize) {
                Some(&t) if t != UNBOUND => t as i64,
                _ => return Err(Relax::Unbound(fx.label)),
            };
            let at = fx.at as usize;
            match fx.kind {
                FixKind::Rel8 { ordinal } => {
                    let d = t - (fx.at as i64 + 1);
                    if fits_i8(d) {
                        self.buf[at] = d as i8 as u8;
                    } else {
                        short_fail.push(ordinal);
                    }
                }
                FixKind::Rel32 { end, addend } => {
                    let d = (t + addend as i64 - end as i64) as i32;
                    self.buf[at..at + 4].copy_from_slice(&d.to_le_bytes());
                }
                FixKind::Table { base } => {
                    let d = (t - base as i64) as i32;
                    self.buf[at..at + 4].copy_from_slice(&d.to_le_bytes());
                }
            }
        }
        if !short_fail.is_empty() {
            short_fail.sort_unstable();
            return Err(Relax::ShortBranches(short_fail));
        }
        Ok(Code {
            bytes: self.buf,
            relocs: self.relocs,
            labels: self
                .labels
                .iter()
                .map(|&o| (o != UNBOUND).then_some(o))
                .collect(),
        })
    }

    // ---- low-level encoding ------------------------------------------

    #[inline]
    fn b(&mut self, x: u8) {
        self.buf.push(x);
    }
    #[inline]
    fn i16(&mut self, x: i16) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    #[inline]
    fn i32(&mut self, x: i32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    /// Prefix, REX, opcode, ModRM (+SIB, displacement) for `reg` (a register
    /// number or an opcode extension) and `rm`. `byte_reg`/`byte_rm` say
    /// that the field names an 8-bit register, which needs a REX prefix
    /// for `spl`, `bpl`, `sil`, `dil`. The bytes are composed in a small
    /// array and appended at once (one capacity check per instruction).
    #[allow(clippy::too_many_arguments)]
    fn enc(
        &mut self,
        prefix: u8,
        w: bool,
        op: &[u8],
        reg: u8,
        rm: Rm,
        byte_reg: bool,
        byte_rm: bool,
    ) {
        let mut t = Bytes::new();
        if prefix != 0 {
            t.b(prefix);
        }
        let (x, bb) = match rm {
            Rm::R(r) => (0, r >> 3),
            Rm::M(Amode::Mem { base, index, .. }) => (
                index.map_or(0, |(i, _)| i.index() >> 3),
                base.map_or(0, |b| b.index() >> 3),
            ),
            Rm::M(_) => (0, 0),
        };
        let force = (byte_reg && (4..8).contains(&reg))
            || (byte_rm && matches!(rm, Rm::R(r) if (4..8).contains(&r)));
        let rex = 0x40 | (w as u8) << 3 | ((reg >> 3) & 1) << 2 | x << 1 | bb;
        if rex != 0x40 || force {
            t.b(rex);
        }
        t.extend(op);
        self.modrm(&mut t, reg & 7, rm);
        self.buf.extend_from_slice(t.bytes());
    }

    /// ModRM (+SIB, displacement) into `t`, the bytes of the instruction
    /// being composed (appended at the current offset).
    fn modrm(&mut self, t: &mut Bytes, reg: u8, rm: Rm) {
        match rm {
            Rm::R(r) => t.b(0xC0 | reg << 3 | (r & 7)),
            Rm::M(&Amode::Mem { base, index, disp }) => match (base, index) {
                (None, None) => {
                    t.b(reg << 3 | 4);
                    t.b(0x25);
                    t.i32(disp);
                }
                (None, Some((i, s))) => {
                    assert!(i != Gpr::Rsp, "rsp cannot be an index");
                    t.b(reg << 3 | 4);
                    t.b(scale_bits(s) << 6 | (i.index() & 7) << 3 | 5);
                    t.i32(disp);
                }
                (Some(b), index) => {
                    let bl = b.index() & 7;
                    let md = if disp == 0 && bl != 5 {
                        0
                    } else if fits_i8(disp as i64) {
                        1
                    } else {
                        2
                    };
                    match index {
                        Some((i, s)) => {
                            assert!(i != Gpr::Rsp, "rsp cannot be an index");
                            t.b(md << 6 | reg << 3 | 4);
                            t.b(scale_bits(s) << 6 | (i.index() & 7) << 3 | bl);
                        }
                        None if bl == 4 => {
                            t.b(md << 6 | reg << 3 | 4);
                            t.b(0x24);
                        }
                        None => t.b(md << 6 | reg << 3 | bl),
                    }
                    match md {
                        1 => t.b(disp as i8 as u8),
                        2 => t.i32(disp),
                        _ => {}
                    }
                }
            },
            Rm::M(&Amode::Label(l, addend)) => {
                t.b(reg << 3 | 5);
                let at = self.offset() + t.len();
                self.pending = Some(Pending::Label(at, l, addend));
                t.i32(0);
            }
            Rm::M(&Amode::Abs(target)) => {
                t.b(reg << 3 | 5);
                let at = self.offset() + t.len();
                self.pending = Some(Pending::Abs(at, target));
                t.i32(0);
            }
        }
    }

    /// Records the rip-relative field of the instruction just completed.
    fn end_insn(&mut self) {
        if let Some(p) = self.pending.take() {
            let end = self.offset();
            match p {
                Pending::Label(at, label, addend) => self.fixups.push(Fixup {
                    at,
                    label,
                    kind: FixKind::Rel32 { end, addend },
                }),
                Pending::Abs(at, target) => self.relocs.push(Reloc {
                    offset: at,
                    target,
                    addend: at as i64 - end as i64,
                }),
            }
        }
    }

    fn branch(&mut self, cond: Option<Cond>, target: Label) {
        let ordinal = self.branches;
        self.branches += 1;
        let here = self.offset() as i64;
        let bound = self.label_offset(target).map(|t| t as i64);
        let short = match bound {
            Some(t) => fits_i8(t - (here + 2)),
            None => !self.long.get(ordinal as usize).copied().unwrap_or(false),
        };
        if short {
            self.b(match cond {
                Some(c) => 0x70 | c as u8,
                None => 0xEB,
            });
            match bound {
                Some(t) => self.b((t - (here + 2)) as i8 as u8),
                None => {
                    self.fixups.push(Fixup {
                        at: self.offset(),
                        label: target,
                        kind: FixKind::Rel8 { ordinal },
                    });
                    self.b(0);
                }
            }
        } else {
            match cond {
                Some(c) => {
                    self.b(0x0F);
                    self.b(0x80 | c as u8);
                }
                None => self.b(0xE9),
            }
            let end = self.offset() + 4;
            match bound {
                Some(t) => self.i32((t - end as i64) as i32),
                None => {
                    self.fixups.push(Fixup {
                        at: self.offset(),
                        label: target,
                        kind: FixKind::Rel32 { end, addend: 0 },
                    });
                    self.i32(0);
                }
            }
        }
    }

    /// `(0x66 prefix or 0, REX.W, byte form)` of an integer operand size.
    fn sz(size: Size) -> (u8, bool, bool) {
        match size {
            Size::S8 => (0, false, true),
            Size::S16 => (0x66, false, false),
            Size::S32 => (0, false, false),
            Size::S64 => (0, true, false),
        }
    }

    /// An immediate of the operand size (`ib`, `iw` or `id`).
    fn imm_sized(&mut self, size: Size, imm: i32) {
        match size {
            Size::S8 => self.b(imm as u8),
            Size::S16 => self.i16(imm as i16),
            _ => self.i32(imm),
        }
    }

    /// Group-1 immediate forms: `80 /d ib`, `83 /d ib`, `81 /d iw/id`.
    fn alu_imm(&mut self, digit: u8, size: Size, rm: Rm, imm: i32) {
        let (p, w, byte) = Asm::sz(size);
        if byte {
            self.enc(p, w, &[0x80], digit, rm, false, true);
            self.b(imm as u8);
        } else if fits_i8(imm as i64) {
            self.enc(p, w, &[0x83], digit, rm, false, false);
            self.b(imm as i8 as u8);
        } else {
            self.enc(p, w, &[0x81], digit, rm, false, false);
            self.imm_sized(size, imm);
        }
    }

    /// Appends one instruction.
    pub fn emit(&mut self, inst: &Inst) {
        use Inst::*;
        use Rm::{M, R};
        let g = |r: Gpr| r.index();
        match *inst {
            MovRR { size, dst, src } => {
                let (p, w, byte) = Asm::sz(size);
                let op = if byte { 0x88 } else { 0x89 };
                self.enc(p, w, &[op], g(src), R(g(dst)), byte, byte);
            }
            MovRM { size, dst, ref src } => {
                let (p, w, byte) = Asm::sz(size);
                let op = if byte { 0x8A } else { 0x8B };
                self.enc(p, w, &[op], g(dst), M(src), byte, false);
            }
            MovMR { size, ref dst, src } => {
                let (p, w, byte) = Asm::sz(size);
                let op = if byte { 0x88 } else { 0x89 };
                self.enc(p, w, &[op], g(src), M(dst), byte, false);
            }
            MovRI32 { dst, imm } => {
                if g(dst) >= 8 {
                    self.b(0x41);
                }
                self.b(0xB8 | (g(dst) & 7));
                self.i32(imm as i32);
            }
            MovRI64 { dst, imm } => {
                self.enc(0, true, &[0xC7], 0, R(g(dst)), false, false);
                self.i32(imm);
            }
            MovAbs { dst, imm } => {
                self.b(0x48 | (g(dst) >> 3));
                self.b(0xB8 | (g(dst) & 7));
                self.buf.extend_from_slice(&imm.to_le_bytes());
            }
            MovMI { size, ref dst, imm } => {
                let (p, w, byte) = Asm::sz(size);
                let op = if byte { 0xC6 } else { 0xC7 };
                self.enc(p, w, &[op], 0, M(dst), false, false);
                self.imm_sized(size, imm);
            }
            MovzxRR { from, dst, src } => {
                let op = if from == Size::S8 { 0xB6 } else { 0xB7 };
                self.enc(
                    0,
                    false,
                    &[0x0F, op],
                    g(dst),
                    R(g(src)),
                    false,
                    from == Size::S8,
                );
            }
            MovzxRM { from, dst, ref src } => {
                let op = if from == Size::S8 { 0xB6 } else { 0xB7 };
                self.enc(0, false, &[0x0F, op], g(dst), M(src), false, false);
            }
            MovsxRR { from, dst, src } => {
                let op: &[u8] = match from {
                    Size::S8 => &[0x0F, 0xBE],
                    Size::S16 => &[0x0F, 0xBF],
                    _ => &[0x63],
                };
                self.enc(0, true, op, g(dst), R(g(src)), false, from == Size::S8);
            }
            MovsxRM { from, dst, ref src } => {
                let op: &[u8] = match from {
                    Size::S8 => &[0x0F, 0xBE],
                    Size::S16 => &[0x0F, 0xBF],
                    _ => &[0x63],
                };
                self.enc(0, true, op, g(dst), M(src), false, false);
            }
            Lea { dst, ref src } => self.enc(0, true, &[0x8D], g(dst), M(src), false, false),
            AluRR { op, size, dst, src } => {
                let (p, w, byte) = Asm::sz(size);
                let mr = alu_info(op).2 - byte as u8;
                self.enc(p, w, &[mr], g(src), R(g(dst)), byte, byte);
            }
            AluRM {
                op,
                size,
                dst,
                ref src,
            } => {
                let (p, w, byte) = Asm::sz(size);
                let rm = alu_info(op).3 - byte as u8;
                self.enc(p, w, &[rm], g(dst), M(src), byte, false);
            }
            AluMR {
                op,
                size,
                ref dst,
                src,
            } => {
                let (p, w, byte) = Asm::sz(size);
                let mr = alu_info(op).2 - byte as u8;
                self.enc(p, w, &[mr], g(src), M(dst), byte, false);
            }
            AluRI { op, size, dst, imm } => self.alu_imm(alu_info(op).1, size, R(g(dst)), imm),
            AluMI {
                op,
                size,
                ref dst,
                imm,
            } => self.alu_imm(alu_info(op).1, size, M(dst), imm),
            ImulRR { size, dst, src } => {
                let (p, w, _) = Asm::sz(size);
                self.enc(p, w, &[0x0F, 0xAF], g(dst), R(g(src)), false, false);
            }
            ImulRM { size, dst, ref src } => {
                let (p, w, _) = Asm::sz(size);
                self.enc(p, w, &[0x0F, 0xAF], g(dst), M(src), false, false);
            }
            ImulRRI {
                size,
                dst,
                src,
                imm,
            } => {
                let (p, w, _) = Asm::sz(size);
                if fits_i8(imm as i64) {
                    self.enc(p, w, &[0x6B], g(dst), R(g(src)), false, false);
                    self.b(imm as u8);
                } else {
                    self.enc(p, w, &[0x69], g(dst), R(g(src)), false, false);
                    self.imm_sized(size, imm);
                }
            }
            UnaryR { op, size, src } => {
                let (p, w, byte) = Asm::sz(size);
                let o = if byte { 0xF6 } else { 0xF7 };
                self.enc(p, w, &[o], op as u8, R(g(src)), false, byte);
            }
            UnaryM { op, size, ref src } => {
                let (p, w, byte) = Asm::sz(size);
                let o = if byte { 0xF6 } else { 0xF7 };
                self.enc(p, w, &[o], op as u8, M(src), false, false);
            }
            Cqo => self.data(&[0x48, 0x99]),
            Cdq => self.b(0x99),
            ShiftCl { op, size, dst } => {
                let (p, w, byte) = Asm::sz(size);
                let o = if byte { 0xD2 } else { 0xD3 };
                self.enc(p, w, &[o], op as u8, R(g(dst)), false, byte);
            }
            ShiftRI { op, size, dst, imm } => {
                let (p, w, byte) = Asm::sz(size);
                let o = if byte { 0xC0 } else { 0xC1 };
                self.enc(p, w, &[o], op as u8, R(g(dst)), false, byte);
                self.b(imm);
            }
            TestRR { size, a, b } => {
                let (p, w, byte) = Asm::sz(size);
                let o = if byte { 0x84 } else { 0x85 };
                self.enc(p, w, &[o], g(b), R(g(a)), byte, byte);
            }
            TestRI { size, a, imm } => {
                let (p, w, byte) = Asm::sz(size);
                let o = if byte { 0xF6 } else { 0xF7 };
                self.enc(p, w, &[o], 0, R(g(a)), false, byte);
                self.imm_sized(size, imm);
            }
            Setcc { cond, dst } => {
                self.enc(
                    0,
                    false,
                    &[0x0F, 0x90 | cond as u8],
                    0,
                    R(g(dst)),
                    false,
                    true,
                );
            }
            CmovRR {
                cond,
                size,
                dst,
                src,
            } => {
                let (p, w, _) = Asm::sz(size);
                self.enc(
                    p,
                    w,
                    &[0x0F, 0x40 | cond as u8],
                    g(dst),
                    R(g(src)),
                    false,
                    false,
                );
            }
            CmovRM {
                cond,
                size,
                dst,
                ref src,
            } => {
                let (p, w, _) = Asm::sz(size);
                self.enc(
                    p,
                    w,
                    &[0x0F, 0x40 | cond as u8],
                    g(dst),
                    M(src),
                    false,
                    false,
                );
            }
            Jcc { cond, target } => self.branch(Some(cond), target),
            Jmp { target } => self.branch(None, target),
            JmpR { src } => self.enc(0, false, &[0xFF], 4, R(g(src)), false, false),
            JmpM { ref src } => self.enc(0, false, &[0xFF], 4, M(src), false, false),
            CallRel { target } => {
                self.b(0xE8);
                self.pending = Some(Pending::Abs(self.offset(), target));
                self.i32(0);
            }
            CallR { src } => self.enc(0, false, &[0xFF], 2, R(g(src)), false, false),
            CallM { ref src } => self.enc(0, false, &[0xFF], 2, M(src), false, false),
            Ret => self.b(0xC3),
            Push { src } => {
                if g(src) >= 8 {
                    self.b(0x41);
                }
                self.b(0x50 | (g(src) & 7));
            }
            Pop { dst } => {
                if g(dst) >= 8 {
                    self.b(0x41);
                }
                self.b(0x58 | (g(dst) & 7));
            }
            Ud2 => self.data(&[0x0F, 0x0B]),
            RepMovsb => self.data(&[0xF3, 0xA4]),
            SseRR { op, dst, src } => {
                let (_, p, o) = sse_info(op);
                self.enc(
                    p,
                    false,
                    &[0x0F, o],
                    dst.index(),
                    R(src.index()),
                    false,
                    false,
                );
            }
            SseRM { op, dst, ref src } => {
                let (_, p, o) = sse_info(op);
                self.enc(p, false, &[0x0F, o], dst.index(), M(src), false, false);
            }
            MovsLoad { size, dst, ref src } => {
                let p = if size == FpSize::F32 { 0xF3 } else { 0xF2 };
                self.enc(p, false, &[0x0F, 0x10], dst.index(), M(src), false, false);
            }
            MovsStore { size, ref dst, src } => {
                let p = if size == FpSize::F32 { 0xF3 } else { 0xF2 };
                self.enc(p, false, &[0x0F, 0x11], src.index(), M(dst), false, false);
            }
            MovToXmm { size, dst, src } => {
                let w = size == Size::S64;
                self.enc(0x66, w, &[0x0F, 0x6E], dst.index(), R(g(src)), false, false);
            }
            MovFromXmm { size, dst, src } => {
                let w = size == Size::S64;
                self.enc(0x66, w, &[0x0F, 0x7E], src.index(), R(g(dst)), false, false);
            }
            CvtSi2FpRR { to, size, dst, src } => {
                let p = if to == FpSize::F32 { 0xF3 } else { 0xF2 };
                let w = size == Size::S64;
                self.enc(p, w, &[0x0F, 0x2A], dst.index(), R(g(src)), false, false);
            }
            CvtSi2FpRM {
                to,
                size,
                dst,
                ref src,
            } => {
                let p = if to == FpSize::F32 { 0xF3 } else { 0xF2 };
                let w = size == Size::S64;
                self.enc(p, w, &[0x0F, 0x2A], dst.index(), M(src), false, false);
            }
            CvttFp2SiRR {
                from,
                size,
                dst,
                src,
            } => {
                let p = if from == FpSize::F32 { 0xF3 } else { 0xF2 };
                let w = size == Size::S64;
                self.enc(p, w, &[0x0F, 0x2C], g(dst), R(src.index()), false, false);
            }
            CvttFp2SiRM {
                from,
                size,
                dst,
                ref src,
            } => {
                let p = if from == FpSize::F32 { 0xF3 } else { 0xF2 };
                let w = size == Size::S64;
                self.enc(p, w, &[0x0F, 0x2C], g(dst), M(src), false, false);
            }
            Fld { size, ref src } => {
                let (o, d) = match size {
                    FpSize::F32 => (0xD9, 0),
                    FpSize::F64 => (0xDD, 0),
                    FpSize::F80 => (0xDB, 5),
                };
                self.enc(0, false, &[o], d, M(src), false, false);
            }
            Fstp { size, ref dst } => {
                let (o, d) = match size {
                    FpSize::F32 => (0xD9, 3),
                    FpSize::F64 => (0xDD, 3),
                    FpSize::F80 => (0xDB, 7),
                };
                self.enc(0, false, &[o], d, M(dst), false, false);
            }
            Fild { ref src } => self.enc(0, false, &[0xDF], 5, M(src), false, false),
            Fistp { ref dst } => self.enc(0, false, &[0xDF], 7, M(dst), false, false),
            Fisttp { ref dst } => self.enc(0, false, &[0xDD], 1, M(dst), false, false),
            FaddM32 { ref src } => self.enc(0, false, &[0xD8], 0, M(src), false, false),
            X87Pop { op } => {
                let (_, b) = x87_info(op);
                self.data(&[0xDE, b]);
            }
            Fchs => self.data(&[0xD9, 0xE0]),
            Fxch { i } => self.data(&[0xD9, 0xC8 | (i & 7)]),
            Fucomip { i } => self.data(&[0xDF, 0xE8 | (i & 7)]),
            FstpSt { i } => self.data(&[0xDD, 0xD8 | (i & 7)]),
            FldSt { i } => self.data(&[0xD9, 0xC0 | (i & 7)]),
            FstSt { i } => self.data(&[0xDD, 0xD0 | (i & 7)]),
            X87PopSt { op, i } => {
                // The table's byte is the st(1) form.
                let (_, b) = x87_info(op);
                self.data(&[0xDE, (b - 1) | (i & 7)]);
            }
            X87St { op, i } => {
                let (_, b) = x87_st_info(op);
                self.data(&[0xD8, b | (i & 7)]);
            }
        }
        self.end_insn();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branch_relaxation_round_trip() {
        // A forward branch over 200 bytes must become near.
        let emit = |long: &[u32]| {
            let mut a = Asm::with_long_branches(long);
            let l = a.new_label();
            a.emit(&Inst::Jmp { target: l });
            a.data(&[0x90; 200]);
            a.bind(l);
            a.emit(&Inst::Ret);
            a.finish()
        };
        assert_eq!(emit(&[]), Err(Relax::ShortBranches(vec![0])));
        let code = emit(&[0]).unwrap();
        assert_eq!(&code.bytes[..5], &[0xE9, 200, 0, 0, 0]);
    }

    #[test]
    fn reloc_values() {
        let mut a = Asm::new();
        a.emit(&Inst::CallM {
            src: Amode::Abs(0x1000),
        });
        let c = a.finish().unwrap();
        assert_eq!(c.bytes.len(), 6);
        let r = c.relocs[0];
        assert_eq!(r.offset, 2);
        // Code at 0x800: rip after the call is 0x806.
        assert_eq!(r.value(0x800), Some(0x1000 - 0x806));
    }
}
