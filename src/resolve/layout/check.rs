//! Checks of a merged layout's values that TOML types cannot express: sizes
//! are positive, the grid fits the page, styles fit their line slots. Each
//! error points at the key in the file that set the value.

use super::Layout;
use super::merge::Places;
use crate::error::{Error, Result, Stage};
use crate::model::Writing;

fn fail(places: &Places, key: &str, msg: String, hint: &str) -> Result<()> {
    Err(Error::new(Stage::Resolve, msg)
        .at(places.key(key))
        .hint(hint))
}

fn mm(points: f64) -> f64 {
    points * 25.4 / 72.0
}

impl Layout {
    pub(super) fn check(&self, places: &Places) -> Result<()> {
        self.check_lengths(places)?;
        self.check_bounds(places)?;
        self.check_grid(places)?;
        self.check_fit(places)?;
        self.check_styles(places)?;
        self.check_fonts(places)
    }

    fn check_lengths(&self, places: &Places) -> Result<()> {
        let positive = [
            ("page.width", self.page.width.0.0),
            ("page.height", self.page.height.0.0),
            ("grid.body_size", self.grid.body_size.0.0),
            ("grid.line_pitch", self.grid.line_pitch.0.0),
        ];
        for (key, v) in positive {
            if v <= 0.0 {
                return fail(
                    places,
                    key,
                    format!("{key} must be greater than zero"),
                    "sizes are positive lengths such as \"10pt\"",
                );
            }
        }
        let margins = [
            ("page.margin_top", self.page.margin_top.0.0),
            ("page.margin_bottom", self.page.margin_bottom.0.0),
            ("page.margin_side", self.page.margin_side.0.0),
        ];
        for (key, v) in margins {
            if v < 0.0 {
                return fail(
                    places,
                    key,
                    format!("{key} is negative"),
                    "margins are zero or more",
                );
            }
        }
        Ok(())
    }

    fn check_grid(&self, places: &Places) -> Result<()> {
        if self.grid.columns == 0 || self.grid.columns > 40 {
            return fail(
                places,
                "grid.columns",
                format!("grid.columns = {} is out of range", self.grid.columns),
                "use 1 to 40 columns",
            );
        }
        if self.grid.chars < 4 {
            return fail(
                places,
                "grid.chars",
                format!(
                    "grid.chars = {}: a column narrower than 4 characters cannot hold text",
                    self.grid.chars
                ),
                "newspaper columns hold about 13 characters",
            );
        }
        if self.grid.line_pitch.0.0 < self.grid.body_size.0.0 {
            return fail(
                places,
                "grid.line_pitch",
                "grid.line_pitch is smaller than grid.body_size: lines would collide".into(),
                "a pitch of 1.3–1.75 times the body size is usual",
            );
        }
        Ok(())
    }

    /// The grid fits the page in its writing mode and holds enough lines.
    fn check_fit(&self, places: &Places) -> Result<()> {
        let g = self.grid_for(Writing::Horizontal);
        if self.writing == Writing::Vertical {
            let v = self.grid_for(Writing::Vertical);
            let avail = self.page.height.0 - self.page.margin_top.0 - self.page.margin_bottom.0;
            if v.measure().0 > avail.0 + 0.01 {
                return fail(
                    places,
                    "grid.chars",
                    format!(
                        "the vertical bands are {:.1} mm tall and do not fit between the top and bottom margins",
                        mm(v.measure().0)
                    ),
                    "reduce grid.columns or grid.chars, or enlarge the page",
                );
            }
        }
        if self.writing == Writing::Horizontal && g.left.0 < self.page.margin_side.0.0 - 0.01 {
            return fail(
                places,
                "grid.chars",
                format!(
                    "the grid is {:.1} mm wide and does not fit the page with {:.1} mm side margins",
                    mm(self.measure().0),
                    mm(self.page.margin_side.0.0)
                ),
                "reduce grid.columns, grid.chars or grid.body_size, or widen the page",
            );
        }
        if g.lines < 10 {
            return fail(
                places,
                "grid.line_pitch",
                "the page holds fewer than 10 body lines".into(),
                "reduce the margins or the line pitch",
            );
        }
        Ok(())
    }

    fn check_styles(&self, places: &Places) -> Result<()> {
        let pitch = self.grid.line_pitch.0.0;
        for (name, style) in self.styles.all() {
            let key = |field: &str| format!("styles.{name}.{field}");
            let roles = [
                ("font", Some(&style.font)),
                ("strong_font", style.strong_font.as_ref()),
                ("alt_font", style.alt_font.as_ref()),
            ];
            for (field, role) in roles {
                let Some(role) = role.filter(|r| !self.fonts.contains_key(*r)) else {
                    continue;
                };
                return fail(
                    places,
                    &key(field),
                    format!("styles.{name} uses font \"{role}\", which [fonts] does not define"),
                    &format!(
                        "define it or use one of: {}",
                        self.fonts.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                );
            }
            let size = style.size.0.0;
            if size <= 0.0 || size > 500.0 {
                return fail(
                    places,
                    &key("size"),
                    format!("styles.{name}.size is out of range"),
                    "sizes are between 0 and 500 pt",
                );
            }
            if style.lines == 0 {
                return fail(
                    places,
                    &key("lines"),
                    format!("styles.{name}.lines must be at least 1"),
                    "lines counts body-line slots",
                );
            }
            if size > pitch * style.lines as f64 + 0.01 {
                return fail(
                    places,
                    &key("size"),
                    format!(
                        "styles.{name}: {size:.1} pt type does not fit in {} line slot(s) of {pitch:.1} pt",
                        style.lines
                    ),
                    "raise lines or lower size",
                );
            }
        }
        Ok(())
    }

    fn check_fonts(&self, places: &Places) -> Result<()> {
        match self.fonts.iter().find(|(_, f)| f.families.is_empty()) {
            Some((role, _)) => fail(
                places,
                &format!("fonts.{role}.families"),
                "a font role has no families".into(),
                "list at least one family name",
            ),
            None => Ok(()),
        }
    }
}
