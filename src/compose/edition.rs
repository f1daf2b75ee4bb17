//! An edition: several newspaper pages set in order as one run, with
//! consecutive folios (a single page manifest is an edition of one). Each
//! page is made up as a page is (placed, or filled by the make-up); an
//! article cut on a page goes on at the top of the edition's next page,
//! across its columns and balanced, with both jump lines, and that page's
//! own articles are set in the band under it. After the edition's last
//! page, a cut article goes on over extra whole pages.

use std::ops::Range;

use super::items::SetLine;
use super::kickers::{OnPage, turn_kickers};
use super::makeup::pinned;
use super::page::{
    ComposedPages, PageArticle, PageOptions, Placed, Placement, Rest, overflow, paragraph_pages,
    place_article, placement_order, size, spans,
};
use super::sheets::Sheets;
use super::{Frame, Page};
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
    /// Articles a made-up page held over whole (see `makeup::hold`): the
    /// page they go on and the article.
    held: Vec<(usize, usize)>,
}

/// Lays out an edition's pages in order: `articles` are all its articles,
/// page after page; `pages` says which are on each page.
///
/// Where an article a page held over (`makeup::hold`) is cut again on the
/// page it went to, the edition is set once more without holding, and
/// that is kept where it takes fewer pages: holding is to spare a page
/// its stubs, not to add a page for a few lines of one article (three
/// of the 160 generated sets ended on a page 3 a tenth full).
pub fn compose_edition(
    articles: &[PageArticle],
    pages: &[EditionPage],
    grid: &Grid,
    jumps: &mut PageOptions,
    warnings: &mut Vec<Warning>,
) -> Result<ComposedPages> {
    let said = warnings.len();
    let (held, cut_again) = set_edition(articles, pages, grid, jumps, warnings)?;
    if !cut_again || !jumps.hold {
        return Ok(held);
    }
    let mut plain_said = Vec::new();
    jumps.hold = false;
    let plain = set_edition(articles, pages, grid, jumps, &mut plain_said);
    jumps.hold = true;
    match plain {
        Ok((plain, _)) if plain.pages.len() < held.pages.len() => {
            warnings.truncate(said);
            warnings.extend(plain_said);
            Ok(plain)
        }
        _ => Ok(held),
    }
}

/// [`compose_edition`] as the options say (holding or not), and whether
/// an article held over was cut again.
fn set_edition(
    articles: &[PageArticle],
    pages: &[EditionPage],
    grid: &Grid,
    jumps: &mut PageOptions,
    warnings: &mut Vec<Warning>,
) -> Result<(ComposedPages, bool)> {
    let mut sheets = Sheets::new(grid.columns, pages.len());
    let mut set = Set {
        placed: articles.iter().map(|_| None).collect(),
        starts: articles.iter().map(|_| Vec::new()).collect(),
        lines: articles.iter().map(|_| (0, Vec::new())).collect(),
        continued: Vec::new(),
        composed: Vec::new(),
        rests: Vec::new(),
        figures: articles.iter().map(|_| None).collect(),
        held: Vec::new(),
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
                let rests = set.rests.iter().map(|&(at, _)| at);
                let held = set.held.iter().map(|&(at, _)| at);
                let extra = rests.chain(held).filter(|&at| at >= k);
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
    let cut_again = (set.continued.iter()).any(|c| set.held.iter().any(|&(_, i)| i == c.article));
    let pages = merge_pages(set.placed, &by_rank);
    let recalled = (0..pages.len())
        .map(|k| !set.composed.contains(&k))
        .collect();
    Ok((
        ComposedPages {
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
            white_lines: (sheets.taken.iter())
                .map(|t| super::sheets::white_lines(t, grid.lines))
                .collect(),
            continued: set.continued,
        },
        cut_again,
    ))
}

/// A page of the edition being made up: its index `k`, its manifest
/// entry, the slots at its top taken across (an article continued onto
/// it) and the state every make-up of it changes.
struct OnSheet<'e, 'p> {
    k: usize,
    page: &'e EditionPage,
    taken: u32,
    grid: &'e Grid,
    sheets: &'e mut Sheets,
    jumps: &'e mut PageOptions<'p>,
    set: &'e mut Set,
    warnings: &'e mut Vec<Warning>,
}

#[path = "edition_tries.rs"]
pub(super) mod tries;

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
    // Places past the grid are errors before any is laid out (the make-up
    // reads a pin's columns first: column = 30 on 8 aborted it).
    for a in &all[page.articles.clone()] {
        let span = a.placement.columns.unwrap_or(1);
        super::page::check_columns(a, span, grid)?;
    }
    let own: Vec<PageArticle> = (all[page.articles.clone()].iter())
        .map(|a| on_page(a, grid))
        .collect();
    if !page.fill {
        place_all(&own, (k, page), grid, (sheets, jumps), set, warnings)?;
        return Ok(());
    }
    let ranked = ranked(all, (k, page, grid), set);
    let taken = sheets.height(k, 0, grid.columns);
    let mut on = OnSheet {
        k,
        page,
        taken,
        grid,
        sheets,
        jumps,
        set,
        warnings,
    };
    tries::make_up(&ranked, &mut on)
}

