//! Hostile and faulty situations, round 2 of issue 18: unbreakable text,
//! images that are damaged or huge, long captions, files outside the
//! input's folder, and what the chapter cache's key covers. Each ends with
//! a clear, located error or a correct output, never a panic or lost text.

mod common;
mod hostile_util;

use std::ffi::OsStr;

use common::*;
use hostile_util::*;

#[test]
fn an_installment_whose_bytes_changed_is_not_served_from_the_cache() {
    let dir = tempdir();
    let serial = serial_in(dir.path());
    let cache = dir.path().join("cache");
    let home = dir.path().join("home");
    let out = dir.path().join("out.pdf");
    cached_build(&serial, &cache, &home, &out);
    let (_, err) = cached_build(&serial, &cache, &home, &out);
    assert!(err.contains("3 chapter(s) from the cache"), "{err}");
    // A comment in the front matter: the bytes differ, the chapter as
    // parsed does not. The key follows the bytes.
    let file = serial.join("0003.md");
    let text = std::fs::read_to_string(&file).expect("read");
    let edited = text.replacen("+++\n", "+++\n# revised\n", 1);
    std::fs::write(&file, edited).expect("write");
    let (_, err) = cached_build(&serial, &cache, &home, &out);
    assert!(err.contains("2 chapter(s) from the cache"), "{err}");
    let rows: usize = (packs(&cache).iter())
        .map(|p| pack_rows(&std::fs::read(p).expect("pack")).len())
        .sum();
    assert_eq!(rows, 4, "a new entry for the new bytes");
}

/// An article in `dir` showing `figure`, written beside it from `bytes`.
fn article_with_figure(dir: &std::path::Path, figure: &str, bytes: &[u8]) -> std::path::PathBuf {
    std::fs::write(dir.join(figure), bytes).expect("write the figure");
    let input = dir.join("in.md");
    let text = format!("+++\ntitle = \"标题\"\n+++\n\n正文。\n\n![图]({figure})\n");
    std::fs::write(&input, text).expect("write the article");
    input
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 3) as u8, (y * 5) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("encode");
    out.into_inner()
}

/// Runs typeset on `input` with `extra` arguments (no output written
/// unless they name one).
fn build(input: &std::path::Path, extra: &[&OsStr]) -> std::process::Output {
    let mut c = typeset(&[input.as_os_str()]);
    c.args(extra).env("SOURCE_DATE_EPOCH", "1700000000");
    run_bounded(c)
}

#[test]
fn a_truncated_jpeg_is_refused_at_its_figure_by_every_output() {
    let dir = tempdir();
    let whole = jpeg(120, 80);
    let input = article_with_figure(dir.path(), "cut.jpg", &whole[..whole.len() / 2]);
    let pdf = dir.path().join("out.pdf");
    let epub = dir.path().join("out.epub");
    let print: &[&OsStr] = &[OsStr::new("--pdf"), pdf.as_os_str(), OsStr::new("--print")];
    for extra in [
        &[OsStr::new("--pdf"), pdf.as_os_str()][..],
        print,
        &[OsStr::new("--epub"), epub.as_os_str()][..],
    ] {
        let err = refused(&build(&input, extra), "in.md:7:1");
        assert!(err.contains("cut.jpg is damaged"), "{err}");
        assert!(!pdf.exists() && !epub.exists(), "nothing written");
    }
    // The same image whole is accepted by all three.
    article_with_figure(dir.path(), "cut.jpg", &whole);
    assert_ok(&build(&input, &[OsStr::new("--epub"), epub.as_os_str()]));
    assert_ok(&build(&input, print));
}

