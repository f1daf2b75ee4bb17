//! Helpers for the integration tests: run the CLI, read its outputs.

#![allow(dead_code)]

pub mod child;
pub mod dump;

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_typeset"))
}

/// typeset on `args` with what every test wants: the bundled fonts only, no
/// cache, and no date from the environment, so that the outputs do not
/// depend on the machine. A Command, for a test to add to.
pub fn typeset(args: &[&OsStr]) -> Command {
    let mut c = bin();
    c.args(args)
        .arg("--no-system-fonts")
        .arg("--no-cache")
        .env_remove("SOURCE_DATE_EPOCH");
    c
}

pub fn run(args: &[&OsStr]) -> Output {
    typeset(args).output().expect("run typeset")
}

/// Fails the test with the run's messages unless it succeeded; returns
/// its stderr (warnings, progress) for the test to look at.
pub fn assert_ok(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "typeset failed ({}):\n{err}",
        out.status
    );
    err
}

/// The PDF and the EPUB one run writes into a folder.
pub struct Outputs {
    pub pdf: PathBuf,
    pub epub: PathBuf,
}

impl Outputs {
    /// out.pdf and out.epub in `dir`.
    pub fn in_dir(dir: &Path) -> Self {
        Outputs {
            pdf: dir.join("out.pdf"),
            epub: dir.join("out.epub"),
        }
    }

    pub fn pdf_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.pdf).expect("read the PDF")
    }

    pub fn epub_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.epub).expect("read the EPUB")
    }

    /// The PDF's text, one string per page (needs pdftotext).
    pub fn pdf_pages(&self) -> Vec<String> {
        pdf_pages(&self.pdf)
    }

    /// The EPUB's chapter text (see `epub_text`).
    pub fn epub_text(&self) -> String {
        epub_text(&self.epub)
    }

    /// One file of the EPUB as text.
    pub fn epub_entry(&self, name: &str) -> String {
        zip_entry(&self.epub, name)
    }
}

/// Runs typeset on `args` with --pdf and --epub into `dir` (as
/// `Outputs::in_dir`), whatever the outcome.
pub fn run_into(dir: &Path, args: &[&OsStr]) -> (Output, Outputs) {
    run_command_into(dir, typeset(args))
}

/// As `run_into`, for a command a test has added to (environment, folder).
pub fn run_command_into(dir: &Path, mut command: Command) -> (Output, Outputs) {
    let outputs = Outputs::in_dir(dir);
    let out = command
        .arg("--pdf")
        .arg(&outputs.pdf)
        .arg("--epub")
        .arg(&outputs.epub)
        .output()
        .expect("run typeset");
    (out, outputs)
}

