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
        return trouble(&format!("`{}` is a file; name a folder", dir.display()));
    }
    // Refuse before writing anything, so a second run never leaves half a
    // set over someone's edits.
    let taken: Vec<String> = crate::render::templates::built_in()
        .iter()
        .filter(|(name, _)| dir.join(name).exists())
        .map(|(name, _)| name.to_string())
        .collect();
    if let Some(first) = taken.first() {
        let more = match taken.len() {
            1 => String::new(),
            n => format!(" and {} more templates", n - 1),
        };
        return trouble(&format!(
            "`{}` already holds `{first}`{more}; `redbrief templates` never overwrites a file: name a new or empty folder",
            dir.display()
        ));
    }
    for (name, source) in crate::render::templates::built_in() {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            if let Err(error) = std::fs::create_dir_all(parent) {
                return trouble(&format!(
                    "cannot make the folder `{}`: {}",
                    parent.display(),
                    io_reason(&error)
                ));
            }
        }
        if let Err(error) = create_file(&path, source.as_bytes()) {
            return trouble(&format!(
                "cannot write `{}`: {}",
                path.display(),
                io_reason(&error)
            ));
        }
    }
    print(&format!(
        "wrote {} templates into {}\nnext: edit any of them, delete the ones you keep as they are, then run `redbrief render SPEC --templates {}`\n",
        crate::render::templates::built_in().len(),
        dir.display(),
        dir.display()
    ))
}
