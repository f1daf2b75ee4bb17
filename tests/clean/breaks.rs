//! Paragraph breaks in line-per-box text where a scan cut a printed line
//! into two boxes, or the column runs narrowed beside a figure: lines
//! that are short for a reason other than a paragraph's end (found on the
//! generated scan sets; each test a small input of the shape).

use super::general::{articles, assert_block};

/// A paragraph of three lines (the first two ems short, its indent
/// dropped) and a short last line.
const HARVEST: &str =
    "秋收时节，记者来到城郊\n的和平村。田里的稻子已经收\n割完毕，村民们正在场院里晾\n晒新谷。";

/// A paragraph of a first line and a last.
const SALES: &str = "合作社的收购车每天清晨\n进村，新谷当天就能卖出去。";

/// The article's head and byline, then `lines` as line-per-box OCR gives
/// them (a 13-em column, no indents).
fn page(lines: &[&str]) -> String {
    format!("丰收\n本报记者 王春明\n{}\n", lines.join("\n"))
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
        let input = page(&[HARVEST, "村主任李长顺放下手里的", &quote.join("\n"), SALES]);
        let c = articles(&input, 1);
        assert_block(&c, |t| t.contains("笑着对记者说：“今年风调雨顺"));
    }
}

/// A printed line the OCR cut into two boxes at the gap after its comma
/// (割完毕， / 村民们正在场院里晾): the two as wide as a column line, the
/// second ending on a word and too narrow for a paragraph's first line,
/// so the comma is no misread 。 at a paragraph's end. Before, it was
/// taken for one and the paragraph cut there.
#[test]
fn a_line_cut_after_its_comma_is_one_line() {
    let input = page(&[
        "秋收时节，记者来到城郊",
        "的和平村。田里的稻子已经收",
        "割完毕，",
        "村民们正在场院里晾",
        "晒新谷，空气里满是稻草的香",
        "味。",
        SALES,
    ]);
    let c = articles(&input, 1);
    assert_block(&c, |t| t.contains("收割完毕，村民们正在场院里晾晒"));
}
