//! The job: what one input asks for, resolved. Each input kind (article,
//! page manifest, serial folder) builds one [`Job`]; everything after that
//! is the same pipeline.

use std::path::{Path, PathBuf};

use crate::compose::{PageHead, Placement};
use crate::error::{Error, Result, Stage, Warning};
use crate::model::Scheme;
use crate::model::{Labels, Lang};
use crate::parse::{
    EpubLayout, parse_article, read_article, read_article_bytes, read_manifest, read_serial,
};
use crate::resolve::{
    DEFAULT_LAYOUT, Doc, DocSettings, Flow, FontBook, Layout, Roles, article_lang, load_layout,
    resolve_doc_with,
};
use crate::source::Located;

use super::Options;
use super::output::{Output, wanted_outputs, wanted_outputs_with};
use super::write::{Timestamp, timestamp};

/// One input, resolved: its documents, how they are laid out, the fonts
/// (one owner for the whole run) and the outputs wanted.
pub struct Job {
    pub input: PathBuf,
    /// The article's, page's or book's layout.
    pub layout: Layout,
    pub docs: Vec<Doc>,
    pub plan: Plan,
    pub meta: JobMeta,
    pub fonts: FontBook,
    pub outputs: Vec<Output>,
    /// Found while the job was made: font roles without TC faces.
    pub warnings: Vec<Warning>,
    /// Fonts for the characters of the drawn cover its faces lack (found
    /// by the run when an EPUB draws one).
    pub cover_fallbacks: crate::shape::Fallbacks,
    /// A watching process's memo of earlier builds (`Options::memo`).
    pub memo: Option<std::sync::Arc<super::Memo>>,
}

/// How the documents become pages.
pub enum Plan {
    /// One article on pages of its own.
    Article,
    /// Articles side by side on a newspaper page.
    Page(PagePlan),
    /// A serial's installments as the chapters of a book.
    Book(BookPlan),
}

pub struct PagePlan {
    pub manifest: PathBuf,
    /// Per document: its layout (the page's, with the article's own
    /// punctuation), its place on the grid, and where the manifest names it.
    pub parts: Vec<PagePart>,
    /// The pages in order (one, or an edition's), each with its articles.
    pub pages: Vec<PlanPage>,
    /// An article that does not fit is an error.
    pub no_continue: bool,
}

/// One page of a manifest or edition.
pub struct PlanPage {
    pub head: PageHead,
    /// Automatic make-up.
    pub fill: bool,
    /// Its articles: a range of the plan's parts and the job's documents.
    pub articles: std::ops::Range<usize>,
    /// The manifest that describes it (an edition's listed page, or the
    /// manifest itself), for messages.
    pub manifest: PathBuf,
}

pub struct PagePart {
    pub layout: Layout,
    pub placement: Placement,
    pub at: Located,
}

pub struct BookPlan {
    pub work: String,
    pub author: String,
    /// Per installment file: a SHA-256 of its bytes as read, for the
    /// chapter cache's keys.
    pub sources: std::collections::HashMap<PathBuf, [u8; 32]>,
}

/// What the outputs say about the whole job.
pub struct JobMeta {
    pub title: String,
    pub author: Option<String>,
    pub subject: Option<String>,
    pub lang: Lang,
    pub date: Option<Timestamp>,
    /// The EPUB's cover page: its title and the line under it (the
    /// author, the byline, the page's date).
    pub cover: Option<(String, String)>,
    /// A serial's book edition: the series itself, not a part of it.
    pub book: bool,
    /// The paper a page is printed in: the EPUB's dc:publisher.
    pub publisher: Option<String>,
    /// The pages' credits (责任编辑, 质检) as (name, MARC role): the EPUB's
    /// creators after the bylines' people.
    pub credits: Vec<(String, &'static str)>,
}

impl Job {
    /// Every file the run reads (that exists): the input, the manifest or
    /// serial.toml, the articles, figures, layout and fonts. No output may
    /// replace one of them.
    pub fn input_files(&self) -> Vec<PathBuf> {
        let mut files = vec![
            self.input.clone(),
            self.input.join("serial.toml"),
            self.layout.origin.clone(),
        ];
        if let Plan::Page(p) = &self.plan {
            files.push(p.manifest.clone());
            files.extend(p.pages.iter().map(|page| page.manifest.clone()));
        }
        for d in &self.docs {
            files.push(d.path.clone());
            files.extend(d.flow.iter().filter_map(|f| match f {
                Flow::Figure(fig) => Some(fig.path.clone()),
                _ => None,
            }));
        }
        files.extend(self.fonts.fonts().map(|(_, f)| f.path.clone()));
        files
    }

