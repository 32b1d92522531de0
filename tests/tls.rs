//! HTTPS in live mode, against a loopback TLS server whose certificates the test makes with
//! rcgen: `--ca-cert` is trusted, a server signed by another CA (or by none the machine
//! knows) is refused in one line naming the URL, `--insecure` works and says so.

#[path = "support/hostile.rs"]
mod hostile;

use gwsx::snapshot;
use hostile::*;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

fn authority(name: &str) -> CertifiedIssuer<'static, KeyPair> {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap()
}

/// A server certificate for 127.0.0.1 and localhost, signed by `ca`.
fn server_identity(
    ca: &CertifiedIssuer<'static, KeyPair>,
) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    let key = KeyPair::generate().unwrap();
    let mut params =
        CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "gwsx test GWS");
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    let cert = params.signed_by(&key, ca).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    (cert.der().clone(), key)
}

fn acceptor(
    cert: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
) -> tokio_rustls::TlsAcceptor {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

/// A TLS GWS stand-in serving the fixture, and its CA's PEM file in `dir`.
fn tls_server(dir: &Path) -> (Hostile, PathBuf) {
    let ca = authority("gwsx test CA");
    let (cert, key) = server_identity(&ca);
    let server = Hostile::start_tls(|_| Reply::Fixture, acceptor(cert, key));
    let pem = dir.join("ca.pem");
    std::fs::write(&pem, ca.pem()).unwrap();
    (server, pem)
}

fn bodies(s: &snapshot::Snapshot) -> Vec<(String, String)> {
    s.responses
        .iter()
        .map(|r| (r.path.clone(), r.body.get().to_string()))
        .collect()
}

#[test]
fn the_ca_given_with_ca_cert_is_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let (server, pem) = tls_server(dir.path());
    assert!(server.base.starts_with("https://127.0.0.1:"));
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(
            &server.base,
            &output,
            &["--ca-cert", pem.to_str().unwrap(), "--timeout", "10"],
        ),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("--insecure"), "{}", run.stderr);
    let dumped = snapshot::load(&output).unwrap();
    assert_eq!(bodies(&dumped), bodies(&fixture()));
    assert_eq!(
        dumped.source.base_url.as_deref(),
        Some(server.base.as_str())
    );
    assert!(
        run.stderr
            .contains("the browser protocol is the URL's scheme (https)"),
        "{}",
        run.stderr
    );

    // The same through a command that reads a live URL directly.
    let run = run_bounded(
        gwsx().args([
            "agents",
            &server.base,
            "--format",
            "json",
            "--ca-cert",
            pem.to_str().unwrap(),
        ]),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("\"agents\""), "{}", run.stdout);
}

/// The one line of a refused server: exit 2, naming the URL, saying what to do.
fn assert_refused(run: &Run, base: &str) {
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let line = run.stderr.trim_end();
    eprintln!("refused: {line}");
    assert!(
        line.starts_with("gwsx: cannot reach GWS: ")
            && line.contains(&format!("{base}/diagnostics/version"))
            && line.to_ascii_lowercase().contains("certificate")
            && line.ends_with("(trust its CA with --ca-cert FILE)"),
        "{line}"
    );
    // A certificate that is not trusted now will not be on a retry.
    assert!(run.elapsed < Duration::from_secs(5), "{:?}", run.elapsed);
}

#[test]
fn a_server_signed_by_an_unknown_ca_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _pem) = tls_server(dir.path());
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(&server.base, &output, &[]),
        Duration::from_secs(30),
    );
    assert_refused(&run, &server.base);
    assert!(!output.exists());
}

#[test]
fn a_wrong_ca_cert_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _pem) = tls_server(dir.path());
    let other = dir.path().join("other-ca.pem");
    std::fs::write(&other, authority("another CA").pem()).unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(
            &server.base,
            &output,
            &["--ca-cert", other.to_str().unwrap()],
        ),
        Duration::from_secs(30),
    );
    assert_refused(&run, &server.base);
    assert!(!output.exists());
    assert!(
        server.seen().is_empty(),
        "no request went out over the refused connection"
    );
}

#[test]
fn insecure_works_and_is_announced() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _pem) = tls_server(dir.path());
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(&server.base, &output, &["--insecure"]),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().next(),
        Some(
            "gwsx: warning: --insecure: TLS certificate verification is OFF; the server's identity is not checked"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        bodies(&snapshot::load(&output).unwrap()),
        bodies(&fixture())
    );
}
