//! One text run written into a content stream: the text matrix at each
//! line's first glyph, TJ arrays whose adjustments carry justification and
//! compression, ActualText spans where the glyphs' own mapping would not
//! give the run's text back, for both writing modes.

use pdf_writer::{Content, Finish, Name, Str, TextStr};

use super::content::{glyph_text, instance_of};
use super::{FontUsage, Mapped, f, font_name};
use crate::compose::{PlacedGlyph, RunMode, TextRun};
use crate::units::Pt;

/// Which page axis a run's glyphs advance along: x for horizontal and
/// combined runs, down the page for upright vertical and turned runs.
#[derive(Clone, Copy)]
struct Axis {
    down: bool,
}

/// What a run's mode changes in the text operators, decided in one place.
#[derive(Clone, Copy)]
struct RunOps {
    /// Horizontal scaling (combined digits), else 1.
    scale: f64,
    /// Glyphs advance down the page (upright vertical and turned runs).
    down: bool,
    /// The text matrix's a, b, c, d (rotation and slant).
    matrix: [f32; 4],
    /// The sign that turns a distance along the line into a TJ number (PDF
    /// 9.4.4: in vertical mode a positive number moves down, in horizontal
    /// mode a negative one moves on).
    tj_sign: f64,
}

impl RunOps {
    fn of(mode: RunMode, skew: f32) -> RunOps {
        let along_x = RunOps {
            scale: 1.0,
            down: false,
            matrix: [1.0, 0.0, skew, 1.0],
            tj_sign: -1.0,
        };
        match mode {
            RunMode::Horizontal => along_x,
            RunMode::Combined(s) => RunOps {
                scale: s as f64,
                ..along_x
            },
            RunMode::Rotated => RunOps {
                down: true,
                matrix: [0.0, -1.0, 1.0, 0.0],
                ..along_x
            },
            RunMode::Vertical => RunOps {
                down: true,
                matrix: [1.0, 0.0, 0.0, 1.0],
                tj_sign: 1.0,
                ..along_x
            },
        }
    }
}

impl Axis {
    fn along(self, g: &PlacedGlyph) -> Pt {
        if self.down { g.y } else { g.x }
    }

    fn across(self, g: &PlacedGlyph) -> Pt {
        if self.down { g.x } else { g.y }
    }
}

/// Working buffers of [`write_run`], kept from run to run of a page: a
/// book writes tens of thousands of lines, each of which needed its own.
#[derive(Default)]
pub(super) struct RunBuffers {
    gaps: Vec<(i64, f64)>,
    /// The line's glyphs' advances (the font's, scaled): each is needed
    /// three times, and is a table lookup in the font.
    advances: Vec<Pt>,
    mapped: Vec<Mapped>,
    joined: Vec<bool>,
    /// A TJ string's CIDs.
    cids: Vec<u8>,
}

/// Where a run's text layer comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Within {
    /// The run's own: its glyphs' mapping, with ActualText spans where
    /// that would not give its text back.
    Own,
    /// A span around it gives its text (a vertical line's, which may hold
    /// several runs): no span of its own.
    Span,
}

/// What every line of one run shares.
struct RunStyle<'r> {
    run: &'r TextRun,
    within: Within,
    size: f64,
    /// Horizontal scaling of combined (tate-chu-yoko) digits, else 1.
    scale: f64,
    axis: Axis,
    ops: RunOps,
    advance: &'r dyn Fn(u16) -> Pt,
}

