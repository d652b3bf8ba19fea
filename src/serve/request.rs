//! What a SPARQL Protocol request asks for, read from its parts: no sockets, no
//! store, so it can be tested and fuzzed on its own.
//!
//! ```text
//! method, query string, Content-Type, body bytes
//!   GET  ?query= | ?update=
//!   POST application/sparql-query | application/sparql-update | form (query= / update=)
//!   ─► Operation::Query(text) | Operation::Update(text) | Refusal (status, message)
//! ```

pub use hyper::Method;

/// What the client asked the endpoint to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    Query(String),
    Update(String),
}

/// A request the endpoint will not run, with the status and message it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

impl Refusal {
    fn new(status: u16, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            message: message.into(),
        }
    }
}

/// The `name=value` pairs of a URL's query string (or of a form body), decoded.
pub fn params(query_string: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query_string.as_bytes())
        .into_owned()
        .collect()
}

/// The media type of a `Content-Type` header, lowercased, without its parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a request to `/sparql` with this method carries its operation in the body.
pub fn needs_body(method: &Method) -> bool {
    method == Method::POST
}

/// The operation a request to `/sparql` asks for. `content_type` is the raw header
/// (absent: empty); `body` is the whole body (read within the server's limits).
pub fn operation(
    method: &Method,
    query_string: &str,
    content_type: &str,
    body: &[u8],
) -> Result<Operation, Refusal> {
    let pick = |pairs: &[(String, String)]| {
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        (get("query"), get("update"))
    };
    let (query, update) = match *method {
        Method::GET => pick(&params(query_string)),
        Method::POST => {
            let media = media_type(content_type);
            let text = match media.as_str() {
                "application/sparql-query"
                | "application/sparql-update"
                | "application/x-www-form-urlencoded" => std::str::from_utf8(body)
                    .map_err(|_| Refusal::new(400, "the request body is not UTF-8"))?,
                other => {
                    return Err(Refusal::new(
                        415,
                        format!("unsupported content type `{other}`; use application/sparql-query or application/x-www-form-urlencoded"),
                    ))
                }
            };
            match media.as_str() {
                "application/sparql-query" => (Some(text.to_string()), None),
                "application/sparql-update" => (None, Some(text.to_string())),
                _ => pick(&params(text)),
            }
        }
        ref m => {
            return Err(Refusal::new(
                405,
                format!("method {m} not allowed; use GET or POST"),
            ))
        }
    };
    match (query, update) {
        (_, Some(update)) => Ok(Operation::Update(update)),
        (Some(query), None) => Ok(Operation::Query(query)),
        (None, None) => Err(Refusal::new(
            400,
            "no query: pass query=... or POST an application/sparql-query body",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(text: &str) -> Result<Operation, Refusal> {
        Ok(Operation::Query(text.to_string()))
    }

    #[test]
    fn get_reads_the_query_string() {
        assert_eq!(
            operation(&Method::GET, "query=ASK%20%7B%7D&x=1", "", b""),
            query("ASK {}")
        );
        assert_eq!(
            operation(&Method::GET, "update=CLEAR%20ALL", "", b""),
            Ok(Operation::Update("CLEAR ALL".into()))
        );
        assert_eq!(
            operation(&Method::GET, "", "", b"").unwrap_err().status,
            400
        );
    }

    #[test]
    fn post_reads_the_body_by_its_media_type() {
        let post = |ct: &str, body: &[u8]| operation(&Method::POST, "", ct, body);
        assert_eq!(
            post("application/sparql-query; charset=utf-8", b"ASK {}"),
            query("ASK {}")
        );
        assert_eq!(
            post("Application/X-WWW-Form-Urlencoded", b"query=ASK+%7B%7D"),
            query("ASK {}")
        );
        assert_eq!(
            post("application/sparql-update", b"CLEAR ALL"),
            Ok(Operation::Update("CLEAR ALL".into()))
        );
        assert_eq!(
            post("text/plain", b"ASK {}"),
            Err(Refusal::new(415, "unsupported content type `text/plain`; use application/sparql-query or application/x-www-form-urlencoded"))
        );
        assert_eq!(
            post("application/sparql-query", b"ASK {\xff}"),
            Err(Refusal::new(400, "the request body is not UTF-8"))
        );
    }

    #[test]
    fn other_methods_are_refused() {
        assert_eq!(
            operation(&Method::DELETE, "query=ASK%20%7B%7D", "", b""),
            Err(Refusal::new(
                405,
                "method DELETE not allowed; use GET or POST"
            ))
        );
    }
}
