//! The command line on the bundled examples: outputs exist, keep every
//! character in order, embed subset fonts, validate, and are reproducible.

mod common;

use std::ffi::OsStr;

use common::*;

struct Example {
    file: &'static str,
    head: &'static str,
    date: Option<&'static str>,
}

const EXAMPLES: &[Example] = &[
    Example {
        file: "examples/night-bus.md",
        head: "凌晨一点，37路末班车还在路上",
        date: Some("2026年11月27日"),
    },
    Example {
        file: "examples/changhe/0789.md",
        head: "《长河灯影》连载789",
        date: Some("2026年11月27日"),
    },
];

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn examples_keep_every_character_in_reading_order() {
    for ex in EXAMPLES {
        let dir = tempdir();
        let src = root().join(ex.file);
        let paras = paragraphs(&src, dir.path());
        assert!(paras.len() > 5, "{}", ex.file);
        let built = compile(dir.path(), &[src.as_os_str()]);
        // EPUB: the XHTML text is the input text.
        assert_same_text(&built.epub_text(), &paras);
        // PDF: extracted in content order, furniture removed.
        need("pdftotext");
        let pages = built.pdf_pages();
        assert!(!pages.is_empty());
        assert_same_text(&strip_furniture(&pages, ex.head, ex.date), &paras);
    }
}

#[test]
fn paragraphs_come_from_the_article_itself() {
    let dir = tempdir();
    let paras = paragraphs(&root().join("examples/night-bus.md"), dir.path());
    let src = std::fs::read_to_string(root().join("examples/night-bus.md")).unwrap();
    assert_eq!(paras[0], "城市夜行记");
    assert_eq!(paras[1], "凌晨一点，37路末班车还在路上");
    // Every body paragraph's text is in the source file (markup aside).
    let plain = src.replace("**", "").replace('*', "");
    for p in &paras[5..paras.len() - 2] {
        assert!(plain.contains(p.as_str()), "{p}");
    }
    assert_eq!(paras.last().unwrap(), "（本报记者根据采访整理）");
}

#[cfg_attr(
    no_pdffonts,
    ignore = "needs pdffonts (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn fonts_are_embedded_as_subsets_with_unicode_maps() {
    need("pdffonts");
    let dir = tempdir();
    let src = root().join("examples/night-bus.md");
    let built = compile(dir.path(), &[src.as_os_str()]);
    let text = pdffonts(&built.pdf);
    let rows: Vec<&str> = text.lines().skip(2).collect();
    assert!(rows.len() >= 3, "serif, sans and bold sans: {text}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // name type... encoding emb sub uni id gen
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
        assert!(cols[0].as_bytes()[6] == b'+', "subset tag: {row}");
        assert!(row.contains("Identity-H"), "{row}");
    }
}

#[test]
fn same_input_gives_same_bytes() {
    let src = root().join("examples/night-bus.md");
    let a = tempdir();
    let b = tempdir();
    let first = compile(a.path(), &[src.as_os_str()]);
    let second = compile(b.path(), &[src.as_os_str()]);
    assert_eq!(first.pdf_bytes(), second.pdf_bytes());
    assert_eq!(first.epub_bytes(), second.epub_bytes());
}

#[test]
fn source_date_epoch_sets_the_dates() {
    let dir = tempdir();
    let epub = dir.path().join("a.epub");
    let out = bin()
        .arg(root().join("examples/changhe/0789.md"))
        .arg("--epub")
        .arg(&epub)
        .env("SOURCE_DATE_EPOCH", "1795737600")
        .output()
        .unwrap();
    assert!(out.status.success());
    let opf = zip_entry(&epub, "OEBPS/content.opf");
    assert!(
        opf.contains("<meta property=\"dcterms:modified\">2026-11-27T00:00:00Z</meta>"),
        "{opf}"
    );
}

#[test]
fn epub_has_package_metadata_and_structure() {
    let dir = tempdir();
    let src = root().join("examples/changhe/0789.md");
    let built = compile(dir.path(), &[src.as_os_str()]);
    let epub = &built.epub;
    let f = std::fs::File::open(epub).unwrap();
    let z = zip::ZipArchive::new(f).unwrap();
    let first = z
        .file_names()
        .next()
        .and_then(|n| n.ok())
        .map(|n| n.to_string());
    drop(z);
    // The mimetype entry is first and stored.
    let raw = built.epub_bytes();
    assert_eq!(&raw[30..38], b"mimetype");
    assert_eq!(&raw[38..58], b"application/epub+zip");
    assert!(first.is_some());
    let opf = built.epub_entry("OEBPS/content.opf");
    for needle in [
        "<dc:title id=\"title\">第七百八十九回　雨夜的来信</dc:title>",
        "<dc:language>zh-Hans</dc:language>",
        "<dc:creator id=\"creator\">沈南星</dc:creator>",
        "<meta property=\"belongs-to-collection\" id=\"series\">长河灯影</meta>",
        "<meta refines=\"#series\" property=\"group-position\">789</meta>",
        "<dc:identifier id=\"uid\">urn:uuid:",
        "<meta property=\"dcterms:modified\">2026-11-27T00:00:00Z</meta>",
    ] {
        assert!(opf.contains(needle), "{needle} not in\n{opf}");
    }
    let nav = built.epub_entry("OEBPS/nav.xhtml");
    assert!(nav.contains("epub:type=\"toc\"") && nav.contains("第七百八十九回"));
    let feature = tempdir();
    let src = root().join("examples/night-bus.md");
    let fe = compile(feature.path(), &[src.as_os_str()]);
    let html = fe.epub_entry("OEBPS/text/chapter0001.xhtml");
    assert!(html.contains("<h1>凌晨一点，37路末班车还在路上</h1>"));
    assert_eq!(html.matches("<h2 id=").count(), 3, "three section heads");
    assert!(html.contains("<p class=\"kicker\">城市夜行记</p>"));
    assert!(html.contains("<div class=\"lead\">"));
    assert!(html.contains("<blockquote>"));
    assert!(html.contains("<em>开通夜班线</em>"));
    assert!(html.contains("<strong>十二年来，37路没有发生过一起安全责任事故</strong>"));
    assert!(html.contains("<img src=\"../images/figure1.png\""));
    let nav = fe.epub_entry("OEBPS/nav.xhtml");
    assert!(nav.contains("#s1\">一、零点发车</a>"));
}

