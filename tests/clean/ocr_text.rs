//! Whether the OCR text holds a value the held-out scorer misses
//! (heldout.rs): what no line-by-line structure stage could give back is
//! counted apart.

use super::heldout::{norm, sim};

/// Whether the OCR text holds `value` (a paragraph, head or front-matter
/// field) as clean could give it: one line or a run of neighbouring lines,
/// at similarity `min`. A value the OCR read with too many misread
/// characters, dropped, or read in pieces far apart (columns read in
/// turn, a headline block read in pieces) is not in it: no line-by-line
/// structure stage gives it back whole.
pub(super) fn in_ocr(value: &str, ocr: &str, min: f32) -> bool {
    // Half-width marks count as the full-width ones clean makes of them.
    let full = |s: &str| -> String {
        norm(s)
            .chars()
            .map(|c| match c {
                ',' => '，',
                ':' => '：',
                ';' => '；',
                '?' => '？',
                '!' => '！',
                '(' => '（',
                ')' => '）',
                c => c,
            })
            .collect()
    };
    let v = full(value);
    let n = v.chars().count();
    // Boxes read side by side on one line (a wide gap or a `|` between
    // them) are pieces of their own; a source line is printed in
    // brackets, which its value leaves out.
    let lines: Vec<String> = ocr
        .lines()
        .flat_map(|l| l.split(" |").flat_map(|p| p.split("    ")))
        .map(|l| full(l.trim().trim_matches(|c: char| "()（）《》<>|".contains(c))))
        .filter(|l| !l.is_empty())
        .collect();
    (0..lines.len()).any(|k| {
        let mut run = String::new();
        for l in &lines[k..] {
            run.push_str(l);
            if sim(&v, &run) >= min {
                return true;
            }
            if run.chars().count() > n + 4 {
                break;
            }
        }
        false
    })
}

pub(super) fn lost_note(lost: bool) -> &'static str {
    if lost { " (not in the OCR text)" } else { "" }
}
