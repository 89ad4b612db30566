//! Briefs: one per creator in their role's voice, and one campaign overview,
//! in each language the spec lists.
//!
//! `Briefs::render_each` hands each file (path and text) on as it is made,
//! so a large set is never held whole; `Briefs::render` collects the set
//! for tests and the preview. `output` writes the files to disk safely, or
//! compares them with what is there (`render --check`), one at a time. The templates are loaded and parsed once, in
//! `Briefs::new`, and reused for every creator. What the templates see is
//! written out by `words`, built into the campaign, creator and delivery
//! views in `view` and the overview in `overview`; `context` says how.

mod body;
mod chart;
mod context;
mod lazy;
use crate::i18n;
use crate::model::file_name;
pub mod output;
mod overview;
pub mod templates;
mod terms;
mod view;
mod words;

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use std::sync::mpsc;

use minijinja::{context, Value};
use serde::Serialize;

use crate::model::vocabulary::Vocabulary;
use crate::model::{Campaign, Language, Role};
use crate::source::SourceFile;
use crate::Checked;
use body::{Body, Tidying};
use context::PlatformView;
use templates::Templates;
use view::{CampaignView, CreatorView};
use words::Words;

/// What to render and how.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A subset of the spec's languages; all of them when `None`.
    pub languages: Option<Vec<Language>>,
    pub format: OutputFormat,
    /// A folder whose files replace built-in templates of the same name.
    pub templates: Option<PathBuf>,
}

/// The page format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OutputFormat {
    /// Markdown with YAML front matter.
    #[default]
    Markdown,
    /// Self-contained HTML pages, the front matter as `redbrief:` meta tags.
    Html,
}

impl OutputFormat {
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Markdown => "md",
            OutputFormat::Html => "html",
        }
    }
}

/// One file of a rendered set; `path` is relative to the output folder,
/// with `/` between parts (`en/kol/lina.glow.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    pub path: String,
    pub contents: String,
}

#[derive(Debug)]
pub enum RenderError {
    /// The spec has errors (or could not be read); its findings say why.
    SpecHasErrors,
    /// `--lang` asked for a language the spec does not list.
    LanguageNotInSpec {
        asked: Language,
        listed: Vec<Language>,
    },
    /// Two handles would be written to one file.
    HandleClash {
        first: String,
        second: String,
        path: String,
    },
    /// A template could not be parsed or rendered; one line naming it.
    Templates(String),
    /// An override template could not be read.
    TemplateFile(crate::fs::FileError),
    /// A roster the spec reads was saved while the briefs were rendered:
    /// the languages would not show the same creators.
    SpecChanged,
}

