//! Automatic page make-up (自动拼版, a manifest's `fill = true`): each
//! article gets the modules it can take ([`super::variants`]: every column
//! span, and its lead across the module or its figures wider where it
//! leaves them free), each laid out once by the real composer to learn its
//! height; a guillotine search ([`super::makeup_search`]: the free band of
//! the page cut across or down, each part cut again, each leaf one module)
//! picks one module per article and its place so that the page fills. The
//! chosen variant goes into the article's placement and is the one set.
//!
//! The objective, in order: (1) the page filled: the modules reach the
//! foot of the band, or the smallest remainder is left at its foot (white
//! inside a module or under its text counts as unfilled);
//! (2) no article continued unless the text cannot fit, and then as few as
//! possible, the later in manifest order the better; (3) the manifest's
//! order: in every cut the part above (or to the left) holds the earliest
//! article of the two, so the first article (the lead story) is at the top
//! left, and it is as wide as the rest allows (beside a pin at a top
//! corner, in the start corner first: [`Notch::lead_first`](super::makeup_search::Notch::lead_first)), its
//! headline the page's largest where that fills as much ([`order`]); (4) the
//! headline hierarchy: the other headlines under the lead's
//! ([`headline_ceiling`]), where the page keeps as few holes and fills
//! as much (the page's make-ups, `edition::tries`). Variants cost
//! nothing of their own: of two modules alike the article as written is
//! kept.

use super::frame::SizeCap;
pub(super) use super::makeup_search::SLACK;
use super::makeup_search::{Band, MadeUp, Place, Tables, search, search_rests};
use super::page::{PageArticle, size};
use super::variants::{Fit, Height, Variant, Variants, all_variants, headline_size};
use crate::error::Warning;
use crate::model::Grid;
use crate::units::Pt;

/// A page's make-up before its search: the band, the articles searched
/// (those not pinned) and their modules, each laid out once; a retry
/// (see [`choose`]'s `avoid`) searches them again without laying any out.
pub struct Prepared {
    band: Band,
    grid: Grid,
    /// The article pinned at the band's notch, if any.
    notched: Option<usize>,
    searched: Vec<usize>,
    variants: Vec<Variants>,
    sizes: Vec<usize>,
    /// Modules laid out (none when every article's variants were an
    /// earlier build's).
    pub laid: usize,
    layout_ms: f64,
    /// A vertical page of rests alone (after an edition's last page): its
    /// foot is the band's last columns (the bands of tiers down the page),
    /// and the white its rests leave goes there (see
    /// [`in_fewest_columns`]). A page of articles of its own fills every
    /// band (a compositor's review: white in whole bands at a front
    /// page's foot read worse than the strip it replaced).
    foot_in_columns: bool,
    /// The tables its searches made, for the searches after them.
    tables: Tables,
    /// Whether the page may hold articles over to the next (see
    /// [`hold`]): the edition's next page is made up too, and articles
    /// may continue.
    pub may_hold: bool,
    /// Per pass (the lead first beside a notch, or not), the articles the
    /// page's first make-up held over: a retry (the modules its holes met
    /// charged) and the make-ups with larger headlines after it search
    /// from there, the levels holding fewer having found no page within
    /// the cuts allowed (the charges change which page a search finds,
    /// not which pages exist). Searched again from none held, they took
    /// gqvar-set02's make-ups from 0.2 to 0.9 s.
    held_first: std::cell::Cell<[Option<usize>; 2]>,
}

/// A module a page's holes met, for the next search to avoid: article
/// `article` (its index among the page's articles) `columns` wide in
/// `variant`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Avoid {
    pub article: usize,
    pub columns: u32,
    pub variant: Variant,
}

/// Line-columns of hole a module the page's holes met is charged in a
/// retry's search: as much as a hole four lines deep across two columns,
/// enough to lose to a flat module elsewhere, less than a cut (a hole is
/// not worth an article continued).
const MET: u32 = 8;

