//! Headline blocks and captions as the held-out OCR sets read them (issue
//! 17): a jumped article's continuation head, a headline set in two lines
//! of one size, a name alone over a first line read into the block, and a
//! caption's end read apart from its start.

use typeset::clean::{Block, NoteKind, clean};

use super::general::{article_text, articles, feature_above};
use super::structure::{column, removed};

#[test]
fn a_continuation_head_over_a_jump_line_is_no_headline() {
    let bus =
        column(&["凌晨零点，末班车从城东总站开出，车上只有四名乘客，车内的电子屏上滚动着站名。"]);
    let more = column(&["返程的末班车亮起车灯，驶出了终点站，路灯一盏接一盏地向后退去。"]);
    let meal = column(&[
        "两年前，本市在首批四十个社区开办长者食堂，六十岁以上老人凭卡就餐，一荤两素一汤定价十二元。",
    ]);
    let input = format!(
        "# 凌晨一点，末班车还在路上\n本报记者 林晓舟\n{bus}（本报记者根据采访整理）\n\
         # 凌晨一点\n（上接第12版）\n{more}\
         # 民生调查\n# 一份十二元的午饭　能走多远\n# 社区长者食堂开办两年：有人排队，有人亏本\n本报记者 甘小棠\n{meal}"
    );
    let r = removed(&input);
    assert!(r.iter().any(|m| m.contains("continuation head")), "{r:?}");
    let c = clean(&input);
    let meal = c.articles.last().expect("articles");
    assert_eq!(meal.kicker.as_deref(), Some("民生调查"));
    assert_eq!(meal.title, "一份十二元的午饭　能走多远");
    // A short line beside a jump line that opens no earlier headline stays.
    let input = format!("# 夜班车\n本报记者 林晓舟\n{bus}# 城东总站\n（上接第12版）\n{more}");
    assert!(!removed(&input).iter().any(|m| m.contains("城东总站")));
}

#[test]
fn a_headline_in_two_short_lines_is_one_title() {
    let text =
        column(&["本报讯　从下月起，读者持一张读者证，就可以在全市六十二间城市书房之间通借通还。"]);
    for marks in ["", "## "] {
        let input = format!("{marks}读者服务\n{marks}一张读者证\n{marks}全市书房通借通还\n{text}");
        let a = &clean(&input).articles[0];
        assert_eq!(a.kicker.as_deref(), Some("读者服务"), "{input}");
        assert_eq!(a.title, "一张读者证　全市书房通借通还", "{input}");
        assert_eq!(a.deck, None, "{input}");
    }
    // A deck is longer, or smaller type.
    for (lines, deck) in [
        (
            "## 读者服务\n## 一张读者证\n## 全市六十二间书房通借通还\n",
            "全市六十二间书房通借通还",
        ),
        (
            "## 读者服务\n# 一张读者证\n## 全市书房通借通还\n",
            "全市书房通借通还",
        ),
    ] {
        let a = &clean(&format!("{lines}{text}")).articles[0];
        assert_eq!(
            (a.title.as_str(), a.deck.as_deref()),
            ("一张读者证", Some(deck))
        );
    }
}

#[test]
fn a_first_line_under_a_name_alone_is_body() {
    // Lines of any width (text set around a figure): no column measure.
    let input = "随笔\n一盏灯\n林晓舟\n小时候住在河边，家里点\n的是煤油灯。灯罩要天天擦，\n\
                 擦得亮了，屋里才亮。\n母亲擦灯罩的时候很小心，先哈一口气，再用旧报纸\n慢慢地\n转着擦，\n\
                 像是在做一件了不起的事。\n";
    let a = &clean(input).articles[0];
    assert_eq!(a.byline.as_deref(), Some("林晓舟"));
    assert_eq!(a.deck, None);
    let Some(Block::Para(first)) = a.blocks.first() else {
        panic!("{:?}", a.blocks)
    };
    assert!(
        first.starts_with("小时候住在河边，家里点的是煤油灯。"),
        "{first}"
    );
}

