//! Tests on a line's shape that the structure stage asks: does it end a
//! sentence, could it be a heading, does it open an enumerated item, is it
//! a full column line or a short one. Widths are in ems against the
//! column's typical line (the measure).

use super::names::is_han;
use super::prep::Line;

/// Closing marks a sentence end may have after it (。” 。） ？」).
const CLOSERS: &str = "”’」』）)》]\"'";
/// Closing quotes and brackets a sentence's stop may stand before (盼着的”.).
pub(super) const QUOTES_CLOSING: &str = "”’」』）";
/// Marks a line may end with, set in half an em there.
const MARKS_END: &str = "，。、；：！？”’」』）,.;:!?";

/// Ends a sentence: 。！？… (also after a closing quote), and the OCR's
/// misreadings of 。 after a Han character (`.`, `o`).
pub(super) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(|c: char| CLOSERS.contains(c));
    let mut rev = t.chars().rev();
    match rev.next() {
        Some('。' | '！' | '？' | '…' | '!' | '?' | '．') => true,
        Some('.' | 'o') => rev
            .find(|c| !QUOTES_CLOSING.contains(*c))
            .is_some_and(is_han),
        _ => false,
    }
}

/// Characters that leave a phrase open (的, 和, 把…): neither a head nor a
/// paragraph ends on them.
const OPEN_ENDS: &str = "的和与及把被从对向将或之";

/// Ends on a character that needs what follows: the line breaks inside a
/// phrase.
pub(super) fn leaves_open(s: &str) -> bool {
    s.trim_end().ends_with(|c: char| OPEN_ENDS.contains(c))
}

/// One or two characters that are not a word (`一`, `/女`): what the OCR
/// made of large type it could not read.
pub(super) fn fragment(t: &str) -> bool {
    let cs: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    !cs.is_empty()
        && cs.len() <= 2
        && !(cs.len() == 2 && cs.iter().all(|&c| super::names::is_han(c)))
}

/// Ends with a comma, which at a paragraph's end is a misread 。.
pub(super) fn ends_with_comma(s: &str) -> bool {
    s.trim_end().ends_with(['，', ','])
}

/// Punctuation a heading does not end with and a sentence does.
const STOPS: &str = "。，、；：！？,;:!?．";

/// A line that could be a headline, deck or section head by its text: short,
/// not ending in punctuation, no sentence inside, not starting with a mark
/// that closes something. Widths are left to the caller.
pub(super) fn heading_text(t: &str) -> bool {
    let n = t.chars().count();
    let inner_stops = t.chars().filter(|c| "。；;！!？?".contains(*c)).count();
    let commas = t.chars().filter(|c| "，,".contains(*c)).count();
    let last = t.trim_end().chars().last();
    (2..=32).contains(&n)
        && t.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && !t.starts_with(|c: char| "”’」』）)》，。、,.".contains(c))
        && !last.is_some_and(|c| STOPS.contains(c))
        && inner_stops == 0
        && commas <= 1
        // Nor a misread 。 (`o`, `.`) after a Han character.
        && !(matches!(last, Some('o' | '.')) && t.trim_end().chars().rev().nth(1).is_some_and(is_han))
}

/// Opens an enumerated item: 一、 （二） (3) 1. 1、 ① △ ● ■ 第一，
pub(super) fn enumerator(t: &str) -> bool {
    let cs: Vec<char> = t.chars().take(6).collect();
    let first = cs.first().copied().unwrap_or(' ');
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    let after_num = |k: usize| cs.get(k).is_some_and(|c| "、.．，,)）".contains(*c));
    let digits = cs.iter().take_while(|c| c.is_ascii_digit()).count();
    let cns = cs.iter().take_while(|c| cn(**c)).count();
    let bracketed = "（(".contains(first)
        && cs.get(1).is_some_and(|c| cn(*c) || c.is_ascii_digit())
        && cs.iter().skip(1).take(4).any(|c| "）)".contains(*c));
    "①②③④⑤⑥⑦⑧⑨⑩△●■□◆◇★☆•·".contains(first)
        || (digits > 0 && digits <= 2 && after_num(digits))
        || (cns > 0 && cns <= 3 && cs.get(cns) == Some(&'、'))
        || bracketed
        || (first == '第' && cs.get(1).is_some_and(|c| cn(*c)) && cs.get(2) == Some(&'，'))
}

/// Opens with a word or two and a stop (钱？记者算了一笔账) or a semicolon
/// (见；老人们说…, 极；戴着…), or with one character and a pause (中，有四):
/// no paragraph opens so, the sentence began on the line before
/// (一间书房一年要花多少 / 钱？).
pub(super) fn runs_on(t: &str) -> bool {
    let cs: Vec<char> = t.chars().take(4).collect();
    let words = cs.iter().take_while(|&&c| is_han(c)).count();
    let stop = cs.get(words).copied().unwrap_or(' ');
    let pause = words == 1 && "，,、".contains(stop) && !enumerator(t);
    (1..=2).contains(&words) && "。？！?!；;".contains(stop) || pause
}

