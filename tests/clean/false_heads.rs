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
