"""Articles written after real-world patterns, for the tests of reader.related.

Each sample carries the event it reports (`event`): articles with the same event must group,
different events must not, even when they are of the same kind (two earthquakes, two rehab stays).
"""

from __future__ import annotations

from typing import Any

Article = dict[str, Any]


def art(
    id: str, event: str, title: str, text: str = "", published: str = "2024-03-12T10:00:00Z",
    publisher: str = "", url: str = "",
) -> Article:  # fmt: skip
    return {
        "id": id,
        "event": event,
        "title": title,
        "text": text,
        "published": published,
        "publisher": publisher,
        "url": url or f"https://{publisher or 'example'}.test/{id}",
    }


QUAKE_CHILE_WIRE = (
    "A magnitude 6.8 earthquake struck off the coast of central Chile on Tuesday, shaking buildings "
    "in Valparaiso and the capital Santiago, the US Geological Survey said. The quake hit at a depth "
    "of 24 km about 40 km west of Valparaiso at 10:14 local time. Chile's emergency office Onemi said "
    "there were no immediate reports of serious damage and briefly ordered the evacuation of coastal "
    "areas as a precaution before lifting a tsunami alert. President Gabriel Boric said authorities "
    "were assessing the situation. Chile sits on the Pacific Ring of Fire and is one of the most "
    "seismically active countries in the world."
)

