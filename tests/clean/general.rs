//! Rules found wanting on pages clean was not tuned on (generated
//! broadsheet pages read back as line-per-box OCR, tests/fixtures/clean/gen):
//! each test is a small input of the shape that failed there.

use typeset::clean::clean;

use super::structure::{column, removed};

/// A one-phrase headline whose article jumps to a later page: the later
/// page prints the whole headline again as the continuation head over
/// （上接第1版）. The repeat is furniture; the headline itself, opening an
/// article with 本报讯 right under it (no byline), is not.
#[test]
fn a_headline_repeated_whole_as_the_continuation_head_stays() {
    let first = column(&[
        "本报讯　城西的老码头昨天重新开放，渡船恢复了每天六个班次，两岸居民又能坐船过河了。",
        "码头管理员说，新的候船室有四十个座位，墙上挂着两岸的老照片，还有一台热水器，冬天候船的人可以喝上一口热水。",
        "住在对岸的李阿婆每周要过河两次，去城西的医院取药。她说，桥修好以前，船就是两岸之间唯一的路。",
    ]);
    let rest = column(&["渡船票价维持两元不变，老人和学生凭证件免费乘坐，首班船早上六点开出。"]);
    let input = format!(
        "大桥合龙\n本报记者 周立新\n{}（未完待续）\n老码头重新开放\n{first}（下转第2版）\n第1版\n老码头重新开放\n（上接第1版）\n第2版\n{rest}",
        column(&["历时三年建设的青溪大桥昨天合龙，预计明年五月通车，届时两岸往来只需五分钟。"])
    );
    let c = clean(&input);
    let r = removed(&input);
    assert_eq!(
        r.iter().filter(|m| m.contains("老码头重新开放")).count(),
        1,
        "{r:?}"
    );
    assert_eq!(c.articles.len(), 2, "{r:?}");
    assert_eq!(c.articles[1].title, "老码头重新开放");
}

/// A headline ending on 的 under a jump line: the sentence the jump line
/// cut goes on on another page, so the headline is not that sentence's
/// last words, and the byline under it starts an article.
#[test]
fn a_headline_after_a_jump_line_starts_an_article() {
    let input = format!(
        "{}（下转第2版）\n小院的灯是亮的\n本报记者 宋晓峰\n{}",
        column(&[
            "本报讯　历时三年建设的青溪大桥昨天合龙，预计明年五月通车，届时两岸往来只需五分钟，施工方表示将在年底前完成桥面铺装和"
        ]),
        column(&[
            "本报讯　城西的老码头昨天重新开放，渡船恢复了每天六个班次，两岸居民又能坐船过河了。"
        ])
    );
    let c = clean(&input);
    assert_eq!(c.articles.len(), 2, "{:?}", removed(&input));
    assert_eq!(c.articles[1].title, "小院的灯是亮的");
    assert_eq!(c.articles[1].byline.as_deref(), Some("本报记者 宋晓峰"));
}

/// A deck marked as large type (`#`) under the headline stops on 的: it is
/// still the headline block's (a paragraph's last line is not large
/// type), and the byline under it is the article's.
#[test]
fn a_marked_deck_ending_on_a_particle_stays_in_the_headline_block() {
    let input = format!(
        "# 老码头重新开放\n# 两岸居民又能坐船过河的\n本报记者 宋晓峰\n{}",
        column(&[
            "本报讯　城西的老码头昨天重新开放，渡船恢复了每天六个班次，两岸居民又能坐船过河了。"
        ])
    );
    let c = clean(&input);
    assert_eq!(c.articles.len(), 1);
    let a = &c.articles[0];
    assert_eq!(a.title, "老码头重新开放");
    assert_eq!(a.deck.as_deref(), Some("两岸居民又能坐船过河的"));
    assert_eq!(a.byline.as_deref(), Some("本报记者 宋晓峰"));
}

/// A headline of two phrases broken after its comma, both lines marked
/// the same size: one headline, not a headline and its deck.
#[test]
fn a_headline_broken_after_its_comma_is_joined() {
    let input = format!(
        "# 老码头重新开放，\n# 渡船六班\n本报记者 宋晓峰\n{}",
        column(&[
            "本报讯　城西的老码头昨天重新开放，渡船恢复了每天六个班次，两岸居民又能坐船过河了。"
        ])
    );
    let c = clean(&input);
    assert_eq!(c.articles.len(), 1);
    let a = &c.articles[0];
    assert_eq!(a.title, "老码头重新开放，渡船六班");
    assert_eq!(a.deck, None);
}
