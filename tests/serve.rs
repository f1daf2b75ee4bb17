//! `typeset serve` on a copy of examples/page-7.toml, spoken to over HTTP
//! with a plain TcpStream: the page and its SVGs are served, a save is
//! announced on the event stream and the new SVG has the new text, a bad
//! edit's located error is served, a click point gives its source line,
//! and nothing but the preview is served. Then the preview in headless
//! Chromium after a change. Waits are polls with a generous limit (20 s);
//! the save-to-SVG latency is printed (`-- --nocapture`), not asserted.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

use common::child::{LIMIT, Running, copy_page, poll_until, save};
use common::*;

const FIRST: &str = "夜里十一点四十分";

/// `typeset serve` running on a free port.
struct Serving {
    run: Running,
    port: u16,
}

impl Serving {
    fn start(input: &Path) -> Serving {
        let mut command = bin();
        command
            .arg("serve")
            .arg(input)
            .args(["--port", "0", "--no-system-fonts"]);
        let mut run = Running::spawn(command);
        let first = run.wait_for("serve: http://127.0.0.1:");
        let port = first.trim_start_matches("serve: http://127.0.0.1:");
        let port = port[..port.find('/').unwrap()].parse().unwrap();
        run.wait_for("serve: built");
        Serving { run, port }
    }

    fn wait_for(&mut self, prefix: &str) -> String {
        self.run.wait_for(prefix)
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// GET `path` as sent (no normalisation); (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        self.get_as(path, &format!("127.0.0.1:{}", self.port))
    }

    fn get_as(&self, path: &str, host: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        // HTTP/1.0: the answer's body is sent as it is, never chunked.
        write!(s, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).expect("read the answer");
        let text = String::from_utf8(bytes).expect("a UTF-8 answer");
        let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP answer");
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok());
        (status.expect("a status code"), body.to_string())
    }

    /// The event stream, one event's `event` and `data` per message.
    fn events(&self) -> mpsc::Receiver<(String, String)> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(s, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(e) = line.strip_prefix("event: ") {
                    event = e.to_string();
                } else if let Some(d) = line.strip_prefix("data: ")
                    && tx.send((event.clone(), d.to_string())).is_err()
                {
                    return;
                }
            }
        });
        rx
    }
}

fn next_event(rx: &mpsc::Receiver<(String, String)>) -> (String, String) {
    rx.recv_timeout(LIMIT).expect("an event within the limit")
}

#[test]
fn the_preview_follows_saves_shows_errors_and_serves_nothing_else() {
    let tmp = tempdir();
    let input = copy_page(tmp.path());
    let article = tmp.path().join("night-bus.md");
    let original = std::fs::read_to_string(&article).unwrap();
    assert!(original.contains(FIRST), "the example changed: fix FIRST");
    let mut s = Serving::start(&input);

    let (status, page) = s.get("/");
    assert_eq!(status, 200);
    assert!(page.contains("EventSource(\"/events\")") && page.contains("/page/1.svg?g=1"));
    let (status, svg) = s.get("/page/1.svg");
    assert_eq!(status, 200);
    assert!(
        svg.starts_with("<svg") && svg.contains(FIRST),
        "not the page"
    );

    let events = s.events();
    assert_eq!(next_event(&events), ("build".into(), "1 1 1".into()));

    // Ten saves; the time from each to the new text in the served SVG.
    let mut took = Vec::new();
    for k in 0..10u64 {
        let new = format!("夜里十二点{k}分");
        let started = Instant::now();
        save(&article, &original.replace(FIRST, &new));
        poll_until(&format!("the SVG shows {new}"), || {
            s.get("/page/1.svg").1.contains(&new)
        });
        took.push(started.elapsed());
        // Announced: the build's number, one page, page 1 redrawn.
        assert_eq!(
            next_event(&events),
            ("build".into(), format!("{} 1 1", k + 2))
        );
    }
    took.sort();
    eprintln!(
        "serve: save → updated SVG served, median of 10: {:.0} ms (min {:.0}, max {:.0})",
        took[5].as_secs_f64() * 1e3,
        took[0].as_secs_f64() * 1e3,
        took[9].as_secs_f64() * 1e3
    );

    // A bad edit: announced, its located error served, the last good
    // page still served.
    save(&article, &original.replace("title = ", "titel = "));
    assert_eq!(next_event(&events), ("failed".into(), "12".into()));
    s.wait_for("serve: build failed");
    let (status, error) = s.get("/error");
    assert_eq!(status, 200);
    assert!(
        error.contains("night-bus.md:5:1") && error.contains("titel"),
        "the error is not located:\n{error}"
    );
    assert!(s.get("/page/1.svg").1.contains("夜里十二点9分"));
    save(&article, &original);
    assert_eq!(next_event(&events).0, "build");
    assert_eq!(s.get("/error"), (200, String::new()));

    // A point in the body: its article, at a line the article has.
    let (status, place) = s.get("/source?page=1&x=300&y=700");
    assert_eq!(status, 200, "no source line for a point in the body");
    let mut parts = place.rsplitn(3, ':');
    let col: usize = parts.next().unwrap().parse().expect(&place);
    let line: usize = parts.next().unwrap().parse().expect(&place);
    let file = parts.next().unwrap();
    assert!(file.ends_with("night-bus.md"), "{place}");
    let text = std::fs::read_to_string(file).unwrap();
    let at = text.lines().nth(line - 1).expect(&place);
    assert!(col >= 1 && at.chars().count() >= col, "{place}: {at}");
    // No such page; no such point.
    assert_eq!(s.get("/source?page=2&x=300&y=700").0, 404);
    assert_eq!(s.get("/source?page=1&x=300").0, 404);

    // Nothing but the preview: no file of the tree, nothing outside it,
    // no page past the last, and no answer to another host name.
    for path in [
        "/../Cargo.toml",
        "/page/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/night-bus.md",
        "/page-7.toml",
        "/page/0.svg",
        "/page/2.svg",
        "/page/1.svg/../../night-bus.md",
    ] {
        let (status, body) = s.get(path);
        assert_eq!(status, 404, "{path} was served: {body:.80}");
    }
    assert_eq!(s.get_as("/page/1.svg", "attacker.example").0, 404);
}

