//! Tests of the automatic make-up ([`super::makeup`]) and its search.
use super::super::makeup_search::{Notch, Place};
use super::super::variants::{Fit, Height, MIN_CUT};
use super::*;

pub(super) fn band(depth: u32, columns: u32) -> Band {
    Band {
        top: 0,
        bottom: depth,
        first: 0,
        columns,
        notch: None,
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
                shorts: [0; 2],
                head: 0,
                stretch: None,
            }]
        })
        .collect()
}

fn found(fits: &[Vec<Vec<Fit>>], cut: &[bool], columns: u32, depth: u32) -> MadeUp {
    search(fits, cut, band(depth, columns)).0.expect("a page")
}

pub(super) fn no_overlap(places: &[Option<Place>]) {
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
    let (m, effort) = search(&hs, &[false, false], band(100, 6));
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
        pool.install(|| search(&hs, &cut, band(120, 8)))
    };
    let ((one, e1), (two, e2)) = (on(1), on(2));
    let (one, two) = (one.expect("a page"), two.expect("a page"));
    assert_eq!(one.places, two.places);
    assert_eq!((one.cost, e1), (two.cost, e2));
    assert_eq!(Some(one.places), on(2).0.map(|m| m.places), "and again");
}

/// One module at each of `spans`: (span, rows, white along its foot).
pub(super) fn modules(columns: u32, spans: &[(u32, u32, u32)]) -> Vec<Vec<Fit>> {
    (1..=columns)
        .map(|w| {
            (spans.iter().filter(|m| m.0 == w))
                .map(|&(_, rows, foot)| Fit {
                    variant: 0,
                    height: Height::Rows(rows, MIN_CUT),
                    white: 0,
                    foot,
                    holes: 0,
                    shorts: [0; 2],
                    head: 0,
                    stretch: None,
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
        shorts: [0; 2],
        head: 0,
        stretch: None,
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
fn short_columns_in_a_slot_deeper_than_the_text_are_a_hole() {
    // A band 4 columns × 80: the first article beside the second, both
    // over the third. As written the first stands 38 rows on 2 columns,
    // one of them a line short, so that the two rows more it takes beside
    // the second (40) make that column's white three lines deep (gq-set36
    // of a fresh batch: a 6 × 4-em hole over the next band's rule); its
    // variant stands as deep with its columns level, and is chosen.
    let at = |span: u32, fits: Vec<Fit>| -> Vec<Vec<Fit>> {
        (1..=4)
            .map(|w| if w == span { fits.clone() } else { Vec::new() })
            .collect()
    };
    let fit = |variant, rows, shorts: [u32; 2]| Fit {
        variant,
        height: Height::Rows(rows, MIN_CUT),
        white: 0,
        foot: shorts[0] + 2 * shorts[1],
        holes: 0,
        head: 0,
        shorts,
        stretch: None,
    };
    let first = at(2, vec![fit(0, 38, [1, 0]), fit(1, 38, [0, 0])]);
    let (second, third) = (
        at(2, vec![fit(0, 40, [0, 0])]),
        at(4, vec![fit(0, 40, [0, 0])]),
    );
    let m = found(&[first, second, third], &[false; 3], 4, 80);
    assert_eq!(
        (m.remainder, m.places[0].map(|p| p.rows)),
        (0, Some(40)),
        "{m:?}"
    );
    assert_eq!(m.places[0].map(|p| p.variant), Some(1), "{m:?}");
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
            shorts: [0; 2],
            head: 0,
            stretch: None,
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
    let layout = crate::resolve::load_layout("broadsheet", None).expect("the broadsheet layout");
    let (docs, shaped) = (articles.iter())
        .map(|text| super::super::tests_lead::shaped(text.clone(), &layout))
        .unzip();
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
            held: None,
            breaks: None,
            alt: None,
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
    // route.png is 600 pixels wide: 117 ppi three broadsheet columns wide.
    let with = |image: &str| {
        let t = text("城市书房越开越多", 14);
        let t = t.replacen("第1段", &format!("![书房](figures/{image})\n\n第1段"), 1);
        set(&[t])
    };
    let s = with("route.png");
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
    // badge.png, 400 pixels, is 78 ppi three columns wide: two at most.
    let s = with("badge.png");
    let given = page_articles(&s, LeadPlacement::Column);
    let (v, _) = all_variants(&[&given[0]], &grid);
    let widths: Vec<_> = v[0].list.iter().filter_map(|x| x.figure).collect();
    assert_eq!(widths, [2], "{:?}", v[0].list);
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

/// A box pinned at a top corner, narrower than the page and not as deep
/// (a serial box across a vertical page's last two bands): the others
/// fill beside it and under it, none over it, the lead story beside it.
#[test]
fn a_module_pinned_at_a_corner_has_the_others_beside_and_under_it() {
    let notch = Notch {
        first: 0,
        columns: 8,
        bottom: 40,
        lead_first: false,
    };
    let band = Band {
        notch: Some(notch),
        ..band(81, 10)
    };
    // Beside the pin: 8 columns × 40 lines; under it: 10 × 41.
    let hs = vec![article(8 * 37, 10), article(10 * 38, 10)];
    let m = search(&hs, &[false, false], band).0.expect("a page");
    assert_eq!(m.remainder, 0, "{m:?}");
    no_overlap(&m.places);
    let (lead, under) = (m.places[0].unwrap(), m.places[1].unwrap());
    assert_eq!(
        (lead.column, lead.columns, lead.row, lead.rows),
        (0, 8, 0, 40)
    );
    assert_eq!((under.column, under.columns, under.row), (0, 10, 40));
    let pin = |p: &Place| p.column + p.columns > 8 && p.row < 40;
    assert!(!m.places.iter().flatten().any(pin), "{m:?}");
}

/// A vertical page (its columns are the bands down the page) that its
/// articles do not fill: they take the first bands whole, the white left
/// in the bands at the page's foot, not in a strip down all ten.
#[test]
fn articles_short_of_a_vertical_page_leave_its_last_bands_white() {
    // About three bands' worth of 80 lines, headlines included.
    let hs = vec![article(150, 10), article(80, 10)];
    let whole = [false, false];
    let strip = found(&hs, &whole, 10, 80);
    assert!(strip.remainder > 40, "across all ten: {strip:?}");
    let mut effort = 0;
    let (m, used) =
        in_fewest_columns(&hs, &whole, (band(80, 10), true), &mut effort).expect("a page");
    assert!(used.columns <= 4, "{used:?} {m:?}");
    no_overlap(&m.places);
    for p in m.places.iter().flatten() {
        assert!(
            p.column + p.columns <= used.columns && !p.continued,
            "{p:?}"
        );
    }
    assert!(m.remainder * used.columns < strip.remainder * 10, "{m:?}");
    assert!(effort > 0);
}

/// Articles that fill the vertical page keep the whole of it.
#[test]
fn articles_that_fill_a_vertical_page_keep_every_band() {
    let hs = vec![article(4 * 97, 6), article(2 * 97, 6)];
    let mut effort = 0;
    let (m, used) =
        in_fewest_columns(&hs, &[false, false], (band(100, 6), true), &mut effort).unwrap();
    assert_eq!((used.columns, m.remainder), (6, 0), "{m:?}");
}

/// A vertical page of rests: the first bands filled edge to edge (an
/// article two bands deep to the page's last line), the short rest in
/// the band under them, the white after it in that band and in the
/// empty bands at the page's foot, not a strip at the left of both.
#[test]
fn rests_fill_the_first_bands_edge_to_edge_and_end_in_the_last() {
    let hs = vec![article(2 * 77, 10), article(30, 10)];
    let whole = [false, false];
    let (_, stacked, _) = search_rests(&hs, &whole, band(80, 10), true);
    let (m, taken) = stacked.expect("a page");
    assert_eq!(taken, 3, "{m:?}");
    let (a, b) = (m.places[0].unwrap(), m.places[1].unwrap());
    assert_eq!((a.column, a.columns, a.row, a.rows), (0, 2, 0, 80), "{m:?}");
    assert_eq!((b.column, b.columns, b.row), (2, 1, 0), "{m:?}");
    assert_eq!((m.remainder, m.last_only), (80 - b.rows, true));
    no_overlap(&m.places);
}

/// A box on a grid of its own stretched further than its lines spread
/// (a narrow horizontal box on a vertical page: a slot wider leaves
/// several of its lines white) is charged the white inside its rule as a
/// hole; within its spread, only as the slots' white.
#[test]
fn a_box_stretched_past_its_spread_is_charged_a_hole() {
    let at = |stretch| {
        let mut boxed = modules(10, &[(5, 8, 0)]);
        boxed[4][0].stretch = Some(stretch);
        let hs = vec![
            modules(10, &[(10, 30, 0)]),
            boxed,
            modules(10, &[(5, 10, 0)]),
        ];
        let m = search(&hs, &[false; 3], band(40, 10)).0.expect("a page");
        let b = m.places[1].expect("placed");
        (b.rows, m.white_inside())
    };
    let (spread, within) = at(2);
    let (past, charged) = at(0);
    assert_eq!((spread, past), (10, 10), "the page filled either way");
    assert_eq!(charged, within + 8, "a hole: eight line-columns");
}

/// Headlines run together in a chain — the second article's beside the
/// fourth's, the fourth's beside the third's, all of one size: the second
/// goes into its alternate face, and the third rather than the fourth
/// (set in that face beside the second's, the fourth's ran on into it:
/// v-set00).
#[test]
fn headlines_run_together_in_a_chain_alternate_their_faces() {
    use crate::model::LeadPlacement;
    let s = set(&[
        text("头条", 8),
        text("二条", 8),
        text("三条", 8),
        text("四条", 8),
    ]);
    let alts: Vec<crate::shape::ShapedDoc> = s.shaped.clone();
    let mut articles = page_articles(&s, LeadPlacement::Auto);
    for (a, alt) in articles.iter_mut().zip(&alts) {
        a.alt = Some(alt);
    }
    articles[0].placement.lead_story = true;
    let size = crate::units::Pt(41.8);
    let pairs = [[(1, size), (3, size)], [(3, size), (2, size)]];
    let faced =
        crate::compose::edition::tries::other_faces(&articles, &pairs).expect("faces turned");
    let turned: Vec<bool> = (faced.iter().zip(&alts))
        .map(|(a, alt)| std::ptr::eq(a.shaped, alt))
        .collect();
    assert_eq!(turned, [false, true, true, false]);
}

#[test]
fn a_cut_module_whose_headline_leaves_holes_is_not_chosen() {
    // An article taller than the page, cut at any variant: as written its
    // headline's short second line leaves white at both ends (gq-set32 of
    // a fresh batch, 5 × 4 ems each); a variant's headline on one line
    // leaves none, and is chosen though it comes second.
    let cut = |variant, head| Fit {
        variant,
        height: Height::Tall(MIN_CUT),
        white: 0,
        foot: 0,
        holes: head,
        head,
        shorts: [0; 2],
        stretch: None,
    };
    let fits: Vec<Vec<Fit>> = (1..=6)
        .map(|w| match w {
            6 => vec![cut(0, 2), cut(1, 0)],
            _ => Vec::new(),
        })
        .collect();
    let m = found(&[fits], &[true], 6, 100);
    let p = m.places[0].expect("the article placed");
    assert_eq!((p.variant, p.columns, p.rows), (1, 6, 100), "{m:?}");
}