/// Words that make a short line over a headline a kicker (引题): a column's
/// or genre's name.
const KICKER_ENDS: [&str; 40] = [
    "随笔", "隨筆", "快讯", "快訊", "手记", "手記", "特稿", "专稿", "專稿", "观察", "觀察", "评论",
    "評論", "时评", "時評", "短评", "短評", "社论", "社論", "特写", "特寫", "综述", "綜述", "侧记",
    "側記", "纪实", "紀實", "专访", "專訪", "速递", "速遞", "调查", "調查", "链接", "鏈接", "札记",
    "札記", "故事", "散文", "杂谈",
];

pub(super) fn kicker_word(t: &str) -> bool {
    t.chars().count() <= 12 && KICKER_ENDS.iter().any(|k| t.ends_with(k))
}

/// A kicker's shape, given back with its middle dot: two words of two to four Han characters parted by a
/// middle dot (城事·旧楼), or by what the OCR reads for one (… • ・ .).
/// A line of dialogue can have it too (走了……好吧): callers ask where the
/// line stands as well.
pub(super) fn kicker_shape(t: &str) -> Option<String> {
    const DOTS: &str = "·・•‧．.…";
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let (a, b) = t.split_once(|c: char| DOTS.contains(c))?;
    let b = b.trim_start_matches(|c: char| DOTS.contains(c));
    let word = |w: &str| (2..=4).contains(&w.chars().count()) && w.chars().all(is_han);
    (word(a) && word(b)).then(|| format!("{a}·{b}"))
}

/// A full column line (a line inside a paragraph).
pub(super) fn full(width: f32, measure: f32) -> bool {
    width >= measure - 1.0
}

/// Narrower than a line inside a paragraph can be. A justified column
/// sets each line a paragraph runs on through to the measure exactly, so a
/// line of Han characters alone (no letters, digits or marks, which set
/// looser or tighter) a whole em short of it is no inner line: a
/// headline's line or a paragraph's last. A pause between two Han
/// characters is set an em wide as they are.
pub(super) fn narrow(line: &Line, measure: f32) -> bool {
    let cs: Vec<char> = line.text.chars().filter(|&c| c != ' ').collect();
    let han = (0..cs.len()).all(|k| em_wide(&cs, k));
    !full(line.width, measure) || han && line.width <= measure - 0.75
}

/// Pauses set an em wide between two Han characters (a mark at a line's
/// end, or beside another mark, may be set in half an em).
const PAUSES: &str = "，、；：,;:";

/// The character at `k` is set an em wide wherever the line breaks: a Han
/// character, or a pause between two.
fn em_wide(cs: &[char], k: usize) -> bool {
    let han = |j: usize| cs.get(j).is_some_and(|&c| is_han(c));
    han(k) || PAUSES.contains(cs[k]) && k > 0 && han(k - 1) && han(k + 1)
}

/// Shorter than a line inside a paragraph.
pub(super) fn short(width: f32, measure: f32) -> bool {
    width <= measure - 1.25
}

/// As wide as a paragraph's first line, whose two-em indent line-per-box
/// OCR dropped (a closing mark or two at its end may have been squeezed
/// in, or a character pushed down with the mark after it).
pub(super) fn indent_shape(line: &Line, measure: f32) -> bool {
    // A 。 the OCR read as `o` after a Han character is a mark as printed
    // (第二次是在二〇二三年底o is a first line, as 。 would be).
    let misread = line.text.trim_end().ends_with('o') && ends_sentence(&line.text);
    let squeezed = line
        .text
        .chars()
        .rev()
        .take(2)
        .take_while(|c| MARKS_END.contains(*c) || misread && *c == 'o')
        .count();
    // Marks side by side are squeezed too: the first line of a line of
    // dialogue (「你看！」阿婆…) holds more characters.
    let inner = super::prep::squeezed(&line.text);
    (0..=squeezed).any(|k| {
        let w = line.width - k as f32;
        let fits = |w: f32| w >= measure - 3.75 && w <= measure - 1.25;
        fits(w) || fits(w - inner)
    })
}

/// A turn of dialogue: the line opens a quotation and closes it at its
/// end (阿禾吃了一惊：“这么多？”).
pub(super) fn turn(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with(['”', '」']) && t.contains(['“', '「'])
}

/// A line's width as printed: its marks side by side squeezed, a mark at
/// its end half an em.
pub(super) fn printed(line: &Line) -> f32 {
    let closing = line.text.ends_with(|c: char| MARKS_END.contains(c));
    line.width - super::prep::squeezed(&line.text) - if closing { 0.5 } else { 0.0 }
}

