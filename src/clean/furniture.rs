//! Page furniture by its content: folios (`·6·`, `:4.`, `第3版`, `A4`),
//! date lines and running heads (`2024年3月15日 星期五 第6版`), editor and
//! proofreader credits (`责任编辑 林晓舟 质检 周一然`, `王立 质检:赵敏`),
//! mastheads, section labels, jump lines and end marks. Each test looks at
//! one line; whether a weak match is furniture is decided with its
//! neighbours (lines.rs).

use super::names::{is_han, is_name, words};

/// Marks around a folio: `- 7 -`, `·6·`, `:4.` (Tesseract's `·4·`), `第3版`.
const FOLIO_MARKS: &str = " 　·•・.．:：-—–_|｜()（）[]【】〔〕<>第版页頁面";

/// `·6·`, `- 7 -`, `:4.`, `第3版`, `A4`, `B12`: a page number with its
/// decoration (a bare number is left to the installment test).
pub(super) fn is_folio(t: &str) -> bool {
    // 第三版, 第十二頁: the number in Han numerals, alone on its line.
    let han = t
        .trim()
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix(['版', '页', '頁']))
        .is_some_and(|n| {
            (1..=3).contains(&n.chars().count())
                && n.chars().all(|c| "一二三四五六七八九十〇零".contains(c))
        });
    if han {
        return true;
    }
    let core: String = t.chars().filter(|c| !FOLIO_MARKS.contains(*c)).collect();
    let decorated = core.chars().count() < t.chars().count();
    let digits = core.chars().filter(|c| c.is_ascii_digit()).count();
    let letters = core.chars().filter(|c| c.is_ascii_uppercase()).count();
    t.chars().count() <= 10
        && (1..=3).contains(&digits)
        && letters <= 1
        && digits + letters == core.chars().count()
        && (decorated || letters == 1)
        && !core.starts_with(|c: char| c.is_ascii_digit() && letters == 1)
}

/// Keywords of an editor or proofreader credit.
const CREDIT_WORDS: [&str; 62] = [
    "本版责编",
    "本版責編",
    "执行主编",
    "執行主編",
    "美术编辑",
    "美術編輯",
    "责任校对",
    "責任校對",
    "责任编辑",
    "責任編輯",
    "本版编辑",
    "本版編輯",
    "值班编辑",
    "值班編輯",
    "图片编辑",
    "圖片編輯",
    "版式设计",
    "版式設計",
    "版面设计",
    "版面設計",
    "视觉设计",
    "視覺設計",
    "值班主任",
    "编审",
    "編審",
    "审校",
    "審校",
    "监制",
    "監製",
    "校审",
    "校審",
    "插图",
    "插圖",
    "编辑",
    "編輯",
    "责编",
    "責編",
    "美编",
    "美編",
    "版式",
    "校对",
    "校對",
    "质检",
    "質檢",
    "制图",
    "製圖",
    "设计",
    "設計",
    "审读",
    "審讀",
    "终审",
    "終審",
    "签发",
    "簽發",
    "排版",
    "组版",
    "统筹",
    "統籌",
    "策划",
    "策劃",
    "主编",
    "主編",
];

/// A credit word at the start of `w`, and the rest (a name glued to it:
/// `质检赵敏`).
fn credit_word(w: &str) -> Option<&str> {
    CREDIT_WORDS
        .iter()
        .find(|k| w.starts_with(*k))
        .map(|k| &w[k.len()..])
}

/// `责任编辑：周小满 校对：陈一鸣`, `王立 质检:赵敏`, `值班主任 周海`,
/// `7 责任编辑 林晓舟 质检 周一然`: credit words and names only, with at
/// least one of each (a page number may stand at either end).
pub(super) fn is_credit(t: &str) -> bool {
    let inner = unbracket(t);
    let ws = words(inner);
    let (mut keys, mut names, mut misread) = (0, 0, 0);
    for (k, w) in ws.iter().enumerate() {
        let edge = k == 0 || k + 1 == ws.len();
        let word = credit_word(w).or_else(|| {
            let rest = misread_credit_word(w);
            misread += usize::from(rest.is_some());
            rest
        });
        if let Some(rest) = word {
            keys += 1;
            if !rest.is_empty() {
                if !is_name(rest) {
                    return false;
                }
                names += 1;
            }
        } else if is_name(w) {
            names += 1;
        } else if !(edge && w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit())) {
            return false;
        }
    }
    // A misread credit word counts beside one read right.
    keys > misread && (1..=8).contains(&names)
}

