//! Total-fit paragraph breaking (Knuth–Plass) over [`Item`]s: every
//! feasible break is a node, the chosen breaks minimise the sum of
//! demerits ([`super::demerits`]) over the whole paragraph. A greedy
//! first-fit mode is kept for comparison.

use super::EPSILON;
use super::Params;
use super::demerits::{
    DOUBLE_HYPHEN, LAST_RESORT, LINE_PENALTY, LOOSE_LINE, MAX_HYPHEN_RUN, SPACED_LINE,
    VISIBLE_SPACING, WIDE_SPACING, WIDE_SPACING_EM, line_demerits, line_demerits_at,
    stretch_demerits, with_break,
};
use super::fit::{Fit, Sums};
use crate::model::Item;
use crate::model::item::INTER_CHAR_STRETCH_EM;
use crate::model::punct::{inseparable, may_end_line, may_start_line};

/// May the paragraph break after item `b - 1`?
pub fn allowed_break(items: &[Item], b: usize, p: &Params) -> bool {
    let (before, after) = (&items[b - 1], &items[b]);
    before.gap.breakable
        && may_end_line(before.last, p.prohibition)
        && may_start_line(after.first, p.prohibition)
        && !inseparable(before.last, after.first)
}

/// A break after this item leaves a hyphen at the line's end: one typeset
/// adds (a hyphenation point) or the text's own (`non-|free`). A reader
/// sees the same ladder of hyphens either way, so both count towards the
/// hyphenated lines in a row (as TeX flags explicit hyphens).
pub fn ends_with_hyphen(it: &Item) -> bool {
    it.gap.is_hyphen() || matches!(it.last, '-' | '\u{2010}')
}

#[derive(Clone, Copy)]
struct Node {
    pos: usize,
    line: usize,
    demerits: f64,
    /// Hyphenated lines in a row ending at this break.
    run: u8,
    prev: Option<usize>,
}

/// The least [`stretch_demerits`] of a [`Bound::wide`] line: spacing past
/// [`WIDE_SPACING_EM`] (and so past [`VISIBLE_SPACING_EM`](super::demerits::VISIBLE_SPACING_EM)) costs both
/// penalties, at least [`SPACED_LINE`] and a plain line's square, added in
/// this order to terms never less; and adding a number that is not
/// negative never rounds below the sum without it.
const WIDE_FLOOR: f64 = LINE_PENALTY * LINE_PENALTY + SPACED_LINE + WIDE_SPACING + VISIBLE_SPACING;

/// What a node's line to a break is known to cost before it is measured.
struct Bound {
    /// Never above the line's [`line_demerits`] (−∞ when unknown).
    floor: f64,
    /// The line is letter-spaced by more than [`WIDE_SPACING_EM`]:
    /// in a [`monotone`] paragraph every later node's line to the same
    /// break is shorter still and costs at least [`LOOSE_LINE`].
    wide: bool,
    /// The floor is the line's whole spacing demerits, as
    /// [`line_demerits`] finds them (an underfull line after the first
    /// whose node had not lost yet): its demerits are the floor with the
    /// break's own, and need not be measured again.
    exact: bool,
}

