#!/usr/bin/env python3
"""Deterministic synthetic corpus for passage's benchmark (standard library only).

Writes, from a seed and a document count N:

  --out DIR     a valid passage content tree: site.json, themes.json (15 themes), instruments and
                organizations with aliases (200 + N/100 of each, at most 800), recommendation sets,
                annotations anchored to existing passages, and N documents of 3-6 KB that read like
                policy texts (explicit {#id} heading anchors, numbered paragraphs, footnotes, an
                occasional table, entity names in running text, explicit references, "supra nt"
                cross-references). `passage check --strict` passes on it.
  --hugo DIR    the equivalent Hugo site: config with sitemap and RSS, a minimal layout, one page per
                document with front matter and the same body (passage links rewritten: doc: links
                to relative links, every other scheme to its plain link text; footnotes kept).
  --floor FILE  all document bodies concatenated into one Markdown file, for the cmark-gfm floor.
                Footnote labels are made unique per document ([^7] -> [^d42-7]) so that one
                cmark-gfm process renders every note, as it would per file.

The output depends only on --seed and --docs (same arguments, same bytes). Existing target
folders are replaced whole.
"""

import argparse
import bisect
import json
import os
import random
import re
import shutil
import sys

# --------------------------------------------------------------------------------------------
# Word banks

CITIES = [
    "Rabat", "Colombo", "Abu Dhabi", "Bali", "Budapest", "Puebla", "Lima", "Dakar", "Nairobi",
    "Addis Ababa", "Manila", "Bangkok", "Kampala", "Accra", "Quito", "Montevideo", "Brasília",
    "Santiago", "Cartagena", "Tunis", "Cairo", "Amman", "Beirut", "Ankara", "Tbilisi", "Almaty",
    "Tashkent", "Dhaka", "Kathmandu", "Jakarta", "Hanoi", "Suva", "Apia", "Wellington",
    "Canberra", "Ottawa", "Mexico City", "Guatemala City", "San José", "Panama City", "Kingston",
    "Port of Spain", "Bogotá", "Caracas", "La Paz", "Asunción", "Buenos Aires", "Madrid", "Lisbon",
    "Valletta", "Athens", "Sofia", "Warsaw", "Vilnius", "Helsinki", "Oslo", "Dublin", "Geneva",
    "Luxembourg", "Marrakesh", "Niamey", "Bamako", "Abuja", "Kinshasa", "Lusaka", "Harare",
    "Maputo", "Windhoek", "Gaborone", "Antananarivo", "Port Louis", "Muscat", "Doha", "Manama",
]
COUNTRIES = [
    "Morocco", "Sri Lanka", "the Philippines", "Mexico", "Senegal", "Kenya", "Ethiopia", "Ghana",
    "Ecuador", "Uruguay", "Chile", "Tunisia", "Egypt", "Jordan", "Lebanon", "Türkiye", "Georgia",
    "Kazakhstan", "Bangladesh", "Nepal", "Indonesia", "Viet Nam", "Fiji", "Samoa", "Canada",
    "Guatemala", "Costa Rica", "Jamaica", "Colombia", "Bolivia", "Paraguay", "Argentina", "Spain",
    "Portugal", "Malta", "Greece", "Bulgaria", "Poland", "Lithuania", "Finland", "Norway", "Ireland",
    "Niger", "Mali", "Nigeria", "Zambia", "Zimbabwe", "Mozambique", "Namibia", "Botswana",
    "Madagascar", "Mauritius", "Oman", "Qatar", "Bahrain", "Côte d’Ivoire", "Burkina Faso",
]
REGIONS = ["Inter-American", "African", "Asian", "European", "Arab", "Nordic", "Pacific", "Andean",
           "Caribbean", "Mediterranean", "Central American", "South Asian", "West African", "Baltic"]
TOPICS = [
    "Labour Mobility", "Fair Recruitment", "Remittance Costs", "Family Reunification",
    "Return and Readmission", "Border Management", "Diaspora Engagement", "Migrant Health",
    "Climate-Related Displacement", "Social Protection", "Skills Recognition", "Circular Migration",
    "Trafficking in Persons", "Migrant Smuggling", "Consular Protection", "Integration Policies",
    "Statelessness", "Asylum Procedures", "Child Migrants", "Regularization",
    "Ethical Recruitment of Health Workers", "Portability of Pensions", "Labour Inspection",
    "Migration Statistics", "Irregular Migration", "Search and Rescue at Sea", "Freedom of Movement",
    "Residence Rights", "Non-Discrimination", "Access to Justice", "Seasonal Work",
    "Student Mobility", "Brain Circulation", "Disaster Displacement", "Detention Alternatives",
    "Decent Work", "Gender Equality in Migration", "Urban Migration", "Rural Outmigration",
    "Migrant Entrepreneurship", "Language Training", "Housing of Migrant Workers",
    "Financial Inclusion", "Return Migration", "Labour Market Information", "Visa Facilitation",
]
GROUP_ADJ = ["Seasonal", "Domestic", "Agricultural", "Temporary", "Frontier", "Stateless", "Displaced",
             "Maritime", "Itinerant", "Skilled", "Project-tied", "Posted", "Undocumented", "Young",
             "Older", "Self-employed", "Returning", "Unaccompanied", "Contract", "Circular"]
GROUP_NOUN = ["Workers", "Migrants", "Persons", "Families", "Students", "Seafarers", "Refugees",
              "Returnees", "Workers and Their Families", "Women Migrants", "Fishers", "Carers"]
PURPOSE = ["the Protection of", "the Rights of", "the Status of", "Equal Treatment of",
           "the Recruitment of", "Social Security for", "the Employment of", "Minimum Standards for"]
STOP = {"of", "on", "for", "the", "and", "in", "to", "at", "a", "an", "with", "their", "its"}

