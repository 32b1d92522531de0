#!/usr/bin/env python3
"""Builds examples/demo.json, the built-in demo snapshot (python3 stdlib only).

    python3 scripts/make-demo.py            # writes examples/demo.json next to this script's repo

The output is deterministic. Every planted misconfiguration is marked `PLANT` below and listed,
with the rule it should trigger, in examples/README.md.
"""
import json
import pathlib
import random
import uuid

R = random.Random(20261129)


def num(n):
    """A Configuration Server integer: mostly a string, as GWS sends it; now and then a number."""
    return str(n) if R.random() < 0.8 else n


def flag(b):
    return num(2 if b else 1)


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


BASE = "https://gws.demo.example/api/v2"
GENVS = [("Genesys EMEA", uid()), ("Genesys Americas", uid())]

# Voice environments: key, name, Genesys environment, cluster mode, cluster nodes, location.
VES = [
    dict(key="dublin", name="SIPS_Dublin", genv=0, cluster=True, nodes=3, loc="/EU/DC1"),
    dict(key="zuerich", name="SIPS_Zürich", genv=0, cluster=True, nodes=2, loc="/EU/DC2"),
    dict(key="krakow", name="SIPS_Kraków", genv=0, cluster=False, nodes=0, loc=None),
    dict(key="oslo", name="SIPS_Oslo", genv=0, cluster=True, nodes=2, loc="/EU/DC1"),
    dict(key="saopaulo", name="SIPS_São_Paulo", genv=1, cluster=True, nodes=2, loc="/SA/DC1"),
    dict(key="austin", name="SIPS_Austin", genv=1, cluster=False, nodes=0, loc=None),
    dict(key="montreal", name="SIPS_Montréal", genv=1, cluster=False, nodes=0, loc=None),
]
VE = {v["key"]: v for v in VES}
for v in VES:
    v["id"] = uid()
    v["fqdn"] = f"sipcluster-{v['key']}.demo.example"
# PLANT GWS-104: the voice environment names its SIP Servers without the accent, so no
# application (and no switch) resolves for it.
VE["montreal"]["server_name"] = "SIPS_Montreal"

TENANTS = [
    dict(dbid=1, name="Environment",
         iw={"sipendpoint.policy.device.headset_name": "*"}),
    dict(dbid=101, name="Résidences Unies",
         iw={"sipendpoint.policy.session.auto_answer": "1"}),
    dict(dbid=102, name="Nordlicht Versicherung",
         iw={"privilege.sipendpoint.can-change-microphone-volume": "false"}),
]
TENANT = {t["name"]: t["dbid"] for t in TENANTS}

APP_SETTINGS = [
    ("privilege.sipendpoint.can-use", "false"),
    ("privilege.sipendpoint.can-change-microphone-volume", "true"),
    ("login.prompt-place", "false"),
    ("login.voice.prompt-dn-less-phone-number", "false"),
    ("voice.cancel-after-call-work-on-done", "true"),
    ("sipendpoint.uri", "https://localhost:8000"),
    ("sipendpoint.transport-protocol", "udp"),
    ("sipendpoint.policy.device.use_headset", "1"),
    ("sipendpoint.policy.session.auto_answer", "0"),
    ("sipendpoint.codecs.enabled.audio", "opus,pcmu"),
]

