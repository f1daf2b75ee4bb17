//! The make-ups of one page of an edition ([`super::set_page`]): the
//! search's page set and its holes counted; while holes remain and meet
//! modules not yet avoided, searched again without those; the page with
//! the fewest holes kept. Beside a pin at a top corner the lead story is
//! set in the start corner first, and the fuller page with another
//! article there made up only where that leaves holes; headlines are
//! kept a size clear of the lead's, then under it, and set at their own
//! sizes only where holes remain under the caps, the page stops short of
//! its foot or an article is continued (holes and fill first, then
//! hierarchy: the objective's order); where the search's
//! page sets a headline larger than the lead's, the page searched with
//! the lead's the largest (`makeup::order`) is set beside it.

use std::time::Instant;

#[path = "edition_parts.rs"]
mod parts;
#[path = "edition_set.rs"]
mod set;
pub(in crate::compose) use parts::other_faces;
use parts::parted;
use set::set_once;

use super::super::makeup::{self, Avoid, Prepared, Short, pinned};
use super::{OnSheet, Set};
use crate::compose::frame::SizeCap;
use crate::compose::page::{PageArticle, Placement};
use crate::compose::recall::Made;
use crate::compose::sheets::Sheets;
use crate::error::{Result, Warning};
use crate::units::Pt;

/// Make-ups composed at most per pass: the first, and again while the
/// page has holes and they meet a module not yet avoided.
const TRIES: usize = 8;
/// Make-ups composed at most per page and level of headline caps, all
/// passes together.
const MOST: usize = 12;
/// Make-ups composed at most per page, every level and re-set together:
/// the search's effort bounded (a page of six to eight articles made up in
/// a fifth of a second). Over the 88 generated and example pages the page
/// kept was never composed later than the 13th, while a few pages went on
/// to 41 (each some 10 ms), none better.
const BUDGET: usize = 16;
/// The most a capped headline takes of the lead story's: a compositor
/// keeps the lead a size clear of the next (a review found headlines
/// within a point of the lead's, 48.0 pt beside 48.4).
const CLEAR_OF_LEAD: f64 = 1.0 / 1.1;

/// Makes up page `on.k` of its articles `ranked` (the first not pinned
/// its lead story), keeping the page with the fewest holes; its summary
/// pushed on the warnings.
pub(super) fn make_up(ranked: &[PageArticle], on: &mut OnSheet) -> Result<()> {
    let mut tries = Tries {
        best: None,
        composed: 0,
        faced: 0,
        found: 0,
        spent: 0,
        retried: None,
        start: (on.sheets.clone(), on.set.clone(), on.warnings.len()),
        made: on.jumps.laid.made(),
    };
    // The lead story's headline is the page's largest.
    let cap = makeup::headline_ceiling(ranked, on.grid);
    // Grown to close their ends, the others stay under it, capped or not
    // (a compositor's review: a second story's headline, at its own size
    // a little over the lead's, was grown further, 50.3 -> 52.3 pt over
    // 49.5; a step under it, 0.9, left a grown vertical headline's band
    // white at both its ends, varv-set15's two holes).
    let under = |a: &PageArticle| !a.placement.lead_story && !pinned(a) && a.rest.is_none();
    let ranked: Vec<PageArticle> = (ranked.iter())
        .map(|a| {
            let mut a = a.copy();
            if under(&a) {
                a.placement.grown_most = cap;
            }
            a
        })
        .collect();
    let ranked = &ranked[..];
    // Capped a size clear of the lead's, then at the lead's, then free:
    // each only where the one before leaves holes, the page short or an
    // article continued.
    let capped_at = |scale: f64| -> Vec<PageArticle> {
        (ranked.iter())
            .map(|a| {
                let mut a = a.copy();
                if under(&a) {
                    let head = cap.map(|c| SizeCap::of(c.pt() * scale));
                    a.placement.headline_most = head.filter(|&c| makeup::over(&a, c, on.grid));
                }
                a
            })
            .collect()
    };
    let free = ranked.iter().map(PageArticle::copy).collect();
    let levels: [Vec<PageArticle>; 3] = [capped_at(CLEAR_OF_LEAD), capped_at(1.0), free];
    let mut laid = 0;
    let mut earlier: Option<(usize, Prepared)> = None;
    for (rank, articles) in levels.iter().enumerate() {
        // Capped headlines take fewer slots: a page left short of its
        // foot is made up again at larger sizes, and the fuller kept.
        if tries.done() && !tries.cuts() || tries.spent_all() {
            break;
        }
        // No headline over this cap: the level before's articles.
        let same = |(e, _): &(usize, Prepared)| {
            (levels[*e].iter().zip(articles)).all(|(c, r)| c.placement == r.placement)
        };
        if earlier.as_ref().is_some_and(same) {
            continue;
        }
        tries.spent = tries.composed - tries.faced;
        let before = earlier.as_ref().map(|(e, p)| (&levels[*e][..], p));
        let mut prep = makeup::prepare(articles, on.grid, on.taken, before);
        prep.may_hold = may_hold(on);
        laid += prep.laid;
        tries.passes(articles, &prep, rank, on)?;
        earlier = Some((rank, prep));
    }
    tries.keep(on);
    if laid > 0 && !on.set.composed.contains(&on.k) {
        on.set.composed.push(on.k);
    }
    Ok(())
}

