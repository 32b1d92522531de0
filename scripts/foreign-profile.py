# A profile gwsx generate does not make, from one it does: more findings per agent (findings)
# or other option mixes and real-looking extra fields (options). Used to measure on data the
# generator was not tuned on: python3 scripts/foreign-profile.py IN OUT findings|options SEED
import json, random, sys
src, out, mode, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rng = random.Random(seed)
d = json.load(open(src))
r = d['responses']
persons = r['/platform/configuration/persons']['persons']
unrelated = ['voice.mark-done-on-release', 'interaction.disposition.key-name', 'chat.auto-answer',
             'email.outbound-queue', 'teamcommunicator.list-filter-showing', 'keyboard.shortcut.state.ready',
             'statistics.refresh-time', 'display-format.agent-name', 'voice.prompt-dn-less-phone-number',
             'agent-status.not-ready-reasons', 'interaction.case-data.format-business-attribute']
for p in persons:
    up = p.setdefault('userProperties', {}) or {}
    p['userProperties'] = up
    iw = up.setdefault('interaction-workspace', {}) or {}
    up['interaction-workspace'] = iw
    if mode == 'findings':
        if rng.random() < 0.9:
            for i in range(rng.randint(1, 4)):
                iw['sipendpoint.policy.bad%d' % i] = 'x'
        if rng.random() < 0.5:
            iw['sipendpoint.transport-protocol'] = rng.choice(['sctp', ' UDP', '', 'ws'])
        if rng.random() < 0.5:
            iw['privilege.sipendpoint.can-use'] = rng.choice(['yes', 'TRUE ', '1', 'on'])
        if rng.random() < 0.3:
            iw['sipendpoint.sip-server-address'] = '10.0.%d.%d:5060' % (rng.randint(0, 255), rng.randint(0, 255))
        if rng.random() < 0.3:
            iw['sipendpoint.uri'] = 'http://10.1.1.%d:8000' % rng.randint(1, 254)
    else:
        for k in rng.sample(unrelated, rng.randint(4, 11)):
            iw[k] = rng.choice(['true', 'false', '$Agent.LastName$, $Agent.FirstName$', '15', 'Break,Lunch,Training'])
        up['htcc'] = {'roles': 'agent', 'lastLogin': '2026-11-%02dT08:00:00Z' % rng.randint(1, 28)}
        up['wfm'] = {'team': 'T%d' % rng.randint(1, 400), 'site': 'S%d' % rng.randint(1, 9)}
    p['appRanks'] = [{'appType': t, 'appRank': rng.choice([1, 2, 3])} for t in (51, 55, 148)]
    p['password'] = None
json.dump(d, open(out, 'w'), separators=(',', ':'), ensure_ascii=False)
