//! A newspaper page of several articles: each a rectangular module on the
//! grid, placed where the manifest says or, without a position, at the
//! highest free place, largest article first; pages follow when the
//! articles do not fit.

use super::Page;
use super::flow_breaks::FlowBreaks;
use super::frame::SizeCap;
use super::furniture::Furniture;
use super::items::SetLine;
use super::jumps::Jumps;
use super::recall;
use super::sheets::{Onward, Sheets, Taken, band_foot};
use super::{Frame, Module};
use crate::error::{Error, Result, Stage, Warning};
use crate::model::{Grid, LeadPlacement};
use crate::resolve::{Doc, Layout};
use crate::shape::ShapedDoc;
use crate::source::Located;

#[path = "page_module.rs"]
mod page_module;
pub(super) use page_module::{jump_pages, lay_out_module, module_for, module_key, whole_key};

/// Where the manifest asks an article to go (all optional).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Placement {
    /// First grid column, 0-based.
    pub column: Option<u32>,
    pub columns: Option<u32>,
    /// First line slot, 0-based.
    pub row: Option<u32>,
    pub rows: Option<u32>,
    /// At the page's foot: `row` is where its text's depth at its columns
    /// ends on the last line (see [`at_foot`]).
    pub foot: bool,
    pub split: Option<u32>,
    pub boxed: bool,
    pub lead: LeadPlacement,
    /// The page's lead story (the first article a made-up page places):
    /// the largest headline, across its module.
    pub lead_story: bool,
    /// Columns the article's free figures take (no width of their own):
    /// the make-up's choice; `None`, as written.
    pub figure: Option<u32>,
    /// A box whose top edge stands in the slot above its place, the white
    /// under the modules over it (the make-up's, see [`Frame::edge_above`]).
    pub edge_above: bool,
    /// The largest its headline may be (the make-up's: under the lead
    /// story's, see [`Frame::headline_most`]).
    pub headline_most: Option<SizeCap>,
    /// The largest it may be grown to (see [`Frame::grown_most`]).
    pub grown_most: Option<SizeCap>,
    /// Its title block kept off a column (see [`Frame::parted`]).
    pub parted: super::frame::Parted,
    /// The make-up's frame holds only its text's first part: it is
    /// continued on the next page.
    pub cut: bool,
    /// The make-up keeps the article off the page, whole, for the next
    /// page of the edition (压稿: a full page holds its last-ranked
    /// articles over rather than cut a third, see `makeup::hold`).
    pub held: bool,
}

/// How pages are set: the first page's number (版次; the others count
/// on); `no_continue`: an article that does not fit is an error, not a
/// continuation; and a shaper of jump lines for each article.
pub struct PageOptions<'s> {
    pub first_number: u32,
    pub no_continue: bool,
    /// Whether a full made-up page may hold articles over whole to the
    /// next (`makeup::hold`; the edition turns it off to set itself again
    /// where holding cost a page).
    pub hold: bool,
    /// Shared by the threads that lay modules out ahead (see `ahead`).
    pub shape: &'s (dyn Fn(&Doc, Furniture, &str) -> crate::shape::ShapedPara + Sync),
    /// The modules laid out so far in this build.
    pub laid: recall::Laid,
}

/// One article to place.
pub struct PageArticle<'a> {
    pub doc: &'a Doc,
    pub shaped: &'a ShapedDoc,
    pub layout: &'a Layout,
    pub placement: Placement,
    /// Where the manifest names it, for messages.
    pub at: Located,
    /// Earlier builds' results and the article's key in them (a hash of
    /// its text, figures, layout and fonts), in a watching process.
    pub recall: Option<(&'a dyn super::Recall, super::Key)>,
    /// Only the rest of the article, cut on an earlier page.
    pub rest: Option<Rest>,
    /// Held over whole from the page before (see [`Placement::held`]):
    /// its index in the edition, where it is not among the page's own.
    pub held: Option<usize>,
    /// Its paragraphs as broken so far in this build, shared by every
    /// module it is laid out in (variants and make-ups alike): the
    /// column measure is the same in most of them.
    pub breaks: Option<&'a FlowBreaks>,
    /// The article with its headline in its alternate face (the layout's
    /// `alt_font`, a bold Song beside the headlines' Hei), where that face
    /// has all its characters: set so where its headline would run into
    /// another's of its size (撞题, see `clash`).
    pub alt: Option<&'a ShapedDoc>,
}

