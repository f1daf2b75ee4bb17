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

/// Walking the least-demerits stack for nodes asked in increasing order
/// finds what a bisection for each node alone finds, whatever node the
/// walk starts from and however far apart the nodes asked are.
#[test]
fn walking_the_least_demerits_finds_what_bisection_finds() {
    let mut least = Least::default();
    // Demerits that rise and fall: the stack keeps the nodes below every
    // later one.
    for node in 0..200 {
        least.push(node, ((node * 37) % 101) as f64 + node as f64 / 4.0);
    }
    let bisect = |node: usize| {
        let k = least.0.partition_point(|&(i, _)| i < node);
        least.0.get(k).map_or(f64::INFINITY, |&(_, d)| d)
    };
    for first in [0, 1, 50, 199] {
        for step in [1, 3, 17] {
            let mut walk = None;
            for node in (first..=210).step_by(step) {
                assert_eq!(
                    least.walking_from(node, &mut walk),
                    bisect(node),
                    "node {node}"
                );
            }
        }
    }
    // Past the last node: none.
    assert_eq!(least.walking_from(500, &mut None), f64::INFINITY);
}
