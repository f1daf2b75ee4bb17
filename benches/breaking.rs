//! Line breaking of a 100,000-character chapter: shaping once, then total
//! fit and greedy over every paragraph at the 13-character column measure.
//! `cargo bench --bench breaking`. Prints times (median of runs) and the
//! total demerits of each mode.

mod corpus;

use std::time::{Duration, Instant};

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

    let t = Instant::now();
    let shaped = shape_doc(&doc, &mut shaper);
    let shape_time = t.elapsed();
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
    println!(
        "shaping (cold cache): {:.1} ms",
        shape_time.as_secs_f64() * 1e3
    );
    for mode in [Breaking::TotalFit, Breaking::Greedy] {
        let mut rules = doc.rules;
        rules.breaking = mode;
        let mut times = Vec::new();
        let mut lines = 0;
        let mut demerits = 0.0;
        for run in 0..7 {
            let t = Instant::now();
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
            if run == 0 {
                lines = n;
                demerits = d;
            }
        }
        let med = median(times);
        println!(
            "{mode:?}: {lines} lines, total demerits {demerits:.0} ({:.1} per line), median of 7: {:.2} ms ({:.0} ns per character)",
            demerits / lines as f64,
            med.as_secs_f64() * 1e3,
            med.as_nanos() as f64 / chars as f64
        );
    }
}
