//! Resolve stage: the layout template, fonts, and the article turned into
//! styled paragraphs with nothing left optional.

mod doc;
mod figure_file;
mod figure_memo;
mod fonts;
mod layout;
mod paras;
mod png_pixels;
mod roles;

pub use doc::*;
pub use figure_file::{decode_jpeg, load_image};
pub use fonts::*;
pub use layout::*;
pub use png_pixels::{PixelSpace, PixelTarget, PngPixels, decode_png};
pub use roles::Roles;
