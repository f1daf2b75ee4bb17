//! Pack files: many sealed entries in one file, so that a build writes one
//! file for all its chapters instead of one each (10,000 small files cost
//! seconds of system time).
//!
//! ```text
//! PACK_MAGIC (12) | FORMAT u32 | entry … entry | index | tail
//! index: count × (key (32) | offset u64 | length u64)
//! tail:  PACK_MAGIC (12) | FORMAT u32 | index offset u64 | count u64 | seal (32)
//! ```
//!
//! Every entry keeps its own seal (see [`super::entry`]); the tail's seal
//! covers the index, so a damaged index is refused as a whole. A pack is
//! written under a temporary name and renamed into place once whole, and
//! never changed after: two runs on one cache each add their own pack, and
//! a reader holds its packs open, so a pack removed by another run's
//! compaction stays readable to it.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::entry::{FORMAT, MAX_ENTRY_BYTES, hmac};

const PACK_MAGIC: &[u8; 12] = b"TYPESETPACK\0";
const HEAD: u64 = 16;
const TAIL: u64 = 12 + 4 + 8 + 8 + 32;
const ROW: u64 = 32 + 8 + 8;
/// More entries than any book has; an index claiming more is refused.
const MAX_COUNT: u64 = 4_000_000;
/// The extension of a pack's file name.
pub const EXT: &str = "pack";

/// Where an entry lies: its pack (by its place in [`Packs::files`]), its
/// offset and length.
#[derive(Clone, Copy)]
pub struct Place {
    pub pack: usize,
    pub offset: u64,
    pub len: u64,
}

/// The packs of a cache folder as found when the run started, held open.
#[derive(Default)]
pub struct Packs {
    pub files: Vec<(PathBuf, File)>,
    pub index: HashMap<[u8; 32], Place>,
    /// Packs whose index is unusable, with why: dropped at the next
    /// compaction.
    pub damaged: Vec<(PathBuf, String)>,
    /// Files of an older format (packs, or the single-entry files of
    /// format 2): removed at the next compaction.
    pub stale: Vec<PathBuf>,
}

impl Packs {
    /// Opens every pack in `dir` (a missing folder has none).
    pub fn open(dir: &Path, secret: &[u8; 32]) -> Packs {
        let mut packs = Packs::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return packs;
        };
        let mut names: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        // Sorted, so that which copy of a key is used does not depend on
        // the folder's order.
        names.sort();
        for path in names {
            let ext = path.extension().and_then(|e| e.to_str());
            if ext == Some("chapter") {
                packs.stale.push(path);
                continue;
            }
            if ext != Some(EXT) {
                continue;
            }
            match read_index(&path, secret) {
                Ok(Some((file, rows))) => {
                    let pack = packs.files.len();
                    for (key, offset, len) in rows {
                        packs.index.insert(key, Place { pack, offset, len });
                    }
                    packs.files.push((path, file));
                }
                Ok(None) => packs.stale.push(path),
                Err(why) => packs.damaged.push((path, why)),
            }
        }
        packs
    }

    /// The sealed bytes at `place`.
    pub fn read(&self, place: Place) -> std::io::Result<Vec<u8>> {
        read_at(&self.files[place.pack].1, place.offset, place.len)
    }
}

type Row = ([u8; 32], u64, u64);