/// Chromium's screenshot of `url` (the preview page loads its pages with
/// it, so the screenshot waits for them).
fn screenshot(url: &str, png: &Path) -> image::RgbImage {
    chromium([
        "--window-size=1000,1200".to_string(),
        format!("--screenshot={}", png.display()),
        url.to_string(),
    ]);
    image::open(png).expect("a screenshot").to_rgb8()
}

#[cfg_attr(
    no_chromium,
    ignore = "needs chromium; TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_preview_in_chromium_shows_a_change() {
    need_with("chromium", "--version");
    let tmp = tempdir();
    let input = copy_page(tmp.path());
    let article = tmp.path().join("night-bus.md");
    let original = std::fs::read_to_string(&article).unwrap();
    let mut s = Serving::start(&input);
    let before = screenshot(&s.url("/"), &tmp.path().join("before.png"));
    // The body's first words, bigger: the page's first column changes.
    let changed = original.replace(FIRST, "凌晨三点整，改过的开头");
    save(&article, &changed);
    s.wait_for("serve: rebuilt");
    let shot = root().join("target/serve-preview.png");
    let after = screenshot(&s.url("/"), &shot);
    eprintln!("the preview after the change: {}", shot.display());
    // A page is shown: mostly white paper with dark text in it, below
    // the bar.
    let (w, h) = after.dimensions();
    let paper = (after.pixels())
        .filter(|p| p.0.iter().all(|&c| c > 240))
        .count();
    let ink = after
        .pixels()
        .filter(|p| p.0.iter().all(|&c| c < 80))
        .count();
    let all = (w * h) as usize;
    assert!(paper > all / 2 && ink > all / 200, "no page in the preview");
    // The change shows: the page differs from before, in the page.
    let differ = (before.enumerate_pixels())
        .filter(|(x, y, p)| *y > 40 && after.get_pixel(*x, *y) != *p)
        .count();
    assert!(differ > 500, "the preview did not change ({differ} pixels)");

    // A bad edit: the error's box over the page, in its red border.
    save(&article, &changed.replace("title = ", "titel = "));
    s.wait_for("serve: build failed");
    let shot = root().join("target/serve-error.png");
    let failed = screenshot(&s.url("/"), &shot);
    eprintln!("the preview after a bad edit: {}", shot.display());
    let border = (failed.pixels())
        .filter(|p| p.0[0] > 180 && p.0[1] < 40 && p.0[2] < 40)
        .count();
    assert!(
        border > 1000,
        "no error box in the preview ({border} red pixels)"
    );
}

#[test]
fn serve_refuses_the_options_that_write_files() {
    let tmp = tempdir();
    let input = copy_page(tmp.path());
    for extra in [&["--pdf"][..], &["--svg", "out"], &["--dump-lines"]] {
        let out = bin()
            .arg("serve")
            .arg(&input)
            .args(extra)
            .args(["--port", "0"])
            .output()
            .expect("run typeset serve");
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("typeset serve writes no files"), "{said}");
    }
}

