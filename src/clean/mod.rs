//! `typeset clean`: from text recognised from a scanned page (OCR) or pasted
//! from a PDF to article files in the input format.
//!
//! Two steps with plain data between them: lines are classified (headline
//! candidates, byline, source line, author credit, installment number,
//! page furniture, figure labels, text) and grouped into articles and
//! paragraphs; then each paragraph is repaired by [`inline::repair`]. Nothing
//! is dropped silently: every removal and change becomes a [`Note`] with its
//! input line.

pub mod inline;

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

impl NoteKind {
    fn label(self) -> &'static str {
        match self {
            NoteKind::Removed => "removed",
            NoteKind::Changed => "changed",
            NoteKind::Moved => "moved",
            NoteKind::Warning => "warning",
        }
    }
}

/// A cleaned article: front matter fields and body blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub title: String,
    pub kicker: Option<String>,
    pub deck: Option<String>,
    pub byline: Option<String>,
    pub source: Option<String>,
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

/// What a line of input is.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Blank,
    /// A line marked with # (level, text).
    Marked(usize, String),
    Byline(String),
    Source(String),
    Author(String),
    Installment(u32),
    /// Page number, editor credit, repeated header or footer.
    Furniture(&'static str),
    FigureLabel,
    Text {
        indented: bool,
    },
}

struct Line<'a> {
    no: usize,
    text: &'a str,
    kind: Kind,
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .chars()
        .last()
        .is_some_and(|c| "。！？…”」』）!?.\"'".contains(c))
}

fn has_final_punct(s: &str) -> bool {
    s.chars().any(|c| "。！？，；：,.;!?".contains(c))
}

fn is_editor_credit(s: &str) -> bool {
    [
        "责任编辑",
        "責任編輯",
        "责编",
        "校对",
        "校對",
        "美编",
        "版式设计",
        "本版编辑",
    ]
    .iter()
    .any(|k| s.starts_with(k))
}

/// A line that is only a page number (12, - 12 -, 第12版, A12).
fn is_page_number(s: &str) -> bool {
    let core: String = s
        .chars()
        .filter(|c| !matches!(c, '-' | '—' | ' ' | '　' | '/' | '第' | '版' | '页' | '頁'))
        .collect();
    !core.is_empty()
        && core.len() <= 6
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && core.chars().any(|c| c.is_ascii_digit())
}

/// （789）, (789), 连载789, 第789期.
fn installment(s: &str) -> Option<u32> {
    let t = s.trim_matches(|c: char| "（）() ".contains(c));
    let t = t
        .trim_start_matches("连载")
        .trim_start_matches("連載")
        .trim_start_matches('之')
        .trim_start_matches('第')
        .trim_end_matches('期');
    let bracketed = s.starts_with(['（', '(']) && s.ends_with(['）', ')']);
    let labelled = s.starts_with("连载") || s.starts_with("連載") || s.ends_with('期');
    if (bracketed || labelled) && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        t.parse().ok().filter(|&n| n > 0)
    } else {
        None
    }
}

