//! How a candidate line a..b fits its measure: natural width, what may be
//! taken for free (line-end and line-start blanks, hanging), what shrink
//! costs, and the stretch available. Prefix sums make each query O(1).

use super::Params;
use crate::model::item::INTER_CHAR_STRETCH_EM;
use crate::model::{GapKind, Hanging, Item};

/// Prefix sums of a paragraph's items, one entry per item boundary, kept
/// together: a candidate line reads four entries, each a cache line.
#[derive(Default)]
pub struct Sums(Vec<Sum>);

/// The sums of the items before one boundary.
#[derive(Clone, Copy, Default)]
struct Sum {
    /// Σ (width + gap.natural).
    advance: f64,
    /// Stretch of word spaces and Han–Latin gaps (taken first).
    flex: f64,
    /// Stretch of inter-character gaps (letter spacing, taken last).
    inter: f64,
    /// Blanks compressed pairs of marks may take back (taken first).
    pair: f64,
    /// Word-space shrink.
    shrink: f64,
    blank_before: f64,
    blank_after: f64,
}

/// The measurements of one candidate line.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// Width with free compression applied as far as needed.
    pub width: f64,
    /// Stretch of the word spaces and Han–Latin gaps.
    pub flex: f64,
    /// Stretch of the inter-character gaps.
    pub inter: f64,
    /// What compressed pairs of marks may take back (full width again).
    pub pair: f64,
    /// Costly shrink: word spaces and the blanks of marks inside the line.
    pub shrink: f64,
    /// Under [`Hanging::Needed`]: the width with the last mark hung past
    /// the measure, when it may hang and does not fit even at half width
    /// (whether compression inside the line could fit it instead is the
    /// caller's question), and the shrink left to it (the hung mark's
    /// blank before its glyph gives the line nothing).
    pub hung: Option<(f64, f64)>,
}

impl Sums {
    pub fn new(items: &[Item]) -> Sums {
        let mut s = Sums::default();
        s.fill(items);
        s
    }

    /// The sums of `items`, in the vectors of earlier ones (no allocation
    /// once they are long enough).
    pub fn fill(&mut self, items: &[Item]) {
        let v = &mut self.0;
        v.clear();
        v.reserve(items.len() + 1);
        let mut sum = Sum::default();
        v.push(sum);
        for it in items {
            sum.advance += it.width.0 + it.gap.natural.0;
            match it.gap.kind {
                GapKind::InterChar => sum.inter += it.gap.stretch.0,
                GapKind::PairBlank => sum.pair += it.gap.stretch.0,
                _ => sum.flex += it.gap.stretch.0,
            }
            sum.shrink += it.gap.shrink.0;
            sum.blank_before += it.blank_before.0;
            sum.blank_after += it.blank_after.0;
            v.push(sum);
        }
    }

    /// Items a..b as a line of `measure` (the measure left after the
    /// paragraph's `indent`, which is nonzero only on its first line).
    #[inline]
    pub fn fit(
        &self,
        items: &[Item],
        (a, b): (usize, usize),
        measure: f64,
        indent: f64,
        p: &Params,
    ) -> Fit {
        let last = &items[b - 1];
        let first = &items[a];
        let (sa, sa1, sb1, sb) = (&self.0[a], &self.0[a + 1], &self.0[b - 1], &self.0[b]);
        let natural = sb.advance - sa.advance - last.gap.natural.0 + last_hyphen(items, b);
        // Free: the line-end mark's blank (GB/T 15834: line-end punctuation
        // is set at half width), an opening mark's blank at the line start,
        // and a hanging mark.
        let mut free = last.end_blank.0;
        let start = if p.compress_line_start {
            first.blank_before.0
        } else {
            0.0
        };
        free += start;
        let may_hang = p.hanging.allows(last) && b - a > 1;
        if may_hang && p.hanging == Hanging::Always {
            free = free.max(last.width.0);
        }
        let hang = may_hang && p.hanging.needed() && natural - free > measure;
        // What goes past the measure when the mark hangs, and what the
        // line then keeps of the mark's shrink (a whole hung mark's blank
        // before its glyph gives the line nothing).
        let past = super::hung_past(last).0;
        let kept = if last.hang_end.0 > 0.0 {
            0.0
        } else {
            last.blank_before.0
        };
        let width = if natural > measure {
            (natural - free).max(measure)
        } else {
            natural
        };
        let flex = sb1.flex - sa.flex;
        let mut inter = sb1.inter - sa.inter;
        // Inner blanks: before every item but the first, after every item
        // but the last.
        let blanks = (sb.blank_before - sa1.blank_before) + (sb1.blank_after - sa.blank_after);
        let mut shrink = sb1.shrink - sa.shrink + blanks;
        if a == 0 && indent > 0.0 {
            let lead = lead_after_indent(first, indent, inter, p);
            shrink += lead.blank;
            inter += lead.stretch;
        }
        Fit {
            width,
            flex,
            inter,
            pair: sb1.pair - sa.pair,
            shrink,
            hung: hang.then_some((natural - past - start, shrink - kept)),
        }
    }
}

impl Sums {
    /// Items a..b (`a > 0`: no indent) as a line that does not fill
    /// `measure`, measured as [`Sums::fit`] measures it but from the
    /// prefix sums alone: its natural width and stretch, no shrink (zero).
    /// `None` when the line is wider than the measure. Such a line is
    /// never overfull, since shrink and blanks are never negative.
    #[inline]
    pub fn underfull(&self, items: &[Item], (a, b): (usize, usize), measure: f64) -> Option<Fit> {
        let last = &items[b - 1];
        let (sa, sb1, sb) = (&self.0[a], &self.0[b - 1], &self.0[b]);
        let natural = sb.advance - sa.advance - last.gap.natural.0 + last_hyphen(items, b);
        (natural <= measure).then_some(Fit {
            width: natural,
            flex: sb1.flex - sa.flex,
            inter: sb1.inter - sa.inter,
            pair: sb1.pair - sa.pair,
            shrink: 0.0,
            hung: None,
        })
    }
}

/// What a paragraph's first line gains from its indent, which stands for
/// two ideographic spaces (全角空格) rather than an edge.
pub struct Lead {
    /// The blank before an opening mark right after the indent: inside the
    /// line, so it may be compressed as an inner blank is (JLREQ §3.1.5
    /// allows a half-width bracket after the paragraph indent), at the
    /// cost of in-line compression, not for free as at a line edge.
    pub blank: f64,
    /// Letter-spacing stretch of the indent's spaces: a line that must be
    /// spaced spreads the room over them too, as over any two characters,
    /// so that a first line of ten characters after a two-em indent is
    /// spaced by 1/11 em a gap, not 1/9.
    pub stretch: f64,
}

/// The [`Lead`] of a first line starting with `first` after `indent`
/// (zero stretch on a line with no letter spacing to share).
pub fn lead_after_indent(first: &Item, indent: f64, inter: f64, p: &Params) -> Lead {
    Lead {
        blank: if p.compress_line_start {
            0.0
        } else {
            first.blank_before.0
        },
        stretch: if inter > 0.0 {
            indent * INTER_CHAR_STRETCH_EM
        } else {
            0.0
        },
    }
}

/// The hyphen's width when the line ends at a hyphenation point.
pub fn last_hyphen(items: &[Item], b: usize) -> f64 {
    if b < items.len() {
        items[b - 1].gap.hyphen.0
    } else {
        0.0
    }
}
