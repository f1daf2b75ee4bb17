//! The modules an article can take on a made-up page ([`super::makeup`]):
//! every column span, and at each span the article as written and, where
//! the manifest and the article leave them free, its lead across the
//! module (破栏) and its figures two or three columns wide. Each is laid
//! out once by the real composer to learn its height; a module too tall
//! for the page is kept only as a cut one, whose least height comes from
//! its headline block as broken at that span.

use rayon::prelude::*;

use super::Frame;
use super::flow_breaks::FlowBreaks;
use super::module_height::module_at;
use super::page::{PageArticle, size};
use super::recall::{self, Key, Recall};
use super::title::{self, Title, page_title, title_slots};
use crate::model::{Grid, LeadPlacement, Role, Writing};
use crate::shape::{ShapedBlock, ShapedDoc};
use crate::units::Pt;

/// Fewest lines a continued module keeps on this page.
pub const MIN_CUT: u32 = 12;
/// Fewest lines of text a continued module keeps under its title block.
pub(super) const KEPT: u32 = 6;
/// The most characters an article set in a single column may have.
const BRIEF: usize = 400;
/// The widths, in columns, a free figure may take besides its one: on a
/// broadsheet a news photo stands two or three columns wide; wider, it
/// leaves the text a strip beside it.
const WIDE_FIGURES: [u32; 2] = [2, 3];
/// The least resolution, in pixels per inch, at which the make-up sets a
/// figure wider than written: newsprint's halftone screen (85 lines per
/// inch) with a fifth to spare. (A 400-pixel badge three broadsheet
/// columns wide, 369 pt, is 78 ppi: a compositor's review refused it; two
/// wide, 243 pt, 118.)
const LEAST_PPI: f64 = 100.0;
/// The most columns a lead is set across: across more its lines grow
/// too long to read (four columns hold some fifty characters).
const LEAD_ACROSS_MOST: u32 = 4;

/// How an article is set in its module, besides its span: where its lead
/// goes and how many columns its free figures take (`None`: as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    pub lead: LeadPlacement,
    pub figure: Option<u32>,
}

/// An article's module at one span: not to be used, taller than the
/// page (usable only continued), or this many page slots high (its foot
/// rule included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Height {
    No,
    /// Taller than the page; a cut keeps at least this many slots.
    Tall(u32),
    /// This many slots; a cut keeps at least the second.
    Rows(u32, u32),
}

/// One module of an article: its variant (an index into the article's
/// [`Variants::list`]) and its height at a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    pub variant: usize,
    pub height: Height,
    /// The white under the module's text, in line-columns (see
    /// [`super::Module::white`]): the search counts it as unfilled.
    pub white: u32,
    /// All the white under the text along the module's foot, in
    /// line-columns (see [`super::Module::foot`]): white over another
    /// module's headline block.
    pub foot: u32,
    /// The white under its text that reads as a hole, in line-columns
    /// (see [`super::Module::holes`]); of a module taller than the page,
    /// the holes its headline block leaves.
    pub holes: u32,
    /// The holes at its title block's lines' ends (on a vertical page
    /// counted both as a reader boxes its glyphs and on their ink): shown
    /// however deep the module is cut.
    pub head: u32,
    /// How many of its columns end one line and two lines short of its
    /// foot (see [`super::Module::shorts`]).
    pub shorts: [u32; 2],
    /// A box on a grid of its own: how many slots more than its height
    /// it fills, its lines spread (see [`super::Module::unfilled`]);
    /// more leave white lines inside its rule. `None` on the page grid,
    /// whose white under the text the other fields count.
    pub stretch: Option<u32>,
}

/// The white a module leaves under its text, in line-columns: beyond a
/// line's difference between its columns ([`Fit::white`]) and all of it
/// along its foot ([`Fit::foot`]).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Whites {
    pub(super) under: u32,
    pub(super) foot: u32,
    pub(super) holes: u32,
    pub(super) head: u32,
    pub(super) shorts: [u32; 2],
    pub(super) stretch: Option<u32>,
}

