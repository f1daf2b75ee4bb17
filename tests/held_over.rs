//! A made-up page with far more copy than it holds (tests/fixtures/held-over:
//! eight news articles, 17,000 characters, for a page that holds some
//! 11,000) cuts at most two articles and holds its last-ranked ones over,
//! whole, to the next page (压稿), rather than cut five after a few lines
//! each (before: five jumps, the right half of page 1 a stack of
//! headlines over stubs).

mod common;

use std::ffi::OsStr;

use common::*;

/// The held articles are set on page 2 as articles of their own: their
/// headlines, all their text, no jump lines; the two cut ones jump with
/// both lines; stderr names the held ones at their manifest lines.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_full_page_holds_its_last_articles_over_whole_rather_than_cut_a_third() {
    let dir = tempdir();
    let src = root().join("tests/fixtures/held-over/fill.toml");
    let paras = dir.path().join("p.txt");
    let args: [&OsStr; 3] = [src.as_os_str(), "--paragraphs".as_ref(), paras.as_os_str()];
    let (out, outputs) = run_into(dir.path(), &args);
    let stderr = assert_ok(&out);
    let held: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("is held over"))
        .collect();
    assert_eq!(held.len(), 2, "{stderr}");
    // The last two of the manifest's eight (a6.md, a7.md at lines 25, 28).
    assert!(held[0].contains("fill.toml:25:8:"), "{stderr}");
    assert!(held[1].contains("fill.toml:28:8:"), "{stderr}");
    assert!(held[0].contains("held over whole to page 2"), "{stderr}");
    let page1 = stderr.lines().find(|l| l.contains("fill: ")).unwrap_or("");
    assert!(page1.contains("2 article(s) held over whole"), "{page1}");
    assert!(page1.contains(" 2 article(s) continued"), "{page1}");
    need("pdftotext");
    let pages: Vec<String> = outputs.pdf_pages().iter().map(|p| squeeze(p)).collect();
    assert_eq!(pages.len(), 2);
    // Two jumps each way, none for the held articles.
    assert_eq!(pages[0].matches("（下转第2版）").count(), 2, "{}", pages[0]);
    assert_eq!(pages[1].matches("（上接第1版）").count(), 2, "{}", pages[1]);
    // Every paragraph of a held article on page 2, none on page 1.
    for file in ["a6.md", "a7.md"] {
        let text = std::fs::read_to_string(src.with_file_name(file)).unwrap();
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title = \""))
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or_else(|| panic!("{file} has a title"));
        assert!(!pages[0].contains(&squeeze(title)), "{title} on page 1");
        assert!(pages[1].contains(&squeeze(title)), "{title} not on page 2");
        let body = text.split("+++").nth(2).unwrap_or("");
        for para in body.lines().map(str::trim).filter(|l| l.len() > 30) {
            let p = squeeze(para.trim_start_matches('#').trim());
            assert!(pages[1].contains(&p), "{file}: {p} not on page 2");
        }
    }
    // Nothing lost: every listed paragraph begins and ends in the PDF
    // (a cut one runs over the page turn, its halves apart).
    let all = pages.concat();
    let listed = std::fs::read_to_string(&paras).unwrap();
    for p in listed.lines() {
        let p: Vec<char> = squeeze(p).chars().collect();
        let ends = [&p[..p.len().min(8)], &p[p.len().saturating_sub(8)..]];
        for end in ends.map(|e| e.iter().collect::<String>()) {
            assert!(all.contains(&end), "lost: {end}");
        }
    }
    assert!(listed.lines().count() > 150);
}

