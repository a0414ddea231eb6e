//! SysV ABI lowering: calls (spec §5.13, §6.1–6.3), `ret`, `jcall`/`jret`
//! (§6.6), `va_block_arg` (a helper call), the prologue (incoming
//! parameters, the register save area of variadic functions) and the
//! epilogue.
//!
//! Every place where several registers are written from sources that may
//! themselves be those registers (arguments before a call, parameters at
//! entry, results after a call, values at `ret`) goes through one
//! **parallel move** ([`Lower::parallel_move`]):
//!
//! 1. sources that compute something from a register another move writes
//!    (a memory operand based on it, a block eightbyte) are evaluated into
//!    scratch slots first;
//! 2. register-to-register moves are ordered so that no register is
//!    overwritten before it is read, cycles broken through `r11`/`xmm8`;
//! 3. the remaining sources (constants, slots, memory) are loaded last.
//!
//! Block arguments: the operand `blkN:size(v)` means "the block at the
//! address held in `v`" (the displacement is the size). Register-passed
//! eightbytes are loaded piecewise so that nothing beyond the block's last
//! byte is read; memory-passed blocks are copied into the outgoing area.

use super::lower::{Lower, MInst, Xm, R, R10, R11, RAX, RCX, RDX, X8};
use crate::regalloc::Loc;
use crate::{CallTarget, CodegenError, Helper};
use mirage_ir::abi::ArgKind;
use mirage_ir::{Class, ItemKind, Operand, Type, VarId};
use mirage_target::x64::sysv::{classify_args_into, ArgLoc, Part, INT_ARGS};
use mirage_target::x64::{AluOp, Amode, FpSize, Gpr, Inst, Size, Xmm};

/// A physical register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PReg {
    G(Gpr),
    X(Xmm),
}

/// What a move writes into its register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An integer, then truncated and re-extended as this argument kind
    /// (`I64` = as is).
    Int(ArgKind),
    F,
    D,
}

/// A move source.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Src<'o> {
    /// A MIR operand.
    Op(&'o Operand),
    /// A physical register.
    Reg(PReg),
    /// Memory that no move changes (rbp/rsp based).
    Mem(Amode),
    /// An address (rbp/rsp based).
    Lea(Amode),
    /// `bytes` bytes at `offset` of the block whose address `var` holds.
    Part(VarId, u32, u32),
    /// The value of a variable (the address of an `rblk` operand).
    Var(VarId),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Move<'o> {
    pub dst: PReg,
    pub src: Src<'o>,
    pub kind: Kind,
}

/// How a call reaches its callee.
#[derive(Clone, Copy, Debug)]
enum Callee<'o> {
    Target(CallTarget),
    Op(&'o Operand),
}

fn kind_of_arg(k: ArgKind) -> Kind {
    match k {
        ArgKind::F => Kind::F,
        ArgKind::D => Kind::D,
        _ => Kind::Int(k),
    }
}

impl<'a> Lower<'a> {
    fn preg_of_var(&self, v: VarId) -> Option<PReg> {
        match self.loc(v) {
            Loc::Gpr(g) => Some(PReg::G(g)),
            Loc::Xmm(x) => Some(PReg::X(x)),
            Loc::Slot => None,
        }
    }

    /// Registers a source reads (at most two: a base and an index).
    fn src_reads(&self, s: &Src) -> [Option<PReg>; 2] {
        match s {
            Src::Op(Operand::Reg(v)) => [self.preg_of_var(*v), None],
            Src::Op(Operand::Mem(m)) => [
                m.base.and_then(|v| self.preg_of_var(v)),
                m.index.and_then(|v| self.preg_of_var(v)),
            ],
            Src::Op(_) | Src::Mem(_) | Src::Lea(_) => [None, None],
            Src::Reg(p) => [Some(*p), None],
            Src::Part(v, ..) | Src::Var(v) => [self.preg_of_var(*v), None],
        }
    }

    /// A plain register source (a variable in a register, or a register).
    fn src_reg(&self, s: &Src) -> Option<PReg> {
        match s {
            Src::Op(Operand::Reg(v)) => self.preg_of_var(*v),
            Src::Reg(p) => Some(*p),
            Src::Var(v) => self.preg_of_var(*v),
            _ => None,
        }
    }

    /// How an `i32`/`u32` value arriving in a register (a parameter, a
    /// call result) moves into variable `v`: without its extension when
    /// only the low 32 bits of `v` are read.
    fn arrival(&self, v: VarId, k: ArgKind) -> ArgKind {
        match k {
            ArgKind::I32 | ArgKind::U32 if self.low32_only(&Operand::Reg(v)) => ArgKind::I64,
            _ => k,
        }
    }

    /// Truncates and re-extends `g` in place per an argument kind.
    pub(crate) fn extend(&mut self, g: Gpr, k: ArgKind) {
        let i = match k {
            ArgKind::I8 => Inst::MovsxRR {
                from: Size::S8,
                dst: g,
                src: g,
            },
            ArgKind::U8 => Inst::MovzxRR {
                from: Size::S8,
                dst: g,
                src: g,
            },
            ArgKind::I16 => Inst::MovsxRR {
                from: Size::S16,
                dst: g,
                src: g,
            },
            ArgKind::U16 => Inst::MovzxRR {
                from: Size::S16,
                dst: g,
                src: g,
            },
            ArgKind::I32 => Inst::MovsxRR {
                from: Size::S32,
                dst: g,
                src: g,
            },
            ArgKind::U32 => Inst::MovRR {
                size: Size::S32,
                dst: g,
                src: g,
            },
            _ => return,
        };
        self.e(i);
    }