/// The make-ups of a page so far: the best, how many were set and when
/// the retries began (the first make-up's search is timed in its
/// summary, its composing is the page's own), and the state each starts
/// from.
struct Tries {
    best: Option<Best>,
    composed: usize,
    /// Of those, the make-ups set again with headlines parted or in their
    /// alternate face: not counted against [`MOST`] (they search nothing).
    faced: usize,
    /// Of those, the make-ups a search found again in its pass: their
    /// outcome taken, not set again.
    found: usize,
    /// Make-ups counted against [`MOST`] at the levels of caps before
    /// this one (each level has its own).
    spent: usize,
    retried: Option<Instant>,
    start: (Sheets, Set, usize),
    /// The build's modules laid out when the page's make-ups began.
    made: Made,
}

impl Tries {
    /// The make-ups of `ranked` (prepared as `prep`; `rank`: 0 with the
    /// headlines capped, 1 without): beside a pin at a top corner the
    /// lead story first in the start corner (a compositor's review: a
    /// continued story there is refused, the lead leads), then where
    /// that leaves holes the fuller page.
    fn passes(
        &mut self,
        ranked: &[PageArticle],
        prep: &Prepared,
        rank: usize,
        on: &mut OnSheet,
    ) -> Result<()> {
        let passes: &[bool] = match prep.notched() {
            true => &[true, false],
            false => &[false],
        };
        // The first pass's make-ups in turn (places, holes, modules to
        // avoid): the second begins with the same pages where the lead
        // stands beside the pin either way, and those are not set again.
        let mut first: Vec<Seen> = Vec::new();
        for (pass, &lead_first) in passes.iter().enumerate() {
            if self.done() {
                break;
            }
            let (mut avoid, mut same) = (Vec::new(), pass > 0);
            // This pass's make-ups: a search that finds one of them again
            // (the modules its holes met avoided, no page was cheaper)
            // takes its outcome without setting it again.
            let mut here: Vec<Seen> = Vec::new();
            for again in 0..TRIES {
                if self.composed - self.faced - self.spent >= MOST || self.spent_all() {
                    break;
                }
                self.restart(on);
                // The page searched with the lead's headline the largest
                // (`makeup::order`), where it is another, from the first
                // make-up of a pass: set too, and kept where it has as
                // few holes and fills as much (its holes are not pursued:
                // the search's own page is).
                // (Not where a later pass finds the first pass's page again:
                // its led page was set then.)
                let seen = (pass > 0).then(|| first.get(again)).flatten();
                let led = |placed: &[PageArticle]| {
                    let places = placed.iter().map(|a| a.placement);
                    again == 0 && !seen.is_some_and(|f| places.eq(f.places.iter().copied()))
                };
                let how = (&avoid[..], lead_first);
                let ((placed, summary, short), led) = makeup::choose(ranked, prep, how, led);
                let places: Vec<Placement> = placed.iter().map(|a| a.placement).collect();
                same &= first.get(again).is_some_and(|f| f.places == places);
                let found = here.iter().find(|s| s.places == places);
                let out = match (same, found) {
                    (true, _) => first[again].out.clone(),
                    // Counted against the bounds as if set: a search was spent.
                    (false, Some(seen)) => {
                        (self.composed, self.found) = (self.composed + 1, self.found + 1);
                        seen.out.clone()
                    }
                    (false, None) => {
                        match self.set_faced(placed, ranked, (summary, short), (rank, pass), on) {
                            Ok(out) => out,
                            // A retry that cannot be set is no page: keep the best.
                            Err(e) if self.best.is_none() => return Err(e),
                            Err(_) => break,
                        }
                    }
                };
                if let Some((led, summary, short)) = led.filter(|_| !self.spent_all()) {
                    self.restart(on);
                    if led.iter().zip(&places).any(|(a, p)| a.placement != *p) {
                        let _ = self.set_faced(led, ranked, (summary, short), (rank, pass), on);
                    }
                }
                // The modules a hole meets are avoided in the next search.
                let before = avoid.len();
                for &a in &out.met {
                    if !avoid.contains(&a) {
                        avoid.push(a);
                    }
                }
                let holes = out.holes;
                here.push(Seen { places, out });
                if holes == 0 || avoid.len() == before {
                    break;
                }
            }
            if pass == 0 {
                first = here;
            }
        }
        Ok(())
    }

