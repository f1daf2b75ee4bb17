//! Columns read across told by the shapes of their paragraphs, where the
//! words cannot tell (text whose pairs of characters recur everywhere, or
//! breaks at marks): in line-per-box text a paragraph's inner lines are
//! full, its first line two ems short (the indent dropped) and its last
//! line short and closed, so read in order a line running on is followed
//! by a full line or the paragraph's last, and a paragraph's short last
//! line by the next one's first. Two columns read across break that
//! every few lines: a first line's shape under a full line running on, or
//! a full line running on under a paragraph's short last line. One such
//! break turns up now and then in text read in order (a box the OCR cut, a
//! head); [`MIN_BREAKS`] within [`WINDOW`] lines do not. Where the
//! shapes also hold two lines on, far more often than the other way
//! round ([`Shapes::stretches`]), columns.rs takes the stretch apart, the
//! two columns' lines alternating; what is left is only reported.

use std::collections::HashSet;

use super::columns::Woven;
use super::lines::Role;
use super::prep::Line;
use super::shape::{ends_sentence, indent_shape};
use super::{Note, NoteKind};

/// Neighbouring text lines looked at together.
const WINDOW: usize = 16;
/// Breaks of the paragraphs' shapes within [`WINDOW`] lines that make a
/// stretch read across (the sets read in order have at most two).
const MIN_BREAKS: usize = 3;

/// Reports each stretch where the paragraphs' shapes break
/// [`MIN_BREAKS`] times or more within [`WINDOW`] lines, outside the
/// stretches already found and put back in order.
pub(super) fn report(
    lines: &[Line],
    roles: &[Role],
    measure: &[Option<f32>],
    (order, woven): (&[usize], &[Woven]),
    notes: &mut Vec<Note>,
) {
    // Lines already read in another order than the OCR's: their stretch
    // was found by its words and reported.
    let mut taken: HashSet<usize> = woven
        .iter()
        .flat_map(|w| w.first.iter().chain(&w.second))
        .copied()
        .collect();
    taken.extend(
        (0..order.len())
            .filter(|&k| order[k] != k)
            .map(|k| order[k]),
    );
    let text = text_lines(lines, roles);
    let dropped = dropped_indents(lines, &text, measure);
    // The line under each shape broken, in text order.
    let broken: Vec<bool> = text
        .windows(2)
        .map(|w| {
            let (a, b) = (&lines[w[0]], &lines[w[1]]);
            !taken.contains(&w[1]) && breaks(a, b, measure[w[0]], dropped)
        })
        .collect();
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    for k in 0..broken.len().saturating_sub(WINDOW - 1) {
        let at: Vec<usize> = (k..k + WINDOW).filter(|&j| broken[j]).collect();
        if at.len() < MIN_BREAKS {
            continue;
        }
        let (lo, hi) = (text[at[0] + 1], text[at[at.len() - 1] + 1]);
        match stretches.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => stretches.push((lo, hi)),
        }
    }
    for (lo, hi) in stretches {
        let (first, last) = (lines[lo].no, lines[hi].no);
        notes.push(Note {
            line: first,
            kind: NoteKind::Warning,
            message: format!(
                "lines {first}–{last}: the paragraphs' shapes break every few lines (a first line's width under a line running on, a full line under a paragraph's short last one): two columns read across? left in this order; check it"
            ),
        });
    }
}

/// The page's text lines, heads marked `#` left out.
fn text_lines(lines: &[Line], roles: &[Role]) -> Vec<usize> {
    (0..lines.len())
        .filter(|&i| roles[i] == Role::Text && lines[i].level.is_none())
        .collect()
}

/// Whether the page's paragraphs mostly open two ems short (their indents
/// dropped): where paragraphs keep their indents, or open on a full line
/// (text set with no indent), a full line under a last one breaks nothing.
fn dropped_indents(lines: &[Line], text: &[usize], measure: &[Option<f32>]) -> bool {
    let after_last = |shape: Shape| {
        text.windows(2)
            .filter(|w| opens(&lines[w[0]], &lines[w[1]], measure[w[0]]) == Some(shape))
            .count()
    };
    after_last(Shape::Short) > after_last(Shape::Full)
}

/// Net count of lines whose paragraphs' shapes break on the next line and
/// hold two lines on (less the other way round) that makes a stretch two
/// columns read across: a break in text read in order turns up now and
/// then, and reading such text two lines on breaks at every paragraph's
/// end, so a stretch read in order sums below nought.
const MIN_SHAPE_SKIPS: i32 = 4;

