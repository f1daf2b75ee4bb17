//! Paragraph breaks in line-per-box text where a scan cut a printed line
//! into two boxes, or the column runs narrowed beside a figure: lines
//! that are short for a reason other than a paragraph's end (found on the
//! generated scan sets; each test a small input of the shape).

use super::general::{articles, assert_block};

/// A paragraph's first two lines (the first two ems short, its indent
/// dropped).
const OPENING: &str = "秋收时节，记者来到城郊\n的和平村。田里的稻子已经收";

/// A paragraph of a first line and a last.
const SALES: &str = "合作社的收购车每天清晨\n进村，新谷当天就能卖出去。";

/// The article's head and byline, then `lines` as line-per-box OCR gives
/// them (a 13-em column, no indents).
fn page(lines: &[&str]) -> String {
    format!("丰收\n本报记者 王春明\n{}\n", lines.join("\n"))
}

/// `lines` between [`OPENING`] and [`SALES`], cleaned: one article.
pub(super) fn cleaned(lines: &[&str]) -> typeset::clean::Cleaned {
    let all: Vec<&str> = [&[OPENING][..], lines, &[SALES]].concat();
    articles(&page(&all), 1)
}

/// Asserts that `lines`, under a full line ending a sentence, open a
/// paragraph that starts with `start`.
fn opens_paragraph(lines: &[&str], start: &str) {
    let c = cleaned(&[&["割完毕，村民们在晾晒新谷。"][..], lines].concat());
    assert_block(&c, |t| t.ends_with("村民们在晾晒新谷。"));
    assert_block(&c, |t| t.starts_with(start));
}

/// A short line ending on a colon, over a line opening the quotation it
/// announces (者说： / “今年…), or ending on an opening mark (说：“ / 今年…):
/// the OCR cut the printed line there, and no paragraph ends on either.
/// Before, the short line ended its paragraph and the quotation opened
/// the next.
#[test]
fn a_line_leading_into_a_quotation_ends_no_paragraph() {
    let colon = [
        "木锨，擦了把汗，笑着对记",
        "者说：",
        "“今年风调雨顺，亩产比",
        "去年多了一百斤，大伙儿的日",
        "子更有奔头了。”",
    ];
    let mark = [
        "木锨，擦了把汗，笑着对记者",
        "说：“",
        "今年风调雨顺，亩产比去",
        "年多了一百斤，大伙儿的日子",
        "更有奔头了。”",
    ];
    for quote in [colon, mark] {
        let c = cleaned(&[
            "割完毕，村民们正在场院里晾",
            "晒新谷。",
            "村主任李长顺放下手里的",
            &quote.join("\n"),
        ]);
        assert_block(&c, |t| t.contains("笑着对记者说：“今年风调雨顺"));
    }
}

/// A printed line the OCR cut into two boxes at the gap after its comma
/// (割完毕， / 村民们正在场院里晾): the two as wide as a column line, the
/// second ending on a word (marks inside it or not) and too narrow for a
/// paragraph's first line, so the comma is no misread 。 at a paragraph's
/// end. Before, it was taken for one and the paragraph cut there; then
/// the second box had to hold no mark at all (男女老少、一齐晾 did not
/// join).
#[test]
fn a_line_cut_after_its_comma_is_one_line() {
    for (rest, want) in [
        ("村民们正在场院里晾", "收割完毕，村民们正在场院里晾晒"),
        ("男女老少、一齐晾", "收割完毕，男女老少、一齐晾晒"),
    ] {
        let c = cleaned(&["割完毕，", rest, "晒新谷，空气里满是稻草的香", "味。"]);
        assert_block(&c, |t| t.contains(want));
    }
}

/// A paragraph's first line of dialogue whose quote the OCR read straight
/// (村主任老李说:"今年亩产, twelve characters): the colon and the quote were
/// set side by side in an em and a half, so the line is two ems short
/// as printed, a first line under a full line ending a sentence. Before,
/// only curly marks were taken as squeezed and the line as one em short,
/// a line inside the paragraph above.
#[test]
fn a_straight_quote_is_squeezed_as_the_curly_one_it_stands_for() {
    opens_paragraph(
        &[
            "村主任老李说:\"今年亩产",
            "比去年多了一百斤，大伙儿的",
            "日子更有奔头了。\"",
        ],
        "村主任老李说：",
    );
}

