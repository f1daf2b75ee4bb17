//! Traditional Chinese (zh-Hant, zh-TW, zh-HK): set in the bundled TC
//! faces, with their centred marks drawn as the face draws them (so the
//! text layer extracts as written), and labelled in Traditional words, in
//! the PDF and the EPUB.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn example(name: &str) -> std::path::PathBuf {
    root().join("examples").join(name)
}

/// The faces a PDF embeds, from its font dictionaries' BaseFont names.
fn base_fonts(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    let mut names: Vec<String> = text
        .split("/BaseFont /")
        .skip(1)
        .filter_map(|s| s.split(['/', ' ', '>', '\n']).next())
        .filter_map(|n| n.split_once('+').map(|(_, f)| f.to_string()))
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn traditional_text_is_set_in_the_tc_faces_in_both_modes() {
    let tmp = tempdir();
    for (i, (name, mode)) in [
        ("hant-note.md", "horizontal"),
        ("hant-note.md", "vertical"),
        ("hant-harbour.md", "vertical"),
    ]
    .into_iter()
    .enumerate()
    {
        let dir = tmp.path().join(i.to_string());
        fs::create_dir(&dir).unwrap();
        let src = example(name);
        let out = compile(
            &dir,
            &[src.as_os_str(), "--writing".as_ref(), mode.as_ref()],
        );
        let fonts = base_fonts(&out.pdf_bytes());
        assert!(
            fonts.contains(&"NotoSerifCJKtc-Regular".to_string()),
            "{name} {mode}: {fonts:?}"
        );
        assert!(
            fonts.contains(&"NotoSansCJKtc-Bold".to_string()),
            "{name} {mode}: {fonts:?}"
        );
        assert!(
            fonts.iter().all(|f| f.contains("tc-")),
            "{name} {mode}: no SC face: {fonts:?}"
        );
    }
    // Simplified text keeps the SC faces.
    let dir = tmp.path().join("hans");
    fs::create_dir(&dir).unwrap();
    let out = compile(&dir, &[example("night-bus.md").as_os_str()]);
    let fonts = base_fonts(&out.pdf_bytes());
    assert!(fonts.iter().all(|f| !f.contains("tc-")), "{fonts:?}");
}

/// Breaks `pdftotext -raw` makes that are not ends of set lines, as the
/// two characters either side. Spaces are left out of both (the extracted
/// text has the Han–Latin gaps as spaces, `--dump-lines` does not).
fn breaks_inside_lines(extracted: &str, set_lines: &[String]) -> Vec<String> {
    let count = |s: &str| s.chars().filter(|c| *c != ' ').count();
    let mut ends = std::collections::HashSet::new();
    let mut at = 0;
    for l in set_lines {
        at += count(l);
        ends.insert(at);
    }
    let chars: Vec<char> = extracted
        .chars()
        .filter(|c| !matches!(c, '\n' | ' '))
        .collect();
    let mut breaks = Vec::new();
    let mut at = 0;
    for line in extracted.lines() {
        at += count(line);
        if !ends.contains(&at) && at > 0 && at < chars.len() {
            breaks.push(format!("{}{}", chars[at - 1], chars[at]));
        }
    }
    breaks
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn marks_extract_without_spaces_or_breaks_inside_lines() {
    need("pdftotext");
    // A mark drawn into the next character's cell broke the line after it
    // (，推 ，山 。院 … 24 times in hant-note); compressed marks (推入 and
    // pairs such as 。」) moved the pen back, and pdftotext broke the line
    // there too (1,169 lines of marks alone in a generated zh-Hant serial).
    for name in ["hant-note.md", "night-bus.md"] {
        let tmp = tempdir();
        let src = example(name);
        let out = compile(tmp.path(), &[src.as_os_str()]);
        let text = out.pdf_pages().concat();
        let dump = run(&[src.as_os_str(), "--dump-lines".as_ref()]);
        assert_ok(&dump);
        let dump = String::from_utf8_lossy(&dump.stdout);
        let set_lines: Vec<String> = (dump.lines())
            .filter_map(|l| l.split('│').nth(1).map(str::to_string))
            .collect();
        assert!(set_lines.len() > 20);
        let pushed_in = dump.lines().filter(|l| l.contains("ratio -")).count();
        assert!(pushed_in > 0, "{name}: no compressed line to read back");
        // At a mark, either side (the running head and folio aside).
        let mark = |c: char| "，。、：；！？「」『』“”‘’（）《》…—".contains(c);
        let at_marks: Vec<String> = breaks_inside_lines(&text, &set_lines)
            .into_iter()
            .filter(|b| b.chars().any(mark))
            .collect();
        assert!(at_marks.is_empty(), "{name}: {at_marks:?}\n{text}");
        if name.starts_with("hant") {
            assert!(!text.contains(' '), "no space the source lacks:\n{text}");
        }
    }
}

/// A serial in `tmp` with two installments in `lang` (said by each, so
/// that one installment on its own is in it too).
fn serial(tmp: &Path, lang: &str) -> std::path::PathBuf {
    let dir = tmp.join(format!("serial-{lang}"));
    fs::create_dir(&dir).unwrap();
    let head = "work = \"長河燈影\"\nauthor = \"沈南星\"\n";
    fs::write(
        dir.join("serial.toml"),
        format!("{head}lang = \"{lang}\"\n"),
    )
    .unwrap();
    for n in 1..=2 {
        let text = format!(
            "+++\nkind = \"serial\"\nlang = \"{lang}\"\ntitle = \"第{n}回\"\ndate = 2026-11-27\n[serial]\n{head}installment = {n}\n+++\n\n她想了想，把信重新摺好。「你聽說了嗎？」\n"
        );
        fs::write(dir.join(format!("{n:04}.md")), text).unwrap();
    }
    dir
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn books_and_labels_speak_the_texts_language() {
    let tmp = tempdir();
    for (lang, contents, installment) in [("zh-TW", "目錄", "連載"), ("zh-Hans", "目录", "连载")]
    {
        let dir = serial(tmp.path(), lang);
        let out_dir = tmp.path().join(format!("out-{lang}"));
        fs::create_dir(&out_dir).unwrap();
        let book = compile(&out_dir, &[dir.as_os_str()]);
        let nav = book.epub_entry("OEBPS/nav.xhtml");
        assert!(
            nav.contains(&format!("<h1>{contents}</h1>")),
            "{lang}: {nav}"
        );
        let cover = book.epub_entry("OEBPS/text/cover.xhtml");
        assert!(cover.contains("沈南星 著"), "{lang}: {cover}");
        need("pdftotext");
        let pages = book.pdf_pages();
        assert!(pages[1].contains(contents), "{lang}: {}", pages[1]);
        // One installment on its own carries the serial label.
        let one = tmp.path().join(format!("one-{lang}"));
        fs::create_dir(&one).unwrap();
        let article = compile(&one, &[dir.join("0002.md").as_os_str()]);
        let text = article.epub_text();
        assert!(
            text.contains(&format!("{installment}2　《長河燈影》　沈南星 著")),
            "{lang}: {text}"
        );
    }
}

#[test]
fn the_epub_names_tc_families_for_traditional_text() {
    let tmp = tempdir();
    let out = compile(tmp.path(), &[example("hant-harbour.md").as_os_str()]);
    let css = out.epub_entry("OEBPS/style.css");
    for lang in ["zh-Hant", "zh-TW", "zh-HK"] {
        assert!(css.contains(&format!(":lang({lang})")), "{lang}");
    }
    assert!(css.contains("\"Noto Serif CJK TC\"") && css.contains("\"Noto Sans CJK TC\""));
    let chapter = out.epub_entry("OEBPS/text/chapter0001.xhtml");
    assert!(chapter.contains("lang=\"zh-HK\""), "{chapter}");
}

#[cfg_attr(no_pdftotext, ignore = "pdftotext (poppler-utils) is not installed")]
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn han_latin_gaps_extract_without_spaces() {
    need("pdftotext");
    // The ¼ em between Han text and a number is drawn, not written: it
    // extracted as a space the source lacks (凌晨一点，37 路末班车, 40 in
    // night-bus), and now shares a span with the glyphs either side.
    let tmp = tempdir();
    let out = compile(tmp.path(), &[example("night-bus.md").as_os_str()]);
    let text = out.pdf_pages().concat();
    for want in ["，37路末班车", "全程28.6公里"] {
        assert!(text.contains(want), "{want} not in:\n{text}");
    }
    let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let spaced: Vec<&str> = text
        .lines()
        .filter(|l| {
            let c: Vec<char> = l.chars().collect();
            c.windows(3).any(|w| {
                w[1] == ' '
                    && ((han(w[0]) && w[2].is_ascii_digit())
                        || (w[0].is_ascii_digit() && han(w[2])))
            })
        })
        .collect();
    // The running head's date is furniture, written with its spaces.
    assert!(spaced.len() <= 1, "{spaced:?}");
}