/// For a break `b` before the paragraph's end: a function giving, for the
/// line from a node to `b`, a [`Bound`] cheap to compute (prefix sums
/// only), given the total the node must `beat` (+∞ for none). The floor is the stretch demerits of an underfull
/// justified line after the first, computed as `line_demerits` computes
/// them: the demerits it returns add only terms that are not negative to
/// that same value, so `floor ≤ demerits` holds in floating point as well,
/// and total fit may skip a node whose floor already loses, with the same
/// result. `None` when the paragraph's settings take another path
/// (ragged, flush short lines).
fn underfull_bound<'a>(
    items: &'a [Item],
    b: usize,
    p: &'a Params,
    fixed: Option<f64>,
) -> Option<impl Fn(&Sums, &Node, f64) -> Bound + 'a> {
    if !p.justify || p.flush_short {
        return None;
    }
    Some(move |sums: &Sums, node: &Node, beat: f64| {
        let (a, line, demerits) = (node.pos, node.line, node.demerits);
        let unknown = Bound {
            floor: f64::NEG_INFINITY,
            wide: false,
            exact: false,
        };
        if a == 0 {
            return unknown;
        }
        let measure = fixed.unwrap_or_else(|| (p.measure)(line).0);
        let Some(f) = sums.underfull(items, (a, b), measure) else {
            return unknown;
        };
        let slack = measure - f.width;
        let wide = is_wide(slack, &f);
        // A node that has lost already, whatever the line costs (never
        // less than nothing), needs no spacing worked out; nor does one
        // that loses with the least a wide line costs.
        if demerits >= beat || (wide && demerits + WIDE_FLOOR >= beat) {
            return Bound {
                floor: if wide { WIDE_FLOOR } else { 0.0 },
                wide,
                exact: false,
            };
        }
        Bound {
            floor: stretch_demerits(slack, &f),
            wide,
            exact: true,
        }
    })
}

/// An underfull line `slack` short of its measure is letter-spaced by
/// more than [`WIDE_SPACING_EM`], clear of [`stretch_demerits`]'s
/// thresholds, so that rounding cannot put a later, shorter line on their
/// other side.
fn is_wide(slack: f64, f: &Fit) -> bool {
    let em = (slack - f.pair - f.flex) / f.inter * INTER_CHAR_STRETCH_EM;
    f.inter > 0.0 && slack > f.pair + f.flex + 2.0 * EPSILON && em > WIDE_SPACING_EM + 1e-3
}

/// Lines only get shorter, in every respect, as their start moves on: the
/// measure is the same for every line and no item or gap has a negative
/// width or stretch. Then a line starting after a [`Bound::wide`] one
/// ends as an underfull line with less stretch, which is wide too, or has
/// no letter spacing at all (at least [`LOOSE_LINE`]).
fn monotone(items: &[Item], p: &Params) -> bool {
    let m = (p.measure)(0);
    (1..=items.len()).all(|k| (p.measure)(k) == m)
        && items
            .iter()
            .all(|i| i.width.0 + i.gap.natural.0 >= 0.0 && i.gap.stretch.0 >= 0.0)
}

/// The best way to a break, by the hyphenated lines in a row it ends:
/// (total demerits, node).
type Best = [Option<(f64, usize)>; MAX_HYPHEN_RUN as usize + 1];

/// Total fit's state over one paragraph.
struct Search<'a> {
    items: &'a [Item],
    p: &'a Params<'a>,
    sums: Sums,
    /// The paragraph is [`monotone`].
    steady: bool,
    /// Every line's measure, when it is the same for all (a [`monotone`]
    /// paragraph): asked of `p.measure` once, not for every candidate.
    fixed: Option<f64>,
    nodes: Vec<Node>,
    /// The nodes a line may still start from, in the order made.
    active: Vec<usize>,
    keep: Vec<usize>,
    least: Least,
}

