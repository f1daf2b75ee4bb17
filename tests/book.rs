//! The book edition of a serial folder.

mod common;

use std::ffi::OsStr;

use common::*;

fn installment(n: u32, title: &str) -> String {
    format!(
        "+++\nkind = \"serial\"\ntitle = \"{title}\"\n[serial]\nwork = \"试作\"\nauthor = \"某\"\ninstallment = {n}\n+++\n第{n}回的正文。河水很静，灯光很暗。\n"
    )
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_example_serial_becomes_one_book() {
    let dir = tempdir();
    let src = root().join("examples/changhe");
    let paras = paragraphs(&src, dir.path());
    let book = compile(dir.path(), &[src.as_os_str()]);
    // Chapters in installment order, each opening with its title.
    assert!(paras[0].starts_with("第七百八十九回"), "{paras:?}");
    assert!(
        paras
            .iter()
            .position(|p| p.starts_with("第七百九十回"))
            .unwrap()
            > 5
    );
    let cover = book.epub_entry("OEBPS/text/cover.xhtml");
    // The cover page shows the cover image, its alt text the work and author.
    assert!(
        cover.contains("<img src=\"../images/cover.png\" alt=\"长河灯影　沈南星 著\"/>"),
        "{cover}"
    );
    let opf = book.epub_entry("OEBPS/content.opf");
    let spine = &opf[opf.find("<spine").unwrap()..];
    assert!(
        spine.find("c0001").unwrap() < spine.find("\"nav\"").unwrap(),
        "cover, then contents, then chapters"
    );
    // Every paragraph of every installment is in the book, in order.
    let chapters = squeeze(&book.epub_text());
    let mut at = 0;
    for p in &paras {
        let q = squeeze(p);
        at = chapters[at..]
            .find(&q)
            .map(|i| at + i + q.len())
            .unwrap_or_else(|| panic!("{p} not in order"));
    }
    let nav = book.epub_entry("OEBPS/nav.xhtml");
    assert!(
        nav.contains("第七百八十九回")
            && nav.contains("第七百九十回")
            && nav.contains("epub:type=\"cover\"")
    );
    assert!(
        opf.contains("<dc:title id=\"title\">长河灯影</dc:title>")
            && opf.contains("collection-type\">series")
    );
    need("pdftotext");
    let pages = book.pdf_pages();
    assert!(pages.len() >= 4, "title, contents, chapters");
    assert!(squeeze(&pages[0]).contains("长河灯影") && squeeze(&pages[1]).contains("目录"));
    // The contents give each chapter's first page, and that page opens it.
    let toc = squeeze(&pages[1]);
    let body: String = pages[2..].iter().map(|p| squeeze(p)).collect();
    for p in &paras {
        assert!(
            body.contains(&squeeze(p)) || squeeze(p).chars().count() > 20,
            "{p}"
        );
    }
    let first = pages
        .iter()
        .position(|p| squeeze(p).starts_with("第七百九十回"))
        .expect("chapter 790 opens a page");
    assert!(toc.contains(&format!("灯下的旧账{}", first + 1)), "{toc}");
    // Bookmarks for the chapters.
    let raw = book.pdf_bytes();
    assert!(raw.windows(9).any(|w| w == b"/Outlines"));
}

#[test]
fn gaps_and_duplicates_in_the_numbering_are_errors() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(d.join("serial.toml"), "work = \"试作\"\nauthor = \"某\"\n").unwrap();
    std::fs::write(d.join("0001.md"), installment(1, "一")).unwrap();
    std::fs::write(d.join("0003.md"), installment(3, "三")).unwrap();
    let out = run(&[d.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("installments 2 to 2 are missing") && err.contains("0003.md"),
        "{err}"
    );
    std::fs::write(d.join("0003.md"), installment(1, "又一")).unwrap();
    let err = String::from_utf8_lossy(&run(&[d.as_os_str()]).stderr).into_owned();
    assert!(err.contains("installment 1 appears twice"), "{err}");
    std::fs::remove_file(d.join("serial.toml")).unwrap();
    let err = String::from_utf8_lossy(&run(&[d.as_os_str()]).stderr).into_owned();
    assert!(err.contains("serial.toml") && err.contains("hint"), "{err}");
}

#[test]
fn of_many_bad_installments_the_first_by_name_is_reported() {
    // Installments are read and resolved in parallel; the error must still
    // be the one reading them in turn meets first, whatever the threads.
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(d.join("serial.toml"), "work = \"试作\"\nauthor = \"某\"\n").unwrap();
    for n in 1..=40 {
        std::fs::write(d.join(format!("{n:04}.md")), installment(n, "回")).unwrap();
    }
    let broken = |n: u32, key: &str| {
        let text = installment(n, "回").replace("title =", &format!("{key} = 1\ntitle ="));
        std::fs::write(d.join(format!("{n:04}.md")), text).unwrap();
    };
    broken(17, "headline");
    broken(33, "byline2");
    for threads in ["1", "2", "4"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_typeset"))
            .arg(d)
            .args(["--no-system-fonts", "--no-cache"])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("0017.md") && err.contains("headline") && !err.contains("0033.md"),
            "{threads} threads: {err}"
        );
    }
}

