"""Hand-written word lists and small fact tables used by the gazetteer and the geoparser.

Everything here is general knowledge about English news text and world
geography, written for this project (no list is tuned to any article):

* ``DEMONYMS``: adjectival / demonym forms of country names (ISO 3166-1 alpha-2).
* ``COUNTRY_ALIASES``: short and common English forms of country names that
  the GeoNames country names do not carry.
* ``ADMIN1_TABLE``: English names of first-level divisions of a few countries
  whose divisions are not in the bundled Natural Earth admin-1 layer, keyed
  by their GeoNames admin-1 code (the code GeoNames cities carry).
* ``US_STATE_ABBREVIATIONS``: AP-style and dotted abbreviations of US states
  and Canadian provinces.
* ``REGIONS``: well-known named regions, seas and areas that news readers
  meet, with an approximate representative point (rounded, general
  knowledge; good to about 100 km, which is the scale of such regions).
* word lists: first names, titles, organisation suffixes, common English
  words that are capitalised at the start of a sentence or in headlines.
"""
from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(w for w in s.split())


# --- countries -------------------------------------------------------------

# ISO2 -> demonym / adjectival forms (singular and plural where they differ).
DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan", "Afghans", "Afghani", "Afghanistani"),
    "AL": ("Albanian", "Albanians"),
    "DZ": ("Algerian", "Algerians"),
    "AO": ("Angolan", "Angolans"),
    "AR": ("Argentine", "Argentinian", "Argentinean", "Argentines", "Argentinians"),
    "AM": ("Armenian", "Armenians"),
    "AU": ("Australian", "Australians", "Aussie", "Aussies"),
    "AT": ("Austrian", "Austrians"),
    "AZ": ("Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"),
    "BH": ("Bahraini", "Bahrainis"),
    "BD": ("Bangladeshi", "Bangladeshis"),
    "BY": ("Belarusian", "Belarusians", "Belarussian"),
    "BE": ("Belgian", "Belgians"),
    "BJ": ("Beninese",),
    "BT": ("Bhutanese",),
    "BO": ("Bolivian", "Bolivians"),
    "BA": ("Bosnian", "Bosnians"),
    "BW": ("Botswanan",),
    "BR": ("Brazilian", "Brazilians"),
    "BG": ("Bulgarian", "Bulgarians"),
    "BF": ("Burkinabe",),
    "BI": ("Burundian", "Burundians"),
    "KH": ("Cambodian", "Cambodians"),
    "CM": ("Cameroonian", "Cameroonians"),
    "CA": ("Canadian", "Canadians"),
    "CF": ("Central African",),
    "TD": ("Chadian", "Chadians"),
    "CL": ("Chilean", "Chileans"),
    "CN": ("Chinese",),
    "CO": ("Colombian", "Colombians"),
    "CG": ("Congolese",),
    "CR": ("Costa Rican", "Costa Ricans"),
    "HR": ("Croatian", "Croatians", "Croat", "Croats"),
    "CU": ("Cuban", "Cubans"),
    "CY": ("Cypriot", "Cypriots"),
    "CZ": ("Czech", "Czechs"),
    "DK": ("Danish", "Dane", "Danes"),
    "DJ": ("Djiboutian",),
    "DO": ("Dominican", "Dominicans"),
    "EC": ("Ecuadorian", "Ecuadorean", "Ecuadorians"),
    "EG": ("Egyptian", "Egyptians"),
    "SV": ("Salvadoran", "Salvadorans", "Salvadorean"),
    "ER": ("Eritrean", "Eritreans"),
    "EE": ("Estonian", "Estonians"),
    "ET": ("Ethiopian", "Ethiopians"),
    "FJ": ("Fijian", "Fijians"),
    "FI": ("Finnish", "Finn", "Finns"),
    "FR": ("French", "Frenchman", "Frenchmen"),
    "GA": ("Gabonese",),
    "GM": ("Gambian", "Gambians"),
    "GE": ("Georgian", "Georgians"),
    "DE": ("German", "Germans"),
    "GH": ("Ghanaian", "Ghanaians"),
    "GR": ("Greek", "Greeks"),
    "GT": ("Guatemalan", "Guatemalans"),
    "GN": ("Guinean", "Guineans"),
    "GY": ("Guyanese",),
    "HT": ("Haitian", "Haitians"),
    "HN": ("Honduran", "Hondurans"),
    "HK": ("Hongkonger", "Hongkongers"),
    "HU": ("Hungarian", "Hungarians"),
    "IS": ("Icelandic", "Icelander", "Icelanders"),
    "IN": ("Indian", "Indians"),
    "ID": ("Indonesian", "Indonesians"),
    "IR": ("Iranian", "Iranians", "Persian"),
    "IQ": ("Iraqi", "Iraqis"),
    "IE": ("Irish", "Irishman"),
    "IL": ("Israeli", "Israelis"),
    "IT": ("Italian", "Italians"),
    "CI": ("Ivorian", "Ivorians"),
    "JM": ("Jamaican", "Jamaicans"),
    "JP": ("Japanese",),
    "JO": ("Jordanian", "Jordanians"),
    "KZ": ("Kazakh", "Kazakhs", "Kazakhstani"),
    "KE": ("Kenyan", "Kenyans"),
    "KW": ("Kuwaiti", "Kuwaitis"),
    "KG": ("Kyrgyz", "Kirghiz"),
    "LA": ("Laotian", "Laotians", "Lao"),
    "LV": ("Latvian", "Latvians"),
    "LB": ("Lebanese",),
    "LR": ("Liberian", "Liberians"),
    "LY": ("Libyan", "Libyans"),
    "LT": ("Lithuanian", "Lithuanians"),
    "LU": ("Luxembourgish", "Luxembourger"),
    "MG": ("Malagasy",),
    "MW": ("Malawian", "Malawians"),
    "MY": ("Malaysian", "Malaysians"),
    "MV": ("Maldivian", "Maldivians"),
    "ML": ("Malian", "Malians"),
    "MT": ("Maltese",),
    "MR": ("Mauritanian", "Mauritanians"),
    "MU": ("Mauritian", "Mauritians"),
    "MX": ("Mexican", "Mexicans"),
    "MD": ("Moldovan", "Moldovans"),
    "MN": ("Mongolian", "Mongolians"),
    "ME": ("Montenegrin", "Montenegrins"),
    "MA": ("Moroccan", "Moroccans"),
    "MZ": ("Mozambican", "Mozambicans"),
    "MM": ("Burmese", "Myanmarese"),
    "NA": ("Namibian", "Namibians"),
    "NP": ("Nepali", "Nepalese", "Nepalis"),
    "NL": ("Dutch", "Dutchman", "Netherlander"),
    "NZ": ("Kiwi", "Kiwis"),
    "NI": ("Nicaraguan", "Nicaraguans"),
    "NE": ("Nigerien", "Nigeriens"),
    "NG": ("Nigerian", "Nigerians"),
    "KP": ("North Korean", "North Koreans"),
    "MK": ("Macedonian", "Macedonians"),
    "NO": ("Norwegian", "Norwegians"),
    "OM": ("Omani", "Omanis"),
    "PK": ("Pakistani", "Pakistanis"),
    "PS": ("Palestinian", "Palestinians"),
    "PA": ("Panamanian", "Panamanians"),
    "PG": ("Papua New Guinean",),
    "PY": ("Paraguayan", "Paraguayans"),
    "PE": ("Peruvian", "Peruvians"),
    "PH": ("Filipino", "Filipinos", "Philippine", "Filipina"),
    "PL": ("Polish", "Pole", "Poles"),
    "PT": ("Portuguese",),
    "PR": ("Puerto Rican", "Puerto Ricans"),
    "QA": ("Qatari", "Qataris"),
    "RO": ("Romanian", "Romanians"),
    "RU": ("Russian", "Russians"),
    "RW": ("Rwandan", "Rwandans"),
    "SA": ("Saudi", "Saudis", "Saudi Arabian"),
    "SN": ("Senegalese",),
    "RS": ("Serbian", "Serbians", "Serb", "Serbs"),
    "SL": ("Sierra Leonean",),
    "SG": ("Singaporean", "Singaporeans"),
    "SK": ("Slovak", "Slovaks", "Slovakian"),
    "SI": ("Slovenian", "Slovene", "Slovenians", "Slovenes"),
    "SO": ("Somali", "Somalis", "Somalian"),
    "ZA": ("South African", "South Africans"),
    "KR": ("South Korean", "South Koreans", "Korean", "Koreans"),
    "SS": ("South Sudanese",),
    "ES": ("Spanish", "Spaniard", "Spaniards"),
    "LK": ("Sri Lankan", "Sri Lankans"),
    "SD": ("Sudanese",),
    "SR": ("Surinamese",),
    "SE": ("Swedish", "Swede", "Swedes"),
    "CH": ("Swiss",),
    "SY": ("Syrian", "Syrians"),
    "TW": ("Taiwanese",),
    "TJ": ("Tajik", "Tajiks", "Tajikistani"),
    "TZ": ("Tanzanian", "Tanzanians"),
    "TH": ("Thai", "Thais"),
    "TG": ("Togolese",),
    "TT": ("Trinidadian", "Trinidadians"),
    "TN": ("Tunisian", "Tunisians"),
    "TR": ("Turkish", "Turk", "Turks"),
    "TM": ("Turkmen", "Turkmens"),
    "UG": ("Ugandan", "Ugandans"),
    "UA": ("Ukrainian", "Ukrainians"),
    "AE": ("Emirati", "Emiratis"),
    "GB": ("British", "Briton", "Britons", "Brit", "Brits"),
    "US": ("American", "Americans"),
    "UY": ("Uruguayan", "Uruguayans"),
    "UZ": ("Uzbek", "Uzbeks", "Uzbekistani"),
    "VE": ("Venezuelan", "Venezuelans"),
    "VN": ("Vietnamese",),
    "YE": ("Yemeni", "Yemenis", "Yemenite"),
    "ZM": ("Zambian", "Zambians"),
    "ZW": ("Zimbabwean", "Zimbabweans"),
}

