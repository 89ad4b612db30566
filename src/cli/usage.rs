//! Mistakes on the command line itself (an unknown flag, a bad value), in
//! the user's language. clap words them in English only; in Chinese they
//! are rebuilt from the error's parts (which flag, which value, what was
//! meant), and anything clap does not take apart falls back to its English.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Exit;
use crate::i18n::{self, Lang};
use crate::t;

/// The language named by `--lang X` or `--lang=X` among the arguments,
/// for reporting a mistake clap found before it read `--lang`. A list
/// (`render --lang en,zh`) names no one language.
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut words = args
        .iter()
        .skip(1)
        .map(|word| word.to_str().unwrap_or_default());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(value) = value {
            return Lang::parse(value);
        }
    }
    None
}

/// Prints clap's error (or help, or version) and says how to exit.
pub fn report(error: clap::Error) -> Exit {
    let mistake = !matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if i18n::current() == Lang::En || !mistake {
        // clap prints help, version and its English errors itself, with
        // its own exit codes (0 for help, 2 for a mistake).
        error.exit();
    }
    let Some(line) = in_chinese(&error) else {
        // clap's own words, with its usage and pointer to --help.
        eprint!("{}", error.render());
        return Exit::Trouble;
    };
    let mut text = t!("error: {line}", line = line);
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim().strip_prefix("Usage: ").unwrap_or(usage.trim());
        text.push_str(&t!("\n\nusage: {usage}", usage = usage));
    }
    text.push_str(&t!("\n\nFor more, run `redbrief --help`.\n"));
    eprint!("{text}");
    Exit::Trouble
}

/// The mistake in one Chinese line, for the kinds a user makes; `None`
/// for the rare rest.
fn in_chinese(error: &clap::Error) -> Option<String> {
    let one = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        Some(ContextValue::Strings(values)) => values.first().cloned(),
        _ => None,
    };
    let all = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => vec![format!("`{value}`")],
        Some(ContextValue::Strings(values)) => values.iter().map(|v| format!("`{v}`")).collect(),
        _ => Vec::new(),
    };
    let hint = |kind| {
        one(kind)
            .map(|meant| t!("; did you mean `{meant}`?", meant = meant))
            .unwrap_or_default()
    };
    let line = match error.kind() {
        ErrorKind::UnknownArgument => {
            let arg = one(ContextKind::InvalidArg)?;
            if arg == "--lang" || arg.starts_with("--lang=") {
                // `redbrief --lang zh check`: it belongs to the command.
                t!("put `--lang` after the command, as in `redbrief check --lang zh FILE`")
            } else if !arg.starts_with('-') {
                t!(
                    "`{arg}` is one argument too many for this command",
                    arg = arg
                )
            } else {
                t!(
                    "there is no option `{arg}`{hint}",
                    arg = arg,
                    hint = hint(ContextKind::SuggestedArg)
                )
            }
        }
        ErrorKind::InvalidSubcommand => t!(
            "there is no command `{command}`{hint}",
            command = one(ContextKind::InvalidSubcommand)?,
            hint = hint(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::InvalidValue => {
            let arg = one(ContextKind::InvalidArg)?;
            match one(ContextKind::InvalidValue).filter(|v| !v.is_empty()) {
                None => t!("`{arg}` needs a value", arg = arg),
                Some(value) => t!(
                    "`{value}` is not a value of `{arg}`; use one of {valid}",
                    value = value,
                    arg = arg,
                    valid = i18n::and_list(&all(ContextKind::ValidValue))
                ),
            }
        }
        ErrorKind::ValueValidation => {
            // Our own value parsers word these, already in the language.
            let why = std::error::Error::source(error)?.to_string();
            t!(
                "`{arg}`: {why}",
                arg = one(ContextKind::InvalidArg)?,
                why = why
            )
        }
        ErrorKind::MissingRequiredArgument => t!(
            "{args} must be given",
            args = i18n::and_list(&all(ContextKind::InvalidArg))
        ),
        ErrorKind::MissingSubcommand => t!("name a command, e.g. `redbrief check FILE`"),
        ErrorKind::ArgumentConflict => {
            let arg = one(ContextKind::InvalidArg)?;
            match one(ContextKind::PriorArg) {
                Some(prior) if prior != arg => t!(
                    "`{arg}` cannot be used with `{prior}`",
                    arg = arg,
                    prior = prior
                ),
                _ => t!("`{arg}` is given twice; give it once", arg = arg),
            }
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            t!(
                "`{arg}` has the wrong number of values",
                arg = one(ContextKind::InvalidArg)?
            )
        }
        ErrorKind::NoEquals => t!(
            "`{arg}` takes its value after `=`",
            arg = one(ContextKind::InvalidArg)?
        ),
        _ => return None,
    };
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_found_before_clap_reads_it() {
        assert_eq!(
            lang_in_args(&args(&["redbrief", "check", "--lang", "zh"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_in_args(&args(&["redbrief", "rules", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(
            lang_in_args(&args(&["redbrief", "render", "--lang", "en,zh"])),
            None
        );
        assert_eq!(
            lang_in_args(&args(&["redbrief", "check", "--", "--lang"])),
            None
        );
        assert_eq!(
            lang_in_args(&args(&["redbrief", "check", "--language", "zh"])),
            None
        );
    }
}
