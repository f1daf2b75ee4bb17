//! Columns the OCR read across instead of down, found and reported (and
//! put back in order, since the evidence says what the order was):
//!
//! - read across with the column rule between them: one output line holds
//!   a line of each column, split at the `|` the rule was read as;
//! - interleaved: line-per-box OCR sorted the boxes of two columns top to
//!   bottom, so their lines alternate (two columns or more). Sentences then
//!   continue k lines on rather than on the next: the pair of characters at
//!   a line's end and the next line's start is a pair the text uses
//!   elsewhere far more often for every k-th line than for the next one.

use std::collections::HashSet;

use super::lines::Role;
use super::names::is_han;
use super::prep::{Line, width};
use super::{Note, NoteKind};

/// Rows read across that make a table of two columns (one could be a
/// headline with a bar in it).
const MIN_ROWS: usize = 3;

/// Where a column rule read as a bar splits a line: (left, right).
fn rule_split(t: &str) -> Option<(&str, &str)> {
    let at = t
        .find(" | ")
        .or_else(|| t.find('｜'))
        .or_else(|| t.find('│'))?;
    let bar = t[at..].chars().find(|c| !c.is_whitespace())?.len_utf8();
    let left = t[..at].trim_end();
    let skip = t[at..].find(|c: char| !c.is_whitespace())? + bar;
    let right = t[at + skip..].trim();
    let han = |s: &str| s.chars().any(super::names::is_han);
    (han(left) && !left.contains(['|', '｜', '│']) && (right.is_empty() || han(right)))
        .then_some((left, right))
}

/// Splits rows read across two columns into the left column's lines, then
/// the right column's.
pub(super) fn split_across(lines: Vec<Line>, notes: &mut Vec<Note>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut k = 0;
    while k < lines.len() {
        let run = lines[k..]
            .iter()
            .take_while(|l| rule_split(&l.text).is_some())
            .count();
        if run < MIN_ROWS {
            out.push(clone(&lines[k], None));
            k += 1;
            continue;
        }
        let rows = &lines[k..k + run];
        notes.push(Note {
            line: rows[0].no,
            kind: NoteKind::Warning,
            message: format!(
                "lines {}–{} hold two columns read across (split at the column rule |): read as the left column, then the right; check the order",
                rows[0].no,
                rows[run - 1].no
            ),
        });
        let parts: Vec<(&str, &str)> = rows.iter().filter_map(|l| rule_split(&l.text)).collect();
        for (l, (left, _)) in rows.iter().zip(&parts) {
            out.push(clone(l, Some(left)));
        }
        for (l, (_, right)) in rows.iter().zip(&parts) {
            if !right.is_empty() {
                out.push(clone(l, Some(right)));
            }
        }
        k += run;
    }
    out
}

fn clone(l: &Line, text: Option<&str>) -> Line {
    let text = text.map_or_else(|| l.text.clone(), str::to_string);
    Line {
        no: l.no,
        width: width(&text),
        text,
        level: l.level,
        quote: l.quote,
        bullet: l.bullet,
        bold: l.bold,
        indented: l.indented,
    }
}

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