#[test]
fn an_image_of_too_many_pixels_is_refused_before_it_is_decoded() {
    let dir = tempdir();
    // 20000 × 20000 white pixels: 1.2 GB decoded, a few hundred KB packed.
    let mut png = std::io::Cursor::new(Vec::new());
    {
        let mut enc = png::Encoder::new(&mut png, 20_000, 20_000);
        enc.set_color(png::ColorType::Grayscale);
        let mut w = enc.write_header().expect("header");
        let mut stream = w.stream_writer().expect("stream");
        let row = vec![255u8; 20_000];
        for _ in 0..20_000 {
            std::io::Write::write_all(&mut stream, &row).expect("row");
        }
        stream.finish().expect("finish");
    }
    let input = article_with_figure(dir.path(), "huge.png", &png.into_inner());
    let epub = dir.path().join("out.epub");
    let err = refused(
        &build(&input, &[OsStr::new("--epub"), epub.as_os_str()]),
        "in.md:7:1",
    );
    assert!(err.contains("20000 × 20000 pixels"), "{err}");
    assert!(err.contains("limited to 100 million pixels"), "{err}");
}

#[test]
fn files_outside_the_input_folder_are_refused_unless_allowed() {
    let outside = tempdir();
    let dir = tempdir();
    let epub = dir.path().join("out.epub");
    let to_epub: &[&OsStr] = &[OsStr::new("--epub"), epub.as_os_str()];
    let allowed: &[&OsStr] = &[
        OsStr::new("--epub"),
        epub.as_os_str(),
        OsStr::new("--allow-outside"),
    ];
    // A figure that is a link to an image elsewhere.
    std::fs::write(outside.path().join("secret.jpg"), jpeg(40, 30)).expect("write");
    let input = article_with_figure(dir.path(), "dummy.jpg", b"");
    std::fs::remove_file(dir.path().join("dummy.jpg")).expect("remove");
    std::os::unix::fs::symlink(
        outside.path().join("secret.jpg"),
        dir.path().join("dummy.jpg"),
    )
    .expect("link");
    let err = refused(&build(&input, to_epub), "in.md:7:1");
    assert!(err.contains("leads out of the article's folder"), "{err}");
    assert!(err.contains("--allow-outside"), "{err}");
    assert_ok(&build(&input, allowed));
    // A manifest naming an article through a link out of its folder.
    let page = dir.path().join("page.toml");
    std::fs::write(outside.path().join("far.md"), ARTICLE).expect("write");
    std::os::unix::fs::symlink(outside.path().join("far.md"), dir.path().join("far.md"))
        .expect("link");
    std::fs::write(
        &page,
        "layout = \"broadsheet\"\n\n[[article]]\nfile = \"far.md\"\n",
    )
    .expect("write");
    let err = refused(&build(&page, to_epub), "page.toml:4:");
    assert!(err.contains("lies outside its folder"), "{err}");
    // A serial whose installment is a link out of its folder.
    let serial = serial_in(dir.path());
    let far = outside.path().join("0004.md");
    let text = std::fs::read_to_string(serial.join("0003.md")).expect("read");
    std::fs::write(&far, text.replace("installment = 3", "installment = 4")).expect("write");
    std::os::unix::fs::symlink(&far, serial.join("0004.md")).expect("link");
    let err = refused(
        &build(&serial, to_epub),
        "0004.md lies outside the serial's folder",
    );
    assert!(err.contains("--allow-outside"), "{err}");
    assert_ok(&build(&serial, allowed));
    // Named without a folder, from inside it: the same refusals (the
    // folder of "in.md" is the empty path, that is the current folder).
    for (name, what) in [
        ("in.md", "leads out of the article's folder"),
        ("page.toml", "lies outside its folder"),
    ] {
        let mut c = typeset(&[OsStr::new(name)]);
        c.args(to_epub).current_dir(dir.path());
        refused(&run_bounded(c), what);
    }
}

