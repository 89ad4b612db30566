//! Which statement may stand where, read from the field table: a field of
//! another block is E002 with where it belongs, the other role's field is
//! E007, a single-valued field given twice is E003.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Given, Resolver};
use crate::diagnostic::codes::{DUPLICATE, SYNTAX, UNKNOWN_NAME, WRONG_ROLE_FIELD};
use crate::diagnostic::Finding;
use crate::model::Role;
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{Block, Node, Statement, Unknown};
use crate::syntax::fields::{self, Place, Repeat};
use crate::t;

/// The place of a creator block of this role.
pub(super) fn place_of(role: Role) -> Place {
    match role {
        Role::Kol => Place::Kol,
        Role::Koc => Place::Koc,
    }
}

/// The keywords a block takes, for suggestions: a creator block's are both
/// roles' (a KOC typing a KOL's field is told it is the other role's), and
/// the campaign's include the blocks inside it.
fn known_at(place: Place) -> Vec<&'static str> {
    let mut known: Vec<&'static str> = Vec::new();
    for field in fields::FIELDS {
        let here = match place {
            Place::Kol | Place::Koc => {
                field.places.contains(&Place::Kol) || field.places.contains(&Place::Koc)
            }
            _ => field.places.contains(&place),
        };
        if here && !known.contains(&field.keyword) {
            known.push(field.keyword);
        }
    }
    known.extend(place.blocks().map(|b| b.keyword));
    known
}

/// A place as a block named in running text: "a product block".
fn block_of(place: Place) -> String {
    match place {
        Place::Campaign => t!("the campaign block"),
        Place::Brand => t!("the brand block"),
        Place::Product => t!("a product block"),
        Place::Goal => t!("a goal block"),
        Place::Kol | Place::Koc => t!("a creator block"),
        Place::Policy => t!("the policy block"),
        Place::Terms => t!("the terms block"),
        Place::Contact => t!("the contact block"),
        Place::Roster => t!("a roster block"),
    }
}

/// A place named in running text: "a product", as `Place::kind` says it.
fn place_name(place: Place) -> String {
    match place {
        Place::Campaign => t!("the campaign"),
        Place::Brand => t!("the brand"),
        Place::Product => t!("a product"),
        Place::Goal => t!("a goal"),
        Place::Kol | Place::Koc => t!("a creator"),
        Place::Policy => t!("the policy"),
        Place::Terms => t!("the terms"),
        Place::Contact => t!("the contact"),
        Place::Roster => t!("a roster"),
    }
}

/// The kind of block a field belongs in, if it is a field at all.
fn home_of(keyword: &str) -> Option<Place> {
    fields::field(keyword).and_then(|f| f.places.first().copied())
}

