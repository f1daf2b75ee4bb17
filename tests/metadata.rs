//! What e-readers and print shops read: the EPUB's package metadata and
//! contents files, and the print PDF's name, date and identifiers.

mod common;

use std::ffi::OsStr;

use common::*;

fn epub_of(src: &str) -> (tempfile::TempDir, Outputs) {
    let dir = tempdir();
    let src = root().join(src);
    let built = compile(dir.path(), &[src.as_os_str()]);
    (dir, built)
}

#[test]
fn every_person_of_a_byline_is_a_creator_with_a_role() {
    let (_dir, built) = epub_of("examples/night-bus.md");
    let opf = built.epub_entry("OEBPS/content.opf");
    for needle in [
        "<dc:creator id=\"creator\">林晓舟</dc:creator>",
        "<meta refines=\"#creator\" property=\"role\" scheme=\"marc:relators\">aut</meta>",
        "<meta refines=\"#creator\" property=\"file-as\">林晓舟</meta>",
        "<dc:creator id=\"creator2\">周一然</dc:creator>",
        "<meta refines=\"#creator2\" property=\"role\" scheme=\"marc:relators\">aut</meta>",
        "<dc:description>一条夜班公交线路的十二年，和它载过的普通人</dc:description>",
        "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>",
        "<spine toc=\"ncx\">",
    ] {
        assert!(opf.contains(needle), "{needle} not in\n{opf}");
    }
    assert!(!opf.contains("本报记者"), "the label is no name:\n{opf}");
    let ncx = built.epub_entry("OEBPS/toc.ncx");
    let uid = opf
        .split("<dc:identifier id=\"uid\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap();
    assert!(
        ncx.contains(&format!("<meta name=\"dtb:uid\" content=\"{uid}\"/>")),
        "{ncx}"
    );
    assert!(
        ncx.contains("一、零点发车"),
        "section heads in the NCX:\n{ncx}"
    );
    let css = built.epub_entry("OEBPS/style.css");
    assert!(css.contains("list-style-type: none") && css.contains("color: inherit"));
    assert!(css.contains("html.vertical .lead") && css.contains("border-left: 1px solid"));
}

#[test]
fn a_page_has_its_paper_as_publisher_and_every_articles_people() {
    let (_dir, built) = epub_of("examples/page-7.toml");
    let opf = built.epub_entry("OEBPS/content.opf");
    assert!(
        opf.contains("<dc:publisher>typeset 样张</dc:publisher>"),
        "{opf}"
    );
    let creators = opf.matches("<dc:creator ").count();
    assert!(creators >= 2, "{creators} creator(s) in\n{opf}");
    assert!(
        !opf.contains("<dc:description>"),
        "a page has no single deck"
    );
    // The page's editor wrote an article on it too: one creator, two roles;
    // the proofreader is credited as such.
    assert_eq!(opf.matches(">林晓舟</dc:creator>").count(), 1, "{opf}");
    let before = opf.split(">林晓舟</dc:creator>").next().unwrap();
    let id = before.rsplit("id=\"").next().unwrap().trim_end_matches('"');
    for role in ["aut", "edt"] {
        let meta = format!(
            "<meta refines=\"#{id}\" property=\"role\" scheme=\"marc:relators\">{role}</meta>"
        );
        assert!(opf.contains(&meta), "{meta} not in\n{opf}");
    }
    assert!(opf.contains("marc:relators\">pfr</meta>"), "{opf}");
}

#[test]
fn only_a_single_installment_has_a_place_in_its_series() {
    let (_dir, one) = epub_of("examples/changhe/0789.md");
    let opf = one.epub_entry("OEBPS/content.opf");
    assert!(
        opf.contains("<meta refines=\"#series\" property=\"group-position\">789</meta>"),
        "{opf}"
    );
    let (_dir, book) = epub_of("examples/changhe");
    let opf = book.epub_entry("OEBPS/content.opf");
    assert!(
        !opf.contains("group-position"),
        "a book is the whole work:\n{opf}"
    );
    assert_eq!(opf.matches("<dc:creator ").count(), 1, "{opf}");
    assert!(
        opf.contains("<meta name=\"cover\" content=\"cover-image\"/>"),
        "{opf}"
    );
    assert!(
        opf.contains("<item id=\"c0001\" href=\"text/cover.xhtml\""),
        "{opf}"
    );
}

#[test]
fn print_goes_beside_the_screen_pdf_with_its_own_identifiers() {
    let dir = tempdir();
    let src = dir.path().join("night-bus.md");
    std::fs::copy(root().join("examples/night-bus.md"), &src).unwrap();
    std::fs::create_dir(dir.path().join("figures")).unwrap();
    for f in std::fs::read_dir(root().join("examples/figures")).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), dir.path().join("figures").join(f.file_name())).unwrap();
    }
    assert_ok(&run(&[src.as_os_str(), OsStr::new("--pdf")]));
    let screen = std::fs::read(dir.path().join("night-bus.pdf")).unwrap();
    assert_ok(&run(&[
        src.as_os_str(),
        OsStr::new("--pdf"),
        OsStr::new("--print"),
    ]));
    assert_eq!(
        std::fs::read(dir.path().join("night-bus.pdf")).unwrap(),
        screen,
        "the screen PDF is kept"
    );
    let x4 = std::fs::read(dir.path().join("night-bus.print.pdf")).unwrap();
    let x1a_path = dir.path().join("x1a.pdf");
    let args = [
        src.as_os_str(),
        OsStr::new("--pdf"),
        x1a_path.as_os_str(),
        OsStr::new("--print"),
        OsStr::new("x1a"),
    ];
    assert_ok(&run(&args));
    let x1a = std::fs::read(&x1a_path).unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(text(&x4).contains("/GTS_PDFXVersion (PDF/X-4)"));
    assert!(text(&x1a).contains("/GTS_PDFXVersion (PDF/X-1a:2003)"));
    let id = |b: &[u8]| {
        let t = text(b);
        let at = t
            .find("<xmpMM:DocumentID>uuid:")
            .expect("an XMP DocumentID")
            + 23;
        t[at..at + 36].to_string()
    };
    let (a, b) = (id(&x4), id(&x1a));
    assert_ne!(a, b, "the X-4 and X-1a files have their own identifiers");
    for u in [&a, &b] {
        let bytes = u.as_bytes();
        // RFC 4122: 8-4-4-4-12 hex digits, version 5, variant 10xx.
        assert_eq!(
            [bytes[8], bytes[13], bytes[18], bytes[23]],
            [b'-'; 4],
            "{u}"
        );
        assert_eq!(bytes[14], b'5', "{u}");
        assert!(matches!(bytes[19], b'8' | b'9' | b'a' | b'b'), "{u}");
    }
}

