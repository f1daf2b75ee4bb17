//! Line-breaking stage: items in, lines out. Knows nothing of fonts, glyphs
//! or pages; lengths run along the inline axis only, so vertical text uses
//! the same breaker.
//!
//! prepare (the shape stage builds [`Item`]s) → [`break_paragraph`] (choose
//! breaks: total fit or greedy) → [`justify`] (how each line's spaces and
//! punctuation blanks change) → [`Line::positions`] (where each item goes).

mod anywhere;
mod demerits;
mod explain;
mod fit;
#[cfg(test)]
mod hang_tests;
mod knuth;
#[cfg(test)]
mod spacing_tests;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub use explain::explain;
pub use knuth::allowed_break;

/// Sum of the demerits of a paragraph's lines as total fit scores them
/// (for benchmarks and reports; a line that cannot be set counts 1e9).
pub fn total_demerits(items: &[Item], lines: &[Line], p: &Params) -> f64 {
    let sums = fit::Sums::new(items);
    lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            demerits::line_demerits(items, &sums, l.items.start, l.items.end, k, p).unwrap_or(1e9)
        })
        .sum()
}

use crate::model::punct::PunctClass;
use fit::last_hyphen;

use crate::model::Prohibition;
use crate::model::item::INTER_CHAR_STRETCH_EM;
use crate::model::{Breaking, Gap, GapKind, Hanging, Item};
use crate::units::Pt;
use demerits::QUIET_SPACING_EM;

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
    /// ，。、 may hang past the measure (a layout setting).
    pub hanging: Hanging,
    /// An opening mark at a line start may lose its blank half.
    pub compress_line_start: bool,
    pub breaking: Breaking,
    /// A line short of its measure beyond its spaces' stretch is set flush
    /// at its natural width (beside a figure), not letter-spaced.
    pub flush_short: bool,
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
    /// Width after adjustment, without a hanging mark.
    pub width: Pt,
    pub last: bool,
    /// The line ends at a hyphenation point: a hyphen is drawn at its end.
    pub hyphen: bool,
    /// The last mark hangs past the measure.
    pub hang: bool,
    /// No allowed break fitted: the line was cut where it reached its
    /// measure (the last resort, see `anywhere`).
    pub forced: bool,
    /// Adjustment ratio (as TeX's): the difference between measure and
    /// natural width over the line's total stretch (positive) or total
    /// shrink, free compression included (negative).
    pub ratio: f64,
    adjust: Adjust,
}

/// The result of justification (CLREQ §4 priorities).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Adjust {
    /// Taken from the last item's blank (line-end half width).
    end_cut: Pt,
    /// Taken from the first item's blank (line-start half width).
    start_cut: Pt,
    /// Fraction of each compressed pair's blank given back.
    pair: f64,
    /// Fraction of each word space's stretch (>0) or shrink (<0) used.
    word: f64,
    /// Fraction of each Han–Latin gap's stretch (>0) or shrink (<0) used.
    cjk_latin: f64,
    /// Fraction of the inner blanks of brackets and quotes taken.
    brackets: f64,
    /// Fraction of the inner blanks of stops, commas and pauses taken.
    stops: f64,
    /// Added to every inter-character gap.
    inter: Pt,
    /// Added to every word space and Han–Latin gap beyond their stretch,
    /// when the line has no inter-character gaps to take the rest.
    spill: Pt,
    /// Added between the letters of a line with no gaps at all (a long word
    /// or URL alone on its line).
    letter: Pt,
    /// Added to a first line's indent: its two ideographic spaces take
    /// letter spacing as the gaps between characters do.
    indent: Pt,
    /// The first item's blank before its glyph counts as an inner blank
    /// (after a paragraph indent, not at the line's edge).
    inner_start: bool,
    /// The last mark hangs in part ([`Item::hang_end`]), set in its
    /// place with `end_cut` past its own line-end blank.
    half_hung: bool,
}

/// Where an item goes on its line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub index: usize,
    /// Origin of the item's glyphs (before any blank it lost).
    pub origin: Pt,
    /// Its advance on this line.
    pub advance: Pt,
    /// Extra space after each letter inside the item (letter spacing).
    pub letter: Pt,
}