FULL_TEXT: list[Article] = [
    # --- a strong earthquake in Chile, three outlets and a syndicated copy
    art(
        "chile-1",
        "quake-chile",
        "Strong earthquake shakes central Chile, tsunami alert lifted",
        QUAKE_CHILE_WIRE,
        "2024-03-12T13:40:00Z",
        "wire",
    ),
    art(
        "chile-2",
        "quake-chile",
        "Magnitude 6.8 quake hits off Valparaiso",
        "Buildings swayed in Santiago and Valparaiso on Tuesday when a magnitude 6.8 earthquake hit "
        "off Chile's central coast. The USGS put the epicentre 40 km west of Valparaiso. Onemi, the "
        "national emergency service, said it had no reports of major damage, and a precautionary "
        "tsunami evacuation of the coast was called off within the hour. Gabriel Boric wrote that "
        "teams were checking hospitals and roads.",
        "2024-03-12T14:05:00Z",
        "dailyplanet",
    ),
    art(
        "chile-3",
        "quake-chile",
        "Chile: no major damage after 6.8 tremor near Valparaiso",
        "Chilean authorities said on Tuesday that a magnitude 6.8 tremor centred off Valparaiso caused "
        "no major damage. Residents of Santiago ran into the streets as the shaking lasted almost a "
        "minute. The Onemi emergency office lifted a tsunami warning for the coast around Valparaiso "
        "after about 50 minutes.",
        "2024-03-12T16:30:00Z",
        "southpost",
    ),
    art(
        "chile-4",
        "quake-chile",
        "Earthquake of magnitude 6.8 strikes central Chile",
        QUAKE_CHILE_WIRE,
        "2024-03-12T13:55:00Z",
        "regionalherald",
    ),
    # --- a different earthquake the same week, in Indonesia (same kind, different event)
    art(
        "indo-1",
        "quake-indonesia",
        "Strong earthquake shakes eastern Indonesia, tsunami alert lifted",
        "A magnitude 6.1 earthquake struck off the island of Sulawesi in eastern Indonesia on Thursday, "
        "the US Geological Survey said. The quake hit at a depth of 10 km near the town of Mamuju. "
        "Indonesia's meteorology agency BMKG said there were no immediate reports of serious damage "
        "and lifted a tsunami alert after an hour. Indonesia sits on the Pacific Ring of Fire and is "
        "one of the most seismically active countries in the world.",
        "2024-03-14T03:10:00Z",
        "wire",
    ),
    art(
        "indo-2",
        "quake-indonesia",
        "Sulawesi quake sends Mamuju residents fleeing to higher ground",
        "Thousands of people in Mamuju, West Sulawesi, fled to higher ground on Thursday after a "
        "magnitude 6.1 earthquake, officials said. The BMKG agency briefly issued a tsunami warning. "
        "A hospital in Mamuju was evacuated as a precaution and two houses were damaged.",
        "2024-03-14T05:00:00Z",
        "asiadesk",
    ),
    # --- two different actors entering rehab (same kind, different people)
    art(
        "rehab-a1",
        "rehab-harlow",
        "Actor Daniel Harlow checks into rehab",
        "Actor Daniel Harlow has checked into a rehabilitation facility in Malibu to seek treatment "
        "for alcohol addiction, his publicist Karen Ortiz said on Monday. The 41-year-old star of the "
        "detective drama Night Shift asked for privacy for his family. Harlow was arrested in "
        "February on suspicion of driving under the influence in Los Angeles.",
        "2024-03-11T18:00:00Z",
        "showbiz",
    ),
    art(
        "rehab-a2",
        "rehab-harlow",
        "Night Shift star Harlow enters treatment after DUI arrest",
        "Daniel Harlow, who plays the lead in Night Shift, is in treatment for alcohol abuse at a "
        "Malibu clinic, a spokeswoman, Karen Ortiz, confirmed. The actor was stopped by police in Los "
        "Angeles in February. Production of the drama's next season is on hold.",
        "2024-03-11T21:30:00Z",
        "screendaily",
    ),
    art(
        "rehab-b1",
        "rehab-vance",
        "Singer Mila Vance checks into rehab",
        "Singer Mila Vance has checked into a rehabilitation facility to seek treatment for "
        "exhaustion and prescription drug addiction, her representative Tom Becker said on Tuesday. "
        "The 29-year-old pop star cancelled the European leg of her Lights Out tour and asked fans "
        "for privacy for her family. Vance was taken to hospital in Berlin last month.",
        "2024-03-12T09:00:00Z",
        "showbiz",
    ),
    art(
        "rehab-b2",
        "rehab-vance",
        "Mila Vance cancels European tour to enter treatment",
        "Pop singer Mila Vance has scrapped the European dates of the Lights Out tour and entered a "
        "treatment programme, Tom Becker, her representative, said. Vance collapsed after a concert "
        "in Berlin in February. Ticket holders in Paris, Madrid and London will be refunded.",
        "2024-03-12T11:15:00Z",
        "musicwire",
    ),
    # --- two quarterly results the same evening (same kind, different companies)
    art(
        "earn-a1",
        "earnings-orbit",
        "Orbit Systems beats forecasts as cloud revenue jumps",
        "Orbit Systems reported quarterly revenue of $18.2 billion on Wednesday, ahead of analysts' "
        "estimates, as sales at its cloud division rose 31%. Chief executive Priya Raman said demand "
        "from business customers remained strong. Shares of the Denver-based company rose 6% in "
        "extended trading.",
        "2024-03-13T21:00:00Z",
        "finwire",
    ),
    art(
        "earn-a2",
        "earnings-orbit",
        "Orbit shares climb after cloud unit lifts quarterly sales",
        "Shares in Orbit Systems gained 6% after the bell when the company said revenue reached "
        "$18.2 billion, helped by a 31% rise at the cloud unit. Priya Raman told analysts on a call "
        "that Orbit would keep hiring engineers in Denver and Dublin.",
        "2024-03-13T22:10:00Z",
        "marketsdaily",
    ),
    art(
        "earn-b1",
        "earnings-helix",
        "Helix Software beats forecasts as cloud revenue jumps",
        "Helix Software reported quarterly revenue of $9.4 billion on Wednesday, ahead of analysts' "
        "estimates, as sales at its cloud division rose 24%. Chief executive Marcus Lind said demand "
        "from business customers remained strong. Shares of the Austin-based company rose 4% in "
        "extended trading.",
        "2024-03-13T21:20:00Z",
        "finwire",
    ),
    art(
        "earn-b2",
        "earnings-helix",
        "Helix profit tops estimates on cloud demand",
        "Helix Software said on Wednesday that its cloud business grew 24% in the quarter, lifting "
        "revenue to $9.4 billion. Marcus Lind, the chief executive, said the Austin company would "
        "buy back $5 billion of stock.",
        "2024-03-13T23:00:00Z",
        "techbeat",
    ),
    # --- two storms the same week
    art(
        "storm-a1",
        "storm-florida",
        "Hurricane Dana makes landfall in Florida",
        "Hurricane Dana made landfall near Cedar Key, Florida, early on Friday as a Category 3 storm "
        "with winds of 120 mph, the National Hurricane Center said. More than 400,000 homes lost "
        "power and Governor Ron Alvarez urged residents of Levy County to stay indoors.",
        "2024-03-15T06:00:00Z",
        "wire",
    ),
    art(
        "storm-a2",
        "storm-florida",
        "Dana knocks out power to 400,000 in Florida",
        "Power was out for more than 400,000 customers in north Florida on Friday after Hurricane "
        "Dana came ashore at Cedar Key with 120 mph winds. Ron Alvarez said crews from Georgia and "
        "Alabama were on their way to Levy County.",
        "2024-03-15T09:00:00Z",
        "southpost",
    ),
    art(
        "storm-b1",
        "storm-luzon",
        "Typhoon Kiko makes landfall in the Philippines",
        "Typhoon Kiko made landfall in Aurora province on the Philippine island of Luzon early on "
        "Friday with winds of 150 km/h, the weather agency Pagasa said. More than 200,000 people "
        "were evacuated and flights in Manila were cancelled.",
        "2024-03-15T02:00:00Z",
        "wire",
    ),
    art(
        "storm-b2",
        "storm-luzon",
        "Kiko forces 200,000 to flee as it slams Luzon",
        "About 200,000 residents of Aurora and Quezon provinces fled to shelters as Typhoon Kiko "
        "hit Luzon on Friday. Pagasa warned of storm surges of up to three metres; Manila airport "
        "cancelled 40 flights.",
        "2024-03-15T04:30:00Z",
        "asiadesk",
    ),
    # --- unrelated stories (background for the weights)
    art(
        "rates-1",
        "ecb",
        "ECB holds interest rates, signals cut in June",
        "The European Central Bank kept its key interest rate at 4% on Thursday and President "
        "Christine Lagarde said policymakers could start cutting in June as inflation in the euro "
        "zone slows toward the 2% target.",
        "2024-03-14T12:45:00Z",
        "finwire",
    ),
    art(
        "rates-2",
        "ecb",
        "Lagarde: June rate cut on the table as ECB stands pat",
        "Christine Lagarde said on Thursday the ECB would know much more by June, after the central "
        "bank left its deposit rate at a record 4% for a fourth meeting. Euro zone inflation eased to "
        "2.6% in February.",
        "2024-03-14T14:00:00Z",
        "marketsdaily",
    ),
    art(
        "probe-1",
        "probe",
        "Moon lander tips over after touchdown",
        "A privately built lunar lander tipped onto its side after touching down near the Moon's "
        "south pole, the company Lunatec said, but its solar panels still produce power.",
        "2024-03-13T08:00:00Z",
        "spacenews",
    ),
]