# Agents: first name, last name, voice environment, tenant.
AGENTS = [
    ("Siobhán", "O'Brien", "dublin", "Environment"),
    ("Liam", "Murphy", "dublin", "Environment"),
    ("Aoife", "Kelly", "dublin", "Environment"),
    ("Ciarán", "Byrne", "dublin", "Environment"),
    ("Niamh", "Walsh", "dublin", "Environment"),
    ("Seán", "Doyle", "dublin", "Environment"),
    ("Emma", "Ryan", "dublin", "Environment"),
    ("Conor", "Nolan", "dublin", "Environment"),
    ("Róisín", "Kavanagh", "dublin", "Environment"),
    ("Declan", "Murphy", "dublin", "Environment"),
    ("Orla", "Quinn", "dublin", "Environment"),
    ("Pádraig", "Lynch", "dublin", "Environment"),
    ("Aisling", "Burke", "dublin", "Environment"),
    ("Fionn", "McCarthy", "dublin", "Environment"),
    ("Jürgen", "Müller", "zuerich", "Nordlicht Versicherung"),
    ("Anna", "Schäfer", "zuerich", "Nordlicht Versicherung"),
    ("Lukas", "Meier", "zuerich", "Nordlicht Versicherung"),
    ("Zoë", "Keller", "zuerich", "Nordlicht Versicherung"),
    ("Matthias", "Brunner", "zuerich", "Nordlicht Versicherung"),
    ("Léa", "Fontaine", "zuerich", "Nordlicht Versicherung"),
    ("Reto", "Gerber", "zuerich", "Nordlicht Versicherung"),
    ("Chiara", "Bernasconi", "zuerich", "Nordlicht Versicherung"),
    ("Nicolas", "Favre", "zuerich", "Nordlicht Versicherung"),
    ("Sandra", "Huber", "zuerich", "Environment"),
    ("Urs", "Baumann", "zuerich", "Nordlicht Versicherung"),
    ("Mélanie", "Roux", "zuerich", "Nordlicht Versicherung"),
    ("Łukasz", "Nowak", "krakow", "Environment"),
    ("Agnieszka", "Wiśniewska", "krakow", "Environment"),
    ("Paweł", "Wójcik", "krakow", "Environment"),
    ("Zofia", "Kamińska", "krakow", "Environment"),
    ("Michał", "Lewandowski", "krakow", "Environment"),
    ("Katarzyna", "Zielińska", "krakow", "Environment"),
    ("Tomasz", "Szymański", "krakow", "Environment"),
    ("Małgorzata", "Dąbrowska", "krakow", "Environment"),
    ("Piotr", "Kozłowski", "krakow", "Environment"),
    ("Ewa", "Jankowska", "krakow", "Environment"),
    ("Ingrid", "Ødegård", "oslo", "Nordlicht Versicherung"),
    ("Bjørn", "Løvlie", "oslo", "Nordlicht Versicherung"),
    ("Kari", "Nordmann", "oslo", "Nordlicht Versicherung"),
    ("João", "Silva", "saopaulo", "Résidences Unies"),
    ("Mariana", "Conceição", "saopaulo", "Résidences Unies"),
    ("Luís", "Gonçalves", "saopaulo", "Résidences Unies"),
    ("Ana", "Pereira", "saopaulo", "Résidences Unies"),
    ("Thiago", "Araújo", "saopaulo", "Résidences Unies"),
    ("Beatriz", "Lima", "saopaulo", "Résidences Unies"),
    ("Rafael", "Souza", "saopaulo", "Résidences Unies"),
    ("Camila", "Rocha", "saopaulo", "Résidences Unies"),
    ("Gustavo", "Oliveira", "saopaulo", "Résidences Unies"),
    ("Larissa", "Fernandes", "saopaulo", "Résidences Unies"),
    ("Felipe", "Cardoso", "saopaulo", "Résidences Unies"),
    ("Emily", "Johnson", "austin", "Résidences Unies"),
    ("Michael", "Brown", "austin", "Résidences Unies"),
    ("Jessica", "García", "austin", "Résidences Unies"),
    ("David", "Nguyễn", "austin", "Résidences Unies"),
    ("Sarah", "Miller", "austin", "Résidences Unies"),
    ("Christopher", "Davis", "austin", "Résidences Unies"),
    ("Ashley", "Martínez", "austin", "Résidences Unies"),
    ("Daniel", "Wilson", "austin", "Résidences Unies"),
    ("Émilie", "Tremblay", "montreal", "Résidences Unies"),
    ("François", "Gagnon", "montreal", "Résidences Unies"),
]

# Person-level interaction-workspace options (benign ones and plants).
PERSON_IW = {
    "Jürgen Müller": {"sipendpoint.policy.device.use_headset": "0"},
    "Emma Ryan": {"sipendpoint.policy.device.audio_in_device": "Jabra Evolve*"},
    "Ana Pereira": {"privilege.sipendpoint.can-change-speaker-volume": "false"},
    "David Nguyễn": {"voice.cancel-after-call-work-on-done": "false"},
    "Aoife Kelly": {"sipendpoint.uri": "https://localhost"},  # PLANT GWS-303
    "Conor Nolan": {"sipendpoint.sip-server-address": "sipcluster-dub.demo.example"},  # PLANT GWS-307
    "Pádraig Lynch": {"privilege.sipendpoint.can-mute-microphone": "yes"},  # PLANT GWS-311
    "Léa Fontaine": {"privilege.sipendpoint.can-use": "false"},  # PLANT GWS-301
    "Urs Baumann": {"sipendpoint.sip-server-address": "10.44.0.12:5060"},  # PLANT GWS-306 (+307)
    "Camila Rocha": {"sipendpoint.sip-server-address": ""},  # PLANT GWS-305
    "Tomasz Szymański": {"sipendpoint.policy.session.auto_answer.delay": "3"},  # PLANT GWS-309
}

