//! HTTP for the core, with reqwest's blocking client on a worker thread.
//!
//! TLS is rustls on the `ring` provider with the platform's certificate verifier (the system
//! trust store on Linux, the OS verifier on Android and iOS), so the build has no OpenSSL and no
//! aws-lc C library. Every exchange that completes is an `Ok`, whatever its status: deciding
//! what a 409 or a 503 means is the core's job. Only a failure to complete the exchange (no
//! connection, a timeout, a bad address) is an `Err`.

use std::sync::Arc;
use std::time::Duration;

use crux_http::HttpError;
use crux_http::protocol::{HttpHeader, HttpRequest, HttpResponse, HttpResult};

/// How long to wait for the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// For the TCP and TLS handshake.
    pub connect: Duration,
    /// For the whole exchange, from sending the request to reading the last byte.
    pub total: Duration,
}

impl Default for Timeouts {
    /// Mobile networks are slow, but a sync that hangs for minutes helps no one.
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
        }
    }
}

/// An HTTP client. Building one loads the platform's trust store, so the runtime makes it on
/// first use, not at start.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::blocking::Client,
}

impl Http {
    /// A client with the given timeouts. Fails only if TLS cannot be set up on this device.
    pub fn new(timeouts: Timeouts) -> Result<Self, String> {
        let tls = tls_config().map_err(|e| format!("TLS could not be set up: {e}"))?;
        let client = reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(tls)
            // A redirect would send the request again, body and token included, somewhere the
            // learner never chose: the core sees the 3xx instead, as a failed exchange.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.total)
            .user_agent(concat!("networked-councillor/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("the HTTP client could not start: {}", chain(&e)))?;
        Ok(Self { client })
    }

    /// Performs one exchange.
    pub fn send(&self, request: &HttpRequest) -> HttpResult {
        match self.try_send(request) {
            Ok(response) => HttpResult::Ok(response),
            Err(error) => HttpResult::Err(error),
        }
    }

    fn try_send(&self, request: &HttpRequest) -> Result<HttpResponse, HttpError> {
        let url = reqwest::Url::parse(&request.url)
            .map_err(|e| HttpError::Url(format!("{}: {e}", request.url)))?;
        let secure = match url.scheme() {
            "https" => true,
            "http" => url
                .host_str()
                .is_some_and(crate::sync::client::plain_http_allowed),
            _ => false,
        };
        if !secure {
            return Err(HttpError::Url(format!(
                "{}: only https:// addresses are allowed, except for a server on this device",
                request.url
            )));
        }
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| HttpError::Io(format!("'{}' is not an HTTP method", request.method)))?;
        let mut builder = self.client.request(method, url);
        for header in &request.headers {
            builder = builder.header(&header.name, &header.value);
        }
        let response = builder
            .body(request.body.clone())
            .send()
            .map_err(|e| transport_error(&e))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| HttpHeader {
                name: name.as_str().to_owned(),
                value: String::from_utf8_lossy(value.as_bytes()).into_owned(),
            })
            .collect();
        let body = response.bytes().map_err(|e| transport_error(&e))?.to_vec();
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// rustls with the `ring` provider, chosen here rather than installed process-wide, so nothing
/// else in the app can change it.
fn tls_config() -> Result<rustls::ClientConfig, rustls::Error> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_platform_verifier()?
        .with_no_client_auth())
}

fn transport_error(error: &reqwest::Error) -> HttpError {
    if error.is_timeout() {
        HttpError::Timeout
    } else if error.is_builder() {
        // A request the client could not even build: a bad header name or value, say.
        HttpError::Io(format!("the request could not be built: {}", chain(error)))
    } else {
        HttpError::Io(chain(error))
    }
}

