//! A small blocking HTTP/1.1 client over a plain socket: one connection per request.
//!
//! Tests need to send what no well-behaved client library would (bad JSON, lying lengths, bodies
//! cut off mid-way), so requests can be raw bytes. Typed calls cover every route for the rest.

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpStream};
use std::time::Duration;

use serde::de::DeserializeOwned;
use shared::record::StoredRecord;
use shared::sync::protocol::route;
use shared::sync::wire::{
    API, EnrolRequest, Enrolled, ErrorBody, PairRequest, PairingCode, SyncRequest, SyncResponse,
};

/// How long a test waits for an answer before calling the server stuck.
const TIMEOUT: Duration = Duration::from_secs(30);

/// An HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
        serde_json::from_slice(&self.body)
            .map_err(|e| format!("{e} in a {} response: {}", self.status, self.text()))
    }

    /// The JSON error body, if this is one (any other shape is `None`).
    pub fn error(&self) -> Option<ErrorBody> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// A request that did not get the answer it wanted.
#[derive(Debug)]
pub enum Failed {
    /// No complete answer: the connection failed or closed early.
    Io(io::Error),
    /// An answer with another status.
    Status(Response),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io(e) => write!(f, "no answer: {e}"),
            Self::Status(r) => write!(f, "status {}: {}", r.status, r.text()),
        }
    }
}

impl From<io::Error> for Failed {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// Builds a request with `Connection: close`, so the answer ends when the connection does.
pub fn build(method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Vec<u8> {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    if let Some(body) = body {
        let _ = write!(
            head,
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.unwrap_or_default());
    bytes
}

pub fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
    connect_from(None, addr)
}

/// Connects from a chosen local address: on loopback, `127.0.0.2` and `127.0.0.3` are different
/// machines as far as the server can tell (all of 127.0.0.0/8 is loopback on Linux).
pub fn connect_from(from: Option<IpAddr>, addr: SocketAddr) -> io::Result<TcpStream> {
    let stream = match from {
        None => TcpStream::connect_timeout(&addr, TIMEOUT)?,
        Some(ip) => {
            let socket = socket2::Socket::new(
                socket2::Domain::for_address(addr),
                socket2::Type::STREAM,
                Some(socket2::Protocol::TCP),
            )?;
            socket.bind(&SocketAddr::new(ip, 0).into())?;
            socket.connect_timeout(&addr.into(), TIMEOUT)?;
            socket.into()
        }
    };
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// Sends raw bytes and reads the answer until the server closes the connection.
pub fn exchange(addr: SocketAddr, request: &[u8]) -> io::Result<Response> {
    exchange_from(None, addr, request)
}

/// As [`exchange`], from a chosen local address (see [`connect_from`]).
pub fn exchange_from(
    from: Option<IpAddr>,
    addr: SocketAddr,
    request: &[u8],
) -> io::Result<Response> {
    let mut stream = connect_from(from, addr)?;
    // The server may answer (413) and close before reading all of a large body; what matters
    // is the answer, so a failed write is not yet an error.
    let _ = stream.write_all(request);
    read_response(&mut stream)
}

/// Sends raw bytes, then closes the sending side: a request cut off mid-way.
pub fn exchange_truncated(addr: SocketAddr, request: &[u8]) -> io::Result<Response> {
    let mut stream = connect(addr)?;
    stream.write_all(request)?;
    stream.shutdown(Shutdown::Write)?;
    read_response(&mut stream)
}

/// Reads one response from a connection the server will close.
pub fn read_response(stream: &mut TcpStream) -> io::Result<Response> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse(&raw)
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_owned())
}

fn parse(raw: &[u8]) -> io::Result<Response> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| invalid("the connection closed before a complete response head"))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| invalid("a non-UTF-8 head"))?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| invalid("no status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let rest = &raw[end + 4..];
    let find = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let body = if find("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else if let Some(length) = find("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| invalid("a bad content-length"))?;
        rest.get(..length)
            .ok_or_else(|| invalid("the connection closed mid-body"))?
            .to_vec()
    } else {
        rest.to_vec()
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut rest: &[u8]) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| invalid("a cut-off chunk"))?;
        let size_text =
            std::str::from_utf8(&rest[..line_end]).map_err(|_| invalid("chunk size"))?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| invalid("chunk size"))?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(rest.get(..size).ok_or_else(|| invalid("a cut-off chunk"))?);
        rest = rest
            .get(size + 2..)
            .ok_or_else(|| invalid("a cut-off chunk"))?;
    }
}

