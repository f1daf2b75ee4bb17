//! Reference images: a few paragraphs full of punctuation, set in one
//! 13-character column under each punctuation scheme, rendered with
//! pdftoppm and compared with PNGs in tests/refs/ that were checked by eye.
//! A missing reference fails the test; TYPESET_BLESS=1 writes the
//! references from this run (look at them before committing).

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

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

fn render(pdf: &Path, png_prefix: &Path) -> std::path::PathBuf {
    let out = Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            "100",
            "-gray",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
        ])
        .arg(pdf)
        .arg(png_prefix)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    png_prefix.with_extension("png")
}

/// Share of pixels that differ clearly between two grey images.
fn difference(a: &Path, b: &Path) -> f64 {
    let a = image::open(a).unwrap().to_luma8();
    let b = image::open(b).unwrap().to_luma8();
    assert_eq!(a.dimensions(), b.dimensions(), "image size changed");
    let differing = a
        .pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0[0].abs_diff(q.0[0]) > 48)
        .count();
    differing as f64 / (a.width() * a.height()) as f64
}

#[cfg_attr(no_pdftoppm, ignore = "pdftoppm (poppler-utils) is not installed")]
#[test]
fn punctuation_schemes_match_their_reference_images() {
    if !have("pdftoppm") {
        return;
    }
    let dir = tempdir();
    for scheme in ["quanjiao", "kaiming", "banjiao", "centred"] {
        let lay = dir.path().join(format!("{scheme}.toml"));
        std::fs::write(&lay, layout(scheme)).unwrap();
        let pdf = dir.path().join(format!("{scheme}.pdf"));
        let out = run(&[
            root().join("tests/fixtures/punctuation.md").as_os_str(),
            OsStr::new("--pdf"),
            pdf.as_os_str(),
            OsStr::new("--layout"),
            lay.as_os_str(),
        ]);
        assert_ok(&out);
        let png = render(&pdf, &dir.path().join(scheme));
        let reference = root().join(format!("tests/refs/punctuation-{scheme}.png"));
        if blessing() {
            std::fs::copy(&png, &reference).unwrap();
            eprintln!(
                "wrote {}: look at it before committing",
                reference.display()
            );
            continue;
        }
        assert!(
            reference.exists(),
            "{} is missing: write it with `{BLESS}=1 cargo test --test refs`, look at it, and commit it",
            reference.display()
        );
        let d = difference(&png, &reference);
        if d >= 0.002 {
            let actual = actual_dir("refs-actual").join(format!("punctuation-{scheme}.png"));
            std::fs::copy(&png, &actual).unwrap();
            panic!(
                "{scheme}: {:.3}% of pixels differ from {}; this run's image is {} (compare the two; if the new one is right, `{BLESS}=1 cargo test --test refs`)",
                d * 100.0,
                reference.display(),
                actual.display()
            );
        }
    }
}
