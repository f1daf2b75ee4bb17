//! The PDF writer's own logic, on the bundled fonts: the text layer
//! (ToUnicode), the metrics arrays, subset names, content-stream
//! operators, metadata, identifiers, and whole documents read back.

use std::sync::OnceLock;

use pdf_writer::{Content, Pdf, Ref};

use super::content::register_run;
use super::font::{subset_tag, to_unicode, vertical_metrics, widths};
use super::image::{Pixels, Space, jpeg_components};
use super::run::{Within, char_spacing, common_gap, write_run};
use super::*;
use crate::compose::{Dot, PageItem, PlacedGlyph, Rule, RunMode, TextRun};
use crate::resolve::FontBook;

/// The bundled fonts with one CJK face loaded (the first that has 中).
fn book() -> &'static (FontBook, FontId) {
    static BOOK: OnceLock<(FontBook, FontId)> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut book = FontBook::new(&[], false).expect("bundled fonts");
        let id = book.fallback('中').expect("a bundled face has 中");
        (book, id)
    })
}

fn gid(c: char) -> u16 {
    let (book, id) = book();
    book.font(*id).face().glyph_index(c).expect("glyph").0
}

/// A usage whose glyphs stand for the given texts, in order.
fn usage_of(glyphs: &[(u16, &str)]) -> FontUsage {
    let mut u = FontUsage::new();
    for (g, t) in glyphs {
        u.cid(*g, t);
    }
    u
}

fn cmap_text(u: &FontUsage) -> String {
    String::from_utf8(to_unicode(u)).expect("a CMap is ASCII")
}

#[test]
fn to_unicode_maps_a_ligature_to_its_letters() {
    // The remapper keeps glyph 0 as CID 0, so the first glyph is CID 1.
    let u = usage_of(&[(300, "fi"), (301, "l")]);
    let cmap = cmap_text(&u);
    assert!(cmap.contains("<0001> <00660069>"), "{cmap}");
    assert!(cmap.contains("<0002> <006C>"), "{cmap}");
}

#[test]
fn to_unicode_maps_a_cluster_and_astral_characters() {
    // e + combining acute as one glyph; U+20000 as a UTF-16 surrogate pair.
    let u = usage_of(&[(40, "e\u{301}"), (41, "𠀀")]);
    let cmap = cmap_text(&u);
    assert!(cmap.contains("<0001> <00650301>"), "{cmap}");
    assert!(cmap.contains("<0002> <D840DC00>"), "{cmap}");
}

#[test]
fn to_unicode_keeps_the_first_text_and_skips_cluster_tails() {
    // The same glyph later standing for other text, the rest of a cluster
    // (empty text) and glyph 0 add nothing to the text layer.
    let u = usage_of(&[(7, "a"), (7, "b"), (8, ""), (0, "x")]);
    let cmap = cmap_text(&u);
    assert!(cmap.contains("<0001> <0061>"), "{cmap}");
    assert!(
        !cmap.contains("<0062>") && !cmap.contains("<0078>"),
        "{cmap}"
    );
    assert!(
        !cmap.contains("<0002>"),
        "the tail glyph has no text: {cmap}"
    );
}

#[test]
fn widths_are_thousandths_of_an_em_in_cid_order() {
    let (book, id) = book();
    let font = book.font(*id);
    let (zhong, i) = (gid('中'), gid('i'));
    let u = usage_of(&[(zhong, "中"), (i, "i")]);
    let w = widths(font, &u);
    // CID 0 (.notdef), then 中 (a full em), then i (proportional).
    assert_eq!(w.len(), 3);
    assert_eq!(w[1], 1000.0);
    let units = font
        .face()
        .glyph_hor_advance(ttf_parser::GlyphId(i))
        .unwrap() as f32;
    assert_eq!(w[2], units * 1000.0 / font.units_per_em as f32);
    assert!(w[2] > 100.0 && w[2] < 600.0, "i is narrow: {}", w[2]);
}