/// The rest of an article cut on an earlier page of an edition, made up
/// as a module of a later page: the block and line the first page broke
/// off at, that page (0-based, in the run's pages) and the article (its
/// index in the edition).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rest {
    pub cut: super::defer::Cut,
    pub from: usize,
    pub article: usize,
}

impl<'a> PageArticle<'a> {
    /// Whether its headline is set in its alternate face ([`Self::alt`]).
    pub fn in_alternate_face(&self) -> bool {
        self.alt.is_some_and(|alt| std::ptr::eq(alt, self.shaped))
    }

    /// The same article (its placement to be changed).
    pub fn copy(&self) -> PageArticle<'a> {
        PageArticle {
            doc: self.doc,
            shaped: self.shaped,
            layout: self.layout,
            placement: self.placement,
            at: self.at.clone(),
            recall: self.recall,
            rest: self.rest,
            held: self.held,
            breaks: self.breaks,
            alt: self.alt,
        }
    }
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

/// A page manifest laid out.
pub struct ComposedPages {
    pub pages: Vec<Page>,
    /// Per page, the frames used (for the rules between modules).
    pub frames: Vec<Vec<Frame>>,
    /// Each article's headline and first page, in manifest order (the PDF
    /// outline).
    pub outline: Vec<(String, usize)>,
    /// Each article's first page (0-based) and its lines as set, in
    /// manifest order (`--dump-lines`).
    pub lines: Vec<(usize, Vec<SetLine>)>,
    /// The reading order of the printed pages: (article, paragraph as
    /// `Doc::paragraphs` counts them), page by page, each article's part
    /// of a page in manifest order.
    pub reading: Vec<(usize, usize)>,
    /// Per page, the share of the grid its modules take (0 to 1).
    pub filled: Vec<f64>,
    /// Per page, the grid's lines no module takes in any column: white
    /// across the whole page, at its foot or between modules.
    pub white_lines: Vec<u32>,
    /// The articles cut and continued, in the order they were set.
    pub continued: Vec<super::edition::Continued>,
    /// Per page, whether everything set on it (its make-up's variants,
    /// its modules, what continues onto it) was an earlier build's.
    pub recalled: Vec<bool>,
}

/// Explicitly placed articles first, in manifest order; then the others,
/// largest first.
pub(super) fn placement_order(articles: &[PageArticle]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| {
        let a = &articles[i];
        let explicit = a.placement.column.is_some() && a.placement.row.is_some();
        (
            !explicit,
            if explicit { 0 } else { usize::MAX - size(a) },
            i,
        )
    });
    order
}

/// An article's size in characters (a continuation's none: it is set
/// whole where the make-up puts it, never placed by size or cut).
pub(super) fn size(a: &PageArticle) -> usize {
    if a.rest.is_some() {
        return 0;
    }
    (a.doc.paragraphs().iter())
        .map(|p| p.chars().count())
        .sum::<usize>()
}

/// Where an article of `span` columns goes: its page (page `from` or a
/// later one) and rectangle, or why it cannot go there.
fn locate(
    a: &PageArticle,
    (span, grid): (u32, &Grid),
    (from, sheets): (usize, &mut Sheets),
) -> Result<(usize, Taken)> {
    let p = a.placement;
    let fail =
        |msg: String, hint: &str| Error::new(Stage::Compose, msg).at(a.at.clone()).hint(hint);
    check_columns(a, span, grid)?;
    check_split(a, span, grid)?;
    // The page and the place: the given one, or the highest free one.
    let variant = super::variants::Variant {
        lead: p.lead,
        figure: p.figure,
    };
    // A rest stays on the page its jump line names, where it was promised
    // room (see `Sheets::promise`).
    let need = match a.rest {
        Some(_) => 0,
        None => super::variants::least_cut(a, variant, grid, span),
    };
    let (page, first, top) = sheets.find(p, (span, need), grid.lines, from);
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
    let wanted = Taken {
        c0: first,
        c1: first + span,
        t0: top,
        t1: bottom,
    };
    if let Some(t) = sheets.overlap(page, wanted) {
        return Err(fail(
            format!(
                "the article overlaps another in columns {}–{}, lines {}–{}",
                t.c0 + 1,
                t.c1,
                t.t0 + 1,
                t.t1
            ),
            "move it with column = and row =, or leave the position out to have typeset place it",
        ));
    }
    Ok((page, wanted))
}

