//! `redbrief render FILE [-o DIR] [--lang en,zh] [--format md|html]
//! [--templates DIR] [--check]`

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{busy, print, read_spec, shell_word, trouble, Exit};
use crate::diagnostic::{human, FileReport};
use crate::fs::{reason, Action, FileError};
use crate::model::vocabulary::Vocabulary;
use crate::model::Language;
use crate::render::output::{Broken, Change, Leftover, OutputError, MANIFEST};
use crate::render::{self, output, Briefs, OutputFormat, RenderOptions};

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The campaign spec (*.campaign).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The folder to write the briefs to; files you add there are kept.
    /// The new set is built beside it, so its parent must be writable; a
    /// symbolic link is written through.
    #[arg(short, long, value_name = "DIR", default_value = "briefs")]
    pub out: PathBuf,
    /// Only these of the spec's languages, e.g. `--lang zh`. One language
    /// given is also the language of render's messages.
    #[arg(long, value_name = "LANG", value_delimiter = ',', value_parser = language)]
    pub lang: Vec<Language>,
    /// Markdown, or self-contained HTML pages.
    #[arg(long, value_enum, default_value_t = PageFormat::Md)]
    pub format: PageFormat,
    /// A folder of templates; each replaces the built-in one of the same
    /// name (e.g. `en/kol.md.j2`, `en/kol.html.j2`, `zh/copy.j2`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Write nothing; exit 1 and list every file that would change, appear
    /// or disappear (for CI).
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PageFormat {
    /// Markdown with YAML front matter.
    Md,
    /// Self-contained, print-friendly HTML pages.
    Html,
}

fn language(word: &str) -> Result<Language, String> {
    Language::parse(word.trim()).ok_or_else(|| {
        crate::t!(
            "`{word}` is not a brief language; {help}",
            word = word,
            help = Language::help(word.trim())
        )
    })
}

pub fn run(args: &RenderArgs) -> Exit {
    let checked = match read_spec(&args.file) {
        Ok(checked) => checked,
        Err(message) => return trouble(&message),
    };
    // Findings first: errors explain the refusal, warnings ride along.
    if !checked.findings.is_empty() {
        let report = FileReport {
            file: &checked.file,
            findings: &checked.findings,
            omitted: checked.omitted.total(),
        };
        anstream::eprint!("{}", human::render(&report));
    }
    if checked.has_errors() || checked.campaign.is_none() {
        anstream::eprintln!(
            "{}",
            crate::t!(
                "no briefs written: `{path}` has errors; `redbrief check` shows them too",
                path = args.file.display()
            )
        );
        return Exit::Failed;
    }

    let options = RenderOptions {
        languages: (!args.lang.is_empty()).then(|| args.lang.clone()),
        format: match args.format {
            PageFormat::Md => OutputFormat::Markdown,
            PageFormat::Html => OutputFormat::Html,
        },
        templates: args.templates.clone(),
    };
    let briefs = match Briefs::new(&options) {
        Ok(briefs) => briefs,
        Err(error) => return trouble(&error.to_string()),
    };
    // Each page is compared or written as soon as it is rendered, so the
    // set is never held whole. OUT is first looked at when the first page
    // is ready: a spec or template refused before that leaves it alone,
    // as it always did.
    let progress = Progress::new(briefs.count(&checked), crate::t!("rendering"));
    if args.check {
        let mut comparison = None;
        let compared = briefs.render_each_owned(checked, &mut |file| {
            let comparison = match &mut comparison {
                Some(comparison) => comparison,
                None => comparison.insert(output::Comparison::of(&args.out)?),
            };
            comparison.add(&file);
            progress.tick();
            Ok::<(), Failure>(())
        });
        progress.clear();
        let comparison = compared.and_then(|()| match comparison {
            Some(comparison) => Ok(comparison),
            None => Ok(output::Comparison::of(&args.out)?),
        });
        return match comparison {
            Ok(comparison) => check(args, comparison),
            Err(failure) => failure.exit(),
        };
    }

    let mut writer = None;
    let rendered = briefs.render_each_owned(checked, &mut |file| {
        let writer = match &mut writer {
            Some(writer) => writer,
            None => writer.insert(output::Writer::open(&args.out)?),
        };
        writer.add(&file)?;
        progress.tick();
        Ok::<(), Failure>(())
    });
    // After a failure the writer is dropped unfinished, which removes the
    // staging folder: OUT is as it was.
    let written = rendered.and_then(|()| {
        let writer = match writer {
            Some(writer) => writer,
            None => output::Writer::open(&args.out)?,
        };
        let files = writer.files();
        Ok((files, writer.finish()?))
    });
    progress.clear();
    let out = &args.out;
    match written {
        Ok((files, written)) if written.updated == 0 && written.removed == 0 => say(&crate::t!(
            "`{path}` is up to date ({n} files)",
            path = out.display(),
            n = files
        )),
        Ok((total, written)) => {
            if let Some(error) = &written.left_behind {
                warn_left_behind(out, error);
            }
            let path = out.display();
            say(&match written.removed {
                0 => crate::t!(
                    "wrote {n} of {total} files to `{path}`",
                    n = written.updated,
                    total = total,
                    path = path
                ),
                removed => crate::t!(
                    "wrote {n} of {total} files to `{path}`; removed {removed} an earlier render wrote",
                    n = written.updated,
                    total = total,
                    path = path,
                    removed = removed
                ),
            })
        }
        Err(failure) => failure.exit(),
    }
}

