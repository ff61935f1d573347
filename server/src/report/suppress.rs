//! Hiding small groups in a report.
//!
//! A count of learners is shown only if it is 0 or at least the minimum group size (5 by
//! default, never below 3), so no figure describes one or two identifiable people. Hiding one
//! cell is not enough when its row total is shown: the total minus the shown cells would give it
//! back, and two hidden cells that add up to 2 must each be 1. So more cells are hidden, smallest
//! first, until at least two are hidden and together they count at least the minimum (secondary
//! suppression, as national statistics do). A row whose total is under the minimum is hidden
//! whole.
//!
//! The reader this guards against knows every shown figure, the total, and that a hidden cell
//! holds at least one learner (zeros are shown). A property test proves such a reader cannot
//! narrow any hidden cell to one value. Like national statistics' rules, it does not claim to
//! stop a reader who replays the choice of which cells to hide; ADR 0014 says how far that
//! matters for cohorts of about 20.

/// The smallest group a shown figure may describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinGroup(u32);

impl MinGroup {
    /// The default: figures about fewer than 5 learners are hidden.
    pub const DEFAULT: Self = Self(5);
    /// No operator may set it lower than this.
    pub const LOWEST: u32 = 3;

    pub fn new(size: u32) -> Result<Self, TooSmall> {
        if size < Self::LOWEST {
            return Err(TooSmall { size });
        }
        Ok(Self(size))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// A minimum group below [`MinGroup::LOWEST`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the smallest group shown must be at least {lowest}, not {size}", lowest = MinGroup::LOWEST)]
pub struct TooSmall {
    pub size: u32,
}

/// One figure as a report shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Shown(u32),
    /// Shown as "fewer than 5" (or the minimum in force), or as hidden to protect such a cell.
    Hidden,
}

/// A row of counts with its total, as a report may show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub total: Cell,
    pub cells: Vec<Cell>,
}

fn row_hidden(counts: &[u32]) -> Row {
    Row {
        total: Cell::Hidden,
        cells: counts.iter().map(|_| Cell::Hidden).collect(),
    }
}

/// Hides what must be hidden in a row of counts whose total is their sum.
pub fn row(counts: &[u32], min: MinGroup) -> Row {
    let total: u32 = counts.iter().sum();
    // A row of zeros shows them: "no one" describes no one.
    if (1..min.get()).contains(&total) {
        return row_hidden(counts);
    }
    let small = |n: u32| n > 0 && n < min.get();
    secure(counts, counts.iter().map(|&n| small(n)).collect(), min)
}

/// A part shown beside its whole: one council's row beside the row for all councils. A reader
/// of both can subtract, so the rest (the whole minus the part) must be as safe as a row of its
/// own: a cell of the whole is hidden wherever the part's or the rest's would be. The part must
/// be no larger than the whole, cell by cell.
pub fn beside(part: &[u32], whole: &[u32], min: MinGroup) -> (Row, Row) {
    debug_assert_eq!(part.len(), whole.len());
    let part_row = row(part, min);
    if part_row.total == Cell::Hidden {
        // Nothing of the part is shown, so nothing can be subtracted.
        return (part_row, row(whole, min));
    }
    let rest: Vec<u32> = whole.iter().zip(part).map(|(w, p)| w - p).collect();
    let rest_row = row(&rest, min);
    if rest_row.total == Cell::Hidden {
        // The whole's total minus the part's would give the rest's small total.
        return (part_row, row_hidden(whole));
    }
    let small = |n: u32| n > 0 && n < min.get();
    let hidden = whole
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            small(n) || part_row.cells[i] == Cell::Hidden || rest_row.cells[i] == Cell::Hidden
        })
        .collect();
    (part_row, secure(whole, hidden, min))
}

