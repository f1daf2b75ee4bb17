//! The print-shop edition: PDF/X structure checked here, since veraPDF is
//! not available: output intent with a CMYK ICC profile, trim and bleed
//! boxes on every page, marks outside the trim, no RGB in text, rules or
//! images, fonts embedded, XMP naming the standard; for PDF/X-1a no
//! transparency.

mod common;

use std::ffi::OsStr;
use std::process::Command;

use common::*;

/// The PDF decompressed (qpdf --qdf) as text.
fn qdf(pdf: &std::path::Path) -> String {
    let out = pdf.with_extension("qdf.pdf");
    let s = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&out)
        .status()
        .unwrap();
    assert!(s.success());
    String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned()
}

fn print(standard: &str, dir: &std::path::Path) -> std::path::PathBuf {
    // The feature has a PNG figure: it must come out CMYK.
    let pdf = dir.join(format!("{standard}.pdf"));
    let out = run(&[
        root().join("examples/night-bus.md").as_os_str(),
        OsStr::new("--pdf"),
        pdf.as_os_str(),
        OsStr::new("--print"),
        OsStr::new(standard),
    ]);
    assert_ok(&out);
    pdf
}

#[cfg_attr(
    any(no_qpdf, no_gs),
    ignore = "needs qpdf and gs (ghostscript); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn pdfx4_structure() {
    need("qpdf");
    let dir = tempdir();
    let pdf = print("x4", dir.path());
    let raw = std::fs::read(&pdf).unwrap();
    assert!(raw.starts_with(b"%PDF-1.6"), "PDF/X-4 is built on PDF 1.6");
    let q = qdf(&pdf);
    assert!(
        q.contains("/OutputIntents")
            && q.contains("/S /GTS_PDFX")
            && q.contains("/OutputConditionIdentifier (FOGRA39)")
    );
    assert!(
        q.contains("/DestOutputProfile") && q.contains("/N 4"),
        "a CMYK ICC profile"
    );
    let pages = q.matches("/Type /Page\n").count();
    assert!(pages >= 1);
    assert_eq!(
        q.matches("/TrimBox").count(),
        pages,
        "a TrimBox on every page"
    );
    assert_eq!(
        q.matches("/BleedBox").count(),
        pages,
        "a BleedBox on every page"
    );
    assert!(
        q.contains("pdfxid:GTS_PDFXVersion>PDF/X-4<") || q.contains("GTS_PDFXVersion=\"PDF/X-4\""),
        "XMP names PDF/X-4"
    );
    assert!(q.contains("/Trapped /False"));
    // No RGB anywhere: no rg/RG operators, no DeviceRGB images.
    for line in q.lines() {
        let ops: Vec<&str> = line.split_whitespace().collect();
        assert!(
            !matches!(ops.last(), Some(&"rg") | Some(&"RG")),
            "RGB colour: {line}"
        );
    }
    assert!(!q.contains("/DeviceRGB"), "images are CMYK");
    assert!(q.contains("/DeviceCMYK"));
    let fonts = pdffonts(&pdf);
    assert!(
        fonts
            .lines()
            .skip(2)
            .all(|l| l.split_whitespace().rev().nth(4) == Some("yes")),
        "{fonts}"
    );
    // Ghostscript renders it (CI installs ghostscript).
    need("gs");
    let png = dir.path().join("p.png");
    let s = Command::new("gs")
        .args([
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-sDEVICE=png16m",
            "-r20",
            "-dFirstPage=1",
            "-dLastPage=1",
        ])
        .arg(format!("-sOutputFile={}", png.display()))
        .arg(&pdf)
        .status()
        .unwrap();
    assert!(s.success() && png.is_file());
}

#[cfg_attr(no_qpdf, ignore = "needs qpdf; TYPESET_REQUIRE_TOOLS=1 requires it")]
#[test]
fn pdfx1a_has_no_transparency() {
    need("qpdf");
    let dir = tempdir();
    let pdf = print("x1a", dir.path());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-1.4"));
    let q = qdf(&pdf);
    assert!(q.contains("/GTS_PDFXVersion (PDF/X-1a:2003)"));
    assert!(
        !q.contains("/SMask") && !q.contains("/CA ") && !q.contains("/ca "),
        "no transparency"
    );
    assert!(!q.contains("/DeviceRGB"));
}

#[test]
fn print_needs_a_date() {
    let dir = tempdir();
    let src = dir.path().join("a.md");
    std::fs::write(&src, "+++\ntitle = \"t\"\n+++\n正文。\n").unwrap();
    let out = run(&[src.as_os_str(), OsStr::new("--pdf"), OsStr::new("--print")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a creation date"));
    assert!(!dir.path().join("a.pdf").exists());
}
