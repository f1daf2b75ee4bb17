//! Why each line broke where it did, in words an editor can act on
//! (`typeset --dump-lines`).

use super::fit::Sums;
use super::{EPSILON, Line, Params};
use crate::model::Item;
use crate::model::punct::{inseparable, may_end_line, may_start_line};

/// One reason per line.
pub fn explain(items: &[Item], lines: &[Line], p: &Params) -> Vec<String> {
    let sums = Sums::new(items);
    lines
        .iter()
        .enumerate()
        .map(|(k, line)| {
            let (a, b) = (line.items.start, line.items.end);
            if line.last {
                return "paragraph end".to_string();
            }
            if line.forced {
                return "FORCED: no allowed break fits the measure; cut where it ends (last resort)"
                    .to_string();
            }
            let indent = line.indent.0;
            let measure = line.measure.0 - indent;
            // The longest line that fits with free compression only, with
            // prohibitions ignored.
            let mut g = a + 1;
            while g < items.len()
                && sums.fit(items, (a, g + 1), measure, indent, p).width <= measure + EPSILON
            {
                g += 1;
            }
            let _ = k;
            let how = if line.hyphen {
                "hyphenated".to_string()
            } else if line.hang {
                format!("'{}' hangs past the measure", items[b - 1].last)
            } else if line.adjust.half_hung {
                format!("'{}' hangs in part past the measure", items[b - 1].last)
            } else if line.adjust.end_cut.0 > EPSILON {
                format!(
                    "'{}' set at half width at the line end (推入)",
                    items[b - 1].last
                )
            } else {
                String::new()
            };
            let a_ = &line.adjust;
            let compressed =
                a_.brackets > 0.0 || a_.stops > 0.0 || a_.word < 0.0 || a_.cjk_latin < 0.0;
            let hung = line.hang || line.adjust.half_hung;
            let why = if b > g && hung && !compressed {
                "full line: nothing in it to compress (推入) for its last mark".to_string()
            } else if b > g {
                "pushed in: marks inside the line compressed to fit (推入)".to_string()
            } else if b == g {
                if how.is_empty() {
                    "full line".to_string()
                } else {
                    format!("full line; {how}")
                }
            } else if g >= items.len() {
                "total fit".to_string()
            } else {
                let (before, after) = (&items[g - 1], &items[g]);
                let rule = if !before.gap.breakable {
                    "no break inside a word or number".to_string()
                } else if !may_start_line(after.first, p.prohibition) {
                    format!(
                        "'{}' may not start a line (避头, {:?} level)",
                        after.first, p.prohibition
                    )
                } else if !may_end_line(before.last, p.prohibition) {
                    format!(
                        "'{}' may not end a line (避尾, {:?} level)",
                        before.last, p.prohibition
                    )
                } else if inseparable(before.last, after.first) {
                    format!("'{0}{0}' is not split", before.last)
                } else {
                    "total fit: a better set of later lines (no lone last character, no loose line)"
                        .to_string()
                };
                format!("pushed out {} item(s) (推出): {rule}", g - b)
            };
            if how.is_empty() || (b == g && !line.hang) {
                why
            } else {
                format!("{why}; {how}")
            }
        })
        .collect()
}
