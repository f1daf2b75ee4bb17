//! Editions: several pages set as one PDF, with consecutive folios. A
//! manifest holds them as `[[page]]` tables, or an edition file lists page
//! manifests (`pages = ["page-12.toml", "page-13.toml"]`, relative to it).
//! A listed manifest is a page manifest, never an edition itself, so a
//! listing cannot run in a circle.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::manifest::{Manifest, ManifestPage};
use crate::error::{Error, Result, Stage};
use crate::source::{Loc, Located, SourceFile};

/// An edition file's `pages`: each listed manifest with where it is
/// listed. The file holds nothing but the listing and the layout.
pub(super) fn listing<T>(
    list: Spanned<Vec<Spanned<String>>>,
    (has_page, articles): (bool, &[T]),
    file: &SourceFile,
    base: &Path,
) -> Result<Vec<(PathBuf, Loc)>> {
    let at = list.span().start;
    let fail = |offset: usize, msg: &str, hint: &str| {
        Error::new(Stage::Parse, msg.to_string())
            .at(file.at(offset))
            .hint(hint)
    };
    if has_page || !articles.is_empty() {
        return Err(fail(
            at,
            "an edition file lists page manifests; it has no [page] or [[article]] of its own",
            "move the page and its articles into a page manifest and list it in pages = [...], or leave pages = out",
        ));
    }
    let list = list.into_inner();
    if list.is_empty() {
        return Err(fail(
            at,
            "the edition lists no page",
            "write pages = [\"page-12.toml\", \"page-13.toml\"]",
        ));
    }
    let mut out: Vec<(PathBuf, Loc)> = Vec::with_capacity(list.len());
    for p in list {
        let path = base.join(p.get_ref());
        if out.iter().any(|(q, _)| *q == path) {
            return Err(fail(
                p.span().start,
                &format!("{} is listed twice", p.get_ref()),
                "list each page manifest once, in the order of the pages",
            ));
        }
        out.push((path, file.loc(p.span().start)));
    }
    Ok(out)
}

/// Reads the page manifests an edition lists (`read` reads one file), in
/// order: each must exist, be a page manifest (not an edition) and share
/// the edition's layout; the folios then run on from the first page.
pub(super) fn read_listed(
    mut edition: Manifest,
    read: &dyn Fn(&Path) -> Result<Manifest>,
) -> Result<Manifest> {
    let listed = std::mem::take(&mut edition.listed);
    let mut layout = edition.layout.clone();
    for (path, loc) in listed {
        let at = Located::new(&edition.path, loc);
        let fail = |msg: String, hint: &str| {
            Error::new(Stage::Parse, msg)
                .at(at.clone())
                .hint(hint.to_string())
        };
        if !path.is_file() {
            return Err(fail(
                format!("the edition lists {}, which does not exist", path.display()),
                "the pages' paths are relative to the edition file's folder",
            ));
        }
        let page = read(&path)?;
        if !page.listed.is_empty() {
            return Err(fail(
                format!(
                    "{} is an edition itself, not a page manifest",
                    path.display()
                ),
                "list page manifests ([page] and [[article]]) only; an edition cannot list an edition (or itself)",
            ));
        }
        match (&layout, &page.layout) {
            (None, l) => layout = l.clone(),
            (Some(a), Some(b)) if a != b && edition.layout.is_none() => {
                return Err(fail(
                    format!(
                        "{} sets layout \"{b}\", the pages before it \"{a}\"",
                        path.display()
                    ),
                    "the pages of an edition share one layout: give the same one, or layout = in the edition file",
                ));
            }
            _ => {}
        }
        edition.pages.extend(page.pages);
    }
    edition.layout = layout;
    number_pages(&mut edition.pages)?;
    Ok(edition)
}

/// Folios: each page's given number, or one more than the page before's
/// (the first page's left out: 1). A given number that breaks the
/// sequence is an error where it is given.
pub(super) fn number_pages(pages: &mut [ManifestPage]) -> Result<()> {
    let mut previous: Option<u32> = None;
    for p in pages.iter_mut() {
        let wanted = previous.map(|n| n + 1);
        match (wanted, p.page.number_at) {
            (Some(n), Some(loc)) if p.page.number != n => {
                return Err(Error::new(
                    Stage::Parse,
                    format!(
                        "page number {} breaks the edition's sequence: the page before is {}",
                        p.page.number,
                        n - 1
                    ),
                )
                .at(Located::new(&p.path, loc))
                .hint(format!(
                    "the pages of an edition are numbered consecutively: write number = {n}, or leave number out to count on"
                )));
            }
            (Some(n), None) => p.page.number = n,
            _ => {}
        }
        previous = Some(p.page.number);
    }
    Ok(())
}
