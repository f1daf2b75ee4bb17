//! `typeset clean`: from text recognised from a scanned page (OCR) or pasted
//! from a PDF to article files in the input format.
//!
//! The pipeline, with plain data between the steps:
//! 1. [`prep`]: the lines, the OCR tool's Markdown kept as hints (`#` is
//!    large type), widths in ems; rows read across columns taken apart
//!    ([`across`]), the last rows of two columns read across put back in
//!    their columns ([`foot`]), boxes side by side on one line split;
//! 2. [`lines`]: each line's role from its content and its neighbours —
//!    furniture ([`furniture`], [`captions`], [`repeats`]), byline, source,
//!    serial clues ([`people`]), or text — and the column's measure around
//!    it ([`measure`]); interleaved columns put back in order ([`columns`]);
//! 3. [`gather`]: the lines cut into articles, each a headline block and a
//!    body, by what each line is among its neighbours ([`page`]), the rest
//!    of a jumped article under its headline repeated over （上接第1版）
//!    given back to it ([`resume`]); a column read after a jump line
//!    given to the article left open over a headline ([`chain`]); articles
//!    set one over the other in a pair of columns read across given back
//!    band by band ([`stacked`], [`bands`]) and columns of two articles
//!    read in turn given back to their article ([`interleave`]), both by
//!    their words; a headline block read apart from its first column
//!    given to the article with a byline and no headline ([`orphan`]);
//! 4. [`article`]: front matter ([`front`]), section heads and paragraphs
//!    ([`paras`]), each paragraph repaired ([`inline`], [`misread`]); a
//!    headline block's pieces read inside its text given back to it
//!    ([`pieces`]); a kicker read among another article's lines moved to
//!    its headline ([`kicker`]).
//!
//! Nothing is dropped silently: every removal and change becomes a
//! [`Note`] with its input line, and a line is only taken out of the text
//! when a furniture pattern or its recurrence at page intervals says so.

mod across;
mod article;
mod bands;
mod boxes;
mod breaks;
mod captions;
mod chain;
mod columns;
mod foot;
mod front;
mod furniture;
mod gather;
mod heads;
pub mod inline;
mod installment;
mod interleave;
mod joins;
mod kicker;
mod lang;
mod lead;
mod lines;
mod lone;
mod measure;
mod misread;
mod names;
pub mod ocr;
mod ocr_display;
mod ocr_lines;
mod orphan;
mod output;
mod page;
mod paras;
mod people;
mod pieces;
mod prep;
mod repeats;
mod resume;
mod shape;
mod shapes_across;
mod stacked;
mod unheaded;

pub use output::report;

/// One entry of the report: where, and what was done or needs doing.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// 1-based input line.
    pub line: usize,
    pub kind: NoteKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Text taken out of the body (kept in the report).
    Removed,
    /// Text changed in place.
    Changed,
    /// Text moved into the front matter.
    Moved,
    /// Left as it is; an editor must decide.
    Warning,
}

/// A cleaned article: front matter fields and body blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub title: String,
    pub kicker: Option<String>,
    pub deck: Option<String>,
    pub byline: Option<String>,
    pub source: Option<String>,
    /// The lead (导语), its paragraphs parted by blank lines.
    pub lead: Option<String>,
    pub serial: Option<Serial>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Serial {
    pub work: String,
    pub author: String,
    pub installment: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Head(String),
    Para(String),
}

pub struct Cleaned {
    pub articles: Vec<Article>,
    pub notes: Vec<Note>,
}

pub fn clean(input: &str) -> Cleaned {
    let mut notes = Vec::new();
    let mut lines = prep::read(input, &mut notes);
    let lines::Classified { mut roles, measure } = lines::classify(&lines, &mut notes);
    let (order, woven) = columns::order(&lines, &roles, &measure, &mut notes);
    unheaded::report(&lines, &roles, &measure, &woven, &mut notes);
    // Read in order: a caption is told by the lines above and under it.
    captions::by_place(&lines, &measure, &order, &mut roles);
    // After the captions: a caption as wide as the column breaks no shape.
    shapes_across::report(&lines, &roles, &measure, (&order, &woven), &mut notes);
    let text: Vec<bool> = roles.iter().map(|r| *r == lines::Role::Text).collect();
    let marks = paras::Marks::of(&lines, &text, measure.iter().any(Option::is_some));
    // The page as read, before the installment numbers are taken out of
    // its lines: cut into articles, then columns read in turn mended.
    let read = gather::Page {
        lines: &lines,
        roles: &roles,
        measure: &measure,
        order: order.clone(),
        woven,
    };
    let mut segs = gather::segments(&read, &mut notes);
    let chained = chain::after_jumps(&mut segs, &read, &mut notes);
    stacked::mend(&mut segs, &read, &chained, &mut notes);
    interleave::mend(&mut segs, &read, &mut notes);
    boxes::place_serial_heads(&mut segs, &lines, &mut notes);
    boxes::place_stray_headlines(&mut segs, &lines, &mut notes);
    orphan::place(&mut segs, &read, &mut notes);
    let found = installment::find_all(&mut lines, &segs, &mut notes);
    let page = gather::Page {
        lines: &lines,
        roles: &roles,
        measure: &measure,
        order,
        woven: Vec::new(),
    };
    // The heads over continuation lines tell each article's headline.
    let jumps = resume::heads_over_jumps(&lines);
    let mut held = Vec::new();
    let mut articles: Vec<Article> = segs
        .into_iter()
        .zip(found)
        .map(|(s, f)| article::build((&page, &jumps), s, marks, f, &mut held, &mut notes))
        .filter(|a| !a.blocks.is_empty() || !a.title.is_empty())
        .collect();
    kicker::place(&mut articles, &held, &mut notes);
    fold_strays(&mut articles, &lines, &mut notes);
    // Stable: the notes of one line stay in the order they were made.
    notes.sort_by_key(|n| n.line);
    Cleaned { articles, notes }
}

