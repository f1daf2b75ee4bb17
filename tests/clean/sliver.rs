//! The forty-eighth round's rules, found on essay-lamp read by
//! Tesseract (tests/fixtures/clean/ocr) and by typeset's own OCR
//! (ocr-typeset): a column narrowed round a figure, step by step or to a
//! sliver three and four ems wide in a column of thirteen, with blank
//! lines where the OCR liked and the figure's label read inside it.

use super::general::{articles, assert_block, blocks_text};
use super::structure::removed;
use typeset::clean::Block;

/// The essay: its second paragraph runs down a sliver beside the figure
/// (线，还是 / 习惯把 / 煤油灯 / … / 着那一小), whose label 灯的徽记 is
/// read after the sliver's last line, then the column widens back.
const LAMP: &str = "一盏灯\n\n林晓舟\n\n小时候住在河边，家里点\n的是煤油灯。灯罩要天天擦，\n擦得亮了，屋里才亮。母亲擦\n灯罩的时候很小心，先哈一口\n气，再用旧报纸慢慢地转着擦，\n像是在做一件了不起的事。\n\n后来通了电，灯泡挂在屋\n子正中，一拉线就亮。我们都\n说好，只有祖母嫌它太亮，说\n照得人心里发慌。她晚上做针\n\n线，还是\n习惯把\n煤油灯\n\n挪到床\n\n头，就\n\n着那一小\n灯的徽记\n\n| 团黄光，一针一针地缝。\n如今城里的夜晚，到处\n都是灯：路灯、车灯、橱窗\n里的灯、写字楼里一格一\n格的灯。灯多了，反倒很\n少有人抬头去看哪一盏。只\n有坐夜班车回家的时候，隔\n着车窗看那些一闪而过的窗\n户，我会想起河边那盏小小的煤油灯。\n";

/// The paragraph that runs down the sliver, whole.
const SECOND: &str = "后来通了电，灯泡挂在屋子正中，一拉线就亮。我们都说好，只有祖母嫌它太亮，说照得人心里发慌。她晚上做针线，还是习惯把煤油灯挪到床头，就着那一小";

/// A short line after a blank, under three lines of the sliver as
/// narrow that leave their sentences open, is the sliver's next line,
/// not a section head (heads::in_sliver).
#[test]
fn a_short_line_down_a_sliver_is_no_head() {
    let c = articles(LAMP, 1);
    let heads: Vec<&Block> = (c.articles[0].blocks.iter())
        .filter(|b| matches!(b, Block::Head(_)))
        .collect();
    assert!(heads.is_empty(), "{heads:?}");
}

/// The line naming the figure, read last in the sliver before a blank,
/// is its caption and goes (heads::inside_sentence's `named`,
/// lone::held_captions).
#[test]
fn a_figures_label_read_in_its_sliver_is_its_caption() {
    let c = articles(LAMP, 1);
    assert!(!blocks_text(&c).iter().any(|t| t.contains("徽记")));
    assert!(removed(LAMP).iter().any(|m| m.contains("灯的徽记")));
}

/// Across the blank where the column widens back past the figure, the
/// sliver's last line (着那一小, as narrow as the line over it) ends no
/// paragraph (joins::narrowed_across, by `sliver_widens`).
#[test]
fn a_sliver_runs_on_across_a_blank_where_the_column_widens() {
    let c = articles(LAMP, 1);
    assert_block(&c, |p| {
        p.starts_with(SECOND) && p.ends_with("一针一针地缝。")
    });
}

/// A column narrowed round a figure step by step (10, 9, then 8 ems of
/// 13), too few lines of one width near it for a measure: the sentence
/// ending flush at 发慌。, level with the lines over and under it that
/// run on, ends no paragraph (joins::level_unmeasured; Tesseract's
/// essay-lamp).
#[test]
fn a_sentence_end_level_with_open_lines_and_no_measure_runs_on() {
    let input = "一盏灯\n\n林晓舟\n\n小时候住在河边，家里点\n的是煤油灯。灯罩要天天擦，\n擦得亮了，屋里才亮。母亲擦\n灯罩的时候很小心，先哈一口\n气，再用旧报纸慢慢地转着擦，\n像是在做一件了不起的事。\n\n后来通了电，灯泡挂\n在屋子正中，一拉线就\n亮。我们都说好，只\n有祖母嫌它太亮，说\n照得人心里发慌。\n她晚上做针线，还\n是习惯把煤油灯挪\n到床头，就着那一\n小团黄光，一针一\n针地缝。\n\n如今城里的夜晚，\n到处都是灯：路灯、车\n灯、橱窗里的灯、写字楼里\n一格一格的灯。灯多了，反倒\n很少有人抬头去看哪一盏。\n";
    let c = articles(input, 1);
    let whole = format!("{SECOND}团黄光，一针一针地缝。");
    assert_block(&c, |p| p == whole);
}
