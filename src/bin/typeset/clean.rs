//! `typeset clean`: OCR'd or pasted text to article files, with a report of
//! every change.

use std::process::ExitCode;

use crate::cli::CleanArgs;
use crate::note;

/// A scanned page read by Tesseract: its text, also written beside the
/// articles as NAME.ocr.txt (the report's line numbers refer to it) unless
/// --check; returns the text and the name the report uses.
fn recognised(cli: &CleanArgs) -> Result<(String, String), String> {
    let text = typeset::clean::ocr::recognise(&cli.input, &cli.ocr_lang)
        .map_err(|e| format!("{}: error: {e}", cli.input.display()))?;
    let stem = cli.input.file_stem().unwrap_or_default().to_string_lossy();
    let folder = match &cli.output {
        Some(o) if o.is_dir() || o.to_string_lossy().ends_with('/') => o.clone(),
        Some(o) => o.parent().map(|p| p.to_path_buf()).unwrap_or_default(),
        None => cli
            .input
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default(),
    };
    let path = folder.join(format!("{stem}.ocr.txt"));
    if cli.check {
        return Ok((text, format!("{} (OCR)", cli.input.display())));
    }
    if !folder.as_os_str().is_empty() {
        std::fs::create_dir_all(&folder)
            .map_err(|e| format!("{}: error: {e}", folder.display()))?;
    }
    let inputs = typeset::compile::Inputs::of([cli.input.as_path()]);
    typeset::compile::write_atomic_guarded(&path, text.as_bytes(), &inputs)
        .map_err(|e| e.to_string())?;
    note!("wrote {} (the text Tesseract read)", path.display());
    Ok((text, path.display().to_string()))
}

pub fn clean_main(cli: CleanArgs) -> ExitCode {
    if typeset::clean::ocr::is_image(&cli.input) {
        return match recognised(&cli) {
            Ok((text, name)) => clean_text(&cli, &name, &text),
            Err(e) => {
                note!("{e}");
                ExitCode::from(1)
            }
        };
    }
    let name = cli.input.display().to_string();
    let bytes =
        match typeset::fsio::read_limited(&cli.input, typeset::parse::MAX_ARTICLE_BYTES as u64) {
            Ok(b) => b,
            Err(e) => {
                note!("{name}: error: cannot read the file: {e}");
                return ExitCode::from(1);
            }
        };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let ok = &e.as_bytes()[..at];
            let line = ok.iter().filter(|&&b| b == b'\n').count() + 1;
            // The prefix is valid UTF-8 by construction; columns count
            // characters, as an editor's cursor does.
            let ok = std::str::from_utf8(ok).unwrap_or_default();
            let col = ok.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
            note!(
                "{name}:{line}:{col}: error: the text is not UTF-8\n  hint: convert it first, e.g. iconv -f GB18030 -t UTF-8"
            );
            return ExitCode::from(1);
        }
    };
    clean_text(&cli, &name, &text)
}

/// Cleans the text and writes the report and the articles.
fn clean_text(cli: &CleanArgs, name: &str, text: &str) -> ExitCode {
    // Neither the report nor an article may replace the input (compared
    // by file identity, so ./in.txt and hard links count too).
    let inputs = typeset::compile::Inputs::of([cli.input.as_path()]);
    let cleaned = typeset::clean::clean(text);
    let report = typeset::clean::report(name, &cleaned.notes);
    match &cli.report {
        Some(path) => {
            if let Err(e) = typeset::compile::write_atomic_guarded(path, report.as_bytes(), &inputs)
            {
                note!("{e}");
                return ExitCode::from(1);
            }
        }
        None => {
            let _ = std::io::Write::write_all(&mut std::io::stderr(), report.as_bytes());
        }
    }
    if cli.check {
        return ExitCode::SUCCESS;
    }
    if cleaned.articles.is_empty() {
        note!("{name}: error: no article text found");
        return ExitCode::from(1);
    }
    let stem = cli
        .input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".into());
    let dir = cli
        .input
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default();
    let mut outputs = Vec::new();
    if cleaned.articles.len() == 1 {
        let file = format!("{stem}.md");
        let out = match &cli.output {
            Some(o) if o.is_dir() || o.to_string_lossy().ends_with('/') => o.join(file),
            Some(o) => o.clone(),
            None => dir.join(file),
        };
        outputs.push((out, &cleaned.articles[0]));
    } else {
        let folder = cli.output.clone().unwrap_or(dir);
        for (i, a) in cleaned.articles.iter().enumerate() {
            outputs.push((folder.join(format!("{stem}-{}.md", i + 1)), a));
        }
    }
    for (path, article) in outputs {
        if path == cli.input || cli.report.as_ref() == Some(&path) {
            note!("{name}: error: the article would overwrite the input\n  hint: give -o OUT.md");
            return ExitCode::from(1);
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            note!("{}: error: cannot create the folder: {e}", parent.display());
            return ExitCode::from(1);
        }
        if let Err(e) =
            typeset::compile::write_atomic_guarded(&path, article.to_markdown().as_bytes(), &inputs)
        {
            note!("{e}");
            return ExitCode::from(1);
        }
        note!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
