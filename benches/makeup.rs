//! Benchmark of the automatic page make-up (`fill = true`, issue 14): the
//! random page sets of tools/gen-pages.py (4–8 articles, some with a
//! figure, some with a serial box pinned at the foot), as written and with
//! `--variants` (leads and figures the make-up may set differently) and
//! `--vertical` (set in vertical writing), and with both (`both`: the
//! pages that compose the most make-ups), each set made up by the
//! `typeset` command.
//!
//! `cargo bench --bench makeup [-- --sets N] [--runs N]`
//!
//! The sets are written once under target/bench-input/ (the generator is
//! deterministic). Each set runs N times (default 3) in a fresh process;
//! the time is the first page's make-up, as its summary line on stderr
//! gives it: laying out the modules and the search, plus the make-ups
//! composed again where holes met modules (the retries), the least of the
//! runs. The table gives per collection the median and worst time, for
//! all sets and for those of six articles or more, the median of the
//! search alone, and the mean share of the band filled. Timing lives here
//! and never in a test.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One set made up: articles, make-up time (ms) with and without the
/// retries, share of the band filled.
struct Made {
    articles: usize,
    ms: f64,
    search: f64,
    filled: f64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str, default: usize| {
        (args.iter().position(|a| a == name))
            .and_then(|k| args.get(k + 1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let (sets, runs) = (value("--sets", 20), value("--runs", 3).max(1));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exe = Path::new(env!("CARGO_BIN_EXE_typeset"));
    println!(
        "{:<10} {:>5} {:>10} {:>10} {:>12} {:>12} {:>10} {:>8}",
        "sets", "n", "median", "worst", "6+ median", "6+ worst", "search", "filled"
    );
    let collections: [(&str, &[&str]); 4] = [
        ("written", &[]),
        ("variants", &["--variants"]),
        ("vertical", &["--vertical"]),
        ("both", &["--variants", "--vertical"]),
    ];
    for (name, flags) in collections {
        let dir = generate(root, name, flags, sets);
        let vertical = flags.contains(&"--vertical");
        let made: Vec<Made> = (0..sets)
            .map(|k| make_up(exe, &dir.join(format!("set{k:02}")), (runs, vertical)))
            .collect();
        let all: Vec<f64> = made.iter().map(|m| m.ms).collect();
        let big: Vec<f64> = (made.iter())
            .filter(|m| m.articles >= 6)
            .map(|m| m.ms)
            .collect();
        let filled = made.iter().map(|m| m.filled).sum::<f64>() / made.len().max(1) as f64;
        let (m1, w1) = median_worst(all);
        let (m2, w2) = median_worst(big);
        let (s1, _) = median_worst(made.iter().map(|m| m.search).collect());
        println!(
            "{name:<10} {:>5} {m1:>7.1} ms {w1:>7.1} ms {m2:>9.1} ms {w2:>9.1} ms {s1:>7.1} ms {filled:>7.1}%",
            made.len()
        );
    }
}

fn median_worst(mut v: Vec<f64>) -> (f64, f64) {
    if v.is_empty() {
        return (0.0, 0.0);
    }
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[v.len() - 1])
}

/// Writes the sets once: a folder that exists holds the same ones.
fn generate(root: &Path, name: &str, flags: &[&str], sets: usize) -> PathBuf {
    let dir = root.join(format!("target/bench-input/makeup-{name}-{sets}"));
    if dir.join(format!("set{:02}/fill.toml", sets - 1)).exists() {
        return dir;
    }
    let mut cmd = Command::new("python3");
    cmd.arg(root.join("tools/gen-pages.py"))
        .arg(&dir)
        .arg(sets.to_string());
    cmd.args(flags);
    let status = cmd.status().expect("python3 runs tools/gen-pages.py");
    assert!(status.success(), "tools/gen-pages.py failed");
    dir
}

/// Makes the set's page up `runs` times: the least make-up time.
fn make_up(exe: &Path, set: &Path, (runs, vertical): (usize, bool)) -> Made {
    let manifest = set.join("fill.toml");
    let articles = std::fs::read_to_string(&manifest)
        .expect("fill.toml is readable")
        .matches("[[article]]")
        .count();
    let mut best = Made {
        articles,
        ms: f64::INFINITY,
        search: f64::INFINITY,
        filled: 0.0,
    };
    for _ in 0..runs {
        let out = Command::new(exe)
            .arg(&manifest)
            .args(["--no-system-fonts", "--pdf"])
            .arg(set.join("fill.pdf"))
            .args(
                vertical
                    .then_some(["--writing", "vertical"])
                    .into_iter()
                    .flatten(),
            )
            .output()
            .expect("the typeset binary starts");
        assert!(out.status.success(), "typeset failed on {}", set.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        let line = (stderr.lines())
            .find(|l| l.contains("fill:"))
            .expect("a make-up summary on stderr");
        let search = number_before(line, " ms");
        // The retries' time, where the page was composed more than once.
        let retries = number_before(line, " ms, the ");
        best.ms = best.ms.min(search + retries);
        best.search = best.search.min(search);
        best.filled = number_before(line, "% of");
    }
    best
}

/// The number just before the first `marker` in `line` (0 without one).
fn number_before(line: &str, marker: &str) -> f64 {
    let Some(end) = line.find(marker) else {
        return 0.0;
    };
    let head = &line[..end];
    let start = head
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(0, |k| k + 1);
    head[start..].parse().unwrap_or(0.0)
}
