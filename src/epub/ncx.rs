//! toc.ncx: the EPUB 2 table of contents, for reading systems older than
//! the EPUB 3 nav document (older Kobo and Kindle firmware, Adobe's RMSDK).

use std::fmt::Write as _;

use super::escape;
use super::xhtml::NavEntry;

/// The NCX for `chapters` (href, title, sections), numbered in reading
/// order; `uid` is the package's identifier, which the NCX must repeat.
pub fn ncx(uid: &str, title: &str, chapters: &[(String, String, Vec<NavEntry>)]) -> String {
    let depth = if chapters.iter().any(|(_, _, s)| !s.is_empty()) {
        2
    } else {
        1
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\">\n<head>\n<meta name=\"dtb:uid\" content=\"{}\"/>\n<meta name=\"dtb:depth\" content=\"{depth}\"/>\n<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n<docTitle><text>{}</text></docTitle>\n<navMap>\n",
        escape(uid),
        escape(title)
    );
    let mut order = 0;
    let mut point = |out: &mut String, href: &str, text: &str| {
        order += 1;
        let _ = write!(
            out,
            "<navPoint id=\"np{order}\" playOrder=\"{order}\"><navLabel><text>{}</text></navLabel><content src=\"{href}\"/>",
            escape(text)
        );
    };
    for (href, text, sections) in chapters {
        point(&mut out, href, text);
        for s in sections {
            out.push('\n');
            point(&mut out, &format!("{href}#{}", s.id), &s.text);
            out.push_str("</navPoint>");
        }
        out.push_str("</navPoint>\n");
    }
    out.push_str("</navMap>\n</ncx>\n");
    out
}
