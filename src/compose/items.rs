//! What a composer puts on a page, in its frame's coordinates, and where
//! they become page coordinates: [`Transform::finish`], once, when the
//! module is laid out.

use std::ops::Range;

use super::transform::{At, FrameRect, LineAt, Mode, Step, Transform};
use super::{Dot, ImageItem, Page, PageItem, PlacedGlyph, Rule, TextRun};
use crate::resolve::Figure;
use crate::units::Pt;

/// A glyph, placed by two steps from its line's origin (to its item,
/// then to the glyph; see [`Mode::nudge2`]).
#[derive(Debug, Clone)]
pub struct FrameGlyph {
    pub id: u16,
    pub advance: Pt,
    pub text: Range<u32>,
    pub steps: [Step; 2],
}

/// Glyphs of one font, mode and style: `run` holds all but the glyphs,
/// which are placed when the line is.
#[derive(Debug, Clone)]
pub struct FrameRun {
    pub run: TextRun,
    pub glyphs: Vec<FrameGlyph>,
}

/// An emphasis dot, placed as a glyph is.
#[derive(Debug, Clone, Copy)]
pub struct FrameDot {
    pub steps: [Step; 2],
    pub radius: Pt,
}

/// A line's glyph runs and emphasis dots, relative to its origin.
#[derive(Debug, Clone, Default)]
pub struct LineContent {
    pub runs: Vec<FrameRun>,
    pub dots: Vec<FrameDot>,
}

impl LineContent {
    /// The line's page items, its origin at page point `origin`: the runs,
    /// then the dots.
    pub fn place(self, mode: &Mode, origin: (Pt, Pt), out: &mut Vec<PageItem>) {
        for FrameRun { mut run, glyphs } in self.runs {
            // From a borrowed iterator: collecting the owned one would
            // reuse the larger frame glyphs' allocation for the page's.
            run.glyphs = (glyphs.iter())
                .map(|g| {
                    let (x, y) = mode.nudge2(origin, g.steps);
                    PlacedGlyph {
                        id: g.id,
                        x,
                        y,
                        advance: g.advance,
                        text: g.text.clone(),
                    }
                })
                .collect();
            out.push(PageItem::Text(run));
        }
        out.extend(self.dots.into_iter().map(|d| {
            let (x, y) = mode.nudge2(origin, d.steps);
            PageItem::Dot(Dot {
                x,
                y,
                radius: d.radius,
            })
        }));
    }
}

/// A line as the module set it, for `--dump-lines`: where it went (the
/// module's page, the column or band it starts in, its slot) and which
/// paragraph's items it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SetLine {
    pub page: usize,
    /// `None`: across the module (the headline block, a spanned lead).
    pub column: Option<u32>,
    pub slot: u32,
    pub source: LineSource,
    pub items: (u32, u32),
    pub measure: Pt,
    pub width: Pt,
    pub ratio: f64,
}

/// The paragraph a set line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineSource {
    /// The headline block's paragraph `n`.
    Header(usize),
    /// Flow block `n` (a paragraph, or a figure's caption).
    Flow(usize),
}

/// One thing on a frame's page.
#[derive(Debug, Clone)]
pub enum FrameItem {
    Line {
        at: LineAt,
        content: LineContent,
    },
    Rule {
        from: At,
        to: At,
        width: Pt,
    },
    /// A rectangle outlined with rules.
    Box {
        rect: FrameRect,
        width: Pt,
    },
    Image {
        figure: Figure,
        rect: FrameRect,
    },
}

impl Transform {
    /// A frame's page: its items mapped, in order.
    pub fn finish(&self, items: Vec<FrameItem>, number: u32, size: (Pt, Pt)) -> Page {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            self.map(item, &mut out);
        }
        Page {
            number,
            width: size.0,
            height: size.1,
            items: out,
        }
    }

    pub fn map(&self, item: FrameItem, out: &mut Vec<PageItem>) {
        match item {
            FrameItem::Line { at, content } => {
                content.place(self.mode(), self.line_origin(at), out);
            }
            FrameItem::Rule { from, to, width } => {
                out.push(PageItem::Rule(self.rule(from, to, width)))
            }
            FrameItem::Box { rect, width } => {
                let r = self.rect(rect);
                let (x, y, w, h) = (r.x, r.y, r.width, r.height);
                let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                out.extend(corners.windows(2).map(|pair| {
                    PageItem::Rule(Rule {
                        x0: pair[0].0,
                        y0: pair[0].1,
                        x1: pair[1].0,
                        y1: pair[1].1,
                        width,
                    })
                }));
            }
            FrameItem::Image { figure, rect } => {
                let r = self.rect(rect);
                out.push(PageItem::Image(Box::new(ImageItem {
                    figure,
                    x: r.x,
                    y: r.y,
                    width: r.width,
                    height: r.height,
                })));
            }
        }
    }

    pub fn rule(&self, from: At, to: At, width: Pt) -> Rule {
        let (x0, y0) = self.point(from);
        let (x1, y1) = self.point(to);
        Rule {
            x0,
            y0,
            x1,
            y1,
            width,
        }
    }
}
