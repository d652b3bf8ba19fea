//! Request bodies within the server's limits: at most `max_body` bytes, all of it
//! within `read_timeout`, so that a client that announces a body and then
//! trickles it, or never sends it, cannot hold a worker.
//!
//! ```text
//! Request ─► body already in memory (tiny_http read it)? ─► read it
//!         ─► else: the connection's socket, found by its addresses
//!              ─► read, each wait bounded by the time left (SO_RCVTIMEO)
//!              ─► text | 413 over the limit | 408 deadline passed
//! answer ready ─► respond: drain what the handler left unread, within the same
//!                  kind of deadline; a body too large to drain gives the connection up
//! ```
//!
//! Why the socket: tiny_http 0.12 sets no read timeout and offers no way to set
//! one, and its `Request` hides the connection. The worker finds the socket among
//! the process's open descriptors by the pair of addresses, and sets the timeout
//! on it. tiny_http itself reads request heads, and bodies of up to 1 KiB sent
//! without `Expect: 100-continue`, on its own connection threads before a worker
//! sees the request: a client stalling there holds no worker (but gets no 408).
//!
//! Why drain in `respond`: when a request goes, tiny_http reads and throws away
//! the rest of its body, into a buffer the size of what is left — unbounded in
//! time, and for an announced length beyond memory an allocation failure that
//! aborts the process. So the worker drains within a deadline itself, and a body
//! announced larger than it would ever drain is never handed back to tiny_http:
//! the answer goes out, the socket is shut, and the request is leaked on purpose
//! (tiny_http's thread for that connection then waits for ever: the price of such
//! a request, instead of the whole server).

use super::{Answer, ServeOptions};
use std::io::{ErrorKind, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};
use tiny_http::{Request, Response};

/// tiny_http reads bodies of at most this many bytes itself, before the request is handed over.
const BUFFERED_BY_TINY_HTTP: usize = 1024;

/// The largest unread rest of a body the worker drains; beyond it the connection is given up.
const MAX_DRAIN: usize = 64 << 20;

/// Reads the whole body as UTF-8: 413 beyond `max_body`, 408 past `read_timeout`.
pub(super) fn read(request: &mut Request, options: &ServeOptions) -> Result<String, Answer> {
    let limit = options.max_body;
    let over = || Answer::error(413, format!("request body over the limit of {limit} bytes"));
    if request.body_length().is_some_and(|n| n > limit) {
        return Err(over());
    }
    let socket = reads_from_socket(request)
        .then(|| Socket::of(request))
        .flatten();
    let mut buf = Vec::new();
    let mut keep = |b: &[u8]| buf.extend_from_slice(b);
    match read_until(
        request,
        socket.as_ref(),
        options.read_timeout,
        limit + 1,
        &mut keep,
    ) {
        Ok(_) if buf.len() > limit => Err(over()),
        Ok(_) => {
            String::from_utf8(buf).map_err(|_| Answer::error(400, "the request body is not UTF-8"))
        }
        Err(Stop::Late) => Err(late(options.read_timeout)),
        Err(Stop::Broken) => Err(Answer::error(400, "the request body could not be read")),
    }
}

/// The answer to a body that did not arrive in time.
fn late(timeout: Duration) -> Answer {
    Answer::error(
        408,
        format!(
            "the request body did not arrive within the read timeout of {} s",
            timeout.as_secs_f64()
        ),
    )
}

/// Sends the answer, first draining what is left of the body (see the module docs).
pub(super) fn respond(mut request: Request, answer: Answer, options: &ServeOptions) {
    let content_type = tiny_http::Header::from_bytes("Content-Type", answer.content_type).ok();
    if !reads_from_socket(&request) {
        let _ = request.respond(response(answer.status, answer.body, content_type));
        return;
    }
    let socket = Socket::of(&request);
    let announced = request.body_length().unwrap_or(0);
    if announced > MAX_DRAIN.max(options.max_body) {
        // Never let tiny_http drain this body: the head goes out through `upgrade`
        // (the one way to get the connection without dropping the body reader), then
        // the message, delimited by closing the connection; the request is kept.
        let head = response(answer.status, Vec::new(), content_type);
        let mut stream = request.upgrade("close", head);
        let _ = stream.write_all(&answer.body).and_then(|()| stream.flush());
        if let Some(s) = &socket {
            let _ = s.stream().shutdown(Shutdown::Both);
        }
        std::mem::forget(stream);
        return;
    }
    // A client waiting for `100 Continue` before sending a body that is refused anyway is
    // not asked for it: the connection closes after the answer.
    let drain = answer.status != 408 && !(expects_continue(&request) && answer.status >= 400);
    let drained = drain
        && read_until(
            &mut request,
            socket.as_ref(),
            options.read_timeout,
            MAX_DRAIN,
            &mut |_| {},
        )
        .is_ok_and(|complete| complete);
    if let Some(s) = &socket {
        // After a full drain the connection stays open for the next request;
        // otherwise tiny_http's own draining and its next read give up at once,
        // and it closes the connection.
        let timeout = (!drained).then_some(Duration::from_millis(1));
        let _ = s.stream().set_read_timeout(timeout);
    }
    let _ = request.respond(response(answer.status, answer.body, content_type));
}

