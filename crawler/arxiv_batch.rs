//! One arXiv API request for many papers: ids asked for by any model crawl are
//! gathered while the arXiv rate limit (one request every three seconds) holds
//! the next request back, then fetched together with `id_list=A,B,...`.

use crate::evidence::{Avail, Doc};
use crate::http::Fetcher;
use openness_snapshots::Digest;
use openness_sources::arxiv::{parse_feed, ArxivEntry};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

type Reply = oneshot::Sender<Avail<ArxivEntry>>;

/// The arXiv API host.
const HOST: &str = "export.arxiv.org";

/// How long the first request of a run waits for more ids: small beside arXiv's
/// three seconds between requests.
const GATHER: Duration = Duration::from_millis(250);

/// Most ids in one query.
pub const MAX_BATCH: usize = 100;

/// Where an id's entry was last read from, kept in the store for offline runs.
#[derive(Serialize, Deserialize)]
struct EntrySource {
    url: String,
    digest: Digest,
}

/// Hands out arXiv entries, batching concurrent requests.
#[derive(Clone)]
pub struct ArxivBatcher {
    tx: mpsc::UnboundedSender<(String, Reply)>,
}

impl ArxivBatcher {
    /// Starts the batching task on the current runtime.
    pub fn start(fetcher: Fetcher, offline: bool) -> ArxivBatcher {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(fetcher, rx, offline));
        ArxivBatcher { tx }
    }

    /// The entry of one paper (`Failed` if the batch could not be fetched,
    /// `NotFound` if arXiv does not know the id).
    pub async fn get(&self, id: &str) -> Avail<ArxivEntry> {
        let (tx, rx) = oneshot::channel();
        if self.tx.send((id.to_string(), tx)).is_err() {
            return Avail::Failed { url: query_url(&[id.to_string()]), error: "arXiv batcher stopped".into() };
        }
        rx.await.unwrap_or_else(|_| Avail::Failed { url: query_url(&[id.to_string()]), error: "arXiv batcher stopped".into() })
    }
}

/// The API URL for a batch.
pub fn query_url(ids: &[String]) -> String {
    format!("https://export.arxiv.org/api/query?id_list={}&max_results={}", ids.join(","), ids.len())
}

