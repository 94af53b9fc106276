//! Exact money: integer ten-thousandths of the file's currency unit.
//!
//! Four decimals rather than two because wholesale price lists (1C) carry prices
//! like `12,3456`; amounts are summed exactly and printed with at least two decimals.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub};

/// Units per currency unit.
pub const SCALE: i64 = 10_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_units(units: i64) -> Money {
        Money(units)
    }

    /// Whole currency units plus hundredths (for tests and hand-written figures).
    pub fn from_cents(cents: i64) -> Money {
        Money(cents * (SCALE / 100))
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `self * num / den`, rounded half away from zero; used for products of
    /// quantity and price, which carry more decimals than money keeps.
    pub fn mul_ratio(self, num: i64, den: i64) -> Option<Money> {
        let wide = i128::from(self.0) * i128::from(num);
        let den = i128::from(den);
        let half = den / 2;
        let q = if wide >= 0 { (wide + half) / den } else { (wide - half) / den };
        i64::try_from(q).ok().map(Money)
    }

    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

/// Plain decimal with '.', at least two decimals, trailing zeros beyond them trimmed:
/// `1234.5` -> `"1234.50"`, `0.3333` -> `"0.3333"`, `-7` -> `"-7.00"`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let whole = abs / SCALE as u64;
        let mut frac = abs % SCALE as u64;
        let mut digits = 4;
        while digits > 2 && frac.is_multiple_of(10) {
            frac /= 10;
            digits -= 1;
        }
        let sign = if neg { "-" } else { "" };
        write!(f, "{sign}{whole}.{frac:0digits$}")
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^-?[0-9]+\\.[0-9]{2,4}$",
            "description": "Exact amount: a decimal string with '.', two to four decimals."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_exact_decimals() {
        let cases = [
            (0, "0.00"),
            (12_345_000, "1234.50"),
            (3_333, "0.3333"),
            (-70_000, "-7.00"),
            (-5, "-0.0005"),
            (1_230, "0.123"),
            (i64::MAX, "922337203685477.5807"),
        ];
        for (units, text) in cases {
            assert_eq!(Money(units).to_string(), text, "units {units}");
        }
    }

    #[test]
    fn mul_ratio_rounds_half_away_from_zero() {
        // 3 x 33.3333 = 99.9999 exactly; 0.5 of a unit rounds away from zero.
        assert_eq!(Money(333_333).mul_ratio(3, 1), Some(Money(999_999)));
        assert_eq!(Money(5).mul_ratio(1, 10), Some(Money(1)));
        assert_eq!(Money(-5).mul_ratio(1, 10), Some(Money(-1)));
        assert_eq!(Money(4).mul_ratio(1, 10), Some(Money(0)));
    }
}
