//! The resolved document: every paragraph with its style, fonts and source
//! position; figures read and measured. The contract between parsing and
//! layout: after this nothing is optional or unresolved.

use std::path::PathBuf;
use std::sync::Arc;

use crate::error::Result;
use crate::model::{Labels, Lang, LangFamily, Writing};
use crate::parse::{Article, Date, Kind};
use crate::source::{Loc, Located};

use super::roles::Roles;

use super::layout::Layout;
use super::paras::Styler;
use crate::model::{FontId, LineRules, ParaStyle, Role};
use crate::model::{Hanging, Prohibition, Scheme};

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub emphasis: bool,
    pub strong: bool,
    /// Where the run starts in the article, for warnings.
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub style: ParaStyle,
    pub runs: Vec<Run>,
}

impl Para {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// How text flows around a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// Around its rectangle.
    Rect,
    /// Around the circle inscribed in it: each line beside it gets its own
    /// measure, with a constant gap.
    Round,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub path: PathBuf,
    /// The name as written in the article, for the EPUB.
    pub src: String,
    pub data: Arc<Vec<u8>>,
    pub format: ImageFormat,
    /// A PNG's pixels, or an RGB JPEG's as CMYK for a print PDF, decoded
    /// once when it was read, for the PDF.
    pub pixels: Option<super::PngPixels>,
    pub width_px: u32,
    pub height_px: u32,
    pub caption: Option<Para>,
    /// Columns spanned (text wraps around the figure in the others).
    pub columns: u32,
    /// Width in columns when not a whole number.
    pub width: Option<f64>,
    pub wrap: Wrap,
    /// A place in the module: its centre across, in columns (0.5 the
    /// middle of the first, 1 the gutter after it), and its top line
    /// slot. With either, the figure is set there before the text flows.
    pub x: Option<f64>,
    pub row: Option<u32>,
    pub loc: Loc,
}

impl Figure {
    /// Whether the article gives the figure a place in its module.
    pub fn placed(&self) -> bool {
        self.x.is_some() || self.row.is_some()
    }
}

#[derive(Debug, Clone)]
pub enum Flow {
    Para(Para),
    Figure(Figure),
}

/// Serial furniture.
#[derive(Debug, Clone, PartialEq)]
pub struct SerialMeta {
    pub work: String,
    pub author: String,
    pub installment: u32,
}

/// One article, resolved.
#[derive(Debug, Clone)]
pub struct Doc {
    pub path: PathBuf,
    pub kind: Kind,
    pub title: String,
    pub lang: Lang,
    pub writing: Writing,
    pub date: Option<Date>,
    /// The byline, or the serial's author: the EPUB's dc:creator.
    pub author: Option<String>,
    /// The deck (副题): the EPUB's dc:description.
    pub deck: Option<String>,
    pub serial: Option<SerialMeta>,
    /// Kicker, headline, deck, serial label and byline: set across all
    /// columns above the body.
    pub header: Vec<Para>,
    /// The face the headline takes beside a headline of its size (撞题):
    /// the layout's `alt_font`; `None`, the body's.
    pub alt_headline_font: Option<FontId>,
    /// Lead, body, section heads, quotes, figures and the source line, in
    /// reading order; flows through the columns.
    pub flow: Vec<Flow>,
    pub layout_name: String,
    /// How lines break: the layout's settings with language defaults.
    pub rules: LineRules,
    /// Styles of the page furniture (报眉 and folio) and of a book's title
    /// page and contents.
    pub running_head_style: ParaStyle,
    pub folio_style: ParaStyle,
    pub title_style: ParaStyle,
    pub author_style: ParaStyle,
    pub entry_style: ParaStyle,
    /// A continued module's jump lines （下转第N版）（上接第N版）.
    pub jump_style: ParaStyle,
    /// A continued module's head on its later pages (续题).
    pub continued_style: ParaStyle,
}

impl Doc {
    /// Every paragraph's text in reading order, one string each: what a
    /// reader of either edition must find (for checking tools and tests).
    pub fn paragraphs(&self) -> Vec<String> {
        let mut out: Vec<String> = self.header.iter().map(Para::text).collect();
        for f in &self.flow {
            match f {
                Flow::Para(p) => out.push(p.text()),
                Flow::Figure(fig) => out.extend(fig.caption.as_ref().map(Para::text)),
            }
        }
        out
    }

    pub fn located(&self, loc: Loc) -> Located {
        Located::new(&self.path, loc)
    }
}

pub use super::figure_file::{MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS};

/// What the input around an article decides for it. The article's own
/// front matter wins over the defaults; the override wins over both.
#[derive(Debug, Clone, Default)]
pub struct DocSettings {
    /// The command line's or the page manifest's writing mode.
    pub writing: Option<Writing>,
    /// Defaults for an article that does not say: a serial's settings for
    /// its installments.
    pub default_lang: Option<Lang>,
    pub default_writing: Option<Writing>,
    /// A chapter of a book edition: the running heads carry the work, so
    /// the chapter opens with its title, not the newspaper's serial label.
    pub chapter: bool,
    /// Files may lie outside the input's folder (--allow-outside).
    pub allow_outside: bool,
    /// The PDF a run writes, if any: a PNG figure keeps the pixels decoded
    /// when it is read, made for it (without, it is only checked).
    pub pdf_pixels: Option<super::PixelTarget>,
}

/// An article on its own, with the layout's defaults.
pub fn resolve_doc(
    article: &Article,
    layout: &Layout,
    roles: &Roles,
    writing: Option<Writing>,
) -> Result<Doc> {
    let settings = DocSettings {
        writing,
        ..DocSettings::default()
    };
    resolve_doc_with(article, layout, roles, &settings)
}

