//! `redbrief preview`: the HTML briefs and overview served on this machine,
//! rendered again whenever the spec (or an override template) changes, and
//! the open page told to reload.
//!
//! The same pipeline as `render --format html`, in memory: `site` reads,
//! checks and renders the spec into a `Site` (the pages by path, the
//! sidebar's contents, the findings, or why there are no briefs and which
//! ones are from the last good version). `watch` says which files matter
//! and waits for a save to settle; a thread of its own rebuilds the site
//! and `events` tells every open page the new version (server-sent
//! events). `server` answers requests from the site in memory only, and
//! `shell` writes the preview's own pages. `address` keeps it all on
//! loopback.
//!
//! Synchronous on purpose, like `lsp`: tiny_http hands each request over on
//! one channel, a build takes milliseconds, and an open page costs one
//! thread for its event stream.

mod address;
mod events;
mod server;
mod shell;
mod site;
mod watch;

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

pub use address::{loopback, NotLoopback, DEFAULT_HOST};
pub use watch::WatchError;

use events::Hub;
use shell::Pages;
use site::{Site, Source};
use watch::WatchList;

/// The port when none is given.
pub const DEFAULT_PORT: u16 = 4880;

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub spec: PathBuf,
    /// `--templates DIR`, watched like the spec.
    pub templates: Option<PathBuf>,
    /// A loopback address (see `loopback`).
    pub host: IpAddr,
    /// 0 for any free port.
    pub port: u16,
}

/// Lines for the person running the preview (each rebuild's outcome).
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// Why the preview could not start or stopped serving.
#[derive(Debug)]
pub enum Error {
    /// The address was refused as not loopback (checked again here, so a
    /// caller cannot skip it).
    NotLoopback(NotLoopback),
    /// The port could not be had.
    Bind {
        address: SocketAddr,
        source: io::Error,
    },
    Watch(WatchError),
    /// The server stopped accepting connections.
    Serve(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotLoopback(error) => error.fmt(f),
            Error::Bind { address, source } if source.kind() == io::ErrorKind::AddrInUse => f
                .write_str(&crate::t!(
                    "port {port} is in use on {ip} (another preview?); choose one with --port, \
                     or --port 0 for any free port",
                    port = address.port(),
                    ip = address.ip()
                )),
            Error::Bind { address, source } => f.write_str(&crate::t!(
                "cannot listen on {address}: {reason}",
                address = address,
                reason = crate::fs::reason(source)
            )),
            Error::Watch(error) => error.fmt(f),
            Error::Serve(error) => f.write_str(&crate::t!(
                "the preview stopped accepting connections: {reason}",
                reason = crate::fs::reason(error)
            )),
        }
    }
}

impl std::error::Error for Error {}

/// A running preview: listening, watching, not yet answering (`serve`).
pub struct Preview {
    server: Arc<tiny_http::Server>,
    state: Arc<State>,
    address: SocketAddr,
    stopping: Arc<AtomicBool>,
    /// Watching ends when it is dropped.
    _watcher: Box<dyn notify::Watcher + Send>,
    note: Option<String>,
}

/// What the request handlers and the rebuilding thread share.
struct State {
    current: RwLock<Arc<Versioned>>,
    hub: Hub,
    pages: Pages,
    /// Numbers each page's script nonce.
    served: AtomicU64,
    nonces: RandomState,
}

/// A site and the version pages know it by: `<run>-<build>`, the run being
/// when this preview started, so a page left open across a restart
/// reloads too.
struct Versioned {
    site: Site,
    version: String,
}

impl State {
    fn site(&self) -> Arc<Versioned> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        Arc::clone(&current)
    }

    fn replace(&self, next: Versioned) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        *current = Arc::new(next);
    }

    /// A fresh, unguessable value for one page's script (its CSP nonce).
    fn nonce(&self) -> String {
        let n = self.served.fetch_add(1, Ordering::Relaxed);
        format!(
            "{:016x}{:016x}",
            self.nonces.hash_one(n),
            self.nonces.hash_one(!n)
        )
    }
}

