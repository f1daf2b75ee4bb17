//! The bad-input suite: every case in tests/bad/ (articles, layouts, page
//! manifests, serial folders) and a few generated ones. A refused input
//! exits 1 with `file:line:col` where there is a line, says what to do
//! (`hint:`), never panics and writes no output file. An odd input that is
//! accepted keeps every character of its text, in the PDF and in the EPUB.

mod common;

use std::ffi::OsStr;
use std::path::PathBuf;

use common::*;

fn case(name: &str) -> PathBuf {
    root().join("tests/bad").join(name)
}

/// Runs typeset with outputs into a fresh folder; returns exit code, stderr
/// and the files the run left there.
fn attempt(args: &[&OsStr]) -> (i32, String, Vec<String>) {
    let out = tempdir();
    let (o, _) = run_into(out.path(), args);
    let files: Vec<String> = std::fs::read_dir(out.path())
        .expect("temp dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        files,
    )
}

fn refused(label: &str, args: &[&OsStr], place: &str, what: &str) {
    let (code, err, files) = attempt(args);
    assert_eq!(code, 1, "{label}: exit {code}\n{err}");
    assert!(err.contains(place), "{label}: expected {place:?} in\n{err}");
    assert!(err.contains(what), "{label}: expected {what:?} in\n{err}");
    assert!(
        err.contains("hint:") || err.contains("help:"),
        "{label}: no hint in\n{err}"
    );
    assert!(!err.contains("panicked"), "{label}: {err}");
    assert!(files.is_empty(), "{label}: wrote {files:?}");
}

#[test]
fn bad_articles_are_refused_with_their_place() {
    let cases: &[(&str, &str, &str)] = &[
        ("01-unknown-key.md", ":3:1:", "unknown field `headline`"),
        ("02-missing-title.md", ":2:1:", "no title"),
        ("03-serial-without-table.md", ":2:8:", "no [serial] table"),
        ("04-invalid-utf8.md", ":4:2:", "not valid UTF-8"),
        ("05-table.md", ":4:1:", "a table is not supported"),
        ("06-html.md", ":6:1:", "raw HTML"),
        ("07-missing-image.md", ":4:1:", "cannot read the image"),
        (
            "08-image-outside.md",
            ":4:1:",
            "leaves the article's folder",
        ),
        ("09-bad-date.md", ":3:8:", "expected a TOML datetime"),
        ("10-installment-zero.md", ":7:15:", "not a positive number"),
        ("11-empty-body.md", ":4:1:", "no body text"),
        (
            "12-no-front-matter.md",
            ":1:1:",
            "does not start with front matter",
        ),
        (
            "13-empty-file.md",
            ":1:1:",
            "does not start with front matter",
        ),
        ("14-unterminated.md", ":1:1:", "not closed"),
        ("15-title-number.md", ":2:9:", "expected a string"),
        (
            "16-writing-diagonal.md",
            ":3:11:",
            "unknown variant `diagonal`",
        ),
        ("17-lang-number.md", ":3:8:", "expected a string"),
        (
            "18-nested-quote.md",
            ":4:3:",
            "block quote inside a block quote",
        ),
        ("19-list.md", ":4:1:", "a list is not supported"),
        ("20-code.md", ":4:1:", "a code block is not supported"),
        ("21-control-char.md", ":4:3:", "control character U+0001"),
        ("22-garbage.md", ":1:1:", "not valid UTF-8"),
        ("23-not-an-image.md", ":4:1:", "is not a PNG or JPEG image"),
        ("24-toml-syntax.md", ":2:11:", "invalid basic string"),
        ("25-duplicate-key.md", ":3:1:", "duplicate key"),
        ("26-link.md", ":4:3:", "a link is not supported"),
        ("28-kind-unknown.md", ":2:8:", "unknown kind \"poem\""),
        (
            "29-serial-missing-author.md",
            ":4:1:",
            "[serial] has no author",
        ),
        (
            "30-installment-negative.md",
            ":7:15:",
            "not a positive number",
        ),
        ("31-footnote.md", ":4:3:", "footnote"),
        ("32-heading-level-1.md", ":4:1:", "level-1 heading"),
        ("33-lang-unknown.md", ":3:8:", "unsupported language"),
        ("34-lead-number.md", ":3:8:", "expected a string"),
        ("35-image-bad-option.md", ":4:1:", "not a number of columns"),
        ("36-unpaired-emphasis.md", ":4:3:", "not paired"),
        ("37-front-array.md", ":2:9:", "expected a string"),
        (
            "38-serial-table-unknown.md",
            ":8:1:",
            "unknown field `volume`",
        ),
        ("39-thematic-break.md", ":6:1:", "thematic break"),
        (
            "40-crlf-unknown-key.md",
            ":3:1:",
            "unknown field `subtitle`",
        ),
    ];
    for (name, place, what) in cases {
        let path = case(name);
        let place = format!("{name}{place}");
        refused(name, &[path.as_os_str()], &place, what);
    }
}

