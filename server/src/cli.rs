//! The command line: flags, environment variables and subcommands, with the help text.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The Networked Councillor sync server.
#[derive(Debug, Parser)]
#[command(
    name = "nc-server",
    version,
    about = "The Networked Councillor sync server: enrolment, device pairing, progress sync and content packs, over HTTP, stored in one SQLite file.",
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "\
With no command, it serves. Every flag can also be set with the environment variable shown.

Examples:
  nc-server --demo-cohort                       serve on 127.0.0.1:8080, with a demo cohort
  nc-server council add \"Leeds City Council\"   add a council
  nc-server cohort add \"Spring 2027\" --council \"Leeds City Council\"
                                                create a cohort and print its code
  nc-server --db /var/lib/nc/server.sqlite3 --bind 0.0.0.0:8080 --web-dir web/dist

The API is under /api/v1 (see server/openapi.yaml); GET /healthz answers 200 when the server is up.
SIGTERM or Ctrl-C stops it after the requests in flight."
)]
pub struct Cli {
    /// The SQLite database file. Created, with its tables, on first run.
    #[arg(
        long,
        env = "NC_DB",
        default_value = "nc-server.sqlite3",
        global = true
    )]
    pub db: PathBuf,

    /// What to log: a level (error, warn, info, debug, trace), or per module, e.g.
    /// `info,server=debug,tower_http=debug` (the last shows every request).
    #[arg(long, env = "NC_LOG", default_value = "info", global = true)]
    pub log: String,

    /// The smallest group of learners a report shows a figure about; smaller groups are
    /// hidden. At least 3.
    #[arg(
        long,
        env = "NC_MIN_GROUP",
        value_name = "N",
        default_value_t = 5,
        value_parser = clap::value_parser!(u32).range(3..),
        global = true
    )]
    pub min_group: u32,

    /// The server's address as learners and leads reach it, printed on workshop handouts and in
    /// sign-in links.
    #[arg(
        long,
        env = "NC_PUBLIC_URL",
        value_name = "URL",
        default_value = "http://127.0.0.1:8080",
        global = true
    )]
    pub public_url: String,

    #[command(flatten)]
    pub serve: ServeArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address and port to listen on. Port 0 picks a free port; the address in use is
    /// printed on start.
    #[arg(long, env = "NC_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Serve a newer content pack from this source folder instead of the one built in. It is
    /// checked like the build checks the default pack; if it has problems, the server lists them
    /// by file and line and does not start.
    #[arg(long, env = "NC_PACK", value_name = "DIR")]
    pub pack: Option<PathBuf>,

    /// The source-document fingerprint for --pack [default: seeds.fingerprint beside DIR].
    #[arg(
        long,
        env = "NC_PACK_FINGERPRINT",
        value_name = "FILE",
        requires = "pack"
    )]
    pub pack_fingerprint: Option<PathBuf>,

    /// Also serve the web app from this folder (its index.html answers any other path).
    #[arg(long, env = "NC_WEB_DIR", value_name = "DIR")]
    pub web_dir: Option<PathBuf>,

    /// Make sure a cohort with this name exists, and print its code on start.
    #[arg(
        long,
        env = "NC_DEMO_COHORT",
        value_name = "NAME",
        num_args = 0..=1,
        default_missing_value = "Demo cohort"
    )]
    pub demo_cohort: Option<String>,

    /// The server is reached over HTTPS (through a proxy that ends TLS): the console's cookie
    /// is then marked Secure, so a browser never sends it over plain HTTP.
    #[arg(long, env = "NC_BEHIND_TLS")]
    pub behind_tls: bool,

    /// How long a pairing code stays valid, in seconds.
    #[arg(
        long,
        env = "NC_PAIRING_TTL",
        value_name = "SECONDS",
        default_value_t = 600
    )]
    pub pairing_ttl: u64,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Timeouts, connection caps, rate limits and quotas. The defaults suit one council's server
