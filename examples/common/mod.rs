//! What the examples share: their output goes through a locked, buffered stdout, and a
//! closed pipe (`cargo run --example extract -- qingyuan | head`) ends them quietly, with
//! success, as it ends `cat`: the reader has all it asked for.

use std::error::Error;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// What an example's body returns: any error, reported on stderr.
pub type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

/// Runs an example's body with stdout to write to, flushes it, and turns the outcome into
/// the exit code: success, also when stdout was closed before the end; otherwise the error
/// on stderr after `name: ` and failure.
pub fn run(name: &str, body: impl FnOnce(&mut dyn Write) -> Result) -> ExitCode {
    let mut out = BufWriter::new(io::stdout().lock());
    let outcome = body(&mut out).and_then(|()| Ok(out.flush()?));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(e.as_ref()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether the error is, or was caused by, writing to a closed pipe.
fn is_broken_pipe(e: &(dyn Error + 'static)) -> bool {
    let mut cause = Some(e);
    while let Some(e) = cause {
        if e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
        {
            return true;
        }
        cause = e.source();
    }
    false
}

/// Reads an example's command line with `parse`: the arguments to run with, or the exit
/// code to end with: success after printing `usage` for `--help` (`parse` returns `None`),
/// status 2 after the error and `usage` on stderr.
#[allow(dead_code, reason = "not every example takes options")]
pub fn command_line<A>(
    name: &str,
    usage: &str,
    parse: impl FnOnce() -> std::result::Result<Option<A>, lexopt::Error>,
) -> std::result::Result<A, ExitCode> {
    match parse() {
        Ok(Some(args)) => Ok(args),
        Ok(None) => {
            println!("{usage}");
            Err(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{name}: {e}\n\n{usage}");
            Err(ExitCode::from(2))
        }
    }
}

/// The bundled plan ids an example accepts: the local plans and the province's.
#[allow(dead_code, reason = "not every example takes plans")]
pub fn bundled_ids() -> Vec<&'static str> {
    let mut ids = planalign::corpus::ids().to_vec();
    ids.push("guangdong");
    ids
}

/// A plan argument: a bundled id, or the path of a file that exists. Anything else is an
/// error that lists the ids accepted.
#[allow(dead_code, reason = "not every example takes plans")]
pub fn plan_arg(value: std::ffi::OsString) -> std::result::Result<String, lexopt::Error> {
    let value = value
        .into_string()
        .map_err(|v| lexopt::Error::from(format!("{v:?} is not valid UTF-8")))?;
    if bundled_ids().contains(&value.as_str()) || std::path::Path::new(&value).is_file() {
        return Ok(value);
    }
    Err(format!(
        "{value:?} is neither a bundled plan id ({}) nor a file",
        bundled_ids().join(", ")
    )
    .into())
}

/// The command line of an example that takes no arguments: `--help` or nothing.
#[allow(dead_code, reason = "not every example is without options")]
pub fn no_arguments() -> std::result::Result<Option<()>, lexopt::Error> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    if let Some(arg) = parser.next()? {
        return match arg {
            Long("help") | Short('h') => Ok(None),
            _ => Err(arg.unexpected()),
        };
    }
    Ok(Some(()))
}