/// The articles page `k`'s make-up places: its own, the first not pinned
/// its lead story, then those the page before held over (its own too),
/// then the rests cut on the pages before that go on on it (a
/// continuation goes where it fits).
fn ranked<'a>(
    all: &[PageArticle<'a>],
    (k, page, grid): (usize, &EditionPage, &Grid),
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
    let own = (all[page.articles.clone()].iter()).map(|a| on_page(a, grid));
    let held = (set.held.iter())
        .filter(|(onto, _)| *onto == k)
        .map(|&(_, i)| PageArticle {
            held: Some(i),
            ..on_page(&all[i], grid)
        });
    let mut ranked: Vec<PageArticle> = own.chain(held).chain(rests).collect();
    // Not an article held over: on the pages after the edition it would
    // lead with a banner larger than the front page's lead (a
    // compositor's review: 80 pt over page 1's 56).
    let own = |a: &&mut PageArticle| !pinned(a) && a.rest.is_none() && a.held.is_none();
    if let Some(a) = ranked.iter_mut().find(own) {
        a.placement.lead_story = true;
    }
    ranked
}

/// `a` as its page places it: a foot pin turned into its row.
fn on_page<'a>(a: &PageArticle<'a>, grid: &Grid) -> PageArticle<'a> {
    let mut a = a.copy();
    super::page::at_foot(&mut a, grid);
    a
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
    // Each module in its given frame laid out at once, on two threads.
    super::ahead::lay_out_ahead(articles, (k, grid), sheets, jumps);
    let sizes: Vec<usize> = articles.iter().map(size).collect();
    let given: Vec<Option<u32>> = articles.iter().map(|a| a.placement.columns).collect();
    let spans = spans(&sizes, &given, grid.columns);
    let mut on_page = Vec::new();
    let mut frames = Vec::new();
    for j in placement_order(articles) {
        let a = &articles[j];
        if a.placement.held {
            let i = a.held.unwrap_or(page.articles.start + j);
            hold_over(a, (i, k), jumps, set, warnings);
            continue;
        }
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
        let i = a.held.unwrap_or(page.articles.start + j);
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

/// Article `a` (the edition's `i`) held over whole from page `k` to the
/// next: said on stderr, at the article.
fn hold_over(
    a: &PageArticle,
    (i, k): (usize, usize),
    jumps: &PageOptions,
    set: &mut Set,
    warnings: &mut Vec<Warning>,
) {
    set.held.push((k + 1, i));
    let title = &a.doc.title;
    warnings.push(Warning {
        location: Some(a.at.clone()),
        message: format!(
            "\"{title}\" is held over whole to page {}: page {} is full (its articles would cut a third one, or one after a few lines)",
            jumps.first_number as usize + k + 1,
            jumps.first_number as usize + k,
        ),
    });
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
