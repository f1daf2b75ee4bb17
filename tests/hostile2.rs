//! Hostile and faulty situations, round 2 of issue 18: unbreakable text,
//! images that are damaged or huge, long captions, files outside the
//! input's folder, and what the chapter cache's key covers. Each ends with
//! a clear, located error or a correct output, never a panic or lost text.

mod common;
mod hostile_util;

use std::ffi::OsStr;

use common::*;
use hostile_util::*;

#[test]
fn an_installment_whose_bytes_changed_is_not_served_from_the_cache() {
    let dir = tempdir();
    let serial = serial_in(dir.path());
    let cache = dir.path().join("cache");
    let home = dir.path().join("home");
    let out = dir.path().join("out.pdf");
    cached_build(&serial, &cache, &home, &out);
    let (_, err) = cached_build(&serial, &cache, &home, &out);
    assert!(err.contains("3 chapter(s) from the cache"), "{err}");
    // A comment in the front matter: the bytes differ, the chapter as
    // parsed does not. The key follows the bytes.
    let file = serial.join("0003.md");
    let text = std::fs::read_to_string(&file).expect("read");
    let edited = text.replacen("+++\n", "+++\n# revised\n", 1);
    std::fs::write(&file, edited).expect("write");
    let (_, err) = cached_build(&serial, &cache, &home, &out);
    assert!(err.contains("2 chapter(s) from the cache"), "{err}");
    assert_eq!(entries(&cache).len(), 4, "a new entry for the new bytes");
    let _ = OsStr::new("");
}
