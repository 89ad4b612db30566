//! The command line: arguments (clap derive) and one module a subcommand.
//! Every command returns an `Exit`; `main` only turns it into the process
//! exit code.

mod check;
mod completions;
mod diff;
mod explain;
mod export;
mod fmt;
mod git;
pub mod init;
mod lsp;
mod preview;
mod render;
mod rules;
mod templates;
mod usage;

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::{self, Lang};

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
    after_help = "Examples:\n  redbrief init\n  redbrief check launch.campaign\n  redbrief render launch.campaign -o briefs\n  redbrief explain thin-trust"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and check specs; print every finding.
    #[command(
        after_help = "Examples:\n  redbrief check launch.campaign\n  redbrief check specs/*.campaign --format github --deny-warnings\n  git show HEAD:launch.campaign | redbrief check -"
    )]
    Check(check::CheckArgs),
    /// Write a brief for every creator and a campaign overview.
    #[command(
        after_help = "Examples:\n  redbrief render examples/glow-serum-my.campaign -o briefs\n  redbrief render launch.campaign --lang zh --format html\n  redbrief render launch.campaign --check    # in CI: exit 1 if briefs/ is stale"
    )]
    Render(render::RenderArgs),
    /// Rewrite specs in the canonical layout, comments kept.
    #[command(
        after_help = "A spec with a syntax error or an unknown field is left as it was; its findings are shown. \
                      A read-only or hard-linked file is left as it was unless --force; the mode, owner, \
                      CRLF line endings and a byte order mark are kept.\n\nExamples:\n  redbrief fmt launch.campaign\n  redbrief fmt specs/*.campaign --check\n  redbrief fmt --check - < launch.campaign"
    )]
    Fmt(fmt::FmtArgs),
    /// Print the resolved campaign (and its findings) as YAML or JSON.
    #[command(
        after_help = "Exits 1 when the spec has errors, after printing what could be resolved.\n\nExamples:\n  redbrief export launch.campaign\n  redbrief export launch.campaign --to json > launch.json\n  redbrief export - --to json < launch.campaign"
    )]
    Export(export::ExportArgs),
    /// Which creators' briefs change between two versions of a spec, and how.
    #[command(
        after_help = "Exits 0 when no brief changes, 1 when some do, 2 when a spec has errors or cannot be read.\n\nExamples:\n  redbrief diff last-week.campaign launch.campaign\n  redbrief diff --git main launch.campaign\n  redbrief diff --git origin/main launch.campaign --format markdown >> \"$GITHUB_STEP_SUMMARY\""
    )]
    Diff(diff::DiffArgs),
    /// List every rule: code, name, default severity and what it checks.
    #[command(after_help = "Examples:\n  redbrief rules\n  redbrief rules | grep RS")]
    Rules(rules::RulesArgs),
    /// Show a rule's page: what it checks, why, an example and the fix.
    #[command(
        after_help = "Examples:\n  redbrief explain RS006\n  redbrief explain thin-trust\n  redbrief explain e002"
    )]
    Explain(explain::ExplainArgs),
    /// Write a commented starter campaign (launch.campaign) to edit.
    #[command(
        after_help = "Never overwrites a file.\n\nExamples:\n  redbrief init\n  redbrief init spring-2027"
    )]
    Init(init::InitArgs),
    /// Write the built-in templates into a folder, to edit for `render --templates`.
    #[command(
        after_help = "Never overwrites a file. The folder has the layout `render --templates DIR` reads (en/kol.md.j2, zh/copy.j2, ...); keep only the templates you change.\n\nExamples:\n  redbrief templates my-templates\n  redbrief render launch.campaign --templates my-templates"
    )]
    Templates(templates::TemplatesArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  redbrief completions bash > ~/.local/share/bash-completion/completions/redbrief\n  redbrief completions zsh > ~/.zfunc/_redbrief\n  redbrief completions fish > ~/.config/fish/completions/redbrief.fish\n  redbrief completions powershell >> $PROFILE"
    )]
    Completions(completions::CompletionsArgs),
    /// Run the language server on stdio, for editors.
    #[command(
        after_help = "Editors start it; it is not for typing into. VS Code: the extension in editors/vscode. Neovim, Helix, Zed: see the README.\n\nExamples:\n  redbrief lsp"
    )]
    Lsp(lsp::LspArgs),
    /// Serve the HTML briefs on this machine, re-rendered as the spec changes.
    #[command(
        after_help = "Open the printed address in a browser: the creators by role and language, the findings, and the chosen brief, reloaded on every save. While the spec has errors the page shows them (and says which briefs are from the last good version). Serves 127.0.0.1 only; Ctrl-C stops it.\n\nExamples:\n  redbrief preview launch.campaign\n  redbrief preview launch.campaign --port 0\n  redbrief preview launch.campaign --templates my-templates"
    )]
    Preview(preview::PreviewArgs),
}

