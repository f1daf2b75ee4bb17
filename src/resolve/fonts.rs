//! Fonts: the bundled faces, --font-dir and the system's, found with fontdb
//! and loaded once per run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result, Stage};

use crate::model::FontId;

/// The faces of one font role: CJK text and Latin words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleFont {
    pub cjk: FontId,
    pub latin: FontId,
}

/// A font file's bytes: mapped from disk rather than read, because the CJK
/// faces are 8 to 14 MB each and a page run touches only a few kilobytes of
/// their outlines; reading them whole was a third of a page's build time.
#[derive(Clone)]
pub struct FontBytes(Arc<Bytes>);

enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl FontBytes {
    pub fn from_vec(data: Vec<u8>) -> FontBytes {
        FontBytes(Arc::new(Bytes::Owned(data)))
    }

    fn map(path: &std::path::Path) -> std::io::Result<FontBytes> {
        let file = crate::fsio::open_regular(path)?;
        // SAFETY: the map is read-only; like every program that maps fonts
        // (fontdb does the same) we rely on font files not being truncated
        // while a run is in progress.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        Ok(FontBytes(Arc::new(Bytes::Mapped(map))))
    }

    /// Takes a mapped file's pages out of the process's resident memory;
    /// the next read maps them again from the system's file cache. The
    /// kernel maps the 64 KB around every page a read faults in (fault-
    /// around), so the few hundred glyphs a heading face gives a book made
    /// 11 of its 14 MB resident, still counted while the text face was
    /// subset: done once a stage is through with a file.
    pub fn release_pages(&self) {
        #[cfg(unix)]
        if let Bytes::Mapped(map) = &*self.0 {
            // SAFETY: the map is a shared, read-only mapping of a file no
            // one writes (see `map`): MADV_DONTNEED only unmaps its pages,
            // and every later read sees the file's bytes, the same bytes
            // any borrow of the map saw before. It is a request: if refused,
            // the pages stay, which is harmless.
            let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
        }
    }
}

impl std::ops::Deref for FontBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &*self.0 {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

impl std::fmt::Debug for FontBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontBytes({} bytes)", self.len())
    }
}

/// rustybuzz's face under a name with the one lifetime `self_cell` wants.
type ShapingFace<'a> = rustybuzz::Face<'a>;

self_cell::self_cell!(
    /// A font's bytes and the face parsed from them, kept together so that
    /// the face is parsed once per run and then borrowed by every stage:
    /// shaping (rustybuzz), fallback search, punctuation centring, the PDF
    /// writer. Parsing a CJK face reads the CFF charset of 65,000 glyphs;
    /// done per call it was a third of a serial's run time.
    pub struct ParsedFace {
        owner: FontBytes,
        #[covariant]
        dependent: ShapingFace,
    }
);

impl ParsedFace {
    /// The face's tables as ttf-parser reads them (rustybuzz's face
    /// dereferences to it; its own `units_per_em` is an `i32`).
    fn face(&self) -> &ttf_parser::Face<'_> {
        self.borrow_dependent()
    }
}

impl std::fmt::Debug for ParsedFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ParsedFace({:?})", self.borrow_owner())
    }
}

/// One face, its bytes, its parsed tables and the metrics layout needs.
#[derive(Debug)]
pub struct LoadedFont {
    /// The file's bytes (the same mapping the parsed face reads), for the
    /// subsetters, which take raw font data.
    pub data: FontBytes,
    pub index: u32,
    pub family: String,
    pub postscript_name: String,
    pub weight: u16,
    pub units_per_em: u16,
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: i16,
    /// CFF outlines (PDF FontFile3) rather than TrueType (FontFile2).
    pub is_cff: bool,
    pub path: PathBuf,
    parsed: ParsedFace,
}

impl LoadedFont {
    /// The parsed face: metrics, cmap, glyph boxes. Parsed when the font was
    /// loaded; this is a borrow, not a parse.
    pub fn face(&self) -> &ttf_parser::Face<'_> {
        self.parsed.face()
    }

    /// The same face as rustybuzz shapes with.
    pub fn shaping_face(&self) -> &rustybuzz::Face<'_> {
        self.parsed.borrow_dependent()
    }
}

