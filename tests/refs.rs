//! Reference images, rendered by typeset's own PNG output (`--png DIR
//! --dpi N`) and compared with the grey PNGs in tests/refs/ that were
//! checked by eye: a few paragraphs full of punctuation set in one
//! 13-character column under each punctuation scheme; a whole newspaper
//! page (page-7); the vertical serial in its box and the round wrap of
//! page-9. pdftoppm renders the same PDFs as an independent cross-check
//! (a test of its own, ignored where pdftoppm is not installed unless
//! TYPESET_REQUIRE_TOOLS is set). A missing reference fails the test;
//! TYPESET_BLESS=1 writes the references from this run (look at them
//! before committing).

mod common;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use common::*;

/// A small page: one column of 13 characters at 10 pt, the feature layout
/// with only these values changed.
fn layout(scheme: &str) -> String {
    format!(
        "extends = \"feature\"\n\
         [page]\n\
         width = \"62mm\"\n\
         height = \"150mm\"\n\
         margin_top = \"14mm\"\n\
         margin_bottom = \"10mm\"\n\
         margin_side = \"5mm\"\n\
         [grid]\n\
         columns = 1\n\
         [text]\n\
         punctuation = \"{scheme}\"\n\
         [styles.headline]\n\
         size = \"14pt\"\n"
    )
}

/// Part of a page, in points from its top left corner.
#[derive(Clone, Copy)]
struct Crop {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// One reference: what to build, at what resolution, which part of the
/// first page.
struct Case {
    name: String,
    args: Vec<OsString>,
    dpi: u32,
    crop: Option<Crop>,
}

fn cut(img: &image::GrayImage, crop: Option<Crop>, dpi: u32) -> image::GrayImage {
    let Some(c) = crop else {
        return img.clone();
    };
    let px = |v: f64| (v * f64::from(dpi) / 72.0).round() as u32;
    image::imageops::crop_imm(img, px(c.x), px(c.y), px(c.w), px(c.h)).to_image()
}

/// Builds the case's PDF and PNG pages; the first page from each, cut.
fn render(case: &Case, dir: &Path) -> (image::GrayImage, PathBuf) {
    let pdf = dir.join(format!("{}.pdf", case.name));
    let pngs = dir.join(format!("{}-png", case.name));
    let dpi = case.dpi.to_string();
    let mut args: Vec<&OsStr> = case.args.iter().map(OsString::as_os_str).collect();
    let tail = [
        OsStr::new("--pdf"),
        pdf.as_os_str(),
        OsStr::new("--png"),
        pngs.as_os_str(),
        OsStr::new("--dpi"),
        OsStr::new(&dpi),
    ];
    args.extend(tail);
    assert_ok(&run(&args));
    let first = std::fs::read_dir(&pngs)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("-001.png"))
        .expect("the first page's PNG");
    (cut(&grey(&first), case.crop, case.dpi), pdf)
}

/// Compares a case with its reference (or writes it when blessing).
fn check(case: &Case, dir: &Path) {
    let (png, _) = render(case, dir);
    let reference = root().join(format!("tests/refs/{}.png", case.name));
    if blessing() {
        png.save(&reference).unwrap();
        eprintln!(
            "wrote {}: look at it before committing",
            reference.display()
        );
        return;
    }
    assert!(
        reference.exists(),
        "{} is missing: write it with `{BLESS}=1 cargo test --test refs`, look at it, and commit it",
        reference.display()
    );
    let d = pixel_difference(&png, &grey(&reference), 0);
    if d >= 0.002 {
        let actual = actual_dir("refs-actual").join(format!("{}.png", case.name));
        png.save(&actual).unwrap();
        panic!(
            "{}: {:.3}% of pixels differ from {}; this run's image is {} (compare the two; if the new one is right, `{BLESS}=1 cargo test --test refs`)",
            case.name,
            d * 100.0,
            reference.display(),
            actual.display()
        );
    }
}

/// Compares pdftoppm's rendering of a case's PDF with typeset's PNG.
fn check_with_pdftoppm(case: &Case, dir: &Path) {
    let (png, pdf) = render(case, dir);
    let poppler = cut(
        &pdftoppm_page(
            &pdf,
            1,
            case.dpi,
            &dir.join(format!("{}-poppler", case.name)),
        ),
        case.crop,
        case.dpi,
    );
    // At these low resolutions a glyph is a few pixels, and the two
    // rasterisers' anti-aliasing differs more than at 100 dpi (where
    // tests/render.rs holds them to 1%): this catches gross errors.
    let d = poppler_difference(&png, &poppler);
    assert!(
        d < 0.025,
        "{}: pdftoppm's rendering of the PDF differs from typeset's PNG in {:.3}% of pixels",
        case.name,
        d * 100.0
    );
}

/// Each punctuation scheme on the same paragraphs, its layout written
/// into `dir`.
fn punctuation_cases(dir: &Path) -> Vec<Case> {
    let article = root().join("tests/fixtures/punctuation.md");
    ["quanjiao", "kaiming", "banjiao", "centred"]
        .into_iter()
        .map(|scheme| {
            let lay = dir.join(format!("{scheme}.toml"));
            std::fs::write(&lay, layout(scheme)).unwrap();
            Case {
                name: format!("punctuation-{scheme}"),
                args: vec![article.clone().into(), "--layout".into(), lay.into()],
                dpi: 100,
                crop: None,
            }
        })
        .collect()
}

fn page_case() -> Case {
    Case {
        name: "page-7".into(),
        args: vec![root().join("examples/page-7.toml").into()],
        dpi: 30,
        crop: None,
    }
}

fn page_9_cases() -> [Case; 2] {
    let page: OsString = root().join("examples/page-9.toml").into();
    [
        // The serial's box at the page's foot, set vertically in tiers.
        Case {
            name: "vertical-box".into(),
            args: vec![page.clone()],
            dpi: 60,
            crop: Some(Crop {
                x: 50.0,
                y: 500.0,
                w: 335.0,
                h: 540.0,
            }),
        },
        // The round badge with the text wrapped around its circle.
        Case {
            name: "round-wrap".into(),
            args: vec![page],
            dpi: 100,
            crop: Some(Crop {
                x: 295.0,
                y: 300.0,
                w: 195.0,
                h: 200.0,
            }),
        },
    ]
}

#[test]
fn punctuation_schemes_match_their_reference_images() {
    let dir = tempdir();
    for case in punctuation_cases(dir.path()) {
        check(&case, dir.path());
    }
}

#[test]
fn a_newspaper_page_matches_its_reference_image() {
    let dir = tempdir();
    check(&page_case(), dir.path());
}

#[test]
fn a_vertical_box_and_a_round_wrap_match_their_reference_images() {
    let dir = tempdir();
    for case in page_9_cases() {
        check(&case, dir.path());
    }
}

#[cfg_attr(
    no_pdftoppm,
    ignore = "needs pdftoppm (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn pdftoppm_renders_every_reference_case_as_typeset_does() {
    need("pdftoppm");
    let dir = tempdir();
    let mut cases = punctuation_cases(dir.path());
    cases.push(page_case());
    cases.extend(page_9_cases());
    for case in &cases {
        check_with_pdftoppm(case, dir.path());
    }
}
