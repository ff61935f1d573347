//! The sync server's check beyond `cargo test`: schemathesis against the live binary.
//!
//! `cargo test` already runs the server's own tests (`server/tests`). This step starts the
//! real `nc-server` on 127.0.0.1 with a fresh database, enrols a device, and lets schemathesis
//! generate requests from `server/openapi.yaml`: every answer must match the description, no
//! request may get a 5xx, and the server must log no panic and stop cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::setup;
use crate::step::{cmd, root, run, target_dir};

/// Generated cases per operation: enough to cover each schema's corners in about 15 seconds.
const MAX_EXAMPLES: &str = "200";

/// A fixed seed, so a failure in CI reproduces on a laptop.
const SEED: &str = "1";

/// The running server; stopped (SIGTERM, then SIGKILL if it hangs) when dropped.
struct Server {
    child: Child,
    addr: String,
    cohort_code: String,
    log: PathBuf,
}

impl Server {
    fn start(binary: &Path, work: &Path) -> Result<Self, String> {
        let log = work.join("server.log");
        let log_file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        let mut child = Command::new(binary)
            .arg("--db")
            .arg(work.join("server.sqlite3"))
            .args(["--bind", "127.0.0.1:0", "--demo-cohort"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut server = Self {
            child,
            addr: String::new(),
            cohort_code: String::new(),
            log,
        };
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| e.to_string())?;
            if let Some(code) = line.split("join with code ").nth(1) {
                code.trim().clone_into(&mut server.cohort_code);
            }
            if let Some(addr) = line.strip_prefix("nc-server listening on http://") {
                addr.trim().clone_into(&mut server.addr);
                return Ok(server);
            }
        }
        Err(format!(
            "nc-server stopped before listening:\n{}",
            std::fs::read_to_string(&server.log).unwrap_or_default()
        ))
    }

    /// Enrols a device and returns its token, with a plain socket: xtask has no dependencies.
    fn enrol(&self) -> Result<String, String> {
        let body = format!(
            r#"{{"cohort_code":"{}","device":"schemathesis"}}"#,
            self.cohort_code
        );
        let mut stream = TcpStream::connect(&self.addr).map_err(|e| e.to_string())?;
        write!(
            stream,
            "POST /api/v1/enrol HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .map_err(|e| e.to_string())?;
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .map_err(|e| e.to_string())?;
        if !answer.starts_with("HTTP/1.1 201") {
            return Err(format!("enrolment failed: {answer}"));
        }
        answer
            .split(r#""token":""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(ToOwned::to_owned)
            .ok_or_else(|| format!("no token in {answer}"))
    }

    /// SIGTERM, and a clean exit within ten seconds.
    fn stop(mut self) -> Result<String, String> {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
                break status;
            }
            if Instant::now() > deadline {
                return Err("nc-server did not stop within 10 s of SIGTERM".to_owned());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        if !status.success() {
            return Err(format!("nc-server exited with {status}:\n{log}"));
        }
        Ok(log)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A programme lead's token for the demo council, from `nc-server lead add`.
fn lead_token(binary: &Path, work: &Path) -> Result<String, String> {
    let output = Command::new(binary)
        .args([
            "lead",
            "add",
            "schemathesis",
            "--council",
            "Demo council",
            "--db",
        ])
        .arg(work.join("server.sqlite3"))
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "nc-server lead add failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Runs schemathesis against the live server: every check it has, on every operation.
pub(crate) fn api_conformance() -> Result<(), String> {
    let schemathesis = setup::schemathesis()?;
    run(
        "build nc-server",
        &mut cmd(
            "cargo",
            &["build", "--locked", "-p", "server", "--bin", "nc-server"],
        ),
    )?;
    let work = target_dir().join("schemathesis");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let server = Server::start(&target_dir().join("debug/nc-server"), &work)?;
    let token = server.enrol()?;

    // A copy of the description with the live cohort code as the enrolment example, so the
    // generated requests also reach a successful enrolment, not only 404s.
    let spec = std::fs::read_to_string(root().join("server/openapi.yaml"))
        .map_err(|e| format!("server/openapi.yaml: {e}"))?;
    let marker = "hyphens do not matter.\n";
    if !spec.contains(marker) {
        return Err(format!("server/openapi.yaml no longer has {marker:?}"));
    }
    let spec = spec.replacen(
        marker,
        &format!("{marker}          example: {}\n", server.cohort_code),
        1,
    );
    let spec_path = work.join("openapi.yaml");
    std::fs::write(&spec_path, spec).map_err(|e| e.to_string())?;

    let url = format!("http://{}", server.addr);
    let auth = format!("Authorization: Bearer {token}");
    let spec_arg = spec_path.to_string_lossy().into_owned();
    let base = [
        "run", &spec_arg, "--url", &url, "-H", &auth, "--checks", "all", "--seed", SEED,
    ];
    // Deleting the account revokes the token, so that operation runs last, on its own.
    let mut everything_else = Command::new(&schemathesis);
    everything_else
        .args(base)
        .args(["--exclude-method", "DELETE", "--max-examples", MAX_EXAMPLES])
        .current_dir(&work);
    run(
        "schemathesis: every route but DELETE against server/openapi.yaml",
        &mut everything_else,
    )?;
    // The lead API with a programme lead's token, so its answers are real reports, not 401s.
    let lead = lead_token(&target_dir().join("debug/nc-server"), &work)?;
    let lead_auth = format!("Authorization: Bearer {lead}");
    let mut lead_run = Command::new(&schemathesis);
    lead_run
        .args([
            "run", &spec_arg, "--url", &url, "-H", &lead_auth, "--checks", "all",
        ])
        .args(["--seed", SEED, "--include-path-regex", "^/api/v1/lead/"])
        .args(["--max-examples", MAX_EXAMPLES])
        .current_dir(&work);
    run(
        "schemathesis: the lead API, with a lead's token",
        &mut lead_run,
    )?;
    let mut delete = Command::new(&schemathesis);
    delete
        .args(base)
        .args(["--include-method", "DELETE", "--max-examples", "20"])
        .current_dir(&work);
    run("schemathesis: DELETE /api/v1/account", &mut delete)?;

    let log = server.stop()?;
    if log.contains("panicked") || log.contains(" ERROR ") {
        return Err(format!(
            "nc-server logged errors during the schemathesis run:\n{log}"
        ));
    }
    println!("    nc-server answered every generated request, logged no error and stopped cleanly");
    Ok(())
}
