//! Rules of the continuation page (转版), found on generated broadsheet
//! pages read back as line-per-box OCR (tests/fixtures/clean/gen, gen-prose):
//! a jumped article's head repeated where its rest goes on, read inside
//! its column, and the headline block under a jump line. Each test is a
//! small input of the shape that failed there.

use typeset::clean::{Block, clean};

use super::general::{article_text, articles, assert_block, blocks_text, feature_above};
use super::structure::{column, removed};

/// A continuation head read by position inside another article's column
/// (the head set across the rest's module, the column beside it): wider
/// than the column, inside a sentence, repeating an earlier headline
/// broken after its comma. It is furniture; the sentence runs on.
#[test]
fn a_continuation_head_read_inside_a_column_is_furniture() {
    let c = dock_rest(
        "陈德顺说，这座桥还能再走上\n老码头重新开放，渡船恢复六个班次\n一百年，只要有人扫。\n",
    );
    assert_block(&c, |p| p.contains("再走上一百年"));
}

/// The dock news jumped to page 2, its headline in two lines, `rest`
/// read on page 2 under a feature's text; asserts the headline repeated
/// there whole is removed as a continuation head.
fn dock_rest(rest: &str) -> typeset::clean::Cleaned {
    let first = dock_news("冬天候船的人可以喝上一口热水。");
    let input = format!(
        "老码头重新开放，\n渡船恢复六个班次\n本报记者 周立新\n{first}（下转第2版）\n第2版\n{}{rest}",
        feature_above()
    );
    continuation_head_removed(&input, "老码头重新开放，渡船恢复六个班次")
}

/// The news item of the two continuation-head tests: its second
/// paragraph ends in `tail`.
fn dock_news(tail: &str) -> String {
    column(&[
        "本报讯　城西的老码头昨天重新开放，渡船恢复了每天六个班次，两岸居民又能坐船过河了。",
        &format!(
            "码头管理员说，新的候船室有四十个座位，墙上挂着两岸的老照片，还有一台热水器，{tail}"
        ),
    ])
}

/// Asserts the repeat of `title` in `input` is removed as a continuation
/// head and the first article keeps it as its title.
fn continuation_head_removed(input: &str, title: &str) -> typeset::clean::Cleaned {
    let r = removed(input);
    let tail = title.split('，').next_back().unwrap_or(title);
    assert!(
        r.iter()
            .any(|m| m.starts_with("continuation head") && m.contains(tail)),
        "{r:?}"
    );
    let c = clean(input);
    assert_eq!(c.articles[0].title, title);
    c
}

/// A jumped article's rest on its continuation page, its headline
/// repeated whole and read, by position, in the middle of its column:
/// after a sentence end and over a line the paragraph runs on in (a head
/// of the text would open a paragraph under it). The repeat is furniture,
/// and the paragraph runs on across it.
#[test]
fn a_headline_repeated_whole_over_a_running_line_is_furniture() {
    let first = dock_news("冬天候船的");
    let input = format!(
        "老码头重新开放，渡船复航\n本报记者 周立新\n{first}（下转第2版）\n第2版\n{}人可以喝上一口热水。住在对岸的李阿婆每周过河两\n次，去城西的医院取药。\n老码头重新开放，渡船复航\n她说，桥修好以前，船就是两岸之间唯一的路，如今有\n了桥，她还是愿意坐船。\n",
        feature_above()
    );
    let c = continuation_head_removed(&input, "老码头重新开放，渡船复航");
    assert!(!blocks_text(&c).iter().any(|t| t.contains("渡船复航")));
}