impl RenderError {
    /// A problem in the spec (exit 1), rather than the tool failing (exit 2).
    pub fn is_in_spec(&self) -> bool {
        matches!(
            self,
            RenderError::SpecHasErrors | RenderError::HandleClash { .. }
        )
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            RenderError::SpecHasErrors => {
                crate::t!("the spec has errors; fix them to render briefs")
            }
            RenderError::LanguageNotInSpec { asked, listed } => {
                let listed: Vec<&str> = listed.iter().map(|l| l.name()).collect();
                crate::t!(
                    "the spec lists `languages {listed}`; `{asked}` is not one of them",
                    listed = listed.join(", "),
                    asked = asked.name()
                )
            }
            RenderError::HandleClash {
                first,
                second,
                path,
            } => crate::t!(
                "{first} and {second} would both be written to `{path}`; rename one of them",
                first = first,
                second = second,
                path = path
            ),
            RenderError::TemplateFile(error) => crate::t!(
                "cannot read template `{path}`: {reason}",
                path = error.path.display(),
                reason = crate::fs::reason(&error.source)
            ),
            RenderError::SpecChanged => crate::t!(
                "a roster the spec reads changed while the briefs were rendered; nothing was written, render again"
            ),
            RenderError::Templates(message) => return f.write_str(message),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for RenderError {}

/// The loaded templates and the options they were loaded for.
pub struct Briefs {
    templates: Templates,
    options: RenderOptions,
}

/// Renders a checked spec with freshly loaded templates. To render many
/// specs, or to time rendering alone, build `Briefs` once instead.
pub fn render(
    checked: &Checked,
    options: &RenderOptions,
) -> Result<Vec<RenderedFile>, RenderError> {
    Briefs::new(options)?.render(checked)
}

impl Briefs {
    /// Loads and parses every template (built in, or from
    /// `options.templates`).
    pub fn new(options: &RenderOptions) -> Result<Briefs, RenderError> {
        Ok(Briefs {
            templates: Templates::load(options.templates.as_deref())?,
            options: options.clone(),
        })
    }

    /// Every file of the set: for each language, the overview and one brief
    /// per creator, sorted by path. Refuses a spec with errors. Holds the
    /// whole set: to write a large one, use `render_each`.
    pub fn render(&self, checked: &Checked) -> Result<Vec<RenderedFile>, RenderError> {
        let mut files = Vec::with_capacity(self.count(checked));
        self.render_each(checked, &mut |file| {
            files.push(file);
            Ok::<(), RenderError>(())
        })?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// How many files `render` would give for this spec, for a progress bar.
    pub fn count(&self, checked: &Checked) -> usize {
        let Some(campaign) = &checked.campaign else {
            return 0;
        };
        let languages = self.languages(campaign).map_or(0, |l| l.len());
        let orders = campaign.creators.iter().filter(|c| has_order(c)).count();
        languages * (campaign.creators.len() + orders + 1)
    }

    /// Hands every file of the set to `sink` as soon as it is rendered, in
    /// no particular order (briefs are rendered on every core), so only a
    /// few pages are held at a time. The first error, the renderer's or the
    /// sink's, stops the render and is returned. Refuses a spec with errors.
    pub fn render_each<E: From<RenderError>>(
        &self,
        checked: &Checked,
        sink: &mut dyn FnMut(RenderedFile) -> Result<(), E>,
    ) -> Result<(), E> {
        let set = self.set(checked)?;
        for &language in &set.languages {
            // Found again in the page's language when need be, one
            // language at a time.
            let relocalized = set
                .relocalize(language)
                .then(|| recheck(&checked.file, language));
            if let Some(spec) = &relocalized {
                set.reads_as_before(spec)?;
            }
            let spec = relocalized.as_ref().unwrap_or(checked);
            self.render_language(&set, spec, language, sink)?;
        }
        Ok(())
    }

    /// `render_each`, given the checked spec to keep: a language whose
    /// findings must be found again (see `Set::relocalize`) is rendered
    /// last, from that second check, with the first one let go, so the two
    /// are never held at once.
    pub fn render_each_owned<E: From<RenderError>>(
        &self,
        checked: Checked,
        sink: &mut dyn FnMut(RenderedFile) -> Result<(), E>,
    ) -> Result<(), E> {
        let set = self.set(&checked)?;
        let mut languages = set.languages.clone();
        // Stable: the spec's order within each part.
        languages.sort_by_key(|language| set.relocalize(*language));
        let mut spec = checked;
        for language in languages {
            if set.relocalize(language) {
                // The text goes on to the second check; the rest of the
                // first goes before it starts.
                let file = std::mem::replace(&mut spec.file, SourceFile::new("", ""));
                drop(spec);
                // The first language's model and pages are freed, but the
                // allocator keeps their pages, and the second check would
                // grow on top of them. At 10,000 creators the process holds
                // 29 MiB here without this and 21 with; the check is the
                // render's peak, which comes out 0.5 MiB lower.
                crate::memory::release();
                spec = i18n::speaking(i18n::Lang::from(language), || {
                    crate::check(file.path, file.text.into_bytes())
                });
                set.reads_as_before(&spec)?;
            }
            self.render_language(&set, &spec, language, sink)?;
        }
        Ok(())
    }

    /// What every language of the set shares; refuses a spec with errors,
    /// a language it does not list and two handles on one file.
    fn set(&self, checked: &Checked) -> Result<Set, RenderError> {
        let campaign = match &checked.campaign {
            Some(campaign) if !checked.has_errors() => campaign,
            _ => return Err(RenderError::SpecHasErrors),
        };
        // Refused before anything is written; each language makes the
        // names again (`render_language`) rather than hold them.
        file_names(campaign, self.options.format)?;
        Ok(Set {
            languages: self.languages(campaign)?,
            spec_sha256: checked.spec_sha256(),
            has_findings: !checked.findings.is_empty(),
        })
    }

    /// One language's overview, then its briefs.
    fn render_language<E: From<RenderError>>(
        &self,
        set: &Set,
        checked: &Checked,
        language: Language,
        sink: &mut dyn FnMut(RenderedFile) -> Result<(), E>,
    ) -> Result<(), E> {
        let Some(campaign) = &checked.campaign else {
            return Err(RenderError::SpecHasErrors.into());
        };
        let names = file_names(campaign, self.options.format)?;
        let words = Words(language);
        let campaign_view = CampaignView::new(campaign, words);
        let shared = Shared {
            campaign: Value::from_serialize(&campaign_view),
            platform: Value::from_serialize(PlatformView::new(campaign, words)),
            language,
            html_lang: match language {
                Language::En => "en",
                Language::Zh => "zh-Hans",
            },
            spec_sha256: &set.spec_sha256,
            campaign_name: &campaign.name.value,
        };

        // The overview's views (every creator, the chart) are dropped
        // before the briefs are rendered.
        let overview = {
            let view = overview::overview(campaign, &checked.findings, &checked.file, words);
            let path = format!("{}/overview.{}", language.name(), self.extension());
            self.overview_file(&shared, path, view)?
        };
        sink(overview)?;

        // Briefs are independent of each other: render them on every core,
        // and hand each to the sink on this thread as it is done. The
        // channel is bounded, so a slow sink (the disk) holds the renderers
        // back instead of letting pages pile up.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = campaign
            .creators
            .len()
            .div_ceil(threads)
            .max(MIN_BRIEFS_PER_THREAD);
        std::thread::scope(|scope| {
            let (done, finished) = mpsc::sync_channel(PAGES_IN_FLIGHT_PER_THREAD * threads);
            for (creators, names) in campaign.creators.chunks(chunk).zip(names.chunks(chunk)) {
                let done = done.clone();
                let (shared, campaign_view) = (&shared, &campaign_view);
                scope.spawn(move || {
                    let mut page = match self.page(shared) {
                        Ok(page) => page,
                        Err(error) => {
                            let _ = done.send(Err(error));
                            return;
                        }
                    };
                    'creators: for (creator, name) in creators.iter().zip(names) {
                        let view =
                            Value::from_serialize(CreatorView::new(campaign_view, creator, words));
                        let handle = creator.handle.value.as_str();
                        let brief = Document::Brief(handle, creator.role);
                        let mut documents = vec![(brief, &name.brief)];
                        if let Some(order) = &name.order {
                            documents.push((Document::Order(handle, creator.role), order));
                        }
                        for (document, path) in documents {
                            let path = format!("{}/{path}", language.name());
                            if self.templates.fueled {
                                // A fresh budget for each document.
                                match self.page(shared) {
                                    Ok(fresh) => page = fresh,
                                    Err(error) => {
                                        let _ = done.send(Err(error));
                                        break 'creators;
                                    }
                                }
                            }
                            let file = page.file(document, path, view.clone());
                            // The receiver is gone only after an error: stop.
                            if done.send(file).is_err() {
                                break 'creators;
                            }
                        }
                    }
                });
            }
            drop(done);
            // Returning early drops the receiver, which stops every
            // renderer at its next page.
            for file in finished {
                sink(file?)?;
            }
            Ok::<(), E>(())
        })
    }

    fn extension(&self) -> &'static str {
        self.options.format.extension()
    }

    /// The languages to render, in the spec's order.
    fn languages(&self, campaign: &Campaign) -> Result<Vec<Language>, RenderError> {
        let Some(asked) = &self.options.languages else {
            return Ok(campaign.languages.clone());
        };
        if let Some(missing) = asked.iter().find(|l| !campaign.languages.contains(l)) {
            return Err(RenderError::LanguageNotInSpec {
                asked: *missing,
                listed: campaign.languages.clone(),
            });
        }
        Ok(campaign
            .languages
            .iter()
            .copied()
            .filter(|l| asked.contains(l))
            .collect())
    }

    /// A page renderer for one language: a template state in which that
    /// language's `copy.j2` has been imported once (see `templates::DRIVER`).
    fn page<'b>(&'b self, shared: &'b Shared<'b>) -> Result<Page<'b>, RenderError> {
        let driver = self
            .templates
            .env
            .get_template(templates::driver(self.options.format))
            .map_err(|e| self.templates.error(&e))?;
        let state = driver
            .render_captured(context! {
                language => shared.language.name(),
                campaign => shared.campaign.clone(),
                platform => shared.platform.clone(),
            })
            .map_err(|e| self.templates.error(&e))?;
        Ok(Page {
            briefs: self,
            shared,
            state,
        })
    }

    /// Renders a language's overview with its front matter, its template
    /// writing straight into the file's string: at 10,000 creators it is
    /// megabytes, which the briefs' macro would capture whole first. (An
    /// HTML page's frame is a `call` block, which still holds the body
    /// once; the Markdown page is never held but in its file's string.)
    fn overview_file(
        &self,
        shared: &Shared<'_>,
        path: String,
        view: Value,
    ) -> Result<RenderedFile, RenderError> {
        let document = Document::Overview;
        let frame = document.frame(self, shared);
        let driver = self
            .templates
            .env
            .get_template(templates::page_driver(self.options.format))
            .map_err(|e| self.templates.error(&e))?;
        let mut contents = String::new();
        let mut body = document.start(&frame.front, self.options.format, &mut contents);
        driver
            .render_captured_to(
                context! {
                    language => shared.language.name(),
                    campaign => shared.campaign.clone(),
                    platform => shared.platform.clone(),
                    template => frame.template,
                    creator => (),
                    overview => view,
                    page => frame.page,
                },
                &mut body,
            )
            .map_err(|e| self.templates.error(&e))?;
        body.finish();
        Ok(RenderedFile { path, contents })
    }
}

