//! Layout templates (layouts/*.toml): page, grid, fonts and the style of
//! every kind of paragraph. A template is plain TOML a user can copy, and
//! states only what differs from the layout it `extends`: every chain of
//! layouts ends in layouts/base.toml, which sets and documents every key.
//!
//! Loading is split by concern: `chain` finds the files (built-ins, paths,
//! `extends`, cycles), `merge` merges them into one table that remembers
//! where each key was written, `values` reads lengths and relative sizes,
//! `check` refuses values that cannot work. `model` holds the types other
//! stages use (the grid, the enums styles name), which read no files.

mod bounds;
mod chain;
mod check;
mod geometry;
mod merge;
mod values;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result, Stage};
use crate::model::Writing;
use crate::source::SourceFile;

use crate::model::{Align, Prohibition, Scheme};
pub use values::Length;

pub const DEFAULT_LAYOUT: &str = "feature";

// The keys every layout has are set in layouts/base.toml, which every layout
// extends, so they have no defaults here: the base is the one place for them.
// Only the keys of one font role or one style, which a layout may add or
// leave out entry by entry, have defaults below.

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Shown in messages and the PDF's metadata.
    pub name: String,
    pub writing: Writing,
    pub page: PageSpec,
    pub grid: GridSpec,
    /// Font roles: a name (used by styles) → the families to try in order.
    pub fonts: BTreeMap<String, FontSpec>,
    pub text: TextSpec,
    pub styles: Styles,
    /// Where the layout came from, for messages.
    #[serde(skip)]
    pub origin: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    pub width: Length,
    pub height: Length,
    pub margin_top: Length,
    pub margin_bottom: Length,
    /// The type area is centred across the page; this is the least margin
    /// on either side and a check that the grid fits.
    pub margin_side: Length,
    /// Bleed added around the trimmed page in the print edition (--print);
    /// 3 mm when left out.
    pub bleed: Option<Length>,
}

/// The character grid (CLREQ §4, newspaper-page.md): every column holds
/// `chars` body characters per line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridSpec {
    pub columns: u32,
    pub chars: u32,
    /// Gutter between columns, in body characters.
    pub gutter: f64,
    pub body_size: Length,
    /// Baseline-to-baseline distance of body lines; every block sits on
    /// this grid.
    pub line_pitch: Length,
    /// Draw a thin rule in each gutter.
    pub column_rules: bool,
    /// Characters in each vertical line of a tier (段) when a vertical
    /// module is set on a horizontal page; left out, twice `chars` plus a
    /// gutter.
    #[serde(default)]
    pub tier_chars: Option<u32>,
    /// Fewest characters a column re-split by `split` (破栏) may hold.
    pub min_chars: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontSpec {
    pub families: Vec<String>,
    /// The Latin face of this role (CLREQ §5): families to try for Latin
    /// words and numbers. Without it (or if none is installed) the CJK
    /// font's own Latin glyphs are used.
    #[serde(default)]
    pub latin: Vec<String>,
    /// The faces of this role for Traditional Chinese text (zh-Hant, zh-TW,
    /// zh-HK), whose marks and glyph forms follow Taiwan and Hong Kong
    /// practice. Left out, or none installed, `families` serve.
    #[serde(default)]
    pub hant: Vec<String>,
    #[serde(default = "regular")]
    pub weight: u16,
}

fn regular() -> u16 {
    400
}
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    /// First-line indent of body paragraphs, in characters (全角两格).
    pub indent: u32,
    /// 避头尾 level; without it, the article's language decides (CLREQ §2:
    /// strict for zh-Hans and ja, basic for zh-Hant, none for en).
    pub prohibition: Option<Prohibition>,
    /// Punctuation width scheme (CLREQ §3); without it, the article's
    /// language decides: centred for zh-Hant, quanjiao otherwise.
    pub punctuation: Option<Scheme>,
    /// ，。、 may hang past the measure: never, where nothing else works
    /// (the default) or always.
    #[serde(default)]
    pub hanging: crate::model::Hanging,
    /// An opening bracket or quote at a line start may lose its blank half.
    pub compress_line_start: bool,
    /// "total-fit" (Knuth–Plass) or "greedy" (first fit).
    pub breaking: crate::model::Breaking,
    /// In vertical text, “” and ‘’ become 「」 and 『』 (CLREQ §6).
    pub vertical_quotes: bool,
    /// In vertical text, numbers of up to this many digits are set across
    /// one em (直排内横排, tate-chu-yoko); 0 turns it off. Single characters
    /// stay upright; longer Latin words and numbers are rotated.
    pub tate_chu_yoko: u32,
    /// In vertical text, Latin words of up to this many letters stand upright
    /// letter by letter (acronyms); longer ones are rotated. Single
    /// characters are always upright.
    pub upright_max: u32,
    /// The widest a Han–Latin gap may stretch to, in ems (CLREQ §3.5.4:
    /// many styles cap it near ⅓ em); its natural width is ¼ em.
    #[serde(default = "han_latin_max")]
    pub han_latin_max: f64,
}

