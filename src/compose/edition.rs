//! An edition: several newspaper pages set in order as one run, with
//! consecutive folios (a single page manifest is an edition of one). Each
//! page is made up as a page is (placed, or filled by the make-up); an
//! article cut on a page goes on at the top of the edition's next page,
//! across its columns and balanced, with both jump lines, and that page's
//! own articles are set in the band under it. After the edition's last
//! page, a cut article goes on over extra whole pages.

use std::ops::Range;

use super::holes::{GridRect, holes_among, holes_meeting};
use super::items::SetLine;
use super::kickers::{OnPage, turn_kickers};
use super::makeup::{Avoid, pinned};
use super::page::{
    ComposedPages, PageArticle, PageOptions, Placed, Placement, Rest, overflow, paragraph_pages,
    place_article, placement_order, size, spans,
};
use super::sheets::Sheets;
use super::variants::Variant;
use super::{Frame, Page, makeup};
use crate::error::{Result, Warning};
use crate::model::Grid;

/// One page of an edition: its articles (a range of the edition's) and
/// whether the make-up fills it.
#[derive(Debug, Clone)]
pub struct EditionPage {
    pub articles: Range<usize>,
    pub fill: bool,
}

/// An article cut on one page and continued on others: its index, the
/// page it starts on and the pages its rest takes (0-based, in the run's
/// pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Continued {
    pub article: usize,
    pub from: usize,
    pub onto: Range<usize>,
}

/// What the pages set so far hold, per article (in edition order).
#[derive(Clone)]
struct Set {
    placed: Vec<Option<Placed>>,
    starts: Vec<Vec<usize>>,
    lines: Vec<(usize, Vec<SetLine>)>,
    continued: Vec<Continued>,
    /// Pages (0-based) something was laid out for in this build, not
    /// taken from an earlier one.
    composed: Vec<usize>,
    /// Rests of cut articles left to a later page's make-up: that page
    /// and the rest.
    rests: Vec<(usize, Rest)>,
    /// The columns each article's free figures took (the rest keeps them).
    figures: Vec<Option<u32>>,
}

/// Lays out an edition's pages in order: `articles` are all its articles,
/// page after page; `pages` says which are on each page.
pub fn compose_edition(
    articles: &[PageArticle],
    pages: &[EditionPage],
    grid: &Grid,
    jumps: &mut PageOptions,
    warnings: &mut Vec<Warning>,
) -> Result<ComposedPages> {
    let mut sheets = Sheets::new(grid.columns, pages.len());
    let mut set = Set {
        placed: articles.iter().map(|_| None).collect(),
        starts: articles.iter().map(|_| Vec::new()).collect(),
        lines: articles.iter().map(|_| (0, Vec::new())).collect(),
        continued: Vec::new(),
        composed: Vec::new(),
        rests: Vec::new(),
        figures: articles.iter().map(|_| None).collect(),
    };
    sheets.fill = pages.iter().map(|p| p.fill).collect();
    // The edition's pages, then the extra pages after it that rests of
    // its made-up pages were left to, each made up of those rests alone.
    let none = articles.len()..articles.len();
    let mut k = 0;
    loop {
        let page = match pages.get(k) {
            Some(page) => page.clone(),
            None => {
                let extra = (set.rests.iter()).map(|&(at, _)| at).filter(|&at| at >= k);
                let Some(at) = extra.min() else { break };
                k = at;
                EditionPage {
                    articles: none.clone(),
                    fill: true,
                }
            }
        };
        set_page(
            articles,
            (k, &page),
            grid,
            &mut sheets,
            jumps,
            &mut set,
            warnings,
        )?;
        k += 1;
    }
    let order = reading_ranks(&set.placed);
    // The reading order: page by page, on each page the articles in the
    // order `reading_ranks` gives, each article's paragraphs in order.
    let mut reading: Vec<(usize, usize, usize)> = (set.starts.iter().enumerate())
        .flat_map(|(i, s)| {
            let rank = order[i];
            s.iter().enumerate().map(move |(j, &p)| (p, rank, j))
        })
        .collect();
    reading.sort();
    let by_rank = {
        let mut r: Vec<usize> = (0..order.len()).collect();
        r.sort_by_key(|&i| order[i]);
        r
    };
    let reading = (reading.into_iter())
        .map(|(_, rank, j)| (by_rank[rank], j))
        .collect();
    let outline = (articles.iter().zip(&set.placed))
        .filter_map(|(a, p)| p.as_ref().map(|p| (a.doc.title.clone(), p.page)))
        .collect();
    let area = (grid.columns * grid.lines).max(1) as f64;
    let pages = merge_pages(set.placed, &by_rank);
    let recalled = (0..pages.len())
        .map(|k| !set.composed.contains(&k))
        .collect();
    Ok(ComposedPages {
        pages,
        recalled,
        frames: sheets.frames.clone(),
        outline,
        lines: set.lines,
        reading,
        filled: (sheets.taken.iter())
            .map(|t| {
                let used: u32 = t.iter().map(|r| (r.c1 - r.c0) * (r.t1 - r.t0)).sum();
                used as f64 / area
            })
            .collect(),
        continued: set.continued,
    })
}

