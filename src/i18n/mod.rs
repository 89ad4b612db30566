//! The language redbrief speaks to its user: findings, help, CLI errors and
//! `explain` pages, in English or Simplified Chinese (cli.md, "Human output
//! speaks the user's language").
//!
//! English is written where the message is made, as `t!("{who} has {n}
//! followers", who = .., n = ..)`, so the code reads as what the user sees.
//! The Chinese lives beside this file, where a translator works without
//! reading Rust: `zh/messages/*.yaml` maps each English text to its Chinese
//! (gettext's model: the source text is the key), and `zh/rules/CODE.md` is
//! each rule's `explain` page. A compiled-in table rather than an i18n crate:
//! two languages, no plural rules to speak of (the code picks "1 file" or
//! "2 files" before translating), and yaml_serde already reads YAML; Fluent
//! or gettext would add a runtime and a toolchain to save nothing.
//! `tests/integration/i18n.rs` fails when a `t!` text has no Chinese, a
//! Chinese entry has no `t!` left, or their `{placeholders}` differ.
//!
//! The language is one per process, chosen by the CLI (or the language
//! server) before any work, so findings made deep in the parser need no
//! extra argument; a thread may speak another for a while (`speaking`). Briefs are not affected: each brief is rendered in its
//! own language whatever the user reads.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::{Display, Write as _};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::OnceLock;

/// A language redbrief speaks to its user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `en` or `zh`, as `--lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// `en` or `zh`, with a region as locales write it (`zh-CN`, `zh_SG`).
    /// `cn` is a country, not a language: the brief languages refuse it
    /// too, with a did-you-mean.
    pub fn parse(word: &str) -> Option<Lang> {
        let word = word.trim().to_ascii_lowercase();
        match word.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ if word.starts_with("en-") || word.starts_with("en_") => Some(Lang::En),
            _ if word.starts_with("zh-") || word.starts_with("zh_") => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The language the environment asks for: `REDBRIEF_LANG`, then the
    /// POSIX locale variables in their order of precedence (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`); the first one set decides, and a value
    /// starting with `zh` means Chinese.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = var("REDBRIEF_LANG").and_then(|v| Lang::parse(&v)) {
            return lang;
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            match var(name) {
                Some(value) if !value.is_empty() => {
                    return if value.starts_with("zh") {
                        Lang::Zh
                    } else {
                        Lang::En
                    };
                }
                _ => {}
            }
        }
        Lang::En
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// A language this thread speaks for a while (`speaking`), over the
    /// process's.
    static SPEAKING: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Whether the user named the language (`--lang`, `REDBRIEF_LANG`)
/// rather than it following the locale: an editor's display language
/// counts over the locale, not over the user's word.
static NAMED: AtomicBool = AtomicBool::new(false);

/// Speak `lang` from now on, in this process.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// Speak `lang`, as the user asked by name.
pub fn set_named(lang: Lang) {
    set(lang);
    NAMED.store(true, Ordering::Relaxed);
}

/// Whether `set_named` chose the language.
pub fn named() -> bool {
    NAMED.load(Ordering::Relaxed)
}

/// The language this thread speaks: `speaking`'s, else the one chosen with
/// `set`, English until then.
pub fn current() -> Lang {
    if let Some(lang) = SPEAKING.with(Cell::get) {
        return lang;
    }
    match CURRENT.load(Ordering::Relaxed) {
        0 => Lang::En,
        _ => Lang::Zh,
    }
}

/// `work` done speaking `lang` on this thread, then back to what it spoke
/// before (also when `work` panics). Other threads are not affected: code
/// that hands work to threads passes `current()` on, as `rules::run` and
/// the parser's pieces do.
pub fn speaking<T>(lang: Lang, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SPEAKING.with(|speaking| speaking.set(self.0));
        }
    }
    let _restore = Restore(SPEAKING.with(|speaking| speaking.replace(Some(lang))));
    work()
}

