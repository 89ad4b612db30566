//! The brief templates: built into the binary from `templates/`, each
//! replaceable by a file of the same relative name in `--templates DIR`.
//! The minijinja environment is built once per run, never per creator, and
//! is strict: a misspelt variable is an error with the template's name and
//! line, not a silently empty line in a creator's brief.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use super::RenderError;
use crate::fs::{Action, FileError};

/// Every built-in template by the name `--templates DIR` replaces it by.
/// A document's layout is one file per format, shared by the languages: it
/// imports `<language>/copy.j2`, where all of a language's words are, so each
/// sentence is written once for Markdown and HTML. The layouts are still
/// named per language (`en/kol.md.j2`), so one language can be overridden
/// alone.
const BUILT_IN: &[(&str, &str)] = &[
    ("en/copy.j2", include_str!("../../templates/en/copy.j2")),
    ("zh/copy.j2", include_str!("../../templates/zh/copy.j2")),
    ("en/kol.md.j2", KOL_MD),
    ("en/koc.md.j2", KOC_MD),
    ("en/overview.md.j2", OVERVIEW_MD),
    ("zh/kol.md.j2", KOL_MD),
    ("zh/koc.md.j2", KOC_MD),
    ("zh/overview.md.j2", OVERVIEW_MD),
    (
        "disclosure.md.j2",
        include_str!("../../templates/disclosure.md.j2"),
    ),
    ("dates.md.j2", include_str!("../../templates/dates.md.j2")),
    ("terms.md.j2", include_str!("../../templates/terms.md.j2")),
    (
        "never-say.md.j2",
        include_str!("../../templates/never-say.md.j2"),
    ),
    (
        "formats.md.j2",
        include_str!("../../templates/formats.md.j2"),
    ),
    ("en/kol.html.j2", KOL_HTML),
    ("en/koc.html.j2", KOC_HTML),
    ("en/overview.html.j2", OVERVIEW_HTML),
    ("zh/kol.html.j2", KOL_HTML),
    ("zh/koc.html.j2", KOC_HTML),
    ("zh/overview.html.j2", OVERVIEW_HTML),
    (
        "disclosure.html.j2",
        include_str!("../../templates/disclosure.html.j2"),
    ),
    (
        "dates.html.j2",
        include_str!("../../templates/dates.html.j2"),
    ),
    (
        "terms.html.j2",
        include_str!("../../templates/terms.html.j2"),
    ),
    (
        "never-say.html.j2",
        include_str!("../../templates/never-say.html.j2"),
    ),
    (
        "formats.html.j2",
        include_str!("../../templates/formats.html.j2"),
    ),
    ("page.html.j2", include_str!("../../templates/page.html.j2")),
    ("en/order.txt.j2", ORDER_TXT),
    ("zh/order.txt.j2", ORDER_TXT),
];

/// Renders every document of one language in one template state: it imports
/// the language's words once, and each document is then a call of its
/// `document` macro, which includes the document's template. Importing
/// `copy.j2` for every brief instead took half the time of a large render.
/// The layouts import `copy` themselves only when it is not already there,
/// so each still renders on its own. Internal: not a name users override.
///
/// The modules are imported under other names and set as `copy` and
/// `layout` inside the macro: a macro captures only the names it reads and
/// does not assign, so `{% set copy = copy %}` read an undefined local, and
/// every brief imported `copy.j2` again.
const DRIVER_MD: &str = "{% import language ~ \"/copy.j2\" as imported_copy %}\
{% macro document(template, creator, overview, page) %}\
{% set copy = imported_copy %}{% include template %}{% endmacro %}";
/// The same for HTML, which also imports the page frame once.
const DRIVER_HTML: &str = "{% import language ~ \"/copy.j2\" as imported_copy %}\
{% import \"page.html.j2\" as imported_layout %}\
{% macro document(template, creator, overview, page) %}\
{% set copy = imported_copy %}{% set layout = imported_layout %}{% include template %}{% endmacro %}";

/// The driver for a format, named like one of its templates so it escapes
/// the same way they do.
pub(super) fn driver(format: super::OutputFormat) -> &'static str {
    match format {
        super::OutputFormat::Markdown => "redbrief-driver.md.j2",
        super::OutputFormat::Html => "redbrief-driver.html.j2",
    }
}