/// With `--no-continue` nothing is held or cut: the overfull page is an
/// error naming an article, and no PDF is written.
#[test]
fn no_continue_holds_nothing_over() {
    let dir = tempdir();
    let src = root().join("tests/fixtures/held-over/fill.toml");
    let pdf = dir.path().join("p.pdf");
    let out = run(&[
        src.as_os_str(),
        "--no-continue".as_ref(),
        "--pdf".as_ref(),
        pdf.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(!stderr.contains("held over"), "{stderr}");
    assert!(stderr.contains("fill.toml:"), "{stderr}");
    assert!(!pdf.exists());
}

/// Holding spares a page its stubs, not adds a page: where the article a
/// page held over is cut again on the page it went to, onto a page of its
/// own (tests/fixtures/held-cut-again, set vertically: page 1 held one
/// article, page 2 cut it, page 3 held 39 lines of it), the edition is set
/// without holding and keeps the two pages.
#[test]
fn holding_that_would_add_a_page_is_not_kept() {
    let dir = tempdir();
    let src = root().join("tests/fixtures/held-cut-again/fill.toml");
    let args: [&OsStr; 3] = [src.as_os_str(), "--writing".as_ref(), "vertical".as_ref()];
    let (out, outputs) = run_into(dir.path(), &args);
    let stderr = assert_ok(&out);
    assert!(!stderr.contains("held over"), "{stderr}");
    assert!(stderr.contains("continued on page 2\n"), "{stderr}");
    assert!(!stderr.contains("page 3"), "{stderr}");
    assert_eq!(outputs.pdf_pages().len(), 2);
}

/// The page manifest `tests/fixtures/{name}` set without error in a
/// temporary directory (kept while the first is alive): its stderr and
/// outputs.
fn set_fixture(name: &str) -> (tempfile::TempDir, String, Outputs) {
    let dir = tempdir();
    let src = root().join("tests/fixtures").join(name);
    let (out, outputs) = run_into(dir.path(), &[src.as_os_str()]);
    let stderr = assert_ok(&out);
    (dir, stderr, outputs)
}

/// The share of the grid the summary gives page `number`, and its line.
fn page_share(stderr: &str, number: u32) -> (u32, String) {
    let line = (stderr.lines())
        .find(|l| l.contains(&format!("page {number}: ")) && l.contains("of the grid in modules"))
        .unwrap_or_else(|| panic!("page {number}'s summary in {stderr}"));
    let share = (line.split("% of the grid").next())
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|s| s.parse().ok())
        .expect("a share of the grid");
    (share, line.to_string())
}

/// A vertical serial box the make-up finds no page for (five columns of a
/// broadsheet's eight fill no band: tests/fixtures/gen-tiers-10/solo.toml)
/// takes the depth its text takes at its columns, not the page's. Placed
/// as written it stood the page's depth, its text in a sliver at the head
/// of each tier (62 % of the grid in modules, a hole of 4 × 7 ems; gen-pages
/// --tiers set10's page 2 so, the serial held over to it alone).
#[test]
fn a_box_the_make_up_cannot_place_takes_its_texts_depth_not_the_pages() {
    let (_dir, stderr, _) = set_fixture("gen-tiers-10/solo.toml");
    assert!(stderr.contains("no arrangement"), "{stderr}");
    let (share, line) = page_share(&stderr, 1);
    // Five columns of eight, one tier of the page's five or six.
    assert!(share < 25, "{line}");
    assert!(line.contains("no holes"), "{line}");
}

/// A serial box the manifest places at a column stays on its page: the
/// page holds or jumps a story instead (tests/fixtures/gen-tiers-10,
/// `tools/gen-pages.py --tiers` set 10: the serial, last in the manifest,
/// was held over whole to page 2, where a compositor's review looked for
/// it on page 1).
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_serial_placed_at_a_column_is_not_held_over() {
    let (_dir, stderr, outputs) = set_fixture("gen-tiers-10/fill.toml");
    // The serial is the manifest's line 25.
    let held = |l: &&str| l.contains("fill.toml:25:8:") && l.contains("held over");
    assert!(!stderr.lines().any(|l| held(&l)), "{stderr}");
    let pages: Vec<String> = outputs.pdf_pages().iter().map(|p| squeeze(p)).collect();
    assert!(pages[0].contains("雨夜的来信"), "{}", pages[0]);
}

/// No story is jumped after a stub: each article continued from page 1
/// keeps an eighth of its text there or more (tests/fixtures/gen-stubs-13,
/// `tools/gen-pages.py` set 13: two stories were each a headline and a
/// picture over nine lines, a tenth of their text, and a jump line; the
/// make-up's test by lines across the columns passed them, its rows say a
/// ninth).
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn no_story_is_jumped_after_a_stub() {
    let (_dir, stderr, outputs) = set_fixture("gen-stubs-13/fill.toml");
    let src = root().join("tests/fixtures/gen-stubs-13/fill.toml");
    need("pdftotext");
    let manifest = std::fs::read_to_string(&src).unwrap();
    let page1 = squeeze(&outputs.pdf_pages()[0]);
    let cut: Vec<&str> = (stderr.lines())
        .filter(|l| l.contains("continues on"))
        .collect();
    assert!(!cut.is_empty(), "{stderr}");
    for line in cut {
        // Its `file = "…"` line in the manifest.
        let at: usize = (line.split("fill.toml:").nth(1))
            .and_then(|s| s.split(':').next()?.parse().ok())
            .expect("a manifest line");
        let file = (manifest.lines().nth(at - 1))
            .and_then(|l| l.split('"').nth(1))
            .expect("a file");
        let text = std::fs::read_to_string(src.with_file_name(file)).unwrap();
        let body = text.split("+++").nth(2).unwrap_or("");
        let paras: Vec<String> = (body.split("\n\n"))
            .filter(|p| !p.trim().is_empty() && !p.trim().starts_with("!["))
            .map(squeeze)
            .collect();
        let chars = |p: &String| p.chars().count();
        let total: usize = paras.iter().map(chars).sum();
        // A paragraph begun on page 1 counts whole: the share is at most this.
        let begun = |p: &&String| page1.contains(&p.chars().take(10).collect::<String>());
        let kept: usize = paras.iter().filter(begun).map(chars).sum();
        assert!(
            kept * 8 >= total,
            "{file}: {kept} of {total} characters on page 1"
        );
    }
}