/// The Chinese message files, each English text mapped to its Chinese.
/// A new file is added here and nowhere else.
pub const ZH_MESSAGES: &[(&str, &str)] = &[
    ("cli.yaml", include_str!("zh/messages/cli.yaml")),
    ("usage.yaml", include_str!("zh/messages/usage.yaml")),
    (
        "diagnostic.yaml",
        include_str!("zh/messages/diagnostic.yaml"),
    ),
    ("syntax.yaml", include_str!("zh/messages/syntax.yaml")),
    ("model.yaml", include_str!("zh/messages/model.yaml")),
    ("roster.yaml", include_str!("zh/messages/roster.yaml")),
    ("rules.yaml", include_str!("zh/messages/rules.yaml")),
    ("render.yaml", include_str!("zh/messages/render.yaml")),
];

/// Each rule's Chinese `explain` page, by code. A new rule's page is
/// added here; the i18n test fails for a rule without one.
const ZH_RULE_PAGES: &[(&str, &str)] = &[
    ("E001", include_str!("zh/rules/E001.md")),
    ("E002", include_str!("zh/rules/E002.md")),
    ("E003", include_str!("zh/rules/E003.md")),
    ("E004", include_str!("zh/rules/E004.md")),
    ("E005", include_str!("zh/rules/E005.md")),
    ("E006", include_str!("zh/rules/E006.md")),
    ("E007", include_str!("zh/rules/E007.md")),
    ("E008", include_str!("zh/rules/E008.md")),
    ("E009", include_str!("zh/rules/E009.md")),
    ("E010", include_str!("zh/rules/E010.md")),
    ("E011", include_str!("zh/rules/E011.md")),
    ("LANG001", include_str!("zh/rules/LANG001.md")),
    ("LANG002", include_str!("zh/rules/LANG002.md")),
    ("RS001", include_str!("zh/rules/RS001.md")),
    ("RS002", include_str!("zh/rules/RS002.md")),
    ("RS003", include_str!("zh/rules/RS003.md")),
    ("RS004", include_str!("zh/rules/RS004.md")),
    ("RS005", include_str!("zh/rules/RS005.md")),
    ("RS006", include_str!("zh/rules/RS006.md")),
    ("RS007", include_str!("zh/rules/RS007.md")),
    ("RS008", include_str!("zh/rules/RS008.md")),
    ("RS009", include_str!("zh/rules/RS009.md")),
    ("RS010", include_str!("zh/rules/RS010.md")),
    ("RS011", include_str!("zh/rules/RS011.md")),
    ("RS012", include_str!("zh/rules/RS012.md")),
    ("RS013", include_str!("zh/rules/RS013.md")),
    ("RS014", include_str!("zh/rules/RS014.md")),
    ("RS015", include_str!("zh/rules/RS015.md")),
    ("RS016", include_str!("zh/rules/RS016.md")),
    ("XHS001", include_str!("zh/rules/XHS001.md")),
    ("XHS002", include_str!("zh/rules/XHS002.md")),
    ("XHS003", include_str!("zh/rules/XHS003.md")),
    ("XHS004", include_str!("zh/rules/XHS004.md")),
    ("XHS005", include_str!("zh/rules/XHS005.md")),
    ("XHS006", include_str!("zh/rules/XHS006.md")),
    ("XHS007", include_str!("zh/rules/XHS007.md")),
    ("XHS008", include_str!("zh/rules/XHS008.md")),
];

/// A rule's `explain` page in `lang`, when it is not the English of the
/// rule's doc comment (which the caller has).
pub fn rule_page(lang: Lang, code: &str) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Zh => ZH_RULE_PAGES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, page)| *page),
    }
}

/// Every Chinese message, read once on first use. A file that does not
/// read as a map of strings is a bug the i18n test reports by name; here it
/// only means its messages stay English.
fn zh_table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ZH_MESSAGES
            .iter()
            .filter_map(|(_, text)| read_messages(text).ok())
            .flatten()
            .collect()
    })
}

/// One message file: a map from English to Chinese; a file of comments
/// only is an empty map.
pub fn read_messages(text: &str) -> Result<HashMap<String, String>, serde_yaml::Error> {
    serde_yaml::from_str::<Option<HashMap<String, String>>>(text).map(Option::unwrap_or_default)
}

