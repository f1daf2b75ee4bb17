//! From a broken line (inline offsets of its items) to its glyphs and
//! emphasis dots, as steps along and across the line from its origin; the
//! frame's [`Mode`] says how each item is set, its transform puts the line
//! on the page.

use super::RunMode;
use super::items::{FrameDot, FrameGlyph, FrameRun, LineContent};
use super::transform::{Advance, EM_ASCENT, Mode, Step};
use crate::linebreak::Line;
use crate::model::{Align, FontId};
use crate::shape::{Glyph, ShapedPara};
use crate::units::Pt;

/// The offset that aligns a line within its measure.
pub fn align_offset(align: Align, line: &Line) -> Pt {
    let free = (line.measure - line.width).max(Pt::ZERO);
    match align {
        Align::Justify | Align::Start => Pt::ZERO,
        Align::Center => free / 2.0,
        Align::End => free,
    }
}

/// Collects placed glyphs into runs of one font, mode and style.
struct Runs<'a> {
    out: &'a mut Vec<FrameRun>,
    run: Option<FrameRun>,
    size: Pt,
    /// Where the paragraph starts in its article (`None`: furniture).
    para: Option<crate::source::Loc>,
    /// The glyphs and bytes of text the line has still to push (about:
    /// a run's buffers are sized from it, so that a run, most often the
    /// rest of its line, is not copied as it grows; pages keep them).
    left: (usize, usize),
}

/// How the glyphs of a run are set.
#[derive(Clone, Copy, PartialEq)]
struct RunStyle {
    font: FontId,
    mode: RunMode,
    oblique: bool,
    actual_text: bool,
    hung: Option<u16>,
}

impl Runs<'_> {
    /// Adds a glyph; `text` is its cluster's text and that text's offset in
    /// the paragraph's (`None` for a cluster's later glyphs).
    fn push(
        &mut self,
        style: RunStyle,
        glyph: &Glyph,
        steps: [Step; 2],
        text: Option<(u32, &str)>,
    ) {
        let same = self.run.as_ref().is_some_and(|r| {
            let r = &r.run;
            r.font == style.font
                && r.mode == style.mode
                && r.oblique == style.oblique
                && r.actual_text == style.actual_text
                && r.hung == style.hung
        });
        if !same {
            self.flush();
            let source = (self.para.zip(text)).map(|(loc, (offset, _))| super::TextSource {
                line: loc.line,
                col: loc.col,
                offset,
            });
            self.run = Some(FrameRun {
                run: super::TextRun {
                    font: style.font,
                    size: self.size,
                    mode: style.mode,
                    oblique: style.oblique,
                    actual_text: style.actual_text,
                    hung: style.hung,
                    // The line's earlier runs were flushed just above.
                    joins: !self.out.is_empty(),
                    text: String::with_capacity(self.left.1),
                    glyphs: Vec::new(),
                    source,
                },
                glyphs: Vec::with_capacity(self.left.0),
            });
        }
        self.left.0 = self.left.0.saturating_sub(1);
        // Opened just above when there was none or it did not match.
        let r = self.run.as_mut().expect("run opened above");
        let start = r.run.text.len() as u32;
        if let Some((_, t)) = text {
            r.run.text.push_str(t);
            self.left.1 = self.left.1.saturating_sub(t.len());
        }
        r.glyphs.push(FrameGlyph {
            id: glyph.id,
            advance: glyph.advance,
            text: start..r.run.text.len() as u32,
            steps,
        });
    }

    fn flush(&mut self) {
        if let Some(mut r) = self.run.take() {
            // Sized for the rest of its line, which another run shares
            // (a hung mark, a turned word): the page keeps the text.
            r.run.text.shrink_to_fit();
            self.out.push(r);
        }
    }
}

/// The advance, in thousandths of an em, the PDF gives a hung mark's
/// glyph: its advance less the blank after its ink; a mark whose blank a
/// pair took (：“ compressed, then broken between) keeps only its width on
/// the line (h-set00's hung ： had a whole em, its box over the gutter's
/// rule).
fn hung_advance(advance: Pt, item: &crate::model::Item, size: Pt) -> u16 {
    let kept = (advance.min(item.width) - item.blank_after) / size;
    (kept * 1000.0).round().clamp(0.0, 1000.0) as u16
}

/// The text a glyph starts and its offset in the paragraph's text: its
/// cluster's text, from its cluster to the next that starts after it
/// (rustybuzz keeps clusters monotonic); `None` for the second and later
/// glyphs of a cluster.
fn cluster_text(p: &ShapedPara, k: usize, gi: usize) -> Option<(u32, &str)> {
    let info = &p.info[k];
    let glyphs = &p.glyphs[info.glyphs.start as usize..info.glyphs.end as usize];
    let g = &glyphs[gi];
    if gi > 0 && glyphs[gi - 1].cluster == g.cluster {
        return None;
    }
    let len = info.text.end - info.text.start;
    let end = glyphs[gi + 1..]
        .iter()
        .map(|n| n.cluster)
        .find(|&c| c > g.cluster)
        .unwrap_or(len)
        .min(len);
    let from = (info.text.start + g.cluster.min(len)) as usize;
    Some((from as u32, &p.text[from..(info.text.start + end) as usize]))
}

