//! The command line: flags, environment variables and subcommands, with the help text.

use std::net::SocketAddr;
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
  nc-server cohort add \"Leeds 2027 spring\"      create a cohort and print its code
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

    /// How long a pairing code stays valid, in seconds.
    #[arg(
        long,
        env = "NC_PAIRING_TTL",
        value_name = "SECONDS",
        default_value_t = 600
    )]
    pub pairing_ttl: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage cohorts: the groups learners join with a code.
    #[command(subcommand)]
    Cohort(CohortCommand),
}

#[derive(Debug, Subcommand)]
pub enum CohortCommand {
    /// Create a cohort and print its code, to give to its learners.
    Add {
        /// The cohort's name, shown to learners when they join.
        name: String,
    },
    /// List every cohort with its code.
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
            Some(Command::Cohort(CohortCommand::Add { ref name })) if name == "Pilot"
        ));
        assert!(
            Cli::try_parse_from(["nc-server", "--bind", "127.0.0.1:1", "cohort", "list"]).is_err()
        );
    }
}
