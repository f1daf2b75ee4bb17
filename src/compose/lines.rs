//! Breaking a paragraph into lines at the measures the composer gives it.

use crate::linebreak::{Line, Params, break_paragraph};
use crate::model::LineRules;
use crate::shape::ShapedPara;
use crate::units::Pt;

/// The lines of one paragraph at a measure, as the composer sets them.
pub fn break_lines(p: &ShapedPara, measure: Pt, justify: bool, rules: &LineRules) -> Vec<Line> {
    // One measure: a closure of a constant (the breaker asks for the
    // measure at every line it weighs).
    let size = p.style.size;
    let inset = size * p.style.inset as f64;
    let m = measure - inset * 2.0;
    let mf = move |_| m;
    break_paragraph(
        &p.items,
        &line_params(rules, &mf, size * p.style.indent as f64, justify),
    )
}

/// Breaks a paragraph again from item `from` (a column or page break, or a
/// figure, came in between), with the measure of each line; the lines'
/// ranges are in the whole paragraph's items.
pub fn rebreak(
    p: &ShapedPara,
    from: usize,
    measure: &dyn Fn(usize) -> Pt,
    justify: bool,
    rules: &LineRules,
) -> Vec<Line> {
    let indent = if from == 0 {
        p.style.size * p.style.indent as f64
    } else {
        Pt::ZERO
    };
    let params = line_params(rules, measure, indent, justify);
    let mut lines = break_paragraph(&p.items[from..], &params);
    for l in &mut lines {
        l.items = l.items.start + from..l.items.end + from;
    }
    lines
}

/// Line-breaking parameters from the document's rules.
pub fn line_params<'a>(
    rules: &LineRules,
    measure: &'a dyn Fn(usize) -> Pt,
    first_indent: Pt,
    justify: bool,
) -> Params<'a> {
    Params {
        measure,
        first_indent,
        prohibition: rules.prohibition,
        justify,
        hanging: rules.hanging,
        compress_line_start: rules.compress_line_start,
        breaking: rules.breaking,
        flush_short: rules.flush_short,
    }
}