/// The paragraphs' shapes of a page, to find columns read across where
/// the words tell nothing (columns.rs takes them apart).
pub(super) struct Shapes<'a> {
    lines: &'a [Line],
    measure: &'a [Option<f32>],
    dropped: bool,
}

impl<'a> Shapes<'a> {
    pub(super) fn of(lines: &'a [Line], roles: &[Role], measure: &'a [Option<f32>]) -> Self {
        let text = text_lines(lines, roles);
        let dropped = dropped_indents(lines, &text, measure);
        Shapes {
            lines,
            measure,
            dropped,
        }
    }

    /// Line `b` read right after `a` in one column breaks the shapes.
    pub(super) fn breaks(&self, a: usize, b: usize) -> bool {
        let (la, lb) = (&self.lines[a], &self.lines[b]);
        la.level.is_none() && lb.level.is_none() && breaks(la, lb, self.measure[a], self.dropped)
    }

    /// What the shapes say of position `k` of `run`: 1 where reading the
    /// next line breaks them and reading two lines on does not (two
    /// columns read across), -1 the other way round (read in order), 0
    /// where they say nothing.
    pub(super) fn skip(&self, run: &[usize], k: usize) -> i32 {
        let n = run.len();
        let next = k + 1 < n && self.breaks(run[k], run[k + 1]);
        let two = k + 2 < n && self.breaks(run[k], run[k + 2]);
        i32::from(next && !two) - i32::from(two && !next)
    }

    /// Where a stretch found by its words (its best segment ending at `e`)
    /// ends: the last line that continues two on is two past it; past that,
    /// up to the first line that says the text is read in order (by its words
    /// or its shapes) and short of the next stretch (`ceil`), the last line
    /// whose paragraphs' shapes break on the next line and hold two lines on
    /// takes the stretch on to that next line (the other column's). Words
    /// rarely recur in a stretch's last lines (a serial's text among others,
    /// a few sentences on a page: no pair across their breaks is seen
    /// elsewhere), where the shapes still tell. `score`: what the words say
    /// of each position of `run`, as columns.rs counts it.
    pub(super) fn reach_end(&self, score: &[i32], run: &[usize], e: usize, ceil: usize) -> usize {
        let e = (e + 2).min(run.len() - 1);
        let stop = (e + 1..ceil)
            .find(|&j| score[j] < 0 || self.skip(run, j) < 0)
            .unwrap_or(ceil);
        (e + 1..stop)
            .filter(|&j| self.skip(run, j) > 0)
            .max()
            .map_or(e, |j| (j + 1).min(stop - 1))
    }

    /// Where a stretch found by its words (its best segment opening at `s`)
    /// starts: back over the lines that say nothing either way, to the first
    /// that says the text is read in order (by its words or its shapes) and
    /// no further than the stretch before (`floor`), the first line whose
    /// paragraphs' shapes break on the next line and hold two on opens it
    /// (a column's first lines may hold no pair the page uses elsewhere).
    pub(super) fn reach_start(
        &self,
        score: &[i32],
        run: &[usize],
        s: usize,
        floor: usize,
    ) -> usize {
        let lo = (floor..s)
            .rev()
            .find(|&j| score[j] < 0 || self.skip(run, j) < 0)
            .map_or(floor, |j| j + 1);
        (lo..s).find(|&j| self.skip(run, j) > 0).unwrap_or(s)
    }

    /// Where a stretch ending at `e` starts, of the positions `starts`: the
    /// one whose reading (the lines before it in order, then every other
    /// line from its first, then the rest) breaks the shapes least, the
    /// first of equals. Which line opens a stretch the shapes tell only
    /// this way: a line read in order taken into it swaps its columns.
    fn start(&self, run: &[usize], starts: std::ops::Range<usize>, e: usize) -> usize {
        let cost = |s: usize| {
            // The line before the stretch, then the stretch as read.
            let mut read: Vec<usize> = run[s.saturating_sub(1)..s].to_vec();
            read.extend(run[s..=e].iter().step_by(2));
            read.extend(run[s + 1..=e].iter().step_by(2));
            read.extend(run.get(e + 1));
            read.windows(2).filter(|w| self.breaks(w[0], w[1])).count()
        };
        starts.min_by_key(|&s| (cost(s), s)).unwrap_or(e)
    }

