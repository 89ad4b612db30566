//! What the preview serves at one moment: the spec read, checked and
//! rendered in memory, or why it could not be, and the last briefs that
//! could.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::{human, FileReport, Finding};
use crate::model::vocabulary::Vocabulary;
use crate::model::{file_name, Campaign, Language, Role};
use crate::render::{Briefs, OutputFormat, RenderOptions};
use crate::Checked;

/// Where a site is built from: the files whose change means a rebuild.
#[derive(Debug, Clone)]
pub struct Source {
    /// The spec, as the user named it (and as findings name it).
    pub spec: PathBuf,
    /// `--templates DIR`: override templates, read afresh on every build.
    pub templates: Option<PathBuf>,
}

/// One build of the spec.
#[derive(Debug, Clone)]
pub struct Site {
    /// The spec as the user named it.
    pub spec: String,
    /// When it was read (local time, `14:03:22`).
    pub read_at: String,
    /// The campaign's name, when the spec got that far.
    pub campaign: Option<String>,
    /// Every finding, errors and warnings, in file order.
    pub findings: Vec<FindingLine>,
    /// The findings as `redbrief check` prints them, without colour.
    pub report: String,
    /// Why this version of the spec gives no briefs.
    pub problem: Option<Problem>,
    /// The newest briefs there are: this version's, or, while `problem`
    /// is set, the last good version's.
    pub briefs: Option<Arc<Rendered>>,
}

/// Why a version of the spec gives no briefs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The spec could not be read (moved away, too large, a folder).
    Unreadable(String),
    /// `check` found errors; `report` shows them.
    SpecHasErrors { errors: usize },
    /// The spec checks, but the briefs could not be rendered (two handles
    /// sharing a file, a broken override template).
    Render(String),
}

/// One finding, for the sidebar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingLine {
    pub severity: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// A good render: every page by its path, and the contents for the sidebar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// `en/overview.html`, `en/kol/lina.glow.html`, ... and their HTML.
    pub files: BTreeMap<String, String>,
    pub languages: Vec<LanguageIndex>,
    /// When this render was made (local time).
    pub rendered_at: String,
}

/// One language's pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageIndex {
    /// `en`, `zh`.
    pub code: &'static str,
    /// `English`, `中文`.
    pub label: &'static str,
    pub overview: String,
    pub roles: Vec<RoleIndex>,
}

/// One role's creators in one language, in roster order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleIndex {
    /// `kol`, `koc`.
    pub keyword: &'static str,
    /// `KOL`, `KOC`.
    pub label: &'static str,
    pub creators: Vec<CreatorEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreatorEntry {
    /// With its `@`, as written.
    pub handle: String,
    /// The page's path in the rendered set.
    pub path: String,
}

impl Site {
    /// Reads, checks and renders the spec. `previous` lends its briefs
    /// when this version has none.
    pub fn build(source: &Source, previous: Option<&Site>) -> Site {
        let spec = source.spec.display().to_string();
        let read_at = clock();
        let last_good = previous.and_then(|site| site.briefs.clone());
        let checked = match read(&source.spec) {
            Ok(checked) => checked,
            Err(reason) => {
                return Site {
                    spec,
                    read_at,
                    campaign: None,
                    findings: Vec::new(),
                    report: String::new(),
                    problem: Some(Problem::Unreadable(reason)),
                    briefs: last_good,
                }
            }
        };
        let findings = checked
            .findings
            .iter()
            .map(|finding| FindingLine::new(&checked, finding))
            .collect();
        let report = human::render(&FileReport {
            file: &checked.file,
            findings: &checked.findings,
            omitted: checked.omitted.total(),
        });
        let mut site = Site {
            spec,
            read_at: read_at.clone(),
            campaign: checked.campaign.as_ref().map(|c| c.name.value.clone()),
            findings,
            report: anstream::adapter::strip_str(&report).to_string(),
            problem: None,
            briefs: last_good,
        };
        let campaign = match &checked.campaign {
            Some(campaign) if !checked.has_errors() => campaign,
            _ => {
                let errors = checked.findings.iter().filter(|f| f.is_error()).count()
                    + checked.omitted.errors;
                site.problem = Some(Problem::SpecHasErrors { errors });
                return site;
            }
        };
        match render(source, &checked) {
            Ok(files) => {
                let languages = index(campaign, &files);
                let rendered = Rendered {
                    files,
                    languages,
                    rendered_at: read_at,
                };
                // The same pages as before keep their first time: nothing
                // changed in them since.
                site.briefs = match site.briefs.take() {
                    Some(old)
                        if old.files == rendered.files && old.languages == rendered.languages =>
                    {
                        Some(old)
                    }
                    _ => Some(Arc::new(rendered)),
                };
            }
            Err(message) => site.problem = Some(Problem::Render(message)),
        }
        site
    }