/// An "article" of stray characters alone (`NE`, read off a picture over
/// a continuation head whose text went back to its article): no headline,
/// no front matter, a few characters and no Han one. Its text stays, in
/// the article before it, rather than making an article of its own.
fn fold_strays(articles: &mut Vec<Article>, lines: &[prep::Line], notes: &mut Vec<Note>) {
    let mut k = 1;
    while k < articles.len() {
        let a = &articles[k];
        let text: String = a
            .blocks
            .iter()
            .map(|b| match b {
                Block::Para(p) | Block::Head(p) => p.as_str(),
            })
            .collect();
        let bare = a.title.is_empty()
            && a.kicker.is_none()
            && a.deck.is_none()
            && a.byline.is_none()
            && a.source.is_none()
            && a.lead.is_none()
            && a.serial.is_none();
        let stray =
            !text.is_empty() && text.chars().count() <= 8 && !text.chars().any(names::is_han);
        if !(bare && stray) {
            k += 1;
            continue;
        }
        let line = lines
            .iter()
            .find(|l| l.text.trim() == text)
            .map_or(0, |l| l.no);
        notes.push(Note {
            line,
            kind: NoteKind::Moved,
            message: format!(
                "stray characters with no article of their own: kept in the text of the article before: {text}"
            ),
        });
        let a = articles.remove(k);
        articles[k - 1].blocks.extend(a.blocks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_breaks_are_joined_and_paragraphs_kept() {
        let input = "夜班车\n\n　　凌晨一点，最后一班车从总站开\n出，车上只有三个人。\n　　司机说，这条线路已经\n开了十二年。\n";
        let c = clean(input);
        let a = &c.articles[0];
        assert_eq!(a.title, "夜班车");
        assert_eq!(
            a.blocks,
            vec![
                Block::Para("凌晨一点，最后一班车从总站开出，车上只有三个人。".into()),
                Block::Para("司机说，这条线路已经开了十二年。".into()),
            ]
        );
    }

    #[test]
    fn furniture_goes_to_the_report() {
        let input =
            "夜班车\n责任编辑：林晓舟\n　　凌晨一点，车开了。\n- 7 -\n　　司机说，路很长。\n";
        let c = clean(input);
        assert_eq!(c.articles[0].blocks.len(), 2);
        let removed: Vec<_> = c
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Removed)
            .collect();
        assert_eq!(removed.len(), 2);
        assert_eq!(removed[0].line, 2);
        assert_eq!(removed[1].line, 4);
    }

    #[test]
    fn installment_and_author_make_a_serial() {
        let input =
            "《长河灯影》\n沈南星 著\n（789）\n第七章 渡口\n　　雨从傍晚开始下，一直没有停。\n";
        let a = &clean(input).articles[0];
        let s = a.serial.as_ref().expect("a serial");
        assert_eq!(
            (s.work.as_str(), s.author.as_str(), s.installment),
            ("长河灯影", "沈南星", 789)
        );
        assert_eq!(a.title, "第七章 渡口");
    }

    fn paras(c: &Cleaned) -> Vec<&str> {
        c.articles
            .iter()
            .flat_map(|a| &a.blocks)
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.as_str()),
                Block::Head(_) => None,
            })
            .collect()
    }

    /// A column of line-per-box text (no indents), 13 ems wide.
    const COLUMN: &str = "夜班车\n本报记者 林晓舟\n零点整，第一班车驶出总\n站。车厢里只有四名乘客：两\n位刚下班的餐馆服务员，一位\n背着画板的大学生，还有一位\n一上车就睡着的中年男人。车\n·\n内的电子屏上滚动着站名，报\n站的女声在空荡的车厢里显得\n格外清楚。\n环卫工人刘桂芳坐在靠门\n的位置，手里攥着一副线手套。\n她在城南负责一段\n两公里长的\n街道，每天凌晨一点开始清扫，\n早上七点收工。以前没有夜班\n车的时候，她只能提前两个小\n时出门，骑四十分钟电动车o\n雨从傍晚开始下，一直没\n有停。河埠头的青石板被洗得\n发亮，倒映着对岸茶馆里昏黄\n的灯o\n阿禾把最后一筐桑叶搬进\n屋里，才发现门缝底下塞着一\n封信。\n";

    #[test]
    fn specks_and_split_boxes_in_line_per_box_text() {
        let c = clean(COLUMN);
        let p = paras(&c);
        // The speck between two lines of one sentence is taken out.
        assert!(p[0].contains("中年男人。车内的电子屏"), "{p:?}");
        let speck = c.notes.iter().find(|n| n.line == 8).expect("a note");
        assert_eq!(speck.kind, NoteKind::Removed);
        // A line cut into two boxes is neither a head nor a break.
        assert!(
            c.articles[0]
                .blocks
                .iter()
                .all(|b| matches!(b, Block::Para(_)))
        );
        assert!(p[1].contains("负责一段两公里长的街道"), "{p:?}");
        // 。 read as o ends a paragraph even where the next line fits.
        assert!(p[2].ends_with("昏黄的灯。"), "{p:?}");
        assert!(p[3].starts_with("阿禾"), "{p:?}");
    }

    #[test]
    fn a_picture_read_as_a_row_of_boxes_is_no_deck() {
        // 念 is a stray fragment; the box beside it on its row, not all
        // Han, is more of the picture: kept in the text, not the deck.
        let input = "港灣的月亮\n念       念和AV\n\n周明遠\n晚飯後，我們沿著堤岸走到碼頭。\n";
        let a = &clean(input).articles[0];
        assert_eq!(a.deck, None);
        assert_eq!(a.byline.as_deref(), Some("周明遠"));
        let kept = |b: &Block| matches!(b, Block::Para(t) | Block::Head(t) if t.contains("念和AV"));
        assert!(a.blocks.iter().any(kept), "{:?}", a.blocks);
    }

    #[test]
    fn a_short_line_whose_sentence_ends_on_the_next_is_no_head() {
        // Narrowed beside a figure: 一间书房一年要花多少 / 钱？ runs on.
        let input = "书房的账\n本报记者 方知远\n\n运营谁来管\n\n一间书房一年要花多少\n钱？记者算了一笔账：房租、水电、网络、保洁\n和一名管理员的工资，加起来在十五万元上下。\n";
        let a = &clean(input).articles[0];
        assert_eq!(
            a.blocks[0],
            Block::Head("运营谁来管".into()),
            "{:?}",
            a.blocks
        );
        assert!(
            matches!(&a.blocks[1], Block::Para(p) if p.starts_with("一间书房一年要花多少钱？")),
            "{:?}",
            a.blocks
        );
    }

    #[test]
    fn a_first_line_of_dialogue_holds_more_characters() {
        let input = "港灣的月亮\n周明遠\n晚飯後，我們沿著堤岸走\n到碼頭。潮水退了，石階上留著\n一圈圈青苔；遠處的漁船亮起\n燈，像一串串沒有熄滅的星。\n「你看！」阿婆指著海面說，\n「月亮出來了。」我抬頭一看，\n果然，一輪圓月正從山後慢慢\n升起，照得整個港灣都亮了。\n她點點頭，沒有再說話，\n只把手裡的月餅掰成兩半，分\n了一半給我。\n";
        let c = clean(input);
        let p = paras(&c);
        assert!(p[1].starts_with("「你看！」"), "{p:?}");
        assert!(p[2].starts_with("她點點頭"), "{p:?}");
    }

    #[test]
    fn a_head_in_two_boxes_and_a_source_beside_the_text() {
        let input = "加装电梯\n本报记者 孙悦\n又请租户帮忙录了一段楼道的\n视频。半个月后，房东回了一句\n话：“装吧，我出我那一份。”\n二〇二五年三月，第三次\n征求意见，十二户全部签字。\n审批比想象的快,\n施工比想象的慢\n签字之后的手续，反倒比\n大家想象的顺利。本市去年\n把老楼加装电梯的审批合并为\n“一件事”办理。        （本报讯）\n规划、建设等部门联合审查。\n";
        let a = &clean(input).articles[0];
        assert!(
            a.blocks
                .contains(&Block::Head("审批比想象的快，施工比想象的慢".into()))
        );
        assert_eq!(a.source.as_deref(), Some("本报讯"));
    }

    /// A year a scan's box split off its line (1930 / 年…) stays in the
    /// sentence; a number alone between two paragraphs is still a folio.
    #[test]
    fn a_number_split_off_its_line_is_no_page_number() {
        let input = "夜班车\n本报记者 林晓舟\n零点整，第一班车驶出总\n站。这条线路开通于\n1930\n年的春天，车厢里只有四名\n乘客。\n7\n环卫工人刘桂芳坐在靠门\n的位置。\n";
        let c = clean(input);
        let p = paras(&c);
        assert!(p[0].contains("开通于1930年的春天"), "{p:?}");
        let removed: Vec<&str> = c
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Removed)
            .map(|n| n.message.as_str())
            .collect();
        assert_eq!(removed, ["page number: 7"], "{:?}", c.notes);
    }
}