/// A row of counts hidden wherever any of `patterns` (rows over the same counts or parts of
/// them) hides a cell, and whole if any is hidden whole, then made safe like [`row`]. Every
/// reader then sees the same row, so readers who pool what they were shown learn nothing more.
pub fn merged<'a>(
    counts: &[u32],
    patterns: impl IntoIterator<Item = &'a Row>,
    min: MinGroup,
) -> Row {
    let own = row(counts, min);
    if own.total == Cell::Hidden {
        return own;
    }
    let mut hidden: Vec<bool> = own.cells.iter().map(|c| *c == Cell::Hidden).collect();
    for pattern in patterns {
        if pattern.total == Cell::Hidden {
            return row_hidden(counts);
        }
        for (h, c) in hidden.iter_mut().zip(&pattern.cells) {
            *h |= *c == Cell::Hidden;
        }
    }
    secure(counts, hidden, min)
}

/// Starting from the cells already marked, hides more until at least two cells are hidden and
/// together they count at least the minimum and more than one learner each: then neither
/// subtraction nor "a hidden cell holds at least 1" pins any of them down.
fn secure(counts: &[u32], mut hidden: Vec<bool>, min: MinGroup) -> Row {
    loop {
        let (count, sum) = counts
            .iter()
            .zip(&hidden)
            .filter(|&(_, &h)| h)
            .fold((0, 0), |(c, s), (&n, _)| (c + 1, s + n));
        if count == 0 || (count >= 2 && sum >= min.get().max(count + 1)) {
            break;
        }
        // The smallest other non-zero cell; ties go to the first, so the result is stable.
        let next = counts
            .iter()
            .enumerate()
            .filter(|&(i, &n)| !hidden[i] && n > 0)
            .min_by_key(|&(i, &n)| (n, i))
            .map(|(i, _)| i);
        match next {
            Some(i) => hidden[i] = true,
            // Every non-zero cell is hidden and still too few: say only that the row is small.
            None => return row_hidden(counts),
        }
    }
    Row {
        total: Cell::Shown(counts.iter().sum()),
        cells: counts
            .iter()
            .zip(hidden)
            .map(|(&n, h)| if h { Cell::Hidden } else { Cell::Shown(n) })
            .collect(),
    }
}

impl Cell {
    /// The figure, or `None` if hidden.
    pub fn value(self) -> Option<u32> {
        match self {
            Self::Shown(n) => Some(n),
            Self::Hidden => None,
        }
    }
}

/// In JSON a hidden figure is `null`: a number that is not there.
impl serde::Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(serializer)
    }
}