fn classify(text: &str, repeated: bool, measure: usize) -> Kind {
    let t = text.trim();
    if t.is_empty() {
        return Kind::Blank;
    }
    let indented = text.starts_with([' ', '　', '\t']);
    // A line as long as the column, or indented, is running text: a wrapped
    // line that happens to start with 据 or 记者 is not a source or a byline.
    let full = measure > 0 && t.chars().count() >= measure;
    if full || indented {
        return Kind::Text { indented };
    }
    if let Some(rest) = t.strip_prefix('#') {
        let level = 1 + rest.chars().take_while(|&c| c == '#').count();
        let head = rest.trim_start_matches('#').trim();
        if !head.is_empty() {
            return Kind::Marked(level, head.to_string());
        }
    }
    if let Some(n) = installment(t) {
        return Kind::Installment(n);
    }
    if is_page_number(t) {
        return Kind::Furniture("page number");
    }
    if is_editor_credit(t) && t.chars().count() <= 40 {
        return Kind::Furniture("editor credit");
    }
    if repeated && t.chars().count() <= 30 {
        return Kind::Furniture("repeated header or footer");
    }
    let n = t.chars().count();
    if n <= 30
        && (t.starts_with('图') || t.starts_with('圖'))
        && t.chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit() || "：: 为為".contains(c))
    {
        return Kind::FigureLabel;
    }
    if n <= 40 && (t.starts_with("（图") || t.starts_with("(图")) && t.ends_with(['）', ')']) {
        return Kind::FigureLabel;
    }
    if n <= 30
        && (t.ends_with("摄）") || t.ends_with("摄)"))
        && (t.starts_with('（') || t.starts_with('('))
    {
        return Kind::FigureLabel;
    }
    for p in [
        "本报记者",
        "本報記者",
        "本报通讯员",
        "记者",
        "記者",
        "文／",
        "文/",
    ] {
        if t.starts_with(p) && n <= 30 && !has_final_punct(t) {
            return Kind::Byline(t.to_string());
        }
    }
    let bracketed = t.starts_with(['（', '(']) && t.ends_with(['）', ')']);
    let inner = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let credit = ["讯", "訊", "电", "電", "整理", "供稿", "报道", "報導"]
        .iter()
        .any(|e| inner.ends_with(e));
    let from = inner.starts_with('据') || inner.starts_with('據');
    // （据新华社）, 本报讯, 新华社电: bracketed, or short and unpunctuated.
    let source =
        (bracketed && (from || credit)) || (n <= 12 && (from || credit) && !has_final_punct(inner));
    if n <= 24 && source && !inner.contains('。') {
        return Kind::Source(inner.trim_end_matches('电').to_string());
    }
    if let Some(name) = t.strip_suffix('著')
        && n <= 12
        && !has_final_punct(t)
    {
        let name = name.trim();
        if !name.is_empty() {
            return Kind::Author(name.to_string());
        }
    }
    Kind::Text { indented }
}

/// The usual length of a full printed line: the length most body lines have.
fn measure(input: &str) -> usize {
    let mut lens: Vec<usize> = input
        .lines()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n >= 8)
        .collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    // The upper quartile: most lines of a column are full.
    lens[lens.len() * 3 / 4]
}

/// A line short enough, and without sentence punctuation, to be a headline
/// or a section head.
fn heading_like(text: &str, measure: usize) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    let words = t.chars().filter(|c| c.is_alphanumeric()).count() >= 2;
    let closing = t.starts_with(['”', '’', '」', '』', '）', ')', '"', '\'', '》']);
    (2..=24).contains(&n)
        && words
        && !closing
        && (measure == 0 || n * 10 < measure * 8)
        && !has_final_punct(t)
}

/// A headline may hold a comma or a space and be as long as a column line,
/// but is not indented, does not end a sentence, and is not exactly a full
/// printed line (which a wrapped first paragraph line would be).
fn headline_like(text: &str, indented: bool, measure: usize) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    n > 0 && n <= 30 && !indented && !ends_sentence(t) && n != measure
}

