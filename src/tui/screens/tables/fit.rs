//! Which columns of a table fit the view: the first column always stays, the others scroll
//! with ←→ and share what room is left. Kept apart from the drawing because it is plain
//! arithmetic with its own tests.

/// Widest a column gets before its cells wrap.
pub const MAX_COLUMN: usize = 42;

/// Narrowest a scrolled column is squeezed to before it scrolls out of view instead.
const MIN_COLUMN: usize = 18;

/// The columns shown for a view `avail` wide, as (column, width): the first column always, then
/// columns from `from` on while each can get at least [`MIN_COLUMN`] (or its natural width if
/// smaller); whatever room is left goes to the squeezed columns, up to their natural widths.
pub fn fit_columns(natural: &[usize], from: usize, avail: usize) -> Vec<(usize, usize)> {
    let Some(&first_natural) = natural.first() else { return Vec::new() };
    let first = first_natural.min((avail / 3).max(6)).min(avail);
    let mut shown = vec![(0usize, first)];
    let mut used = first;
    for (c, &w) in natural.iter().enumerate().skip(from.max(1)) {
        let need = w.min(MIN_COLUMN);
        if used + 2 + need > avail {
            break;
        }
        used += 2 + need;
        shown.push((c, need));
    }
    // Hand out the rest, one column at a time, to columns below their natural width.
    let mut spare = avail.saturating_sub(used);
    while spare > 0 {
        let mut grew = false;
        for (c, w) in shown.iter_mut().skip(1) {
            if spare > 0 && natural.get(*c).is_some_and(|&n| *w < n) {
                *w += 1;
                spare -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_share_the_width_and_the_first_stays() {
        let shown = fit_columns(&[20, 42, 42, 42], 1, 80);
        assert_eq!(shown[0], (0, 20));
        assert_eq!(shown.len(), 4, "three squeezed columns fit beside the first: {shown:?}");
        assert!(shown.iter().skip(1).all(|s| s.1 >= MIN_COLUMN), "{shown:?}");
        let total: usize = shown.iter().map(|s| s.1).sum::<usize>() + 2 * (shown.len() - 1);
        assert!(total <= 80, "{shown:?}");
        // Scrolled right: the first column, then column 3.
        assert_eq!(fit_columns(&[20, 42, 42, 42], 3, 80).iter().map(|s| s.0).collect::<Vec<_>>(), vec![0, 3]);
        // Everything fits at natural widths.
        assert_eq!(fit_columns(&[5, 6], 1, 80), vec![(0, 5), (1, 6)]);
    }
}
