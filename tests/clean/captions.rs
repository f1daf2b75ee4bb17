//! The twenty-seventh round's rules, found on the generated prose sets
//! (tests/fixtures/clean/gen-prose): a figure's caption with no cue and
//! no credit, read as the body's only head. Each test is a small input of
//! the shape that failed there.

use super::figures::STALLS;
use super::general::{articles, assert_block, blocks_text, warned};
use super::structure::{column, removed};

/// `p` set line by line `widths[k]` characters wide, the last width
/// going on: a column whose measure narrows where a figure stands.
fn wrapped(p: &str, widths: &[usize]) -> String {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::new();
    let (mut at, mut k) = (0, 0);
    while at < chars.len() {
        let w = widths[k.min(widths.len() - 1)];
        let end = (at + w).min(chars.len());
        out.extend(&chars[at..end]);
        out.push('\n');
        (at, k) = (end, k + 1);
    }
    out
}

/// The market's article, `label` alone between its lead and the rest of
/// `STALLS` set `rest`.
fn lone_over(label: &str, rest: &str) -> String {
    let lead = column(&STALLS[..1]);
    format!("菜市场变样了\n本报记者 林晓舟\n{lead}{label}\n{rest}")
}

/// The body's only head after the lead, where a round figure's edge
/// narrows two lines of the column a few lines on (eight and nine of
/// thirteen characters, both stopping mid-sentence) and the column runs full
/// under them: the figure's caption, removed, the paragraphs whole. A
/// head's place (the only one, between paragraphs at the top) is a
/// caption's already; the two lines are the figure's. With one line
/// narrowed (a box the OCR cut short) the line stays a head with its
/// warning.
#[test]
fn the_only_head_over_two_lines_narrowed_by_a_round_figure_is_its_caption() {
    let label = "改造后的城南菜市场";
    let round = lone_over(
        label,
        &(wrapped(STALLS[1], &[11, 13, 8, 9, 13]) + &column(&STALLS[2..])),
    );
    let c = articles(&round, 1);
    for p in STALLS {
        assert_block(&c, |t| t == p);
    }
    assert!(!blocks_text(&c).iter().any(|t| t == label));
    assert!(removed(&round).iter().any(|m| m.contains(label)), "{round}");

    let cut = lone_over(
        label,
        &(wrapped(STALLS[1], &[11, 13, 8, 13]) + &column(&STALLS[2..])),
    );
    let c = articles(&cut, 1);
    assert!(warned(&c, label));
    assert!(removed(&cut).is_empty(), "{cut}");
}

/// A lead of one paragraph too long for the top's dozen lines (fifteen
/// lines of thirteen characters): the only head right under it is where
/// a figure set after the lead puts its caption, so with two lines
/// narrowed by a round figure under it, it is that caption. With the same
/// lines set as two paragraphs above it, the head is no caption's: it
/// stays in the text.
#[test]
fn the_only_head_under_a_long_one_paragraph_lead_over_narrowed_lines_is_its_caption() {
    let label = "改造后的城南菜市场";
    let more = "市场东头新开了一个便民服务点，修鞋、配钥匙、缝补衣服的手艺人都搬了进来，附近几个小区的居民买完菜顺路就把小事办了。到了周末，不少年轻人也带着孩子来逛，说这里比超市热闹，买什么都能跟摊主聊上几句。摊主们说，生意比从前好做了，回头客也多了不少。";
    let lead = format!("{}{more}", STALLS[0]);
    let rest = wrapped(STALLS[1], &[11, 13, 8, 9, 13]) + &column(&STALLS[2..]);
    let with = |above: &str| format!("菜市场变样了\n本报记者 林晓舟\n{above}{label}\n{rest}");
    let one = with(&column(&[&lead]));
    assert!(column(&[&lead]).lines().count() > 12);
    let gone = removed(&one);
    assert!(gone.iter().any(|m| m.contains(label)), "{gone:?}");
    let c = articles(&one, 1);
    assert_block(&c, |t| t == lead);
    for p in &STALLS[1..] {
        assert_block(&c, |t| t == *p);
    }

    let two = with(&column(&[STALLS[0], more]));
    assert!(removed(&two).is_empty());
    let c = articles(&two, 1);
    assert_block(&c, |t| t == label);
}

