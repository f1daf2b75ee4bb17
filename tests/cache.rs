//! The book's chapter cache (issue 18): pack files whose entries and index
//! are sealed, so that a damaged, swapped or foreign cache is rebuilt with
//! a warning and never trusted; two runs on one cache at once; packs
//! compacted before they pile up.

mod common;
mod hostile_util;

use std::path::Path;

use common::*;
use hostile_util::*;

/// The one pack of a cache written by one run, and its bytes.
fn only_pack(cache: &Path) -> (std::path::PathBuf, Vec<u8>) {
    let list = packs(cache);
    assert_eq!(list.len(), 1, "{list:?}");
    let bytes = std::fs::read(&list[0]).expect("pack");
    (list[0].clone(), bytes)
}

#[test]
fn a_damaged_swapped_or_foreign_cache_is_rebuilt_with_a_warning() {
    let dir = tempdir();
    let serial = serial_in(dir.path());
    let cache = dir.path().join("cache");
    let home = dir.path().join("home");
    let out = dir.path().join("out.pdf");
    let (clean, _) = cached_build(&serial, &cache, &home, &out);
    let (again, err) = cached_build(&serial, &cache, &home, &out);
    assert_eq!(clean, again);
    assert!(err.contains("3 chapter(s) from the cache"), "{err}");
    // One bit flipped in every entry, at a different place in each.
    let (path, mut bytes) = only_pack(&cache);
    let rows = pack_rows(&bytes);
    for (i, (_, offset, len)) in rows.iter().enumerate() {
        let at = [20, len / 2, len - 1][i % 3];
        bytes[(offset + at) as usize] ^= 0x10;
    }
    std::fs::write(&path, &bytes).expect("write");
    let (flipped, err) = cached_build(&serial, &cache, &home, &out);
    assert_eq!(flipped, clean, "a damaged entry changed the book");
    assert_eq!(err.matches("laid out anew").count(), 3, "{err}");
    // The damaged pack was replaced by one holding the chapters laid out
    // anew: the next run is served whole, without a word.
    let (served, err) = cached_build(&serial, &cache, &home, &out);
    assert_eq!(served, clean);
    assert!(err.contains("3 chapter(s) from the cache"), "{err}");
    assert!(!err.contains("warning"), "{err}");
    // Two entries swapped, the index sealed again as if typeset wrote it:
    // each entry still names its own chapter.
    let (path, mut bytes) = only_pack(&cache);
    let mut rows = pack_rows(&bytes);
    let (a, b) = ((rows[0].1, rows[0].2), (rows[1].1, rows[1].2));
    (rows[0].1, rows[0].2, rows[1].1, rows[1].2) = (b.0, b.1, a.0, a.1);
    reseal_pack(&mut bytes, &rows, &home);
    std::fs::write(&path, &bytes).expect("write");
    let (swapped, err) = cached_build(&serial, &cache, &home, &out);
    assert_eq!(swapped, clean, "swapped entries changed the book");
    assert_eq!(err.matches("holds another chapter").count(), 2, "{err}");
    // A bit of the index, a byte of the tail: the pack is refused whole.
    for back in [70, 40, 20, 1] {
        let (path, mut bytes) = only_pack(&cache);
        let n = bytes.len();
        bytes[n - back] ^= 0x01;
        std::fs::write(&path, &bytes).expect("write");
        let (rebuilt, err) = cached_build(&serial, &cache, &home, &out);
        assert_eq!(rebuilt, clean);
        assert!(err.contains("pack") && err.contains("not usable"), "{err}");
        assert!(!err.contains("from the cache"), "{err}");
    }
    // A cache written under another user's secret (shipped with the
    // folder) is not trusted.
    let (foreign, err) = cached_build(&serial, &cache, &dir.path().join("other"), &out);
    assert_eq!(foreign, clean);
    assert!(err.contains("not written here"), "{err}");
    // Garbage, short or long, under a pack's name: refused, no panic.
    for garbage in [&b"\xff\xfe garbage"[..], &[0xA5; 4096][..]] {
        std::fs::write(cache.join("x.pack"), garbage).expect("write");
        let (rebuilt, err) = cached_build(&serial, &cache, &home, &out);
        assert_eq!(rebuilt, clean);
        assert!(err.contains("x.pack is not usable"), "{err}");
    }
}

#[test]
fn two_runs_on_one_cache_at_once_leave_it_sound() {
    let dir = tempdir();
    let serial = serial_in(dir.path());
    let cache = dir.path().join("cache");
    let home = dir.path().join("home");
    let (clean, _) = cached_build(&serial, &cache, &home, &dir.path().join("0.pdf"));
    for round in 1..=3 {
        // A new installment each round, so both runs write a pack.
        let n = 3 + round;
        let text = format!(
            "+++\nkind = \"serial\"\ntitle = \"第{n}章\"\n\n[serial]\nwork = \"长河\"\nauthor = \"作者\"\ninstallment = {n}\n+++\n\n第{n}章的正文。\n"
        );
        std::fs::write(serial.join(format!("{n:04}.md")), text).expect("write");
        let runs: Vec<_> = (0..2)
            .map(|k| {
                let (serial, cache, home) = (serial.clone(), cache.clone(), home.clone());
                let out = dir.path().join(format!("{round}-{k}.pdf"));
                std::thread::spawn(move || cached_build(&serial, &cache, &home, &out))
            })
            .collect();
        let built: Vec<(Vec<u8>, String)> =
            runs.into_iter().map(|r| r.join().expect("run")).collect();
        assert_eq!(built[0].0, built[1].0, "two runs at once differ");
        for (_, err) in &built {
            assert!(!err.contains("warning"), "{err}");
        }
        let out = dir.path().join(format!("{round}.pdf"));
        let (after, err) = cached_build(&serial, &cache, &home, &out);
        assert_eq!(after, built[0].0);
        let all = format!("{n} chapter(s) from the cache");
        assert!(err.contains(&all) && !err.contains("warning"), "{err}");
        assert!(leftovers(&cache).is_empty(), "{:?}", leftovers(&cache));
    }
    assert_ne!(clean, std::fs::read(dir.path().join("3.pdf")).expect("pdf"));
}

#[test]
fn packs_are_compacted_before_they_pile_up() {
    let dir = tempdir();
    let serial = serial_in(dir.path());
    let cache = dir.path().join("cache");
    let home = dir.path().join("home");
    let out = dir.path().join("out.pdf");
    // A cache of the former layout (one file a chapter): removed.
    std::fs::create_dir(&cache).expect("cache");
    let legacy = cache.join(format!("{}.chapter", "ab".repeat(32)));
    std::fs::write(&legacy, b"TYPESETCACHE old").expect("write");
    let file = serial.join("0003.md");
    let text = std::fs::read_to_string(&file).expect("read");
    let mut most = 0;
    for round in 0..20 {
        // Each round edits one chapter: one more pack, one chapter new.
        std::fs::write(&file, text.replace("傍晚", &format!("第{round}个傍晚"))).expect("write");
        let (_, err) = cached_build(&serial, &cache, &home, &out);
        if round > 0 {
            assert!(err.contains("2 chapter(s) from the cache"), "{err}");
        }
        assert!(!err.contains("warning"), "{err}");
        most = most.max(packs(&cache).len());
    }
    assert!(!legacy.exists(), "the former layout's entry was kept");
    assert!((2..=9).contains(&most), "{most} packs at most");
    let rows: usize = (packs(&cache).iter())
        .map(|p| pack_rows(&std::fs::read(p).expect("pack")).len())
        .sum();
    assert!(rows <= 3 + 8, "{rows} entries kept for 3 chapters");
}
