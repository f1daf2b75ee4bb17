//! The build options of the image outputs: page images and the cover.

use std::path::PathBuf;

use clap::Args;

/// `--svg`, `--png`, `--dpi`, `--cover`.
#[derive(Args)]
pub struct RenderArgs {
    /// Write every page as an SVG (glyphs as outlines) to DIR/NAME-001.svg,
    /// NAME-002.svg, … (the folder is made when missing).
    #[arg(long, value_name = "DIR")]
    pub svg: Option<PathBuf>,
    /// Write every page as a PNG, rendered from its SVG, to DIR/NAME-001.png, ….
    #[arg(long, value_name = "DIR")]
    pub png: Option<PathBuf>,
    /// The resolution of --png, in dots per inch (default 150).
    #[arg(long, value_name = "N")]
    pub dpi: Option<u32>,
    /// The EPUB's cover image (PNG or JPEG) instead of the one typeset
    /// draws from the title.
    #[arg(long, value_name = "FILE")]
    pub cover: Option<PathBuf>,
}

impl From<RenderArgs> for typeset::compile::RenderOptions {
    fn from(a: RenderArgs) -> Self {
        typeset::compile::RenderOptions {
            svg: a.svg,
            png: a.png,
            dpi: a.dpi,
            cover: a.cover,
        }
    }
}
