//! What a long-running `typeset watch` or `typeset serve` keeps from one
//! build to the next: each article's shaped paragraphs, by a hash of
//! everything shaping reads (the paragraphs and their styles, the
//! language and writing mode, the fonts loaded and the fallbacks found).
//! A save of one article shapes that article again; the others are taken
//! as they were. On a page manifest the memo also keeps what the make-up
//! computed of each article ([`crate::compose::Recall`]): its variants
//! (its modules' heights at every span) and its placed modules, by keys
//! the composer extends from the article's ([`article_key`]: its text,
//! figures, layout and fonts).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::compose::{Key, Module, Page, PageItem, Recall, Variants};
use crate::error::Warning;
use crate::model::FontId;
use crate::pdf::{Packed, Packs};
use crate::render::Outlines;
use crate::resolve::{Doc, Flow, FontBook, Layout};
use crate::shape::{Fallbacks, ShapedBlock, ShapedDoc};

/// Shaped articles by content. Entries no build used since the one
/// before are dropped, so the memo holds about one job's articles.
#[derive(Default)]
pub struct Memo {
    state: Mutex<State>,
    /// This build's articles taken from the memo, and shaped anew.
    reused: AtomicUsize,
    shaped: AtomicUsize,
    /// This build's (recalled, computed) articles' variants, placed
    /// modules and pages.
    variants: Counts,
    modules: Counts,
    pages: Counts,
    /// The PDF writer's compressed page streams and font programs.
    streams: Counts,
    fonts: Counts,
    /// `typeset serve`'s pages drawn as SVG.
    drawings: Counts,
    outlines: OutlineStore,
}

/// Glyph outlines as SVG path data, for one set of font files (by the
/// fingerprint [`fonts_key`] takes), emptied when the fonts change.
#[derive(Default)]
struct OutlineStore(Mutex<OutlineState>);

type OutlineState = (Option<[u8; 32]>, HashMap<(FontId, u16), Option<String>>);

impl OutlineStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, OutlineState> {
        // Every entry is inserted whole: a panic elsewhere leaves it sound.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Outlines for OutlineStore {
    fn outline(&self, font: FontId, gid: u16) -> Option<Option<String>> {
        self.lock().1.get(&(font, gid)).cloned()
    }

    fn keep(&self, font: FontId, gid: u16, d: Option<&str>) {
        self.lock().1.insert((font, gid), d.map(str::to_owned));
    }
}

#[derive(Default)]
struct Counts(AtomicUsize, AtomicUsize);

impl Counts {
    fn add(&self, recalled: bool) {
        let n = if recalled { &self.0 } else { &self.1 };
        n.fetch_add(1, Ordering::Relaxed);
    }

    fn get(&self) -> (usize, usize) {
        (
            self.0.load(Ordering::Relaxed),
            self.1.load(Ordering::Relaxed),
        )
    }

    fn zero(&self) {
        self.0.store(0, Ordering::Relaxed);
        self.1.store(0, Ordering::Relaxed);
    }
}

/// What a rebuild took from the memo and what it made anew, as
/// (reused, made) pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reuse {
    pub articles: (usize, usize),
    pub variants: (usize, usize),
    pub modules: (usize, usize),
    pub pages: (usize, usize),
    pub streams: (usize, usize),
    pub fonts: (usize, usize),
    pub drawings: (usize, usize),
}

impl std::fmt::Display for Reuse {
    /// `articles: 2 reused, 1 shaped; variants: …; modules: …; pages: …`,
    /// the make-up's parts only when the build had any.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (r, s) = self.articles;
        write!(f, "articles: {r} reused, {s} shaped")?;
        let parts = [
            ("variants", self.variants, "computed"),
            ("modules", self.modules, "composed"),
            ("pages", self.pages, "composed"),
            ("page streams", self.streams, "compressed"),
            ("font subsets", self.fonts, "made"),
            ("page SVGs", self.drawings, "drawn"),
        ];
        for (name, (r, m), made) in parts {
            if r + m > 0 {
                write!(f, "; {name}: {r} reused, {m} {made}")?;
            }
        }
        Ok(())
    }
}

type Entries<T> = HashMap<[u8; 32], (u64, T)>;

#[derive(Default)]
struct State {
    build: u64,
    docs: Entries<ShapedDoc>,
    variants: Entries<Variants>,
    modules: Entries<(Module, Vec<Warning>)>,
    packed: Entries<Vec<u8>>,
    svgs: Entries<String>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.lock().docs.len();
        write!(f, "Memo({n} shaped articles)")
    }
}