impl Line {
    /// The items of the line with their glyph origins along the inline axis.
    pub fn positions<'a>(&'a self, items: &'a [Item]) -> impl Iterator<Item = Placed> + 'a {
        let mut pen = self.indent + self.adjust.indent;
        self.items.clone().map(move |k| {
            let it = &items[k];
            let cut_before = self.cut_before(it, k);
            let letter = self.adjust.letter;
            let advance =
                it.width - cut_before - self.cut_after(it, k) + letter * it.letter_slots as f64;
            let placed = Placed {
                index: k,
                origin: pen - cut_before,
                advance,
                letter,
            };
            pen += advance;
            if k + 1 < self.items.end {
                pen += it.gap.natural + self.adjust.gap(&it.gap);
            }
            placed
        })
    }

    fn cut_before(&self, it: &Item, k: usize) -> Pt {
        if self.hang && k + 1 == self.items.end {
            // A hung mark is set at half width: a centred one loses its
            // blank before too (in a vertical line, all the room above its
            // ink), so that it stays within half an em of the measure,
            // clear of the gutter's middle (a column rule).
            it.hang_before
        } else if k == self.items.start && !self.adjust.inner_start {
            self.adjust.start_cut
        } else {
            it.blank_before * self.adjust.fraction(it.punct)
        }
    }

    fn cut_after(&self, it: &Item, k: usize) -> Pt {
        if k + 1 == self.items.end {
            self.adjust.end_cut
        } else {
            it.blank_after * self.adjust.fraction(it.punct)
        }
    }

    /// Where the hyphen goes when the line ends with one.
    pub fn end(&self, items: &[Item]) -> Pt {
        self.positions(items).last().map_or(self.indent, |p| {
            p.origin + p.advance + self.cut_before(&items[p.index], p.index)
        })
    }
}

impl Adjust {
    fn gap(&self, g: &Gap) -> Pt {
        match g.kind {
            GapKind::InterChar => self.inter,
            GapKind::WordSpace => flexed(g, self.word) + self.spill,
            GapKind::CjkLatin => flexed(g, self.cjk_latin) + self.spill,
            GapKind::PairBlank => g.stretch * self.pair,
            GapKind::Glued => Pt::ZERO,
        }
    }

    /// Share of an inner blank taken, by the mark's shrink priority.
    fn fraction(&self, punct: Option<PunctClass>) -> f64 {
        match punct {
            Some(c) if is_bracket(c) => self.brackets,
            Some(_) => self.stops,
            None => 0.0,
        }
    }
}

/// A gap's stretch (fraction > 0) or shrink (< 0) taken.
fn flexed(g: &Gap, fraction: f64) -> Pt {
    if fraction >= 0.0 {
        g.stretch * fraction
    } else {
        g.shrink * fraction
    }
}

/// Breaks a paragraph into lines and justifies them.
pub fn break_paragraph(items: &[Item], p: &Params) -> Vec<Line> {
    let breaks = match p.breaking {
        Breaking::TotalFit => knuth::total_fit(items, p),
        Breaking::Greedy => knuth::greedy(items, p),
    };
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (k, &end) in breaks.iter().enumerate() {
        let indent = if start == 0 { p.first_indent } else { Pt::ZERO };
        lines.push(justify(items, start..end, indent, (p.measure)(k), p));
        start = end;
    }
    anywhere::fit_overfull(items, lines, p)
}

fn is_bracket(c: PunctClass) -> bool {
    matches!(c, PunctClass::Opening | PunctClass::Closing)
}

/// Sums the inner blanks of brackets and quotes, or of the other marks;
/// the first item's blank before its glyph too when `inner_start`; none of
/// a `hung` last mark's (past the measure, it gives the line nothing).
fn inner_blanks(line: &[Item], brackets: bool, inner_start: bool, hung: bool) -> Pt {
    let n = line.len();
    let line = if hung { &line[..n - 1] } else { line };
    line.iter()
        .enumerate()
        .filter(|(_, i)| i.punct.is_some_and(|c| is_bracket(c) == brackets))
        .map(|(k, i)| if k > 0 || inner_start { i.blank_before } else { Pt::ZERO } + if k + 1 < n { i.blank_after } else { Pt::ZERO })
        .sum()
}