/// Renders the files of one language, one after another, in one template
/// state. Not shared between threads: each thread makes its own.
struct Page<'b> {
    briefs: &'b Briefs,
    shared: &'b Shared<'b>,
    state: minijinja::Captured<'b>,
}

/// What a file is: the overview, a creator's brief, or the plain-text order
/// requirements (合作要求) for their Pugongying order.
#[derive(Debug, Clone, Copy)]
enum Document<'a> {
    Overview,
    Brief(&'a str, Role),
    Order(&'a str, Role),
}

impl Document<'_> {
    /// The template's name without language and extension.
    fn template(self) -> &'static str {
        match self {
            Document::Overview => "overview",
            Document::Brief(_, role) => role.keyword(),
            Document::Order(..) => "order",
        }
    }
}

impl Page<'_> {
    /// Renders a creator's brief or order text with its front matter (see
    /// `Document::start`): its template is included by the state's
    /// `document` macro. (The overview is `Briefs::overview_file`.)
    fn file(
        &mut self,
        document: Document<'_>,
        path: String,
        creator: Value,
    ) -> Result<RenderedFile, RenderError> {
        let (briefs, shared) = (self.briefs, self.shared);
        let frame = document.frame(briefs, shared);
        let no_overview = Value::from(());
        let args = [
            Value::from(frame.template),
            creator,
            no_overview,
            frame.page,
        ];
        let text = self
            .state
            .with_state_mut(|state| state.call_macro("document", &args))
            .map_err(|e| briefs.templates.error(&e))?;
        let mut contents = String::with_capacity(text.len() + 512);
        let mut body = document.start(&frame.front, briefs.options.format, &mut contents);
        body.push(text.as_bytes());
        body.finish();
        Ok(RenderedFile { path, contents })
    }
}

