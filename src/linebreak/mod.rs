//! Line-breaking stage: items in, lines out. Knows nothing of fonts, glyphs
//! or pages; lengths run along the inline axis only, so vertical text uses
//! the same breaker.
//!
//! prepare (the shape stage builds [`Item`]s) → [`break_paragraph`] (choose
//! breaks, total fit) → [`Line::positions`] (justify: where each item goes).

pub mod classes;
mod item;
mod knuth;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub use item::{Gap, GapKind, Item};
pub use knuth::allowed_break;

use crate::resolve::Prohibition;
use crate::units::Pt;

/// Lengths closer than this are equal (a hundredth of a point).
pub const EPSILON: f64 = 0.01;

/// How to break one paragraph.
pub struct Params<'a> {
    /// The measure of line k (0-based): constant in a column, varying
    /// beside a figure.
    pub measure: &'a dyn Fn(usize) -> Pt,
    pub first_indent: Pt,
    pub prohibition: Prohibition,
    /// Justify non-final lines to the measure (body text), or leave them
    /// ragged (headings).
    pub justify: bool,
}

/// One line: which items, and how its spaces were adjusted.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub items: Range<usize>,
    /// Offset of the first item from the line's start (the indent).
    pub indent: Pt,
    pub measure: Pt,
    /// Width with natural spacing, indent included.
    pub natural: Pt,
    /// Width after adjustment.
    pub width: Pt,
    pub last: bool,
    adjust: Adjust,
}

/// The result of justification, per gap kind (CLREQ §4 priorities).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Adjust {
    /// Removed from the last item's blank half (line-end compression).
    end_cut: Pt,
    /// Fraction of each word space's stretch (>0) or shrink (<0) used.
    word: f64,
    /// Fraction of each Han–Latin gap's stretch used.
    cjk_latin: f64,
    /// Added to every inter-character gap.
    inter: Pt,
    /// Added to every word space and Han–Latin gap beyond their stretch,
    /// when the line has no inter-character gaps to take the rest.
    spill: Pt,
}

impl Line {
    /// Start of each item along the inline axis, from the line's start.
    pub fn positions<'a>(&'a self, items: &'a [Item]) -> impl Iterator<Item = (usize, Pt)> + 'a {
        let mut pos = self.indent;
        self.items.clone().map(move |k| {
            let at = pos;
            let it = &items[k];
            pos += it.width;
            if k + 1 < self.items.end {
                pos += it.gap.natural + self.adjust.gap(&it.gap);
            }
            (k, at)
        })
    }

    /// How much of item `k`'s advance is cut at the line end.
    pub fn end_cut(&self, k: usize) -> Pt {
        if k + 1 == self.items.end {
            self.adjust.end_cut
        } else {
            Pt::ZERO
        }
    }

    /// Adjustment ratio for diagnostics: extra space per unit of stretch.
    pub fn slack(&self) -> Pt {
        self.measure - self.width
    }
}

impl Adjust {
    fn gap(&self, g: &Gap) -> Pt {
        match g.kind {
            GapKind::InterChar => self.inter,
            GapKind::WordSpace => {
                (if self.word >= 0.0 {
                    g.stretch * self.word
                } else {
                    g.shrink * self.word
                }) + self.spill
            }
            GapKind::CjkLatin => g.stretch * self.cjk_latin + self.spill,
            GapKind::Glued => Pt::ZERO,
        }
    }
}

/// Breaks a paragraph into lines and justifies them.
pub fn break_paragraph(items: &[Item], p: &Params) -> Vec<Line> {
    let breaks = knuth::total_fit(items, p);
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (k, &end) in breaks.iter().enumerate() {
        let indent = if start == 0 { p.first_indent } else { Pt::ZERO };
        let measure = (p.measure)(k);
        let last = end == items.len();
        lines.push(justify(items, start..end, indent, measure, last, p.justify));
        start = end;
    }
    lines
}

/// Distributes the difference between the natural width and the measure:
/// stretch word spaces, then Han–Latin gaps, then every inter-character gap
/// evenly; shrink the line-end mark's blank half, then word spaces.
fn justify(
    items: &[Item],
    range: Range<usize>,
    indent: Pt,
    measure: Pt,
    last: bool,
    justify: bool,
) -> Line {
    let line = &items[range.clone()];
    let gaps = &line[..line.len().saturating_sub(1)];
    let natural = indent
        + line.iter().map(|i| i.width).sum::<Pt>()
        + gaps.iter().map(|i| i.gap.natural).sum::<Pt>();
    let mut adjust = Adjust::default();
    let mut delta = measure - natural;
    let sum = |kind: GapKind, f: fn(&Gap) -> Pt| -> Pt {
        gaps.iter()
            .filter(|i| i.gap.kind == kind)
            .map(|i| f(&i.gap))
            .sum()
    };
    let count = |kind: GapKind| gaps.iter().filter(|i| i.gap.kind == kind).count();
    if delta.0 < -EPSILON {
        // Shrink, needed on every line including the last.
        let cut = (-delta).min(line.last().map_or(Pt::ZERO, |i| i.end_compress));
        adjust.end_cut = cut;
        delta += cut;
        let shrink = sum(GapKind::WordSpace, |g| g.shrink);
        if delta.0 < -EPSILON && shrink.0 > 0.0 {
            let f = ((-delta) / shrink).min(1.0);
            adjust.word = -f;
            delta += shrink * f;
        }
    } else if justify && !last && delta.0 > EPSILON {
        for (kind, slot) in [(GapKind::WordSpace, 0), (GapKind::CjkLatin, 1)] {
            let st = sum(kind, |g| g.stretch);
            if st.0 > 0.0 && delta.0 > EPSILON {
                let f = (delta / st).min(1.0);
                if slot == 0 {
                    adjust.word = f
                } else {
                    adjust.cjk_latin = f
                }
                delta -= st * f;
            }
        }
        let inter = count(GapKind::InterChar);
        let flexible = count(GapKind::WordSpace) + count(GapKind::CjkLatin);
        if delta.0 > EPSILON {
            if inter > 0 {
                adjust.inter = delta / inter as f64;
            } else if flexible > 0 {
                adjust.spill = delta / flexible as f64;
            }
        }
    }
    let mut line = Line {
        items: range,
        indent,
        measure,
        natural,
        width: Pt::ZERO,
        last,
        adjust,
    };
    line.width = match line.positions(items).last() {
        Some((k, at)) => at + items[k].width - line.end_cut(k),
        None => indent,
    };
    line
}