/// The driver without the macro, for the one page of a language rendered on
/// its own, the overview: a macro's output is captured whole before it is
/// returned, and an overview of 10,000 creators is megabytes. Rendered
/// straight into its file instead (see `body`).
const PAGE_MD: &str = "{% import language ~ \"/copy.j2\" as copy %}{% include template %}";
/// The same for HTML.
const PAGE_HTML: &str = "{% import language ~ \"/copy.j2\" as copy %}\
{% import \"page.html.j2\" as layout %}{% include template %}";

/// The page driver for a format, named so it escapes as `driver` does.
pub(super) fn page_driver(format: super::OutputFormat) -> &'static str {
    match format {
        super::OutputFormat::Markdown => "redbrief-page.md.j2",
        super::OutputFormat::Html => "redbrief-page.html.j2",
    }
}

const KOL_MD: &str = include_str!("../../templates/kol.md.j2");
const KOC_MD: &str = include_str!("../../templates/koc.md.j2");
const OVERVIEW_MD: &str = include_str!("../../templates/overview.md.j2");
const KOL_HTML: &str = include_str!("../../templates/kol.html.j2");
const KOC_HTML: &str = include_str!("../../templates/koc.html.j2");
const OVERVIEW_HTML: &str = include_str!("../../templates/overview.html.j2");
const ORDER_TXT: &str = include_str!("../../templates/order.txt.j2");

/// The template instructions one document may take when `--templates` is
/// given. The built-in briefs take a few thousand; a loop over a
/// hundred thousand items still fits.
pub(crate) const USER_TEMPLATE_FUEL: u64 = 5_000_000;

/// Every built-in template, by the name `--templates DIR` overrides it with.
pub fn built_in() -> &'static [(&'static str, &'static str)] {
    BUILT_IN
}

/// The names `--templates DIR` may use, for messages and `--help`.
pub fn names() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(name, _)| *name)
}

/// The environment with every template loaded and checked.
pub struct Templates {
    pub(super) env: Environment<'static>,
    /// Where each overridden template came from, to name it in errors.
    overridden: BTreeMap<String, PathBuf>,
    /// Whether `--templates` was given: then every document is rendered in
    /// a state of its own, so the fuel budget counts per document.
    pub(crate) fueled: bool,
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
        env.set_auto_escape_callback(auto_escape);
        env.set_formatter(write_value);
        env.add_filter("cell", table_cell);

        let mut templates = Templates {
            env: Environment::new(),
            overridden: BTreeMap::new(),
            fueled: overrides.is_some(),
        };
        if let Some(dir) = overrides {
            check_overrides(dir)?;
        }
        if overrides.is_some() {
            // A user's template could loop for ever (a 9-million-step loop
            // took 18 s and 1.9 GB): each document gets a budget of template
            // instructions, far above what the built-in ones use.
            env.set_fuel(Some(USER_TEMPLATE_FUEL));
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
                    return Err(RenderError::TemplateFile(FileError::new(
                        Action::Read,
                        &path,
                        e,
                    )));
                }
                _ => env
                    .add_template(name, source)
                    .map_err(|e| templates.error(&e))?,
            }
        }
        for (format, source, page) in [
            (super::OutputFormat::Markdown, DRIVER_MD, PAGE_MD),
            (super::OutputFormat::Html, DRIVER_HTML, PAGE_HTML),
        ] {
            env.add_template(driver(format), source)
                .map_err(|e| templates.error(&e))?;
            env.add_template(page_driver(format), page)
                .map_err(|e| templates.error(&e))?;
        }
        templates.env = env;
        Ok(templates)
    }

    /// A template error as one line naming the template (its path, when the
    /// user supplied it) and the line.
    pub(super) fn error(&self, error: &minijinja::Error) -> RenderError {
        // An error inside an included template (every document is included
        // by the driver) arrives wrapped: report the innermost, which names
        // the template and line the user can fix.
        let mut error = error;
        while let Some(inner) = std::error::Error::source(error)
            .and_then(|source| source.downcast_ref::<minijinja::Error>())
        {
            error = inner;
        }
        let what = match (error.kind(), error.detail()) {
            (minijinja::ErrorKind::OutOfFuel, _) => crate::t!(
                "the template ran too long (over {steps} steps for one document): look for a loop that never ends or runs over far too many items",
                steps = USER_TEMPLATE_FUEL
            ),
            (kind, Some(detail)) => format!("{kind}: {detail}"),
            (kind, None) => kind.to_string(),
        };
        let Some(name) = error.name() else {
            return RenderError::Templates(crate::t!("template error: {what}", what = what));
        };
        let shown = match self.overridden.get(name) {
            Some(path) => format!("`{}`", path.display()),
            None => crate::t!("`{name}` (built in)", name = name),
        };
        RenderError::Templates(match error.line() {
            Some(line) => crate::t!(
                "in template {template}, line {line}: {what}",
                template = shown,
                line = line,
                what = what
            ),
            None => crate::t!(
                "in template {template}: {what}",
                template = shown,
                what = what
            ),
        })
    }
}

