//! The one writer: a thread that owns the write connection and commits in groups.
//!
//! SQLite allows one writer at a time, and a durable commit costs an `fsync`. Rather than have
//! request threads queue for the write lock and each pay for its own sync, they hand their work
//! to this thread. It takes everything waiting, runs each job inside its own savepoint, and
//! commits once for all of them: one `fsync` for many requests (group commit). A job's answer
//! is released only after the commit that made it durable.
//!
//! One writer also keeps cursors safe: sequence numbers are given out in commit order, so a
//! reader can never see record N+1 without record N.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

use crate::storage::StorageError;

/// Most jobs in one transaction, so that one commit never grows without bound under load.
const MAX_GROUP: usize = 512;

/// Work for the writer. `run` happens inside the group's transaction; `finish` after the commit.
trait Job: Send {
    /// Returns whether the job succeeded; a failed job's changes are rolled back on their own.
    fn run(&mut self, conn: &Connection) -> bool;
    fn finish(self: Box<Self>, committed: Result<(), String>);
    /// Whether what the job deleted must also leave the write-ahead log before it answers.
    fn erases(&self) -> bool;
}

struct Typed<T, F> {
    erase: bool,
    work: Option<F>,
    result: Option<Result<T, StorageError>>,
    reply: mpsc::SyncSender<Result<T, StorageError>>,
}

impl<T, F> Job for Typed<T, F>
where
    T: Send,
    F: FnOnce(&Connection) -> Result<T, StorageError> + Send,
{
    fn run(&mut self, conn: &Connection) -> bool {
        let Some(work) = self.work.take() else {
            return false;
        };
        // A panic in one job must not take down the writer, and with it every later write.
        let result = catch_unwind(AssertUnwindSafe(|| work(conn))).unwrap_or_else(|_| {
            Err(StorageError::Other(
                "a database job panicked; its changes were rolled back".to_owned(),
            ))
        });
        let ok = result.is_ok();
        self.result = Some(result);
        ok
    }

    fn finish(self: Box<Self>, committed: Result<(), String>) {
        let result = match (committed, self.result) {
            (Ok(()), Some(result)) => result,
            (Err(e), Some(Ok(_))) => Err(StorageError::Other(format!("commit failed: {e}"))),
            (_, Some(Err(e))) => Err(e),
            (_, None) => Err(StorageError::Other("the job never ran".to_owned())),
        };
        // The caller may have gone away; then nobody needs the answer.
        let _ = self.reply.send(result);
    }

    fn erases(&self) -> bool {
        self.erase
    }
}

/// How much grouping happened: jobs per transaction is the saving group commit makes.
#[derive(Debug, Default)]
pub struct WriterStats {
    pub jobs: AtomicU64,
    pub transactions: AtomicU64,
}

pub(super) struct Writer {
    sender: Option<mpsc::Sender<Box<dyn Job>>>,
    thread: Option<JoinHandle<()>>,
    stats: Arc<WriterStats>,
}

impl Writer {
    pub(super) fn start(conn: Connection) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel::<Box<dyn Job>>();
        let stats = Arc::new(WriterStats::default());
        let thread_stats = Arc::clone(&stats);
        let thread = std::thread::Builder::new()
            .name("nc-db-writer".to_owned())
            .spawn(move || write_loop(&conn, &receiver, &thread_stats))?;
        Ok(Self {
            sender: Some(sender),
            thread: Some(thread),
            stats,
        })
    }

    /// Runs `work` in the writer's next transaction and waits until it is committed.
    pub(super) fn run<T, F>(&self, work: F) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StorageError> + Send + 'static,
    {
        self.submit(false, work)
    }

    /// As [`Writer::run`], for work that deletes what must not stay readable on disk: after
    /// the commit, the write-ahead log is checkpointed and emptied, so the deleted rows survive
    /// in neither file (`secure_delete` clears them in the database itself). If readers still
    /// hold the log, the answer goes out anyway (the deletion is committed) and the writer
    /// empties the log as soon as they let go, between other work, never waiting on them.
    pub(super) fn run_and_erase<T, F>(&self, work: F) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StorageError> + Send + 'static,
    {
        self.submit(true, work)
    }

    fn submit<T, F>(&self, erase: bool, work: F) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let (reply, answer) = mpsc::sync_channel(1);
        let job = Box::new(Typed {
            erase,
            work: Some(work),
            result: None,
            reply,
        });
        self.sender
            .as_ref()
            .ok_or_else(|| StorageError::Other("the database is closing".to_owned()))?
            .send(job)
            .map_err(|_| StorageError::Other("the database writer has stopped".to_owned()))?;
        answer
            .recv()
            .map_err(|_| StorageError::Other("the database writer has stopped".to_owned()))?
    }

    pub(super) fn stats(&self) -> &WriterStats {
        &self.stats
    }
}