#[test]
fn bad_layouts_are_refused() {
    let article = root().join("examples/bridge-news.md");
    // Each case extends a built-in and states one bad value; the error
    // points into the file that set it (59: the layout it extends).
    let cases: &[(&str, &str, &str)] = &[
        (
            "50-layout-zero-size.toml",
            "50-layout-zero-size.toml:5:1:",
            "body_size must be greater than zero",
        ),
        (
            "51-layout-negative-pitch.toml",
            "51-layout-negative-pitch.toml:5:1:",
            "line_pitch must be greater than zero",
        ),
        (
            "52-layout-zero-chars.toml",
            "52-layout-zero-chars.toml:5:1:",
            "narrower than 4 characters",
        ),
        (
            "53-layout-unknown-key.toml",
            "53-layout-unknown-key.toml:5:1:",
            "unknown field `gutters`",
        ),
        (
            "54-layout-bad-unit.toml",
            "54-layout-bad-unit.toml:5:9:",
            "is not a length",
        ),
        (
            "55-layout-too-wide.toml",
            "55-layout-too-wide.toml:5:1:",
            "does not fit the page",
        ),
        (
            "56-layout-zero-columns.toml",
            "56-layout-zero-columns.toml:5:1:",
            "out of range",
        ),
        (
            "57-layout-cycle/a.toml",
            "b.toml:2:11:",
            "57-layout-cycle/b.toml → ",
        ),
        (
            "58-layout-unknown-base.toml",
            "58-layout-unknown-base.toml:2:11:",
            "unknown layout \"quarto\"",
        ),
        (
            "59-layout-inherited/page.toml",
            "house.toml:6:1:",
            "lines would collide",
        ),
    ];
    for (name, place, what) in cases {
        let layout = case(name);
        refused(
            name,
            &[
                article.as_os_str(),
                OsStr::new("--layout"),
                layout.as_os_str(),
            ],
            place,
            what,
        );
    }
}

#[test]
fn bad_manifests_and_serials_are_refused() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "60-manifest-missing-article.toml",
            "60-manifest-missing-article.toml:5:8:",
            "nope.md, which does not exist",
        ),
        (
            "61-manifest-unknown-key.toml",
            "61-manifest-unknown-key.toml:5:1:",
            "unknown field `colour`",
        ),
        (
            "62-manifest-overlap.toml",
            "62-manifest-overlap.toml:11:8:",
            "overlaps another",
        ),
        (
            "63-manifest-bad-toml.toml",
            "63-manifest-bad-toml.toml:2:6:",
            "unclosed table",
        ),
        // The error is in the article the manifest names, and says so.
        (
            "64-manifest-bad-article.toml",
            "01-unknown-key.md:3:1:",
            "unknown field `headline`",
        ),
        (
            "65-manifest-no-articles.toml",
            "65-manifest-no-articles.toml:1:1:",
            "names no article",
        ),
        (
            "66-manifest-unknown-layout.toml",
            "error:",
            "unknown layout \"quarto\"",
        ),
        (
            "70-serial-duplicate",
            "0002.md:5:8:",
            "installment 1 appears twice",
        ),
        ("71-serial-gap", "0002.md:5:8:", "are missing"),
        ("72-serial-no-toml", "serial.toml", "cannot read"),
        (
            "73-serial-bad-toml",
            "serial.toml:2:1:",
            "unknown field `authr`",
        ),
        (
            "74-serial-empty",
            "74-serial-empty",
            "holds no installments",
        ),
    ];
    // Some manifests name the examples (outside tests/bad/).
    let outside = OsStr::new("--allow-outside");
    for (name, place, what) in cases {
        let path = case(name);
        refused(name, &[path.as_os_str(), outside], place, what);
    }
}

/// A font collection whose header claims a billion fonts (found by fuzzing;
/// it used to keep the loader busy for minutes) is refused at once.
#[test]
fn a_damaged_font_collection_is_refused() {
    let article = root().join("examples/bridge-news.md");
    let fonts = case("80-font-dir-damaged");
    let start = std::time::Instant::now();
    refused(
        "80-font-dir-damaged",
        &[
            article.as_os_str(),
            OsStr::new("--font-dir"),
            fonts.as_os_str(),
        ],
        "damaged.ttc is damaged",
        "claims 1111891977 fonts",
    );
    assert!(
        start.elapsed().as_secs() < 30,
        "the loader took {:?}",
        start.elapsed()
    );
}

