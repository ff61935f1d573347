//! `nc-server`: starts the sync server, or manages cohorts. See `nc-server --help`.
// This is a command-line program: printing the address and cohort codes is its output.
#![allow(clippy::print_stdout)]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use server::cli::{
    Cli, CohortCommand, Command, CouncilCommand, LeadCommand, LimitArgs, ReportCommand, ServeArgs,
};
use server::http::{ClientRates, HttpConfig};
use server::limits::Rate;
use server::net::ConnectionLimits;
use server::pack::ServedPack;
use server::report::suppress::MinGroup;
use server::service::Service;
use server::storage::sqlite::SqliteStorage;
use server::storage::{Quota, Storage};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter: Targets = match cli.log.parse() {
        Ok(filter) => filter,
        Err(e) => {
            eprintln!("nc-server: --log {:?} is not a log filter: {e}", cli.log);
            return ExitCode::FAILURE;
        }
    };
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::stderr().is_terminal()),
        )
        .with(filter)
        .init();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("nc-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn open(cli: &Cli, pack: ServedPack) -> Result<Service<SqliteStorage>, String> {
    let storage = SqliteStorage::open(&cli.db).map_err(|e| e.to_string())?;
    let min = MinGroup::new(cli.min_group).map_err(|e| e.to_string())?;
    Ok(Service::new(storage, pack).with_min_group(min))
}

fn run(cli: &Cli) -> Result<(), String> {
    match &cli.command {
        Some(Command::Council(command)) => council_command(cli, command),
        Some(Command::Cohort(CohortCommand::Add { name, council })) => {
            let service = open(cli, ServedPack::builtin())?;
            let cohort = service
                .add_cohort(name, council.as_deref())
                .map_err(|e| e.to_string())?;
            eprintln!(
                "Created the cohort \"{}\" for {}. Its learners join with this code:",
                cohort.name, cohort.council.name
            );
            println!("{}", cohort.code);
            Ok(())
        }
        Some(Command::Cohort(CohortCommand::List)) => {
            let service = open(cli, ServedPack::builtin())?;
            let cohorts = service.storage().cohorts().map_err(|e| e.to_string())?;
            // Grouped by council: the query sorts by council, so a heading starts each group.
            let mut council = None;
            for cohort in cohorts {
                if council != Some(cohort.council.id) {
                    println!("{}", cohort.council.name);
                    council = Some(cohort.council.id);
                }
                println!("  {}\t{}", cohort.code, cohort.name);
            }
            Ok(())
        }
        Some(Command::Lead(LeadCommand::Add { name, council })) => {
            let service = open(cli, ServedPack::builtin())?;
            let (lead, token) = service.add_lead(council, name).map_err(|e| e.to_string())?;
            eprintln!(
                "Added a lead token for {} at {}. It is shown once; send it to them safely. They send it as \"Authorization: Bearer TOKEN\" to /api/v1/lead/...",
                lead.name, lead.council.name
            );
            println!("{token}");
            Ok(())
        }
        Some(Command::Lead(LeadCommand::Invite { council, email })) => {
            let service = open(cli, ServedPack::builtin())?;
            let council = server::admin::pick_council(service.storage(), Some(council))
                .map_err(|e| e.to_string())?;
            let link = server::console::invite(&service, &council, email, &cli.public_url)
                .map_err(|e| e.to_string())?;
            eprintln!(
                "A sign-in link for {email} at {}. It works once, for 15 minutes:",
                council.name
            );
            println!("{link}");
            Ok(())
        }
        Some(Command::Lead(LeadCommand::List)) => {
            let service = open(cli, ServedPack::builtin())?;
            for lead in service.leads().map_err(|e| e.to_string())? {
                println!("{}\t{}\t{}", lead.id, lead.council.name, lead.name);
            }
            Ok(())
        }
        Some(Command::Lead(LeadCommand::Remove { id })) => {
            let service = open(cli, ServedPack::builtin())?;
            if service.remove_lead(*id).map_err(|e| e.to_string())? {
                eprintln!("Removed lead {id}. Their token no longer works.");
                Ok(())
            } else {
                Err(format!(
                    "there is no lead {id}. See them with: nc-server lead list"
                ))
            }
        }
        Some(Command::Report(command)) => report_command(cli, command),
        Some(Command::Demo) => {
            let service = open(cli, ServedPack::builtin())?;
            let (cohort, learners) = server::demo::seed(&service).map_err(|e| e.to_string())?;
            eprintln!(
                "\"{}\" in {} has {learners} generated learners (demo data).",
                cohort.name, cohort.council.name
            );
            Ok(())
        }
        None => serve(cli, &cli.serve),
    }
}

fn council_command(cli: &Cli, command: &CouncilCommand) -> Result<(), String> {
    let service = open(cli, ServedPack::builtin())?;
    match command {
        CouncilCommand::Add { name } => {
            let council = service.add_council(name).map_err(|e| e.to_string())?;
            eprintln!(
                "Added {}. Give it a cohort with: nc-server cohort add NAME --council \"{}\"",
                council.name, council.name
            );
        }
        CouncilCommand::Rename { from, to } => {
            let council = service
                .rename_council(from, to)
                .map_err(|e| e.to_string())?;
            eprintln!("Renamed \"{from}\" to \"{}\".", council.name);
        }
        CouncilCommand::List => {
            for council in service.storage().councils().map_err(|e| e.to_string())? {
                println!("{}", council.name);
            }
        }
    }
    Ok(())
}

