//! The structure rules of issue 17 one by one, on small inputs of the
//! shapes that broke them: text that repeats is not furniture unless it
//! recurs at page intervals with page evidence, a `#` line after the body
//! does not start an article, installment numbers in their three forms,
//! interleaved columns reported.

use typeset::clean::{Block, NoteKind, clean};

/// A column of line-per-box OCR: the paragraph's first line two characters
/// short, the others 13 characters, no indents.
pub(super) fn column(paras: &[&str]) -> String {
    let mut out = String::new();
    for p in paras {
        let chars: Vec<char> = p.chars().collect();
        let mut k = 0;
        let mut width = 11;
        while k < chars.len() {
            let end = (k + width).min(chars.len());
            out.extend(&chars[k..end]);
            out.push('\n');
            k = end;
            width = 13;
        }
    }
    out
}

pub(super) fn removed(input: &str) -> Vec<String> {
    clean(input)
        .notes
        .into_iter()
        .filter(|n| n.kind == NoteKind::Removed)
        .map(|n| n.message)
        .collect()
}

#[test]
fn repeated_dialogue_bylines_and_sources_stay() {
    let talk = column(&[
        "外婆每天早上都去菜市场，出门前总要站在门口问我一句话。",
        "“你去吗？”",
        "我当然去。菜市场里有卖糖人的，有卖麦芽糖的，还有修鞋的。",
        "后来我去城里上学，一年只回来两次，外婆的竹篮还挂在墙上。",
        "“你去吗？”",
        "我握着她的手，说不出话来。",
    ]);
    let input = format!(
        "外婆的竹篮\n本报记者 陈晓\n{talk}（据新华社）\n老街夜市重新开张\n本报记者 陈晓\n{}（据新华社）\n",
        column(&["经过三个月的改造，城南老街夜市昨晚重新开张，六十个摊位整整齐齐。"])
    );
    let c = clean(&input);
    assert!(removed(&input).is_empty(), "{:?}", removed(&input));
    assert_eq!(c.articles.len(), 2);
    let first = &c.articles[0];
    let asks = first
        .blocks
        .iter()
        .filter(|b| **b == Block::Para("“你去吗？”".into()))
        .count();
    assert_eq!(asks, 2, "{:?}", first.blocks);
    for a in &c.articles {
        assert_eq!(a.byline.as_deref(), Some("本报记者 陈晓"));
        assert_eq!(a.source.as_deref(), Some("据新华社"));
    }
}

#[test]
fn a_repeated_head_without_page_evidence_stays_with_a_warning() {
    let body = column(&[
        "节水不只是换一根管子，变的是种地的算法，也是农民对土地的耐心。",
        "果园负责人王德发算了一笔账，过去大水漫灌，一亩地要用水六十多方。",
        "现在用滴灌只要二十方左右，肥料也跟着水走，省了将近一半的成本。",
    ]);
    let input = format!("百亩果园用上滴灌\n本报记者 陈晓\n{body}记者手记\n{body}记者手记\n{body}");
    let c = clean(&input);
    assert!(removed(&input).is_empty());
    let heads = c.articles[0]
        .blocks
        .iter()
        .filter(|b| **b == Block::Head("记者手记".into()))
        .count();
    assert_eq!(heads, 2);
    assert!(
        c.notes
            .iter()
            .any(|n| n.kind == NoteKind::Warning && n.message.contains("记者手记"))
    );
}

#[test]
fn a_running_head_at_page_intervals_goes() {
    let page = column(&[
        "清晨五点，天刚蒙蒙亮，六十八岁的陈德顺已经拿着扫帚上了桥，这座桥横跨在青溪河上，建于清光绪年间，到今年已经一百三十多年了，陈家守这座桥到他已经是第三代",
        "他的祖父是当年修桥的石匠之一，桥修好以后就在桥头搭了一间小屋住下来，每天清扫桥面，雨天疏通桥洞里的排水孔。",
    ]);
    let input = format!("守桥人\n本报记者 罗一鸣\n{page}城市周刊\n·7·\n{page}");
    let r = removed(&input);
    assert!(r.iter().any(|m| m.contains("城市周刊")), "{r:?}");
    assert!(r.iter().any(|m| m.contains("·7·")), "{r:?}");
    assert_eq!(r.len(), 2, "{r:?}");
}

