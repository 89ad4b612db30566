//! `/events`: server-sent events that tell open pages a new version is
//! ready. Each event carries the version (`<run>-<build>`); a page that
//! shows another version reloads. The first event goes out as soon as a
//! page connects, so a change made between loading the page and connecting
//! is not missed.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// A comment line this often keeps proxies from closing a quiet stream, and
/// finds out when a page has gone (the write fails), ending its thread.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// At most this many pages listen at once; one more is told to come back
/// (503), so a runaway tab cannot use up threads.
pub const MOST_LISTENERS: usize = 64;

/// What browsers wait before reconnecting after the stream ends.
const RETRY_MS: u32 = 1000;

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    listeners: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// A new listener, or `None` when `MOST_LISTENERS` are already open.
    pub fn subscribe(&self) -> Option<Receiver<String>> {
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        if listeners.len() >= MOST_LISTENERS {
            return None;
        }
        let (sender, receiver) = mpsc::channel();
        listeners.push(sender);
        Some(receiver)
    }

    /// Tells every open page about a new version; forgets the closed ones.
    pub fn publish(&self, version: &str) {
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|listener| listener.send(version.to_string()).is_ok());
    }
}

/// Writes the response head, then one event per version, until the page
/// goes away. `writer` is the raw connection: tiny_http's own responses
/// are buffered in chunks, which would hold events back.
pub fn stream(mut writer: impl Write, current: &str, versions: Receiver<String>) -> io::Result<()> {
    writer.write_all(
        b"HTTP/1.1 200 OK\r\n\
          Content-Type: text/event-stream; charset=utf-8\r\n\
          Cache-Control: no-store\r\n\
          X-Content-Type-Options: nosniff\r\n\
          Connection: close\r\n\r\n",
    )?;
    write!(writer, "retry: {RETRY_MS}\n\n")?;
    write_version(&mut writer, current)?;
    loop {
        match versions.recv_timeout(KEEP_ALIVE) {
            Ok(version) => write_version(&mut writer, &version)?,
            Err(RecvTimeoutError::Timeout) => {
                writer.write_all(b": still here\n\n")?;
                writer.flush()?;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

fn write_version(writer: &mut impl Write, version: &str) -> io::Result<()> {
    write!(writer, "event: version\ndata: {version}\n\n")?;
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_starts_with_the_current_version_and_follows_new_ones() {
        let hub = Hub::default();
        let versions = hub.subscribe().expect("room for a listener");
        hub.publish("7-2");
        drop(hub);
        let mut out = Vec::new();
        stream(&mut out, "7-1", versions).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
        let body = text.split("\r\n\r\n").nth(1).expect("a body");
        assert_eq!(
            body,
            "retry: 1000\n\nevent: version\ndata: 7-1\n\nevent: version\ndata: 7-2\n\n"
        );
    }

    #[test]
    fn listeners_are_bounded() {
        let hub = Hub::default();
        let open: Vec<_> = (0..MOST_LISTENERS).map_while(|_| hub.subscribe()).collect();
        assert_eq!(open.len(), MOST_LISTENERS);
        assert!(hub.subscribe().is_none());
        drop(open);
        hub.publish("1-2");
        assert!(hub.subscribe().is_some(), "closed listeners are forgotten");
    }
}