/// A line the OCR cut in front of its closing quote (年多了一百斤。 /
/// ”村主任李长顺): print never opens a line on a closing mark, a pause or a
/// stop, so the box that does is the rest of the line above, and the
/// sentence end before it ends no paragraph. Before, the short line
/// ending a sentence ended its paragraph.
#[test]
fn a_line_opening_on_a_closing_mark_goes_on_from_the_line_above() {
    let c = cleaned(&[
        "割完毕，村民们正在场院里晾",
        "晒新谷。",
        "“今年风调雨顺，亩产比去",
        "年多了一百斤。",
        "”村主任李长顺",
        "笑着说，大伙儿的日子更有奔",
        "头了。",
    ]);
    assert_block(&c, |t| t.contains("一百斤。”村主任李长顺笑着说"));
}

/// A paragraph's first line the OCR cut into two boxes (村主任李长顺， /
/// 放下木锨, eleven ems together, two short of the column): under a full
/// line ending a sentence the two open a paragraph and are one line,
/// though neither alone has a first line's width. Before, the first box
/// went on the paragraph above, and its comma was read as a misread 。.
#[test]
fn a_first_line_cut_into_two_boxes_opens_its_paragraph() {
    opens_paragraph(
        &[
            "村主任李长顺，",
            "放下木锨",
            "说今年收成比去年好，大伙儿",
            "的日子更有奔头了。",
        ],
        "村主任李长顺，放下木锨说今年",
    );
}

/// A paragraph of two lines (晚饭后大家聚在村口老槐 / 树下商量明年种什么好。):
/// its first line, a first line's width and ending no sentence, over its
/// last, as wide or wider and ending one, is no section head over a
/// one-line paragraph. Before, the first line was read as a head.
#[test]
fn a_first_line_over_its_paragraphs_last_is_no_head() {
    let c = cleaned(&[
        "割完毕，村民们在晾晒新谷。",
        "晚饭后大家聚在村口老槐",
        "树下商量明年种什么好。",
    ]);
    assert_block(&c, |t| t == "晚饭后大家聚在村口老槐树下商量明年种什么好。");
}

/// A column narrowed beside a figure to ten ems of thirteen: a line of
/// it ending a sentence as wide as the narrowed lines under it (场边的人
/// 都说今年好。 over 稻穗又大又沉，一亩地), the first of them full too, no
/// first line two ems short, ends no paragraph: the sentence ends flush
/// at the column's narrowed edge, as it may at the full one. Before, the
/// narrowed lines under it were taken for a block set apart (a boxed
/// paragraph, its own measure), opening a paragraph of their own.
#[test]
fn a_sentence_ending_flush_at_a_narrowed_edge_ends_no_paragraph() {
    let c = cleaned(&[
        "割完毕，村民们在晾晒新谷，",
        "场边的人都说今年好。",
        "稻穗又大又沉，一亩地",
        "能多打一百多斤粮食，",
        "大伙儿心里都高兴。",
    ]);
    assert_block(&c, |t| t.contains("都说今年好。稻穗又大又沉"));
}

/// Full column lines over the lines a test narrows beside a figure: the
/// column's measure (13 ems) stands, whatever the narrowed lines' widths.
const FULL: [&str; 4] = [
    "割完毕，村民们在晾晒新谷。今",
    "年雨水足，日照也好，稻子长",
    "得特别壮实，家家户户都说这",
    "是多年少有的好年景，村里人",
];

/// `narrowed` under [`FULL`], cleaned; asserts that a paragraph holds
/// `joined`.
fn joins_under_full(narrowed: &[&str], joined: &str) {
    let c = cleaned(&[&FULL[..], narrowed].concat());
    assert_block(&c, |t| t.contains(joined));
}