    /// Whether the page's make-ups have used up [`BUDGET`].
    fn spent_all(&self) -> bool {
        self.composed >= BUDGET
    }

    /// Whether the best page so far continues an article or holds one
    /// over.
    fn cuts(&self) -> bool {
        (self.best.as_ref()).is_some_and(|b| b.tried.short.continued + b.tried.short.held > 0)
    }

    /// Whether the best page so far has no holes, fills its band to the
    /// foot and has no headlines running into each other: no other
    /// make-up can be better.
    fn done(&self) -> bool {
        (self.best.as_ref()).is_some_and(|b| {
            let t = &b.tried;
            t.holes == 0 && t.short.remainder == 0 && t.over + t.vie == 0 && t.clashes == 0
        })
    }

    /// [`Self::set_one`], and where the page is the best so far and has
    /// headlines run together, the same page again with one of each pair
    /// parted from the other by a column of its text ([`parted`]: the
    /// first of the pair), then (from the
    /// parted page where it is the better) one of each pair left in its
    /// alternate face ([`other_faces`]); each kept where it ranks
    /// better ([`Tried`]: no more holes or continued articles, as full,
    /// then fewer pairs, then fewer headlines in the alternate face). The
    /// first page's outcome.
    fn set_faced(
        &mut self,
        placed: Vec<PageArticle>,
        ranked: &[PageArticle],
        (summary, short): (Warning, Short),
        (rank, pass): (usize, usize),
        on: &mut OnSheet,
    ) -> Result<Outcome> {
        let mut kept: Vec<PageArticle> = placed.iter().map(PageArticle::copy).collect();
        let mut said = summary.clone();
        let out = self.set_one(placed, ranked, (summary.clone(), short), (rank, pass), on)?;
        if !self.is_best() {
            return Ok(out);
        }
        let mut pairs = out.pairs.clone();
        // The first of each pair parted (see `parted`).
        if let Some(parted) = parted(&kept, &pairs) {
            if self.spent_all() {
                return Ok(out);
            }
            let n = (parted.iter().zip(&kept))
                .filter(|(p, k)| p.placement != k.placement)
                .count();
            let mut summary = summary.clone();
            summary.message = format!(
                "{}; {n} headline(s) parted from another by a column of text (撞题)",
                summary.message
            );
            self.restart(on);
            self.faced += 1;
            let again: Vec<PageArticle> = parted.iter().map(PageArticle::copy).collect();
            let set = self.set_one(parted, ranked, (summary.clone(), short), (rank, pass), on);
            if let Ok(o) = set
                && self.is_best()
            {
                (kept, said, pairs) = (again, summary, o.pairs);
            }
        }
        if let Some(faced) = other_faces(&kept, &pairs).filter(|_| !self.spent_all()) {
            self.restart(on);
            self.faced += 1;
            let turned = (faced.iter().zip(&kept))
                .filter(|(f, k)| !std::ptr::eq(f.shaped, k.shaped))
                .count();
            let mut summary = said;
            summary.message = format!(
                "{}; {turned} headline(s) set in their alternate face beside one of their size (撞题)",
                summary.message
            );
            // Set or not, the page kept is the best so far.
            let _ = self.set_one(faced, ranked, (summary, short), (rank, pass), on);
        }
        Ok(out)
    }