/// Two articles jump to page 2; the first one's rest opens that page,
/// after the page number, its continuation head read further down its
/// column, far from its （上接第1版）. The head names the article: the
/// text read since the page number goes there, not to the article that
/// jumped last.
#[test]
fn a_continuation_head_read_in_its_column_takes_back_the_rest_above_it() {
    let bus = column(&[
        "本报讯　上个月，村里的第一班公交车开进了村口，老人们站在路边看了很久。司机老周说，这条线路从镇上",
    ]);
    let school = column(&["本报讯　社区夜校开办一年半，报名的多是三四十"]);
    let input = format!(
        "村口通了公交，老人进城方便了\n本报记者 林晓舟\n{bus}（下转第2版）\n夜校的灯\n本报记者 罗晓岗\n{school}（下转第2版）\n第1版\n第2版\n一直开到村委会门口，单程四十\n分钟。村里的老人进城看病、买\n菜，再也不用走两个小时的山路\n了。老周每天要跑六个来回。\n村口通了公交，老人进城方便了\n他说，最早一班车坐的多是去\n镇上赶集的老人，最晚一班载\n的是放学的孩子。\n（上接第1版）\n岁的上班族。每周三晚上，教\n室里坐得满满的。\n"
    );
    let c = clean(&input);
    let text = |k: usize| article_text(&c, k);
    assert_eq!(c.articles.len(), 2, "{:?}", c.articles);
    let bus = text(0);
    assert!(bus.contains("这条线路从镇上一直开到村委会门口"), "{bus}");
    assert!(bus.contains("放学的孩子。"), "{bus}");
    assert!(!text(1).contains("村委会"), "{}", text(1));
}

/// Under a jump line (下转第2版) and over a news item's dateline (本报讯),
/// a headline as wide as a paragraph's first line, stopping on no mark
/// (老街的路灯全部换新了), is the item's headline: the article above goes
/// on on another page, and no paragraph's second line opens with 本报讯.
#[test]
fn a_first_line_wide_headline_under_a_jump_line_over_a_dateline_opens_the_item() {
    let bus = column(&[
        "本报讯　上个月，村里的第一班公交车开进了村口，老人们站在路边看了很久。司机老周说，这条线路从镇上",
    ]);
    // The item's first line ends on a comma, set half an em: a full line.
    let item = "本报讯　老街八十多盏路灯，\n昨天全部换成了节能灯，亮度比\n原来高了一倍，电费却省了一半。\n";
    let input =
        format!("村口通了公交\n本报记者 林晓舟\n{bus}（下转第2版）\n老街的路灯全部换新了\n{item}");
    let c = articles(&input, 2);
    assert_eq!(c.articles[1].title, "老街的路灯全部换新了");
    assert!(c.articles[1].blocks[0] == Block::Para(item.replace('\n', "")));
}

/// A jumped article closed by an end mark not its own: a serial box's
/// last lines and its （未完待续） read into the article's column before
/// its jump line, as a scan's reading across the page gives them. Its
/// headline repeated over （上接第1版） on page 2 still names it: the
/// head is furniture, and the rest goes back to it.
#[test]
fn a_continuation_head_names_its_article_closed_by_anothers_end_mark() {
    let first = dock_news("冬天候船的人可以喝上一口热水。");
    let serial = column(&[
        "阿禾屏住了呼吸。这是哥哥小时候跟她约好的暗号，除了他们兄妹俩，世上没有第三个人知道。",
    ]);
    let rest = column(&["渡船票价维持两元不变，老人和学生凭证件免费乘坐，首班船早上六点开出。"]);
    let school = column(&[
        "本报讯　社区夜校开办一年半，报名的多是三四十岁的上班族，每周三晚上教室里坐得满满的。",
    ]);
    let input = format!(
        "第1版\n老码头重新开放\n本报记者 周立新\n{first}{serial}（未完待续）\n（下转第2版）\n夜校的灯\n本报记者 罗晓岗\n{school}第2版\n老码头重新开放\n（上接第1版）\n{rest}"
    );
    let c = clean(&input);
    assert_eq!(c.articles[0].title, "老码头重新开放");
    let text = article_text(&c, 0);
    assert!(
        text.contains("渡船票价维持两元不变"),
        "{:?}",
        blocks_text(&c)
    );
}

