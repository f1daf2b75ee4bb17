//! Columns read across. Tesseract, when it does not see a page's columns,
//! writes a row of text across them: one output line holds a line of each
//! column, parted by the rule between them (read as `|`) or by a wide gap.
//! A run of such rows is taken apart by where each cell starts on the line
//! and read column by column, and the report says so.

use super::{Note, NoteKind};

/// Rows with two cells or more that make a table (one could be a headline
/// with a bar in it, two a kicker beside a serial's head).
const MIN_ROWS: usize = 3;

/// Display columns between two cell starts that are still one column.
const SAME_COLUMN: usize = 8;

/// The cells of a line: where each starts (in display columns, a Han
/// character two) and its text. Cells part at a bar or at three spaces.
fn cells(raw: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut col = 0;
    let mut spaces = 0;
    let mut push = |cur: &mut String, start: usize| {
        let t = cur.trim();
        if !t.is_empty() {
            out.push((start, t.to_string()));
        }
        cur.clear();
    };
    for c in raw.chars() {
        let w = if super::names::is_han(c) || (c as u32) >= 0x3000 {
            2
        } else {
            1
        };
        if matches!(c, '|' | '｜' | '│') || (c == ' ' && spaces >= 2) || c == '\t' {
            push(&mut cur, start);
            spaces = 0;
        } else if c == ' ' {
            spaces += 1;
            cur.push(c);
        } else {
            if cur.trim().is_empty() {
                cur.clear();
                start = col;
            }
            spaces = 0;
            cur.push(c);
        }
        col += w;
    }
    push(&mut cur, start);
    out
}

/// A row of the table: its input line and cells.
struct Row {
    no: usize,
    cells: Vec<(usize, String)>,
}

/// The input lines, with tables read across put back column by column:
/// (input line, text).
pub(super) fn untangle(input: &str, notes: &mut Vec<Note>) -> Vec<(usize, String)> {
    let raw: Vec<&str> = input.lines().collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut k = 0;
    while k < raw.len() {
        let end = run_end(&raw, k);
        let rows: Vec<Row> = (k..end)
            .filter(|&i| !raw[i].trim().is_empty())
            .map(|i| Row {
                no: i + 1,
                cells: cells(raw[i]),
            })
            .collect();
        match columns(&rows) {
            Some(cols) if end > k => {
                notes.push(Note {
                    line: k + 1,
                    kind: NoteKind::Warning,
                    message: format!(
                        "lines {}–{} hold {} columns read across (parted by | or wide gaps): read column by column; check the order",
                        k + 1,
                        end,
                        cols.len()
                    ),
                });
                out.extend(cols.into_iter().flatten());
                k = end;
            }
            _ => {
                out.push((k + 1, raw[k].to_string()));
                k += 1;
            }
        }
    }
    out
}

/// Where a table starting at line `k` ends: it goes on over blank lines,
/// rows of several cells and a single cell between such rows.
fn run_end(raw: &[&str], k: usize) -> usize {
    let multi = |i: usize| cells(raw[i]).len() >= 2;
    if !multi(k) || super::furniture::date_line(raw[k].trim()).is_some() {
        return k;
    }
    let mut end = k + 1;
    let mut i = k + 1;
    while i < raw.len() {
        if raw[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let next = (i + 1..raw.len()).find(|&j| !raw[j].trim().is_empty());
        if multi(i) || next.is_some_and(multi) {
            end = i + 1;
            i += 1;
        } else {
            break;
        }
    }
    let rows = (k..end).filter(|&i| multi(i)).count();
    let bars = (k..end).any(|i| raw[i].contains(['|', '｜', '│']));
    if rows >= MIN_ROWS && (bars || rows > MIN_ROWS) {
        end
    } else {
        k
    }
}

/// The rows' cells sorted into columns by where they start, each column's
/// lines in order; None if two cells of a row fall in one column.
fn columns(rows: &[Row]) -> Option<Vec<Vec<(usize, String)>>> {
    let mut starts: Vec<usize> = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.0))
        .collect();
    starts.sort_unstable();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for s in starts {
        match groups.last_mut() {
            Some(g) if s - g[g.len() - 1] <= SAME_COLUMN => g.push(s),
            _ => groups.push(vec![s]),
        }
    }
    if !(2..=6).contains(&groups.len()) {
        return None;
    }
    let centres: Vec<usize> = groups
        .iter()
        .map(|g| g.iter().sum::<usize>() / g.len())
        .collect();
    let mut cols: Vec<Vec<(usize, String)>> = vec![Vec::new(); centres.len()];
    for r in rows {
        let mut used = vec![false; centres.len()];
        for (start, text) in &r.cells {
            let g = (0..centres.len()).min_by_key(|&g| centres[g].abs_diff(*start))?;
            if std::mem::replace(&mut used[g], true) {
                return None;
            }
            cols[g].push((r.no, text.clone()));
        }
    }
    Some(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_across_come_apart() {
        let text = "经过十四个月的施工，城 | 4 条，设计通行能力\n西立交改造工程昨天通过 | 40%。市交通部门预计\n验收，今晚 8 时起全面 | 高峰时段经过这里的\n";
        let mut notes = Vec::new();
        let out = untangle(text, &mut notes);
        let lines: Vec<&str> = out.iter().map(|l| l.1.as_str()).collect();
        assert_eq!(
            lines,
            [
                "经过十四个月的施工，城",
                "西立交改造工程昨天通过",
                "验收，今晚 8 时起全面",
                "4 条，设计通行能力",
                "40%。市交通部门预计",
                "高峰时段经过这里的"
            ]
        );
        assert_eq!(notes.len(), 1);
        let one = "城市夜行记        连载 789 《长河灯影》 沈南星 著\n正文第一行\n";
        assert_eq!(untangle(one, &mut Vec::new()).len(), 2);
    }
}
