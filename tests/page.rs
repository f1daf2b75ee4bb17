//! Newspaper pages from manifests: automatic placement, explicit frames,
//! overlaps, 破栏, boxes, continuation.

mod common;

use std::ffi::OsStr;

use common::*;

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_broadsheet_page_keeps_every_article_in_manifest_order() {
    let dir = tempdir();
    let src = root().join("examples/page-7.toml");
    let paras = paragraphs(&src, dir.path());
    let page = compile(dir.path(), &[src.as_os_str()]);
    assert_same_text(&page.epub_text(), &paras);
    need("pdftotext");
    let pages = page.pdf_pages();
    assert_eq!(pages.len(), 1, "one page");
    let text = strip_page_furniture(&pages, |_| {
        "typeset样张　城市·副刊2026年11月27日　第7版7责任编辑林晓舟　质检周一然".into()
    });
    assert_same_text(&text, &paras);
}

/// A page its articles cannot fill says so loudly: page-7's three
/// articles take 49 % of a broadsheet, white at its foot that the summary
/// called "no holes" (a compositor's review: not ready to print); a full
/// page (page-12) says nothing of it.
#[test]
fn an_underfilled_page_is_reported_not_ready_to_print() {
    let dir = tempdir();
    let summary = |name: &str| {
        let src = root().join("examples").join(name);
        let (out, _) = run_into(dir.path(), &[src.as_os_str()]);
        let stderr = assert_ok(&out);
        (stderr.lines())
            .find(|l| l.contains("of the grid in modules"))
            .expect("the page summary")
            .to_string()
    };
    let seven = summary("page-7.toml");
    assert!(
        seven.contains("UNDERFILLED") && seven.contains("not ready to print"),
        "{seven}"
    );
    let twelve = summary("page-12.toml");
    assert!(!twelve.contains("UNDERFILLED"), "{twelve}");
}

/// A page placed by hand gets the same line: page-9 as it was placed
/// before it was made up (its news items stacked in three columns beside
/// the serial's box) left a 51 × 15-em block of white under them, and the
/// summary, printed only for made-up pages, said nothing. The hint is a
/// placed page's.
#[test]
fn a_page_placed_by_hand_reports_its_holes_and_white() {
    let dir = tempdir();
    // The manifest reads only files in its folder: the articles copied.
    let ex = dir.path().join("page-9");
    std::fs::create_dir_all(ex.join("figures")).unwrap();
    let from = root().join("examples/page-9");
    for f in [
        "reading-rooms.md",
        "north-window-12.md",
        "library-card.md",
        "reading-club.md",
        "figures/badge.png",
    ] {
        std::fs::copy(from.join(f), ex.join(f)).unwrap();
    }
    let placed = [
        (
            "reading-rooms.md",
            "lead = \"span\"\ncolumn = 1\ncolumns = 6\nrow = 1\n",
        ),
        (
            "north-window-12.md",
            "writing = \"vertical\"\ncolumn = 1\ncolumns = 3\nbox = true\n",
        ),
        ("library-card.md", "column = 4\ncolumns = 3\n"),
        ("reading-club.md", "column = 4\ncolumns = 3\n"),
    ];
    let mut m = String::from("layout = \"tabloid\"\n[page]\nnumber = 9\n");
    for (file, at) in placed {
        let file = ex.join(file);
        m.push_str(&format!(
            "\n[[article]]\nfile = \"{}\"\n{at}",
            file.display()
        ));
    }
    let src = dir.path().join("hand.toml");
    std::fs::write(&src, m).unwrap();
    let (out, _) = run_into(dir.path(), &[src.as_os_str()]);
    let stderr = assert_ok(&out);
    let line = (stderr.lines())
        .find(|l| l.contains("of the grid in modules"))
        .unwrap_or_else(|| panic!("no page summary: {stderr}"));
    assert!(line.contains("page 9: "), "{line}");
    assert!(line.contains("hole(s) of 4 × 4 ems or more"), "{line}");
    // A short page placed by hand: called underfilled, told to fill it.
    std::fs::write(
        dir.path().join("a.md"),
        "+++\ntitle = \"甲\"\n+++\n正文一段，只有几句话。\n",
    )
    .unwrap();
    let short = dir.path().join("short.toml");
    let body = "layout = \"tabloid\"\n[page]\nnumber = 3\n\n[[article]]\nfile = \"a.md\"\ncolumn = 1\ncolumns = 2\n";
    std::fs::write(&short, body).unwrap();
    let (out, _) = run_into(dir.path(), &[short.as_os_str()]);
    let stderr = assert_ok(&out);
    assert!(
        stderr.contains("UNDERFILLED") && stderr.contains("fill = true in [page]"),
        "{stderr}"
    );
}

