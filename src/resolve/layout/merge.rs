//! Merging a chain of layout files into one TOML table in which every key
//! and value still knows where it was written. The files are laid end to
//! end in one offset space (each starts one past the end of the one before),
//! so a span anywhere in the merged table names one file and a place in it:
//! an error from a value a child set points into the child, one from a
//! value it inherited points into the file that set it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::chain;
use super::values::{em_as_points, parse_em, parse_length};
use crate::error::Result;
use crate::source::{Located, SourceFile};

/// A layout's files, top (the one asked for) first, each with the offset
/// where it starts.
pub(super) struct Sources {
    files: Vec<(usize, SourceFile)>,
}

impl Sources {
    pub(super) fn new(files: Vec<SourceFile>) -> Sources {
        let mut start = 0;
        let files = files
            .into_iter()
            .map(|f| {
                let at = start;
                start += f.text.len() + 1;
                (at, f)
            })
            .collect();
        Sources { files }
    }

    /// The file the layout was asked for by.
    pub(super) fn top(&self) -> &SourceFile {
        // A chain always holds at least the file asked for.
        &self.files[0].1
    }

    /// The file and place of an offset in the merged table.
    pub(super) fn at(&self, offset: usize) -> Located {
        let (start, file) = self
            .files
            .iter()
            .rev()
            .find(|(start, _)| *start <= offset)
            .unwrap_or(&self.files[0]);
        file.at(offset - start)
    }
}

/// The whole layout as one table: the base first, each file of the chain
/// merged over it, `extends` gone and `name` the top file's own.
pub(super) fn merged(sources: &Sources) -> Result<Spanned<DeTable<'_>>> {
    let mut merged: Option<Spanned<DeTable<'_>>> = None;
    for (start, file) in sources.files.iter().rev() {
        let table = shift_table(chain::parse(file)?, *start);
        merged = Some(match merged {
            None => table,
            Some(mut inherited) => {
                // A name says which layout this is, and `extends` was
                // followed already: neither is passed on.
                inherited.get_mut().remove("extends");
                inherited.get_mut().remove("name");
                let span = table.span();
                merge(inherited.get_mut(), table.into_inner());
                Spanned::new(span, inherited.into_inner())
            }
        });
    }
    // The chain holds at least the top file, so the loop ran.
    let mut merged = merged.expect("a layout chain is never empty");
    let root = merged.get_mut();
    root.remove("extends");
    if !root.contains_key("name") {
        let stem = sources.top().path.file_stem().unwrap_or_default();
        let name = DeValue::String(Cow::Owned(stem.to_string_lossy().into_owned()));
        root.insert(
            Spanned::new(0..0, Cow::Borrowed("name")),
            Spanned::new(0..0, name),
        );
    }
    resolve_relative_sizes(root);
    Ok(merged)
}

/// Merges `child` over `inherited`: tables merge key by key, any other
/// value (a list too) replaces the inherited one, key and span included.
fn merge<'i>(inherited: &mut DeTable<'i>, child: DeTable<'i>) {
    for (key, value) in child {
        let value = match (inherited.remove(&key), value) {
            (Some(old), new) if old.get_ref().is_table() && new.get_ref().is_table() => {
                let span = new.span();
                let (DeValue::Table(mut old), DeValue::Table(new)) =
                    (old.into_inner(), new.into_inner())
                else {
                    unreachable!("both were checked to be tables")
                };
                merge(&mut old, new);
                Spanned::new(span, DeValue::Table(old))
            }
            (_, new) => new,
        };
        inherited.insert(key, value);
    }
}

fn shift<T>(spanned: Spanned<T>, by: usize) -> Spanned<T> {
    let span = spanned.span();
    Spanned::new(span.start + by..span.end + by, spanned.into_inner())
}

fn shift_table(table: Spanned<DeTable<'_>>, by: usize) -> Spanned<DeTable<'_>> {
    let span = table.span();
    let shifted = table
        .into_inner()
        .into_iter()
        .map(|(k, v)| (shift(k, by), shift_value(v, by)))
        .collect();
    Spanned::new(span.start + by..span.end + by, shifted)
}

fn shift_value(value: Spanned<DeValue<'_>>, by: usize) -> Spanned<DeValue<'_>> {
    let span = value.span();
    match value.into_inner() {
        DeValue::Table(t) => {
            let t = shift_table(Spanned::new(span, t), by);
            let span = t.span();
            Spanned::new(span, DeValue::Table(t.into_inner()))
        }
        DeValue::Array(mut items) => {
            for item in items.iter_mut() {
                let placeholder = Spanned::new(0..0, DeValue::Boolean(false));
                *item = shift_value(std::mem::replace(item, placeholder), by);
            }
            shift(Spanned::new(span, DeValue::Array(items)), by)
        }
        other => shift(Spanned::new(span, other), by),
    }
}

/// Turns every style size written in em ("1.6em") into points of the merged
/// grid.body_size, so a layout that changes the body size rescales the
/// sizes it inherits. The value keeps its span: errors still point at it.
fn resolve_relative_sizes(root: &mut DeTable<'_>) {
    let body = root
        .get("grid")
        .and_then(|g| g.get_ref().as_table())
        .and_then(|g| g.get("body_size"))
        .and_then(|v| v.get_ref().as_str())
        .and_then(parse_length);
    // Without a body size the grid's own error is reported; em sizes are
    // then refused as lengths, which they are not.
    let Some(body) = body else { return };
    let Some(DeValue::Table(styles)) = root.get_mut("styles").map(|s| s.get_mut()) else {
        return;
    };
    for (_, style) in styles.iter_mut() {
        let DeValue::Table(style) = style.get_mut() else {
            continue;
        };
        let Some(size) = style.get_mut("size") else {
            continue;
        };
        if let Some(em) = size.get_ref().as_str().and_then(parse_em) {
            *size.get_mut() = DeValue::String(Cow::Owned(em_as_points(em, body)));
        }
    }
}

/// Where each key of the merged layout was written: "grid.chars" → its
/// place in the file that set it.
pub(super) struct Places<'a> {
    sources: &'a Sources,
    keys: BTreeMap<String, usize>,
}

impl<'a> Places<'a> {
    pub(super) fn new(sources: &'a Sources, merged: &DeTable<'_>) -> Places<'a> {
        let mut keys = BTreeMap::new();
        collect_keys(merged, "", &mut keys);
        Places { sources, keys }
    }

    /// The place of a dotted key; a key no file writes (a value left to its
    /// default) points at the start of the top file.
    pub(super) fn key(&self, dotted: &str) -> Located {
        self.sources.at(self.keys.get(dotted).copied().unwrap_or(0))
    }
}

fn collect_keys(table: &DeTable<'_>, prefix: &str, keys: &mut BTreeMap<String, usize>) {
    for (key, value) in table.iter() {
        let path = match prefix {
            "" => key.get_ref().to_string(),
            _ => format!("{prefix}.{}", key.get_ref()),
        };
        if let DeValue::Table(t) = value.get_ref() {
            collect_keys(t, &path, keys);
        }
        keys.insert(path, key.span().start);
    }
}
