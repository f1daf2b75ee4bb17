//! The lines a band over a pin leaves white, spread between its modules.
//!
//! Where the articles cannot fill the page, the white they leave stands at
//! the page's foot, where a compositor leaves it. A module pinned at the
//! foot (a serial box, `row = "foot"`) stands there instead, and the white
//! would be a strip across the page over it: a hole (page-12's articles
//! with the serial pinned under them left 3 lines, a strip 69 × 4 ems).
//! A compositor opens the spaces between the modules instead, a line
//! each, and the band keeps its rectangles: every module moves down by the
//! lines given to the boundaries above it, those that end at the band's
//! foot all alike, so that the foot stays straight.

use super::super::makeup_search::Place;

/// Lines of white a boundary between two modules takes at most: one more
/// line is a wider space, two would read as a hole.
const PER_GAP: u32 = 1;

/// `places` with the band's `remainder` (lines left white over the pin
/// under the band) spread between the modules, at most [`PER_GAP`] a
/// boundary, the rest left over the pin; as they were where no module
/// moves (one module down the whole band, a continued one).
pub(super) fn over_pin(places: &[Option<Place>], remainder: u32) -> Vec<Option<Place>> {
    let placed: Vec<Place> = places.iter().flatten().copied().collect();
    if remainder == 0 || placed.is_empty() || placed.iter().any(|p| p.continued) {
        return places.to_vec();
    }
    let above = depths(&placed, |p, m| p.row + p.rows <= m.row);
    let below = depths(&placed, |p, m| m.row + m.rows <= p.row);
    let foot = placed.iter().map(|p| p.row + p.rows).max().unwrap_or(0);
    // Every chain of modules down to the foot has as many boundaries as
    // its modules less one, and each takes a line at most.
    let chains = (placed.iter().zip(&above))
        .filter(|(p, _)| p.row + p.rows == foot)
        .map(|(_, &d)| d)
        .min()
        .unwrap_or(0);
    let most = remainder.min(chains * PER_GAP);
    for lines in (1..=most).rev() {
        // The boundaries nearest the pin first: the white was there.
        let shift: Vec<u32> = below.iter().map(|&d| lines.saturating_sub(d)).collect();
        if opens_evenly(&placed, &shift) {
            let mut shifted = shift.into_iter();
            return (places.iter())
                .map(|p| {
                    let mut p = (*p)?;
                    // One shift per placed module, in the same order.
                    p.row += shifted.next().unwrap_or(0);
                    Some(p)
                })
                .collect();
        }
    }
    places.to_vec()
}

/// `places` with the white a module leaves in a slot deeper than its text
/// moved to the band's foot, where the articles leave white anyway: each
/// module set at its text's own rows (`natural`, per place; `None` keeps
/// its slot) and those under it raised as far, so that the white the
/// search put between stacked modules — a side-by-side pair stands level
/// in the search, the shorter stack's slack split among its modules —
/// joins the remainder under them instead (fresh gq-set31: a module two
/// rows short of its slot left a 27 × 6-em hole over the kicker of the
/// module under it). As they were where a module under two others would
/// part from either, or one would grow past its slot; with nothing left
/// at the foot (`remainder` 0: the page is filled to its last line) or a
/// continued module (its cut fills its slot).
pub(super) fn rise(
    places: &[Option<Place>],
    natural: &[Option<u32>],
    remainder: u32,
) -> Vec<Option<Place>> {
    let placed: Vec<(usize, Place)> = (places.iter().enumerate())
        .filter_map(|(j, p)| Some((j, (*p)?)))
        .collect();
    if remainder == 0 || placed.iter().any(|(_, p)| p.continued) {
        return places.to_vec();
    }
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by_key(|&k| (placed[k].1.row, placed[k].1.column));
    let mut new: Vec<Place> = placed.iter().map(|&(_, p)| p).collect();
    for &k in &order {
        let p = placed[k].1;
        // Those over it come earlier in `order`: their rows are set.
        let top = (0..placed.len())
            .filter(|&a| stacked(&placed[a].1, &p))
            .map(|a| new[a].row + new[a].rows)
            .max();
        new[k].row = top.unwrap_or(p.row);
        new[k].rows = natural[placed[k].0].map_or(p.rows, |h| h.min(p.rows));
    }
    // A module over others meets them all: it grows to their top, within
    // its slot, or the page stays as the search left it.
    for a in 0..placed.len() {
        let tops: Vec<u32> = (0..placed.len())
            .filter(|&b| stacked(&placed[a].1, &placed[b].1))
            .map(|b| new[b].row)
            .collect();
        let Some(&top) = tops.first() else { continue };
        if tops.iter().any(|&t| t != top) || top - new[a].row > placed[a].1.rows {
            return places.to_vec();
        }
        new[a].rows = top - new[a].row;
    }
    let mut out = places.to_vec();
    for (&(j, _), p) in placed.iter().zip(new) {
        out[j] = Some(p);
    }
    out
}

