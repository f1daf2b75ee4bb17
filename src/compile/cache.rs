//! The book's chapter cache: laid-out chapters stored by a hash of
//! everything their layout depends on, each entry sealed so that a damaged,
//! swapped or foreign entry is never trusted.
//!
//! An entry is one file, `KEY.chapter`:
//!
//! ```text
//! MAGIC (12) | FORMAT u32 | key (32) | payload length u64 | seal (32) | payload
//! ```
//!
//! The payload is the chapter's pages in postcard. The seal is an
//! HMAC-SHA-256 of everything before and after it under a secret kept in
//! the user's cache folder ([`entry::secret`]), so a bit flipped by the
//! disk, a file copied over another (its key differs) or a cache shipped
//! inside a serial folder from elsewhere (another secret) fails the check:
//! the chapter is laid out anew with a warning. Entries are written without
//! an fsync each: a lost entry costs only its layout.

mod entry;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::compose::Page;
use crate::error::Warning;
use crate::resolve::{Doc, Flow, FontBook, Layout};

/// Laid-out chapters of a book, keyed by everything their layout depends
/// on: typeset's version and the entry format, the layout, the fonts (by
/// content), the book's settings and the chapter's own text and settings.
/// A chapter with figures is always laid out anew.
pub struct Cache {
    dir: PathBuf,
    secret: [u8; 32],
    keys: Vec<Option<[u8; 32]>>,
    // Shared by the threads that lay chapters out and store them.
    hits: AtomicUsize,
    warnings: Mutex<Vec<Warning>>,
}

impl Cache {
    /// The keys are computed after fallbacks were found, so that every font
    /// the chapters use is part of them.
    /// `sources` holds each installment file's SHA-256 as it was read.
    pub fn new(
        dir: PathBuf,
        layout: &Layout,
        book: &FontBook,
        docs: &[Doc],
        sources: &HashMap<PathBuf, [u8; 32]>,
    ) -> Cache {
        use sha2::{Digest, Sha256};
        let mut common = Sha256::new();
        common.update(env!("CARGO_PKG_VERSION"));
        common.update(entry::FORMAT.to_be_bytes());
        common.update(format!("{layout:?}"));
        for (_, f) in book.fonts() {
            // By content: a font edited in place (same name, same size)
            // changes the key.
            common.update(Sha256::digest(&f.data[..]));
            common.update(f.index.to_be_bytes());
        }
        let keys = docs
            .iter()
            .map(|d| {
                if d.flow.iter().any(|f| matches!(f, Flow::Figure(_))) {
                    return None;
                }
                // The installment's bytes as read (whatever the parser keeps
                // of them), the resolved chapter and every setting that
                // reached it.
                let mut h = common.clone();
                h.update(sources.get(&d.path).map_or([0; 32], |s| *s));
                h.update(format!("{d:?}"));
                Some(h.finalize().into())
            })
            .collect();
        super::guard::sweep(&dir);
        Cache {
            dir,
            secret: entry::secret(),
            keys,
            hits: AtomicUsize::new(0),
            warnings: Mutex::new(Vec::new()),
        }
    }

    fn path(&self, key: &[u8; 32]) -> PathBuf {
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{hex}.chapter"))
    }

    /// A chapter from the cache, if a sound entry holds it. A missing
    /// entry is silent; a damaged one is a warning (and laid out anew).
    pub fn load(&self, k: usize) -> Option<Vec<Page>> {
        let key = self.keys[k].as_ref()?;
        let path = self.path(key);
        let bytes = match crate::fsio::read_limited(&path, entry::MAX_ENTRY_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => return self.damaged(&path, &e.to_string()),
        };
        match entry::open(&bytes, key, &self.secret) {
            Ok(pages) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                Some(pages)
            }
            Err(why) => self.damaged(&path, &why),
        }
    }

    fn damaged(&self, path: &std::path::Path, why: &str) -> Option<Vec<Page>> {
        // A poisoned lock only means another thread panicked: the list
        // itself is whole.
        let mut warnings = self.warnings.lock().unwrap_or_else(|e| e.into_inner());
        warnings.push(Warning {
            location: None,
            message: format!(
                "the cached chapter {} is not usable ({why}); it is laid out anew",
                path.display()
            ),
        });
        None
    }

    /// Stores a chapter; a cache that cannot be written is only slower.
    pub fn store(&self, k: usize, pages: &[Page]) {
        let Some(key) = &self.keys[k] else { return };
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let Ok(bytes) = entry::seal(pages, key, &self.secret) else {
            return;
        };
        let path = self.path(key);
        // No fsync: a chapter lost in a crash is laid out again, and a torn
        // one fails its seal.
        if let Ok(staged) = super::write::stage(&path, &bytes, false) {
            let _ = super::write::commit(vec![staged], &super::guard::Inputs::default());
        }
    }

    /// Chapters read from the cache so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// The damaged entries met so far, as warnings.
    pub fn take_warnings(&self) -> Vec<Warning> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The reader of one entry's bytes, as [`Cache::load`] uses it: the pages,
/// or why the entry is refused. Public for the fuzz target (fuzz/).
#[doc(hidden)]
pub fn open_entry(bytes: &[u8], key: &[u8; 32], secret: &[u8; 32]) -> Result<Vec<Page>, String> {
    entry::open(bytes, key, secret)
}

/// An entry sealing any `payload` bytes, so that the fuzz target reaches the
/// payload's decoder past the checksum.
#[doc(hidden)]
pub fn seal_entry_payload(payload: &[u8], key: &[u8; 32], secret: &[u8; 32]) -> Vec<u8> {
    entry::seal_payload(payload, key, secret)
}
