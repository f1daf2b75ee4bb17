//! Break points inside Latin words: UAX #14 opportunities and en-US
//! hyphenation; URLs, e-mail addresses and numbers stay whole.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

/// Cost of breaking at a hyphenation point (TeX's \hyphenpenalty is 50).
pub const HYPHEN_PENALTY: f64 = 50.0;
/// Shortest word that is hyphenated, and the least letters kept on each side.
const MIN_HYPHENATED_WORD: usize = 6;

/// The embedded US English patterns, loaded once per process.
fn hyphenator() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

/// A word that must not be split: a URL, an e-mail address, or anything
/// with digits (numbers, dates, times, versions).
fn keep_whole(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word.contains('@')
        || word.chars().any(|c| c.is_ascii_digit())
}

/// Break points inside a Latin word, as (byte offset, hyphenated?).
pub fn word_breaks(word: &str) -> Vec<(usize, bool)> {
    if keep_whole(word) {
        return Vec::new();
    }
    let mut points: Vec<(usize, bool)> = unicode_linebreak::linebreaks(word)
        .map(|(i, _)| i)
        .filter(|&i| i > 0 && i < word.len())
        .map(|i| (i, false))
        .collect();
    // Hyphenate each run of letters long enough to be worth it.
    if let Some(dict) = hyphenator() {
        let bytes = word.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let run = &word[start..i];
            if run.len() >= MIN_HYPHENATED_WORD {
                let lower = run.to_ascii_lowercase();
                for p in dict.hyphenate(&lower).breaks {
                    if p >= 2 && run.len() - p >= 3 {
                        points.push((start + p, true));
                    }
                }
            }
        }
    }
    points.sort_by_key(|p| p.0);
    points.dedup_by_key(|p| p.0);
    points
}
