//! `typeset clean` on damaged text written for these tests: each
//! tests/fixtures/clean/NAME.clean.md was written first, then damaged the way
//! OCR and PDF copying damage text into NAME.txt (line breaks and spaces at
//! column ends, half-width punctuation, straight quotes, dot ellipses,
//! hyphen dashes, page numbers, editor credits, running heads, a figure
//! label, a formula fragment, paragraphs run together and split).

#[path = "clean/breaks.rs"]
mod breaks;
#[path = "clean/captions.rs"]
mod captions;
mod common;
#[path = "clean/continued.rs"]
mod continued;
#[path = "clean/corpus.rs"]
mod corpus;
#[path = "clean/false_heads.rs"]
mod false_heads;
#[path = "clean/figures.rs"]
mod figures;
#[path = "clean/general.rs"]
mod general;
#[path = "clean/headline.rs"]
mod headline;
#[path = "clean/heldout.rs"]
mod heldout;
#[path = "clean/heldout_gen.rs"]
mod heldout_gen;
#[path = "clean/lists.rs"]
mod lists;
#[path = "clean/loose.rs"]
mod loose;
#[path = "clean/ocr.rs"]
mod ocr;
#[path = "clean/ocr_text.rs"]
mod ocr_text;
#[path = "clean/pieces.rs"]
mod pieces;
#[path = "clean/prints.rs"]
mod prints;
#[path = "clean/run_on.rs"]
mod run_on;
#[path = "clean/scan.rs"]
mod scan;
#[path = "clean/score.rs"]
mod score;
#[path = "clean/sliver.rs"]
mod sliver;
#[path = "clean/split.rs"]
mod split;
#[path = "clean/structure.rs"]
mod structure;

use std::path::Path;
use std::process::Output;

use common::{assert_ok, bin, need, pdf_pages, root, tempdir};

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
        assert_ok(&o);
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
    assert_ok(&o);
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
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
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
    assert_ok(&o);
    need("pdftotext");
    let text: String = pdf_pages(Path::new(&pdf))
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("老周把车停好"), "{text}");
}

/// A deterministic OCR-style damage of an article: the front matter printed
/// as lines, the body wrapped at 17 characters with stray spaces at line
/// ends, full-width punctuation turned half width, quotes straight,
/// ellipses as dots, dashes as hyphens, a page number and a running head
/// every 20 lines, the source and an editor credit at the end. Returns the
/// damaged text and the body as `plain()` gives it (figures and emphasis
/// marks are not text a scan would carry).
fn damage(md: &str, seed: u64) -> (String, String) {
    let mut rng = seed;
    let mut roll = |n: u64| {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (rng >> 33) % n
    };
    let (front, body) = {
        let mut parts = md.splitn(3, "+++");
        parts.next();
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""))
    };
    let field = |key: &str| {
        front.lines().find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
        })
    };
    let mut out = String::new();
    for key in ["title", "deck", "byline"] {
        if let Some(v) = field(key) {
            out.push_str(&v);
            out.push('\n');
        }
    }
    let mut reference = Vec::new();
    let mut printed = 0;
    let mut emit = |out: &mut String, line: &str, roll: &mut dyn FnMut(u64) -> u64| {
        out.push_str(line);
        if roll(3) == 0 {
            out.push(' ');
        }
        out.push('\n');
        printed += 1;
        if printed % 20 == 0 {
            out.push_str("- 7 -\n城市夜行记\n");
        }
    };
    for block in body.split("\n\n") {
        let block = block.trim();
        if block.is_empty() || block.starts_with("![") {
            continue;
        }
        if let Some(head) = block.strip_prefix("## ") {
            reference.push(head.to_string());
            emit(&mut out, head, &mut roll);
            continue;
        }
        let text: String = block
            .trim_start_matches("> ")
            .replace(['*', '\n'], "")
            .to_string();
        reference.push(text.clone());
        let mut damaged = String::new();
        for c in text.chars() {
            let half = match c {
                '，' => Some(","),
                '：' => Some(":"),
                '；' => Some(";"),
                '？' => Some("?"),
                '！' => Some("!"),
                '（' => Some("("),
                '）' => Some(")"),
                '“' | '”' => Some("\""),
                '…' => Some("..."),
                '—' => Some("-"),
                _ => None,
            };
            match half {
                // Quotes, ellipses and dashes are always damaged, so their
                // pairs stay whole; other marks two times in three.
                Some(h) if matches!(c, '“' | '”' | '…' | '—') || roll(3) != 0 => {
                    damaged.push_str(h)
                }
                _ => damaged.push(c),
            }
        }
        let chars: Vec<char> = damaged.chars().collect();
        let mut first = true;
        for chunk in chars.chunks(17) {
            let mut line: String = chunk.iter().collect();
            if first {
                line.insert_str(0, "　　");
                first = false;
            }
            emit(&mut out, &line, &mut roll);
        }
    }
    if let Some(source) = field("source") {
        out.push_str(&format!("（{source}）\n"));
    }
    out.push_str("责任编辑:林晓舟 校对:陈一鸣\n");
    (out, reference.join("\n"))
}

