//! Where each object is used, built once per load in one pass over each list (O(n)), so a
//! detail pane names the agents of a place or the DNs of a switch without a scan per frame.
//! Indexes are into the model's lists; the first object of a DBID wins, as in the inventory.

use super::Kind;
use crate::domain::{Fact, Inventory};
use std::collections::HashMap;

type Index = HashMap<i64, Vec<u32>>;

#[derive(Debug, Default)]
pub struct Used {
    /// Per kind (`Kind::index`), DBID → the object's index.
    by_dbid: Vec<HashMap<i64, u32>>,
    /// Place DBID → the persons whose default place it is.
    place_persons: Index,
    /// DN DBID → the places holding it, and the persons whose default place those are.
    dn_places: Index,
    dn_persons: Index,
    /// Agent login DBID → the persons it is listed for.
    login_persons: Index,
    /// Switch DBID → its DNs, its agent logins.
    switch_dns: Index,
    switch_logins: Index,
    /// Switch DBID → the voice environments resolving to it.
    switch_ves: HashMap<i64, Vec<usize>>,
    /// Application DBID → the applications with a connection to it; the voice environments
    /// naming it as their primary or backup SIP Server.
    app_clients: Index,
    app_ves: HashMap<i64, Vec<usize>>,
    /// Group index → its members (person indexes; unknown DBIDs left out).
    group_members: Vec<Vec<u32>>,
    /// Person index → the agent (index in `inv.agents`) it is.
    agent_of_person: HashMap<u32, u32>,
    /// Tenant DBID → objects of each kind in it.
    tenant_counts: HashMap<i64, [usize; 8]>,
}

fn push(map: &mut Index, key: Option<i64>, i: usize) {
    if let Some(k) = key {
        let list = map.entry(k).or_default();
        // A list naming the same DBID twice counts it once.
        if list.last() != Some(&(i as u32)) {
            list.push(i as u32);
        }
    }
}

fn first_by<T>(items: &[T], key: impl Fn(&T) -> Option<i64>) -> HashMap<i64, u32> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(k) = key(item) {
            map.entry(k).or_insert(i as u32);
        }
    }
    map
}

impl Used {
    pub fn build(inv: &Inventory) -> Used {
        let mut u = Used {
            by_dbid: Kind::ALL.iter().map(|_| HashMap::new()).collect(),
            ..Used::default()
        };
        u.by_dbid[Kind::Persons.index()] = first_by(inv.persons(), |p| p.dbid);
        u.by_dbid[Kind::Places.index()] = first_by(inv.places(), |p| p.dbid);
        u.by_dbid[Kind::Dns.index()] = first_by(inv.dns(), |d| d.dbid);
        u.by_dbid[Kind::Switches.index()] = first_by(inv.switches(), |s| s.dbid);
        u.by_dbid[Kind::Applications.index()] = first_by(inv.applications(), |a| a.dbid);
        u.by_dbid[Kind::AgentLogins.index()] = first_by(inv.agent_logins(), |l| l.dbid);
        u.by_dbid[Kind::AgentGroups.index()] = first_by(inv.agent_groups(), |g| g.group_info.dbid);
        u.by_dbid[Kind::Tenants.index()] = first_by(inv.tenants(), |t| t.dbid);
        let mut tenant = |t: Option<i64>, kind: usize| {
            if let Some(t) = t {
                u.tenant_counts.entry(t).or_insert([0; 8])[kind] += 1;
            }
        };
        for p in inv.persons() {
            tenant(p.tenant_dbid, 0);
        }
        for p in inv.places() {
            tenant(p.tenant_dbid, 1);
        }
        for d in inv.dns() {
            tenant(d.tenant_dbid, 2);
        }
        for s in inv.switches() {
            tenant(s.tenant_dbid, 3);
        }
        for g in inv.agent_groups() {
            tenant(g.group_info.tenant_dbid, 6);
        }
        for (i, p) in inv.persons().iter().enumerate() {
            push(&mut u.place_persons, p.agent_info.place_dbid, i);
            for l in &p.agent_info.agent_logins {
                push(&mut u.login_persons, l.agent_login_dbid, i);
            }
        }
        for (i, p) in inv.places().iter().enumerate() {
            let persons = Used::list(&u.place_persons, p.dbid);
            for &d in &p.dn_dbids {
                push(&mut u.dn_places, Some(d), i);
                u.dn_persons
                    .entry(d)
                    .or_default()
                    .extend_from_slice(persons);
            }
        }
        for persons in u.dn_persons.values_mut() {
            persons.sort_unstable();
            persons.dedup();
        }
        for (i, d) in inv.dns().iter().enumerate() {
            push(&mut u.switch_dns, d.switch_dbid, i);
        }
        for (i, l) in inv.agent_logins().iter().enumerate() {
            push(&mut u.switch_logins, l.switch_dbid, i);
        }
        for (i, a) in inv.applications().iter().enumerate() {
            for c in &a.connections {
                push(&mut u.app_clients, c.app_server_dbid, i);
            }
        }
        for (v, ve) in inv.voice_envs.iter().enumerate() {
            if let Fact::Known(Some(s)) = inv.voice_env_switch_dbid(v) {
                u.switch_ves.entry(s).or_default().push(v);
            }
            let apps = [ve.primary_app, ve.backup_app];
            let mut seen = Vec::with_capacity(2);
            for a in apps.iter().filter_map(|a| a.known().flatten()) {
                if let Some(dbid) = inv.applications().get(a).and_then(|a| a.dbid)
                    && !seen.contains(&dbid)
                {
                    seen.push(dbid);
                    u.app_ves.entry(dbid).or_default().push(v);
                }
            }
        }
        let persons = &u.by_dbid[Kind::Persons.index()];
        u.group_members = inv
            .agent_groups()
            .iter()
            .map(|g| {
                let mut members: Vec<u32> = g
                    .agent_dbids
                    .iter()
                    .filter_map(|d| persons.get(d).copied())
                    .collect();
                members.dedup();
                members
            })
            .collect();
        u.agent_of_person = inv
            .agents
            .iter()
            .enumerate()
            .map(|(a, agent)| (agent.person as u32, a as u32))
            .collect();
        u
    }