/// Lays out the modules of `articles` that the search may choose from.
/// `taken`: slots at the page's top already taken across every column (an
/// edition's article continued from the page before). `earlier`: the
/// same articles prepared before with other placements (headlines
/// capped): an article placed alike takes its modules from there.
pub fn prepare(
    articles: &[PageArticle],
    grid: &Grid,
    taken: u32,
    earlier: Option<(&[PageArticle], &Prepared)>,
) -> Prepared {
    let start = std::time::Instant::now();
    let (band, notched) = free_band(articles, grid);
    let band = settle(band, taken);
    let notched = notched.filter(|_| band.notch.is_some());
    let searched: Vec<usize> = (0..articles.len())
        .filter(|&i| !pinned(&articles[i]))
        .collect();
    let kept = |j: usize| {
        let (before, prep) = earlier?;
        let i = searched[j];
        let alike = prep.searched.get(j) == Some(&i)
            && before
                .get(i)
                .is_some_and(|b| b.placement == articles[i].placement);
        alike.then(|| prep.variants[j].clone())
    };
    let mut variants: Vec<Option<Variants>> = (0..searched.len()).map(kept).collect();
    let todo: Vec<usize> = (0..searched.len())
        .filter(|&j| variants[j].is_none())
        .collect();
    let refs: Vec<&PageArticle> = todo.iter().map(|&j| &articles[searched[j]]).collect();
    let (fresh, laid) = all_variants(&refs, grid);
    for (&j, v) in todo.iter().zip(fresh) {
        variants[j] = Some(v);
    }
    // Every article's modules were kept or laid out just above.
    let variants: Vec<Variants> = variants.into_iter().flatten().collect();
    let refs: Vec<&PageArticle> = searched.iter().map(|&i| &articles[i]).collect();
    let sizes: Vec<usize> = refs.iter().map(|a| size(a)).collect();
    Prepared {
        band,
        grid: *grid,
        notched,
        searched,
        variants,
        sizes,
        laid,
        layout_ms: ms(start),
        foot_in_columns: grid.vertical && articles.iter().all(|a| a.rest.is_some()),
        tables: Tables::default(),
        may_hold: false,
        // Larger headlines (the caps after) make taller modules: a level
        // holding fewer finds no page there either.
        held_first: std::cell::Cell::new(
            earlier.map_or(Default::default(), |(_, p)| p.held_first.get()),
        ),
    }
}

impl Prepared {
    /// Whether a pin stands at a top corner of the band (where the
    /// lead story's place beside it is a choice: see [`Notch`](super::makeup_search::Notch)).
    pub fn notched(&self) -> bool {
        self.band.notch.is_some()
    }
}

/// The largest the other articles' headlines may be on a page whose lead
/// story is among `articles` (a compositor's review found a secondary
/// headline set larger than the lead's, 52.8 pt against 49.5, and grown
/// further to close its ends; `edition::tries` caps them a size under it
/// first): the lead's headline at its smallest,
/// of the spans it may take (half the page's columns or more, or the
/// manifest's), whichever the search then chooses. `None` without a lead
/// story or its headline.
pub fn headline_ceiling(articles: &[PageArticle], grid: &Grid) -> Option<SizeCap> {
    let lead = articles.iter().find(|a| a.placement.lead_story)?;
    let half = grid.columns.div_ceil(2).max(1);
    let smallest = headline_sizes(lead, half, grid).min_by(|a, b| a.0.total_cmp(&b.0))?;
    Some(SizeCap::of(smallest))
}

/// Whether the article's headline is larger than `cap` at any span it
/// may take (the cap then changes its modules).
pub fn over(a: &PageArticle, cap: SizeCap, grid: &Grid) -> bool {
    headline_sizes(a, 1, grid).any(|size| size.0 > cap.pt().0)
}

/// The sizes of the article's headline as written at each span from
/// `least` columns (the manifest's span alone, where it gives one).
fn headline_sizes<'g>(
    a: &'g PageArticle,
    least: u32,
    grid: &'g Grid,
) -> impl Iterator<Item = Pt> + 'g {
    let written = Variant {
        lead: a.placement.lead,
        figure: a.placement.figure,
    };
    let spans = match a.placement.columns {
        Some(c) => c..=c,
        None => least..=grid.columns,
    };
    spans.filter_map(move |span| headline_size(a, written, grid, span))
}

