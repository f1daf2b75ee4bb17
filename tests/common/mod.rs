//! Helpers for the integration tests: run the CLI, read its outputs.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_typeset"))
}

pub fn run(args: &[&std::ffi::OsStr]) -> Output {
    bin()
        .args(args)
        .arg("--no-system-fonts")
        .arg("--no-cache")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run typeset")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Is an external tool installed? Tests that need one skip without it, unless
/// TYPESET_REQUIRE_TOOLS is set (CI sets it), where its absence fails.
pub fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok && std::env::var_os("TYPESET_REQUIRE_TOOLS").is_some() {
        panic!("{tool} is required (TYPESET_REQUIRE_TOOLS is set) but not installed");
    }
    if !ok {
        eprintln!("skipping: {tool} is not installed");
    }
    ok
}

/// Text of a PDF in content order, one string per page.
pub fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

pub fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

/// The text of every XHTML chapter of an EPUB, tags removed, entities
/// decoded, in spine order (chapter files are numbered in spine order).
pub fn epub_text(epub: &Path) -> String {
    let f = std::fs::File::open(epub).expect("open epub");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut names: Vec<String> = z
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.to_string())
        .filter(|n| n.starts_with("OEBPS/text/"))
        .collect();
    names.sort();
    let mut all = String::new();
    for n in names {
        let mut s = String::new();
        z.by_name(&n).unwrap().read_to_string(&mut s).unwrap();
        let body = &s[s.find("<body>").expect("body")..];
        let mut in_tag = false;
        let mut text = String::new();
        for c in body.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        all.push_str(
            &text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&"),
        );
    }
    all
}

pub fn zip_entry(epub: &Path, name: &str) -> String {
    let f = std::fs::File::open(epub).expect("open epub");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut s = String::new();
    z.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in epub"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// Paragraphs of an article as typeset reads them (via --paragraphs).
pub fn paragraphs(article: &Path, dir: &Path) -> Vec<String> {
    let p = dir.join("paragraphs.txt");
    let out = run(&[
        article.as_os_str(),
        "--epub".as_ref(),
        dir.join("x.epub").as_os_str(),
        "--paragraphs".as_ref(),
        p.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Removes each page's furniture (running head, date, folio), which the
/// composer writes after the page's text, checking that it is there.
pub fn strip_furniture(pages: &[String], head: &str, date: Option<&str>) -> String {
    strip_page_furniture(pages, |i| {
        format!(
            "{}{}{}",
            squeeze(head),
            date.map(squeeze).unwrap_or_default(),
            i + 1
        )
    })
}

/// As `strip_furniture`, with each page's furniture text given.
pub fn strip_page_furniture(pages: &[String], furniture: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        let body = squeeze(page);
        let suffix = squeeze(&furniture(i));
        let stripped = body.strip_suffix(&suffix).unwrap_or_else(|| {
            panic!(
                "page {} does not end with its furniture {suffix:?}: …{}",
                i + 1,
                body.chars()
                    .rev()
                    .take(60)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<String>()
            )
        });
        out.push_str(stripped);
    }
    out
}

/// Asserts that the text is exactly the paragraphs, in order (whitespace
/// ignored: the PDF carries spacing as positions, and CJK–Latin gaps come
/// back from extraction as spaces).
pub fn assert_same_text(text: &str, paras: &[String]) {
    let got = squeeze(text);
    let want: String = paras.iter().map(|p| squeeze(p)).collect();
    if got != want {
        let common = got
            .chars()
            .zip(want.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let g: String = got
            .chars()
            .skip(common.saturating_sub(20))
            .take(60)
            .collect();
        let w: String = want
            .chars()
            .skip(common.saturating_sub(20))
            .take(60)
            .collect();
        panic!("text differs after {common} characters:\n got: …{g}\nwant: …{w}");
    }
}
