//! Layout templates (layouts/*.toml): page, grid, fonts and the style of
//! every kind of paragraph. A template is plain TOML a user can copy.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result, Stage};
use crate::parse::Writing;
use crate::source::SourceFile;
use crate::units::Pt;

/// Templates compiled into the binary, so `--layout feature` works from any
/// directory. A path (anything with a `/` or ending in .toml) reads a file.
const BUILTIN: &[(&str, &str)] = &[
    ("feature", include_str!("../../layouts/feature.toml")),
    ("vertical", include_str!("../../layouts/vertical.toml")),
    ("broadsheet", include_str!("../../layouts/broadsheet.toml")),
    ("tabloid", include_str!("../../layouts/tabloid.toml")),
    ("supplement", include_str!("../../layouts/supplement.toml")),
    ("book", include_str!("../../layouts/book.toml")),
];

pub const DEFAULT_LAYOUT: &str = "feature";

/// A length written with its unit: "275mm", "10pt", "1.5cm", "0.5in".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length(pub Pt);

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Length, D::Error> {
        let s = String::deserialize(d)?;
        parse_length(&s).map(Length).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "\"{s}\" is not a length; write a number and a unit: \"275mm\", \"10pt\", \"1.5cm\", \"1in\""
            ))
        })
    }
}

fn parse_length(s: &str) -> Option<Pt> {
    let s = s.trim();
    let split = s.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, unit) = s.split_at(split);
    let v: f64 = num.trim().parse().ok()?;
    if !v.is_finite() {
        return None;
    }
    Some(match unit {
        "pt" => Pt(v),
        "mm" => Pt::from_mm(v),
        "cm" => Pt::from_mm(v * 10.0),
        "in" => Pt(v * 72.0),
        _ => return None,
    })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Shown in messages and the PDF's metadata.
    pub name: String,
    #[serde(default = "default_writing")]
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

fn default_writing() -> Writing {
    Writing::Horizontal
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
    #[serde(default = "yes")]
    pub column_rules: bool,
}

fn yes() -> bool {
    true
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
    #[serde(default = "regular")]
    pub weight: u16,
}

fn regular() -> u16 {
    400
}

/// 避头尾 levels, CLREQ §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Prohibition {
    None,
    Basic,
    Gb,
    Strict,
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
    /// ，。、 may hang past the measure instead of pushing a character down.
    #[serde(default)]
    pub hanging: bool,
    /// An opening bracket or quote at a line start may lose its blank half.
    #[serde(default)]
    pub compress_line_start: bool,
    /// "total-fit" (Knuth–Plass, the default) or "greedy" (first fit).
    #[serde(default)]
    pub breaking: crate::linebreak::Breaking,
    /// In vertical text, “” and ‘’ become 「」 and 『』 (CLREQ §6).
    #[serde(default = "yes")]
    pub vertical_quotes: bool,
    /// In vertical text, numbers of up to this many digits are set across
    /// one em (直排内横排, tate-chu-yoko); 0 turns it off. Single characters
    /// stay upright; longer Latin words and numbers are rotated.
    #[serde(default = "three")]
    pub tate_chu_yoko: u32,
    /// In vertical text, Latin words of up to this many letters stand upright
    /// letter by letter (acronyms); longer ones are rotated. Single
    /// characters are always upright.
    #[serde(default = "one")]
    pub upright_max: u32,
}

fn three() -> u32 {
    3
}

impl Scheme {
    pub fn from_name(name: &str) -> Option<Scheme> {
        Some(match name {
            "quanjiao" => Scheme::Quanjiao,
            "kaiming" => Scheme::Kaiming,
            "banjiao" => Scheme::Banjiao,
            "centred" | "centered" => Scheme::Centred,
            _ => return None,
        })
    }
}

