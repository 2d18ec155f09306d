//! How many questions each domain gets: proportional to the exam weights, by largest remainder.
//!
//! With 75 questions and weights 22/17/15/15/14/17 the exact shares are 16.5, 12.75, 11.25 …;
//! each domain gets the whole part, and the questions left over go to the largest fractional
//! parts (ties to the heavier, then lower-numbered domain). When the bank holds fewer questions
//! for a domain than its share, the shortfall is handed on to the others the same way, so an
//! exam is always as long as asked when the bank allows it.

/// The time limit, in minutes, for an exam of `questions` questions at the real exam's pace
/// (180 minutes for 75 questions, pro rata, rounded up, at least one).
///
/// Callers pass the number of questions actually drawn, not the number asked for: a bank of
/// 266 questions asked for 100,000 gives 266 questions and 638 minutes, not 240,000.
pub fn paced_minutes(exam: &crate::content::schema::Exam, questions: usize) -> u32 {
    let per = f64::from(exam.minutes) / f64::from(exam.questions.max(1));
    (per * questions as f64).ceil().clamp(1.0, f64::from(u32::MAX)) as u32
}

/// Per-domain question counts for an exam of `n` questions.
///
/// `domains` is `(domain number, weight, questions available)`. The result has one entry per
/// domain, in the same order, and sums to `min(n, total available)`.
pub fn allocate(n: usize, domains: &[(u8, u32, usize)]) -> Vec<(u8, usize)> {
    let available: usize = domains.iter().map(|d| d.2).sum();
    let mut target = n.min(available);
    let mut counts = vec![0usize; domains.len()];
    // Repeat: share what is left among domains that still have spare questions.
    while target > 0 {
        // (position, weight, spare) of every domain with spare questions.
        let open: Vec<(usize, u32, usize)> = (domains.iter().zip(&counts).enumerate())
            .filter(|(_, (d, c))| **c < d.2)
            .map(|(i, (d, &c))| (i, d.1, d.2 - c))
            .collect();
        let weight: u64 = open.iter().map(|&(_, w, _)| u64::from(w.max(1))).sum();
        if open.is_empty() || weight == 0 {
            break;
        }
        // (position, whole share, remainder, weight, spare)
        let mut shares: Vec<(usize, u64, u64, u32, usize)> = open
            .iter()
            .map(|&(i, w, spare)| {
                let exact = target as u64 * u64::from(w.max(1));
                (i, exact / weight, exact % weight, w, spare)
            })
            .collect();
        let mut given = 0;
        for (i, whole, _, _, spare) in &mut shares {
            let take = (*whole as usize).min(*spare);
            if let Some(c) = counts.get_mut(*i) {
                *c += take;
            }
            *spare -= take;
            given += take;
        }
        shares.sort_by(|a, b| b.2.cmp(&a.2).then(b.3.cmp(&a.3)).then(a.0.cmp(&b.0)));
        for &(i, _, _, _, spare) in &shares {
            if given == target {
                break;
            }
            if spare > 0
                && let Some(c) = counts.get_mut(i)
            {
                *c += 1;
                given += 1;
            }
        }
        if given == 0 {
            break;
        }
        target -= given;
    }
    domains.iter().zip(counts).map(|(d, c)| (d.0, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOP: [(u8, u32); 6] = [(1, 22), (2, 17), (3, 15), (4, 15), (5, 14), (6, 17)];

    fn plenty() -> Vec<(u8, u32, usize)> {
        DOP.iter().map(|&(d, w)| (d, w, 1000)).collect()
    }

    #[test]
    fn seventy_five_questions_follow_the_weights() {
        let counts: Vec<usize> = allocate(75, &plenty()).into_iter().map(|c| c.1).collect();
        // Exact shares 16.5, 12.75, 11.25, 11.25, 10.5, 12.75: wholes sum to 72; the three left
        // go to the largest remainders (.75, .75, then .5 of domain 1 by weight).
        assert_eq!(counts, vec![17, 13, 11, 11, 10, 13]);
        assert_eq!(counts.iter().sum::<usize>(), 75);
    }

    #[test]
    fn shortfalls_are_redistributed() {
        let mut bank = plenty();
        bank[2].2 = 3; // domain 3 has only three questions
        let counts = allocate(75, &bank);
        assert_eq!(counts[2], (3, 3));
        assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), 75);
    }

    #[test]
    fn never_more_than_the_bank() {
        let bank: Vec<_> = DOP.iter().map(|&(d, w)| (d, w, 2)).collect();
        assert_eq!(allocate(75, &bank).iter().map(|c| c.1).sum::<usize>(), 12);
    }
}