    /// Loads `bytes` (1–8) bytes at `[base+offset]` into `dst` without
    /// reading past them (composed in rax with r11 for odd sizes).
    fn load_part(&mut self, dst: Gpr, base: Gpr, offset: u32, bytes: u32) {
        let at = |o: u32| Amode::bd(base, (offset + o) as i32);
        match bytes {
            8 => self.e(Inst::MovRM {
                size: Size::S64,
                dst,
                src: at(0),
            }),
            4 => self.e(Inst::MovRM {
                size: Size::S32,
                dst,
                src: at(0),
            }),
            2 => self.e(Inst::MovzxRM {
                from: Size::S16,
                dst,
                src: at(0),
            }),
            1 => self.e(Inst::MovzxRM {
                from: Size::S8,
                dst,
                src: at(0),
            }),
            _ => {
                let mut done = 0;
                let mut first = true;
                while done < bytes {
                    let left = bytes - done;
                    let p = if left >= 4 {
                        4
                    } else if left >= 2 {
                        2
                    } else {
                        1
                    };
                    let r = if first { RAX } else { R11 };
                    let i = match p {
                        4 => Inst::MovRM {
                            size: Size::S32,
                            dst: r,
                            src: at(done),
                        },
                        2 => Inst::MovzxRM {
                            from: Size::S16,
                            dst: r,
                            src: at(done),
                        },
                        _ => Inst::MovzxRM {
                            from: Size::S8,
                            dst: r,
                            src: at(done),
                        },
                    };
                    self.e(i);
                    if !first {
                        self.e(Inst::ShiftRI {
                            op: mirage_target::x64::ShiftOp::Shl,
                            size: Size::S64,
                            dst: R11,
                            imm: (8 * done) as u8,
                        });
                        self.e(Inst::AluRR {
                            op: AluOp::Or,
                            size: Size::S64,
                            dst: RAX,
                            src: R11,
                        });
                    }
                    first = false;
                    done += p;
                }
                self.mov_rr(dst, RAX);
            }
        }
    }

    /// The register holding block variable `v`'s address (`r10` if spilled).
    fn block_base(&mut self, v: VarId) -> R<Gpr> {
        match self.loc(v) {
            Loc::Gpr(g) => Ok(g),
            Loc::Slot => {
                let src = self.var_slot(v);
                self.e(Inst::MovRM {
                    size: Size::S64,
                    dst: R10,
                    src,
                });
                Ok(R10)
            }
            Loc::Xmm(_) => Err(CodegenError::BadIr(
                "block address in a float variable".into(),
            )),
        }
    }

    /// Evaluates a source into register `dst`.
    fn load_src(&mut self, dst: PReg, src: Src, kind: Kind) -> R<()> {
        match (dst, kind) {
            (PReg::G(g), Kind::Int(k)) => {
                let var = match src {
                    Src::Op(Operand::Reg(v)) => Some(*v),
                    Src::Var(v) => Some(v),
                    _ => None,
                };
                if let Some(v) = var {
                    if let Loc::Gpr(r) = self.loc(v) {
                        return self.load_src(dst, Src::Reg(PReg::G(r)), kind);
                    }
                }
                if let Src::Op(Operand::Int(c)) = src {
                    // Extended at compile time.
                    let c = match k {
                        ArgKind::I8 => *c as i8 as i64,
                        ArgKind::U8 => *c as u8 as i64,
                        ArgKind::I16 => *c as i16 as i64,
                        ArgKind::U16 => *c as u16 as i64,
                        ArgKind::I32 => *c as i32 as i64,
                        ArgKind::U32 => *c as u32 as i64,
                        _ => *c,
                    };
                    self.mov_imm(g, c);
                    return Ok(());
                }
                match src {
                    Src::Op(o) => self.int_load(o, g)?,
                    Src::Var(v) => self.int_load(&Operand::Reg(v), g)?,
                    Src::Reg(PReg::G(r)) => {
                        // Move and extend in one instruction.
                        let i = match k {
                            ArgKind::I8 | ArgKind::I16 | ArgKind::I32 => Some(Inst::MovsxRR {
                                from: match k {
                                    ArgKind::I8 => Size::S8,
                                    ArgKind::I16 => Size::S16,
                                    _ => Size::S32,
                                },
                                dst: g,
                                src: r,
                            }),
                            ArgKind::U8 | ArgKind::U16 => Some(Inst::MovzxRR {
                                from: if k == ArgKind::U8 {
                                    Size::S8
                                } else {
                                    Size::S16
                                },
                                dst: g,
                                src: r,
                            }),
                            ArgKind::U32 => Some(Inst::MovRR {
                                size: Size::S32,
                                dst: g,
                                src: r,
                            }),
                            _ => None,
                        };
                        match i {
                            Some(i) => {
                                self.e(i);
                                return Ok(());
                            }
                            None => self.mov_rr(g, r),
                        }
                    }
                    Src::Reg(PReg::X(x)) => self.e(Inst::MovFromXmm {
                        size: Size::S64,
                        dst: g,
                        src: x,
                    }),
                    Src::Mem(m) => self.e(Inst::MovRM {
                        size: Size::S64,
                        dst: g,
                        src: m,
                    }),
                    Src::Lea(m) => self.e(Inst::Lea { dst: g, src: m }),
                    Src::Part(v, off, bytes) => {
                        let b = self.block_base(v)?;
                        self.load_part(g, b, off, bytes);
                    }
                }
                self.extend(g, k);
            }
            (PReg::X(x), Kind::F | Kind::D) => {
                let fs = if kind == Kind::F {
                    FpSize::F32
                } else {
                    FpSize::F64
                };
                match src {
                    Src::Op(o) => self.fp_load(o, x, fs)?,
                    Src::Reg(PReg::X(r)) => self.movaps(x, r),
                    Src::Reg(PReg::G(r)) => self.e(Inst::MovToXmm {
                        size: Size::S64,
                        dst: x,
                        src: r,
                    }),
                    Src::Mem(m) => self.e(Inst::MovsLoad {
                        size: fs,
                        dst: x,
                        src: m,
                    }),
                    Src::Lea(_) | Src::Var(_) => {
                        return Err(CodegenError::BadIr("address into xmm".into()))
                    }
                    Src::Part(v, off, bytes) => {
                        let b = self.block_base(v)?;
                        if bytes == 8 || bytes == 4 {
                            let size = if bytes == 8 { FpSize::F64 } else { FpSize::F32 };
                            self.e(Inst::MovsLoad {
                                size,
                                dst: x,
                                src: Amode::bd(b, off as i32),
                            });
                        } else {
                            self.load_part(RAX, b, off, bytes);
                            self.e(Inst::MovToXmm {
                                size: Size::S64,
                                dst: x,
                                src: RAX,
                            });
                        }
                    }
                }
            }
            _ => return Err(CodegenError::BadIr("argument class mismatch".into())),
        }
        Ok(())
    }