/// A plain line read inside a sentence between two full lines, the line
/// under it the column's last over the jump line (下转第2版): a figure at
/// the column's foot, its caption read a line early, level with the last
/// line beside it. Removed; the paragraph comes back whole across it and
/// the page's turn. Two lines over the jump line, the line stays in the
/// text, with its warning (a box the OCR cut from a line, as far as the
/// page tells).
#[test]
fn a_line_inside_a_sentence_over_the_columns_last_line_before_its_jump_is_a_caption() {
    let label = "改造后的城南菜市场";
    let para = "城南菜市场改造完工后，摊位重新排过了，通道宽了。卖菜的和卖肉的分到了两边，下雨天地面不再积水，老人推着小车也能走到最里面的摊位，连推着小车的老人也不用侧身了。";
    let lines: Vec<String> = column(&[para]).lines().map(String::from).collect();
    // `label` between the third and the fourth line, `over` lines under
    // it before the jump.
    let at_foot = |over: usize| {
        let mut ls = lines.clone();
        ls.insert(3, label.to_string());
        let (p1, p2) = ls.split_at(4 + over);
        format!(
            "菜市场变样了\n本报记者 林晓舟\n{}{}\n（下转第2版）\n第2版\n菜市场变样了\n（上接第1版）\n{}\n{}",
            column(&STALLS[..1]),
            p1.join("\n"),
            p2.join("\n"),
            column(&STALLS[1..]),
        )
    };
    let foot = at_foot(1);
    let gone = removed(&foot);
    assert!(gone.iter().any(|m| m.contains(label)), "{foot}\n{gone:?}");
    let c = articles(&foot, 1);
    for p in [STALLS[0], para, STALLS[1], STALLS[2]] {
        assert_block(&c, |t| t == p);
    }

    let higher = at_foot(2);
    assert!(removed(&higher).iter().all(|m| !m.contains(label)));
    assert!(warned(&articles(&higher, 1), label));
}

/// The market's article jumped to page 2 (下转第2版), a feature with a
/// credited photo (▲…摄) set between, then the jump's rest under the
/// continuation head: the feature's caption is read inside the market's
/// span of lines but is not its figure's, so the only head over the two
/// narrowed lines is still that figure's caption. The feature's caption
/// goes as well; all text stays.
#[test]
fn another_articles_caption_read_inside_a_jumped_article_explains_none_of_its_figures() {
    let label = "改造后的城南菜市场";
    let stalls = column(&STALLS[2..]);
    let (before, after) =
        stalls.split_at(stalls.match_indices('\n').nth(1).map_or(0, |(i, _)| i + 1));
    let bridge = [
        "清晨五点，天刚蒙蒙亮，六十八岁的陈德顺已经拿着扫帚上了桥。这座石拱桥横跨在青溪河上，建于清光绪年间。",
        "桥面的石板被磨得发亮，陈德顺说，他扫了二十年，没有一天落下。到今年，这座桥已经一百三十多年了。",
    ];
    let input = lone_over(
        label,
        &format!(
            "{}{before}（下转第2版）\n老桥上的扫帚\n本报记者 周立新\n{}▲陈德顺在桥上扫地。本报记者 王强 摄\n{}第2版\n菜市场变样了\n（上接第1版）\n{after}",
            wrapped(STALLS[1], &[11, 13, 8, 9, 13]),
            column(&bridge[..1]),
            column(&bridge[1..]),
        ),
    );
    let gone = removed(&input);
    assert!(gone.iter().any(|m| m.contains(label)), "{gone:?}");
    assert!(
        gone.iter().any(|m| m.contains("陈德顺在桥上扫地")),
        "{gone:?}"
    );
    let c = articles(&input, 2);
    for p in STALLS.iter().chain(&bridge) {
        assert_block(&c, |t| t == *p);
    }
}

/// A paragraph whose second line ends a sentence at the column's edge
/// (平说，改造前天天早上都堵。) and runs on under it.
const STUCK: &str = "市场管理办公室主任陶建平说，改造前天天早上都堵。七点以后，通道里就挤得走不动人，摊主们把货堆到过道上，顾客只能侧着身子一点一点往前挪。";

/// The market's lead, a serial box closed by its end mark (（未完待续）),
/// the page turning (第2版), `top` at the new page's top, then the
/// market's rest.
fn page_turn(top: &str) -> String {
    let serial = column(&[
        "阿禾把信凑近油灯，火苗舔上纸角的一瞬间，她又把手缩了回来。想了想，她把信重新折好，塞进了衣袋。",
    ]);
    format!(
        "菜市场变样了\n本报记者 林晓舟\n{}第七百九十回　灯下的旧账\n连载 790\n《长河灯影》\n沈南星 著\n{serial}（未完待续）\n第2版\n{top}{}",
        column(&STALLS[..1]),
        column(&[STUCK, STALLS[2]]),
    )
}