/// A four-character credit word with its last character misread
/// (责任编曰 for 责任编辑), and the rest of the word.
fn misread_credit_word(w: &str) -> Option<&str> {
    CREDIT_WORDS
        .iter()
        .filter(|k| k.chars().count() == 4)
        .find_map(|k| {
            let stem: String = k.chars().take(3).collect();
            let rest = w.strip_prefix(stem.as_str())?;
            let c = rest.chars().next().filter(|&c| super::names::is_han(c))?;
            Some(&rest[c.len_utf8()..])
        })
}

fn unbracket(t: &str) -> &str {
    let b = t.starts_with(['（', '(']) && t.ends_with(['）', ')']);
    if b {
        t.trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')'])
    } else {
        t
    }
}

/// Labels of a paper's imprint (报头 and 报尾 small print).
const IMPRINT: [&str; 16] = [
    "邮发代号",
    "郵發代號",
    "统一刊号",
    "出版物号",
    "邮政编码",
    "邮编",
    "广告热线",
    "订阅热线",
    "发行热线",
    "新闻热线",
    "零售价",
    "定价",
    "社址",
    "本报地址",
    "传真",
    "印刷",
];

/// 国内统一连续出版物号 CN11-0065, 邮发代号 1-1, 本报地址：…: the paper's
/// imprint, no sentence in it.
pub(super) fn is_imprint(t: &str) -> bool {
    let cn = t.contains("CN") && t.chars().filter(|c| c.is_ascii_digit()).count() >= 4;
    // A label with its value: 邮编：100733, 邮发代号 1-1.
    let labelled = IMPRINT.iter().any(|w| {
        t.match_indices(w).any(|(k, _)| {
            let after = t[k + w.len()..].trim_start();
            after.starts_with(['：', ':']) || after.starts_with(|c: char| c.is_ascii_digit())
        })
    });
    (cn || labelled) && !t.contains(['。', '！', '？', '，']) && t.chars().count() <= 80
}

/// How sure a content test is that a line is furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sure {
    /// Furniture wherever it stands.
    Strong,
    /// Furniture only beside other furniture or at the top or foot of the
    /// text (a date alone may close a letter; 要闻 alone may be a kicker).
    Weak,
}

/// Length in bytes of a date at the start of `s`: 2024年3月15日, 2026 年 11
/// 月 27 日, 二〇二四年三月十五日, 2024.3.15, 2024-03-15.
fn date_at(s: &str) -> Option<usize> {
    let digit = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十".contains(c);
    let mut parts = 0;
    let mut end = 0;
    let mut run = 0;
    // 11月27日: a month and day (the year misread, 2026 人11 月27 日).
    let mut month_day = false;
    for (i, c) in s.char_indices() {
        if digit(c) {
            run += 1;
        } else if c == ' ' && (run > 0 || parts > 0) {
            continue;
        } else if run > 0 && "年月日.-/".contains(c) {
            month_day = parts == 0 && c == '月' || month_day && c == '日';
            parts += 1;
            run = 0;
            end = i + c.len_utf8();
            if c == '日' || parts == 3 {
                break;
            }
        } else {
            break;
        }
    }
    let full = parts == 3 || (parts == 2 && run > 0 && !s[end..].starts_with('年'));
    if parts == 2 && month_day {
        return Some(end);
    }
    if parts == 2 && run > 0 {
        // 2024.3.15: the last number has no mark after it.
        end = s[end..]
            .char_indices()
            .find(|(_, c)| !digit(*c) && *c != ' ')
            .map_or(s.len(), |(i, _)| end + i);
    }
    (full && parts >= 2).then_some(end)
}

/// Words a running head holds beside the date.
const HEAD_WORDS: [&str; 12] = [
    "星期", "礼拜", "禮拜", "农历", "農曆", "周一", "周二", "周三", "周四", "周五", "周六", "周日",
];