/// As `run_into`, failing the test unless the run succeeded.
pub fn compile(dir: &Path, args: &[&OsStr]) -> Outputs {
    let (out, outputs) = run_into(dir, args);
    assert_ok(&out);
    outputs
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The variable that turns the comparisons with expected files (golden
/// outputs, reference images) into writing them: `TYPESET_BLESS=1 cargo
/// test --test golden`. Without it a missing expected file is a failure.
pub const BLESS: &str = "TYPESET_BLESS";

pub fn blessing() -> bool {
    std::env::var_os(BLESS).is_some()
}

/// A folder under target/ for what a failed comparison produced, so that
/// it can be looked at (and blessed if it is right).
pub fn actual_dir(name: &str) -> PathBuf {
    let dir = root().join("target").join(name);
    std::fs::create_dir_all(&dir).expect("create the folder for actual outputs");
    dir
}

/// Fails the test, saying why, unless the external `tool` can be run.
///
/// A test that needs a tool is marked for the build script's cfg, e.g.
/// `#[cfg_attr(no_pdftotext, ignore = "needs pdftotext …")]`, so that where
/// the tool is missing it is reported as ignored, with the reason, and never
/// passes without checking; where it runs (the tool was found when the
/// tests were built, or TYPESET_REQUIRE_TOOLS is set) the tool must be there.
pub fn need(tool: &str) {
    need_with(tool, "-v");
}

/// [`need`], asking the tool with `arg` (chromium knows `--version`, not
/// `-v`).
pub fn need_with(tool: &str, arg: &str) {
    if let Err(e) = Command::new(tool).arg(arg).output() {
        panic!(
            "{tool} cannot be run ({e}); install it, or rebuild the tests without \
             TYPESET_REQUIRE_TOOLS to have the tests that need it ignored"
        );
    }
}

/// The jar of epubcheck (Debian's epubcheck package), run by java.
pub const EPUBCHECK_JAR: &str = "/usr/share/java/epubcheck.jar";

/// Fails the test unless epubcheck finds nothing to say about `epub`.
pub fn epubcheck(epub: &Path) {
    need("java");
    assert!(
        Path::new(EPUBCHECK_JAR).is_file(),
        "{EPUBCHECK_JAR} is not installed (the epubcheck package)"
    );
    let out = Command::new("java")
        .arg("-jar")
        .arg(EPUBCHECK_JAR)
        .arg(epub)
        .output()
        .expect("run epubcheck");
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && said.contains("No errors or warnings detected"),
        "epubcheck on {}:\n{said}",
        epub.display()
    );
}

/// Text of a PDF in content order, one string per page.
pub fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The font table pdffonts prints for a PDF.
pub fn pdffonts(pdf: &Path) -> String {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts");
    String::from_utf8(out.stdout).expect("utf-8")
}

pub fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

/// The text of every XHTML chapter of an EPUB, tags removed, entities
/// decoded, in spine order (chapter files are numbered in spine order);
/// the cover page repeats the title and is not a chapter.
pub fn epub_text(epub: &Path) -> String {
    let f = std::fs::File::open(epub).expect("open epub");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut names: Vec<String> = z
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.to_string())
        .filter(|n| n.starts_with("OEBPS/text/") && !n.ends_with("/cover.xhtml"))
        .collect();
    names.sort();
    let mut all = String::new();
    for n in names {
        let mut s = String::new();
        z.by_name(&n).unwrap().read_to_string(&mut s).unwrap();
        let body = &s[s.find("<body>").expect("body")..];
        let mut in_tag = false;
        let mut text = String::new();
        for c in body.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        all.push_str(
            &text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&"),
        );
    }
    all
}

pub fn zip_entry(epub: &Path, name: &str) -> String {
    let f = std::fs::File::open(epub).expect("open epub");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut s = String::new();
    z.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in epub"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// Paragraphs of an article as typeset reads them (via --paragraphs).
pub fn paragraphs(article: &Path, dir: &Path) -> Vec<String> {
    let p = dir.join("paragraphs.txt");
    let out = run(&[
        article.as_os_str(),
        "--epub".as_ref(),
        dir.join("x.epub").as_os_str(),
        "--paragraphs".as_ref(),
        p.as_os_str(),
    ]);
    assert_ok(&out);
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Removes each page's furniture (running head, date, folio), which the
/// composer writes after the page's text, checking that it is there.
pub fn strip_furniture(pages: &[String], head: &str, date: Option<&str>) -> String {
    strip_page_furniture(pages, |i| {
        format!(
            "{}{}{}",
            squeeze(head),
            date.map(squeeze).unwrap_or_default(),
            i + 1
        )
    })
}

/// As `strip_furniture`, with each page's furniture text given.
pub fn strip_page_furniture(pages: &[String], furniture: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        let body = squeeze(page);
        let suffix = squeeze(&furniture(i));
        let stripped = body.strip_suffix(&suffix).unwrap_or_else(|| {
            panic!(
                "page {} does not end with its furniture {suffix:?}: …{}",
                i + 1,
                body.chars()
                    .rev()
                    .take(60)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<String>()
            )
        });
        out.push_str(stripped);
    }
    out
}

/// Asserts that the text is exactly the paragraphs, in order (whitespace
/// ignored: the PDF carries spacing as positions, and CJK–Latin gaps come
/// back from extraction as spaces).
pub fn assert_same_text(text: &str, paras: &[String]) {
    let got = squeeze(text);
    let want: String = paras.iter().map(|p| squeeze(p)).collect();
    if got != want {
        let common = got
            .chars()
            .zip(want.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let g: String = got
            .chars()
            .skip(common.saturating_sub(20))
            .take(60)
            .collect();
        let w: String = want
            .chars()
            .skip(common.saturating_sub(20))
            .take(60)
            .collect();
        panic!("text differs after {common} characters:\n got: …{g}\nwant: …{w}");
    }
}

/// An image file in grey (0 black, 255 white).
pub fn grey(path: &Path) -> image::GrayImage {
    image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .to_luma8()
}

/// Share of pixels that differ clearly between two grey images of one
/// size: a pixel of either counts when no pixel of the other within
/// `reach` pixels (across and down) is within 64 grey levels of it. With
/// `reach` 0 that is a plain comparison; 1 forgives the half-pixel
/// shifts of two rasterisers that place a glyph a fraction apart, not a
/// line or a glyph out of place.
pub fn pixel_difference(a: &image::GrayImage, b: &image::GrayImage, reach: i64) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions(), "the images differ in size");
    let (w, h) = (i64::from(a.width()), i64::from(a.height()));
    let off = |p: &image::GrayImage, q: &image::GrayImage, x: i64, y: i64| {
        let v = p.get_pixel(x as u32, y as u32).0[0];
        !(-reach..=reach).any(|dy| {
            (-reach..=reach).any(|dx| {
                let (u, t) = (x + dx, y + dy);
                (0..w).contains(&u)
                    && (0..h).contains(&t)
                    && q.get_pixel(u as u32, t as u32).0[0].abs_diff(v) <= 64
            })
        })
    };
    let mut differing = 0usize;
    for y in 0..h {
        for x in 0..w {
            if off(a, b, x, y) || off(b, a, x, y) {
                differing += 1;
            }
        }
    }
    differing as f64 / (w * h) as f64
}

