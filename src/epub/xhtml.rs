//! XHTML content documents and the navigation document, written by hand:
//! a few element types, every text escaped.

use std::fmt::Write;

use super::ModeStyle;
use crate::model::Writing;
use crate::model::{Labels, Role};
use crate::resolve::{Doc, Flow, ImageFormat, Para, Run};
use crate::script::is_wide;

/// Escapes text for XHTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out);
    out
}

/// [`escape`], appended to `out`.
fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        escape_char_into(c, out);
    }
}

fn escape_char_into(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        // Characters XML 1.0 forbids are dropped by the parser already;
        // keep the writer total anyway.
        c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t') => {}
        c => out.push(c),
    }
}

/// The name a figure gets inside the book.
pub fn image_href(index: usize, format: ImageFormat) -> String {
    match format {
        ImageFormat::Png => format!("images/figure{}.png", index + 1),
        ImageFormat::Jpeg => format!("images/figure{}.jpg", index + 1),
    }
}

/// Inline runs: `<strong>` for bold; emphasis as dots on CJK text
/// (`<em>`), italic on Latin (`<em class="latin">`).
fn runs_html(runs: &[Run], tcy: u32, out: &mut String) {
    for r in runs {
        let mut open = String::new();
        let mut close = String::new();
        if r.strong {
            open.push_str("<strong>");
            close.insert_str(0, "</strong>");
        }
        out.push_str(&open);
        if r.emphasis {
            // Split the run into CJK and Latin stretches.
            let mut rest = r.text.as_str();
            while let Some(c) = rest.chars().next() {
                let wide = is_wide(c) || c.is_whitespace();
                let end = rest
                    .char_indices()
                    .find(|&(_, x)| (is_wide(x) || x.is_whitespace()) != wide)
                    .map_or(rest.len(), |(i, _)| i);
                let (part, tail) = rest.split_at(end);
                if part.trim().is_empty() {
                    escape_into(part, out);
                } else {
                    out.push_str(if wide { "<em>" } else { "<em class=\"latin\">" });
                    text_html_into(part, tcy, out);
                    out.push_str("</em>");
                }
                rest = tail;
            }
        } else {
            text_html_into(&r.text, tcy, out);
        }
        out.push_str(&close);
    }
}

/// Escaped text; in vertical text, numbers of 2 to `tcy` digits standing
/// alone go in a tate-chu-yoko span (`text-combine-upright`).
#[cfg(test)]
fn text_html(s: &str, tcy: u32) -> String {
    let mut out = String::new();
    text_html_into(s, tcy, &mut out);
    out
}

/// [`text_html`], appended to `out` (a book's text is written character by
/// character here, so nothing is allocated per character).
fn text_html_into(s: &str, tcy: u32, out: &mut String) {
    if tcy < 2 {
        return escape_into(s, out);
    }
    let chars: Vec<char> = s.chars().collect();
    out.reserve(s.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        let alone = |k: Option<&char>| {
            k.is_none_or(|c| !c.is_ascii_alphanumeric() && !matches!(c, '.' | ',' | '%'))
        };
        if j > i
            && (2..=tcy as usize).contains(&(j - i))
            && alone(i.checked_sub(1).and_then(|k| chars.get(k)))
            && alone(chars.get(j))
        {
            out.push_str("<span class=\"tcy\">");
            out.extend(&chars[i..j]);
            out.push_str("</span>");
            i = j;
        } else if j > i {
            out.extend(&chars[i..j]);
            i = j;
        } else {
            escape_char_into(chars[i], out);
            i += 1;
        }
    }
}

fn para_html(
    p: &Para,
    tag: &str,
    class: Option<&str>,
    id: Option<&str>,
    mode: &ModeStyle,
    out: &mut String,
) {
    let _ = write!(out, "<{tag}");
    if let Some(id) = id {
        let _ = write!(out, " id=\"{id}\"");
    }
    if let Some(c) = class {
        let _ = write!(out, " class=\"{c}\"");
    }
    out.push('>');
    let tcy = p.style.tate_chu_yoko.min(mode.max_combined_digits);
    runs_html(&p.runs, tcy, out);
    let _ = writeln!(out, "</{tag}>");
}

fn head(title: &str, lang: &str, writing: Writing, css: &str, font_css: bool, out: &mut String) {
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{lang}\" lang=\"{lang}\"{}>\n<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"{css}\"/>\n{}</head>\n",
        ModeStyle::of(writing).html_attr,
        escape(title),
        if font_css {
            format!(
                "<link rel=\"stylesheet\" type=\"text/css\" href=\"{}\"/>\n",
                css.replace("style.css", "fonts.css")
            )
        } else {
            String::new()
        },
    );
}

/// A section head in the navigation: its id and text.
pub struct NavEntry {
    pub id: String,
    pub text: String,
}