/// `2024年3月15日 星期五`, `西岭晚报 城市·副刊 2026 年 11 月 28 日 第 12
/// 版`: a date with a weekday, a page number or a paper's name and section
/// and no sentence. Strong with a weekday or page number, weak alone.
pub(super) fn date_line(t: &str) -> Option<Sure> {
    let letters = t.chars().filter(|c| !c.is_whitespace()).count();
    if t.chars().any(|c| "。，；！？,;!?、".contains(c)) || letters > 48 {
        return None;
    }
    let at = t
        .char_indices()
        .find_map(|(i, _)| date_at(&t[i..]).map(|n| (i, n)))?;
    // A running head sets its parts apart; a date run on from text (会议于
    // 2024年3月15日) is a sentence's.
    // (A year whose 年 the OCR misread, 2026 人11 月27 日, is no text.)
    let before = &t[..at.0];
    let year = before.chars().rev().take_while(|&c| is_han(c)).count() == 1
        && before
            .trim_end_matches(is_han)
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit());
    if before.chars().last().is_some_and(is_han) && !year {
        return None;
    }
    let rest = format!("{}{}", &t[..at.0], &t[at.0 + at.1..]);
    let page = rest.contains('版') || rest.contains("期");
    let weekday = HEAD_WORDS.iter().any(|w| rest.contains(w));
    let other: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    if weekday || page {
        Some(Sure::Strong)
    } else if other.chars().count() <= 12 {
        Some(Sure::Weak)
    } else {
        None
    }
}

/// 星期五, 第1236期, 总第1236期, 农历甲辰年二月初六: strong furniture alone.
pub(super) fn issue_or_weekday(t: &str) -> bool {
    let t = t.trim();
    // What may follow the weekday: a date or the lunar date, not words (a
    // line of text may begin 周三晚上七点，…).
    let sentence = |r: &str| r.chars().any(|c| "。，；！？,;!?、".contains(c));
    let dated = |rest: &str| {
        let rest = rest.trim_start();
        let lunar = ["农历", "農曆"].iter().any(|w| rest.starts_with(w));
        let date = (rest.chars())
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "年月日.-/".contains(c));
        date || lunar && !sentence(rest)
    };
    let weekday = HEAD_WORDS.iter().any(|&w| {
        let Some(rest) = t.strip_prefix(w) else {
            return false;
        };
        match w {
            // 星期五, 礼拜天: the day's name is part of the word.
            "星期" | "礼拜" | "禮拜" => {
                (rest.strip_prefix(|c| "一二三四五六日天".contains(c))).is_some_and(dated)
            }
            // 农历甲辰年二月初六: the lunar date is the head's.
            "农历" | "農曆" => !sentence(rest),
            _ => dated(rest),
        }
    }) && t.chars().count() <= 12;
    let issue = (t.starts_with("总第") || t.starts_with("總第"))
        && t.ends_with('期')
        && t.chars().count() <= 12;
    weekday || issue
}

/// Section labels (版名) of Chinese papers.
const SECTIONS: [&str; 68] = [
    "要闻", "要聞", "国内", "國內", "国际", "國際", "综合", "綜合", "经济", "經濟", "财经", "財經",
    "社会", "社會", "文化", "体育", "體育", "副刊", "评论", "評論", "时事", "時事", "民生", "城市",
    "地方", "本地", "港闻", "港聞", "娱乐", "娛樂", "教育", "科技", "健康", "旅游", "旅遊", "生活",
    "读书", "讀書", "专版", "專版", "特刊", "视点", "視點", "法治", "政法", "三农", "农村", "農村",
    "新闻", "新聞", "时政", "時政", "文体", "文體", "连载", "連載", "周刊", "週刊", "阅读", "閱讀",
    "文艺", "文藝", "小说", "小說", "电影", "電影", "马经", "馬經",
];

/// 要闻, 城市·副刊, 地方新聞, 第3版 要闻, 西岭日报 要闻: a section label,
/// with the paper's name or page number beside it (weak). Quotation marks
/// are the OCR's reading of the gaps.
pub(super) fn is_section_label(t: &str) -> bool {
    let parts: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || "·•・|｜“”\"".contains(c))
        .filter(|p| !p.is_empty())
        .collect();
    let section = |p: &str| {
        SECTIONS.contains(&p)
            || (p.chars().count() <= 6
                && p.chars().all(is_han)
                && SECTIONS.iter().any(|s| p.ends_with(s)))
    };
    parts.iter().any(|p| section(p))
        && t.chars().filter(|c| !c.is_whitespace()).count() <= 16
        && parts
            .iter()
            .all(|p| section(p) || is_folio(p) || is_masthead(p))
}