/// Every font the run may use: those of the layout's roles, plus fallbacks
/// found for characters the role fonts lack.
pub struct FontBook {
    db: fontdb::Database,
    fonts: Vec<LoadedFont>,
    loaded: HashMap<fontdb::ID, FontId>,
    files: HashMap<PathBuf, FontBytes>,
    /// Faces parsed while looking for a fallback but not loaded, so that no
    /// face is parsed twice in a run (a serial asks once per installment);
    /// `None`: the face cannot be read. A face chosen moves into `fonts`.
    candidates: HashMap<fontdb::ID, Option<(ParsedFace, PathBuf)>>,
    /// Faces parsed so far, to show that none is parsed twice.
    parses: usize,
}

/// A font collection (.ttc/.otc) states how many fonts it holds; a damaged
/// header can claim billions, and fontdb would try every one (found by
/// fuzzing: a 4 KB file kept the loader busy for minutes). Such a file is
/// refused before fontdb sees it.
fn check_collection(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut head = [0u8; 12];
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let read = crate::fsio::open_regular(path).and_then(|mut f| f.read_exact(&mut head));
    if read.is_err() || &head[..4] != b"ttcf" {
        // Too short or not a collection: fontdb's own checks suffice.
        return Ok(());
    }
    let count = u32::from_be_bytes([head[8], head[9], head[10], head[11]]) as u64;
    if count == 0 || count > 1024 || 12 + 4 * count > len {
        return Err(Error::new(
            Stage::Resolve,
            format!(
                "font file {} is damaged: its header claims {count} fonts",
                path.display()
            ),
        )
        .hint("replace the file or remove it from the font folder"));
    }
    Ok(())
}

/// How deep a --font-dir walk goes; font folders are shallow, and a
/// bound stops any loop the visited set would miss.
const MAX_FONT_DIR_DEPTH: usize = 16;
/// The largest font file loaded (the largest CJK collections are ~150 MB).
const MAX_FONT_BYTES: u64 = 1 << 30;

/// fontdb's load_fonts_dir, with every collection checked first. Each
/// folder is visited once (by file identity, so symbolic links that loop
/// are followed only the first time), to a depth of
/// [`MAX_FONT_DIR_DEPTH`]; a folder that cannot be read is an error, and
/// only regular files are loaded (a FIFO named .ttf would hang the run).
fn load_dir_checked(db: &mut fontdb::Database, dir: &Path) -> Result<()> {
    walk_font_dir(db, dir, 0, &mut Vec::new())
}

fn walk_font_dir(
    db: &mut fontdb::Database,
    dir: &Path,
    depth: usize,
    visited: &mut Vec<(u64, u64)>,
) -> Result<()> {
    let unreadable = |e: std::io::Error| {
        Error::new(
            Stage::Resolve,
            format!("cannot read the font folder {}: {e}", dir.display()),
        )
        .hint("check the folder's permissions, or leave it out of --font-dir")
    };
    let meta = std::fs::metadata(dir).map_err(unreadable)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let id = (meta.dev(), meta.ino());
        if visited.contains(&id) {
            return Ok(());
        }
        visited.push(id);
    }
    #[cfg(not(unix))]
    let _ = (meta, &visited);
    let entries = std::fs::read_dir(dir).map_err(unreadable)?;
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .map_err(unreadable)?;
    // Sorted, so faces load (and win ties) in the same order on every machine.
    paths.sort();
    for path in paths {
        let Ok(meta) = std::fs::metadata(&path) else {
            // A dangling link: nothing to load.
            continue;
        };
        if meta.is_dir() {
            if depth + 1 < MAX_FONT_DIR_DEPTH {
                walk_font_dir(db, &path, depth + 1, visited)?;
            }
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if meta.is_file() && matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc")) {
            if meta.len() > MAX_FONT_BYTES {
                return Err(Error::new(
                    Stage::Resolve,
                    format!(
                        "font file {} is larger than {} MB",
                        path.display(),
                        MAX_FONT_BYTES >> 20
                    ),
                )
                .hint("no font is that large: remove the file from the font folder"));
            }
            check_collection(&path)?;
            // A file fontdb cannot parse is skipped, as load_fonts_dir does.
            let _ = db.load_font_file(&path);
        }
    }
    Ok(())
}