    /// Writes every move's source into its destination register as if all
    /// happened at once (see the module documentation). `temps` is the
    /// first scratch slot it may use.
    pub(crate) fn parallel_move(&mut self, moves: &mut [Move], mut temp: u32) -> R<()> {
        // 1. Sources that compute from a destination register.
        for k in 0..moves.len() {
            let m = moves[k];
            if self.src_reg(&m.src).is_some() {
                continue;
            }
            let reads = self.src_reads(&m.src);
            let is_dest = |r: &Option<PReg>| r.is_some_and(|r| moves.iter().any(|x| x.dst == r));
            if reads.iter().any(is_dest) {
                let slot = self.temp_slot(temp);
                temp += 1;
                match m.kind {
                    Kind::Int(_) => {
                        self.load_src(PReg::G(RAX), m.src, Kind::Int(ArgKind::I64))?;
                        self.e(Inst::MovMR {
                            size: Size::S64,
                            dst: slot,
                            src: RAX,
                        });
                    }
                    k => {
                        self.load_src(PReg::X(X8), m.src, k)?;
                        self.e(Inst::MovsStore {
                            size: FpSize::F64,
                            dst: slot,
                            src: X8,
                        });
                    }
                }
                moves[k].src = Src::Mem(slot);
            }
        }
        // 2. Register to register (in a buffer kept in `self`, reused).
        let mut pending = std::mem::take(&mut self.pm_pending);
        reuse(&mut pending, 16);
        for m in moves.iter() {
            if let Some(s) = self.src_reg(&m.src) {
                if s == m.dst && matches!(m.kind, Kind::F | Kind::D | Kind::Int(ArgKind::I64)) {
                    continue;
                }
                pending.push((m.dst, s, m.kind));
            }
        }
        while !pending.is_empty() {
            let ready = (0..pending.len()).find(|&k| {
                let d = pending[k].0;
                !pending.iter().enumerate().any(|(j, p)| j != k && p.1 == d)
            });
            match ready {
                Some(k) => {
                    let (d, s, kind) = pending.remove(k);
                    self.load_src(d, Src::Reg(s), kind)?;
                }
                None => {
                    // A cycle: park the first destination's value.
                    let d = pending[0].0;
                    let park = match d {
                        PReg::G(g) => {
                            self.mov_rr(R11, g);
                            PReg::G(R11)
                        }
                        PReg::X(x) => {
                            self.movaps(X8, x);
                            PReg::X(X8)
                        }
                    };
                    for p in pending.iter_mut() {
                        if p.1 == d {
                            p.1 = park;
                        }
                    }
                }
            }
        }
        self.pm_pending = pending;
        // 3. Everything else (the sources that are not plain registers).
        for m in moves.iter() {
            if self.src_reg(&m.src).is_none() {
                self.load_src(m.dst, m.src, m.kind)?;
            }
        }
        Ok(())
    }

    /// Copies `size` bytes from the block at `src` (a register) to `dst`
    /// (rsp/rbp based), through rdx (and rcx for long blocks).
    fn copy_block(&mut self, dst: Amode, src: Gpr, size: u32) {
        let mut off = 0u32;
        let (mut s_reg, mut d_am) = (src, dst);
        if size > 64 {
            let n = size / 8;
            self.mov_rr(R10, src);
            self.e(Inst::Lea { dst: R11, src: dst });
            self.e(Inst::MovRI32 { dst: RCX, imm: n });
            let top = self.new_label();
            self.bind(top);
            self.e(Inst::MovRM {
                size: Size::S64,
                dst: RDX,
                src: Amode::bd(R10, 0),
            });
            self.e(Inst::MovMR {
                size: Size::S64,
                dst: Amode::bd(R11, 0),
                src: RDX,
            });
            self.e(Inst::Lea {
                dst: R10,
                src: Amode::bd(R10, 8),
            });
            self.e(Inst::Lea {
                dst: R11,
                src: Amode::bd(R11, 8),
            });
            self.e(Inst::AluRI {
                op: AluOp::Sub,
                size: Size::S32,
                dst: RCX,
                imm: 1,
            });
            self.e(Inst::Jcc {
                cond: mirage_target::x64::Cond::Ne,
                target: top,
            });
            s_reg = R10;
            d_am = Amode::bd(R11, 0);
            let left = size - 8 * n;
            self.copy_small(d_am, s_reg, 0, left);
            return;
        }
        while off < size {
            let left = size - off;
            let (p, sz) = match left {
                8.. => (8, Size::S64),
                4..=7 => (4, Size::S32),
                2..=3 => (2, Size::S16),
                _ => (1, Size::S8),
            };
            let load = if p >= 4 {
                Inst::MovRM {
                    size: sz,
                    dst: RDX,
                    src: Amode::bd(s_reg, off as i32),
                }
            } else {
                Inst::MovzxRM {
                    from: sz,
                    dst: RDX,
                    src: Amode::bd(s_reg, off as i32),
                }
            };
            self.e(load);
            self.e(Inst::MovMR {
                size: sz,
                dst: d_am.offset(off as i32),
                src: RDX,
            });
            off += p;
        }
    }