# Extra English names of countries (besides GeoNames' name and the Natural
# Earth name / long / formal / alternative names).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States", "United States of America", "USA", "U.S.A.", "U.S.", "US", "America",
           "the States"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E.", "Emirates", "United Arab Emirates"),
    "RU": ("Russian Federation",),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo",
           "Congo-Kinshasa"),
    "CG": ("Republic of Congo", "Congo-Brazzaville", "Congo"),
    "CZ": ("Czech Republic", "Czechia"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "IR": ("Iran", "Persia", "Islamic Republic of Iran"),
    "SY": ("Syria",),
    "LA": ("Laos",),
    "VN": ("Vietnam", "Viet Nam"),
    "MM": ("Myanmar", "Burma"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "SZ": ("Swaziland", "Eswatini"),
    "MK": ("North Macedonia", "Macedonia"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories", "Occupied Palestinian Territories"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "TW": ("Taiwan",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "NL": ("Holland", "The Netherlands", "Netherlands"),
    "TL": ("East Timor", "Timor-Leste"),
    "FM": ("Micronesia",),
    "BN": ("Brunei",),
    "BS": ("Bahamas", "The Bahamas"),
    "GM": ("Gambia", "The Gambia"),
    "PH": ("Philippines", "The Philippines"),
}

# --- first-level divisions outside the Natural Earth admin-1 layer -------------

# (ISO2, GeoNames admin-1 code) -> English name and variants.
ADMIN1_TABLE: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "01"): ("Alberta",),
    ("CA", "02"): ("British Columbia",),
    ("CA", "03"): ("Manitoba",),
    ("CA", "04"): ("New Brunswick",),
    ("CA", "05"): ("Newfoundland and Labrador", "Newfoundland"),
    ("CA", "07"): ("Nova Scotia",),
    ("CA", "08"): ("Ontario",),
    ("CA", "09"): ("Prince Edward Island",),
    ("CA", "10"): ("Quebec", "Québec"),
    ("CA", "11"): ("Saskatchewan",),
    ("CA", "12"): ("Yukon", "Yukon Territory"),
    ("CA", "13"): ("Northwest Territories",),
    ("CA", "14"): ("Nunavut",),
    ("AU", "01"): ("Australian Capital Territory",),
    ("AU", "02"): ("New South Wales",),
    ("AU", "03"): ("Northern Territory",),
    ("AU", "04"): ("Queensland",),
    ("AU", "05"): ("South Australia",),
    ("AU", "06"): ("Tasmania",),
    ("AU", "07"): ("Victoria",),
    ("AU", "08"): ("Western Australia",),
    ("GB", "ENG"): ("England",),
    ("GB", "SCT"): ("Scotland",),
    ("GB", "WLS"): ("Wales",),
    ("GB", "NIR"): ("Northern Ireland",),
}

# Representative points (lat, lon) of large first-level divisions, where the
# middle of their populated places would sit far from the middle of the
# territory (most people live along one edge). Rounded geographic centres.
ADMIN1_POINTS: dict[tuple[str, str], tuple[float, float]] = {
    ("CA", "01"): (54.5, -115.0), ("CA", "02"): (54.0, -125.0), ("CA", "03"): (55.0, -97.0),
    ("CA", "04"): (46.5, -66.2), ("CA", "05"): (52.5, -60.0), ("CA", "07"): (45.0, -63.0),
    ("CA", "08"): (50.0, -85.0), ("CA", "09"): (46.3, -63.2), ("CA", "10"): (52.0, -72.0),
    ("CA", "11"): (54.0, -106.0), ("CA", "12"): (63.0, -135.5), ("CA", "13"): (64.5, -119.0),
    ("CA", "14"): (70.0, -90.0),
    ("AU", "01"): (-35.5, 149.0), ("AU", "02"): (-32.5, 146.5), ("AU", "03"): (-19.5, 133.5),
    ("AU", "04"): (-22.5, 144.5), ("AU", "05"): (-30.0, 135.5), ("AU", "06"): (-42.0, 146.5),
    ("AU", "07"): (-37.0, 144.5), ("AU", "08"): (-25.5, 122.0),
    ("GB", "ENG"): (52.5, -1.5), ("GB", "SCT"): (56.8, -4.2), ("GB", "WLS"): (52.3, -3.7),
    ("GB", "NIR"): (54.6, -6.7),
    ("US", "AK"): (64.0, -150.0), ("US", "HI"): (20.8, -156.3), ("US", "FL"): (28.5, -82.5),
    ("US", "TX"): (31.3, -99.3), ("US", "CA"): (37.2, -119.5), ("US", "WA"): (47.4, -120.5),
    ("US", "VA"): (37.5, -78.8), ("US", "MI"): (44.3, -85.4), ("US", "NY"): (42.9, -75.5),
}

# Representative points (lat, lon) of countries as GeoNames gives them for
# its country features (rounded), used instead of Natural Earth label points
# for large countries where the two differ by more than about 100 km.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "RU": (60.0, 100.0), "CA": (60.1, -113.6), "CN": (35.0, 105.0), "US": (39.76, -98.5),
    "BR": (-10.0, -55.0), "AU": (-25.0, 135.0), "IN": (22.0, 79.0), "AR": (-34.0, -64.0),
    "KZ": (48.0, 68.0), "DZ": (28.0, 3.0), "SA": (25.0, 45.0), "MX": (23.0, -102.0),
    "ID": (-5.0, 120.0), "SD": (15.0, 30.0), "LY": (28.0, 17.0), "IR": (32.0, 53.0),
    "MN": (46.0, 105.0), "PE": (-10.0, -75.25), "TD": (15.0, 19.0), "ML": (17.0, -4.0),
    "ZA": (-29.0, 24.0), "CO": (4.0, -73.25), "ET": (8.0, 38.0), "EG": (27.0, 30.0),
    "TR": (39.0, 35.0), "CL": (-30.0, -71.0), "AF": (33.0, 66.0), "PK": (30.0, 70.0),
    "NG": (10.0, 8.0), "GB": (54.75, -2.7), "NZ": (-42.0, 174.0), "CU": (22.0, -79.5),
    "IT": (42.83, 12.83), "TN": (34.0, 9.0), "LV": (57.0, 25.0), "PH": (13.0, 122.0),
    "SE": (62.0, 15.0), "VN": (16.17, 107.83), "MA": (32.0, -5.0), "AT": (47.33, 13.33),
    "FR": (46.0, 2.0), "DE": (51.5, 10.5), "ES": (40.0, -4.0), "NO": (62.0, 10.0),
    "FI": (64.0, 26.0), "UA": (49.0, 32.0), "IQ": (33.0, 44.0), "SY": (35.0, 38.0),
    "YE": (15.5, 47.5), "OM": (21.0, 57.0), "GR": (39.0, 22.0), "PL": (52.0, 20.0),
}