/// A pack's file, held open, and its index; `None` for a pack of another
/// format; an error in words when it is not a sound pack.
fn read_index(path: &Path, secret: &[u8; 32]) -> Result<Option<(File, Vec<Row>)>, String> {
    let file = crate::fsio::open_regular(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let rows = parse_index(size, secret, |at, len| read_at(&file, at, len))?;
    Ok(rows.map(|rows| (file, rows)))
}

/// The index of a pack of `size` bytes read through `read`: `None` for
/// another format; every row checked to lie among the entries.
pub fn parse_index(
    size: u64,
    secret: &[u8; 32],
    read: impl Fn(u64, u64) -> std::io::Result<Vec<u8>>,
) -> Result<Option<Vec<Row>>, String> {
    if size < HEAD + TAIL {
        return Err("it is truncated".into());
    }
    let tail = read(size - TAIL, TAIL).map_err(|e| e.to_string())?;
    if &tail[..12] != PACK_MAGIC {
        return Err("it is not a typeset cache pack".into());
    }
    if tail[12..16] != FORMAT.to_le_bytes() {
        return Ok(None);
    }
    let at = u64::from_le_bytes(field(&tail, 16));
    let count = u64::from_le_bytes(field(&tail, 24));
    let index_len = count.checked_mul(ROW).filter(|_| count <= MAX_COUNT);
    if index_len.and_then(|n| n.checked_add(at)) != Some(size - TAIL) || at < HEAD {
        return Err("its index is damaged".into());
    }
    let index = read(at, size - TAIL - at).map_err(|e| e.to_string())?;
    if hmac(secret, &[&index, &tail[..32]]) != tail[32..] {
        return Err("its checksum does not match: damaged or not written here".into());
    }
    let rows = (index.chunks_exact(ROW as usize))
        .map(|r| {
            (
                field(r, 0),
                u64::from_le_bytes(field(r, 32)),
                u64::from_le_bytes(field(r, 40)),
            )
        })
        .collect::<Vec<Row>>();
    // Every entry inside the entries' part: a bad row would read elsewhere.
    let inside = |&(_, offset, len): &Row| {
        offset >= HEAD && len <= MAX_ENTRY_BYTES && offset.checked_add(len).is_some_and(|e| e <= at)
    };
    if !rows.iter().all(inside) {
        return Err("its index is damaged".into());
    }
    Ok(Some(rows))
}

/// `N` bytes of `bytes` from `at`; the callers' lengths are checked.
fn field<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&bytes[at..at + N]);
    out
}

/// `len` bytes of `file` at `offset`.
fn read_at(file: &File, offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let len = usize::try_from(len).map_err(std::io::Error::other)?;
    let mut buf = vec![0; len];
    file.read_exact_at(&mut buf, offset)?;
    Ok(buf)
}

/// A pack being written: entries appended to a temporary file in the cache
/// folder (named as typeset's temporary files are, so that a killed run's
/// is swept), the index kept in memory until [`Writer::finish`].
pub struct Writer {
    out: BufWriter<tempfile::NamedTempFile>,
    at: u64,
    rows: Vec<Row>,
}

