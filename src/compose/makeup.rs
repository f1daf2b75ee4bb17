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
//! left, and it is as wide as the rest allows. Variants cost nothing of
//! their own: of two modules alike the article as written is kept.

use super::makeup_search::{Band, MadeUp, search};
use super::page::{PageArticle, size};
use super::variants::{Variant, Variants, all_variants, height_at};
use crate::error::Warning;
use crate::model::Grid;

/// A page's make-up before its search: the band, the articles searched
/// (those not pinned) and their modules, each laid out once; a retry
/// (see [`choose`]'s `avoid`) searches them again without laying any out.
pub struct Prepared {
    band: Band,
    searched: Vec<usize>,
    variants: Vec<Variants>,
    sizes: Vec<usize>,
    /// Modules laid out (none when every article's variants were an
    /// earlier build's).
    pub laid: usize,
    layout_ms: f64,
    start: std::time::Instant,
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
/// edition's article continued from the page before).
pub fn prepare(articles: &[PageArticle], grid: &Grid, taken: u32) -> Prepared {
    let start = std::time::Instant::now();
    let mut band = free_band(articles, grid);
    band.top = band.top.max(taken);
    band.bottom = band.bottom.max(band.top);
    let searched: Vec<usize> = (0..articles.len())
        .filter(|&i| !pinned(&articles[i]))
        .collect();
    let refs: Vec<&PageArticle> = searched.iter().map(|&i| &articles[i]).collect();
    let (variants, laid) = all_variants(&refs, grid);
    let sizes: Vec<usize> = refs.iter().map(|a| size(a)).collect();
    Prepared {
        band,
        searched,
        variants,
        sizes,
        laid,
        layout_ms: ms(start),
        start,
    }
}

/// Whether the manifest pins the article (`column` and `row` given): the
/// search works around it.
pub(super) fn pinned(a: &PageArticle) -> bool {
    a.placement.column.is_some() && a.placement.row.is_some()
}

/// The page made up: the articles with the places and variants the search
/// chose (the pinned ones — `column` and `row` given — as they were) and
/// a summary for stderr. Without an arrangement the
/// articles keep their placement. The modules in `avoid` are charged as
/// holes of [`MET`] line-columns.
pub fn choose<'a>(
    articles: &[PageArticle<'a>],
    grid: &Grid,
    prep: &Prepared,
    avoid: &[Avoid],
) -> (Vec<PageArticle<'a>>, Warning) {
    let band = prep.band;
    let fits: Vec<Vec<Vec<_>>> = (prep.searched.iter().zip(&prep.variants))
        .map(|(&i, v)| {
            let mut fits = v.fits.clone();
            for a in avoid.iter().filter(|a| a.article == i) {
                let Some(at) = fits.get_mut(a.columns as usize - 1) else {
                    continue;
                };
                for f in at.iter_mut().filter(|f| v.list[f.variant] == a.variant) {
                    f.holes += MET;
                }
            }
            fits
        })
        .collect();
    // Continue as few articles as needed, the last ones first.
    let n = prep.searched.len();
    let mut effort = 0;
    let found = (0..=n).find_map(|k| {
        let (m, tried) = search(&fits, &cuttable(&prep.sizes, k), grid.columns, band);
        effort += tried;
        m
    });
    let mut out: Vec<PageArticle<'a>> = articles.iter().map(PageArticle::copy).collect();
    let effort = Effort {
        laid: prep.laid,
        layout_ms: prep.layout_ms,
        states: effort,
        ms: ms(prep.start),
    };
    let Some(m) = found else {
        let message = format!(
            "fill: no arrangement of the {n} articles fits the page ({}); placed largest first",
            effort.line()
        );
        return (out, warning(message));
    };
    // A box pinned under the band stands its top edge in the band's last
    // slot, white under every module the search puts there.
    for a in out.iter_mut().filter(|a| pinned(a) && a.placement.boxed) {
        a.placement.edge_above = a.placement.row == Some(band.bottom) && band.bottom > band.top;
    }
    for (j, &i) in prep.searched.iter().enumerate() {
        if let Some(p) = m.places[j] {
            let chosen = prep.variants[j].list[p.variant];
            let pl = &mut out[i].placement;
            pl.column = Some(p.column);
            pl.columns = Some(p.columns);
            pl.row = Some(p.row);
            // A module cut to continue fills its frame to the last slot:
            // the frame stops a slot short, where the rule under it runs.
            pl.rows = Some(if p.continued { p.rows - 1 } else { p.rows });
            pl.lead = chosen.lead;
            pl.figure = chosen.figure;
        }
    }
    let summary = summary(&m, band, &prep.variants, &effort);
    (out, warning(summary))
}

/// [`prepare`] and [`choose`] with nothing to avoid.
#[cfg(test)]
pub fn make_up<'a>(
    articles: &[PageArticle<'a>],
    grid: &Grid,
    taken: u32,
) -> (Vec<PageArticle<'a>>, Warning, usize) {
    let prep = prepare(articles, grid, taken);
    let (out, summary) = choose(articles, grid, &prep, &[]);
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

/// The summary line: the share of the band filled, articles continued,
/// the variants chosen other than as written, the effort and the cost.
fn summary(m: &MadeUp, band: Band, variants: &[Variants], effort: &Effort) -> String {
    let depth = band.bottom - band.top;
    let continued = m.places.iter().flatten().filter(|p| p.continued).count();
    let chosen: Vec<Variant> = (m.places.iter().zip(variants))
        .filter_map(|(p, v)| p.map(|p| (p.variant, v)))
        .filter(|&(k, _)| k > 0)
        .map(|(k, v)| v.list[k])
        .collect();
    let leads = chosen.iter().filter(|v| v.lead.is_across()).count();
    let figures = chosen.iter().filter(|v| v.figure.is_some()).count();
    format!(
        "fill: {:.0}% of the free band filled ({} of {depth} lines; {} left at the foot), {continued} article(s) continued, {leads} lead(s) set across, {figures} article(s) with wider figures; {}, cost {}",
        100.0 * (depth - m.remainder) as f64 / depth.max(1) as f64,
        depth - m.remainder,
        m.remainder,
        effort.line(),
        m.cost
    )
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

/// The band the search fills: under the pinned modules at the page's top,
/// above the highest pinned module below them.
fn free_band(articles: &[PageArticle], grid: &Grid) -> Band {
    let mut band = Band {
        top: 0,
        bottom: grid.lines,
    };
    for a in articles {
        let (Some(c), Some(r)) = (a.placement.column, a.placement.row) else {
            continue;
        };
        if r > 0 {
            band.bottom = band.bottom.min(r);
            continue;
        }
        // Only a pin at the top needs its height (a module laid out).
        let span = a.placement.columns.unwrap_or(grid.columns - c);
        let written = Variant {
            lead: a.placement.lead,
            figure: a.placement.figure,
        };
        let rows = a
            .placement
            .rows
            .or_else(|| height_at(a, written, grid, span))
            .unwrap_or(grid.lines);
        band.top = band.top.max(rows);
    }
    band.bottom = band.bottom.max(band.top);
    band
}

#[cfg(test)]
mod tests {
    use super::super::makeup_search::Place;
    use super::super::variants::{Fit, Height, MIN_CUT};
    use super::*;

    fn band(depth: u32) -> Band {
        Band {
            top: 0,
            bottom: depth,
        }
    }

    /// Heights of an article of `area` line-columns: area / w rounded up,
    /// plus a 3-line headline; its one variant, as written.
    fn article(area: u32, columns: u32) -> Vec<Vec<Fit>> {
        (1..=columns)
            .map(|w| {
                vec![Fit {
                    variant: 0,
                    height: Height::Rows(area.div_ceil(w) + 3, MIN_CUT),
                    white: 0,
                    foot: 0,
                    holes: 0,
                }]
            })
            .collect()
    }

    fn found(fits: &[Vec<Vec<Fit>>], cut: &[bool], columns: u32, depth: u32) -> MadeUp {
        search(fits, cut, columns, band(depth)).0.expect("a page")
    }

    fn no_overlap(places: &[Option<Place>]) {
        let p: Vec<Place> = places.iter().flatten().copied().collect();
        for (i, a) in p.iter().enumerate() {
            for b in &p[i + 1..] {
                let apart = a.column + a.columns <= b.column
                    || b.column + b.columns <= a.column
                    || a.row + a.rows <= b.row
                    || b.row + b.rows <= a.row;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn two_articles_that_fill_the_page_are_set_whole_and_flush() {
        // 6 columns × 100 lines: chosen so that 4 + 2 columns fill.
        let hs = vec![article(4 * 97, 6), article(2 * 97, 6)];
        let m = found(&hs, &[false, false], 6, 100);
        assert_eq!(m.remainder, 0, "{m:?}");
        no_overlap(&m.places);
        let lead = m.places[0].unwrap();
        assert_eq!(
            (lead.column, lead.row),
            (0, 0),
            "the lead story at the top left"
        );
        assert!(m.places.iter().flatten().all(|p| !p.continued));
    }

    #[test]
    fn too_much_text_continues_the_last_article_and_fills_the_page() {
        let hs = vec![article(6 * 60, 6), article(6 * 90, 6)];
        let m = found(&hs, &[false, true], 6, 100);
        assert_eq!(m.remainder, 0, "{m:?}");
        no_overlap(&m.places);
        assert!(m.places[1].unwrap().continued);
        assert!(!m.places[0].unwrap().continued);
    }

    #[test]
    fn without_continuation_the_smallest_remainder_is_left_at_the_foot() {
        let hs = vec![article(6 * 40, 6), article(6 * 20, 6)];
        let m = found(&hs, &[false, false], 6, 100);
        assert!(m.remainder > 0);
        let used: u32 = (m.places.iter().flatten())
            .map(|p| p.row + p.rows)
            .max()
            .unwrap();
        assert_eq!(used + m.remainder, 100);
    }

    #[test]
    fn more_text_than_the_band_holds_is_no_page_without_a_cut() {
        // Two articles of a whole band each: no arrangement, found early.
        let hs = vec![article(6 * 90, 6), article(6 * 90, 6)];
        let (m, effort) = search(&hs, &[false, false], 6, band(100));
        assert!(m.is_none());
        assert!(effort > 0, "the leaves are counted");
    }

    /// About the page's 8 × 120 line-columns, headlines included.
    fn eight() -> (Vec<Vec<Vec<Fit>>>, Vec<bool>) {
        let areas = [260, 170, 120, 100, 80, 70, 60, 50];
        let hs: Vec<_> = areas.iter().map(|&a| article(a, 8)).collect();
        let cut: Vec<bool> = (0..8).map(|i| i == 7).collect();
        (hs, cut)
    }

    #[test]
    fn eight_articles_are_searched_and_placed_apart() {
        let (hs, cut) = eight();
        let m = found(&hs, &cut, 8, 120);
        no_overlap(&m.places);
        assert!(m.places.iter().all(Option::is_some));
        assert_eq!(m.places[0].unwrap().row, 0);
    }

    #[test]
    fn the_same_articles_make_the_same_page_on_any_number_of_threads() {
        let (hs, cut) = eight();
        let on = |threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            pool.install(|| search(&hs, &cut, 8, band(120)))
        };
        let ((one, e1), (two, e2)) = (on(1), on(2));
        let (one, two) = (one.expect("a page"), two.expect("a page"));
        assert_eq!(one.places, two.places);
        assert_eq!((one.cost, e1), (two.cost, e2));
        assert_eq!(Some(one.places), on(2).0.map(|m| m.places), "and again");
    }

    /// One module at each of `spans`: (span, rows, white along its foot).
    fn modules(columns: u32, spans: &[(u32, u32, u32)]) -> Vec<Vec<Fit>> {
        (1..=columns)
            .map(|w| {
                (spans.iter().filter(|m| m.0 == w))
                    .map(|&(_, rows, foot)| Fit {
                        variant: 0,
                        height: Height::Rows(rows, MIN_CUT),
                        white: 0,
                        foot,
                        holes: 0,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_module_with_a_hole_under_a_column_loses_to_a_flat_one_filling_less() {
        // One article on 4 columns: as written its figure stands 20 lines
        // deep beside columns ending 10 lines short (a hole); in its other
        // variant it is 16 deep and flat. More area with the hole counts
        // as more filled without the hole's weight.
        let flat = |variant, rows, white, holes| Fit {
            variant,
            height: Height::Rows(rows, MIN_CUT),
            white,
            foot: white,
            holes,
        };
        let fits = vec![
            (1..=4)
                .map(|w| match w {
                    4 => vec![flat(0, 20, 10, 10), flat(1, 16, 0, 0)],
                    _ => Vec::new(),
                })
                .collect::<Vec<_>>(),
        ];
        let m = found(&fits, &[false], 4, 40);
        assert_eq!(m.places[0].map(|p| p.variant), Some(1));
    }

    #[test]
    fn white_at_a_modules_foot_is_not_stacked_over_another() {
        // Across the page the lead ends with short columns (6 line-columns
        // of white) over the second article's headline: the modules side
        // by side, each flat-footed, fill the page too and are chosen,
        // though the lead is then narrower.
        let lead = modules(6, &[(6, 40, 6), (3, 100, 0)]);
        let second = modules(6, &[(6, 60, 0), (3, 100, 0)]);
        let m = found(&[lead, second], &[false, false], 6, 100);
        let p: Vec<Place> = m.places.iter().flatten().copied().collect();
        assert_eq!((p[0].columns, p[1].columns), (3, 3), "{m:?}");
        // At the page's foot the same white is no hole: stacked the other
        // way (the ragged one under), the lead across is kept.
        let lead = modules(6, &[(6, 40, 0), (3, 100, 0)]);
        let second = modules(6, &[(6, 60, 6), (3, 100, 0)]);
        let m = found(&[lead, second], &[false, false], 6, 100);
        assert_eq!(m.places[0].unwrap().columns, 6, "{m:?}");
    }

    #[test]
    fn a_variant_is_chosen_where_it_fills_the_page() {
        // As written the article stands 90 lines at any span; a variant
        // (say its lead across the module) stands 100 at six columns,
        // which fills the band. A variant no taller is not chosen.
        let mut hs = article(6 * 87, 6);
        for (w, fits) in hs.iter_mut().enumerate() {
            fits[0].height = Height::Rows(90, MIN_CUT);
            let h = if w == 5 { 100 } else { 80 };
            fits.push(Fit {
                variant: 1,
                height: Height::Rows(h, MIN_CUT),
                white: 0,
                foot: 0,
                holes: 0,
            });
        }
        let m = found(&[hs.clone()], &[false], 6, 100);
        let p = m.places[0].unwrap();
        assert_eq!((p.variant, p.columns, m.remainder), (1, 6, 0), "{m:?}");
        // Where the written one fills as well, it is kept.
        for fits in &mut hs {
            fits[0].height = Height::Rows(100, MIN_CUT);
        }
        let m = found(&[hs], &[false], 6, 100);
        assert_eq!(m.places[0].unwrap().variant, 0, "{m:?}");
    }

    /// Articles as a manifest would give them, set on the broadsheet with
    /// the bundled fonts: (markdown, lead placement) each.
    struct Set {
        layout: crate::resolve::Layout,
        docs: Vec<crate::resolve::Doc>,
        shaped: Vec<crate::shape::ShapedDoc>,
    }

    fn set(articles: &[String]) -> Set {
        use crate::resolve::{FontBook, load_layout, resolve_doc};
        use crate::shape::{Shaper, prepare_fallbacks, shape_doc};
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/t.md");
        let layout = load_layout("broadsheet", None).expect("the broadsheet layout");
        let mut book = FontBook::new(&[], false).expect("the bundled fonts");
        let roles = book.resolve_roles(&layout).expect("fonts for every role");
        let (mut docs, mut shaped) = (Vec::new(), Vec::new());
        for text in articles {
            let a =
                crate::parse::parse_article(&path, text.clone().into_bytes()).expect("an article");
            let doc = resolve_doc(&a, &layout, &roles, None).expect("resolved");
            let fb = prepare_fallbacks(&doc, &mut book, &mut Vec::new());
            let mut shaper = Shaper::new(&book, &doc.lang, fb);
            shaped.push(shape_doc(&doc, &mut shaper));
            docs.push(doc);
        }
        Set {
            layout,
            docs,
            shaped,
        }
    }

    fn page_articles(s: &Set, lead: crate::model::LeadPlacement) -> Vec<PageArticle<'_>> {
        let at = crate::source::Located::new(
            std::path::Path::new("p.toml"),
            crate::source::Loc { line: 1, col: 1 },
        );
        (0..s.docs.len())
            .map(|i| PageArticle {
                doc: &s.docs[i],
                shaped: &s.shaped[i],
                layout: &s.layout,
                placement: super::super::Placement {
                    lead,
                    ..Default::default()
                },
                at: at.clone(),
                recall: None,
                rest: None,
            })
            .collect()
    }

    /// An article of `paragraphs` paragraphs of about 60 characters, with
    /// a lead of about 120.
    fn text(title: &str, paragraphs: usize) -> String {
        let lead = "三年前，这座城市只有一座市图书馆和七座区馆。到今年十月，街道和社区里已经开起六十二间城市书房，面积不大，刷身份证就能进门，从早上八点开到晚上十点。";
        let mut s = format!("+++\ntitle = \"{title}\"\nlead = \"\"\"\n{lead}\n\"\"\"\n+++\n");
        for i in 0..paragraphs {
            s.push_str(&format!(
                "第{i}段。早上七点五十分，书房门口已经有人在等。退休教师每天这个时候来，先看报，再挑两本书带回家。\n\n"
            ));
        }
        s
    }

    #[test]
    fn an_open_lead_is_a_variant_of_its_own_height_and_a_given_one_is_not() {
        use crate::model::LeadPlacement;
        let s = set(&[text("城市书房越开越多", 12)]);
        let grid = s.layout.grid_for(s.docs[0].writing);
        let open = page_articles(&s, LeadPlacement::Auto);
        let (v, laid) = all_variants(&[&open[0]], &grid);
        assert_eq!(v[0].list.len(), 2, "{:?}", v[0].list);
        assert!(v[0].list[1].lead.is_across());
        // Somewhere the lead across the module changes the module's height.
        let differs = (v[0].fits.iter()).any(|f| {
            let h = |k| f.iter().find(|x| x.variant == k).map(|x| x.height);
            matches!((h(0), h(1)), (Some(Height::Rows(a, _)), Some(Height::Rows(b, _))) if a != b)
        });
        assert!(differs, "{:?}", v[0].fits);
        let written = (v[0].fits.iter())
            .filter(|f| f.iter().any(|x| x.variant == 0))
            .count();
        assert!(laid > written, "variants laid out too");
        let given = page_articles(&s, LeadPlacement::Column);
        let (v, _) = all_variants(&[&given[0]], &grid);
        assert_eq!(v[0].list.len(), 1, "a lead the manifest places stays");
    }

    #[test]
    fn a_free_figure_is_tried_two_and_three_columns_wide_never_wider_than_its_module() {
        use crate::model::LeadPlacement;
        let mut t = text("城市书房越开越多", 14);
        t = t.replacen("第1段", "![书房](figures/badge.png)\n\n第1段", 1);
        let s = set(&[t]);
        let grid = s.layout.grid_for(s.docs[0].writing);
        let given = page_articles(&s, LeadPlacement::Column);
        let (v, _) = all_variants(&[&given[0]], &grid);
        let wide = |k: u32| v[0].list.iter().position(|x| x.figure == Some(k));
        let (two, three) = (wide(2).expect("2 wide"), wide(3).expect("3 wide"));
        let at = |span: usize, k: usize| v[0].fits[span - 1].iter().any(|f| f.variant == k);
        assert!(at(2, two) && !at(2, three), "{:?}", v[0].fits[1]);
        assert!(
            (3..=grid.columns as usize).any(|w| at(w, three)),
            "{:?}",
            v[0].fits
        );
    }

    #[test]
    fn a_page_is_made_up_alike_on_one_thread_and_on_two() {
        use crate::model::LeadPlacement;
        let s = set(&[
            text("头条", 30),
            text("二条", 14),
            text("三条", 8),
            text("简讯", 3),
        ]);
        let grid = s.layout.grid_for(s.docs[0].writing);
        let articles = page_articles(&s, LeadPlacement::Auto);
        let on = |threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            let (out, summary, _) = pool.install(|| make_up(&articles, &grid, 0));
            let places: Vec<_> = out.iter().map(|a| a.placement).collect();
            // The summary without its times (a number, then "ms").
            let all: Vec<&str> = summary.message.split_whitespace().collect();
            let words: Vec<&str> = (0..all.len())
                .filter(|&k| !all[k].starts_with("ms"))
                .filter(|&k| !all.get(k + 1).is_some_and(|w| w.starts_with("ms")))
                .map(|k| all[k])
                .collect();
            let words = words.join(" ");
            (places, words)
        };
        let one = on(1);
        assert!(one.0.iter().all(|p| p.column.is_some()), "{:?}", one.1);
        // Every article is set in a variant it has: its lead as given or
        // across the module.
        assert!(
            one.0
                .iter()
                .all(|p| p.lead == LeadPlacement::Auto || p.lead.is_across())
        );
        assert_eq!(one, on(2));
    }
}