THEMES = [
    ("rights", "Human rights of migrants", "The rights of migrants and their families and the instruments that protect them.", None),
    ("labour", "Labour migration", "Migrant workers, recruitment, wages and labour markets.", None),
    ("health", "Migrants' health", "Access to health services and the social determinants of migrants' health.", None),
    ("development", "Migration and development", "Links between migration and development in origin and destination countries.", None),
    ("remittances", "Remittances", "Money that migrants send home, its volume, cost and effects.", "development"),
    ("integration", "Integration and social cohesion", "Integration, participation and citizenship in host societies.", None),
    ("irregular-migration", "Irregular migration", "Migration outside regular channels, regularisation and border control.", None),
    ("trafficking-smuggling", "Trafficking and smuggling", "Trafficking in persons, smuggling of migrants and the instruments against them.", None),
    ("refugees", "Refugees and displacement", "Refugees, asylum seekers and internally displaced persons.", None),
    ("governance", "Global governance and cooperation", "Institutions, dialogues, regional processes and coherence.", None),
    ("data", "Data and evidence", "Statistics on stocks and flows and the evidence base for policy.", None),
    ("perception", "Public perception", "How the public and the media see migration and migrants.", None),
    ("gender", "Gender", "Women and men in migration and gender-specific risks.", None),
    ("environment", "Environment and climate", "Environmental change, climate and migration.", None),
    ("regional-cooperation", "Regional cooperation", "Regional consultative processes and free movement areas.", "governance"),
]
THEME_IDS = [t[0] for t in THEMES]

TOPIC_PHRASES = [
    "labour migration", "the social integration of migrants", "remittance flows",
    "the recruitment of migrant workers", "irregular migration", "family reunification",
    "the portability of social security benefits", "access to health services",
    "the protection of migrant domestic workers", "return and reintegration",
    "the recognition of qualifications", "brain drain and brain circulation",
    "the feminisation of migration", "environmental displacement", "public perceptions of migration",
    "data on migrant stocks and flows", "the rights of children on the move",
    "the cost of sending remittances", "temporary and circular migration schemes",
    "the detention of migrants", "xenophobia and discrimination", "consular assistance",
    "the participation of migrants in public life", "the smuggling of migrants",
    "trafficking in persons", "the governance of international migration",
    "policy coherence between migration and development", "labour market needs",
    "the situation of undocumented migrants", "the regularisation of irregular migrants",
]
ACTORS = ["States", "countries of origin", "countries of destination", "transit countries",
          "Member States", "civil society organizations", "employers", "trade unions",
          "local authorities", "migrant associations", "private recruitment agencies",
          "diaspora organizations", "national human rights institutions", "regional bodies",
          "parliaments", "development agencies", "the social partners"]
GROUPS = ["migrant workers", "their families", "women migrants", "undocumented migrants",
          "seasonal workers", "refugees and asylum seekers", "unaccompanied children",
          "returning migrants", "highly skilled migrants", "low-wage workers", "domestic workers",
          "internally displaced persons", "stateless persons", "migrant students"]
ADJ = ["closer", "sustained", "more systematic", "practical", "balanced", "long-term",
       "structured", "coherent", "step-by-step", "genuine", "regular", "better-informed"]
CONCERN = ["major", "growing", "recurring", "central", "pressing", "shared", "persistent"]
VERB_REPORT = ["recognizes", "underlines", "recalls", "acknowledges", "stresses", "notes"]
ACTIONS = ["protect", "monitor", "facilitate", "regulate", "document", "reduce the costs of",
           "address", "review", "improve", "coordinate"]
COUNT_WORDS = ["two", "three", "four", "five", "six", "seven", "several", "a number of"]
FIRST = ["Nadia", "Ahmed", "Maria", "João", "Li", "Amina", "Carlos", "Fatou", "Rajesh", "Elena",
         "Kwame", "Ingrid", "Hassan", "Sofia", "Tomás", "Mei", "Olga", "Samuel", "Aïcha", "Pedro",
         "Ruth", "Yusuf", "Anika", "Luis", "Grace", "Dmitri", "Leila", "Marc", "Ana", "Kofi"]
SURNAMES = ["Piper", "Castles", "Ghosh", "Pécoud", "de Guchteneire", "Cholewinski", "MacDonald",
            "Martin", "Abella", "Ruhs", "Betts", "Koser", "Newland", "Papademetriou", "Hollifield",
            "Kapur", "Skeldon", "Ratha", "Lucas", "Massey", "Portes", "Sassen", "Zlotnik", "Bhagwati",
            "Chetail", "Grant", "Opeskin", "Perruchoud", "Weiner", "Hugo", "Adepoju", "Ndiaye",
            "Okólski", "Kofman", "Lutz", "Nyberg-Sørensen", "Ong", "Fargues", "Wickramasekara", "Tamas"]
JOURNALS = ["International Migration Review", "International Migration", "Journal of Ethnic and Migration Studies",
            "Global Governance", "Refugee Survey Quarterly", "Migration Studies", "Population and Development Review",
            "International Journal of Refugee Law", "Comparative Migration Studies", "Asian and Pacific Migration Journal"]
PUBLISHERS = ["Oxford University Press", "Cambridge University Press", "Routledge", "Edward Elgar",
              "Palgrave Macmillan", "UNESCO Publishing", "Brill", "Springer"]
BOOK_WORDS = ["Migration", "Governance", "Rights", "Mobility", "Borders", "Development", "Labour",
              "Citizenship", "Protection", "Policy", "Markets", "Networks"]
DOC_KINDS = [("background-note", "bn"), ("policy-note", "pn"), ("article", "ar"),
             ("presentation", "pr"), ("contribution", "ct"), ("report", "rp")]
TITLE_LEADS = ["A Social Perspective on", "Towards a Framework for", "Governing", "Rethinking",
               "The Future of", "Policy Options on", "Cooperation on", "Lessons Learned on",
               "Migration and", "Strengthening International Cooperation on", "Assessing",
               "Beyond the Debate on"]
SUBTITLES = ["Background Note prepared by the Secretariat", "Contribution to the Global Forum",
             "Policy Brief", "Working Paper", "Presentation to the Council",
             "Report of the Expert Group Meeting", "Discussion Paper", "Note by the Chair"]
