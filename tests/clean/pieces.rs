//! Rules found wanting on the Tesseract sets (tests/fixtures/clean/ocr,
//! ocr-typeset): pieces of a headline block Tesseract read as blocks of
//! their own inside a sentence of the article's text, and a paragraph's
//! line parted from the rest by Tesseract's blank lines. Split from
//! general.rs to keep the file short; each test is a small input of the
//! shape that failed there.

use super::general::{articles, assert_block, blocks_text, warned};
use super::structure::column;

/// Tesseract's shape of a column: each paragraph a block of 13-character
/// lines, blocks parted by a blank line, with `line` read as a block of
/// its own after the paragraph's `k`-th line (inside its sentence).
fn read_inside(paras: &[&str], k: usize, line: &str) -> String {
    let mut blocks: Vec<String> = paras.iter().map(|p| column(&[p])).collect();
    let first: Vec<&str> = blocks[0].lines().collect();
    blocks[0] = format!(
        "{}\n\n{line}\n\n{}\n",
        first[..k].join("\n"),
        first[k..].join("\n")
    );
    blocks.join("\n")
}

const NIGHT_BUS: [&str; 2] = [
    "晚上十一点以后，这座城市的大部分公交线路都已收车，只有夜班线还在路上跑，司机们把这段路叫作最后一站。",
    "老郑开了九年夜班车，他说夜里的乘客各有各的急事，车上常备的急救包是他自己掏钱配的。",
];

/// A deck of two lines whose second line Tesseract read as a block of its
/// own inside a sentence of the article's text: the deck's first line
/// ends on its comma, so the line goes back to it. A complete deck leaves
/// such a line where it stands, with a warning.
#[test]
fn a_deck_broken_on_its_comma_takes_its_rest_read_inside_the_text() {
    let body = read_inside(&NIGHT_BUS, 2, "和它载过的普通人");
    for (deck, want) in [
        (
            "一条夜班公交线路的十二年，",
            "一条夜班公交线路的十二年，和它载过的普通人",
        ),
        ("一条夜班公交线路的十二年", "一条夜班公交线路的十二年"),
    ] {
        let input = format!("末班车还在路上\n\n{deck}\n\n本报记者 林晓舟\n\n{body}");
        let c = articles(&input, 1);
        let a = &c.articles[0];
        assert_eq!(a.deck.as_deref(), Some(want), "{:?}", blocks_text(&c));
        let kept = blocks_text(&c).iter().any(|t| t == "和它载过的普通人");
        assert_eq!(kept, !want.ends_with("普通人"));
        assert_block(&c, |p| p == NIGHT_BUS[0]);
    }
}

/// A deck's second line wider than the column (three characters more
/// than its lines hold), read as a block of its own inside a sentence:
/// no line of that column, so not glued into the sentence; under a deck
/// broken on its colon, the deck's rest.
#[test]
fn a_line_wider_than_its_column_inside_a_sentence_is_none_of_its_lines() {
    let rest = "有人排队，有人亏本，也有人找到了办法";
    // Read with a half-width comma, repaired in the deck as a headline's
    // marks are.
    let body = read_inside(&NIGHT_BUS, 2, &rest.replacen("，也", ", 也", 1));
    let input = format!("一份十二元的午饭\n\n社区长者食堂开办两年：\n\n本报记者 甘小棠\n\n{body}");
    let c = articles(&input, 1);
    let deck = format!("社区长者食堂开办两年：{rest}");
    assert_eq!(c.articles[0].deck.as_deref(), Some(deck.as_str()));
    assert_block(&c, |p| p == NIGHT_BUS[0]);
    // Under a complete headline block: a paragraph of its own after the
    // sentence it interrupted, with a warning.
    let input = input.replace("两年：", "两年");
    let c = articles(&input, 1);
    assert_block(&c, |p| p == NIGHT_BUS[0]);
    assert_block(&c, |p| p == rest);
    assert!(warned(&c, "也有人找到了办法"));
}

/// A serial's installment headed by its number alone (第七百八十九回),
/// its name read as a block of its own inside a sentence of the text:
/// the name goes back beside the number, as the box sets it.
#[test]
fn a_chapter_number_alone_takes_its_name_read_inside_the_text() {
    let body = read_inside(&NIGHT_BUS, 2, "雨夜的来信");
    let input = format!("连载 789\n\n第七百八十九回\n\n{body}\n沈南星 著\n");
    let c = articles(&input, 1);
    let a = &c.articles[0];
    assert_eq!(
        a.title,
        "第七百八十九回　雨夜的来信",
        "{:?}",
        blocks_text(&c)
    );
    assert_eq!(a.serial.as_ref().map(|s| s.installment), Some(789));
    assert_block(&c, |p| p == NIGHT_BUS[0]);
}