#[test]
fn a_marked_head_after_the_body_stays_in_its_article() {
    let input = format!(
        "# 一张车票通到村口\n本报记者 周立新\n{}# 城乡联通　服务延伸到村\n{}",
        column(&["早上六点半，西岭县汽车站的广场上已经排起了队，开往石门村的公交准时发车。"]),
        column(&["公交开进村，带来的不只是出行方便，候车亭旁还有一个小小的快递服务站。"])
    );
    let c = clean(&input);
    assert_eq!(c.articles.len(), 1);
    let a = &c.articles[0];
    assert!(a.serial.is_none());
    assert_eq!(a.title, "一张车票通到村口");
    assert_eq!(a.blocks[1], Block::Head("城乡联通　服务延伸到村".into()));
}

#[test]
fn installment_numbers_alone_labelled_and_inside_a_line() {
    let text = column(&["雨下了一整天，到了傍晚还没有停的意思，客栈的堂屋里点着两盏油灯。"]);
    for (input, n) in [
        (format!("《江湖夜雨》\n金陵客 著\n{text}416\n"), 416),
        (format!("连载 417\n《江湖夜雨》\n金陵客 著\n{text}"), 417),
        (
            format!("《江湖夜雨》\n金陵客 著\n{text}夜色渐深, 418 他起身推开\n窗子。\n"),
            418,
        ),
    ] {
        let c = clean(&input);
        let s = c.articles[0].serial.as_ref().expect("a serial");
        assert_eq!(
            (s.work.as_str(), s.author.as_str(), s.installment),
            ("江湖夜雨", "金陵客", n)
        );
        assert!(!c.articles[0].plain().contains(&n.to_string()), "{input}");
    }
}

#[test]
fn interleaved_columns_are_reported() {
    let a = column(&[
        "早上八点，城东农贸市场里人来人往，和过去不同的是，每个摊位前都多了一块小小的电子屏，上面显示着菜名、产地、价格和当天的检测结果，卖豆腐的张师傅指着屏幕说以前顾客总问豆子是哪里的，现在一看就明白，市场改造后每笔交易都会自动生成电子小票，买到问题商品可以凭小票追溯到摊位。",
    ]);
    let b = column(&[
        "改造之初，不少摊主担心自己不会用新设备，市场请来技术人员手把手地教，一个星期后连七十多岁的王大爷也学会了扫码收款，如今市场日均客流比改造前增加了三成，附近小区的年轻人说这里干净、明码标价，比去超市还方便，市场里还设了一个公平秤和一个便民服务台，来问得最多的是怎么在手机上查检测报告。",
    ]);
    let mut mixed = String::new();
    for (x, y) in a.lines().zip(b.lines()) {
        mixed.push_str(&format!("{x}\n{y}\n"));
    }
    let c = clean(&format!("老菜场变身智慧菜场\n本报记者 唐敏\n{mixed}"));
    assert!(
        c.notes
            .iter()
            .any(|n| n.kind == NoteKind::Warning && n.message.contains("columns")),
        "not reported"
    );
}

/// Tesseract's reading of a page: blocks parted by blank lines, a figure's
/// caption across two columns inside a paragraph's run.
const TESSERACT_PAGE: &str = "typeset 样张”城市.副刊\n\n2026年11月27日 第7版\n\n城市夜行记\n\n凌晨一点，末班车还在路上\n\n一条夜班公交线路的十二年，和它载过的普通人\n\n本报记者 林晓舟\n\n晚上十一点以后，这座城\n市的大部分公交线路都已收\n车，只有六条夜班线还在运行。\n37路是其中最长的一条，全程\n二十八公里，每晚发车九班。\n十二年来，它载过下夜班的护\n士，也载过无处可去的人。\n\n一、零点发车\n\n夜里十一点四十分，城东\n公交总站的调度室里亮着一\n盏灯。驾驶员老郑照例绕车\n检查一圈，包括燃料、人工和\n\n37 路夜班线路示意: 从城东总站到城西终点，全程 28.6 公里\n\n车辆折旧，他今年五十三岁，\n开夜班已经第九年了。\n\n二、车厢里的城市\n\n凌晨十二点半，车行至滨\n江路。上车的人多了起来：先\n是一群刚结束演出的乐手，\n抱着琴盒，说话声音很大。\n";