impl Writer {
    pub fn new(dir: &Path) -> std::io::Result<Writer> {
        std::fs::create_dir_all(dir)?;
        let tmp = tempfile::Builder::new()
            .prefix(&crate::compile::guard::temp_prefix())
            .suffix(crate::compile::guard::TEMP_SUFFIX)
            .tempfile_in(dir)?;
        let mut out = BufWriter::with_capacity(1 << 20, tmp);
        out.write_all(PACK_MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        Ok(Writer {
            out,
            at: HEAD,
            rows: Vec::new(),
        })
    }

    /// Appends one sealed entry for `key`.
    pub fn add(&mut self, key: &[u8; 32], sealed: &[u8]) -> std::io::Result<()> {
        self.out.write_all(sealed)?;
        self.rows.push((*key, self.at, sealed.len() as u64));
        self.at += sealed.len() as u64;
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the index and the tail and renames the pack into place under
    /// a name no other run uses. No fsync: a pack torn by a crash fails its
    /// seal and its chapters are laid out again.
    pub fn finish(mut self, dir: &Path, secret: &[u8; 32]) -> std::io::Result<PathBuf> {
        let mut index = Vec::with_capacity(self.rows.len() * ROW as usize);
        for (key, offset, len) in &self.rows {
            index.extend_from_slice(key);
            index.extend_from_slice(&offset.to_le_bytes());
            index.extend_from_slice(&len.to_le_bytes());
        }
        let mut tail = Vec::with_capacity(TAIL as usize);
        tail.extend_from_slice(PACK_MAGIC);
        tail.extend_from_slice(&FORMAT.to_le_bytes());
        tail.extend_from_slice(&self.at.to_le_bytes());
        tail.extend_from_slice(&(self.rows.len() as u64).to_le_bytes());
        let seal = hmac(secret, &[&index, &tail]);
        tail.extend_from_slice(&seal);
        self.out.write_all(&index)?;
        self.out.write_all(&tail)?;
        let tmp = self.out.into_inner().map_err(|e| e.into_error())?;
        let name = unique_name(&seal);
        let path = dir.join(format!("{name}.{EXT}"));
        // Never over another pack: the name holds this process and a
        // moment; should it be taken, the pack is simply not kept.
        tmp.persist_noclobber(&path).map_err(|e| e.error)?;
        Ok(path)
    }
}

/// A file name from the pack's seal, this process and the time.
fn unique_name(seal: &[u8; 32]) -> String {
    use sha2::{Digest, Sha256};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut h = Sha256::new();
    h.update(seal);
    h.update(std::process::id().to_le_bytes());
    h.update(nanos.to_le_bytes());
    let digest = h.finalize();
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pack of three entries and its bytes.
    fn pack(dir: &Path, secret: &[u8; 32]) -> Vec<u8> {
        let mut w = Writer::new(dir).expect("writer");
        for k in 1..=3u8 {
            let sealed = super::super::entry::seal_payload(&[k; 40], &[k; 32], secret);
            w.add(&[k; 32], &sealed).expect("add");
        }
        let path = w.finish(dir, secret).expect("finish");
        std::fs::read(path).expect("read")
    }

    fn index(bytes: &[u8], secret: &[u8; 32]) -> Result<Option<Vec<Row>>, String> {
        let read = |at: u64, len: u64| Ok(bytes[at as usize..(at + len) as usize].to_vec());
        parse_index(bytes.len() as u64, secret, read)
    }

    #[test]
    fn every_flipped_bit_is_refused_by_the_index_or_by_its_entry() {
        let dir = tempfile::tempdir().expect("tempdir");
        let secret = [5u8; 32];
        let bytes = pack(dir.path(), &secret);
        let rows = index(&bytes, &secret).expect("sound").expect("this format");
        assert_eq!(rows.len(), 3);
        let entries_end = rows.iter().map(|r| r.1 + r.2).max().expect("rows") as usize;
        for i in 0..bytes.len() * 8 {
            let mut bad = bytes.clone();
            bad[i / 8] ^= 1 << (i % 8);
            let at = i / 8;
            match index(&bad, &secret) {
                // Only the pack's own head is outside every seal (each
                // entry carries its own magic).
                Ok(Some(got)) if at < HEAD as usize => assert_eq!(got, rows),
                Ok(Some(got)) => {
                    assert!(at < entries_end, "bit {i}: a damaged index was read");
                    assert_eq!(got, rows);
                    let hit = (got.iter()).find(|r| (r.1..r.1 + r.2).contains(&(at as u64)));
                    let (key, offset, len) = hit.expect("inside an entry");
                    let entry = &bad[*offset as usize..(offset + len) as usize];
                    let opened = super::super::entry::open(entry, key, &secret);
                    assert!(opened.is_err(), "bit {i}: a damaged entry opened");
                }
                // The format field of the tail: another format, skipped.
                Ok(None) => assert!((bytes.len() - 52..bytes.len() - 48).contains(&at)),
                Err(_) => assert!(at >= entries_end, "bit {i}"),
            }
        }
        for n in 0..bytes.len() {
            assert!(
                !matches!(index(&bytes[..n], &secret), Ok(Some(_))),
                "cut at {n}"
            );
        }
    }

    #[test]
    fn another_secret_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bytes = pack(dir.path(), &[5; 32]);
        let e = index(&bytes, &[6; 32]).expect_err("foreign");
        assert!(e.contains("not written here"), "{e}");
    }
}
