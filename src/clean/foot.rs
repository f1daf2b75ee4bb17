//! The foot of two columns read across. Tesseract reads a block of
//! columns column by column, but where the columns' last lines stand level
//! with each other (over a box or a serial set under them) it may read
//! those last rows across, one output line holding the foot of each
//! column parted by `|` or a wide gap:
//!
//! ```text
//! 经过这里的车辆，平均通行时          ← the left column, cut off
//!
//! 据介绍，立交桥下的空地 …
//! 也将在恢复通行后调整线路，          ← the right column, read last
//!
//! 间可以缩短 6 分钟左右。           不再绕行城西大道。
//! 为了减少对周边居民的影                   《本报讯)
//! 响，施工单位在靠近住宅区的
//! ```
//!
//! Too few rows for a table ([`super::across`]), read cell after cell
//! they cut both columns in the wrong places. Each cell carries on a
//! sentence some earlier line left open at a gap (a column's last line as
//! read): the left cell the column read before, the right one the column
//! read last. Which line each carries on is told by the words across the
//! break (平均通行时 / 间可以: 时间, a pair the text uses elsewhere far
//! more often than its characters' frequencies give by chance). The left
//! cells, with the lines under the row that go on with them, move to the
//! line they carry on; each move is reported.

use super::interleave::{Bag, pairs};
use super::names::is_han;
use super::shape::ends_sentence;
use super::{Note, NoteKind};

/// Rows of two cells at the most: more is a table [`super::across`] reads.
const MAX_ROWS: usize = 3;
/// How far back (input lines) a cut-off column may stand.
const REACH: usize = 250;
/// A pair across a break tells where the text uses it elsewhere this
/// many times more often than its characters' frequencies give by chance
/// (at a chance of a quarter, two uses happen by luck once in thirty);
/// used once only, where chance would give it once in a hundred texts
/// (十块 / 银元 beside 十块银元 elsewhere: rare characters).
const MIN_LIFT: f32 = 8.0;
const MIN_LIFT_ONCE: f32 = 100.0;