    /// The stretches of `run` (positions in it, in order) two columns read
    /// across by their shapes: where reading on the next line breaks the
    /// shapes and reading two lines on does not, far more often than the
    /// other way round. A stretch reaches out over the lines around it
    /// that say nothing either way (paragraphs' inner lines), up to a line
    /// that says it is read in order; it opens where its reading breaks
    /// the shapes least ([`Shapes::start`]).
    pub(super) fn stretches(&self, run: &[usize]) -> Vec<(usize, usize)> {
        let n = run.len();
        let score: Vec<i32> = (0..n).map(|k| self.skip(run, k)).collect();
        let mut found = Vec::new();
        super::columns::stretches(&score, MIN_SHAPE_SKIPS, 0, n, &mut found);
        found.sort_unstable();
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (k, &(s, e)) in found.iter().enumerate() {
            let floor = out.last().map_or(0, |l| l.1 + 1);
            let ceil = found.get(k + 1).map_or(n, |f| f.0);
            // Back over the lines that say nothing either way, to the
            // first that says the text is read in order.
            let lo = (floor..s.max(floor))
                .rev()
                .find(|&j| score[j] < 0)
                .map_or(floor, |j| j + 1);
            // The last line breaking on the next is one past the stretch.
            let e = (e + 1..ceil).find(|&j| score[j] < 0).unwrap_or(ceil) - 1;
            let e = (e + 1).min(n - 1);
            let s = self.start(run, lo..s.max(lo) + 1, e);
            if s < e && super::columns::dominant(&score[s..=e]) {
                out.push((s, e));
            }
        }
        out
    }
}

/// How a line after a paragraph's short last line opens.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Two ems short: a first line whose indent the OCR dropped.
    Short,
    /// As wide as the column, running on.
    Full,
}

/// The shape of line `b` when it opens a paragraph after `a`, a short
/// last line (None otherwise).
fn opens(a: &Line, b: &Line, measure: Option<f32>) -> Option<Shape> {
    let m = measure?;
    if !ends_sentence(&a.text) || a.width > m - 3.0 {
        return None;
    }
    if indent_shape(b, m) {
        Some(Shape::Short)
    } else {
        ((b.width - m).abs() <= 0.5 && !ends_sentence(&b.text)).then_some(Shape::Full)
    }
}

/// Line `b` read after `a` breaks the shapes of a column's paragraphs
/// (`dropped`: the page's paragraphs open two ems short).
fn breaks(a: &Line, b: &Line, measure: Option<f32>, dropped: bool) -> bool {
    let Some(m) = measure else { return false };
    let whole = (a.width - m).abs() <= 0.5;
    let (open_a, open_b) = (!ends_sentence(&a.text), !ends_sentence(&b.text));
    let first_under_open = whole && open_a && indent_shape(b, m) && open_b;
    let full_under_last = dropped && opens(a, b, measure) == Some(Shape::Full);
    first_under_open || full_under_last
}

/// Net count of line widths alternating between narrow and full that
/// makes a stretch two columns of different widths read across: a short
/// line left open turns up now and then in text read in order (a head, a
/// box split in two), never every other line.
const MIN_ALTERNATIONS: i32 = 8;

/// A narrow column read across with a full one (text set beside a figure):
/// the character pairs say little there, as its short lines break words
/// anywhere, but the widths do — every other line is short and leaves its
/// sentence open (a paragraph's last line ends it). Reported, not put back:
/// where the narrow column's lines go is not told by the widths alone.
pub(super) fn narrow_beside(lines: &[Line], run: &[usize], notes: &mut Vec<Note>) {
    for (s, e) in narrow_stretches(lines, run) {
        let (first, last) = (lines[run[s]].no, lines[run[e]].no);
        notes.push(Note {
            line: first,
            kind: NoteKind::Warning,
            message: format!(
                "lines {first}–{last} alternate between a narrow column and a full one (every other line short and left open): two columns read across, one beside a figure?; left in this order, check it"
            ),
        });
    }
}

/// The stretches of `run` (first and last positions) where every other
/// line is short and left open: a narrow column read across with a full
/// one.
pub(super) fn narrow_stretches(lines: &[Line], run: &[usize]) -> Vec<(usize, usize)> {
    let typical = super::columns::typical_width(lines, run);
    let narrow: Vec<bool> = run
        .iter()
        .map(|&i| lines[i].width <= 0.5 * typical && !ends_sentence(&lines[i].text))
        .collect();
    let score: Vec<i32> = narrow
        .windows(2)
        .map(|w| if w[0] != w[1] { 1 } else { -2 })
        .collect();
    let mut found = Vec::new();
    super::columns::stretches(&score, MIN_ALTERNATIONS, 0, score.len(), &mut found);
    found.sort_unstable();
    found.into_iter().map(|(s, e)| (s, e + 1)).collect()
}
