//! The book edition of a serial: a title page, a table of contents with
//! page numbers, then every installment as a chapter starting on a new
//! page, with running heads (work, chapter) and folios.

use super::furniture::{Shape, lines_in, natural_width, place_lines, place_single, type_area};
use super::items::{LineSource, SetLine};
use super::transform::{At, Transform};
use super::{Frame, Furniture, PageHead, compose_module};
use super::{Page, PageItem, Rule};
use crate::error::{Result, Warning};
use crate::model::{Align, Grid, Labels, Role, Writing};
use crate::resolve::{Doc, Layout};
use crate::shape::ShapedPara;
use crate::shape::{ShapedBlock, ShapedDoc};
use crate::units::Pt;

/// Fewest lines of body on the last page of a chapter: a page of two or
/// three lines at a chapter's end looks like an accident.
pub const MIN_LAST_PAGE_LINES: usize = 5;

/// A book laid out: its pages and, for the PDF outline, each chapter's
/// title and first page (0-based).
pub struct Book {
    pub pages: Vec<Page>,
    pub outline: Vec<(String, usize)>,
}

/// What the title page says.
pub struct TitlePage<'a> {
    pub work: &'a str,
    pub author: &'a str,
    /// The words of the book's language (著, 目录).
    pub labels: &'static Labels,
}

/// A chapter's pages, without furniture: what the book's cache keeps.
pub fn compose_chapter(
    doc: &Doc,
    shaped: &ShapedDoc,
    layout: &Layout,
    grid: &Grid,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Page>> {
    let frame = Frame::full(grid);
    let vertical = doc.writing == Writing::Vertical;
    let own = frame.grid(grid, vertical, layout.grid.tier_chars);
    let module = compose_module(doc, shaped, layout, grid, frame, warnings)?;
    let mut pages = module.pages;
    if own.columns == 1 {
        let end = ChapterEnd {
            lines: &module.lines,
            shaped,
            transform: Transform::of(&own),
            slots: own.lines,
        };
        end.fill_last_page(&mut pages);
    }
    Ok(pages)
}

/// A one-column chapter's last two pages, to move lines from the foot of
/// the one to the head of the other.
struct ChapterEnd<'a> {
    lines: &'a [SetLine],
    shaped: &'a ShapedDoc,
    transform: Transform,
    /// Line slots on a page.
    slots: u32,
}