# Abbreviations of US states (AP style, postal with dots) and Canadian
# provinces, as written in news datelines: "Gainesville, Ga.".
# value: (ISO2, GeoNames admin-1 code, needs_city_before)
US_STATE_ABBREVIATIONS: dict[str, tuple[str, str, bool]] = {}
for _abbr, _code in (
    ("Ala.", "AL"), ("Ariz.", "AZ"), ("Ark.", "AR"), ("Calif.", "CA"), ("Colo.", "CO"),
    ("Conn.", "CT"), ("Del.", "DE"), ("Fla.", "FL"), ("Ga.", "GA"), ("Ill.", "IL"),
    ("Ind.", "IN"), ("Kan.", "KS"), ("Kans.", "KS"), ("Ky.", "KY"), ("La.", "LA"), ("Md.", "MD"),
    ("Mass.", "MA"), ("Mich.", "MI"), ("Minn.", "MN"), ("Miss.", "MS"), ("Mo.", "MO"),
    ("Mont.", "MT"), ("Neb.", "NE"), ("Nebr.", "NE"), ("Nev.", "NV"), ("Okla.", "OK"),
    ("Ore.", "OR"), ("Oreg.", "OR"), ("Pa.", "PA"), ("Penn.", "PA"), ("Tenn.", "TN"),
    ("Tex.", "TX"), ("Vt.", "VT"), ("Va.", "VA"), ("Wash.", "WA"), ("Wis.", "WI"),
    ("Wisc.", "WI"), ("Wyo.", "WY"),
):
    US_STATE_ABBREVIATIONS[_abbr] = ("US", _code, True)
for _abbr, _code in (
    ("N.H.", "NH"), ("N.J.", "NJ"), ("N.M.", "NM"), ("N.Y.", "NY"), ("N.C.", "NC"),
    ("N.D.", "ND"), ("R.I.", "RI"), ("S.C.", "SC"), ("S.D.", "SD"), ("W.Va.", "WV"),
    ("W.V.", "WV"), ("D.C.", "DC"),
):
    US_STATE_ABBREVIATIONS[_abbr] = ("US", _code, False)
for _abbr, _code, _need in (
    ("B.C.", "02", False), ("Alta.", "01", True), ("Sask.", "11", True), ("Man.", "03", True),
    ("Ont.", "08", True), ("Que.", "10", True), ("N.S.", "07", False), ("N.B.", "04", False),
    ("P.E.I.", "09", False), ("Nfld.", "05", True),
):
    US_STATE_ABBREVIATIONS[_abbr] = ("CA", _code, _need)

# --- named regions ---------------------------------------------------------------
# slug -> (display name, kind, lat, lon, ISO2 or None, variants)
REGIONS: dict[str, tuple[str, str, float, float, str | None, tuple[str, ...]]] = {
    "middle-east": ("Middle East", "region", 29.0, 42.0, None, ("Mideast", "Middle-East")),
    "near-east": ("Near East", "region", 32.0, 38.0, None, ()),
    "south-asia": ("South Asia", "region", 22.0, 78.0, None, ("Indian subcontinent",)),
    "central-asia": ("Central Asia", "region", 43.0, 65.0, None, ()),
    "southeast-asia": ("Southeast Asia", "region", 8.0, 110.0, None, ("South-East Asia", "South East Asia")),
    "east-asia": ("East Asia", "region", 35.0, 115.0, None, ()),
    "west-asia": ("West Asia", "region", 30.0, 45.0, None, ("Western Asia",)),
    "asia-pacific": ("Asia-Pacific", "region", 10.0, 120.0, None, ("Asia Pacific",)),
    "kashmir": ("Kashmir", "region", 34.5, 75.5, None, ()),
    "gaza-strip": ("Gaza Strip", "region", 31.42, 34.38, "PS", ()),
    "west-bank": ("West Bank", "region", 31.95, 35.25, "PS", ()),
    "golan-heights": ("Golan Heights", "region", 33.0, 35.75, None, ("Golan",)),
    "sinai": ("Sinai Peninsula", "region", 29.5, 33.8, "EG", ("Sinai",)),
    "levant": ("Levant", "region", 33.5, 36.0, None, ()),
    "balochistan": ("Balochistan", "region", 28.0, 63.0, None, ("Baluchistan",)),
    "kurdistan": ("Kurdistan", "region", 37.0, 43.5, None, ()),
    "punjab": ("Punjab", "region", 31.0, 74.0, None, ()),
    "persian-gulf": ("Persian Gulf", "region", 27.0, 51.0, None, ("Arabian Gulf",)),
    "gulf-of-oman": ("Gulf of Oman", "region", 24.5, 58.5, None, ()),
    "strait-of-hormuz": ("Strait of Hormuz", "region", 26.6, 56.4, None, ()),
    "arabian-sea": ("Arabian Sea", "region", 15.0, 65.0, None, ()),
    "arabian-peninsula": ("Arabian Peninsula", "region", 23.0, 46.0, None, ("Arabia",)),
    "red-sea": ("Red Sea", "region", 20.0, 38.5, None, ()),
    "mediterranean": ("Mediterranean Sea", "region", 35.0, 18.0, None, ("Mediterranean",)),
    "black-sea": ("Black Sea", "region", 43.0, 34.0, None, ()),
    "caspian-sea": ("Caspian Sea", "region", 41.5, 50.5, None, ()),
    "baltic": ("Baltic Sea", "region", 58.0, 20.0, None, ("Baltics", "Baltic states")),
    "north-sea": ("North Sea", "region", 56.0, 3.0, None, ()),
    "south-china-sea": ("South China Sea", "region", 12.0, 114.0, None, ()),
    "caribbean": ("Caribbean", "region", 15.0, -73.0, None, ("Caribbean Sea",)),
    "gulf-of-mexico": ("Gulf of Mexico", "region", 25.0, -90.0, None, ()),
    "gulf-coast": ("Gulf Coast", "region", 29.5, -90.0, "US", ()),
    "latin-america": ("Latin America", "region", -10.0, -60.0, None, ()),
    "central-america": ("Central America", "region", 13.0, -86.0, None, ()),
    "balkans": ("Balkans", "region", 43.0, 21.0, None, ("Balkan Peninsula",)),
    "caucasus": ("Caucasus", "region", 42.0, 45.0, None, ()),
    "scandinavia": ("Scandinavia", "region", 62.0, 15.0, None, ()),
    "siberia": ("Siberia", "region", 60.0, 105.0, "RU", ()),
    "sahel": ("Sahel", "region", 15.0, 5.0, None, ()),
    "sahara": ("Sahara", "region", 23.0, 13.0, None, ("Sahara Desert",)),
    "horn-of-africa": ("Horn of Africa", "region", 8.0, 45.0, None, ()),
    "darfur": ("Darfur", "region", 13.5, 24.0, "SD", ()),
    "sub-saharan-africa": ("Sub-Saharan Africa", "region", 0.0, 20.0, None, ()),
    "north-africa": ("North Africa", "region", 28.0, 10.0, None, ()),
    "west-africa": ("West Africa", "region", 12.0, -3.0, None, ()),
    "east-africa": ("East Africa", "region", 0.0, 37.0, None, ()),
    "crimea": ("Crimea", "region", 45.3, 34.4, "UA", ()),
    "donbas": ("Donbas", "region", 48.0, 38.0, "UA", ("Donbass",)),
    "tibet": ("Tibet", "region", 31.0, 88.0, "CN", ()),
    "chechnya": ("Chechnya", "region", 43.4, 45.7, "RU", ()),
    "western-europe": ("Western Europe", "region", 48.0, 5.0, None, ()),
    "eastern-europe": ("Eastern Europe", "region", 50.0, 30.0, None, ()),
    "midwest": ("Midwest", "region", 41.5, -90.0, "US", ("Middle West",)),
    "new-england": ("New England", "region", 43.5, -71.5, "US", ()),
    "pacific-northwest": ("Pacific Northwest", "region", 46.0, -121.0, "US", ()),
    "appalachia": ("Appalachia", "region", 38.0, -81.0, "US", ()),
    "great-lakes": ("Great Lakes", "region", 45.0, -84.0, None, ()),
    "deep-south": ("Deep South", "region", 32.5, -87.0, "US", ()),
    "silicon-valley": ("Silicon Valley", "region", 37.4, -122.0, "US", ()),
    "bay-area": ("Bay Area", "region", 37.8, -122.3, "US", ("San Francisco Bay Area",)),
    "atlantic": ("Atlantic Ocean", "region", 30.0, -40.0, None, ("Atlantic",)),
    "pacific": ("Pacific Ocean", "region", 0.0, -160.0, None, ("Pacific",)),
    "indian-ocean": ("Indian Ocean", "region", -20.0, 80.0, None, ()),
    "arctic": ("Arctic", "region", 80.0, 0.0, None, ("Arctic Ocean",)),
    "korean-peninsula": ("Korean Peninsula", "region", 37.5, 127.5, None, ()),
    "european-union": ("European Union", "region", 50.0, 10.0, None, ("EU",)),
}

