//! pest pairs to the AST of `ast.rs`, keeping every node's byte span.
//!
//! Lines the grammar could only read as `loose_stmt` or `loose_block` are
//! explained here: their first word picks the rule they were meant to follow,
//! the line is parsed again with that rule alone, and pest's complaint is put
//! in words by `expected.rs`.

use pest::iterators::{Pair, Pairs};
use pest::Parser;

use super::ast::*;
use super::{expected, CampaignParser, Rule};
use crate::diagnostic::codes::SYNTAX;
use crate::diagnostic::Finding;
use crate::source::{Span, Spanned};

/// Statement keywords and the rule each one's line must follow.
const STATEMENTS: &[(&str, Rule)] = &[
    ("window", Rule::window_stmt),
    ("budget", Rule::budget_stmt),
    ("languages", Rule::languages_stmt),
    ("allow", Rule::allow_stmt),
    ("category", Rule::category_stmt),
    ("market", Rule::market_stmt),
    ("voice", Rule::voice_stmt),
    ("avoid", Rule::avoid_stmt),
    ("hashtags", Rule::hashtags_stmt),
    ("price", Rule::price_stmt),
    ("claims", Rule::claims_stmt),
    ("link", Rule::link_stmt),
    ("stage", Rule::stage_stmt),
    ("kpi", Rule::kpi_stmt),
    ("followers", Rule::followers_stmt),
    ("serves", Rule::serves_stmt),
    ("product", Rule::products_stmt),
    ("deliver", Rule::deliver_stmt),
    ("niche", Rule::niche_stmt),
    ("engagement", Rule::engagement_stmt),
    ("audience", Rule::audience_stmt),
    ("fee", Rule::fee_stmt),
    ("angle", Rule::angle_stmt),
    ("keywords", Rule::keywords_stmt),
    ("title", Rule::title_stmt),
    ("script", Rule::script_stmt),
    ("note", Rule::note_stmt),
    ("visual", Rule::visual_stmt),
    ("trial", Rule::trial_stmt),
    ("prompts", Rule::prompts_stmt),
    ("followup", Rule::followup_stmt),
    ("min_kocs", Rule::min_kocs_stmt),
    ("max_creator_share", Rule::max_creator_share_stmt),
    ("koc_max_followers", Rule::koc_max_followers_stmt),
    ("kol_min_followers", Rule::kol_min_followers_stmt),
    ("min_trial", Rule::min_trial_stmt),
];

/// Block keywords and the rule their head (the text before `{`) follows.
const BLOCKS: &[(&str, Rule)] = &[
    ("campaign", Rule::campaign_head),
    ("brand", Rule::brand_head),
    ("product", Rule::product_head),
    ("goal", Rule::goal_head),
    ("kol", Rule::creator_head),
    ("koc", Rule::creator_head),
    ("policy", Rule::policy_head),
];

/// Every keyword that can start a line, for suggestions.
pub fn keywords() -> impl Iterator<Item = &'static str> {
    STATEMENTS.iter().chain(BLOCKS).map(|(keyword, _)| *keyword)
}

#[derive(Default)]
pub struct Builder {
    pub findings: Vec<Finding>,
}

impl Builder {
    pub fn spec(&mut self, spec: Pair<'_, Rule>) -> Vec<Node> {
        self.nodes(spec.into_inner())
    }

    fn nodes(&mut self, pairs: Pairs<'_, Rule>) -> Vec<Node> {
        pairs.filter_map(|pair| self.node(pair)).collect()
    }

    fn node(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        match pair.as_rule() {
            Rule::campaign_block
            | Rule::brand_block
            | Rule::product_block
            | Rule::goal_block
            | Rule::creator_block
            | Rule::policy_block => self.block(pair).map(Node::Block),
            Rule::loose_block => self.loose_block(pair),
            Rule::loose_stmt => self.loose_stmt(pair),
            Rule::bom | Rule::EOI | Rule::open_brace | Rule::close_brace => None,
            _ => self.statement(pair).map(Node::Statement),
        }
    }

