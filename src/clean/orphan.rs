//! A headline block read apart from its article's first column.
//!
//! A headline set across an article's columns stands over the text's
//! start. Where a line-per-box tool sorts the page's boxes, it may read
//! the article's first column (its byline, its dateline and first lines)
//! under another article's column and the headline block later, over the
//! article's next column: the first makes an article with a byline and no
//! headline, the second one with a headline and no byline whose text opens
//! in the middle of a paragraph. Neither shape stands on a page (every
//! byline has its headline; no headline stands over a paragraph's middle),
//! so the two are one article.

use super::boxes::byline_line;
use super::gather::{Item, Page, Segment};
use super::people::dateline;
use super::shape::{heading_text, narrow};
use super::{Note, NoteKind};

/// Deck lines a headline block may carry under its headline.
const MAX_DECK: usize = 2;

/// Each headline block of no byline over a column line running on goes,
/// with the text under it, to the nearest article that has a byline and
/// no headline; with a warning. Where no article lacks its headline the
/// block stays as it is.
pub(super) fn place(segs: &mut Vec<Segment>, page: &Page, notes: &mut Vec<Note>) {
    let mut emptied = Vec::new();
    for k in 0..segs.len() {
        let Some(deck) = orphan(&segs[k], page) else {
            continue;
        };
        let target = (0..segs.len())
            .filter(|&j| j != k && untitled(&segs[j]))
            .min_by_key(|&j| j.abs_diff(k));
        let Some(j) = target else { continue };
        let mut header = std::mem::take(&mut segs[k].header);
        let mut body = std::mem::take(&mut segs[k].body);
        // The deck lines read at the body's top are the block's.
        header.extend(body.drain(..deck));
        let at = byline_line(&segs[j], page.lines).unwrap_or(0);
        if let Some(first) = header.iter().find_map(Item::text) {
            notes.push(Note {
                line: page.lines[first].no,
                kind: NoteKind::Warning,
                message: format!(
                    "a headline with no byline over a paragraph's middle, where an article has a byline and no headline: given to that article (its byline at line {at}), with the text under it: check it"
                ),
            });
        }
        let resumed = std::mem::take(&mut segs[k].resumed);
        let t = &mut segs[j];
        t.header.splice(0..0, header);
        t.body.extend(body);
        t.resumed.extend(resumed);
        emptied.push(k);
    }
    // No article is left of the block: none to warn of a missing headline.
    let mut k = 0;
    segs.retain(|_| {
        k += 1;
        !emptied.contains(&(k - 1))
    });
}

/// A headline block of no byline whose text opens in a paragraph's
/// middle: the header holds text lines only, and under it (past at most
/// [`MAX_DECK`] deck lines read into the body) the first body line is as
/// wide as the column, no dateline (a paragraph's first line is two ems
/// short). Returns how many body lines are the block's deck.
fn orphan(seg: &Segment, page: &Page) -> Option<usize> {
    let texts = seg.header.iter().filter(|it| it.text().is_some());
    if texts.count() == 0
        || !seg
            .header
            .iter()
            .all(|it| matches!(it, Item::Text(_) | Item::Blank))
    {
        return None;
    }
    let mut deck = 0;
    for (n, it) in seg.body.iter().enumerate() {
        let i = match it {
            Item::Blank => continue,
            Item::Text(i) => *i,
            _ => return None,
        };
        let l = &page.lines[i];
        let m = page.measure[i]?;
        if dateline(l.text.trim_start()).is_some() {
            return None;
        }
        // A deck's line: a phrase narrower than the column, or one set
        // in larger type, wider than it. A paragraph's first line is as
        // narrow; most hold a pause or a mark (about three in four of the
        // example pages' first lines), a deck's phrase often none, so a
        // line of words alone is taken for the deck.
        if narrow(l, m) || l.width > m + 1.0 {
            if deck < MAX_DECK && heading_text(&l.text) && words_alone(&l.text) {
                deck = n + 1;
                continue;
            }
            return None;
        }
        return Some(deck);
    }
    None
}

/// Words alone: no pause, no mark.
fn words_alone(t: &str) -> bool {
    t.chars().all(|c| c.is_alphanumeric() || c.is_whitespace())
}

/// An article with a byline and no headline line.
fn untitled(seg: &Segment) -> bool {
    !seg.header.iter().any(|it| it.text().is_some())
        && seg.header.iter().any(|it| matches!(it, Item::Byline(..)))
}
