//! An article's module as placing lays it out ([`module_for`]): taken
//! from this build's modules laid out so far (`recall::Laid`) where one
//! was laid out from the same article, grid, frame, figure width, jump
//! lines and rest, else laid out and kept there.

use super::super::flow_breaks::FlowBreaks;
use super::super::jumps::{JumpPages, Jumps};
use super::super::module::{compose_module_with, compose_rest};
use super::super::recall;
use super::super::sheets::Onward;
use super::super::{Frame, Module};
use super::PageArticle;
use crate::error::{Result, Warning};
use crate::model::Grid;
use crate::shape::ShapedDoc;

/// Article `a` (or its rest) laid out in `frame` with jump lines `j`, or
/// an earlier build's module for the same article, rest, grid, frame,
/// figure width and jump lines, taken as it was; and whether it was.
pub(in crate::compose) fn module_for(
    a: &PageArticle,
    (grid, frame): (&Grid, Frame),
    (j, laid): (&mut Jumps, &recall::Laid),
    warnings: &mut Vec<Warning>,
) -> Result<(Module, bool)> {
    let p = a.placement;
    let with = laid_with(a, grid, frame, j.pages());
    let recalled = (a.recall).map(|(store, article)| {
        (
            store,
            recall::key(&article, "module", format_args!("{with}")),
        )
    });
    if let Some((module, said)) = recalled.and_then(|(store, key)| store.module(&key)) {
        warnings.extend(said);
        return Ok((module, true));
    }
    // A module an earlier make-up of this build laid out the same way,
    // or laid out ahead without jump lines and found to need none.
    let here = laid_key(a, &with);
    let whole = whole_key(a, grid, frame);
    let made = (whole.as_ref().and_then(|w| laid.get(w))).or_else(|| laid.get(&here));
    let (module, said) = match made {
        Some(made) => made,
        None => {
            // The figures as the make-up sized them.
            let resized = super::super::variants::with_figures(a.shaped, p.figure);
            let shaped = resized.as_ref().unwrap_or(a.shaped);
            let mut said = Vec::new();
            let memo = (Some(j), a.breaks);
            let module = lay_out_module(a, shaped, (grid, frame), memo, &mut said)?;
            // On one page its jump lines took no part in it.
            if let Some(w) = whole.filter(|_| module.pages.len() == 1) {
                laid.keep(w, &module, &said);
            }
            laid.keep(here, &module, &said);
            laid.count(false);
            (module, said)
        }
    };
    if let Some((store, key)) = recalled {
        store.keep_module(key, &module, &said);
    }
    warnings.extend(said);
    Ok((module, false))
}

/// What a module of article `a` is laid out from besides the article:
/// grid, frame, figure width, jump lines and rest.
fn laid_with(a: &PageArticle, grid: &Grid, frame: Frame, j: JumpPages) -> String {
    let (figure, rest) = (a.placement.figure, a.rest);
    let (number, next, band) = j;
    format!("{grid:?} {frame:?} {figure:?} {number} {next} {band:?} {rest:?}")
}

/// The key of a module in this build's [`recall::Laid`]: the article by
/// address, and [`laid_with`].
fn laid_key(a: &PageArticle, with: &str) -> String {
    format!("{:p} {:p} {with}", a.shaped, a.layout)
}

/// [`laid_key`] of article `a` in `frame` with jump lines `j`.
pub(in crate::compose) fn module_key(
    a: &PageArticle,
    grid: &Grid,
    frame: Frame,
    j: JumpPages,
) -> String {
    laid_key(a, &laid_with(a, grid, frame, j))
}

/// The key of a module of article `a` in `frame` that fits it whole (no
/// jump lines: see `ahead`); `None` for a rest (its jump line is part of
/// it) or an article an earlier build recalls.
pub(in crate::compose) fn whole_key(a: &PageArticle, grid: &Grid, frame: Frame) -> Option<String> {
    let figure = a.placement.figure;
    (a.rest.is_none() && a.recall.is_none())
        .then(|| laid_key(a, &format!("{grid:?} {frame:?} {figure:?} whole")))
}

/// The jump lines of a module on page `k` (its number counted from
/// `first`) continued `onward`.
pub(in crate::compose) fn jump_pages(first: u32, k: usize, onward: Onward) -> JumpPages {
    (first + k as u32, first + onward.page as u32, onward.band)
}

/// Lays the article out in `frame`: the whole article, or its rest.
pub(in crate::compose) fn lay_out_module(
    a: &PageArticle,
    shaped: &ShapedDoc,
    (grid, frame): (&Grid, Frame),
    (jumps, memo): (Option<&mut Jumps>, Option<&FlowBreaks>),
    warnings: &mut Vec<Warning>,
) -> Result<Module> {
    match a.rest {
        Some(r) => compose_rest(
            a.doc,
            shaped,
            a.layout,
            (grid, frame),
            r.cut,
            jumps,
            warnings,
        ),
        None => compose_module_with(
            a.doc,
            shaped,
            a.layout,
            (grid, frame),
            jumps,
            memo,
            warnings,
        ),
    }
}
