//! pest's "expected rule X" turned into words a strategist understands:
//! never a grammar rule name, always an example of what to write.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::Rule;
use crate::diagnostic::codes::SYNTAX;
use crate::diagnostic::Finding;
use crate::i18n::{self, Lang};
use crate::source::Span;
use crate::t;

/// What a rule looks like to a person, in the user's language.
fn describe(rule: Rule) -> Option<String> {
    Some(match rule {
        Rule::count | Rule::amount => t!("a number like 3200, 3.2k or 32万"),
        Rule::percent => t!("a percent like 4.1%"),
        Rule::money => t!("an amount and a currency, like 600 MYR"),
        Rule::currency => t!("a currency code in capitals, like MYR"),
        Rule::duration | Rule::duration_list => t!("a duration like 14d or 2w"),
        Rule::date => t!("a date like 2026-12-03"),
        Rule::string
        | Rule::plain_string
        | Rule::triple_string
        | Rule::string_list
        | Rule::tr_string => t!("a text in double quotes, like \"Fragrance-free\""),
        Rule::name | Rule::name_list => t!("a lowercase name like launch"),
        Rule::handle => t!("a handle like @lina.glow"),
        Rule::market_code => t!("a two-letter market code like MY"),
        Rule::comparator => t!("`>=` or `<=`"),
        Rule::times => t!("how many, like x1"),
        Rule::k_to => t!("the word `to`"),
        Rule::k_for => t!("`for` and a duration, like `for 90d`"),
        Rule::on_date | Rule::date_range | Rule::k_on | Rule::k_from => {
            t!("`on 2026-12-03` or `from 2026-12-10 to 2026-12-24`")
        }
        Rule::rule_ref => t!("a rule code or name, like RS006 or thin-trust"),
        Rule::role => t!("`kol` or `koc`"),
        Rule::body | Rule::open_brace => t!("`{{` to open the block"),
        Rule::close_brace => t!("`}}` to close the block"),
        Rule::EOI => t!("the end of the line (one statement per line)"),
        _ => return None,
    })
}

/// A finding for a pest error in `text`, whose offsets start at `base` in
/// the file.
pub fn finding(text: &str, base: usize, error: &Error<Rule>) -> Finding {
    let at = match error.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    };
    let positives: &[Rule] = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => &[],
    };
    let mut wanted: Vec<(Rule, String)> = positives
        .iter()
        .filter_map(|rule| describe(*rule).map(|words| (*rule, words)))
        .collect();
    wanted.dedup_by(|a, b| a.1 == b.1);
    // "The end of the line" is worth saying only when nothing else would do.
    if wanted.len() > 1 {
        wanted.retain(|(rule, _)| *rule != Rule::EOI);
    }
    let first_wanted = wanted.first().map(|(rule, _)| *rule);
    let wanted: Vec<String> = wanted.into_iter().map(|(_, words)| words).collect();
    let mut found = found_at(text, at);
    // `engagement 4,1%`: a decimal comma, where `found_at` stops. The
    // whole number is what was found, so the help can give it back whole.
    if positives.contains(&Rule::percent) {
        if let Some(len) = text.get(at..).and_then(decimal_comma_len) {
            found = &text[at..at + len];
        }
    }
    let span = Span::new(base + at, base + at + found.len());
    let shown = shown_found(found);
    let message = match (wanted.as_slice(), &shown) {
        ([], Some(found)) => t!("redbrief cannot read {found}", found = found),
        ([], None) => t!("redbrief cannot read the end of the line"),
        (_, Some(found)) => t!(
            "expected {wanted}, found {found}",
            wanted = join_or(&wanted),
            found = found
        ),
        (_, None) => t!(
            "expected {wanted}, found the end of the line",
            wanted = join_or(&wanted)
        ),
    };
    let after_digit = text[..at.min(text.len())]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    let near_miss = positives
        .iter()
        .find_map(|rule| near_miss(*rule, found, after_digit));
    // A thousands comma is deleted only before exactly three digits, so
    // `320,000` becomes `320000` but a decimal comma (`1,5k`) is left alone.
    let replacement = near_miss.as_ref().and_then(|miss| match &miss.replacement {
        Some(replacement) => Some(replacement.clone()),
        None if found == "," => {
            let after = &text[(at + 1).min(text.len())..];
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            (digits == 3).then(String::new)
        }
        None => None,
    });
    let help = match (near_miss, first_wanted, wanted.first()) {
        (Some(miss), _, _) => miss.help,
        (None, Some(Rule::EOI), _) => {
            let found = shown.unwrap_or_else(|| t!("the end of the line"));
            t!(
                "end the statement before {found}: delete the rest, or put it on a line of its own",
                found = found
            )
        }
        (None, _, Some(first)) => t!("write {what}", what = first),
        (None, _, None) => t!("check this line against the examples in `redbrief init`"),
    };
    let finding = Finding::new(&SYNTAX, span, message)
        .label(match wanted.first() {
            Some(_) => t!("expected here"),
            None => t!("here"),
        })
        .help(help);
    match replacement {
        Some(replacement) => finding.fix(span, replacement),
        None => finding,
    }
}

/// A near miss: the help that says what to write, and the exact text to put
/// in place of the found word when there is one (a thousands comma has none
/// here: whether it may simply go depends on the digits after it).
struct NearMiss {
    help: String,
    replacement: Option<String>,
}

impl NearMiss {
    fn new(help: String, replacement: impl Into<Option<String>>) -> Self {
        NearMiss {
            help,
            replacement: replacement.into(),
        }
    }
}