impl Variant {
    /// Whether the variant is one at `span` columns, where the article
    /// as `written` is another: a change across columns (none in a single
    /// one), a lead set across no more than LEAD_ACROSS_MOST of them, a
    /// figure no wider than the module.
    fn sets_at(&self, written: &Variant, span: u32) -> bool {
        span >= 2
            && (self.lead == written.lead || span <= LEAD_ACROSS_MOST)
            && self.figure.is_none_or(|k| k <= span)
    }
}

/// An article's variants and, per span (index `span - 1`), its modules.
#[derive(Debug, Clone)]
pub struct Variants {
    pub list: Vec<Variant>,
    pub fits: Vec<Vec<Fit>>,
    /// Per span, the shallow modules [`prune`] left out of `fits`: the
    /// search takes them only where without them an article would be
    /// continued (see `super::makeup::choose`).
    pub strips: Vec<Vec<Fit>>,
}

/// Every searched article's variants, each module laid out once and all
/// of them in parallel (the results do not depend on the order); the
/// number of modules laid out. The articles as written come first; their
/// other variants only at the spans where the written one fits the page
/// whole: a module too tall for it is cut, and a cut one is as good in
/// any variant.
///
/// An article whose variants an earlier build computed with the same key
/// (its content, placement, the page grid, for a rest its cut, and
/// whether the page holds rests alone) takes them as they were.
pub fn all_variants(articles: &[&PageArticle], grid: &Grid) -> (Vec<Variants>, usize) {
    // A page of rests alone (after an edition's last) takes them as they
    // come: a short rest is a shallow strip across a horizontal page, and
    // the page its jump line names has to take it. On a vertical page a
    // strip down every band is no module: a rest there goes in the bands
    // at the top, as few as it is set in (see `super::makeup`). Decided
    // by the page's articles, not by those an earlier build left to
    // compute, and part of each key.
    let strips = !grid.vertical && articles.iter().all(|a| a.rest.is_some());
    let keys: Vec<Option<(&dyn Recall, Key)>> = (articles.iter())
        .map(|a| {
            let (store, article) = a.recall?;
            let (p, rest) = (a.placement, a.rest);
            let with = format_args!("{p:?} {grid:?} {rest:?} {strips}");
            Some((store, recall::key(&article, "variants", with)))
        })
        .collect();
    let mut out: Vec<Option<Variants>> = (keys.iter())
        .map(|k| k.and_then(|(store, key)| store.variants(&key)))
        .collect();
    let todo: Vec<usize> = (0..out.len()).filter(|&i| out[i].is_none()).collect();
    let fresh: Vec<&PageArticle> = todo.iter().map(|&i| articles[i]).collect();
    let (computed, laid) = compute(&fresh, grid, strips);
    for (&i, v) in todo.iter().zip(computed) {
        if let Some((store, key)) = keys[i] {
            store.keep_variants(key, &v);
        }
        out[i] = Some(v);
    }
    // Every article's variants were recalled or computed just above.
    (out.into_iter().flatten().collect(), laid)
}

/// [`all_variants`] of articles no earlier build computed; with `strips`,
/// the shallow modules of a page of rests kept.
fn compute(articles: &[&PageArticle], grid: &Grid, strips: bool) -> (Vec<Variants>, usize) {
    let lists: Vec<Vec<Variant>> = articles.iter().map(|a| variants_of(a, grid)).collect();
    let mut out: Vec<Variants> = (lists.into_iter())
        .map(|list| Variants {
            list,
            fits: vec![Vec::new(); grid.columns as usize],
            strips: vec![Vec::new(); grid.columns as usize],
        })
        .collect();
    let spans = 1..=grid.columns;
    let written: Vec<Job> = (0..out.len())
        .flat_map(|i| spans.clone().map(move |w| (i, 0, w)))
        .collect();
    // Each article's paragraphs are broken once for all its modules.
    let memos: Vec<FlowBreaks> = articles.iter().map(|_| FlowBreaks::default()).collect();
    let articles: Vec<_> = (articles.iter().copied().zip(&memos))
        .map(|(a, own)| (a, a.breaks.unwrap_or(own)))
        .collect();
    let mut laid = lay_out(&written, &articles, grid, &mut out);
    let others: Vec<Job> = (out.iter().enumerate())
        .flat_map(|(i, v)| {
            (2..=grid.columns)
                .filter(|&w| fits_whole(&v.fits[w as usize - 1]))
                .flat_map(move |w| (1..v.list.len()).map(move |k| (i, k, w)))
                .filter(|&(i, k, w)| out[i].list[k].sets_at(&out[i].list[0], w))
        })
        .collect();
    laid += lay_out(&others, &articles, grid, &mut out);
    if !strips {
        prune(&mut out);
    }
    (out, laid)
}