/// `--lang`, for the commands whose only language is their messages'.
#[derive(Debug, Clone, Args)]
pub struct Speak {
    /// The language of messages, `en` or `zh`. Without it REDBRIEF_LANG,
    /// then LC_ALL, LC_MESSAGES or LANG decide (a value starting with `zh`
    /// is Chinese).
    #[arg(long = "lang", value_name = "LANG", value_parser = message_lang)]
    pub lang: Option<Lang>,
}

fn message_lang(word: &str) -> Result<Lang, String> {
    Lang::parse(word).ok_or_else(|| {
        crate::t!(
            "`{word}` is not a language redbrief speaks; use `en` or `zh`",
            word = word
        )
    })
}

impl Command {
    /// The language the command was told to speak, if it was.
    fn message_lang(&self) -> Option<Lang> {
        let speak = match self {
            Command::Check(args) => &args.speak,
            Command::Fmt(args) => &args.speak,
            Command::Diff(args) => &args.speak,
            Command::Rules(args) => &args.speak,
            Command::Explain(args) => &args.speak,
            Command::Init(args) => &args.speak,
            Command::Templates(args) => &args.speak,
            Command::Preview(args) => &args.speak,
            Command::Lsp(args) => &args.speak,
            // Their `--lang` chooses the briefs' or the sheet's language;
            // one chosen is the user's language too.
            Command::Render(args) => {
                return match args.lang.as_slice() {
                    [one] => Some(Lang::from(*one)),
                    _ => None,
                }
            }
            Command::Export(args) => return args.lang.map(Lang::from),
            Command::Completions(_) => return None,
        };
        speak.lang
    }
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
    /// GitLab's Code Quality report, for merge requests.
    Gitlab,
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    // The language is chosen before clap reads the flags, so a bad value
    // for one of them is already worded in it.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let from_env = Lang::from_env(|name| std::env::var(name).ok());
    i18n::set(usage::lang_in_args(&args).unwrap_or(from_env));
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => return usage::report(error).into(),
    };
    match cli.command.message_lang() {
        Some(lang) => i18n::set_named(lang),
        None if std::env::var_os("REDBRIEF_LANG").is_some() => i18n::set_named(from_env),
        None => i18n::set(from_env),
    }
    let exit = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Templates(args) => templates::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Lsp(args) => lsp::run(&args),
        Command::Preview(args) => preview::run(&args),
    };
    exit.into()
}

/// The file name that means standard input.
pub const STDIN: &str = "-";

/// Whether a FILE argument is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// Reads and checks one spec (`-` for standard input, shown as
/// `<stdin>`); an unreadable file is the one line to print and exit 2 with.
pub fn read_spec(path: &Path) -> Result<Checked, String> {
    read_spec_with(path, crate::check)
}

