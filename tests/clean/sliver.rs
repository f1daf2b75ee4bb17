//! The forty-eighth round's rules, found on essay-lamp read by
//! Tesseract (tests/fixtures/clean/ocr) and by typeset's own OCR
//! (ocr-typeset): a column narrowed round a figure, step by step or to a
//! sliver three and four ems wide in a column of thirteen, with blank
//! lines where the OCR liked and the figure's label read inside it.
//! The forty-ninth round's: a paragraph opening in a column narrowed
//! round a figure, its first line read as a section head.

use super::general::{articles, assert_block, blocks_text};
use super::structure::removed;
use typeset::clean::Block;

/// The essay: its second paragraph runs down a sliver beside the figure
/// (线，还是 / 习惯把 / 煤油灯 / … / 着那一小), whose label 灯的徽记 is
/// read after the sliver's last line, then the column widens back.
const LAMP: &str = "一盏灯\n\n林晓舟\n\n小时候住在河边，家里点\n的是煤油灯。灯罩要天天擦，\n擦得亮了，屋里才亮。母亲擦\n灯罩的时候很小心，先哈一口\n气，再用旧报纸慢慢地转着擦，\n像是在做一件了不起的事。\n\n后来通了电，灯泡挂在屋\n子正中，一拉线就亮。我们都\n说好，只有祖母嫌它太亮，说\n照得人心里发慌。她晚上做针\n\n线，还是\n习惯把\n煤油灯\n\n挪到床\n\n头，就\n\n着那一小\n灯的徽记\n\n| 团黄光，一针一针地缝。\n如今城里的夜晚，到处\n都是灯：路灯、车灯、橱窗\n里的灯、写字楼里一格一\n格的灯。灯多了，反倒很\n少有人抬头去看哪一盏。只\n有坐夜班车回家的时候，隔\n着车窗看那些一闪而过的窗\n户，我会想起河边那盏小小的煤油灯。\n";

/// The paragraph that runs down the sliver, whole.
const SECOND: &str = "后来通了电，灯泡挂在屋子正中，一拉线就亮。我们都说好，只有祖母嫌它太亮，说照得人心里发慌。她晚上做针线，还是习惯把煤油灯挪到床头，就着那一小";

/// The first article has no section head.
fn assert_no_heads(c: &typeset::clean::Cleaned) {
    let heads: Vec<&Block> = (c.articles[0].blocks.iter())
        .filter(|b| matches!(b, Block::Head(_)))
        .collect();
    assert!(heads.is_empty(), "{heads:?}");
}

/// A short line after a blank, under three lines of the sliver as
/// narrow that leave their sentences open, is the sliver's next line,
/// not a section head (heads::in_sliver).
#[test]
fn a_short_line_down_a_sliver_is_no_head() {
    let c = articles(LAMP, 1);
    assert_no_heads(&c);
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

/// The forty-ninth round's: a news item in line-per-box text whose column
/// narrows round a figure (9 to 11 ems of 13), a full line ending its
/// paragraph, then the next paragraph's first line two ems in from the
/// narrowed lines under it (家住西门王先生 over 表示，以前去医院要), the column
/// widening back after it.
const WRAPPED: &str = "老城区公交线路今起调整\n本报记者\u{3000}陈明\n记者从市交通局了解到，\n为方便老城区居民出行，今年\n起市区将对十二条公交线路进\n行优化调整，新增站点二十一\n个，撤并重复站点九个，调整\n后线路覆盖老城区全\n部社区，居民步行五\n分钟可达最近的公交站\n点。据介绍，调整方案\n先后三次征求市民意见，\n共收到市民建议四百二十条。\n家住西门王先生\n表示，以前去医院要\n换乘两趟车，现在一趟到，\n省下不少时间，心里很踏实。\n按照计划，调整后的线路\n将于本月十五日起试运行，市\n交通局将根据客流情况再作优\n化，并及时向社会公布。\n市民如有意见，可拨打市\n交通服务热线反映，也可通过\n市交通局官方网站留言。\n";

/// In a column narrowed round a figure (two of the four lines over it
/// three ems short, leaving their sentences open), a short line whose next
/// line holds a comma inside it is no section head: a head holds none,
/// and beside a figure every line is short (heads::is_head's `opens`,
/// `comma_inside`, `narrowed_above`). Taken for the body's only head
/// beside text run round a figure, it went as the figure's caption.
#[test]
fn a_short_line_over_a_line_with_a_comma_inside_is_no_head() {
    let c = articles(WRAPPED, 1);
    assert_no_heads(&c);
    assert!(
        blocks_text(&c)
            .iter()
            .any(|t| t.starts_with("家住西门王先生"))
    );
    assert!(!removed(WRAPPED).iter().any(|m| m.contains("家住西门")));
}

/// Under a sentence end, a line two ems narrower than the narrowed line
/// under it opens a paragraph there, though it is no first line by the
/// column's measure (joins::narrowed_first).
#[test]
fn a_line_two_ems_in_from_a_narrowed_column_opens_a_paragraph() {
    let c = articles(WRAPPED, 1);
    assert_block(&c, |p| {
        p == "家住西门王先生表示，以前去医院要换乘两趟车，现在一趟到，省下不少时间，心里很踏实。"
    });
    assert_block(&c, |p| p.ends_with("共收到市民建议四百二十条。"));
}
