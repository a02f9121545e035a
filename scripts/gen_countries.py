#!/usr/bin/python3
"""Generate gazetteers/countries.tsv from Debian's iso-codes ISO 3166-1 data.

Usage: scripts/gen_countries.py [ISO_3166-1_JSON [OUTPUT_TSV [TRANSLATIONS_TSV]]]

  ISO_3166-1_JSON  default /usr/share/iso-codes/json/iso_3166-1.json
                   (Debian package iso-codes)
  OUTPUT_TSV       default gazetteers/countries.tsv next to this script's
                   parent directory ('-' writes to stdout)
  TRANSLATIONS_TSV default gazetteers/country-translations.tsv: the names
                   in every language iso-codes translates ISO 3166-1 into
                   (/usr/share/locale/*/LC_MESSAGES/iso_3166-1.mo)

Stdlib only; meant for Debian's /usr/bin/python3.  The output is
deterministic: one row per ISO 3166-1 entry, sorted by alpha-2 code.

Each row is
    country:<alpha-2> <TAB> country <TAB> display name <TAB> aliases <TAB> attributes
The display name is the name English-language news uses (DISPLAY_NAME below,
else ISO's common_name, else ISO's name).  Aliases are ISO's name,
official_name and common_name where they differ from the display name, plus
the hand-written EXTRA_ALIASES.  ISO codes and the Wikidata id
(scripts/data/wikidata-countries.tsv) go into attributes, never into
aliases: "IT", "IN", "AS", "ME" are English words.  ISO's inverted short
names ("Korea, Republic of") are turned around ("Republic of Korea").

The translations file gets one row per country with every distinct
translated name.  A translation is left out when it is an English alias of
another country, when two countries' translations collide, when its
lowercase form is an English word (gazetteers/english-words.txt) or an
English proper noun (Debian's wamerican: "Cameron", "Columbia"), when it
is an inverted or bracketed catalogue form, when it is three ASCII letters
or fewer or listed in DROP_TRANSLATIONS, or when it is all capitals
(abbreviations such as "EAU").
"""

import gettext
import glob
import json
import os
import subprocess
import sys
import unicodedata

DEFAULT_SOURCE = "/usr/share/iso-codes/json/iso_3166-1.json"
LOCALE_GLOB = "/usr/share/locale/*/LC_MESSAGES/iso_3166-1.mo"
HERE = os.path.dirname(os.path.abspath(__file__))
WIKIDATA_TABLE = os.path.join(HERE, "data", "wikidata-countries.tsv")
WORDS_FILE = os.path.join(os.path.dirname(HERE), "gazetteers",
                          "english-words.txt")
# Capitalized entries of Debian's wamerican: English proper nouns.  A
# translation that is one of them names something else in English text
# ("Cameron", "Columbia", "Brasilia", "Norfolk", "Cipro").
PROPER_NOUNS_FILE = "/usr/share/dict/american-english"

# Display names where ISO's `name` (or `common_name`) is not what English-
# language newspapers write.
DISPLAY_NAME = {
    "BN": "Brunei",
    "BO": "Bolivia",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "MF": "Saint Martin",
    "MO": "Macau",
    "PN": "Pitcairn Islands",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena",
    "ST": "São Tomé and Príncipe",
    "SX": "Sint Maarten",
    "SY": "Syria",
    "TL": "East Timor",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "VN": "Vietnam",
}