impl ChapterEnd<'_> {
    /// Gives the last page at least [`MIN_LAST_PAGE_LINES`] lines of body
    /// by moving lines from the foot of the page before (which then ends
    /// short): never leaving a paragraph's first line alone at that foot,
    /// its last alone at the new head, or a heading at the foot. Pages with
    /// figures are left as they are.
    fn fill_last_page(&self, pages: &mut [Page]) {
        let n = pages.len();
        if n < 2 || !pages[n - 2..].iter().all(without_images) {
            return;
        }
        let body = |page: usize| -> Vec<&SetLine> {
            (self.lines.iter())
                .filter(|l| l.page == page && l.column.is_some())
                .collect()
        };
        let (prev, last) = (body(n - 2), body(n - 1));
        if last.is_empty() || last.len() >= MIN_LAST_PAGE_LINES {
            return;
        }
        let mut take = MIN_LAST_PAGE_LINES - last.len();
        while take < prev.len()
            && self.bad_break(prev[prev.len() - take - 1], prev[prev.len() - take])
        {
            take += 1;
        }
        if prev.len() < take + MIN_LAST_PAGE_LINES {
            return;
        }
        let from = prev[prev.len() - take].slot;
        let span = prev[prev.len() - 1].slot + 1 - from;
        let head = last[0].slot;
        if last[last.len() - 1].slot + span >= self.slots {
            return;
        }
        let (stay, moved) = self.split_at_slot(std::mem::take(&mut pages[n - 2].items), from);
        pages[n - 2].items = stay;
        let mut items = moved;
        self.shift(&mut items, head as f64 - from as f64);
        let mut rest = std::mem::take(&mut pages[n - 1].items);
        self.shift(&mut rest, span as f64);
        items.extend(rest);
        pages[n - 1].items = items;
    }

    /// Would the page break fall badly between these two lines?
    fn bad_break(&self, stay: &SetLine, moved: &SetLine) -> bool {
        let same = stay.source == moved.source;
        let orphan = same && stay.items.0 == 0;
        let widow = same && moved.items.1 as usize == self.para_len(moved.source);
        orphan || widow || self.is_heading(stay.source)
    }

    fn para(&self, source: LineSource) -> Option<&ShapedPara> {
        match source {
            LineSource::Flow(i) => match self.shaped.flow.get(i)? {
                ShapedBlock::Para(p) => Some(p),
                ShapedBlock::Figure { caption, .. } => caption.as_ref(),
            },
            LineSource::Header(i) => self.shaped.header.get(i),
        }
    }

    fn para_len(&self, source: LineSource) -> usize {
        self.para(source).map_or(0, |p| p.items.len())
    }

    fn is_heading(&self, source: LineSource) -> bool {
        self.para(source)
            .is_some_and(|p| matches!(p.style.role, Role::Heading | Role::MinorHeading))
    }

    /// The slot (from the frame's first) a page point stands in.
    fn slot_of(&self, (x, y): (Pt, Pt)) -> f64 {
        let o = self.transform.point(At {
            slot: 0.0,
            inline: Pt::ZERO,
        });
        let one = self.transform.point(At {
            slot: 1.0,
            inline: Pt::ZERO,
        });
        let (dx, dy) = ((one.0 - o.0).0, (one.1 - o.1).0);
        ((x - o.0).0 * dx + (y - o.1).0 * dy) / (dx * dx + dy * dy)
    }

    /// A page's items split into those before slot `from` and those at or
    /// after it; an emphasis dot goes with the text run before it.
    fn split_at_slot(&self, items: Vec<PageItem>, from: u32) -> (Vec<PageItem>, Vec<PageItem>) {
        let (mut stay, mut moved) = (Vec::new(), Vec::new());
        let mut below = false;
        for item in items {
            let at = match &item {
                PageItem::Text(run) => run.glyphs.first().map(|g| (g.x, g.y)),
                PageItem::Rule(r) => Some(((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0)),
                PageItem::Dot(_) | PageItem::Image(_) => None,
            };
            if let Some(at) = at {
                below = self.slot_of(at) >= from as f64 - 1e-6;
            }
            if below {
                moved.push(item);
            } else {
                stay.push(item);
            }
        }
        (stay, moved)
    }

    /// Moves items `slots` line slots along the block axis.
    fn shift(&self, items: &mut [PageItem], slots: f64) {
        let o = self.transform.point(At {
            slot: 0.0,
            inline: Pt::ZERO,
        });
        let to = self.transform.point(At {
            slot: slots,
            inline: Pt::ZERO,
        });
        let (dx, dy) = (to.0 - o.0, to.1 - o.1);
        for item in items {
            match item {
                PageItem::Text(run) => run.glyphs.iter_mut().for_each(|g| {
                    g.x += dx;
                    g.y += dy;
                }),
                PageItem::Dot(d) => {
                    d.x += dx;
                    d.y += dy;
                }
                PageItem::Rule(r) => {
                    (r.x0, r.x1) = (r.x0 + dx, r.x1 + dx);
                    (r.y0, r.y1) = (r.y0 + dy, r.y1 + dy);
                }
                // without_images() let no image through.
                PageItem::Image(_) => {}
            }
        }
    }
}

/// A page without figures: text, dots and rules move with their slots.
fn without_images(page: &Page) -> bool {
    !(page.items.iter()).any(|i| matches!(i, PageItem::Image(_)))
}