/// An article whose `column` and span of `span` columns run past the
/// grid's columns is an error where the manifest gives it.
pub(super) fn check_columns(a: &PageArticle, span: u32, grid: &Grid) -> Result<()> {
    let c = grid.columns;
    match a.placement.column {
        Some(col) if col.saturating_add(span) > c => Err(Error::new(
            Stage::Compose,
            format!(
                "the article takes columns {}–{}, but the layout has {c}",
                col + 1,
                col.saturating_add(span)
            ),
        )
        .at(a.at.clone())
        .hint("give column = and columns = that fit the grid")),
        _ => Ok(()),
    }
}

/// A `split` (破栏) whose columns would hold fewer characters than the
/// layout's least is an error where the manifest gives it.
fn check_split(a: &PageArticle, span: u32, grid: &Grid) -> Result<()> {
    let Some(m) = a.placement.split.filter(|&m| m != span) else {
        return Ok(());
    };
    let chars = split_chars(grid, span, m);
    let least = a.layout.grid.min_chars;
    if m >= 1 && chars >= least {
        return Ok(());
    }
    Err(Error::new(
        Stage::Compose,
        format!(
            "split = {m} on {span} column(s) gives columns of {chars} characters; the layout's least is {least}"
        ),
    )
    .at(a.at.clone())
    .hint("give a smaller split, more columns, or a layout with a lower min_chars"))
}

/// Characters a line of each of `m` columns re-split from `span` basic
/// ones holds (newspaper-page.md: (k × N + (k − 1) − (m − 1)) / m).
pub fn split_chars(grid: &Grid, span: u32, m: u32) -> u32 {
    if m == 0 {
        return 0;
    }
    let body = grid.body_size.0;
    let total = Grid {
        columns: span,
        ..*grid
    }
    .measure();
    ((total.0 - grid.gutter.0 * (m - 1) as f64) / body / m as f64)
        .floor()
        .max(0.0) as u32
}

/// A module laid out: its page, where it goes on, and its pages.
#[derive(Clone)]
pub(super) struct Placed {
    pub page: usize,
    pub onward: Onward,
    pub pages: Vec<Page>,
}

/// Places one article of `span` columns on page `from` (or, with no room
/// there, a later one) and lays it out: where, the module, and whether it
/// was an earlier build's.
pub(super) fn place_article(
    a: &PageArticle,
    (span, grid): (u32, &Grid),
    (from, sheets): (usize, &mut Sheets),
    jumps: &mut PageOptions,
    warnings: &mut Vec<Warning>,
) -> Result<(usize, Onward, Module, bool, Frame)> {
    let p = a.placement;
    let (page, wanted) = locate(a, (span, grid), (from, sheets))?;
    let bottom = wanted.t1;
    let frame = frame_at(&p, (wanted.c0, span), (wanted.t0, bottom));
    let own = (a.doc.writing == crate::model::Writing::Vertical) != grid.vertical;
    let (onward, mut module, reused) =
        lay_out_onward(a, (grid, frame, own), page, sheets, jumps, warnings)?;
    let continued = module.pages.len() > 1;
    // A declared frame is taken whole; an automatic one down to its text.
    let end = if continued || p.rows.is_some() {
        bottom
    } else {
        (module.bottom + 1).min(grid.lines)
    };
    sheets.take(page, frame, Taken { t1: end, ..wanted });
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
    // A rest that fits the band of a made-up page is left to that page's
    // make-up, a module like its own articles (`Module::cut` says where
    // it goes on); a box on a grid of its own keeps its band.
    if deferred(&module, own, jumps) && onward.band.is_some() && sheets.made_up(onward.page) {
        module.pages.truncate(1);
        module.lines.retain(|l| l.page == 0);
    } else {
        sheets.take_rest(&module, onward, (frame, own), grid);
    }
    Ok((page, onward, module, reused, frame))
}

