//! Marks the external tools that some integration tests need (poppler,
//! qpdf, Ghostscript, Java for epubcheck) when they are not installed, so
//! that those tests are reported as ignored, with the reason, instead of
//! passing without checking anything. With TYPESET_REQUIRE_TOOLS set (CI
//! sets it) nothing is marked: the tests run and a missing tool fails them.

use std::process::Command;

/// (program, the cfg set when it is missing).
const TOOLS: [(&str, &str); 6] = [
    ("pdftotext", "no_pdftotext"),
    ("pdffonts", "no_pdffonts"),
    ("pdftoppm", "no_pdftoppm"),
    ("qpdf", "no_qpdf"),
    ("gs", "no_gs"),
    ("java", "no_java"),
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=TYPESET_REQUIRE_TOOLS");
    println!("cargo::rerun-if-env-changed=PATH");
    // A tool installed later changes these folders, and so runs this again.
    for dir in ["/usr/bin", "/usr/local/bin"] {
        if std::path::Path::new(dir).is_dir() {
            println!("cargo::rerun-if-changed={dir}");
        }
    }
    let required = std::env::var_os("TYPESET_REQUIRE_TOOLS").is_some();
    for (tool, cfg) in TOOLS {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        if !required && Command::new(tool).arg("-v").output().is_err() {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}
