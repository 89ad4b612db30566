//! XHS008 mixed-script-handle: a handle that mixes Latin letters with
//! Cyrillic or Greek ones looks like another handle and is another account.

use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::t;

crate::rule_info! {
    /// # XHS008 mixed-script-handle
    ///
    /// ## What it does
    /// Reports a handle that mixes Latin letters with Cyrillic or Greek
    /// ones, such as `@lіna` with a Cyrillic `і`. Handles in one script
    /// (`@lina.glow`, `@小鹿爱护肤`, `@анна`) and Latin mixed with Chinese
    /// (`@kiki小厨房`) are fine.
    ///
    /// ## Why it matters
    /// Such a handle looks exactly like another account's: pasted from a
    /// chat or a spreadsheet, it sends the brief, the order and the fee to
    /// someone else, and nothing on screen shows it.
    ///
    /// ## Example
    /// ```
    /// kol @lіna.glow { ... }    # the і is Cyrillic
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// kol @lina.glow { ... }
    /// ```
    pub static MIXED_SCRIPT_HANDLE = {
        code: "XHS008",
        name: "mixed-script-handle",
        severity: Warning,
        summary: "a handle mixes Latin letters with Cyrillic or Greek look-alikes",
    };
}

pub struct MixedScriptHandle;

/// The scripts whose letters pass for Latin ones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
}

fn script(ch: char) -> Option<Script> {
    match ch {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' if ch.is_alphabetic() => Some(Script::Latin),
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
        '\u{400}'..='\u{52F}' => Some(Script::Cyrillic),
        _ => None,
    }
}

/// The first letter of another script than the handle's first Latin,
/// Greek or Cyrillic letter, when Latin is one of them.
fn lookalike(handle: &str) -> Option<(usize, char)> {
    // ASCII letters are all Latin: most handles have nothing to mix.
    if handle.is_ascii() {
        return None;
    }
    let mut scripts = handle
        .char_indices()
        .filter_map(|(at, ch)| Some((at, ch, script(ch)?)));
    let (_, _, first) = scripts.next()?;
    scripts
        .find(|(_, _, s)| *s != first && (first == Script::Latin || *s == Script::Latin))
        .map(|(at, ch, _)| (at, ch))
}

impl Rule for MixedScriptHandle {
    fn info(&self) -> &'static RuleInfo {
        &MIXED_SCRIPT_HANDLE
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for creator in &campaign.creators {
            let handle = &creator.handle;
            let Some((at, ch)) = lookalike(&handle.value) else {
                continue;
            };
            let start = handle.span.start + at;
            findings.push(
                Finding::new(
                    &MIXED_SCRIPT_HANDLE,
                    crate::source::Span::new(start, start + ch.len_utf8()),
                    t!(
                        "{who} mixes scripts: `{ch}` (U+{code}) is not a Latin letter, though it looks like one",
                        who = who(creator),
                        ch = ch,
                        code = format!("{:04X}", ch as u32)
                    ),
                )
                .label(t!("a look-alike letter"))
                .help(t!(
                    "type the handle again as Xiaohongshu shows it; {allow}",
                    allow = or_allow(
                        &MIXED_SCRIPT_HANDLE,
                        &t!("if the account's name really mixes scripts")
                    )
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::lookalike;

    #[test]
    fn only_latin_mixed_with_greek_or_cyrillic_is_a_lookalike() {
        assert_eq!(lookalike("@l\u{456}na").map(|(_, c)| c), Some('\u{456}'));
        assert_eq!(lookalike("@\u{43B}ina").map(|(_, c)| c), Some('i'));
        assert_eq!(lookalike("@lina.glow"), None);
        assert_eq!(lookalike("@kiki小厨房"), None);
        assert_eq!(lookalike("@анна"), None);
        assert_eq!(lookalike("@café"), None);
    }
}