/// A serial with no work in its front matter, the box's 《work》 read as a
/// block of its own inside a sentence of its text: the serial's work.
#[test]
fn a_serials_work_read_inside_its_text_is_its_work() {
    let body = read_inside(&NIGHT_BUS, 2, "《长河灯影》");
    let input = format!("连载 789\n\n第七百八十九回　雨夜的来信\n\n{body}\n沈南星 著\n");
    let c = articles(&input, 1);
    let s = c.articles[0].serial.as_ref().expect("a serial");
    assert_eq!(s.work, "长河灯影", "{:?}", blocks_text(&c));
    assert_block(&c, |p| p == NIGHT_BUS[0]);
}

/// A column line with several marks holds more characters than the
/// column has ems (typeset sets two marks side by side in an em and a
/// half): 是街道从居民中请来的“能人”：, fifteen characters in a
/// thirteen-em column, read by Tesseract as a block of its own. It is a
/// full line all the same, so the paragraph runs on across the blank
/// lines around it.
#[test]
fn a_full_line_with_marks_between_blank_lines_keeps_its_paragraph() {
    let lines = [
        "课开得多了，老师成了最",
        "难的事。夜校的老师一部分是",
        "区文化馆的专职干部，一部分",
        "",
        "是街道从居民中请来的\"能人”:",
        "",
        "退休的中学语文教师、开照相",
        "馆的老板、在社区医院做康复",
        "的治疗师。",
        "",
    ];
    let input = format!("{}\n{}", lines.join("\n"), column(&NIGHT_BUS));
    let c = articles(&input, 1);
    assert_block(&c, |p| {
        p.starts_with("课开得多了") && p.ends_with("在社区医院做康复的治疗师。")
    });
}

/// Line-per-box text whose paragraphs' first lines are as wide as the
/// others (an OCR that boxed the indent's white with the line): a short
/// line of words and no mark after a sentence end, the sentence going on
/// under it in a full line. Print sets no paragraph's first line so: it
/// is a section head or a caption with no mark of its size, but nothing
/// here says which (no `#`, no blank line, no narrower first lines). It
/// stays, the first words of the paragraph after it, and the report asks
/// about it; a paragraph's first line holding a sentence end is no such
/// line (the damaged examples' 这条线路开通于2014年。当时，城).
#[test]
fn a_short_unmarked_line_opening_a_paragraph_is_reported() {
    let lines = [
        "山城的春天",
        "本报记者 李明",
        "春天来了，山城的街道上开满了",
        "花。记者走访了几个社区，听居",
        "民讲述他们的故事，也看到了山",
        "城这些年来的变化。",
        "社区里的老人",
        "王大爷今年七十八岁，每天早上",
        "都在院子里练太极拳。他说，山",
        "城的空气好，人也长寿。他年轻",
        "时在矿上工作了三十年，退休以",
        "后才搬到这个社区来住。",
        "（据新华社）",
    ];
    let c = articles(&(lines.join("\n") + "\n"), 1);
    assert!(
        warned(&c, "kept as its first words: 社区里的老人"),
        "{:?}",
        c.notes
    );
    assert_block(&c, |t| t.starts_with("社区里的老人王大爷"));
    let warnings = (c.notes.iter()).filter(|n| n.kind == typeset::clean::NoteKind::Warning);
    assert_eq!(warnings.count(), 1, "{:?}", c.notes);
}

/// Line-per-box text (no indents, no blank lines): a line opening a
/// quotation after a sentence end that stops an em short of the column
/// (as printed: two marks side by side are set in an em and a half) is a
/// paragraph of dialogue opening, though it is as wide as a full line by
/// its characters (its opening mark set in half an em) and its paragraph
/// is two lines (so no full line under it shows its shape). Under a full
/// line ending a sentence, a quotation opening a line is the paragraph
/// going on: a line inside a paragraph runs to the measure, whatever ends
/// on it.
#[test]
fn a_quotation_under_a_sentence_end_an_em_short_opens_a_paragraph() {
    let lines = [
        "渔港",
        "本报记者 周海生",
        "老周把渔网挂上竹竿，又蹲下",
        "身去检查船底的缝隙。天色已",
        "经暗了，码头上没有别人。",
        "“明天的风浪大，还出海吗？”",
        "儿子在岸上问。",
        "老周没有抬头，把最后一段网",
        "绳绕好，站起来看了看岸上。",
        "码头的灯一盏接一盏亮起来。",
        "“风浪再大，也得出海，”老周",
        "说，“网里的鱼不等人。”儿子",
        "没有再问，把船缆又系紧了些。",
    ];
    let c = articles(&(lines.join("\n") + "\n"), 1);
    let text = blocks_text(&c);
    assert!(
        text.iter().any(|t| t.ends_with("码头上没有别人。")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t == "“明天的风浪大，还出海吗？”儿子在岸上问。"),
        "{text:?}"
    );
    // The full line's sentence end keeps its paragraph going.
    assert_block(&c, |t| {
        t.contains("看了看岸上。码头的灯") && t.contains("亮起来。“风浪再大")
    });
}
