//! Editions: several pages of a manifest (`[[page]]`, or an edition file
//! listing page manifests) set as one PDF with consecutive folios, an
//! article continued from one page onto the next with both jump lines, and
//! an EPUB section per page.

mod common;

use std::ffi::OsStr;
use std::path::Path;

use common::*;

const LONG_LINE: &str = "春风吹过田野，麦苗一天天长高了。村口的老槐树下，有人在下棋，有人在聊天。";

/// A long article, two short ones, and an edition of two pages (3 and 4):
/// the long one framed on page 3 too small to hold it.
fn write_edition(dir: &Path) -> std::path::PathBuf {
    let long = LONG_LINE.repeat(40);
    std::fs::write(
        dir.join("long.md"),
        format!("+++\ntitle = \"长文\"\n+++\n{long}\n\n{long}\n"),
    )
    .unwrap();
    for (name, title, text) in [
        ("a.md", "甲讯", "河边的步道今天开放，市民可以沿河散步。"),
        ("b.md", "乙讯", "图书馆的夜间阅览室延长开放到晚上十点。"),
    ] {
        std::fs::write(
            dir.join(name),
            format!("+++\ntitle = \"{title}\"\n+++\n{text}\n"),
        )
        .unwrap();
    }
    let m = dir.join("e.toml");
    std::fs::write(
        &m,
        "layout = \"broadsheet\"\n\
         [[page]]\nnumber = 3\n\
         [[page.article]]\nfile = \"long.md\"\ncolumn = 1\ncolumns = 2\nrow = 1\nrows = 20\n\
         [[page.article]]\nfile = \"a.md\"\n\
         [[page]]\n\
         [[page.article]]\nfile = \"b.md\"\n",
    )
    .unwrap();
    m
}

/// The article cut on page 3 goes on at the top of page 4 (the edition's
/// next page, not a page after it) with （下转第4版） and its head with
/// （上接第3版）; page 4's own article follows; no text is lost, and the
/// PDF reads as --paragraphs lists.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn an_article_continues_onto_the_editions_next_page_with_both_jump_lines() {
    let dir = tempdir();
    let m = write_edition(dir.path());
    let listed = dir.path().join("p.txt");
    let (out, outputs) = run_into(
        dir.path(),
        &[m.as_os_str(), "--paragraphs".as_ref(), listed.as_os_str()],
    );
    let err = assert_ok(&out);
    assert!(err.contains("\"长文\" continues on page 4"), "{err}");
    assert!(
        err.contains("page 4: ") && err.contains("continued from page 3"),
        "{err}"
    );
    assert!(!err.contains("after the edition's last page"), "{err}");
    let paras: Vec<String> = (std::fs::read_to_string(&listed).unwrap().lines())
        .map(str::to_string)
        .collect();
    // Every paragraph of the three articles, none twice.
    let mut all = Vec::new();
    for name in ["long.md", "a.md", "b.md"] {
        all.extend(paragraphs(&dir.path().join(name), dir.path()));
    }
    let (mut got, mut want) = (paras.clone(), all);
    got.sort();
    want.sort();
    assert_eq!(got, want);
    need("pdftotext");
    let pages = outputs.pdf_pages();
    assert_eq!(
        pages.len(),
        2,
        "the rest shares page 4 with its own article"
    );
    let (p3, p4) = (squeeze(&pages[0]), squeeze(&pages[1]));
    assert!(p3.contains("（下转第4版）") && !p3.contains("上接"), "{p3}");
    assert!(
        p4.contains("长文（上接第3版）") && !p4.contains("下转"),
        "{p4}"
    );
    assert!(p4.contains("图书馆的夜间阅览室"), "{p4}");
    let text = strip_page_furniture(&pages, |i| format!("第{}版{}", 3 + i, 3 + i));
    let text = squeeze(&text)
        .replace("（下转第4版）", "")
        .replace("长文（上接第3版）", "");
    assert_same_text(&text, &paras);
}

