//! `redbrief lsp`: the language server, for editors to start.

use clap::Args;

use super::{trouble, Exit};

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over stdin and stdout (the only way; accepted because editor
    /// clients such as vscode-languageclient pass it).
    #[arg(long)]
    pub stdio: bool,
    #[command(flatten)]
    pub speak: super::Speak,
}

pub fn run(_args: &LspArgs) -> Exit {
    match crate::lsp::run() {
        Ok(()) => Exit::Success,
        Err(error) => trouble(&crate::t!(
            "the language server stopped: {reason}",
            reason = error
        )),
    }
}