/// A line of no mark as wide as the column at a page's top, the text
/// before the page's number closed (a serial's end mark), over a
/// paragraph's first line: a caption set under a figure at the page's
/// top, as one between paragraphs in the column is (the page's number
/// says only that a page turns there). Removed; the text stays whole.
#[test]
fn a_column_wide_line_of_no_mark_at_a_pages_top_is_a_caption() {
    let caption = "改造后的城南菜市场通道宽敞";
    let input = page_turn(&format!("{caption}\n"));
    let gone = removed(&input);
    assert!(gone.iter().any(|m| m.contains(caption)), "{gone:?}");
    let c = articles(&input, 2);
    for p in [STALLS[0], STUCK, STALLS[2]] {
        assert_block(&c, |t| t == p);
    }
}

/// A paragraph's first line (two ems short) over a full line that ends a
/// sentence and a full line under that: the paragraph runs on, so the
/// first line is no headline of a new article, even after an end mark
/// and a page's turn (a headline's text opens on a first line, two ems
/// short, not on a full one).
#[test]
fn a_first_line_over_a_paragraph_running_on_past_a_sentence_end_is_no_headline() {
    let c = articles(&page_turn(""), 2);
    assert!(c.articles.iter().all(|a| !a.title.starts_with("市场管理")));
    assert_block(&c, |t| t == STUCK);
}

/// A line of words standing alone between the lead and the next
/// paragraph's first line, ending on a word that needs what follows
/// (…的: no paragraph or head ends so), where the text runs round a
/// figure a few lines on (four lines of nine characters in a column of
/// thirteen): the figure's caption, removed, the paragraphs whole. Over
/// a column run full it stays, in the text.
#[test]
fn a_line_alone_ending_on_an_open_word_near_text_run_round_a_figure_is_its_caption() {
    let label = "摊主们搬进新摊位的";
    let round = lone_over(
        label,
        &(wrapped(STALLS[1], &[11, 13, 9, 9, 9, 9, 13]) + &column(&STALLS[2..])),
    );
    let gone = removed(&round);
    assert!(gone.iter().any(|m| m.contains(label)), "{gone:?}");
    let c = articles(&round, 1);
    for p in STALLS {
        assert_block(&c, |t| t == p);
    }

    let full = lone_over(label, &column(&STALLS[1..]));
    assert!(removed(&full).is_empty());
    let c = articles(&full, 1);
    assert!(blocks_text(&c).iter().any(|t| t.contains(label)));
}

// Round 34: a caption naming its figure (灯的徽记), found on the example
// pages (boxes, scan, Tesseract and typeset's OCR).

/// The body's only head after the lead, a few words ending in a word for
/// a figure (平面图, 徽记) and no text run round a figure near it: the
/// figure's caption, removed, the paragraphs whole. A section head names a
/// part of the text, not a picture. Another lone head keeps its place and
/// its warning.
#[test]
fn the_only_head_naming_a_figure_is_its_caption() {
    let label = "菜市场的平面图";
    caption_removed(&lone_over(label, &column(&STALLS[1..])), label);
    let head = "改造后的城南菜市场";
    kept_warned(&lone_over(head, &column(&STALLS[1..])), head);
}

/// `label` is removed from `input` as a caption, and `STALLS` come out
/// whole.
fn caption_removed(input: &str, label: &str) {
    let c = articles(input, 1);
    for p in STALLS {
        assert_block(&c, |t| t == p);
    }
    assert!(!blocks_text(&c).iter().any(|t| t == label));
    assert!(removed(input).iter().any(|m| m.contains(label)));
}

/// `line` stays in `input`'s body, with a warning.
fn kept_warned(input: &str, line: &str) {
    let c = articles(input, 1);
    assert_block(&c, |t| t == line);
    assert!(warned(&c, line));
}

/// A line naming a figure read as a block of its own inside a sentence
/// (blank lines round it, as Tesseract reads a caption set in the
/// column): the figure's caption, removed, where no text run round a
/// figure shows one; the sentence comes back whole. A line of other words
/// there stays, set apart with its warning.
#[test]
fn a_line_naming_a_figure_inside_a_sentence_is_its_caption() {
    let lines: Vec<String> = column(&STALLS).lines().map(String::from).collect();
    let with = |label: &str| {
        let mut ls = lines.clone();
        ls.insert(2, format!("\n{label}\n"));
        format!("菜市场变样了\n\n本报记者 林晓舟\n\n{}\n", ls.join("\n"))
    };
    let label = "城南菜市场的徽记";
    caption_removed(&with(label), label);
    let other = "改造后的城南菜市场";
    kept_warned(&with(other), other);
}
