//! The fiftieth round's rule, found on the generated sets (gen boxes and
//! gen scan gq02): a paragraph's first line set loose, narrower than a
//! first line, under a full line ending a sentence.

use super::general::{articles, assert_block};

/// A report in a column of thirteen ems, one printed line a line: its
/// second paragraph's first line (街坊们看着新换的路, nine ems) is set
/// loose, the word after it pushed down with the ellipsis that no line
/// may open on (灯……), under the first paragraph's last line, full and
/// ending its sentence.
const LAMPS: &str = "老街的灯\n\n本报记者 林晓舟\n\n老街的路灯是上月换的，\n原来的灯杆锈得厉害，灯罩里\n积满了灰，晚上照在地上只有\n昏黄的一小片。街道请电工把\n灯杆一根根换成了新的，一共\n三十六根，一直排到了河边。\n街坊们看着新换的路\n灯……一时谁也没有说话。大\n家在这条街上住了几十年，早\n就习惯了那点昏黄的光。卖豆\n腐的老周第一个开口，说亮是\n亮了，就是照得人不自在。\n街道办的小刘说，新灯用\n的是节能灯泡，一年能省下不\n少电费，亮度也可以再调。老\n周听了点点头，说那就调暗一\n点吧。\n";

/// The loose line opens the second paragraph (joins::loose_first): inside
/// a paragraph a justified column sets every line but the last to the
/// measure, so a line four ems short that leaves its sentence open, with
/// a full line under it, is no inner line.
#[test]
fn a_first_line_set_loose_under_a_full_sentence_end_opens_a_paragraph() {
    let c = articles(LAMPS, 1);
    assert_block(&c, |p| p.ends_with("一直排到了河边。"));
    assert_block(&c, |p| p.starts_with("街坊们看着新换的路灯……"));
}