# English alternates newspapers use.  Literals, matched case-sensitively (and
# in ALL CAPS).  Never ISO codes as such, never a word that is also a common
# lowercase English word.
EXTRA_ALIASES = {
    "AE": ["UAE", "U.A.E.", "the Emirates"],
    "AG": ["Antigua"],
    "BS": ["The Bahamas"],
    "BQ": ["Caribbean Netherlands", "Bonaire"],
    "GM": ["The Gambia"],
    "HK": ["Hong Kong SAR"],
    "IE": ["Republic of Ireland", "Irish Republic"],
    "MO": ["Macao SAR", "Macau SAR"],
    "NZ": ["Aotearoa"],
    "SK": ["Slovak Republic"],
    "TT": ["Trinidad"],
    "US": ["U.S.", "US", "USA", "U.S.A.", "America",
           "United States of America"],
    "UM": ["US Minor Outlying Islands"],
    "AX": ["Aland Islands"],
    "BA": ["Bosnia-Herzegovina", "Bosnia"],
    "BO": ["Plurinational State of Bolivia"],
    "CC": ["Cocos Islands"],
    "CD": ["Democratic Republic of the Congo", "Democratic Republic of Congo",
           "DRC", "D.R. Congo", "Congo-Kinshasa",
           # Shared with CG on purpose: in current news a bare "Congo" is
           # usually the DRC; the document's other mentions decide, else
           # prior=1 below.
           "Congo"],
    "CG": ["Republic of Congo", "Congo Republic", "Congo-Brazzaville"],
    "CI": ["Cote d'Ivoire"],
    "CN": ["PRC", "People's Republic of China", "Mainland China",
           "mainland China"],
    "CV": ["Cabo Verde"],
    "CW": ["Curacao"],
    "CZ": ["Czech Republic", "Czechia"],
    "FK": ["Falklands", "Malvinas", "Islas Malvinas"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "KR": ["Republic of Korea", "ROK", "R.O.K."],
    "LA": ["Lao PDR"],
    "LC": ["St Lucia", "St. Lucia"],
    "MK": ["Macedonia", "Republic of North Macedonia"],
    "MM": ["Burma", "Republic of the Union of Myanmar"],
    "NL": ["Holland", "The Netherlands"],
    "PS": ["State of Palestine", "Palestinian territories",
           "Palestinian Territories", "Occupied Palestinian Territory",
           "occupied Palestinian territories"],
    "RU": ["Russian Federation"],
    "SA": ["Kingdom of Saudi Arabia", "KSA"],
    "ST": ["São Tomé", "Sao Tome"],
    "SZ": ["Swaziland", "Kingdom of Eswatini"],
    "TL": ["Timor-Leste", "Timor Leste"],
    "TR": ["Türkiye", "Turkiye", "Republic of Türkiye", "Republic of Turkey"],
    "TW": ["Republic of China"],
    "VA": ["Vatican", "Holy See", "Vatican City State"],
    "VC": ["St Vincent and the Grenadines",
           "St. Vincent and the Grenadines"],
    "VI": ["U.S. Virgin Islands"],
    "VN": ["Socialist Republic of Vietnam", "Viet Nam"],
}

# Extra attributes for a few entries (key=value, no ';' or '=' in values).
EXTRA_ATTRIBUTES = {
    "CD": [("prior", "1")],
}

# Names that are also ordinary English words or other places.  They stay
# case-sensitive literals (lowercase "turkey" or "chad" never matches), but a
# capitalized or sentence-initial use still does.  Written into the header.
TRAPS = ("Chad, Chile, China, Georgia (also the US state), Guinea, Jersey "
         "(also in New Jersey), Jordan (also a first name), Mexico (also in "
         "New Mexico), Niger, Turkey, Ireland (also in Northern Ireland), "
         "America (also in Latin/South/North America)")


def iso_codes_version():
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", "iso-codes"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True,
            universal_newlines=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out or "unknown"


def clean(text):
    """One line of text, no tabs, no leading 'the ' (ISO writes 'the State
    of Eritrea')."""
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text


# Inverted ISO short names whose qualifier does not end in "of": turned
# around by hand.  Others ("Korea, Republic of") are turned around by rule;
# the rest ("Bonaire, Sint Eustatius and Saba") are lists, not inversions.
UNINVERT = {
    "Virgin Islands, British": "British Virgin Islands",
    "Virgin Islands, U.S.": "U.S. Virgin Islands",
    # Not written in news in either order.
    "Taiwan, Province of China": None,
}


def uninvert(name):
    """'Korea, Republic of' -> 'Republic of Korea'; None drops the name."""
    if name in UNINVERT:
        return UNINVERT[name]
    head, sep, tail = name.partition(", ")
    if sep and (tail.endswith(" of") or tail.endswith(" of the")):
        return clean(tail + " " + head)
    return name


def load_wikidata(path):
    ids = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            alpha3, qid = line.rstrip("\n").split("\t")
            ids[alpha3] = qid
    return ids


def load_words(path, proper_nouns=PROPER_NOUNS_FILE):
    """Lowercase English words, plus the proper nouns of the system word
    list (lowercased: translation_ok compares lowercase forms)."""
    try:
        with open(path, encoding="utf-8") as f:
            words = {w.strip() for w in f if w.strip() and w[0] != "#"}
        with open(proper_nouns, encoding="utf-8") as f:
            words |= {w.strip().lower() for w in f
                      if w[:1].isupper() and "'" not in w}
        return words
    except OSError as err:
        sys.exit("gen_countries: cannot read %s: %s (run "
                 "scripts/gen_english_words.sh)" % (path, err))


# Catalogue locales that name the same language as another code: nergraph
# compares the primary ISO 639 code of the catalogue ("pt_BR" -> "pt",
# "sr@latin" -> "sr") with the document's language (libexttextcat).
SAME_LANGUAGE = {
    "mo": "ro",  # Moldavian is Romanian
}


def language(locale):
    """The ISO 639 code of a catalogue's locale directory name."""
    code = locale.split("@")[0].split("_")[0]
    return SAME_LANGUAGE.get(code, code)


def catalogues():
    """(language, GNUTranslations) for every iso_3166-1 catalogue, sorted."""
    out = []
    for path in sorted(glob.glob(LOCALE_GLOB)):
        lang = path.split(os.sep)[-3]
        with open(path, "rb") as f:
            out.append((lang, gettext.GNUTranslations(f)))
    return out


# Translations that are something else in English-language text.
DROP_TRANSLATIONS = {
    "Gini": "the Gini coefficient",
    "Sina": "Sina Corp, Sina Weibo",
    "Ende": "German 'end', a common surname",
    "Kata": "a martial-arts form",
    "Toko": "a first name and Indonesian 'shop'",
    "Misr": "also a company and place name in Egypt itself",
    "Sudani": "the surname of Iraq's prime minister al-Sudani",
}


def translation_ok(text, words):
    if not text or any(c in text for c in ",()[]\t\n|"):
        return False
    if text in DROP_TRANSLATIONS:
        return False
    # One- to three-letter Latin names ("Tai", "Nie", "Ao", "Fas") are words
    # or syllables in too many languages.
    if text.isascii() and len(text) <= 3:
        return False
    if text.upper() == text and text.lower() != text:
        return False  # abbreviations in a cased script ("EAU", "VAE")
    if not any(unicodedata.category(c).startswith("L") for c in text):
        return False
    return text.lower() not in words


# Short native names the catalogues lack (they translate only ISO's
# "Russian Federation", not "Russia").  Hand-written, nominative case.
NATIVE_EXTRA = {
    "RU": [("Россия", "ru"), ("Росія", "uk"), ("Расія", "be")],
}

# Arabic vowel marks, shadda, sukun, superscript alef and tatweel: news text
# is written without them, the catalogues sometimes with them.
ARABIC_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}


