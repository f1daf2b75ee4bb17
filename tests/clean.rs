//! `typeset clean` on damaged text written for these tests: each
//! tests/fixtures/clean/NAME.clean.md was written first, then damaged the way
//! OCR and PDF copying damage text into NAME.txt (line breaks and spaces at
//! column ends, half-width punctuation, straight quotes, dot ellipses,
//! hyphen dashes, page numbers, editor credits, running heads, a figure
//! label, a formula fragment, paragraphs run together and split).

mod common;

use std::path::Path;
use std::process::Output;

use common::{bin, have, pdf_pages, root, tempdir};

fn fixture(name: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/clean").join(name)
}

fn clean(args: &[&std::ffi::OsStr]) -> Output {
    bin()
        .arg("clean")
        .args(args)
        .output()
        .expect("run typeset clean")
}

fn body(md: &str) -> &str {
    md.splitn(3, "+++").nth(2).expect("front matter")
}

/// Characters of the expected text that come back exactly, by a character
/// diff of the two bodies.
fn restored(expected: &str, got: &str) -> (usize, usize) {
    let diff = similar::TextDiff::from_chars(expected, got);
    let same: usize = diff
        .ops()
        .iter()
        .filter(|op| op.tag() == similar::DiffTag::Equal)
        .map(|op| op.old_range().len())
        .sum();
    (same, expected.chars().count())
}

#[test]
fn damaged_articles_are_restored_exactly() {
    let dir = tempdir();
    let mut same_total = 0;
    let mut total = 0;
    for name in ["bus", "serial", "traps"] {
        let out = dir.path().join(format!("{name}.md"));
        let report = dir.path().join(format!("{name}.report"));
        let o = clean(&[
            fixture(&format!("{name}.txt")).as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
            "--report".as_ref(),
            report.as_os_str(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let got = std::fs::read_to_string(&out).expect("article written");
        let want = std::fs::read_to_string(fixture(&format!("{name}.clean.md"))).expect("fixture");
        let (same, n) = restored(body(&want), body(&got));
        same_total += same;
        total += n;
        eprintln!("{name}: {same}/{n} characters restored");
        assert_eq!(got, want, "{name}: cleaned article differs");
        let report = std::fs::read_to_string(&report).expect("report written");
        assert!(
            !report.contains("warning"),
            "{name}: unexpected warning\n{report}"
        );
    }
    eprintln!("all: {same_total}/{total} characters restored");
}

#[test]
fn every_removal_is_reported_with_its_line() {
    let o = clean(&[fixture("bus.txt").as_os_str(), "--check".as_ref()]);
    assert!(o.status.success());
    let report = String::from_utf8(o.stderr).expect("utf-8");
    for (line, what) in [
        (3, "moved: byline: 本报记者 林晓舟"),
        (11, "removed: repeated header or footer: 城市夜行记"),
        (13, "removed formula fragment $\\omega$"),
        (13, "...... → ……"),
        (16, "removed: page number: - 7 -"),
        (19, "-- → ——"),
        (22, "removed: figure label: 图1 凌晨的37路末班车"),
        (23, "removed: repeated header or footer: 城市夜行记"),
        (27, "moved: source line: （据本报）"),
        (28, "removed: editor credit: 责任编辑:周小满 校对:陈一鸣"),
    ] {
        let want = format!("bus.txt:{line}: ");
        assert!(
            report
                .lines()
                .any(|l| l.contains(&want) && l.contains(what)),
            "no report line {line} {what}:\n{report}"
        );
    }
    // --check writes nothing.
    assert!(!fixture("bus.md").exists());
}

#[test]
fn unbalanced_quotes_are_reported_not_guessed() {
    let dir = tempdir();
    let out = dir.path().join("q.md");
    let o = clean(&[
        fixture("quotes.txt").as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(o.status.success());
    let report = String::from_utf8(o.stderr).expect("utf-8");
    assert!(
        report.contains("quotes.txt:2: warning: unbalanced quotes"),
        "{report}"
    );
    let got = std::fs::read_to_string(&out).expect("written");
    // The three straight quotes stay where they were; the rest is repaired.
    assert_eq!(body(&got).matches('"').count(), 3, "{got}");
    assert!(!got.contains('“') && !got.contains('”'));
    assert!(got.contains("老船工说：\"这盏灯，一夜也不曾熄过。"));
}

#[test]
fn several_articles_become_several_files() {
    let dir = tempdir();
    let o = clean(&[
        fixture("two.txt").as_os_str(),
        "-o".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first = std::fs::read_to_string(dir.path().join("two-1.md")).expect("first");
    let second = std::fs::read_to_string(dir.path().join("two-2.md")).expect("second");
    assert!(first.contains("title = \"河上新桥通车\"") && first.contains("source = \"据新华社\""));
    assert!(second.contains("title = \"夜市重新开张\"") && second.contains("source = \"据本报\""));
    assert!(second.contains("城南的老夜市经过半年修缮，昨晚重新开张，第一天就来了上万名市民。"));
}

#[test]
fn bad_input_is_an_error_with_its_place() {
    let dir = tempdir();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\xe5\xa4\x9c\xe7\x8f\xad\n\xe8\xbd\xa6\xff\n").expect("write");
    let o = clean(&[bad.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).expect("utf-8");
    assert!(
        err.contains("bad.txt:2:2: error: the text is not UTF-8"),
        "{err}"
    );
    assert!(!dir.path().join("bad.md").exists());
}

/// The cleaned article is a valid input: it typesets, and its text is in the
/// PDF.
#[test]
fn cleaned_article_typesets() {
    let dir = tempdir();
    let md = dir.path().join("bus.md");
    let o = clean(&[
        fixture("bus.txt").as_os_str(),
        "-o".as_ref(),
        md.as_os_str(),
    ]);
    assert!(o.status.success());
    let pdf = dir.path().join("bus.pdf");
    let o = common::run(&[md.as_os_str(), "--pdf".as_ref(), pdf.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    if !have("pdftotext") {
        return;
    }
    let text: String = pdf_pages(Path::new(&pdf))
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("老周把车停好"), "{text}");
}
