//! Data memory: where a context's data items live.
//!
//! Spec §2.7: each named data-like item (data, string, bss, ref, lref, expr)
//! starts a *section*; anonymous items that follow it are placed right after
//! it with no padding; a run of anonymous items at the start of a module
//! forms a section too. Each section is 16-byte aligned (stronger than
//! malloc's guarantee on x86-64 glibc, which is also 16) and its size is
//! rounded up to a multiple of 8. Sections are zero-filled boxes of `u128`,
//! so their addresses are stable for the life of the context and no `unsafe`
//! is needed to allocate them.

use mirage_ir::{ItemKind, Module, Type};

/// Owns every data section of a context.
#[derive(Default)]
pub struct DataArena {
    sections: Vec<Box<[u128]>>,
    bytes: usize,
}

impl DataArena {
    /// A zeroed, 16-byte aligned block of `size` bytes (at least one word).
    pub fn alloc(&mut self, size: usize) -> *mut u8 {
        let words = size.div_ceil(16).max(1);
        let mut b = vec![0u128; words].into_boxed_slice();
        let p = b.as_mut_ptr() as *mut u8;
        self.bytes += words * 16;
        self.sections.push(b);
        p
    }
    /// Total bytes held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

/// Byte size of a data-like item, given the size of `expr` results.
pub fn item_size(m: &Module, kind: &ItemKind) -> Option<u64> {
    Some(match kind {
        ItemKind::Bss { size } => *size,
        ItemKind::Data { bytes, .. } => bytes.len() as u64,
        ItemKind::Str(b) => b.len() as u64,
        ItemKind::Ref { .. } | ItemKind::Lref { .. } => 8,
        ItemKind::Expr { func } => {
            let f = m.func(*func)?;
            let t = *f.sig.results.first()?;
            match t {
                Type::LD => 16,
                t => t.size() as u64,
            }
        }
        _ => return None,
    })
}

/// Lays out the data items of `m`: returns, per item, its offset inside its
/// section and the section index, plus each section's size.
pub struct Layout {
    /// For every item: `Some((section, offset))` for data-like items.
    pub place: Vec<Option<(usize, u64)>>,
    pub section_sizes: Vec<u64>,
}

pub fn layout(m: &Module) -> Layout {
    let mut place = Vec::with_capacity(m.items.len());
    let mut sizes: Vec<u64> = Vec::new();
    let mut open = false;
    for it in &m.items {
        let Some(size) = item_size(m, &it.kind) else {
            place.push(None);
            // Anonymous data joins a section only when it immediately
            // follows data.
            open = false;
            continue;
        };
        if it.name.is_some() || !open {
            sizes.push(0);
            open = true;
        }
        let s = sizes.len() - 1;
        place.push(Some((s, sizes[s])));
        sizes[s] = sizes[s].saturating_add(size);
    }
    for s in &mut sizes {
        *s = s.div_ceil(8) * 8;
    }
    Layout {
        place,
        section_sizes: sizes,
    }
}