/// Two articles jump to page 2. The first one's rest goes on under its
/// own continuation line; its paragraph ends on a short line, a caption
/// stands alone after it, and the second one's text follows, its
/// continuation head read further down, inside its column. The text read
/// since the caption goes with the head's article: the first article's
/// rest stopped at its paragraph's end.
#[test]
fn a_continuation_head_in_its_column_takes_back_the_text_since_a_caption() {
    let input = "村口通了公交，老人进城方便了\n本报记者 林晓舟\n本报讯　上个月，村\n里的第一班公交车开进了村口，\n老人们站在路边看了很久。司机\n老周说，这条线路从镇上\n（下转第2版）\n社区夜校的灯火，照亮了上班族的下班路\n本报记者 罗晓岗\n本报讯　社区夜校开\n办一年半，报名的多是三四十\n（下转第2版）\n第2版\n村口通了公交，老人进城方便了\n（上接第1版）\n一直开到村委会门口，单程四十\n分钟。村里的老人进城看病、买\n菜，再也不用走两个小时的山路\n了。\n夜校教室里的学员\n每周三晚上，教室里坐\n得满满的。老师说，来上课的人\n里，有开出租车的，有在超市当\n收银员的，还有不少刚刚退\n社区夜校的灯火，照亮了上班族的下班路\n休的老教师。他们下了班就赶过\n来，常常顾不上吃晚饭。\n";
    let c = articles(input, 2);
    let (bus, school) = (article_text(&c, 0), article_text(&c, 1));
    assert!(bus.contains("走两个小时的山路了。"), "{bus}");
    assert!(!bus.contains("教室"), "{bus}");
    assert!(school.contains("教室里坐得满满的"), "{school}");
    assert!(school.contains("刚刚退休的老教师"), "{school}");
}

/// A bylined article's rest read after a jump line, back in the article
/// it interrupted (老街换新颜, left open at 整条街都亮堂), ends its
/// paragraph on a short line (走走。); the full line under it (们一早就来…)
/// is no line of that article, whose next paragraph would open two ems
/// short, but the text of the other article left open (夜市今晚开张, at
/// 摊主): the columns of the two are read in turn. Before, a byline made
/// the article whole, and the line stayed with it (prose boxes' gq08: a7's
/// 也为有，梅妻… and its three paragraphs after a4's rest;
/// `gather::Cutter::resumes`, its `rejoined`).
#[test]
fn a_full_line_under_a_rejoined_articles_paragraph_end_goes_to_the_open_one() {
    let input = "老街换新颜\n本报记者 林晓舟\n本报讯　城东老街的改造工程\n昨天全部完工，沿街的店铺重新\n开门迎客。街面铺上了青石板，\n两旁种上了桂花树，路灯也换成\n了新的，一到晚上整条街都亮堂\n夜市今晚开张\n本报记者 王强\n本报讯　停业三个月的夜市今\n晚重新开张，首批七十个摊位将\n在晚上六点准时亮灯迎客，摊主\n规划部门表示，明年还将改造西\n门和南门两条老街，方案正在征\n（下转第2版）\n堂的。老人们吃过晚饭都爱出来\n走走。\n们一早就来布置摊位，挂上了彩\n灯和招牌。\n";
    let [street, market] = texts(input);
    assert!(street.ends_with("都爱出来走走。"), "{street}");
    assert!(
        market.ends_with("们一早就来布置摊位，挂上了彩灯和招牌。"),
        "{market}"
    );
}

/// The texts of the two articles `input` makes.
fn texts(input: &str) -> [String; 2] {
    let c = articles(input, 2);
    [article_text(&c, 0), article_text(&c, 1)]
}

