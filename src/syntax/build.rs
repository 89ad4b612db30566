//! pest pairs to the AST of `ast.rs`, keeping every node's byte span.
//!
//! Lines the grammar could only read as `loose_stmt` or `loose_block` are
//! explained here: their first word picks the rule they were meant to follow,
//! the line is parsed again with that rule alone, and pest's complaint is put
//! in words by `expected.rs`.

use pest::iterators::{Pair, Pairs};
use pest::Parser;

use super::ast::*;
use super::fields::{self, Kind};
use super::{expected, CampaignParser, Rule};
use crate::diagnostic::codes::{INVALID_VALUE, SYNTAX};
use crate::diagnostic::Finding;
use crate::source::{Span, Spanned};
use crate::t;

/// The rule a line of each kind of value must follow, to explain a line
/// whose value is not of its field's kind.
fn line_rule(kind: Kind) -> Rule {
    match kind {
        Kind::Text => Rule::text_line,
        Kind::Texts => Rule::texts_line,
        Kind::Name => Rule::name_line,
        Kind::Names => Rule::names_line,
        Kind::Count => Rule::count_line,
        Kind::Percent => Rule::percent_line,
        Kind::Money => Rule::money_line,
        Kind::Duration => Rule::duration_line,
        Kind::Durations => Rule::durations_line,
        Kind::Date => Rule::date_line,
        Kind::Rights => Rule::rights_stmt,
        Kind::Peak => Rule::peak_stmt,
        Kind::Cost => Rule::cost_stmt,
        Kind::Market => Rule::market_line,
        Kind::Window => Rule::window_stmt,
        Kind::Kpi => Rule::kpi_stmt,
        Kind::Deliver => Rule::deliver_stmt,
        Kind::Allow => Rule::allow_stmt,
    }
}

/// Whose text a finding is about: a field's value, or the name of a
/// block.
#[derive(Clone, Copy)]
enum Owner {
    Field(&'static str),
    NameOf(Named),
}

/// A block whose head is a quoted name.
#[derive(Clone, Copy)]
enum Named {
    Campaign,
    Brand,
    Product,
    Contact,
    Roster,
}

impl Named {
    /// "the name of the campaign", as a message says it.
    fn name_of(self) -> String {
        match self {
            Named::Campaign => t!("the name of the campaign"),
            Named::Brand => t!("the name of the brand"),
            Named::Product => t!("the name of a product"),
            Named::Contact => t!("the name of the contact"),
            Named::Roster => t!("the name of a roster"),
        }
    }

    fn empty(self) -> String {
        match self {
            Named::Campaign => t!("the campaign has an empty name"),
            Named::Brand => t!("the brand has an empty name"),
            Named::Product => t!("a product has an empty name"),
            Named::Contact => t!("the contact has an empty name"),
            Named::Roster => t!("a roster has an empty name"),
        }
    }
}

/// The rule a block's head (the text before `{`) follows.
fn head_rule(keyword: &str) -> Option<Rule> {
    Some(match keyword {
        "campaign" => Rule::campaign_head,
        "brand" => Rule::brand_head,
        "product" => Rule::product_head,
        "goal" => Rule::goal_head,
        "kol" | "koc" => Rule::creator_head,
        "policy" => Rule::policy_head,
        "terms" => Rule::terms_head,
        "contact" => Rule::contact_head,
        "roster" => Rule::roster_head,
        _ => return None,
    })
}

#[derive(Default)]
pub struct Builder {
    pub findings: Vec<Finding>,
    /// Where the parsed text starts in the file: a block parsed on its own
    /// (see `super::pieces`) has pairs that count from its first byte.
    pub offset: usize,
}

impl Builder {
    /// A builder for pairs parsed from the file's text starting at `offset`.
    pub fn at(offset: usize) -> Self {
        Builder {
            findings: Vec::new(),
            offset,
        }
    }

    /// Builds one block parsed on its own (`Rule::creator_block` and the
    /// like), whose pairs count from `self.offset`.
    pub fn piece(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        self.node(pair)
    }

    pub fn spec(&mut self, spec: Pair<'_, Rule>) -> Vec<Node> {
        self.nodes(spec.into_inner())
    }

