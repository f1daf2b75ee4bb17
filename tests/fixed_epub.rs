//! The fixed-layout EPUB (`--epub-layout fixed`) of examples/page-7.toml
//! and of a vertical installment: epubcheck, the package's fixed-layout
//! properties, each page of every page example rendered by headless
//! Chromium against poppler's (pdftocairo's) rendering of the same PDF
//! page (ink compared in 2 pt cells, so that anti-aliasing and poppler's
//! grey for CMYK black do not count, but a glyph out of place does), and
//! the page's text found in Chromium's own printout of it (real text in
//! working fonts, not outlines).

mod common;

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Rendering resolution: 2 device pixels a point (144 dpi).
const SCALE: u32 = 2;
/// Cells of 4×4 pixels (2 pt) whose ink differs by more than a quarter of
/// the cell.
const CELL: usize = 4;
/// At most this share of the page's cells may differ. Measured against
/// pdftocairo: page-7 0.0010, page-9 0.0012, page-12 0.0015, edition-12
/// 0.0018 and 0.0014, schemes 0.0012, the vertical pages 0.0032 and
/// 0.0021; the supplement, a page full of 10 pt text (Chromium's glyph
/// edges fall a fraction of a pixel off Cairo's), 0.0063. The same
/// renderings with the whole page shifted by half a point gave 0.011 and
/// 0.013, by a point 0.021 and 0.028 (the supplement moved by a point:
/// 0.022).
const TOLERANCE: f64 = 0.008;

/// Every entry of the EPUB under `dir`; the page documents' paths.
fn unzip(epub: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut pages = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().expect("a UTF-8 name").to_string();
        let path = dir.join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        std::fs::write(&path, data).unwrap();
        if name.starts_with("OEBPS/pages/") {
            pages.push(path);
        }
    }
    pages.sort();
    pages
}