# Well-known acronyms of places besides the all-caps country aliases and
# region variants above (acronym -> place id in the gazetteer). An all-caps
# word in running text is matched only against acronyms like these.
PLACE_ACRONYMS: dict[str, str] = {
    "KPK": "ne1:PK-KP", "NWFP": "ne1:PK-KP", "AJK": "ne1:PK-JK", "FATA": "ne1:PK-TA",
    "PRC": "country:CN", "KSA": "country:SA", "ROK": "country:KR", "NYC": "gn:5128581",
}

# --- word lists --------------------------------------------------------------------

# Titles and roles that precede a person's name.
TITLES = _words("""
Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Sir Dame Lord Lady President Vice Premier
Minister Chancellor Senator Sen Sen. Rep Rep. Representative Congressman Congresswoman Gov Gov.
Governor Mayor Judge Justice Sheriff Deputy Officer Detective Det Det. Sgt Sgt. Sergeant Lt Lt.
Lieutenant Capt Capt. Captain Col Col. Colonel Gen Gen. General Maj Maj. Major Adm Adm. Admiral
Cpl Cpl. Corporal Pvt Pvt. Private Chief Commissioner Secretary Chairman Chairwoman Chair Director
Coach Rev Rev. Reverend Father Pastor Bishop Archbishop Cardinal Pope Rabbi Imam Sheikh Sheik
King Queen Prince Princess Emperor Sultan Emir Ayatollah Mullah Gen. Attorney Prosecutor
Spokesman Spokeswoman Ambassador Envoy Councilman Councilwoman Alderman Trooper Principal
Superintendent Dean Professor Chef Brother Sister Saint Uncle Aunt Mrs Jr Jr. Sr Sr.
""")

# Lower-case roles written before a person's name in news text ("China's
# spokesperson Mao Ning", "army chief Asim Munir"): with a capitalised name of
# two words after them, that name is a person.
ROLE_NOUNS = _words("""
spokesperson spokesman spokeswoman minister ministers president vice-president general chief
envoy ambassador commander official officials leader leaders secretary chairman chairwoman
chairperson premier governor mayor senator lawmaker legislator diplomat counterpart
prosecutor judge officer lieutenant colonel captain sergeant admiral marshal commissioner
director adviser advisor aide negotiator representative delegate analyst scholar professor
president-elect cleric preacher militant commander-in-chief chancellor king queen prince
emir sheikh mufti ayatollah coach striker captain-general founder head
""")

# Last words of the names of organisations, treaties and meetings that
# often start with a place name ("Shanghai Cooperation Organization",
# "Warsaw Pact"): the place at the head of such a name is not a toponym.
ORG_NAME_ENDINGS = _words("""
Organization Organisation Cooperation Treaty Pact Accords Accord Agreement Summit Forum
""")

# The last word of an institution's name: a country before it names the institution, not a place ("the All
# Pakistan Wapda Hydro Electrical Union", "Bangladesh Television"; explorer.core.events.place.is_actor_name).
INSTITUTION_WORDS = frozenset("""
Union Association Federation Party League Council Movement Alliance Committee Board Authority Corporation Company
University College Institute Society Forum Chamber Club Organization Organisation Commission Network Trust
Foundation Bank Airlines Television Radio Railway Railways Cricket
""".split())

# Common given names (English-speaking world, and frequent in international news).
FIRST_NAMES = _words("""
Aaron Adam Adrian Al Alan Albert Alex Alexander Alfred Alice Alicia Allen Allison Amanda Amber Amy
Andrea Andrew Andy Angela Anita Ann Anna Anne Annie Anthony Antonio Arthur Ashley Audrey Barack
Barbara Barry Ben Benjamin Bernard Bernie Beth Betty Bill Billy Bob Bobby Bonnie Brad Bradley Brandon
Brenda Brian Bruce Bryan Carl Carlos Carol Caroline Carolyn Catherine Chad Charles Charlie Cheryl
Chris Christian Christina Christine Christopher Chuck Cindy Claire Clarence Claude Clifford Cody
Colin Connie Craig Crystal Curtis Cynthia Dale Dan Dana Daniel Danielle Danny Darren Dave David
Dean Deborah Debra Denise Dennis Derek Diana Diane Dick Don Donald Donna Doris Dorothy Doug Douglas
Dylan Earl Ed Eddie Edward Eileen Elaine Elizabeth Ellen Emily Emma Eric Erica Erin Ernest Ethan
Eugene Evelyn Frances Francis Frank Fred Frederick Gary Gene George Gerald Gina Glen Glenn Gloria
Gordon Grace Greg Gregory Hannah Harold Harry Heather Helen Henry Herbert Hillary Holly Howard Ian
Irene Isaac Jack Jackie Jacob Jacqueline Jake James Jamie Jane Janet Janice Jared Jason Jean Jeff
Jeffrey Jennifer Jenny Jeremy Jerry Jesse Jessica Jill Jim Jimmy Jo Joan Joanne Joe Joel John
Johnny Jon Jonathan Jose Joseph Josh Joshua Joyce Juan Judith Judy Julia Julie Justin Karen Karl
Kate Katherine Kathleen Kathryn Kathy Katie Keith Kelly Ken Kenneth Kevin Kim Kimberly Kirk Kristen
Kyle Larry Laura Lauren Lawrence Lee Leonard Leslie Linda Lisa Lori Louis Louise Lucy Luis Luke
Lynn Marc Marcus Margaret Maria Marie Marilyn Mark Martha Martin Mary Matt Matthew Maureen Megan
Melissa Michael Michelle Mike Mildred Mitch Mitt Monica Nancy Natalie Nathan Neil Nicholas Nick
Nicole Norman Olivia Pamela Pat Patricia Patrick Paul Paula Peggy Peter Phil Philip Phillip Rachel
Ralph Randy Ray Raymond Rebecca Richard Rick Ricky Rita Rob Robert Roberta Robin Rodney Roger Ron
Ronald Rose Ross Roy Ruby Russell Ruth Ryan Sally Sam Samantha Samuel Sandra Sara Sarah Scott Sean
Shannon Sharon Shawn Sheila Shirley Stacy Stephanie Stephen Steve Steven Stuart Sue Susan Suzanne
Tammy Ted Teresa Terry Theresa Thomas Tim Timothy Tina Todd Tom Tommy Tony Tracy Travis Troy Tyler
Valerie Vanessa Vernon Victor Vincent Virginia Walter Wanda Warren Wayne Wendy Wesley Will William
Willie Zachary Joe Hosni Vladimir Angela Emmanuel Xi Narendra Rahul Sonia Manmohan Imran Nawaz
Shehbaz Shahbaz Asif Ali Ahmed Ahmad Mohammed Muhammad Mohammad Mohamed Mohamad Abdul Abdullah
Omar Umar Osama Hassan Hasan Hussein Hussain Husain Khalid Khaled Mahmoud Mahmood Mustafa Mostafa
Ibrahim Ismail Yusuf Youssef Salman Faisal Hamid Hamad Rashid Saeed Said Tariq Zahid Javed Pervez
Parvez Benazir Bilawal Maryam Fatima Aisha Ayesha Zainab Masood Masud Nasir Nasser Naveed Shahid
Sajid Waqar Yasir Yasser Zia Anwar Ashraf Jawad Karim Kareem Majid Mehdi Mahdi Reza Hossein
Hamza Bashar Benjamin Binyamin Yair Naftali Yitzhak Shimon Ehud Ariel Avigdor Moshe Mahmud Ismail
Recep Tayyip Ahmet Mehmet Kemal Vladimir Dmitry Sergei Sergey Alexei Alexey Nikolai Igor Ivan Olga
Volodymyr Petro Yulia Viktor Jean Pierre Francois Marine Nicolas Jacques Emmanuel Hans Klaus Olaf
Boris Theresa Keir Rishi Justin Stephen Jacinda Scott Malcolm Kevin Shinzo Fumio Kim Moon Yoon
Raul Fidel Hugo Nicolas Luiz Jair Andres Enrique Felipe Pablo Diego Miguel Jorge Pedro Alejandro
Manuel Rafael Ricardo Fernando Roberto Eduardo Sergio Javier Francisco Antonio Luis Carlos
Modi Amit Arvind Rajnath Sushma Priyanka Sanjay Vijay Rajesh Suresh Ramesh Anil Sunil Ravi Raj
Ajit Ashok Kumar Lal Prakash Deepak Pradeep Vikram Rohit Ajay Manoj Vinod Kiran Pooja Sunita Anita
Lindsey Mitch Nancy Chuck Kamala Joe Hunter Melania Ivanka Jared Rudy Rudolph Newt Ted Marco Rand
Elon Jeff Mark Bill Warren Tiger Kobe LeBron Serena Roger Rafael Novak Cristiano Lionel Neymar
Sylvester Sherrod Tammy Dianne Barney Harry Charles Camilla Elizabeth Diana Meghan Kate Philip
Gerry Jerry Trent Clay Dallas Austin Jordan Logan Tyson Chase Mason Carter Hudson Brooklyn Madison
Savannah Charlotte Florence Georgia Sydney Victoria Eugene Orlando Denver Houston Lincoln Jackson
Abraham Isaac Moses Asim Syed Sayed Saiyid Khwaja Mian Chaudhry Raja Malik Mir Sardar Nawab
""")