impl serde::Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut row = serializer.serialize_struct("Row", 2)?;
        row.serialize_field("total", &self.total)?;
        row.serialize_field("cells", &self.cells)?;
        row.end()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_minimum_is_never_below_three() {
        assert!(MinGroup::new(2).is_err());
        assert_eq!(MinGroup::new(3).unwrap().get(), 3);
        assert_eq!(MinGroup::DEFAULT.get(), 5);
    }

    #[test]
    fn one_small_cell_takes_the_smallest_other_with_it() {
        use Cell::{Hidden, Shown};
        let shown = row(&[12, 2, 7, 0], MinGroup::DEFAULT);
        assert_eq!(shown.total, Shown(21));
        assert_eq!(shown.cells, [Shown(12), Hidden, Hidden, Shown(0)]);
        // Two small cells protect each other.
        let shown = row(&[12, 2, 3, 9], MinGroup::DEFAULT);
        assert_eq!(shown.cells, [Shown(12), Hidden, Hidden, Shown(9)]);
        // Five cells of 1 would each be known to be 1: the whole row goes.
        let shown = row(&[1, 1, 1, 1, 1, 0], MinGroup::DEFAULT);
        assert_eq!(shown.total, Hidden);
        // A small total hides the whole row.
        let shown = row(&[3, 1], MinGroup::DEFAULT);
        assert_eq!(
            shown,
            Row {
                total: Hidden,
                cells: vec![Hidden, Hidden]
            }
        );
    }

    /// What a reader can work out of each hidden cell: its smallest and largest possible value,
    /// knowing the shown cells, the total, and that a hidden cell holds at least 1.
    fn ranges(published: &Row) -> Vec<Option<(u32, u32)>> {
        ranges_from(published, 1)
    }

    /// As [`ranges`], where a hidden cell holds at least `floor`.
    fn ranges_from(published: &Row, floor: u32) -> Vec<Option<(u32, u32)>> {
        let Cell::Shown(total) = published.total else {
            return published.cells.iter().map(|_| None).collect();
        };
        let shown: u32 = published
            .cells
            .iter()
            .map(|c| if let Cell::Shown(n) = c { *n } else { 0 })
            .sum();
        let hidden = published
            .cells
            .iter()
            .filter(|c| **c == Cell::Hidden)
            .count();
        let hidden = u32::try_from(hidden).unwrap();
        let left = total - shown;
        published
            .cells
            .iter()
            .map(|c| (*c == Cell::Hidden).then(|| (floor, left - floor * (hidden - 1))))
            .collect()
    }

    proptest! {
        /// No shown figure describes between 1 and min - 1 learners.
        #[test]
        fn no_shown_figure_is_a_small_group(
            counts in proptest::collection::vec(0u32..30, 1..6),
            min in 3u32..7,
        ) {
            let min = MinGroup::new(min).unwrap();
            let shown = row(&counts, min);
            for cell in shown.cells.iter().chain([&shown.total]) {
                if let Cell::Shown(n) = *cell {
                    prop_assert!(n == 0 || n >= min.get(), "{counts:?} showed {n}");
                }
            }
        }

        /// Beside its whole, a part leaks nothing: no shown figure of the part, the whole or the
        /// rest worked out by subtraction is a small group, and no hidden cell of the part, the
        /// whole or the rest can be narrowed to one value.
        #[test]
        fn a_part_beside_its_whole_leaks_nothing(
            pairs in proptest::collection::vec((0u32..25, 0u32..25), 1..6),
            min in 3u32..7,
        ) {
            let min = MinGroup::new(min).unwrap();
            let part: Vec<u32> = pairs.iter().map(|p| p.0).collect();
            let rest: Vec<u32> = pairs.iter().map(|p| p.1).collect();
            let whole: Vec<u32> = pairs.iter().map(|p| p.0 + p.1).collect();
            let (part_row, whole_row) = beside(&part, &whole, min);
            // What a reader can work out of the rest: a figure where both are shown.
            let derived = |a: Cell, w: Cell| match (a, w) {
                (Cell::Shown(a), Cell::Shown(w)) => Cell::Shown(w - a),
                _ => Cell::Hidden,
            };
            let rest_row = Row {
                total: derived(part_row.total, whole_row.total),
                cells: part_row
                    .cells
                    .iter()
                    .zip(&whole_row.cells)
                    .map(|(&a, &w)| derived(a, w))
                    .collect(),
            };
            // A hidden cell of the part or the whole holds at least 1; one of the rest may be 0.
            for (published, counts, floor) in [(&part_row, &part, 1), (&whole_row, &whole, 1), (&rest_row, &rest, 0)] {
                for cell in published.cells.iter().chain([&published.total]) {
                    if let Cell::Shown(n) = *cell {
                        prop_assert!(n == 0 || n >= min.get(), "{pairs:?} showed {n}");
                    }
                }
                for (i, range) in ranges_from(published, floor).into_iter().enumerate() {
                    if let Some((low, high)) = range {
                        prop_assert!(low <= counts[i] && counts[i] <= high, "{pairs:?}: {i}");
                        // Pinning a zero reveals no one; pinning anyone else does.
                        prop_assert!(
                            counts[i] == 0 || high > low,
                            "{pairs:?}: cell {i} can only be {low}"
                        );
                    }
                }
            }
        }

        /// No hidden cell can be worked out: every row that publishes the same way leaves each
        /// hidden cell at least two possible values.
        #[test]
        fn no_hidden_figure_can_be_worked_out(
            counts in proptest::collection::vec(0u32..30, 1..8),
            min in 3u32..7,
        ) {
            let min = MinGroup::new(min).unwrap();
            let published = row(&counts, min);
            for (i, range) in ranges(&published).into_iter().enumerate() {
                if let Some((low, high)) = range {
                    prop_assert!(low <= counts[i] && counts[i] <= high, "{counts:?}: {i}");
                    prop_assert!(high > low, "{counts:?}: cell {i} can only be {low}");
                }
            }
        }
    }
}