fn read_entry(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// The share of 2 pt cells whose ink (pixels darker than mid-grey)
/// differs by more than a quarter of a cell between two renderings.
fn differing_cells(a: &Path, b: &Path) -> f64 {
    let a = image::open(a).expect("read a rendering").to_luma8();
    let b = image::open(b).expect("read a rendering").to_luma8();
    let (w, h) = (a.width().min(b.width()), a.height().min(b.height()));
    assert!(
        a.width().abs_diff(b.width()) <= 1 && a.height().abs_diff(b.height()) <= 1,
        "sizes differ: {:?} and {:?}",
        a.dimensions(),
        b.dimensions()
    );
    let (cw, ch) = (w as usize / CELL, h as usize / CELL);
    let mut differ = 0usize;
    for cy in 0..ch {
        for cx in 0..cw {
            let ink = |img: &image::GrayImage| {
                let mut n = 0i32;
                for y in cy * CELL..(cy + 1) * CELL {
                    for x in cx * CELL..(cx + 1) * CELL {
                        n += (img.get_pixel(x as u32, y as u32).0[0] < 128) as i32;
                    }
                }
                n
            };
            if (ink(&a) - ink(&b)).abs() > (CELL * CELL / 4) as i32 {
                differ += 1;
            }
        }
    }
    differ as f64 / (cw * ch) as f64
}

/// The page's size in points from its viewport.
fn viewport(page: &str) -> (u32, u32) {
    let at = page
        .find("name=\"viewport\" content=\"width=")
        .expect("a viewport")
        + 31;
    let rest = &page[at..];
    let w: u32 = rest[..rest.find(',').unwrap()].parse().unwrap();
    let at = rest.find("height=").unwrap() + 7;
    let rest = &rest[at..];
    let h: u32 = rest[..rest.find('"').unwrap()].parse().unwrap();
    (w, h)
}

/// Builds `args` with --epub-layout fixed and a PDF; checks the package,
/// each page's pixels against the PDF's, and returns the unzipped folder.
fn fixed_and_pdf(dir: &Path, args: &[&str], name: &str) -> (PathBuf, Vec<PathBuf>) {
    let (epub, pdf) = (dir.join("out.fixed.epub"), dir.join("out.pdf"));
    let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    all.extend([
        OsStr::new("--epub"),
        epub.as_os_str(),
        OsStr::new("--epub-layout"),
        OsStr::new("fixed"),
        OsStr::new("--pdf"),
        pdf.as_os_str(),
    ]);
    let out = typeset(&all).current_dir(root()).output().unwrap();
    assert_ok(&out);
    epubcheck(&epub);
    let unzipped = dir.join("unzipped");
    let pages = unzip(&epub, &unzipped);
    assert_eq!(
        pages.len(),
        pdf_pages(&pdf).len(),
        "one EPUB page a PDF page"
    );
    let mut failed = Vec::new();
    for (k, page) in pages.iter().enumerate() {
        let (w, h) = viewport(&std::fs::read_to_string(page).unwrap());
        let shot = dir.join(format!("shot{k}.png"));
        let url = format!("file://{}", page.display());
        chromium([
            OsStr::new(&format!("--force-device-scale-factor={SCALE}")),
            OsStr::new(&format!("--window-size={w},{h}")),
            OsStr::new(&format!("--screenshot={}", shot.display())),
            OsStr::new(&url),
        ]);
        let stem = dir.join(format!("pdf{k}"));
        // Cairo, not pdftoppm's Splash: Splash puts each glyph's origin
        // on a whole pixel, which moves large type set at fractional
        // places (a headline block) a pixel right and down; Chromium and
        // Cairo draw it where the PDF puts it.
        let status = Command::new("pdftocairo")
            .args(["-png", "-singlefile", "-r", &(72 * SCALE).to_string()])
            .args(["-f", &(k + 1).to_string(), "-l", &(k + 1).to_string()])
            .arg(&pdf)
            .arg(&stem)
            .status()
            .expect("pdftocairo");
        assert!(status.success());
        let share = differing_cells(&shot, &stem.with_extension("png"));
        eprintln!(
            "{name} page {}: {:.4} of the 2 pt cells differ",
            k + 1,
            share
        );
        if share > TOLERANCE {
            failed.push(format!("{name} page {}: {share:.4}", k + 1));
            let keep = actual_dir("fixed-epub");
            std::fs::copy(&shot, keep.join(format!("{name}-{k}-chromium.png"))).unwrap();
            std::fs::copy(
                stem.with_extension("png"),
                keep.join(format!("{name}-{k}-pdf.png")),
            )
            .unwrap();
        }
    }
    assert!(
        failed.is_empty(),
        "of the 2 pt cells these share differ from the PDF (at most {TOLERANCE}): {}; the renderings are in {}",
        failed.join(", "),
        actual_dir("fixed-epub").display()
    );
    (unzipped, pages)
}

#[cfg_attr(
    any(no_pdftotext, no_pdftocairo, no_epubcheck, no_chromium),
    ignore = "needs pdftotext and pdftocairo (poppler-utils), epubcheck and chromium; TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn page_7_as_fixed_layout_matches_the_pdf_and_keeps_its_text() {
    need_with("chromium", "--version");
    need("pdftocairo");
    let tmp = tempdir();
    let dir = tmp.path();
    let (unzipped, pages) = fixed_and_pdf(dir, &["examples/page-7.toml"], "page-7");
    let opf = read_entry(&unzipped, "OEBPS/content.opf");
    for want in [
        "<meta property=\"rendition:layout\">pre-paginated</meta>",
        "<meta property=\"rendition:spread\">landscape</meta>",
        // Page 7, odd: a right-hand page.
        "<itemref idref=\"p0001\" properties=\"page-spread-right\"/>",
        "properties=\"svg\"",
        "media-type=\"font/otf\"",
    ] {
        assert!(opf.contains(want), "no {want} in the package:\n{opf}");
    }
    assert!(read_entry(&unzipped, "OEBPS/nav.xhtml").contains("第7版"));
    // Chromium's own printout of the page, as text: what search, selection
    // and read-aloud see.
    let printed = dir.join("printed.pdf");
    chromium([
        OsStr::new("--no-pdf-header-footer"),
        OsStr::new(&format!("--print-to-pdf={}", printed.display())),
        OsStr::new(&format!("file://{}", pages[0].display())),
    ]);
    let text: String = pdf_pages(&printed).concat().split_whitespace().collect();
    for want in [
        "凌晨一点，37路末班车还在路上",
        "一条夜班公交线路的十二年，和它载过的普通人",
        "城西立交改造完工",
        "第七百八十九回",
    ] {
        assert!(
            text.contains(want),
            "Chromium's page has no {want}:\n{text}"
        );
    }
}