/// `typeset 样张”城市.副刊`, `西岭晚报 要闻`: a paper's name and a section
/// label in a running head, as OCR reads it (the centred dot as `.` or `。`,
/// the gap as a quotation mark). Weak: the name can be any words, so only
/// the furniture beside it (the page's date line) confirms it.
pub(super) fn is_paper_and_section(t: &str) -> bool {
    // A mark at the end is the OCR's reading of a centred dot and the
    // small label after it (`城市·综合` read `城市，`).
    let t = t.trim_end().trim_end_matches(['，', ',', '。', '.']);
    // Inside, before a section label, the same reading (`民生，副刊`).
    let mut t = t.to_string();
    for w in SECTIONS {
        t = t.replace(&format!("，{w}"), &format!(" {w}"));
    }
    let t = t.as_str();
    if t.chars().any(|c| "，；！？,;!?、：:".contains(c)) {
        return false;
    }
    let parts: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || "·•・|｜“”\".。…".contains(c))
        .filter(|p| !p.is_empty())
        .collect();
    let section = |p: &&str| {
        SECTIONS.contains(p)
            || (p.chars().count() <= 6
                && p.chars().all(is_han)
                && SECTIONS.iter().any(|s| p.ends_with(s)))
    };
    parts.len() >= 2
        && parts.iter().any(section)
        && t.chars().filter(|c| !c.is_whitespace()).count() <= 20
}

/// Endings of a paper's or periodical's name.
const MASTHEAD_ENDS: [&str; 16] = [
    "日报", "日報", "晚报", "晚報", "早报", "早報", "时报", "時報", "商报", "商報", "通讯", "通訊",
    "画报", "畫報", "周报", "週報",
];

/// 西岭日报, 西岭通讯, RENMIN RIBAO: a paper's name (weak).
pub(super) fn is_masthead(t: &str) -> bool {
    let n = t.chars().count();
    let han = n <= 8 && t.chars().all(is_han) && MASTHEAD_ENDS.iter().any(|e| t.ends_with(e));
    let latin = n <= 30
        && t.split_whitespace().count() >= 2
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c == ' ' || c == '-');
    han || latin
}

/// （完）, （未完待续）, （连载完）: the end of an article or installment.
pub(super) fn is_end_mark(t: &str) -> bool {
    // 《未完待续), 〈完): the OCR's reading of （, as in source lines.
    let fixed;
    let t = match t.trim().strip_prefix(['《', '〈']) {
        Some(rest) if rest.ends_with(['）', ')']) && !rest.contains(['》', '〉']) => {
            fixed = format!("（{rest}");
            fixed.as_str()
        }
        _ => t,
    };
    let inner = unbracket(t);
    inner.len() < t.len() && crate::model::labels::END_MARKS.contains(&inner.trim())
}