/// Puts the book together: title page, contents, and the chapters' pages
/// (from [`compose_chapter`], or the cache) with running heads and folios.
/// Adds the running heads and folios to chapters' pages, each chapter
/// with its head (see [`super::add_furniture`]).
pub type Furnish<'a> = &'a (dyn Fn(&mut [Vec<Page>], &[PageHead]) + Sync);

pub fn assemble_book(
    title_page: &TitlePage,
    titles: &[String],
    mut bodies: Vec<Vec<Page>>,
    layout: &Layout,
    furniture: &mut dyn FnMut(Furniture, &str) -> ShapedPara,
    furnish: Furnish,
) -> Book {
    // The type area in horizontal terms, for the title page and contents
    // (set horizontally in vertical books too).
    let front = Front::of(layout);
    let body_pages: usize = bodies.iter().map(Vec::len).sum();
    let chunks = front.contents_chunks(titles, body_pages, furniture);
    let mut first_pages = Vec::with_capacity(titles.len());
    let mut next = 2 + chunks.len();
    for b in &bodies {
        first_pages.push(next);
        next += b.len();
    }
    let mut pages = Vec::with_capacity(next);
    pages.push(front.title_page(title_page, furniture));
    for (chunk, entries) in chunks.iter().enumerate() {
        let head = (chunk == 0).then_some(title_page.labels);
        let toc = Toc {
            titles,
            first_pages: &first_pages,
            number_width: front.number_width(next - 1, furniture),
        };
        pages.push(front.contents_page(head, entries.clone(), &toc, furniture));
    }
    let heads: Vec<PageHead> = (titles.iter().zip(&first_pages))
        .map(|(title, &first)| PageHead {
            start: title_page.work.to_string(),
            end: Some(title.clone()),
            edition: false,
            credits: None,
            first_number: first as u32,
            labels: title_page.labels,
        })
        .collect();
    // The chapters' furniture, a share of them per thread: each share is
    // shaped alike whichever thread takes it, so the pages are the same.
    use rayon::prelude::*;
    let share = bodies.len().div_ceil(rayon::current_num_threads()).max(1);
    (bodies.par_chunks_mut(share))
        .zip(heads.par_chunks(share))
        .for_each(|(bodies, heads)| furnish(bodies, heads));
    let mut outline = Vec::with_capacity(titles.len());
    for (title, body) in titles.iter().zip(bodies) {
        outline.push((title.clone(), pages.len()));
        pages.extend(body);
    }
    for (i, p) in pages.iter_mut().enumerate() {
        p.number = i as u32 + 1;
    }
    Book { pages, outline }
}

/// The front matter's geometry: the horizontal type area, its pitch, and
/// the contents' entries per page.
struct Front {
    width: Pt,
    height: Pt,
    x0: Pt,
    y0: Pt,
    x1: Pt,
    y1: Pt,
    pitch: Pt,
    per_page: usize,
}

impl Front {
    fn of(layout: &Layout) -> Front {
        let h = layout.grid_for(crate::model::Writing::Horizontal);
        let (x0, y0, x1, y1) = type_area(&h);
        Front {
            width: layout.page.width.0,
            height: layout.page.height.0,
            x0,
            y0,
            x1,
            y1,
            pitch: h.pitch,
            per_page: (h.lines.saturating_sub(4)).max(1) as usize,
        }
    }

    fn blank(&self) -> Page {
        Page {
            number: 0,
            width: self.width,
            height: self.height,
            items: Vec::new(),
        }
    }

    /// Sets a one-line paragraph across the type area.
    fn line(&self, p: &ShapedPara, baseline: Pt, align: Align, page: &mut Page) {
        place_single(
            p,
            self.x0,
            self.x1 - self.x0,
            baseline,
            align,
            &mut page.items,
        );
    }

