//! The brief templates: built into the binary from `templates/`, each
//! replaceable by a file of the same relative name in `--templates DIR`.
//! The minijinja environment is built once per run, never per creator, and
//! is strict: a misspelt variable is an error with the template's name and
//! line, not a silently empty line in a creator's brief.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};

use super::RenderError;

/// Every built-in template by name. A language's `disclosure` is included by
/// both of its briefs.
const BUILT_IN: &[(&str, &str)] = &[
    ("en/kol.md.j2", include_str!("../../templates/en/kol.md.j2")),
    ("en/koc.md.j2", include_str!("../../templates/en/koc.md.j2")),
    (
        "en/overview.md.j2",
        include_str!("../../templates/en/overview.md.j2"),
    ),
    (
        "en/disclosure.md.j2",
        include_str!("../../templates/en/disclosure.md.j2"),
    ),
    ("zh/kol.md.j2", include_str!("../../templates/zh/kol.md.j2")),
    ("zh/koc.md.j2", include_str!("../../templates/zh/koc.md.j2")),
    (
        "zh/overview.md.j2",
        include_str!("../../templates/zh/overview.md.j2"),
    ),
    (
        "zh/disclosure.md.j2",
        include_str!("../../templates/zh/disclosure.md.j2"),
    ),
];

/// The names `--templates DIR` may use, for messages and `--help`.
pub fn names() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(name, _)| *name)
}

/// The environment with every template loaded and checked.
pub struct Templates {
    pub(super) env: Environment<'static>,
    /// Where each overridden template came from, to name it in errors.
    overridden: BTreeMap<String, PathBuf>,
}

impl Templates {
    /// The built-in templates, each replaced by `overrides/NAME` where that
    /// file exists. Every template is parsed here, so a syntax error is
    /// reported before anything is rendered.
    pub fn load(overrides: Option<&Path>) -> Result<Templates, RenderError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        env.add_filter("cell", table_cell);

        let mut templates = Templates {
            env: Environment::new(),
            overridden: BTreeMap::new(),
        };
        if let Some(dir) = overrides {
            check_overrides(dir)?;
        }
        for (name, source) in BUILT_IN {
            let replacement = overrides.map(|dir| dir.join(name));
            match replacement.as_deref().map(std::fs::read_to_string) {
                Some(Ok(text)) => {
                    let path = replacement.unwrap_or_default();
                    let added = env.add_template_owned(*name, text);
                    templates.overridden.insert(name.to_string(), path);
                    added.map_err(|e| templates.error(&e))?;
                }
                Some(Err(e)) if e.kind() != std::io::ErrorKind::NotFound => {
                    let path = replacement.unwrap_or_default();
                    return Err(RenderError::Templates(format!(
                        "cannot read template `{}`: {}",
                        path.display(),
                        crate::cli::io_reason(&e)
                    )));
                }
                _ => env
                    .add_template(name, source)
                    .map_err(|e| templates.error(&e))?,
            }
        }
        templates.env = env;
        Ok(templates)
    }

    /// A template error as one line naming the template (its path, when the
    /// user supplied it) and the line.
    pub(super) fn error(&self, error: &minijinja::Error) -> RenderError {
        let what = match error.detail() {
            Some(detail) => format!("{}: {detail}", error.kind()),
            None => error.kind().to_string(),
        };
        let Some(name) = error.name() else {
            return RenderError::Templates(format!("template error: {what}"));
        };
        let shown = match self.overridden.get(name) {
            Some(path) => format!("`{}`", path.display()),
            None => format!("`{name}` (built in)"),
        };
        let line = error
            .line()
            .map(|l| format!(", line {l}"))
            .unwrap_or_default();
        RenderError::Templates(format!("in template {shown}{line}: {what}"))
    }
}

/// A `.j2` file in the overrides folder that replaces nothing is almost
/// always a misspelt name; saying so beats silently ignoring the user's work.
fn check_overrides(dir: &Path) -> Result<(), RenderError> {
    if !dir.is_dir() {
        return Err(RenderError::Templates(format!(
            "`{}` is not a folder of templates",
            dir.display()
        )));
    }
    let mut found = Vec::new();
    collect_j2(dir, dir, &mut found);
    found.sort();
    for name in found {
        if !names().any(|known| known == name) {
            let known: Vec<&str> = names().collect();
            return Err(RenderError::Templates(format!(
                "`{}` replaces no built-in template; the names are {}",
                dir.join(&name).display(),
                known.join(", ")
            )));
        }
    }
    Ok(())
}

fn collect_j2(root: &Path, dir: &Path, found: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_j2(root, &path, found);
        } else if path.extension().is_some_and(|e| e == "j2") {
            if let Ok(relative) = path.strip_prefix(root) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
}

/// A user string made safe for one Markdown table cell: a `|` would end the
/// cell and a line break the row.
fn table_cell(value: String) -> String {
    value.replace('|', "\\|").replace(['\r', '\n'], " ")
}
