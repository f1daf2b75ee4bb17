//! Total-fit paragraph breaking (Knuth–Plass) over [`Item`]s: every
//! feasible break is a node, the chosen breaks minimise the sum of
//! demerits over the whole paragraph.

use super::classes::{inseparable, may_end_line, may_start_line};
use super::item::Item;
use super::{EPSILON, Params};

/// Demerits that make a choice a last resort without making it impossible,
/// so that a paragraph always gets some set of lines.
const LAST_RESORT: f64 = 1e9;
/// A lone ideograph on a paragraph's last line (段末孤字).
const LONE_CHARACTER: f64 = 1e7;
const LINE_PENALTY: f64 = 10.0;

/// Prefix sums so that a line's width, stretch and shrink are O(1).
struct Sums {
    /// Σ (width + gap.natural) of items before i.
    advance: Vec<f64>,
    stretch: Vec<f64>,
    shrink: Vec<f64>,
}

impl Sums {
    fn new(items: &[Item]) -> Sums {
        let n = items.len();
        let mut s = Sums {
            advance: Vec::with_capacity(n + 1),
            stretch: Vec::with_capacity(n + 1),
            shrink: Vec::with_capacity(n + 1),
        };
        let (mut a, mut st, mut sh) = (0.0, 0.0, 0.0);
        s.advance.push(0.0);
        s.stretch.push(0.0);
        s.shrink.push(0.0);
        for it in items {
            a += it.width.0 + it.gap.natural.0;
            st += it.gap.stretch.0;
            sh += it.gap.shrink.0;
            s.advance.push(a);
            s.stretch.push(st);
            s.shrink.push(sh);
        }
        s
    }

    /// Natural width, stretch and shrink of items a..b as a line (the gap
    /// after b-1 is the break and does not count). A closing mark's blank
    /// half at the line end is taken off the width for free: GB/T 15834
    /// sets line-end punctuation at half width, so using it is not a
    /// tight line but the preferred 推入 (CLREQ §2).
    fn line(&self, items: &[Item], a: usize, b: usize, measure: f64) -> (f64, f64, f64) {
        let last = &items[b - 1];
        let mut w = self.advance[b] - self.advance[a] - last.gap.natural.0;
        if w > measure {
            w = (w - last.end_compress.0).max(measure);
        }
        let st = self.stretch[b - 1] - self.stretch[a];
        let sh = self.shrink[b - 1] - self.shrink[a];
        (w, st, sh)
    }
}

/// May the paragraph break after item `b - 1`?
pub fn allowed_break(items: &[Item], b: usize, p: &Params) -> bool {
    let (before, after) = (&items[b - 1], &items[b]);
    before.gap.breakable
        && may_end_line(before.last, p.prohibition)
        && may_start_line(after.first, p.prohibition)
        && !inseparable(before.last, after.first)
}

#[derive(Clone, Copy)]
struct Node {
    pos: usize,
    line: usize,
    demerits: f64,
    prev: Option<usize>,
}

/// Returns the break positions (item counts), the last one `items.len()`.
pub fn total_fit(items: &[Item], p: &Params) -> Vec<usize> {
    let n = items.len();
    if n == 0 {
        return Vec::new();
    }
    let sums = Sums::new(items);
    let mut nodes = vec![Node {
        pos: 0,
        line: 0,
        demerits: 0.0,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];
    for b in 1..=n {
        if b < n && !allowed_break(items, b, p) {
            continue;
        }
        let last_line = b == n;
        let mut best: Option<(f64, usize)> = None;
        let mut keep = Vec::with_capacity(active.len());
        let mut overfull_fallback: Option<(f64, usize)> = None;
        for &ai in &active {
            let a = nodes[ai];
            let measure = (p.measure)(a.line).0;
            let indent = if a.pos == 0 { p.first_indent.0 } else { 0.0 };
            let (w, st, sh) = sums.line(items, a.pos, b, measure - indent);
            let w = w + indent;
            let min = w - sh;
            if min > measure + EPSILON {
                // Too long now and longer for every later break: retire the
                // node, remembering it in case nothing else can continue.
                let over = min - measure;
                let d = a.demerits + LAST_RESORT * (1.0 + over);
                if overfull_fallback.is_none_or(|(bd, _)| d < bd) {
                    overfull_fallback = Some((d, ai));
                }
                continue;
            }
            keep.push(ai);
            let badness = if last_line {
                if w > measure {
                    badness((w - measure) / sh.max(1e-9))
                } else {
                    0.0
                }
            } else if !p.justify {
                // Ragged lines: prefer full ones, mildly.
                badness((measure - w).max(0.0) / measure.max(1e-9))
            } else if w <= measure {
                let slack = measure - w;
                if slack <= EPSILON {
                    0.0
                } else if st > 0.0 {
                    badness(slack / st)
                } else {
                    // Cannot stretch: only as a last resort.
                    LAST_RESORT / 10.0
                }
            } else {
                badness((w - measure) / sh.max(1e-9))
            };
            let mut d = (LINE_PENALTY + badness).powi(2);
            if last_line && lone_character(&items[a.pos..b]) && a.pos > 0 {
                d += LONE_CHARACTER;
            }
            let total = a.demerits + d;
            if best.is_none_or(|(bd, _)| total < bd) {
                best = Some((total, ai));
            }
        }
        active = keep;
        let chosen = best.or(if active.is_empty() {
            overfull_fallback
        } else {
            None
        });
        if let Some((d, ai)) = chosen {
            let line = nodes[ai].line + 1;
            nodes.push(Node {
                pos: b,
                line,
                demerits: d,
                prev: Some(ai),
            });
            active.push(nodes.len() - 1);
        }
    }
    // The last node pushed is at n: every loop iteration that reaches b == n
    // either finds a best node or falls back to an overfull one, because the
    // active list is never empty when it starts (the start node, or nodes
    // pushed since).
    let mut breaks = Vec::new();
    let mut cur = nodes.iter().rposition(|nd| nd.pos == n);
    while let Some(i) = cur {
        if nodes[i].pos == 0 {
            break;
        }
        breaks.push(nodes[i].pos);
        cur = nodes[i].prev;
    }
    breaks.reverse();
    if breaks.last() != Some(&n) {
        breaks.push(n);
    }
    breaks
}

fn badness(ratio: f64) -> f64 {
    (100.0 * ratio.abs().powi(3)).min(LAST_RESORT)
}

/// A last line holding one ideograph and nothing but punctuation besides.
fn lone_character(line: &[Item]) -> bool {
    let ideographs = line.iter().filter(|i| i.ideographic).count();
    let others = line
        .iter()
        .filter(|i| !i.ideographic && super::classes::punct_class(i.first).is_none())
        .count();
    ideographs == 1 && others == 0
}