/// One run of glyphs: a text matrix at the first glyph of each segment on
/// one line, then a TJ array whose adjustments carry justification and
/// compression. Horizontal runs advance along x; upright vertical runs
/// (Identity-V) and turned runs advance down the page.
pub(super) fn write_run(
    content: &mut Content,
    (run, within): (&TextRun, Within),
    usage: &FontUsage,
    page_h: Pt,
    advance: &dyn Fn(u16) -> Pt,
    buffers: &mut RunBuffers,
) {
    let style = begin_run(content, (run, within), advance);
    let gl = &run.glyphs;
    // Justified lines open every gap by the same amount: that goes into the
    // character spacing (Tc) once per line rather than into a number after
    // every glyph, which made content streams a third larger.
    let mut spacing = 0.0f64;
    let mut i = 0;
    while i < gl.len() {
        let line = style.axis.across(&gl[i]);
        let mut j = i + 1;
        while j < gl.len() && (style.axis.across(&gl[j]) - line).abs().0 < 0.001 {
            j += 1;
        }
        let (x, y) = (f(gl[i].x), f(page_h - gl[i].y));
        let [a, b, c, d] = style.ops.matrix;
        content.set_text_matrix([a, b, c, d, x, y]);
        buffers.advances.clear();
        (buffers.advances).extend(gl[i..j].iter().map(|g| (style.advance)(g.id) * style.scale));
        line_gaps(&style, (&gl[i..j], &buffers.advances), &mut buffers.gaps);
        let common = common_gap(&mut buffers.gaps);
        if common != spacing {
            spacing = common;
            content.set_char_spacing(char_spacing(run.mode, spacing, style.scale));
        }
        show_line(content, &style, &gl[i..j], (spacing, usage), buffers);
        i = j;
    }
    if spacing != 0.0 {
        // Tc outlives ET, so the next run must start from zero.
        content.set_char_spacing(0.0);
    }
    if style.scale != 1.0 {
        content.set_horizontal_scaling(100.0);
    }
    content.end_text();
    if run.actual_text && within == Within::Own {
        content.end_marked_content();
    }
}

/// Opens a run: its ActualText span, BT, the font and the scaling.
fn begin_run<'r>(
    content: &mut Content,
    (run, within): (&'r TextRun, Within),
    advance: &'r dyn Fn(u16) -> Pt,
) -> RunStyle<'r> {
    let size = run.size.0;
    if run.actual_text && within == Within::Own {
        content
            .begin_marked_content_with_properties(Name(b"Span"))
            .properties()
            .actual_text(TextStr(&run.text));
    }
    content.begin_text();
    // Slanted for Latin emphasis (no italic face is bundled).
    let ops = RunOps::of(run.mode, if run.oblique { 0.2 } else { 0.0 });
    content.set_font(
        Name(font_name(run.font, instance_of(run)).as_bytes()),
        size as f32,
    );
    let scale = ops.scale;
    if scale != 1.0 {
        content.set_horizontal_scaling((scale * 100.0) as f32);
    }
    RunStyle {
        run,
        within,
        size,
        scale,
        axis: Axis { down: ops.down },
        ops,
        advance,
    }
}

/// The gaps between the glyphs of one line, from the second glyph on: how
/// far each glyph stands from where the previous one's advance ends, in
/// thousandths of a point (rounded, to compare) and exactly.
fn line_gaps(
    style: &RunStyle,
    (line, advances): (&[PlacedGlyph], &[Pt]),
    gaps: &mut Vec<(i64, f64)>,
) {
    gaps.clear();
    let mut pen = style.axis.along(&line[0]);
    for (k, (g, &advance)) in line.iter().zip(advances).enumerate() {
        let gap = (style.axis.along(g) - pen).0;
        if k > 0 {
            gaps.push(((gap * 1000.0).round() as i64, gap));
        }
        pen = style.axis.along(g) + advance;
    }
}

/// The most common gap, if at least half the gaps share it and it is
/// positive (letter spacing), as the f32 the PDF will hold; else 0. Sorts
/// `gaps`. Never negative: on a short line of compressed marks a negative
/// Tc shortened every advance, and poppler read the glyphs that kept
/// their place as set apart (`不遲了\n。\n」`).
pub(super) fn common_gap(gaps: &mut [(i64, f64)]) -> f64 {
    gaps.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let (mut best, mut best_n, mut k) = ((0i64, 0.0), 0usize, 0usize);
    while k < gaps.len() {
        let n = gaps[k..].iter().take_while(|v| v.0 == gaps[k].0).count();
        if n > best_n {
            // The median of the equal (rounded) gaps stands for them all.
            (best, best_n) = (gaps[k + n / 2], n);
        }
        k += n;
    }
    if best_n * 2 >= gaps.len() && best_n > 0 && best.0 > 0 {
        best.1 as f32 as f64
    } else {
        0.0
    }
}