/// The boxes (x min, x max) of the words pdftotext finds in `pdf`.
fn word_boxes(pdf: &std::path::Path) -> Vec<(f64, f64)> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let number = |s: &str, key: &str| -> f64 {
        let from = s.find(key).expect("attribute") + key.len();
        s[from..]
            .split('"')
            .next()
            .expect("value")
            .parse()
            .expect("number")
    };
    html.split("<word ")
        .skip(1)
        .map(|w| (number(w, "xMin=\""), number(w, "xMax=\"")))
        .collect()
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn unbreakable_text_is_cut_inside_a_13_character_column_and_kept_whole() {
    need("pdftotext");
    let dir = tempdir();
    let layout = dir.path().join("narrow.toml");
    std::fs::write(
        &layout,
        "extends = \"book\"\nname = \"narrow\"\n\n[grid]\nchars = 13\n",
    )
    .expect("write");
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    let cases = [
        ("1234567890".repeat(10_000), '7', 10_000),
        (
            format!("https://example.com/{}", "a1b2c3d4e5".repeat(10_000)),
            'd',
            10_000,
        ),
        (format!("{word}，{word}{word}"), 'v', 3),
        (
            "（".repeat(2_000) + &"……".repeat(12) + &"——".repeat(9),
            '（',
            2_000,
        ),
    ];
    for (run, probe, count) in cases {
        let input = dir.path().join("in.md");
        let text = format!("+++\ntitle = \"长串\"\n+++\n\n前文{run}后文。\n");
        std::fs::write(&input, text).expect("write");
        let pdf = dir.path().join("out.pdf");
        let out = build(
            &input,
            &[
                OsStr::new("--layout"),
                layout.as_os_str(),
                OsStr::new("--pdf"),
                pdf.as_os_str(),
            ],
        );
        let err = assert_ok(&out);
        assert!(
            err.contains("in.md:5:1: warning: no allowed break fits the column"),
            "{err}"
        );
        assert!(!err.contains("wider than its column"), "{err}");
        let pages = pdf_pages(&pdf).concat();
        let found = pages.chars().filter(|&c| c == probe).count();
        // Folios may add digits; nothing may be lost.
        assert!(
            found >= count && found < count + 400,
            "{probe}: {found} of {count}"
        );
        // Every word box within one 13-character column (136.5 pt; an
        // opening bracket's blank half may sit before the line start).
        let boxes = word_boxes(&pdf);
        let left = boxes.iter().map(|b| b.0).fold(f64::MAX, f64::min);
        let right = boxes.iter().map(|b| b.1).fold(f64::MIN, f64::max);
        assert!(
            right - left <= 136.5 + 6.0,
            "text spans {:.1} pt",
            right - left
        );
    }
}

