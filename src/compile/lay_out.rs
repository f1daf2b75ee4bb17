//! Shaping and composing a job's documents into pages, by plan.

use crate::compose::{
    ComposedPages, EditionPage, FlowBreaks, Furniture, Page, PageArticle, PageHead, PageOptions,
    Recall, TitlePage, add_furniture, assemble_book, compose, compose_chapter, compose_edition,
    furniture_style,
};
use crate::error::{Result, Warning};
use crate::model::{Grid, LangFamily, Writing};
use crate::resolve::{Doc, FontBook};
use crate::shape::{
    Fallbacks, ShapedDoc, ShapedPara, Shaper, shape_alt_headline, shape_doc, shape_plain,
};

use super::Report;
use super::cache::Cache;
use super::job::{BookPlan, Job, PagePlan, Plan};
use super::memo::Memo;

/// The pages of a job, and what the PDF needs to know of them.
pub struct Laid {
    pub pages: Vec<Page>,
    /// Each document's title and first page (0-based), for the outline.
    pub outline: Vec<(String, usize)>,
    /// Pages read right to left (a vertical page or book).
    pub right_to_left: bool,
    /// A page manifest's paragraphs in the printed pages' reading order
    /// (article, paragraph); `None`: the documents' own order.
    pub reading: Option<Vec<(usize, usize)>>,
}

/// Shapers for a job's documents, one per language and writing mode, all
/// on the run's one font book: every distinct character and word is shaped
/// once.
pub struct Shapers<'f> {
    fonts: &'f FontBook,
    fallbacks: Fallbacks,
    shapers: Vec<((LangFamily, Writing), Shaper<'f>)>,
    /// Articles shaped by earlier builds of a watching process.
    memo: Option<&'f Memo>,
}

impl<'f> Shapers<'f> {
    pub fn new(fonts: &'f FontBook, fallbacks: Fallbacks) -> Shapers<'f> {
        Shapers {
            fonts,
            fallbacks,
            shapers: Vec::new(),
            memo: None,
        }
    }

    /// Takes articles whose shaping inputs did not change from `memo`,
    /// and keeps the others there.
    pub fn with_memo(mut self, memo: Option<&'f Memo>) -> Shapers<'f> {
        self.memo = memo;
        self
    }

    /// A document's paragraphs shaped, or as the memo has them.
    pub fn shape(&mut self, doc: &Doc) -> ShapedDoc {
        self.shape_keyed(doc).0
    }

    /// [`Shapers::shape`], and the key of its shaping in the memo (none
    /// without a memo).
    fn shape_keyed(&mut self, doc: &Doc) -> (ShapedDoc, Option<[u8; 32]>) {
        let Some(memo) = self.memo else {
            return (shape_doc(doc, self.for_doc(doc)), None);
        };
        let key = super::memo::key(doc, self.fonts, &self.fallbacks);
        if let Some(shaped) = memo.get(&key, doc) {
            return (shaped, Some(key));
        }
        let shaped = shape_doc(doc, self.for_doc(doc));
        memo.put(key, &shaped);
        (shaped, Some(key))
    }

    pub fn for_doc(&mut self, doc: &Doc) -> &mut Shaper<'f> {
        let key = (doc.lang.family, doc.writing);
        let k = match self.shapers.iter().position(|(k, _)| *k == key) {
            Some(k) => k,
            None => {
                let shaper = Shaper::new(self.fonts, &doc.lang, self.fallbacks.clone())
                    .vertical(doc.writing == Writing::Vertical);
                self.shapers.push((key, shaper));
                self.shapers.len() - 1
            }
        };
        &mut self.shapers[k].1
    }

    /// A shaper for page furniture (running heads, folios), which is always
    /// horizontal and set in fonts every layout has.
    fn furniture(&self, doc: &Doc) -> Shaper<'f> {
        Shaper::new(self.fonts, &doc.lang, Fallbacks::default())
    }
}

/// What laying out a book needs from the command line.
pub struct BookRun<'a> {
    pub cache: Option<std::path::PathBuf>,
    pub progress: Option<&'a super::Progress>,
}

