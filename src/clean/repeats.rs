//! Running heads (报眉) found by repetition: a heading-like line that comes
//! back at page intervals, with page evidence — beside other furniture, in
//! the middle of a sentence (a page break), at the top or foot of the
//! text, or three times or more. A repeated line of dialogue or a repeated
//! source or byline is not heading-like or has a role already; a repeated
//! line without page evidence (a section head two articles share) stays,
//! with a warning.

use std::collections::HashMap;

use super::lines::{Role, filled, heading_like};
use super::people::dateline;
use super::prep::Line;
use super::shape::{ends_sentence, first_line, heading_text};
use super::{Note, NoteKind};

/// What a continuation head read inside a column is called.
pub(super) const IN_COLUMN: &str =
    "continuation head (a headline repeated where its article goes on, read inside a column)";

/// The fewest lines between two running heads: a scanned page of narrow
/// columns holds many more.
const PAGE_MIN: usize = 10;

pub(super) fn mark(
    lines: &[Line],
    measure: &[Option<f32>],
    roles: &mut [Role],
    notes: &mut Vec<Note>,
) {
    let idx = filled(lines);
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, &i) in idx.iter().enumerate() {
        let t = &lines[i].text;
        // A running head has no punctuation and is not a column's line.
        let bare = !t.chars().any(|c| "，,、：:“”\"（）()《》".contains(c));
        // Nor a paragraph's first line, run on by the next.
        let next = idx.get(k + 1).map(|&j| &lines[j]);
        let first = measure[i].is_some_and(|m| first_line(&lines[i], next, m));
        // A headline as wide as a column line is heading-like by its
        // text alone: at the top of the text, or where a page ends.
        let beside =
            |j: Option<&usize>| j.is_some_and(|&j| matches!(roles[j], Role::Furniture { .. }));
        let placed =
            k < 3 || beside(idx.get(k + 1)) || beside(k.checked_sub(1).and_then(|b| idx.get(b)));
        let shaped = heading_like(&lines[i], measure[i]) || placed && heading_text(t);
        if roles[i] == Role::Text && bare && !first && shaped {
            let key: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            groups.entry(key).or_default().push(k);
        }
    }
    let mut groups: Vec<(String, Vec<usize>)> =
        groups.into_iter().filter(|(_, ks)| ks.len() >= 2).collect();
    groups.sort_by_key(|g| g.1[0]);
    for (text, ks) in groups {
        if ks.windows(2).any(|w| w[1] - w[0] < PAGE_MIN) {
            continue;
        }
        if !page_evidence(lines, roles, &idx, &ks) {
            let first = idx[ks[0]];
            notes.push(Note {
                line: lines[first].no,
                kind: NoteKind::Warning,
                message: format!(
                    "repeated {} times but not beside page furniture: kept in the text: {text}",
                    ks.len()
                ),
            });
            continue;
        }
        for (n, &k) in ks.iter().enumerate() {
            // The first one is the headline when a byline follows it, or
            // the author's bare name (an essay: 一盏灯 / 林晓舟) at the
            // top of the text; the page's running head repeats it.
            let titled = opens_below(lines, roles, &idx, k);
            // Or it stands at the top of the text with no furniture beside
            // it (a running head at a page's top has its date and folio).
            let beside =
                |j: Option<&usize>| j.is_some_and(|&j| matches!(roles[j], Role::Furniture { .. }));
            let titled = titled
                || k < 3
                    && !beside(idx.get(k + 1))
                    && !beside(k.checked_sub(1).and_then(|b| idx.get(b)));
            if n == 0 && titled {
                continue;
            }
            roles[idx[k]] = Role::Furniture {
                what: "repeated header or footer",
                closes: false,
            };
        }
    }
}

/// Continuation heads (续题): where a jumped article goes on, the page
/// prints its headline's first phrase over （上接第N版）. A short line
/// beside a 上接 jump line that opens a longer headline-shaped line read
/// earlier (one misread character allowed) is that head, not a headline
/// of its own (which would start a new article, or become a kicker).
pub(super) fn continuation_heads(lines: &[Line], measure: &[Option<f32>], roles: &mut [Role]) {
    let idx = filled(lines);
    let squeeze = |t: &str| -> Vec<char> { t.chars().filter(|c| !c.is_whitespace()).collect() };
    for (k, &j) in idx.iter().enumerate() {
        let from = matches!(
            roles[j],
            Role::Furniture {
                what: "jump line",
                closes: false
            }
        );
        if !from {
            continue;
        }
        let beside = [k.checked_sub(1), Some(k + 1)];
        for &i in beside.iter().flatten().filter_map(|b| idx.get(*b)) {
            let head = squeeze(&lines[i].text);
            if roles[i] != Role::Text || !(2..=12).contains(&head.len()) {
                continue;
            }
            if !heading_text(&lines[i].text) {
                continue;
            }
            let opens = idx.iter().take_while(|&&h| h < i.min(j)).any(|&h| {
                let t = squeeze(&lines[h].text);
                let shaped = lines[h].level.is_some() || heading_like(&lines[h], measure[h]);
                let misread = t.iter().zip(&head).filter(|(a, b)| a != b).count();
                roles[h] == Role::Text
                    && shaped
                    && t.len() >= head.len() + 2
                    && misread <= usize::from(head.len() >= 4)
            });
            if opens {
                roles[i] = Role::Furniture {
                    what: "continuation head (the headline's first phrase over a jump line)",
                    closes: false,
                };
            }
        }
    }
}