/// Opens a paragraph: as wide as a first line, and not a full line that
/// lost a character to an opening mark pushed down to the next line
/// (which cannot end a line), and not a one-line paragraph's end.
pub(super) fn first_line(line: &Line, next: Option<&Line>, measure: f32) -> bool {
    let tight = printed(line);
    let pushed = tight >= measure - 1.0
        && next.is_some_and(|n| n.text.starts_with(|c: char| "“‘（《「『(\"".contains(c)));
    // Wider than a first line as printed (its end mark squeezed into the
    // margin to fit), it is more often a paragraph's last line: it opens
    // one only over a line its paragraph runs on through. Not a line
    // closing the quotation it opens (阿禾吃了一惊：“这么多？”): a turn of
    // dialogue is set as its own paragraph, however short.
    let wide = tight > measure - 2.0 && !turn(&line.text);
    // As wide as a full line as printed (的瀛豯說：「了了褚了了從。」, fourteen
    // characters in thirteen ems): however many marks end it, no first
    // line, which is two ems short.
    let full_printed = tight > measure - 1.0;
    indent_shape(line, measure)
        && !pushed
        && !full_printed
        && (!ends_sentence(&line.text)
            || next.is_some_and(|n| full(n.width, measure) && !(wide && opens_too(n, measure))))
}

/// A line an em short of the measure or more, ending on no sentence end,
/// as wide as a paragraph's first line once its marks are squeezed (了好年
/// 的里一旸河对了里，, twelve of thirteen): no line a paragraph runs on
/// through (justified to the measure) but a paragraph's first line. So a
/// line ending its sentence over it is no one-line paragraph's opening
/// that runs on into it, but the last line of the paragraph before.
fn opens_too(line: &Line, measure: f32) -> bool {
    line.width <= measure - 0.75 && !ends_sentence(&line.text) && indent_shape(line, measure)
}

/// The short line `b` after `a` is a piece of a printed line the OCR cut
/// into two boxes: neither ends a sentence, `b` is no paragraph's first
/// line (nor, ending on no mark, its last), and either `a` and `b` make a
/// full line with a full line after them (`a` inside a paragraph), or `a`
/// is a paragraph's first line and `b` with the line `c` after it make a
/// full line. (A head in two lines has a paragraph's first line after it.)
pub(super) fn box_piece(a: &Line, b: &Line, c: Option<&Line>, measure: f32) -> bool {
    let fills = |x: f32| (x - measure).abs() <= 1.5;
    let piece = !ends_sentence(&a.text)
        && !ends_sentence(&b.text)
        && !ends_with_comma(&b.text)
        && short(b.width, measure)
        && !indent_shape(b, measure)
        && b.text
            .ends_with(|c: char| super::names::is_han(c) || c.is_ascii_alphanumeric());
    let Some(c) = c else { return false };
    piece
        && (fills(a.width + b.width) && full(c.width, measure)
            || indent_shape(a, measure) && fills(b.width + c.width))
}

/// 第七章 渡口, 第七百八十九回　雨夜的来信: an installment's title.
pub(super) fn chapter_title(t: &str) -> bool {
    let rest = t.strip_prefix('第').unwrap_or("");
    let n = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百千〇零两".contains(*c))
        .count();
    n > 0
        && rest
            .chars()
            .nth(n)
            .is_some_and(|c| "回章节節集话話部".contains(c))
}

/// Splits a line at "。　　" (a sentence end followed by an indent): the
/// scan ran two paragraphs together.
pub(super) fn split_run_together(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in t.char_indices() {
        if "。！？”」".contains(c) {
            let after = &t[i + c.len_utf8()..];
            let indent = after.chars().take_while(|&c| c == '　' || c == ' ').count();
            if indent >= 2 && after.chars().nth(indent).is_some() {
                out.push(&t[start..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
    }
    out.push(t[start..].trim_start());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        for s in ["好。", "“你去吗？”", "三十年。\"", "帖o", "者.", "……"] {
            assert!(ends_sentence(s), "{s}");
        }
        for s in ["（据新华社）", "他说“好”", "GPS.", "hello", "两年,"] {
            assert!(!ends_sentence(s), "{s}");
        }
    }

    #[test]
    fn headings() {
        for s in [
            "城乡联通　服务延伸到村",
            "老桥有了新“保健医生”",
            "凌晨一点，37路末班车还在路上",
        ] {
            assert!(heading_text(s), "{s}");
        }
        // A paragraph's last line whose 。 the OCR read as `.` or `o`.
        for s in [
            "你去吗？",
            "”他说",
            "了。",
            "好，好，好",
            "的年一.",
            "的年一o",
        ] {
            assert!(!heading_text(s), "{s}");
        }
        assert!(heading_text("增长3.5"));
    }

    #[test]
    fn kicker_shapes() {
        for s in ["城事·旧楼", "城事……旧楼", "城事 . 旧楼", "民生・调查"] {
            assert_eq!(kicker_shape(s).map(|k| k.chars().count()), Some(5), "{s}");
        }
        for s in ["约翰·史密斯先生", "城事", "城·旧楼", "A·B", "城事·旧楼。"] {
            assert_eq!(kicker_shape(s), None, "{s}");
        }
    }

    #[test]
    fn enumerators() {
        for s in [
            "一、减轻",
            "（二）减免",
            "1.设立",
            "2、扩大",
            "△全市",
            "①第一",
            "第一，",
        ] {
            assert!(enumerator(s), "{s}");
        }
        for s in ["一位老人", "2024年", "12月", "（据新华社）"] {
            assert!(!enumerator(s), "{s}");
        }
    }
}