    fn copy_small(&mut self, dst: Amode, src: Gpr, start: u32, size: u32) {
        let mut off = start;
        while off < start + size {
            let left = start + size - off;
            let (p, sz) = match left {
                4.. => (4, Size::S32),
                2..=3 => (2, Size::S16),
                _ => (1, Size::S8),
            };
            let load = if p == 4 {
                Inst::MovRM {
                    size: sz,
                    dst: RDX,
                    src: Amode::bd(src, off as i32),
                }
            } else {
                Inst::MovzxRM {
                    from: sz,
                    dst: RDX,
                    src: Amode::bd(src, off as i32),
                }
            };
            self.e(load);
            self.e(Inst::MovMR {
                size: sz,
                dst: dst.offset(off as i32),
                src: RDX,
            });
            off += p;
        }
    }

    /// The block variable of a block operand `blkN:size(v)`.
    fn block_var(op: &Operand) -> R<(VarId, u32)> {
        match op {
            Operand::Mem(m) if m.ty.is_block() => match m.base {
                Some(v) => Ok((v, m.disp.max(0) as u32)),
                None => Err(CodegenError::BadIr("block operand without a base".into())),
            },
            _ => Err(CodegenError::BadIr(
                "block parameter needs a block operand".into(),
            )),
        }
    }

    /// Places arguments, calls (or jumps to) the callee, releases the
    /// stack area. Results are left in their ABI registers.
    fn emit_call(
        &mut self,
        callee: Callee,
        kinds: &[ArgKind],
        args: &'a [Operand],
        variadic: bool,
        jump: bool,
    ) -> R<()> {
        // The layout buffer is kept in `self` and reused call after call.
        let mut layout = std::mem::take(&mut self.arg_layout);
        classify_args_into(kinds, &mut layout);
        let mut temp = 0u32;
        // The callee address, if it lives where argument setup could
        // clobber it.
        let mut callee_mem = None;
        let mut callee_reg = None;
        if let Callee::Op(op) = callee {
            // Argument registers this call writes (rcx and rdx may also
            // serve as scratch while blocks are copied).
            let written = |g: Gpr| {
                g == RCX
                    || g == RDX
                    || layout.locs.iter().any(|l| match l {
                        ArgLoc::Int(r) => *r == g,
                        ArgLoc::BlkRegs { parts, n } => parts[..*n as usize]
                            .iter()
                            .any(|p| matches!(p, Part::Int(r) if *r == g)),
                        _ => false,
                    })
            };
            if let Operand::Reg(v) = op {
                match self.loc(*v) {
                    Loc::Gpr(g) if !INT_ARGS.contains(&g) || !written(g) => callee_reg = Some(g),
                    Loc::Slot => callee_mem = Some(self.var_slot(*v)),
                    _ => {}
                }
            }
            if callee_reg.is_none() && callee_mem.is_none() {
                self.int_load(op, RAX)?;
                let slot = self.temp_slot(temp);
                temp += 1;
                self.e(Inst::MovMR {
                    size: Size::S64,
                    dst: slot,
                    src: RAX,
                });
                callee_mem = Some(slot);
            }
        }
        let area = layout.stack_bytes;
        if area > 0 {
            self.e(Inst::AluRI {
                op: AluOp::Sub,
                size: Size::S64,
                dst: Gpr::Rsp,
                imm: area as i32,
            });
            self.sp_adjust += area as i32;
            // Frame slots computed before are rsp-relative in rsp-based
            // frames: they moved.
            callee_mem = callee_mem.map(|m| Self::rsp_moved(m, area as i32));
        }
        // Stack arguments.
        for (k, loc) in layout.locs.iter().enumerate() {
            let op = &args[k];
            let at = |off: u32| Amode::bd(Gpr::Rsp, off as i32);
            match (*loc, kinds[k]) {
                (ArgLoc::Stack(off), kind @ (ArgKind::F | ArgKind::D)) => {
                    let size = if kind == ArgKind::F {
                        FpSize::F32
                    } else {
                        FpSize::F64
                    };
                    // Straight from the value's register when it has one.
                    let src = match self.fp_src(op, size)? {
                        Xm::X(x) => x,
                        Xm::M(m) => {
                            self.e(Inst::MovsLoad {
                                size,
                                dst: X8,
                                src: m,
                            });
                            X8
                        }
                    };
                    self.e(Inst::MovsStore {
                        size,
                        dst: at(off),
                        src,
                    });
                }
                (ArgLoc::Stack(off), ArgKind::LD) => {
                    let src = self.ld_amode(op)?;
                    self.e(Inst::MovRM {
                        size: Size::S64,
                        dst: RAX,
                        src,
                    });
                    self.e(Inst::MovzxRM {
                        from: Size::S16,
                        dst: RDX,
                        src: src.offset(8),
                    });
                    self.e(Inst::MovMR {
                        size: Size::S64,
                        dst: at(off),
                        src: RAX,
                    });
                    self.e(Inst::MovMR {
                        size: Size::S16,
                        dst: at(off + 8),
                        src: RDX,
                    });
                }
                (ArgLoc::Stack(off), ArgKind::RBlk { .. }) => {
                    let (v, _) = Self::block_var(op)?;
                    self.int_load(&Operand::Reg(v), RAX)?;
                    self.e(Inst::MovMR {
                        size: Size::S64,
                        dst: at(off),
                        src: RAX,
                    });
                }
                (ArgLoc::Stack(off), ArgKind::I64) if matches!(op, Operand::Int(i) if i32::try_from(*i).is_ok()) =>
                {
                    let Operand::Int(i) = op else { unreachable!() };
                    self.e(Inst::MovMI {
                        size: Size::S64,
                        dst: at(off),
                        imm: *i as i32,
                    });
                }
                (ArgLoc::Stack(off), ArgKind::I64) if matches!(op, Operand::Reg(v) if matches!(self.loc(*v), Loc::Gpr(_))) =>
                {
                    let Operand::Reg(v) = op else { unreachable!() };
                    let Loc::Gpr(g) = self.loc(*v) else {
                        unreachable!()
                    };
                    self.e(Inst::MovMR {
                        size: Size::S64,
                        dst: at(off),
                        src: g,
                    });
                }
                (ArgLoc::Stack(off), k) => {
                    self.int_load(op, RAX)?;
                    self.extend(RAX, k);
                    self.e(Inst::MovMR {
                        size: Size::S64,
                        dst: at(off),
                        src: RAX,
                    });
                }
                (ArgLoc::BlkStack(off), ArgKind::Blk { size, .. }) if size > 0 => {
                    let (v, _) = Self::block_var(op)?;
                    let b = self.block_base(v)?;
                    self.copy_block(at(off), b, size);
                }
                _ => {}
            }
        }
        // Register arguments.
        let mut moves = std::mem::take(&mut self.moves_buf);
        reuse(&mut moves, 16);
        for (k, loc) in layout.locs.iter().enumerate() {
            let op = &args[k];
            match *loc {
                ArgLoc::Int(g) => {
                    let src = match kinds[k] {
                        ArgKind::RBlk { .. } => Src::Var(Self::block_var(op)?.0),
                        _ => Src::Op(op),
                    };
                    moves.push(Move {
                        dst: PReg::G(g),
                        src,
                        kind: Kind::Int(kinds[k]),
                    });
                }
                ArgLoc::Sse(x) => moves.push(Move {
                    dst: PReg::X(x),
                    src: Src::Op(op),
                    kind: kind_of_arg(kinds[k]),
                }),
                ArgLoc::BlkRegs { parts, n } => {
                    let (v, size) = Self::block_var(op)?;
                    for (i, p) in parts[..n as usize].iter().enumerate() {
                        let off = 8 * i as u32;
                        let bytes = (size - off).min(8);
                        let (dst, kind) = match p {
                            Part::Int(g) => (PReg::G(*g), Kind::Int(ArgKind::I64)),
                            Part::Sse(x) => (PReg::X(*x), Kind::D),
                        };
                        moves.push(Move {
                            dst,
                            src: Src::Part(v, off, bytes),
                            kind,
                        });
                    }
                }
                _ => {}
            }
        }
        self.parallel_move(&mut moves, temp)?;
        self.moves_buf = moves;
        if variadic {
            self.e(Inst::MovRI32 {
                dst: RAX,
                imm: layout.sse_used,
            });
        }
        match (callee, jump) {
            (Callee::Target(CallTarget::Slot(s)), false) => {
                self.e(Inst::CallM { src: Amode::Abs(s) })
            }
            (Callee::Target(CallTarget::Slot(s)), true) => {
                self.e(Inst::JmpM { src: Amode::Abs(s) })
            }
            (Callee::Target(CallTarget::Near(t)), false) => self.e(Inst::CallRel { target: t }),
            (Callee::Target(CallTarget::Near(t) | CallTarget::Far(t)), _) => {
                self.e(Inst::MovAbs { dst: R11, imm: t });
                self.e(if jump {
                    Inst::JmpR { src: R11 }
                } else {
                    Inst::CallR { src: R11 }
                });
            }
            (Callee::Op(_), _) => match (callee_reg, callee_mem) {
                (Some(g), _) => self.e(if jump {
                    Inst::JmpR { src: g }
                } else {
                    Inst::CallR { src: g }
                }),
                (None, Some(m)) => self.e(if jump {
                    Inst::JmpM { src: m }
                } else {
                    Inst::CallM { src: m }
                }),
                _ => unreachable!(),
            },
        }
        if area > 0 && !jump {
            self.e(Inst::AluRI {
                op: AluOp::Add,
                size: Size::S64,
                dst: Gpr::Rsp,
                imm: area as i32,
            });
        }
        self.sp_adjust -= area as i32;
        self.arg_layout = layout;
        Ok(())
    }

