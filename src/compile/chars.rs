//! The last check before any output: no text of the job holds a character
//! no output may hold ([`unfit_char`]). Raw characters are refused where
//! the article is parsed; this catches the escaped ones (`&#xFFFE;` in
//! the body, `"\uFFFE"` in TOML) that only exist once decoded, and names
//! the place of the escape in the file.

use std::path::Path;

use crate::error::{Error, Result, Stage};
use crate::resolve::{Doc, Flow};
use crate::source::{Located, SourceFile, unfit_char, unfit_name};

use super::job::Job;

/// Refuses the job when any of its texts holds an unfit character.
pub fn check_text(job: &Job) -> Result<()> {
    use rayon::prelude::*;
    // The documents in parallel (a book's million characters were a
    // serial pass at the start of the run), the first bad one in order.
    let bad = (job.docs.par_iter()).find_map_first(|d| unfit_in(d).map(|c| (c, &d.path)));
    if let Some((c, path)) = bad {
        return Err(refuse(c, path));
    }
    let meta = &job.meta;
    let texts = [
        Some(&meta.title),
        meta.author.as_ref(),
        meta.subject.as_ref(),
    ];
    let cover = meta.cover.iter().flat_map(|(w, a)| [w, a]);
    for t in texts.into_iter().flatten().chain(cover) {
        if let Some(c) = t.chars().find(|&c| unfit_char(c)) {
            let source = if job.input.is_dir() {
                job.input.join("serial.toml")
            } else {
                job.input.clone()
            };
            return Err(refuse(c, &source));
        }
    }
    Ok(())
}

/// The first unfit character of a document's paragraphs (its runs, read
/// in place), title or author.
fn unfit_in(d: &Doc) -> Option<char> {
    let paras = (d.header.iter()).chain(d.flow.iter().filter_map(|f| match f {
        Flow::Para(p) => Some(p),
        Flow::Figure(fig) => fig.caption.as_ref(),
    }));
    let runs = paras.flat_map(|p| p.runs.iter().map(|r| r.text.as_str()));
    let mut texts = runs.chain([d.title.as_str()]).chain(d.author.as_deref());
    texts.find_map(|t| t.chars().find(|&c| unfit_char(c)))
}

fn refuse(c: char, file: &Path) -> Error {
    let err = Error::new(
        Stage::Parse,
        format!("{} is in the text (written as an escape)", unfit_name(c)),
    )
    .hint("delete the escape: no PDF or EPUB reader can show this character");
    match find_escape(c, file) {
        Some(at) => err.at(at),
        None => err,
    }
}

/// Where `file` writes `c` as an HTML or TOML escape (or raw), if it does.
fn find_escape(c: char, file: &Path) -> Option<Located> {
    let text = crate::fsio::read_text(file, crate::parse::MAX_ARTICLE_BYTES as u64).ok()?;
    let n = c as u32;
    // ASCII lowercasing keeps every byte offset.
    let lower = text.to_ascii_lowercase();
    let forms = [
        format!("&#x{n:x};"),
        format!("&#x{n:04x};"),
        format!("&#{n};"),
        format!("\\u{n:04x}"),
        format!("\\u{n:08x}"),
        c.to_string(),
    ];
    let at = forms.iter().filter_map(|f| lower.find(f.as_str())).min()?;
    Some(SourceFile::new(file, text).at(at))
}
