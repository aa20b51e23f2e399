//! The bundled corpus's HTML report in headless Chromium (Debian's `chromium`, which
//! `.ci/run` installs when missing): it loads without console errors, each figure holds
//! the number of marks the library's own data calls for (counted by the page's script in
//! the browser's DOM), and its screenshot, written to `target/tmp/browser/report.png` for
//! a person to look at, is not blank. Skipped, saying so, where no Chromium is installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use planalign::compare::Comparer;
use planalign::report::{self, html};

/// The Chromium to run: `$PLANALIGN_CHROMIUM`, else `chromium` or `chromium-browser` on
/// the path.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PLANALIGN_CHROMIUM") {
        return Some(p.into());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")])
        .find(|p| p.is_file())
}

fn scratch() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// What one headless run printed.
struct Run {
    stdout: String,
    stderr: String,
}

/// Runs headless Chromium on `page` with `args`, in a profile of its own; kills it past
/// two minutes (a hung browser is a failure, not a wait).
fn run(browser: &Path, page: &Path, name: &str, args: &[String]) -> Run {
    let profile = scratch().join(format!("profile-{name}"));
    let _ = std::fs::remove_dir_all(&profile);
    let out = scratch().join(format!("{name}.stdout"));
    let err = scratch().join(format!("{name}.stderr"));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).expect("stdout file"))
        .stderr(std::fs::File::create(&err).expect("stderr file"))
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("chromium runs").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Run {
        stdout: std::fs::read_to_string(&out).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err).unwrap_or_default(),
    }
}

/// The console messages (errors and anything else a page logs) Chromium reported.
fn console(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect()
}

/// The `name=count` pairs the page's script wrote into `#mark-counts`.
fn counts(dom: &str) -> Vec<(String, usize)> {
    let open = "<span id=\"mark-counts\">";
    let at = dom.find(open).expect("the counts in the DOM") + open.len();
    let text = &dom[at..at + dom[at..].find("</span>").expect("the counts end")];
    text.split_whitespace()
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((k.to_string(), v.parse().ok()?))
        })
        .collect()
}

/// The variance of the screenshot's luminance, and the share of its pixels that are not
/// white.
fn picture(png: &Path) -> (f64, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png).expect("the screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let lum: Vec<f64> = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| match p.len() {
            1 | 2 => f64::from(p[0]),
            _ => 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]),
        })
        .collect();
    let n = lum.len() as f64;
    let mean = lum.iter().sum::<f64>() / n;
    let variance = lum.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / n;
    let inked = lum.iter().filter(|&&l| l < 250.0).count() as f64 / n;
    (variance, inked)
}

/// What the page should count, from the library's own data.
fn expected(corpus: &planalign::corpus::Corpus, r: &report::CorpusReport) -> Vec<(String, usize)> {
    let m = &r.matrix;
    let several: Vec<_> = m.rows.iter().filter(|row| row.carriers() >= 2).collect();
    let binding = m
        .rows
        .iter()
        .flat_map(|row| &row.cells)
        .flatten()
        .filter(|c| c.attribute == Some(planalign::Attribute::Binding))
        .count();
    let reuse = &r.reuse;
    let n = reuse.len();
    let edges = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .filter(|&(i, j)| i != j && reuse.share(i, j) >= html::LINEAGE_THRESHOLD)
        .count();
    let localities = corpus.localities();
    let linked = localities
        .iter()
        .filter(|l| {
            l.parent
                .as_ref()
                .is_some_and(|p| localities.iter().any(|x| &x.name == p))
        })
        .count();
    let tables = r
        .to_markdown()
        .lines()
        .filter(|l| l.starts_with("|---") || l.starts_with("|:--"))
        .count();
    [
        ("heatmap.cell", m.rows.len() * m.plans.len()),
        ("heatmap.binding", binding),
        ("strips.strip", several.len()),
        ("strips.row", several.iter().map(|row| row.carriers()).sum()),
        ("reuse.cell", n * n),
        (
            "reuse.nearest",
            (0..n).filter(|&i| reuse.nearest(i).is_some()).count(),
        ),
        ("lineage.node", n),
        ("lineage.edge", edges),
        ("hierarchy.node", localities.len()),
        (
            "hierarchy.missing",
            localities.iter().filter(|l| l.plan.is_none()).count(),
        ),
        ("hierarchy.edge", linked),
        ("tables.table", tables),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

#[test]
fn the_bundled_report_loads_in_chromium_with_every_figure_counted_and_a_picture() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED: no chromium on PATH (install Debian's `chromium`, as .ci/run does, or set PLANALIGN_CHROMIUM)"
        );
        return;
    };
    let corpus = planalign::corpus::guangdong().expect("the bundled corpus");
    let comparer = Comparer::default();
    let r = report::corpus_report(&comparer, &corpus).expect("a report");
    let page = scratch().join("report.html");
    std::fs::write(&page, html::render(&comparer, &corpus, &r).expect("a page")).expect("written");

    let dom = run(&browser, &page, "dom", &["--dump-dom".to_string()]);
    assert!(console(&dom).is_empty(), "console: {:#?}", console(&dom));
    let counted = counts(&dom.stdout);
    for (name, want) in expected(&corpus, &r) {
        let got = counted.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        assert_eq!(got, Some(want), "{name}: counted {counted:?}");
    }

    let png = scratch().join("report.png");
    let _ = std::fs::remove_file(&png);
    let shot = run(
        &browser,
        &page,
        "screenshot",
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1300,2400".to_string(),
            "--hide-scrollbars".to_string(),
        ],
    );
    assert!(console(&shot).is_empty(), "console: {:#?}", console(&shot));
    assert!(png.is_file(), "no screenshot: {}", shot.stderr);
    let (variance, inked) = picture(&png);
    assert!(
        variance > 100.0,
        "a blank screenshot: luminance variance {variance:.1}"
    );
    assert!(
        inked > 0.02,
        "a blank screenshot: {:.1}% inked",
        inked * 100.0
    );
    eprintln!(
        "screenshot: {} (variance {variance:.0}, {:.0}% inked)",
        png.display(),
        inked * 100.0
    );
}

/// The console check can fail: a page whose script throws is caught.
#[test]
fn a_script_error_on_a_page_is_reported_by_the_console_check() {
    let Some(browser) = chromium() else {
        eprintln!("SKIPPED: no chromium on PATH");
        return;
    };
    let page = scratch().join("broken.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>",
    )
    .expect("written");
    let r = run(&browser, &page, "broken", &["--dump-dom".to_string()]);
    assert!(!console(&r).is_empty(), "stderr: {}", r.stderr);
}