#[test]
fn vertical_metrics_give_advance_and_origin_per_cid() {
    let (book, id) = book();
    let font = book.font(*id);
    let u = usage_of(&[(gid('中'), "中")]);
    let m = vertical_metrics(font, &u);
    // (w1y, vx, vy) for CID 0 and CID 1.
    assert_eq!(m.len(), 6);
    let (w1, vx, vy) = (m[3], m[4], m[5]);
    assert_eq!(w1, -1000.0, "an ideograph advances one em down");
    assert_eq!(vx, 500.0, "the origin is half the width across");
    // The vertical origin is the top of the ideographic em box: 0.88 em.
    assert_eq!(vy, 880.0);
}

#[test]
fn subset_tag_is_six_letters_derived_from_the_glyph_set() {
    let a = usage_of(&[(10, "一"), (11, "二")]);
    let tag = subset_tag("NotoSerifSC-Regular", &a);
    assert_eq!(tag.len(), 6);
    assert!(tag.bytes().all(|b| b.is_ascii_uppercase()), "{tag}");
    let again = usage_of(&[(10, "一"), (11, "二")]);
    assert_eq!(subset_tag("NotoSerifSC-Regular", &again), tag);
    let other = usage_of(&[(10, "一"), (12, "三")]);
    assert_ne!(subset_tag("NotoSerifSC-Regular", &other), tag);
    assert_ne!(subset_tag("NotoSansSC-Regular", &a), tag);
}

#[test]
fn common_gap_needs_half_the_gaps() {
    let g = |v: &[f64]| -> Vec<(i64, f64)> {
        v.iter()
            .map(|&x| ((x * 1000.0).round() as i64, x))
            .collect()
    };
    assert_eq!(common_gap(&mut g(&[0.5, 0.5, 0.5, 2.0])), 0.5);
    assert_eq!(common_gap(&mut g(&[0.25, 1.0])), 0.25, "one of two is half");
    assert_eq!(common_gap(&mut g(&[0.1, 0.2, 0.3])), 0.0, "no majority");
    assert_eq!(
        common_gap(&mut g(&[0.0, 0.0, 0.3])),
        0.0,
        "zero is no spacing"
    );
    assert_eq!(common_gap(&mut []), 0.0);
    assert_eq!(
        common_gap(&mut g(&[-0.25, -0.25, 0.25])),
        0.0,
        "no negative character spacing"
    );
    // The value written is the f32 the file holds.
    assert_eq!(common_gap(&mut g(&[0.1, 0.1])), 0.1f32 as f64);
}

#[test]
fn char_spacing_follows_the_mode() {
    assert_eq!(char_spacing(RunMode::Horizontal, 2.0, 1.0), 2.0);
    assert_eq!(char_spacing(RunMode::Vertical, 2.0, 1.0), -2.0);
    assert_eq!(char_spacing(RunMode::Combined(0.5), 2.0, 0.5), 4.0);
}

fn run(mode: RunMode, at: &[(f64, f64)]) -> TextRun {
    let text = "甲乙丙丁戊".to_string();
    let glyphs = at
        .iter()
        .enumerate()
        .map(|(k, &(x, y))| PlacedGlyph {
            id: 100 + k as u16,
            x: Pt(x),
            y: Pt(y),
            advance: Pt(10.0),
            text: (3 * k as u32)..(3 * k as u32 + 3),
        })
        .collect();
    TextRun {
        font: FontId(0),
        size: Pt(10.0),
        mode,
        oblique: false,
        actual_text: false,
        hung: None,
        joins: false,
        text,
        glyphs,
        source: None,
    }
}

/// A run's glyphs registered, then its content, as the writer does.
fn write_registered(
    c: &mut Content,
    run: &TextRun,
    u: &mut FontUsage,
    page_h: Pt,
    advance: &dyn Fn(u16) -> Pt,
) {
    register_run(run, u);
    write_run(
        c,
        (run, Within::Own),
        u,
        page_h,
        advance,
        &mut Default::default(),
    );
}