impl Preview {
    /// Binds the address, renders the spec once, and starts watching.
    pub fn start(options: &Options, log: Log) -> Result<Preview, Error> {
        if !options.host.is_loopback() {
            return Err(Error::NotLoopback(NotLoopback {
                given: options.host.to_string(),
            }));
        }
        let wanted = SocketAddr::new(options.host, options.port);
        let bind = |source| Error::Bind {
            address: wanted,
            source,
        };
        let listener = TcpListener::bind(wanted).map_err(bind)?;
        let address = listener.local_addr().map_err(bind)?;
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|error| bind(io::Error::other(error.to_string())))?;

        let source = Source {
            spec: options.spec.clone(),
            templates: options.templates.clone(),
        };
        let run = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_millis());
        let state = Arc::new(State {
            current: RwLock::new(Arc::new(Versioned {
                site: Site::build(&source, None),
                version: format!("{run}-1"),
            })),
            hub: Hub::default(),
            pages: Pages::new(),
            served: AtomicU64::new(0),
            nonces: RandomState::new(),
        });

        // Rosters the spec reads will join the list here, as files.
        let mut list = WatchList::default();
        list.file(&source.spec).map_err(Error::Watch)?;
        if let Some(templates) = &source.templates {
            list.tree(templates).map_err(Error::Watch)?;
        }
        let (changed, changes) = mpsc::channel();
        let (watcher, note) = watch::start(&list, changed).map_err(Error::Watch)?;

        let rebuilding = Arc::clone(&state);
        std::thread::Builder::new()
            .name("preview-rebuild".to_string())
            .spawn(move || rebuild(&source, &rebuilding, &changes, run, &log))
            .map_err(|error| {
                Error::Watch(WatchError {
                    path: options.spec.clone(),
                    reason: crate::fs::reason(&error),
                })
            })?;

        Ok(Preview {
            server: Arc::new(server),
            state,
            address,
            stopping: Arc::new(AtomicBool::new(false)),
            _watcher: watcher,
            note,
        })
    }

    /// The address to open: `http://127.0.0.1:4880/`.
    pub fn url(&self) -> String {
        address::url(self.address)
    }

    /// One line about the first build.
    pub fn summary(&self) -> String {
        self.state.site().site.summary()
    }

    /// Something worth knowing about how the preview runs (polling instead
    /// of notifications), if anything.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// A handle that stops `serve` from another thread (a Ctrl-C handler).
    pub fn stopper(&self) -> Stopper {
        Stopper {
            server: Arc::clone(&self.server),
            stopping: Arc::clone(&self.stopping),
        }
    }

    /// Answers requests until stopped. Each request is answered on a
    /// thread of its own, so a slow reader holds up no one else.
    pub fn serve(self) -> Result<(), Error> {
        loop {
            match self.server.recv() {
                Ok(request) => {
                    let state = Arc::clone(&self.state);
                    // Without a thread to spare, the request is dropped,
                    // which answers 500; the next one may find one.
                    let _ = std::thread::Builder::new()
                        .name("preview-request".to_string())
                        .spawn(move || server::answer(request, &state));
                }
                Err(_) if self.stopping.load(Ordering::SeqCst) => return Ok(()),
                Err(error) => return Err(Error::Serve(error)),
            }
        }
    }
}

/// Stops a preview's `serve`.
#[derive(Clone)]
pub struct Stopper {
    server: Arc<tiny_http::Server>,
    stopping: Arc<AtomicBool>,
}

impl Stopper {
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        self.server.unblock();
    }
}

/// The rebuilding thread: after each settled change, a new site; if the
/// pages would show something else, a new version for the open pages.
fn rebuild(source: &Source, state: &State, changes: &mpsc::Receiver<()>, run: u128, log: &Log) {
    let mut build = 1u64;
    // One save can settle twice (an editor writes, then renames): the
    // terminal says a summary once until it changes.
    let mut said = state.site().site.summary();
    while watch::settle(changes) {
        let previous = state.site();
        let site = Site::build(source, Some(&previous.site));
        if site.shows_the_same_as(&previous.site) {
            continue;
        }
        build += 1;
        let version = format!("{run}-{build}");
        let summary = site.summary();
        if summary != said {
            log(&summary);
            said = summary;
        }
        state.replace(Versioned {
            site,
            version: version.clone(),
        });
        state.hub.publish(&version);
    }
}
