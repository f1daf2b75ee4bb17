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
    lines: HashSet<usize>,
    at: usize,
}

/// Moves the lower articles of stretches read across to their own text.
pub(super) fn mend(segs: &mut [Segment], page: &Page, notes: &mut Vec<Note>) {
    let pairs = super::columns::pairs(page.lines, page.roles);
    let mut pos = vec![0; page.lines.len()];
    for (p, &i) in page.order.iter().enumerate() {
        pos[i] = p;
    }
    for w in &page.woven {
        let Some(m) = find(segs, page, w, &pos, &pairs) else {
            continue;
        };
        let body = std::mem::take(&mut segs[m.from].body);
        let (moved, kept): (Vec<Item>, Vec<Item>) = body
            .into_iter()
            .partition(|it| line_of(it).is_some_and(|i| m.lines.contains(&i)));
        segs[m.from].body = kept;
        let no = |i: Option<usize>| i.map_or(0, |i| page.lines[i].no);
        let (first, last) = (
            moved.iter().find_map(line_of),
            moved.iter().rev().find_map(line_of),
        );
        let after = segs[m.to].body[..m.at].iter().rev().find_map(line_of);
        notes.push(Note {
            line: no(first),
            kind: NoteKind::Warning,
            message: format!(
                "lines {}–{} are another article's two columns, set under this one's and read across with them (their words are that article's): moved to its text after line {}; check the order",
                no(first),
                no(last),
                no(after)
            ),
        });
        segs[m.to].body.splice(m.at..m.at, moved);
    }
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
/// say so, and where it goes.
fn find(
    segs: &[Segment],
    page: &Page,
    w: &Woven,
    pos: &[usize],
    pairs: &HashSet<(char, char)>,
) -> Option<Move> {
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
    // The cut and target where most of the lower part's words are the
    // target's and not those of the rest of its article (a change of
    // articles, not a part that shares a few words with another).
    let mut best: Option<(i64, usize, usize)> = None;
    for k in MIN_PART..=all.len() - MIN_PART {
        let cut = all[k];
        let cols = [&w.first, &w.second];
        if !cols.iter().any(|c| open(c, cut)) || cols.iter().any(|c| runs_on(c, cut)) {
            continue;
        }
        let bottom = bag_of(page, &all[k..]);
        let own = less(&whole, &bottom);
        let mine = words(&own);
        for (t, bag) in &targets {
            let theirs = words(bag);
            let hit = |x: &HashSet<(char, char)>, y: &HashSet<(char, char)>| {
                bottom
                    .keys()
                    .filter(|p| x.contains(p) && !y.contains(p))
                    .count() as i64
            };
            let score = hit(&theirs, &mine) - hit(&mine, &theirs);
            // Each column's lower part leans to the target: two columns
            // of one article.
            let leans = |part: &Bag| verdict(part, &own, bag).0 >= STACK_LEAN;
            if score >= MIN_SCORE
                && best.is_none_or(|b| score > b.0)
                && leans(&bottom)
                && leans(&bag_of(page, &below(&w.first, cut)))
                && leans(&bag_of(page, &below(&w.second, cut)))
            {
                best = Some((score, k, *t));
            }
        }
    }
    let (_, k, to) = best?;
    let cut = all[k];
    // Each column's lower part leans to no other article more: two
    // columns of the one article (not two boxes of two, one under each).
    let own = less(&whole, &bag_of(page, &all[k..]));
    for col in [&w.first, &w.second] {
        let part = bag_of(page, &below(col, cut));
        let most = targets
            .iter()
            .max_by(|x, y| {
                verdict(&part, &own, &x.1)
                    .0
                    .total_cmp(&verdict(&part, &own, &y.1).0)
            })
            .map(|x| x.0);
        if most != Some(to) {
            return None;
        }
    }
    // In reading order: the first column's lower lines, then the second's.
    let lower: Vec<usize> = [below(&w.first, cut), below(&w.second, cut)].concat();
    let at = break_at(page, &segs[to], &lower, pos, pairs)?;
    Some(Move {
        from: s,
        to,
        lines: lower.into_iter().collect(),
        at,
    })
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
