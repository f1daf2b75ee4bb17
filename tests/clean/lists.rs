//! Lists in line-per-box text: the lines that introduce an enumeration
//! and the paragraph ends around them (each test a small input of the
//! shape found in the corpus).

use typeset::clean::clean;

use super::run_on::paras;

/// A news item in a 12-em column, its lines as line-per-box OCR gives
/// them, with `tail` after its second paragraph's first two lines.
fn item(tail: &[&str]) -> String {
    let head = [
        "我市出台措施支持小微企业",
        "本报记者 郑岚",
        "日前，市政府办公厅印发",
        "《关于进一步支持小微企业发",
        "展的若干措施》，提出十条具",
        "体措施。",
        "市发展改革委有关负责人",
        "表示，这些措施将于四月一日",
    ];
    [&head[..], tail].concat().join("\n") + "\n"
}

/// A short line ending on a comma (有效期两年, : the paragraph's 。
/// misread) over a label ending on a colon (相关数据：) over an enumerated
/// item (△…): the label is a one-line paragraph introducing the list, so
/// the comma ends the paragraph before it (`joins::introduces_list`).
/// Before, the label was joined to the sentence over it (…有效期两年，相关数据：);
/// the corpus's c12-enumerations, 173 → 175 paragraphs exact there.
#[test]
fn a_label_introducing_a_list_opens_a_paragraph_after_a_comma() {
    let c = clean(&item(&[
        "起施行,有效期两年,",
        "相关数据：",
        "△全市现有小微企业约十",
        "二万六千户；",
        "△去年小微企业贷款余额",
        "增长百分之十八。",
    ]));
    let ps = paras(&c);
    assert!(ps.iter().any(|p| p.ends_with("有效期两年。")), "{ps:?}");
    assert!(ps.iter().any(|p| p.as_str() == "相关数据："), "{ps:?}");
    assert!(ps.iter().any(|p| p.starts_with("△全市现有")), "{ps:?}");
}

/// The same label with no list under it (a sentence going on: 相关数据：
/// over a full line) is the sentence's end: the comma before it stays.
#[test]
fn a_colon_line_over_no_list_goes_on_after_a_comma() {
    let c = clean(&item(&[
        "起施行,有效期两年,",
        "相关数据：",
        "全市现有小微企业约十二万六",
        "千户。",
    ]));
    let ps = paras(&c);
    assert!(
        ps.iter().any(|p| p.contains("有效期两年，相关数据：")),
        "{ps:?}"
    );
}

/// A line ending on a comma and a label over a list that are together a
/// column line's width (关负责人表示， / 主要措施如下：): one printed
/// line the OCR cut into two boxes at the comma's gap, so the comma is no
/// paragraph's end and the label goes on from it.
#[test]
fn a_label_cut_from_its_line_at_a_comma_goes_on() {
    let c = clean(&item(&[
        "起施行，有效期两年。市里有",
        "关负责人表示，",
        "主要措施如下：",
        "△全市现有小微企业约十",
        "二万六千户；",
    ]));
    let ps = paras(&c);
    assert!(
        ps.iter().any(|p| p.ends_with("负责人表示，主要措施如下：")),
        "{ps:?}"
    );
}