async fn run(fetcher: Fetcher, mut rx: mpsc::UnboundedReceiver<(String, Reply)>, offline: bool) {
    let done: Arc<Mutex<HashMap<String, Avail<ArxivEntry>>>> = Arc::default();
    // The rate allows one request per `interval`: ids asked for meanwhile join the next batch.
    let interval = if offline { Duration::ZERO } else { fetcher.min_interval(HOST) };
    let mut last_sent: Option<tokio::time::Instant> = None;
    while let Some(first) = rx.recv().await {
        let mut waiting: Vec<(String, Reply)> = Vec::new();
        answer_or_wait(&done, first, &mut waiting);
        if waiting.is_empty() {
            continue;
        }
        // Let concurrent crawls add their ids until the next request is allowed anyway, and
        // for at least `GATHER` (the papers one discovery step finds arrive together, but on
        // a busy machine not within a few milliseconds); ids fetched earlier in the run are
        // answered at once meanwhile.
        let gather = tokio::time::Instant::now() + GATHER;
        let sleep = tokio::time::sleep_until(last_sent.map(|t| gather.max(t + interval)).unwrap_or(gather));
        tokio::pin!(sleep);
        loop {
            tokio::select! {
                _ = &mut sleep => break,
                next = rx.recv() => match next {
                    Some(next) => answer_or_wait(&done, next, &mut waiting),
                    None => break,
                },
            }
        }
        let mut ids: Vec<String> = Vec::new();
        {
            let known = done.lock().expect("arxiv cache");
            for (id, _) in &waiting {
                if !known.contains_key(id) && !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        ids.sort();
        // On a refresh, the batches the entries came from last time are asked for again
        // (conditionally: an unchanged answer is a 304 and no body); only new ids form new batches.
        let (again, fresh) = if offline { (Vec::new(), ids) } else { previous_batches(&fetcher, ids) };
        for batch in again.iter().map(Vec::as_slice).chain(fresh.chunks(MAX_BATCH)) {
            if !offline {
                last_sent = Some(tokio::time::Instant::now());
            }
            let results = if offline { fetch_offline(&fetcher, batch) } else { fetch_batch(&fetcher, batch).await };
            let mut known = done.lock().expect("arxiv cache");
            known.extend(results);
        }
        let known = done.lock().expect("arxiv cache");
        for (id, reply) in waiting {
            let answer = known.get(&id).cloned().unwrap_or(Avail::NotChecked);
            let _ = reply.send(answer);
        }
    }
}

/// Splits `ids` into the id lists of the stored batches they were last read from,
/// and the ids never read before.
fn previous_batches(fetcher: &Fetcher, ids: Vec<String>) -> (Vec<Vec<String>>, Vec<String>) {
    let store = fetcher.store();
    let mut again: Vec<Vec<String>> = Vec::new();
    let mut fresh = Vec::new();
    for id in ids {
        if again.iter().any(|b| b.contains(&id)) {
            continue;
        }
        let src: Option<EntrySource> = store.read_json(&format!("arxiv/{}.json", id.replace('/', "_"))).ok().flatten();
        let list: Option<Vec<String>> = src.and_then(|s| {
            let u = url::Url::parse(&s.url).ok()?;
            let list = u.query_pairs().find(|(k, _)| k == "id_list")?.1.split(',').map(str::to_string).collect::<Vec<_>>();
            (list.contains(&id) && list.len() <= MAX_BATCH && query_url(&list) == s.url).then_some(list)
        });
        match list {
            Some(list) => again.push(list),
            None => fresh.push(id),
        }
    }
    (again, fresh)
}

/// Answers a request for an id fetched earlier in the run, or queues it for the next batch.
fn answer_or_wait(done: &Mutex<HashMap<String, Avail<ArxivEntry>>>, (id, reply): (String, Reply), waiting: &mut Vec<(String, Reply)>) {
    match done.lock().expect("arxiv cache").get(&id) {
        Some(answer) => {
            let _ = reply.send(answer.clone());
        }
        None => waiting.push((id, reply)),
    }
}

async fn fetch_batch(fetcher: &Fetcher, ids: &[String]) -> Vec<(String, Avail<ArxivEntry>)> {
    let url = query_url(ids);
    let failed = |error: String| ids.iter().map(|id| (id.clone(), Avail::Failed { url: url.clone(), error: error.clone() })).collect();
    let resp = match fetcher.get(&url).await {
        Ok(r) if r.is_success() => r,
        Ok(r) => return failed(format!("HTTP {}", r.status)),
        Err(e) => return failed(e.to_string()),
    };
    let entries = match parse_feed(&resp.body) {
        Ok(e) => e,
        // One unreadable entry must not cost every paper batched with it: ask again in halves.
        Err(e) if ids.len() > 1 => {
            tracing::warn!(url, error = %e, "unreadable arXiv batch; asking again in halves");
            let (a, b) = ids.split_at(ids.len() / 2);
            let mut out = Box::pin(fetch_batch(fetcher, a)).await;
            out.extend(Box::pin(fetch_batch(fetcher, b)).await);
            return out;
        }
        Err(e) => return failed(e.to_string()),
    };
    let store = fetcher.store();
    ids.iter()
        .map(|id| {
            // Where each id was asked, found or not: a refresh asks the same batch again
            // (conditionally) instead of a new one, and an offline run re-reads it.
            if let Some(d) = &resp.digest {
                let _ = store.write_json(&format!("arxiv/{}.json", id.replace('/', "_")), &EntrySource { url: url.clone(), digest: d.clone() });
            }
            let avail = match entries.iter().find(|e| &e.id == id).cloned() {
                Some(entry) => Avail::Found(Doc { url: url.clone(), digest: resp.digest.clone(), value: entry }),
                None => Avail::NotFound { url: url.clone(), status: 200 },
            };
            (id.clone(), avail)
        })
        .collect()
}

fn fetch_offline(fetcher: &Fetcher, ids: &[String]) -> Vec<(String, Avail<ArxivEntry>)> {
    let store = fetcher.store();
    ids.iter()
        .map(|id| {
            let url = query_url(std::slice::from_ref(id));
            let src: Option<EntrySource> = store.read_json(&format!("arxiv/{}.json", id.replace('/', "_"))).ok().flatten();
            let avail = match src.and_then(|s| store.get_body(&s.digest).ok().map(|b| (s, b))) {
                Some((s, body)) => match parse_feed(&body).map(|e| e.into_iter().find(|e| &e.id == id)) {
                    Ok(Some(entry)) => Avail::Found(Doc { url: s.url, digest: Some(s.digest), value: entry }),
                    Ok(None) => Avail::NotFound { url: s.url, status: 200 },
                    Err(_) => Avail::Failed { url, error: "stored arXiv answer unreadable".into() },
                },
                None => Avail::Failed { url, error: "offline: no stored arXiv entry".into() },
            };
            (id.clone(), avail)
        })
        .collect()
}