impl Resolver<'_> {
    /// Checks that a statement belongs where it stands and is not a repeat
    /// of a single-valued field.
    pub(super) fn accept(
        &mut self,
        statement: &Statement,
        place: Place,
        owner: &str,
        seen: &mut FxHashMap<&'static str, Span>,
    ) -> bool {
        let key = statement.key.value;
        let role = match place {
            Place::Kol => Some(Role::Kol),
            Place::Koc => Some(Role::Koc),
            _ => None,
        };
        if let Some(role) = role {
            let other_role = match role {
                Role::Kol => Place::Koc,
                Role::Koc => Place::Kol,
            };
            if fields::field_at(key, place).is_none() && fields::field_at(key, other_role).is_some()
            {
                let other = other_role.keyword().to_uppercase();
                let hint = match role {
                    Role::Kol => t!("a KOL creates aspiration; trials, reader questions and comment follow-up are a KOC's part"),
                    Role::Koc => t!("a KOC shoots on a phone in everyday settings; art direction is for a KOL's polished post"),
                };
                self.report(
                    Finding::new(
                        &WRONG_ROLE_FIELD,
                        statement.key.span,
                        t!(
                            "`{key}` is a {other}-only field, but {owner} is a {role}",
                            key = key,
                            other = other,
                            owner = owner,
                            role = role.label()
                        ),
                    )
                    .label(t!("{other}-only field", other = other))
                    .help(t!(
                        "remove `{key}` ({hint}), or declare the creator with `{keyword}` if they are a {other}",
                        key = key,
                        hint = hint,
                        keyword = other.to_lowercase(),
                        other = other
                    )),
                );
                return false;
            }
        }
        let Some(field) = fields::field_at(key, place) else {
            let help = match home_of(key) {
                Some(home) => t!(
                    "`{key}` belongs in {block}; move it there",
                    key = key,
                    block = block_of(home)
                ),
                None => t!(
                    "{block} takes {fields}",
                    block = block_of(place),
                    fields = suggest::quote_list(&known_at(place))
                ),
            };
            self.report(
                Finding::new(
                    &UNKNOWN_NAME,
                    statement.key.span,
                    t!(
                        "`{key}` is not a field of {owner}",
                        key = key,
                        owner = owner
                    ),
                )
                .label(t!("not a field here"))
                .help(help),
            );
            return false;
        };
        if field.repeat == Repeat::Once {
            if let Some(first) = seen.get(key) {
                self.report(
                    Finding::new(
                        &DUPLICATE,
                        statement.span,
                        t!(
                            "`{key}` is given twice in {owner}",
                            key = key,
                            owner = owner
                        ),
                    )
                    .label(t!("second value"))
                    .related(*first, t!("first value"))
                    .help(t!("keep one `{key}` line and delete the other", key = key)),
                );
                return false;
            }
            seen.insert(key, statement.span);
        }
        true
    }

    /// Reports an unknown word; returns the field it most likely means.
    pub(super) fn unknown(
        &mut self,
        unknown: &Unknown,
        place: Place,
        owner: &str,
    ) -> Option<&'static str> {
        let word = &unknown.word.value;
        let known = known_at(place);
        let creator = unknown.opens_block
            && ["creator", "influencer", "kols", "kocs"].contains(&word.to_lowercase().as_str());
        let meant = suggest::closest(word, known.iter().copied()).filter(|_| !creator);
        let help = if creator {
            t!("a creator block starts with its role: `kol @handle {{` or `koc @handle {{`")
        } else if let Some(best) = meant {
            t!("did you mean `{meant}`?", meant = best)
        } else if let Some(home) =
            suggest::closest(word, crate::syntax::keywords()).and_then(home_of)
        {
            t!(
                "no such field in {place}; the closest is a field of {block}",
                place = place_name(place),
                block = block_of(home)
            )
        } else {
            t!(
                "{block} takes {fields}",
                block = block_of(place),
                fields = suggest::quote_list(&known)
            )
        };
        let (message, label) = if unknown.opens_block {
            (
                t!(
                    "unknown kind of block `{word}` in {owner}",
                    word = word,
                    owner = owner
                ),
                t!("unknown kind of block"),
            )
        } else {
            (
                t!(
                    "unknown field `{word}` in {owner}",
                    word = word,
                    owner = owner
                ),
                t!("unknown field"),
            )
        };
        let finding = Finding::new(&UNKNOWN_NAME, unknown.word.span, message)
            .label(label)
            .help(help);
        self.report(match meant {
            Some(best) => finding.fix(unknown.word.span, best),
            None => finding,
        });
        meant.filter(|_| !unknown.opens_block)
    }

    /// The statements of a block that may be read, in order, and the keys
    /// of every field given (readable or not). Nested blocks and unknown
    /// lines are reported here.
    pub(super) fn statements<'a>(
        &mut self,
        block: &'a Block,
        place: Place,
        owner: &str,
    ) -> Given<'a> {
        let mut seen = FxHashMap::default();
        let mut accepted = Vec::new();
        let mut keys = FxHashSet::default();
        let mut misspelt = Vec::new();
        let mut blocks = Vec::new();
        for node in &block.body {
            match node {
                Node::Invalid(key) => {
                    keys.insert(key.value);
                }
                Node::Statement(statement) => {
                    keys.insert(statement.key.value);
                    if self.accept(statement, place, owner, &mut seen) {
                        accepted.push(statement);
                    }
                }
                Node::Block(inner)
                    if fields::block(inner.head.keyword())
                        .is_some_and(|b| b.inside.contains(&place)) =>
                {
                    blocks.push(inner);
                }
                Node::Block(inner) => self.report(
                    Finding::new(
                        &SYNTAX,
                        inner.head_span,
                        t!(
                            "a `{keyword}` block inside {owner}",
                            keyword = inner.head.keyword(),
                            owner = owner
                        ),
                    )
                    .label(t!("blocks do not nest here"))
                    .help(t!(
                        "close {owner} with `}}` first; `{keyword}` blocks stand directly inside the campaign",
                        owner = owner,
                        keyword = inner.head.keyword()
                    )),
                ),
                Node::Unknown(unknown) => {
                    if let Some(meant) = self.unknown(unknown, place, owner) {
                        misspelt.push(meant);
                    }
                }
            }
        }
        // A misspelt field was given, only not readably: its E002 says
        // so, and "missing" (E006) would say it twice.
        keys.extend(misspelt);
        Given {
            statements: accepted,
            keys,
            blocks,
        }
    }
}
