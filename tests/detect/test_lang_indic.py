"""Detector vocabulary of Marathi, Nepali, Gujarati, Punjabi (Gurmukhi) and Odia (issue 14).

Per language, hand-written sentences (our own, not from the labelled corpora, which measure),
in this order: a block, a list of two services, a slowdown, an unblock and a regional shutdown
(partial) that must alert; a threat, a denial, a blocked road, a platform blocking accounts
and an outage named in the title ("title || body") that must not. Last, points of each
language's grammar or press usage: postpositions glued to names ("चीनने", "रुसले": short
names listed by hand, long ones CLDR's as prefixes), the negation after the verb ("घातलेली
नाही") or glued before it ("नगर्ने"), the past's auxiliary ("મૂક્યો હતો") or glued ending
("କରାଯାଇଥିଲା") telling history, a service's origin ("ਚੀਨੀ ਐਪ") yielding to the country
acting, and Odia's "କଟକଣା" (curbs) next to the city Cuttack ("କଟକ"). No native speaker
checked these sentences; they follow the grammar notes in each vocabulary file.

Expected alerts: "COUNTRY service action" (and "partial" for a regional one), "; " between
several, "" for none.
"""

from __future__ import annotations

import pytest

from bot.detect.places import name_patterns
from tests.detect.support import alerts, assert_table_shape