/// A column narrowed beside a figure widening back past its edge: a line
/// ending on a word, ten ems of thirteen as is the line over it, over a
/// line of eleven (a first line's width) that a full line goes on from
/// (像座小山孩子们绕着它 / 跑来跑去，笑声传到村口): the eleven ems are the
/// column's edge moving out, not an indent, so no paragraph ends on the
/// word. Before, the bare short line was taken for a paragraph's end
/// whose mark the OCR lost.
#[test]
fn a_narrowed_line_as_the_column_widens_ends_no_paragraph() {
    joins_under_full(
        &[
            "稻谷堆在晒场上高高的",
            "像座小山孩子们绕着它",
            "跑来跑去，笑声传到村口",
            "的大槐树下，大人们也笑了。",
        ],
        "孩子们绕着它跑来跑去",
    );
}

/// A column narrowed beside a figure to ten ems of thirteen, a sentence
/// ending flush at its edge on the last line of what reads as a narrower
/// block (three lines within an em after a sentence end, the last ending
/// one), the column as narrow under it (大伙儿心里都很高兴。 over
/// 今年新谷价好，合作社, the column widening back two lines down): the
/// narrow lines run on past the block's edge, and the sentence ending
/// flush there ends no paragraph, as at the block's top. Before, the line
/// under the block opened a paragraph under a short last line.
#[test]
fn a_sentence_ending_flush_at_a_narrowed_blocks_foot_ends_no_paragraph() {
    joins_under_full(
        &[
            "都很忙。",
            "稻穗又大又沉，一亩地",
            "能多打一百多斤粮食，",
            "大伙儿心里都很高兴。",
            "今年新谷价好，合作社",
            "的收购价比去年还高，",
            "多出两毛，算下来每户能多收",
            "入好几千块钱。",
        ],
        "都很高兴。今年新谷价好",
    );
}

/// A comma at the end of a line of a column narrowed beside a figure,
/// the two lines under it as narrow (谷堆在晒场上像小山， / 孩子们绕着它跑来
/// 跑去 / 笑声传到村口，槐树下, ten ems each of thirteen): every line there
/// is short, and the line under the comma is no paragraph's first line (a
/// full line would follow it), so the comma is no misread 。. Before, the
/// comma ended a paragraph.
#[test]
fn a_comma_in_a_level_narrowed_column_ends_no_paragraph() {
    joins_under_full(
        &[
            "谷堆在晒场上像小山，",
            "孩子们绕着它跑来跑去",
            "笑声传到村口，槐树下",
            "大人们听了也都跟着笑起来了。",
        ],
        "像小山，孩子们绕着它",
    );
}

/// Asserts that `c` has a paragraph (not a head) reading `text`.
pub(super) fn assert_para(c: &typeset::clean::Cleaned, text: &str) {
    let paras = blocks(c, false);
    assert!(paras.iter().any(|t| *t == text), "{paras:?}");
}

/// Asserts that `c` has a section head reading `text`.
pub(super) fn assert_head(c: &typeset::clean::Cleaned, text: &str) {
    let heads = blocks(c, true);
    assert!(heads.iter().any(|t| *t == text), "{heads:?}");
}

/// The heads (`head`) or the paragraphs of `c`'s articles.
fn blocks(c: &typeset::clean::Cleaned, head: bool) -> Vec<&String> {
    (c.articles.iter().flat_map(|a| a.blocks.iter()))
        .filter_map(|b| match b {
            typeset::clean::Block::Para(t) if !head => Some(t),
            typeset::clean::Block::Head(t) if head => Some(t),
            _ => None,
        })
        .collect()
}

/// The paragraph after the one-line paragraph or the head.
pub(super) const NEXT: [&str; 3] = [
    "村主任李长顺放下手里的",
    "木锨，擦了把汗，笑着对记者",
    "说今年是个好年景。",
];

/// A short line ending on an ellipsis (天色渐渐暗了下来……) between a
/// paragraph's short last line and the next paragraph's first line is a one-line paragraph
/// trailing off, not a section head: the ellipsis ends its sentence, as
/// it does in a head marked large. Before, the line was read as a head.
#[test]
fn a_line_trailing_off_is_no_head() {
    let line = "天色渐渐暗了下来……";
    let c = cleaned(&[&["割完毕，村民们在晾晒。", line][..], &NEXT].concat());
    assert_para(&c, line);
}

