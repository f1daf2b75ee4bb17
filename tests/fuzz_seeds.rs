//! Every fuzzing seed (fuzz/seeds/, including crash inputs the fuzzers
//! found) through the same entry points as the fuzz targets, so a crash once
//! fixed stays fixed without a fuzzer installed.

use std::path::{Path, PathBuf};

fn seeds(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seed folder")
        .map(|e| e.expect("entry").path())
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seeds in {}", dir.display());
    out
}

#[test]
fn article_and_manifest_seeds_parse_or_fail_cleanly() {
    for p in seeds("article") {
        let data = std::fs::read(&p).expect("seed");
        let _ = typeset::parse::parse_article(Path::new("fuzz.md"), data);
    }
    for p in seeds("manifest") {
        let data = std::fs::read(&p).expect("seed");
        let text = String::from_utf8_lossy(&data).into_owned();
        let _ = typeset::parse::parse_manifest(Path::new("fuzz.toml"), text);
    }
}

#[test]
fn clean_seeds_give_articles_and_reports() {
    for p in seeds("clean") {
        let data = std::fs::read(&p).expect("seed");
        let cleaned = typeset::clean::clean(&String::from_utf8_lossy(&data));
        for a in &cleaned.articles {
            let md = a.to_markdown();
            assert!(md.starts_with("+++\n"), "{}", p.display());
        }
        let _ = typeset::clean::report("fuzz.txt", &cleaned.notes);
    }
}

#[test]
fn font_seeds_load_or_fail_cleanly() {
    for p in seeds("font") {
        let mut book = typeset::resolve::FontBook::new(&[], false).expect("bundled fonts");
        if let Ok(ids) = book.load_file(&p) {
            for id in ids {
                let _ = book.font(id).face();
            }
        }
    }
}

#[test]
fn cache_seeds_open_or_are_refused() {
    let (key, secret) = ([7u8; 32], [9u8; 32]);
    for p in seeds("cache") {
        let data = std::fs::read(&p).expect("seed");
        assert!(
            typeset::compile::open_entry(&data, &key, &secret).is_err(),
            "{}: raw bytes never pass the seal",
            p.display()
        );
        assert!(
            !matches!(
                typeset::compile::open_pack_index(&data, &secret),
                Ok(Some(_))
            ),
            "{}: raw bytes never pass as a pack",
            p.display()
        );
        let sealed = typeset::compile::seal_entry_payload(&data, &key, &secret);
        let _ = typeset::compile::open_entry(&sealed, &key, &secret);
    }
}