#[test]
fn a_captions_end_read_apart_goes_with_it() {
    let para = |t: &str| format!("{}\n", column(&[t]).trim_end());
    let input = format!(
        "{}\n书房标识：一枚定位针，意思是\n\n{}\n“楼下就有”\n\n{}\n“走吧。”\n\n{}",
        para("书房的管理员说，很多居民把这里当成了社区的客厅，有人来辅导孩子作业。"),
        para("一间书房一年要花多少钱？记者算了一笔账，房租、水电、网络和保洁另算。"),
        para("像这样的书房，全市目前有六十二间，最近的两间相距不到八百米。"),
        para("老人站起来，把椅子推回桌下，说了一句话。"),
    );
    let r = removed(&input);
    assert!(r.iter().any(|m| m.contains("“楼下就有”")), "{r:?}");
    assert!(!r.iter().any(|m| m.contains("走吧")), "{r:?}");
    let c = clean(&input);
    let paras = c.articles[0]
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Para(p) if p.contains("走吧")))
        .count();
    assert_eq!(paras, 1);
}

#[test]
fn lines_over_the_pages_date_line_are_its_masthead() {
    let text = column(&[
        "三年前，这座城市只有一座市图书馆和七座区馆，到今年十月已经开起六十二间城市书房。",
    ]);
    let input = format!(
        "和G会\n<江口\n\n2026年12月3日 第12版\n\n社区里的新去处\n\n城市书房越开越多\n\n一座城市三年建起六十二间自助书房\n\n本报记者 方知远\n见习记者 陆小禾\n\n{text}"
    );
    let c = clean(&input);
    assert_eq!(c.articles.len(), 1);
    let a = &c.articles[0];
    assert_eq!(a.kicker.as_deref(), Some("社区里的新去处"));
    assert_eq!(a.title, "城市书房越开越多");
    assert_eq!(a.byline.as_deref(), Some("本报记者 方知远 见习记者 陆小禾"));
    let r = removed(&input);
    assert!(
        r.iter()
            .any(|m| m.contains("masthead") && m.contains("江口")),
        "{r:?}"
    );
    // A headline over the date line with no byline block under it stays.
    let a = &clean(&format!("夜班车\n\n2026年12月3日\n\n{text}")).articles[0];
    assert_eq!(a.title, "夜班车");
}

/// A continuation line (上接第12版) answers the jump line (下转第13版)
/// before it: text after a later end mark (a serial's （未完待续） read
/// into a column) is no longer taken for the jumped article's, and stays
/// with its own article, whose source it reaches. (Before, the text and
/// the source went back to the market article.)
#[test]
fn a_continuation_line_answers_the_jump_before_it() {
    let input = "# 老城更新观察\n# 城南菜市场　改了三年才开门\n本报记者许若川\n\
城南菜市场建于1987年，是老城区现存最早的室内农贸\n\
市场。三年前，它因为消防隐患被列入改造名单；上个月，\n\
翻新后的市场重新开张。开业第一周，日均客流约九千人\n\
次，比改造前多出一倍，摊主们都说这是没想到的事。\n\
改造为什么拖了三年？摊主、居民和设计师各自算了一本\n\
什么账？记者走访了市场内外的二十多位当事人，听他们\n\
（下转第13版）\n（上接第12版）\n\
# 民生调查\n# 一份十二元的午饭　能走多远\n本报记者甘小棠\n\
两年前，本市在首批四十个社区开办长者食堂，六十岁以\n\
上老人凭卡就餐，一荤两素一汤定价十二元。如今，长者\n\
食堂已增至一百零三家，日均供餐约两万一千份。\n\
（未完待续）\n\
后厨摸索出不少土办法。排骨先用高压锅压二十分钟，再\n\
回锅红烧，老人咬得动；青菜切得比平常短一截，方便夹\n\
取，每道菜的用盐量都用小勺称过。\n\
（本报记者根据采访整理）\n";
    let c = clean(input);
    assert_eq!(c.articles.len(), 2, "{:?}", c.articles);
    let (market, canteen) = (&c.articles[0], &c.articles[1]);
    assert_eq!(canteen.title, "一份十二元的午饭　能走多远");
    assert_eq!(canteen.source.as_deref(), Some("本报记者根据采访整理"));
    assert_eq!(market.source, None);
    let text = |a: &typeset::clean::Article| format!("{:?}", a.blocks);
    assert!(text(canteen).contains("后厨摸索出不少土办法"));
    assert!(!text(market).contains("后厨"));
}

