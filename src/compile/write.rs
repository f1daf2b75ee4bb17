//! Writing the outputs: atomically, all or nothing; and the dates written
//! into them.

use std::path::{Path, PathBuf};

use super::guard::{Inputs, TEMP_SUFFIX, check_output, sweep, temp_prefix};
use crate::error::{Error, Result, Stage};
use crate::parse::Date;

/// A moment as (year, month, day, hour, minute, second), UTC.
pub type Timestamp = [u16; 6];

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// SOURCE_DATE_EPOCH when it is set (and a year 0–9999), else the date the
/// input carries.
pub fn timestamp(source_date_epoch: Option<i64>, date: Option<Date>) -> Option<Timestamp> {
    if let Some(t) = source_date_epoch {
        let (y, m, d) = civil(t.div_euclid(86_400));
        let s = t.rem_euclid(86_400);
        if (0..=9999).contains(&y) {
            return Some([
                y as u16,
                m as u16,
                d as u16,
                (s / 3600) as u16,
                (s / 60 % 60) as u16,
                (s % 60) as u16,
            ]);
        }
    }
    date.map(|d| [d.year, d.month as u16, d.day as u16, 0, 0, 0])
}

/// `dcterms:modified`: the timestamp, or a fixed date so the bytes stay
/// the same.
pub fn epub_modified(date: Option<Timestamp>) -> String {
    match date {
        Some([y, m, d, h, mi, s]) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
        None => "1980-01-01T00:00:00Z".to_string(),
    }
}

/// An output written to a temporary file beside its path, waiting for its
/// rename. Dropped without [`commit`] (an error anywhere in the run), the
/// temporary file is removed.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn cannot_write(path: &Path, e: std::io::Error) -> Error {
    Error::new(
        Stage::Write,
        format!("cannot write {}: {e}", path.display()),
    )
    .hint("check that the folder exists, is writable and has space")
}

/// Checks that `path` may be written (see [`check_output`]) and that its
/// folder exists, and sweeps the folder of dead runs' temporary files.
pub fn prepare(path: &Path, inputs: &Inputs) -> Result<()> {
    check_output(path, inputs)?;
    let dir = folder_of(path);
    if !dir.is_dir() {
        return Err(Error::new(
            Stage::Write,
            format!(
                "cannot write {}: the folder {} does not exist",
                path.display(),
                dir.display()
            ),
        )
        .hint("create the folder or choose another output path"));
    }
    sweep(&dir);
    Ok(())
}

/// Writes `bytes` to a temporary file in `path`'s folder; `sync` flushes
/// it to the disk (outputs), which a cache entry can do without.
pub fn stage(path: &Path, bytes: &[u8], sync: bool) -> Result<Staged> {
    use std::io::Write;
    let fail = |e| cannot_write(path, e);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix())
        .suffix(TEMP_SUFFIX)
        .tempfile_in(folder_of(path))
        .map_err(fail)?;
    // Temporary files are private (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(fail)?;
    }
    tmp.write_all(bytes).map_err(fail)?;
    if sync {
        tmp.as_file().sync_all().map_err(fail)?;
    }
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
    })
}

/// Renames every staged file onto its path, once each path was checked
/// again (a device or an input may have appeared meanwhile); nothing is
/// renamed unless every check passed. A rename that fails midway undoes
/// the earlier ones: every path then holds what it held before the run.
pub fn commit(staged: Vec<Staged>, inputs: &Inputs) -> Result<Vec<PathBuf>> {
    for s in &staged {
        check_output(&s.path, inputs)?;
    }
    let mut done: Vec<Renamed> = Vec::with_capacity(staged.len());
    for s in staged {
        let renamed = keep_old(&s.path).and_then(|old| {
            s.tmp.persist(&s.path).map_err(|e| e.error)?;
            Ok(Renamed {
                path: s.path.clone(),
                old,
            })
        });
        match renamed {
            Ok(r) => done.push(r),
            Err(e) => {
                undo(done);
                return Err(cannot_write(&s.path, e));
            }
        }
    }
    // Dropping the kept copies removes them.
    Ok(done.into_iter().map(|r| r.path).collect())
}

/// A path renamed onto, with what it held before (none for a new path).
struct Renamed {
    path: PathBuf,
    old: Option<tempfile::NamedTempFile<()>>,
}

