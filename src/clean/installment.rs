//! A serial's installment number that the OCR read into a line of its text
//! (`…夜色渐深, 416 他起身…`): a number standing between spaces after a
//! clause's end, or at a line's end, that is not a quantity (no unit after
//! it). Taken out of the line and reported.

use super::boxes::has_serial_clue;
use super::gather::{Item, Segment};
use super::people::SerialHead;
use super::prep::{Line, width};
use super::{Note, NoteKind};

/// Characters that make a number a quantity or a date: 416 米, 12 月.
const UNITS: &str = "年月日时時分秒点點号號米里元角块塊个個人位名岁歲次条條座家辆輛户戶斤公万萬千百亿億天周週层層页頁版期章回集部本张張件份倍度克吨噸多余";

/// Where a bare number sits in `t`: its byte range with the spaces around
/// it, and its value.
fn bare_number(t: &str) -> Option<(std::ops::Range<usize>, u32)> {
    let cs: Vec<(usize, char)> = t.char_indices().collect();
    let mut k = 0;
    while k < cs.len() {
        if !cs[k].1.is_ascii_digit() {
            k += 1;
            continue;
        }
        let start = k;
        while k < cs.len() && cs[k].1.is_ascii_digit() {
            k += 1;
        }
        let digits = k - start;
        let space_before = start > 0 && cs[start - 1].1 == ' ';
        let clause_before = (0..start)
            .rev()
            .find(|&j| cs[j].1 != ' ')
            .is_some_and(|j| "，。,.、；;！？!?：:”」』".contains(cs[j].1));
        let after = (k..cs.len()).find(|&j| cs[j].1 != ' ');
        let space_after = k == cs.len() || cs[k].1 == ' ';
        let unit =
            after.is_some_and(|j| UNITS.contains(cs[j].1) || cs[j].1.is_ascii_alphanumeric());
        if digits <= 4 && space_before && space_after && !unit && (clause_before || after.is_none())
        {
            let from = (0..start)
                .rev()
                .find(|&j| cs[j].1 != ' ')
                .map_or(0, |j| j + 1);
            let to = after.map_or(t.len(), |j| cs[j].0);
            let n: u32 = t[cs[start].0..cs.get(k).map_or(t.len(), |c| c.0)]
                .parse()
                .ok()?;
            return Some((cs[from].0..to, n));
        }
    }
    None
}

/// For each article: a serial with no installment number anywhere may have
/// it read into a line of its text.
pub(super) fn find_all(
    lines: &mut [Line],
    segs: &[Segment],
    notes: &mut Vec<Note>,
) -> Vec<Option<u32>> {
    segs.iter()
        .map(|s| {
            let numbered = s.header.iter().chain(&s.body).any(|it| {
                matches!(
                    it,
                    Item::Installment(..)
                        | Item::Number(..)
                        | Item::Serial(
                            _,
                            SerialHead {
                                number: Some(_),
                                ..
                            }
                        )
                )
            });
            if has_serial_clue(s) && !numbered {
                find(lines, s, notes)
            } else {
                None
            }
        })
        .collect()
}

/// Looks for the number in the article's lines from the end; takes it out
/// of its line.
fn find(lines: &mut [Line], seg: &Segment, notes: &mut Vec<Note>) -> Option<u32> {
    let texts: Vec<usize> = seg
        .body
        .iter()
        .filter_map(|it| {
            if let Item::Text(i) = it {
                Some(*i)
            } else {
                None
            }
        })
        .collect();
    for &i in texts.iter().rev() {
        let Some((range, n)) = bare_number(&lines[i].text) else {
            continue;
        };
        let l = &mut lines[i];
        notes.push(Note {
            line: l.no,
            kind: NoteKind::Moved,
            message: format!("installment number {n}, read into the text: {}", l.text),
        });
        l.text.replace_range(range, "");
        l.width = width(&l.text);
        return (n > 0).then_some(n);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_into_a_line() {
        let t = "夜色漸深, 416 他起身推開";
        let (r, n) = bare_number(t).expect("found");
        assert_eq!(n, 416);
        let mut s = t.to_string();
        s.replace_range(r, "");
        assert_eq!(s, "夜色漸深,他起身推開");
        assert!(bare_number("大桥全长 1280 米，双向").is_none());
        assert!(bare_number("1280 米，双向").is_none());
        assert!(bare_number("走了 416 步").is_none());
        assert_eq!(bare_number("慢慢地靠近。 416").map(|x| x.1), Some(416));
    }
}