    fn block(&mut self, pair: Pair<'_, Rule>) -> Option<Block> {
        let mut inner = pair.into_inner();
        let head_pair = inner.next()?;
        let body_pair = inner.next()?;
        let head_span = Span::from(head_pair.as_span());
        let span = head_span.to(body_pair.as_span().into());
        let head = self.head(head_pair)?;
        let body = self.nodes(body_pair.into_inner());
        Some(Block {
            head,
            head_span,
            body,
            span,
        })
    }

    fn head(&mut self, head: Pair<'_, Rule>) -> Option<BlockHead> {
        let rule = head.as_rule();
        let mut inner = head.into_inner();
        Some(match rule {
            Rule::campaign_head => BlockHead::Campaign {
                name: self.text(inner.next()?),
            },
            Rule::brand_head => BlockHead::Brand {
                name: self.text(inner.next()?),
            },
            Rule::product_head => BlockHead::Product {
                name: self.text(inner.next()?),
            },
            Rule::goal_head => BlockHead::Goal {
                name: word(inner.next()?),
            },
            Rule::creator_head => BlockHead::Creator {
                role: if inner.next()?.as_str() == "kol" {
                    Role::Kol
                } else {
                    Role::Koc
                },
                handle: word(inner.next()?),
            },
            Rule::policy_head => BlockHead::Policy,
            _ => return None,
        })
    }

    fn statement(&mut self, pair: Pair<'_, Rule>) -> Option<Statement> {
        let rule = pair.as_rule();
        let keyword = STATEMENTS
            .iter()
            .find(|(_, r)| *r == rule)
            .map(|(keyword, _)| *keyword)?;
        let start = pair.as_span().start();
        let key = Spanned::new(keyword, Span::new(start, start + keyword.len()));
        let args: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
        // The pair's own span takes in a trailing comment; stop at the last
        // value instead.
        let end = args.last().map_or(key.span.end, |a| a.as_span().end());
        let span = Span::new(start, end);
        let arg = |i: usize| args.get(i).cloned();
        let field = match rule {
            Rule::window_stmt => Field::Window {
                start: literal(arg(0)?),
                end: literal(arg(2)?),
            },
            Rule::budget_stmt => Field::Budget(money(arg(0)?)?),
            Rule::languages_stmt => Field::Languages(words(arg(0)?)),
            Rule::allow_stmt => Field::Allow {
                rule: literal(arg(0)?),
                reason: arg(1).map(|reason| self.text(reason)),
            },
            Rule::category_stmt => Field::Category(word(arg(0)?)),
            Rule::market_stmt => Field::Market(literal(arg(0)?)),
            Rule::voice_stmt => Field::Voice(self.text(arg(0)?)),
            Rule::avoid_stmt => Field::Avoid(self.texts(arg(0)?)),
            Rule::hashtags_stmt => Field::Hashtags(self.texts(arg(0)?)),
            Rule::price_stmt => Field::Price(money(arg(0)?)?),
            Rule::claims_stmt => Field::Claims(self.texts(arg(0)?)),
            Rule::link_stmt => Field::Link(self.text(arg(0)?)),
            Rule::stage_stmt => Field::Stage(word(arg(0)?)),
            Rule::kpi_stmt => {
                let comparator = arg(1)?;
                let target = arg(2)?;
                Field::Kpi {
                    metric: word(arg(0)?),
                    comparator: Spanned::new(
                        if comparator.as_str() == ">=" {
                            Comparator::AtLeast
                        } else {
                            Comparator::AtMost
                        },
                        comparator.as_span().into(),
                    ),
                    target: match target.as_rule() {
                        Rule::money => QuantityLiteral::Money(money(target)?),
                        Rule::percent => QuantityLiteral::Percent(literal(target)),
                        _ => QuantityLiteral::Count(literal(target)),
                    },
                }
            }
            Rule::followers_stmt => Field::Followers(literal(arg(0)?)),
            Rule::serves_stmt => Field::Serves(words(arg(0)?)),
            Rule::products_stmt => Field::Products(self.texts(arg(0)?)),
            Rule::deliver_stmt => Field::Deliver {
                format: word(arg(0)?),
                times: literal(arg(1)?),
                schedule: match arg(2) {
                    None => None,
                    Some(schedule) => Some(self.schedule(schedule)?),
                },
            },
            Rule::niche_stmt => Field::Niche(words(arg(0)?)),
            Rule::engagement_stmt => Field::Engagement(literal(arg(0)?)),
            Rule::audience_stmt => Field::Audience(self.text(arg(0)?)),
            Rule::fee_stmt => Field::Fee(money(arg(0)?)?),
            Rule::angle_stmt => Field::Angle(self.text(arg(0)?)),
            Rule::keywords_stmt => Field::Keywords(self.texts(arg(0)?)),
            Rule::title_stmt => Field::Title(self.text(arg(0)?)),
            Rule::script_stmt => Field::Script(self.texts(arg(0)?)),
            Rule::note_stmt => Field::Note(self.text(arg(0)?)),
            Rule::visual_stmt => Field::Visual(self.text(arg(0)?)),
            Rule::trial_stmt => Field::Trial(literal(arg(0)?)),
            Rule::prompts_stmt => Field::Prompts(self.texts(arg(0)?)),
            Rule::followup_stmt => Field::Followup(literal(arg(0)?)),
            Rule::min_kocs_stmt => Field::MinKocs(literal(arg(0)?)),
            Rule::max_creator_share_stmt => Field::MaxCreatorShare(literal(arg(0)?)),
            Rule::koc_max_followers_stmt => Field::KocMaxFollowers(literal(arg(0)?)),
            Rule::kol_min_followers_stmt => Field::KolMinFollowers(literal(arg(0)?)),
            Rule::min_trial_stmt => Field::MinTrial(literal(arg(0)?)),
            _ => return None,
        };
        Some(Statement { key, field, span })
    }

