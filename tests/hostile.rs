//! Hostile and faulty situations around the files typeset reads and
//! writes (issue 18): outputs that are devices, links, folders or inputs;
//! runs that fail halfway; special files as inputs; closed pipes and full
//! disks; damaged caches. Each ends with a clear error or a correct
//! output, never a panic, a hang or a replaced file.

mod common;
mod hostile_util;

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::*;
use hostile_util::*;

#[test]
fn an_output_that_is_the_input_is_refused_however_it_is_named() {
    let (dir, input) = with_article();
    let dotted = dir.path().join(".").join("in.md");
    let linked = dir.path().join("hard.md");
    std::fs::hard_link(&input, &linked).expect("hard link");
    for (flag, target) in [
        ("--pdf", &input),
        ("--epub", &dotted),
        ("--paragraphs", &linked),
    ] {
        let out = typeset(&args(&[
            input.as_os_str(),
            flag.as_ref(),
            target.as_os_str(),
        ]))
        .output()
        .expect("run");
        refused(&out, "it is the input");
        assert_eq!(std::fs::read_to_string(&input).expect("read"), ARTICLE);
    }
}

#[test]
fn devices_folders_fifos_and_links_are_not_replaced() {
    let (dir, input) = with_article();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).expect("folder");
    let link = dir.path().join("link.pdf");
    let target = dir.path().join("target.pdf");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let fifo = dir.path().join("fifo.pdf");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let mut cases = vec![
        (PathBuf::from("/dev/null"), "a device"),
        (folder, "a folder"),
        (link.clone(), "a symbolic link"),
    ];
    if made.is_ok_and(|s| s.success()) {
        cases.push((fifo.clone(), "a FIFO"));
    } else {
        eprintln!("skipped the FIFO case: mkfifo is not available");
    }
    for (path, kind) in cases {
        let mut c = typeset(&args(&[input.as_os_str()]));
        c.arg("--pdf").arg(&path);
        refused(&run_bounded(c), kind);
    }
    use std::os::unix::fs::FileTypeExt;
    let null = std::fs::metadata("/dev/null").expect("/dev/null");
    assert!(null.file_type().is_char_device(), "/dev/null was replaced");
    assert!(!target.exists(), "the link's target was written");
    assert!(std::fs::symlink_metadata(&link).expect("link").is_symlink());
}

#[test]
fn a_failed_run_replaces_no_output_and_leaves_no_temporary_file() {
    let (dir, input) = with_article();
    let pdf = dir.path().join("out.pdf");
    let epub = dir.path().join("out.epub");
    std::fs::write(&pdf, "old pdf").expect("write");
    std::fs::write(&epub, "old epub").expect("write");
    // The EPUB can be made; the print PDF cannot (the article has no date).
    let out = typeset(&args(&[
        input.as_os_str(),
        "--epub".as_ref(),
        epub.as_os_str(),
        "--pdf".as_ref(),
        pdf.as_os_str(),
        "--print".as_ref(),
    ]))
    .output()
    .expect("run");
    refused(&out, "needs a creation date");
    assert_eq!(std::fs::read_to_string(&epub).expect("epub"), "old epub");
    assert_eq!(std::fs::read_to_string(&pdf).expect("pdf"), "old pdf");
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_killed_runs_temporary_file_is_swept_by_the_next_run() {
    let (dir, input) = with_article();
    // No process has this id (pid_max is at most 2^22).
    let dead = dir.path().join(".typeset-4000000000-Ab12Cd.partial");
    let foreign = dir.path().join(".typeset-notes.txt");
    std::fs::write(&dead, "half a pdf").expect("write");
    std::fs::write(&foreign, "not ours").expect("write");
    let pdf = dir.path().join("out.pdf");
    let out = typeset(&args(&[
        input.as_os_str(),
        "--pdf".as_ref(),
        pdf.as_os_str(),
    ]))
    .output()
    .expect("run");
    assert_ok(&out);
    assert!(!dead.exists(), "the leftover was not swept");
    assert!(foreign.exists(), "a file that is not typeset's was removed");
    assert!(pdf.exists());
}

#[test]
fn special_files_as_inputs_are_refused_without_hanging() {
    let (dir, input) = with_article();
    let zero = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let layout = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &layout).expect("symlink");
    let folder = dir.path().join("folder.md");
    std::fs::create_dir(&folder).expect("folder");
    let mut cases: Vec<(Vec<&OsStr>, &str)> = vec![
        (vec![zero.as_os_str()], "a device"),
        (vec![folder.as_os_str()], "holds serial.toml"),
        (
            vec![
                input.as_os_str(),
                OsStr::new("--layout"),
                layout.as_os_str(),
            ],
            "a device",
        ),
    ];
    let fifo = dir.path().join("fifo.md");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        cases.push((vec![fifo.as_os_str()], "a FIFO"));
    } else {
        eprintln!("skipped the FIFO case: mkfifo is not available");
    }
    for (a, what) in cases {
        let mut c = typeset(&a);
        c.arg("--pdf").arg(dir.path().join("out.pdf"));
        refused(&run_bounded(c), what);
    }
}