    fn nodes(&mut self, pairs: Pairs<'_, Rule>) -> Vec<Node> {
        // Room for every pair up front (braces and blank lines are fewer
        // nodes), not grown by doubling.
        let mut nodes = Vec::with_capacity(pairs.len());
        nodes.extend(pairs.filter_map(|pair| self.node(pair)));
        // A block's nodes live as long as the tree: no room to grow.
        nodes.shrink_to_fit();
        nodes
    }

    fn node(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        match pair.as_rule() {
            Rule::campaign_block
            | Rule::brand_block
            | Rule::product_block
            | Rule::goal_block
            | Rule::creator_block
            | Rule::policy_block
            | Rule::terms_block
            | Rule::contact_block
            | Rule::roster_block => self.block(pair).map(Node::Block),
            Rule::loose_block => self.loose_block(pair),
            Rule::loose_stmt => self.loose_stmt(pair),
            Rule::bom | Rule::EOI | Rule::open_brace | Rule::close_brace => None,
            _ => self.statement(pair),
        }
    }

    fn block(&mut self, pair: Pair<'_, Rule>) -> Option<Block> {
        let mut inner = pair.into_inner();
        let head_pair = inner.next()?;
        let body_pair = inner.next()?;
        let head_span = span_at(self.offset, head_pair.as_span());
        let span = head_span.to(span_at(self.offset, body_pair.as_span()));
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
                name: self.name(inner.next()?, Named::Campaign),
            },
            Rule::brand_head => BlockHead::Brand {
                name: self.name(inner.next()?, Named::Brand),
            },
            Rule::product_head => BlockHead::Product {
                name: self.name(inner.next()?, Named::Product),
            },
            Rule::goal_head => BlockHead::Goal {
                name: word(self.offset, inner.next()?),
            },
            Rule::creator_head => BlockHead::Creator {
                role: if inner.next()?.as_str() == "kol" {
                    Role::Kol
                } else {
                    Role::Koc
                },
                handle: word(self.offset, inner.next()?),
            },
            Rule::policy_head => BlockHead::Policy,
            Rule::terms_head => BlockHead::Terms,
            Rule::contact_head => BlockHead::Contact {
                name: self.name(inner.next()?, Named::Contact),
            },
            Rule::roster_head => {
                let path = self.name(inner.next()?, Named::Roster);
                let role = inner.next()?;
                BlockHead::Roster {
                    path,
                    role: Spanned::new(
                        if role.as_str() == "kol" {
                            Role::Kol
                        } else {
                            Role::Koc
                        },
                        span_at(self.offset, role.as_span()),
                    ),
                }
            }
            _ => return None,
        })
    }

    /// A statement line. A shaped statement (`window`, `kpi`, `deliver`,
    /// `allow`) is its field; any other is `key value`, and the value must
    /// be of the kind the field table gives the key.
    fn statement(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        let rule = pair.as_rule();
        let o = self.offset;
        let start = o + pair.as_span().start();
        let whole = pair.as_str();
        let mut args = pair.into_inner();
        let keyword = match rule {
            Rule::value_stmt => args.next()?.as_str(),
            Rule::window_stmt => "window",
            Rule::kpi_stmt => "kpi",
            Rule::deliver_stmt => "deliver",
            Rule::allow_stmt => "allow",
            Rule::peak_stmt => "peak",
            Rule::cost_stmt => "cost",
            Rule::rights_stmt => "rights",
            _ => return None,
        };
        // A statement has three values at most (the grammar's shapes): in
        // an array, not a vector allocated for every line of a roster.
        let mut values: [Option<Pair<'_, Rule>>; MOST_VALUES] = Default::default();
        for (slot, value) in values.iter_mut().zip(args) {
            *slot = Some(value);
        }
        let key_span = Span::new(start, start + keyword.len());
        let Some(field) = fields::field(keyword) else {
            // Not a field: a block keyword without its `{`, or a word the
            // model will suggest a field for.
            return self.loose_line(whole, start);
        };
        // The pair's own span takes in a trailing comment; stop at the last
        // value instead.
        let end = values
            .iter()
            .rev()
            .flatten()
            .next()
            .map_or(key_span.end, |a| o + a.as_span().end());
        let span = Span::new(start, end);
        let arg = |i: usize| values.get(i).cloned().flatten();
        let value = match rule {
            Rule::window_stmt => Some(Value::Window {
                start: literal(o, arg(0)?),
                end: literal(o, arg(2)?),
            }),
            Rule::allow_stmt => Some(Value::Allow {
                rule: literal(o, arg(0)?),
                reason: arg(1).map(|reason| self.text(reason)),
            }),
            Rule::kpi_stmt => {
                let comparator = arg(1)?;
                let target = arg(2)?;
                Some(Value::Kpi {
                    metric: word(o, arg(0)?),
                    comparator: Spanned::new(
                        if comparator.as_str() == ">=" {
                            Comparator::AtLeast
                        } else {
                            Comparator::AtMost
                        },
                        span_at(o, comparator.as_span()),
                    ),
                    target: match target.as_rule() {
                        Rule::money => QuantityLiteral::Money(money(o, target)?),
                        Rule::percent => QuantityLiteral::Percent(literal(o, target)),
                        _ => QuantityLiteral::Count(literal(o, target)),
                    },
                })
            }
            Rule::peak_stmt => Some(Value::Peak {
                name: self.text(arg(0)?),
                date: literal(o, arg(1)?),
            }),
            Rule::cost_stmt => Some(Value::Cost {
                name: self.text(arg(0)?),
                amount: money(o, arg(1)?)?,
            }),
            Rule::rights_stmt => Some(Value::Rights {
                uses: words(o, arg(0)?),
                duration: literal(o, arg(2)?),
            }),
            Rule::deliver_stmt => Some(Value::Deliver {
                format: word(o, arg(0)?),
                times: literal(o, arg(1)?),
                schedule: match arg(2) {
                    None => None,
                    Some(schedule) => Some(self.schedule(schedule)?),
                },
            }),
            _ => self.value(field.kind, arg(0)?),
        };
        let key = Spanned::new(field.keyword, key_span);
        if let Some(value) = &value {
            self.single_line_value(field, value);
            if !field.translatable {
                for text in value_texts(value) {
                    self.untranslatable(text, Owner::Field(field.keyword));
                }
            }
        }
        match value {
            Some(value) => Some(Node::Statement(Statement {
                key,
                field,
                value,
                span,
            })),
            // The value is not of the key's kind: say what was expected.
            None => {
                self.explain_line(whole.trim_end(), start, line_rule(field.kind));
                Some(Node::Invalid(key))
            }
        }
    }

    /// A value read as the form `kind` wants, or `None` when it has another.
    fn value(&mut self, kind: Kind, pair: Pair<'_, Rule>) -> Option<Value> {
        let o = self.offset;
        Some(match (kind, pair.as_rule()) {
            (Kind::Text, Rule::string_list) => {
                let mut texts = self.texts(pair);
                if texts.len() != 1 {
                    return None;
                }
                Value::Text(texts.pop()?)
            }
            (Kind::Texts, Rule::string_list) => Value::Texts(self.texts(pair)),
            (Kind::Name, Rule::name_list) => {
                let mut names = words(o, pair);
                if names.len() != 1 {
                    return None;
                }
                Value::Name(names.pop()?)
            }
            (Kind::Names, Rule::name_list) => Value::Names(words(o, pair)),
            (Kind::Count, Rule::count) => Value::Count(literal(o, pair)),
            (Kind::Percent, Rule::percent) => Value::Percent(literal(o, pair)),
            (Kind::Money, Rule::money) => Value::Money(money(o, pair)?),
            (Kind::Duration, Rule::duration_list) => {
                let mut durations: Vec<Literal> =
                    pair.into_inner().map(|p| literal(o, p)).collect();
                if durations.len() != 1 {
                    return None;
                }
                Value::Duration(durations.pop()?)
            }
            (Kind::Durations, Rule::duration_list) => {
                Value::Durations(pair.into_inner().map(|p| literal(o, p)).collect())
            }
            (Kind::Date, Rule::date) => Value::Date(literal(o, pair)),
            (Kind::Market, Rule::market_code) => Value::Market(literal(o, pair)),
            _ => return None,
        })
    }

    fn schedule(&mut self, pair: Pair<'_, Rule>) -> Option<ScheduleLiteral> {
        let o = self.offset;
        let rule = pair.as_rule();
        let dates: Vec<Literal> = pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::date)
            .map(|p| literal(o, p))
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
        self.loose_line(pair.as_str(), self.offset + pair.as_span().start())
    }

    /// A line that is no statement of the language, starting at `start`.
    fn loose_line(&mut self, line: &str, start: usize) -> Option<Node> {
        let line = line.trim_end();
        let span = Span::new(start, start + line.len());
        let first = first_word(line);
        // `followers: 320k`, as in a form or a spreadsheet header.
        if let Some(keyword) = first.strip_suffix(':') {
            if let Some(keyword) = fields::field(keyword).map(|f| f.keyword) {
                let colon = start + keyword.len();
                // `voice:"..."`: a space keeps the key and value apart.
                let spaced = line[keyword.len() + 1..].starts_with(char::is_whitespace)
                    || line.len() == keyword.len() + 1;
                self.findings.push(
                    Finding::new(
                        &SYNTAX,
                        Span::new(colon, colon + 1),
                        t!("a colon after `{keyword}`", keyword = keyword),
                    )
                    .label(t!("no colon is needed here"))
                    .help(t!(
                        "delete the `:`; a field and its value are separated by spaces: `{keyword} ...`",
                        keyword = keyword
                    ))
                    .fix(Span::new(colon, colon + 1), if spaced { "" } else { " " }),
                );
                let key = Span::new(start, start + keyword.len());
                return Some(Node::Invalid(Spanned::new(keyword, key)));
            }
        }
        if let Some(field) = fields::field(first) {
            self.explain_line(line, start, line_rule(field.kind));
            let key = Span::new(start, start + field.keyword.len());
            return Some(Node::Invalid(Spanned::new(field.keyword, key)));
        }
        // `zh "..."` on a line of its own, not after a text: a version that
        // lost its text to a blank line, a comment or a value of another kind.
        let rest = line[first.len()..].trim_start();
        if first.len() == 2
            && first.bytes().all(|b| b.is_ascii_lowercase())
            && rest.starts_with('"')
        {
            self.findings.push(
                Finding::new(&SYNTAX, span, t!("a `{first}` version that follows no text", first = first))
                    .label(t!("not after a text"))
                    .help(t!("write `{first} \"...\"` right after the text it translates, on its line or the next, with no blank line or comment between; only free text (`angle`, `prompts`, `voice`, ...) takes versions", first = first)),
            );
            return None;
        }
        if fields::block(first).is_some() {
            self.findings.push(
                Finding::new(&SYNTAX, span, t!("`{first}` opens a block, but this line has no `{{`", first = first))
                    .label(t!("expected `{{` at the end of this line"))
                    .help(t!("end the line with `{{`, list the {first}'s fields on the lines below, and close the block with `}}`", first = first)),
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
        let start = self.offset + head.as_span().start();
        let head_text = head.as_str().trim_end();
        let head_span = Span::new(start, start + head_text.len());
        let first = first_word(head_text);
        let nodes = self.nodes(body.clone().into_inner());
        if let Some(rule) = head_rule(first) {
            self.explain_line(head_text, start, rule);
            // Keep the contents of a campaign whose name is mistyped, so the
            // rest of the file is still checked.
            if first == "campaign" {
                let name = head_text[first.len()..].trim();
                return Some(Node::Block(Block {
                    head: BlockHead::Campaign {
                        name: Text::plain(name.to_string(), head_span, false),
                    },
                    head_span,
                    body: nodes,
                    span: head_span.to(span_at(self.offset, body.as_span())),
                }));
            }
            return None;
        }
        if fields::field(first).is_some() {
            self.findings.push(
                Finding::new(
                    &SYNTAX,
                    head_span,
                    t!("`{first}` is a field, not a block", first = first),
                )
                .label(t!("does not open a block"))
                .help(t!(
                    "write `{first}` and its value on one line, without `{{` and `}}`",
                    first = first
                )),
            );
            return None;
        }
        let span = head_span.to(span_at(self.offset, body.as_span()));
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
                t!(
                    "a line starts with `{shown}`, where a field name was expected",
                    shown = shown
                ),
            )
            .label(t!("expected a field name like `followers`"))
            .help(t!(
                "start each line with a field name, then its value: `followers 3.2k`"
            )),
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
                    t!("unexpected `{shown}` here", shown = shown),
                )
                .label(t!("not expected here"))
                .help(if rule == Rule::creator_head {
                    t!("a handle has no spaces: join its words with `.`, `_` or `-`, as in `@lina.glow`")
                } else {
                    t!("remove it, or put it on a line of its own")
                })
            }
        };
        self.findings.push(finding);
    }

    /// A string, with the versions in other languages written after it
    /// when it is a `tr_string`.
    fn text(&mut self, pair: Pair<'_, Rule>) -> Text {
        if pair.as_rule() != Rule::tr_string {
            return self.string(pair);
        }
        let mut inner = pair.into_inner();
        let Some(first) = inner.next() else {
            return Text::plain(String::new(), Span::at(0), false);
        };
        let mut text = self.string(first);
        for translation in inner {
            let mut parts = translation.into_inner();
            let (Some(code), Some(string)) = (parts.next(), parts.next()) else {
                continue;
            };
            let language = word(self.offset, code);
            let version = self.string(string);
            text.translations.push(Translation {
                span: language.span.to(version.span),
                language,
                text: version,
            });
        }
        text
    }

    /// Versions in other languages of a text that reads the same in every
    /// brief: each is a finding whose fix deletes it.
    fn untranslatable(&mut self, text: &Text, owner: Owner) {
        for (i, translation) in text.translations.iter().enumerate() {
            let language = &translation.language.value;
            let message = match owner {
                Owner::Field(field) => t!(
                    "`{field}` reads the same in every language: it takes no `{language}` version",
                    field = field,
                    language = language
                ),
                Owner::NameOf(named) => t!(
                    "{what} reads the same in every language: it takes no `{language}` version",
                    what = named.name_of(),
                    language = language
                ),
            };
            self.findings.push(
                Finding::new(&INVALID_VALUE, translation.span, message)
                .label(t!("no translation here"))
                .help(t!("delete the translation; names, links, handles, `avoid` words and what the creator posts word for word (`title`, `script`, `keywords`, `hashtags`) are written once"))
                .fix(text.removal(i), ""),
            );
        }
    }

    fn string(&mut self, pair: Pair<'_, Rule>) -> Text {
        let span = span_at(self.offset, pair.as_span());
        let inner = pair.into_inner().next();
        let multiline = inner
            .as_ref()
            .is_some_and(|p| p.as_rule() == Rule::triple_string);
        let body = inner.and_then(|p| p.into_inner().next());
        let value = match body {
            None => String::new(),
            Some(body) if multiline => dedent(body.as_str()),
            Some(body) => self.unescape(body.as_str(), self.offset + body.as_span().start()),
        };
        // Control characters are C0, DEL and C1; C1 is encoded after the
        // byte 0xC2, so a text without these bytes has none.
        let may_hold_control = value.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2);
        let control = if may_hold_control {
            value
                .chars()
                .find(|&c| c.is_control() && c != '\n' && c != '\t')
        } else {
            None
        };
        if let Some(ch) = control {
            // NUL, ESC (terminal colours), DEL: invisible in an editor, and
            // copied into every brief.
            self.findings.push(
                Finding::new(
                    &INVALID_VALUE,
                    span,
                    t!(
                        "this text holds an invisible control character ({code})",
                        code = format!("U+{:04X}", ch as u32)
                    ),
                )
                .label(t!("control character inside"))
                .help(t!("retype the text, or paste it as plain text; tabs and line breaks in `\"\"\"` texts are fine")),
            );
        }
        Text::plain(value, span, multiline)
    }

    /// A line break where a brief would show the text on one line (a
    /// heading, a table cell, a list item): the rest would read as a line
    /// of the brief's own.
    fn single_line(&mut self, text: &Text, owner: Owner) {
        for translation in &text.translations {
            self.single_line(&translation.text, owner);
        }
        if !text.value.contains('\n') {
            return;
        }
        let message = match owner {
            Owner::Field(field) => t!("`{field}` takes one line of text", field = field),
            Owner::NameOf(named) => {
                t!("{what} takes one line of text", what = named.name_of())
            }
        };
        self.findings.push(
            Finding::new(&INVALID_VALUE, text.span, message)
                .label(t!("line break inside"))
                .help(t!(
                    "write it on one line; only `note` takes several lines, in `\"\"\"`"
                )),
        );
    }

    /// Every text of a value that must stay on one line.
    fn single_line_value(&mut self, field: &fields::FieldSpec, value: &Value) {
        if field.multiline {
            return;
        }
        let owner = Owner::Field(field.keyword);
        match value {
            Value::Text(text)
            | Value::Peak { name: text, .. }
            | Value::Cost { name: text, .. }
            | Value::Allow {
                reason: Some(text), ..
            } => self.single_line(text, owner),
            Value::Texts(texts) => {
                for text in texts {
                    self.single_line(text, owner);
                }
            }
            _ => {}
        }
    }

    /// A block's name: one line, not empty (it heads every brief).
    fn name(&mut self, pair: Pair<'_, Rule>, named: Named) -> Text {
        let name = self.text(pair);
        if name.value.trim().is_empty() {
            self.findings.push(
                Finding::new(&INVALID_VALUE, name.span, named.empty())
                    .label(t!("no name"))
                    .help(t!(
                        "write the name between the quotes, as the briefs should show it"
                    )),
            );
        }
        self.single_line(&name, Owner::NameOf(named));
        self.untranslatable(&name, Owner::NameOf(named));
        name
    }

    fn texts(&mut self, list: Pair<'_, Rule>) -> Vec<Text> {
        list.into_inner().map(|item| self.text(item)).collect()
    }

    /// Decodes `\"`, `\\` and `\n`; reports any other escape.
    fn unescape(&mut self, raw: &str, start: usize) -> String {
        // Most texts have no escape at all: one copy.
        if !raw.contains('\\') {
            return raw.to_string();
        }
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
                            t!("`\\{other}` is not an escape redbrief knows", other = other),
                        )
                        .label(t!("unknown escape"))
                        .help(t!("inside quotes, write `\\\"` for a quote, `\\\\` for a backslash and `\\n` for a new line")),
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