/// What a document's page has besides its body.
struct Frame<'a> {
    /// `en/kol.md.j2`
    template: String,
    front: FrontMatter<'a>,
    /// The page frame's values (`page` in templates).
    page: Value,
}

impl<'a> Document<'a> {
    fn frame(self, briefs: &Briefs, shared: &'a Shared<'a>) -> Frame<'a> {
        let extension = match self {
            Document::Order(..) => "txt",
            _ => briefs.extension(),
        };
        let template = format!(
            "{}/{}.{extension}.j2",
            shared.language.name(),
            self.template()
        );
        let creator = match self {
            Document::Overview => None,
            Document::Brief(handle, role) | Document::Order(handle, role) => Some((handle, role)),
        };
        let front = FrontMatter {
            campaign: shared.campaign_name,
            document: if creator.is_some() {
                "brief"
            } else {
                "overview"
            },
            creator: creator.map(|(handle, _)| handle),
            role: creator.map(|(_, role)| role.keyword()),
            language: shared.language.name(),
            spec_sha256: shared.spec_sha256,
        };
        let page = Value::from_serialize(PageView {
            lang: shared.html_lang,
            front_matter: front.meta(),
        });
        Frame {
            template,
            front,
            page,
        }
    }

    /// Starts the page in `contents`: YAML front matter on top of Markdown
    /// (an HTML page carries it as meta tags in its head, from `page`). An
    /// order text is plain text in every format, with no front matter: it
    /// is pasted into a form. The body then goes in tidied.
    fn start<'s>(
        self,
        front: &FrontMatter<'_>,
        format: OutputFormat,
        contents: &'s mut String,
    ) -> Body<'s> {
        match (self, format) {
            (Document::Order(..), _) => Body::new(contents, Tidying::Lines),
            (_, OutputFormat::Markdown) => {
                contents.push_str("---\n");
                contents.push_str(&front.yaml());
                contents.push_str("---\n\n");
                Body::new(contents, Tidying::Lines)
            }
            (_, OutputFormat::Html) => Body::new(contents, Tidying::Ends),
        }
    }
}

