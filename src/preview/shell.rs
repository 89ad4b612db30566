//! The pages the preview writes itself: the main page around the briefs
//! (`shell.html`), the notice put on top of a brief from the last good
//! version, and the page for a path that is not there. minijinja escapes
//! every value (templates named `.html`), so a handle or a line of the spec
//! quoted in a finding is shown as text, never read as markup.

use minijinja::{Environment, HtmlEscape, UndefinedBehavior};
use serde::Serialize;

use super::site::{FindingLine, LanguageIndex, Problem, Site};

const SHELL: &str = include_str!("shell.html");

/// Put at the top of a brief served while the spec has errors.
/// `notice` is the sentence with its values escaped as the templates
/// escape them (`HtmlEscape`), and marked up.
const STALE: &str = r#"<div role="alert" style="margin:0;padding:.6rem 1rem;background:#fff4e5;color:#8a5300;border-bottom:2px solid #b45309;font:600 14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif">{{ notice | safe }}</div>
"#;

/// `said` is the sentence with the path escaped (`HtmlEscape`) and marked up.
const MISSING: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ not_found }} · redbrief preview</title></head>
<body style="font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#1f1f24">
<h1 style="font-size:1.2rem">{{ not_found }}</h1>
<p>{{ said | safe }}</p>
</body>
</html>
"#;

/// The preview's own templates, parsed once.
pub struct Pages {
    env: Environment<'static>,
}

#[derive(Serialize)]
struct ShellView<'a> {
    version: &'a str,
    nonce: &'a str,
    spec: &'a str,
    read_at: &'a str,
    campaign: Option<&'a str>,
    findings: &'a [FindingLine],
    report: &'a str,
    problem: Option<ProblemView>,
    languages: &'a [LanguageIndex],
    /// The page the frame opens with; none while there are no briefs.
    first: Option<&'a str>,
    rendered_at: Option<&'a str>,
    ui: Ui,
}

/// The main page's own words, in the language redbrief speaks. `line`
/// holds `{line}` and `last_good` `{time}`, filled in by the template.
#[derive(Serialize)]
struct Ui {
    lang: &'static str,
    up_to_date: String,
    briefs: String,
    overview: String,
    none: String,
    none_yet: String,
    findings: String,
    line: String,
    not_checked: String,
    clean: String,
    last_good: String,
    no_briefs_yet: String,
    brief: String,
    no_languages: String,
}

impl Ui {
    fn new() -> Ui {
        Ui {
            lang: html_lang(),
            up_to_date: crate::t!("up to date"),
            briefs: crate::t!("Briefs"),
            overview: crate::t!("Overview"),
            none: crate::t!("none"),
            none_yet: crate::t!("none yet"),
            findings: crate::t!("Findings"),
            line: crate::t!("line {{line}}"),
            not_checked: crate::t!("not checked: the spec could not be read"),
            clean: crate::t!("none: the spec checks clean"),
            last_good: crate::t!(
                "The briefs below are from the last good version (rendered {{time}}), and each says so at its top."
            ),
            no_briefs_yet: crate::t!("No briefs yet: fix this and save; this page updates by itself."),
            brief: crate::t!("Brief"),
            no_languages: crate::t!("The spec lists no languages to write briefs in."),
        }
    }
}

/// The pages' `lang` attribute.
fn html_lang() -> &'static str {
    match crate::i18n::current() {
        crate::i18n::Lang::En => "en",
        crate::i18n::Lang::Zh => "zh-CN",
    }
}

#[derive(Serialize)]
struct ProblemView {
    /// `spec`, `unreadable` or `render`.
    kind: &'static str,
    /// A few words for the header.
    status: String,
    headline: String,
    /// Shown when there is no report of findings.
    detail: Option<String>,
}

impl Pages {
    pub fn new() -> Pages {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.add_filter("href", |path: &str| href(path));
        // Built in and tested: a template that does not parse is a bug
        // caught by the first test, not something a user can cause.
        for (name, source) in [
            ("shell.html", SHELL),
            ("stale.html", STALE),
            ("missing.html", MISSING),
        ] {
            if let Err(error) = env.add_template(name, source) {
                panic!("the preview's {name} does not parse: {error:#}");
            }
        }
        Pages { env }
    }

    /// The main page for a site at one version.
    pub fn shell(&self, site: &Site, version: &str, nonce: &str) -> String {
        let briefs = site.briefs.as_deref();
        let view = ShellView {
            version,
            nonce,
            spec: &site.spec,
            read_at: &site.read_at,
            campaign: site.campaign.as_deref(),
            findings: &site.findings,
            report: &site.report,
            problem: site
                .problem
                .as_ref()
                .map(|problem| problem_view(site, problem)),
            languages: briefs.map_or(&[], |b| b.languages.as_slice()),
            first: site.first_page(),
            rendered_at: briefs.map(|b| b.rendered_at.as_str()),
            ui: Ui::new(),
        };
        self.render("shell.html", &view)
    }