pub fn clean(input: &str) -> Cleaned {
    let mut notes = Vec::new();
    // Repeated lines are running heads or feet of the scanned pages.
    let mut seen = std::collections::HashMap::new();
    for l in input.lines() {
        let t = l.trim();
        if t.chars().count() >= 4 {
            *seen.entry(t).or_insert(0) += 1;
        }
    }
    let measure = measure(input);
    let lines: Vec<Line> = input
        .lines()
        .enumerate()
        .map(|(i, text)| {
            let repeated = seen.get(text.trim()).is_some_and(|&n| n >= 2);
            Line {
                no: i + 1,
                text,
                kind: classify(text, repeated, measure),
            }
        })
        .collect();

    let mut articles: Vec<Article> = Vec::new();
    let mut art = Article::default();
    let mut header: Vec<(usize, String)> = Vec::new();
    let mut in_body = false;
    let mut author: Option<String> = None;
    let mut number: Option<u32> = None;
    // The paragraph being gathered: first line, text, last line.
    let mut para: Option<(usize, String, usize)> = None;
    let mut after_source = false;
    let mut header_closed = false;

    let flush_para =
        |para: &mut Option<(usize, String, usize)>, art: &mut Article, notes: &mut Vec<Note>| {
            if let Some((first, text, last)) = para.take() {
                let r = inline::repair(&text);
                if last > first {
                    notes.push(Note {
                        line: first,
                        kind: NoteKind::Changed,
                        message: format!("lines {first}–{last} joined into one paragraph"),
                    });
                }
                for c in r.changes {
                    notes.push(Note {
                        line: first,
                        kind: NoteKind::Changed,
                        message: c,
                    });
                }
                for w in r.warnings {
                    notes.push(Note {
                        line: first,
                        kind: NoteKind::Warning,
                        message: w,
                    });
                }
                if !r.text.is_empty() {
                    art.blocks.push(Block::Para(r.text));
                }
            }
        };

    for (k, line) in lines.iter().enumerate() {
        let t = line.text.trim();
        let note = |notes: &mut Vec<Note>, kind, message: String| {
            notes.push(Note {
                line: line.no,
                kind,
                message,
            })
        };
        // A new headline after the source line, or a top-level # heading
        // once a body has begun, starts the next article.
        let starts_article = in_body
            && match &line.kind {
                Kind::Marked(1, _) => true,
                Kind::Text { .. } => after_source && heading_like(t, measure),
                _ => false,
            };
        if starts_article {
            flush_para(&mut para, &mut art, &mut notes);
            finish(
                &mut art,
                &mut header,
                author.take(),
                number.take(),
                &mut notes,
            );
            articles.push(std::mem::take(&mut art));
            in_body = false;
            after_source = false;
            header_closed = false;
        }
        match &line.kind {
            Kind::Blank => {
                // A blank line ends a paragraph only after a sentence; a
                // paragraph the scan split mid-sentence is joined again.
                if let Some((_, text, last)) = &para
                    && !ends_sentence(text)
                {
                    let next_text = lines[k + 1..]
                        .iter()
                        .find(|l| l.kind != Kind::Blank)
                        .filter(|l| matches!(l.kind, Kind::Text { .. }));
                    if let Some(next) = next_text
                        && !heading_like(next.text, measure)
                    {
                        notes.push(Note {
                            line: *last,
                            kind: NoteKind::Changed,
                            message: "paragraph split mid-sentence: joined with the next".into(),
                        });
                        continue;
                    }
                }
                flush_para(&mut para, &mut art, &mut notes);
            }
            Kind::Furniture(what) => note(&mut notes, NoteKind::Removed, format!("{what}: {t}")),
            Kind::FigureLabel => note(&mut notes, NoteKind::Removed, format!("figure label: {t}")),
            Kind::Installment(n) => {
                number = Some(*n);
                note(
                    &mut notes,
                    NoteKind::Moved,
                    format!("installment number {n}: {t}"),
                );
            }
            Kind::Author(name) => {
                author = Some(name.clone());
                note(&mut notes, NoteKind::Moved, format!("author credit: {t}"));
            }
            Kind::Byline(b) => {
                // Headlines come before the byline; what follows is body.
                header_closed = true;
                art.byline = Some(b.clone());
                note(&mut notes, NoteKind::Moved, format!("byline: {t}"));
            }
            Kind::Source(s) => {
                flush_para(&mut para, &mut art, &mut notes);
                art.source = Some(s.clone());
                note(&mut notes, NoteKind::Moved, format!("source line: {t}"));
                after_source = true;
            }
            Kind::Marked(_, head) if !in_body => {
                header.push((line.no, head.clone()));
                note(
                    &mut notes,
                    NoteKind::Changed,
                    format!("heading marks removed: {t}"),
                );
            }
            Kind::Marked(_, head) => {
                flush_para(&mut para, &mut art, &mut notes);
                art.blocks.push(Block::Head(head.clone()));
                note(&mut notes, NoteKind::Changed, format!("section head: {t}"));
            }
            Kind::Text { indented } => {
                if !in_body
                    && !header_closed
                    && headline_like(t, *indented, measure)
                    && header.len() < 3
                {
                    header.push((line.no, t.to_string()));
                    continue;
                }
                in_body = true;
                after_source = false;
                let prev_ended = para
                    .as_ref()
                    .is_some_and(|(_, text, _)| ends_sentence(text));
                let prev_short = k > 0 && {
                    let p = lines[k - 1].text.trim().chars().count();
                    matches!(lines[k - 1].kind, Kind::Text { .. }) && p * 10 < measure * 9
                };
                let boundary = para.is_none() || (prev_ended && (*indented || prev_short));
                // A short line without punctuation between two paragraphs is
                // a section head.
                let next_blankish = lines.get(k + 1).is_none_or(|n| {
                    n.kind == Kind::Blank || matches!(n.kind, Kind::Text { indented: true })
                });
                if (para.is_none() || prev_ended) && heading_like(t, measure) && next_blankish {
                    flush_para(&mut para, &mut art, &mut notes);
                    art.blocks.push(Block::Head(inline::repair_heading(t).text));
                    note(&mut notes, NoteKind::Changed, format!("section head: {t}"));
                    continue;
                }
                if boundary {
                    flush_para(&mut para, &mut art, &mut notes);
                }
                // Paragraphs the scan ran together: a sentence end followed
                // by an indent inside one line.
                let mut pieces = split_run_together(t);
                if pieces.len() > 1 {
                    note(
                        &mut notes,
                        NoteKind::Changed,
                        format!("{} paragraphs run together: split", pieces.len()),
                    );
                }
                let last = pieces.len() - 1;
                for (i, piece) in pieces.drain(..).enumerate() {
                    match &mut para {
                        Some((_, text, end)) => {
                            // Joining two printed lines: a space only between
                            // Latin words (repair() drops the rest); a number
                            // the column split joins up again.
                            let digits = text.ends_with(|c: char| c.is_ascii_digit())
                                && piece.starts_with(|c: char| c.is_ascii_digit());
                            if !digits {
                                text.push(' ');
                            }
                            text.push_str(piece);
                            *end = line.no;
                        }
                        None => para = Some((line.no, piece.to_string(), line.no)),
                    }
                    if i < last {
                        flush_para(&mut para, &mut art, &mut notes);
                    }
                }
            }
        }
    }
    flush_para(&mut para, &mut art, &mut notes);
    finish(&mut art, &mut header, author, number, &mut notes);
    if !art.blocks.is_empty() || !art.title.is_empty() {
        articles.push(art);
    }
    notes.sort_by_key(|n| n.line);
    Cleaned { articles, notes }
}

