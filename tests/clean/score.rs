//! The held-out sets' score: what heldout.rs counts for each input and set.

#[derive(Debug, Default)]
pub(super) struct Score {
    pub(super) inputs: usize,
    pub(super) split_right: usize,
    pub(super) paras: usize,
    pub(super) paras_found: usize,
    /// Of the paragraphs not found, those the OCR text does not hold in
    /// one run of lines; the same for heads.
    pub(super) paras_lost: usize,
    pub(super) heads: usize,
    pub(super) heads_found: usize,
    pub(super) heads_lost: usize,
    pub(super) fields_wrong: usize,
    /// Of those, fields whose value the OCR text does not hold.
    pub(super) fields_lost: usize,
    pub(super) furniture: usize,
    pub(super) furniture_left: usize,
    pub(super) text_removed: usize,
    /// Stretches of columns read across (the scan set's NAME.across), and
    /// of those, the ones a `warning:` line of the report names.
    pub(super) across: usize,
    pub(super) across_reported: usize,
}

impl Score {
    pub(super) fn add(&mut self, o: &Score) {
        self.inputs += o.inputs;
        self.split_right += o.split_right;
        self.paras += o.paras;
        self.paras_found += o.paras_found;
        self.paras_lost += o.paras_lost;
        self.heads_lost += o.heads_lost;
        self.heads += o.heads;
        self.heads_found += o.heads_found;
        self.fields_wrong += o.fields_wrong;
        self.fields_lost += o.fields_lost;
        self.furniture += o.furniture;
        self.furniture_left += o.furniture_left;
        self.text_removed += o.text_removed;
        self.across += o.across;
        self.across_reported += o.across_reported;
    }

    pub(super) fn line(&self) -> String {
        format!(
            "split right {}/{}; paragraphs {}/{} ({:.1} %; {} not in the OCR text); heads {}/{} ({:.1} %; {} not in the OCR text); fields wrong {} ({} not in the OCR text); furniture left {}/{} ({:.1} %); text lines removed {}; columns read across reported {}/{}",
            self.split_right,
            self.inputs,
            self.paras_found,
            self.paras,
            pct(self.paras_found, self.paras),
            self.paras_lost,
            self.heads_found,
            self.heads,
            pct(self.heads_found, self.heads),
            self.heads_lost,
            self.fields_wrong,
            self.fields_lost,
            self.furniture_left,
            self.furniture,
            pct(self.furniture_left, self.furniture),
            self.text_removed,
            self.across_reported,
            self.across
        )
    }
}

pub(super) fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        a as f64 * 100.0 / b as f64
    }
}

/// The stretches of columns read across that a set records for an input
/// (NAME.across: each stretch's first and last line), and how many of
/// them a `warning:` line of the report points into: the report must say
/// the text was read across, never give a scrambled article silently.
pub(super) fn across(across: &std::path::Path, report: &str, s: &mut Score) {
    let Ok(text) = std::fs::read_to_string(across) else {
        return;
    };
    // The lines a warning names: its range ("lines 86–136"), else its own
    // line.
    let warned: Vec<(usize, usize)> = report
        .lines()
        .filter(|l| l.contains(": warning: ") && l.contains("column"))
        .filter_map(|l| {
            let range = l.split("lines ").nth(1).and_then(|r| {
                let (a, b) = r.split_once('–')?;
                let b: String = b.chars().take_while(char::is_ascii_digit).collect();
                Some((a.parse().ok()?, b.parse().ok()?))
            });
            let own = l.split(':').nth(1)?.parse().ok()?;
            Some(range.unwrap_or((own, own)))
        })
        .collect();
    for stretch in text.lines() {
        let mut ends = stretch.split(' ').filter_map(|n| n.parse::<usize>().ok());
        let (Some(first), Some(last)) = (ends.next(), ends.next()) else {
            panic!("{}: bad line {stretch:?}", across.display());
        };
        s.across += 1;
        if warned.iter().any(|&(a, b)| a <= last && first <= b) {
            s.across_reported += 1;
        } else {
            eprintln!(
                "  {}: lines {first}-{last} read across, not reported",
                across.display()
            );
        }
    }
}