# Names that are also given names but much more often places in news when alone.
# (They are given names only when a capitalised surname follows.)

# Words that end an organisation, facility or work name: "<Place> <Suffix>" is not a place.
ORG_SUFFIXES = _words("""
Post Times Journal Herald Tribune Gazette News Daily Chronicle Observer Inquirer Examiner Courier
Register Star Sun Telegraph Guardian Independent Review Record Press Standard Mirror Express
Dispatch Bulletin Monitor Reporter Sentinel Globe Today Magazine Radio TV Television Network
Broadcasting Media Inc Inc. Corp Corp. Corporation Company Co Co. Ltd Ltd. LLC Group Holdings Bank
Bancorp Insurance Airlines Airways Air Motors Energy Oil Power Gas Electric Telecom Railway Railroad
Steel University College Institute Academy School Seminary Hospital Clinic Medical Museum Library
Zoo Stadium Arena Field Coliseum Center Centre Hall Theater Theatre Hotel Inn Resort Casino Mall
Plaza Tower Towers Building Church Cathedral Mosque Temple Synagogue Chapel Club Association Society
Foundation Trust Council Committee Commission Authority Agency Board Department Bureau Office
Ministry Party Movement Front Brigade Brigades Army Regiment Battalion Division Corps Force Forces
Guard Guards Police Patrol Sheriffs Rangers Braves Falcons Bulldogs Tigers Lions Bears Eagles
Giants Yankees Mets Cubs Reds Royals Pirates Cardinals Orioles Dodgers Angels Padres Mariners
Athletics Twins Nationals Marlins Rays Rockies Astros Brewers Phillies Steelers Browns Bengals
Ravens Colts Jaguars Titans Texans Chiefs Raiders Chargers Broncos Cowboys Redskins Commanders
Packers Vikings Saints Panthers Buccaneers Seahawks Rams Jets Patriots Dolphins Bills Lakers
Celtics Knicks Nets Bulls Pistons Cavaliers Heat Magic Hawks Hornets Wizards Raptors Warriors
Clippers Suns Kings Jazz Nuggets Spurs Rockets Mavericks Grizzlies Pelicans Thunder Blazers
Timberwolves Bucks Pacers Capitals Flyers Penguins Bruins Canucks Oilers Flames Canadiens
Senators Sabres Predators Blues Wild Ducks Sharks Stars Hurricanes Avalanche Islanders Devils
United City FC Dome Airport Port Bridge Tunnel Dam Highway Freeway Expressway Parkway Turnpike
Interstate Avenue Ave Ave. Street St Road Rd Rd. Boulevard Blvd Blvd. Drive Lane Way Circle Court
Pike Terrace Trail Square Court Courthouse Jail Prison Penitentiary Fund Index Exchange Stock
Declaration Accord Accords Agreement Treaty Convention Protocol Summit Conference Games Open Cup
Marathon Festival Fair Show Award Awards Prize Project Program Programme Initiative Plan Act
Law Bill Doctrine Syndrome Virus Flu Fever Code Rules Avenue Times Cafe Restaurant Grill Bar
Pizza Chicken Burger Fried Farms Farm Gardens Studios Pictures Records Entertainment Partners
Capital Ventures Associates Systems Technologies Technology Software Labs Solutions Services
Health Healthcare Pharmaceuticals Bakery Brewery Winery Church's Zionists Chamber Conservancy
Legion Scouts Regional Community Elementary Middle High Christian Baptist Methodist Catholic
Episcopal Presbyterian Lutheran Islamic Jewish Federal Supreme Superior District Circuit County's
""")

# Place-type words that may follow a place name as part of it ("Gaza City",
# "Laurel County", "Lake Tahoe") or describe it.
PLACE_WORDS = _words("""
County Parish Borough City Town Township Village Province State Region District Territory
Island Islands Isle Lake River Valley Mountain Mountains Mount Bay Gulf Sea Ocean Strait Coast
Peninsula Desert Plain Plains Heights Hills Hill Canyon Creek Falls Beach Harbor Harbour Point
Springs Forest Park Delta Basin
""")

# Connector words allowed in lower case inside a multi-word place name.
CONNECTORS = frozenset(
    "of and the de del della der des di du da do dos das la le les el al am an im upon on en y sur "
    "van von bin ibn ul ur us e i au aux sous".split()
)

