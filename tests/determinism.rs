//! Same input, same bytes: four runs of the book, a page, a made-up
//! edition and an article,
//! with one, two and four worker threads, give identical PDF and EPUB files.

mod common;

use std::ffi::OsStr;

use common::*;

#[test]
fn outputs_are_identical_across_runs_and_thread_counts() {
    for input in [
        "examples/changhe",
        "examples/page-7.toml",
        // Made up (fill = true): modules laid out ahead on the threads.
        "examples/edition-12.toml",
        "examples/night-bus.md",
    ] {
        let mut first: Option<(Vec<u8>, Vec<u8>)> = None;
        for (k, threads) in ["1", "2", "4", "2"].iter().enumerate() {
            let dir = tempdir();
            let mut command = typeset(&[OsStr::new(input)]);
            command
                .current_dir(root())
                .env("RAYON_NUM_THREADS", threads);
            let (o, outputs) = run_command_into(dir.path(), command);
            assert_ok(&o);
            let got = (outputs.pdf_bytes(), outputs.epub_bytes());
            match &first {
                None => first = Some(got),
                Some(f) => {
                    assert!(
                        f.0 == got.0,
                        "{input}: PDF differs with {threads} threads (run {k})"
                    );
                    assert!(
                        f.1 == got.1,
                        "{input}: EPUB differs with {threads} threads (run {k})"
                    );
                }
            }
        }
    }
}
