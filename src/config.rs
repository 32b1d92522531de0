//! The user's config file (`$XDG_CONFIG_HOME/gwsx/config.toml`, or `GWSX_CONFIG`): saved
//! contexts (a GWS and how to reach it), the default theme and key overrides. Read strictly:
//! an unknown key, a wrong type or a password is one line naming the file, line and column.
//! Relative paths in it are relative to the file. No clap here (commands/context.rs merges
//! it with the command line).

use serde::Deserialize;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Where the config path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `GWSX_CONFIG`: the file must exist.
    Env,
    /// `$XDG_CONFIG_HOME/gwsx/config.toml`: a missing file is no config.
    Xdg,
    /// `$HOME/.config/gwsx/config.toml`: a missing file is no config.
    Home,
}

impl Origin {
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Env => "GWSX_CONFIG",
            Origin::Xdg => "$XDG_CONFIG_HOME/gwsx/config.toml",
            Origin::Home => "$HOME/.config/gwsx/config.toml",
        }
    }
}

/// A saved GWS: its URL and how to reach it. Never a password.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Context {
    pub name: String,
    pub url: String,
    pub user: Option<String>,
    /// Resolved against the config file's folder.
    pub gws_config: Option<PathBuf>,
    pub ca_cert: Option<PathBuf>,
    pub timeout: Option<u64>,
    /// Seconds between background refreshes in the TUI (0: off).
    pub refresh: Option<u64>,
}

/// What the config file says (empty when there is none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub contexts: BTreeMap<String, Context>,
    pub default_context: Option<String>,
    /// A built-in theme name, or a theme file resolved against the config file's folder.
    pub theme: Option<String>,
    /// `[keys]`: action name → keys, in file order of names (checked by the keymap).
    pub keys: BTreeMap<String, Vec<String>>,
}

/// The config file gwsx uses: where, whether it exists, what it says.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub path: Option<(PathBuf, Origin)>,
    pub exists: bool,
    pub config: Config,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    default_context: Option<String>,
    theme: Option<String>,
    #[serde(default)]
    keys: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    contexts: BTreeMap<String, RawContext>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawContext {
    url: toml::Spanned<String>,
    user: Option<String>,
    gws_config: Option<PathBuf>,
    ca_cert: Option<PathBuf>,
    timeout: Option<toml::Spanned<u64>>,
    refresh: Option<u64>,
    /// Refused with its own line (GWSX_PASSWORD or the prompt instead).
    password: Option<toml::Spanned<toml::Value>>,
}

/// The config path from the environment: `GWSX_CONFIG`, else `$XDG_CONFIG_HOME` (absolute),
/// else `$HOME/.config`. `None` when none is set.
pub fn locate(var: impl Fn(&str) -> Option<OsString>) -> Option<(PathBuf, Origin)> {
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    if let Some(path) = set("GWSX_CONFIG") {
        return Some((PathBuf::from(path), Origin::Env));
    }
    if let Some(dir) = set("XDG_CONFIG_HOME").map(PathBuf::from)
        && dir.is_absolute()
    {
        return Some((dir.join("gwsx").join("config.toml"), Origin::Xdg));
    }
    set("HOME").map(|home| {
        (
            PathBuf::from(home).join(".config/gwsx/config.toml"),
            Origin::Home,
        )
    })
}

/// Reads the config file the environment names (see [`locate`]).
pub fn load_from_env() -> anyhow::Result<Loaded> {
    load(locate(|name| std::env::var_os(name)))
}

/// Reads the config at `path`: a missing file at a default path is no config; a missing
/// `GWSX_CONFIG` file, an unreadable or bad one is an error naming it.
pub fn load(path: Option<(PathBuf, Origin)>) -> anyhow::Result<Loaded> {
    let Some((file, origin)) = path else {
        return Ok(Loaded::default());
    };
    let text = match std::fs::read(&file) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", file.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && origin != Origin::Env => {
            return Ok(Loaded {
                path: Some((file, origin)),
                exists: false,
                config: Config::default(),
            });
        }
        Err(e) => anyhow::bail!("{}: cannot read the config file: {e}", file.display()),
    };
    let config = parse(&text, &file)?;
    Ok(Loaded {
        path: Some((file, origin)),
        exists: true,
        config,
    })
}

/// 1-based line and column of a byte offset in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// `FILE:LINE:COL: what` (without a position when there is none), on one line.
fn at(file: &Path, text: &str, span: Option<std::ops::Range<usize>>, what: &str) -> anyhow::Error {
    let what = what.trim().replace('\n', " ");
    match span {
        Some(span) => {
            let (line, col) = line_col(text, span.start);
            anyhow::anyhow!("{}:{line}:{col}: {what}", file.display())
        }
        None => anyhow::anyhow!("{}: {what}", file.display()),
    }
}