    /// Reads and resolves the input, whatever its kind.
    pub fn read(opts: &Options) -> Result<Job> {
        let input = &opts.input;
        if input.is_dir() {
            return book_job(opts);
        }
        match input.extension().and_then(|e| e.to_str()) {
            Some("md") | Some("markdown") => article_job(opts),
            Some("toml") => page_job(opts),
            _ => Err(Error::new(
                Stage::Parse,
                format!("{} is not an article (.md)", input.display()),
            )
            .hint("articles are Markdown files with TOML front matter, named NAME.md")),
        }
    }
}

/// The roles' notes on missing TC faces, as warnings.
fn font_warnings(roles: &mut Roles) -> Vec<Warning> {
    roles
        .take_notes()
        .into_iter()
        .map(|message| Warning {
            location: None,
            message,
        })
        .collect()
}

fn fonts_for(opts: &Options, layout: &Layout) -> Result<(FontBook, Roles)> {
    let mut fonts = FontBook::new(&opts.font_dirs, opts.system_fonts)?;
    let roles = fonts.resolve_roles(layout)?;
    Ok((fonts, roles))
}

/// Resolves one article, loading first the faces its language needs.
fn resolve_with_fonts(
    article: &crate::parse::Article,
    layout: &Layout,
    (fonts, roles): (&mut FontBook, &mut Roles),
    settings: &DocSettings,
) -> Result<Doc> {
    let lang = article_lang(article, settings);
    roles.load_for(fonts, layout, lang.family)?;
    resolve_doc_with(article, layout, roles, settings)
}

/// A serial's installments resolved: the faces each one's language needs
/// loaded first, in order (loading numbers them in the font book), then
/// the installments in parallel. The error is the one resolving them in
/// turn meets first.
fn resolve_installments(
    installments: &[crate::parse::Article],
    layout: &Layout,
    (fonts, roles): (&mut FontBook, &mut Roles),
    settings: &DocSettings,
) -> Result<Vec<Doc>> {
    use rayon::prelude::*;
    let mut loaded = Ok(());
    let mut ready = installments.len();
    for (k, a) in installments.iter().enumerate() {
        let lang = article_lang(a, settings);
        if let Err(e) = roles.load_for(fonts, layout, lang.family) {
            (loaded, ready) = (Err(e), k);
            break;
        }
    }
    let roles = &*roles;
    let docs: Vec<Result<Doc>> = installments[..ready]
        .par_iter()
        .map(|a| resolve_doc_with(a, layout, roles, settings))
        .collect();
    let docs = docs.into_iter().collect::<Result<Vec<Doc>>>()?;
    loaded.map(|()| docs)
}

fn article_job(opts: &Options) -> Result<Job> {
    let input = &opts.input;
    let article = read_article(input)?;
    let layout = load_layout(
        opts.layout.as_deref().unwrap_or(DEFAULT_LAYOUT),
        input.parent(),
    )?;
    let (mut fonts, mut roles) = fonts_for(opts, &layout)?;
    let settings = DocSettings {
        writing: opts.writing,
        allow_outside: opts.allow_outside,
        pdf_pixels: opts.pdf_pixels(),
        ..DocSettings::default()
    };
    let doc = resolve_with_fonts(&article, &layout, (&mut fonts, &mut roles), &settings)?;
    let meta = JobMeta {
        title: doc.title.clone(),
        author: doc.author.clone(),
        subject: article.meta.deck.as_ref().map(|d| d.text.clone()),
        lang: doc.lang.clone(),
        date: timestamp(opts.source_date_epoch, doc.date),
        cover: Some((doc.title.clone(), doc.author.clone().unwrap_or_default())),
        book: false,
        publisher: None,
        credits: Vec::new(),
    };
    Ok(Job {
        input: input.clone(),
        outputs: wanted_outputs(opts, &input.with_extension(""))?,
        layout,
        docs: vec![doc],
        plan: Plan::Article,
        meta,
        fonts,
        warnings: font_warnings(&mut roles),
        cover_fallbacks: Default::default(),
        memo: opts.memo.clone(),
    })
}

/// A page manifest: several articles side by side on one page, continuing
/// onto further pages when they do not fit; one EPUB chapter each. An
/// edition: its pages in order, each page's articles so.
fn page_job(opts: &Options) -> Result<Job> {
    let m = read_manifest(&opts.input)?;
    let spec = opts.layout.clone().or(m.layout.clone());
    let layout = load_layout(
        spec.as_deref().unwrap_or(DEFAULT_LAYOUT),
        opts.input.parent(),
    )
    .map_err(|e| match &m.layout_at {
        // The manifest's own `layout = "…"` is where the fault is.
        Some(at) if e.location.is_none() && opts.layout.is_none() => e.at(at.clone()),
        _ => e,
    })?;
    // `--writing` turns the page with its articles (an article's own
    // `writing` key still sets it apart, in a box on a grid of its own).
    let layout = match opts.writing {
        Some(w) => layout.turned(w),
        None => layout,
    };
    let (mut fonts, mut roles) = fonts_for(opts, &layout)?;
    let mut docs = Vec::new();
    let mut parts = Vec::new();
    let mut pages = Vec::with_capacity(m.pages.len());
    for p in &m.pages {
        let start = docs.len();
        for a in &p.articles {
            let at = Located::new(&p.path, a.loc);
            let (doc, part) = page_part(opts, a, at, &layout, (&mut fonts, &mut roles))?;
            docs.push(doc);
            parts.push(part);
        }
        let fill = opts.fill || p.page.fill;
        // A page speaks the language of its first article.
        let labels = Labels::of(docs[start].lang.family);
        pages.push(PlanPage {
            head: page_head(&p.page, labels),
            fill,
            articles: start..docs.len(),
            manifest: p.path.clone(),
        });
    }
    let page = &m.pages[0].page;
    let labels = Labels::of(docs[0].lang.family);
    let last = m.pages.last().map_or(page.number, |p| p.page.number);
    let title = page_title(page, last, labels);
    let meta = JobMeta {
        cover: Some((
            title.clone(),
            page.date.map(|d| d.chinese()).unwrap_or_default(),
        )),
        book: false,
        title,
        author: page.editor.clone(),
        subject: None,
        lang: docs[0].lang.clone(),
        // A page without a date of its own takes its newest article's.
        date: timestamp(
            opts.source_date_epoch,
            docs[0].date.or(page.date).or_else(|| newest(&docs)),
        ),
        publisher: m.pages.iter().find_map(|p| p.page.paper.clone()),
        credits: page_credits(&m.pages),
    };
    let plan = PagePlan {
        manifest: m.path.clone(),
        parts,
        pages,
        no_continue: opts.no_continue,
    };
    Ok(Job {
        input: opts.input.clone(),
        outputs: wanted_outputs_with(
            opts,
            &opts.input.with_extension(""),
            opts.fixed_epub
                .unwrap_or(page.epub_layout == Some(EpubLayout::Fixed)),
        )?,
        layout,
        docs,
        plan: Plan::Page(plan),
        meta,
        fonts,
        warnings: font_warnings(&mut roles),
        cover_fallbacks: Default::default(),
        memo: opts.memo.clone(),
    })
}

/// One article of a page: read, resolved with its own layout (the page's,
/// with the article's punctuation and lead), and its place on the grid.
fn page_part(
    opts: &Options,
    a: &crate::parse::PlacedArticle,
    at: Located,
    layout: &Layout,
    fonts: (&mut FontBook, &mut Roles),
) -> Result<(Doc, PagePart)> {
    if !a.file.is_file() {
        return Err(Error::new(
            Stage::Parse,
            format!(
                "the manifest names {}, which does not exist",
                a.file.display()
            ),
        )
        .at(at)
        .hint("file = is relative to the manifest's folder"));
    }
    let folder = at.path.parent().unwrap_or(Path::new("."));
    if let Some(real) = crate::fsio::outside(&a.file, folder).filter(|_| !opts.allow_outside) {
        return Err(Error::new(
            Stage::Parse,
            format!(
                "the manifest names {}, which lies outside its folder (at {})",
                a.file.display(),
                real.display()
            ),
        )
        .at(at)
        .hint(crate::fsio::OUTSIDE_HINT));
    }
    let article = read_article(&a.file)?;
    let mut own = layout.clone();
    if let Some((name, loc)) = &a.punctuation {
        own.text.punctuation = Some(scheme(name, Located::new(&at.path, *loc))?);
    }
    // A lead across the columns has its own style (larger, a measure
    // of several columns).
    if a.lead.is_across() {
        own.styles.lead = own.styles.lead_span.clone();
    }
    let settings = DocSettings {
        writing: a.writing.or(opts.writing),
        allow_outside: opts.allow_outside,
        pdf_pixels: opts.pdf_pixels(),
        ..DocSettings::default()
    };
    let doc = resolve_with_fonts(&article, &own, fonts, &settings)?;
    let placement = Placement {
        column: a.column.map(|c| c - 1),
        columns: a.columns,
        row: a.row.map(|r| r - 1),
        rows: a.rows,
        foot: a.foot,
        split: a.split,
        boxed: a.boxed,
        lead: a.lead,
        lead_story: false,
        figure: None,
        edge_above: false,
        headline_most: None,
        grown_most: None,
        parted: crate::compose::frame::Parted::Not,
        cut: false,
        held: false,
    };
    Ok((
        doc,
        PagePart {
            layout: own,
            placement,
            at,
        },
    ))
}

fn scheme(name: &str, at: Located) -> Result<Scheme> {
    Scheme::from_name(name).ok_or_else(|| {
        Error::new(
            Stage::Resolve,
            format!("unknown punctuation scheme \"{name}\""),
        )
        .at(at)
        .hint(format!(
            "{}use quanjiao, kaiming, banjiao or centred",
            crate::diag::did_you_mean(name, ["quanjiao", "kaiming", "banjiao", "centred"])
        ))
    })
}

/// Every page's editor (MARC `edt`) and proofreader (`pfr`), each once.
fn page_credits(pages: &[crate::parse::ManifestPage]) -> Vec<(String, &'static str)> {
    let mut credits: Vec<(String, &'static str)> = Vec::new();
    for p in pages {
        let named = [(&p.page.editor, "edt"), (&p.page.proofreader, "pfr")];
        for (name, role) in named {
            if let Some(n) = name
                && !credits.iter().any(|(m, r)| m == n && *r == role)
            {
                credits.push((n.clone(), role));
            }
        }
    }
    credits
}

/// 报名 第N版 版名: the page's title in the PDF and EPUB; an edition's
/// names its first and last page (第12版–第13版).
fn page_title(page: &crate::parse::PageInfo, last: u32, labels: &Labels) -> String {
    let number = if last == page.number {
        labels.page(page.number)
    } else {
        format!("{}–{}", labels.page(page.number), labels.page(last))
    };
    [page.paper.clone(), Some(number), page.section.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page's furniture: 报眉 (paper and section; date and 第N版) and the
/// credits line.
fn page_head(page: &crate::parse::PageInfo, labels: &'static Labels) -> PageHead {
    let credits = labels.credits(page.editor.as_deref(), page.proofreader.as_deref());
    PageHead {
        start: [page.paper.clone(), page.section.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("　"),
        end: page.date.map(|d| d.chinese()),
        edition: true,
        credits,
        first_number: page.number,
        labels,
    }
}

/// A serial folder: every installment a chapter of one book. The serial's
/// language and writing mode are the installments' defaults; the book has
/// one writing mode.
fn book_job(opts: &Options) -> Result<Job> {
    let dir = &opts.input;
    let sources = std::sync::Mutex::new(std::collections::HashMap::new());
    let serial = read_serial(dir, &|p| {
        if let Some(real) = crate::fsio::outside(p, dir).filter(|_| !opts.allow_outside) {
            return Err(Error::new(
                Stage::Parse,
                format!(
                    "the installment {} lies outside the serial's folder (at {})",
                    p.display(),
                    real.display()
                ),
            )
            .hint(crate::fsio::OUTSIDE_HINT));
        }
        let bytes = read_article_bytes(p)?;
        let digest = <sha2::Sha256 as sha2::Digest>::digest(&bytes);
        // A thread that panicked while holding the lock left a whole map.
        let mut sources = sources.lock().unwrap_or_else(|e| e.into_inner());
        sources.insert(p.to_path_buf(), digest.into());
        drop(sources);
        parse_article(p, bytes)
    })?;
    let spec = opts.layout.clone().or(serial.layout.clone());
    let layout = load_layout(spec.as_deref().unwrap_or("book"), Some(dir)).map_err(|e| {
        match &serial.layout_at {
            // serial.toml's own `layout = "…"` is where the fault is.
            Some(at) if e.location.is_none() && opts.layout.is_none() => e.at(at.clone()),
            _ => e,
        }
    })?;
    let (mut fonts, mut roles) = fonts_for(opts, &layout)?;
    let settings = DocSettings {
        writing: Some(opts.writing.or(serial.writing).unwrap_or(layout.writing)),
        default_lang: serial.lang.clone(),
        default_writing: None,
        chapter: true,
        allow_outside: opts.allow_outside,
        pdf_pixels: opts.pdf_pixels(),
    };
    let docs = resolve_installments(
        &serial.installments,
        &layout,
        (&mut fonts, &mut roles),
        &settings,
    )?;
    let meta = JobMeta {
        title: serial.work.clone(),
        author: Some(serial.author.clone()),
        subject: None,
        // read_serial refuses a folder without installments.
        lang: docs[0].lang.clone(),
        date: timestamp(opts.source_date_epoch, newest(&docs)),
        cover: Some((
            serial.work.clone(),
            Labels::of(docs[0].lang.family).author(&serial.author),
        )),
        book: true,
        publisher: None,
        credits: Vec::new(),
    };
    let name = dir.file_name().map_or("book".into(), |n| n.to_os_string());
    Ok(Job {
        input: dir.clone(),
        outputs: wanted_outputs(opts, &dir.join(name))?,
        layout,
        docs,
        plan: Plan::Book(BookPlan {
            work: serial.work,
            author: serial.author,
            sources: sources.into_inner().unwrap_or_else(|e| e.into_inner()),
        }),
        meta,
        fonts,
        warnings: font_warnings(&mut roles),
        cover_fallbacks: Default::default(),
        memo: opts.memo.clone(),
    })
}

/// The latest date of the documents (the newest installment's), if any
/// has one.
fn newest(docs: &[Doc]) -> Option<crate::parse::Date> {
    docs.iter().filter_map(|d| d.date).max()
}

/// The default output beside the input: `stem` with the format's extension.
pub fn beside(stem: &Path, ext: &str) -> PathBuf {
    let mut name = stem.as_os_str().to_os_string();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}
