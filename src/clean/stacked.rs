//! Two articles set one over the other in the same pair of columns, read
//! across: a line-per-box tool sorts the boxes of two neighbouring columns
//! by their baselines, so where one article's two columns end and another
//! article's two columns begin below them, the stretch columns.rs takes
//! apart holds four columns, not two. Read as one pair, the lower
//! article's text is glued under the upper one's in each column.
//!
//! The evidence is the words, as in interleave.rs: below some line of the
//! stretch, the lines of both columns use the words (names, places,
//! subject) of another article rather than those of the rest of their
//! own; at that line each column's text stops running on (a sentence end,
//! or a pair of characters the text never has) and one of them leaves a
//! sentence open (a column cut, not a new paragraph). That lower part is
//! the other article's text, and goes where its text was cut open (a
//! sentence broken at a gap in the reading), the break its ends run on
//! from and into. Each move is reported; nothing is dropped.

use std::collections::HashSet;

use super::columns::{Woven, continues};
use super::interleave::{Bag, add, line_of, text_pairs, verdict, words};
use super::page::{Item, Page, Segment};
use super::shape::ends_sentence;
use super::{Note, NoteKind};

/// Lines each part of a stretch needs at least (both columns together)
/// for its words to tell an article.
const MIN_PART: usize = 16;
/// How far the lower part's words, and each column's share of them, must
/// lean to the target (a log odds ratio, as interleave.rs weighs a run;
/// less than a run needs there, as the part must also be two columns'
/// worth and end where the columns stop running on).
const STACK_LEAN: f32 = 0.9;
/// Net words of the target the lower part must hold.
const MIN_SCORE: i64 = 10;

/// A lower part of a stretch to move: its lines, from article `from` to
/// article `to`, at item `at` of that one's body.
struct Move {
    from: usize,
    to: usize,
    /// In the order to read them.
    lines: Vec<usize>,
    at: usize,
    /// Both columns' lower lines, or one column's.
    columns: usize,
}

/// At most this many parts are moved from one stretch: four articles set
/// one over the other in a pair of columns give three cuts, and a last
/// pair of boxes two articles' (one under each column) a fourth.
const MAX_MOVES: usize = 8;

/// Moves the lower articles of stretches read across to their own text.
/// A part moved may hold more than one article (the columns' partners
/// change more than once down the page): it is looked at again in the
/// article it went to, and so is what stayed.
pub(super) fn mend(segs: &mut [Segment], page: &Page, notes: &mut Vec<Note>) {
    let pairs = super::columns::pairs(page.lines, page.roles);
    let mut pos = vec![0; page.lines.len()];
    for (p, &i) in page.order.iter().enumerate() {
        pos[i] = p;
    }
    for w in &page.woven {
        let mut work = vec![w.clone()];
        let mut moves = 0;
        while let Some(w) = work.pop() {
            if moves >= MAX_MOVES {
                break;
            }
            let Some((cut, found)) = find(segs, page, &w, &pos, &pairs) else {
                continue;
            };
            let upper = |col: &[usize]| col.iter().copied().filter(|&i| i < cut).collect();
            work.push(Woven {
                first: upper(&w.first),
                second: upper(&w.second),
            });
            if let [m] = found.as_slice() {
                work.push(lower(&w, cut));
                apply(segs, page, m, notes);
            } else {
                for m in &found {
                    apply(segs, page, m, notes);
                }
            }
            moves += found.len();
        }
    }
}

/// Moves `m`'s lines and reports the move.
fn apply(segs: &mut [Segment], page: &Page, m: &Move, notes: &mut Vec<Note>) {
    let body = std::mem::take(&mut segs[m.from].body);
    let rank = |it: &Item| line_of(it).and_then(|i| m.lines.iter().position(|&j| j == i));
    let (mut moved, kept): (Vec<Item>, Vec<Item>) =
        body.into_iter().partition(|it| rank(it).is_some());
    moved.sort_by_key(rank);
    segs[m.from].body = kept;
    let no = |i: Option<usize>| i.map_or(0, |i| page.lines[i].no);
    let (first, last) = (
        moved.iter().find_map(line_of),
        moved.iter().rev().find_map(line_of),
    );
    // The insertion point was found before the move: in the same article
    // it shifts by the lines taken out ahead of it.
    let at = m.at.min(segs[m.to].body.len());
    let after = segs[m.to].body[..at].iter().rev().find_map(line_of);
    let what = if m.columns == 2 {
        "another article's two columns, set under this one's and read across with them"
    } else {
        "another article's column (its box set under this one's column and read across with it)"
    };
    notes.push(Note {
        line: no(first),
        kind: NoteKind::Warning,
        message: format!(
            "lines {}–{} are {what} (their words are that article's): moved to its text after line {}; check the order",
            no(first),
            no(last),
            no(after)
        ),
    });
    segs[m.to].body.splice(at..at, moved);
}

