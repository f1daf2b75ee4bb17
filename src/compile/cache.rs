//! The book's chapter cache: laid-out chapters stored by a hash of
//! everything their layout depends on.

use std::cell::Cell;
use std::path::PathBuf;

use crate::compose::Page;
use crate::resolve::{Doc, Flow, FontBook, Layout};

use super::write::write_atomic;

/// Laid-out chapters of a book, keyed by everything their layout depends
/// on: typeset's version, the layout, the fonts, the book's settings and the
/// chapter's own file. A chapter with figures is always laid out anew.
pub struct Cache {
    dir: PathBuf,
    keys: Vec<Option<String>>,
    hits: Cell<usize>,
}

impl Cache {
    /// The keys are computed after fallbacks were found, so that every font
    /// the chapters use is part of them.
    pub fn new(dir: PathBuf, layout: &Layout, book: &FontBook, docs: &[Doc]) -> Cache {
        use sha2::{Digest, Sha256};
        let mut common = Sha256::new();
        common.update(env!("CARGO_PKG_VERSION"));
        common.update(format!("{layout:?}"));
        for (_, f) in book.fonts() {
            common.update(f.path.to_string_lossy().as_bytes());
            common.update(f.index.to_be_bytes());
            common.update((f.data.len() as u64).to_be_bytes());
        }
        let keys = docs
            .iter()
            .map(|d| {
                if d.flow.iter().any(|f| matches!(f, Flow::Figure(_))) {
                    return None;
                }
                let mut h = common.clone();
                h.update(format!("{d:?}"));
                Some(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
            })
            .collect();
        Cache {
            dir,
            keys,
            hits: Cell::new(0),
        }
    }

    fn path(&self, k: usize) -> Option<PathBuf> {
        self.keys[k]
            .as_ref()
            .map(|key| self.dir.join(format!("{key}.chapter")))
    }

    pub fn load(&self, k: usize) -> Option<Vec<Page>> {
        let bytes = std::fs::read(self.path(k)?).ok()?;
        let pages: Vec<Page> = bincode::deserialize(&bytes).ok()?;
        self.hits.set(self.hits.get() + 1);
        Some(pages)
    }

    /// Stores a chapter; a cache that cannot be written is only slower.
    pub fn store(&self, k: usize, pages: &[Page]) {
        let Some(path) = self.path(k) else { return };
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        if let Ok(bytes) = bincode::serialize(pages) {
            let _ = write_atomic(&path, &bytes);
        }
    }

    /// Chapters read from the cache so far.
    pub fn hits(&self) -> usize {
        self.hits.get()
    }
}
