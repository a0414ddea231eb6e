//! Dominators and natural loops.
//!
//! Dominators come from the iterative algorithm of Cooper, Harvey and
//! Kennedy ("A Simple, Fast Dominance Algorithm"): intersecting
//! predecessors' dominators along reverse-postorder numbers converges in a
//! couple of sweeps on the reducible graphs MIR code produces, and needs no
//! auxiliary forest. The dominator tree's children lists and a preorder
//! walk drive SSA renaming and value numbering; dominance frontiers drive
//! phi placement; back edges (edges to a dominator) give natural loops.

use super::ir::{BlockId, Body};

/// The dominator tree of the reachable blocks of a body.
pub(crate) struct DomTree {
    /// Reachable blocks in reverse postorder.
    pub rpo: Vec<BlockId>,
    /// Position in `rpo`, `u32::MAX` for unreachable blocks.
    pub rpo_num: Vec<u32>,
    /// Immediate dominator (the entry is its own).
    pub idom: Vec<BlockId>,
    /// Children in the dominator tree, in reverse-postorder order, of
    /// block `b`: `kids[kids[b].0..kids[b + 1].0]` (one allocation for the
    /// `n + 1` range starts, stored as `BlockId`s, and the lists after them).
    kids: Vec<BlockId>,
}

impl DomTree {
    pub fn compute(body: &Body) -> DomTree {
        let n = body.blocks.len();
        let mut rpo_num = Vec::new();
        let rpo = body.rpo_numbered(&mut rpo_num);
        const NONE: u32 = u32::MAX;
        let mut idom = vec![NONE; n];
        idom[0] = 0;
        let mut changed = true;
        while changed {
            changed = false;
            for &b in rpo.iter().skip(1) {
                let mut new = NONE;
                for &p in &body.block(b).preds {
                    if rpo_num[p.index()] == NONE || idom[p.index()] == NONE {
                        continue;
                    }
                    new = if new == NONE {
                        p.0
                    } else {
                        intersect(&idom, &rpo_num, p.0, new)
                    };
                }
                if new != NONE && idom[b.index()] != new {
                    idom[b.index()] = new;
                    changed = true;
                }
            }
        }
        // Children lists in one array (counting sort by parent): counts,
        // then running sums (the end of each parent's range), then filled
        // backwards so that each entry ends at its range's start. The
        // starts are offset by the n + 1 entries that hold them.
        let nkids = rpo
            .iter()
            .skip(1)
            .filter(|b| idom[b.index()] != NONE)
            .count();
        let mut kids = vec![BlockId(0); n + 1 + nkids];
        for &b in rpo.iter().skip(1) {
            let d = idom[b.index()];
            if d != NONE {
                kids[d as usize].0 += 1;
            }
        }
        kids[0].0 += n as u32 + 1;
        for i in 1..=n {
            kids[i].0 += kids[i - 1].0;
        }
        for &b in rpo.iter().skip(1).rev() {
            let d = idom[b.index()] as usize;
            if d != NONE as usize {
                kids[d].0 -= 1;
                let k = kids[d].0 as usize;
                kids[k] = b;
            }
        }
        DomTree {
            rpo,
            rpo_num,
            idom: idom
                .into_iter()
                .map(|d| BlockId(if d == NONE { 0 } else { d }))
                .collect(),
            kids,
        }
    }

    /// The blocks `b` immediately dominates.
    pub fn children(&self, b: BlockId) -> &[BlockId] {
        let i = b.index();
        &self.kids[self.kids[i].0 as usize..self.kids[i + 1].0 as usize]
    }

    pub fn reachable(&self, b: BlockId) -> bool {
        self.rpo_num[b.index()] != u32::MAX
    }

    /// Whether `a` dominates `b` (both reachable).
    pub fn dominates(&self, a: BlockId, mut b: BlockId) -> bool {
        let ra = self.rpo_num[a.index()];
        loop {
            if a == b {
                return true;
            }
            if b.0 == 0 || self.rpo_num[b.index()] < ra {
                return false;
            }
            b = self.idom[b.index()];
        }
    }