    /// Whether the page set last is the best so far.
    fn is_best(&self) -> bool {
        (self.best.as_ref()).is_some_and(|b| b.tried.attempt == self.composed)
    }

    /// The state back to where the page's make-ups start from.
    fn restart(&self, on: &mut OnSheet) {
        if self.composed > 0 {
            (*on.sheets, *on.set) = (self.start.0.clone(), self.start.1.clone());
            on.warnings.truncate(self.start.2);
        }
    }

    /// Sets the make-up `placed` and keeps it where it is the best so far;
    /// its holes and the modules they meet.
    fn set_one(
        &mut self,
        placed: Vec<PageArticle>,
        ranked: &[PageArticle],
        (mut summary, short): (Warning, Short),
        (rank, pass): (usize, usize),
        on: &mut OnSheet,
    ) -> Result<Outcome> {
        let faced = placed.iter().filter(|a| a.in_alternate_face()).count() as u32;
        let out = set_once(placed, ranked, on)?;
        self.composed += 1;
        // `restart` put the set back to the start's: it only grew since.
        let cut = on.set.continued.len() - self.start.1.continued.len();
        let tried = Tried {
            holes: out.holes,
            cut: cut as u32,
            short,
            over: out.over,
            vie: out.vie,
            clashes: out.clashes,
            faced,
            rank,
            pass,
            attempt: self.composed,
        };
        if on.sheets.edition > 1 || on.k > 0 {
            let number = on.jumps.first_number as usize + on.k;
            summary.message = format!("page {number}: {}", summary.message);
        }
        if self.best.as_ref().is_none_or(|b| tried < b.tried) {
            self.best = Some(Best {
                tried,
                sheets: on.sheets.clone(),
                set: on.set.clone(),
                said: on.warnings[self.start.2..].to_vec(),
                summary,
            });
        }
        self.retried.get_or_insert_with(Instant::now);
        Ok(out)
    }

    /// The best page's state and warnings, its summary last.
    fn keep(self, on: &mut OnSheet) {
        // Invariant: the first make-up either returned its error (from
        // `passes`) or set `best`.
        let Best {
            tried,
            sheets,
            set,
            said,
            mut summary,
        } = self.best.expect("a page was set");
        let (composed, faced) = (self.composed, self.faced);
        if let Some(retried) = self.retried.filter(|_| composed > 1) {
            let ms = retried.elapsed().as_secs_f64() * 1000.0;
            // The re-sets with a headline in its alternate face search
            // nothing; a page found again is not set again.
            let parts = [
                (
                    faced,
                    "the page before with headlines parted or in their alternate face",
                ),
                (self.found, "found again by a retry's search, not set again"),
            ];
            let parts: Vec<String> = (parts.iter())
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} of them {what}"))
                .collect();
            let again = match parts.is_empty() {
                true => String::new(),
                false => format!(" ({})", parts.join("; ")),
            };
            let made = on.jumps.laid.made();
            let ahead = made.ahead - self.made.ahead;
            let placing = made.placing - self.made.placing;
            summary.message = format!(
                "{}; {composed} make-ups composed{again}, the {} after the first searched, set and their holes counted in {ms:.0} ms, the {} kept (their modules laid out: {ahead} ahead in parallel, {placing} one after another)",
                summary.message,
                composed - 1 - faced,
                ordinal(tried.attempt),
            );
        }
        (*on.sheets, *on.set) = (sheets, set);
        on.warnings.truncate(self.start.2);
        on.warnings.extend(said);
        on.warnings.push(summary);
    }
}