impl Drop for Writer {
    /// Closing the queue lets the thread finish every job already sent, then stop.
    fn drop(&mut self) {
        self.sender.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn write_loop(conn: &Connection, receiver: &mpsc::Receiver<Box<dyn Job>>, stats: &WriterStats) {
    // Set once an erasing job's rows may still sit in the write-ahead log; cleared once the
    // log has been emptied. While set, the loop wakes up on its own to try again.
    let mut erase_pending = false;
    loop {
        let first = if erase_pending {
            match receiver.recv_timeout(ERASE_RETRY) {
                Ok(job) => job,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    erase_pending = !try_empty_log(conn);
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match receiver.recv() {
                Ok(job) => job,
                Err(_) => break,
            }
        };
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match receiver.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let committed = run_group(conn, &mut group);
        if let Err(e) = &committed {
            tracing::error!(error = %e, jobs = group.len(), "a group of database writes failed");
        } else if erase_pending || group.iter().any(|job| job.erases()) {
            // One attempt that never waits: readers still on the old log must not stall this
            // writer, and with it every other learner's sync. The deletion itself is
            // committed either way, so its job succeeds; if readers held on, the loop tries
            // again until the log is empty.
            erase_pending = !try_empty_log(conn);
        }
        stats.transactions.fetch_add(1, Ordering::Relaxed);
        stats.jobs.fetch_add(group.len() as u64, Ordering::Relaxed);
        for job in group {
            job.finish(committed.clone());
        }
    }
    // Closing: a last, patient attempt, so a stop does not leave deleted rows in the log.
    if erase_pending && !checkpoint_truncate(conn) {
        tracing::error!(
            "stopping with a deleted account's rows still in the write-ahead log; the next start's first checkpoint removes them"
        );
    }
}

/// How often the writer tries again to empty the log after a deletion, while readers hold it.
const ERASE_RETRY: Duration = Duration::from_millis(200);

/// Copies the write-ahead log into the database and truncates it to nothing, so the frames
/// that held deleted rows are gone, without waiting for readers. Returns whether it did.
fn try_empty_log(conn: &Connection) -> bool {
    // The connection's busy timeout would make the checkpoint wait for readers; for this one
    // statement it is zero, then it is put back.
    if conn.busy_timeout(Duration::ZERO).is_err() {
        return false;
    }
    let emptied = checkpoint_truncate(conn);
    let _ = conn.busy_timeout(super::BUSY_TIMEOUT);
    emptied
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`, waiting for readers as long as the busy timeout says.
fn checkpoint_truncate(conn: &Connection) -> bool {
    // The first column is 1 when readers kept the checkpoint from finishing.
    match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(0) => true,
        Ok(_) => {
            tracing::info!("readers still hold the write-ahead log; emptying it again shortly");
            false
        }
        Err(error) => {
            tracing::warn!(%error, "could not empty the write-ahead log; trying again shortly");
            false
        }
    }
}

fn run_group(conn: &Connection, group: &mut [Box<dyn Job>]) -> Result<(), String> {
    conn.execute_batch("BEGIN IMMEDIATE")
        .map_err(|e| e.to_string())?;
    for job in group.iter_mut() {
        let step = conn.execute_batch("SAVEPOINT job").and_then(|()| {
            if job.run(conn) {
                conn.execute_batch("RELEASE job")
            } else {
                conn.execute_batch("ROLLBACK TO job; RELEASE job")
            }
        });
        if let Err(e) = step {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e.to_string());
        }
    }
    conn.execute_batch("COMMIT").map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        e.to_string()
    })
}