/// Why rendering to a folder stopped: the briefs could not be rendered, or
/// the folder could not be written (or compared with).
enum Failure {
    Render(render::RenderError),
    Output(OutputError),
}

impl From<render::RenderError> for Failure {
    fn from(error: render::RenderError) -> Self {
        Failure::Render(error)
    }
}

impl From<OutputError> for Failure {
    fn from(error: OutputError) -> Self {
        Failure::Output(error)
    }
}

impl Failure {
    /// The failure said, and the exit that goes with it: 1 for a problem
    /// in the spec, 2 for the tool or the folder.
    fn exit(&self) -> Exit {
        match self {
            Failure::Render(error) if error.is_in_spec() => super::failure(&error.to_string()),
            Failure::Render(error) => trouble(&error.to_string()),
            Failure::Output(error) => trouble(&words(error)),
        }
    }
}

fn warn_left_behind(out: &Path, error: &FileError) {
    anstream::eprintln!(
        "{}",
        crate::t!(
            "warning: the new briefs are in `{path}`, but {error}; the next render tries again, or remove it yourself (`rm -r {leftover}`)",
            path = out.display(),
            error = error,
            leftover = shell_word(&error.path)
        )
    );
}

/// An output error in words: what went wrong, that nothing was changed
/// where that is so, and the command that fixes it.
fn words(error: &OutputError) -> String {
    match error {
        OutputError::NotAFolder(out) => crate::t!(
            "`{path}` is a file; choose a folder for the briefs with `-o`",
            path = out.display()
        ),
        OutputError::NotReplaceable(out) => crate::t!(
            "`{path}` cannot be replaced as a whole; name a folder for the briefs, such as `-o briefs`",
            path = out.display()
        ),
        OutputError::DanglingLink { out, target } => crate::t!(
            "`{path}` is a symbolic link to `{target}`, which does not exist; redbrief writes through a link to a folder but does not make the folder (it may be a drive that is not mounted): make it (`mkdir -p {target_word}`) or remove the link, then render again",
            path = out.display(),
            target = target.display(),
            target_word = shell_word(target)
        ),
        OutputError::InTheWay(path) => crate::t!(
            "`{path}` was not written by redbrief and a brief now belongs there; move it, then render again",
            path = path.display()
        ),
        OutputError::Leftover {
            folder,
            out,
            leftover,
        } => leftover_words(folder, out, leftover),
        OutputError::ReadOnly { folder } => crate::t!(
            "`{path}` is read-only, and a render replaces the whole output folder, so nothing was changed; make it writable (`chmod u+w {word}`) and render again, or write the briefs elsewhere with `-o`",
            path = folder.display(),
            word = shell_word(folder)
        ),
        OutputError::BrokenManifest { manifest, broken } => {
            let what = match broken {
                Broken::NotText => crate::t!("it is not UTF-8 text"),
                Broken::NotAFile => crate::t!("it is not a file"),
                Broken::Line(line) => crate::t!(
                    "line {line} is not a path inside the folder",
                    line = line
                ),
            };
            let out = manifest.parent().unwrap_or(Path::new("."));
            crate::t!(
                "`{manifest}` is broken ({what}), so redbrief cannot tell the briefs it wrote from your files, and nothing was changed; restore it (from version control or a backup), or move your own files out of `{path}`, remove the folder (`rm -r {word}`) and render again",
                manifest = manifest.display(),
                what = what,
                path = out.display(),
                word = shell_word(out)
            )
        }
        OutputError::Busy {
            out,
            holder,
            waited,
        } => busy(out, holder.as_deref(), *waited),
        OutputError::NoRoomBeside { out, parent } => crate::t!(
            "cannot write the briefs to `{path}`: `{parent}` is not writable, and render builds the new set beside the output folder before swapping it in; choose an output folder inside a folder you can write to",
            path = out.display(),
            parent = parent.display()
        ),
        OutputError::File { out, error } => crate::t!(
            "cannot write the briefs to `{path}`: {reason}",
            path = out.display(),
            reason = error
        ),
    }
}

