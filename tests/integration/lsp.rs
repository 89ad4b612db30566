//! `redbrief lsp`, driven as an editor drives it: the real binary spawned,
//! Content-Length framed JSON-RPC on its stdin and stdout.
//!
//! Positions are UTF-16 code units. The spec below has a Chinese handle and
//! an emoji on the line of its one error, so a server counting bytes (62)
//! or characters (33) instead of UTF-16 units (34) puts the error elsewhere.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

const URI: &str = "file:///campaigns/launch.campaign";

const SPEC: &str = r#"campaign "舒缓修护霜 双十二种草" {
  window    2026-11-15 to 2026-12-31
  budget    8万 CNY
  languages zh
  brand "小鹿护肤" {
    category skincare
    market   CN
  }

  product "舒缓修护霜 50g" {
    price 159 CNY
  }

  goal seeding {
    stage discovery
    kpi   reach >= 150万
  }

  goal word-of-mouth {
    stage validation
    kpi   saves >= 6k
  }

  kol @林一一的梳妆台 {
    followers 86万
    niche     beauty
    serves    seeding
    deliver   video x1 on 2026-12-02
    fee       1.4万 CNY
  }

  koc @小雨护肤日记 {
    followers 4200
    niche  skincare
    serves    word-of-mouth
    trial     14d
    deliver   image x2 from 2026-12-09 to 2026-12-16
    prompts   "@小雨护肤日记 🌸 上脸会刺痛吗？"，"和之前的面霜比怎么样？"
  }
}
"#;

/// The 0-based line of the first line of `SPEC` containing `text`, and the
/// UTF-16 column where `text` starts on it.
fn at(text: &str) -> (u64, u64) {
    at_in(SPEC, text)
}

fn at_in(spec: &str, text: &str) -> (u64, u64) {
    for (line, content) in spec.lines().enumerate() {
        if let Some(byte) = content.find(text) {
            let units = content[..byte].encode_utf16().count();
            return (line as u64, units as u64);
        }
    }
    panic!("{text:?} is not in the spec");
}

fn position((line, character): (u64, u64)) -> Value {
    json!({ "line": line, "character": character })
}

/// An editor's end of the pipe.
struct Editor {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications that arrived while waiting for something else.
    pending: VecDeque<Value>,
    next_id: u64,
}

