//! Display type in Tesseract's reading of a page. Plain text tells the
//! structure stage nothing of type size, which line-per-box tools give as
//! `#` marks; Tesseract's boxes do. A headline or deck is set half as tall
//! again as the body or more, in a block of its own (a kicker and a
//! two-line headline at most), so such lines are:
//!
//! - read again on their own (cropped, scaled to the body's height,
//!   `--psm 7`): Tesseract reads large bold type at full size worst
//!   (入楼的电柳 for 六楼的电梯), a line of body size best;
//! - joined where the OCR cut one row of display type into two blocks
//!   (城市书房”越开越多 / 阅读服务走进社区, read 230 lines apart), the
//!   second piece starting within an em of the first's end;
//! - marked as the OCR tools mark them, `#` for twice the body's height
//!   or more, `##` for less (a deck, a news item's headline).

use super::ocr_lines::{Line, median_height};

/// A display line is this many times the body's height or more, in
/// halves: 3 (a deck 84 px over a 55-px body is; a column's lines with
/// tall marks, 76, are not).
const TALL_HALVES: i32 = 3;
/// A block of display type holds a kicker, a headline of two lines and a
/// deck at most; a column's block beside a figure, whose boxes stand
/// tall, holds more.
const MAX_BLOCK: usize = 3;
/// Boxes read in a figure are taller still (a picture's strokes) and read
/// with little confidence: a line is read again from this confidence up,
/// and marked from [`MIN_CONF`] (its better reading's).
const MAX_TALL: i32 = 6;
const TRY_CONF: f32 = 40.0;
const MIN_CONF: f32 = 70.0;

/// Which lines may be display type: tall against the page's median line,
/// read with some confidence, in a block of a few lines.
pub fn candidates(lines: &[Line]) -> Vec<bool> {
    let med = median_height(lines);
    let in_block = |l: &Line| lines.iter().filter(|m| m.block == l.block).count();
    lines
        .iter()
        .map(|l| {
            let h = l.bottom - l.top;
            h * 2 >= med * TALL_HALVES
                && h <= med * MAX_TALL
                && l.conf >= TRY_CONF
                && in_block(l) <= MAX_BLOCK
        })
        .collect()
}

fn han_count(s: &str) -> usize {
    s.chars()
        .filter(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        .count()
}

/// Whether `again` (a display line read on its own) is to replace
/// `first`: read with as much confidence or more, and about as many Han
/// characters (a reading of a different length is of something else).
pub fn better_reading(first: &Line, again: &Line) -> bool {
    let (a, b) = (han_count(&first.text), han_count(&again.text));
    again.conf >= first.conf && b > 0 && a.abs_diff(b) <= (a / 4).max(1)
}

/// The second reading's words, less a mark it ends with where the first
/// ends on a character (入楼的电柳 read again as 六楼的电梯;: a speck by
/// the crop's edge read as a mark a headline never ends with).
pub fn settled(first: &Line, again: &Line) -> Line {
    let han = |c: Option<char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut text = again.text.trim().to_string();
    if han(first.text.trim_end().chars().last())
        && text.ends_with([';', ',', '.', ':', '|', '\'', '_', '-'])
    {
        text.pop();
    }
    Line {
        text,
        ..again.clone()
    }
}

/// For each line, the index of the display line it is the second piece
/// of (same row, as tall within a third, starting within an em of the
/// first's right end), or `None`.
pub fn pieces(lines: &[Line], display: &[bool]) -> Vec<Option<usize>> {
    let mut joined_to: Vec<Option<usize>> = vec![None; lines.len()];
    for a in 0..lines.len() {
        if !display[a] || joined_to[a].is_some() {
            continue;
        }
        let mut end = lines[a].clone();
        loop {
            let next = (0..lines.len())
                .filter(|&b| b != a && display[b] && joined_to[b].is_none())
                .filter(|&b| same_row(&end, &lines[b]))
                .min_by_key(|&b| lines[b].left);
            let Some(b) = next else { break };
            joined_to[b] = Some(a);
            end = lines[b].clone();
        }
    }
    joined_to
}

/// `b` continues the row `a` ends: the two overlap by half the smaller
/// height, are as tall within a third (a quotation mark raises a box),
/// and `b` starts after `a` within an em (the taller line's height).
fn same_row(a: &Line, b: &Line) -> bool {
    let (ha, hb) = (a.bottom - a.top, b.bottom - b.top);
    let overlap = a.bottom.min(b.bottom) - a.top.max(b.top);
    let gap = b.left - a.right;
    overlap * 2 >= ha.min(hb)
        && (ha - hb).abs() * 3 <= ha.max(hb)
        && (0..=ha.max(hb)).contains(&gap)
}

/// The mark an OCR tool gives a display line of height `h` on a page whose
/// median line is `med` tall, right under a display line `above` tall if
/// any: a line a quarter shorter than the one over it is its deck (a
/// headline 264 px tall over a deck of 110, twice the body's 54).
pub fn mark(h: i32, above: Option<i32>, med: i32) -> &'static str {
    let deck = above.is_some_and(|a| h * 4 < a * 3);
    if h >= 2 * med && !deck { "# " } else { "## " }
}

