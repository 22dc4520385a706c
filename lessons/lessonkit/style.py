"""The kit's house style, shared by maps and charts: one colour-blind-safe palette, one set of country names."""

# Okabe & Ito's palette, readable with every common kind of colour blindness.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}

CATEGORY_COLOURS = {
    "treaty": OKABE_ITO["blue"],
    "war": OKABE_ITO["vermillion"],
    "diplomacy": OKABE_ITO["bluish green"],
    "law": OKABE_ITO["reddish purple"],
    "military": OKABE_ITO["orange"],
    "visit": OKABE_ITO["sky blue"],
    "economy": OKABE_ITO["yellow"],
    "society": OKABE_ITO["black"],
    # Nine kinds of event, eight Okabe-Ito colours: declarations share sky blue with visits,
    # the rarest kind in the Kuril timeline.
    # Charts put the category on an axis or in the legend as well, so colour is never the only cue.
    "declaration": OKABE_ITO["sky blue"],
}

COUNTRY_NAMES = {
    "JPN": "Japan",
    "RUS": "Russia",  # in the data RUS also stands for the Russian Empire and the Soviet Union
    "USA": "United States",
    "GBR": "United Kingdom",
    "CHN": "China",
    "UKR": "Ukraine",
    "SGP": "Singapore",
    "PHL": "Philippines",
    "VNM": "Vietnam",
    "TWN": "Taiwan",
    "MYS": "Malaysia",
    "BRN": "Brunei",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "SYR": "Syria",
    "ROU": "Romania",
    "TUR": "Turkey",
    "AUS": "Australia",
    "CAN": "Canada",
    "CHE": "Switzerland",
    "DEU": "Germany",
    "EST": "Estonia",
    "FIN": "Finland",
    "FRA": "France",
    "ITA": "Italy",
    "LTU": "Lithuania",
    "LVA": "Latvia",
    "NLD": "Netherlands",
    "POL": "Poland",
    "SWE": "Sweden",
    # International organisations that speak in data/statements.csv
    "NATO": "NATO",
    "ASEAN": "ASEAN",
    "UN": "United Nations",
    "EU": "European Union",
}

# A map meant for a projector has a fixed height: 520 px leaves room for a title on a 1280x720 screen.
MAP_HEIGHT_PX = 520
CHART_HEIGHT_PX = 480


def country_names(codes: str) -> str:
    """'JPN;RUS' -> 'Japan, Russia (...)'; unknown codes are shown as they are."""
    return ", ".join(COUNTRY_NAMES.get(code, code) for code in codes.split(";") if code)