/// Bag `a` less bag `b`.
fn less(a: &Bag, b: &Bag) -> Bag {
    let mut out = a.clone();
    for (p, n) in b {
        if let Some(x) = out.get_mut(p) {
            *x = x.saturating_sub(*n);
        }
    }
    out.retain(|_, n| *n > 0);
    out
}

/// The two columns' lines from `cut` on, the column whose first line
/// comes first in the stretch first: where two articles change in a pair
/// of columns the chains of lines read down each column no longer tell
/// left from right, but a tool sorting by baseline, then left to right,
/// reads the left column's first line first.
fn lower(w: &Woven, cut: usize) -> Woven {
    let (a, b) = (below(&w.first, cut), below(&w.second, cut));
    if b.first() < a.first() && !b.is_empty() {
        Woven {
            first: b,
            second: a,
        }
    } else {
        Woven {
            first: a,
            second: b,
        }
    }
}

/// The lines of column `col` from `cut` on.
fn below(col: &[usize], cut: usize) -> Vec<usize> {
    col.iter().copied().filter(|&i| i >= cut).collect()
}

fn bag_of(page: &Page, lines: &[usize]) -> Bag {
    let items: Vec<Item> = lines.iter().map(|&i| Item::Text(i)).collect();
    text_pairs(page, &items)
}

fn seg_bag(page: &Page, seg: &Segment) -> Bag {
    let mut b = text_pairs(page, &seg.header);
    add(&mut b, &text_pairs(page, &seg.body));
    b
}

