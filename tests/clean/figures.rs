//! The tenth round's rules, found on the generated sets
//! (tests/fixtures/clean/gen, gen-prose): a figure's caption with no cue
//! and no credit, told by where it stands among the column's lines. Each
//! test is a small input of the shape that failed there.

use super::general::{articles, assert_block, blocks_text, warned};
use super::structure::{column, removed};

const MARKET: [&str; 2] = [
    "城南菜市场改造完工后，摊位重新排过，卖菜的和卖肉的分到了两边，通道也宽了一倍。",
    "市场管理办公室主任陶建平说，改造前每天早上七点以后，通道里就挤得走不动人。",
];

/// The market's article in line-per-box text, `line` read after the
/// column line that ends with `after`.
fn market_with(after: &str, line: &str) -> String {
    let body = column(&MARKET).replacen(&format!("{after}\n"), &format!("{after}\n{line}\n"), 1);
    format!("菜市场变样了\n\n本报记者 林晓舟\n\n{body}")
}

/// A caption as wide as the column under a figure set between two
/// paragraphs: a line of no mark at all, after a paragraph's last line
/// and over the next paragraph's first line (two ems short). It is no
/// line of the column (a first line is indented, a last line ends on a
/// mark), so it goes with the furniture; both paragraphs stay whole.
#[test]
fn a_column_wide_line_of_no_mark_between_paragraphs_is_a_caption() {
    let caption = "改造后的城南菜市场通道宽敞";
    let input = market_with("倍。", caption);
    let c = articles(&input, 1);
    assert_block(&c, |p| p == MARKET[0]);
    assert_block(&c, |p| p == MARKET[1]);
    assert!(!blocks_text(&c).iter().any(|t| t.contains(caption)));
    assert!(removed(&input).iter().any(|m| m.contains(caption)));
}

/// In line-per-box text, a short line of no mark between two lines of
/// one sentence (a full line that ends no sentence over it, a full line
/// going on under it) is no line of the column: a printed line the OCR
/// cut in two would leave one of its neighbours short. It is set apart
/// after the paragraph it interrupted, with a warning (a figure's label,
/// or a head read out of place: not sure enough to remove), and the
/// paragraph comes back whole.
#[test]
fn a_short_line_inside_a_sentence_of_line_per_box_text_is_set_apart() {
    let label = "改造后的通道";
    let c = articles(&market_with("卖肉", label), 1);
    assert_block(&c, |p| p == MARKET[0]);
    assert_block(&c, |p| p == label);
    assert!(warned(&c, label));
}

/// A longer column: enough full lines to find its measure by.
pub(super) const STALLS: [&str; 3] = [
    "城南菜市场改造完工后，摊位重新排过，卖菜的和卖肉的分到了两边，通道也宽了一倍，下雨天地面不再积水，老人推着小车也能走到最里面的摊位。",
    "市场管理办公室主任陶建平说，改造前每天早上七点以后，通道里就挤得走不动人，摊主们把货堆到过道上，顾客只能侧着身子一点一点往前挪。",
    "改造用了四个月，市场没有停业，施工队每天晚上九点进场，第二天清晨五点前把材料收走，摊主们早上来开门时，几乎看不出夜里动过工。",
];

/// The caption of the figures below.
const CAPTION: &str = "改造后的通道";

/// A column's text with its line `k` (of thirteen characters) set in a
/// sliver of four lines beside a figure, the figure's caption read over
/// them; and the sliver.
fn round_figure(body: &str, k: usize) -> (String, String) {
    let lines: Vec<&str> = body.lines().collect();
    let line: Vec<char> = lines[k].chars().collect();
    let sliver: Vec<String> = [0..3, 3..6, 6..9, 9..13]
        .into_iter()
        .map(|r| line[r].iter().collect())
        .collect();
    let sliver = sliver.join("\n");
    let text = format!(
        "{}\n{CAPTION}\n{sliver}\n{}\n",
        lines[..k].join("\n"),
        lines[k + 1..].join("\n")
    );
    (text, sliver)
}