/// A run of the text's non-empty lines (a block Tesseract wrote apart)
/// and the blank lines after it.
#[derive(Debug)]
struct Chunk {
    rows: Vec<String>,
    boxes: Vec<Line>,
    display: bool,
    after: String,
}

impl Chunk {
    fn top(&self) -> i32 {
        self.boxes.iter().map(|b| b.top).min().unwrap_or(0)
    }
    fn bottom(&self) -> i32 {
        self.boxes.iter().map(|b| b.bottom).max().unwrap_or(0)
    }
    /// Whether the two share some of their width.
    fn beside(&self, o: &Chunk) -> bool {
        let left = |c: &Chunk| c.boxes.iter().map(|b| b.left).min().unwrap_or(0);
        let right = |c: &Chunk| c.boxes.iter().map(|b| b.right).max().unwrap_or(0);
        right(self).min(right(o)) > left(self).max(left(o))
    }
}

/// The text (whose non-empty lines are `lines` in order) with its display
/// lines rewritten: `again[i]` replaces line `i`'s words where it is
/// `Some` (a candidate is display type where it or that reading was read
/// with confidence), a row's second piece joins its first (`　` between)
/// and leaves its place, each display line gets its mark, and blocks are
/// put in their order on the page around display type ([`order`]).
/// Returns the text and its lines (a joined row's box widened, its second
/// pieces left out), so that they still match one for one.
pub fn rewrite(text: &str, lines: &[Line], again: &[Option<Line>]) -> (String, Vec<Line>) {
    if text.lines().filter(|l| !l.trim().is_empty()).count() != lines.len() {
        return (text.to_string(), lines.to_vec());
    }
    let words: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .zip(again)
        .map(|(l, a)| {
            a.as_ref()
                .map_or_else(|| l.trim_end().to_string(), |a| a.text.clone())
        })
        .collect();
    // A character alone, however tall, is a figure's (务 in a picture).
    let display: Vec<bool> = candidates(lines)
        .iter()
        .zip(lines.iter().zip(again))
        .zip(&words)
        .map(|((&c, (l, a)), w)| {
            c && a.as_ref().map_or(l.conf, |a| a.conf) >= MIN_CONF && han_count(w) >= 2
        })
        .collect();
    let joined_to = pieces(lines, &display);
    let (head, mut chunks) = chunks_of(text, lines, &words, &display, &joined_to);
    order(&mut chunks);
    let mut out = head;
    let mut kept = Vec::new();
    for c in chunks {
        for r in &c.rows {
            out.push_str(r);
            out.push('\n');
        }
        out.push_str(&c.after);
        kept.extend(c.boxes);
    }
    (out, kept)
}