#[test]
fn a_caption_across_columns_inside_a_paragraph_is_taken_out() {
    let c = clean(TESSERACT_PAGE);
    let a = &c.articles[0];
    assert!(
        a.blocks.contains(&Block::Para(
            "夜里十一点四十分，城东公交总站的调度室里亮着一盏灯。驾驶员老郑照例绕车检查一圈，包括燃料、人工和车辆折旧，他今年五十三岁，开夜班已经第九年了。".into()
        )),
        "{:?}",
        a.blocks
    );
    let removed = removed(TESSERACT_PAGE);
    assert!(removed.iter().any(|m| m.contains("示意")), "{removed:?}");
    // The paper's name and section over the date line is the running head,
    // not the kicker; the deck (as wide as a caption, but alone between
    // the headline and the byline) stays the deck.
    assert!(
        removed.iter().any(|m| m.contains("城市.副刊")),
        "{removed:?}"
    );
    assert_eq!(a.kicker.as_deref(), Some("城市夜行记"));
    assert_eq!(
        a.deck.as_deref(),
        Some("一条夜班公交线路的十二年，和它载过的普通人")
    );
}

#[test]
fn a_features_lead_goes_to_the_front_matter() {
    let a = &clean(TESSERACT_PAGE).articles[0];
    assert_eq!(
        a.lead.as_deref(),
        Some(
            "晚上十一点以后，这座城市的大部分公交线路都已收车，只有六条夜班线还在运行。37路是其中最长的一条，全程二十八公里，每晚发车九班。十二年来，它载过下夜班的护士，也载过无处可去的人。"
        )
    );
    assert_eq!(a.blocks[0], Block::Head("一、零点发车".into()));
}

#[test]
fn a_body_line_between_blank_lines_stays() {
    // The same page with a column line (not a caption: as wide as the
    // column) alone between blank lines inside the paragraph.
    let input = TESSERACT_PAGE.replace(
        "37 路夜班线路示意: 从城东总站到城西终点，全程 28.6 公里",
        "折旧和保险，以及",
    );
    let removed = removed(&input);
    assert!(
        !removed.iter().any(|m| m.contains("折旧和保险")),
        "{removed:?}"
    );
}

#[test]
fn a_one_article_pages_running_head_read_short_and_a_name_alone() {
    // Tesseract on a one-article page: the running head (the headline),
    // the headline read a character short, the author's name.
    let input = "港灣的月亮\n\n灣的月亮\n\n周明遠\n晚飯後，我們沿著堤岸走到碼頭。潮水退了，石階上留著一圈圈青苔。\n遠處的漁船亮起燈，像一串串沒有熄滅的星。\n";
    let c = clean(input);
    let a = &c.articles[0];
    assert_eq!(a.title, "港灣的月亮");
    assert_eq!(a.kicker, None);
    assert_eq!(a.byline.as_deref(), Some("周明遠"));
    // A serial box's lines that differ by a character both stay.
    let serial = "《北窗》\n\n顾青禾 著\n\n雪夜过渡\n雪夜过渡口\n船一离岸，他就把蓝布掀开一角，往里看了看，又盖上了。\n";
    assert!(removed(serial).iter().all(|m| !m.contains("雪夜过渡")));
}

