//! Line breaking of a 100,000-character chapter: shaping once, then total
//! fit and greedy over every paragraph at the 13-character column measure.
//! `cargo bench --bench breaking`. Prints times (median of runs), the
//! total demerits of each mode, and the heap allocations per character of
//! shaping and of breaking (a counting allocator).

mod corpus;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The system allocator, counting allocations (reallocations included:
/// each may move the block).
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is passed on unchanged to the system allocator; the
// counter is the only addition.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocs() -> u64 {
    ALLOCS.load(Ordering::Relaxed)
}

use typeset::compose::{break_lines, line_params};
use typeset::linebreak::total_demerits;
use typeset::model::Breaking;
use typeset::parse::parse_article;
use typeset::resolve::{FontBook, load_layout, resolve_doc};
use typeset::shape::{ShapedBlock, Shaper, prepare_fallbacks, shape_doc};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let paras = corpus::paragraphs(100_000, 3000, 7);
    let src = corpus::article("基准", &paras);
    let chars: usize = paras.iter().map(|p| p.chars().count()).sum();
    let article =
        parse_article(std::path::Path::new("bench.md"), src.into_bytes()).expect("article");
    let layout = load_layout("feature", None).expect("layout");
    let mut book = FontBook::new(&[], false).expect("fonts");
    let roles = book.resolve_roles(&layout).expect("roles");
    let doc = resolve_doc(&article, &layout, &roles, None).expect("doc");
    let mut warnings = Vec::new();
    let fb = prepare_fallbacks(&doc, &mut book, &mut warnings);
    let mut shaper = Shaper::new(&book, &doc.lang, fb);

    let (t, a) = (Instant::now(), allocs());
    let shaped = shape_doc(&doc, &mut shaper);
    let (shape_time, shape_allocs) = (t.elapsed(), allocs() - a);
    // Again with the shaper's caches warm: what each further chapter of a
    // book costs.
    let (t, a) = (Instant::now(), allocs());
    drop(shape_doc(&doc, &mut shaper));
    let (warm_time, warm_allocs) = (t.elapsed(), allocs() - a);
    let paras: Vec<_> = shaped
        .flow
        .iter()
        .filter_map(|b| match b {
            ShapedBlock::Para(p) => Some(p),
            _ => None,
        })
        .collect();
    let measure = layout.grid().column_width;
    println!(
        "chapter: {chars} characters, {} paragraphs, measure {:.0} pt",
        paras.len(),
        measure.0
    );
    let per_char = |n: u64| n as f64 / chars as f64;
    println!(
        "shaping: cold cache {:.1} ms, {:.3} allocations per character; warm {:.1} ms, {:.3} allocations per character",
        shape_time.as_secs_f64() * 1e3,
        per_char(shape_allocs),
        warm_time.as_secs_f64() * 1e3,
        per_char(warm_allocs),
    );
    for mode in [Breaking::TotalFit, Breaking::Greedy] {
        let mut rules = doc.rules;
        rules.breaking = mode;
        let mut times = Vec::new();
        let mut lines = 0;
        let mut demerits = 0.0;
        let mut alloc_count = 0;
        for run in 0..7 {
            let (t, a) = (Instant::now(), allocs());
            let mut n = 0;
            let mut d = 0.0;
            for p in &paras {
                let ls = break_lines(p, measure, true, &rules);
                n += ls.len();
                if run == 0 {
                    let m = measure;
                    let mf = move |_| m;
                    let params =
                        line_params(&rules, &mf, p.style.size * p.style.indent as f64, true);
                    d += total_demerits(&p.items, &ls, &params);
                }
            }
            times.push(t.elapsed());
            if run == 1 {
                // The second run: the first also sums the demerits.
                alloc_count = allocs() - a;
            }
            if run == 0 {
                lines = n;
                demerits = d;
            }
        }
        let med = median(times);
        println!(
            "{mode:?}: {lines} lines, total demerits {demerits:.0} ({:.1} per line), median of 7: {:.2} ms ({:.0} ns per character), {:.3} allocations per character",
            demerits / lines as f64,
            med.as_secs_f64() * 1e3,
            med.as_nanos() as f64 / chars as f64,
            per_char(alloc_count),
        );
    }
}
