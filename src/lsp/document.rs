//! An open spec as the editor has it (which may differ from the file on
//! disk), and what checking it found, computed when first asked for after
//! each change.

use std::cell::OnceCell;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position;
use crate::check::Checked;
use crate::source::SourceFile;
use crate::syntax::ast::{Block, BlockHead, Node, Spec};

pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub file: SourceFile,
    analysis: OnceCell<Analysis>,
}

/// The pipeline's view of one version of the text.
pub struct Analysis {
    /// Findings and the resolved campaign.
    pub checked: Checked,
    /// The tree as written, for what the model does not keep: where each
    /// `serves` names a goal, where blocks end.
    pub spec: Option<Spec>,
}

impl Document {
    pub fn new(uri: Uri, version: i32, text: String) -> Self {
        Document {
            file: SourceFile::new(uri.as_str(), text),
            uri,
            version,
            analysis: OnceCell::new(),
        }
    }

    /// Applies an editor's changes, in order.
    pub fn change(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        for change in changes {
            let text = position::apply(&self.file, change);
            self.file = SourceFile::new(self.uri.as_str(), text);
        }
        self.version = version;
        self.analysis = OnceCell::new();
    }

    /// Drops the checked result, so the next question checks again (a
    /// roster it reads may have changed on disk).
    pub fn forget(&mut self) {
        self.analysis = OnceCell::new();
    }

    pub fn text(&self) -> &str {
        &self.file.text
    }

    /// The checked text, checking it now if this version has not been.
    pub fn analysis(&self) -> &Analysis {
        self.analysis.get_or_init(|| Analysis {
            checked: crate::check(
                spec_path(self.uri.as_str()),
                self.file.text.clone().into_bytes(),
            ),
            spec: crate::syntax::parse(&self.file.text).spec,
        })
    }
}

impl Analysis {
    /// The `campaign` block, if the text has one the parser could read.
    pub fn campaign_block(&self) -> Option<&Block> {
        self.spec
            .as_ref()?
            .nodes
            .iter()
            .find_map(|node| match node {
                Node::Block(block) if matches!(block.head, BlockHead::Campaign { .. }) => {
                    Some(block)
                }
                _ => None,
            })
    }
}

/// The path a document is checked under: a `file:` URI as a path on disk,
/// so its rosters are found beside it (`file:///a/my%20plan.campaign` is
/// `/a/my plan.campaign`); any other URI as it is.
pub(crate) fn spec_path(uri: &str) -> String {
    let Some(path) = uri.strip_prefix("file://") else {
        return uri.to_string();
    };
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    // A Windows drive letter comes as `/C:/...`.
    let path = String::from_utf8_lossy(&decoded).into_owned();
    match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => path[1..].to_string(),
        _ => path,
    }
}