/// Parses the text of the config file at `file` (for its name and its folder).
pub fn parse(text: &str, file: &Path) -> anyhow::Result<Config> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        // `password` is a field only to be refused: not one to suggest.
        let message = e.message().replace(", `password`", "");
        at(file, text, e.span(), &message)
    })?;
    let dir = file.parent().unwrap_or(Path::new(""));
    let resolve = |p: PathBuf| if p.is_relative() { dir.join(p) } else { p };
    let mut contexts = BTreeMap::new();
    for (name, c) in raw.contexts {
        if let Some(pw) = &c.password {
            return Err(at(
                file,
                text,
                Some(pw.span()),
                &format!(
                    "contexts.{name}.password: a context never holds a password; set GWSX_PASSWORD or type it at the prompt"
                ),
            ));
        }
        let url = c.url.get_ref().trim().to_string();
        if !matches!(
            crate::source::SourceKind::parse(&url),
            crate::source::SourceKind::Live(_)
        ) {
            return Err(at(
                file,
                text,
                Some(c.url.span()),
                &format!("contexts.{name}.url: {url:?} is not an http:// or https:// GWS URL"),
            ));
        }
        if let Err(e) = crate::gws::parse_base_url(&url) {
            return Err(at(
                file,
                text,
                Some(c.url.span()),
                &format!("contexts.{name}.url: {e:#}"),
            ));
        }
        if let Some(t) = &c.timeout
            && !(1..=crate::gws::MAX_TIMEOUT_SECS).contains(t.get_ref())
        {
            return Err(at(
                file,
                text,
                Some(t.span()),
                &format!(
                    "contexts.{name}.timeout: must be 1 to {} seconds",
                    crate::gws::MAX_TIMEOUT_SECS
                ),
            ));
        }
        let context = Context {
            name: name.clone(),
            url,
            user: c.user,
            gws_config: c.gws_config.map(resolve),
            ca_cert: c.ca_cert.map(resolve),
            timeout: c.timeout.map(|t| t.into_inner()),
            refresh: c.refresh,
        };
        contexts.insert(name, context);
    }
    if let Some(name) = &raw.default_context
        && !contexts.contains_key(name)
    {
        return Err(anyhow::anyhow!(
            "{}: default-context {name:?} is not a context ({})",
            file.display(),
            known(&contexts)
        ));
    }
    let theme = raw.theme.map(|t| {
        let built_in = crate::tui::theme::BUILT_IN.iter().any(|(n, _)| *n == t);
        if built_in {
            t
        } else {
            resolve(PathBuf::from(t)).display().to_string()
        }
    });
    let keys = raw
        .keys
        .into_iter()
        .map(|(action, keys)| {
            let keys = match keys {
                OneOrMany::One(k) => vec![k],
                OneOrMany::Many(ks) => ks,
            };
            (action, keys)
        })
        .collect();
    Ok(Config {
        contexts,
        default_context: raw.default_context,
        theme,
        keys,
    })
}

/// `known contexts: a, b` (or that there are none), for an error line.
pub fn known(contexts: &BTreeMap<String, Context>) -> String {
    if contexts.is_empty() {
        "no context is defined".to_string()
    } else {
        let names: Vec<&str> = contexts.keys().map(String::as_str).collect();
        format!("known contexts: {}", names.join(", "))
    }
}

impl Loaded {
    /// The config file's name for messages (`no config file` when there is none).
    pub fn describe(&self) -> String {
        match &self.path {
            Some((p, _)) => p.display().to_string(),
            None => "no config file".to_string(),
        }
    }

