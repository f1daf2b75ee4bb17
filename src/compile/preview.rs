//! The pages of a job in memory, for `typeset serve`: laid out as for the
//! PDF and drawn as SVG by the same writer as `--svg`, with nothing
//! written; and, for a point on a page, the article line set there.

use std::path::PathBuf;

use super::lay_out::{BookRun, Shapers, lay_out};
use super::{Job, Options, Report, cache_dir, chars, first_of_each};
use crate::compose::{Page, PageItem, RunMode, TextRun, TextSource};
use crate::error::{Result, Warning};
use crate::resolve::{Flow, Para};
use crate::source::{Loc, Located};

/// Every page of a job as an SVG document, and what is needed to find
/// where a point on a page came from.
pub struct Preview {
    pub svgs: Vec<String>,
    pub warnings: Vec<Warning>,
    /// Every file the build read: what the server watches.
    pub inputs: Vec<PathBuf>,
    /// Each page's article glyphs, with their places in the articles.
    glyphs: Vec<Vec<GlyphBox>>,
    /// Every paragraph of every article, with its runs' source places.
    paras: Vec<SourcePara>,
}

/// A glyph as placed, and the paragraph character it shows.
struct GlyphBox {
    /// Left, top, right, bottom of its em box, in points from the page's
    /// top left.
    rect: [f64; 4],
    /// Its paragraph, and its own offset in the paragraph's shaped text.
    source: TextSource,
    /// Its cluster's text, as a check that the paragraph is the one.
    text: String,
}

struct SourcePara {
    path: PathBuf,
    /// Each run's text and where it starts in the article; the first
    /// run's place is the paragraph's.
    runs: Vec<(String, Loc)>,
}

/// Lays the job out and draws its pages; writes nothing.
pub fn preview(opts: &Options) -> Result<Preview> {
    let mut job = Job::read(opts)?;
    chars::check_text(&job)?;
    let mut report = Report::default();
    report.warnings.append(&mut job.warnings);
    let mut warnings = Vec::new();
    let fallbacks = crate::shape::find_doc_fallbacks(&job.docs, &mut job.fonts, &mut warnings);
    report.warnings.extend(first_of_each(warnings));
    let job = job;
    report.inputs = job.input_files();
    if let Some(m) = &opts.memo {
        m.next_build();
    }
    let mut shapers = Shapers::new(&job.fonts, fallbacks).with_memo(opts.memo.as_deref());
    let book = BookRun {
        cache: cache_dir(&job, opts),
        progress: None,
    };
    let laid = lay_out(&job, &mut shapers, &book, &mut report)?;
    use rayon::prelude::*;
    let outlines = opts.memo.as_ref().map(|m| m.outlines(&job.fonts));
    let draw = |p: &Page| with_text(crate::render::page_svg_with(p, &job.fonts, outlines), p);
    // A page drawn by an earlier build is taken as it was.
    let svgs = (laid.pages.par_iter())
        .map(|p| match &opts.memo {
            Some(memo) => memo.svg(super::memo::page_key(p, &job.fonts), || draw(p)),
            None => draw(p),
        })
        .collect();
    Ok(Preview {
        svgs,
        warnings: report.warnings,
        inputs: report.inputs,
        glyphs: laid.pages.iter().map(glyph_boxes).collect(),
        paras: source_paras(&job),
    })
}

/// The page's SVG with its text as the drawing's description: glyphs are
/// outlines, and a screen reader (or a test) reads the text from `<desc>`.
fn with_text(mut svg: String, page: &Page) -> String {
    let text: Vec<&str> = (page.items.iter())
        .filter_map(|i| match i {
            PageItem::Text(run) => Some(run.text.as_str()),
            _ => None,
        })
        .collect();
    let desc = format!("<desc>{}</desc>\n", crate::epub::escape(&text.join("\n")));
    // page_svg ends every document with its closing tag.
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    svg.insert_str(end, &desc);
    svg
}

/// The glyphs of a page that come from an article.
fn glyph_boxes(page: &Page) -> Vec<GlyphBox> {
    let mut out = Vec::new();
    for item in &page.items {
        let PageItem::Text(run) = item else { continue };
        let Some(source) = run.source else { continue };
        let first = run.glyphs.first().map_or(0, |g| g.text.start);
        for g in run.glyphs.iter().filter(|g| !g.text.is_empty()) {
            out.push(GlyphBox {
                rect: em_box(run, g),
                source: TextSource {
                    offset: source.offset + (g.text.start - first),
                    ..source
                },
                text: run.text[g.text.start as usize..g.text.end as usize].to_string(),
            });
        }
    }
    out
}

/// The em box a glyph is drawn in, whichever way its run goes (see
/// `render::glyph_matrix` for what a glyph's point is in each mode).
fn em_box(run: &TextRun, g: &crate::compose::PlacedGlyph) -> [f64; 4] {
    let (x, y, size, advance) = (g.x.0, g.y.0, run.size.0, g.advance.0.max(0.0));
    match run.mode {
        RunMode::Horizontal | RunMode::Combined(_) => {
            [x, y - 0.88 * size, x + advance, y + 0.12 * size]
        }
        // Upright down a vertical line: centred on x, from y down.
        RunMode::Vertical => [x - size / 2.0, y, x + size / 2.0, y + advance],
        // Turned: the baseline runs down from (x, y), the top to the right.
        RunMode::Rotated => [x - 0.12 * size, y, x + 0.88 * size, y + advance],
    }
}