/// One article as an XHTML document; returns it with its section heads.
pub fn article_xhtml(
    doc: &Doc,
    image_index: &dyn Fn(&std::path::Path) -> String,
    font_css: bool,
) -> (String, Vec<NavEntry>) {
    let mut out = String::new();
    let lang = escape(&doc.lang.tag);
    head(
        &doc.title,
        &lang,
        doc.writing,
        "../style.css",
        font_css,
        &mut out,
    );
    out.push_str("<body>\n");
    let nav = article_html(doc, ArticleTag::Chapter, image_index, &mut out);
    out.push_str("</body>\n</html>\n");
    (out, nav)
}

/// A page of an edition as one XHTML document: its title, then its
/// articles in reading order, each an `<article>` with an id of its own
/// (`a1`, `a2`, …; their section heads `a1-s1`, …). Returns it with an
/// entry per article.
pub fn page_xhtml(
    title: &str,
    docs: &[&Doc],
    image_index: &dyn Fn(&std::path::Path) -> String,
    font_css: bool,
) -> (String, Vec<NavEntry>) {
    let mut out = String::new();
    // The page speaks the language of its first article (as in print).
    let first = docs[0];
    let lang = escape(&first.lang.tag);
    head(
        title,
        &lang,
        first.writing,
        "../style.css",
        font_css,
        &mut out,
    );
    let _ = writeln!(
        out,
        "<body>\n<section class=\"page\" epub:type=\"chapter\">\n<h1 class=\"page-title\">{}</h1>",
        escape(title)
    );
    let mut nav = Vec::new();
    for (k, d) in docs.iter().enumerate() {
        let id = format!("a{}", k + 1);
        article_html(d, ArticleTag::InPage(&id), image_index, &mut out);
        nav.push(NavEntry {
            id,
            text: d.title.clone(),
        });
    }
    out.push_str("</section>\n</body>\n</html>\n");
    (out, nav)
}

/// How an article stands in its document: a chapter of its own, or one
/// of a page's articles (with its id).
#[derive(Clone, Copy)]
enum ArticleTag<'a> {
    Chapter,
    InPage(&'a str),
}

/// One `<article>`: the headline block and the flow; its section heads.
fn article_html(
    doc: &Doc,
    tag: ArticleTag,
    image_index: &dyn Fn(&std::path::Path) -> String,
    out: &mut String,
) -> Vec<NavEntry> {
    let mode = &ModeStyle::of(doc.writing);
    let class = match doc.kind {
        crate::parse::Kind::Serial => "serial",
        crate::parse::Kind::Feature => "feature",
    };
    let (attrs, prefix) = match tag {
        ArticleTag::Chapter => (" epub:type=\"chapter\"".to_string(), String::new()),
        ArticleTag::InPage(id) => (
            format!(
                " id=\"{id}\" xml:lang=\"{0}\" lang=\"{0}\"",
                escape(&doc.lang.tag)
            ),
            format!("{id}-"),
        ),
    };
    let _ = writeln!(out, "<article class=\"{class}\"{attrs}>\n<header>");
    // Under a page's title the headline is a second-level heading.
    let h1 = if matches!(tag, ArticleTag::Chapter) {
        "h1"
    } else {
        "h2"
    };
    for p in &doc.header {
        let (tag, class) = match p.style.role {
            Role::Headline => (h1, None),
            Role::Kicker => ("p", Some("kicker")),
            Role::Deck => ("p", Some("deck")),
            Role::Byline => ("p", Some("byline")),
            Role::SerialLabel => ("p", Some("serial-label")),
            _ => ("p", None),
        };
        para_html(p, tag, class, None, mode, out);
    }
    out.push_str("</header>\n");
    let mut body = Body {
        out: std::mem::take(out),
        mode,
        nav: Vec::new(),
        open: None,
        prefix,
    };
    for f in &doc.flow {
        body.flow(f, image_index);
    }
    body.wrap(None);
    *out = body.out;
    out.push_str("</article>\n");
    body.nav
}

/// The flow of an article as XHTML: paragraphs of the lead and of quotes
/// grouped in one element each, section heads numbered for the navigation.
struct Body<'a> {
    out: String,
    mode: &'a ModeStyle,
    nav: Vec<NavEntry>,
    /// The grouping element open now: Lead (div.lead) or Quote.
    open: Option<Role>,
    /// Before the section heads' ids (an article on a page: `a2-`).
    prefix: String,
}

