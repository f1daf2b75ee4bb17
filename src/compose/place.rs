//! From lines (inline offsets) to glyphs on the page (x, y).

use super::{Dot, PageItem, PlacedGlyph, TextRun};
use crate::linebreak::Line;
use crate::resolve::Align;
use crate::shape::ShapedPara;
use crate::units::Pt;

/// The ideographic em box: 0.88 em above the baseline, 0.12 em below.
pub const EM_ASCENT: f64 = 0.88;

/// Where a line goes: its start on the page and the baseline.
#[derive(Debug, Clone, Copy)]
pub struct LineOrigin {
    pub x: Pt,
    pub baseline: Pt,
}

/// The offset that aligns a line within its measure.
pub fn align_offset(align: Align, line: &Line) -> Pt {
    let free = (line.measure - line.width).max(Pt::ZERO);
    match align {
        Align::Justify | Align::Start => Pt::ZERO,
        Align::Center => free / 2.0,
        Align::End => free,
    }
}

/// Baseline of a line of `size` centred in a band of the block axis.
pub fn baseline_in_band(band_top: Pt, band_height: Pt, size: Pt) -> Pt {
    band_top + (band_height - size) / 2.0 + size * EM_ASCENT
}

/// Emits the glyphs (and emphasis dots) of one line, split into runs by
/// font, slant and missing glyphs.
pub fn render_line(p: &ShapedPara, line: &Line, origin: LineOrigin, out: &mut Vec<PageItem>) {
    let size = p.style.size;
    let shift = align_offset(p.style.align, line);
    let mut run: Option<TextRun> = None;
    let mut dots: Vec<Dot> = Vec::new();
    for placed in line.positions(&p.items) {
        let k = placed.index;
        let info = &p.info[k];
        let item_x = origin.x + shift + placed.origin;
        let mut pen = Pt::ZERO;
        let mut letters = Pt::ZERO;
        let glyphs = &p.glyphs[info.glyphs.start as usize..info.glyphs.end as usize];
        let item_len = info.text.end - info.text.start;
        for (gi, g) in glyphs.iter().enumerate() {
            let same = run.as_ref().is_some_and(|r| {
                r.font == g.font && r.oblique == info.oblique && r.actual_text == info.missing
            });
            if !same {
                if let Some(r) = run.take() {
                    out.push(PageItem::Text(r));
                }
                run = Some(TextRun {
                    font: g.font,
                    size,
                    oblique: info.oblique,
                    actual_text: info.missing,
                    text: String::new(),
                    glyphs: Vec::new(),
                });
            }
            // Set just above when it was None or of another font.
            let r = run.as_mut().expect("run opened above");
            // The glyph's cluster text runs to the next cluster that starts
            // after it (rustybuzz keeps clusters monotonic for LTR text).
            let first_of_cluster = gi == 0 || glyphs[gi - 1].cluster != g.cluster;
            if first_of_cluster && gi > 0 {
                letters += placed.letter;
            }
            let text = if first_of_cluster {
                let end = glyphs[gi + 1..]
                    .iter()
                    .map(|n| n.cluster)
                    .find(|&c| c > g.cluster)
                    .unwrap_or(item_len)
                    .min(item_len);
                let from = (info.text.start + g.cluster.min(item_len)) as usize;
                let to = (info.text.start + end) as usize;
                let s = r.text.len() as u32;
                r.text.push_str(&p.text[from..to]);
                s..r.text.len() as u32
            } else {
                let e = r.text.len() as u32;
                e..e
            };
            r.glyphs.push(PlacedGlyph {
                id: g.id,
                x: item_x + pen + letters + g.dx,
                y: origin.baseline - g.dy,
                advance: g.advance,
                text,
            });
            pen += g.advance;
        }
        if info.dots {
            dots.push(Dot {
                x: item_x + p.items[k].width / 2.0,
                y: origin.baseline + size * 0.27,
                radius: size * 0.065,
            });
        }
    }
    if let Some(r) = run {
        out.push(PageItem::Text(r));
    }
    // A line broken at a hyphenation point ends with a hyphen. It is not in
    // the source, so its text is a soft hyphen (U+00AD): extraction keeps
    // the word whole.
    if line.hyphen
        && let Some(h) = line.items.clone().last().and_then(|k| p.info[k].hyphen)
    {
        out.push(PageItem::Text(TextRun {
            font: h.font,
            size,
            oblique: false,
            actual_text: true,
            text: "\u{AD}".to_string(),
            glyphs: vec![PlacedGlyph {
                id: h.id,
                x: origin.x + shift + line.end(&p.items),
                y: origin.baseline,
                advance: h.advance,
                text: 0..0,
            }],
        }));
    }
    out.extend(dots.into_iter().map(PageItem::Dot));
}