/// Sets page `k`'s own articles, and the rests of articles cut on the
/// pages before that its make-up takes: made up in the band under what
/// the page before continued onto it, or placed.
fn set_page(
    all: &[PageArticle],
    (k, page): (usize, &EditionPage),
    grid: &Grid,
    sheets: &mut Sheets,
    jumps: &mut PageOptions,
    set: &mut Set,
    warnings: &mut Vec<Warning>,
) -> Result<()> {
    let own = &all[page.articles.clone()];
    if !page.fill {
        place_all(own, (k, page), grid, (sheets, jumps), set, warnings)?;
        return Ok(());
    }
    let mut ranked = ranked(all, (k, page), set);
    // The lead story's headline is the page's largest.
    let cap = makeup::headline_ceiling(&ranked, grid);
    for a in ranked.iter_mut() {
        if !a.placement.lead_story && !pinned(a) && a.rest.is_none() {
            a.placement.headline_most = cap;
        }
    }
    let taken = sheets.height(k, 0, grid.columns);
    let prep = makeup::prepare(&ranked, grid, taken);
    let start = (sheets.clone(), set.clone(), warnings.len());
    // The best page so far (see `Tried`), its state and warnings.
    let mut best: Option<Best> = None;
    // The retries' time, from the first make-up's end (the first one's
    // search is in its summary; its composing is the page's own).
    let (mut retried, mut composed) = (None, 0);
    // Beside a pin at a top corner the lead story is set first in the
    // start corner, and a fuller page with another article there is
    // made up only where that leaves holes (a compositor's review: a
    // continued story in the top corner is refused, the lead leads).
    let passes: &[bool] = match prep.notched() {
        true => &[true, false],
        false => &[false],
    };
    // The first pass's make-ups in turn (places, holes, modules to
    // avoid): the second pass begins with the same pages where the lead
    // stands beside the pin either way, and those are not set again.
    let mut first: Vec<(Vec<Placement>, u32, Vec<Avoid>)> = Vec::new();
    for (pass, &lead_first) in passes.iter().enumerate() {
        if best.as_ref().is_some_and(|b| b.tried.holes == 0) {
            break;
        }
        let (mut avoid, mut same) = (Vec::new(), pass > 0);
        for again in 0..TRIES {
            if composed > 0 {
                (*sheets, *set) = (start.0.clone(), start.1.clone());
                warnings.truncate(start.2);
            }
            let (placed, mut summary) = makeup::choose(&ranked, &prep, (&avoid, lead_first));
            let places: Vec<Placement> = placed.iter().map(|a| a.placement).collect();
            same &= first.get(again).is_some_and(|f| f.0 == places);
            let (holes, more) = if same {
                let f = &first[again];
                (f.1, f.2.clone())
            } else {
                let at = (k, page, taken);
                let (holes, more) =
                    match set_once(placed, &ranked, at, grid, (sheets, jumps), set, warnings) {
                        Ok(out) => out,
                        // A retry that cannot be set is no page: keep the best one.
                        Err(e) if best.is_none() => return Err(e),
                        Err(_) => break,
                    };
                composed += 1;
                let tried = Tried {
                    holes,
                    pass,
                    attempt: composed,
                };
                if sheets.edition > 1 || k > 0 {
                    let number = jumps.first_number as usize + k;
                    summary.message = format!("page {number}: {}", summary.message);
                }
                let said = warnings[start.2..].to_vec();
                if best.as_ref().is_none_or(|b| tried < b.tried) {
                    best = Some(Best {
                        tried,
                        sheets: sheets.clone(),
                        set: set.clone(),
                        said,
                        summary,
                    });
                }
                retried.get_or_insert_with(std::time::Instant::now);
                (holes, more)
            };
            if pass == 0 {
                first.push((places, holes, more.clone()));
            }
            // The modules a hole meets are avoided in the next search.
            let before = avoid.len();
            for a in more {
                if !avoid.contains(&a) {
                    avoid.push(a);
                }
            }
            if holes == 0 || avoid.len() == before {
                break;
            }
        }
    }
    // Invariant: the first attempt either returned its error or set `best`.
    let Best {
        tried,
        sheets: s,
        set: t,
        said,
        mut summary,
    } = best.expect("a page was set");
    if let Some(retried) = retried.filter(|_| composed > 1) {
        let ms = retried.elapsed().as_secs_f64() * 1000.0;
        summary.message = format!(
            "{}; {composed} make-ups composed, the {} after the first searched, set and their holes counted in {ms:.0} ms, the {} kept",
            summary.message,
            composed - 1,
            ordinal(tried.attempt),
        );
    }
    (*sheets, *set) = (s, t);
    warnings.truncate(start.2);
    warnings.extend(said);
    warnings.push(summary);
    if prep.laid > 0 && !set.composed.contains(&k) {
        set.composed.push(k);
    }
    Ok(())
}