/// The text's blocks (runs of non-empty lines), each line with its words
/// (`words`), its row's later pieces joined to it and its mark, and the
/// blank lines before the first block.
fn chunks_of(
    text: &str,
    lines: &[Line],
    words: &[String],
    display: &[bool],
    joined_to: &[Option<usize>],
) -> (String, Vec<Chunk>) {
    let med = median_height(lines);
    let mut above: Option<i32> = None;
    let mut head = String::new();
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut open = false;
    let mut n = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            let blank = match chunks.last_mut() {
                Some(c) => &mut c.after,
                None => &mut head,
            };
            blank.push_str(line);
            blank.push('\n');
            open = false;
            continue;
        }
        let i = n;
        n += 1;
        if joined_to[i].is_some() {
            continue;
        }
        let mut l = lines[i].clone();
        let mut row = words[i].clone();
        let mut rest: Vec<usize> = (0..lines.len())
            .filter(|&j| joined_to[j] == Some(i))
            .collect();
        rest.sort_by_key(|&j| lines[j].left);
        for j in rest {
            row.push('\u{3000}');
            row.push_str(words[j].trim());
            l.right = l.right.max(lines[j].right);
        }
        let h = l.bottom - l.top;
        if display[i] {
            row = format!("{}{}", mark(h, above, med), row.trim());
        }
        above = display[i].then_some(h);
        if !open {
            chunks.push(Chunk {
                rows: Vec::new(),
                boxes: Vec::new(),
                display: false,
                after: String::new(),
            });
        }
        open = true;
        let c = chunks.last_mut().expect("a chunk was pushed");
        c.rows.push(row);
        c.boxes.push(l);
        c.display |= display[i];
    }
    (head, chunks)
}

