//! Types several stages share, so that no two stages import each other and
//! every import runs downward (parse → resolve → shape → linebreak →
//! compose → pdf/epub): lengths, the language and writing mode, paragraph
//! styles and text settings, the line grid, and the items the shaper makes
//! for the line breaker with their punctuation classes.

mod grid;
pub mod item;
pub mod labels;
pub mod punct;
mod style;
mod text;
pub mod units;

pub use grid::{DisplayBox, Grid};
pub use item::{Gap, GapKind, Item};
pub use labels::Labels;
pub use punct::{PunctClass, punct_class};
pub use style::*;
pub use text::*;
pub use units::Pt;