/// A continuation head read inside another article's column: an OCR that
/// reads a page by position reads the head, set across the rest's module,
/// between the lines beside it. Wider than the column by two ems or more
/// (no line of it) between two text lines (inside a sentence, or after a
/// sentence end over a first line: no head of the text is wider than its
/// column), or over a line the paragraph runs on in (after a sentence end
/// too: a head of the text opens a paragraph under it), and repeating
/// whole an earlier headline set in one line or two (洵如磋花年替他觉， /
/// 君庞天子然眼睛也) a page or more above: furniture. The headline itself
/// stays.
pub(super) fn heads_read_in_columns(lines: &[Line], measure: &[Option<f32>], roles: &mut [Role]) {
    let idx = filled(lines);
    let letters = |i: usize| -> String {
        lines[i]
            .text
            .chars()
            .filter(|&c| super::names::is_han(c) || c.is_alphanumeric())
            .collect()
    };
    let text = |k: usize| roles[idx[k]] == Role::Text;
    let mut heads = Vec::new();
    for k in 1..idx.len().saturating_sub(1) {
        let i = idx[k];
        let wide = measure[i].is_some_and(|m| lines[i].width >= m + 2.0);
        // Prose scan gq07: a3's head, read after 于下。 over 而无不为玩，….
        let between = text(k - 1) && text(k + 1);
        // After a sentence end, a line over a paragraph's first line has a
        // section head's shape; over a line the paragraph runs on in, it
        // is no head of the text (a head opens what follows it).
        let next = &lines[idx[k + 1]];
        let after = idx.get(k + 2).map(|&j| &lines[j]);
        let runs_on = between && measure[i].is_some_and(|m| !first_line(next, after, m));
        if !text(k) || !(wide && between || runs_on) || !heading_text(&lines[i].text) {
            continue;
        }
        let head = letters(i);
        let repeats = (0..k.saturating_sub(PAGE_MIN)).any(|h| {
            // A headline broken after its comma ends its first line on it.
            let shaped = |h: usize| {
                text(h) && heading_text(lines[idx[h]].text.trim_end_matches(['，', ',']))
            };
            // Read over a running line, the head is no wider than a
            // column's line: what it repeats must be a headline, a byline
            // or a dateline under it.
            let titled = |h: usize| wide || opens_below(lines, roles, &idx, h);
            let one = letters(idx[h]);
            shaped(h)
                && (one == head && titled(h)
                    || shaped(h + 1)
                        && titled(h + 1)
                        && format!("{one}{}", letters(idx[h + 1])) == head)
        });
        if head.chars().count() >= 6 && repeats {
            heads.push(i);
        }
    }
    for i in heads {
        roles[i] = Role::Furniture {
            what: IN_COLUMN,
            closes: false,
        };
    }
}

/// Whether the occurrences (positions in `idx`) stand where a page
/// begins or ends.
fn page_evidence(lines: &[Line], roles: &[Role], idx: &[usize], ks: &[usize]) -> bool {
    let furniture = |k: Option<usize>| {
        k.and_then(|k| idx.get(k))
            .is_some_and(|&j| matches!(roles[j], Role::Furniture { .. }))
    };
    let text = |k: usize| idx.get(k).filter(|&&j| roles[j] == Role::Text);
    ks.len() >= 3
        || ks.iter().any(|&k| {
            let edge = k < 3 || k + 3 >= idx.len();
            let beside = furniture(k.checked_sub(1)) || furniture(Some(k + 1));
            let interrupts = k
                .checked_sub(1)
                .and_then(text)
                .is_some_and(|&p| !ends_sentence(&lines[p].text))
                && text(k + 1).is_some();
            edge || beside || interrupts
        })
}

/// What stands under the line at `idx[k]` makes it a headline: a byline,
/// an author's name or a serial's clue, or a news item's dateline (本报讯,
/// 新华社北京3月14日电: a headline with no byline, repeated whole over the
/// jump line where its article goes on), right under it or under a deck
/// (天亦不谋其为知道也 / 艳媚动之者… / 本报讯…).
fn opens_below(lines: &[Line], roles: &[Role], idx: &[usize], k: usize) -> bool {
    let opens = |j: usize| {
        matches!(
            roles[j],
            Role::Byline(_) | Role::Author(_) | Role::Serial(_) | Role::Installment(_)
        ) || roles[j] == Role::Text && dateline(&lines[j].text).is_some()
    };
    let deck = |j: usize| roles[j] == Role::Text && heading_text(&lines[j].text);
    idx.get(k + 1)
        .is_some_and(|&j| opens(j) || deck(j) && idx.get(k + 2).is_some_and(|&j| opens(j)))
}
