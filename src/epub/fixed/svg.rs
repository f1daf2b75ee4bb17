//! One laid-out page as inline SVG for a fixed-layout EPUB page: every run
//! a `<text>` of real characters (selectable, searchable, read aloud),
//! each cluster placed where the PDF places its glyph, in a web font that
//! maps the character to that glyph (fonts.rs); rules as `<line>`, emphasis
//! dots as `<circle>`, figures as `<image>`. Units are PDF points, y down.

use std::fmt::Write as _;

use crate::compose::{Page, PageItem, PlacedGlyph, RunMode, TextRun};
use crate::resolve::FontBook;

use super::fonts::{FontSet, family};
use crate::epub::escape;

/// Latin emphasis is slanted as in the PDF: x += 0.2 × height.
const SLANT: f64 = 0.2;

/// The page's SVG element; `image_href` names a figure's file.
pub fn page_svg(
    page: &Page,
    book: &FontBook,
    fonts: &mut FontSet,
    image_href: &dyn Fn(&std::path::Path) -> String,
) -> String {
    let (w, h) = (page.width.0, page.height.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" xml:space=\"preserve\" width=\"{w:.2}\" height=\"{h:.2}\" viewBox=\"0 0 {w:.2} {h:.2}\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
    );
    for item in &page.items {
        match item {
            PageItem::Text(run) => text_run(&mut svg, run, book, fonts),
            PageItem::Rule(r) => {
                let _ = writeln!(
                    svg,
                    "<line x1=\"{:.2}\" y1=\"{:.2}\" x2=\"{:.2}\" y2=\"{:.2}\" stroke=\"#000\" stroke-width=\"{:.2}\"/>",
                    r.x0.0, r.y0.0, r.x1.0, r.y1.0, r.width.0
                );
            }
            PageItem::Dot(d) => {
                let _ = writeln!(
                    svg,
                    "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.2}\"/>",
                    d.x.0, d.y.0, d.radius.0
                );
            }
            PageItem::Image(img) => {
                // A figure the text wraps round, clipped to its circle as
                // in the PDF (ids unique on the page: the SVG's length so far).
                let clip = img.round_clip().map(|(x, y, r)| {
                    let id = format!("round{}", svg.len());
                    let _ = writeln!(
                        svg,
                        "<clipPath id=\"{id}\"><circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.2}\"/></clipPath>",
                        x.0, y.0, r.0
                    );
                    format!(" clip-path=\"url(#{id})\"")
                });
                let _ = writeln!(
                    svg,
                    "<image x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" preserveAspectRatio=\"none\"{} xlink:href=\"../{}\"/>",
                    img.x.0,
                    img.y.0,
                    img.width.0,
                    img.height.0,
                    clip.unwrap_or_default(),
                    escape(&image_href(&img.figure.path))
                );
            }
        }
    }
    svg.push_str("</svg>\n");
    svg
}

/// How a run's local coordinates (u along the line, v across, SVG text
/// space) map to the page: `transform` from its first glyph's origin.
struct Frame {
    x0: f64,
    y0: f64,
    mode: RunMode,
    oblique: bool,
}

impl Frame {
    fn transform(&self) -> String {
        let (x, y) = (self.x0, self.y0);
        match self.mode {
            RunMode::Horizontal | RunMode::Vertical if !self.oblique => String::new(),
            // skewX(a): x += tan(a) × y, and y runs down here.
            RunMode::Horizontal | RunMode::Vertical => {
                format!(" transform=\"translate({x:.2} {y:.2}) skewX(-11.31)\"")
            }
            RunMode::Rotated => format!(" transform=\"translate({x:.2} {y:.2}) rotate(90)\""),
            RunMode::Combined(s) => {
                format!(" transform=\"translate({x:.2} {y:.2}) scale({s:.4} 1)\"")
            }
        }
    }

    /// A page point in the run's text space.
    fn local(&self, x: f64, y: f64) -> (f64, f64) {
        let (dx, dy) = (x - self.x0, y - self.y0);
        match self.mode {
            RunMode::Horizontal | RunMode::Vertical if !self.oblique => (x, y),
            RunMode::Horizontal | RunMode::Vertical => (dx + SLANT * dy, dy),
            RunMode::Rotated => (dy, -dx),
            RunMode::Combined(s) => (dx / s as f64, dy),
        }
    }
}