/// Splits a line at "。　　" (a sentence end followed by an indent).
fn split_run_together(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in t.char_indices() {
        if "。！？”」".contains(c) {
            let after = &t[i + c.len_utf8()..];
            let indent = after.chars().take_while(|&c| c == '　' || c == ' ').count();
            if indent >= 2 && after.chars().nth(indent).is_some() {
                out.push(&t[start..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
    }
    out.push(t[start..].trim_start());
    out
}

/// Fills the front matter from the headline candidates and serial clues.
fn finish(
    art: &mut Article,
    header: &mut Vec<(usize, String)>,
    author: Option<String>,
    number: Option<u32>,
    notes: &mut Vec<Note>,
) {
    let mut heads: Vec<(usize, String)> = std::mem::take(header)
        .into_iter()
        .map(|(n, h)| (n, inline::repair_heading(&h).text))
        .collect();
    let mut work: Option<(usize, String)> = None;
    if author.is_some() || number.is_some() {
        // A serial: the work's title is the one in 《》, or the first line.
        let pos = heads
            .iter()
            .position(|(_, h)| h.starts_with('《') && h.ends_with('》'))
            .unwrap_or(0);
        if !heads.is_empty() {
            work = Some(heads.remove(pos));
        }
        let work_title = work.as_ref().map(|(_, w)| {
            w.trim_start_matches('《')
                .trim_end_matches('》')
                .to_string()
        });
        if work.is_none() {
            notes.push(Note {
                line: 1,
                kind: NoteKind::Warning,
                message: "serial without the work's title: fill in [serial] work".into(),
            });
        }
        let n = number.unwrap_or_else(|| {
            notes.push(Note {
                line: 1,
                kind: NoteKind::Warning,
                message: "serial without an installment number: set to 1, correct it".into(),
            });
            1
        });
        art.serial = Some(Serial {
            work: work_title.unwrap_or_default(),
            author: author.unwrap_or_default(),
            installment: n,
        });
        if heads.is_empty() {
            art.title = format!("第{n}期");
            notes.push(Note {
                line: 1,
                kind: NoteKind::Warning,
                message: format!("installment without a title: titled {}", art.title),
            });
        }
    }
    if let Some((line, w)) = &work {
        notes.push(Note {
            line: *line,
            kind: NoteKind::Moved,
            message: format!("the work's title: {w}"),
        });
    }
    let roles: &[&str] = match heads.len() {
        0 => &[],
        1 => &["headline"],
        2 => &["headline", "deck"],
        _ => &["kicker", "headline", "deck"],
    };
    for (k, (line, h)) in heads.iter().enumerate() {
        notes.push(Note {
            line: *line,
            kind: NoteKind::Moved,
            message: format!("{}: {h}", roles.get(k).copied().unwrap_or("deck")),
        });
    }
    match heads.len() {
        0 => {}
        1 => art.title = heads.remove(0).1,
        2 => {
            art.title = heads[0].1.clone();
            art.deck = Some(heads[1].1.clone());
        }
        _ => {
            art.kicker = Some(heads[0].1.clone());
            art.title = heads[1].1.clone();
            art.deck = Some(
                heads[2..]
                    .iter()
                    .map(|h| h.1.as_str())
                    .collect::<Vec<_>>()
                    .join(""),
            );
        }
    }
    if art.title.is_empty() {
        notes.push(Note {
            line: 1,
            kind: NoteKind::Warning,
            message: "no headline found: the title is empty, fill it in".into(),
        });
    }
}

/// The report: one line per note, `FILE:LINE: kind: message`.
pub fn report(file: &str, notes: &[Note]) -> String {
    let mut out = String::new();
    for n in notes {
        out.push_str(&format!(
            "{file}:{}: {}: {}\n",
            n.line,
            n.kind.label(),
            n.message
        ));
    }
    out
}

/// Backslash-escapes what CommonMark would read as markup, so the text comes
/// back from the article parser exactly as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let markup = matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '$' | '!'
        ) || (i == 0 && matches!(c, '#' | '-' | '+' | '=' | '>'));
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " at a line start would be an ordered list.
    if let Some(dot) = out.find(". ")
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    out
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl Article {
    /// The article in the input format: TOML front matter and a body.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("+++\n");
        if self.serial.is_some() {
            out.push_str("kind = \"serial\"\n");
        }
        let lang = if self
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Para(p) if p.contains(['這', '們', '說', '來', '時'])))
        {
            "zh-Hant"
        } else {
            "zh-Hans"
        };
        out.push_str(&format!("lang = \"{lang}\"\n"));
        out.push_str(&format!("title = {}\n", toml_str(&self.title)));
        for (key, v) in [
            ("kicker", &self.kicker),
            ("deck", &self.deck),
            ("byline", &self.byline),
            ("source", &self.source),
        ] {
            if let Some(v) = v {
                out.push_str(&format!("{key} = {}\n", toml_str(v)));
            }
        }
        if let Some(s) = &self.serial {
            out.push_str(&format!(
                "\n[serial]\nwork = {}\nauthor = {}\ninstallment = {}\n",
                toml_str(&s.work),
                toml_str(&s.author),
                s.installment
            ));
        }
        out.push_str("+++\n");
        for b in &self.blocks {
            out.push('\n');
            match b {
                Block::Head(h) => out.push_str(&format!("## {}\n", escape(h))),
                Block::Para(p) => {
                    out.push_str(&escape(p));
                    out.push('\n');
                }
            }
        }
        out
    }

    /// Body text without markup, for measuring what was restored.
    pub fn plain(&self) -> String {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Head(h) | Block::Para(h) => h.as_str(),
            })
            .collect::<Vec<_>>()
            .join("\n")
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

    #[test]
    fn escaped_markup_survives() {
        assert_eq!(escape("a*b_c"), "a\\*b\\_c");
        assert_eq!(escape("1. 开头"), "1\\. 开头");
        assert_eq!(escape("#标签"), "\\#标签");
    }
}