#[test]
fn the_lines_dump_marks_lines_cut_as_a_last_resort() {
    let dir = tempdir();
    let input = dir.path().join("in.md");
    let text = format!(
        "+++\ntitle = \"长串\"\n+++\n\n前文{}后文。\n",
        "9".repeat(500)
    );
    std::fs::write(&input, text).expect("write");
    let out = build(&input, &[OsStr::new("--dump-lines")]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{all}");
    assert!(
        all.contains("FORCED: no allowed break fits the measure"),
        "{all}"
    );
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_caption_is_set_whole_or_refused_at_its_figure() {
    let dir = tempdir();
    let pdf = dir.path().join("out.pdf");
    let caption = |n: usize| -> String {
        (0..n)
            .map(|i| format!("这是一段很长的图片说明文字第{i}句。"))
            .collect()
    };
    let write = |n: usize| {
        let input = article_with_figure(dir.path(), "fig.jpg", &jpeg(120, 80));
        let text = std::fs::read_to_string(&input).expect("read");
        std::fs::write(&input, text.replace("![图]", &format!("![{}]", caption(n))))
            .expect("write");
        input
    };
    // About 3,700 characters: more than a column holds under the figure.
    let input = write(200);
    let err = refused(
        &build(&input, &[OsStr::new("--pdf"), pdf.as_os_str()]),
        "in.md:7:1",
    );
    assert!(
        err.contains("caption is longer than the column can hold"),
        "{err}"
    );
    assert!(!pdf.exists());
    // A long caption that fits is set whole.
    let input = write(12);
    assert_ok(&build(&input, &[OsStr::new("--pdf"), pdf.as_os_str()]));
    need("pdftotext");
    let text: String = pdf_pages(&pdf).concat().split_whitespace().collect();
    for i in 0..12 {
        assert!(
            text.contains(&format!("第{i}句")),
            "sentence {i} lost: {text}"
        );
    }
}

#[test]
fn an_article_with_cr_only_line_ends_is_read_as_lines() {
    let dir = tempdir();
    let input = dir.path().join("in.md");
    std::fs::write(
        &input,
        "+++\rtitle = \"标题\"\r+++\r\r正文第一段。\r\r第二段。\r",
    )
    .expect("write");
    let paras = dir.path().join("paras.txt");
    assert_ok(&build(
        &input,
        &[OsStr::new("--paragraphs"), paras.as_os_str()],
    ));
    let text = std::fs::read_to_string(&paras).expect("paragraphs");
    assert!(text.lines().any(|l| l == "正文第一段。"), "{text}");
    assert!(text.lines().any(|l| l == "第二段。"), "{text}");
    // A mistake after CR-only lines is placed on its own line.
    std::fs::write(
        &input,
        "+++\rtitle = \"标题\"\rdate = \"昨天\"\r+++\r\r正文。\r",
    )
    .expect("write");
    refused(
        &build(&input, &[OsStr::new("--paragraphs"), paras.as_os_str()]),
        "in.md:3:8",
    );
}

#[test]
fn a_dash_sends_the_single_output_to_standard_output() {
    let (dir, input) = with_article();
    let out = build(&input, &[OsStr::new("--pdf"), OsStr::new("-")]);
    assert_ok(&out);
    assert!(out.stdout.starts_with(b"%PDF-"), "the PDF on stdout");
    assert!(!dir.path().join("-").exists(), "no file named -");
    let epub = dir.path().join("out.epub");
    let two = &[
        OsStr::new("--pdf"),
        OsStr::new("-"),
        OsStr::new("--epub"),
        epub.as_os_str(),
    ];
    refused(
        &build(&input, two),
        "only one output may go to standard output",
    );
    assert!(!epub.exists());
}

/// A number, an address or marks that may not be parted, beside a figure
/// in a slot narrower than they are: the line moves below the figure
/// instead of running over the column's edge; nothing is lost.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn text_too_wide_for_the_slot_beside_a_figure_moves_below_it() {
    need("pdftotext");
    let dir = tempdir();
    let layout = dir.path().join("narrow.toml");
    std::fs::write(
        &layout,
        "extends = \"book\"\nname = \"narrow\"\n\n[grid]\nchars = 13\n",
    )
    .expect("write");
    let badge = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/figures/badge.png");
    std::fs::copy(badge, dir.path().join("badge.png")).expect("copy the figure");
    let lead = "前文一二三四五六七八九十一二三四五六七八九十一二";
    for (run, figure) in [
        ("34567890123", "width=0.7 row=3 x=0.35"),
        (
            "https://example.com/abcdefghijk",
            "width=0.7 row=3 x=0.35 wrap=round",
        ),
        ("……——……12345678", "width=0.75 row=3 x=0.375"),
    ] {
        let input = dir.path().join("in.md");
        let text = format!(
            "+++\ntitle = \"图旁\"\n+++\n\n{lead}{run}三四五六七八九十。\n\n![图](badge.png \"{figure}\")\n\n后文。\n"
        );
        std::fs::write(&input, text).expect("write");
        let pdf = dir.path().join("out.pdf");
        let out = build(
            &input,
            &[
                OsStr::new("--layout"),
                layout.as_os_str(),
                OsStr::new("--pdf"),
                pdf.as_os_str(),
            ],
        );
        assert_ok(&out);
        let all = pdf_pages(&pdf).concat();
        let squeezed: String = all.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(squeezed.contains(run), "{run} lost or parted: {all}");
        // Every word box inside the one 13-character column (136.5 pt),
        // the headline's rule as its left edge.
        let boxes = word_boxes(&pdf);
        let left = boxes.iter().map(|b| b.0).fold(f64::MAX, f64::min);
        for b in &boxes {
            assert!(
                b.1 <= left + 136.5 + 0.05,
                "{run}: a word ends at {:.1}, the column at {:.1}",
                b.1,
                left + 136.5
            );
        }
    }
}