#[test]
fn default_outputs_go_beside_the_input() {
    let dir = tempdir();
    let src = dir.path().join("piece.md");
    std::fs::write(&src, "+++\ntitle = \"标题\"\n+++\n正文一段。\n").unwrap();
    assert_ok(&run(&[src.as_os_str()]));
    assert!(dir.path().join("piece.pdf").is_file());
    assert!(dir.path().join("piece.epub").is_file());
    // Only what was asked for.
    let only = tempdir();
    let src2 = only.path().join("p.md");
    std::fs::copy(&src, &src2).unwrap();
    let out = run(&[src2.as_os_str(), OsStr::new("--epub")]);
    assert!(out.status.success());
    assert!(only.path().join("p.epub").is_file() && !only.path().join("p.pdf").exists());
}

#[test]
fn dump_lines_explains_every_break_and_writes_nothing() {
    let dir = tempdir();
    let src = dir.path().join("a.md");
    std::fs::write(
        &src,
        "+++\ntitle = \"标题\"\n+++\n晚上十一点以后，这座城市的大部分公交线路都已收车，只有六条夜班线还在运行。\n\n夜里十一点四十分城东公，交总站的调度室里亮着一盏灯。\n",
    )
    .unwrap();
    let out = run(&[src.as_os_str(), OsStr::new("--dump-lines")]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The body paragraph: 13-character lines, each with width, ratio and rule.
    // 37 characters and an indent fill three lines exactly, but the third
    // would start with '，', and the second has no mark to compress: the
    // comma hangs (the Simplified comma stands at the em's start, so it
    // may, into the ruled one-character gutter) rather than a character
    // move down and the line be spaced by 1/12 em.
    assert!(
        text.contains("a.md:4:1 Body, 3 line(s), measure 130.00 pt"),
        "{text}"
    );
    assert!(
        text.contains(
            "│市的大部分公交线路都已收车，│  130.00/130.00 pt  ratio -1.000  full line: nothing in it to compress (推入) for its last mark; '，' hangs past the measure"
        ),
        "{text}"
    );
    assert!(
        text.contains("│只有六条夜班线还在运行。│  120.00/130.00 pt  ratio +0.000  paragraph end"),
        "{text}"
    );
    assert!(text.contains("│夜里十一点四十分城东公，│  130.00/130.00 pt  ratio -1.000  full line: nothing in it to compress (推入) for its last mark; '，' hangs past the measure"), "{text}");
    assert!(text.contains("paragraph end"));
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "only the article");
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_page_manifest_sets_its_articles_side_by_side() {
    let dir = tempdir();
    let src = root().join("examples/schemes.toml");
    let paras = paragraphs(&src, dir.path());
    // Four articles of 3 header lines and 5 paragraphs each.
    assert_eq!(paras.len(), 4 * 8);
    let page = compile(dir.path(), &[src.as_os_str()]);
    assert_same_text(&page.epub_text(), &paras);
    let opf = page.epub_entry("OEBPS/content.opf");
    assert_eq!(
        opf.matches("<itemref").count(),
        2 + 4,
        "the cover page, the contents, one chapter per article"
    );
    assert!(opf.contains("<meta name=\"cover\" content=\"cover-image\"/>"));
    need("pdftotext");
    let pages = page.pdf_pages();
    assert_eq!(pages.len(), 1);
    let text = strip_page_furniture(&pages, |_| {
        "typeset样张　标点挤压四式2026年11月27日　第1版1责任编辑排版组　质检校对组".into()
    });
    assert_same_text(&text, &paras);
}

#[test]
fn manifest_errors_point_into_the_manifest() {
    let dir = tempdir();
    let m = dir.path().join("p.toml");
    std::fs::write(&m, "[[article]]\nfile = \"missing.md\"\n").unwrap();
    let out = run(&[m.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("p.toml:2:8") && err.contains("missing.md"),
        "{err}"
    );
    std::fs::write(dir.path().join("a.md"), "+++\ntitle = \"t\"\n+++\n正文。\n").unwrap();
    std::fs::write(
        &m,
        "[[article]]\nfile = \"a.md\"\ncolumn = 5\ncolumns = 2\n",
    )
    .unwrap();
    let out = run(&[m.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("p.toml:2:8") && err.contains("columns 5–6"),
        "{err}"
    );
    std::fs::write(
        &m,
        "[[article]]\nfile = \"a.md\"\npunctuation = \"fullwidth\"\n",
    )
    .unwrap();
    let err = String::from_utf8_lossy(&run(&[m.as_os_str()]).stderr).into_owned();
    assert!(
        err.contains("p.toml:3:15") && err.contains("quanjiao"),
        "{err}"
    );
    assert!(!dir.path().join("p.pdf").exists());
}