impl Editor {
    /// Starts `redbrief lsp` and initializes it with a locale.
    fn start(locale: &str) -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_redbrief"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("redbrief lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut editor = Editor {
            child,
            stdin,
            incoming,
            pending: VecDeque::new(),
            next_id: 1,
        };
        let result = editor.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "locale": locale,
                "capabilities": {},
                "initializationOptions": { "rulesUrl": "https://example.test/rules/" },
            }),
        );
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        assert_eq!(result["serverInfo"]["name"], "redbrief");
        editor.notify("initialized", json!({}));
        editor
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn next(&mut self) -> Value {
        self.incoming
            .recv_timeout(Duration::from_secs(20))
            .expect("the server answers within 20 seconds")
    }

    /// Sends a request and waits for its response; returns the result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.next();
            if message["id"] == json!(id) && message.get("method").is_none() {
                return message;
            }
            self.pending.push_back(message);
        }
    }

    /// The next notification of `method`, skipping others.
    fn notification(&mut self, method: &str) -> Value {
        if let Some(index) = self.pending.iter().position(|m| m["method"] == method) {
            return self
                .pending
                .remove(index)
                .map(|m| m["params"].clone())
                .unwrap_or_default();
        }
        loop {
            let message = self.next();
            if message["method"] == method {
                return message["params"].clone();
            }
            self.pending.push_back(message);
        }
    }

    fn open(&mut self, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": URI, "languageId": "campaign", "version": 1, "text": text,
            }}),
        );
        self.diagnostics(1)
    }

    /// The diagnostics published for `version`.
    fn diagnostics(&mut self, version: i64) -> Vec<Value> {
        loop {
            let published = self.notification("textDocument/publishDiagnostics");
            assert_eq!(published["uri"], URI);
            if published["version"] == json!(version) {
                return published["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    /// Applies an edit the server proposed, as the editor would: a change
    /// notification with the edit's range and text.
    fn apply(&mut self, version: i64, edits: &Value) {
        let changes: Vec<Value> = edits
            .as_array()
            .expect("a list of edits")
            .iter()
            .map(|edit| json!({ "range": edit["range"], "text": edit["newText"] }))
            .collect();
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": version },
                "contentChanges": changes,
            }),
        );
    }

    fn at(&mut self, method: &str, at: (u64, u64)) -> Value {
        self.request(
            method,
            json!({ "textDocument": { "uri": URI }, "position": position(at) }),
        )
    }

    fn hover(&mut self, at: (u64, u64)) -> String {
        let hover = self.at("textDocument/hover", at);
        hover["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// `shutdown`, `exit`, and the exit status.
    fn stop(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin);
        let status = self.child.wait().expect("the server exits");
        status.code().unwrap_or(-1)
    }
}

/// One `Content-Length` framed message, or `None` at the end of output.
fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some(value) = header.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

#[test]
fn an_editor_session_from_open_to_exit() {
    let mut editor = Editor::start("en-US");

    // The error: the full-width comma after the first prompt.
    let diagnostics = editor.open(SPEC);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let comma = &diagnostics[0];
    let (line, character) = at("，");
    assert_eq!((line, character), (37, 34), "a UTF-16 column, not 33 or 62");
    assert_eq!(
        comma["range"],
        json!({ "start": position((37, 34)), "end": position((37, 35)) })
    );
    assert_eq!(comma["code"], "E001");
    assert_eq!(comma["severity"], 1);
    assert_eq!(comma["source"], "redbrief");
    assert_eq!(
        comma["codeDescription"]["href"],
        "https://example.test/rules/E001.md"
    );
    assert_eq!(
        comma["message"],
        "a full-width comma `，`: lists use an ASCII comma `,`\nhelp: replace `，` with `,`"
    );

    // Formatting is refused while the spec has a syntax error, with a word
    // to the user.
    let refused = editor.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(refused, Value::Null);
    let message = editor.notification("window/showMessage");
    assert_eq!(message["type"], 2, "a warning");
    let words = message["message"].as_str().unwrap_or("");
    assert!(words.contains("did not format"), "{words}");
    assert!(words.contains("line 38"), "{words}");

    // The quick fix replaces exactly the comma.
    let actions = editor.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": comma["range"],
            "context": { "diagnostics": [comma] },
        }),
    );
    let fix = &actions[0];
    assert_eq!(fix["title"], "Replace `，` with `,`");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "E001");
    let edits = &fix["edit"]["changes"][URI];
    assert_eq!(edits, &json!([{ "range": comma["range"], "newText": "," }]));
    editor.apply(2, edits);

    // Fixed: the strategy rules run, and one warning remains.
    let diagnostics = editor.diagnostics(2);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["RS006"], "{diagnostics:#?}");
    let thin = &diagnostics[0];
    assert_eq!(thin["severity"], 2);
    assert_eq!(thin["range"]["start"], position(at("goal word-of-mouth")));

    // A warning can be accepted with an `allow` line.
    let actions = editor.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": thin["range"],
            "context": { "diagnostics": [thin] },
        }),
    );
    let allow = actions
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|a| a["title"] == "Allow RS006 (thin-trust) in this campaign")
        })
        .unwrap_or_else(|| panic!("an allow action in {actions:#}"));
    let edits = &allow["edit"]["changes"][URI];
    let last = SPEC.lines().count() as u64 - 1;
    assert_eq!(
        edits,
        &json!([{
            "range": { "start": position((last, 0)), "end": position((last, 0)) },
            "newText": "\n  allow thin-trust \"TODO: why this is accepted\"\n",
        }])
    );
    editor.apply(3, edits);
    assert_eq!(editor.diagnostics(3), Vec::<Value>::new());
    let text = SPEC.replace('，', ",").replace(
        "  }\n}\n",
        "  }\n\n  allow thin-trust \"TODO: why this is accepted\"\n}\n",
    );

    // Hover: a field (from the field table), a goal, a creator, a rule.
    let field = editor.hover(at("followers 4200"));
    assert!(field.contains("the account's follower count"), "{field}");
    let (line, column) = at("serves    word-of-mouth");
    let goal = editor.hover((line, column + 12));
    assert!(
        goal.contains("**goal `word-of-mouth`** · stage `validation`"),
        "{goal}"
    );
    assert!(goal.contains("- `saves >= 6k`"), "{goal}");
    assert!(goal.contains("Served by @小雨护肤日记 (KOC)"), "{goal}");
    let (line, column) = at("koc @小雨护肤日记");
    let creator = editor.hover((line, column + 6));
    assert!(
        creator.contains("**KOC @小雨护肤日记** · 4200 followers"),
        "{creator}"
    );
    assert!(
        creator.contains("- image ×2 from 2026-12-09 to 2026-12-16"),
        "{creator}"
    );
    assert!(creator.contains("trial 14 days"), "{creator}");
    let (line, column) = at_in(&text, "thin-trust");
    let rule = editor.hover((line, column + 2));
    assert!(rule.starts_with("# RS006 thin-trust"), "{rule}");

    // Completion at the start of a line in a `koc` block: KOC fields, and
    // never `visual`.
    let items = editor.at("textDocument/completion", at("deliver   image"));
    let labels: Vec<&str> = items
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    for field in ["trial", "prompts", "followup", "fee", "angle"] {
        assert!(labels.contains(&field), "{field} in {labels:?}");
    }
    assert!(!labels.contains(&"visual"), "{labels:?}");
    // After `serves`, the goals.
    let (line, column) = at("serves    seeding");
    let items = editor.at("textDocument/completion", (line, column + 10));
    let goals: Vec<&str> = items
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(goals, ["seeding", "word-of-mouth"]);

    // Go to the goal a creator serves, and find who serves it.
    let (line, column) = at("serves    word-of-mouth");
    let served = (line, column + 14);
    let definition = editor.at("textDocument/definition", served);
    let (goal_line, goal_column) = at("word-of-mouth {");
    assert_eq!(
        definition,
        json!([{ "uri": URI, "range": {
            "start": position((goal_line, goal_column)),
            "end": position((goal_line, goal_column + 13)),
        }}])
    );
    let references = editor.request(
        "textDocument/references",
        json!({
            "textDocument": { "uri": URI },
            "position": position(served),
            "context": { "includeDeclaration": true },
        }),
    );
    assert_eq!(
        references.as_array().map(Vec::len),
        Some(2),
        "{references:#}"
    );

    // The outline: the campaign, its goals and its creators by role.
    let symbols = editor.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    let campaign = &symbols[0];
    assert_eq!(campaign["name"], "舒缓修护霜 双十二种草");
    let children: Vec<String> = campaign["children"]
        .as_array()
        .map(|c| {
            c.iter()
                .map(|s| {
                    format!(
                        "{} ({})",
                        s["name"].as_str().unwrap_or(""),
                        s["detail"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        children,
        [
            "小鹿护肤 (brand)",
            "舒缓修护霜 50g (product)",
            "seeding (discovery)",
            "word-of-mouth (validation)",
            "KOLs (1 creator)",
            "KOCs (1 creator)",
        ]
    );

    // Formatting, now that the spec reads: one edit, the same text `fmt`
    // writes.
    let edits = editor.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let formatted = redbrief::format::format(&text).expect("the fixed spec formats");
    assert_ne!(formatted, text, "the spec had lines to align");
    assert_eq!(edits[0]["newText"], formatted);
    assert_eq!(edits[0]["range"]["start"], position((0, 0)));

    assert_eq!(editor.stop(), 0);
}

#[test]
fn descriptions_follow_a_chinese_locale() {
    let mut editor = Editor::start("zh-CN");
    editor.open(SPEC);
    let field = editor.hover(at("followers 4200"));
    assert!(field.contains("粉丝数"), "{field}");
    let items = editor.at("textDocument/completion", at("deliver   image"));
    let trial = items
        .as_array()
        .and_then(|items| items.iter().find(|i| i["label"] == "trial"))
        .map(|i| i["documentation"]["value"].clone());
    assert_eq!(trial, Some(json!("仅 KOC：发布前的试用时长")));
    assert_eq!(editor.stop(), 0);
}

#[test]
fn a_burst_of_typing_is_checked_once_it_pauses() {
    let mut editor = Editor::start("en");
    editor.open(SPEC);
    let (line, character) = at("，");
    let range =
        json!({ "start": position((line, character)), "end": position((line, character + 1)) });
    // Two changes in a row, well within the pause: the first is never
    // published on its own.
    editor.apply(2, &json!([{ "range": range, "newText": "," }]));
    let range =
        json!({ "start": position((line, character)), "end": position((line, character + 1)) });
    editor.apply(3, &json!([{ "range": range, "newText": "，" }]));
    let published = editor.notification("textDocument/publishDiagnostics");
    assert_eq!(published["version"], 3);
    assert_eq!(published["diagnostics"][0]["code"], "E001");
    assert_eq!(editor.stop(), 0);
}

#[test]
fn an_unknown_request_is_an_error_not_the_end() {
    let mut editor = Editor::start("en");
    let response = editor.request_raw("workspace/symbol", json!({ "query": "x" }));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    editor.open(SPEC);
    assert_eq!(editor.stop(), 0);
}

/// Every exact fix, applied to the malformed fixtures, removes the finding
/// it was made for.
#[test]
fn every_fix_removes_its_finding() {
    let mut fixed = 0;
    for path in crate::common::repo_files("tests/fixtures/malformed", "campaign") {
        let bytes = std::fs::read(crate::common::repo_path(&path)).expect("a fixture");
        let checked = redbrief::check(path.as_str(), bytes);
        let text = &checked.file.text;
        let count = |findings: &[redbrief::diagnostic::Finding], code: &str, message: &str| {
            findings
                .iter()
                .filter(|f| f.code() == code && f.message == message)
                .count()
        };
        for finding in &checked.findings {
            let Some(fix) = &finding.fix else { continue };
            let mut after = text.clone();
            after.replace_range(fix.span.range(), &fix.replacement);
            let again = redbrief::check(path.as_str(), after.into_bytes());
            assert!(
                count(&again.findings, finding.code(), &finding.message)
                    < count(&checked.findings, finding.code(), &finding.message),
                "{path}: replacing {:?} with {:?} left `{}`",
                checked.file.slice(fix.span),
                fix.replacement,
                finding.message
            );
            fixed += 1;
        }
    }
    assert!(fixed >= 10, "only {fixed} fixes in the fixtures");
}

/// The VS Code grammar names every block keyword of the field table (fields
/// need no list there: any word starting a line is taken for one).
#[test]
fn the_vscode_grammar_knows_every_block() {
    let path = crate::common::repo_path("editors/vscode/syntaxes/campaign.tmLanguage.json");
    let text = std::fs::read_to_string(path).expect("the grammar");
    let grammar: Value = serde_json::from_str(&text).expect("the grammar is JSON");
    let heads: Vec<&str> = grammar["repository"]["block-head"]["patterns"]
        .as_array()
        .map(|patterns| {
            patterns
                .iter()
                .filter_map(|p| p["match"].as_str())
                .collect()
        })
        .unwrap_or_default();
    for block in redbrief::syntax::fields::BLOCKS {
        let named = heads.iter().any(|pattern| {
            pattern
                .split(|c: char| !c.is_ascii_lowercase())
                .any(|word| word == block.keyword)
        });
        assert!(
            named,
            "`{}` is not in the grammar's block heads",
            block.keyword
        );
    }
}

/// A spec that reads a roster is checked with its spreadsheet found beside
/// it (the `file:` URI as a path, `%20` and all), and checked again when the
/// editor says a watched spreadsheet changed.
#[test]
fn a_roster_is_read_beside_the_spec_and_again_when_it_changes() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let folder = dir.path().join("my plans");
    std::fs::create_dir_all(&folder).expect("a folder");
    let spec = std::fs::read_to_string(crate::common::repo_path(
        "examples/rosters/seeding-wave-cn.campaign",
    ))
    .expect("the example");
    let csv = std::fs::read_to_string(crate::common::repo_path(
        "examples/rosters/pugongying-kocs.csv",
    ))
    .expect("its roster");
    std::fs::write(folder.join("pugongying-kocs.csv"), &csv).expect("the roster");
    let uri = format!(
        "file://{}/seeding.campaign",
        folder.display().to_string().replace(' ', "%20")
    );
    let mut editor = Editor::start("en");
    editor.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "campaign", "version": 1, "text": spec,
        }}),
    );
    let published = editor.notification("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"], json!([]), "{published:#}");

    // The strategist breaks a follower count in the spreadsheet.
    let broken = csv.replacen(",95300000,1800,", ",95300000,lots,", 1);
    assert_ne!(broken, csv);
    std::fs::write(folder.join("pugongying-kocs.csv"), broken).expect("the roster");
    editor.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("{}/pugongying-kocs.csv", uri.rsplit_once('/').map_or("", |(d, _)| d)), "type": 2 }] }),
    );
    let published = editor.notification("textDocument/publishDiagnostics");
    let messages: Vec<String> = published["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("pugongying-kocs.csv")),
        "{messages:#?}"
    );
    assert_eq!(editor.stop(), 0);
}