/// Whether the article as written (the first module) fits the page whole.
fn fits_whole(fits: &[Fit]) -> bool {
    fits.first()
        .is_some_and(|f| f.variant == 0 && matches!(f.height, Height::Rows(..)))
}

/// (article, variant, span): one module to lay out.
type Job = (usize, usize, u32);

/// Lays out the `jobs` in parallel, one job each (the work spreads
/// evenly), and adds their modules to `out`; how many were laid out.
fn lay_out(
    jobs: &[Job],
    articles: &[(&PageArticle, &FlowBreaks)],
    grid: &Grid,
    out: &mut [Variants],
) -> usize {
    let heights: Vec<(Height, Whites)> = (jobs.par_iter())
        .map(|&(i, v, w)| height_for(articles[i], out[i].list[v], grid, w))
        .collect();
    for (&(i, variant, w), &(height, whites)) in jobs.iter().zip(&heights) {
        if height != Height::No {
            out[i].fits[w as usize - 1].push(Fit {
                variant,
                height,
                white: whites.under,
                foot: whites.foot,
                holes: whites.holes,
                head: whites.head,
                shorts: whites.shorts,
                stretch: whites.stretch,
            });
        }
    }
    heights.iter().filter(|h| h.0 != Height::No).count()
}

/// Fewest slots of a module wider than the narrowest its article takes:
/// less is a headline with a strip of text under it.
const SHALLOW: u32 = 12;

/// Strips set aside (see [`SHALLOW`]): a span wider than the narrowest
/// the article takes must give it that many slots.
fn prune(out: &mut [Variants]) {
    for v in out.iter_mut() {
        let Some(narrowest) = v.fits.iter().position(|f| !f.is_empty()) else {
            continue;
        };
        let spans = v.fits.iter_mut().zip(v.strips.iter_mut());
        for (fits, strips) in spans.skip(narrowest + 1) {
            let shallow = |f: &Fit| matches!(f.height, Height::Rows(h, _) if h < SHALLOW);
            strips.extend(fits.iter().filter(|f| shallow(f)).copied());
            fits.retain(|f| !shallow(f));
        }
    }
}

/// The article as written, then each freedom it has taken on its own: the
/// lead across the module when the manifest leaves the lead's place open
/// and the article has one; its figures two or three columns wide (no
/// wider than the module) when the article gives them no width of their
/// own.
fn variants_of(a: &PageArticle, grid: &Grid) -> Vec<Variant> {
    let written = Variant {
        lead: a.placement.lead,
        figure: a.placement.figure,
    };
    let mut out = vec![written];
    // A continuation is set as its first page was.
    if a.rest.is_some() {
        return out;
    }
    let has_lead = (a.shaped.flow.first())
        .is_some_and(|b| matches!(b, ShapedBlock::Para(p) if p.style.role == Role::Lead));
    if a.placement.lead == LeadPlacement::Auto && has_lead {
        out.push(Variant {
            lead: LeadPlacement::Across {
                columns: None,
                boxed: false,
            },
            ..written
        });
    }
    if written.figure.is_none() && a.shaped.flow.iter().any(free_figure) {
        let sharp = WIDE_FIGURES.into_iter().filter(|&k| sharp_at(a, grid, k));
        out.extend(sharp.map(|k| Variant {
            figure: Some(k),
            ..written
        }));
    }
    out
}

/// Whether every free figure of the article keeps [`LEAST_PPI`] at `k`
/// columns wide.
fn sharp_at(a: &PageArticle, grid: &Grid, k: u32) -> bool {
    (a.shaped.flow.iter().filter(|b| free_figure(b))).all(|b| match b {
        ShapedBlock::Figure { figure, .. } => sharp(figure.width_px, grid, k),
        _ => true,
    })
}

