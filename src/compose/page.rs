//! A newspaper page of several articles: each a rectangular module on the
//! grid, placed where the manifest says or, without a position, at the
//! highest free place, largest article first; pages follow when the
//! articles do not fit.

use super::Page;
use super::{Frame, compose_module};
use crate::error::{Error, Result, Stage, Warning};
use crate::resolve::{Doc, Grid, Layout};
use crate::shape::ShapedDoc;
use crate::source::Located;

/// Where the manifest asks an article to go (all optional).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Placement {
    /// First grid column, 0-based.
    pub column: Option<u32>,
    pub columns: Option<u32>,
    /// First line slot, 0-based.
    pub row: Option<u32>,
    pub rows: Option<u32>,
    pub split: Option<u32>,
    pub boxed: bool,
}

/// One article to place.
pub struct PageArticle<'a> {
    pub doc: &'a Doc,
    pub shaped: &'a ShapedDoc,
    pub layout: &'a Layout,
    pub placement: Placement,
    /// Where the manifest names it, for messages.
    pub at: Located,
}

/// Columns each article spans: as given, or by size: the largest article
/// takes two thirds of the page, the others a third (all of it when alone).
pub fn spans(sizes: &[usize], given: &[Option<u32>], columns: u32) -> Vec<u32> {
    let largest = (0..sizes.len())
        .filter(|&i| given[i].is_none())
        .max_by_key(|&i| (sizes[i], usize::MAX - i));
    (0..sizes.len())
        .map(|i| {
            let default = if sizes.len() == 1 {
                columns
            } else if Some(i) == largest {
                (columns * 2).div_ceil(3)
            } else {
                (columns / 3).max(1)
            };
            given[i].unwrap_or(default).min(columns)
        })
        .collect()
}

/// Fewest line slots a module needs to be worth starting on a page.
const MIN_ROWS: u32 = 12;

/// A page manifest laid out.
pub struct ComposedPages {
    pub pages: Vec<Page>,
    /// Per page, the frames used (for the rules between modules).
    pub frames: Vec<Vec<Frame>>,
    /// Each article's headline and first page, in manifest order (the PDF
    /// outline).
    pub outline: Vec<(String, usize)>,
}

