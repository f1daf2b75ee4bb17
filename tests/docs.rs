//! The documentation in docs/ and the README against the program: the
//! layout reference is generated from layouts/base.toml (the layout every
//! other extends, which sets every key the code reads), the README's links
//! lead somewhere, and its usage names every option of the command.
//! `TYPESET_BLESS=1 cargo test --test docs` rewrites docs/layout.md.

mod common;

use common::*;

const LAYOUT_INTRO: &str = "# Layout keys

<!-- Generated from layouts/base.toml by tests/docs.rs (TYPESET_BLESS=1 cargo test --test docs); do not edit. -->

A layout is a TOML file of page, grid, fonts and styles. `--layout NAME`
takes a built-in one (`feature`, `vertical`, `broadsheet`, `tabloid`,
`supplement`, `book`, `base`), `--layout PATH` or a manifest's `layout =` a
file. A layout `extends` another (`extends = \"feature\"`, or a path relative
to the file; left out, the base below) and states only what differs: tables
merge key by key, a value (a list too) replaces the inherited one. `name` is
never inherited. Unknown keys are errors, with \"did you mean\" for a
misspelling.

```toml
extends = \"broadsheet\"
[grid]
columns = 6
[styles.headline]
size = \"36pt\"
```

Every key, with the base layout's value (\"optional\": the base leaves it
out, and the comment says what then holds):

";

/// One row per key of base.toml: set keys with their value, and keys
/// shown only in a comment (`# key = value`) as optional.
fn key_rows(base: &str) -> String {
    let mut rows = vec![
        "| key | base value | note |".to_string(),
        "|---|---|---|".to_string(),
        "| `extends` | (none: the base extends nothing) | the layout this one extends |"
            .to_string(),
    ];
    let mut table = String::new();
    for line in base.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix('[').and_then(|h| h.split(']').next()) {
            table = format!("{h}.");
            continue;
        }
        // `# key = value` shows an optional key; the header's indented
        // examples (`#   extends = …`) are not keys of the base.
        let (optional, body) = match line.strip_prefix("# ") {
            Some(b) if b.starts_with(|c: char| c.is_ascii_lowercase()) => (true, b),
            Some(_) => continue,
            None => (false, line),
        };
        let Some((key, rest)) = body.split_once(" = ") else {
            continue;
        };
        let key = key.trim();
        if !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') || key.is_empty() {
            continue;
        }
        let (value, note) = match rest.split_once(" #") {
            Some((v, n)) => (v.trim(), n.trim_start_matches('#').trim()),
            None => (rest.trim(), ""),
        };
        let value = if optional {
            format!("optional, e.g. `{value}`")
        } else {
            format!("`{value}`")
        };
        let note = note.replace('|', "\\|");
        rows.push(format!("| `{table}{key}` | {value} | {note} |"));
    }
    rows.join("\n")
}

fn layout_doc() -> String {
    let base = std::fs::read_to_string(root().join("layouts/base.toml")).unwrap();
    format!(
        "{LAYOUT_INTRO}{}\n\nThe base layout, whose comments explain each key:\n\n```toml\n{}```\n",
        key_rows(&base),
        base
    )
}

#[test]
fn docs_layout_is_generated_from_the_base_layout() {
    let want = layout_doc();
    let path = root().join("docs/layout.md");
    if std::env::var_os("TYPESET_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/layout.md is out of date with layouts/base.toml: run TYPESET_BLESS=1 cargo test --test docs"
    );
    // Every key set in base.toml has its row (the base sets every key the
    // layout reader needs: an unknown key is an error, a missing one too).
    for key in [
        "page.width",
        "grid.chars",
        "text.breaking",
        "styles.folio.size",
        "fonts.song.families",
    ] {
        assert!(want.contains(&format!("| `{key}` |")), "{key}");
    }
    assert!(
        want.contains("| `page.bleed` | optional"),
        "commented keys are optional rows"
    );
}

#[test]
fn readme_links_to_docs_that_exist() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut linked = 0;
    for part in readme.split("](").skip(1) {
        let target = part.split(')').next().unwrap_or_default();
        if target.starts_with("docs/") {
            linked += 1;
            assert!(
                root().join(target).is_file(),
                "README links {target}, which is missing"
            );
        }
    }
    for doc in ["article.md", "manifest.md", "serial.md", "layout.md"] {
        assert!(
            readme.contains(&format!("](docs/{doc})")),
            "README does not link docs/{doc}"
        );
    }
    assert!(linked >= 4);
}

/// The long options a help text defines (the first `--name` of each line
/// that starts with an option).
fn options(help: &str) -> Vec<String> {
    help.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with('-'))
        .filter_map(|l| l.split_whitespace().find(|w| w.starts_with("--")))
        .map(|w| w.trim_end_matches(',').to_string())
        .filter(|w| w != "--help" && w != "--version")
        .collect()
}

#[test]
fn readme_usage_names_every_option() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let usage = readme
        .split("## Usage")
        .nth(1)
        .and_then(|u| u.split("```").nth(1))
        .expect("the README has a usage block");
    for command in ["build", "clean"] {
        let out = bin().args(["help", command]).output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        let opts = options(&help);
        assert!(opts.len() >= 3, "{help}");
        for o in opts {
            assert!(
                usage.contains(&o),
                "the README's usage lacks {o} of `typeset {command}`"
            );
        }
    }
}

