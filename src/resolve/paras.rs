//! An article's fields and blocks as styled paragraphs: the header (serial
//! label, kicker, headline, deck, byline) and the flow (lead, heads, body,
//! quotes, figures, source line).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Result;
use crate::parse::{Article, Block, Field, Inline, Meta};
use crate::source::{Loc, Located};

use super::doc::{Flow, Para, Run, Wrap};
use super::figure_file::load_figure;

use super::fonts::RoleFont;
use super::layout::{Layout, Style};
use crate::model::Scheme;
use crate::model::labels::is_end_mark;
use crate::model::{Labels, ParaStyle, Role};

/// Turns the layout's styles into paragraph styles for one article.
pub(super) struct Styler<'a> {
    pub layout: &'a Layout,
    pub roles: &'a BTreeMap<String, RoleFont>,
    /// The punctuation scheme: the layout's, or the language's default.
    pub scheme: Scheme,
    /// The words of the article's language, for the serial label.
    pub labels: &'static Labels,
    /// Figures may lie outside the article's folder (--allow-outside).
    pub allow_outside: bool,
    /// The PDF a run writes, if any: PNG figures keep their pixels for it.
    pub pdf_pixels: Option<super::PixelTarget>,
}

/// One run of plain text.
fn plain(text: String, loc: Loc) -> Vec<Run> {
    vec![Run {
        text,
        emphasis: false,
        strong: false,
        loc,
    }]
}

fn runs(inlines: &[Inline]) -> Vec<Run> {
    inlines
        .iter()
        .map(|i| Run {
            text: i.text.clone(),
            emphasis: i.style.emphasis,
            strong: i.style.strong,
            loc: i.loc,
        })
        .collect()
}

impl Styler<'_> {
    pub fn style(&self, role: Role, s: &Style, indent: u32) -> ParaStyle {
        let (roles, text) = (self.roles, &self.layout.text);
        let strong = s.strong_font.as_ref().unwrap_or(&s.font);
        ParaStyle {
            role,
            // Layout::check verified that every style names a defined role,
            // and resolve_roles loaded a face for each.
            font: roles[&s.font].cjk,
            strong_font: roles[strong].cjk,
            latin_font: roles[&s.font].latin,
            strong_latin_font: roles[strong].latin,
            scheme: self.scheme,
            tate_chu_yoko: text.tate_chu_yoko,
            upright_max: text.upright_max.max(1),
            han_latin_max: text.han_latin_max,
            size: s.size.0,
            align: s.align,
            lines: s.lines,
            space_before: s.space_before,
            space_after: s.space_after,
            inset: s.inset,
            indent,
            min_scale: s.min_scale,
        }
    }

    fn field(&self, role: Role, s: &Style, f: &Field) -> Para {
        Para {
            style: self.style(role, s, 0),
            runs: plain(f.text.clone(), f.loc),
        }
    }

    /// Set across all columns above the body: kicker, headline, a serial's
    /// label (连载 N　《书名》　某 著), deck and byline. The label stands
    /// under the installment's headline, as a byline does: centred over a
    /// wider headline it left white beside it that joined a box's edge and
    /// the white over the headline's ink into a hole at the box's head. A
    /// book chapter has no serial label: its running heads carry the work.
    pub fn header(&self, m: &Meta, chapter: bool) -> Vec<Para> {
        let st = &self.layout.styles;
        let mut header = Vec::new();
        if let Some(k) = &m.kicker {
            header.push(self.field(Role::Kicker, &st.kicker, k));
        }
        header.push(self.field(Role::Headline, &st.headline, &m.title));
        if let Some(s) = m.serial.as_ref().filter(|_| !chapter) {
            let label = self
                .labels
                .serial_label(s.installment, &s.work.text, &s.author.text);
            header.push(Para {
                style: self.style(Role::SerialLabel, &st.serial_label, 0),
                runs: plain(label, s.work.loc),
            });
        }
        if let Some(d) = &m.deck {
            header.push(self.field(Role::Deck, &st.deck, d));
        }
        if let Some(b) = &m.byline {
            header.push(self.field(Role::Byline, &st.byline, b));
        }
        header
    }

    /// Lead, body and source line in reading order; figures read from disk.
    pub fn flow(&self, article: &Article) -> Result<Vec<Flow>> {
        let (st, indent) = (&self.layout.styles, self.layout.text.indent);
        let m = &article.meta;
        let mut flow: Vec<Flow> = m
            .lead
            .iter()
            .map(|f| {
                Flow::Para(Para {
                    style: self.style(Role::Lead, &st.lead, indent),
                    runs: plain(f.text.clone(), f.loc),
                })
            })
            .collect();
        // The lead's space_after belongs after its last paragraph only.
        let lead_count = flow.len();
        for f in flow.iter_mut().take(lead_count.saturating_sub(1)) {
            if let Flow::Para(p) = f {
                p.style.space_after = 0;
            }
        }
        for block in &article.body {
            self.block(article, block, &mut flow)?;
        }
        // The end mark closing a body, （未完待续） or （完）, is set flush
        // with the line's end like a source line, as newspapers set it:
        // its white then stands before it, not beside the short last line
        // of the paragraph above (two short lines side by side read as a
        // hole).
        if let Some(Flow::Para(p)) = flow.last_mut()
            && p.style.role == Role::Body
            && is_end_mark(&p.text())
        {
            p.style = self.style(Role::Source, &st.source, 0);
        }
        if let Some(s) = &m.source {
            let text = s.text.trim();
            let text = if text.starts_with('（') || text.starts_with('(') {
                text.to_string()
            } else {
                format!("（{text}）")
            };
            flow.push(Flow::Para(Para {
                style: self.style(Role::Source, &st.source, 0),
                runs: plain(text, s.loc),
            }));
        }
        Ok(flow)
    }

    fn block(&self, article: &Article, block: &Block, flow: &mut Vec<Flow>) -> Result<()> {
        let (st, indent) = (&self.layout.styles, self.layout.text.indent);
        let para = |role, s, indent, inlines: &[Inline]| {
            Flow::Para(Para {
                style: self.style(role, s, indent),
                runs: runs(inlines),
            })
        };
        match block {
            Block::Heading { level, text, .. } => flow.push(if *level == 2 {
                para(Role::Heading, &st.heading, 0, text)
            } else {
                para(Role::MinorHeading, &st.minor_heading, 0, text)
            }),
            Block::Paragraph { text, .. } => flow.push(para(Role::Body, &st.body, indent, text)),
            Block::Quote { paragraphs, .. } => {
                for p in paragraphs {
                    flow.push(para(Role::Quote, &st.quote, indent, p));
                }
            }
            Block::Figure {
                src,
                caption,
                columns,
                width,
                round,
                x,
                row,
                loc,
            } => {
                let base = article.path.parent().unwrap_or(Path::new("."));
                let mut fig = load_figure(
                    base,
                    src,
                    Located::new(&article.path, *loc),
                    (self.allow_outside, self.pdf_pixels),
                )?;
                fig.loc = *loc;
                fig.columns = *columns;
                fig.width = *width;
                fig.wrap = if *round { Wrap::Round } else { Wrap::Rect };
                fig.x = *x;
                fig.row = *row;
                if !caption.is_empty() {
                    fig.caption = Some(Para {
                        style: self.style(Role::Caption, &st.caption, 0),
                        runs: plain(caption.clone(), *loc),
                    });
                }
                flow.push(Flow::Figure(fig));
            }
        }
        Ok(())
    }
}
