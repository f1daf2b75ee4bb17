//! The book edition of a serial: a title page, a table of contents with
//! page numbers, then every installment as a chapter starting on a new
//! page, with running heads (work, chapter) and folios.

use super::furniture::{Shape, place_single, type_area};
use super::{Frame, Furniture, PageHead, add_furniture, compose_module};
use super::{Page, PageItem, Rule};
use crate::error::{Result, Warning};
use crate::model::{Align, Grid, Labels};
use crate::resolve::{Doc, Layout};
use crate::shape::ShapedDoc;
use crate::shape::ShapedPara;
use crate::units::Pt;

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
    Ok(compose_module(doc, shaped, layout, grid, Frame::full(grid), warnings)?.pages)
}

/// Puts the book together: title page, contents, and the chapters' pages
/// (from [`compose_chapter`], or the cache) with running heads and folios.
pub fn assemble_book(
    title_page: &TitlePage,
    titles: &[String],
    bodies: Vec<Vec<Page>>,
    layout: &Layout,
    grid: &Grid,
    furniture: &mut dyn FnMut(Furniture, &str) -> ShapedPara,
) -> Book {
    // The type area in horizontal terms, for the title page and contents
    // (set horizontally in vertical books too).
    let front = Front::of(layout);
    let toc_pages = titles.len().div_ceil(front.per_page).max(1);
    let mut first_pages = Vec::with_capacity(titles.len());
    let mut next = 2 + toc_pages;
    for b in &bodies {
        first_pages.push(next);
        next += b.len();
    }
    let mut pages = Vec::with_capacity(next);
    pages.push(front.title_page(title_page, furniture));
    for chunk in 0..toc_pages {
        pages.push(front.contents_page(chunk, titles, &first_pages, title_page.labels, furniture));
    }
    let mut outline = Vec::with_capacity(titles.len());
    for (title, mut body) in titles.iter().zip(bodies) {
        let head = PageHead {
            start: title_page.work.to_string(),
            end: Some(title.clone()),
            edition: false,
            credits: None,
            first_number: pages.len() as u32 + 1,
            labels: title_page.labels,
        };
        add_furniture(&mut body, grid, &[], &head, furniture);
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

    /// Page `chunk` of the contents: each chapter's title and first page,
    /// under a rule (and the heading, on the first).
    fn contents_page(
        &self,
        chunk: usize,
        titles: &[String],
        first_pages: &[usize],
        labels: &Labels,
        furniture: Shape,
    ) -> Page {
        let mut page = self.blank();
        let mut y = self.y0 + self.pitch * 1.5;
        if chunk == 0 {
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
        let entries = titles.iter().enumerate().skip(chunk * self.per_page);
        for (i, title) in entries.take(self.per_page) {
            let entry = furniture(Furniture::TocEntry, title);
            self.line(&entry, y, Align::Start, &mut page);
            let number = furniture(Furniture::TocEntry, &first_pages[i].to_string());
            self.line(&number, y, Align::End, &mut page);
            y += self.pitch;
        }
        page
    }
}