impl Memo {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // Every entry is inserted whole: a panic elsewhere leaves it sound.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a build: forgets what the build before last used and
    /// nothing since, and zeroes the counts.
    pub fn next_build(&self) {
        let mut s = self.lock();
        s.build += 1;
        let keep = s.build.saturating_sub(1);
        s.docs.retain(|_, (used, _)| *used >= keep);
        s.variants.retain(|_, (used, _)| *used >= keep);
        s.modules.retain(|_, (used, _)| *used >= keep);
        s.packed.retain(|_, (used, _)| *used >= keep);
        s.svgs.retain(|_, (used, _)| *used >= keep);
        self.reused.store(0, Ordering::Relaxed);
        self.shaped.store(0, Ordering::Relaxed);
        for c in [
            &self.variants,
            &self.modules,
            &self.pages,
            &self.streams,
            &self.fonts,
            &self.drawings,
        ] {
            c.zero();
        }
    }

    /// This build's (articles reused, articles shaped).
    pub fn counts(&self) -> (usize, usize) {
        (
            self.reused.load(Ordering::Relaxed),
            self.shaped.load(Ordering::Relaxed),
        )
    }

    /// What this build reused and made anew.
    pub fn reuse(&self) -> Reuse {
        Reuse {
            articles: self.counts(),
            variants: self.variants.get(),
            modules: self.modules.get(),
            pages: self.pages.get(),
            streams: self.streams.get(),
            fonts: self.fonts.get(),
            drawings: self.drawings.get(),
        }
    }

    /// A page's SVG as drawn before with the same key ([`page_key`]),
    /// else `draw`'s, kept.
    pub fn svg(&self, key: Option<[u8; 32]>, draw: impl FnOnce() -> String) -> String {
        let Some(key) = key else {
            self.drawings.add(false);
            return draw();
        };
        let found = recall(&mut self.lock(), |s| &mut s.svgs, &key);
        self.drawings.add(found.is_some());
        if let Some(svg) = found {
            return svg;
        }
        let svg = draw();
        let mut s = self.lock();
        let build = s.build;
        s.svgs.insert(key, (build, svg.clone()));
        svg
    }

    /// The glyph outlines drawn by earlier builds with the same `fonts`
    /// (forgotten when they differ from the last build's).
    pub fn outlines(&self, fonts: &FontBook) -> &dyn Outlines {
        let mut h = Sha256::new();
        fonts_key(&mut h, fonts);
        let print: [u8; 32] = h.finalize().into();
        let mut s = self.outlines.lock();
        if s.0 != Some(print) {
            *s = (Some(print), HashMap::new());
        }
        &self.outlines
    }

    /// Counts a page set entirely from the memo (`recalled`) or not.
    pub fn count_page(&self, recalled: bool) {
        self.pages.add(recalled);
    }

    /// `doc` as shaped before with the same `key` ([`key`]), if it was.
    pub fn get(&self, key: &[u8; 32], doc: &Doc) -> Option<ShapedDoc> {
        let mut s = self.lock();
        let build = s.build;
        let (used, shaped) = s.docs.get_mut(key)?;
        *used = build;
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some(with_figures(shaped.clone(), doc))
    }

    /// Keeps a document shaped anew.
    pub fn put(&self, key: [u8; 32], shaped: &ShapedDoc) {
        self.shaped.fetch_add(1, Ordering::Relaxed);
        let mut s = self.lock();
        let build = s.build;
        s.docs.insert(key, (build, shaped.clone()));
    }
}

impl Recall for Memo {
    fn variants(&self, key: &Key) -> Option<Variants> {
        let found = recall(&mut self.lock(), |s| &mut s.variants, key);
        self.variants.add(found.is_some());
        found
    }

    fn keep_variants(&self, key: Key, variants: &Variants) {
        let mut s = self.lock();
        let build = s.build;
        s.variants.insert(key, (build, variants.clone()));
    }

    fn module(&self, key: &Key) -> Option<(Module, Vec<Warning>)> {
        let found = recall(&mut self.lock(), |s| &mut s.modules, key);
        self.modules.add(found.is_some());
        found
    }

    fn keep_module(&self, key: Key, module: &Module, warnings: &[Warning]) {
        let mut s = self.lock();
        let build = s.build;
        s.modules
            .insert(key, (build, (module.clone(), warnings.to_vec())));
    }
}

impl Packs for Memo {
    fn packed(&self, kind: Packed, key: &[u8; 32]) -> Option<Vec<u8>> {
        let found = recall(&mut self.lock(), |s| &mut s.packed, key);
        let counts = match kind {
            Packed::Page => &self.streams,
            Packed::Font => &self.fonts,
        };
        counts.add(found.is_some());
        found
    }

    fn keep_packed(&self, key: [u8; 32], bytes: &[u8]) {
        let mut s = self.lock();
        let build = s.build;
        s.packed.insert(key, (build, bytes.to_vec()));
    }
}

