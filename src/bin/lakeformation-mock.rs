//! `lakeformation-mock`: serve a mock Lake Formation on loopback for any SDK, or check fixture files.

use clap::{Parser, Subcommand};
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::{FixtureError, Scenario};
use lakeformation_mock::server::{CONTROL_PREFIX, DEFAULT_BODY_LIMIT, MockServer};
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A mock of AWS Lake Formation credential vending (GetTemporaryGlueTableCredentials,
/// GetTemporaryDataLocationCredentials) for tests.
#[derive(Parser, Debug)]
#[command(name = "lakeformation-mock", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the mock over HTTP until interrupted (Ctrl-C or SIGTERM).
    ///
    /// Prints the URL it listens on as the first line of standard output; point any SDK at it
    /// with AWS_ENDPOINT_URL_LAKEFORMATION=<url>. On exit, prints the verification report to
    /// standard error and exits non-zero if an expectation is unmet.
    Serve(ServeArgs),
    /// Check fixture files (a directory means every `*.json` in it) and print the loader's errors.
    ///
    /// Exits non-zero if any file does not load.
    Validate {
        /// The fixture files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// A fixture file whose rules, lake and settings the mock starts with (none: an empty mock;
    /// rules can still be loaded later with POST /__lakeformation_mock/fixture).
    #[arg(long, value_name = "PATH")]
    fixture: Option<PathBuf>,
    /// The port to listen on; 0 (the default) picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The address to listen on. Anything but loopback also needs --allow-non-loopback.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Allow --bind to name an address other machines can reach.
    #[arg(long)]
    allow_non_loopback: bool,
    /// The largest request body accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_BODY_LIMIT)]
    body_limit: usize,
    /// The region the mock simulates (default: the fixture's `settings.region`, else us-east-1).
    #[arg(long)]
    region: Option<String>,
    /// Answer requests the service model refuses (out-of-range `DurationSeconds`, unknown
    /// `Permissions`...) from the rules instead of refusing them with `InvalidInputException`
    /// (as the fixture's `"settings": {"validate_input": false}`). For scripting answers to
    /// invalid requests on purpose.
    #[arg(long)]
    no_validate_input: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => serve(args),
        Command::Validate { paths } => validate(&paths),
    }
}

/// The fixture `serve` starts from without `--fixture`: no rules, no lake, no settings.
const EMPTY_FIXTURE: &str = r#"{"version": 1}"#;

/// The mock `serve` starts with: the fixture's settings (the CLI's region wins), rules and lake.
/// Without `--fixture` it starts from an empty one, so the mock words its fixes (in the journal,
/// the errors it answers with, the report) in fixture keys rather than Rust, as with a fixture.
fn build_mock(args: &ServeArgs) -> Result<MockLakeFormation, FixtureError> {
    let scenario = match &args.fixture {
        Some(path) => Scenario::from_path(path)?,
        None => Scenario::from_json_str(EMPTY_FIXTURE).expect("the empty fixture loads"),
    };
    // Verification happens on exit, as a report, rather than as a panic when the mock is dropped.
    let mut builder = scenario.configure(MockLakeFormation::builder().verify_on_drop(false));
    if let Some(region) = args.region.clone() {
        builder = builder.region(region);
    }
    if args.no_validate_input {
        builder = builder.validate_input(false);
    }
    let mock = builder.build();
    mock.load_scenario(&scenario);
    Ok(mock)
}

fn serve(args: ServeArgs) -> ExitCode {
    let mock = match build_mock(&args) {
        Ok(mock) => mock,
        Err(e) => {
            eprintln!("lakeformation-mock: cannot load the fixture: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !args.bind.is_loopback() && !args.allow_non_loopback {
        eprintln!(
            "lakeformation-mock: refusing to listen on {}: it is not a loopback address, so other machines \
             could reach the mock and read its journal; listen on 127.0.0.1 (the default --bind), or opt in \
             with --allow-non-loopback",
            args.bind
        );
        return ExitCode::FAILURE;
    }
    // The mock's hints are in fixture keys (see `build_mock`), so the server's are worded for
    // `serve` too (its flags, e.g. `--body-limit`).
    let server = MockServer::builder()
        .ip(args.bind)
        .port(args.port)
        .allow_non_loopback(args.allow_non_loopback)
        .body_limit(args.body_limit)
        .start(&mock);
    let server = match server {
        Ok(server) => server,
        Err(e) => {
            // The error and its source (what the operating system said), each once.
            match std::error::Error::source(&e) {
                Some(source) => eprintln!("{e}: {source}"),
                None => eprintln!("{e}"),
            }
            return ExitCode::FAILURE;
        }
    };
    // Listen before the URL is out: a client may send SIGTERM as soon as it reads it, and a
    // signal that arrives before the handler is installed would kill the server, report unprinted.
    let signals = listen_for_signals();
    let url = server.url();
    {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{url}");
        let _ = stdout.flush();
    }
    eprintln!(
        "lakeformation-mock: serving {} ({} rule(s)) on {url} (control endpoints under {url}{CONTROL_PREFIX}); \
         Ctrl-C or SIGTERM stops it",
        args.fixture.as_ref().map_or_else(|| "an empty mock".to_owned(), |p| p.display().to_string()),
        mock.rule_count()
    );
    if let Err(e) = signals.and_then(Signals::wait) {
        eprintln!("lakeformation-mock: cannot listen for signals ({e}); stopping");
    }
    server.stop();
    let report = mock.report();
    eprintln!("{report}");
    if report.failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Ctrl-C (SIGINT) and, on Unix, SIGTERM, listened for from the moment this is made.
struct Signals {
    runtime: tokio::runtime::Runtime,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

fn listen_for_signals() -> std::io::Result<Signals> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let _context = runtime.enter();
        let interrupt = signal(SignalKind::interrupt())?;
        let terminate = signal(SignalKind::terminate())?;
        drop(_context);
        Ok(Signals { runtime, interrupt, terminate })
    }
    #[cfg(not(unix))]
    Ok(Signals { runtime })
}

impl Signals {
    /// Blocks until one of the signals arrives (or arrived since `listen_for_signals`).
    fn wait(self) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            let Signals { runtime, mut interrupt, mut terminate } = self;
            runtime.block_on(async {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
            });
            Ok(())
        }
        #[cfg(not(unix))]
        self.runtime.block_on(tokio::signal::ctrl_c())
    }
}

/// The files `path` names: itself, or the `*.json` files of a directory, sorted.
fn fixture_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let file = entry?.path();
        if file.is_file() && file.extension().is_some_and(|e| e == "json") {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

fn validate(paths: &[PathBuf]) -> ExitCode {
    let (mut good, mut bad) = (0usize, 0usize);
    for path in paths {
        let files = match fixture_files(path) {
            Ok(files) if files.is_empty() => {
                eprintln!("{}: no *.json fixture in this directory", path.display());
                bad += 1;
                continue;
            }
            Ok(files) => files,
            Err(e) => {
                eprintln!("{}: cannot list the directory: {e}", path.display());
                bad += 1;
                continue;
            }
        };
        for file in files {
            match Scenario::from_path(&file) {
                Ok(scenario) => {
                    good += 1;
                    let lake = if scenario.has_lake() { ", a lake" } else { "" };
                    println!("ok {} ({} rule(s){lake})", file.display(), scenario.rule_count());
                }
                Err(e) => {
                    bad += 1;
                    eprintln!("{e}");
                }
            }
        }
    }
    println!("{good} valid, {bad} invalid");
    if bad == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