/// A line's cells: `|` or three spaces and more part them.
fn parts(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(['|', '｜', '│'])
        .flat_map(|p| p.split("   "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

fn cells_in(raw: &str) -> usize {
    parts(raw).count()
}

/// A line's two cells, when it has exactly two that both hold words (a
/// running head's date and page stay one line).
fn two_cells(raw: &str) -> Option<(String, String)> {
    if super::furniture::date_line(raw.trim()).is_some() {
        return None;
    }
    let mut p = parts(raw);
    let (a, b) = (p.next()?, p.next()?);
    let han = |s: &str| s.chars().filter(|&c| is_han(c)).count();
    (p.next().is_none() && han(a) >= 3 && han(b) >= 2).then(|| (a.to_string(), b.to_string()))
}

/// A line left open: it ends on a Han character (so the pair across its
/// break can be weighed), not a sentence end.
fn open_end(t: &str) -> Option<char> {
    let last = t.trim_end().chars().last()?;
    (is_han(last) && !ends_sentence(t)).then_some(last)
}

fn first_han(t: &str) -> Option<char> {
    t.trim_start().chars().next().filter(|&c| is_han(c))
}

/// The text's pairs of Han characters, and how often each character
/// opens and closes one.
struct Odds {
    bag: Bag,
    firsts: Bag,
    total: f32,
}

impl Odds {
    fn new(lines: &[(usize, String)]) -> Odds {
        let mut bag = Bag::new();
        for (_, t) in lines {
            pairs(t, &mut bag);
        }
        let mut firsts = Bag::new();
        let mut total = 0.0;
        for (&(a, b), &n) in &bag {
            *firsts.entry((a, '\0')).or_default() += n;
            *firsts.entry(('\0', b)).or_default() += n;
            total += n as f32;
        }
        Odds { bag, firsts, total }
    }

    /// How much more often than chance the text has `a` then `b`, where
    /// that tells ([`MIN_LIFT`], [`MIN_LIFT_ONCE`]); else 0.
    fn lift(&self, a: char, b: char) -> f32 {
        let n = self.bag.get(&(a, b)).copied().unwrap_or(0);
        let fa = self.firsts.get(&(a, '\0')).copied().unwrap_or(1) as f32;
        let fb = self.firsts.get(&('\0', b)).copied().unwrap_or(1) as f32;
        let lift = n as f32 * self.total / (fa * fb);
        let tells = match n {
            0 => false,
            1 => lift >= MIN_LIFT_ONCE,
            _ => lift >= MIN_LIFT,
        };
        if tells { lift } else { 0.0 }
    }
}

/// One foot read across: rows `start..start + rows`, and the lines under
/// them that go on with the left column, up to `end`.
struct Foot {
    start: usize,
    rows: usize,
    end: usize,
    /// Each row's input line and its two cells.
    cells: Vec<(usize, String, String)>,
    /// The line the left column carries on.
    left_to: usize,
    /// The line the right column carries on, where not the line read
    /// right before the rows.
    right_to: Option<usize>,
}

/// The lines with each foot read across put back in the columns it ends:
/// (input line, text), a row's two cells as two lines.
pub(super) fn reorder(lines: Vec<(usize, String)>, notes: &mut Vec<Note>) -> Vec<(usize, String)> {
    let odds = Odds::new(&lines);
    let mut feet = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        match foot_at(&lines, k, &odds) {
            Some(f) => {
                k = f.end;
                feet.push(f);
            }
            None => k += 1,
        }
    }
    if feet.is_empty() {
        return lines;
    }
    for f in &feet {
        let no = |i: usize| lines[i].0;
        let right = f.right_to.map_or(String::new(), |r| {
            format!(", the right cells line {}", no(r))
        });
        notes.push(Note {
            line: f.cells[0].0,
            kind: NoteKind::Warning,
            message: format!(
                "lines {}–{} hold the feet of two columns read across (parted by | or a wide gap): the left cells carry on line {}{}, and are read there; check the order",
                f.cells[0].0,
                lines[f.end - 1].0,
                no(f.left_to),
                right
            ),
        });
    }
    put_back(lines, &feet)
}

/// The foot read across starting at line `k`, if it is one whose left
/// column plainly carries on an earlier line.
fn foot_at(lines: &[(usize, String)], k: usize, odds: &Odds) -> Option<Foot> {
    // Bounded by lines of one cell: rows of more belong to a table.
    if k > 0 && cells_in(&lines[k - 1].1) > 1 {
        return None;
    }
    let cells: Vec<(usize, String, String)> = lines[k..]
        .iter()
        .map_while(|(no, t)| two_cells(t).map(|(a, b)| (*no, a, b)))
        .take(MAX_ROWS + 1)
        .collect();
    let after = lines.get(k + cells.len()).map_or(0, |l| cells_in(&l.1));
    if cells.is_empty() || cells.len() > MAX_ROWS || after > 1 {
        return None;
    }
    let prev = (0..k).rev().find(|&j| !lines[j].1.trim().is_empty())?;
    // Lines left open at a gap: a column's last line as read.
    let cut = |j: usize| j == prev || lines.get(j + 1).is_some_and(|l| l.1.trim().is_empty());
    let open: Vec<(usize, char)> = (k.saturating_sub(REACH)..k)
        .filter(|&j| cut(j) && two_cells(&lines[j].1).is_none())
        .filter_map(|j| Some((j, open_end(&lines[j].1)?)))
        .collect();
    let best = |c: &str, not: Option<usize>| {
        let f = first_han(c)?;
        open.iter()
            .filter(|(j, _)| Some(*j) != not)
            .map(|&(j, e)| (j, odds.lift(e, f)))
            .filter(|x| x.1 > 0.0)
            .max_by(|x, y| x.1.total_cmp(&y.1))
    };
    let (left, lift) = best(&cells[0].1, None)?;
    // Read in order already; or the right cell is what carries it on.
    let end = lines[left].1.trim_end().chars().last()?;
    let right_lift = first_han(&cells[0].2).map_or(0.0, |f| odds.lift(end, f));
    if left == prev || right_lift >= lift {
        return None;
    }
    // The right column carries on the line read before the rows where the
    // words across the break say so, or that line stops on a pause (no
    // column's text ends so); else the line it carries on is found as the
    // left one's is. A right cell that carries on nothing is no column's
    // foot: the rows may be the columns' first lines, under a serial's
    // head or an installment's title.
    let p = lines[prev].1.trim_end();
    let pause = p.ends_with(['，', '、', '；', ',', ';']);
    let right = first_han(&cells[0].2);
    let carries = pause
        || open_end(p)
            .zip(right)
            .is_some_and(|(e, f)| odds.lift(e, f) > 0.0);
    let right_to = if carries {
        None
    } else {
        Some(best(&cells[0].2, Some(left))?.0)
    };
    let end = under(lines, k + cells.len(), &cells);
    Some(Foot {
        start: k,
        rows: cells.len(),
        end,
        cells,
        left_to: left,
        right_to,
    })
}

/// Where the lines under the rows that go on with the left column end:
/// each while the column's last line leaves its sentence open, up to a
/// blank line or a line of the page's furniture (a serial's head).
fn under(lines: &[(usize, String)], from: usize, cells: &[(usize, String, String)]) -> usize {
    // The rows are one at the least (the caller returns before them else).
    let mut last = cells.last().map_or("", |c| c.1.as_str());
    let mut k = from;
    while let Some((_, t)) = lines.get(k) {
        let t = t.trim();
        let furniture = super::people::serial_head(t).is_some()
            || super::furniture::jump_line(t).is_some()
            || super::furniture::is_end_mark(t);
        if t.is_empty() || ends_sentence(last) || furniture || two_cells(t).is_some() {
            break;
        }
        last = t;
        k += 1;
    }
    k
}

/// The lines in their new order.
fn put_back(lines: Vec<(usize, String)>, feet: &[Foot]) -> Vec<(usize, String)> {
    let left = |f: &Foot| {
        let mut col: Vec<(usize, String)> = f.cells.iter().map(|c| (c.0, c.1.clone())).collect();
        col.extend(lines[f.start + f.rows..f.end].iter().cloned());
        col
    };
    let right =
        |f: &Foot| -> Vec<(usize, String)> { f.cells.iter().map(|c| (c.0, c.2.clone())).collect() };
    let mut out = Vec::with_capacity(lines.len() + feet.len() * MAX_ROWS);
    for (i, l) in lines.iter().enumerate() {
        if let Some(f) = feet.iter().find(|f| (f.start..f.end).contains(&i)) {
            if i == f.start && f.right_to.is_none() {
                out.extend(right(f));
            }
            continue;
        }
        out.push(l.clone());
        for f in feet {
            if f.left_to == i {
                out.extend(left(f));
            }
            if f.right_to == Some(i) {
                out.extend(right(f));
            }
        }
    }
    out
}
