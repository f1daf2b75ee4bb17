//! Compression (推入) and hanging before pushing a character out (推出):
//! every way to break a paragraph is tried, and no way with as few lone
//! last characters and lines spaced past a tenth of an em may space fewer
//! lines visibly than total fit does. A line total fit spaces is then one
//! that no compression, hanging or other set of breaks can avoid.

use super::tests::{EM, Opts, lv, mixed_paragraphs, params, shape_in};
use super::*;
use crate::model::Scheme;

/// What a paragraph's lines cost a reader, worst first: lone last
/// characters, lines spaced past [`demerits::WIDE_SPACING_EM`], lines spaced
/// visibly (past [`demerits::VISIBLE_SPACING_EM`]). Compared as a tuple.
type Faults = (u32, u32, u32);

fn add((a, b, c): Faults, (x, y, z): Faults) -> Faults {
    (a + x, b + y, c + z)
}

/// The faults of the line `a..b` (the paragraph's last when `b` is its
/// end), `None` where it cannot be set.
fn line_faults(
    items: &[Item],
    sums: &fit::Sums,
    (a, b): (usize, usize),
    p: &Params,
) -> Option<Faults> {
    // A line with no gap to spread its room over (its letters spaced
    // apart) costs more than the last resort: not a way to set it.
    if demerits::line_demerits(items, sums, a, b, 0, p)? >= demerits::LAST_RESORT {
        return None;
    }
    let indent = if a == 0 { p.first_indent } else { Pt::ZERO };
    let line = justify(items, a..b, indent, (p.measure)(0), p);
    let em = line.adjust.inter.0 / EM;
    let lone = b == items.len() && a > 0 && demerits::lone_character(&items[a..b]);
    Some((
        lone as u32,
        (em > demerits::WIDE_SPACING_EM + 1e-6) as u32,
        (em > demerits::VISIBLE_SPACING_EM + 1e-6) as u32,
    ))
}

/// The least faults of any way to break `items` (lines of at most
/// `longest` items), every break allowed by the prohibitions.
fn least_faults(items: &[Item], p: &Params, longest: usize) -> Faults {
    let sums = fit::Sums::new(items);
    let n = items.len();
    let mut least: Vec<Option<Faults>> = vec![None; n + 1];
    least[0] = Some((0, 0, 0));
    for b in 1..=n {
        if b < n && !knuth::allowed_break(items, b, p) {
            continue;
        }
        for a in b.saturating_sub(longest)..b {
            let (Some(from), Some(f)) = (least[a], line_faults(items, &sums, (a, b), p)) else {
                continue;
            };
            let total = add(from, f);
            if least[b].is_none_or(|l| total < l) {
                least[b] = Some(total);
            }
        }
    }
    // The paragraph's end is always a break and a single item always fits
    // (overfull lines aside, which the sentences never need).
    least[n].expect("some way to break the paragraph")
}

/// zh-Hans: strict prohibitions, hanging where needed, a two-em indent.
const HANS: Opts = Opts {
    hanging: Hanging::Needed,
    indent: 2.0,
    ..lv(Prohibition::Strict)
};

/// A 13-character column.
fn thirteen(_: usize) -> Pt {
    Pt(EM * 13.0)
}

/// [`HANS`] at 13 characters a column, horizontal and vertical (where the upright
/// ；：？！ give only the room their ink leaves).
#[test]
fn no_spaced_line_that_compression_or_hanging_could_avoid() {
    let text = include_str!("../../tools/sentences/zh-Hans.txt");
    let params = params(HANS, &thirteen);
    let mut spaced = [0u32; 2];
    for vertical in [false, true] {
        for para in mixed_paragraphs(text, 300) {
            let p = shape_in(&para, Scheme::Quanjiao, vertical);
            let items = &p.items;
            let sums = fit::Sums::new(items);
            let got = break_paragraph(items, &params)
                .iter()
                .map(|l| line_faults(items, &sums, (l.items.start, l.items.end), &params))
                .try_fold((0, 0, 0), |t, f| f.map(|f| add(t, f)))
                .expect("total fit sets every line it chose");
            let least = least_faults(items, &params, 40);
            assert_eq!(
                got,
                least,
                "{para} ({}): total fit's (lone, wide, spaced) lines against the least any breaks give",
                if vertical { "vertical" } else { "horizontal" }
            );
            spaced[vertical as usize] += got.2;
        }
    }
    // Some lines cannot avoid it: the test sees the spacing it counts.
    assert!(spaced.iter().all(|&s| s > 0), "{spaced:?}");
}

/// The least faults of `text` set as [`HANS`] at 13 characters.
fn least_of(text: &str, vertical: bool) -> Faults {
    let p = shape_in(text, Scheme::Quanjiao, vertical);
    least_faults(&p.items, &params(HANS, &thirteen), 40)
}

/// Lines no breaks avoid spacing, with 0 lone last characters, 0
/// prohibited breaks and every line on the measure. Ten characters after
/// the indent and a ……: all on one line is 14 ems with nothing to
/// compress or hang, …… may not start a line, and 灶…… alone is a lone
/// last character, so the first line takes eight and is spaced by 3/11
/// em. An upright vertical ： cannot hang into the gutter (its ink would
/// cross the rule) and gives only the room its ink leaves, so 账： takes
/// 13.5 ems where a horizontal ： hangs: 笔 is pushed down with 账.
#[test]
fn spacing_no_breaks_avoid() {
    assert_eq!(least_of("院门外响起了三下敲门……", false), (0, 1, 1));
    let tally = "许文涛给记者算过一笔账：一辆夜班车每晚的运营成本大约在一千五百元左右，\
                 包括燃料（现在是电费）、人工和车辆折旧，而票款收入只有成本的三分之一左右，\
                 剩下的部分由财政补贴。";
    assert_eq!(least_of(tally, false), (0, 0, 0));
    assert_eq!(least_of(tally, true), (0, 0, 1));
}