/// A run's content stream, every glyph advancing 10 pt, on a 200 pt page.
fn stream(run: &TextRun) -> String {
    let mut c = Content::new();
    let mut u = FontUsage::new();
    write_registered(&mut c, run, &mut u, Pt(200.0), &|_| Pt(10.0));
    String::from_utf8(c.finish().into_vec()).expect("ASCII operators")
}

#[test]
fn justified_horizontal_line_puts_its_gap_in_tc() {
    let s = stream(&run(
        RunMode::Horizontal,
        &[(0.0, 100.0), (12.0, 100.0), (24.0, 100.0), (36.0, 100.0)],
    ));
    assert!(s.contains("/F0 10 Tf"), "{s}");
    assert!(s.contains("1 0 0 1 0 100 Tm"), "{s}");
    assert!(s.contains("\n2 Tc"), "{s}");
    assert!(
        s.contains("[(\\000\\001\\000\\002\\000\\003\\000\\004)] TJ"),
        "{s}"
    );
    assert!(s.contains("0 Tc\nET"), "Tc is reset before ET: {s}");
}

#[test]
fn vertical_line_runs_down_with_negative_tc() {
    let s = stream(&run(
        RunMode::Vertical,
        &[(50.0, 10.0), (50.0, 22.0), (50.0, 34.0)],
    ));
    assert!(s.contains("/V0 10 Tf"), "{s}");
    assert!(s.contains("1 0 0 1 50 190 Tm"), "{s}");
    assert!(s.contains("\n-2 Tc"), "{s}");
    assert!(s.contains("[(\\000\\001\\000\\002\\000\\003)] TJ"), "{s}");
}

#[test]
fn an_odd_gap_becomes_a_tj_number_and_a_new_line_a_new_matrix() {
    // Gaps 0, 0 and 5 pt: no common spacing; 5 pt at 10 pt is 500/1000 em,
    // negative in horizontal text. The fifth glyph starts the next line.
    let s = stream(&run(
        RunMode::Horizontal,
        &[
            (0.0, 100.0),
            (10.0, 100.0),
            (20.0, 100.0),
            (35.0, 100.0),
            (0.0, 120.0),
        ],
    ));
    assert!(!s.contains("Tc"), "{s}");
    assert!(
        s.contains("[(\\000\\001\\000\\002\\000\\003) -500 (\\000\\004)] TJ"),
        "{s}"
    );
    assert!(s.contains("1 0 0 1 0 80 Tm"), "{s}");
}

#[test]
fn pdf_dates_are_utc() {
    let mut pdf = Pdf::new();
    let meta = PdfMeta {
        title: "题".into(),
        date: Some([2026, 11, 27, 8, 5, 9]),
        ..Default::default()
    };
    write_info(&mut pdf, Ref::new(1), &meta, None);
    let bytes = pdf.finish();
    let s = String::from_utf8_lossy(&bytes);
    assert!(s.contains("/CreationDate (D:20261127080509Z"), "{s}");
    assert!(s.contains("/ModDate (D:20261127080509Z"), "{s}");
}

fn page(items: Vec<PageItem>) -> Page {
    Page {
        number: 1,
        width: Pt(300.0),
        height: Pt(400.0),
        items,
    }
}

#[test]
fn document_ids_come_from_the_content() {
    let one = [page(Vec::new())];
    let id = content_name("甲", &one);
    assert_eq!(content_name("甲", &one), id);
    assert_ne!(content_name("乙", &one), id);
    let two = [page(Vec::new()), page(Vec::new())];
    assert_ne!(content_name("甲", &two), id);
    let (a, b) = file_id(b"body");
    assert_eq!((a.len(), b.len()), (16, 16));
    assert_eq!(file_id(b"body"), (a.clone(), b));
    assert_ne!(file_id(b"bodz").0, a);
}