# Common English words that are written with a capital at the start of a
# sentence, in headlines or in titles, and that also name some small place
# somewhere. Alone and capitalised, they are not taken as places unless the
# place is big (a country, a first-level division or a large city).
COMMON_WORDS = _words("""
A About Above Across After Again Against Ago All Almost Along Already Also Although Always Am
Among An And Another Any Anyone Anything Are Around As At Away Back Be Because Been Before Being
Below Best Better Between Beyond Both But By Can Cannot Could Did Do Does Down During Each Early
Either Else Even Ever Every Few First For From Further Had Has Have He Her Here Hers Him His How
However If In Into Is It Its Just Last Late Later Least Less Like Little Long Many May Me Meanwhile
Might More Most Much Must My Near Neither Never New Next No Nor Not Now Of Off Often On Once One
Only Or Other Our Out Over Own Per Perhaps Please Rather Same She Should Since So Some Still Such
Than That The Their Them Then There These They This Those Though Through Thus To Today Tomorrow Too
Toward Towards Under Unless Until Up Upon Us Very Was We Well Were What When Where Whether Which
While Who Whom Whose Why Will With Within Without Would Yesterday Yet You Your Monday Tuesday
Wednesday Thursday Friday Saturday Sunday January February March April June July August September
October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Police Officials
Authorities Government Officers Fire Health Education School Schools Business Sports Weather News
Opinion Editorial Letters Local National World Obituaries Classifieds Home Page Contact Comments
Comment Share Print Email Reply Read Click Advertisement Photo Photos Video Videos Story Stories
Update Updated Posted Copyright Reserved Rights Terms Privacy Subscribe Login Sign Register Search
Story Related Top Breaking Live Watch Listen Report Reports Residents People Man Woman Men Women
Children Child Family Families Friends Students Teachers Parents Mother Father Son Daughter Wife
Husband Boy Girl Baby Kids Team Teams Game Games Season Win Victory Loss Deal Plan Project Program
Court Judge Trial Case Jury Law Bill Vote Election Elections Campaign Party Republicans Democrats
Republican Democrat Democratic Conservative Liberal Labour Labor Union Unions Congress Senate House
Parliament Cabinet Ministry Department Agency Office Council Board Committee Commission Center
Centre Hospital University College Church Street Road Avenue Highway Bridge Park Lake River Hill
Mountain Valley Island Beach Bay Port Airport Station Market Square Hall Tower Building Hotel
Club Bank Fund Company Corporation Industry Industries Energy Oil Gas Water Power Food Farm Farms
Health Care Medical Security Defense Defence Army Navy Air Force Forces Military War Peace Fire
Emergency Disaster Storm Hurricane Tornado Flood Snow Rain Ice Wind Heat Summer Winter Spring Fall
Autumn Christmas Easter Thanksgiving Halloween Ramadan Eid New Year Independence Liberty Freedom
Justice Victory Unity Hope Faith Grace Glory Harmony Paradise Eden Heaven Hell Friendship
Enterprise Progress Commerce Industry Prosperity Providence Concord Concordia Economy Energy
Reading Mobile Bath Nice Orange Normal Centre Central North South East
West Northern Southern Eastern Western Northeast Northwest Southeast Southwest Upper Lower Middle
Greater Old Big Small Great High Low Long Little Grand Royal Golden Silver Black White Green Red
Blue Brown Gray Grey Rose Star Sun Moon Sky Cross Crown Castle Temple Chapel Hope Mission Federal
State States City County Town Village Country Nation Capital Region District Province Territory
Islamic Muslim Muslims Christian Christians Jewish Jews Arab Arabs Hindu Hindus Buddhist Sikh
Catholic Protestant Sunni Shia Shiite Kurdish Kurds Baloch Pashtun Taliban English Spanish Latin
Arabic Urdu Hindi Persian Farsi Anglo African Asian European Western Eastern Israelis Internet Web
Online Twitter Facebook Google Apple Amazon Microsoft Iron Gold Steel Copper Coal Diamond Salt
Sugar Cotton Rice Wheat Corn Bread Wine Beer Coffee Tea Milk Honey Butter Cheese Pepper Mint
Olive Cedar Oak Pine Maple Elm Ash Willow Birch Palm Rosemary Laurel Holly Ivy Iris Lily Daisy
Poppy Violet Jasmine Amber Ruby Pearl Crystal Coral Jade Opal Ocean Forest Desert Garden Gardens
Field Fields Meadow Meadows Grove Woods Wood Stone Rock Sand Clay Brook Spring Springs Falls
Chief Head Leader Leaders President Prime Minister Secretary General Director Manager Chairman
Supreme Superior District Circuit Appeals Commissioner Mayor Governor Senator Sheriff Coach
Captain Officer Agent Agents Doctor Nurse Pastor Priest Bishop King Queen Prince Princess Lord
Lady Sir Master Miss Mister Dear Thanks Thank Welcome Hello Yes Okay OK Sorry Congratulations
Breaking Exclusive Analysis Interview Review Preview Recap Highlights Watch Photos Gallery Slideshow
Source Sources Note Notes Editor Editors Staff Writer Writers Correspondent Associated Reuters AFP
AP Bloomberg CNN BBC Fox NBC ABC CBS NPR PBS MSNBC Click Here Continue Advertisement Sponsored
According Despite Following Including Regarding Concerning Given Based Due Amid Amidst Besides
Beside Throughout Toward Via Versus Vs Whereas Whatever Whenever Wherever Whoever Sometimes
Finally Firstly Secondly Also Overall Still Indeed Instead Otherwise Moreover Furthermore Hence
Therefore Nevertheless Nonetheless Anyway Besides Actually Certainly Clearly Obviously Apparently
Unfortunately Fortunately Hopefully Interestingly Importantly Similarly Likewise Additionally
Earlier Recently Currently Previously Initially Eventually Ultimately Soon Sunday Weekend Morning
Afternoon Evening Night Tonight Week Month Year Day Days Hours Minutes Time Times Date Age Life
Death Dead Killed Injured Arrested Charged Accused Suspect Suspects Victim Victims Witness Witnesses
Crime Murder Shooting Attack Attacks Bomb Bombing Blast Explosion Strike Strikes Raid Raids Fight
Battle Conflict Crisis Protest Protests Rally March Riot Clash Clashes Ceasefire Truce Talks
Treaty Agreement Accord Summit Meeting Conference Visit Trip Tour Journey Road Way Path Route
Trail Line Lines Border Borders Frontier Zone Area Areas Land Lands Territory Territories Coast
Shore Bank Banks Point Cape Head Gate Gates Pass Ridge Peak Summit Canyon Creek Run Branch Fork
Mill Mills Ferry Landing Harbor Harbour Haven Crossing Corner Corners Junction Plains Prairie
Ranch Camp Fort Base Station Depot Post Office Store Shop Shops Factory Plant Works Mine Mines
Press Media Times Post Daily Weekly Journal Herald Tribune Gazette Chronicle Globe Observer
Independence Constitution Republic Kingdom Empire Commonwealth Federation Union Alliance League
Association Society Foundation Institute Academy Museum Library Theatre Theater Cinema Studio Arts
Art Music Film Films Book Books Magazine Paper Papers Letter Letters Message Statement Speech
Address Announcement Release Reporting Reported Says Said Told Asked Added Noted Explained Stated
Believe Think Know Like Want Need See Look Find Get Make Take Give Come Go Keep Let Put Set Tell
Call Try Use Work Play Run Move Live Help Show Hear Turn Start Stop Open Close Begin End Follow
Lead Stand Sit Leave Meet Pay Buy Sell Send Build Stay Fall Cut Reach Kill Remain Suggest Raise
Pass Report Decide Pull Hold Bring Happen Write Provide Include Continue Change Learn Understand
Black Brown Green Gray Grey White Young Strong Long Short Hart Wells Banks Fields Mills Woods Waters
Price Cook Baker Fisher Hunter Miller Carpenter Mason Walker Turner Porter Parker Cooper Carter
Taylor Tanner Potter Weaver Archer Bowman Fowler Fuller Gardner Glover Sawyer Shepherd Slater
Smith Smiths Wright Young King Bishop Abbott Knight Page Marshall Steward Stewart
""")

# Lower-case words that often follow a capitalised word at the start of a
# person's name in the news ("Trump said", "Sharif told"): used with other
# evidence only.
SPEECH_VERBS = frozenset("""said says told added asked noted wrote stated explained argued
claimed announced insisted warned urged admitted tweeted responded replied declared""".split())