/// One glyph of an item that starts `at` along the line: `pen` into the
/// item's glyphs, `along` (letter spacing included) on the line.
struct GlyphAt {
    at: Pt,
    along: Pt,
    pen: Pt,
    /// The item's glyphs' total advance.
    width: Pt,
}

/// The steps from the line's origin to a glyph: to its baseline, then
/// along it; or, across the line, to the group's start, then across.
fn glyph_steps(advance: Advance, g: &Glyph, p: &GlyphAt, size: Pt) -> [Step; 2] {
    match advance {
        Advance::Along { lift, up } => [Step::block(lift), Step::new(p.along, g.dy * up)],
        // Across one em, centred on the centre line, on the em box's
        // baseline.
        Advance::Across { scale } => [
            Step::new(p.at, p.width * scale / 2.0),
            Step::new(size * EM_ASCENT, -(p.pen * scale)),
        ],
    }
}

/// The glyphs and emphasis dots of one line, split into runs by font,
/// mode, slant and replaced text.
pub fn render_line(p: &ShapedPara, line: &Line, mode: &Mode) -> LineContent {
    let size = p.style.size;
    let shift = align_offset(p.style.align, line);
    let mut content = LineContent::default();
    let mut runs = Runs {
        out: &mut content.runs,
        run: None,
        size,
        // Furniture is shaped from no article: no place.
        para: Some(p.loc).filter(|l| l.line > 0),
        left: (line.items.clone()).fold((0, 0), |(g, t), k| {
            let info = &p.info[k];
            (g + info.glyphs.len(), t + info.text.len())
        }),
    };
    for placed in line.positions(&p.items) {
        let k = placed.index;
        let info = &p.info[k];
        // The item's start along the line.
        let at = shift + placed.origin;
        let glyphs = &p.glyphs[info.glyphs.start as usize..info.glyphs.end as usize];
        let width: Pt = glyphs.iter().map(|g| g.advance).sum();
        let (run_mode, advance) = mode.item(info.orient, width, size);
        // A hung mark: the advance the PDF gives its glyph (hung_advance).
        let hung_end = line.hang
            && k + 1 == line.items.end
            && matches!(run_mode, RunMode::Horizontal | RunMode::Vertical);
        let mut pen = Pt::ZERO;
        let mut letters = Pt::ZERO;
        for (gi, g) in glyphs.iter().enumerate() {
            let text = cluster_text(p, k, gi);
            if text.is_some() && gi > 0 {
                letters += placed.letter;
            }
            let along = at + pen + letters + g.dx;
            let place = GlyphAt {
                at,
                along,
                pen,
                width,
            };
            let hung = hung_end.then(|| hung_advance(g.advance, &p.items[k], size));
            let style = RunStyle {
                font: g.font,
                mode: run_mode,
                oblique: info.oblique,
                actual_text: info.missing,
                hung,
            };
            runs.push(style, g, glyph_steps(advance, g, &place, size), text);
            pen += g.advance;
        }
        if info.dots {
            let w = p.items[k].width;
            content.dots.push(FrameDot {
                steps: [Step::new(at, mode.dot(size)), Step::new(w / 2.0, Pt::ZERO)],
                radius: size * 0.065,
            });
        }
    }
    // A line broken at a hyphenation point ends with a hyphen. It is not in
    // the source, so its text is a soft hyphen (U+00AD): extraction keeps
    // the word whole.
    if line.hyphen
        && let Some(h) = line.items.clone().last().and_then(|k| p.info[k].hyphen)
    {
        let end = shift + line.end(&p.items);
        let (run_mode, lift) = mode.hyphen(size);
        let style = RunStyle {
            font: h.font,
            mode: run_mode,
            oblique: false,
            actual_text: true,
            hung: None,
        };
        let steps = [Step::block(lift), Step::new(end, Pt::ZERO)];
        runs.flush();
        // No article's text: no place in one.
        runs.para = None;
        runs.left = (1, "\u{AD}".len());
        runs.push(style, &h, steps, Some((0, "\u{AD}")));
    }
    runs.flush();
    content
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Gap, Item};

    /// A closing mark of 9 pt: `width` on its line, `after` blank after
    /// its ink.
    fn mark(width: f64, after: f64) -> Item {
        Item {
            width: Pt(width),
            first: '：',
            last: '：',
            punct: None,
            blank_before: Pt::ZERO,
            blank_after: Pt(after),
            end_blank: Pt(after),
            hang_before: Pt::ZERO,
            ideographic: false,
            may_hang: true,
            hang_end: Pt::ZERO,
            letter_slots: 0,
            gap: Gap::glued(),
        }
    }

    /// A hung mark's box holds its ink: half an em for a mark whose blank
    /// is its own, and for one whose blank a pair took (：“ compressed,
    /// then broken between: h-set00's hung ： had a whole em, over the
    /// gutter's rule).
    #[test]
    fn a_hung_mark_keeps_its_ink_and_no_blank() {
        let (em, size) = (Pt(9.0), Pt(9.0));
        assert_eq!(hung_advance(em, &mark(9.0, 4.5), size), 500);
        assert_eq!(hung_advance(em, &mark(4.5, 0.0), size), 500);
        // A centred mark drawn from a quarter em back keeps three.
        assert_eq!(hung_advance(em, &mark(9.0, 2.25), size), 750);
    }
}
