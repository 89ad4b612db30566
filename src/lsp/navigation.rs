//! Goals are the one name a spec declares and refers to (`goal launch {`,
//! `serves launch`): go to a goal's definition, find who serves it, and the
//! outline of the campaign (its goals, and its creators by role).

use lsp_types::{DocumentSymbol, Location, SymbolKind};

use super::document::Document;
use super::position;
use crate::source::{Span, Spanned};
use crate::syntax::ast::{Block, BlockHead, Node, Role, Value};
use crate::syntax::fields::Key;

/// The goal names a creator block's `serves` lines give.
pub fn served(creator: &Block) -> impl Iterator<Item = &Spanned<String>> {
    creator.body.iter().flat_map(|node| match node {
        Node::Statement(statement) if statement.key() == Key::Serves => match &statement.value {
            Value::Names(names) => names.as_slice(),
            _ => &[],
        },
        _ => &[],
    })
}

/// Every goal's name where it is declared, and every `serves` naming one.
struct Goals<'a> {
    declared: Vec<&'a Spanned<String>>,
    served: Vec<&'a Spanned<String>>,
}

fn goals(document: &Document) -> Option<Goals<'_>> {
    let campaign = document.analysis().campaign_block()?;
    let mut goals = Goals {
        declared: Vec::new(),
        served: Vec::new(),
    };
    for node in &campaign.body {
        if let Node::Block(block) = node {
            match &block.head {
                BlockHead::Goal { name } => goals.declared.push(name),
                BlockHead::Creator { .. } => goals.served.extend(served(block)),
                _ => {}
            }
        }
    }
    Some(goals)
}

/// The goal name at `offset`, declared or served.
fn goal_at<'a>(goals: &Goals<'a>, offset: usize) -> Option<&'a str> {
    goals
        .declared
        .iter()
        .chain(&goals.served)
        .find(|name| name.span.start <= offset && offset <= name.span.end)
        .map(|name| name.value.as_str())
}

/// Where the goal under the cursor is declared.
pub fn definition(document: &Document, offset: usize) -> Vec<Location> {
    let Some(goals) = goals(document) else {
        return Vec::new();
    };
    let Some(name) = goal_at(&goals, offset) else {
        return Vec::new();
    };
    goals
        .declared
        .iter()
        .filter(|goal| goal.value == name)
        .map(|goal| location(document, goal.span))
        .collect()
}

/// Every `serves` naming the goal under the cursor, and its declaration
/// when asked for.
pub fn references(document: &Document, offset: usize, declaration: bool) -> Vec<Location> {
    let Some(goals) = goals(document) else {
        return Vec::new();
    };
    let Some(name) = goal_at(&goals, offset) else {
        return Vec::new();
    };
    let declared = goals.declared.iter().filter(|_| declaration);
    declared
        .chain(&goals.served)
        .filter(|goal| goal.value == name)
        .map(|goal| location(document, goal.span))
        .collect()
}

fn location(document: &Document, span: Span) -> Location {
    Location::new(document.uri.clone(), position::range(&document.file, span))
}

/// The campaign, and inside it the brand, products, goals (with their
/// stage), the creators grouped by role, and the policy.
pub fn symbols(document: &Document) -> Vec<DocumentSymbol> {
    let analysis = document.analysis();
    let Some(campaign) = analysis.campaign_block() else {
        return Vec::new();
    };
    let BlockHead::Campaign { name } = &campaign.head else {
        return Vec::new();
    };
    let mut children = Vec::new();
    let mut roles: [Vec<DocumentSymbol>; 2] = [Vec::new(), Vec::new()];
    for node in &campaign.body {
        let Node::Block(block) = node else { continue };
        let (title, detail, kind, selection) = match &block.head {
            BlockHead::Brand { name } => (
                name.value.clone(),
                "brand".to_string(),
                SymbolKind::CLASS,
                name.span,
            ),
            BlockHead::Product { name } => (
                name.value.clone(),
                "product".to_string(),
                SymbolKind::STRUCT,
                name.span,
            ),
            BlockHead::Goal { name } => (
                name.value.clone(),
                stage_of(block).unwrap_or("goal").to_string(),
                SymbolKind::EVENT,
                name.span,
            ),
            BlockHead::Creator { role, handle } => {
                let symbol = symbol(
                    document,
                    handle.value.clone(),
                    role.label(),
                    SymbolKind::OBJECT,
                    block.span,
                    handle.span,
                    None,
                );
                roles[usize::from(*role == Role::Koc)].push(symbol);
                continue;
            }
            BlockHead::Policy => (
                "policy".to_string(),
                crate::t!("thresholds"),
                SymbolKind::PROPERTY,
                block.head_span,
            ),
            BlockHead::Terms => (
                "terms".to_string(),
                crate::t!("every creator's terms"),
                SymbolKind::PROPERTY,
                block.head_span,
            ),
            BlockHead::Contact { name } => (
                name.value.clone(),
                "contact".to_string(),
                SymbolKind::CONSTANT,
                name.span,
            ),
            BlockHead::Roster { path, .. } => (
                path.value.clone(),
                "roster".to_string(),
                SymbolKind::FILE,
                path.span,
            ),
            BlockHead::Campaign { .. } => continue,
        };
        children.push(symbol(
            document, title, &detail, kind, block.span, selection, None,
        ));
    }
    for (role, creators) in [Role::Kol, Role::Koc].into_iter().zip(roles) {
        let (Some(first), Some(last)) = (creators.first(), creators.last()) else {
            continue;
        };
        let range = lsp_types::Range::new(first.range.start, last.range.end);
        #[allow(deprecated)]
        children.push(DocumentSymbol {
            name: match role {
                Role::Kol => crate::t!("KOLs"),
                Role::Koc => crate::t!("KOCs"),
            },
            detail: Some(match creators.len() {
                1 => crate::t!("1 creator"),
                n => crate::t!("{n} creators", n = n),
            }),
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range,
            selection_range: first.selection_range,
            children: Some(creators),
        });
    }
    children.sort_by_key(|symbol| (symbol.range.start.line, symbol.range.start.character));
    vec![symbol(
        document,
        name.value.clone(),
        "campaign",
        SymbolKind::MODULE,
        campaign.span,
        campaign.head_span,
        Some(children),
    )]
}

/// The stage a goal block names, as written.
fn stage_of(goal: &Block) -> Option<&str> {
    goal.body.iter().find_map(|node| match node {
        Node::Statement(statement) if statement.key() == Key::Stage => match &statement.value {
            Value::Name(stage) => Some(stage.value.as_str()),
            _ => None,
        },
        _ => None,
    })
}

fn symbol(
    document: &Document,
    name: String,
    detail: &str,
    kind: SymbolKind,
    span: Span,
    selection: Span,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail: Some(detail.to_string()),
        kind,
        tags: None,
        deprecated: None,
        range: position::range(&document.file, span),
        selection_range: position::range(&document.file, selection),
        children,
    }
}