    /// The work and its author, a third down the type area.
    fn title_page(&self, t: &TitlePage, furniture: Shape) -> Page {
        let mut page = self.blank();
        let base = self.y0 + (self.y1 - self.y0) * 0.33;
        let title = furniture(Furniture::BookTitle, t.work);
        self.line(&title, base, Align::Center, &mut page);
        let author = furniture(Furniture::BookAuthor, &t.labels.author(t.author));
        self.line(&author, base + self.pitch * 3.0, Align::Center, &mut page);
        page
    }

    /// The width a page number up to `last` takes in the contents, and
    /// the em between it and the title.
    fn number_width(&self, last: usize, furniture: Shape) -> Pt {
        let number = furniture(Furniture::TocEntry, &last.to_string());
        natural_width(&number) + number.style.size
    }

    /// The contents' entries on each of its pages: an entry whose title
    /// is longer than its line beside the page number takes more lines,
    /// and a page holds `per_page` lines. The numbers' width depends on
    /// the last page's number, which depends on the contents' pages:
    /// worked out until they agree.
    fn contents_chunks(
        &self,
        titles: &[String],
        body_pages: usize,
        furniture: Shape,
    ) -> Vec<std::ops::Range<usize>> {
        let mut pages = 1;
        loop {
            let reserve = self.number_width(1 + pages + body_pages, furniture);
            let measure = self.x1 - self.x0 - reserve;
            let mut chunks: Vec<std::ops::Range<usize>> = std::iter::once(0..0).collect();
            let mut used = 0;
            for (i, t) in titles.iter().enumerate() {
                let n = lines_in(&furniture(Furniture::TocEntry, t), measure).max(1);
                let last = chunks.len() - 1;
                if used + n > self.per_page && !chunks[last].is_empty() {
                    chunks.push(i..i);
                    used = 0;
                }
                let last = chunks.len() - 1;
                chunks[last].end = i + 1;
                used += n;
            }
            // More contents pages make numbers no shorter: this settles.
            if chunks.len() <= pages {
                return chunks;
            }
            pages = chunks.len();
        }
    }

    /// A page of the contents: entries `entries`, each chapter's title and
    /// first page, under a rule (and the heading `head`, on the first).
    fn contents_page(
        &self,
        head: Option<&Labels>,
        entries: std::ops::Range<usize>,
        toc: &Toc,
        furniture: Shape,
    ) -> Page {
        let mut page = self.blank();
        let mut y = self.y0 + self.pitch * 1.5;
        if let Some(labels) = head {
            let head = furniture(Furniture::BookTitle, labels.contents);
            self.line(&head, y, Align::Center, &mut page);
        }
        y += self.pitch * 2.5;
        page.items.push(PageItem::Rule(Rule {
            x0: self.x0,
            y0: y - self.pitch,
            x1: self.x1,
            y1: y - self.pitch,
            width: Pt(0.5),
        }));
        let measure = self.x1 - self.x0 - toc.number_width;
        for i in entries {
            let entry = furniture(Furniture::TocEntry, &toc.titles[i]);
            let at = (self.x0, measure);
            let n = place_lines(&entry, at, (y, self.pitch), Align::Start, &mut page.items);
            // The page number on the entry's last line.
            let last = y + self.pitch * (n.max(1) - 1) as f64;
            let number = furniture(Furniture::TocEntry, &toc.first_pages[i].to_string());
            self.line(&number, last, Align::End, &mut page);
            y = last + self.pitch;
        }
        page
    }
}