/// The buffers of total fit's search, kept from paragraph to paragraph on
/// each thread: a book breaks a paragraph every few hundred characters,
/// and these were most of the breaker's allocations.
#[derive(Default)]
struct Scratch {
    sums: Sums,
    nodes: Vec<Node>,
    active: Vec<usize>,
    keep: Vec<usize>,
    least: Vec<(usize, f64)>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Returns the break positions (item counts), the last one `items.len()`.
pub fn total_fit(items: &[Item], p: &Params) -> Vec<usize> {
    let n = items.len();
    if n == 0 {
        return Vec::new();
    }
    // Taken, not borrowed: a search never finds it missing, only empty.
    let mut scratch = SCRATCH.with(|c| c.take());
    scratch.sums.fill(items);
    scratch.nodes.clear();
    scratch.nodes.push(Node {
        pos: 0,
        line: 0,
        demerits: 0.0,
        run: 0,
        prev: None,
    });
    scratch.active.clear();
    scratch.active.push(0);
    scratch.keep.clear();
    scratch.least.clear();
    let mut least = Least(scratch.least);
    least.push(0, 0.0);
    let steady = monotone(items, p);
    let mut s = Search {
        items,
        p,
        sums: scratch.sums,
        steady,
        fixed: steady.then(|| (p.measure)(0).0),
        nodes: scratch.nodes,
        active: scratch.active,
        keep: scratch.keep,
        least,
    };
    for b in 1..=n {
        if b < n && !allowed_break(items, b, p) {
            continue;
        }
        let hyphenated = b < n && ends_with_hyphen(&items[b - 1]);
        let (best, overfull) = s.lines_to(b, hyphenated);
        std::mem::swap(&mut s.active, &mut s.keep);
        let found = best.iter().any(Option::is_some);
        let fallback = (!found && s.active.is_empty())
            .then_some(overfull)
            .flatten();
        for (run, chosen) in best
            .iter()
            .enumerate()
            .chain([(hyphenated as usize, &fallback)])
        {
            if let Some((d, ai)) = *chosen {
                s.least.push(s.nodes.len(), d);
                s.nodes.push(Node {
                    pos: b,
                    line: s.nodes[ai].line + 1,
                    demerits: d,
                    run: run as u8,
                    prev: Some(ai),
                });
                s.active.push(s.nodes.len() - 1);
            }
        }
    }
    // A node at n exists: at b == n the active list is never empty on
    // entry, so a best or an overfull fallback is always pushed; b == n is
    // never hyphenated, so there is one.
    let breaks = collect(&s.nodes, n, |nd| (nd.pos, nd.prev));
    let scratch = Scratch {
        sums: s.sums,
        nodes: s.nodes,
        active: s.active,
        keep: s.keep,
        least: s.least.0,
    };
    SCRATCH.with(|c| c.replace(scratch));
    breaks
}

impl Search<'_> {
    /// The lines from the active nodes to break `b`: the best way to it,
    /// and the best of the nodes retired as overfull. The nodes that stay
    /// active are left in `keep`.
    fn lines_to(&mut self, b: usize, hyphenated: bool) -> (Best, Option<(f64, usize)>) {
        let (items, p, n) = (self.items, self.p, self.items.len());
        let bound = (b < n)
            .then(|| underfull_bound(items, b, p, self.fixed))
            .flatten();
        let mut best: Best = [None; MAX_HYPHEN_RUN as usize + 1];
        let mut overfull: Option<(f64, usize)> = None;
        // Where the search is in `least`: the active nodes come in the
        // order made.
        let mut walk = None;
        self.keep.clear();
        for (i, &ai) in self.active.iter().enumerate() {
            let a = self.nodes[ai];
            let run = if hyphenated { a.run + 1 } else { 0 };
            let Bound { floor, wide, exact } = bound.as_ref().map_or(
                Bound {
                    floor: f64::NEG_INFINITY,
                    wide: false,
                    exact: false,
                },
                |f| {
                    let beat = best.get(run as usize).copied().flatten();
                    f(&self.sums, &a, beat.map_or(f64::INFINITY, |(bd, _)| bd))
                },
            );
            // Every node from here on costs at least LOOSE_LINE (half of
            // it, for rounding) more than its own demerits to reach b, and
            // none is overfull: when even the least demerits among them
            // (or among all nodes made since this one) lose to the best
            // way found, none need be looked at.
            if wide
                && self.steady
                && !hyphenated
                && best[0].is_some_and(|(bd, _)| {
                    self.least.walking_from(ai, &mut walk) + LOOSE_LINE / 2.0 >= bd
                })
            {
                self.keep.extend_from_slice(&self.active[i..]);
                break;
            }
            if let Some(Some((bd, _))) = best.get(run as usize)
                && a.demerits + floor >= *bd
            {
                // Cannot beat the best way to b found so far (the test is
                // strict), and a line no longer than this one is never
                // overfull: the node stays, unevaluated.
                self.keep.push(ai);
                continue;
            }
            let measure = self.fixed.unwrap_or_else(|| (p.measure)(a.line).0);
            let d = if exact {
                // What line_demerits adds to its 0.0: the same sums, the
                // same spacing demerits, then the break's.
                Some(with_break(items, b, floor, p))
            } else {
                line_demerits_at(items, &self.sums, (a.pos, b), measure, p)
            };
            let Some(d) = d else {
                // Too long now and longer for every later break: retire
                // the node, remembering it in case nothing else can go on.
                let d = a.demerits + LAST_RESORT;
                if overfull.is_none_or(|(bd, _)| d < bd) {
                    overfull = Some((d, ai));
                }
                continue;
            };
            self.keep.push(ai);
            if run > MAX_HYPHEN_RUN {
                // The node stays for later breaks; this one is not taken.
                continue;
            }
            let total = a.demerits + d + if run > 1 { DOUBLE_HYPHEN } else { 0.0 };
            let slot = &mut best[run as usize];
            if slot.is_none_or(|(bd, _)| total < bd) {
                *slot = Some((total, ai));
            }
        }
        (best, overfull)
    }
}

