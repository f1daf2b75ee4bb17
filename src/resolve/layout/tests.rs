use std::path::Path;

use super::*;
use crate::units::Pt;

/// Loads `text` as the layout file x.toml (built-in `extends` only).
fn layout(text: &str) -> Result<Layout> {
    parse_layout(Path::new("x.toml"), text.to_string())
}

fn error(text: &str) -> String {
    layout(text).unwrap_err().to_string()
}

/// Writes files into a fresh folder: (name, text) pairs.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn load_in(dir: &tempfile::TempDir, name: &str) -> Result<Layout> {
    load_layout(dir.path().join(name).to_str().unwrap(), None)
}

#[test]
fn every_builtin_layout_loads() {
    for name in chain::builtin_names() {
        let l = load_layout(name, None).unwrap();
        assert_eq!(l.name, name);
        assert_eq!(l.origin, Path::new(&format!("layouts/{name}.toml")));
    }
    let b = load_layout("broadsheet", None).unwrap();
    assert_eq!((b.grid.columns, b.grid.chars), (8, 13));
    assert_eq!(b.grid.body_size.0, Pt(9.0));
    let t = load_layout("tabloid", None).unwrap();
    assert!((5..=6).contains(&t.grid.columns));
}

#[test]
fn builtin_layouts_state_only_their_differences() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts");
    for name in chain::builtin_names().filter(|n| *n != chain::BASE) {
        let text = std::fs::read_to_string(dir.join(format!("{name}.toml"))).unwrap();
        assert!(text.lines().count() <= 40, "{name}.toml is long");
        assert!(text.contains("\nextends = "), "{name}.toml extends nothing");
    }
}

#[test]
fn the_builtin_feature_layout_is_a_13_character_grid() {
    let l = load_layout("feature", None).unwrap();
    let g = l.grid();
    assert_eq!(l.grid.chars, 13);
    assert!((g.column_width.0 - 13.0 * g.body_size.0).abs() < 1e-9);
    assert!(g.left.0 >= l.page.margin_side.0.0);
}

#[test]
fn a_child_inherits_all_it_does_not_state() {
    let l = layout("extends = \"feature\"\n[grid]\ncolumns = 4\n").unwrap();
    let feature = load_layout("feature", None).unwrap();
    assert_eq!(l.grid.columns, 4);
    assert_eq!(l.grid.chars, feature.grid.chars);
    assert_eq!(l.page.width, feature.page.width);
    assert_eq!(l.fonts["hei_bold"].weight, 700);
    assert_eq!(l.styles.headline.lines, feature.styles.headline.lines);
    // The name is never inherited: the file's own, or its stem.
    assert_eq!(l.name, "x");
    assert_eq!(l.origin, Path::new("x.toml"));
}

#[test]
fn tables_merge_key_by_key_and_lists_are_replaced() {
    let l = layout("[fonts.hei_bold]\nfamilies = [\"Kai\"]\n[fonts.kai]\nfamilies = [\"Kai\"]\n")
        .unwrap();
    assert_eq!(l.fonts["hei_bold"].families, ["Kai"], "the list replaced");
    assert_eq!(l.fonts["hei_bold"].weight, 700, "the weight inherited");
    assert_eq!(l.fonts["kai"].weight, 400, "a new role's own default");
    assert_eq!(l.fonts.len(), 5);
}

#[test]
fn sizes_in_em_follow_the_body_size() {
    let child = "[grid]\ncolumns = 4\nbody_size = \"12pt\"\nline_pitch = \"18pt\"\n\
                 [styles]\nheadline.size = \"2.5em\"\n";
    let l = layout(child).unwrap();
    assert_eq!(l.styles.body.size.0, Pt(12.0), "the base's 1em");
    assert_eq!(l.styles.headline.size.0, Pt(30.0));
    assert_eq!(l.styles.kicker.size.0, Pt(15.0), "points stay points");
    let e = error("[page]\nwidth = \"20em\"\n");
    assert!(
        e.starts_with("x.toml:2:9:") && e.contains("only a style's size"),
        "{e}"
    );
}

#[test]
fn an_error_in_a_child_points_into_the_child() {
    let e = error("extends = \"feature\"\n\n[grid]\ncolumns = 0\n");
    assert!(
        e.starts_with("x.toml:4:1:") && e.contains("grid.columns"),
        "{e}"
    );
    let e = error("extends = \"feature\"\n[styles]\nbody.size = \"0pt\"\n");
    assert!(
        e.starts_with("x.toml:3:6:") && e.contains("styles.body.size"),
        "{e}"
    );
    let e = error("[grid]\ncolour = 1\n");
    assert!(e.starts_with("x.toml:2:1:") && e.contains("colour"), "{e}");
    let e = error("extends = \"feature\"\n[grid]\nchars = 2\n");
    assert!(
        e.starts_with("x.toml:3:1:") && e.contains("narrower"),
        "{e}"
    );
}

