//! End-to-end benchmark of the `typeset` command, as a user runs it, on the
//! corpus of issue 16 (tools/gen-serial.py: generated prose with thousands
//! of distinct Han characters, 400–2,000-character installments each with
//! its own `lang`, figures in some): zh-Hans and zh-Hant serials of 100k, 1M
//! and 3M characters in both writing modes, a broadsheet page, and a
//! 10,000-installment serial for the cache.
//!
//! `cargo bench --bench book [-- FILTER] [--runs N] [--no-typst] [--no-threads]`
//!
//! Each case runs N times (5) in a fresh process, cold (`--no-cache`), PDF
//! and EPUB; the table gives median/min/max wall time, the median user+sys
//! CPU time (the machine may be shared: CPU time is what a busy machine
//! disturbs least), and the largest peak resident memory. Then, for the 1M
//! cases, the same on one thread (RAYON_NUM_THREADS=1) against two; for the
//! horizontal serials, Typst on the same text (tools/compare-typst.py, one
//! fresh Python process per compile); and the 10,000-installment serial's
//! first build with the cache on against `--no-cache`. The load average is
//! printed before and after. Timing lives here and never in a test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One input: a serial folder, or a page manifest (`page = true`).
struct Case {
    name: &'static str,
    /// Arguments to tools/gen-serial.py after the output folder.
    gen_args: &'static [&'static str],
    page: bool,
}