#[test]
fn print_boxes_put_the_trim_inside_bleed_and_slug() {
    let spec = PrintSpec {
        bleed: Pt(9.0),
        standard: PdfX::X4,
    };
    let p = page(Vec::new());
    let off = f(spec.offset());
    let b = PageBoxes::new(&p, Some(&spec));
    assert_eq!(
        b.media,
        Rect::new(0.0, 0.0, 300.0 + 2.0 * off, 400.0 + 2.0 * off)
    );
    let (bleed, trim) = b.print.expect("print boxes");
    assert_eq!(trim, Rect::new(off, off, off + 300.0, off + 400.0));
    assert_eq!(
        bleed,
        Rect::new(off - 9.0, off - 9.0, off + 309.0, off + 409.0)
    );
    assert_eq!(PageBoxes::new(&p, None).print, None);
}

/// Two pages: text in the loaded face, a rule and a dot.
fn document() -> Vec<Page> {
    let (_, id) = book();
    let text_run = TextRun {
        font: *id,
        size: Pt(12.0),
        mode: RunMode::Horizontal,
        oblique: false,
        actual_text: false,
        hung: None,
        joins: false,
        text: "中文".into(),
        glyphs: vec![
            PlacedGlyph {
                id: gid('中'),
                x: Pt(20.0),
                y: Pt(50.0),
                advance: Pt(12.0),
                text: 0..3,
            },
            PlacedGlyph {
                id: gid('文'),
                x: Pt(32.0),
                y: Pt(50.0),
                advance: Pt(12.0),
                text: 3..6,
            },
        ],
        source: None,
    };
    let rule = Rule {
        x0: Pt(20.0),
        y0: Pt(60.0),
        x1: Pt(200.0),
        y1: Pt(60.0),
        width: Pt(0.5),
    };
    let dot = Dot {
        x: Pt(26.0),
        y: Pt(55.0),
        radius: Pt(1.0),
    };
    vec![
        page(vec![PageItem::Text(text_run.clone()), PageItem::Rule(rule)]),
        page(vec![PageItem::Text(text_run), PageItem::Dot(dot)]),
    ]
}

/// Checks the cross-reference table: every object it lists starts at its
/// offset. Returns the number of objects.
fn check_xref(pdf: &[u8]) -> usize {
    // Offsets count bytes, and the body holds binary streams: search bytes.
    let find = |needle: &[u8]| pdf.windows(needle.len()).rposition(|w| w == needle);
    let tail = String::from_utf8_lossy(&pdf[find(b"startxref").expect("startxref")..]);
    let start: usize = tail.split_whitespace().nth(1).unwrap().parse().unwrap();
    let table = String::from_utf8_lossy(&pdf[start..]);
    assert!(table.starts_with("xref\n0 "), "xref at startxref");
    let mut lines = table.lines().skip(1);
    let count: usize = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    for (n, entry) in lines.take(count).enumerate().skip(1) {
        let offset: usize = entry[..10].parse().expect("offset");
        let head = format!("{n} 0 obj");
        assert!(
            pdf[offset..].starts_with(head.as_bytes()),
            "object {n} at {offset}"
        );
    }
    count - 1
}

fn meta() -> PdfMeta {
    PdfMeta {
        title: "测试".into(),
        lang: "zh-Hans".into(),
        date: Some([2026, 1, 2, 3, 4, 5]),
        outline: vec![("一".into(), 0), ("二".into(), 1)],
        ..Default::default()
    }
}

#[test]
fn a_document_reads_back_with_its_pages_and_font() {
    let (book, _) = book();
    let pages = document();
    let bytes = write_pdf(&pages, book, &meta()).expect("pdf");
    assert!(check_xref(&bytes) > 10);
    let s = String::from_utf8_lossy(&bytes);
    assert!(
        s.contains("/Type /Pages") && s.contains("/Count 2"),
        "two pages"
    );
    assert_eq!(s.matches("/Type /Page\n").count(), 2);
    // One face, horizontal only: one Type0 font, one embedded program.
    assert_eq!(s.matches("/Subtype /Type0").count(), 1);
    assert_eq!(s.matches("/Encoding /Identity-H").count(), 1);
    assert!(
        !s.contains("/W2"),
        "no vertical metrics for horizontal text"
    );
    // The same input gives the same bytes.
    assert_eq!(write_pdf(&pages, book, &meta()).expect("pdf"), bytes);
    if tool("qpdf") {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.pdf");
        std::fs::write(&path, &bytes).expect("write");
        let out = std::process::Command::new("qpdf")
            .arg("--show-npages")
            .arg(&path)
            .output()
            .expect("qpdf");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2");
        let check = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf");
        assert!(check.status.success(), "qpdf --check: {check:?}");
    }
}

