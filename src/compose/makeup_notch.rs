//! A band notched by a pin at a top corner (see [`super::Notch`]): the L
//! filled as two rectangles, cut across at the pin's foot or down at its
//! side.

use super::{Band, Entry, HOLE, MadeUp, Notch, RAGGED, STACKED, Table, filled, unwind};

/// A notched band cut in two rectangles: each (first column, columns,
/// rows), the first from the band's top, the rest from the pin's foot.
#[derive(Debug, Clone, Copy)]
struct L {
    first: (u32, u32, u32),
    rest: (u32, u32, u32),
    /// Cut down: the first reaches the band's foot beside the rest.
    down: bool,
}

/// One page of the L: the articles in the first rectangle (`mask`), an
/// entry for each part (`None`: empty), what they fill and cost.
#[derive(Debug, Clone, Copy)]
struct Split {
    l: L,
    mask: u32,
    top: Option<Entry>,
    rest: Option<Entry>,
    /// White lines between the pin and the rest (see [`split`]).
    gap: u32,
    filled: u64,
    cost: u64,
}

/// The fullest page of a notched band: the L cut in two rectangles,
/// across at the pin's foot (beside the pin, then the band's width under
/// it) or down at the pin's side (the columns beside the pin to the
/// band's foot, then those under the pin), the articles split between
/// them, each filled its fullest and cheapest (white at the first's foot
/// stacked over the second's modules); the lead story at the first's
/// top, beside the pin, where it can be, as at the top of a plain band:
/// of two pages as full, or before a fuller one where the notch says
/// `lead_first` (the page's start corner is the lead's; the make-up tries
/// it so first, and keeps it unless it leaves more holes, see
/// `edition::tries`). Cut down, the lead stands in the start corner
/// where a lead too deep for the rows beside the pin could not (a
/// vertical page's lead beside the serial box pinned in its last bands
/// stood in the middle of the page, after the articles set over the pin).
pub(super) fn notched(table: &Table, n: usize, band: Band, notch: Notch) -> Option<MadeUp> {
    let full = (1u32 << n) - 1;
    let beside = notch.bottom.saturating_sub(band.top);
    let under = band.bottom.saturating_sub(notch.bottom.max(band.top));
    let depth = band.bottom.saturating_sub(band.top);
    // The columns under the pin alone: after those beside it, or before.
    let pinned_first = match notch.first == band.first {
        true => notch.first + notch.columns,
        false => band.first,
    };
    let across = L {
        first: (notch.first, notch.columns, beside),
        rest: (band.first, band.columns, under),
        down: false,
    };
    let down = L {
        first: (notch.first, notch.columns, depth),
        rest: (pinned_first, band.columns - notch.columns, under),
        down: true,
    };
    // Cut down only where the lead is to stand in the start corner: the
    // fuller page the make-up tries next (`lead_first` false) is the one
    // cut across, where another article may stand beside the pin (cut
    // down, the fullest page is often the first pass's again, and the
    // page set beside it would be lost). Of two pages alike, the one cut
    // across (the later) is kept.
    let cuts: &[L] = match notch.lead_first {
        true => &[down, across],
        false => &[across],
    };
    let key = |s: &Split| {
        let lead = s.mask & 1 != 0 || s.l.first.2 == 0;
        (
            notch.lead_first && lead,
            s.filled,
            lead,
            std::cmp::Reverse(s.cost),
        )
    };
    let best = (cuts.iter())
        .flat_map(|&l| (0..=full).filter_map(move |mask| split(table, (l, mask), full, beside)))
        .max_by_key(key)?;
    let mut places = vec![None; n];
    let l = best.l;
    if let Some(e) = best.top {
        let at = (best.mask, l.first.1, e.rows, e.flat());
        unwind(table, at, (l.first.0, band.top), &mut places);
    }
    if let Some(e) = best.rest {
        let at = (full & !best.mask, l.rest.1, e.rows, e.flat());
        unwind(
            table,
            at,
            (l.rest.0, band.top + beside + best.gap),
            &mut places,
        );
    }
    // Lines left at the foot: under the rest (cut down, under both: their
    // feet apart are a hole, counted in the cost).
    let rest_foot = beside + best.gap + rows(best.rest);
    let foot = match l.down {
        true => rest_foot.max(rows(best.top)),
        false => rest_foot,
    };
    Some(MadeUp {
        places,
        remainder: depth - foot,
        last_only: false,
        cost: best.cost,
    })
}

