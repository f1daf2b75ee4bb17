//! Lengths. Everything inside layout is measured in PostScript points along
//! the inline or block axis; x/y appear only when pages are finalized.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A length in PostScript points (1/72 inch).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, PartialOrd, serde::Serialize, serde::Deserialize,
)]
pub struct Pt(pub f64);

impl Pt {
    pub const ZERO: Pt = Pt(0.0);

    pub fn from_mm(mm: f64) -> Pt {
        Pt(mm * 72.0 / 25.4)
    }

    pub fn max(self, other: Pt) -> Pt {
        if self.0 >= other.0 { self } else { other }
    }

    pub fn min(self, other: Pt) -> Pt {
        if self.0 <= other.0 { self } else { other }
    }

    pub fn abs(self) -> Pt {
        Pt(self.0.abs())
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, o: Pt) -> Pt {
        Pt(self.0 + o.0)
    }
}
impl AddAssign for Pt {
    fn add_assign(&mut self, o: Pt) {
        self.0 += o.0;
    }
}
impl Sub for Pt {
    type Output = Pt;
    fn sub(self, o: Pt) -> Pt {
        Pt(self.0 - o.0)
    }
}
impl SubAssign for Pt {
    fn sub_assign(&mut self, o: Pt) {
        self.0 -= o.0;
    }
}
impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}
impl Mul<f64> for Pt {
    type Output = Pt;
    fn mul(self, k: f64) -> Pt {
        Pt(self.0 * k)
    }
}
impl Div<f64> for Pt {
    type Output = Pt;
    fn div(self, k: f64) -> Pt {
        Pt(self.0 / k)
    }
}
impl Div for Pt {
    type Output = f64;
    fn div(self, o: Pt) -> f64 {
        self.0 / o.0
    }
}
impl Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        Pt(iter.map(|p| p.0).sum())
    }
}

/// A length relative to the font size (1 em = the size in points).
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct Em(pub f64);

impl Em {
    pub fn at(self, size: Pt) -> Pt {
        Pt(self.0 * size.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_convert_to_points() {
        assert!((Pt::from_mm(25.4).0 - 72.0).abs() < 1e-9);
    }

    #[test]
    fn em_scales_with_size() {
        assert_eq!(Em(0.25).at(Pt(10.0)), Pt(2.5));
    }
}
