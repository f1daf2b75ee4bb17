//! Structure: the classified lines, in order, grouped into articles (front
//! matter candidates, then body) and paragraphs (printed lines joined again
//! where the column, the page or the scan broke them).

use super::front::{self, Header};
use super::inline;
use super::lines::{Kind, Line, ends_sentence, heading_like, headline_like, split_run_together};
use super::{Article, Block, Cleaned, Note, NoteKind};

/// The paragraph being gathered.
struct Para {
    /// Input line of its first printed line.
    first: usize,
    text: String,
    /// Input line of its last printed line.
    last: usize,
}

/// The state of one pass over the lines.
pub(super) struct Gatherer<'a> {
    lines: &'a [Line<'a>],
    /// The usual full line length (see `lines::classify_lines`).
    measure: usize,
    notes: Vec<Note>,
    articles: Vec<Article>,
    /// The article being gathered, and what may go into its front matter.
    art: Article,
    header: Header,
    para: Option<Para>,
    in_body: bool,
    /// The last line was a source line: a heading-like line now starts the
    /// next article.
    after_source: bool,
    /// A byline closed the headline candidates.
    header_closed: bool,
}

impl<'a> Gatherer<'a> {
    pub fn new(lines: &'a [Line<'a>], measure: usize) -> Self {
        Gatherer {
            lines,
            measure,
            notes: Vec::new(),
            articles: Vec::new(),
            art: Article::default(),
            header: Header::default(),
            para: None,
            in_body: false,
            after_source: false,
            header_closed: false,
        }
    }

    /// Goes through every line; the articles and the notes by line.
    pub fn run(mut self) -> Cleaned {
        for k in 0..self.lines.len() {
            self.line(k);
        }
        self.flush_para();
        front::finish(&mut self.art, self.header, &mut self.notes);
        if !self.art.blocks.is_empty() || !self.art.title.is_empty() {
            self.articles.push(self.art);
        }
        // Stable: the notes of one line stay in the order they were made.
        self.notes.sort_by_key(|n| n.line);
        Cleaned {
            articles: self.articles,
            notes: self.notes,
        }
    }

    fn note(&mut self, line: usize, kind: NoteKind, message: String) {
        self.notes.push(Note {
            line,
            kind,
            message,
        });
    }

    fn line(&mut self, k: usize) {
        // A copy of the slice reference, so that `line` does not borrow self.
        let lines = self.lines;
        let line = &lines[k];
        let t = line.text.trim();
        // A new headline after the source line, or a top-level # heading
        // once a body has begun, starts the next article.
        let starts_article = self.in_body
            && match &line.kind {
                Kind::Marked(1, _) => true,
                Kind::Text { .. } => self.after_source && heading_like(t, self.measure),
                _ => false,
            };
        if starts_article {
            self.next_article();
        }
        let no = line.no;
        match &line.kind {
            Kind::Blank => self.blank(k),
            Kind::Furniture(what) => self.note(no, NoteKind::Removed, format!("{what}: {t}")),
            Kind::FigureLabel => self.note(no, NoteKind::Removed, format!("figure label: {t}")),
            Kind::Installment(n) => {
                self.header.number = Some(*n);
                let message = format!("installment number {n}: {t}");
                self.note(no, NoteKind::Moved, message);
            }
            Kind::Author(name) => {
                self.header.author = Some(name.clone());
                self.note(no, NoteKind::Moved, format!("author credit: {t}"));
            }
            Kind::Byline(b) => {
                // Headlines come before the byline; what follows is body.
                self.header_closed = true;
                self.art.byline = Some(b.clone());
                self.note(no, NoteKind::Moved, format!("byline: {t}"));
            }
            Kind::Source(s) => {
                self.flush_para();
                self.art.source = Some(s.clone());
                self.note(no, NoteKind::Moved, format!("source line: {t}"));
                self.after_source = true;
            }
            Kind::Marked(_, head) if !self.in_body => {
                self.header.heads.push((no, head.clone()));
                let message = format!("heading marks removed: {t}");
                self.note(no, NoteKind::Changed, message);
            }
            Kind::Marked(_, head) => {
                self.flush_para();
                self.art.blocks.push(Block::Head(head.clone()));
                self.note(no, NoteKind::Changed, format!("section head: {t}"));
            }
            Kind::Text { indented } => self.text(k, *indented),
        }
    }

    /// Closes the article being gathered and starts the next.
    fn next_article(&mut self) {
        self.flush_para();
        // The headline candidates and serial clues belong to the article
        // that ends here.
        let header = std::mem::take(&mut self.header);
        front::finish(&mut self.art, header, &mut self.notes);
        self.articles.push(std::mem::take(&mut self.art));
        self.in_body = false;
        self.after_source = false;
        self.header_closed = false;
    }

    /// A blank line ends a paragraph only after a sentence; a paragraph the
    /// scan split mid-sentence is joined again.
    fn blank(&mut self, k: usize) {
        if let Some(para) = &self.para
            && !ends_sentence(&para.text)
        {
            let next_text = self.lines[k + 1..]
                .iter()
                .find(|l| l.kind != Kind::Blank)
                .filter(|l| matches!(l.kind, Kind::Text { .. }));
            if let Some(next) = next_text
                && !heading_like(next.text, self.measure)
            {
                let last = para.last;
                let message = "paragraph split mid-sentence: joined with the next".into();
                self.note(last, NoteKind::Changed, message);
                return;
            }
        }
        self.flush_para();
    }

    /// A line of running text: a headline candidate, a section head, the
    /// start of a paragraph or the continuation of one.
    fn text(&mut self, k: usize, indented: bool) {
        let lines = self.lines;
        let line = &lines[k];
        let t = line.text.trim();
        if !self.in_body
            && !self.header_closed
            && headline_like(t, indented, self.measure)
            && self.header.heads.len() < 3
        {
            self.header.heads.push((line.no, t.to_string()));
            return;
        }
        self.in_body = true;
        self.after_source = false;
        let prev_ended = self.para.as_ref().is_some_and(|p| ends_sentence(&p.text));
        let prev_short = k > 0 && {
            let p = lines[k - 1].text.trim().chars().count();
            matches!(lines[k - 1].kind, Kind::Text { .. }) && p * 10 < self.measure * 9
        };
        let boundary = self.para.is_none() || (prev_ended && (indented || prev_short));
        // A short line without punctuation between two paragraphs is a
        // section head.
        let next_blankish = lines.get(k + 1).is_none_or(|n| {
            n.kind == Kind::Blank || matches!(n.kind, Kind::Text { indented: true })
        });
        if (self.para.is_none() || prev_ended) && heading_like(t, self.measure) && next_blankish {
            self.flush_para();
            self.art
                .blocks
                .push(Block::Head(inline::repair_heading(t).text));
            self.note(line.no, NoteKind::Changed, format!("section head: {t}"));
            return;
        }
        if boundary {
            self.flush_para();
        }
        self.append(line.no, t);
    }

    /// Adds a printed line to the paragraph, splitting paragraphs the scan
    /// ran together: a sentence end followed by an indent inside one line.
    fn append(&mut self, no: usize, t: &str) {
        let pieces = split_run_together(t);
        if pieces.len() > 1 {
            let message = format!("{} paragraphs run together: split", pieces.len());
            self.note(no, NoteKind::Changed, message);
        }
        let last = pieces.len() - 1;
        for (i, piece) in pieces.into_iter().enumerate() {
            match &mut self.para {
                Some(para) => {
                    // Joining two printed lines: a space only between Latin
                    // words (repair() drops the rest); a number the column
                    // split joins up again.
                    let digits = para.text.ends_with(|c: char| c.is_ascii_digit())
                        && piece.starts_with(|c: char| c.is_ascii_digit());
                    if !digits {
                        para.text.push(' ');
                    }
                    para.text.push_str(piece);
                    para.last = no;
                }
                None => {
                    self.para = Some(Para {
                        first: no,
                        text: piece.to_string(),
                        last: no,
                    })
                }
            }
            if i < last {
                self.flush_para();
            }
        }
    }

    /// Repairs the paragraph being gathered and adds it to the article.
    fn flush_para(&mut self) {
        let Some(Para { first, text, last }) = self.para.take() else {
            return;
        };
        let r = inline::repair(&text);
        if last > first {
            let message = format!("lines {first}–{last} joined into one paragraph");
            self.note(first, NoteKind::Changed, message);
        }
        for c in r.changes {
            self.note(first, NoteKind::Changed, c);
        }
        for w in r.warnings {
            self.note(first, NoteKind::Warning, w);
        }
        if !r.text.is_empty() {
            self.art.blocks.push(Block::Para(r.text));
        }
    }
}