/// Tesseract's reading of large type: each head line a block of its own.
/// A head broken after its comma or inside its quotation is one head; a
/// numbered head after a stray line of large type is a head of its own; a
/// head may end on 的 when it is a block of its own after a sentence end.
#[test]
fn heads_in_two_lines_and_numbered_heads() {
    let body = |p: &str| column(&[p]).lines().collect::<Vec<_>>().join("\n");
    let input = format!(
        "老楼加装电梯\n\n本报记者 罗晓岗\n\n{}\n\n审批比想象的快，\n\n施工比想象的慢\n\n{}\n\n“以后下楼，\n\n不用算日子了”\n\n{}\n\n记者走访其中九间\n\n二、白天是书房\n\n{}\n\n下一步要解决的\n\n{}\n",
        body(
            "梧桐埠十七号楼建于一九八九年，六层，没有电梯。住在六楼的周阿婆今年八十一岁，膝盖做过手术，从前一天上下两趟，如今一个星期才下楼一次。"
        ),
        body(
            "签字之后的手续，反倒比大家想象的顺利。本市去年把老楼加装电梯的审批合并为一件事办理，规划、建设、市场监管等部门联合审查。"
        ),
        body(
            "电梯投用那天，周阿婆让女儿推着轮椅，第一次坐电梯下了楼。她在楼下的小花园里坐了一个多小时，和多年没见的老邻居说了好一阵话。"
        ),
        body(
            "晚上九点，位于开发区的一间书房里坐满了人。三十六个座位，只剩门口一个空着。这里的读者大多是附近厂区和写字楼的年轻人。"
        ),
        body(
            "夜校的难处也在增多。一是场地，文化站只有两间能上课的房间；二是时间，不少学员说七点开课太早。"
        ),
    );
    let c = clean(&input);
    let heads: Vec<&Block> = c.articles[0]
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Head(_)))
        .collect();
    assert_eq!(
        heads,
        [
            &Block::Head("审批比想象的快，施工比想象的慢".into()),
            &Block::Head("“以后下楼，不用算日子了”".into()),
            &Block::Head("记者走访其中九间".into()),
            &Block::Head("二、白天是书房".into()),
            &Block::Head("下一步要解决的".into()),
        ],
        "{:?}",
        c.articles[0].blocks
    );
    assert_eq!(c.articles[0].blocks.len(), 10);
}

/// A news box (kicker, headline, 本报讯…) set into a feature's column is an
/// article of its own even where it cuts a sentence; the feature's text
/// after it goes back to the feature. A serial box's credits read after its
/// first column go to the installment's front matter, not into its text.
#[test]
fn a_news_box_inside_a_column_and_a_serials_late_credits() {
    let feature = column(&[
        "早上七点五十分，槐荫街道的城市书房门口已经有人在等。退休教师郭秀兰每天这个时候来，先看报，再挑两本书带回家。",
        "像这样的书房，全市目前有六十二间，最近的两间相距不到八百米。市图书馆副馆长唐一鸣说，选址时他们先看人口密度。",
    ]);
    let (before, after) =
        feature.split_at(feature.find("馆副馆长").expect("cut") + "馆副馆长".len() + 1);
    let news = column(&[
        "本报讯　从下月起，读者持一张读者证，就可以在全市六十二间城市书房之间通借通还，不必再回到借书的地方还书。",
    ]);
    let input = format!(
        "城市书房越开越多\n本报记者 方知远\n{before}\n一张读者证　全市通借通还\n\n{news}\n{after}"
    );
    let c = clean(&input);
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["城市书房越开越多", "一张读者证　全市通借通还"],
        "{:?}",
        c.articles
    );
    let last = c.articles[0].blocks.last().expect("text");
    assert!(
        matches!(last, Block::Para(p) if p.starts_with("像这样的书房") && p.ends_with("先看人口密度。")),
        "{:?}",
        c.articles[0].blocks
    );

    let serial = format!(
        "连载 12\n\n第十二回\n\n{}\n《北窗》\n\n顾青禾 著\n\n{}",
        column(&["雪是半夜下起来的。渡口的灯只剩一盏，挂在船篷底下，被风吹得来回晃。林秋把箱子抱在怀里，在船舱里找了个角落坐下，对面坐着一个穿灰棉袍的中年人，"])
            .trim_end(),
        column(&["膝上放着一只竹篮，篮口盖着蓝布。"]).trim_start()
    );
    let c = clean(&serial);
    assert_eq!(c.articles.len(), 1, "{:?}", c.articles);
    let s = c.articles[0].serial.as_ref().expect("a serial");
    assert_eq!(
        (s.work.as_str(), s.author.as_str(), s.installment),
        ("北窗", "顾青禾", 12)
    );
    assert!(
        c.articles[0]
            .blocks
            .iter()
            .all(|b| !matches!(b, Block::Para(p) | Block::Head(p) if p.contains("北窗"))),
        "{:?}",
        c.articles[0].blocks
    );
}

