//! Code memory: one address-space reservation per context, strict W^X.
//!
//! Layout of the reservation (DESIGN.md decisions 1–2):
//!
//! ```text
//! base ─► [ function table: table_slots × 8 bytes, committed RW on demand ]
//!         [ code: published read-execute pages | batch pages RW | PROT_NONE ]
//! ```
//!
//! The whole reservation is at most 2 GiB, so every `rel32`/`rip+disp32`
//! between code, thunks and table slots reaches. Code is placed by a bump
//! allocator (16-byte aligned placements) inside a [`CodeBatch`]: the batch's
//! pages are read-write while it is written, then [`CodeBatch::publish`]
//! turns them read-execute once, and they are never written again. No page
//! is ever writable and executable at the same time. A batch that is dropped
//! unpublished leaves its pages read-write (never executable) and they are
//! reused by the next batch. Dropping the `CodeMemory` unmaps everything.

use super::table::TableState;
use super::BridgeError;
use std::sync::atomic::{AtomicU64, Ordering};

/// Sizes of the reservation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeMemoryConfig {
    /// Total bytes of address space reserved (table + code); at most 2 GiB.
    pub reserve_bytes: usize,
    /// Maximum number of function-table slots.
    pub table_slots: usize,
}

impl Default for CodeMemoryConfig {
    fn default() -> Self {
        CodeMemoryConfig {
            reserve_bytes: 256 << 20,
            table_slots: 1 << 20,
        }
    }
}

/// Counters describing a code memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct CodeMemoryStats {
    /// Bytes reserved in total.
    pub reserved: usize,
    /// Bytes of table pages committed.
    pub table_committed: usize,
    /// Bytes of published (read-execute) code pages.
    pub code_published: usize,
    /// Number of functions in the table.
    pub functions: usize,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// One reservation holding a function table and runtime-generated code.
pub struct CodeMemory {
    base: *mut u8,
    size: usize,
    page: usize,
    /// Bytes reserved for the table (page multiple); code starts here.
    table_bytes: usize,
    /// Bytes of table committed read-write (page multiple).
    table_committed: usize,
    /// Offset where the next batch starts (page aligned): everything in
    /// `[table_bytes, published_end)` is read-execute.
    published_end: usize,
    /// Offset up to which pages after `published_end` are read-write.
    rw_end: usize,
    /// Page offset where the last published batch ended: the next batch
    /// starts at this offset of its first page (see [`CodeMemory::batch`]).
    stagger: usize,
    id: u64,
    pub(crate) table: TableState,
}

// SAFETY: the raw base pointer is owned exclusively by this value; all
// mutation goes through `&mut self`, and the only `&self` operations that
// touch memory are atomic slot loads/stores (table.rs), so sharing between
// threads is sound.
unsafe impl Send for CodeMemory {}
// SAFETY: see `Send` above.
unsafe impl Sync for CodeMemory {}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn round_up(x: usize, to: usize) -> usize {
    x.div_ceil(to) * to
}

impl CodeMemory {
    /// Reserves a code memory with the default sizes (256 MiB, 1 M slots).
    pub fn new() -> Result<CodeMemory, BridgeError> {
        CodeMemory::with_config(CodeMemoryConfig::default())
    }