    /// An rsp-based address after rsp moved down by `by` bytes.
    fn rsp_moved(m: Amode, by: i32) -> Amode {
        match m {
            Amode::Mem {
                base: Some(Gpr::Rsp),
                index,
                disp,
            } => Amode::Mem {
                base: Some(Gpr::Rsp),
                index,
                disp: disp + by,
            },
            m => m,
        }
    }

    /// `call`/`inline`/`jcall`.
    pub(crate) fn lower_call(&mut self, ops: &'a [Operand], jcall: bool) -> R<()> {
        let proto = match ops.first() {
            Some(Operand::Ref(p)) => match self.m.items.get(p.index()).map(|i| &i.kind) {
                Some(ItemKind::Proto(p)) => p,
                _ => return Err(CodegenError::BadIr("call without a prototype".into())),
            },
            _ => return Err(CodegenError::BadIr("call without a prototype".into())),
        };
        let fop = ops
            .get(1)
            .ok_or_else(|| CodegenError::BadIr("call without a callee".into()))?;
        let nres = proto.results.len();
        if ops.len() < 2 + nres + proto.params.len() {
            return Err(CodegenError::BadIr("too few call operands".into()));
        }
        let results = &ops[2..2 + nres];
        let args = &ops[2 + nres..];
        // The kinds buffer is kept in `self` and reused call after call.
        let mut kinds = std::mem::take(&mut self.arg_kinds);
        reuse(&mut kinds, 8);
        for (k, a) in args.iter().enumerate() {
            let kind = match proto.params.get(k) {
                Some(p) => ArgKind::from_type(p.ty, p.size),
                None => match a {
                    Operand::Mem(m) if m.ty.is_block() => {
                        if m.ty == Type::RBlk {
                            return Err(CodegenError::BadIr("rblk as a variadic argument".into()));
                        }
                        ArgKind::from_type(m.ty, m.disp.max(0) as u32)
                    }
                    _ => match self.operand_class(a) {
                        Class::Int => ArgKind::I64,
                        Class::D => ArgKind::D,
                        Class::LD => ArgKind::LD,
                        Class::F => {
                            return Err(CodegenError::BadIr(
                                "float passed as a variadic argument".into(),
                            ))
                        }
                    },
                },
            };
            kinds.push(kind);
        }
        let callee = match fop {
            Operand::Ref(it) => {
                let t = self
                    .env
                    .call_target(self.module, *it)
                    .map_err(CodegenError::Env)?;
                Callee::Target(t)
            }
            Operand::Int(a) => Callee::Target(CallTarget::Far(*a as u64)),
            op => Callee::Op(op),
        };
        self.emit_call(callee, &kinds, args, proto.vararg, jcall)?;
        self.arg_kinds = kinds;
        if !jcall {
            self.take_results(&proto.results, results)?;
        }
        Ok(())
    }