/// Sets the make-up `placed` of page `k` (its articles `ranked` as the
/// search had them; `taken` slots at its top taken across): its holes,
/// with the whole pages after the edition its cut articles fill, and the
/// modules the holes meet, for the next search to avoid.
fn set_once(
    mut placed: Vec<PageArticle>,
    ranked: &[PageArticle],
    (k, page, taken): (usize, &EditionPage, u32),
    grid: &Grid,
    (sheets, jumps): (&mut Sheets, &mut PageOptions),
    set: &mut Set,
    warnings: &mut Vec<Warning>,
) -> Result<(u32, Vec<Avoid>)> {
    // Without an arrangement, a rest still opens the page it was
    // promised to (its jump line says so), across it as it fitted; on an
    // extra page, the rests one under another, as promised.
    let stacked = k >= sheets.edition;
    for a in placed.iter_mut().filter(|a| a.rest.is_some()) {
        let p = &mut a.placement;
        if p.column.is_none() {
            let row = (!stacked).then_some(taken);
            (p.column, p.columns, p.row) = (Some(0), Some(grid.columns), row);
        }
    }
    let frames = place_all(&placed, (k, page), grid, (sheets, jumps), set, warnings)?;
    let rects: Vec<GridRect> = frames.iter().map(|&(_, f)| around(f, grid)).collect();
    let (mut holes, met) = holes_meeting(&items_on(set, k), grid, &rects);
    // The whole pages after the edition that its cut articles fill are
    // this page's doing too (an edition's own later pages are made up in
    // their turn).
    for extra in sheets.edition.max(k + 1)..sheets.taken.len() {
        holes += holes_among(&items_on(set, extra));
    }
    Ok((holes, avoided(&frames, &met, &placed, ranked)))
}