/// A fix for the usual near misses: a value that is almost what the rule
/// wants, so the help can say exactly what to write. `after_digit`: the
/// error comes right after a digit, as in `30,000`.
fn near_miss(rule: Rule, found: &str, after_digit: bool) -> Option<NearMiss> {
    // `320_`, `3__20`: a digit-group separator out of place.
    let stray_underscore =
        found.contains("__") || found.ends_with('_') || (after_digit && found.starts_with('_'));
    match rule {
        Rule::count | Rule::amount | Rule::currency | Rule::money if stray_underscore => {
            Some(NearMiss::new(
                t!("an `_` only groups digits, one between two digits as in `320_000`: delete the extra `_`"),
                None,
            ))
        }
        // `30,000 MYR`, `followers 320,000`: a thousands separator.
        Rule::currency | Rule::EOI if after_digit && found == "," => Some(NearMiss::new(
            t!("write numbers without thousands commas: `30000`, `30_000` or `30k`"),
            None,
        )),
        // `2026/12/03`, `2026.12.03`
        Rule::date => {
            let parts: Vec<&str> = found.split(['/', '.']).collect();
            let numeric = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
            (parts.len() == 3 && parts.iter().all(numeric) && parts[0].len() == 4).then(|| {
                let date = format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]);
                NearMiss::new(
                    t!("write dates with dashes, year first: `{date}`", date = date),
                    date,
                )
            })
        }
        Rule::currency if found.len() == 3 && found.chars().all(|c| c.is_ascii_alphabetic()) => {
            let upper = found.to_uppercase();
            Some(NearMiss::new(
                t!("write the currency code in capitals: `{upper}`", upper = upper),
                upper,
            ))
        }
        Rule::name | Rule::name_list if found.chars().any(|c| c.is_ascii_uppercase()) => {
            let lower = found.to_ascii_lowercase();
            let is_name = lower.starts_with(|c: char| c.is_ascii_lowercase())
                && lower
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
            is_name
                .then(|| NearMiss::new(t!("names are written in lowercase: `{lower}`", lower = lower), lower))
        }
        // `keep_live 180`: a duration without its unit.
        Rule::duration | Rule::duration_list
            if !found.is_empty() && found.chars().all(|c| c.is_ascii_digit()) =>
        {
            Some(NearMiss::new(
                t!("add the unit: `{found}d` for days (or `w` for weeks)", found = found),
                format!("{found}d"),
            ))
        }
        Rule::percent if decimal_comma_len(found) == Some(found.len()) => {
            let number: String = found.chars().filter(|&c| c != ' ' && c != '%').collect();
            let point = format!("{}%", number.replacen(',', ".", 1));
            Some(NearMiss::new(
                t!("write the decimal with a point: `{point}`", point = point),
                point,
            ))
        }
        Rule::percent if found.parse::<f64>().is_ok() => Some(NearMiss::new(
            t!("add the percent sign: `{found}%`", found = found),
            format!("{found}%"),
        )),
        _ => None,
    }
}

/// The length of a number with a decimal comma at the start of `text`,
/// with its percent sign if it has one (`4,1%`, `3,25`). Spaces may follow
/// the comma: the scanner pads a full-width `，` to `,  `, and `4，1%` is
/// the same slip.
fn decimal_comma_len(text: &str) -> Option<usize> {
    let run = |s: &str, of: fn(&u8) -> bool| s.bytes().take_while(of).count();
    let whole = run(text, u8::is_ascii_digit);
    let rest = text[whole..].strip_prefix(',')?;
    let spaces = run(rest, |&b| b == b' ');
    let fraction = run(&rest[spaces..], u8::is_ascii_digit);
    if whole == 0 || fraction == 0 {
        return None;
    }
    let len = whole + 1 + spaces + fraction;
    Some(len + usize::from(text[len..].starts_with('%')))
}

/// The word at `at`: up to the next space or line end.
fn found_at(text: &str, at: usize) -> &str {
    let at = crate::source::floor_char_boundary(text, at.min(text.len()));
    let rest = &text[at..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(rest.len());
    let end = if end == 0 && rest.starts_with(',') {
        1
    } else {
        end
    };
    &rest[..end]
}

/// The found text in backticks, cut short if it is long; `None` at the end
/// of the line, which each message says in words of its own.
fn shown_found(found: &str) -> Option<String> {
    const SHOWN: usize = 40;
    if found.is_empty() {
        return None;
    }
    let mut shown: String = found.chars().take(SHOWN).collect();
    if shown.len() < found.len() {
        shown.push_str("...");
    }
    Some(format!("`{shown}`"))
}

/// `a, b, or c`; in Chinese `a，或 b`: each choice already has its own
/// `、` inside, so the choices are set apart by a full-width comma.
fn join_or(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => match i18n::current() {
            Lang::En => format!("{}, or {last}", rest.join(", ")),
            Lang::Zh => {
                let space = if last.starts_with('`') { " " } else { "" };
                format!("{}，或{space}{last}", rest.join("，"))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::decimal_comma_len;

    #[test]
    fn a_decimal_comma_needs_digits_on_both_sides() {
        assert_eq!(decimal_comma_len("4,1% rest"), Some(4));
        assert_eq!(decimal_comma_len("3,25"), Some(4));
        assert_eq!(decimal_comma_len("4,1,2%"), Some(3));
        assert_eq!(decimal_comma_len("4,  1%"), Some(6));
        assert_eq!(decimal_comma_len("4, 1"), Some(4));
        assert_eq!(decimal_comma_len("4,"), None);
        assert_eq!(decimal_comma_len("4, %"), None);
        assert_eq!(decimal_comma_len(",5%"), None);
        assert_eq!(decimal_comma_len("4.1%"), None);
        assert_eq!(decimal_comma_len("４,1%"), None);
    }
}