/// Below this many briefs, another thread costs more than it saves.
const MIN_BRIEFS_PER_THREAD: usize = 64;

/// Pages a renderer may have made that the sink has not taken yet: enough
/// to keep every core busy while a page is written, few enough to hold.
const PAGES_IN_FLIGHT_PER_THREAD: usize = 4;

/// What every language of a set shares.
struct Set {
    /// The languages to render, in the spec's order.
    languages: Vec<Language>,
    spec_sha256: String,
    /// Whether the spec has findings (warnings: it has no errors).
    has_findings: bool,
}

impl Set {
    /// Whether a language's overview needs the findings found again: it
    /// quotes them in its own language, not in the one the user reads, so
    /// the same spec renders the same files under any locale.
    fn relocalize(&self, language: Language) -> bool {
        self.has_findings && i18n::Lang::from(language) != i18n::current()
    }

    /// A second check of the spec must give the campaign of the first: the
    /// text is the same, but its rosters are read from disk again, and
    /// one saved in between would give one language other creators.
    fn reads_as_before(&self, again: &Checked) -> Result<(), RenderError> {
        if again.campaign.is_none() || again.has_errors() {
            return Err(RenderError::SpecHasErrors);
        }
        if again.spec_sha256() != self.spec_sha256 {
            return Err(RenderError::SpecChanged);
        }
        Ok(())
    }
}