fn response(
    status: u16,
    body: Vec<u8>,
    content_type: Option<tiny_http::Header>,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(body).with_status_code(status);
    if let Some(h) = content_type {
        response.add_header(h);
    }
    response
}

/// Whether reading the body waits on the socket (rather than on bytes in memory).
fn reads_from_socket(request: &Request) -> bool {
    let chunked = request
        .headers()
        .iter()
        .any(|h| h.field.equiv("Transfer-Encoding"));
    match request.body_length() {
        _ if chunked => true,
        Some(0) | None => false,
        Some(n) => n > BUFFERED_BY_TINY_HTTP || expects_continue(request),
    }
}

fn expects_continue(request: &Request) -> bool {
    request
        .headers()
        .iter()
        .any(|h| h.field.equiv("Expect") && h.value.as_str().eq_ignore_ascii_case("100-continue"))
}

/// Why reading stopped before the end of the body.
enum Stop {
    Late,
    Broken,
}

/// Reads the body to its end (true) or until `cap` bytes (false), handing each piece
/// to `sink`, within `timeout` from now: each wait on the socket is bounded by the time left.
fn read_until(
    request: &mut Request,
    socket: Option<&Socket>,
    timeout: Duration,
    cap: usize,
    sink: &mut dyn FnMut(&[u8]),
) -> Result<bool, Stop> {
    let deadline = Instant::now() + timeout;
    let mut chunk = vec![0u8; 16 << 10];
    let mut total = 0usize;
    let result = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break Err(Stop::Late);
        }
        if let Some(s) = socket {
            if s.stream().set_read_timeout(Some(left)).is_err() {
                break Err(Stop::Broken);
            }
        }
        match request.as_reader().read(&mut chunk) {
            Ok(0) => break Ok(true),
            Ok(n) => {
                sink(&chunk[..n]);
                total += n;
                if total >= cap {
                    break Ok(false);
                }
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            // The chunked decoder reports a timeout as bad input: past (or within a
            // timer tick of) the deadline, any error is the clock's.
            Err(e)
                if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
                    || deadline.saturating_duration_since(Instant::now())
                        < Duration::from_millis(20) =>
            {
                break Err(Stop::Late)
            }
            Err(_) => break Err(Stop::Broken),
        }
    };
    if let (Some(s), Ok(_)) = (socket, &result) {
        let _ = s.stream().set_read_timeout(None);
    }
    result
}

/// The connection's socket, borrowed: it stays open as long as the request holds it.
struct Socket {
    #[cfg(unix)]
    fd: std::os::fd::RawFd,
}

impl Socket {
    /// Finds the socket whose peer is the request's client among the process's
    /// descriptors. None where descriptors cannot be listed, or if two sockets match.
    #[cfg(unix)]
    fn of(request: &Request) -> Option<Socket> {
        let peer = *request.remote_addr()?;
        let entries = std::fs::read_dir("/proc/self/fd")
            .or_else(|_| std::fs::read_dir("/dev/fd"))
            .ok()?;
        let mut found: Option<(Socket, std::net::SocketAddr)> = None;
        for entry in entries.flatten() {
            let Some(fd) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            let socket = Socket { fd };
            let stream = socket.stream();
            if stream.peer_addr().ok() != Some(peer) {
                continue;
            }
            let local = stream.local_addr().ok()?;
            match &found {
                // tiny_http holds each connection under two descriptors (one to read, one to write).
                Some((_, l)) if *l == local => {}
                Some(_) => return None,
                None => found = Some((socket, local)),
            }
        }
        found.map(|(s, _)| s)
    }

    #[cfg(not(unix))]
    fn of(_request: &Request) -> Option<Socket> {
        None
    }

    /// The socket as a stream that never closes it.
    #[cfg(unix)]
    fn stream(&self) -> std::mem::ManuallyDrop<TcpStream> {
        use std::os::fd::FromRawFd;
        // SAFETY: the stream is never dropped, so it never closes a descriptor it does
        // not own; on a descriptor that is not a socket every call fails harmlessly.
        std::mem::ManuallyDrop::new(unsafe { TcpStream::from_raw_fd(self.fd) })
    }

    #[cfg(not(unix))]
    fn stream(&self) -> std::mem::ManuallyDrop<TcpStream> {
        unreachable!("no socket is found off unix")
    }
}