def variants(text):
    plain = "".join(c for c in text if c not in ARABIC_MARKS)
    return [text] if plain == text else [text, plain]


def build_translations(entries, rows, words):
    """{alpha-2: sorted translated names}, with the collisions removed.
    Also returns the number of catalogues read."""
    english = {}
    for code, display, aliases, _ in rows:
        for a in [display] + aliases:
            english.setdefault(a, set()).add(code)
    found = {}  # text -> set of codes
    langs = {}  # text -> set of languages that give it
    cats = catalogues()
    for lang, cat in cats:
        for e in entries:
            for field in ("name", "official_name", "common_name"):
                msgid = e.get(field)
                if not msgid:
                    continue
                text = cat.gettext(msgid)
                if text == msgid:
                    continue
                # Some catalogues give two names in one string,
                # "Luxembourg; Luxemburg": each is a name of its own.
                for part in text.split(";"):
                    part = unicodedata.normalize("NFC", clean(part))
                    for v in variants(part):
                        if v and translation_ok(v, words):
                            found.setdefault(v, set()).add(e["alpha_2"])
                            langs.setdefault(v, set()).add(language(lang))
    for code, texts in NATIVE_EXTRA.items():
        for text, lang in texts:
            found.setdefault(text, set()).add(code)
            langs.setdefault(text, set()).add(lang)
    per_code = {}
    dropped = 0
    for text, codes in found.items():
        if len(codes) > 1 or (text in english and english[text] != codes):
            dropped += 1
            continue
        code = next(iter(codes))
        if text in english:
            continue  # already an English alias of the same country
        key = ",".join(sorted(langs[text]))
        per_code.setdefault(code, {}).setdefault(key, []).append(text)
    for code in per_code:
        for texts in per_code[code].values():
            texts.sort()
    return per_code, len(cats), dropped


