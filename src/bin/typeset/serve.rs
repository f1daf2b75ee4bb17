//! `typeset serve INPUT [--port N]`: the pages in the browser. A web page
//! on 127.0.0.1 shows every page as SVG, drawn in memory by the `--svg`
//! writer; the rebuild loop of `typeset watch` lays the job out again on
//! every save and server-sent events tell the page which pages changed,
//! or that the build failed (the error, with its file:line:col, is shown
//! over the last good pages). A click on a page asks for the article
//! line set there. Nothing is read from disk to answer a request: only
//! the page's own HTML and the pages drawn are served.

use std::io::Write as _;
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use clap::Args;
use tiny_http::{Header, Request, Response, Server};

use crate::cli::BuildArgs;
use crate::note;
use typeset::compile::{Preview, preview};

/// The preview page: markup, style and script in one file.
const INDEX: &str = include_str!("serve.html");

/// `typeset serve`.
#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// The port on 127.0.0.1 (0: any free port; the address is printed).
    #[arg(long, value_name = "N", default_value_t = 8000)]
    pub port: u16,
}

/// What the pages show now.
#[derive(Default)]
struct State {
    /// Counts builds, good or bad: the pages' images are asked for with it,
    /// so that a browser never shows a cached old page.
    generation: u64,
    /// The last good build.
    preview: Option<Preview>,
    /// The last build's error (rendered as on the terminal), if it failed.
    error: Option<String>,
    /// The event that tells a page the state (sent to every new listener).
    event: String,
    /// The open event streams.
    listeners: Vec<mpsc::Sender<String>>,
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> MutexGuard<'_, State> {
    // A panic while holding the lock leaves the state as consistent as
    // any other moment: every field is replaced whole.
    state.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn serve_main(args: ServeArgs) -> ExitCode {
    let b = &args.build;
    let writes = b.pdf.is_some() || b.epub.is_some() || b.print.is_some();
    let writes = writes || b.render.svg.is_some() || b.render.png.is_some();
    if writes || b.paragraphs.is_some() || b.dump_lines {
        note!(
            "error: typeset serve writes no files\n  hint: use `typeset watch` with --pdf, --epub, --svg, --png, --paragraphs or --dump-lines"
        );
        return ExitCode::from(2);
    }
    let quiet = b.quiet;
    let mut opts = match crate::options(args.build) {
        Ok(o) => o,
        Err(code) => return code,
    };
    opts.memo = Some(Default::default());
    // Localhost only: the pages are the user's unpublished work.
    let server = match Server::http(("127.0.0.1", args.port)) {
        Ok(s) => s,
        Err(e) => {
            note!(
                "error: cannot serve on 127.0.0.1:{}: {e}\n  hint: give another --port (0: any free one)",
                args.port
            );
            return ExitCode::from(1);
        }
    };
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    note!("serve: http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    let state = Shared::default();
    let served = state.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            answer(request, &served, port);
        }
    });
    crate::watch::rebuild_loop(&opts, "serve", |first| {
        let started = Instant::now();
        let result = preview(&opts);
        let took = started.elapsed();
        let mut s = lock(&state);
        s.generation += 1;
        match result {
            Ok(p) => {
                for w in p.warnings.iter().filter(|_| !quiet) {
                    note!("{w}");
                }
                let inputs = p.inputs.clone();
                let changed = changed_pages(s.preview.as_ref(), &p);
                s.event = format!(
                    "event: build\ndata: {} {} {}\n\n",
                    s.generation,
                    p.svgs.len(),
                    changed.join(",")
                );
                s.preview = Some(p);
                s.error = None;
                publish(&mut s);
                Some((inputs, crate::watch::done(first, took, &opts)))
            }
            Err(e) => {
                let text = typeset::diag::render(&e);
                note!("{text}");
                note!(
                    "serve: build failed after {:.3} s; the last good pages are shown",
                    took.as_secs_f64()
                );
                s.error = Some(text);
                s.event = format!("event: failed\ndata: {}\n\n", s.generation);
                publish(&mut s);
                None
            }
        }
    })
}

/// The pages (1-based) whose drawing differs from the last good build's;
/// every page after the first build.
fn changed_pages(old: Option<&Preview>, new: &Preview) -> Vec<String> {
    (new.svgs.iter().enumerate())
        .filter(|(k, svg)| old.and_then(|o| o.svgs.get(*k)) != Some(*svg))
        .map(|(k, _)| (k + 1).to_string())
        .collect()
}

/// Sends the state's event to every open stream, forgetting closed ones.
fn publish(s: &mut State) {
    let event = s.event.clone();
    s.listeners.retain(|l| l.send(event.clone()).is_ok());
}