/// What the contents' pages list: the chapters' titles and first pages,
/// and the width kept for the numbers.
struct Toc<'a> {
    titles: &'a [String],
    first_pages: &'a [usize],
    number_width: Pt,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::parse::parse_article;
    use crate::resolve::{FontBook, load_layout, resolve_doc};
    use crate::shape::{Shaper, prepare_fallbacks, shape_doc};

    const PARA: &str = "她把最后一筐桑叶搬进屋里，才发现门缝底下塞着一封信。信封是牛皮纸的，边角已经被雨水洇湿，上面没有邮票。";

    /// A chapter of `paras` paragraphs in `writing`, laid out as the book
    /// lays it out and as the module alone does, with the body size.
    fn chapter(paras: usize, writing: &str) -> (Vec<Page>, Vec<Page>, Pt) {
        let mut text = format!(
            "+++\nkind = \"serial\"\ntitle = \"第1回\"\nwriting = \"{writing}\"\n[serial]\nwork = \"长河灯影\"\nauthor = \"沈南星\"\ninstallment = 1\n+++\n\n"
        );
        for _ in 0..paras {
            text.push_str(PARA);
            text.push_str("\n\n");
        }
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/t.md");
        let article = parse_article(&path, text.into_bytes()).unwrap();
        let layout = load_layout("book", None).unwrap();
        let mut book = FontBook::new(&[], false).unwrap();
        let roles = book.resolve_roles(&layout).unwrap();
        let doc = resolve_doc(&article, &layout, &roles, None).unwrap();
        let mut warnings = Vec::new();
        let fb = prepare_fallbacks(&doc, &mut book, &mut warnings);
        let vertical = doc.writing == Writing::Vertical;
        let mut shaper = Shaper::new(&book, &doc.lang, fb).vertical(vertical);
        let shaped = shape_doc(&doc, &mut shaper);
        let grid = layout.grid_for(doc.writing);
        let fixed = compose_chapter(&doc, &shaped, &layout, &grid, &mut warnings).unwrap();
        let frame = Frame::full(&grid);
        let plain = compose_module(&doc, &shaped, &layout, &grid, frame, &mut warnings).unwrap();
        (fixed, plain.pages, grid.body_size)
    }

    /// A page's body lines: the distinct block positions (y horizontally,
    /// x vertically) of glyph runs at the body size.
    fn body_lines(page: &Page, size: Pt, vertical: bool) -> BTreeSet<i64> {
        (page.items.iter())
            .filter_map(|i| match i {
                PageItem::Text(r) if (r.size.0 - size.0).abs() < 0.01 => r.glyphs.first(),
                _ => None,
            })
            .map(|g| (if vertical { g.x } else { g.y }).0.round() as i64)
            .collect()
    }

    fn glyphs(pages: &[Page]) -> usize {
        (pages.iter().flat_map(|p| &p.items))
            .map(|i| match i {
                PageItem::Text(r) => r.glyphs.len(),
                _ => 0,
            })
            .sum()
    }

    #[test]
    fn a_chapter_never_ends_on_a_page_of_fewer_than_five_lines() {
        for (writing, vertical) in [("horizontal", false), ("vertical", true)] {
            let mut short_before = 0;
            for paras in 8..40 {
                let (fixed, plain, size) = chapter(paras, writing);
                assert_eq!(fixed.len(), plain.len());
                assert_eq!(
                    glyphs(&fixed),
                    glyphs(&plain),
                    "{paras} paragraphs: glyphs lost"
                );
                let n = fixed.len();
                if n < 2 {
                    continue;
                }
                let lines = |pages: &[Page], k: usize| body_lines(&pages[k], size, vertical).len();
                short_before += (lines(&plain, n - 1) < MIN_LAST_PAGE_LINES) as usize;
                let (prev, last) = (lines(&fixed, n - 2), lines(&fixed, n - 1));
                assert!(
                    last >= MIN_LAST_PAGE_LINES && prev >= MIN_LAST_PAGE_LINES,
                    "{writing}, {paras} paragraphs: {prev} and {last} lines on the last two pages"
                );
                // Nothing moved onto a line already set: as many lines as before.
                assert_eq!(
                    prev + last,
                    lines(&plain, n - 2) + lines(&plain, n - 1),
                    "{writing}, {paras} paragraphs"
                );
            }
            assert!(
                short_before > 0,
                "{writing}: no chapter ended short to begin with"
            );
        }
    }
}