/// A second name for the file now at `path` (a hard link, or a copy where
/// links are not possible), named like typeset's temporary files so that a
/// run killed meanwhile leaves nothing the sweep would not remove.
fn keep_old(path: &Path) -> std::io::Result<Option<tempfile::NamedTempFile<()>>> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    tempfile::Builder::new()
        .prefix(&temp_prefix())
        .suffix(TEMP_SUFFIX)
        .make_in(folder_of(path), |kept| {
            std::fs::hard_link(path, kept).or_else(|_| std::fs::copy(path, kept).map(|_| ()))
        })
        .map(Some)
}

/// Puts back what the renamed paths held, last first: the old file where
/// there was one, no file where the path was new. Best effort: the error
/// that stopped the run is the one reported.
fn undo(done: Vec<Renamed>) {
    for r in done.into_iter().rev() {
        match r.old {
            Some(old) => {
                let _ = old.persist(&r.path);
            }
            None => {
                let _ = std::fs::remove_file(&r.path);
            }
        }
    }
}

/// Whether the output goes to standard output: `-` as its path, allowed
/// when it is the run's only output (the lines dump goes there too).
pub fn stdout_wanted(paths: &[&Path], dump_lines: bool) -> Result<bool> {
    let dash = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if dash == 0 {
        return Ok(false);
    }
    if dash > 1 || paths.len() > 1 || dump_lines {
        return Err(Error::new(
            Stage::Write,
            "only one output may go to standard output (-)",
        )
        .hint("give the other outputs file names, or run typeset once per output"));
    }
    Ok(true)
}

/// Writes a whole output to standard output. A reader that closed the pipe
/// early (`| head`) ends the run quietly, as other tools do.
pub fn to_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::new(
            Stage::Write,
            format!("cannot write to standard output: {e}"),
        )
        .hint("check the disk or the program reading the output")),
        _ => Ok(()),
    }
}

/// Writes one file through a temporary file in the same folder, then
/// renames it, so that a reader never sees a half-written file and a
/// failed run leaves the previous output intact. `inputs` are files the
/// output must not replace.
pub fn write_atomic_guarded(path: &Path, bytes: &[u8], inputs: &Inputs) -> Result<()> {
    prepare(path, inputs)?;
    commit(vec![stage(path, bytes, true)?], inputs).map(|_| ())
}

/// [`write_atomic_guarded`] with no inputs to protect.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_guarded(path, bytes, &Inputs::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(20_784), (2026, 11, 27));
        assert_eq!(civil(11_016), (2000, 2, 29));
    }

    #[test]
    fn source_date_epoch_wins_over_the_date() {
        let date = Some(Date {
            year: 2026,
            month: 11,
            day: 27,
        });
        assert_eq!(timestamp(None, date), Some([2026, 11, 27, 0, 0, 0]));
        assert_eq!(
            timestamp(Some(1_700_000_000), date),
            Some([2023, 11, 14, 22, 13, 20])
        );
        assert_eq!(epub_modified(None), "1980-01-01T00:00:00Z");
        assert_eq!(
            epub_modified(Some([2023, 11, 14, 22, 13, 20])),
            "2023-11-14T22:13:20Z"
        );
    }

    #[test]
    fn a_rename_failing_midway_puts_every_old_output_back() {
        let one = tempfile::tempdir().expect("temp dir");
        let two = tempfile::tempdir().expect("temp dir");
        let pdf = one.path().join("out.pdf");
        let fresh = one.path().join("new.txt");
        let epub = two.path().join("out.epub");
        std::fs::write(&pdf, b"old pdf").expect("write");
        let staged = vec![
            stage(&pdf, b"new pdf", false).expect("stage"),
            stage(&fresh, b"new file", false).expect("stage"),
            stage(&epub, b"new epub", false).expect("stage"),
        ];
        // The third rename fails: its folder (and its temporary file) is gone.
        let gone = two.path().to_path_buf();
        drop(two);
        assert!(!gone.exists());
        let e = commit(staged, &Inputs::default()).expect_err("third rename fails");
        assert!(e.message.contains("out.epub"), "{e}");
        assert_eq!(std::fs::read(&pdf).expect("read"), b"old pdf");
        assert!(!fresh.exists(), "a path that was new is new again");
        let left: Vec<_> = std::fs::read_dir(one.path())
            .expect("dir")
            .flatten()
            .collect();
        assert_eq!(left.len(), 1, "no temporary or kept files stay: {left:?}");
    }

    #[test]
    fn a_commit_that_succeeds_leaves_no_kept_copies() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pdf = dir.path().join("out.pdf");
        std::fs::write(&pdf, b"old").expect("write");
        let staged = vec![stage(&pdf, b"new", false).expect("stage")];
        commit(staged, &Inputs::default()).expect("commit");
        assert_eq!(std::fs::read(&pdf).expect("read"), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }
}