/// The EPUB of an edition: a document and a contents entry per page, each
/// holding its articles whole (the continued one on the page it starts
/// on), with ids unique in each document.
#[cfg_attr(
    no_epubcheck,
    ignore = "needs epubcheck (java and the epubcheck package); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_epub_of_an_edition_has_a_section_per_page() {
    let dir = tempdir();
    let m = write_edition(dir.path());
    let outputs = compile(dir.path(), &[m.as_os_str()]);
    let first = outputs.epub_entry("OEBPS/text/chapter0001.xhtml");
    let second = outputs.epub_entry("OEBPS/text/chapter0002.xhtml");
    assert!(first.contains("第3版") && second.contains("第4版"));
    assert!(first.contains("长文") && first.contains("甲讯") && !first.contains("乙讯"));
    assert!(second.contains("乙讯") && !second.contains("长文"));
    // The continued article is one piece: both of its paragraphs on page 3.
    assert_eq!(first.matches(LONG_LINE).count(), 80);
    for doc in [&first, &second] {
        let mut ids: Vec<&str> = doc
            .split(" id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids in {doc}");
    }
    let nav = outputs.epub_entry("OEBPS/nav.xhtml");
    assert!(
        nav.contains("chapter0001.xhtml#a1\">长文") && nav.contains("chapter0002.xhtml#a1\">乙讯"),
        "{nav}"
    );
    epubcheck(&outputs.epub);
}

