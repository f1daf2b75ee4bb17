//! Page images (`--svg DIR`, `--png DIR --dpi N`) and the EPUB's cover
//! image: one file per page at the PDF's size, the same bytes on every
//! run, the pixels where pdftoppm puts the PDF's, and the cover declared
//! as e-readers look for it.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use common::*;

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

/// The value of `name="…"` on the SVG's root element.
fn attribute(svg: &str, name: &str) -> String {
    let at = svg.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
    svg[at..at + svg[at..].find('"').unwrap()].to_string()
}

/// Builds `input` to a PDF, SVGs and PNGs at `dpi` in `dir`.
fn build(input: &Path, dir: &Path, dpi: u32) -> (PathBuf, Vec<PathBuf>, Vec<PathBuf>) {
    build_with_threads(input, dir, dpi, "2")
}

fn build_with_threads(
    input: &Path,
    dir: &Path,
    dpi: u32,
    threads: &str,
) -> (PathBuf, Vec<PathBuf>, Vec<PathBuf>) {
    let pdf = dir.join("out.pdf");
    let (svg, png) = (dir.join("svg"), dir.join("png"));
    let dpi = dpi.to_string();
    let args = [
        input.as_os_str(),
        OsStr::new("--pdf"),
        pdf.as_os_str(),
        OsStr::new("--svg"),
        svg.as_os_str(),
        OsStr::new("--png"),
        png.as_os_str(),
        OsStr::new("--dpi"),
        OsStr::new(&dpi),
    ];
    let out = typeset(&args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("run typeset");
    assert_ok(&out);
    (pdf, files(&svg, "svg"), files(&png, "png"))
}

#[cfg_attr(
    any(no_pdftotext, no_pdftoppm),
    ignore = "needs pdftotext and pdftoppm (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn every_page_is_an_svg_and_a_png_where_the_pdf_puts_its_text() {
    need("pdftotext");
    need("pdftoppm");
    let dpi = 100;
    // Latin emphasis is slanted (the PDF's text matrix), a number turned
    // or set across in vertical text: a small article of each.
    let extra = tempdir();
    let slanted = extra.path().join("slanted.md");
    std::fs::write(
        &slanted,
        "+++\ntitle = \"Slanted words\"\nlang = \"en\"\n+++\n\nThe night bus runs *every forty minutes* until dawn, and **the driver** knows every stop.\n",
    )
    .unwrap();
    let upright = extra.path().join("upright.md");
    std::fs::write(
        &upright,
        "+++\ntitle = \"竖排的数字\"\nwriting = \"vertical\"\n+++\n\n37路夜班车开通于2014年，全程28.6公里，途经Central Park和CBD。\n",
    )
    .unwrap();
    let (slanted, upright) = (slanted.to_string_lossy(), upright.to_string_lossy());
    for example in [
        &*slanted,
        &*upright,
        "examples/page-7.toml",
        "examples/page-9.toml",
        "examples/hant-harbour.md",
        "examples/night-bus.md",
        "examples/edition-12.toml",
        "examples/licence-note.md",
    ] {
        let dir = tempdir();
        let (pdf, svgs, pngs) = build(&root().join(example), dir.path(), dpi);
        let stem = Path::new(example).file_stem().unwrap().to_string_lossy();
        assert!(!svgs.is_empty(), "{example}: no SVG");
        assert_eq!(svgs.len(), pngs.len(), "{example}");
        for (k, svg) in svgs.iter().enumerate() {
            let name = format!("{stem}-{:03}.svg", k + 1);
            assert!(
                svg.ends_with(&name),
                "{example}: {} is not {name}",
                svg.display()
            );
        }
        let pages = pdf_pages(&pdf).len();
        assert_eq!(svgs.len(), pages, "{example}: one SVG per PDF page");
        for (k, (svg, png)) in svgs.iter().zip(&pngs).enumerate() {
            let text = std::fs::read_to_string(svg).unwrap();
            assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(
                text.contains("<use href=\"#g"),
                "{example}: glyphs are reused"
            );
            let (w, h) = (attribute(&text, "width"), attribute(&text, "height"));
            assert!(w.ends_with("pt") && h.ends_with("pt"), "{w} × {h}");
            let img = grey(png);
            let pt = |s: &str| s.trim_end_matches("pt").parse::<f64>().unwrap();
            let px = |v: f64| (v * f64::from(dpi) / 72.0).ceil() as u32;
            assert_eq!(img.dimensions(), (px(pt(&w)), px(pt(&h))), "{example}");
            let poppler = pdftoppm_page(&pdf, k + 1, dpi, &dir.path().join(format!("p{k}")));
            let d = poppler_difference(&img, &poppler);
            eprintln!(
                "{example} page {}: {:.3}% differ from pdftoppm",
                k + 1,
                d * 100.0
            );
            if d >= 0.01 {
                let out = actual_dir("render-actual");
                img.save(out.join(format!("{stem}-{k}-typeset.png")))
                    .unwrap();
                poppler
                    .save(out.join(format!("{stem}-{k}-poppler.png")))
                    .unwrap();
                let mask = image::GrayImage::from_fn(img.width(), img.height(), |x, y| {
                    let (a, b) = (img.get_pixel(x, y).0[0], poppler.get_pixel(x, y).0[0]);
                    image::Luma([255 - a.abs_diff(b)])
                });
                mask.save(out.join(format!("{stem}-{k}-diff.png"))).unwrap();
            }
            assert!(
                d < 0.01,
                "{example} page {}: {:.3}% of pixels differ from pdftoppm's",
                k + 1,
                d * 100.0
            );
        }
    }
}

