//! Page manifests (`NAME.toml`): a layout, the page's furniture and the
//! articles placed on it. The keys are documented in the README; unknown
//! keys are errors.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::article::Date;
use crate::error::{Error, Result, Stage};
use crate::model::{LeadPlacement, Writing};
use crate::source::{Loc, Located, SourceFile};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawManifest {
    layout: Option<Spanned<String>>,
    page: Option<RawPages>,
    article: Option<Vec<RawArticle>>,
    /// An edition file: the page manifests it sets, in order.
    pages: Option<Spanned<Vec<Spanned<String>>>>,
}

/// `[page]` (a single page) or `[[page]]` (the pages of an edition).
enum RawPages {
    One(RawPage),
    Many(Vec<Spanned<RawPage>>),
}

impl<'de> Deserialize<'de> for RawPages {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        struct Pages;
        impl<'de> serde::de::Visitor<'de> for Pages {
            type Value = RawPages;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a [page] table or [[page]] tables")
            }
            // Forwarded to the TOML reader's own access, so that errors
            // inside keep their place.
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<RawPages, A::Error> {
                RawPage::deserialize(MapAccessDeserializer::new(map)).map(RawPages::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> std::result::Result<RawPages, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(RawPages::Many)
            }
        }
        d.deserialize_any(Pages)
    }
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
    /// `epub_layout = "fixed"`: the EPUB is the fixed-layout one.
    epub_layout: Option<EpubLayout>,
    /// `[[page.article]]`: the page's own articles.
    article: Option<Vec<RawArticle>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    file: Spanned<String>,
    writing: Option<Writing>,
    punctuation: Option<Spanned<String>>,
    column: Option<Spanned<i64>>,
    columns: Option<Spanned<i64>>,
    row: Option<Spanned<toml::Value>>,
    rows: Option<Spanned<i64>>,
    split: Option<Spanned<i64>>,
    #[serde(rename = "box")]
    boxed: Option<bool>,
    lead: Option<Spanned<toml::Value>>,
}

pub const MANIFEST_KEYS: &str = "layout, [page] (paper, date, number, section, editor, proofreader, fill, epub_layout), [[article]] (file, writing, punctuation, column, columns, row, rows, split, box, lead); for an edition of several pages, [[page]] tables (the [page] keys) each with its own [[page.article]] tables, or pages = [\"page-12.toml\", …] listing page manifests";

/// The page's furniture.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageInfo {
    pub paper: Option<String>,
    pub date: Option<Date>,
    /// 版次: the page number (continuation pages count on from it).
    pub number: u32,
    /// Where `number` is given (left out: counted on from the page before,
    /// or 1 on the first page).
    pub number_at: Option<Loc>,
    pub section: Option<String>,
    pub editor: Option<String>,
    pub proofreader: Option<String>,
    /// Automatic make-up: the page filled by a search over the articles'
    /// modules.
    pub fill: bool,
    /// The EPUB's layout, when the manifest says (`--epub-layout` wins).
    pub epub_layout: Option<EpubLayout>,
}

/// `epub_layout` in `[page]`: the reflowable EPUB or the printed pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EpubLayout {
    Reflowable,
    Fixed,
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
    /// `row = "foot"`: the module's last line on the page's last, as deep
    /// as its text takes at its columns (a serial box at the page foot).
    pub foot: bool,
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

/// A page manifest or an edition: the layout and the pages, in order (one
/// for a single-page manifest).
#[derive(Debug, Clone)]
pub struct Manifest {
    pub path: PathBuf,
    pub layout: Option<String>,
    /// Where `layout` is written (an error in the layout points there).
    pub layout_at: Option<Located>,
    pub pages: Vec<ManifestPage>,
    /// An edition file's page manifests (resolved against its folder), each
    /// with where it is listed; [`read_manifest`] reads them into `pages`.
    pub listed: Vec<(PathBuf, Loc)>,
}

/// One page of a manifest: the file that describes it (for messages),
/// its furniture and its articles.
#[derive(Debug, Clone)]
pub struct ManifestPage {
    pub path: PathBuf,
    pub page: PageInfo,
    pub articles: Vec<PlacedArticle>,
}

/// Reads a page manifest, or an edition and the page manifests it lists.
pub fn read_manifest(path: &Path) -> Result<Manifest> {
    let m = read_one(path)?;
    if m.listed.is_empty() {
        return Ok(m);
    }
    super::edition::read_listed(m, &read_one)
}

