//! `redbrief export FILE [--to yaml|json]`

use std::io::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{read_spec, trouble, Exit};
use crate::export::{to_json, to_yaml, Export};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A campaign spec file (*.campaign); `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The form to print.
    #[arg(long, value_enum, default_value_t = ExportForm::Yaml)]
    pub to: ExportForm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportForm {
    Yaml,
    Json,
}

pub fn run(args: &ExportArgs) -> Exit {
    let checked = match read_spec(&args.file) {
        Ok(checked) => checked,
        Err(message) => return trouble(&message),
    };
    let export = Export::of(&checked);
    let text = match args.to {
        ExportForm::Yaml => to_yaml(&export),
        ExportForm::Json => to_json(&export),
    };
    let text = match text {
        Ok(text) => text,
        Err(reason) => return trouble(&format!("cannot write the export: {reason}")),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return Exit::Trouble;
    }
    // The export is printed either way; a spec with errors still fails,
    // as `check` would.
    if checked.has_errors() {
        Exit::Failed
    } else {
        Exit::Success
    }
}
