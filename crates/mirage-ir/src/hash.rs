//! A small, fast hasher for names and small integer keys.
//!
//! The reader and the verifier hash every name they meet (variables,
//! items, labels, mnemonics). SipHash, std's default, is built to resist
//! hash flooding, which costs several times more per short key than a
//! multiply-rotate hash; names come from the program being compiled, and the
//! maps are never iterated where order could reach output, so a simple
//! FxHash-style function is the right trade.
//!
//! [`NameTable`] goes further for the reader's and verifier's tables of
//! borrowed names: the key of a name is its first 8 bytes as a word plus a
//! hash, so most lookups compare one word instead of calling `memcmp`, and
//! the reader computes keys straight from the source bytes
//! ([`NameKey::of_slice`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast hasher for names (FxHash-style multiply-rotate).
#[derive(Default, Clone, Copy)]
pub struct NameHasher(u64);

impl Hasher for NameHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    // Integer keys (the optimizer's value numbers, opcodes, constants) take
    // one multiply per word instead of one per byte.
    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.write_u64(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn write_i64(&mut self, i: i64) {
        self.write_u64(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // Fold high bits down: hashbrown takes its bucket from the low bits
        // and its tag from the top seven.
        self.0 ^ (self.0 >> 29)
    }
}

/// A `HashMap` keyed by names with [`NameHasher`].
pub type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

/// The first (up to) 8 bytes of `b`, little-endian, zero-padded.
#[inline]
fn head_word(b: &[u8]) -> u64 {
    if let Some(w) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*w);
    }
    // Fewer than 8 bytes: two overlapping 4-byte loads, or three single
    // bytes; no loop and no bounds checks.
    let n = b.len();
    if let (Some(lo), Some(hi)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        let lo = u64::from(u32::from_le_bytes(*lo));
        let hi = u64::from(u32::from_le_bytes(*hi));
        return lo | hi << (8 * (n - 4));
    }
    match b {
        [] => 0,
        [x] => u64::from(*x),
        [x, y] => u64::from(*x) | u64::from(*y) << 8,
        [x, y, z, ..] => u64::from(*x) | u64::from(*y) << 8 | u64::from(*z) << 16,
    }
}

/// The last 8 bytes of `b` (which has more than 8).
#[inline]
fn tail_word(b: &[u8]) -> u64 {
    match b.last_chunk::<8>() {
        Some(w) => u64::from_le_bytes(*w),
        None => 0,
    }
}

/// A name's lookup key: its first 8 bytes as a word and a hash of the
/// whole name.  Names of up to 8 bytes compare with one word comparison.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NameKey {
    pub head: u64,
    pub hash: u64,
}

impl NameKey {
    #[inline(always)]
    pub fn new(name: &str) -> NameKey {
        let b = name.as_bytes();
        NameKey::with_head(b, head_word(b))
    }

    /// The key of `src[start..end]`, reading its head with one 8-byte load
    /// when the source has 8 bytes from `start` (the bytes past the name are
    /// masked off).  The same key as [`NameKey::new`] of those bytes.
    #[inline(always)]
    pub fn of_slice(src: &[u8], start: usize, end: usize) -> NameKey {
        let b = &src[start..end];
        let n = b.len();
        let head = match src.get(start..start + 8) {
            Some(w) if n < 8 => {
                let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
                w & ((1u64 << (8 * n)) - 1)
            }
            _ => head_word(b),
        };
        NameKey::with_head(b, head)
    }

    #[inline(always)]
    fn with_head(b: &[u8], head: u64) -> NameKey {
        let mut h = head ^ (b.len() as u64).rotate_right(8);
        if b.len() > 8 {
            h = h.wrapping_mul(0x51_7c_c1_b7_27_22_0a_95) ^ tail_word(b);
            if b.len() > 16 {
                let mut f = NameHasher(h);
                f.write(&b[8..]);
                h = f.finish();
            }
        }
        // Fold the product so that every input bit reaches the top bits the
        // table indexes with.
        let m = u128::from(h) * 0x9E37_79B9_7F4A_7C15;
        NameKey {
            head,
            hash: (m as u64) ^ ((m >> 64) as u64),
        }
    }
}

#[derive(Clone, Copy)]
struct Slot<'a, V> {
    name: &'a str,
    head: u64,
    hash: u64,
    val: V,
}

/// An open-addressing table from borrowed names to small `Copy` values,
/// built for the reader's lookups: a name of up to 8 bytes is found with a
/// word comparison (no `memcmp`), longer names compare their tail as a word
/// too (up to 16 bytes) before falling back to a byte comparison.  Linear
/// probing, load factor at most 1/2.
#[derive(Clone)]
pub struct NameTable<'a, V: Copy> {
    slots: Vec<Option<Slot<'a, V>>>,
    len: usize,
}

impl<V: Copy> Default for NameTable<'_, V> {
    fn default() -> Self {
        NameTable::new()
    }
}

impl<'a, V: Copy> NameTable<'a, V> {
    /// An empty table (allocates on the first insertion).
    pub fn new() -> Self {
        NameTable {
            slots: Vec::new(),
            len: 0,
        }
    }