fn han_latin_max() -> f64 {
    1.0 / 3.0
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// A key of [fonts].
    pub font: String,
    /// Bold runs (`**…**`) use this role; defaults to `font`.
    pub strong_font: Option<String>,
    /// The headline's only: the role it is set in on a page made up
    /// automatically where it would meet another headline of its size and
    /// face (撞题); left out, the body's.
    pub alt_font: Option<String>,
    pub size: Length,
    pub align: Align,
    /// Body-line slots each line of this style occupies (a 28 pt headline on
    /// a 14 pt pitch takes 3).
    #[serde(default = "one")]
    pub lines: u32,
    /// Empty body-line slots before the block.
    #[serde(default)]
    pub space_before: u32,
    /// Empty body-line slots after the block.
    #[serde(default)]
    pub space_after: u32,
    /// Indent of every line, in characters of this style.
    #[serde(default)]
    pub inset: u32,
    /// A heading with a phrase wider than its measure steps its size down,
    /// in 5% steps, to no less than this fraction of `size` before a phrase
    /// is broken inside; 1 (the default) never steps down.
    #[serde(default = "whole")]
    pub min_scale: f64,
}

fn whole() -> f64 {
    1.0
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Styles {
    pub kicker: Style,
    pub headline: Style,
    pub deck: Style,
    pub byline: Style,
    pub serial_label: Style,
    pub lead: Style,
    /// The lead set across columns (破栏) or boxed under the headline.
    pub lead_span: Style,
    pub heading: Style,
    pub minor_heading: Style,
    pub body: Style,
    pub quote: Style,
    pub caption: Style,
    pub source: Style,
    pub running_head: Style,
    pub folio: Style,
}

impl Styles {
    fn all(&self) -> [(&'static str, &Style); 15] {
        [
            ("kicker", &self.kicker),
            ("headline", &self.headline),
            ("deck", &self.deck),
            ("byline", &self.byline),
            ("serial_label", &self.serial_label),
            ("lead", &self.lead),
            ("lead_span", &self.lead_span),
            ("heading", &self.heading),
            ("minor_heading", &self.minor_heading),
            ("body", &self.body),
            ("quote", &self.quote),
            ("caption", &self.caption),
            ("source", &self.source),
            ("running_head", &self.running_head),
            ("folio", &self.folio),
        ]
    }
}

/// Loads a template by name (built in) or by path, with the layouts it
/// extends.
pub fn load_layout(spec: &str, base: Option<&Path>) -> Result<Layout> {
    resolve(chain::chain(chain::top_file(spec, base)?)?)
}

/// Loads the layout file `path` whose text is `text`, with the layouts it
/// extends (a relative `extends` is relative to `path`).
pub fn parse_layout(path: &Path, text: String) -> Result<Layout> {
    resolve(chain::chain(chain::Link::file(path, text))?)
}

/// Merges a chain of files (top first) into one checked layout.
fn resolve(files: Vec<SourceFile>) -> Result<Layout> {
    let sources = merge::Sources::new(files);
    let table = merge::merged(&sources)?;
    let places = merge::Places::new(&sources, table.get_ref());
    let mut layout = Layout::deserialize(toml::de::Deserializer::from(table)).map_err(|e| {
        let (msg, guess) = crate::diag::unknown_name(e.message());
        Error::new(Stage::Resolve, format!("layout: {msg}"))
            .at(sources.at(e.span().map_or(0, |s| s.start)))
            .hint(format!(
                "{guess}compare with docs/layout.md or layouts/base.toml, whose keys are documented"
            ))
    })?;
    layout.origin = sources.top().path.clone();
    layout.check(&places)?;
    Ok(layout)
}

#[cfg(test)]
mod tests;
