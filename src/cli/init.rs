//! `redbrief init [DIR]`: a commented starter campaign to edit.

use std::path::PathBuf;

use clap::Args;

use super::{print, trouble, Exit};
use crate::fs::{create_file, reason as io_reason};

/// The starter campaign; it checks with no finding at all.
pub const STARTER: &str = include_str!("starter.campaign");
/// The name it is written under.
pub const STARTER_NAME: &str = "launch.campaign";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write launch.campaign into (made if missing); the
    /// current folder when not given.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub speak: super::Speak,
}

pub fn run(args: &InitArgs) -> Exit {
    let path = match &args.dir {
        Some(dir) if dir.exists() && !dir.is_dir() => {
            return trouble(&crate::t!(
                "`{path}` is a file; name a folder to write {name} into",
                path = dir.display(),
                name = STARTER_NAME
            ))
        }
        Some(dir) => {
            if let Err(error) = std::fs::create_dir_all(dir) {
                return trouble(&crate::t!(
                    "cannot make the folder `{path}`: {reason}",
                    path = dir.display(),
                    reason = io_reason(&error)
                ));
            }
            dir.join(STARTER_NAME)
        }
        None => PathBuf::from(STARTER_NAME),
    };
    let shown = path.display();
    match create_file(&path, STARTER.as_bytes()) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return trouble(&crate::t!(
                "`{path}` already exists; init never overwrites a file: edit it, or name another folder (`redbrief init DIR`)",
                path = shown
            ))
        }
        Err(error) => {
            return trouble(&crate::t!(
                "cannot write `{path}`: {reason}",
                path = shown,
                reason = io_reason(&error)
            ))
        }
    }
    print(&crate::t!(
        "wrote {path}\nnext: edit it, then run `redbrief check {path}`\n",
        path = shown
    ))
}
