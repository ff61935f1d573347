//! The real `nc-server` binary, started for a test on a free port with its own database.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::TempDir;
use super::client::Client;
use super::db::DbContents;

/// How long the binary may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A running server. Dropping it kills the process and removes its folder.
#[derive(Debug)]
pub struct TestServer {
    binary: PathBuf,
    args: Vec<String>,
    child: Option<Child>,
    addr: SocketAddr,
    /// The code of the cohort made with `--demo-cohort`.
    pub cohort_code: String,
    dir: TempDir,
}

impl TestServer {
    /// Starts `binary` (in a crate's own tests, `env!("CARGO_BIN_EXE_nc-server")`) with a new
    /// database and a demo cohort.
    pub fn start(binary: impl AsRef<Path>) -> Self {
        Self::start_with(binary, &[])
    }

    /// As [`start`](Self::start), with extra flags.
    pub fn start_with(binary: impl AsRef<Path>, args: &[&str]) -> Self {
        let dir = TempDir::new("server").expect("a temporary folder");
        let mut server = Self {
            binary: binary.as_ref().to_path_buf(),
            args: args.iter().map(ToString::to_string).collect(),
            child: None,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            cohort_code: String::new(),
            dir,
        };
        server.launch().unwrap_or_else(|e| panic!("{e}"));
        server
    }

    /// Runs the binary once with `args` against this server's database (say, `cohort add`),
    /// and returns its standard output.
    pub fn run_command(&self, args: &[&str]) -> Result<String, String> {
        let output = Command::new(&self.binary)
            .args(args)
            .arg("--db")
            .arg(self.db_path())
            .output()
            .map_err(|e| e.to_string())?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    }

    fn launch(&mut self) -> Result<(), String> {
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())
            .map_err(|e| e.to_string())?;
        let mut child = Command::new(&self.binary)
            .arg("--db")
            .arg(self.db_path())
            .arg("--bind")
            .arg(self.addr.to_string())
            .arg("--demo-cohort")
            .args(&self.args)
            .env("NC_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.binary.display()))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        self.child = Some(child);
        // Read the start-up lines on a thread, so a server that never prints cannot hang the test.
        let (lines, received) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // Once the test stops listening, keep draining so the server never blocks on a
                // full pipe.
                let _ = lines.send(line);
            }
        });
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(line) = received.recv_timeout(left) else {
                let status = self
                    .child
                    .as_mut()
                    .and_then(|c| c.try_wait().ok().flatten());
                return Err(format!(
                    "the server did not start ({}). Its log:\n{}",
                    status.map_or("still running".to_owned(), |s| s.to_string()),
                    self.log()
                ));
            };
            if let Some(code) = line.split("join with code ").nth(1) {
                code.trim().clone_into(&mut self.cohort_code);
            }
            if let Some(addr) = line.strip_prefix("nc-server listening on http://") {
                self.addr = addr.trim().parse().map_err(|e| format!("{addr}: {e}"))?;
                return Ok(());
            }
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("server.sqlite3")
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// Everything the server has logged so far, across restarts.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    /// What the database holds now.
    pub fn db(&self) -> DbContents {
        DbContents::read(&self.db_path()).expect("the database can be read")
    }

    fn signal(&self, signal: &str) {
        if let Some(pid) = self.pid() {
            let status = Command::new("kill")
                .args([signal, &pid.to_string()])
                .status()
                .expect("kill runs");
            assert!(status.success(), "kill {signal} {pid} failed");
        }
    }

    /// SIGKILL, by pid: the process ends at once, mid-request or not.
    pub fn kill(&mut self) {
        self.signal("-KILL");
        if let Some(mut child) = self.child.take() {
            let _ = child.wait();
        }
    }

    /// Sends SIGTERM without waiting: the server starts its graceful stop.
    pub fn terminate(&self) {
        self.signal("-TERM");
    }

    /// Waits for the process to end (after [`terminate`](Self::terminate)), at most `timeout`.
    pub fn wait(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            let child = self.child.as_mut()?;
            if let Ok(Some(status)) = child.try_wait() {
                self.child = None;
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }

    /// Starts the binary again on the same database and port, after a kill or a stop.
    pub fn restart(&mut self) {
        if self.child.is_some() {
            self.kill();
        }
        self.launch().unwrap_or_else(|e| panic!("{e}"));
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
