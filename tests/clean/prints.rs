//! How the held-out scorer compares strings (heldout.rs, ocr_text.rs):
//! by characters, whitespace out, after a cheap check of shared character
//! pairs. A string compared many times is printed once ([`Print`]): the
//! scorer compares every paragraph of a set with many others, and
//! reprinting both sides each time made the generated set's scoring most
//! of the clean tests' time.

/// Pairs of neighbouring characters, hashed with rustc-hash's Fx hash, not
/// the standard library's SipHash: the scorer hashes some hundred million
/// pairs on the generated set, and SipHash was most of its time in a
/// debug build. Nothing here is hashed from untrusted input.
pub(super) type Pairs = rustc_hash::FxHashSet<(char, char)>;

/// Whitespace out: Tesseract spaces Latin and digits differently.
pub(super) fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The pairs of neighbouring characters of a string without whitespace.
pub(super) fn pairs_of(normed: &str) -> Pairs {
    let cs: Vec<char> = normed.chars().collect();
    cs.windows(2).map(|w| (w[0], w[1])).collect()
}

pub(super) fn pairs(s: &str) -> Pairs {
    pairs_of(&norm(s))
}

/// A string as compared: as given, without whitespace, and its pairs.
pub(super) struct Print {
    pub(super) raw: String,
    pub(super) text: String,
    pub(super) pairs: Pairs,
}

impl Print {
    pub(super) fn new(s: &str) -> Print {
        let text = norm(s);
        Print {
            raw: s.to_string(),
            pairs: pairs_of(&text),
            text,
        }
    }
}

/// Prints of each string.
pub(super) fn prints(v: &[String]) -> Vec<Print> {
    v.iter().map(|s| Print::new(s)).collect()
}

/// Whether pairs this many shared of these many on each side leave the
/// strings worth a character comparison (most pairs of paragraphs share
/// almost none).
pub(super) fn may_match(shared: usize, a: usize, b: usize) -> bool {
    shared * 2 >= a.min(b)
}

/// Character similarity of two strings without whitespace.
pub(super) fn ratio(a: &str, b: &str) -> f32 {
    similar::TextDiff::from_chars(a, b).ratio()
}

/// Character similarity of two prints, 0 where they share too few pairs.
pub(super) fn sim_printed(a: &Print, b: &Print) -> f32 {
    let shared = a.pairs.intersection(&b.pairs).count();
    if !may_match(shared, a.pairs.len(), b.pairs.len()) {
        return 0.0;
    }
    ratio(&a.text, &b.text)
}

/// Character similarity, after a cheap check of shared character pairs.
pub(super) fn sim(a: &str, b: &str) -> f32 {
    sim_printed(&Print::new(a), &Print::new(b))
}