# Agent groups: name, virtual script (None = not virtual), options, members.
GROUPS = [
    ("Sales", None, {"sipendpoint.policy.session.auto_answer": "1"},
     ["Nicolas Favre", "Mélanie Roux", "Jessica García", "João Silva", "Łukasz Nowak"]),
    # PLANT GWS-310: Ventes and Sales set auto_answer differently; Nicolas and Mélanie are in both.
    ("Ventes", None, {"sipendpoint.policy.session.auto_answer": "0"},
     ["Nicolas Favre", "Mélanie Roux", "Chiara Bernasconi"]),
    ("Support", None, {"privilege.sipendpoint.can-change-speaker-volume": "true"},
     ["Seán Doyle", "Róisín Kavanagh", "Zofia Kamińska", "Beatriz Lima", "Daniel Wilson"]),
    # PLANT GWS-308: an unsupported transport.
    ("Billing", None, {"sipendpoint.transport-protocol": "sctp"},
     ["Michael Brown", "Sarah Miller", "Rafael Souza"]),
    # PLANT GWS-309: a policy key with one part instead of two.
    ("Headset Users", None, {"sipendpoint.policy.device": "jabra"},
     ["Lukas Meier", "Paweł Wójcik"]),
    # PLANT GWS-302: place prompt on, while the cluster groups grant the softphone.
    ("Hot Desk", None, {"login.prompt-place": "true"}, ["Niamh Walsh", "Reto Gerber"]),
    ("Supervisors", None, {}, ["Fionn McCarthy", "Sandra Huber", "Christopher Davis"]),
    ("VAG Spanish", 'Skill("Spanish")>5', {"sipendpoint.policy.session.agc_mode": "1"},
     ["Jessica García", "Ashley Martínez", "Larissa Fernandes"]),
    # PLANT GWS-304: http while browsers reach GWS over https.
    ("VAG Legacy Browser", 'Skill("LegacyDesk")>0', {"sipendpoint.uri": "http://localhost:8000"},
     ["Emily Johnson", "Gustavo Oliveira"]),
    # PLANT GWS-311: not a boolean.
    ("VAG Night Shift", "", {"privilege.sipendpoint.can-mute-speaker": "nope"},
     ["Orla Quinn", "Ingrid Ødegård"]),
]

# ------------------------------------------------------------------------------------------
# DBIDs

APPS = []  # (dbid, name, type, options, connections)
next_app = 101
for v in VES:
    v["apps"] = []
    names = [f"{v['name']}_P", f"{v['name']}_B"] + [f"{v['name']}_N{k + 1}" for k in range(v["nodes"])]
    for name in names:
        v["apps"].append((next_app, name))
        next_app += 1
for i, v in enumerate(VES):
    v["switch"] = 101 + i

# ------------------------------------------------------------------------------------------
# Builders


def server_fields(prefix, name, dbid):
    if name is None:
        return {f"{prefix}ServerName": None, f"{prefix}Address": None, f"{prefix}Port": None,
                f"{prefix}SipPort": None, f"{prefix}Dbid": None}
    return {f"{prefix}ServerName": name, f"{prefix}Address": f"{name.lower()}.corp.demo",
            f"{prefix}Port": "5001", f"{prefix}SipPort": "5060", f"{prefix}Dbid": dbid}


def voice_environment(v, gid):
    server = v.get("server_name", v["name"])
    (p_dbid, _), (b_dbid, _) = v["apps"][0], v["apps"][1]
    out = {"id": v["id"], "name": v["name"], "clusterMode": v["cluster"], "connectionProtocol": "addp"}
    out |= server_fields("primary", f"{server}_P", p_dbid)
    out |= server_fields("backup", f"{server}_B", b_dbid)
    conns = []
    targets = v["apps"][2:] if v["cluster"] else v["apps"][:1]
    for dbid, name in targets:
        if not v["cluster"]:
            name = f"{server}_P"
        c = {"id": uid(), "genesysEnvironmentId": gid, "connectionProtocol": "addp"}
        c |= server_fields("primary", name, dbid)
        c |= server_fields("backup", None, None)
        conns.append(c)
    out["tserverConnections"] = conns
    out["uri"] = f"{BASE}/voice-environments/{v['id']}"
    out["path"] = f"/voice-environments/{v['id']}"
    return out