#[test]
fn a_print_document_has_boxes_intent_and_metadata() {
    let (book, _) = book();
    let mut m = meta();
    m.print = Some(PrintSpec {
        bleed: Pt(9.0),
        standard: PdfX::X4,
    });
    let bytes = write_pdf(&document(), book, &m).expect("pdf");
    check_xref(&bytes);
    let s = String::from_utf8_lossy(&bytes);
    assert_eq!(s.matches("/TrimBox").count(), 2);
    assert_eq!(s.matches("/BleedBox").count(), 2);
    assert!(s.contains("/OutputIntents") && s.contains("/Type /Metadata"));
    assert!(s.starts_with("%PDF-1.6"), "PDF/X-4 is built on PDF 1.6");
}

fn jpeg(img: &::image::DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut out),
        ::image::ImageFormat::Jpeg,
    )
    .expect("encode");
    out
}

#[test]
fn jpeg_headers_give_their_colour_components() {
    let rgb = ::image::DynamicImage::ImageRgb8(::image::RgbImage::new(4, 3));
    let gray = ::image::DynamicImage::ImageLuma8(::image::GrayImage::new(4, 3));
    assert_eq!(jpeg_components(&jpeg(&rgb)), Some((3, false)));
    assert_eq!(jpeg_components(&jpeg(&gray)), Some((1, false)));
    assert_eq!(jpeg_components(b"\xFF\xD8\x00\x00"), None, "not a marker");
}

#[test]
fn pdf_x1a_flattens_alpha_onto_white_and_print_is_cmyk() {
    // One grey pixel, half transparent, and one opaque black one.
    let la = ::image::GrayAlphaImage::from_raw(2, 1, vec![0, 128, 0, 255]).unwrap();
    let img = ::image::DynamicImage::ImageLumaA8(la);
    let screen = Pixels::new(img.clone(), None);
    assert_eq!(screen.space, Space::Gray);
    assert_eq!(
        (screen.samples.clone(), screen.alpha),
        (vec![0, 0], Some(vec![128, 255]))
    );
    let flat = Pixels::new(img, Some(PdfX::X1a));
    assert_eq!(flat.alpha, None, "PDF/X-1a has no soft masks");
    assert_eq!(flat.samples, vec![127, 0], "black at half alpha over white");
    let rgb = ::image::RgbImage::from_raw(2, 1, vec![0, 0, 0, 255, 0, 0]).unwrap();
    let print = Pixels::new(::image::DynamicImage::ImageRgb8(rgb), Some(PdfX::X4));
    assert_eq!(print.space, Space::Cmyk);
    // Through the FOGRA39 profile (print.rs): the colour-managed values.
    assert_eq!(
        print.samples,
        super::print::rgb_to_cmyk(&[0, 0, 0, 255, 0, 0])
    );
    assert_eq!(print.samples.len(), 8);
}

/// Whether an external tool is installed; where TYPESET_REQUIRE_TOOLS is
/// set (CI), its absence fails instead of skipping.
fn tool(name: &str) -> bool {
    let ok = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && std::env::var_os("TYPESET_REQUIRE_TOOLS").is_some() {
        panic!("{name} is required (TYPESET_REQUIRE_TOOLS is set) but not installed");
    }
    ok
}

