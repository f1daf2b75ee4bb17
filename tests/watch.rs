//! `typeset watch` on a copy of examples/page-7.toml: a save of an article
//! is rebuilt, a bad edit prints its located error and keeps the last
//! good outputs, the fix is rebuilt, and SIGTERM ends the loop cleanly.
//! Waits are polls with a generous limit (20 s), never a timing assertion;
//! the save-to-output latency is measured and printed (`-- --nocapture`).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::child::{Running, copy_page, poll_until, save};
use common::*;

const FIRST: &str = "夜里十一点四十分";

/// `typeset watch` of `input` writing out.pdf and out.txt into `dir`.
fn watching(dir: &Path, input: &Path) -> Running {
    let mut command = bin();
    command
        .arg("watch")
        .arg(input)
        .arg("--pdf")
        .arg(dir.join("out.pdf"))
        .arg("--paragraphs")
        .arg(dir.join("out.txt"))
        .args(["--no-system-fonts", "--no-cache"])
        .env_remove("SOURCE_DATE_EPOCH");
    Running::spawn(command)
}

/// Polls until the paragraphs output contains `needle`; the time it took.
fn until_output_has(out: &Path, needle: &str) -> Duration {
    poll_until(&format!("the output shows `{needle}`"), || {
        std::fs::read_to_string(out).is_ok_and(|t| t.contains(needle))
    })
}

#[test]
fn a_save_is_rebuilt_and_a_bad_edit_keeps_the_last_outputs() {
    let tmp = tempdir();
    let dir = tmp.path();
    let input = copy_page(dir);
    let article = dir.join("night-bus.md");
    let original = std::fs::read_to_string(&article).unwrap();
    assert!(original.contains(FIRST), "the example changed: fix FIRST");
    let mut w = watching(dir, &input);
    w.wait_for("watch: built");
    let (pdf, txt) = (dir.join("out.pdf"), dir.join("out.txt"));
    assert!(std::fs::read_to_string(&txt).unwrap().contains(FIRST));

    // Ten saves, each a new time of night; the latency from the save to
    // the new text in the output.
    let mut took = Vec::new();
    for k in 0..10 {
        let new = format!(
            "夜里十一点{}分",
            ["零五", "一十", "一十五", "二十", "二十五"][k % 5]
        );
        let before = std::fs::read(&pdf).unwrap();
        let started = Instant::now();
        save(&article, &original.replace(FIRST, &format!("{new}第{k}次")));
        until_output_has(&txt, &format!("{new}第{k}次"));
        took.push(started.elapsed());
        // Incremental: the two articles not saved are taken as shaped,
        // and the modules the make-up weighs for them as laid out (the
        // page is made up, `fill = true`: the saved article's variants
        // are laid out again, and the page's modules where they moved).
        let said = w.wait_for("watch: rebuilt");
        assert!(
            said.contains("(articles: 2 reused, 1 shaped; variants: 2 reused, 1 computed;"),
            "{said}"
        );
        assert_ne!(
            std::fs::read(&pdf).unwrap(),
            before,
            "the PDF was not rebuilt"
        );
    }
    took.sort();
    eprintln!(
        "watch: save → output, median of 10: {:.0} ms (min {:.0}, max {:.0})",
        took[5].as_secs_f64() * 1e3,
        took[0].as_secs_f64() * 1e3,
        took[9].as_secs_f64() * 1e3
    );

    // A bad edit: the error with its place, the outputs untouched.
    let (good_pdf, good_txt) = (std::fs::read(&pdf).unwrap(), std::fs::read(&txt).unwrap());
    save(&article, &original.replace("title = ", "titel = "));
    w.wait_for("watch: build failed");
    let said = w.seen.join("\n");
    assert!(
        said.contains("night-bus.md:5:1") && said.contains("titel"),
        "the error is not located:\n{said}"
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), good_pdf);
    assert_eq!(std::fs::read(&txt).unwrap(), good_txt);

    // The fix is rebuilt.
    save(&article, &original.replace(FIRST, "夜里十二点整"));
    until_output_has(&txt, "夜里十二点整");
    w.wait_for("watch: rebuilt");
    // What the rebuilds reused makes the same PDF as a build from scratch.
    let fresh = dir.join("fresh.pdf");
    assert_ok(
        &typeset(&[input.as_os_str(), "--pdf".as_ref(), fresh.as_os_str()])
            .output()
            .unwrap(),
    );
    assert!(
        std::fs::read(&fresh).unwrap() == std::fs::read(&pdf).unwrap(),
        "the rebuilt PDF differs from a fresh build's"
    );

    // SIGTERM ends the loop between builds, with success, and leaves no
    // temporary file behind.
    // SAFETY: kill(2) on our own child's pid, which has not been reaped.
    let r = unsafe { libc::kill(w.child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(r, 0);
    w.wait_for("watch: stopped");
    let status = w.child.wait().expect("wait for typeset watch");
    assert!(status.success(), "typeset watch ended with {status}");
    let stray: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "left behind: {stray:?}");
}

#[test]
fn a_file_the_manifest_does_not_name_is_not_a_rebuild() {
    let tmp = tempdir();
    let dir = tmp.path();
    let input = copy_page(dir);
    let mut w = watching(dir, &input);
    w.wait_for("watch: built");
    // Written beside the articles, read by no build: no rebuild within
    // half a second (a rebuild takes about 0.1 s here).
    std::fs::write(dir.join("notes.md"), "+++\ntitle = \"x\"\n+++\n").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    w.drain();
    let rebuilds: Vec<_> = w.seen.iter().filter(|l| l.starts_with("watch:")).collect();
    assert!(
        rebuilds.is_empty(),
        "a rebuild for an unwatched file: {rebuilds:?}"
    );
    // A file the manifest names: a rebuild.
    let bridge = dir.join("bridge-news.md");
    let text = std::fs::read_to_string(&bridge).unwrap();
    save(&bridge, &format!("{text}\n补记一段。\n"));
    w.wait_for("watch: rebuilt");
}
