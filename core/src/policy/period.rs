//! When a rule is in force: periods of calendar days, and the words for them.

use crate::i18n::Lang;
use crate::messages::Msg;
use jiff::civil::Date;

/// The days a rule is in force, both ends included; an open end is `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl Period {
    pub const ALWAYS: Period = Period {
        from: None,
        until: None,
    };

    pub fn new(from: Option<Date>, until: Option<Date>) -> Period {
        Period { from, until }
    }

    pub fn is_always(self) -> bool {
        self == Period::ALWAYS
    }

    pub fn contains(self, date: Date) -> bool {
        self.from.map_or(true, |f| f <= date) && self.until.map_or(true, |u| date <= u)
    }

    /// Whether some day lies in both periods.
    pub fn overlaps(self, other: Period) -> bool {
        self.intersect(other).is_some()
    }

    /// The days in both periods, if any.
    pub fn intersect(self, other: Period) -> Option<Period> {
        let from = match (self.from, other.from) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let until = match (self.until, other.until) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (from, until) {
            (Some(f), Some(u)) if f > u => None,
            _ => Some(Period { from, until }),
        }
    }

    /// Whether every day of `self` is in `other`.
    pub fn within(self, other: Period) -> bool {
        self.intersect(other) == Some(self)
    }

    /// "from 2021-04-09 until 2025-12-31", "2021-04-09起" …; empty for a period without ends.
    pub fn describe(self, lang: Lang) -> String {
        self.message()
            .map(|m| m.render(lang).into_owned())
            .unwrap_or_default()
    }

    /// The period in words, if it has an end.
    pub fn message(self) -> Option<Msg> {
        match (self.from, self.until) {
            (None, None) => None,
            (Some(f), None) => Some(Msg::period_from(f)),
            (None, Some(u)) => Some(Msg::period_until(u)),
            (Some(f), Some(u)) => Some(Msg::period_from_until(f, u)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn p(from: Option<&str>, until: Option<&str>) -> Period {
        Period::new(from.map(d), until.map(d))
    }

    #[test]
    fn both_ends_are_included() {
        let period = p(Some("2025-01-01"), Some("2025-12-31"));
        let cases = [
            ("2024-12-31", false),
            ("2025-01-01", true),
            ("2025-12-31", true),
            ("2026-01-01", false),
        ];
        for (date, inside) in cases {
            assert_eq!(period.contains(d(date)), inside, "{date}");
        }
        assert!(Period::ALWAYS.contains(d("1900-01-01")));
    }

    #[test]
    fn overlapping_and_nested_periods() {
        let cases = [
            (
                p(None, Some("2024-12-31")),
                p(Some("2025-01-01"), None),
                false,
            ),
            (
                p(None, Some("2025-01-01")),
                p(Some("2025-01-01"), None),
                true,
            ),
            (p(Some("2025-01-01"), None), Period::ALWAYS, true),
            (
                p(Some("2025-01-01"), Some("2025-06-30")),
                p(Some("2025-07-01"), Some("2025-12-31")),
                false,
            ),
        ];
        for (a, b, overlap) in cases {
            assert_eq!(a.overlaps(b), overlap, "{a:?} {b:?}");
            assert_eq!(b.overlaps(a), overlap, "{b:?} {a:?}");
        }
        assert!(p(Some("2025-01-01"), Some("2025-06-30")).within(p(Some("2024-01-01"), None)));
        assert!(!Period::ALWAYS.within(p(Some("2024-01-01"), None)));
    }

    #[test]
    fn words() {
        let period = p(Some("2021-04-09"), Some("2025-12-31"));
        assert_eq!(period.describe(Lang::Zh), "2021-04-09至2025-12-31");
        assert_eq!(
            period.describe(Lang::En),
            "from 2021-04-09 until 2025-12-31"
        );
        assert_eq!(
            p(Some("2021-04-09"), None).describe(Lang::En),
            "from 2021-04-09"
        );
    }
}