def application(dbid, name, app_type, options, connections=()):
    return {
        "DBID": num(dbid), "name": name, "type": num(app_type), "version": "8.5.1",
        "state": num(1), "isServer": flag(True), "hostDBID": num(101),
        "workDirectory": f"/opt/genesys/{name}", "commandLine": "./run.sh",
        "options": options, "userProperties": {},
        "appServerDBIDs": [
            {"appServerDBID": num(t), "connProtocol": "addp", "appParams": params,
             "timoutLocal": num(10), "timoutRemote": num(20), "mode": num(0), "id": "default",
             "transportParams": ""}
            for t, params in connections
        ],
        "portInfos": [{"id": "default", "port": str(7000 + dbid), "longField1": "0"}],
    }


def applications():
    apps, conns = [], []
    for v in VES:
        for k, (dbid, name) in enumerate(v["apps"]):
            tserver = {"sip-port": "5060", "sip-address": f"{v['key']}.corp.demo", "dn-scope": "tenant"}
            if v["key"] == "oslo":
                tserver["server-role"] = "5"  # Oslo's cluster evidence is in the options
            apps.append(application(dbid, name, 1, {"TServer": tserver,
                                                    "log": {"verbose": "standard", "all": "/var/log/sips"}}))
            if v["cluster"]:
                sep = ["; ", "\n", ";"][k % 3]
                params = f"locations={v['loc']}" if v["key"] == "oslo" else f"locations={v['loc']}{sep}server-role=5"
                if name == "SIPS_Zürich_N2":
                    params = "server-role=5"  # PLANT GWS-103: no locations
                conns.append((dbid, params))
            elif v["key"] == "austin" and k == 0:
                # PLANT GWS-102: a leftover cluster connection on a non-cluster voice environment.
                conns.append((dbid, "locations=/US/DC2;server-role=5"))
    general = {"gws-url": "https://gws.demo.example"}
    n = next_app
    apps.append(application(n, "StatServer_GWS", 10, {"statserver": {}}))
    apps.append(application(n + 1, "confserv_proxy_1", 8, {"csproxy": {}}))
    apps.append(application(n + 2, "GWS_Node_1", 143, {"general": general}))
    apps.append(application(n + 3, "CloudCluster", 143,
                            {"interaction-workspace": dict(APP_SETTINGS), "general": general}, conns))
    return apps


def switch(v):
    city = v["name"].removeprefix("SIPS_")
    name = f"SIP_Cluster_{city}" if v["cluster"] else f"SW_{city}"
    return {"DBID": num(v["switch"]), "name": name, "tenantDBID": num(1),
            "TServerDBID": num(v["apps"][0][0]), "type": num(40), "linkType": num(0),
            "state": num(1), "switchAccessCodes": [], "userProperties": {}}


DNS = []


def dn(number, v, dn_type, tserver=None, name=None):
    dbid = 301 + len(DNS)
    d = {"DBID": num(dbid), "number": number, "switchDBID": num(v["switch"]), "tenantDBID": num(1),
         "type": dn_type, "routeType": num(1), "state": num(1), "registerAll": flag(True),
         "switchSpecificType": num(1), "dnLoginID": "",
         "userProperties": {"TServer": tserver} if tserver else {}}
    if name:
        d["name"] = name
    DNS.append(d)
    return dbid


