//! Marks the external tools that some integration tests need (poppler,
//! qpdf, Ghostscript, epubcheck, Chromium, Tesseract) when they are not
//! installed, so that those tests are reported as ignored, with the reason,
//! instead of passing without checking anything: a test that needs
//! pdftotext carries
//! `#[cfg_attr(no_pdftotext, ignore = "needs pdftotext (poppler-utils) …")]`.
//!
//! With TYPESET_REQUIRE_TOOLS set (CI sets it) nothing is marked: the tests
//! run and a missing tool fails them. TYPESET_MISSING_TOOLS (names from the
//! table below, separated by commas or spaces, or `all`) marks tools as
//! missing although they are installed, to see what a machine without them
//! reports.

use std::path::{Path, PathBuf};
use std::process::Command;

/// (name, the cfg set when it is missing).
const TOOLS: [(&str, &str); 12] = [
    ("pdftotext", "no_pdftotext"),
    ("pdffonts", "no_pdffonts"),
    ("pdftoppm", "no_pdftoppm"),
    ("pdftocairo", "no_pdftocairo"),
    ("qpdf", "no_qpdf"),
    ("gs", "no_gs"),
    ("java", "no_java"),
    // Java and /usr/share/java/epubcheck.jar (Debian's epubcheck package).
    ("epubcheck", "no_epubcheck"),
    ("chromium", "no_chromium"),
    // Tesseract with its chi_sim data (tesseract-ocr-chi-sim).
    ("tesseract", "no_tesseract"),
    // The scripts in tools/.
    ("python3", "no_python3"),
    ("bash", "no_bash"),
];

const EPUBCHECK_JAR: &str = "/usr/share/java/epubcheck.jar";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=TYPESET_REQUIRE_TOOLS");
    println!("cargo::rerun-if-env-changed=TYPESET_MISSING_TOOLS");
    println!("cargo::rerun-if-env-changed=PATH");
    // A tool installed later changes these folders, and so runs this again.
    for dir in ["/usr/bin", "/usr/local/bin", "/usr/share/java"] {
        if Path::new(dir).is_dir() {
            println!("cargo::rerun-if-changed={dir}");
        }
    }
    build_id();
    let required = std::env::var_os("TYPESET_REQUIRE_TOOLS").is_some();
    let pretend = std::env::var("TYPESET_MISSING_TOOLS").unwrap_or_default();
    let pretend: Vec<&str> = pretend
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect();
    for (tool, cfg) in TOOLS {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        let missing = pretend.iter().any(|p| *p == tool || *p == "all") || !installed(tool);
        if missing && !required {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}

fn installed(tool: &str) -> bool {
    match tool {
        "epubcheck" => on_path("java").is_some() && Path::new(EPUBCHECK_JAR).is_file(),
        "tesseract" => on_path("tesseract").is_some_and(|t| {
            Command::new(t).arg("--list-langs").output().is_ok_and(|o| {
                let langs = String::from_utf8_lossy(&o.stdout).into_owned()
                    + &String::from_utf8_lossy(&o.stderr);
                langs.lines().any(|l| l.trim() == "chi_sim")
            })
        }),
        _ => on_path(tool).is_some(),
    }
}

/// The executable `tool` in a folder of PATH, as the tests' `Command::new`
/// would find it.
fn on_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.metadata().is_ok_and(|m| m.is_file() && executable(&m)))
}

#[cfg(unix)]
fn executable(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    m.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn executable(_: &std::fs::Metadata) -> bool {
    true
}

/// TYPESET_BUILD_ID: a hash of the sources, layouts and locked crates the
/// program is built from. The chapter cache keys on it, so a build whose
/// line breaker or composer changed (the same version number) never reads
/// chapters an earlier build laid out.
fn build_id() {
    use std::hash::{DefaultHasher, Hasher};
    let mut files = Vec::new();
    for top in ["src", "layouts"] {
        println!("cargo::rerun-if-changed={top}");
        collect(Path::new(top), &mut files);
    }
    println!("cargo::rerun-if-changed=Cargo.lock");
    files.push(PathBuf::from("Cargo.lock"));
    files.sort();
    let mut h = DefaultHasher::new();
    for f in &files {
        h.write(f.to_string_lossy().as_bytes());
        h.write(&std::fs::read(f).unwrap_or_default());
    }
    println!("cargo::rustc-env=TYPESET_BUILD_ID={:016x}", h.finish());
}

/// The files under `dir`, recursively (the source tree has no links).
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => collect(&p, out),
            Ok(t) if t.is_file() => out.push(p),
            _ => {}
        }
    }
}