#[test]
fn a_glyph_with_other_text_than_its_first_is_not_mapped() {
    let mut u = FontUsage::new();
    // A soft hyphen's glyph is recorded by text, a later hard hyphen on the
    // same glyph is not: its text would extract as the soft one.
    assert!(u.glyph(9, "-").mapped);
    assert!(u.glyph(9, "-").mapped, "the same text again");
    assert!(!u.glyph(9, "\u{AD}").mapped);
    assert_eq!(u.glyph(9, "\u{AD}").cid, u.glyph(9, "-").cid);
    // Cluster tails and glyph 0 have no text to give back.
    assert!(u.glyph(10, "").mapped && u.glyph(0, "x").mapped);
}

#[test]
fn registered_glyphs_answer_as_they_did_when_first_registered() {
    // The content streams are written after every page's glyphs were
    // registered, in any order: each use must get the answer it got in
    // order, whatever was registered after it.
    let long: String = std::iter::once('a')
        .chain(std::iter::repeat_n('\u{301}', 300))
        .collect();
    let uses = [
        (9, "-"),
        (7, "甲"),
        (9, "\u{AD}"),
        (9, "-"),
        (0, "x"),
        (10, ""),
        (11, long.as_str()),
        (7, "乙"),
        (12, "e\u{301}"),
    ];
    let mut u = FontUsage::new();
    let in_order: Vec<Mapped> = uses.iter().map(|&(g, t)| u.glyph(g, t)).collect();
    let later: Vec<Mapped> = uses.iter().map(|&(g, t)| u.registered(g, t)).collect();
    assert_eq!(later, in_order);
    assert_eq!(
        in_order.iter().filter(|m| !m.mapped).count(),
        3,
        "{in_order:?}"
    );
}

#[test]
fn a_cluster_too_long_for_bfchar_is_left_to_actual_text() {
    let mut u = FontUsage::new();
    let long: String = std::iter::once('a')
        .chain(std::iter::repeat_n('\u{301}', 300))
        .collect();
    assert!(!u.glyph(11, &long).mapped);
    assert!(!cmap_text(&u).contains("<0061"), "no truncated entry");
    // A short cluster still goes into the ToUnicode map.
    assert!(u.glyph(12, "e\u{301}").mapped);
}

/// A run whose glyphs `ids` stand for the characters of `text`, 10 pt apart.
fn run_of(text: &str, ids: &[u16], actual_text: bool) -> TextRun {
    let mut at = 0u32;
    let glyphs = text
        .chars()
        .zip(ids)
        .enumerate()
        .map(|(k, (c, &id))| {
            let start = at;
            at += c.len_utf8() as u32;
            PlacedGlyph {
                id,
                x: Pt(10.0 * k as f64),
                y: Pt(100.0),
                advance: Pt(10.0),
                text: start..at,
            }
        })
        .collect();
    TextRun {
        font: FontId(0),
        size: Pt(10.0),
        mode: RunMode::Horizontal,
        oblique: false,
        actual_text,
        hung: None,
        joins: false,
        text: text.into(),
        glyphs,
        source: None,
    }
}

#[test]
fn shared_glyphs_extract_as_written_through_actual_text() {
    // ～ and 〜 drawn with one glyph: the second gets an ActualText span
    // of its own, and the line's positions do not change.
    let mut c = Content::new();
    let mut u = FontUsage::new();
    write_registered(
        &mut c,
        &run_of("甲～乙〜", &[100, 200, 101, 200], false),
        &mut u,
        Pt(200.0),
        &|_| Pt(10.0),
    );
    let s = String::from_utf8_lossy(&c.finish().into_vec()).into_owned();
    assert!(
        s.contains("/ActualText <FEFF301C>\n>> BDC\n[(\\000\\002)] TJ\nEMC"),
        "{s}"
    );
    assert_eq!(s.matches("BDC").count(), 1, "only the odd glyph: {s}");
    assert_eq!(s.matches(" TJ").count(), 2, "{s}");
    assert!(s.contains("EMC\nET"), "{s}");
    assert!(cmap_text(&u).contains("<FF5E>"), "the first text is mapped");
}

