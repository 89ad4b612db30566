//! `redbrief explain CODE|NAME`: a rule's page, from the rule's own doc.

use clap::Args;

use super::{print, trouble, Exit};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (`RS006`, any case) or name (`thin-trust`).
    #[arg(value_name = "CODE_OR_NAME")]
    pub rule: String,
}

pub fn run(args: &ExplainArgs) -> Exit {
    match crate::rules::find(&args.rule) {
        Some(rule) => print(&rule.page()),
        None => {
            let hint = match crate::rules::closest(&args.rule) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "`redbrief rules` lists every code and name".to_string(),
            };
            trouble(&format!("no rule is called `{}`; {hint}", args.rule))
        }
    }
}