/// A jump line, and whether it closes the text before it: （下转第4版）
/// closes, （上接第1版） opens.
pub(super) fn jump_line(t: &str) -> Option<bool> {
    let inner = unbracket(t);
    let n = inner.chars().count();
    if inner.len() != t.len() && !inner.contains('版') {
        return super::misread::jump_in_brackets(inner);
    }
    if inner.len() == t.len() || n > 12 {
        return super::misread::jump_line(t);
    }
    if inner.contains("上接") || inner.contains("紧接") || inner.contains("緊接") {
        Some(false)
    } else if inner.contains('转') || inner.contains('轉') {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word of the shared list, in full- or half-width brackets,
    /// closes an article (全文完结 and 本章完 were each on one side only).
    #[test]
    fn every_end_mark_word_in_brackets_closes_an_article() {
        for w in crate::model::labels::END_MARKS {
            assert!(is_end_mark(&format!("（{w}）")), "{w}");
            assert!(is_end_mark(&format!("({w})")), "{w}");
            assert!(!is_end_mark(w), "{w} without brackets");
        }
    }

    #[test]
    fn jump_lines_with_misread_brackets() {
        assert_eq!(jump_line("CE上接第 12 版)"), Some(false));
        assert_eq!(jump_line("(下转第 3 版"), Some(true));
        // A sentence that mentions a page is no jump line.
        assert_eq!(jump_line("详见上接第12版的报道"), None);
        assert_eq!(jump_line("上接第版"), None);
        // In its brackets, 下 and 版 misread.
        assert_eq!(jump_line("（未转第2士）"), Some(true));
        assert_eq!(jump_line("（上接第12板）"), Some(false));
        assert_eq!(jump_line("（转第二个路口）"), None);
    }

    #[test]
    fn a_running_head_read_with_a_mark_for_its_dot() {
        assert!(is_paper_and_section("typeset 样张 城市，"));
        assert!(is_paper_and_section("typeset 样张 民生，副刊"));
        assert!(is_paper_and_section("typeset 样张”城市阅读"));
        assert!(!is_paper_and_section("他走进城市，"));
    }

    #[test]
    fn folios() {
        for f in [
            "·6·",
            ":4.",
            "- 7 -",
            "第3版",
            "A4",
            "B12",
            "— 6 —",
            "第三版",
            "第十二頁",
        ] {
            assert!(is_folio(f), "{f}");
        }
        for f in [
            "416",
            "12",
            "2024年",
            "第七章",
            "AB",
            "1A",
            "第三版面",
            "第三",
        ] {
            assert!(!is_folio(f), "{f}");
        }
    }

    #[test]
    fn credits() {
        for c in [
            "责任编辑:周小满 校对:陈一鸣",
            "王立 质检:赵敏",
            "值班主任 周海",
            "版式 陈静",
            "编辑 刘洋",
            "7 责任编辑 林晓舟 质检 周一然",
            "責任編輯：王小明",
            "质检赵敏",
            // One character of a credit word misread, beside one read right.
            "责任编曰方知远　质检陆小禾",
        ] {
            assert!(is_credit(c), "{c}");
        }
        assert!(!is_credit("责任编曰方知远"));
        assert!(is_credit("本版责编 王某"));
        assert!(is_imprint("邮发代号 1-1 国内统一连续出版物号 CN11-0065"));
        assert!(is_imprint("本报地址：西岭市人民路1号 邮编：615000"));
        assert!(!is_imprint("这家印刷厂今年印了20万册书") && !is_imprint("印刷厂里有20台机器，"));
        for c in ["编辑部的同事们", "编辑了一本书", "王立说", "责任编辑"] {
            assert!(!is_credit(c), "{c}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(date_line("2024年3月15日 星期五"), Some(Sure::Strong));
        // A weekday alone, or with a date, is furniture; a line of text
        // that begins with one is not.
        assert!(issue_or_weekday("星期五") && issue_or_weekday("周三 3月15日"));
        assert!(issue_or_weekday("星期五 农历十月十三"));
        assert!(!issue_or_weekday("周三晚上七点，东湖街道"));
        assert!(!issue_or_weekday("周三晚上七点东湖街道"));
        assert_eq!(
            date_line("西岭晚报 城市·副刊 2026 年 11 月 28 日 第 12 版"),
            Some(Sure::Strong)
        );
        assert_eq!(date_line("2024年3月15日"), Some(Sure::Weak));
        assert_eq!(date_line("2024年3月15日，记者来到"), None);
        assert_eq!(date_line("他生于2024年"), None);
        assert_eq!(date_line("会议于2024年3月15日星期五"), None);
        // The year misread: the month and day hold.
        assert_eq!(date_line("2026 人11 月27 日　第7 版"), Some(Sure::Strong));
        assert_eq!(date_line("截至3月15日第一批"), None);
    }

    #[test]
    fn paper_and_section() {
        assert!(is_paper_and_section("typeset 样张”城市.副刊"));
        assert!(is_paper_and_section("typeset 样张”民生… 副刊"));
        assert!(is_paper_and_section("西岭晚报 要闻"));
        assert!(is_paper_and_section("typeset 样张”城市综合"));
        assert!(!is_paper_and_section("城建快讯"));
        assert!(!is_paper_and_section("城市 副刊，今天出版"));
    }

    #[test]
    fn labels_and_marks() {
        assert!(is_section_label("要闻") && is_section_label("城市·副刊"));
        assert!(is_section_label("地方新聞") && !is_section_label("体育快讯"));
        assert!(is_section_label("西岭日报 ”要闻") && !is_section_label("西岭日报"));
        assert!(is_masthead("西岭日报") && is_masthead("西岭通讯") && !is_masthead("体育快讯"));
        assert!(is_end_mark("（未完待续）") && !is_end_mark("完"));
        assert!(is_end_mark("《未完待续)") && !is_end_mark("《未完待续》"));
        assert_eq!(jump_line("（下转第4版）"), Some(true));
        assert_eq!(jump_line("（上接第1版）"), Some(false));
    }
}