const fn serial(name: &'static str, gen_args: &'static [&'static str]) -> Case {
    Case {
        name,
        gen_args,
        page: false,
    }
}

const CASES: &[Case] = &[
    Case {
        name: "page",
        gen_args: &["--page"],
        page: true,
    },
    serial("hans-100k", &["--chars", "100000"]),
    serial("hant-100k", &["--chars", "100000", "--hant"]),
    serial("hans-100k-v", &["--chars", "100000", "--vertical"]),
    serial(
        "hant-100k-v",
        &["--chars", "100000", "--hant", "--vertical"],
    ),
    serial("hans-1M", &["--chars", "1000000"]),
    serial("hant-1M", &["--chars", "1000000", "--hant"]),
    serial("hans-1M-v", &["--chars", "1000000", "--vertical"]),
    serial("hant-1M-v", &["--chars", "1000000", "--hant", "--vertical"]),
    serial("hans-3M", &["--chars", "3000000"]),
    serial("hant-3M", &["--chars", "3000000", "--hant"]),
    serial("hans-3M-v", &["--chars", "3000000", "--vertical"]),
    serial("hant-3M-v", &["--chars", "3000000", "--hant", "--vertical"]),
];

/// The cache case: 10,000 short installments (80–200 characters).
const TEN_K: Case = serial(
    "hant-10k-installments",
    &[
        "--installments",
        "10000",
        "--min",
        "80",
        "--max",
        "200",
        "--hant",
    ],
);

struct Options {
    runs: usize,
    filter: Option<String>,
    typst: bool,
    threads: bool,
}

/// What a set of runs measured.
struct Runs {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
    peak_kib: u64,
}

impl Runs {
    fn median_wall(&self) -> f64 {
        median(&self.wall)
    }
    fn median_cpu(&self) -> f64 {
        median(&self.cpu)
    }
}

fn median(v: &[Duration]) -> f64 {
    let mut v = v.to_vec();
    v.sort();
    v[v.len() / 2].as_secs_f64()
}

fn main() {
    let opts = options();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exe = Path::new(env!("CARGO_BIN_EXE_typeset"));
    let out = root.join("target/bench-output");
    std::fs::create_dir_all(&out).expect("target/bench-output is writable");
    println!("load before: {}", uptime());
    println!(
        "{:<22} {:>8} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7}",
        "case", "chars", "han", "median", "min", "max", "CPU", "peak MB", "PDF KB", "EPUB KB"
    );
    let mut done = Vec::new();
    for case in CASES.iter().filter(|c| opts.wants(c.name)) {
        let input = generate(root, case);
        let (pdf, epub) = (
            out.join(format!("{}.pdf", case.name)),
            out.join(format!("{}.epub", case.name)),
        );
        let runs = measure(opts.runs, || run(exe, &input, &pdf, &epub, &[], &[]));
        print_row(case.name, &input, &runs, &pdf, &epub);
        done.push((case, input, runs));
    }
    if opts.threads {
        threads(exe, &out, &opts, &done);
    }
    if opts.typst {
        typst(root, &out, &opts, &done);
    }
    if opts.wants(TEN_K.name) {
        cache(root, exe, &out, &opts);
    }
    println!("load after: {}", uptime());
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut o = Options {
        runs: 5,
        filter: None,
        typst: true,
        threads: true,
    };
    let mut k = 0;
    while k < args.len() {
        match args[k].as_str() {
            "--runs" => {
                k += 1;
                o.runs = args.get(k).and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
            }
            "--no-typst" => o.typst = false,
            "--no-threads" => o.threads = false,
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            s if !s.starts_with('-') => o.filter = Some(s.to_string()),
            _ => {}
        }
        k += 1;
    }
    o
}

impl Options {
    fn wants(&self, name: &str) -> bool {
        self.filter
            .as_ref()
            .is_none_or(|f| name.contains(f.as_str()))
    }
}

fn print_row(name: &str, input: &Path, runs: &Runs, pdf: &Path, epub: &Path) {
    let (chars, han) = count(input);
    let mut wall = runs.wall.clone();
    wall.sort();
    let s = |d: f64| format!("{d:.3} s");
    let kb = |p: &Path| std::fs::metadata(p).map(|m| m.len() / 1024).unwrap_or(0);
    println!(
        "{:<22} {:>8} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8.1} {:>7} {:>7}",
        name,
        chars,
        han,
        s(runs.median_wall()),
        s(wall[0].as_secs_f64()),
        s(wall[wall.len() - 1].as_secs_f64()),
        s(runs.median_cpu()),
        runs.peak_kib as f64 / 1024.0,
        kb(pdf),
        kb(epub),
    );
}

/// One thread against two on the 1M serials.
fn threads(exe: &Path, out: &Path, opts: &Options, done: &[(&Case, PathBuf, Runs)]) {
    if !done.iter().any(|(c, ..)| c.name.contains("-1M")) {
        return;
    }
    println!("\nthreads (1M, median wall): 1 thread / 2 threads");
    for (case, input, _) in done.iter().filter(|(c, ..)| c.name.contains("-1M")) {
        let (pdf, epub) = (out.join("threads.pdf"), out.join("threads.epub"));
        let one = measure(opts.runs, || {
            run(exe, input, &pdf, &epub, &[], &[("RAYON_NUM_THREADS", "1")])
        });
        let two = measure(opts.runs, || {
            run(exe, input, &pdf, &epub, &[], &[("RAYON_NUM_THREADS", "2")])
        });
        println!(
            "{:<22} {:.3} s / {:.3} s = {:.2}×  (CPU {:.3} s / {:.3} s)",
            case.name,
            one.median_wall(),
            two.median_wall(),
            one.median_wall() / two.median_wall(),
            one.median_cpu(),
            two.median_cpu()
        );
    }
}

/// Typst on the same text, page and font (horizontal serials only: Typst
/// has no vertical writing); compared with the PDF+EPUB runs above.
fn typst(root: &Path, out: &Path, opts: &Options, done: &[(&Case, PathBuf, Runs)]) {
    println!("\nTypst (pip typst, one fresh process per compile), PDF only, same text:");
    let script = root.join("tools/compare-typst.py");
    for (case, input, ours) in done
        .iter()
        .filter(|(c, ..)| !c.page && !c.name.ends_with("-v"))
    {
        let src = Command::new("python3")
            .arg(&script)
            .arg("--source")
            .arg(input)
            .output()
            .expect("python3 runs tools/compare-typst.py");
        assert!(src.status.success(), "compare-typst.py --source failed");
        let src = PathBuf::from(String::from_utf8_lossy(&src.stdout).trim());
        let pdf = out.join(format!("{}-typst.pdf", case.name));
        let theirs = measure(opts.runs, || {
            let args = [
                script.as_os_str(),
                "--compile".as_ref(),
                src.as_os_str(),
                pdf.as_os_str(),
            ];
            spawn(Command::new("python3").args(args))
        });
        println!(
            "{:<22} typst {:.3} s (CPU {:.3} s, peak {:.0} MB): typst / typeset = {:.2}× wall, {:.2}× CPU",
            case.name,
            theirs.median_wall(),
            theirs.median_cpu(),
            theirs.peak_kib as f64 / 1024.0,
            theirs.median_wall() / ours.median_wall(),
            theirs.median_cpu() / ours.median_cpu()
        );
    }
}

/// The 10,000-installment serial: a first build with the cache on (a new,
/// empty cache folder each run) against `--no-cache`.
fn cache(root: &Path, exe: &Path, out: &Path, opts: &Options) {
    let input = generate(root, &TEN_K);
    let (pdf, epub) = (out.join("10k.pdf"), out.join("10k.epub"));
    let cold = measure(opts.runs, || run(exe, &input, &pdf, &epub, &[], &[]));
    print_row(TEN_K.name, &input, &cold, &pdf, &epub);
    let first = measure(opts.runs, || {
        let dir = tempfile::tempdir().expect("a temporary cache folder");
        let cache = [
            "--cache-dir",
            dir.path().to_str().expect("temp paths are UTF-8"),
        ];
        run(exe, &input, &pdf, &epub, &cache, &[])
    });
    println!(
        "10,000 installments: first cached build {:.3} s (CPU {:.3} s) / --no-cache {:.3} s (CPU {:.3} s) = {:.2}×",
        first.median_wall(),
        first.median_cpu(),
        cold.median_wall(),
        cold.median_cpu(),
        first.median_wall() / cold.median_wall()
    );
}

fn measure(runs: usize, mut one: impl FnMut() -> (Duration, Duration, u64)) -> Runs {
    let mut r = Runs {
        wall: Vec::new(),
        cpu: Vec::new(),
        peak_kib: 0,
    };
    for _ in 0..runs {
        let (wall, cpu, rss) = one();
        r.wall.push(wall);
        r.cpu.push(cpu);
        r.peak_kib = r.peak_kib.max(rss);
    }
    r
}

/// Writes the input once; the generator is deterministic, so a folder
/// stamped with this version of the generator holds the same text.
fn generate(root: &Path, case: &Case) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let dir = root.join("target/bench-input").join(case.name);
    let done = dir.join(if case.page {
        "page.toml"
    } else {
        "serial.toml"
    });
    let script =
        std::fs::read(root.join("tools/gen-serial.py")).expect("the generator is readable");
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (script, case.gen_args).hash(&mut h);
    let stamp = (dir.join("generator.stamp"), format!("{:016x}", h.finish()));
    if std::fs::read_to_string(&stamp.0).ok().as_deref() != Some(stamp.1.as_str()) {
        // Missing, or an older generator's text: write it anew.
        let _ = std::fs::remove_dir_all(&dir);
        let status = Command::new("python3")
            .arg(root.join("tools/gen-serial.py"))
            .arg(&dir)
            .args(case.gen_args)
            .status()
            .expect("python3 runs tools/gen-serial.py");
        assert!(status.success(), "tools/gen-serial.py failed");
        std::fs::write(&stamp.0, &stamp.1).expect("target/bench-input is writable");
    }
    if case.page { done } else { dir }
}

