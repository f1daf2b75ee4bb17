//! `--dump-lines` of the test fixtures' page manifests, read back.

use std::ffi::OsStr;

use super::{root, run};

/// `--dump-lines` of the page manifest `name` in tests/fixtures, set
/// without error.
pub fn fixture_dump(name: &str) -> String {
    let src = root().join("tests/fixtures").join(name);
    let out = run(&[
        src.as_os_str(),
        OsStr::new("--allow-outside"),
        OsStr::new("--dump-lines"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Lines per column of the first page's module, as `--dump-lines` sets
/// them: (column, lines).
pub fn lines_per_column(dump: &str) -> Vec<(u32, usize)> {
    let set = dump
        .split("as set on the page")
        .nth(1)
        .expect("the set lines");
    let mut columns: Vec<(u32, usize)> = Vec::new();
    for line in set.lines() {
        if let Some(c) = line.trim().strip_prefix("page 1, column ") {
            columns.push((c.parse().unwrap(), 0));
        } else if line.trim_start().starts_with("slot") && !columns.is_empty() {
            columns.last_mut().unwrap().1 += 1;
        }
    }
    columns
}

/// The PDF of the page manifest `tests/fixtures/{name}`, set without
/// error in a temporary directory (kept while the first is alive), and
/// the summary line of its page 1 (`page 1: … of the grid in modules …`).
pub fn fixture_pdf(name: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let src = root().join("tests/fixtures").join(name);
    let dir = super::tempdir();
    let pdf = dir.path().join("p.pdf");
    let out = run(&[src.as_os_str(), OsStr::new("--pdf"), pdf.as_os_str()]);
    let stderr = super::assert_ok(&out);
    let page1 = (stderr.lines())
        .find(|l| l.contains("page 1: ") && l.contains("of the grid in modules"))
        .expect("page 1's summary")
        .to_string();
    (dir, pdf, page1)
}
