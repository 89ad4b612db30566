//! `redbrief lsp`: a language server on stdio, for editors.
//!
//! The same pipeline as `check` and `fmt`, run on the text the editor holds:
//! diagnostics (re-checked once typing pauses), quick fixes, hover, completion,
//! goal definitions and references, an outline, and formatting. One thread
//! answers messages in order; checking a spec takes milliseconds, so nothing
//! is worth an async runtime. The transport (`lsp-server`) reads and writes
//! Content-Length framed JSON-RPC on two threads of its own.
//!
//! Positions are UTF-16 code units, as the protocol requires (`position`).

mod actions;
mod completion;
mod cursor;
mod diagnostics;
mod document;
mod hover;
mod navigation;
mod position;

use std::collections::HashMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    Notification as NotificationKind, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    References, Request as RequestKind,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CodeActionResponse, CompletionOptions, CompletionParams, CompletionResponse,
    CompletionTriggerKind, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DocumentFormattingParams, DocumentSymbolParams,
    DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverParams,
    HoverProviderCapability, InitializeParams, InitializeResult, MessageType, OneOf,
    PositionEncodingKind, PublishDiagnosticsParams, ReferenceParams, ServerCapabilities,
    ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri,
};

use crate::format::{format, Refusal};
use document::Document;

/// How long typing must pause before a changed spec is checked again.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Why the server stopped other than by `shutdown` and `exit`.
#[derive(Debug)]
pub enum Error {
    /// The editor broke the protocol (no `initialize`, a bad frame).
    Protocol(lsp_server::ProtocolError),
    /// stdin or stdout failed.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Protocol(error) => write!(f, "{error}"),
            Error::Io(error) => write!(f, "{}", crate::fs::reason(error)),
        }
    }
}

impl std::error::Error for Error {}

impl From<lsp_server::ProtocolError> for Error {
    fn from(error: lsp_server::ProtocolError) -> Self {
        Error::Protocol(error)
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Error::Io(error)
    }
}

