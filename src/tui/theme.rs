//! Colours and emphasis: a dark theme, a light theme, and a monochrome one for `NO_COLOR`.
//!
//! Every style the screens use comes from a [`Theme`] field, never from a literal colour, so the
//! monochrome theme really is colourless: it keeps only bold, dim, reverse and underline (see
//! <https://no-color.org>). The dark theme leaves the background to the terminal; the light theme
//! paints its own pale background so it reads the same on any terminal.

use ratatui::style::{Color, Modifier, Style};

/// Which palette the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
}

impl ThemeName {
    /// `dark` or `light` (case-insensitive); anything else is `None`.
    pub fn parse(s: &str) -> Option<ThemeName> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            _ => None,
        }
    }
}

/// The styles of every element.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Whole-screen base: text colour and (light theme) background.
    pub base: Style,
    /// Secondary text: ids, dates, explanations of numbers.
    pub dim: Style,
    /// Panel and page titles.
    pub title: Style,
    /// Emphasised text and links.
    pub accent: Style,
    /// The header and footer bars.
    pub bar: Style,
    /// The current tab in the header.
    pub tab_active: Style,
    /// Key names in the footer and help.
    pub key: Style,
    /// The row or item under the cursor.
    pub selected: Style,
    /// Panel borders, and the border of the focused panel.
    pub border: Style,
    pub border_focus: Style,
    /// Good, warning and bad news (right answers, the last ten minutes, wrong answers).
    pub ok: Style,
    pub warn: Style,
    pub err: Style,
    /// The four grade buttons: Again, Hard, Good, Easy.
    pub grades: [Style; 4],
    /// Heatmap levels, from "no reviews" to "many".
    pub heat: [Style; 5],
    /// Matched characters in search results.
    pub matched: Style,
    /// Filled part of gauges and bars.
    pub gauge: Style,
    /// Whether this is the colourless theme (the heatmap then uses glyph density instead).
    pub mono: bool,
}

impl Theme {
    /// The theme for `name`, or the monochrome one when `no_color` (NO_COLOR set).
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::mono();
        }
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
        }
    }

    /// For dark terminals: the terminal's own background, bright accents.
    pub fn dark() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            base: Style::new(),
            dim: fg(Color::DarkGray),
            title: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            accent: fg(Color::Cyan),
            bar: Style::new().bg(Color::Indexed(236)).fg(Color::Gray),
            tab_active: Style::new().bg(Color::Cyan).fg(Color::Black).add_modifier(Modifier::BOLD),
            key: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::Indexed(238)).add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
            border_focus: fg(Color::Cyan),
            ok: fg(Color::Green),
            warn: fg(Color::Yellow),
            err: fg(Color::Red),
            grades: [fg(Color::Red), fg(Color::Yellow), fg(Color::Green), fg(Color::Blue)],
            heat: [
                fg(Color::Indexed(238)),
                fg(Color::Indexed(22)),
                fg(Color::Indexed(28)),
                fg(Color::Indexed(34)),
                fg(Color::Indexed(46)),
            ],
            matched: fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            gauge: fg(Color::Cyan),
            mono: false,
        }
    }

    /// For light terminals: a pale background of its own, darker accents.
    pub fn light() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            base: Style::new().bg(Color::Rgb(250, 250, 246)).fg(Color::Rgb(30, 30, 30)),
            dim: fg(Color::Rgb(120, 120, 120)),
            title: fg(Color::Rgb(0, 90, 160)).add_modifier(Modifier::BOLD),
            accent: fg(Color::Rgb(0, 90, 160)),
            bar: Style::new().bg(Color::Rgb(222, 226, 232)).fg(Color::Rgb(40, 40, 40)),
            tab_active: Style::new().bg(Color::Rgb(0, 90, 160)).fg(Color::White).add_modifier(Modifier::BOLD),
            key: fg(Color::Rgb(150, 70, 0)).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::Rgb(210, 225, 245)).add_modifier(Modifier::BOLD),
            border: fg(Color::Rgb(170, 170, 170)),
            border_focus: fg(Color::Rgb(0, 90, 160)),
            ok: fg(Color::Rgb(0, 120, 40)),
            warn: fg(Color::Rgb(170, 100, 0)),
            err: fg(Color::Rgb(190, 20, 20)),
            grades: [
                fg(Color::Rgb(190, 20, 20)),
                fg(Color::Rgb(170, 100, 0)),
                fg(Color::Rgb(0, 120, 40)),
                fg(Color::Rgb(0, 80, 190)),
            ],
            heat: [
                fg(Color::Rgb(215, 215, 215)),
                fg(Color::Rgb(155, 215, 160)),
                fg(Color::Rgb(90, 180, 100)),
                fg(Color::Rgb(40, 140, 60)),
                fg(Color::Rgb(10, 90, 30)),
            ],
            matched: fg(Color::Rgb(170, 60, 0)).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            gauge: fg(Color::Rgb(0, 90, 160)),
            mono: false,
        }
    }

    /// `NO_COLOR`: no colour at all, only bold, dim, reverse and underline.
    pub fn mono() -> Theme {
        let m = |m: Modifier| Style::new().add_modifier(m);
        Theme {
            base: Style::new(),
            dim: m(Modifier::DIM),
            title: m(Modifier::BOLD),
            accent: m(Modifier::UNDERLINED),
            bar: m(Modifier::REVERSED),
            tab_active: m(Modifier::BOLD),
            key: m(Modifier::BOLD),
            selected: m(Modifier::REVERSED),
            border: Style::new(),
            border_focus: m(Modifier::BOLD),
            ok: m(Modifier::BOLD),
            warn: m(Modifier::BOLD),
            err: m(Modifier::BOLD | Modifier::UNDERLINED),
            grades: [Style::new(); 4],
            heat: [Style::new(); 5],
            matched: m(Modifier::UNDERLINED | Modifier::BOLD),
            gauge: Style::new(),
            mono: true,
        }
    }

    /// The grade button style for rating number `n` (1–4).
    pub fn grade(&self, n: usize) -> Style {
        self.grades.get(n.saturating_sub(1)).copied().unwrap_or(self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_case_insensitively() {
        assert_eq!(ThemeName::parse("Light"), Some(ThemeName::Light));
        assert_eq!(ThemeName::parse(" dark "), Some(ThemeName::Dark));
        assert_eq!(ThemeName::parse("solarized"), None);
    }

    #[test]
    fn no_color_wins_over_the_name() {
        assert!(Theme::new(ThemeName::Light, true).mono);
    }
}