/// A first line over a short line trailing off (老人望着远处的田埂喃喃 /
/// 说个不停……) is a paragraph of two lines, not a head over a one-line
/// paragraph of two words (`heads::last_under`, the ellipsis ending the
/// sentence). Before, the first line was read as a head.
#[test]
fn a_first_line_over_a_line_trailing_off_is_no_head() {
    two_lines_one_paragraph("老人望着远处的田埂喃喃", "说个不停……");
}

/// A first line over its paragraph's last line narrower than it (晚饭后
/// 大家聚在村口老槐 / 树下商量种什么。, eleven ems then eight) is a
/// paragraph of two lines, not a head over a one-line paragraph. Before,
/// only a last line as wide as the first or wider kept it from being read
/// as a head.
#[test]
fn a_first_line_over_its_narrower_last_is_no_head() {
    two_lines_one_paragraph("晚饭后大家聚在村口老槐", "树下商量种什么。");
}

/// The same with a speck of the scan read between the two lines (`'`,
/// taken out): the lines were still read one right after the other, so
/// the first line is no head over a one-line paragraph. Before, the gap
/// the speck left in the line numbers read as lines apart, and the first
/// line became a head.
#[test]
fn a_speck_between_a_first_line_and_its_last_keeps_them_together() {
    let (first, last) = ("晚饭后大家聚在村口老槐", "树下商量种什么。");
    for speck in ["'", ".", "·"] {
        let c = cleaned(
            &[
                &["割完毕，村民们在晾晒新谷。", first, speck, last][..],
                &NEXT,
            ]
            .concat(),
        );
        assert_para(&c, &format!("{first}{last}"));
    }
}

/// Asserts that `first` over `last`, between a full line ending a
/// sentence and [`NEXT`], make one paragraph (no head).
fn two_lines_one_paragraph(first: &str, last: &str) {
    let c = cleaned(&[&["割完毕，村民们在晾晒新谷。", first, last][..], &NEXT].concat());
    assert_para(&c, &format!("{first}{last}"));
}

/// A short line opening no paragraph of several (two ems short of a first
/// line's width or more, after a sentence end) over a paragraph's first
/// line is a line of its own (a caption, here), though it ends on a word
/// that needs what follows (之, 的) and is as wide as the short last line
/// over it. Before, the first line under it was glued to it: the open word
/// read as running on, the two short lines as a column narrowed beside a
/// figure widening back (`joins::sliver_widens`).
#[test]
fn a_short_line_over_a_first_line_stands_alone() {
    for caption in ["场院里晾晒新谷之", "新谷晒满了场院的"] {
        let lines = [
            OPENING,
            "割完毕，村民们正在场院里晾",
            "晒新谷，家家户户忙个不停。",
            "村主任李长顺站在场院边",
            "看着满场的新谷，笑得合不拢",
            "嘴，连说好年景。",
            caption,
            SALES,
        ];
        let c = articles(&page(&lines), 1);
        assert_block(&c, |t| t.starts_with("合作社的收购车"));
        assert_block(&c, |t| t == caption);
    }
}

/// A short line of words between a full line ending its sentence flush
/// and a full line that is no paragraph's first line (新谷。 / 丰收的田野 /
/// 家家户户…): the paragraph runs on across the line, a caption set in
/// the column, which follows the paragraph with a warning. A section head
/// would have a paragraph's first line under it, two ems short. Before,
/// the line ended the paragraph and the full line under it opened the
/// next. Line-per-box, and as Tesseract reads it (blank lines around the
/// line and after each paragraph).
#[test]
fn a_line_after_a_sentence_ending_flush_over_a_full_line_is_held() {
    let rest = [
        "割完毕，村民们在晾晒新谷。",
        "丰收的田野",
        "家家户户都在场院里忙碌着，",
        "到处是一片丰收的景象。",
    ];
    let whole = "秋收时节，记者来到城郊的和平村。田里的稻子已经收割完毕，村民们在晾晒新谷。家家户户都在场院里忙碌着，到处是一片丰收的景象。";
    let c = cleaned(&rest);
    assert_para(&c, whole);
    assert_para(&c, "丰收的田野");
    assert!(super::general::warned(&c, "丰收的田野"));
    let blank = page(&[
        OPENING, rest[0], "", rest[1], "", rest[2], rest[3], "", SALES,
    ]);
    let c = articles(&blank, 1);
    assert_para(&c, whole);
    // A paragraph's first line pushed short, its last character taken
    // down with the ellipsis no line opens on, stays where it is, its
    // words in their order.
    let c = cleaned(&[
        rest[0],
        "村民们说这样的好年",
        "景……多少年没见过了，今年",
        rest[3],
    ]);
    assert_block(&c, |t| t.contains("村民们说这样的好年景……多少年"));
}