/// Whether the manifest pins the article (`column` and `row` given): the
/// search works around it.
pub(super) fn pinned(a: &PageArticle) -> bool {
    a.placement.column.is_some() && a.placement.row.is_some()
}

/// A made-up page: the articles placed, the summary for stderr and what
/// the page falls short by.
pub type Chosen<'a> = (Vec<PageArticle<'a>>, Warning, Short);

/// The page made up: the articles with the places and variants the search
/// chose (the pinned ones — `column` and `row` given — as they were) and
/// a summary for stderr. Without an arrangement the
/// articles keep their placement. The modules in `avoid` are charged as
/// holes of [`MET`] line-columns. `lead_first`: the lead story beside a
/// pin at the band's top corner before a fuller page (see [`Notch`](super::makeup_search::Notch)).
/// Also what the page falls short by: the articles continued and the
/// lines left at the band's foot (no arrangement: all of them).
/// Where `led` asks for it of the page found, also the page searched
/// again from it with the lead story's headline the largest ([`order`]),
/// where it is another: the search is not run twice.
pub fn choose<'a>(
    articles: &[PageArticle<'a>],
    prep: &Prepared,
    (avoid, lead_first): (&[Avoid], bool),
    led: impl FnOnce(&[PageArticle]) -> bool,
) -> (Chosen<'a>, Option<Chosen<'a>>) {
    let began = std::time::Instant::now();
    let mut band = prep.band;
    if let Some(n) = band.notch.as_mut() {
        n.lead_first = lead_first;
    }
    let fits = charged(prep, avoid, false);
    // Continue as few articles as needed, the last ones first.
    let n = prep.searched.len();
    let holdable = hold::holdable(articles, prep);
    let mut effort = 0;
    let banded = prep.foot_in_columns && band.notch.is_none();
    // `strips`: the page's own search (a led page's, whose modules are
    // kept under the lead's headline, takes no strips: they would bring
    // back the headlines it left out).
    let run = |fits: &[Vec<Vec<Fit>>], effort: &mut usize, strips: bool| {
        let mut found = None;
        if banded {
            // A retry (its holes met modules) tries the fewest bands alone:
            // the page with fewer holes is kept.
            let stack = avoid.is_empty();
            found = in_fewest_columns(fits, &cuttable(&prep.sizes, 0), (band, stack), effort);
        }
        // The whole band, continuing as few as needed (those set whole were
        // searched just before on a vertical page). Where every article
        // set whole needs a strip (a module shallower than [`SHALLOW`]
        // slots), the strip comes before a continuation: the objective
        // continues no article unless its text cannot fit.
        // Past two cuts, the last-ranked articles held over whole first
        // (see `hold`).
        found.or_else(|| {
            let first = usize::from(banded);
            let from = prep.held_first.get()[usize::from(lead_first)].unwrap_or(0);
            let search = |h: usize, k: usize| {
                let (m, tried) = hold::search_holding(prep, fits, (&holdable[..h], k), band);
                *effort += tried;
                let whole = k == 0 && h == 0 && strips;
                m.or_else(|| whole.then(|| whole_in_strips(prep, (avoid, band), effort))?)
            };
            let stubs = |m: &MadeUp| hold::stubs(m, prep, fits);
            let found = hold::first_page((n, holdable.len(), first), from, search, stubs);
            found.map(|m| (m, band))
        })
    };
    let found = run(&fits, &mut effort, true);
    if avoid.is_empty() {
        let mut held = prep.held_first.get();
        held[usize::from(lead_first)] = found.as_ref().map(|(m, _)| m.held());
        prep.held_first.set(held);
    }
    let page = place(articles, prep, (found.as_ref(), band), (effort, began));
    let led = match &found {
        Some((m, _)) if led(&page.0) => {
            let mut search = |fits: &[Vec<Vec<Fit>>]| run(fits, &mut effort, false);
            let led = order::lead_leads((articles, prep), &fits, m, &mut search);
            led.map(|led| place(articles, prep, (Some(&led), band), (effort, began)))
        }
        _ => None,
    };
    (page, led)
}