pub fn lay_out(
    job: &Job,
    shapers: &mut Shapers,
    book: &BookRun,
    report: &mut Report,
) -> Result<Laid> {
    match &job.plan {
        Plan::Article => article(job, shapers, &mut report.warnings),
        Plan::Page(plan) => page(job, plan, shapers, &mut report.warnings),
        Plan::Book(plan) => chapters(job, plan, shapers, book, report),
    }
}

fn article(job: &Job, shapers: &mut Shapers, warnings: &mut Vec<Warning>) -> Result<Laid> {
    let doc = &job.docs[0];
    let shaped = shapers.shape(doc);
    let mut shaper = shapers.furniture(doc);
    let mut furniture = |f: Furniture, text: &str| -> ShapedPara {
        shape_plain(&mut shaper, furniture_style(doc, f), text)
    };
    let pages = compose(doc, &shaped, &job.layout, &mut furniture, warnings)?;
    Ok(Laid {
        pages,
        outline: vec![(doc.title.clone(), 0)],
        right_to_left: doc.writing == Writing::Vertical,
        reading: None,
    })
}

fn page(
    job: &Job,
    plan: &PagePlan,
    shapers: &mut Shapers,
    warnings: &mut Vec<Warning>,
) -> Result<Laid> {
    let (_, composed) = compose_manifest(job, plan, shapers, warnings)?;
    let grid = job.layout.grid_for(job.layout.writing);
    warnings.extend(super::summary::summary(job, plan, &composed));
    if let Some(memo) = shapers.memo {
        for &recalled in &composed.recalled {
            memo.count_page(recalled);
        }
    }
    let mut pages = composed.pages;
    // Each page's furniture in the language of its first article; pages
    // after an edition's last take its furniture, numbered on.
    let first = plan.pages[0].head.first_number;
    for (k, page) in pages.iter_mut().enumerate() {
        let p = &plan.pages[k.min(plan.pages.len() - 1)];
        let doc = &job.docs[p.articles.start];
        let head = PageHead {
            first_number: first + k as u32,
            ..p.head.clone()
        };
        let mut shaper = shapers.furniture(doc);
        let mut furniture = |f: Furniture, text: &str| -> ShapedPara {
            shape_plain(&mut shaper, furniture_style(doc, f), text)
        };
        let frames = composed.frames.get(k..=k).unwrap_or(&[]);
        add_furniture(
            std::slice::from_mut(page),
            &grid,
            frames,
            &head,
            &mut furniture,
        );
    }
    Ok(Laid {
        pages,
        outline: composed.outline,
        right_to_left: grid.vertical,
        reading: Some(composed.reading),
    })
}

/// Chapters from the cache, the others shaped and laid out in parallel a
/// batch at a time; results keep their order, so the bytes do not depend
/// on the threads.
fn chapters(
    job: &Job,
    plan: &BookPlan,
    shapers: &mut Shapers,
    run: &BookRun,
    report: &mut Report,
) -> Result<Laid> {
    let docs = &job.docs;
    let first = &docs[0];
    let grid = job.layout.grid_for(first.writing);
    // The cache's keys include every font loaded, fallbacks too.
    let cache = run
        .cache
        .clone()
        .map(|dir| Cache::new(dir, &job.layout, &job.fonts, docs, &plan.sources));
    let mut bodies: Vec<Option<Vec<Page>>> = (0..docs.len())
        .map(|k| cache.as_ref().and_then(|c| c.load(k)))
        .collect();
    report
        .warnings
        .extend(cache.as_ref().map(Cache::take_warnings).unwrap_or_default());
    let mut done = bodies.iter().filter(|b| b.is_some()).count();
    let todo: Vec<usize> = (0..docs.len()).filter(|&k| bodies[k].is_none()).collect();
    compose_in_order(job, &todo, shapers, &grid, cache.as_ref(), |k, pages, w| {
        report.warnings.extend(w);
        bodies[k] = Some(pages?);
        done += 1;
        if let Some(p) = run.progress {
            (p.0)(done, docs.len());
        }
        Ok(())
    })?;
    report.cached = cache.as_ref().map_or(0, Cache::hits);
    if let Some(c) = cache {
        c.finish();
    }
    let titles: Vec<String> = docs.iter().map(|d| d.title.clone()).collect();
    let mut shaper = shapers.furniture(first);
    let mut furniture = |f: Furniture, text: &str| -> ShapedPara {
        shape_plain(&mut shaper, furniture_style(first, f), text)
    };
    let title = TitlePage {
        work: &plan.work,
        author: &plan.author,
        labels: crate::model::Labels::of(first.lang.family),
    };
    let bodies = bodies.into_iter().flatten().collect();
    // A furniture shaper for each share of the chapters (shapes do not
    // depend on a shaper's caches).
    let fonts = shapers.fonts;
    let furnish = |bodies: &mut [Vec<Page>], heads: &[PageHead]| {
        let mut shaper = Shaper::new(fonts, &first.lang, Fallbacks::default());
        let mut furniture = |f: Furniture, text: &str| -> ShapedPara {
            shape_plain(&mut shaper, furniture_style(first, f), text)
        };
        for (body, head) in bodies.iter_mut().zip(heads) {
            add_furniture(body, &grid, &[], head, &mut furniture);
        }
    };
    let book = assemble_book(
        &title,
        &titles,
        bodies,
        &job.layout,
        &mut furniture,
        &furnish,
    );
    Ok(Laid {
        pages: book.pages,
        outline: book.outline,
        right_to_left: grid.vertical,
        reading: None,
    })
}