/// Typed calls to every route of one server.
#[derive(Debug, Clone, Copy)]
pub struct Client {
    pub addr: SocketAddr,
    /// The local address requests come from; `None` lets the system choose (127.0.0.1).
    pub from: Option<IpAddr>,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Self {
        Self { addr, from: None }
    }

    /// The same server, as seen from another machine: requests come from `ip`.
    #[must_use]
    pub fn from(self, ip: IpAddr) -> Self {
        Self {
            from: Some(ip),
            ..self
        }
    }

    /// One request to `path` (relative to the server root); `token` goes in `Authorization`.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&[u8]>,
    ) -> io::Result<Response> {
        let auth = token.map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = auth
            .as_deref()
            .map(|a| vec![("Authorization", a)])
            .unwrap_or_default();
        exchange_from(self.from, self.addr, &build(method, path, &headers, body))
    }

    fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        route: &str,
        token: Option<&str>,
        body: Option<&[u8]>,
        expect: u16,
    ) -> Result<T, Failed> {
        let response = self.send(method, &format!("{API}{route}"), token, body)?;
        if response.status != expect {
            return Err(Failed::Status(response));
        }
        response
            .decode()
            .map_err(|e| Failed::Io(io::Error::new(io::ErrorKind::InvalidData, e)))
    }

    pub fn enrol(&self, cohort_code: &str, device: &str) -> Result<Enrolled, Failed> {
        let body = serde_json::to_vec(&EnrolRequest {
            cohort_code: cohort_code.to_owned(),
            device: device.to_owned(),
        })
        .expect("wire types serialize");
        self.call("POST", route::ENROL, None, Some(&body), 201)
    }

    pub fn start_pairing(&self, token: &str) -> Result<PairingCode, Failed> {
        self.call("POST", route::PAIR, Some(token), None, 201)
    }

    pub fn complete_pairing(&self, code: &str, device: &str) -> Result<Enrolled, Failed> {
        let body = serde_json::to_vec(&PairRequest {
            code: code.to_owned(),
            device: device.to_owned(),
        })
        .expect("wire types serialize");
        self.call("POST", route::PAIR_COMPLETE, None, Some(&body), 201)
    }

    pub fn sync(
        &self,
        token: &str,
        cursor: u64,
        records: &[StoredRecord],
    ) -> Result<SyncResponse, Failed> {
        let body = serde_json::to_vec(&SyncRequest {
            cursor,
            records: records.to_vec(),
        })
        .expect("wire types serialize");
        self.call("POST", route::SYNC, Some(token), Some(&body), 200)
    }

    /// Syncs until `more` is false: every record waiting for this device, and the last cursor.
    pub fn pull_all(
        &self,
        token: &str,
        mut cursor: u64,
    ) -> Result<(Vec<StoredRecord>, u64), Failed> {
        let mut all = Vec::new();
        loop {
            let answer = self.sync(token, cursor, &[])?;
            all.extend(answer.records);
            cursor = answer.cursor;
            if !answer.more {
                return Ok((all, cursor));
            }
        }
    }

    pub fn pack(&self) -> Result<serde_json::Value, Failed> {
        self.call("GET", route::PACK, None, None, 200)
    }

    pub fn delete_account(&self, token: &str) -> Result<(), Failed> {
        self.no_content("DELETE", route::ACCOUNT, token)
    }

    /// Signs this device out (`DELETE /devices/current`).
    pub fn sign_out(&self, token: &str) -> Result<(), Failed> {
        self.no_content("DELETE", route::CURRENT_DEVICE, token)
    }

    fn no_content(&self, method: &str, route: &str, token: &str) -> Result<(), Failed> {
        let response = self.send(method, &format!("{API}{route}"), Some(token), None)?;
        if response.status == 204 {
            Ok(())
        } else {
            Err(Failed::Status(response))
        }
    }

    /// Whether `GET /healthz` answers 200.
    pub fn healthy(&self) -> bool {
        self.send("GET", "/healthz", None, None)
            .is_ok_and(|r| r.status == 200)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_parse_with_length_or_chunks() {
        let r = parse(b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\nX: y\r\n\r\n{}extra").unwrap();
        assert_eq!((r.status, r.body.as_slice()), (201, &b"{}"[..]));
        assert_eq!(r.header("x"), Some("y"));
        let r = parse(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
            .unwrap();
        assert_eq!(r.body, b"abcde");
        assert!(parse(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc").is_err());
        assert!(parse(b"HTTP/1.1 200").is_err());
    }
}
