//! --embed-fonts: subset fonts in the EPUB that keep what vertical text and
//! punctuation adjustment need. Built only with the embed-fonts feature; the
//! default build must refuse the flag with a message.

mod common;

use std::ffi::OsStr;

use common::*;

#[cfg(feature = "embed-fonts")]
#[test]
fn embedded_fonts_are_small_complete_subsets() {
    let dir = tempdir();
    let src = root().join("examples/night-bus.md");
    let built = compile(dir.path(), &[src.as_os_str(), OsStr::new("--embed-fonts")]);
    let epub = &built.epub;
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let names: Vec<String> = z
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.to_string())
        .filter(|n| n.ends_with(".otf"))
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let opf = built.epub_entry("OEBPS/content.opf");
    for n in &names {
        let mut data = Vec::new();
        z.by_name(n).unwrap().read_to_end(&mut data).unwrap();
        assert!(
            data.len() < 1_500_000,
            "{n} is {} bytes: not a subset",
            data.len()
        );
        let face = ttf_parser::Face::parse(&data, 0).unwrap();
        let t = face.tables();
        assert!(
            t.vhea.is_some() && t.vmtx.is_some() && t.vorg.is_some(),
            "{n}: vertical metrics kept"
        );
        let gsub = t.gsub.expect("GSUB");
        let feats: Vec<String> = gsub
            .features
            .into_iter()
            .map(|f| f.tag.to_string())
            .collect();
        assert!(
            feats.iter().any(|f| f == "vert") && feats.iter().any(|f| f == "vrt2"),
            "{n}: {feats:?}"
        );
        let gpos: Vec<String> = t
            .gpos
            .expect("GPOS")
            .features
            .into_iter()
            .map(|f| f.tag.to_string())
            .collect();
        for f in ["halt", "vhal", "palt", "vpal"] {
            assert!(gpos.iter().any(|g| g == f), "{n}: {f} in {gpos:?}");
        }
        // Every character of the text is in some font: the body font has
        // a glyph for a character only the body uses.
        assert!(
            face.glyph_index('郑').is_some() || !n.contains("Serif"),
            "{n}"
        );
        let href = n.trim_start_matches("OEBPS/");
        assert!(
            opf.contains(&format!("href=\"{href}\" media-type=\"font/otf\"")),
            "{href} in the manifest"
        );
    }
    let css = built.epub_entry("OEBPS/fonts.css");
    assert!(css.contains("@font-face") && css.contains("url(\"fonts/"));
}

#[cfg(not(feature = "embed-fonts"))]
#[test]
fn embed_fonts_without_the_feature_is_a_clear_error() {
    let dir = tempdir();
    let src = root().join("examples/night-bus.md");
    let (out, outputs) = run_into(dir.path(), &[src.as_os_str(), OsStr::new("--embed-fonts")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--features embed-fonts"), "{err}");
    assert!(!outputs.epub.exists() && !outputs.pdf.exists());
}
