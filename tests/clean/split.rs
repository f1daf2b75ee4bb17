//! The article split (issue #17's first bar): rules that keep an article
//! whole or two articles apart, each with a small input of the shape
//! that split wrongly on the generated sets (tests/fixtures/clean/gen,
//! gen-prose).

use super::general::assert_block;
use typeset::clean::clean;

/// A small generator (an LCG), so the text is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// A column of line-per-box text (13 characters a line) whose characters
/// pair at random: a few common ones (了, 的, 一) most of the time, so
/// that a line's end and any other line's start often make a pair the
/// text uses, and breaks tell nothing about the order of the lines.
fn random_column(seed: u64, lines: usize) -> String {
    let common: Vec<char> = "了的一有上下来里说起年信河灯雨夜门她个两三不得"
        .chars()
        .collect();
    let rare: Vec<char> = (0x9000..0x9000 + 120).filter_map(char::from_u32).collect();
    let mut r = Lcg(seed);
    let mut out = String::from("夜里的河\n本报记者 林晓舟\n");
    let mut left = 3 + r.below(7);
    for _ in 0..lines {
        let mut line: Vec<char> = (0..13)
            .map(|_| {
                if r.below(100) < 65 {
                    common[r.below(common.len())]
                } else {
                    rare[r.below(rare.len())]
                }
            })
            .collect();
        if r.below(2) == 0 {
            line[3 + r.below(8)] = ['，', '、', '；'][r.below(3)];
        }
        left -= 1;
        if left == 0 {
            // A paragraph's last line: shorter, closed.
            line.truncate(4 + r.below(8));
            line.push('。');
            left = 3 + r.below(7);
        }
        out.extend(line);
        out.push('\n');
    }
    out
}

/// Text whose characters pair at random (the generated sets' random
/// characters; on a real page, a table of figures or a list of names)
/// meets a pair the text uses at any break as often two lines on as on
/// the next: a stretch picked as the best of a long run reaches the
/// count of sentences running on two lines down by luck. Sentences must
/// run on two lines down far more often than a break meets an unrelated
/// line's start by chance before a stretch is read across.
#[test]
fn breaks_of_text_that_pairs_at_random_read_no_columns_across() {
    for seed in 1..=12 {
        let c = clean(&random_column(seed, 68));
        let across: Vec<&str> = c
            .notes
            .iter()
            .map(|n| n.message.as_str())
            .filter(|m| m.contains("columns read across"))
            .collect();
        assert!(across.is_empty(), "seed {seed}: {across:?}");
    }
}

/// Under a jump line (下转第2版) the article above has closed: no
/// paragraph of it is left between the jump line and the next news
/// item's first line (本报讯), so a headline as wide as the column there
/// is the headline, not the last line of a paragraph the item's box cut
/// into, and the short line over it is its kicker.
#[test]
fn a_full_width_headline_under_a_jump_line_heads_the_news_item() {
    let first = super::structure::column(&[
        "晚上十一点以后，这座城市的大部分公交线路都已收车，只有六条夜班线还在运行，司机们把这段路叫作最后一站，",
    ]);
    let item = super::structure::column(&[
        "本报讯　城南街道的长者食堂上月开张，每天中午供应两荤两素一汤，七十岁以上的老人凭卡用餐，每餐十二元，开张一个月来每天有两百多人来吃饭。",
    ]);
    let input = format!(
        "夜班车\n本报记者 林晓舟\n{first}（下转第2版）\n社区食堂开张\n老街坊的午饭,有了新去处了\n{item}"
    );
    let c = clean(&input);
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["夜班车", "老街坊的午饭，有了新去处了"],
        "{:?}",
        c.notes
    );
    assert_eq!(c.articles[1].kicker.as_deref(), Some("社区食堂开张"));
}