#[test]
fn unusable_outputs_are_errors() {
    let article = root().join("examples/bridge-news.md");
    let dir = tempdir();
    // A folder that does not exist.
    let missing = dir.path().join("no/such/folder/out.pdf");
    let o = run(&[
        article.as_os_str(),
        OsStr::new("--pdf"),
        missing.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        (err.contains("hint:") || err.contains("help:")) && !err.contains("panicked"),
        "{err}"
    );
    assert!(!missing.exists());
    // An output path that is a folder.
    let o = run(&[
        article.as_os_str(),
        OsStr::new("--epub"),
        dir.path().as_os_str(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dir.path().is_dir());
}

/// Odd but valid articles are accepted and lose no character.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn odd_articles_keep_every_character() {
    let cases: &[(&str, &str)] = &[
        ("punctuation only", "，。、；：？！“”‘’（）《》【】……——"),
        (
            "emoji and combining marks",
            "夜班车😀👍🏽到站了。e\u{301}cole 与 a\u{308} 都在。",
        ),
        (
            "markup characters",
            "A < B & C > D，“q” 'it's' 与 && 都是文字。",
        ),
        ("zero width and bidi", "前\u{200b}后\u{202e}反\u{202c}正。"),
    ];
    let dir = tempdir();
    for (label, text) in cases {
        let md = dir.path().join("odd.md");
        std::fs::write(
            &md,
            format!("+++\ntitle = \"<标题> & \\\"引号\\\"\"\nbyline = \"a<b>&c\"\n+++\n{text}\n"),
        )
        .expect("write");
        let odd = compile(dir.path(), &[md.as_os_str()]);
        let in_epub = squeeze(&odd.epub_text());
        assert!(
            in_epub.contains(&squeeze(text)),
            "{label}: EPUB text {in_epub}"
        );
        assert!(
            in_epub.contains("<标题>&\"引号\""),
            "{label}: title {in_epub}"
        );
        need("pdftotext");
        let in_pdf = squeeze(&odd.pdf_pages().concat());
        // pdftotext adds bidi embedding marks of its own around
        // right-to-left overrides, so those controls are compared
        // without; every other character must come back, in order.
        let bidi = |c: &char| !('\u{202a}'..='\u{202e}').contains(c);
        let want: String = squeeze(text).chars().filter(bidi).collect();
        let in_pdf: String = in_pdf.chars().filter(bidi).collect();
        assert!(in_pdf.contains(&want), "{label}: PDF text {in_pdf}");
    }
}

/// A 5 MB paragraph and 100,000 paragraphs: accepted, nothing lost.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn huge_inputs_are_set_whole() {
    let dir = tempdir();
    let sentence: Vec<char> = "雨从傍晚开始下，一直没有停。河埠头的青石板被洗得发亮。"
        .chars()
        .collect();
    let big: String = (0..1_750_000u64)
        .map(|i| sentence[((i * 2654435761) >> 7) as usize % sentence.len()])
        .collect();
    let many: String = (0..100_000)
        .map(|i| format!("短段{i}。"))
        .collect::<Vec<_>>()
        .join("\n\n");
    for (label, body) in [("5 MB paragraph", big), ("100,000 paragraphs", many)] {
        let md = dir.path().join("huge.md");
        std::fs::write(&md, format!("+++\ntitle = \"t\"\n+++\n{body}\n")).expect("write");
        let huge = compile(dir.path(), &[md.as_os_str()]);
        let want = squeeze(&body);
        assert!(
            squeeze(&huge.epub_text()).contains(&want),
            "{label}: EPUB lost text"
        );
        need("pdftotext");
        // Each page ends with its running head (the title) and folio.
        let got = strip_furniture(&huge.pdf_pages(), "t", None);
        assert!(got.contains(&want), "{label}: PDF lost text");
    }
}

/// SIGTERM or SIGINT in the middle of a run leaves the previous output as it
/// was: outputs are written to a temporary file and renamed at the end.
#[test]
fn an_interrupted_run_keeps_the_previous_output() {
    let dir = tempdir();
    let sentence: Vec<char> = "夜里的城市和白天不一样，安静，也更诚实。".chars().collect();
    let body: String = (0..1_500_000u64)
        .map(|i| sentence[(i as usize * 7 + i as usize / 13) % sentence.len()])
        .collect();
    let md = dir.path().join("long.md");
    std::fs::write(&md, format!("+++\ntitle = \"t\"\n+++\n{body}\n")).expect("write");
    let pdf = dir.path().join("long.pdf");
    let epub = dir.path().join("long.epub");
    for signal in [libc::SIGTERM, libc::SIGINT] {
        std::fs::write(&pdf, b"previous pdf").expect("write");
        std::fs::write(&epub, b"previous epub").expect("write");
        let mut cmd = bin();
        cmd.arg(&md)
            .args(["--no-system-fonts", "--no-cache", "-q", "--pdf"])
            .arg(&pdf)
            .arg("--epub")
            .arg(&epub);
        // A shell starts background jobs with SIGINT ignored, and the
        // child would inherit that (CI run with `&`): give it the default
        // action, as a terminal's ^C meets it.
        // SAFETY: signal() is async-signal-safe, called between fork and exec.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut cmd, move || {
                libc::signal(signal, libc::SIG_DFL);
                Ok(())
            });
        }
        let mut child = cmd.spawn().expect("start typeset");
        std::thread::sleep(std::time::Duration::from_millis(300));
        // SAFETY: kill() on our own child's pid.
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().expect("wait");
        assert!(!status.success(), "the run finished before the signal");
        assert_eq!(std::fs::read(&pdf).expect("pdf"), b"previous pdf");
        assert_eq!(std::fs::read(&epub).expect("epub"), b"previous epub");
    }
}
