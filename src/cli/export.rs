//! `redbrief export FILE [--to yaml|json|csv|xlsx] [-o FILE] [--lang en|zh]`

use std::io::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{read_spec, trouble, Exit};
use crate::export::{sheet, to_json, to_yaml, Export};
use crate::model::vocabulary::Vocabulary as _;
use crate::model::Language;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A campaign spec file (*.campaign); `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The form to print; `csv` and `xlsx` are the execution sheet (执行表),
    /// one row per creator and delivery.
    #[arg(long, value_enum, default_value_t = ExportForm::Yaml)]
    pub to: ExportForm,
    /// Write to this file instead of standard output (needed for `xlsx`).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The language of the execution sheet's headers and words.
    /// Also the language of its messages. Default: the user's language
    /// (see `--lang` on `check`).
    #[arg(long, value_name = "LANG", value_parser = language)]
    pub lang: Option<Language>,
}

/// The sheet's language: as asked, else the language the user reads.
fn sheet_language(args: &ExportArgs) -> Language {
    args.lang
        .unwrap_or_else(|| Language::from(crate::i18n::current()))
}

fn language(word: &str) -> Result<Language, String> {
    Language::ALL
        .iter()
        .copied()
        .find(|l| l.name() == word)
        .ok_or_else(|| {
            crate::t!(
                "`{word}` is not a sheet language; use `en` or `zh`",
                word = word
            )
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportForm {
    Yaml,
    Json,
    /// The execution sheet as CSV (UTF-8 with a byte-order mark).
    Csv,
    /// The execution sheet as an Excel workbook.
    Xlsx,
}

pub fn run(args: &ExportArgs) -> Exit {
    let checked = match read_spec(&args.file) {
        Ok(checked) => checked,
        Err(message) => return trouble(&message),
    };
    // A sheet has no room for findings: a spec with errors is refused, as
    // `render` refuses it, with the errors on standard error.
    let sheet = matches!(args.to, ExportForm::Csv | ExportForm::Xlsx);
    if sheet && (checked.has_errors() || checked.campaign.is_none()) {
        let report = crate::diagnostic::FileReport {
            file: &checked.file,
            findings: &checked.findings,
            omitted: checked.omitted.total(),
        };
        anstream::eprint!("{}", crate::diagnostic::human::render(&report));
        anstream::eprintln!(
            "{}",
            crate::t!(
                "no sheet written: `{path}` has errors",
                path = args.file.display()
            )
        );
        return Exit::Failed;
    }
    let export = Export::of(&checked);
    let bytes = match (args.to, &export.campaign) {
        (ExportForm::Yaml, _) => to_yaml(&export).map(String::into_bytes),
        (ExportForm::Json, _) => to_json(&export).map(String::into_bytes),
        (ExportForm::Csv | ExportForm::Xlsx, None) => {
            Err(crate::t!("the spec has no campaign to list"))
        }
        (ExportForm::Csv, Some(campaign)) => sheet::to_csv(campaign, sheet_language(args)),
        (ExportForm::Xlsx, Some(campaign)) => sheet::to_xlsx(campaign, sheet_language(args)),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(reason) => {
            return trouble(&crate::t!(
                "cannot write the export: {reason}",
                reason = reason
            ))
        }
    };
    match &args.out {
        Some(path) => {
            let written = if path.exists() {
                crate::fs::replace_file(path, &bytes, false)
                    .map(|_| ())
                    .map_err(|e| match e {
                        crate::fs::ReplaceError::Io(error)
                        | crate::fs::ReplaceError::Owner(error) => crate::fs::reason(&error),
                        crate::fs::ReplaceError::Guarded(_) => {
                            crate::t!("it is read-only or has other names (hard links)")
                        }
                    })
            } else {
                crate::fs::create_file(path, &bytes).map_err(|e| crate::fs::reason(&e))
            };
            if let Err(reason) = written {
                return trouble(&crate::t!(
                    "cannot write `{path}`: {reason}",
                    path = path.display(),
                    reason = reason
                ));
            }
        }
        None if args.to == ExportForm::Xlsx => {
            return trouble(&crate::t!(
                "a workbook is not printed: name the file with `-o sheet.xlsx`"
            ))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return Exit::Trouble;
            }
        }
    }
    // The export is printed either way; a spec with errors still fails,
    // as `check` would.
    if checked.has_errors() {
        Exit::Failed
    } else {
        Exit::Success
    }
}