#[test]
fn a_vertical_book_reads_right_to_left() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(
        d.join("serial.toml"),
        "work = \"试作\"\nauthor = \"某\"\nwriting = \"vertical\"\n",
    )
    .unwrap();
    for n in 1..=3 {
        std::fs::write(
            d.join(format!("{n:04}.md")),
            installment(n, &format!("第{n}回")),
        )
        .unwrap();
    }
    let out = tempdir();
    let book = compile(out.path(), &[d.as_os_str()]);
    let raw = String::from_utf8_lossy(&book.pdf_bytes()).into_owned();
    assert!(raw.contains("/Direction /R2L"));
    assert!(
        book.epub_entry("OEBPS/content.opf")
            .contains("page-progression-direction=\"rtl\"")
    );
}

#[test]
fn appending_an_installment_reuses_the_others_and_gives_the_clean_bytes() {
    let dir = tempdir();
    let d = dir.path().join("serial");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("serial.toml"), "work = \"试作\"\nauthor = \"某\"\n").unwrap();
    for n in 1..=4 {
        std::fs::write(
            d.join(format!("{n:04}.md")),
            installment(n, &format!("第{n}回")),
        )
        .unwrap();
    }
    let cache = dir.path().join("cache");
    let build = |out: &str, cached: bool| {
        let pdf = dir.path().join(out);
        let mut args = vec![
            d.as_os_str().to_owned(),
            "--pdf".into(),
            pdf.as_os_str().to_owned(),
        ];
        if cached {
            args.extend(["--cache-dir".into(), cache.as_os_str().to_owned()]);
        } else {
            args.push("--no-cache".into());
        }
        let refs: Vec<&OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let out = bin().args(refs).output().unwrap();
        let err = assert_ok(&out);
        (std::fs::read(pdf).unwrap(), err)
    };
    let (first, err) = build("a.pdf", true);
    assert!(!err.contains("from the cache"));
    std::fs::write(d.join("0005.md"), installment(5, "第5回")).unwrap();
    let (second, err) = build("b.pdf", true);
    assert!(err.contains("4 chapter(s) from the cache"), "{err}");
    let (clean, _) = build("c.pdf", false);
    assert_eq!(second, clean, "the same bytes as a clean build");
    assert_ne!(first, second);
}

/// A chapter title longer than the contents' line beside its page number
/// takes two lines, the number on the second; before, it was set over the
/// number (and over itself) on one line.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_long_title_in_the_contents_wraps_above_its_page_number() {
    need("pdftotext");
    let dir = tempdir();
    let serial = dir.path().join("serial");
    std::fs::create_dir(&serial).unwrap();
    let titles = [
        "第1回　河水很静灯光很暗一个人在渡口等船",
        "第2回　雪夜里有人敲门说是从城里来的亲戚",
    ];
    for (n, t) in titles.iter().enumerate() {
        let name = format!("{:04}.md", n + 1);
        std::fs::write(serial.join(name), installment(n as u32 + 1, t)).unwrap();
    }
    std::fs::write(
        serial.join("serial.toml"),
        "work = \"试作\"\nauthor = \"某\"\n",
    )
    .unwrap();
    let layout = dir.path().join("narrow.toml");
    std::fs::write(
        &layout,
        "extends = \"book\"\nname = \"narrow\"\n\n[grid]\nchars = 13\n",
    )
    .unwrap();
    let pdf = dir.path().join("book.pdf");
    let out = run(&[
        serial.as_os_str(),
        OsStr::new("--layout"),
        layout.as_os_str(),
        OsStr::new("--pdf"),
        pdf.as_os_str(),
    ]);
    assert_ok(&out);
    // The contents page's words with their boxes (pdftotext -bbox): the
    // title's end sits on a line below its start, and the page number on
    // that line, clear of the title.
    let words = words_on(&pdf, 2);
    let find = |t: &str| words.iter().find(|w| w.3.contains(t)).expect(t).clone();
    let (start, end, number) = (find("第1回"), find("等船"), find("3"));
    assert!(end.2 > start.2 + 1.0, "the title on one line: {words:?}");
    assert!(
        (number.2 - end.2).abs() < 1.0,
        "the number not on the title's last line"
    );
    assert!(number.0 > end.1, "the number set over the title: {words:?}");
}
