//! Figures in a page's modules: where a figure that does not fit at the
//! cursor goes, and what the text around it does (tests/fixtures/*.toml,
//! read back with `--dump-lines`).

mod common;

use common::dump::{fixture_dump, lines_per_column};

/// A figure in the flow that does not fit under the text at the cursor
/// floats to the head of a column that holds it (or is made smaller to
/// fit; here the last column's, beside the headline): the
/// text goes on in the column it was in. Before, the figure and the rest
/// of the text moved on, leaving the first column nearly empty and the
/// next two white (tests/fixtures/float-figure.toml).
#[test]
fn a_figure_that_does_not_fit_under_the_text_floats_to_the_next_column() {
    let dump = fixture_dump("float-figure.toml");
    let columns = lines_per_column(&dump);
    let numbers: Vec<u32> = columns.iter().map(|c| c.0).collect();
    // The columns with text follow one another from the first.
    assert_eq!(
        numbers,
        (1..=numbers.len() as u32).collect::<Vec<_>>(),
        "{dump}"
    );
    // The first column is not left with a paragraph and white under it
    // while the others go deeper (it held 3 of the 10 lines the next
    // columns held); the figure beside the headline, the columns balance
    // at six lines.
    let deepest = columns.iter().map(|c| c.1).max().unwrap_or(0);
    assert!(
        columns[0].1 + 1 >= deepest && deepest >= 5,
        "first column: {} lines of {deepest}\n{dump}",
        columns[0].1
    );
}

/// A figure met at a column's foot, that the next column's head cannot
/// hold, floats to the head of a later column that can (beside the
/// headline): the text goes on in the columns between. Before, the
/// cursor moved on to that column with the figure and left the columns
/// between white: a hole of 54 × 9 body ems here
/// (tests/fixtures/float-foot.toml), 41 × 9 in a cut module of a
/// generated page.
#[test]
fn a_figure_met_at_a_columns_foot_leaves_no_column_white() {
    let dump = fixture_dump("float-foot.toml");
    let numbers: Vec<u32> = lines_per_column(&dump).iter().map(|c| c.0).collect();
    // Every column of the six holds text, one after another.
    assert_eq!(numbers, (1..=6).collect::<Vec<_>>(), "{dump}");
}

/// A figure met inside a column under the headline, that neither the
/// rest of that column nor the next column's head can hold, floats to
/// the head of a later column that can (beside the headline): the text
/// goes on in the columns between, as on a vertical page. Before, the
/// cursor moved on with it and left the three columns between white
/// (tests/fixtures/float-beside.toml): on 20 generated pages with
/// figures, 4 holes (one of 41 × 5 body ems, in a continued module).
#[test]
fn a_figure_that_fits_only_a_later_columns_head_leaves_the_columns_between_set() {
    let dump = fixture_dump("float-beside.toml");
    let numbers: Vec<u32> = lines_per_column(&dump).iter().map(|c| c.0).collect();
    assert_eq!(numbers, (1..=5).collect::<Vec<_>>(), "{dump}");
}

/// A module whose text runs past its frame as laid out, but fits once
/// laid out again with its jump lines' room kept (the figure then takes
/// another column's head), is set whole on its page: not cut, no jump
/// line. The cut after a first page that was the only one panicked
/// (tests/fixtures/float-reserve.toml).
#[test]
fn a_module_that_fits_with_its_jump_lines_room_kept_is_set_whole() {
    let dump = fixture_dump("float-reserve.toml");
    let columns = lines_per_column(&dump);
    assert_eq!(columns.len(), 6, "{dump}");
    assert!(!dump.contains("page 2,"), "{dump}");
}

/// In a continued module, a figure that no column left on the page holds
/// waits for the continuation's head: the text runs on to the cut,
/// filling the last column over （下转第2版）, and page 2 sets the figure
/// after its first paragraph's lines: under its continuation head the
/// text comes first (the figure there left the head over it alone, its
/// text beside it: gen-pages --tiers set14, pagecheck's head at a
/// column's foot; here 一针地缝。 stood at slot 7, beside the figure's
/// foot). Before, the figure took the cursor to page 2 and left the
/// column two lines deep and white under them
/// (tests/fixtures/defer-figure.toml); on 40 generated pages with
/// figures, holes of 12 × 5 and 13 × 28 body ems. Every body line is set
/// once, in the article's order.
#[test]
fn a_figure_no_column_left_holds_waits_for_the_continuations_head() {
    let dump = fixture_dump("defer-figure.toml");
    let set = dump
        .split("as set on the page")
        .nth(1)
        .expect("the set lines");
    let first = set.split("page 2,").next().unwrap_or(set);
    let last_slot = |column: &str| {
        (column.lines())
            .filter_map(|l| l.trim().strip_prefix("slot"))
            .filter_map(|l| l.split_whitespace().next()?.parse::<u32>().ok())
            .max()
    };
    // The second column runs to the slot over the jump line.
    let second = first.split("page 1, column 2").nth(1).expect("column 2");
    assert!(last_slot(second) >= Some(46), "{dump}");
    // Page 2's text begins under its continuation head (slots 0 and 1),
    // not beside the figure's foot.
    let page2 = first_slot(set.split("page 2, column 1").nth(1).expect("page 2"));
    assert!(
        page2 <= Some(3),
        "page 2's first line at slot {page2:?}\n{dump}"
    );
    // The caption is set on page 2, under the figure.
    let caption = set.find("灯的徽记").expect("the caption");
    assert!(
        caption > set.find("page 2, column 1").expect("page 2"),
        "{dump}"
    );
    // The body as broken, line by line, and as set, column by column.
    let text = |l: &str| l.split('│').nth(1).map(str::to_owned);
    let paragraphs = dump.split("as set on the page").next().unwrap_or(&dump);
    let broken: String = (paragraphs.split('¶').filter(|p| p.contains(" Body,")))
        .flat_map(|p| p.lines().skip(1).filter_map(text).collect::<Vec<_>>())
        .collect();
    let placed: String = (set.split("\n  page ").filter(|c| !c.contains("across")))
        .flat_map(|c| {
            c.lines()
                .filter(|l| l.trim().starts_with("slot"))
                .filter_map(text)
        })
        .filter(|t| t != "灯的徽记")
        .collect();
    assert_eq!(placed, broken, "{dump}");
}

/// A round figure that fills its column leaves no line beside its middle:
/// it stands as a block, the text above and below it. Before, the text
/// ran into its corners in slivers of two or three characters (here 灯多
/// on a line three characters long under the disc's rim, read across
/// the caption to the column under it; on generated pages slivers of 2–7
/// characters at all four corners of a disc two columns wide)
/// (tests/fixtures/round-block.toml).
#[test]
fn a_round_figure_that_fills_its_columns_stands_as_a_block() {
    let dump = fixture_dump("round-block.toml");
    let second = dump.split("page 1, column 2").nth(1).expect("column 2");
    for line in second
        .lines()
        .filter(|l| l.trim_start().starts_with("slot"))
    {
        // `… │text│  set/measure pt …`: every body line is the column's
        // whole measure (the caption, 灯的徽记, its own).
        let measure = line
            .split('/')
            .nth(1)
            .and_then(|m| m.split_whitespace().next());
        let caption = line.contains("灯的徽记");
        assert!(caption || measure == Some("130.00"), "{line}\n{dump}");
    }
}

/// The slot of the first line set in a column of a `--dump-lines` dump.
fn first_slot(column: &str) -> Option<u32> {
    (column.lines())
        .filter_map(|l| l.trim().strip_prefix("slot"))
        .find_map(|l| l.split_whitespace().next()?.parse::<u32>().ok())
}