#[test]
fn a_run_with_its_own_actual_text_records_no_text() {
    // A typeset hyphen (text U+00AD) before a hard one on the same glyph:
    // the hard hyphen still extracts as U+002D.
    let mut c = Content::new();
    let mut u = FontUsage::new();
    write_registered(
        &mut c,
        &run_of("\u{AD}", &[300], true),
        &mut u,
        Pt(200.0),
        &|_| Pt(10.0),
    );
    write_registered(
        &mut c,
        &run_of("-", &[300], false),
        &mut u,
        Pt(200.0),
        &|_| Pt(10.0),
    );
    let cmap = cmap_text(&u);
    assert!(
        cmap.contains("<002D>") && !cmap.contains("<00AD>"),
        "{cmap}"
    );
}

#[test]
fn a_glyph_drawn_back_into_the_previous_em_shares_its_actual_text_span() {
    // 甲乙丙丁戊 with 丙 drawn half an em back (a compressed pair) and 戊
    // a quarter back: poppler broke the line at each; each is spanned with
    // the glyph before it, in one TJ, the positions unchanged.
    let s = stream(&run(
        RunMode::Horizontal,
        &[
            (0.0, 100.0),
            (10.0, 100.0),
            (15.0, 100.0),
            (25.0, 100.0),
            (32.5, 100.0),
        ],
    ));
    assert!(
        s.contains("/ActualText <FEFF4E594E19>\n>> BDC\n[(\\000\\002) 500 (\\000\\003)] TJ\nEMC"),
        "乙丙 in one span: {s}"
    );
    assert!(
        s.contains("/ActualText <FEFF4E01620A>\n>> BDC\n[(\\000\\004) 250 (\\000\\005)] TJ\nEMC"),
        "丁戊 in one span: {s}"
    );
    assert!(s.contains("[(\\000\\001)] TJ"), "甲 alone: {s}");
    assert!(!s.contains("Tc"), "{s}");
    // A glyph drawn a little back (less than a tenth of an em) is not.
    let s = stream(&run(
        RunMode::Horizontal,
        &[(0.0, 100.0), (10.0, 100.0), (19.5, 100.0)],
    ));
    assert!(!s.contains("BDC"), "{s}");
}

#[test]
fn a_hung_mark_is_written_with_an_instance_of_its_set_width() {
    // 中文 and a comma hung past the measure at half width: the comma is
    // shown with a second Type0 instance of the same face (one program,
    // one ToUnicode map) whose every advance is the 500 thousandths it is
    // set in, so that a reader's box for it ends at the gutter's middle.
    let (book, id) = book();
    let mut pages = document();
    let comma = TextRun {
        hung: Some(500),
        text: "，".into(),
        glyphs: vec![PlacedGlyph {
            id: gid('，'),
            x: Pt(44.0),
            y: Pt(50.0),
            advance: Pt(6.0),
            text: 0..3,
        }],
        ..run_of("，", &[gid('，')], false)
    };
    pages[0].items.push(PageItem::Text(TextRun {
        font: *id,
        size: Pt(12.0),
        ..comma
    }));
    let bytes = write_pdf(&pages, book, &meta()).expect("pdf");
    let s = String::from_utf8_lossy(&bytes);
    assert_eq!(s.matches("/Subtype /Type0").count(), 2, "two instances");
    assert_eq!(s.matches("/Encoding /Identity-H").count(), 2);
    assert_eq!(
        s.matches("/FontFile3").count() + s.matches("/FontFile2").count(),
        1
    );
    assert_eq!(s.matches("/ToUnicode").count(), 2, "both name the one map");
    assert!(s.contains(&format!("/H{}w500", id.0)), "its resource name");
    assert!(s.contains("/DW 500"), "every advance half an em");
    assert_eq!(s.matches("/DW 1000").count(), 1, "the face's own instance");
    // A document with no hung mark has one instance (the test above).
}