#[test]
fn a_page_image_differs_from_the_pdf_when_text_moves() {
    // The comparison the test above makes can fail: the same page with the
    // text a line lower differs from it clearly.
    let dir = tempdir();
    let (_, _, pngs) = build(&root().join("examples/night-bus.md"), dir.path(), 50);
    let a = grey(&pngs[0]);
    let mut b = image::GrayImage::from_pixel(a.width(), a.height(), image::Luma([255]));
    image::imageops::overlay(&mut b, &a, 0, 8);
    let d = poppler_difference(&a, &b);
    eprintln!("moved: {:.3}%", d * 100.0);
    assert!(d > 0.01);
}

#[test]
fn page_images_are_the_same_bytes_for_any_thread_count_and_stale_pages_go() {
    let a = tempdir();
    let b = tempdir();
    let page = root().join("examples/edition-12.toml");
    // One thread and four: the pages are rendered in parallel.
    let (_, svg_a, png_a) = build_with_threads(&page, a.path(), 40, "1");
    let (_, svg_b, png_b) = build_with_threads(&page, b.path(), 40, "4");
    for (x, y) in svg_a.iter().zip(&svg_b).chain(png_a.iter().zip(&png_b)) {
        assert_eq!(
            std::fs::read(x).unwrap(),
            std::fs::read(y).unwrap(),
            "{}",
            x.display()
        );
    }
    // A page left by a longer earlier run is removed; other files stay.
    let svg = a.path().join("svg");
    let stale = svg.join(format!("edition-12-{:03}.svg", svg_a.len() + 1));
    let other = svg.join("notes.svg");
    std::fs::write(&stale, "<svg/>").unwrap();
    std::fs::write(&other, "<svg/>").unwrap();
    build(&page, a.path(), 40);
    assert!(!stale.exists(), "the stale page is removed");
    assert!(other.exists(), "a file typeset did not name stays");
}