/// Whether module `under` stands right under `over`, in a column they
/// share.
fn stacked(over: &Place, under: &Place) -> bool {
    overlap(over, under) && over.row + over.rows == under.row
}

/// Whether two modules share a column.
fn overlap(p: &Place, m: &Place) -> bool {
    p.column < m.column + m.columns && m.column < p.column + p.columns
}

/// Per module, the most modules in a chain from it on the side `beyond`
/// says (`beyond(p, m)`: `p` lies beyond `m`), in columns it shares.
fn depths(placed: &[Place], beyond: impl Fn(&Place, &Place) -> bool) -> Vec<u32> {
    let n = placed.len();
    let mut depth = vec![0u32; n];
    // A chain is at most n long: n rounds settle every depth.
    for _ in 0..n {
        let mut changed = false;
        for m in 0..n {
            for p in 0..n {
                let (pm, mm) = (&placed[p], &placed[m]);
                if p != m && overlap(pm, mm) && beyond(pm, mm) && depth[m] < depth[p] + 1 {
                    depth[m] = depth[p] + 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    depth
}

/// Whether moving each module down by `shift` opens every boundary
/// between two modules stacked in a column by at most [`PER_GAP`] lines
/// and keeps their order.
fn opens_evenly(placed: &[Place], shift: &[u32]) -> bool {
    (0..placed.len()).all(|p| {
        (0..placed.len()).all(|m| {
            let under = p != m && stacked(&placed[p], &placed[m]);
            !under || (shift[m] >= shift[p] && shift[m] - shift[p] <= PER_GAP)
        })
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A module placed at `column`, `columns` wide, from `row`, `rows` deep.
    pub(in super::super) fn at(column: u32, columns: u32, row: u32, rows: u32) -> Option<Place> {
        Some(Place {
            column,
            columns,
            row,
            rows,
            continued: false,
            variant: 0,
        })
    }

    #[test]
    fn two_rows_over_a_pin_open_their_boundary_by_a_line() {
        // Two modules side by side, two under them, 3 lines left.
        let places = [
            at(0, 6, 0, 40),
            at(6, 2, 0, 30),
            at(0, 5, 40, 57),
            at(5, 3, 30, 67),
        ];
        let out = over_pin(&places, 3);
        let rows: Vec<u32> = out.iter().flatten().map(|p| p.row).collect();
        assert_eq!(rows, vec![0, 0, 41, 31]);
    }

    #[test]
    fn a_stack_beside_a_deeper_module_rises_and_leaves_its_white_at_the_foot() {
        // a0 over a1 beside a2: a0's text takes 28 of its 30 rows, a1's
        // 38 of 40, a2 all its 70; 10 lines left under them.
        let places = [at(0, 5, 0, 30), at(0, 5, 30, 40), at(5, 3, 0, 70)];
        let out = rise(&places, &[Some(28), Some(38), Some(70)], 10);
        let rows: Vec<(u32, u32)> = out.iter().flatten().map(|p| (p.row, p.rows)).collect();
        assert_eq!(rows, vec![(0, 28), (28, 38), (0, 70)]);
    }

    #[test]
    fn a_module_under_two_keeps_them_level() {
        // a2 spans under a0 and a1, whose text ends at different rows:
        // a1 keeps a line of its slot to meet a2 where a0 ends.
        let places = [at(0, 4, 0, 30), at(4, 4, 0, 30), at(0, 8, 30, 40)];
        let out = rise(&places, &[Some(29), Some(28), Some(38)], 10);
        let rows: Vec<(u32, u32)> = out.iter().flatten().map(|p| (p.row, p.rows)).collect();
        assert_eq!(rows, vec![(0, 29), (0, 29), (29, 38)]);
        // On a filled page the white stays in the slots.
        assert_eq!(
            rise(&places, &[Some(29), Some(28), Some(38)], 0),
            places.to_vec()
        );
    }

    #[test]
    fn a_module_that_would_grow_past_its_slot_keeps_the_page() {
        // p rises with x, five rows, but q under p and y cannot: p would
        // need 25 rows to meet q.
        let places = [
            at(0, 4, 0, 10),
            at(0, 4, 10, 20),
            at(4, 4, 0, 30),
            at(0, 8, 30, 10),
        ];
        let natural = [Some(5), Some(20), Some(30), Some(10)];
        assert_eq!(rise(&places, &natural, 4), places.to_vec());
    }

    #[test]
    fn a_module_down_the_whole_band_keeps_the_white_over_the_pin() {
        let places = [at(0, 4, 0, 97), at(4, 4, 0, 50), at(4, 4, 50, 47)];
        assert_eq!(over_pin(&places, 3), places.to_vec());
    }

    #[test]
    fn three_rows_take_a_line_at_each_boundary() {
        let places = [at(0, 8, 0, 30), at(0, 8, 30, 30), at(0, 8, 60, 37)];
        let out = over_pin(&places, 3);
        let rows: Vec<u32> = out.iter().flatten().map(|p| p.row).collect();
        assert_eq!(rows, vec![0, 31, 62]);
    }
}