    fn schedule(&mut self, pair: Pair<'_, Rule>) -> Option<ScheduleLiteral> {
        let rule = pair.as_rule();
        let dates: Vec<Literal> = pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::date)
            .map(literal)
            .collect();
        match (rule, dates.as_slice()) {
            (Rule::on_date, [on]) => Some(ScheduleLiteral::On(on.clone())),
            (Rule::date_range, [from, to]) => {
                Some(ScheduleLiteral::Between(from.clone(), to.clone()))
            }
            _ => None,
        }
    }

    /// A line the grammar could not read as any statement.
    fn loose_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        let start = pair.as_span().start();
        let line = pair.as_str().trim_end();
        let span = Span::new(start, start + line.len());
        let first = first_word(line);
        // `followers: 320k`, as in a form or a spreadsheet header.
        if let Some(keyword) = first.strip_suffix(':') {
            if let Some((keyword, _)) = STATEMENTS.iter().find(|(k, _)| *k == keyword) {
                let colon = start + keyword.len();
                self.findings.push(
                    Finding::new(
                        &SYNTAX,
                        Span::new(colon, colon + 1),
                        format!("a colon after `{keyword}`"),
                    )
                    .label("no colon is needed here")
                    .help(format!(
                        "delete the `:`; a field and its value are separated by spaces: `{keyword} ...`"
                    )),
                );
                let key = Span::new(start, start + keyword.len());
                return Some(Node::Invalid(Spanned::new(keyword, key)));
            }
        }
        if let Some((keyword, rule)) = STATEMENTS.iter().find(|(keyword, _)| *keyword == first) {
            self.explain_line(line, start, *rule);
            let key = Span::new(start, start + keyword.len());
            return Some(Node::Invalid(Spanned::new(keyword, key)));
        }
        if BLOCKS.iter().any(|(keyword, _)| *keyword == first) {
            self.findings.push(
                Finding::new(&SYNTAX, span, format!("`{first}` opens a block, but this line has no `{{`"))
                    .label("expected `{` at the end of this line")
                    .help(format!("end the line with `{{`, list the {first}'s fields on the lines below, and close the block with `}}`")),
            );
            return None;
        }
        self.unknown(first, start, span, false)
    }

    /// A block whose head (the text before `{`) is not one the grammar knows.
    fn loose_block(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        let mut inner = pair.into_inner();
        let head = inner.next()?;
        let body = inner.next()?;
        let start = head.as_span().start();
        let head_text = head.as_str().trim_end();
        let head_span = Span::new(start, start + head_text.len());
        let first = first_word(head_text);
        let nodes = self.nodes(body.clone().into_inner());
        if let Some((_, rule)) = BLOCKS.iter().find(|(keyword, _)| *keyword == first) {
            self.explain_line(head_text, start, *rule);
            // Keep the contents of a campaign whose name is mistyped, so the
            // rest of the file is still checked.
            if first == "campaign" {
                let name = head_text[first.len()..].trim();
                return Some(Node::Block(Block {
                    head: BlockHead::Campaign {
                        name: Text {
                            value: name.to_string(),
                            span: head_span,
                            multiline: false,
                        },
                    },
                    head_span,
                    body: nodes,
                    span: head_span.to(body.as_span().into()),
                }));
            }
            return None;
        }
        if STATEMENTS.iter().any(|(keyword, _)| *keyword == first) {
            self.findings.push(
                Finding::new(
                    &SYNTAX,
                    head_span,
                    format!("`{first}` is a field, not a block"),
                )
                .label("does not open a block")
                .help(format!(
                    "write `{first}` and its value on one line, without `{{` and `}}`"
                )),
            );
            return None;
        }
        let span = head_span.to(body.as_span().into());
        self.unknown(first, start, span, true)
    }

    fn unknown(
        &mut self,
        first: &str,
        start: usize,
        span: Span,
        opens_block: bool,
    ) -> Option<Node> {
        if first.starts_with(|c: char| c.is_alphabetic()) {
            return Some(Node::Unknown(Unknown {
                word: Spanned::new(first.to_string(), Span::new(start, start + first.len())),
                span,
                opens_block,
            }));
        }
        let shown = first.chars().take(40).collect::<String>();
        self.findings.push(
            Finding::new(
                &SYNTAX,
                Span::new(start, start + first.len()),
                format!("a line starts with `{shown}`, where a field name was expected"),
            )
            .label("expected a field name like `followers`")
            .help("start each line with a field name, then its value: `followers 3.2k`"),
        );
        None
    }

    /// Parses `line` alone with the rule it was meant to follow, and reports
    /// what that parse expected.
    fn explain_line(&mut self, line: &str, start: usize, rule: Rule) {
        let finding = match CampaignParser::parse(rule, line) {
            Err(error) => expected::finding(line, start, &error),
            Ok(mut pairs) => {
                let end = pairs.next().map_or(0, |p| p.as_span().end());
                let rest = line[end..].trim_start();
                let at = start + line.len() - rest.len();
                let shown: String = rest.chars().take(40).collect();
                Finding::new(
                    &SYNTAX,
                    Span::new(at, at + rest.len()),
                    format!("unexpected `{shown}` here"),
                )
                .label("not expected here")
                .help(if rule == Rule::creator_head {
                    "a handle has no spaces: join its words with `.`, `_` or `-`, as in `@lina.glow`"
                } else {
                    "remove it, or put it on a line of its own"
                })
            }
        };
        self.findings.push(finding);
    }

    fn text(&mut self, pair: Pair<'_, Rule>) -> Text {
        let span = Span::from(pair.as_span());
        let inner = pair.into_inner().next();
        let multiline = inner
            .as_ref()
            .is_some_and(|p| p.as_rule() == Rule::triple_string);
        let body = inner.and_then(|p| p.into_inner().next());
        let value = match body {
            None => String::new(),
            Some(body) if multiline => dedent(body.as_str()),
            Some(body) => self.unescape(body.as_str(), body.as_span().start()),
        };
        Text {
            value,
            span,
            multiline,
        }
    }

    fn texts(&mut self, list: Pair<'_, Rule>) -> Vec<Text> {
        list.into_inner().map(|item| self.text(item)).collect()
    }

    /// Decodes `\"`, `\\` and `\n`; reports any other escape.
    fn unescape(&mut self, raw: &str, start: usize) -> String {
        let mut value = String::with_capacity(raw.len());
        let mut chars = raw.char_indices();
        while let Some((i, ch)) = chars.next() {
            if ch != '\\' {
                value.push(ch);
                continue;
            }
            match chars.next() {
                Some((_, '"')) => value.push('"'),
                Some((_, '\\')) => value.push('\\'),
                Some((_, 'n')) => value.push('\n'),
                Some((j, other)) => {
                    value.push(other);
                    let at = start + i;
                    self.findings.push(
                        Finding::new(
                            &SYNTAX,
                            Span::new(at, start + j + other.len_utf8()),
                            format!("`\\{other}` is not an escape redbrief knows"),
                        )
                        .label("unknown escape")
                        .help("inside quotes, write `\\\"` for a quote, `\\\\` for a backslash and `\\n` for a new line"),
                    );
                }
                None => value.push('\\'),
            }
        }
        value
    }
}