    /// The class of an operand's value.
    pub(crate) fn operand_class(&self, op: &Operand) -> Class {
        match op {
            Operand::Reg(v) => self.var_class(*v),
            Operand::Float(_) => Class::F,
            Operand::Double(_) => Class::D,
            Operand::LDouble(_) => Class::LD,
            Operand::Mem(m) => m.ty.class(),
            _ => Class::Int,
        }
    }

    /// Moves call results from RAX/RDX, XMM0/XMM1, ST0/ST1 to `results`.
    fn take_results(&mut self, types: &[Type], results: &[Operand]) -> R<()> {
        let mut ni = 0;
        let mut nx = 0;
        for &t in types {
            match t.class() {
                Class::Int => ni += 1,
                Class::F | Class::D => nx += 1,
                Class::LD => {}
            }
        }
        // x86-64 returns at most two results of each class (spec §3.4, as
        // MIR's generator): the verifier rejects other protos.
        if ni > 2 || nx > 2 {
            return Err(CodegenError::BadIr(
                "more than two results of a class".into(),
            ));
        }
        // Long doubles first (ST0 is the first ld result), then narrow
        // integer results are extended in place.
        for (k, &t) in types.iter().enumerate() {
            if t.class() == Class::LD {
                self.fstp(&results[k])?;
            }
        }
        for (k, &t) in types.iter().enumerate() {
            let to_reg = matches!(&results[k], Operand::Reg(v) if self.preg_of_var(*v).is_some());
            if let (Some(PReg::G(g)), false) = (result_reg(types, k), to_reg) {
                self.extend(g, ArgKind::from_type(t, 0));
            }
        }
        // Memory destinations, then registers (the moves buffer is kept in
        // `self` and reused).
        let mut moves = std::mem::take(&mut self.moves_buf);
        reuse(&mut moves, 16);
        for (k, &t) in types.iter().enumerate() {
            let Some(src) = result_reg(types, k) else {
                continue;
            };
            let d = &results[k];
            let dst_reg = match d {
                Operand::Reg(v) => self.preg_of_var(*v),
                _ => None,
            };
            match dst_reg {
                Some(p) => moves.push(Move {
                    dst: p,
                    src: Src::Reg(src),
                    kind: match (t.class(), d) {
                        (Class::F, _) => Kind::F,
                        (Class::D, _) => Kind::D,
                        (_, Operand::Reg(v)) => {
                            Kind::Int(self.arrival(*v, ArgKind::from_type(t, 0)))
                        }
                        _ => Kind::Int(ArgKind::from_type(t, 0)),
                    },
                }),
                None => match src {
                    PReg::G(g) => self.int_store(d, g)?,
                    PReg::X(x) => {
                        let fs = if t == Type::F {
                            FpSize::F32
                        } else {
                            FpSize::F64
                        };
                        self.fp_store(d, x, fs)?
                    }
                },
            }
        }
        self.parallel_move(&mut moves, 0)?;
        self.moves_buf = moves;
        Ok(())
    }

    /// `va_block_arg dest, va, size, case`: a call to the runtime helper.
    pub(crate) fn lower_va_block_arg(&mut self, ops: &'a [Operand]) -> R<()> {
        if ops.len() < 4 {
            return Err(CodegenError::BadIr("va_block_arg needs 4 operands".into()));
        }
        let h = self
            .env
            .helper_address(Helper::VaBlockArg)
            .map_err(CodegenError::Env)?;
        self.emit_call(
            Callee::Target(CallTarget::Far(h)),
            &[ArgKind::I64; 4],
            &ops[..4],
            false,
            false,
        )
    }

    /// `ret v…`.
    pub(crate) fn lower_ret(&mut self, ops: &'a [Operand]) -> R<()> {
        let f = self.f;
        let types = &f.sig.results;
        if ops.len() != types.len() {
            return Err(CodegenError::BadIr("ret operand count".into()));
        }
        let (mut ni, mut nx, mut nl) = (0, 0, 0);
        // The moves buffer is kept in `self` and reused.
        let mut moves = std::mem::take(&mut self.moves_buf);
        reuse(&mut moves, 16);
        for (k, &t) in types.iter().enumerate() {
            match t.class() {
                Class::Int => {
                    let g = *[RAX, RDX]
                        .get(ni)
                        .ok_or_else(|| CodegenError::BadIr("too many int results".into()))?;
                    ni += 1;
                    moves.push(Move {
                        dst: PReg::G(g),
                        src: Src::Op(&ops[k]),
                        kind: Kind::Int(ArgKind::from_type(t, 0)),
                    });
                }
                Class::F | Class::D => {
                    let x = *[Xmm::XMM0, Xmm::XMM1]
                        .get(nx)
                        .ok_or_else(|| CodegenError::BadIr("too many float results".into()))?;
                    nx += 1;
                    moves.push(Move {
                        dst: PReg::X(x),
                        src: Src::Op(&ops[k]),
                        kind: if t == Type::F { Kind::F } else { Kind::D },
                    });
                }
                Class::LD => nl += 1,
            }
        }
        // At most two of each class (spec §3.4; the verifier checks).
        if nl > 2 {
            return Err(CodegenError::BadIr("too many long double results".into()));
        }
        self.parallel_move(&mut moves, 0)?;
        self.moves_buf = moves;
        // The first ld result must end in ST0: load the last one first.
        for (k, &t) in types.iter().enumerate().rev() {
            if t.class() == Class::LD {
                self.fld(&ops[k])?;
            }
        }
        if !self.fast_phase {
            self.epilogue();
        }
        self.e(Inst::Ret);
        Ok(())
    }