/// Resolves an article: its language, writing mode and line-breaking rules
/// are decided here, once, from the article, `settings` and the layout.
pub fn resolve_doc_with(
    article: &Article,
    layout: &Layout,
    roles: &Roles,
    settings: &DocSettings,
) -> Result<Doc> {
    let m = &article.meta;
    let lang = article_lang(article, settings);
    let styler = Styler {
        layout,
        roles: roles.for_lang(lang.family),
        labels: Labels::of(lang.family),
        allow_outside: settings.allow_outside,
        pdf_pixels: settings.pdf_pixels,
        scheme: layout.text.punctuation.unwrap_or(match lang.family {
            LangFamily::ZhHant => Scheme::Centred,
            _ => Scheme::Quanjiao,
        }),
    };
    let mut header = styler.header(m, settings.chapter);
    let mut flow = styler.flow(article)?;
    let writing = settings
        .writing
        .or(m.writing)
        .or(settings.default_writing)
        .unwrap_or(layout.writing);
    if writing == Writing::Vertical && layout.text.vertical_quotes {
        for p in header
            .iter_mut()
            .chain(flow.iter_mut().filter_map(|f| match f {
                Flow::Para(p) => Some(p),
                Flow::Figure(fig) => fig.caption.as_mut(),
            }))
        {
            corner_quotes(p);
        }
    }
    let st = &layout.styles;
    Ok(Doc {
        path: article.path.clone(),
        kind: m.kind,
        title: m.title.text.clone(),
        rules: line_rules(layout, lang.family),
        lang,
        writing,
        date: m.date,
        author: m
            .serial
            .as_ref()
            .map(|s| s.author.text.clone())
            .or_else(|| m.byline.as_ref().map(|b| b.text.clone())),
        deck: m.deck.as_ref().map(|d| d.text.clone()),
        serial: m.serial.as_ref().map(|s| SerialMeta {
            work: s.work.text.clone(),
            author: s.author.text.clone(),
            installment: s.installment,
        }),
        alt_headline_font: (st.headline.alt_font.as_ref()).map(|r| styler.roles[r].cjk),
        header,
        flow,
        layout_name: layout.name.clone(),
        running_head_style: styler.style(Role::Body, &st.running_head, 0),
        folio_style: styler.style(Role::Body, &st.folio, 0),
        title_style: styler.style(Role::Headline, &st.headline, 0),
        author_style: styler.style(Role::Byline, &st.byline, 0),
        entry_style: styler.style(Role::Body, &st.body, 0),
        jump_style: styler.style(Role::Source, &st.source, 0),
        // The continuation head (续题) opens its module at the start of
        // the line, the jump line under it at the end: a centred head in a
        // narrow module leaves white on both sides of it.
        continued_style: ParaStyle {
            align: crate::model::Align::Start,
            ..styler.style(Role::Deck, &st.deck, 0)
        },
    })
}

/// An article's language: its own, the serial's, or zh-Hans. The job asks
/// first, to load the fonts the language needs (see [`Roles::load_for`]).
pub fn article_lang(article: &Article, settings: &DocSettings) -> Lang {
    article
        .meta
        .lang
        .clone()
        .or_else(|| settings.default_lang.clone())
        .unwrap_or_default()
}

/// The layout's line-breaking settings, with the language's defaults
/// where the layout leaves them open.
fn line_rules(layout: &Layout, family: LangFamily) -> LineRules {
    LineRules {
        prohibition: layout.text.prohibition.unwrap_or(match family {
            LangFamily::ZhHans | LangFamily::Ja => Prohibition::Strict,
            LangFamily::ZhHant => Prohibition::Basic,
            LangFamily::En => Prohibition::None,
        }),
        hanging: hanging(layout),
        compress_line_start: layout.text.compress_line_start,
        breaking: layout.text.breaking,
        flush_short: false,
    }
}

/// Hanging where needed only where the line's end has room. A ruled
/// gutter of one character up to two (the newspaper's one-character
/// gutter, its rule half an em from the measure) takes a hung mark only
/// if its glyph stands at the start of its em: set at half width it ends
/// on the measure's side of the gutter's middle, its ink (about a third
/// of an em wide) clear of the rule. A centred mark comes within about a
/// sixth of an em of the rule (hung only where the line would otherwise
/// be visibly spaced), and a narrower
/// ruled gutter takes none: there the line is letter-spaced as before.
pub(super) fn hanging(layout: &Layout) -> Hanging {
    let g = &layout.grid;
    match layout.text.hanging {
        Hanging::Needed if g.column_rules && g.gutter < 1.0 => Hanging::Never,
        Hanging::Needed if g.column_rules && g.gutter < 2.0 => Hanging::NeededAtStart,
        h => h,
    }
}

/// “” ‘’ → 「」『』 for vertical text (CLREQ §6), keeping nesting; an
/// apostrophe inside a Latin word (don’t) stays.
pub fn corner_quotes(p: &mut Para) {
    let chars: Vec<char> = p.runs.iter().flat_map(|r| r.text.chars()).collect();
    let mut k: usize = 0;
    for r in &mut p.runs {
        let mut out = String::with_capacity(r.text.len());
        for c in r.text.chars() {
            let prev = k.checked_sub(1).map(|i| chars[i]);
            let next = chars.get(k + 1).copied();
            out.push(match c {
                '“' => '「',
                '”' => '」',
                '‘' | '’' if !crate::script::is_wide_in(prev, c, next) => c,
                '‘' => '『',
                '’' => '』',
                c => c,
            });
            k += 1;
        }
        r.text = out;
    }
}