    /// Reserves a code memory with the given sizes.
    pub fn with_config(cfg: CodeMemoryConfig) -> Result<CodeMemory, BridgeError> {
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        let page = usize::try_from(page).unwrap_or(4096).max(4096);
        if cfg.table_slots == 0 {
            return Err(BridgeError::BadConfig("table_slots must be at least 1"));
        }
        let table_bytes = cfg
            .table_slots
            .checked_mul(8)
            .map(|b| round_up(b, page))
            .ok_or(BridgeError::BadConfig("table too large"))?;
        let size = round_up(cfg.reserve_bytes, page);
        if size > (2usize << 30) {
            return Err(BridgeError::BadConfig(
                "reservation larger than 2 GiB (rel32 would not reach)",
            ));
        }
        if size < table_bytes + 4 * page {
            return Err(BridgeError::BadConfig(
                "reservation too small for the table plus code",
            ));
        }
        // SAFETY: an anonymous PROT_NONE mapping at a kernel-chosen address
        // touches no existing memory.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(BridgeError::Map {
                bytes: size,
                errno: errno(),
            });
        }
        Ok(CodeMemory {
            base: p.cast::<u8>(),
            size,
            page,
            table_bytes,
            table_committed: 0,
            published_end: table_bytes,
            rw_end: table_bytes,
            stagger: 0,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            table: TableState::default(),
        })
    }

    /// A process-unique id (used to tie caches to one code memory).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Start address of the reservation (= the function table's base).
    pub fn base(&self) -> *const u8 {
        self.base
    }

    /// Whether `addr` lies inside this reservation.
    pub fn contains(&self, addr: *const u8) -> bool {
        let a = addr as usize;
        let b = self.base as usize;
        a >= b && a < b + self.size
    }

    /// Page size used for protection changes.
    pub fn page_size(&self) -> usize {
        self.page
    }

    pub fn stats(&self) -> CodeMemoryStats {
        CodeMemoryStats {
            reserved: self.size,
            table_committed: self.table_committed,
            code_published: self.published_end - self.table_bytes,
            functions: self.table.len(),
        }
    }

    /// Maximum number of table slots.
    pub fn table_capacity(&self) -> usize {
        self.table_bytes / 8
    }

    fn protect(&self, off: usize, len: usize, prot: libc::c_int) -> Result<(), BridgeError> {
        if len == 0 {
            return Ok(());
        }
        debug_assert!(off.is_multiple_of(self.page) && off + len <= self.size);
        // SAFETY: the range lies inside our own reservation (checked by the
        // callers against `size`), page aligned.
        let r = unsafe { libc::mprotect(self.base.add(off).cast(), len, prot) };
        if r != 0 {
            return Err(BridgeError::Protect { errno: errno() });
        }
        Ok(())
    }

    /// Makes table slots `0..nslots` usable (read-write, zero-filled).
    pub(crate) fn commit_table(&mut self, nslots: usize) -> Result<(), BridgeError> {
        let need = round_up(nslots * 8, self.page);
        if need > self.table_bytes {
            return Err(BridgeError::TableFull {
                capacity: self.table_capacity(),
            });
        }
        if need > self.table_committed {
            // Commit in steps of at least 64 KiB to limit syscalls.
            let grow = round_up(need, 16 * self.page).min(self.table_bytes);
            self.protect(
                self.table_committed,
                grow - self.table_committed,
                libc::PROT_READ | libc::PROT_WRITE,
            )?;
            self.table_committed = grow;
        }
        Ok(())
    }

    /// Starts writing a batch of code. Publish it with
    /// [`CodeBatch::publish`]; only then may the code run.
    ///
    /// A batch starts on a fresh page, but not at its first byte: at the
    /// page offset where the previous batch ended, so that code placed in
    /// many small batches (lazily generated functions, one per batch) gets
    /// the same spread of low address bits as code packed into one batch.
    /// Were every function at offset 0 of its page, their branches would
    /// compete for the same branch-predictor sets (4 KiB aliasing) and
    /// calls between them would be markedly slower. The offset is dropped
    /// when keeping it would make the first placement need one page more.
    pub fn batch(&mut self) -> CodeBatch<'_> {
        let start = self.published_end;
        let first = start + self.stagger;
        CodeBatch {
            mem: self,
            cursor: first,
            first,
            start,
        }
    }

    /// Places one piece of code and publishes it at once (a page per call:
    /// prefer batches for many small stubs). Returns its address.
    pub fn emit_code(&mut self, code: &[u8]) -> Result<*const u8, BridgeError> {
        let mut b = self.batch();
        let at = b.place(code)?;
        b.publish()?;
        Ok(at)
    }
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the reservation created in `with_config`;
        // nothing can run code from it any more since `self` is gone (the
        // owner guarantees no thread is still executing inside it).
        unsafe {
            libc::munmap(self.base.cast(), self.size);
        }
    }
}

/// A group of code placements written together and published at once.
pub struct CodeBatch<'a> {
    mem: &'a mut CodeMemory,
    /// First offset of the batch's pages (page aligned).
    start: usize,
    /// Where the batch's first placement goes (`start` plus the stagger).
    first: usize,
    cursor: usize,
}

