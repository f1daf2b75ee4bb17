//! The pages of a job in memory, for `typeset serve`: laid out as for the
//! PDF and drawn as SVG by the same writer as `--svg`, with nothing
//! written; and, for a point on a page, the article line set there.

use std::path::PathBuf;

use super::lay_out::{BookRun, Shapers, lay_out};
use super::{Job, Options, Report, cache_dir, chars, first_of_each};
use crate::compose::{Page, PageItem};
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
    /// Each page's text: (run's text, glyph boxes).
    texts: Vec<Vec<RunBox>>,
    /// Every paragraph of every article, with its runs' source places.
    paras: Vec<SourcePara>,
}

/// A text run as placed: its text and the box its glyphs cover.
struct RunBox {
    text: String,
    /// Left, top, right, bottom in points from the page's top left.
    rect: [f64; 4],
}

struct SourcePara {
    path: PathBuf,
    /// Each run's text and where it starts in the article.
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
    let mut shapers = Shapers::new(&job.fonts, fallbacks);
    let book = BookRun {
        cache: cache_dir(&job, opts),
        progress: None,
    };
    let laid = lay_out(&job, &mut shapers, &book, &mut report)?;
    use rayon::prelude::*;
    let svgs = (laid.pages.par_iter())
        .map(|p| with_text(crate::render::page_svg(p, &job.fonts), p))
        .collect();
    Ok(Preview {
        svgs,
        warnings: report.warnings,
        inputs: report.inputs,
        texts: laid.pages.iter().map(run_boxes).collect(),
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

fn run_boxes(page: &Page) -> Vec<RunBox> {
    let mut out = Vec::new();
    for item in &page.items {
        let PageItem::Text(run) = item else { continue };
        if run.glyphs.is_empty() {
            continue;
        }
        let size = run.size.0;
        let mut rect = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for g in &run.glyphs {
            // The em box around each glyph, whichever way the run goes.
            rect[0] = rect[0].min(g.x.0 - size * 0.5);
            rect[1] = rect[1].min(g.y.0 - size);
            rect[2] = rect[2].max(g.x.0 + g.advance.0.max(size));
            rect[3] = rect[3].max(g.y.0 + size * 0.2);
        }
        out.push(RunBox {
            text: run.text.clone(),
            rect,
        });
    }
    out
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
    /// The article line set nearest to (x, y), in points from the top left
    /// of page `page` (0-based): the source place of the text set there.
    /// `None` off the pages, or for text no article has (folios, heads).
    pub fn locate(&self, page: usize, x: f64, y: f64) -> Option<Located> {
        let runs = self.texts.get(page)?;
        let distance = |r: &&RunBox| {
            let dx = (r.rect[0] - x).max(x - r.rect[2]).max(0.0);
            let dy = (r.rect[1] - y).max(y - r.rect[3]).max(0.0);
            dx * dx + dy * dy
        };
        // Nearest first; the first whose text an article has wins.
        let mut near: Vec<&RunBox> = runs.iter().collect();
        near.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
        near.iter().take(8).find_map(|r| self.find(&r.text))
    }

    /// Where a set run's text starts in the articles.
    fn find(&self, text: &str) -> Option<Located> {
        // A hyphen added at a line's end is no part of the source.
        let text: String = text.chars().filter(|c| *c != '\u{ad}').collect();
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        for p in &self.paras {
            let joined: String = p.runs.iter().map(|(t, _)| t.as_str()).collect();
            let Some(at) = joined.find(text) else {
                continue;
            };
            let mut start = 0;
            for (t, loc) in &p.runs {
                if at < start + t.len() {
                    let before = &t[..at - start];
                    let source = std::fs::read_to_string(&p.path).unwrap_or_default();
                    // On one source line a run is its text as written; a
                    // column counts characters.
                    let loc = walk(&source, *loc, before).unwrap_or(Loc {
                        line: loc.line,
                        col: loc.col + before.chars().count() as u32,
                    });
                    return Some(Located::new(&p.path, loc));
                }
                start += t.len();
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

    fn preview() -> Preview {
        let run = |text: &str, rect| RunBox {
            text: text.into(),
            rect,
        };
        let loc = |line, col| Loc { line, col };
        Preview {
            svgs: Vec::new(),
            warnings: Vec::new(),
            inputs: Vec::new(),
            texts: vec![vec![
                run("7 版", [500.0, 20.0, 540.0, 32.0]),
                run("凌晨三点整，城东", [40.0, 100.0, 200.0, 112.0]),
                run("公交总\u{ad}", [40.0, 115.0, 200.0, 127.0]),
            ]],
            paras: vec![SourcePara {
                path: "a.md".into(),
                runs: vec![
                    ("凌晨三点整，城东".into(), loc(19, 1)),
                    ("公交总站".into(), loc(19, 9)),
                ],
            }],
        }
    }

    #[test]
    fn a_point_gives_the_source_of_the_line_set_nearest_it() {
        let p = preview();
        let at = |x, y| p.locate(0, x, y).map(|l| l.to_string());
        assert_eq!(at(100.0, 105.0).as_deref(), Some("a.md:19:1"));
        // The second line: in the run after the first, its added hyphen
        // ignored.
        assert_eq!(at(60.0, 125.0).as_deref(), Some("a.md:19:9"));
        // Beside the line, in the margin: the nearest line still.
        assert_eq!(at(5.0, 121.0).as_deref(), Some("a.md:19:9"));
        // The folio is no article's; the nearest article line is taken.
        assert_eq!(at(520.0, 25.0).as_deref(), Some("a.md:19:1"));
        assert_eq!(p.locate(1, 100.0, 105.0), None);
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

    #[test]
    fn a_line_starting_inside_a_run_counts_its_characters() {
        let p = preview();
        let at = p.find("城东公交").map(|l| l.to_string());
        assert_eq!(at.as_deref(), Some("a.md:19:7"));
        assert_eq!(p.find("无此文字"), None);
        assert_eq!(p.find(" "), None);
    }
}