/// The first word of a line: up to a space, a quote or a brace.
fn first_word(line: &str) -> &str {
    let end = line
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '{' | '}' | ','))
        .unwrap_or(line.len());
    &line[..end.max(line.chars().next().map_or(0, char::len_utf8))]
}

fn literal(pair: Pair<'_, Rule>) -> Literal {
    Spanned::new(pair.as_str().to_string(), pair.as_span().into())
}

fn word(pair: Pair<'_, Rule>) -> Spanned<String> {
    literal(pair)
}

fn words(list: Pair<'_, Rule>) -> Vec<Spanned<String>> {
    list.into_inner().map(word).collect()
}

fn money(pair: Pair<'_, Rule>) -> Option<MoneyLiteral> {
    let span = pair.as_span().into();
    let mut inner = pair.into_inner();
    Some(MoneyLiteral {
        amount: literal(inner.next()?),
        currency: literal(inner.next()?),
        span,
    })
}

/// The text of a `"""` string: line endings made `\n`, the line break after
/// the opening quotes and the indentation common to every line removed, so a
/// multi-line note can be indented with the spec.
fn dedent(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let raw = raw.strip_prefix('\n').unwrap_or(&raw);
    let lines: Vec<&str> = raw.split('\n').collect();
    let indent = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut text: Vec<&str> = lines
        .iter()
        .map(|line| line.get(indent..).unwrap_or("").trim_end())
        .collect();
    while text.last().is_some_and(|line| line.is_empty()) {
        text.pop();
    }
    text.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiline_text_is_dedented() {
        assert_eq!(dedent("\n    first\n      second\n    "), "first\n  second");
        assert_eq!(dedent("one line"), "one line");
    }

    #[test]
    fn a_statement_ends_at_its_last_value_not_at_a_trailing_comment() {
        for line in ["serves trust  # c", "avoid \"x\" # c", "serves a, b # c"] {
            let parsed = crate::syntax::parse(&format!("campaign \"C\" {{\n{line}\n}}\n"));
            let Some(Node::Block(campaign)) = parsed.spec.and_then(|s| s.nodes.into_iter().next())
            else {
                panic!("no campaign block for {line:?}");
            };
            let statement = campaign.body[0].span();
            let written = line.split('#').next().unwrap_or("").trim_end().len();
            assert_eq!(statement.end - statement.start, written, "{line:?}");
        }
    }

    #[test]
    fn every_statement_keyword_is_known_once() {
        let mut seen = std::collections::HashSet::new();
        for (keyword, _) in STATEMENTS {
            assert!(seen.insert(*keyword));
        }
    }
}