#[test]
fn an_image_that_is_a_device_is_refused_with_its_place() {
    let (dir, input) = with_article();
    std::fs::write(
        &input,
        "+++\ntitle = \"标题\"\n+++\n\n正文。\n\n![图](zero.png)\n",
    )
    .expect("write");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.png")).expect("symlink");
    let mut c = typeset(&args(&[input.as_os_str()]));
    c.arg("--pdf").arg(dir.path().join("out.pdf"));
    // Out of the article's folder: refused before anything is opened.
    let err = refused(&run_bounded(c), "leads out of the article's folder");
    assert!(err.contains("in.md:7:1"), "{err}");
    // Allowed outside, the device is still never read.
    let mut c = typeset(&args(&[input.as_os_str()]));
    c.arg("--pdf")
        .arg(dir.path().join("out.pdf"))
        .arg("--allow-outside");
    let err = refused(&run_bounded(c), "a device");
    assert!(err.contains("in.md:7:1"), "{err}");
}

#[test]
fn a_serial_installment_that_is_a_fifo_or_folder_is_refused() {
    let dir = tempdir();
    let serial = dir.path().join("serial");
    std::fs::create_dir(&serial).expect("folder");
    std::fs::write(
        serial.join("serial.toml"),
        "work = \"书\"\nauthor = \"作者\"\n",
    )
    .expect("write");
    std::fs::create_dir(serial.join("0001.md")).expect("folder");
    let mut c = typeset(&args(&[serial.as_os_str()]));
    c.arg("--epub").arg(dir.path().join("out.epub"));
    refused(&run_bounded(c), "a folder, not a regular file");
}

#[test]
fn clean_will_not_overwrite_its_input_through_another_name() {
    let (dir, input) = with_article();
    let dotted = dir.path().join(".").join("in.md");
    for flag in ["--report", "-o"] {
        let out = bin()
            .arg("clean")
            .arg(&input)
            .arg(flag)
            .arg(&dotted)
            .output()
            .expect("run");
        refused(&out, "the input");
        assert_eq!(std::fs::read_to_string(&input).expect("read"), ARTICLE);
    }
    let out = bin()
        .arg("clean")
        .arg(&input)
        .arg("--report")
        .arg("/dev/null")
        .output()
        .expect("run");
    refused(&out, "a device");
}