/// A paragraph set narrow beside a figure after a sentence end (ten ems
/// of thirteen), its first line two ems short of that and its last line
/// short (村主任李长顺站在 / 场院边看着满场新谷， / 笑得合不拢嘴，连说今 / 年好。):
/// a narrower block whose own measure reads its lines, though its last
/// line is narrower than half the column (`paras::narrow_runs` takes a
/// block's last line at any width). Before, every line of a block had to
/// be half the column or wider: no block was found, and against the full
/// column the narrowed first line read as a paragraph of its own.
#[test]
fn a_narrow_block_ends_on_a_last_line_of_any_width() {
    let c = cleaned(
        &[
            &FULL[..],
            &[
                "都很高兴。",
                "村主任李长顺站在",
                "场院边看着满场新谷，",
                "笑得合不拢嘴，连说今",
                "年好。",
            ],
        ]
        .concat(),
    );
    assert_block(&c, |t| {
        t == "村主任李长顺站在场院边看着满场新谷，笑得合不拢嘴，连说今年好。"
    });
}

/// A short line leaving a quotation open (对记者说：“今年), over a line
/// as wide as a paragraph's first that closes it (雨水匀，收成好。”他抓起):
/// the quoted words run across the break, and no paragraph ends inside
/// a quotation the next line closes. Before, the short line ending on a
/// word over a first line's width was taken for a paragraph end whose
/// mark was lost.
#[test]
fn a_line_closing_the_quotation_left_open_above_goes_on_from_it() {
    let c = cleaned(&[
        "割完毕，村民们正在场院里晾",
        "晒新谷。",
        "村主任李长顺放下手里的",
        "木锨，对记者说：“今年",
        "雨水匀，收成好。”他抓起",
        "一把稻谷让记者看，谷粒饱满，",
        "颜色金黄。",
    ]);
    assert_block(&c, |t| t.contains("说：“今年雨水匀，收成好。”他抓起"));
}

/// A short line ending in a comma over a line that can open no paragraph
/// (木锨，擦了把汗， / 笑着说今年雨水匀, a short line running on; or a
/// full line): the scan cut the printed line there, and the comma is no
/// misread 。. Before, any short line ending in a comma ended its
/// paragraph, the comma made a 。.
#[test]
fn a_comma_over_a_line_that_opens_no_paragraph_ends_none() {
    for (rest, want) in [
        (
            [
                "笑着说今年雨水匀",
                "稻子比去年多打了一百多斤，",
                "大伙儿的日子更有奔头了。",
            ],
            "擦了把汗，笑着说今年雨水匀稻子",
        ),
        (
            [
                "笑着说今年稻子比去年多打了",
                "一百多斤，大伙儿的日子更有",
                "奔头了。",
            ],
            "擦了把汗，笑着说今年稻子",
        ),
    ] {
        let c = cleaned(
            &[
                &[
                    "割完毕，村民们正在场院里晾",
                    "晒新谷。",
                    "村主任李长顺放下手里的",
                    "木锨，擦了把汗，",
                ][..],
                &rest[..],
            ]
            .concat(),
        );
        assert_block(&c, |t| t.contains(want));
    }
}

/// A short line ending on a word over a line as wide as a paragraph's
/// first that opens on a word and a stop (连连点 / 头。今年…): no paragraph
/// opens so, and the sentence runs across the break (as under a head).
/// Before, the short line was taken for a paragraph end whose mark was
/// lost, and the word cut from its sentence.
#[test]
fn a_line_opening_on_a_word_and_a_stop_goes_on_from_the_line_above() {
    let c = cleaned(&[
        "割完毕，村民们正在场院里晾",
        "晒新谷。",
        "村主任李长顺放下手里的",
        "木锨，擦了把汗，连连点",
        "头。今年风调雨顺，亩产",
        "比去年多了一百斤，大伙儿的日",
        "子更有奔头了。",
    ]);
    assert_block(&c, |t| t.contains("连连点头。今年风调雨顺"));
}