fn manifest(dir: &std::path::Path, body: &str) -> std::process::Output {
    for (name, text) in [
        ("a.md", "+++\ntitle = \"甲\"\n+++\n正文一段。\n"),
        ("b.md", "+++\ntitle = \"乙\"\n+++\n正文两段。\n"),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let m = dir.join("p.toml");
    std::fs::write(&m, format!("layout = \"broadsheet\"\n{body}")).unwrap();
    run(&[
        m.as_os_str(),
        OsStr::new("--pdf"),
        dir.join("p.pdf").as_os_str(),
    ])
}

#[test]
fn overlapping_frames_are_refused_with_the_place() {
    let dir = tempdir();
    let out = manifest(
        dir.path(),
        "[[article]]\nfile = \"a.md\"\ncolumn = 1\ncolumns = 4\nrow = 1\nrows = 30\n[[article]]\nfile = \"b.md\"\ncolumn = 3\ncolumns = 4\nrow = 10\nrows = 30\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("p.toml:9:8") && err.contains("overlaps"),
        "{err}"
    );
    assert!(!dir.path().join("p.pdf").exists());
}

#[test]
fn explicit_frames_split_columns_and_boxes_are_accepted() {
    let dir = tempdir();
    let out = manifest(
        dir.path(),
        "[[article]]\nfile = \"a.md\"\ncolumn = 1\ncolumns = 3\nsplit = 2\nrow = 1\nrows = 20\nbox = true\n[[article]]\nfile = \"b.md\"\ncolumn = 4\ncolumns = 5\n",
    );
    assert_ok(&out);
    assert!(dir.path().join("p.pdf").is_file());
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn text_beyond_the_page_continues_on_the_next_and_says_so() {
    let dir = tempdir();
    let long =
        "春风吹过田野，麦苗一天天长高了。村口的老槐树下，有人在下棋，有人在聊天。".repeat(60);
    std::fs::write(
        dir.path().join("long.md"),
        format!("+++\ntitle = \"长文\"\n+++\n{long}\n\n{long}\n"),
    )
    .unwrap();
    let m = dir.path().join("p.toml");
    std::fs::write(&m, "layout = \"broadsheet\"\n[page]\nnumber = 3\n[[article]]\nfile = \"long.md\"\ncolumn = 1\ncolumns = 2\nrow = 1\nrows = 20\n").unwrap();
    let paras = paragraphs(&m, dir.path());
    let (out, page) = run_into(dir.path(), &[m.as_os_str()]);
    let err = assert_ok(&out);
    assert!(
        err.contains("continues on") && err.contains("continued on page 4"),
        "{err}"
    );
    need("pdftotext");
    let pages = page.pdf_pages();
    assert!(pages.len() >= 2);
    // Each page but the last ends its module with （下转第N版）; each
    // but the first opens it with the continuation head 长文 and
    // （上接第N版）. Without them the text is the article's, whole.
    let n = pages.len();
    for (i, p) in pages.iter().enumerate() {
        let s = squeeze(p);
        let to = format!("（下转第{}版）", 4 + i);
        let from = format!("长文（上接第{}版）", 2 + i);
        assert_eq!(s.contains(&to), i + 1 < n, "page {i}: {s}");
        assert_eq!(s.contains(&from), i > 0, "page {i}: {s}");
    }
    let text = strip_page_furniture(&pages, |i| format!("第{}版{}", 3 + i, 3 + i));
    let mut text = squeeze(&text);
    for i in 0..n {
        text = text
            .replace(&format!("（下转第{}版）", 4 + i), "")
            .replace(&format!("长文（上接第{}版）", 2 + i), "");
    }
    assert_same_text(&text, &paras);
}

#[cfg_attr(no_qpdf, ignore = "needs qpdf; TYPESET_REQUIRE_TOOLS=1 requires it")]
#[test]
fn jpeg_and_png_figures_are_embedded() {
    let dir = tempdir();
    // A small JPEG and a PNG with transparency, made here.
    let mut rgb = image::RgbImage::new(64, 48);
    for (x, y, p) in rgb.enumerate_pixels_mut() {
        *p = image::Rgb([(x * 4) as u8, (y * 5) as u8, 128]);
    }
    rgb.save(dir.path().join("photo.jpg")).unwrap();
    let mut rgba = image::RgbaImage::new(40, 40);
    for (x, _, p) in rgba.enumerate_pixels_mut() {
        *p = image::Rgba([200, 30, 30, (x * 6) as u8]);
    }
    rgba.save(dir.path().join("mark.png")).unwrap();
    let src = dir.path().join("a.md");
    std::fs::write(&src, "+++\ntitle = \"图片\"\n+++\n正文一段。\n\n![照片](photo.jpg)\n\n![标记](mark.png \"width=0.5\")\n\n正文两段。\n").unwrap();
    let article = compile(dir.path(), &[src.as_os_str()]);
    let raw = article.pdf_bytes();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/DCTDecode"), "the JPEG passes through");
    assert!(has(b"/SMask"), "the PNG's alpha is a soft mask");
    let opf = article.epub_entry("OEBPS/content.opf");
    assert!(opf.contains("media-type=\"image/jpeg\"") && opf.contains("media-type=\"image/png\""));
    need("qpdf");
    let ok = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&article.pdf)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
}

#[test]
fn a_split_giving_columns_under_the_layouts_least_is_refused_where_given() {
    let dir = tempdir();
    // 2 × 13 + 1 = 27 characters in 5 columns: (27 − 4) / 5 = 4 each.
    let out = manifest(
        dir.path(),
        "[[article]]\nfile = \"a.md\"\ncolumn = 1\ncolumns = 2\nsplit = 5\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("p.toml:") && err.contains("split = 5") && err.contains("4 characters"),
        "{err}"
    );
    assert!(!dir.path().join("p.pdf").exists());
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_tabloid_page_with_a_serial_in_tiers_fits_one_page_with_all_its_text() {
    let dir = tempdir();
    let src = root().join("examples/page-9.toml");
    let paras = paragraphs(&src, dir.path());
    let (out, page) = run_into(dir.path(), &[src.as_os_str()]);
    let err = assert_ok(&out);
    assert!(!err.contains("continues on"), "{err}");
    assert_same_text(&page.epub_text(), &paras);
    need("pdftotext");
    assert_eq!(page.pdf_pages().len(), 1, "one page");
}

/// `lead` takes "column", "span", "box" or a number of columns; anything
/// else is refused where it is written, with the choices.
#[test]
fn a_lead_placement_is_checked_where_given() {
    let dir = tempdir();
    for (value, col) in [("\"wide\"", 8), ("0", 8), ("true", 8)] {
        let out = manifest(
            dir.path(),
            &format!("[[article]]\nfile = \"a.md\"\nlead = {value}\n"),
        );
        assert_eq!(out.status.code(), Some(1), "{value}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("p.toml:4:{col}")), "{value}: {err}");
        assert!(err.contains("\"span\"") && err.contains("\"box\""), "{err}");
        assert!(!dir.path().join("p.pdf").exists());
    }
    for value in ["\"span\"", "\"box\"", "2", "\"column\""] {
        let out = manifest(
            dir.path(),
            &format!("[[article]]\nfile = \"a.md\"\nlead = {value}\n"),
        );
        assert_ok(&out);
    }
}

/// `fill = true`: the five articles of examples/page-12.toml fill the
/// broadsheet (the summary says so) on one page, every text whole.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_made_up_page_is_filled_with_every_article() {
    let dir = tempdir();
    let src = root().join("examples/page-12.toml");
    let (out, outputs) = run_into(dir.path(), &[src.as_os_str()]);
    let stderr = assert_ok(&out);
    assert!(
        stderr.contains("fill: 100% of the free band filled"),
        "{stderr}"
    );
    assert!(stderr.contains("0 article(s) continued"), "{stderr}");
    // The summary says how full the page is and what white it leaves:
    // none, as pagecheck finds (its holes are counted the same way).
    assert!(
        stderr.contains("page 12: 100% of the grid in modules, no holes"),
        "{stderr}"
    );
    need("pdftotext");
    assert_eq!(outputs.pdf_pages().len(), 1);
}

/// More text than the page holds: the page is filled, one article is cut
/// and continues on the next page with both jump lines; `--no-continue`
/// refuses instead, naming the article and what is left over.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn an_overflowing_made_up_page_continues_with_jump_lines() {
    let dir = tempdir();
    let src = root().join("tests/fixtures/overflow-14.toml");
    // The manifest names the examples, outside its folder.
    let outside = std::ffi::OsStr::new("--allow-outside");
    let (out, outputs) = run_into(dir.path(), &[src.as_os_str(), outside]);
    let stderr = assert_ok(&out);
    // Page 14's make-up (the first); the page after it, made up of the
    // rest alone, continues none.
    let made_up = stderr.lines().find(|l| l.contains("fill: ")).unwrap_or("");
    assert!(!made_up.contains(" 0 article(s) continued"), "{stderr}");
    need("pdftotext");
    // Each continued article: （下转第N版） on page 14, and on its own
    // page N its head with （上接第14版）.
    let pages = outputs.pdf_pages();
    assert!(pages.len() >= 2);
    let squeezed: Vec<String> = pages.iter().map(|p| squeeze(p)).collect();
    for (k, later) in squeezed.iter().enumerate().skip(1) {
        let to = format!("（下转第{}版）", 14 + k);
        assert!(
            squeezed[0].contains(&to),
            "{to} on page 14: {}",
            squeezed[0]
        );
        assert!(later.contains("（上接第14版）"), "{later}");
    }
    // --paragraphs reads as the printed pages do: the continued article's
    // last paragraph (on the next page) comes last.
    let paras = dir.path().join("p.txt");
    let pdf = dir.path().join("p.pdf");
    assert_ok(&run(&[
        src.as_os_str(),
        outside,
        "--pdf".as_ref(),
        pdf.as_os_str(),
        "--paragraphs".as_ref(),
        paras.as_os_str(),
    ]));
    let listed = std::fs::read_to_string(&paras).unwrap();
    let own = paragraphs(&root().join("examples/night-bus.md"), dir.path());
    assert_eq!(listed.lines().last(), own.last().map(String::as_str));
    let pdf = dir.path().join("no.pdf");
    let out = run(&[
        src.as_os_str(),
        outside,
        "--no-continue".as_ref(),
        "--pdf".as_ref(),
        pdf.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("overflow-14.toml:") && err.contains("does not fit its frame"),
        "{err}"
    );
    assert!(
        err.contains("characters in") && err.contains("lines are left over"),
        "{err}"
    );
    assert!(!pdf.exists());
}

/// A module of a page ends flush: where its columns would end a line
/// apart and a head stands inside a column, the head takes a line more
/// white above it and the columns end on the same line (the grid kept:
/// every line still on a slot). Laid out without that white, this
/// article's two columns end on slots 22 and 21.
#[test]
fn a_head_gives_a_line_of_white_to_end_a_module_flush() {
    let dir = tempdir();
    let s =
        "早上七点五十分，书房门口已经有人在等。退休教师每天这个时候来，先看报，再挑两本书带回家。";
    let (body, tail) = (s.repeat(3), format!("{}她说现在方便多了。", s.repeat(2)));
    std::fs::write(
        dir.path().join("a.md"),
        format!("+++\ntitle = \"书房开到楼下\"\n+++\n{body}\n\n{body}\n\n## 晚上是自习室\n\n{tail}\n\n{body}\n"),
    )
    .unwrap();
    let m = dir.path().join("m.toml");
    std::fs::write(
        &m,
        "layout = \"broadsheet\"\n[[article]]\nfile = \"a.md\"\ncolumn = 1\ncolumns = 2\nrow = 1\n",
    )
    .unwrap();
    let out = run(&[m.as_os_str(), "--dump-lines".as_ref()]);
    assert_ok(&out);
    let dump = String::from_utf8_lossy(&out.stdout);
    let set = dump.split("as set on the page").nth(1).expect("the page");
    // The last slot of each column, and the head's slot.
    let mut ends: Vec<u32> = Vec::new();
    let mut head = None;
    for l in set.lines() {
        let t = l.trim_start();
        if t.starts_with("page ") && t.contains("column") {
            ends.push(0);
        } else if let Some(rest) = t.strip_prefix("slot") {
            let slot: u32 = rest.split('│').next().unwrap().trim().parse().unwrap();
            if let Some(e) = ends.last_mut() {
                *e = slot;
            }
            if t.contains("晚上是自习室") {
                head = Some((ends.len(), slot));
            }
        }
    }
    assert_eq!(ends.len(), 2, "{set}");
    assert_eq!(ends[0], ends[1], "the columns end flush:\n{set}");
    let (column, slot) = head.expect("the head is set");
    assert!(slot > 0, "the head stands inside column {column}:\n{set}");
}

/// A box pinned under a made-up band (tests/fixtures/box-foot.toml: the
/// serial's box from line 102 to the foot) stands its top edge in the
/// band's last slot, white under every module there, and its text starts
/// on its own first slot: no further from the text over it than a rule
/// would be. Before, the box kept a slot of its own for the edge, so two
/// slots of white stood over it (a hole over any column a line short) and
/// this installment, a line short of room, continued on a page of its own.
#[test]
fn a_box_pinned_under_a_made_up_band_takes_its_edge_from_the_bands_last_slot() {
    let src = root().join("tests/fixtures/box-foot.toml");
    let out = run(&[
        src.as_os_str(),
        OsStr::new("--allow-outside"),
        OsStr::new("--dump-lines"),
    ]);
    let stderr = assert_ok(&out);
    assert!(
        !stderr.contains("第七百八十九回　雨夜的来信\" does not fit"),
        "{stderr}"
    );
    let dump = String::from_utf8_lossy(&out.stdout);
    // Per article, the slots its lines take on page 12.
    let mut slots: Vec<Vec<u32>> = Vec::new();
    let mut on_page = false;
    for l in dump.lines() {
        let t = l.trim_start();
        if l.starts_with("# ") {
            slots.push(Vec::new());
        } else if t.starts_with("page ") {
            on_page = t.starts_with("page 12,");
        } else if let Some(rest) = t.strip_prefix("slot").filter(|_| on_page) {
            let slot: u32 = rest.split('│').next().unwrap().trim().parse().unwrap();
            slots.last_mut().expect("an article").push(slot);
        }
    }
    let (serial, band) = slots.split_last().expect("six articles");
    assert_eq!(band.len(), 5, "{dump}");
    // Line 102 is slot 101: the box's first line there, its edge in slot
    // 100, which no module above sets a line in.
    assert_eq!(serial.iter().min(), Some(&101), "{dump}");
    let deepest = band.iter().flatten().max().copied();
    assert!(deepest.is_some_and(|d| d < 100), "{deepest:?}");
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_short_kicker_leaves_no_hole_at_its_modules_head() {
    // The market story with a kicker of five characters, made up with five
    // other example articles. Its module once stood under the library
    // story, whose last column ended a line short over the kicker's white:
    // flush with the headline's start, the kicker left a 12 × 4-em hole
    // there (pagecheck). The make-up turns such a kicker to the headline's
    // end, and composes other make-ups while holes meet modules (six at
    // most): the page it keeps has no hole, and the kicker stands flush
    // with one end of the headline, never between.
    need("pdftotext");
    let dir = tempdir();
    let ex = root().join("examples");
    let market = std::fs::read_to_string(ex.join("market-renewal.md")).unwrap();
    let market = market.replace("kicker = \"老城更新观察\"", "kicker = \"夜色里的城\"");
    assert!(
        market.contains("夜色里的城"),
        "the example's kicker changed"
    );
    std::fs::write(dir.path().join("market.md"), market).unwrap();
    let mut m = String::from("layout = \"broadsheet\"\n[page]\nnumber = 12\nfill = true\n");
    for f in [
        "page-9/reading-rooms.md",
        "night-bus.md",
        "bridge-news.md",
        "essay-lamp.md",
        "night-school.md",
    ] {
        m.push_str(&format!(
            "\n[[article]]\nfile = \"{}\"\n",
            ex.join(f).display()
        ));
    }
    m.push_str("\n[[article]]\nfile = \"market.md\"\n");
    let manifest = dir.path().join("p.toml");
    std::fs::write(&manifest, m).unwrap();
    let pdf = dir.path().join("p.pdf");
    let out = run(&[
        manifest.as_os_str(),
        OsStr::new("--allow-outside"),
        OsStr::new("--pdf"),
        pdf.as_os_str(),
    ]);
    let stderr = assert_ok(&out);
    assert!(
        stderr.contains("page 12: 99% of the grid in modules, no holes")
            || stderr.contains("page 12: 100% of the grid in modules, no holes"),
        "{stderr}"
    );
    let words = words_on(&pdf, 1);
    let find = |t: &str| words.iter().find(|w| w.3 == t).expect(t).clone();
    // The headline is two words (城南菜市场　改了三年才开门).
    let (kicker, first, last) = (
        find("夜色里的城"),
        find("城南菜市场"),
        find("改了三年才开门"),
    );
    let start = (kicker.0 - first.0).abs() < 2.0;
    let end = (kicker.1 - last.1).abs() < 2.0;
    assert!(
        start || end,
        "the kicker flush with an end of the headline: {kicker:?} {first:?} {last:?}"
    );
}

/// A horizontal serial box's label (连载 N　《书名》　某 著) stands under
/// the installment's headline, not over it: centred over the wider
/// headline, the white beside it joined the box's edge, the rule's gap
/// and the white over the headline's ink into a hole at the box's head
/// (tests/fixtures/box-foot.toml: 4 holes on the page before, two of
/// them there; 2 now).
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_serial_boxs_label_stands_under_its_headline() {
    need("pdftotext");
    let dir = tempdir();
    let pdf = dir.path().join("p.pdf");
    let src = root().join("tests/fixtures/box-foot.toml");
    let out = run(&[
        src.as_os_str(),
        OsStr::new("--allow-outside"),
        OsStr::new("--pdf"),
        pdf.as_os_str(),
    ]);
    let stderr = assert_ok(&out);
    let words = words_on(&pdf, 1);
    let find = |t: &str| words.iter().find(|w| w.3.contains(t)).expect(t).clone();
    let (label, headline) = (find("《长河灯影》"), find("雨夜的来信"));
    assert!(label.2 > headline.2, "{label:?} {headline:?}");
    let summary = (stderr.lines())
        .find(|l| l.contains("page 12: "))
        .expect("the page summary");
    let holes: u32 = (summary.split(", ").nth(1))
        .and_then(|s| s.split(' ').next()?.parse().ok())
        .unwrap_or(0);
    assert!(holes <= 2, "{summary}");
}
