//! The book's chapter cache: laid-out chapters stored by a hash of
//! everything their layout depends on, each entry sealed so that a damaged,
//! swapped or foreign entry is never trusted.
//!
//! An entry is
//!
//! ```text
//! MAGIC (12) | FORMAT u32 | key (32) | payload length u64 | seal (32) | payload
//! ```
//!
//! The payload is the chapter's pages in postcard. The seal is an
//! HMAC-SHA-256 of everything before and after it under a secret kept in
//! the user's cache folder ([`entry::secret`]), so a bit flipped by the
//! disk, an entry copied over another (its key differs) or a cache shipped
//! inside a serial folder from elsewhere (another secret) fails the check:
//! the chapter is laid out anew with a warning.
//!
//! Entries live in pack files ([`pack`]): a run appends the chapters it
//! lays out to one new pack, renamed into place once whole, so a first
//! build of 10,000 chapters writes one file, without an fsync. Packs are
//! never changed once written; when there are too many, or one is damaged,
//! a run writes the chapters it used into one new pack and removes the
//! packs it read (compaction).

mod entry;
mod pack;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use pack::{Packs, Place, Writer};

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
    packs: Packs,
    // Shared by the threads that lay chapters out and store them.
    hits: AtomicUsize,
    /// The entries read, to be copied by a compaction.
    used: Mutex<Vec<([u8; 32], Place)>>,
    /// The pack this run writes, made at the first chapter stored; `Err`
    /// once writing failed (the cache is then only slower).
    writer: Mutex<Result<Option<Writer>, ()>>,
    /// A damaged entry was met: its pack is rewritten without it.
    compact: AtomicBool,
    warnings: Mutex<Vec<Warning>>,
}

/// More packs than this are compacted into one.
const MAX_PACKS: usize = 8;

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
        // The build itself: a changed composer lays chapters out anew.
        common.update(env!("TYPESET_BUILD_ID"));
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
        let secret = entry::secret();
        let packs = Packs::open(&dir, &secret);
        let warnings = (packs.damaged.iter())
            .map(|(path, why)| Warning {
                location: None,
                message: format!(
                    "the chapter cache's pack {} is not usable ({why}); its chapters are laid out anew",
                    path.display()
                ),
            })
            .collect();
        Cache {
            dir,
            secret,
            keys,
            packs,
            hits: AtomicUsize::new(0),
            used: Mutex::new(Vec::new()),
            writer: Mutex::new(Ok(None)),
            compact: AtomicBool::new(false),
            warnings: Mutex::new(warnings),
        }
    }

    /// A chapter from the cache, if a sound entry holds it. A missing
    /// entry is silent; a damaged one is a warning (and laid out anew).
    pub fn load(&self, k: usize) -> Option<Vec<Page>> {
        let key = self.keys[k].as_ref()?;
        let place = *self.packs.index.get(key)?;
        let opened = (self.packs.read(place))
            .map_err(|e| e.to_string())
            .and_then(|bytes| entry::open(&bytes, key, &self.secret));
        match opened {
            Ok(pages) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                lock(&self.used).push((*key, place));
                Some(pages)
            }
            Err(why) => {
                self.compact.store(true, Ordering::Relaxed);
                let path = &self.packs.files[place.pack].0;
                lock(&self.warnings).push(Warning {
                    location: None,
                    message: format!(
                        "a chapter cached in {} is not usable ({why}); it is laid out anew",
                        path.display()
                    ),
                });
                None
            }
        }
    }

    /// Stores a chapter; a cache that cannot be written is only slower.
    pub fn store(&self, k: usize, pages: &[Page]) {
        let Some(key) = &self.keys[k] else { return };
        // Sealed outside the lock: only the append waits for other threads.
        let Ok(bytes) = entry::seal(pages, key, &self.secret) else {
            return;
        };
        add(&mut lock(&self.writer), &self.dir, key, &bytes);
    }

    /// Puts this run's pack into place, compacting the cache when it holds
    /// too many packs or a damaged one: the chapters this run used go into
    /// the new pack and the packs read at the start are removed. A cache
    /// that cannot be written is only slower, so failures are quiet.
    pub fn finish(self) {
        let compact = self.compact.into_inner()
            || self.packs.files.len() >= MAX_PACKS
            || !self.packs.damaged.is_empty()
            || !self.packs.stale.is_empty();
        let mut writer = self.writer.into_inner().unwrap_or_else(|e| e.into_inner());
        if compact {
            let used = self.used.into_inner().unwrap_or_else(|e| e.into_inner());
            for (key, place) in used {
                if let Ok(bytes) = self.packs.read(place) {
                    add(&mut writer, &self.dir, &key, &bytes);
                }
            }
        }
        let kept = match writer {
            Ok(Some(w)) if !w.is_empty() => w.finish(&self.dir, &self.secret).is_ok(),
            Ok(_) => true,
            Err(()) => false,
        };
        if compact && kept {
            let old = (self.packs.files.iter().map(|(p, _)| p))
                .chain(self.packs.damaged.iter().map(|(p, _)| p))
                .chain(&self.packs.stale);
            for path in old {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// Chapters read from the cache so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// The damaged entries met so far, as warnings.
    pub fn take_warnings(&self) -> Vec<Warning> {
        std::mem::take(&mut *lock(&self.warnings))
    }
}

/// A poisoned lock only means another thread panicked: what it guards is
/// whole (every change under these locks is one push or one append).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Appends a sealed entry to the run's pack, making the pack first. After
/// a failed write the pack's offsets are unknown: it is given up.
fn add(writer: &mut Result<Option<Writer>, ()>, dir: &Path, key: &[u8; 32], sealed: &[u8]) {
    let Ok(slot) = writer else { return };
    let added = match slot {
        Some(w) => w.add(key, sealed),
        None => Writer::new(dir).and_then(|w| slot.insert(w).add(key, sealed)),
    };
    if added.is_err() {
        *writer = Err(());
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

/// The reader of a pack's index over any bytes, as [`Cache::new`] uses it
/// on a pack file: the number of entries, `None` for another format, or
/// why the pack is refused. Public for the fuzz target (fuzz/).
#[doc(hidden)]
pub fn open_pack_index(bytes: &[u8], secret: &[u8; 32]) -> Result<Option<usize>, String> {
    let read = |at: u64, len: u64| {
        let slice = usize::try_from(at)
            .ok()
            .zip(usize::try_from(len).ok())
            .and_then(|(a, l)| bytes.get(a..a.checked_add(l)?));
        slice
            .map(<[u8]>::to_vec)
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::UnexpectedEof))
    };
    pack::parse_index(bytes.len() as u64, secret, read).map(|rows| rows.map(|r| r.len()))
}