def render_translations(per_code, rows, ncat, dropped, version):
    names = {code: display for code, display, _, _ in rows}
    total = sum(len(t) for v in per_code.values() for t in v.values())
    out = [
        "# nergraph gazetteer: country names in the %d languages that Debian's "
        "iso-codes %s translates ISO 3166-1 into, type country." % (ncat, version),
        "# GENERATED by scripts/gen_countries.py from "
        "/usr/share/locale/*/LC_MESSAGES/iso_3166-1.mo; do not edit by hand.",
        "# %d names for %d countries.  Every row reuses a country id of "
        "countries.tsv, so it only adds aliases: load it with countries.tsv, "
        "or leave it out to match English names only." % (total, len(per_code)),
        "# One row per country and set of languages: alias_lang lists the "
        "languages (ISO 639 codes of the catalogues) whose name the row's "
        "aliases are; a Latin-script alias counts only in a document "
        "detected to be in one of them (gazetteers/README.md).",
        "# Left out: %d names that two countries share in some language or "
        "that are another country's English name; names that are English words "
        "or English proper nouns (\"Cameron\", \"Columbia\"), or words of "
        "three ASCII letters or fewer, or listed in the script's "
        "DROP_TRANSLATIONS (\"Gini\", \"Sina\"); inverted, bracketed and all-capital catalogue forms."
        % dropped,
        "# Arabic names also appear without vowel marks and shadda; "
        "NATIVE_EXTRA in the script adds short names the catalogues lack "
        "(\"Россия\").",
        "# Translations are literals in the nominative as the catalogues give "
        "them: inflected forms (\"України\", \"в Росії\") and names with "
        "attached prefixes (Arabic \"وفلسطين\") do not match.",
        "# Format: id<TAB>type<TAB>name<TAB>aliases (|-separated)<TAB>"
        "attributes",
        "",
    ]
    # One row per country and set of languages, the set in alias_lang (see
    # gazetteers/README.md): nergraph counts a Latin-script name only in a
    # document in one of its languages.  Rows sorted by their first name,
    # so the first row's name is the country's first name overall.
    for code in sorted(per_code):
        groups = sorted(per_code[code].items(), key=lambda kv: kv[1][0])
        for key, texts in groups:
            out.append("\t".join(["country:" + code, "country", texts[0],
                                  "|".join(texts[1:]), "alias_lang=" + key]))
        del names[code]
    return "\n".join(out) + "\n"


def check_field(value, what, code):
    for bad in ("\t", "\n", "|"):
        if bad in value:
            sys.exit("gen_countries: %s of %s contains %r" % (what, code, bad))
    if not value:
        sys.exit("gen_countries: empty %s for %s" % (what, code))