    /// A brief as served: from the rendered set, with a notice on top when
    /// it is from the last good version.
    pub fn brief(&self, site: &Site, html: &str) -> String {
        let (Some(problem), Some(briefs)) = (&site.problem, &site.briefs) else {
            return html.to_string();
        };
        let why = match problem {
            Problem::SpecHasErrors { .. } => crate::t!("has errors"),
            Problem::Unreadable(_) => crate::t!("cannot be read"),
            Problem::Render(_) => crate::t!("cannot be rendered"),
        };
        let said = crate::t!(
            "Last good version, rendered {time}. {spec} {why}; this page does not show the spec as it is now.",
            time = HtmlEscape(&briefs.rendered_at),
            spec = format!("<code>{}</code>", HtmlEscape(&site.spec)),
            why = HtmlEscape(&why)
        );
        let notice = self.render("stale.html", &minijinja::context! { notice => said });
        insert_after_body(html, &notice)
    }

    /// The page for a path that is not in the rendered set.
    pub fn missing(&self, path: &str) -> String {
        let back = format!(
            "<a href=\"/\">{}</a>",
            HtmlEscape(&crate::t!("Back to the briefs"))
        );
        let said = crate::t!(
            "There is no page {path} in this preview. {back}.",
            path = format!("<code>{}</code>", HtmlEscape(path)),
            back = back
        );
        self.render(
            "missing.html",
            &minijinja::context! {
                lang => html_lang(),
                not_found => crate::t!("Not found"),
                said => said,
            },
        )
    }

    fn render(&self, name: &str, view: &impl Serialize) -> String {
        match self
            .env
            .get_template(name)
            .and_then(|template| template.render(view))
        {
            Ok(html) => html,
            // Only a bug in these templates gets here; say so on the page.
            Err(error) => format!(
                "<!DOCTYPE html><title>redbrief preview</title><pre>{}</pre>",
                escape(&format!("{error:#}"))
            ),
        }
    }
}

impl Default for Pages {
    fn default() -> Self {
        Pages::new()
    }
}

fn problem_view(site: &Site, problem: &Problem) -> ProblemView {
    match problem {
        Problem::SpecHasErrors { errors } => {
            let (status, headline) = match errors {
                1 => (
                    crate::t!("1 error"),
                    crate::t!("{spec} has 1 error", spec = site.spec),
                ),
                n => (
                    crate::t!("{n} errors", n = n),
                    crate::t!("{spec} has {n} errors", spec = site.spec, n = n),
                ),
            };
            ProblemView {
                kind: "spec",
                status,
                headline,
                detail: None,
            }
        }
        Problem::Unreadable(reason) => ProblemView {
            kind: "unreadable",
            status: crate::t!("cannot read the spec"),
            headline: crate::t!("The spec cannot be read"),
            detail: Some(reason.clone()),
        },
        Problem::Render(message) => ProblemView {
            kind: "render",
            status: crate::t!("cannot render"),
            headline: crate::t!("The briefs cannot be rendered"),
            detail: Some(message.clone()),
        },
    }
}

/// `<body ...>` of a page, then `notice`, then the rest; a page without a
/// body tag gets the notice first.
fn insert_after_body(html: &str, notice: &str) -> String {
    let at = html
        .find("<body")
        .and_then(|start| html[start..].find('>').map(|end| start + end + 1));
    match at {
        Some(at) => format!("{}\n{notice}{}", &html[..at], &html[at..]),
        None => format!("{notice}{html}"),
    }
}

/// The URL of a page of the rendered set: `/briefs/` and its path, each
/// byte outside the unreserved set percent-encoded (`小雨` as UTF-8).
pub fn href(path: &str) -> String {
    let mut out = String::from("/briefs/");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Text as HTML, for the one page not made by a template.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_encode_everything_but_plain_path_characters() {
        assert_eq!(
            href("en/kol/lina.glow.html"),
            "/briefs/en/kol/lina.glow.html"
        );
        assert_eq!(
            href("zh/koc/小雨.html"),
            "/briefs/zh/koc/%E5%B0%8F%E9%9B%A8.html"
        );
        assert_eq!(href("en/koc/a b#c.html"), "/briefs/en/koc/a%20b%23c.html");
    }

    #[test]
    fn the_notice_goes_after_the_body_tag() {
        let page = "<html><body class=\"x\">\n<main>hi</main></body></html>";
        assert_eq!(
            insert_after_body(page, "<div>old</div>"),
            "<html><body class=\"x\">\n<div>old</div>\n<main>hi</main></body></html>"
        );
        assert_eq!(insert_after_body("hi", "<p>n</p>"), "<p>n</p>hi");
    }

    #[test]
    fn the_missing_page_escapes_the_path() {
        let html = Pages::new().missing("<script>alert(1)</script>");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
    }
}