/// An essay's page prints its title again as the running head at the
/// foot: the repetition takes out the running head, not the headline over
/// the author's bare name.
#[test]
fn a_headline_repeated_by_the_running_head_stays_the_headline() {
    let body = column(&[
        "小时候住在河边，家里点的是煤油灯。灯罩要天天擦，擦得亮了，屋里才亮。",
        "母亲擦灯罩的时候，总要先哈一口气，再用旧报纸慢慢地转着擦。",
        "后来通了电，灯泡挂在屋子正中，一拉线就亮，我们都说好。",
        "只有祖母嫌它太亮，说照得人心里发慌，晚上还是点她的煤油灯。",
    ]);
    let input = format!("随笔\n一盏灯\n林晓舟\n{body}一盏灯\n2026年11月28日\n1\n");
    let c = clean(&input);
    assert_eq!(c.articles.len(), 1);
    let a = &c.articles[0];
    assert_eq!(a.title, "一盏灯");
    assert_eq!(a.byline.as_deref(), Some("林晓舟"));
    assert_eq!(a.kicker.as_deref(), Some("随笔"));
    assert_eq!(a.blocks.len(), 4, "{:?}", a.blocks);
    let gone = removed(&input);
    assert!(
        gone.iter()
            .any(|m| m.contains("repeated header or footer: 一盏灯")),
        "{gone:?}"
    );
}

/// Line-per-box text with no blank lines and no marks of size: kicker,
/// a headline as wide as a column line, a deck wider than the column and
/// the byline under them are the headline block, whatever their widths.
#[test]
fn a_headline_block_over_a_byline_needs_no_blanks() {
    let body = column(&[
        "两年前，本市在首批四十个社区开办长者食堂，六十岁以上老人凭卡就餐。",
        "热闹背后，也有食堂因入不敷出而停业，记者连续两周在食堂用餐。",
    ]);
    let input = format!(
        "民生调查\n一份十二元的午饭　能走多远\n社区长者食堂开办两年：有人排队，有人亏本,也有人找到了办法\n本报记者甘小棠\n{body}"
    );
    let c = clean(&input);
    assert_eq!(c.articles.len(), 1);
    let a = &c.articles[0];
    assert_eq!(a.kicker.as_deref(), Some("民生调查"));
    assert_eq!(a.title, "一份十二元的午饭　能走多远");
    assert_eq!(
        a.deck.as_deref(),
        Some("社区长者食堂开办两年：有人排队，有人亏本，也有人找到了办法")
    );
    assert_eq!(a.byline.as_deref(), Some("本报记者 甘小棠"));
    assert_eq!(a.blocks.len() + usize::from(a.lead.is_some()), 2, "{a:?}");
}

/// A headline as wide as a column line, repeated at the page's foot
/// beside the date and folio: the foot one is the running head (taken
/// out), the top one stays the headline, and the source line before the
/// foot is the article's last line, so its source.
#[test]
fn a_full_width_headline_repeated_at_the_foot_is_a_running_head_there() {
    let body = column(&[
        "两年前，本市在首批四十个社区开办长者食堂，六十岁以上老人凭卡就餐。",
        "热闹背后，也有食堂因入不敷出而停业，记者连续两周在食堂用餐。",
        "十二点半，河埠食堂的用餐高峰过去了，邵阿婆把吃剩的半块鸡肉装进饭盒。",
        "出门前，她在留言本上写下一行字：菜心炒得有点老，明天请少放盐。",
    ]);
    let input = format!(
        "一份十二元的午饭　能走多远\n本报记者 甘小棠\n{body}(本报记者根据采访整理）\n一份十二元的午饭　能走多远\n2026 年12 月3 日\n1\n"
    );
    let c = clean(&input);
    assert_eq!(c.articles.len(), 1);
    let a = &c.articles[0];
    assert_eq!(a.title, "一份十二元的午饭　能走多远");
    assert_eq!(a.source.as_deref(), Some("本报记者根据采访整理"));
    assert_eq!(a.blocks.len(), 4, "{:?}", a.blocks);
    let gone = removed(&input);
    assert!(
        gone.iter()
            .any(|m| m.contains("repeated header or footer: 一份十二元的午饭")),
        "{gone:?}"
    );
}

