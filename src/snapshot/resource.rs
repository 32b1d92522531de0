//! The resources live mode requests (SNAPSHOT.md §4) and how loose files are recognised (§2).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resource {
    Version,
    GenesysEnvironments,
    Settings,
    Tenants,
    Applications,
    Switches,
    Dns,
    Places,
    AgentLogins,
    AgentGroups,
    Persons,
}

impl Resource {
    /// Every resource, in the order live mode requests them.
    pub const ALL: [Resource; 11] = [
        Resource::Version,
        Resource::GenesysEnvironments,
        Resource::Settings,
        Resource::Tenants,
        Resource::Applications,
        Resource::Switches,
        Resource::Dns,
        Resource::Places,
        Resource::AgentLogins,
        Resource::AgentGroups,
        Resource::Persons,
    ];

    /// The request path relative to the API base, query included.
    pub fn path(self) -> &'static str {
        match self {
            Resource::Version => "/diagnostics/version",
            Resource::GenesysEnvironments => "/genesys-environments?fields=*",
            Resource::Settings => "/settings/interaction-workspace",
            Resource::Tenants => "/platform/configuration/tenants",
            Resource::Applications => "/platform/configuration/applications",
            Resource::Switches => "/platform/configuration/switches",
            Resource::Dns => "/platform/configuration/dns",
            Resource::Places => "/platform/configuration/places",
            Resource::AgentLogins => "/platform/configuration/agent-logins",
            Resource::AgentGroups => "/platform/configuration/agent-groups",
            Resource::Persons => "/platform/configuration/persons",
        }
    }

    /// A short human name (`agent-groups`, `genesys-environments`).
    pub fn name(self) -> &'static str {
        match self {
            Resource::Version => "version",
            Resource::GenesysEnvironments => "genesys-environments",
            Resource::Settings => "settings",
            Resource::Tenants => "tenants",
            Resource::Applications => "applications",
            Resource::Switches => "switches",
            Resource::Dns => "dns",
            Resource::Places => "places",
            Resource::AgentLogins => "agent-logins",
            Resource::AgentGroups => "agent-groups",
            Resource::Persons => "persons",
        }
    }

    /// The keys of a body that mark it as this resource (its envelope keys).
    pub fn envelope_keys(self) -> &'static [&'static str] {
        match self {
            Resource::Version => &["version"],
            Resource::GenesysEnvironments => &[
                "genesysEnvironments",
                "genesys-environments",
                "genesysEnvironment",
                "genesys-environment",
                "voiceEnvironments",
            ],
            Resource::Settings => &["settings"],
            Resource::Tenants => &["tenants"],
            Resource::Applications => &["applications"],
            Resource::Switches => &["switches"],
            Resource::Dns => &["dns"],
            Resource::Places => &["places"],
            Resource::AgentLogins => &["agent-logins"],
            Resource::AgentGroups => &["agent-groups"],
            Resource::Persons => &["persons"],
        }
    }

    pub fn from_path(path: &str) -> Option<Resource> {
        Resource::ALL.into_iter().find(|r| r.path() == path)
    }

    /// The resource a loose body holds, recognised by its first envelope key.
    pub fn recognise<'k>(keys: impl IntoIterator<Item = &'k str>) -> Option<Resource> {
        keys.into_iter().find_map(|key| {
            Resource::ALL
                .into_iter()
                .find(|r| r.envelope_keys().contains(&key))
        })
    }
}