/// The articles placed as the search's page `found` sets them (or, with
/// none, as they were), with the summary of the search's `effort` since
/// `began`.
fn place<'a>(
    articles: &[PageArticle<'a>],
    prep: &Prepared,
    (found, band): (Option<&(MadeUp, Band)>, Band),
    (effort, began): (usize, std::time::Instant),
) -> Chosen<'a> {
    let n = prep.searched.len();
    let mut out: Vec<PageArticle<'a>> = articles.iter().map(PageArticle::copy).collect();
    let effort = Effort {
        laid: prep.laid,
        layout_ms: prep.layout_ms,
        states: effort,
        // Its own search, not the make-ups before it (the page's
        // make-ups, `edition::tries`, time those).
        ms: prep.layout_ms + ms(began),
    };
    let Some((m, used)) = found else {
        let message = format!(
            "fill: no arrangement of the {n} articles fits the page ({}); placed largest first",
            effort.line()
        );
        let short = Short::of(n, 0, band.bottom.saturating_sub(band.top));
        for &i in &prep.searched {
            super::page::box_to_its_depth(&mut out[i], &prep.grid);
        }
        return (out, warning(message), short);
    };
    let used = *used;
    // A box pinned under the band stands its top edge in the band's last
    // slot, white under every module the search puts there.
    for a in out.iter_mut().filter(|a| pinned(a) && a.placement.boxed) {
        a.placement.edge_above = a.placement.row == Some(band.bottom) && band.bottom > band.top;
    }
    // The pin at the notch keeps to its depth: modules go under it.
    if let (Some(i), Some(n)) = (prep.notched, band.notch) {
        let pl = &mut out[i].placement;
        pl.rows = pl.rows.or(Some(n.bottom));
    }
    // The objective's remainder: a page raised below is as full.
    let short = Short::of(m.continued(), m.held(), m.remainder);
    let m = &risen(m, prep, used);
    // Over a pin the white the articles leave opens the spaces between
    // their modules (see `spread`), not a strip across the page.
    let over_pin = (out.iter()).any(|a| pinned(a) && a.placement.row == Some(used.bottom));
    let places = match over_pin && used.notch.is_none() {
        true => spread::over_pin(&m.places, m.remainder),
        false => m.places.clone(),
    };
    for (j, &i) in prep.searched.iter().enumerate() {
        // The search places every article it keeps on the page.
        out[i].placement.held = places[j].is_none();
        if let Some(p) = places[j] {
            let chosen = prep.variants[j].list[p.variant];
            let pl = &mut out[i].placement;
            pl.column = Some(p.column);
            pl.columns = Some(p.columns);
            pl.row = Some(p.row);
            // A module cut to continue fills its frame to the last slot:
            // the frame stops a slot short, where the rule under it runs.
            pl.rows = Some(if p.continued { p.rows - 1 } else { p.rows });
            pl.cut = p.continued;
            pl.lead = chosen.lead;
            pl.figure = chosen.figure;
        }
    }
    let summary = summary(m, (used, band), &prep.variants, &effort);
    (out, warning(summary), short)
}

/// The page `m` with the white the search left in slots deeper than
/// their modules' text at the band's foot, where the articles leave white
/// (see [`spread::rise`]; not in a notched band or one of rests), and the
/// lines left there.
fn risen(m: &MadeUp, prep: &Prepared, used: Band) -> MadeUp {
    let places = match used.notch.is_none() && !m.last_only {
        true => spread::rise(&m.places, &natural(prep, &m.places), m.remainder),
        false => m.places.clone(),
    };
    let foot = |places: &[Option<Place>]| places.iter().flatten().map(|p| p.row + p.rows).max();
    let raised = foot(&m.places)
        .zip(foot(&places))
        .map_or(0, |(a, b)| a.saturating_sub(b));
    MadeUp {
        places,
        remainder: m.remainder + raised,
        ..m.clone()
    }
}