/// A `.j2` file in the overrides folder that replaces nothing is almost
/// always a misspelt name; saying so beats silently ignoring the user's work.
fn check_overrides(dir: &Path) -> Result<(), RenderError> {
    if !dir.is_dir() {
        return Err(RenderError::Templates(crate::t!(
            "`{folder}` is not a folder of templates",
            folder = dir.display()
        )));
    }
    let mut found = Vec::new();
    collect_j2(dir, dir, &mut found);
    found.sort();
    for name in found {
        if !names().any(|known| known == name) {
            let known: Vec<&str> = names().collect();
            return Err(RenderError::Templates(crate::t!(
                "`{file}` replaces no built-in template; the names are {names}",
                file = dir.join(&name).display(),
                names = known.join(match crate::i18n::current() {
                    crate::i18n::Lang::En => ", ",
                    crate::i18n::Lang::Zh => "、",
                })
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

/// HTML pages escape every value they print. minijinja's default would do
/// the same for `*.html.j2`, but only because it happens to skip `.j2`;
/// saying it here keeps it true whatever the default becomes. `copy.j2`
/// escapes nothing itself: its macros print with the escaping of the
/// template that calls them.
fn auto_escape(name: &str) -> AutoEscape {
    if name.ends_with(".html.j2") {
        AutoEscape::Html
    } else if name.ends_with(".md.j2") {
        AutoEscape::Custom(MARKDOWN)
    } else {
        AutoEscape::None
    }
}

/// The auto-escape of Markdown briefs: see `markdown_safe`.
const MARKDOWN: &str = "markdown";

/// How a value is written into a page: HTML escaped by minijinja, Markdown
/// by `markdown_safe`, everything else as it is.
fn write_value(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    let AutoEscape::Custom(_) = state.auto_escape() else {
        return minijinja::escape_formatter(out, state, value);
    };
    // Nearly every value is a string, written as it is held: a page writes
    // a few hundred, and a copy of each was a tenth of a render's
    // allocations.
    let written = match value.as_str() {
        Some(text) if value.is_safe() => out.write_str(text),
        Some(text) => out.write_str(&markdown_safe(text)),
        // Only strings are safe; a number or a list is written as text.
        None => out.write_str(&markdown_safe(&value.to_string())),
    };
    written.map_err(minijinja::Error::from)
}

/// A user's text made unable to start Markdown of its own: many Markdown
/// viewers render raw HTML, so a `<` that could open a tag is written
/// `&lt;`; and in a text of several lines (a `note`), a line that would
/// start a heading, a quote, a list or a rule gets a `\` before its mark.
/// Text without either, which is nearly all of it, is left as written.
pub(crate) fn markdown_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let opens_tag = |rest: &str| {
        rest.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
    };
    let risky_tag = text
        .match_indices('<')
        .any(|(at, _)| opens_tag(&text[at + 1..]));
    if !risky_tag && !text.contains('\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            let start = line.trim_start();
            let lead = &line[..line.len() - start.len()];
            let marker = start.starts_with(['#', '>', '-', '*', '+', '='])
                || start
                    .split_once(['.', ')'])
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            out.push_str(lead);
            if marker {
                out.push('\\');
            }
            push_without_tags(&mut out, start, opens_tag);
        } else {
            push_without_tags(&mut out, line, opens_tag);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn push_without_tags(out: &mut String, text: &str, opens_tag: impl Fn(&str) -> bool) {
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        if opens_tag(&rest[at + 1..]) {
            out.push_str("&lt;");
        } else {
            out.push('<');
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// A user string made safe for one Markdown table cell: a `|` would end the
/// cell and a line break the row.
fn table_cell(value: String) -> String {
    value.replace('|', "\\|").replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_templates_escape_and_the_rest_do_not() {
        assert!(matches!(auto_escape("en/kol.html.j2"), AutoEscape::Html));
        assert!(matches!(auto_escape("page.html.j2"), AutoEscape::Html));
        assert!(matches!(
            auto_escape("en/kol.md.j2"),
            AutoEscape::Custom(MARKDOWN)
        ));
        assert!(matches!(auto_escape("zh/copy.j2"), AutoEscape::None));
    }

    #[test]
    fn copy_macros_escape_as_the_calling_template_does() {
        let mut env = Environment::new();
        env.set_auto_escape_callback(auto_escape);
        env.set_formatter(write_value);
        let copy = "{% macro said(x) %}“{{ x }}”{% endmacro %}";
        let call = "{% import \"copy.j2\" as copy %}{{ copy.said(x) }}";
        env.add_template("copy.j2", copy).expect("parses");
        env.add_template("a.html.j2", call).expect("parses");
        env.add_template("a.md.j2", call).expect("parses");
        let x = minijinja::context! { x => "<b>&" };
        let html = env.get_template("a.html.j2").and_then(|t| t.render(&x));
        let md = env.get_template("a.md.j2").and_then(|t| t.render(&x));
        assert_eq!(html.expect("renders"), "“&lt;b&gt;&amp;”");
        // Markdown keeps `&`, but a `<` that could open a tag is not one.
        assert_eq!(md.expect("renders"), "“&lt;b>&”");
    }

    #[test]
    fn a_user_text_cannot_start_markdown_of_its_own() {
        assert_eq!(markdown_safe("Q&A, 3 < 5"), "Q&A, 3 < 5");
        assert_eq!(
            markdown_safe("<script>alert(1)</script>"),
            "&lt;script>alert(1)&lt;/script>"
        );
        assert_eq!(
            markdown_safe("first line\n## Fee\n- 99k MYR\n2. step\n> quote"),
            "first line\n\\## Fee\n\\- 99k MYR\n\\2. step\n\\> quote"
        );
        assert!(matches!(
            markdown_safe("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// The layouts find the words and the page frame the driver imported
    /// once, so they do not import them again for every brief.
    #[test]
    fn documents_see_the_modules_the_driver_imported() {
        for (format, driver_source) in [
            (crate::render::OutputFormat::Markdown, DRIVER_MD),
            (crate::render::OutputFormat::Html, DRIVER_HTML),
        ] {
            let mut env = Environment::new();
            env.add_template("en/copy.j2", "{% set hello = \"hi\" %}")
                .expect("parses");
            env.add_template("page.html.j2", "").expect("parses");
            env.add_template(
                "probe.j2",
                "{{ copy is defined }} {{ layout is defined }} {{ copy.hello }}",
            )
            .expect("parses");
            env.add_template(driver(format), driver_source)
                .expect("parses");
            let driver = env.get_template(driver(format)).expect("loads");
            let mut state = driver
                .render_captured(minijinja::context! { language => "en" })
                .expect("renders");
            let args = [
                minijinja::Value::from("probe.j2"),
                minijinja::Value::from(()),
                minijinja::Value::from(()),
                minijinja::Value::from(()),
            ];
            let seen = state
                .with_state_mut(|state| state.call_macro("document", &args))
                .expect("calls");
            let html = format == crate::render::OutputFormat::Html;
            assert_eq!(
                seen,
                format!("True {} hi", if html { "True" } else { "False" })
            );
        }
    }
}