/// An edition file lists page manifests; the folios run on from the
/// first, and its errors are located in the file that has them.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn an_edition_file_lists_page_manifests_and_its_errors_are_located() {
    let dir = tempdir();
    let d = dir.path();
    write_edition(d);
    let page = |name: &str, body: &str| std::fs::write(d.join(name), body).unwrap();
    page(
        "p7.toml",
        "layout = \"broadsheet\"\n[page]\nnumber = 7\n[[article]]\nfile = \"a.md\"\n",
    );
    page(
        "p8.toml",
        "layout = \"broadsheet\"\n[[article]]\nfile = \"b.md\"\n",
    );
    page("ed.toml", "pages = [\"p7.toml\", \"p8.toml\"]\n");
    let (out, outputs) = run_into(d, &[d.join("ed.toml").as_os_str()]);
    let err = assert_ok(&out);
    assert!(
        err.contains("page 7: ") && err.contains("page 8: "),
        "{err}"
    );
    need("pdftotext");
    let pages = outputs.pdf_pages();
    assert_eq!(pages.len(), 2);
    assert!(squeeze(&pages[1]).contains("第8版"), "{}", pages[1]);
    let fails = |body: &str| {
        page("bad.toml", body);
        let out = run(&[
            d.join("bad.toml").as_os_str(),
            OsStr::new("--pdf"),
            d.join("bad.pdf").as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let e = fails("pages = [\"p7.toml\", \"gone.toml\"]\n");
    assert!(
        e.contains("bad.toml:1:21") && e.contains("does not exist"),
        "{e}"
    );
    let e = fails("pages = [\"p7.toml\", \"ed.toml\"]\n");
    assert!(
        e.contains("bad.toml:1:21") && e.contains("is an edition itself"),
        "{e}"
    );
    let e = fails("pages = [\"bad.toml\"]\n");
    assert!(
        e.contains("bad.toml:1:10") && e.contains("cannot list an edition (or itself)"),
        "{e}"
    );
    // p8 says it is page 9, after page 7.
    page(
        "p8.toml",
        "[page]\nnumber = 9\n[[article]]\nfile = \"b.md\"\n",
    );
    let e = fails("pages = [\"p7.toml\", \"p8.toml\"]\n");
    assert!(
        e.contains("p8.toml:2:10") && e.contains("number = 8"),
        "{e}"
    );
}

/// A rest too long for the next page's top band goes on again over the
/// edition's pages and then over extra pages after its last (stderr says
/// so); every （下转第N版） has its （上接第M版） on page N, and the text is
/// whole. (Not in order: on a page the rest both opens and leaves, the
/// page's own article stands between its parts.)
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_long_rest_goes_on_page_after_page_and_past_the_edition() {
    let dir = tempdir();
    let d = dir.path();
    write_edition(d);
    let long = LONG_LINE.repeat(150);
    std::fs::write(
        d.join("long.md"),
        format!("+++\ntitle = \"长文\"\n+++\n{long}\n\n{long}\n\n{long}\n"),
    )
    .unwrap();
    let m = d.join("e.toml");
    std::fs::write(
        &m,
        "layout = \"broadsheet\"\n\
         [[page]]\nnumber = 1\n\
         [[page.article]]\nfile = \"long.md\"\ncolumn = 1\ncolumns = 2\nrow = 1\nrows = 20\n\
         [[page]]\n[[page.article]]\nfile = \"a.md\"\n\
         [[page]]\n[[page.article]]\nfile = \"b.md\"\n",
    )
    .unwrap();
    let listed = d.join("p.txt");
    let (out, outputs) = run_into(
        d,
        &[m.as_os_str(), "--paragraphs".as_ref(), listed.as_os_str()],
    );
    let err = assert_ok(&out);
    assert!(err.contains("after the edition's last page"), "{err}");
    assert!(err.contains("do not fit its 3 pages"), "{err}");
    need("pdftotext");
    let pages: Vec<String> = outputs.pdf_pages().iter().map(|p| squeeze(p)).collect();
    let n = pages.len();
    assert!(n > 3, "extra pages after the edition: {n}");
    for (k, p) in pages.iter().enumerate() {
        let number = k + 1;
        // Each page but the last sends the rest on to the next; each but
        // the first takes it from the one before.
        assert_eq!(
            p.contains(&format!("（下转第{}版）", number + 1)),
            k + 1 < n,
            "page {number}: {p}"
        );
        assert_eq!(
            p.contains(&format!("长文（上接第{}版）", number - 1)),
            k > 0,
            "page {number}: {p}"
        );
    }
    // Pages 2 and 3 keep their own articles under the rest.
    assert!(pages[1].contains("河边的步道") && pages[2].contains("图书馆的夜间阅览室"));
    let paras: Vec<String> = (std::fs::read_to_string(&listed).unwrap().lines())
        .map(str::to_string)
        .collect();
    let text = strip_page_furniture(&pages, |i| format!("第{}版{}", 1 + i, 1 + i));
    let mut text = squeeze(&text);
    for k in 1..=n {
        text = text
            .replace(&format!("（下转第{}版）", k + 1), "")
            .replace(&format!("长文（上接第{}版）", k), "");
    }
    let sorted = |s: &str| {
        let mut c: Vec<char> = squeeze(s).chars().collect();
        c.sort_unstable();
        c.into_iter().collect::<String>()
    };
    assert_eq!(sorted(&text), sorted(&paras.concat()));
}

/// The two points of a straight path `d="Mx1 y1Lx2 y2"`.
fn segment(tag: &str) -> Option<[f64; 4]> {
    let d = tag.strip_prefix("path d=\"M")?;
    let d = &d[..d.find('"')?];
    let (a, b) = d.split_once('L')?;
    let v: Vec<f64> = (a.split(' ').chain(b.split(' ')))
        .filter_map(|n| n.parse().ok())
        .collect();
    (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
}

/// A vertical article on a horizontal page is set in tiers on a grid of
/// its own; cut on page 12, it goes on in a band at the top of page 13
/// whose tiers are another length. Its lines there are broken again for
/// them: no line runs through the rule between its tiers (before, the
/// rest kept page 12's longer lines and ran over the rules into the next
/// tier's lines). Read from the SVG pages: every body glyph stands at
/// least half an em from every horizontal rule across it.
#[test]
fn a_vertical_box_continued_in_a_band_keeps_its_lines_inside_its_tiers() {
    let dir = tempdir();
    let src = root().join("tests/fixtures/vertical-continued.toml");
    let svg = dir.path().join("svg");
    let out = run(&[
        src.as_os_str(),
        "--allow-outside".as_ref(),
        "--svg".as_ref(),
        svg.as_os_str(),
    ]);
    let stderr = assert_ok(&out);
    assert!(
        stderr.contains("\"凌晨一点，37路末班车还在路上\" does not fit its frame and continues"),
        "{stderr}"
    );
    let page = std::fs::read_to_string(svg.join("vertical-continued-002.svg")).unwrap();
    let mut glyphs = Vec::new();
    let mut rules = Vec::new();
    for tag in page.split('<') {
        if tag.starts_with("use ") {
            // matrix(s 0 0 -s x y): a body glyph is 9 pt, s = 0.009.
            let m = &tag[tag.find("matrix(").unwrap() + 7..];
            let v: Vec<f64> = m.split([' ', ')']).filter_map(|n| n.parse().ok()).collect();
            if (v[0] - 0.009).abs() < 1e-6 {
                glyphs.push((v[4], v[5]));
            }
        } else if tag.contains("stroke=")
            && let Some([x1, y1, x2, y2]) = segment(tag)
            && (y1 - y2).abs() < 1e-3
        {
            rules.push((x1.min(x2), x1.max(x2), y1));
        }
    }

    assert!(
        glyphs.len() > 1000 && !rules.is_empty(),
        "{} glyphs, {} rules",
        glyphs.len(),
        rules.len()
    );
    for &(x, y) in &glyphs {
        for &(from, to, at) in &rules {
            assert!(
                !(from..=to).contains(&x) || (y - at).abs() >= 4.5,
                "a glyph at ({x}, {y}) on the rule from {from} to {to} at {at}"
            );
        }
    }
}

/// On a made-up page the rest of an article cut on the page before is a
/// module of that page's make-up, at the span that suits it, not a strip
/// of a line or two across every column: in edition-12 the rest of the
/// night-bus feature stands in a few columns, each holding several of its
/// lines; page 12 says （下转第13版）, page 13 （上接第12版） once; and
/// neither page has a hole.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_rest_on_a_made_up_page_is_a_module_of_its_make_up() {
    let dir = tempdir();
    let m = root().join("examples/edition-12.toml");
    let (out, outputs) = run_into(dir.path(), &[m.as_os_str(), "--dump-lines".as_ref()]);
    let err = assert_ok(&out);
    assert!(err.contains("continues on page 13"), "{err}");
    // Both pages filled without holes: page 12's first make-up had one
    // (a column two lines short over the serial box) until balancing gave
    // its heads a line of white above and below. (Page 13 leaves two
    // lines at its foot, one more than before the night-bus deck was
    // grown to close the white at its end on page 12: 99 -> 97 % of its
    // grid.)
    for page in [
        "page 12: 99% of the grid in modules, no holes",
        "page 13: 97% of the grid in modules, no holes",
    ] {
        assert!(err.contains(page), "{err}");
    }
    let dump = String::from_utf8_lossy(&out.stdout);
    let night = dump
        .split("\n# ")
        .find(|s| s.contains("night-bus.md: layout"))
        .expect("night-bus in the dump");
    // Lines per column of the rest on page 13.
    let mut columns: Vec<(u32, usize)> = Vec::new();
    let mut on = false;
    for l in night.lines() {
        if let Some(rest) = l.trim().strip_prefix("page ") {
            on = rest.starts_with("13, column ");
            if on {
                let c = rest["13, column ".len()..].trim().parse().unwrap();
                columns.push((c, 0));
            }
        } else if on && l.trim_start().starts_with("slot") {
            columns.last_mut().unwrap().1 += 1;
        }
    }
    assert!(!columns.is_empty(), "no rest on page 13:\n{night}");
    assert!(
        columns.len() <= 4 && columns.iter().all(|&(_, n)| n >= 4),
        "the rest is a strip, not a module: {columns:?}"
    );
    need("pdftotext");
    let pages = outputs.pdf_pages();
    let (p12, p13) = (squeeze(&pages[0]), squeeze(&pages[1]));
    assert_eq!(p12.matches("（下转第13版）").count(), 1, "{p12}");
    assert_eq!(p13.matches("（上接第12版）").count(), 1, "{p13}");
}

/// A box on a grid of its own (the serial boxes set horizontally on
/// edition-12's second page, set vertically; the edition as this test was
/// written for it, tests/fixtures/examples-then) whose text ends lines
/// short of the box its place gives it spreads its lines to fill the box.
/// Before, the two boxes' text stopped 3 and 7 lines short, a hole inside
/// each box, and the run warned that those lines stay empty.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_box_on_a_grid_of_its_own_spreads_its_lines_to_fill_itself() {
    need("pdftotext");
    let src = root().join("tests/fixtures/examples-then/edition-12.toml");
    let dir = tempdir();
    // Its articles are the examples' own, outside its folder.
    let args = [
        src.as_os_str(),
        OsStr::new("--writing"),
        OsStr::new("vertical"),
        OsStr::new("--allow-outside"),
    ];
    let (out, outputs) = run_into(dir.path(), &args);
    let stderr = assert_ok(&out);
    assert!(!stderr.contains("stay empty"), "{stderr}");
    // Spread, not cut: both boxes' text is on the page, to its last words.
    let page = &outputs.pdf_pages()[1];
    let flat: String = page.chars().filter(|c| !c.is_whitespace()).collect();
    for end in ["原来只是今夜的最后一趟。", "要在信里写“阅后即焚”。"] {
        let end: String = end.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains(&end), "{end} missing from page 13");
    }
}
