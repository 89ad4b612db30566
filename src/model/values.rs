//! Literals as written (`3.2k`, `12k MYR`, `4.1%`, `2w`, `2026-12-03`)
//! turned into numbers, money, days and dates. Each error is the sentence a
//! finding will say; the caller adds the code and span.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

/// An amount of one currency, kept exactly in hundredths.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Money {
    pub hundredths: u64,
    /// ISO 4217, e.g. `MYR`.
    pub currency: String,
}

impl Money {
    pub fn amount(&self) -> f64 {
        self.hundredths as f64 / 100.0
    }

    /// `12,000` or `189.90`: the amount with thousands grouped.
    pub fn grouped_amount(&self) -> String {
        self.amount_with(crate::i18n::grouped)
    }

    /// The amount as a message to the user says it: `12,000 MYR`, or
    /// `12000 MYR` in Chinese. Briefs have their own words (render/words).
    pub fn said(&self) -> String {
        format!(
            "{} {}",
            self.amount_with(crate::i18n::number),
            self.currency
        )
    }

    /// The whole units written by `whole`, then the cents if any.
    fn amount_with(&self, whole: fn(u64) -> String) -> String {
        let units = whole(self.hundredths / 100);
        match self.hundredths % 100 {
            0 => units,
            cents => format!("{units}.{cents:02}"),
        }
    }
}

impl fmt::Display for Money {
    /// `12,000 MYR`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.grouped_amount(), self.currency)
    }
}

/// `part` as a percent of `whole` (zero when `whole` is).
pub fn share(part: u64, whole: u128) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    part as f64 * 100.0 / whole as f64
}

/// `87%` or `50.5%`: a percent to one decimal, without a trailing `.0`.
/// The overview and RS008 both print shares with it, so a warning over 50%
/// never sits beside an overview that says 50%.
pub fn percent_text(percent: f64) -> String {
    let tenths = (percent * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}%")
    } else {
        format!("{tenths:.1}%")
    }
}

/// The largest count, amount or follower number redbrief accepts: far above
/// any real audience, well inside exact integer arithmetic.
const LARGEST: u128 = 1_000_000_000_000_000;
/// The longest trial, follow-up or policy duration, in days.
pub const LONGEST_DAYS: u32 = 365;

/// `3.2k` as the exact fraction value × 10^scale, with its multiplier applied.
/// Returns (numerator, denominator) so callers decide whether a fraction is
/// allowed.
fn scaled(text: &str) -> Result<(u128, u128), String> {
    let (digits, multiplier) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 1_000u128),
        Some((i, 'm' | 'M')) => (&text[..i], 1_000_000),
        Some((i, '万')) => (&text[..i], 10_000),
        _ => (text, 1),
    };
    let digits = digits.replace('_', "");
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let too_large = || crate::t!("`{text}` is too large", text = text);
    if whole.len() + fraction.len() > 30 {
        return Err(too_large());
    }
    let mut numerator: u128 = 0;
    for ch in whole.chars().chain(fraction.chars()) {
        let digit = ch
            .to_digit(10)
            .ok_or_else(|| crate::t!("`{text}` is not a number", text = text))?;
        numerator = numerator * 10 + u128::from(digit);
    }
    let denominator = 10u128.pow(fraction.len() as u32);
    let numerator = numerator.checked_mul(multiplier).ok_or_else(too_large)?;
    if numerator / denominator > LARGEST {
        return Err(too_large());
    }
    Ok((numerator, denominator))
}

/// A whole number above zero: followers, KPI counts, policy counts.
pub fn count(text: &str) -> Result<u64, String> {
    let (numerator, denominator) = scaled(text)?;
    if numerator % denominator != 0 {
        return Err(crate::t!("`{text}` is not a whole number", text = text));
    }
    let value = (numerator / denominator) as u64;
    if value == 0 {
        return Err(crate::t!("`{text}` must be more than zero", text = text));
    }
    Ok(value)
}

/// A whole number, zero included: rounds of revisions.
pub fn whole(text: &str) -> Result<u64, String> {
    let (numerator, denominator) = scaled(text)?;
    if numerator % denominator != 0 {
        return Err(crate::t!("`{text}` is not a whole number", text = text));
    }
    Ok((numerator / denominator) as u64)
}

/// The longest a duration may be where more than a year is read at all
/// (`keep_live`), so a rule can explain what the platform offers.
pub const LONGEST_LONG_DAYS: u32 = 10 * 365;

/// `400d` as days, up to ten years.
pub fn long_duration(text: &str) -> Result<u32, String> {
    days_within(text, LONGEST_LONG_DAYS)
}

/// `14d` or `2w` as days, from 1 to `longest`.
fn days_within(text: &str, longest: u32) -> Result<u32, String> {
    let (number, per) = match text.strip_suffix('w') {
        Some(weeks) => (weeks, 7),
        None => (text.trim_end_matches('d'), 1),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(per))
        .filter(|days| (1..=u64::from(longest)).contains(days))
        .map(|days| days as u32)
        .ok_or_else(|| {
            crate::t!(
                "`{text}` is not between 1 day and {longest} days",
                text = text,
                longest = longest
            )
        })
}

