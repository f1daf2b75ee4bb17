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
//! head); [`MIN_BREAKS`] within [`WINDOW`] lines do not. Only reported:
//! which line goes where the shapes do not say.

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
    let text: Vec<usize> = (0..lines.len())
        .filter(|&i| roles[i] == Role::Text && lines[i].level.is_none())
        .collect();
    // Where paragraphs keep their indents, or open on a full line (text
    // set with no indent), a full line under a last one breaks nothing:
    // the page's paragraphs must mostly open two ems short.
    let after_last = |shape: Shape| {
        text.windows(2)
            .filter(|w| opens(&lines[w[0]], &lines[w[1]], measure[w[0]]) == Some(shape))
            .count()
    };
    let dropped = after_last(Shape::Short) > after_last(Shape::Full);
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
