//! The floor total fit skips wide lines on: never above what
//! [`stretch_demerits`] gives such a line.

use super::*;

/// Every underfull line [`is_wide`] calls wide, over a sweep of spacing
/// (a 10-point em: slack up to 30 ems, stretch of up to 40 gaps, word
/// spaces and compressed pairs), costs at least [`WIDE_FLOOR`] in
/// spacing alone; total fit skips such a line's node on that floor.
#[test]
fn a_wide_line_costs_at_least_the_wide_floor() {
    let em = 10.0;
    let mut wide = 0;
    for gaps in 1..=40 {
        let inter = gaps as f64 * em * INTER_CHAR_STRETCH_EM;
        for flex in [0.0, 0.5 * em, 2.0 * em] {
            for pair in [0.0, 0.25 * em, 1.5 * em] {
                for hundredths in 0..=3000 {
                    let slack = hundredths as f64 * em / 100.0;
                    let f = Fit {
                        width: 300.0 - slack,
                        flex,
                        inter,
                        pair,
                        shrink: 0.0,
                        hung: None,
                    };
                    if !is_wide(slack, &f) {
                        continue;
                    }
                    wide += 1;
                    let d = stretch_demerits(slack, &f);
                    assert!(
                        d >= WIDE_FLOOR,
                        "slack {slack}, {gaps} gaps, flex {flex}, pair {pair}: {d} < {WIDE_FLOOR}"
                    );
                }
            }
        }
    }
    // The sweep meets wide lines, and lines at the threshold itself.
    assert!(wide > 10_000, "only {wide} wide lines");
}
