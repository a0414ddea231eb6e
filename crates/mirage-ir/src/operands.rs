//! [`Operands`]: the operand list of an owned [`Insn`](crate::Insn), a
//! small vector that keeps up to [`INLINE`] operands in place.
//!
//! Most instructions have at most three operands; the optimizer copies and
//! rebuilds instructions a lot, and one heap block per instruction made the
//! allocator a quarter of the generator's time. A list built from a `Vec`
//! keeps that `Vec` (no copy); copies ([`Clone`], [`Operands::from_slice`])
//! of short lists are inline.

use crate::module::Operand;

/// How many operands fit without a heap block.
pub const INLINE: usize = 3;

/// A list of operands (dereferences to `[Operand]`).
pub struct Operands(Repr);

enum Repr {
    /// The first `len` slots hold the operands; the others hold
    /// `Operand::Int(0)` (nothing to drop).
    Inline(u8, [Operand; INLINE]),
    Heap(Vec<Operand>),
}

const FILL: Operand = Operand::Int(0);

impl Operands {
    #[inline]
    pub const fn new() -> Operands {
        Operands(Repr::Inline(0, [FILL, FILL, FILL]))
    }

    /// A copy of `ops` (inline when short).
    #[inline]
    pub fn from_slice(ops: &[Operand]) -> Operands {
        match ops {
            [] => Operands::new(),
            [a] => Operands(Repr::Inline(1, [a.clone(), FILL, FILL])),
            [a, b] => Operands(Repr::Inline(2, [a.clone(), b.clone(), FILL])),
            [a, b, c] => Operands(Repr::Inline(3, [a.clone(), b.clone(), c.clone()])),
            _ => Operands(Repr::Heap(ops.to_vec())),
        }
    }

    #[inline]
    pub fn as_slice(&self) -> &[Operand] {
        match &self.0 {
            Repr::Inline(n, a) => &a[..*n as usize],
            Repr::Heap(v) => v,
        }
    }

    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [Operand] {
        match &mut self.0 {
            Repr::Inline(n, a) => &mut a[..*n as usize],
            Repr::Heap(v) => v,
        }
    }

    /// The heap form (moving inline operands out).
    fn heap(&mut self) -> &mut Vec<Operand> {
        if let Repr::Inline(n, a) = &mut self.0 {
            let n = *n as usize;
            let mut v = Vec::with_capacity(INLINE * 2);
            for x in &mut a[..n] {
                v.push(std::mem::replace(x, FILL));
            }
            self.0 = Repr::Heap(v);
        }
        match &mut self.0 {
            Repr::Heap(v) => v,
            Repr::Inline(..) => unreachable!(),
        }
    }

    #[inline]
    pub fn push(&mut self, x: Operand) {
        match &mut self.0 {
            Repr::Inline(n, a) if (*n as usize) < INLINE => {
                a[*n as usize] = x;
                *n += 1;
            }
            _ => self.heap().push(x),
        }
    }

    pub fn pop(&mut self) -> Option<Operand> {
        match &mut self.0 {
            Repr::Inline(0, _) => None,
            Repr::Inline(n, a) => {
                *n -= 1;
                Some(std::mem::replace(&mut a[*n as usize], FILL))
            }
            Repr::Heap(v) => v.pop(),
        }
    }

    pub fn insert(&mut self, i: usize, x: Operand) {
        match &mut self.0 {
            Repr::Inline(n, a) if (*n as usize) < INLINE => {
                let len = *n as usize;
                assert!(i <= len, "insertion index out of bounds");
                a[len] = x;
                a[i..=len].rotate_right(1);
                *n += 1;
            }
            _ => self.heap().insert(i, x),
        }
    }

    pub fn remove(&mut self, i: usize) -> Operand {
        match &mut self.0 {
            Repr::Inline(n, a) => {
                let len = *n as usize;
                assert!(i < len, "removal index out of bounds");
                a[i..len].rotate_left(1);
                *n -= 1;
                std::mem::replace(&mut a[len - 1], FILL)
            }
            Repr::Heap(v) => v.remove(i),
        }
    }

    pub fn truncate(&mut self, len: usize) {
        match &mut self.0 {
            Repr::Inline(n, a) => {
                while (*n as usize) > len {
                    *n -= 1;
                    a[*n as usize] = FILL;
                }
            }
            Repr::Heap(v) => v.truncate(len),
        }
    }

    pub fn clear(&mut self) {
        self.truncate(0);
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&Operand) -> bool) {
        let mut w = 0;
        for r in 0..self.len() {
            if keep(&self[r]) {
                self.as_mut_slice().swap(w, r);
                w += 1;
            }
        }
        self.truncate(w);
    }

    pub fn extend_from_slice(&mut self, xs: &[Operand]) {
        for x in xs {
            self.push(x.clone());
        }
    }

    /// The operands as a `Vec`.
    pub fn into_vec(self) -> Vec<Operand> {
        match self.0 {
            Repr::Inline(n, a) => a.into_iter().take(n as usize).collect(),
            Repr::Heap(v) => v,
        }
    }

    /// Moves the operands to the end of `out`.
    #[inline]
    pub fn append_to(self, out: &mut Vec<Operand>) {
        match self.0 {
            Repr::Inline(n, a) => {
                let [a0, a1, a2] = a;
                if n > 0 {
                    out.push(a0);
                }
                if n > 1 {
                    out.push(a1);
                }
                if n > 2 {
                    out.push(a2);
                }
            }
            Repr::Heap(mut v) => out.append(&mut v),
        }
    }
}

