//! The optional OCR engine on a page typeset renders: the example news
//! item set as a PDF, rasterised at 300 dpi, read by Tesseract (chi_sim)
//! through `typeset clean PAGE.png`, and the same structure stage run on
//! the text it read. Ignored where Tesseract, its chi_sim data or pdftoppm
//! is not installed (OCR is optional), except under TYPESET_REQUIRE_TOOLS
//! (CI), where their absence fails.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

use super::common::{assert_ok, bin, need, need_with, root, run, tempdir};

/// Typesets `example` (with `args`) as a PDF, rasterises it at 300 dpi and
/// runs `typeset clean page.png -o out/` on it; returns the folder and
/// out/.
fn read_page(example: &str, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    need("pdftoppm");
    need_with("tesseract", "--version");
    let dir = tempdir();
    let pdf = dir.path().join("page.pdf");
    let md = root().join(example);
    let mut all = vec![md.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    all.extend(["--pdf".as_ref(), pdf.as_os_str()]);
    assert_ok(&run(&all));
    let o = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(dir.path().join("page"))
        .output()
        .expect("pdftoppm");
    assert!(o.status.success());
    let out = dir.path().join("out");
    let o = bin()
        .arg("clean")
        .arg(dir.path().join("page.png"))
        .arg("-o")
        .arg(format!("{}/", out.display()))
        .output()
        .expect("typeset clean");
    assert_ok(&o);
    (dir, out)
}

#[cfg_attr(
    any(no_pdftoppm, no_tesseract),
    ignore = "needs pdftoppm (poppler-utils) and tesseract with chi_sim (tesseract-ocr-chi-sim); TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn a_rendered_page_read_by_tesseract() {
    let (dir, out) = read_page("examples/bridge-news.md", &[]);
    let article = std::fs::read_to_string(out.join("page.md")).expect("article");
    assert!(article.contains("立交改造完工"), "{article}");
    assert!(article.contains("source = \"本报讯\""), "{article}");
    assert!(
        article.contains("byline = \"本报记者 何思远\""),
        "{article}"
    );
    assert!(article.contains("kicker = \"城建快讯\""), "{article}");
    // The text Tesseract read, cleaned as text, gives the same article.
    let text = out.join("page.ocr.txt");
    let again = dir.path().join("again.md");
    let o = bin()
        .arg("clean")
        .arg(&text)
        .arg("-o")
        .arg(&again)
        .output()
        .expect("typeset clean");
    assert_ok(&o);
    assert_eq!(std::fs::read_to_string(&again).expect("article"), article);
}

/// A bold section head Tesseract drops at 300 dpi (四、不只是一顿饭 on
/// elder-canteen's page: `tesseract PAGE.png stdout -l chi_sim` has no
/// line of it) is read on the page scaled to half and put into the text
/// after the line above it in its column.
#[cfg_attr(
    any(no_pdftoppm, no_tesseract),
    ignore = "needs pdftoppm (poppler-utils) and tesseract with chi_sim (tesseract-ocr-chi-sim); TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn a_bold_head_lost_at_full_size_is_read_at_half_size() {
    let (_dir, out) = read_page("examples/elder-canteen.md", &["--writing", "horizontal"]);
    let text = std::fs::read_to_string(out.join("page.ocr.txt")).expect("OCR text");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let head = lines
        .iter()
        .position(|l| l.replace(' ', "") == "四、不只是一顿饭")
        .unwrap_or_else(|| panic!("the head is not in the OCR text:\n{text}"));
    // In its column, under the text above it (…的三分之一。), once.
    assert!(lines[head - 1].contains("三分之一"), "{}", lines[head - 1]);
    assert_eq!(text.matches("不只是一顿饭").count(), 1, "{text}");
    let article = std::fs::read_to_string(out.join("page.md")).expect("article");
    assert!(article.contains("## 四、不只是一顿饭"), "{article}");
}

/// market-renewal's page: Tesseract reads the kicker after the headline
/// and deck, each a block of its own. Their boxes tell their type size
/// and place: the headline is marked `#`, the deck `##`, the kicker goes
/// over them (src/clean/ocr_display.rs), and the three are the front
/// matter (marked but left where Tesseract read it, the kicker under the
/// deck was taken for the deck, the deck for the headline).
#[cfg_attr(
    any(no_pdftoppm, no_tesseract),
    ignore = "needs pdftoppm (poppler-utils) and tesseract with chi_sim (tesseract-ocr-chi-sim); TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn display_type_is_marked_by_its_boxes_and_put_in_order() {
    let (_dir, out) = read_page("examples/market-renewal.md", &["--writing", "horizontal"]);
    let text = std::fs::read_to_string(out.join("page.ocr.txt")).expect("OCR text");
    // The page's running head repeats the headline, unmarked.
    let kicker = text.lines().position(|l| l.contains("老城更新观察"));
    let title = text
        .lines()
        .position(|l| l.starts_with("# ") && l.contains("改了三年才开门"));
    assert!(
        kicker.is_some() && title.is_some() && kicker < title,
        "{text}"
    );
    let article = std::fs::read_to_string(out.join("page.md")).expect("article");
    assert!(article.contains("kicker = \"老城更新观察\""), "{article}");
    assert!(
        article.contains("title = \"城南菜市场　改了三年才开门\""),
        "{article}"
    );
    assert!(article.contains("deck = \"摊位少了四十个"), "{article}");
}
