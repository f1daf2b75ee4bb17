//! The make-up's search on a band notched by a pin at a top corner (see
//! `Notch`), and the tables its passes share (`Tables`).

use super::super::makeup_search::{Notch, Tables, search, search_in};
use super::tests::{band, modules, no_overlap};
use super::*;

/// A band 81 slots deep over ten columns with a pin at its top right
/// corner: two columns, 40 slots deep (a serial box across a vertical
/// page's last two bands); the lead story in the corner beside it first
/// where `lead_first`.
fn pinned_band(lead_first: bool) -> Band {
    Band {
        notch: Some(Notch {
            first: 0,
            columns: 8,
            bottom: 40,
            lead_first,
        }),
        ..band(81, 10)
    }
}

/// Beside a pin at a top corner, the fullest page sets the second article
/// there and the lead story under it; asked to, the search keeps the
/// start corner for the lead, two lines short over eight columns.
#[test]
fn the_lead_story_takes_the_corner_beside_a_pin_when_asked_to() {
    let hs = vec![
        modules(10, &[(8, 38, 0), (10, 41, 0)]),
        modules(10, &[(8, 40, 0), (10, 41, 0)]),
    ];
    let at = |lead_first| {
        let band = pinned_band(lead_first);
        let m = search(&hs, &[false, false], band).0.expect("a page");
        no_overlap(&m.places);
        let lead = m.places[0].expect("the lead placed");
        (lead.column, lead.columns, lead.row)
    };
    assert_eq!(at(false), (0, 10, 40), "the fullest page");
    assert_eq!(at(true), (0, 8, 0), "the lead in the corner");
}

/// A lead story too deep for the rows beside a pin (a serial box pinned
/// across a vertical page's last two bands, a few dozen lines long): the
/// band cut down at the pin's side, the lead takes the start corner and
/// the columns beside the pin to the foot, another article under it, and
/// the third the columns under the pin, level with them. Cut across at
/// the pin's foot alone, no page holds the three whole (before, the lead
/// stood under the articles beside the pin, in the middle of the page).
#[test]
fn a_lead_too_deep_to_stand_beside_a_pin_takes_the_columns_beside_it_to_the_foot() {
    let hs = vec![
        modules(10, &[(8, 50, 0), (10, 40, 0)]),
        modules(10, &[(8, 31, 0), (10, 25, 0)]),
        modules(10, &[(2, 41, 0)]),
    ];
    let at = |lead_first| search(&hs, &[false; 3], pinned_band(lead_first)).0;
    assert!(at(false).is_none(), "cut across: {:?}", at(false));
    let m = at(true).expect("a page cut down");
    no_overlap(&m.places);
    let place = |i: usize| {
        let p = m.places[i].expect("placed");
        (p.column, p.columns, p.row, p.rows)
    };
    assert_eq!(place(0), (0, 8, 0, 50), "the lead in the corner: {m:?}");
    assert_eq!(place(1), (0, 8, 50, 31), "{m:?}");
    assert_eq!(place(2), (8, 2, 40, 41), "under the pin: {m:?}");
    assert_eq!(m.remainder, 0);
}

/// Cut down at a pin's side, the two parts end level: an article two
/// lines short of the foot beside the pin is stretched to it (white in its
/// own columns) rather than leave white beside the text under the pin, a
/// hole in the type area (a remainder is white across all the columns).
#[test]
fn cut_down_at_a_pin_the_parts_end_level() {
    let band = pinned_band(true);
    let hs = vec![
        modules(10, &[(8, 50, 0)]),
        modules(10, &[(8, 29, 0)]),
        modules(10, &[(2, 41, 0)]),
    ];
    let m = search(&hs, &[false; 3], band).0.expect("a page");
    let second = m.places[1].expect("placed");
    assert_eq!((second.row, second.rows), (50, 31), "{m:?}");
    assert_eq!(m.remainder, 0);
}

/// Both passes of a notched band (the lead in the start corner, then the
/// fuller page) search one table: the second takes the first's, and
/// finds the page the search alone finds.
#[test]
fn the_passes_beside_a_pin_search_one_table() {
    let hs = vec![
        modules(10, &[(8, 38, 0), (10, 41, 0)]),
        modules(10, &[(8, 40, 0), (10, 41, 0)]),
    ];
    let tables = Tables::default();
    let at = |lead_first| search_in(&tables, &hs, &[false; 2], pinned_band(lead_first));
    let (first, second) = (at(true), at(false));
    assert_eq!(tables.len(), 1, "one table for both passes");
    let alone = search(&hs, &[false; 2], pinned_band(false));
    let places = |m: &Option<MadeUp>| m.as_ref().map(|m| m.places.clone());
    assert_eq!(places(&second.0), places(&alone.0));
    assert_eq!(second.1, alone.1, "the effort of the table it stands on");
    assert_ne!(places(&first.0), places(&second.0), "the roots differ");
}

/// Cut down at a pin's side, an article under the pin that falls three
/// lines short of the foot even stretched by the slack stands a line
/// under the pin, its foot level with the columns beside it: the white
/// left under it, beside their text, was a hole at the page's foot
/// (gqv2-set02, under its serial box: 4 × 7 ems).
#[test]
fn under_a_pin_an_article_a_line_short_stands_a_line_under_it() {
    let hs = vec![
        modules(10, &[(8, 50, 0)]),
        modules(10, &[(8, 31, 0)]),
        modules(10, &[(2, 38, 0)]),
    ];
    let m = search(&hs, &[false; 3], pinned_band(true))
        .0
        .expect("a page");
    no_overlap(&m.places);
    let p = m.places[2].expect("placed");
    assert_eq!((p.column, p.columns), (8, 2), "under the pin: {m:?}");
    assert_eq!(
        (p.row, p.row + p.rows),
        (41, 81),
        "a line under the pin, to the foot: {m:?}"
    );
}

/// The summary counts the white beside a pin at a top corner: page-9 set
/// vertically, a news item 25 lines deep in the band beside the lead's
/// 35, said "100% of the free band filled".
#[test]
fn the_summary_counts_the_white_beside_a_pin() {
    let place = super::spread::tests::at;
    let band = Band {
        notch: Some(Notch {
            first: 6,
            columns: 1,
            bottom: 35,
            lead_first: true,
        }),
        ..super::tests::band(56, 7)
    };
    let m = MadeUp {
        places: vec![place(6, 1, 0, 25), place(0, 7, 35, 21)],
        remainder: 0,
        last_only: false,
        cost: 0,
    };
    assert_eq!(white_beside_pin(&m, band), 10);
    let effort = Effort {
        laid: 0,
        layout_ms: 0.0,
        states: 0,
        ms: 0.0,
    };
    let line = summary(&m, (band, band), &[], &effort);
    assert!(
        line.contains("10 line-columns white beside the pin"),
        "{line}"
    );
    // 182 line-columns beside and under the pin, 10 of them white.
    assert!(
        line.starts_with("fill: 95% of the free band filled"),
        "{line}"
    );
}
