//! Benchmark of the page images (issue 20): the CPU time (user + system)
//! of `typeset examples/page-7.toml` with the PDF alone, and with the PDF
//! and the page as SVG, or as PNG at 72, 150 and 300 dpi; the difference
//! is what the SVG or PNG of one broadsheet page costs.
//!
//! `cargo bench --bench render [-- --runs N]` (default 20 runs, the
//! median of each). Timing lives here and never in a test.

use std::path::Path;
use std::process::Command;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = (args.iter().position(|a| a == "--runs"))
        .and_then(|k| args.get(k + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(20usize)
        .max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/bench-render");
    std::fs::create_dir_all(&out).expect("create target/bench-render");
    let pdf = out.join("page-7.pdf");
    let pdf = pdf.to_str().expect("UTF-8 path");
    let (svg, png) = (out.join("svg"), out.join("png"));
    let (svg, png) = (svg.to_str().expect("path"), png.to_str().expect("path"));
    let base = median_cpu(root, &["--pdf", pdf], runs);
    println!("{:<28} {:>9} {:>9}", "outputs", "CPU", "+ page");
    println!("{:<28} {:>6.1} ms", "PDF", base);
    let cases: [(&str, Vec<&str>); 4] = [
        ("PDF + SVG", vec!["--svg", svg]),
        ("PDF + PNG 72 dpi", vec!["--png", png, "--dpi", "72"]),
        ("PDF + PNG 150 dpi", vec!["--png", png, "--dpi", "150"]),
        ("PDF + PNG 300 dpi", vec!["--png", png, "--dpi", "300"]),
    ];
    for (name, extra) in cases {
        let mut a = vec!["--pdf", pdf];
        a.extend(extra);
        let t = median_cpu(root, &a, runs);
        println!("{name:<28} {t:>6.1} ms {:>6.1} ms", t - base);
    }
}

/// The median CPU time of `runs` runs of typeset on page-7 with `args`.
fn median_cpu(root: &Path, args: &[&str], runs: usize) -> f64 {
    let exe = Path::new(env!("CARGO_BIN_EXE_typeset"));
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let before = children_cpu();
            let status = Command::new(exe)
                .current_dir(root)
                .args(["examples/page-7.toml", "--no-system-fonts", "-q"])
                .args(args)
                .status()
                .expect("run typeset");
            assert!(status.success(), "typeset failed");
            children_cpu() - before
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// User + system time of the finished child processes, in milliseconds.
fn children_cpu() -> f64 {
    // SAFETY: getrusage fills the struct it is given; zeroed is a valid
    // rusage.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(u.ru_utime) + ms(u.ru_stime)
}