/// Whether an image `pixels` wide keeps [`LEAST_PPI`] set `k` columns wide.
fn sharp(pixels: u32, grid: &Grid, k: u32) -> bool {
    pixels as f64 / (title::extent(grid, k).0 / 72.0) >= LEAST_PPI
}

/// A figure the make-up may size: set in the flow (not at a place), one
/// column, no width of its own (the markdown's `columns=` and `width=`
/// left out; `columns=1` reads the same).
fn free_figure(b: &ShapedBlock) -> bool {
    matches!(b, ShapedBlock::Figure { figure, .. }
        if !figure.placed() && figure.width.is_none() && figure.columns == 1)
}

/// The article with its free figures `columns` wide, or `None` when it
/// has none (the article as shaped is set).
pub fn with_figures(shaped: &ShapedDoc, columns: Option<u32>) -> Option<ShapedDoc> {
    let columns = columns?;
    if !shaped.flow.iter().any(free_figure) {
        return None;
    }
    let mut out = shaped.clone();
    for b in &mut out.flow {
        if free_figure(b)
            && let ShapedBlock::Figure { figure, .. } = b
        {
            figure.columns = columns;
        }
    }
    Some(out)
}

/// An article's height at `span` columns in `variant`: `No` where the
/// manifest gives it another span, where one column is too narrow for it,
/// or where its headline would break inside a phrase.
fn height_for(
    (a, memo): (&PageArticle, &FlowBreaks),
    variant: Variant,
    grid: &Grid,
    span: u32,
) -> (Height, Whites) {
    if a.placement.columns.is_some_and(|c| c != span) {
        return (Height::No, Whites::default());
    }
    // The lead story leads: across half the page or more.
    if a.placement.lead_story && a.placement.columns.is_none() && span * 2 < grid.columns {
        return (Height::No, Whites::default());
    }
    // One column holds a brief, not an article with a headline to show;
    // no module so narrow that its headline breaks inside a phrase.
    if span == 1 && a.placement.columns.is_none() && size(a) > BRIEF {
        return (Height::No, Whites::default());
    }
    let own = (a.doc.writing == Writing::Vertical) != grid.vertical;
    let titled = a.rest.is_none();
    if titled && !own && a.placement.columns.is_none() && !title_fits(a, variant, grid, span) {
        return (Height::No, Whites::default());
    }
    let least = least_rows(a, variant, grid, span);
    match module_at((a, Some(memo)), variant, grid, span) {
        Err(head) => (Height::Tall(least), head),
        Ok((h, whites)) => (Height::Rows(h, least), whites),
    }
}

/// The size of the article's headline, ranked and fitted as it would be
/// set at `span` columns in `variant`; `None` without a headline, or
/// where it breaks inside a phrase there.
pub fn headline_size(a: &PageArticle, variant: Variant, grid: &Grid, span: u32) -> Option<Pt> {
    headline_at(a, variant, grid, span).map(|(size, _)| size)
}

/// The size of the article's headline and the reach of its widest line,
/// as [`headline_size`].
pub fn headline_at(a: &PageArticle, variant: Variant, grid: &Grid, span: u32) -> Option<(Pt, Pt)> {
    let title = fitted_title(a, variant, grid, span);
    let reach = title::extent(grid, title.columns) * title.cover;
    (title.header.iter())
        .find(|p| p.style.role == Role::Headline)
        .filter(|_| title.phrases_fit)
        .map(|p| (p.style.size, reach))
}

/// Whether the article's title block, ranked and fitted as it would be
/// set at `span` columns, breaks only between phrases.
fn title_fits(a: &PageArticle, variant: Variant, grid: &Grid, span: u32) -> bool {
    fitted_title(a, variant, grid, span).phrases_fit
}

/// The article's title block, ranked and fitted as it would be set at
/// `span` columns in `variant`.
fn fitted_title(a: &PageArticle, variant: Variant, grid: &Grid, span: u32) -> Title {
    let frame = frame_for(a, variant, span, None);
    let module = module_grid(a, &frame, grid);
    page_title(&a.shaped.header, &a.shaped.flow, (grid, &module), &frame)
}

