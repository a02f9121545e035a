#!/usr/bin/python3
"""Generate gazetteers/countries.tsv from Debian's iso-codes ISO 3166-1 data.

Usage: scripts/gen_countries.py [ISO_3166-1_JSON [OUTPUT_TSV]]

  ISO_3166-1_JSON  default /usr/share/iso-codes/json/iso_3166-1.json
                   (Debian package iso-codes)
  OUTPUT_TSV       default gazetteers/countries.tsv next to this script's
                   parent directory ('-' writes to stdout)

Stdlib only; meant for Debian's /usr/bin/python3.  The output is
deterministic: one row per ISO 3166-1 entry, sorted by alpha-2 code.

Each row is
    country:<alpha-2> <TAB> country <TAB> display name <TAB> aliases <TAB> attributes
The display name is the name English-language news uses (DISPLAY_NAME below,
else ISO's common_name, else ISO's name).  Aliases are ISO's name,
official_name and common_name where they differ from the display name, plus
the hand-written EXTRA_ALIASES.  ISO codes go into attributes, never into
aliases: "IT", "IN", "AS", "ME" are English words.
"""

import json
import os
import subprocess
import sys

DEFAULT_SOURCE = "/usr/share/iso-codes/json/iso_3166-1.json"

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
    "CZ": ["Czech Republic"],
    "FK": ["Falklands", "Malvinas", "Islas Malvinas"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "KR": ["Republic of Korea", "ROK"],
    "LC": ["St Lucia", "St. Lucia"],
    "MK": ["Macedonia", "Republic of North Macedonia"],
    "MM": ["Burma"],
    "NL": ["Holland", "The Netherlands"],
    "PS": ["State of Palestine", "Palestinian territories",
           "Palestinian Territories", "Occupied Palestinian Territory",
           "occupied Palestinian territories"],
    "RU": ["Russian Federation"],
    "SA": ["Kingdom of Saudi Arabia", "KSA"],
    "ST": ["São Tomé", "Sao Tome"],
    "SZ": ["Swaziland"],
    "TL": ["Timor-Leste", "Timor Leste"],
    "TR": ["Türkiye", "Turkiye", "Republic of Türkiye", "Republic of Turkey"],
    "TW": ["Republic of China"],
    "US": ["U.S.", "US", "USA", "U.S.A.", "America",
           "United States of America"],
    "VA": ["Vatican", "Holy See", "Vatican City State"],
    "VC": ["St Vincent and the Grenadines",
           "St. Vincent and the Grenadines"],
    "VI": ["U.S. Virgin Islands"],
    "VN": ["Socialist Republic of Vietnam"],
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


def check_field(value, what, code):
    for bad in ("\t", "\n", "|"):
        if bad in value:
            sys.exit("gen_countries: %s of %s contains %r" % (what, code, bad))
    if not value:
        sys.exit("gen_countries: empty %s for %s" % (what, code))


def build_rows(entries):
    rows = []
    seen = set()
    for e in entries:
        code = e["alpha_2"]
        if code in seen:
            sys.exit("gen_countries: duplicate alpha-2 code %s" % code)
        seen.add(code)
        iso_name = clean(e["name"])
        display = DISPLAY_NAME.get(code) or clean(e.get("common_name", "")) \
            or iso_name
        candidates = [iso_name, clean(e.get("official_name", "")),
                      clean(e.get("common_name", ""))]
        candidates += EXTRA_ALIASES.get(code, [])
        aliases = []
        for a in candidates:
            if a and a != display and a not in aliases:
                aliases.append(a)
        attrs = [("iso2", code), ("iso3", e["alpha_3"]),
                 ("numeric", e["numeric"]), ("source", "iso-codes")]
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
        "# ISO codes are attributes (iso2, iso3, numeric), never aliases.",
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
    if len(argv) > 3 or (len(argv) > 1 and argv[1] in ("-h", "--help")):
        sys.stderr.write(__doc__)
        return 2
    source = argv[1] if len(argv) > 1 else DEFAULT_SOURCE
    here = os.path.dirname(os.path.abspath(__file__))
    target = argv[2] if len(argv) > 2 else os.path.join(
        os.path.dirname(here), "gazetteers", "countries.tsv")
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
    text = render(build_rows(entries), iso_codes_version(), source)
    if target == "-":
        sys.stdout.write(text)
        return 0
    tmp = target + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, target)
    sys.stderr.write("gen_countries: wrote %d countries to %s\n"
                     % (len(entries), target))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
