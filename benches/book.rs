//! End-to-end benchmark of the `typeset` command, as a user runs it: the
//! book edition (PDF and EPUB) of generated zh-Hant serials of 100k, 1M and
//! 5M characters, horizontal and vertical, and the example newspaper page.
//!
//! `cargo bench --bench book [-- FILTER] [--runs N]`
//!
//! Inputs come from tools/gen-serial.py (committed, deterministic) and are
//! written once under target/bench-input/. Each case runs N times (default
//! 5) in a fresh process with the cache off; the table gives the median
//! wall time and the largest peak resident memory of the runs. Timing lives
//! here and never in a test, where a busy machine would make it flaky.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Case {
    name: &'static str,
    /// Installments of about 3,300 characters; 0 for the example page.
    installments: u32,
    vertical: bool,
}

const CASES: &[Case] = &[
    Case {
        name: "page-7",
        installments: 0,
        vertical: false,
    },
    Case {
        name: "book-100k",
        installments: 30,
        vertical: false,
    },
    Case {
        name: "book-1M",
        installments: 300,
        vertical: false,
    },
    Case {
        name: "book-1M-vertical",
        installments: 300,
        vertical: true,
    },
    Case {
        name: "book-5M",
        installments: 1500,
        vertical: false,
    },
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 5usize;
    let mut filter: Option<String> = None;
    let mut k = 0;
    while k < args.len() {
        match args[k].as_str() {
            "--runs" => {
                k += 1;
                runs = args.get(k).and_then(|s| s.parse().ok()).unwrap_or(5);
            }
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            s if !s.starts_with('-') => filter = Some(s.to_string()),
            _ => {}
        }
        k += 1;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exe = Path::new(env!("CARGO_BIN_EXE_typeset"));
    let work = root.join("target/bench-input");
    let out = root.join("target/bench-output");
    std::fs::create_dir_all(&out).expect("target/bench-output is writable");
    println!(
        "{:<18} {:>9} {:>6} {:>10} {:>10} {:>10} {:>10} {:>9} {:>8}",
        "case", "chars", "han", "median", "min", "max", "peak MB", "PDF KB", "EPUB KB"
    );
    for case in CASES {
        if filter
            .as_ref()
            .is_some_and(|f| !case.name.contains(f.as_str()))
        {
            continue;
        }
        let input = if case.installments == 0 {
            root.join("examples/page-7.toml")
        } else {
            generate(root, &work, case)
        };
        let (chars, han) = count(&input);
        let pdf = out.join(format!("{}.pdf", case.name));
        let epub = out.join(format!("{}.epub", case.name));
        let mut times = Vec::new();
        let mut peak = 0u64;
        for _ in 0..runs {
            let (t, rss) = run(exe, &input, &pdf, &epub);
            times.push(t);
            peak = peak.max(rss);
        }
        times.sort();
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        let kb = |p: &Path| std::fs::metadata(p).map(|m| m.len() / 1024).unwrap_or(0);
        println!(
            "{:<18} {:>9} {:>6} {:>10} {:>10} {:>10} {:>10.1} {:>9} {:>8}",
            case.name,
            chars,
            han,
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1]),
            peak as f64 / 1024.0,
            kb(&pdf),
            kb(&epub),
        );
    }
}

/// Writes the serial once; the generator is deterministic, so a folder that
/// exists holds the same text.
fn generate(root: &Path, work: &Path, case: &Case) -> PathBuf {
    let dir = work.join(format!(
        "hant-{}{}",
        case.installments,
        if case.vertical { "-v" } else { "" }
    ));
    if dir.join("serial.toml").exists() {
        return dir;
    }
    let mut cmd = Command::new("python3");
    cmd.arg(root.join("tools/gen-serial.py"))
        .arg(&dir)
        .arg(case.installments.to_string())
        .arg("--hant");
    if case.vertical {
        cmd.arg("--vertical");
    }
    let status = cmd.status().expect("python3 runs tools/gen-serial.py");
    assert!(status.success(), "tools/gen-serial.py failed");
    dir
}

/// Characters of body text and distinct Han characters in the input.
fn count(input: &Path) -> (usize, usize) {
    let dir = if input.is_dir() {
        input
    } else {
        input.parent().expect("a file has a parent")
    };
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("input folder is readable")
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    let mut han = std::collections::HashSet::new();
    let mut chars = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).expect("input is UTF-8");
        let body = text.splitn(3, "+++").nth(2).unwrap_or(&text);
        for c in body.chars().filter(|c| !c.is_whitespace()) {
            chars += 1;
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                han.insert(c);
            }
        }
    }
    // For the page, every article in examples/ is counted, more than the page
    // sets; the column says what the generator's text holds, not the page's.
    (chars, han.len())
}

/// One run in a fresh process: wall time and peak resident set in KiB.
// The child is reaped by wait4, which std's wait cannot replace because it
// does not return the child's resource usage.
#[allow(clippy::zombie_processes)]
fn run(exe: &Path, input: &Path, pdf: &Path, epub: &Path) -> (Duration, u64) {
    let start = Instant::now();
    let child = Command::new(exe)
        .arg(input)
        .args(["--no-system-fonts", "--no-cache", "-q", "--pdf"])
        .arg(pdf)
        .arg("--epub")
        .arg(epub)
        .spawn()
        .expect("the typeset binary starts");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our
    // child's, reaped here and never waited on again.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "typeset failed on {}",
        input.display()
    );
    // Linux reports ru_maxrss in KiB.
    (elapsed, usage.ru_maxrss as u64)
}