/// Text run round a figure in the sliver of column beside it (lines of
/// three or four characters) under a full column line, and a line of no
/// mark read between them, narrower than a paragraph's first line: the
/// figure's caption, removed; the sentence runs on through the sliver.
/// The same line over full column lines stays (no figure stood there).
#[test]
fn a_line_over_text_run_round_a_figure_is_its_caption() {
    let body = column(&STALLS);
    // A line of the second paragraph set in a sliver beside the figure:
    // 摊主们 / 把货堆 / 到过道 / 上，顾客.
    let (text, sliver) = round_figure(&body, 9);
    let input = format!("菜市场变样了\n\n本报记者 林晓舟\n\n{text}");
    let c = articles(&input, 1);
    assert_block(&c, |p| p == STALLS[1]);
    assert!(removed(&input).iter().any(|m| m.contains(CAPTION)));
    let line = body.lines().nth(9).expect("a tenth line");
    let plain = input.replace(&sliver, line);
    assert!(!removed(&plain).iter().any(|m| m.contains(CAPTION)));
}

/// A caption told by its place stands inside its column, which goes on
/// under the figure: the text after it is no column of its own for the
/// rule that gives a column read into another article back by its words
/// (interleave.rs), even where those words are the open article's above
/// (a market's story naming the bridge keeper of the feature over it).
#[test]
fn text_after_a_caption_told_by_its_place_stays_in_its_article() {
    let bridge = column(&[
        "清晨五点，陈德顺拿着扫帚上了石拱桥。青溪河上的这座石拱桥建于清光绪年间，陈德顺扫了二十年。",
        "桥面的石板被扫帚磨得发亮，陈德顺说，青溪河涨水的日子，石拱桥上也要扫。",
    ]);
    let market = [
        STALLS[0],
        "每天清晨，市场刚开门，老人们推着小车走进来，挑好的菜放进车里慢慢往外走，扫完石拱桥的陈德顺就拿着扫帚来买菜，陈德顺说青溪河上的石拱桥和这里一样是老街坊。",
    ];
    // 的菜放 / 进车里 / 慢慢往 / 外走，扫: the sliver beside the figure.
    let (item, _) = round_figure(&column(&market), 8);
    let input =
        format!("石桥的守护人\n本报记者 周立新\n{bridge}菜市场变样了\n本报记者 林晓舟\n{item}");
    let c = articles(&input, 2);
    assert_eq!(c.articles[1].title, "菜市场变样了");
    assert_block(&c, |p| p == market[1]);
}

// The twelfth round's captions, found on the generated sets: a figure's
// caption of no mark standing where no line of the column can.

/// A paragraph whose second line ends a sentence (…通道宽了。) and
/// whose third, full, runs on.
const REBUILT: &str = "城南菜市场改造完工后，摊位重新排过了，通道宽了。卖菜的和卖肉的分到了两边，下雨天地面不再积水，老人推着小车也能走到最里面的摊位。";

/// `STALLS[0]` and `REBUILT`'s first `k` lines in line-per-box text,
/// then `rest`.
fn rebuilt_with(k: usize, rest: &str) -> String {
    let body = column(&[REBUILT]);
    let lines: Vec<&str> = body.lines().take(k).collect();
    let above = column(&STALLS[..1]);
    format!(
        "菜市场变样了\n本报记者 林晓舟\n{above}{}\n{rest}",
        lines.join("\n")
    )
}

