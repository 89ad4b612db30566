//! A `roster` block's own fields: checked once here, at the roster, as a
//! creator's of its role would be (`src/roster/` has already put a creator
//! block for each row into the campaign, with the valid ones as defaults).

use rustc_hash::FxHashMap;

use super::place::place_of;
use super::Resolver;
use crate::diagnostic::codes::UNKNOWN_NAME;
use crate::diagnostic::Finding;
use crate::model::Role;
use crate::syntax::ast::{Block, Node, Text};
use crate::syntax::fields::Key;
use crate::t;

impl Resolver<'_> {
    pub(super) fn roster(&mut self, block: &Block, path: &Text, role: Role) {
        let owner = t!("the roster \"{path}\"", path = path.value);
        let place = place_of(role);
        let mut seen = FxHashMap::default();
        let mut sheet = None;
        for node in &block.body {
            match node {
                Node::Statement(statement) if statement.key() == Key::Sheet => {
                    if let Some(first) = sheet {
                        self.report(
                            Finding::new(
                                &crate::diagnostic::codes::DUPLICATE,
                                statement.span,
                                t!("`sheet` is given twice in {owner}", owner = owner),
                            )
                            .label(t!("second value"))
                            .related(first, t!("first value"))
                            .help(t!("a roster reads one sheet; keep one `sheet` line")),
                        );
                    }
                    sheet = Some(statement.span);
                }
                Node::Statement(statement) => {
                    self.accept(statement, place, &owner, &mut seen);
                }
                Node::Unknown(unknown) => {
                    self.unknown(unknown, place, &owner);
                }
                Node::Block(inner) => self.report(
                    Finding::new(
                        &UNKNOWN_NAME,
                        inner.head_span,
                        t!(
                            "a `{keyword}` block in {owner}",
                            keyword = inner.head.keyword(),
                            owner = owner
                        ),
                    )
                    .label(t!("not read in a roster"))
                    .help(t!("a roster block takes creator fields, the defaults of every row; put blocks in the campaign")),
                ),
                Node::Invalid(_) => {}
            }
        }
    }
}
