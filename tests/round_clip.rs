//! A figure the text wraps round is drawn clipped to its circle: the
//! lines beside it reach into the corners of the picture's box, where the
//! picture's own background (the badge's white square) was drawn over
//! their ends (examples/page-9.toml: 现在书房就在 / 她家楼下的 showed as
//! 现在书房 / 她家楼下 on edition-12's page 12, a compositor's review found).

mod common;

use std::ffi::OsStr;
use std::process::Command;

use common::*;

/// The boxes (x, y, width, height, in points) of an SVG page's square
/// `<image>`s (the badges the text wraps round).
fn square_images(svg: &str) -> Vec<(f64, f64, f64, f64)> {
    let tags = svg.split("<image ").skip(1);
    let boxes = tags.map(|tag| {
        let tag = format!(" {tag}");
        let attr = |name: &str| -> f64 {
            let from = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
            let to = from + tag[from..].find('"').expect("a closed value");
            tag[from..to].parse().expect("a number")
        };
        (attr(" x"), attr(" y"), attr(" width"), attr(" height"))
    });
    boxes.filter(|b| (b.2 - b.3).abs() < 0.5).collect()
}

#[cfg_attr(
    any(no_pdftotext, no_pdftoppm),
    ignore = "needs pdftotext and pdftoppm (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn text_in_a_round_figures_corners_is_not_drawn_over() {
    need("pdftotext");
    need("pdftoppm");
    let dir = tempdir();
    let src = root().join("examples/edition-12.toml");
    let svg = dir.path().join("svg");
    let args = [src.as_os_str(), OsStr::new("--svg"), svg.as_os_str()];
    let (out, outputs) = run_into(dir.path(), &args);
    assert_ok(&out);
    let page = std::fs::read_to_string(svg.join("edition-12-001.svg")).expect("the SVG page");
    // The PDF at 72 dpi: a pixel a point.
    let png = dir.path().join("p");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "72", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&outputs.pdf)
        .arg(&png)
        .status()
        .expect("pdftoppm");
    assert!(status.success());
    let img = image::open(png.with_extension("png"))
        .expect("the page")
        .to_luma8();
    let all = word_boxes(&outputs.pdf, 1);
    let mut seen = 0;
    for (x, y, w, h) in square_images(&page) {
        let (cx, cy, r) = (x + w / 2.0, y + h / 2.0, w.min(h) / 2.0);
        // Words reaching into the box by most of a character (not the
        // blank half of a comma's em), their ink looked for outside the
        // circle (a point clear of it): the picture draws nothing there.
        let into = |b: &&WordBox| {
            let em = 0.6 * (b.y_max - b.y_min);
            b.x_max.min(x + w) - b.x_min.max(x) > em && b.y_max.min(y + h) - b.y_min.max(y) > em
        };
        for b in all.iter().filter(into) {
            seen += 1;
            let (x0, x1) = (b.x_min.max(x) as u32, b.x_max.min(x + w) as u32);
            let (y0, y1) = (b.y_min.max(y) as u32, b.y_max.min(y + h) as u32);
            let ink = (y0..y1)
                .flat_map(|py| (x0..x1).map(move |px| (px, py)))
                .filter(|&(px, py)| {
                    let (dx, dy) = (px as f64 + 0.5 - cx, py as f64 + 0.5 - cy);
                    (dx * dx + dy * dy).sqrt() > r + 1.0
                })
                .filter(|&(px, py)| img.get_pixel(px, py).0[0] < 128)
                .count();
            assert!(ink > 0, "{} drawn over by the figure: {b:?}", b.text);
        }
    }
    assert!(seen > 0, "no text reaches into a round figure's box");
}