/// Two headline lines of one size (an OCR tool marking every title `##`):
/// a short label over a headline with no pause inside is kicker and
/// headline; a short headline over a sentence with commas is headline and
/// deck.
#[test]
fn a_short_label_over_a_headline_is_the_kicker() {
    let body = column(&[
        "本报讯　从下月起，读者持一张读者证，就可以在全市六十二间城市书房通借通还。",
        "市图书馆介绍，新的借阅系统已经在十间书房试运行了两个月，运行平稳。",
    ]);
    let c = clean(&format!(
        "## 读者服务\n## 一张读者证　全市书房通借通还\n{body}"
    ));
    let a = &c.articles[0];
    assert_eq!(a.kicker.as_deref(), Some("读者服务"));
    assert_eq!(a.title, "一张读者证　全市书房通借通还");
    assert_eq!(a.deck, None);
    let c = clean(&format!(
        "## 夜班车\n## 一条夜班公交线路的十二年，和它载过的普通人\n{body}"
    ));
    let a = &c.articles[0];
    assert_eq!(a.title, "夜班车");
    assert_eq!(
        a.deck.as_deref(),
        Some("一条夜班公交线路的十二年，和它载过的普通人")
    );
}

/// A pull quote set narrower than its column (9–11 characters in a
/// 13-character column), read line per box: one paragraph of its own, not
/// a run of paragraph ends, and not joined to the paragraph before it.
#[test]
fn a_narrower_block_is_a_paragraph_of_its_own() {
    let before =
        column(&["一位在写字楼做保安的年轻人说，他最喜欢这个时候的夜班车，外面也没有车。"]);
    let after = column(&["车厢中部，一位姓陈的护士正低头看手机，她在医院的心内科上夜班。"]);
    let quote = "夜里的车厢是城市的\n另一张面孔。白天擦肩而\n过的人，到了夜里，会在\n同一排座位上坐很久。\n";
    let c = clean(&format!("夜班车\n本报记者 陈晓\n{before}{quote}{after}"));
    let a = &c.articles[0];
    assert_eq!(
        a.blocks,
        vec![
            Block::Para(
                "一位在写字楼做保安的年轻人说，他最喜欢这个时候的夜班车，外面也没有车。".into()
            ),
            Block::Para(
                "夜里的车厢是城市的另一张面孔。白天擦肩而过的人，到了夜里，会在同一排座位上坐很久。"
                    .into()
            ),
            Block::Para("车厢中部，一位姓陈的护士正低头看手机，她在医院的心内科上夜班。".into()),
        ]
    );
}

/// Lines beside a figure, narrowed to three or four characters, are no
/// section head: 六十二 / 间书房 read as a two-line head, but the line after
/// them opens with one character and a comma (中，有四), which no
/// paragraph does: the sentence began above. Before, 六十二　间书房
/// became a head and 中，有四… a paragraph.
#[test]
fn narrowed_lines_before_one_character_and_a_comma_are_no_head() {
    let input = "书房的账\n本报记者 方知远\n\n运营谁来管\n\n一间书房一年要花的钱，记者\n算了一笔账：房租、水电、网络、\n保洁和一名管理员的工资，加\n起来在十五万到二十五\n万元之\n间，书\n的采购\n另算。\n六十二\n间书房\n中，有四\n十间的场地\n由街道和社区\n免费提供，另外\n二十二间是与银行网点、书\n店、咖啡馆合作开设的，合作\n方出场地和人手，图书馆出书\n和系统。\n";
    let blocks = &clean(input).articles[0].blocks;
    let heads: Vec<&Block> = blocks
        .iter()
        .filter(|b| matches!(b, Block::Head(_)))
        .collect();
    assert_eq!(heads, [&Block::Head("运营谁来管".into())], "{blocks:?}");
    assert!(
        blocks
            .iter()
            .any(|b| matches!(b, Block::Para(p) if p.starts_with("六十二间书房中，有四十间"))),
        "{blocks:?}"
    );
}

