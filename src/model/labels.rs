//! The words typeset prints itself — serial labels, running heads, the
//! title page, the contents, page furniture, jump lines — in one table per
//! language, chosen by the document's language: a zh-Hant book says 目錄
//! and 連載, a zh-Hans one 目录 and 连载. Every stage takes its words from
//! here, so a language is one more table, not a hunt through the code.

use super::text::{Lang, LangFamily};

/// The words of an end mark standing alone in brackets, closing an
/// article or an installment (（未完待续）, （完）, （全文完結）), in both
/// scripts: resolve sets such a paragraph flush with the line's end, and
/// `typeset clean` reads it as the end of an article. One list, so that
/// what clean reads as an end the typesetter sets as one.
pub const END_MARKS: [&str; 14] = [
    "未完待续",
    "未完待續",
    "待续",
    "待續",
    "完",
    "全文完",
    "全文完结",
    "全文完結",
    "连载完",
    "連載完",
    "续完",
    "續完",
    "本篇完",
    "本章完",
];

/// Whether `text` is an end mark alone: （未完待续）, （完）, half-width
/// brackets too: resolve sets it flush with the line's end, compose on
/// the line above where that line leaves it room.
pub fn is_end_mark(text: &str) -> bool {
    let t = text.trim();
    let inner = (t.strip_prefix('（').or_else(|| t.strip_prefix('(')))
        .and_then(|t| t.strip_suffix('）').or_else(|| t.strip_suffix(')')));
    inner.is_some_and(|i| END_MARKS.contains(&i.trim()))
}

/// The words of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    /// The contents page and the EPUB's table of contents (目录).
    pub contents: &'static str,
    /// The EPUB's landmark for the cover page (封面).
    pub cover: &'static str,
    /// The EPUB's landmark for the first chapter (正文).
    pub body: &'static str,
    /// An installment of a serial (连载).
    pub installment: &'static str,
    /// After an author's name on a title page or label (著).
    pub by: &'static str,
    /// Credits at a newspaper page's foot (责任编辑, 质检).
    pub editor: &'static str,
    pub proofreader: &'static str,
    /// A jump line at a continued module's cut, and where it goes on
    /// (下转, 上接); the page is 第N版.
    pub jump_to: &'static str,
    pub jump_from: &'static str,
    /// The end of an installment that goes on (未完待续) and a continued
    /// heading (续).
    pub to_be_continued: &'static str,
    pub continued: &'static str,
}

/// Simplified Chinese (mainland usage): also what every other language
/// gets until it has a table of its own.
pub static HANS: Labels = Labels {
    contents: "目录",
    cover: "封面",
    body: "正文",
    installment: "连载",
    by: "著",
    editor: "责任编辑",
    proofreader: "质检",
    jump_to: "下转",
    jump_from: "上接",
    to_be_continued: "未完待续",
    continued: "续",
};

/// Traditional Chinese (Taiwan and Hong Kong usage).
pub static HANT: Labels = Labels {
    contents: "目錄",
    cover: "封面",
    body: "正文",
    installment: "連載",
    by: "著",
    editor: "責任編輯",
    proofreader: "質檢",
    jump_to: "下轉",
    jump_from: "上接",
    to_be_continued: "未完待續",
    continued: "續",
};

/// Simplified, the words of a document that does not say.
impl Default for &'static Labels {
    fn default() -> Self {
        &HANS
    }
}

