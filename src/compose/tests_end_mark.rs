//! An installment's end mark (（未完待续）) set on the line of the body's
//! last words where that line leaves it room, flush with the line's end;
//! on a line of its own under a line that does not. In a box on a grid of
//! its own (the other writing mode than the page's), both ways round, on
//! real fonts.

use super::tests_boxes::boxed_module;
use super::tests_lead::shaped;
use super::*;
use crate::model::{Grid, Writing};
use crate::resolve::load_layout;

/// Words for a last paragraph: the first `n` and a full stop.
const WORDS: &str =
    "老艄公把船撑回岸边林秋这才明白他说的最后一趟原来只是今夜的最后一趟明早天亮以后还有头一趟";

fn sentence(n: usize) -> String {
    WORDS.chars().take(n).chain(['。']).collect()
}

/// A body whose last paragraph is `last`, closed by the end mark.
fn installment(writing: Writing, last: &str) -> String {
    let w = if writing == Writing::Vertical {
        "vertical"
    } else {
        "horizontal"
    };
    let mut s = format!("+++\ntitle = \"雪夜过渡口\"\nwriting = \"{w}\"\n+++\n");
    for i in 0..6 {
        s.push_str(&format!(
            "第{i}段。雪是半夜下起来的，渡口的灯只剩一盏，挂在船篷底下，被风吹得来回晃。\n\n"
        ));
    }
    s.push_str(&format!("{last}\n\n（未完待续）\n"));
    s
}

/// The installment set in a box three columns wide on a tabloid page of
/// the other writing mode: its text runs, their text with the block
/// position of their line and their inline extent (vertical text: x from
/// the right, y down).
fn boxed(writing: Writing, last: &str) -> Vec<(String, f64, (f64, f64))> {
    let layout = load_layout("tabloid", None).unwrap();
    let (doc, shaped) = shaped(installment(writing, last), &layout);
    let other = match writing {
        Writing::Vertical => Writing::Horizontal,
        Writing::Horizontal => Writing::Vertical,
    };
    let page: Grid = layout.grid_for(other);
    let m = boxed_module((&doc, &shaped), &layout, &page, (3, 40)).expect("the box");
    assert_eq!(m.pages.len(), 1, "the box holds the installment");
    let mut out = Vec::new();
    for item in &m.pages[0].items {
        let PageItem::Text(r) = item else { continue };
        let (Some(a), Some(b)) = (r.glyphs.first(), r.glyphs.last()) else {
            continue;
        };
        out.push(match writing {
            Writing::Vertical => (r.text.clone(), -a.x.0, (a.y.0, (b.y + b.advance).0)),
            Writing::Horizontal => (r.text.clone(), a.y.0, (a.x.0, (b.x + b.advance).0)),
        });
    }
    out
}

/// How many characters of [`WORDS`] the last paragraph's first line and
/// a full line after it hold, as set.
fn per_line(writing: Writing) -> (usize, usize) {
    let runs = boxed(writing, &sentence(40));
    let first = (runs.iter())
        .position(|r| r.0.starts_with("老艄公"))
        .expect("the last paragraph");
    (
        runs[first].0.chars().count(),
        runs[first + 1].0.chars().count(),
    )
}

/// The end mark's line against the line of the body's last words (block
/// positions apart), and how far the mark ends from the end of the
/// fullest line in the same column or tier.
fn set(writing: Writing, last: &str) -> (f64, f64) {
    let runs = boxed(writing, last);
    let tail: String = last.chars().skip(last.chars().count() - 3).collect();
    let find = |t: &str| runs.iter().find(|r| r.0.contains(t)).expect("a run");
    let (words, mark) = (find(&tail), find("未完待续"));
    // The lines of the mark's column or tier: from its start, or a
    // paragraph's indent (two ems) in.
    let start = words.2.0;
    let end = (runs.iter())
        .filter(|r| r.2.0 > start - 1.0 && r.2.0 < start + 30.0)
        .map(|r| r.2.1)
        .fold(f64::MIN, f64::max);
    (mark.1 - words.1, end - mark.2.1)
}

#[test]
fn an_end_mark_runs_in_where_the_last_line_leaves_it_room() {
    for writing in [Writing::Vertical, Writing::Horizontal] {
        // A full first line and two characters and the stop under it.
        let (first, _) = per_line(writing);
        let (apart, to_end) = set(writing, &sentence(first + 2));
        assert!(
            apart.abs() < 0.5,
            "{writing:?}: the mark {apart} pt off the line"
        );
        assert!(
            to_end.abs() < 1.0,
            "{writing:?}: the mark ends {to_end} pt short of the line's end"
        );
    }
}

#[test]
fn an_end_mark_takes_a_line_of_its_own_under_a_full_last_line() {
    for writing in [Writing::Vertical, Writing::Horizontal] {
        // Two full lines: the second has no room for the mark.
        let (first, full) = per_line(writing);
        let (apart, to_end) = set(writing, &sentence(first + full - 1));
        assert!(
            apart.abs() > 5.0,
            "{writing:?}: the mark on the full line ({apart} pt)"
        );
        assert!(
            to_end.abs() < 1.0,
            "{writing:?}: the mark ends {to_end} pt short of the line's end"
        );
    }
}