/// A make-up of a pass: the articles' places and what setting it found.
struct Seen {
    places: Vec<Placement>,
    out: Outcome,
}

/// A make-up as set: its holes and the modules they meet, for the next
/// search to avoid; its headlines that run into another's ([`clashes`]).
#[derive(Debug, Clone)]
struct Outcome {
    holes: u32,
    met: Vec<Avoid>,
    clashes: u32,
    /// The articles (by index in the make-up) whose headlines run
    /// together, and their sizes.
    pairs: Vec<[(usize, Pt); 2]>,
    /// The headlines set larger than the lead story's.
    over: u32,
    /// The others that vie with it.
    vie: u32,
}

/// Whether page `on.k` may hold articles over whole (see
/// `makeup::hold`): articles may continue, and the next page is made up
/// (one of the edition's with `fill`, or a page after the edition).
fn may_hold(on: &OnSheet) -> bool {
    let next = on.k + 1;
    let made_up = next >= on.sheets.edition || on.sheets.fill.get(next) == Some(&true);
    on.jumps.hold && !on.jumps.no_continue && made_up
}

/// An attempt's name in the summary line (attempts count from 1).
fn ordinal(attempt: usize) -> String {
    const NAMES: [&str; 6] = ["first", "second", "third", "fourth", "fifth", "sixth"];
    match NAMES.get(attempt.wrapping_sub(1)) {
        Some(name) => name.to_string(),
        None => format!("{attempt}th"),
    }
}

/// The best make-up of a page so far: its rank, the state it left and
/// the warnings it gave (its summary last).
struct Best {
    tried: Tried,
    sheets: Sheets,
    set: Set,
    said: Vec<Warning>,
    summary: Warning,
}

/// A composed make-up's rank: the fewest holes, then the fewest articles
/// held over and continued (`makeup::hold::faults`, as set, then as
/// searched) and the fullest (the objective's
/// order), then the fewest headlines set larger than the lead story's and
/// then near its size (its order: the lead leads), then the fewest
/// running into another's (撞题, the hierarchy's) and the fewest parted
/// from one by their face alone (a compositor staggers them, a face is
/// the last resort), then the headlines capped furthest under the lead's,
/// then the first pass (the lead story in the start corner beside a pin),
/// then the first. Of two alike the search's own choice is the better: a
/// retry is kept only for fewer holes, a fuller page, fewer headlines
/// over or near the lead's or fewer run together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tried {
    holes: u32,
    /// Articles continued from the page as set.
    cut: u32,
    short: Short,
    over: u32,
    vie: u32,
    clashes: u32,
    /// Headlines in their alternate face.
    faced: u32,
    rank: usize,
    pass: usize,
    attempt: usize,
}

/// [`Tried`]'s order: holes, faults, cut, short, then the headlines'
/// counts (over, vie, clashes, faced) and the try's place (rank, pass,
/// attempt).
type TriedKey = (u32, (usize, usize, usize), u32, Short, [u32; 4], [usize; 3]);

impl Tried {
    /// The order's key, the fields' order with the faults (derived from
    /// the articles cut and held) after the holes.
    fn key(&self) -> TriedKey {
        let faults = makeup::hold::faults(self.cut as usize, self.short.held);
        let (over, vie, clashes, faced) = (self.over, self.vie, self.clashes, self.faced);
        (
            self.holes,
            faults,
            self.cut,
            self.short,
            [over, vie, clashes, faced],
            [self.rank, self.pass, self.attempt],
        )
    }
}

impl Ord for Tried {
    fn cmp(&self, other: &Tried) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Tried {
    fn partial_cmp(&self, other: &Tried) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