/// Two unmarked lines over the byline: one phrase over two short phrases
/// parted by a comma or a space is a kicker over its headline (the
/// headline's own shape); over a deck's sentence of long clauses, or under
/// a line that has the comma itself, it is the headline.
#[test]
fn a_phrase_over_a_headline_of_two_halves_is_its_kicker() {
    let text = column(&["本报讯　上个月，村里的第一班公交车开进了村口，老人们站在路边看了很久。"]);
    let read = |block: &str| {
        let a = clean(&format!("{block}\n本报记者 林晓舟\n{text}")).articles[0].clone();
        (a.kicker, a.title, a.deck)
    };
    for title in ["城乡联通，服务延伸到村", "城乡联通　服务延伸到村"] {
        let (kicker, got, deck) = read(&format!("山里的公交线路\n{title}"));
        assert_eq!(kicker.as_deref(), Some("山里的公交线路"));
        assert_eq!(got, title);
        assert_eq!(deck, None);
    }
    // A deck: its first clause is long.
    let (kicker, title, deck) = read("夜班车\n一条夜班公交线路的十二年，和它载过的普通人");
    assert_eq!((kicker, title.as_str()), (None, "夜班车"));
    assert_eq!(
        deck.as_deref(),
        Some("一条夜班公交线路的十二年，和它载过的普通人")
    );
    // The headline has the comma: the line under it is its deck.
    let (kicker, title, deck) = read("城乡联通，服务延伸到村\n山里的公交线路");
    assert_eq!((kicker, title.as_str()), (None, "城乡联通，服务延伸到村"));
    assert_eq!(deck.as_deref(), Some("山里的公交线路"));
}

/// Short lines between a sentence end and a news item's first line
/// (本报讯) are the next article's headline block, even one broken after
/// its comma and stopping on 的: a dateline opens the text under a
/// headline, never a paragraph inside another article.
#[test]
fn short_lines_over_a_dateline_are_a_headline_block() {
    let first = column(&[
        "本报讯　上个月，村里的第一班公交车开进了村口，老人们站在路边看了很久。",
        "司机老周说，这条线路从镇上一直开到村委会门口，单程四十分钟。",
    ]);
    let second = column(&[
        "本报讯　社区夜校开办一年半，报名的多是三四十岁的上班族，每周三晚上教室里坐得满满的。",
    ]);
    let input = format!("村口通了公交\n本报记者 林晓舟\n{first}夜校的灯，\n照亮下班后的\n{second}");
    let c = clean(&input);
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["村口通了公交", "夜校的灯，照亮下班后的"],
        "{input}"
    );
    assert!(
        c.articles[0]
            .blocks
            .iter()
            .all(|b| matches!(b, Block::Para(p) if !p.contains("夜校"))),
        "{:?}",
        c.articles[0].blocks
    );
}