    /// Restores callee-saved registers and rbp (rsp then points at the
    /// return address).
    pub(crate) fn epilogue(&mut self) {
        let nsaved = self.frame.saved.len();
        if !self.frame.fp {
            // The size is patched in once known (see `prologue`).
            reuse_keep(&mut self.epi_fixups, 4);
            self.epi_fixups.push(self.out.len());
            self.e(Inst::AluRI {
                op: AluOp::Add,
                size: Size::S64,
                dst: Gpr::Rsp,
                imm: 0,
            });
            self.pop_saved();
            return;
        }
        if nsaved == 0 {
            self.mov_rr(Gpr::Rsp, Gpr::Rbp);
        } else {
            self.e(Inst::Lea {
                dst: Gpr::Rsp,
                src: Amode::bd(Gpr::Rbp, -8 * nsaved as i32),
            });
            self.pop_saved();
        }
        self.e(Inst::Pop { dst: Gpr::Rbp });
    }

    /// Pops the saved callee-saved registers (in reverse push order).
    fn pop_saved(&mut self) {
        for k in (0..self.frame.saved.len()).rev() {
            let g = self.frame.saved[k];
            self.e(Inst::Pop { dst: g });
        }
    }

    /// The prologue: frame set-up and parameters into their locations,
    /// followed by the body (with its epilogues completed). `used(v)` says
    /// whether parameter `v` is needed at all.
    pub(crate) fn prologue(&mut self, used: &dyn Fn(usize) -> bool) -> R<Vec<MInst>> {
        let body = std::mem::take(&mut self.out);
        // Slots of parameters that live in memory, before any offset is
        // fixed.
        for k in 0..self.f.sig.params.len().min(self.f.vars.len()) {
            if used(k) && self.loc(VarId::new(k)) == Loc::Slot {
                self.frame.var_slot_index(k);
            }
        }
        for k in 0..self.hr_entry.len() {
            let g = self.hr_entry[k].0;
            self.frame.var_slot_index(g.index());
        }
        // Parameter moves, made again until the frame stops growing (the
        // incoming arguments' rsp offsets depend on its size).
        let moves = loop {
            let before = self.frame.nslots;
            self.param_moves(used)?;
            let code = std::mem::take(&mut self.out);
            if self.frame.nslots == before {
                break code;
            }
        };
        if self.frame.jret {
            self.e(Inst::AluRI {
                op: AluOp::Sub,
                size: Size::S64,
                dst: Gpr::Rsp,
                imm: 8,
            });
        }
        if self.frame.fp {
            self.e(Inst::Push { src: Gpr::Rbp });
            self.mov_rr(Gpr::Rbp, Gpr::Rsp);
        }
        for k in 0..self.frame.saved.len() {
            let g = self.frame.saved[k];
            self.e(Inst::Push { src: g });
        }
        let size = self.frame.size();
        if size > 0 {
            self.e(Inst::AluRI {
                op: AluOp::Sub,
                size: Size::S64,
                dst: Gpr::Rsp,
                imm: size as i32,
            });
        }
        if self.f.sig.vararg {
            // Registers of the fixed parameters are never read through
            // the va_list (its offsets start after them): not saved.
            let rsa = self.frame.rsa();
            for (k, &g) in INT_ARGS.iter().enumerate().skip(self.va_gp as usize) {
                let dst = self.frame.at(rsa + 8 * k as i32);
                self.e(Inst::MovMR {
                    size: Size::S64,
                    dst,
                    src: g,
                });
            }
            for k in (self.va_fp.min(8) as u8)..8u8 {
                let dst = self.frame.at(rsa + 48 + 16 * k as i32);
                self.e(Inst::MovsStore {
                    size: FpSize::F64,
                    dst,
                    src: Xmm::new(k),
                });
            }
        }
        for k in 0..self.hr_entry.len() {
            let (g, r) = self.hr_entry[k];
            let dst = self.var_slot(g);
            self.e(Inst::MovMR {
                size: Size::S64,
                dst,
                src: r,
            });
        }
        let mut pro = std::mem::take(&mut self.out);
        pro.extend(moves);
        // The epilogues' `add rsp` get the frame size (or go), in place;
        // then the prologue goes in front of the body, in the body's own
        // buffer (sized for the whole function).
        let mut body = body;
        if size > 0 {
            for &k in &self.epi_fixups {
                if let Some(MInst::I(Inst::AluRI {
                    op: AluOp::Add,
                    imm,
                    ..
                })) = body.get_mut(k)
                {
                    *imm = size as i32;
                }
            }
        } else if !self.epi_fixups.is_empty() {
            let mut fix = self.epi_fixups.iter().copied().peekable();
            let mut k = 0;
            body.retain(|_| {
                let fixup = fix.next_if_eq(&k).is_some();
                k += 1;
                !fixup
            });
        }
        // After the shrink-wrapped early exit's label, if any (no epilogue
        // comes before it, so no fixup above moved it).
        let at = self.pro_at;
        body.splice(at..at, pro);
        Ok(body)
    }