/// The lower part of stretch `w` that is another article's, if the words
/// say so, and where it goes: the line it starts at, and the move (or
/// two, where each column's lower part is another article's box).
fn find(
    segs: &[Segment],
    page: &Page,
    w: &Woven,
    pos: &[usize],
    pairs: &HashSet<(char, char)>,
) -> Option<(usize, Vec<Move>)> {
    let s = segs.iter().position(|g| {
        g.body
            .iter()
            .any(|it| line_of(it) == w.first.first().copied())
    })?;
    let held: HashSet<usize> = segs[s].body.iter().filter_map(line_of).collect();
    let mut all: Vec<usize> = w.first.iter().chain(&w.second).copied().collect();
    if !all.iter().all(|i| held.contains(i)) || all.len() < 2 * MIN_PART {
        return None;
    }
    all.sort_unstable();
    let whole = seg_bag(page, &segs[s]);
    let targets: Vec<(usize, Bag)> = (0..segs.len())
        .filter(|&t| t != s)
        .map(|t| (t, seg_bag(page, &segs[t])))
        .collect();
    let text = |i: usize| page.lines[i].text.as_str();
    let open = |col: &[usize], cut: usize| {
        col.iter()
            .rev()
            .find(|&&i| i < cut)
            .is_some_and(|&i| !ends_sentence(text(i)))
    };
    // The column's text runs on across the cut: one article's.
    let runs_on = |col: &[usize], cut: usize| {
        let at = col.iter().position(|&i| i >= cut);
        at.is_some_and(|a| a > 0 && continues(text(col[a - 1]), text(col[a]), pairs) == Some(true))
    };
    // The article's own words, from its text outside the stretch: each
    // line of the stretch leans to a target by the words it has of the
    // target's and not of those, less the other way round; a cut scores
    // the lean of all lines below it, highest where the lines above are
    // the article's and those below the target's.
    let mine = words(&less(&whole, &bag_of(page, &all)));
    let mut best: Option<(i64, usize, usize)> = None;
    for (t, bag) in &targets {
        let theirs = words(bag);
        let lean: Vec<i64> = all
            .iter()
            .map(|&i| {
                let line = bag_of(page, &[i]);
                let hit = |x: &HashSet<(char, char)>, y: &HashSet<(char, char)>| {
                    line.keys()
                        .filter(|p| x.contains(p) && !y.contains(p))
                        .count() as i64
                };
                hit(&theirs, &mine) - hit(&mine, &theirs)
            })
            .collect();
        let mut below_sum: Vec<i64> = vec![0; all.len() + 1];
        for k in (0..all.len()).rev() {
            below_sum[k] = below_sum[k + 1] + lean[k];
        }
        for k in MIN_PART..=all.len() - MIN_PART {
            let (cut, score) = (all[k], below_sum[k]);
            let cols = [&w.first, &w.second];
            if score < MIN_SCORE
                || best.is_some_and(|b| score <= b.0)
                || !cols.iter().any(|c| open(c, cut))
                || cols.iter().any(|c| runs_on(c, cut))
            {
                continue;
            }
            // Each column's lower part leans to the target: two columns
            // of one article.
            let own = less(&whole, &bag_of(page, &all[k..]));
            let leans = |part: &Bag| verdict(part, &own, bag).0 >= STACK_LEAN;
            if leans(&bag_of(page, &all[k..]))
                && leans(&bag_of(page, &below(&w.first, cut)))
                && leans(&bag_of(page, &below(&w.second, cut)))
            {
                best = Some((score, k, *t));
            }
        }
    }
    let (_, k, to) = best?;
    let cut = all[k];
    // Each column's lower part goes to the article it leans to most: two
    // columns of the one article, or two boxes of two, one under each.
    let own = less(&whole, &bag_of(page, &all[k..]));
    let most: Vec<(usize, f32)> = [&w.first, &w.second]
        .iter()
        .filter_map(|col| {
            let part = bag_of(page, &below(col, cut));
            targets
                .iter()
                .map(|x| (x.0, verdict(&part, &own, &x.1).0))
                .max_by(|x, y| x.1.total_cmp(&y.1))
        })
        .collect();
    if most.len() != 2 || most.iter().any(|m| m.1 < STACK_LEAN) {
        return None;
    }
    if most.iter().all(|m| m.0 == to) {
        // In reading order: the left column's lower lines, then the right's.
        let low = lower(w, cut);
        let lower: Vec<usize> = [low.first, low.second].concat();
        let at = break_at(page, &segs[to], &lower, pos, pairs)?;
        let m = Move {
            from: s,
            to,
            lines: lower,
            at,
            columns: 2,
        };
        return Some((cut, vec![m]));
    }
    let mut moves = Vec::new();
    for (col, (t, _)) in [&w.first, &w.second].into_iter().zip(most) {
        let lower = below(col, cut);
        let at = break_at(page, &segs[t], &lower, pos, pairs)?;
        moves.push(Move {
            from: s,
            to: t,
            lines: lower,
            at,
            columns: 1,
        });
    }
    Some((cut, moves))
}

/// Where an article's text was cut open for `run`: after a text line that
/// leaves its sentence open and is followed by a gap in the reading (a
/// line of furniture, a blank) or by nothing. Among those breaks, the one
/// the run's first line runs on from and its last line runs into, by the
/// text's pairs of characters, else the first. Returns the body index to
/// insert at.
fn break_at(
    page: &Page,
    seg: &Segment,
    run: &[usize],
    pos: &[usize],
    pairs: &HashSet<(char, char)>,
) -> Option<usize> {
    let text = |i: usize| page.lines[i].text.as_str();
    let (first, last) = (*run.first()?, *run.last()?);
    let lines: Vec<(usize, usize)> = seg
        .body
        .iter()
        .enumerate()
        .filter_map(|(k, it)| match it {
            Item::Text(i) => Some((k, *i)),
            _ => None,
        })
        .collect();
    let joins = |a: usize, b: usize| i32::from(continues(text(a), text(b), pairs) == Some(true));
    let mut best: Option<(i32, usize)> = None;
    for (n, &(k, i)) in lines.iter().enumerate() {
        let next = lines.get(n + 1).map(|&(_, j)| j);
        if ends_sentence(text(i)) || next.is_some_and(|j| pos[j] == pos[i] + 1) {
            continue;
        }
        let score = joins(i, first) + next.map_or(0, |j| joins(last, j));
        if best.is_none_or(|b| score > b.0) {
            best = Some((score, k + 1));
        }
    }
    best.map(|b| b.1)
}
