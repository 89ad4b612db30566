//! `redbrief preview`, used as a strategist would: started on a copy of an
//! example with `--port 0`, its printed address read, pages fetched over
//! loopback with a few lines of HTTP on a `TcpStream`, the spec edited on
//! disk (as editors save: a new file renamed over the old) and the served
//! pages watched until they change. Every wait is bounded; the server is
//! stopped with Ctrl-C (SIGINT) at the end, or killed if a test fails first.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{repo_path, Test};

const GLOW: &str = "examples/glow-serum-my.campaign";

/// How long anything may take: starting, a rebuild, an answer.
const PATIENCE: Duration = Duration::from_secs(20);

/// A running `redbrief preview` in a scratch folder.
struct Preview {
    child: Child,
    address: SocketAddr,
    dir: tempfile::TempDir,
    stderr: Arc<Mutex<String>>,
}

/// What the server answered.
#[derive(Debug)]
struct Page {
    status: u16,
    head: String,
    body: String,
}

impl Preview {
    /// Copies the example to `launch.campaign` and previews it; `extra`
    /// arguments follow (`--templates t`).
    fn start(extra: &[&str], setup: impl FnOnce(&Path)) -> Preview {
        let dir = tempfile::tempdir().expect("a scratch folder");
        std::fs::copy(repo_path(GLOW), dir.path().join("launch.campaign")).expect("a copy");
        setup(dir.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_redbrief"))
            .args(["preview", "launch.campaign", "--port", "0"])
            .args(extra)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("redbrief preview starts");

        // Both pipes are read on threads, so neither can fill and block
        // the server, and the first line is awaited with a deadline.
        let stdout = child.stdout.take().expect("stdout");
        let (lines, first) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let errors = child.stderr.take().expect("stderr");
        let into = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(errors).lines().map_while(Result::ok) {
                let mut text = into.lock().unwrap_or_else(|e| e.into_inner());
                text.push_str(&line);
                text.push('\n');
            }
        });