/// The prose-like generated page gq01 (tests/fixtures/clean/gen-prose/
/// scan): a news item (子也此又当仁者文子曰 / 有人做天天下万曰强 /
/// 本报讯…) whose two columns a line-per-box tool read across from its
/// first line, under the article before it read in order.
fn prose_gq01() -> typeset::clean::Cleaned {
    let input =
        std::fs::read_to_string("tests/fixtures/clean/gen-prose/scan/gq01.txt").expect("fixture");
    clean(&input)
}

/// A news item's headline is set across its columns, so its columns read
/// across start under it: a stretch whose lines over the item's first line
/// (本报讯) add no evidence (one chance run-on two lines down, one
/// against) starts at that line. Before, it began 13 lines higher, and
/// the item's kicker and headline were read into a column as text.
#[test]
fn a_stretch_read_across_starts_under_a_news_items_headline() {
    let c = prose_gq01();
    let across = c
        .notes
        .iter()
        .find(|n| n.message.contains("2 columns read across"));
    assert_eq!(across.map(|n| n.line), Some(224), "{across:?}");
    let item = c.articles.iter().find(|a| a.title == "有人做天天下万曰强");
    let item = item.unwrap_or_else(|| panic!("the item's headline: {:?}", c.notes));
    assert_eq!(item.kicker.as_deref(), Some("子也此又当仁者文子曰"));
}

