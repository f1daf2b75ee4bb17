//! The CommonMark body: headings, paragraphs, emphasis, strong, block quotes
//! and images. Everything else is an error, never silently dropped text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::article::{Block, Inline, InlineStyle};
use crate::error::{Error, Result, Stage};
use crate::script::is_wide;
use crate::source::SourceFile;

/// Parses `file.text[start..]` as the article body.
pub fn parse(file: &SourceFile, start: usize) -> Result<Vec<Block>> {
    let text = &file.text[start..];
    // Tables and footnotes are recognised only so that they can be refused.
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut b = Builder {
        file,
        base: start,
        blocks: Vec::new(),
        runs: Vec::new(),
        style: InlineStyle::default(),
        emphasis_depth: 0,
        strong_depth: 0,
        para_start: 0,
        heading: None,
        quote: None,
        image: None,
        figure_in_paragraph: None,
        pending_error: None,
        figure_options: FigureOptions::default(),
    };
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        b.event(event, range)?;
    }
    Ok(b.blocks)
}

struct Builder<'a> {
    file: &'a SourceFile,
    base: usize,
    blocks: Vec<Block>,
    runs: Vec<Inline>,
    style: InlineStyle,
    emphasis_depth: u32,
    strong_depth: u32,
    para_start: usize,
    heading: Option<u8>,
    /// Paragraphs of the open block quote, and where it started.
    quote: Option<(Vec<Vec<Inline>>, usize)>,
    /// The open image: its source, caption so far, and where it started.
    image: Option<(String, String, usize)>,
    /// Set after a figure, so that text following it in the same paragraph
    /// is refused rather than glued to the caption.
    figure_in_paragraph: Option<usize>,
    pending_error: Option<Error>,
    /// Placement of the open image (from its title, `"columns=2"`).
    figure_options: FigureOptions,
}

/// Placement options of a figure, from its image title.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FigureOptions {
    pub columns: u32,
    /// Width in columns, possibly fractional (text wraps in the column it
    /// only partly covers).
    pub width: Option<f64>,
    pub round: bool,
    /// Where the figure's centre lies across the module, in columns: 0.5
    /// is the middle of the first column, 1 the middle of the gutter after
    /// it (a round figure there straddles the gutter).
    pub x: Option<f64>,
    /// The line slot of the figure's top, counted from the top of the
    /// module's columns.
    pub row: Option<u32>,
}

/// Placement options in an image's title:
/// `![图说](a.png "columns=2 wrap=round width=1.5 x=3 row=10")`.
fn figure_options(title: &str) -> std::result::Result<FigureOptions, (String, String)> {
    let mut o = FigureOptions {
        columns: 1,
        width: None,
        round: false,
        x: None,
        row: None,
    };
    let hint = "an image title may hold columns=N (columns spanned), width=F (columns, fractional), wrap=rect or wrap=round, x=F (centre across the module, in columns) and row=N (top, in lines)";
    for part in title.split_whitespace() {
        match part.split_once('=') {
            Some(("columns", v)) => {
                o.columns = v
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=16).contains(n))
                    .ok_or_else(|| {
                        (
                            format!("columns={v} is not a number of columns"),
                            "write columns=2 (1 to 16)".to_string(),
                        )
                    })?;
            }
            Some(("width", v)) => {
                o.width = Some(
                    v.parse::<f64>()
                        .ok()
                        .filter(|w| (0.5..=16.0).contains(w))
                        .ok_or_else(|| {
                            (
                                format!("width={v} is not a width in columns"),
                                "write width=1.5 (0.5 to 16)".to_string(),
                            )
                        })?,
                );
            }
            Some(("x", v)) => {
                o.x = Some(v.parse::<f64>().ok().filter(|x| (0.0..=16.0).contains(x)).ok_or_else(
                    || {
                        (
                            format!("x={v} is not a place across the module"),
                            "write x=3 (the middle of the gutter after column 3) or x=2.5 (the middle of column 3), 0 to 16".to_string(),
                        )
                    },
                )?);
            }
            Some(("row", v)) => {
                o.row = Some(v.parse::<u32>().ok().filter(|r| *r < 1000).ok_or_else(|| {
                    (
                        format!("row={v} is not a line of the module"),
                        "write row=12 (the figure's top, in lines from the top of the columns)"
                            .to_string(),
                    )
                })?);
            }
            Some(("wrap", "round")) => o.round = true,
            Some(("wrap", "rect")) => o.round = false,
            _ => {
                return Err((
                    format!("unknown figure option \"{part}\" in the image title"),
                    hint.to_string(),
                ));
            }
        }
    }
    Ok(o)
}

