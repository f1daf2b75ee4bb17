//! Optional OCR: a scanned page read by Tesseract, through its command-line
//! program (`tesseract`, with the `chi_sim` or `chi_tra` data of Debian's
//! tesseract-ocr-chi-sim and tesseract-ocr-chi-tra packages). Its text then
//! goes through [`super::clean`] like any other OCR's: nothing in the
//! structure stage knows where the text came from.

use std::path::Path;
use std::process::Command;

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

/// The text Tesseract reads on `image` in `lang`; an error that says what
/// to install when the program or its language data is missing.
pub fn recognise(image: &Path, lang: &str) -> Result<String, String> {
    if !valid_lang(lang) {
        return Err(format!(
            "{lang:?} is not an OCR language\n  hint: chi_sim (Simplified), chi_tra (Traditional), or several joined by +"
        ));
    }
    let out = Command::new("tesseract")
        .arg(image)
        .arg("stdout")
        .arg("-l")
        .arg(lang)
        .output()
        .map_err(|e| {
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
    String::from_utf8(out.stdout).map_err(|_| "tesseract's text is not UTF-8".to_string())
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