/// An entry of one of the state's maps, marked as used by this build.
fn recall<T: Clone>(
    s: &mut State,
    map: impl FnOnce(&mut State) -> &mut Entries<T>,
    key: &Key,
) -> Option<T> {
    let build = s.build;
    let (used, found) = map(s).get_mut(key)?;
    *used = build;
    Some(found.clone())
}

/// The key of an article on a page: its shaping key ([`key`]) and the
/// rest of what the composer reads of it: its file, title and rules, its
/// styles, its figures (their images by content) and its layout.
pub fn article_key(shaping: &[u8; 32], doc: &Doc, layout: &Layout) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(shaping);
    h.update(format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}\n",
        doc.path, doc.kind, doc.title, doc.date, doc.author, doc.deck, doc.serial, doc.layout_name
    ));
    h.update(format!("{:?}\n", doc.rules));
    for style in [
        &doc.running_head_style,
        &doc.folio_style,
        &doc.title_style,
        &doc.author_style,
        &doc.entry_style,
        &doc.jump_style,
        &doc.continued_style,
    ] {
        h.update(format!("{style:?}\n"));
    }
    for block in &doc.flow {
        if let Flow::Figure(f) = block {
            h.update(format!(
                "figure {:?} {:?} {:?} {} {} {} {:?} {:?} {:?} {:?} {:?} {}\n",
                f.path,
                f.src,
                f.format,
                f.width_px,
                f.height_px,
                f.columns,
                f.width,
                f.wrap,
                f.x,
                f.row,
                f.loc,
                f.pixels.is_some(),
            ));
            h.update(Sha256::digest(f.data.as_slice()));
        }
    }
    h.update(format!("{layout:?}"));
    h.finalize().into()
}

/// Everything a page's drawing reads: the fonts (by file, as [`key`]
/// has them) and the page's items (each serialized; an image by its
/// place and its file's bytes). `None` when an item cannot be serialized.
pub fn page_key(page: &Page, fonts: &FontBook) -> Option<[u8; 32]> {
    let mut h = Sha256::new();
    fonts_key(&mut h, fonts);
    h.update(format!(
        "{} {:?} {:?}\n",
        page.number, page.width, page.height
    ));
    for item in &page.items {
        match item {
            PageItem::Image(img) => {
                let f = &img.figure;
                h.update(format!(
                    "image {:?} {:?} {:?} {:?} {:?} {:?}\n",
                    img.x, img.y, img.width, img.height, f.format, f.path
                ));
                h.update(Sha256::digest(f.data.as_slice()));
            }
            other => h.update(postcard::to_allocvec(other).ok()?),
        }
    }
    Some(h.finalize().into())
}

/// The fonts by file, place in the collection, size and time: the glyph
/// ids and the font numbers shaped text holds, the outlines drawn.
fn fonts_key(h: &mut Sha256, fonts: &FontBook) {
    for (id, f) in fonts.fonts() {
        let modified = std::fs::metadata(&f.path).and_then(|m| m.modified()).ok();
        h.update(format!(
            "font {} {} {} {} {modified:?}\n",
            id.0,
            f.path.display(),
            f.index,
            f.data.len()
        ));
    }
}

/// Everything [`crate::shape::shape_doc`] reads of a document and its
/// shaper. A figure's image is not among it (a shaped figure is the
/// document's, put back by [`with_figures`]); its caption is.
pub fn key(doc: &Doc, fonts: &FontBook, fallbacks: &Fallbacks) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(format!("{:?} {:?}\n", doc.lang, doc.writing));
    for p in &doc.header {
        h.update(format!("{p:?}\n"));
    }
    for block in &doc.flow {
        match block {
            Flow::Para(p) => h.update(format!("{p:?}\n")),
            Flow::Figure(fig) => h.update(format!("figure {:?}\n", fig.caption)),
        }
    }
    fonts_key(&mut h, fonts);
    h.update(format!("{:?}", fallbacks.sorted()));
    h.finalize().into()
}

/// A shaped document from the memo with the document's own figures (an
/// image may have changed under the same caption).
fn with_figures(mut shaped: ShapedDoc, doc: &Doc) -> ShapedDoc {
    let figures = doc.flow.iter().filter_map(|f| match f {
        Flow::Figure(fig) => Some(fig),
        Flow::Para(_) => None,
    });
    let blocks = shaped.flow.iter_mut().filter_map(|b| match b {
        ShapedBlock::Figure { figure, .. } => Some(figure),
        ShapedBlock::Para(_) => None,
    });
    for (block, fig) in blocks.zip(figures) {
        **block = fig.clone();
    }
    shaped
}