# Headlines only: same event in different words; same topic, different events.
HEADLINES: list[Article] = [
    art(
        "h1",
        "oculus",
        "Facebook to buy virtual reality firm Oculus for $2 billion",
        published="2024-03-25",
    ),
    art("h2", "oculus", "Facebook buys Oculus VR in $2bn deal", published="2024-03-25"),
    art("h3", "oculus", "Oculus VR acquired by Facebook for $2 billion", published="2024-03-25"),
    art("h4", "oculus", "Why Facebook paid $2 billion for Oculus", published="2024-03-25"),
    art(
        "h5",
        "mh370",
        "Search for missing Malaysia Airlines flight MH370 moves south",
        published="2024-03-25",
    ),
    art("h6", "mh370", "MH370 search shifts to southern Indian Ocean", published="2024-03-25"),
    art("h7", "mh370", "Malaysia Airlines MH370: search area moved", published="2024-03-25"),
    art("h8", "htc", "HTC One M8 review: a metal phone with two cameras", published="2024-03-25"),
    art("h9", "htc", "HTC unveils One M8 with dual camera", published="2024-03-25"),
    art("h10", "htc", "New HTC One M8 goes on sale today", published="2024-03-25"),
    art("h11", "gm", "GM recalls 1.5 million more cars over airbags", published="2024-03-25"),
    art(
        "h12", "gm", "General Motors expands recall by 1.5 million vehicles", published="2024-03-25"
    ),
    art("h13", "toyota", "Toyota to pay $1.2 billion to settle US probe", published="2024-03-25"),
    art(
        "h14",
        "toyota",
        "Toyota agrees $1.2bn settlement with US over safety",
        published="2024-03-25",
    ),
]
