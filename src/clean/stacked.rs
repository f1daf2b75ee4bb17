//! Two articles set one over the other in the same pair of columns, read
//! across: a line-per-box tool sorts the boxes of two neighbouring columns
//! by their baselines, so where one article's two columns end and another
//! article's two columns begin below them, the stretch columns.rs takes
//! apart holds four columns, not two. Read as one pair, the lower
//! article's text is glued under the upper one's in each column.
//!
//! The evidence is the words, as in interleave.rs: the stretch is cut into
//! bands where both columns stop running on, each band the article whose
//! words its lines use ([`super::bands`]; a pair of columns may hold
//! several articles one over the other, and a last pair of boxes two, one
//! under each column). A band of another article goes where that text was
//! cut open (a sentence broken at a gap in the reading), the break its
//! ends run on from and into, or the start of its body. Each move is
//! reported; nothing is dropped.

use std::collections::HashSet;

use super::bands::{Part, Words, less};
use super::columns::continues;
use super::interleave::{Bag, add, line_of, text_pairs, words};
use super::page::{Item, Page, Segment};
use super::shape::ends_sentence;
use super::{Note, NoteKind};

/// Words (pairs of characters used twice or more) the article holding a
/// stretch needs outside it for its bands to be weighed: fewer say
/// nothing of which article a band is (short articles stay where the OCR
/// put them).
const MIN_OWN_WORDS: usize = 30;

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

/// Moves the bands of stretches read across that are other articles'
/// text to their own.
pub(super) fn mend(
    segs: &mut [Segment],
    page: &Page,
    chained: &HashSet<usize>,
    notes: &mut Vec<Note>,
) {
    let pairs = super::columns::pairs(page.lines, page.roles);
    let mut pos = vec![0; page.lines.len()];
    for (p, &i) in page.order.iter().enumerate() {
        pos[i] = p;
    }
    let bag = |lines: &[usize]| bag_of(page, lines);
    let stats = super::columns::Bigrams::of(page.lines);
    for w in &page.woven {
        let mut all: Vec<usize> = w.first.iter().chain(&w.second).copied().collect();
        all.sort_unstable();
        // The article holding the stretch's first line, and the lines of
        // the stretch in its body (a headline block read at the end of
        // the stretch went to its own article).
        let Some(s) = segs
            .iter()
            .position(|g| g.body.iter().any(|it| line_of(it) == all.first().copied()))
        else {
            continue;
        };
        // A stretch the break its first line runs on from gave to its
        // article (chain.rs) stays there: the words of a small article
        // cannot outweigh a long one's (prose scan gq07: a1's columns,
        // 130–210, went to a3 by them).
        if all.first().is_some_and(|i| chained.contains(i)) {
            continue;
        }
        let held: HashSet<usize> = segs[s].body.iter().filter_map(line_of).collect();
        all.retain(|i| held.contains(i));
        let whole = seg_bag(page, &segs[s]);
        let ws = Words {
            page,
            mine: words(&less(&whole, &bag(&all))),
            whole,
            targets: (0..segs.len())
                .filter(|&t| t != s)
                .map(|t| (t, settled_bag(page, &segs[t])))
                .collect(),
            stats: &stats,
            bag_of: &bag,
        };
        // An article whose text is nearly all in the stretch (a news item
        // read across from its first line) has too few words of its own
        // outside it to weigh a band against: any other article's words
        // would outweigh none.
        if ws.mine.len() < MIN_OWN_WORDS {
            continue;
        }
        for Part { lines, to, columns } in super::bands::parts(w, &all, &ws) {
            let Some(at) = break_at(page, &segs[to], &lines, &pos, &pairs) else {
                continue;
            };
            let m = Move {
                from: s,
                to,
                lines,
                at,
                columns,
            };
            apply(segs, page, &m, notes);
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
    let after = match segs[m.to].body[..at].iter().rev().find_map(line_of) {
        Some(i) => format!("after line {}", page.lines[i].no),
        None => "to the start of its text".to_string(),
    };
    let what = if m.columns == 2 {
        "another article's two columns, set under this one's and read across with them"
    } else {
        "another article's column (its box set under this one's column and read across with it)"
    };
    notes.push(Note {
        line: no(first),
        kind: NoteKind::Warning,
        message: format!(
            "lines {}–{} are {what} (their words are that article's): moved to that article, {}; check the order",
            no(first),
            no(last),
            after
        ),
    });
    segs[m.to].body.splice(at..at, moved);
}

fn bag_of(page: &Page, lines: &[usize]) -> Bag {
    let items: Vec<Item> = lines.iter().map(|&i| Item::Text(i)).collect();
    text_pairs(page, &items)
}

/// An article's words from its text outside every stretch read across:
/// a stretch not yet taken apart holds other articles' text (a pair of
/// columns whose partners change down the page), which would lend the
/// article holding it their words.
fn settled_bag(page: &Page, seg: &Segment) -> Bag {
    let woven: HashSet<usize> = page
        .woven
        .iter()
        .flat_map(|w| w.first.iter().chain(&w.second))
        .copied()
        .collect();
    let keep = |it: &&Item| line_of(it).is_none_or(|i| !woven.contains(&i));
    let header: Vec<Item> = seg.header.iter().filter(keep).cloned().collect();
    let body: Vec<Item> = seg.body.iter().filter(keep).cloned().collect();
    let mut b = text_pairs(page, &header);
    add(&mut b, &text_pairs(page, &body));
    b
}

fn seg_bag(page: &Page, seg: &Segment) -> Bag {
    let mut b = text_pairs(page, &seg.header);
    add(&mut b, &text_pairs(page, &seg.body));
    b
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
    // Or the start of its body, where the run is the text's beginning (a
    // box read across before its headline): when no break is open, or
    // the run's last line runs on into the body's first.
    if let Some(&(k, j)) = lines.first() {
        let score = joins(last, j);
        if best.is_none_or(|b| score > b.0) {
            best = Some((score, k));
        }
    }
    best.map(|b| b.1)
}