/// A headline block under a jump line: the article above stopped in the
/// middle of a sentence at （下转第2版）, and the next one's kicker (as
/// long as a column line) and headline broken after its comma stand over
/// its byline. The jump line closes the text above as a sentence end does.
#[test]
fn a_headline_block_under_a_jump_line() {
    let first = column(&[
        "本报讯　上个月，村里的第一班公交车开进了村口，老人们站在路边看了很久。司机老周说，这条线路从镇上",
    ]);
    let second = column(&[
        "本报讯　社区夜校开办一年半，报名的多是三四十岁的上班族，每周三晚上教室里坐得满满的。",
    ]);
    let input = format!(
        "村口通了公交\n本报记者 林晓舟\n{first}（下转第2版）\n城郊农村客运线路改造观察\n夜校开了，\n灯亮到十点\n本报记者 罗晓岗\n{second}"
    );
    let c = clean(&input);
    assert_eq!(c.articles.len(), 2, "{:?}", c.articles);
    let a = &c.articles[1];
    assert_eq!(a.kicker.as_deref(), Some("城郊农村客运线路改造观察"));
    assert_eq!(a.title, "夜校开了，灯亮到十点");
    let text = article_text(&c, 0);
    assert!(text.ends_with("这条线路从镇上"), "{text}");
}

/// Under a jump line and over a byline, a kicker two characters short of
/// the column over a headline as wide as it has the shape of a
/// paragraph's first two lines; but no paragraph stops short of a
/// sentence end over a byline, and the article above went on on another
/// page: the lines are the next article's headline block.
#[test]
fn a_kicker_shaped_like_a_first_line_under_a_jump_line() {
    let first = column(&[
        "本报讯　上个月，村里的第一班公交车开进了村口，老人们站在路边看了很久。司机老周说，这条线路从镇上",
    ]);
    let second = column(&[
        "本报讯　社区夜校开办一年半，报名的多是三四十岁的上班族，每周三晚上教室里坐得满满的。",
    ]);
    let input = format!(
        "村口通了公交\n本报记者 林晓舟\n{first}（下转第2版）\n城郊社区教育调查之三\n夜校的灯亮到十点，教室满\n本报记者 罗晓岗\n{second}"
    );
    let c = clean(&input);
    assert_eq!(c.articles.len(), 2, "{:?}", c.articles);
    let a = &c.articles[1];
    assert_eq!(a.title, "夜校的灯亮到十点，教室满", "{a:?}");
    assert_eq!(
        a.kicker.as_deref(),
        Some("城郊社区教育调查之三"),
        "{:?}",
        c.articles
    );
    assert_eq!(a.byline.as_deref(), Some("本报记者 罗晓岗"));
}

/// The short line before a jump line is the jumped article's text, never
/// the first line of the headline block after the jump line, even after a
/// sentence end.
#[test]
fn the_line_over_a_jump_line_stays_with_its_article() {
    let input = "村口通了公交\n本报记者 林晓舟\n本报讯　上个月，村里的\n第一班公交车开进了村口，老\n人们站在路边看了很久。\n司机说，线路从镇上\n（下转第2版）\n夜校的灯\n本报记者 罗晓岗\n本报讯　社区夜校开办一\n年半，报名的多是三四十岁的\n上班族。\n";
    let c = clean(input);
    assert_eq!(c.articles.len(), 2, "{:?}", c.articles);
    assert_eq!(c.articles[1].title, "夜校的灯");
    assert_eq!(c.articles[1].kicker, None, "{:?}", c.articles[1]);
    assert!(
        matches!(c.articles[0].blocks.last(), Some(Block::Para(p)) if p.ends_with("司机说，线路从镇上")),
        "{:?}",
        c.articles[0].blocks
    );
}

/// The kicker of the news items below.
const PIER: &str = "老码头重新开放两岸又通船";

/// A news item under the feature of `feature_above`, its headline block
/// `block` (lines), cleaned into two articles; the item's.
fn pier_item(block: &str) -> typeset::clean::Article {
    let item = column(&[
        "本报讯　城西的老码头昨天重新开放，渡船恢复了每天六个班次，两岸居民又能坐船过河了。",
    ]);
    let input = format!(
        "石桥的守护人\n本报记者 周立新\n{}{block}\n{item}",
        feature_above()
    );
    articles(&input, 2).articles.remove(1)
}

