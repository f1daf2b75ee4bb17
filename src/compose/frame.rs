//! The frame of an article's module: a rectangle of the page grid, and
//! the grid its text is set on.

use super::Page;
use super::transform::{FrameRect, Mode, PageRect, Step, Transform};
use crate::model::{Grid, LeadPlacement};
use crate::units::Pt;

/// A headline's largest size on its page, in hundredths of a point (a
/// frame is compared whole, so the size is kept as an integer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SizeCap(u32);

impl SizeCap {
    pub fn of(size: Pt) -> SizeCap {
        SizeCap((size.0 * 100.0).floor().max(0.0) as u32)
    }

    pub fn pt(self) -> Pt {
        Pt(self.0 as f64 / 100.0)
    }
}

/// The rectangle of the page grid an article's module occupies: columns
/// (bands, in vertical text) across, line slots down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// First column, 0-based.
    pub first: u32,
    pub columns: u32,
    /// First line slot.
    pub top: u32,
    /// Line slots; `None`: to the foot of the page.
    pub rows: Option<u32>,
    /// 破栏: set the module's text in this many columns instead of its
    /// basic ones.
    pub split: Option<u32>,
    /// Draw a box around the module (a feature, a serial).
    pub boxed: bool,
    /// The lead in the first column, or across columns under the header.
    pub lead: LeadPlacement,
    /// A page's module: its title block fitted to it ([`super::title`]);
    /// otherwise set across every column as the article gives it.
    pub fit_title: bool,
    /// The page's lead story: its headings at their full size, its title
    /// block across the module.
    pub lead_story: bool,
    /// A boxed frame whose top edge stands in the slot above it, where the
    /// rule under the modules over it would run (white there: the make-up
    /// leaves every module's last slot so): its text starts at its top
    /// instead of a slot lower. A box under a band otherwise stands two
    /// slots of white below the text over it, a hole over a column a line
    /// short.
    pub edge_above: bool,
    /// The kicker set flush with the headline's end instead of its start:
    /// where the module over it ends a column short over the white after
    /// a kicker at the start (see [`super::edition`]'s head check).
    pub kicker_end: bool,
    /// The largest its headline may be: under the lead story's on a
    /// made-up page (see `makeup::headline_ceiling`).
    pub headline_most: Option<SizeCap>,
    /// The largest a headline grown to close the white at its ends may be
    /// (see `title_fit::closed`): the lead story's on a made-up page (see
    /// `makeup::headline_ceiling`), whether or not `headline_most` caps it.
    pub grown_most: Option<SizeCap>,
    /// Its title block kept off a column whose text runs up beside the
    /// headline (题文错开): the make-up's, where the headline would run
    /// into the next module's (撞题, see `clash`).
    pub parted: Parted,
}

/// Which column of its module a title block leaves to the text beside
/// its headline, where its headline is parted from a neighbour's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Parted {
    /// Across as fitted.
    #[default]
    Not,
    /// The last (the block over the others from the first): parts it from
    /// the headline of the module after it. Never the first: the text
    /// would start in a column before its own headline (a compositor's
    /// review found it on three fresh pages, gq-set26, 32 and 34).
    Last,
}

/// A module laid out: its pages (the first is the frame's page, the rest
/// continue it) and the slot below its last line on the first page.
#[derive(Clone)]
pub struct Module {
    pub pages: Vec<Page>,
    pub bottom: u32,
    /// The white under the text of its first page's columns, in
    /// line-columns beyond the line balanced columns may differ by
    /// ([`super::balance`]); figures' feet count as text.
    pub white: u32,
    /// All the white under its first page's text along its foot, in
    /// line-columns: a column a line short included.
    pub foot: u32,
    /// The white under its first page's columns that reads as a hole
    /// (runs of [`super::balance::HOLE_RUN`] lines or more), in
    /// line-columns.
    pub holes: u32,
    /// How many of its first page's columns end one line and two lines
    /// short of its foot.
    pub shorts: [u32; 2],
    /// The first page's slot under its title block (see
    /// [`super::columns::Composer::under_title`]).
    pub under_title: u32,
    /// Every line as set (`--dump-lines`).
    pub lines: Vec<super::items::SetLine>,
    /// A continued module: the block and line its second page begins
    /// with (where a continuation set elsewhere takes it up).
    pub cut: Option<super::defer::Cut>,
    /// Its title block's headings break only between phrases.
    pub phrases_fit: bool,
    /// Lines of a box on a grid of its own that its text leaves empty,
    /// its lines spread as far as they go (see `module::MOST_SPREAD`):
    /// white inside the box's rule, a hole (0 where within a line).
    pub unfilled: u32,
}