/// The least demerits among the nodes made since a given one: a stack of
/// the nodes whose demerits are below every later node's, so increasing.
#[derive(Default)]
struct Least(Vec<(usize, f64)>);

impl Least {
    fn push(&mut self, node: usize, demerits: f64) {
        while self.0.last().is_some_and(|&(_, d)| d >= demerits) {
            self.0.pop();
        }
        self.0.push((node, demerits));
    }

    /// The least demerits of nodes `node..` (+∞ for none), for nodes
    /// asked in increasing order, the place reached kept in `walk`
    /// (`None` before the first): the first found by bisection, each
    /// later one by walking on from the last (a break's wide nodes are a
    /// few entries apart in a stack as long as the paragraph's nodes).
    fn walking_from(&self, node: usize, walk: &mut Option<usize>) -> f64 {
        let k = match *walk {
            None => self.0.partition_point(|&(i, _)| i < node),
            Some(mut k) => {
                while self.0.get(k).is_some_and(|&(i, _)| i < node) {
                    k += 1;
                }
                k
            }
        };
        *walk = Some(k);
        self.0.get(k).map_or(f64::INFINITY, |&(_, d)| d)
    }
}

#[cfg(test)]
mod bound_tests;

fn collect<T>(nodes: &[T], n: usize, f: impl Fn(&T) -> (usize, Option<usize>)) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut cur = nodes.iter().rposition(|nd| f(nd).0 == n);
    while let Some(i) = cur {
        let (pos, prev) = f(&nodes[i]);
        if pos == 0 {
            break;
        }
        breaks.push(pos);
        cur = prev;
    }
    breaks.reverse();
    if breaks.last() != Some(&n) {
        breaks.push(n);
    }
    breaks
}

/// First fit: each line takes as many items as can be set, prohibitions
/// permitting. For comparison with total fit (`breaking = "greedy"`).
pub fn greedy(items: &[Item], p: &Params) -> Vec<usize> {
    let n = items.len();
    let sums = Sums::new(items);
    let mut breaks = Vec::new();
    let mut a = 0;
    let mut line = 0;
    while a < n {
        let mut chosen = None;
        for b in a + 1..=n {
            if b < n && !allowed_break(items, b, p) {
                continue;
            }
            if line_demerits(items, &sums, a, b, line, p).is_some() {
                chosen = Some(b);
            } else if chosen.is_some() {
                break;
            } else {
                // Nothing fits: take the first possible break, overfull.
                chosen = Some(b);
                break;
            }
        }
        // b == n is always a candidate, so some break was chosen.
        let b = chosen.unwrap_or(n);
        breaks.push(b);
        a = b;
        line += 1;
    }
    breaks
}