/// A kicker and a headline each an em short of the column, the headline
/// with a comma inside it, between a sentence end and 本报讯: a pause
/// between two characters is set an em wide as they are (only a mark at
/// a line's end or beside another is set in half an em), so the headline
/// is a whole em short too, no line a paragraph runs on through, and
/// both are the news item's headline block.
#[test]
fn a_headline_an_em_short_with_a_comma_inside_opens_the_news_item() {
    let title = "渡口又热闹了，船票两块钱";
    let news = pier_item(&format!("{PIER}\n{title}"));
    assert_eq!(news.title, title);
    assert_eq!(news.kicker.as_deref(), Some(PIER));
}

/// A kicker and a headline short of the column, and a deck two ems wider
/// than it (larger type), between a sentence end and 本报讯: a line that
/// wide is no line of the column either, so all three are the news
/// item's headline block, not the last lines of a paragraph its box cut
/// into.
#[test]
fn a_deck_wider_than_the_column_over_a_dateline_stays_in_the_block() {
    let deck = "渡船每天六个班次两岸居民又能坐船过河";
    let news = pier_item(&format!("{PIER}\n渡口又热闹起来\n{deck}"));
    assert_eq!(news.title, "渡口又热闹起来");
    assert_eq!(news.kicker.as_deref(), Some(PIER));
    assert_eq!(news.deck.as_deref(), Some(deck));
}

/// A paragraph's last line ending on an ellipsis (……) right after a full
/// line that leaves its sentence open, over a marked kicker and headline:
/// the line ends that paragraph, and is no kicker of the block under it.
#[test]
fn a_last_line_ending_on_an_ellipsis_is_no_kicker() {
    let feature: Vec<String> = feature_above().lines().take(6).map(String::from).collect();
    let text =
        column(&["城西的老码头昨天重新开放，渡船恢复了每天六个班次，两岸居民又能坐船过河了。"]);
    let input = format!(
        "石桥的守护人\n本报记者 周立新\n{}\n有一天落下……\n## {PIER}\n# 渡口又热闹起来\n本报记者 林晓舟\n{text}",
        feature.join("\n")
    );
    let c = articles(&input, 2);
    assert_eq!(c.articles[1].kicker.as_deref(), Some(PIER));
    assert!(article_text(&c, 0).ends_with("没有一天落下……"));
}

/// A Traditional byline glued to its role (本報記者湯偉勇): the surname 湯
/// is off the name list, but after a paper's role two or three Han
/// characters are the reporter's name, not the deck's rest.
#[test]
fn a_traditional_byline_with_a_surname_off_the_list_is_the_byline() {
    let text = column(&[
        "本報訊　社區夜校開辦一年半，報名的多是三四十歲的上班族，每週三晚上教室裡坐得滿滿的。",
    ]);
    let input = format!(
        "## 城郊社區教育調查\n# 夜校的燈亮到十點\n## 報名的多是三四十歲的上班族\n本報記者湯偉勇\n{text}"
    );
    let a = &clean(&input).articles[0];
    assert_eq!(a.byline.as_deref(), Some("本報記者 湯偉勇"), "{a:?}");
    assert_eq!(a.deck.as_deref(), Some("報名的多是三四十歲的上班族"));
    // Running text after the role is no name, nor a column's label.
    let input = format!("# 夜校的燈亮到十點\n本報記者手記\n{text}");
    assert_eq!(clean(&input).articles[0].byline, None);
}