/// Every other page example (page-7 has its own test) matches its PDF
/// page by page.
#[cfg_attr(
    any(no_pdftotext, no_pdftocairo, no_epubcheck, no_chromium),
    ignore = "needs pdftotext and pdftocairo (poppler-utils), epubcheck and chromium; TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn every_page_example_as_fixed_layout_matches_the_pdf() {
    need_with("chromium", "--version");
    need("pdftocairo");
    for name in ["page-9", "page-12", "edition-12", "supplement", "schemes"] {
        let tmp = tempdir();
        let input = format!("examples/{name}.toml");
        fixed_and_pdf(tmp.path(), &[input.as_str()], name);
    }
}

#[cfg_attr(
    any(no_pdftotext, no_pdftocairo, no_epubcheck, no_chromium),
    ignore = "needs pdftotext and pdftocairo (poppler-utils), epubcheck and chromium; TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn a_vertical_page_reads_right_to_left_and_matches_the_pdf() {
    need_with("chromium", "--version");
    need("pdftocairo");
    let tmp = tempdir();
    // Two pages, with numbers and Latin turned (28.6) and set across (37).
    let args = [
        "examples/night-bus.md",
        "--writing",
        "vertical",
        "--layout",
        "vertical",
    ];
    let (unzipped, _) = fixed_and_pdf(tmp.path(), &args, "vertical");
    let opf = read_entry(&unzipped, "OEBPS/content.opf");
    assert!(opf.contains("<spine page-progression-direction=\"rtl\">"));
    // Page 1 of a book read right to left: a left-hand page.
    assert!(opf.contains("<itemref idref=\"p0001\" properties=\"page-spread-left\"/>"));
}

#[test]
fn a_manifest_asks_for_the_fixed_layout_and_the_command_line_overrides_it() {
    let tmp = tempdir();
    let dir = tmp.path();
    let manifest = std::fs::read_to_string(root().join("examples/page-7.toml")).unwrap();
    let manifest = manifest.replace("[page]\n", "[page]\nepub_layout = \"fixed\"\n");
    std::fs::write(dir.join("page.toml"), manifest).unwrap();
    for f in [
        "night-bus.md",
        "bridge-news.md",
        "changhe/0789.md",
        "figures/route.png",
    ] {
        let to = dir.join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join("examples").join(f), to).unwrap();
    }
    let input = dir.join("page.toml");
    assert_ok(&run(&[input.as_os_str(), OsStr::new("--epub")]));
    let opf = |epub: &Path| {
        let mut z = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
        let mut s = String::new();
        z.by_name("OEBPS/content.opf")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(opf(&dir.join("page.fixed.epub")).contains("pre-paginated"));
    assert!(!dir.join("page.epub").exists());
    let args = [
        input.as_os_str(),
        OsStr::new("--epub"),
        OsStr::new("--epub-layout"),
        OsStr::new("reflowable"),
    ];
    assert_ok(&run(&args));
    assert!(!opf(&dir.join("page.epub")).contains("pre-paginated"));
}

/// The fixed-layout EPUB carries a cover image for e-reader libraries:
/// the drawn one, or the one `--cover` gives, declared `cover-image` with
/// the EPUB 2 `cover` meta.
#[test]
fn the_fixed_layout_epub_has_a_cover_image() {
    let tmp = tempdir();
    let dir = tmp.path();
    let page = root().join("examples/page-7.toml");
    let badge = root().join("examples/figures/badge.png");
    for given in [None, Some(&badge)] {
        let epub = dir.join("p.fixed.epub");
        let mut args = vec![
            page.as_os_str(),
            OsStr::new("--epub"),
            epub.as_os_str(),
            OsStr::new("--epub-layout"),
            OsStr::new("fixed"),
        ];
        if let Some(b) = given {
            args.extend([OsStr::new("--cover"), b.as_os_str()]);
        }
        assert_ok(&run(&args));
        let mut z = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
        let mut opf = String::new();
        z.by_name("OEBPS/content.opf")
            .unwrap()
            .read_to_string(&mut opf)
            .unwrap();
        assert!(
            opf.contains("<meta name=\"cover\" content=\"cover-image\"/>"),
            "{opf}"
        );
        assert!(
            opf.contains(
                "href=\"images/cover.png\" media-type=\"image/png\" properties=\"cover-image\""
            ),
            "{opf}"
        );
        let mut png = Vec::new();
        z.by_name("OEBPS/images/cover.png")
            .unwrap()
            .read_to_end(&mut png)
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        if let Some(b) = given {
            assert_eq!(png, std::fs::read(b).unwrap(), "the given cover");
        }
    }
}
