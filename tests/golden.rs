//! Golden outputs: the exact bytes of a small article's PDF and EPUB, set
//! horizontally and vertically, are fixed in tests/golden/ (each checked by
//! eye when it was blessed), so that any change to what typeset writes shows
//! here, intended or not. A difference fails with this run's files left in
//! target/golden-actual/; `TYPESET_BLESS=1 cargo test --test golden` makes
//! them the expectation.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::io::Read;

use common::*;

/// A fixed date for the outputs' metadata: 2026-11-27T00:00:00Z.
const EPOCH: &str = "1795737600";

/// One golden run: tests/golden/article.md with extra flags, giving
/// tests/golden/NAME.pdf and NAME.epub.
struct Golden {
    name: &'static str,
    flags: &'static [&'static str],
}

const GOLDEN: &[Golden] = &[
    Golden {
        name: "article",
        flags: &[],
    },
    Golden {
        name: "article-vertical",
        flags: &["--writing", "vertical"],
    },
];

#[test]
fn outputs_match_the_golden_files() {
    let article = root().join("tests/golden/article.md");
    // Only what this run finds different is left there.
    let _ = std::fs::remove_dir_all(root().join("target/golden-actual"));
    let mut failures = Vec::new();
    for golden in GOLDEN {
        let dir = tempdir();
        let mut args: Vec<&OsStr> = vec![article.as_os_str()];
        args.extend(golden.flags.iter().map(OsStr::new));
        let mut command = typeset(&args);
        command.env("SOURCE_DATE_EPOCH", EPOCH);
        let (out, made) = run_command_into(dir.path(), command);
        assert_ok(&out);
        for (ext, bytes) in [("pdf", made.pdf_bytes()), ("epub", made.epub_bytes())] {
            let file = format!("{}.{ext}", golden.name);
            if let Some(failure) = check(&file, &bytes) {
                failures.push(failure);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "the outputs differ from tests/golden/:\n{}\n{}",
        failures.join("\n"),
        how_to_inspect()
    );
}

/// Compares one output with its golden file (or writes it when blessing);
/// a line saying what differs, this run's file kept in target/golden-actual/.
fn check(file: &str, bytes: &[u8]) -> Option<String> {
    let expected = root().join("tests/golden").join(file);
    if blessing() {
        std::fs::write(&expected, bytes).expect("write the golden file");
        eprintln!("wrote {}: look at it before committing", expected.display());
        return None;
    }
    let want = match std::fs::read(&expected) {
        Ok(want) if want == bytes => return None,
        Ok(want) => Some(want),
        Err(_) => None,
    };
    let actual = actual_dir("golden-actual").join(file);
    std::fs::write(&actual, bytes).expect("keep this run's output");
    Some(match want {
        None => format!("  {file}: no golden file (tests/golden/{file})"),
        Some(want) => format!("  {file}: {}", difference(file, &want, bytes)),
    })
}

/// What differs between two versions of an output, briefly.
fn difference(file: &str, want: &[u8], got: &[u8]) -> String {
    let first = want
        .iter()
        .zip(got)
        .position(|(a, b)| a != b)
        .unwrap_or(want.len().min(got.len()));
    let mut s = format!(
        "{} bytes expected, {} made, first difference at byte {first}",
        want.len(),
        got.len()
    );
    if file.ends_with(".epub") {
        s.push_str(&format!(
            "; entries that differ: {}",
            differing_entries(want, got).join(", ")
        ));
    }
    s
}

/// The names of the EPUB (zip) entries whose content differs, or that only
/// one side has.
fn differing_entries(want: &[u8], got: &[u8]) -> Vec<String> {
    let (a, b) = (zip_entries(want), zip_entries(got));
    let names: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    names
        .into_iter()
        .filter(|n| a.get(*n) != b.get(*n))
        .cloned()
        .collect()
}

fn zip_entries(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return BTreeMap::from([("(not a zip file)".into(), bytes.to_vec())]);
    };
    (0..z.len())
        .map(|i| {
            let mut entry = z.by_index(i).expect("zip entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read zip entry");
            (entry.name().expect("entry name").to_string(), data)
        })
        .collect()
}

fn how_to_inspect() -> String {
    format!(
        "This run's files are in {dir}/. To see the change:
  pdftoppm -png -r 100 tests/golden/article.pdf /tmp/old; pdftoppm -png -r 100 {dir}/article.pdf /tmp/new
  (and compare the PNGs), or for an EPUB entry:
  diff <(unzip -p tests/golden/article.epub OEBPS/text/chapter0001.xhtml) <(unzip -p {dir}/article.epub OEBPS/text/chapter0001.xhtml)
If the change is intended: `{BLESS}=1 cargo test --test golden`, look at the new files, and commit tests/golden/.",
        dir = "target/golden-actual"
    )
}