impl Body<'_> {
    /// Closes the open group unless `role` continues it, and opens one for
    /// `role` if it is grouped.
    fn wrap(&mut self, role: Option<Role>) {
        if self.open == role {
            return;
        }
        match self.open.take() {
            Some(Role::Lead) => self.out.push_str("</div>\n"),
            Some(_) => self.out.push_str("</blockquote>\n"),
            None => {}
        }
        match role {
            Some(Role::Lead) => self.out.push_str("<div class=\"lead\">\n"),
            Some(Role::Quote) => self.out.push_str("<blockquote>\n"),
            _ => return,
        }
        self.open = role;
    }

    fn flow(&mut self, f: &Flow, image_index: &dyn Fn(&std::path::Path) -> String) {
        match f {
            Flow::Para(p) => {
                self.wrap(Some(p.style.role));
                self.para(p);
            }
            Flow::Figure(fig) => {
                self.wrap(None);
                let alt = fig.caption.as_ref().map(|c| c.text()).unwrap_or_default();
                let _ = write!(
                    self.out,
                    "<figure>\n<img src=\"../{}\" alt=\"{}\"/>\n",
                    image_index(&fig.path),
                    escape(&alt)
                );
                if let Some(c) = &fig.caption {
                    para_html(c, "figcaption", None, None, self.mode, &mut self.out);
                }
                self.out.push_str("</figure>\n");
            }
        }
    }

    fn para(&mut self, p: &Para) {
        let (mode, out) = (self.mode, &mut self.out);
        match p.style.role {
            Role::Heading | Role::MinorHeading => {
                let id = format!("{}s{}", self.prefix, self.nav.len() + 1);
                let heading = p.style.role == Role::Heading;
                para_html(
                    p,
                    if heading { "h2" } else { "h3" },
                    None,
                    Some(&id),
                    mode,
                    out,
                );
                if heading {
                    self.nav.push(NavEntry { id, text: p.text() });
                }
            }
            Role::Source => para_html(p, "p", Some("source"), None, mode, out),
            _ => para_html(p, "p", None, None, mode, out),
        }
    }
}

/// The cover page: the title and the line under it (a book's author, an
/// article's byline, a page's date), set by the reader's fonts.
pub fn cover_xhtml(
    work: &str,
    line: &str,
    lang: &str,
    writing: Writing,
    image: Option<&str>,
) -> String {
    let mut out = String::new();
    head(
        work,
        &escape(lang),
        writing,
        "../style.css",
        false,
        &mut out,
    );
    if let Some(src) = image {
        // The image says what the text would; its alt text says it to
        // those who cannot see it.
        let alt = [work, line]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>();
        let _ = write!(
            out,
            "<body>\n<section class=\"cover cover-image\" epub:type=\"cover\">\n<img src=\"../{src}\" alt=\"{}\"/>\n</section>\n</body>\n</html>\n",
            escape(&alt.join("　"))
        );
        return out;
    }
    let _ = write!(
        out,
        "<body>\n<section class=\"cover\" epub:type=\"cover\">\n<h1 class=\"work\">{}</h1>\n",
        escape(work)
    );
    if !line.is_empty() {
        let _ = writeln!(out, "<p class=\"author\">{}</p>", escape(line));
    }
    out.push_str("</section>\n</body>\n</html>\n");
    out
}

/// The EPUB 3 navigation document: a table of contents and landmarks.
pub fn nav_xhtml(
    title: &str,
    lang: &str,
    writing: Writing,
    chapters: &[(String, String, Vec<NavEntry>)],
    cover: bool,
) -> String {
    let mut out = String::new();
    head(title, &escape(lang), writing, "style.css", false, &mut out);
    let labels = Labels::of_tag(lang);
    let _ = writeln!(
        out,
        "<body>\n<nav epub:type=\"toc\" id=\"toc\">\n<h1>{}</h1>\n<ol>",
        labels.contents
    );
    for (href, text, sections) in chapters {
        let _ = write!(out, "<li><a href=\"{href}\">{}</a>", escape(text));
        if !sections.is_empty() {
            out.push_str("\n<ol>\n");
            for s in sections {
                let _ = writeln!(
                    out,
                    "<li><a href=\"{href}#{}\">{}</a></li>",
                    s.id,
                    escape(&s.text)
                );
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str(
        "</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n",
    );
    // A book has a cover and its contents in the spine.
    if cover {
        let _ = writeln!(
            out,
            "<li><a epub:type=\"cover\" href=\"text/cover.xhtml\">{}</a></li>\n<li><a epub:type=\"toc\" href=\"nav.xhtml\">{}</a></li>",
            labels.cover, labels.contents
        );
    }
    if let Some((href, _, _)) = chapters.first() {
        let _ = writeln!(
            out,
            "<li><a epub:type=\"bodymatter\" href=\"{href}\">{}</a></li>",
            labels.body
        );
    }
    out.push_str("</ol>\n</nav>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(escape("中文"), "中文");
    }

    #[test]
    fn short_numbers_combine_upright_in_vertical_text() {
        assert_eq!(
            text_html("共12块，1350块，2块，3.5成", 3),
            "共<span class=\"tcy\">12</span>块，1350块，2块，3.5成"
        );
        assert_eq!(text_html("共12块", 0), "共12块");
        assert_eq!(text_html("a<b", 3), "a&lt;b");
    }
}
