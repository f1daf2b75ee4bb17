//! A page's module the make-up gives more rows than its text takes fills
//! them: the white lines go to its title area, under the block, and every
//! column ends at the module's foot (white under the text, at the page's
//! foot or over the next module's kicker, reads as a ragged foot or a
//! hole).

use super::items::LineSource;
use super::tests_boxes::boxed_module;
use super::tests_lead::shaped;
use super::*;
use crate::model::LeadPlacement;
use crate::resolve::load_layout;

/// A feature of some 2,000 characters: kicker, headline, deck and
/// paragraphs of differing lengths (their last lines end anywhere).
fn article(writing: &str, lead: bool) -> String {
    let lead = match lead {
        true => {
            "lead = \"\"\"\n梧桐巷十七号楼的电梯等了四年，一张意见书在楼道里贴了三回，六楼的周阿婆终于不用再扶着栏杆一级一级地挪下楼去了。\n\"\"\"\n"
        }
        false => "",
    };
    let mut s = format!(
        "+++\nwriting = \"{writing}\"\nkicker = \"城事·旧楼\"\ntitle = \"六楼的电梯等了四年\"\ndeck = \"一栋老楼加装电梯的账：谁出钱，谁签字\"\n{lead}+++\n"
    );
    let sentences = [
        "梧桐巷十七号楼建于一九八九年，六层，没有电梯。",
        "住在六楼的周阿婆今年八十一岁，膝盖做过手术，从前一天上下两趟，如今一个星期才下楼一次。",
        "今年九月，楼道北侧的钢架终于立了起来。",
        "十一月底，电梯通过特种设备检验。",
        "从第一次在楼道里贴出征求意见书算起，这部电梯整整等了四年。",
        "第一次征求意见是在二〇二二年春天，按照当时的规定，加装电梯要经本单元专有部分面积占比三分之二以上、人数占比三分之二以上的业主同意。",
    ];
    for i in 0..22 {
        let n = 1 + i % sentences.len();
        let para: String = (0..n)
            .map(|k| sentences[(i + k) % sentences.len()])
            .collect();
        s.push_str(&format!("{para}\n\n"));
    }
    s
}

/// The article (with a lead across its columns, or none) set as a page's
/// module of four columns (bands) in `writing`, `rows` slots deep
/// (`None`: to the page's foot, its text's own depth).
fn module((writing, lead): (&str, bool), rows: Option<u32>) -> Module {
    let layout = load_layout("broadsheet", None).unwrap();
    let (doc, shaped) = shaped(article(writing, lead), &layout);
    let grid = layout.grid_for(doc.writing);
    let frame = Frame {
        columns: 4,
        rows,
        fit_title: true,
        lead: match lead {
            true => LeadPlacement::Across {
                columns: None,
                boxed: false,
            },
            false => Frame::full(&grid).lead,
        },
        ..Frame::full(&grid)
    };
    let mut warnings = Vec::new();
    compose_module(&doc, &shaped, &layout, &grid, frame, &mut warnings).unwrap()
}

/// The slot after each column's last line of text.
fn column_ends(m: &Module) -> Vec<u32> {
    let mut ends = vec![0; 4];
    for l in m.lines.iter().filter(|l| l.page == 0) {
        if let Some(c) = l.column {
            ends[c as usize] = ends[c as usize].max(l.slot + 1);
        }
    }
    ends
}

/// The first slot of the title block's first line (the kicker).
fn block_top(m: &Module) -> u32 {
    let header = m
        .lines
        .iter()
        .filter(|l| matches!(l.source, LineSource::Header(_)));
    header.map(|l| l.slot).min().unwrap()
}

#[test]
fn a_module_given_rows_its_text_leaves_white_loosens_its_title_area() {
    for writing in ["horizontal", "vertical"] {
        let own = module((writing, false), None);
        // Its own depth: the text's foot and the white slot under it.
        let rows = own.bottom + 1;
        for more in 1..=2 {
            let m = module((writing, false), Some(rows + more));
            assert_eq!(m.pages.len(), 1, "{writing} +{more}");
            let ends = column_ends(&m);
            let foot = rows + more - 1;
            assert!(
                ends.iter().all(|&e| e + 1 >= foot) && ends.iter().max() == Some(&foot),
                "{writing} +{more}: the columns end at the foot {foot}, none a line over it: {ends:?} (own depth {:?})",
                column_ends(&own)
            );
            assert_eq!(
                block_top(&m),
                block_top(&own),
                "{writing} +{more}: the kicker stays at the top"
            );
        }
    }
}

/// A lead across the module under its block belongs to the block: the
/// white goes under the lead, which stays as near its headline as in the
/// module at its own depth (var-set09's, at the body's size, stood two
/// lines apart, read as a stray deck).
#[test]
fn the_white_goes_under_a_lead_set_across_the_module() {
    for writing in ["horizontal", "vertical"] {
        let own = module((writing, true), None);
        let rows = own.bottom + 1;
        let m = module((writing, true), Some(rows + 2));
        let ends = column_ends(&m);
        assert_eq!(
            ends.iter().max(),
            Some(&(rows + 1)),
            "{writing}: filled {ends:?}"
        );
        let gap = |m: &Module| {
            let (foot, lead) = block_foot_and_lead(m);
            lead - foot
        };
        assert_eq!(
            gap(&m),
            gap(&own),
            "{writing}: the lead stays under its block"
        );
    }
}

/// The first slots of the title block's last line and of the lead's
/// first (flow block 0).
fn block_foot_and_lead(m: &Module) -> (u32, u32) {
    let slots = |header: bool| {
        (m.lines.iter())
            .filter(move |l| match l.source {
                LineSource::Header(_) => header,
                LineSource::Flow(b) => !header && b == 0,
            })
            .map(|l| l.slot)
    };
    (slots(true).max().unwrap(), slots(false).min().unwrap())
}

/// A box on a grid of its own (a horizontal box on a vertical page) as
/// deep as its text takes fills its rule, its lines spread; given far more
/// slots (lines longer, fewer of them), it says how many of its lines stay
/// white, which the make-up charges as a hole.
#[test]
fn a_box_on_a_grid_of_its_own_reports_the_lines_its_text_leaves_white() {
    let layout = load_layout("broadsheet", None).unwrap();
    let (doc, shaped) = shaped(article("horizontal", false), &layout);
    let page = layout.grid_for(crate::model::Writing::Vertical);
    let boxed = |rows| boxed_module((&doc, &shaped), &layout, &page, (8, rows));
    // The fewest slots that hold it on one page.
    let fewest = (8..page.lines)
        .find(|&r| boxed(r).is_some_and(|m| m.pages.len() == 1))
        .expect("a depth that holds the box");
    let unfilled = |rows| boxed(rows).expect("a box").unfilled;
    assert_eq!(unfilled(fewest), 0, "at its depth ({fewest} slots)");
    let wide = unfilled(fewest * 3 / 2);
    assert!(wide > 1, "half as deep again ({fewest} slots): {wide}");
}