/// Per place, the rows its module's text takes in the variant and span
/// the search chose (`None` where it has no place or is cut).
fn natural(prep: &Prepared, places: &[Option<Place>]) -> Vec<Option<u32>> {
    (places.iter().zip(&prep.variants))
        .map(|(p, v)| {
            let p = (*p)?;
            let span = p.columns.checked_sub(1)? as usize;
            let fits = v.fits.get(span).into_iter().chain(v.strips.get(span));
            let f = fits.flatten().find(|f| f.variant == p.variant)?;
            match f.height {
                Height::Rows(h, _) => Some(h),
                _ => None,
            }
        })
        .collect()
}

/// [`prepare`] and [`choose`] with nothing to avoid.
#[cfg(test)]
pub fn make_up<'a>(
    articles: &[PageArticle<'a>],
    grid: &Grid,
    taken: u32,
) -> (Vec<PageArticle<'a>>, Warning, usize) {
    let prep = prepare(articles, grid, taken, None);
    let ((out, summary, _), _) = choose(articles, &prep, (&[], false), |_| false);
    (out, summary, prep.laid)
}

fn warning(message: String) -> Warning {
    Warning {
        location: None,
        message,
    }
}

fn ms(start: std::time::Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// On a page whose foot is the band's last columns (a vertical page of
/// rests: its bands of tiers), the articles, each set whole (`whole`), in the
/// band's first columns: all of them where they fill it; where they do
/// not, the first columns filled edge to edge and the last rests side by
/// side in the one under them ([`search_rests`], unless `stack` is
/// false); where no such page exists, as many columns as leave the least white among them (white
/// inside the modules, and the lines left at their foot: a strip down
/// every band used, at the page's left edge). The white the articles do not fill
/// then stands in whole bands at the page's foot, where a compositor
/// leaves it (and the summary reports it), not as a strip down the page.
/// The make-up and the band it fills (of two alike the narrower); `None`
/// when the articles cannot all be set whole.
fn in_fewest_columns(
    fits: &[Vec<Vec<Fit>>],
    whole: &[bool],
    (band, stack): (Band, bool),
    effort: &mut usize,
) -> Option<(MadeUp, Band)> {
    let (full, stacked, tried) = search_rests(fits, whole, band, stack);
    *effort += tried;
    if let Some(m) = full.as_ref().filter(|m| m.remainder == 0) {
        return Some((m.clone(), band));
    }
    if let Some((m, columns)) = stacked {
        return Some((m, Band { columns, ..band }));
    }
    let white = |n: &MadeUp, b: Band| (n.remainder * b.columns) as u64 + n.white_inside();
    let mut full = full;
    let mut best: Option<(u64, MadeUp, Band)> = None;
    for columns in 1..=band.columns {
        let narrower = Band { columns, ..band };
        let found = if columns == band.columns {
            full.take()
        } else {
            let (found, tried) = search(fits, whole, narrower);
            *effort += tried;
            found
        };
        if let Some(n) = found
            && best.as_ref().is_none_or(|b| white(&n, narrower) < b.0)
        {
            best = Some((white(&n, narrower), n, narrower));
        }
    }
    best.map(|(_, m, b)| (m, b))
}

/// What the make-up spent: modules laid out and the time that took,
/// states of the search, and the time of the whole.
struct Effort {
    laid: usize,
    layout_ms: f64,
    states: usize,
    ms: f64,
}

impl Effort {
    fn line(&self) -> String {
        format!(
            "{:.0} ms: {} modules laid out in {:.0} ms, {} states searched",
            self.ms, self.laid, self.layout_ms, self.states
        )
    }
}

/// The summary line: the share of the band filled (of its first columns
/// `used`, when the articles leave the others white), articles
/// continued, the variants chosen other than as written, the effort and
/// the cost.
fn summary(
    m: &MadeUp,
    (used, band): (Band, Band),
    variants: &[Variants],
    effort: &Effort,
) -> String {
    let depth = band.bottom - band.top;
    let continued = m.continued();
    let chosen: Vec<Variant> = (m.places.iter().zip(variants))
        .filter_map(|(p, v)| p.map(|p| (p.variant, v)))
        .filter(|&(k, _)| k > 0)
        .map(|(k, v)| v.list[k])
        .collect();
    let leads = chosen.iter().filter(|v| v.lead.is_across()).count();
    let figures = chosen.iter().filter(|v| v.figure.is_some()).count();
    let held = match m.held() {
        0 => String::new(),
        n => format!("{n} article(s) held over whole to the next page, "),
    };
    let line = format!(
        "{held}{continued} article(s) continued, {leads} lead(s) set across, {figures} article(s) with wider figures; {}, cost {}",
        effort.line(),
        m.cost
    );
    if used.columns == band.columns && (!m.last_only || m.remainder == 0) {
        let beside = white_beside_pin(m, band);
        let notched = match beside {
            0 => String::new(),
            w => format!(", {w} line-columns white beside the pin"),
        };
        let free = (band.columns * depth - pinned_area(band)).max(1);
        let white = m.remainder * band.columns + beside;
        return format!(
            "fill: {:.0}% of the free band filled ({} of {depth} lines; {} left at the foot{notched}), {line}",
            100.0 * free.saturating_sub(white) as f64 / free as f64,
            depth - m.remainder,
            m.remainder,
        );
    }
    let area = (used.columns * depth).max(1);
    let (across, which) = match m.last_only {
        true => (1, "the last band's foot"),
        false => (used.columns, "every band's foot"),
    };
    format!(
        "fill: {:.0}% of the first {} of {} bands filled ({} line(s) left at {which}), the last {} left white at the page's foot, {line}",
        100.0 * (area - m.remainder * across) as f64 / area as f64,
        used.columns,
        band.columns,
        m.remainder,
        band.columns - used.columns,
    )
}

/// The line-columns of `band` a pin at its top corner takes (none
/// without a notch).
fn pinned_area(band: Band) -> u32 {
    band.notch.map_or(0, |n| {
        (band.columns - n.columns) * n.bottom.saturating_sub(band.top)
    })
}

/// The line-columns left white beside the pin of a notched band: under
/// the modules set beside it, down to the pin's foot. The search's lines
/// at the foot did not show them: page-9 set vertically said "100% of
/// the free band filled" with a news item 25 lines deep in the band
/// beside the 35-line lead, its 10 lines under it a hole.
fn white_beside_pin(m: &MadeUp, band: Band) -> u32 {
    let Some(n) = band.notch else {
        return 0;
    };
    (n.first..n.first + n.columns)
        .map(|c| {
            let foot = (m.places.iter().flatten())
                .filter(|p| p.column <= c && c < p.column + p.columns && p.row < n.bottom)
                .map(|p| (p.row + p.rows).min(n.bottom))
                .max()
                .unwrap_or(band.top);
            n.bottom.saturating_sub(foot.max(band.top))
        })
        .sum()
}

/// The `k` articles that may continue on the next page: the longest
/// (a feature continues, a brief does not), the lead story last.
fn cuttable(sizes: &[usize], k: usize) -> Vec<bool> {
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&j| (j == 0 && sizes.len() > 1, std::cmp::Reverse(sizes[j]), j));
    let mut out = vec![false; sizes.len()];
    for &j in order.iter().take(k) {
        out[j] = true;
    }
    out
}

#[path = "makeup_band.rs"]
mod band;
use band::{free_band, settle};
#[path = "makeup_hold.rs"]
pub(super) mod hold;
pub use hold::Short;
#[path = "makeup_order.rs"]
mod order;
pub(super) use order::Head;
#[path = "makeup_spread.rs"]
mod spread;
#[path = "makeup_whole.rs"]
mod whole;
use whole::{charged, whole_in_strips};

#[cfg(test)]
#[path = "makeup_notch_tests.rs"]
mod notch_tests;
#[cfg(test)]
#[path = "makeup_tests.rs"]
mod tests;
