//! `redbrief templates DIR`: the built-in templates written out, in the
//! layout `render --templates DIR` reads, as a starting point to edit.

use std::path::PathBuf;

use clap::Args;

use super::{print, trouble, Exit};
use crate::fs::{create_file, reason as io_reason};

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// The folder to write the templates into (made if missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub speak: super::Speak,
}

pub fn run(args: &TemplatesArgs) -> Exit {
    let dir = &args.dir;
    if dir.exists() && !dir.is_dir() {
        return trouble(&crate::t!(
            "`{path}` is a file; name a folder",
            path = dir.display()
        ));
    }
    // Refuse before writing anything, so a second run never leaves half a
    // set over someone's edits.
    let taken: Vec<String> = crate::render::templates::built_in()
        .iter()
        .filter(|(name, _)| dir.join(name).exists())
        .map(|(name, _)| name.to_string())
        .collect();
    if let Some(first) = taken.first() {
        let path = dir.display();
        return trouble(&match taken.len() {
            1 => crate::t!(
                "`{path}` already holds `{first}`; `redbrief templates` never overwrites a file: name a new or empty folder",
                path = path,
                first = first
            ),
            n => crate::t!(
                "`{path}` already holds `{first}` and {more} more templates; `redbrief templates` never overwrites a file: name a new or empty folder",
                path = path,
                first = first,
                more = n - 1
            ),
        });
    }
    for (name, source) in crate::render::templates::built_in() {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            if let Err(error) = std::fs::create_dir_all(parent) {
                return trouble(&crate::t!(
                    "cannot make the folder `{path}`: {reason}",
                    path = parent.display(),
                    reason = io_reason(&error)
                ));
            }
        }
        if let Err(error) = create_file(&path, source.as_bytes()) {
            return trouble(&crate::t!(
                "cannot write `{path}`: {reason}",
                path = path.display(),
                reason = io_reason(&error)
            ));
        }
    }
    print(&crate::t!(
        "wrote {n} templates into {path}\nnext: edit any of them, delete the ones you keep as they are, then run `redbrief render SPEC --templates {path}`\n",
        n = crate::render::templates::built_in().len(),
        path = dir.display()
    ))
}
