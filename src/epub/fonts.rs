//! Fonts for the EPUB (`--embed-fonts`): each role's font subset to the
//! characters set in it, with HarfBuzz's subsetter so that the result is a
//! complete OpenType font (cmap, GSUB vert/vrt2, GPOS halt/vhal/palt/vpal,
//! vhea/vmtx/VORG) that reading systems can use, not a PDF-only font.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::error::{Error, Result, Stage};
use crate::model::{FontId, Role};
use crate::resolve::{Doc, Flow, FontBook, Para};

/// A subset font to store in the book.
#[derive(Debug, Clone)]
pub struct EmbeddedFont {
    /// The CSS family name the stylesheet uses.
    pub family: String,
    /// Path inside OEBPS/.
    pub href: String,
    pub data: Vec<u8>,
}

/// The CSS selector of each role's text in the XHTML the writer produces.
fn selector(role: Role) -> &'static str {
    match role {
        Role::Kicker => ".kicker",
        Role::Headline => "h1",
        Role::Deck => ".deck",
        Role::Byline => ".byline",
        Role::SerialLabel => ".serial-label",
        Role::Lead => ".lead p",
        Role::Heading => "h2",
        Role::MinorHeading => "h3",
        Role::Body => "body, p",
        Role::Quote => "blockquote p",
        Role::Caption => "figcaption",
        Role::Source => ".source",
    }
}

/// A role's font and its bold font.
struct RoleFonts {
    role: Role,
    font: FontId,
    strong: FontId,
}

/// Characters each font sets, and which font each role uses.
struct Usage {
    chars: BTreeMap<FontId, BTreeSet<char>>,
    roles: Vec<RoleFonts>,
}

fn usage(docs: &[Doc]) -> Usage {
    let mut u = Usage {
        chars: BTreeMap::new(),
        roles: Vec::new(),
    };
    let mut add = |p: &Para| {
        for r in &p.runs {
            let f = if r.strong {
                p.style.strong_font
            } else {
                p.style.font
            };
            u.chars
                .entry(f)
                .or_default()
                .extend(r.text.chars().filter(|c| !c.is_control()));
        }
        if !u.roles.iter().any(|r| r.role == p.style.role) {
            u.roles.push(RoleFonts {
                role: p.style.role,
                font: p.style.font,
                strong: p.style.strong_font,
            });
        }
    };
    for d in docs {
        d.header.iter().for_each(&mut add);
        for f in &d.flow {
            match f {
                Flow::Para(p) => add(p),
                Flow::Figure(fig) => fig.caption.iter().for_each(&mut add),
            }
        }
    }
    u
}

/// Subsets the fonts the documents use and writes the stylesheet that
/// applies them.
pub fn embed_fonts(docs: &[Doc], book: &FontBook) -> Result<(Vec<EmbeddedFont>, String)> {
    let Usage { chars, mut roles } = usage(docs);
    let mut fonts = Vec::new();
    let mut css = String::from("/* Subset fonts embedded by typeset --embed-fonts. */\n");
    for (id, set) in &chars {
        let font = book.font(*id);
        let data = subset(&font.data, font.index, set).map_err(|e| {
            Error::new(
                Stage::Write,
                format!("cannot subset {} for the EPUB: {e}", font.path.display()),
            )
            .hint("leave out --embed-fonts, or use another font for this style")
        })?;
        let family = format!("typeset-{}", font.postscript_name);
        let href = format!("fonts/{}.otf", font.postscript_name);
        let _ = writeln!(
            css,
            "@font-face {{ font-family: \"{family}\"; src: url(\"{href}\"); font-weight: {}; font-style: normal; }}",
            if font.weight >= 600 { "bold" } else { "normal" }
        );
        fonts.push(EmbeddedFont { family, href, data });
    }
    // The family, then the generic family of its kind for characters the
    // subset lacks.
    let family_of = |id: FontId| {
        let f = book.font(id);
        let generic = if f.family.contains("Serif") {
            "serif"
        } else {
            "sans-serif"
        };
        format!("\"typeset-{}\", {generic}", f.postscript_name)
    };
    // Body first: the other rules refine it.
    roles.sort_by_key(|r| r.role != Role::Body);
    for RoleFonts { role, font, strong } in &roles {
        // Under :root, so that these rules outrank style.css's, the :lang()
        // rules of Traditional Chinese included.
        let sel: String = selector(*role)
            .split(", ")
            .map(|s| format!(":root {s}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sel = sel.as_str();
        let _ = writeln!(css, "{sel} {{ font-family: {}; }}", family_of(*font));
        if chars.contains_key(strong) && strong != font {
            let strongs: Vec<String> = sel.split(", ").map(|s| format!("{s} strong")).collect();
            let _ = writeln!(
                css,
                "{} {{ font-family: {}; }}",
                strongs.join(", "),
                family_of(*strong)
            );
        }
    }
    Ok((fonts, css))
}

#[cfg(feature = "embed-fonts")]
fn subset(data: &[u8], index: u32, chars: &BTreeSet<char>) -> std::result::Result<Vec<u8>, String> {
    use hb_subset::{Blob, FontFace, SubsetInput, Tag};
    let mut input = SubsetInput::new().map_err(|e| e.to_string())?;
    {
        let mut set = input.unicode_set();
        for &c in chars {
            set.insert(c);
        }
    }
    {
        // HarfBuzz keeps its default features; add the CJK ones it would
        // drop, so vertical forms and punctuation adjustment survive.
        let mut feats = input.layout_feature_tag_set();
        for t in [
            b"vert", b"vrt2", b"vkrn", b"vpal", b"vhal", b"halt", b"palt", b"chws", b"vchw",
            b"fwid", b"hwid", b"pwid", b"locl", b"ccmp", b"liga", b"kern",
        ] {
            feats.insert(Tag::new(t));
        }
    }
    let blob = Blob::from_bytes(data).map_err(|e| e.to_string())?;
    let face = FontFace::new_with_index(blob, index).map_err(|e| e.to_string())?;
    let out = input.subset_font(&face).map_err(|e| e.to_string())?;
    let bytes = out.underlying_blob().to_vec();
    if bytes.is_empty() {
        return Err("HarfBuzz produced an empty font".into());
    }
    Ok(bytes)
}

#[cfg(not(feature = "embed-fonts"))]
fn subset(_: &[u8], _: u32, _: &BTreeSet<char>) -> std::result::Result<Vec<u8>, String> {
    Err("this build has no font subsetter".into())
}

/// Whether this build can embed fonts.
pub const AVAILABLE: bool = cfg!(feature = "embed-fonts");
