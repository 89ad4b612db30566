//! The command line: arguments (clap derive) and one module a subcommand.
//! Every command returns an `Exit`; `main` only turns it into the process
//! exit code.

mod check;
mod explain;
mod rules;

use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::Checked;

/// Exit codes, the same for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: success.
    Success = 0,
    /// 1: the check failed (findings, stale briefs, unformatted files).
    Failed = 1,
    /// 2: the tool could not do its job (bad flags, unreadable input,
    /// unwritable output).
    Trouble = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "redbrief",
    version,
    about = "Check Xiaohongshu campaign specs and write KOL and KOC briefs",
    long_about = "redbrief reads a campaign spec (*.campaign), checks it against the KOL/KOC \
                  strategy (KOLs create awareness, KOCs build trust), and writes a brief for \
                  every creator plus a campaign overview, in English and Simplified Chinese.",
    after_help = "Examples:\n  redbrief check launch.campaign\n  redbrief render launch.campaign -o briefs\n  redbrief explain thin-trust"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and check specs; print every finding.
    #[command(
        after_help = "Examples:\n  redbrief check launch.campaign\n  redbrief check specs/*.campaign --format github --deny-warnings"
    )]
    Check(check::CheckArgs),
    /// List every rule: code, name, default severity and what it checks.
    #[command(after_help = "Examples:\n  redbrief rules\n  redbrief rules | grep RS")]
    Rules(rules::RulesArgs),
    /// Show a rule's page: what it checks, why, an example and the fix.
    #[command(
        after_help = "Examples:\n  redbrief explain RS006\n  redbrief explain thin-trust\n  redbrief explain e002"
    )]
    Explain(explain::ExplainArgs),
}

/// How `check` prints findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingFormat {
    /// rustc-style text with the source line and a caret.
    Human,
    /// One JSON array of findings.
    Json,
    /// GitHub Actions annotations.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Explain(args) => explain::run(&args),
    };
    exit.into()
}

/// Reads and checks one spec; an unreadable file is the one line to print
/// and exit 2 with.
pub fn read_spec(path: &Path) -> Result<Checked, String> {
    let shown = path.display();
    if path.is_dir() {
        return Err(format!("`{shown}` is a folder; name a .campaign file"));
    }
    match std::fs::read(path) {
        Ok(bytes) => Ok(crate::check(shown.to_string(), bytes)),
        Err(error) => Err(format!("cannot read `{shown}`: {}", io_reason(&error))),
    }
}

/// An I/O error in plain words, without "(os error 2)".
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

/// Prints "error: ..." for something that stops the tool.
pub fn trouble(message: &str) -> Exit {
    use anstyle::{AnsiColor, Style};
    let red: Style = AnsiColor::BrightRed.on_default().bold();
    anstream::eprintln!("{red}error{red:#}: {message}");
    Exit::Trouble
}