/// Serves one editor on stdin and stdout until it says `exit`.
pub fn run() -> Result<(), Error> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// Serves one editor on `connection`, from `initialize` to `exit`. The
/// fuzz target drives it in memory (`Connection::memory`).
pub fn serve(connection: &Connection) -> Result<(), Error> {
    let (id, params) = connection.initialize_start()?;
    // A client whose parameters do not read gets the defaults: English,
    // the repository's rule pages.
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "redbrief".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    let result = serde_json::to_value(result).unwrap_or_default();
    connection.initialize_finish(id, result)?;
    Server::new(connection, Settings::of(&params)).serve()
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".to_string(), ",".to_string()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// What the editor told us at the start.
struct Settings {
    /// The client's locale starts with `zh`: descriptions in Chinese.
    zh: bool,
    /// Where rule pages are linked from diagnostics.
    rules_url: String,
}

impl Settings {
    fn of(params: &InitializeParams) -> Self {
        // The language redbrief was told (`--lang`, REDBRIEF_LANG), else
        // the editor's display language, else the locale: findings and
        // messages follow it, as the one language of this process.
        if let (false, Some(locale)) = (crate::i18n::named(), params.locale.as_deref()) {
            let locale = locale.to_lowercase();
            crate::i18n::set(if locale.starts_with("zh") {
                crate::i18n::Lang::Zh
            } else {
                crate::i18n::Lang::En
            });
        }
        let zh = crate::i18n::current() == crate::i18n::Lang::Zh;
        let rules_url = params
            .initialization_options
            .as_ref()
            .and_then(|options| options.get("rulesUrl"))
            .and_then(|url| url.as_str())
            .unwrap_or(diagnostics::RULES_URL)
            .to_string();
        Settings { zh, rules_url }
    }
}

struct Server<'c> {
    connection: &'c Connection,
    settings: Settings,
    /// Open documents by URI (as text: a `Uri` is no good map key).
    documents: HashMap<String, Document>,
    /// Changed documents and when to check them, once typing has paused.
    due: HashMap<String, Instant>,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, settings: Settings) -> Self {
        Server {
            connection,
            settings,
            documents: HashMap::new(),
            due: HashMap::new(),
        }
    }

    fn serve(&mut self) -> Result<(), Error> {
        let connection = self.connection;
        loop {
            let next = self.due.values().min().copied();
            let message = match next {
                Some(deadline) => match connection.receiver.recv_deadline(deadline) {
                    Ok(message) => Some(message),
                    Err(error) if error.is_timeout() => None,
                    Err(_) => return Ok(()),
                },
                None => match connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                Some(Message::Request(request)) => {
                    if connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    let response = self.request(request);
                    self.send(response.into());
                }
                Some(Message::Notification(notification)) => self.notification(notification),
                Some(Message::Response(_)) | None => {}
            }
            self.publish_due(Instant::now());
        }
    }

    fn send(&self, message: Message) {
        // The writer thread is gone only when stdout is; the reader then
        // ends too, and the loop with it.
        let _ = self.connection.sender.send(message);
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                self.on::<DidOpenTextDocument>(notification, Self::opened)
            }
            DidChangeTextDocument::METHOD => {
                self.on::<DidChangeTextDocument>(notification, Self::changed)
            }
            DidCloseTextDocument::METHOD => {
                self.on::<DidCloseTextDocument>(notification, Self::closed)
            }
            // A spreadsheet a spec reads as a roster changed (the editor
            // watches `*.csv`, `*.tsv`, `*.xlsx`), or a file was saved: the
            // rosters are read again with every check, so check every open
            // spec again.
            "workspace/didChangeWatchedFiles" | "textDocument/didSave" => {
                let now = Instant::now();
                for uri in self.documents.keys() {
                    self.due.insert(uri.clone(), now);
                }
                for document in self.documents.values_mut() {
                    document.forget();
                }
                self.publish_due(now);
            }
            // `initialized`, `$/cancelRequest` (every answer is quick) and
            // the rest need nothing.
            _ => {}
        }
    }

    /// Reads a notification's parameters and handles it. A notification has
    /// no answer to carry an error, so unreadable parameters and a panic (a
    /// bug) are logged on stderr, which editors keep as the server's log.
    fn on<N: NotificationKind>(
        &mut self,
        notification: Notification,
        handler: fn(&mut Self, N::Params),
    ) {
        match serde_json::from_value::<N::Params>(notification.params) {
            Ok(params) => {
                if catch_unwind(AssertUnwindSafe(|| handler(self, params))).is_err() {
                    eprintln!(
                        "{}",
                        crate::t!(
                            "redbrief lsp: failed handling `{method}` (a bug)",
                            method = N::METHOD
                        )
                    );
                }
            }
            Err(error) => eprintln!(
                "{}",
                crate::t!(
                    "redbrief lsp: ignored `{method}`: {reason}",
                    method = N::METHOD,
                    reason = error
                )
            ),
        }
    }

    fn opened(&mut self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let uri = document.uri.as_str().to_string();
        let opened = Document::new(document.uri, document.version, document.text);
        self.documents.insert(uri.clone(), opened);
        self.publish(&uri);
    }

    fn changed(&mut self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.as_str().to_string();
        if let Some(document) = self.documents.get_mut(&uri) {
            document.change(params.text_document.version, params.content_changes);
            self.due.insert(uri, Instant::now() + DEBOUNCE);
        }
    }

    fn closed(&mut self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.documents.remove(uri.as_str());
        self.due.remove(uri.as_str());
        // Its findings leave the editor's problem list with it.
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(uri, Vec::new(), None));
    }

    fn notify<N: NotificationKind>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params).into());
    }

    /// Checks and publishes every document whose pause has passed.
    fn publish_due(&mut self, now: Instant) {
        let ready: Vec<String> = self
            .due
            .iter()
            .filter(|(_, deadline)| **deadline <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in ready {
            self.due.remove(&uri);
            if catch_unwind(AssertUnwindSafe(|| self.publish(&uri))).is_err() {
                eprintln!(
                    "{}",
                    crate::t!("redbrief lsp: failed checking {uri} (a bug)", uri = uri)
                );
            }
        }
    }

    fn publish(&self, uri: &str) {
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let uri = &document.uri;
        let analysis = document.analysis();
        let diagnostics = analysis
            .checked
            .findings
            .iter()
            .map(|finding| {
                diagnostics::diagnostic(&document.file, uri, finding, &self.settings.rules_url)
            })
            .collect();
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(
            uri.clone(),
            diagnostics,
            Some(document.version),
        ));
    }

    fn request(&mut self, request: Request) -> Response {
        match request.method.as_str() {
            HoverRequest::METHOD => self.answer::<HoverRequest>(request, Self::hover),
            Completion::METHOD => self.answer::<Completion>(request, Self::completion),
            CodeActionRequest::METHOD => {
                self.answer::<CodeActionRequest>(request, Self::code_action)
            }
            GotoDefinition::METHOD => self.answer::<GotoDefinition>(request, Self::definition),
            References::METHOD => self.answer::<References>(request, Self::references),
            DocumentSymbolRequest::METHOD => {
                self.answer::<DocumentSymbolRequest>(request, Self::symbols)
            }
            Formatting::METHOD => self.answer::<Formatting>(request, Self::formatting),
            _ => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                crate::t!(
                    "redbrief does not answer `{method}`",
                    method = request.method
                ),
            ),
        }
    }

    /// Reads a request's parameters and answers it. A panic is a bug in
    /// redbrief: the editor gets an error for this one request, and the
    /// server goes on serving.
    fn answer<R: RequestKind>(
        &mut self,
        request: Request,
        handler: fn(&mut Self, R::Params) -> Result<R::Result, String>,
    ) -> Response {
        let params = match serde_json::from_value::<R::Params>(request.params) {
            Ok(params) => params,
            Err(error) => {
                return Response::new_err(
                    request.id,
                    ErrorCode::InvalidParams as i32,
                    format!("`{}`: {error}", R::METHOD),
                )
            }
        };
        match catch_unwind(AssertUnwindSafe(|| handler(self, params))) {
            Ok(Ok(result)) => Response::new_ok(request.id, result),
            Ok(Err(message)) => {
                Response::new_err(request.id, ErrorCode::RequestFailed as i32, message)
            }
            Err(_) => Response::new_err(
                request.id,
                ErrorCode::InternalError as i32,
                crate::t!(
                    "redbrief failed answering `{method}` (a bug; please report it with the spec)",
                    method = R::METHOD
                ),
            ),
        }
    }

    fn document(&self, uri: &Uri) -> Option<&Document> {
        self.documents.get(uri.as_str())
    }

    fn hover(&mut self, params: HoverParams) -> Result<Option<Hover>, String> {
        let at = params.text_document_position_params;
        Ok(self.document(&at.text_document.uri).and_then(|document| {
            let offset = position::offset(&document.file, at.position);
            hover::hover(document, offset, self.settings.zh)
        }))
    }

    fn completion(
        &mut self,
        params: CompletionParams,
    ) -> Result<Option<CompletionResponse>, String> {
        let at = params.text_document_position;
        let typing_space = params.context.is_some_and(|context| {
            context.trigger_kind == CompletionTriggerKind::TRIGGER_CHARACTER
                && context.trigger_character.as_deref() == Some(" ")
        });
        Ok(self.document(&at.text_document.uri).map(|document| {
            let offset = position::offset(&document.file, at.position);
            let items =
                completion::complete(&document.file, offset, self.settings.zh, typing_space);
            CompletionResponse::Array(items)
        }))
    }

    fn code_action(
        &mut self,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>, String> {
        Ok(self.document(&params.text_document.uri).map(|document| {
            let span = position::span(&document.file, params.range);
            actions::code_actions(document, span, &self.settings.rules_url)
        }))
    }

    fn definition(
        &mut self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>, String> {
        let at = params.text_document_position_params;
        Ok(self.document(&at.text_document.uri).and_then(|document| {
            let offset = position::offset(&document.file, at.position);
            let found = navigation::definition(document, offset);
            (!found.is_empty()).then_some(GotoDefinitionResponse::Array(found))
        }))
    }

    fn references(
        &mut self,
        params: ReferenceParams,
    ) -> Result<Option<Vec<lsp_types::Location>>, String> {
        let at = params.text_document_position;
        Ok(self.document(&at.text_document.uri).map(|document| {
            let offset = position::offset(&document.file, at.position);
            navigation::references(document, offset, params.context.include_declaration)
        }))
    }

    fn symbols(
        &mut self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>, String> {
        Ok(self
            .document(&params.text_document.uri)
            .map(|document| DocumentSymbolResponse::Nested(navigation::symbols(document))))
    }

    /// The whole text in canonical layout, as one edit. A spec `fmt` refuses
    /// (a syntax error, an unknown field) is left alone, and the editor is
    /// told why in a message.
    fn formatting(
        &mut self,
        params: DocumentFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>, String> {
        let Some(document) = self.document(&params.text_document.uri) else {
            return Ok(None);
        };
        let text = document.text();
        match format(text) {
            Ok(formatted) if formatted == text => Ok(Some(Vec::new())),
            Ok(formatted) => {
                let end = position::position(&document.file, text.len());
                let whole = lsp_types::Range::new(lsp_types::Position::new(0, 0), end);
                Ok(Some(vec![TextEdit::new(whole, formatted)]))
            }
            Err(Refusal::Findings(findings)) => {
                let count = findings.len().max(1);
                // The first problem, as a clause after the sentence.
                let first = findings.first().map_or(String::new(), |finding| {
                    let line = document.file.position(finding.span.start).line;
                    crate::t!(
                        ": line {line}: {message}",
                        line = line,
                        message = finding.message
                    )
                });
                let message = match count {
                    1 => crate::t!(
                        "redbrief did not format this spec: fix the 1 problem that stop it being read first{first}",
                        first = first
                    ),
                    n => crate::t!(
                        "redbrief did not format this spec: fix the {n} problems that stop it being read first{first}",
                        n = n,
                        first = first
                    ),
                };
                self.notify::<ShowMessage>(ShowMessageParams {
                    typ: MessageType::WARNING,
                    message,
                });
                Ok(None)
            }
            Err(Refusal::Unsafe(what)) => Err(crate::t!(
                "redbrief left the spec as it was: {what} (a bug in redbrief; please report it with the spec)",
                what = what
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    /// Every feature, at every character of every example and malformed
    /// fixture, answers without panicking.
    #[test]
    fn every_position_of_every_spec_is_answered() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut specs = Vec::new();
        for folder in ["examples", "tests/fixtures/malformed"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.path().extension().is_some_and(|e| e == "campaign") {
                    specs.push(entry.path());
                }
            }
        }
        assert!(specs.len() > 10, "{specs:?}");
        let uri = Uri::from_str("file:///t.campaign").expect("a URI");
        for path in specs {
            let bytes = std::fs::read(&path).expect("a spec");
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let document = Document::new(uri.clone(), 1, text);
            navigation::symbols(&document);
            let whole = crate::source::Span::new(0, document.text().len());
            actions::code_actions(&document, whole, diagnostics::RULES_URL);
            for (offset, _) in document.text().char_indices() {
                hover::hover(&document, offset, offset % 2 == 0);
                completion::complete(&document.file, offset, false, false);
                navigation::definition(&document, offset);
                navigation::references(&document, offset, true);
            }
        }
    }
}