/// Shapes and composes the chapters `todo`, storing each in the `cache`
/// and handing its pages and warnings to `laid` in order (an error there
/// stops the run). Each chapter is shaped and composed on one thread, a
/// batch at a time, with a shaper from a [`ShaperPool`]: a shaper's caches
/// only remember what shaping gives anyway, so the shapes, and the bytes,
/// are the same whichever shaper (and thread) took a chapter.
fn compose_in_order(
    job: &Job,
    todo: &[usize],
    shapers: &mut Shapers,
    grid: &Grid,
    cache: Option<&Cache>,
    mut laid: impl FnMut(usize, Result<Vec<Page>>, Vec<Warning>) -> Result<()>,
) -> Result<()> {
    use rayon::prelude::*;
    let docs = &job.docs;
    let pool = ShaperPool::from(shapers);
    let one = |k: usize| {
        let shaped = pool.shape(&docs[k]);
        let mut w = Vec::new();
        let pages = compose_chapter(&docs[k], &shaped, &job.layout, grid, &mut w);
        if let (Ok(pages), Some(c)) = (&pages, cache) {
            c.store(k, pages);
        }
        (pages, w)
    };
    let mut result = Ok(());
    for batch in todo.chunks(64) {
        let composed: Vec<(Result<Vec<Page>>, Vec<Warning>)> =
            batch.par_iter().map(|&k| one(k)).collect();
        result = (batch.iter().zip(composed)).try_for_each(|(&k, (pages, w))| laid(k, pages, w));
        if result.is_err() {
            break;
        }
    }
    pool.give_back(shapers);
    result
}

/// Shapers for chapters shaped on several threads at once: a thread takes
/// a free shaper of the chapter's language and writing mode (a new one
/// when none is free) and puts it back when done, so there are never more
/// shapers than threads, and each keeps its caches from chapter to chapter.
struct ShaperPool<'f> {
    fonts: &'f FontBook,
    fallbacks: Fallbacks,
    free: std::sync::Mutex<Vec<((LangFamily, Writing), Shaper<'f>)>>,
}

