//! Modules laid out ahead, in parallel, before a page is placed one
//! article after another (`edition::place_all`): a made-up page gives
//! every article its frame, so each module can be laid out at once on
//! its own thread; placing then finds them laid out (`page::module_for`).
//! A module that fits its frame sets no jump lines
//! (`module::compose_module_with` adds them only to a module continued):
//! laid out without them, it is the one placing would lay out, whatever
//! its jump lines. One the make-up cuts is laid out with the jump lines
//! placing will most likely give it (to the page its rest goes to as the
//! page stands before any article is placed); where placing gives it
//! others, it lays it out again.

use rayon::prelude::*;

use super::furniture::Furniture;
use super::jumps::{JumpPages, Jumps};
use super::page::{
    PageArticle, PageOptions, frame_at, jump_pages, lay_out_module, module_key, whole_key,
};
use super::sheets::Sheets;
use super::{Frame, Module};
use crate::model::Grid;

/// One module to lay out ahead: its article, frame, the key it is kept
/// under and its jump lines' pages (none: laid out without, kept only
/// where it fits its frame).
pub(super) struct Ahead<'p, 'a> {
    pub a: &'p PageArticle<'a>,
    pub frame: Frame,
    pub key: String,
    pub jumps: Option<JumpPages>,
}

/// Lays out, in parallel, the modules of page `k`'s `articles` whose place
/// the manifest or the make-up gives (column, span and row) and that
/// `opts.laid` does not hold, keeping them there: those that fit their
/// frame, and those the make-up cuts, with the jump lines placing will
/// most likely give them.
pub(super) fn lay_out_ahead(
    articles: &[PageArticle],
    (k, grid): (usize, &Grid),
    sheets: &Sheets,
    opts: &PageOptions,
) {
    let onward = sheets.clone().onward(k, grid.lines, 0);
    let pages = jump_pages(opts.first_number, k, onward);
    let todo: Vec<Ahead> = (articles.iter())
        .filter(|a| a.rest.is_none() && a.recall.is_none())
        .filter_map(|a| {
            let p = &a.placement;
            let (first, columns, top) = (p.column?, p.columns?, p.row?);
            let bottom = p.rows.map_or(grid.lines, |r| (top + r).min(grid.lines));
            let frame = frame_at(p, (first, columns), (top, bottom));
            let (key, jumps) = match p.cut {
                false => (whole_key(a, grid, frame)?, None),
                true => (module_key(a, grid, frame, pages), Some(pages)),
            };
            Some(Ahead {
                a,
                frame,
                key,
                jumps,
            })
        })
        .collect();
    lay_out(todo, grid, opts);
}

/// Lays out, in parallel, the modules of `todo` that `opts.laid` does not
/// hold, keeping them there (without jump lines, only those on one page).
pub(super) fn lay_out(mut todo: Vec<Ahead>, grid: &Grid, opts: &PageOptions) {
    todo.retain(|m| opts.laid.get(&m.key).is_none());
    if todo.len() < 2 {
        return;
    }
    let made: Vec<_> = (todo.par_iter())
        .map(|m| {
            let a = m.a;
            let resized = super::variants::with_figures(a.shaped, a.placement.figure);
            let shaped = resized.as_ref().unwrap_or(a.shaped);
            let mut said = Vec::new();
            let mut shape = |f: Furniture, text: &str| (opts.shape)(a.doc, f, text);
            let mut j = (m.jumps).map(|pages| Jumps::at(pages, &mut shape));
            let frame = (grid, m.frame);
            let module = lay_out_module(a, shaped, frame, (j.as_mut(), a.breaks), &mut said);
            // Without jump lines only a module on one page is the one placed.
            let kept = |n: &Module| m.jumps.is_some() || n.pages.len() == 1;
            module.ok().filter(kept).map(|n| (n, said))
        })
        .collect();
    for (m, made) in todo.into_iter().zip(made) {
        if let Some((module, said)) = made {
            opts.laid.keep(m.key, &module, &said);
            opts.laid.count(true);
        }
    }
}
