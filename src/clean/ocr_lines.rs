//! Two readings of one page merged: Tesseract reads a 300-dpi page's body
//! text best at that size, but drops or garbles some large bold lines
//! (section heads, headlines), which it reads whole on the page scaled to
//! half. The full-size reading is kept as it is, and each line the
//! half-size reading has where the full-size one has no line at all is
//! put in, next to the nearer line above or under it in its column.
//! Nothing of the full-size reading is changed or dropped.

/// The least mean confidence of a line put in (a line Tesseract guesses at
/// in a figure or a rule reads below it).
const MIN_CONF: f32 = 70.0;

/// A line Tesseract read, with its box in the full-size image's pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    /// The mean confidence of its words (0–100).
    pub conf: f32,
    /// Tesseract's page and block numbers: the lines of one block of text.
    pub block: (i32, i32),
}

impl Line {
    fn height(&self) -> i32 {
        self.bottom - self.top
    }

    fn x_overlap(&self, o: &Line) -> i32 {
        self.right.min(o.right) - self.left.max(o.left)
    }

    fn y_overlap(&self, o: &Line) -> i32 {
        self.bottom.min(o.bottom) - self.top.max(o.top)
    }
}

/// The lines of Tesseract's TSV output (`tesseract IMAGE - tsv`), in its
/// reading order, boxes multiplied by `scale`; lines of no text (a rule
/// read as a space) are left out, so they match the text output's
/// non-empty lines one for one.
pub fn tsv_lines(tsv: &str, scale: i32) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut key = None;
    let mut confs: Vec<f32> = Vec::new();
    let close = |out: &mut Vec<Line>, confs: &mut Vec<f32>| {
        if let Some(l) = out.last_mut()
            && !confs.is_empty()
        {
            l.conf = confs.iter().sum::<f32>() / confs.len() as f32;
        }
        confs.clear();
    };
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 || f[0] != "5" || f[11].trim().is_empty() {
            continue;
        }
        let n = |i: usize| f[i].parse::<i32>().unwrap_or(0) * scale;
        let this = (f[1], f[2], f[3], f[4]);
        let word = Line {
            text: f[11].to_string(),
            left: n(6),
            top: n(7),
            right: n(6) + n(8),
            bottom: n(7) + n(9),
            conf: 0.0,
            block: (f[1].parse().unwrap_or(0), f[2].parse().unwrap_or(0)),
        };
        let conf = f[10].parse::<f32>().unwrap_or(0.0);
        if key == Some(this) {
            // Invariant: `key` is set only after a line was pushed.
            let l = out.last_mut().expect("a line for this key");
            l.text.push_str(&word.text);
            l.left = l.left.min(word.left);
            l.top = l.top.min(word.top);
            l.right = l.right.max(word.right);
            l.bottom = l.bottom.max(word.bottom);
        } else {
            close(&mut out, &mut confs);
            out.push(word);
            key = Some(this);
        }
        confs.push(conf);
    }
    close(&mut out, &mut confs);
    out
}

/// The median height of the lines (0 for none).
pub fn median_height(lines: &[Line]) -> i32 {
    let mut h: Vec<i32> = lines.iter().map(Line::height).collect();
    h.sort_unstable();
    h.get(h.len() / 2).copied().unwrap_or(0)
}

fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The half-size reading's lines (two Han characters or more, read with
/// confidence) that no line of the full-size reading overlaps: lines the
/// full-size reading lost. (Its large lines are no taller than others by
/// much: a bold head's box is a sixth taller than a body line's, whose
/// marks reach below it; being lost is the evidence.)
fn lost<'a>(full: &[Line], half: &'a [Line]) -> Vec<&'a Line> {
    half.iter()
        .filter(|h| {
            h.text.chars().filter(|&c| han(c)).count() >= 2
                && h.conf >= MIN_CONF
                && !full
                    .iter()
                    .any(|f| f.x_overlap(h) > 0 && f.y_overlap(h) * 3 > h.height())
        })
        .collect()
}

/// The index of the full-size line after which `h` goes (`None`: before
/// the first): next to the nearer of the lines above and under it that
/// share its column (overlap half of the narrower one's width). A head at
/// the top of a column goes over the column's first line, not under a
/// headline or deck that spans the columns far above it; with no line in
/// its column, at the end.
fn after(full: &[Line], h: &Line) -> Option<usize> {
    let column = |f: &Line| f.x_overlap(h) * 2 >= (f.right - f.left).min(h.right - h.left);
    let above = full
        .iter()
        .enumerate()
        .filter(|(_, f)| column(f) && f.bottom <= h.top + h.height() / 2)
        .max_by_key(|(_, f)| f.bottom)
        .map(|(i, f)| (i, h.top - f.bottom));
    let below = full
        .iter()
        .enumerate()
        .filter(|(_, f)| column(f) && f.top >= h.top)
        .min_by_key(|(_, f)| f.top)
        .map(|(i, f)| (i, f.top - h.bottom));
    match (above, below) {
        (Some((i, up)), Some((_, down))) if up <= down => Some(i),
        (Some((i, _)), None) => Some(i),
        (_, Some((i, _))) => i.checked_sub(1),
        (None, None) => full.len().checked_sub(1),
    }
}