/// The Tc operand for a gap: Tc is scaled by the horizontal scaling like
/// the advance, and in vertical mode a positive Tc shortens the downward
/// advance (PDF 9.4.4).
pub(super) fn char_spacing(mode: RunMode, spacing: f64, scale: f64) -> f32 {
    (-RunOps::of(mode, 0.0).tj_sign * spacing / scale) as f32
}

/// The TJ arrays of one line: the glyphs' CIDs, with a number wherever a
/// glyph does not stand where the previous advance (plus Tc) leaves the pen.
/// A glyph whose ToUnicode entry is not its text (see `FontUsage::glyph`)
/// gets a TJ of its own inside an ActualText span, unless the whole run
/// already carries one. The pen (and Tc) run on across the TJ operators.
fn show_line(
    content: &mut Content,
    style: &RunStyle,
    line: &[PlacedGlyph],
    (spacing, usage): (f64, &FontUsage),
    buffers: &mut RunBuffers,
) {
    let run = style.run;
    let RunBuffers {
        advances,
        mapped,
        joined,
        cids,
        ..
    } = buffers;
    let advances = &advances[..];
    mapped.clear();
    // register_run recorded every glyph.
    mapped.extend(
        line.iter()
            .map(|g| usage.registered(g.id, glyph_text(run, g))),
    );
    let mut pen = style.axis.along(&line[0]);
    if run.actual_text || style.within == Within::Span {
        // A span around the run gives its text: one TJ array.
        show_glyphs(
            content,
            style,
            (line, mapped, advances),
            0,
            spacing,
            pen,
            cids,
        );
        return;
    }
    joined.clear();
    joined_to_previous(style, (line, advances), spacing, joined);
    let (mapped, joined) = (&mapped[..], &joined[..]);
    // Glyphs needing a span: unmapped ones, and the glyphs a backward move
    // joins (with the one before each).
    let spanned = |k: usize| !mapped[k].mapped || joined[k] || joined.get(k + 1) == Some(&true);
    let mut from = 0;
    while from < line.len() {
        let to = (from..line.len())
            .find(|&k| spanned(k))
            .unwrap_or(line.len());
        if to > from {
            pen = show_glyphs(
                content,
                style,
                (&line[from..to], &mapped[from..to], &advances[from..to]),
                from,
                spacing,
                pen,
                cids,
            );
        }
        if to < line.len() {
            // One span: an unmapped glyph alone, or a chain of joined ones.
            let end = (to + 1..line.len())
                .find(|&k| !joined[k])
                .unwrap_or(line.len());
            let text = span_text(&run.text, &line[to..end]);
            content
                .begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(text));
            pen = show_glyphs(
                content,
                style,
                (&line[to..end], &mapped[to..end], &advances[to..end]),
                to,
                spacing,
                pen,
                cids,
            );
            content.end_marked_content();
            from = end;
        } else {
            from = to;
        }
    }
}

/// The text a span of glyphs stands for: from the first cluster they start
/// to the end of the last (the rest of a cluster's glyphs start none).
fn span_text<'t>(text: &'t str, glyphs: &[PlacedGlyph]) -> &'t str {
    let started = glyphs.iter().filter(|g| !g.text.is_empty());
    let a = started.clone().map(|g| g.text.start).min().unwrap_or(0);
    let b = started.map(|g| g.text.end).max().unwrap_or(a);
    &text[a as usize..b as usize]
}

