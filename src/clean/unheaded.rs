//! A news item opened with no headline over it: a sign of columns read
//! across that the words cannot show (text whose pairs of characters say
//! nothing of the order, or a stretch too short for them).
//!
//! A news item's first line (本报讯, 新华社…电) stands under its headline
//! block or byline, never under a column line of another article that
//! stops in the middle of a sentence: a paragraph ends on a sentence end,
//! and a column that goes on elsewhere ends at a jump line or the column's
//! foot, over which the next column's headline would stand. Where the OCR
//! gives such a line right over the dateline, two columns were read across
//! (the item's column beside one of another article). Only reported: which
//! lines go where is not told by this alone.

use std::collections::HashSet;

use super::columns::Woven;
use super::lines::Role;
use super::people::dateline;
use super::prep::Line;
use super::shape::{ends_sentence, narrow};
use super::{Note, NoteKind};

/// Reports each news item's first line read right under a column line left
/// open, outside the stretches already taken apart.
pub(super) fn report(
    lines: &[Line],
    roles: &[Role],
    measure: &[Option<f32>],
    woven: &[Woven],
    notes: &mut Vec<Note>,
) {
    let taken: HashSet<usize> = woven
        .iter()
        .flat_map(|w| w.first.iter().chain(&w.second))
        .copied()
        .collect();
    for i in 0..lines.len() {
        if roles[i] != Role::Text
            || taken.contains(&i)
            || dateline(lines[i].text.trim_start()).is_none()
        {
            continue;
        }
        let Some(j) = above(roles, i) else { continue };
        if roles[j] != Role::Text || !column_line_left_open(&lines[j], measure[j]) {
            continue;
        }
        // Under a jump line (下转第2版) the line is the next article's
        // headline, however wide: the text above went on elsewhere.
        if above(roles, j).is_some_and(|k| matches!(roles[k], Role::Furniture { closes: true, .. }))
        {
            continue;
        }
        notes.push(Note {
            line: lines[i].no,
            kind: NoteKind::Warning,
            message: format!(
                "a news item opens right under a column line that leaves its sentence open, with no headline between ({}): two columns read across? left in this order; check it",
                lines[j].text
            ),
        });
    }
}

/// The line read before line `i`, past blank lines and furniture that
/// closes nothing (a speck, a folio).
fn above(roles: &[Role], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| {
        !matches!(
            roles[j],
            Role::Blank | Role::Furniture { closes: false, .. }
        )
    })
}

/// As wide as the column (no headline's line: an all-Han line an em short
/// of the column is narrower than any inner line, a headline in larger
/// type wider or marked `#`) and stopping mid-sentence.
fn column_line_left_open(l: &Line, measure: Option<f32>) -> bool {
    l.level.is_none()
        && measure.is_some_and(|m| !narrow(l, m) && l.width <= m + 1.0)
        && !ends_sentence(&l.text)
}
