//! The column's typical line (the measure) around each line, in ems.
//!
//! Line-per-box OCR of a newspaper column gives lines that are nearly all
//! as wide as the column: the first line of a paragraph two ems less (its
//! indent is dropped), the last line anything. The measure is the most
//! common width among the text lines near a line — those that do not end in
//! a closing mark, which the compositor may have squeezed in as one extra
//! character. Text that is not set in such columns (one line a paragraph,
//! or lines of any width) has no measure, and the paragraph rules that need
//! one are not used there.

use super::prep::Line;
use super::shape::ends_sentence;

/// Lines on each side that make a line's neighbourhood.
const WINDOW: usize = 15;

/// Share of the lines inside paragraphs that must be about as wide as the
/// measure for the text to count as set in columns.
const SUPPORT: f32 = 0.6;

pub(super) fn local(lines: &[Line], is_text: &[bool]) -> Vec<Option<f32>> {
    let idx: Vec<usize> = (0..lines.len())
        .filter(|&i| is_text[i] && lines[i].width >= 3.0)
        .collect();
    // Where a neighbourhood has no measure of its own (a list, many short
    // paragraphs), the whole text's holds.
    let global = mode(&idx.iter().map(|&i| &lines[i]).collect::<Vec<_>>());
    let at: Vec<Option<f32>> = (0..idx.len())
        .map(|k| {
            let lo = k.saturating_sub(WINDOW);
            let hi = (k + WINDOW + 1).min(idx.len());
            mode(&idx[lo..hi].iter().map(|&i| &lines[i]).collect::<Vec<_>>()).or(global)
        })
        .collect();
    // Every line takes the measure of the nearest text line.
    (0..lines.len())
        .map(|i| {
            let k = idx.partition_point(|&j| j < i);
            let before = k.checked_sub(1).map(|b| (i - idx[b], at[b]));
            let after = idx.get(k).map(|&j| (j - i, at[k]));
            match (before, after) {
                (Some(b), Some(a)) => {
                    if b.0 <= a.0 {
                        b.1
                    } else {
                        a.1
                    }
                }
                (Some(b), None) => b.1,
                (None, Some(a)) => a.1,
                (None, None) => None,
            }
        })
        .collect()
}

/// The measure of a neighbourhood of text lines, if it has one.
fn mode(window: &[&Line]) -> Option<f32> {
    if window.len() < 5 {
        return None;
    }
    let open: Vec<f32> = window
        .iter()
        .filter(|l| {
            !l.text
                .ends_with(|c: char| "，。、；：！？”’」』）…,.;:!?".contains(c))
        })
        .map(|l| l.width)
        .collect();
    let widths: Vec<f32> = if open.len() >= 5 {
        open
    } else {
        window.iter().map(|l| l.width).collect()
    };
    let mut counts = [0usize; 64];
    for w in &widths {
        let b = (w + 0.25).floor() as usize;
        if b < counts.len() {
            counts[b] += 1;
        }
    }
    // The most common width; on a tie the wider one (a full line).
    let (b, _) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(b, &n)| (n, b))
        .filter(|&(_, &n)| n > 0)?;
    // In a column of short paragraphs their first lines, two ems
    // narrower (the indent dropped), can outnumber the full lines: the
    // full width is the measure when a fair share of lines has it.
    let b = match counts.get(b + 2) {
        Some(&n) if n >= 2 && n * 3 >= counts[b] => b + 2,
        _ => b,
    };
    let m = b as f32;
    // Lines that do not end a paragraph are full, or first lines two ems
    // short, when the text is set in columns.
    let inner: Vec<&&Line> = window.iter().filter(|l| !ends_sentence(&l.text)).collect();
    let near = inner
        .iter()
        .filter(|l| l.width >= m - 2.75 && l.width <= m + 1.5)
        .count();
    (inner.len() >= 4 && near as f32 >= SUPPORT * inner.len() as f32 && (6.0..=40.0).contains(&m))
        .then_some(m)
}

#[cfg(test)]
mod tests {
    use super::super::prep::read;
    use super::*;

    #[test]
    fn a_column_has_a_measure_and_long_lines_none() {
        let col = "清晨五点，天刚蒙蒙亮，\n六十八岁的陈德顺已经拿着扫\n帚上了桥。这座名叫永济桥的\n石拱桥横跨在青溪河上，建于\n清光绪年间，到今年已经一百\n三十多年了。\n";
        let lines = read(col, &mut Vec::new());
        let m = local(&lines, &vec![true; lines.len()]);
        assert_eq!(m[1], Some(13.0));
        // Short paragraphs: more first lines (11) than full lines (13).
        let short = "小时候住在河边，家里点\n的是煤油灯。灯罩要天天擦，\n擦得亮了，屋里才亮。\n母亲擦灯罩的时候，总要\n先哈一口气，再用旧报纸慢慢\n地转着擦。\n后来通了电，灯泡挂在屋\n子正中，一拉线就亮，我们都\n说好。\n只有祖母嫌它太亮，说照\n得人心里发慌，晚上还是点她\n的煤油灯。\n";
        let lines = read(short, &mut Vec::new());
        let m = local(&lines, &vec![true; lines.len()]);
        assert_eq!(m[0], Some(13.0));
        let boxes = "市科技馆新馆昨天正式向公众开放。新馆建筑面积三万八千平方米。\n开馆第一天，不少家长一早就带着孩子来排队，在机器人展区待了一个多小时。\n与老馆相比，新馆最大的变化是能摸能玩。\n新馆实行预约参观，每天限流一万五千人，周一闭馆，节假日照常开放，欢迎市民。\n馆长说，展品会定期更换。\n";
        let lines = read(boxes, &mut Vec::new());
        let m = local(&lines, &vec![true; lines.len()]);
        assert_eq!(m[0], None);
    }
}