/// An article whose text is nearly all in a stretch read across (the
/// item above, read across from its first line) has too few words outside
/// it to tell its lower lines for another article's: they stay in its
/// columns, not moved into the article above (whose words any band would
/// lean to, having none of its own to weigh against).
#[test]
fn an_item_read_across_from_its_first_line_keeps_its_columns() {
    let c = prose_gq01();
    let item = c.articles.iter().find(|a| a.title == "有人做天天下万曰强");
    let item = item.unwrap_or_else(|| panic!("the item's headline: {:?}", c.notes));
    let text: String = item
        .blocks
        .iter()
        .filter_map(|b| match b {
            typeset::clean::Block::Para(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    assert!(text.contains("腊月言之斯"), "{text}");
    assert!(
        c.notes
            .iter()
            .all(|n| !n.message.contains("another article's two columns")),
        "a band moved"
    );
}

/// Two columns' lines read across, side by side, one line of each in turn.
fn read_across(left: &[&str], right: &[&str]) -> String {
    left.iter()
        .zip(right)
        .map(|(a, b)| format!("{a}\n{b}\n"))
        .collect()
}

/// The lines of the report's warnings that say `what`.
fn warned(input: &str, what: &str) -> Vec<usize> {
    clean(input)
        .notes
        .iter()
        .filter(|n| n.message.contains(what))
        .map(|n| n.line)
        .collect()
}

/// A news item's first line (本报讯) stands under its headline, never under
/// another article's column line that stops mid-sentence: read so, two
/// columns were read across (the feature's column beside the item's, too
/// few lines for their words to show it). Reported, left in order. Read
/// in order, or under a jump line (the line over 本报讯 the item's
/// headline, as wide as the column), nothing is reported.
#[test]
fn a_news_item_under_a_column_line_left_open_is_reported() {
    let feature = [
        "晚上十一点以后，这座城",
        "市的大部分公交线路已收车，",
        "只有六条夜班线还在运行，司",
        "机们把这段路叫作最后一站。",
    ];
    let item = [
        "社区食堂开张",
        "本报讯　城南街道的长者食堂",
        "上月开张，每天中午供应两荤",
        "两素一汤，老人凭卡用餐。",
    ];
    let head = "夜班车上的城市\n本报记者 林晓舟\n";
    let across = read_across(&feature, &item);
    let warned = |input: &str| warned(input, "news item opens right under a column line");
    assert_eq!(warned(&format!("{head}{across}")), [6]);
    let in_order = format!("{head}{}\n{}\n", feature.join("\n"), item.join("\n"));
    assert!(warned(&in_order).is_empty());
    let jumped = format!(
        "{head}{}\n（下转第2版）\n城南社区食堂开张迎来老街坊\n{}\n",
        feature[..3].join("\n"),
        item[1..].join("\n")
    );
    assert!(warned(&jumped).is_empty());
}

/// Two columns of line-per-box text read across where the words say
/// nothing (every line breaks at a mark): the paragraphs' shapes do. A
/// column's full line running on is followed by a full line or the
/// paragraph's last, never by a first line two ems short; read across,
/// that happens every few lines. Reported, left in order; read in order,
/// nothing is reported.
#[test]
fn columns_read_across_are_told_by_their_paragraphs_shapes() {
    let feature = [
        "夜市重新开张的第一晚，",
        "街口的灯笼从傍晚亮到深夜，",
        "人比往年还多。",
        "附近居民大多走路过来，",
        "有人带着孩子专门来尝豆花，",
        "也有人只是来看看老邻居们，",
        "一直聊到收摊。",
        "卖糖画的老周还在原处，",
        "他说这摊子已经摆了二十年，",
        "明年还接着摆。",
    ];
    let news = [
        "城西立交昨晚恢复通行，",
        "施工单位提前两天完成铺装，",
        "早高峰车流明显比上周顺畅，",
        "司机们都说方便了。",
        "交警在匝道增设信号灯，",
        "提醒过往的车辆在桥下慢行，",
        "并在周末安排专人值守疏导，",
        "桥下的公交站也挪回了原处，",
        "方便乘客换乘。",
        "附近商户对此表示欢迎，",
    ];
    let head = "老街夜市\n本报记者 林晓舟\n";
    let across = read_across(&feature, &news);
    let warned = |input: &str| warned(input, "shapes break every few lines");
    assert_eq!(warned(&format!("{head}{across}生意渐渐回来了。\n")), [9]);
    let in_order = format!(
        "{head}{}\n城西立交恢复通行\n{}\n生意渐渐回来了。\n",
        feature.join("\n"),
        news.join("\n")
    );
    assert!(warned(&in_order).is_empty());
}

/// A serial box read into a feature's column under a line that leaves its
/// sentence open (the scan put the box there, gen scan gq10): its title,
/// a chapter's number and name as wide as the column, right over its
/// credit line (连载789 《长河灯影》 沈南星著), is the box's headline
/// though no sentence ended before it; the box is an article of its own,
/// a serial with its front matter, and the feature's rest after the box's
/// end mark goes back to the feature.
#[test]
fn a_serial_title_over_its_credits_opens_the_box_under_an_open_line() {
    let input = "老码头重新开放\n本报记者 周立新\n城西的老码头昨天重新开\n放，渡船恢复了每天六个班次，\n两岸居民又能坐船过河了。码头\n管理员说，新的候船室有四十个\n座位，墙上挂着老码头的照片，\n第七百八十九回　雨夜的来信\n连载789 　《长河灯影》　沈南星著\n雨从傍晚开始下，一直没\n有停。河埠头的青石板被洗得\n发亮，倒映着对岸茶馆里昏黄\n的灯。\n（未完待续）\n都是附近居民送来的老物件。\n";
    let c = clean(input);
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["老码头重新开放", "第七百八十九回　雨夜的来信"]);
    let serial = c.articles[1].serial.as_ref().expect("a serial");
    assert_eq!(
        (serial.work.as_str(), serial.installment),
        ("长河灯影", 789)
    );
    assert!(matches!(
        &c.articles[0].blocks[..],
        [typeset::clean::Block::Para(p)] if p.ends_with("照片，都是附近居民送来的老物件。")
    ));
}

/// A headline read over a serial box's own title (gen scan gq13: the OCR
/// took it with the box), where an article on the page has a byline and
/// no headline: that article's headline, moved there with a warning. A
/// newspaper prints a headline over every byline. With no article
/// lacking one the line stays where it was read, the box's kicker.
#[test]
fn a_headline_over_a_serial_title_goes_to_the_bylined_article_without_one() {
    let bus = "村口通了公交\n本报记者 周立新\n本报讯　上个月，村里的第一班公交车开进了村口，老人们\n站在路边看了很久。司机老周说，这条线路从镇上\n（下转第2版）\n";
    let school = "本报记者 罗晓岗\n本报讯　社区夜校开办一年半，报名的多是三四十岁的上班族。\n";
    let serial = "夜校的灯\n第七百八十九回　雨夜的来信\n连载789 　《长河灯影》　沈南星著\n雨从傍晚开始下，一直没有停。河埠头的青石板被洗得发亮。\n（未完待续）\n";
    let c = clean(&format!("{bus}{school}{serial}"));
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["村口通了公交", "夜校的灯", "第七百八十九回　雨夜的来信"]
    );
    assert_eq!(c.articles[2].kicker, None);
    assert!(
        c.notes
            .iter()
            .any(|n| n.message.contains("over a serial's title"))
    );

    let c = clean(&format!("{bus}{serial}"));
    let last = c.articles.last().expect("the serial");
    assert_eq!(last.kicker.as_deref(), Some("夜校的灯"));
}

/// An article's first column (byline, dateline, first lines) read under
/// another article's jump line, its headline block read later over its
/// next column (gen scan's gq07: 封纸鹳天… over 是軧一下塞雨蜮…, 本报记者龚悦
/// a page earlier): one article with a byline and no headline, one with a
/// headline and no byline whose text opens in a paragraph's middle (a
/// full line, where a first line is two ems short). The two are one
/// article: the headline block and the text under it go to the byline's.
#[test]
fn a_headline_over_a_paragraphs_middle_goes_to_the_article_with_a_byline_and_no_headline() {
    let first = super::structure::column(&[
        "本报讯　经过一年多的施工，城东老街的改造工程昨天全部完工，沿街三十多家老店陆续重新开门营业。",
    ]);
    let bus = super::structure::column(&[
        "本报讯　从下周一起，本市十二条夜班公交线路的末班车将统一延后半小时发车，方便夜间下班的市民乘车回家，",
    ]);
    let rest =
        "市交通部门表示，延长后的线路将根据客流情况再做调整，乘客可以通过手机查询车辆的实时位置。";
    let full: String = rest
        .chars()
        .collect::<Vec<char>>()
        .chunks(13)
        .map(|c| c.iter().collect::<String>() + "\n")
        .collect();
    let page = |under: &str| {
        format!(
            "老街改造完工\n本报记者 甘小棠\n{first}（下转第2版）\n本报记者 林晓舟\n{bus}（下转第2版）\n\
             夜班公交再延长\n末班车延至零点三十分\n{under}"
        )
    };
    let c = clean(&page(&full));
    assert_eq!(c.articles.len(), 2, "{:?}", c.articles);
    let a = &c.articles[1];
    assert_eq!(a.title, "夜班公交再延长");
    assert_eq!(a.deck.as_deref(), Some("末班车延至零点三十分"));
    assert_eq!(a.byline.as_deref(), Some("本报记者 林晓舟"));
    let text = super::general::article_text(&c, 1);
    assert!(
        text.contains("从下周一起") && text.contains("实时位置"),
        "{text}"
    );
    assert!(
        super::general::warned(&c, "paragraph's middle"),
        "{:?}",
        c.notes
    );
    // Over a paragraph's first line (two ems short) the headline opens its
    // own text: the block stays where it was read.
    let c = clean(&page(&super::structure::column(&[rest])));
    assert_eq!(c.articles.len(), 3, "{:?}", c.articles);
    assert!(!super::general::warned(&c, "paragraph's middle"));
}

/// A generated page read in order (gen/boxes/gq14.txt, lines 398–419):
/// its random text's common characters (了, 的) pair across a break by
/// chance, here 7 times four lines on, but 5 three on and 4 two on too.
/// Columns read across continue their sentences at one step only, so a
/// step less than twice as frequent as another is no columns'
/// order: nothing is reported or moved, and the one-line paragraph
/// between the item's first paragraph and its third stays whole.
#[test]
fn lines_continuing_by_chance_at_several_steps_are_not_read_across() {
    let (c, across) = super::general::fixture_across("tests/fixtures/clean/gen/boxes/gq14.txt");
    assert!(across.is_empty(), "{across:?}");
    let para = "有想了口得？的下挭大了偎雨的。來的信燈佢嗵了？";
    assert_block(&c, |t| t == para);
}

/// Tesseract's reading of a news item set in two columns over a serial
/// box (tests/fixtures/clean/ocr/page-12.txt, lines 580–609): the two
/// columns' last rows stand level and are read across, each output line
/// holding the foot of both (a wide gap between). The left cells carry on
/// the left column's last line as read (平均通行时 / 间可以: 时间, a pair the
/// text uses elsewhere), the right ones the line read right before the
/// rows; the line under them goes on with the left column. Each goes
/// back to its column, and the report says so.
#[test]
fn the_feet_of_two_columns_read_across_go_back_to_their_columns() {
    let input = "城西立交改造完工　今晚起恢复通行\n\n本报记者 何思远\n\n\
        经过十四个月的施工，城\n西立交改造工程昨天通过竣工\n验收，今晚8时起全面恢复\n\
        通行，通行时间比原来缩短。\n\n\
        改造后的立交由原来的两\n层增加为三层，新建匝道4条，\n设计通行能力提高约40%。市\n\
        交通部门预计，早晚高峰时段\n经过这里的车辆，平均通行时\n\n\
        一侧加装了隔音屏，夜间施工\n时间也被压缩到晚上10点以\n前。附近一位居民说，这一年\n\
        多虽然出行不便，但看着桥一\n天天长起来，心里是盼着的。\n\n\
        据介绍，立交桥下的空地\n将建成一座小型公园，设置步\n道、座椅和儿童游乐设施，预计\n\
        明年春天开放。夜班公交37路\n也将在恢复通行后调整线路，\n\n\
        间可以缩短6分钟左右。           不再绕行城西大道。\n\
        为了减少对周边居民的影                   （本报讯）\n\
        响，施工单位在靠近住宅区的\n";
    let c = super::general::articles(input, 1);
    assert_block(&c, |t| t.ends_with("平均通行时间可以缩短6分钟左右。"));
    assert_block(&c, |t| {
        t.starts_with("为了减少对周边居民的影响，施工单位在靠近住宅区的一侧加装了隔音屏")
    });
    assert_block(&c, |t| t.ends_with("调整线路，不再绕行城西大道。"));
    assert!(
        super::general::warned(&c, "feet of two columns"),
        "{:?}",
        c.notes
    );
}

/// The guard of the rule above: a row holding two columns' first lines
/// under an installment's title (tests/fixtures/clean/ocr-typeset/page-7.txt,
/// line 276: 十从傍晚开始下，一直没 | 读到这里，阿禾的手停了) is no foot, though
/// its left cell pairs with a line left open in the article before
/// (夜里 / 十从: 夜里十一点 twice): its right cell carries on neither the
/// title read right before it nor any line left open, so nothing moves.
#[test]
fn two_columns_first_lines_read_across_under_a_title_stay() {
    let input = "夜班车\n\n本报记者 林晓舟\n\n夜里十一点以后，公交线路都已收车。\n\
        到了夜里十一点，车站就关了门。老郑说他最怕的是夜里\n\n\
        连载 789 《长河灯影》 沈南星 著\n第七百八十九回　雨夜的来信\n\
        十从傍晚开始下，一直没    读到这里，阿禾的手停了\n\
        有停。河埋头的青石板被洗得\n发亮，倒映着对岸茶馆里昏黄\n的灯。\n";
    let c = clean(input);
    let text = super::general::blocks_text(&c);
    assert!(!text.iter().any(|t| t.contains("夜里十从")), "{text:?}");
    assert!(!super::general::warned(&c, "feet of two columns"));
}