def service_dns():
    for v in VES:
        k = v["key"]
        if v["cluster"]:
            sop = {"service-type": "sip-outbound-proxy", "external-contact": v["fqdn"],
                   "oos-check": "5", "oos-force": "5"}
            if k == "oslo":
                # PLANT GWS-401: the proxy DN has no external-contact; PLANT GWS-405: no nodes DN.
                del sop["external-contact"]
            dn(f"SOP_{k}", v, R.choice(["29", "CFGVoIPService", 29]), sop, name="SIP_Outbound_Proxy")
            if k == "dublin":
                # PLANT GWS-402: a second proxy DN whose external contact is an IP and port.
                dn("SOP_dublin_legacy", v, "29", {"service-type": "sip-outbound-proxy",
                                                  "external-contact": "10.20.1.5:5060"})
            if k != "oslo":
                dn(f"nodes_{k}", v, "29", {"service-type": "sip-cluster-nodes",
                                           "tc-latency-poll-interval": "10"})
            if k == "zuerich":
                dn("Q_zuerich_support", v, "CFGACDQueue")  # PLANT GWS-404
        else:
            dn(f"SOP_{k}", v, "29", {"service-type": "sip-outbound-proxy",
                                     "external-contact": f"10.0.{v['switch'] - 100}.1:5060"})
            dn(f"Q_{k}_0", v, R.choice(["3", 3, "ACDQueue"]))
        dn(f"msml_{k}", v, "29", {"service-type": "msml", "contact": "msml.corp.demo"})
        dn(f"RP_{k}", v, R.choice(["4", "CFGRoutingPoint"]))


