//! The `:` command line (k9s-style): the commands, what one runs, and Tab completion. Pure:
//! the app keeps the line's text and runs what `parse` returns.

use super::action::Tab;
use super::objects::Kind;

/// What a command asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// One of the main tabs.
    Tab(Tab),
    /// An object view, with an optional filter text (`:places 1001`).
    View(Kind, String),
    Quit,
}

/// Every command, in the order completion offers them, with what the help says.
pub const COMMANDS: &[(&str, &str)] = &[
    ("agents", "the Agents tab"),
    ("apps", "applications, with their connections"),
    ("audit", "the Audit tab"),
    ("dns", "DNs, with their places and agents"),
    (
        "groups",
        "agent groups (virtual ones marked), with their members",
    ),
    ("logins", "agent logins, with their agents"),
    ("persons", "every person, agent or not"),
    (
        "places",
        "places, with the agents whose default place they are",
    ),
    ("q", "quit"),
    ("settings", "the application-level WWE settings"),
    (
        "switches",
        "switches, with their voice environment, DNs and logins",
    ),
    ("tenants", "tenants, with what each holds"),
    ("topology", "the Topology tab"),
];

fn command_of(name: &str) -> Option<Command> {
    let view = |k| Some(Command::View(k, String::new()));
    match name {
        "agents" => Some(Command::Tab(Tab::Agents)),
        "audit" => Some(Command::Tab(Tab::Audit)),
        "topology" => Some(Command::Tab(Tab::Topology)),
        "q" | "quit" => Some(Command::Quit),
        _ => Kind::ALL
            .into_iter()
            .find(|k| k.command() == name)
            .and_then(view),
    }
}

/// The commands a typed word could become.
pub fn candidates(word: &str) -> Vec<&'static str> {
    let word = word.trim_start().to_ascii_lowercase();
    COMMANDS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| name.starts_with(&word))
        .collect()
}

/// What a command line runs: its first word (a command, or the unique start of one), and
/// for an object view the rest as its filter. `Err` is the one line to show.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    if word.is_empty() {
        return Err("no command: type one, Tab lists them".into());
    }
    let lower = word.to_ascii_lowercase();
    let command = command_of(&lower).or_else(|| match candidates(&lower).as_slice() {
        [one] => command_of(one),
        _ => None,
    });
    match command {
        Some(Command::View(kind, _)) => Ok(Command::View(kind, rest.trim().to_string())),
        Some(c) => Ok(c),
        None => {
            let shown = super::text::truncate(&super::text::visible(word), 30);
            match candidates(&lower).as_slice() {
                [] => Err(format!("unknown command :{shown} (Tab lists the commands)")),
                many => Err(format!(":{shown} could be {}", many.join(", "))),
            }
        }
    }
}

/// The command line being typed: the text, and where Tab completion is in the candidates of
/// what was typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    pub text: String,
    /// What the user typed (completion offers the commands that start with it).
    typed: String,
    /// The candidate Tab last put in, when cycling.
    choice: Option<usize>,
}

impl CommandLine {
    pub fn push(&mut self, c: char) {
        self.text.push(c);
        self.typed = self.text.clone();
        self.choice = None;
    }

    pub fn pop(&mut self) {
        self.text.pop();
        self.typed = self.text.clone();
        self.choice = None;
    }

    /// The commands the typed word could become (none once a space follows it).
    pub fn candidates(&self) -> Vec<&'static str> {
        if self.typed.contains(' ') {
            return Vec::new();
        }
        candidates(&self.typed)
    }

    /// Tab: a single candidate is put in whole; several are put in one after the other
    /// (no two commands share more than their first letter, so there is no longer common
    /// start to stop at).
    pub fn complete(&mut self) {
        let all = self.candidates();
        match all.as_slice() {
            [] => {}
            [one] => self.text = one.to_string(),
            many => {
                let next = self.choice.map_or(0, |c| (c + 1) % many.len());
                self.choice = Some(next);
                self.text = many[next].to_string();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_run_by_name_or_unique_start() {
        assert_eq!(
            parse("places"),
            Ok(Command::View(Kind::Places, String::new()))
        );
        assert_eq!(
            parse(" pl "),
            Ok(Command::View(Kind::Places, String::new()))
        );
        assert_eq!(
            parse("dns 1001 x"),
            Ok(Command::View(Kind::Dns, "1001 x".into()))
        );
        assert_eq!(parse("q"), Ok(Command::Quit));
        assert_eq!(parse("quit"), Ok(Command::Quit));
        assert_eq!(parse("AUDIT"), Ok(Command::Tab(Tab::Audit)));
        assert_eq!(parse("agents"), Ok(Command::Tab(Tab::Agents)));
        assert_eq!(
            parse("groups"),
            Ok(Command::View(Kind::AgentGroups, String::new()))
        );
        assert_eq!(
            parse("apps"),
            Ok(Command::View(Kind::Applications, String::new()))
        );
        assert_eq!(
            parse("logins"),
            Ok(Command::View(Kind::AgentLogins, String::new()))
        );
    }

    #[test]
    fn unknown_and_ambiguous_commands_say_so_in_one_line() {
        let e = parse("nope").unwrap_err();
        assert!(e.contains("unknown command :nope"), "{e}");
        let e = parse("a").unwrap_err();
        assert_eq!(e, ":a could be agents, apps, audit");
        assert!(parse("").is_err());
        let e = parse("\u{1b}[2J").unwrap_err();
        assert!(!e.contains('\u{1b}'), "control characters escaped: {e}");
    }

    #[test]
    fn every_listed_command_runs() {
        for (name, _) in COMMANDS {
            assert!(parse(name).is_ok(), "{name}");
        }
        for kind in Kind::ALL {
            assert!(
                COMMANDS.iter().any(|(n, _)| *n == kind.command()),
                "{kind:?}"
            );
        }
    }

    fn typed(text: &str) -> CommandLine {
        let mut line = CommandLine::default();
        text.chars().for_each(|c| line.push(c));
        line
    }

    #[test]
    fn tab_completes_then_cycles() {
        let mut line = typed("p");
        assert_eq!(line.candidates(), vec!["persons", "places"]);
        line.complete();
        assert_eq!(line.text, "persons");
        line.complete();
        assert_eq!(line.text, "places");
        line.complete();
        assert_eq!(line.text, "persons");
        let mut line = typed("sw");
        line.complete();
        assert_eq!(line.text, "switches");
        let mut line = typed("ag");
        line.complete();
        assert_eq!(line.text, "agents");
        let mut line = typed("a");
        line.complete();
        assert_eq!(line.text, "agents");
        line.pop();
        assert_eq!(
            line.candidates(),
            vec!["agents"],
            "an edit starts again from the text"
        );
        let mut line = typed("places 10");
        assert!(line.candidates().is_empty());
        line.complete();
        assert_eq!(line.text, "places 10");
    }
}
