//! What the server figures share (`benches/scale.rs`, `benches/s3.rs`): a load generator of
//! keep-alive connections sending one raw request over and over, a minimal hyper server that
//! answers the same bytes as the mock's server, and paired rounds of the two.

use super::median;
use http_body_util::Full;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Keep-alive connections of a round, as a parallel test suite's.
pub const CONNECTIONS: usize = 16;
const ROUND: Duration = Duration::from_millis(500);
const ROUNDS: usize = 12;

/// Sends `request` and reads one response on a keep-alive connection; its head and body.
pub async fn exchange(stream: &mut TcpStream, request: &[u8], buffer: &mut Vec<u8>) -> (String, Vec<u8>) {
    stream.write_all(request).await.unwrap();
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            let length = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().unwrap())
                })
                .expect("a response with a Content-Length");
            while buffer.len() < end + 4 + length {
                read_more(stream, buffer).await;
            }
            let body = buffer[end + 4..end + 4 + length].to_vec();
            buffer.drain(..end + 4 + length);
            return (head, body);
        }
        read_more(stream, buffer).await;
    }
}

/// Reads what has arrived (up to 64 KiB) onto the end of `buffer`.
async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) {
    buffer.reserve(64 * 1024);
    let n = stream.read_buf(buffer).await.unwrap();
    assert!(n > 0, "the server closed a keep-alive connection");
}

/// One round of [`CONNECTIONS`] keep-alive connections sending `request` for `ROUND`: the
/// requests per second, and each request's latency (µs). Every answer must be a 200.
fn load(rt: &tokio::runtime::Runtime, address: SocketAddr, request: &Arc<[u8]>) -> (f64, Vec<u32>) {
    rt.block_on(async {
        let mut streams = Vec::new();
        for _ in 0..CONNECTIONS {
            let stream = TcpStream::connect(address).await.unwrap();
            stream.set_nodelay(true).unwrap();
            streams.push(stream);
        }
        let start = Instant::now();
        let tasks: Vec<_> = streams
            .into_iter()
            .map(|mut stream| {
                let request = request.clone();
                tokio::spawn(async move {
                    let mut buffer = Vec::new();
                    let mut latencies = Vec::new();
                    while start.elapsed() < ROUND {
                        let sent = Instant::now();
                        let (head, _) = exchange(&mut stream, &request, &mut buffer).await;
                        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
                        latencies.push(sent.elapsed().as_micros() as u32);
                    }
                    latencies
                })
            })
            .collect();
        let mut latencies = Vec::new();
        for task in tasks {
            latencies.extend(task.await.unwrap());
        }
        (latencies.len() as f64 / start.elapsed().as_secs_f64(), latencies)
    })
}

/// A minimal hyper server, on a runtime like the mock server's (two workers), answering every
/// request with `headers` and `body`.
fn hyper_server(headers: Vec<(String, String)>, body: Vec<u8>) -> (SocketAddr, tokio::runtime::Runtime) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let address = listener.local_addr().unwrap();
    let reply = Arc::new((headers, bytes::Bytes::from(body)));
    runtime.spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            // As the mock's server does.
            stream.set_nodelay(true).unwrap();
            let reply = reply.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                    let reply = reply.clone();
                    async move {
                        // Read the request body, as the mock does.
                        let _ = http_body_util::BodyExt::collect(request.into_body()).await;
                        let mut response = hyper::Response::builder().status(200);
                        for (name, value) in &reply.0 {
                            response = response.header(name, value);
                        }
                        Ok::<_, std::convert::Infallible>(response.body(Full::new(reply.1.clone())).unwrap())
                    }
                });
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
            });
        }
    });
    (address, runtime)
}

/// What paired rounds measured: the mock's requests per second over hyper's (the median over
/// rounds), and the p99 latency (µs) of each server.
pub struct VersusHyper {
    pub rps_ratio: f64,
    pub mock_p99_us: f64,
    pub hyper_p99_us: f64,
}

/// The mock's server at `mock` against a minimal hyper server answering the same bytes, under
/// the same load of `request`: the mock's answer is read once (a 200), hyper is given its
/// headers (but its `Content-Length` and `Date`, which hyper writes) and its body, then
/// `ROUNDS` paired rounds alternate which server goes first, after one round that warms both.
pub fn versus_hyper(mock: SocketAddr, request: Vec<u8>) -> VersusHyper {
    let request: Arc<[u8]> = request.into();
    let load_rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (head, body) = load_rt.block_on(async {
        let mut stream = TcpStream::connect(mock).await.unwrap();
        exchange(&mut stream, &request, &mut Vec::new()).await
    });
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .filter(|(name, _)| !name.eq_ignore_ascii_case("content-length") && !name.eq_ignore_ascii_case("date"))
        .collect();
    let (hyper, hyper_rt) = hyper_server(headers, body);

    let (mut ratios, mut mock_latencies, mut hyper_latencies) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS + 1 {
        let (mock_rps, hyper_rps, mock_l, hyper_l) = if round % 2 == 0 {
            let (m, ml) = load(&load_rt, mock, &request);
            let (h, hl) = load(&load_rt, hyper, &request);
            (m, h, ml, hl)
        } else {
            let (h, hl) = load(&load_rt, hyper, &request);
            let (m, ml) = load(&load_rt, mock, &request);
            (m, h, ml, hl)
        };
        // The first round warms both up.
        if round > 0 {
            ratios.push(mock_rps / hyper_rps);
            mock_latencies.extend(mock_l);
            hyper_latencies.extend(hyper_l);
        }
    }
    drop(hyper_rt);
    let p99 = |mut l: Vec<u32>| {
        l.sort_unstable();
        f64::from(l[l.len() * 99 / 100])
    };
    VersusHyper { rps_ratio: median(ratios), mock_p99_us: p99(mock_latencies), hyper_p99_us: p99(hyper_latencies) }
}
