//! The HTTP side of `serve`: connections, request heads and bodies within the
//! server's limits, and answers, on hyper (HTTP/1.1) over tokio.
//!
//! ```text
//! TcpListener ─► one task per connection (hyper http1, keep-alive)
//!   head: must arrive within `read_timeout` ─► else 408 and close (if any of it came)
//!   body: POST /sparql only; announced over `max_body` ─► 413 at once (never read)
//!         read with one deadline for the whole body ─► 413 over the limit | 408 late
//!   ─► Incoming (method, path, headers, body) ─► handler on the blocking pool
//!        (at most `threads` at once; a panic there is answered with 500)
//!   ─► Answer ─► response (a body left unread closes the connection after it)
//! ```
//!
//! Waiting clients hold no thread: a client that stalls in its head or its body
//! costs a task and a socket until its deadline, never a handler.

use super::request;
use super::{Answer, ServeOptions};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming as Body;
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

/// A request as the handler sees it: head and whole body, already read.
pub(super) struct Incoming {
    pub method: Method,
    pub path: String,
    pub query_string: String,
    pub content_type: String,
    pub accept: String,
    pub body: Vec<u8>,
}

/// What answers a request; runs on the blocking pool.
pub(super) type Handler = dyn Fn(Incoming) -> Answer + Send + Sync;

/// Serves connections from `listener` until the process ends.
pub(super) fn run(
    listener: std::net::TcpListener,
    handler: Arc<Handler>,
    options: ServeOptions,
) -> std::io::Result<()> {
    let threads = options.threads.max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.min(available_cores()))
        .max_blocking_threads(threads)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let options = Arc::new(options);
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                // Out of descriptors or a connection reset before it was taken: wait a little.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            };
            tokio::spawn(connection(stream, handler.clone(), options.clone()));
        }
    })
}

fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// One connection: requests one after the other until the client closes it, a
/// deadline passes, or a body is left unread.
async fn connection(stream: TcpStream, handler: Arc<Handler>, options: Arc<ServeOptions>) {
    // Answers go out in one write each, but a small one must not wait for the
    // acknowledgement of the last (Nagle's algorithm against delayed ACKs).
    let _ = stream.set_nodelay(true);
    // A second handle on the socket, to answer 408 after hyper gave the connection up.
    let Ok((spare, stream)) = stream.into_std().and_then(|s| Ok((s.try_clone()?, s))) else {
        return;
    };
    let Ok(stream) = TcpStream::from_std(stream) else {
        return;
    };
    let read_timeout = options.read_timeout;
    let head_started = Arc::new(AtomicBool::new(false));
    let io = Watched {
        inner: stream,
        head_started: head_started.clone(),
    };
    let service = service_fn(move |request: Request<Body>| {
        let (handler, options) = (handler.clone(), options.clone());
        async move { Ok::<_, Infallible>(answer(request, handler, &options).await) }
    });
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(read_timeout)
        .keep_alive(true)
        .serve_connection(TokioIo::new(io), service)
        .await;
    if let Err(e) = served {
        if e.is_timeout() && head_started.load(Ordering::Relaxed) {
            late_head(spare, read_timeout).await;
        }
    }
}

/// Answers 408 to a client whose request head did not arrive in time, and closes.
async fn late_head(spare: std::net::TcpStream, timeout: Duration) {
    let Ok(mut stream) = TcpStream::from_std(spare) else {
        return;
    };
    let answer = late(timeout, "request head");
    let head = format!(
        "HTTP/1.1 408 Request Timeout\r\ncontent-type: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        answer.content_type,
        answer.body.len()
    );
    let write = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(&answer.body).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), write).await;
}

/// The answer to a request head or body that did not arrive in time.
fn late(timeout: Duration, what: &str) -> Answer {
    Answer::error(
        408,
        format!(
            "the {what} did not arrive within the read timeout of {} s",
            timeout.as_secs_f64()
        ),
    )
}

/// Reads what the handler needs of a request, runs it, and turns its answer into a response.
async fn answer(
    request: Request<Body>,
    handler: Arc<Handler>,
    options: &ServeOptions,
) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let header = |name| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let path = parts.uri.path().to_string();
    let body = if (matches!(path.as_str(), "/sparql" | "/query")
        && request::needs_body(&parts.method))
        || (path == "/articles" && parts.method == Method::POST)
    {
        let announced = header(CONTENT_LENGTH).parse::<u64>().ok();
        match read_body(body, announced, options).await {
            Ok(bytes) => bytes,
            Err(refused) => return response(refused),
        }
    } else {
        Vec::new()
    };
    let incoming = Incoming {
        path,
        query_string: parts.uri.query().unwrap_or("").to_string(),
        content_type: header(CONTENT_TYPE),
        accept: header(hyper::header::ACCEPT),
        method: parts.method,
        body,
    };
    let answer = tokio::task::spawn_blocking(move || handler(incoming))
        .await
        .unwrap_or_else(|_| Answer::error(500, "internal error"));
    response(answer)
}

/// The whole body, within `max_body` bytes and one `read_timeout` for all of it.
async fn read_body(
    mut body: Body,
    announced: Option<u64>,
    options: &ServeOptions,
) -> Result<Vec<u8>, Answer> {
    let limit = options.max_body;
    let over = || Answer::error(413, format!("request body over the limit of {limit} bytes"));
    if announced.is_some_and(|n| n > limit as u64) {
        return Err(over());
    }
    let deadline = tokio::time::Instant::now() + options.read_timeout;
    let mut bytes = Vec::new();
    loop {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => return Err(late(options.read_timeout, "request body")),
            Ok(None) => return Ok(bytes),
            Ok(Some(Err(_))) => {
                return Err(Answer::error(400, "the request body could not be read"))
            }
            Ok(Some(Ok(frame))) => {
                if let Ok(data) = frame.into_data() {
                    if bytes.len() + data.len() > limit {
                        return Err(over());
                    }
                    bytes.extend_from_slice(&data);
                }
            }
        }
    }
}

fn response(answer: Answer) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() =
        hyper::StatusCode::from_u16(answer.status).unwrap_or(hyper::StatusCode::OK);
    response.headers_mut().insert(
        CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(answer.content_type),
    );
    response
}

/// The connection's socket, noting whether the client has begun a request head
/// since the last answer went out: a deadline that passes then is a late head
/// (408); one that passes on an idle connection just closes it.
struct Watched {
    inner: TcpStream,
    head_started: Arc<AtomicBool>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.head_started.store(true, Ordering::Relaxed);
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.head_started.store(false, Ordering::Relaxed);
        Pin::new(&mut self.inner).poll_write(cx, data)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        self.head_started.store(false, Ordering::Relaxed);
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
