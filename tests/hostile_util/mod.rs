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

pub fn entries(cache: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(cache)
        .expect("cache")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "chapter"))
        .collect();
    v.sort();
    v
}
