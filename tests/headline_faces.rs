//! Two headlines of one size that meet on one line — side by side across
//! the columns, or on a vertical page one under the other down one axis —
//! read as one headline (撞题). The make-up sets one of them in its
//! alternate face (a bold Song, 标宋, beside the headlines' bold Hei), as
//! a compositor does.

mod common;

use common::*;

/// The share of `img`'s pixels (at 72 dpi: a pixel a point) inside `w`
/// that are ink.
fn ink(img: &image::GrayImage, w: &WordBox) -> f64 {
    let (mut dark, mut all) = (0u32, 0u32);
    for y in (w.y_min as u32)..(w.y_max as u32).min(img.height()) {
        for x in (w.x_min as u32)..(w.x_max as u32).min(img.width()) {
            all += 1;
            dark += u32::from(img.get_pixel(x, y).0[0] < 128);
        }
    }
    f64::from(dark) / f64::from(all.max(1))
}

/// examples/page-12.toml set vertically: the lead story's headline
/// (「城市书房」越开越多…) ran straight on into 六楼的电梯 等了四年 under it,
/// on the same axis at nearly its size (40.7 and 38.2 pt), both in the
/// bold Hei. The second is now in the bold Song: less ink, and the Song's
/// own font in the PDF.
#[cfg_attr(
    any(no_pdftotext, no_pdftoppm, no_pdffonts),
    ignore = "needs pdftotext, pdftoppm and pdffonts (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn a_headline_down_the_axis_of_the_leads_is_set_in_the_bold_song() {
    need("pdftotext");
    need("pdftoppm");
    need("pdffonts");
    let dir = tempdir();
    let pdf = dir.path().join("p.pdf");
    let src = root().join("examples/page-12.toml");
    let args = [src.as_os_str(), "--writing".as_ref(), "vertical".as_ref()];
    let out = run(&[&args[..], &["--pdf".as_ref(), pdf.as_os_str()]].concat());
    let said = assert_ok(&out);
    // The page's summary says so.
    assert!(
        said.contains("1 headline(s) set in their alternate face beside one of their size (撞题)"),
        "{said}"
    );
    let words = word_boxes(&pdf, 1);
    let find =
        |t: &str| (words.iter().find(|w| w.text.contains(t))).unwrap_or_else(|| panic!("{t}"));
    let (lead, under) = (find("越开越多"), find("六楼的电梯"));
    // One under the other, on one axis.
    let across = lead.x_max.min(under.x_max) - lead.x_min.max(under.x_min);
    assert!(
        across > 30.0 && under.y_min > lead.y_max,
        "{lead:?} over {under:?}"
    );
    let img = pdftoppm_page(&pdf, 1, 72, &dir.path().join("p"));
    let (a, b) = (ink(&img, lead), ink(&img, under));
    // The bold Song has about three quarters of the bold Hei's ink
    // (0.150 against 0.203); the same face, as much.
    assert!(
        b < a * 0.85,
        "ink of the headline under the lead's {b:.3} against {a:.3}: one face"
    );
    // And it is the bundled bold Song (fonts/NotoSerifCJKsc-Bold.otf).
    let fonts = pdffonts(&pdf);
    assert!(fonts.contains("NotoSerifCJKsc-Bold"), "{fonts}");
}
