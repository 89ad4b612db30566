//! `redbrief preview FILE [--port N] [--host ADDR] [--templates DIR]`

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::{print, trouble, Exit};
use crate::preview::{self, Options, Preview};

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The campaign spec (*.campaign).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The port to serve on; 0 picks a free one (the address is printed).
    #[arg(long, value_name = "N", default_value_t = preview::DEFAULT_PORT)]
    pub port: u16,
    /// A loopback address: 127.0.0.1, ::1 or localhost. Any other address
    /// is refused: the briefs stay on this machine.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub host: String,
    /// A folder of templates, as for `render`; a change to one re-renders.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    #[command(flatten)]
    pub speak: super::Speak,
}

pub fn run(args: &PreviewArgs) -> Exit {
    let host = match preview::loopback(&args.host) {
        Ok(host) => host,
        Err(refused) => return trouble(&refused.to_string()),
    };
    // A mistyped name is better said now than as a page. Once running, a
    // spec that goes away is shown as such, and comes back when saved.
    let shown = args.file.display();
    if args.file.is_dir() {
        return trouble(&crate::t!(
            "`{path}` is a folder; name a .campaign file",
            path = shown
        ));
    }
    if let Err(error) = std::fs::metadata(&args.file) {
        return trouble(&crate::t!(
            "cannot read `{path}`: {reason}",
            path = shown,
            reason = crate::fs::reason(&error)
        ));
    }
    if let Some(templates) = &args.templates {
        if !templates.is_dir() {
            return trouble(&crate::t!(
                "`{path}` is not a folder of templates",
                path = templates.display()
            ));
        }
    }

    let options = Options {
        spec: args.file.clone(),
        templates: args.templates.clone(),
        host,
        port: args.port,
    };
    let log: preview::Log = Arc::new(|line: &str| anstream::eprintln!("{line}"));
    let running = match Preview::start(&options, log) {
        Ok(running) => running,
        Err(error) => return trouble(&error.to_string()),
    };
    let stopper = running.stopper();
    if let Err(error) = ctrlc::set_handler(move || stopper.stop()) {
        return trouble(&crate::t!(
            "cannot catch Ctrl-C to stop cleanly: {reason}",
            reason = error
        ));
    }
    let said = print(&crate::t!(
        "serving the briefs of `{path}` at {url} (Ctrl-C to stop)\n",
        path = shown,
        url = running.url()
    ));
    if said != Exit::Success {
        return said;
    }
    if let Some(note) = running.note() {
        anstream::eprintln!("{}", crate::t!("note: {note}", note = note));
    }
    anstream::eprintln!("{}", running.summary());
    match running.serve() {
        Ok(()) => {
            anstream::eprintln!("{}", crate::t!("stopped"));
            Exit::Success
        }
        Err(error) => trouble(&error.to_string()),
    }
}
