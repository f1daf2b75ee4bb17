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
                    // Columns count characters; a run set on one source
                    // line is its text as written.
                    let col = loc.col + t[..at - start].chars().count() as u32;
                    let loc = Loc {
                        line: loc.line,
                        col,
                    };
                    return Some(Located::new(&p.path, loc));
                }
                start += t.len();
            }
        }
        None
    }
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
    fn a_line_starting_inside_a_run_counts_its_characters() {
        let p = preview();
        let at = p.find("城东公交").map(|l| l.to_string());
        assert_eq!(at.as_deref(), Some("a.md:19:7"));
        assert_eq!(p.find("无此文字"), None);
        assert_eq!(p.find(" "), None);
    }
}