#[test]
fn a_book_without_dates_prints_with_source_date_epoch_or_says_what_to_do() {
    let dir = tempdir();
    let book = dir.path().join("book");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(book.join("serial.toml"), "work = \"书\"\nauthor = \"某\"\n").unwrap();
    let part = |n: u32, date: &str| {
        format!(
            "+++\nkind = \"serial\"\ntitle = \"第{n}回\"\n{date}[serial]\nwork = \"书\"\nauthor = \"某\"\ninstallment = {n}\n+++\n\n正文{n}。\n"
        )
    };
    std::fs::write(book.join("0001.md"), part(1, "")).unwrap();
    std::fs::write(book.join("0002.md"), part(2, "")).unwrap();
    let out = run(&[book.as_os_str(), OsStr::new("--pdf"), OsStr::new("--print")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("needs a creation date") && err.contains("SOURCE_DATE_EPOCH"),
        "{err}"
    );
    let with_epoch = typeset(&[book.as_os_str(), OsStr::new("--pdf"), OsStr::new("--print")])
        .env("SOURCE_DATE_EPOCH", "1795737600")
        .output()
        .unwrap();
    assert_ok(&with_epoch);
    assert!(book.join("book.print.pdf").is_file());
    // The newest installment's date, wherever it is in the folder.
    std::fs::write(book.join("0001.md"), part(1, "date = 2026-11-30\n")).unwrap();
    std::fs::remove_file(book.join("book.print.pdf")).unwrap();
    assert_ok(&run(&[
        book.as_os_str(),
        OsStr::new("--pdf"),
        OsStr::new("--print"),
    ]));
    let pdf =
        String::from_utf8_lossy(&std::fs::read(book.join("book.print.pdf")).unwrap()).into_owned();
    assert!(
        pdf.contains("/CreationDate (D:20261130"),
        "the newest installment's date"
    );
}