/// Lays out the articles.
pub fn compose_page(
    articles: &[PageArticle],
    grid: &Grid,
    warnings: &mut Vec<Warning>,
) -> Result<ComposedPages> {
    let c = grid.columns;
    // Explicitly placed articles first, in manifest order; then the others,
    // largest first.
    let mut order: Vec<usize> = (0..articles.len()).collect();
    let size = |a: &PageArticle| {
        a.doc
            .paragraphs()
            .iter()
            .map(|p| p.chars().count())
            .sum::<usize>()
    };
    order.sort_by_key(|&i| {
        let a = &articles[i];
        let explicit = a.placement.column.is_some() && a.placement.row.is_some();
        (
            !explicit,
            if explicit { 0 } else { usize::MAX - size(a) },
            i,
        )
    });
    let sizes: Vec<usize> = articles.iter().map(size).collect();
    let given: Vec<Option<u32>> = articles.iter().map(|a| a.placement.columns).collect();
    let spans = spans(&sizes, &given, c);
    let mut sky: Vec<Vec<u32>> = vec![vec![0; c as usize]];
    let mut taken: Vec<Vec<(u32, u32, u32, u32)>> = vec![Vec::new()];
    let mut frames: Vec<Vec<Frame>> = vec![Vec::new()];
    let mut pages: Vec<Page> = Vec::new();
    // Each article's module and its first page, laid out in placement order
    // but written in the manifest's order, which is the reading order.
    let mut placed: Vec<Option<(usize, Vec<Page>)>> = articles.iter().map(|_| None).collect();
    for &i in &order {
        let a = &articles[i];
        let p = a.placement;
        let fail =
            |msg: String, hint: &str| Error::new(Stage::Compose, msg).at(a.at.clone()).hint(hint);
        let span = spans[i];
        if let Some(col) = p.column
            && col + span > c
        {
            return Err(fail(
                format!(
                    "the article takes columns {}–{}, but the layout has {c}",
                    col + 1,
                    col + span
                ),
                "give column = and columns = that fit the grid",
            ));
        }
        // The page and the place: the given one, or the highest free one.
        let mut page = 0;
        let (first, top) = loop {
            if page == sky.len() {
                sky.push(vec![0; c as usize]);
                taken.push(Vec::new());
                frames.push(Vec::new());
            }
            let height = |c0: u32| {
                sky[page][c0 as usize..(c0 + span) as usize]
                    .iter()
                    .copied()
                    .max()
                    .unwrap_or(0)
            };
            let c0 = p.column.unwrap_or_else(|| {
                (0..=c - span)
                    .min_by_key(|&c0| (height(c0), c0))
                    .unwrap_or(0)
            });
            let top = p.row.unwrap_or_else(|| height(c0));
            if p.row.is_some() || top + MIN_ROWS <= grid.lines {
                break (c0, top);
            }
            page += 1;
        };
        let bottom = p.rows.map_or(grid.lines, |r| (top + r).min(grid.lines));
        if top >= grid.lines || bottom <= top {
            return Err(fail(
                format!(
                    "the article starts at line {} of a page of {}",
                    top + 1,
                    grid.lines
                ),
                "give a row = inside the page",
            ));
        }
        for &(c0, c1, t0, t1) in &taken[page] {
            if first < c1 && c0 < first + span && top < t1 && t0 < bottom {
                return Err(fail(
                    format!(
                        "the article overlaps another in columns {}–{}, lines {}–{}",
                        c0 + 1,
                        c1,
                        t0 + 1,
                        t1
                    ),
                    "move it with column = and row =, or leave the position out to have typeset place it",
                ));
            }
        }
        let frame = Frame {
            first,
            columns: span,
            top,
            rows: Some(bottom - top),
            split: p.split,
            boxed: p.boxed,
        };
        let module = compose_module(a.doc, a.shaped, a.layout, grid, frame, warnings)?;
        let continued = module.pages.len() > 1;
        // A declared frame is taken whole; an automatic one down to its text.
        let end = if continued || p.rows.is_some() {
            bottom
        } else {
            (module.bottom + 1).min(grid.lines)
        };
        taken[page].push((first, first + span, top, end));
        for col in first..first + span {
            sky[page][col as usize] = sky[page][col as usize].max(end);
        }
        frames[page].push(frame);
        if continued {
            warnings.push(Warning {
                location: Some(a.at.clone()),
                message: format!(
                    "\"{}\" does not fit its frame and continues on {} more page(s)",
                    a.doc.title,
                    module.pages.len() - 1
                ),
            });
        }
        for k in 1..module.pages.len() {
            let at = page + k;
            while frames.len() <= at {
                frames.push(Vec::new());
                sky.push(vec![0; c as usize]);
                taken.push(Vec::new());
            }
            frames[at].push(frame);
            taken[at].push((first, first + span, top, bottom));
            for col in first..first + span {
                sky[at][col as usize] = sky[at][col as usize].max(bottom);
            }
        }
        placed[i] = Some((page, module.pages));
    }
    let outline = articles
        .iter()
        .zip(&placed)
        .filter_map(|(a, p)| p.as_ref().map(|(page, _)| (a.doc.title.clone(), *page)))
        .collect();
    for (page, module_pages) in placed.into_iter().flatten() {
        for (k, mp) in module_pages.into_iter().enumerate() {
            let at = page + k;
            while pages.len() <= at {
                pages.push(Page {
                    number: pages.len() as u32 + 1,
                    width: mp.width,
                    height: mp.height,
                    items: Vec::new(),
                });
            }
            pages[at].items.extend(mp.items);
        }
    }
    Ok(ComposedPages {
        pages,
        frames,
        outline,
    })
}
