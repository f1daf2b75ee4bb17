//! A column's chain of lines broken at a jump line: the text read right
//! after a jump line (下转第2版) is none of the jumping article's, whose
//! text on the page stops there; where it opens in the middle of a
//! sentence, it is the next column of an article whose text was cut open
//! above a headline block (its column's foot, the next article's head
//! under it in the reading). Line-per-box OCR reads a page's columns in
//! bands, so that column can come long before its article's head (prose
//! scan gq07: a1's columns read across at 114–211, after a5's jump line,
//! its headline at 246 and its first column's open foot at 368). Words
//! cannot tell it where the article is small: the break is the evidence.

use std::collections::{HashMap, HashSet};

use super::breaks::continues;
use super::interleave::line_of;
use super::lines::Role;
use super::page::{Page, Segment};
use super::shape::{ends_sentence, first_line, full};
use super::{Note, NoteKind};

/// Moves each run of text read after a jump line that opens in the middle
/// of a sentence to the article whose column was left open over a
/// headline block, where one such break alone can take it (the only one,
/// or the only one whose line the run's first runs on from by the text's
/// pairs of characters). Returns the lines moved.
pub(super) fn after_jumps(
    segs: &mut [Segment],
    page: &Page,
    notes: &mut Vec<Note>,
) -> HashSet<usize> {
    let mut moved = HashSet::new();
    let pairs = super::breaks::pairs(page.lines, page.roles);
    for p in 0..page.order.len() {
        let i = page.order[p];
        if !matches!(
            page.roles[i],
            Role::Furniture {
                what: "jump line",
                closes: true
            }
        ) {
            continue;
        }
        let owner = owners(segs);
        let Some((h, run)) = run_after(page, segs, &owner, p) else {
            continue;
        };
        // Neither the article holding the run nor the one whose jump line
        // it is (its text on this page stops there) is the one it goes
        // on from.
        let jumper = before(page, p).and_then(|b| owner.get(&b)).map(|o| o.0);
        // run_after returns no empty run.
        let first = run[0];
        let breaks: Vec<Break> = open_breaks(page, &owner)
            .into_iter()
            .filter(|&(t, _, _)| t != h && Some(t) != jumper)
            .collect();
        let Some((t, at, _)) = chosen(page, &breaks, first, &pairs) else {
            continue;
        };
        move_run(segs, page, (h, t, at), &run, notes);
        moved.extend(run);
    }
    moved
}

/// Each body line's article and index in its body; header lines with
/// index `usize::MAX`.
fn owners(segs: &[Segment]) -> HashMap<usize, (usize, usize)> {
    let mut owner = HashMap::new();
    for (s, seg) in segs.iter().enumerate() {
        for it in &seg.header {
            if let Some(i) = line_of(it) {
                owner.insert(i, (s, usize::MAX));
            }
        }
        for (k, it) in seg.body.iter().enumerate() {
            if let Some(i) = line_of(it) {
                owner.insert(i, (s, k));
            }
        }
    }
    owner
}

/// The text line read last before position `p` (blank lines skipped).
fn before(page: &Page, p: usize) -> Option<usize> {
    page.order[..p]
        .iter()
        .rev()
        .copied()
        .find(|&i| page.roles[i] != Role::Blank)
        .filter(|&i| page.roles[i] == Role::Text)
}

/// The text read right after the jump line at position `p`, while it
/// stays in one article's body (blank lines inside it): that article and
/// the run's lines in reading order. None where it opens a paragraph (a
/// column may begin with one) or is no body text.
fn run_after(
    page: &Page,
    segs: &[Segment],
    owner: &HashMap<usize, (usize, usize)>,
    p: usize,
) -> Option<(usize, Vec<usize>)> {
    let q = (p + 1..page.order.len()).find(|&q| page.roles[page.order[q]] != Role::Blank)?;
    let a = page.order[q];
    let &(h, k) = owner.get(&a)?;
    let m = page.measure[a]?;
    let next = page.next_text(q).map(|j| &page.lines[j]);
    if page.roles[a] != Role::Text || k == usize::MAX || first_line(&page.lines[a], next, m) {
        return None;
    }
    let mut run = Vec::new();
    for &i in &page.order[q..] {
        match owner.get(&i) {
            Some(&(s, k)) if s == h && k != usize::MAX => run.push(i),
            _ if page.roles[i] == Role::Blank => {}
            _ => break,
        }
    }
    // Only text the holder's body holds in reading order from there.
    let body: Vec<usize> = segs[h].body[k..].iter().filter_map(line_of).collect();
    (body.starts_with(&run) && !run.is_empty()).then_some((h, run))
}

/// A place an article's text was cut open: the article, the body index
/// to insert after its line, and that line.
type Break = (usize, usize, usize);

/// Breaks where an article's text was cut open by a headline block: a
/// full body line leaving its sentence open, the next line in the reading
/// another article's header.
fn open_breaks(page: &Page, owner: &HashMap<usize, (usize, usize)>) -> Vec<Break> {
    let mut out = Vec::new();
    for (p, &i) in page.order.iter().enumerate() {
        let Some(&(s, k)) = owner.get(&i) else {
            continue;
        };
        let l = &page.lines[i];
        let open = page.roles[i] == Role::Text
            && k != usize::MAX
            && !ends_sentence(&l.text)
            && page.measure[i].is_some_and(|m| full(l.width, m));
        let next = page.order[p + 1..]
            .iter()
            .find(|&&j| page.roles[j] != Role::Blank);
        let headed = next
            .and_then(|j| owner.get(j))
            .is_some_and(|&(t, k)| t != s && k == usize::MAX);
        if open && headed {
            out.push((s, k + 1, i));
        }
    }
    out
}

/// The break the run's first line runs on from: the only one, or the one
/// whose last line's pair with it the text has, where only one has.
fn chosen(
    page: &Page,
    breaks: &[Break],
    first: usize,
    pairs: &HashSet<(char, char)>,
) -> Option<Break> {
    if let [one] = breaks {
        return Some(*one);
    }
    let joins: Vec<&Break> = breaks
        .iter()
        .filter(|b| continues(&page.lines[b.2].text, &page.lines[first].text, pairs) == Some(true))
        .collect();
    match joins[..] {
        [one] => Some(*one),
        _ => None,
    }
}

/// Moves the run from article `h`'s body to article `t`'s, after body
/// index `at`, and reports it.
fn move_run(
    segs: &mut [Segment],
    page: &Page,
    (h, t, at): (usize, usize, usize),
    run: &[usize],
    notes: &mut Vec<Note>,
) {
    let body = std::mem::take(&mut segs[h].body);
    let (moved, kept): (Vec<_>, Vec<_>) = body
        .into_iter()
        .partition(|it| line_of(it).is_some_and(|i| run.contains(&i)));
    segs[h].body = kept;
    let at = at.min(segs[t].body.len());
    let after = segs[t].body[..at].iter().rev().find_map(line_of);
    let no = |i: usize| page.lines[i].no;
    notes.push(Note {
        line: no(run[0]),
        kind: NoteKind::Warning,
        message: format!(
            "lines {}–{}, read after a jump line, open in the middle of a sentence: the next column of the article left open at line {} over a headline; moved there, check them",
            no(run[0]),
            no(run[run.len() - 1]),
            after.map_or(0, no)
        ),
    });
    segs[t].body.splice(at..at, moved);
}
