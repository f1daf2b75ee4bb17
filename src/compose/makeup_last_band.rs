//! A vertical page of rests made up as a compositor stacks them: the
//! first bands (tiers) filled edge to edge, the last rests side by side
//! in one band under them, the white the rests leave after the last of
//! them, in that band, and in the empty bands under it — never a strip
//! down every band at the page's left edge (see [`super::super::makeup`]).

use super::{Band, Entry, MadeUp, Table, unwind};

/// From the table of `n` articles set whole, searched in `band` (not
/// notched): some in the band's first columns, each filled to the
/// band's depth, and the others side by side in the column under them;
/// the least white inside the modules, then the fewest columns. With the
/// subset in the first columns not empty it holds the first article (the
/// one read first). The make-up and the columns it takes, or `None`
/// where no such page exists.
pub(super) fn stacked(table: &Table, n: usize, band: Band) -> Option<(MadeUp, u32)> {
    let full = (1u32 << n) - 1;
    let depth = band.bottom.saturating_sub(band.top);
    let mut best: Option<Stacked> = None;
    for mask in (0..=full).filter(|&m| m == 0 || m & 1 != 0) {
        let rest = full & !mask;
        let last = match rest {
            0 => None,
            _ => match cheapest(table, rest, 1, |e| e.rows <= depth) {
                Some(e) => Some(e),
                None => continue,
            },
        };
        // None of the first columns for no articles there; else one at
        // least, and one left under them for the others.
        let spans = match mask {
            0 => 0..=0,
            _ => 1..=band.columns - (rest != 0) as u32,
        };
        for c in spans {
            let first = match mask {
                0 => None,
                _ => match cheapest(table, mask, c, |e| e.rows == depth) {
                    Some(e) => Some(e),
                    None => continue,
                },
            };
            let taken = c + last.is_some() as u32;
            let cost = first.map_or(0, |e| e.cost) + last.map_or(0, |e| e.cost);
            if best.is_none_or(|b| (cost, taken) < (b.1, b.0)) {
                best = Some((taken, cost, (mask, first), last));
            }
        }
    }
    let (taken, cost, (mask, first), last) = best?;
    let mut places = vec![None; n];
    let c = first.map_or(0, |_| taken - last.is_some() as u32);
    if let Some(e) = first {
        unwind(
            table,
            (mask, c, e.rows, e.flat()),
            (band.first, band.top),
            &mut places,
        );
    }
    if let Some(e) = last {
        let at = (band.first + c, band.top);
        unwind(table, (full & !mask, 1, e.rows, e.flat()), at, &mut places);
    }
    let m = MadeUp {
        places,
        remainder: last.map_or(0, |e| depth - e.rows),
        last_only: true,
        cost,
    };
    Some((m, taken))
}

/// A page of rests so stacked: the columns it takes, its cost, the
/// subset in the first columns and its entry there, the last column's.
type Stacked = (u32, u64, (u32, Option<Entry>), Option<Entry>);

/// The cheapest entry of subset `mask` at width `w` that `keep` allows.
fn cheapest(table: &Table, mask: u32, w: u32, keep: impl Fn(&Entry) -> bool) -> Option<Entry> {
    (table[mask as usize].get(w as usize)?.iter())
        .filter(|e| keep(e))
        .min_by_key(|e| e.cost)
        .copied()
}
