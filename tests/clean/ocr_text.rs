//! Whether the OCR text holds a value the held-out scorer misses
//! (heldout.rs): what no line-by-line structure stage could give back is
//! counted apart.

use super::prints::{Pairs, may_match, norm, pairs, pairs_of, ratio};

/// Half-width marks as the full-width ones clean makes of them,
/// whitespace out.
fn full(s: &str) -> String {
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
}

/// A piece of the OCR text: its characters, its pairs, its first and last
/// character.
struct Piece {
    text: String,
    chars: usize,
    pairs: Pairs,
    ends: (char, char),
}

/// An input's OCR text as [`OcrText::holds`] reads it, made once.
pub(super) struct OcrText {
    pieces: Vec<Piece>,
}

impl OcrText {
    pub(super) fn new(ocr: &str) -> OcrText {
        // Boxes read side by side on one line (a wide gap or a `|` between
        // them) are pieces of their own; a source line is printed in
        // brackets, which its value leaves out.
        let pieces = ocr
            .lines()
            .flat_map(|l| l.split(" |").flat_map(|p| p.split("    ")))
            .map(|l| full(l.trim().trim_matches(|c: char| "()（）《》<>|".contains(c))))
            .filter_map(|text| {
                let ends = (text.chars().next()?, text.chars().last()?);
                Some(Piece {
                    chars: text.chars().count(),
                    pairs: pairs_of(&text),
                    ends,
                    text,
                })
            })
            .collect();
        OcrText { pieces }
    }

    /// Whether the OCR text holds `value` (a paragraph, head or
    /// front-matter field) as clean could give it: one line or a run of
    /// neighbouring lines, at similarity `min`. A value the OCR read with
    /// too many misread characters, dropped, or read in pieces far apart
    /// (columns read in turn, a headline block read in pieces) is not in
    /// it: no line-by-line structure stage gives it back whole.
    pub(super) fn holds(&self, value: &str, min: f32) -> bool {
        let v = full(value);
        let pv = pairs(&v);
        let n = v.chars().count();
        (0..self.pieces.len()).any(|k| {
            // The run's text and pairs grow a piece at a time: the pairs
            // of each piece and the one across the join.
            let mut run = String::new();
            let (mut chars, mut shared) = (0, 0);
            let mut rp = Pairs::with_capacity_and_hasher(n + 8, Default::default());
            let mut last = None;
            for p in &self.pieces[k..] {
                let join = last.map(|c| (c, p.ends.0));
                for pair in p.pairs.iter().chain(&join) {
                    if rp.insert(*pair) && pv.contains(pair) {
                        shared += 1;
                    }
                }
                run.push_str(&p.text);
                chars += p.chars;
                last = Some(p.ends.1);
                if may_match(shared, pv.len(), rp.len()) && ratio(&v, &run) >= min {
                    return true;
                }
                if chars > n + 4 {
                    break;
                }
            }
            false
        })
    }
}

pub(super) fn lost_note(lost: bool) -> &'static str {
    if lost { " (not in the OCR text)" } else { "" }
}