/// One cluster: its characters, the variant font that draws them, and the
/// page point where its glyph's horizontal origin goes.
struct Cluster {
    text: String,
    variant: usize,
    x: f64,
    y: f64,
}

/// A run as one `<text>`, its clusters in `<tspan>`s: one per stretch of
/// single-character clusters of one variant on one line (x and y lists),
/// one for each cluster of several characters.
fn text_run(svg: &mut String, run: &TextRun, book: &FontBook, fonts: &mut FontSet) {
    let clusters = clusters(run, book, fonts);
    let Some(first) = clusters.first() else {
        return;
    };
    let frame = Frame {
        x0: first.x,
        y0: first.y,
        mode: run.mode,
        oblique: run.oblique,
    };
    let _ = write!(
        svg,
        "<text font-size=\"{:.3}\"{}>",
        run.size.0,
        frame.transform()
    );
    let mut i = 0;
    while i < clusters.len() {
        let c = &clusters[i];
        let mut j = i + 1;
        let single = c.text.chars().count() == 1;
        while single
            && j < clusters.len()
            && clusters[j].variant == c.variant
            && clusters[j].text.chars().count() == 1
        {
            j += 1;
        }
        let (mut xs, mut ys, mut text) = (String::new(), String::new(), String::new());
        for (n, k) in clusters[i..j].iter().enumerate() {
            let (u, v) = frame.local(k.x, k.y);
            let sep = if n == 0 { "" } else { " " };
            let _ = write!(xs, "{sep}{u:.2}");
            let _ = write!(ys, "{sep}{v:.2}");
            text.push_str(&k.text);
        }
        if let Some(y) = one_value(&ys) {
            ys = y;
        }
        let _ = write!(
            svg,
            "<tspan font-family=\"{}\" x=\"{xs}\" y=\"{ys}\">{}</tspan>",
            family(run.font, c.variant),
            escape(&text)
        );
        i = j;
    }
    svg.push_str("</text>\n");
}

/// The value of a list whose values are all the same (a horizontal
/// line's y): one value serves for every character.
fn one_value(list: &str) -> Option<String> {
    let mut values = list.split(' ');
    let first = values.next()?;
    values.all(|v| v == first).then(|| first.to_string())
}

/// The run's clusters with the glyph each starts and where it is drawn. A
/// cluster's first character maps to its glyph; the rest (a ligature's
/// other letters) to the font's own glyphs, set after it by the browser.
/// Glyphs that start no text (the rest of a cluster) draw nothing here.
fn clusters(run: &TextRun, book: &FontBook, fonts: &mut FontSet) -> Vec<Cluster> {
    let font = book.font(run.font);
    let face = font.face();
    let scale = run.size.0 / font.units_per_em as f64;
    let mut out = Vec::new();
    for g in &run.glyphs {
        let Some(text) = run.text.get(g.text.start as usize..g.text.end as usize) else {
            continue;
        };
        let text = shown_text(run, text);
        let mut chars = text.chars();
        let Some(c0) = chars.next() else {
            continue;
        };
        let mut pairs = vec![(c0, g.id)];
        for c in chars {
            let id = face.glyph_index(c).map_or(0, |g| g.0);
            pairs.push((c, id));
        }
        let variant = fonts.place(run.font, &pairs);
        let (x, y) = origin(run, g, face, font.ascender, scale);
        out.push(Cluster {
            text,
            variant,
            x,
            y,
        });
    }
    out
}

/// The text a cluster shows: its own, except a hyphen added at a line end
/// (a soft hyphen in the text, which a browser would not draw).
fn shown_text(run: &TextRun, text: &str) -> String {
    if run.actual_text && text == "\u{AD}" {
        "\u{2010}".to_string()
    } else {
        text.to_string()
    }
}

/// Where a glyph's horizontal origin goes on the page: its placed point,
/// or for upright vertical text, half its width left of the vertical
/// origin and the VORG height below it (as the PDF's W2 metrics say).
fn origin(
    run: &TextRun,
    g: &PlacedGlyph,
    face: &ttf_parser::Face,
    ascender: i16,
    scale: f64,
) -> (f64, f64) {
    if run.mode != RunMode::Vertical {
        return (g.x.0, g.y.0);
    }
    let id = ttf_parser::GlyphId(g.id);
    let half = face.glyph_hor_advance(id).unwrap_or(0) as f64 / 2.0;
    let vy = face.glyph_y_origin(id).unwrap_or(ascender) as f64;
    (g.x.0 - half * scale, g.y.0 + vy * scale)
}