/// night-bus.md as an article with its body twice, word for word (two
/// pages), its figure beside it; the article's path and the source lines
/// where the body's first paragraph starts each time.
fn doubled_article(dir: &Path) -> (std::path::PathBuf, usize, usize) {
    let ex = root().join("examples");
    std::fs::create_dir_all(dir.join("figures")).unwrap();
    std::fs::copy(ex.join("figures/route.png"), dir.join("figures/route.png")).unwrap();
    let text = std::fs::read_to_string(ex.join("night-bus.md")).unwrap();
    let end = text[4..].find("+++\n").expect("front matter") + 8;
    let (front, body) = text.split_at(end);
    let doubled = format!("{front}{body}\n{body}");
    let path = dir.join("a.md");
    std::fs::write(&path, &doubled).unwrap();
    let lines: Vec<usize> = (doubled.lines().enumerate())
        .filter(|(_, l)| l.starts_with(FIRST))
        .map(|(k, _)| k + 1)
        .collect();
    assert_eq!(lines.len(), 2, "the example changed: fix FIRST");
    (path, lines[0], lines[1])
}

/// The line of a `/source` answer (`file:line:col`).
fn line_of(place: &str) -> usize {
    let mut parts = place.rsplitn(3, ':');
    parts.next();
    parts.next().and_then(|l| l.parse().ok()).expect(place)
}

/// A point (page, x, y in points) on each page whose source is on
/// `line`, and that of the points 2 points around it too (a browser's
/// click lands within a pixel), scanning the pages on a 12-point grid.
fn points_on_line(s: &Serving, pages: usize, line: usize) -> Vec<(usize, f64, f64)> {
    let mut found = Vec::new();
    for page in 1..=pages {
        let svg = s.get(&format!("/page/{page}.svg")).1;
        let size = |attr: &str| -> f64 {
            let at = svg.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
            svg[at..svg[at..].find("pt").unwrap() + at].parse().unwrap()
        };
        let (w, h) = (size("width"), size("height"));
        let grid =
            (0..(h / 12.0) as usize).flat_map(|y| (0..(w / 12.0) as usize).map(move |x| (x, y)));
        for (x, y) in grid {
            let (x, y) = (x as f64 * 12.0 + 6.0, y as f64 * 12.0 + 6.0);
            let on = |x: f64, y: f64| {
                let (status, place) = s.get(&format!("/source?page={page}&x={x}&y={y}"));
                status == 200 && line_of(&place) == line
            };
            let around = [(-2.0, -2.0), (2.0, -2.0), (-2.0, 2.0), (2.0, 2.0)];
            if on(x, y) && around.iter().all(|(dx, dy)| on(x + dx, y + dy)) {
                found.push((page, x, y));
                break;
            }
        }
    }
    found
}

/// The preview page in headless Chromium, driven by its own `?check`
/// script: zoom in, out and to the width, the next and previous page,
/// and a click on a page, which shows the source place of the text there
/// — by position: the article holds its body twice, word for word, and a
/// click on the second copy gives the second copy's line.
#[cfg_attr(
    no_chromium,
    ignore = "needs chromium; TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn the_preview_zooms_turns_pages_and_links_a_click_to_its_line() {
    need_with("chromium", "--version");
    let tmp = tempdir();
    let (article, first, second) = doubled_article(tmp.path());
    let s = Serving::start(&article);
    let pages = (1..)
        .find(|n| s.get(&format!("/page/{n}.svg")).0 == 404)
        .unwrap()
        - 1;
    assert!(pages >= 2, "the doubled article fits on {pages} page");
    // Each copy's first paragraph has points of its own.
    assert!(!points_on_line(&s, pages, first).is_empty());
    let on_second = points_on_line(&s, pages, second);
    let &(page, x, y) = on_second
        .first()
        .expect("no point gives the second copy's line");

    let url = s.url(&format!("/?check={page},{x},{y}"));
    let out = chromium([
        "--window-size=1000,1200",
        "--virtual-time-budget=20000",
        "--dump-dom",
        &url,
    ]);
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .find("<pre id=\"check\">")
        .expect("the page's check did not finish")
        + 16;
    let seen = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    eprintln!("the preview's check: {seen}");
    let has = |part: &str| assert!(seen.contains(part), "{part} not in {seen}");
    has(&format!("\"pages\":{pages},\"count\":{pages}"));
    // Zoom: +25%, then twice −, each by 1.25; the images follow.
    has("\"zoomIn\":[\"125%\",1.25]");
    has("\"zoomOut\":[\"80%\",0.8]");
    // Fit: the page as wide as the pages' column less its padding.
    has("\"fit\":[\"93%\",968,1000]");
    // Next: page 2 at the top and in the box; next, previous: page 1.
    has("\"next\":[2,2]");
    has("\"prev\":[1,1]");
    // The click: the second copy's line (the column where the pixel the
    // browser clicked falls).
    let article = std::path::absolute(&article).unwrap();
    has(&format!("\"source\":\"{}:{second}:", article.display()));
}