/// `english` in the current language: the catalogue's Chinese when
/// speaking Chinese and it has one, else the English.
pub fn pick(english: &'static str) -> &'static str {
    match current() {
        Lang::En => english,
        Lang::Zh => zh_table().get(english).map_or(english, String::as_str),
    }
}

/// `english` in `lang`, for text that is not a literal where it is used
/// (a rule's summary): the same table as `t!`.
pub fn text_in(lang: Lang, english: &'static str) -> &'static str {
    match lang {
        Lang::En => english,
        Lang::Zh => zh_table().get(english).map_or(english, String::as_str),
    }
}

/// Fills a message's `{name}` placeholders (`{{` and `}}` are braces, as
/// in `format!`). A placeholder with no value is left as written, so a
/// translation's typo shows rather than vanishes.
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(close) = tail.find('}').filter(|_| tail.starts_with('{')) {
            let name = &tail[1..close];
            if let Some((_, value)) = values.iter().find(|(n, _)| *n == name) {
                let _ = write!(out, "{value}");
                rest = &tail[close + 1..];
                continue;
            }
        }
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

/// The colon after a label: `error: ` or `错误：` (a full-width colon
/// takes no space after it).
pub fn colon() -> &'static str {
    match current() {
        Lang::En => ": ",
        Lang::Zh => "：",
    }
}

/// `1234567` as `1,234,567`: English groups digits in threes.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A whole number as a message says it: `10,000` in English, `10000` in
/// Chinese, which does not group digits in threes.
pub fn number(n: u64) -> String {
    match current() {
        Lang::En => grouped(n),
        Lang::Zh => n.to_string(),
    }
}

/// What follows a label such as `help:` before its text: a space, or
/// nothing after a full-width `建议：`.
pub fn after_label() -> &'static str {
    match current() {
        Lang::En => " ",
        Lang::Zh => "",
    }
}

/// A list in running text: `a, b and c` or `a、b 和 c`.
pub fn and_list<T: Display>(items: &[T]) -> String {
    let (comma, and) = match current() {
        Lang::En => (", ", " and "),
        Lang::Zh => ("、", " 和 "),
    };
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { and } else { comma });
        }
        let _ = write!(out, "{item}");
    }
    out
}

/// A message in the user's language: `t!("{n} files", n = count)`.
/// The text must be a literal: the i18n test reads every `t!` in src/.
#[macro_export]
macro_rules! t {
    ($english:literal $(,)?) => {
        $crate::i18n::fill($crate::i18n::pick($english), &[])
    };
    ($english:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::fill(
            $crate::i18n::pick($english),
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_placeholders_and_keeps_escaped_braces() {
        let n = 3;
        assert_eq!(
            fill(
                "{who} has {n} of `{{` and {missing}",
                &[("who", &"@a"), ("n", &n)]
            ),
            "@a has 3 of `{` and {missing}"
        );
        assert_eq!(fill("a }} b {", &[]), "a } b {");
    }

    #[test]
    fn the_environment_chooses_by_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[("LC_MESSAGES", "zh_TW"), ("LANG", "C")])),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_env(env(&[("REDBRIEF_LANG", "zh"), ("LC_ALL", "C")])),
            Lang::Zh
        );
        // An empty variable is unset, as POSIX has it.
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", ""), ("LANG", "zh_SG.UTF-8")])),
            Lang::Zh
        );
    }

    #[test]
    fn speaking_is_this_threads_alone_and_ends_with_the_work() {
        let before = current();
        let inside = speaking(Lang::Zh, || {
            let other = std::thread::spawn(current).join().ok();
            (current(), other)
        });
        assert_eq!(inside, (Lang::Zh, Some(before)));
        assert_eq!(current(), before);
        let _ = std::panic::catch_unwind(|| speaking(Lang::Zh, || panic!("work failed")));
        assert_eq!(current(), before);
    }

    #[test]
    fn lists_read_as_running_text() {
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }
}