impl<'f> ShaperPool<'f> {
    /// A pool holding the shapers `shapers` made so far.
    fn from(shapers: &mut Shapers<'f>) -> ShaperPool<'f> {
        ShaperPool {
            fonts: shapers.fonts,
            fallbacks: shapers.fallbacks.clone(),
            free: std::sync::Mutex::new(std::mem::take(&mut shapers.shapers)),
        }
    }

    /// `doc` shaped with a free shaper of its kind.
    fn shape(&self, doc: &Doc) -> ShapedDoc {
        let key = (doc.lang.family, doc.writing);
        let taken = {
            let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
            let at = free.iter().position(|(k, _)| *k == key);
            at.map(|k| free.swap_remove(k))
        };
        let mut shaper = taken.map(|(_, s)| s).unwrap_or_else(|| {
            Shaper::new(self.fonts, &doc.lang, self.fallbacks.clone())
                .vertical(doc.writing == Writing::Vertical)
        });
        let shaped = shape_doc(doc, &mut shaper);
        // A thread that panicked while holding the lock left a whole list.
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        free.push((key, shaper));
        shaped
    }

    /// The shapers back to `shapers`, for what is shaped after the chapters.
    fn give_back(self, shapers: &mut Shapers<'f>) {
        let free = self.free.into_inner().unwrap_or_else(|e| e.into_inner());
        shapers.shapers.extend(free);
    }
}

/// A manifest's (or an edition's) articles shaped and composed on its
/// pages: the shaped documents (in manifest order) and the composed pages.
pub fn compose_manifest(
    job: &Job,
    plan: &PagePlan,
    shapers: &mut Shapers,
    warnings: &mut Vec<Warning>,
) -> Result<(Vec<ShapedDoc>, ComposedPages)> {
    let (shaped, keys): (Vec<_>, Vec<_>) =
        job.docs.iter().map(|doc| shapers.shape_keyed(doc)).unzip();
    // In a watching process, each article's key in the memo, from which
    // the composer keys its variants and modules.
    let memo = shapers.memo;
    let recall = |(doc, part): (&Doc, &super::job::PagePart), key: Option<[u8; 32]>| {
        let memo: &dyn Recall = memo?;
        Some((memo, super::memo::article_key(&key?, doc, &part.layout)))
    };
    let recalls: Vec<_> = (job.docs.iter().zip(&plan.parts).zip(keys))
        .map(|(article, key)| recall(article, key))
        .collect();
    // Each article's paragraph breaks, kept for all its modules: its
    // variants and every make-up of its page.
    let breaks: Vec<FlowBreaks> = shaped.iter().map(|_| FlowBreaks::default()).collect();
    // Each article with its headline in its alternate face, for the pages
    // made up automatically (against headlines run together).
    let filled = |i: usize| (plan.pages.iter()).any(|p| p.fill && p.articles.contains(&i));
    let alts: Vec<Option<ShapedDoc>> = (job.docs.iter().zip(&shaped).enumerate())
        .map(|(i, (doc, shaped))| match filled(i) {
            true => shape_alt_headline(doc, shaped, shapers.for_doc(doc)),
            false => None,
        })
        .collect();
    let articles: Vec<PageArticle> = (job.docs.iter().zip(&shaped).zip(&plan.parts))
        .zip(recalls.into_iter().zip(&breaks).zip(&alts))
        .map(
            |(((doc, shaped), part), ((recall, breaks), alt))| PageArticle {
                doc,
                shaped,
                layout: &part.layout,
                placement: part.placement,
                at: part.at.clone(),
                recall,
                rest: None,
                held: None,
                breaks: Some(breaks),
                alt: alt.as_ref(),
            },
        )
        .collect();
    let pages: Vec<EditionPage> = (plan.pages.iter())
        .map(|p| EditionPage {
            articles: p.articles.clone(),
            fill: p.fill,
        })
        .collect();
    // The page's grid follows the layout; an article of the other writing
    // mode gets a grid of its own inside its frame (a vertical serial box).
    let grid = job.layout.grid_for(job.layout.writing);
    // Jump lines of continued modules, in each article's language and
    // writing mode: in a vertical module a page number stands upright
    // across its line (纵中横), not on its side.
    let shapers = &*shapers;
    let shape = |doc: &Doc, f: Furniture, text: &str| {
        let vertical = doc.writing == Writing::Vertical;
        let mut shaper = shapers.furniture(doc).vertical(vertical);
        shape_plain(&mut shaper, furniture_style(doc, f), text)
    };
    let mut jumps = PageOptions {
        first_number: plan.pages[0].head.first_number,
        no_continue: plan.no_continue,
        hold: true,
        shape: &shape,
        laid: Default::default(),
    };
    let composed = compose_edition(&articles, &pages, &grid, &mut jumps, warnings)?;
    drop(articles);
    Ok((shaped, composed))
}
