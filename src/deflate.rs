//! zlib streams, for every writer: the PDF's content streams, font
//! programs and images, the EPUB's zip entries and the cover PNG share one
//! level, so the module sits below them all.

/// zlib at level 2 with zlib-rs (which compresses twice as fast as
/// miniz_oxide did). Level 2 takes 30% less time than level 6 on a book's
/// content streams for 8.6% larger streams (a 1M serial's 2,043: 3.07 →
/// 3.33 MB), and 23% less on the font programs for 0.6% more (their CFF
/// charstrings hardly compress at any level); level 1 (zlib-rs's quick
/// deflate) makes the streams 50% larger. Each thread
/// keeps one compressor, reset for every stream (zlib's deflateReset: the
/// same bytes as a fresh one): a book compresses thousands of streams, and
/// making each one's state anew (about 300 KB, zeroed) was a quarter of
/// the instructions of compressing them.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    if u32::try_from(data.len()).is_err() {
        // More than one call of the compressor takes (4 GB): zlib-rs's own
        // loop, with a state of its own.
        return deflate_fresh(data);
    }
    DEFLATER.with_borrow_mut(|slot| {
        let z = slot.get_or_insert_with(|| {
            zlib_rs::Deflate::new_with_config(zlib_rs::DeflateConfig::new(LEVEL))
        });
        z.reset();
        let mut out = vec![0u8; zlib_rs::compress_bound(data.len())];
        let status = z.compress(data, &mut out, zlib_rs::DeflateFlush::Finish);
        // The buffer holds compress_bound bytes, which zlib guarantees
        // suffice for the whole stream in one call.
        assert_eq!(status, Ok(zlib_rs::Status::StreamEnd), "zlib compression");
        // total_out is at most out.len(), a usize.
        out.truncate(z.total_out() as usize);
        // The bound is about the input's size: give the rest back.
        out.shrink_to_fit();
        out
    })
}

/// [`deflate`]'s zlib level, and the EPUB's and the cover PNG's.
pub(crate) const LEVEL: i32 = 2;

/// [`deflate`] with a compressor made for the one stream.
fn deflate_fresh(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; zlib_rs::compress_bound(data.len())];
    let (packed, rc) = zlib_rs::compress_slice(&mut out, data, zlib_rs::DeflateConfig::new(LEVEL));
    // The buffer holds compress_bound bytes, which zlib guarantees suffice.
    assert_eq!(rc, zlib_rs::ReturnCode::Ok, "zlib compression");
    let n = packed.len();
    out.truncate(n);
    out.shrink_to_fit();
    out
}

thread_local! {
    /// [`deflate`]'s compressor on this thread.
    static DEFLATER: std::cell::RefCell<Option<zlib_rs::Deflate>> =
        const { std::cell::RefCell::new(None) };
}

#[cfg(test)]
/// A zlib stream [`deflate`] wrote, inflated: exactly `len` bytes, else
/// why not.
pub(crate) fn inflate(data: &[u8], len: usize) -> std::result::Result<Vec<u8>, String> {
    let mut out = vec![0u8; len];
    let config = zlib_rs::InflateConfig::default();
    let (got, rc) = zlib_rs::decompress_slice(&mut out, data, config);
    if rc != zlib_rs::ReturnCode::Ok || got.len() != len {
        return Err(format!("its pixels do not inflate to {len} bytes"));
    }
    Ok(out)
}