/// Where the bundled fonts are: beside the executable, or in the source tree
/// the binary was built from.
pub fn bundled_font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        dirs.push(dir.join("fonts"));
        dirs.push(dir.join("../../fonts"));
    }
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"));
    let mut seen = Vec::new();
    dirs.retain(|d| {
        let Ok(c) = d.canonicalize() else {
            return false;
        };
        if seen.contains(&c) {
            return false;
        }
        seen.push(c);
        true
    });
    dirs
}

impl FontBook {
    /// Loads --font-dir folders first (so they win), then the bundled fonts,
    /// then the system's.
    pub fn new(font_dirs: &[PathBuf], system: bool) -> Result<FontBook> {
        let mut db = fontdb::Database::new();
        for dir in font_dirs {
            if !dir.is_dir() {
                return Err(Error::new(
                    Stage::Resolve,
                    format!("--font-dir {} is not a folder", dir.display()),
                )
                .hint("give a folder that holds .otf, .ttf or .ttc files"));
            }
            load_dir_checked(&mut db, dir)?;
        }
        for dir in bundled_font_dirs() {
            db.load_fonts_dir(dir);
        }
        // Loaded after the bundled fonts, so that every search (roles,
        // fallbacks) tries them last.
        if system {
            db.load_system_fonts();
        }
        Ok(FontBook {
            db,
            fonts: Vec::new(),
            loaded: HashMap::new(),
            files: HashMap::new(),
            candidates: HashMap::new(),
            parses: 0,
        })
    }

    /// How many faces have been parsed in this run: each at most once.
    pub fn parses(&self) -> usize {
        self.parses
    }

    /// Every mapped font file's pages out of the resident memory (see
    /// [`FontBytes::release_pages`]): once the pages are laid out, shaping
    /// is done with the faces' tables.
    pub fn release_pages(&self) {
        for bytes in self.files.values() {
            bytes.release_pages();
        }
    }

    pub fn font(&self, id: FontId) -> &LoadedFont {
        &self.fonts[id.0 as usize]
    }

    pub fn fonts(&self) -> impl Iterator<Item = (FontId, &LoadedFont)> {
        self.fonts
            .iter()
            .enumerate()
            .map(|(i, f)| (FontId(i as u16), f))
    }

