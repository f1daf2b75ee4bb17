//! From lines (inline offsets) to glyphs on the page (x, y).

use super::{Dot, PageItem, PlacedGlyph, RunMode, TextRun};
use crate::linebreak::Line;
use crate::model::{Align, Grid};
use crate::shape::Orient;
use crate::shape::ShapedPara;
use crate::units::Pt;

/// The ideographic em box: 0.88 em above the baseline, 0.12 em below.
pub const EM_ASCENT: f64 = 0.88;

/// Where a line goes. Horizontal: `x` is its start and `y` its baseline.
/// Vertical: `x` is the column's centre line and `y` the line's top.
#[derive(Debug, Clone, Copy)]
pub struct LineOrigin {
    pub x: Pt,
    pub y: Pt,
    pub vertical: bool,
}

/// The origin of a line of `size` type occupying `per` slots from `slot`,
/// starting `inline` from the grid's first column.
pub fn line_origin(grid: &Grid, slot: u32, per: u32, inline: Pt, size: Pt) -> LineOrigin {
    if grid.vertical {
        let (x, y) = grid.place(slot as f64 + per as f64 / 2.0, inline);
        LineOrigin {
            x,
            y,
            vertical: true,
        }
    } else {
        let (x, top) = grid.place(slot as f64, inline);
        LineOrigin {
            x,
            y: baseline_in_band(top, grid.pitch * per as f64, size),
            vertical: false,
        }
    }
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

/// Collects placed glyphs into runs of one font, mode and style.
struct Runs<'a> {
    out: &'a mut Vec<PageItem>,
    run: Option<TextRun>,
    size: Pt,
}

impl Runs<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        font: crate::model::FontId,
        mode: RunMode,
        oblique: bool,
        actual_text: bool,
        id: u16,
        x: Pt,
        y: Pt,
        advance: Pt,
        text: Option<&str>,
    ) {
        let same = self.run.as_ref().is_some_and(|r| {
            r.font == font && r.mode == mode && r.oblique == oblique && r.actual_text == actual_text
        });
        if !same {
            self.flush();
            self.run = Some(TextRun {
                font,
                size: self.size,
                mode,
                oblique,
                actual_text,
                text: String::new(),
                glyphs: Vec::new(),
            });
        }
        // Opened just above when there was none or it did not match.
        let r = self.run.as_mut().expect("run opened above");
        let start = r.text.len() as u32;
        if let Some(t) = text {
            r.text.push_str(t);
        }
        r.glyphs.push(PlacedGlyph {
            id,
            x,
            y,
            advance,
            text: start..r.text.len() as u32,
        });
    }

    fn flush(&mut self) {
        if let Some(r) = self.run.take() {
            self.out.push(PageItem::Text(r));
        }
    }
}

/// The text a glyph starts: its cluster's text, from its cluster to the
/// next that starts after it (rustybuzz keeps clusters monotonic); `None`
/// for the second and later glyphs of a cluster.
fn cluster_text(p: &ShapedPara, k: usize, gi: usize) -> Option<&str> {
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
    Some(&p.text[from..(info.text.start + end) as usize])
}

/// Emits the glyphs (and emphasis dots) of one line, split into runs by
/// font, mode, slant and replaced text.
pub fn render_line(p: &ShapedPara, line: &Line, origin: LineOrigin, out: &mut Vec<PageItem>) {
    let size = p.style.size;
    let shift = align_offset(p.style.align, line);
    let mut dots: Vec<Dot> = Vec::new();
    let mut runs = Runs {
        out,
        run: None,
        size,
    };
    for placed in line.positions(&p.items) {
        let k = placed.index;
        let info = &p.info[k];
        // The item's start along the line.
        let at = shift + placed.origin;
        let glyphs = &p.glyphs[info.glyphs.start as usize..info.glyphs.end as usize];
        let mode = match (origin.vertical, info.orient) {
            (false, _) => RunMode::Horizontal,
            (true, Orient::Upright) => RunMode::Vertical,
            (true, Orient::Sideways) => RunMode::Rotated,
            (true, Orient::Combined) => {
                let w: Pt = glyphs.iter().map(|g| g.advance).sum();
                RunMode::Combined(if w.0 > size.0 * 0.95 {
                    (size.0 * 0.95 / w.0) as f32
                } else {
                    1.0
                })
            }
        };
        let mut pen = Pt::ZERO;
        let mut letters = Pt::ZERO;
        for (gi, g) in glyphs.iter().enumerate() {
            let text = cluster_text(p, k, gi);
            if text.is_some() && gi > 0 {
                letters += placed.letter;
            }
            let along = at + pen + letters + g.dx;
            let (x, y) = match mode {
                RunMode::Horizontal => (origin.x + along, origin.y - g.dy),
                // Upright: the glyph's vertical origin, on the centre line.
                RunMode::Vertical => (origin.x + g.dy, origin.y + along),
                // Turned clockwise: the baseline runs down the column, its
                // em box centred on the centre line.
                RunMode::Rotated => (origin.x - size * 0.38 - g.dy, origin.y + along),
                // Across one em, centred, on the em box's baseline.
                RunMode::Combined(scale) => {
                    let w: Pt = glyphs.iter().map(|g| g.advance).sum();
                    let scale = scale as f64;
                    (
                        origin.x - w * scale / 2.0 + pen * scale,
                        origin.y + at + size * EM_ASCENT,
                    )
                }
            };
            runs.push(
                g.font,
                mode,
                info.oblique,
                info.missing,
                g.id,
                x,
                y,
                g.advance,
                text,
            );
            pen += g.advance;
        }
        if info.dots {
            let w = p.items[k].width;
            dots.push(if origin.vertical {
                // 着重号 to the right of vertical text (CLREQ §6).
                Dot {
                    x: origin.x + size * 0.62,
                    y: origin.y + at + w / 2.0,
                    radius: size * 0.065,
                }
            } else {
                Dot {
                    x: origin.x + at + w / 2.0,
                    y: origin.y + size * 0.27,
                    radius: size * 0.065,
                }
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
        let (mode, x, y) = if origin.vertical {
            (RunMode::Rotated, origin.x - size * 0.38, origin.y + end)
        } else {
            (RunMode::Horizontal, origin.x + end, origin.y)
        };
        runs.flush();
        runs.push(
            h.font,
            mode,
            false,
            true,
            h.id,
            x,
            y,
            h.advance,
            Some("\u{AD}"),
        );
    }
    runs.flush();
    out.extend(dots.into_iter().map(PageItem::Dot));
}