CASES: dict[str, list[tuple[str, str]]] = {
    "mr": [  # Marathi
        ("रशियाने टेलिग्रामवर बंदी घातली.", "RU telegram block"),
        (
            "इराण सरकारने इन्स्टाग्राम आणि व्हॉट्सॲप ब्लॉक केले.",
            "IR instagram block; IR whatsapp block",
        ),
        ("रशियात यूट्यूबचा वेग कमी करण्यात आला.", "RU youtube throttle"),
        ("नेपाळ सरकारने टिकटॉकवरील बंदी उठवली.", "NP tiktok unblock"),
        (
            "हिंसाचारानंतर मणिपूरमधील पाच जिल्ह्यांत मोबाईल इंटरनेट सेवा बंद करण्यात आली.",
            "IN internet block partial",
        ),
        ("रशिया व्हॉट्सॲपवर बंदी घालू शकते.", ""),
        ("टेलिग्रामवर बंदी घालण्याच्या बातमीचे दूरसंचार विभागाने खंडन केले.", ""),
        ("फेसबुकवरील आवाहनानंतर आंदोलकांनी महामार्ग बंद केला.", ""),
        ("फेसबुकने रशियन सरकारी माध्यमांची खाती ब्लॉक केली.", ""),
        (
            "व्हॉट्सॲपचा सर्व्हर डाऊन, वापरकर्ते त्रस्त || भारतात व्हॉट्सॲप दोन तास बंद झाले.",
            "",
        ),
        ("चीनने व्हॉट्सॲपवर बंदी घातली.", "CN whatsapp block"),
        ("पाकिस्तानने टिकटॉकवर बंदी घातलेली नाही.", ""),
    ],
    "ne": [  # Nepali
        ("नेपाल सरकारले टेलिग्राम बन्द गर्ने निर्णय गरेको छ।", "NP telegram block"),
        (
            "इरानले इन्स्टाग्राम र ह्वाट्सएपमा प्रतिबन्ध लगायो।",
            "IR instagram block; IR whatsapp block",
        ),
        ("रुसले युट्युबको गति कम गरेको छ।", "RU youtube throttle"),
        ("सरकारले टिकटकमाथिको प्रतिबन्ध हटायो।", "NP tiktok unblock"),
        (
            "भारतको मणिपुरका पाँच जिल्लामा मोबाइल इन्टरनेट बन्द गरिएको छ।",
            "IN internet block partial",
        ),
        ("रुसले ह्वाट्सएप बन्द गर्न सक्ने चेतावनी दिएको छ।", ""),
        ("नेपाल दूरसञ्चार प्राधिकरणले फेसबुक बन्द गरिएको समाचार खण्डन गरेको छ।", ""),
        ("फेसबुकमा आह्वान गरेपछि प्रदर्शनकारीले राजमार्ग बन्द गरे।", ""),
        ("फेसबुकले नक्कली अकाउन्टहरू ब्लक गरेको छ।", ""),
        (
            "ह्वाट्सएपमा प्राविधिक समस्या || नेपालमा ह्वाट्सएप दुई घण्टा बन्द भयो।",
            "",
        ),
        ("सरकारले टिकटक बन्द नगर्ने बताएको छ।", ""),
    ],
    "gu": [  # Gujarati
        ("રશિયાએ ટેલિગ્રામ પર પ્રતિબંધ મૂક્યો.", "RU telegram block"),
        (
            "ઈરાન સરકારે ઇન્સ્ટાગ્રામ અને વોટ્સએપ બ્લોક કર્યા.",
            "IR instagram block; IR whatsapp block",
        ),
        ("રશિયામાં યુટ્યુબની સ્પીડ ઘટાડી દેવામાં આવી.", "RU youtube throttle"),
        ("નેપાળ સરકારે ટિકટોક પરનો પ્રતિબંધ હટાવ્યો.", "NP tiktok unblock"),
        (
            "અમદાવાદ જિલ્લામાં મોબાઇલ ઇન્ટરનેટ સેવા બંધ કરવામાં આવી.",
            "IN internet block partial",
        ),
        ("રશિયા વોટ્સએપ પર પ્રતિબંધ મૂકી શકે છે.", ""),
        ("સરકારે ટિકટોક પર પ્રતિબંધના અહેવાલોનું ખંડન કર્યું.", ""),
        ("ફેસબુક પર અપીલ બાદ ખેડૂતોએ હાઇવે બંધ કર્યો.", ""),
        ("ફેસબુકે રશિયન સરકારી મીડિયાના એકાઉન્ટ બ્લોક કર્યા.", ""),
        (
            "વોટ્સએપનું સર્વર ડાઉન || ભારતમાં વોટ્સએપ બે કલાક બંધ રહ્યું.",
            "",
        ),
        ("ભારતે ટિકટોક પર પ્રતિબંધ મૂક્યો હતો.", ""),
        ("ચીનમાં ગૂગલ પર પ્રતિબંધ મૂકવામાં આવ્યો.", "CN google block"),
    ],
    "pa": [  # Punjabi (Gurmukhi)
        ("ਰੂਸ ਨੇ ਟੈਲੀਗ੍ਰਾਮ 'ਤੇ ਪਾਬੰਦੀ ਲਗਾ ਦਿੱਤੀ।", "RU telegram block"),
        (
            "ਈਰਾਨ ਸਰਕਾਰ ਨੇ ਇੰਸਟਾਗ੍ਰਾਮ ਅਤੇ ਵਟਸਐਪ ਬਲਾਕ ਕਰ ਦਿੱਤੇ।",
            "IR instagram block; IR whatsapp block",
        ),
        ("ਰੂਸ ਵਿੱਚ ਯੂਟਿਊਬ ਦੀ ਸਪੀਡ ਘਟਾ ਦਿੱਤੀ ਗਈ।", "RU youtube throttle"),
        ("ਨੇਪਾਲ ਸਰਕਾਰ ਨੇ ਟਿਕਟੌਕ ਤੋਂ ਪਾਬੰਦੀ ਹਟਾ ਦਿੱਤੀ।", "NP tiktok unblock"),
        (
            "ਪੰਜਾਬ ਦੇ ਚਾਰ ਜ਼ਿਲ੍ਹਿਆਂ ਵਿੱਚ ਮੋਬਾਈਲ ਇੰਟਰਨੈੱਟ ਸੇਵਾਵਾਂ ਮੁਅੱਤਲ ਕਰ ਦਿੱਤੀਆਂ ਗਈਆਂ।",
            "IN internet block partial",
        ),
        ("ਰੂਸ ਵਟਸਐਪ 'ਤੇ ਪਾਬੰਦੀ ਲਗਾ ਸਕਦਾ ਹੈ।", ""),
        ("ਸਰਕਾਰ ਨੇ ਫੇਸਬੁੱਕ 'ਤੇ ਪਾਬੰਦੀ ਦੀਆਂ ਖ਼ਬਰਾਂ ਦਾ ਖੰਡਨ ਕੀਤਾ।", ""),
        ("ਫੇਸਬੁੱਕ 'ਤੇ ਸੱਦੇ ਤੋਂ ਬਾਅਦ ਕਿਸਾਨਾਂ ਨੇ ਹਾਈਵੇ ਬੰਦ ਕਰ ਦਿੱਤਾ।", ""),
        ("ਫੇਸਬੁੱਕ ਨੇ ਰੂਸੀ ਸਰਕਾਰੀ ਮੀਡੀਆ ਦੇ ਅਕਾਊਂਟ ਬਲਾਕ ਕਰ ਦਿੱਤੇ।", ""),
        ("ਵਟਸਐਪ ਦਾ ਸਰਵਰ ਡਾਊਨ || ਭਾਰਤ ਵਿੱਚ ਵਟਸਐਪ ਦੋ ਘੰਟੇ ਬੰਦ ਰਿਹਾ।", ""),
        ("ਭਾਰਤ ਨੇ ਚੀਨੀ ਐਪ ਟਿਕਟੌਕ 'ਤੇ ਪਾਬੰਦੀ ਲਗਾਈ।", "IN tiktok block"),
    ],
    "or": [  # Odia
        ("ରୁଷିଆ ଟେଲିଗ୍ରାମ ଉପରେ ପ୍ରତିବନ୍ଧ ଲଗାଇଛି।", "RU telegram block"),
        (
            "ଇରାନ ସରକାର ଇନଷ୍ଟାଗ୍ରାମ ଓ ହ୍ୱାଟସଆପ ବ୍ଲକ କରିଛନ୍ତି।",
            "IR instagram block; IR whatsapp block",
        ),
        ("ରୁଷିଆରେ ୟୁଟ୍ୟୁବର ସ୍ପିଡ କମାଇ ଦିଆଯାଇଛି।", "RU youtube throttle"),
        ("ନେପାଳ ସରକାର ଟିକଟକ ଉପରୁ ପ୍ରତିବନ୍ଧ ହଟାଇଛନ୍ତି।", "NP tiktok unblock"),
        (
            "ସମ୍ବଲପୁର ଜିଲ୍ଲାରେ ମୋବାଇଲ ଇଣ୍ଟରନେଟ ସେବା ବନ୍ଦ କରାଯାଇଛି।",
            "IN internet block partial",
        ),
        ("ରୁଷିଆ ହ୍ୱାଟସଆପ ଉପରେ ପ୍ରତିବନ୍ଧ ଲଗାଇପାରେ।", ""),
        ("ସରକାର ଫେସବୁକ ବନ୍ଦ ହେବା ଖବରକୁ ଖଣ୍ଡନ କରିଛନ୍ତି।", ""),
        ("ଫେସବୁକରେ ଡାକରା ପରେ ଆନ୍ଦୋଳନକାରୀ ରାସ୍ତା ବନ୍ଦ କରିଦେଲେ।", ""),
        ("ଫେସବୁକ ରୁଷିଆର ସରକାରୀ ଗଣମାଧ୍ୟମର ଆକାଉଣ୍ଟ ବ୍ଲକ କରିଛି।", ""),
        ("ହ୍ୱାଟସଆପ ସର୍ଭର ଡାଉନ || ଭାରତରେ ହ୍ୱାଟସଆପ ଦୁଇ ଘଣ୍ଟା ବନ୍ଦ ରହିଲା।", ""),
        ("କଟକ ସହରରେ ଇଣ୍ଟରନେଟ କଟକଣା ଲାଗୁ କରାଯାଇଛି।", "IN internet block partial"),
        ("ଭାରତରେ ଟିକଟକ ବନ୍ଦ କରାଯାଇଥିଲା।", ""),
    ],
}
FLAT = [(lang, text, expected) for lang, cases in CASES.items() for text, expected in cases]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), FLAT, ids=[f"{lang}-{text[:30]}" for lang, text, _ in FLAT]
)
def test_sentence(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected


@pytest.mark.parametrize("lang", sorted(CASES))
def test_every_language_has_positives_and_traps(lang: str) -> None:
    assert_table_shape(CASES[lang])


@pytest.mark.parametrize(
    ("lang", "name", "pattern"),
    [
        ("mr", "India", "भारत*"),  # भारतात, भारताने, भारतीय
        ("ne", "Iran", "इरान*"),  # इरानले, इरानमा
        ("gu", "Russia", "રશિયા*"),  # રશિયામાં, રશિયાએ
        ("or", "Kazakhstan", "କାଜାଖସ୍ତାନ*"),  # the final virama of "କାଜାଖସ୍ତାନ୍" dropped
        ("or", "China", "ଚୀନ୍"),  # three letters: whole, its glued forms in or.toml
    ],
)
def test_glued_names_are_prefixes_of_four_letters_or_more(
    lang: str, name: str, pattern: str
) -> None:
    assert pattern in {p for p, _ in name_patterns(lang, "glued")}, name
