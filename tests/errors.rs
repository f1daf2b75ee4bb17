//! Bad input: exit code 1 with `file:line:col`, a hint, and no output file;
//! usage errors exit 2.

mod common;

use std::ffi::OsStr;

use common::*;

/// Writes `content` as an article in a fresh folder, runs typeset on it with
/// both outputs, and returns (exit code, stderr, files left in the folder).
fn fail_case(content: &[u8]) -> (i32, String, Vec<String>) {
    let dir = tempdir();
    let src = dir.path().join("bad.md");
    std::fs::write(&src, content).unwrap();
    let out = run(&[src.as_os_str(), OsStr::new("--pdf"), OsStr::new("--epub")]);
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        files,
    )
}

#[test]
fn input_errors_name_the_place_and_write_nothing() {
    let cases: &[(&[u8], &str, &str)] = &[
        (b"+++\ntitle = \"t\"\nheadline = \"x\"\n+++\nbody\n", "bad.md:3:1:", "unknown field `headline`"),
        (b"+++\nkicker = \"k\"\n+++\nbody\n", "bad.md:2:1:", "no title"),
        (b"+++\nkind = \"serial\"\ntitle = \"t\"\n+++\nbody\n", "bad.md:2:8:", "[serial]"),
        (b"+++\ntitle = \"t\"\n+++\n\xe4\xb8\xad\xff\n", "bad.md:4:2:", "not valid UTF-8"),
        (b"+++\ntitle = \"t\"\n+++\n| a | b |\n|---|---|\n| 1 | 2 |\n", "bad.md:4:1:", "table"),
        (b"+++\ntitle = \"t\"\n+++\ntext\n\n<b>x</b>\n", "bad.md:6:1:", "HTML"),
        (b"+++\ntitle = \"t\"\n+++\n![fig](missing.png)\n", "bad.md:4:1:", "cannot read the image"),
        (b"+++\ntitle = \"t\"\n+++\n![fig](../../etc/passwd)\n", "bad.md:4:1:", "leaves the article's folder"),
        (b"+++\ntitle = \"t\"\ndate = \"yesterday\"\n+++\nbody\n", "bad.md:3:8:", "front matter"),
        (b"+++\ntitle = \"t\"\n[serial]\nwork = \"w\"\nauthor = \"a\"\ninstallment = 0\n+++\nbody\n", "bad.md:6:15:", "not a positive number"),
        (b"+++\ntitle = \"t\"\n+++\n", "bad.md:4:1:", "no body"),
        (b"no front matter\n", "bad.md:1:1:", "front matter"),
    ];
    for (content, place, what) in cases {
        let (code, err, files) = fail_case(content);
        let shown = String::from_utf8_lossy(content);
        assert_eq!(code, 1, "{shown}: {err}");
        assert!(err.contains(place), "{shown}: expected {place} in {err}");
        assert!(err.contains(what), "{shown}: expected {what} in {err}");
        assert!(
            err.contains("hint:") || err.contains("help:"),
            "{shown}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(files, ["bad.md"], "{shown}: output written");
    }
}

#[test]
fn a_file_that_is_not_an_image_is_refused() {
    let dir = tempdir();
    std::fs::write(dir.path().join("fig.png"), b"this is text, not a PNG").unwrap();
    let src = dir.path().join("a.md");
    std::fs::write(&src, "+++\ntitle = \"t\"\n+++\n![图](fig.png)\n").unwrap();
    let out = run(&[src.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("a.md:4:1") && err.contains("not a PNG or JPEG"),
        "{err}"
    );
    assert!(!dir.path().join("a.pdf").exists() && !dir.path().join("a.epub").exists());
}

#[test]
fn an_output_folder_that_does_not_exist_is_an_error() {
    let dir = tempdir();
    let src = root().join("examples/changhe/0789.md");
    let pdf = dir.path().join("no/such/dir/out.pdf");
    let out = run(&[src.as_os_str(), OsStr::new("--pdf"), pdf.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn a_failed_run_leaves_the_previous_output_intact() {
    let dir = tempdir();
    let src = dir.path().join("a.md");
    std::fs::write(&src, "+++\ntitle = \"t\"\n+++\n正文。\n").unwrap();
    assert!(run(&[src.as_os_str()]).status.success());
    let before = std::fs::read(dir.path().join("a.pdf")).unwrap();
    std::fs::write(&src, "+++\ntitle = \"t\"\n+++\n| a |\n|---|\n").unwrap();
    assert_eq!(run(&[src.as_os_str()]).status.code(), Some(1));
    assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".typeset")
        })
        .collect();
    assert!(leftovers.is_empty());
}

/// A usage error exits 2 (an input error 1), also with an input that
/// exists and would otherwise be set.
#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["examples/bridge-news.md", "--writing", "diagonal"][..],
        &["examples/bridge-news.md", "--print", "x9"][..],
        &["examples/bridge-news.md", "--no-such-flag"][..],
    ] {
        let out = bin().current_dir(root()).args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = bin().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--pdf", "--epub", "--layout", "--writing", "--font-dir"] {
        assert!(help.contains(flag), "{flag} in --help");
    }
    let out = bin().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("typeset "));
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_character_no_font_has_is_a_warning_with_its_place() {
    let dir = tempdir();
    let src = dir.path().join("a.md");
    // U+E000 is a private-use character: no bundled font has it.
    std::fs::write(
        &src,
        "+++\ntitle = \"标题\"\n+++\n第一段。\n\n第二段有\u{E000}字。\n",
    )
    .unwrap();
    let out = run(&[src.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("a.md:6:5") && err.contains("U+E000") && err.contains("warning"),
        "{err}"
    );
    // The character stays in both editions' text.
    assert!(epub_text(&dir.path().join("a.epub")).contains('\u{E000}'));
    need("pdftotext");
    let pages = pdf_pages(&dir.path().join("a.pdf"));
    assert!(pages.concat().contains('\u{E000}'), "{pages:?}");
}