def build_rows(entries, wikidata):
    rows = []
    seen = set()
    for e in entries:
        code = e["alpha_2"]
        if code in seen:
            sys.exit("gen_countries: duplicate alpha-2 code %s" % code)
        seen.add(code)
        iso_name = uninvert(clean(e["name"]))
        display = DISPLAY_NAME.get(code) or clean(e.get("common_name", "")) \
            or iso_name
        candidates = [iso_name, clean(e.get("official_name", "")),
                      clean(e.get("common_name", ""))]
        candidates = [uninvert(c) if c else c for c in candidates]
        candidates += EXTRA_ALIASES.get(code, [])
        aliases = []
        for a in candidates:
            if a and a != display and a not in aliases:
                aliases.append(a)
        attrs = [("iso2", code), ("iso3", e["alpha_3"]),
                 ("numeric", e["numeric"])]
        if e["alpha_3"] not in wikidata:
            sys.exit("gen_countries: no Wikidata id for %s in %s"
                     % (e["alpha_3"], WIKIDATA_TABLE))
        attrs += [("wikidata", wikidata[e["alpha_3"]]),
                  ("source", "iso-codes")]
        attrs += EXTRA_ATTRIBUTES.get(code, [])
        check_field(display, "name", code)
        for a in aliases:
            check_field(a, "alias", code)
        for k, v in attrs:
            if any(c in v for c in ";=\t\n") or not v:
                sys.exit("gen_countries: bad attribute %s=%r for %s"
                         % (k, v, code))
        rows.append((code, display, aliases, attrs))
    for code in list(DISPLAY_NAME) + list(EXTRA_ALIASES) \
            + list(EXTRA_ATTRIBUTES):
        if code not in seen:
            sys.exit("gen_countries: table entry %s is not in the ISO data"
                     % code)
    rows.sort(key=lambda r: r[0])
    return rows


def render(rows, version, source):
    out = [
        "# nergraph gazetteer: countries and territories of ISO 3166-1 "
        "(%d entries), type country." % len(rows),
        "# GENERATED by scripts/gen_countries.py from Debian's iso-codes "
        "%s (%s)." % (version, source),
        "# Do not edit by hand: change the tables in the script and "
        "rerun it.",
        "# Display names and extra aliases are the script's hand-written "
        "tables (English-language news usage).",
        "# ISO codes and Wikidata ids (scripts/data/wikidata-countries.tsv) "
        "are attributes (iso2, iso3, numeric, wikidata), never aliases.",
        "# Names in other languages: country-translations.tsv; "
        "nationality words: demonyms.tsv.",
        "# Format: id<TAB>type<TAB>name<TAB>aliases (|-separated)"
        "<TAB>attributes (key=value;...)",
        "# Case-sensitive names that are also common words or other "
        "places: %s." % TRAPS,
        "",
    ]
    for code, display, aliases, attrs in rows:
        out.append("\t".join([
            "country:" + code, "country", display, "|".join(aliases),
            ";".join("%s=%s" % kv for kv in attrs)]))
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) > 4 or (len(argv) > 1 and argv[1] in ("-h", "--help")):
        sys.stderr.write(__doc__)
        return 2
    source = argv[1] if len(argv) > 1 else DEFAULT_SOURCE
    target = argv[2] if len(argv) > 2 else os.path.join(
        os.path.dirname(HERE), "gazetteers", "countries.tsv")
    target_tr = argv[3] if len(argv) > 3 else os.path.join(
        os.path.dirname(HERE), "gazetteers", "country-translations.tsv")
    try:
        with open(source, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as err:
        sys.stderr.write("gen_countries: cannot read %s: %s\n"
                         "(install Debian's iso-codes package or pass the "
                         "path of iso_3166-1.json)\n" % (source, err))
        return 1
    entries = data.get("3166-1") if isinstance(data, dict) else None
    if not entries:
        sys.stderr.write("gen_countries: %s has no '3166-1' list\n" % source)
        return 1
    rows = build_rows(entries, load_wikidata(WIKIDATA_TABLE))
    version = iso_codes_version()
    text = render(rows, version, source)
    per_code, ncat, dropped = build_translations(entries, rows,
                                                 load_words(WORDS_FILE))
    text_tr = render_translations(per_code, rows, ncat, dropped, version)
    if target == "-":
        sys.stdout.write(text)
        return 0
    write_whole(target, text)
    write_whole(target_tr, text_tr)
    sys.stderr.write("gen_countries: wrote %d countries to %s, %d translated "
                     "names from %d catalogues to %s\n"
                     % (len(entries), target,
                        sum(len(t) for v in per_code.values()
                            for t in v.values()), ncat,
                        target_tr))
    return 0


def write_whole(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