/// Over a jump line (下转第2版) the column runs full down to its jump: a
/// line of no mark narrower than the column there, under a line that
/// runs on, is the figure's caption at the column's foot, removed; so is
/// a shorter one under a sentence end. A line two ems short under a
/// sentence end stays: a paragraph's first line, opened at the foot.
#[test]
fn a_line_of_no_mark_over_a_jump_line_is_a_caption() {
    let jump = "（下转第2版）";
    // Three lines (…分到了两边，下: runs on), and two (…通道宽了。).
    for (k, caption) in [(3, "改造后的城南菜市场通道"), (2, "改造后的通道")] {
        let input = rebuilt_with(k, &format!("{caption}\n{jump}\n"));
        let c = articles(&input, 1);
        assert!(
            !blocks_text(&c).iter().any(|t| t.contains(caption)),
            "{caption}"
        );
        assert!(
            removed(&input).iter().any(|m| m.contains(caption)),
            "{caption}"
        );
    }
    let first = "老人推着小车也能走到最";
    let input = rebuilt_with(2, &format!("{first}\n{jump}\n"));
    assert!(!removed(&input).iter().any(|m| m.contains(first)));
}

// The fourteenth round: the body's only head, beside text run round a
// figure.

/// `body`'s lines `from..from + count` set again, `first` characters
/// wide and then `width`: the column narrowed beside a figure.
fn narrowed(body: &str, from: usize, count: usize, (first, width): (usize, usize)) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let beside: Vec<char> = lines[from..from + count].concat().chars().collect();
    let (head, rest) = beside.split_at(first.min(beside.len()));
    let wrapped = std::iter::once(head)
        .chain(rest.chunks(width))
        .map(|c| c.iter().collect::<String>());
    let mut out: Vec<String> = lines[..from].iter().map(|l| l.to_string()).collect();
    out.extend(wrapped);
    out.extend(lines[from + count..].iter().map(|l| l.to_string()));
    out.join("\n") + "\n"
}

/// The body's only head, a plain line after the lead, where the article's
/// text is narrowed beside a figure a few lines on (lines of nine
/// characters in a thirteen-character column, stopping mid-sentence) and
/// no line is a caption already: the figure's caption, removed; the
/// paragraphs stay whole. The same line over a column run full stays a
/// head with its warning (a real article may have one head there), and so
/// it does beside a figure whose caption is found (▲…).
#[test]
fn the_only_head_near_text_run_round_a_figure_is_its_caption() {
    let label = "改造后的城南菜市场";
    let rest = column(&STALLS[1..]);
    let head = |rest: &str| {
        let lead = column(&STALLS[..1]);
        format!("菜市场变样了\n本报记者 林晓舟\n{lead}{label}\n{rest}")
    };
    caption_only_beside_figure(label, head);
    let credited = head(&narrowed(&rest, 2, 4, (9, 9))).replacen(
        "改造用了",
        "▲改造后的市场通道。本报记者 王强 摄\n改造用了",
        1,
    );
    assert!(!removed(&credited).iter().any(|m| m.contains(label)));
}

/// `input` of the rest of `STALLS` set narrow beside a figure (通道里就
/// 挤得走不动人，摊主们把货堆到过道上，…: four lines in five) loses `label`
/// as the figure's caption, the paragraphs whole; of the rest run full it
/// keeps `label` as a paragraph or head, with a warning.
fn caption_only_beside_figure(label: &str, input: impl Fn(&str) -> String) {
    let rest = column(&STALLS[1..]);
    let round = input(&narrowed(&rest, 2, 4, (9, 9)));
    let c = articles(&round, 1);
    for p in STALLS {
        assert_block(&c, |t| t == p);
    }
    assert!(!blocks_text(&c).iter().any(|t| t == label));
    assert!(removed(&round).iter().any(|m| m.contains(label)));

    let full = input(&rest);
    let c = articles(&full, 1);
    assert_block(&c, |t| t == label);
    assert!(warned(&c, label));
    assert!(removed(&full).is_empty());
}

/// The section heads of `input`'s one article.
fn heads_of(input: &str) -> Vec<String> {
    articles(input, 1).articles[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            typeset::clean::Block::Head(h) => Some(h.clone()),
            _ => None,
        })
        .collect()
}

