//! Helpers shared by the hostile-input tests (tests/hostile*.rs).

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

pub const ARTICLE: &str = "+++\ntitle = \"标题\"\n+++\n\n正文第一段。\n\n正文第二段。\n";

/// A folder holding in.md (a small article).
pub fn with_article() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let input = dir.path().join("in.md");
    std::fs::write(&input, ARTICLE).expect("write the article");
    (dir, input)
}

/// Runs `command`, killing it after 300 s (a hang is a failure, not a
/// stuck test run; a debug build on a loaded machine takes over 60 s for
/// the longest cases).
pub fn run_bounded(mut command: Command) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run typeset");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            panic!("typeset hung for 300 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

pub fn refused(out: &Output, what: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(what), "expected {what:?} in\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

pub fn args<'a>(list: &'a [&'a OsStr]) -> Vec<&'a OsStr> {
    list.to_vec()
}

/// The names of typeset's temporary files left in `dir`.
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".typeset-"))
        .collect()
}

/// A serial of three installments in `dir`/serial.
pub fn serial_in(dir: &Path) -> PathBuf {
    let serial = dir.join("serial");
    std::fs::create_dir(&serial).expect("folder");
    std::fs::write(
        serial.join("serial.toml"),
        "work = \"长河\"\nauthor = \"作者\"\n",
    )
    .expect("write");
    for n in 1..=3 {
        let text = format!(
            "+++\nkind = \"serial\"\ntitle = \"第{n}章\"\n\n[serial]\nwork = \"长河\"\nauthor = \"作者\"\ninstallment = {n}\n+++\n\n第{n}章的正文，雨从傍晚开始下。\n"
        );
        std::fs::write(serial.join(format!("{n:04}.md")), text).expect("write");
    }
    serial
}

/// Builds the book with a cache in `cache` and the cache secret under
/// `home`; returns the PDF's bytes and stderr.
pub fn cached_build(serial: &Path, cache: &Path, home: &Path, out: &Path) -> (Vec<u8>, String) {
    let o = bin()
        .arg(serial)
        .arg("--no-system-fonts")
        .arg("--cache-dir")
        .arg(cache)
        .arg("--pdf")
        .arg(out)
        .env("XDG_CACHE_HOME", home)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run");
    let err = assert_ok(&o);
    assert!(!err.contains("panicked"), "{err}");
    (std::fs::read(out).expect("the PDF"), err)
}

/// The chapter cache's pack files in `cache`, sorted.
pub fn packs(cache: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(cache)
        .expect("cache")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pack"))
        .collect();
    v.sort();
    v
}

/// A pack's index rows (key, offset, length) as its tail describes them:
/// the last 64 bytes are magic (12), format (4), index offset (8), count
/// (8) and the seal (32).
pub fn pack_rows(bytes: &[u8]) -> Vec<([u8; 32], u64, u64)> {
    let tail = &bytes[bytes.len() - 64..];
    let num = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let (at, count) = (num(&tail[16..24]) as usize, num(&tail[24..32]) as usize);
    (bytes[at..at + count * 48].chunks_exact(48))
        .map(|r| {
            (
                r[..32].try_into().expect("key"),
                num(&r[32..40]),
                num(&r[40..48]),
            )
        })
        .collect()
}

/// Rewrites a pack's index as `rows` and seals it again with the secret
/// the runs keep under `home` (as a run of typeset would have written it).
pub fn reseal_pack(bytes: &mut [u8], rows: &[([u8; 32], u64, u64)], home: &Path) {
    use sha2::{Digest, Sha256};
    let secret = std::fs::read(home.join("typeset/cache-secret")).expect("the secret");
    let n = bytes.len();
    let at = u64::from_le_bytes(bytes[n - 48..n - 40].try_into().expect("8 bytes")) as usize;
    let mut index = Vec::new();
    for (key, offset, len) in rows {
        index.extend_from_slice(key);
        index.extend_from_slice(&offset.to_le_bytes());
        index.extend_from_slice(&len.to_le_bytes());
    }
    bytes[at..at + index.len()].copy_from_slice(&index);
    // HMAC-SHA-256 (RFC 2104) of the index and the tail before the seal.
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(&secret);
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(&index);
    inner.update(&bytes[n - 64..n - 32]);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    bytes[n - 32..].copy_from_slice(&outer.finalize());
}