/// A backward move in a TJ array (a compressed mark drawn into the em of
/// the glyph before it) of this much of the type size or more makes text
/// extraction see a new line or a word space there (poppler breaks a word
/// where a glyph starts 0.2 em before the previous advance ends).
const BACKWARD_MOVE_EM: f64 = 0.1;

/// A forward move of this much of the type size or more reads as a word
/// space to poppler (its least word break is a tenth of the size): the
/// gap between Han and Latin text (¼ em, 汇聚了31个), which the source does
/// not write, must be inside a span not to extract as one.
const FORWARD_MOVE_EM: f64 = 0.08;

/// For each glyph of a line: whether it starts so far before the previous
/// glyph's advance ends, or (between Han and Latin text) so far after it,
/// that the two must be read as one span, so that the text comes back
/// where it stands, in one piece.
fn joined_to_previous(
    style: &RunStyle,
    (line, advances): (&[PlacedGlyph], &[Pt]),
    spacing: f64,
    out: &mut Vec<bool>,
) {
    let text = &style.run.text;
    // The glyph's first character and the previous glyph's last, when both
    // start a cluster that lies next to the other in the text.
    let edge = |before: &PlacedGlyph, g: &PlacedGlyph| {
        let adjacent =
            !before.text.is_empty() && !g.text.is_empty() && before.text.end == g.text.start;
        adjacent
            .then(|| {
                let a = text[before.text.start as usize..before.text.end as usize].chars();
                let b = text[g.text.start as usize..g.text.end as usize].chars();
                a.last().zip(b.clone().next())
            })
            .flatten()
    };
    let wide = |c: char| c >= '\u{2E80}';
    let mut prev: Option<(Pt, &PlacedGlyph)> = None;
    for (g, &advance) in line.iter().zip(advances) {
        let at = style.axis.along(g);
        out.push(prev.is_some_and(|(p, before)| {
            let gap = (at - p).0 / style.size;
            let han_latin = || edge(before, g).is_some_and(|(a, b)| wide(a) != wide(b));
            gap < -BACKWARD_MOVE_EM || (gap > FORWARD_MOVE_EM && han_latin())
        }));
        prev = Some((at + advance + Pt(spacing), g));
    }
}

/// One TJ array for `glyphs` (the line's glyphs from index `first`, with
/// their CIDs), from where the pen stands; returns where it stands after.
/// `buf` is a scratch buffer.
fn show_glyphs(
    content: &mut Content,
    style: &RunStyle,
    (glyphs, cids, advances): (&[PlacedGlyph], &[Mapped], &[Pt]),
    first: usize,
    spacing: f64,
    mut pen: Pt,
    buf: &mut Vec<u8>,
) -> Pt {
    let (size, scale) = (style.size, style.scale);
    let mut tj = content.show_positioned();
    let mut items = tj.items();
    buf.clear();
    for (k, g) in glyphs.iter().enumerate() {
        // Tc applies after every glyph, so from the line's second one on
        // the pen already includes it.
        if first + k > 0 {
            pen += Pt(spacing);
        }
        let shift = style.axis.along(g) - pen;
        if shift.abs().0 > 0.0005 {
            if !buf.is_empty() {
                items.show(Str(buf));
                buf.clear();
            }
            // In vertical mode a positive number moves down; in horizontal
            // mode a negative one moves on (PDF 9.4.4). Hundredths of a
            // thousandth of an em are far below what a press can show, and
            // keep the numbers short.
            let amount = (shift.0 * 100_000.0 / (size * scale)).round() / 100.0;
            items.adjust((amount * style.ops.tj_sign) as f32);
            // Follow where the glyph really lands, so rounding never adds
            // up along a line.
            pen += Pt(amount * size * scale / 1000.0);
        }
        buf.extend_from_slice(&cids[k].cid.to_be_bytes());
        pen += advances[k];
    }
    if !buf.is_empty() {
        items.show(Str(buf));
    }
    items.finish();
    tj.finish();
    pen
}