# Frequent surnames (English-speaking countries) that are also the names of
# small places: alone, they are taken as places only with locative evidence
# ("in Clark", "Clark, Nevada").
SURNAMES = _words("""
Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson
Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker
Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris
Rogers Reed Cook Morgan Bell Murphy Bailey Cooper Richardson Cox Howard Ward Peterson Gray James
Watson Brooks Kelly Sanders Price Bennett Wood Barnes Ross Henderson Coleman Jenkins Perry Powell
Long Patterson Hughes Flores Washington Butler Simmons Foster Gonzales Bryant Alexander Russell
Griffin Hayes Myers Ford Hamilton Graham Sullivan Wallace Woods Cole West Jordan Owens Reynolds
Fisher Ellis Harrison Gibson McDonald Cruz Marshall Gomez Murray Freeman Wells Webb Simpson Stevens
Tucker Porter Hunter Hicks Crawford Henry Boyd Mason Morales Kennedy Warren Dixon Ramos Reyes Burns
Gordon Shaw Holmes Rice Robertson Hunt Black Daniels Palmer Mills Nichols Grant Knight Ferguson
Rose Stone Hawkins Dunn Perkins Hudson Spencer Gardner Stephens Payne Pierce Berry Matthews Arnold
Wagner Willis Ray Watkins Olson Carroll Duncan Snyder Hart Cunningham Bradley Lane Andrews Ruiz
Harper Fox Riley Armstrong Carpenter Weaver Greene Lawrence Elliott Chavez Sims Austin Peters
Kelley Franklin Lawson Fields Ryan Schmidt Carr Castillo Wheeler Chapman Oliver Montgomery Richards
Williamson Johnston Banks Meyer Bishop McCoy Howell Morrison Hansen Harvey Little Burton Stanley
Nguyen George Jacobs Reid Fuller Lynch Dean Gilbert Garrett Welch Larson Frazier Burke Hanson Day
Mendoza Moreno Bowman Medina Fowler Brewer Hoffman Carlson Silva Pearson Holland Douglas Fleming
Jensen Vargas Byrd Davidson Hopkins May Terry Herrera Wade Soto Walters Curtis Neal Caldwell Lowe
Jennings Barnett Graves Jimenez Horton Shelton Barrett Obrien Castro Sutton Gregory McKinney Lucas
Miles Craig Rodriquez Chambers Holt Lambert Fletcher Watts Bates Hale Rhodes Pena Beck Newman
Haynes McDaniel Mendez Bush Vaughn Parks Dawson Santiago Norris Hardy Love Steele Curry Powers
Schultz Barker Guzman Page Munoz Ball Keller Chandler Weber Leonard Walsh Lyons Ramsey Wolfe
Schneider Mullins Benson Sharp Bowen Daniel Barber Cummings Hines Baldwin Griffith Valdez Hubbard
Salazar Reeves Warner Stevenson Burgess Santos Tate Cross Garner Mann Mack Moss Thornton Dennis
McGee Farmer Delgado Aguilar Vega Glover Manning Cohen Harmon Rodgers Robbins Newton Todd Blair
Higgins Ingram Reese Cannon Strickland Townsend Potter Goodwin Walton Rowe Hampton Ortega Patton
Swanson Joseph Francis Goodman Maldonado Yates Becker Erickson Hodges Rios Conner Adkins Webster
Norman Malone Hammond Flowers Cobb Moody Quinn Blake Maxwell Pope Floyd Osborne Paul McCarthy
Guerrero Lindsey Estrada Sandoval Gibbs Tyler Gross Fitzgerald Stokes Doyle Sherman Saunders Wise
Colon Gill Alvarado Greer Padilla Simon Waters Nunez Ballard Schwartz McBride Houston Christensen
Klein Pratt Briggs Parsons McLaughlin Zimmerman French Buchanan Moran Copeland Roy Pittman Brady
McCormick Holloway Brock Poole Frank Logan Owen Bass Marsh Drake Wong Jefferson Park Morton Abbott
Sparks Patrick Norton Huff Clayton Massey Lloyd Figueroa Carson Bowers Roberson Barton Tran Lamb
Harrington Casey Boone Cortez Clarke Mathis Singleton Wilkins Cain Bryan Underwood Hogan McKenzie
Collier Luna Phelps McGuire Allison Bridges Wilkerson Nash Summers Atkins Wilcox Pitts Conley
Marquez Burnett Richard Cochran Chase Davenport Hood Gates Clay Ayala Sawyer Roman Vazquez Dickerson
Hodge Acosta Flynn Espinoza Nicholson Monroe Wolf Morrow Kirk Randall Anthony Whitaker Skinner Ware
Molina Kirby Huffman Bradford Charles Gilmore Dominguez Bruce Lang Combs Kramer Heath Hancock
Gallagher Gaines Shaffer Short Wiggins Mathews McClain Fischer Wall Small Melton Hensley Bond Dyer
Cameron Grimes Contreras Christian Wyatt Baxter Snow Mosley Shepherd Larsen Hoover Beasley Glenn
Petersen Whitehead Meyers Keith Garrison Vincent Shields Horn Savage Olsen Schroeder Hartman
Woodard Mueller Kemp Deleon Booth Patel Calhoun Wiley Eaton Cline Navarro Harrell Lester Humphrey
Parrish Duran Hutchinson Hess Dorsey Bullock Robles Beard Dalton Avila Vance Rich Blackwell York
Johns Blankenship Trevino Salinas Campos Pruitt Moses Callahan Golden Montoya Hardin Guerra
McDowell Carey Stafford Gallegos Henson Wilkinson Booker Merritt Miranda Atkinson Orr Decker Hobbs
Preston Tanner Knox Pacheco Stephenson Glass Rojas Serrano Marks Hickman English Sweeney Strong
Prince McClure Conway Walter Roth Maynard Farrell Lowery Hurst Nixon Weiss Trujillo Ellison Sloan
Juarez Winters McLean Randolph Leon Boyer Villarreal McCall Gentry Carrillo Kent Ayers Lara Shannon
Sexton Pace Hull Leblanc Browning Velasquez Leach Chang House Sellers Herring Noble Foley Bartlett
Mercado Landry Durham Walls Barr McKee Bauer Rivers Everett Bradshaw Pugh Velez Rush Estes Dodson
Morse Sheppard Weeks Camacho Bean Barron Livingston Middleton Spears Branch Blevins Chen Kerr
McConnell Hatfield Harding Ashley Solis Herman Frost Giles Blackburn William Pennington Woodward
Finley McIntosh Koch Best Solomon McCullough Dudley Nolan Blanchard Rivas Brennan Mejia Kane Benton
Joyce Buckley Haley Valentine Maddox Russo McKnight Buck Moon McMillan Crosby Berg Dotson Mays
Roach Church Chan Richmond Meadows Faulkner ONeill Knapp Kline Barry Ochoa Jacobson Gay Avery
Hendricks Horne Shepard Hebert Cherry Cardenas McIntyre Whitney Waller Holman Donaldson Cantu
Terrell Morin Gillespie Fuentes Tillman Sanford Bentley Peck Key Salas Rollins Gamble Dickson
Battle Santana Cabrera Cervantes Howe Hinton Hurley Spence Zamora Yang McNeil Suarez Case Petty
Gould McFarland Sampson Carver Bray Rosario Macdonald Stout Hester Melendez Dillon Farley Hopper
Galloway Potts Bernard Joyner Stein Aguirre Osborn Mercer Bender Franco Rowland Sykes Benjamin
Travis Pickett Crane Sears Mayo Dunlap Hayden Wilder McKay Coffey McCarty Ewing Cooley Vaughan
Bonner Cotton Holder Stark Ferrell Cantrell Fulton Lynn Lott Calderon Rosa Pollard Hooper Burch
Mullen Fry Riddle Levy David Duke ODonnell Guy Michael Britt Frederick Daugherty Berger Dillard
Alston Jarvis Frye Riggs Chaney Odom Duffy Fitzpatrick Valenzuela Merrill Mayer Alford McPherson
Acevedo Donovan Barrera Albert Cote Reilly Compton Raymond Mooney McGowan Craft Cleveland Clemons
Wynn Nielsen Baird Stanton Snider Rosales Bright Witt Stuart Hays Holden Rutledge Kinney Clements
Castaneda Slater Hahn Emerson Conrad Burks Delaney Pate Lancaster Sweet Justice Tyson Sharpe
Whitfield Talley Macias Irwin Burris Ratliff McCray Madden Kaufman Beach Goff Cash Bolton McFadden
Levine Good Byers Kirkland Kidd Workman Carney Dale McLeod Holcomb England Finch Head Burt Hendrix
Sosa Haney Franks Sargent Nieves Downs Rasmussen Bird Hewitt Lindsay Le Foreman Valencia ONeil
Delacruz Vinson Dejesus Hyde Forbes Gilliam Guthrie Wooten Huber Barlow Boyle McMahon Buckner
Rocha Puckett Langley Knowles Cooke Velazquez Whitley Noel Vang Obama Trump Clinton Biden Putin
""")

