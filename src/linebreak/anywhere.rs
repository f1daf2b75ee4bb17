//! The last resort for text that no allowed break fits into its measure (a
//! run of marks that may not be parted, such as 20,000 （ or ……×12, or a
//! number too long for the column): a line still wider than its measure
//! after breaking is cut between any two items, as many as fit, and each
//! cut is marked [`Line::forced`] so that the composer can say where.
//! Items wider than a column were already cut into their glyph clusters
//! by the shape stage.

use super::{EPSILON, Line, Params, justify};
use crate::model::Item;
use crate::units::Pt;

fn overfull(l: &Line) -> bool {
    l.width.0 > l.measure.0 + EPSILON
}

/// `lines` with every overfull line cut into lines that fit. Lines after a
/// cut move down and are justified again at their new line's measure.
pub(super) fn fit_overfull(items: &[Item], lines: Vec<Line>, p: &Params) -> Vec<Line> {
    if !lines.iter().any(overfull) {
        return lines;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        let measure = (p.measure)(out.len());
        let line = if (line.measure - measure).0.abs() < EPSILON {
            line
        } else {
            justify(items, line.items.clone(), line.indent, measure, p)
        };
        if overfull(&line) {
            cut(items, &line, p, &mut out);
        } else {
            out.push(line);
        }
    }
    out
}

/// Cuts one overfull line into lines holding as many items as fit (at
/// least one each).
fn cut(items: &[Item], line: &Line, p: &Params, out: &mut Vec<Line>) {
    let mut start = line.items.start;
    let mut indent = line.indent;
    while start < line.items.end {
        let measure = (p.measure)(out.len());
        let end = fitting_end(items, start, line.items.end, indent, measure);
        let mut l = justify(items, start..end, indent, measure, p);
        l.forced = end < line.items.end;
        out.push(l);
        start = end;
        indent = Pt::ZERO;
    }
}

/// The end of the longest run of items from `start` (before `end`) whose
/// natural width fits `measure`; one item at least.
fn fitting_end(items: &[Item], start: usize, end: usize, indent: Pt, measure: Pt) -> usize {
    let mut width = indent + items[start].width;
    let mut e = start + 1;
    while e < end {
        let next = width + items[e - 1].gap.natural + items[e].width;
        if next.0 > measure.0 + EPSILON {
            break;
        }
        width = next;
        e += 1;
    }
    e
}
