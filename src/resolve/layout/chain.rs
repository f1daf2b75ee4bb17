//! Finding a layout's files: the one asked for, the layout it `extends`, and
//! so on down to the built-in base, which extends nothing.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Error, Result, Stage};
use crate::source::SourceFile;

/// Templates compiled into the binary, so `--layout feature` works from any
/// directory. A path (anything with a `/` or ending in .toml) reads a file.
const BUILTIN: &[(&str, &str)] = &[
    ("feature", include_str!("../../../layouts/feature.toml")),
    ("vertical", include_str!("../../../layouts/vertical.toml")),
    (
        "broadsheet",
        include_str!("../../../layouts/broadsheet.toml"),
    ),
    ("tabloid", include_str!("../../../layouts/tabloid.toml")),
    (
        "supplement",
        include_str!("../../../layouts/supplement.toml"),
    ),
    ("book", include_str!("../../../layouts/book.toml")),
    (BASE, include_str!("../../../layouts/base.toml")),
];

/// The layout every chain ends in: it sets (and documents) every key.
pub(super) const BASE: &str = "base";

/// The names of the built-in layouts, for messages and tests.
pub(super) fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

/// One file of a chain and what tells it apart from the others (a built-in's
/// name, a file's canonical path), to find cycles.
pub(super) struct Link {
    file: SourceFile,
    identity: String,
}

impl Link {
    /// A layout file's text read by the caller.
    pub(super) fn file(path: &Path, text: String) -> Link {
        Link {
            identity: identity(path),
            file: SourceFile::new(path, text),
        }
    }
}

fn identity(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

fn builtin_identity(name: &str) -> String {
    format!("built-in {name}")
}

fn is_path(spec: &str) -> bool {
    spec.contains('/') || spec.contains('\\') || spec.ends_with(".toml")
}

fn unknown_layout(spec: &str) -> Error {
    let names: Vec<&str> = builtin_names().collect();
    Error::new(Stage::Resolve, format!("unknown layout \"{spec}\"")).hint(format!(
        "the built-in layouts are: {}; or give a path to a .toml file",
        names.join(", ")
    ))
}

fn builtin(name: &str) -> Option<Link> {
    let (n, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
    Some(Link {
        file: SourceFile::new(format!("layouts/{n}.toml"), text.to_string()),
        identity: builtin_identity(n),
    })
}

fn read(path: PathBuf) -> Result<Link> {
    let text = crate::fsio::read_text(&path, crate::fsio::MAX_TOML_BYTES).map_err(|e| {
        Error::new(
            Stage::Resolve,
            format!("cannot read layout {}: {e}", path.display()),
        )
        .hint("give a name from layouts/ (such as \"feature\") or the path of a .toml layout")
    })?;
    Ok(Link::file(&path, text))
}

/// The first file of a chain: a built-in name, or a path (tried as given,
/// then relative to `base`, the folder of the manifest that names it).
pub(super) fn top_file(spec: &str, base: Option<&Path>) -> Result<Link> {
    if !is_path(spec) {
        return builtin(spec).ok_or_else(|| unknown_layout(spec));
    }
    let mut path = PathBuf::from(spec);
    if path.is_relative()
        && !path.exists()
        && let Some(b) = base
    {
        path = b.join(spec);
    }
    read(path)
}

/// Parses a layout file's TOML; a syntax error points into the file.
pub(super) fn parse(file: &SourceFile) -> Result<Spanned<DeTable<'_>>> {
    DeTable::parse(&file.text).map_err(|e| {
        Error::new(Stage::Resolve, format!("layout: {}", e.message().trim()))
            .at(file.at(e.span().map_or(0, |s| s.start)))
            .hint("compare with layouts/base.toml, whose keys are documented")
    })
}

/// What a file extends, with where it says so: its `extends`, or the base
/// when it has none (and nothing for the base itself).
fn parent_spec(link: &Link) -> Result<Option<(String, usize)>> {
    let table = parse(&link.file)?;
    let Some(value) = table.get_ref().get("extends") else {
        let is_base = link.identity == builtin_identity(BASE);
        return Ok((!is_base).then(|| (BASE.to_string(), 0)));
    };
    match value.get_ref() {
        DeValue::String(s) => Ok(Some((s.to_string(), value.span().start))),
        _ => Err(Error::new(
            Stage::Resolve,
            "extends must be a string: a layout's name or the path of its file",
        )
        .at(link.file.at(value.span().start))
        .hint("for example extends = \"feature\" or extends = \"../house.toml\"")),
    }
}

/// Opens the layout `spec` that the file `child` extends: a built-in name, or
/// a path relative to the child's folder. Errors point at its `extends`.
fn open_parent(child: &SourceFile, spec: &str, at: usize) -> Result<Link> {
    let link = if is_path(spec) {
        let dir = child.path.parent().unwrap_or(Path::new(""));
        read(dir.join(spec))
    } else {
        builtin(spec).ok_or_else(|| unknown_layout(spec))
    };
    link.map_err(|e| Error {
        location: Some(child.at(at)),
        message: format!("extends: {}", e.message),
        ..e
    })
}

/// The chain of files from `top` to the base, top first. A layout that
/// extends one already in the chain is an error naming the whole cycle.
pub(super) fn chain(top: Link) -> Result<Vec<SourceFile>> {
    let mut links = vec![top];
    // The loop ends: every step adds a new identity, and there are finitely
    // many built-ins and files; a repeated one is refused below.
    loop {
        let child = links.last().expect("the chain starts with the top file");
        let Some((spec, at)) = parent_spec(child)? else {
            break;
        };
        let parent = open_parent(&child.file, &spec, at)?;
        if let Some(first) = links.iter().position(|l| l.identity == parent.identity) {
            return Err(cycle(&links, first, at));
        }
        links.push(parent);
    }
    Ok(links.into_iter().map(|l| l.file).collect())
}

fn cycle(links: &[Link], first: usize, at: usize) -> Error {
    let mut names: Vec<String> = links[first..]
        .iter()
        .map(|l| l.file.path.display().to_string())
        .collect();
    names.push(names[0].clone());
    let last = &links[links.len() - 1].file;
    Error::new(
        Stage::Resolve,
        format!(
            "layouts extend each other in a cycle: {}",
            names.join(" → ")
        ),
    )
    .at(last.at(at))
    .hint("one of them must extend a built-in layout, or nothing (the base)")
}