    /// Incoming parameters into their locations (part of the prologue).
    fn param_moves(&mut self, used: &dyn Fn(usize) -> bool) -> R<()> {
        // The kinds, layout and moves buffers are kept in `self`, reused.
        let mut kinds = std::mem::take(&mut self.arg_kinds);
        reuse(&mut kinds, 8);
        kinds.extend(
            self.f
                .sig
                .params
                .iter()
                .map(|p| ArgKind::from_type(p.ty, p.size)),
        );
        let mut layout = std::mem::take(&mut self.arg_layout);
        classify_args_into(&kinds, &mut layout);
        self.va_gp = layout.gp_used;
        self.va_fp = layout.sse_used;
        self.va_stack = layout.stack_used;
        // Incoming arguments are addressed per the frame as it is now
        // (slots given out below do not move them).
        let (fp, above) = (self.frame.fp, self.frame.incoming_base());
        let incoming = |off: u32| incoming_at(fp, above, off);
        let mut moves = std::mem::take(&mut self.moves_buf);
        reuse(&mut moves, 16);
        let mut blk_off = self.frame.blk();
        for (k, loc) in layout.locs.iter().enumerate() {
            if k >= self.f.vars.len() || !used(k) {
                continue;
            }
            let v = VarId::new(k);
            let dst = self.preg_of_var(v);
            let (src, kind) = match (*loc, kinds[k]) {
                (ArgLoc::Int(g), kd) => (Src::Reg(PReg::G(g)), Kind::Int(self.arrival(v, kd))),
                (ArgLoc::Sse(x), kd) => (Src::Reg(PReg::X(x)), kind_of_arg(kd)),
                (ArgLoc::Stack(off), ArgKind::LD) => {
                    // Long doubles always live in their slots.
                    let src = incoming(off);
                    let slot = self.var_slot(v);
                    self.e(Inst::MovRM {
                        size: Size::S64,
                        dst: RAX,
                        src,
                    });
                    self.e(Inst::MovzxRM {
                        from: Size::S16,
                        dst: R10,
                        src: src.offset(8),
                    });
                    self.e(Inst::MovMR {
                        size: Size::S64,
                        dst: slot,
                        src: RAX,
                    });
                    self.e(Inst::MovMR {
                        size: Size::S16,
                        dst: slot.offset(8),
                        src: R10,
                    });
                    continue;
                }
                (ArgLoc::Stack(off), kd) => (Src::Mem(incoming(off)), kind_of_arg(kd)),
                (ArgLoc::BlkStack(off), _) => (Src::Lea(incoming(off)), Kind::Int(ArgKind::I64)),
                (ArgLoc::BlkRegs { parts, n }, _) => {
                    let area = self.frame.at(blk_off);
                    for (i, p) in parts[..n as usize].iter().enumerate() {
                        let at = area.offset(8 * i as i32);
                        match p {
                            Part::Int(g) => self.e(Inst::MovMR {
                                size: Size::S64,
                                dst: at,
                                src: *g,
                            }),
                            Part::Sse(x) => self.e(Inst::MovsStore {
                                size: FpSize::F64,
                                dst: at,
                                src: *x,
                            }),
                        }
                    }
                    let size = match kinds[k] {
                        ArgKind::Blk { size, .. } => size,
                        _ => 0,
                    };
                    blk_off += size.next_multiple_of(16) as i32;
                    (Src::Lea(area), Kind::Int(ArgKind::I64))
                }
            };
            match dst {
                Some(p) => moves.push(Move { dst: p, src, kind }),
                None => {
                    // Into the slot now, before registers are shuffled.
                    let slot = self.var_slot(v);
                    match kind {
                        Kind::Int(kd) => {
                            self.load_src(PReg::G(RAX), src, Kind::Int(kd))?;
                            self.e(Inst::MovMR {
                                size: Size::S64,
                                dst: slot,
                                src: RAX,
                            });
                        }
                        k2 => {
                            let fs = if k2 == Kind::F {
                                FpSize::F32
                            } else {
                                FpSize::F64
                            };
                            let x = match src {
                                Src::Reg(PReg::X(x)) => x,
                                _ => {
                                    self.load_src(PReg::X(X8), src, k2)?;
                                    X8
                                }
                            };
                            self.e(Inst::MovsStore {
                                size: fs,
                                dst: slot,
                                src: x,
                            });
                        }
                    }
                }
            }
        }
        self.parallel_move(&mut moves, 0)?;
        self.moves_buf = moves;
        self.arg_kinds = kinds;
        self.arg_layout = layout;
        Ok(())
    }
}

/// Empties a buffer kept for reuse, giving it room for `n` items the first
/// time (one allocation instead of several small growths).
fn reuse<T>(v: &mut Vec<T>, n: usize) {
    v.clear();
    reuse_keep(v, n);
}

/// Gives an unallocated vector room for `n` items.
fn reuse_keep<T>(v: &mut Vec<T>, n: usize) {
    if v.capacity() == 0 {
        v.reserve_exact(n);
    }
}

/// The result register of result `k` of a call with these result types
/// (`None` for `ld` results, on the x87 stack, and past the two of a class).
fn result_reg(types: &[Type], k: usize) -> Option<PReg> {
    let is_int = |t: &Type| t.class() == Class::Int;
    let is_sse = |t: &Type| matches!(t.class(), Class::F | Class::D);
    match types[k].class() {
        Class::Int => {
            let n = types[..k].iter().filter(|t| is_int(t)).count();
            [RAX, RDX].get(n).copied().map(PReg::G)
        }
        Class::F | Class::D => {
            let n = types[..k].iter().filter(|t| is_sse(t)).count();
            [Xmm::XMM0, Xmm::XMM1].get(n).copied().map(PReg::X)
        }
        Class::LD => None,
    }
}

/// [`Frame::incoming`] from its two inputs (see `Frame::incoming_base`).
fn incoming_at(fp: bool, above: u32, off: u32) -> Amode {
    if fp {
        Amode::bd(Gpr::Rbp, 16 + off as i32)
    } else {
        Amode::bd(Gpr::Rsp, (above + off) as i32)
    }
}