fn report_command(cli: &Cli, command: &ReportCommand) -> Result<(), String> {
    use server::report::{cohort, csv, read};
    let service = open(cli, ServedPack::builtin())?;
    let storage = service.storage();
    let content = service.content();
    let min = service.min_group();
    let find = |code: &str| {
        let code = server::secrets::normalize_code(code);
        storage
            .cohort_by_code(&code)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| {
                format!("no cohort has the code {code}. See them with: nc-server cohort list")
            })
    };
    let text = match command {
        ReportCommand::Cohort { code, csv: as_csv } => {
            let found = find(code)?;
            let (about, learners) = read::cohort(storage, &found.council, found.id, content)
                .map_err(|e| e.to_string())?;
            let report = cohort::progress(about, &learners, content);
            eprintln!(
                "{} of {} members share their progress. The others are counted here, never named.",
                report.sharing, report.members
            );
            if *as_csv {
                csv::cohort_progress(&report)
            } else {
                to_json(&report)?
            }
        }
        ReportCommand::Usefulness { code, csv: as_csv } => {
            let found = find(code)?;
            let (about, learners) = read::cohort(storage, &found.council, found.id, content)
                .map_err(|e| e.to_string())?;
            let rows = cohort::usefulness(&learners, content, min);
            if *as_csv {
                csv::usefulness(&rows)
            } else {
                to_json(&server::lead::Usefulness {
                    cohort: about,
                    min_group: min.get(),
                    rows,
                })?
            }
        }
        ReportCommand::Baseline {
            council,
            csv: as_csv,
        } => {
            let council = council
                .as_deref()
                .map(|name| server::admin::pick_council(storage, Some(name)))
                .transpose()
                .map_err(|e| e.to_string())?;
            let report = read::baseline(storage, council.as_ref(), content, min)
                .map_err(|e| e.to_string())?;
            if *as_csv {
                csv::baseline(&report)
            } else {
                to_json(&report)?
            }
        }
    };
    print!("{text}");
    Ok(())
}

fn to_json(report: &impl serde::Serialize) -> Result<String, String> {
    serde_json::to_string_pretty(report)
        .map(|mut text| {
            text.push('\n');
            text
        })
        .map_err(|e| e.to_string())
}

fn http_config(cli: &Cli, limits: &LimitArgs) -> HttpConfig {
    HttpConfig {
        rates: ClientRates {
            enrol: Rate::per_hour(limits.enrol_limit),
            pair_start: Rate::per_hour(limits.pair_start_limit),
            pair_complete: Rate::per_hour(limits.pairing_limit),
        },
        trusted_proxies: limits.trusted_proxy.clone(),
        request_timeout: Some(Duration::from_secs(limits.request_timeout)),
        body_timeout: Some(Duration::from_secs(limits.body_timeout)),
        console: server::console::ConsoleConfig {
            secure_cookies: cli.serve.behind_tls,
            public_url: cli.public_url.clone(),
        },
    }
}

fn connection_limits(limits: &LimitArgs) -> ConnectionLimits {
    ConnectionLimits {
        header_timeout: Duration::from_secs(limits.header_timeout),
        read_timeout: Duration::from_secs(limits.io_timeout),
        write_timeout: Duration::from_secs(limits.io_timeout),
        max_connections: limits.max_connections,
        max_connections_per_client: limits.max_connections_per_client,
    }
}

fn serve(cli: &Cli, args: &ServeArgs) -> Result<(), String> {
    let pack = match &args.pack {
        Some(dir) => ServedPack::load(dir, args.pack_fingerprint.as_deref())?,
        None => ServedPack::builtin(),
    };
    tracing::info!(pack = %pack.id, version = pack.version, "serving content pack");
    let limits = &args.limits;
    let service = open(cli, pack)?
        .with_pairing_ttl_ms(args.pairing_ttl.saturating_mul(1000))
        .with_quota(Quota {
            records: limits.quota_records,
            bytes: limits.quota_mb.saturating_mul(1024 * 1024),
        });
    if let Some(name) = &args.demo_cohort {
        let cohort = service
            .ensure_cohort(server::admin::DEMO_COUNCIL, name)
            .map_err(|e| e.to_string())?;
        println!("Cohort \"{}\": join with code {}", cohort.name, cohort.code);
    }
    let service = Arc::new(service);
    let app = server::http::router(
        Arc::clone(&service),
        args.web_dir.as_deref(),
        &http_config(cli, limits),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", args.bind))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("cannot read the address in use: {e}"))?;
        // Tests and scripts read this line to learn the port when --bind asks for port 0.
        println!("nc-server listening on http://{addr}");
        let _ = std::io::stdout().flush();
        tracing::info!(%addr, db = %cli.db.display(), "listening");
        server::net::serve(
            listener,
            app,
            connection_limits(limits),
            server::shutdown::signal(),
        )
        .await
        .map_err(|e| format!("the server failed: {e}"))
    });
    // Blocking work still running after the grace period is given a moment, not forever.
    runtime.shutdown_timeout(Duration::from_secs(5));
    let stats = service.storage().writer_stats();
    tracing::info!(
        writes = stats.jobs.load(std::sync::atomic::Ordering::Relaxed),
        transactions = stats
            .transactions
            .load(std::sync::atomic::Ordering::Relaxed),
        "stopped"
    );
    // Dropping the last handle closes the database after the writer's queue is empty.
    drop(service);
    served
}