/// The frame of an article placed `p` at `columns` columns from `first`,
/// slots `top..bottom`.
pub(super) fn frame_at(
    p: &Placement,
    (first, columns): (u32, u32),
    (top, bottom): (u32, u32),
) -> Frame {
    Frame {
        first,
        columns,
        top,
        // Left out, the frame runs to the foot and is taken down to its
        // text (the same slots as `bottom`).
        rows: p.rows.map(|_| bottom - top),
        split: p.split,
        boxed: p.boxed,
        lead: p.lead,
        fit_title: true,
        lead_story: p.lead_story,
        edge_above: p.edge_above,
        // Turned only after the page is placed (see `super::kickers`).
        kicker_end: false,
        headline_most: p.headline_most,
        grown_most: p.grown_most,
        parted: p.parted,
    }
}

/// Whether a continued module's rest is left to the make-up of the page
/// it goes on (see [`place_article`]).
fn deferred(module: &Module, own: bool, jumps: &PageOptions) -> bool {
    module.pages.len() == 2 && !own && !jumps.no_continue
}

/// Article `a` laid out in `frame` on `page` with its jump lines, and
/// where it goes on: a continuation goes on the edition's next page, or
/// after it on an extra page. A rest left to an extra page's make-up is
/// promised the slots it takes there; where they are not left, or where
/// a rest of more than a page would meet rests promised there, it is laid
/// out again for a later page (its jump line names that page).
fn lay_out_onward(
    a: &PageArticle,
    (grid, frame, own): (&Grid, Frame, bool),
    page: usize,
    sheets: &mut Sheets,
    jumps: &mut PageOptions,
    warnings: &mut Vec<Warning>,
) -> Result<(Onward, Module, bool)> {
    let mut skip = 0;
    loop {
        let onward = sheets.onward(page, grid.lines, skip);
        let first = jumps.first_number;
        let mut shape = |f: Furniture, text: &str| (jumps.shape)(a.doc, f, text);
        // A rest's jump line names the page it came from and its own.
        let pages = match a.rest {
            Some(r) => (first + r.from as u32, first + page as u32, onward.band),
            None => jump_pages(first, page, onward),
        };
        let mut j = Jumps::at(pages, &mut shape);
        let mut said = Vec::new();
        let (module, reused) = module_for(a, (grid, frame), (&mut j, &jumps.laid), &mut said)?;
        let extra = onward.page >= sheets.edition;
        let fits = match onward.band {
            _ if !extra || module.pages.len() == 1 => true,
            Some(band) if deferred(&module, own, jumps) => {
                let foot = band_foot(&module, 1, band, (own, frame.boxed), grid);
                let promised = sheets.promise(onward.page, foot, grid.lines);
                if !promised {
                    sheets.close(onward.page, grid.lines);
                }
                promised
            }
            _ => {
                let pages = onward.page..onward.page + module.pages.len() - 1;
                match pages.rev().find(|&at| sheets.promised(at)) {
                    Some(at) => {
                        skip = at + 1;
                        false
                    }
                    None => true,
                }
            }
        };
        if fits {
            warnings.extend(said);
            return Ok((onward, module, reused));
        }
    }
}

/// `--no-continue`: the article that does not fit, with how much of it.
pub(super) fn overflow(a: &PageArticle, module: &Module) -> Error {
    let (chars, lines) = super::dump::left_over(a.shaped, &module.lines);
    Error::new(
        Stage::Compose,
        format!(
            "\"{}\" does not fit its frame: {chars} characters in {lines} lines are left over",
            a.doc.title
        ),
    )
    .at(a.at.clone())
    .hint("give it more columns or rows, shorten it, or leave out --no-continue to continue it on the next page with jump lines")
}