/// The examples, damaged and cleaned: how much text comes back exactly, and
/// how many report lines take real text out of the body (false alarms).
#[test]
fn damaged_examples_measure() {
    let dir = tempdir();
    let (mut same, mut total, mut false_alarms, mut lines) = (0, 0, 0, 0);
    for (i, name) in ["night-bus.md", "bridge-news.md", "essay-lamp.md"]
        .iter()
        .enumerate()
    {
        let md = std::fs::read_to_string(root().join("examples").join(name)).expect("example");
        let (damaged, reference) = damage(&md, i as u64 + 1);
        let input = dir.path().join(name.replace(".md", ".txt"));
        std::fs::write(&input, &damaged).expect("write");
        let out = dir.path().join(name);
        let o = clean(&[input.as_os_str(), "-o".as_ref(), out.as_os_str()]);
        assert_ok(&o);
        let got = std::fs::read_to_string(&out).expect("cleaned");
        let plain: Vec<&str> = body(&got)
            .split("\n\n")
            .map(|b| b.trim().trim_start_matches("## "))
            .filter(|b| !b.is_empty())
            .collect();
        let plain = plain.join("\n").replace('\\', "");
        let (s, n) = restored(&reference, &plain);
        if s < n {
            let diff = similar::TextDiff::from_chars(reference.as_str(), plain.as_str());
            for op in diff
                .ops()
                .iter()
                .filter(|o| o.tag() != similar::DiffTag::Equal)
            {
                let r: String = reference
                    .chars()
                    .skip(op.old_range().start.saturating_sub(8))
                    .take(op.old_range().len() + 16)
                    .collect();
                let g: String = plain
                    .chars()
                    .skip(op.new_range().start.saturating_sub(8))
                    .take(op.new_range().len() + 16)
                    .collect();
                eprintln!("{name}: {:?} want {r:?} got {g:?}", op.tag());
            }
        }
        same += s;
        total += n;
        let report = String::from_utf8(o.stderr).expect("utf-8");
        for l in report
            .lines()
            .filter(|l| l.contains(": removed: ") || l.contains(": warning: "))
        {
            lines += 1;
            let what = l.rsplit(": ").next().unwrap_or("");
            if l.contains(": warning: ") || (what.chars().count() > 1 && reference.contains(what)) {
                false_alarms += 1;
                eprintln!("false alarm: {l}");
            }
        }
        eprintln!("{name}: {s}/{n} characters restored");
    }
    eprintln!(
        "examples: {same}/{total} characters restored, {false_alarms} false alarm(s) in {lines} removal and warning lines"
    );
    // Measured when this test was written: 3209/3210; the one difference is
    // the space in "叫 night owl", which clean removes on purpose (the
    // typesetter sets its own quarter em between Han and Latin). Below 99 %
    // the cleaner lost or mangled text.
    assert!(same * 100 >= total * 99, "{same}/{total}");
    assert_eq!(false_alarms, 0);
}