impl Default for Operands {
    #[inline]
    fn default() -> Operands {
        Operands::new()
    }
}

impl Clone for Operands {
    #[inline]
    fn clone(&self) -> Operands {
        Operands::from_slice(self.as_slice())
    }
}

impl std::ops::Deref for Operands {
    type Target = [Operand];
    #[inline]
    fn deref(&self) -> &[Operand] {
        self.as_slice()
    }
}

impl std::ops::DerefMut for Operands {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Operand] {
        self.as_mut_slice()
    }
}

impl std::fmt::Debug for Operands {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_slice().fmt(f)
    }
}

impl PartialEq for Operands {
    fn eq(&self, other: &Operands) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<Vec<Operand>> for Operands {
    fn eq(&self, other: &Vec<Operand>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl From<Vec<Operand>> for Operands {
    /// Keeps the vector (no copy).
    #[inline]
    fn from(v: Vec<Operand>) -> Operands {
        Operands(Repr::Heap(v))
    }
}

impl From<&[Operand]> for Operands {
    #[inline]
    fn from(v: &[Operand]) -> Operands {
        Operands::from_slice(v)
    }
}

impl<const N: usize> From<[Operand; N]> for Operands {
    #[inline]
    fn from(v: [Operand; N]) -> Operands {
        let mut o = Operands::new();
        o.extend(v);
        o
    }
}

impl Extend<Operand> for Operands {
    fn extend<I: IntoIterator<Item = Operand>>(&mut self, iter: I) {
        for x in iter {
            self.push(x);
        }
    }
}

impl FromIterator<Operand> for Operands {
    fn from_iter<I: IntoIterator<Item = Operand>>(iter: I) -> Operands {
        let mut o = Operands::new();
        o.extend(iter);
        o
    }
}

impl<'a> IntoIterator for &'a Operands {
    type Item = &'a Operand;
    type IntoIter = std::slice::Iter<'a, Operand>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<'a> IntoIterator for &'a mut Operands {
    type Item = &'a mut Operand;
    type IntoIter = std::slice::IterMut<'a, Operand>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_mut_slice().iter_mut()
    }
}

/// The operands of an [`Operands`] by value.
pub struct IntoIter(IterRepr);

enum IterRepr {
    Inline(std::iter::Take<std::array::IntoIter<Operand, INLINE>>),
    Heap(std::vec::IntoIter<Operand>),
}

impl Iterator for IntoIter {
    type Item = Operand;
    #[inline]
    fn next(&mut self) -> Option<Operand> {
        match &mut self.0 {
            IterRepr::Inline(i) => i.next(),
            IterRepr::Heap(i) => i.next(),
        }
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.0 {
            IterRepr::Inline(i) => i.size_hint(),
            IterRepr::Heap(i) => i.size_hint(),
        }
    }
}

impl ExactSizeIterator for IntoIter {}

impl IntoIterator for Operands {
    type Item = Operand;
    type IntoIter = IntoIter;
    #[inline]
    fn into_iter(self) -> IntoIter {
        IntoIter(match self.0 {
            Repr::Inline(n, a) => IterRepr::Inline(a.into_iter().take(n as usize)),
            Repr::Heap(v) => IterRepr::Heap(v.into_iter()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(o: &Operands) -> Vec<i64> {
        o.iter()
            .map(|x| match x {
                Operand::Int(i) => *i,
                _ => -1,
            })
            .collect()
    }

    #[test]
    fn edits_inline_and_heap() {
        let mut o = Operands::new();
        for i in 0..5 {
            o.push(Operand::Int(i));
            assert_eq!(ints(&o), (0..=i).collect::<Vec<_>>());
        }
        assert_eq!(o.remove(1), Operand::Int(1));
        assert_eq!(ints(&o), vec![0, 2, 3, 4]);
        let mut p = Operands::from_slice(&[Operand::Int(7), Operand::Int(8)]);
        p.insert(0, Operand::Int(6));
        assert_eq!(ints(&p), vec![6, 7, 8]);
        p.insert(3, Operand::Int(9));
        assert_eq!(ints(&p), vec![6, 7, 8, 9]);
        let mut q = Operands::from_slice(&[Operand::Int(1), Operand::Int(2), Operand::Int(3)]);
        assert_eq!(q.remove(0), Operand::Int(1));
        q.insert(1, Operand::Int(5));
        assert_eq!(ints(&q), vec![2, 5, 3]);
        q.retain(|x| *x != Operand::Int(5));
        assert_eq!(ints(&q), vec![2, 3]);
        assert_eq!(q.pop(), Some(Operand::Int(3)));
        q.truncate(0);
        assert!(q.is_empty());
        assert_eq!(q.pop(), None);
        assert_eq!(q.clone().into_vec(), Vec::<Operand>::new());
        assert_eq!(o.clone(), o);
    }
}