/// The spec checked again, speaking a page language.
fn recheck(file: &SourceFile, language: Language) -> Checked {
    i18n::speaking(i18n::Lang::from(language), || {
        crate::check(file.path.clone(), file.text.clone().into_bytes())
    })
}

/// What every file of one language shares, converted for templates once.
struct Shared<'a> {
    campaign: Value,
    platform: Value,
    language: Language,
    /// The page's `lang`: a BCP 47 tag, `zh-Hans` for Simplified Chinese.
    html_lang: &'static str,
    spec_sha256: &'a str,
    campaign_name: &'a str,
}

/// What an HTML page's frame needs beyond the brief.
#[derive(Serialize)]
struct PageView<'a> {
    lang: &'static str,
    front_matter: Vec<MetaTag<'a>>,
}

/// One front matter field as `<meta name="redbrief:NAME" content="VALUE">`.
#[derive(Serialize)]
struct MetaTag<'a> {
    name: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
struct FrontMatter<'a> {
    campaign: &'a str,
    document: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    language: &'static str,
    spec_sha256: &'a str,
}

impl<'a> FrontMatter<'a> {
    /// The fields as YAML, every value double-quoted: a YAML 1.1 reader
    /// (PyYAML, many static-site tools) would read a campaign named `yes`,
    /// `no`, `on`, `1_000` or `2026-12-01` as a boolean, a number or a date
    /// if it stood bare. A double-quoted JSON string is a YAML string.
    fn yaml(&self) -> String {
        let mut out = String::new();
        for tag in self.meta() {
            let quoted = serde_json::to_string(tag.value).unwrap_or_else(|_| "\"\"".to_string());
            out.push_str(tag.name);
            out.push_str(": ");
            out.push_str(&quoted);
            out.push('\n');
        }
        out
    }

    /// The same fields, in the same order, for an HTML page's meta tags.
    fn meta(&self) -> Vec<MetaTag<'a>> {
        let fields = [
            ("campaign", Some(self.campaign)),
            ("document", Some(self.document)),
            ("creator", self.creator),
            ("role", self.role),
            ("language", Some(self.language)),
            ("spec_sha256", Some(self.spec_sha256)),
        ];
        fields
            .into_iter()
            .filter_map(|(name, value)| value.map(|value| MetaTag { name, value }))
            .collect()
    }
}

/// A creator's files under the language folder.
struct FileNames {
    /// `kol/lina.glow.md`
    brief: String,
    /// `orders/lina.glow.txt`, for a creator with a Pugongying order.
    order: Option<String>,
}

/// Whether a creator gets an order text: only a paid collaboration has a
/// Pugongying order; a gifted creator declares the gift in the note instead.
fn has_order(creator: &crate::model::Creator) -> bool {
    creator.fee.is_some()
}

/// Each creator's file paths under the language folder, in roster order;
/// two handles that would share a file are an error. Briefs are kept apart
/// by role; order texts share one folder.
fn file_names(campaign: &Campaign, format: OutputFormat) -> Result<Vec<FileNames>, RenderError> {
    let mut taken: HashMap<(Option<Role>, String), &str> = HashMap::new();
    let mut names = Vec::with_capacity(campaign.creators.len());
    for creator in &campaign.creators {
        let name = file_name::for_handle(&creator.handle.value);
        let brief = format!("{}/{name}.{}", creator.role.keyword(), format.extension());
        let order = has_order(creator).then(|| format!("orders/{name}.txt"));
        let key = file_name::clash_key(&name);
        let mut keys = vec![((Some(creator.role), key.clone()), &brief)];
        if let Some(order) = &order {
            keys.push(((None, key), order));
        }
        for (key, path) in keys {
            if let Some(first) = taken.insert(key, &creator.handle.value) {
                return Err(RenderError::HandleClash {
                    first: first.to_string(),
                    second: creator.handle.value.clone(),
                    path: path.clone(),
                });
            }
        }
        names.push(FileNames { brief, order });
    }
    Ok(names)
}
