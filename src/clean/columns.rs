//! Columns the OCR interleaved, found and reported (and put back in order,
//! since the evidence says what the order was): line-per-box OCR sorted
//! the boxes of two columns or more top to bottom, so their lines
//! alternate. (Rows read across the columns are across.rs's.) Sentences then
//! continue k lines on rather than on the next: the pair of characters at a
//! line's end and the next line's start is a pair the text uses elsewhere
//! far more often for every k-th line than for the next one.

use std::collections::HashSet;

use super::lines::Role;
use super::names::is_han;
use super::prep::Line;
use super::{Note, NoteKind};

/// The order to read the lines in: interleaved columns put back one after
/// the other, each case reported.
pub(super) fn order(lines: &[Line], roles: &[Role], notes: &mut Vec<Note>) -> Vec<usize> {
    let pairs = pairs(lines, roles);
    let mut order = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        // A run of text lines (blank lines between them do not count).
        let run: Vec<usize> = (i..lines.len())
            .take_while(|&j| matches!(roles[j], Role::Text | Role::Blank))
            .filter(|&j| roles[j] == Role::Text)
            .collect();
        let end = (i..lines.len())
            .find(|&j| !matches!(roles[j], Role::Text | Role::Blank))
            .unwrap_or(lines.len());
        let step = if run.len() >= 10 {
            interleaved(lines, &run, &pairs)
        } else {
            None
        };
        if let Some(step) = step {
            notes.push(Note {
                line: lines[run[0]].no,
                kind: NoteKind::Warning,
                message: format!(
                    "lines {}–{} alternate between {step} columns (sentences continue {step} lines on): read one column after the other; check the order",
                    lines[run[0]].no,
                    lines[run[run.len() - 1]].no
                ),
            });
            for k in 0..step {
                order.extend(run.iter().skip(k).step_by(step));
            }
        } else {
            order.extend(i..end);
        }
        if end < lines.len() {
            order.push(end);
        }
        i = end + 1;
    }
    order
}

/// Pairs of Han characters the text has inside its lines.
fn pairs(lines: &[Line], roles: &[Role]) -> HashSet<(char, char)> {
    let mut set = HashSet::new();
    for (l, r) in lines.iter().zip(roles) {
        if *r == Role::Text {
            let cs: Vec<char> = l.text.chars().filter(|c| !c.is_whitespace()).collect();
            for w in cs.windows(2) {
                if is_han(w[0]) && is_han(w[1]) {
                    set.insert((w[0], w[1]));
                }
            }
        }
    }
    set
}

/// Whether the line after `a` in reading order could be `b`: the pair of
/// characters across the break is one the text uses (None when the break
/// tells nothing: after punctuation, or before it).
fn continues(a: &str, b: &str, pairs: &HashSet<(char, char)>) -> Option<bool> {
    let last = a.chars().rev().find(|c| !c.is_whitespace())?;
    let first = b.chars().find(|c| !c.is_whitespace())?;
    (is_han(last) && is_han(first)).then(|| pairs.contains(&(last, first)))
}

/// How many columns alternate in the run (2 to 5), if sentences continue
/// that many lines on far more often than on the next line.
fn interleaved(lines: &[Line], run: &[usize], pairs: &HashSet<(char, char)>) -> Option<usize> {
    let score = |step: usize| {
        (0..run.len().saturating_sub(step))
            .filter(|&k| {
                continues(&lines[run[k]].text, &lines[run[k + step]].text, pairs) == Some(true)
            })
            .count()
    };
    let next = score(1);
    (2..=5)
        .filter(|&step| run.len() >= 5 * step)
        .map(|step| (step, score(step)))
        .filter(|&(_, s)| s >= 3 && s >= 2 * next + 2)
        .max_by_key(|&(step, s)| (s, std::cmp::Reverse(step)))
        .map(|(step, _)| step)
}
