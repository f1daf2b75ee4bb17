//! Optional OCR: a scanned page read by Tesseract, through its command-line
//! program (`tesseract`, with the `chi_sim` or `chi_tra` data of Debian's
//! tesseract-ocr-chi-sim and tesseract-ocr-chi-tra packages). Its text then
//! goes through [`super::clean`] like any other OCR's: nothing in the
//! structure stage knows where the text came from.

use std::path::Path;
use std::process::Command;

use super::ocr_lines;

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

/// Runs Tesseract on `image` in `lang`, writing `base.txt` and, with
/// `tsv`, `base.tsv`; an error that says what to install when the program
/// or its language data is missing.
fn tesseract(image: &Path, base: &Path, lang: &str, tsv: bool) -> Result<(), String> {
    let mut cmd = Command::new("tesseract");
    cmd.arg(image).arg(base).arg("-l").arg(lang).arg("txt");
    if tsv {
        cmd.arg("tsv");
    }
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

/// The text Tesseract reads on `image` in `lang`. A page scanned at 300
/// dpi or more is read twice, at full size and scaled to half, and the
/// large lines only the second reading has (bold section heads Tesseract
/// loses at full size) are put into the first ([`super::ocr_lines`]).
pub fn recognise(image: &Path, lang: &str) -> Result<String, String> {
    if !valid_lang(lang) {
        return Err(format!(
            "{lang:?} is not an OCR language\n  hint: chi_sim (Simplified), chi_tra (Traditional), or several joined by +"
        ));
    }
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let full = dir.path().join("full");
    tesseract(image, &full, lang, true)?;
    let read = |ext: &str| std::fs::read(full.with_extension(ext)).unwrap_or_default();
    let text =
        String::from_utf8(read("txt")).map_err(|_| "tesseract's text is not UTF-8".to_string())?;
    let lines = ocr_lines::tsv_lines(&String::from_utf8_lossy(&read("tsv")), 1);
    if ocr_lines::median_height(&lines) < HALF_FROM {
        return Ok(text);
    }
    // An image the image crate cannot scale (TIFF, BMP, …) is read once.
    let Ok(img) = image::open(image) else {
        return Ok(text);
    };
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
    tesseract(&half_png, &half, lang, true)?;
    let tsv = std::fs::read(half.with_extension("tsv")).unwrap_or_default();
    let half_lines = ocr_lines::tsv_lines(&String::from_utf8_lossy(&tsv), 2);
    Ok(ocr_lines::merge(&text, &lines, &half_lines).0)
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