/// A paragraph set narrow beside a figure from its first line on (a
/// line of eight characters, then lines of ten and nine in a
/// thirteen-character column, after a sentence end): its short first
/// line is no section head, since a paragraph under a head opens two ems
/// short and runs on full. A head over a column run full stays a head.
#[test]
fn a_first_line_over_text_run_round_a_figure_is_no_head() {
    let lead = column(&[STALLS[0], MARKET[0]]);
    let rest = column(&STALLS[1..]);
    // 市场管理办公室主 / 任陶建平说，改造前每 / 天早上七点以后，通道 / …
    let input = format!(
        "菜市场变样了\n本报记者 林晓舟\n{lead}{}",
        narrowed(&rest, 0, 3, (8, 10))
    );
    assert_eq!(heads_of(&input), Vec::<String>::new());
    assert!(removed(&input).is_empty());
    let head = "改造前后";
    let input = format!("菜市场变样了\n本报记者 林晓舟\n{lead}{head}\n{rest}");
    assert_eq!(heads_of(&input), [head]);
}

/// A paragraph set narrow beside a figure (lines of ten characters in a
/// thirteen-character column): a line ending on no mark over one two ems
/// short is no paragraph's end where the line after that is short and
/// runs on too (a first line's second line is full, or its last); the
/// paragraph stays whole, with no warning of a missing mark.
#[test]
fn a_paragraph_narrowed_beside_a_figure_is_not_broken_at_its_short_lines() {
    let lead = column(&[STALLS[0], MARKET[0]]);
    let rest = column(&STALLS[1..]);
    // 市场管理办公室主任陶 / 建平说，改造前每天早 / 上七点以后，通道里就 / …
    let input = format!(
        "菜市场变样了\n本报记者 林晓舟\n{lead}{}",
        narrowed(&rest, 0, 5, (10, 10))
    );
    let c = articles(&input, 1);
    for p in STALLS {
        assert_block(&c, |t| t == p);
    }
    assert!(!c.notes.iter().any(|n| n.message.contains("without a mark")));
}

/// A line of words read inside a sentence in line-per-box text (a full
/// line that ends no sentence over it, a full line going on under it),
/// where the article's text runs round a figure a few lines on: the
/// figure's caption, removed, and the paragraph comes back whole. Over a
/// column run full it stays apart with its warning (nothing says a
/// figure stands there), and so it does under a paragraph's first line
/// (two ems short): a first line of the column beside, read across into
/// this one, stands so too.
#[test]
fn a_line_inside_a_sentence_near_text_run_round_a_figure_is_its_caption() {
    let label = "改造后的城南菜市场";
    let mut lead: Vec<String> = column(&STALLS[..1]).lines().map(String::from).collect();
    // 摊位重新排过，卖菜的和卖肉 / {label} / 的分到了两边，通道也宽了一倍
    lead.insert(2, label.to_string());
    let input = |lead: &[String], rest: &str| {
        format!("菜市场变样了\n本报记者 林晓舟\n{}\n{rest}", lead.join("\n"))
    };
    caption_only_beside_figure(label, |rest| input(&lead, rest));

    // 城南菜市场改造完工后， / {label} / 摊位重新排过，卖菜的和卖肉
    lead.remove(2);
    lead.insert(1, label.to_string());
    let under_first = input(&lead, &narrowed(&column(&STALLS[1..]), 2, 4, (9, 9)));
    assert!(removed(&under_first).is_empty());
}

