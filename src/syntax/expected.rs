//! pest's "expected rule X" turned into words a strategist understands:
//! never a grammar rule name, always an example of what to write.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::Rule;
use crate::diagnostic::codes::SYNTAX;
use crate::diagnostic::Finding;
use crate::source::Span;

const END_OF_LINE: &str = "the end of the line (one statement per line)";

/// What a rule looks like to a person.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::count | Rule::amount => "a number like 3200, 3.2k or 32万",
        Rule::percent => "a percent like 4.1%",
        Rule::money => "an amount and a currency, like 600 MYR",
        Rule::currency => "a currency code in capitals, like MYR",
        Rule::duration | Rule::duration_list => "a duration like 14d or 2w",
        Rule::date => "a date like 2026-12-03",
        Rule::string
        | Rule::plain_string
        | Rule::triple_string
        | Rule::string_list
        | Rule::tr_string => "a text in double quotes, like \"Fragrance-free\"",
        Rule::name | Rule::name_list => "a lowercase name like launch",
        Rule::handle => "a handle like @lina.glow",
        Rule::market_code => "a two-letter market code like MY",
        Rule::comparator => "`>=` or `<=`",
        Rule::times => "how many, like x1",
        Rule::k_to => "the word `to`",
        Rule::k_for => "`for` and a duration, like `for 90d`",
        Rule::on_date | Rule::date_range | Rule::k_on | Rule::k_from => {
            "`on 2026-12-03` or `from 2026-12-10 to 2026-12-24`"
        }
        Rule::rule_ref => "a rule code or name, like RS006 or thin-trust",
        Rule::role => "`kol` or `koc`",
        Rule::body | Rule::open_brace => "`{` to open the block",
        Rule::close_brace => "`}` to close the block",
        Rule::EOI => END_OF_LINE,
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
    let mut wanted: Vec<&str> = positives
        .iter()
        .filter_map(|rule| describe(*rule))
        .collect();
    wanted.dedup();
    // "The end of the line" is worth saying only when nothing else would do.
    if wanted.len() > 1 {
        wanted.retain(|w| *w != END_OF_LINE);
    }
    let found = found_at(text, at);
    let span = Span::new(base + at, base + at + found.len());
    let message = match wanted.as_slice() {
        [] => format!("redbrief cannot read {}", describe_found(found)),
        _ => format!(
            "expected {}, found {}",
            join_or(&wanted),
            describe_found(found)
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
    let help = near_miss
        .map(|miss| miss.help)
        .unwrap_or_else(|| match wanted.first() {
            Some(&END_OF_LINE) => format!(
                "end the statement before {}: delete the rest, or put it on a line of its own",
                describe_found(found)
            ),
            Some(first) => format!("write {first}"),
            None => "check this line against the examples in `redbrief init`".to_string(),
        });
    let finding = Finding::new(&SYNTAX, span, message)
        .label(match wanted.first() {
            Some(_) => "expected here".to_string(),
            None => "here".to_string(),
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
                "an `_` only groups digits, one between two digits as in `320_000`: delete the extra `_`"
                    .to_string(),
                None,
            ))
        }
        // `30,000 MYR`, `followers 320,000`: a thousands separator.
        Rule::currency | Rule::EOI if after_digit && found == "," => Some(NearMiss::new(
            "write numbers without thousands commas: `30000`, `30_000` or `30k`".to_string(),
            None,
        )),
        // `2026/12/03`, `2026.12.03`
        Rule::date => {
            let parts: Vec<&str> = found.split(['/', '.']).collect();
            let numeric = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
            (parts.len() == 3 && parts.iter().all(numeric) && parts[0].len() == 4).then(|| {
                let date = format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]);
                NearMiss::new(
                    format!("write dates with dashes, year first: `{date}`"),
                    date,
                )
            })
        }
        Rule::currency if found.len() == 3 && found.chars().all(|c| c.is_ascii_alphabetic()) => {
            let upper = found.to_uppercase();
            Some(NearMiss::new(
                format!("write the currency code in capitals: `{upper}`"),
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
                .then(|| NearMiss::new(format!("names are written in lowercase: `{lower}`"), lower))
        }
        // `keep_live 180`: a duration without its unit.
        Rule::duration | Rule::duration_list
            if !found.is_empty() && found.chars().all(|c| c.is_ascii_digit()) =>
        {
            Some(NearMiss::new(
                format!("add the unit: `{found}d` for days (or `w` for weeks)"),
                format!("{found}d"),
            ))
        }
        Rule::percent if found.parse::<f64>().is_ok() => Some(NearMiss::new(
            format!("add the percent sign: `{found}%`"),
            format!("{found}%"),
        )),
        _ => None,
    }
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

/// The found text in backticks, cut short if it is long.
fn describe_found(found: &str) -> String {
    const SHOWN: usize = 40;
    if found.is_empty() {
        return "the end of the line".to_string();
    }
    let mut shown: String = found.chars().take(SHOWN).collect();
    if shown.len() < found.len() {
        shown.push_str("...");
    }
    format!("`{shown}`")
}

fn join_or(items: &[&str]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{}, or {last}", rest.join(", ")),
    }
}
