//! Response bodies: whole, generated lazily, stalled, or cut short.

use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};

/// A response body as the fake server sends it.
#[derive(Debug)]
pub(crate) enum OutBody {
    /// No body (HEAD, 304, or empty).
    Empty,
    /// The whole body in one frame.
    Full(Option<Bytes>),
    /// `unit` repeated until `left` bytes are sent.
    Repeat { unit: Bytes, left: u64 },
    /// Send `first`, then never finish.
    Stall(Option<Bytes>),
    /// Send the bytes, let them be flushed, then end although more were
    /// declared: hyper closes the connection and the client sees a truncated body.
    Cut { data: Option<Bytes>, flushed: bool },
}

/// Default unit for generated bodies: 64 KiB of plain text lines.
pub(crate) fn filler() -> Bytes {
    static FILLER: OnceLock<Bytes> = OnceLock::new();
    FILLER
        .get_or_init(|| {
            let line = b"openness-testkit generated body: the quick brown fox jumps over.\n";
            Bytes::from(line.repeat(1024))
        })
        .clone()
}

impl http_body::Body for OutBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let this = self.get_mut();
        match this {
            OutBody::Empty => Poll::Ready(None),
            OutBody::Full(data) => Poll::Ready(
                data.take()
                    .filter(|d| !d.is_empty())
                    .map(|d| Ok(Frame::data(d))),
            ),
            OutBody::Cut { data, flushed } => {
                if let Some(d) = data.take().filter(|d| !d.is_empty()) {
                    return Poll::Ready(Some(Ok(Frame::data(d))));
                }
                if *flushed {
                    return Poll::Ready(None);
                }
                // Pending once: hyper flushes what it has written before polling again.
                *flushed = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            OutBody::Repeat { unit, left, .. } => {
                if *left == 0 {
                    return Poll::Ready(None);
                }
                let n = (unit.len() as u64).min(*left) as usize;
                *left -= n as u64;
                Poll::Ready(Some(Ok(Frame::data(unit.slice(..n)))))
            }
            OutBody::Stall(first) => match first.take().filter(|d| !d.is_empty()) {
                Some(d) => Poll::Ready(Some(Ok(Frame::data(d)))),
                // Never woken: the connection hangs until the client or server drops it.
                None => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            OutBody::Empty => true,
            OutBody::Full(d) => d.as_ref().is_none_or(Bytes::is_empty),
            OutBody::Repeat { left, .. } => *left == 0,
            OutBody::Stall(_) | OutBody::Cut { .. } => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            OutBody::Empty => SizeHint::with_exact(0),
            OutBody::Full(d) => SizeHint::with_exact(d.as_ref().map_or(0, |d| d.len() as u64)),
            OutBody::Repeat { left, .. } => SizeHint::with_exact(*left),
            // Unknown, so that hyper uses the Content-Length header the server set.
            OutBody::Stall(_) | OutBody::Cut { .. } => SizeHint::default(),
        }
    }
}