/// Characters of body text and distinct Han characters in the input.
fn count(input: &Path) -> (usize, usize) {
    let dir = if input.is_dir() {
        input
    } else {
        input.parent().expect("a file has a parent")
    };
    let mut han = std::collections::HashSet::new();
    let mut chars = 0;
    for entry in std::fs::read_dir(dir).expect("input folder is readable") {
        let path = entry.expect("folder entry").path();
        if path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("input is UTF-8");
        let body = text.splitn(3, "+++").nth(2).unwrap_or(&text);
        for c in body.chars().filter(|c| !c.is_whitespace()) {
            chars += 1;
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                han.insert(c);
            }
        }
    }
    (chars, han.len())
}

/// One typeset run, cold unless `extra` names a cache folder.
fn run(
    exe: &Path,
    input: &Path,
    pdf: &Path,
    epub: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> (Duration, Duration, u64) {
    let mut cmd = Command::new(exe);
    cmd.arg(input)
        .args(["--no-system-fonts", "-q", "--pdf"])
        .arg(pdf);
    cmd.arg("--epub").arg(epub);
    if extra.is_empty() {
        cmd.arg("--no-cache");
    }
    cmd.args(extra).envs(env.iter().copied());
    spawn(&mut cmd)
}

/// Runs a command in a fresh process: wall time, user+sys CPU time and peak
/// resident set in KiB.
// The child is reaped by wait4, which std's wait cannot replace because it
// does not return the child's resource usage.
#[allow(clippy::zombie_processes)]
fn spawn(cmd: &mut Command) -> (Duration, Duration, u64) {
    let start = Instant::now();
    let child = cmd.spawn().expect("the command starts");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our
    // child's, reaped here and never waited on again.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    // Linux reports ru_maxrss in KiB.
    (
        elapsed,
        tv(usage.ru_utime) + tv(usage.ru_stime),
        usage.ru_maxrss as u64,
    )
}

fn uptime() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| {
            format!(
                "load average {}",
                s.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
            )
        })
        .unwrap_or_else(|_| "load average unknown".into())
}
