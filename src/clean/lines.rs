//! Line classification: what each input line is on its own (headline mark,
//! byline, source line, author credit, installment number, page furniture,
//! figure label, running text), and the tests on a line's shape that the
//! grouping into articles and paragraphs asks later.

use std::collections::HashMap;

/// What a line of input is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
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

/// One input line with its number and what it is.
pub(super) struct Line<'a> {
    /// 1-based input line.
    pub no: usize,
    pub text: &'a str,
    pub kind: Kind,
}

/// Every line of the input, classified, and the usual full line length.
pub(super) fn classify_lines(input: &str) -> (Vec<Line<'_>>, usize) {
    // Repeated lines are running heads or feet of the scanned pages.
    let mut seen = HashMap::new();
    for l in input.lines() {
        let t = l.trim();
        if t.chars().count() >= 4 {
            *seen.entry(t).or_insert(0) += 1;
        }
    }
    let measure = measure(input);
    let lines = input
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
    (lines, measure)
}

pub(super) fn ends_sentence(s: &str) -> bool {
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
    if let Some(marked) = marked(t) {
        return marked;
    }
    if let Some(n) = installment(t) {
        return Kind::Installment(n);
    }
    if let Some(what) = furniture(t, repeated) {
        return Kind::Furniture(what);
    }
    let n = t.chars().count();
    if is_figure_label(t, n) {
        return Kind::FigureLabel;
    }
    byline(t, n)
        .or_else(|| source(t, n))
        .or_else(|| author(t, n))
        .unwrap_or(Kind::Text { indented })
}

/// `# head`, `## head`: a heading the text marks itself.
fn marked(t: &str) -> Option<Kind> {
    let rest = t.strip_prefix('#')?;
    let level = 1 + rest.chars().take_while(|&c| c == '#').count();
    let head = rest.trim_start_matches('#').trim();
    (!head.is_empty()).then(|| Kind::Marked(level, head.to_string()))
}

/// Page furniture: a page number, an editor credit, a repeated short line.
fn furniture(t: &str, repeated: bool) -> Option<&'static str> {
    if is_page_number(t) {
        Some("page number")
    } else if is_editor_credit(t) && t.chars().count() <= 40 {
        Some("editor credit")
    } else if repeated && t.chars().count() <= 30 {
        Some("repeated header or footer")
    } else {
        None
    }
}

/// 图1 …, （图为…）, （… 摄）: a caption or photo credit of `n` characters.
fn is_figure_label(t: &str, n: usize) -> bool {
    let numbered = n <= 30
        && (t.starts_with('图') || t.starts_with('圖'))
        && t.chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit() || "：: 为為".contains(c));
    let bracketed =
        n <= 40 && (t.starts_with("（图") || t.starts_with("(图")) && t.ends_with(['）', ')']);
    let photo = n <= 30
        && (t.ends_with("摄）") || t.ends_with("摄)"))
        && (t.starts_with('（') || t.starts_with('('));
    numbered || bracketed || photo
}

/// 本报记者 某某: short and unpunctuated.
fn byline(t: &str, n: usize) -> Option<Kind> {
    let prefixes = [
        "本报记者",
        "本報記者",
        "本报通讯员",
        "记者",
        "記者",
        "文／",
        "文/",
    ];
    let is = prefixes.iter().any(|p| t.starts_with(p)) && n <= 30 && !has_final_punct(t);
    is.then(|| Kind::Byline(t.to_string()))
}

/// （据新华社）, 本报讯, 新华社电: bracketed, or short and unpunctuated.
fn source(t: &str, n: usize) -> Option<Kind> {
    let bracketed = t.starts_with(['（', '(']) && t.ends_with(['）', ')']);
    let inner = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let credit = ["讯", "訊", "电", "電", "整理", "供稿", "报道", "報導"]
        .iter()
        .any(|e| inner.ends_with(e));
    let from = inner.starts_with('据') || inner.starts_with('據');
    let source =
        (bracketed && (from || credit)) || (n <= 12 && (from || credit) && !has_final_punct(inner));
    (n <= 24 && source && !inner.contains('。'))
        .then(|| Kind::Source(inner.trim_end_matches('电').to_string()))
}

/// 沈南星 著: a serial's author credit.
fn author(t: &str, n: usize) -> Option<Kind> {
    let name = t.strip_suffix('著')?.trim();
    (n <= 12 && !has_final_punct(t) && !name.is_empty()).then(|| Kind::Author(name.to_string()))
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
pub(super) fn heading_like(text: &str, measure: usize) -> bool {
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
pub(super) fn headline_like(text: &str, indented: bool, measure: usize) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    n > 0 && n <= 30 && !indented && !ends_sentence(t) && n != measure
}

/// Splits a line at "。　　" (a sentence end followed by an indent).
pub(super) fn split_run_together(t: &str) -> Vec<&str> {
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