/// pdftoppm's rendering of a PDF's page `page` (1-based) at `dpi`, in grey.
pub fn pdftoppm_page(pdf: &Path, page: usize, dpi: u32, prefix: &Path) -> image::GrayImage {
    let n = page.to_string();
    let out = Command::new("pdftoppm")
        .args([
            "-png",
            "-gray",
            "-singlefile",
            "-r",
            &dpi.to_string(),
            "-f",
            &n,
            "-l",
            &n,
        ])
        .arg(pdf)
        .arg(prefix)
        .output()
        .expect("run pdftoppm");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    grey(&prefix.with_extension("png"))
}

/// The image at half its size, each pixel the mean of four: what two
/// rasterisers that anti-alias a glyph's edges differently (poppler puts
/// baselines on whole pixels, resvg where they fall) still agree on.
pub fn halved(img: &image::GrayImage) -> image::GrayImage {
    let (w, h) = (img.width() / 2, img.height() / 2);
    image::GrayImage::from_fn(w, h, |x, y| {
        let sum: u32 = [(0, 0), (1, 0), (0, 1), (1, 1)]
            .iter()
            .map(|(dx, dy)| u32::from(img.get_pixel(2 * x + dx, 2 * y + dy).0[0]))
            .sum();
        image::Luma([(sum / 4) as u8])
    })
}

/// How far typeset's rendering of a page is from poppler's: the share of
/// clearly different pixels at half the resolution, a pixel's neighbours
/// forgiven (see [`pixel_difference`]).
pub fn poppler_difference(ours: &image::GrayImage, poppler: &image::GrayImage) -> f64 {
    pixel_difference(&halved(ours), &halved(poppler), 1)
}

/// Headless Chromium with `args` (no sandbox, no GPU, no scroll bars),
/// failing the test when it fails; its output (`--dump-dom` prints the
/// page to stdout).
pub fn chromium<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .args(args)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A word of a PDF page and its box, as pdftotext -bbox gives it.
#[derive(Clone, Debug)]
pub struct WordBox {
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub text: String,
}

/// Words of page `page` of `pdf` with their boxes (pdftotext -bbox).
pub fn word_boxes(pdf: &std::path::Path, page: u32) -> Vec<WordBox> {
    let n = page.to_string();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    (String::from_utf8_lossy(&out.stdout).lines())
        .filter_map(|l| {
            let attr = |name: &str| -> Option<f64> {
                let from = l.find(&format!("{name}=\""))? + name.len() + 2;
                l[from..].split('"').next()?.parse().ok()
            };
            let text = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some(WordBox {
                x_min: attr("xMin")?,
                x_max: attr("xMax")?,
                y_min: attr("yMin")?,
                y_max: attr("yMax")?,
                text,
            })
        })
        .collect()
}

/// Words of page `page` of `pdf` with their boxes (pdftotext -bbox):
/// (xMin, xMax, yMin, text).
pub fn words_on(pdf: &std::path::Path, page: u32) -> Vec<(f64, f64, f64, String)> {
    (word_boxes(pdf, page).into_iter())
        .map(|w| (w.x_min, w.x_max, w.y_min, w.text))
        .collect()
}
