//! The book edition of a serial: a title page, a table of contents with
//! page numbers, then every installment as a chapter starting on a new
//! page, with running heads (work, chapter) and folios.

use super::furniture::place_single;
use super::{Frame, Furniture, PageHead, add_furniture, compose_module};
use super::{Page, PageItem, Rule};
use crate::error::{Result, Warning};
use crate::resolve::{Align, Doc, Grid, Layout};
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
    let (work, author) = (title_page.work, title_page.author);
    let blank = |layout: &Layout| Page {
        number: 0,
        width: layout.page.width.0,
        height: layout.page.height.0,
        items: Vec::new(),
    };
    // The type area in horizontal terms, for the title page and contents
    // (set horizontally in vertical books too).
    let h = layout.grid_for(crate::parse::Writing::Horizontal);
    let (x0, y0, x1, y1) = h.area();
    let width = x1 - x0;
    let per_page = (h.lines.saturating_sub(4)).max(1) as usize;
    let toc_pages = titles.len().div_ceil(per_page).max(1);
    let mut first_pages = Vec::with_capacity(titles.len());
    let mut next = 2 + toc_pages;
    for b in &bodies {
        first_pages.push(next);
        next += b.len();
    }

    let mut pages = Vec::with_capacity(next);
    // Title page: the work and its author.
    let mut title = blank(layout);
    let t = furniture(Furniture::BookTitle, work);
    place_single(
        &t,
        x0,
        width,
        y0 + (y1 - y0) * 0.33,
        Align::Center,
        &mut title.items,
    );
    let a = furniture(Furniture::BookAuthor, &format!("{author} 著"));
    place_single(
        &a,
        x0,
        width,
        y0 + (y1 - y0) * 0.33 + h.pitch * 3.0,
        Align::Center,
        &mut title.items,
    );
    pages.push(title);
    // Contents: each chapter's title and first page.
    for chunk in 0..toc_pages {
        let mut page = blank(layout);
        let mut y = y0 + h.pitch * 1.5;
        if chunk == 0 {
            let head = furniture(Furniture::BookTitle, "目录");
            place_single(&head, x0, width, y, Align::Center, &mut page.items);
        }
        y += h.pitch * 2.5;
        page.items.push(PageItem::Rule(Rule {
            x0,
            y0: y - h.pitch,
            x1,
            y1: y - h.pitch,
            width: Pt(0.5),
        }));
        for (i, title) in titles
            .iter()
            .enumerate()
            .skip(chunk * per_page)
            .take(per_page)
        {
            let entry = furniture(Furniture::TocEntry, title);
            place_single(&entry, x0, width, y, Align::Start, &mut page.items);
            let number = furniture(Furniture::TocEntry, &first_pages[i].to_string());
            place_single(&number, x0, width, y, Align::End, &mut page.items);
            y += h.pitch;
        }
        pages.push(page);
    }
    let mut outline = Vec::with_capacity(titles.len());
    for (title, mut body) in titles.iter().zip(bodies) {
        let head = PageHead {
            start: work.to_string(),
            end: Some(title.clone()),
            edition: false,
            credits: None,
            first_number: pages.len() as u32 + 1,
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