impl Labels {
    /// The table of a language family.
    pub fn of(family: LangFamily) -> &'static Labels {
        match family {
            LangFamily::ZhHant => &HANT,
            LangFamily::ZhHans | LangFamily::Ja | LangFamily::En => &HANS,
        }
    }

    /// The table of a language as written (an EPUB's `xml:lang`); a tag
    /// typeset does not know gets the default.
    pub fn of_tag(tag: &str) -> &'static Labels {
        Labels::of(Lang::parse(tag).map_or(LangFamily::ZhHans, |l| l.family))
    }

    /// A newspaper page by number: 第N版.
    pub fn page(&self, number: impl std::fmt::Display) -> String {
        format!("第{number}版")
    }

    /// The label above an installment: 连载N　《作品》　作者 著.
    pub fn serial_label(&self, installment: u32, work: &str, author: &str) -> String {
        format!(
            "{}{installment}　《{work}》　{author} {}",
            self.installment, self.by
        )
    }

    /// A serial's running head: 《作品》连载N.
    pub fn serial_head(&self, work: &str, installment: u32) -> String {
        format!("《{work}》{}{installment}", self.installment)
    }

    /// An author on a title page or cover: 作者 著.
    pub fn author(&self, name: &str) -> String {
        format!("{name} {}", self.by)
    }

    /// A newspaper page's credits: 责任编辑 某　质检 某.
    pub fn credits(&self, editor: Option<&str>, proofreader: Option<&str>) -> Option<String> {
        let parts: Vec<String> = [
            editor.map(|e| format!("{} {e}", self.editor)),
            proofreader.map(|p| format!("{} {p}", self.proofreader)),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join("　"))
    }

    /// Jump lines: （下转第N版） at the cut, （上接第N版） where it goes on.
    pub fn jump_to_page(&self, number: u32) -> String {
        format!("（{}{}）", self.jump_to, self.page(number))
    }

    pub fn jump_from_page(&self, number: u32) -> String {
        format!("（{}{}）", self.jump_from, self.page(number))
    }

    /// The line after an installment that goes on: （未完待续）.
    pub fn to_be_continued_line(&self) -> String {
        format!("（{}）", self.to_be_continued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> &'static Labels {
        Labels::of(Lang::parse(tag).expect("a known tag").family)
    }

    #[test]
    fn traditional_texts_get_traditional_words() {
        for tag in ["zh-Hant", "zh-TW", "zh-HK"] {
            let l = lang(tag);
            assert_eq!(l.contents, "目錄", "{tag}");
            assert_eq!(
                l.serial_label(12, "長河", "沈南星"),
                "連載12　《長河》　沈南星 著"
            );
            assert_eq!(l.serial_head("長河", 12), "《長河》連載12");
            assert_eq!(
                l.credits(Some("甲"), Some("乙")).as_deref(),
                Some("責任編輯 甲　質檢 乙")
            );
            assert_eq!(l.jump_to_page(4), "（下轉第4版）");
            assert_eq!(l.to_be_continued_line(), "（未完待續）");
            assert_eq!(l.continued, "續");
        }
    }

    #[test]
    fn simplified_and_other_texts_get_simplified_words() {
        for tag in ["zh-Hans", "zh-CN", "zh", "ja", "en"] {
            let l = lang(tag);
            assert_eq!(l.contents, "目录", "{tag}");
            assert_eq!(l.serial_label(3, "河", "某"), "连载3　《河》　某 著");
            assert_eq!(l.serial_head("河", 3), "《河》连载3");
            assert_eq!(l.jump_from_page(1), "（上接第1版）");
            assert_eq!(l.to_be_continued_line(), "（未完待续）");
        }
        assert_eq!(Labels::of_tag("x-unknown"), &HANS);
        assert_eq!(Labels::of_tag("zh-TW"), &HANT);
    }

    #[test]
    fn credits_name_only_who_is_given() {
        assert_eq!(
            HANS.credits(Some("甲"), None).as_deref(),
            Some("责任编辑 甲")
        );
        assert_eq!(HANS.credits(None, Some("乙")).as_deref(), Some("质检 乙"));
        assert_eq!(HANS.credits(None, None), None);
        assert_eq!(HANS.author("某"), "某 著");
        assert_eq!(HANS.page(7), "第7版");
    }

    /// Every word of the shared list, alone in full- or half-width
    /// brackets, is an end mark set flush (全文完结 and 本章完 were each
    /// on one side only); with more text in its brackets it is not.
    #[test]
    fn every_end_mark_word_in_brackets_is_set_as_one() {
        for w in END_MARKS {
            assert!(is_end_mark(&format!("（{w}）")), "{w}");
            assert!(is_end_mark(&format!(" ({w}) ")), "{w}");
            assert!(!is_end_mark(w), "{w} without brackets");
            assert!(
                !is_end_mark(&format!("（{w}，明日续登）")),
                "{w} in a sentence"
            );
        }
    }
}