fn source_paras(job: &Job) -> Vec<SourcePara> {
    let mut out = Vec::new();
    for doc in &job.docs {
        let captions = doc.flow.iter().filter_map(|f| match f {
            Flow::Para(p) => Some(p),
            Flow::Figure(fig) => fig.caption.as_ref(),
        });
        for p in doc.header.iter().chain(captions) {
            out.push(source_para(&doc.path, p));
        }
    }
    out
}

fn source_para(path: &std::path::Path, p: &Para) -> SourcePara {
    SourcePara {
        path: path.to_path_buf(),
        runs: p.runs.iter().map(|r| (r.text.clone(), r.loc)).collect(),
    }
}

impl Preview {
    /// The article character set nearest to (x, y), in points from the
    /// top left of page `page` (0-based): its source place. By position
    /// only: the same words in two paragraphs each give their own place.
    /// `None` off the pages, or on a page without article text.
    pub fn locate(&self, page: usize, x: f64, y: f64) -> Option<Located> {
        let distance = |g: &&GlyphBox| {
            let dx = (g.rect[0] - x).max(x - g.rect[2]).max(0.0);
            let dy = (g.rect[1] - y).max(y - g.rect[3]).max(0.0);
            dx * dx + dy * dy
        };
        // The first of equally near glyphs: the same point, the same answer.
        let glyphs = self.glyphs.get(page)?;
        let near = glyphs
            .iter()
            .min_by(|a, b| distance(a).total_cmp(&distance(b)))?;
        self.place_of(near)
    }

    /// Where a glyph's character is in its article: the paragraph that
    /// starts where its run says and has its text at its offset.
    fn place_of(&self, g: &GlyphBox) -> Option<Located> {
        let at = Loc {
            line: g.source.line,
            col: g.source.col,
        };
        let starts_here = self
            .paras
            .iter()
            .filter(|p| p.runs.first().map(|r| r.1) == Some(at));
        starts_here.into_iter().find_map(|p| {
            let (run, before) = p.before(g.source.offset as usize, &g.text)?;
            let (text, loc) = &p.runs[run];
            let before = &text[..before];
            let source = std::fs::read_to_string(&p.path).unwrap_or_default();
            // On one source line a run is its text as written; a column
            // counts characters.
            let loc = walk(&source, *loc, before).unwrap_or(Loc {
                line: loc.line,
                col: loc.col + before.chars().count() as u32,
            });
            Some(Located::new(&p.path, loc))
        })
    }
}

impl SourcePara {
    /// The run and the byte in it where the paragraph's shaped text (its
    /// characters without spaces and controls, as `shape_para` keeps
    /// them) reaches `offset`; `None` unless `text` is there.
    fn before(&self, offset: usize, text: &str) -> Option<(usize, usize)> {
        let mut shaped = 0;
        for (k, (run, _)) in self.runs.iter().enumerate() {
            for (i, c) in run.char_indices() {
                if c.is_whitespace() && c != '\u{3000}' || c.is_control() {
                    continue;
                }
                if shaped == offset {
                    return run[i..].starts_with(text).then_some((k, i));
                }
                shaped += c.len_utf8();
                if shaped > offset {
                    return None;
                }
            }
        }
        None
    }
}