#[test]
fn help_names_every_command_and_each_command_has_its_own() {
    let top = bin().arg("--help").output().unwrap();
    assert_eq!(top.status.code(), Some(0));
    let top = String::from_utf8_lossy(&top.stdout);
    for needle in [
        "typeset [build] INPUT",
        "typeset clean INPUT.txt",
        "--print",
        "--cache-dir",
        "--report",
    ] {
        assert!(
            top.contains(needle),
            "{needle} not in typeset --help:\n{top}"
        );
    }
    let clean = bin().args(["clean", "--help"]).output().unwrap();
    let clean = String::from_utf8_lossy(&clean.stdout);
    assert!(
        clean.contains("Usage: typeset clean [OPTIONS] <INPUT>"),
        "{clean}"
    );
    let build = bin().args(["build", "--help"]).output().unwrap();
    let build = String::from_utf8_lossy(&build.stdout);
    assert!(
        build.contains("Usage: typeset build [OPTIONS] <INPUT>"),
        "{build}"
    );
    // With nothing to do, the help and a usage error's status.
    let none = bin().output().unwrap();
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn the_readmes_first_article_typesets() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let first = readme
        .split("## Your first article")
        .nth(1)
        .and_then(|s| s.split("```markdown\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("the README shows a first article");
    let dir = tempdir();
    let src = dir.path().join("hello.md");
    std::fs::write(&src, first).unwrap();
    assert_ok(&run(&[src.as_os_str()]));
    assert!(dir.path().join("hello.pdf").is_file() && dir.path().join("hello.epub").is_file());
}

/// Every test that runs an external tool (`need("pdftotext")`,
/// `need_with("chromium", …)`) carries the build script's cfg for it,
/// `#[cfg_attr(no_pdftotext, ignore = "needs pdftotext …")]`, so that
/// where the tool is missing the test is reported as ignored, with the
/// reason, and never as passed.
#[test]
fn tests_that_need_a_tool_are_ignored_without_it() {
    let build = std::fs::read_to_string(root().join("build.rs")).unwrap();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["tests", "tests/clean"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "rs") {
                files.push(e.path());
            }
        }
    }
    let mut checked = 0;
    let mut wrong = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        // Each test: its attributes, then its body up to the next test.
        let parts: Vec<&str> = text.split("#[test]\n").collect();
        for (k, body) in parts.iter().enumerate().skip(1) {
            let attrs = parts[k - 1]
                .rsplit("\n}\n")
                .next()
                .unwrap_or_default()
                .rsplit(";\n")
                .next()
                .unwrap_or_default();
            let name = body.split(['(', '\n']).next().unwrap_or_default();
            // The test's own function, to its closing brace.
            let body = body.split("\n}\n").next().unwrap_or_default();
            for call in ["need(\"", "need_with(\""] {
                for after in body.split(call).skip(1) {
                    let tool = after.split('"').next().unwrap();
                    let cfg = format!("no_{tool}");
                    checked += 1;
                    if !build.contains(&format!("\"{cfg}\"")) {
                        wrong.push(format!("{}: {name}: build.rs has no {cfg}", path.display()));
                    } else if !(attrs.contains("#[cfg_attr(") && attrs.contains(&cfg)) {
                        wrong.push(format!(
                            "{}: {name} needs {tool} but is not #[cfg_attr({cfg}, ignore = …)]",
                            path.display()
                        ));
                    }
                }
            }
        }
    }
    assert!(checked >= 30, "only {checked} uses of need() found");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every script in tools/ answers `--help` with its usage (exit 0, no
/// traceback), and a file that does not exist with a one-line error.
#[cfg_attr(
    any(no_python3, no_bash),
    ignore = "needs python3 and bash; TYPESET_REQUIRE_TOOLS=1 requires them"
)]
#[test]
fn every_tool_script_has_help_and_clear_errors() {
    need_with("python3", "--version");
    need_with("bash", "--version");
    let mut scripts: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("tools"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py" || x == "sh"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 10, "{scripts:?}");
    let run = |script: &std::path::Path, args: &[&str]| {
        let shell = if script.extension().unwrap() == "py" {
            "python3"
        } else {
            "bash"
        };
        let out = std::process::Command::new(shell)
            .arg(script)
            .args(args)
            .current_dir(std::env::temp_dir())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code(), said)
    };
    for script in &scripts {
        let name = script.file_name().unwrap().to_string_lossy();
        let (code, said) = run(script, &["--help"]);
        assert_eq!(code, Some(0), "{name} --help:\n{said}");
        assert!(
            said.lines().count() >= 2 && !said.contains("Traceback"),
            "{name} --help:\n{said}"
        );
    }
    // A missing input: an error that names it, not a traceback. (The
    // scripts that take no input file, or only an output, are not asked.)
    for (script, args) in [
        ("pdfsize.py", &["/nonexistent.pdf", "/nonexistent.md"][..]),
        (
            "pdfgate.py",
            &["/nonexistent.pdf", "/nonexistent.md", "/nonexistent.py"],
        ),
        (
            "pagegate.py",
            &["/nonexistent.pdf", "/nonexistent.toml", "/nonexistent.py"],
        ),
        ("make-fonts.py", &["/nonexistent", "/proc/typeset-no-such"]),
        // Not a folder that can be made (/proc takes no new folders).
        (
            "gen-serial.py",
            &["/proc/typeset-no-such/out", "--chars", "100"],
        ),
        ("clean-ocr-fixtures.sh", &["no-such-entry"]),
        ("holes.py", &["/nonexistent.pdf"]),
    ] {
        let (code, said) = run(&root().join("tools").join(script), args);
        assert!(
            code.is_some_and(|c| c != 0) && said.contains("error") && !said.contains("Traceback"),
            "{script} {args:?}:\n{said}"
        );
    }
}