        let line = match first.recv_timeout(PATIENCE) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "preview printed no address within {PATIENCE:?}; stderr:\n{}",
                    stderr.lock().unwrap_or_else(|e| e.into_inner())
                );
            }
        };
        let url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let address: SocketAddr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .expect("host:port");
        assert_ne!(address.port(), 0);
        Preview {
            child,
            address,
            dir,
            stderr,
        }
    }

    fn spec(&self) -> PathBuf {
        self.dir.path().join("launch.campaign")
    }

    fn read_spec(&self) -> String {
        std::fs::read_to_string(self.spec()).expect("the spec")
    }

    /// Saves the spec as editors do: a new file, renamed over the old.
    fn save_spec(&self, text: &str) {
        let temporary = self.dir.path().join(".launch.campaign.swp");
        std::fs::write(&temporary, text).expect("written");
        std::fs::rename(&temporary, self.spec()).expect("renamed");
    }

    fn get(&self, path: &str) -> Page {
        self.request(path, &format!("127.0.0.1:{}", self.address.port()))
    }

    /// One GET with a given Host header; the path is sent as it is.
    fn request(&self, path: &str, host: &str) -> Page {
        let mut stream =
            TcpStream::connect_timeout(&self.address, PATIENCE).expect("the server accepts");
        stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
        stream.set_write_timeout(Some(PATIENCE)).expect("a timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .expect("sent");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("an answer");
        parse(&raw)
    }

    /// Fetches `path` until `wanted` holds, for at most `PATIENCE`.
    fn wait_for(&self, path: &str, what: &str, wanted: impl Fn(&Page) -> bool) -> Page {
        let start = Instant::now();
        loop {
            let page = self.get(path);
            if wanted(&page) {
                return page;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{path} did not show {what} within {PATIENCE:?}; it shows:\n{}\nstderr:\n{}",
                page.body,
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Ctrl-C, then the exit status, within `PATIENCE`.
    #[cfg(unix)]
    fn interrupt(mut self) -> (i32, String) {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("a status") {
                // The stderr thread may still be reading the last line.
                std::thread::sleep(Duration::from_millis(100));
                return (status.code().unwrap_or(-1), self.stderr());
            }
            assert!(start.elapsed() < PATIENCE, "preview did not stop on Ctrl-C");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Status, head and body of an HTTP/1.1 answer, chunked or not.
fn parse(raw: &[u8]) -> Page {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head and a body");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status code");
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = unchunk(&body);
    }
    Page {
        status,
        head,
        body: String::from_utf8(body).expect("UTF-8"),
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size");
        let size = std::str::from_utf8(&data[..line_end]).expect("ASCII");
        let size = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16)
            .expect("a hex size");
        data = &data[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// Every creator of the example, with their role, as the library reads it.
fn creators() -> Vec<(String, &'static str)> {
    let text = std::fs::read(repo_path(GLOW)).expect("the example");
    let checked = redbrief::check(GLOW, text);
    let campaign = checked.campaign.expect("the example resolves");
    campaign
        .creators
        .iter()
        .map(|c| (c.handle.value.clone(), c.role.keyword()))
        .collect()
}

#[test]
fn the_index_lists_every_creator_and_each_brief_is_served() {
    let preview = Preview::start(&[], |_| {});
    let index = preview.get("/");
    assert_eq!(index.status, 200, "{}", index.body);
    assert!(
        index.head.contains("text/html; charset=utf-8"),
        "{}",
        index.head
    );
    assert!(index.body.contains("Glow Serum MY Launch"));
    assert!(index.body.contains("up to date"));
    assert!(index.body.contains("new EventSource('/events')"));
    let creators = creators();
    assert!(creators.len() >= 4, "{creators:?}");
    for language in ["en", "zh"] {
        let overview = preview.get(&format!("/briefs/{language}/overview.html"));
        assert_eq!(overview.status, 200);
        for (handle, role) in &creators {
            let name = handle.trim_start_matches('@');
            let path = format!("{language}/{role}/{name}.html");
            // In the sidebar, once per language, linking to the brief.
            assert!(
                index.body.contains(&format!(">{handle}</a>")),
                "{handle} is not in the index"
            );
            assert!(
                index
                    .body
                    .contains(&format!("data-page=\"{}\"", path.replace('/', "&#x2f;"))),
                "{path} is not linked from the index"
            );
            let brief = preview.get(&format!("/briefs/{path}"));
            assert_eq!(brief.status, 200, "{path}");
            assert!(
                brief.body.contains(handle.as_str()),
                "{path} names {handle}"
            );
        }
    }
    // Per language: each brief, the overview and an order text for each
    // paid creator (@weiling.notes is gifted).
    let pages = 2 * (creators.len() + 1 + creators.len() - 1);
    assert!(
        preview
            .stderr()
            .contains(&format!("rendered: {pages} pages")),
        "{}",
        preview.stderr()
    );
}

#[test]
fn an_edit_is_served_then_errors_are_shown_over_the_last_good_briefs() {
    let preview = Preview::start(&[], |_| {});
    let original = preview.read_spec();

    // An open page learns of each new version on /events.
    let mut events = EventStream::open(&preview);
    let first = events.next_version();

    preview.save_spec(&original.replace("Glow Serum MY Launch", "Glow Serum MY Relaunch"));
    preview.wait_for("/briefs/en/overview.html", "the new name", |page| {
        page.body.contains("Glow Serum MY Relaunch")
    });
    let second = events.next_version();
    assert_ne!(first, second);

    // A broken spec: the errors, escaped, over the briefs of the last good
    // version, which say so themselves too.
    let broken = original.replacen(
        "    followers  320k\n",
        "    folowers  320k\n    <script>alert(1)</script>\n",
        1,
    );
    assert_ne!(broken, original, "the example has the line to break");
    preview.save_spec(&broken);
    let index = preview.wait_for("/", "the errors", |page| page.body.contains("has 2 errors"));
    assert!(
        index.body.contains("unknown field `folowers`"),
        "{}",
        index.body
    );
    assert!(
        index.body.contains("&lt;script&gt;alert(1)"),
        "{}",
        index.body
    );
    assert!(!index.body.contains("<script>alert"), "{}", index.body);
    assert!(index.body.contains("from the last good version"));
    assert!(index.body.contains("E002"));
    let stale = preview.get("/briefs/en/overview.html");
    assert_eq!(stale.status, 200);
    assert!(stale.body.contains("Last good version"), "{}", stale.body);
    assert!(stale.body.contains("Glow Serum MY Relaunch"));
    assert_ne!(events.next_version(), second);

    // Fixed again: no errors, no notice.
    preview.save_spec(&original);
    let index = preview.wait_for("/", "no errors", |page| page.body.contains("up to date"));
    assert!(!index.body.contains("last good version"));
    let fresh = preview.get("/briefs/en/overview.html");
    assert!(!fresh.body.contains("Last good version"));
    assert!(fresh.body.contains("Glow Serum MY Launch"));
    drop(events);

    #[cfg(unix)]
    {
        let (status, stderr) = preview.interrupt();
        assert_eq!(status, 0, "{stderr}");
        assert!(stderr.trim_end().ends_with("stopped"), "{stderr}");
    }
}

#[test]
fn a_spec_broken_from_the_start_shows_only_its_errors() {
    let preview = Preview::start(&[], |dir| {
        let spec = dir.join("launch.campaign");
        let text = std::fs::read_to_string(&spec).expect("the copy");
        let text = text.replacen("  budget ", "  budgit ", 1);
        std::fs::write(&spec, text).expect("broken");
    });
    let index = preview.get("/");
    assert_eq!(index.status, 200);
    assert!(
        index.body.contains("unknown field `budgit`"),
        "{}",
        index.body
    );
    assert!(index.body.contains("No briefs yet"), "{}", index.body);
    assert!(!index.body.contains("<iframe"), "no stale or blank frame");
    assert_eq!(preview.get("/briefs/en/overview.html").status, 404);
}

#[test]
fn a_changed_override_template_renders_again() {
    let preview = Preview::start(&["--templates", "mine"], |dir| {
        std::fs::create_dir_all(dir.join("mine/en")).expect("a folder");
    });
    assert!(preview.get("/").body.contains("up to date"));
    std::fs::write(
        preview.dir.path().join("mine/en/overview.html.j2"),
        "{% if %}broken",
    )
    .expect("a template");
    let index = preview.wait_for("/", "the template error", |page| {
        page.body.contains("The briefs cannot be rendered")
    });
    assert!(index.body.contains("overview.html.j2"), "{}", index.body);
    std::fs::remove_file(preview.dir.path().join("mine/en/overview.html.j2")).expect("removed");
    preview.wait_for("/", "the briefs again", |page| {
        page.body.contains("up to date")
    });
}

#[test]
fn a_spec_moved_away_is_said_and_comes_back() {
    let preview = Preview::start(&[], |_| {});
    let text = preview.read_spec();
    std::fs::remove_file(preview.spec()).expect("removed");
    let index = preview.wait_for("/", "the missing spec", |page| {
        page.body.contains("The spec cannot be read")
    });
    assert!(
        index
            .body
            .contains("cannot read `launch.campaign`: no such file"),
        "{}",
        index.body
    );
    assert!(index.body.contains("not checked"), "{}", index.body);
    let stale = preview.get("/briefs/en/overview.html");
    assert!(stale.body.contains("cannot be read"), "{}", stale.body);
    preview.save_spec(&text);
    preview.wait_for("/", "the spec again", |page| {
        page.body.contains("up to date")
    });
}

#[test]
fn only_pages_of_the_rendered_set_are_served() {
    let preview = Preview::start(&[], |dir| {
        std::fs::write(dir.join("secret.txt"), "not for the browser").expect("a file");
    });
    for path in [
        "/briefs/../launch.campaign",
        "/briefs/../secret.txt",
        "/briefs/%2e%2e/secret.txt",
        "/briefs/en/../en/overview.html",
        "/briefs/en/%2e%2e/%2e%2e/secret.txt",
        "/briefs//etc/passwd",
        "/../secret.txt",
        "/secret.txt",
        "/launch.campaign",
        "/briefs/",
        "/briefs/en",
        "/briefs/%zz",
    ] {
        let page = preview.get(path);
        assert_eq!(page.status, 404, "{path}");
        assert!(!page.body.contains("not for the browser"), "{path}");
        assert!(!page.body.contains("campaign \""), "{path}");
    }
    // The 404 page quotes the path as text.
    let page = preview.get("/briefs/%3Cscript%3Ealert(1)%3C/script%3E");
    assert_eq!(page.status, 404);
    assert!(!page.body.contains("<script>"), "{}", page.body);
    // A page sent by another site's name for this machine (DNS rebinding).
    let foreign = preview.request("/", "briefs.evil.example");
    assert_eq!(foreign.status, 403);
    assert!(!foreign.body.contains("Glow Serum"));
    assert_eq!(preview.request("/", "localhost").status, 200);
}

#[test]
fn other_addresses_are_refused() {
    for host in ["0.0.0.0", "192.168.1.20", "::", "example.com"] {
        let out = Test::new()
            .repo_file(GLOW)
            .args(["preview", GLOW, "--port", "0", "--host", host])
            .run();
        assert_eq!(out.status, 2, "{host}: {}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("`{host}` is not a loopback address")),
            "{}",
            out.stderr
        );
        assert_eq!(out.stdout, "", "nothing served");
    }
}

#[test]
fn a_missing_spec_or_templates_folder_is_said_at_once() {
    let out = Test::new()
        .args(["preview", "nowhere.campaign", "--port", "0"])
        .run();
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: cannot read `nowhere.campaign`: no such file\n"
    );
    let out = Test::new()
        .repo_file(GLOW)
        .args(["preview", GLOW, "--port", "0", "--templates", "none"])
        .run();
    assert_eq!(out.status, 2);
    assert_eq!(out.stderr, "error: `none` is not a folder of templates\n");
}

#[test]
fn a_port_in_use_is_said_plainly() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("an address").port().to_string();
    let out = Test::new()
        .repo_file(GLOW)
        .args(["preview", GLOW, "--port", &port])
        .run();
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("port {port} is in use")),
        "{}",
        out.stderr
    );
}

/// `/events` read as a browser's EventSource reads it.
struct EventStream {
    versions: Receiver<String>,
}

impl EventStream {
    fn open(preview: &Preview) -> EventStream {
        let mut stream =
            TcpStream::connect_timeout(&preview.address, PATIENCE).expect("the server accepts");
        stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
        write!(
            stream,
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
            preview.address.port()
        )
        .expect("sent");
        let (sender, versions) = mpsc::channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            let mut head = true;
            for line in reader.lines().map_while(Result::ok) {
                if head {
                    if line.starts_with("HTTP/1.1") {
                        assert!(line.contains("200"), "{line}");
                    }
                    if line.to_ascii_lowercase().starts_with("content-type") {
                        assert!(line.contains("text/event-stream"), "{line}");
                    }
                    head = !line.is_empty();
                    continue;
                }
                if let Some(version) = line.strip_prefix("data: ") {
                    if sender.send(version.to_string()).is_err() {
                        break;
                    }
                }
            }
        });
        EventStream { versions }
    }

    fn next_version(&mut self) -> String {
        self.versions
            .recv_timeout(PATIENCE)
            .expect("an event within the timeout")
    }
}