# Well-known names of organisations and people that collide with place names
# in the gazetteer and are not places in news text.
NOT_PLACES = _words("""
Hamas Hezbollah Hizbollah Fatah Taliban Qaeda Houthi Houthis Kremlin Pentagon Obama Trump Biden Putin
Netanyahu Erdogan Modi Khan Sharif Bhutto Zardari Assad Saddam Gaddafi Qaddafi Mubarak Sisi
Khamenei Rouhani Raisi Pezeshkian Ahmadinejad Zelensky Macron Merkel Scholz Sunak Starmer Xi
Jinping Kim Biden Harris Pelosi Schumer McConnell Cheney Rumsfeld Bush Reagan Nixon Carter
Kennedy Lincoln Jesus Christ God Allah Muhammad Mohammed Google Facebook Twitter Amazon Apple Walmart
Wal Mart Medicare Medicaid Passover Hanukkah Ramadan Christmas Easter Olympics Olympic Paralympics
Nasdaq Dow Jones Reuters Bloomberg Xinhua IRNA Dawn
Sadar
""")
# ("Sadar": the headquarters subdistrict of a South Asian district, "Kurigram Sadar upazila", "in Sadar upazila";
# alone it names no place)

# Multi-word names that are in the gazetteer as small places but, in news
# text, name a building, an institution or a thing.
NOT_PLACE_PHRASES = frozenset(p.casefold() for p in (
    "White House", "Iron Dome", "Capitol Hill", "Wall Street", "Downing Street", "Scotland Yard",
    "Red Cross", "Red Crescent", "Holy See", "Dow Jones", "Main Street", "Grand Jury",
    "Supreme Court", "High Court", "Pearl Harbor", "Ground Zero", "Big Ben",
    # armed groups whose words are also names of places ("Boko", "Haram", "Taiba")
    "Boko Haram", "Lashkar-e-Taiba", "Lashkar-e-Toiba", "Lashkar-e-Tayyiba",
))

# Words after a place name that make it part of the name of a newspaper, a
# broadcaster, a company or a sports team ("Washington Post", "Atlanta
# Braves"). Institutions of the place itself ("Ohio Department of ...",
# "Dublin City Council") keep the place, as the gold corpora annotate it.
MEDIA_COMPANY_SUFFIXES = _words("""
Post Times Journal Herald Tribune Gazette Chronicle Observer Inquirer Examiner Courier Register
Telegraph Guardian Independent Mirror Express Dispatch Bulletin Sentinel Globe Daily Star Sun
Inc Inc. Corp Corp. Corporation Company Co Co. Ltd Ltd. LLC Holdings Bancorp Airlines Airways
Motors Rangers Braves Falcons Bulldogs Tigers Lions Bears Eagles Giants Yankees Mets Cubs Reds
Royals Pirates Cardinals Orioles Dodgers Angels Padres Mariners Athletics Twins Nationals Marlins
Rays Rockies Astros Brewers Phillies Steelers Browns Bengals Ravens Colts Jaguars Titans Texans
Chiefs Raiders Chargers Broncos Cowboys Redskins Packers Vikings Saints Panthers Buccaneers
Seahawks Rams Jets Patriots Dolphins Bills Lakers Celtics Knicks Nets Bulls Pistons Cavaliers
Heat Magic Hawks Hornets Wizards Raptors Warriors Clippers Suns Kings Jazz Nuggets Spurs Rockets
Mavericks Grizzlies Pelicans Thunder Blazers Timberwolves Bucks Pacers Capitals Flyers Penguins
Bruins Canucks Oilers Flames Canadiens Senators Sabres Predators Blues Sharks Hurricanes
Avalanche Islanders Devils Dome FC
""")

# Words before a place name that qualify it rather than start another name
# ("Northern Gaza", "Greater London", "Downtown Cairo").
QUALIFIERS = _words("""
North South East West Northern Southern Eastern Western Central Northeast Northwest Southeast
Southwest Northeastern Northwestern Southeastern Southwestern Upper Lower Greater Inner Outer
Downtown Uptown Metro Metropolitan Rural Urban Coastal Occupied Historic Old New
""")


# Organisations, parties and armed groups of one country (or two), by ISO code: a text that names one is, other
# things equal, about places of that country ("A roadside blast in Hangu killed a councillor of the ANP": the
# Hangu of Pakistan). Names that are also common acronyms elsewhere (NASA, PTI, PPP, KIA, RSS, SSA) are left
# out; so are groups active in many countries. Context only: such a name never makes a place.
_ORGS_BY_COUNTRY: dict[tuple[str, ...], str] = {
    ("IN",): "BJP|Bharatiya Janata Party|VHP|Vishwa Hindu Parishad|Bajrang Dal|Shiv Sena|CPI(M)|CPI-M|Trinamool|"
             "Shiromani Akali Dal|Samajwadi Party|DMK|AIADMK|ABVP|NSUI|ULFA|NSCN|NDFB|CRPF|Assam Rifles|ITBP|"
             "Naxalites|Naxals",
    ("PK",): "PML-N|Tehreek-e-Insaf|Pakistan Tehreek-e-Insaf|MQM|ANP|JUI-F|Jamaat-ud-Dawa|JuD|TLP|"
             "Tehreek-e-Labbaik|TTP|Tehreek-e-Taliban Pakistan|Lashkar-e-Jhangvi|Frontier Corps|ISPR|"
             "Baloch Liberation Army|Baloch Liberation Front|Wapda|WAPDA",
    ("BD",): "BNP|Awami League|Chhatra League|Chhatra Shibir|Islami Chhatra Shibir|Jubo League|Jubo Dal|Chhatra Dal|"
             "Rapid Action Battalion|JMB",
    ("NP",): "CPN-UML|Nepali Congress|Madhesi Morcha|Madhesi Front",
    ("LK",): "LTTE",
    ("MM",): "Tatmadaw|Kachin Independence Army|TNLA|MNDAA|Karen National Union|DKBA",
    ("TH",): "Barisan Revolusi Nasional",
    ("KE",): "Jubilee Party|IEBC|Kenya Defence Forces|KDF|Mungiki|Orange Democratic Movement",
    ("SO", "KE"): "al-Shabaab|Al-Shabaab|al Shabaab|Al Shabaab|al-Shabab|Al-Shabab",
    ("NG",): "Boko Haram|ISWAP|IPOB",
    ("YE",): "Houthis|Houthi",
    ("LB",): "Hezbollah",
    ("PS",): "Hamas",
    ("IL",): "IDF",
    ("IR",): "IRGC",
    ("SY",): "YPG",
    ("TR",): "PKK",
}
def _by_name(table: dict[tuple[str, ...], str]) -> dict[str, tuple[str, ...]]:
    """Name -> countries, from a table of countries -> names joined by "|"."""
    return {name: ccs for ccs, names in table.items() for name in names.split("|")}


ORG_COUNTRIES: dict[str, tuple[str, ...]] = _by_name(_ORGS_BY_COUNTRY)

# Words of one country's (or two countries') administrative units: a text that names one ("Sadar upazila",
# "Samburu West sub-county") is, other things equal, about places of that country, as with ORG_COUNTRIES.
# Matched whole, in any case. Unit words that many countries use (district, province, commune, county,
# oblast, LGA) are left out. Context only: such a word never makes a place.
_UNITS_BY_COUNTRY: dict[tuple[str, ...], str] = {
    ("BD",): "upazila|upazilla|upozila|union parishad",
    ("IN",): "taluka|taluk|gram panchayat|panchayat samiti",
    ("IN", "PK"): "tehsil|tahsil",
    ("PK",): "union council",
    ("KE", "UG"): "sub-county|sub county|subcounty",
    ("ET",): "woreda|kebele",
    ("PH",): "barangay",
    ("TH",): "tambon|amphoe",
    ("ID",): "kecamatan|kabupaten",
}
UNIT_COUNTRIES: dict[str, tuple[str, ...]] = _by_name(_UNITS_BY_COUNTRY)
