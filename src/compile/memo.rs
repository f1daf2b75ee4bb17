//! What a long-running `typeset watch` or `typeset serve` keeps from one
//! build to the next: each article's shaped paragraphs, by a hash of
//! everything shaping reads (the paragraphs and their styles, the
//! language and writing mode, the fonts loaded and the fallbacks found).
//! A save of one article shapes that article again; the others are taken
//! as they were.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::resolve::{Doc, Flow, FontBook};
use crate::shape::{Fallbacks, ShapedBlock, ShapedDoc};

/// Shaped articles by content. Entries no build used since the one
/// before are dropped, so the memo holds about one job's articles.
#[derive(Default)]
pub struct Memo {
    state: Mutex<State>,
    /// This build's articles taken from the memo, and shaped anew.
    reused: AtomicUsize,
    shaped: AtomicUsize,
}

#[derive(Default)]
struct State {
    build: u64,
    docs: HashMap<[u8; 32], (u64, ShapedDoc)>,
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
        self.reused.store(0, Ordering::Relaxed);
        self.shaped.store(0, Ordering::Relaxed);
    }

    /// This build's (articles reused, articles shaped).
    pub fn counts(&self) -> (usize, usize) {
        (
            self.reused.load(Ordering::Relaxed),
            self.shaped.load(Ordering::Relaxed),
        )
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
    // The fonts by file, place in the collection, size and time: the
    // glyph ids and the font numbers the shaped text holds.
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