/// `read_spec`, checked by `check` (`crate::check` or one of its kind).
pub fn read_spec_with(
    path: &Path,
    check: fn(String, Vec<u8>) -> Checked,
) -> Result<Checked, String> {
    if is_stdin(path) {
        return match read_stdin() {
            Ok(bytes) => Ok(check("<stdin>".to_string(), bytes)),
            Err(message) => Err(message),
        };
    }
    let shown = path.display();
    if path.is_dir() {
        return Err(crate::t!(
            "`{path}` is a folder; name a .campaign file",
            path = shown
        ));
    }
    match crate::fs::read_at_most(path, crate::fs::LARGEST_SPEC) {
        Ok(Some(bytes)) => Ok(check(shown.to_string(), bytes)),
        Ok(None) => Err(too_large(&shown.to_string())),
        Err(error) => Err(crate::t!(
            "cannot read `{path}`: {reason}",
            path = shown,
            reason = crate::fs::reason(&error)
        )),
    }
}

/// The message for a file over `fs::LARGEST_SPEC`.
pub fn too_large(shown: &str) -> String {
    crate::t!(
        "`{path}` is larger than {mib} MiB, more than any campaign spec; name the .campaign file",
        path = shown,
        mib = crate::fs::LARGEST_SPEC >> 20
    )
}

/// All of standard input, or the line to exit 2 with.
/// Like a file, at most `fs::LARGEST_SPEC` bytes are read.
pub fn read_stdin() -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    let most = crate::fs::LARGEST_SPEC;
    match std::io::stdin()
        .lock()
        .take(most + 1)
        .read_to_end(&mut bytes)
    {
        Ok(_) if bytes.len() as u64 > most => Err(too_large("<stdin>")),
        Ok(_) => Ok(bytes),
        Err(error) => Err(crate::t!(
            "cannot read standard input: {reason}",
            reason = crate::fs::reason(&error)
        )),
    }
}

/// A second `-` would read an empty standard input: say so instead.
pub fn stdin_once(files: &[std::path::PathBuf]) -> Result<(), String> {
    match files.iter().filter(|f| is_stdin(f)).count() {
        0 | 1 => Ok(()),
        _ => Err(crate::t!(
            "`-` (standard input) is named twice; it can be read once"
        )),
    }
}

/// A path as one word a shell reads back as the same path, for the
/// commands messages suggest (`rm -r '.my briefs.redbrief-old'`).
pub fn shell_word(path: &Path) -> String {
    let mut text = path.display().to_string();
    if text.starts_with('-') {
        // Not an option to `rm` or `mv`.
        text.insert_str(0, "./");
    }
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "._-/+@%=:,".contains(c));
    match plain {
        true => text,
        false => format!("'{}'", text.replace('\'', "'\\''")),
    }
}

/// Words for a run that gave up waiting for another one's lock.
pub fn busy(what: &Path, holder: Option<&str>, waited: std::time::Duration) -> String {
    let (path, seconds) = (what.display(), waited.as_secs());
    match holder {
        Some(holder) => crate::t!(
            "`{path}` is being written by another redbrief run ({holder}); waited {seconds} s for it to finish. Run again once it has",
            path = path,
            holder = holder,
            seconds = seconds
        ),
        None => crate::t!(
            "`{path}` is being written by another redbrief run; waited {seconds} s for it to finish. Run again once it has",
            path = path,
            seconds = seconds
        ),
    }
}

/// Writes a command's output to stdout, with colour only where it can be
/// shown. A closed pipe (`redbrief rules | head`) is not worth a message.
pub fn print(text: &str) -> Exit {
    let mut stdout = anstream::stdout();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Exit::Success,
        Err(_) => Exit::Trouble,
    }
}

/// Prints "error: ..." for something that stops the tool.
pub fn trouble(message: &str) -> Exit {
    print_error(message);
    Exit::Trouble
}

/// Prints "error: ..." for a problem in the spec that has no finding of its
/// own (two handles sharing one brief file).
pub fn failure(message: &str) -> Exit {
    print_error(message);
    Exit::Failed
}

fn print_error(message: &str) {
    use anstyle::{AnsiColor, Style};
    let red: Style = AnsiColor::BrightRed.on_default().bold();
    let (error, colon) = (crate::t!("error"), i18n::colon());
    anstream::eprintln!("{red}{error}{red:#}{colon}{message}");
}