    /// An empty table with room for `n` names before it grows.
    pub fn with_capacity(n: usize) -> Self {
        let mut t = NameTable::new();
        if n > 0 {
            t.slots = vec![None; (2 * n).next_power_of_two().max(8)];
        }
        t
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Removes every name, keeping the memory.
    pub fn clear(&mut self) {
        if self.len > 0 {
            self.slots.iter_mut().for_each(|s| *s = None);
            self.len = 0;
        }
    }

    #[inline]
    fn index(&self, key: NameKey) -> usize {
        // `slots.len()` is a power of two; take the top bits of the hash.
        let bits = self.slots.len().trailing_zeros();
        (key.hash >> (63 - bits) >> 1) as usize
    }

    #[inline]
    fn same(s: &Slot<'a, V>, name: &[u8], key: NameKey) -> bool {
        s.head == key.head
            && s.name.len() == name.len()
            && (name.len() <= 8 || {
                let (a, b) = (s.name.as_bytes(), name);
                tail_word(a) == tail_word(b) && (name.len() <= 16 || a[8..] == b[8..])
            })
    }

    /// The slot holding `name`, or the empty slot where it would go.
    #[inline(always)]
    fn find(&self, name: &[u8], key: NameKey) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.index(key);
        loop {
            match &self.slots[i] {
                None => return i,
                Some(s) if s.hash == key.hash && Self::same(s, name, key) => return i,
                Some(_) => i = (i + 1) & mask,
            }
        }
    }

    #[inline(always)]
    pub fn get(&self, name: &str) -> Option<&V> {
        self.get_key(name.as_bytes(), NameKey::new(name))
    }

    #[inline(always)]
    /// Looks `name` up with its precomputed key.
    pub fn get_key(&self, name: &[u8], key: NameKey) -> Option<&V> {
        if self.len == 0 {
            return None;
        }
        let i = self.find(name, key);
        self.slots[i].as_ref().map(|s| &s.val)
    }

    #[inline]
    pub fn get_mut(&mut self, name: &str) -> Option<&mut V> {
        if self.len == 0 {
            return None;
        }
        let i = self.find(name.as_bytes(), NameKey::new(name));
        self.slots[i].as_mut().map(|s| &mut s.val)
    }

    /// Sets the value of `name`, returning the previous one.
    #[inline]
    pub fn insert(&mut self, name: &'a str, val: V) -> Option<V> {
        self.insert_key(name, NameKey::new(name), val)
    }

    pub fn insert_key(&mut self, name: &'a str, key: NameKey, val: V) -> Option<V> {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let i = self.find(name.as_bytes(), key);
        match &mut self.slots[i] {
            Some(s) => Some(std::mem::replace(&mut s.val, val)),
            empty => {
                *empty = Some(Slot {
                    name,
                    head: key.head,
                    hash: key.hash,
                    val,
                });
                self.len += 1;
                None
            }
        }
    }

    #[cold]
    fn grow(&mut self) {
        let new_len = (self.slots.len() * 2).max(8);
        let old = std::mem::replace(&mut self.slots, vec![None; new_len]);
        let mask = new_len - 1;
        for s in old.into_iter().flatten() {
            let mut i = self.index(NameKey {
                head: s.head,
                hash: s.hash,
            });
            while self.slots[i].is_some() {
                i = (i + 1) & mask;
            }
            self.slots[i] = Some(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_table_basics() {
        let names: Vec<String> = (0..2000)
            .map(|i| match i % 5 {
                0 => format!("t_{i}"),
                1 => format!("a_long_variable_name_{i}"),
                2 => format!("L{i}_x"),
                3 => format!("{i}"),
                _ => format!("n{i}.ab$c%"),
            })
            .collect();
        let mut t: NameTable<'_, usize> = NameTable::new();
        assert_eq!(t.get("x"), None);
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.insert(n, i), None);
        }
        assert_eq!(t.len(), names.len());
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.get(n), Some(&i), "{n}");
        }
        for n in [
            "",
            "t_",
            "t_20000",
            "a_long_variable_name_",
            "a_long_variable_name_1x",
        ] {
            assert_eq!(t.get(n), None, "{n}");
        }
        assert_eq!(t.insert(&names[7], 99), Some(7));
        assert_eq!(t.get(&names[7]), Some(&99));
        *t.get_mut(&names[8]).unwrap() = 5;
        assert_eq!(t.get(&names[8]), Some(&5));
        // Same head and length, different tail; same up to 16 bytes.
        let mut u: NameTable<'_, u8> = NameTable::with_capacity(4);
        for (i, n) in [
            "abcdefgh1",
            "abcdefgh2",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnopr",
            "",
            "a",
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(u.insert(n, i as u8), None);
        }
        assert_eq!(u.get("abcdefghijklmnopr"), Some(&4));
        assert_eq!(u.get(""), Some(&5));
        assert_eq!(u.get("abcdefgh"), None);
        let src = b"abc abcdefgh1 abcdefghijklmnopq x";
        for (a, b) in [(0, 3), (4, 13), (14, 31), (32, 33), (0, 0)] {
            let n = std::str::from_utf8(&src[a..b]).unwrap();
            assert_eq!(NameKey::of_slice(src, a, b), NameKey::new(n), "{n}");
        }
        u.clear();
        assert!(u.is_empty());
        assert_eq!(u.get("a"), None);
    }
}
