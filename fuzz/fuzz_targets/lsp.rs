//! The language server driven in memory: an editor opens the fuzz input as
//! a document, then sends whatever JSON-RPC messages follow it (one a line
//! after a line holding `---`), then shuts down. No panic, and the server
//! always reaches `exit`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;

const URI: &str = "file:///fuzz.campaign";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (document, messages) = text.split_once("\n---\n").unwrap_or((text, ""));
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || redbrief::lsp::serve(&server));
    let request = |id: i32, method: &str, params: serde_json::Value| {
        Message::Request(Request::new(RequestId::from(id), method.to_string(), params))
    };
    let notify = |method: &str, params: serde_json::Value| {
        Message::Notification(Notification::new(method.to_string(), params))
    };
    let send = |message: Message| {
        let _ = client.sender.send(message);
    };
    send(request(1, "initialize", json!({ "capabilities": {} })));
    send(notify("initialized", json!({})));
    send(notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "campaign", "version": 1, "text": document } }),
    ));
    // Every feature at a few positions the input picks.
    let at = |n: usize| json!({ "line": (n % 64), "character": (n * 7) % 80 });
    for (i, method) in [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
        "textDocument/codeAction",
    ]
    .iter()
    .enumerate()
    {
        let n = data.get(i).copied().unwrap_or(0) as usize;
        let params = if *method == "textDocument/codeAction" {
            json!({ "textDocument": { "uri": URI }, "range": { "start": at(n), "end": at(n + 3) }, "context": { "diagnostics": [] } })
        } else {
            json!({ "textDocument": { "uri": URI }, "position": at(n) })
        };
        send(request(10 + i as i32, method, params));
    }
    send(request(20, "textDocument/formatting", json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } })));
    send(request(21, "textDocument/documentSymbol", json!({ "textDocument": { "uri": URI } })));
    for line in messages.lines() {
        if let Ok(message) = serde_json::from_str::<Message>(line) {
            send(message);
        }
    }
    send(request(99, "shutdown", serde_json::Value::Null));
    send(notify("exit", serde_json::Value::Null));
    drop(client.sender);
    // Drain what the server said so it never blocks on a full channel.
    while client.receiver.recv().is_ok() {}
    let _ = thread.join();
});
