//! Total-fit paragraph breaking (Knuth–Plass) over [`Item`]s: every
//! feasible break is a node, the chosen breaks minimise the sum of
//! demerits over the whole paragraph. A greedy first-fit mode is kept for
//! comparison.

use super::fit::Sums;
use super::{EPSILON, Params};
use crate::model::Item;
use crate::model::punct::{inseparable, may_end_line, may_start_line};

/// Demerits that make a choice a last resort without making it impossible,
/// so that a paragraph always gets some set of lines.
const LAST_RESORT: f64 = 1e9;
/// A lone ideograph on a paragraph's last line (段末孤字).
pub const LONE_CHARACTER: f64 = 1e7;
/// Two hyphenated lines in a row.
pub const DOUBLE_HYPHEN: f64 = 3000.0;
const LINE_PENALTY: f64 = 10.0;

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
    hyphenated: bool,
    prev: Option<usize>,
}

/// Demerits of one line, `None` when it cannot be set (overfull).
pub fn line_demerits(
    items: &[Item],
    sums: &Sums,
    a: usize,
    b: usize,
    line: usize,
    p: &Params,
) -> Option<f64> {
    let measure = (p.measure)(line).0;
    let indent = if a == 0 { p.first_indent.0 } else { 0.0 };
    let f = sums.fit(items, a, b, measure - indent, p);
    let w = f.width + indent;
    if w - f.shrink > measure + EPSILON {
        return None;
    }
    let last_line = b == items.len();
    let badness = if last_line {
        if w > measure {
            badness((w - measure) / f.shrink.max(1e-9))
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
        } else if f.stretch > 0.0 {
            badness(slack / f.stretch)
        } else {
            LAST_RESORT / 10.0
        }
    } else {
        // Compressing marks to take one more character (推入) is preferred to
        // pushing one out (推出), CLREQ §2: shrink costs a tenth of stretch.
        badness((w - measure) / f.shrink.max(1e-9)) / 10.0
    };
    let mut d = (LINE_PENALTY + badness).powi(2);
    if b < items.len() {
        let pen = items[b - 1].gap.penalty;
        d += pen * pen;
    }
    if last_line && a > 0 && lone_character(&items[a..b]) {
        d += LONE_CHARACTER;
    }
    Some(d)
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
        hyphenated: false,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];
    let mut keep = Vec::new();
    for b in 1..=n {
        if b < n && !allowed_break(items, b, p) {
            continue;
        }
        let hyphenated = b < n && items[b - 1].gap.is_hyphen();
        let mut best: Option<(f64, usize)> = None;
        let mut overfull: Option<(f64, usize)> = None;
        keep.clear();
        for &ai in &active {
            let a = nodes[ai];
            match line_demerits(items, &sums, a.pos, b, a.line, p) {
                None => {
                    // Too long now and longer for every later break: retire
                    // the node, remembering it in case nothing else can go on.
                    let d = a.demerits + LAST_RESORT;
                    if overfull.is_none_or(|(bd, _)| d < bd) {
                        overfull = Some((d, ai));
                    }
                }
                Some(d) => {
                    keep.push(ai);
                    let mut total = a.demerits + d;
                    if hyphenated && a.hyphenated {
                        total += DOUBLE_HYPHEN;
                    }
                    if best.is_none_or(|(bd, _)| total < bd) {
                        best = Some((total, ai));
                    }
                }
            }
        }
        std::mem::swap(&mut active, &mut keep);
        let chosen = best.or(if active.is_empty() { overfull } else { None });
        if let Some((d, ai)) = chosen {
            nodes.push(Node {
                pos: b,
                line: nodes[ai].line + 1,
                demerits: d,
                hyphenated,
                prev: Some(ai),
            });
            active.push(nodes.len() - 1);
        }
    }
    // The node at n exists: at b == n the active list is never empty on
    // entry, so a best or an overfull fallback is always pushed.
    collect(&nodes, n, |nd| (nd.pos, nd.prev))
}

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

fn badness(ratio: f64) -> f64 {
    (100.0 * ratio.abs().powi(3)).min(LAST_RESORT)
}

/// A last line holding one ideograph and nothing but punctuation besides.
pub fn lone_character(line: &[Item]) -> bool {
    let ideographs = line.iter().filter(|i| i.ideographic).count();
    let others = line
        .iter()
        .filter(|i| !i.ideographic && i.punct.is_none())
        .count();
    ideographs == 1 && others == 0
}