/// A paragraph run round a figure in a sliver of three or four characters
/// a line, a sentence ending on one of the sliver's lines (另算。), the
/// two lines under it as narrow and running on with no mark (三十六 /
/// 个座位): no paragraph ends there (every line of the sliver is short,
/// and a paragraph opening in it would start two ems narrower still), so
/// the paragraph stays whole.
#[test]
fn a_sentence_end_in_the_sliver_beside_a_figure_ends_no_paragraph() {
    let sliver = [
        "一学期收多少钱？记者问",
        "过站里管理员：烘焙、书法和",
        "摄影、普通",
        "话四门",
        "课，每",
        "人一学期",
        "只收四",
        "十块钱，",
        "材料费",
        "另算。",
        "三十六",
        "个座位",
        "中，有二十",
        "个留给附近的外",
        "来务工人员，另外十六个在网",
        "上报名，名额放出几分钟就报",
        "满了，有人连着三个学期都没",
        "有报上。",
    ];
    let input = run_round(&sliver);
    // A line two ems narrower than the one under it (三十 / 六个座位)
    // opens a paragraph in the sliver: the sentence end there ends one.
    let opened = input.replace(
        "材料费\n另算。\n三十六\n个座位\n",
        "材料费另\n算。\n三十\n六个座位\n",
    );
    assert_block(&articles(&opened, 1), |t| t.starts_with("三十六个座位中"));
}

/// `lines`, a paragraph run round a figure, between paragraphs of a
/// thirteen-character column: the input, checked to come out with the
/// paragraph whole, the others too, nothing removed.
fn run_round(lines: &[&str]) -> String {
    let lead = column(&[STALLS[0], MARKET[0], MARKET[1]]);
    let rest = column(&STALLS[1..]);
    let input = format!(
        "夜校开到家门口\n本报记者 林晓舟\n{lead}{}\n{rest}",
        lines.join("\n")
    );
    let c = articles(&input, 1);
    assert_block(&c, |t| t == lines.concat());
    for p in STALLS {
        assert_block(&c, |t| t == p);
    }
    assert!(removed(&input).is_empty());
    input
}

/// Where the column narrows round a figure, a sentence ending on a line
/// as narrowed as the line over it, which runs on (能走到最近的一间 /
/// 夜校里去上课了。, eight characters of thirteen), over two lines of the
/// sliver running on with no mark: no paragraph's last line (that stands
/// under full lines), so the paragraph goes on (boxes page-12's 就能走到
/// 一间”。 / 每间书房的). So too on a line narrower than the one over it.
#[test]
fn a_sentence_end_where_the_column_narrows_round_a_figure_ends_no_paragraph() {
    run_round(&NARROWING);
    // Narrower than the line over it, as the column goes on narrowing
    // (Tesseract's page-12: 居民步行十五分钟 / 能走到一间。).
    let mut narrower = NARROWING;
    narrower[6] = "能走到最近的一间夜校";
    narrower[7] = "里去上课了。";
    run_round(&narrower);
}

/// A paragraph whose column narrows round a figure from its seventh line.
const NARROWING: [&str; 16] = [
    "像这样的夜校，全市目前",
    "有六十二间，最近的两间相距",
    "不到八百米。文化馆馆长说，",
    "选址时他们先看人口密度，再",
    "看周边有没有学校和养老院，",
    "让大多数居民走路十五分钟就",
    "能走到最近的一间",
    "夜校里去上课了。",
    "每间夜校的",
    "课由文化",
    "馆统一排",
    "好，学员",
    "在任何一",
    "间报的名",
    "都可以到",
    "全市任何一间上课。",
];

/// Tesseract's shape (paragraphs parted by blank lines) with a blank line
/// where the column narrows round a figure, between two lines three ems
/// short or more, the first leaving its sentence open (能走到最近的一间 /
/// / 夜校里去上课了。): no paragraph ends on an open line nor opens that
/// narrow, so the paragraph goes on across it (typeset's OCR of page-12).
#[test]
fn a_blank_line_inside_a_column_narrowed_round_a_figure_ends_no_paragraph() {
    let blocks = |ps: &[&str]| ps.iter().map(|p| column(&[p])).collect::<Vec<_>>();
    let mut text = blocks(&[STALLS[0], MARKET[0], MARKET[1]]);
    let (top, under) = NARROWING.split_at(7);
    text.push(format!("{}\n\n{}\n", top.join("\n"), under.join("\n")));
    text.extend(blocks(&STALLS[1..]));
    let input = format!("夜校开到家门口\n\n本报记者 林晓舟\n\n{}", text.join("\n"));
    let c = articles(&input, 1);
    assert_block(&c, |t| t == NARROWING.concat());
    for p in STALLS {
        assert_block(&c, |t| t == p);
    }
}