/// on the internet; SECURITY.md explains each.
#[derive(Debug, Args)]
#[command(next_help_heading = "Limits")]
pub struct LimitArgs {
    /// Seconds a client has to send a request's head; also how long an idle kept-alive
    /// connection stays open.
    #[arg(
        long,
        env = "NC_HEADER_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 10
    )]
    pub header_timeout: u64,

    /// Seconds a request's body may take to arrive, in all.
    #[arg(
        long,
        env = "NC_BODY_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 30
    )]
    pub body_timeout: u64,

    /// Seconds a whole request may take, from its head to its answer.
    #[arg(
        long,
        env = "NC_REQUEST_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 60
    )]
    pub request_timeout: u64,

    /// Seconds the server waits for the next bytes from a client while reading, or for the
    /// client to take the next bytes of an answer, before closing the connection.
    #[arg(
        long,
        env = "NC_IO_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 15
    )]
    pub io_timeout: u64,

    /// Connections open at once, in all.
    #[arg(
        long,
        env = "NC_MAX_CONNECTIONS",
        value_name = "N",
        default_value_t = 4096
    )]
    pub max_connections: usize,

    /// Connections open at once from one client address (an IPv6 /64 counts as one).
    #[arg(
        long,
        env = "NC_MAX_CONNECTIONS_PER_CLIENT",
        value_name = "N",
        default_value_t = 64
    )]
    pub max_connections_per_client: usize,

    /// Enrolments (joining with a programme code) per client address per hour.
    #[arg(long, env = "NC_ENROL_LIMIT", value_name = "N", default_value_t = 60)]
    pub enrol_limit: u32,

    /// Pairing-code attempts (right or wrong) per client address per hour.
    #[arg(long, env = "NC_PAIRING_LIMIT", value_name = "N", default_value_t = 60)]
    pub pairing_limit: u32,

    /// New pairing codes per client address per hour (each learner may also make 10 an hour).
    #[arg(
        long,
        env = "NC_PAIR_START_LIMIT",
        value_name = "N",
        default_value_t = 60
    )]
    pub pair_start_limit: u32,

    /// Records one learner may store.
    #[arg(
        long,
        env = "NC_QUOTA_RECORDS",
        value_name = "N",
        default_value_t = 200_000
    )]
    pub quota_records: u64,

    /// Megabytes of record bodies one learner may store.
    #[arg(long, env = "NC_QUOTA_MB", value_name = "MB", default_value_t = 64)]
    pub quota_mb: u64,

    /// A reverse proxy whose X-Forwarded-For header names the real client; repeat for each.
    /// Without it the header is ignored, so clients cannot pick the address limits count.
    #[arg(
        long,
        env = "NC_TRUSTED_PROXY",
        value_name = "IP",
        value_delimiter = ','
    )]
    pub trusted_proxy: Vec<IpAddr>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage councils: each runs its own cohorts.
    #[command(subcommand)]
    Council(CouncilCommand),
    /// Manage cohorts: the groups learners join with a code.
    #[command(subcommand)]
    Cohort(CohortCommand),
    /// Manage programme leads: officers who read their council's reports.
    #[command(subcommand)]
    Lead(LeadCommand),
    /// Add a demo cohort of 20 generated learners to the demo council, for trying the console.
    /// Does nothing if it already has learners.
    Demo,
    /// Print a report, as JSON or (with --csv) for a spreadsheet. Small groups are hidden.
    #[command(subcommand)]
    Report(ReportCommand),
}

