//! Reading input files without trusting them: only regular files are read
//! (a FIFO would hang the run, a device such as /dev/zero would fill the
//! memory), and never more than a limit, whatever the file's metadata
//! says (a sparse file or a device reports any length). The errors are
//! `std::io::Error`s whose text finishes a sentence "cannot read FILE: …",
//! so every caller keeps its own message and hint.

use std::fs::{File, Metadata};
use std::io::{Error, ErrorKind, Read};
use std::path::Path;

/// What a path is, in the words of a message: "a folder", "a FIFO", ….
pub fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

fn not_regular(meta: &Metadata) -> Error {
    Error::new(
        ErrorKind::InvalidInput,
        format!("it is {}, not a regular file", kind(meta)),
    )
}

/// Opens a regular file for reading; anything else is refused before it is
/// read. The metadata is checked before opening (so that a device is never
/// opened) and again on the opened file (so that a file swapped in between
/// is caught); the open does not block, so a FIFO cannot hang the run.
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    Ok(file)
}

/// The whole of a regular file of at most `limit` bytes. The read itself
/// stops at the limit, so a file that grows or lies about its size costs
/// no more than `limit` bytes of memory.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let hint = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// A regular file's text (UTF-8) of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> std::io::Result<String> {
    let bytes = read_limited(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::InvalidData,
            format!(
                "it is not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn too_large(limit: u64) -> Error {
    let size = if limit >= 1 << 20 {
        format!("{} MB", limit >> 20)
    } else {
        format!("{} KB", limit.div_ceil(1024))
    };
    Error::new(
        ErrorKind::InvalidData,
        format!("it is larger than {size}, the limit for this kind of file"),
    )
}

/// Where `path` really is when that lies outside `root`'s folder tree,
/// both with every symbolic link resolved; `None` when it lies inside, or
/// when either does not exist (the read that follows reports that).
pub fn outside(path: &Path, root: &Path) -> Option<std::path::PathBuf> {
    let real = std::fs::canonicalize(path).ok()?;
    // The folder of a bare file name ("in.md") is the empty path, which
    // names no file: it is the current folder.
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let root = std::fs::canonicalize(root).ok()?;
    (!real.starts_with(&root)).then_some(real)
}

/// The hint of every refusal of a file outside the input's folder.
pub const OUTSIDE_HINT: &str =
    "move the file into the input's folder, or pass --allow-outside to read files outside it";

/// Limits for the small text files typeset reads.
pub const MAX_TOML_BYTES: u64 = 4 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_stops_at_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"0123456789").expect("write");
        assert_eq!(read_limited(&path, 10).expect("fits"), b"0123456789");
        let e = read_limited(&path, 9).expect_err("too large");
        assert!(e.to_string().contains("larger than 1 KB"), "{e}");
    }

    #[test]
    fn a_link_out_of_the_folder_is_outside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let other = tempfile::tempdir().expect("temp dir");
        let inner = dir.path().join("a.txt");
        std::fs::write(&inner, b"x").expect("write");
        std::fs::write(other.path().join("b.txt"), b"x").expect("write");
        assert_eq!(outside(&inner, dir.path()), None);
        #[cfg(unix)]
        {
            let link = dir.path().join("b.txt");
            std::os::unix::fs::symlink(other.path().join("b.txt"), &link).expect("link");
            assert!(outside(&link, dir.path()).is_some());
            let back = dir.path().join("sub");
            std::os::unix::fs::symlink(dir.path(), &back).expect("link");
            assert_eq!(outside(&back.join("a.txt"), dir.path()), None);
        }
    }

    #[test]
    fn folders_and_devices_are_not_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let e = read_limited(dir.path(), 10).expect_err("a folder");
        assert!(e.to_string().contains("a folder"), "{e}");
        #[cfg(unix)]
        {
            let e = read_limited(Path::new("/dev/zero"), 10).expect_err("a device");
            assert!(e.to_string().contains("a device"), "{e}");
        }
    }
}