/// The page (0-based) each of an article's paragraphs starts on, counted
/// as `Doc::paragraphs` counts them (the headline block, then the flow's
/// paragraphs and captions); `at`: its first page and its continuation's.
pub(super) fn paragraph_pages(
    shaped: &ShapedDoc,
    lines: &[SetLine],
    at: (usize, usize),
) -> Vec<usize> {
    use super::items::LineSource;
    let flow_index: Vec<Option<usize>> = {
        let mut n = shaped.header.len();
        (shaped.flow.iter())
            .map(|b| {
                let has_text = match b {
                    crate::shape::ShapedBlock::Para(_) => true,
                    crate::shape::ShapedBlock::Figure { caption, .. } => caption.is_some(),
                };
                has_text.then(|| {
                    n += 1;
                    n - 1
                })
            })
            .collect()
    };
    let count = shaped.header.len() + flow_index.iter().flatten().count();
    let mut pages = vec![usize::MAX; count];
    for l in lines {
        let j = match l.source {
            LineSource::Header(n) => Some(n),
            LineSource::Flow(b) => flow_index.get(b).copied().flatten(),
        };
        let page = if l.page == 0 { at.0 } else { at.1 + l.page - 1 };
        if let Some(p) = j.and_then(|j| pages.get_mut(j)) {
            *p = (*p).min(page);
        }
    }
    // A paragraph with no line of its own (none, as set) reads with the
    // one before it.
    let mut last = at.0;
    for p in &mut pages {
        if *p == usize::MAX {
            *p = last;
        }
        last = *p;
    }
    pages
}

/// `a` with a foot pin (`row = "foot"`) turned into the row its module
/// starts at: as deep as its text takes at its columns (from `column`, the
/// first by default, to the page's last without `columns`), its last line
/// the page's last. A pinned row above the foot left the lines under a
/// short serial box white across the page (4–6 lines on the generated
/// pages pinned at row 96).
pub(super) fn at_foot(a: &mut PageArticle, grid: &Grid) {
    if !a.placement.foot || a.placement.row.is_some() {
        return;
    }
    let column = a.placement.column.unwrap_or(0);
    let rows = (a.placement.rows)
        .or_else(|| text_rows(a, grid, grid.lines))
        .unwrap_or(grid.lines)
        .min(grid.lines);
    a.placement.column = Some(column);
    a.placement.row = Some(grid.lines - rows);
    a.placement.rows = Some(rows);
}

/// The fewest rows, `room` at most, that hold `a` as written whole at its
/// columns (from `column`, the first by default, to the page's last
/// without `columns`); `None` where it does not fit the page.
fn text_rows(a: &PageArticle, grid: &Grid, room: u32) -> Option<u32> {
    let p = a.placement;
    let column = p.column.unwrap_or(0);
    let span = p.columns.unwrap_or(grid.columns.saturating_sub(column));
    let written = super::variants::Variant {
        lead: p.lead,
        figure: p.figure,
    };
    let most = super::module_height::height_at(a, written, grid, span)?.min(room);
    Some(super::module_height::fewest_rows(
        a, written, grid, most, span,
    ))
}

/// `a`, a box on a grid of its own (the other writing mode) placed with
/// no rows, at the depth its text takes at its columns: such a box fills
/// its frame, and where the make-up found no page for it (a serial held
/// over alone to the next page, gen-pages --tiers set10) it stood the
/// page's depth, five columns wide with its text in a sliver of each
/// tier (602 pt of box, 125 of text).
pub(super) fn box_to_its_depth(a: &mut PageArticle, grid: &Grid) {
    let vertical = a.doc.writing == crate::model::Writing::Vertical;
    let p = a.placement;
    if !Frame::has_own_grid(grid, vertical) || !p.boxed || p.rows.is_some() || a.rest.is_some() {
        return;
    }
    let room = grid.lines.saturating_sub(p.row.unwrap_or(0));
    if let Some(rows) = text_rows(a, grid, room) {
        a.placement.rows = Some(rows);
    }
}