/// An error with its causes, "a: b: c", since reqwest's own message hides the useful part
/// ("error sending request") behind its source.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::thread::JoinHandle;

    use super::*;

    /// A one-connection HTTP server on 127.0.0.1 that answers with `response`, and returns the
    /// request it read (head and body).
    fn serve_once(response: &'static [u8]) -> (String, JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let request = read_request(&stream);
            (&stream).write_all(response).unwrap();
            request
        });
        (address, server)
    }

    fn read_request(stream: &TcpStream) -> String {
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            head.push_str(&line);
            if line == "\r\n" || line.is_empty() {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        head + &String::from_utf8(body).unwrap()
    }

    /// A client that gives up after `total`: generous for the tests that expect an answer
    /// (the machine may be busy), short for the one that expects a timeout.
    fn client(total: Duration) -> Http {
        Http::new(Timeouts {
            connect: Duration::from_secs(5),
            total,
        })
        .unwrap()
    }

    fn quick() -> Http {
        client(Duration::from_secs(20))
    }

    fn request(method: &str, url: &str) -> HttpRequest {
        HttpRequest {
            method: method.to_owned(),
            url: url.to_owned(),
            headers: vec![HttpHeader {
                name: "x-device".to_owned(),
                value: "phone-1".to_owned(),
            }],
            body: b"{\"records\":[]}".to_vec(),
        }
    }

    #[test]
    fn a_response_comes_back_with_status_headers_and_body() {
        let (address, server) = serve_once(
            b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: close\r\n\r\n{\"ok\":true}",
        );
        let result = quick().send(&request("POST", &format!("{address}/sync")));
        let HttpResult::Ok(response) = result else {
            panic!("{result:?}")
        };
        assert_eq!(response.status, 201);
        assert_eq!(response.body, b"{\"ok\":true}");
        assert!(
            response
                .headers
                .iter()
                .any(|h| h.name == "content-type" && h.value == "application/json")
        );
        let seen = server.join().unwrap();
        assert!(seen.starts_with("POST /sync HTTP/1.1\r\n"), "{seen}");
        assert!(seen.contains("x-device: phone-1\r\n"), "{seen}");
        assert!(seen.ends_with("{\"records\":[]}"), "{seen}");
    }

    #[test]
    fn an_error_status_is_still_a_completed_exchange() {
        let (address, server) = serve_once(
            b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 4\r\nconnection: close\r\n\r\nbusy",
        );
        let result = quick().send(&request("GET", &address));
        assert!(
            matches!(&result, HttpResult::Ok(r) if r.status == 503 && r.body == b"busy"),
            "{result:?}"
        );
        server.join().unwrap();
    }

    #[test]
    fn a_refused_connection_is_an_io_error() {
        // Bind then drop, so the port is (almost certainly) closed.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let result = quick().send(&request("GET", &format!("http://127.0.0.1:{port}/")));
        assert!(
            matches!(&result, HttpResult::Err(HttpError::Io(m)) if m.to_lowercase().contains("connect")),
            "{result:?}"
        );
    }

    #[test]
    fn a_server_that_never_answers_times_out() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            // Hold the connection open without answering until the client gives up.
            let mut sink = Vec::new();
            let _ = (&stream).read_to_end(&mut sink);
        });
        let started = std::time::Instant::now();
        let result = client(Duration::from_millis(300)).send(&request("GET", &address));
        assert_eq!(result, HttpResult::Err(HttpError::Timeout));
        assert!(started.elapsed() < Duration::from_secs(10));
        server.join().unwrap();
    }

    #[test]
    fn a_bad_address_is_a_url_error() {
        let result = quick().send(&request("GET", "not a url"));
        assert!(
            matches!(result, HttpResult::Err(HttpError::Url(_))),
            "{result:?}"
        );
        let result = quick().send(&request("BAD METHOD", "http://127.0.0.1:9/"));
        assert!(
            matches!(result, HttpResult::Err(HttpError::Io(_))),
            "{result:?}"
        );
    }

    #[test]
    fn plain_http_goes_only_to_this_machine() {
        // Refused before any connection is tried, so no network is needed.
        for url in [
            "http://council.example/api",
            "http://192.0.2.7:8080/",
            "ftp://127.0.0.1/",
        ] {
            let result = quick().send(&request("POST", url));
            assert!(
                matches!(&result, HttpResult::Err(HttpError::Url(m)) if m.contains("https://")),
                "{url}: {result:?}"
            );
        }
    }

    #[test]
    fn redirects_are_not_followed() {
        let (address, server) = serve_once(
            b"HTTP/1.1 307 Temporary Redirect\r\nlocation: http://127.0.0.1:9/steal\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        );
        let result = quick().send(&request("POST", &format!("{address}/sync")));
        assert!(
            matches!(&result, HttpResult::Ok(r) if r.status == 307),
            "the 307 comes back as it is: {result:?}"
        );
        server.join().unwrap();
    }

    #[test]
    fn tls_is_set_up_on_ring() {
        let config = tls_config().unwrap();
        assert!(
            config
                .crypto_provider()
                .cipher_suites
                .iter()
                .any(|s| format!("{s:?}").contains("TLS13"))
        );
    }
}