impl Frame {
    pub fn full(grid: &Grid) -> Frame {
        Frame {
            first: 0,
            columns: grid.columns,
            top: 0,
            rows: None,
            split: None,
            boxed: false,
            lead: LeadPlacement::Column,
            fit_title: false,
            lead_story: false,
            edge_above: false,
            kicker_end: false,
            headline_most: None,
            grown_most: None,
            parted: Parted::Not,
        }
    }

    /// A continued module's later pages: every column of the page, its
    /// whole depth, the box kept; no 破栏 or lead there.
    pub fn whole_page(&self, page: &Grid) -> Frame {
        Frame {
            first: 0,
            columns: page.columns,
            top: 0,
            rows: None,
            split: None,
            lead: LeadPlacement::Column,
            ..*self
        }
    }

    /// Whether the box's top edge stands in the slot above the frame
    /// (see [`Frame::edge_above`]; never above the page's first slot).
    pub fn box_edge_above(&self) -> bool {
        self.boxed && self.edge_above && self.top > 0
    }

    /// The last slot (exclusive) the frame may use.
    pub fn bottom(&self, page: &Grid) -> u32 {
        self.rows
            .map_or(page.lines, |r| (self.top + r).min(page.lines))
    }

    /// Whether a module of this writing mode gets a grid of its own inside
    /// the frame (a vertical serial box on a horizontal page) instead of
    /// the page's columns.
    pub(super) fn has_own_grid(page: &Grid, vertical: bool) -> bool {
        vertical != page.vertical
    }

    /// The grid the module's text is set on: the page grid narrowed to the
    /// frame's columns (and re-split for 破栏); for a module whose writing
    /// differs from the page's a grid of its own inside the frame's
    /// rectangle, in tiers of `tier_chars` (left out: [`Tiers::default_chars`]).
    pub fn grid(&self, page: &Grid, vertical: bool, tier_chars: Option<u32>) -> Grid {
        if Frame::has_own_grid(page, vertical) {
            return self.grid_inside(page, vertical, tier_chars);
        }
        let mut g = Grid {
            columns: self.columns,
            ..*page
        };
        if let Some(m) = self.split.filter(|&m| m >= 1 && m != self.columns) {
            resplit(&mut g, page, m);
        }
        start_inline_at(&mut g, page.column_start(self.first));
        g
    }

    /// The frame's rectangle on the page.
    fn page_rect(&self, page: &Grid) -> PageRect {
        let basic = Grid {
            columns: self.columns,
            ..*page
        };
        let above = self.box_edge_above() as u32;
        Transform::of(page).rect(FrameRect {
            slot: (self.top - above) as f64,
            slots: (self.bottom(page) - self.top + above) as f64,
            inline: page.column_start(self.first),
            length: basic.measure(),
        })
    }