/// A section head set in two lines whose numbered first line the OCR read
/// over the byline (一、书房开到楼下, typeset's OCR of page-12): no deck's
/// rest, but the first head's start, joined to its second line.
#[test]
fn a_numbered_head_line_read_over_the_byline_joins_the_first_head() {
    let one = column(&[
        "三年前，这座城市只有一座市图书馆和七座区馆，到今年十月，街道和社区里已经开起六十二间城市书房。",
        "早上七点五十分，槐荫街道的城市书房门口已经有人在等，退休教师郭秀兰每天这个时候来。",
    ]);
    let two =
        column(&["书房白天是阅览室，晚上是自习室，周末还办讲座和亲子阅读，来的人一年比一年多。"]);
    let input = format!(
        "城市书房越开越多\n一座城市三年建起六十二间自助书房\n一、书房开到楼下\n本报记者 方知远\n{one}借书不再跑远路\n{one}二、白天是书房\n{two}"
    );
    let a = &clean(&input).articles[0];
    assert_eq!(
        a.deck.as_deref(),
        Some("一座城市三年建起六十二间自助书房"),
        "{a:?}"
    );
    let head = |t: &str| {
        a.blocks
            .iter()
            .any(|b| matches!(b, Block::Head(h) if h == t))
    };
    assert!(head("一、书房开到楼下　借书不再跑远路"), "{a:?}");
    assert!(head("二、白天是书房") && !head("借书不再跑远路"), "{a:?}");
}

/// Two lines of one size over a news item, each a phrase of no mark
/// (老城区的早市 / 三百个摊位搬进了新市场): kicker over headline, or headline
/// over deck? Only the type's size, which line-per-box OCR lost, tells.
/// The structure stage keeps its guess by the lengths and says so.
#[test]
fn two_bare_phrases_over_the_text_are_told_by_length_only_with_a_warning() {
    let text = column(&[
        "本报讯　昨天上午，老城区的早市正式搬进新建的农贸市场，三百多个摊位全部入场经营。",
    ]);
    let warned = |input: &str| {
        clean(input)
            .notes
            .into_iter()
            .any(|n| n.kind == NoteKind::Warning && n.message.contains("lengths only"))
    };
    let input = format!("老城区的早市\n三百个摊位搬进了新市场\n{text}");
    assert!(warned(&input), "{:?}", clean(&input).notes);
    let c = clean(&input);
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].title, "老城区的早市");
    // Marked sizes, a column's name or a headline of two halves tell them:
    // no warning.
    for head in [
        "## 老城区的早市\n# 三百个摊位搬进了新市场",
        "民生快讯\n三百个摊位搬进了新市场",
        "老城区的早市\n摊位搬新家，早市换新貌",
    ] {
        assert!(!warned(&format!("{head}\n{text}")), "{head}");
    }
}

/// Two lines of one size and no mark over the text, the first the shorter:
/// by lengths a headline over its deck. Where the page prints the second
/// again over the article's rest (its continuation head over （上接第1版）),
/// the second is the headline and the first its kicker.
#[test]
fn the_line_a_continuation_head_repeats_is_the_headline() {
    let bus = column(&[
        "本报讯　凌晨零点，末班车从城东总站开出，车上只有四名乘客，车内的电子屏上滚动着站名。",
    ]);
    let more = column(&["返程的末班车亮起车灯，驶出了终点站，路灯一盏接一盏地向后退去。"]);
    let block = "一条线路十二年\n末班车驶出城东总站\n";
    let input =
        format!("{block}{bus}（下转第2版）\n第2版\n末班车驶出城东总站\n（上接第1版）\n{more}");
    let a = &clean(&input).articles[0];
    assert_eq!(a.kicker.as_deref(), Some("一条线路十二年"), "{input}");
    assert_eq!(a.title, "末班车驶出城东总站");
    assert_eq!(a.deck, None);
    // Its first line repeated: headline and deck.
    let input = format!("{block}{bus}（下转第2版）\n第2版\n一条线路十二年\n（上接第1版）\n{more}");
    let a = &clean(&input).articles[0];
    assert_eq!(a.title, "一条线路十二年", "{input}");
    assert_eq!(a.deck.as_deref(), Some("末班车驶出城东总站"));
    // No rest on the page: the lengths alone, headline and deck.
    let a = &clean(&format!("{block}{bus}")).articles[0];
    assert_eq!(a.title, "一条线路十二年");
}
