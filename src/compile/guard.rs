//! What an output may replace: a new path or a regular file that is none
//! of the run's inputs. A device, FIFO, folder or symbolic link at an
//! output path is refused (renaming over /dev/null would replace the
//! device), and so is an input, compared by file identity (device and
//! inode), so that `./in.md`, a hard link or a symlinked folder cannot
//! hide it. Also the sweep of temporary files a killed run left behind.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Stage};

/// The identities of the files a run reads.
#[derive(Debug, Default)]
pub struct Inputs {
    ids: Vec<(FileId, PathBuf)>,
}

type FileId = (u64, u64);

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &std::fs::Metadata) -> Option<FileId> {
    None
}

impl Inputs {
    /// The files at `paths` (symlinks followed); paths that do not exist
    /// are left out.
    pub fn of<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Inputs {
        let ids = paths
            .into_iter()
            .filter_map(|p| {
                let meta = std::fs::metadata(p).ok()?;
                Some((file_id(&meta)?, p.to_path_buf()))
            })
            .collect();
        Inputs { ids }
    }

    fn find(&self, id: FileId) -> Option<&Path> {
        self.ids
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, p)| p.as_path())
    }
}

/// Refuses an output path that is not a new path or a regular file, or
/// that is one of `inputs`.
pub fn check_output(path: &Path, inputs: &Inputs) -> Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Error::new(
                Stage::Write,
                format!("cannot write {}: {e}", path.display()),
            )
            .hint("check the output path"));
        }
    };
    if !meta.is_file() {
        return Err(Error::new(
            Stage::Write,
            format!(
                "will not write {}: it is {}, not a regular file",
                path.display(),
                crate::fsio::kind(&meta)
            ),
        )
        .hint("typeset writes only new paths or regular files; choose another output path"));
    }
    if let Some(input) = file_id(&meta).and_then(|id| inputs.find(id)) {
        return Err(Error::new(
            Stage::Write,
            format!(
                "will not write {}: it is the input {}",
                path.display(),
                input.display()
            ),
        )
        .hint("choose an output path that is not one of the files being typeset"));
    }
    Ok(())
}

/// Refuses two outputs of one run at the same path (the second would
/// replace the first).
pub fn check_distinct(paths: &[&Path]) -> Result<()> {
    for (k, a) in paths.iter().enumerate() {
        for b in &paths[..k] {
            let same = a == b
                || matches!(
                    (std::fs::metadata(a), std::fs::metadata(b)),
                    (Ok(x), Ok(y)) if file_id(&x).is_some() && file_id(&x) == file_id(&y)
                );
            if same {
                return Err(
                    Error::new(Stage::Write, format!("two outputs go to {}", a.display()))
                        .hint("give each output its own path"),
                );
            }
        }
    }
    Ok(())
}

/// The name of a temporary file of this process: `.typeset-PID-XXXXXX.partial`,
/// so that a later run can tell a dead run's leftovers from a live one's.
pub fn temp_prefix() -> String {
    format!(".typeset-{}-", std::process::id())
}

pub const TEMP_SUFFIX: &str = ".partial";

/// Removes the temporary files that runs killed before they finished left
/// in `dir`: only regular files named like typeset's own whose process is
/// gone (on systems without /proc, those older than a day).
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(leftover_pid) else {
            continue;
        };
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && !alive(pid, &entry.path()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name, when it is one of ours.
fn leftover_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(".typeset-")?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    (!random.is_empty() && random.chars().all(|c| c.is_ascii_alphanumeric())).then_some(())?;
    pid.parse().ok()
}

fn alive(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if Path::new("/proc/self").exists() {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    let day = std::time::Duration::from_secs(86_400);
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_temporary_names_are_leftovers() {
        assert_eq!(leftover_pid(".typeset-42-aB3xYz.partial"), Some(42));
        assert_eq!(leftover_pid(".typeset-42-.partial"), None);
        assert_eq!(leftover_pid(".typeset-aB3xYz"), None);
        assert_eq!(leftover_pid("typeset-42-aB3xYz.partial"), None);
        assert_eq!(leftover_pid(".typeset-x-aB3xYz.partial"), None);
    }

    #[test]
    fn a_dead_runs_leftover_is_swept_and_others_stay() {
        let dir = tempfile::tempdir().expect("temp dir");
        // No process has id 4294967295 (pid_max is at most 2^22).
        let dead = dir.path().join(".typeset-4294967295-abcdef.partial");
        let live = dir
            .path()
            .join(format!("{}abcdef{TEMP_SUFFIX}", temp_prefix()));
        let other = dir.path().join("notes.partial");
        for p in [&dead, &live, &other] {
            std::fs::write(p, b"x").expect("write");
        }
        sweep(dir.path());
        assert!(!dead.exists());
        assert!(live.exists() && other.exists());
    }

    #[test]
    fn devices_folders_and_inputs_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let input = dir.path().join("in.md");
        std::fs::write(&input, b"x").expect("write");
        let inputs = Inputs::of([input.as_path()]);
        let e = check_output(dir.path(), &inputs).expect_err("a folder");
        assert!(e.message.contains("a folder"), "{e}");
        let dotted = dir.path().join(".").join("in.md");
        let e = check_output(&dotted, &inputs).expect_err("the input");
        assert!(e.message.contains("is the input"), "{e}");
        check_output(&dir.path().join("out.pdf"), &inputs).expect("a new path");
        #[cfg(unix)]
        {
            let e = check_output(Path::new("/dev/null"), &inputs).expect_err("a device");
            assert!(e.message.contains("a device"), "{e}");
        }
    }
}
