/*
 * The word lists of namewords.h: ANNIE's organization keys and company
 * designators, and the words of streets, buildings and landscapes.
 */
#include "namewords.h"

#include <string.h>

const char *const ng_designator_words[] = {
    "Inc", "Corp", "Corporation", "Co", "Company", "Ltd", "Limited", "LLC", "LLP", "LP",
    "PLC", "Plc", "GmbH", "AG", "SA", "SE", "NV", "BV", "SpA", "Srl", "Pty", "KK", "Group",
    "Holdings", "Holding", "Partners", "Associates", "Foundation", "Institute", "University",
    "College", "Commission", "Agency", "Bank", "Bancorp", "Trust", "Fund", "Council",
    "Association", "Federation", "Society", "Authority", "Industries", "Technologies",
    "Laboratories", "Labs", "Pharmaceuticals", "Airlines", "Airways", "Motors", "Ventures",
    "Capital", "Investments", "Securities", "Insurance", "Consulting", "Hospital", "Academy",
    "Committee", "Ministry", "Department", "Museum", "Bureau", "Alliance", "Network",
    "Systems", "Energy", "Logistics", "Mining", "Petroleum", "Telecom", "Studios", NULL};

const char *const ng_dotted_designators[] = {"S.A.", "N.V.", "B.V.", "A.G.", "S.p.A.",
                                             "S.A.S.", "L.P.", "P.C.", NULL};

const char *const ng_place_words[] = {
    "Street", "St", "Place", "Square", "Squares", "Road", "Rd", "Avenue", "Ave", "Lane",
    "Park", "Bridge", "Abbey", "Hall", "House", "Castle", "Hill", "Row", "Gardens",
    "Terrace", "Buildings", "Cottage", "Lodge", "Manor", "Green", "Common", "Heath", "Farm",
    "Village", "Town", "City", "County", "River", "Lake", "Mount", "Island", "Islands", "Bay",
    "Valley", "Station", "Airport", "Port", "Harbour", "Harbor", "Boulevard", "Way", "Drive",
    "Crescent", "Close", "Cathedral", "Chapel", "Palace", "Tower", "Stadium", "Arena", NULL};

bool ng_word_listed(const char *const *list, const char *s, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && memcmp(*list, s, len) == 0)
            return true;
    return false;
}