#[test]
fn the_lines_dump_into_a_closed_pipe_ends_quietly() {
    let (_dir, input) = with_article();
    let mut child = typeset(&args(&[input.as_os_str(), "--dump-lines".as_ref()]))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    // Closing the reading end at once: every write meets a closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

#[test]
fn the_lines_dump_onto_a_full_disk_is_an_error() {
    let (_dir, input) = with_article();
    let Ok(full) = std::fs::File::create("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let out = typeset(&args(&[input.as_os_str(), "--dump-lines".as_ref()]))
        .stdout(full)
        .output()
        .expect("run");
    refused(&out, "cannot write the lines");
}

#[test]
fn an_edited_installment_is_never_served_from_the_cache() {
    let dir = tempdir();
    let serial = serial_in(dir.path());
    let cache = dir.path().join("cache");
    let home = dir.path().join("home");
    let out = dir.path().join("out.pdf");
    cached_build(&serial, &cache, &home, &out);
    let file = serial.join("0002.md");
    let text = std::fs::read_to_string(&file).expect("read");
    // Same length, one character changed.
    std::fs::write(&file, text.replace("傍晚", "清晨")).expect("write");
    let (_, err) = cached_build(&serial, &cache, &home, &out);
    assert!(err.contains("2 chapter(s) from the cache"), "{err}");
    let fresh = dir.path().join("fresh.pdf");
    let o = typeset(&[serial.as_os_str(), OsStr::new("--pdf"), fresh.as_os_str()])
        .output()
        .expect("run");
    assert_ok(&o);
    assert_eq!(
        std::fs::read(&out).expect("cached"),
        std::fs::read(&fresh).expect("fresh")
    );
}

#[test]
fn a_font_folder_that_loops_or_holds_a_fifo_is_walked_once() {
    let (dir, input) = with_article();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).expect("folder");
    // Two links to the folder itself: 2^depth paths if links were followed
    // blindly.
    std::os::unix::fs::symlink(&fonts, fonts.join("a")).expect("symlink");
    std::os::unix::fs::symlink(&fonts, fonts.join("b")).expect("symlink");
    std::os::unix::fs::symlink("/dev/zero", fonts.join("zero.ttf")).expect("symlink");
    let _ = Command::new("mkfifo").arg(fonts.join("pipe.otf")).status();
    let mut c = typeset(&[
        input.as_os_str(),
        OsStr::new("--font-dir"),
        fonts.as_os_str(),
    ]);
    c.arg("--pdf").arg(dir.path().join("out.pdf"));
    let out = run_bounded(c);
    assert_ok(&out);
}

#[test]
fn an_unreadable_font_folder_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: root reads any folder, so an unreadable one cannot be made");
        return;
    }
    let (dir, input) = with_article();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).expect("folder");
    std::fs::set_permissions(&fonts, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let mut c = typeset(&[
        input.as_os_str(),
        OsStr::new("--font-dir"),
        fonts.as_os_str(),
    ]);
    c.arg("--pdf").arg(dir.path().join("out.pdf"));
    let out = run_bounded(c);
    std::fs::set_permissions(&fonts, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    refused(&out, "cannot read the font folder");
}

#[test]
fn layout_numbers_out_of_range_are_refused_at_their_key() {
    let (dir, input) = with_article();
    let cases = [
        (
            "[styles.body]\nlines = 4294967295\n",
            ":4:1:",
            "styles.body.lines",
        ),
        (
            "[page]\nwidth = \"99999999999999999999999999999999999999999999999999mm\"\n",
            ":4:1:",
            "page.width",
        ),
        ("[text]\nindent = 100000\n", ":4:1:", "text.indent"),
        ("[grid]\ngutter = 1e300\n", ":4:1:", "grid.gutter"),
        (
            "[styles.headline]\nspace_before = 4000000000\n",
            ":4:1:",
            "styles.headline.space_before",
        ),
    ];
    for (k, (body, place, key)) in cases.into_iter().enumerate() {
        let layout = dir.path().join(format!("l{k}.toml"));
        std::fs::write(&layout, format!("extends = \"feature\"\n\n{body}")).expect("write");
        let mut c = typeset(&[
            input.as_os_str(),
            OsStr::new("--layout"),
            layout.as_os_str(),
        ]);
        c.arg("--pdf").arg(dir.path().join("out.pdf"));
        let err = refused(&run_bounded(c), "is out of range");
        assert!(err.contains(place) && err.contains(key), "{key}: {err}");
    }
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn noncharacters_raw_or_escaped_are_refused_with_their_place() {
    let (dir, input) = with_article();
    let cases = [
        ("正文\u{FFFE}。", ":5:3:", "U+FFFE"),
        ("正文\u{FDD0}。", ":5:3:", "U+FDD0"),
        ("正文&#xFFFE;。", ":5:3:", "U+FFFE"),
        ("正文&#x7f;。", ":5:3:", "U+007F"),
        ("正文&#x85;。", ":5:3:", "U+0085"),
        ("正文&#65535;。", ":5:3:", "U+FFFF"),
    ];
    for (body, place, what) in cases {
        std::fs::write(&input, format!("+++\ntitle = \"标题\"\n+++\n\n{body}\n")).expect("write");
        let out = typeset(&[input.as_os_str()])
            .arg("--epub")
            .arg(dir.path().join("out.epub"))
            .output()
            .expect("run");
        let err = refused(&out, what);
        assert!(err.contains(place), "{body}: {err}");
    }
    // In TOML, as an escape.
    std::fs::write(&input, "+++\ntitle = \"标\\uFFFF题\"\n+++\n\n正文。\n").expect("write");
    let out = typeset(&[input.as_os_str()])
        .arg("--epub")
        .arg(dir.path().join("out.epub"))
        .output()
        .expect("run");
    let err = refused(&out, "U+FFFF");
    assert!(err.contains(":2:11:"), "{err}");
    assert!(!dir.path().join("out.epub").exists());
}
