//! `--dump-lines`: every line of every paragraph with its width, its
//! adjustment and the rule that decided its break, for an editor asking
//! "why did this line break here?".

use std::fmt::Write;

use super::items::{LineSource, SetLine};
use super::lines::{break_lines, line_params};
use crate::linebreak::explain;
use crate::model::Align;
use crate::resolve::{Doc, Layout};
use crate::shape::{ShapedBlock, ShapedDoc, ShapedPara};
use crate::units::Pt;

pub fn dump_lines(doc: &Doc, shaped: &ShapedDoc, layout: &Layout) -> String {
    let grid = layout.grid_for(doc.writing);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: layout {}, {} columns of {:.2} pt, prohibition {:?}, {:?} punctuation, {:?} breaking",
        doc.path.display(),
        layout.name,
        grid.columns,
        grid.column_width.0,
        doc.rules.prohibition,
        shaped.flow.iter().find_map(|b| match b {
            ShapedBlock::Para(p) => Some(p.style.scheme),
            _ => None,
        }),
        doc.rules.breaking,
    );
    let mut n = 0;
    let mut para = |p: &ShapedPara, measure: Pt, out: &mut String| {
        n += 1;
        let justify = p.style.align == Align::Justify;
        let lines = break_lines(p, measure, justify, &doc.rules);
        let size = p.style.size;
        let m = measure - size * (2 * p.style.inset) as f64;
        let mf = move |_| m;
        let params = line_params(&doc.rules, &mf, size * p.style.indent as f64, justify);
        let why = explain(&p.items, &lines, &params);
        let _ = writeln!(
            out,
            "\n¶{n} {}:{}:{} {:?}, {} line(s), measure {:.2} pt",
            doc.path.display(),
            p.loc.line,
            p.loc.col,
            p.style.role,
            lines.len(),
            m.0
        );
        for (k, (l, why)) in lines.iter().zip(why).enumerate() {
            let mut text = line_text(p, l.items.clone());
            if l.hyphen {
                text.push('-');
            }
            let _ = writeln!(
                out,
                "  {:>3} │{}│ {:7.2}/{:.2} pt  ratio {:+.3}  {}",
                k + 1,
                text,
                l.width.0,
                l.measure.0,
                l.ratio,
                why
            );
        }
    };
    for p in &shaped.header {
        para(p, layout.measure(), &mut out);
    }
    for b in &shaped.flow {
        match b {
            ShapedBlock::Para(p) => para(p, grid.column_width, &mut out),
            ShapedBlock::Figure {
                caption: Some(c), ..
            } => para(c, grid.column_width, &mut out),
            ShapedBlock::Figure { .. } => {}
        }
    }
    out
}

/// The text of items `r` of `p`, word spaces shown.
fn line_text(p: &ShapedPara, r: std::ops::Range<usize>) -> String {
    let mut text = String::new();
    for i in r.clone() {
        text.push_str(&p.text[p.info[i].text.start as usize..p.info[i].text.end as usize]);
        if i + 1 < r.end && p.items[i].gap.kind == crate::model::GapKind::WordSpace {
            text.push(' ');
        }
    }
    text
}

/// A module's lines as the page set them, page by page and column by
/// column (a page manifest's `--dump-lines`): each with its slot, width,
/// measure (narrower beside a figure) and adjustment ratio. `first_page`
/// is the page number of the module's first page.
pub fn dump_set_lines(shaped: &ShapedDoc, lines: &[SetLine], first_page: u32) -> String {
    let mut sorted: Vec<&SetLine> = lines.iter().collect();
    // Across the module first, then column by column, down each.
    sorted.sort_by_key(|l| (l.page, l.column.map_or(0, |c| c + 1), l.slot));
    let mut out = String::new();
    let mut at = None;
    for l in sorted {
        if at != Some((l.page, l.column)) {
            at = Some((l.page, l.column));
            let page = first_page + l.page as u32;
            let _ = match l.column {
                None => writeln!(out, "\n  page {page}, across the module"),
                Some(c) => writeln!(out, "\n  page {page}, column {}", c + 1),
            };
        }
        // Every record names a paragraph of this document.
        let Some(p) = para_of(shaped, l.source) else {
            continue;
        };
        let text = line_text(p, l.items.0 as usize..l.items.1 as usize);
        let _ = writeln!(
            out,
            "  slot {:>3} │{}│ {:7.2}/{:.2} pt  ratio {:+.3}",
            l.slot, text, l.width.0, l.measure.0, l.ratio
        );
    }
    out
}

/// Characters and lines of a module set after its first page: what a
/// page could not hold.
pub fn left_over(shaped: &ShapedDoc, lines: &[SetLine]) -> (usize, usize) {
    let later: Vec<&SetLine> = lines.iter().filter(|l| l.page > 0).collect();
    let chars = (later.iter())
        .filter_map(|l| {
            let p = para_of(shaped, l.source)?;
            let text = line_text(p, l.items.0 as usize..l.items.1 as usize);
            Some(text.chars().filter(|c| !c.is_whitespace()).count())
        })
        .sum();
    (chars, later.len())
}

/// The paragraph a set line comes from: a headline-block paragraph, a
/// flow paragraph or a figure's caption.
fn para_of(shaped: &ShapedDoc, source: LineSource) -> Option<&ShapedPara> {
    match source {
        LineSource::Header(n) => shaped.header.get(n),
        LineSource::Flow(n) => match shaped.flow.get(n)? {
            ShapedBlock::Para(p) => Some(p),
            ShapedBlock::Figure { caption, .. } => caption.as_ref(),
        },
    }
}