    /// The context `--context NAME` names, else the `default-context` when `use_default`
    /// (no SOURCE given). An unknown name is an error listing the known ones.
    pub fn context(
        &self,
        name: Option<&str>,
        use_default: bool,
    ) -> anyhow::Result<Option<&Context>> {
        let wanted = match name {
            Some(n) => n,
            None => match (&self.config.default_context, use_default) {
                (Some(d), true) => d.as_str(),
                _ => return Ok(None),
            },
        };
        match self.config.contexts.get(wanted) {
            Some(c) => Ok(Some(c)),
            None => anyhow::bail!(
                "--context {wanted:?}: no such context in {} ({})",
                self.describe(),
                known(&self.config.contexts)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Config {
        parse(text, Path::new("/etc/gwsx/config.toml")).expect("parses")
    }

    fn parse_err(text: &str) -> String {
        format!(
            "{:#}",
            parse(text, Path::new("/etc/gwsx/config.toml")).expect_err("refused")
        )
    }

    #[test]
    fn contexts_resolve_relative_paths_against_the_file() {
        let c = parse_ok(
            r#"
default-context = "prod"
theme = "light"

[contexts.prod]
url = "https://gws.example.com/api/v2"
user = "svc-audit"
gws-config = "prod/application.yaml"
ca-cert = "/abs/ca.pem"
timeout = 10
refresh = 30
"#,
        );
        let prod = &c.contexts["prod"];
        assert_eq!(prod.url, "https://gws.example.com/api/v2");
        assert_eq!(prod.user.as_deref(), Some("svc-audit"));
        assert_eq!(
            prod.gws_config.as_deref(),
            Some(Path::new("/etc/gwsx/prod/application.yaml"))
        );
        assert_eq!(prod.ca_cert.as_deref(), Some(Path::new("/abs/ca.pem")));
        assert_eq!((prod.timeout, prod.refresh), (Some(10), Some(30)));
        assert_eq!(c.default_context.as_deref(), Some("prod"));
        assert_eq!(c.theme.as_deref(), Some("light"));
        let t = parse_ok("theme = \"mine.toml\"");
        assert_eq!(t.theme.as_deref(), Some("/etc/gwsx/mine.toml"));
    }

    #[test]
    fn keys_take_one_key_or_a_list() {
        let c = parse_ok("[keys]\nrefresh = \"F5\"\nquit = [\"q\", \"ctrl-c\"]\n");
        assert_eq!(c.keys["refresh"], vec!["F5"]);
        assert_eq!(c.keys["quit"], vec!["q", "ctrl-c"]);
    }

    #[test]
    fn an_unknown_key_is_one_line_with_line_and_column() {
        let e = parse_err("[contexts.prod]\nurl = \"http://h/api/v2\"\ntimeuot = 5\n");
        assert!(e.starts_with("/etc/gwsx/config.toml:3:1: "), "{e}");
        assert!(e.contains("unknown field `timeuot`"), "{e}");
        assert!(e.contains("`refresh`") && !e.contains("password"), "{e}");
        assert_eq!(e.lines().count(), 1, "{e}");
        let e = parse_err("thme = \"light\"");
        assert!(e.starts_with("/etc/gwsx/config.toml:1:1: "), "{e}");
        let e = parse_err("[contexts.prod]\nurl = 5\n");
        assert!(e.starts_with("/etc/gwsx/config.toml:2:7: "), "{e}");
        let e = parse_err("[contexts.prod\n");
        assert!(e.starts_with("/etc/gwsx/config.toml:1:"), "{e}");
        assert_eq!(e.lines().count(), 1, "{e}");
    }

    #[test]
    fn a_password_is_refused_and_never_repeated() {
        let e = parse_err("[contexts.prod]\nurl = \"http://h/api/v2\"\npassword = \"hunter2\"\n");
        assert!(e.starts_with("/etc/gwsx/config.toml:3:12: "), "{e}");
        assert!(e.contains("GWSX_PASSWORD"), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
        let e = parse_err("[contexts.prod]\nurl = \"http://u:hunter2@h/api/v2\"\n");
        assert!(e.contains("credentials in the URL"), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
    }

    #[test]
    fn bad_values_name_the_context() {
        let e = parse_err("[contexts.p]\nurl = \"cust.json\"\n");
        assert!(e.contains("contexts.p.url") && e.contains("2:7"), "{e}");
        let e = parse_err("[contexts.p]\nurl = \"http://h/api/v2\"\ntimeout = 0\n");
        assert!(
            e.contains("contexts.p.timeout") && e.contains("3:11"),
            "{e}"
        );
        let e = parse_err("default-context = \"x\"\n[contexts.p]\nurl = \"http://h/api/v2\"\n");
        assert!(e.contains("known contexts: p"), "{e}");
    }

    #[test]
    fn lookup_order_and_missing_files() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        let all = env(&[
            ("GWSX_CONFIG", "/x/c.toml"),
            ("XDG_CONFIG_HOME", "/xdg"),
            ("HOME", "/home/u"),
        ]);
        assert_eq!(locate(all), Some(("/x/c.toml".into(), Origin::Env)));
        let xdg = env(&[("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u")]);
        assert_eq!(
            locate(xdg),
            Some(("/xdg/gwsx/config.toml".into(), Origin::Xdg))
        );
        let relative_xdg = env(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/home/u")]);
        assert_eq!(
            locate(relative_xdg),
            Some(("/home/u/.config/gwsx/config.toml".into(), Origin::Home))
        );
        assert_eq!(locate(env(&[])), None);
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.toml");
        let l = load(Some((missing.clone(), Origin::Xdg))).unwrap();
        assert!(!l.exists && l.config == Config::default());
        let e = format!("{:#}", load(Some((missing, Origin::Env))).unwrap_err());
        assert!(e.contains("none.toml: cannot read the config file"), "{e}");
    }

    #[test]
    fn an_unknown_context_lists_the_known_ones() {
        let loaded = Loaded {
            path: Some(("/c.toml".into(), Origin::Env)),
            exists: true,
            config: parse_ok(
                "default-context = \"b\"\n[contexts.a]\nurl = \"http://a/api/v2\"\n[contexts.b]\nurl = \"http://b/api/v2\"\n",
            ),
        };
        let e = format!("{:#}", loaded.context(Some("c"), true).unwrap_err());
        assert!(e.contains("known contexts: a, b"), "{e}");
        assert_eq!(loaded.context(Some("a"), true).unwrap().unwrap().name, "a");
        assert_eq!(loaded.context(None, true).unwrap().unwrap().name, "b");
        assert!(loaded.context(None, false).unwrap().is_none());
    }
}
