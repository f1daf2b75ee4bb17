//! Parse stage: article files (TOML front matter + CommonMark body) into
//! [`Article`] values.

mod article;
mod body;
mod edition;
mod front;
mod manifest;
mod serial;
mod yaml;

use std::path::Path;

pub use article::*;
pub use manifest::{
    EpubLayout, MANIFEST_KEYS, Manifest, ManifestPage, PageInfo, PlacedArticle, parse_manifest,
    read_manifest,
};
pub use serial::{SerialBook, read_serial};

use crate::error::{Error, Result, Stage};
use crate::source::{Loc, Located, SourceFile};

/// Largest article accepted, so that a wrong file (a video, a dump) fails fast.
pub const MAX_ARTICLE_BYTES: usize = 64 * 1024 * 1024;

/// Reads and parses one article file.
pub fn read_article(path: &Path) -> Result<Article> {
    parse_article(path, read_article_bytes(path)?)
}

/// An article's bytes as they are on disk (up to the size limit).
pub fn read_article_bytes(path: &Path) -> Result<Vec<u8>> {
    crate::fsio::read_limited(path, MAX_ARTICLE_BYTES as u64).map_err(|e| {
        Error::new(Stage::Parse, format!("cannot read {}: {e}", path.display()))
            .hint("check the file name and that the file is readable")
    })
}

/// Parses article bytes; `path` names the file in messages.
pub fn parse_article(path: &Path, bytes: Vec<u8>) -> Result<Article> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(Error::new(
            Stage::Parse,
            format!(
                "{} is {} MB; articles are limited to {} MB",
                path.display(),
                bytes.len() / (1024 * 1024),
                MAX_ARTICLE_BYTES / (1024 * 1024)
            ),
        )
        .hint("split the text into several articles or installments"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
            let at = SourceFile::new(path, prefix).at(good);
            return Err(Error::new(Stage::Parse, "the file is not valid UTF-8")
                .at(at)
                .hint("save the file as UTF-8 (GBK and Big5 files must be converted, e.g. with iconv -f GBK -t UTF-8)"));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    // CRLF (Windows) and a lone CR (classic Mac OS) both end a line; one
    // byte for one keeps every later offset, so places stay right.
    let file = SourceFile::new(path, text.replace("\r\n", "\n").replace('\r', "\n"));
    // Control characters cannot be printed, and XML (the EPUB) forbids them:
    // they are almost always debris from a copy or a bad conversion.
    if let Some((i, c)) = file
        .text
        .char_indices()
        .find(|&(_, c)| crate::source::unfit_char(c))
    {
        return Err(Error::new(
            Stage::Parse,
            format!("{} is in the text", crate::source::unfit_name(c)),
        )
        .at(file.at(i))
        .hint("delete it; it is invisible in most editors (try searching for it by its code)"));
    }
    let split = front::split(&file)?;
    let meta = front::parse(&file, &split)?;
    let mut body = body::parse(&file, split.body_start)?;
    body::finish_line_joins(&mut body);
    if body.is_empty() {
        return Err(Error::new(Stage::Parse, "the article has no body text")
            .at(file.at(split.body_start))
            .hint("write the article's paragraphs after the front matter's closing line"));
    }
    Ok(Article {
        path: path.to_path_buf(),
        meta,
        body,
    })
}

/// `file:line:col` of a location in an article.
pub fn located(article: &Article, loc: Loc) -> Located {
    Located::new(&article.path, loc)
}

#[cfg(test)]
mod docs_tests;
#[cfg(test)]
mod tests;