/// Answers one request. Only these are served: the page itself, its
/// event stream, the pages' SVGs, the build error and the source place
/// of a point; any other path (`/../x`, `/etc/passwd`) is a 404.
fn answer(request: Request, state: &Shared, port: u16) {
    if !local_host(&request, port) {
        let _ = request.respond(Response::from_string("not found").with_status_code(404));
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let reply = match path {
        "/" | "/index.html" => Some(("text/html; charset=utf-8", index(&lock(state)))),
        "/events" => return stream_events(request, state),
        "/error" => Some((
            "text/plain; charset=utf-8",
            lock(state).error.clone().unwrap_or_default(),
        )),
        "/source" => source(state, query).map(|s| ("text/plain; charset=utf-8", s)),
        _ => page_number(path).and_then(|k| {
            let s = lock(state);
            let svg = s.preview.as_ref()?.svgs.get(k)?.clone();
            Some(("image/svg+xml", svg))
        }),
    };
    let response = match reply {
        Some((kind, body)) => Response::from_string(body)
            .with_header(header("Content-Type", kind))
            .with_header(header("Cache-Control", "no-store")),
        None => Response::from_string("not found").with_status_code(404),
    };
    let _ = request.respond(response);
}

/// The preview page with the last good build's pages in it, so that they
/// load with the page (a screenshot waits for them), and the last build's
/// error.
fn index(s: &State) -> String {
    let pages = s.preview.as_ref().map_or(0, |p| p.svgs.len());
    let imgs: String = (1..=pages)
        .map(|n| {
            format!(
                "<img alt=\"page {n}\" data-page=\"{n}\" src=\"/page/{n}.svg?g={}\">",
                s.generation
            )
        })
        .collect();
    // The error too, so that a page opened after a failed build shows it
    // at once.
    let (shown, error) = match &s.error {
        Some(e) => (" style=\"display: block\"", typeset::epub::escape(e)),
        None => ("", String::new()),
    };
    INDEX
        .replacen("{generation}", &s.generation.to_string(), 1)
        .replacen("{pages}", &imgs, 1)
        .replacen("{error_shown}", shown, 1)
        .replacen("{error}", &error, 1)
}

/// Whether the request names this server by a local address: a page on
/// another site that resolves its own name to 127.0.0.1 (DNS rebinding)
/// must not read the pages.
fn local_host(request: &Request, port: u16) -> bool {
    let Some(host) = request.headers().iter().find(|h| h.field.equiv("Host")) else {
        return true;
    };
    let host = host.value.as_str();
    ["127.0.0.1", "localhost"]
        .iter()
        .any(|h| host == *h || host == format!("{h}:{port}"))
}

fn header(name: &str, value: &str) -> Header {
    // Both are ASCII constants of this file.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("an ASCII header")
}

/// `/page/N.svg` (1-based) → N-1.
fn page_number(path: &str) -> Option<usize> {
    let n = path.strip_prefix("/page/")?.strip_suffix(".svg")?;
    n.parse::<usize>().ok()?.checked_sub(1)
}

/// `/source?page=N&x=X&y=Y` (page 1-based, points from the top left):
/// `file:line:col` of the article line set nearest the point.
fn source(state: &Shared, query: &str) -> Option<String> {
    let mut page = None;
    let (mut x, mut y) = (None, None);
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=')?;
        match k {
            "page" => page = v.parse::<usize>().ok()?.checked_sub(1),
            "x" => x = v.parse::<f64>().ok(),
            "y" => y = v.parse::<f64>().ok(),
            _ => {}
        }
    }
    let s = lock(state);
    let at = s.preview.as_ref()?.locate(page?, x?, y?)?;
    let path = std::path::absolute(&at.path).unwrap_or(at.path);
    Some(format!("{}:{}:{}", path.display(), at.loc.line, at.loc.col))
}

/// Holds a request open as a server-sent event stream: the state now, then
/// every change. tiny_http's responses copy a body to the end before they
/// flush, so the stream writes its head itself on the raw connection and
/// flushes each event as it comes.
fn stream_events(request: Request, state: &Shared) {
    let (tx, rx) = mpsc::channel();
    {
        let mut s = lock(state);
        if !s.event.is_empty() {
            let _ = tx.send(s.event.clone());
        }
        s.listeners.push(tx);
    }
    std::thread::spawn(move || {
        let mut out = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                    Cache-Control: no-store\r\nConnection: close\r\n\r\n";
        let mut send = |text: &str| out.write_all(text.as_bytes()).and_then(|()| out.flush());
        if send(head).is_err() {
            return;
        }
        // Ends when the page goes away (a write fails) or the server stops.
        for event in rx {
            if send(&event).is_err() {
                return;
            }
        }
    });
}