impl CodeBatch<'_> {
    /// The address the next placement will get (16-byte aligned), except
    /// that a batch's first placement moves to the start of its page when
    /// that saves a page (see [`CodeMemory::batch`]).
    pub fn next_address(&self) -> usize {
        self.mem.base as usize + round_up(self.cursor, 16)
    }

    /// Reserves `len` writable bytes at the next 16-byte aligned address;
    /// returns that address and the bytes (filled with `int3`).
    pub fn alloc(&mut self, len: usize) -> Result<(*const u8, &mut [u8]), BridgeError> {
        let page = self.mem.page;
        if self.cursor == self.first
            && self.first != self.start
            && round_up(round_up(self.first, 16) + len, page) > self.start + round_up(len, page)
        {
            // The stagger would cost a page: start at the page boundary.
            self.cursor = self.start;
            self.first = self.start;
        }
        let at = round_up(self.cursor, 16);
        let end = at.checked_add(len).filter(|&e| e <= self.mem.size).ok_or(
            BridgeError::CodeExhausted {
                requested: len,
                available: self.mem.size.saturating_sub(at),
            },
        )?;
        if end > self.mem.rw_end {
            let new_end = round_up(end, self.mem.page);
            self.mem.protect(
                self.mem.rw_end,
                new_end - self.mem.rw_end,
                libc::PROT_READ | libc::PROT_WRITE,
            )?;
            self.mem.rw_end = new_end;
        }
        let from = std::mem::replace(&mut self.cursor, end);
        // SAFETY: [from, end) is inside the reservation, read-write (just
        // ensured, or below `rw_end` already) and belongs to this
        // unpublished batch only; the exclusive borrow of the batch makes
        // the slice unique. The padding before `at` gets `int3` too.
        let bytes = unsafe { std::slice::from_raw_parts_mut(self.mem.base.add(from), end - from) };
        bytes.fill(0xCC);
        let bytes = &mut bytes[at - from..];
        Ok((bytes.as_ptr(), bytes))
    }

    /// Copies `code` to the next placement; returns its address.
    pub fn place(&mut self, code: &[u8]) -> Result<*const u8, BridgeError> {
        let (at, buf) = self.alloc(code.len())?;
        buf.copy_from_slice(code);
        Ok(at)
    }

    /// Bytes placed so far.
    pub fn used(&self) -> usize {
        self.cursor - self.first
    }

    /// Makes the batch's pages read-execute; its code may run from now on.
    /// The rest of the last page stays unused.
    pub fn publish(self) -> Result<(), BridgeError> {
        if self.cursor == self.first {
            return Ok(());
        }
        let end = round_up(self.cursor, self.mem.page);
        self.mem.stagger = round_up(self.cursor, 16) % self.mem.page;
        self.mem.protect(
            self.start,
            end - self.start,
            libc::PROT_READ | libc::PROT_EXEC,
        )?;
        self.mem.published_end = end;
        if self.mem.rw_end < end {
            self.mem.rw_end = end;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_configs() {
        let too_big = CodeMemoryConfig {
            reserve_bytes: 3 << 30,
            table_slots: 16,
        };
        assert!(matches!(
            CodeMemory::with_config(too_big),
            Err(BridgeError::BadConfig(_))
        ));
        let too_small = CodeMemoryConfig {
            reserve_bytes: 1 << 16,
            table_slots: 1 << 20,
        };
        assert!(matches!(
            CodeMemory::with_config(too_small),
            Err(BridgeError::BadConfig(_))
        ));
    }

    #[test]
    fn exhaustion_is_an_error() {
        let cfg = CodeMemoryConfig {
            reserve_bytes: 64 << 10,
            table_slots: 512,
        };
        let mut m = CodeMemory::with_config(cfg).unwrap();
        let mut b = m.batch();
        assert!(b.alloc(16 << 10).is_ok());
        assert!(matches!(
            b.alloc(1 << 20),
            Err(BridgeError::CodeExhausted { .. })
        ));
    }

    #[test]
    fn publish_runs_code() {
        let mut m = CodeMemory::new().unwrap();
        // mov eax, 42; ret
        let f = m.emit_code(&[0xB8, 42, 0, 0, 0, 0xC3]).unwrap();
        assert!(m.contains(f));
        // SAFETY: the bytes above are a complete function returning 42.
        let f: extern "C" fn() -> u32 = unsafe { std::mem::transmute(f) };
        assert_eq!(f(), 42);
        // An unpublished batch never becomes the next batch's published code.
        {
            let mut b = m.batch();
            b.place(&[0xC3]).unwrap();
        }
        let g = m.emit_code(&[0xB8, 7, 0, 0, 0, 0xC3]).unwrap();
        // SAFETY: as above.
        let g: extern "C" fn() -> u32 = unsafe { std::mem::transmute(g) };
        assert_eq!(g(), 7);
    }

    #[test]
    fn batches_are_staggered_within_their_pages() {
        let mut m = CodeMemory::new().unwrap();
        let page = m.page_size();
        let a = m.emit_code(&[0xC3; 40]).unwrap() as usize;
        let b = m.emit_code(&[0xC3; 40]).unwrap() as usize;
        let c = m.emit_code(&[0xC3; 40]).unwrap() as usize;
        assert_eq!(b / page, a / page + 1);
        assert_eq!(b % page, a % page + 48);
        assert_eq!(c % page, b % page + 48);
        // A placement that the stagger would push over a page boundary
        // starts at its page's first byte instead.
        let big = m.emit_code(&vec![0xC3; page - 16]).unwrap() as usize;
        assert_eq!(big % page, 0);
        assert_eq!(big / page, c / page + 1);
        let d = m.emit_code(&[0xC3; 8]).unwrap() as usize;
        assert_eq!(d % page, page - 16);
        // SAFETY: every placement above is `ret` padding.
        let f: extern "C" fn() = unsafe { std::mem::transmute(d) };
        f();
    }
}
