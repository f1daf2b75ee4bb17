//! Vertical writing (直排): the supplement page and --writing vertical, in
//! the PDF (Identity-V fonts, reading order, right-to-left progression) and
//! in the EPUB (vertical-rl, rtl spine, tate-chu-yoko, corner quotes).

mod common;

use std::ffi::OsStr;
use std::process::Command;

use common::*;

/// A vertical page: the serial's installment 790 on the `vertical` layout.
fn supplement(dir: &std::path::Path) -> (Outputs, Vec<String>) {
    let src = dir.join("page.toml");
    // A manifest's articles lie in its folder.
    std::fs::copy(root().join("examples/changhe/0790.md"), dir.join("0790.md")).unwrap();
    std::fs::write(
        &src,
        "layout = \"vertical\"\n[page]\npaper = \"typeset 样张\"\ndate = 2026-11-28\nnumber = 12\nsection = \"副刊·连载\"\neditor = \"沈编\"\nproofreader = \"周校\"\n[[article]]\nfile = \"0790.md\"\n",
    )
    .unwrap();
    let paras = paragraphs(&src, dir);
    (compile(dir, &[src.as_os_str()]), paras)
}

#[test]
fn quotes_become_corner_brackets_and_text_is_kept() {
    let dir = tempdir();
    let (page, paras) = supplement(dir.path());
    let all = paras.concat();
    assert!(
        all.contains("「娘的咳嗽，还是老样子？」") && !all.contains('“'),
        "{all}"
    );
    // The EPUB text is the article's text with corner brackets.
    assert_same_text(&page.epub_text(), &paras);
    let src = std::fs::read_to_string(root().join("examples/changhe/0790.md")).unwrap();
    assert!(src.contains("“娘的咳嗽，还是老样子？”"));
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn vertical_pdf_reads_column_by_column_right_to_left() {
    need("pdftotext");
    let dir = tempdir();
    let (page, paras) = supplement(dir.path());
    let pages = page.pdf_pages();
    assert_eq!(pages.len(), 1);
    let text = strip_page_furniture(&pages, |_| {
        "typeset样张　副刊·连载2026年11月28日　第12版12责任编辑沈编　质检周校".into()
    });
    assert_same_text(&text, &paras);
    let fonts = pdffonts(&page.pdf);
    assert!(fonts.contains("Identity-V"), "{fonts}");
    // Pages progress right to left.
    let qdf = dir.path().join("q.pdf");
    assert!(
        Command::new("qpdf")
            .args(["--qdf", "--object-streams=disable"])
            .arg(&page.pdf)
            .arg(&qdf)
            .status()
            .unwrap()
            .success()
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    assert!(raw.contains("/Direction /R2L"), "ViewerPreferences");
    assert!(raw.contains("/W2 ["), "vertical metrics");
    // Upright text is written in vertical mode, lines right to left: the
    // x of successive line starts decreases.
    let xs: Vec<f64> = raw
        .lines()
        .filter(|l| l.ends_with(" Tm") && l.starts_with("1 0 0 1 "))
        .map(|l| l.split_whitespace().nth(4).unwrap().parse().unwrap())
        .collect();
    assert!(xs.len() > 20);
    let body: Vec<f64> = xs[xs.len() / 2..].to_vec();
    assert!(
        body.windows(2).filter(|w| w[1] < w[0]).count() >= body.len() / 2,
        "{body:?}"
    );
}

#[test]
fn vertical_epub_metadata_and_markup() {
    let dir = tempdir();
    let (page, _) = supplement(dir.path());
    let opf = page.epub_entry("OEBPS/content.opf");
    assert!(opf.contains("<spine toc=\"ncx\" page-progression-direction=\"rtl\">"));
    assert!(opf.contains("<meta name=\"primary-writing-mode\" content=\"vertical-rl\"/>"));
    let html = page.epub_entry("OEBPS/text/chapter0001.xhtml");
    assert!(html.contains("class=\"vertical\""));
    assert!(
        html.contains("<span class=\"tcy\">12</span>块银元"),
        "two digits across one em"
    );
    assert!(
        html.contains("1350块"),
        "four digits stay as they are (rotated by the reader)"
    );
    let css = page.epub_entry("OEBPS/style.css");
    for p in [
        "-epub-writing-mode: vertical-rl",
        "-webkit-writing-mode: vertical-rl",
        "writing-mode: vertical-rl",
        "text-combine-upright: all",
    ] {
        assert!(css.contains(p), "{p}");
    }
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn writing_flag_turns_an_article_vertical() {
    need("pdftotext");
    let dir = tempdir();
    let src = root().join("examples/changhe/0789.md");
    let article = compile(
        dir.path(),
        &[
            src.as_os_str(),
            OsStr::new("--writing"),
            OsStr::new("vertical"),
            OsStr::new("--layout"),
            OsStr::new("vertical"),
        ],
    );
    assert!(pdffonts(&article.pdf).contains("Identity-V"));
    // The same text as horizontally, quotes turned into corner brackets.
    let h = tempdir();
    let paras: Vec<String> = paragraphs(&src, h.path())
        .into_iter()
        .map(|p| {
            p.replace('“', "「")
                .replace('”', "」")
                .replace('‘', "『")
                .replace('’', "』")
        })
        .collect();
    let text = strip_furniture(
        &article.pdf_pages(),
        "《长河灯影》连载789",
        Some("2026年11月27日"),
    );
    assert_same_text(&text, &paras);
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_vertical_box_on_a_horizontal_page() {
    let dir = tempdir();
    let src = root().join("examples/supplement.toml");
    let paras = paragraphs(&src, dir.path());
    let page = compile(dir.path(), &[src.as_os_str()]);
    need("pdftotext");
    // The essay (horizontal) then the serial (vertical, in its box).
    let text = strip_page_furniture(&page.pdf_pages(), |_| {
        "typeset样张　副刊·连载2026年11月28日　第12版12责任编辑沈编　质检周校".into()
    });
    assert_same_text(&text, &paras);
    let fonts = pdffonts(&page.pdf);
    assert!(
        fonts.contains("Identity-V") && fonts.contains("Identity-H"),
        "{fonts}"
    );
}

/// An example (`args[0]`, with the options after it) compiled: its PDF's
/// text as `pdftotext -raw` reads it, and its lines as `--dump-lines`
/// prints them.
fn extracted_and_set(args: &[&str]) -> (String, String) {
    let dir = tempdir();
    let src = root().join("examples").join(args[0]);
    let mut argv: Vec<&OsStr> = vec![src.as_os_str()];
    argv.extend(args[1..].iter().map(OsStr::new));
    let text = compile(dir.path(), &argv).pdf_pages().concat();
    let dump = run(&[argv, vec!["--dump-lines".as_ref()]].concat());
    assert_ok(&dump);
    (text, String::from_utf8_lossy(&dump.stdout).into_owned())
}

/// `pdftotext -raw` gave a vertical page a character a line (221 lines
/// for hant-harbour's 22 set lines); each line down the page is now one
/// ActualText span, which poppler lays out as one line.
#[cfg_attr(no_pdftotext, ignore = "pdftotext (poppler-utils) is not installed")]
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn vertical_lines_extract_as_lines() {
    need("pdftotext");
    for args in [
        vec!["hant-harbour.md"],
        vec!["night-bus.md", "--writing", "vertical"],
    ] {
        let (text, dump) = extracted_and_set(&args);
        let set: Vec<&str> = dump
            .lines()
            .filter_map(|l| l.split('│').nth(1))
            .filter(|l| l.chars().count() >= 6 && !l.chars().any(|c| c.is_ascii()))
            .collect();
        assert!(set.len() > 10, "{args:?}: {} set lines", set.len());
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let whole = set.iter().filter(|l| lines.contains(l)).count();
        assert!(
            whole * 10 >= set.len() * 9,
            "{args:?}: {whole} of {} set lines extract whole:\n{text}",
            set.len()
        );
    }
}

/// A number set across a vertical line (tate-chu-yoko) is another run,
/// drawn across the line: `pdftotext -raw` read it as a line of its own
/// (night-bus: 14 lines read just "37", so "37路" could not be found).
/// The whole line is now one ActualText span: every set line holding a
/// number extracts whole, in its place.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_number_set_across_a_vertical_line_reads_in_its_place() {
    need("pdftotext");
    let (text, dump) = extracted_and_set(&["night-bus.md", "--writing", "vertical"]);
    let numbered: Vec<&str> = dump
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .filter(|l| l.chars().any(|c| c.is_ascii_digit()))
        .collect();
    assert!(
        numbered.len() > 10,
        "{} lines with a number",
        numbered.len()
    );
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let broken: Vec<&&str> = numbered.iter().filter(|l| !lines.contains(l)).collect();
    assert!(
        broken.is_empty(),
        "{broken:?} do not extract whole:\n{text}"
    );
}

/// The four-column schemes page set vertically: each article's box is a
/// column of the page, two tiers of nine lines, too few for its headline
/// block across both tiers with text under it. The block is fitted as a
/// compositor fits it (stepped down and set in the first tier, the text
/// beside it and on in the second): the page sets, on one page, every
/// character in order, no article continued.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_headline_block_fits_a_narrow_vertical_box() {
    let dir = tempdir();
    let src = root().join("examples/schemes.toml");
    let txt = dir.path().join("paragraphs.txt");
    let args = [
        src.as_os_str(),
        "--writing".as_ref(),
        "vertical".as_ref(),
        "--paragraphs".as_ref(),
        txt.as_os_str(),
    ];
    let (out, page) = run_into(dir.path(), &args);
    let stderr = assert_ok(&out);
    assert!(!stderr.contains("does not fit"), "{stderr}");
    need("pdftotext");
    let pages = page.pdf_pages();
    assert_eq!(pages.len(), 1, "{stderr}");
    let text = strip_page_furniture(&pages, |_| {
        "typeset样张　标点挤压四式2026年11月27日　第1版1责任编辑排版组　质检校对组".into()
    });
    // Each article (from its kicker on) set whole, in its order, in the
    // order the page reads its boxes.
    let paras = std::fs::read_to_string(&txt).unwrap();
    let mut articles: Vec<String> = Vec::new();
    for p in paras.lines() {
        match p == "标点挤压" {
            true => articles.push(squeeze(p)),
            false => articles.last_mut().unwrap().push_str(&squeeze(p)),
        }
    }
    assert_eq!(articles.len(), 4, "{paras}");
    let mut got = squeeze(&text);
    for want in &articles {
        let at =
            (got.find(want.as_str())).unwrap_or_else(|| panic!("not set whole: {want}\nin {got}"));
        got.replace_range(at..at + want.len(), "");
    }
    assert_eq!(got, "", "text set that is no article's");
}

/// A band's end: (page, column), its last slot, and whether that line
/// is shortened beside a figure.
type BandEnd = ((u32, u32), u32, bool);

/// The band ends of every module as `--dump-lines` sets them on the page:
/// per article (in manifest order), per page and band, the band's last
/// slot, and whether its last line is shortened beside a figure (the
/// figure, not text, then takes the band on from there).
fn band_ends(dump: &str) -> Vec<Vec<BandEnd>> {
    let mut out = Vec::new();
    // Each article's part starts with a line "# FILE: …".
    for article in format!("\n{dump}").split("\n# ").skip(1) {
        let Some(set) = article.split("as set on the page").nth(1) else {
            continue;
        };
        let mut ends: Vec<BandEnd> = Vec::new();
        let mut band = None;
        for l in set.lines().map(str::trim_start) {
            if let Some(at) = l.strip_prefix("page ") {
                // "page 12, column 3" (a band), or "page 12, across the module".
                let mut words = at.split(", column ");
                let page = words.next().and_then(|p| p.parse().ok());
                let column = words.next().and_then(|c| c.parse().ok());
                band = page.zip(column);
            } else if let (Some(at), Some(rest)) = (band, l.strip_prefix("slot")) {
                let slot: u32 = rest.split('│').next().unwrap().trim().parse().unwrap();
                // "  67.50/90.00 pt": a measure short of the band's.
                let measure = l.split('/').nth(1).and_then(|m| m.split(" pt").next());
                let measure: f64 = measure.and_then(|m| m.trim().parse().ok()).unwrap_or(0.0);
                let beside = measure < 117.0 - 1e-6;
                match ends.last_mut() {
                    Some(e) if e.0 == at => (e.1, e.2) = (slot, beside),
                    _ => ends.push((at, slot, beside)),
                }
            }
        }
        out.push(ends);
    }
    out
}

/// `--writing vertical` on a made-up broadsheet turns the page: its grid
/// is bands (段) of the layout's 13 characters stacked down the page, and
/// every article a module of the page's make-up, its bands ending within
/// two lines of each other, the lead story at the top right. Before, each
/// article was a box of tiers of its own on the horizontal page, with
/// holes beside its tiers (page 12's largest 60 × 42 ems).
#[test]
fn a_page_set_vertically_is_made_up_in_bands_that_end_flush() {
    let src = root().join("examples/page-12.toml");
    let args = [src.as_os_str(), "--writing".as_ref(), "vertical".as_ref()];
    let out = run(&[&args[..], &["--dump-lines".as_ref()]].concat());
    assert_ok(&out);
    let dump = String::from_utf8_lossy(&out.stdout);
    // Every article is set on the page's bands: no line of a band longer
    // than its 13 characters (a tier of a box of its own took 27).
    let heads: Vec<&str> = dump.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(heads.len(), 5, "{dump}");
    // (A caption across a figure that straddles two bands is longer.)
    let mut in_band = false;
    let (mut lines, mut longer) = (0, Vec::new());
    for l in dump.lines().map(str::trim_start) {
        if l.starts_with("page ") {
            in_band = l.contains(", column ");
        } else if in_band && l.starts_with("slot") {
            lines += 1;
            let measure = l.split('/').nth(1).and_then(|m| m.split(" pt").next());
            let measure: f64 = measure.and_then(|m| m.trim().parse().ok()).expect(l);
            if measure > 117.0 + 1e-6 {
                longer.push(l);
            }
        }
    }
    assert!(lines > 400, "{lines} lines in bands");
    assert!(longer.len() <= 2, "lines longer than a band: {longer:#?}");
    let modules = band_ends(&dump);
    for (k, ends) in modules.iter().enumerate() {
        // A band whose text stops beside a figure ends where the figure
        // and its caption do.
        let first = ends
            .iter()
            .filter(|((page, _), _, beside)| *page == 12 && !beside);
        let slots: Vec<u32> = first.map(|e| e.1).collect();
        let (lo, hi) = (slots.iter().min().unwrap(), slots.iter().max().unwrap());
        assert!(hi - lo <= 2, "article {k}'s bands end on {slots:?}");
    }
    // The lead story's headline block opens the page at its top right.
    let lead = format!("\n{dump}");
    let lead = lead.split("\n# ").nth(1).unwrap();
    let set = lead.split("as set on the page").nth(1).unwrap();
    assert!(
        set.contains("page 12, across the module\n  slot   0 │"),
        "{set}"
    );
}

/// Page-12 set vertically once left a band white beside the round figure
/// under the lead story's headline (the library story's text ran out of
/// its last band's lines beside the figure; pagecheck: 4 holes, the
/// largest 6 × 28 body ems). The make-up now leaves no hole on the
/// glyphs' ink (one as a PDF reader boxes vertical glyphs, 0.88 em under
/// their ink: the summary gives both).
#[test]
fn page_12_set_vertically_leaves_no_hole_beside_its_round_figure() {
    let line = page_12_vertical_summary();
    assert!(line.contains("no holes on the glyphs' ink"), "{line}");
}

/// A generated vertical set (tests/fixtures/gen-vertical-04,
/// `tools/gen-pages.py --vertical`, set 04) whose make-up, kept for the
/// fewest holes as a PDF reader boxes vertical glyphs, left one on their
/// ink (6 × 4 ems at the foot of the lead's one-line banner, across the
/// band rule from the next module's headline): a reader's boxes stand
/// 0.88 em under a vertical glyph's ink, and hid it. Kept for the fewest
/// either way, the page has none on the ink.
#[test]
fn a_vertical_make_up_is_kept_for_the_holes_on_its_glyphs_ink_too() {
    let line = vertical_summary("tests/fixtures/gen-vertical-04/fill.toml", "page 1: ");
    assert!(line.contains("no holes on the glyphs' ink"), "{line}");
}

/// The summary line of examples/page-12.toml set vertically: how full
/// the page is and the holes it leaves.
fn page_12_vertical_summary() -> String {
    vertical_summary("examples/page-12.toml", "page 12: ")
}

/// The summary line of `page` of the manifest `manifest` (from the
/// repository's root) set vertically.
fn vertical_summary(manifest: &str, page: &str) -> String {
    let src = root().join(manifest);
    let args = [src.as_os_str(), "--writing".as_ref(), "vertical".as_ref()];
    let dir = tempdir();
    let stderr = assert_ok(&run_into(dir.path(), &args).0);
    let line = (stderr.lines())
        .find(|l| l.contains(page) && l.contains("grid in modules"))
        .expect("the page summary");
    line.to_string()
}

/// A generated set (eight articles, figures) whose text runs past its
/// page. Each continued article went on over a whole page of its own:
/// set vertically, four more pages each with a strip of one rest some
/// thirteen lines wide down its right edge, two thirds of it white (three
/// such pages set horizontally, each with one band at its top). The rests
/// now share the page after it, made up as a page's articles are, each
/// with both jump lines naming it. Since the page cuts at most two and
/// holds its last articles over (压稿), two rests set vertically, and the
/// held articles whole on page 2; set horizontally one rest and two held
/// (a cut that kept a stub is held over instead, see
/// `makeup::hold::stubs`).
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_rests_of_a_made_up_page_share_the_page_after_it() {
    let src = root().join("tests/fixtures/gen-vertical-03/fill.toml");
    for (writing, continued, held) in [("vertical", 2, 2), ("horizontal", 1, 2)] {
        let args = [src.as_os_str(), "--writing".as_ref(), writing.as_ref()];
        let dir = tempdir();
        let (out, outputs) = run_into(dir.path(), &args);
        let stderr = assert_ok(&out);
        let holds = stderr.matches("is held over whole to page 2").count();
        assert_eq!(holds, held, "{writing}: {stderr}");
        assert!(stderr.contains("continued on page 2"), "{stderr}");
        let extra = (stderr.lines())
            .find(|l| l.contains("page 2: continued articles"))
            .expect("page 2's summary");
        assert!(extra.contains("no holes"), "{extra}");
        need("pdftotext");
        let pages = outputs.pdf_pages();
        assert_eq!(pages.len(), 2, "{writing}");
        let (first, second) = (squeeze(&pages[0]), squeeze(&pages[1]));
        assert_eq!(
            first.matches("（下转第2版）").count(),
            continued,
            "{writing}: {first}"
        );
        assert_eq!(
            second.matches("（上接第1版）").count(),
            continued,
            "{writing}: {second}"
        );
        if writing == "horizontal" {
            jump_lines_beside_their_heads(&outputs.pdf);
        } else {
            // Headlines without a phrase mark, wider than a band: their
            // continuation heads take two lines, not the first five
            // characters.
            for head in ["她庈昫氭水不了了竑揯", "了起写里雏裶一了一敲"] {
                assert!(second.contains(head), "{head}: {second}");
            }
            jump_lines_centred_in_their_bands(&outputs.pdf);
        }
    }
}

/// Down a vertical band the jump line （上接第M版） stands centred, as the
/// continuation head over it does: from the band's top it left the
/// band's foot white beside the text (with a head of a few characters, a
/// hole of 4 × 4 ems and more at the top of continuation pages).
fn jump_lines_centred_in_their_bands(pdf: &std::path::Path) {
    let words: Vec<(f64, f64, String)> = (word_boxes(pdf, 2).into_iter())
        .map(|w| (w.y_min, w.y_max, w.text))
        .collect();
    // Lines of body text from a band's top: the bands' extents down the
    // page, each from its lines' top to where the most of them end (a
    // hung mark ends past it).
    let body = || words.iter().filter(|w| w.2.chars().count() >= 12);
    let mut tops: Vec<i64> = body().map(|w| w.0.round() as i64).collect();
    tops.sort();
    // A band's top is where many lines start (a paragraph's indented
    // first lines start a little lower).
    let starting = |t: i64| tops.iter().filter(|&&x| (x - t).abs() <= 1).count();
    let mut tops: Vec<i64> = tops.iter().copied().filter(|&t| starting(t) >= 5).collect();
    tops.dedup_by(|a, b| (*a - *b).abs() <= 1);
    let band = |top: i64| {
        let mut ends: Vec<i64> = (body().filter(|w| (w.0.round() as i64 - top).abs() <= 1))
            .map(|w| w.1.round() as i64)
            .collect();
        ends.sort();
        let foot = (ends.iter())
            .max_by_key(|&&e| (ends.iter().filter(|&&x| x == e).count(), -e))
            .map_or(0.0, |&e| e as f64);
        (top as f64, foot)
    };
    let bands: Vec<(f64, f64)> = tops.iter().map(|&t| band(t)).collect();
    let jumps: Vec<_> = words.iter().filter(|w| w.2 == "（上接第1版）").collect();
    assert!(!jumps.is_empty());
    for j in jumps {
        // The band it stands in: the last to start above it.
        let &(top, foot) = (bands.iter())
            .rfind(|b| b.0 < j.0)
            .unwrap_or_else(|| panic!("no band over {j:?}: {bands:?}"));
        assert!(top < foot && j.1 <= foot + 1.0, "{j:?} in {top}..{foot}");
        let (white_over, white_under) = (j.0 - top, foot - j.1);
        assert!(
            white_over > 9.0 && (white_over - white_under).abs() < 1.5,
            "centred in the band {top}..{foot}: {j:?}"
        );
    }
}

/// Across a wide horizontal module, （上接第M版） stands at the end of the
/// continuation head's line, not under it: the head's top is less than a
/// slot and a half above the jump line's (over two slots when it stood
/// under it).
fn jump_lines_beside_their_heads(pdf: &std::path::Path) {
    let words = words_on(pdf, 2);
    let jumps: Vec<_> = words.iter().filter(|w| w.3 == "（上接第1版）").collect();
    assert!(!jumps.is_empty());
    for j in jumps {
        let head = (words.iter()).find(|w| w.1 < j.0 && w.2 < j.2 && j.2 - w.2 < 18.0);
        assert!(head.is_some(), "no head beside {j:?}: {words:?}");
    }
}

/// Page-12 set vertically: of two make-ups, the one with fewer holes was
/// kept however large they were, a strip of white 9 × 78 ems down the
/// page beside a kicker's column (one hole) against two of 4 × 6. Holes
/// now weigh by their size as well.
#[test]
fn page_12_set_vertically_leaves_no_long_strip_of_white() {
    let line = page_12_vertical_summary();
    // "… (largest W × H ems)"
    let largest = line.split("largest ").nth(1).unwrap_or("0 × 0");
    let size: Vec<u32> = (largest.split(|c: char| !c.is_ascii_digit()))
        .filter_map(|n| n.parse().ok())
        .take(2)
        .collect();
    let area: u32 = size.iter().product();
    assert!(area < 300, "{line}");
}

/// The first slot of every band a module's part takes on `page`, per
/// article (in manifest order), as `--dump-lines` sets them.
fn band_starts(dump: &str, page: u32) -> Vec<Vec<(u32, u32)>> {
    let mut out = Vec::new();
    for article in format!("\n{dump}").split("\n# ").skip(1) {
        let Some(set) = article.split("as set on the page").nth(1) else {
            continue;
        };
        let mut starts = Vec::new();
        let mut band = None;
        for l in set.lines().map(str::trim_start) {
            if let Some(at) = l.strip_prefix("page ") {
                let mut words = at.split(", column ");
                let p: Option<u32> = words.next().and_then(|p| p.parse().ok());
                band = words
                    .next()
                    .and_then(|c| c.parse().ok())
                    .filter(|_| p == Some(page));
            } else if let (Some(column), Some(rest)) = (band.take(), l.strip_prefix("slot")) {
                let slot: u32 = rest.split('│').next().unwrap().trim().parse().unwrap();
                starts.push((column, slot));
            }
        }
        out.push(starts);
    }
    out
}

/// A vertical rest: the continuation head and （上接第1版） stand in its
/// first band, and its other bands start at the module's top. Before,
/// their slots were kept across every band, a strip of white three lines
/// wide down the whole page (a hole of 4 × 115 ems beside the continued
/// article on edition-12's page 13).
#[test]
fn a_vertical_continuation_head_takes_the_first_band_only() {
    let src = root().join("tests/fixtures/gen-vertical-03/fill.toml");
    let args = [src.as_os_str(), "--writing".as_ref(), "vertical".as_ref()];
    let out = run(&[&args[..], &["--dump-lines".as_ref()]].concat());
    assert_ok(&out);
    let dump = String::from_utf8_lossy(&out.stdout);
    // The rests: articles set on page 1 too (not those held over whole).
    let first = band_starts(&dump, 1);
    let rests: Vec<Vec<(u32, u32)>> = (band_starts(&dump, 2).into_iter())
        .zip(first)
        .filter(|(s, on_first)| s.len() >= 2 && !on_first.is_empty())
        .map(|(s, _)| s)
        .collect();
    assert!(rests.len() >= 2, "{rests:?}");
    for bands in &rests {
        let (first, later) = (bands[0].1, &bands[1..]);
        let top = later[0].1;
        assert!(
            later.iter().all(|&(_, slot)| slot == top) && first > top,
            "bands start at the module's top, the first under the head: {bands:?}"
        );
    }
}

/// Page-12 set vertically, with a short note more, continues one article
/// by a few lines (page-12 itself now fits its page: its secondary
/// headlines under the lead's). Such a rest stood on the next page as a
/// strip two lines wide down nine bands, the bands' rules a ladder beside
/// it; it takes the fewest bands it is set whole in, at the page's top,
/// its head and （上接第12版） over it.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_lone_vertical_rest_is_set_in_the_bands_at_the_page_top() {
    need("pdftotext");
    let ex = root().join("examples");
    let page = std::fs::read_to_string(ex.join("page-12.toml")).unwrap();
    let mut m = page.replace("file = \"", &format!("file = \"{}/", ex.display()));
    let note = ex.join("hant-note.md");
    m.push_str(&format!("\n[[article]]\nfile = \"{}\"\n", note.display()));
    let home = tempdir();
    let src = home.path().join("page-12-and-note.toml");
    std::fs::write(&src, m).unwrap();
    let args = [
        src.as_os_str(),
        "--allow-outside".as_ref(),
        "--writing".as_ref(),
        "vertical".as_ref(),
    ];
    let out = run(&[&args[..], &["--dump-lines".as_ref()]].concat());
    assert_ok(&out);
    let dump = String::from_utf8_lossy(&out.stdout);
    let rests: Vec<Vec<(u32, u32)>> = (band_starts(&dump, 13).into_iter())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(
        rests.len(),
        1,
        "one article continued on page 13: {rests:?}"
    );
    assert!(
        rests[0].len() <= 2 && rests[0].iter().all(|&(band, _)| band <= 2),
        "in the top bands: {rests:?}"
    );
    let dir = tempdir();
    let (out, page) = run_into(dir.path(), &args);
    assert_ok(&out);
    let pages = page.pdf_pages();
    assert!(
        pages[1].contains("凌晨一点") && pages[1].contains("上接第"),
        "{}",
        pages[1]
    );
}

/// A serial box pinned across the foot of a page set vertically (the last
/// two bands, from the page's first line): the make-up fills beside it
/// and under it. Before, the pin was read as a module across the page's
/// top and the search placed a module over it (an overlap error).
#[test]
fn a_serial_box_pinned_at_a_vertical_page_foot_is_worked_around() {
    let dir = tempdir();
    let ex = root().join("examples");
    let mut m = String::from("layout = \"broadsheet\"\n[page]\nnumber = 12\nfill = true\n");
    for f in ["page-9/reading-rooms.md", "night-bus.md", "old-lift.md"] {
        let f = ex.join(f);
        m.push_str(&format!("\n[[article]]\nfile = \"{}\"\n", f.display()));
    }
    let serial = ex.join("changhe/0789.md");
    m.push_str(&format!(
        "\n[[article]]\nfile = \"{}\"\nbox = true\ncolumn = 9\ncolumns = 2\nrow = 1\n",
        serial.display()
    ));
    let manifest = dir.path().join("p.toml");
    std::fs::write(&manifest, m).unwrap();
    let pdf = dir.path().join("p.pdf");
    let out = run(&[
        manifest.as_os_str(),
        "--allow-outside".as_ref(),
        "--writing".as_ref(),
        "vertical".as_ref(),
        "--dump-lines".as_ref(),
        "--pdf".as_ref(),
        pdf.as_os_str(),
    ]);
    let stderr = assert_ok(&out);
    let summary = (stderr.lines())
        .find(|l| l.contains("fill:"))
        .expect(&stderr);
    assert!(!summary.contains("placed largest first"), "{summary}");
    // The box's bands, and the lines of its last band: far fewer than the
    // page's 81, the rest of its bands taken by the others.
    let dump = String::from_utf8_lossy(&out.stdout);
    let boxed = band_starts(&dump, 12).pop().unwrap();
    assert_eq!(boxed.len(), 2, "{boxed:?}");
    let filled = summary.split("% of the free band").next().unwrap();
    let filled: u32 = filled.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(filled >= 90, "{summary}");
}

/// tests/fixtures/gen-fresh-v20 (`tools/gen-pages.py DIR 40 --vertical`,
/// set 20, one no round was tuned on), set vertically: a headline of
/// twelve characters without a phrase mark, 腛了的了了一起肶已得了的, is
/// continued. Its continuation head down a band of some five characters
/// was cut to two lines, 腛了的了 | 了一起肶, broken off inside the
/// headline (a compositor's review); it takes the three lines the whole
/// headline needs.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_long_continuation_head_down_a_band_is_not_cut_inside_a_word() {
    let src = root().join("tests/fixtures/gen-fresh-v20/fill.toml");
    let args = [src.as_os_str(), "--writing".as_ref(), "vertical".as_ref()];
    let dir = tempdir();
    let (out, outputs) = run_into(dir.path(), &args);
    assert_ok(&out);
    need("pdftotext");
    let pages = outputs.pdf_pages();
    assert!(pages.len() >= 2, "continued: {}", pages.len());
    let second = squeeze(&pages[1]);
    assert!(
        second.contains("腛了的了了一起肶已得了的"),
        "the whole headline over its rest: {second}"
    );
}