/// Blocks put in their order on the page around display type, which
/// Tesseract reads out of it: a block of display type read after blocks
/// lying under it in its width (a serial's title after its first column,
/// a news item's headline after its first lines) goes over them, and the
/// blocks read right after it that lie over them too (the serial's credit
/// line under its title) go with it; a block of one line read right after
/// display type it lies over (a kicker read after the headline and deck)
/// goes over that.
fn order(chunks: &mut Vec<Chunk>) {
    let mut k = 0;
    while k < chunks.len() {
        let c = &chunks[k];
        let under = |o: &Chunk| o.top() >= c.top() && o.beside(c) && !o.display;
        let over = |o: &Chunk| o.display && o.top() >= c.bottom() && o.beside(c);
        let mut to = k;
        if c.display {
            while to > 0 && under(&chunks[to - 1]) {
                to -= 1;
            }
        } else if c.rows.len() == 1 {
            while to > 0 && over(&chunks[to - 1]) {
                to -= 1;
            }
        }
        if to == k {
            k += 1;
            continue;
        }
        let floor = chunks[to..k].iter().map(Chunk::top).min().unwrap_or(0);
        let mut end = k + 1;
        while end < chunks.len()
            && !chunks[end].display
            && chunks[end].bottom() <= floor
            && chunks[end].beside(&chunks[k])
        {
            end += 1;
        }
        let mut moved: Vec<Chunk> = chunks.drain(k..end).collect();
        // Each block keeps a blank line after it, so the blocks it now
        // stands among stay apart.
        for c in moved.iter_mut().chain(chunks.get_mut(k - 1)) {
            if c.after.is_empty() {
                c.after.push('\n');
            }
        }
        let n = moved.len();
        for (j, c) in moved.into_iter().enumerate() {
            chunks.insert(to + j, c);
        }
        k += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of `text` in block `block`, `h` tall, from `left` to
    /// `right`, its top at `top`.
    fn line(text: &str, block: i32, (left, top, right, h): (i32, i32, i32, i32)) -> Line {
        Line {
            text: text.into(),
            left,
            top,
            right,
            bottom: top + h,
            conf: 90.0,
            block: (1, block),
        }
    }

    /// A column of body lines 55 px tall in block 9 (the page's median),
    /// and the text Tesseract wrote for `lines`: each line a block of its
    /// own but the column.
    fn page(mut head: Vec<Line>) -> (String, Vec<Line>) {
        for k in 0..12 {
            head.push(line(
                "早上七点五十分，槐荫",
                9,
                (180, 1000 + 52 * k, 630, 55),
            ));
        }
        let mut text = String::new();
        for (k, l) in head.iter().enumerate() {
            if k > 0 && head[k - 1].block != l.block {
                text.push('\n');
            }
            text.push_str(&l.text);
            text.push('\n');
        }
        (text, head)
    }

    fn none(n: usize) -> Vec<Option<Line>> {
        vec![None; n]
    }

    #[test]
    fn display_type_is_marked_by_its_height() {
        let (text, lines) = page(vec![
            line("社区里的新去处", 1, (340, 300, 715, 73)),
            line("城市书房越开越多", 2, (500, 420, 1680, 179)),
            line("一座城市三年建起六十二间自助书房", 3, (340, 615, 1320, 84)),
        ]);
        let (out, _) = rewrite(&text, &lines, &none(lines.len()));
        assert!(out.starts_with(
            "社区里的新去处\n\n# 城市书房越开越多\n\n## 一座城市三年建起六十二间自助书房\n\n早上"
        ));
        // A column's lines standing tall beside a figure (a block of
        // many lines), or a picture read as a line with little
        // confidence, are no display type.
        let column: Vec<Line> = (0..4)
            .map(|k| {
                line(
                    "四个人，晚上根本看不进去",
                    5,
                    (1160, 950 + 52 * k, 1600, 90),
                )
            })
            .collect();
        let (text, lines) = page(column);
        assert!(!rewrite(&text, &lines, &none(lines.len())).0.contains('#'));
        let guess = vec![Line {
            conf: 45.0,
            ..lines[1].clone()
        }];
        let (text, lines) = page(guess);
        assert!(!rewrite(&text, &lines, &none(lines.len())).0.contains('#'));
    }

    #[test]
    fn a_display_line_read_again_replaces_the_first_reading() {
        let first = Line {
            conf: 75.0,
            ..line("入楼的电柳”等了四年", 1, (300, 400, 1500, 180))
        };
        let again = Line {
            conf: 92.0,
            ..line("六楼的电梯”等了四年", 1, (0, 0, 900, 60))
        };
        assert!(better_reading(&first, &again));
        let (text, lines) = page(vec![first.clone()]);
        let mut reads = none(lines.len());
        reads[0] = Some(again.clone());
        assert!(
            rewrite(&text, &lines, &reads)
                .0
                .starts_with("# 六楼的电梯”等了四年\n")
        );
        // Read with less confidence, or of another length, it is not.
        let unsure = Line {
            conf: 60.0,
            ..again.clone()
        };
        let longer = Line {
            text: "六楼的电梯等了四年还没有装".into(),
            ..again
        };
        assert!(!better_reading(&first, &unsure) && !better_reading(&first, &longer));
        // A candidate read with little confidence is display type where
        // its second reading is read with confidence.
        let low = Line {
            conf: 47.0,
            ..line("一过灯", 1, (3500, 1400, 3720, 96))
        };
        let (text, lines) = page(vec![low]);
        assert!(!rewrite(&text, &lines, &none(lines.len())).0.contains('#'));
        let mut reads = none(lines.len());
        reads[0] = Some(line("一盏灯", 1, (0, 0, 160, 55)));
        assert!(rewrite(&text, &lines, &reads).0.starts_with("## 一盏灯\n"));
    }

    /// The OCR cut one headline row into two blocks and read the second
    /// after a column; it joins the first.
    #[test]
    fn a_rows_pieces_of_display_type_join() {
        let (text, lines) = page(vec![
            line("城市书房”越开越多", 2, (527, 423, 1681, 179)),
            line("一座城市三年建起六十二间自助书房", 3, (341, 615, 1318, 84)),
            line("阅读服务走进社区", 20, (1836, 427, 2900, 129)),
            line("记者走访其中九间", 21, (1387, 615, 1870, 84)),
        ]);
        let (out, kept) = rewrite(&text, &lines, &none(lines.len()));
        assert!(out.starts_with(
            "# 城市书房”越开越多　阅读服务走进社区\n\n## 一座城市三年建起六十二间自助书房　记者走访其中九间\n\n\n\n早上"
        ));
        assert_eq!(kept.len(), lines.len() - 2);
        assert_eq!(kept[0].right, 2900);
        // Two headlines side by side, a column apart, stay apart.
        let (text, lines) = page(vec![
            line("城西立交今晚恢复通行", 2, (200, 400, 1100, 90)),
            line("一张读者证全市通借通还", 3, (1300, 400, 2200, 90)),
        ]);
        assert_eq!(
            rewrite(&text, &lines, &none(lines.len())).1.len(),
            lines.len()
        );
    }

    #[test]
    fn a_mark_the_second_reading_adds_at_the_end_goes() {
        let first = line("凌晨一点，37 路末班车还在", 1, (0, 0, 900, 250));
        let again = line("凌晨一点，37路末班车还在;", 1, (0, 0, 400, 55));
        assert_eq!(settled(&first, &again).text, "凌晨一点，37路末班车还在");
        let asked = line("谁来管？", 1, (0, 0, 400, 55));
        let first = line("谁来管?", 1, (0, 0, 900, 250));
        assert_eq!(settled(&first, &asked).text, "谁来管？");
    }

    /// A serial's title read after the first lines of its column, which
    /// lie under it, goes over them with its credit line read after it;
    /// a news item's last line left of it, in another column, and the
    /// second column, read after the credit, stay where they are.
    #[test]
    fn display_type_read_after_the_lines_under_it_goes_over_them() {
        let mut lines = vec![line("（本报讯）", 1, (100, 900, 500, 55))];
        for k in 0..4 {
            lines.push(line(
                "雨从傍晚开始下，一直没",
                2,
                (700, 700 + 52 * k, 1150, 55),
            ));
        }
        lines.push(line("第七百八十九回", 3, (700, 560, 1400, 136)));
        lines.push(line("连载 789", 4, (700, 660, 900, 35)));
        lines.push(line("开。信纸只有一页，折成了四", 5, (1200, 700, 1650, 55)));
        let (text, lines) = page(lines);
        let (out, kept) = rewrite(&text, &lines, &none(lines.len()));
        assert!(
            out.starts_with(
                "（本报讯）\n\n# 第七百八十九回\n\n连载 789\n\n雨从傍晚开始下，一直没\n"
            ),
            "{out}"
        );
        assert!(out.contains("一直没\n\n开。信纸"), "{out}");
        assert_eq!(kept[1].text, "第七百八十九回");
        assert_eq!(kept.len(), lines.len());
    }

    /// A kicker read after its headline and deck, lying over them, goes
    /// over them.
    #[test]
    fn a_line_read_after_display_type_it_lies_over_goes_over_it() {
        let (text, lines) = page(vec![
            line("城南菜市场　改了三年才开门", 1, (300, 400, 2000, 176)),
            line("摊位少了四十个，顾客却多了一倍", 2, (300, 600, 1900, 91)),
            line("老城更新观察", 3, (300, 300, 700, 55)),
            line("本报记者 许若川", 4, (300, 720, 700, 55)),
        ]);
        let (out, _) = rewrite(&text, &lines, &none(lines.len()));
        assert!(out.starts_with(
            "老城更新观察\n\n# 城南菜市场　改了三年才开门\n\n## 摊位少了四十个，顾客却多了一倍\n\n本报记者"
        ), "{out}");
    }

    #[test]
    fn a_deck_under_its_headline_is_marked_smaller_however_tall() {
        let (text, lines) = page(vec![
            line("城市书房越开越多", 1, (500, 400, 1700, 264)),
            line("一座城市三年建起六十二间自助书房", 2, (340, 680, 1320, 110)),
            line("务", 3, (1500, 2000, 1600, 189)),
        ]);
        let (out, _) = rewrite(&text, &lines, &none(lines.len()));
        assert!(
            out.starts_with("# 城市书房越开越多\n\n## 一座城市三年建起六十二间自助书房\n\n务\n"),
            "{out}"
        );
    }
}