/// A short line after a sentence end over a line as wide as a
/// paragraph's first that opens on a word and a semicolon (这样的丰收在村里少
/// / 见；老人们说…): the sentence runs through the line, which is its
/// paragraph's first, no section head. Before, only a stop (。？！) or
/// a pause after one character told so.
#[test]
fn a_line_over_a_word_and_a_semicolon_is_no_head() {
    let c = cleaned(&[
        "割完毕，村民们正在场院里晾",
        "晒新谷。",
        "这样的丰收在村里少",
        "见；老人们说，上一次还",
        "是二十多年前的事了。",
    ]);
    assert!(
        c.articles[0]
            .blocks
            .iter()
            .all(|b| !matches!(b, typeset::clean::Block::Head(_))),
        "{:?}",
        c.articles[0].blocks
    );
    assert_block(&c, |t| t.starts_with("这样的丰收在村里少见；老人们说"));
}

/// A line as wide as a paragraph's first (two ems short), ending on a
/// word with its sentence going on into a full line, under a full line
/// that leaves its sentence open (场院里晾 / 李长顺放下手里的锨，擦): no line
/// inside a paragraph is that short, so the line above lost its
/// sentence's rest (read into another column, or dropped by the scan)
/// and this one opens a paragraph. Before, it was joined to the line
/// above, as any line under an open full line was.
#[test]
fn a_first_line_under_an_open_full_line_opens_a_paragraph() {
    let lines = |c| {
        [
            "割完毕，村民们正在场院里晾",
            c,
            "了把汗，笑着对记者说今年的",
            "收成比去年好。",
        ]
    };
    let c = cleaned(&lines("李长顺放下手里的锨，擦"));
    assert_block(&c, |t| t.starts_with("李长顺放下手里的锨，擦了把汗"));
    // With digits in it the line's width says nothing of an indent.
    let c = cleaned(&lines("李长顺放下38 把锨，擦"));
    assert_block(&c, |t| t.contains("场院里晾李长顺"));
}

/// A short line ending on a word over a line as wide as a first line, in
/// a column narrowed beside a figure (颜渊曰夫达矣夫君 / 极；戴着每天下去公论 /
/// 诗者与，皆可以，则知线, 8, 10 and 11 ems of 13, the prose scan set's
/// gq11): the line over it is short too, so its shortness is the
/// figure's edge and the wider line the column widening back, no
/// paragraph end whose mark was lost. Before, the paragraph was cut there
/// with a warning.
#[test]
fn a_bare_short_line_under_a_short_line_ends_no_paragraph() {
    assert_block(&cleaned(&NARROWED), |t| {
        t.contains("戴着每天下去公论诗者与")
    });
}

/// A paragraph's end, then a paragraph in a column narrowed beside a
/// figure and widening back (8, 10, 11, then 13 ems of 13).
const NARROWED: [&str; 7] = [
    "割完毕，村民们在晾晒新谷。",
    "其所谓公交：斯行尤？",
    "颜渊曰夫达矣夫君",
    "极；戴着每天下去公论",
    "诗者与，皆可以，则知线",
    "就不觚。不为圃也与祭之书第",
    "一栋，中之美下国。",
];

/// A line opening on a dateline (本报讯) under a full line another
/// column left open (its sentence goes on elsewhere): a news item's lead
/// opens on its dateline, whatever line the OCR read before it. Before,
/// a full line under a full line was the paragraph going on, and the
/// lead was glued to the other column's text.
#[test]
fn a_dateline_opens_a_paragraph_under_an_open_line() {
    let c = cleaned(&[
        "割完毕，村民们正在场院里晾",
        "本报讯　村主任李长顺放下手",
        "里的木锨，擦了把汗，笑着对记",
        "者说今年收成好。",
    ]);
    assert_block(&c, |t| t.starts_with("本报讯　村主任李长顺"));
}