/// Where the text after `before` starts in `source`, reading from `loc`
/// (where a run's text starts): a paragraph written over several lines is
/// one run whose text has no line breaks, or a space for each. `None`
/// when the source does not read as the text (edited since the build,
/// escapes): the caller counts on the run's first line instead.
fn walk(source: &str, loc: Loc, before: &str) -> Option<Loc> {
    let start = source.lines().take(loc.line.checked_sub(1)? as usize);
    let offset: usize = start.map(|l| l.len() + 1).sum();
    let line_start = source.get(offset..)?;
    let skip: usize = (line_start.chars().take(loc.col.checked_sub(1)? as usize))
        .map(char::len_utf8)
        .sum();
    let mut at = loc;
    let mut rest = line_start.get(skip..)?.chars().peekable();
    let step = |c: char, at: &mut Loc| {
        if c == '\n' {
            *at = Loc {
                line: at.line + 1,
                col: 1,
            };
        } else {
            at.col += 1;
        }
    };
    for c in before.chars() {
        if c.is_whitespace() {
            // A space or a line break, and the indent after it.
            while let Some(&s) = rest.peek().filter(|s| s.is_whitespace()) {
                step(s, &mut at);
                rest.next();
            }
            continue;
        }
        // A line break, and the indent after it.
        let mut fresh = false;
        while let Some(&s) = rest.peek() {
            if s == '\n' {
                fresh = true;
            } else if !(fresh && s.is_whitespace()) {
                break;
            }
            step(s, &mut at);
            rest.next();
        }
        let s = rest.next().filter(|s| *s == c)?;
        step(s, &mut at);
    }
    // The line's first character may be the first of the next source line.
    if rest.peek() == Some(&'\n') {
        rest.next();
        at = Loc {
            line: at.line + 1,
            col: 1,
        };
        while rest.next_if(|s| s.is_whitespace() && *s != '\n').is_some() {
            at.col += 1;
        }
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of glyphs one em (12 pt) apart from x = 40 on baseline
    /// `y`, the paragraph starting at `para` and the line at `offset`.
    fn line(text: &str, y: f64, para: Loc, offset: u32) -> Vec<GlyphBox> {
        let mut at = offset;
        (text.chars().enumerate())
            .map(|(k, c)| {
                let x = 40.0 + 12.0 * k as f64;
                let g = GlyphBox {
                    rect: [x, y - 10.0, x + 12.0, y + 2.0],
                    source: TextSource {
                        line: para.line,
                        col: para.col,
                        offset: at,
                    },
                    text: c.to_string(),
                };
                at += c.len_utf8() as u32;
                g
            })
            .collect()
    }

    const fn loc(line: u32, col: u32) -> Loc {
        Loc { line, col }
    }

    /// Two paragraphs whose first words are the same, each set on two
    /// lines (the first line of the first without its comma).
    fn preview() -> Preview {
        let mut page = line("凌晨三点整", 100.0, loc(19, 1), 0);
        page.extend(line("城东公交", 115.0, loc(19, 1), 18));
        page.extend(line("凌晨三点整", 200.0, loc(25, 1), 0));
        page.extend(line("城西", 215.0, loc(25, 1), 15));
        Preview {
            svgs: Vec::new(),
            warnings: Vec::new(),
            inputs: Vec::new(),
            glyphs: vec![page],
            paras: vec![
                SourcePara {
                    path: "a.md".into(),
                    runs: vec![
                        ("凌晨三点整，".into(), loc(19, 1)),
                        ("城东公交".into(), loc(19, 8)),
                    ],
                },
                SourcePara {
                    path: "a.md".into(),
                    runs: vec![("凌晨三点整 城西".into(), loc(25, 1))],
                },
            ],
        }
    }

    #[test]
    fn a_point_gives_the_source_of_the_character_set_there() {
        let p = preview();
        let at = |x, y| p.locate(0, x, y).map(|l| l.to_string());
        assert_eq!(at(45.0, 95.0).as_deref(), Some("a.md:19:1"));
        assert_eq!(at(70.0, 95.0).as_deref(), Some("a.md:19:3"));
        // In the second run: its own place.
        assert_eq!(at(60.0, 110.0).as_deref(), Some("a.md:19:9"));
        // Beside the line, in the margin: the nearest character.
        assert_eq!(at(5.0, 112.0).as_deref(), Some("a.md:19:8"));
        assert_eq!(p.locate(1, 100.0, 105.0), None);
    }

    #[test]
    fn the_same_words_in_two_paragraphs_give_each_its_own_line() {
        let p = preview();
        let at = |x, y| p.locate(0, x, y).map(|l| l.to_string());
        assert_eq!(at(45.0, 95.0).as_deref(), Some("a.md:19:1"));
        assert_eq!(at(45.0, 195.0).as_deref(), Some("a.md:25:1"));
        // After a space, which the shaped text has not.
        assert_eq!(at(45.0, 212.0).as_deref(), Some("a.md:25:7"));
    }

    #[test]
    fn a_glyph_whose_paragraph_does_not_read_so_has_no_place() {
        let p = preview();
        let para = &p.paras[0];
        assert_eq!(para.before(0, "凌"), Some((0, 0)));
        assert_eq!(para.before(21, "东"), Some((1, 3)));
        // Another text there, an offset inside a character, past the end.
        assert_eq!(para.before(0, "城"), None);
        assert_eq!(para.before(1, "晨"), None);
        assert_eq!(para.before(99, "城"), None);
    }

    #[test]
    fn a_paragraph_written_over_lines_is_walked_line_by_line() {
        let source = "---\n凌晨三点，城东\n公交总站的\n  调度室 and\nmore\n";
        let at = |before: &str| walk(source, Loc { line: 2, col: 1 }, before);
        assert_eq!(at(""), Some(Loc { line: 2, col: 1 }));
        assert_eq!(at("凌晨"), Some(Loc { line: 2, col: 3 }));
        assert_eq!(at("凌晨三点，城东"), Some(Loc { line: 3, col: 1 }));
        assert_eq!(at("凌晨三点，城东公交"), Some(Loc { line: 3, col: 3 }));
        assert_eq!(
            at("凌晨三点，城东公交总站的调"),
            Some(Loc { line: 4, col: 4 })
        );
        assert_eq!(
            at("凌晨三点，城东公交总站的调度室 and "),
            Some(Loc { line: 5, col: 1 })
        );
        // Edited since: the caller counts on the run's line.
        assert_eq!(at("凌晨四点"), None);
    }
}
