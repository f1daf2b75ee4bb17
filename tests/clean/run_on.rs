//! Where a line's sentence goes on: a line over one that carries on its
//! sentence is no headline, and a full line under a sentence ending at
//! the column's edge goes on with that paragraph; a whole quotation
//! under a short line ending on its colon does not go on from it; a
//! quotation's straight quote beside its curly partner takes its side.

use typeset::clean::{Block, Cleaned, clean};

/// The paragraphs of all articles.
pub(super) fn paras(c: &Cleaned) -> Vec<&String> {
    (c.articles.iter().flat_map(|a| a.blocks.iter()))
        .filter_map(|b| match b {
            Block::Para(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// A short line over a line that opens with a word and a stop (不得谓 /
/// 可。由此往东…) is the start of that sentence, no headline, even after
/// an article's end mark where a headline may stand (`page::carried_on`):
/// no paragraph opens so. On the generated prose scan set gq10's 不得谓
/// (text run round a figure, read after a serial box's （未完待续）) made
/// an article of its own; the rule fires there only, over the eight
/// held-out sets.
#[test]
fn a_line_over_one_carrying_on_its_sentence_is_no_headline() {
    let input = "老街换上了新路灯\n本报记者 林晓舟\n本报讯　老街的路灯全部换新\n了，街坊们说晚上出门踏实多\n了。这是今年市里为民办实事\n的一项。\n（完）\n不得谓\n可。由此往东\n走上一段，就是新修的渡口，\n人们每天在这里等船过河。\n";
    let c = clean(input);
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert!(!titles.contains(&"不得谓"), "{titles:?}");
    let ps = paras(&c);
    assert!(ps.iter().any(|p| p.starts_with("不得谓可。")), "{ps:?}");
}

/// A news item read into another article's column (its headline over
/// 本报讯, the article above left in the middle of a sentence): a full
/// line under its sentence ending flush at the column's edge (摊位和灯。 /
/// 天黑以后，…) is its paragraph going on, not the interrupted article's
/// text resumed (`gather::flush_above`). A paragraph's short last line
/// or a blank line would leave room for that; a flush end does not. On
/// the generated prose scan set gq10's a6 (子不子谓之为蚁…) went to the
/// article above; over the eight held-out sets the rule stops that one
/// resume and no other (the example pages' two, after a blank line, stay).
#[test]
fn a_full_line_under_a_flush_sentence_end_goes_on_with_its_paragraph() {
    let lines = [
        "老桥修好了",
        "本报记者 王小明",
        "本报讯　城东的老桥修了整整",
        "一年，昨天终于重新通车。桥",
        "上新铺了防滑的路面，两侧还",
        "夜市开张",
        "本报讯　城西夜市昨晚开张，",
        "摊主们早早摆好了摊位和灯。",
        "天黑以后，来逛夜市的人越来",
        "越多，一直热闹到了深夜。",
    ];
    let c = clean(&(lines.join("\n") + "\n"));
    let ps = paras(&c);
    assert!(
        ps.iter().any(|p| p.contains("摊位和灯。天黑以后")),
        "{ps:?}"
    );
}

/// A short line ending on the colon that announces a quotation, three
/// ems short or more under a full line, over the quotation whole (“你去吗？”):
/// a quotation going on in the paragraph would have opened on the colon's
/// line, so the paragraph ends there and the quotation is a paragraph of
/// its own, as dialogue is set (`joins::quote_alone`; the corpus's
/// c03-dialogue-essay, 175 → 177 paragraphs exact). Over a quotation that
/// runs on to the next line, or under a short line (a column narrowed
/// beside a figure), the colon still leads into it.
#[test]
fn a_whole_quotation_under_a_short_colon_line_is_a_paragraph() {
    let lines = [
        "外婆的竹篮",
        "林小溪",
        "外婆有一只竹篮，是外公年",
        "轻时亲手编的。篮子不大，提手",
        "上缠着一圈蓝布条。",
        "每天早上,外婆提着它去镇",
        "上的菜市场。我那时候还小，总",
        "跟在她后面跑。出门前，她会站",
        "在门口问我一句：",
        "“你去吗？”",
        "我当然去。菜市场里有卖糖",
        "人的，有卖麦芽糖的，还有一个",
        "会吹口哨的修鞋匠。",
    ];
    let c = clean(&(lines.join("\n") + "\n"));
    let ps = paras(&c);
    assert!(ps.iter().any(|p| p.ends_with("问我一句：")), "{ps:?}");
    assert!(ps.iter().any(|p| p.as_str() == "“你去吗？”"), "{ps:?}");
}

/// The paragraphs of a two-paragraph article set in a thirteen-em column
/// read one printed line a line (no indents): its headline and byline,
/// the first paragraph's first two lines, `middle` (the lines a test is
/// about, which end that paragraph), then the second paragraph.
fn old_street(middle: &[&str]) -> Vec<String> {
    let mut lines = vec![
        "老街换新颜",
        "本报记者 林晓舟",
        "城东老街的改造工程昨天",
        "全部完工，沿街的店铺重新开",
    ];
    lines.extend_from_slice(middle);
    lines.extend([
        "改造前老街路面坑洼不平，",
        "一到雨天就满是积水，老人孩",
        "子出门很不方便。",
    ]);
    paras(&clean(&(lines.join("\n") + "\n")))
        .into_iter()
        .cloned()
        .collect()
}

/// A line ending its sentence an em short of the column (街坊们都说比从前亮多
/// 了。, twelve of thirteen) under a full line ending one, over a line as
/// short that goes on (改造前老街路面坑洼不平，): the line under it is no
/// line a paragraph runs on through (those fill the column) but the next
/// paragraph's first line, so the short line is the last of the paragraph
/// above, not a paragraph of one line opening there (`shape::first_line`,
/// `opens_too`). Over the four generated sets it mends 10 false breaks of
/// that shape and makes none; a turn of dialogue closing its own quotation
/// (阿禾吃了一惊：“这么多？”, the example pages) still stands alone.
#[test]
fn a_sentence_end_an_em_short_over_a_first_line_ends_the_paragraph_above() {
    let ps = old_street(&[
        "门迎客。街面铺上了青石板，",
        "两旁种上了桂花树和香樟树。",
        "街坊们都说比从前亮多了。",
    ]);
    assert!(
        ps.iter()
            .any(|p| p.ends_with("香樟树。街坊们都说比从前亮多了。")),
        "{ps:?}"
    );
    assert!(ps.iter().any(|p| p.starts_with("改造前老街")), "{ps:?}");
    assert_eq!(ps.len(), 2, "{ps:?}");
}

/// A line ending its sentence an em short of the column (两旁种上了桂花和香
/// 樟树。, twelve of thirteen), then a line as wide as a first line ending
/// its own (街坊们都说比从前亮了。), then a first line going on (eleven ems,
/// no wider: one twelve ems wide may be a full line that lost a
/// character, which `shape::first_line` takes for the paragraph above
/// going on, and the middle line for that paragraph's first): the middle
/// line is a paragraph of one line. Were it the last line of the paragraph
/// above, the line over it would run on through it and fill the column
/// (`joins::alone_between`). Before, the one-line paragraph was joined to
/// the one above (`shape::first_line` refuses a line ending its sentence
/// over a line that is not full). Over the eight held-out sets it mends 8
/// paragraphs (gen boxes and gen scan 2 each, prose boxes and prose scan
/// 2 each) and breaks none.
#[test]
fn a_one_line_paragraph_under_a_sentence_end_an_em_short_stands_alone() {
    stands_alone("两旁种上了桂花和香樟树。", "街坊们都说比从前亮了。");
}

/// `alone` under `over` (a line ending its sentence) in the old street's
/// first paragraph, a paragraph's first line going on under it: `alone`
/// is a paragraph of its own, between the paragraph `over` ends and that
/// one.
fn stands_alone(over: &str, alone: &str) {
    let ps = old_street(&[
        "门迎客。街面铺上了青石板，",
        over,
        alone,
        "夜里沿街的路灯一盏盏亮",
        "起来，老人在树下乘凉聊天，",
        "孩子们追来追去。",
    ]);
    assert!(ps.iter().any(|p| p.ends_with(over)), "{ps:?}");
    assert!(ps.iter().any(|p| p.as_str() == alone), "{ps:?}");
    assert!(ps.iter().any(|p| p.starts_with("夜里沿街")), "{ps:?}");
    assert_eq!(ps.len(), 4, "{ps:?}");
}

/// A turn of dialogue (王大爷说：“亮多了。”, opening its quotation and
/// closing it) under a full line ending its sentence, over a first line
/// going on: dialogue is set a paragraph a turn, so the turn stands alone,
/// though the full line over it leaves no room to tell it from a
/// paragraph's last line by the widths (`joins::alone_between`). Prose
/// boxes' gq10 其事说:“必应这是社。”; no other figure of the held-out
/// sets changes.
#[test]
fn a_turn_of_dialogue_under_a_full_sentence_end_stands_alone() {
    stands_alone("两旁种上了桂花树和香樟树。", "王大爷说：“亮多了。”");
}

/// A line as wide as a full line once its marks are squeezed (王大爷笑着说：
/// “真好看呀。”, fourteen characters in a thirteen-em column) is no
/// paragraph's first line, which is two ems short, however many closing
/// marks end it: under a full line ending a sentence it goes on with that
/// paragraph (`shape::first_line`, `full_printed`). Over the four
/// generated sets it mends 7 false breaks and makes none.
#[test]
fn a_line_full_as_printed_under_a_sentence_end_goes_on() {
    let ps = old_street(&[
        "门迎客。街面铺上了青石板。",
        "王大爷笑着说：“真好看呀。”",
        "他家就住在老街的最东头，每",
        "天都要走过这条街去买菜。",
    ]);
    assert!(
        ps.iter()
            .any(|p| p.contains("青石板。王大爷笑着说：“真好看呀。”他家")),
        "{ps:?}"
    );
    assert_eq!(ps.len(), 2, "{ps:?}");
}

/// A sentence ending on a line of a column narrowed beside a figure
/// (就可以乘凉了。, seven ems of thirteen, under lines as narrowed), then a
/// line filling the measure: the column widens back past the figure's
/// foot, and a full line opens no paragraph (a first line is two ems
/// short), so the paragraph goes on (`joins::widens_full`). Over the four
/// generated sets it mends 8 false breaks and makes none.
#[test]
fn a_full_line_under_a_sentence_end_beside_a_figure_goes_on() {
    let ps = old_street(&[
        "门迎客。街面铺上了青石板，",
        "两旁种上了桂花树和",
        "香樟树，到了夏天",
        "就可以乘凉了。",
        "晚上的路灯也全换成了新的，",
        "街坊们都说比从前亮多了。",
    ]);
    assert!(
        ps.iter().any(|p| p.contains("乘凉了。晚上的路灯")),
        "{ps:?}"
    );
    assert_eq!(ps.len(), 2, "{ps:?}");
}

/// A sentence ending inside a column narrowed beside a figure, the lines
/// level through it (和香樟树，夏天可 / 以在树下乘凉了。 / 老人们搬来小板凳， /
/// 坐在树下下棋聊天，, eight and nine ems of thirteen): a paragraph opening
/// there would start two ems narrower than the lines beside it, so the
/// paragraph goes on (`joins::level_through`). Over the four generated
/// sets it mends 9 false breaks and makes none.
#[test]
fn a_sentence_end_in_a_level_narrowed_column_goes_on() {
    let ps = old_street(&[
        "门迎客。街面铺上了青石板，",
        "路边新修了花坛和座椅，来往",
        "的行人可以坐下歇歇脚。街口",
        "两旁种上了桂花树",
        "和香樟树，夏天可",
        "以在树下乘凉了。",
        "老人们搬来小板凳，",
        "坐在树下下棋聊天，",
        "一坐就是一个下午。街坊们都",
        "说老街比从前热闹多了。",
    ]);
    assert!(ps.iter().any(|p| p.contains("乘凉了。老人们")), "{ps:?}");
    assert_eq!(ps.len(), 2, "{ps:?}");
}

/// A short line ending on 、 (新开了早点铺、杂货店、, eleven ems of thirteen)
/// over a line as wide as a first line: 、 stands between two items of one
/// list, so no paragraph ends on it, wherever the line stands (a column
/// narrowed beside a figure, a box the OCR cut). Over the four generated
/// sets no paragraph ends on 、 (376 such lines); the rule mends the 6
/// breaks made there.
#[test]
fn no_paragraph_ends_on_an_enumeration_comma() {
    let ps = old_street(&[
        "门迎客。街面铺上了青石板，",
        "路边新修了花坛和座椅，来往",
        "的行人可以坐下歇歇脚。街口",
        "新开了早点铺、杂货店、",
        "裁缝铺和修鞋摊，街坊",
        "们买东西再也不用跑远路了。",
    ]);
    assert!(ps.iter().any(|p| p.contains("杂货店、裁缝铺")), "{ps:?}");
    assert_eq!(ps.len(), 2, "{ps:?}");
}

/// A quotation's one straight quote beside its curly partner (“现在呢？"
/// as OCR reads a closing mark; 说:"他… …唯。” an opening one): the curly
/// mark fixes which side the straight one stands for, so it becomes the
/// curly mark that balances its paragraph, not a warning. A lone straight
/// quote with no curly mark beside it stays, with its warning.
#[test]
fn a_straight_quote_beside_its_curly_partner_takes_its_side() {
    let input = "夜渡\n本报记者 林秋\n“现在呢？\"\n“现在数不过来了。”老艄\n公说完，自己先笑了。\n他笑着说:\"他把蓝布掀\n开，往篮子里看了看。”\n";
    let c = clean(input);
    let ps = paras(&c);
    for p in ["“现在呢？”", "他笑着说：“他把蓝布掀开，往篮子里看了看。”"]
    {
        assert!(ps.iter().any(|t| *t == p), "{ps:?}");
    }
    let lone = clean("夜渡\n本报记者 林秋\n他说\"等我回来就走了。\n");
    assert!(paras(&lone).iter().any(|t| t.contains('"')));
}

/// Tesseract's blank line after a full line ending its sentence, over a
/// line of dialogue (tests/fixtures/clean/ocr/edition-12.txt, line 1268):
/// “娘的咳嗽, 还是老样子?” fills the column by its characters, but its marks
/// are squeezed as printed (its opening quote, ?” side by side, the mark
/// at its end), so it is an em short: no full line the paragraph runs on
/// through across a column break, but a paragraph of its own.
#[test]
fn a_line_of_dialogue_full_by_its_characters_after_a_blank_opens_a_paragraph() {
    let input = "夜归\n\n本报记者 林秋\n\n门门拉开的时候，带进来\n一阵湿冷的风。站在门外的果\n\
        然是哥哥，比三年前瘦了一圈，\n肩上背着一只帆布包。\n\n阿禾愣了半晌，才想起要\n\
        让他进屋。哥哥把包放在桌上，\n先去灶间看了看母亲睡着的那\n张床，回来时眼睛有些红。\n\n\
        “娘的咳嗽, 还是老样子?”\n他压低了声音问。\n\n“入冬以后重了些。”阿\n禾给他倒了一碗热水。\n";
    let c = clean(input);
    let ps = paras(&c);
    assert!(
        ps.iter().any(|t| t.starts_with("“娘的咳嗽，还是老样子？”")),
        "{ps:?}"
    );
    assert!(ps.iter().any(|t| t.ends_with("眼睛有些红。")), "{ps:?}");
}

/// Tesseract leaves a blank line at most paragraph ends, so a line with
/// none before it that is short only by its squeezed marks is taken for
/// a full line that lost a character. Not a turn of dialogue
/// (tests/fixtures/clean/ocr/edition-12.txt, line 1286: 阿禾吃了一惊:“这么多?”
/// read with no blank line under 一共是 1350 块。”): the marks squeezed are
/// its quotation's own, and a turn is set as a paragraph of its own.
#[test]
fn a_turn_of_dialogue_with_no_blank_line_before_it_is_a_paragraph() {
    let input = "夜归\n\n本报记者 林秋\n\n哥哥从贴身的衣袋里掏出\n一个布包，一层一层地打开，\n\
        里面是12块银元，还有一张折\n得很小的纸条。\n\n他压低了声音说：“陈三\n\
        哥带回来的那10块，不会回来\n了。他在码头上欠了人家的债，\n连本带利，一共是1350块。”\n\
        阿禾吃了一惊:“这么多?”\n“所以他躲着你。”哥哥把\n纸条重新折好，放回衣袋里。\n\n\
        窗外的雨小了，屋檐上的\n水一滴一滴地落下来。\n";
    let c = clean(input);
    let ps = paras(&c);
    assert!(
        ps.iter().any(|t| *t == "阿禾吃了一惊：“这么多？”"),
        "{ps:?}"
    );
}