/// A short line ending on a pause (、 or ；) in the sliver beside a figure,
/// the two lines under it under half the measure too (馆排课、 / 请老师 /
/// 和发教): no paragraph ends on a pause, so it goes on (boxes page-12's
/// 采购、 / 编目和 / 配送，).
#[test]
fn a_pause_in_the_sliver_beside_a_figure_ends_no_paragraph() {
    let mut lines = NARROWING[..7].to_vec();
    lines.extend([
        "夜校去上课，每间",
        "夜校的课",
        "由文化",
        "馆排课、",
        "请老师",
        "和发教",
        "材，学员",
        "在任何一",
        "间报的名",
        "都可以到",
        "全市任何一间上课。",
    ]);
    run_round(&lines);
}

/// A line of Han characters alone an em short of the column (twelve in a
/// thirteen-character column), after a sentence end and over a
/// paragraph whose first line is narrowed beside a figure (ten
/// characters): no column line (an inner line is full, a first line two
/// ems short, a last line ends on a mark), so it is not glued to the
/// paragraph under it but stands apart, a head (prose gq13's caption
/// 从者可矣出林晓岚一点以政 over the text run round its figure).
#[test]
fn a_line_of_words_an_em_short_after_a_sentence_end_is_no_first_line() {
    let line = "改造后的城南菜市场新通道";
    let chars: Vec<char> = STALLS[1].chars().collect();
    let (first, rest) = chars.split_at(10);
    let under: Vec<String> = std::iter::once(first)
        .chain(rest.chunks(13))
        .map(|c| c.iter().collect())
        .collect();
    let input = format!(
        "菜市场变样了\n本报记者 林晓舟\n{}{line}\n{}\n{}",
        column(&STALLS[..1]),
        under.join("\n"),
        column(&STALLS[2..])
    );
    let c = articles(&input, 1);
    for p in STALLS {
        assert_block(&c, |t| t == p);
    }
    assert_block(&c, |t| t == line);
    assert!(removed(&input).is_empty());
}

// The twenty-third round: captions read under a paragraph's first line.

/// `STALLS[0]` after `MARKET[1]`, with `label` read under its first line
/// (城南菜市场改造完工后， / {label} / 摊位重新排过，卖菜的和卖肉).
fn under_first_line(label: &str) -> String {
    let first: String = STALLS[0].chars().take(11).collect();
    column(&[MARKET[1], STALLS[0]]).replacen(
        &format!("{first}\n"),
        &format!("{first}\n{label}\n"),
        1,
    )
}

/// A line of words read inside a sentence under a paragraph's first line
/// (two ems short, under a sentence end), three ems narrower than a first
/// line or more (seven characters in a thirteen-character column), where
/// the text runs round a figure a few lines on: no first line of the
/// column beside read across, but the figure's caption, removed.
#[test]
fn a_short_line_under_a_first_line_near_text_run_round_a_figure_is_its_caption() {
    let label = "城南市场新貌";
    let lead = under_first_line(label);
    caption_only_beside_figure(label, |rest| {
        format!("菜市场变样了\n本报记者 林晓舟\n{lead}{rest}")
    });
}