/// An article's last column on its first page (司机老周说，…) read under
/// another article's line left open (…学校的退), its jump line after it:
/// the headline repeated over （上接第1版） names the article the column
/// runs on to, though no jump line was read in its text. From the first
/// line under the full line left open to the jump line, the column is
/// that article's, and the article it was read into did not jump there
/// (`gather::Cutter::column_of`, `resume::column_switch`). Before, the
/// column stayed in the other article, and the jumped article's rest
/// opened a paragraph of its own (prose boxes' gq08: a1's column from
/// 可行善人恭之想, read under a7's 请讨论笃志).
#[test]
fn a_column_over_a_jump_line_read_in_another_article_goes_to_the_jumped_one() {
    let input = "村口通了公交\n本报记者 林晓舟\n本报讯　上个月，村里的第一\n班公交车开进了村口，老人们站\n在路边看了很久。\n夜校的灯\n本报记者 罗晓岗\n本报讯　社区夜校开办一年半\n了，报名的多是三四十岁的上班\n族。每周三晚上，教室里坐得满\n满的，老师们都是附近学校的退\n司机老周说，这条线路从\n镇上出发，沿途经过六个村子，\n（下转第2版）\n第2版\n村口通了公交\n（上接第1版）\n一直开到村委会门口，单程四十\n分钟。\n";
    let [bus, school] = texts(input);
    let rest = "沿途经过六个村子，一直开到村委会门口，单程四十分钟。";
    assert!(bus.ends_with(rest), "{bus}");
    assert!(!school.contains("司机"), "{school}");
}

/// A news item with no byline (prose scan gq07's a1: 无臣者之不可不可谓好行乎
/// over 本报讯　没有刀数量不达，) read under another article's column left
/// open (a5's 臭？君尽美酒店客，何所知其, as wide as the column): a short
/// line ending no sentence there is no line of that paragraph, which
/// stops short of no sentence's end nor runs on into a dateline, but the
/// item's one-line headline (`page::framed`). Before, it ran on as a5's
/// text and a1's body went with it (7 articles for 8). Small inputs of
/// that shape had their headline taken by other rules.
#[test]
fn a_short_line_under_a_column_left_open_over_a_dateline_is_a_headline() {
    let c = clean(GQ07);
    assert_eq!(c.articles.len(), 8);
    let a1 = text_titled(&c, "无臣者之不可不可谓好行乎");
    assert!(a1.starts_with("本报讯　没有刀数量不达，"), "{a1}");
}

/// Prose scan gq07, read from a page tools/gen-pages.py made.
const GQ07: &str = include_str!("../fixtures/clean/gen-prose/scan/gq07.txt");

/// The text of the article titled `title`, empty if there is none.
fn text_titled(c: &typeset::clean::Cleaned, title: &str) -> String {
    (c.articles.iter().position(|a| a.title == title))
        .map(|k| article_text(c, k))
        .unwrap_or_default()
}

/// A news item with no byline, longer than a box read into another
/// article's column holds (more than forty text lines), is a whole
/// article of the page: a one-line paragraph as wide as the column after
/// its paragraph's end is its own, not the text of the article left open
/// above it (`gather::Cutter::resumes`; prose scan gq07: a1's
/// 江曰日子也讱乎上去南村。 and its next hundred lines went to a5).
#[test]
fn a_full_line_after_a_long_items_paragraph_end_stays_with_it() {
    let trades = [
        ("卖豆腐的老王", "每天凌晨三点起来磨豆子，磨好了再点卤水"),
        ("修鞋的李师傅", "在街角摆了三十年的摊，手上的老茧比鞋底还厚"),
        (
            "开茶馆的陈家",
            "把祖上传下来的铜壶擦得锃亮，摆在柜台最显眼的地方",
        ),
        ("裁缝铺的张姨", "给街坊们改了一辈子的衣裳，量体从来不用尺子"),
        (
            "卖糖画的老刘",
            "一把铜勺在石板上转几圈，就是一条活灵活现的龙",
        ),
        ("理发店的周师傅", "还用着那把父亲留下的剃刀，刀柄磨得发亮"),
    ];
    let mut paras = vec![
        "本报讯　停业三个月的夜市今晚重新开张，首批七十个摊位将在晚上六点准时亮灯迎客。"
            .to_string(),
    ];
    paras.extend(trades.iter().map(|(who, what)| {
        format!("{who}说，夜市开张以后，来往的人多了，生意也好做了。他{what}，街坊们都说这门手艺不能丢。夜里收摊的时候，他总要在门口站一会儿，看看灯火通明的长街，心里觉得踏实。")
    }));
    paras.push("城管部门表示，夜市每晚十一点收摊。".into());
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let street = "老街换新颜\n本报讯　城东老街的改造工程\n昨天全部完工，沿街的店铺重新\n开门迎客。街面铺上了青石板，\n两旁种上了桂花树，路灯也换成\n了新的，一到晚上整条街都亮堂\n";
    let last = "摊主们早早来到街口挂彩灯。";
    let input = format!("{street}夜市今晚开张\n{}{last}\n", column(&refs));
    let [street, market] = texts(&input);
    assert!(street.ends_with("整条街都亮堂"), "{street}");
    assert!(market.ends_with(last), "{market}");
}