    /// A grid of tiers (段) filling the frame's rectangle: lines of whole
    /// characters, as many as its block extent holds. A boxed frame keeps
    /// a line pitch across and two characters along inside its edges: the
    /// box goes a character and a half from the type, clear of a mark
    /// hanging past a line's end.
    fn grid_inside(&self, page: &Grid, vertical: bool, tier_chars: Option<u32>) -> Grid {
        let mode = Mode::of(vertical);
        let mut r = self.page_rect(page);
        if self.boxed {
            let (dx, dy) = mode.page(Step::new(page.body_size * 2.0, page.pitch));
            r = r.inset(dx.abs(), dy.abs());
        } else {
            // Unboxed, a slot clear at the frame's top and foot, where the
            // rules between modules run, and a quarter em more: a tier's
            // last character ends nearly an em above the rule under it,
            // not half a slot (a checker's box for a vertical glyph hangs
            // below the glyph by most of an em).
            let clear = page.pitch + page.body_size * 0.25;
            r = if page.vertical {
                r.inset(clear, Pt::ZERO)
            } else {
                r.inset(Pt::ZERO, clear)
            };
        }
        let (along, across) = mode.extents(r.width, r.height);
        let body = page.body_size;
        // Two characters at least between tiers: a rule between them
        // stays a character clear of the type, and the tiers read apart.
        let gutter = (page.gutter.0 / body.0).round().max(3.0) as u32;
        let chars = tier_chars.unwrap_or(Tiers::default_chars(page));
        let t = Tiers::fit((along.0 / body.0).floor().max(1.0) as u32, chars, gutter);
        Grid {
            vertical,
            columns: t.count,
            gutter: body * t.gap,
            column_width: body * t.chars as f64,
            lines: (across.0 / page.pitch.0).floor().max(1.0) as u32,
            top: r.y,
            left: r.x,
            right: r.x + r.width,
            ..*page
        }
    }
}

/// The most characters a line of a tier holds, as newspapers set them
/// (newspaper-page.md: 13 to 30 a tier).
pub const MOST_TIER_CHARS: u32 = 30;

/// Tiers (段) of a module set in lines across the page's own: `count`
/// tiers of `chars` characters a line, `gap` characters between them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tiers {
    pub count: u32,
    pub chars: u32,
    pub gap: f64,
}

impl Tiers {
    /// A tier's characters when the layout does not say: two of the
    /// page's columns and their gutter.
    pub fn default_chars(page: &Grid) -> u32 {
        let chars = page.chars_per_line();
        let gutter = (page.gutter.0 / page.body_size.0).round() as u32;
        chars * 2 + gutter
    }

    /// Tiers as near `chars` as whole tiers of `length` characters allow,
    /// at least `gutter` apart; what is left widens the gaps. Never a
    /// tier taller than [`MOST_TIER_CHARS`] (unless a layout asks for
    /// taller ones): rounded to the nearest count, a 38-character
    /// frame with tiers of 27 was one tier of 38, a line the eye cannot
    /// take in.
    pub fn fit(length: u32, chars: u32, gutter: u32) -> Tiers {
        let nearest = ((length + gutter) as f64 / (chars + gutter).max(1) as f64).round() as u32;
        let least = match chars > MOST_TIER_CHARS {
            true => 1,
            false => (length + gutter).div_ceil(MOST_TIER_CHARS + gutter),
        };
        let count = nearest.max(least).max(1);
        if count == 1 {
            return Tiers {
                count,
                chars: length,
                gap: 0.0,
            };
        }
        let each = (length - (count - 1) * gutter) / count;
        Tiers {
            count,
            chars: each,
            gap: (length - count * each) as f64 / (count - 1) as f64,
        }
    }
}

/// 破栏: k basic columns re-split as m, each (k·N + (k−1)·gutter −
/// (m−1)·gutter) / m characters, the rest to the gutters
/// (newspaper-page.md).
fn resplit(g: &mut Grid, page: &Grid, m: u32) {
    let total = g.measure();
    let chars = ((total - page.gutter * (m - 1) as f64).0 / page.body_size.0 / m as f64).floor();
    g.columns = m;
    g.column_width = page.body_size * chars;
    g.gutter = if m > 1 {
        (total - g.column_width * m as f64) / (m - 1) as f64
    } else {
        Pt::ZERO
    };
}

/// Moves a grid's inline start `by` along its lines. A grid records its
/// type area by the page's left, right and top edges; the inline start is
/// the left edge (and the right the end) of horizontal lines, the top of
/// vertical ones.
fn start_inline_at(g: &mut Grid, by: Pt) {
    if g.vertical {
        g.top += by;
    } else {
        g.left += by;
        g.right = g.left + g.measure();
    }
}