/// A number above zero that may have decimals (`roi >= 2.5`).
pub fn number(text: &str) -> Result<f64, String> {
    let (numerator, denominator) = scaled(text)?;
    if numerator == 0 {
        return Err(crate::t!("`{text}` must be more than zero", text = text));
    }
    Ok(numerator as f64 / denominator as f64)
}

/// `4.1%` as 4.1, from 0 to 100.
pub fn percent(text: &str) -> Result<f64, String> {
    let digits = text.trim_end_matches('%');
    let value: f64 = digits
        .parse()
        .map_err(|_| crate::t!("`{text}` is not a percent", text = text))?;
    if value > 100.0 {
        return Err(crate::t!("`{text}` is over 100%", text = text));
    }
    Ok(value)
}

/// `12k MYR` as exact hundredths. Zero is allowed (a gifted creator's fee);
/// callers that need more than zero say so.
/// The ISO 4217 code for a currency written as people say it: `RMB`
/// (renminbi) is `CNY`, `NTD` (New Taiwan dollar) is `TWD`. Both are
/// three capitals, so they parse as codes and would otherwise clash with
/// every amount written with the ISO code (E009).
pub fn iso_currency(written: &str) -> Option<&'static str> {
    match written {
        "RMB" => Some("CNY"),
        "NTD" => Some("TWD"),
        _ => None,
    }
}

pub fn money(amount: &str, currency: &str) -> Result<Money, String> {
    let (numerator, denominator) = scaled(amount)?;
    let hundredths = numerator * 100;
    if hundredths % denominator != 0 {
        return Err(crate::t!(
            "`{amount} {currency}` has more than two decimals",
            amount = amount,
            currency = currency
        ));
    }
    Ok(Money {
        hundredths: (hundredths / denominator) as u64,
        currency: currency.to_string(),
    })
}

/// `14d` or `2w` as days, from 1 to 365.
pub fn duration(text: &str) -> Result<u32, String> {
    days_within(text, LONGEST_DAYS)
}

/// `2026-12-03`, checked against the calendar.
pub fn date(text: &str) -> Result<Date, String> {
    let not_a_date = || crate::t!("`{text}` is not a date on the calendar", text = text);
    let mut parts = text.splitn(3, '-').map(str::parse::<i16>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return Err(not_a_date());
    };
    let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(day)) else {
        return Err(not_a_date());
    };
    Date::new(year, month, day).map_err(|_| not_a_date())
}

/// `x2` as 2: how many posts of one format.
pub fn times(text: &str) -> Result<u32, String> {
    let digits = text.trim_start_matches(['x', 'X', '×']);
    match digits.parse::<u32>() {
        Ok(0) => Err(crate::t!(
            "`{text}` asks for no posts; write x1 or more",
            text = text
        )),
        Ok(n) if n <= 99 => Ok(n),
        _ => Err(crate::t!(
            "`{text}` is more posts than one creator can deliver (at most x99)",
            text = text
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_suffixes_and_underscores() {
        assert_eq!(count("3200"), Ok(3200));
        assert_eq!(count("3.2k"), Ok(3200));
        assert_eq!(count("320_000"), Ok(320_000));
        assert_eq!(count("32万"), Ok(320_000));
        assert_eq!(count("1.5m"), Ok(1_500_000));
        assert!(count("0").is_err());
        assert!(count("3.2505k").unwrap_err().contains("whole"));
        assert!(count("99999999999999999999999999")
            .unwrap_err()
            .contains("too large"));
    }

    #[test]
    fn money_is_exact() {
        let fee = money("12k", "MYR").unwrap();
        assert_eq!(fee.hundredths, 1_200_000);
        assert_eq!(fee.to_string(), "12,000 MYR");
        assert_eq!(money("189.9", "MYR").unwrap().to_string(), "189.90 MYR");
        assert!(money("1.005", "MYR").is_err());
    }

    #[test]
    fn shares_print_to_one_decimal() {
        assert_eq!(percent_text(share(11_000, 22_500)), "48.9%");
        assert_eq!(percent_text(share(1, 2)), "50%");
        assert_eq!(percent_text(share(1, 0)), "0%");
    }

    #[test]
    fn durations_percents_dates() {
        assert_eq!(duration("2w"), Ok(14));
        assert!(duration("0d").is_err());
        assert!(duration("53w").is_err());
        assert_eq!(percent("4.1%"), Ok(4.1));
        assert!(percent("101%").is_err());
        assert!(date("2026-02-29").is_err());
        assert!(date("2028-02-29").is_ok());
        assert!(date("2026-13-01").is_err());
        assert_eq!(times("x2"), Ok(2));
        assert!(times("x0").is_err());
    }
}
