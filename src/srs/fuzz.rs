//! Interval fuzz: py-fsrs's ranges, with a deterministic draw per item and study day.
//!
//! py-fsrs draws from Python's global `random()`. dopdeck instead seeds the draw from a stable
//! hash of the item id and the study day, so that previewing the buttons and then grading give
//! the same interval, a replayed grade gives the same due date, and tests are reproducible.

use chrono::NaiveDate;

/// One band of py-fsrs's `FUZZ_RANGES`: intervals between `start` and `end` days widen the
/// range by `factor` per day.
struct FuzzRange {
    start: f64,
    end: f64,
    factor: f64,
}

const FUZZ_RANGES: [FuzzRange; 3] = [
    FuzzRange { start: 2.5, end: 7.0, factor: 0.15 },
    FuzzRange { start: 7.0, end: 20.0, factor: 0.1 },
    FuzzRange { start: 20.0, end: f64::INFINITY, factor: 0.05 },
];

/// The smallest and largest fuzzed interval for `interval_days` (py-fsrs `_get_fuzz_range`).
pub(crate) fn fuzz_range(interval_days: u32, maximum_interval: u32) -> (u32, u32) {
    let days = f64::from(interval_days);
    let delta = 1.0 + FUZZ_RANGES.iter().map(|r| r.factor * (days.min(r.end) - r.start).max(0.0)).sum::<f64>();
    let min_ivl = ((days - delta).round_ties_even() as i64).max(2);
    let max_ivl = ((days + delta).round_ties_even() as i64).min(i64::from(maximum_interval));
    let min_ivl = min_ivl.min(max_ivl);
    (clamp_u32(min_ivl), clamp_u32(max_ivl))
}

/// The fuzzed interval (py-fsrs `_get_fuzzed_interval`), drawing from `unit`, a number in
/// [0, 1). Intervals under 2.5 days are not fuzzed.
///
/// Every whole number of days from the range's minimum to its maximum is equally likely.
/// py-fsrs rounds `unit × (max − min + 1) + min`, which makes the endpoints half as likely and
/// can give `max + 1`; taking the floor instead keeps the result inside py-fsrs's range, which
/// is what its code comment intends ("a random value between min_ivl and max_ivl").
pub(crate) fn fuzzed_interval(interval_days: u32, maximum_interval: u32, unit: f64) -> u32 {
    if f64::from(interval_days) < 2.5 {
        return interval_days;
    }
    let (min_ivl, max_ivl) = fuzz_range(interval_days, maximum_interval);
    let drawn = unit * f64::from(max_ivl - min_ivl + 1) + f64::from(min_ivl);
    clamp_u32(drawn.floor() as i64).clamp(min_ivl, max_ivl).min(maximum_interval)
}

/// A number in [0, 1) that depends only on the item id and the study day.
///
/// FNV-1a over the id and the day number, finished with SplitMix64 so that neighbouring days
/// and ids give unrelated draws. Both steps are fixed algorithms, so the value is stable across
/// Rust versions and platforms (unlike `std`'s `DefaultHasher`).
pub(crate) fn unit_draw(item_id: &str, day: NaiveDate) -> f64 {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let day_number = i64::from(chrono::Datelike::num_days_from_ce(&day));
    let bytes = item_id.bytes().chain([0xff]).chain(day_number.to_le_bytes());
    let mut hash = FNV_OFFSET;
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    let mixed = splitmix64(hash);
    // The top 53 bits make an evenly spread double in [0, 1).
    (mixed >> 11) as f64 / (1u64 << 53) as f64
}

fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn clamp_u32(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_match_py_fsrs() {
        // py-fsrs: interval 3 → delta 1.075 → (round(1.925), round(4.075)) = (2, 4).
        assert_eq!(fuzz_range(3, 36_500), (2, 4));
        // interval 10 → delta 1 + 0.675 + 0.3 = 1.975 → (8, 12).
        assert_eq!(fuzz_range(10, 36_500), (8, 12));
        // interval 100 → delta 1 + 0.675 + 1.3 + 4 = 6.975 → (93, 107).
        assert_eq!(fuzz_range(100, 36_500), (93, 107));
        assert_eq!(fuzz_range(100, 50), (50, 50));
    }

    #[test]
    fn draws_are_stable_and_in_range() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap_or_default();
        let a = unit_draw("card-1", day);
        assert_eq!(a, unit_draw("card-1", day));
        assert_ne!(a, unit_draw("card-2", day));
        assert!((0.0..1.0).contains(&a));
        for unit in [0.0, 0.5, 0.999_999] {
            let ivl = fuzzed_interval(100, 36_500, unit);
            assert!((93..=107).contains(&ivl));
        }
        assert_eq!(fuzzed_interval(2, 36_500, 0.9), 2);
    }
}
