//! Page manifests (`NAME.toml`): a layout, the page's furniture and the
//! articles placed on it. The keys are documented in the README; unknown
//! keys are errors.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::article::Date;
use crate::error::{Error, Result, Stage};
use crate::model::{LeadPlacement, Writing};
use crate::source::{Loc, SourceFile};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    layout: Option<Spanned<String>>,
    page: Option<RawPage>,
    article: Option<Vec<RawArticle>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPage {
    paper: Option<String>,
    date: Option<Spanned<toml::value::Datetime>>,
    number: Option<Spanned<i64>>,
    section: Option<String>,
    editor: Option<String>,
    proofreader: Option<String>,
    fill: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    file: Spanned<String>,
    writing: Option<Writing>,
    punctuation: Option<Spanned<String>>,
    column: Option<Spanned<i64>>,
    columns: Option<Spanned<i64>>,
    row: Option<Spanned<i64>>,
    rows: Option<Spanned<i64>>,
    split: Option<Spanned<i64>>,
    #[serde(rename = "box")]
    boxed: Option<bool>,
    lead: Option<Spanned<toml::Value>>,
}

pub const MANIFEST_KEYS: &str = "layout, [page] (paper, date, number, section, editor, proofreader, fill), [[article]] (file, writing, punctuation, column, columns, row, rows, split, box, lead)";

/// The page's furniture.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageInfo {
    pub paper: Option<String>,
    pub date: Option<Date>,
    /// 版次: the page number (continuation pages count on from it).
    pub number: u32,
    pub section: Option<String>,
    pub editor: Option<String>,
    pub proofreader: Option<String>,
    /// Automatic make-up: the page filled by a search over the articles'
    /// modules.
    pub fill: bool,
}

/// One article's entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedArticle {
    /// Resolved against the manifest's folder.
    pub file: PathBuf,
    pub writing: Option<Writing>,
    /// A punctuation scheme name, checked by the resolve stage.
    pub punctuation: Option<(String, Loc)>,
    /// First grid column, 1-based.
    pub column: Option<u32>,
    /// Columns spanned.
    pub columns: Option<u32>,
    /// First line slot, 1-based.
    pub row: Option<u32>,
    /// Line slots the module takes.
    pub rows: Option<u32>,
    /// 破栏: columns the module's text is re-split into.
    pub split: Option<u32>,
    /// A box around the module.
    pub boxed: bool,
    /// Where the lead goes: its first column, or across columns (破栏).
    pub lead: LeadPlacement,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct Manifest {
    pub path: PathBuf,
    pub layout: Option<String>,
    pub page: PageInfo,
    pub articles: Vec<PlacedArticle>,
}