    /// Finds the face for a family list and weight: the first family that
    /// exists, in the weight nearest the one asked for. Faces are searched in
    /// load order, so the result does not depend on the system's fonts when
    /// the bundled ones match.
    pub(super) fn find(&self, families: &[String], weight: u16) -> Option<fontdb::ID> {
        for family in families {
            let mut best: Option<(&fontdb::FaceInfo, u16)> = None;
            for face in self.db.faces() {
                let named = face
                    .families
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case(family));
                if !named || face.style != fontdb::Style::Normal {
                    continue;
                }
                let dist = face.weight.0.abs_diff(weight);
                if best.is_none_or(|(_, d)| dist < d) {
                    best = Some((face, dist));
                }
            }
            if let Some((face, _)) = best {
                return Some(face.id);
            }
        }
        None
    }

    /// The bytes of a face in the database and the file they come from;
    /// each file is mapped once.
    fn bytes(&mut self, id: fontdb::ID) -> Result<(FontBytes, PathBuf)> {
        // The id comes from this database, so the face exists.
        let info = self.db.face(id).expect("face id from this database");
        match &info.source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => {
                if let Some(d) = self.files.get(p) {
                    return Ok((d.clone(), p.clone()));
                }
                let d = FontBytes::map(p).map_err(|e| {
                    Error::new(
                        Stage::Resolve,
                        format!("cannot read font {}: {e}", p.display()),
                    )
                })?;
                self.files.insert(p.clone(), d.clone());
                Ok((d, p.clone()))
            }
            fontdb::Source::Binary(b) => Ok((
                FontBytes::from_vec(b.as_ref().as_ref().to_vec()),
                PathBuf::new(),
            )),
        }
    }

    /// Parses a face of the database: the one place a font is parsed.
    /// Callers keep the result ([`LoadedFont`], or a fallback candidate that
    /// becomes one), so this runs at most once per face and run.
    fn parse(&mut self, id: fontdb::ID) -> Result<(ParsedFace, PathBuf)> {
        let (data, path) = self.bytes(id)?;
        // The id comes from this database, so the face exists.
        let index = self.db.face(id).expect("face id from this database").index;
        self.parses += 1;
        let parsed = ParsedFace::try_new(data, |bytes| {
            ttf_parser::Face::parse(bytes, index).map(rustybuzz::Face::from_face)
        })
        .map_err(|e| {
            Error::new(
                Stage::Resolve,
                format!("font {} is damaged: {e}", path.display()),
            )
            .hint("replace the font file or remove it from the font folder")
        })?;
        Ok((parsed, path))
    }

    pub(super) fn load(&mut self, id: fontdb::ID) -> Result<FontId> {
        if let Some(&fid) = self.loaded.get(&id) {
            return Ok(fid);
        }
        if self.fonts.len() >= u16::MAX as usize {
            return Err(Error::new(Stage::Resolve, "too many fonts"));
        }
        // A candidate of a fallback search has been parsed already.
        let (parsed, path) = match self.candidates.remove(&id).flatten() {
            Some(candidate) => candidate,
            None => self.parse(id)?,
        };
        // The id comes from this database, so the face exists.
        let info = self.db.face(id).expect("face id from this database");
        let face = parsed.face();
        let font = LoadedFont {
            family: info
                .families
                .first()
                .map(|(n, _)| n.clone())
                .unwrap_or_default(),
            postscript_name: info.post_script_name.clone(),
            weight: info.weight.0,
            units_per_em: face.units_per_em(),
            ascender: face.ascender(),
            descender: face.descender(),
            cap_height: face.capital_height().unwrap_or(face.ascender()),
            is_cff: face.tables().cff.is_some(),
            index: info.index,
            data: parsed.borrow_owner().clone(),
            path,
            parsed,
        };
        let fid = FontId(self.fonts.len() as u16);
        self.fonts.push(font);
        self.loaded.insert(id, fid);
        Ok(fid)
    }

    /// Loads every face of one font file, as --font-dir would, for checking
    /// a file on its own (and for fuzzing the loader with damaged fonts).
    pub fn load_file(&mut self, path: &std::path::Path) -> Result<Vec<FontId>> {
        let before: std::collections::HashSet<fontdb::ID> = self.db.faces().map(|f| f.id).collect();
        check_collection(path)?;
        self.db.load_font_file(path).map_err(|e| {
            Error::new(
                Stage::Resolve,
                format!("cannot read font {}: {e}", path.display()),
            )
        })?;
        let new: Vec<fontdb::ID> = self
            .db
            .faces()
            .map(|f| f.id)
            .filter(|id| !before.contains(id))
            .collect();
        new.into_iter().map(|id| self.load(id)).collect()
    }

    /// A font that has a glyph for `c`, trying the loaded fonts, then the
    /// bundled and --font-dir faces, then the system's (the database holds
    /// them in that order). `None`: no font has it.
    pub fn fallback(&mut self, c: char) -> Option<FontId> {
        for (id, f) in self.fonts() {
            if f.face().glyph_index(c).is_some() {
                return Some(id);
            }
        }
        let ids: Vec<fontdb::ID> = self.db.faces().map(|f| f.id).collect();
        for id in ids {
            if !self.loaded.contains_key(&id) && self.candidate_has(id, c) {
                return self.load(id).ok();
            }
        }
        None
    }

    /// Whether a face not loaded has a glyph for `c`; the face is parsed
    /// the first time it is asked about and kept for the rest of the run.
    fn candidate_has(&mut self, id: fontdb::ID, c: char) -> bool {
        if !self.candidates.contains_key(&id) {
            // A face that cannot be read or parsed is no candidate.
            let parsed = self.parse(id).ok();
            self.candidates.insert(id, parsed);
        }
        self.candidates[&id]
            .as_ref()
            .is_some_and(|(p, _)| p.face().glyph_index(c).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_is_parsed_at_most_once() {
        let mut book = FontBook::new(&[], false).expect("bundled fonts");
        let faces = book.db.len();
        assert!(faces >= 2, "the bundled fonts hold several faces");
        let zhong = book.fallback('中').expect("a bundled face has 中");
        let after_first = book.parses();
        assert!(after_first >= 1 && book.fonts().count() == 1);
        // Again: found among the loaded fonts, nothing parsed.
        assert_eq!(book.fallback('中'), Some(zhong));
        assert_eq!(book.parses(), after_first);
        // A character no face has: every other face is parsed, once, and
        // asking again (the next installment) parses nothing.
        assert_eq!(book.fallback('\u{1F600}'), None);
        assert_eq!(book.parses(), faces);
        assert_eq!(book.fallback('\u{1F600}'), None);
        assert_eq!(book.parses(), faces);
        // Loading the layout's role fonts takes the faces already parsed.
        let layout = super::super::load_layout("feature", None).expect("layout");
        book.resolve_roles(&layout).expect("roles");
        assert!(book.fonts().count() >= 2);
        assert_eq!(book.parses(), faces);
    }

    #[test]
    fn a_loaded_face_borrows_its_metrics_from_the_one_parse() {
        let mut book = FontBook::new(&[], false).expect("bundled fonts");
        let id = book.fallback('中').expect("a bundled face has 中");
        let font = book.font(id);
        assert_eq!(font.face().units_per_em(), font.units_per_em);
        assert_eq!(font.shaping_face().units_per_em(), font.units_per_em as i32);
        // Both views are the same parse, over the font's own bytes.
        assert!(std::ptr::eq(font.face(), &**font.shaping_face()));
        assert_eq!(font.face().raw_face().data.as_ptr(), font.data.as_ptr());
    }

    /// The resident kilobytes of the mapping that holds `at` (smaps).
    #[cfg(target_os = "linux")]
    fn resident_kb(at: *const u8) -> u64 {
        let smaps = std::fs::read_to_string("/proc/self/smaps").expect("smaps");
        let mut inside = false;
        for line in smaps.lines() {
            let range = line.split(' ').next().and_then(|r| r.split_once('-'));
            let span = range.and_then(|(a, b)| {
                Some((
                    usize::from_str_radix(a, 16).ok()?,
                    usize::from_str_radix(b, 16).ok()?,
                ))
            });
            if let Some((a, b)) = span.filter(|_| !line.starts_with("Rss:")) {
                inside = (a..b).contains(&(at as usize));
            } else if inside && let Some(kb) = line.strip_prefix("Rss:") {
                return kb
                    .trim()
                    .trim_end_matches(" kB")
                    .parse()
                    .expect("Rss in kB");
            }
        }
        panic!("no mapping holds the font's bytes")
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn released_pages_leave_the_resident_set_and_read_the_same() {
        let mut book = FontBook::new(&[], false).expect("bundled fonts");
        let id = book.fallback('中').expect("a bundled face has 中");
        let data = &book.font(id).data;
        let sum = |d: &[u8]| d.iter().map(|&b| u64::from(b)).sum::<u64>();
        let before = sum(data);
        let read = resident_kb(data.as_ptr());
        assert!(
            read * 1024 >= data.len() as u64 / 2,
            "read whole: {read} kB"
        );
        book.release_pages();
        let data = &book.font(id).data;
        assert!(resident_kb(data.as_ptr()) < read / 4, "released");
        assert_eq!(sum(data), before, "the same bytes, read again");
    }
}