    /// Dominance frontiers.
    pub fn frontiers(&self, body: &Body) -> Frontiers {
        let n = body.blocks.len();
        // (block, frontier block) pairs, then bucketed by block (order kept).
        let mut pairs: Vec<(u32, BlockId)> = Vec::with_capacity(2 * n);
        // The last frontier block added to each block's list.
        let mut last = vec![u32::MAX; n + 1];
        for &b in &self.rpo {
            let preds = &body.block(b).preds;
            if preds.len() < 2 {
                continue;
            }
            let d = self.idom[b.index()];
            for &p in preds {
                if !self.reachable(p) {
                    continue;
                }
                let mut r = p;
                while r != d {
                    if last[r.index()] != b.0 {
                        last[r.index()] = b.0;
                        pairs.push((r.0, b));
                    }
                    if r.0 == 0 {
                        break;
                    }
                    r = self.idom[r.index()];
                }
            }
        }
        // Counting sort by block, reusing `last` for the counts.
        let mut start = last;
        start.clear();
        start.resize(n + 1, 0);
        for &(r, _) in &pairs {
            start[r as usize] += 1;
        }
        for i in 1..=n {
            start[i] += start[i - 1];
        }
        let mut list = vec![BlockId(0); pairs.len()];
        for &(r, b) in pairs.iter().rev() {
            start[r as usize] -= 1;
            list[start[r as usize] as usize] = b;
        }
        Frontiers { start, list }
    }
}

/// Dominance frontiers of all blocks, in one array.
pub(crate) struct Frontiers {
    /// The frontier of block `b` is `list[start[b]..start[b + 1]]`.
    start: Vec<u32>,
    list: Vec<BlockId>,
}

impl Frontiers {
    pub fn of(&self, b: BlockId) -> &[BlockId] {
        &self.list[self.start[b.index()] as usize..self.start[b.index() + 1] as usize]
    }
}

fn intersect(idom: &[u32], num: &[u32], mut a: u32, mut b: u32) -> u32 {
    while a != b {
        while num[a as usize] > num[b as usize] {
            a = idom[a as usize];
        }
        while num[b as usize] > num[a as usize] {
            b = idom[b as usize];
        }
    }
    a
}

/// A natural loop: a header and the blocks that reach a back edge to it
/// without passing through the header.
pub(crate) struct Loop {
    pub header: BlockId,
    /// Body blocks (header included), in reverse postorder.
    pub blocks: Vec<BlockId>,
    /// Depth of nesting (1 for outermost).
    pub depth: u32,
}

/// The natural loops of a body, innermost first (by decreasing depth,
/// then by header order).
pub(crate) fn find_loops(body: &Body, dom: &DomTree) -> Vec<Loop> {
    let n = body.blocks.len();
    let mut loops: Vec<Loop> = Vec::new();
    // Per block: 1 while in the loop being gathered (allocated with the
    // first loop: a body without loops allocates nothing).
    let mut marks: Vec<u32> = Vec::new();
    // Work list and members of the current loop (reused).
    let mut stack: Vec<BlockId> = Vec::new();
    let mut found: Vec<BlockId> = Vec::new();
    let is_latch = |h: BlockId, p: BlockId| dom.reachable(p) && dom.dominates(h, p);
    for &h in &dom.rpo {
        let preds = &body.block(h).preds;
        if !preds.iter().any(|&p| is_latch(h, p)) {
            continue;
        }
        if marks.is_empty() {
            marks = vec![0; n];
            stack = Vec::with_capacity(n);
            found = Vec::with_capacity(n);
        }
        stack.clear();
        stack.extend(preds.iter().copied().filter(|&p| is_latch(h, p)));
        found.clear();
        found.push(h);
        marks[h.index()] = 1;
        while let Some(b) = stack.pop() {
            if marks[b.index()] != 0 {
                continue;
            }
            marks[b.index()] = 1;
            found.push(b);
            for &p in &body.block(b).preds {
                if dom.reachable(p) && marks[p.index()] == 0 {
                    stack.push(p);
                }
            }
        }
        for &b in &found {
            marks[b.index()] = 0;
        }
        // Keys are distinct: an unstable sort gives the one order.
        found.sort_unstable_by_key(|b| dom.rpo_num[b.index()]);
        loops.push(Loop {
            header: h,
            blocks: found.to_vec(),
            depth: 1,
        });
    }
    // Depth: the number of loops whose body holds this loop's header.
    // (Counted per block, in `marks`, all 0 again: no list of loops per
    // block to allocate.)
    let nloops = &mut marks;
    for l in &loops {
        for b in &l.blocks {
            nloops[b.index()] += 1;
        }
    }
    for l in &mut loops {
        l.depth = nloops[l.header.index()];
    }
    loops.sort_by(|a, b| {
        b.depth
            .cmp(&a.depth)
            .then(dom.rpo_num[a.header.index()].cmp(&dom.rpo_num[b.header.index()]))
    });
    loops
}
