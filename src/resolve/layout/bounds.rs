//! Upper (and lower) bounds on every number of a layout, so that no value
//! a file can hold overflows the arithmetic after it (u32 line counts
//! times a pitch, a page of 1e50 pt becoming `inf` in the PDF) or makes a
//! page no printer or reader can take. Each error points at the key.

use super::Layout;
use super::merge::Places;
use crate::error::{Error, Result, Stage};

/// The largest page side PDF allows without UserUnit: 200 inches.
const MAX_PAGE_PT: f64 = 14_400.0;

fn out_of_range(places: &Places, key: &str, value: String, range: &str) -> Error {
    Error::new(Stage::Resolve, format!("{key} = {value} is out of range"))
        .at(places.key(key))
        .hint(format!("use a value from {range}"))
}

impl Layout {
    pub(super) fn check_bounds(&self, places: &Places) -> Result<()> {
        self.check_length_bounds(places)?;
        self.check_count_bounds(places)
    }

    fn check_length_bounds(&self, places: &Places) -> Result<()> {
        let p = &self.page;
        let g = &self.grid;
        // (key, value in pt, least, most); NaN and infinities fail too.
        let mut lengths = vec![
            ("page.width", p.width.0.0, 1.0, MAX_PAGE_PT),
            ("page.height", p.height.0.0, 1.0, MAX_PAGE_PT),
            ("page.margin_top", p.margin_top.0.0, 0.0, MAX_PAGE_PT),
            ("page.margin_bottom", p.margin_bottom.0.0, 0.0, MAX_PAGE_PT),
            ("page.margin_side", p.margin_side.0.0, 0.0, MAX_PAGE_PT),
            ("grid.body_size", g.body_size.0.0, 1.0, 500.0),
            ("grid.line_pitch", g.line_pitch.0.0, 1.0, 1000.0),
        ];
        if let Some(b) = p.bleed {
            lengths.push(("page.bleed", b.0.0, 0.0, 72.0));
        }
        for (key, v, least, most) in lengths {
            if !(least..=most).contains(&v) {
                return Err(out_of_range(
                    places,
                    key,
                    format!("{v} pt"),
                    &format!("{least} to {most} pt"),
                ));
            }
        }
        if !(0.0..=20.0).contains(&g.gutter) {
            return Err(out_of_range(
                places,
                "grid.gutter",
                g.gutter.to_string(),
                "0 to 20 characters",
            ));
        }
        for (name, s) in self.styles.all() {
            if !(0.5..=1.0).contains(&s.min_scale) {
                return Err(out_of_range(
                    places,
                    &format!("styles.{name}.min_scale"),
                    s.min_scale.to_string(),
                    "0.5 to 1 (a fraction of the style's size)",
                ));
            }
        }
        Ok(())
    }

    fn check_count_bounds(&self, places: &Places) -> Result<()> {
        let g = &self.grid;
        let t = &self.text;
        let mut counts: Vec<(String, u32, u32)> = vec![
            ("grid.chars".into(), g.chars, 500),
            ("grid.min_chars".into(), g.min_chars, 500),
            ("text.indent".into(), t.indent, 50),
            ("text.tate_chu_yoko".into(), t.tate_chu_yoko, 100),
            ("text.upright_max".into(), t.upright_max, 100),
        ];
        if let Some(n) = g.tier_chars {
            counts.push(("grid.tier_chars".into(), n, 500));
        }
        for (name, s) in self.styles.all() {
            let key = |field: &str| format!("styles.{name}.{field}");
            counts.extend([
                (key("lines"), s.lines, 100),
                (key("space_before"), s.space_before, 100),
                (key("space_after"), s.space_after, 100),
                (key("inset"), s.inset, 100),
            ]);
        }
        for (key, v, most) in counts {
            if v > most {
                return Err(out_of_range(
                    places,
                    &key,
                    v.to_string(),
                    &format!("0 to {most}"),
                ));
            }
        }
        Ok(())
    }
}
