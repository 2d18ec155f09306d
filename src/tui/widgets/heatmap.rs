//! A GitHub-style review heatmap: one column per week, one row per weekday, today's week last.
//!
//! Levels are relative to the busiest day shown, so the map stays readable for ten reviews a
//! day or three hundred. Without colour (NO_COLOR) the levels are shades `·░▒▓█`.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

/// Columns taken by the weekday labels.
const LABEL: u16 = 4;

/// The heatmap of `per_day` for the `weeks` weeks ending with `today`'s.
pub struct Heatmap<'a> {
    pub per_day: &'a BTreeMap<NaiveDate, u32>,
    pub today: NaiveDate,
    pub weeks: u16,
    pub theme: &'a Theme,
}

impl Heatmap<'_> {
    /// How many weeks fit in `width` columns, at most `max`.
    pub fn weeks_for(width: u16, max: u16) -> u16 {
        (width.saturating_sub(LABEL) / 2).min(max)
    }

    fn first_day(&self) -> NaiveDate {
        let monday = self.today - Duration::days(i64::from(self.today.weekday().num_days_from_monday()));
        monday - Duration::weeks(i64::from(self.weeks.saturating_sub(1)))
    }

    fn level(count: u32, max: u32) -> usize {
        if count == 0 || max == 0 { 0 } else { (count * 4).div_ceil(max).clamp(1, 4) as usize }
    }

    /// One day's cell at `level` (0–4, as `level` computes it; higher reads as 4).
    fn cell(&self, level: usize) -> Span<'static> {
        let level = level.min(4);
        if self.theme.mono {
            Span::raw(["· ", "░ ", "▒ ", "▓ ", "█ "].get(level).copied().unwrap_or("█ "))
        } else {
            Span::styled(if level == 0 { "· " } else { "■ " }, self.theme.heat.get(level).copied().unwrap_or_default())
        }
    }
}

impl Widget for Heatmap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || self.weeks == 0 {
            return;
        }
        let first = self.first_day();
        let max = self.per_day.range(first..=self.today).map(|(_, n)| *n).max().unwrap_or(0);
        // Month names above the first week that starts in that month.
        let mut months = String::from("    ");
        let mut last_month = 0;
        for w in 0..self.weeks {
            let day = first + Duration::weeks(i64::from(w));
            if day.month() != last_month && months.chars().count() <= usize::from(LABEL + 2 * w) {
                let name = day.format("%b").to_string();
                while months.chars().count() < usize::from(LABEL + 2 * w) {
                    months.push(' ');
                }
                months.push_str(&name);
                last_month = day.month();
            }
        }
        buf.set_line(area.x, area.y, &Line::styled(months, self.theme.dim), area.width);
        for (row, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
            let y = area.y + 1 + row as u16;
            if y >= area.bottom() {
                break;
            }
            let mut spans = vec![Span::styled(format!("{name:<4}"), self.theme.dim)];
            for w in 0..self.weeks {
                let day = first + Duration::days(i64::from(w) * 7 + row as i64);
                if day > self.today {
                    spans.push(Span::raw("  "));
                    continue;
                }
                let count = self.per_day.get(&day).copied().unwrap_or(0);
                spans.push(self.cell(Self::level(count, max)));
            }
            buf.set_line(area.x, y, &Line::from(spans), area.width);
        }
        let legend_y = area.y + 8;
        if legend_y < area.bottom() {
            let mut spans = vec![Span::styled("    less ", self.theme.dim)];
            spans.extend((0..5).map(|l| self.cell(l)));
            spans.push(Span::styled("more", self.theme.dim));
            buf.set_line(area.x, legend_y, &Line::from(spans), area.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_scale_to_the_busiest_day() {
        assert_eq!(Heatmap::level(0, 10), 0);
        assert_eq!(Heatmap::level(1, 10), 1);
        assert_eq!(Heatmap::level(10, 10), 4);
        assert_eq!(Heatmap::level(6, 10), 3);
    }

    #[test]
    fn today_is_in_the_last_column() {
        let theme = Theme::mono();
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default(); // a Saturday
        let mut per_day = BTreeMap::new();
        per_day.insert(today, 5);
        let area = Rect::new(0, 0, 4 + 2 * 12, 9);
        let mut buf = Buffer::empty(area);
        Heatmap { per_day: &per_day, today, weeks: 12, theme: &theme }.render(area, &mut buf);
        // Saturday is row 5 (line 6); the last week's cell starts at column 4 + 2 * 11.
        assert_eq!(buf[(26, 6)].symbol(), "█");
        // Sunday after today is in the future: blank.
        assert_eq!(buf[(26, 7)].symbol(), " ");
    }
}