SECTION_TITLES = ["Background", "Trends and figures", "The normative framework", "Policy responses",
                  "International cooperation", "Regional experiences", "Challenges ahead",
                  "The role of civil society", "Data and evidence", "Rights and protection",
                  "Labour market dimensions", "Development impacts", "Institutional arrangements",
                  "Implementation gaps", "Recommendations for action", "Perceptions and public debate"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def cap(text):
    """Upper-case the first letter only ("Member States", not "Member states")."""
    return text[:1].upper() + text[1:]


def slug(text):
    s = text.lower()
    s = s.replace("’", "").replace("'", "")
    for a, b in (("á", "a"), ("é", "e"), ("í", "i"), ("ó", "o"), ("ú", "u"), ("ã", "a"), ("ç", "c"),
                 ("ü", "u"), ("ï", "i"), ("ô", "o"), ("ø", "o"), ("ł", "l")):
        s = s.replace(a, b)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    s = re.sub(r"-+", "-", s)
    if not s or not s[0].isalpha():
        s = "x-" + s
    return s


def acronym(words):
    letters = "".join(w[0] for w in re.split(r"[\s\-]+", words) if w and w.lower() not in STOP and w[0].isalpha())
    return letters.upper()


def is_romanish(s):
    return all(c in "IVXLCDM" for c in s)


class Names:
    """Every name of every entity, unique case-insensitively (a duplicate would be an alias conflict)."""

    def __init__(self):
        self.taken = set()

    def free(self, phrase):
        return phrase.lower() not in self.taken

    def take(self, phrase):
        self.taken.add(phrase.lower())
        return phrase


# --------------------------------------------------------------------------------------------
# Entities

def make_acronym(names, base, rng):
    a = acronym(base)
    if len(a) < 3:
        a = (a + "".join(rng.choice("BCFGHJKNPRSTWZ") for _ in range(3)))[:3]
    if len(a) > 6:
        a = a[:6]
    cand = a
    k = 2
    while not names.free(cand) or is_romanish(cand) or cand in ("THE", "AND", "FOR", "NOT", "ALL", "ANY", "ONE", "TWO", "NEW"):
        cand = a + str(k)
        k += 1
    return names.take(cand)


def gen_instruments(rng, count, org_ids, names):
    kinds = [("convention", 25), ("protocol", 10), ("covenant", 3), ("treaty", 5), ("agreement", 10),
             ("declaration", 12), ("resolution", 12), ("programme-of-action", 5), ("framework", 8),
             ("report", 7), ("guidelines", 3)]
    population = [k for k, w in kinds for _ in range(w)]
    out = []
    ids = set()
    conventions = []
    while len(out) < count:
        kind = rng.choice(population)
        if kind == "protocol" and not conventions:
            kind = "convention"
        year = rng.randint(1949, 2020)
        city = rng.choice(CITIES)
        topic = rng.choice(TOPICS)
        aliases = []
        parent = None
        symbol = None
        if kind == "convention":
            prefix = rng.choice(["International", "Regional", "", ""] + REGIONS)
            subject = f"{rng.choice(GROUP_ADJ)} {rng.choice(GROUP_NOUN)}"
            purpose = rng.choice(PURPOSE)
            title = (f"{prefix} " if prefix else "") + f"Convention on {purpose} {subject}"
            short = f"{subject} Convention"
            if rng.random() < 0.5:
                aliases.append(f"{city} Convention")
            aliases.append(f"Convention on {subject}")
        elif kind == "protocol":
            parent = rng.choice(conventions)
            title = f"Protocol on {topic} to the {parent['title']}"
            short = f"{topic} Protocol"
            aliases.append(f"{city} Protocol")
        elif kind == "covenant":
            title = f"{rng.choice(['International', 'Regional'] + REGIONS)} Covenant on {topic}"
            short = f"Covenant on {topic}"
        elif kind == "treaty":
            title = f"Treaty of {city} on {topic}"
            short = f"Treaty of {city}"
            aliases.append(f"{city} Treaty")
        elif kind == "agreement":
            a, b = rng.sample(COUNTRIES, 2)
            title = f"Agreement between {a} and {b} on {topic}"
            short = f"{a.replace('the ', '')}–{b.replace('the ', '')} Agreement on {topic}"
            aliases.append(f"{city} Agreement on {topic}")
        elif kind == "declaration":
            title = f"{city} Declaration on {topic}"
            short = f"{city} Declaration"
            aliases.append(f"Declaration of {city}")
        elif kind == "resolution":
            session, num = rng.randint(40, 78), rng.randint(100, 299)
            symbol = f"A/RES/{session}/{num}"
            title = f"General Assembly resolution {session}/{num} on {topic}"
            short = f"resolution {session}/{num}"
            aliases.append(symbol)
        elif kind == "programme-of-action":
            title = f"{city} Programme of Action on {topic}"
            short = f"{city} Programme of Action"
            aliases.append(f"{city} Programme")
        elif kind == "framework":
            title = f"{rng.choice(['Global', 'Regional', 'Multilateral', 'Operational'])} Framework on {topic}"
            short = f"{topic} Framework"
        elif kind == "report":
            title = f"World Report on {topic} {year}"
            short = f"{topic} Report {year}"
            aliases.append(f"{year} {topic} Report")
        else:  # guidelines
            title = f"{rng.choice(REGIONS)} Guidelines on {topic}"
            short = f"Guidelines on {topic}"
        if not (names.free(title) and names.free(short)):
            continue
        names.take(title)
        names.take(short)
        kept = [a for a in aliases if names.free(a)]
        for a in kept:
            names.take(a)
        acr = make_acronym(names, title, rng) if kind in ("convention", "covenant", "framework", "programme-of-action", "guidelines") else None
        all_aliases = [title] + kept + ([acr] if acr else [])
        iid = slug(short)[:48].strip("-")
        base, k = iid, 2
        while iid in ids:
            iid = f"{base}-{k}"
            k += 1
        ids.add(iid)
        adopted = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        inst = {"id": iid, "title": title, "short_title": short, "aliases": all_aliases, "kind": kind,
                "year": year, "adopted": adopted, "acronym": acr, "parent": parent["id"] if parent else None,
                "symbol": symbol}
        inst["binding"] = kind in ("convention", "protocol", "covenant", "treaty", "agreement")
        inst["body"] = rng.choice(org_ids)
        inst["themes"] = sorted(rng.sample(THEME_IDS, rng.randint(1, 3)))
        if inst["binding"] and rng.random() < 0.7:
            inst["entry_into_force"] = f"{min(year + rng.randint(1, 12), 2024)}-{rng.randint(1, 12):02d}-01"
        out.append(inst)
        if kind == "convention":
            conventions.append(inst)
    for inst in out:
        if rng.random() < 0.3:
            inst["related"] = sorted({rng.choice(out)["id"] for _ in range(rng.randint(1, 3))} - {inst["id"]})
    return out


def gen_organizations(rng, count, names):
    out = []
    ids = set()
    kinds = ["un-agency", "un-body", "un-secretariat", "intergovernmental", "regional", "process",
             "ngo", "research", "government", "forum", "commission"]
    while len(out) < count:
        kind = rng.choice(kinds)
        topic = rng.choice(TOPICS)
        city = rng.choice(CITIES)
        region = rng.choice(REGIONS)
        extra = []
        if kind == "un-agency":
            name = f"International Organization for {topic}"
            extra.append(name.replace("Organization", "Organisation"))
        elif kind == "un-body":
            name = f"Committee on {topic}"
            extra.append(f"UN Committee on {topic}")
        elif kind == "un-secretariat":
            name = f"Division for {topic} and Migration"
            extra.append(f"Secretariat Division for {topic}")
        elif kind == "intergovernmental":
            name = f"{region} Organization for {topic}"
            extra.append(name.replace("Organization", "Organisation"))
        elif kind == "regional":
            name = f"{region} Council on {topic}"
        elif kind == "process":
            name = f"{city} Process on {topic}"
            extra.append(f"{city} Process")
        elif kind == "ngo":
            name = f"{rng.choice(['Global', 'International', region])} Alliance for {topic}"
            extra.append(f"Alliance for {topic}")
        elif kind == "research":
            name = f"{city} Institute for {topic} Studies"
            extra.append(f"Institute for {topic} Studies")
        elif kind == "government":
            country = rng.choice(COUNTRIES)
            name = f"Ministry of {rng.choice(['Labour', 'Overseas Employment', 'the Interior', 'Social Affairs', 'Foreign Affairs'])} of {country}"
        elif kind == "forum":
            name = f"{rng.choice(['Global', 'Regional', region])} Forum on {topic}"
        else:
            name = f"{region} Commission on {topic}"
        if not names.free(name):
            continue
        names.take(name)
        short = make_acronym(names, name, rng)
        kept = [a for a in extra if names.free(a)]
        for a in kept:
            names.take(a)
        oid = slug(short if len(short) >= 3 else name)
        if oid in ids or len(oid) < 3:
            oid = slug(name)[:48].strip("-")
        base, k = oid, 2
        while oid in ids:
            oid = f"{base}-{k}"
            k += 1
        ids.add(oid)
        org = {"id": oid, "name": name, "short_name": short, "aliases": [name, short] + kept, "kind": kind,
               "themes": sorted(rng.sample(THEME_IDS, rng.randint(1, 3))),
               "url": f"https://www.{slug(short)}.example.org"}
        out.append(org)
    for i, org in enumerate(out):
        if i > 10 and rng.random() < 0.2:
            org["parent"] = out[rng.randrange(0, i)]["id"]
    return out


# --------------------------------------------------------------------------------------------
# Text

class Writer:
    """Builds the running text of one document, tracking mentions and references."""

    def __init__(self, rng, ctx, doc):
        self.rng = rng
        self.ctx = ctx
        self.doc = doc
        self.forced = list(doc["forced"])  # entities this document must mention in a paragraph
        self.focus = doc["focus"]
        self.notes = doc["notes"]

    def entity_phrase(self, ent=None, paragraph=True):
        rng = self.rng
        if ent is None:
            if self.forced and paragraph:
                return self.forced.pop()[1]
            if rng.random() < 0.65:
                ent = rng.choice(self.focus)
            else:
                ent = self.ctx.popular(rng)
        if ent.get("context") and rng.random() < 0.4:
            return "the Convention"
        r = rng.random()
        if r < 0.35:
            return ent["short_title"] if "short_title" in ent else ent["short_name"]
        return rng.choice(ent["aliases"])

    def topic(self):
        return self.rng.choice(TOPIC_PHRASES)

    def sentence(self, mention):
        rng = self.rng
        t = self.topic
        if mention:
            e = self.entity_phrase()
            choices = [
                lambda: f"The {e} {rng.choice(VERB_REPORT)} that {t()} requires {rng.choice(ADJ)} cooperation between {rng.choice(ACTORS)} and {rng.choice(ACTORS)}.",
                lambda: f"Under the {e}, {rng.choice(ACTORS)} undertake to {rng.choice(ACTIONS)} {t()}.",
                lambda: f"In {rng.randint(1990, 2023)}, the {e} observed that {t()} had become a {rng.choice(CONCERN)} concern for {rng.choice(ACTORS)}.",
                lambda: f"The work of the {e} on {t()} has drawn attention to the situation of {rng.choice(GROUPS)}.",
                lambda: f"By {rng.randint(1995, 2023)}, {rng.randint(12, 140)} States had ratified the {e}, most of them {rng.choice(['countries of origin', 'small economies', 'members of regional blocs'])}.",
                lambda: f"The {e} proposes {rng.choice(COUNT_WORDS)} lines of action on {t()}, of which the first concerns {t()}.",
                lambda: f"Several speakers referred to the {e} as the main reference point for {t()}.",
                lambda: f"It is worth recalling that the {e} does not address {t()} directly; it leaves the matter to {rng.choice(ACTORS)}.",
                lambda: f"Reports submitted under the {e} show that {rng.choice(GROUPS)} remain exposed to abuse — in recruitment, at work and on return.",
                lambda: f"Cooperation with the {e} has been {rng.choice(['uneven', 'limited', 'encouraging', 'slow', 'substantial'])}, in particular as regards {t()}.",
            ]
        else:
            choices = [
                lambda: f"{cap(t())} cannot be separated from {t()}, and policies that ignore this link tend to fail.",
                lambda: f"Many {rng.choice(ACTORS)} still lack reliable data on {t()}, which limits the evidence available to policy makers.",
                lambda: f"The debate showed a broad consensus that {t()} deserves {rng.choice(ADJ)} attention from {rng.choice(ACTORS)}.",
                lambda: f"For {rng.choice(GROUPS)}, the question of {t()} is not abstract: it determines their access to work, housing and basic services.",
                lambda: f"Estimates for {rng.randint(1995, 2023)} put the number of international migrants at {rng.randint(150, 290)} million, or about {rng.randint(2, 4)}.{rng.randint(0, 9)} per cent of the world’s population.",
                lambda: f"Experience in {rng.choice(COUNTRIES)} and {rng.choice(COUNTRIES)} suggests that {t()} is best handled through {rng.choice(ADJ)} dialogue.",
                lambda: f"Public opinion often perceives {t()} through the lens of security rather than of rights.",
                lambda: f"{cap(rng.choice(ACTORS))} have a particular responsibility with regard to {t()}.",
                lambda: f"This raises the question of how {t()} and {t()} can be reconciled in practice.",
                lambda: f"The costs of inaction, both human and economic, are considerable.",
                lambda: f"In several regions, {rng.choice(GROUPS)} make up a large share of the labour force in agriculture, construction and care.",
                lambda: f"A prudent, step-by-step approach to {t()} was recommended by most participants.",
            ]
        return rng.choice(choices)()

    def explicit_ref(self):
        rng, ctx, doc = self.rng, self.ctx, self.doc
        r = rng.random()
        if r < 0.28:
            ent = ctx.popular(rng, kind="instrument")
            txt = rng.choice([ent["short_title"], f"article {rng.randint(1, 40)} of the {ent['short_title']}", rng.choice(ent["aliases"])])
            return f"As provided in [{txt}](instrument:{ent['id']}), {rng.choice(ACTORS)} should {rng.choice(ACTIONS)} {self.topic()}."
        if r < 0.42:
            ent = ctx.popular(rng, kind="organization")
            return f"The [{ent['short_name']}](org:{ent['id']}) has published guidance on {self.topic()}."
        if r < 0.72 and ctx.n > 1:
            other = ctx.other_doc(rng, doc["index"])
            k = rng.randint(1, MIN_PARAS)
            form = rng.random()
            kind, year = ctx.doc_meta[other]
            if form < 0.6:
                return f"The same point is made in [paragraph {k} of the {year} {kind.replace('-', ' ')}](doc:{ctx.doc_ids[other]}#p{k})."
            if form < 0.75:
                return f"See also [note {min(k, MIN_NOTES)} of that text](doc:{ctx.doc_ids[other]}#fn-{min(k, MIN_NOTES)})."
            if form < 0.9:
                return f"The [introduction of an earlier note](doc:{ctx.doc_ids[other]}#introduction) sets out the background."
            return f"This has been discussed [elsewhere](doc:{ctx.doc_ids[other]})."
        if r < 0.82 and ctx.rec_sets:
            s = rng.choice(ctx.rec_sets)
            k = rng.randint(1, 3)
            return f"This corresponds to [recommendation {k}](rec:{s['id']}/{k}) of the set adopted on the matter."
        if r < 0.9:
            th = rng.choice(THEMES)
            return f"The question belongs to the wider theme of [{th[1].lower()}](theme:{th[0]})."
        if r < 0.95 and ctx.annotations:
            a = rng.choice(ctx.annotations)
            return f"An [editorial note](annotation:{a['id']}) discusses a related discrepancy."
        k = rng.randint(1, self.notes)
        return f"The figures are discussed in [note {k}](fn:{k})."

    def paragraph(self, target_len, refs=0, see=None):
        rng = self.rng
        parts = []
        size = 0
        want_refs = refs
        while size < target_len or want_refs > 0:
            if want_refs > 0 and (size > target_len * 0.3 or rng.random() < 0.3):
                s = self.explicit_ref()
                want_refs -= 1
            else:
                mention = bool(self.forced) or rng.random() < MENTION_P
                s = self.sentence(mention)
            parts.append(s)
            size += len(s) + 1
        if see is not None:
            i = rng.randrange(len(parts))
            parts[i] = parts[i][:-1] + f" ({rng.choice(['see note', 'supra note', 'supra nt'])} {see})."
        return " ".join(parts)


MIN_PARAS = 8      # every document has at least this many numbered paragraphs (targets p1..p8)
MIN_NOTES = 3      # and at least this many footnotes (targets fn-1..fn-3)
MENTION_P = 0.35   # share of sentences that name an instrument or organization


class Context:
    def __init__(self, seed, n):
        self.seed = seed
        self.n = n
        rng = random.Random(f"{seed}:entities")
        names = Names()
        for reserved in ("the Convention", "Convention", "the Council", "Protocol"):
            names.take(reserved)
        n_ent = min(200 + n // 100, 800)
        self.orgs = gen_organizations(rng, n_ent, names)
        self.instruments = gen_instruments(rng, n_ent, [o["id"] for o in self.orgs], names)
        for x in self.instruments:
            x["kind_"] = "instrument"
        for x in self.orgs:
            x["kind_"] = "organization"
        self.entities = self.instruments + self.orgs
        # every alias of every entity, spread over the documents (document i writes forced[i::n])
        self.forced = [(e, a) for e in self.entities for a in e["aliases"]]
        random.Random(f"{seed}:forced").shuffle(self.forced)
        # popularity: a mild Zipf law over a fixed random order
        order = list(range(len(self.entities)))
        rng.shuffle(order)
        self.weights = [0.0] * len(self.entities)
        for rank, i in enumerate(order):
            self.weights[i] = 1.0 / (rank + 1) ** 0.9
        self.cum = []
        acc = 0.0
        for w in self.weights:
            acc += w
            self.cum.append(acc)
        self.inst_cum = self.cum[:len(self.instruments)]
        # documents: ids and kinds are fixed before any text is written, so references can point anywhere
        width = max(5, len(str(n)))
        self.doc_ids = []
        self.doc_meta = []
        drng = random.Random(f"{seed}:docids")
        for i in range(n):
            kind, prefix = DOC_KINDS[drng.randrange(len(DOC_KINDS))]
            year = drng.randint(1995, 2024)
            self.doc_ids.append(f"{prefix}-{year}-{i + 1:0{width}d}")
            self.doc_meta.append((kind, year))
        # recommendation sets and annotations point at p1..p8 of documents (all documents have them)
        arng = random.Random(f"{seed}:apparatus")
        self.rec_sets = []
        seen = set()
        for k in range(max(5, n // 100)):
            d = arng.randrange(n)
            if d not in seen:  # one set per document at most
                seen.add(d)
                self.rec_sets.append({"id": f"{self.doc_ids[d]}-recs", "doc": d, "items": arng.randint(3, 9)})
        self.annotations = []
        for k in range(max(10, n // 20)):
            topic = arng.choice(TOPICS)
            self.annotations.append({"id": f"{slug(topic)}-{k + 1}", "topic": topic, "doc": arng.randrange(n)})

    def popular(self, rng, kind=None):
        if kind == "instrument":
            cum = self.inst_cum
            return self.entities[bisect.bisect_left(cum, rng.random() * cum[-1])]
        if kind == "organization":
            base = len(self.instruments)
            cum = self.cum
            lo = cum[base - 1]
            return self.entities[bisect.bisect_left(cum, lo + rng.random() * (cum[-1] - lo))]
        return self.entities[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]

    def other_doc(self, rng, i):
        # skewed: early documents are cited more often
        j = int(self.n * rng.random() ** 2)
        if j == i:
            j = (i + 1) % self.n
        return j


def person(rng):
    return f"{rng.choice(SURNAMES)}, {rng.choice(FIRST)[0]}"


def footnote_text(rng, ctx, writer, n):
    r = rng.random()
    if n > 1 and r < 0.22:
        k = rng.randint(1, n - 1)
        return f"{rng.choice(SURNAMES)}, {rng.choice(FIRST)[0]}, supra nt {k}, {rng.randint(3, 300)}."
    if r < 0.45:
        return (f"{person(rng)}, “{rng.choice(TITLE_LEADS)} {rng.choice(TOPICS)}”, *{rng.choice(JOURNALS)}* "
                f"{rng.randint(1, 60)}, no. {rng.randint(1, 4)} ({rng.randint(1985, 2023)}), {rng.randint(1, 400)}.")
    if r < 0.62:
        return (f"{person(rng)} and {person(rng)}, *{rng.choice(BOOK_WORDS)}, {rng.choice(BOOK_WORDS)} and "
                f"{rng.choice(BOOK_WORDS)}*, {rng.choice(PUBLISHERS)}, {rng.choice(CITIES)}, {rng.randint(1985, 2023)}, p. {rng.randint(1, 400)}.")
    if r < 0.75:
        ent = ctx.popular(rng, kind="instrument")
        return f"See [the {ent['short_title']}](instrument:{ent['id']}), art. {rng.randint(1, 40)}."
    if r < 0.88:
        return f"{writer.entity_phrase(paragraph=False)}, *Report on {rng.choice(TOPICS)}*, {rng.choice(CITIES)}, {rng.randint(1990, 2023)}."
    if r < 0.95:
        return f"Ibid., para. {rng.randint(1, 80)}."
    return f"Interview with the author, {rng.choice(CITIES)}, {rng.randint(1, 28)} {rng.choice(['March', 'June', 'October', 'November'])} {rng.randint(2000, 2023)}."


DOC_MIN, DOC_MAX = 3072, 6144  # bytes of Markdown per document


def gen_document(ctx, i):
    # A document whose size falls outside DOC_MIN..DOC_MAX is written again with the next attempt's
    # random stream and a corrected paragraph length (deterministic: same seed, same attempts).
    scale = 1.0
    for attempt in range(8):
        doc_id, meta, body = gen_document_once(ctx, i, attempt, scale)
        size = len(body.encode("utf-8"))
        if DOC_MIN <= size <= DOC_MAX or len(ctx.forced) > 3 * ctx.n:  # tiny N: forced mentions make texts longer
            break
        scale *= (DOC_MIN + DOC_MAX) / 2 / size
    return doc_id, meta, body


def gen_document_once(ctx, i, attempt, scale):
    rng = random.Random(f"{ctx.seed}:doc:{i}:{attempt}")
    doc_id = ctx.doc_ids[i]
    kind, year = ctx.doc_meta[i]
    # focus entities; the forced names make every alias of every entity occur somewhere
    forced = ctx.forced[i::ctx.n]
    focus = [ctx.popular(rng) for _ in range(rng.randint(3, 6))]
    context_inst = None
    if rng.random() < 0.25:
        context_inst = ctx.popular(rng, kind="instrument")
    if context_inst is not None:
        focus.append(dict(context_inst, context=True))
    target = rng.randint(3100, 5400)
    n_paras = rng.randint(MIN_PARAS, 14)
    n_notes = rng.randint(MIN_NOTES, 10)
    w = Writer(rng, ctx, {"index": i, "forced": forced, "focus": focus, "notes": n_notes})
    missing_para = n_paras + 1 > 10 and rng.random() < 0.03
    missing_note = rng.random() < 0.03
    has_annex = rng.random() < 0.1
    has_table = rng.random() < 0.15
    bold_numbers = rng.random() < 0.05

    org = ctx.orgs[rng.randrange(len(ctx.orgs))]
    topic = rng.choice(TOPICS)
    title = f"{rng.choice(TITLE_LEADS)} {topic}"
    lines = [f"# {title} {{#top}}", "", f"**{org['name']}**", ""]
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines += [f"{rng.choice(CITIES)}, {date}", ""]

    # footnote definitions first (their size shapes the paragraph length)
    notes = []
    for n in range(1, n_notes + 1):
        if missing_note and n == n_notes:
            notes.append(f"*[Editorial note: the wording of note {n} is missing from the source text.]*")
        else:
            notes.append(footnote_text(rng, ctx, w, n))
    note_bytes = sum(len(x) + 8 for x in notes)
    # sections
    n_sections = rng.randint(2, 4)
    sec_titles = ["Introduction"] + rng.sample(SECTION_TITLES, n_sections - 1) + ["Conclusions"]
    annex_paras = rng.randint(2, 4) if has_annex else 0
    overhead = 160 + note_bytes + 40 * len(sec_titles) + (300 if has_table else 0)
    para_len = max(120, int(scale * (target - overhead) / (n_paras + annex_paras)))

    # which paragraphs carry note references (notes appear in order)
    note_paras = sorted(rng.sample(range(n_paras), min(n_notes, n_paras)))
    if n_notes > n_paras:  # more notes than paragraphs: the last paragraph carries the rest
        note_paras += [n_paras - 1] * (n_notes - n_paras)
    note_at = {}
    for n, p in enumerate(note_paras, start=1):
        note_at.setdefault(p, []).append(n)
    refs_at = {}
    for _ in range(rng.randint(2, 5)):
        p = rng.randrange(n_paras)
        refs_at[p] = refs_at.get(p, 0) + 1
    see_para = rng.randrange(n_paras) if rng.random() < 0.6 else None

    per_section = [n_paras // len(sec_titles)] * len(sec_titles)
    for k in range(n_paras - sum(per_section)):
        per_section[k % len(per_section)] += 1
    used_ids = {"top"}
    p = 0
    number = 0
    skipped = []
    for s, st in enumerate(sec_titles):
        hid = slug(st) if s not in (0,) else "introduction"
        base, k = hid, 2
        while hid in used_ids:
            hid = f"{base}-{k}"
            k += 1
        used_ids.add(hid)
        lines += [f"## {ROMAN[s]}. {st} {{#{hid}}}", ""]
        for q in range(per_section[s]):
            if s > 0 and q == 1 and rng.random() < 0.2:
                sub = rng.choice(TOPICS)
                sid = slug(sub)
                base, k = sid, 2
                while sid in used_ids:
                    sid = f"{base}-{k}"
                    k += 1
                used_ids.add(sid)
                lines += [f"### ({'abcdef'[q]}) {sub} {{#{sid}}}", ""]
            number += 1
            if missing_para and number == 9:
                skipped.append(9)
                number += 1
            text = w.paragraph(para_len, refs=refs_at.get(p, 0), see=(rng.randint(1, n_notes) if p == see_para else None))
            for k, n in enumerate(note_at.get(p, [])):
                # note references keep their order: the first after the text, the others after an added sentence
                text += f"[^{n}]" if k == 0 else f" {w.sentence(False)}[^{n}]"
            marker = f"**{number}.**" if bold_numbers else f"{number}\\."
            lines += [f"{marker} {text}", ""]
            if has_table and p == n_paras // 2:
                lines += table(rng, w)
                has_table = False
            p += 1
    if annex_paras:
        lines += [f"## Annex. Summary of current cooperation on {rng.choice(TOPICS).lower()} {{#annex}}", ""]
        for q in range(1, annex_paras + 1):
            lines += [f"{q}\\. {w.paragraph(para_len)}", ""]
    # entities this document still owes a mention (tiny N): one more paragraph
    while w.forced:
        lines += [w.paragraph(200), ""]
    for n, t in enumerate(notes, start=1):
        lines.append(f"[^{n}]: {t}")
    body = "\n".join(lines) + "\n"

    meta = {
        "title": title,
        "date": date,
        "kind": kind,
        "language": "en",
        "organization": org["id"],
        "themes": sorted(rng.sample(THEME_IDS, rng.randint(1, 4))),
        "summary": f"{'An' if kind[0] in 'aeiou' else 'A'} {kind.replace('-', ' ')} on {topic.lower()}, issued by {org['short_name']}. It reviews {w.topic()} and {w.topic()}, and sets out options for {rng.choice(ACTORS)}.",
        "numbered_paragraphs": True,
    }
    if rng.random() < 0.5:
        meta["subtitle"] = rng.choice(SUBTITLES)
    if rng.random() < 0.6:
        meta["authors"] = [f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}" for _ in range(rng.randint(1, 3))]
    meta["source"] = {"publisher": org["name"], "place": rng.choice(CITIES),
                      "citation": f"{org['name']}, “{title}”, {date}."}
    if rng.random() < 0.3:
        meta["source"]["symbol"] = f"E/CN.{rng.randint(1, 9)}/{year}/{rng.randint(1, 20)}"
    if has_annex:
        meta["numbering_scopes"] = ["annex"]
    if context_inst is not None:
        meta["context_aliases"] = {"the Convention": f"instrument:{context_inst['id']}"}
    gaps = {}
    if skipped:
        gaps["paragraphs_missing"] = skipped
    if missing_note:
        gaps["footnotes_missing"] = [n_notes]
    if gaps:
        meta["source_gaps"] = gaps
    return doc_id, meta, body


def table(rng, w):
    rows = ["| State | Signature | Ratification | Instrument |", "|---|---:|---:|---|"]
    for _ in range(rng.randint(3, 6)):
        y = rng.randint(1990, 2015)
        rows.append(f"| {rng.choice(COUNTRIES)} | {y} | {y + rng.randint(0, 8)} | {w.entity_phrase(paragraph=False)} |")
    return rows + [""]


# --------------------------------------------------------------------------------------------
# Output

def dump(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def write_entities(ctx, out):
    for x in ctx.instruments:
        obj = {"title": x["title"], "short_title": x["short_title"], "aliases": x["aliases"], "kind": x["kind"],
               "binding": x["binding"], "body": x["body"], "adopted": x["adopted"]}
        if x.get("entry_into_force"):
            obj["entry_into_force"] = x["entry_into_force"]
        if x.get("symbol"):
            obj["symbol"] = x["symbol"]
        if x.get("parent"):
            obj["parent"] = x["parent"]
        if x.get("related"):
            obj["related"] = x["related"]
        obj["themes"] = x["themes"]
        rng = random.Random(f"{ctx.seed}:inst:{x['id']}")
        d = rng.randrange(ctx.n)
        k = rng.randint(1, MIN_PARAS)
        obj["annotation"] = (f"Adopted in {x['year']}, the {x['short_title']} is cited for its provisions on "
                             f"{rng.choice(TOPIC_PHRASES)}; see [paragraph {k}](doc:{ctx.doc_ids[d]}#p{k}).")
        if x["binding"]:
            obj["facts"] = [{"fact": "ratifications", "value": rng.randint(5, 150),
                             "as_of": str(rng.randint(x["year"], 2024)), "source": f"doc:{ctx.doc_ids[d]}#p{k}"}]
        dump(os.path.join(out, "instruments", x["id"] + ".json"), obj)
    for x in ctx.orgs:
        obj = {"name": x["name"], "short_name": x["short_name"], "aliases": x["aliases"], "kind": x["kind"],
               "themes": x["themes"], "url": x["url"]}
        if x.get("parent"):
            obj["parent"] = x["parent"]
        obj["description"] = f"{'An' if x['kind'][0] in 'aeiou' else 'A'} {x['kind'].replace('-', ' ')} working on {x['themes'][0].replace('-', ' ')}."
        dump(os.path.join(out, "organizations", x["id"] + ".json"), obj)


def write_apparatus(ctx, out):
    for s in ctx.rec_sets:
        rng = random.Random(f"{ctx.seed}:rec:{s['id']}")
        doc_id = ctx.doc_ids[s["doc"]]
        items = []
        for k in range(1, s["items"] + 1):
            it = {"n": str(k), "text": f"{cap(rng.choice(ACTORS))} should {rng.choice(ACTIONS)} {rng.choice(TOPIC_PHRASES)}.",
                  "source": f"doc:{doc_id}#p{rng.randint(1, MIN_PARAS)}",
                  "themes": sorted(rng.sample(THEME_IDS, rng.randint(1, 2))),
                  "instruments": sorted({ctx.popular(rng, kind="instrument")["id"] for _ in range(rng.randint(0, 2))}),
                  "addressees": ["States"]}
            if rng.random() < 0.3:
                it["title"] = rng.choice(TOPICS)
            if rng.random() < 0.15:
                it["items"] = [{"n": str(j), "text": f"{cap(rng.choice(ACTORS))} should {rng.choice(ACTIONS)} {rng.choice(TOPIC_PHRASES)}."}
                               for j in range(1, rng.randint(2, 4))]
            items.append(it)
        issuer = ctx.orgs[rng.randrange(len(ctx.orgs))]
        obj = {"title": f"Recommendations on {rng.choice(TOPICS).lower()}", "document": doc_id,
               "source": f"doc:{doc_id}#p{rng.randint(1, MIN_PARAS)}", "issued_by": issuer["id"],
               "addressees": ["States", issuer["id"]], "themes": sorted(rng.sample(THEME_IDS, 2)),
               "intro": f"The recommendations of [the text](doc:{doc_id}), numbered as in the source.",
               "items": items}
        dump(os.path.join(out, "recommendations", s["id"] + ".json"), obj)
    for a in ctx.annotations:
        rng = random.Random(f"{ctx.seed}:ann:{a['id']}")
        doc_id = ctx.doc_ids[a["doc"]]
        k = rng.randint(1, MIN_PARAS)
        also = sorted({f"doc:{ctx.doc_ids[rng.randrange(ctx.n)]}#p{rng.randint(1, MIN_PARAS)}" for _ in range(rng.randint(0, 3))})
        inst = ctx.popular(rng, kind="instrument")
        obj = {"title": f"{a['topic']}: how the texts differ", "target": f"doc:{doc_id}#p{k}"}
        if also:
            obj["also"] = also
        obj["themes"] = sorted(rng.sample(THEME_IDS, rng.randint(1, 2)))
        obj["date"] = f"{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        obj["body"] = (f"[Paragraph {k}](doc:{doc_id}#p{k}) gives a figure that other texts revise. The "
                       f"[{inst['short_title']}](instrument:{inst['id']}) is read differently across the corpus; the wording is kept as printed.")
        dump(os.path.join(out, "annotations", a["id"] + ".json"), obj)


LINK = re.compile(r"\[([^\]]*)\]\(([a-z]+):([^)\s]*)\)")


def hugo_body(body):
    def sub(m):
        text, scheme, rest = m.group(1), m.group(2), m.group(3)
        if scheme == "doc":
            doc, _, anchor = rest.partition("#")
            return f"[{text}](../{doc}/" + (f"#{anchor}" if anchor else "") + ")"
        return text
    return LINK.sub(sub, body)


HUGO_CONFIG = """baseURL = "https://bench.example.org/"
languageCode = "en"
title = "passage benchmark corpus"
disableKinds = []
enableRobotsTXT = true

[taxonomies]
  theme = "themes"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML", "RSS"]
  term = ["HTML", "RSS"]

[sitemap]
  changefreq = "monthly"
  filename = "sitemap.xml"
  priority = 0.5

[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2 January 2006" }}{{ with .Params.kind }} · {{ . }}{{ end }}</p>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def fresh(path):
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--docs", type=int, required=True, help="number of documents N")
    ap.add_argument("--out", help="passage content folder to write")
    ap.add_argument("--hugo", help="Hugo site folder to write")
    ap.add_argument("--floor", help="concatenated Markdown file for the cmark-gfm floor")
    a = ap.parse_args()
    if a.docs < 1:
        ap.error("--docs must be at least 1")
    if not (a.out or a.hugo or a.floor):
        ap.error("nothing to write: give --out, --hugo and/or --floor")

    ctx = Context(a.seed, a.docs)
    if a.out:
        fresh(a.out)
        for sub in ("documents", "instruments", "organizations", "recommendations", "annotations"):
            os.makedirs(os.path.join(a.out, sub))
        dump(os.path.join(a.out, "site.json"), {
            "title": "passage benchmark corpus",
            "description": f"A synthetic corpus of {a.docs} policy texts (seed {a.seed}) for measuring passage.",
            "language": "en", "base_url": "https://bench.example.org/", "author": "gen_corpus.py",
            "options": {"mention_policy": "paragraph"}})
        dump(os.path.join(a.out, "themes.json"), {"themes": [
            dict({"id": t[0], "title": t[1], "description": t[2]}, **({"parent": t[3]} if t[3] else {})) for t in THEMES]})
        write_entities(ctx, a.out)
        write_apparatus(ctx, a.out)
    if a.hugo:
        fresh(a.hugo)
        for sub in ("content/documents", "layouts/_default"):
            os.makedirs(os.path.join(a.hugo, sub))
        with open(os.path.join(a.hugo, "config.toml"), "w") as f:
            f.write(HUGO_CONFIG)
        for name, text in (("baseof.html", HUGO_BASEOF), ("single.html", HUGO_SINGLE), ("list.html", HUGO_LIST)):
            with open(os.path.join(a.hugo, "layouts/_default", name), "w") as f:
                f.write(text)
        with open(os.path.join(a.hugo, "content/documents/_index.md"), "w") as f:
            f.write('---\ntitle: "Documents"\n---\n')
    floor = open(a.floor, "w", encoding="utf-8") if a.floor else None

    total = 0
    sizes = []
    for i in range(a.docs):
        doc_id, meta, body = gen_document(ctx, i)
        b = len(body.encode("utf-8"))
        total += b
        sizes.append(b)
        if a.out:
            with open(os.path.join(a.out, "documents", doc_id + ".md"), "w", encoding="utf-8") as f:
                f.write(body)
            dump(os.path.join(a.out, "documents", doc_id + ".json"), meta)
        if a.hugo:
            fm = ["---", f"title: {json.dumps(meta['title'], ensure_ascii=False)}", f"date: {meta['date']}",
                  f"kind: {json.dumps(meta['kind'])}", f"summary: {json.dumps(meta['summary'], ensure_ascii=False)}",
                  "themes: " + json.dumps(meta["themes"]), "---", ""]
            with open(os.path.join(a.hugo, "content/documents", doc_id + ".md"), "w", encoding="utf-8") as f:
                f.write("\n".join(fm) + hugo_body(body))
        if floor:
            floor.write(re.sub(r"\[\^(\d+)\]", lambda m: f"[^d{i}-{m.group(1)}]", body))
            floor.write("\n")
    if floor:
        floor.close()
    sizes.sort()
    print(f"gen_corpus: seed {a.seed}, {a.docs} documents ({total / 1e6:.1f} MB, {sizes[0]}-{sizes[-1]} bytes, "
          f"median {sizes[len(sizes) // 2]}), {len(ctx.instruments)} instruments, {len(ctx.orgs)} organizations, "
          f"{len(ctx.rec_sets)} recommendation sets, {len(ctx.annotations)} annotations", file=sys.stderr)


if __name__ == "__main__":
    main()