#[derive(Debug, Subcommand)]
pub enum LeadCommand {
    /// Give a programme lead a token for their council's reports. It is printed once and
    /// stored only as a hash: keep it somewhere safe.
    Add {
        /// Who the token is for, such as "Sam Jones, member services".
        name: String,
        /// The council whose reports they read.
        #[arg(long, value_name = "NAME")]
        council: String,
    },
    /// Print a one-time link that signs a lead in to the console. It works once, for 15
    /// minutes. Send it to them safely.
    Invite {
        /// The council whose console they sign in to.
        #[arg(long, value_name = "NAME")]
        council: String,
        /// Their email address, shown in the console and its audit log.
        #[arg(long, value_name = "ADDRESS")]
        email: String,
    },
    /// List every lead's token by number, name and council (never the token itself).
    List,
    /// Take a lead's token away: it stops working at once.
    Remove {
        /// The lead's number, from `lead list`.
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Each member's progress, for members who share it.
    Cohort {
        /// The cohort's join code (see `cohort list`).
        code: String,
        /// Write CSV instead of JSON.
        #[arg(long)]
        csv: bool,
    },
    /// How useful a cohort's members found each lesson and checklist.
    Usefulness {
        /// The cohort's join code (see `cohort list`).
        code: String,
        /// Write CSV instead of JSON.
        #[arg(long)]
        csv: bool,
    },
    /// Stages and mean area scores of all councils, and of one council beside them.
    Baseline {
        /// Show this council beside all councils.
        #[arg(long, value_name = "NAME")]
        council: Option<String>,
        /// Write CSV instead of JSON.
        #[arg(long)]
        csv: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CouncilCommand {
    /// Add a council.
    Add {
        /// The council's name, as its officers and members know it.
        name: String,
    },
    /// Rename a council, for example the "Default council" an upgrade made.
    Rename {
        /// Its name now.
        from: String,
        /// Its new name.
        to: String,
    },
    /// List every council.
    List,
}

#[derive(Debug, Subcommand)]
pub enum CohortCommand {
    /// Create a cohort and print its code, to give to its learners.
    Add {
        /// The cohort's name, shown to learners when they join.
        name: String,
        /// The council that runs it. Needed when there is more than one council.
        #[arg(long, value_name = "NAME")]
        council: Option<String>,
    },
    /// List every cohort with its code, grouped by council.
    List,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_command_means_serve_with_defaults() {
        let cli = Cli::try_parse_from(["nc-server"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.serve.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(cli.serve.demo_cohort, None);
        assert_eq!(cli.serve.limits.header_timeout, 10);
        assert!(cli.serve.limits.trusted_proxy.is_empty());
    }

    #[test]
    fn the_smallest_group_is_never_below_three() {
        assert!(Cli::try_parse_from(["nc-server", "--min-group", "2"]).is_err());
        let cli =
            Cli::try_parse_from(["nc-server", "report", "baseline", "--min-group", "3"]).unwrap();
        assert_eq!(cli.min_group, 3);
    }

    #[test]
    fn trusted_proxies_are_a_list() {
        let cli = Cli::try_parse_from(["nc-server", "--trusted-proxy", "10.0.0.1,::1"]).unwrap();
        assert_eq!(cli.serve.limits.trusted_proxy.len(), 2);
        assert!(Cli::try_parse_from(["nc-server", "--trusted-proxy", "proxy.local"]).is_err());
    }

    #[test]
    fn demo_cohort_takes_an_optional_name() {
        let cli = Cli::try_parse_from(["nc-server", "--demo-cohort"]).unwrap();
        assert_eq!(cli.serve.demo_cohort.as_deref(), Some("Demo cohort"));
        let cli = Cli::try_parse_from(["nc-server", "--demo-cohort", "Pilot"]).unwrap();
        assert_eq!(cli.serve.demo_cohort.as_deref(), Some("Pilot"));
    }

    #[test]
    fn cohort_add_takes_a_name_and_the_global_db() {
        let cli =
            Cli::try_parse_from(["nc-server", "cohort", "add", "Pilot", "--db", "x.db"]).unwrap();
        assert_eq!(cli.db, PathBuf::from("x.db"));
        assert!(matches!(
            cli.command,
            Some(Command::Cohort(CohortCommand::Add { ref name, council: None })) if name == "Pilot"
        ));
        let cli =
            Cli::try_parse_from(["nc-server", "cohort", "add", "Pilot", "--council", "Leeds"])
                .unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Cohort(CohortCommand::Add { council: Some(ref c), .. })) if c == "Leeds"
        ));
        assert!(
            Cli::try_parse_from(["nc-server", "--bind", "127.0.0.1:1", "cohort", "list"]).is_err()
        );
    }
}