/// Reads and parses one manifest file (an edition's listing unread).
fn read_one(path: &Path) -> Result<Manifest> {
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

/// Parses a manifest: `[page]` and `[[article]]` (one page), `[[page]]`
/// tables each with `[[page.article]]` (an edition), or `pages = [...]`
/// (an edition file, its listing left to [`read_manifest`]).
pub fn parse_manifest(path: &Path, text: String) -> Result<Manifest> {
    let file = SourceFile::new(path, text);
    let raw: RawManifest = toml::from_str(&file.text).map_err(|e| {
        let (msg, guess) = crate::diag::unknown_name(e.message());
        let hint = if msg.starts_with("unknown field") {
            format!("{guess}the known keys are: {MANIFEST_KEYS}")
        } else if !guess.is_empty() {
            guess.trim_end().to_string()
        } else {
            "a manifest is TOML; see docs/manifest.md".into()
        };
        Error::new(Stage::Parse, format!("page manifest: {msg}"))
            .at(file.at(e.span().map_or(0, |s| s.start)))
            .hint(hint)
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let layout_at = raw.layout.as_ref().map(|l| file.at(l.span().start));
    let layout = raw.layout.map(|l| l.into_inner());
    let top = raw.article.unwrap_or_default();
    if let Some(list) = raw.pages {
        let listed = super::edition::listing(list, (raw.page.is_some(), &top[..]), &file, base)?;
        return Ok(Manifest {
            path: path.to_path_buf(),
            layout,
            layout_at,
            pages: Vec::new(),
            listed,
        });
    }
    let mut pages = match raw.page {
        Some(RawPages::Many(raw_pages)) => {
            if let Some(a) = top.first() {
                return Err(Error::new(Stage::Parse, "an edition's articles belong to its pages")
                    .at(file.at(a.file.span().start))
                    .hint("write each article as [[page.article]] under its [[page]], or use [page] for a single page"));
            }
            (raw_pages.into_iter())
                .map(|p| {
                    let at = p.span().start;
                    page_of((at, p.into_inner()), Vec::new(), &file, base)
                })
                .collect::<Result<Vec<_>>>()?
        }
        Some(RawPages::One(p)) => vec![page_of((0, p), top, &file, base)?],
        None => vec![page_of((0, RawPage::default()), top, &file, base)?],
    };
    super::edition::number_pages(&mut pages)?;
    Ok(Manifest {
        path: path.to_path_buf(),
        layout,
        layout_at,
        pages,
        listed: Vec::new(),
    })
}

/// One page checked: its furniture, and its articles (its own
/// `[[page.article]]`, or the manifest's `[[article]]` for a single page).
fn page_of(
    (at, page): (usize, RawPage),
    top: Vec<RawArticle>,
    file: &SourceFile,
    base: &Path,
) -> Result<ManifestPage> {
    let fail = |offset: usize, msg: String, hint: &str| {
        Error::new(Stage::Parse, msg).at(file.at(offset)).hint(hint)
    };
    let (number, number_at) = match page.number {
        None => (1, None),
        Some(n) if (1..=9999).contains(n.get_ref()) => {
            (*n.get_ref() as u32, Some(file.loc(n.span().start)))
        }
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
    let own = page.article.unwrap_or_default();
    if let (Some(a), false) = (top.first(), own.is_empty()) {
        return Err(fail(
            a.file.span().start,
            "the page's articles are given twice, as [[article]] and as [[page.article]]".into(),
            "give them one way",
        ));
    }
    let raw_articles = if own.is_empty() { top } else { own };
    if raw_articles.is_empty() {
        return Err(fail(
            at,
            "the page manifest names no article".into(),
            "add [[article]] tables with file = \"NAME.md\" (under a [[page]]: [[page.article]])",
        ));
    }
    let articles = (raw_articles.into_iter())
        .map(|a| placed_article(a, file, base))
        .collect::<Result<Vec<_>>>()?;
    Ok(ManifestPage {
        path: file.path.clone(),
        page: PageInfo {
            paper: page.paper,
            date,
            number,
            number_at,
            section: page.section,
            editor: page.editor,
            proofreader: page.proofreader,
            fill: page.fill.unwrap_or(false),
            epub_layout: page.epub_layout,
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
    // `row = "foot"` pins the module at the page's foot: no row of its own.
    let foot = (a.row.as_ref()).is_some_and(|r| r.get_ref().as_str() == Some("foot"));
    Ok(PlacedArticle {
        file: base.join(a.file.get_ref()),
        writing: a.writing,
        punctuation: a
            .punctuation
            .map(|p| (p.get_ref().clone(), file.loc(p.span().start))),
        column: positive(a.column, "column")?,
        columns: positive(a.columns, "columns")?,
        foot,
        row: match a.row.filter(|_| !foot) {
            Some(r) => {
                let n = r.get_ref().as_integer().ok_or_else(|| {
                    fail(
                        r.span().start,
                        format!("row = {} is neither a line nor \"foot\"", r.get_ref()),
                        "give the first line slot counted from 1, or row = \"foot\" for the page's foot",
                    )
                })?;
                positive(Some(Spanned::new(r.span(), n)), "row")?
            }
            None => None,
        },
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
        let (page, articles) = (&m.pages[0].page, &m.pages[0].articles);
        assert_eq!(page.number, 7);
        assert_eq!(page.date.unwrap().iso(), "2026-11-27");
        assert_eq!(articles[0].file, Path::new("d/a.md"));
        assert_eq!(articles[1].writing, Some(Writing::Vertical));
        assert_eq!(
            (articles[1].column, articles[1].columns),
            (Some(2), Some(3))
        );
        assert_eq!(articles[1].loc.line, 12);
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

    fn error(text: &str) -> String {
        parse_manifest(Path::new("e.toml"), text.into())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn reads_the_pages_of_an_edition_with_consecutive_folios() {
        let m = parse_manifest(
            Path::new("d/e.toml"),
            "layout = \"broadsheet\"\n[[page]]\nnumber = 12\nsection = \"要闻\"\nfill = true\n[[page.article]]\nfile = \"a.md\"\n[[page.article]]\nfile = \"b.md\"\nbox = true\n[[page]]\nsection = \"副刊\"\n[[page.article]]\nfile = \"c.md\"\n[[page]]\nnumber = 14\n[[page.article]]\nfile = \"d.md\"\n".into(),
        )
        .unwrap();
        let numbers: Vec<u32> = m.pages.iter().map(|p| p.page.number).collect();
        assert_eq!(numbers, [12, 13, 14]);
        assert!(m.pages[0].page.fill && !m.pages[1].page.fill);
        assert_eq!(m.pages[1].page.section.as_deref(), Some("副刊"));
        let files: Vec<Vec<&Path>> = (m.pages.iter())
            .map(|p| p.articles.iter().map(|a| a.file.as_path()).collect())
            .collect();
        assert_eq!(
            files,
            [
                vec![Path::new("d/a.md"), Path::new("d/b.md")],
                vec![Path::new("d/c.md")],
                vec![Path::new("d/d.md")]
            ]
        );
        assert!(m.pages[0].articles[1].boxed);
        assert_eq!(m.pages[2].articles[0].loc.line, 18);
        // The single-page form: one page, numbered 1 when left out.
        let m =
            parse_manifest(Path::new("p.toml"), "[[article]]\nfile = \"a.md\"\n".into()).unwrap();
        assert_eq!((m.pages.len(), m.pages[0].page.number), (1, 1));
    }

    #[test]
    fn a_folio_out_of_sequence_is_an_error_at_its_number() {
        let e = error(
            "[[page]]\nnumber = 3\n[[page.article]]\nfile = \"a.md\"\n[[page]]\nnumber = 5\n[[page.article]]\nfile = \"b.md\"\n",
        );
        assert!(
            e.starts_with("e.toml:6:10") && e.contains("breaks the edition's sequence"),
            "{e}"
        );
        assert!(e.contains("number = 4"), "{e}");
    }

    #[test]
    fn edition_pages_are_checked_where_they_are_written() {
        // A page without articles, where the page is.
        let e = error("[[page]]\n[[page.article]]\nfile = \"a.md\"\n[[page]]\nnumber = 2\n");
        assert!(
            e.starts_with("e.toml:4:") && e.contains("names no article"),
            "{e}"
        );
        // Top-level articles beside [[page]] tables.
        let e =
            error("[[page]]\n[[page.article]]\nfile = \"a.md\"\n[[article]]\nfile = \"b.md\"\n");
        assert!(
            e.starts_with("e.toml:5:8") && e.contains("belong to its pages"),
            "{e}"
        );
        // An unknown key inside a page.
        let e = error("[[page]]\nnumbr = 2\n[[page.article]]\nfile = \"a.md\"\n");
        assert!(
            e.starts_with("e.toml:2:1") && e.contains("numbr") && e.contains("[[page]]"),
            "{e}"
        );
        // An edition file with a page of its own; listing nothing; twice.
        let e = error("pages = [\"a.toml\"]\n[[article]]\nfile = \"a.md\"\n");
        assert!(
            e.starts_with("e.toml:1:9") && e.contains("edition file lists"),
            "{e}"
        );
        let e = error("pages = []\n");
        assert!(e.contains("lists no page"), "{e}");
        let e = error("pages = [\"a.toml\", \"a.toml\"]\n");
        assert!(
            e.starts_with("e.toml:1:20") && e.contains("listed twice"),
            "{e}"
        );
    }
}
