//! A maximum-weight branching: at most one link into each node, no cycle, and the weights
//! of the links kept summing to as much as possible (Chu and Liu, 1965; Edmonds, 1967).
//!
//! The lineage of a corpus is such a branching: each plan adapted from at most one
//! source, no plan its own ancestor. Choosing each plan's best source alone can make two
//! plans of one level and period each the other's source; the branching keeps the better
//! of the two readings of the cycle as a whole.
//!
//! The method: every node takes its heaviest incoming link; if they form no cycle, that is
//! the answer. Otherwise each cycle is contracted into one node, a link entering the cycle
//! at `v` weighing what it gains over the cycle's link into `v`, and the smaller graph is
//! solved the same way; expanding it keeps every link of a cycle but the one into the node
//! where the chosen link enters. A virtual root with a link of weight 0 to every node
//! lets any node stay a root. Each round costs one pass over the links and removes at
//! least one node. Ties go to the link given first, so the answer depends only on the
//! order of the links.

/// A directed link `from → to` (`from` the source) with its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Link {
    pub from: usize,
    pub to: usize,
    pub weight: f64,
}

/// One round of contraction, kept for expanding its solution.
struct Round {
    /// The links of this round (their `from` and `to` are this round's nodes).
    links: Vec<Link>,
    /// For each node, the index of its heaviest incoming link.
    best: Vec<Option<usize>>,
    /// For each node of the next round, this round's nodes it stands for when it is a
    /// contracted cycle.
    cycles: Vec<Option<Vec<usize>>>,
    /// For each link of the next round, the link of this round it stands for.
    origin: Vec<usize>,
}

/// The links of a maximum-weight branching of `nodes` nodes: for each node, the index in
/// `links` of the link into it, or `None` for a root. Links with `from == to`, or naming a
/// node out of range, are ignored.
pub(crate) fn max_branching(nodes: usize, links: &[Link]) -> Vec<Option<usize>> {
    let root = nodes;
    let mut current: Vec<Link> = links
        .iter()
        .copied()
        .filter(|l| l.from != l.to && l.from < nodes && l.to < nodes)
        .collect();
    // Which input link each link of the first round is.
    let first_origin: Vec<usize> = links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.from != l.to && l.from < nodes && l.to < nodes)
        .map(|(k, _)| k)
        .collect();
    current.extend((0..nodes).map(|to| Link {
        from: root,
        to,
        weight: 0.0,
    }));
    let mut n = nodes + 1;
    let mut root_now = root;
    let mut rounds: Vec<Round> = Vec::new();
    let chosen = loop {
        let best = heaviest_into(n, root_now, &current);
        let cycles = find_cycles(n, root_now, &current, &best);
        if cycles.is_empty() {
            break best;
        }
        let (round, next, next_n, next_root) = contract(n, root_now, current, best, &cycles);
        rounds.push(round);
        current = next;
        n = next_n;
        root_now = next_root;
    };
    // Expand, round by round, back to the first.
    let mut chosen = chosen;
    while let Some(round) = rounds.pop() {
        chosen = expand(&round, &chosen);
    }
    let mut out = vec![None; nodes];
    for (v, slot) in out.iter_mut().enumerate() {
        *slot = chosen
            .get(v)
            .copied()
            .flatten()
            .and_then(|k| first_origin.get(k).copied());
    }
    out
}

/// For each node but the root, its heaviest incoming link (the first of equal ones).
fn heaviest_into(n: usize, root: usize, links: &[Link]) -> Vec<Option<usize>> {
    let mut best: Vec<Option<usize>> = vec![None; n];
    for (k, l) in links.iter().enumerate() {
        if l.to == root || l.from == l.to {
            continue;
        }
        let Some(slot) = best.get_mut(l.to) else {
            continue;
        };
        if slot.is_none_or(|b| links[b].weight < l.weight) {
            *slot = Some(k);
        }
    }
    best
}

/// The cycles of the graph of heaviest links, each as its nodes, in a fixed order.
fn find_cycles(n: usize, root: usize, links: &[Link], best: &[Option<usize>]) -> Vec<Vec<usize>> {
    // 0: not visited; otherwise 1 + the walk that visited it.
    let mut walk_of = vec![0usize; n];
    let mut cycles = Vec::new();
    for start in 0..n {
        if walk_of[start] != 0 || start == root {
            continue;
        }
        let walk = start + 1;
        let mut v = start;
        loop {
            if v == root {
                break;
            }
            if walk_of[v] != 0 {
                if walk_of[v] == walk {
                    // A cycle through v: follow it once more to collect it.
                    let mut cycle = vec![v];
                    let mut u = parent(links, best, v);
                    while let Some(w) = u.filter(|w| *w != v) {
                        cycle.push(w);
                        u = parent(links, best, w);
                    }
                    cycles.push(cycle);
                }
                break;
            }
            walk_of[v] = walk;
            match parent(links, best, v) {
                Some(p) => v = p,
                None => break,
            }
        }
    }
    cycles
}

fn parent(links: &[Link], best: &[Option<usize>], v: usize) -> Option<usize> {
    best.get(v)
        .copied()
        .flatten()
        .and_then(|k| links.get(k))
        .map(|l| l.from)
}

