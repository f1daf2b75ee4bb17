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
