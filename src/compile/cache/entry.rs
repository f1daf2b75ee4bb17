//! One cache entry's bytes: sealing pages into them and opening them again,
//! refusing anything that is not exactly what this user's typeset wrote for
//! this key.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::compose::Page;

const MAGIC: &[u8; 12] = b"TYPESETCACHE";
/// The entry format; part of every key, so an older format is never read.
pub const FORMAT: u32 = 3;
/// MAGIC, FORMAT, key, payload length, seal.
const HEADER: usize = 12 + 4 + 32 + 8 + 32;
/// Larger entries are refused unread (a chapter is a few hundred KB).
pub const MAX_ENTRY_BYTES: u64 = 256 << 20;

/// HMAC-SHA-256 (RFC 2104) of `parts` under `secret`.
pub(super) fn hmac(secret: &[u8; 32], parts: &[&[u8]]) -> [u8; 32] {
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(secret);
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let mut inner = Sha256::new();
    inner.update(pad(0x36));
    for p in parts {
        inner.update(p);
    }
    let mut outer = Sha256::new();
    outer.update(pad(0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The bytes of an entry holding `pages` under `key`.
pub fn seal(pages: &[Page], key: &[u8; 32], secret: &[u8; 32]) -> postcard::Result<Vec<u8>> {
    Ok(seal_payload(&postcard::to_allocvec(pages)?, key, secret))
}

/// The bytes of an entry holding an already encoded `payload`.
pub fn seal_payload(payload: &[u8], key: &[u8; 32], secret: &[u8; 32]) -> Vec<u8> {
    let len = (payload.len() as u64).to_le_bytes();
    let format = FORMAT.to_le_bytes();
    let tag = hmac(secret, &[MAGIC, &format, key, &len, payload]);
    let mut out = Vec::with_capacity(HEADER + payload.len());
    for part in [&MAGIC[..], &format, key, &len, &tag, payload] {
        out.extend_from_slice(part);
    }
    out
}

/// The pages of an entry, if it is sound and was written for `key`; else
/// why not, in words for a warning.
pub fn open(bytes: &[u8], key: &[u8; 32], secret: &[u8; 32]) -> Result<Vec<Page>, String> {
    if bytes.len() < HEADER || &bytes[..12] != MAGIC {
        return Err("not a typeset cache entry".into());
    }
    let (format, rest) = bytes[12..].split_at(4);
    let (stored_key, rest) = rest.split_at(32);
    let (len, rest) = rest.split_at(8);
    let (tag, payload) = rest.split_at(32);
    if format != FORMAT.to_le_bytes() {
        return Err("written by another version of typeset".into());
    }
    if stored_key != key {
        return Err("it holds another chapter".into());
    }
    if len != (payload.len() as u64).to_le_bytes() {
        return Err("it is truncated".into());
    }
    let expected = hmac(secret, &[MAGIC, format, stored_key, len, payload]);
    // Not secret-dependent timing that matters here: the secret only keeps
    // foreign entries out, it guards no access.
    if tag != expected {
        return Err("its checksum does not match: damaged or not written here".into());
    }
    postcard::from_bytes(payload).map_err(|e| format!("it cannot be decoded: {e}"))
}

/// Where this user's cache secret lives.
fn secret_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("typeset").join("cache-secret"))
}

/// This user's secret for sealing entries, made on first use (32 random
/// bytes, readable by the user alone). Without a home for it the secret is
/// all zeros: entries still carry a checksum against damage and their key
/// against swaps, but a crafted entry would not be told apart.
pub fn secret() -> [u8; 32] {
    secret_path()
        .and_then(|p| read_secret(&p).or_else(|| make_secret(&p)))
        .unwrap_or([0; 32])
}

fn read_secret(path: &std::path::Path) -> Option<[u8; 32]> {
    let bytes = crate::fsio::read_limited(path, 32).ok()?;
    bytes.try_into().ok()
}

fn make_secret(path: &std::path::Path) -> Option<[u8; 32]> {
    use std::io::{Read, Write};
    let dir = path.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    let mut secret = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut secret))
        .ok()?;
    // tempfile makes the file private (0600); persist_noclobber keeps the
    // secret another run made meanwhile, which is then read.
    let mut tmp = tempfile::Builder::new()
        .prefix(".typeset-secret-")
        .tempfile_in(dir)
        .ok()?;
    tmp.write_all(&secret).ok()?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Some(secret),
        Err(_) => read_secret(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::Page;

    fn pages() -> Vec<Page> {
        (1..=2)
            .map(|number| Page {
                number,
                width: crate::units::Pt(595.0),
                height: crate::units::Pt(842.0),
                items: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn every_flipped_bit_and_every_cut_is_refused() {
        let key = [7u8; 32];
        let secret = [9u8; 32];
        let bytes = seal(&pages(), &key, &secret).expect("seal");
        assert!(open(&bytes, &key, &secret).is_ok());
        for i in 0..bytes.len() * 8 {
            let mut bad = bytes.clone();
            bad[i / 8] ^= 1 << (i % 8);
            assert!(open(&bad, &key, &secret).is_err(), "bit {i} flipped");
        }
        for n in 0..bytes.len() {
            assert!(open(&bytes[..n], &key, &secret).is_err(), "cut at {n}");
        }
    }

    #[test]
    fn another_key_or_another_secret_is_refused() {
        let bytes = seal(&pages(), &[1; 32], &[2; 32]).expect("seal");
        let e = open(&bytes, &[3; 32], &[2; 32]).expect_err("swapped");
        assert!(e.contains("another chapter"), "{e}");
        let e = open(&bytes, &[1; 32], &[4; 32]).expect_err("foreign");
        assert!(e.contains("checksum"), "{e}");
    }
}
