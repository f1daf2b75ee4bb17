//! The values a layout file writes as strings: lengths with a unit, and type
//! sizes relative to the body size.

use serde::Deserialize;

use crate::units::Pt;

/// A length written with its unit: "275mm", "10pt", "1.5cm", "0.5in".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length(pub Pt);

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Length, D::Error> {
        let s = String::deserialize(d)?;
        if let Some(length) = parse_length(&s) {
            return Ok(Length(length));
        }
        // Style sizes in em are turned into points before this runs (see
        // merge::resolve_relative_sizes); any em left is somewhere else.
        let msg = if parse_em(&s).is_some() {
            format!(
                "\"{s}\" is relative to the body size, which only a style's size may be; write a number and a unit: \"275mm\", \"10pt\""
            )
        } else {
            format!(
                "\"{s}\" is not a length; write a number and a unit: \"275mm\", \"10pt\", \"1.5cm\", \"1in\" (a style's size may also be \"1.2em\", relative to the body size)"
            )
        };
        Err(serde::de::Error::custom(msg))
    }
}

/// Splits "1.5cm" into 1.5 and "cm"; None without a finite number.
fn number_and_unit(s: &str) -> Option<(f64, &str)> {
    let s = s.trim();
    let split = s.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, unit) = s.split_at(split);
    let v: f64 = num.trim().parse().ok()?;
    v.is_finite().then_some((v, unit))
}

pub(super) fn parse_length(s: &str) -> Option<Pt> {
    let (v, unit) = number_and_unit(s)?;
    Some(match unit {
        "pt" => Pt(v),
        "mm" => Pt::from_mm(v),
        "cm" => Pt::from_mm(v * 10.0),
        "in" => Pt(v * 72.0),
        _ => return None,
    })
}

/// A size relative to the body size: "1.6em" is 1.6 × grid.body_size. "em"
/// is no unit of [`parse_length`], so the two cannot be confused.
pub(super) fn parse_em(s: &str) -> Option<f64> {
    match number_and_unit(s)? {
        (v, "em") => Some(v),
        _ => None,
    }
}

/// The points of a relative size, written as a length that parses back to
/// exactly the same number (f64's Display is the shortest exact form).
pub(super) fn em_as_points(em: f64, body: Pt) -> String {
    format!("{}pt", em * body.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_parse_with_units() {
        assert_eq!(parse_length("10pt"), Some(Pt(10.0)));
        assert!((parse_length("25.4mm").unwrap().0 - 72.0).abs() < 1e-9);
        assert_eq!(parse_length("1in"), Some(Pt(72.0)));
        assert_eq!(parse_length("10"), None);
        assert_eq!(parse_length("10px"), None);
        assert_eq!(parse_length("1.5em"), None);
    }

    #[test]
    fn relative_sizes_parse_only_in_em() {
        assert_eq!(parse_em("1.6em"), Some(1.6));
        assert_eq!(parse_em(" 1em "), Some(1.0));
        assert_eq!(parse_em("1.6pt"), None);
        assert_eq!(parse_em("em"), None);
        assert_eq!(parse_em("infem"), None);
    }

    #[test]
    fn relative_sizes_round_trip_exactly() {
        for (em, body) in [(1.0, 10.5), (1.6, 10.0), (0.8, 9.0), (1.0 / 3.0, 7.0)] {
            let written = em_as_points(em, Pt(body));
            assert_eq!(parse_length(&written), Some(Pt(em * body)), "{written}");
        }
    }
}
