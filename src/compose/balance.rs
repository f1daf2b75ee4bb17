//! Balancing a module's last page: its columns end within a line of each
//! other, the last ones never longer than the first (a newspaper module
//! ends square, not with one full column beside an empty one).

use super::columns::{Checkpoint, Composer, FlowInput, Used};
use super::items::LineSource;

/// White lines under a column that read as a hole: three lines are some
/// four ems, pagecheck's least hole.
pub(super) const HOLE_RUN: u32 = 3;

/// How many lines shallower than the strict rules' least depth a page
/// may hold its text with a paragraph's lone line let stand: each of its
/// column breaks saves a line at most, spread over the columns, and a
/// head kept with its text moves one more. Every depth from the columns'
/// top was tried before, some six times the layouts (a variants page of
/// `tools/gen-pages.py`: 34,600 → 5,800): the 100 generated pages and the
/// examples came out byte for byte the same.
const LOOSER: u32 = 3;

/// The most lines of white balancing adds above a head inside a column.
const MOST_HEAD_WHITE: u32 = 2;

/// The columns used as first laid out. (The last page's items before its
/// checkpoint stay as they are: a try only adds after them.)
struct Saved {
    used: Vec<Used>,
}

impl Composer<'_> {
    /// Lays the last page out again with the least room that still holds
    /// its text on that page: the shallowest depth (found by halving: more
    /// depth never holds less), and at that depth the most columns a line
    /// shorter (the last ones).
    pub fn balance_last_page(&mut self, flow: &FlowInput) {
        let last = self.pages.len() - 1;
        let cp = self.checkpoints[last];
        if !self.used.iter().any(|u| u.page == last) {
            return;
        }
        // Only the last page is laid out again: keep it, not the book.
        let saved = Saved {
            used: self.used.clone(),
        };
        // Figures set at their place before the text keep their columns
        // at least as deep as their feet; the other columns balance alone.
        let columns = self.grid.columns;
        let mut floors = vec![0; columns as usize];
        for s in (self.shapes[..cp.shapes].iter()).filter(|s| s.page == last) {
            let f = &mut floors[s.column as usize];
            *f = (*f).max(s.slot + 1);
        }
        self.floors = floors;
        // A try that runs past the page has failed: no need to set the rest.
        self.probe = Some(last);
        let (mut lo, mut hi) = (cp.column_top + 1, self.bottom);
        // `hi` always holds the text: the first layout did at the foot.
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.fits(flow, last, cp, &saved, (mid, u32::MAX)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        // At that depth (or a line or two deeper), as many of the last
        // columns a line shorter as still hold it, the columns ending
        // square: within a line, the last not the longest. Failing that,
        // the first layout that holds the text; the one kept is the last
        // one run.
        // A square foot matters more than a paragraph's last line alone
        // at a column's head or its first at a foot: the second round lets
        // such a line stand.
        let shorts: Vec<u32> = (1..columns).chain([u32::MAX]).collect();
        let mut first = None;
        // Failing a square foot, the layout whose columns end within two
        // lines of each other with the least white under them: the white
        // under the shortest is under a hole (a vertical page's bands of
        // some twenty lines rarely end within one: a head or a keep rule
        // moves a line or two). Its white, where and under which rules.
        let mut near = None;
        // A vertical article's last page may then leave its last bands
        // empty, the bands it uses square, rather than set a lone line of
        // a paragraph at a band's head or foot; the fewest bands emptied.
        let free = self.free_last_bands.is_some_and(|from| last >= from);
        let rounds: &[(bool, bool)] = if free {
            &[(false, false), (false, true), (true, false)]
        } else {
            &[(false, false), (true, false)]
        };
        for &(widows, unused) in rounds {
            self.widows = widows;
            // Loosened, the depths from LOOSER lines above the least that
            // held the text are tried: keep rules can make a shallower or
            // deeper layout the square one. None deeper once a depth's
            // text leaves the last column empty (more depth leaves it so).
            let (from, to) = match widows || unused {
                true => (
                    hi.saturating_sub(LOOSER).max(cp.column_top + 1),
                    self.bottom,
                ),
                false => (hi, (hi + 2).min(self.bottom)),
            };
            for depth in from..=to {
                // The tries at this depth so far: the depths of the columns
                // each asked for, whether it held the text and ended square.
                let mut tried: Vec<(Vec<u32>, bool, bool)> = Vec::new();
                // Whether any try at this depth set text in the last column.
                let mut reached = false;
                for &short in &shorts {
                    let depths: Vec<u32> = (0..columns)
                        .map(|c| self.depth_at(c, (depth, short)))
                        .collect();
                    // A try whose columns asked for give the depths an
                    // earlier one's did is that try again (text that ends
                    // before the short columns never meets them).
                    let seen = tried.iter().find(|t| depths.starts_with(&t.0));
                    let (fits, done) = match seen {
                        Some(&(_, fits, done)) => (fits, done),
                        None => {
                            let fits = self.fits(flow, last, cp, &saved, (depth, short));
                            let lone = fits && free && !widows && self.lone_in_a_band(last);
                            let done = fits && self.square(last, unused) && !lone;
                            if fits && !done && !unused && !lone {
                                let white = self.near_square(last);
                                if white.is_some_and(|w| near.is_none_or(|(n, _, _)| w < n)) {
                                    near = white.map(|w| (w, (depth, short), widows));
                                }
                            }
                            let asked = depths[..(self.asked.get().min(columns)) as usize].to_vec();
                            let ends = self.column_ends(last);
                            reached |= !fits || ends.last() > Some(&cp.column_top);
                            tried.push((asked, fits, done));
                            (fits, done)
                        }
                    };
                    if done {
                        self.keep_flush(flow, (last, cp, &saved), (depth, short), unused);
                        return;
                    }
                    if fits {
                        first.get_or_insert((depth, short));
                    }
                }
                // Deeper, the last column stays empty: no layout there ends
                // square or near it (an unused band is square only in the
                // round that frees it).
                if !reached && !unused {
                    break;
                }
            }
        }
        // The near layout is kept with the keep rules it was found under.
        let near = near.map(|(_, at, widows)| (at, widows));
        let (at, widows) = near
            .or(first.map(|at| (at, false)))
            .unwrap_or(((hi, u32::MAX), false));
        self.widows = widows;
        self.keep_flush(flow, (last, cp, &saved), at, free);
    }

    /// Keeps the layout at `at` (depth, short), laid out again with its
    /// glyphs; or, where its columns do not all end on one line, a layout
    /// at the same depth that leaves less white under the columns, as a
    /// compositor squares a module: first a line more white above a head
    /// inside a column (each head alone, then the first `k` heads of the
    /// page), the grid kept; failing that, the same with a paragraph's
    /// first line let stand at a column's foot or its last at a column's
    /// head. (Such a line alone, without a head's white, only moves the
    /// short column: the lines a module holds stay as many.)
    fn keep_flush(
        &mut self,
        flow: &FlowInput,
        (last, cp, saved): (usize, Checkpoint, &Saved),
        at: (u32, u32),
        free: bool,
    ) {
        // A book's page keeps its layout: laid out once more, with glyphs.
        if !self.flush {
            self.probe = None;
            self.fits(flow, last, cp, saved, at);
            return;
        }
        self.probe = Some(last);
        self.fits(flow, last, cp, saved, at);
        let heads = self.heads_on(last, flow);
        // The text's foot: a figure beside it may reach lower, never the text.
        let deepest = self.column_ends(last).into_iter().max().unwrap_or(0);
        let widows = self.widows;
        let before = self.short_of(last, deepest, free);
        let mut best = (before, Vec::new(), widows);
        // No try may move text into a column without it or out of one
        // (beside a round figure, a line alone at the top of its far side).
        let texted = |c: &Self| {
            (c.column_ends(last).iter())
                .map(|&e| e > c.column_top)
                .collect::<Vec<_>>()
        };
        let base = texted(self);
        if before > 0 {
            let n = heads.len();
            let alone = (0..n).map(|i| vec![heads[i]]);
            let first = (2..=n).map(|k| heads[..k].to_vec());
            let sets: Vec<Vec<usize>> = alone.chain(first).collect();
            let tries = (sets.iter().map(|h| (h.clone(), widows)))
                .chain(sets.iter().map(|h| (h.clone(), true)));
            let tries: Vec<(Vec<usize>, bool)> = tries.collect();
            // A line of white above a head first; where that leaves a
            // column short, two, one above and one below it (looser, but
            // a short column over the next module is a hole).
            for white in 1..=MOST_HEAD_WHITE {
                if best.0 == 0 {
                    break;
                }
                for (h, w) in &tries {
                    self.head_space = h.iter().map(|&b| (b, white)).collect();
                    self.widows = *w;
                    let fits = self.fits(flow, last, cp, saved, (deepest, u32::MAX));
                    if fits && texted(self) == base {
                        let short = self.short_of(last, deepest, free);
                        if short < best.0 {
                            best = (short, self.head_space.clone(), *w);
                        }
                    }
                }
            }
        }
        self.probe = None;
        let kept = best.0 < before;
        (self.head_space, self.widows) = (best.1, best.2);
        let depth = if kept { (deepest, u32::MAX) } else { at };
        self.fits(flow, last, cp, saved, depth);
        self.widows = widows;
    }

    /// The line-columns by which `page`'s columns end above `deepest`
    /// (with `free`, only the columns with text); none deeper.
    pub(super) fn short_of(&self, page: usize, deepest: u32, free: bool) -> u32 {
        if self.column_ends(page).iter().any(|&e| e > deepest) {
            return u32::MAX;
        }
        (self.ends_of(page).iter())
            .filter(|&&e| !free || e > self.column_top)
            .map(|&e| deepest - e.min(deepest))
            .sum()
    }

    /// The most lines by which a column of `page` with text (or a
    /// figure) ends above `deepest`.
    pub(super) fn most_short_of(&self, page: usize, deepest: u32) -> u32 {
        (self.ends_of(page).iter())
            .filter(|&&e| e > self.column_top)
            .map(|&e| deepest.saturating_sub(e))
            .max()
            .unwrap_or(0)
    }

    /// Where each column of `page` ends, a figure's foot as text.
    fn ends_of(&self, page: usize) -> Vec<u32> {
        let mut ends = self.column_ends(page);
        for s in self.shapes.iter().filter(|s| s.page == page) {
            let e = &mut ends[s.column as usize];
            *e = (*e).max(s.slot + 1);
        }
        ends
    }

    /// The flow's heads whose first line is set on `page`, in order.
    fn heads_on(&self, page: usize, flow: &FlowInput) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for l in self.log.iter().filter(|l| l.page == page) {
            let LineSource::Flow(b) = l.source else {
                continue;
            };
            let head = matches!(flow.shaped.flow.get(b), Some(crate::shape::ShapedBlock::Para(p))
                if matches!(p.style.role, crate::model::Role::Heading | crate::model::Role::MinorHeading));
            if head && out.last() != Some(&b) {
                out.push(b);
            }
        }
        out
    }

    /// Whether the columns of `page` end within a line of each other, the
    /// last not below all the others; with `free`, only the columns with
    /// text, which come first.
    pub(super) fn square(&self, page: usize, free: bool) -> bool {
        self.ends_within(self.column_ends(page), free, 1) && self.stepped_down(page, free)
    }

    /// Whether no column of `page` (a figure's foot as text) ends above
    /// one after it: a line short only in the last columns. A short
    /// column between full ones leaves its white over the next module
    /// with the white of a neighbour's short last line, beside the rule
    /// between them: two short columns side by side read as a hole.
    fn stepped_down(&self, page: usize, free: bool) -> bool {
        let top = self.column_top;
        let ends = self.ends_of(page);
        let used = match free {
            true => ends.iter().take_while(|&&e| e > top).count(),
            false => ends.len(),
        };
        ends[..used].windows(2).all(|w| w[0] >= w[1])
    }

    /// Where text ends on `page` in every column within two lines of each
    /// other (under a hole's [`HOLE_RUN`]), the last not below all the
    /// others: the lines of white under the columns, to the deepest.
    fn near_square(&self, page: usize) -> Option<u32> {
        let ends = self.column_ends(page);
        let deepest = ends.iter().copied().max()?;
        let texted = ends.iter().all(|&e| e > self.column_top);
        let white = ends.iter().map(|&e| deepest - e).sum();
        (texted && self.ends_within(ends, false, HOLE_RUN - 1)).then_some(white)
    }

    /// [`Self::square`] with the columns' `ends` within `lines` of each
    /// other.
    fn ends_within(&self, mut ends: Vec<u32>, free: bool, lines: u32) -> bool {
        if free {
            let top = self.column_top;
            let used = ends.iter().take_while(|&&e| e > top).count();
            if ends[used..].iter().any(|&e| e > top) {
                return false;
            }
            ends.truncate(used);
        }
        let Some((&last, others)) = ends.split_last() else {
            return true;
        };
        let (lo, hi) = (ends.iter().min(), ends.iter().max());
        let within = lo.zip(hi).is_some_and(|(lo, hi)| hi - lo <= lines);
        within && (others.is_empty() || others.iter().any(|&e| e >= last))
    }

    /// How many of `page`'s columns end one line and two lines above
    /// `bottom` (a figure's foot counts as text): white that a slot
    /// deeper than the module's text deepens into a hole (see
    /// `makeup_search::deepened`).
    pub(super) fn shorts_under(&self, page: usize, bottom: u32) -> [u32; 2] {
        let mut n = [0; 2];
        for run in self.ends_of(page).iter().map(|&e| bottom.saturating_sub(e)) {
            // A run of 1 counts in n[0], of 2 in n[1]; none and deeper not.
            if let Some(k) = (run as usize).checked_sub(1).and_then(|i| n.get_mut(i)) {
                *k += 1;
            }
        }
        n
    }

    /// The white under `page`'s columns down to `bottom` that reads as a
    /// hole: each column's run of [`HOLE_RUN`] lines or more (a figure's
    /// foot counts as text), in line-columns.
    pub(super) fn holes_under(&self, page: usize, bottom: u32) -> u32 {
        (self.ends_of(page).iter())
            .map(|&e| bottom.saturating_sub(e))
            .filter(|&run| run >= HOLE_RUN)
            .sum()
    }

    /// The white under the text of `page`'s columns down to `bottom`, in
    /// line-columns: each column may end a line short of the deepest (as
    /// balanced columns do); a column without text is white from the
    /// columns' top.
    pub(super) fn white_under(&self, page: usize, bottom: u32) -> u32 {
        (self.column_ends(page).iter())
            .map(|&e| bottom.saturating_sub(e + 1))
            .sum()
    }

    /// Where each column of `page` ends (a column without text at the
    /// columns' top).
    fn column_ends(&self, page: usize) -> Vec<u32> {
        let mut ends = vec![self.column_top; self.grid.columns as usize];
        for u in self.used.iter().filter(|u| u.page == page) {
            let e = &mut ends[u.column as usize];
            *e = (*e).max(u.end);
        }
        ends
    }

    /// Whether a column of `page` holds one line alone of a paragraph that
    /// goes on in another: its last at the column's head or its first at
    /// the column's foot. (The flow's own rules let such a line stand in
    /// a column of one or two lines, which a balanced vertical page with
    /// few lines a band is made of.)
    fn lone_in_a_band(&self, page: usize) -> bool {
        let log = &self.log;
        let block = |k: usize| match log[k].source {
            LineSource::Flow(b) => Some(b),
            LineSource::Header(_) => None,
        };
        let on_page = |k: usize| log[k].page == page && log[k].column.is_some();
        let mut k = 0;
        while k < log.len() {
            if !on_page(k) {
                k += 1;
                continue;
            }
            // The column's lines are log[k..e].
            let column = log[k].column;
            let e = (k..log.len())
                .find(|&j| !on_page(j) || log[j].column != column)
                .unwrap_or(log.len());
            let alone = |at: usize| {
                let b = block(at);
                b.is_some() && (k..e).filter(|&j| block(j) == b).count() == 1
            };
            let before = |at: usize| (0..k).any(|j| block(j) == block(at));
            let after = |at: usize| (e..log.len()).any(|j| block(j) == block(at));
            if (alone(k) && before(k)) || (alone(e - 1) && after(e - 1)) {
                return true;
            }
            k = e;
        }
        false
    }

    /// Lays the last page out again at `depth`, the columns from `short`
    /// on a line shorter; whether the text ended on that page.
    fn fits(
        &mut self,
        flow: &FlowInput,
        last: usize,
        cp: Checkpoint,
        saved: &Saved,
        (depth, short): (u32, u32),
    ) -> bool {
        self.restore(last, cp, &saved.used);
        self.depth = depth;
        self.short_from = short;
        self.asked.set(0);
        self.run(flow);
        self.pages.len() == last + 1
    }

    fn restore(&mut self, page: usize, cp: Checkpoint, used: &[Used]) {
        // Truncated, the page keeps its room for the next try's items.
        self.pages.truncate(page + 1);
        self.pages[page].truncate(cp.items);
        self.used.clear();
        self.used.extend_from_slice(&used[..cp.used]);
        self.shapes.truncate(cp.shapes);
        self.log.truncate(cp.log);
        self.checkpoints.truncate(page + 1);
        self.column = 0;
        self.column_top = cp.column_top;
        self.slot = cp.column_top;
        self.cur = (cp.block, cp.line);
        self.deferred.pending = cp.pending;
    }
}