/// The text run round the figure opens under a paragraph's short last
/// line (摊位。): that line ends its paragraph, it is not narrowed beside
/// the figure, so it does not count among the run's lines (four of the
/// six lines beside the figure stop mid-sentence, four of seven with it).
#[test]
fn a_last_line_over_text_run_round_a_figure_is_no_part_of_the_run() {
    let label = "城南市场新貌";
    let sliver = [
        "市场管理办公室",
        "主任陶建平说，改造",
        "前每天早上七点以后",
        "通道挤得走不动人。",
        "摊主们把货堆到过道",
        "上，顾客只能侧身挪。",
    ];
    let input = format!(
        "菜市场变样了\n本报记者 林晓舟\n{}{}\n{}",
        under_first_line(label),
        sliver.join("\n"),
        column(&STALLS[2..])
    );
    let gone = removed(&input);
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert!(gone[0].contains(label));
    let c = articles(&input, 1);
    assert!(!blocks_text(&c).iter().any(|t| t == label));
    assert_block(&c, |t| t == STALLS[0]);
}

// Round 34: text run round a round figure widens again under the short
// line.

/// A paragraph set narrow beside a round figure that widens again two
/// lines on (lines of ten characters, then eleven, then full, in a
/// thirteen-character column): a short line of no mark after a sentence
/// end flush with the narrowed lines, over a narrowed line holding a
/// comma and a short one, neither ending its sentence, is no section head
/// but a line of the paragraph; it stays whole. Under a short last line
/// (the paragraph ended there) the same line stays a head, as before.
#[test]
fn a_line_over_a_wrap_widening_again_is_no_head() {
    let lead = column(&[STALLS[0], MARKET[0]]);
    let para = "陶建平说，改造前每天早上七点以后，通道里挤得满满当当走不动。老街坊王阿姨每天都来买菜，她说现在推着小车，也能一直走到最里面的摊位，再也不用侧着身子往前挪了。";
    let lines = [
        "陶建平说，改造前每天",
        "早上七点以后，通道里",
        "挤得满满当当走不动。",
        "老街坊王阿姨每天都",
        "来买菜，她说现在推着",
        "小车，也能一直走到最里",
        "面的摊位，再也不用侧着身子",
        "往前挪了。",
    ];
    let rest = column(&STALLS[1..]);
    let input = |lines: &[&str]| {
        format!(
            "菜市场变样了\n本报记者 林晓舟\n{lead}{}\n{rest}",
            lines.join("\n")
        )
    };
    let c = articles(&input(&lines), 1);
    assert_block(&c, |p| p == para);
    assert_eq!(heads_of(&input(&lines)), Vec::<String>::new());
    assert!(removed(&input(&lines)).is_empty());
    // 挤得满满当当走不动。 read short: 走不动。 ends the paragraph.
    let mut short = lines;
    short[2] = "挤得走不动。";
    assert_eq!(heads_of(&input(&short)), ["老街坊王阿姨每天都"]);
}

/// A short line after a sentence end over a line three ems short or more
/// ending its sentence, a full line going on under that (有个襒鋐霬侀 /
/// 河晨面旖。 / 的出了簤宸了的来了囷,湿屰 on a generated scan): no section
/// head, since the paragraph under a head would be one line and the full
/// line the next one's first, which opens two ems short. Over a line two
/// ems short there the short line stays a head.
#[test]
fn a_line_over_a_short_sentence_end_and_a_full_line_is_no_head() {
    let lead = column(&[STALLS[0], MARKET[0]]);
    let rest = column(&STALLS[1..]);
    let input = |under: &str| {
        format!("菜市场变样了\n本报记者 林晓舟\n{lead}老街坊王阿姨\n天天来。\n{under}\n{rest}")
    };
    let full = input("她说通道宽了，推着小车也能一\n直走到最里面的摊位。");
    assert_eq!(heads_of(&full), Vec::<String>::new());
    assert_block(&articles(&full, 1), |p| {
        p.starts_with("老街坊王阿姨天天来。")
    });
    assert!(removed(&full).is_empty());
    let first = input("她说通道宽了，推着小车\n也能一直走到最里面的摊位。");
    assert_eq!(heads_of(&first), ["老街坊王阿姨"]);
}
