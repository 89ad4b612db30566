//! A cell's text as a value of the language: `3.2w` and `12,000` become
//! `3.2万` and `12000`, a bare fee takes the budget's currency, a list is
//! split at `,` `，` `、` `;`. What the value means (and whether it is
//! valid) is still the model's to decide, as for a typed spec.

use crate::source::{Span, Spanned};
use crate::syntax::ast::{MoneyLiteral, Text, Value};
use crate::syntax::fields::Kind;

/// A number as the language writes it: thousands separators dropped,
/// `w`/`W` read as 万, the header's unit added to a bare number.
pub fn count_text(cell: &str, scale: Option<&str>) -> String {
    let mut text: String = cell
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{a0}'))
        .collect();
    if let Some(stripped) = text.strip_suffix(['w', 'W']) {
        text = format!("{stripped}万");
    }
    let bare = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.');
    match scale {
        Some(unit) if bare => text + unit,
        _ => text,
    }
}

/// `4.1%`; a bare `0.041` (a spreadsheet's percent format) is 4.1%, a bare
/// `4.1` is 4.1%.
pub fn percent_text(cell: &str) -> String {
    let text = cell.trim().replace(['％'], "%");
    if text.ends_with('%') {
        return text.replace(' ', "");
    }
    match text.parse::<f64>() {
        Ok(value) if value > 0.0 && value < 1.0 => {
            format!("{}%", super::read::number_text(value * 100.0))
        }
        Ok(_) => format!("{text}%"),
        Err(_) => text,
    }
}

/// `14d`, `2w`; a bare number or `14天` is days.
pub fn duration_text(cell: &str) -> String {
    let text = cell.trim().trim_end_matches(['天', '日']);
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        format!("{text}d")
    } else {
        text.to_string()
    }
}

/// Amount and currency of a fee cell: `600 MYR`, `¥600`, `600元`, or a bare
/// number in the budget's currency.
pub fn money_parts(cell: &str, scale: Option<&str>, currency: &str) -> (String, String) {
    let text = cell.trim();
    let (text, symbol_currency) = if let Some(rest) = text.strip_prefix(['¥', '￥']) {
        (rest, Some("CNY"))
    } else if let Some(rest) = text.strip_suffix('元') {
        (rest, Some("CNY"))
    } else {
        (text, None)
    };
    let letters = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphabetic())
        .last()
        .map(|(i, _)| i);
    match letters {
        // Three letters after an amount are its currency; three letters
        // alone (`abc`) are a wrong amount, said as such.
        Some(at) if text.len() - at == 3 && !text[..at].trim().is_empty() => (
            count_text(text[..at].trim(), scale),
            text[at..].to_ascii_uppercase(),
        ),
        _ => (
            count_text(text, scale),
            symbol_currency.unwrap_or(currency).to_string(),
        ),
    }
}

/// The items of a list cell.
pub fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// The value a cell gives a field of `kind`, spanned at `span` (the cell's
/// place in the roster's span range).
pub fn value(
    kind: Kind,
    cell: &str,
    scale: Option<&str>,
    currency: &str,
    span: Span,
) -> Option<Value> {
    let text = |value: &str| Text {
        value: value.to_string(),
        span,
        multiline: false,
        translations: Vec::new(),
    };
    let literal = |value: String| Spanned::new(value, span);
    Some(match kind {
        Kind::Text => Value::Text(text(cell)),
        Kind::Texts => Value::Texts(items(cell).map(text).collect()),
        Kind::Name => Value::Name(literal(cell.to_lowercase())),
        Kind::Names => Value::Names(items(cell).map(|i| literal(i.to_lowercase())).collect()),
        Kind::Count => Value::Count(literal(count_text(cell, scale))),
        Kind::Percent => Value::Percent(literal(percent_text(cell))),
        Kind::Duration => Value::Duration(literal(duration_text(cell))),
        Kind::Money => {
            let (amount, currency) = money_parts(cell, scale, currency);
            Value::Money(MoneyLiteral {
                amount: literal(amount),
                currency: literal(currency),
                span,
            })
        }
        _ => return None,
    })
}

/// A nickname as a handle: `@` and the characters a handle may hold
/// (letters, marks, digits, `.`, `_`, `-`); spaces, emoji and punctuation
/// are dropped. Empty when nothing is left.
pub fn handle_of(cell: &str) -> String {
    let kept: String = cell
        .trim_start_matches('@')
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .collect();
    if kept.is_empty() {
        kept
    } else {
        format!("@{kept}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_the_language_writes_values() {
        assert_eq!(count_text("12,000", None), "12000");
        assert_eq!(count_text("3.2w", None), "3.2万");
        assert_eq!(count_text("1.2", Some("万")), "1.2万");
        assert_eq!(count_text("3.2k", Some("万")), "3.2k");
        assert_eq!(percent_text("4.1%"), "4.1%");
        assert_eq!(percent_text("0.041"), "4.1%");
        assert_eq!(percent_text("4.1"), "4.1%");
        assert_eq!(duration_text("14"), "14d");
        assert_eq!(duration_text("14天"), "14d");
        assert_eq!(
            money_parts("600 MYR", None, "CNY"),
            ("600".into(), "MYR".into())
        );
        assert_eq!(
            money_parts("1.2", Some("万"), "CNY"),
            ("1.2万".into(), "CNY".into())
        );
        assert_eq!(
            money_parts("¥3,000", None, "MYR"),
            ("3000".into(), "CNY".into())
        );
        // Letters alone are a wrong amount in the budget's currency, not
        // a currency of their own.
        assert_eq!(
            money_parts("abc", None, "CNY"),
            ("abc".into(), "CNY".into())
        );
        assert_eq!(
            items("护肤、美妆, 母婴；").collect::<Vec<_>>(),
            ["护肤", "美妆", "母婴"]
        );
    }

    #[test]
    fn nicknames_become_handles() {
        assert_eq!(handle_of("小鹿 爱护肤🌸"), "@小鹿爱护肤");
        assert_eq!(handle_of("@amy_tries"), "@amy_tries");
        assert_eq!(handle_of("🌸 ✨"), "");
    }
}