/// 标点符号宽度 schemes, named as ctex and LuaTeX-ja name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// 全角: every mark a full em; adjacent marks and line ends compressed
    /// only where required.
    #[default]
    Quanjiao,
    /// 开明: sentence-ending stops (。？！) full width, all other marks half.
    Kaiming,
    /// 半角: every mark half width.
    Banjiao,
    /// Taiwan and Hong Kong: marks centred in the em box, never compressed.
    Centred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Justified on the grid; the last line of a paragraph starts flush.
    Justify,
    Start,
    Center,
    End,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// A key of [fonts].
    pub font: String,
    /// Bold runs (`**…**`) use this role; defaults to `font`.
    pub strong_font: Option<String>,
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
    fn all(&self) -> [(&'static str, &Style); 14] {
        [
            ("kicker", &self.kicker),
            ("headline", &self.headline),
            ("deck", &self.deck),
            ("byline", &self.byline),
            ("serial_label", &self.serial_label),
            ("lead", &self.lead),
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

/// The grid in points, derived once from the template.
#[derive(Debug, Clone, Copy, PartialEq)]
///
/// Horizontal: columns side by side, lines stacked downwards. Vertical
/// (直排): the 栏 are bands stacked downwards, each holding vertical lines
/// that progress right to left. Layout code speaks of columns, slots (line
/// positions along the block axis) and inline offsets; [`Grid::place`] turns
/// them into page coordinates.
pub struct Grid {
    pub vertical: bool,
    pub columns: u32,
    /// Inline extent of a column: its width, or a band's height.
    pub column_width: Pt,
    pub gutter: Pt,
    pub body_size: Pt,
    pub pitch: Pt,
    /// Left edge of the type area (horizontal text).
    pub left: Pt,
    /// Top edge of the type area.
    pub top: Pt,
    /// Right edge of the type area (where vertical lines start).
    pub right: Pt,
    /// Whole lines per column (per band in vertical text).
    pub lines: u32,
}

impl Grid {
    /// Inline extent of all the grid's columns and the gutters between them.
    pub fn measure(&self) -> Pt {
        self.column_width * self.columns as f64
            + self.gutter * (self.columns.saturating_sub(1)) as f64
    }

    /// Page position (x, y down from the top) of a point `inline` along the
    /// line from the start of column 0, `slot` line pitches along the block
    /// axis.
    pub fn place(&self, slot: f64, inline: Pt) -> (Pt, Pt) {
        if self.vertical {
            (self.right - self.pitch * slot, self.top + inline)
        } else {
            (self.left + inline, self.top + self.pitch * slot)
        }
    }

    /// Inline offset of a column's start.
    pub fn column_start(&self, column: u32) -> Pt {
        (self.column_width + self.gutter) * column as f64
    }

    /// Page rectangle (x, y, width, height) of `slots` line slots from
    /// `slot`, over an inline range.
    pub fn rect(&self, slot: f64, slots: f64, inline: Pt, length: Pt) -> (Pt, Pt, Pt, Pt) {
        if self.vertical {
            (
                self.right - self.pitch * (slot + slots),
                self.top + inline,
                self.pitch * slots,
                length,
            )
        } else {
            (
                self.left + inline,
                self.top + self.pitch * slot,
                length,
                self.pitch * slots,
            )
        }
    }

    /// The type area as (x0, y0, x1, y1).
    pub fn area(&self) -> (Pt, Pt, Pt, Pt) {
        let (x, y, w, h) = self.rect(0.0, self.lines as f64, Pt::ZERO, self.measure());
        (x, y, x + w, y + h)
    }
}

impl Layout {
    /// The grid in the layout's own writing mode.
    pub fn grid(&self) -> Grid {
        self.grid_for(self.writing)
    }

    /// The grid for a writing mode (an article or the command line may
    /// override the layout's).
    pub fn grid_for(&self, writing: Writing) -> Grid {
        let size = self.grid.body_size.0;
        let pitch = self.grid.line_pitch.0;
        let column_width = size * self.grid.chars as f64;
        let gutter = size * self.grid.gutter;
        let total =
            column_width * self.grid.columns as f64 + gutter * (self.grid.columns - 1) as f64;
        let height = self.page.height.0 - self.page.margin_top.0 - self.page.margin_bottom.0;
        let width = self.page.width.0 - self.page.margin_side.0 * 2.0;
        match writing {
            Writing::Horizontal => {
                let left = (self.page.width.0 - total) / 2.0;
                Grid {
                    vertical: false,
                    columns: self.grid.columns,
                    column_width,
                    gutter,
                    body_size: size,
                    pitch,
                    left,
                    top: self.page.margin_top.0,
                    right: left + total,
                    lines: (height / pitch).floor().max(0.0) as u32,
                }
            }
            Writing::Vertical => {
                let lines = (width / pitch).floor().max(0.0) as u32;
                let right = self.page.width.0 - (self.page.width.0 - pitch * lines as f64) / 2.0;
                Grid {
                    vertical: true,
                    columns: self.grid.columns,
                    column_width,
                    gutter,
                    body_size: size,
                    pitch,
                    left: right - pitch * lines as f64,
                    top: self.page.margin_top.0 + ((height - total) / 2.0).max(Pt::ZERO),
                    right,
                    lines,
                }
            }
        }
    }

    /// Total width of the type area.
    pub fn measure(&self) -> Pt {
        let g = self.grid();
        g.column_width * g.columns as f64 + g.gutter * (g.columns - 1) as f64
    }

    fn check(&self, file: &SourceFile) -> Result<()> {
        let fail_at = |key: &str, msg: String, hint: &str| {
            Err(Error::new(Stage::Resolve, msg)
                .at(file.at(key_offset(&file.text, key)))
                .hint(hint))
        };
        let fail = |msg: String, hint: &str| fail_at("", msg, hint);
        let positive = [
            ("page.width", self.page.width.0.0),
            ("page.height", self.page.height.0.0),
            ("grid.body_size", self.grid.body_size.0.0),
            ("grid.line_pitch", self.grid.line_pitch.0.0),
        ];
        for (key, v) in positive {
            if v <= 0.0 {
                return fail_at(
                    key,
                    format!("{key} must be greater than zero"),
                    "sizes are positive lengths such as \"10pt\"",
                );
            }
        }
        for (key, v) in [
            ("page.margin_top", self.page.margin_top.0.0),
            ("page.margin_bottom", self.page.margin_bottom.0.0),
            ("page.margin_side", self.page.margin_side.0.0),
        ] {
            if v < 0.0 {
                return fail_at(
                    key,
                    format!("{key} is negative"),
                    "margins are zero or more",
                );
            }
        }
        if self.grid.columns == 0 || self.grid.columns > 40 {
            return fail_at(
                "grid.columns",
                format!("grid.columns = {} is out of range", self.grid.columns),
                "use 1 to 40 columns",
            );
        }
        if self.grid.chars < 4 {
            return fail_at(
                "grid.chars",
                format!(
                    "grid.chars = {}: a column narrower than 4 characters cannot hold text",
                    self.grid.chars
                ),
                "newspaper columns hold about 13 characters",
            );
        }
        if self.grid.line_pitch.0.0 < self.grid.body_size.0.0 {
            return fail_at(
                "grid.line_pitch",
                "grid.line_pitch is smaller than grid.body_size: lines would collide".into(),
                "a pitch of 1.3–1.75 times the body size is usual",
            );
        }
        let g = self.grid_for(Writing::Horizontal);
        if self.writing == Writing::Vertical {
            let v = self.grid_for(Writing::Vertical);
            let avail = self.page.height.0 - self.page.margin_top.0 - self.page.margin_bottom.0;
            if v.measure().0 > avail.0 + 0.01 {
                return fail(
                    format!(
                        "the vertical bands are {:.1} mm tall and do not fit between the top and bottom margins",
                        v.measure().0 * 25.4 / 72.0
                    ),
                    "reduce grid.columns or grid.chars, or enlarge the page",
                );
            }
        }
        if self.writing == Writing::Horizontal && g.left.0 < self.page.margin_side.0.0 - 0.01 {
            return fail_at(
                "grid.chars",
                format!(
                    "the grid is {:.1} mm wide and does not fit the page with {:.1} mm side margins",
                    self.measure().0 * 25.4 / 72.0,
                    self.page.margin_side.0.0 * 25.4 / 72.0
                ),
                "reduce grid.columns, grid.chars or grid.body_size, or widen the page",
            );
        }
        if g.lines < 10 {
            return fail_at(
                "grid.line_pitch",
                "the page holds fewer than 10 body lines".into(),
                "reduce the margins or the line pitch",
            );
        }
        for (name, style) in self.styles.all() {
            for role in std::iter::once(&style.font).chain(style.strong_font.as_ref()) {
                if !self.fonts.contains_key(role) {
                    return fail(
                        format!(
                            "styles.{name} uses font \"{role}\", which [fonts] does not define"
                        ),
                        &format!(
                            "define it or use one of: {}",
                            self.fonts.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    );
                }
            }
            if style.size.0.0 <= 0.0 || style.size.0.0 > 500.0 {
                return fail(
                    format!("styles.{name}.size is out of range"),
                    "sizes are between 0 and 500 pt",
                );
            }
            if style.lines == 0 {
                return fail(
                    format!("styles.{name}.lines must be at least 1"),
                    "lines counts body-line slots",
                );
            }
            if style.size.0.0 > g.pitch.0 * style.lines as f64 + 0.01 {
                return fail(
                    format!(
                        "styles.{name}: {:.1} pt type does not fit in {} line slot(s) of {:.1} pt",
                        style.size.0.0, style.lines, g.pitch.0
                    ),
                    "raise lines or lower size",
                );
            }
        }
        if self.fonts.values().any(|f| f.families.is_empty()) {
            return fail(
                "a font role has no families".into(),
                "list at least one family name",
            );
        }
        Ok(())
    }
}

/// Loads a template by name (built in) or by path.
pub fn load_layout(spec: &str, base: Option<&Path>) -> Result<Layout> {
    let is_path = spec.contains('/') || spec.contains('\\') || spec.ends_with(".toml");
    let (path, text) = if is_path {
        let mut path = PathBuf::from(spec);
        if path.is_relative()
            && !path.exists()
            && let Some(b) = base
        {
            path = b.join(spec);
        }
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::new(
                Stage::Resolve,
                format!("cannot read layout {}: {e}", path.display()),
            )
            .hint("give a name from layouts/ (such as \"feature\") or the path of a .toml layout")
        })?;
        (path, text)
    } else {
        match BUILTIN.iter().find(|(n, _)| *n == spec) {
            Some((n, t)) => (PathBuf::from(format!("layouts/{n}.toml")), t.to_string()),
            None => {
                let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                return Err(
                    Error::new(Stage::Resolve, format!("unknown layout \"{spec}\"")).hint(format!(
                        "the built-in layouts are: {}; or give a path to a .toml file",
                        names.join(", ")
                    )),
                );
            }
        }
    };
    parse_layout(&path, text)
}

pub fn parse_layout(path: &Path, text: String) -> Result<Layout> {
    let file = SourceFile::new(path, text);
    let mut layout: Layout = toml::from_str(&file.text).map_err(|e| {
        Error::new(Stage::Resolve, format!("layout: {}", e.message().trim()))
            .at(file.at(e.span().map_or(0, |s| s.start)))
            .hint("compare with layouts/feature.toml, whose keys are documented")
    })?;
    layout.origin = path.to_path_buf();
    layout.check(&file)?;
    Ok(layout)
}

/// Where `table.key = …` is written in a layout file (0 when it is not, e.g.
/// a value the layout inherits), so a value error points at its line.
fn key_offset(text: &str, dotted: &str) -> usize {
    let Some((table, key)) = dotted.rsplit_once('.') else {
        return 0;
    };
    let mut in_table = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[') {
            in_table = t.trim_matches(|c| c == '[' || c == ']').trim() == table;
        } else if in_table
            && t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return offset + (line.len() - line.trim_start().len());
        }
        offset += line.len();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_parse_with_units() {
        assert_eq!(parse_length("10pt"), Some(Pt(10.0)));
        assert!((parse_length("25.4mm").unwrap().0 - 72.0).abs() < 1e-9);
        assert_eq!(parse_length("1in"), Some(Pt(72.0)));
        assert_eq!(parse_length("10"), None);
        assert_eq!(parse_length("10px"), None);
    }

    #[test]
    fn every_builtin_layout_loads() {
        for (name, _) in BUILTIN {
            let l = load_layout(name, None).unwrap();
            assert_eq!(&l.name, name);
        }
        let b = load_layout("broadsheet", None).unwrap();
        assert_eq!((b.grid.columns, b.grid.chars), (8, 13));
        assert_eq!(b.grid.body_size.0, Pt(9.0));
        let t = load_layout("tabloid", None).unwrap();
        assert!((5..=6).contains(&t.grid.columns));
    }

    #[test]
    fn the_builtin_feature_layout_is_a_13_character_grid() {
        let l = load_layout("feature", None).unwrap();
        let g = l.grid();
        assert_eq!(l.grid.chars, 13);
        assert!((g.column_width.0 - 13.0 * g.body_size.0).abs() < 1e-9);
        assert!(g.left.0 >= l.page.margin_side.0.0);
    }

    #[test]
    fn bad_layouts_are_refused_with_a_location() {
        let good = BUILTIN[0].1;
        let bad = good.replace("columns = 5", "columns = 0");
        let e = parse_layout(Path::new("x.toml"), bad)
            .unwrap_err()
            .to_string();
        assert!(e.contains("grid.columns"), "{e}");
        let bad = good.replace("chars = 13", "chars = 2");
        assert!(
            parse_layout(Path::new("x.toml"), bad)
                .unwrap_err()
                .to_string()
                .contains("narrower")
        );
        let bad = good.replacen("[grid]", "[grid]\ncolour = 1", 1);
        let e = parse_layout(Path::new("x.toml"), bad)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.toml:") && e.contains("colour"), "{e}");
        assert!(
            load_layout("nosuch", None)
                .unwrap_err()
                .to_string()
                .contains("feature")
        );
    }
}