/// The full-size reading's text (`text`, whose non-empty lines are
/// `full`'s lines in order) with the lines only the half-size reading has
/// put in, each as a block of its own (blank lines around it). Returns
/// the text and how many lines were put in.
pub fn merge(text: &str, full: &[Line], half: &[Line]) -> (String, usize) {
    // The text and the boxes come from one run; should they ever disagree,
    // nothing is put in where it cannot be placed.
    if text.lines().filter(|l| !l.trim().is_empty()).count() != full.len() {
        return (text.to_string(), 0);
    }
    let mut inserts: Vec<(Option<usize>, &Line)> = lost(full, half)
        .into_iter()
        .map(|h| (after(full, h), h))
        .collect();
    // Lines put in at one place keep the half-size reading's order.
    inserts.sort_by_key(|(at, h)| (at.map_or(0, |i| i + 1), h.top));
    let mut out = String::new();
    let put = |out: &mut String, at: Option<usize>| {
        for (_, h) in inserts.iter().filter(|(a, _)| *a == at) {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(&h.text);
            out.push_str("\n\n");
        }
    };
    put(&mut out, None);
    let mut n = 0;
    let mut pending = None;
    for line in text.lines() {
        if !line.trim().is_empty()
            && let Some(at) = pending.take()
        {
            put(&mut out, Some(at));
        }
        out.push_str(line);
        out.push('\n');
        if !line.trim().is_empty() {
            pending = (n < full.len()).then_some(n);
            n += 1;
        }
    }
    if let Some(at) = pending {
        put(&mut out, Some(at));
    }
    (out, inserts.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, left: i32, top: i32, right: i32, bottom: i32) -> Line {
        Line {
            text: text.into(),
            left,
            top,
            right,
            bottom,
            conf: 90.0,
            block: (1, top),
        }
    }

    /// A line of a column 400 wide (column 0 at the left, 1 at 500), 40
    /// high.
    fn cell(text: &str, column: i32, top: i32) -> Line {
        line(text, column * 500, top, column * 500 + 400, top + 40)
    }

    #[test]
    fn tsv_words_make_lines() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            4\t1\t1\t1\t1\t0\t10\t20\t100\t30\t-1\t\n\
            5\t1\t1\t1\t1\t1\t10\t20\t40\t30\t90\t城市\n\
            5\t1\t1\t1\t1\t2\t60\t22\t50\t28\t70\t书房\n\
            5\t1\t2\t1\t1\t1\t10\t60\t300\t2\t95\t \n\
            5\t1\t3\t1\t1\t1\t5\t80\t20\t20\t50\t好\n";
        let l = tsv_lines(tsv, 2);
        assert_eq!(l.len(), 2);
        assert_eq!(
            l[0],
            Line {
                conf: 80.0,
                block: (1, 1),
                ..line("城市书房", 20, 40, 220, 100)
            }
        );
        assert_eq!(
            l[1],
            Line {
                conf: 50.0,
                block: (1, 3),
                ..line("好", 10, 160, 50, 200)
            }
        );
    }

    /// Two columns; the half-size reading has a large head in the right
    /// column that the full-size reading lost, and a body line both read.
    #[test]
    fn a_lost_large_line_goes_after_the_line_above_it_in_its_column() {
        let full = vec![
            cell("左一", 0, 0),
            cell("左二", 0, 50),
            cell("右一", 1, 0),
            cell("右三", 1, 160),
        ];
        let text = "左一\n左二\n\n右一\n\n右三\n";
        let half = vec![
            cell("右一", 1, 0),
            line("四、不只是一顿饭", 520, 90, 880, 150),
            cell("左二", 0, 50),
        ];
        let (out, n) = merge(text, &full, &half);
        assert_eq!(n, 1);
        assert_eq!(out, "左一\n左二\n\n右一\n\n四、不只是一顿饭\n\n右三\n");
        // A line the full-size reading has (its box overlaps), or one
        // read with little confidence, is not put in.
        let guess = Line {
            conf: 40.0,
            ..cell("右二", 1, 100)
        };
        let small = vec![cell("右一", 1, 5), guess];
        assert_eq!(merge(text, &full, &small), (text.to_string(), 0));
    }

    /// Under a deck that spans the columns far above, a head at a
    /// column's top goes over that column's first line.
    #[test]
    fn a_lost_head_at_a_columns_top_goes_over_its_first_line() {
        let full = vec![
            line("一座城市三年建起六十二间自助书房", 0, 0, 900, 60),
            cell("三年前，这座城市只有一", 0, 100),
            line("的九间。", 0, 150, 200, 190),
            line("借书不再跑远路", 500, 330, 900, 380),
            cell("早上七点五十分", 1, 400),
        ];
        let text = "一座城市三年建起六十二间自助书房\n\n三年前，这座城市只有一\n的九间。\n\n借书不再跑远路\n\n早上七点五十分\n";
        let half = vec![line("一、书房开到楼下", 500, 260, 900, 310)];
        assert_eq!(
            merge(text, &full, &half).0,
            "一座城市三年建起六十二间自助书房\n\n三年前，这座城市只有一\n的九间。\n\n一、书房开到楼下\n\n借书不再跑远路\n\n早上七点五十分\n"
        );
    }

    #[test]
    fn a_lost_line_at_a_columns_top_goes_before_it() {
        let full = vec![cell("左一", 0, 100), cell("右一", 1, 100)];
        let text = "左一\n\n右一\n";
        let half = vec![
            cell("左一", 0, 100),
            line("标题在上", 500, 20, 900, 80),
            cell("右一", 1, 100),
        ];
        assert_eq!(merge(text, &full, &half).0, "左一\n\n标题在上\n\n右一\n");
    }
}
