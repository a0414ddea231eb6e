//! The function table and thunks (DESIGN.md decision 1).
//!
//! Function *i* of a context owns `table[i]`, an 8-byte slot of ordinary
//! read-write memory at the start of its [`CodeMemory`], and an 8-byte thunk
//! in code memory:
//!
//! ```text
//! FF 25 <disp32>   jmp qword ptr [rip + disp32]   ; disp32 reaches table[i]
//! CC CC            int3 padding
//! ```
//!
//! The thunk's address is the function's address forever. Redirecting the
//! function is one atomic (Release) store into its slot; the CPU reads the
//! slot through the `jmp` on every call, so no code page is rewritten.
//! Generated code may skip the thunk with `call [rip+slot]`, closures with
//! `call [table_base + 8*index]`.

use super::codemem::CodeMemory;
use super::x64asm::Asm;
use super::BridgeError;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes per thunk.
pub const THUNK_BYTES: usize = 8;
/// Bytes per table slot.
pub const SLOT_BYTES: usize = 8;

/// Per-code-memory table bookkeeping (the slots live in the reservation).
#[derive(Default)]
pub(crate) struct TableState {
    /// Thunk address of every function, by index.
    thunks: Vec<usize>,
    /// A `ud2` stub that empty slots point to.
    trap: usize,
}

impl TableState {
    pub(crate) fn len(&self) -> usize {
        self.thunks.len()
    }
}

impl CodeMemory {
    fn slot(&self, i: usize) -> Result<&AtomicUsize, BridgeError> {
        if i >= self.table.thunks.len() {
            return Err(BridgeError::BadIndex {
                index: i,
                len: self.table.thunks.len(),
            });
        }
        // SAFETY: slot i < len lies in the committed, 8-byte aligned
        // read-write table region at the start of the reservation, which
        // lives as long as `self`; it is only ever accessed atomically.
        Ok(unsafe { &*self.base().cast::<AtomicUsize>().add(i) })
    }

    /// Address of `table[0]`; `table[i]` is at `table_base() + 8*i`.
    pub fn table_base(&self) -> *const AtomicUsize {
        self.base().cast()
    }

    /// Number of functions in the table.
    pub fn function_count(&self) -> usize {
        self.table.thunks.len()
    }

    /// Address of function `i`'s slot.
    pub fn slot_address(&self, i: usize) -> Result<*const AtomicUsize, BridgeError> {
        Ok(self.slot(i)? as *const AtomicUsize)
    }

    /// Function `i`'s permanent address (its thunk).
    pub fn thunk_address(&self, i: usize) -> Result<*const u8, BridgeError> {
        self.table
            .thunks
            .get(i)
            .map(|&a| a as *const u8)
            .ok_or(BridgeError::BadIndex {
                index: i,
                len: self.table.thunks.len(),
            })
    }

    /// The address function `i` currently jumps to.
    pub fn target(&self, i: usize) -> Result<*const u8, BridgeError> {
        Ok(self.slot(i)?.load(Ordering::Acquire) as *const u8)
    }

    /// Redirects function `i` to `addr` (one Release store; a null `addr`
    /// means the trap stub). Safe to call while other threads call through
    /// the thunk: each call sees either the old or the new target.
    pub fn set_target(&self, i: usize, addr: *const u8) -> Result<(), BridgeError> {
        let a = if addr.is_null() {
            self.table.trap
        } else {
            addr as usize
        };
        self.slot(i)?.store(a, Ordering::Release);
        Ok(())
    }

    /// Address of the trap stub (`ud2`) that unset slots jump to.
    pub fn trap_address(&self) -> *const u8 {
        self.table.trap as *const u8
    }

    /// Adds one function per entry of `targets` (null = trap stub), with
    /// its slot and thunk; returns the index of the first. The thunks are
    /// written and published as one batch.
    pub fn add_functions(&mut self, targets: &[*const u8]) -> Result<usize, BridgeError> {
        let first = self.table.thunks.len();
        let n = targets.len();
        if n == 0 {
            return Ok(first);
        }
        let total = first + n;
        if total > self.table_capacity() {
            return Err(BridgeError::TableFull {
                capacity: self.table_capacity(),
            });
        }
        self.commit_table(total)?;
        let base = self.base() as usize;
        let need_trap = self.table.trap == 0;
        let mut batch = self.batch();
        let trap = if need_trap {
            let mut a = Asm::new();
            a.ud2();
            a.align_int3(16);
            batch.place(a.bytes())? as usize
        } else {
            0
        };
        let (at, buf) = batch.alloc(n * THUNK_BYTES)?;
        let at = at as usize;
        for (k, chunk) in buf.chunks_exact_mut(THUNK_BYTES).enumerate() {
            let thunk = at + k * THUNK_BYTES;
            let slot = base + (first + k) * SLOT_BYTES;
            // Both lie in one reservation of at most 2 GiB.
            let disp = i32::try_from(slot as i64 - (thunk as i64 + 6))
                .map_err(|_| BridgeError::BadConfig("thunk cannot reach its slot"))?;
            let mut a = Asm::new();
            a.jmp_rip(disp);
            a.align_int3(THUNK_BYTES);
            chunk.copy_from_slice(a.bytes());
        }
        batch.publish()?;
        if need_trap {
            self.table.trap = trap;
        }
        let trap = self.table.trap;
        for (k, &t) in targets.iter().enumerate() {
            self.table.thunks.push(at + k * THUNK_BYTES);
            let v = if t.is_null() { trap } else { t as usize };
            self.slot(first + k)?.store(v, Ordering::Release);
        }
        Ok(first)
    }

    /// Adds one function; returns its index.
    pub fn add_function(&mut self, target: *const u8) -> Result<usize, BridgeError> {
        self.add_functions(&[target])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thunk_redirects() {
        let mut m = CodeMemory::new().unwrap();
        let f42 = m.emit_code(&[0xB8, 42, 0, 0, 0, 0xC3]).unwrap();
        let f7 = m.emit_code(&[0xB8, 7, 0, 0, 0, 0xC3]).unwrap();
        let i = m.add_functions(&[f42, std::ptr::null()]).unwrap();
        assert_eq!(i, 0);
        let t = m.thunk_address(0).unwrap();
        // SAFETY: the thunk jumps to a complete `() -> u32` function.
        let call =
            |t: *const u8| unsafe { std::mem::transmute::<*const u8, extern "C" fn() -> u32>(t)() };
        assert_eq!(call(t), 42);
        m.set_target(0, f7).unwrap();
        assert_eq!(call(t), 7);
        assert_eq!(m.target(1).unwrap(), m.trap_address());
        assert!(matches!(
            m.set_target(2, f7),
            Err(BridgeError::BadIndex { .. })
        ));
        assert_eq!(
            m.slot_address(1).unwrap() as usize,
            m.table_base() as usize + 8
        );
    }

    #[test]
    fn table_full_is_an_error() {
        let cfg = super::super::CodeMemoryConfig {
            reserve_bytes: 1 << 20,
            table_slots: 4,
        };
        let mut m = CodeMemory::with_config(cfg).unwrap();
        // 4 slots round up to one page = 512 slots.
        let cap = m.table_capacity();
        let targets = vec![std::ptr::null(); cap];
        m.add_functions(&targets).unwrap();
        assert!(matches!(
            m.add_function(std::ptr::null()),
            Err(BridgeError::TableFull { .. })
        ));
    }
}