#[test]
fn image_options_are_checked() {
    let dir = tempdir();
    let article = root().join("examples/night-bus.md");
    let png = dir.path().join("png");
    let out = run(&[article.as_os_str(), OsStr::new("--dpi"), OsStr::new("100")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--dpi sets the resolution of --png"));
    let out = run(&[
        article.as_os_str(),
        OsStr::new("--png"),
        png.as_os_str(),
        OsStr::new("--dpi"),
        OsStr::new("0"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the resolution must be"));
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let out = run(&[article.as_os_str(), OsStr::new("--svg"), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("it is not a folder"));
    // Standard output takes a run's only output.
    let out = run(&[
        article.as_os_str(),
        OsStr::new("--pdf"),
        OsStr::new("-"),
        OsStr::new("--svg"),
        dir.path().join("s").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("only one output may go to standard output")
    );
    // Only the page images were asked for: no PDF or EPUB beside the input.
    let copy = dir.path().join("a.md");
    std::fs::write(&copy, "+++\ntitle = \"标题\"\n+++\n\n正文。\n").unwrap();
    assert_ok(&run(&[
        copy.as_os_str(),
        OsStr::new("--svg"),
        dir.path().join("s").as_os_str(),
    ]));
    assert!(!dir.path().join("a.pdf").exists() && !dir.path().join("a.epub").exists());
}

/// The EPUB's cover: the image's entry in the OPF, the EPUB 2 meta and the
/// image on the cover page.
fn cover_of(epub: &Path) -> (String, String, Vec<u8>) {
    let opf = zip_entry(epub, "OEBPS/content.opf");
    let page = zip_entry(epub, "OEBPS/text/cover.xhtml");
    let file = std::fs::File::open(epub).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let name = if opf.contains("images/cover.png") {
        "OEBPS/images/cover.png"
    } else {
        "OEBPS/images/cover.jpg"
    };
    let mut data = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut data).unwrap();
    (opf, page, data)
}

#[test]
fn every_epub_has_a_cover_image_or_the_one_given() {
    let dir = tempdir();
    for (example, name) in [
        ("examples/night-bus.md", "article"),
        ("examples/changhe", "book"),
        ("examples/page-7.toml", "page"),
    ] {
        let epub = dir.path().join(format!("{name}.epub"));
        let cache = dir.path().join("cache");
        assert_ok(&run(&[
            root().join(example).as_os_str(),
            OsStr::new("--epub"),
            epub.as_os_str(),
            OsStr::new("--cache-dir"),
            cache.as_os_str(),
        ]));
        let (opf, page, png) = cover_of(&epub);
        assert!(opf.contains("<item id=\"cover-image\" href=\"images/cover.png\" media-type=\"image/png\" properties=\"cover-image\"/>"), "{opf}");
        assert!(
            opf.contains("<meta name=\"cover\" content=\"cover-image\"/>"),
            "{opf}"
        );
        assert!(
            page.contains("<img src=\"../images/cover.png\" alt=\""),
            "{page}"
        );
        let img = image::load_from_memory(&png).unwrap();
        // Black type on white: stored as grey levels, one sample a pixel.
        assert_eq!(img.color(), image::ColorType::L8, "{name}");
        let img = img.to_luma8();
        assert_eq!(img.dimensions(), (1080, 1620));
        // Ink on white: the title is drawn.
        let ink = img.pixels().filter(|p| p.0[0] < 128).count();
        assert!(ink > 5_000, "{name}: {ink} dark pixels");
        if name == "book" {
            image::DynamicImage::ImageLuma8(img)
                .save(actual_dir("render-actual").join("cover-book.png"))
                .unwrap();
        }
    }
    // --cover FILE: that image instead, as it is.
    let given = root().join("examples/figures/route.png");
    let epub = dir.path().join("given.epub");
    let article = root().join("examples/night-bus.md");
    assert_ok(&run(&[
        article.as_os_str(),
        OsStr::new("--epub"),
        epub.as_os_str(),
        OsStr::new("--cover"),
        given.as_os_str(),
    ]));
    assert_eq!(cover_of(&epub).2, std::fs::read(&given).unwrap());
    // A damaged cover is refused as a damaged figure is.
    let bad = dir.path().join("bad.png");
    let mut data = std::fs::read(&given).unwrap();
    data.truncate(data.len() / 2);
    std::fs::write(&bad, data).unwrap();
    let out = run(&[
        article.as_os_str(),
        OsStr::new("--epub"),
        epub.as_os_str(),
        OsStr::new("--cover"),
        bad.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--cover: the image") && err.contains("is damaged"),
        "{err}"
    );
}
