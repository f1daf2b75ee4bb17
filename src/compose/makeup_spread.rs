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
            let (pp, mm) = (&placed[p], &placed[m]);
            let stacked = p != m && overlap(pp, mm) && pp.row + pp.rows == mm.row;
            !stacked || (shift[m] >= shift[p] && shift[m] - shift[p] <= PER_GAP)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(column: u32, columns: u32, row: u32, rows: u32) -> Option<Place> {
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
