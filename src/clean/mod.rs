//! `typeset clean`: from text recognised from a scanned page (OCR) or pasted
//! from a PDF to article files in the input format.
//!
//! The pipeline, with plain data between the steps:
//! 1. [`prep`]: the lines, the OCR tool's Markdown kept as hints (`#` is
//!    large type), widths in ems; rows read across columns taken apart
//!    ([`across`]), boxes side by side on one line split;
//! 2. [`lines`]: each line's role from its content and its neighbours —
//!    furniture ([`furniture`], [`captions`], [`repeats`]), byline, source,
//!    serial clues ([`people`]), or text — and the column's measure around
//!    it ([`measure`]); interleaved columns put back in order ([`columns`]);
//! 3. [`gather`]: the lines cut into articles, each a headline block and a
//!    body, by what each line is among its neighbours ([`page`]); columns
//!    of two articles read in turn given back to their article by their
//!    words ([`interleave`]);
//! 4. [`article`]: front matter ([`front`]), section heads and paragraphs
//!    ([`paras`]), each paragraph repaired ([`inline`], [`misread`]).
//!
//! Nothing is dropped silently: every removal and change becomes a
//! [`Note`] with its input line, and a line is only taken out of the text
//! when a furniture pattern or its recurrence at page intervals says so.

mod across;
mod article;
mod boxes;
mod captions;
mod columns;
mod front;
mod furniture;
mod gather;
pub mod inline;
mod installment;
mod interleave;
mod lang;
mod lead;
mod lines;
mod measure;
mod misread;
mod names;
pub mod ocr;
mod output;
mod page;
mod paras;
mod people;
mod prep;
mod repeats;
mod shape;

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
    let lines::Classified { roles, measure } = lines::classify(&lines, &mut notes);
    let order = columns::order(&lines, &roles, &mut notes);
    let text: Vec<bool> = roles.iter().map(|r| *r == lines::Role::Text).collect();
    let marks = paras::Marks::of(&lines, &text, measure.iter().any(Option::is_some));
    // The page as read, before the installment numbers are taken out of
    // its lines: cut into articles, then columns read in turn mended.
    let read = gather::Page {
        lines: &lines,
        roles: &roles,
        measure: &measure,
        order: order.clone(),
    };
    let mut segs = gather::segments(&read, &mut notes);
    interleave::mend(&mut segs, &read, &mut notes);
    boxes::place_serial_heads(&mut segs, &lines, &mut notes);
    let found = installment::find_all(&mut lines, &segs, &mut notes);
    let page = gather::Page {
        lines: &lines,
        roles: &roles,
        measure: &measure,
        order,
    };
    let articles = segs
        .into_iter()
        .zip(found)
        .map(|(s, f)| article::build(&page, s, marks, f, &mut notes))
        .filter(|a| !a.blocks.is_empty() || !a.title.is_empty())
        .collect();
    // Stable: the notes of one line stay in the order they were made.
    notes.sort_by_key(|n| n.line);
    Cleaned { articles, notes }
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
}