fn leftover_words(folder: &Path, out: &Path, leftover: &Leftover) -> String {
    let shown = folder.display();
    let folder_word = shell_word(folder);
    match leftover {
        Leftover::StagingNotOurs => crate::t!(
            "`{path}` is in the way of the render: redbrief builds the new briefs there, and this folder is not one it made (it has no `{manifest}`); look inside, then remove it (`rm -r {word}`) and render again",
            path = shown,
            manifest = MANIFEST,
            word = folder_word
        ),
        Leftover::OldNotOurs { out_exists: true } => crate::t!(
            "`{path}` is in the way of the render: redbrief moves the old briefs there, and this folder is not one it made (it has no `{manifest}`); look inside, then remove it (`rm -r {word}`) and render again",
            path = shown,
            manifest = MANIFEST,
            word = folder_word
        ),
        Leftover::OldNotOurs { out_exists: false } => crate::t!(
            "`{path}` is in the way of the render, is not one redbrief made (it has no `{manifest}`), and `{out}` is missing: if it holds your briefs, put it back (`mv {word} {out_word}`), otherwise remove it (`rm -r {word}`); then render again",
            path = shown,
            manifest = MANIFEST,
            out = out.display(),
            word = folder_word,
            out_word = shell_word(out)
        ),
        Leftover::Stuck {
            action: Action::MoveInto,
            source,
        } => crate::t!(
            "`{path}` holds the briefs an interrupted render moved aside, and cannot be put back as `{out}`: {reason}; put it back yourself (`mv {word} {out_word}`), then render again",
            path = shown,
            out = out.display(),
            reason = reason(source),
            word = folder_word,
            out_word = shell_word(out)
        ),
        Leftover::Stuck { source, .. } => {
            let fix = match source.kind() {
                std::io::ErrorKind::PermissionDenied => {
                    format!("chmod -R u+w {folder_word} && rm -r {folder_word}")
                }
                _ => format!("rm -r {folder_word}"),
            };
            crate::t!(
                "`{path}` was left by an interrupted render and cannot be removed: {reason}; remove it yourself (`{fix}`), then render again",
                path = shown,
                reason = reason(source),
                fix = fix
            )
        }
    }
}

/// Below this many files a render takes about a second; a bar would only
/// flicker.
const PROGRESS_FROM_FILES: usize = 200;

/// A progress bar on stderr for a long render, a tick per page rendered
/// (and written, or compared, as it comes).
/// indicatif draws nothing when stderr is not a terminal, so pipes, CI logs
/// and tests see the same output with or without it; the bar is cleared
/// before anything else is printed.
struct Progress(ProgressBar);

impl Progress {
    fn new(files: usize, phase: String) -> Progress {
        if files < PROGRESS_FROM_FILES {
            return Progress(ProgressBar::hidden());
        }
        let bar =
            ProgressBar::with_draw_target(u64::try_from(files).ok(), ProgressDrawTarget::stderr());
        let template = crate::t!("{{msg:>9}} [{{bar:30}}] {{pos}}/{{len}} files");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(phase);
        Progress(bar)
    }

    fn tick(&self) {
        self.0.inc(1);
    }

    fn clear(&self) {
        self.0.finish_and_clear();
    }
}

/// `--check`: the difference between OUT and a fresh render, for CI.
fn check(args: &RenderArgs, comparison: output::Comparison) -> Exit {
    let out = &args.out;
    let files = comparison.files();
    let changes = comparison.finish();
    if changes.is_empty() {
        return say(&crate::t!(
            "`{path}` is up to date ({n} files)",
            path = out.display(),
            n = files
        ));
    }
    let mut text = String::new();
    for (change, path) in &changes {
        let path = out.join(path);
        let path = path.display();
        text.push_str(&match change {
            Change::Changed => crate::t!("would change: {path}", path = path),
            Change::Appears => crate::t!("would appear: {path}", path = path),
            Change::Disappears => crate::t!("would disappear: {path}", path = path),
        });
        text.push('\n');
    }
    let (path, command) = (out.display(), command(args));
    text.push_str(&match changes.len() {
        1 => crate::t!(
            "1 file out of date in `{path}`; run `{command}` to update",
            path = path,
            command = command
        ),
        n => crate::t!(
            "{n} files out of date in `{path}`; run `{command}` to update",
            n = n,
            path = path,
            command = command
        ),
    });
    text.push('\n');
    match print(&text) {
        Exit::Success => Exit::Failed,
        other => other,
    }
}

/// The render command that would bring OUT up to date.
fn command(args: &RenderArgs) -> String {
    let mut command = format!(
        "redbrief render {} -o {}",
        args.file.display(),
        args.out.display()
    );
    if !args.lang.is_empty() {
        let langs: Vec<&str> = args.lang.iter().map(|l| l.name()).collect();
        command.push_str(&format!(" --lang {}", langs.join(",")));
    }
    if args.format == PageFormat::Html {
        command.push_str(" --format html");
    }
    if let Some(templates) = &args.templates {
        command.push_str(&format!(" --templates {}", templates.display()));
    }
    command
}

fn say(line: &str) -> Exit {
    print(&format!("{line}\n"))
}