/// Contracts each cycle into one node: the round to keep, the next round's links, its
/// number of nodes and its root.
fn contract(
    n: usize,
    root: usize,
    links: Vec<Link>,
    best: Vec<Option<usize>>,
    cycles: &[Vec<usize>],
) -> (Round, Vec<Link>, usize, usize) {
    let mut node_of: Vec<Option<usize>> = vec![None; n];
    let mut next_cycles: Vec<Option<Vec<usize>>> = Vec::new();
    for cycle in cycles {
        for &v in cycle {
            node_of[v] = Some(next_cycles.len());
        }
        next_cycles.push(Some(cycle.clone()));
    }
    for slot in node_of.iter_mut() {
        if slot.is_none() {
            *slot = Some(next_cycles.len());
            next_cycles.push(None);
        }
    }
    let node = |v: usize| node_of.get(v).copied().flatten().unwrap_or(0);
    let in_cycle = |v: usize| next_cycles.get(node(v)).is_some_and(Option::is_some);
    let mut next = Vec::new();
    let mut origin = Vec::new();
    for (k, l) in links.iter().enumerate() {
        let (from, to) = (node(l.from), node(l.to));
        if from == to {
            continue;
        }
        let gain = if in_cycle(l.to) {
            let kept = best
                .get(l.to)
                .copied()
                .flatten()
                .and_then(|b| links.get(b))
                .map_or(0.0, |b| b.weight);
            l.weight - kept
        } else {
            l.weight
        };
        next.push(Link {
            from,
            to,
            weight: gain,
        });
        origin.push(k);
    }
    let next_n = next_cycles.len();
    let next_root = node(root);
    let round = Round {
        links,
        best,
        cycles: next_cycles,
        origin,
    };
    (round, next, next_n, next_root)
}

/// This round's chosen link into each node, from the next round's.
fn expand(round: &Round, chosen_next: &[Option<usize>]) -> Vec<Option<usize>> {
    let n = round.best.len();
    let mut chosen: Vec<Option<usize>> = vec![None; n];
    for (c, pick) in chosen_next.iter().enumerate() {
        let entering = pick.and_then(|k| round.origin.get(k).copied());
        match round.cycles.get(c).and_then(Option::as_ref) {
            Some(cycle) => {
                for &u in cycle {
                    chosen[u] = round.best[u];
                }
                if let Some(k) = entering {
                    chosen[round.links[k].to] = Some(k);
                }
            }
            None => {
                if let Some(k) = entering {
                    chosen[round.links[k].to] = Some(k);
                }
            }
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(from: usize, to: usize, weight: f64) -> Link {
        Link { from, to, weight }
    }

    fn total(links: &[Link], chosen: &[Option<usize>]) -> f64 {
        chosen.iter().flatten().map(|&k| links[k].weight).sum()
    }

    /// Every branching by brute force: each node's parent among its links or none.
    fn best_by_brute_force(nodes: usize, links: &[Link]) -> f64 {
        fn acyclic(nodes: usize, links: &[Link], chosen: &[Option<usize>]) -> bool {
            (0..nodes).all(|start| {
                let mut v = start;
                for _ in 0..=nodes {
                    match chosen[v] {
                        Some(k) => v = links[k].from,
                        None => return true,
                    }
                }
                false
            })
        }
        fn go(v: usize, nodes: usize, links: &[Link], chosen: &mut Vec<Option<usize>>) -> f64 {
            if v == nodes {
                return if acyclic(nodes, links, chosen) {
                    total(links, chosen)
                } else {
                    f64::NEG_INFINITY
                };
            }
            chosen[v] = None;
            let mut best = go(v + 1, nodes, links, chosen);
            for k in (0..links.len()).filter(|&k| links[k].to == v && links[k].from != v) {
                chosen[v] = Some(k);
                best = best.max(go(v + 1, nodes, links, chosen));
            }
            chosen[v] = None;
            best
        }
        go(0, nodes, links, &mut vec![None; nodes])
    }

    #[test]
    fn a_two_cycle_keeps_its_heavier_reading() {
        // 0 → 1 (0.9) and 1 → 0 (0.8): 1 adapted from 0, 0 a root.
        let links = [link(0, 1, 0.9), link(1, 0, 0.8)];
        assert_eq!(max_branching(2, &links), [None, Some(0)]);
    }

    #[test]
    fn a_cycle_is_broken_where_the_best_outside_link_enters() {
        // 2 → 3 → 2 is a cycle; 0 → 2 (0.5) and 1 → 3 (0.6) enter it; 3 → 2 is 0.9 and
        // 2 → 3 is 0.7. Entering at 3 costs 0.7 - 0.6; at 2, 0.9 - 0.5: enter at 3.
        let links = [
            link(2, 3, 0.7),
            link(3, 2, 0.9),
            link(0, 2, 0.5),
            link(1, 3, 0.6),
        ];
        let chosen = max_branching(4, &links);
        assert_eq!(chosen, [None, None, Some(1), Some(3)]);
        assert_eq!(total(&links, &chosen), best_by_brute_force(4, &links));
    }

    #[test]
    fn agrees_with_brute_force_on_small_graphs() {
        // A fixed pseudo-random sequence of small dense graphs.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..300 {
            let nodes = 1 + (next() % 5) as usize;
            let mut links = Vec::new();
            for from in 0..nodes {
                for to in 0..nodes {
                    if from != to && next() % 3 != 0 {
                        links.push(link(from, to, (next() % 10) as f64 / 10.0));
                    }
                }
            }
            let chosen = max_branching(nodes, &links);
            // One link into each node at most, into the node it names, and no cycle.
            for (v, k) in chosen.iter().enumerate() {
                if let Some(k) = k {
                    assert_eq!(links[*k].to, v);
                }
            }
            let got = total(&links, &chosen);
            let want = best_by_brute_force(nodes, &links);
            assert!((got - want).abs() < 1e-9, "{links:?}: {got} vs {want}");
        }
    }
}