/// The articles page `k`'s make-up places: its own, the first not pinned
/// its lead story, then the rests cut on the pages before that go on on
/// it (a continuation goes where it fits).
fn ranked<'a>(
    all: &[PageArticle<'a>],
    (k, page): (usize, &EditionPage),
    set: &Set,
) -> Vec<PageArticle<'a>> {
    let rests = (set.rests.iter())
        .filter(|(onto, _)| *onto == k)
        .map(|&(_, r)| PageArticle {
            rest: Some(r),
            placement: Placement {
                boxed: all[r.article].placement.boxed,
                figure: set.figures[r.article],
                ..Placement::default()
            },
            ..all[r.article].copy()
        });
    let own = all[page.articles.clone()].iter().map(PageArticle::copy);
    let mut ranked: Vec<PageArticle> = own.chain(rests).collect();
    if let Some(a) = (ranked.iter_mut()).find(|a| !pinned(a) && a.rest.is_none()) {
        a.placement.lead_story = true;
    }
    ranked
}

/// The modules (by `frames`, their index in `placed`) that holes meet
/// (`met`: per frame, how many), unless pinned in `ranked`.
fn avoided(
    frames: &[(usize, Frame)],
    met: &[u32],
    placed: &[PageArticle],
    ranked: &[PageArticle],
) -> Vec<Avoid> {
    (frames.iter().zip(met))
        .filter(|&(&(j, _), &m)| m > 0 && !pinned(&ranked[j]))
        .map(|(&(j, f), _)| Avoid {
            article: j,
            columns: f.columns,
            variant: Variant {
                lead: placed[j].placement.lead,
                figure: placed[j].placement.figure,
            },
        })
        .collect()
}

/// Make-ups composed at most per page: the first, and again while the
/// page has holes and they meet a module not yet avoided.
const TRIES: usize = 6;

/// An attempt's name in the summary line (attempts count from 1, up to
/// [`TRIES`] a pass).
fn ordinal(attempt: usize) -> String {
    const NAMES: [&str; 6] = ["first", "second", "third", "fourth", "fifth", "sixth"];
    match NAMES.get(attempt.wrapping_sub(1)) {
        Some(name) => name.to_string(),
        None => format!("{attempt}th"),
    }
}

/// The best make-up of a page so far: its rank, the state it left and
/// the warnings it gave (its summary last).
struct Best {
    tried: Tried,
    sheets: Sheets,
    set: Set,
    said: Vec<Warning>,
    summary: Warning,
}

/// A composed make-up's rank: the fewest holes, then the first pass
/// (the lead story in the start corner beside a pin), then the first.
/// Of two with as many holes the search's own choice (by its objective:
/// the page filled, the fewest continued, the manifest's order, flat
/// feet) is the better: a retry is kept only for fewer holes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Tried {
    holes: u32,
    pass: usize,
    attempt: usize,
}

/// A module's frame, a slot more above and below (a hole in the white
/// between two modules meets both), for [`holes_meeting`].
fn around(f: Frame, grid: &Grid) -> GridRect {
    let bottom = f.rows.map_or(grid.lines, |r| f.top + r);
    (
        (f.first, f.columns),
        (f.top.saturating_sub(1), (bottom + 1).min(grid.lines)),
    )
}

/// The module pages set on page `k` so far (rests taken up included).
fn items_on(set: &Set, k: usize) -> Vec<&Page> {
    let mut out = Vec::new();
    for p in set.placed.iter().flatten() {
        for (i, mp) in p.pages.iter().enumerate() {
            let at = if i == 0 {
                p.page
            } else {
                p.onward.page + i - 1
            };
            if at == k {
                out.push(mp);
            }
        }
    }
    out
}