/// Every text of a value.
fn value_texts(value: &Value) -> Vec<&Text> {
    match value {
        Value::Text(text)
        | Value::Peak { name: text, .. }
        | Value::Cost { name: text, .. }
        | Value::Allow {
            reason: Some(text), ..
        } => vec![text],
        Value::Texts(texts) => texts.iter().collect(),
        _ => Vec::new(),
    }
}

/// A pest span in the file: `offset` is where the parsed text starts.
fn span_at(offset: usize, span: pest::Span<'_>) -> Span {
    Span::new(offset + span.start(), offset + span.end())
}

/// The most values a statement's shape has (`deliver video x1 on D`: the
/// format, the count and the schedule).
const MOST_VALUES: usize = 3;

fn literal(o: usize, pair: Pair<'_, Rule>) -> Literal {
    Spanned::new(pair.as_str().to_string(), span_at(o, pair.as_span()))
}

fn word(o: usize, pair: Pair<'_, Rule>) -> Spanned<String> {
    literal(o, pair)
}

fn words(o: usize, list: Pair<'_, Rule>) -> Vec<Spanned<String>> {
    list.into_inner().map(|pair| word(o, pair)).collect()
}

fn money(o: usize, pair: Pair<'_, Rule>) -> Option<MoneyLiteral> {
    let span = span_at(o, pair.as_span());
    let mut inner = pair.into_inner();
    Some(MoneyLiteral {
        amount: literal(o, inner.next()?),
        currency: literal(o, inner.next()?),
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
    fn every_block_keyword_has_a_head_rule() {
        for block in fields::BLOCKS {
            assert!(head_rule(block.keyword).is_some(), "{}", block.keyword);
        }
    }
}