impl Builder<'_> {
    fn unsupported(&self, offset: usize, what: &str, hint: &str) -> Error {
        Error::new(Stage::Parse, format!("{what} is not supported"))
            .at(self.file.at(self.base + offset))
            .hint(hint)
    }

    fn event(&mut self, event: Event, range: std::ops::Range<usize>) -> Result<()> {
        let at = range.start;
        match event {
            Event::Start(tag) => self.start(tag, at)?,
            Event::End(tag) => self.end(tag, at)?,
            Event::Text(t) => {
                if t.contains('*') {
                    self.check_stray_asterisk(range.clone())?;
                }
                self.text(&t, at);
                if let Some(e) = self.pending_error.take() {
                    return Err(e);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.line_break(),
            Event::Code(_) => {
                return Err(self.unsupported(
                    at,
                    "inline code (`…`)",
                    "remove the backticks; newspapers print code as ordinary text",
                ));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err(self.unsupported(
                    at,
                    "raw HTML",
                    "write the text without HTML tags; use *…* and **…** for emphasis",
                ));
            }
            Event::Rule => {
                return Err(self.unsupported(
                    at,
                    "a thematic break (---, ***)",
                    "remove the line, or start a new section with ## and a section head",
                ));
            }
            Event::FootnoteReference(_) => {
                return Err(self.unsupported(
                    at,
                    "a footnote reference",
                    "write the note into the text in parentheses",
                ));
            }
            Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                return Err(self.unsupported(at, "this markup", "write plain text"));
            }
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag, at: usize) -> Result<()> {
        match tag {
            Tag::Paragraph => {
                self.runs.clear();
                self.figure_in_paragraph = None;
                self.para_start = at;
            }
            Tag::Heading { level, .. } => {
                let level = match level {
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H1 => {
                        return Err(self.unsupported(
                            at,
                            "a level-1 heading (# …) in the body",
                            "the headline is `title` in the front matter; use ## for section heads (小标题)",
                        ));
                    }
                    _ => {
                        return Err(self.unsupported(
                            at,
                            "a heading below level 3",
                            "use ## for section heads and ### for minor heads",
                        ));
                    }
                };
                if self.quote.is_some() {
                    return Err(self.unsupported(
                        at,
                        "a heading inside a block quote",
                        "end the quote before the heading",
                    ));
                }
                self.runs.clear();
                self.para_start = at;
                self.heading = Some(level);
            }
            Tag::BlockQuote(_) => {
                if self.quote.is_some() {
                    return Err(self.unsupported(
                        at,
                        "a block quote inside a block quote",
                        "use one level of > only",
                    ));
                }
                self.quote = Some((Vec::new(), at));
            }
            Tag::Emphasis => {
                self.emphasis_depth += 1;
                self.style.emphasis = true;
            }
            Tag::Strong => {
                self.strong_depth += 1;
                self.style.strong = true;
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                if self.image.is_some() {
                    return Err(self.unsupported(at, "an image inside an image", ""));
                }
                self.figure_options = figure_options(&title).map_err(|(what, hint)| {
                    Error::new(Stage::Parse, what)
                        .at(self.file.at(self.base + at))
                        .hint(hint)
                })?;
                self.image = Some((dest_url.to_string(), String::new(), at));
            }
            Tag::CodeBlock(_) => {
                return Err(self.unsupported(
                    at,
                    "a code block",
                    "remove the fence or the four-space indent; paragraphs start at the left margin",
                ));
            }
            Tag::List(_) | Tag::Item => {
                return Err(self.unsupported(
                    at,
                    "a list",
                    "write each item as its own paragraph, or as （一）… in the text; a line starting with \"1.\" or \"-\" is a list in Markdown",
                ));
            }
            Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => {
                return Err(self.unsupported(
                    at,
                    "a table",
                    "set the figures as text or supply the table as an image",
                ));
            }
            Tag::Link { .. } => {
                return Err(self.unsupported(
                    at,
                    "a link",
                    "write the text, and the address in parentheses if readers need it",
                ));
            }
            Tag::HtmlBlock => {
                return Err(self.unsupported(at, "raw HTML", "write the text without HTML tags"));
            }
            Tag::FootnoteDefinition(_) => {
                return Err(self.unsupported(
                    at,
                    "a footnote",
                    "write the note into the text in parentheses",
                ));
            }
            Tag::Strikethrough => {
                return Err(self.unsupported(
                    at,
                    "strikethrough (~~…~~)",
                    "delete the struck text or keep it plain",
                ));
            }
            _ => {
                return Err(self.unsupported(at, "this markup", "write plain paragraphs"));
            }
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd, at: usize) -> Result<()> {
        match tag {
            TagEnd::Paragraph => {
                let mut runs = std::mem::take(&mut self.runs);
                self.figure_in_paragraph = None;
                if runs.iter().all(|r| r.text.trim().is_empty()) {
                    runs.clear();
                }
                let loc = self.file.loc(self.base + self.para_start);
                if let Some((paras, _)) = &mut self.quote {
                    if !runs.is_empty() {
                        paras.push(runs);
                    }
                } else if !runs.is_empty() {
                    self.blocks.push(Block::Paragraph { text: runs, loc });
                }
            }
            TagEnd::Heading(_) => {
                let runs = std::mem::take(&mut self.runs);
                let level = self.heading.take().unwrap_or(2);
                let loc = self.file.loc(self.base + self.para_start);
                if runs.iter().all(|r| r.text.trim().is_empty()) {
                    return Err(Error::new(Stage::Parse, "empty section head")
                        .at(self.file.at(self.base + self.para_start))
                        .hint("write the head's text after ##, or remove the line"));
                }
                self.blocks.push(Block::Heading {
                    level,
                    text: runs,
                    loc,
                });
            }
            TagEnd::BlockQuote(_) => {
                if let Some((paragraphs, start)) = self.quote.take() {
                    let loc = self.file.loc(self.base + start);
                    self.blocks.push(Block::Quote { paragraphs, loc });
                }
            }
            TagEnd::Emphasis => {
                self.emphasis_depth -= 1;
                self.style.emphasis = self.emphasis_depth > 0;
            }
            TagEnd::Strong => {
                self.strong_depth -= 1;
                self.style.strong = self.strong_depth > 0;
            }
            TagEnd::Image => {
                // The parser guarantees an Image end follows an Image start.
                let (src, caption, start) = self.image.take().unwrap_or_default();
                if !self.runs.iter().all(|r| r.text.trim().is_empty())
                    || self.quote.is_some()
                    || self.heading.is_some()
                {
                    return Err(self.unsupported(
                        start,
                        "an image inside running text",
                        "put the image on a line of its own, with blank lines around it",
                    ));
                }
                self.runs.clear();
                let loc = self.file.loc(self.base + start);
                if src.trim().is_empty() {
                    return Err(Error::new(Stage::Parse, "the image has no file name")
                        .at(self.file.at(self.base + start))
                        .hint("write ![caption](figures/name.png)"));
                }
                self.blocks.push(Block::Figure {
                    src,
                    caption: caption.trim().to_string(),
                    columns: self.figure_options.columns,
                    width: self.figure_options.width,
                    round: self.figure_options.round,
                    x: self.figure_options.x,
                    row: self.figure_options.row,
                    loc,
                });
                self.figure_in_paragraph = Some(at);
            }
            _ => {}
        }
        Ok(())
    }

    /// An unescaped `*` that reaches the text is an emphasis mark CommonMark
    /// did not pair, almost always `**…。**` followed by more text: its
    /// flanking rules do not close a run after punctuation. Printing the
    /// asterisks would be wrong, guessing the emphasis too; say so.
    fn check_stray_asterisk(&self, range: std::ops::Range<usize>) -> Result<()> {
        let bytes = self.file.text.as_bytes();
        for i in self.base + range.start..self.base + range.end {
            if bytes[i] == b'*' && (i == 0 || bytes[i - 1] != b'\\') {
                return Err(Error::new(Stage::Parse, "an emphasis mark * was not paired")
                    .at(self.file.at(i))
                    .hint("CommonMark does not close *…* or **…** right after punctuation when text follows; move the punctuation outside (**重点**。) or write \\* for an asterisk"));
            }
        }
        Ok(())
    }

    fn text(&mut self, t: &str, at: usize) {
        if let Some((_, caption, _)) = &mut self.image {
            caption.push_str(t);
            return;
        }
        if self.figure_in_paragraph.is_some() && !t.trim().is_empty() {
            self.pending_error = Some(self.unsupported(
                at,
                "text in the same paragraph as an image",
                "put the image on a line of its own, with blank lines around it",
            ));
            return;
        }
        // One run per text event, never merged: each keeps the position
        // where its text starts, so a warning can point at the character.
        self.runs.push(Inline {
            text: t.to_string(),
            style: self.style,
            loc: self.file.loc(self.base + at),
        });
    }

    /// A line break inside a paragraph joins CJK text without a gap and
    /// becomes a space between Latin words.
    fn line_break(&mut self) {
        if self.image.is_some() {
            return;
        }
        if let Some(last) = self.runs.last_mut() {
            let prev = last.text.chars().last();
            if prev.is_some_and(|c| !is_wide(c) && !c.is_whitespace()) {
                // Decided when the next text arrives: mark with a space that
                // `finish_line_joins` removes before a wide character.
                last.text.push('\u{1}');
            }
        }
    }
}

/// Resolves the line-break markers left by `line_break`: a space between two
/// narrow characters, nothing next to a wide one.
pub fn finish_line_joins(blocks: &mut [Block]) {
    fn fix(runs: &mut Vec<Inline>) {
        let mut next_char: Option<char> = None;
        for run in runs.iter_mut().rev() {
            if run.text.contains('\u{1}') {
                let mut out = String::with_capacity(run.text.len());
                let chars: Vec<char> = run.text.chars().collect();
                for (i, &c) in chars.iter().enumerate() {
                    if c == '\u{1}' {
                        let after = chars[i + 1..]
                            .iter()
                            .copied()
                            .find(|&c| c != '\u{1}')
                            .or(next_char);
                        if after.is_some_and(|a| !is_wide(a) && !a.is_whitespace()) {
                            out.push(' ');
                        }
                    } else {
                        out.push(c);
                    }
                }
                run.text = out;
            }
            if let Some(c) = run.text.chars().next() {
                next_char = Some(c);
            }
        }
        runs.retain(|r| !r.text.is_empty());
    }
    for b in blocks {
        match b {
            Block::Paragraph { text, .. } | Block::Heading { text, .. } => fix(text),
            Block::Quote { paragraphs, .. } => paragraphs.iter_mut().for_each(fix),
            Block::Figure { .. } => {}
        }
    }
}