/// How many inter-character gaps a first line's indent counts as when the
/// line is letter-spaced: one an em (two for the usual two ideographic
/// spaces), the em read from the gaps' stretch, as the breaker reads it
/// ([`fit::lead_after_indent`]).
fn indent_slots(gaps: &[Item], inter: usize, indent: Pt) -> f64 {
    let stretch: Pt = gaps
        .iter()
        .filter(|i| i.gap.kind == GapKind::InterChar)
        .map(|i| i.gap.stretch)
        .sum();
    let per_gap = stretch.0 / inter as f64;
    if indent.0 > 0.0 && per_gap > 0.0 {
        indent.0 * INTER_CHAR_STRETCH_EM / per_gap
    } else {
        0.0
    }
}

/// Whether the line's last mark hangs, `delta` short of fitting after its
/// line-end and line-start blanks were taken: always where the layout lets
/// it, or (`Needed`) only when compressing the marks and spaces inside the
/// line cannot fit it, as the breaker decides ([`demerits::HANGING_LINE`]).
fn hangs(line: &[Item], delta: Pt, inner_start: bool, p: &Params) -> bool {
    let may = line.len() > 1 && line.last().is_some_and(|l| p.hanging.allows(l));
    match p.hanging {
        Hanging::Never => false,
        Hanging::Always => may,
        Hanging::Needed | Hanging::NeededAtStart => {
            let gaps = &line[..line.len() - 1];
            let shrink = gaps.iter().map(|i| i.gap.shrink).sum::<Pt>()
                + inner_blanks(line, true, inner_start, false)
                + inner_blanks(line, false, inner_start, false);
            may && -delta.0 > shrink.0 + EPSILON
        }
    }
}

/// What of a hung mark goes past the measure ([`Item::hang_end`]).
fn hung_past(l: &Item) -> Pt {
    if l.hang_end.0 > 0.0 {
        l.hang_end
    } else {
        l.width
    }
}

