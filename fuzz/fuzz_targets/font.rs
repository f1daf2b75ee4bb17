//! Damaged font files through the loader, the shaper and the subsetter:
//! an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use typeset::resolve::FontBook;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("damaged.otf");
    std::fs::write(&path, data).expect("write");
    let Ok(mut book) = FontBook::new(&[], false) else {
        return;
    };
    let Ok(ids) = book.load_file(&path) else {
        return;
    };
    for id in ids {
        let font = book.font(id);
        let _ = font.face();
        if let Some(face) = rustybuzz::Face::from_slice(&font.data, font.index) {
            let mut buf = rustybuzz::UnicodeBuffer::new();
            buf.push_str("雨从傍晚开始下，abc123");
            let glyphs = rustybuzz::shape(&face, &[], buf);
            let mut remapper = subsetter::GlyphRemapper::new();
            for g in glyphs.glyph_infos() {
                remapper.remap(g.glyph_id as u16);
            }
            let _ = subsetter::subset(&font.data, font.index, &remapper);
        }
    }
});
