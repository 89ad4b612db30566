//! The AST and the comment spans back to text, in the one canonical layout
//! described in `super`'s module documentation.

use crate::source::Span;
use crate::syntax::ast::{
    Block, BlockHead, Literal, MoneyLiteral, Node, QuantityLiteral, ScheduleLiteral, Spec,
    Statement, Text, Value,
};

/// Spaces per block level.
const INDENT: usize = 2;

/// Prints a spec that parsed without findings. `source` is the text it was
/// parsed from: comments and blank lines are read from it by span.
pub fn print(source: &str, spec: &Spec) -> String {
    let mut printer = Printer {
        source,
        comments: &spec.comments,
        next_comment: 0,
        last_end: 0,
        lines: Vec::new(),
        at_body_start: true,
    };
    printer.body(&spec.nodes, 0, source.len());
    let mut out = printer.lines.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

struct Printer<'a> {
    source: &'a str,
    comments: &'a [Span],
    /// The first comment not printed yet; comments are printed in order.
    next_comment: usize,
    /// Where the last thing printed (node, comment, brace) ends in the source.
    last_end: usize,
    lines: Vec<String>,
    /// Nothing printed yet at this level: no blank line may come first.
    at_body_start: bool,
}

impl Printer<'_> {
    /// The nodes of one block (or of the file), then the comments left
    /// before `end` (the closing brace, or the end of the file).
    fn body(&mut self, nodes: &[Node], depth: usize, end: usize) {
        let runs = alignment(self.source, nodes);
        let mut previous: Option<&Node> = None;
        for (node, run) in nodes.iter().zip(runs) {
            let between_blocks =
                previous.is_some_and(is_block) || (previous.is_some() && is_block(node));
            let commented = self.comments_before(node.span().start, depth, between_blocks);
            self.gap(node.span().start, between_blocks && !commented);
            match node {
                Node::Block(block) => self.block(block, depth),
                Node::Statement(statement) => self.statement(statement, depth, run),
                // `fmt` refuses specs with unreadable lines before printing;
                // should one get here, it is kept exactly as written.
                Node::Unknown(_) | Node::Invalid(_) => {
                    let span = node.span();
                    let text = self.source.get(span.range()).unwrap_or("").to_string();
                    self.line(depth, &text);
                    self.last_end = span.end;
                }
            }
            previous = Some(node);
        }
        self.comments_before(end, depth, false);
    }

    /// Own-line comments that stand before `offset`, at this level. The
    /// first of them takes the blank line forced between blocks. Says
    /// whether there were any.
    fn comments_before(&mut self, offset: usize, depth: usize, mut force_blank: bool) -> bool {
        let first = self.next_comment;
        while let Some(comment) = self.comments.get(self.next_comment).copied() {
            if comment.start >= offset {
                break;
            }
            self.gap(comment.start, force_blank);
            force_blank = false;
            let text = self.comment_text(comment);
            self.line(depth, &text);
            self.next_comment += 1;
            self.last_end = comment.end;
        }
        self.next_comment > first
    }

    /// A blank line before the next item if the source had one (or more)
    /// since the last item, or if `force`d; never at the start of a body.
    fn gap(&mut self, next_start: usize, force: bool) {
        let region = self.source.get(self.last_end..next_start).unwrap_or("");
        if !self.at_body_start && (force || has_blank_line(region)) {
            self.lines.push(String::new());
        }
        // The blank line is spent: the item itself must not take another.
        self.last_end = next_start;
    }

    /// A comment on the same line right after `after` (only spaces between),
    /// printed one space after the line's content.
    fn trailing_comment(&mut self, after: usize) -> String {
        let Some(comment) = self.comments.get(self.next_comment).copied() else {
            return String::new();
        };
        let between = self.source.get(after..comment.start).unwrap_or("\n");
        if comment.start < after || !between.chars().all(|c| c == ' ' || c == '\t') {
            return String::new();
        }
        self.next_comment += 1;
        self.last_end = comment.end;
        format!(" {}", self.comment_text(comment))
    }

    fn comment_text(&self, comment: Span) -> String {
        self.source
            .get(comment.range())
            .unwrap_or("#")
            .trim_end()
            .to_string()
    }

    fn line(&mut self, depth: usize, text: &str) {
        self.lines
            .push(format!("{}{text}", " ".repeat(depth * INDENT)));
        self.at_body_start = false;
    }

    fn block(&mut self, block: &Block, depth: usize) {
        let head = match &block.head {
            BlockHead::Campaign { name }
            | BlockHead::Brand { name }
            | BlockHead::Product { name }
            | BlockHead::Contact { name } => {
                format!("{} {}", block.head.keyword(), text(name, depth))
            }
            BlockHead::Goal { name } => format!("goal {}", name.value),
            BlockHead::Creator { role, handle } => format!("{} {}", role.keyword(), handle.value),
            BlockHead::Policy | BlockHead::Terms => block.head.keyword().to_string(),
            BlockHead::Roster { path, role } => {
                format!("roster {} as {}", text(path, depth), role.value.keyword())
            }
        };
        // Only spaces stand between the head and its `{`.
        let open = self.source[block.head_span.end..]
            .find('{')
            .map_or(block.head_span.end, |i| block.head_span.end + i);
        self.last_end = open + 1;
        let comment = self.trailing_comment(open + 1);
        self.line(depth, &format!("{head} {{{comment}"));
        self.at_body_start = true;

        let close = block.span.end.saturating_sub(1);
        self.body(&block.body, depth + 1, close);
        self.last_end = block.span.end;
        let comment = self.trailing_comment(block.span.end);
        self.line(depth, &format!("}}{comment}"));
    }

    fn statement(&mut self, statement: &Statement, depth: usize, run: Run) {
        let key = statement.key.value;
        let padding = " ".repeat(run.key_width.saturating_sub(key.len()) + 1);
        let column = depth * INDENT + key.len() + padding.len();
        let value = match &statement.value {
            // Versions in other languages go on lines of their own, under
            // the value: `angle "..."` then `zh "..."` below it.
            Value::Text(t) if !t.translations.is_empty() => translated(t, depth, column),
            Value::Texts(list) if list.iter().any(|t| !t.translations.is_empty()) => list
                .iter()
                .map(|t| text(t, depth))
                .collect::<Vec<_>>()
                .join(&format!(",\n{}", " ".repeat(column))),
            value => self.value(value, depth, run.metric_width),
        };
        self.last_end = statement.span.end;
        let comment = self.trailing_comment(statement.span.end);
        self.line(depth, &format!("{key}{padding}{value}{comment}"));
    }

    /// A value printed by its kind: no field needs printing code of its own.
    fn value(&self, value: &Value, depth: usize, metric_width: usize) -> String {
        let texts = |list: &[Text]| {
            list.iter()
                .map(|t| text(t, depth))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let words = |list: &[Literal]| {
            list.iter()
                .map(|w| w.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match value {
            Value::Text(t) => text(t, depth),
            Value::Texts(list) => texts(list),
            Value::Name(word) | Value::Market(word) => word.value.clone(),
            Value::Names(list) => words(list),
            Value::Count(n) => count(n),
            Value::Percent(literal) | Value::Duration(literal) | Value::Date(literal) => {
                literal.value.clone()
            }
            Value::Durations(list) => words(list),
            Value::Rights { uses, duration } => format!("{} for {}", words(uses), duration.value),
            Value::Peak { name, date } => format!("{} {}", text(name, depth), date.value),
            Value::Cost { name, amount } => format!("{} {}", text(name, depth), money(amount)),
            Value::Money(m) => money(m),
            Value::Window { start, end } => format!("{} to {}", start.value, end.value),
            Value::Allow { rule, reason } => match reason {
                Some(reason) => format!("{} {}", rule.value, text(reason, depth)),
                None => rule.value.clone(),
            },
            Value::Kpi {
                metric,
                comparator,
                target,
            } => {
                let target = match target {
                    QuantityLiteral::Count(n) => count(n),
                    QuantityLiteral::Percent(p) => p.value.clone(),
                    QuantityLiteral::Money(m) => money(m),
                };
                format!(
                    "{:<metric_width$} {} {target}",
                    metric.value,
                    comparator.value.symbol()
                )
            }
            Value::Deliver {
                format,
                times,
                schedule,
            } => {
                // `X2` and `×2` mean `x2`.
                let times = times.value.trim_start_matches(['x', 'X', '×']);
                let schedule = match schedule {
                    None => String::new(),
                    Some(ScheduleLiteral::On(on)) => format!(" on {}", on.value),
                    Some(ScheduleLiteral::Between(from, to)) => {
                        format!(" from {} to {}", from.value, to.value)
                    }
                };
                format!("{} x{times}{schedule}", format.value)
            }
        }
    }
}

/// How one statement lines up with its neighbours.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    /// The longest key among the statements it is aligned with.
    key_width: usize,
    /// The longest KPI metric among them.
    metric_width: usize,
}

/// Statements in a row (no block and no blank line between them) are
/// aligned: values start one space after the longest key, and KPI
/// comparators one space after the longest metric. Blocks get the default.
fn alignment(source: &str, nodes: &[Node]) -> Vec<Run> {
    let mut runs = vec![Run::default(); nodes.len()];
    let mut start = 0;
    while start < nodes.len() {
        let mut end = start + 1;
        if let Node::Statement(first) = &nodes[start] {
            let mut last_end = first.span.end;
            while let Some(Node::Statement(next)) = nodes.get(end) {
                if has_blank_line(source.get(last_end..next.span.start).unwrap_or("")) {
                    break;
                }
                last_end = next.span.end;
                end += 1;
            }
            let statements = nodes[start..end].iter().filter_map(|node| match node {
                Node::Statement(statement) => Some(statement),
                _ => None,
            });
            let mut run = Run::default();
            for statement in statements {
                run.key_width = run.key_width.max(statement.key.value.len());
                if let Value::Kpi { metric, .. } = &statement.value {
                    run.metric_width = run.metric_width.max(metric.value.chars().count());
                }
            }
            runs[start..end].fill(run);
        }
        start = end;
    }
    runs
}

fn is_block(node: &Node) -> bool {
    matches!(node, Node::Block(_))
    // An unknown line that opened a block would count too, but `fmt` never
    // prints one.
}

/// Whether the text between two items holds an empty (or all-space) line.
fn has_blank_line(region: &str) -> bool {
    let mut lines = region.split('\n');
    // The first piece ends the line of the item before; the last piece
    // starts the line of the item after.
    lines.next();
    let mut inner: Vec<&str> = lines.collect();
    inner.pop();
    inner
        .iter()
        .any(|line| line.trim_matches([' ', '\t', '\r']).is_empty())
}

/// `3.2K` is `3.2k` and `1.5M` is `1.5m`: the suffixes mean the same.
fn count(literal: &Literal) -> String {
    let value = &literal.value;
    match value.strip_suffix('K') {
        Some(number) => format!("{number}k"),
        None => match value.strip_suffix('M') {
            Some(number) => format!("{number}m"),
            None => value.clone(),
        },
    }
}

/// One space between amount and currency.
fn money(money: &MoneyLiteral) -> String {
    format!("{} {}", count(&money.amount), money.currency.value)
}

/// A string with the escapes written canonically. A `"""` string keeps its
/// form: its lines indented one level past the statement, the closing quotes
/// on a line of their own at the statement's indentation.
fn text(text: &Text, depth: usize) -> String {
    let mut out = string(text, depth);
    for translation in &text.translations {
        out.push(' ');
        out.push_str(&translation.language.value);
        out.push(' ');
        out.push_str(&string(&translation.text, depth));
    }
    out
}

/// A text and its versions, each version on a line of its own starting at
/// `column`, the column of the value.
fn translated(text: &Text, depth: usize, column: usize) -> String {
    let mut out = string(text, depth);
    for translation in &text.translations {
        out.push('\n');
        out.push_str(&" ".repeat(column));
        out.push_str(&translation.language.value);
        out.push(' ');
        out.push_str(&string(&translation.text, depth));
    }
    out
}

/// One string, without its versions.
fn string(text: &Text, depth: usize) -> String {
    if !text.multiline {
        let mut out = String::with_capacity(text.value.len() + 2);
        out.push('"');
        for ch in text.value.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                ch => out.push(ch),
            }
        }
        out.push('"');
        return out;
    }
    if text.value.is_empty() {
        return "\"\"\"\"\"\"".to_string();
    }
    let inner = " ".repeat((depth + 1) * INDENT);
    let mut out = String::from("\"\"\"\n");
    for line in text.value.split('\n') {
        if !line.is_empty() {
            out.push_str(&inner);
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str(&" ".repeat(depth * INDENT));
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_lines_with_nothing_but_spaces() {
        assert!(!has_blank_line(" # trailing\n  "));
        assert!(has_blank_line("\n\n  "));
        assert!(has_blank_line("\n  \t\r\n  "));
        assert!(!has_blank_line("\n# comment\n  "));
        assert!(!has_blank_line(""));
    }

    #[test]
    fn suffixes_are_lower_case() {
        let literal = |s: &str| Literal::new(s.to_string(), Span::default());
        assert_eq!(count(&literal("3.2K")), "3.2k");
        assert_eq!(count(&literal("1.5M")), "1.5m");
        assert_eq!(count(&literal("32万")), "32万");
        assert_eq!(count(&literal("320_000")), "320_000");
    }
}