/// Distributes the difference between the natural width and the measure.
/// Shrink: the line-end mark's blank, the line-start mark's blank, a hanging
/// mark, then word spaces, then the blanks of brackets and quotes, then of
/// stops and commas, then Han–Latin gaps. Stretch: word spaces, then Han–Latin gaps, then every
/// inter-character gap evenly.
pub fn justify(items: &[Item], range: Range<usize>, indent: Pt, measure: Pt, p: &Params) -> Line {
    let line = &items[range.clone()];
    let last = range.end == items.len();
    let gaps = &line[..line.len().saturating_sub(1)];
    let hyphen = Pt(last_hyphen(items, range.end));
    let natural = indent
        + line.iter().map(|i| i.width).sum::<Pt>()
        + gaps.iter().map(|i| i.gap.natural).sum::<Pt>()
        + hyphen;
    // After a paragraph's indent the line's first mark is not at its edge.
    let inner_start = indent.0 > 0.0 && !p.compress_line_start;
    let mut adjust = Adjust {
        inner_start,
        ..Adjust::default()
    };
    let mut hang = false;
    let mut delta = measure - natural;
    let ratio = if delta.0 > EPSILON && (!p.justify || last) {
        0.0
    } else if delta.0 > EPSILON {
        let st: Pt = gaps.iter().map(|i| i.gap.stretch).sum();
        if st.0 > 0.0 { delta / st } else { 0.0 }
    } else if delta.0 < -EPSILON {
        let start = if p.compress_line_start {
            line.first().map_or(Pt::ZERO, |f| f.blank_before)
        } else {
            Pt::ZERO
        };
        let end = line.last().map_or(Pt::ZERO, |l| l.end_blank);
        let hung = hangs(line, delta + end + start, inner_start, p);
        let free = line.last().map_or(Pt::ZERO, |l| {
            l.end_blank.max(if hung { hung_past(l) } else { Pt::ZERO })
        }) + start;
        let shrink = gaps.iter().map(|i| i.gap.shrink).sum::<Pt>()
            + inner_blanks(line, true, inner_start, hung)
            + inner_blanks(line, false, inner_start, hung)
            + free;
        if shrink.0 > 0.0 { delta / shrink } else { -1.0 }
    } else {
        0.0
    };
    let sum = |kind: GapKind, f: fn(&Gap) -> Pt| -> Pt {
        gaps.iter()
            .filter(|i| i.gap.kind == kind)
            .map(|i| f(&i.gap))
            .sum()
    };
    let count = |kind: GapKind| gaps.iter().filter(|i| i.gap.kind == kind).count();
    if delta.0 < -EPSILON {
        let take = |delta: &mut Pt, avail: Pt| -> Pt {
            let t = (-*delta).min(avail).max(Pt::ZERO);
            *delta += t;
            t
        };
        if let Some(l) = line.last() {
            adjust.end_cut = take(&mut delta, l.end_blank);
        }
        if p.compress_line_start
            && let Some(f) = line.first()
        {
            adjust.start_cut = take(&mut delta, f.blank_before);
        }
        if delta.0 < -EPSILON
            && hangs(line, delta, inner_start, p)
            && let Some(l) = line.last()
        {
            if l.hang_end.0 > 0.0 {
                // Part of the mark goes past the measure: it is set in its
                // place, its line-end cut as far as hanging allows.
                let more = (hung_past(l) - adjust.end_cut).max(Pt::ZERO);
                delta += more;
                adjust.end_cut += more;
                adjust.half_hung = true;
            } else {
                // The whole mark goes past the measure, set at half width
                // (its blanks cut), and the rest of the line must end on
                // the measure.
                delta += l.width - adjust.end_cut;
                adjust.end_cut = l.blank_after;
                hang = true;
            }
        }
        let shrink = sum(GapKind::WordSpace, |g| g.shrink);
        if delta.0 < -EPSILON && shrink.0 > 0.0 {
            let f = ((-delta) / shrink).min(1.0);
            adjust.word = -f;
            delta += shrink * f;
        }
        // Brackets and quotes first, then stops and commas.
        for brackets in [true, false] {
            let avail = inner_blanks(line, brackets, inner_start, hang);
            if delta.0 < -EPSILON && avail.0 > 0.0 {
                let f = ((-delta) / avail).min(1.0);
                if brackets {
                    adjust.brackets = f;
                } else {
                    adjust.stops = f;
                }
                delta += avail * f;
            }
        }
        // Han–Latin gaps last, down to an eighth of an em.
        let shrink = sum(GapKind::CjkLatin, |g| g.shrink);
        if delta.0 < -EPSILON && shrink.0 > 0.0 {
            let f = ((-delta) / shrink).min(1.0);
            adjust.cjk_latin = -f;
            delta += shrink * f;
        }
    }
    if p.justify && !last && delta.0 > EPSILON {
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
        // Compressed pairs open to full width again only past letter
        // spacing too slight to see (as knuth's demerits count them).
        let pairs = sum(GapKind::PairBlank, |g| g.stretch);
        let quiet =
            sum(GapKind::InterChar, |g| g.stretch) * (QUIET_SPACING_EM / INTER_CHAR_STRETCH_EM);
        let reopen = (delta - quiet).max(Pt::ZERO).min(pairs);
        if pairs.0 > 0.0 && reopen.0 > 0.0 {
            adjust.pair = reopen / pairs;
            delta -= reopen;
        }
        let inter = count(GapKind::InterChar);
        let flexible = count(GapKind::WordSpace) + count(GapKind::CjkLatin);
        let letters: u32 = line.iter().map(|i| i.letter_slots as u32).sum();
        if delta.0 > EPSILON {
            if inter > 0 {
                let slots = indent_slots(gaps, inter, indent);
                adjust.inter = delta / (inter as f64 + slots);
                adjust.indent = adjust.inter * slots;
            } else if flexible > 0 {
                adjust.spill = delta / flexible as f64;
            } else if letters > 0 {
                adjust.letter = delta / letters as f64;
            }
        }
    }
    let mut line = Line {
        items: range.clone(),
        indent,
        measure,
        natural,
        width: Pt::ZERO,
        last,
        hyphen: hyphen.0 > 0.0,
        hang,
        forced: false,
        ratio,
        adjust,
    };
    let hung = if hang {
        let l = &items[range.end - 1];
        l.width - l.hang_before - l.blank_after
    } else {
        Pt::ZERO
    };
    line.width = line.end(items) + hyphen - hung;
    line
}