pub fn read_manifest(path: &Path) -> Result<Manifest> {
    let bytes = crate::fsio::read_limited(path, crate::fsio::MAX_TOML_BYTES).map_err(|e| {
        Error::new(Stage::Parse, format!("cannot read {}: {e}", path.display()))
            .hint("check the manifest's file name")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(
            Stage::Parse,
            format!(
                "{} is not valid UTF-8 (byte {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        )
        .hint("save the manifest as UTF-8")
    })?;
    parse_manifest(path, text)
}

pub fn parse_manifest(path: &Path, text: String) -> Result<Manifest> {
    let file = SourceFile::new(path, text);
    let raw: RawManifest = toml::from_str(&file.text).map_err(|e| {
        let msg = e.message().trim().to_string();
        let hint = if msg.contains("unknown field") {
            format!("the known keys are: {MANIFEST_KEYS}")
        } else {
            "a manifest is TOML; see the README's \"Page manifests\"".into()
        };
        Error::new(Stage::Parse, format!("page manifest: {msg}"))
            .at(file.at(e.span().map_or(0, |s| s.start)))
            .hint(hint)
    })?;
    let fail = |offset: usize, msg: String, hint: &str| {
        Error::new(Stage::Parse, msg).at(file.at(offset)).hint(hint)
    };
    let page = raw.page.unwrap_or_default();
    let number = match page.number {
        None => 1,
        Some(n) if (1..=9999).contains(n.get_ref()) => *n.get_ref() as u32,
        Some(n) => {
            return Err(fail(
                n.span().start,
                format!("page number {} is out of range", n.get_ref()),
                "page numbers run from 1",
            ));
        }
    };
    let date = match page.date {
        None => None,
        Some(d) => {
            let at = d.span().start;
            let day = d.into_inner().date.ok_or_else(|| {
                fail(
                    at,
                    "the date has no day".into(),
                    "write the date as 2026-11-27",
                )
            })?;
            Some(Date {
                year: day.year,
                month: day.month,
                day: day.day,
            })
        }
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let raw_articles = raw.article.unwrap_or_default();
    if raw_articles.is_empty() {
        return Err(fail(
            0,
            "the page manifest names no article".into(),
            "add [[article]] tables with file = \"NAME.md\"",
        ));
    }
    let articles = (raw_articles.into_iter())
        .map(|a| placed_article(a, &file, base))
        .collect::<Result<Vec<_>>>()?;
    Ok(Manifest {
        path: path.to_path_buf(),
        layout: raw.layout.map(|l| l.into_inner()),
        page: PageInfo {
            paper: page.paper,
            date,
            number,
            section: page.section,
            editor: page.editor,
            proofreader: page.proofreader,
            fill: page.fill.unwrap_or(false),
        },
        articles,
    })
}

/// One `[[article]]` entry checked: positions counted from 1 and in
/// range, `lead` one of its values, each error where it is written.
fn placed_article(a: RawArticle, file: &SourceFile, base: &Path) -> Result<PlacedArticle> {
    let fail = |offset: usize, msg: String, hint: &str| {
        Error::new(Stage::Parse, msg).at(file.at(offset)).hint(hint)
    };
    let at = a.file.span().start;
    let positive = |v: Option<Spanned<i64>>, key: &str| -> Result<Option<u32>> {
        let max = if key.starts_with("row") { 10_000 } else { 64 };
        match v {
            None => Ok(None),
            Some(n) if (1..=max).contains(n.get_ref()) => Ok(Some(*n.get_ref() as u32)),
            Some(n) => Err(fail(
                n.span().start,
                format!("{key} = {} is out of range", n.get_ref()),
                "columns and rows are counted from 1",
            )),
        }
    };
    Ok(PlacedArticle {
        file: base.join(a.file.get_ref()),
        writing: a.writing,
        punctuation: a
            .punctuation
            .map(|p| (p.get_ref().clone(), file.loc(p.span().start))),
        column: positive(a.column, "column")?,
        columns: positive(a.columns, "columns")?,
        row: positive(a.row, "row")?,
        rows: positive(a.rows, "rows")?,
        split: positive(a.split, "split")?,
        boxed: a.boxed.unwrap_or(false),
        lead: match a.lead {
            None => LeadPlacement::Auto,
            Some(v) => lead_placement(v.get_ref()).ok_or_else(|| {
                fail(
                    v.span().start,
                    format!("lead = {} is not a place for the lead", v.get_ref()),
                    "write lead = \"column\" (its first column), \"span\" (across the module's columns, 破栏), a number of columns to span, or \"box\" (across the columns, boxed)",
                )
            })?,
        },
        loc: file.loc(at),
    })
}

/// `lead = "column" | "span" | "box" | N`.
fn lead_placement(v: &toml::Value) -> Option<LeadPlacement> {
    let across = |columns, boxed| Some(LeadPlacement::Across { columns, boxed });
    match v {
        toml::Value::String(s) if s == "column" => Some(LeadPlacement::Column),
        toml::Value::String(s) if s == "span" => across(None, false),
        toml::Value::String(s) if s == "box" => across(None, true),
        toml::Value::Integer(n) if (1..=64).contains(n) => across(Some(*n as u32), false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_manifest() {
        let m = parse_manifest(
            Path::new("d/p.toml"),
            "layout = \"feature\"\n[page]\npaper = \"报\"\ndate = 2026-11-27\nnumber = 7\nsection = \"副刊\"\neditor = \"甲\"\nproofreader = \"乙\"\n[[article]]\nfile = \"a.md\"\n[[article]]\nfile = \"b.md\"\nwriting = \"vertical\"\ncolumn = 2\ncolumns = 3\n".into(),
        )
        .unwrap();
        assert_eq!(m.page.number, 7);
        assert_eq!(m.page.date.unwrap().iso(), "2026-11-27");
        assert_eq!(m.articles[0].file, Path::new("d/a.md"));
        assert_eq!(m.articles[1].writing, Some(Writing::Vertical));
        assert_eq!(
            (m.articles[1].column, m.articles[1].columns),
            (Some(2), Some(3))
        );
        assert_eq!(m.articles[1].loc.line, 12);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        let e = parse_manifest(
            Path::new("p.toml"),
            "[page]\npapper = \"x\"\n[[article]]\nfile = \"a.md\"\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("p.toml:2:1") && e.contains("papper") && e.contains("known keys"),
            "{e}"
        );
        let e = parse_manifest(
            Path::new("p.toml"),
            "[[article]]\nfile = \"a.md\"\ncolumns = 0\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("p.toml:3:11") && e.contains("out of range"),
            "{e}"
        );
        let e = parse_manifest(Path::new("p.toml"), "layout = \"feature\"\n".into())
            .unwrap_err()
            .to_string();
        assert!(e.contains("names no article"), "{e}");
    }
}
