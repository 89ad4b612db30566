//! Values as written turned into numbers, money and dates; a value that
//! cannot be is E004, and an unknown name (stage, metric, format) E002.

use super::Resolver;
use crate::diagnostic::codes::{INVALID_VALUE, UNKNOWN_NAME};
use crate::diagnostic::Finding;
use crate::model::values::{self, Money};
use crate::model::vocabulary::Vocabulary;
use crate::source::{Span, Spanned};
use crate::suggest;
use crate::syntax::ast::{Literal, MoneyLiteral};
use crate::t;

/// What a value is the value of ("@amy's followers"), said only for a
/// finding.
pub(super) type What<'a> = &'a dyn Fn() -> String;

impl Resolver<'_> {
    pub(super) fn invalid(&mut self, span: Span, message: String, help: &str) {
        self.report(
            Finding::new(&INVALID_VALUE, span, message)
                .label(t!("invalid value"))
                .help(help),
        );
    }

    /// Reads a literal with `read`; a value that cannot be is E004,
    /// prefixed with what it is the value of. `what` and `help` are put in
    /// words only for that finding: every creator has several values, and
    /// ten thousand creators' labels made for nothing showed in profiles.
    pub(super) fn value<T>(
        &mut self,
        literal: &Literal,
        what: What<'_>,
        read: fn(&str) -> Result<T, String>,
        help: fn() -> String,
    ) -> Option<T> {
        read(&literal.value)
            .map_err(|e| {
                self.invalid(
                    literal.span,
                    t!("{what}: {error}", what = what(), error = e),
                    &help(),
                )
            })
            .ok()
    }

    pub(super) fn count(&mut self, literal: &Literal, what: What<'_>) -> Option<u64> {
        self.value(literal, what, values::count, || {
            t!("write a whole number above zero, like 3200 or 3.2k")
        })
    }

    pub(super) fn percent(&mut self, literal: &Literal, what: What<'_>) -> Option<f64> {
        self.value(literal, what, values::percent, || {
            t!("write a percent from 0% to 100%, like 4.1%")
        })
    }

    pub(super) fn duration(&mut self, literal: &Literal, what: What<'_>) -> Option<u32> {
        self.value(literal, what, values::duration, || {
            t!("write a number of days or weeks, like 14d or 2w")
        })
    }

    pub(super) fn date(&mut self, literal: &Literal) -> Option<Spanned<jiff::civil::Date>> {
        values::date(&literal.value)
            .map(|date| Spanned::new(date, literal.span))
            .map_err(|e| {
                self.invalid(
                    literal.span,
                    e,
                    &t!("write a real date as YYYY-MM-DD, like 2026-12-03"),
                )
            })
            .ok()
    }

    /// Money; `positive` for amounts that cannot be zero (budget, price).
    pub(super) fn money(
        &mut self,
        literal: &MoneyLiteral,
        what: What<'_>,
        positive: bool,
    ) -> Option<Spanned<Money>> {
        let currency = &literal.currency;
        let code = match values::iso_currency(&currency.value) {
            Some(iso) => {
                // Read as meant, so one slip is one finding, not a currency
                // clash (E009) on every amount written correctly.
                self.report(
                    Finding::new(
                        &INVALID_VALUE,
                        currency.span,
                        t!(
                            "`{written}` is how people write it; the currency code is `{iso}`",
                            written = currency.value,
                            iso = iso
                        ),
                    )
                    .label(t!("not a currency code"))
                    .help(t!("write `{iso}`", iso = iso))
                    .fix(currency.span, iso),
                );
                iso
            }
            None => currency.value.as_str(),
        };
        match values::money(&literal.amount.value, code) {
            Ok(money) if positive && money.hundredths == 0 => {
                self.invalid(
                    literal.span,
                    t!("{what} is zero", what = what()),
                    &t!("write an amount above zero, like 600 MYR"),
                );
                None
            }
            Ok(money) => Some(Spanned::new(money, literal.span)),
            Err(e) => {
                // A number with too many decimals, or no number at all
                // (`abc`, `-700` from a spreadsheet cell).
                let numeric = literal
                    .amount
                    .value
                    .chars()
                    .all(|c| c.is_ascii_digit() || "._kKmM万".contains(c));
                let help = match numeric {
                    true => t!("write an amount with at most two decimals, like 189.90 MYR"),
                    false => t!(
                        "write the amount in digits, like 600 {currency}",
                        currency = code
                    ),
                };
                self.invalid(
                    literal.span,
                    t!("{what}: {error}", what = what(), error = e),
                    &help,
                );
                None
            }
        }
    }

    pub(super) fn vocabulary<V: Vocabulary>(
        &mut self,
        word: &Spanned<String>,
        owner: &str,
    ) -> Option<V> {
        let found = V::parse(&word.value);
        if found.is_none() {
            let names: Vec<&str> = V::ALL.iter().map(|v| v.name()).collect();
            let said = V::unknown(&word.value, owner, &suggest::quote_list(&names));
            let finding = Finding::new(&UNKNOWN_NAME, word.span, said.message)
                .label(said.label)
                .help(V::help(&word.value));
            self.report(match V::meant(&word.value) {
                Some(meant) => finding.fix(word.span, meant.name()),
                None => finding,
            });
        }
        found
    }
}
