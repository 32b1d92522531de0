//! The config file and `--context NAME` merged with the command line: a flag beats the
//! context, which beats the built-in default. The context's URL stands in for a SOURCE left
//! out; its gws-config acts as `--gws-config` (so the gwsConfig order stays flag > file >
//! snapshot). `default-context` applies only when neither SOURCE nor `--context` is given.

use crate::cli::{ConfigArgs, LiveArgs};
use crate::config::{self, Context, Loaded};
use anyhow::Result;

/// The command line with the config file and the chosen context merged in.
pub struct Resolved {
    pub loaded: Loaded,
    pub context: Option<Context>,
    pub live: LiveArgs,
    pub config: ConfigArgs,
}

/// Reads the config file and merges the context into the flags. `sources_given`: every
/// SOURCE the command takes is on the command line (then `default-context` does not apply).
pub fn resolve(live: &LiveArgs, gws: &ConfigArgs, sources_given: bool) -> Result<Resolved> {
    let loaded = config::load_from_env()?;
    resolve_with(loaded, live, gws, sources_given)
}

/// [`resolve`] for a command of one SOURCE (`what` names it in the error): the merged flags
/// and the SOURCE as given, else the context's URL.
pub fn resolve_source(
    live: &LiveArgs,
    gws: &ConfigArgs,
    given: Option<&str>,
    what: &str,
) -> Result<(Resolved, String)> {
    let resolved = resolve(live, gws, given.is_some())?;
    let source = resolved.source(given, what)?;
    Ok((resolved, source))
}

/// [`resolve`] with the config file already read (tests).
pub fn resolve_with(
    loaded: Loaded,
    live: &LiveArgs,
    gws: &ConfigArgs,
    sources_given: bool,
) -> Result<Resolved> {
    let context = loaded
        .context(live.context.as_deref(), !sources_given)?
        .cloned();
    let mut live = live.clone();
    let mut gws = gws.clone();
    if let Some(c) = &context {
        live.user = live.user.or_else(|| c.user.clone());
        live.ca_cert = live.ca_cert.or_else(|| c.ca_cert.clone());
        live.timeout = live.timeout.or(c.timeout);
        gws.gws_config = gws.gws_config.or_else(|| c.gws_config.clone());
    }
    Ok(Resolved {
        loaded,
        context,
        live,
        config: gws,
    })
}

impl Resolved {
    /// SOURCE as given, else the context's URL; neither is an error that says both ways.
    pub fn source(&self, given: Option<&str>, what: &str) -> Result<String> {
        match (given, &self.context) {
            (Some(s), _) => Ok(s.to_string()),
            (None, Some(c)) => Ok(c.url.clone()),
            (None, None) => anyhow::bail!(
                "{what} is missing: give it, or --context NAME (a context of {}; {})",
                self.loaded.describe(),
                config::known(&self.loaded.config.contexts)
            ),
        }
    }

    /// The context's `refresh`, when one is chosen.
    pub fn context_refresh(&self) -> Option<u64> {
        self.context.as_ref().and_then(|c| c.refresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn loaded() -> Loaded {
        let text = r#"
default-context = "lab"
[contexts.prod]
url = "https://gws.example.com/api/v2"
user = "svc"
gws-config = "app.yaml"
timeout = 9
refresh = 15
[contexts.lab]
url = "http://lab/api/v2"
"#;
        Loaded {
            path: Some(("/cfg/config.toml".into(), config::Origin::Env)),
            exists: true,
            config: config::parse(text, Path::new("/cfg/config.toml")).unwrap(),
        }
    }

    #[test]
    fn a_flag_beats_the_context_which_beats_the_default() {
        let live = LiveArgs {
            context: Some("prod".into()),
            ..LiveArgs::default()
        };
        let r = resolve_with(loaded(), &live, &ConfigArgs::default(), false).unwrap();
        assert_eq!(r.live.user.as_deref(), Some("svc"));
        assert_eq!(r.live.timeout, Some(9));
        assert_eq!(r.config.gws_config, Some(PathBuf::from("/cfg/app.yaml")));
        assert_eq!(
            r.source(None, "SOURCE").unwrap(),
            "https://gws.example.com/api/v2"
        );
        assert_eq!(r.source(Some("x.json"), "SOURCE").unwrap(), "x.json");
        assert_eq!(r.context_refresh(), Some(15));
        let flags = LiveArgs {
            context: Some("prod".into()),
            user: Some("me".into()),
            timeout: Some(3),
            ..LiveArgs::default()
        };
        let gws = ConfigArgs {
            gws_config: Some("mine.yaml".into()),
            ..ConfigArgs::default()
        };
        let r = resolve_with(loaded(), &flags, &gws, false).unwrap();
        assert_eq!(r.live.user.as_deref(), Some("me"));
        assert_eq!(r.live.timeout, Some(3));
        assert_eq!(r.config.gws_config, Some(PathBuf::from("mine.yaml")));
    }

    #[test]
    fn the_default_context_only_without_a_source() {
        let none = LiveArgs::default();
        let r = resolve_with(loaded(), &none, &ConfigArgs::default(), false).unwrap();
        assert_eq!(r.context.as_ref().map(|c| c.name.as_str()), Some("lab"));
        let r = resolve_with(loaded(), &none, &ConfigArgs::default(), true).unwrap();
        assert!(r.context.is_none());
        let e = r.source(None, "SOURCE").unwrap_err().to_string();
        assert!(e.contains("known contexts: lab, prod"), "{e}");
        let unknown = LiveArgs {
            context: Some("qa".into()),
            ..LiveArgs::default()
        };
        let e = resolve_with(loaded(), &unknown, &ConfigArgs::default(), true)
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("\"qa\"") && e.contains("known contexts: lab, prod"),
            "{e}"
        );
    }
}
