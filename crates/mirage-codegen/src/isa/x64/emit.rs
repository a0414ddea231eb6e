//! Encoding: selected instructions and the constant pool to bytes, with
//! branch relaxation (see `mirage_target::x64::Asm`: forward branches
//! start short, those that do not reach are made near, and the whole
//! function is encoded again until every branch fits).

use super::lower::{MInst, PoolData, PoolEntry, R};
use crate::CodegenError;
use mirage_target::x64::{Asm, Code, Inst, Relax};

/// Encodes the function; returns the code and the number of rounds.
pub(crate) fn emit(insts: &[MInst], pool: &[PoolEntry], nlabels: u32) -> R<(Code, u32)> {
    let mut long: Vec<u32> = Vec::new();
    let mut round = 0;
    // Room for the code up front (an estimate in the first round, the
    // previous round's size after): the buffer then never grows.
    let pool_bytes: usize = pool
        .iter()
        .map(|e| {
            e.align as usize
                + match &e.data {
                    PoolData::Bytes(b) => b.len(),
                    PoolData::Table(ls) => 4 * ls.len(),
                }
        })
        .sum();
    let mut estimate = 5 * insts.len() + 16 + pool_bytes;
    // Label references: branches, and uses of pool entries (a few each).
    let refs = insts
        .iter()
        .filter(|mi| matches!(mi, MInst::I(Inst::Jmp { .. } | Inst::Jcc { .. })))
        .count()
        + 2 * pool.len();
    loop {
        round += 1;
        let mut a = Asm::with_long_branches(&long);
        a.reserve_code(estimate, refs);
        a.reserve_labels(nlabels as usize);
        for mi in insts {
            match mi {
                MInst::I(i) => a.emit(i),
                MInst::Bind(l) => a.bind(*l),
            }
        }
        if !pool.is_empty() {
            a.align(16, 0xCC);
        }
        for e in pool {
            a.align(e.align as usize, 0);
            a.bind(e.label);
            match &e.data {
                PoolData::Bytes(b) => a.data(b),
                PoolData::Table(ls) => a.jump_table(ls),
            }
        }
        match a.finish() {
            Ok(c) => return Ok((c, round)),
            Err(Relax::ShortBranches(v)) => {
                // Each branch made near grows by at most 4 bytes.
                estimate += 4 * v.len();
                long.extend(v)
            }
            Err(Relax::Unbound(l)) => {
                return Err(CodegenError::BadIr(format!("label {l} is never placed")))
            }
        }
    }
}