/// A jumped article's headline repeated whole on its continuation page,
/// two ems wider than the column, read between two text lines after a
/// sentence end and over a paragraph's first line: no head of the text is
/// wider than its column, so it is the continuation head, furniture
/// (`repeats::heads_read_in_columns`; prose scan gq07: a3's head read
/// after 于下。 over 而无不为玩，…, its rest then given to a2).
#[test]
fn a_headline_repeated_whole_after_a_sentence_end_over_a_first_line_is_furniture() {
    let c = dock_rest(
        "陈德顺说，这座桥还能再走上\n一百年，只要有人扫。\n老码头重新开放，渡船恢复六个班次\n住在对岸的李阿婆每周\n过河两次，去城西的医院取药。\n",
    );
    assert_block(&c, |p| {
        p == "住在对岸的李阿婆每周过河两次，去城西的医院取药。"
    });
}

/// The text read right after a jump line (下转第2版), opening in the
/// middle of a sentence (族。每周三晚上…), is none of the jumping
/// article's: it is the next column of the article whose text was cut
/// open over a headline block (夜校的灯, left open at …三四十岁的上班,
/// 老街换新颜's head under it), read before that article's head
/// (`chain::after_jumps`; prose scan gq07: a1's columns read at 114–210,
/// after a5's jump line, its first column's open foot at 368).
#[test]
fn text_read_after_a_jump_line_mid_sentence_goes_to_the_column_left_open() {
    let input = "村口通了公交\n本报记者 林晓舟\n本报讯　上个月，村里的第一\n班公交车开进了村口，老人们站\n在路边看了很久。司机老周说，\n这条线路从镇上出发，沿途经过\n（下转第2版）\n族。每周三晚上，教室里坐得满\n满的，老师们都是附近学校的退\n休教师，不收一分钱。\n夜校的灯\n本报记者 罗晓岗\n本报讯　社区夜校开办一年半\n了，报名的多是三四十岁的上班\n老街换新颜\n本报记者 王强\n本报讯　城东老街的改造工程\n昨天全部完工，沿街的店铺重新\n开门迎客。\n";
    let c = articles(input, 3);
    let school = "三四十岁的上班族。每周三晚上，教室里坐得满满的，老师们都是附近学校的退休教师，不收一分钱。";
    for (k, end) in [(0, "沿途经过"), (1, school)] {
        assert!(article_text(&c, k).ends_with(end), "{:?}", blocks_text(&c));
    }
}

/// Prose scan gq07's a1: its columns read across at 114–210, after a5's
/// jump line, go to a1 by the break at its first column's foot; the band
/// step no longer weighs them by words, which sent lines 130–210 to a3
/// (a long article holds more of any text's pairs than a1's own 54).
#[test]
fn a_stretch_given_by_its_break_is_not_weighed_by_words() {
    let a1 = text_titled(&clean(GQ07), "无臣者之不可不可谓好行乎");
    for p in [
        "此言子曰狂而勿念旧不",
        "松故说：“值旱涝灾棂之砚",
        "齐一鸟兽草木山中之",
    ] {
        assert!(a1.contains(p), "{p}: {a1}");
    }
}
