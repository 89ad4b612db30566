//! `redbrief explain CODE|NAME`: a rule's page, from the rule's own doc.

use clap::Args;

use super::{print, trouble, Exit};
use crate::{i18n, t};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (`RS006`, any case) or name (`thin-trust`).
    #[arg(value_name = "CODE_OR_NAME")]
    pub rule: String,
    #[command(flatten)]
    pub speak: super::Speak,
}

pub fn run(args: &ExplainArgs) -> Exit {
    match crate::rules::find(&args.rule) {
        Some(rule) => match i18n::rule_page(i18n::current(), rule.code) {
            Some(page) => print(page),
            None => print(&rule.page()),
        },
        None => {
            let hint = match crate::rules::closest(&args.rule) {
                Some(best) => t!("did you mean `{best}`?", best = best),
                None => t!("`redbrief rules` lists every code and name"),
            };
            trouble(&t!(
                "no rule is called `{rule}`; {hint}",
                rule = args.rule,
                hint = hint
            ))
        }
    }
}