/// The fewest slots a cut module keeps on its page: its headline block,
/// the rule under it and six lines of text. A module with a figure set at
/// its place is not cut (the figure would stand across the cut).
fn least_rows(a: &PageArticle, variant: Variant, grid: &Grid, span: u32) -> u32 {
    let placed = (a.shaped.flow.iter())
        .any(|b| matches!(b, ShapedBlock::Figure { figure, .. } if figure.placed()));
    // A continuation is set whole: its jump line named this page.
    if placed || a.rest.is_some() {
        return u32::MAX;
    }
    least_cut(a, variant, grid, span)
}

/// The fewest slots the article keeps at the top of a frame `span`
/// columns wide: its headline block as it would be fitted there and six
/// lines of text (never less than [`MIN_CUT`], never more than the page).
pub fn least_cut(a: &PageArticle, variant: Variant, grid: &Grid, span: u32) -> u32 {
    if (a.doc.writing == Writing::Vertical) != grid.vertical {
        return least_box_cut(a, variant, grid, span);
    }
    let frame = frame_for(a, variant, span, None);
    let module = module_grid(a, &frame, grid);
    // A box on a grid of its own keeps the block as the article gives it.
    let title = match (a.doc.writing == Writing::Vertical) != grid.vertical {
        true => Title::on_own_grid(&a.shaped.header, module.columns, module.vertical),
        false => page_title(&a.shaped.header, &a.shaped.flow, (grid, &module), &frame),
    };
    let header = title_slots(&title, &module, &a.doc.rules);
    (header + 1 + KEPT).max(MIN_CUT).min(grid.lines)
}

/// [`least_cut`] for a box on a grid of its own (the other writing mode):
/// its lines are as long as its rows allow, so its headline block takes
/// more of them the fewer rows it has; the fewest rows whose grid holds
/// the block and six lines (the page's depth where none does).
fn least_box_cut(a: &PageArticle, variant: Variant, grid: &Grid, span: u32) -> u32 {
    let holds = |rows: u32| {
        let frame = frame_for(a, variant, span, Some(rows));
        let module = module_grid(a, &frame, grid);
        let title = Title::on_own_grid(&a.shaped.header, module.columns, module.vertical);
        title_slots(&title, &module, &a.doc.rules) + 1 + 6 <= module.lines
    };
    (MIN_CUT.min(grid.lines)..=grid.lines)
        .find(|&rows| holds(rows))
        .unwrap_or(grid.lines)
}

/// The grid article `a` is set on in `frame` on the page `grid`.
fn module_grid(a: &PageArticle, frame: &Frame, grid: &Grid) -> Grid {
    frame.grid(
        grid,
        a.doc.writing == Writing::Vertical,
        a.layout.grid.tier_chars,
    )
}

/// The frame of article `a` in `variant` at `span` columns from the
/// page's top left, `rows` deep (or to the foot).
pub(super) fn frame_for(a: &PageArticle, variant: Variant, span: u32, rows: Option<u32>) -> Frame {
    Frame {
        first: 0,
        columns: span,
        top: 0,
        rows,
        split: a
            .placement
            .split
            .filter(|_| a.placement.columns == Some(span)),
        boxed: a.placement.boxed,
        lead: variant.lead,
        fit_title: true,
        lead_story: a.placement.lead_story,
        edge_above: a.placement.edge_above,
        kicker_end: false,
        headline_most: a.placement.headline_most,
        grown_most: a.placement.grown_most,
        parted: a.placement.parted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::load_layout;

    /// The generated pages' badge, 400 pixels: two broadsheet columns
    /// (243 pt, 118 ppi) and not three (369 pt, 78 ppi).
    #[test]
    fn a_figure_is_widened_only_as_far_as_its_pixels_hold() {
        let layout = load_layout("broadsheet", None).expect("the broadsheet layout");
        let grid = layout.grid_for(Writing::Horizontal);
        assert!(sharp(400, &grid, 2));
        assert!(!sharp(400, &grid, 3));
        assert!(sharp(600, &grid, 3));
    }
}