    /// The index of the object of a kind with this DBID.
    pub fn find(&self, kind: Kind, dbid: Option<i64>) -> Option<usize> {
        let map = self.by_dbid.get(kind.index())?;
        dbid.and_then(|d| map.get(&d)).map(|&i| i as usize)
    }

    fn list(map: &Index, key: Option<i64>) -> &[u32] {
        key.and_then(|k| map.get(&k)).map_or(&[], Vec::as_slice)
    }

    pub fn persons_of_place(&self, place: Option<i64>) -> &[u32] {
        Used::list(&self.place_persons, place)
    }

    pub fn places_of_dn(&self, dn: Option<i64>) -> &[u32] {
        Used::list(&self.dn_places, dn)
    }

    /// The persons whose default place holds the DN (each once).
    pub fn persons_of_dn(&self, dn: Option<i64>) -> &[u32] {
        Used::list(&self.dn_persons, dn)
    }

    pub fn persons_of_login(&self, login: Option<i64>) -> &[u32] {
        Used::list(&self.login_persons, login)
    }

    pub fn dns_of_switch(&self, switch: Option<i64>) -> &[u32] {
        Used::list(&self.switch_dns, switch)
    }

    pub fn logins_of_switch(&self, switch: Option<i64>) -> &[u32] {
        Used::list(&self.switch_logins, switch)
    }

    pub fn voice_envs_of_switch(&self, switch: Option<i64>) -> &[usize] {
        switch
            .and_then(|s| self.switch_ves.get(&s))
            .map_or(&[], Vec::as_slice)
    }

    pub fn clients_of_app(&self, app: Option<i64>) -> &[u32] {
        Used::list(&self.app_clients, app)
    }

    pub fn voice_envs_of_app(&self, app: Option<i64>) -> &[usize] {
        app.and_then(|a| self.app_ves.get(&a))
            .map_or(&[], Vec::as_slice)
    }

    pub fn members_of_group(&self, group: usize) -> &[u32] {
        self.group_members.get(group).map_or(&[], Vec::as_slice)
    }

    pub fn agent_of_person(&self, person: usize) -> Option<usize> {
        self.agent_of_person
            .get(&(person as u32))
            .map(|&a| a as usize)
    }

    /// Objects in a tenant: persons, places, DNs, switches, …, agent groups (by `Kind`
    /// order; kinds without a tenant stay 0).
    pub fn tenant_counts(&self, tenant: Option<i64>) -> [usize; 8] {
        tenant
            .and_then(|t| self.tenant_counts.get(&t))
            .copied()
            .unwrap_or_default()
    }
}
