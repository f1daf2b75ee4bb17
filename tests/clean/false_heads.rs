//! Short lines between a sentence end and a paragraph's first line that
//! read like a section head by their width and are none by their words.

use super::breaks::{NEXT, assert_head, assert_para, cleaned};

/// A short line holding a colon with words after it (老李说：“好年景”)
/// is a sentence introducing what it says, a one-line paragraph here, no
/// plain section head (`heads::speaks_on`). On the generated scan sets
/// such lines beside a figure were read as heads five times (乕倒说:“了不片信了,
/// 倒裡愇了了的:閔了票你): four a source paragraph's first line, one inside
/// a paragraph. Before, the line was read as a head.
#[test]
fn a_line_introducing_speech_is_no_head() {
    let line = "老李说：“好年景”";
    let c = cleaned(&[&["割完毕，村民们在晾晒。", line][..], &NEXT].concat());
    assert_para(&c, line);
}

/// A short line whose colon opens no quotation, follows no verb of saying
/// and whose line stops on a word (专家：城市要留住烟火气) is a section head as
/// one without a colon would be: many a feature's heads name a voice or a
/// part so (记者手记：…). `heads::speaks_on` leaves it alone.
#[test]
fn a_head_naming_a_voice_with_a_colon_is_a_head() {
    let line = "专家：城市要留住烟火气";
    let c = cleaned(&[&["割完毕，村民们在晾晒。", line][..], &NEXT].concat());
    assert_head(&c, line);
}

/// A line marked `#` (large type) in a block of its own between two
/// lines of one sentence (tests/fixtures/clean/ocr-typeset/edition-12.txt,
/// line 949: 吃饭问题， / # 能走多远 / 而在于…): print sets no section head
/// inside a sentence, whatever its size; it is a headline's piece read out
/// of place, kept after the paragraph it interrupted with a warning, and
/// the paragraph stays whole. Before, the `#` made it a head that cut the
/// paragraph in two.
#[test]
fn a_large_line_inside_a_sentence_is_no_head() {
    let input = "一份十二元的午饭\n\n本报记者 林晓舟\n\n\
        这些年，社区食堂在城里越开\n越多，有的兼做棋牌室，有的请\n来社区医生每月坐诊一次。\n\n\
        本市一所高校研究社区养\n老的学者在接受采访时表示，\n长者食堂的价值，往往不在\n\
        于解决了多少人的吃饭问题，\n\n# 能走多远\n\n而在于它让独居老人每天有一\n\
        个出门的理由。一个老人连\n续三天没来吃饭，工作人员会\n打电话问一问。\n\n\
        这一点，社区的工作人员深\n有体会。去年冬天，一位老人\n两天没露面，他们上门看望。\n";
    let c = typeset::clean::clean(input);
    let text = super::general::blocks_text(&c);
    assert!(
        text.iter()
            .any(|t| t.contains("吃饭问题，而在于它让独居老人")),
        "{text:?}"
    );
    assert!(
        c.articles.iter().all(|a| !a
            .blocks
            .iter()
            .any(|b| matches!(b, typeset::clean::Block::Head(h) if h == "能走多远"))),
        "{text:?}"
    );
}