/// Places `articles` on page `k` (their placement as given or made up),
/// each laid out; the frames set on the page, by index into `articles`.
fn place_all(
    articles: &[PageArticle],
    (k, page): (usize, &EditionPage),
    grid: &Grid,
    (sheets, jumps): (&mut Sheets, &mut PageOptions),
    set: &mut Set,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<(usize, Frame)>> {
    let sizes: Vec<usize> = articles.iter().map(size).collect();
    let given: Vec<Option<u32>> = articles.iter().map(|a| a.placement.columns).collect();
    let spans = spans(&sizes, &given, grid.columns);
    let mut on_page = Vec::new();
    let mut frames = Vec::new();
    for j in placement_order(articles) {
        let a = &articles[j];
        let (at, onward, module, recalled, frame) =
            place_article(a, (spans[j], grid), (k, &mut *sheets), jumps, warnings)?;
        if at == k {
            frames.push((j, frame));
        }
        if !recalled {
            let rest = onward.page..onward.page + module.pages.len() - 1;
            set.composed.extend([at].into_iter().chain(rest));
        }
        if let Some(r) = a.rest {
            set.take_up(a, r, at, module);
            continue;
        }
        if jumps.no_continue && module.pages.len() > 1 {
            return Err(overflow(a, &module));
        }
        let i = page.articles.start + j;
        // Its rest left to the next page's make-up (see `place_article`).
        let deferred = module.pages.len() == 1 && module.cut.is_some();
        if module.pages.len() > 1 || deferred {
            set.continued.push(Continued {
                article: i,
                from: at,
                onto: onward.page..onward.page + module.pages.len().max(2) - 1,
            });
        }
        if let (true, Some(cut)) = (deferred, module.cut) {
            let rest = Rest {
                cut,
                from: at,
                article: i,
            };
            set.rests.push((onward.page, rest));
        }
        on_page.push(OnPage {
            article: a,
            frame,
            index: i,
        });
        set.figures[i] = a.placement.figure;
        set.starts[i] = paragraph_pages(a.shaped, &module.lines, (at, onward.page));
        set.lines[i] = (at, module.lines);
        set.placed[i] = Some(Placed {
            page: at,
            onward,
            pages: module.pages,
        });
    }
    if page.fill {
        turn_kickers(
            k,
            grid,
            (&on_page, jumps),
            (&mut set.placed, &mut set.lines),
        );
    }
    Ok(frames)
}

impl Set {
    /// The rest of an article, laid out on page `at`, joined to its first
    /// page: the module's second page, its lines on it.
    fn take_up(&mut self, a: &PageArticle, r: Rest, at: usize, module: super::Module) {
        let Some(placed) = self.placed[r.article].as_mut() else {
            return;
        };
        placed.onward.page = at;
        placed.pages.extend(module.pages);
        let lines = &mut self.lines[r.article].1;
        lines.extend(module.lines.into_iter().map(|mut l| {
            l.page += 1;
            l
        }));
        self.starts[r.article] = paragraph_pages(a.shaped, lines, (r.from, at));
    }
}

/// Each article's rank in the reading order: by the page it starts on,
/// then in edition order, except that an article cut on its page is read
/// last there: its text runs on over the page turn into its rest, which
/// opens the next page (the rests of earlier pages come first on a page).
fn reading_ranks(placed: &[Option<Placed>]) -> Vec<usize> {
    let key = |i: usize| match &placed[i] {
        Some(p) => (p.page, p.pages.len() > 1, i),
        None => (usize::MAX, false, i),
    };
    let mut by: Vec<usize> = (0..placed.len()).collect();
    by.sort_by_key(|&i| key(i));
    let mut rank = vec![0; placed.len()];
    for (r, &i) in by.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// The pages, each with the items of the modules on it in reading order
/// (`by_rank`: the articles in that order).
fn merge_pages(placed: Vec<Option<Placed>>, by_rank: &[usize]) -> Vec<Page> {
    let mut placed: Vec<Option<Placed>> = placed;
    let mut pages: Vec<Page> = Vec::new();
    for &i in by_rank {
        let Some(p) = placed[i].take() else { continue };
        for (k, mp) in p.pages.into_iter().enumerate() {
            // The first on its page, the rest from the continuation's.
            let at = if k == 0 {
                p.page
            } else {
                p.onward.page + k - 1
            };
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
    pages
}
