//! A serial's folder: `serial.toml` (the work) and its installments
//! (input-format.md), read in installment order.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::article::{Article, Kind};
use crate::error::{Error, Result, Stage};
use crate::model::{Lang, Writing};
use crate::source::{Located, SourceFile};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSerial {
    work: String,
    author: String,
    lang: Option<String>,
    writing: Option<Writing>,
    layout: Option<toml::Spanned<String>>,
}

/// The work and its installments, in order.
#[derive(Debug, Clone)]
pub struct SerialBook {
    pub dir: PathBuf,
    pub work: String,
    pub author: String,
    pub lang: Option<Lang>,
    pub writing: Option<Writing>,
    pub layout: Option<String>,
    /// Where serial.toml names the layout (an unknown one is shown there).
    pub layout_at: Option<Located>,
    pub installments: Vec<Article>,
}

/// The keys of serial.toml, for messages and docs/serial.md.
pub const SERIAL_KEYS: &str = "work, author, lang, writing, layout";

/// Reads `dir/serial.toml` and every `*.md` beside it, the installments
/// in parallel (`read` may be called from any thread, in any order); an
/// error is the first file's in name order, as reading them in turn gives.
pub fn read_serial(
    dir: &Path,
    read: &(dyn Fn(&Path) -> Result<Article> + Sync),
) -> Result<SerialBook> {
    let path = dir.join("serial.toml");
    let text = crate::fsio::read_text(&path, crate::fsio::MAX_TOML_BYTES).map_err(|e| {
        Error::new(Stage::Parse, format!("cannot read {}: {e}", path.display()))
            .hint("a serial folder holds serial.toml (work, author, lang, writing) and its installments NNNN.md")
    })?;
    let file = SourceFile::new(&path, text);
    let raw: RawSerial = toml::from_str(&file.text).map_err(|e| {
        let (msg, guess) = crate::diag::unknown_name(e.message());
        Error::new(Stage::Parse, format!("serial.toml: {msg}"))
            .at(file.at(e.span().map_or(0, |s| s.start)))
            .hint(format!(
                "{guess}serial.toml keys: {SERIAL_KEYS} (docs/serial.md)"
            ))
    })?;
    let lang = match &raw.lang {
        None => None,
        Some(l) => Some(Lang::parse(l).ok_or_else(|| {
            Error::new(Stage::Parse, format!("unsupported language \"{l}\""))
                .at(file.at(0))
                .hint("lang is one of zh-Hans, zh-Hant, ja, en")
        })?),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::new(Stage::Parse, format!("cannot list {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::new(
            Stage::Parse,
            format!("{} holds no installments", dir.display()),
        )
        .hint("add the installments as NNNN.md files beside serial.toml"));
    }
    let read: Vec<Result<Article>> = {
        use rayon::prelude::*;
        files.par_iter().map(|f| read(f)).collect()
    };
    let mut installments = Vec::with_capacity(files.len());
    for (f, a) in files.iter().zip(read) {
        let a = a?;
        if a.meta.kind != Kind::Serial || a.meta.serial.is_none() {
            return Err(Error::new(
                Stage::Parse,
                format!("{} is not an installment", f.display()),
            )
            .at(Located::new(f, a.meta.title.loc))
            .hint("give it kind = \"serial\" and a [serial] table with its installment number"));
        }
        installments.push(a);
    }
    // Order by number; a gap or a duplicate is an error naming the files.
    installments.sort_by_key(number);
    for w in installments.windows(2) {
        check_sequence(&w[0], &w[1])?;
    }
    Ok(SerialBook {
        dir: dir.to_path_buf(),
        work: raw.work,
        author: raw.author,
        lang,
        writing: raw.writing,
        layout_at: raw.layout.as_ref().map(|l| file.at(l.span().start)),
        layout: raw.layout.map(|l| l.into_inner()),
        installments,
    })
}

/// Installment `b` follows `a` without a gap or a repeat.
fn check_sequence(a: &Article, b: &Article) -> Result<()> {
    let (na, nb) = (number(a), number(b));
    let (message, hint) = if na == nb {
        (
            format!(
                "installment {na} appears twice: {} and {}",
                a.path.display(),
                b.path.display()
            ),
            "each installment has its own number",
        )
    } else if nb != na + 1 {
        (
            format!(
                "installments {} to {} are missing (between {} and {})",
                na + 1,
                nb - 1,
                a.path.display(),
                b.path.display()
            ),
            "add the missing installments, or renumber",
        )
    } else {
        return Ok(());
    };
    let at = b
        .meta
        .serial
        .as_ref()
        .map_or(Default::default(), |s| s.work.loc);
    Err(Error::new(Stage::Parse, message)
        .at(Located::new(&b.path, at))
        .hint(hint))
}

fn number(a: &Article) -> u32 {
    a.meta.serial.as_ref().map_or(0, |s| s.installment)
}