    /// Whether the pages would show the same as `other`'s, apart from the
    /// time of reading: an editor that saves without a change, or a file
    /// beside the spec being written, reloads no page.
    pub fn shows_the_same_as(&self, other: &Site) -> bool {
        self.campaign == other.campaign
            && self.findings == other.findings
            && self.report == other.report
            && self.problem == other.problem
            && match (&self.briefs, &other.briefs) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
                (None, None) => true,
                _ => false,
            }
    }

    /// The first page to show: the first language's overview.
    pub fn first_page(&self) -> Option<&str> {
        let briefs = self.briefs.as_deref()?;
        briefs.languages.first().map(|l| l.overview.as_str())
    }

    /// One line for the terminal about this build.
    pub fn summary(&self) -> String {
        let warnings = self
            .findings
            .iter()
            .filter(|f| f.severity == "warning")
            .count();
        // The warnings and the last good version are clauses added to
        // the line, each worded whole.
        let warnings = match warnings {
            0 => String::new(),
            1 => crate::t!(", 1 warning"),
            n => crate::t!(", {n} warnings", n = n),
        };
        let stale = if self.briefs.is_some() {
            crate::t!("; showing the briefs of the last good version")
        } else {
            String::new()
        };
        let time = &self.read_at;
        match &self.problem {
            None => {
                let pages = self.briefs.as_ref().map_or(0, |b| b.files.len());
                crate::t!(
                    "{time} rendered: {pages} pages{warnings}",
                    time = time,
                    pages = pages,
                    warnings = warnings
                )
            }
            Some(Problem::Unreadable(reason)) => format!("{time} {reason}{stale}"),
            Some(Problem::SpecHasErrors { errors }) => match errors {
                1 => crate::t!(
                    "{time} `{spec}` has 1 error{warnings}{stale}",
                    time = time,
                    spec = self.spec,
                    warnings = warnings,
                    stale = stale
                ),
                n => crate::t!(
                    "{time} `{spec}` has {n} errors{warnings}{stale}",
                    time = time,
                    spec = self.spec,
                    n = n,
                    warnings = warnings,
                    stale = stale
                ),
            },
            Some(Problem::Render(message)) => format!("{time} {message}{stale}"),
        }
    }
}

impl FindingLine {
    fn new(checked: &Checked, finding: &Finding) -> FindingLine {
        let position = checked.file.position(finding.span.start);
        FindingLine {
            severity: finding.severity.as_str(),
            code: finding.rule.code,
            name: finding.rule.name,
            message: finding.message.clone(),
            line: position.line,
            column: position.column,
        }
    }
}

/// Reads and checks the spec, or says in one line why it cannot be read.
fn read(path: &Path) -> Result<Checked, String> {
    let shown = path.display();
    if path.is_dir() {
        return Err(crate::t!(
            "`{path}` is a folder; name a .campaign file",
            path = shown
        ));
    }
    match crate::fs::read_at_most(path, crate::fs::LARGEST_SPEC) {
        Ok(Some(bytes)) => Ok(crate::check(shown.to_string(), bytes)),
        Ok(None) => Err(crate::t!(
            "`{path}` is larger than {mib} MiB, more than any campaign spec",
            path = shown,
            mib = crate::fs::LARGEST_SPEC >> 20
        )),
        Err(error) => Err(crate::t!(
            "cannot read `{path}`: {reason}",
            path = shown,
            reason = crate::fs::reason(&error)
        )),
    }
}

/// Every page of a checked spec, as HTML, in every language it lists.
/// The templates are loaded afresh: an override may have just changed.
fn render(source: &Source, checked: &Checked) -> Result<BTreeMap<String, String>, String> {
    let options = RenderOptions {
        languages: None,
        format: OutputFormat::Html,
        templates: source.templates.clone(),
    };
    let briefs = Briefs::new(&options).map_err(|e| e.to_string())?;
    let files = briefs.render(checked).map_err(|e| e.to_string())?;
    Ok(files
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect())
}

/// The sidebar's contents: per language, the overview, then the KOLs and
/// the KOCs in roster order. Only pages in the rendered set are listed.
fn index(campaign: &Campaign, files: &BTreeMap<String, String>) -> Vec<LanguageIndex> {
    let extension = OutputFormat::Html.extension();
    campaign
        .languages
        .iter()
        .map(|&language| {
            let code = language.name();
            let roles = [Role::Kol, Role::Koc]
                .into_iter()
                .map(|role| RoleIndex {
                    keyword: role.keyword(),
                    label: role.label(),
                    creators: campaign
                        .creators
                        .iter()
                        .filter(|creator| creator.role == role)
                        .map(|creator| CreatorEntry {
                            handle: creator.handle.value.clone(),
                            path: format!(
                                "{code}/{}/{}.{extension}",
                                role.keyword(),
                                file_name::for_handle(&creator.handle.value)
                            ),
                        })
                        .filter(|entry| files.contains_key(&entry.path))
                        .collect(),
                })
                .collect();
            LanguageIndex {
                code,
                label: match language {
                    Language::En => "English",
                    Language::Zh => "中文",
                },
                overview: format!("{code}/overview.{extension}"),
                roles,
            }
        })
        .collect()
}

/// The local time of day, to the second.
fn clock() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string()
}