/// The best page of the L `l` with the articles `mask` in its first
/// rectangle and the others in the rest: each part's fullest entry, then
/// cheapest (cut across, white at its foot charged as stacked over
/// modules); cut down, the two parts' feet level where they can be
/// (apart, the shorter part's white beside the other's text is a hole).
/// `None` where a part holds no page of its articles.
fn split(table: &Table, (l, mask): (L, u32), full: u32, beside: u32) -> Option<Split> {
    // White at a part's foot is charged as stacked over modules (cut
    // down, both parts end at the band's foot: none under them).
    let stacked = match l.down {
        true => 0,
        false => STACKED,
    };
    // A part's choices within its rows; an empty part fills nothing at
    // no cost.
    let part = |mask: u32, (_, w, rows): (u32, u32, u32)| -> Option<Vec<Choice>> {
        if mask == 0 {
            return Some(vec![(0, 0, None)]);
        }
        let cost = |e: &Entry| e.cost + stacked * e.white as u64;
        let out: Vec<Choice> = (table[mask as usize][w as usize].iter())
            .filter(|e| e.rows <= rows)
            .map(|e| (filled(e.rows, w, cost(e)), cost(e), Some(*e)))
            .collect();
        (!out.is_empty()).then_some(out)
    };
    let tops = part(mask, l.first)?;
    let rests = part(full & !mask, l.rest)?;
    // Fullest, then cheapest; of two alike the later.
    let rank = |c: &Choice| (c.0, std::cmp::Reverse(c.1));
    let fullest = |v: &[Choice]| {
        *v.iter()
            .max_by_key(|c| rank(c))
            // Invariant: `part` gives no empty list.
            .expect("a part's entries")
    };
    let one = |(tf, tc, top): Choice, (rf, rc, rest): Choice, gap: u32| {
        let apart = l.down && rows(top) != beside + gap + rows(rest);
        let hole = apart as u64 * HOLE;
        Split {
            l,
            mask,
            top,
            rest,
            gap,
            filled: (tf + rf).saturating_sub(hole / RAGGED),
            cost: tc + rc + hole,
        }
    };
    let best_rest = fullest(&rests);
    if !l.down {
        return Some(one(fullest(&tops), best_rest, 0));
    }
    // Cut down: each first entry with the fullest rest, and with the
    // fullest rest level with it (the rests' best by their rows).
    let mut by_rows: Vec<Option<Choice>> = vec![None; l.rest.2 as usize + 1];
    for r in &rests {
        let at = &mut by_rows[rows(r.2) as usize];
        if at.is_none_or(|o| rank(r) >= rank(&o)) {
            *at = Some(*r);
        }
    }
    // Level with the first `gap` lines under the pin: a line of white
    // between the pin and the rest, as between two modules over a pin
    // (`spread::over_pin`), where no rest ends level without it
    // (gqv2-set02: the rest under the serial box ended three lines short
    // of the bands beside it, white at the page's foot a hole 4 × 7 ems).
    let level = |t: &Choice, gap: u32| {
        let want = rows(t.2).checked_sub(beside + gap)?;
        let r = by_rows.get(want as usize).copied().flatten()?;
        Some(one(*t, r, gap))
    };
    (tops.iter())
        .flat_map(|t| {
            let flush = level(t, 0);
            let gapped = flush.is_none().then(|| level(t, 1)).flatten();
            [Some(one(*t, best_rest, 0)), flush, gapped]
        })
        .flatten()
        .max_by_key(|s| (s.filled, std::cmp::Reverse(s.cost)))
}

/// One part's way: what it fills, its cost and its entry (`None`: the
/// part empty).
type Choice = (u64, u64, Option<Entry>);

/// The rows a part's entry takes (none, empty).
fn rows(e: Option<Entry>) -> u32 {
    e.map_or(0, |e| e.rows)
}
