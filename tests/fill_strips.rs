//! A made-up page continues no article whose text fits it whole: where
//! only a shallow module (a strip, which the search leaves out of its
//! first choices) sets every article whole, the strip is taken before a
//! continuation (tests/fixtures/strips: examples/page-9.toml with
//! `fill = true`). Before, the search continued the serial and the second
//! news story onto two more pages, the page 70 % filled, where the
//! largest-first placement of the same articles sets all of them on it.

mod common;

use std::ffi::OsStr;

use common::*;

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_strip_comes_before_a_continuation() {
    let src = root().join("tests/fixtures/strips/page.toml");
    let dir = tempdir();
    // Its articles are the examples' own, outside its folder.
    let args = [src.as_os_str(), OsStr::new("--allow-outside")];
    let (out, outputs) = run_into(dir.path(), &args);
    let stderr = assert_ok(&out);
    assert!(!stderr.contains("does not fit"), "{stderr}");
    assert!(stderr.contains("0 article(s) continued"), "{stderr}");
    need("pdftotext");
    let pages = outputs.pdf_pages();
    assert_eq!(pages.len(), 1, "{stderr}");
    // The short item as a strip across three columns: its headline and
    // its last words on the page.
    let flat = squeeze(&pages[0]);
    for words in [
        "一张读者证",
        "逾期期间不能借阅新书。",
        "一屋子人为了一本书坐在一起。",
    ] {
        assert!(flat.contains(&squeeze(words)), "{words} missing:\n{flat}");
    }
}