#[test]
fn an_inherited_error_points_into_the_file_that_set_it() {
    let dir = folder(&[
        ("typo.toml", "name = \"typo\"\n[grid]\ngutters = 1\n"),
        ("narrow.toml", "[grid]\nchars = 2\n"),
        ("a.toml", "extends = \"typo.toml\"\n[grid]\ncolumns = 4\n"),
        ("b.toml", "extends = \"narrow.toml\"\n[grid]\ncolumns = 4\n"),
        ("c.toml", "extends = \"narrow.toml\"\n[grid]\nchars = 12\n"),
    ]);
    // An unknown key, and a value the checks refuse, both set by the parent.
    let e = load_in(&dir, "a.toml").unwrap_err().to_string();
    assert!(
        e.contains("typo.toml:3:1:") && e.contains("unknown field `gutters`"),
        "{e}"
    );
    let e = load_in(&dir, "b.toml").unwrap_err().to_string();
    assert!(
        e.contains("narrow.toml:2:1:") && e.contains("narrower"),
        "{e}"
    );
    // A child that states the value again overrides the parent's.
    assert_eq!(load_in(&dir, "c.toml").unwrap().grid.chars, 12);
}

#[test]
fn a_cycle_is_refused_naming_the_chain() {
    let dir = folder(&[
        ("a.toml", "extends = \"b.toml\"\n"),
        ("b.toml", "# b\nextends = \"c.toml\"\n"),
        ("c.toml", "extends = \"a.toml\"\n"),
    ]);
    let e = load_in(&dir, "a.toml").unwrap_err().to_string();
    assert!(e.contains("c.toml:1:11:"), "{e}");
    let d = dir.path().display();
    let chain = format!("a cycle: {d}/a.toml → {d}/b.toml → {d}/c.toml → {d}/a.toml");
    assert!(e.contains(&chain), "{e}");
    let dir = folder(&[("self.toml", "extends = \"./self.toml\"\n")]);
    let e = load_in(&dir, "self.toml").unwrap_err().to_string();
    assert!(
        e.contains("a cycle") && e.contains("self.toml:1:11:"),
        "{e}"
    );
}

#[test]
fn an_unknown_base_is_refused_with_the_builtins() {
    let e = error("name = \"x\"\nextends = \"quarto\"\n");
    assert!(
        e.starts_with("x.toml:2:11:") && e.contains("unknown layout \"quarto\""),
        "{e}"
    );
    assert!(e.contains("feature") && e.contains("base"), "{e}");
    let e = error("extends = \"missing.toml\"\n");
    assert!(
        e.starts_with("x.toml:1:11:") && e.contains("cannot read layout"),
        "{e}"
    );
    let e = error("extends = 3\n");
    assert!(
        e.starts_with("x.toml:1:11:") && e.contains("must be a string"),
        "{e}"
    );
    assert!(
        load_layout("nosuch", None)
            .unwrap_err()
            .to_string()
            .contains("feature")
    );
}

#[test]
fn hanging_takes_a_word_or_a_flag() {
    use crate::model::Hanging;
    let with = |v: &str| {
        layout(&format!(
            "extends = \"feature\"\nname = \"x\"\n[text]\nhanging = {v}\n"
        ))
    };
    assert_eq!(
        load_layout("feature", None).unwrap().text.hanging,
        Hanging::Needed
    );
    for (v, want) in [
        ("\"never\"", Hanging::Never),
        ("\"needed\"", Hanging::Needed),
        ("\"always\"", Hanging::Always),
        ("false", Hanging::Never),
        ("true", Hanging::Always),
    ] {
        assert_eq!(with(v).unwrap().text.hanging, want, "{v}");
    }
    let e = with("\"sometimes\"").unwrap_err().to_string();
    assert!(e.contains("needed"), "{e}");
}

#[test]
fn only_marks_at_the_ems_start_hang_freely_into_a_one_character_ruled_gutter() {
    use crate::model::Hanging;
    use crate::resolve::doc::hanging;
    // feature, broadsheet: a one-character gutter with a rule in its
    // middle; book: no rules; vertical: two characters between bands.
    for (name, want) in [
        ("feature", Hanging::NeededAtStart),
        ("broadsheet", Hanging::NeededAtStart),
        ("tabloid", Hanging::NeededAtStart),
        ("book", Hanging::Needed),
        ("vertical", Hanging::Needed),
    ] {
        assert_eq!(hanging(&load_layout(name, None).unwrap()), want, "{name}");
    }
    let free = layout("extends = \"feature\"\nname = \"x\"\n[grid]\ncolumn_rules = false\n");
    assert_eq!(hanging(&free.unwrap()), Hanging::Needed);
    // Under one character, the rule is less than half an em away: none.
    let narrow = layout("extends = \"feature\"\nname = \"x\"\n[grid]\ngutter = 0.5\n");
    assert_eq!(hanging(&narrow.unwrap()), Hanging::Never);
    let always = layout("extends = \"feature\"\nname = \"x\"\n[text]\nhanging = \"always\"\n");
    assert_eq!(hanging(&always.unwrap()), Hanging::Always);
}
