//! Optional OCR: a scanned page read by Tesseract, through its command-line
//! program (`tesseract`, with the `chi_sim` or `chi_tra` data of Debian's
//! tesseract-ocr-chi-sim and tesseract-ocr-chi-tra packages). Its text then
//! goes through [`super::clean`] like any other OCR's: nothing in the
//! structure stage knows where the text came from.

use std::path::Path;
use std::process::Command;

use super::ocr_display;
use super::ocr_lines::{self, Line};

/// File types handed to the OCR engine rather than read as text.
const IMAGES: [&str; 9] = [
    "png", "jpg", "jpeg", "tif", "tiff", "bmp", "pbm", "pgm", "ppm",
];

/// An image to read with OCR, by its extension.
pub fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGES.contains(&e.to_ascii_lowercase().as_str()))
}

/// Tesseract's language names: letters, digits, `_` and `+` between them
/// (chi_sim, chi_tra, chi_sim+eng).
fn valid_lang(lang: &str) -> bool {
    !lang.is_empty()
        && lang
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '+')
}

/// A page whose lines' boxes are this tall (pixels, the median) is read
/// again scaled to half: at 300 dpi a 10.5-point line's box (its marks
/// included) is about 60 px; at 200 dpi, 40, and half of that is too
/// small to read.
const HALF_FROM: i32 = 48;

/// Runs Tesseract on `image` in `lang`, writing `base.txt` and
/// `base.tsv` (with `line`, one line's image read as such: `--psm 7`, the
/// TSV only); an error that says what to install when the program or its
/// language data is missing.
fn tesseract(image: &Path, base: &Path, lang: &str, line: bool) -> Result<(), String> {
    let mut cmd = Command::new("tesseract");
    cmd.arg(image).arg(base).arg("-l").arg(lang);
    if line {
        cmd.args(["--psm", "7"]);
    } else {
        cmd.arg("txt");
    }
    cmd.arg("tsv");
    let out = cmd.output().map_err(|e| {
        format!(
            "cannot run tesseract ({e})\n  hint: install it, e.g. apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra"
        )
    })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(format!(
            "tesseract could not read the image: {last}\n  hint: is the {lang} language data installed (tesseract --list-langs)?"
        ));
    }
    Ok(())
}

/// The text Tesseract reads on `image` in `lang`, its display lines read
/// again and marked ([`super::ocr_display`]). A page scanned at 300 dpi
/// or more is read twice, at full size and scaled to half, and the large
/// lines only the second reading has (bold section heads Tesseract loses
/// at full size) are put into the first ([`super::ocr_lines`]).
pub fn recognise(image: &Path, lang: &str) -> Result<String, String> {
    if !valid_lang(lang) {
        return Err(format!(
            "{lang:?} is not an OCR language\n  hint: chi_sim (Simplified), chi_tra (Traditional), or several joined by +"
        ));
    }
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let full = dir.path().join("full");
    tesseract(image, &full, lang, false)?;
    let read = |ext: &str| std::fs::read(full.with_extension(ext)).unwrap_or_default();
    let text =
        String::from_utf8(read("txt")).map_err(|_| "tesseract's text is not UTF-8".to_string())?;
    let lines = ocr_lines::tsv_lines(&String::from_utf8_lossy(&read("tsv")), 1);
    // An image the image crate cannot read (TIFF, BMP, …) is read once,
    // as Tesseract reads it.
    let Ok(img) = image::open(image) else {
        return Ok(text);
    };
    let again = reread_display(&img, &lines, dir.path(), lang);
    let (text, lines) = ocr_display::rewrite(&text, &lines, &again);
    if ocr_lines::median_height(&lines) < HALF_FROM {
        return Ok(text);
    }
    let half_png = dir.path().join("half.png");
    let small = img.resize_exact(
        img.width() / 2,
        img.height() / 2,
        image::imageops::FilterType::Lanczos3,
    );
    if small.save(&half_png).is_err() {
        return Ok(text);
    }
    let half = dir.path().join("half");
    tesseract(&half_png, &half, lang, false)?;
    let tsv = std::fs::read(half.with_extension("tsv")).unwrap_or_default();
    let half_lines = ocr_lines::tsv_lines(&String::from_utf8_lossy(&tsv), 2);
    Ok(ocr_lines::merge(&text, &lines, &half_lines).0)
}

/// Each display line read again on its own: cropped with a quarter of its
/// height around it, scaled to the body's median height and read as one
/// line. `Some` where that reading is the better one.
fn reread_display(
    img: &image::DynamicImage,
    lines: &[Line],
    dir: &Path,
    lang: &str,
) -> Vec<Option<Line>> {
    let display = ocr_display::candidates(lines);
    let med = ocr_lines::median_height(lines).max(1) as u32;
    let (iw, ih) = (img.width() as i32, img.height() as i32);
    let read_one = |i: usize, l: &Line| -> Option<Line> {
        let m = (l.bottom - l.top) / 4;
        let (x, y) = ((l.left - m).max(0), (l.top - m).max(0));
        let (w, h) = ((l.right + m).min(iw) - x, (l.bottom + m).min(ih) - y);
        if w <= 0 || h <= 0 {
            return None;
        }
        let (w, h) = (w as u32, h as u32);
        let crop = img.crop_imm(x as u32, y as u32, w, h);
        // The crop's height is the line's and half again (the margins).
        let line_h = (l.bottom - l.top).max(1) as u32;
        let scaled = crop.resize_exact(
            (w * med / line_h).max(1),
            (h * med / line_h).max(1),
            image::imageops::FilterType::Lanczos3,
        );
        let png = dir.join(format!("line{i}.png"));
        scaled.save(&png).ok()?;
        let base = dir.join(format!("line{i}"));
        tesseract(&png, &base, lang, true).ok()?;
        let tsv = std::fs::read(base.with_extension("tsv")).ok()?;
        let again = ocr_lines::tsv_lines(&String::from_utf8_lossy(&tsv), 1);
        let [one] = again.as_slice() else {
            return None;
        };
        ocr_display::better_reading(l, one).then(|| ocr_display::settled(l, one))
    };
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| display[i].then(|| read_one(i, l)).flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_and_languages() {
        assert!(is_image(Path::new("page.PNG")) && is_image(Path::new("a/b.tiff")));
        assert!(!is_image(Path::new("page.txt")) && !is_image(Path::new("page")));
        assert!(valid_lang("chi_sim") && valid_lang("chi_sim+eng"));
        assert!(!valid_lang("") && !valid_lang("chi sim") && !valid_lang("-psm"));
        assert!(recognise(Path::new("x.png"), "a b").is_err());
    }
}
