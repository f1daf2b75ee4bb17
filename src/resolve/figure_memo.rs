//! Images decoded earlier in the process, by their bytes: a serial names
//! the same few figure files from dozens of installments, each decoded
//! and its samples deflated anew (a million-character serial spent about
//! 2% of its time so). The file is still read each time, and only the same
//! bytes for the same target give back what they gave, so the result is
//! the one decoding gives.

use std::sync::{Arc, Mutex};

use super::doc::ImageFormat;
use super::png_pixels::{PixelTarget, PngPixels};

/// What decoding an image's bytes gave: its format, size in pixels and a
/// PNG's kept samples.
pub(super) type Decoded = (ImageFormat, (u32, u32), Option<PngPixels>);

struct Entry {
    data: Arc<[u8]>,
    keep: Option<PixelTarget>,
    decoded: Decoded,
    /// Bytes held: the file's and the kept samples'.
    size: usize,
}

/// The most bytes the memo holds (files and samples): a long-running
/// `watch` or `serve` keeps it, so it must stay small; the oldest entries
/// go first.
const MAX_BYTES: usize = 32 << 20;

static MEMO: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// What `data`, decoded for `keep`, gave before, if it was kept.
pub(super) fn find(data: &[u8], keep: Option<PixelTarget>) -> Option<Decoded> {
    // A poisoned lock only means another thread panicked while holding
    // it; the entries are whole (each is pushed in one step).
    let memo = MEMO.lock().unwrap_or_else(|e| e.into_inner());
    (memo.iter())
        .find(|e| e.keep == keep && *e.data == *data)
        .map(|e| e.decoded.clone())
}

/// Remembers what `data` gave, decoded for `keep`.
pub(super) fn keep(data: &[u8], keep: Option<PixelTarget>, decoded: &Decoded) {
    let samples = decoded.2.as_ref().map_or(0, |p| {
        p.samples.len() + p.alpha.as_ref().map_or(0, |a| a.len())
    });
    let size = data.len() + samples;
    if size > MAX_BYTES / 4 {
        return;
    }
    let mut memo = MEMO.lock().unwrap_or_else(|e| e.into_inner());
    if memo.iter().any(|e| e.keep == keep && *e.data == *data) {
        // Another thread decoded the same bytes meanwhile.
        return;
    }
    let mut total: usize = memo.iter().map(|e| e.size).sum::<usize>() + size;
    while total > MAX_BYTES && !memo.is_empty() {
        total -= memo.remove(0).size;
    }
    memo.push(Entry {
        data: data.into(),
        keep,
        decoded: decoded.clone(),
        size,
    });
}