def main():
    service_dns()
    person_dbid = {}
    places, logins, persons = [], [], []
    login_by_person = {}

    def new_login(v, code):
        dbid = 501 + len(logins)
        logins.append({"DBID": num(dbid), "tenantDBID": num(1), "switchDBID": num(v["switch"]),
                       "loginCode": code, "state": num(1), "useOverride": flag(True),
                       "switchSpecificType": num(1),
                       "userProperties": {"TServer": {"wrap-up-time": "0"}}})
        return dbid

    for j, (first, last, vk, tenant) in enumerate(AGENTS):
        full = f"{first} {last}"
        v = VE[vk]
        dbid = 101 + j
        person_dbid[full] = dbid
        ext = dn(str(20100 + j), v, R.choice(["1", "1", 1, "CFGExtension", "Extension"]),
                 {"contact": "*"} if j % 3 == 0 else None)
        place_dbs = [ext]
        if full == "Thiago Araújo":
            place_dbs = []  # PLANT GWS-204: a hot-desk place without an Extension DN
        places.append({"DBID": num(201 + j), "name": f"Place_{20100 + j}",
                       "tenantDBID": num(TENANT[tenant]), "DNDBIDs": [num(d) for d in place_dbs],
                       "state": num(1), "capacityRuleDBID": "0", "siteDBID": "0",
                       "userProperties": {}})
        agent_logins = []
        if not v["cluster"]:
            agent_logins.append(new_login(v, str(7100 + j)))
        if full in ("Matthias Brunner", "Thiago Araújo"):
            # PLANT GWS-403 (+206): agent logins on a cluster switch, which these two reach
            # their voice environment through (no place / no Extension DN).
            agent_logins.append(new_login(v, str(4700 + j)))
        login_by_person[full] = agent_logins
    # PLANT GWS-206: Ciarán moved from Kraków to the Dublin cluster and keeps his old login.
    login_by_person["Ciarán Byrne"] = [new_login(VE["krakow"], "7003")]

    for j, (first, last, vk, tenant) in enumerate(AGENTS):
        full = f"{first} {last}"
        dbid = 101 + j
        user = f"{first}.{last}".lower().replace("'", "")
        agent_info = {"placeDBID": num(201 + j)}
        if full == "Matthias Brunner":
            del agent_info["placeDBID"]  # PLANT GWS-203: no default place
        agent_info |= {
            "agentLogins": [{"agentLoginDBID": num(d), "wrapupTime": num(0)} for d in login_by_person[full]],
            "capacityRuleDBID": num(0), "siteDBID": num(0), "contractDBID": num(0),
            "skillLevels": [{"skillDBID": num(101 + j % 5), "level": num(1 + j % 9)}],
        }
        p = {"DBID": num(dbid), "tenantDBID": num(TENANT[tenant]), "userName": user,
             "firstName": first, "lastName": last, "isAgent": "2", "isAdmin": flag(False),
             "state": num(2 if full == "Felipe Cardoso" else 1),
             "externalID": None if j % 4 == 0 else f"X{dbid}",
             "emailAddress": f"{user}@demo.example", "agentInfo": agent_info, "folderDBID": num(105)}
        emp = f"E{20300 + j}"
        if full == "Siobhán O'Brien":
            emp = None  # PLANT GWS-201
        elif full in ("Liam Murphy", "Declan Murphy"):
            emp = "E20417" if full == "Liam Murphy" else " E20417"  # PLANT GWS-202
        if emp is not None:
            p["employeeID"] = emp
        up = {"htcc": {"roles": "agent"}}
        if full in PERSON_IW:
            up["interaction-workspace"] = PERSON_IW[full]
        p["userProperties"] = up
        persons.append(p)
    for k, (user, roles) in enumerate([("svc-audit", "apiuser"), ("admin.müller", "admin"),
                                       ("supervisor.ortiz", "supervisor")]):
        persons.append({"DBID": num(101 + len(AGENTS) + k), "tenantDBID": num(1), "userName": user,
                        "firstName": "", "lastName": user, "isAgent": "1", "isAdmin": flag(True),
                        "state": num(1), "agentInfo": None, "folderDBID": num(104),
                        "userProperties": {"htcc": {"roles": roles}}})

    groups = []
    gdbid = 101
    for v in VES:
        if v["key"] == "montreal":
            iw = {}
        elif v["cluster"]:
            address = "SIPCLUSTER-ZUERICH.DEMO.EXAMPLE." if v["key"] == "zuerich" else v["fqdn"]
            iw = {"privilege.sipendpoint.can-use": "true", "sipendpoint.sip-server-address": address}
        else:
            iw = {"privilege.sipendpoint.can-use": "false"}
        members = [person_dbid[f"{a[0]} {a[1]}"] for a in AGENTS if a[2] == v["key"]]
        GROUPS.insert(gdbid - 101, (f"{v['name']} Agents", None, iw, members))
        gdbid += 1
    for g, (name, script, iw, members) in enumerate(GROUPS):
        up = {}
        if script is not None:
            up["virtual"] = {"script": script} if script else {}
        up["interaction-workspace"] = iw
        ids = [m if isinstance(m, int) else person_dbid[m] for m in members]
        groups.append({"groupInfo": {"DBID": num(101 + g), "name": name, "tenantDBID": num(1),
                                     "state": num(1), "userProperties": up, "managerDBIDs": [],
                                     "routeDNDBIDs": [], "capacityTableDBID": num(0)},
                       "agentDBIDs": [num(i) for i in ids]})

    genvs = []
    for g, (name, gid) in enumerate(GENVS):
        genvs.append({"id": gid, "name": name,
                      "voiceEnvironments": [voice_environment(v, gid) for v in VES if v["genv"] == g],
                      "path": f"/genesys-environments/{gid}"})

    snapshot = {
        "gwsxSnapshot": 1,
        "capturedAt": "2026-11-29T10:00:00Z",
        "source": {"baseUrl": BASE, "gwsVersion": "8.5.201.09", "user": "svc-audit"},
        "gwsConfig": {"useEmployeeIdAsAgentLoginForSIPCluster": True, "browserProtocol": "https",
                      "clusterApplication": "CloudCluster"},
        "responses": {
            "/diagnostics/version": {"statusCode": 0, "version": "8.5.201.09"},
            "/genesys-environments?fields=*": {"statusCode": 0, "genesysEnvironments": genvs},
            "/settings/interaction-workspace": {
                "statusCode": 0, "settings": [{"name": k, "value": v} for k, v in APP_SETTINGS]},
            "/platform/configuration/tenants": {"statusCode": 0, "tenants": [
                {"DBID": num(t["dbid"]), "name": t["name"], "state": num(1),
                 "isServiceProvider": flag(False),
                 "userProperties": {"interaction-workspace": t["iw"]}} for t in TENANTS]},
            "/platform/configuration/applications": {"statusCode": 0, "applications": applications()},
            "/platform/configuration/switches": {"statusCode": 0, "switches": [switch(v) for v in VES]},
            "/platform/configuration/dns": {"statusCode": 0, "dns": DNS},
            "/platform/configuration/places": {"statusCode": 0, "places": places},
            "/platform/configuration/agent-logins": {"statusCode": 0, "agent-logins": logins},
            "/platform/configuration/agent-groups": {"statusCode": 0, "agent-groups": groups},
            "/platform/configuration/persons": {"statusCode": 0, "persons": persons},
        },
    }
    out = pathlib.Path(__file__).resolve().parent.parent / "examples" / "demo.json"
    out.write_text(json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