/// A short line ending in a comma ends a paragraph (its 。 misread) only
/// where a paragraph can open after it: in a column narrowed beside a
/// figure the next line is as short (作者， / 也来 / 了，), and the sentence
/// goes on. Before, 作者。 and 也来了。 ended paragraphs.
#[test]
fn a_comma_on_a_narrowed_line_ends_no_paragraph() {
    let lines = [
        "周六下午，老城区的书房里",
        "坐满了人。读书会已经办了三",
        "年，来的人从小学生到八十多",
        "岁的老人都有，每次二十来位",
        "多的时候门口也站着人。管理",
        "员说，报名的人一年比一年多",
        "书房只好把桌椅挪到了走廊上",
        "去。",
        "上个月读的是一本讲本地",
        "老街的书，读完大家一起去街",
        "上走了一圈，看了书里写到",
        "的老茶馆",
        "和旧邮局",
        "那本书的",
        "作者，",
        "也来",
        "了，",
        "讲起",
        "老街",
        "旧事。",
    ];
    let blocks = &two_paragraphs("老街读书会\n本报记者 方知远", &lines);
    assert!(
        matches!(&blocks[1], Block::Para(p) if p.ends_with("作者，也来了，讲起老街旧事。")),
        "{blocks:?}"
    );
}

/// A paragraph's first line ending in a 。 the OCR read as `o` (an `o`
/// narrower than the mark) still has a first line's shape: the paragraph
/// before it ends. Before, 第二次是在二〇二三年底o was taken for a full
/// line and the two paragraphs ran together.
#[test]
fn a_first_line_ending_in_a_misread_stop_opens_a_paragraph() {
    let lines = [
        "一楼两户担心电梯井挡住",
        "采光，又不用电梯，却要忍受",
        "施工的噪声；二楼一户觉得自",
        "己走得动，不愿分摊费用；还",
        "有一户房子出租，房东在外地",
        "电话打了几次都没有人接。",
        "第二次是在二〇二三年底o",
        "街道请来设计单位，把电梯井",
        "从南面挪到北面的楼梯间外侧",
        "一楼的窗户不再被挡，费用也",
        "重新算过，签回了九户。",
    ];
    let blocks = &two_paragraphs("加装电梯\n本报记者 罗晓岗", &lines);
    assert!(
        matches!(&blocks[1], Block::Para(p) if p.starts_with("第二次是在二〇二三年底。街道")),
        "{blocks:?}"
    );
}

/// A printed line the OCR cut into two boxes (业运营 / 加按份补贴”的模式，)
/// is a full line: its comma ends no paragraph, though the second box
/// alone is short. Before, the comma was taken for a misread 。 and the
/// paragraph cut there.
#[test]
fn a_comma_ending_a_line_cut_in_two_boxes_ends_no_paragraph() {
    let lines = [
        "民政部门的评估报告显示，",
        "截至今年九月，全市长者食堂",
        "中约有两成处于持续亏损状态，",
        "主要集中在人口密度低、老人",
        "收入偏低的片区。报告建议，",
        "对这类食堂不能简单套用“企",
        "业运营",
        "加按份补贴”的模式，",
        "而应根据服务半径和实际就餐",
        "人数分类施策。",
        "记者走访发现，一些社区",
        "已经摸索出各自的办法。",
    ];
    let blocks = &two_paragraphs("长者食堂\n本报记者 林晓舟", &lines);
    assert!(
        matches!(&blocks[0], Block::Para(p) if p.contains("的模式，而应根据")),
        "{blocks:?}"
    );
}

/// The body of an article of `lines` under `head`, which the tests above
/// expect in two paragraphs.
fn two_paragraphs(head: &str, lines: &[&str]) -> Vec<Block> {
    let input = format!("{head}\n\n{}\n", lines.join("\n"));
    let blocks = clean(&input).articles.swap_remove(0).blocks;
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    blocks
}
